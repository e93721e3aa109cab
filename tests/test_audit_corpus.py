"""Report passages as data: tests/audit/corpus.yaml lists, for each passage, the figures
that must be judged (kind, as printed, right or wrong, and for a wrong one the figure the
text implies) and how many must be counted as not checked; nothing else may be judged."""

from pathlib import Path

import pytest
import yaml

from majorproj.audit.claims import judge

CORPUS = yaml.safe_load((Path(__file__).parent / "audit" / "corpus.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CORPUS, ids=[c["name"] for c in CORPUS])
def test_passage(case):
    claims = judge(case["text"])
    judged = [{"kind": c.kind, "printed": c.printed, "ok": c.ok}
              | ({"expected": c.expected} if c.ok is False else {})
              for c in claims if c.ok is not None]
    assert judged == case["claims"], [c.message for c in claims]
    assert sum(c.ok is None for c in claims) == case["unchecked"], [c.message for c in claims]


def test_the_corpus_has_sound_passages_and_slips_of_every_kind():
    kinds = {(c["kind"], c["ok"]) for case in CORPUS for c in case["claims"]}
    for kind in ("share", "gap", "growth", "sum"):
        assert (kind, True) in kinds and (kind, False) in kinds
