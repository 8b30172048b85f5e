"""Frozen result types and the versioned record schema (``docs/schema.md``)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SCHEMA",
    "Analysis",
    "DimensionOutput",
    "Evidence",
    "ParsedDocument",
    "SentenceResult",
]

SCHEMA = "framing.analysis/1"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a score moved: ``text[start:end]`` in sentence ``sentence`` (-1 = document level).

    ``dimension`` produced it, ``label`` names the signal (e.g. ``loaded``), ``rule`` the lexicon
    entry or rule behind it (``lexicon:term`` or ``rule:name``), and ``weight`` its contribution in
    the unit the dimension documents.
    """

    start: int
    end: int
    sentence: int
    dimension: str
    label: str
    rule: str
    weight: float

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": text[self.start : self.end],
            "sentence": self.sentence,
            "dimension": self.dimension,
            "label": self.label,
            "rule": self.rule,
            "weight": round(self.weight, 6),
        }


@dataclass(frozen=True, slots=True)
class SentenceResult:
    """One sentence: ``text[start:end]``, its paragraph, and its scores and labels."""

    index: int
    start: int
    end: int
    paragraph: int
    scores: Mapping[str, float]
    labels: Mapping[str, str]


@dataclass(frozen=True)
class DimensionOutput:
    """What one scoring dimension returns for one document.

    ``scores``/``labels`` go into the document's flat maps; ``sentence_scores``/``sentence_labels``
    hold one mapping per sentence (or are empty); ``blocks`` add top-level record lists such as
    ``attributions`` (items need a ``to_dict(text)`` method or must be JSON-ready); ``data`` is
    passed to dimensions that declare this one in ``requires``.
    """

    scores: Mapping[str, float] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    sentence_scores: Sequence[Mapping[str, float]] = ()
    sentence_labels: Sequence[Mapping[str, str]] = ()
    evidence: Sequence[Evidence] = ()
    blocks: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    data: Any = None


@dataclass(frozen=True)
class ParsedDocument:
    """A document after segmentation and lexicon matching, shared by every dimension.

    ``sentences``/``paragraphs`` are :class:`~framing.text.Span`; ``tokens`` cover the body;
    ``sentence_tokens[i]`` is the ``(first, end)`` token index range of sentence ``i``;
    ``matches`` are every lexicon hit (one pass, all lexicons); ``quotes`` are quoted spans;
    ``furniture`` lists the page furniture set aside (:class:`framing.furniture.SetAside`: captions,
    bylines, prompts), which is in no sentence, so no dimension sees it.
    """

    id: str
    text: str
    meta: Mapping[str, Any]
    body_start: int
    paragraphs: Sequence[Any]
    sentences: Sequence[Any]
    tokens: Sequence[Any]
    sentence_tokens: Sequence[tuple[int, int]]
    matches: Sequence[Any]
    quotes: Sequence[Any]
    n_words: int
    furniture: Sequence[Any] = ()

    def matches_in(self, lexicon: str) -> list[Any]:
        """Hits of one lexicon, in text order."""
        return [m for m in self.matches if m.lexicon == lexicon]

    _sentence_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sentence_starts", [s.start for s in self.sentences])

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (-1 if none); sentences are in order."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return -1


@dataclass(frozen=True)
class Analysis:
    """The result for one document; :meth:`to_dict` gives the versioned JSON record."""

    id: str
    text: str
    meta: Mapping[str, Any]
    body_start: int
    n_words: int
    n_sentences: int
    scores: Mapping[str, float]
    labels: Mapping[str, str]
    sentences: tuple[SentenceResult, ...]
    evidence: tuple[Evidence, ...]
    blocks: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    set_aside: tuple[Any, ...] = ()

    @property
    def attributions(self) -> tuple[Any, ...]:
        return tuple(self.blocks.get("attributions", ()))

    @property
    def actors(self) -> tuple[Any, ...]:
        return tuple(self.blocks.get("actors", ()))

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def evidence_for(self, sentence: int | None = None, dimension: str | None = None) -> list[Evidence]:
        return [
            e
            for e in self.evidence
            if (sentence is None or e.sentence == sentence) and (dimension is None or e.dimension == dimension)
        ]

    def to_dict(self) -> dict[str, Any]:
        """The record described in ``docs/schema.md``."""
        record: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "meta": _jsonable(dict(self.meta)),
            "n_words": self.n_words,
            "n_sentences": self.n_sentences,
            "scores": {k: _num(v) for k, v in self.scores.items()},
            "labels": dict(self.labels),
            "sentences": [
                {
                    "index": s.index,
                    "start": s.start,
                    "end": s.end,
                    "paragraph": s.paragraph,
                    "text": self.text[s.start : s.end],
                    "scores": {k: _num(v) for k, v in s.scores.items()},
                    "labels": dict(s.labels),
                }
                for s in self.sentences
            ],
            "evidence": [e.to_dict(self.text) for e in self.evidence],
        }
        for name, items in self.blocks.items():
            record[name] = [i.to_dict(self.text) if hasattr(i, "to_dict") else i for i in items]
        record["set_aside"] = [s.to_dict(self.text) for s in self.set_aside]
        record["warnings"] = list(self.warnings)
        return record


def _num(v: float) -> float | int:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    return round(float(v), 6)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        if isinstance(value, float) and value != value:
            return None
        return value
    return str(value)
