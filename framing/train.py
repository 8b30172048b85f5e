"""Train a model on your own labels: interpretable features plus TF-IDF n-grams, logistic regression.

:func:`train_model` analyses every text once, cross-validates the whole recipe (features, scaling,
TF-IDF vocabulary and classifier are refitted inside each fold, so no fold sees its test texts),
then fits the final model on all the data. The result is a :class:`~framing.models.FramingModel`
that saves to JSON (``model.save("model.json")``) and explains each prediction.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .features import FramingFeatures, TextLike
from .models import TOKEN_PATTERN, FramingModel, TfidfSpec, _proba
from .results import Analysis

__all__ = [
    "AUTO_FEATURES_WEIGHTS",
    "DEFAULT_C",
    "DEFAULT_CV",
    "DEFAULT_FEATURES_WEIGHT",
    "DEFAULT_MIN_DF",
    "CVResult",
    "TrainConfig",
    "TrainResult",
    "choose_positive",
    "cross_validate",
    "fit_model",
    "normalize_label",
    "train_model",
]

#: Folds of the reported cross-validation.
DEFAULT_CV = 5
#: Inverse L2 regularisation strength of the logistic regression.
DEFAULT_C = 1.0
#: An n-gram enters the vocabulary when at least this many training texts contain it.
DEFAULT_MIN_DF = 2
#: Multiplier of the standardised interpretable features next to the l2-normalised TF-IDF row, when
#: it is not chosen by cross-validation (``features_weight="auto"`` without folds).
DEFAULT_FEATURES_WEIGHT = 0.1
#: Candidates for ``features_weight="auto"``: small lets the n-grams lead, large the features.
AUTO_FEATURES_WEIGHTS = (0.05, 0.2, 1.0)
AUTO = "auto"
#: Iterations allowed to the solver.
MAX_ITER = 2000
#: Texts with at most this many sentences on average make a sentence-level model.
SENTENCE_UNIT_MAX = 1.5
#: Label values read as the positive class of a binary task (compared lower-cased).
POSITIVE_NAMES = frozenset(
    {"1", "true", "yes", "y", "pos", "positive", "biased", "bias", "subj", "subjective", "opinion", "editorial"}
)
#: A feature whose standard deviation is below this is left unscaled (divided by 1).
MIN_SCALE = 1e-12


@dataclass(frozen=True)
class TrainConfig:
    """What to fit: which feature groups, the TF-IDF vocabulary and the classifier's settings."""

    features: bool = True
    tfidf: bool = True
    ngram_range: tuple[int, int] = (1, 2)
    min_df: int = DEFAULT_MIN_DF
    sublinear_tf: bool = True
    C: float = DEFAULT_C
    class_weight: str | None = "balanced"
    features_weight: float | str = AUTO
    dimensions: tuple[str, ...] | None = None
    lexicons: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    sentence_stats: bool = False

    def __post_init__(self) -> None:
        if not (self.features or self.tfidf):
            raise ValueError("nothing to train on: switch on the interpretable features, TF-IDF or both")
        lo, hi = self.ngram_range
        if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi):
            raise ValueError(f"ngram_range must be (min, max) with 1 <= min <= max, not {self.ngram_range!r}")
        if not isinstance(self.min_df, int) or self.min_df < 1:
            raise ValueError(f"min_df must be a positive integer, not {self.min_df!r}")
        if not (self.C > 0 and np.isfinite(self.C)):
            raise ValueError(f"C must be a positive number, not {self.C!r}")
        if self.class_weight not in (None, "balanced"):
            raise ValueError(f"class_weight must be None or 'balanced', not {self.class_weight!r}")
        w = self.features_weight
        if w != AUTO and not (isinstance(w, (int, float)) and w > 0 and np.isfinite(w)):
            raise ValueError(f"features_weight must be a positive number or 'auto', not {w!r}")

    def weight(self) -> float:
        """The features weight to fit with (``auto`` without a cross-validated choice: the default)."""
        return DEFAULT_FEATURES_WEIGHT if self.features_weight == AUTO else float(self.features_weight)

    def feature_params(self) -> dict[str, Any]:
        return {
            "dimensions": list(self.dimensions) if self.dimensions is not None else None,
            "scores": True,
            "evidence": True,
            "lexicon_counts": True,
            "sentence_stats": self.sentence_stats,
            "exclude": list(self.exclude),
        }


@dataclass(frozen=True)
class CVResult:
    """Cross-validated scores: one value per fold, and the pooled out-of-fold predictions."""

    folds: int
    seed: int
    macro_f1: tuple[float, ...]
    accuracy: tuple[float, ...]
    roc_auc: tuple[float, ...] | None
    classes: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]
    predictions: tuple[str, ...] = field(repr=False, default=())

    @property
    def macro_f1_mean(self) -> float:
        return float(np.mean(self.macro_f1))

    @property
    def macro_f1_std(self) -> float:
        return float(np.std(self.macro_f1))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "folds": self.folds,
            "seed": self.seed,
            "macro_f1": [round(v, 6) for v in self.macro_f1],
            "macro_f1_mean": round(self.macro_f1_mean, 6),
            "macro_f1_std": round(self.macro_f1_std, 6),
            "accuracy_mean": round(float(np.mean(self.accuracy)), 6),
            "confusion": {"classes": list(self.classes), "matrix": [list(r) for r in self.confusion]},
        }
        if self.roc_auc is not None:
            out["roc_auc"] = [round(v, 6) for v in self.roc_auc]
            out["roc_auc_mean"] = round(float(np.mean(self.roc_auc)), 6)
        return out


@dataclass(frozen=True)
class TrainResult:
    """The final model (fitted on every text), its cross-validation, and timings in seconds."""

    model: FramingModel
    cv: CVResult | None
    seconds_analysis: float
    seconds_total: float


def normalize_label(value: Any) -> str | None:
    """A label as text: ``1.0`` -> ``"1"``, ``True`` -> ``"true"``; ``None``, NaN or blank -> ``None``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value).strip()
    return text or None


def choose_positive(classes: Sequence[str], positive: str | None = None) -> str | None:
    """The positive class of a binary task: ``positive`` if given, else a conventional name, else the second."""
    if len(classes) != 2:
        if positive is not None:
            raise ValueError(f"--positive applies to two classes; the data has {len(classes)}")
        return None
    if positive is not None:
        if positive not in classes:
            raise ValueError(f"positive label {positive!r} is not one of the classes {', '.join(classes)}")
        return positive
    named = [c for c in classes if c.lower() in POSITIVE_NAMES]
    return named[0] if len(named) == 1 else classes[1]


class _Featurizer:
    """Interpretable feature rows of the training analyses, computed once and reused by every fold."""

    def __init__(self, config: TrainConfig, analyses: Sequence[Analysis | None]) -> None:
        params = config.feature_params()
        self.params = params
        self.features = FramingFeatures(
            params["dimensions"],
            sentence_stats=config.sentence_stats,
            lexicons=config.lexicons,
            exclude=config.exclude,
        )
        self.features._validate_params()
        self.features.dimensions_ = self.features._resolved_dimensions()
        self.features.analyzer_ = None
        self.raw = [self.features.signals(a) if a is not None else {} for a in analyses]

    def fit(self, idx: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
        f = self.features
        f._fit([self.raw[i] for i in idx])
        return f.feature_names_out_, f._matrix([self.raw[i] for i in idx])


def _tfidf(texts: Sequence[str], config: TrainConfig) -> TfidfSpec:
    from sklearn.feature_extraction.text import CountVectorizer

    cv = CountVectorizer(
        ngram_range=config.ngram_range,
        min_df=min(config.min_df, len(texts)),
        lowercase=True,
        token_pattern=TOKEN_PATTERN,
        dtype=np.float64,
    )
    try:
        counts = cv.fit_transform(texts)
    except ValueError:  # no term reaches min_df: an empty vocabulary
        return TfidfSpec(terms=(), idf=np.zeros(0), ngram_range=config.ngram_range, sublinear_tf=config.sublinear_tf)
    terms = [""] * len(cv.vocabulary_)
    for t, j in cv.vocabulary_.items():
        terms[j] = t
    df = np.asarray((counts > 0).sum(axis=0), dtype=np.float64).ravel()  # texts containing each term
    n = counts.shape[0]
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0  # smoothed idf, as scikit-learn's TfidfTransformer
    return TfidfSpec(terms=tuple(terms), idf=idf, ngram_range=config.ngram_range, sublinear_tf=config.sublinear_tf)


def fit_model(
    analyses: Sequence[Analysis | None],
    texts: Sequence[str],
    labels: Sequence[str],
    config: TrainConfig = TrainConfig(),
    *,
    positive: str | None = None,
    label_field: str = "label",
    text_field: str = "text",
    _featurizer: _Featurizer | None = None,
    _idx: np.ndarray | None = None,
) -> FramingModel:
    """Fit one model on the given analyses (``None`` for blank texts), their texts and labels."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    idx = np.arange(len(texts)) if _idx is None else _idx
    y = [labels[i] for i in idx]
    classes = tuple(sorted(set(y)))
    if len(classes) < 2:
        raise ValueError(f"need at least two classes to train, the data has {len(classes)}: {', '.join(classes)}")
    blocks = []
    names: tuple[str, ...] = ()
    mean = scale = np.zeros(0)
    params: dict[str, Any] = {}
    lexicon_versions: dict[str, str] = {}
    if config.features:
        feat = _featurizer or _Featurizer(config, analyses)
        names, dense = feat.fit(idx)
        mean = dense.mean(axis=0)
        scale = dense.std(axis=0)
        scale[scale < MIN_SCALE] = 1.0
        blocks.append(sparse.csr_matrix((dense - mean) / scale * config.weight()))
        params = {k: v for k, v in feat.params.items()}
        params["dimensions"] = list(feat.features.dimensions_)
        res = feat.features._ensure_analyzer().resources
        lexicon_versions = {lx.name: lx.version for lx in res.matcher.lexicons}
    spec = None
    if config.tfidf:
        spec = _tfidf([texts[i] for i in idx], config)
        if spec.terms:
            blocks.append(spec.transform([texts[i] for i in idx]))
        else:
            spec = None
    if not blocks:
        raise ValueError("no features to train on (empty vocabulary and no interpretable features)")
    X = sparse.hstack(blocks, format="csr")
    clf = LogisticRegression(C=config.C, class_weight=config.class_weight, max_iter=MAX_ITER)
    clf.fit(X, y)
    n_sentences = [a.n_sentences for a in (analyses[i] for i in idx) if a is not None]
    unit = "sentence" if not n_sentences or np.mean(n_sentences) <= SENTENCE_UNIT_MAX else "document"
    model = FramingModel(
        classes=tuple(str(c) for c in clf.classes_),
        feature_names=names,
        feature_params=params,
        feature_mean=mean,
        feature_scale=scale,
        coef=np.array(clf.coef_, dtype=np.float64),
        intercept=np.array(clf.intercept_, dtype=np.float64),
        tfidf=spec,
        positive_label=choose_positive(classes, positive),
        label_field=label_field,
        text_field=text_field,
        unit=unit,
        features_weight=config.weight() if config.features else 1.0,
        classifier={"C": config.C, "class_weight": config.class_weight, "solver": "lbfgs", "max_iter": MAX_ITER},
        lexicon_versions=lexicon_versions,
        training={"n": len(idx), "class_counts": dict(sorted(Counter(y).items()))},
    )
    if config.features:
        model.features(config.lexicons)
    return model


def _metrics(y_true: Sequence[str], model: FramingModel, proba: np.ndarray) -> tuple[float, float, float | None]:
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    pred = [model.classes[i] for i in proba.argmax(axis=1)]
    f1 = float(f1_score(y_true, pred, average="macro", labels=list(model.classes), zero_division=0))
    acc = float(accuracy_score(y_true, pred))
    auc = None
    if model.positive_label is not None and len(set(y_true)) == 2:
        k = model.classes.index(model.positive_label)
        auc = float(roc_auc_score([int(v == model.positive_label) for v in y_true], proba[:, k]))
    return f1, acc, auc


def cross_validate(
    analyses: Sequence[Analysis | None],
    texts: Sequence[str],
    labels: Sequence[str],
    config: TrainConfig = TrainConfig(),
    *,
    folds: int = DEFAULT_CV,
    seed: int = 0,
    positive: str | None = None,
    _featurizer: _Featurizer | None = None,
) -> CVResult:
    """Stratified k-fold scores of the whole recipe (refitted inside each fold)."""
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import StratifiedKFold

    classes = tuple(sorted(set(labels)))
    smallest = min(Counter(labels).values())
    k = min(folds, smallest)
    if k < 2:
        raise ValueError(f"cross-validation needs at least 2 texts of every class; one class has {smallest}")
    featurizer = _featurizer or (_Featurizer(config, analyses) if config.features else None)
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    pred: list[str] = [""] * len(labels)
    f1s, accs, aucs = [], [], []
    for train_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        model = fit_model(analyses, texts, labels, config, positive=positive, _featurizer=featurizer, _idx=train_idx)
        rows = [featurizer.raw[i] for i in test_idx] if featurizer is not None else [{} for _ in test_idx]
        proba = _proba(model._decision(*model.design_from(rows, [texts[i] for i in test_idx])))
        y_test = [labels[i] for i in test_idx]
        f1, acc, auc = _metrics(y_test, model, proba)
        f1s.append(f1)
        accs.append(acc)
        if auc is not None:
            aucs.append(auc)
        for i, j in zip(test_idx, proba.argmax(axis=1)):
            pred[i] = model.classes[j]
    cm = confusion_matrix(labels, pred, labels=list(classes))
    return CVResult(
        folds=k,
        seed=seed,
        macro_f1=tuple(f1s),
        accuracy=tuple(accs),
        roc_auc=tuple(aucs) if len(aucs) == k else None,
        classes=classes,
        confusion=tuple(tuple(int(v) for v in row) for row in cm),
        predictions=tuple(pred),
    )


def analyze_texts(texts: Sequence[TextLike], config: TrainConfig, n_jobs: int = 1) -> list[Analysis | None]:
    """Analyses of the texts with the configured dimensions (``None`` for blank texts)."""
    feats = FramingFeatures(
        list(config.dimensions) if config.dimensions is not None else None, lexicons=config.lexicons, n_jobs=n_jobs
    )
    feats._validate_params()
    feats.dimensions_ = feats._resolved_dimensions()
    feats.analyzer_ = None
    return feats.analyze(list(texts))


def train_model(
    texts: Sequence[str],
    labels: Sequence[Any],
    config: TrainConfig = TrainConfig(),
    *,
    folds: int = DEFAULT_CV,
    seed: int = 0,
    positive: str | None = None,
    label_field: str = "label",
    text_field: str = "text",
    n_jobs: int = 1,
    data_name: str = "",
) -> TrainResult:
    """Cross-validate (``folds`` >= 2; 0 skips it) and fit the final model on every text.

    ``labels`` are read as text (``1`` and ``"1"`` are the same class); texts without a label are
    not allowed here (filter them first).
    """
    t0 = time.perf_counter()
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    y = [normalize_label(v) for v in labels]
    if any(v is None for v in y):
        raise ValueError("every text needs a label (found a missing or blank one)")
    ys: list[str] = [v for v in y if v is not None]
    if config.features:
        analyses = analyze_texts(texts, config, n_jobs)
    else:
        analyses = [None] * len(texts)
    t1 = time.perf_counter()
    classes = tuple(sorted(set(ys)))
    choose_positive(classes, positive)  # a bad --positive fails before any fitting
    featurizer = _Featurizer(config, analyses) if config.features else None
    cv = None
    search: dict[str, float] = {}
    if folds:
        candidates = [config]
        if config.features and config.features_weight == AUTO:
            candidates = [replace(config, features_weight=w) for w in AUTO_FEATURES_WEIGHTS]
        for candidate in candidates:
            result = cross_validate(
                analyses, texts, ys, candidate, folds=folds, seed=seed, positive=positive, _featurizer=featurizer
            )
            if len(candidates) > 1:
                search[f"{candidate.weight():g}"] = round(result.macro_f1_mean, 6)
            if cv is None or result.macro_f1_mean > cv.macro_f1_mean:
                cv, config = result, candidate
    model = fit_model(
        analyses,
        texts,
        ys,
        config,
        positive=positive,
        label_field=label_field,
        text_field=text_field,
        _featurizer=featurizer,
    )
    total = time.perf_counter() - t0
    training: dict[str, Any] = dict(model.training)
    training.update(
        {
            "data": data_name,
            "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
            "config": {
                "ngram_range": list(config.ngram_range),
                "min_df": config.min_df,
                "tfidf": config.tfidf,
                "features": config.features,
                "features_weight": config.weight() if config.features else None,
            },
            "seconds": {"analysis": round(t1 - t0, 3), "total": round(total, 3)},
            "top_features": {k: [[n, round(w, 4)] for n, w in v] for k, v in model.top_features(15).items()},
        }
    )
    if cv is not None:
        training["cv"] = cv.to_dict()
    if search:
        training["features_weight_search"] = {"macro_f1_by_weight": search, "chosen": config.weight()}
    model = replace(model, training=training)
    return TrainResult(model=model, cv=cv, seconds_analysis=t1 - t0, seconds_total=total)


def describe(result: TrainResult, top: int = 10) -> str:
    """A plain-text summary: data, cross-validated scores, timings and the top-weighted features."""
    m = result.model
    t: Mapping[str, Any] = m.training
    counts = ", ".join(f"{k} {v}" for k, v in t.get("class_counts", {}).items())
    lines = [f"trained on {t.get('n', '?')} texts ({counts}); unit: {m.unit}"]
    if m.positive_label is not None:
        lines.append(f"positive class: {m.positive_label}")
    if result.cv is not None:
        cv = result.cv
        line = f"{cv.folds}-fold cross-validation: macro-F1 {cv.macro_f1_mean:.3f} ± {cv.macro_f1_std:.3f}"
        if cv.roc_auc is not None:
            line += f", ROC-AUC {np.mean(cv.roc_auc):.3f}"
        line += f", accuracy {np.mean(cv.accuracy):.3f}"
        lines.append(line)
    search = t.get("features_weight_search")
    if search:
        tried = ", ".join(f"{w} -> {f1:.3f}" for w, f1 in search["macro_f1_by_weight"].items())
        lines.append(f"features weight {search['chosen']:g}, chosen by cross-validated macro-F1 ({tried})")
    nt = len(m.tfidf.terms) if m.tfidf is not None else 0
    lines.append(f"features: {m.n_features} interpretable + {nt} n-grams")
    lines.append(f"time: {result.seconds_analysis:.1f} s analysis, {result.seconds_total:.1f} s in all")
    for label, items in m.top_features(top).items():
        lines.append(f"top features toward {label}:")
        lines.extend(f"  {w:+.3f}  {n}" for n, w in items)
    return "\n".join(lines) + "\n"
