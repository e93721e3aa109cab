"""Property tests: a figure computed from true values and printed with any rounding
(half up, any digits) is never flagged, whatever the rounding of its inputs."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majorproj.audit.claims import judge

amounts = st.integers(min_value=1, max_value=10**7).map(lambda n: Decimal(n).scaleb(-4))
places = st.integers(min_value=0, max_value=3)
counts = st.integers(min_value=1, max_value=2000)


def printed(value: Decimal, digits: int) -> str:
    """``value`` rounded half up to ``digits`` decimals, as a report prints it."""
    return f"{value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP):f}"


def never_wrong(text: str) -> list:
    claims = judge(text)
    assert not [c.message for c in claims if c.ok is False], text
    return claims


@settings(max_examples=150, deadline=None)
@given(amounts, amounts, places, places, places)
def test_share_of_the_plan(plan, done, plan_places, done_places, rate_places):
    rate = done / plan * 100
    claims = never_wrong(f"全市年度计划投资{printed(plan, plan_places)}亿元，1-6月完成投资"
                         f"{printed(done, done_places)}亿元，占年度计划的"
                         f"{printed(rate, rate_places)}%。")
    if Decimal(printed(plan, plan_places)) > 1:  # judged whenever the plan is printed non-zero
        assert [c.ok for c in claims] == [True]


@settings(max_examples=150, deadline=None)
@given(counts, st.data(), places)
def test_start_rate(planned, data, rate_places):
    started = data.draw(st.integers(min_value=0, max_value=planned))
    rate = Decimal(started) / planned * 100
    claims = never_wrong(f"计划新开工项目{planned}个，已开工{started}个，"
                         f"开工率{printed(rate, rate_places)}%。")
    assert [c.ok for c in claims] == [True]  # counts are exact: always judged


@settings(max_examples=150, deadline=None)
@given(amounts, amounts, places, places, st.integers(min_value=1, max_value=12),
       st.booleans())
def test_gap_against_time_progress(plan, done, rate_places, gap_places, month, from_printed):
    rate = done / plan * 100
    shown = printed(rate, rate_places)
    # offices take the gap from the exact rate, or from the rate as printed
    gap = (Decimal(shown) if from_printed else rate) - Decimal(month) / 12 * 100
    words = "超过序时进度" if gap >= 0 else "落后序时进度"
    period = {3: "一季度", 6: "上半年", 9: "前三季度"}.get(month, f"1-{month}月")
    claims = never_wrong(f"{period}，全市重点项目完成投资{printed(done, 2)}亿元，占年度计划的"
                         f"{shown}%，{words}{printed(abs(gap), gap_places)}个百分点。")
    assert any(c.kind == "gap" and c.ok for c in claims)


@settings(max_examples=150, deadline=None)
@given(amounts, amounts, places, places, places, st.booleans())
def test_growth_on_last_year(now, last, now_places, other_places, growth_places, by_increase):
    change = now - last
    growth = change / last * 100
    rises = change >= 0
    if by_increase:
        basis = f"较去年同期{'增长' if rises else '减少'}{printed(abs(change), other_places)}亿元"
    else:
        basis = f"去年同期为{printed(last, other_places)}亿元"
    claims = never_wrong(f"1-6月，完成投资{printed(now, now_places)}亿元，{basis}，"
                         f"同比{'增长' if rises else '下降'}{printed(abs(growth), growth_places)}%。")
    if not by_increase and Decimal(printed(last, other_places)) > 0:
        assert [c.ok for c in claims] == [True]


@settings(max_examples=150, deadline=None)
@given(counts, st.data(), places, st.integers(min_value=1, max_value=5), st.booleans())
def test_a_miscounted_rate_is_always_flagged(planned, data, rate_places, off, up):
    started = data.draw(st.integers(min_value=0, max_value=planned))
    rate = Decimal(started) / planned * 100
    wrong = Decimal(printed(rate, rate_places)) + (off if up else -off) * Decimal(1).scaleb(
        -rate_places)
    claims = judge(f"计划新开工项目{planned}个，已开工{started}个，开工率{wrong:f}%。")
    if wrong >= 0:
        assert [c.ok for c in claims] == [False]


@settings(max_examples=150, deadline=None)
@given(st.lists(amounts, min_size=2, max_size=6), st.lists(places, min_size=7, max_size=7),
       st.booleans())
def test_parts_add_up(parts, digits, in_brackets):
    total = sum(parts)
    names = ["省级", "市级", "县级", "产业", "基础设施", "民生"]
    listed = "、".join(f"{names[k]}项目{printed(p, digits[k])}亿元" for k, p in enumerate(parts))
    whole = f"年度计划投资{printed(total, digits[6])}亿元"
    text = f"{whole}（{listed}）。" if in_brackets else f"{whole}，其中{listed}。"
    never_wrong(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(counts, min_size=2, max_size=5))
def test_counted_parts_add_up_exactly(parts):
    listed = "、".join(f"{n}项" for n in parts)
    claims = judge(f"建设项目{sum(parts)}项（{listed.replace('、', '、其他')}）。".replace(
        "（", "（省级", 1))
    assert [c.ok for c in claims] == [True]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=0, max_value=2000),
       places, places, places)
def test_change_in_points_on_last_year(now_permille, last_permille, now_places, last_places,
                                       change_places):
    now, last = Decimal(now_permille) / 10, Decimal(last_permille) / 10
    change = now - last
    words = "提高" if change >= 0 else "下降"
    claims = never_wrong(f"1-6月，全市重点项目完成年度计划的{printed(now, now_places)}%，比去年同期的"
                         f"{printed(last, last_places)}%{words}{printed(abs(change), change_places)}个百分点。")
    assert any(c.kind == "growth" and c.ok for c in claims)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, counts, st.data()), min_size=2, max_size=6),
       places, places, st.integers(min_value=1, max_value=12))
def test_a_table_computed_right_is_never_flagged(rows, amount_places, rate_places, month):
    import tempfile
    from pathlib import Path

    from majorproj.audit import audit_file

    lines = [f"| 县（市、区） | 本年计划投资 | 1-{month}月完成投资 | 完成率 | 超序时进度（百分点） | "
             "计划新开工 | 已开工 | 开工率 |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    total_plan = total_done = Decimal(0)
    total_planned = total_started = 0
    for k, (plan, done, planned, data) in enumerate(rows):
        started = data.draw(st.integers(min_value=0, max_value=planned))
        total_plan, total_done = total_plan + plan, total_done + done
        total_planned, total_started = total_planned + planned, total_started + started
        lines.append(_table_row(f"第{k + 1}县", plan, done, planned, started, amount_places,
                                rate_places, month))
    lines.append(_table_row("合计", total_plan, total_done, total_planned, total_started,
                            amount_places, rate_places, month))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        audit = audit_file(path)
    assert not [f.claim.message for f in audit.wrong], "\n".join(lines)
    assert len(audit.checked) >= 2 * len(rows)


def _table_row(name, plan, done, planned, started, amount_places, rate_places, month):
    rate = done / plan * 100
    gap = rate - Decimal(month) / 12 * 100
    start_rate = printed(Decimal(started) / planned * 100, rate_places) + "%"
    return (f"| {name} | {printed(plan, amount_places)} | {printed(done, amount_places)} | "
            f"{printed(rate, rate_places)}% | {printed(gap, rate_places)} | {planned} | "
            f"{started} | {start_rate} |")


@pytest.mark.parametrize("period", ["一至六月", "6月末", "6月底", "截止6月底", "1至6月"])
def test_the_months_of_a_gap_are_read_in_every_way_offices_write_them(period):
    # 174.3 / 228 = 76.45% against 6/12 = 50%: 26.4 points ahead; 24.6 is a slip
    text = f"{period}，全市重点项目完成投资174.3亿元，占年度计划228亿元的76.4%，超序时进度{{}}个百分点。"
    never_wrong(text.format("26.4"))
    (gap,) = [c for c in judge(text.format("24.6")) if "序时进度" in c.message]
    assert gap.ok is False and gap.expected == "26.4个百分点"


def _searched_back(text: str, offset: int, stops: str) -> int:
    """boundary_before as its docstring defines it: the step-by-step search back."""
    from majorproj.audit.numbers import REACH

    for at in range(offset - 1, max(offset - REACH, 0) - 1, -1):
        if text[at] in stops:
            return at + 1
    return max(offset - REACH, 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="，。；、x年1", max_size=5000), st.data())
def test_the_boundary_before_an_offset_is_the_last_stop_within_reach(text, data):
    from majorproj.audit.numbers import boundary_before

    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    for stops in ("，。；、", "。", "；"):
        assert boundary_before(text, offset, stops) == _searched_back(text, offset, stops)


def test_a_passage_without_stops_indexes_them_once_not_once_a_figure():
    # 600 figures in 4,800 characters with no comma or full stop: each finder asks for the
    # clause or sentence of each figure, and the stops are found once a text and a set
    from majorproj.audit.numbers import _stops_at

    text = "南岭县（1%）x" * 600
    _stops_at.cache_clear()
    judge(text)
    assert _stops_at.cache_info().misses <= 8 and _stops_at.cache_info().hits > 600
