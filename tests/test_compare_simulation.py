"""The group statistics, validated by simulation (fixed seeds; small simulated score tables).

Under the null (one population split at random into 4 fake outlets) few rows may be flagged
significant; with a known true difference the 95% intervals must cover it about 95% of the time.
Larger versions, and one on real articles, are in benchmarks/compare_null.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.compare import group_differences_table, simulated_scores


def test_one_population_split_into_four_fake_outlets_is_rarely_flagged() -> None:
    rng = np.random.default_rng(20261203)
    flagged, raw = [], []
    for rep in range(16):
        values = simulated_scores(rng, 80, 6)
        outlets = rng.permutation(np.repeat(list("ABCD"), 20))
        table = group_differences_table(values, outlets, n_boot=20, n_perm=200, seed=rep)
        assert len(table) == 36
        flagged.append(table["significant"].mean())
        raw.append((table["p_value"] < 0.05).mean())
    assert np.mean(flagged) <= 0.05
    # the permutation test itself holds its level: about 5% of unadjusted p-values fall below 0.05
    assert 0.02 <= np.mean(raw) <= 0.08


def test_topic_mix_under_the_null_is_rarely_flagged_within_topics() -> None:
    # outlets differ only in topic mix (topic shifts every score); compared within topics
    rng = np.random.default_rng(7)
    flagged, raw = [], []
    for rep in range(20):
        topics = rng.choice(["politics", "sport", "health"], size=80, p=[0.5, 0.3, 0.2])
        values = simulated_scores(rng, 80, 3) + np.where(topics == "politics", 0.3, 0.0)[:, None]
        outlets = np.where(topics == "politics", rng.choice(list("ABCD"), 80, p=[0.55, 0.15, 0.15, 0.15]), "")
        outlets = np.where(outlets == "", rng.choice(list("ABCD"), 80, p=[0.1, 0.3, 0.3, 0.3]), outlets)
        table = group_differences_table(values, outlets, strata=topics, n_boot=20, n_perm=200, seed=rep)
        flagged.append(table["significant"].mean())
        raw.append((table["p_value"] < 0.05).mean())
    assert np.mean(flagged) <= 0.05
    assert np.mean(raw) <= 0.09


def test_intervals_cover_a_known_difference_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(3)
    true = 0.05
    covered = []
    for rep in range(40):
        a = simulated_scores(rng, 25, 15)
        b = simulated_scores(rng, 25, 15, shift=-true)
        table = group_differences_table(
            pd.concat([a, b], ignore_index=True), ["A"] * 25 + ["B"] * 25, n_boot=1000, n_perm=10, seed=rep
        )
        covered += list((table["ci_low"] <= true) & (true <= table["ci_high"]))
    assert len(covered) == 600
    assert 0.93 <= np.mean(covered) <= 0.97
