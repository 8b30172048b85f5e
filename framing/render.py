"""Plain-text renderings for the terminal: the score table and the sentence-by-sentence explanation.

Text from a document is shown with its control characters made visible (``\x1b`` as ``␛``), so
that a document cannot move the cursor, clear the screen or recolour the terminal.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from .analyzer import Analyzer
from .document import Document
from .io import Failure
from .results import Analysis

__all__ = [
    "OUTPUT_FORMATS",
    "TABLE_MAX_SCORES",
    "TABLE_SCORES",
    "Scored",
    "TableRow",
    "flat_row",
    "render",
    "render_explanation",
    "render_table",
    "visible",
]

#: C0 controls (but tab and newline), DEL and C1 controls: shown as Unicode control pictures
#: (U+2400..U+2421) or, for C1, as U+FFFD; one character each, so offsets into a shown text hold.
_CONTROLS = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROLS[0x7F] = "\u2421"
_CONTROLS.update({c: "\ufffd" for c in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """``text`` with its control characters replaced by visible stand-ins of the same length."""
    return text.translate(_CONTROLS)


class _Row(Protocol):
    id: str
    n_words: int
    n_sentences: int
    scores: Mapping[str, float]
    labels: Mapping[str, str]


#: Scores shown first in the terminal table, when the active dimensions provide them.
TABLE_SCORES = (
    "editorial",
    "lede_editorial",
    "loaded_per_100_words",
    "sentiment",
    "attributions_per_100_words",
    "anonymous_source_share",
    "loaded_cue_share",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
)
TABLE_MAX_SCORES = 7


#: Output formats of ``framing score``.
OUTPUT_FORMATS = ("table", "json", "jsonl", "csv", "parquet")


# -- records: what a worker sends back -----------------------------------------------------------------


class TableRow(NamedTuple):
    """The part of an analysis the terminal table shows."""

    id: str
    n_words: int
    n_sentences: int
    scores: Mapping[str, float]
    labels: Mapping[str, str]


class Scored(NamedTuple):
    """A scored document, rendered for the output: ``payload`` is a JSON text, a flat row or a table row.

    ``source`` names where the document came from (``FILE:LINE``), for its warnings.
    """

    id: str
    warnings: tuple[str, ...]
    payload: Any
    source: str = ""


def flat_row(a: Analysis) -> dict[str, Any]:
    """One flat mapping per document: ``id``, ``meta.*``, every score, ``label.*`` (CSV, Parquet)."""
    row: dict[str, Any] = {"id": a.id}
    for k, v in a.meta.items():
        row[f"meta.{k}"] = v if isinstance(v, (str, int, float, bool)) or v is None else json.dumps(v)
    row.update(a.to_dict()["scores"])
    row.update({f"label.{k}": v for k, v in a.labels.items()})
    return row


def render(a: Analysis, fmt: str) -> Any:
    """The payload written for ``a`` in output format ``fmt``."""
    if fmt == "jsonl":
        return json.dumps(a.to_dict(), ensure_ascii=False)
    if fmt == "json":
        return json.dumps(a.to_dict(), ensure_ascii=False, indent=2)
    if fmt in ("csv", "parquet"):
        return flat_row(a)
    if fmt == "table":
        return TableRow(a.id, a.n_words, a.n_sentences, dict(a.scores), dict(a.labels))
    raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")


def _score_one(analyzer: Analyzer, item: Document | Failure, fmt: str) -> Scored | Failure:
    result = analyzer._analyze_or_fail(item)
    if isinstance(result, Failure):
        return result
    source = item.source if isinstance(item, Document) else ""
    return Scored(result.id, result.warnings, render(result, fmt), source or result.id)


def _is_count(name: str) -> bool:
    """Scores that count things (``n_sources``, ``attribution_count``): shown as whole numbers."""
    return name.startswith("n_") or name.endswith("_count")


def _fmt(value: Any, name: str = "") -> str:
    if isinstance(value, float):
        if _is_count(name) and value.is_integer():
            return str(int(value))
        return f"{value:.2f}"
    return str(value)


def render_table(analyses: Sequence[_Row]) -> str:
    """A plain-text table: one row per document (an analysis or a table row), the headline scores as columns."""
    if not analyses:
        return "(no documents scored)\n"
    present = [k for k in TABLE_SCORES if all(k in a.scores for a in analyses)]
    others = [k for k in analyses[0].scores if k not in present and k not in ("n_words", "n_sentences")]
    score_cols = (present + others)[:TABLE_MAX_SCORES]
    label_cols = sorted({k for a in analyses for k in a.labels})[:2]
    header = ["id", "words", "sentences", *score_cols, *label_cols]
    rows = [
        [visible(a.id), str(a.n_words), str(a.n_sentences)]
        + [_fmt(a.scores.get(k, "")) for k in score_cols]
        + [visible(a.labels.get(k, "")) for k in label_cols]
        for a in analyses
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


# -- explain ----------------------------------------------------------------------------------

_COLOURS = {"positive": "\033[32m", "negative": "\033[31m", "neutral": "\033[33m"}
_BOLD, _DIM, _RESET, _HILITE = "\033[1m", "\033[2m", "\033[0m", "\033[1;4;35m"


def _highlight(text: str, start: int, spans: Iterable[tuple[int, int]], colour: bool) -> str:
    """``text`` (which starts at ``start`` in the document) with ``spans`` marked."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        s, e = max(s, start) - start, min(e, start + len(text)) - start
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    open_mark, close_mark = (_HILITE, _RESET) if colour else ("[", "]")
    out, pos = [], 0
    for s, e in merged:
        out += [text[pos:s], open_mark, text[s:e], close_mark]
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _score_lines(
    a: Analysis, groups: Mapping[str, Sequence[str]] | None, dimension: str | None, width: int
) -> list[str]:
    """Document scores, one wrapped block per dimension (``groups``: dimension -> its score names)."""
    remaining = {k: v for k, v in a.scores.items() if k not in ("n_words", "n_sentences")}
    blocks: list[tuple[str, list[str]]] = []
    for name, keys in (groups or {}).items():
        items = [f"{k}\u00a0{_fmt(remaining.pop(k), k)}" for k in keys if k in remaining]
        if items and dimension in (None, name):
            blocks.append((name, items))
    if remaining and dimension is None:
        blocks.append(("scores" if not blocks else "more", [f"{k}\u00a0{_fmt(v, k)}" for k, v in remaining.items()]))
    label_width = max((len(name) for name, _ in blocks), default=0) + 2
    out = []
    for name, items in blocks:
        out.append(
            textwrap.fill(
                " | ".join(items),
                max(width, 40),
                initial_indent=f"{name}:".ljust(label_width),
                subsequent_indent=" " * label_width,
                break_on_hyphens=False,
            ).replace("\u00a0", " ")  # the no-break space kept each name with its value while wrapping
        )
    return out


def _evidence_line(a: Analysis, e: Any) -> str:
    return f"{e.dimension}/{e.label}: “{visible(a.text[e.start : e.end])}”  ({e.rule}, {e.weight:+.2f})"


def render_explanation(
    a: Analysis,
    *,
    colour: bool = False,
    dimension: str | None = None,
    width: int = 100,
    groups: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Sentences with their scores, evidence highlighted, and one line per evidence span.

    ``groups`` (dimension -> score names, e.g. from each dimension's ``SCORES``) lays the document
    scores out one block per dimension; ``dimension`` keeps only that dimension's scores and evidence.
    """
    b, d, r = (_BOLD, _DIM, _RESET) if colour else ("", "", "")
    lines = [f"{b}{visible(a.id)}{r}  {a.n_words} words, {a.n_sentences} sentences"]
    if a.meta:
        shown = {k: v for k, v in a.meta.items() if isinstance(v, (str, int, float))}
        if shown:
            lines.append("meta: " + visible(", ".join(f"{k}={v}" for k, v in shown.items())))
    lines.extend(_score_lines(a, groups, dimension, width))
    if a.labels:
        lines.append("labels: " + visible(" | ".join(f"{k} {v}" for k, v in a.labels.items())))
    for w in a.warnings:
        lines.append(f"warning: {visible(w)}")
    evidence = [e for e in a.evidence if dimension in (None, e.dimension)]
    by_sentence: dict[int, list[Any]] = {}
    for e in evidence:
        by_sentence.setdefault(e.sentence, []).append(e)
    for s in a.sentences:
        lines.append("")
        scores = " ".join(f"{k}={_fmt(v, k)}" for k, v in s.scores.items() if k != "words")
        labels = " ".join(f"{k}={v}" for k, v in s.labels.items())
        lines.append(f"{b}[{s.index}]{r} {d}{scores} {labels}{r}".rstrip())
        ev = by_sentence.get(s.index, [])
        text = visible(a.text[s.start : s.end])
        marked = _highlight(text, s.start, ((e.start, e.end) for e in ev), colour)
        body = marked if colour else "\n".join(textwrap.wrap(marked, width, break_long_words=False))
        lines.append(textwrap.indent(body, "    "))
        for e in ev:
            lines.append(f"      {d}- {_evidence_line(a, e)}{r}")
    doc_level = by_sentence.get(-1, [])
    if doc_level:
        lines.append("")
        lines.append("document-level evidence:")
        for e in doc_level:
            lines.append(
                f"  - {e.dimension}/{e.label}: “{visible(a.text[e.start : e.end])}”  ({e.rule}, {e.weight:+.2f})"
            )
    return "\n".join(lines) + "\n"
