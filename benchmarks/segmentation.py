"""Sentence segmentation: boundary accuracy on a gold file, and speed on a corpus.

Usage (from the repository root, with the package installed)::

    python benchmarks/segmentation.py tests/data/sentence_boundaries.jsonl
    python benchmarks/segmentation.py tests/data/sentence_boundaries.jsonl --errors
    python benchmarks/segmentation.py tests/data/sentence_boundaries.jsonl --corpus CORPUS.jsonl --field article

The gold file holds one JSON object per line with ``text`` and its ``sentences`` in order (format:
``tests/data/sentence_boundaries.md``). Each text is segmented as the analyser does (paragraphs,
then sentences). A *decision* is every position after a run of ``. ! ? …`` (with closing quotes
or brackets) inside the text, plus every gold or predicted boundary; accuracy is the share of
decisions where splitter and gold agree; precision and recall are over boundaries (sentence end
offsets). ``--corpus`` times paragraph and sentence splitting over a JSONL corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from pathlib import Path

from framing.resources import Config, Resources
from framing.text import Segmenter, split_paragraphs

DECISION_RE = re.compile(r"(?:[.!?]+|…)[”’\"')\]»]*")


def segment(seg: Segmenter, text: str) -> list[tuple[int, int]]:
    return [s for ps, pe in split_paragraphs(text) for s in seg.sentences(text, ps, pe)]


def gold_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    pos, out = 0, []
    for sentence in sentences:
        i = text.index(sentence, pos)
        out.append((i, i + len(sentence)))
        pos = i + len(sentence)
    return out


def evaluate(seg: Segmenter, cases: list[dict], show_errors: bool) -> None:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])  # tp fp fn agree decisions exact n
    for case in cases:
        text = case["text"]
        gold = gold_spans(text, case["sentences"])
        pred = segment(seg, text)
        g = {e for _, e in gold[:-1]}
        p = {e for _, e in pred[:-1]}
        last = len(text.rstrip())
        points = {m.end() for m in DECISION_RE.finditer(text) if m.end() < last} | g | p
        row = [len(g & p), len(p - g), len(g - p), sum((x in g) == (x in p) for x in points), len(points)]
        row += [int(gold == pred), 1]
        for key in ["all", *case.get("tags", [])]:
            totals[key] = [a + b for a, b in zip(totals[key], row)]
        if show_errors and gold != pred:
            print(f"- {case['id']}: got {[text[s:e] for s, e in pred]}")
    print("| tag | cases | decisions | gold boundaries | accuracy | precision | recall | exact passages |")
    print("|---|---|---|---|---|---|---|---|")
    for key in ["all", *sorted(k for k in totals if k != "all")]:
        tp, fp, fn, agree, decisions, exact, n = totals[key]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"| {key} | {n} | {decisions} | {tp + fn} | {agree / decisions:.3f} | {precision:.3f} | {recall:.3f} "
            f"| {exact / n:.3f} |"
        )


def corpus_speed(seg: Segmenter, path: Path, field: str) -> None:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            value = json.loads(line).get(field)
            if isinstance(value, str):
                texts.append(value)
    chars = sum(map(len, texts))
    t0 = time.perf_counter()
    n = sum(len(segment(seg, t)) for t in texts)
    elapsed = time.perf_counter() - t0
    print(
        f"\ncorpus: {len(texts)} texts, {chars:,} characters, {n:,} sentences "
        f"({chars / max(n, 1):.0f} characters per sentence); {elapsed:.2f} s, {chars / elapsed / 1e6:.1f} M chars/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="gold JSONL (id, tags, text, sentences)")
    parser.add_argument("--errors", action="store_true", help="print every passage segmented differently")
    parser.add_argument("--corpus", type=Path, help="a JSONL corpus to time the splitter on")
    parser.add_argument("--field", default="text", help="text field of the corpus records (default: text)")
    args = parser.parse_args()
    seg = Resources(Config(dimensions=())).segmenter
    cases = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    evaluate(seg, cases, args.errors)
    if args.corpus:
        corpus_speed(seg, args.corpus, args.field)


if __name__ == "__main__":
    main()
