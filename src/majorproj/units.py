"""Amounts as the ledger keeps them: 万元, exact decimals, written digit for digit.

Reports speak 亿元 from one 亿 up; rounding for them is ``render.numbers``'s.
"""

from decimal import Decimal

WAN_PER_YI = Decimal(10000)  # 1 亿元 = 10,000 万元
# the money units sheets use, each in 万元 exactly (亿 and 万 as written without 元)
IN_WAN = {"亿元": WAN_PER_YI, "千万元": Decimal(1000), "百万元": Decimal(100), "万元": Decimal(1),
          "千元": Decimal("0.1"), "元": Decimal("0.0001"), "亿": WAN_PER_YI, "万": Decimal(1)}


def plain(value: Decimal) -> str:
    """``value`` exactly, without exponent or trailing zeros: 7950000, 880.5, 0.0001, 0."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
