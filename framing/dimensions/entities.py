"""Entities: mentions of people, organisations, places and groups, grouped into entities.

Names are found by the shipped CRF tagger and grouped by coreference rules with pronouns
(:mod:`framing.entities.detect`, ``docs/actors.md``). Its ``data`` is a
:class:`framing.entities.EntitiesData`, which attribution and actors read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from ..entities.detect import EntityFinder
from ..results import DimensionOutput, ParsedDocument
from .base import Dimension

__all__ = ["Entities"]


class Entities(Dimension):
    """Entity mentions and coreference clusters (see :mod:`framing.entities`)."""

    name = "entities"
    lexicons = EntityFinder.lexicons
    SCORES: ClassVar[Mapping[str, str]] = {
        "n_entities": "distinct entities (people, organisations, places, groups) mentioned; count",
        "entity_mentions_per_100_words": "entity mentions (pronouns included) per 100 words; 0..~25",
    }

    def __init__(self, resources) -> None:  # type: ignore[no-untyped-def]
        super().__init__(resources)
        self.finder = EntityFinder(resources)

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        data = self.finder.find(doc)
        n = len(data.mentions)
        return DimensionOutput(
            scores={
                "n_entities": len(data.entities),
                "entity_mentions_per_100_words": 100.0 * n / doc.n_words if doc.n_words else 0.0,
            },
            data=data,
        )
