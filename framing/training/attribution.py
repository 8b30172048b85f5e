"""Fit the attribution cue classifier shipped as ``framing/data/attribution_cues.json``.

Training data: articles with annotated attributions in PolNeAR's JSONL format (``text`` and
``attributions``, each with ``cue`` items holding character ``spans``; records with ``primary``
false are skipped). The analyser parses each article; the candidates are the hits of the
``reporting_verbs`` lexicon and the words of a vocabulary learned here (:func:`learn_vocabulary`:
words inside annotated cues at least ``min_count`` times and in at least ``min_rate`` of their
occurrences, function words excluded). A candidate is a positive example when its token overlaps
an annotated cue. The classifier is scikit-learn's logistic regression (L2, lbfgs) over the
binary features of :func:`framing.attribution.cue_model.cue_features` seen at least
``min_feature_count`` times. Everything is deterministic: the same data gives the same file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..attribution.cue_model import CUE_FEATURE_VERSION, CUE_MODEL_SCHEMA, CueModel, candidates, cue_features
from ..models import canonical_hash

__all__ = [
    "AnnotatedArticle",
    "CueExample",
    "cue_examples",
    "fit",
    "learn_vocabulary",
    "parse_articles",
    "read_articles",
    "to_json",
]


@dataclass(frozen=True)
class AnnotatedArticle:
    id: str
    text: str
    cues: tuple[tuple[int, int], ...]  # character ranges of annotated cues


@dataclass(frozen=True)
class CueExample:
    article: str
    features: tuple[str, ...]
    label: bool
    lexicon_hit: bool


def read_articles(path: str | Path) -> list[AnnotatedArticle]:
    """The primary annotated articles of a JSONL file; a bad line raises ValueError naming file and line."""
    out: list[AnnotatedArticle] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not rec.get("primary", True):
                    continue
                spans = tuple(
                    (int(s), int(e))
                    for a in rec["attributions"]
                    for item in a.get("cue") or []
                    for s, e in item["spans"]
                    if int(e) > int(s)
                )
                out.append(AnnotatedArticle(str(rec.get("article", rec.get("id"))), rec["text"], spans))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{lineno}: not an annotated article ({type(exc).__name__}: {exc})") from None
    return out


def parse_articles(articles: Sequence[AnnotatedArticle], analyzer: Any) -> list[Any]:
    """The parsed documents (``analyzer.parse``) of ``articles``, in order."""
    return [analyzer.parse(a.text) for a in articles]


def _in_cue(tok: Any, cues: Sequence[tuple[int, int]]) -> bool:
    return any(s < tok.end and tok.start < e for s, e in cues)


def learn_vocabulary(
    articles: Sequence[AnnotatedArticle],
    docs: Sequence[Any],
    min_count: int = 3,
    min_rate: float = 0.1,
    exclude: Iterable[str] = (),
) -> frozenset[str]:
    """Lower-case words inside annotated cues at least ``min_count`` times and in at least
    ``min_rate`` of all their occurrences (words of ``exclude`` left out)."""
    skip = frozenset(exclude)
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for art, doc in zip(articles, docs):
        for t in doc.tokens:
            if t.kind != "word":
                continue
            total[t.norm] += 1
            if _in_cue(t, art.cues):
                inside[t.norm] += 1
    return frozenset(
        w for w, n in inside.items() if n >= min_count and n / total[w] >= min_rate and w not in skip and w.isalpha()
    )


def cue_examples(
    articles: Sequence[AnnotatedArticle], docs: Sequence[Any], config: Any, vocabulary: frozenset[str]
) -> list[CueExample]:
    """One example per candidate token of every article (``config``: the extractor's word classes)."""
    from ..attribution.extract import _Doc

    out: list[CueExample] = []
    for art, doc in zip(articles, docs):
        d = _Doc(doc, config)
        hits = doc.matches_in("reporting_verbs")
        for k, m in candidates(d, hits, vocabulary):
            feats = cue_features(d, k, m.term if m is not None else None)
            label = _in_cue(d.toks[k], art.cues)
            out.append(CueExample(art.id, tuple(feats), label, m is not None))
    return out


def fit(
    examples: Sequence[CueExample],
    vocabulary: frozenset[str],
    c: float = 0.5,
    min_feature_count: int = 2,
    accept: float = 0.5,
    keep: float = 0.0,
    attach: float = 1.01,
    data: dict[str, Any] | None = None,
) -> CueModel:
    """The logistic regression fitted on ``examples``, with the decision thresholds given."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len({e.label for e in examples}) < 2:
        raise ValueError("cue examples need both cues and non-cues")
    counts: Counter[str] = Counter(f for e in examples for f in set(e.features))
    keep_feats = {f for f, n in counts.items() if n >= min_feature_count}
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform([{f: 1.0 for f in e.features if f in keep_feats} for e in examples])
    y = np.array([int(e.label) for e in examples])
    clf = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    clf.fit(X, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, clf.coef_[0]) if round(float(w), 5) != 0.0}
    settings = {
        "classifier": "sklearn.linear_model.LogisticRegression (L2, lbfgs)",
        "C": c,
        "min_feature_count": min_feature_count,
        "n_examples": len(examples),
        "n_positive": int(y.sum()),
        "n_lexicon_hits": sum(e.lexicon_hit for e in examples),
        "data": dict(data or {}),
    }
    intercept = round(float(clf.intercept_[0]), 5)
    return CueModel(weights, intercept, vocabulary, accept, keep, attach, {"training": settings})


def to_json(model: CueModel, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model file's content with its SHA-256 (see :class:`framing.attribution.cue_model.CueModel`)."""
    from .. import __version__

    names = sorted(model.weights)
    content: dict[str, Any] = {
        "schema": CUE_MODEL_SCHEMA,
        "feature_version": CUE_FEATURE_VERSION,
        "framing_version": __version__,
        "training": dict(model.meta.get("training", {})),
        **dict(extra or {}),
        "accept": model.accept,
        "keep": model.keep,
        "attach": model.attach,
        "intercept": model.intercept,
        "vocabulary": sorted(model.vocabulary),
        "features": names,
        "coef": [model.weights[n] for n in names],
    }
    content["sha256"] = canonical_hash(content)
    return content
