"""Time the comparison tables and the PDF report on a folder or file of articles.

    python benchmarks/report_timing.py seeds/ [--repeat 3] [--out /tmp/timing.pdf]
    python benchmarks/report_timing.py ../shared/corpus/news_articles_mbic.jsonl --limit 50 \\
        --text-field article --id-field article_id --by outlet [--within topic]

Prints CPU seconds for scoring, ``framing.compare``, each chart and the whole ``build_pdf``, the
page count, and any warning raised while building. Not a unit test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import time
import warnings
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
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--text-field", default="text", help="JSONL/CSV field with the text")
    parser.add_argument("--id-field", default="id", help="JSONL/CSV field with the id")
    parser.add_argument("--by", help="metadata key that groups documents (as framing report --by)")
    parser.add_argument("--within", help="compare the groups within each value of this key")
    parser.add_argument("--documents", default="auto", help="per-document pages: all, none, N or auto")
    args = parser.parse_args()

    opts = framing.LoadOptions(text_field=args.text_field, id_field=args.id_field)
    docs = [
        d for d in itertools.islice(framing.read_path(args.path, opts), args.limit) if isinstance(d, framing.Document)
    ]
    t = time.process_time()
    analyzer = framing.Analyzer().load()
    load = time.process_time() - t
    scoring, analyses = cpu(lambda: list(analyzer.analyze_many(docs)), args.repeat)
    words = sum(a.n_words for a in analyses)
    print(f"documents {len(analyses)}, words {words:,}, sentences {sum(a.n_sentences for a in analyses):,}")
    print(f"analyser load        {load:6.2f} s")
    print(f"scoring              {scoring:6.2f} s")
    seconds, comparison = cpu(lambda: framing.compare(analyses, by=args.by, within=args.within), args.repeat)
    print(f"compare              {seconds:6.2f} s")
    for chart in plots.CHARTS:
        seconds, _ = cpu(
            lambda chart=chart: chart(analyses, by=args.by).savefig(Path(args.out).with_suffix(".png"), dpi=150), 1
        )
        print(f"  {chart.__name__:<18} {seconds:6.2f} s")
    documents = args.documents if args.documents in ("all", "none", "auto") else int(args.documents)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seconds, path = cpu(
            lambda: build_pdf(
                analyses,
                args.out,
                analyzer=analyzer,
                timestamp="T",
                by=args.by,
                within=args.within,
                documents=documents,
                comparison=comparison,
            ),
            args.repeat,
        )
    from pypdf import PdfReader

    pages = len(PdfReader(str(path)).pages)
    print(f"build_pdf            {seconds:6.2f} s  ({pages} pages, {path}; compare not included)")
    print(f"warnings             {len(caught)}" + "".join(f"\n  {w.message}" for w in caught[:5]))


if __name__ == "__main__":
    main()
