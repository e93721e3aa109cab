"""The format's fixed vocabularies, each value with the Chinese term offices use.

The keys are the contract (they appear in ledger files and in JSON output); the
Chinese names are what tables, sheets and the report print.
"""

LEVELS = {"provincial": "省重点", "municipal": "市重点", "county": "县重点"}

NATURES = {"new": "新开工", "continuing": "续建", "preparatory": "预备"}

BATCHES = {"start": "开工一批", "production": "投产一批", "efficiency": "达效一批"}

# the milestone that achieves each batch of 三个一批
BATCH_MILESTONES = {"start": "started", "production": "production", "efficiency": "efficiency"}

MILESTONES = {"started": "开工", "production": "投产", "efficiency": "达效", "completed": "竣工"}

# what achieving each batch is called: 开工, 投产, 达效 (已开工 61个)
BATCH_VERBS = {batch: MILESTONES[milestone] for batch, milestone in BATCH_MILESTONES.items()}

PROCEDURES = {
    "approval": "立项",
    "land": "用地",
    "planning": "规划",
    "eia": "环评",
    "permit": "施工许可",
    "forest": "用林",
    "sea": "用海",
    "energy": "能评",
}

PROCEDURE_STATUSES = {
    "done": "已办结",
    "in_progress": "办理中",
    "not_started": "未启动",
    "not_required": "不涉及",
}

FUNDING_SOURCES = {
    "central_budget": "中央预算内资金",
    "special_bonds": "专项债券",
    "transfer": "上级转移支付",
    "policy_finance": "政策性开发性金融工具",
    "bank_loans": "银行贷款",
    "self_raised": "自筹资金",
    "other": "其他",
}

ISSUE_CATEGORIES = {
    "land": "土地",
    "forest": "用林",
    "sea": "用海",
    "planning": "规划",
    "eia": "环评",
    "energy": "能耗",
    "funding": "资金",
    "demolition": "征地拆迁",
    "approval": "审批",
    "other": "其他",
}

# 督办 (an issue handed to a unit with a deadline): where its handling stands
ISSUE_STATUSES = {"pending": "待办理", "in_progress": "推进中", "done": "已办结",
                  "extension": "申请延期"}

LIGHTS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}

# what the figures are grouped by (``summary --by``, the keys of Summary.groups)
GROUPINGS = {"level": "级别", "county": "县（市、区）", "sector": "行业", "tag": "专项"}
