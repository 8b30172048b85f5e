"""Fit the attribution cue classifier and write ``framing/data/attribution_cues.json``.

Usage::

    python benchmarks/train_attribution.py ../shared/eval/attribution_polnear_train.jsonl \
        [--dev ../shared/eval/attribution_polnear_dev.jsonl] [--out PATH] [--c C] [--accept P] [--keep P] [--attach P]

Fits on the train file's primary annotations (see :mod:`framing.training.attribution`). With
``--dev``, also reports the classifier's precision and recall on the dev file's candidates (the
decision thresholds ``--accept``, ``--keep`` and ``--attach`` were chosen by the span F1 of
``benchmarks/attribution_polnear.py`` on the dev file). The same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from framing import Analyzer
from framing.dimensions.attribution import Attribution as AttributionDimension
from framing.dimensions.attribution import extractor_config
from framing.training.attribution import cue_examples, fit, learn_vocabulary, parse_articles, read_articles, to_json

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "framing/data/attribution_cues.json"
C = 0.2
ACCEPT = 0.4
KEEP = 0.3
ATTACH = 0.4
MIN_COUNT = 3
MIN_RATE = 0.1


def _report(model, examples, name: str) -> dict:  # type: ignore[no-untyped-def]
    out = {}
    for group, hit in (("lexicon hits", True), ("vocabulary words", False)):
        ex = [e for e in examples if e.lexicon_hit == hit]
        thr = model.keep if hit else model.accept
        tp = sum(1 for e in ex if e.label and model.probability(e.features) >= thr)
        fp = sum(1 for e in ex if not e.label and model.probability(e.features) >= thr)
        fn = sum(1 for e in ex if e.label and model.probability(e.features) < thr)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"{name} {group}: {len(ex)} candidates, {tp + fn} cues; precision {p:.3f} recall {r:.3f} at {thr}")
        out[group] = {"candidates": len(ex), "cues": tp + fn, "precision": round(p, 4), "recall": round(r, 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", type=Path, help="PolNeAR-format JSONL (train split)")
    ap.add_argument("--dev", type=Path, default=None, help="PolNeAR-format JSONL to report classifier scores on")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--c", type=float, default=C)
    ap.add_argument("--accept", type=float, default=ACCEPT, help="probability at which a vocabulary word is a cue")
    ap.add_argument("--keep", type=float, default=KEEP, help="probability below which a lexicon hit is dropped")
    ap.add_argument("--attach", type=float, default=ATTACH, help="probability at which a cue gets the plain clause")
    args = ap.parse_args(argv)
    # parsing needs the dimension's lexicons, not the shipped cue model (which may be out of date)
    analyzer = Analyzer(dimensions=["attribution"], language_check=False)
    for name in AttributionDimension.lexicons:
        analyzer.resources.lexicon(name)
    config = extractor_config(analyzer.resources, None)
    t0 = time.process_time()
    articles = read_articles(args.train)
    docs = parse_articles(articles, analyzer)
    exclude = config.function_words | config.aux | config.pronouns
    vocabulary = learn_vocabulary(articles, docs, MIN_COUNT, MIN_RATE, exclude)
    examples = cue_examples(articles, docs, config, vocabulary)
    data = {"train": args.train.name, "articles": len(articles), "min_count": MIN_COUNT, "min_rate": MIN_RATE}
    model = fit(examples, vocabulary, args.c, accept=args.accept, keep=args.keep, attach=args.attach, data=data)
    print(f"{len(articles)} articles, {len(vocabulary)} vocabulary words, {len(examples)} candidates")
    scores = {"train": _report(model, examples, "train")}
    if args.dev:
        dev = read_articles(args.dev)
        scores["dev"] = _report(model, cue_examples(dev, parse_articles(dev, analyzer), config, vocabulary), "dev")
    content = to_json(model, {"candidate_scores": scores})
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} ({len(model.weights)} weights, sha256 {content['sha256'][:12]}) in"
        f" {time.process_time() - t0:.0f} s CPU"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
