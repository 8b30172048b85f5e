"""framing.compare between groups: documents as the unit, p-values adjusted, effect sizes, strata."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests

from framing.compare import (
    DEFAULT_SCORES,
    GROUP_DIFFERENCE_COLUMNS,
    actor_table,
    compare,
    default_scores,
    group_differences_table,
)


def doc(ident: str, outlet: str, topic: str | None = None, n_words: int = 100, **scores: float) -> dict:
    """A record with document scores only (no sentences)."""
    meta = {"outlet": outlet, **({"topic": topic} if topic else {})}
    return {
        "id": ident,
        "meta": meta,
        "n_words": n_words,
        "scores": {"n_words": n_words, **scores},
        "labels": {},
        "sentences": [],
    }


def two_outlets(a: list[float], b: list[float], score: str = "editorial") -> list[dict]:
    return [doc(f"a{i}", "A", **{score: v}) for i, v in enumerate(a)] + [
        doc(f"b{i}", "B", **{score: v}) for i, v in enumerate(b)
    ]


def test_the_table_keeps_its_contract() -> None:
    rng = np.random.default_rng(1)
    gd = compare(
        two_outlets(list(rng.normal(0.3, 0.1, 8)), list(rng.normal(0.5, 0.1, 9))), n_boot=200
    ).group_differences
    assert list(gd.columns) == GROUP_DIFFERENCE_COLUMNS
    row = gd.iloc[0]
    assert (row["a"], row["b"], row["score"]) == ("A", "B", "editorial")
    assert (row["n_a"], row["n_b"]) == (8, 9)
    assert row["ci_low"] < row["difference"] < row["ci_high"] < 0
    assert row["p_value"] < 0.01 and bool(row["significant"])
    assert row["note"] == ""


def test_too_few_documents_get_no_interval_no_test_and_say_why() -> None:
    gd = compare(two_outlets([0.1, 0.2, 0.15], [0.8, 0.9, 0.85, 0.7, 0.75, 0.95])).group_differences
    row = gd.iloc[0]
    assert row["difference"] == pytest.approx(0.15 - 0.825)
    assert np.isnan(row["ci_low"]) and np.isnan(row["ci_high"]) and np.isnan(row["p_value"])
    assert not bool(row["significant"])
    assert "fewer than 5 documents" in row["note"] and "A has 3" in row["note"]
    lowered = compare(two_outlets([0.1, 0.2, 0.15], [0.8, 0.9, 0.85]), min_documents=3).group_differences.iloc[0]
    assert not np.isnan(lowered["ci_low"]) and lowered["note"] == ""


def test_p_values_come_from_a_permutation_test_of_documents() -> None:
    a, b = [0.10, 0.35, 0.22, 0.40, 0.31, 0.18], [0.30, 0.52, 0.41, 0.25, 0.60, 0.47, 0.38]
    row = compare(two_outlets(a, b)).group_differences.iloc[0]
    # 13 choose 6 = 1716 partitions, fewer than the resamples: the test is exact
    exact = stats.permutation_test(
        (a, b), lambda x, y, axis: np.mean(x, axis=axis) - np.mean(y, axis=axis), n_resamples=10_000
    )
    assert row["p_value"] == pytest.approx(exact.pvalue)


def test_p_adjusted_is_benjamini_hochberg_over_the_table_and_holm_on_request() -> None:
    rng = np.random.default_rng(3)
    recs = [
        doc(f"{o}{i}", o, editorial=float(rng.normal(mu, 0.1)), sentiment=float(rng.normal(0, 0.1)))
        for o, mu in (("A", 0.3), ("B", 0.35), ("C", 0.5))
        for i in range(8)
    ]
    gd = compare(recs, n_boot=100, n_perm=500).group_differences
    assert len(gd) == 6
    bh = multipletests(gd["p_value"], method="fdr_bh")[1]
    assert np.allclose(gd["p_adjusted"], bh)
    assert (gd["p_adjusted"] >= gd["p_value"] - 1e-12).all()
    assert list(gd["significant"]) == list(gd["p_adjusted"] < 0.05)
    holm = compare(recs, n_boot=100, n_perm=500, adjust="holm").group_differences
    assert np.allclose(holm["p_adjusted"], multipletests(holm["p_value"], method="holm")[1])
    assert (holm["p_adjusted"] >= gd["p_adjusted"] - 1e-12).all()
    with pytest.raises(ValueError, match="adjust"):
        compare(recs, adjust="tukey")


def test_effect_size_is_hedges_g() -> None:
    a, b = [1.0, 2.0, 3.0, 4.0, 5.0], [3.0, 4.0, 5.0, 6.0, 7.0]
    row = compare(two_outlets(a, b), scores=["editorial"]).group_differences.iloc[0]
    # Hedges (1981): d = (mean_a - mean_b) / pooled sd, times J = 1 - 3 / (4 (n_a + n_b - 2) - 1)
    pooled = np.sqrt((4 * np.var(a, ddof=1) + 4 * np.var(b, ddof=1)) / 8)
    assert row["effect_size"] == pytest.approx(-2 / pooled * (1 - 3 / 31))
    assert row["effect_size"] == pytest.approx(-1.14247, abs=1e-4)


def test_only_findings_are_compared_by_default() -> None:
    scores = {"editorial": 0.3, "editorial_logit": -0.8, "frame_confidence": 0.4, "n_sources": 3.0, "n_actors": 5.0}
    scores |= {"frame_economic": 0.2, "sentiment": 0.1, "editorial_max": 0.9}
    recs = [doc(f"{o}{i}", o, **{k: v + i / 10 for k, v in scores.items()}) for o in "AB" for i in range(5)]
    compared = set(compare(recs, n_boot=50, n_perm=50).group_differences["score"])
    assert compared == {"editorial", "frame_economic", "sentiment"}
    assert compared <= set(DEFAULT_SCORES) | {"frame_economic"}
    assert default_scores(["n_words", "frame_confidence", "frame_morality"]) == ["frame_morality"]
    every = set(compare(recs, scores="all", n_boot=50, n_perm=50).group_differences["score"])
    assert {"editorial_logit", "n_sources", "n_words"} <= every
    chosen = compare(recs, scores=["n_sources"], n_boot=50, n_perm=50).group_differences
    assert set(chosen["score"]) == {"n_sources"}


def test_topic_mix_alone_creates_no_difference_within_topics() -> None:
    # Politics articles are more editorial than sport ones, the same in both outlets (the same spread
    # of values around the same topic mean); outlet A covers mostly politics, outlet B mostly sport.
    # Pooled, A looks more editorial; compared within topics, it is not.
    def spread(centre: float, n: int) -> list[float]:
        return list(centre + 0.08 * stats.norm.ppf((np.arange(n) + 0.5) / n))

    recs = []
    for outlet, n_politics, n_sport in (("A", 24, 6), ("B", 6, 24)):
        recs += [doc(f"{outlet}p{i}", outlet, "politics", editorial=v) for i, v in enumerate(spread(0.6, n_politics))]
        recs += [doc(f"{outlet}s{i}", outlet, "sport", editorial=v) for i, v in enumerate(spread(0.2, n_sport))]
    pooled = compare(recs, n_boot=500, n_perm=500).group_differences.iloc[0]
    assert pooled["difference"] == pytest.approx(0.24)
    assert bool(pooled["significant"])
    within = compare(recs, within="topic", n_boot=500, n_perm=500)
    row = within.group_differences.iloc[0]
    assert within.within == "topic"
    assert row["difference"] == pytest.approx(0.0, abs=1e-9)
    assert row["ci_low"] < 0 < row["ci_high"]
    assert not bool(row["significant"]) and row["p_value"] > 0.5
    assert (row["n_a"], row["n_b"]) == (30, 30)
    assert list(within.labels["stratum"][:2]) == ["politics", "politics"]


def test_a_real_difference_within_topics_is_found_within_topics() -> None:
    rng = np.random.default_rng(12)
    recs = []
    for outlet, shift, n_politics, n_sport in (("A", 0.1, 20, 10), ("B", 0.0, 10, 20)):
        for i in range(n_politics):
            recs.append(doc(f"{outlet}p{i}", outlet, "politics", editorial=float(rng.normal(0.5 + shift, 0.05))))
        for i in range(n_sport):
            recs.append(doc(f"{outlet}s{i}", outlet, "sport", editorial=float(rng.normal(0.2 + shift, 0.05))))
    row = compare(recs, within="topic", n_boot=500, n_perm=500).group_differences.iloc[0]
    assert row["ci_low"] < 0.1 < row["ci_high"]
    assert bool(row["significant"])


def test_strata_that_one_side_lacks_are_left_out_and_noted() -> None:
    recs = [doc(f"a{i}", "A", "politics", editorial=0.1 * i) for i in range(6)]
    recs += [doc(f"b{i}", "B", "politics", editorial=0.1 * i + 0.05) for i in range(6)]
    recs += [doc(f"c{i}", "A", "sport", editorial=0.9) for i in range(3)]
    row = compare(recs, within="topic", n_boot=100, n_perm=100).group_differences.iloc[0]
    assert (row["n_a"], row["n_b"]) == (6, 6)
    assert row["difference"] == pytest.approx(-0.05)
    assert "3 + 0 documents" in row["note"]


def test_one_stratum_agrees_with_the_unstratified_scipy_computation() -> None:
    rng = np.random.default_rng(5)
    a, b = list(rng.normal(0.3, 0.1, 15)), list(rng.normal(0.36, 0.1, 15))
    recs = [{**r, "meta": {**r["meta"], "topic": "all"}} for r in two_outlets(a, b)]
    plain = compare(recs, n_boot=4000, n_perm=20_000).group_differences.iloc[0]
    strat = compare(recs, within="topic", n_boot=4000, n_perm=20_000).group_differences.iloc[0]
    assert strat["difference"] == pytest.approx(plain["difference"])
    assert strat["effect_size"] == pytest.approx(plain["effect_size"], rel=0.05)
    assert strat["p_value"] == pytest.approx(plain["p_value"], abs=0.03)
    assert strat["ci_low"] == pytest.approx(plain["ci_low"], abs=0.01)
    assert strat["ci_high"] == pytest.approx(plain["ci_high"], abs=0.01)


def test_words_weighting_changes_the_estimand_everywhere_alike() -> None:
    recs = [doc(f"a{i}", "A", n_words=100 * (i + 1), editorial=0.1 * i) for i in range(5)]
    recs += [doc(f"b{i}", "B", n_words=100, editorial=0.2) for i in range(5)]
    c = compare(recs, weight="words", n_boot=100, n_perm=100)
    weighted = sum(100 * (i + 1) * 0.1 * i for i in range(5)) / sum(100 * (i + 1) for i in range(5))
    assert c.groups.loc["A", "editorial"] == pytest.approx(weighted)
    row = c.group_differences.iloc[0]
    assert row["mean_a"] == pytest.approx(weighted)
    assert row["difference"] == pytest.approx(weighted - 0.2)
    assert compare(recs).groups.loc["A", "editorial"] == pytest.approx(0.2)


def test_results_are_seeded_and_do_not_depend_on_document_order() -> None:
    rng = np.random.default_rng(2)
    recs = two_outlets(list(rng.normal(0.3, 0.1, 7)), list(rng.normal(0.4, 0.1, 8)))
    one = compare(recs, n_boot=300, n_perm=300, seed=4).group_differences
    two = compare(recs[::-1], n_boot=300, n_perm=300, seed=4).group_differences
    pd.testing.assert_frame_equal(one, two)
    other = compare(recs, n_boot=300, n_perm=300, seed=5).group_differences
    assert one["difference"].equals(other["difference"])


def test_groups_can_be_given_as_labels_in_input_order() -> None:
    recs = [doc(f"d{i}", "X", editorial=float(i)) for i in range(10)]
    c = compare(recs, by=["even" if i % 2 == 0 else "odd" for i in range(10)], n_boot=50, n_perm=50)
    assert c.groups.loc["even", "n_documents"] == 5
    with pytest.raises(ValueError, match="labels for"):
        compare(recs, by=["a", "b"])


def test_missing_scores_count_only_the_documents_that_have_them() -> None:
    recs = two_outlets([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    for r in recs[:2]:
        r["scores"]["actor_sentiment"] = 0.1
    for r in recs[6:]:
        r["scores"]["actor_sentiment"] = -0.1
    gd = compare(recs, n_boot=50, n_perm=50).group_differences.set_index("score")
    assert (gd.loc["actor_sentiment", "n_a"], gd.loc["actor_sentiment", "n_b"]) == (2, 6)
    assert (gd.loc["editorial", "n_a"], gd.loc["editorial", "n_b"]) == (6, 6)


def test_the_table_function_works_on_any_score_table() -> None:
    values = pd.DataFrame({"x": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    out = group_differences_table(values, ["g"] * 5 + ["h"] * 5, n_boot=100, n_perm=100)
    assert out.iloc[0]["difference"] == pytest.approx(-5.0)
    assert len(group_differences_table(values, ["g"] * 10)) == 0


def actor(name: str, sentiment: float, n_attributions: int = 0, **extra: object) -> dict:
    label = "negative" if sentiment < -0.05 else "positive" if sentiment > 0.05 else "neutral"
    return {
        "name": name,
        "type": "person",
        "n_mentions": 3,
        "role": "quoted" if n_attributions else "talked_about",
        "n_attributions": n_attributions,
        "sentiment": {"mean": sentiment, "label": label},
        **extra,
    }


def test_actor_table_counts_documents_quotes_and_sentiment_by_group() -> None:
    recs = []
    for i in range(6):
        recs.append(doc(f"a{i}", "A") | {"actors": [actor("Smith", -0.3 - 0.01 * i, 1), actor("Jones", 0.0)]})
        recs.append(doc(f"b{i}", "B") | {"actors": [actor("Smith", 0.2 + 0.01 * i)] if i < 5 else []})
    c = compare(recs, n_boot=200, n_perm=200)
    table = c.actors.set_index(["actor", "group"])
    assert table.loc[("Smith", "A"), "n_documents"] == 6
    assert table.loc[("Smith", "B"), "document_share"] == pytest.approx(5 / 6)
    assert table.loc[("Smith", "A"), "quoted_documents"] == 6
    assert table.loc[("Smith", "A"), "negative_share"] == 1.0
    assert table.loc[("Smith", "A"), "sentiment"] == pytest.approx(np.mean([-0.3 - 0.01 * i for i in range(6)]))
    assert table.loc[("Smith", "A"), "role"] == "quoted"
    assert list(c.actors["actor"])[:2] == ["Smith", "Smith"]  # most documents first
    diffs = c.actor_differences
    assert list(diffs["actor"]) == ["Smith"]  # Jones is in one group only
    row = diffs.iloc[0]
    assert (row["n_a"], row["n_b"]) == (6, 5) and row["difference"] < 0 and bool(row["significant"])
    assert row["score"] == "actor_sentiment"


def test_actor_table_reads_a_narrative_role_when_present_and_works_without_groups() -> None:
    recs = [doc("x", "A") | {"actors": [actor("Smith", 0.1, narrative_role="hero")]}, doc("y", "A") | {"actors": []}]
    table = actor_table(recs)
    assert list(table["group"]) == ["(all)"]
    assert table.iloc[0]["narrative_role"] == "hero"
    assert table.iloc[0]["document_share"] == 0.5


def test_groups_with_no_shared_stratum_keep_a_row_that_says_so() -> None:
    recs = [doc(f"a{i}", "A", "politics", editorial=0.1 * i) for i in range(6)]
    recs += [doc(f"b{i}", "B", "sport", editorial=0.1 * i) for i in range(6)]
    row = compare(recs, within="topic", n_boot=50, n_perm=50).group_differences.iloc[0]
    assert (row["n_a"], row["n_b"]) == (0, 0)
    assert np.isnan(row["difference"]) and not bool(row["significant"])
    assert "no stratum" in row["note"]


@settings(max_examples=20, deadline=None)
@given(
    a=st.lists(st.floats(-1, 1, allow_nan=False), min_size=5, max_size=9),
    b=st.lists(st.floats(-1, 1, allow_nan=False), min_size=5, max_size=9),
    weighted=st.booleans(),
)
def test_every_row_is_consistent(a: list[float], b: list[float], weighted: bool) -> None:
    recs = two_outlets(a, b)
    for i, r in enumerate(recs):
        r["n_words"] = 50 + 17 * i
    row = compare(recs, weight="words" if weighted else None, n_boot=100, n_perm=100).group_differences.iloc[0]
    assert row["difference"] == pytest.approx(row["mean_a"] - row["mean_b"], abs=1e-12)
    assert min(a) - 1e-9 <= row["mean_a"] <= max(a) + 1e-9
    assert 0 < row["p_value"] <= 1 and row["p_adjusted"] >= row["p_value"] - 1e-12
    assert row["ci_low"] <= row["ci_high"] + 1e-12
    if not np.isnan(row["effect_size"]) and abs(row["difference"]) > 1e-9 and not weighted:
        assert np.sign(row["effect_size"]) == np.sign(row["difference"])
