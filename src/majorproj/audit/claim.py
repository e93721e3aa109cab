"""A claim: one figure of a report, judged against what its numbers give, or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["share", "gap", "growth", "sum", "ledger"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure of the report, judged (``ok`` True or False) or not (``ok`` None)."""

    kind: Kind
    start: int  # offset of the printed figure in its passage
    printed: str  # the figure as printed: 82.8%, 13.8个百分点, 28项
    label: str  # the figure with its name: 开工率82.8%
    ok: bool | None  # None: not checked
    expected: str | None  # the figure the text implies, as it would be printed
    basis: str  # the numbers used (47 of 55), or why the figure is not checked
    also: tuple[Claim, ...] = ()  # the figure's other wrong judgements (the ledger's too)

    @property
    def message(self) -> str:
        if self.ok is None:
            return f"{self.label} not checked: {self.basis}"
        if self.kind == "ledger":
            verb = "agrees with" if self.ok else "differs from"
        else:
            verb = "follows from" if self.ok else "does not follow from"
        said = f"{self.label} {verb} {self.basis} ({self.expected})"
        if self.ok and self.kind != "ledger" and self.expected != self.printed:
            # 77.6% of 19.0 and 24.4 printed: the figures' own values may give it
            said = (f"{self.label} {verb} {self.basis} within their rounding (the figures as "
                    f"printed give {self.expected})")
        for other in self.also:
            said += (f"; nor does it agree with {other.basis} ({other.expected})"
                     if other.kind == "ledger" else
                     f"; nor does it follow from {other.basis} ({other.expected})")
        return said
