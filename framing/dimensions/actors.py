"""Actors: who a document talks about and quotes, how salient each is, and how it is portrayed.

Actors are the entities of the ``entities`` dimension (people, organisations, places and groups,
found by the CRF tagger and grouped by coreference, pronouns included; see ``docs/actors.md``).
Each actor record carries:

- its canonical name, type and every mention (pronouns flagged);
- **salience**: its share of all entity mentions, where it is first mentioned, and whether it
  appears in the headline (a first paragraph of one sentence without final punctuation, or the
  ``title`` metadata) and in the lede (the first body paragraph);
- its **role** from the attribution dimension: an actor whose entity is the source of an
  attribution (the speaker, through coreference: "he said" counts for the person "he" stands
  for) is ``quoted``; one mentioned elsewhere ``talked_about``; or ``both``;
- **portrayal** (:mod:`framing.portrayal`, ``docs/portrayal.md``): the sentiment toward each
  mention (not the sentence's tone), aggregated over the actor's mentions with a label, confidence
  and the strongest positive and negative mention with evidence (every mention is listed with its
  sentiment label and whether it may carry the actor's label); and its narrative role (hero,
  villain, victim or none) with probabilities and evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ..entities import EntitiesData
from ..portrayal import Portrayal, Portrayer
from ..results import DimensionOutput, Evidence, ParsedDocument
from ..target import TargetResult, TargetScorer
from .base import Dimension

__all__ = ["ActorRecord", "Actors", "ActorsData", "Mention", "Salience"]

#: Mean mention score at or beyond which an actor is labelled positive / negative (-1..1 scale).
ACTOR_LABEL_THRESHOLD = 0.05
#: A first paragraph of one sentence, without final punctuation and at most this many words, is a headline.
MAX_HEADLINE_WORDS = 30
#: Sources of target-sentiment cues that are lexicon entries, and so evidence items of the record.
CITEABLE_CUE_SOURCES = frozenset(("vader", "subjectivity_clues", "target_evaluative", "target_verbs", "target_roles"))
_NEUTRAL = TargetResult("neutral", 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: ``text[start:end]`` in sentence ``sentence``, the sentiment toward it, whether it
    is a pronoun standing for the actor, and whether it may carry the actor's label (``counts``; see
    :mod:`framing.portrayal`: it/its/they/their/them are listed and scored but do not), and whether
    its label singles the actor out (``distinct``: no other actor in the sentence, or one labelled
    differently)."""

    start: int
    end: int
    sentence: int
    sentiment: TargetResult
    pronoun: bool = False
    counts: bool = True
    distinct: bool = True


@dataclass(frozen=True, slots=True)
class Salience:
    """How prominent an actor is: share of the document's entity mentions (0..1), its first mention
    (character offset and sentence), and presence in the headline and the lede."""

    mention_share: float
    first_offset: int
    first_sentence: int
    in_headline: bool
    in_lede: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention_share": round(self.mention_share, 6),
            "first_offset": self.first_offset,
            "first_sentence": self.first_sentence,
            "in_headline": self.in_headline,
            "in_lede": self.in_lede,
        }


@dataclass(frozen=True)
class ActorRecord:
    """One actor of a document: canonical ``name``, ``type``, mentions, role, salience and sentiment."""

    name: str
    type: str
    mentions: tuple[Mention, ...]
    role: str
    n_quoted_words: int
    n_attributions: int
    entity: int = -1
    salience: Salience | None = None
    portrayal: Portrayal | None = None

    @property
    def sentiment_mean(self) -> float:
        """Mean sentiment toward the actor over its mentions; higher = more favourable; -1..1."""
        return sum(m.sentiment.score for m in self.mentions) / len(self.mentions) if self.mentions else 0.0

    @property
    def sentiment_label(self) -> str:
        if self.portrayal is not None:
            return self.portrayal.label
        mean = self.sentiment_mean
        if mean >= ACTOR_LABEL_THRESHOLD:
            return "positive"
        if mean <= -ACTOR_LABEL_THRESHOLD:
            return "negative"
        return "neutral"

    def _strongest(self, text: str, sign: int) -> dict[str, Any] | None:
        pool = [m for m in self.mentions if m.sentiment.score * sign > 0]
        if not pool:
            return None
        best = max(pool, key=lambda m: m.sentiment.score * sign)
        cues = sorted((c for c in best.sentiment.cues if c.value * sign > 0), key=lambda c: -abs(c.value))
        return {
            "start": best.start,
            "end": best.end,
            "sentence": best.sentence,
            "score": round(best.sentiment.score, 6),
            "evidence": [
                {"start": c.start, "end": c.end, "text": text[c.start : c.end], "rule": c.rule, "relation": c.relation}
                for c in cues
            ],
        }

    def to_dict(self, text: str) -> dict[str, Any]:
        n_pronouns = sum(m.pronoun for m in self.mentions)
        return {
            "name": self.name,
            "type": self.type,
            "mentions": [
                {
                    "start": m.start,
                    "end": m.end,
                    "pronoun": m.pronoun,
                    "counts": m.counts,
                    "distinct": m.distinct,
                    "sentiment": m.sentiment.label,
                }
                for m in self.mentions
            ],
            "n_mentions": len(self.mentions),
            "n_named_mentions": len(self.mentions) - n_pronouns,
            "n_pronoun_mentions": n_pronouns,
            "salience": self.salience.to_dict() if self.salience is not None else None,
            "sentiment": self.portrayal.sentiment_dict(text)
            if self.portrayal is not None
            else {
                "mean": round(self.sentiment_mean, 6),
                "label": self.sentiment_label,
                "n": len(self.mentions),
                "n_negative": sum(m.sentiment.label == "negative" for m in self.mentions),
                "n_positive": sum(m.sentiment.label == "positive" for m in self.mentions),
                "strongest_positive": self._strongest(text, 1),
                "strongest_negative": self._strongest(text, -1),
            },
            "role": self.role,
            "n_quoted_words": self.n_quoted_words,
            "n_attributions": self.n_attributions,
            **(self.portrayal.role_dict(text) if self.portrayal is not None else {}),
        }


@dataclass(frozen=True)
class ActorsData:
    """For later dimensions: the actors of the document, most mentioned first."""

    actors: tuple[ActorRecord, ...] = ()

    def by_name(self, name: str) -> ActorRecord | None:
        return next((a for a in self.actors if a.name == name), None)

    def by_entity(self, entity: int) -> ActorRecord | None:
        return next((a for a in self.actors if a.entity == entity), None)


class Actors(Dimension):
    """Actor records from entities: roles (quoted / talked about), salience and portrayal."""

    name = "actors"
    requires = ("entities", "attribution")
    lexicons = ("target_verbs", "target_cues", "target_evaluative")
    SCORES: ClassVar[Mapping[str, str]] = {
        "n_actors": "distinct actors named (people, organisations, places, groups); count",
        "actor_mentions_per_100_words": "actor mentions (pronouns included) per 100 words; higher = more"
        " actor-centred; 0..~25",
        "actor_sentiment": "mean sentiment toward actor mentions (not the sentences' tone);"
        " higher = actors cast more favourably; -1..1",
        "actor_negative_share": "share of actor mentions the text evaluates negatively; 0..1",
        "actor_positive_share": "share of actor mentions the text evaluates positively; 0..1",
        "quoted_actor_share": "share of actors that are quoted as a source; higher = more actors given a voice; 0..1",
    }

    def __init__(self, resources) -> None:  # type: ignore[no-untyped-def]
        super().__init__(resources)
        self.portrayer = Portrayer(resources, TargetScorer(resources))

    # -- scoring ----------------------------------------------------------------------------------
    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        entities = _entities(upstream)
        portrayals = self.portrayer.portray_entities(doc, entities)
        headline, lede = _headline_and_lede(doc)
        n_total = len(entities.mentions)
        roles = _roles(doc, entities, upstream)
        records: list[ActorRecord] = []
        evidence: list[Evidence] = []
        for e in entities.entities:
            portrayal = portrayals.get(e.id)
            scored = {(m.start, m.end): m for m in portrayal.mentions} if portrayal else {}
            mentions = []
            for i in e.mentions:
                m = entities.mentions[i]
                got = scored.get((m.start, m.end))
                if got is None:
                    mentions.append(Mention(m.start, m.end, m.sentence, _NEUTRAL, m.pronoun))
                else:
                    mentions.append(
                        Mention(m.start, m.end, m.sentence, got.sentiment, m.pronoun, got.counts, got.distinct)
                    )
            for sign in (1, -1) if portrayal is not None else ():
                best = portrayal.strongest(sign)
                if best is None:
                    continue
                res = best.sentiment
                evidence.extend(
                    Evidence(start, end, best.sentence, self.name, f"toward_{res.label}", entry, value)
                    for (start, end, entry), value in _citeable(res.cues, sign).items()
                )
            if not mentions:
                continue
            n_attr, words, source_starts = roles.get(e.id, (0, 0, set()))
            talked = any(m.start not in source_starts for m in mentions)
            role = "both" if n_attr and talked else "quoted" if n_attr else "talked_about"
            first = mentions[0]
            salience = Salience(
                mention_share=len(mentions) / n_total if n_total else 0.0,
                first_offset=first.start,
                first_sentence=first.sentence,
                in_headline=any(m.sentence in headline for m in mentions),
                in_lede=any(m.sentence in lede for m in mentions),
            )
            records.append(ActorRecord(e.name, e.type, tuple(mentions), role, words, n_attr, e.id, salience, portrayal))
        records.sort(key=lambda r: (-len(r.mentions), r.mentions[0].start))
        all_mentions = [m for r in records for m in r.mentions]
        n = len(all_mentions)
        scores = {
            "n_actors": len(records),
            "actor_mentions_per_100_words": 100.0 * n / doc.n_words if doc.n_words else 0.0,
            "actor_sentiment": sum(m.sentiment.score for m in all_mentions) / n if n else 0.0,
            "actor_negative_share": sum(m.sentiment.label == "negative" for m in all_mentions) / n if n else 0.0,
            "actor_positive_share": sum(m.sentiment.label == "positive" for m in all_mentions) / n if n else 0.0,
            "quoted_actor_share": (
                sum(r.role in ("quoted", "both") for r in records) / len(records) if records else 0.0
            ),
        }
        return DimensionOutput(
            scores=scores, evidence=evidence, blocks={"actors": records}, data=ActorsData(tuple(records))
        )


def _citeable(cues: Sequence[Any], sign: int) -> dict[tuple[int, int, str], float]:
    """The cues of one mention's score that a reader can cite: lexicon entries (``vader:failed``,
    ``target_verbs:blasted``), each span once with the summed contribution of its features in the
    direction of the label. Word and sentence features still count in the score (and are listed in
    the actor's ``strongest_*`` block) but are not evidence items."""
    out: dict[tuple[int, int, str], float] = {}
    for c in cues:
        if c.value * sign > 0 and c.relation.partition(":")[0] in CITEABLE_CUE_SOURCES:
            key = (c.start, c.end, c.relation)
            out[key] = out.get(key, 0.0) + c.value
    return out


def _entities(upstream: Mapping[str, DimensionOutput]) -> EntitiesData:
    out = upstream.get("entities")
    data = getattr(out, "data", None)
    return data if isinstance(data, EntitiesData) else EntitiesData()


def _roles(
    doc: ParsedDocument, entities: EntitiesData, upstream: Mapping[str, DimensionOutput]
) -> dict[int, tuple[int, int, set[int]]]:
    """Entity -> (attributions, quoted words, start offsets of its mentions that are sources).

    The speaker of an attribution is the entity of its source span (the mention overlapping it
    most; "Pentagon press secretary John Kirby" is John Kirby); without a source span, the entity
    whose canonical name is the attribution's resolved speaker.
    """
    data = getattr(upstream.get("attribution"), "data", None)
    attributions: Sequence[Any] = getattr(data, "attributions", ()) or ()
    by_name = {e.name: e.id for e in entities.entities}
    out: dict[int, tuple[int, int, set[int]]] = {}
    for att in attributions:
        who: int | None = None
        starts: set[int] = set()
        src = att.source
        if src is not None:
            inside = entities.mentions_in(src.start, src.end)
            if inside:
                head = max(inside, key=lambda m: (min(src.end, m.end) - max(src.start, m.start), m.end))
                who = head.entity
                starts = {m.start for m in inside if m.entity == who}
        if who is None and att.speaker:
            who = by_name.get(att.speaker)
        if who is None:
            continue
        n, words, seen = out.get(who, (0, 0, set()))
        out[who] = (n + 1, words + int(getattr(att, "quoted_words", 0) or 0), seen | starts)
    return out


def _headline_and_lede(doc: ParsedDocument) -> tuple[set[int], set[int]]:
    """Sentence indices of the headline and of the lede (the first body paragraph)."""
    sentences = doc.sentences
    if not sentences:
        return set(), set()
    headline: set[int] = set()
    first_par = sentences[0].paragraph
    in_first = [s for s in sentences if s.paragraph == first_par]
    text = doc.text[in_first[0].start : in_first[-1].end]
    title = str(doc.meta.get("title") or "").strip()
    if title and text.strip() == title:
        headline = {s.index for s in in_first}
    elif len(in_first) == 1 and text.rstrip()[-1:] not in '.!?"”’)' and len(text.split()) <= MAX_HEADLINE_WORDS:
        headline = {in_first[0].index}
    rest = [s for s in sentences if s.index not in headline]
    lede = {s.index for s in rest if s.paragraph == rest[0].paragraph} if rest else set()
    return headline, lede
