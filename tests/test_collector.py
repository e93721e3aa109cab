"""The garbage collector's pause around loading: restored after, also on an error."""

import gc

import pytest

from majorproj.ledger.collector import collector_paused


def test_paused_inside_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error_and_left_off_when_it_was_off():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_freeze_moves_what_exists_to_the_permanent_generation():
    before = gc.get_freeze_count()
    try:
        with collector_paused(freeze=True):
            kept = [[i] for i in range(100)]
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()
