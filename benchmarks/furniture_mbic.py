"""Page furniture over a corpus: lines set aside, and whether any becomes an actor or a speaker.

Usage: python benchmarks/furniture_mbic.py ../shared/corpus/news_articles_mbic.jsonl [--field article] [--examples N]

Counts the spans set aside by rule, then analyses every article twice with the attribution and
actors dimensions: with furniture recognition (as shipped) and without it. For each run it counts
actor mentions and attribution spans (source, cue, content) that fall inside a furniture span.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from framing import Analyzer


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="news_articles_mbic.jsonl")
    ap.add_argument("--field", default="article")
    ap.add_argument("--examples", type=int, default=0, help="print N examples per reason")
    args = ap.parse_args(argv)
    texts = []
    with open(args.path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                texts.append(json.loads(line)[args.field])
            except (json.JSONDecodeError, KeyError) as exc:
                print(f"{args.path}:{n}: skipped ({exc})", file=sys.stderr)
    shipped = Analyzer(dimensions=["attribution", "actors"])
    plain = Analyzer(dimensions=["attribution", "actors"])
    plain._furniture = False  # furniture recognition off, for the comparison
    reasons: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    counts = {"shipped": Counter(), "without": Counter()}
    for text in texts:
        furniture = [(f.start, f.end) for f in shipped.parse(text).furniture]
        for f in shipped.parse(text).furniture:
            key = f.reason.split(":")[1]
            reasons[key] += 1
            examples.setdefault(key, []).append(" ".join(text[f.start : f.end].split())[:100])
        if not furniture:
            continue
        for name, an in (("shipped", shipped), ("without", plain)):
            rec = an.analyze(text).to_dict()
            for actor in rec["actors"]:
                hit = [m for m in actor["mentions"] if inside(furniture, m["start"], m["end"])]
                counts[name]["actor mentions"] += len(hit)
                counts[name]["actors only in furniture"] += len(hit) == len(actor["mentions"])
            for att in rec["attributions"]:
                if att["source"] and inside(furniture, att["source"]["start"], att["source"]["end"]):
                    counts[name]["speakers (attribution sources)"] += 1
                if att["cue"] and inside(furniture, att["cue"]["start"], att["cue"]["end"]):
                    counts[name]["attribution cues"] += 1
    print(
        f"{len(texts)} articles; {sum(reasons.values())} spans set aside: "
        + ", ".join(f"{k} {v}" for k, v in reasons.most_common())
    )
    for name in ("without", "shipped"):
        c = counts[name]
        print(
            f"inside furniture, {name} furniture recognition: "
            + ", ".join(
                f"{k} {c[k]}"
                for k in (
                    "actor mentions",
                    "actors only in furniture",
                    "speakers (attribution sources)",
                    "attribution cues",
                )
            )
        )
    for key, items in examples.items():
        for item in items[: args.examples]:
            print(f"  {key}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
