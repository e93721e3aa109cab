"""The period's report (重大项目工作情况报告): what the document says.

``build_report(ledger, period, templates)`` → ``Report``, which a renderer of
``render.formats.REPORT`` (``render.docx``, ``render.md``) turns into bytes. The
pipeline: ``context`` (Summary + narrative → what templates see), ``prose`` (Jinja2
templates → blocks), ``annexes`` (the tables).
"""

from majorproj.report.build import Report, build_report, default_file_name
from majorproj.report.prose import TemplateError

__all__ = ["Report", "TemplateError", "build_report", "default_file_name"]
