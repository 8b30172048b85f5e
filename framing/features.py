"""Interpretable features for scikit-learn: the analyser's signals as one numeric row per text.

:class:`FramingFeatures` is a transformer (``fit``/``transform``/``get_feature_names_out``) that
turns texts (documents or single sentences) into the signals the analyser computes, so they can go
into any scikit-learn pipeline. Every column is named, and every name says where it comes from:

- ``score:<name>``: a document score of an active dimension (``score:editorial``,
  ``score:sentiment``, ``score:n_words``), in that score's own unit;
- ``evidence:<dimension>:<label>``: evidence spans of one dimension and label, per 100 words;
- ``lexicon:<lexicon>:<category>``: lexicon hits of one category, per 100 words (every matched
  lexicon, including the user's own);
- ``sentence_mean:<name>`` and ``sentence_max:<name>`` (only with ``sentence_stats=True``): the
  mean and the maximum of a sentence score over the text's sentences.

Score and lexicon columns are fixed by the configuration (the scores the active dimensions
declare, every category of every matched lexicon); evidence and sentence columns are the ones
seen in the data passed to ``fit``, in sorted order. Scores that are missing or not finite are 0,
and a blank text gives a row of zeros.
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .analyzer import Analyzer
from .dimensions import available, load_dimension
from .document import Document
from .results import Analysis
from .text import tokenize

__all__ = [
    "EXCLUDED_DIMENSIONS",
    "PER_WORDS",
    "FramingFeatures",
    "as_texts",
    "feature_source",
    "shared_analyzer",
]

#: Densities are per this many words.
PER_WORDS = 100.0
#: Dimensions never used as features: ``model`` scores texts with a trained model built on them.
EXCLUDED_DIMENSIONS = frozenset({"model"})
#: Document scores that every analysis has, whatever the dimensions.
BASE_SCORES = ("n_words", "n_sentences")
#: Feature-name prefixes, one per group.
SCORE, EVIDENCE, LEXICON, SENTENCE_MEAN, SENTENCE_MAX = "score", "evidence", "lexicon", "sentence_mean", "sentence_max"

TextLike = str | Document | Analysis


def feature_source(name: str) -> tuple[str, ...]:
    """Split a feature name into its group and parts: ``lexicon:hedges:modal`` -> (lexicon, hedges, modal)."""
    group, _, rest = name.partition(":")
    if group in (EVIDENCE, LEXICON):
        first, _, second = rest.partition(":")
        return (group, first, second)
    return (group, rest)


def as_texts(X: Any, *, allow_analyses: bool = True) -> list[TextLike]:
    """Validate ``X`` as one text per sample and return it as a list.

    Accepts a list, tuple, 1-D array or pandas Series of ``str`` (also :class:`Document` or
    :class:`Analysis`), or a 2-D array or DataFrame with exactly one column of them.
    """
    if isinstance(X, (str, bytes)):
        raise TypeError("expected an iterable of texts (one per sample), got a single string")
    if hasattr(X, "iloc") and getattr(X, "ndim", 1) == 2:  # pandas DataFrame
        if X.shape[1] != 1:
            raise ValueError(f"expected one text column, got a table with {X.shape[1]} columns")
        X = X.iloc[:, 0]
    if isinstance(X, np.ndarray):
        if X.ndim == 2:
            if X.shape[1] != 1:
                raise ValueError(f"expected one text per sample, got a 2-D array with {X.shape[1]} columns")
            X = X[:, 0]
        elif X.ndim != 1:
            raise ValueError(f"expected one text per sample, got a {X.ndim}-D array")
    if hasattr(X, "tolist") and not isinstance(X, list):
        X = X.tolist()
    if not isinstance(X, Iterable):
        raise TypeError(f"expected an iterable of texts, got {type(X).__name__}")
    items = list(X)
    allowed: tuple[type, ...] = (str, Document, Analysis) if allow_analyses else (str, Document)
    for i, item in enumerate(items):
        if not isinstance(item, allowed):
            raise TypeError(f"sample {i} is {type(item).__name__}, not a text (str)")
    if not items:
        raise ValueError("Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.")
    return items


def shared_analyzer(dimensions: Sequence[str], lexicons: Sequence[str] = ()) -> Analyzer:
    """One loaded analyser per configuration and process (user lexicon files keyed by path and mtime)."""
    stamps = tuple((str(p), Path(p).stat().st_mtime_ns) for p in lexicons)
    return _cached_analyzer(tuple(dimensions), stamps)


@lru_cache(maxsize=8)
def _cached_analyzer(dimensions: tuple[str, ...], stamps: tuple[tuple[str, int], ...]) -> Analyzer:
    return Analyzer(dimensions=dimensions, lexicons=[p for p, _ in stamps]).load()


def _finite(value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


class FramingFeatures(TransformerMixin, BaseEstimator):
    """Texts -> interpretable framing signals, one row per text (see the module docstring).

    Parameters
    ----------
    dimensions:
        Dimension names (default ``None``: every registered dimension except ``model``).
    scores, evidence, lexicon_counts:
        Include the document scores, the evidence densities and the lexicon category densities.
    sentence_stats:
        Also include the mean and maximum of each sentence score (useful for multi-sentence texts).
    lexicons:
        Paths of the user's own lexicon files, added to or overriding the shipped ones.
    exclude:
        Feature-name prefixes to leave out (``["lexicon:editorial_words", "score:n_"]``).
    n_jobs:
        Worker processes for the analyser (``-1``: all cores).
    """

    def __init__(
        self,
        dimensions: Sequence[str] | None = None,
        *,
        scores: bool = True,
        evidence: bool = True,
        lexicon_counts: bool = True,
        sentence_stats: bool = False,
        lexicons: Sequence[str] = (),
        exclude: Sequence[str] = (),
        n_jobs: int = 1,
    ) -> None:
        self.dimensions = dimensions
        self.scores = scores
        self.evidence = evidence
        self.lexicon_counts = lexicon_counts
        self.sentence_stats = sentence_stats
        self.lexicons = lexicons
        self.exclude = exclude
        self.n_jobs = n_jobs

    # -- scikit-learn protocol ------------------------------------------------------------------
    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        tags.target_tags.required = False
        return tags

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn < 1.6
        return {"X_types": ["string"], "requires_fit": True}

    def _validate_params(self) -> None:
        """Check the parameters as scikit-learn does: in ``fit``, with the parameter named."""
        cls = type(self).__name__

        def bad(param: str, expected: str, value: Any, exc: type[Exception] = ValueError) -> Exception:
            return exc(f"The {param!r} parameter of {cls} must be {expected}. Got {value!r} instead.")

        dims = self.dimensions
        if dims is not None:
            if isinstance(dims, str) or not isinstance(dims, Sequence):
                raise bad("dimensions", "None or a list of dimension names", dims, TypeError)
            known = available()
            for d in dims:
                if not isinstance(d, str) or d not in known or d in EXCLUDED_DIMENSIONS:
                    names = ", ".join(n for n in known if n not in EXCLUDED_DIMENSIONS)
                    raise bad("dimensions", f"None or a list of names among {names}", dims)
        for flag in ("scores", "evidence", "lexicon_counts", "sentence_stats"):
            value = getattr(self, flag)
            if not isinstance(value, (bool, np.bool_)):
                raise bad(flag, "an instance of 'bool'", value, TypeError)
        if not (self.scores or self.evidence or self.lexicon_counts or self.sentence_stats):
            raise ValueError(f"{cls} needs at least one of scores, evidence, lexicon_counts, sentence_stats")
        lex = self.lexicons
        if isinstance(lex, (str, Path)) or not isinstance(lex, Sequence):
            raise bad("lexicons", "a list of lexicon file paths", lex, TypeError)
        for p in lex:
            if not isinstance(p, (str, Path)) or not Path(p).is_file():
                raise bad("lexicons", "a list of existing lexicon file paths", lex)
        ex = self.exclude
        if isinstance(ex, str) or not isinstance(ex, Sequence) or not all(isinstance(p, str) and p for p in ex):
            raise bad("exclude", "a list of feature-name prefixes", ex, TypeError)
        n_jobs = self.n_jobs
        if not isinstance(n_jobs, numbers.Integral) or isinstance(n_jobs, bool) or not (n_jobs >= 1 or n_jobs == -1):
            raise bad("n_jobs", "an int >= 1 or -1", n_jobs)

    def _resolved_dimensions(self) -> tuple[str, ...]:
        if self.dimensions is None:
            return tuple(n for n in available() if n not in EXCLUDED_DIMENSIONS)
        return tuple(self.dimensions)

    def fit(self, X: Any, y: Any = None) -> FramingFeatures:
        """Learn the feature names from ``X`` (texts); returns self."""
        self._fit(self._raw(as_texts(X), fitting=True))
        return self

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> np.ndarray:
        """``fit(X).transform(X)``, analysing each text once."""
        raw = self._raw(as_texts(X), fitting=True)
        self._fit(raw)
        return self._matrix(raw)

    def transform(self, X: Any) -> np.ndarray:
        """One row per text, one column per :meth:`get_feature_names_out` name (float64)."""
        check_is_fitted(self, "feature_names_out_")
        return self._matrix(self._raw(as_texts(X), fitting=False))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Column names (``score:...``, ``evidence:...``, ``lexicon:...``); ``input_features`` is ignored."""
        check_is_fitted(self, "feature_names_out_")
        return np.asarray(self.feature_names_out_, dtype=object)

    # -- analysis -------------------------------------------------------------------------------
    def _ensure_analyzer(self) -> Analyzer:
        analyzer = getattr(self, "analyzer_", None)
        if analyzer is None:
            analyzer = shared_analyzer(self.dimensions_, tuple(str(p) for p in self.lexicons))
            self.analyzer_ = analyzer
        return analyzer

    def analyze(self, texts: Sequence[TextLike]) -> list[Analysis | None]:
        """Analyses of ``texts`` (``None`` for a blank text); analyses passed in are kept as they are."""
        analyzer = self._ensure_analyzer()
        out: list[Analysis | None] = [None] * len(texts)
        todo: list[tuple[int, Document]] = []
        for i, item in enumerate(texts):
            if isinstance(item, Analysis):
                out[i] = item
                continue
            doc = item if isinstance(item, Document) else Document(f"text-{i}", item)
            if doc.text.strip():
                todo.append((i, doc))
        if todo:
            results = analyzer.analyze_many((d for _, d in todo), n_jobs=self.n_jobs, errors="raise")
            for (i, _), result in zip(todo, results):
                out[i] = result  # type: ignore[assignment]
        return out

    def _raw(self, texts: Sequence[TextLike], *, fitting: bool) -> list[dict[str, float]]:
        if fitting:
            self._validate_params()
            self.dimensions_ = self._resolved_dimensions()
            self.analyzer_ = None
        return [self.signals(a) if a is not None else {} for a in self.analyze(texts)]

    def signals(self, a: Analysis) -> dict[str, float]:
        """Every feature value of one analysis, by name (only the groups switched on)."""
        row: dict[str, float] = {}
        per = PER_WORDS / a.n_words if a.n_words else 0.0
        if self.scores:
            for k, v in a.scores.items():
                row[f"{SCORE}:{k}"] = _finite(v)
        if self.evidence:
            counts = Counter((e.dimension, e.label) for e in a.evidence)
            for (dim, label), n in counts.items():
                row[f"{EVIDENCE}:{dim}:{label}"] = n * per
        if self.lexicon_counts:
            for (lex, cat), n in Counter((m.lexicon, m.category) for m in self.matches(a)).items():
                row[f"{LEXICON}:{lex}:{cat}"] = n * per
        if self.sentence_stats and a.sentences:
            keys = sorted({k for s in a.sentences for k in s.scores})
            for k in keys:
                values = [_finite(s.scores[k]) for s in a.sentences if k in s.scores]
                if values:
                    row[f"{SENTENCE_MEAN}:{k}"] = sum(values) / len(values)
                    row[f"{SENTENCE_MAX}:{k}"] = max(values)
        return row

    def matches(self, a: Analysis) -> list[Any]:
        """The lexicon hits of an analysis's sentences, found as the analyser finds them."""
        analyzer = self._ensure_analyzer()
        tokens = []
        ranges = []
        for s in a.sentences:
            first = len(tokens)
            tokens.extend(tokenize(a.text, s.start, s.end))
            ranges.append((first, len(tokens)))
        return analyzer.resources.matcher.find(a.text, tokens, ranges)

    # -- columns --------------------------------------------------------------------------------
    def fixed_names(self) -> list[str]:
        """Columns that depend only on the configuration: declared scores and lexicon categories."""
        names: list[str] = []
        if self.scores:
            declared: list[str] = list(BASE_SCORES)
            for d in self.dimensions_:
                declared.extend(k for k in load_dimension(d).SCORES if k not in declared)
            names.extend(f"{SCORE}:{k}" for k in declared)
        if self.lexicon_counts:
            res = self._ensure_analyzer().resources
            for lx in sorted(res.matcher.lexicons, key=lambda x: x.name):
                names.extend(f"{LEXICON}:{lx.name}:{cat}" for cat in sorted({e.category for e in lx.entries}))
        return names

    def _fit(self, raw: Sequence[Mapping[str, float]]) -> None:
        fixed = self.fixed_names()
        open_groups = (f"{EVIDENCE}:", f"{SENTENCE_MEAN}:", f"{SENTENCE_MAX}:")
        seen = {k for row in raw for k in row if k.startswith(open_groups)}
        excluded = tuple(self.exclude)
        self.feature_names_out_ = tuple(k for k in fixed + sorted(seen) if not (excluded and k.startswith(excluded)))
        self._index = {k: i for i, k in enumerate(self.feature_names_out_)}

    def _matrix(self, raw: Sequence[Mapping[str, float]]) -> np.ndarray:
        index = getattr(self, "_index", None)
        if index is None or len(index) != len(self.feature_names_out_):
            index = self._index = {k: i for i, k in enumerate(self.feature_names_out_)}
        out = np.zeros((len(raw), len(index)), dtype=np.float64)
        for r, row in enumerate(raw):
            for k, v in row.items():
                j = index.get(k)
                if j is not None:
                    out[r, j] = v
        return out

    @classmethod
    def fitted(cls, feature_names: Sequence[str], **params: Any) -> FramingFeatures:
        """A fitted transformer with the given columns (as saved with a model); checks the parameters."""
        self = cls(**params)
        self._validate_params()
        self.dimensions_ = self._resolved_dimensions()
        self.analyzer_ = None
        self.feature_names_out_ = tuple(feature_names)
        self._index = {k: i for i, k in enumerate(self.feature_names_out_)}
        return self

    def missing(self, feature_names: Iterable[str]) -> list[str]:
        """Names among ``feature_names`` that this configuration cannot produce."""
        fixed = set(self.fixed_names())
        dims = set(self.dimensions_)
        out = []
        for name in feature_names:
            group, *parts = feature_source(name)
            if group in (SCORE, LEXICON):
                ok = name in fixed
            elif group == EVIDENCE:
                ok = parts[0] in dims
            elif group in (SENTENCE_MEAN, SENTENCE_MAX):
                ok = True
            else:
                ok = False
            if not ok:
                out.append(name)
        return out

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_index", None)
        return state
