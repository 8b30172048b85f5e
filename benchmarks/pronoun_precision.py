"""Precision of pronoun resolution per pronoun form on GUM documents: which forms may carry an actor's portrayal?

Usage: python benchmarks/pronoun_precision.py ../shared/eval/entities_gum_train.jsonl [--split dev]

Every pronoun the entities dimension links to an entity is checked against the gold coreference: the
entity stands for the gold cluster most of its named (non-pronoun) mentions overlap best (character
Jaccard, as ``benchmarks/entities_gum.py``); the link is right when the gold mention at the pronoun's
span belongs to that cluster. A pronoun at a span with no gold mention, or whose gold mention is in
another cluster (another actor, or a thing, an event, a place not meant), is wrong. Reported per form
(lowercased), with the number of links made.
"""

from __future__ import annotations

import argparse
from collections import Counter

from framing import Analyzer
from framing.training.entities import load_documents


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="entities_gum_train.jsonl")
    ap.add_argument("--split", default="dev")
    args = ap.parse_args(argv)
    docs = [d for d in load_documents(args.path) if d["split"] == args.split]
    analyzer = Analyzer(dimensions=["entities"])
    tried: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for doc in docs:
        text = doc["text"]
        gold = [(m["start"], m["end"], m["entity"]) for m in doc["mentions"]]

        def best(s: int, e: int, gold: list = gold) -> str | None:
            out, score = None, 0.0
            for gs, ge, c in gold:
                inter = min(e, ge) - max(s, gs)
                if inter > 0 and inter / (max(e, ge) - min(s, gs)) > score:
                    out, score = c, inter / (max(e, ge) - min(s, gs))
            return out

        data = analyzer.dimensions[0].score(analyzer.parse(text), {}).data
        for ent in data.entities:
            ms = data.mentions_of(ent.id)
            named = Counter(best(m.start, m.end) for m in ms if not m.pronoun)
            cluster = named.most_common(1)[0][0] if named else None
            for m in ms:
                if not m.pronoun:
                    continue
                form = text[m.start : m.end].lower()
                tried[form] += 1
                exact = [c for gs, ge, c in gold if (gs, ge) == (m.start, m.end)]
                right[form] += cluster is not None and cluster in exact
    print(f"{args.split}: {len(docs)} documents, {sum(tried.values())} pronoun links")
    print(f"{'form':10} {'links':>6} {'right':>6} {'precision':>9}")
    for form, n in tried.most_common():
        print(f"{form:10} {n:6d} {right[form]:6d} {right[form] / n:9.3f}")
    total = sum(tried.values())
    print(f"{'all':10} {total:6d} {sum(right.values()):6d} {sum(right.values()) / max(total, 1):9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
