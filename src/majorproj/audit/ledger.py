"""Comparing a report's figures with the ledger's, for the figures that name a metric.

A figure names a metric by the words before it (总投资795亿元, 年度计划投资228亿元,
完成投资174.3亿元, 开工率86.7%, 占年度计划的76.4%, 超序时进度26.4个百分点, 履约率,
计划新开工项目120个, 已开工104个, “开工一批”项目70个, 已竣工3个, 亮红灯项目12个, 重点
项目130个) and belongs to a set of projects by the words of its sentence: 全市 (or none),
省重点 / 市重点 / 县重点, a county's name or a tag's name (临江市重点项目 is the county's, and
某市重点项目, the city's own name, the whole's: a place's name before 重点 is no level). A
figure whose set is unclear (two levels, a level and a county, a county and a sector or
tag: 东湖区灾后重建项目, 省重点产业项目) or whose passage names other months than the
period's is not compared. The ledger's figure is exact: the printed one holds when the
ledger's rounds to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from majorproj.audit.claim import Claim
from majorproj.audit.interval import Interval, holds, printed_like
from majorproj.audit.numbers import (
    COMPARED,
    NOT_THE_WHOLE,
    Figure,
    boundary_before,
    closed_brackets_around,
    figures,
    in_respective_list,
    label,
    normalise,
    noun,
    sentence_start,
    small_number,
    unit_scale,
)
from majorproj.audit.ranks import compare_ranks
from majorproj.ledger import vocab

if TYPE_CHECKING:
    from majorproj.metrics import Figures, ProjectStatus, Summary

_LEVELS = {"省": "provincial", "市": "municipal", "县": "county"}
# 省重点项目, and a kind of them: 省重点产业项目 names the level and the sector at once
_LEVEL = re.compile(r"(?<![全我本])(?P<levels>[省市县](?:、?[省市县])*)(?:级)?重点"
                    r"[\u4e00-\u9fa5]{0,6}?项目")
_BATCHES = {"开工一批": ("start", "开工"), "投产一批": ("production", "投产"),
            "达效一批": ("efficiency", "达效")}
_NUMERAL = r"\d{1,2}|十[一二]?|[一二三四五六七八九]"
_MONTHS = re.compile(rf"(?:1|一)\s?[-—–~～至到]\s?(?P<n>{_NUMERAL})月"
                     rf"|前(?P<first>{_NUMERAL})个?月"
                     rf"|(?:(?:截[至止]|到|至)(?:(?:19|20)\d\d年)?|(?<![-—–~～至到\d]))"
                     r"(?P<end>\d{1,2})月(?:底|末|(?:2[89]|3[01])日)"
                     r"|(?P<named>上半年|前三季度|一季度|第一季度)")
_NAMED_MONTHS = {"上半年": 6, "前三季度": 9, "一季度": 3, "第一季度": 3}
# a month alone (6月份, 其中5月), not the end of a range (1-6月) nor a day (截至6月底, 6月30日)
_ONE_MONTH = r"(?<![-—–~～至止到\d])\d{1,2}月(?:份)?(?![底末\d])"
# what makes 完成投资 another figure than the period's: a plan or target, what is left,
# since the start of construction, the second half
_NOT_DONE = r"计划(?:完成|投资)|力争|目标|任务|还需|尚需|仍需|需要?完成|预计|下半年|以来"
# a rate aimed at, in its clause: 确保完成年度计划的105%, 力争完成率达到90%
_AIMED_AT = r"确保|力争|争取|预计|目标|还需|尚需|仍需"
# said anywhere in its clause: a quarter other than the first, months not from January
_OTHER_SPAN = (r"(?<![前第一])[二三四]季度|第[二三四]季度"
               r"|(?<![\d.])(?:[2-9]|1[0-2])\s?[-—–~～至到]\s?\d{1,2}月"
               # or since construction began: 开工以来，云台县累计完成投资86亿元
               r"|(?:开工|建设|开建|实施)以来|开工至今")


def aimed_or_apart(words: str) -> bool:
    """Whether ``words`` set a target (力争, 确保, 预计 …) or speak of other months than
    the months so far (二季度, 4-6月, 开工以来): their figures are not the period's."""
    return re.search(_AIMED_AT, words) is not None or re.search(_OTHER_SPAN, words) is not None


_SO_FAR = re.compile(r"累计|(?:1|一)\s?[-—–~～至到]\s?\d{1,2}月|年初以来|今年以来|上半年|前三季度")
_NOT_A_TOTAL = re.compile(r"已|未|计划|开工|投产|竣工|达效|完工|灯|滞后|逾期|新建|续建|储备|前期|"
                          r"手续|一批|如下|在建|督办|包联|重建项目中|余")


# the plan a share is of, printed inside it: 占年度计划228亿元的76.4%
_PLAN_OF_A_SHARE = re.compile(r"(?:占|完成)(?:年度|全年|本年)(?:投资)?计划$")


def compare(passage: str, summary: Summary) -> list[Claim]:
    """The figures of ``passage`` that name a metric, judged against ``summary``."""
    text = normalise(passage)
    if passed_over(text, summary):
        return []
    found = figures(text)
    claims = []
    # by family: the sentence and metric of the last figure judged, and whether it was
    # a part (其中…) of the one before
    last: dict[str, tuple[int, tuple, bool]] = {}
    unnamed: dict[str, tuple[int, int]] = {}  # by family: the last figure naming no metric
    for i, fig in enumerate(found):
        if fig.value is None or fig.approx or text.startswith("的", fig.end) \
                and not _PLAN_OF_A_SHARE.search(text, 0, fig.start):
            continue  # 总投资169.6亿元的项目: the figure describes some projects, not a set
        sentence = sentence_start(text, fig.start)
        if of_another_year(text[sentence:fig.start], summary.year):
            continue  # 去年同期…, 2023年上半年…: last year's figure, quoted to compare
        named = metric_of(text, found, i, summary)
        carried = _carried(text, found, i, sentence, last.get(fig.family), summary)
        if carried is not None and (named is None or carried[1] and named[0] == "项目数"):
            named = carried[0]
        whole = unnamed.get(fig.family)
        if carried is None and whole is not None and whole[0] == sentence \
                and "其中" in text[whole[1]:fig.start]:
            continue  # 全市进度滞后项目26个，其中省重点项目10个: parts of a figure not compared
        if named is None:
            unnamed[fig.family] = (sentence, fig.end)
            continue
        last[fig.family] = (sentence, named, bool(carried and carried[1]))
        if len(named) == 3 and named[2] != (summary.report_month or summary.period.month):
            continue  # 其中5月完成投资41.0亿元 in June's report: May's month alone
        words, metric = named[:2]
        if words == "开工率" and _BATCH.search(text, sentence, fig.start):
            continue  # “开工一批”项目70个…开工率87.1%: the batch's rate, not the 新开工's
        if in_respective_list(text, found, i):
            continue  # 省、市重点项目分别完成投资127亿元、47.3亿元: each set's by order alone
        if _names_a_project(text[sentence:fig.start], summary):
            continue  # 临江至南岭高速公路项目完成投资…: one project's figure
        scope = _scope(text, found, i, summary)
        if scope is None and (words.startswith("“") or words in ("亮红灯项目", "亮黄灯项目")) \
                and not _mentions(text[:fig.start], summary):
            scope = "全市", summary.overall  # 三个一批, lights: the city's, when no set is named
        if scope is None:
            continue
        scope_name, group = scope
        if fig.family != "count" and words != "开工率" and _counted_apart(text, found, i, group):
            continue
        claim = set_judged(fig, words, metric, group, scope_name, summary)
        if claim is not None:
            claims.append(claim)
    return sorted(claims + compare_ranks(passage, summary), key=lambda c: c.start)


def set_judged(fig: Figure, words: str, metric: Callable[[Figures], Decimal | None],
               group: Figures, scope: str, summary: Summary) -> Claim | None:
    """Figure ``fig`` judged as the set ``scope``'s (its figures ``group``) of the metric
    ``words`` names, or None when the set has no such figure; a gap against 序时进度 also
    holds as worked out from the printed rate."""
    value = metric(group)
    if value is None:
        return None
    ways = gaps_from_printed_rate(group.completion_rate, summary.period.month,
                                  words.startswith("落后")) if "序时进度" in words else ()
    return judged(fig, words, value, scope, summary, ways)


def metric_named(words: str, fig: Figure) -> tuple[str, Callable[[Figures], Decimal | None]] | None:
    """(words, metric) that ``words`` name for a figure like ``fig``, as a sentence's
    words before it would (投资完成率82.5%, 完成投资18.3亿元, 落后序时进度22.4个百分点); None
    when they name none, or a single month's."""
    said = words + fig.text
    found = figures(said)
    named = metric_of(said, found, len(found) - 1)
    return None if named is None or len(named) == 3 else named[:2]


def _carried(text: str, found: list[Figure], i: int, sentence: int,
             last: tuple[int, tuple, bool] | None, summary: Summary
             ) -> tuple[tuple, bool] | None:
    """(the metric, whether a part) that figure ``i`` takes from the figure of its family
    before it in the sentence when its words only name a set: a part after 其中 (已竣工项目3个，
    其中市重点项目3个: 竣工 of 市重点), each part listed after it with 、 (…4个、市重点项目8个),
    and a set named after a comma (东湖区完成投资19亿元，西山区17亿元: 西山区's 完成投资)."""
    if last is None or last[0] != sentence or not i:
        return None
    words = label(text, found, i)
    between = text[found[i - 1].end:found[i].start]
    if words.startswith("其中"):
        part = True
    elif between.startswith(("、", "和", "及", "与")):
        part = last[2]
        if not part:
            return None  # 东湖区、西山区…: sets named together, not parts
    elif re.match(r"[，,]", between):
        part = False
    else:
        return None
    name = re.sub(r"^(?:其中|[、和及与，,\s])+", "", words)
    if not name or not _bare(name, _set_names(summary)) or not _mentions(name, summary):
        return None
    return last[1], part


def _after_a_list_of_parts(text: str, sentence: int, offset: int, mentions: list[_Mention]
                           ) -> _Mention | Literal[False] | None:
    """For a figure whose own clause names no set, after the parts listed after 其中: the
    set the parts are of (全市共实施重点项目130个，其中省重点项目60个、市重点项目70个；完成投资
    174.3亿元: 全市's), when the list has several parts or ends with ；; False when it has one
    part and goes on after a comma (其中省重点项目60个，完成投资127亿元: the part's, or the
    whole's?); None for a figure that is not after such a list. A sentence that names no
    set goes on from such a list ending the sentence before it."""
    start = sentence
    if sentence and not any(m.start >= sentence for m in mentions):
        start = sentence_start(text, sentence - 1)
    part = text.rfind("其中", start, offset)
    if part < 0:
        return None
    clause = max(boundary_before(text, offset, "，,；;"), sentence)
    inner = [m for m in mentions if part <= m.start < offset and m.grouping != "overall"]
    if not inner or clause <= inner[-1].end or any(m.start >= clause for m in mentions):
        return None
    outer = [m for m in mentions if start <= m.start < part]
    if len(inner) < 2 and not re.search("[；;。]", text[inner[-1].end:clause]):
        return False
    return outer[-1] if outer else False


def _part_of_another_set(text: str, sentence: int, offset: int, mentions: list[_Mention]) -> bool:
    """Whether the set named after 其中 is a part of another set than the whole (东湖区重点项目
    18个，其中省重点项目11个: 东湖区's 省重点项目, which are neither all of 东湖区 nor all 省重点;
    全市灾后重建项目51个，其中东湖区1个). 其中 opening the sentence is a part of the sentence
    before's set. A 其中 of an earlier clause (…其中计划新开工55个…；市重点项目70个) is not this
    figure's."""
    part = text.rfind("其中", max(sentence, boundary_before(text, offset, "；;")), offset)
    if part < 0:
        return False
    inner = [m for m in mentions if part <= m.start < offset and m.grouping != "overall"]
    if not inner:
        return False
    opens = sentence and not text[sentence:part].strip()
    outer_start = sentence_start(text, sentence - 1) if opens else sentence
    outer = {(m.grouping, m.key) for m in mentions
             if outer_start <= m.start < part and m.grouping != "overall"}
    return bool(outer - {(inner[-1].grouping, inner[-1].key)})


def _counted_apart(text: str, found: list[Figure], i: int, group: Figures) -> bool:
    """Whether the clause counts its projects (计划开工的30个项目, 计划新开工项目120个)
    otherwise than the set has: its amounts and rates are then some other projects'."""
    sentence = boundary_before(text, found[i].start, "。；;！？!?")
    for j in range(i):
        fig = found[j]
        if fig.start < sentence or fig.family != "count" or fig.value is None:
            continue
        counts_projects = re.search(r"项目$", label(text, found, j)) or re.match(
            r"[\u4e00-\u9fa5、]{0,10}?项目", noun(text, found, j))
        if counts_projects and fig.value != group.projects:
            return True
    return False


def gaps_from_printed_rate(completion_rate: Decimal | None, month: int, behind: bool = False
                           ) -> list[Decimal]:
    """The gap as offices also work it out: from the 完成率 as printed (one place), less
    the time progress exact or as printed (64.4% − 41.7% = 22.7 where the exact gap is
    22.78): a report that does so is right by its own figures."""
    if completion_rate is None:
        return []
    tenth = Decimal("0.1")
    rate = (completion_rate * 100).quantize(tenth, rounding=ROUND_HALF_UP)
    progress = Decimal(month) / 12 * 100
    gaps = [rate - progress, rate - progress.quantize(tenth, rounding=ROUND_HALF_UP)]
    return [-g for g in gaps] if behind else gaps


def judged(fig: Figure, words: str, value: Decimal, scope: str, summary: Summary,
            ways: Sequence[Decimal] = ()) -> Claim:
    """The printed figure against the ledger's exact ``value`` (万元, percent or points),
    or any of the other ``ways`` it may be worked out."""
    assert fig.value is not None
    scale = unit_scale(fig.unit)
    value = value / scale  # in the printed unit: 亿元, ‰
    ok = any(holds(fig.value, fig.places, Interval.exact(v)) for v in (value, *(
        w / scale for w in ways)))
    expected = printed_like(value, fig.places, fig.text) + fig.unit
    basis = f"the ledger's {words} of {scope} for {summary.period.shown}"
    return Claim("ledger", fig.start, fig.text, words + fig.text, ok, expected, basis)


def passed_over(text: str, summary: Summary) -> bool:
    """Whether no figure of the passage is compared as text: a Markdown table row (its
    words name a project, its figures are columns: ``ledger_tables`` reads them), or a
    passage that names other months than the period's."""
    return text.lstrip().startswith("|") or other_months(text, summary)


def other_months(text: str, summary: Summary) -> bool:
    """Whether the passage speaks of other months than the figures' (1-8月 in a 上半年 report)."""
    months = {summary.period.month, summary.report_month or summary.period.month}
    for match in _MONTHS.finditer(text):
        if COMPARED.search(text, max(0, match.start() - 8), match.start()):
            continue  # 比1-5月增加42亿元: the months compared with
        said = small_number(match["n"] or match["first"] or match["end"] or "") \
            or _NAMED_MONTHS.get(match["named"] or "", 0)
        if said not in months:
            return True
    return False


_LAST_YEAR = re.compile(r"(?<![较比与同于])(?:去年|上年)(?!底)"
                        r"|(?<![较比与同于])(?<!去年)(?<!上年)同期"
                        r"|(?P<year>(?:19|20)\d\d)年|(?P<now>今年|本年)")
_BATCH = re.compile(r"(?:开工|投产|达效)一批")


def of_another_year(before: str, year: int) -> bool:
    """Whether the last year the words name before a figure is another than ``year``
    (去年, 上年, 同期, 2023年; not 较去年同期, which compares with it)."""
    if "年" not in before and "期" not in before:
        return False  # (each of those words holds one: the search is not needed)
    last = None
    for match in _LAST_YEAR.finditer(before):
        last = match
    if last is None or last["now"]:
        return False
    return last["year"] is None or int(last["year"]) != year


_PROJECT_NAMES: dict[int, tuple[Summary, _Names]] = {}


class _Names(NamedTuple):
    """The ledger's project names (and those without 项目 or 工程), made once a summary."""

    by_tail: dict[str, tuple[str, ...]]  # those of 4 characters or more, by their last two
    projects: dict[str, tuple[ProjectStatus, ...]]  # the projects of each (spaces out too)


def _names_a_project(before: str, summary: Summary) -> bool:
    """Whether the words before a figure name one of the ledger's projects (with or
    without its 项目 or 工程): its figure is the project's, not a set's."""
    return project_named(before, summary) is not None


def project_named(before: str, summary: Summary
                  ) -> tuple[str, int, tuple[ProjectStatus, ...]] | None:
    """The project name that ends last in ``before`` (the longest of those ending there),
    where it ends, and the ledger's projects of that name; None when it names none."""
    names = _project_names(summary)
    for end in range(len(before), 1, -1):
        found = [n for n in names.by_tail.get(before[end - 2:end], ())
                 if before.endswith(n, 0, end)]
        if found:
            name = max(found, key=len)
            return name, end, names.projects[name]
    return None


def projects_named(name: str, summary: Summary) -> tuple[ProjectStatus, ...]:
    """The ledger's projects whose name, or name without 项目 or 工程, is ``name`` (spaces
    in it or in theirs aside): a table's row, a sentence's subject."""
    return _project_names(summary).projects.get(name, ())


def _project_names(summary: Summary) -> _Names:
    kept = _PROJECT_NAMES.get(id(summary))
    if kept is not None and kept[0] is summary:
        return kept[1]
    projects: dict[str, tuple[ProjectStatus, ...]] = {}
    for s in summary.projects:
        name = s.project.name
        bare = re.sub(r"(?:项目|工程)$", "", name)
        for n in dict.fromkeys((name, bare, re.sub(r"\s", "", name), re.sub(r"\s", "", bare))):
            projects[n] = projects.get(n, ()) + (s,)
    by_tail: dict[str, tuple[str, ...]] = {}
    for name in projects:
        if len(name) >= 4:
            by_tail[name[-2:]] = by_tail.get(name[-2:], ()) + (name,)
    _PROJECT_NAMES.clear()
    _PROJECT_NAMES[id(summary)] = (summary, _Names(by_tail, projects))
    return _PROJECT_NAMES[id(summary)][1]


def names_a_set(words: str, summary: Summary) -> bool:
    """Whether ``words`` name a set of projects (全市, a level, a county, a sector, a tag)."""
    return bool(_mentions(words, summary))


# 同比 said of the amount done: its growth, its increase, and its rate's change in points
_YEAR_BEFORE = r"[，,]?\s*(?:同比|[较比](?:去年|上年)同期)"
_GROWTH = _YEAR_BEFORE + r"增长(?:了)?"
_INCREASE = _YEAR_BEFORE + r"(?:增长|增加|多)(?:了)?"
_RATE_UP = (r"(?:完成率|占年度计划的?[\d.]+%)[^，,；;。]*[，,]?\s*同比(?:提高|提升|上升)(?:了)?$")
# and a fall, as the report words it (减少900万元、同比下降11.3%): the same figures, negated
_FALL = _YEAR_BEFORE + r"(?:下降|减少|回落)(?:了)?"
_DECREASE = _YEAR_BEFORE + r"(?:减少|下降|少)(?:了)?"
_RATE_DOWN = (r"(?:完成率|占年度计划的?[\d.]+%)[^，,；;。]*[，,]?\s*同比(?:下降|回落|降低)(?:了)?$")
# (sign, the growth's words, the increase's, the rate change's, the metrics they name):
# a rise, and a fall compared as the ledger's figure negated
_CHANGES = ((1, _GROWTH, _INCREASE, _RATE_UP, ("同比增长", "同比增加", "完成率同比")),
            (-1, _FALL, _DECREASE, _RATE_DOWN, ("同比下降", "同比减少", "完成率同比下降")))


def _signed(sign: int, value: Decimal | None, scale: int = 1) -> Decimal | None:
    return None if value is None else sign * value * scale


# 同比增长 said alone (in brackets, after 分别): growth, or a fall negated
_GROWTH_SAID = re.compile(r"(?:同比)?(?P<way>增长|增速|增幅|增加|下降|减少)(?:了)?(?:为|达)?")


def growth_said(words: str) -> tuple[str, Callable[[Figures], Decimal | None]] | None:
    """The growth of the amount done, if ``words`` say only that (同比增长, 增速为, 下降了):
    a fall as the growth negated."""
    said = _GROWTH_SAID.fullmatch(words)
    if said is None:
        return None
    return growth_metric(-1 if said["way"] in ("下降", "减少") else 1)


def growth_metric(sign: int) -> tuple[str, Callable[[Figures], Decimal | None]]:
    """同比增长 (``sign`` 1) or 同比下降 (-1) of the amount done, in percent, as a metric."""
    return ("同比增长" if sign > 0 else "同比下降",
            lambda f: _signed(sign, f.last_year and f.last_year.growth, 100))


# the month's own share of the plan: 当月投资完成率18.4%, or 占年度计划的 after its amount
_MONTHS_RATE = re.compile(r"(?:当月|本月|(?<!\d)\d{1,2}月份?)(?:投资)?(?:完成率|进度)(?:为|达)?$")
_RANGE_TO = re.compile(r"[-—–~～至止到]\s*$")
_SHARE_OF_PLAN = r"[，,]?\s*(?:占年度(?:投资)?计划的?|为年度计划的)(?:为|达)?"


def _a_months_own(phrase: str) -> bool:
    """Whether a rate's words are a single month's (6月份投资完成率, 当月进度), not the
    end of the months so far (1-6月投资完成率)."""
    match = _MONTHS_RATE.search(phrase)
    return match is not None and not _RANGE_TO.search(phrase, 0, match.start())


def _before_is(text: str, found: list[Figure], i: int, summary: Summary | None,
               *metrics: str) -> bool:
    """Whether the figure just before figure ``i`` is an amount of one of ``metrics``."""
    if not i or found[i - 1].family != "money":
        return False
    before = metric_of(text, found, i - 1, summary)
    return before is not None and before[0] in metrics


def metric_of(text: str, found: list[Figure], i: int, summary: Summary | None = None):
    """(the metric's words, a function from Figures to its value), or None."""
    fig = found[i]
    before = label(text, found, i)
    phrase = text[boundary_before(text, fig.start):fig.start]
    clause = text[boundary_before(text, fig.start, "。；;"):fig.start]
    after = noun(text, found, i)
    # 同比 of the amount done just before it (完成投资174.3亿元，同比增长24.6%): the figure
    # before is looked at only when the words say so, so that a long list of amounts is
    # not gone through again for each of them
    for sign, growth, increase, rate, (grew, added, rate_words) in _CHANGES:
        if fig.family == "percent" and re.fullmatch(growth, phrase) \
                and _before_is(text, found, i, summary, "完成投资", added):
            return grew, lambda f, s=sign: _signed(s, f.last_year and f.last_year.growth, 100)
        if fig.family == "money" and re.fullmatch(increase, phrase) \
                and _before_is(text, found, i, summary, "完成投资"):
            return added, lambda f, s=sign: _signed(s, f.last_year and f.last_year.increase)
        if fig.family == "points" and re.search(rate, clause):
            return rate_words, lambda f, s=sign: _signed(
                s, f.last_year and f.last_year.completion_rate_pp)
    if fig.family == "percent":
        if re.search(_AIMED_AT, clause):  # 确保完成年度计划的105%: a target, not a result
            return None
        if _a_months_own(phrase) or re.fullmatch(_SHARE_OF_PLAN, phrase) \
                and _before_is(text, found, i, summary, "当月完成投资"):
            return "当月进度", lambda f: _percent(f.month_progress)  # the month's own share
        # 完成投资19亿元，完成率77.6%: a bare 完成率 right after the amount done is of it
        if re.fullmatch(r"\s*完成率(?:达到|达|为)?", phrase) \
                and _before_is(text, found, i, summary, "完成投资"):
            return _rate_metric("投资完成率")
        return _rate_metric(phrase)
    if fig.family == "points":
        if re.search(r"(?:(?:超过?|快于|高于)(?:序时|时间)进度|比(?:序时|时间)进度(?:快|高))$",
                     phrase):
            return "超序时进度", lambda f: f.schedule_gap_pp
        if re.search(r"(?:(?:落后于?|低于|慢于)(?:序时|时间)进度|比(?:序时|时间)进度(?:慢|低))$",
                     phrase):
            return "落后序时进度", lambda f: None if f.schedule_gap_pp is None \
                else -f.schedule_gap_pp
        return None
    if fig.family == "money":
        if re.search(r"总投资(?:为|约|达)?$", before):
            return "总投资", lambda f: f.total_investment
        # and the plan inside 占年度计划228亿元的76.4%
        if re.search(r"(?:年度计划投资|年度投资计划|本年计划投资|年计划投资|占年度(?:投资)?计划)"
                     r"(?:为|达)?$", before):
            return "年度计划投资", lambda f: f.annual_plan
        if re.search(r"到位资金(?:总额|合计)?(?:为|达|共)?$", before) \
                and not re.search(_NOT_DONE, phrase):
            return "到位资金", lambda f: f.funding_total
        if "到位资金" in clause:  # 其中中央预算内资金15.9亿元、专项债券18.9亿元…: each source's
            for key, name in vocab.FUNDING_SOURCES.items():
                if re.search(rf"(?:其中)?{re.sub('资金$', '', name)}(?:资金)?(?:为|达)?$", before):
                    return name, lambda f, k=key: f.funding.get(k)
        if re.search(_NOT_DONE, phrase) or re.search(_OTHER_SPAN, clause):
            return None  # 计划完成投资, 力争全年完成投资, 还需完成, 开工以来, 二季度: not 1-N月's
        if month := re.search(r"(?:当月|本月|(?P<m>" + _ONE_MONTH + r"))完成(?:投资)?(?:为|达)?$",
                              before):
            if month["m"] is not None:
                return ("当月完成投资", lambda f: f.this_month, int(re.sub(r"\D", "", month["m"])))
            return "当月完成投资", lambda f: f.this_month
        said = re.search(r"完成(?:年度)?(?:固定资产)?投资(?:为|达)?$", before) or (
            # 东湖区完成19亿元: a set's name and 完成 alone
            (bare := re.search(r"(?:累计)?完成(?:为|达)?$", before))
            and before[:bare.start()] and _bare(before[:bare.start()], _set_names(summary)))
        if said and not re.search(r"去年|上年|同期", clause):
            month = max(re.finditer(_ONE_MONTH, clause), key=lambda m: m.start(), default=None)
            # 6月份，全市重点项目完成投资24亿元: the month's own, as 其中6月完成… (not when the
            # clause goes on to the months so far: 6月份…，1-6月累计完成投资174.3亿元)
            if month and not _SO_FAR.search(clause, month.end()):
                return ("当月完成投资", lambda f: f.this_month, int(re.sub(r"\D", "", month[0])))
            return "完成投资", lambda f: f.completed_ytd
        return None
    if fig.family != "count":
        return None
    # the batch the clause names last before the figure (开工一批项目70个，…，投产一批项目35个)
    named = max(((clause.rfind(b), b) for b in _BATCHES if b in clause), default=None)
    if named is not None:
        batch = named[1]
        key, verb = _BATCHES[batch]
        if batch in before and after.startswith("项目") or re.search(
                batch + r"[”\"」]?项目$", before):
            return f"“{batch}”项目", lambda f, k=key: Decimal(f.batches[k].members)
        if re.search(f"已{verb}$", before):
            return f"“{batch}”已{verb}", lambda f, k=key: Decimal(f.batches[k].achieved)
        return None
    for pattern, words, metric in _COUNTS:
        hit = re.search(pattern + "$", before)
        if hit and _bare(before[:hit.start()], _set_names(summary)):
            return words, metric
    if (lit := _LIGHTS_AFTER.match(after)) and _bare(re.sub(r"对$|有$", "", before),
                                                      _set_names(summary)):
        words, key = _LIGHT_KEYS[lit["light"]]
        return words, lambda f, k=key: Decimal(f.lights.get(k, 0))
    kind = re.match(r"[\u4e00-\u9fa5、]{0,10}?重点项目", after)
    if (re.search(r"重点项目$", before) or kind or _a_sets_projects(before, summary)) \
            and (not re.search(r"已|完成", after) or re.fullmatch(_SET_DONE, after)) \
            and not _NOT_A_TOTAL.search(before + (kind[0] if kind else "")):
        return "项目数", lambda f: Decimal(f.projects)
    return None


# 东湖区18个重点项目完成投资19亿元: the set's count, then its amount (not 18 of its projects
# that have done something: 10个重点项目已完成年度计划)
_SET_DONE = r"[\u4e00-\u9fa5、]{0,10}?重点项目(?:累计|共|合计)?完成(?:固定资产)?投资(?:为|达)?"
_COUNTS = (
    (r"计划(?:新)?开工(?:的|项目)?", "计划新开工项目", lambda f: Decimal(f.starts.planned)),
    (r"已开工(?:项目)?", "已开工项目", lambda f: Decimal(f.starts.started)),
    (r"已竣工(?:项目)?", "已竣工项目", lambda f: Decimal(f.completed)),
    (r"亮?红灯(?:项目)?", "亮红灯项目", lambda f: Decimal(f.lights.get("red", 0))),
    (r"亮?黄灯(?:项目)?", "亮黄灯项目", lambda f: Decimal(f.lights.get("yellow", 0))),
)
# the lights said after the count: 13个项目亮红灯, 对13个亮红灯项目实行挂牌督办
_LIGHTS_AFTER = re.compile(r"(?:个)?(?:重点)?(?:项目)?亮(?P<light>[红黄])灯")
_LIGHT_KEYS = {"红": ("亮红灯项目", "red"), "黄": ("亮黄灯项目", "yellow")}


def _a_sets_projects(before: str, summary: Summary | None) -> bool:
    """Whether the words before a count name a sector's or tag's projects and nothing else
    (灾后重建项目52个, 全市产业项目42个)."""
    names = _set_names(summary)
    return any(before.endswith(name + "项目") and _bare(before[:-len(name) - 2], names)
               for name in names)


def _bare(prefix: str, names: tuple[str, ...] = ()) -> bool:
    """Whether the words before a count's name only say whose it is (全市, 省重点项目, a
    county's, a sector's or a tag's name: 云台县亮红灯项目1个)."""
    rest = prefix
    for name in names:  # first: the 市 of 临江市重点项目 is the county's, not a level
        rest = rest.replace(name, "")
    rest = _WHEN.sub("", _LEVEL.sub("", _OVERALL.sub("", rest)))
    return not re.sub(r"其中|共|累计|目前|截至目前|重点项目|项目|中|的|有|\s", "", rest)


# the period said before a count's name (上半年全市已开工项目104个): the period's own count
# (not a month alone: 6月份新开工项目 are that month's)
_WHEN = re.compile(r"(?:截[至止])?(?:今年|本年|年初以来|上半年|前三季度|第?一季度|全年"
                   r"|(?:1|一)\s?[-—–~～至到]\s?\d{1,2}月份?|\d{1,2}月[底末])(?:以来)?")


def _set_names(summary: Summary | None) -> tuple[str, ...]:
    """The names of the ledger's city, counties, sectors and tags, longest first."""
    if summary is None:
        return ()
    names = {n for g in ("county", "sector", "tag") for n in summary.groups[g] if n}
    return tuple(sorted(names | {summary.city} - {""}, key=len, reverse=True))


def _rate_metric(phrase: str):
    if re.search(r"开工率(?:达到|达|为)?$", phrase):
        return "开工率", lambda f: _percent(f.starts.rate)
    if re.search(r"履约率(?:达到|达|为)?$", phrase):
        return "履约率", lambda f: _percent(f.fulfilment_rate)
    if re.search(r"(?:投资完成率|计划完成率|(?:占|为|完成)(?:年度|全年|年|本年)(?:投资)?计划"
                 r"(?:\d[\d.,]*(?:万亿元|亿元|万元|元))?的?)(?:达到|达|为)?$", phrase):
        return "投资完成率", lambda f: _percent(f.completion_rate)
    return None


def _percent(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else rate * 100


def _scope(text: str, found: list[Figure], i: int, summary: Summary
           ) -> tuple[str, Figures] | None:
    """(the set's name, its figures) that figure ``i`` speaks of, or None when unclear.

    The set is the last one the sentence names before the figure (or in its noun); a
    sentence that names none speaks of the whole when the passage named the whole
    before it (全市…), and is not compared otherwise, nor when it opens with 其中.
    """
    fig = found[i]
    sentence = sentence_start(text, fig.start)
    words = text[:fig.start] + noun(text, found, i)
    if _PROJECT_NAME.search(text, sentence, fig.start) or _inside_brackets(text, sentence,
                                                                           fig.start):
        return None
    # a set named in brackets that closed before the figure is that bracket's, not the
    # sentence's: 全市重点项目130个（市重点项目70个、省重点项目60个），计划新开工项目120个
    mentions = [m for m in _mentions(words, summary)
                if not closed_brackets_around(text, m.start, m.end, fig.start)]
    if not mentions:
        return None
    # the sets named since the figure before it: a county's 省重点项目 is neither set
    since = max(sentence, found[i - 1].end if i else 0)
    if len({m.grouping for m in mentions if m.start >= since and m.grouping != "overall"}) > 1 \
            or len(_named_together(mentions)) > 1 or _listed_with(words, mentions):
        return None
    after = _after_a_list_of_parts(text, sentence, fig.start, mentions)
    if after is not None:  # 130个，其中省重点项目60个、市重点项目70个；完成投资…: the whole's
        if not isinstance(after, _Mention):
            return None
        mentions = [after]
    at, _, grouping, key = mentions[-1]
    if at < sentence and (grouping != "overall" or text.startswith("其中", sentence)):
        return None  # a group named in an earlier sentence does not carry over
    if after is None and _part_of_another_set(text, sentence, fig.start, mentions):
        return None
    if grouping == "overall":
        return "全市", summary.overall
    if grouping == "unclear":
        return None
    group = summary.groups[grouping].get(key)
    said = {"provincial": "省重点项目", "municipal": "市重点项目", "county": "县重点项目"}
    return None if group is None else (said.get(key, key), group)


_OVERALL = re.compile(r"全市|我市|本市|全部项目")
# (the whole ledger, sets beyond it) by the ledger's kind: a city's speaks of itself as
# 全市, and 全县 there is a county's; a county's or district's ledger as 全县 or 全区
_WHOLE = {kind: (re.compile(NOT_THE_WHOLE + rf"(?:全{kind}|我{kind}|本{kind}|全部项目)"),
                 re.compile("|".join(["全省", "全国", "我省",
                                      *(f"全{other}" for other in "市县区" if other != kind)])))
          for kind in "市县区"}
_PROJECT_NAME = re.compile(r"(?:工程|项目)[（(][^）)]*[）)]")
# what follows a set's name: a county's name runs straight into its figures' words too
# (云台县亮红灯项目1个, 南岭县投资完成率82.5%)
# (东湖区灾后重建项目: the name of another set, added for each ledger)
_AFTER_NAME = (r"[，,、：:；;。“\"「]|[省市县]?级?重点|项目|共|完成|累计|实施|计划|已|的|\d|$"
               r"|和|与|及|亮|投资|开工|新开工|到位|当月|本年|年度|同比"
               # and a time or a word before the figure: 东湖区上半年完成…, 云台县仅完成…,
               # 东湖区截至6月底…, 东湖区红灯项目2个
               r"|上半年|前三季度|第?一季度|今年|年初|全年|截[至止]|[1一]\s?[-—–~～至到]|仅|只|均"
               r"|[红黄绿]灯|有|合计|两地|两县|三地|各")


class _Mention(NamedTuple):
    """A set of projects that the words name: where, and which (grouping, key)."""

    start: int
    end: int
    grouping: str  # overall, unclear, level, tag, county or sector
    key: str


def _named_together(mentions: list[_Mention]) -> set[str]:
    """The groupings of the last set named and of those that run straight into it
    (东湖区灾后重建项目, 省重点产业项目): more than one, and a figure is of two sets at once."""
    together = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if mention.end < min(m.start for m in together):
            break
        together.append(mention)
    return {m.grouping for m in together if m.grouping != "overall"}


_JOINED = re.compile(r"[、,，]|和|与|及|以及|同")


def _listed_with(words: str, mentions: list[_Mention]) -> bool:
    """Whether the last set named is listed with another before it (东湖区、西山区…,
    东湖区和西山区…): a figure of them together, which is neither set's."""
    if len(mentions) < 2:
        return False
    before, last = mentions[-2], mentions[-1]
    return before.grouping == last.grouping != "overall" and before.key != last.key \
        and _JOINED.fullmatch(words, before.end, last.start) is not None


# a bracket that gives the rate of the figure before it: （占年度计划的76.4%）
_OF_THE_FIGURE_BEFORE = re.compile(r"(?:占|完成年度|为年度|投资完成率|完成率|开工率)")


def _inside_brackets(text: str, start: int, offset: int) -> bool:
    """Whether the figure at ``offset`` stands inside brackets (some projects' figure, or
    a project's) other than those giving the rate of the figure before them."""
    opened = max(text.rfind("（", start, offset), text.rfind("(", start, offset))
    closed = max(text.rfind("）", start, offset), text.rfind(")", start, offset))
    return opened > closed and not (_OF_THE_FIGURE_BEFORE.match(text, opened + 1)
                                    and re.search(r"\d[\d.]*\s*(?:万亿元|亿元|万元|元|个|项)$",
                                                  text[start:opened]))


def _ends_a_place(words: str, offset: int, places: list[str]) -> bool:
    """Whether the character at ``offset`` (市, 县) is the last of a place's name."""
    return any(name and words.endswith(name, 0, offset + 1) for name in places)


def _levels(words: str, places: list[str]) -> Iterator[re.Match[str]]:
    """The levels ``words`` name: not the 市 of 临江市重点项目 or the 县 of 南岭县重点项目 (the
    county's projects), while the 省 of 临江市省重点项目 is one (the county's 省重点项目)."""
    at = 0
    while match := _LEVEL.search(words, at):
        if _ends_a_place(words, match.start(), places):
            at = match.start() + 1
            continue
        yield match
        at = match.end()


def _mentions(words: str, summary: Summary) -> list[_Mention]:
    """Every set of projects that ``words`` names, in order."""
    whole, beyond = _WHOLE.get(summary.city[-1:], _WHOLE["市"])
    after = "(?=" + "|".join([_AFTER_NAME, *map(re.escape, _set_names(summary))]) + ")"
    found = [_Mention(m.start(), m.end(), "overall", "") for m in whole.finditer(words)]
    if summary.city:  # 某市重点项目: the city's own name is the whole ledger
        found += [_Mention(m.start(), m.end(), "overall", "")
                  for m in re.finditer(re.escape(summary.city) + after, words)]
    found += [_Mention(m.start(), m.end(), "unclear", "") for m in beyond.finditer(words)]
    present = set(summary.groups["level"])
    places = [summary.city, *summary.groups["county"]]
    for match in _levels(words, places):
        levels = {_LEVELS[c] for c in match["levels"].replace("、", "")}
        if len(levels) == 1:
            found.append(_Mention(match.start(), match.end(), "level", levels.pop()))
        else:  # 省、市重点项目: the whole ledger when it has just those levels
            found.append(_Mention(match.start(), match.end(),
                                  "overall" if levels == present else "unclear", ""))
    for grouping in ("tag", "county", "sector"):
        for name in summary.groups[grouping]:
            if name:
                found += [_Mention(m.start(), m.end(), grouping, name)
                          for m in re.finditer(re.escape(name) + after, words)]
    return sorted(found)
