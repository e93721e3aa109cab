"""The headers offices give the columns of their sheets, as ``Spec``s for ``read_table``.

Patterns are searched in the header after ``header_key`` (no spaces, units, brackets or
punctuation; full-width forms folded), so '县（市、区）' reads '县市区' and
'1～6月完成投资（万元）' reads '1~6月完成投资'. The export writes headers that these
patterns read back (a test keeps the two in step).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from majorproj.excel.sheet import Spec, header_key
from majorproj.ledger import vocab

if TYPE_CHECKING:
    from majorproj.excel.sheet import Column, Hints, Table
    from majorproj.ledger.problems import Problem

CHARTS_SHEET = "图表"  # the export's sheet of charts and their data: no figures to import
_TO = "[-~至到—–〜]"  # 1-6月, 1~6月, 1至6月, 1—6月
_FROM = rf"(?<!\d)1月?{_TO}"  # and 1月-6月, 1月至6月 (not 11-12月)
_JANUARY = rf"(?<![\d~至到—–〜-])1月(?!\d|{_TO})"  # 1月 alone, not 1月-6月's
MONTH_RANGE = rf"{_FROM}\d{{1,2}}月"  # 1-6月, 1月至6月: this year's months
# the periods that run from 1 January, as reports name them, and their last month
PERIODS = {"第一季度": 3, "一季度": 3, "上半年": 6, "前三季度": 9, "全年": 12}
_FROM_JANUARY = "|".join(PERIODS)
# 本年1-N月 (or 本年/累计/年初至今/上半年/截至6月底) … 完成: this year's investment so far
_YTD = (rf"(?:({_FROM}\d{{1,2}}月|{_JANUARY}|本年|今年|年初|累计|"
        rf"(?<!第[二三四])(?<![二三四])(?:{_FROM_JANUARY})|截[至止]\d{{1,2}}月[底末]?)"
        rf".{{0,8}}完成|^(?!.*(?:资金|到位)).*{_FROM}\d{{1,2}}月份?(?:累计)?$)")
# and 1～6月, 1-6月份, 1-6月累计 alone (under 投资情况, not under 资金到位情况)
_NOT_YTD = (r"计划|占|率|比|%|上年|去年|前年|同期|以前|往年|开工|自(?!年初)|总投资|项目累计|"
            r"(?<!年初)至今累计|建设以来|目标|应完成|任务|进度|上月|上期|前期|预计|增幅|增速|增长|"
            # the month's own: 当月完成, 本年7月完成投资, 本年度投资完成情况/7月 (not 截至本月,
            # 本月累计; a month from February on alone, not 1-7月, 7月底 or 7月末, in a
            # header that says no 累计)
            r"(?<![至止])[当本]月(?![底末]|累计)|"
            r"^(?!.*累计).*(?<![\d~至到—–〜-])(?:[2-9]|1[0-2])月(?![底末])")

SEQ = Spec("seq", "序号", r"^(序号|编序|序)$", role="id")
ID = Spec("id", "项目编号", r"^(项目)?编号$|^台账编号$|^项目ID$", role="id")
CODE = Spec("code", "项目代码", r"项目代码|统一代码|备案代码|项目编码", role="id")
NAME = Spec("name", "项目名称", r"(项目|工程)(工程)?名称|^名称$|^项目$", role="id")
COUNTY = Spec("county", "县（市、区）",
              r"^(所在|所属|项目所在)?(县市区|区县市|县区|区县|县市|市县区|县|地区|属地|所在地)$",
              role="id")
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

# 备注: the export writes 未报送 there for a project that did not report
REMARK = Spec("remark", "备注", r"^备注$|^说明$")
# a row's own unit (万元 | 亿元 per row), which its amounts are in
ROW_UNIT = Spec("row_unit", "单位", r"^(?:计量|金额|货币)?单位$")

PROGRESS_SPECS = (SEQ, ID, CODE, NAME, COUNTY, COMPLETED_YTD, PROGRESS, ISSUES, ISSUE_CATEGORY,
                  FUNDING_SECURED, REMARK, ROW_UNIT, *FUNDING)

_MONTHS = re.compile(rf"{_FROM}(\d{{1,2}})月|(?<![\d~至到—–〜-])(1)月(?!\d|{_TO})|"
                     rf"截[至止](\d{{1,2}})月|(?<![二三四])({_FROM_JANUARY})")


def months_in_header(key_text: str) -> int | None:
    """N of a '1-N月' header (1 for '1月', 6 for 上半年 or 截至6月底; 6月累计, 6月底累计,
    至6月底, 本年累计完成投资（6月）: the sum to the end of one month), None when the header
    names no months."""
    found = _MONTHS.search(key_text)
    if not found:
        return _month_so_far(key_text)
    if found.group(4):
        return PERIODS[found.group(4)]
    return int(found.group(1) or found.group(2) or found.group(3))


def _month_so_far(key_text: str) -> int | None:
    """N of a sum to one month's end: one month named in a header that says 累计, or
    says the month's end (6月底, 6月末); not a month alone (其中：6月, 6月份当月)."""
    if "累计" not in key_text and not re.search(r"\d月份?[底末]", key_text):
        return None
    key = re.sub(r"(?<![\d月])(?:截至|截止|至|到)(?=\d{1,2}月)", "", key_text)
    named = {int(m) for m in _ONE_MONTH.findall(key)}
    return named.pop() if len(named) == 1 else None


# ── several columns for one amount: the one that is clearly meant, or none ─────────
# Sub-columns of a merged header that are not the figure: a part (其中：6月), the month
# alone, the month before, last year's, a first report superseded by the checked one.
_PASSED_OVER = re.compile(r"其中|^\d{1,2}月份?$|当月|^本月(完成)?(投资)?$|上月|同期|上年|去年|"
                          r"初报|预计|调整前|原报|快报")
# and those that are: the total, to the end of this month, the checked figure, this year
_MEANT = re.compile(r"合计|总计|本月累计|截[至止]本月|至本月|核定|调整后|终报|最终|审定|本年|今年")
_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
_THIS_MONTH, _LAST_MONTH = re.compile(r"^本月(份|报)?$"), re.compile(r"^上月(份|报)?$")


def choose(found: list[Column], sheet: str, hints: Hints) -> tuple[Column | None, str]:
    """The column meant among ``found`` (all answer the same spec), and why; None when
    the sheet does not say. In order: the column ``--column`` names; a visible column
    over hidden ones; the column whose 1-N月 is --month's; a sub-column of a merged
    header that is the figure (合计, 截至本月累计, 核定, this year's) over those that are
    not (其中：6月, 截至上月累计, 2023年同期, 初报)."""
    named = [(c, v) for c in found for v in hints.columns if _names(v, c, sheet)]
    if len({c.index for c, _ in named}) == 1:
        return named[0][0], f"--column {named[0][1]}"
    pool, why = list(found), []
    visible = [c for c in pool if not c.hidden]
    if visible and len(visible) < len(pool):
        why.append("over hidden " + ", ".join(c.letter for c in pool if c.hidden))
        pool = visible
    if len(pool) > 1 and hints.month is not None:
        agree = [c for c in pool if months_in_header(header_key(c.header)) == hints.month
                 and not (hints.year is not None and _other_year(c.header, hints.year))]
        if agree and len(agree) < len(pool):
            why.append(f"1-{hints.month}月 as the month imported, over " + ", ".join(
                f"{c.letter} '{_flat(c.header)}'" for c in pool if c not in agree))
            pool = agree
    if len(pool) > 1 and hints.year is not None:  # 至2023年底累计: the years before, not 1-N月
        before = [c for c in pool if _other_year(c.header, hints.year)
                  and COMPLETED_BEFORE.matches(header_key(c.header))]
        if before and len(before) < len(pool):
            why.append("over " + ", ".join(f"{c.letter} '{_flat(c.header)}'" for c in before)
                       + " (the years before)")
            pool = [c for c in pool if c not in before]
    if len(pool) > 1 and hints.year is not None:
        this_year = [c for c in pool if re.search(f"{hints.year}年|本年|今年",
                                                  header_key(c.header))
                     and not _other_year(c.header, hints.year)]
        other = [c for c in pool if _other_year(c.header, hints.year)]
        if len(this_year) == 1 and len(other) == len(pool) - 1:
            why.append(f"{hints.year}年, over " + ", ".join(
                f"{c.letter} '{_flat(c.header)}'" for c in other))
            pool = this_year
    if len(pool) > 1 and (own := _own_parts(pool)):
        passed = [c for c in pool if _passed_over(own[c.index], hints.year)]
        rest = [c for c in pool if c not in passed]
        meant = [c for c in rest if _meant(own[c.index], hints.year)]
        pick = rest if len(rest) == 1 else meant if len(meant) == 1 else []
        if not pick:  # 上月 | 本月 over 累计完成: this month's report over last month's
            now = [c for c in pool if _THIS_MONTH.match(header_key(own[c.index]))]
            if len(now) == 1 and all(_LAST_MONTH.match(header_key(own[c.index]))
                                     for c in pool if c is not now[0]):
                pick = now
        if pick:
            others = [c for c in pool if c is not pick[0]]
            why.insert(0, f"{own[pick[0].index]}, over " + ", ".join(
                f"{c.letter} '{own[c.index]}'" for c in others))
            pool = pick
    if len(pool) != 1:
        return None, ""
    return pool[0], "; ".join(why)


def _flat(header: str) -> str:
    return header.replace("\n", "")


def _names(value: str, column: Column, sheet: str) -> bool:
    """Whether ``--column value`` (F, Sheet1!F, or the header as the output shows it)
    names ``column`` of ``sheet``."""
    from majorproj.excel.text import squeeze

    where, _, what = value.rpartition("!")
    if where and squeeze(where) != squeeze(sheet):
        return False
    if what.strip().upper() == column.letter:
        return True
    return header_key(what) == header_key(column.header)


def _own_parts(pool: list[Column]) -> dict[int, str]:
    """What tells sub-columns of one header apart: each column's header rows that the
    others do not share ('合计' of '1-6月完成投资/合计'), or what follows the header they
    share ('核定' of '1-6月完成投资（核定）'). Empty when the columns share no header: then
    '其中' or '合计' says nothing of which is meant."""
    parts = {c.index: c.header.split("/") for c in pool}
    common = set.intersection(*(set(p) for p in parts.values()))
    if common:
        return {i: "/".join(_flat(p) for p in ps if p not in common) for i, ps in parts.items()}
    keys = {c.index: header_key(c.header) for c in pool}
    prefix = os.path.commonprefix(list(keys.values()))
    if len(prefix) < 4:  # '1-6月完成投资' shared, not a stray '1-'
        return {}
    return {i: key[len(prefix):] for i, key in keys.items()}


# a month named alone: not in a range (5月至6月), nor a day's (7月3日)
_ONE_MONTH = re.compile(r"(?<![\d~至到—–〜-])(1[0-2]|[1-9])月份?(?![\d~至到—–〜-])")


# when the sheet was filled or sent, not what it reports: 填报日期：2024年8月 on July's sheet
_FILING_DATE = re.compile(r"(?:填报|填表|报送|制表|统计|打印)(?:日期|时间)[:：]?\s*"
                          r"[\d年月日号.\-/]*")


def months_in_title(text: str) -> int | None:
    """N of the months a sheet's title says its figures are of: 1-N月 or 截至N月 as in a
    header, else one month named alone (某县2024年5月重点项目调度表 is May's); None when it
    names none or several (a day, 7月5日, is a date, not the figures' month; nor is a
    填报日期)."""
    key = header_key(_FILING_DATE.sub("", text))
    if (months := months_in_header(key)) is not None:
        return months
    named = {int(m) for m in _ONE_MONTH.findall(key)}
    return named.pop() if len(named) == 1 else None


def title_of_another_year(table: Table, year: int) -> Problem | None:
    """E502 for a sheet whose title names years, none of them the ledger's (某县2023年1-7月
    重点项目调度表 in a 2024 ledger): last year's sheet, whatever its columns say."""
    row, title = table.title
    said = years_in_header(header_key(_FILING_DATE.sub("", title)))
    if not said or year in said:
        return None
    return table.problem(row, "E502", f"the sheet's title '{title}' speaks of {said[0]}年, but "
                         f"the ledger is of {year}", "import the sheet into that year's ledger, "
                         "or correct the title")


def years_in_header(key_text: str) -> list[int]:
    """The years a header names: [2023] of '2023年1-6月完成投资'."""
    return [int(y) for y in _YEAR.findall(key_text)]


def _other_year(header: str, year: int) -> bool:
    return any(y != year for y in years_in_header(header_key(header)))


def _passed_over(text: str, year: int | None) -> bool:
    key = header_key(text)
    other_year = year is not None and _other_year(text, year)
    return other_year or bool(_PASSED_OVER.search(key))


def _meant(text: str, year: int | None) -> bool:
    key = header_key(text)
    return bool(_MEANT.search(key)) or (year is not None and f"{year}年" in key)

# ── the annual project list (年度项目明细表) ──────────────────────────────────────

LEVEL = Spec("level", "级别", r"级别|^层级$|重点类别|^项目层级$")
NATURE = Spec("nature", "项目性质", r"性质|^项目类型$")
SECTOR = Spec("sector", "行业", r"行业|产业类别|^领域$|项目类别|^类别$")
SCALE = Spec("scale", "建设内容及规模", r"建设(内容|规模)|主要建设内容|规模及内容")
YEARS = Spec("years", "建设起止年限", r"起止年限|建设年限|起止年份|建设期限|建设周期|起止时间")
TOTAL_INVESTMENT = Spec("total_investment", "总投资", r"总投资", r"完成|累计|占|率",
                        role="amount")
COMPLETED_BEFORE = Spec("completed_before", "至上年底累计完成投资",
                        r"(上年底|上年末|以前年度|往年|\d{4}年底|\d{4}年末|\d{4}年(及以|以)前).{0,6}完成"
                        r"|完成投资.{0,2}(截至|截止|至)(上年|\d{4}年)(底|末)", role="amount")
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
BATCHES = Spec("batches", "三个一批", r"三个一批", r"三个一批.*(开工|投产|达效)一批")
# or a column for each batch, marked (√) for its projects: 三个一批 over 开工一批 | 投产一批 | …
BATCH_MARKS = tuple(Spec(f"batch.{key}", name, rf"^(三个一批.*)?{name}$")
                    for key, name in vocab.BATCHES.items())

PROJECT_SPECS = (SEQ, ID, CODE, NAME, COUNTY, LEVEL, NATURE, SECTOR, SCALE, YEARS,
                 TOTAL_INVESTMENT, COMPLETED_BEFORE, ANNUAL_PLAN, OWNER, UNIT, LEADER,
                 PLANNED_START, PLANNED_COMPLETION, TAGS, BATCHES, *BATCH_MARKS)
