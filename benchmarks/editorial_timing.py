"""CPU time of the editorial dimension alone, steadier than the stage table on a loaded machine.

    PYTHONPATH=. python benchmarks/editorial_timing.py /work/shared/corpus/news_articles_mbic.jsonl \
        [--docs 150] [--repeats 5]

The articles are parsed and the attribution dimension (which the editorial dimension reads) is
scored once; then only the editorial dimension scores every article, ``--repeats`` times, with
garbage collection off. Prints the CPU milliseconds per article of each repeat and the fastest
(the least disturbed by other jobs). Run it from two checkouts one after the other to compare.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="JSONL of articles")
    ap.add_argument("--field", default="article")
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()

    from framing.analyzer import Analyzer

    texts: list[str] = []
    with args.data.open(encoding="utf-8") as fh:
        for line in fh:
            value = json.loads(line).get(args.field) if line.strip() else None
            if isinstance(value, str) and value.strip():
                texts.append(value)
            if len(texts) >= args.docs:
                break
    analyzer = Analyzer().load()
    dims = {d.name: d for d in analyzer.dimensions}
    prepared = []
    for text in texts:
        doc = analyzer.parse(text)
        prepared.append((doc, {"attribution": dims["attribution"].score(doc, {})}))
    editorial = dims["editorial"]
    gc.disable()
    times = []
    for _ in range(args.repeats):
        start = time.process_time()
        for doc, upstream in prepared:
            editorial.score(doc, upstream)
        times.append(1000 * (time.process_time() - start) / len(prepared))
    gc.enable()
    print(f"editorial dimension, CPU ms per article ({len(prepared)} articles): " + " ".join(f"{t:.2f}" for t in times))
    print(f"fastest: {min(times):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
