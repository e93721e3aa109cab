"""Auditing a written report: reading its claims and judging them.

``audit_file(path, summary=None) -> Audit`` reads a .docx, .md or .txt report
(``read``), finds the figures that its own numbers determine and judges them as
printed (``claims`` in the text, ``tables`` in its tables, with ``interval``'s
arithmetic), and, given the ledger's figures
for the period, compares the figures that name a metric (``ledger``; a county's
in a list, ``listed``; each set's after 分别, ``respective``; a named project's,
``projects``) and its tables'
rows (``ledger_tables``). ``output``
renders the result as text, JSON or GitHub annotations.
"""

from majorproj.audit.findings import CODES, Audit, Finding, audit_file, audit_paragraphs
from majorproj.audit.read import ReadError

__all__ = ["CODES", "Audit", "Finding", "ReadError", "audit_file", "audit_paragraphs"]
