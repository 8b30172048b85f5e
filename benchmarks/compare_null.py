"""Group comparisons under the null and with a known difference: simulated and real articles.

    python benchmarks/compare_null.py ../shared/corpus/news_articles_mbic.jsonl [--cache /tmp/framing_mbic_scored.jsonl]

Four parts, all seeded:

1. **Simulated null.** Score tables shaped like framing's (skewed shares, rates, tone; 10 scores) for
   120 documents of one population, split at random into 4 fake outlets; ``--reps`` repetitions.
   Reported: the share of rows flagged ``significant`` (after Benjamini-Hochberg), the share with an
   unadjusted p-value below 0.05, and the share whose 95% interval excludes zero.
2. **Coverage.** Two groups with a known true difference (0.05 on every score), ``n`` documents each:
   the share of 95% intervals that contain it; also within 3 strata of unequal size.
3. **Real articles of one outlet.** The Reuters articles of the MBIC corpus (113), scored once with
   ``framing score --format jsonl`` (cached at ``--cache``), split at random into 4 fake outlets:
   every default score compared, ``--real-reps`` splits. "Before" is the earlier method on the same
   splits: sentences pooled per group and resampled as if independent, every sentence score.
4. **The MBIC corpus by outlet**, and by outlet within topic: how many rows are significant, per score.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import framing
from framing.compare import _differences, _sentence_matrix, as_records, group_differences_table, simulated_scores


def rates(tables: list[pd.DataFrame]) -> dict[str, float]:
    flagged = [t["significant"].mean() for t in tables]
    raw = [(t["p_value"] < 0.05).mean() if t["p_value"].notna().any() else float("nan") for t in tables]
    excl = [((t["ci_low"] > 0) | (t["ci_high"] < 0)).mean() for t in tables]
    any_flag = [t["significant"].any() for t in tables]
    return {
        "significant": float(np.mean(flagged)),
        "p<0.05": float(np.mean(raw)),
        "interval excludes 0": float(np.mean(excl)),
        "repetitions with any flag": float(np.mean(any_flag)),
    }


def simulated_null(reps: int) -> dict[str, float]:
    rng = np.random.default_rng(1)
    tables = []
    for rep in range(reps):
        values = simulated_scores(rng, 120, 10)
        outlets = rng.permutation(np.repeat(list("ABCD"), 30))
        tables.append(group_differences_table(values, outlets, n_boot=500, n_perm=500, seed=rep))
    return rates(tables)


def coverage(reps: int, n: int, strata: bool = False) -> float:
    rng = np.random.default_rng(2 + n)
    true, covered = 0.05, []
    for rep in range(reps):
        a, b = simulated_scores(rng, n, 15), simulated_scores(rng, n, 15, shift=-true)
        s = None
        if strata:
            s = list(rng.choice(["x", "y", "z"], size=n, p=[0.6, 0.3, 0.1])) + list(
                rng.choice(["x", "y", "z"], size=n, p=[0.2, 0.3, 0.5])
            )
            shift = np.where(np.array(s) == "x", 0.2, 0.0)[:, None]  # strata differ; groups differ by `true`
            values = pd.concat([a, b], ignore_index=True) + shift
        else:
            values = pd.concat([a, b], ignore_index=True)
        t = group_differences_table(values, ["A"] * n + ["B"] * n, strata=s, n_boot=1000, n_perm=10, seed=rep)
        t = t[t["ci_low"].notna()]
        covered += list((t["ci_low"] <= true) & (true <= t["ci_high"]))
    return float(np.mean(covered)), len(covered)


def scored(corpus: Path, cache: Path) -> list[dict]:
    if not cache.exists():
        cmd = [sys.executable, "-m", "framing", "score", str(corpus), "--text-field", "article"]
        cmd += ["--id-field", "article_id", "--format", "jsonl", "-o", str(cache), "-q"]
        subprocess.run(cmd, check=True)
    return [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]


def real_null(records: list[dict], reps: int) -> tuple[dict[str, float], dict[str, float], int]:
    wire = as_records([r for r in records if r["meta"].get("outlet") == "reuters"])
    rng = np.random.default_rng(3)
    old_names = sorted(
        {k for r in wire for s in r["sentences"] for k, v in s["scores"].items() if k != "words" and v is not None}
    )
    matrices = {r["id"]: _sentence_matrix(r, old_names) for r in wire}
    now, before = [], []
    for rep in range(reps):
        fake = rng.permutation(np.arange(len(wire)) % 4)
        labels = [f"fake{g}" for g in fake]
        now.append(framing.compare(wire, by=labels, n_boot=500, n_perm=500, seed=rep).group_differences)
        pooled = {
            g: np.vstack([matrices[r["id"]] for r, lab in zip(wire, labels) if lab == g]) for g in sorted(set(labels))
        }
        old = _differences(pooled, old_names, 500, 0.95, rep)
        before.append(old.assign(significant=old["excludes_zero"], p_value=np.nan))
    return rates(now), rates(before), len(wire)


def corpus_tables(records: list[dict]) -> None:
    for within in (None, "topic"):
        c = framing.compare(records, by="outlet", within=within)
        gd = c.group_differences
        tested = gd[gd["p_value"].notna()]
        print(f"\n### By outlet{' within topic' if within else ''}\n")
        print(f"{len(gd)} rows, {len(tested)} tested, {int(gd['significant'].sum())} significant after BH")
        per = tested.groupby("score").agg(
            tested=("significant", "size"),
            significant=("significant", "sum"),
            median_abs_g=("effect_size", lambda g: float(np.abs(g).median())),
        )
        per = per.sort_values("median_abs_g", ascending=False)
        print("| score | rows tested | significant | median abs(Hedges' g) |\n|---|---|---|---|")
        for score, row in per.iterrows():
            print(f"| {score} | {int(row['tested'])} | {int(row['significant'])} | {row['median_abs_g']:.2f} |")
        for score in ("editorial", "quoted_word_share", "sentiment", "frame_political"):
            sub = c.groups[[score]].round(3).T
            print(f"\n{score} by outlet (mean of documents): " + ", ".join(f"{k} {v}" for k, v in sub.iloc[0].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/framing_mbic_scored.jsonl"))
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--real-reps", type=int, default=100)
    args = parser.parse_args()
    started = time.process_time()

    print("## 1. Simulated null: 120 documents, 4 fake outlets, 10 scores (60 rows per repetition)\n")
    for k, v in simulated_null(args.reps).items():
        print(f"- {k}: {v:.3f}")
    print(f"\n## 2. Coverage of a known difference (95% intervals, {args.reps} repetitions x 15 scores)\n")
    print("| documents per group | plain | within 3 strata |")
    print("|---|---|---|")
    for n in (10, 25, 50):
        plain, n_plain = coverage(args.reps, n)
        strat, n_strat = coverage(args.reps, n, strata=True)
        print(f"| {n} | {plain:.3f} ({n_plain} intervals) | {strat:.3f} ({n_strat} intervals) |")
    records = scored(args.corpus, args.cache)
    now, before, n_wire = real_null(records, args.real_reps)
    print(f"\n## 3. {n_wire} Reuters articles split into 4 fake outlets, {args.real_reps} splits\n")
    print("| share of rows | now (documents, BH) | before (pooled sentences) |")
    print("|---|---|---|")
    for k in now:
        b = before[k]
        print(f"| {k} | {now[k]:.3f} | {'-' if np.isnan(b) else f'{b:.3f}'} |")
    print("\n## 4. The MBIC corpus")
    corpus_tables(records)
    print(f"\nCPU {time.process_time() - started:.0f} s")


if __name__ == "__main__":
    main()
