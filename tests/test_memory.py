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


def test_equal_amounts_and_short_texts_of_a_load_are_one_object_each():
    ledger = load_ledger(SAMPLE).ledger
    entries = [e for r in ledger.progress.values() for e in r.entries.values()]
    amounts: dict[str, set[int]] = {}
    texts: dict[str, set[int]] = {}
    for e in entries:
        amounts.setdefault(str(e.completed_ytd), set()).add(id(e.completed_ytd))
        if e.progress is not None:
            texts.setdefault(e.progress, set()).add(id(e.progress))
    repeated = [k for k in amounts if sum(str(e.completed_ytd) == k for e in entries) > 1]
    assert repeated  # the sample has amounts written in more than one month …
    assert all(len(ids) == 1 for ids in amounts.values())  # … each held once
    assert any(sum(e.progress == t for e in entries) > 1 for t in texts)
    assert all(len(ids) == 1 for ids in texts.values())
    counties = {id(p.county) for p in ledger.projects if p.county == ledger.projects[0].county}
    assert len(counties) == 1


def test_sharing_keeps_each_amount_as_written_and_never_shares_a_wrong_one():
    from decimal import Decimal

    import pytest
    from pydantic_core import ValidationError

    from majorproj.ledger.fields import validated
    from majorproj.ledger.models import Entry, shared_values

    with shared_values():
        one = validated(Entry, {"completed_ytd": Decimal("1")})
        one_point_0 = validated(Entry, {"completed_ytd": Decimal("1.0")})
        again = validated(Entry, {"completed_ytd": 1})
        for _ in range(2):  # a wrong amount is refused each time it is written
            with pytest.raises(ValidationError, match="E106"):
                validated(Entry, {"completed_ytd": Decimal("1.00001")})
        long_text = "进" * 65
        a = validated(Entry, {"completed_ytd": 1, "progress": long_text * 1})
        b = validated(Entry, {"completed_ytd": 1, "progress": "".join(["进"] * 65)})
    assert str(one.completed_ytd) == "1" and str(one_point_0.completed_ytd) == "1.0"
    assert again.completed_ytd is one.completed_ytd
    assert one_point_0.completed_ytd is not one.completed_ytd
    assert a.progress == b.progress and a.progress is not b.progress  # long: not remembered
    outside = validated(Entry, {"completed_ytd": Decimal("1")})
    assert outside.completed_ytd is not one.completed_ytd  # nothing kept after the load


def test_texts_up_to_64_characters_are_shared_and_a_nested_load_keeps_the_outer_sharing():
    from majorproj.ledger.fields import validated
    from majorproj.ledger.models import Entry, shared_values

    def progress(text: str):
        return validated(Entry, {"completed_ytd": 1, "progress": text}).progress

    with shared_values():
        first = progress("进" * 64)
        with shared_values():  # last year's ledger, loaded inside this year's
            inner = progress("进" * 64)
        after = progress("".join(["进"] * 64))
    assert inner is first and after is first
