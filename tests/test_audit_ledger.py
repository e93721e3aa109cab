"""Figures compared with the sample ledger's. The sample reproduces the reference report's
counts and amounts (130 projects, 总投资795亿元, 年度计划228亿元, 完成174.3亿元 by June; 55
provincial and 65 municipal projects to start, 47 and 57 started), which the expectations
below use."""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from majorproj.audit.ledger import compare
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period

SAMPLE = Path(__file__).parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def summary():
    return compute(load_ledger(SAMPLE).ledger, parse_period("2024H1", 2024))


def judged(text, summary):
    return [(c.label, c.ok, c.expected) for c in compare(text, summary)]


def test_whole_city_figures_agree(summary):
    assert judged("今年我市共实施省、市重点项目130个，总投资795亿元，年度计划投资228亿元。"
                  "1-6月，全市重点项目累计完成投资174.3亿元。", summary) == [
        ("项目数130个", True, "130个"), ("总投资795亿元", True, "795亿元"),
        ("年度计划投资228亿元", True, "228亿元"), ("完成投资174.3亿元", True, "174.3亿元")]


def test_an_edited_figure_differs(summary):
    [claim] = compare("今年我市共实施重点项目，总投资759亿元。", summary)
    assert (claim.ok, claim.expected, claim.kind) == (False, "795亿元", "ledger")
    assert claim.message == "总投资759亿元 differs from the ledger's 总投资 of 全市 for 2024H1 (795亿元)"


def test_a_level_named_in_the_clause(summary):
    # 47 of 55 is 85.5%; 57 of 65 is 87.7%
    assert judged("1-6月，全市计划开工的55个省重点项目已开工47个，开工率达到82.8%；"
                  "市重点项目计划新开工65个，已开工57个，开工率87.7%。", summary) == [
        ("计划新开工项目55个", True, "55个"), ("已开工项目47个", True, "47个"),
        ("开工率82.8%", False, "85.5%"),
        ("计划新开工项目65个", True, "65个"), ("已开工项目57个", True, "57个"),
        ("开工率87.7%", True, "87.7%")]


@pytest.mark.parametrize("text", [
    "今年我市重点项目建设加快。对计划开工的30个项目，年度计划投资50亿元，完成投资20亿元。",
    "全市重点项目推进有力。尚未开工的16个项目（总投资141.9亿元）前期手续加快办理。",
    "7.南岭县城区排水防涝设施灾后重建工程（南岭县）：落后序时进度44.2个百分点。",
    "其中，续建项目已完工28个；新建项目已开工23个。",
    "1-8月，全市重点项目累计完成投资174.3亿元。",  # another period than 2024H1
    "落后序时进度44.2个百分点",  # a table cell: whose, it does not say
    "| 7 | 南岭县中小河流治理灾后重建项目 | 南岭县 | 红灯 | 落后序时进度44.2个百分点 |",
])
def test_figures_of_some_other_projects_are_not_compared(text, summary):
    assert compare(text, summary) == []


@pytest.mark.parametrize("text, agreed", [
    # last year's figures, quoted to compare: not this year's claims
    ("去年1-6月，全市重点项目完成投资139.9亿元。今年1-6月，全市重点项目完成投资174.3亿元。", ["完成投资174.3亿元"]),
    ("2023年上半年，全市重点项目完成投资139.9亿元；2024年上半年，全市重点项目完成投资174.3亿元。", ["完成投资174.3亿元"]),
    ("1-6月，全市重点项目完成投资174.3亿元，占年度计划的76.4%，去年同期占年度计划的68.2%。", ["完成投资174.3亿元", "投资完成率76.4%"]),
    ("去年同期全市计划新开工项目110个，已开工92个。", []),
    # sets beyond the ledger, or two sets at once
    ("上半年，全省重点项目完成投资2345.6亿元，占年度计划的68.5%。", []),
    ("南岭县全县重点项目完成投资18.3亿元，占年度计划的82.5%。", []),
    ("上半年，东湖区省重点项目完成投资15.6亿元。", []),
    ("上半年，东湖区省重点项目完成投资15.6亿元，占年度计划的75.0%。", []),
    ("1-6月，东湖区灾后重建项目完成投资0.3亿元，投资完成率30.1%。", []),
    ("1-6月，省重点产业项目完成投资74亿元，占年度计划的84.1%。", []),
    ("东湖区交通项目完成投资120万元。", []),
    ("临江市省重点项目15个，完成投资49.0亿元。", []),
    # a county measured against 全市 is still the county's set (临江市 50.2亿元, 81.6%;
    # 东湖区 19亿元, 77.6%; 高新区 13 of 14 started, 92.9%; 云台县 53.8%, 3.8 points)
    ("临江市完成投资50.2亿元，总量居全市首位，完成率81.6%。",  # and 首位: the largest amount
     ["完成投资50.2亿元", "完成投资首位", "投资完成率81.6%"]),
    ("东湖区完成投资19亿元，占全市的10.9%，投资完成率77.6%。", ["完成投资19亿元", "投资完成率77.6%"]),
    ("高新区开工率92.9%，高于全市6.2个百分点，已开工13个。", ["开工率92.9%", "已开工项目13个"]),
    ("云台县投资完成率53.8%，低于全市平均水平22.6个百分点，超序时进度3.8个百分点。",
     ["投资完成率53.8%", "超序时进度3.8个百分点"]),
    # parts after 其中 of a set other than the whole: neither set's (东湖区 has 18 projects,
    # 19亿元 done; 灾后重建 51 projects)
    ("东湖区重点项目18个，其中省重点项目11个、市重点项目7个。", ["项目数18个"]),
    ("东湖区完成投资19亿元，其中省重点项目15.6亿元。", ["完成投资19亿元"]),
    ("全市灾后重建项目51个，其中东湖区1个、西山区5个。", ["项目数51个"]),
    ("东湖区重点项目18个。其中省重点项目11个。", ["项目数18个"]),
    # after a list of parts, a clause naming no set is the whole's again (130: 60 省 + 70 市;
    # 174.3亿元, 76.4%; 120 to start, 104 started, 86.7%; 70 in 开工一批, 61 started)
    ("全市共实施重点项目130个，其中省重点项目60个、市重点项目70个；完成投资174.3亿元，占年度计划的76.4%。",
     ["项目数130个", "项目数60个", "项目数70个", "完成投资174.3亿元", "投资完成率76.4%"]),
    ("全市计划新开工项目120个，其中省重点项目55个、市重点项目65个，已开工104个，开工率86.7%。",
     ["计划新开工项目120个", "计划新开工项目55个", "计划新开工项目65个", "已开工项目104个", "开工率86.7%"]),
    ("全市列入“开工一批”项目70个，其中省重点项目36个、市重点项目34个，已开工61个。",
     ["“开工一批”项目70个", "“开工一批”项目36个", "“开工一批”项目34个", "“开工一批”已开工61个"]),
    ("全市共实施重点项目130个，其中省重点项目60个、市重点项目70个。完成投资174.3亿元。",
     ["项目数130个", "项目数60个", "项目数70个", "完成投资174.3亿元"]),
    # one part, then a comma: the part's figure or the whole's? not compared
    ("全市重点项目130个，其中省重点项目60个，完成投资127亿元。", ["项目数130个", "项目数60个"]),
    # a list of figures without 分别: each another set's, by its order
    ("省、市重点项目完成投资127亿元和47.3亿元。", []),
    # two counties together (东湖区 19.0 + 西山区 17.0 = 36.0亿元): neither county's figure
    ("1-6月，东湖区、西山区重点项目完成投资36亿元。", []),
    ("1-6月，东湖区和西山区共完成投资36亿元。", []),
    # 完成投资 that is not the period's: a plan, a target, what is left, since the start,
    # a quarter, a single earlier month
    ("全市年度计划完成投资228亿元。", []),
    ("1-6月，全市重点项目完成投资174.3亿元，力争全年完成投资240亿元。", ["完成投资174.3亿元"]),
    ("1-6月，全市重点项目完成投资174.3亿元，下半年还需完成投资53.7亿元。", ["完成投资174.3亿元"]),
    ("全市重点项目开工以来累计完成投资300.1亿元。", []),
    ("1-6月，全市重点项目完成投资174.3亿元，其中二季度完成投资119.3亿元。", ["完成投资174.3亿元"]),
    ("5月份，全市重点项目完成投资41.0亿元。", []),
    ("第二季度，全市重点项目完成投资100.2亿元。", []),
    ("4-6月，全市重点项目完成投资100.2亿元。", []),
    ("截至6月底，全市重点项目完成投资174.3亿元。", ["完成投资174.3亿元"]),
    ("全市重点项目1-6月完成投资174.3亿元，其中5月完成投资41.0亿元。", ["完成投资174.3亿元"]),
    # June alone (42.0亿元), then the months so far in the same sentence; 1－6月 and 1―6月
    # as offices type them are the months so far too
    ("6月份，全市重点项目完成投资42亿元，1-6月累计完成投资174.3亿元，占年度计划的76.4%。",
     ["当月完成投资42亿元", "完成投资174.3亿元", "投资完成率76.4%"]),
    ("1－6月，全市重点项目完成投资174.3亿元，占年度计划的76.4%。",
     ["完成投资174.3亿元", "投资完成率76.4%"]),
    ("1―6月，全市重点项目完成投资174.3亿元。", ["完成投资174.3亿元"]),
    # one project's figures, a batch's rate, a range
    ("1-6月，全市重点项目完成投资174.3亿元，其中临江至南岭高速公路项目完成投资17.1亿元。", ["完成投资174.3亿元"]),
    ("全市“开工一批”项目70个，已开工61个，开工率87.1%。", ["“开工一批”项目70个", "“开工一批”已开工61个"]),
    ("全市重点项目总投资1000万元至86亿元不等。", []),
    # a number of more digits than any report prints
    ("全市完成投资174." + "3" * 120 + "亿元。", []),
])
def test_figures_that_are_not_the_sets_are_never_judged_wrong(text, agreed, summary):
    """Only this year's own figures of the set are judged, and they agree: the sample's
    1-6月 174.3亿元, 76.4% of the 228亿元 plan, 70 projects in 开工一批 of which 61 started
    (the reference report's figures, which the sample reproduces); nothing else is compared."""
    assert [(c.label, c.ok) for c in compare(text, summary)] == [(a, True) for a in agreed]


def test_a_sectors_figure_is_the_sectors_and_a_part_count_keeps_its_verb(summary):
    # the whole city's 174.3亿元 said of 产业项目 alone is wrong
    [claim] = [c for c in compare("1-6月，其中产业项目完成投资174.3亿元。", summary)]
    assert claim.ok is False and "of 产业" in claim.message
    # 其中市重点项目3个 counts the 竣工 of the sentence, not the 市重点 projects (70)
    claims = compare("全市已竣工项目3个，其中市重点项目3个。", summary)
    assert [c.label[:5] for c in claims] == ["已竣工项目", "已竣工项目"]
    assert all(c.ok for c in claims)


def test_yi_without_yuan_is_an_amount_in_yi(summary):
    # the sample's 1-6月 is 174.3亿元 (test_whole_city_figures_agree): 175.3亿 is a slip
    assert judged("1-6月，全市重点项目累计完成投资175.3亿。", summary) == [
        ("完成投资175.3亿", False, "174.3亿")]


def test_this_months_figure_without_the_word_touzi_is_compared(summary):
    # the sample's June alone, summed by hand from its files: June's 1-6月 of the projects
    # that reported less each one's latest earlier figure, 420,379.2 万元 = 42.0亿元
    # (projects not reporting in June add 0): 当月完成29.4亿元 is a slip
    first, claim = compare("1-6月，全市重点项目累计完成投资174.3亿元，其中6月当月完成29.4亿元。", summary)
    assert (first.label, first.ok) == ("完成投资174.3亿元", True)
    assert (claim.label, claim.ok, claim.expected) == ("当月完成投资29.4亿元", False, "42.0亿元")


def test_a_county_named_straight_before_its_figures_is_the_set(summary):
    """云台县亮红灯项目… and 云台县投资完成率…: the county's name runs into the figure's words,
    and the figures are compared with 云台县's, not with the county before it or 全市
    (居全市第一 names no set of projects: it is 南岭县's rank by 投资完成率, the first in the
    ranking, and 排名末位 云台县's, the last)."""
    yun = summary.groups["county"]["云台县"]
    nan = summary.groups["county"]["南岭县"]
    def rate(f):
        return f"{(f.completion_rate * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"

    text = (f"1-6月，南岭县投资完成率{rate(nan)}，居全市第一；云台县投资完成率{rate(yun)}，排名末位；"
            f"云台县亮红灯项目{yun.lights['red']}个、亮黄灯项目{yun.lights['yellow']}个。")
    claims = compare(text, summary)
    assert [(c.label.split("项目")[0][:5], c.ok) for c in claims] == [
        ("投资完成率", True), ("投资完成率", True), ("投资完成率", True), ("投资完成率", True),
        ("亮红灯", True), ("亮黄灯", True)]
    assert claims[1].printed == "第一" and claims[1].expected == "第1"
    assert claims[3].printed == "末位" and claims[3].expected == "末位"
    assert (summary.ranking[0].county, summary.ranking[-1].county) == ("南岭县", "云台县")
    assert all(("云台县" in c.message) for c in claims[2:]) and "南岭县" in claims[0].message
    [wrong] = [c for c in compare(text.replace(f"亮黄灯项目{yun.lights['yellow']}个",
                                               f"亮黄灯项目{yun.lights['yellow'] + 1}个"), summary)
               if not c.ok]
    assert "of 云台县" in wrong.message and wrong.expected == f"{yun.lights['yellow']}个"


@pytest.mark.parametrize("text, expected", [
    # 临江市's own: 501,951.6 of 615,245.75 万元 (its projects' files, summed by hand) is
    # 50.2亿元 and 81.59%, 31.6 points ahead of 6/12; 市重点 has 75.2%
    ("1-6月，临江市重点项目完成投资50.2亿元，投资完成率81.6%，超序时进度31.6个百分点。",
     [("完成投资50.2亿元", True, "of 临江市"), ("投资完成率81.6%", True, "of 临江市"),
      ("超序时进度31.6个百分点", True, "of 临江市")]),
    # 某市 is the ledger's city: its 795亿元, not 市重点's 147亿元
    ("今年，某市重点项目共130个，总投资795亿元。", [("总投资795亿元", True, "of 全市")]),
    # 南岭县's projects did 182,948.5 万元, 18.3亿元: 81.3 is a slip
    ("1-6月，南岭县重点项目完成投资81.3亿元。", [("完成投资81.3亿元", False, "of 南岭县")]),
    # a level still is one where no place's name runs into it: 市重点 did 47.25亿元
    ("1-6月，市重点项目完成投资47.3亿元。", [("完成投资47.3亿元", True, "of 市重点项目")]),
])
def test_a_place_name_before_zhongdian_xiangmu_is_the_place_not_a_level(text, expected, summary):
    assert [(c.label, c.ok, "of " + c.message.split(" of ")[-1].split(" for ")[0])
            for c in compare(text, summary)] == expected


@pytest.mark.parametrize("text", [
    "1-6月，省、市重点项目分别完成投资127亿元、47.3亿元，分别占年度计划的76.9%、75.2%。",
    "1-6月，省重点、市重点项目分别完成投资127亿元、47.3亿元，分别占年度计划的76.9%、75.2%。",
])
def test_figures_of_a_list_after_fenbie_are_not_compared_with_one_set(text, summary):
    """127亿元 and 76.9% are 省重点's, 47.3亿元 and 75.2% 市重点's, by their order alone:
    none is the whole city's (174.3亿元, 76.4%) nor 市重点's (47.25亿元, 75.2%)."""
    assert compare(text, summary) == []


def test_a_month_opening_the_sentence_is_that_months_own_figure(summary):
    # June alone is 42.0亿元 (test_this_months_figure_without_the_word_touzi_is_compared):
    # 6月份…完成投资24亿元 is a slip, as 其中6月完成投资24亿元 is, not a figure of 1-6月
    assert judged("6月份，全市重点项目完成投资24亿元。", summary) == [
        ("当月完成投资24亿元", False, "42亿元")]
    assert judged("6月份，全市重点项目完成投资42.0亿元。", summary) == [
        ("当月完成投资42.0亿元", True, "42.0亿元")]


# The sample at 2024H1: 12 red lights (4 省重点, 8 市重点), 104 started (47 + 57), 3 竣工 (all
# 市重点); 东湖区 18 projects, 189,558.41万元 of 244,305万元 (19亿元, 77.6%); 灾后重建 51
# projects; 174.3 of 228亿元 is 76.447%, 26.4 points past 序时进度 50%.
@pytest.mark.parametrize("text, expected", [
    ("全市亮红灯项目12个，其中省重点项目4个、市重点项目8个。",  # each part keeps 亮红灯
     [("亮红灯项目12个", True, "12个"), ("亮红灯项目4个", True, "4个"), ("亮红灯项目8个", True, "8个")]),
    ("全市已开工项目104个，其中省重点项目47个、市重点项目58个。",
     [("已开工项目104个", True, "104个"), ("已开工项目47个", True, "47个"),
      ("已开工项目58个", False, "57个")]),
    ("上半年全市已竣工项目3个，其中市重点项目3个。",  # the period before the count's name
     [("已竣工项目3个", True, "3个"), ("已竣工项目3个", True, "3个")]),
    ("上半年全市亮红灯项目13个。", [("亮红灯项目13个", False, "12个")]),
    ("截至6月底全市已开工项目105个。", [("已开工项目105个", False, "104个")]),
    ("东湖区19个重点项目完成投资19亿元。", [("项目数19个", False, "18个")]),
    ("东湖区18个重点项目完成投资21亿元，占年度计划的77.6%。",
     [("项目数18个", True, "18个"), ("完成投资21亿元", False, "19亿元"),
      ("投资完成率77.6%", True, "77.6%")]),
    ("灾后重建项目52个。", [("项目数52个", False, "51个")]),
    ("上半年，全市重点项目比序时进度快26.9个百分点。", [("超序时进度26.9个百分点", False, "26.4个百分点")]),
    # 东湖区 189,558.41万元 (19.0亿), 西山区 170,324.07 (17.0), 南岭县 182,948.5 (18.3); started:
    # 15, 13 and 14 of their new projects; 省重点 127亿元, 市重点 47.3亿元
    ("各县区中，东湖区完成19.0亿元，西山区17.0亿元，南岭县完成19.3亿元。",  # 完成 alone, or nothing
     [("完成投资19.0亿元", True, "19.0亿元"), ("完成投资17.0亿元", True, "17.0亿元"),
      ("完成投资19.3亿元", False, "18.3亿元")]),
    ("全市已开工项目104个，其中东湖区15个、西山区14个、南岭县13个。",
     [("已开工项目104个", True, "104个"), ("已开工项目15个", True, "15个"),
      ("已开工项目14个", False, "13个"), ("已开工项目13个", False, "14个")]),
    ("上半年，全市重点项目完成投资174.3亿元，其中省重点项目126.0亿元、市重点项目48.3亿元。",
     [("完成投资174.3亿元", True, "174.3亿元"), ("完成投资126.0亿元", False, "127.0亿元"),
      ("完成投资48.3亿元", False, "47.3亿元")]),
    # 三个一批 of the sample: 开工一批 70 (61 started), 投产一批 35 (28 in production); the
    # city's when no set is named, each figure its own batch's
    ("“开工一批”项目70个，已开工62个。",
     [("“开工一批”项目70个", True, "70个"), ("“开工一批”已开工62个", False, "61个")]),
    ("开工一批项目70个，已开工61个，投产一批项目35个，已投产29个。",
     [("“开工一批”项目70个", True, "70个"), ("“开工一批”已开工61个", True, "61个"),
      ("“投产一批”项目35个", True, "35个"), ("“投产一批”已投产29个", False, "28个")]),
    # a clause after ； says its own set and count: 70 of 市重点 is its 项目数, not 已开工
    ("省重点项目已开工47个；市重点项目70个。",
     [("已开工项目47个", True, "47个"), ("项目数70个", True, "70个")]),
])
def test_figures_said_as_reports_say_them_are_compared(text, expected, summary):
    assert judged(text, summary) == expected


def test_a_bare_wanchenglv_after_the_amount_done_is_its_rate(summary):
    # 东湖区 189,558.41 of 244,305万元 = 77.59%: 87.6% is a slip; 完成率 after another
    # amount (总投资) or alone is not the 投资完成率
    assert judged("1-6月，东湖区完成投资19亿元，完成率87.6%。", summary) == [
        ("完成投资19亿元", True, "19亿元"), ("投资完成率87.6%", False, "77.6%")]
    assert judged("1-6月，东湖区完成投资19亿元，完成率77.6%。", summary)[1] == (
        "投资完成率77.6%", True, "77.6%")
    assert [c.label for c in compare("东湖区总投资100亿元，完成率87.6%。", summary)
            if "完成率" in c.label] == []


@pytest.mark.parametrize("text, expected", [
    # 174.3 of 228 is 76.45%: printed 76.4 holds (the ledger's exact rate rounds to it)
    ("1-6月，全市重点项目完成投资174.3亿元（占年度计划的76.4%）。", [True]),
    ("1-6月，全市重点项目完成投资174.3亿元（占年度计划的78.4%）。", [False]),
    ("1-6月，全市计划新开工项目120个，已开工104个（开工率86.7%）。", [True]),  # 104 / 120
])
def test_a_rate_in_brackets_after_its_figure_is_compared(text, expected, summary):
    rates = [c for c in compare(text, summary) if c.label.startswith(("投资完成率", "开工率"))]
    assert [c.ok for c in rates] == expected


@pytest.mark.parametrize("gap, ok", [("22.8", True), ("22.7", True), ("22.6", False), ("22.9", False)])
def test_a_gap_worked_out_from_the_printed_rate_holds(gap, ok):
    # 高新区 at 2024-05: 206,168.2 of 319,910.9万元 = 64.4455%, 5/12 = 41.6667%: the exact gap
    # is 22.78 (22.8); from the printed 64.4%, 64.4 − 41.7 = 22.7 (and 64.4 − 41.667 = 22.73)
    may = compute(load_ledger(SAMPLE).ledger, parse_period("2024-05", 2024))
    text = f"1-5月，高新区完成投资20.6亿元，占年度计划的64.4%，超序时进度{gap}个百分点。"
    [claim] = [c for c in compare(text, may) if "序时" in c.label]
    assert (claim.ok, claim.expected) == (ok, "22.8个百分点")


@pytest.mark.parametrize("gap, ok", [("22.7", True), ("22.8", True), ("22.6", False)])
def test_a_tables_gap_from_the_printed_rate_holds(tmp_path, gap, ok):
    # as test_a_gap_worked_out_from_the_printed_rate_holds, in a table row of 高新区 at May
    from majorproj.audit import audit_file

    may = compute(load_ledger(SAMPLE).ledger, parse_period("2024-05", 2024))
    path = tmp_path / "t.md"
    path.write_text("单位：亿元\n\n| 县（市、区） | 本年计划投资 | 1-5月完成投资 | 完成率（%） | 超序时进度（百分点） |\n"
                    f"|---|---|---|---|---|\n| 高新区 | 32.0 | 20.6 | 64.4 | {gap} |\n",
                    encoding="utf-8")
    [claim] = [f.claim for f in audit_file(path, may).findings
               if f.claim.kind == "ledger" and "序时" in f.claim.label]
    assert (claim.ok, claim.expected) == (ok, "22.8")


MAY_PASSAGES = ["前5个月，全市重点项目完成投资132.3亿元。", "截止5月底，全市重点项目完成投资132.3亿元。",
                "到5月底，全市重点项目完成投资132.3亿元。", "截至5月31日，全市重点项目完成投资132.3亿元。",
                "截至2024年5月底，全市重点项目完成投资132.3亿元。", "一至五月，全市重点项目完成投资132.3亿元。",
                "5月底，全市重点项目完成投资132.3亿元。"]


@pytest.mark.parametrize("text", MAY_PASSAGES)
def test_the_months_to_may_said_otherwise_are_mays(text, summary):
    # the sample's 1-5月: 1,323,000万元 = 132.3亿元 (June's is 174.3): not H1's figure, and
    # May's when the period is May
    assert compare(text, summary) == []
    may = compute(load_ledger(SAMPLE).ledger, parse_period("2024-05", 2024))
    assert [(c.label, c.ok) for c in compare(text, may)] == [("完成投资132.3亿元", True)]


@pytest.mark.parametrize("text", [
    "全市进度滞后项目26个，其中省重点项目10个、市重点项目16个。",
    "全市逾期未开工项目6个，其中省重点项目3个、市重点项目3个。",
    "全市挂牌督办项目12个，其中省重点项目4个、市重点项目8个。",
])
def test_parts_of_a_count_of_some_projects_are_not_the_levels_counts(text, summary):
    # 60 provincial and 70 municipal projects: 10 and 16 are of the projects behind, not all
    assert compare(text, summary) == []


@pytest.mark.parametrize("text, expected", [
    # June alone: 420,379.2 of 2,280,000万元 = 18.44%, the month's own share of the plan
    ("6月份，全市重点项目当月完成投资42亿元，当月投资完成率18.4%。",
     [("当月完成投资42亿元", True, "42亿元"), ("当月进度18.4%", True, "18.4%")]),
    ("1-6月，全市重点项目完成投资174.3亿元；其中6月完成投资42亿元，占年度计划的18.1%。",
     [("完成投资174.3亿元", True, "174.3亿元"), ("当月完成投资42亿元", True, "42亿元"),
      ("当月进度18.1%", False, "18.4%")]),
    # a month alone before the rate is its own; the end of 1-6月 is the months so far:
    # 174.3 of 228亿元 is 76.4%
    ("全市重点项目6月份投资完成率18.4%。", [("当月进度18.4%", True, "18.4%")]),
    ("全市重点项目1-6月投资完成率76.4%。", [("投资完成率76.4%", True, "76.4%")]),
    ("全市重点项目1 - 6月投资完成率76.4%。", [("投资完成率76.4%", True, "76.4%")]),
    ("全市重点项目一至6月投资完成率76.4%。", [("投资完成率76.4%", True, "76.4%")]),
    # a county's name right before a batch in quotes: 东湖区's 7 in 开工一批, 5 started
    ("东湖区“开工一批”项目7个、已开工5个。",
     [("“开工一批”项目7个", True, "7个"), ("“开工一批”已开工5个", True, "5个")]),
])
def test_the_months_share_and_a_countys_batch(text, expected, summary):
    assert judged(text, summary) == expected


@pytest.mark.parametrize("words", ["为年度计划的", "完成年度投资计划的", "年度计划完成率", "完成全年计划的",
                                   "占全年计划的", "占年计划的"])
def test_the_completion_rate_said_in_other_words(words, summary):
    # 174.3 of 228亿元 = 76.45%: 76.4% holds, 78.4% is a slip
    for rate, ok in (("76.4%", True), ("78.4%", False)):
        claims = compare(f"1-6月，全市重点项目完成投资174.3亿元，{words}{rate}。", summary)
        assert [(c.label, c.ok) for c in claims][1:] == [(f"投资完成率{rate}", ok)]


@pytest.mark.parametrize("text", [
    "对12个亮红灯项目实行挂牌督办。", "全市共有12个项目亮红灯、14个项目亮黄灯。",
    "全市红灯项目12个、黄灯项目14个。", "按照预警规则，目前亮红灯项目12个、亮黄灯项目14个（详见附件3）。"])
def test_light_counts_as_reports_word_them(text, summary):
    # the sample at 2024H1: 12 red, 14 yellow, the whole city's when no set is named
    right = [(c.label, c.ok) for c in compare(text, summary)]
    assert right and all(ok for _, ok in right)
    assert {label for label, _ in right} <= {"亮红灯项目12个", "亮黄灯项目14个"}
    wrong = compare(text.replace("12个", "13个"), summary)
    assert [(c.expected, c.ok) for c in wrong][:1] == [("12个", False)]


def test_a_sets_count_after_a_semicolon_is_not_a_part_of_the_clause_before(summary):
    # 省重点 60 (55 to start, 47 started); 市重点 70 (65, 57): the 其中 of the first clause
    # is not the second's, so the 市重点's 71 is compared (and is a slip)
    text = ("1-6月，省重点项目60个，其中计划新开工55个、已开工47个，完成投资127亿元；"
            "市重点项目71个，其中计划新开工65个、已开工57个。")
    assert ("项目数71个", False, "70个") in judged(text, summary)
    assert ("项目数60个", True, "60个") in judged(text, summary)


@pytest.mark.parametrize("text, expected", [
    # the sample's last year: 1-6月 1,398,600万元; this year's 1,743,000: up 344,400万元 =
    # 34.4亿元, 344,400 / 1,398,600 = 24.62%; the rate 8.22 points above last year's
    ("1-6月，全市重点项目完成投资174.3亿元，同比增长24.6%。", ("同比增长24.6%", True, "24.6%")),
    ("1-6月，全市重点项目完成投资174.3亿元，同比增长27.6%。", ("同比增长27.6%", False, "24.6%")),
    ("1-6月，全市重点项目完成投资174.3亿元，较去年同期增长43.4亿元，同比增长24.6%。",
     ("同比增加43.4亿元", False, "34.4亿元")),
    ("1-6月，全市重点项目完成投资174.3亿元，占年度计划的76.4%，同比提高8.8个百分点。",
     ("完成率同比8.8个百分点", False, "8.2个百分点")),
    # 比上年同期 and 较上年同期, as 去年同期
    ("1-6月，全市重点项目完成投资174.3亿元，比上年同期增长24.9%。", ("同比增长24.9%", False, "24.6%")),
    ("1-6月，全市重点项目完成投资174.3亿元，较上年同期增加34.4亿元。",
     ("同比增加34.4亿元", True, "34.4亿元")),
])
def test_year_on_year_figures_of_the_amount_done_are_the_ledgers(text, expected, summary):
    assert expected in judged(text, summary)


@pytest.fixture(scope="module")
def fallen(tmp_path_factory):
    """The sample with last year's 1-6月 at 1,900,000万元: this year's 1,743,000 is less."""
    import shutil

    root = tmp_path_factory.mktemp("fallen") / "ledger"
    shutil.copytree(SAMPLE, root)
    config = root / "majorproj.yaml"
    text = config.read_text(encoding="utf-8")
    for before, after in (("6: 1398600", "6: 1900000"), ("7: 1612000", "7: 1950000"),
                          ("8: 1789500", "8: 2000000"), ("9: 1962300", "9: 2050000")):
        text = text.replace(before, after)  # and the later months no lower
    config.write_text(text, encoding="utf-8")
    loaded = load_ledger(root)
    assert loaded.errors == 0, loaded.problems
    return compute(loaded.ledger, parse_period("2024H1", 2024))


@pytest.mark.parametrize("text, expected", [
    # 1,743,000 − 1,900,000 = −157,000万元 = 减少15.7亿元; −157,000 / 1,900,000 = −8.26%;
    # the rate 1,743,000 / 2,280,000 = 76.45% against 1,900,000 / 2,050,000 = 92.68%:
    # 16.24 points down
    ("1-6月，全市重点项目完成投资174.3亿元，同比下降8.3%。", ("同比下降8.3%", True, "8.3%")),
    ("1-6月，全市重点项目完成投资174.3亿元，同比下降8.6%。", ("同比下降8.6%", False, "8.3%")),
    ("1-6月，全市重点项目完成投资174.3亿元，较去年同期减少15.7亿元、同比下降8.3%。",
     ("同比减少15.7亿元", True, "15.7亿元")),
    ("1-6月，全市重点项目完成投资174.3亿元，较去年同期减少17.5亿元、同比下降8.3%。",
     ("同比减少17.5亿元", False, "15.7亿元")),
    ("1-6月，全市重点项目完成投资174.3亿元，占年度计划的76.4%，同比下降16.2个百分点。",
     ("完成率同比下降16.2个百分点", True, "16.2个百分点")),
    ("1-6月，全市重点项目完成投资174.3亿元，占年度计划的76.4%，同比下降9.5个百分点。",
     ("完成率同比下降9.5个百分点", False, "16.2个百分点")),
])
def test_a_fall_year_on_year_is_compared_as_the_ledgers_negated(text, expected, fallen):
    assert expected in judged(text, fallen)


def test_a_fall_said_where_the_ledger_grew_is_wrong(summary):
    # the sample grew 24.6% (344,400 / 1,398,600): 下降 is wrong whatever its figure
    assert ("同比下降24.6%", False, "-24.6%") in judged(
        "1-6月，全市重点项目完成投资174.3亿元，同比下降24.6%。", summary)


def test_funds_secured_and_their_sources_are_the_ledgers():
    # the small ledger at 2024H1 (tests/metrics/small, test_metrics_small.py by hand): 专项债券
    # 500 + 1000, 自筹 300.5, 中央预算内 100 secured, 1900.5万元 in all
    small = compute(load_ledger(Path(__file__).parent / "metrics" / "small").ledger,
                    parse_period("2024H1", 2024))
    text = "目前，全市重点项目本年到位资金{}万元，其中中央预算内资金{}万元、专项债券1500万元。"
    assert judged(text.format("1900.5", "100"), small) == [
        ("到位资金1900.5万元", True, "1900.5万元"), ("中央预算内资金100万元", True, "100万元"),
        ("专项债券1500万元", True, "1500万元")]
    assert [c[1] for c in judged(text.format("1990.5", "10"), small)] == [False, False, True]
def test_a_long_list_of_amounts_is_read_once_each(summary, monkeypatch):
    # 2,000 amounts in one sentence: each figure's metric is worked out a bounded number of
    # times, not once more for every figure after it (a list like this took 80 s)
    import majorproj.audit.ledger as ledger

    calls = []
    real = ledger.metric_of
    monkeypatch.setattr(ledger, "metric_of", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    text = "1-6月，全市重点项目完成投资" + "，".join(f"{n}亿元" for n in range(1, 2001)) + "。"
    compare(text, summary)
    assert len(calls) <= 2 * 2000


@pytest.mark.parametrize("text, expected", [
    # a county followed by a time or a word before its figure is still the figure's set:
    # 东湖区 1-6月 189,600万元 ≈ 19亿元 (not the city's 174.3亿元)
    ("上半年，全市重点项目完成投资174.3亿元。东湖区上半年完成投资19亿元。", ("完成投资19亿元", True, "19亿元")),
    ("全市重点项目完成投资174.3亿元。东湖区截至6月底完成投资29亿元。", ("完成投资29亿元", False, "19亿元")),
    # 东湖区's red projects: 2 (the city's 12)
    ("东湖区红灯项目2个。", ("亮红灯项目2个", True, "2个")),
    ("东湖区有3个项目亮红灯。", ("亮红灯项目3个", False, "2个")),
    # a set named in brackets that closed is the bracket's: the sentence is the city's,
    # 120 to start, 104 started (86.7%)
    ("全市重点项目130个（市重点项目70个、省重点项目60个），计划新开工项目120个，已开工104个，开工率86.7%。",
     ("开工率86.7%", True, "86.7%")),
])
def test_the_set_a_figure_speaks_of_is_found_past_times_words_and_brackets(text, expected,
                                                                          summary):
    assert expected in judged(text, summary)


@pytest.mark.parametrize("text", [
    "东湖区、西山区合计完成投资36亿元。",  # two counties together: neither's figure
    "开工以来，云台县累计完成投资86亿元。",  # since construction began, not this year's
    "下半年，全市还需完成投资53.7亿元，确保完成年度计划的105%。",  # targets, not results
    "全市力争三季度末完成投资200亿元，确保完成年度计划的90%。",
])
def test_sums_of_several_sets_since_the_start_or_aimed_at_are_not_compared(text, summary):
    assert judged(text, summary) == []


@pytest.mark.parametrize("text, expected", [
    # the plan printed inside the share (占年度计划228亿元的76.4%) is the 年度计划投资: 228亿元
    ("1-6月，全市重点项目完成投资174.3亿元，占年度计划228亿元的76.4%。",
     [("完成投资174.3亿元", True, "174.3亿元"), ("年度计划投资228亿元", True, "228亿元"),
      ("投资完成率76.4%", True, "76.4%")]),
    ("1-6月，全市重点项目完成投资174.3亿元，占年度计划218亿元的80.0%。",
     [("完成投资174.3亿元", True, "174.3亿元"), ("年度计划投资218亿元", False, "228亿元"),
      ("投资完成率80.0%", False, "76.4%")]),
])
def test_a_share_with_its_plan_inside_compares_both(text, expected, summary):
    assert judged(text, summary) == expected


def test_the_ledgers_figure_is_shown_as_the_report_writes_it(summary):
    # the sample's 总投资 7,950,000万元 (795亿元), with the separators the text uses
    assert judged("今年全市重点项目总投资7,960,000万元。", summary) == [
        ("总投资7,960,000万元", False, "7,950,000万元")]
    from majorproj.audit.interval import printed_like

    assert printed_like(Decimal("26.44"), 1, "+24.6") == "+26.4"
    assert printed_like(Decimal("-3.8"), 1, "+3.8") == "-3.8"
    assert printed_like(Decimal("1234567.891"), 2, "1234567.00") == "1234567.89"
