"""Comparison tables: documents side by side, per-outlet aggregates, and bootstrap differences.

:func:`compare` takes :class:`~framing.results.Analysis` objects or their ``to_dict()`` records
(for example the output of ``framing score --format json``) and returns a :class:`Comparison` of
pandas DataFrames. Dimensions that are not present are simply absent from the tables.

Differences between documents (or groups) are differences of **mean sentence scores**, with a
percentile bootstrap confidence interval: the sentences of each side are resampled with
replacement, independently, ``n_boot`` times, from a generator seeded with ``seed`` (the result is
the same on every run).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .results import Analysis

__all__ = [
    "DEFAULT_GROUP_KEYS",
    "Comparison",
    "as_record",
    "as_records",
    "compare",
    "first_words",
    "group_of",
    "title_of",
]

#: Metadata keys used to group documents when ``by`` is not given, first present wins.
DEFAULT_GROUP_KEYS = ("outlet",)
#: Label for documents that lack the grouping key.
MISSING_GROUP = "(none)"
#: Sentence scores never compared (counts of words are not a framing measure).
SKIP_SENTENCE_SCORES = ("words",)
#: Up to this many units every pair is compared; above it, each unit against all the others pooled.
MAX_PAIRWISE_UNITS = 12
#: Bootstrap resamples drawn at once, and the most cells (resamples x sentences x scores) held at once.
BOOT_CHUNK = 200
BOOT_CELLS = 4_000_000
#: Document scores that are counts or sizes, kept in the tables but not ranked.
UNRANKED = ("n_words", "n_sentences")

Record = dict[str, Any]
GroupKey = str | Mapping[str, str] | Callable[[Record], Any] | None


# -- records ------------------------------------------------------------------------------------


def _rebuild_text(record: Mapping[str, Any]) -> str:
    """The document text with every sentence at its offset (gaps become spaces or a newline)."""
    sentences = record.get("sentences") or []
    end = max((int(s["end"]) for s in sentences), default=0)
    chars = [" "] * end
    for s in sentences:
        chars[int(s["start"]) : int(s["end"])] = list(s["text"])
    return "".join(chars)


def as_record(item: Analysis | Mapping[str, Any]) -> Record:
    """The ``to_dict()`` record of an analysis, with the full ``text`` and ``body_start`` added.

    A record that came from JSON has no full text; it is rebuilt from the sentences so that every
    offset still points at the same characters (the gaps between sentences become spaces).
    """
    if isinstance(item, Analysis):
        record = item.to_dict()
        record["text"] = item.text
        record["body_start"] = item.body_start
        return record
    if isinstance(item, Mapping):
        record = dict(item)
        if "text" not in record:
            record["text"] = _rebuild_text(record)
        if "body_start" not in record:
            sentences = record.get("sentences") or []
            record["body_start"] = int(sentences[0]["start"]) if sentences else 0
        record.setdefault("meta", {})
        record.setdefault("scores", {})
        record.setdefault("labels", {})
        record.setdefault("sentences", [])
        record.setdefault("evidence", [])
        record.setdefault("id", "doc")
        return record
    raise TypeError(f"expected an Analysis or a record mapping, not {type(item).__name__}")


def as_records(items: Iterable[Analysis | Mapping[str, Any]]) -> list[Record]:
    """:func:`as_record` for each item; already converted records pass through unchanged."""
    out = []
    for item in items:
        if isinstance(item, dict) and "text" in item and "body_start" in item:
            out.append(item)
        else:
            out.append(as_record(item))
    return out


def first_words(record: Mapping[str, Any], n: int = 12) -> str:
    """The first ``n`` words of the body, with an ellipsis when cut."""
    text = record["text"][int(record.get("body_start", 0)) :]
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def title_of(record: Mapping[str, Any], n: int = 12) -> str:
    """The ``title`` metadata field when present, otherwise the first words of the body."""
    title = (record.get("meta") or {}).get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return first_words(record, n)


def group_of(record: Mapping[str, Any], by: GroupKey) -> str:
    """The group a record belongs to under ``by`` (a metadata key, a mapping id -> group, or a function)."""
    if by is None:
        return MISSING_GROUP
    if callable(by):
        value = by(record)
    elif isinstance(by, Mapping):
        value = by.get(record["id"])
    else:
        value = (record.get("meta") or {}).get(by)
    if value is None or (isinstance(value, str) and not value.strip()) or value != value:
        return MISSING_GROUP
    return str(value).strip() if isinstance(value, str) else str(value)


def _default_by(records: Sequence[Record]) -> str | None:
    for key in DEFAULT_GROUP_KEYS:
        if any(key in (r.get("meta") or {}) for r in records):
            return key
    return None


# -- the comparison ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Tables comparing documents (pandas DataFrames).

    - ``documents``: one row per document (index ``id``), one column per numeric document score.
    - ``ranks``: the same shape; 1 = the highest value of that score among the documents (ties
      share the best rank); counts such as ``n_words`` are not ranked.
    - ``labels``: one row per document: ``title``, ``group`` and every label (``genre``, ``frame``...).
    - ``groups``: one row per group (index ``group``): ``n_documents``, ``n_words`` and the mean of
      every document score; ``None`` when there is no grouping key.
    - ``differences``: document pairs, one row per pair and sentence score (see :func:`compare`).
    - ``group_differences``: the same between groups (sentences pooled per group), or ``None``.
    - ``by``: the grouping key used (a metadata key name, or a description).
    """

    documents: Any
    ranks: Any
    labels: Any
    groups: Any
    differences: Any
    group_differences: Any
    by: str | None

    def table(self, scores: Sequence[str] | None = None) -> Any:
        """Documents with each score followed by its rank column ``<score>_rank``."""
        import pandas as pd

        cols = [c for c in (scores or list(self.documents.columns)) if c in self.documents.columns]
        parts = []
        for c in cols:
            parts.append(self.documents[c])
            if c in self.ranks.columns:
                parts.append(self.ranks[c].rename(f"{c}_rank"))
        return pd.concat(parts, axis=1) if parts else self.documents[[]]


def compare(
    analyses: Iterable[Analysis | Mapping[str, Any]],
    by: GroupKey = None,
    *,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    sentence_scores: Sequence[str] | None = None,
) -> Comparison:
    """Compare documents: scores with ranks, group aggregates and bootstrap differences.

    ``by`` groups documents: a metadata key (default: ``outlet`` when any document has it), a
    mapping of document id to group, or a function of the record. ``differences`` has one row per
    pair of documents and sentence score: ``a``, ``b``, ``score``, ``mean_a``, ``mean_b``,
    ``difference`` (mean_a - mean_b, in the unit of the score), ``ci_low``, ``ci_high`` (the
    ``confidence`` percentile bootstrap interval over sentences), ``n_a``, ``n_b`` (sentences) and
    ``excludes_zero`` (True when the interval does not contain 0). With more than
    :data:`MAX_PAIRWISE_UNITS` units, each is compared with all the others pooled (``b`` = ``rest``).
    """
    import numpy as np
    import pandas as pd

    if n_boot < 1:
        raise ValueError(f"n_boot must be positive, not {n_boot}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    records = as_records(analyses)
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        dup = next(i for i in ids if i in seen or seen.add(i))  # type: ignore[func-returns-value]
        raise ValueError(f"document ids must be unique; {dup!r} appears twice")
    if by is None:
        by = _default_by(records)
    by_name = by if isinstance(by, str) or by is None else ("mapping" if isinstance(by, Mapping) else "function")

    score_names: list[str] = []
    for r in records:
        for k, v in r["scores"].items():
            if k not in score_names and isinstance(v, (int, float)) and not isinstance(v, bool):
                score_names.append(k)
    documents = pd.DataFrame(
        [[_float(r["scores"].get(k)) for k in score_names] for r in records],
        index=pd.Index(ids, name="id"),
        columns=score_names,
        dtype=float,
    )
    ranked = [c for c in score_names if c not in UNRANKED]
    ranks = documents[ranked].rank(ascending=False, method="min").astype("Int64")

    label_names = sorted({k for r in records for k in r["labels"]})
    labels = pd.DataFrame(
        [
            {"title": title_of(r), "group": group_of(r, by), **{k: r["labels"].get(k) for k in label_names}}
            for r in records
        ],
        index=pd.Index(ids, name="id"),
    )

    groups = None
    group_differences = None
    if by is not None:
        frame = documents.assign(group=labels["group"])
        agg = frame.groupby("group", sort=True)
        groups = agg.mean(numeric_only=True)
        groups.insert(0, "n_documents", agg.size())
        if "n_words" in documents.columns:
            groups["n_words"] = agg["n_words"].sum()
        if "n_sentences" in documents.columns:
            groups["n_sentences"] = agg["n_sentences"].sum()

    names = list(sentence_scores) if sentence_scores is not None else _sentence_score_names(records)
    doc_values = {r["id"]: _sentence_matrix(r, names) for r in records}
    differences = _differences(doc_values, names, n_boot, confidence, seed)
    if by is not None:
        pooled: dict[str, Any] = {}
        for r in records:
            g = group_of(r, by)
            pooled[g] = np.vstack([pooled[g], doc_values[r["id"]]]) if g in pooled else doc_values[r["id"]]
        pooled = dict(sorted(pooled.items()))
        group_differences = _differences(pooled, names, n_boot, confidence, seed)
    return Comparison(documents, ranks, labels, groups, differences, group_differences, by_name)


def _float(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return float("nan")
    return float(v)


def _sentence_score_names(records: Sequence[Record]) -> list[str]:
    names: list[str] = []
    for r in records:
        for s in r["sentences"]:
            for k, v in s.get("scores", {}).items():
                if k in SKIP_SENTENCE_SCORES or k in names:
                    continue
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    names.append(k)
    return names


def _sentence_matrix(record: Record, names: Sequence[str]) -> Any:
    """Sentences x scores (NaN where a sentence lacks a score)."""
    import numpy as np

    rows = [[_float(s.get("scores", {}).get(k)) for k in names] for s in record["sentences"]]
    return np.array(rows, dtype=float).reshape(len(rows), len(names))


def _boot_means(values: Any, n_boot: int, rng: Any) -> Any:
    """``n_boot`` x scores bootstrap means of the rows of ``values`` (NaN-aware)."""
    import numpy as np

    n = values.shape[0]
    out = np.empty((n_boot, values.shape[1]))
    valid = ~np.isnan(values)
    filled = np.where(valid, values, 0.0)
    step = max(1, min(BOOT_CHUNK, BOOT_CELLS // max(1, n * values.shape[1])))
    for lo in range(0, n_boot, step):
        hi = min(n_boot, lo + step)
        idx = rng.integers(0, n, size=(hi - lo, n))
        sums = filled[idx].sum(axis=1)
        counts = valid[idx].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[lo:hi] = sums / counts
    return out


def _differences(units: Mapping[str, Any], names: Sequence[str], n_boot: int, confidence: float, seed: int) -> Any:
    import numpy as np
    import pandas as pd

    columns = ["a", "b", "score", "mean_a", "mean_b", "difference", "ci_low", "ci_high", "n_a", "n_b", "excludes_zero"]
    keys = list(units)
    if len(keys) < 2 or not names:
        return pd.DataFrame(columns=columns)
    # One generator per unit (seeded by its position; the pooled rest of unit i by len(keys) + i):
    # a unit gets the same resamples whichever pair it is in.
    if len(keys) <= MAX_PAIRWISE_UNITS:
        pairs = [(i, j, keys[j], units[keys[j]], j) for i, j in itertools.combinations(range(len(keys)), 2)]
    else:
        pairs = []
        for i, a in enumerate(keys):
            rest = np.vstack([units[k] for k in keys if k != a])
            pairs.append((i, -1, "rest", rest, len(keys) + i))
    tail = (1 - confidence) / 2 * 100
    boot_cache: dict[int, Any] = {}

    def boots(pos: int, values: Any) -> Any:
        if pos not in boot_cache:
            boot_cache[pos] = _boot_means(values, n_boot, np.random.default_rng([seed, pos]))
        return boot_cache[pos]

    rows = []
    for i, _j, b, vb, b_pos in pairs:
        a, va = keys[i], units[keys[i]]
        if va.shape[0] == 0 or vb.shape[0] == 0:
            continue
        ba = boots(i, va)
        bb = boots(b_pos, vb)
        with np.errstate(invalid="ignore"):
            ma, mb = _nanmean(va), _nanmean(vb)
            diff = ba - bb
        for j, name in enumerate(names):
            if np.isnan(ma[j]) or np.isnan(mb[j]):
                continue
            d = diff[:, j]
            d = d[~np.isnan(d)]
            lo, hi = np.percentile(d, [tail, 100 - tail]) if d.size else (np.nan, np.nan)
            rows.append(
                {
                    "a": a,
                    "b": b,
                    "score": name,
                    "mean_a": float(ma[j]),
                    "mean_b": float(mb[j]),
                    "difference": float(ma[j] - mb[j]),
                    "ci_low": float(lo),
                    "ci_high": float(hi),
                    "n_a": int((~np.isnan(va[:, j])).sum()),
                    "n_b": int((~np.isnan(vb[:, j])).sum()),
                    "excludes_zero": bool(lo > 0 or hi < 0),
                }
            )
    return pd.DataFrame(rows, columns=columns)


def _nanmean(values: Any) -> Any:
    import numpy as np

    valid = ~np.isnan(values)
    counts = valid.sum(axis=0)
    sums = np.where(valid, values, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
