"""Fit the narrative-role model shipped as ``framing/data/roles.json`` (hero / villain / victim / none).

Training data: articles with annotated ``entity_roles`` (``entity`` text, ``role``), as in the
narrative frames corpus of Frermann et al. (2023). For each article the analyser's ``entities``
dimension finds the entities; an annotated entity is every occurrence of its text (whole words, any
case) together with the mentions (pronouns included) of the entity those occurrences belong to.
Entities the annotators did not list are examples of ``none``. Each actor becomes the features of
:func:`framing.portrayal.role_features`; the classifier is scikit-learn's multinomial logistic
regression with balanced class weights. :func:`cross_validate` scores it on given folds.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..models import canonical_hash
from ..portrayal import (
    ROLES,
    ROLES_FEATURE_VERSION,
    ROLES_SCHEMA,
    MentionPortrayal,
    Portrayer,
    RoleModel,
    role_features,
)

__all__ = ["Actor", "Article", "actors_of", "cross_validate", "fit", "read_articles", "to_json"]

_PRONOUNS = frozenset("he him his she her it its they them their we us our i me you who this that these those".split())


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    roles: tuple[tuple[str, str], ...]  # (entity text, role)
    fold: int = 0


@dataclass(frozen=True)
class Actor:
    """One actor of one article: its role features, label and fold."""

    article: str
    name: str
    label: str
    fold: int
    features: dict[str, float]


def read_articles(path: str | Path) -> list[Article]:
    """JSONL with ``id``, ``text``, ``entity_roles`` and ``cv_test_fold``; a bad line raises
    ``ValueError`` naming the file and line."""
    path = Path(path)
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                roles = tuple((str(r["entity"]), str(r["role"])) for r in rec["entity_roles"])
                out.append(Article(str(rec["id"]), rec["text"], roles, int(rec.get("cv_test_fold", 0))))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{i}: {type(exc).__name__}: {exc}") from None
            if any(role not in ROLES for _, role in roles):
                raise ValueError(f"{path}:{i}: roles must be among {list(ROLES)}")
    return out


def actors_of(article: Article, analyzer: Any, portrayer: Portrayer) -> list[Actor]:
    """The annotated actors of ``article`` and its unannotated entities (role ``none``).

    ``analyzer`` is a :class:`framing.Analyzer` with the ``entities`` dimension."""
    doc = analyzer.parse(article.text)
    dim = next(d for d in analyzer.dimensions if d.name == "entities")
    data = dim.score(doc, {}).data
    views = portrayer.views(doc)
    text = doc.text
    n_sent = max(len(doc.sentence_tokens), 1)
    claimed: set[int] = set()
    out: list[Actor] = []

    def score(spans: Iterable[tuple[int, int, bool]]) -> list[MentionPortrayal]:
        scored = []
        for a, b, pron in sorted(set(spans)):
            si = doc.sentence_of(a)
            if si < 0:
                continue
            m = portrayer.mention(doc, views, a, b, si, pron)
            if m is not None:
                scored.append(m)
        return scored

    seen: set[str] = set()
    for entity, role in article.roles:
        key = entity.strip().lower()
        if len(key) < 2 or key in _PRONOUNS or key in seen:
            continue
        seen.add(key)
        spans: list[tuple[int, int, bool]] = []
        ents: Counter[int] = Counter()
        for m in re.finditer(r"(?<!\w)" + re.escape(entity.strip()) + r"(?!\w)", text, re.IGNORECASE):
            spans.append((m.start(), m.end(), False))
            e = data.entity_at(m.start(), m.end())
            if e is not None:
                ents[e.id] += 1
        if not spans:
            continue
        name, type_ = entity, "other"
        if ents:
            eid = ents.most_common(1)[0][0]
            claimed.add(eid)
            ent = data.entities[eid]
            name, type_ = ent.name, ent.type
            spans.extend((m.start, m.end, m.pronoun) for m in data.mentions_of(eid))
        p = portrayer.aggregate(score(spans))
        feats, _ = role_features(p, name, type_, n_sent)
        out.append(Actor(article.id, entity, role, article.fold, feats))
    for ent in data.entities:
        if ent.id in claimed:
            continue
        ms = data.mentions_of(ent.id)
        if not any(m.named for m in ms):
            continue
        p = portrayer.aggregate(score((m.start, m.end, m.pronoun) for m in ms))
        feats, _ = role_features(p, ent.name, ent.type, n_sent)
        out.append(Actor(article.id, ent.name, "none", article.fold, feats))
    return out


def _matrix(actors: Sequence[Actor], min_count: int, vocab: Any = None) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer

    if vocab is None:
        counts: Counter[str] = Counter(k for a in actors for k in a.features)
        keep = {k for k, n in counts.items() if n >= min_count}
        vocab = DictVectorizer(sort=True).fit([{k: 1.0 for k in keep}])
    return vocab.transform([a.features for a in actors]), vocab


def _fit(actors: Sequence[Actor], c: float, min_count: int, classes: Sequence[str]) -> tuple[Any, Any]:
    from sklearn.linear_model import LogisticRegression

    X, vec = _matrix(actors, min_count)
    y = np.array([classes.index(a.label) for a in actors])
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, solver="lbfgs")
    clf.fit(X, y)
    return clf, vec


def cross_validate(
    actors: Sequence[Actor], c: float = 0.3, min_count: int = 2, classes: Sequence[str] = ROLES
) -> dict[str, Any]:
    """Scores over the folds of ``actors`` (each fold predicted by a model fitted on the others):
    macro-F1 and per-role F1 over ``classes``, and the same restricted to annotated actors."""
    from sklearn.metrics import f1_score

    actors = [a for a in actors if a.label in classes]
    folds = sorted({a.fold for a in actors})
    pred: list[str] = [""] * len(actors)
    for f in folds:
        train = [a for a in actors if a.fold != f]
        idx = [i for i, a in enumerate(actors) if a.fold == f]
        clf, vec = _fit(train, c, min_count, classes)
        X, _ = _matrix([actors[i] for i in idx], min_count, vec)
        for i, p in zip(idx, clf.predict(X)):
            pred[i] = classes[int(p)]
    gold = [a.label for a in actors]
    per = f1_score(gold, pred, labels=list(classes), average=None)
    roles3 = [c for c in classes if c != "none"]
    per3 = f1_score(gold, pred, labels=roles3, average=None)
    annotated = [i for i, g in enumerate(gold) if g != "none"]
    return {
        "n": len(actors),
        "counts": dict(Counter(gold)),
        "macro_f1": round(float(np.mean(per)), 4),
        "f1": {k: round(float(v), 4) for k, v in zip(classes, per)},
        "macro_f1_roles": round(float(np.mean(per3)), 4),
        "accuracy_annotated": round(sum(pred[i] == gold[i] for i in annotated) / max(len(annotated), 1), 4),
        "predictions": pred,
    }


def fit(
    actors: Sequence[Actor], c: float = 0.3, min_count: int = 2, data: dict[str, Any] | None = None
) -> tuple[RoleModel, dict[str, Any]]:
    """The model fitted on all ``actors`` and its settings."""
    classes = tuple(c for c in ROLES if any(a.label == c for a in actors))
    clf, vec = _fit(actors, c, min_count, classes)
    names = vec.get_feature_names_out()
    coef = clf.coef_
    if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = [-clf.intercept_[0] / 2, clf.intercept_[0] / 2]
    else:
        intercept = list(clf.intercept_)
    weights = {str(n): tuple(round(float(v), 5) for v in coef[:, j]) for j, n in enumerate(names)}
    settings = {
        "classifier": "sklearn.linear_model.LogisticRegression (multinomial, lbfgs)",
        "C": c,
        "class_weight": "balanced",
        "min_count": min_count,
        "n_actors": len(actors),
        "counts": dict(Counter(a.label for a in actors)),
        "data": dict(data or {}),
    }
    model = RoleModel(classes, weights, tuple(round(float(v), 5) for v in intercept), {"training": settings})
    return model, settings


def to_json(model: RoleModel, settings: dict[str, Any], cv: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model file's content with its SHA-256 (see :class:`framing.portrayal.RoleModel`)."""
    from .. import __version__

    names = sorted(model.weights)
    content: dict[str, Any] = {
        "schema": ROLES_SCHEMA,
        "feature_version": ROLES_FEATURE_VERSION,
        "framing_version": __version__,
        "classes": list(model.classes),
        "training": settings,
        "cross_validation": {k: v for k, v in (cv or {}).items() if k != "predictions"},
        "intercept": list(model.intercept),
        "features": names,
        "coef": [[model.weights[n][i] for n in names] for i in range(len(model.classes))],
    }
    content["sha256"] = canonical_hash(content)
    return content
