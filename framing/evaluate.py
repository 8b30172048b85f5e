"""Measure framing's scores (or a trained model) against your own labels.

:func:`evaluate` takes labelled texts, scores them, and reports ROC-AUC, macro-F1, accuracy and
the confusion matrix, overall and broken down by a metadata field (outlet, topic). Each task
fixes which score is compared with which labels:

========== ============================= ================================= =======================
task       score (document level)        predicted positive when           positive labels
========== ============================= ================================= =======================
bias       ``editorial_sentence_mean``   score >= the editorial model's    1, true, yes, biased
                                         decision threshold (0.5)
subjectivity ``editorial_sentence_mean`` the same                          SUBJ, subjective, 1 ...
attribution ``attributions_per_100_words`` score > 0                       1, true, yes, attributed
frames     ``frame`` label               (multi-class; no threshold)       label names mapped to
                                                                           frame slugs
========== ============================= ================================= =======================

For a single sentence, ``editorial_sentence_mean`` is that sentence's editorial probability.
``--score NAME`` and ``--threshold T`` compare any other score. With a model (``model=``), its
probability of the positive class is the score and its prediction the label.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .analyzer import Analyzer
from .document import Document
from .io import Failure, LoadOptions, iter_documents
from .results import Analysis
from .train import normalize_label

__all__ = [
    "TASKS",
    "EvalReport",
    "LabelledData",
    "Metrics",
    "Task",
    "evaluate",
    "evaluate_model",
    "load_labelled",
    "metrics",
    "render_report",
]

#: Missing metadata values are grouped under this name in ``--by`` breakdowns.
MISSING = "(missing)"
#: Groups smaller than this are listed but their metrics are not computed.
MIN_GROUP = 5
#: With more classes than this, and long class names, confusion-matrix columns are numbered.
MAX_NAMED_COLUMNS = 4
NUMBERED_ABOVE = 8
#: Default decision threshold for probability-like scores when the dimension does not state one.
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Task:
    """How a task maps framing's output onto labels."""

    name: str
    score: str
    positive: frozenset[str]
    threshold: float | None
    strict: bool = False
    label: str | None = None
    description: str = ""


TASKS: Mapping[str, Task] = {
    "bias": Task(
        "bias",
        "editorial_sentence_mean",
        frozenset({"1", "true", "yes", "biased", "bias"}),
        None,
        description="word-weighted mean sentence editorial probability; biased when it reaches the editorial model's "
        "threshold",
    ),
    "subjectivity": Task(
        "subjectivity",
        "editorial_sentence_mean",
        frozenset({"subj", "subjective", "1", "true", "yes", "opinion"}),
        None,
        description="word-weighted mean sentence editorial probability; subjective when it reaches the editorial "
        "model's threshold",
    ),
    "attribution": Task(
        "attribution",
        "attributions_per_100_words",
        frozenset({"1", "true", "yes", "attributed", "attribution"}),
        0.0,
        strict=True,
        description="attributions per 100 words; attributed when above 0",
    ),
    "frames": Task(
        "frames",
        "",
        frozenset(),
        None,
        label="frame",
        description="the document's primary frame label against the labelled frame (mapped to frame slugs)",
    ),
}


#: Positive label values of a comparison with ``--score`` and no task.
GENERIC_POSITIVE = frozenset().union(*(t.positive for t in TASKS.values()))


@dataclass(frozen=True)
class LabelledData:
    """Labelled documents read from a file; ``skipped`` counts records without a label or text."""

    documents: tuple[Document, ...]
    labels: tuple[str, ...]
    skipped: int = 0
    failures: tuple[Failure, ...] = ()

    def groups(self, by: str) -> list[str]:
        return [_group_value(d.meta.get(by)) for d in self.documents]


def _group_value(value: Any) -> str:
    v = normalize_label(value)
    return MISSING if v is None else v


def load_labelled(
    path: str | Path, label_field: str, *, text_field: str = "text", id_field: str = "id", keep: Sequence[str] = ()
) -> LabelledData:
    """Read a JSONL or CSV file of labelled texts; records without a label are skipped and counted.

    Raises ``ValueError`` when no record has the label field.
    """
    opts = LoadOptions(text_field=text_field, id_field=id_field, meta_fields=None)
    docs: list[Document] = []
    labels: list[str] = []
    failures: list[Failure] = []
    skipped = 0
    seen_field = False
    for item in iter_documents([str(path)], opts):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if label_field in item.meta:
            seen_field = True
        label = normalize_label(item.meta.get(label_field))
        if label is None or not item.text.strip():
            skipped += 1
            continue
        docs.append(item)
        labels.append(label)
    if not docs:
        if failures and not seen_field:
            raise ValueError(f"{path}: no labelled record could be read ({failures[0]})")
        if not seen_field:
            raise ValueError(f"{path}: no record has the label field {label_field!r}")
        raise ValueError(f"{path}: every record lacks a label or a text")
    return LabelledData(tuple(docs), tuple(labels), skipped, tuple(failures))


@dataclass(frozen=True)
class Metrics:
    """Scores of one set of predictions: ``roc_auc`` only for two classes with scores.

    ``macro_f1`` is None (undefined) when the true labels hold a single class: the mean over the
    classes would be the F1 of one class, not a macro average.
    """

    n: int
    counts: Mapping[str, int]
    macro_f1: float | None
    accuracy: float
    roc_auc: float | None
    classes: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "counts": dict(self.counts),
            "macro_f1": _r(self.macro_f1),
            "accuracy": _r(self.accuracy),
            "roc_auc": _r(self.roc_auc),
            "confusion": {"classes": list(self.classes), "matrix": [list(r) for r in self.confusion]},
        }


def _r(v: float | None) -> float | None:
    return None if v is None or not math.isfinite(v) else round(float(v), 4)


def metrics(
    y_true: Sequence[str], y_pred: Sequence[str], scores: Sequence[float] | None = None, positive: str | None = None
) -> Metrics:
    """Macro-F1, accuracy, confusion matrix, and ROC-AUC of ``scores`` (higher = ``positive``)."""
    import warnings

    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, roc_auc_score

    classes = tuple(sorted(set(y_true) | set(y_pred)))
    auc = None
    if scores is not None and positive is not None:
        binary = [int(v == positive) for v in y_true]
        if 0 < sum(binary) < len(binary):
            auc = float(roc_auc_score(binary, list(scores)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # one class only: the scores are still defined
        f1 = (
            float(f1_score(y_true, y_pred, average="macro", labels=sorted(set(y_true)), zero_division=0))
            if len(set(y_true)) > 1
            else None
        )
        acc = float(accuracy_score(y_true, y_pred))
        cm = confusion_matrix(y_true, y_pred, labels=list(classes))
    return Metrics(
        n=len(y_true),
        counts=dict(sorted(Counter(y_true).items())),
        macro_f1=f1,
        accuracy=acc,
        roc_auc=auc,
        classes=classes,
        confusion=tuple(tuple(int(v) for v in row) for row in cm),
    )


@dataclass(frozen=True)
class EvalReport:
    """The overall metrics, per-group metrics, and how the comparison was made."""

    task: str
    score: str
    positive: str | None
    negative: str | None
    threshold: float | None
    overall: Metrics
    by: str | None = None
    groups: Mapping[str, Metrics | None] = field(default_factory=dict)
    group_sizes: Mapping[str, int] = field(default_factory=dict)
    best_threshold: tuple[float, float] | None = None
    skipped: int = 0
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "task": self.task,
            "score": self.score,
            "positive": self.positive,
            "negative": self.negative,
            "threshold": self.threshold,
            "overall": self.overall.to_dict(),
            "skipped": self.skipped,
            "notes": list(self.notes),
        }
        if self.best_threshold is not None:
            out["best_threshold_on_this_data"] = {
                "threshold": _r(self.best_threshold[0]),
                "macro_f1": _r(self.best_threshold[1]),
            }
        if self.by:
            out["by"] = self.by
            out["groups"] = {
                k: (m.to_dict() if m is not None else {"n": self.group_sizes[k]}) for k, m in self.groups.items()
            }
        return out


def _binary_labels(labels: Sequence[str], task: Task, positive: str | None) -> tuple[str, str]:
    classes = sorted(set(labels))
    if len(classes) != 2:
        shown = ", ".join(classes[:6]) + (" ..." if len(classes) > 6 else "")
        raise ValueError(f"task {task.name!r} needs two label values; the data has {len(classes)}: {shown}")
    if positive is not None:
        if positive not in classes:
            raise ValueError(f"--positive {positive!r} is not a label in the data ({', '.join(classes)})")
        pos = positive
    else:
        named = [c for c in classes if c.lower() in task.positive]
        if len(named) != 1:
            raise ValueError(
                f"cannot tell which of {', '.join(classes)} is the positive class for task {task.name!r};"
                " name it with --positive"
            )
        pos = named[0]
    return pos, classes[1 - classes.index(pos)]


def _threshold(analyzer: Analyzer, task: Task, score: str) -> float:
    """The task's threshold: stated, or the decision threshold of the dimension behind the score."""
    if task.threshold is not None:
        return task.threshold
    for dim in analyzer.dimensions:
        if score in dim.SCORES:
            model = getattr(dim, "model", None)
            t = getattr(model, "threshold", None)
            if isinstance(t, (int, float)):
                return float(t)
    return DEFAULT_THRESHOLD


def best_threshold(y: Sequence[int], scores: Sequence[float]) -> tuple[float, float]:
    """The threshold that maximises macro-F1 on these labels (``y`` 1 = positive), and that F1."""
    from sklearn.metrics import f1_score

    values = np.unique(np.asarray(scores, dtype=float))
    if len(values) > 200:
        values = np.unique(np.quantile(values, np.linspace(0, 1, 201)))
    best = (float(values[0]), -1.0)
    s = np.asarray(scores, dtype=float)
    for t in values:
        f1 = float(f1_score(y, (s >= t).astype(int), average="macro", zero_division=0))
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def _score_of(a: Analysis, name: str) -> float:
    v = a.scores.get(name)
    if v is None:
        raise ValueError(f"no active dimension gives the score {name!r}")
    f = float(v)
    return f if math.isfinite(f) else 0.0


def evaluate(
    data: LabelledData,
    *,
    task: str | None = "bias",
    score: str | None = None,
    threshold: float | None = None,
    positive: str | None = None,
    by: str | None = None,
    label_map: Mapping[str, str] | None = None,
    analyzer: Analyzer | None = None,
    n_jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> EvalReport:
    """Compare framing's built-in scores with ``data``'s labels (see the module docstring)."""
    if task is not None and task not in TASKS:
        raise ValueError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
    spec = TASKS[task] if task else Task("score", score or "", GENERIC_POSITIVE, threshold)
    name = score or spec.score
    if spec.label is None and not name:
        raise ValueError("name the score to compare with --score (or choose a --task)")
    analyzer = analyzer or Analyzer()
    analyses = list(analyzer.analyze_many(data.documents, n_jobs=n_jobs, errors="raise"))
    if spec.label is not None and score is None:
        return _evaluate_labels(data, analyses, spec, by, label_map)
    labels = list(data.labels)
    if label_map:
        labels = [label_map.get(v, v) for v in labels]
    values = [_score_of(a, name) for a in analyses]
    pos, neg = _binary_labels(labels, spec, positive)
    t = threshold if threshold is not None else _threshold(analyzer, spec, name)
    pred = [pos if (v > t if spec.strict else v >= t) else neg for v in values]
    overall = metrics(labels, pred, values, pos)
    groups, sizes = _by_groups(data, by, labels, pred, values, pos)
    y01 = [int(v == pos) for v in labels]
    notes = []
    if spec.name in ("bias", "subjectivity"):
        notes.append(
            "the editorial model was fitted on BABE and CheckThat! dev data; on those sets these numbers are"
            " in-sample (see docs/editorial.md)"
        )
    return EvalReport(
        task=spec.name,
        score=name,
        positive=pos,
        negative=neg,
        threshold=t,
        overall=overall,
        by=by,
        groups=groups,
        group_sizes=sizes,
        best_threshold=best_threshold(y01, values),
        skipped=data.skipped,
        notes=tuple(notes),
    )


def _by_groups(
    data: LabelledData,
    by: str | None,
    labels: Sequence[str],
    pred: Sequence[str],
    values: Sequence[float] | None,
    pos: str | None,
) -> tuple[dict[str, Metrics | None], dict[str, int]]:
    if not by:
        return {}, {}
    keys = data.groups(by)
    if all(k == MISSING for k in keys):
        raise ValueError(f"--by {by!r}: no record has that field")
    out: dict[str, Metrics | None] = {}
    sizes: dict[str, int] = {}
    for g in sorted(set(keys), key=lambda k: (-keys.count(k), k)):
        idx = [i for i, k in enumerate(keys) if k == g]
        sizes[g] = len(idx)
        if len(idx) < MIN_GROUP:
            out[g] = None
            continue
        out[g] = metrics(
            [labels[i] for i in idx],
            [pred[i] for i in idx],
            [values[i] for i in idx] if values is not None else None,
            pos,
        )
    return out, sizes


def _slug(label: str) -> str:
    return "_".join("".join(ch if ch.isalnum() else " " for ch in label.lower()).split())


def _evaluate_labels(
    data: LabelledData,
    analyses: Sequence[Analysis],
    spec: Task,
    by: str | None,
    label_map: Mapping[str, str] | None,
) -> EvalReport:
    """Multi-class comparison of a document label (the primary frame) with the labels."""
    key = spec.label or ""
    if not any(key in a.labels for a in analyses):
        raise ValueError(f"task {spec.name!r} needs the {key!r} label, which no active dimension gives")
    mapping = dict(label_map or {})
    labels = [mapping.get(v, _slug(v)) for v in data.labels]
    pred = [a.labels.get(key, "none") for a in analyses]
    overall = metrics(labels, pred)
    groups, sizes = _by_groups(data, by, labels, pred, None, None)
    known = set(pred)
    unmatched = sorted({v for v in labels if v not in known})
    notes = []
    if unmatched:
        notes.append(
            "labels never predicted (map them onto frame slugs with --label-map if they name the same frames): "
            + ", ".join(unmatched[:8])
        )
    return EvalReport(
        task=spec.name,
        score=f"label:{key}",
        positive=None,
        negative=None,
        threshold=None,
        overall=overall,
        by=by,
        groups=groups,
        group_sizes=sizes,
        skipped=data.skipped,
        notes=tuple(notes),
    )


def evaluate_model(data: LabelledData, model: Any, *, by: str | None = None, n_jobs: int = 1) -> EvalReport:
    """Compare a trained model's predictions with ``data``'s labels (same label set required)."""
    model.check_labels(data.labels)
    items: list[Any] = list(data.documents)
    if model.n_features:
        feats = model.features()
        feats.n_jobs = n_jobs
        items = [a if a is not None else d.text for a, d in zip(feats.analyze(items), data.documents)]
    proba = model.predict_proba(items)
    pred = [model.classes[i] for i in proba.argmax(axis=1)]
    labels = list(data.labels)
    pos = model.positive_label
    values = list(proba[:, model.classes.index(pos)]) if pos is not None else None
    overall = metrics(labels, pred, values, pos)
    groups, sizes = _by_groups(data, by, labels, pred, values, pos)
    neg = model.classes[1 - model.classes.index(pos)] if pos is not None and len(model.classes) == 2 else None
    return EvalReport(
        task="model",
        score=f"model {model.source or ''}".strip(),
        positive=pos,
        negative=neg,
        threshold=None,
        overall=overall,
        by=by,
        groups=groups,
        group_sizes=sizes,
        skipped=data.skipped,
    )


# -- rendering --------------------------------------------------------------------------------


def _fmt(v: float | None, undefined: str = "  n/a") -> str:
    return undefined if v is None else f"{v:.3f}"


UNDEFINED = "undefined"


_CORNER = "true \\ predicted"


def _confusion(m: Metrics) -> list[str]:
    wide = len(m.classes) > MAX_NAMED_COLUMNS and max(len(c) for c in m.classes) > NUMBERED_ABOVE
    heads = [str(k + 1) for k in range(len(m.classes))] if wide else list(m.classes)
    width = max(6, *(len(h) for h in heads)) + 2
    names = [f"{k + 1}. {c}" if wide else c for k, c in enumerate(m.classes)]
    first = max(len(_CORNER), *(len(n) + 2 for n in names)) + 1
    rows = [_CORNER.ljust(first) + "".join(h.rjust(width) for h in heads)]
    for name, row in zip(names, m.confusion):
        rows.append(f"  {name}".ljust(first) + "".join(str(v).rjust(width) for v in row))
    return rows


def render_report(report: EvalReport, *, data_name: str = "") -> str:
    """A plain-text report: what was compared, the overall metrics, the confusion matrix, the groups."""
    m = report.overall
    lines = []
    title = f"task {report.task}: {report.score}"
    if report.positive is not None:
        title += f"; positive label {report.positive!r}"
    if report.threshold is not None:
        title += f"; threshold {report.threshold:g}"
    lines.append(title)
    counts = ", ".join(f"{k} {v}" for k, v in m.counts.items())
    lines.append(f"{data_name + ': ' if data_name else ''}{m.n} texts ({counts}); {report.skipped} skipped")
    lines.append(f"ROC-AUC {_fmt(m.roc_auc)}   macro-F1 {_fmt(m.macro_f1, UNDEFINED)}   accuracy {_fmt(m.accuracy)}")
    if report.best_threshold is not None:
        t, f1 = report.best_threshold
        lines.append(f"(best threshold on this data, optimistic: {t:.3f} -> macro-F1 {f1:.3f})")
    lines.append("")
    lines.extend(_confusion(m))
    if report.by:
        lines.append("")
        lines.append(f"by {report.by}:")
        width = max(8, *(len(k) for k in report.groups)) + 2
        lines.append(f"  {'group'.ljust(width)}{'n':>6}  {'ROC-AUC':>8}  {'macro-F1':>9}  {'accuracy':>8}")
        for g, gm in report.groups.items():
            if gm is None:
                lines.append(f"  {g.ljust(width)}{report.group_sizes[g]:>6}  (fewer than {MIN_GROUP} texts)")
            else:
                cells = f"{_fmt(gm.roc_auc):>8}  {_fmt(gm.macro_f1, UNDEFINED):>9}  {_fmt(gm.accuracy):>8}"
                lines.append(f"  {g.ljust(width)}{gm.n:>6}  {cells}")
        if any(gm is not None and gm.macro_f1 is None for gm in report.groups.values()):
            lines.append("  (macro-F1 is undefined for a group whose texts all carry one label)")
    for note in report.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"


def read_label_map(path: str | Path) -> dict[str, str]:
    """A JSON object mapping the data's labels onto framing's (for example GVFC frames onto frame slugs)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"--label-map {path}: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ValueError(f"--label-map {path}: expected a JSON object of label -> label")
    return data
