"""Benchmark: 3-class macro-F1 of ``framing.target_sentiment`` on a target-sentiment gold set.

Usage::

    python benchmarks/target_sentiment.py benchmarks/target_gold.tsv
    python benchmarks/target_sentiment.py benchmarks/target_gold.tsv --errors dev
    python benchmarks/target_sentiment.py ../shared/eval/target_sentiment_newsmtsc_dev.jsonl
    python benchmarks/target_sentiment.py benchmarks/target_gold.tsv \
        --real benchmarks/target_real_mbic.tsv --corpus /work/shared/corpus/news_articles_mbic.jsonl

The gold file is tab-separated with ``#`` comment lines (see ``benchmarks/TARGET_LABELLING_GUIDE.md``),
or NewsMTSC JSONL (``sentence``, ``target_from``, ``target_to``, ``polarity``; every row counted as dev).
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
    if path.suffix == ".jsonl":  # NewsMTSC: every row counts as dev (its dev file tunes the model)
        rows = []
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                try:
                    rec = json.loads(line)
                    start, end = int(rec["target_from"]), int(rec["target_to"])
                    rows.append(
                        {
                            "id": str(rec.get("id", i)),
                            "split": "dev",
                            "label": rec["polarity"],
                            "target": rec["sentence"][start:end],
                            "start": str(start),
                            "end": str(end),
                            "sentence": rec["sentence"],
                        }
                    )
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                    raise SystemExit(f"{path}:{i}: {type(exc).__name__}: {exc}") from None
        return rows
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


def recall(gold: list[str], pred: list[str], label: str) -> float:
    n = sum(g == label for g in gold)
    return sum(g == p == label for g, p in zip(gold, pred)) / n if n else 0.0


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
    ap.add_argument(
        "--portrayal",
        type=int,
        metavar="N",
        help="print the non-neutral actor portrayals of N articles of --corpus (every 40th article) to read",
    )
    ap.add_argument(
        "--offset", type=int, default=0, help="with --portrayal: start at this article (0: articles 0, 40, 80...)"
    )
    ap.add_argument(
        "--judged",
        type=Path,
        help="with --portrayal: judgments of labels (benchmarks/portrayal_judgments.tsv); prints plausible/total",
    )
    args = ap.parse_args(argv)
    if args.portrayal:
        if not args.corpus:
            ap.error("--portrayal needs --corpus")
        portrayal_report(args.corpus, args.portrayal, offset=args.offset, judged=args.judged)
        return 0
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
    print(
        f"{'split':6} {'n':>4} {'macroF1':>8} {'F1 neg':>7} {'F1 neu':>7} {'F1 pos':>7} {'R neg':>6} {'R pos':>6}"
        f" {'acc':>6} {'baseline':>9} {'R neg':>6} {'R pos':>6}"
    )
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
            f" {recall(gold, pred, 'negative'):6.3f} {recall(gold, pred, 'positive'):6.3f}"
            f" {acc:6.3f} {bf1:9.3f} {recall(gold, base, 'negative'):6.3f} {recall(gold, base, 'positive'):6.3f}"
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


def read_judgments(path: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(article id, actor name, label) -> (verdict P/F, kind of failure) from a judgments TSV."""
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((x for x in fh if not x.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(r["article_id"], r["actor"], r["label"]): (r["verdict"], r["kind"] or "") for r in rows}


def portrayal_report(corpus: Path, n: int, step: int = 40, offset: int = 0, judged: Path | None = None) -> None:
    """Per-actor labels of every ``step``-th article from ``offset``, with the strongest mention's sentence, to
    judge; and the share of actors labelled non-neutral."""
    from framing import Analyzer
    from framing.portrayal import Portrayer

    analyzer = Analyzer(dimensions=("entities",))
    portrayer = Portrayer(analyzer.resources)
    entities = next(d for d in analyzer.dimensions if d.name == "entities")
    with corpus.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    n_actors = n_labelled = 0
    verdicts = read_judgments(judged) if judged else {}
    seen: list[tuple[str, str]] = []
    for rec in records[offset::step][:n]:
        text = rec["article"]
        doc = analyzer.parse(text)
        data = entities.score(doc, {}).data
        out = portrayer.portray_entities(doc, data)
        print(f"\n## {rec['article_id']} ({rec['outlet']}, {rec['topic']}): {len(data.entities)} entities")
        for ent in data.entities:
            p = out[ent.id]
            n_actors += 1
            if p.label == "neutral":
                continue
            n_labelled += 1
            if judged:
                seen.append(verdicts.get((rec["article_id"], ent.name, p.label), ("?", "")))
            best = p.strongest(1 if p.label == "positive" else -1)
            line = (
                f"- {ent.name} [{ent.type}] {p.label} mean={p.label_mean:+.2f} eval={p.n_evaluative}/{len(p.mentions)}"
            )
            print(f"{line} counted={p.n_counted} conf={p.confidence:.2f} role={p.role}")
            if best is not None:
                sent = doc.sentences[best.sentence]
                marked = text[sent.start : best.start] + "[[" + text[best.start : best.end] + "]]"
                marked += text[best.end : sent.end]
                words = ", ".join(text[c.start : c.end] for c in best.sentiment.cues if c.end - c.start < 40)
                print(f"    {' '.join(marked.split())[:400]}\n    cues: {words}")
    share = n_labelled / n_actors if n_actors else 0.0
    print(f"\n{n_labelled} of {n_actors} actors labelled positive or negative ({share:.1%})")
    if judged:
        ok = sum(v == "P" for v, _ in seen)
        kinds = Counter(k for v, k in seen if v == "F")
        print(
            f"judged plausible: {ok} of {n_labelled} ({ok / max(n_labelled, 1):.1%}); not judged:"
            f" {sum(v == '?' for v, _ in seen)}; failures by kind: {dict(kinds.most_common())}"
        )


if __name__ == "__main__":
    sys.exit(main())
