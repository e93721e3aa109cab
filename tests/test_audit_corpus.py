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


def test_a_figure_that_holds_within_rounding_says_so_and_what_the_printed_ones_give():
    # 19.0 / 24.4 = 77.87%; but 18.95 / 24.45 = 77.51% and 19.05 / 24.35 = 78.23%: 77.6 holds
    [claim] = [c for c in judge("完成投资19.0亿元，占年度计划24.4亿元的77.6%。") if c.ok is not None]
    assert claim.ok and claim.expected == "77.9%"
    assert "within their rounding (the figures as printed give 77.9%)" in claim.message
    [exact] = [c for c in judge("完成投资19.5亿元，占年度计划39亿元的50.0%。") if c.ok is not None]
    assert exact.ok and "within their rounding" not in exact.message  # 19.5 / 39 = 50.0%
