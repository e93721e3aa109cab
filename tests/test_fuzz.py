"""Arbitrary and mutated ledgers give problems and the right exit code, never an exception."""

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger

BASE = Path(__file__).parent / "cases" / "base"
FILES = ["majorproj.yaml", "projects/甲县.yaml", "progress/2024-01.yaml", "progress/2024-02.yaml"]
FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.text(max_size=30),
                    st.floats(allow_nan=True, allow_infinity=True), st.dates())
junk = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)


def mutate(data, path: list, action: str, value):
    """Apply one mutation at a path inside plain data: drop, replace or insert."""
    node = data
    for part in path[:-1]:
        node = node[part]
    last = path[-1]
    if action == "drop" and isinstance(node, dict):
        node.pop(last, None)
    elif action == "insert" and isinstance(node, dict):
        node[f"{last}_x"] = value
    else:
        node[last] = value
    return data


def paths(data, prefix=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield list(prefix) + [key]
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield list(prefix) + [i]
            yield from paths(value, prefix + (i,))


def assert_check_behaves(root: Path):
    result = load_ledger(root)
    cli = CliRunner().invoke(app, ["check", str(root)], env={"GITHUB_ACTIONS": ""})
    assert cli.exception is None or isinstance(cli.exception, SystemExit), cli.exception
    assert cli.exit_code == (1 if result.errors else 0)
    return result


@FUZZ
@given(file=st.sampled_from(FILES), data=st.data(),
       action=st.sampled_from(["drop", "replace", "insert"]), value=junk)
def test_mutated_values(tmp_path_factory, file, data, action, value):
    root = tmp_path_factory.mktemp("ledger")
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    content = yaml.safe_load((root / file).read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(list(paths(content))))
    mutated = mutate(content, where, action, value)
    (root / file).write_text(yaml.safe_dump(mutated, allow_unicode=True), encoding="utf-8")
    assert_check_behaves(root)


@FUZZ
@given(file=st.sampled_from(FILES), cut=st.floats(0, 1), junk_bytes=st.binary(max_size=40))
def test_truncated_and_junk_files(tmp_path_factory, file, cut, junk_bytes):
    root = tmp_path_factory.mktemp("ledger")
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    raw = (root / file).read_bytes()
    (root / file).write_bytes(raw[: int(len(raw) * cut)] + junk_bytes)
    assert_check_behaves(root)


@FUZZ
@given(text=st.text(max_size=200))
def test_arbitrary_text_as_a_projects_file(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("ledger")
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    (root / "projects" / "乙区.yaml").write_text(text, encoding="utf-8")
    result = assert_check_behaves(root)
    if not text.strip():  # nothing to read: empty (E006) or invisible characters (E001)
        assert any(p.file == "projects/乙区.yaml" and p.code in ("E001", "E006")
                   for p in result.problems)
