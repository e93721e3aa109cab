"""What a province's ledger holds hundreds of thousands of is held once (bench/ measures
the memory; these say the sharing that keeps it low is in place)."""

from pathlib import Path

from majorproj.ledger.load import load_ledger

SAMPLE = Path(__file__).parent.parent / "data" / "sample"


def test_records_have_no_per_object_dict():
    ledger = load_ledger(SAMPLE).ledger
    entry = next(iter(ledger.progress[6].entries.values()))
    for record in (ledger.projects[0], ledger.projects[0].milestones, entry):
        assert not hasattr(record, "__dict__")


def test_every_month_keys_its_entries_by_the_projects_own_ids():
    ledger = load_ledger(SAMPLE).ledger
    ids = {p.id: p.id for p in ledger.projects}
    keys = [k for report in ledger.progress.values() for k in report.entries]
    assert len(keys) > len(ids)  # the same ids, month after month …
    assert all(k is ids[k] for k in keys)  # … each one string, not one a month


def test_what_entries_leave_out_is_one_shared_empty_value():
    ledger = load_ledger(SAMPLE).ledger
    entries = [e for r in ledger.progress.values() for e in r.entries.values()]
    bare = [e for e in entries if not e.issues and not e.funding and not e.procedures]
    assert len(bare) > 1
    assert len({id(e.issues) for e in bare}) == 1
    assert len({id(e.funding) for e in bare}) == 1 and len({id(e.procedures) for e in bare}) == 1
    first = bare[0]
    assert first.issues == () and dict(first.funding) == {} and dict(first.procedures) == {}
