"""Attribution: quotes, reported speech, cue verbs, speakers and source types.

The extractor (:mod:`framing.attribution.extract`) finds attribution relations as character spans;
:mod:`framing.attribution.speakers` types sources and resolves speakers within a document; the
record types live in :mod:`framing.attribution.types`. The scoring dimension is
:class:`framing.dimensions.attribution.Attribution`.
"""

from __future__ import annotations

from .types import (
    CUE_CLASSES,
    SOURCE_TYPES,
    TYPES,
    Attribution,
    AttributionData,
    ScareQuote,
    SourceSummary,
    TextSpan,
)

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
