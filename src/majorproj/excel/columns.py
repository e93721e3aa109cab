"""The headers offices give the columns of their sheets, as ``Spec``s for ``read_table``.

Patterns are searched in the header after ``header_key`` (no spaces, units, brackets or
punctuation; full-width forms folded), so '县（市、区）' reads '县市区' and
'1～6月完成投资（万元）' reads '1~6月完成投资'. The export writes headers that these
patterns read back (a test keeps the two in step).
"""

from __future__ import annotations

import re

from majorproj.excel.sheet import Spec
from majorproj.ledger import vocab

_TO = "[-~至到—–〜]"  # 1-6月, 1~6月, 1至6月, 1—6月
# 本年1-N月 (or 本年/累计/年初至今) … 完成: this year's investment so far
_YTD = rf"(1{_TO}\d{{1,2}}月|(?<![\d~至到—–〜-])1月(?!\d)|本年|今年|年初|累计).{{0,8}}完成"
_NOT_YTD = r"计划|占|率|比|%|上年|以前|往年|开工|自|总|项目累计|至今累计|建设以来"

SEQ = Spec("seq", "序号", r"^(序号|编序|序)$", role="id")
ID = Spec("id", "项目编号", r"^(项目)?编号$|^台账编号$|^项目ID$", role="id")
CODE = Spec("code", "项目代码", r"项目代码|统一代码|备案代码|项目编码", role="id")
NAME = Spec("name", "项目名称", r"项目名称|^名称$|^项目$", role="id")
COUNTY = Spec("county", "县（市、区）",
              r"^(所在|所属|项目所在)?(县市区|县区|区县|县市|市县区|县|地区|属地)$", role="id")
COMPLETED_YTD = Spec("completed_ytd", "1-N月完成投资", _YTD, _NOT_YTD, role="amount")
PROGRESS = Spec("progress", "形象进度",
                r"形象进度|工程进度|进展情况|项目进展|建设进度|进度情况", r"序时")
ISSUES = Spec("issues", "存在问题", r"存在的?问题|困难和?问题|问题及建议|存在困难|主要问题")

# 本年到位资金 by source, when a sheet has them: the header (with its parent rows) must
# say 到位 and name the source, e.g. 本年到位资金/专项债券
_SOURCES = {"central_budget": "中央预算内", "special_bonds": "专项债", "transfer": "转移支付",
            "policy_finance": "政策性(开发性)?金融", "bank_loans": "银行贷款|贷款",
            "self_raised": "自筹", "other": "其他"}
FUNDING = tuple(Spec(f"funding.{key}", f"本年到位资金（{vocab.FUNDING_SOURCES[key]}）",
                     rf"到位.*({pattern})", role="amount") for key, pattern in _SOURCES.items())

ISSUE_CATEGORY = Spec("issue_category", "问题类别", r"问题类别|问题分类|问题类型")
# the total, when a sheet has one column of it; a column naming a source is FUNDING's
FUNDING_SECURED = Spec("funding_secured", "本年累计到位资金", r"到位资金|资金到位",
                       r"计划|率|占|上月|" + "|".join(_SOURCES.values()), role="amount")

PROGRESS_SPECS = (SEQ, ID, CODE, NAME, COUNTY, COMPLETED_YTD, PROGRESS, ISSUES, ISSUE_CATEGORY,
                  FUNDING_SECURED, *FUNDING)

_MONTHS = re.compile(rf"1{_TO}(\d{{1,2}})月|(?<![\d~至到—–〜-])(1)月(?!\d)")


def months_in_header(key_text: str) -> int | None:
    """N of a '1-N月' header (1 for '1月'), None when the header names no months."""
    found = _MONTHS.search(key_text)
    if not found:
        return None
    return int(found.group(1) or found.group(2))

# ── the annual project list (年度项目明细表) ──────────────────────────────────────

LEVEL = Spec("level", "级别", r"级别|^层级$|重点类别|^项目层级$")
NATURE = Spec("nature", "项目性质", r"性质|^项目类型$")
SECTOR = Spec("sector", "行业", r"行业|产业类别|^领域$|项目类别|^类别$")
SCALE = Spec("scale", "建设内容及规模", r"建设(内容|规模)|主要建设内容|规模及内容")
YEARS = Spec("years", "建设起止年限", r"起止年限|建设年限|起止年份|建设期限|建设周期|起止时间")
TOTAL_INVESTMENT = Spec("total_investment", "总投资", r"总投资", r"完成|累计|占|率",
                        role="amount")
COMPLETED_BEFORE = Spec("completed_before", "至上年底累计完成投资",
                        r"(上年底|上年末|以前年度|\d{4}年底|\d{4}年末).{0,6}完成", role="amount")
ANNUAL_PLAN = Spec("annual_plan", "本年计划投资",
                   r"(本年|年度|\d{4}年)(度)?计划(完成)?投资|年度投资计划|^本年计划$",
                   r"完成率|占|%|率", role="amount")
OWNER = Spec("owner", "建设单位", r"建设单位|项目单位|业主单位|项目业主|实施单位")
UNIT = Spec("unit", "责任单位", r"责任单位|牵头单位|主管单位|责任部门|牵头部门")
LEADER = Spec("leader", "包联领导", r"包联|挂点|联系.{0,2}领导|领导")
PLANNED_START = Spec("planned_start", "计划开工时间", r"开工(时间|日期|年月)", r"实际")
PLANNED_COMPLETION = Spec("planned_completion", "计划竣工（投产）时间",
                          r"(竣工|投产|完工)(时间|日期|年月)", r"实际")
TAGS = Spec("tags", "专项", r"专项|标签")
BATCHES = Spec("batches", "三个一批", r"三个一批")

PROJECT_SPECS = (SEQ, ID, CODE, NAME, COUNTY, LEVEL, NATURE, SECTOR, SCALE, YEARS,
                 TOTAL_INVESTMENT, COMPLETED_BEFORE, ANNUAL_PLAN, OWNER, UNIT, LEADER,
                 PLANNED_START, PLANNED_COMPLETION, TAGS, BATCHES)
