"""The period's report (重大项目工作情况报告): the official .docx and its Markdown preview.

``build_report(ledger, period, templates)`` → ``Report``; ``render(report, "docx")`` →
bytes. The pipeline: ``context`` (Summary + narrative → what templates see),
``prose`` (Jinja2 templates → blocks), ``annexes`` (the tables), then one writer per
format (``docx_writer`` with ``ooxml``, ``markdown``).
"""

from majorproj.report.build import FORMATS, Report, build_report, default_file_name, render
from majorproj.report.prose import TemplateError

__all__ = ["FORMATS", "Report", "TemplateError", "build_report", "default_file_name", "render"]
