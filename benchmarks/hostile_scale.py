"""Cost of one very large document: wall time and peak memory of `framing score` on 1 MB of text.

Usage:
    python benchmarks/hostile_scale.py CORPUS.jsonl [--size BYTES] [--field article]

Inputs, each scored as ONE document by a fresh `framing score FILE --max-chars ...` process (so the
figures include start-up and loading, about 1-2 s):

- ``news``: news articles from CORPUS (JSONL, the text in ``--field``) joined until SIZE bytes:
  ordinary sentences and paragraphs.
- ``news-no-breaks``: the same text with every full stop, question and exclamation mark and line
  break removed: one sentence of SIZE bytes.
- ``dense`` and ``dense-no-breaks``: a made-up page that repeats a 16-word sentence full of
  reporting verbs and sentiment words (with and without full stops): the worst case for the
  attribution and sentiment rules, which do work per cue and per sentiment word.
- ``sentence-100k``: one 100 KB sentence of that page.

Wall and CPU time and peak memory (maximum resident set size) are those of the scoring process
(``os.wait4``); a run still going after ``--timeout`` seconds is stopped. Prints a Markdown table;
the aim is at most 30 s and 1 GB for each 1 MB input.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DENSE = "the mayor said the plan would add forty officers and critics called it a terrible giveaway"
_BREAKS_RE = re.compile(r"[.!?]+(?=\s|$)|\s*\n\s*")


def news(corpus: Path, field: str, size: int) -> str:
    parts: list[str] = []
    total = 0
    with corpus.open(encoding="utf-8") as fh:
        while total < size:
            for line in fh:
                text = json.loads(line).get(field) or ""
                parts.append(text.strip())
                total += len(parts[-1].encode("utf-8")) + 2
                if total >= size:
                    break
            else:
                fh.seek(0)  # a small corpus is repeated
    return "\n\n".join(parts)


def no_breaks(text: str) -> str:
    return _BREAKS_RE.sub(" ", text)


def dense(size: int, breaks: bool) -> str:
    words = DENSE.split()
    out: list[str] = []
    total = 0
    while total < size:
        for w in words:
            out.append(w)
            total += len(w) + 1
        if breaks:
            out[-1] += "."
    return " ".join(out)


def run(path: Path, max_chars: int, timeout: float) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak MB and the outcome of scoring ``path`` (stopped after ``timeout`` s)."""
    argv = [sys.executable, "-m", "framing", "score", str(path), "--format", "csv", "-o", os.devnull]
    argv += ["--max-chars", str(max_chars), "--quiet"]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(argv, stderr=err, text=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                proc.kill()
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        err.seek(0)
        last = (err.read().strip().splitlines() or [""])[-1]
    code = proc.returncode
    outcome = "scored" if code == 0 else f"stopped after {timeout:g} s" if code == -9 else f"exit {code}: {last}"
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL of news articles")
    parser.add_argument("--field", default="article", help="field with the text (default: article)")
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes per input (default 1,000,000)")
    parser.add_argument("--timeout", type=float, default=600, help="stop a run after this many seconds (default 600)")
    parser.add_argument("--only", help="comma-separated input names to run (default: all)")
    args = parser.parse_args(argv)
    text = news(args.corpus, args.field, args.size)
    inputs = {
        "news": text,
        "news-no-breaks": no_breaks(text),
        "dense": dense(args.size, True),
        "dense-no-breaks": dense(args.size, False),
        "sentence-100k": dense(100_000, False),
    }
    if args.only:
        inputs = {k: v for k, v in inputs.items() if k in args.only.split(",")}
    print("| input | characters | sentence breaks | wall s | CPU s | peak MB | result |")
    print("|---|---:|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in inputs.items():
            path = Path(tmp) / f"{name}.txt"
            path.write_text(body, encoding="utf-8")
            seconds, cpu, mb, result = run(path, max(len(body) + 1, 2_000_000), args.timeout)
            breaks = "no" if "no-breaks" in name or name.startswith("sentence") else "yes"
            print(
                f"| {name} | {len(body):,} | {breaks} | {seconds:.1f} | {cpu:.1f} | {mb:,.0f} | {result} |", flush=True
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
