"""The audit of one file: each claim placed at its line and column, and the counts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from majorproj.audit.claim import Claim
from majorproj.audit.claims import judge
from majorproj.audit.read import Paragraph, read_report
from majorproj.ledger.problems import Problem

if TYPE_CHECKING:
    from majorproj.metrics import Summary

# code → (kind of claim, short title); docs/audit.md explains each
CODES: dict[str, tuple[str, str]] = {
    "A001": ("unchecked", "figure not checked"),
    "A101": ("share", "rate or share does not follow from its numbers"),
    "A102": ("gap", "gap against time progress does not follow"),
    "A103": ("growth", "growth on last year does not follow"),
    "A104": ("sum", "total does not add up"),
    "A201": ("ledger", "figure differs from the ledger"),
}
_CODE_OF = {kind: code for code, (kind, _) in CODES.items()}


@dataclass(frozen=True, slots=True)
class Finding:
    """A claim at its place in the file."""

    line: int
    column: int
    claim: Claim

    @property
    def code(self) -> str:
        return _CODE_OF["unchecked" if self.claim.ok is None else self.claim.kind]


@dataclass(frozen=True)
class Audit:
    """What the audit of one report found, claim by claim."""

    file: str
    findings: tuple[Finding, ...]

    @property
    def checked(self) -> list[Finding]:
        return [f for f in self.findings if f.claim.ok is not None]

    @property
    def wrong(self) -> list[Finding]:
        return [f for f in self.findings if f.claim.ok is False]

    @property
    def unchecked(self) -> list[Finding]:
        return [f for f in self.findings if f.claim.ok is None]

    def problems(self, unchecked: bool = False) -> list[Problem]:
        """The wrong figures as errors (and, with ``unchecked``, the unchecked as warnings)."""
        chosen = [f for f in self.findings if f.claim.ok is False
                  or (unchecked and f.claim.ok is None)]
        return [Problem(self.file, f.line, f.column,
                        "error" if f.claim.ok is False else "warning", f.code, f.claim.message)
                for f in chosen]


def audit_paragraphs(file: str, paragraphs: list[Paragraph],
                     summary: Summary | None = None) -> Audit:
    """Judge every paragraph's figures; with ``summary``, compare them with the ledger's."""
    from majorproj.audit.tables import judge_tables

    in_tables: dict[int, list[Claim]] = {}  # id of a cell's paragraph → its claims
    for cell, claim in judge_tables(paragraphs):
        in_tables.setdefault(id(cell), []).append(claim)
    if summary is not None:
        from majorproj.audit.ledger_tables import compare_tables

        for cell, claim in compare_tables(paragraphs, summary):
            in_tables.setdefault(id(cell), []).append(claim)
    findings = []
    for paragraph in paragraphs:
        for offset, text in pieces(paragraph.text):
            claims = judge(text)
            if id(paragraph) in in_tables:  # a cell the table judged: not unchecked too
                judged = in_tables[id(paragraph)]
                at = {c.start for c in judged}
                claims = [c for c in claims if c.ok is not None or c.start not in at] + judged
            if summary is not None:
                from majorproj.audit.ledger import compare
                from majorproj.audit.listed import compare_listed
                from majorproj.audit.projects import compare_projects
                from majorproj.audit.respective import compare_respective

                compared = compare(text, summary)
                for more in (compare_listed, compare_respective, compare_projects):
                    compared += more(text, summary, {c.start for c in compared})
                # a figure compared with the ledger is checked, even when its basis is unstated
                at = {c.start for c in compared}
                claims = sorted([c for c in claims if c.ok is not None or c.start not in at]
                                + compared, key=lambda c: c.start)
            for claim in one_a_figure(claims):
                line, column = paragraph.place(offset + claim.start)
                findings.append(Finding(line, column, claim))
    return Audit(file, tuple(findings))


def one_a_figure(claims: list[Claim]) -> list[Claim]:
    """One claim a printed figure, in order: a figure judged twice (from its numbers and
    against the ledger) is wrong once, with every reason, or right once (the ledger's
    judgement, the stronger, when it has one)."""
    by_start: dict[int, list[Claim]] = {}
    for claim in claims:
        by_start.setdefault(claim.start, []).append(claim)
    found = []
    for same in by_start.values():
        wrong = [c for c in same if c.ok is False]
        if wrong:
            found.append(replace(wrong[0], also=tuple(wrong[1:])))
        else:
            right = [c for c in same if c.ok]
            found.append(next((c for c in right if c.kind == "ledger"), (right or same)[0]))
    return found


PIECE = 4000  # characters: a passage longer than any real paragraph is judged in pieces


def pieces(text: str, size: int = PIECE) -> list[tuple[int, str]]:
    """(offset, piece) of ``text`` cut after a 。 (else a ； or ，, else anywhere) into
    pieces of at most ``size`` characters, so that no passage costs more than its share
    of the time."""
    found, start = [], 0
    while len(text) - start > size:
        cut = (text.rfind("。", start, start + size) + 1
               or max(text.rfind(c, start, start + size) for c in "；;，,") + 1 or start + size)
        found.append((start, text[start:cut]))
        start = cut
    found.append((start, text[start:]))
    return found


def audit_file(path: Path, summary: Summary | None = None) -> Audit:
    """The audit of the report at ``path``; ``ReadError`` when it cannot be read."""
    return audit_paragraphs(str(path), read_report(Path(path)), summary)
