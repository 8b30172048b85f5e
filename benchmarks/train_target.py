"""Fit the target-dependent sentiment model and write ``framing/data/target_sentiment.json``.

Usage::

    python benchmarks/train_target.py ../shared/eval/target_sentiment_newsmtsc_train.jsonl \\
        ../shared/eval/target_sentiment_newsmtsc_dev.jsonl [--out framing/data/target_sentiment.json]

``C`` is chosen on the dev file (macro-F1); the same files give the same model file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from framing.training.target import evaluate, fit, read_examples, to_json

C_VALUES = (0.01, 0.02, 0.03, 0.05, 0.1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", type=Path, help="NewsMTSC train JSONL")
    ap.add_argument("dev", type=Path, help="NewsMTSC dev JSONL (C is chosen on it)")
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "framing/data/target_sentiment.json"
    )
    args = ap.parse_args(argv)
    train, dev = read_examples(args.train), read_examples(args.dev)
    trained = fit(train, dev, c_values=C_VALUES, data={"train": args.train.name, "dev": args.dev.name})
    scores = evaluate(trained.model, dev)
    content = to_json(trained, scores)
    args.out.write_text(
        json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"C by dev macro-F1: {trained.settings['dev_macro_f1_by_C']}")
    print(f"dev: macro-F1 {scores['macro_f1']}, F1 {scores['f1']}, recall {scores['recall']}")
    print(f"wrote {args.out} ({trained.settings['n_features']} features, sha256 {content['sha256'][:12]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
