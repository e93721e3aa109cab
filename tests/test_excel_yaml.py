"""Ledger YAML written by the importers: plain where safe, read back exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import yaml
from hypothesis import given
from hypothesis import strategies as st

from majorproj.excel.import_projects import project_files
from majorproj.ledger.yamlfile import read_document
from majorproj.ledger.yamlwrite import head_comments, progress_yaml, projects_yaml, scalar
from majorproj.render.numbers import plain
from test_excel_support import FILES, sound, write_ledger


def read_back(text: str, flow: bool):
    """What the ledger's own reader makes of ``text`` as a value (in a flow mapping too)."""
    source = f"k: {{v: {text}}}\n" if flow else f"k: {text}\n"
    value = yaml.load(source, Loader=yaml.CSafeLoader)["k"]
    return value["v"] if flow else value


# text as cells hold it: Chinese, Latin, digits, punctuation YAML cares about, spaces
CELL_TEXT = st.text(alphabet=st.sampled_from(
    list("甲县项目，。：；（）0123456789abcXYZ-:#,[]{}'\"!&*?|>%@` \u3000\t\n\\")
    + ["\u2028", "\x85", "\ufeff"]), min_size=1, max_size=20)


@given(CELL_TEXT, st.booleans())
def test_any_text_reads_back_as_itself(text, flow):
    assert read_back(scalar(text, flow=flow), flow) == text


def test_plain_where_plain_is_safe_quoted_otherwise():
    assert scalar("主体厂房封顶") == "主体厂房封顶"
    assert scalar("电力、通信管线迁改滞后，影响施工进度", flow=True) == \
        "电力、通信管线迁改滞后，影响施工进度"
    assert scalar("a, b", flow=True) == '"a, b"'
    assert scalar("2024-03") == "'2024-03'"
    for looks_like_something_else in ("yes", "null", "123", "1.5", "2024-03-01", "- x", "#1"):
        assert scalar(looks_like_something_else).startswith(("'", '"'))


def test_amounts_are_exact_without_exponent_or_trailing_zeros():
    assert [plain(Decimal(t)) for t in ("5200", "5.2E+3", "880.50", "0.0001", "0E-4")] == [
        "5200", "5200", "880.5", "0.0001", "0"]
    assert scalar(date(2024, 3, 10)) == "2024-03-10"


def test_rewriting_the_test_ledger_gives_its_files_back_byte_for_byte(tmp_path):
    root = write_ledger(tmp_path)
    ledger = sound(root)
    projects = {p.id: p for p in ledger.projects}
    for path, ids in project_files(ledger).items():
        text = projects_yaml([projects[i] for i in ids], head_comments(path, []))
        assert text == FILES[f"projects/{path.name}"]
    may = ledger.progress[5]
    assert progress_yaml(may.month, dict(may.entries), []) == FILES["progress/2024-05.yaml"]


def test_written_files_pass_the_ledgers_own_reader(tmp_path):
    path = tmp_path / "2024-06.yaml"
    from majorproj.ledger.models import Entry, Issue

    entries = {"JX-001": Entry(completed_ytd=Decimal("12.5"), progress="a: b #c\n第二行",
                               issues=[Issue(category="other", text="x, y", resolved=True)])}
    path.write_text(progress_yaml("2024-06", entries, ["# note"]), encoding="utf-8")
    doc = read_document(path, "2024-06.yaml")
    assert not doc.problems
    assert doc.data["entries"]["JX-001"] == {
        "completed_ytd": Decimal("12.5"), "progress": "a: b #c\n第二行",
        "issues": [{"category": "other", "text": "x, y", "resolved": True}]}
