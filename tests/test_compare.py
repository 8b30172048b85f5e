"""framing.compare: documents with ranks, group aggregates, seeded bootstrap differences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.compare import MAX_PAIRWISE_UNITS, MISSING_GROUP, as_record, compare, first_words, title_of

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def record(ident: str, values: list[float], *, outlet: str | None = None, doc_score: float | None = None) -> dict:
    """A minimal record: one sentence per value, with an ``editorial`` sentence score."""
    text, sentences = "", []
    for i, v in enumerate(values):
        sentence = f"Sentence {i} of {ident}."
        start = len(text)
        text += sentence + " "
        sentences.append(
            {
                "index": i,
                "start": start,
                "end": start + len(sentence),
                "paragraph": 0,
                "text": sentence,
                "scores": {"words": 4, "editorial": v},
                "labels": {},
            }
        )
    meta = {"outlet": outlet} if outlet else {}
    score = float(np.mean(values)) if doc_score is None else doc_score
    return {
        "id": ident,
        "meta": meta,
        "n_words": 4 * len(values),
        "n_sentences": len(values),
        "scores": {"n_words": 4 * len(values), "editorial": score},
        "labels": {"genre": "opinion" if score > 0.5 else "reporting"},
        "sentences": sentences,
        "evidence": [],
    }


@pytest.fixture(scope="module")
def seeds() -> list[framing.Analysis]:
    return [framing.analyze(d) for d in framing.read_path(SEEDS)]


def test_documents_hold_every_numeric_score_and_ranks_put_the_highest_first() -> None:
    recs = [record("a", [0.1, 0.2]), record("b", [0.9, 0.8]), record("c", [0.5, 0.5])]
    c = compare(recs)
    assert list(c.documents.index) == ["a", "b", "c"]
    assert c.documents.loc["b", "editorial"] == pytest.approx(0.85)
    assert list(c.ranks["editorial"]) == [3, 1, 2]
    assert "n_words" not in c.ranks.columns  # sizes are not ranked
    assert list(c.labels["genre"]) == ["reporting", "opinion", "reporting"]
    table = c.table(["editorial"])
    assert list(table.columns) == ["editorial", "editorial_rank"]


def test_ties_share_the_best_rank() -> None:
    c = compare([record("a", [0.5]), record("b", [0.5]), record("c", [0.1])])
    assert list(c.ranks["editorial"]) == [1, 1, 3]


def test_groups_default_to_outlet_and_average_document_scores() -> None:
    recs = [
        record("a", [0.1, 0.3], outlet="Wire"),
        record("b", [0.2, 0.2, 0.2, 0.2, 0.2, 0.2], outlet="Wire"),
        record("c", [0.9, 0.7], outlet="Opinion"),
        record("d", [0.4]),
    ]
    c = compare(recs)
    assert c.by == "outlet"
    assert set(c.groups.index) == {"Wire", "Opinion", MISSING_GROUP}
    assert c.groups.loc["Wire", "n_documents"] == 2
    assert c.groups.loc["Wire", "editorial"] == pytest.approx((0.2 + 0.2) / 2)
    assert c.groups.loc["Wire", "n_words"] == 32
    gd = c.group_differences
    row = gd[(gd["a"] == "Opinion") & (gd["b"] == "Wire") & (gd["score"] == "editorial")].iloc[0]
    # the same estimand as ``groups``: the mean of document scores, and documents are counted
    assert row["mean_a"] == pytest.approx(c.groups.loc["Opinion", "editorial"])
    assert row["mean_b"] == pytest.approx(c.groups.loc["Wire", "editorial"])
    assert (row["n_a"], row["n_b"]) == (1, 2)


def test_by_accepts_a_mapping_and_a_function() -> None:
    recs = [record("a", [0.1]), record("b", [0.9]), record("c", [0.8])]
    by_map = compare(recs, by={"a": "x", "b": "y", "c": "y"})
    by_fn = compare(recs, by=lambda r: "high" if r["scores"]["editorial"] > 0.5 else "low")
    assert by_map.groups.loc["y", "n_documents"] == 2
    assert by_fn.groups.loc["high", "n_documents"] == 2
    assert compare(recs).groups is None  # no outlet anywhere: no grouping


def test_a_clear_difference_excludes_zero_and_a_null_one_does_not() -> None:
    low = record("low", [0.1, 0.15, 0.2, 0.1, 0.12, 0.18, 0.11, 0.14])
    high = record("high", [0.8, 0.85, 0.9, 0.82, 0.88, 0.79, 0.91, 0.86])
    same = record("same", [0.1, 0.15, 0.2, 0.1, 0.12, 0.18, 0.11, 0.14])
    d = compare([low, high, same]).differences
    assert set(d["unit"]) == {"sentences"}  # documents are compared by their sentences, and say so
    d = d.set_index(["a", "b"])
    clear = d.loc[("low", "high")]
    assert clear["difference"] == pytest.approx(np.mean(low_values(low)) - np.mean(low_values(high)))
    assert clear["ci_high"] < 0 and bool(clear["excludes_zero"])
    null = d.loc[("low", "same")]
    assert null["difference"] == pytest.approx(0.0)
    assert null["ci_low"] < 0 < null["ci_high"] and not bool(null["excludes_zero"])


def low_values(rec: dict) -> list[float]:
    return [s["scores"]["editorial"] for s in rec["sentences"]]


def test_bootstrap_is_seeded_and_independent_of_document_order() -> None:
    recs = [record("a", [0.1, 0.4, 0.3, 0.9]), record("b", [0.5, 0.2, 0.7]), record("c", [0.3, 0.3, 0.6, 0.1])]
    one = compare(recs, seed=7).differences
    two = compare(recs, seed=7).differences
    assert one.equals(two)
    other = compare(recs, seed=8).differences
    assert not one[["ci_low", "ci_high"]].equals(other[["ci_low", "ci_high"]])
    assert one["difference"].equals(other["difference"])  # the point estimate does not depend on the seed


def test_constant_sentences_give_a_degenerate_interval() -> None:
    d = compare([record("a", [0.4, 0.4, 0.4]), record("b", [0.1, 0.1])]).differences.iloc[0]
    assert d["ci_low"] == pytest.approx(0.3) and d["ci_high"] == pytest.approx(0.3)


def test_many_documents_are_compared_with_the_rest_pooled() -> None:
    recs = [record(f"d{i}", [i / 20, i / 20 + 0.01]) for i in range(MAX_PAIRWISE_UNITS + 1)]
    d = compare(recs, n_boot=50).differences
    assert set(d["b"]) == {"rest"}
    assert len(d) == len(recs)
    assert (d["n_b"] == 2 * (len(recs) - 1)).all()


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        compare([record("a", [0.1]), record("a", [0.2])])
    with pytest.raises(ValueError, match="n_boot"):
        compare([record("a", [0.1])], n_boot=0)
    with pytest.raises(ValueError, match="confidence"):
        compare([record("a", [0.1])], confidence=1.5)


def test_one_document_has_no_differences() -> None:
    c = compare([record("a", [0.1, 0.2])])
    assert len(c.differences) == 0
    assert list(c.differences.columns)[:3] == ["a", "b", "score"]


@settings(max_examples=40, deadline=None)
@given(
    a=st.lists(st.floats(-1, 1, allow_nan=False), min_size=1, max_size=12),
    b=st.lists(st.floats(-1, 1, allow_nan=False), min_size=1, max_size=12),
)
def test_interval_lies_within_the_possible_differences(a: list[float], b: list[float]) -> None:
    d = compare([record("a", a), record("b", b)], n_boot=100).differences.iloc[0]
    eps = 1e-9
    assert d["ci_low"] <= d["ci_high"] + eps
    assert min(a) - max(b) - eps <= d["ci_low"]
    assert d["ci_high"] <= max(a) - min(b) + eps
    assert d["difference"] == pytest.approx(float(np.mean(a) - np.mean(b)), abs=1e-9)
    assert (d["n_a"], d["n_b"]) == (len(a), len(b))


def test_seeds_compare_from_analyses_and_from_json_records_alike(seeds: list[framing.Analysis]) -> None:
    from_objects = framing.compare(seeds)
    records: list[Any] = json.loads(json.dumps([a.to_dict() for a in seeds]))
    from_json = compare(records)
    assert list(from_objects.documents.index) == [a.id for a in seeds]
    for a in seeds:
        for k, v in a.scores.items():
            assert from_objects.documents.loc[a.id, k] == pytest.approx(float(v), abs=1e-6)
    assert from_objects.documents.round(6).equals(from_json.documents.round(6))
    assert from_objects.differences.round(6).equals(from_json.differences.round(6))


def test_a_json_record_gets_a_text_that_keeps_every_offset(seeds: list[framing.Analysis]) -> None:
    for a in seeds:
        rec = as_record(json.loads(json.dumps(a.to_dict())))
        for s in rec["sentences"]:
            assert rec["text"][s["start"] : s["end"]] == s["text"]
        for e in rec["evidence"]:
            assert rec["text"][e["start"] : e["end"]] == e["text"]


def test_titles_fall_back_to_the_first_words(seeds: list[framing.Analysis]) -> None:
    rec = as_record(seeds[0])
    assert title_of(rec, 5) == first_words(rec, 5) == "It looks like Biden and …"
    rec["meta"] = {"title": "  A title  "}
    assert title_of(rec) == "A title"
    seed_002 = as_record(seeds[2])
    assert first_words(seed_002, 3) == "President Biden will …"  # the date header is not part of the body
