"""Agreement of the ``frames`` dimension with the Gun Violence Frame Corpus (Liu et al. 2019).

Usage::

    python benchmarks/frames_gvfc.py /path/to/frames_gvfc.jsonl [--split all|dev|test] [--cv]

Each headline is scored on its own; our frame ranking (document shares, ties to the frame cued
first) is compared with the human ``frame1`` (and ``frame2``) after mapping the 9 GVFC frames onto
the Policy Frames Codebook (``MAPPING``; ``ALTERNATIVE`` is a second defensible reading, reported
as a sensitivity check). Nothing here is fitted, except with ``--cv``: a 5-fold cross-validated
logistic regression from the 15 per-headline frame cue weights to the 9 GVFC classes, a diagnostic
of how much signal the cue weights carry when the frame mapping is learned instead of fixed. It
learns 15 x 9 coefficients, no words, and nothing it learns is shipped.

``--split``: ``dev`` is the headlines with an even number in their id, ``test`` those with an odd
one. Error analysis while revising the general lexicon looked only at ``dev``; ``test`` is the
held-out half.

Prints a Markdown report to standard output.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from framing.analyzer import Analyzer, InputError
from framing.dimensions.frames import FRAMES, NONE, ranked_frames

#: GVFC frame -> Policy Frames Codebook frame (see docs/frames.md for the reasons).
MAPPING: Mapping[str, str] = {
    "Gun/2nd Amendment rights": "legality_constitutionality",
    "Gun control/regulation": "policy_prescription",
    "Politics": "political",
    "Mental health": "health_safety",
    "School or public space safety": "security_defense",
    "Race/ethnicity": "fairness_equality",
    "Public opinion": "public_opinion",
    "Society/culture": "cultural_identity",
    "Economic consequences": "economic",
}

#: The other defensible reading of the three ambiguous GVFC frames.
ALTERNATIVE: Mapping[str, str] = {
    **MAPPING,
    "School or public space safety": "health_safety",
    "Race/ethnicity": "cultural_identity",
    "Society/culture": "quality_of_life",
}


def load(path: Path, split: str = "all") -> list[dict]:
    """The records of one split: ``all``, ``dev`` (even id number) or ``test`` (odd id number)."""
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if split == "all":
        return rows
    parity = 0 if split == "dev" else 1
    return [r for r in rows if int(str(r["id"]).rsplit("_", 1)[-1]) % 2 == parity]


def score_headlines(rows: Sequence[dict]) -> list[dict]:
    """Per headline: the frame shares, the raw cue weight per frame, and first-cue offsets."""
    analyzer = Analyzer(dimensions=["frames"], language_check=False)
    out = []
    for row in rows:
        try:
            result = analyzer.analyze(row["headline"], id=row["id"])
        except InputError:
            out.append({"shares": dict.fromkeys(FRAMES, 0.0), "weights": dict.fromkeys(FRAMES, 0.0), "first": {}})
            continue
        shares = {f: result.scores[f"frame_{f}"] for f in FRAMES}
        weights = dict.fromkeys(FRAMES, 0.0)
        first: dict[str, int] = {}
        for ev in result.evidence_for(dimension="frames"):
            weights[ev.label] += ev.weight
            first.setdefault(ev.label, ev.start)
        out.append({"shares": shares, "weights": weights, "first": first})
    return out


def ranking(scored: dict, allowed: set[str] | None = None) -> list[str]:
    shares = scored["shares"]
    if allowed is not None:
        shares = {f: v for f, v in shares.items() if f in allowed}
    return ranked_frames(shares, scored["first"])


def evaluate(rows: Sequence[dict], scored: Sequence[dict], mapping: Mapping[str, str]) -> dict:
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    targets = sorted(set(mapping.values()), key=FRAMES.index)
    allowed = set(targets)
    framed = [(r, s) for r, s in zip(rows, scored) if r.get("frame1")]
    gold = [mapping[r["frame1"]] for r, _ in framed]
    gold2 = [mapping.get(r.get("frame2") or "", "") for r, _ in framed]
    open_rank = [ranking(s) for _, s in framed]
    closed_rank = [ranking(s, allowed) for _, s in framed]
    top1_open = [r[0] if r else NONE for r in open_rank]
    top1_closed = [r[0] if r else NONE for r in closed_rank]
    n = len(gold)

    def acc(pred: Sequence[str]) -> float:
        return sum(p == g for p, g in zip(pred, gold)) / n

    def in_top2(ranks: Sequence[list[str]]) -> float:
        return sum(g in r[:2] for g, r in zip(gold, ranks)) / n

    def macro(pred: Sequence[str]) -> float:
        return float(f1_score(gold, pred, labels=targets, average="macro", zero_division=0))

    majority = Counter(gold).most_common(1)[0][0]
    p, r, f, support = precision_recall_fscore_support(gold, top1_closed, labels=targets, average=None, zero_division=0)
    unframed = [s for row, s in zip(rows, scored) if not row.get("frame1")]
    return {
        "n": n,
        "coverage": sum(bool(x) for x in open_rank) / n,
        "acc_open": acc(top1_open),
        "acc_closed": acc(top1_closed),
        "top2_open": in_top2(open_rank),
        "top2_closed": in_top2(closed_rank),
        "any_cue": sum(g in r for g, r in zip(gold, closed_rank)) / n,
        "lenient_closed": sum(t in (g, g2) for t, g, g2 in zip(top1_closed, gold, gold2)) / n,
        "macro_open": macro(top1_open),
        "macro_closed": macro(top1_closed),
        "majority": majority,
        "majority_acc": gold.count(majority) / n,
        "majority_macro": macro([majority] * n),
        "per_class": [(t, p[i], r[i], f[i], int(support[i])) for i, t in enumerate(targets)],
        "confusions": Counter((g, t) for g, t in zip(gold, top1_closed) if g != t).most_common(8),
        "open_top1_counts": Counter(top1_open).most_common(6),
        "unframed_with_frame": sum(bool(ranking(s)) for s in unframed) / max(1, len(unframed)),
        "n_unframed": len(unframed),
    }


def cross_validated(rows: Sequence[dict], scored: Sequence[dict], mapping: Mapping[str, str]) -> dict:
    """5-fold CV of a logistic regression from the 15 cue weights to the mapped GVFC class."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    framed = [(r, s) for r, s in zip(rows, scored) if r.get("frame1")]
    x = np.array([[s["weights"][f] for f in FRAMES] for _, s in framed])
    y = np.array([mapping[r["frame1"]] for r, _ in framed])
    model = LogisticRegression(max_iter=2000, class_weight="balanced")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    pred = cross_val_predict(model, x, y, cv=folds)
    return {
        "acc": float(accuracy_score(y, pred)),
        "macro": float(f1_score(y, pred, average="macro", zero_division=0)),
    }


def report(path: Path, run_cv: bool, split: str = "all") -> str:
    rows = load(path, split)
    t0 = time.perf_counter()
    scored = score_headlines(rows)
    elapsed = time.perf_counter() - t0
    lines = [
        f"Data: `{path.name}`, split `{split}`, {len(rows)} headlines, scored in {elapsed:.1f} s.",
        "",
    ]
    for name, mapping in (("main mapping", MAPPING), ("alternative mapping", ALTERNATIVE)):
        res = evaluate(rows, scored, mapping)
        lines += [
            f"### {name}",
            "",
            f"Framed headlines (human `frame1` set): {res['n']}; we find a frame in {res['coverage']:.1%} of them.",
            "",
            "| measure | all 15 frames | the mapped target frames only |",
            "|---|---|---|",
            f"| accuracy, primary frame | {res['acc_open']:.3f} | {res['acc_closed']:.3f} |",
            f"| human frame1 in our top 2 | {res['top2_open']:.3f} | {res['top2_closed']:.3f} |",
            f"| macro-F1 over the GVFC classes | {res['macro_open']:.3f} | {res['macro_closed']:.3f} |",
            f"| our primary = human frame1 or frame2 | | {res['lenient_closed']:.3f} |",
            f"| human frame1 among the frames we find at all | | {res['any_cue']:.3f} |",
            "",
            f"Majority-class baseline (always `{res['majority']}`): accuracy {res['majority_acc']:.3f},"
            f" macro-F1 {res['majority_macro']:.3f}.",
            "",
            "Per class (target frames only):",
            "",
            "| our frame | precision | recall | F1 | headlines |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| {t} | {p:.3f} | {r:.3f} | {f:.3f} | {s} |" for t, p, r, f, s in res["per_class"]]
        lines += [
            "",
            "Most frequent confusions (human -> ours, target frames only): "
            + "; ".join(f"{g} -> {t} ({c})" for (g, t), c in res["confusions"]),
            "",
            "Our primary frame over all 15 frames, most frequent: "
            + ", ".join(f"{t} {c}" for t, c in res["open_top1_counts"]),
            "",
            f"Headlines without a human frame ({res['n_unframed']}): we find some frame in"
            f" {res['unframed_with_frame']:.1%}.",
            "",
        ]
        if run_cv:
            cv = cross_validated(rows, scored, mapping)
            lines += [
                f"Diagnostic, 5-fold CV logistic regression from the 15 cue weights to the classes: accuracy"
                f" {cv['acc']:.3f}, macro-F1 {cv['macro']:.3f} (learned mapping; not shipped).",
                "",
            ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="path to frames_gvfc.jsonl")
    parser.add_argument("--split", choices=("all", "dev", "test"), default="all", help="which half to score")
    parser.add_argument("--cv", action="store_true", help="add the cross-validated diagnostic")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"no such file: {args.data}")
    print(report(args.data, args.cv, args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
