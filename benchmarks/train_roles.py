"""Fit the narrative-role model and write ``framing/data/roles.json``; report 5-fold cross-validation.

Usage::

    python benchmarks/train_roles.py ../shared/eval/frames_roles_narrative_climate.jsonl [--out PATH]

Folds are the corpus's ``cv_test_fold``; each fold is predicted by a model fitted on the other four.
The shipped model is then fitted on every article. The same file gives the same model.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from framing import Analyzer
from framing.portrayal import Portrayer
from framing.training.roles import actors_of, cross_validate, fit, read_articles, to_json

C = 0.3
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "framing/data/roles.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="narrative corpus JSONL (entity_roles, cv_test_fold)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--c", type=float, nargs="+", default=[C], help="C values to cross-validate; the best is fitted")
    args = ap.parse_args(argv)
    analyzer = Analyzer(dimensions=("entities",))
    portrayer = Portrayer(analyzer.resources, roles=None)
    actors = [a for art in read_articles(args.corpus) for a in actors_of(art, analyzer, portrayer)]
    best = None
    for c in args.c:
        cv = cross_validate(actors, c)
        print(f"C={c}: macro-F1 {cv['macro_f1']} (roles only {cv['macro_f1_roles']}), F1 {cv['f1']}, n {cv['counts']}")
        if best is None or cv["macro_f1"] > best[1]["macro_f1"]:
            best = (c, cv)
    assert best is not None
    model, settings = fit(actors, best[0], data={"corpus": args.corpus.name})
    content = to_json(model, settings, best[1])
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} (C={best[0]}, {len(model.weights)} features, sha256 {content['sha256'][:12]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
