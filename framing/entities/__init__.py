"""Entities of a document: mentions of people, organisations, places and groups, and who is who.

The ``entities`` dimension (:mod:`framing.dimensions.entities`) finds every mention and groups the
mentions that refer to one entity (coreference: "Sen. Josh Hawley" ... "Hawley" ... "he"). Its
``DimensionOutput.data`` is an :class:`EntitiesData`, which later dimensions read: attribution maps a
source span to its entity, actors builds one record per entity, portrayal scores each mention.

- :class:`EntityMention`: ``text[start:end]``, its sentence, type, entity and flags.
- :class:`Entity`: one coreference cluster with a canonical name ("Ivanka Trump").
- :class:`EntitiesData`: both, with lookups by character range.

Types are :data:`ENTITY_TYPES`: ``person``, ``organization``, ``place`` (countries, cities,
regions) and ``group`` (nationalities, parties' members and other named collectives used as
actors: "Democrats", "Russians").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ENTITY_TYPES", "EntitiesData", "Entity", "EntityMention"]

ENTITY_TYPES = ("person", "organization", "place", "group")


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention: ``text[start:end]`` in sentence ``sentence``.

    ``type`` is one of :data:`ENTITY_TYPES`; ``entity`` the index of its entity in
    :attr:`EntitiesData.entities`; ``pronoun`` is true for a pronoun (he, she, they, it, his, her...)
    resolved to that entity; ``named`` is true when the mention contains a proper noun (a name,
    not "the senator" or "she").
    """

    start: int
    end: int
    sentence: int
    type: str
    entity: int
    pronoun: bool
    named: bool

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": text[self.start : self.end],
            "sentence": self.sentence,
            "pronoun": self.pronoun,
            "named": self.named,
        }


@dataclass(frozen=True)
class Entity:
    """One entity (coreference cluster): canonical ``name``, ``type`` and its ``mentions``.

    ``mentions`` are indices into :attr:`EntitiesData.mentions`, in text order.
    """

    id: int
    name: str
    type: str
    mentions: tuple[int, ...]


@dataclass(frozen=True)
class EntitiesData:
    """Every entity mention of a document (in text order) and the entities they form."""

    mentions: tuple[EntityMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    _starts: list[int] = field(init=False, repr=False, compare=False)
    _max_len: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [m.start for m in self.mentions])
        object.__setattr__(self, "_max_len", max((m.end - m.start for m in self.mentions), default=0))

    def mentions_in(self, start: int, end: int) -> tuple[EntityMention, ...]:
        """Mentions that overlap ``[start, end)``, in text order."""
        if end <= start or not self.mentions:
            return ()
        lo = bisect_left(self._starts, start - self._max_len)
        hi = bisect_right(self._starts, end - 1)
        return tuple(m for m in self.mentions[lo:hi] if m.start < end and start < m.end)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity of the mention overlapping ``[start, end)`` most (ties: the later, inner-most
        mention, as the head of "Pentagon press secretary John Kirby"); None if none overlaps."""
        best: EntityMention | None = None
        best_overlap = 0
        for m in self.mentions_in(start, end):
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap or (overlap == best_overlap and best is not None and m.start >= best.start):
                best, best_overlap = m, overlap
        return None if best is None else self.entities[best.entity]

    def mentions_of(self, entity: int) -> tuple[EntityMention, ...]:
        """The mentions of entity ``entity``, in text order."""
        return tuple(self.mentions[i] for i in self.entities[entity].mentions)
