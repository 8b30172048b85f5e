"""Entities: mentions of people, organisations, places and groups, grouped into entities.

Its ``data`` is a :class:`framing.entities.EntitiesData` (see that module); it adds no scores of
its own beyond counts, and later dimensions (attribution, actors) read the mentions and entities.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from ..entities import EntitiesData, Entity, EntityMention
from ..results import DimensionOutput, ParsedDocument
from ..target import ACTOR_CUES_LEXICON, GAZETTEER_LEXICON, name_spans
from .base import Dimension

__all__ = ["GAZETTEER_TYPES", "Entities"]

#: Gazetteer category -> entity type.
GAZETTEER_TYPES: Mapping[str, str] = {
    "person": "person",
    "government": "organization",
    "international_organization": "organization",
    "armed_group": "organization",
    "company": "organization",
    "media": "organization",
    "country": "place",
    "place": "place",
}


class Entities(Dimension):
    """Entity mentions and coreference clusters (see :mod:`framing.entities`)."""

    name = "entities"
    lexicons = (GAZETTEER_LEXICON, ACTOR_CUES_LEXICON)
    SCORES: ClassVar[Mapping[str, str]] = {
        "n_entities": "distinct entities (people, organisations, places, groups) mentioned; count",
        "entity_mentions_per_100_words": "entity mentions (pronouns included) per 100 words; 0..~25",
    }

    def __init__(self, resources) -> None:  # type: ignore[no-untyped-def]
        super().__init__(resources)
        cues = resources.lexicon(ACTOR_CUES_LEXICON)
        self.titles = cues.terms("title")
        self.org_heads = cues.terms("org_head")
        self.not_name = cues.terms("not_name")

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        data = self.find(doc)
        n = len(data.mentions)
        return DimensionOutput(
            scores={
                "n_entities": len(data.entities),
                "entity_mentions_per_100_words": 100.0 * n / doc.n_words if doc.n_words else 0.0,
            },
            data=data,
        )

    def find(self, doc: ParsedDocument) -> EntitiesData:
        tokens = doc.tokens
        spans: list[tuple[int, int, str, str]] = []  # token start, end, type, canonical name
        taken: set[int] = set()
        for m in doc.matches_in(GAZETTEER_LEXICON):
            if any(k in taken for k in range(m.tok_start, m.tok_end)):
                continue
            spans.append((m.tok_start, m.tok_end, GAZETTEER_TYPES.get(m.category, "organization"), m.term))
            taken.update(range(m.tok_start, m.tok_end))
        for first, end in doc.sentence_tokens:
            for a, b in name_spans(tokens[first:end], self.not_name):
                ga, gb = first + a, first + b
                if any(k in taken for k in range(ga, gb)):
                    continue
                while ga < gb - 1 and tokens[ga].norm in self.titles:
                    ga += 1
                kind = "organization" if tokens[gb - 1].norm in self.org_heads else "person"
                if gb - ga < 2 and not (ga > first and tokens[ga - 1].norm in self.titles):
                    kind = "single"  # kept only as the surname of a person named before
                spans.append((ga, gb, kind, " ".join(t.text for t in tokens[ga:gb])))
                taken.update(range(ga, gb))
        spans.sort()
        return build(doc, spans)


def build(doc: ParsedDocument, spans: list[tuple[int, int, str, str]]) -> EntitiesData:
    """Mentions and entities from ``(token start, token end, type, canonical name)`` spans in text
    order; spans with the same canonical name, or a lone surname of a person named before, are one entity."""
    tokens = doc.tokens
    names: dict[str, int] = {}
    surnames: dict[str, str] = {}
    members: list[list[int]] = []
    meta: list[tuple[str, str]] = []
    mentions: list[EntityMention] = []
    for a, b, kind, name in spans:
        if kind == "single":
            if name not in surnames:
                continue
            kind = "person"
        if kind == "person" and " " not in name and name in surnames:
            name = surnames[name]
        if kind == "person" and " " in name:
            surnames.setdefault(name.split()[-1], name)
        eid = names.get(name)
        if eid is None:
            eid = names[name] = len(members)
            members.append([])
            meta.append((name, kind))
        members[eid].append(len(mentions))
        start, stop = tokens[a].start, tokens[b - 1].end
        mentions.append(EntityMention(start, stop, doc.sentence_of(start), meta[eid][1], eid, False, True))
    entities = tuple(Entity(i, meta[i][0], meta[i][1], tuple(ms)) for i, ms in enumerate(members))
    return EntitiesData(tuple(mentions), entities)
