"""Fit the target-dependent sentiment model shipped as ``framing/data/target_sentiment.json``.

Examples are ``(sentence, start, end, label)`` with ``label`` negative / neutral / positive; the
features are :meth:`framing.target.TargetScorer.features` (with an empty model, so nothing depends
on a previous fit). The classifier is scikit-learn's multinomial logistic regression with balanced
class weights; features seen in fewer than ``min_count`` training examples are dropped. Fitting is
deterministic (lbfgs, fixed order), so the same data give the same file.

``benchmarks/train_target.py TRAIN.jsonl DEV.jsonl`` calls :func:`fit` with the NewsMTSC files and
writes the model.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..models import canonical_hash
from ..target import CLASSES, FEATURE_VERSION, MODEL_SCHEMA, TargetModel, TargetScorer, sentence_target

__all__ = ["Example", "TrainedTarget", "evaluate", "featurize", "fit", "read_examples", "to_json"]


@dataclass(frozen=True)
class Example:
    """One sentence with a marked target and its label."""

    sentence: str
    start: int
    end: int
    label: str
    id: str = ""


@dataclass(frozen=True)
class TrainedTarget:
    """A fitted model with the settings and scores that produced it."""

    model: TargetModel
    settings: dict[str, Any]


def read_examples(path: str | Path) -> list[Example]:
    """NewsMTSC-style JSONL (``sentence``, ``target_from``, ``target_to``, ``polarity``); a bad line
    raises ``ValueError`` naming the file and line."""
    out = []
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                ex = Example(
                    rec["sentence"], int(rec["target_from"]), int(rec["target_to"]), rec["polarity"], rec.get("id", "")
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{i}: {type(exc).__name__}: {exc}") from None
            if ex.label not in CLASSES or not 0 <= ex.start < ex.end <= len(ex.sentence):
                raise ValueError(f"{path}:{i}: bad label {ex.label!r} or span [{ex.start}, {ex.end})")
            out.append(ex)
    return out


def blank_scorer(resources: Any = None) -> TargetScorer:
    """A scorer with no weights: computes features only."""
    if resources is None:
        from ..resources import Config, Resources

        resources = Resources(Config(dimensions=()))
    return TargetScorer(resources, TargetModel({}, (0.0, 0.0, 0.0)))


def featurize(examples: Iterable[Example], scorer: TargetScorer) -> list[dict[str, float]]:
    """Feature dicts of the examples (summed when a feature occurs more than once)."""
    rows = []
    for ex in examples:
        row: dict[str, float] = {}
        found = sentence_target(ex.sentence, ex.start, ex.end, scorer)
        if found is not None:
            tokens, target, matches, actors = found
            view = scorer.view(tokens, matches)
            for f in scorer.features(view, target, actors):
                row[f.name] = row.get(f.name, 0.0) + f.value
        rows.append(row)
    return rows


def fit(
    train: Sequence[Example],
    dev: Sequence[Example] = (),
    *,
    c_values: Sequence[float] = (0.1,),
    min_count: int = 2,
    min_weight: float = 0.005,
    scorer: TargetScorer | None = None,
    data: dict[str, str] | None = None,
) -> TrainedTarget:
    """Fit on ``train``; with ``dev``, pick ``C`` from ``c_values`` by dev macro-F1. Features whose
    weights are all under ``min_weight`` in magnitude are left out of the model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    scorer = scorer or blank_scorer()
    x_train = featurize(train, scorer)
    counts: Counter[str] = Counter(k for row in x_train for k in row)
    keep = {k for k, n in counts.items() if n >= min_count}
    x_train = [{k: v for k, v in row.items() if k in keep} for row in x_train]
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(x_train)
    y = np.array([CLASSES.index(e.label) for e in train])
    x_dev = vec.transform(featurize(dev, scorer)) if dev else None
    y_dev = np.array([CLASSES.index(e.label) for e in dev])
    best: tuple[float, float, Any] | None = None
    scores: dict[str, float] = {}
    for c in c_values:
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, solver="lbfgs")
        clf.fit(X, y)
        f1 = _macro_f1(y_dev, clf.predict(x_dev)) if x_dev is not None else 0.0
        scores[f"C={c:g}"] = round(f1, 4)
        if best is None or f1 > best[0]:
            best = (f1, c, clf)
    assert best is not None
    _, c, clf = best
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights = {
        str(name): tuple(round(float(v), 4) for v in coef[:, j])
        for j, name in enumerate(names)
        if np.any(np.abs(coef[:, j]) >= min_weight)
    }
    intercept = tuple(round(float(v), 5) for v in clf.intercept_)
    settings: dict[str, Any] = {
        "classifier": "sklearn.linear_model.LogisticRegression (multinomial, lbfgs)",
        "C": c,
        "class_weight": "balanced",
        "min_count": min_count,
        "min_weight": min_weight,
        "n_train": len(train),
        "n_dev": len(dev),
        "n_features": len(weights),
        "dev_macro_f1_by_C": scores,
        "data": dict(data or {}),
    }
    model = TargetModel(weights, intercept, {"training": settings})  # type: ignore[arg-type]
    return TrainedTarget(model, settings)


def _macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro", labels=[0, 1, 2]))


def evaluate(model: TargetModel, examples: Sequence[Example], scorer_resources: Any = None) -> dict[str, Any]:
    """Macro-F1, per-class F1 and recall of ``model`` on ``examples``."""
    from sklearn.metrics import f1_score, recall_score

    scorer = blank_scorer(scorer_resources)
    scorer = TargetScorer(scorer.resources, model)
    pred = []
    for ex in examples:
        found = sentence_target(ex.sentence, ex.start, ex.end, scorer)
        if found is None:
            pred.append("neutral")
            continue
        tokens, target, matches, actors = found
        pred.append(scorer.score_tokens(tokens, target, matches, actors).label)
    gold = [e.label for e in examples]
    per_f1 = f1_score(gold, pred, average=None, labels=list(CLASSES))
    rec = recall_score(gold, pred, average=None, labels=list(CLASSES))
    return {
        "n": len(examples),
        "macro_f1": round(float(np.mean(per_f1)), 4),
        "f1": {c: round(float(v), 4) for c, v in zip(CLASSES, per_f1)},
        "recall": {c: round(float(v), 4) for c, v in zip(CLASSES, rec)},
        "predictions": pred,
    }


def to_json(trained: TrainedTarget, dev_scores: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model file's content with its SHA-256 (see :class:`framing.target.TargetModel`)."""
    from .. import __version__

    content: dict[str, Any] = {
        "schema": MODEL_SCHEMA,
        "feature_version": FEATURE_VERSION,
        "framing_version": __version__,
        "classes": list(CLASSES),
        "training": trained.settings,
        "dev": {k: v for k, v in (dev_scores or {}).items() if k != "predictions"},
        "intercept": list(trained.model.intercept),
        "features": sorted(trained.model.weights),
        "coef": [[trained.model.weights[k][i] for k in sorted(trained.model.weights)] for i in range(3)],
    }
    content["sha256"] = canonical_hash(content)
    return content
