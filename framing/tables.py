"""pandas tables from analyses: one row per document, and a long evidence table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .results import Analysis

__all__ = ["evidence_frame", "sentence_frame", "to_frame"]


def to_frame(analyses: Iterable[Analysis], *, evidence: bool = False) -> Any:
    """A DataFrame with one row per document: ``id``, metadata columns, scores and labels.

    With ``evidence=True`` returns ``(documents, evidence)``, the second a long table with one
    row per evidence span (``id``, ``sentence``, ``start``, ``end``, ``text``, ``dimension``,
    ``label``, ``rule``, ``weight``).
    """
    import pandas as pd

    items = list(analyses)
    rows = []
    for a in items:
        row: dict[str, Any] = {"id": a.id}
        row.update({f"meta.{k}": v for k, v in a.meta.items() if isinstance(v, (str, int, float, bool))})
        row.update(a.scores)
        row.update({f"label.{k}": v for k, v in a.labels.items()})
        rows.append(row)
    docs = pd.DataFrame(rows)
    if not evidence:
        return docs
    return docs, evidence_frame(items)


def evidence_frame(analyses: Iterable[Analysis]) -> Any:
    """One row per evidence span across documents."""
    import pandas as pd

    cols = ["id", "sentence", "start", "end", "text", "dimension", "label", "rule", "weight"]
    rows = [{"id": a.id, **{k: v for k, v in e.to_dict(a.text).items()}} for a in analyses for e in a.evidence]
    return pd.DataFrame(rows, columns=cols)


def sentence_frame(analyses: Iterable[Analysis]) -> Any:
    """One row per sentence: ``id``, ``index``, ``start``, ``end``, ``text`` and sentence scores."""
    import pandas as pd

    rows = []
    for a in analyses:
        for s in a.sentences:
            rows.append(
                {
                    "id": a.id,
                    "index": s.index,
                    "start": s.start,
                    "end": s.end,
                    "text": a.text[s.start : s.end],
                    **s.scores,
                    **s.labels,
                }
            )
    return pd.DataFrame(rows)
