"""The cache of parsed files: used when sound, ignored and rewritten when not, bypassable."""

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger import cache, fastread
from majorproj.ledger.load import load_ledger

SAMPLE = Path(__file__).parent.parent / "data" / "sample"


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MAJORPROJ_NO_CACHE", raising=False)
    cache.use(True)
    return tmp_path / "xdg" / "majorproj"


@pytest.fixture
def ledger(tmp_path) -> Path:
    root = tmp_path / "ledger"
    shutil.copytree(SAMPLE, root)
    return root


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def count_parses(monkeypatch) -> list[int]:
    """How often rapidyaml is asked to parse, from now on."""
    calls = [0]
    real = fastread._emit_json

    def counting(source):
        calls[0] += 1
        return real(source)

    monkeypatch.setattr(fastread, "_emit_json", counting)
    return calls


def test_the_cache_lives_in_xdg_cache_home_else_in_the_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "majorproj"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as XDG says
    assert cache.folder() == Path.home() / ".cache" / "majorproj"


def test_a_second_run_reads_the_cache_and_gives_the_same_result(cache_home, ledger, monkeypatch):
    first = load_ledger(ledger)
    written = entries(cache_home)
    plain = [p for p in ledger.rglob("*.yaml")
             if fastread.plain_data(p.read_text(encoding="utf-8")) is not None]
    assert len(written) == len(plain) > 0
    calls = count_parses(monkeypatch)
    second = load_ledger(ledger)
    assert calls[0] == 0  # nothing parsed again
    assert second.problems == first.problems and second.ledger == first.ledger


def test_a_changed_file_is_parsed_again(cache_home, ledger, monkeypatch):
    load_ledger(ledger)
    month = sorted((ledger / "progress").glob("*.yaml"))[-1]
    month.write_text(month.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    calls = count_parses(monkeypatch)
    load_ledger(ledger)
    assert calls[0] == 1


@pytest.mark.parametrize("damage", [
    lambda text: "",  # empty
    lambda text: text[: len(text) // 2],  # truncated
    lambda text: "not json\n" + text.partition("\n")[2],  # a foreign header
    lambda text: text.replace('"dates": false', '"dates": 1').replace('"dates": true', '"dates": 1'),
    lambda text: text + "{}",  # the body no longer matches its hash
    lambda text: json.dumps({"key": "x", "body": "y", "dates": False}) + "\n{}",  # foreign
    lambda text: "\udcff",  # not UTF-8 at all (written as bytes below)
])
def test_a_damaged_entry_is_ignored_and_written_anew(cache_home, ledger, damage, monkeypatch):
    first = load_ledger(ledger)
    for entry in entries(cache_home):
        good = entry.read_text(encoding="utf-8")
        entry.write_bytes(damage(good).encode("utf-8", "surrogateescape"))
    calls = count_parses(monkeypatch)
    second = load_ledger(ledger)
    assert calls[0] == len(entries(cache_home))  # every file parsed again …
    assert second.problems == first.problems and second.ledger == first.ledger
    calls[0] = 0
    load_ledger(ledger)
    assert calls[0] == 0  # … and its entry rewritten


def test_an_entry_whose_dates_flag_was_flipped_is_not_trusted(cache_home, tmp_path):
    """The flag says how the body is read (plain dates or texts): it is hashed with it."""
    text = "month: 2024-06\nday: 2024-06-30\n"
    fresh = fastread.plain_data(text)
    assert fresh is not None and fresh["day"].__class__.__name__ == "date"
    (entry,) = entries(cache_home)
    head, _, body = entry.read_text(encoding="utf-8").partition("\n")
    header = json.loads(head)
    assert header["dates"] is True
    entry.write_text(json.dumps({**header, "dates": False}) + "\n" + body, encoding="utf-8")
    assert fastread.plain_data(text) == fresh


def test_an_entry_that_is_a_link_or_a_device_is_not_read(cache_home, ledger):
    """An entry linked to /dev/zero would be read for ever; a link is not followed."""
    import subprocess
    import sys

    load_ledger(ledger)
    for entry in entries(cache_home):
        entry.unlink()
        entry.symlink_to("/dev/zero")
    run = subprocess.run([sys.executable, "-m", "majorproj", "check", str(ledger)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)})
    assert (run.returncode, run.stdout) == (0, "no problems found\n"), run.stderr
    assert not [e for e in entries(cache_home) if e.is_symlink()]  # written anew, as files


def test_an_entry_linked_to_a_users_file_never_overwrites_it(cache_home, ledger, tmp_path):
    load_ledger(ledger)
    precious = tmp_path / "notes.txt"
    precious.write_text("mine\n", encoding="utf-8")
    for entry in entries(cache_home):
        entry.unlink()
        entry.symlink_to(precious)
    assert load_ledger(ledger).problems == []
    assert precious.read_text(encoding="utf-8") == "mine\n"
    assert entries(cache_home) and not [e for e in entries(cache_home) if e.is_symlink()]


def test_a_forged_body_with_its_own_hash_still_passes_the_readers_checks(cache_home, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    name = cache.key(b"a: 1\n")
    body = '{"a": 1, "a": 2}'  # a key twice: the fast reader never emits this as data
    cache.store(name, body, False)
    assert fastread.plain_data("a: 1\n") == {"a": 1}


def test_no_cache_reads_and_writes_nothing(cache_home, ledger, monkeypatch):
    result = CliRunner().invoke(app, ["check", str(ledger), "--no-cache"])
    assert result.exit_code == 0 and entries(cache_home) == []
    result = CliRunner().invoke(app, ["--no-cache", "summary", "-l", str(ledger),
                                      "--period", "2024H1"])
    assert result.exit_code == 0 and entries(cache_home) == []
    monkeypatch.setenv("MAJORPROJ_NO_CACHE", "1")
    load_ledger(ledger)
    assert entries(cache_home) == []
    monkeypatch.delenv("MAJORPROJ_NO_CACHE")
    CliRunner().invoke(app, ["check", str(ledger)])  # the next run uses it again
    assert entries(cache_home) != []


def test_the_cache_is_pruned_oldest_first_beyond_its_size(cache_home, ledger, monkeypatch):
    load_ledger(ledger)
    sizes = {p: p.stat().st_size for p in entries(cache_home)}
    oldest = min(sizes, key=lambda p: p.stat().st_mtime)
    os.utime(oldest, (1, 1))
    monkeypatch.setattr(cache, "MAX_BYTES", sum(sizes.values()) - 1)
    cache.store("f" * 64, "{}", False)  # one more entry: the oldest must go
    left = entries(cache_home)
    assert oldest not in left and cache_home / ("f" * 64 + ".json") in left
    assert sum(p.stat().st_size for p in left) <= cache.MAX_BYTES


def test_the_cache_is_counted_once_a_run_and_held_to_its_size_all_the_same(cache_home,
                                                                           monkeypatch):
    """Counting the folder on every write cost 60 ms a write in a cache of 20,000 entries."""
    scans = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: (scans.append(path), real(path))[1])

    def held() -> list[int]:  # the entries' sizes (listdir: glob would scan too)
        return [os.path.getsize(cache_home / name) for name in os.listdir(cache_home)]

    for i in range(20):
        cache.store(f"{i:064x}", "{}", False)
    assert len(scans) == 1 and len(held()) == 20
    size = held()[0]  # every entry holds the same
    monkeypatch.setattr(cache, "MAX_BYTES", 25 * size)  # 5 more fit, the sixth goes over
    for i in range(20, 30):
        cache.store(f"{i:064x}", "{}", False)
        assert sum(held()) <= cache.MAX_BYTES
    assert len(held()) == 25 and len(scans) == 6  # counted again at each write past 25


def test_an_unwritable_cache_is_no_error(tmp_path, ledger, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # majorproj/ cannot be made in a file
    result = CliRunner().invoke(app, ["check", str(ledger)])
    assert result.exit_code == 0, result.output


def test_entries_are_written_atomically_and_hold_json(cache_home, ledger):
    load_ledger(ledger)
    assert not [p for p in cache_home.iterdir() if not p.name.endswith(".json")]  # no temp files
    for entry in entries(cache_home):
        head, _, body = entry.read_text(encoding="utf-8").partition("\n")
        assert json.loads(head)["key"] == entry.stem
        assert isinstance(json.loads(body), dict)


def test_entries_are_not_synced_to_the_disk_as_outputs_are(cache_home, ledger, monkeypatch,
                                                          tmp_path):
    """An entry torn by a crash fails its checksum and is written again (above): it need
    not pay a flush to the disk each, as a report or the ledger's own files do."""
    from majorproj.files import write_atomic

    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    load_ledger(ledger)
    assert entries(cache_home) and synced == []
    write_atomic(tmp_path / "report.md", b"# x\n")
    assert len(synced) == 1


# ── a checked ledger ────────────────────────────────────────────────────────────


def check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", str(root)])
    return result.exit_code, result.output


def loads_counted(monkeypatch) -> list[int]:
    """How often a ledger is loaded, from now on."""
    from majorproj.ledger import load

    calls = [0]
    real = load.load_ledger

    def counting(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(load, "load_ledger", counting)
    return calls


@pytest.fixture
def broken(ledger) -> Path:
    """The sample with an error: a negative amount in March."""
    month = ledger / "progress" / "2024-03.yaml"
    text = month.read_text(encoding="utf-8")
    month.write_text(text.replace("DH-004: {completed_ytd: 8474,", "DH-004: {completed_ytd: -5,"),
                     encoding="utf-8")
    return ledger


def test_an_unchanged_ledger_is_checked_once_and_its_problems_kept(cache_home, broken,
                                                                   monkeypatch):
    code, output = check(broken)
    assert code == 1 and "E104" in output and "2024-03.yaml:" in output
    calls = loads_counted(monkeypatch)
    assert check(broken) == (code, output)  # the same problems, places and exit code …
    assert calls[0] == 0  # … without loading the ledger
    result = CliRunner().invoke(app, ["check", str(broken), "--format", "json"])
    assert calls[0] == 0 and json.loads(result.output)["errors"] >= 1


@pytest.mark.parametrize("change", [
    lambda root: (root / "progress" / "2024-03.yaml").write_text(
        (root / "progress" / "2024-03.yaml").read_text(encoding="utf-8")
        .replace("completed_ytd: -5,", "completed_ytd: 5,"), encoding="utf-8"),
    lambda root: (root / "progress" / "2024-07.yaml").write_text(
        "month: 2024-07\nentries: {}\n", encoding="utf-8"),  # a file added
    lambda root: (root / "narrative" / "2024H1.yaml").unlink(),  # a file removed
    lambda root: (root / "majorproj.yaml").write_text(
        (root / "majorproj.yaml").read_text(encoding="utf-8") + "# 注\n", encoding="utf-8"),
])
def test_any_change_to_the_ledger_checks_it_again(cache_home, broken, monkeypatch, change):
    before = check(broken)
    change(broken)
    calls = loads_counted(monkeypatch)
    after = check(broken)
    assert calls[0] == 1
    calls[0] = 0
    assert check(broken) == after and calls[0] == 0  # and that result is kept in turn
    if after == before:  # the comment and the removed narrative change no problem
        assert after[0] == 1


def test_a_change_to_last_years_ledger_checks_it_again(cache_home, tmp_path, monkeypatch):
    from yoy_ledgers import two_years

    last, this = two_years(tmp_path)
    first = check(this)
    assert "W013" in first[1]  # X2's completed_before, checked against 2023's ledger
    calls = loads_counted(monkeypatch)
    assert check(this) == first and calls[0] == 0
    month = last / "progress" / "2023-12.yaml"
    month.write_text(month.read_text(encoding="utf-8") + "# 注\n", encoding="utf-8")
    assert check(this) == first
    assert calls[0] == 2  # this year's ledger read again, and last year's with it


def test_a_moved_ledger_is_checked_again(cache_home, broken, tmp_path, monkeypatch):
    check(broken)
    moved = tmp_path / "moved"
    broken.rename(moved)
    calls = loads_counted(monkeypatch)
    code, output = check(moved)
    assert calls[0] == 1 and str(moved) in output


@pytest.mark.parametrize("forge", [
    lambda body: {**body, "problems": [["f", "1", 1, "error", "E001", "m", "", ""]]},  # a str line
    lambda body: {**body, "problems": [["f", 1, 1, "fatal", "E001", "m", "", ""]]},  # no severity
    lambda body: {**body, "problems": [["f", 1, 1, "error", "E001"]]},  # fields missing
    lambda body: {**body, "previous": ["/nowhere", "0" * 64]},  # a last year that is not there
    lambda body: {"problems": []},  # no previous at all
    lambda body: [],
])
def test_a_forged_checked_entry_is_not_trusted(cache_home, broken, monkeypatch, forge):
    expected = check(broken)
    for entry in entries(cache_home):
        head, _, body = entry.read_text(encoding="utf-8").partition("\n")
        header = json.loads(head)
        if header.get("kind") == "checked":
            forged = json.dumps(forge(json.loads(body)))
            header["body"] = cache._sum(header, forged)  # a matching hash
            entry.write_text(json.dumps(header) + "\n" + forged, encoding="utf-8")
    calls = loads_counted(monkeypatch)
    assert check(broken) == expected and calls[0] == 1


def test_an_unreadable_file_is_never_kept_as_checked(cache_home, broken, monkeypatch):
    (broken / "projects" / "folder.yaml").mkdir()  # not a plain file: E007 each time
    first = check(broken)
    assert "E007" in first[1]
    calls = loads_counted(monkeypatch)
    assert check(broken) == first and calls[0] == 1


def test_a_file_changed_while_the_ledger_is_checked_keeps_no_result(cache_home, broken,
                                                                    monkeypatch):
    """The files hashed are not those the loader read: March fixed just before it reads
    them, put back just after. What it found must not be kept for the files as hashed."""
    from majorproj.ledger import load

    real = load.load_ledger
    march = broken / "progress" / "2024-03.yaml"
    wrong = march.read_text(encoding="utf-8")

    def fixed_meanwhile(*args, **kwargs):
        march.write_text(wrong.replace("completed_ytd: -5,", "completed_ytd: 8474,"),
                         encoding="utf-8")
        result = real(*args, **kwargs)
        march.write_text(wrong, encoding="utf-8")
        return result

    monkeypatch.setattr(load, "load_ledger", fixed_meanwhile)
    assert check(broken)[0] == 0  # the loader saw March fixed
    monkeypatch.setattr(load, "load_ledger", real)
    calls = loads_counted(monkeypatch)
    code, output = check(broken)
    assert calls[0] == 1 and code == 1 and "E104" in output  # March as it is: wrong


def test_the_parsers_versions_are_read_without_importing_them(tmp_path, monkeypatch):
    import sys
    from importlib.metadata import version

    site = tmp_path / "site"
    (site / "parser").mkdir(parents=True)
    (site / "parser" / "__init__.py").write_text("raise ImportError('not to be imported')\n")
    for name in ("parser-1.2.3.dist-info", "parser_extra-9.9.dist-info", "other-1.0.dist-info"):
        (site / name).mkdir()
    monkeypatch.syspath_prepend(str(site))
    assert cache._installed("parser", "parser") == "parser-1.2.3"
    assert "parser" not in sys.modules
    assert cache._installed("yaml", "PyYAML").lower() == f"pyyaml-{version('PyYAML')}"
    # where the module is not found on the path, importlib.metadata answers
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert cache._installed("yaml", "PyYAML") == f"PyYAML-{version('PyYAML')}"


def test_a_new_version_of_a_parser_makes_new_keys(monkeypatch):
    before = cache.key(b"a: 1\n")
    monkeypatch.setattr(cache, "_VERSIONS", [cache._versions().replace(" pydantic_core-", " pydantic_core-0")])
    assert cache.key(b"a: 1\n") != before


def test_a_file_saved_under_another_ending_is_said_on_the_next_run_too(cache_home, ledger):
    assert CliRunner().invoke(app, ["check", str(ledger)]).exit_code == 0  # kept checked
    (ledger / "progress" / "2024-07.yaml.txt").write_text("month: 2024-07\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(ledger)])
    # not read, but named: the kept problems of the unchanged files do not hide it
    assert "W015" in result.output and "2024-07.yaml.txt" in result.output


@pytest.mark.parametrize("before, after", [("folder", "file"), ("absent", "file"),
                                           ("file", "absent")])
def test_a_folder_that_becomes_a_file_is_checked_afresh(cache_home, ledger, before, after):
    """The kept result is of the ledger's files and of what its folders are: a narrative
    file where the folder was is E007 at once, not the kept "no problems"."""
    narrative = ledger / "narrative"

    def make(state):
        if narrative.is_dir():
            shutil.rmtree(narrative)
        elif narrative.exists():
            narrative.unlink()
        if state == "folder":
            narrative.mkdir()
        elif state == "file":
            narrative.write_text("notes\n", encoding="utf-8")

    make(before)
    first = check(ledger)
    make(after)
    assert check(ledger) == check_afresh(ledger)
    make(before)
    assert check(ledger) == first


def check_afresh(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--no-cache", "check", str(root)])
    cache.use(True)
    return result.exit_code, result.output


def test_an_entry_beyond_its_size_cap_is_not_read(cache_home, ledger, monkeypatch):
    """MAX_ENTRY_BYTES: an entry larger than any file's JSON is ignored (and the file parsed
    again), not read into memory."""
    load_ledger(ledger)
    sizes = [e.stat().st_size for e in entries(cache_home)]
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", min(sizes) - 1)
    calls = count_parses(monkeypatch)
    assert load_ledger(ledger).problems == []
    assert calls[0] == len(sizes)  # every entry over the cap: every file parsed again
