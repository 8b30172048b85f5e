"""Time the comparison tables and the PDF report on a folder or file of articles.

    python benchmarks/report_timing.py seeds/ [--repeat 3] [--out /tmp/timing.pdf]

Prints CPU seconds for scoring, ``framing.compare`` (1,000 bootstrap resamples), each chart and the
whole ``build_pdf``, plus the page count. Not a unit test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import framing
from framing import plots
from framing.report import build_pdf


def cpu(fn, repeat: int):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="a folder, text file, JSONL or CSV of articles")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--out", default="/tmp/report_timing.pdf", help="where to write the PDF")
    args = parser.parse_args()

    t = time.process_time()
    analyzer = framing.Analyzer().load()
    load = time.process_time() - t
    scoring, analyses = cpu(lambda: [a for a in analyzer.analyze_many(framing.read_path(args.path))], args.repeat)
    words = sum(a.n_words for a in analyses)
    print(f"documents {len(analyses)}, words {words:,}, sentences {sum(a.n_sentences for a in analyses):,}")
    print(f"analyser load        {load:6.2f} s")
    print(f"scoring              {scoring:6.2f} s")
    seconds, _ = cpu(lambda: framing.compare(analyses), args.repeat)
    print(f"compare (1,000 boot) {seconds:6.2f} s")
    for chart in plots.CHARTS:
        seconds, _ = cpu(lambda chart=chart: chart(analyses).savefig(Path(args.out).with_suffix(".png"), dpi=150), 1)
        print(f"  {chart.__name__:<18} {seconds:6.2f} s")
    seconds, path = cpu(lambda: build_pdf(analyses, args.out, analyzer=analyzer, timestamp="T"), args.repeat)
    from pypdf import PdfReader

    print(f"build_pdf            {seconds:6.2f} s  ({len(PdfReader(str(path)).pages)} pages, {path})")


if __name__ == "__main__":
    main()
