"""The fast reader (rapidyaml → JSON) gives exactly the positional reader's data, or none."""

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from majorproj.ledger import fastread
from majorproj.ledger.fastread import plain_data
from majorproj.ledger.load import load_ledger
from majorproj.ledger.yamlfile import read_document

BENCH = Path(__file__).parent.parent / "bench"
CASES = Path(__file__).parent / "cases"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

from test_cases import overlay  # noqa: E402

SLOW = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def typed(value):
    """The value with every leaf's type kept, so that 1, 1.0, '1' and True all differ."""
    if isinstance(value, dict):
        return ("dict", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, str(value))


def positional(path: Path, monkeypatch):
    """What the positional reader alone makes of a file."""
    with monkeypatch.context() as m:
        m.setattr(fastread, "plain_data", lambda text: None)
        return read_document(path, path.name)


@SLOW
@given(n=st.integers(1, 40), seed=st.integers(0, 10**6))
def test_both_readers_give_the_same_data_on_generated_ledgers(tmp_path_factory, monkeypatch,
                                                              n, seed):
    root = generate(tmp_path_factory.mktemp("ledger"), n, seed=seed)
    for path in sorted(root.rglob("*.yaml")):
        fast = plain_data(path.read_text(encoding="utf-8"))
        assert fast is not None, path  # generated ledgers are plain: the fast path reads them
        slow = positional(path, monkeypatch)
        assert slow.problems == []
        assert typed(fast) == typed(slow.data)
    config = plain_data((root / "majorproj.yaml").read_text(encoding="utf-8"))
    assert config["report"]["date"] == dt.date(2025, 1, 15)  # a plain date, read as a date


# Scalars as a ledger might hold them, and many that YAML 1.1 reads otherwise.
ATOMS = ["1", "-0", "0", "017", "08", "1.50", "-0.5", "0.0001", "1_000", "0x1F", "0o17", "0b11",
         "1e3", "1.0e+3", "1.", ".5", "+5", ".inf", "-.Inf", ".nan", "NaN", "Infinity",
         "123456789012345678901234567890", "12:30", "190:20:30", "yes", "No", "on", "OFF", "y",
         "n", "true", "True", "FALSE", "null", "Null", "~", "", "=", "<<", "2024-03-15",
         "2024-02-30", "2024-3-5", "2024-03-15 10:00:00", "2024-03-15T10:00:00Z", "2024-06",
         "2024", "new", "not_started", "主体结构施工", "东湖区 项目", "a#b", "a # b", "a: b", "- x",
         "x-y", "C00-00001", "2023-330100-45-01-000001", "'", '"', "\\t", "a\\u00e9", "[a]",
         "{a: 1}", "a,b", "&x", "*x", "!!str x", "|", ">", "?", "%", "%x", "67.4%", "50 %",
         "x,%y", "[%", "@", "`", "\t", "\r",
         "\u2028", "\x85", "\ufeff", "x\x01"]
KEYS = ["id", "name", "total_investment", "1", "1.5", "true", "~", "2024-03-15", "a b", "东湖区",
        "<<", "? x", "", "-", "x:y"]


def scalar_text(draw):
    atom = draw(st.sampled_from(ATOMS))
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single":
        return "'" + atom.replace("'", "''") + "'"
    if style == "double":
        return '"' + atom.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return atom


@st.composite
def yaml_texts(draw, depth=0):
    """A small YAML mapping text: block or flow, with comments, nested a little."""
    lines = []
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5))
    for key in keys:
        indent = "  " * depth
        kind = draw(st.sampled_from(["scalar", "scalar", "flow_list", "flow_map", "block"]))
        if kind == "scalar":
            value = scalar_text(draw)
            comment = draw(st.sampled_from(["", "  # note", " #x"]))
            lines.append(f"{indent}{key}: {value}{comment}")
        elif kind == "flow_list":
            items = [scalar_text(draw) for _ in range(draw(st.integers(0, 3)))]
            lines.append(f"{indent}{key}: [{', '.join(items)}]")
        elif kind == "flow_map":
            items = [f"{k}: {scalar_text(draw)}"
                     for k in draw(st.lists(st.sampled_from(KEYS[:9]), max_size=3))]
            lines.append(f"{indent}{key}: {{{', '.join(items)}}}")
        elif depth < 2:
            lines.append(f"{indent}{key}:")
            if draw(st.booleans()):
                for _ in range(draw(st.integers(1, 3))):
                    lines.append(f"{indent}  - {scalar_text(draw)}")
            else:
                lines.append(draw(yaml_texts(depth + 1)))
        else:
            lines.append(f"{indent}{key}: {scalar_text(draw)}")
    return "\n".join(lines)


@settings(max_examples=400, deadline=None)
@given(text=yaml_texts())
def test_the_fast_reader_reads_a_file_exactly_or_not_at_all(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("y") / "f.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    fast = plain_data(text + "\n")
    if fast is None:
        return
    with pytest.MonkeyPatch.context() as m:
        m.setattr(fastread, "plain_data", lambda text: None)
        slow = read_document(path, "f.yaml")
    assert slow.problems == [], text  # what the fast path reads, the positional one reads cleanly
    assert typed(fast) == typed(slow.data), text


@pytest.mark.parametrize("text", [
    "a: !!str 1\n", "a: &x 1\nb: *x\n", "a: {<<: {b: 1}}\n", 'a: "x\\ty"\n', "a: |\n  x\n",
    "a: >\n  x\n", "a: yes\n", "a: ~\n", "a: 0x1F\n", "a: 1_000\n", "a: 1e3\n", "a: 1.0e+3\n",
    "a: .inf\n", "a: 017\n", "a: 12:30\n", "a: 1\na: 2\n", "a: '2024-03-15'\nb: 2024-03-15\n",
    "a: 2024-03-15 10:00:00\n", "a:\tb\n", "a: b\r\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n",
    "a: [1\n", "- a\n- b\n", "just text\n", "", "# only a comment\n", "a: x\x85y\n", "a: +5\n",
    "a" * 1100 + ": 1\n", "a: " + "[" * 70 + "]" * 70 + "\n", "id: 1.\n",
    # what rapidyaml reads and YAML refuses: a comment inside {…}, an empty flow key, a
    # value that starts with a closing bracket
    "a: {b: 桩基施工 #已核}\n", "a: {self_raised: 2650 #自筹}\n", "a: {: b}\n", "a: {b: 1, : c}\n",
    "a: ]x\n", "a: }x\n", "- ]x\n",
])
def test_what_the_fast_reader_leaves_to_the_positional_one(text):
    assert plain_data(text) is None


def test_the_fast_reader_reads_amounts_exactly_and_keeps_unreal_dates_as_text():
    data = plain_data("a: 1.50\nb: 7\nc: 2024-03-15\nd: 2024-02-30\ne: [2024-01-02]\nf: -0.0\n")
    assert typed(data) == typed({"a": Decimal("1.50"), "b": 7, "c": dt.date(2024, 3, 15),
                                 "d": "2024-02-30", "e": [dt.date(2024, 1, 2)],
                                 "f": Decimal("-0.0")})


def test_a_file_rapidyaml_cannot_parse_prints_nothing_of_its_own(tmp_path, capfd):
    path = tmp_path / "f.yaml"
    path.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    doc = read_document(path, "f.yaml")
    assert [p.code for p in doc.problems] == ["E001"]
    assert capfd.readouterr().err == ""


CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir() and p.name != "base")


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_every_case_gives_the_same_problems_with_and_without_the_fast_reader(case, base_ledger,
                                                                           monkeypatch):
    overlay(case, base_ledger)
    fast = load_ledger(base_ledger).problems
    monkeypatch.setattr(fastread, "plain_data", lambda text: None)
    assert fast == load_ledger(base_ledger).problems


def test_without_a_standard_error_a_broken_file_is_still_a_problem(base_ledger):
    import os
    import subprocess

    month = base_ledger / "progress" / "2024-02.yaml"
    month.write_text("month: 2024-02\nentries: [1, 2\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "majorproj", "check", str(base_ledger)],
                         stdout=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(2))
    assert run.returncode == 1 and "E001" in run.stdout


def test_a_place_in_a_file_read_fast_is_found_by_reading_it_again(tmp_path):
    from majorproj.ledger.yamlfile import read_document

    path = tmp_path / "项目.yaml"
    path.write_text("projects:\n  - id: A1\n    name: 甲\n  - id: A2\n    name: 乙\n",
                    encoding="utf-8")
    doc = read_document(path, "projects/项目.yaml")
    assert doc.source is not None and doc.root is None  # read fast: no nodes, no text held
    assert doc.position(("projects", 1, "name")) == (5, 11)  # 乙: line 5, after "    name: "
    assert doc.position(("projects", 1, "name"), key=True) == (5, 5)


def test_a_file_changed_since_it_was_read_gives_no_wrong_place(tmp_path):
    from majorproj.ledger.yamlfile import read_document

    path = tmp_path / "项目.yaml"
    path.write_text("projects:\n  - id: A1\n    name: 甲\n", encoding="utf-8")
    doc = read_document(path, "projects/项目.yaml")
    path.write_text("# 改过\n\n\nprojects:\n  - id: A1\n    name: 甲\n", encoding="utf-8")
    assert doc.position(("projects", 0, "name")) == (1, 1)  # not line 3 of the old text


def test_a_comment_inside_a_one_line_mapping_is_the_syntax_error_yaml_says(base_ledger):
    """rapidyaml kept '#已核}' as text; YAML's reader refuses the line. Read fast, the file's
    other problems were then placed at 1:1 and the syntax error never said."""
    march = base_ledger / "progress" / "2024-03.yaml"
    march.write_text("month: 2024-03\nentries:\n  JX-001: {completed_ytd: 2600, progress: 桩基施工 #已核}\n"
                     "  JX-002: {completed_ytd: -5}\n", encoding="utf-8")
    problems = [(p.code, p.line) for p in load_ledger(base_ledger).problems
                if p.file == "progress/2024-03.yaml"]
    assert problems and problems[0] == ("E001", 3)  # where the comment begins
    assert ("E001", 1) not in problems and not [c for c, line in problems if line == 1]
    (said,) = [p for p in load_ledger(base_ledger).problems if p.code == "E001"]
    # at the '#': two spaces, 'JX-001: ' (8), '{completed_ytd: 2600, ' (21), 'progress: '
    # (10), '桩基施工 ' (5): column 2 + 8 + 21 + 10 + 5 + 1 = 47 + 1
    assert said.column == 48 and "starts a comment" in said.message and "in quotes" in said.hint


def test_a_percent_sign_is_text_but_where_a_directive_or_a_value_starts():
    assert plain_data("# 上半年目标，即年度计划的67.4%\ntargets: {unit: share}\n") == {
        "targets": {"unit": "share"}}
    assert plain_data("a: 完成67.4%\n") == {"a": "完成67.4%"}
    for text in ("%YAML 1.1\n---\na: 1\n", "a: %x\n", "a: [1, %x]\n", "a: {b: %x}\n",
                 "- %x\n", "a: 50 %\n"):
        assert plain_data(text) is None, text  # left to the positional reader


def test_the_fast_readers_resolvers_are_pyyamls():
    """fastread carries YAML 1.1's implicit resolvers so as not to import PyYAML for a
    plain file: they must be PyYAML's own, pattern for pattern and by first character."""
    from yaml.resolver import Resolver

    from majorproj.ledger.fastread import IMPLICIT

    theirs: dict[str, set[str]] = {}
    for first, pairs in Resolver.yaml_implicit_resolvers.items():
        for _, regexp in pairs:
            theirs.setdefault(regexp.pattern, set()).add(first)
    ours = {pattern: set(starts) for starts, pattern in IMPLICIT}
    assert {p: s - {""} for p, s in theirs.items()} == ours


def test_a_plain_ledger_is_checked_without_importing_pyyaml():
    import os
    import subprocess

    sample = Path(__file__).parent.parent / "data" / "sample"
    script = ("import sys\nfrom majorproj.cli import main\n"
              "sys.argv = ['majorproj', 'check', sys.argv[1]]\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print('yaml' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script, str(sample)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "MAJORPROJ_NO_CACHE": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "False"
