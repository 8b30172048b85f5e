"""Comparison tables: documents side by side, group values, and group differences that hold up.

:func:`compare` takes :class:`~framing.results.Analysis` objects or their ``to_dict()`` records
(for example the output of ``framing score --format json``) and returns a :class:`Comparison` of
pandas DataFrames. Dimensions that are not present are simply absent from the tables.

One estimand everywhere: a group's value of a document score is the mean of its documents' scores
(optionally weighted by words). Differences between groups take their uncertainty from the sampled
unit, the document: a bootstrap over documents within groups for intervals (scipy), a permutation
test of group labels for p-values (scipy), p-values adjusted over the table (statsmodels,
Benjamini-Hochberg by default) and Hedges' g beside every raw difference (statsmodels). With
``within=`` the groups are compared inside strata (topics, stories) and the strata combined.
Differences between two single documents can only resample sentences and are labelled so.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .results import Analysis

__all__ = [
    "DEFAULT_GROUP_KEYS",
    "Comparison",
    "as_record",
    "as_records",
    "compare",
    "first_words",
    "group_differences_table",
    "group_of",
    "simulated_scores",
    "title_of",
]

#: Metadata keys used to group documents when ``by`` is not given, first present wins.
DEFAULT_GROUP_KEYS = ("outlet",)
#: Label for documents that lack the grouping key.
MISSING_GROUP = "(none)"
#: Up to this many units every pair is compared; above it, each unit against all the others pooled.
MAX_PAIRWISE_UNITS = 12
#: Above this many documents, ``differences`` (document against the rest, by sentences) is left empty:
#: at corpus scale documents are compared through groups.
MAX_DOCUMENT_DIFFERENCES = 60
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

#: Document scores compared between groups by default: findings about how a text is written, sourced,
#: toned and framed. Every ``frame_<name>`` share is added too. Not compared by default: counts and
#: sizes (``n_words``, ``n_sentences``, ``n_sources``, ``n_actors``, ``mean_sentence_length``), the
#: maximum over sentences (``editorial_max``, which grows with length), model internals
#: (``editorial_intercept``, ``genre_score``, any ``*_logit`` or ``*_confidence``) and scores that restate
#: another (``sentiment_balance``, ``frames_coverage``, the other readability formulas). Pass
#: ``scores=`` to compare others, or ``scores="all"`` for every numeric document score.
DEFAULT_SCORES = (
    "editorial",
    "editorial_sentence_share",
    "lede_editorial",
    "loaded_per_100_words",
    "hedges_per_100_words",
    "boosters_per_100_words",
    "subjectivity",
    "attributions_per_100_words",
    "attributed_sentence_share",
    "quoted_word_share",
    "anonymous_source_share",
    "loaded_cue_share",
    "emphatic_cue_share",
    "sentiment",
    "sentiment_negative_share",
    "sentiment_positive_share",
    "actor_sentiment",
    "actor_negative_share",
    "actor_positive_share",
    "quoted_actor_share",
    "frames_diversity",
    "flesch_reading_ease",
)
#: Sentence scores compared between documents by default (findings, not logits or confidences).
DEFAULT_SENTENCE_SCORES = ("editorial", "attributed", "sentiment")
#: Multiple-comparison corrections: name accepted by :func:`compare` -> statsmodels ``multipletests`` method.
ADJUSTMENTS = {"bh": "fdr_bh", "fdr_bh": "fdr_bh", "holm": "holm", "bonferroni": "bonferroni", "by": "fdr_by"}
#: Notes of rows that cannot be compared.
NO_DOCUMENTS = "no documents with this score"
NO_SHARED_STRATUM = "no stratum has documents of both groups: not compared"
#: Columns of ``Comparison.group_differences`` (and ``actor_differences``, which adds ``actor`` first).
GROUP_DIFFERENCE_COLUMNS = [
    "a",
    "b",
    "score",
    "mean_a",
    "mean_b",
    "difference",
    "ci_low",
    "ci_high",
    "n_a",
    "n_b",
    "p_value",
    "p_adjusted",
    "significant",
    "effect_size",
    "note",
]


@dataclass(frozen=True)
class Comparison:
    """Tables comparing documents and groups of documents (pandas DataFrames).

    - ``documents``: one row per document (index ``id``), one column per numeric document score.
    - ``ranks``: the same shape; 1 = the highest value of that score among the documents (ties
      share the best rank); counts such as ``n_words`` are not ranked.
    - ``labels``: one row per document: ``title``, ``group`` (and ``stratum`` with ``within``) and
      every label (``genre``, ``frame``...).
    - ``groups``: one row per group (index ``group``): ``n_documents``, ``n_words`` and every document
      score's group value (the mean of its documents' scores, or words-weighted with
      ``weight="words"``); ``None`` when there is no grouping key.
    - ``differences``: document pairs, one row per pair and **sentence** score (``unit`` =
      ``"sentences"``): the sentences of one document are its only sample.
    - ``group_differences``: group pairs, one row per pair and document score, resampling
      **documents** (see :func:`compare`), or ``None``.
    - ``actors``: one row per actor and group (see :func:`actor_table`), or ``None`` when no record
      has an ``actors`` block.
    - ``actor_differences``: sentiment toward each frequent actor compared between groups, with the
      columns of ``group_differences`` and ``actor`` first, or ``None``.
    - ``by`` / ``within``: the grouping and stratifying keys (a metadata key name, or a description).
    - ``settings``: the options the statistics were computed with.
    """

    documents: Any
    ranks: Any
    labels: Any
    groups: Any
    differences: Any
    group_differences: Any
    by: str | None
    within: str | None = None
    actors: Any = None
    actor_differences: Any = None
    settings: Mapping[str, Any] = field(default_factory=dict)

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


def default_scores(available: Iterable[str]) -> list[str]:
    """The scores compared by default among ``available``: :data:`DEFAULT_SCORES` and every frame share."""
    available = list(available)
    frames = [s for s in available if s.startswith("frame_") and not s.endswith(("_confidence", "_logit"))]
    return [s for s in DEFAULT_SCORES if s in available] + frames


def compare(
    analyses: Iterable[Analysis | Mapping[str, Any]],
    by: GroupKey | Sequence[Any] = None,
    *,
    within: GroupKey | Sequence[Any] = None,
    scores: Sequence[str] | str | None = None,
    weight: str | None = None,
    n_boot: int = 1000,
    n_perm: int = 2000,
    confidence: float = 0.95,
    alpha: float = 0.05,
    adjust: str = "bh",
    min_documents: int = 5,
    seed: int = 0,
    sentence_scores: Sequence[str] | None = None,
    min_actor_documents: int | None = None,
) -> Comparison:
    """Compare documents and groups of documents.

    **Groups.** ``by`` groups documents: a metadata key (default: ``outlet`` when any document has
    it), a mapping of document id to group, a function of the record, or a sequence of labels in
    input order (for example :func:`framing.stories`). A group's value of a document score is the
    mean of its documents' scores (``weight="words"``: weighted by each document's words); the same
    value is used in ``groups``, ``group_differences``, the plots and the report.

    **Group differences.** ``group_differences`` has one row per pair of groups and compared score
    (``scores``: default :func:`default_scores`; ``"all"`` for every numeric score): ``a``, ``b``,
    ``mean_a``, ``mean_b``, ``difference`` (= mean_a - mean_b), ``ci_low``/``ci_high`` (a
    ``confidence`` interval from a bootstrap that resamples documents within each group, ``n_boot``
    times: a percentile interval widened for small groups, see :func:`_expanded_percentiles`),
    ``n_a``/``n_b`` (documents with the score), ``p_value`` (two-sided permutation test of the
    group labels, ``n_perm`` resamples, exact when there are fewer distinct permutations),
    ``p_adjusted`` (over every p-value in the table: Benjamini-Hochberg, or
    ``adjust="holm"``), ``significant`` (``p_adjusted < alpha``), ``effect_size`` (Hedges' g: the
    difference over the pooled standard deviation of document scores, small-sample corrected) and
    ``note``. With fewer than ``min_documents`` documents on either side a row has no interval,
    p-value or flag, and its ``note`` says why. With more than :data:`MAX_PAIRWISE_UNITS` groups each
    group is compared with all the others pooled (``b`` = ``rest``).

    **Like with like.** ``within`` (same forms as ``by``: a topic key, story labels...) compares
    groups inside each stratum and combines the strata: the difference is the average over strata
    that both groups cover of the within-stratum differences, weighted by n_a*n_b/(n_a+n_b); the
    bootstrap resamples documents within each group and stratum, and the permutation test permutes
    group labels within strata only. A difference in topic mix therefore cannot create a difference
    between groups. Documents in strata that only one of the two groups covers are left out of that
    row (``n_a``/``n_b`` count the documents used).

    **Documents.** ``differences`` compares every pair of documents (above :data:`MAX_PAIRWISE_UNITS`
    documents, each with the rest pooled) on ``sentence_scores`` (default
    :data:`DEFAULT_SENTENCE_SCORES`), resampling sentences (empty above
    :data:`MAX_DOCUMENT_DIFFERENCES` documents): ``mean_a``, ``mean_b``, ``difference``,
    ``ci_low``, ``ci_high``, ``n_a``/``n_b`` (sentences), ``excludes_zero`` and ``unit`` =
    ``"sentences"``.

    Every resample comes from generators seeded with ``seed``: the result is the same on every run.
    """
    import pandas as pd

    if n_boot < 1:
        raise ValueError(f"n_boot must be positive, not {n_boot}")
    if n_perm < 1:
        raise ValueError(f"n_perm must be positive, not {n_perm}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, not {alpha}")
    if adjust not in ADJUSTMENTS:
        raise ValueError(f"adjust must be one of {', '.join(ADJUSTMENTS)}, not {adjust!r}")
    if weight not in (None, "words"):
        raise ValueError(f"weight must be None or 'words', not {weight!r}")
    if min_documents < 2:
        raise ValueError(f"min_documents must be at least 2, not {min_documents}")
    records = as_records(analyses)
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        dup = next(i for i in ids if i in seen or seen.add(i))  # type: ignore[func-returns-value]
        raise ValueError(f"document ids must be unique; {dup!r} appears twice")
    if by is None:
        by = _default_by(records)
    by_name, group_labels = _labels_for(records, by, "by")
    within_name, stratum_labels = _labels_for(records, within, "within") if within is not None else (None, None)

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
    extra: dict[str, Any] = {"group": group_labels or [MISSING_GROUP] * len(ids)}
    if stratum_labels is not None:
        extra["stratum"] = stratum_labels
    labels = pd.DataFrame(
        [
            {
                "title": title_of(r),
                **{k: v[i] for k, v in extra.items()},
                **{k: r["labels"].get(k) for k in label_names},
            }
            for i, r in enumerate(records)
        ],
        index=pd.Index(ids, name="id"),
    )
    words = pd.Series([_words(r) for r in records], index=documents.index, dtype=float)

    if scores is None:
        compared = default_scores(score_names)
    elif isinstance(scores, str):
        if scores != "all":
            raise ValueError(f"scores must be a list of score names or 'all', not {scores!r}")
        compared = list(score_names)
    else:
        unknown = [s for s in scores if s not in score_names]
        if unknown and len(unknown) == len(list(scores)):
            raise ValueError(f"none of the scores {', '.join(unknown)} is in the documents")
        compared = [s for s in scores if s in score_names]
    settings = {
        "scores": compared,
        "weight": weight,
        "n_boot": n_boot,
        "n_perm": n_perm,
        "confidence": confidence,
        "alpha": alpha,
        "adjust": adjust,
        "min_documents": min_documents,
        "seed": seed,
    }
    stats_options = {
        "n_boot": n_boot,
        "n_perm": n_perm,
        "confidence": confidence,
        "alpha": alpha,
        "adjust": adjust,
        "min_documents": min_documents,
        "seed": seed,
    }

    groups = group_differences = actors = actor_differences = None
    if by is not None:
        groups = _group_values(documents, labels["group"], words if weight == "words" else None)
        group_differences = group_differences_table(
            documents[compared],
            labels["group"],
            strata=labels["stratum"] if within is not None else None,
            weights=words if weight == "words" else None,
            **stats_options,
        )
    if any("actors" in r for r in records):
        actors = actor_table(records, labels["group"] if by is not None else None)
        if by is not None:
            actor_differences = actor_differences_table(
                records,
                labels["group"],
                strata=labels["stratum"] if within is not None else None,
                min_actor_documents=min_actor_documents,
                **stats_options,
            )

    names = list(sentence_scores) if sentence_scores is not None else _sentence_score_names(records)
    if len(records) > MAX_DOCUMENT_DIFFERENCES:
        names = []
    doc_values = {r["id"]: _sentence_matrix(r, names) for r in records}
    differences = _differences(doc_values, names, n_boot, confidence, seed)
    return Comparison(
        documents,
        ranks,
        labels,
        groups,
        differences,
        group_differences,
        by_name,
        within_name,
        actors,
        actor_differences,
        settings,
    )


def _labels_for(records: Sequence[Record], key: Any, what: str) -> tuple[str | None, list[str] | None]:
    """The name of a grouping key and each record's label under it (``None`` when there is no key)."""
    if key is None:
        return None, None
    if isinstance(key, str) or isinstance(key, Mapping) or callable(key):
        name = key if isinstance(key, str) else ("mapping" if isinstance(key, Mapping) else "function")
        return name, [group_of(r, key) for r in records]
    values = list(key)
    if len(values) != len(records):
        raise ValueError(f"{what} has {len(values)} labels for {len(records)} documents")
    name = getattr(key, "name", None)
    return (str(name) if name else "labels"), [group_of({"id": "", "meta": {"v": v}}, "v") for v in values]


def _words(record: Mapping[str, Any]) -> float:
    n = record.get("n_words")
    if n is None:
        n = (record.get("scores") or {}).get("n_words")
    return float(n) if isinstance(n, (int, float)) and not isinstance(n, bool) else float("nan")


def _group_values(documents: Any, group: Any, weights: Any) -> Any:
    """One row per group: ``n_documents``, ``n_words`` and each score's group value."""
    import numpy as np
    import pandas as pd

    frame = documents.assign(_group=group.values)
    agg = frame.groupby("_group", sort=True)
    if weights is None:
        out = agg.mean(numeric_only=True)
    else:
        rows = {}
        for g, part in agg:
            w = weights.loc[part.index].to_numpy()
            vals = part.drop(columns="_group").to_numpy()
            rows[g] = _weighted_nanmean(vals, w)
        out = pd.DataFrame.from_dict(rows, orient="index", columns=documents.columns)
    out.index.name = "group"
    out.insert(0, "n_documents", agg.size())
    if "n_words" in documents.columns:
        out["n_words"] = agg["n_words"].sum()
    if "n_sentences" in documents.columns:
        out["n_sentences"] = agg["n_sentences"].sum()
    return out.astype({"n_documents": np.int64})


def _weighted_nanmean(values: Any, w: Any) -> Any:
    import numpy as np

    valid = ~np.isnan(values) & ~np.isnan(w)[:, None]
    num = np.where(valid, values * np.nan_to_num(w)[:, None], 0.0).sum(axis=0)
    den = np.where(valid, np.nan_to_num(w)[:, None], 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


# -- group differences ---------------------------------------------------------------------------


def group_differences_table(
    values: Any,
    groups: Any,
    *,
    strata: Any = None,
    weights: Any = None,
    n_boot: int = 1000,
    n_perm: int = 2000,
    confidence: float = 0.95,
    alpha: float = 0.05,
    adjust: str = "bh",
    min_documents: int = 5,
    seed: int = 0,
) -> Any:
    """Differences between groups of documents for every column of ``values`` (documents x scores).

    ``groups`` (and ``strata``, ``weights``) are aligned with the rows of ``values``. The columns
    are :data:`GROUP_DIFFERENCE_COLUMNS`; see :func:`compare` for what each means. This is the
    function behind ``Comparison.group_differences``, usable on any table of document scores.
    """
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(values).astype(float)
    group = pd.Series(list(groups), index=frame.index).astype(str)
    stratum = pd.Series(list(strata), index=frame.index).astype(str) if strata is not None else None
    w = pd.Series(list(weights), index=frame.index, dtype=float) if weights is not None else None
    # documents in a fixed order (group, then id) so resamples do not depend on the input order
    order = sorted(range(len(frame)), key=lambda i: (group.iloc[i], str(frame.index[i])))
    frame, group = frame.iloc[order], group.iloc[order]
    stratum = stratum.iloc[order] if stratum is not None else None
    w = w.iloc[order] if w is not None else None
    keys = sorted(set(group))
    if len(keys) < 2 or frame.shape[1] == 0:
        return pd.DataFrame(columns=GROUP_DIFFERENCE_COLUMNS)
    x = frame.to_numpy()
    wts = w.to_numpy() if w is not None else np.ones(len(frame))
    strat = stratum.to_numpy() if stratum is not None else None
    labels = group.to_numpy()
    if len(keys) <= MAX_PAIRWISE_UNITS:
        pairs = [(a, b, labels == a, labels == b) for a, b in itertools.combinations(keys, 2)]
    else:
        pairs = [(a, "rest", labels == a, labels != a) for a in keys]
    rows = []
    for pos, (a, b, in_a, in_b) in enumerate(pairs):
        rng = np.random.default_rng([seed, pos])
        rows += _pair_rows(
            a, b, x, in_a, in_b, wts, strat, list(frame.columns), rng, n_boot, n_perm, confidence, min_documents
        )
    out = pd.DataFrame(rows, columns=GROUP_DIFFERENCE_COLUMNS)
    return adjust_p_values(out, adjust=adjust, alpha=alpha)


def adjust_p_values(table: Any, *, adjust: str = "bh", alpha: float = 0.05) -> Any:
    """Fill ``p_adjusted`` and ``significant`` over every p-value in ``table`` (one family)."""
    import numpy as np
    from statsmodels.stats.multitest import multipletests

    table = table.copy()
    p = table["p_value"].to_numpy(dtype=float)
    tested = ~np.isnan(p)
    adjusted = np.full(len(p), np.nan)
    if tested.any():
        adjusted[tested] = multipletests(p[tested], alpha=alpha, method=ADJUSTMENTS[adjust])[1]
    table["p_adjusted"] = adjusted
    table["significant"] = tested & (np.nan_to_num(adjusted, nan=1.0) < alpha)
    return table


def _pair_rows(
    a: str,
    b: str,
    x: Any,
    in_a: Any,
    in_b: Any,
    w: Any,
    strata: Any,
    names: Sequence[str],
    rng: Any,
    n_boot: int,
    n_perm: int,
    confidence: float,
    min_documents: int,
) -> list[dict[str, Any]]:
    """Rows of one pair of groups; scores with the same missing documents are computed together."""
    import numpy as np

    valid = ~np.isnan(x)
    blocks: dict[bytes, list[int]] = {}
    for j in range(x.shape[1]):
        blocks.setdefault(np.packbits(valid[:, j] & (in_a | in_b)).tobytes(), []).append(j)
    rows: list[dict[str, Any] | None] = [None] * x.shape[1]
    for cols in blocks.values():
        keep = valid[:, cols[0]]
        ia, ib = np.flatnonzero(in_a & keep), np.flatnonzero(in_b & keep)
        xa, xb = x[np.ix_(ia, cols)], x[np.ix_(ib, cols)]
        wa, wb = w[ia], w[ib]
        sa = strata[ia] if strata is not None else None
        sb = strata[ib] if strata is not None else None
        for j, row in zip(cols, _block_rows(xa, xb, wa, wb, sa, sb, rng, n_boot, n_perm, confidence, min_documents)):
            rows[j] = {"a": a, "b": b, "score": names[j], **row}
    # a score no document of either group has is left out; a pair with no shared stratum keeps its row
    return [r for r in rows if r is not None and r["note"] != NO_DOCUMENTS]


def _block_rows(
    xa: Any,
    xb: Any,
    wa: Any,
    wb: Any,
    sa: Any,
    sb: Any,
    rng: Any,
    n_boot: int,
    n_perm: int,
    confidence: float,
    min_documents: int,
) -> list[dict[str, Any]]:
    import numpy as np

    k = xa.shape[1]
    note = ""
    if sa is not None:
        shared = sorted(set(sa) & set(sb))
        dropped = (len(sa) - np.isin(sa, shared).sum(), len(sb) - np.isin(sb, shared).sum())
        ka, kb = np.isin(sa, shared), np.isin(sb, shared)
        xa, xb, wa, wb, sa, sb = xa[ka], xb[kb], wa[ka], wb[kb], sa[ka], sb[kb]
        if dropped[0] or dropped[1]:
            note = f"{dropped[0]} + {dropped[1]} documents in strata only one side covers left out"
    n_a, n_b = len(xa), len(xb)
    if n_a == 0 or n_b == 0:
        why = NO_SHARED_STRATUM if sa is not None and sum(dropped) else NO_DOCUMENTS
        return [_row_one(n_a, n_b, why) for _ in range(k)]
    if sa is None:
        mean_a, mean_b = _wmean(xa.T, wa), _wmean(xb.T, wb)
        sd_a, sd_b = _sd(xa), _sd(xb)
    else:
        mean_a, mean_b = _stratified_means(xa, wa, sa, xb, wb, sb)
        sd_a, sd_b = _within_sd(xa, sa), _within_sd(xb, sb)
    diff = mean_a - mean_b
    effect = _hedges_g(diff, sd_a, n_a, sd_b, n_b)
    if min(n_a, n_b) < min_documents:
        few = " and ".join(f"{side} has {n}" for side, n in (("A", n_a), ("B", n_b)) if n < min_documents)
        why = f"fewer than {min_documents} documents ({few}): no interval or test"
        note = f"{why}; {note}" if note else why
        return [_row_one(n_a, n_b, note, mean_a[j], mean_b[j], diff[j], effect[j]) for j in range(k)]
    if sa is None:
        lo, hi = _bootstrap(xa, wa, xb, wb, rng, n_boot, confidence)
        p = _permutation(xa, wa, xb, wb, rng, n_perm)
    else:
        lo, hi = _stratified_bootstrap(xa, wa, sa, xb, wb, sb, rng, n_boot, confidence)
        p = _stratified_permutation(xa, wa, sa, xb, wb, sb, rng, n_perm)
    rows = []
    for j in range(k):
        why = note
        if np.isnan(lo[j]):
            spread = "each stratum has one document of a group or fewer: no interval"
            why = f"{spread}; {note}" if note else spread
        rows.append(_row_one(n_a, n_b, why, mean_a[j], mean_b[j], diff[j], effect[j], lo[j], hi[j], p[j]))
    return rows


def _row_one(
    n_a: int,
    n_b: int,
    note: str,
    mean_a: float = float("nan"),
    mean_b: float = float("nan"),
    diff: float = float("nan"),
    effect: float = float("nan"),
    lo: float = float("nan"),
    hi: float = float("nan"),
    p: float = float("nan"),
) -> dict[str, Any]:
    return {
        "mean_a": float(mean_a),
        "mean_b": float(mean_b),
        "difference": float(diff),
        "ci_low": float(lo),
        "ci_high": float(hi),
        "n_a": int(n_a),
        "n_b": int(n_b),
        "p_value": float(p),
        "p_adjusted": float("nan"),
        "significant": False,
        "effect_size": float(effect),
        "note": note,
    }


def _wmean(x: Any, w: Any) -> Any:
    """Weighted mean over the last axis of ``x`` with weights ``w`` (broadcast against ``x``)."""
    import numpy as np

    return (x * w).sum(axis=-1) / np.sum(w, axis=-1)


def _sd(x: Any) -> Any:
    import numpy as np

    if len(x) < 2:
        return np.full(x.shape[1], np.nan)
    return x.std(axis=0, ddof=1)


def _within_sd(x: Any, strata: Any) -> Any:
    """Standard deviation of ``x`` around its stratum means (degrees of freedom: n minus strata)."""
    import numpy as np

    cells = sorted(set(strata))
    df = len(x) - len(cells)
    if df < 1:
        return np.full(x.shape[1], np.nan)
    ss = sum(((x[strata == s] - x[strata == s].mean(axis=0)) ** 2).sum(axis=0) for s in cells)
    return np.sqrt(ss / df)


def _hedges_g(diff: Any, sd_a: Any, n_a: int, sd_b: Any, n_b: int) -> Any:
    """Hedges' g of a difference (statsmodels ``effectsize_smd``); NaN when the spread is 0 or unknown."""
    import numpy as np
    from statsmodels.stats.meta_analysis import effectsize_smd

    if n_a < 2 or n_b < 2:
        return np.full(len(diff), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        g, _ = effectsize_smd(diff, sd_a, n_a, np.zeros_like(diff), sd_b, n_b)
    pooled = np.sqrt(((n_a - 1) * sd_a**2 + (n_b - 1) * sd_b**2) / (n_a + n_b - 2))
    return np.where(np.isfinite(g) & (pooled > 0), g, np.nan)


def _stratum_weights(sa: Any, sb: Any) -> dict[Any, float]:
    """Weight of each shared stratum: n_a*n_b/(n_a+n_b), normalised to sum to 1."""
    raw = {}
    for s in sorted(set(sa) & set(sb)):
        na, nb = int((sa == s).sum()), int((sb == s).sum())
        raw[s] = na * nb / (na + nb)
    total = sum(raw.values())
    return {s: v / total for s, v in raw.items()}


def _stratified_means(xa: Any, wa: Any, sa: Any, xb: Any, wb: Any, sb: Any) -> tuple[Any, Any]:
    weights = _stratum_weights(sa, sb)
    mean_a = sum(v * _wmean(xa[sa == s].T, wa[sa == s]) for s, v in weights.items())
    mean_b = sum(v * _wmean(xb[sb == s].T, wb[sb == s]) for s, v in weights.items())
    return mean_a, mean_b


def _bootstrap(xa: Any, wa: Any, xb: Any, wb: Any, rng: Any, n_boot: int, confidence: float) -> tuple[Any, Any]:
    """Expanded percentile interval of the difference of (weighted) means (documents resampled in each group)."""
    import numpy as np
    from scipy import stats

    def statistic(a: Any, b: Any, axis: int = -1) -> Any:
        # scipy passes (columns, documents) once, then (columns, resamples, documents)
        return _wmean(a[:-1], a[-1]) - _wmean(b[:-1], b[-1])

    data = (np.column_stack([xa, wa]), np.column_stack([xb, wb]))
    res = stats.bootstrap(
        data,
        statistic,
        n_resamples=n_boot,
        confidence_level=confidence,
        method="percentile",
        vectorized=True,
        axis=0,
        random_state=rng,
    )
    parts = [
        (x.var(axis=0, ddof=1) / len(x), x.var(axis=0, ddof=1) / len(x) * (len(x) - 1) / len(x), len(x) - 1)
        for x in (xa, xb)
    ]
    return _expanded_percentiles(np.atleast_2d(res.bootstrap_distribution).T, parts, confidence)


def _expanded_percentiles(
    distribution: Any, parts: Sequence[tuple[Any, Any, float]], confidence: float
) -> tuple[Any, Any]:
    """Percentile interval from a bootstrap ``distribution`` (resamples x scores), widened for small samples.

    A percentile bootstrap interval is too narrow in small samples: a resampled mean of n documents
    varies (n - 1) / n as much as the mean does, a stratum with one document does not vary at all,
    and the spread itself is estimated. As in the expanded percentile interval (Hesterberg 2015, The
    American Statistician 69(4)), the interval is widened by ratio * t(df) / z: ratio is the
    standard error over the bootstrap's expected spread, t(df) the Student quantile with
    Welch-Satterthwaite degrees of freedom and z the normal one. The percentiles are moved away from
    the bootstrap mean by that factor (keeping the interval's asymmetry). ``parts``: for each
    independent part, its squared standard error (per score), the bootstrap's expected share of it
    and its degrees of freedom. Scores whose standard error is unknown get no interval (NaN).
    """
    import numpy as np
    from scipy import stats

    target = sum(p[0] for p in parts)
    expected = sum(p[1] for p in parts)
    welch = sum(p[0] ** 2 / p[2] for p in parts if p[2] > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(expected > 0, np.sqrt(target / np.where(expected > 0, expected, 1.0)), 1.0)
        df = np.where(welch > 0, target**2 / np.where(welch > 0, welch, 1.0), np.inf)
    level = 0.5 + confidence / 2
    factor = ratio * stats.t.ppf(level, np.maximum(np.nan_to_num(df, nan=1.0), 1.0)) / stats.norm.ppf(level)
    centre = distribution.mean(axis=0)
    low, high = np.quantile(distribution, [1 - level, level], axis=0)
    unknown = np.isnan(target)
    lo = np.where(unknown, np.nan, centre + (low - centre) * factor)
    hi = np.where(unknown, np.nan, centre + (high - centre) * factor)
    return lo, hi


def _permutation(xa: Any, wa: Any, xb: Any, wb: Any, rng: Any, n_perm: int) -> Any:
    """Two-sided p-value of the difference of (weighted) means under exchangeable group labels."""
    import numpy as np
    from scipy import stats

    def statistic(a: Any, b: Any, axis: int = -1) -> Any:
        # scipy passes (columns, documents) once, then (resamples, columns, documents)
        return _wmean(a[..., :-1, :], a[..., -1:, :]) - _wmean(b[..., :-1, :], b[..., -1:, :])

    data = (np.column_stack([xa, wa]), np.column_stack([xb, wb]))
    res = stats.permutation_test(
        data,
        statistic,
        permutation_type="independent",
        n_resamples=n_perm,
        alternative="two-sided",
        vectorized=True,
        axis=0,
        random_state=rng,
    )
    return np.atleast_1d(res.pvalue)


def _stratified_bootstrap(
    xa: Any, wa: Any, sa: Any, xb: Any, wb: Any, sb: Any, rng: Any, n_boot: int, confidence: float
) -> tuple[Any, Any]:
    """Expanded percentile interval of the stratified difference (documents resampled in each group and stratum).

    scipy's bootstrap needs two or more documents per sample, and a stratum often has one document
    of a group; this resamples each (group, stratum) cell directly. The interval is widened as in
    :func:`_expanded_percentiles`, each cell being one independent part.
    """
    import numpy as np

    weights = _stratum_weights(sa, sb)
    total = np.zeros((n_boot, xa.shape[1]))
    parts = []
    for x_all, s_all, w_all, sign in ((xa, sa, wa, 1.0), (xb, sb, wb, -1.0)):
        # a cell of one document has no spread of its own: it borrows the side's pooled within-cell variance
        cells = [(x_all[s_all == s], w_all[s_all == s], v) for s, v in weights.items()]
        ss = sum(((x - x.mean(axis=0)) ** 2).sum(axis=0) for x, _, _ in cells if len(x) > 1)
        pooled_df = sum(len(x) - 1 for x, _, _ in cells)
        pooled = ss / pooled_df if pooled_df else np.full(x_all.shape[1], np.nan)
        for x, w, v in cells:
            n = len(x)
            idx = rng.integers(0, n, size=(n_boot, n))
            ww = w[idx]
            total += sign * v * np.einsum("rn,rnk->rk", ww, x[idx]) / ww.sum(axis=1, keepdims=True)
            if n > 1:
                se2 = v**2 * x.var(axis=0, ddof=1) / n
                parts.append((se2, se2 * (n - 1) / n, n - 1))
            else:
                parts.append((v**2 * pooled, np.zeros(x.shape[1]), pooled_df))
    return _expanded_percentiles(total, parts, confidence)


def _stratified_permutation(xa: Any, wa: Any, sa: Any, xb: Any, wb: Any, sb: Any, rng: Any, n_perm: int) -> Any:
    """Two-sided p-value of the stratified difference, permuting group labels within each stratum only.

    The p-value counts the observed statistic among the resamples, as scipy's ``permutation_test``
    does for randomised tests: ``(1 + #{T* <= T}) / (1 + n_perm)`` for each side, doubled for two sides.
    """
    import numpy as np

    weights = _stratum_weights(sa, sb)
    observed = np.zeros(xa.shape[1])
    null = np.zeros((n_perm, xa.shape[1]))
    for s, v in weights.items():
        x = np.vstack([xa[sa == s], xb[sb == s]])
        w = np.concatenate([wa[sa == s], wb[sb == s]])
        n_a = int((sa == s).sum())
        is_a = np.arange(len(x)) < n_a
        observed += v * (_wmean(x[is_a].T, w[is_a]) - _wmean(x[~is_a].T, w[~is_a]))
        perm = rng.permuted(np.tile(is_a, (n_perm, 1)), axis=1)
        wa_p, wb_p = perm * w, (~perm) * w
        null += v * (wa_p @ x / wa_p.sum(axis=1, keepdims=True) - wb_p @ x / wb_p.sum(axis=1, keepdims=True))
    eps = 1e-12 * np.maximum(1.0, np.abs(observed))
    less = (1 + (null <= observed + eps).sum(axis=0)) / (n_perm + 1)
    greater = (1 + (null >= observed - eps).sum(axis=0)) / (n_perm + 1)
    return np.minimum(1.0, 2 * np.minimum(less, greater))


# -- actors ---------------------------------------------------------------------------------------

#: Columns of ``Comparison.actors``.
ACTOR_COLUMNS = [
    "actor",
    "type",
    "group",
    "n_documents",
    "document_share",
    "n_mentions",
    "mentions_per_document",
    "n_attributions",
    "quoted_documents",
    "sentiment",
    "negative_share",
    "positive_share",
    "role",
    "narrative_role",
]
#: At most this many actors (those in the most documents) are compared between groups.
MAX_COMPARED_ACTORS = 20


def _actor_blocks(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The record's actors, one entry per name (a repeated name keeps its first entry)."""
    seen: dict[str, Mapping[str, Any]] = {}
    for actor in record.get("actors") or []:
        name = str(actor.get("name") or "").strip()
        if name and name not in seen:
            seen[name] = actor
    return list(seen.values())


def _actor_sentiment(actor: Mapping[str, Any]) -> float:
    sentiment = actor.get("sentiment")
    value = sentiment.get("mean") if isinstance(sentiment, Mapping) else sentiment
    return _float(value)


def actor_table(records: Sequence[Record], groups: Any = None) -> Any:
    """One row per actor and group, from each record's ``actors`` block (:data:`ACTOR_COLUMNS`).

    ``n_documents``: documents of the group that mention the actor (``document_share`` of the
    group's documents); ``n_mentions`` and ``n_attributions`` (statements attributed to the actor)
    summed over them; ``quoted_documents``: documents where the actor is quoted; ``sentiment``: the
    mean over those documents of the document's sentiment toward the actor (the same estimand as
    every group value), with the share of documents where it is labelled negative / positive;
    ``role`` / ``narrative_role``: the most frequent value (``None`` when the block lacks it).
    Without groups every document is in group ``(all)``. Rows are sorted by documents, then mentions.
    """
    import pandas as pd

    group_list = list(groups) if groups is not None else ["(all)"] * len(records)
    totals: dict[str, int] = {}
    for g in group_list:
        totals[g] = totals.get(g, 0) + 1
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for record, g in zip(records, group_list):
        for actor in _actor_blocks(record):
            key = (str(actor["name"]).strip(), g)
            cell = cells.setdefault(
                key,
                {"type": actor.get("type"), "docs": 0, "mentions": 0, "attr": 0, "quoted": 0, "sent": [], "labels": []},
            )
            cell.setdefault("roles", []).append(actor.get("role"))
            cell.setdefault("narrative", []).append(actor.get("narrative_role"))
            cell["docs"] += 1
            cell["mentions"] += int(_float(actor.get("n_mentions")) if actor.get("n_mentions") is not None else 0)
            n_attr = actor.get("n_attributions") or 0
            cell["attr"] += int(n_attr)
            cell["quoted"] += int(n_attr > 0)
            s = _actor_sentiment(actor)
            if s == s:
                cell["sent"].append(s)
            sentiment = actor.get("sentiment")
            cell["labels"].append(sentiment.get("label") if isinstance(sentiment, Mapping) else None)
    rows = []
    for (name, g), c in cells.items():
        labels = [x for x in c["labels"] if x]
        rows.append(
            {
                "actor": name,
                "type": c["type"],
                "group": g,
                "n_documents": c["docs"],
                "document_share": c["docs"] / totals[g],
                "n_mentions": c["mentions"],
                "mentions_per_document": c["mentions"] / c["docs"],
                "n_attributions": c["attr"],
                "quoted_documents": c["quoted"],
                "sentiment": sum(c["sent"]) / len(c["sent"]) if c["sent"] else float("nan"),
                "negative_share": labels.count("negative") / len(labels) if labels else float("nan"),
                "positive_share": labels.count("positive") / len(labels) if labels else float("nan"),
                "role": _most_common(c["roles"]),
                "narrative_role": _most_common(c["narrative"]),
            }
        )
    table = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    if not len(table):
        return table
    overall = table.groupby("actor")[["n_documents", "n_mentions"]].sum()
    table = table.assign(
        _docs=table["actor"].map(overall["n_documents"]), _mentions=table["actor"].map(overall["n_mentions"])
    )
    table = table.sort_values(["_docs", "_mentions", "actor", "group"], ascending=[False, False, True, True])
    return table.drop(columns=["_docs", "_mentions"]).reset_index(drop=True)


def _most_common(values: Sequence[Any]) -> Any:
    present = [v for v in values if v]
    if not present:
        return None
    return max(sorted(set(present)), key=present.count)


def actor_differences_table(
    records: Sequence[Record],
    groups: Any,
    *,
    strata: Any = None,
    min_actor_documents: int | None = None,
    max_actors: int = MAX_COMPARED_ACTORS,
    min_documents: int = 5,
    **options: Any,
) -> Any:
    """Sentiment toward each frequent actor compared between groups (documents that mention the actor).

    Actors mentioned in at least ``min_actor_documents`` (default ``min_documents``) documents of at
    least two groups are compared, at most ``max_actors`` of them (most documents first). Columns:
    ``actor`` then :data:`GROUP_DIFFERENCE_COLUMNS` (``score`` = ``actor_sentiment``); p-values are
    adjusted over this table as one family.
    """
    import pandas as pd

    need = min_actor_documents if min_actor_documents is not None else min_documents
    group_list = [str(g) for g in groups]
    counts: dict[str, dict[str, int]] = {}
    values: dict[str, dict[int, float]] = {}
    for i, (record, g) in enumerate(zip(records, group_list)):
        for actor in _actor_blocks(record):
            name = str(actor["name"]).strip()
            s = _actor_sentiment(actor)
            if s == s:
                values.setdefault(name, {})[i] = s
                counts.setdefault(name, {})
                counts[name][g] = counts[name].get(g, 0) + 1
    eligible = [a for a, per in counts.items() if sum(n >= need for n in per.values()) >= 2]
    eligible.sort(key=lambda a: (-sum(counts[a].values()), a))
    eligible = eligible[:max_actors]
    columns = ["actor", *GROUP_DIFFERENCE_COLUMNS]
    if not eligible:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {a: [values[a].get(i, float("nan")) for i in range(len(records))] for a in eligible},
        index=[r["id"] for r in records],
    )
    options.setdefault("adjust", "bh")
    options.setdefault("alpha", 0.05)
    table = group_differences_table(frame, group_list, strata=strata, min_documents=min_documents, **options)
    table = table[(table["n_a"] > 0) & (table["n_b"] > 0)]
    table = table.rename(columns={"score": "actor"}).assign(score="actor_sentiment")
    table = adjust_p_values(table, adjust=options["adjust"], alpha=options["alpha"])
    return table[columns].reset_index(drop=True)


# -- document differences (sentences) ------------------------------------------------------------


def _float(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return float("nan")
    return float(v)


def _sentence_score_names(records: Sequence[Record]) -> list[str]:
    present: set[str] = set()
    for r in records:
        for s in r["sentences"]:
            for k, v in s.get("scores", {}).items():
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    present.add(k)
    return [k for k in DEFAULT_SENTENCE_SCORES if k in present]


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

    columns = [
        "a",
        "b",
        "score",
        "mean_a",
        "mean_b",
        "difference",
        "ci_low",
        "ci_high",
        "n_a",
        "n_b",
        "excludes_zero",
        "unit",
    ]
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
                    "unit": "sentences",
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


def simulated_scores(rng: Any, n: int, k: int, shift: float = 0.0) -> Any:
    """``n`` documents' scores on ``k`` made-up scores shaped like framing's (skewed shares from a beta,
    rates from a gamma, tone from a normal), each moved by ``shift``: for simulating the error rates
    and interval coverage of :func:`group_differences_table` (``rng``: a numpy Generator)."""
    import pandas as pd

    cols = {}
    for j in range(k):
        if j % 3 == 0:
            cols[f"share{j}"] = rng.beta(2, 5, n) + shift
        elif j % 3 == 1:
            cols[f"rate{j}"] = rng.gamma(1.5, 1.0, n) + shift
        else:
            cols[f"tone{j}"] = rng.normal(0, 0.1, n) + shift
    return pd.DataFrame(cols)
