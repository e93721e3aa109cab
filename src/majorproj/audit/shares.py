"""Rates and shares: 开工率 from the counts, 投资完成率 and 占…的% from the plan or the
whole that the passage states before them.

- a rate named by its verb, ``计划开工的55个…已开工47个，开工率82.8%``: the count with
  the verb, against the planned count in the same clause (or the whole that holds it);
  投资完成率 and 资金到位率 against the plan stated earlier in the passage;
- a share, ``占年度计划的97.2%``, ``占开工在建项目数的67.6%``, ``占年度计划200亿元的60.3%``:
  the figure just before it, against the figure that the name names.

A plan counts only for the same projects (``Passage.same_projects``); 履约率 is never
judged (its target is not stated).
"""

from __future__ import annotations

import re
from decimal import localcontext

from majorproj.audit.claim import Kind
from majorproj.audit.growth import is_increase, is_last_year
from majorproj.audit.numbers import clause_start, closed_brackets_around, noun
from majorproj.audit.passage import HUNDRED, Passage, shown


def find_rates_and_shares(p: Passage) -> None:
    for i, _ in p.unjudged("percent"):
        phrase = p.phrase(i)
        rate = _RATE.search(phrase)
        if rate:
            _rate(p, i, rate["name"])
            continue
        named = p.share_whole(i - 1) if i else None
        if named:
            _share_with(p, i, named)
            continue
        share = _SHARE_OF.search(phrase) or _SHARE_DE.search(phrase)
        if share:
            _share(p, i, phrase[share.start():], share["name"], share["verb"])


def _rate(p: Passage, i: int, name: str) -> None:
    fig = p.figs[i]
    name = re.sub(r"^.*项目", "", name)  # 重点项目开工率 → 开工率
    label = name + fig.text
    if fig.approx:
        return p.unchecked(i, "share", label, "the figure is approximate")
    verb = next((v for v in _RATE_VERBS if name.endswith(v + "率")), None)
    if verb is None:
        return p.unchecked(i, "share", label, f"what {name} divides is not defined here")
    if verb == "履约":
        return p.unchecked(i, "share", label, "履约率 is measured against a target "
                           "(阶段性目标) that the text does not state")
    rate_start = fig.start - len(p.phrase(i)) + p.phrase(i).rfind(name)
    money = verb in _MONEY_VERBS
    clause = clause_start(p.text, rate_start)
    numerator = next((j for j in p.before(rate_start, clause)
                      if _counted(p, j, verb, money)), None)
    if numerator is None:
        return p.unchecked(i, "share", label, f"the text does not state what is {verb}")
    if money:
        denominator = _plan(p, numerator)
    else:
        denominator = _planned_count(p, numerator, verb, clause)
    if denominator is None:
        what = "the plan" if money else f"how many were to be {verb}"
        return p.unchecked(i, "share", label, f"the text does not state {what}")
    _ratio(p, i, "share", label, numerator, denominator)


def _counted(p: Passage, j: int, verb: str, money: bool) -> bool:
    """Whether figure ``j`` is what a rate of ``verb`` counts (已开工47个)."""
    fig = p.figs[j]
    if fig.family != ("money" if money else "count"):
        return False
    label = p.label(j)
    return verb in label and not re.search(r"计划|未|应|目标|任务", label)


def _planned_count(p: Passage, numerator: int, verb: str, clause: int) -> int | None:
    """The count a rate divides by: the planned (计划开工55个), else the whole just
    before the numerator (55个项目已开工47个)."""
    candidates = [j for j in p.before(p.figs[numerator].start, clause)
                  if p.figs[j].family == "count"]
    for j in candidates:
        label = p.label(j)
        if verb in label and re.search(r"计划|应|新", label) and "已" not in label:
            # 全市计划新开工120个…其中省重点项目已开工47个: a part's count, not of the 120;
            # …，东湖区已开工15个: a county's, not of the city's 120
            apart = "其中" in p.text[p.figs[j].end:p.figs[numerator].start]
            named_after = p.figs[j].end + len(noun(p.text, p.figs, j))  # 55个省重点项目…
            other_set = p.scope(named_after) != p.scope(p.figs[numerator].start)
            return None if apart or other_set else j
    if candidates and candidates[0] == numerator - 1:
        between = p.text[p.figs[numerator - 1].end:p.figs[numerator].start]
        governs = not re.search(r"[，,。；;：:]", between) or re.fullmatch(
            r"[^，,。；;：:]*中[，,]?[^，,。；;：:]*", between)
        label = p.label(numerator - 1)
        # 开工一批项目45个已开工38个: the whole that holds the count may carry a name; but
        # all the key projects (全市130个重点项目中，已开工104个) hold continuing ones too,
        # which are never to be started: not the count a 开工率 divides by (65个市重点项目
        # 已开工57个, straight on, is of the projects to be started, as reports say it)
        whole = p.context(numerator - 1)
        all_projects = "重点项目中" in whole and not re.search(r"新开工|新建|一批|计划", whole)
        if governs and not re.search(r"已|未|完成", label) and not all_projects:
            return numerator - 1
    return None


def _plan(p: Passage, numerator: int, name: str = "") -> int | None:
    """The plan stated earlier in the passage, of the same projects as the numerator."""
    family = p.figs[numerator].family
    for j in p.before(p.figs[numerator].start):
        context = p.context(j)
        if p.figs[j].family != family or not _PLAN.search(context):
            continue
        if re.search(r"已|累计|实际|(?<!计划)完成|(?<!计划)到位", context):
            continue
        if family == "count" and not any(v in context for v in _verbs_in(name)):
            continue
        if name and _span(context) != _span(name):
            continue  # 上半年目标任务 is not the 年度计划 of 占年度计划的…
        if p.same_projects(j, numerator):
            return j
    return None


_SPANS = (("半年", re.compile(r"半年")), ("季度", re.compile(r"季度")),
          ("月", re.compile(r"\d{1,2}月|当月|本月")))


def _span(words: str) -> str:
    """The part of the year a plan or target is for: the year unless it says otherwise."""
    return next((name for name, pattern in _SPANS if pattern.search(words)), "年")


def _share(p: Passage, i: int, phrase: str, name: str, verb: str) -> None:
    fig = p.figs[i]
    label = phrase + fig.text
    if fig.approx:
        return p.unchecked(i, "share", label, "the figure is approximate")
    core = _NAME_END.sub("", name.strip())
    if core in ("", "比", "比重", "比例"):
        return p.unchecked(i, "share", label, "the text does not say of what")
    phrase_start = fig.start - len(phrase)
    clause = clause_start(p.text, phrase_start)
    # the part is the amount or count just before, past a growth rate, an increase on last
    # year (较去年同期增长34.4亿元) or last year's own figure said between
    nearest = _parts_before(p, phrase_start, clause)
    if not nearest or p.figs[nearest[0]].family not in ("money", "count"):
        return p.unchecked(i, "share", label, "the text does not state the part")
    numerator = nearest[0]
    if verb.startswith("完成") and "完成" not in p.label(numerator):
        return p.unchecked(i, "share", label, "the text does not state what is done")
    denominator = _named(p, numerator, core)
    if denominator is None:
        return p.unchecked(i, "share", label, f"the text does not state {core} before it")
    _ratio(p, i, "share", label, numerator, denominator)


def _share_with(p: Passage, i: int, named: re.Match) -> None:
    """占年度计划200亿元的60.3%: the whole is printed inside the phrase."""
    fig, whole = p.figs[i], i - 1
    phrase = p.phrase(whole)[named.start():]
    label = phrase + p.text[p.figs[whole].start:fig.end]
    phrase_start = p.figs[whole].start - len(phrase)
    # the part is the amount or count before, past a growth rate, an increase on last year
    # (较去年同期增加34.4亿元) or last year's own figure, as for a share whose whole is earlier
    nearest = _parts_before(p, phrase_start, clause_start(p.text, phrase_start))
    if fig.approx:
        return p.unchecked(i, "share", label, "the figure is approximate")
    if not nearest or p.figs[nearest[0]].family != p.figs[whole].family:
        return p.unchecked(i, "share", label, "the text does not state the part")
    _ratio(p, i, "share", label, nearest[0], whole)


def _parts_before(p: Passage, offset: int, clause: int) -> list[int]:
    """The amounts and counts a share may be of, nearest first: past rates and shares (…占
    年度计划的76.4%，完成上半年目标任务的113.5%: both of the amount before), an increase on
    last year (同比增加34.4亿元), last year's own figure (较去年同期的139.9亿元), and a figure
    in brackets closed before the share (174.3亿元（其中6月完成42亿元），占…: of the 174.3)."""
    return [j for j in p.before(offset, clause)
            if p.figs[j].family in ("money", "count")
            and not is_increase(p.phrase(j)) and not is_last_year(p.phrase(j))
            and not closed_brackets_around(p.text, p.figs[j].start, p.figs[j].end, offset)]


def _named(p: Passage, numerator: int, name: str) -> int | None:
    """The earlier figure that ``name`` names (年度计划, 开工在建项目…); 全市 names the
    whole's figure of the numerator's measure (东湖区完成投资19亿元，占全市的10.9%: of the
    city's 完成投资, not of its 年度计划投资 said before)."""
    if _PLAN.search(name):
        return _plan(p, numerator, name)
    family = p.figs[numerator].family
    generic = name in _GENERIC
    measure = _measure(p.label(numerator))
    for j in p.before(p.figs[numerator].start):
        if p.figs[j].family != family:
            continue
        if measure and _measure(p.label(j)) not in (None, measure):
            continue  # another measure than the part's
        if name in _THE_WHOLE:
            if p.scope(p.figs[j].start) == "overall" and _measure(p.label(j)) == measure \
                    and not p.names_a_kind(j):  # not the 产业项目's 88.2 before 基础设施's
                return j
            continue
        if name in p.context(j):
            if generic and not p.same_projects(j, numerator):
                return None
            return j
    return None


_THE_WHOLE = ("全市", "我市", "本市", "全市重点项目", "全部项目")
_MEASURES = (("总投资", re.compile(r"总投资")),
             ("计划", re.compile(r"计划投资|投资计划|计划|目标|任务")),
             ("完成", re.compile(r"完成")),
             ("到位", re.compile(r"到位")))


def _measure(label: str) -> str | None:
    """What an amount measures by the last such word in its label: 总投资, 计划, 完成, 到位."""
    found = max(((m.end(), name) for name, pattern in _MEASURES for m in pattern.finditer(label)),
                default=None)
    return None if found is None else found[1]


def _ratio(p: Passage, i: int, kind: Kind, label: str, numerator: int, denominator: int) -> None:
    for j in (numerator, denominator):
        why = p.usable(j)
        if why:
            return p.unchecked(i, kind, label, why)
    num, den = p.figs[numerator], p.figs[denominator]
    possible = num.interval() / den.interval()
    if possible is None or den.central() == 0:
        return p.unchecked(i, kind, label, f"its basis {den.text} is zero")
    with localcontext() as context:
        context.prec = 40
        central = num.central() / den.central() * HUNDRED
    p.judged(i, kind, label, possible.scale(HUNDRED), central,
             f"{shown(num)} of {shown(den)}")


_PLAN = re.compile(r"计划|目标|任务")
_RATE = re.compile(r"(?P<name>[\u4e00-\u9fa5]{1,6}率)(?:已|也|均)?(?:达到了?|达|为|是|约为|"
                   r"提高到|提高至|提升到|提升至|升至|增至)?\s?$")
_RATE_VERBS = ("开复工", "复工", "开工", "投产", "竣工", "完工", "签约", "达效", "达产",
               "到位", "完成", "履约", "落地", "入库", "纳统")
_MONEY_VERBS = ("完成", "到位")
_SHARE_OF = re.compile(r"(?P<verb>占)(?P<name>[^，,。；;：:、\d%（）()]{0,24}?)的?"
                       r"(?:比重|比例|份额)?(?:为|达|达到|是|约)?\s?$")
_GENERIC = ("总投资", "项目", "投资", "全部", "总数", "总量", "计划", "总计划")
_SHARE_DE = re.compile(r"(?P<verb>为|达到|相当于|完成了?)(?P<name>[^，,。；;：:、\d%（）()]{1,24}?)"
                       r"的\s?$")
_NAME_END = re.compile(r"(?:的|总数|数量|个数|数|总额|总量|总和)$")


def _verbs_in(name: str) -> list[str]:
    return [v for v in _RATE_VERBS if v in name] or [name]
