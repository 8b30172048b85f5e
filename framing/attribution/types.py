"""Frozen record types for attributions: who said what, with which cue, as character spans."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CUE_CLASSES",
    "SOURCE_TYPES",
    "TYPES",
    "Attribution",
    "AttributionData",
    "ScareQuote",
    "SourceSummary",
    "TextSpan",
]

#: attribution types: quoted words, reported speech, both, or an "according to" phrase
TYPES = ("direct", "indirect", "mixed", "according-to")
SOURCE_TYPES = ("person", "organization", "anonymous", "vague", "document", "unknown")
CUE_CLASSES = ("neutral", "distancing", "emphatic")


@dataclass(frozen=True, slots=True, order=True)
class TextSpan:
    """Characters ``text[start:end]`` of the analysed document."""

    start: int
    end: int

    def to_dict(self, text: str) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": text[self.start : self.end]}


def _span_dict(span: TextSpan | None, text: str) -> dict[str, Any] | None:
    return None if span is None else span.to_dict(text)


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation: ``source`` said ``content`` (one or more spans), introduced by ``cue``.

    ``type`` is one of :data:`TYPES`; ``speaker`` the canonical name within the document (None when
    it cannot be resolved); ``role`` a title or role given with a named person ("Pentagon press
    secretary"); ``source_type`` one of :data:`SOURCE_TYPES`; ``cue_class`` one of
    :data:`CUE_CLASSES`; ``sentence`` the index of the cue's sentence. When the source is a relative
    pronoun (``officials who said``: ``who``), ``antecedent`` is the phrase it stands for, from which
    the speaker and source type are read.
    """

    type: str
    source: TextSpan | None
    cue: TextSpan | None
    content: tuple[TextSpan, ...]
    speaker: str | None
    source_type: str
    cue_class: str
    sentence: int
    role: str | None = None
    cue_rule: str = ""
    cue_weight: float = 1.0
    quoted_words: int = 0
    antecedent: TextSpan | None = None

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "type": self.type,
            "source": _span_dict(self.source, text),
            "cue": _span_dict(self.cue, text),
            "content": [c.to_dict(text) for c in self.content],
            "speaker": self.speaker,
            "role": self.role,
            "source_type": self.source_type,
            "cue_class": self.cue_class,
            "sentence": self.sentence,
            "quoted_words": self.quoted_words,
            "antecedent": _span_dict(self.antecedent, text),
        }


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """Who gets a voice: one row per speaker (canonical name, or the source as written)."""

    speaker: str
    source_type: str
    n_attributions: int
    n_quoted_words: int
    n_content_words: int

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "source_type": self.source_type,
            "n_attributions": self.n_attributions,
            "n_quoted_words": self.n_quoted_words,
            "n_content_words": self.n_content_words,
        }


@dataclass(frozen=True, slots=True)
class ScareQuote:
    """A short quoted phrase with no attribution in its sentence: the writer's distancing marks."""

    span: TextSpan
    sentence: int

    def to_dict(self, text: str) -> dict[str, Any]:
        return {**self.span.to_dict(text), "sentence": self.sentence}


@dataclass(frozen=True)
class AttributionData:
    """What the attribution dimension passes downstream.

    ``attributions`` in text order; ``content_spans`` sorted, merged character ranges of all
    attributed content (quoted words and reported speech; not the objects of the action cues the
    cue model adds, such as ``passed``, which stay in the writer's voice); ``speakers`` canonical speaker -> words
    quoted directly; ``scare_quotes`` the quoted phrases that are not attributions.
    """

    attributions: tuple[Attribution, ...] = ()
    content_spans: tuple[tuple[int, int], ...] = ()
    speakers: Mapping[str, int] = field(default_factory=dict)
    scare_quotes: tuple[ScareQuote, ...] = ()
    sources: tuple[SourceSummary, ...] = ()

    def is_attributed(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one attributed content range."""
        i = bisect_right(self.content_spans, (start, float("inf"))) - 1
        return i >= 0 and self.content_spans[i][0] <= start and end <= self.content_spans[i][1]


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted union of ``(start, end)`` ranges; touching ranges are merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)
