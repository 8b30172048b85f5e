"""Benchmark: 3-class macro-F1 of ``framing.target_sentiment`` on a target-sentiment gold set.

Usage::

    python benchmarks/target_sentiment.py benchmarks/target_gold.tsv
    python benchmarks/target_sentiment.py benchmarks/target_gold.tsv --errors dev
    python benchmarks/target_sentiment.py benchmarks/target_gold.tsv \
        --real benchmarks/target_real_mbic.tsv --corpus /work/shared/corpus/news_articles_mbic.jsonl

The gold file is tab-separated with ``#`` comment lines (see ``benchmarks/TARGET_LABELLING_GUIDE.md``).
Rows of split ``dev`` may be used to tune rules; ``test`` rows are the held-out estimate. A baseline
is reported alongside: the VADER compound of the whole sentence, labelled with +/-0.05 thresholds
(what a document-level tool would say about every target in the sentence).

``--real`` adds a second, independent check: labels with character offsets into full articles of a
JSONL corpus (``--corpus``, fields ``article_id`` and ``article``); only offsets and labels are stored
in the label file, the text is read from the corpus.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from framing.target import target_sentiment_result

LABELS = ("negative", "neutral", "positive")


def read_gold(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        if r["sentence"][int(r["start"]) : int(r["end"])] != r["target"]:
            raise SystemExit(f"{path}: row {r['id']}: offsets do not match the target text")
    return rows


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return sum(per.values()) / len(LABELS), per


def vader_sentence_label(analyzer, sentence: str) -> str:  # type: ignore[no-untyped-def]
    c = analyzer.polarity_scores(sentence)["compound"]
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, help="gold TSV (benchmarks/target_gold.tsv)")
    ap.add_argument("--errors", choices=("dev", "test", "all"), help="print the misclassified rows of a split")
    ap.add_argument(
        "--real", type=Path, nargs="+", default=[], help="labels with offsets into corpus articles (target_real_*.tsv)"
    )
    ap.add_argument("--corpus", type=Path, help="JSONL corpus the --real offsets refer to")
    args = ap.parse_args(argv)
    if args.real and not args.corpus:
        ap.error("--real needs --corpus")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    rows = read_gold(args.gold)
    preds = []
    for r in rows:
        res = target_sentiment_result(r["sentence"], int(r["start"]), int(r["end"]))
        preds.append((res, vader_sentence_label(vader, r["sentence"])))
    print(f"gold: {args.gold} ({len(rows)} pairs)")
    print(f"{'split':6} {'n':>4} {'macroF1':>8} {'F1 neg':>7} {'F1 neu':>7} {'F1 pos':>7} {'acc':>6} {'baseline':>9}")
    for split in ("dev", "test", "all"):
        idx = [i for i, r in enumerate(rows) if split == "all" or r["split"] == split]
        gold = [rows[i]["label"] for i in idx]
        pred = [preds[i][0].label for i in idx]
        base = [preds[i][1] for i in idx]
        f1, per = macro_f1(gold, pred)
        bf1, _ = macro_f1(gold, base)
        acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
        print(
            f"{split:6} {len(idx):4d} {f1:8.3f} {per['negative']:7.3f} {per['neutral']:7.3f} {per['positive']:7.3f}"
            f" {acc:6.3f} {bf1:9.3f}"
        )
        if split == "all":
            conf = Counter(zip(gold, pred))
            print("confusion (rows gold, columns predicted): " + " ".join(f"{lab[:3]:>5}" for lab in LABELS))
            for g in LABELS:
                print(f"  {g:9}" + " ".join(f"{conf[(g, p)]:5d}" for p in LABELS))
    if args.errors:
        print(f"\nerrors ({args.errors}):")
        for r, (res, _) in zip(rows, preds):
            if (args.errors == "all" or r["split"] == args.errors) and res.label != r["label"]:
                cues = ", ".join(f"{c.rule}/{c.relation}={c.value:+.2f}" for c in res.cues)
                print(f"{r['id']} gold={r['label']} pred={res.label} [{r['target']}] {r['sentence']}\n    {cues}")
    for path in args.real:
        real_report(path, args.corpus, args.errors is not None and "dev" in path.name, vader)
    return 0


def real_report(labels_path: Path, corpus: Path, show_errors: bool, vader) -> None:  # type: ignore[no-untyped-def]
    """Macro-F1 on labelled mentions in full corpus articles (the sentence is found by the scorer)."""
    with labels_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((x for x in fh if not x.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE))
    wanted = {r["article_id"] for r in rows}
    texts: dict[str, str] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("article_id") in wanted:
                texts[rec["article_id"]] = rec["article"]
    from framing.target import _sentence_bounds, default_scorer

    resources = default_scorer().resources
    gold, pred, base = [], [], []
    for r in rows:
        text = texts[r["article_id"]]
        start, end = int(r["start"]), int(r["end"])
        if text[start:end] != r["target"]:
            raise SystemExit(f"{labels_path}: {r['id']}: offsets do not match the corpus text")
        res = target_sentiment_result(text, start, end)
        gold.append(r["label"])
        pred.append(res.label)
        lo, hi = _sentence_bounds(text, start, end, resources)
        base.append(vader_sentence_label(vader, text[lo:hi]))
        if show_errors and res.label != r["label"]:
            lo, hi = _sentence_bounds(text, start, end, resources)
            cues = ", ".join(f"{c.rule}/{c.relation}={c.value:+.2f}" for c in res.cues)
            marked = text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]
            print(f"{r['id']} gold={r['label']} pred={res.label} {marked}\n    {cues}")
    f1, per = macro_f1(gold, pred)
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    counts = Counter(gold)
    print(
        f"\nreal news ({labels_path.name}, {len(rows)} mentions: "
        + ", ".join(f"{counts[lab]} {lab}" for lab in LABELS)
        + ")"
    )
    print(
        f"macroF1 {f1:.3f}  F1 neg {per['negative']:.3f}  F1 neu {per['neutral']:.3f}  F1 pos {per['positive']:.3f}"
        f"  acc {acc:.3f}  (sentence-VADER baseline macroF1 {macro_f1(gold, base)[0]:.3f})"
    )
    conf = Counter(zip(gold, pred))
    print("confusion (rows gold, columns predicted): " + " ".join(f"{lab[:3]:>5}" for lab in LABELS))
    for g in LABELS:
        print(f"  {g:9}" + " ".join(f"{conf[(g, p)]:5d}" for p in LABELS))


if __name__ == "__main__":
    sys.exit(main())
