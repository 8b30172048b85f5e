"""Actors: who a document talks about and quotes, and the sentiment expressed toward each of them.

Mentions come from three sources, in this order of precedence:

1. the user's actor list (``Analyzer(actors={"Joe Biden": ["Biden", "President Biden"]})``);
2. the gazetteer ``lexicons/gazetteer_actors.tsv`` (leaders, governments, international
   organisations, armed groups, companies, media, countries with their demonyms, capitals), matched
   in the analyser's single lexicon pass;
3. capitalisation and title patterns: a capitalised run introduced by a title ("Pentagon press
   secretary John Kirby", "Undersecretary of Defense for Policy Colin Kahl") is a person, one that
   ends in an organisation word ("Curtin University") an organisation, and a two-word-or-longer run
   that is the source of an attribution a person.

Aliases merge within the document: the gazetteer maps spelling variants to one canonical name
(Zelenskiy/Zelensky -> Volodymyr Zelensky), and a lone capitalised word equal to the last name of a
person already found ("Kirby", "Muraviev") is a mention of that person. A demonym that only
introduces a titled person ("Russian President Vladimir Putin") is not counted as a country mention.

Each mention gets :func:`framing.target.TargetScorer.score_tokens` (sentiment toward the mention,
not the sentence's tone); an actor's sentiment is the mean over its mentions. Roles come from the
attribution dimension: an actor whose mention is the source of an attribution (or whose canonical
name is a resolved speaker) is ``quoted``; one mentioned elsewhere is ``talked_about``; ``both``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, ClassVar

from ..lexicon import Entry, Lexicon, Matcher
from ..results import DimensionOutput, Evidence, ParsedDocument
from ..target import ACTOR_CUES_LEXICON, GAZETTEER_LEXICON, TargetResult, TargetScorer, name_spans
from .base import Dimension

__all__ = ["ActorRecord", "Actors", "ActorsData", "Mention"]

#: Mean mention score at or beyond which an actor is labelled positive / negative (-1..1 scale).
ACTOR_LABEL_THRESHOLD = 0.05
#: Pattern actors without a title or organisation word need at least this many capitalised words.
MIN_PATTERN_NAME_WORDS = 2
#: Gazetteer categories that are people (for last-name merging).
PERSON_TYPES = frozenset(("person",))
USER_LEXICON = "user_actors"


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: ``text[start:end]`` in sentence ``sentence``, and the sentiment toward it."""

    start: int
    end: int
    sentence: int
    sentiment: TargetResult


@dataclass(frozen=True)
class ActorRecord:
    """One actor of a document: canonical ``name``, ``type``, mentions, role and sentiment."""

    name: str
    type: str
    mentions: tuple[Mention, ...]
    role: str
    n_quoted_words: int
    n_attributions: int

    @property
    def sentiment_mean(self) -> float:
        """Mean sentiment toward the actor over its mentions; higher = more favourable; -1..1."""
        return sum(m.sentiment.score for m in self.mentions) / len(self.mentions) if self.mentions else 0.0

    @property
    def sentiment_label(self) -> str:
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
        return {
            "name": self.name,
            "type": self.type,
            "mentions": [{"start": m.start, "end": m.end} for m in self.mentions],
            "n_mentions": len(self.mentions),
            "sentiment": {
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
        }


@dataclass(frozen=True)
class ActorsData:
    """For later dimensions: the actors of the document, most mentioned first."""

    actors: tuple[ActorRecord, ...] = ()

    def by_name(self, name: str) -> ActorRecord | None:
        return next((a for a in self.actors if a.name == name), None)


@dataclass
class _Found:
    name: str
    type: str
    tok_start: int
    tok_end: int
    sentence: int
    source: str  # user, gazetteer, pattern, surname


class Actors(Dimension):
    """Actor mentions, roles (quoted / talked about) and sentiment toward each actor."""

    name = "actors"
    requires = ("attribution", "sentiment")
    lexicons = (GAZETTEER_LEXICON, ACTOR_CUES_LEXICON, "target_verbs", "target_cues", "target_evaluative")
    SCORES: ClassVar[Mapping[str, str]] = {
        "n_actors": "distinct actors named (people, organisations, countries, places, media); count",
        "actor_mentions_per_100_words": "actor mentions per 100 words; higher = more actor-centred; 0..~20",
        "actor_sentiment": "mean sentiment toward actor mentions (not the sentences' tone);"
        " higher = actors cast more favourably; -1..1",
        "actor_negative_share": "share of actor mentions the text evaluates negatively; 0..1",
        "actor_positive_share": "share of actor mentions the text evaluates positively; 0..1",
        "quoted_actor_share": "share of actors that are quoted as a source; higher = more actors given a voice; 0..1",
    }

    def __init__(self, resources) -> None:  # type: ignore[no-untyped-def]
        super().__init__(resources)
        self.scorer = TargetScorer(resources)
        cues = resources.lexicon(ACTOR_CUES_LEXICON)
        self.titles = cues.terms("title")
        self.org_heads = cues.terms("org_head")
        self.not_name = cues.terms("not_name")
        gaz = resources.lexicon(GAZETTEER_LEXICON)
        self.gazetteer_types = {e.term: e.category for e in gaz.entries}
        self.gazetteer_aliases = {f.lower(): e.term for e in gaz.entries for f in e.forms}
        self.user_matcher: Matcher | None = None
        user = resources.actors
        if user:
            entries = []
            for canonical, aliases in user.items():
                for alias in dict.fromkeys((canonical, *aliases)):
                    if alias.strip():
                        entries.append(Entry(canonical, "user", 1.0, (alias,), alias != alias.lower()))
            lex = Lexicon(USER_LEXICON, "user", "en", "user", "Analyzer(actors=...)", tuple(entries))
            self.user_matcher = Matcher([lex])

    # -- detection --------------------------------------------------------------------------------
    def _detect(self, doc: ParsedDocument) -> list[_Found]:
        tokens = doc.tokens
        found: list[_Found] = []
        taken: set[int] = set()

        def add(name: str, type_: str, a: int, b: int, source: str) -> None:
            if any(k in taken for k in range(a, b)):
                return
            sent = doc.sentence_of(tokens[a].start)
            found.append(_Found(name, type_, a, b, sent, source))
            taken.update(range(a, b))

        if self.user_matcher is not None:
            for m in self.user_matcher.find(doc.text, tokens):
                add(m.term, self.gazetteer_types.get(m.term, "user"), m.tok_start, m.tok_end, "user")
        for m in doc.matches_in(GAZETTEER_LEXICON):
            if m.category == "country" and self._introduces_title(tokens, m.tok_end):
                taken.update(range(m.tok_start, m.tok_end))
                continue
            add(m.term, m.category, m.tok_start, m.tok_end, "gazetteer")
        persons: dict[str, str] = {}
        for f in found:
            if f.type in PERSON_TYPES or (f.source == "user" and " " in f.name):
                persons.setdefault(f.name.split()[-1], f.name)
        pattern: list[tuple[int, int, str, str]] = []
        for first, end in doc.sentence_tokens:
            sent_tokens = tokens[first:end]
            for a, b in name_spans(sent_tokens, self.not_name):
                ga, gb = first + a, first + b
                if any(k in taken for k in range(ga, gb)):
                    continue
                kind, a2 = self._classify(tokens, ga, gb, first)
                if kind is None:
                    continue
                name = " ".join(t.text for t in tokens[a2:gb])
                pattern.append((a2, gb, name, kind))
                if kind == "person" and gb - a2 >= MIN_PATTERN_NAME_WORDS:
                    persons.setdefault(tokens[gb - 1].text, name)
        for a, b, name, kind in pattern:
            if kind == "single":
                continue
            add(name, kind, a, b, "pattern")
        for first, end in doc.sentence_tokens if persons else ():  # a lone surname of a person named before
            for k in range(first, end):
                tok = tokens[k]
                full = persons.get(tok.text)
                if full is None or k in taken or tok.kind != "word" or not tok.text[:1].isupper():
                    continue
                if k + 1 >= end or not tokens[k + 1].text[:1].isupper():
                    add(full, "person", k, k + 1, "surname")
        found.sort(key=lambda f: f.tok_start)
        return found

    def _introduces_title(self, tokens: Sequence[Any], k: int) -> bool:
        """A demonym followed by title words and a capitalised name (Russian President Vladimir Putin)."""
        j = k
        while j < len(tokens) and tokens[j].norm in self.titles:
            j += 1
        return j > k and j < len(tokens) and tokens[j].text[:1].isupper()

    def _classify(self, tokens: Sequence[Any], a: int, b: int, first: int) -> tuple[str | None, int]:
        """Kind of a capitalised run ``[a, b)``: person, organization, single (a lone word) or None."""
        words = [t.norm for t in tokens[a:b]]
        if words[-1] in self.org_heads:
            return "organization", a
        k = a
        while k < b - 1 and (tokens[k].norm in self.titles or (k > a and tokens[k].norm in ("of", "for"))):
            k += 1
        titled = k > a or (a - 1 >= first and tokens[a - 1].norm in self.titles)
        if titled and b - k >= 1 and tokens[b - 1].norm not in self.titles:
            return "person", k
        if b - a >= MIN_PATTERN_NAME_WORDS and self._speaks(tokens, a, b):
            return "person", a
        return ("single" if b - a == 1 else None), a

    def _speaks(self, tokens: Sequence[Any], a: int, b: int) -> bool:
        speech = self.scorer.speech
        after = tokens[b].norm if b < len(tokens) else ""
        before = tokens[a - 1].norm if a > 0 else ""
        return after in speech or before in speech

    # -- scoring ----------------------------------------------------------------------------------
    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        text = doc.text
        found = self._detect(doc)
        matches = sorted(doc.matches, key=attrgetter("tok_start"))
        starts = [m.tok_start for m in matches]
        by_sentence: dict[int, list[_Found]] = {}
        for f in found:
            by_sentence.setdefault(f.sentence, []).append(f)
        mentions: dict[str, list[Mention]] = {}
        types: dict[str, str] = {}
        evidence: list[Evidence] = []
        for si, group in by_sentence.items():
            if si < 0:
                continue
            first, end = doc.sentence_tokens[si]
            sent_tokens = doc.tokens[first:end]
            lo, hi = bisect_left(starts, first), bisect_left(starts, end)
            sent_matches = [m for m in matches[lo:hi] if m.tok_end <= end]
            local = [(f.tok_start - first, f.tok_end - first) for f in group]
            for f, (a, b) in zip(group, local):
                others = [r for r in local if r != (a, b)]
                res = self.scorer.score_tokens(sent_tokens, (a, b), sent_matches, others, first)
                start, stop = doc.tokens[f.tok_start].start, doc.tokens[f.tok_end - 1].end
                mentions.setdefault(f.name, []).append(Mention(start, stop, si, res))
                types.setdefault(f.name, f.type)
                if res.label != "neutral":
                    for c in res.cues:
                        if (c.value > 0) == (res.raw > 0):
                            evidence.append(
                                Evidence(c.start, c.end, si, self.name, f"toward_{res.label}", c.rule, c.value)
                            )
        records = self._records(text, mentions, types, upstream)
        n_mentions = sum(len(r.mentions) for r in records)
        all_mentions = [m for r in records for m in r.mentions]
        scores = {
            "n_actors": len(records),
            "actor_mentions_per_100_words": 100.0 * n_mentions / doc.n_words if doc.n_words else 0.0,
            "actor_sentiment": sum(m.sentiment.score for m in all_mentions) / n_mentions if n_mentions else 0.0,
            "actor_negative_share": (
                sum(m.sentiment.label == "negative" for m in all_mentions) / n_mentions if n_mentions else 0.0
            ),
            "actor_positive_share": (
                sum(m.sentiment.label == "positive" for m in all_mentions) / n_mentions if n_mentions else 0.0
            ),
            "quoted_actor_share": (
                sum(r.role in ("quoted", "both") for r in records) / len(records) if records else 0.0
            ),
        }
        return DimensionOutput(
            scores=scores,
            evidence=evidence,
            blocks={"actors": records},
            data=ActorsData(tuple(records)),
        )

    def _records(
        self,
        text: str,
        mentions: Mapping[str, list[Mention]],
        types: Mapping[str, str],
        upstream: Mapping[str, DimensionOutput],
    ) -> list[ActorRecord]:
        data = upstream.get("attribution")
        attributions = getattr(getattr(data, "data", None), "attributions", ()) or ()
        quoted_words: dict[str, int] = {}
        n_attr: dict[str, int] = {}
        source_mentions: set[tuple[str, int]] = set()
        surnames = {name.split()[-1]: name for name in mentions if " " in name}
        for att in attributions:
            who: str | None = None
            src = att.source
            if src is not None:
                head = self._source_head(text, src.start, src.end, mentions)
                if head is not None:
                    who = head[0]
                    source_mentions.add(head)
            if who is None and att.speaker:
                who = self._resolve_speaker(att.speaker, mentions, surnames)
            if who is None:
                continue
            n_attr[who] = n_attr.get(who, 0) + 1
            quoted_words[who] = quoted_words.get(who, 0) + int(getattr(att, "quoted_words", 0) or 0)
        records = []
        for name, ms in mentions.items():
            quoted = n_attr.get(name, 0) > 0
            talked = any((name, m.start) not in source_mentions for m in ms)
            role = "both" if quoted and talked else "quoted" if quoted else "talked_about"
            records.append(
                ActorRecord(name, types[name], tuple(ms), role, quoted_words.get(name, 0), n_attr.get(name, 0))
            )
        records.sort(key=lambda r: (-len(r.mentions), r.mentions[0].start))
        return records

    @staticmethod
    def _source_head(text: str, start: int, end: int, mentions: Mapping[str, list[Mention]]) -> tuple[str, int] | None:
        """The mention that heads a source span: the last one inside it, with no word after it.

        "Pentagon press secretary John Kirby" is John Kirby, not the Pentagon; "the Russian leader"
        is not Russia.
        """
        best: tuple[int, str, int] | None = None
        for name, ms in mentions.items():
            for m in ms:
                if m.start < end and start < m.end and (best is None or m.end > best[0]):
                    best = (m.end, name, m.start)
        if best is None or any(ch.isalnum() for ch in text[best[0] : end].replace("'s", "").replace("’s", "")):
            return None
        return best[1], best[2]

    def _resolve_speaker(
        self, speaker: str, mentions: Mapping[str, list[Mention]], surnames: Mapping[str, str]
    ) -> str | None:
        if speaker in mentions:
            return speaker
        canonical = self.gazetteer_aliases.get(speaker.lower())
        if canonical in mentions:
            return canonical
        last = speaker.split()[-1] if speaker.split() else ""
        return surnames.get(last) or (last if last in mentions else None)
