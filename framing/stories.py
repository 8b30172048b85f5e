"""Stories: articles about the same event, grouped across outlets.

Media-bias studies compare outlets on the *same* events, matched by hand. :func:`stories` does the
matching: it gives each document a story label, in input order, so that articles about the same
event share a label whichever outlet wrote them. The label can then stratify a comparison
(``framing.compare(docs, by="outlet", within=framing.stories(docs))``).

Method: the title and the first :data:`LEAD_WORDS` words of each text (the lede, where a news
article names its event) become a TF-IDF vector (scikit-learn ``TfidfVectorizer``, English stop
words, sublinear term frequency, single words: on labelled MBIC stories these rank same-event
pairs better than whole texts or word pairs); two documents are as similar as the cosine of their
vectors. When both carry a date (``meta["date"]``, ISO ``YYYY-MM-DD``, or ``YYYY-MM`` for a month)
further apart than ``max_days``, their similarity is 0: the same words a year apart are a
different event. Documents are then clustered by average linkage (scikit-learn
``AgglomerativeClustering``): two clusters merge while the mean similarity between their
documents is at least ``threshold``. A document like no other is a story of its own.

The similarity matrix is dense: meant for up to :data:`MAX_DOCUMENTS` documents at once (split a
larger corpus by period first).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["DEFAULT_MAX_DAYS", "DEFAULT_THRESHOLD", "LEAD_WORDS", "MAX_DOCUMENTS", "similarity", "stories"]

#: Mean cosine similarity at which two clusters of documents merge (tuned on labelled MBIC stories).
DEFAULT_THRESHOLD = 0.12
#: Documents dated further apart than this many days are never the same story.
DEFAULT_MAX_DAYS = 7
#: Words of each text (after the title) that are compared.
LEAD_WORDS = 150
#: Most documents :func:`stories` accepts at once (the similarity matrix is n x n).
MAX_DOCUMENTS = 20_000

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|@\w+")


def _text_and_meta(item: Any) -> tuple[str, Mapping[str, Any]]:
    """The text (title first, when the metadata has one) and metadata of a document-like item."""
    if isinstance(item, str):
        return item, {}
    if isinstance(item, Mapping):
        from .compare import as_record

        record = as_record(item)
        text, meta = str(record.get("text") or ""), record.get("meta") or {}
    elif hasattr(item, "text"):
        text, meta = str(item.text), getattr(item, "meta", None) or {}
    else:
        raise TypeError(f"expected a text, a Document, an Analysis or a record, not {type(item).__name__}")
    title = meta.get("title") if isinstance(meta, Mapping) else None
    if isinstance(title, str) and title.strip() and title.strip() not in text[:500]:
        text = f"{title.strip()}\n{text}"
    return text, meta


def _date_range(value: Any) -> tuple[_dt.date, _dt.date] | None:
    """First and last day a date value may mean (a day, or a whole month), or None."""
    if isinstance(value, _dt.datetime):
        return value.date(), value.date()
    if isinstance(value, _dt.date):
        return value, value
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    try:
        if match.group(3):
            day = _dt.date(year, month, int(match.group(3)))
            return day, day
        first = _dt.date(year, month, 1)
        last = (_dt.date(year + month // 12, month % 12 + 1, 1)) - _dt.timedelta(days=1)
        return first, last
    except ValueError:
        return None


def _days_apart(dates: Sequence[tuple[_dt.date, _dt.date] | None]) -> Any:
    """n x n days between date ranges (0 when they overlap, NaN when either is unknown)."""
    import numpy as np

    n = len(dates)
    start = np.array([d[0].toordinal() if d else np.nan for d in dates], dtype=float)
    end = np.array([d[1].toordinal() if d else np.nan for d in dates], dtype=float)
    gap = np.maximum(start[:, None] - end[None, :], start[None, :] - end[:, None])
    return np.maximum(gap, 0.0).reshape(n, n)


def similarity(documents: Iterable[Any], *, max_days: float | None = DEFAULT_MAX_DAYS, date_key: str = "date") -> Any:
    """n x n similarity of the documents: TF-IDF cosine, 0 for dates more than ``max_days`` apart."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    items = [_text_and_meta(d) for d in documents]
    n = len(items)
    if n > MAX_DOCUMENTS:
        raise ValueError(f"{n:,} documents: stories are matched for up to {MAX_DOCUMENTS:,} at once; split by period")
    if n == 0:
        return np.zeros((0, 0))
    texts = [" ".join(_URL.sub(" ", t).split()[:LEAD_WORDS]) for t, _ in items]
    vectorizer = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        ngram_range=(1, 1),
        token_pattern=r"(?u)\b[^\W\d_][\w'’-]*\b",
        max_df=0.5 if n >= 20 else 1.0,
    )
    try:
        x = vectorizer.fit_transform(texts)
    except ValueError:  # no words at all (empty or stop-word-only texts)
        return np.eye(n)
    sim = (x @ x.T).toarray()
    np.fill_diagonal(sim, 1.0)
    if max_days is not None:
        dates = [_date_range(meta.get(date_key)) if isinstance(meta, Mapping) else None for _, meta in items]
        apart = _days_apart(dates)
        sim[np.nan_to_num(apart, nan=0.0) > max_days] = 0.0
    return np.clip(sim, 0.0, 1.0)


def stories(
    documents: Iterable[Any],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_days: float | None = DEFAULT_MAX_DAYS,
    date_key: str = "date",
    prefix: str = "story-",
) -> list[str]:
    """One story label per document, in input order; documents about the same event share a label.

    ``documents``: texts, :class:`~framing.Document` or :class:`~framing.Analysis` objects, or
    records (``to_dict()`` / ``framing score`` JSON). ``threshold``: mean TF-IDF cosine similarity
    at which groups of documents merge (higher: smaller, surer stories). ``max_days``: documents
    whose ``meta[date_key]`` dates are further apart are never the same story (``None``: ignore
    dates). Labels are ``prefix`` and a number, numbered in order of first appearance; a document
    like no other gets a story of its own.
    """
    import numpy as np

    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    if max_days is not None and max_days < 0:
        raise ValueError(f"max_days must be 0 or more, not {max_days}")
    sim = similarity(list(documents), max_days=max_days, date_key=date_key)
    n = len(sim)
    if n == 0:
        return []
    if n == 1:
        clusters = np.zeros(1, dtype=int)
    else:
        from sklearn.cluster import AgglomerativeClustering

        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
        )
        # average linkage merges while the mean distance is below the threshold; ties at the
        # threshold merge too
        clusters = model.fit_predict(1.0 - sim + 1e-12)
    order: dict[int, int] = {}
    for c in clusters:
        order.setdefault(int(c), len(order))
    width = len(str(len(order)))
    return [f"{prefix}{order[int(c)] + 1:0{width}d}" for c in clusters]
