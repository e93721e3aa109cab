"""The checks a careful clerk makes of a sheet's own arithmetic: 合计 and 小计 rows.

A 合计 (or 总计) row must be the sum of the sheet's projects; a 小计 row the sum of the
projects between it and the group heading or subtotal before it, or of those after it
up to the next (offices put subtotals under their group, the export puts them above).
A total that is rounded (2 places under rows of 4) is compared at its own places.
A row that names a county alone (东湖区 | 26000, above or below its projects) is that
county's 小计. These are warnings (W503): the projects' own figures are what is
imported. The figures are said in the column's own unit, as the clerk sees them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import ROUND_HALF_UP, Decimal

from majorproj.excel.amounts import AmountError, parse_amount
from majorproj.excel.sheet import Line, Table
from majorproj.excel.text import squeeze
from majorproj.ledger.problems import Problem


def total_problems(table: Table, counties: Collection[str] = ()) -> list[Problem]:
    """W503 for each 合计 and 小计 that does not add up; ``counties`` (squeezed) name the
    rows that are a county's 小计."""
    kinds = [_kind(table, line, counties) for line in table.lines]
    problems = []
    for key in table.amount_keys():
        problems += _check(table, key, kinds)
    return problems


def _kind(table: Table, line: Line, counties: Collection[str]) -> str | None:
    name = squeeze(table.text(line.row, "name")).rstrip(":：")
    if line.kind is None and not (table.text(line.row, "id") or table.text(line.row, "code")) \
            and name in counties:
        return "subtotal"
    if line.kind == "total" and _COUNTY_TOTAL.sub("", name) in counties:
        return "subtotal"  # 东湖区（共计）, 东湖区合计: one county's, on a sheet of several
    return line.kind


_COUNTY_TOTAL = re.compile(r"\(?(?:合计|总计|共计|汇总)数?\)?$")


def _amount(table: Table, line: Line, key: str) -> Decimal | None:
    try:
        return parse_amount(table.value(line.row, key), table.columns[key].scale)
    except AmountError:
        return None


def _check(table: Table, key: str, kinds: list[str | None]) -> list[Problem]:
    lines = table.lines
    # a 其中 row is a share of the row above it: neither summed nor a group's boundary
    markers = [i for i, kind in enumerate(kinds) if kind not in (None, "part")]
    bounds = [-1, *markers, len(lines)]
    sums: dict[int, Decimal] = {}  # a marker's index (-1: the top) → the rows after it
    for low, high in zip(bounds, bounds[1:], strict=False):
        sums[low] = sum((_amount(table, lines[i], key) or Decimal(0)
                         for i in range(low + 1, high) if kinds[i] is None), Decimal(0))
    everything = sum(sums.values(), Decimal(0))
    label = table.columns[key].header.replace("\n", "")
    scale = table.columns[key].scale  # 万元 in one of the column's unit
    problems = []
    for n, i in enumerate(markers):
        line = lines[i]
        if kinds[i] == "heading":
            continue
        stated = _amount(table, line, key)
        if stated is None:
            continue
        if kinds[i] == "total":
            if not _same(stated, everything):
                problems.append(table.problem(
                    line.row, "W503", f"the 合计 row says {label} {_plain(stated, scale)}, but the "
                    f"sheet's projects add up to {_plain(everything, scale)}",
                    "correct the 合计 row, or check that no project row is missing"))
            continue
        before = sums[markers[n - 1] if n else -1]
        after = sums[i]
        if not (_same(stated, before) or _same(stated, after)):
            problems.append(table.problem(
                line.row, "W503", f"the 小计 row says {label} {_plain(stated, scale)}, but the "
                f"rows above it add up to {_plain(before, scale)} and those below it to "
                f"{_plain(after, scale)}",
                "correct the 小计 row, or check its group's rows"))
    return problems


def _same(stated: Decimal, total: Decimal) -> bool:
    """Whether a stated total is the sum, at the places the total is written with."""
    exponent, places = stated.as_tuple().exponent, total.as_tuple().exponent
    if isinstance(exponent, int) and isinstance(places, int) and places < exponent < 0:
        total = total.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
    return stated == total


def _plain(value: Decimal, scale: Decimal) -> str:
    """``value`` (万元) in the column's unit, as the clerk sees it in the sheet."""
    from majorproj.units import plain

    return plain(value / scale)
