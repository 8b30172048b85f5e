"""Trained models: a linear model over interpretable features and TF-IDF n-grams, saved as JSON.

A :class:`FramingModel` scores texts with ``softmax(W x + b)`` (a logistic function for two
classes), where ``x`` is the standardised :class:`~framing.features.FramingFeatures` row followed
by the l2-normalised TF-IDF vector of the text's word n-grams. Every weight is in the file, so
every prediction can be explained: :meth:`FramingModel.explain` lists the terms and signals that
moved it, with their character spans.

The file format (``framing.model/1``, see ``docs/training.md``) is JSON only: no pickle, nothing
executable. Loading checks the schema, the framing version, the SHA-256 of the canonical content
(so an edited or damaged file is rejected), the shapes of every array, and that this installation
can compute every feature the model needs. The hash detects accidental or casual changes; it is
not a signature, so only load models from people you trust to have trained them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .checksum import ModelError, canonical_hash, verify_checksum
from .features import FramingFeatures, TextLike, as_texts, feature_source
from .results import Analysis

__all__ = [
    "SCHEMA",
    "TOKEN_PATTERN",
    "TOP_TERMS",
    "Explanation",
    "FramingModel",
    "ModelError",
    "TfidfSpec",
    "canonical_hash",
    "load_model",
]

SCHEMA = "framing.model/1"
#: Word tokens for n-grams: runs of two or more word characters (scikit-learn's default).
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
#: How many features explain one prediction (largest absolute contributions).
TOP_TERMS = 5
#: Prefix of TF-IDF columns in ``feature_names``.
NGRAM = "ngram"
_HASH_KEY = "sha256"


@dataclass(frozen=True, eq=False)
class TfidfSpec:
    """TF-IDF over word n-grams: ``terms[j]`` is column ``j``; ``idf`` its inverse document frequency.

    A text's vector: counts of each term (lower-cased tokens of :data:`TOKEN_PATTERN`, joined by a
    space into n-grams), ``1 + log(count)`` when ``sublinear_tf``, times ``idf``, l2-normalised.
    """

    terms: tuple[str, ...]
    idf: np.ndarray
    ngram_range: tuple[int, int] = (1, 2)
    sublinear_tf: bool = True
    lowercase: bool = True
    token_pattern: str = TOKEN_PATTERN
    _vectorizer: list[Any] = field(default_factory=list, repr=False)

    def vectorizer(self) -> Any:
        if not self._vectorizer:
            from sklearn.feature_extraction.text import CountVectorizer

            self._vectorizer.append(
                CountVectorizer(
                    vocabulary={t: j for j, t in enumerate(self.terms)},
                    ngram_range=self.ngram_range,
                    lowercase=self.lowercase,
                    token_pattern=self.token_pattern,
                    dtype=np.float64,
                )
            )
        return self._vectorizer[0]

    def transform(self, texts: Sequence[str]) -> Any:
        """Sparse (CSR) TF-IDF rows of ``texts``."""
        from sklearn.preprocessing import normalize

        X = self.vectorizer().transform(texts).tocsr()
        X.sort_indices()
        if self.sublinear_tf:
            np.log(X.data, out=X.data)
            X.data += 1.0
        X.data *= self.idf[X.indices]
        return normalize(X, norm="l2", copy=False)

    def occurrences(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Column -> character spans of each occurrence of that n-gram in ``text``."""
        index = self.vectorizer().vocabulary_
        toks = [(m.start(), m.end(), m.group().lower() if self.lowercase else m.group()) for m in _tokens(self, text)]
        lo, hi = self.ngram_range
        out: dict[int, list[tuple[int, int]]] = {}
        for n in range(lo, hi + 1):
            for i in range(len(toks) - n + 1):
                j = index.get(" ".join(t[2] for t in toks[i : i + n]))
                if j is not None:
                    out.setdefault(j, []).append((toks[i][0], toks[i + n - 1][1]))
        return out


def _tokens(spec: TfidfSpec, text: str) -> Iterable[re.Match[str]]:
    return re.finditer(spec.token_pattern, text)


@dataclass(frozen=True)
class Explanation:
    """One feature's share of a prediction: ``contribution`` (logit units) pushes toward ``toward``.

    ``spans`` are ``(start, end)`` character offsets in the scored text where the feature is seen
    (the n-gram's occurrences, the lexicon hits or evidence behind a signal, or the whole text for a
    document score).
    """

    feature: str
    value: float
    contribution: float
    toward: str
    spans: tuple[tuple[int, int], ...]


@dataclass(eq=False)
class FramingModel:
    """A trained model; build one with :func:`framing.train.train_model` or :func:`load_model`.

    Columns are ``feature_names`` (interpretable features) followed by the TF-IDF terms;
    ``coef`` has one row (two classes: toward ``classes[1]``) or one row per class.
    """

    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    feature_params: Mapping[str, Any]
    feature_mean: np.ndarray
    feature_scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    tfidf: TfidfSpec | None = None
    positive_label: str | None = None
    label_field: str = "label"
    text_field: str = "text"
    unit: str = "sentence"
    features_weight: float = 1.0
    classifier: Mapping[str, Any] = field(default_factory=dict)
    lexicon_versions: Mapping[str, str] = field(default_factory=dict)
    training: Mapping[str, Any] = field(default_factory=dict)
    framing_version: str = __version__
    source: str = ""
    _features: FramingFeatures | None = field(default=None, repr=False)
    #: Set when the features are bound: lexicons whose version differs from the model's.
    warnings: tuple[str, ...] = field(default=(), repr=False)

    # -- shapes ---------------------------------------------------------------------------------
    @property
    def n_features(self) -> int:
        return len(self.feature_names)

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every column: the interpretable features, then ``ngram:<term>``."""
        terms = self.tfidf.terms if self.tfidf is not None else ()
        return self.feature_names + tuple(f"{NGRAM}:{t}" for t in terms)

    def __post_init__(self) -> None:
        self.classes = tuple(self.classes)
        self.feature_names = tuple(self.feature_names)
        self.coef = np.asarray(self.coef, dtype=np.float64)
        self.intercept = np.asarray(self.intercept, dtype=np.float64)
        self.feature_mean = np.asarray(self.feature_mean, dtype=np.float64)
        self.feature_scale = np.asarray(self.feature_scale, dtype=np.float64)
        if self.positive_label is None and len(self.classes) == 2:
            self.positive_label = self.classes[1]
        _check_shapes(self)

    # -- features -------------------------------------------------------------------------------
    def features(self, lexicons: Sequence[str] | None = None) -> FramingFeatures:
        """The fitted feature transformer; raises :class:`ModelError` if a feature cannot be computed.

        ``lexicons``: the user lexicon files the model was trained with (kept for later calls).
        """
        if lexicons is None:
            lexicons = self._features.lexicons if self._features is not None else ()
        if self._features is None or tuple(self._features.lexicons) != tuple(lexicons):
            params = {k: v for k, v in self.feature_params.items() if k != "dimensions"}
            dims = self.feature_params.get("dimensions")
            try:
                feats = FramingFeatures.fitted(self.feature_names, dimensions=dims, lexicons=tuple(lexicons), **params)
            except (TypeError, ValueError) as exc:
                raise ModelError(f"{self._name()}: its features cannot be computed here: {exc}") from None
            missing = feats.missing(self.feature_names) if self.feature_names else []
            if missing:
                shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
                raise ModelError(
                    f"{self._name()}: missing features: this installation does not compute {shown}"
                    " (a dimension or lexicon is missing; score with the lexicons the model was trained with)"
                )
            self._features = feats
            current = {lx.name: lx.version for lx in feats._ensure_analyzer().resources.matcher.lexicons}
            self.warnings = tuple(
                f"lexicon {name} is version {current[name]} here but {version} in the model; scores may differ"
                for name, version in sorted(self.lexicon_versions.items())
                if name in current and current[name] != version
            )
        return self._features

    def _name(self) -> str:
        return f"model {self.source}" if self.source else "model"

    def analyze(self, X: Any) -> list[Analysis | None]:
        """Analyses of the texts in ``X`` with the model's dimensions (``None`` for a blank text)."""
        return self.features().analyze(as_texts(X))

    def design(self, X: Any) -> tuple[np.ndarray, Any]:
        """The model's inputs for ``X``: scaled interpretable features (dense) and TF-IDF (sparse or None)."""
        items = as_texts(X)
        rows: list[Mapping[str, float]] = [{} for _ in items]
        if self.n_features:
            feats = self.features()
            rows = [feats.signals(a) if a is not None else {} for a in feats.analyze(items)]
        return self.design_from(rows, [_text_of(x) for x in items])

    def design_from(self, rows: Sequence[Mapping[str, float]], texts: Sequence[str]) -> tuple[np.ndarray, Any]:
        """The model's inputs from feature values by name (:meth:`FramingFeatures.signals`) and texts."""
        dense = np.zeros((len(texts), 0))
        if self.n_features:
            raw = self.features()._matrix(rows)
            dense = (raw - self.feature_mean) / self.feature_scale * self.features_weight
        sparse = self.tfidf.transform(list(texts)) if self.tfidf is not None else None
        return dense, sparse

    # -- prediction -----------------------------------------------------------------------------
    def decision_function(self, X: Any) -> np.ndarray:
        """Logits: shape ``(n,)`` for two classes (toward ``classes[1]``), else ``(n, n_classes)``."""
        return self._decision(*self.design(X))

    def _decision(self, dense: np.ndarray, sparse: Any) -> np.ndarray:
        nf = self.n_features
        z = dense @ self.coef[:, :nf].T if nf else np.zeros((dense.shape[0], self.coef.shape[0]))
        if sparse is not None:
            z = z + np.asarray(sparse @ self.coef[:, nf:].T)
        z = z + self.intercept
        return z[:, 0] if z.shape[1] == 1 else z

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, one column per class in ``classes`` order."""
        return _proba(self.decision_function(X))

    def predict(self, X: Any) -> list[str]:
        """The most probable class of each text."""
        proba = self.predict_proba(X)
        return [self.classes[i] for i in proba.argmax(axis=1)]

    def positive_proba(self, X: Any) -> np.ndarray:
        """Probability of ``positive_label`` (two classes) or of the most probable class."""
        proba = self.predict_proba(X)
        if self.positive_label is not None:
            return proba[:, self.classes.index(self.positive_label)]
        return proba.max(axis=1)

    def check_labels(self, labels: Iterable[Any]) -> None:
        """Raise :class:`ModelError` if ``labels`` contain a class the model does not know."""
        seen = sorted({str(v) for v in labels})
        unknown = [v for v in seen if v not in self.classes]
        if unknown:
            raise ModelError(
                f"{self._name()}: different label set: the data has {', '.join(map(repr, seen))} but the model's"
                f" classes are {', '.join(map(repr, self.classes))}"
            )

    # -- explanation ----------------------------------------------------------------------------
    def explain(self, item: TextLike, *, top: int = TOP_TERMS, toward: str | None = None) -> list[Explanation]:
        """The ``top`` features that moved the prediction for one text most (largest absolute contribution first).

        Contributions are in logit units toward ``toward`` (default: the positive class, or the
        predicted class when there are more than two); see :meth:`contributions`.
        """
        _, _, found = self.contributions(item, toward=toward)
        found.sort(key=lambda e: (-abs(e.contribution), e.feature))
        return found[:top]

    def contributions(self, item: TextLike, *, toward: str | None = None) -> tuple[str, float, list[Explanation]]:
        """Every non-zero contribution to one text's logit for class ``toward``: ``(toward, offset, items)``.

        ``offset + sum(contributions)`` is the logit (two classes: the log-odds of ``toward``).
        An n-gram contributes its TF-IDF value times its weight; a lexicon or evidence density
        counts from zero (a signal that is absent contributes nothing); a document score counts
        from its training mean (a score at the mean contributes nothing). ``offset`` is the
        intercept adjusted for those baselines.
        """
        analysis = self.analyze([item])[0] if self.n_features else None
        text = _text_of(item)
        rows: list[Mapping[str, float]] = [{}]
        if analysis is not None:
            rows = [self.features().signals(analysis)]
        dense, sparse = self.design_from(rows, [text])
        if toward is None:
            if self.positive_label is not None:
                toward = self.positive_label
            else:
                toward = self.classes[int(_proba(self._decision(dense, sparse)).argmax(axis=1)[0])]
        weights = self._class_weights(toward)
        k = self.classes.index(toward)
        if self.coef.shape[0] == 1:
            offset = float(self.intercept[0] if k == 1 else -self.intercept[0])
        else:
            offset = float(self.intercept[k])
        other = self._other_label(toward)
        out: list[Explanation] = []
        nf = self.n_features
        if nf:
            raw = self.features()._matrix(rows)[0]
            counts = self._count_features()
            scaled_w = weights[:nf] * self.features_weight / self.feature_scale
            offset -= float(np.sum(self.feature_mean[counts] * scaled_w[counts]))
            for j in range(nf):
                c = float(raw[j] * scaled_w[j]) if counts[j] else float(dense[0, j] * weights[j])
                if c:
                    spans = self._feature_spans(self.feature_names[j], analysis, text)
                    out.append(Explanation(self.feature_names[j], float(raw[j]), c, toward if c > 0 else other, spans))
        if sparse is not None and sparse.nnz and self.tfidf is not None:
            occ = self.tfidf.occurrences(text)
            row = sparse.getrow(0)
            for j, v in zip(row.indices, row.data):
                c = float(v * weights[nf + j])
                if c:
                    name = f"{NGRAM}:{self.tfidf.terms[j]}"
                    out.append(Explanation(name, float(v), c, toward if c > 0 else other, tuple(occ.get(int(j), ()))))
        return toward, offset, out

    def _count_features(self) -> np.ndarray:
        """Which interpretable features are densities of hits (counted from zero when explaining)."""
        return np.array([feature_source(n)[0] in ("lexicon", "evidence") for n in self.feature_names], dtype=bool)

    def _class_weights(self, label: str) -> np.ndarray:
        k = self.classes.index(label)
        if self.coef.shape[0] == 1:
            return self.coef[0] if k == 1 else -self.coef[0]
        return self.coef[k]

    def _other_label(self, label: str) -> str:
        if len(self.classes) == 2:
            return self.classes[1 - self.classes.index(label)]
        return f"not {label}"

    def _feature_spans(self, name: str, a: Analysis | None, text: str) -> tuple[tuple[int, int], ...]:
        if a is None:
            return ()
        group, *parts = feature_source(name)
        if group == "lexicon":
            return tuple(
                (m.start, m.end) for m in self.features().matches(a) if m.lexicon == parts[0] and m.category == parts[1]
            )
        if group == "evidence":
            return tuple((e.start, e.end) for e in a.evidence if e.dimension == parts[0] and e.label == parts[1])
        if a.sentences:
            return ((a.sentences[0].start, a.sentences[-1].end),)
        return ()

    # -- serialisation --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON content, with its ``sha256``."""
        content: dict[str, Any] = {
            "schema": SCHEMA,
            "framing_version": self.framing_version,
            "label_field": self.label_field,
            "text_field": self.text_field,
            "classes": list(self.classes),
            "positive_label": self.positive_label,
            "unit": self.unit,
            "features": {
                "params": _jsonable(dict(self.feature_params)),
                "names": list(self.feature_names),
                "mean": _floats(self.feature_mean),
                "scale": _floats(self.feature_scale),
                "weight": float(self.features_weight),
                "lexicons": dict(sorted(self.lexicon_versions.items())),
            },
            "tfidf": None
            if self.tfidf is None
            else {
                "terms": list(self.tfidf.terms),
                "idf": _floats(self.tfidf.idf),
                "ngram_range": list(self.tfidf.ngram_range),
                "sublinear_tf": self.tfidf.sublinear_tf,
                "lowercase": self.tfidf.lowercase,
                "token_pattern": self.tfidf.token_pattern,
                "norm": "l2",
            },
            "classifier": {
                "type": "logistic_regression",
                "params": _jsonable(dict(self.classifier)),
                "coef": [_floats(row) for row in self.coef],
                "intercept": _floats(self.intercept),
            },
            "feature_names": list(self.column_names),
            "training": _jsonable(dict(self.training)),
        }
        content[_HASH_KEY] = canonical_hash(content)
        return content

    def save(self, path: str | Path) -> Path:
        """Write the model as JSON (UTF-8); returns the path."""
        path = Path(path)
        path.write_text(_dump(self.to_dict()), encoding="utf-8")
        return path

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "") -> FramingModel:
        """Validate ``data`` (parsed JSON) and build the model; raises :class:`ModelError`."""
        return _from_dict(data, source)

    def top_features(self, n: int = 10) -> dict[str, list[tuple[str, float]]]:
        """Per class, the ``n`` columns with the largest weights toward it."""
        names = self.column_names
        out: dict[str, list[tuple[str, float]]] = {}
        for label in self.classes if self.coef.shape[0] > 1 else (self.classes[1], self.classes[0]):
            w = self._class_weights(label)
            order = np.argsort(-w, kind="stable")[:n]
            out[label] = [(names[j], float(w[j])) for j in order if w[j] > 0]
        return out


def _text_of(item: TextLike) -> str:
    return item if isinstance(item, str) else item.text


def _proba(z: np.ndarray) -> np.ndarray:
    if z.ndim == 1:
        p = np.empty_like(z)
        pos = z >= 0
        p[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
        p[~pos] = ez / (1.0 + ez)
        return np.column_stack([1.0 - p, p])
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _floats(values: Any) -> list[float]:
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.floating, float)):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, (np.integer, np.bool_)):
        return value.item()
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def _dump(content: Mapping[str, Any]) -> str:
    """JSON with one line per top-level field and per field of the sections: readable, and compact."""
    lines = []
    for key, value in content.items():
        if isinstance(value, dict) and value:
            inner = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items())
            lines.append(f"  {json.dumps(key)}: {{\n{inner}\n  }}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


# -- loading and validation -------------------------------------------------------------------


def load_model(path: str | Path, *, lexicons: Sequence[str] = (), check_features: bool = True) -> FramingModel:
    """Read and validate a model file; raises :class:`ModelError` with a one-line reason.

    ``lexicons``: the user lexicon files the model was trained with, if any. With
    ``check_features`` (default) the analyser is loaded and every feature is checked now.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelError(f"{path} is not a framing model file (not UTF-8 text; models are JSON)") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path} is not a framing model file (invalid JSON at line {exc.lineno}: {exc.msg})") from None
    model = _from_dict(data, str(path))
    if check_features:
        model.features(lexicons)
    return model


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = re.findall(r"\d+", version)
    return tuple(int(p) for p in parts[:2])


def _from_dict(data: Any, source: str) -> FramingModel:
    where = source or "model"
    if not isinstance(data, dict):
        raise ModelError(f"{where} is not a framing model file (expected a JSON object)")
    schema = data.get("schema")
    if schema != SCHEMA:
        if isinstance(schema, str) and schema.startswith("framing.model/"):
            raise ModelError(f"{where}: unsupported model format {schema!r}; this framing reads {SCHEMA!r}")
        raise ModelError(f"{where} is not a framing model file (no 'schema': {SCHEMA!r})")
    verify_checksum(data, where)
    version = data.get("framing_version")
    if not isinstance(version, str) or not _version_tuple(version):
        raise ModelError(f"{where}: missing or invalid 'framing_version'")
    if _version_tuple(version) != _version_tuple(__version__):
        raise ModelError(
            f"{where}: wrong version: trained with framing {version}, this is framing {__version__}"
            " (features differ between versions; retrain the model)"
        )
    try:
        return _build(data, source)
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ModelError(f"{where}: invalid model content: {type(exc).__name__}: {exc}") from None


def _get(d: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in d:
        raise ModelError(f"{where}: missing field {key!r}")
    value = d[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float, (int, float))):
        raise ModelError(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


def _array(values: Any, where: str, key: str) -> np.ndarray:
    if not isinstance(values, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        raise ModelError(f"{where}: field {key!r} must be a list of numbers")
    arr = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(arr)):
        raise ModelError(f"{where}: field {key!r} has values that are not finite")
    return arr


def _build(data: Mapping[str, Any], source: str) -> FramingModel:
    where = source or "model"
    classes = _get(data, "classes", list, where)
    if len(classes) < 2 or not all(isinstance(c, str) for c in classes) or len(set(classes)) != len(classes):
        raise ModelError(f"{where}: 'classes' must list at least two distinct labels")
    feats = _get(data, "features", dict, where)
    names = _get(feats, "names", list, where)
    if not all(isinstance(n, str) for n in names) or len(set(names)) != len(names):
        raise ModelError(f"{where}: feature names must be distinct strings")
    params = _get(feats, "params", dict, where)
    tfidf_data = data.get("tfidf")
    tfidf = None
    if tfidf_data is not None:
        if not isinstance(tfidf_data, dict):
            raise ModelError(f"{where}: field 'tfidf' must be an object or null")
        terms = _get(tfidf_data, "terms", list, where)
        if not all(isinstance(t, str) for t in terms) or len(set(terms)) != len(terms):
            raise ModelError(f"{where}: TF-IDF terms must be distinct strings")
        ngram = _get(tfidf_data, "ngram_range", list, where)
        if len(ngram) != 2 or not all(isinstance(n, int) and n >= 1 for n in ngram) or ngram[0] > ngram[1]:
            raise ModelError(f"{where}: invalid 'ngram_range' {ngram!r}")
        if tfidf_data.get("norm", "l2") != "l2":
            raise ModelError(f"{where}: only l2-normalised TF-IDF is supported")
        pattern = _get(tfidf_data, "token_pattern", str, where)
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ModelError(f"{where}: invalid token pattern: {exc}") from None
        tfidf = TfidfSpec(
            terms=tuple(terms),
            idf=_array(_get(tfidf_data, "idf", list, where), where, "tfidf.idf"),
            ngram_range=(ngram[0], ngram[1]),
            sublinear_tf=bool(_get(tfidf_data, "sublinear_tf", bool, where)),
            lowercase=bool(_get(tfidf_data, "lowercase", bool, where)),
            token_pattern=pattern,
        )
    clf = _get(data, "classifier", dict, where)
    if clf.get("type") != "logistic_regression":
        raise ModelError(f"{where}: unsupported classifier type {clf.get('type')!r}")
    coef_rows = _get(clf, "coef", list, where)
    coef = np.vstack([_array(r, where, "classifier.coef") for r in coef_rows]) if coef_rows else np.zeros((0, 0))
    positive = data.get("positive_label")
    if positive is not None and positive not in classes:
        raise ModelError(f"{where}: 'positive_label' {positive!r} is not one of the classes")
    unit = data.get("unit", "sentence")
    if unit not in ("sentence", "document"):
        raise ModelError(f"{where}: 'unit' must be sentence or document")
    lex = feats.get("lexicons", {})
    if not isinstance(lex, dict):
        raise ModelError(f"{where}: 'features.lexicons' must be an object")
    model = FramingModel(
        classes=tuple(classes),
        feature_names=tuple(names),
        feature_params=params,
        feature_mean=_array(_get(feats, "mean", list, where), where, "features.mean"),
        feature_scale=_array(_get(feats, "scale", list, where), where, "features.scale"),
        coef=coef,
        intercept=_array(_get(clf, "intercept", list, where), where, "classifier.intercept"),
        tfidf=tfidf,
        positive_label=positive,
        label_field=str(data.get("label_field", "label")),
        text_field=str(data.get("text_field", "text")),
        unit=unit,
        features_weight=float(_get(feats, "weight", (int, float), where)),
        classifier=dict(clf.get("params", {})),
        lexicon_versions={str(k): str(v) for k, v in lex.items()},
        training=dict(data.get("training") or {}),
        framing_version=str(data["framing_version"]),
        source=source,
    )
    stated = data.get("feature_names")
    if stated is not None and list(stated) != list(model.column_names):
        raise ModelError(f"{where}: 'feature_names' does not match the features and TF-IDF terms")
    return model


def _check_shapes(m: FramingModel) -> None:
    where = m.source or "model"
    nf = len(m.feature_names)
    nt = len(m.tfidf.terms) if m.tfidf is not None else 0
    k = len(m.classes)
    rows = 1 if k == 2 else k
    if m.coef.shape != (rows, nf + nt):
        raise ModelError(f"{where}: coefficients have shape {m.coef.shape}, expected {(rows, nf + nt)}")
    if m.intercept.shape != (rows,):
        raise ModelError(f"{where}: intercept has shape {m.intercept.shape}, expected ({rows},)")
    if m.feature_mean.shape != (nf,) or m.feature_scale.shape != (nf,):
        raise ModelError(f"{where}: feature mean and scale must have one value per feature ({nf})")
    if nf and not np.all(m.feature_scale > 0):
        raise ModelError(f"{where}: feature scales must be positive")
    if m.tfidf is not None and m.tfidf.idf.shape != (nt,):
        raise ModelError(f"{where}: TF-IDF idf must have one value per term ({nt})")
    if nf + nt == 0:
        raise ModelError(f"{where}: the model has no features")
