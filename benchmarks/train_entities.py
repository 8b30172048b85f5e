"""Train the entity mention tagger on GUM-style documents and measure it on the dev documents.

Usage: python benchmarks/train_entities.py ../shared/eval/entities_gum_train.jsonl [--write]

Trains on the ``split == "train"`` documents, reports exact-span mention precision/recall/F1 per
type on the ``split == "dev"`` documents, and with ``--write`` ships the model as
``framing/data/entities.crfsuite`` with its card ``framing/data/entities.json``. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from framing import Analyzer
from framing.entities.detect import EntityFinder
from framing.entities.model import load_tagger
from framing.training.entities import (
    TrainSettings,
    gum_name_spans,
    load_documents,
    mention_scores,
    train,
    training_sequences,
)

DATA = Path(__file__).resolve().parent.parent / "framing" / "data"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="entities_gum_train.jsonl")
    ap.add_argument("--write", action="store_true", help="ship the model in framing/data/")
    ap.add_argument("--c1", type=float, default=TrainSettings.c1)
    ap.add_argument("--c2", type=float, default=TrainSettings.c2)
    ap.add_argument("--iterations", type=int, default=TrainSettings.max_iterations)
    ap.add_argument("--json", metavar="FILE", help="write the dev scores as JSON")
    args = ap.parse_args(argv)
    docs = load_documents(args.path)
    analyzer = Analyzer(dimensions=[])
    finder = EntityFinder(analyzer.resources)
    titles = finder.features.titles
    parsed = {d["id"]: analyzer.parse(d["text"], id=d["id"]) for d in docs}
    gold = {d["id"]: gum_name_spans(d, titles) for d in docs}
    train_seqs = [
        s for d in docs if d["split"] == "train" for s in training_sequences(finder, parsed[d["id"]], gold[d["id"]])
    ]
    settings = TrainSettings(c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    meta = {
        "version": "1.1.1",
        "training_data": "GUM (Zeldes 2017, UD English-GUM), documents with split == train",
        "training_license": "CC BY-NC-SA 4.0 (GUM; news documents CC BY); research and evaluation use",
        "n_train_documents": sum(d["split"] == "train" for d in docs),
        # the tagger reads the common words it was trained with, whatever other lexicons become
        "common_words": sorted(finder.features.common_words),
    }
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "entities.crfsuite"
        train(train_seqs, model_path, meta, settings)
        finder = EntityFinder(analyzer.resources, load_tagger(model_path))
        g_all, p_all = [], []
        for d in docs:
            if d["split"] != "dev":
                continue
            doc = parsed[d["id"]]
            g_all += [(d["id"], s, e, k) for s, e, k in gold[d["id"]]]
            toks = doc.tokens
            p_all += [(d["id"], toks[a].start, toks[b - 1].end, k) for a, b, k in finder.tag(doc)]
        scores = mention_scores([((i, s), e, k) for i, s, e, k in g_all], [((i, s), e, k) for i, s, e, k in p_all])
        for kind, row in scores.items():
            print(
                f"{kind:13s} P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f}"
                f"  gold {row['gold']:.0f} predicted {row['predicted']:.0f}"
            )
        if args.json:
            Path(args.json).write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
        if args.write:
            dev = {k: {m: round(v[m], 4) for m in ("precision", "recall", "f1")} for k, v in scores.items()}
            card = train(train_seqs, DATA / "entities.crfsuite", {**meta, "dev_mention_scores": dev}, settings)
            print(f"wrote {DATA / 'entities.crfsuite'} (sha256 {card['model_sha256'][:12]}...)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
