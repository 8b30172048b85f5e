"""Plausibility check of the ``frames`` dimension on full articles grouped by topic (no labels).

Usage::

    python benchmarks/frames_corpus.py /path/to/news_articles_mbic.jsonl

For each topic of the MBIC source articles: the dominant frame's most frequent values and the
three largest mean shares. There are no human frame labels here; the table shows whether the
frames found follow the topics (vaccines -> health and safety, student debt -> economic) and how
fast the dimension runs on real articles. Prints Markdown to standard output.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from framing.analyzer import Analyzer, InputError
from framing.dimensions.frames import FRAMES


def report(path: Path) -> str:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    analyzer = Analyzer(dimensions=["frames"])
    dominant: dict[str, Counter[str]] = defaultdict(Counter)
    shares: dict[str, Counter[str]] = defaultdict(Counter)
    count: Counter[str] = Counter()
    words = 0
    t0 = time.perf_counter()
    for row in rows:
        try:
            result = analyzer.analyze(row["article"], id=str(row.get("article_id", "")))
        except InputError:
            continue
        topic = row.get("topic") or "?"
        count[topic] += 1
        words += result.n_words
        dominant[topic][result.labels["frame"]] += 1
        for f in FRAMES:
            shares[topic][f] += result.scores[f"frame_{f}"]
    elapsed = time.perf_counter() - t0
    lines = [
        f"{sum(count.values())} articles, {words:,} words, frames only: {elapsed:.1f} s"
        f" ({words / max(elapsed, 1e-9):,.0f} words/s, one process).",
        "",
        "| topic | articles | dominant frame, most frequent | largest mean shares |",
        "|---|---|---|---|",
    ]
    for topic in sorted(count):
        n = count[topic]
        top = ", ".join(f"{f} {c}" for f, c in dominant[topic].most_common(3))
        mean = ", ".join(f"{f} {v / n:.2f}" for f, v in shares[topic].most_common(3))
        lines.append(f"| {topic} | {n} | {top} | {mean} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="path to news_articles_mbic.jsonl")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"no such file: {args.data}")
    print(report(args.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
