"""Attribution and sourcing: who is quoted, how the writer introduces them, named versus anonymous.

Wire-style reporting attributes its claims; editorialising does not. This dimension extracts every
attribution (source, cue and content spans; direct, indirect, mixed or according-to), resolves
speakers to canonical names within the document, types each source (person, organisation,
anonymous individual, vague group, document) and classes each cue's stance (neutral, distancing, emphatic) from the
``reporting_verbs`` lexicon. Its ``data`` (:class:`AttributionData`) tells later dimensions which
character ranges are attributed speech.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import ClassVar

from ..attribution.cue_model import CUE_LEXICON, CueModel, shipped_cue_model
from ..attribution.extract import (
    ExtractorConfig,
    RawAttribution,
    WordCounter,
    extract,
    scare_quote_records,
    to_text_span,
)
from ..attribution.speakers import NameIndex, SourceConfig, SourceInfo, describe_source
from ..attribution.types import Attribution as AttributionRecord
from ..attribution.types import AttributionData, SourceSummary, TextSpan, merge_spans
from ..entities import EntitiesData
from ..results import DimensionOutput, Evidence, ParsedDocument
from ..text import Token
from .base import Dimension

__all__ = ["Attribution", "AttributionData", "AttributionRecord", "SourceSummary", "TextSpan"]

#: Evidence weight of an anonymous source and of a scare quote (counts; 1 each).
ANONYMOUS_SOURCE_WEIGHT = 1.0
SCARE_QUOTE_WEIGHT = 1.0
#: A capitalised run of at least this many name words is recorded as a full name.
MIN_FULL_NAME_WORDS = 2
#: A pronoun goes to the last person speaker who spoke at most this many sentences before.
PRONOUN_SPEAKER_WINDOW = 1
#: Otherwise to the last person named at the start of one of this many previous sentences.
PRONOUN_MENTION_WINDOW = 3
#: Source phrases typed by ``describe_source`` are remembered per process, keyed by their tokens'
#: text and kind (never by document), up to this many distinct phrases, so memory stays bounded.
SOURCE_MEMO_SIZE = 20_000
_CUE_RULES = {":": "rule:label_colon", "dash": "rule:quote_dash"}
_PRONOUN_PERSON = frozenset(("he", "him", "she", "her"))
_PRONOUN_GROUP = frozenset(("they", "them", "we"))
_PRONOUN_THING = frozenset(("it",))


def extractor_config(resources, cue_model: CueModel | None) -> ExtractorConfig:  # type: ignore[no-untyped-def]
    """The extractor's word classes from the ``source_nouns`` and ``attribution_syntax`` lexicons."""
    nouns = resources.lexicon("source_nouns")
    syntax = resources.lexicon("attribution_syntax")
    return ExtractorConfig(
        titles=nouns.terms("title"),
        role_words=nouns.terms("role_word"),
        anonymous=nouns.terms("anonymous") | nouns.terms("vague"),
        organizations=nouns.terms("organization"),
        documents=nouns.terms("document"),
        media=nouns.terms("media"),
        pronouns=nouns.terms("pronoun_m")
        | nouns.terms("pronoun_f")
        | nouns.terms("pronoun_plural")
        | nouns.terms("pronoun_thing"),
        determiners=nouns.terms("determiner"),
        aux=nouns.terms("aux"),
        noun_cues=nouns.terms("noun_cue"),
        catenatives=syntax.terms("catenative"),
        passive_cues=syntax.terms("passive_cue"),
        adjective_cues=syntax.terms("adjective_cue"),
        nominal_cues=syntax.terms("nominal_cue"),
        subordinators=syntax.terms("subordinator"),
        np_prepositions=syntax.terms("np_preposition"),
        quantifiers=syntax.terms("quantifier"),
        relatives=syntax.terms("relative"),
        ly_words=syntax.terms("ly_word"),
        discourse_adverbs=syntax.terms("discourse_adverb"),
        speech_verbs=syntax.terms("speech_verb"),
        non_speaker_labels=syntax.terms("non_speaker_label"),
        function_words=resources.function_words,
        cue_model=cue_model,
    )


class Attribution(Dimension):
    """Attribution density, quoted share, source mix and cue stance (see ``docs/attribution.md``)."""

    name = "attribution"
    requires = ("entities",)
    lexicons = ("reporting_verbs", "source_nouns", "attribution_syntax", "gazetteer_actors", "first_names")
    SCORES: ClassVar[Mapping[str, str]] = {
        "attributions_per_100_words": "attributions per 100 words; higher = more sourced, wire-like; 0..~5",
        "attributed_sentence_share": "share of sentences with attributed content or a cue; higher = more sourced; 0..1",
        "quoted_word_share": "share of words inside attributed direct quotes; higher = more quoted speech; 0..1",
        "n_sources": "distinct sources (speakers, organisations, anonymous sources as written); count",
        "anonymous_source_share": "share of attributions whose source is an anonymous individual (an official); 0..1",
        "vague_source_share": "share of attributions whose source is a vague group (critics, experts, some); 0..1",
        "loaded_cue_share": "share of attributions with a distancing cue (claimed, alleged, insisted); 0..1",
        "emphatic_cue_share": "share of attributions with an emphatic cue (warned, stressed, urged); 0..1",
    }

    def __init__(self, resources) -> None:  # type: ignore[no-untyped-def]
        super().__init__(resources)
        nouns = resources.lexicon("source_nouns")
        self.config = extractor_config(resources, shipped_cue_model())
        self.sources = SourceConfig(
            titles=nouns.terms("title"),
            role_words=nouns.terms("role_word"),
            anonymous=nouns.terms("anonymous"),
            vague=nouns.terms("vague") | nouns.terms("vague_collective"),
            organizations=nouns.terms("organization"),
            documents=nouns.terms("document"),
            media=nouns.terms("media"),
            pronouns=self.config.pronouns,
            determiners=nouns.terms("determiner"),
            institutions=frozenset(
                form.lower()
                for e in resources.lexicon("gazetteer_actors").entries
                if e.category != "person"
                for form in e.forms
            ),
        )
        names = resources.lexicon("first_names")
        self._sexes = {e.term.lower(): e.category for e in names.entries}
        self._stop = resources.function_words
        self._described: dict[tuple[tuple[str, str], ...], SourceInfo] = {}

    def _describe(self, toks: Sequence[Token]) -> SourceInfo:
        """``describe_source`` of a token run (it reads only the tokens' text, kind and norm)."""
        key = tuple((t.text, t.kind) for t in toks)
        info = self._described.get(key)
        if info is None:
            info = describe_source(toks, self.sources, self._stop)
            if len(self._described) < SOURCE_MEMO_SIZE:
                self._described[key] = info
        return info

    def phrase_type(self, toks: Sequence[Token]) -> str:
        """Source type of a phrase read alone: a role without a name (``the president``) is a person
        named elsewhere; a pronoun or an untyped phrase is ``unknown`` (its type comes from context)."""
        info = self._describe(toks)
        if info.source_type == "unknown" and info.role:
            return "person"
        return info.source_type

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        cues = doc.matches_in("reporting_verbs")
        raws, scare_idx = extract(doc, cues, self.config)
        entities = upstream.get("entities")
        records = self._resolve(doc, raws, entities.data if entities is not None else None)
        scare = scare_quote_records(doc, scare_idx)
        return build_output(doc, records, scare, self.name)

    # -- speakers ---------------------------------------------------------------------------
    def _resolve(
        self, doc: ParsedDocument, raws: list[RawAttribution], entities: EntitiesData | None = None
    ) -> list[AttributionRecord]:
        names, mentions = self._name_index(doc)
        count = WordCounter(doc)
        quote_starts = [q.start for q in doc.quotes]
        salience = Counter(name for _, name, _ in mentions)
        by_cue = sorted(raws, key=lambda r: r.cue[0])
        resolved: dict[int, AttributionRecord] = {}
        history: list[tuple[int, str, str]] = []  # (sentence, source_type, speaker) in cue order
        for r in by_cue:
            phrase = r.antecedent or r.source
            info = self._describe(doc.tokens[phrase[0] : phrase[1]]) if phrase else SourceInfo("unknown", None, None)
            speaker: str | None = None
            stype = info.source_type
            role = info.role
            if stype == "person" and info.name:
                speaker = names.canonical(info.name)
                if " " not in speaker and not info.role and not names.known(speaker):
                    stype = "unknown"  # a lone capitalised word: a person, a place or a body
            elif info.pronoun and info.pronoun not in _FIRST_PERSON:
                speaker, stype = _resolve_pronoun(info.pronoun, r.sentence, history, mentions, names, doc, self._sexes)
            elif stype == "organization":
                speaker = info.label or None
            elif stype == "unknown" and info.role:
                speaker = names.by_role(info.role, r.cue[0], salience)
                stype = "person"
            if entities is not None and phrase and (info.pronoun or stype in ("person", "organization", "unknown")):
                found = _named_entity(doc, entities, phrase)
                if info.pronoun in _FIRST_PERSON:
                    found = None  # "I", "we": the writer, or a speaker only a quote identifies
                elif info.pronoun in _PRONOUN_PERSON and found is not None and found[1] != "person":
                    found = None  # "he" is not a place or a body
                elif info.pronoun in _PRONOUN_PERSON and _recent_person_speaker(
                    history, r.sentence, info.pronoun, self._sexes
                ):
                    found = None  # "“…,” he said" right after a quoted person: that speaker goes on
                if found is not None:  # the source's entity through coreference ("he", "the senator", "Kirby")
                    if info.pronoun or stype == "unknown" or (stype == "person" and not speaker):
                        speaker, stype = found  # a name read from the phrase itself is kept
            if speaker and stype in ("person", "organization"):
                history.append((r.sentence, stype, speaker))
            content = tuple(TextSpan(s, e) for s, e in r.content)
            quoted = sum(count(q.inner_start, q.inner_end) for q in _content_quotes(doc, r, quote_starts))
            resolved[id(r)] = AttributionRecord(
                type=r.type,
                source=to_text_span(doc, r.source) if r.source else None,
                cue=TextSpan(*r.cue),
                content=content,
                speaker=speaker,
                source_type=stype,
                cue_class=r.cue_class,
                sentence=r.sentence,
                role=role,
                cue_rule=_CUE_RULES.get(r.cue_term, f"{r.cue_lexicon}:{r.cue_term}"),
                cue_weight=r.cue_weight,
                quoted_words=quoted,
                antecedent=to_text_span(doc, r.antecedent) if r.antecedent else None,
            )
        return [resolved[id(r)] for r in raws]

    def _name_index(self, doc: ParsedDocument) -> tuple[NameIndex, list[tuple[int, str, bool]]]:
        """Person names in the document, from capitalised runs read as ``[role] Name``.

        Returns the index of full names (for canonical forms) and every person mention as
        ``(offset, name, opens_sentence)`` for pronoun resolution.
        """
        index = NameIndex()
        mentions: list[tuple[int, str, bool]] = []
        toks = doc.tokens
        for a, b in doc.sentence_tokens:
            k = a
            while k < b:
                if not (toks[k].kind == "word" and toks[k].text[:1].isupper()):
                    k += 1
                    continue
                j = k
                while j < b and (
                    (toks[j].kind == "word" and toks[j].text[:1].isupper())
                    or (toks[j].norm in ("of", "for") and j + 1 < b and toks[j + 1].text[:1].isupper())
                    or (toks[j].text == "." and j > k and len(toks[j - 1].text) <= 3)
                ):
                    j += 1
                info = self._describe(toks[k:j])
                if info.source_type == "person" and info.name:
                    if len(info.name.split()) >= MIN_FULL_NAME_WORDS or info.role:
                        index.add(toks[k].start, info.name, info.role)
                    mentions.append((toks[k].start, info.name, k == a))
                k = max(j, k + 1)
        known = {w for _, n, _ in index._names for w in n.split()}
        mentions = [(o, index.canonical(n), first) for o, n, first in mentions if set(n.split()) & known]
        return index, mentions


_PREPOSITIONS = frozenset("of for at in from with by on to".split())
_FIRST_PERSON = frozenset(("i", "we", "me", "us", "my", "our"))
#: Entity types as source types: a place speaking is its government; a named group is a vague group.
_ENTITY_SOURCE_TYPES = {"person": "person", "organization": "organization", "place": "organization", "group": "vague"}


def _named_entity(doc: ParsedDocument, entities: EntitiesData, phrase: tuple[int, int]) -> tuple[str, str] | None:
    """(canonical name, source type) of the named entity a source phrase (token range) refers to.

    Mentions inside a prepositional phrase of the source ("the former mayor *of New York*", "the
    chairman *of Berkshire Hathaway*") are not the source.
    """
    toks = doc.tokens
    start, end = toks[phrase[0]].start, toks[phrase[1] - 1].end
    best = None
    best_overlap = 0
    for m in entities.mentions_in(start, end):
        k = next((i for i in range(phrase[0], phrase[1]) if toks[i].start >= m.start), phrase[1])
        if k > phrase[0] and toks[k - 1].norm in _PREPOSITIONS:
            continue
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > best_overlap or (overlap == best_overlap and best is not None and m.start >= best.start):
            best, best_overlap = m, overlap
    if best is None:
        return None
    entity = entities.entities[best.entity]
    if not any(entities.mentions[i].named for i in entity.mentions):
        return None
    return entity.name, _ENTITY_SOURCE_TYPES.get(entity.type, "organization")


def _recent_person_speaker(
    history: list[tuple[int, str, str]], sentence: int, pronoun: str, sexes: Mapping[str, str]
) -> bool:
    """True when a person the pronoun can refer to spoke in this or the previous sentence."""
    return any(
        stype == "person" and sentence - sent <= PRONOUN_SPEAKER_WINDOW and _fits(pronoun, name, sexes)
        for sent, stype, name in history[-3:]
    )


def _fits(pronoun: str, name: str, sexes: Mapping[str, str]) -> bool:
    """False when the first name mostly names the other sex than ``he``/``she`` (``first_names`` lexicon)."""
    sex = sexes.get(name.split()[0].lower(), "") if name else ""
    if pronoun in ("he", "him"):
        return sex != "female"
    if pronoun in ("she", "her"):
        return sex != "male"
    return True


def _resolve_pronoun(
    pronoun: str,
    sentence: int,
    history: list[tuple[int, str, str]],
    mentions: list[tuple[int, str, bool]],
    names: NameIndex,
    doc: ParsedDocument,
    sexes: Mapping[str, str],
) -> tuple[str | None, str]:
    """The referent of a pronoun source.

    ``he``/``she``: the last person speaker if they spoke in this or the previous sentence, else
    the last person named at the start of one of the previous sentences, else the last person
    named or quoted. ``they``/``it``: the last organisation or media speaker.
    """
    if pronoun in _PRONOUN_PERSON:
        for sent, stype, speaker in reversed(history):
            if stype == "person" and sentence - sent <= PRONOUN_SPEAKER_WINDOW and _fits(pronoun, speaker, sexes):
                return speaker, "person"
        start = doc.sentences[sentence].start if sentence >= 0 else 0
        window = doc.sentences[max(0, sentence - PRONOUN_MENTION_WINDOW)].start if sentence >= 0 else 0
        # mentions are in text order: those before ``start`` end at index ``before`` (bisection, so that
        # a long document does not rescan every mention for each pronoun)
        before = bisect_left(mentions, (start,))
        for i in range(before - 1, -1, -1):
            offset, name, opens = mentions[i]
            if offset < window:
                break
            if opens and _fits(pronoun, name, sexes):
                return name, "person"
        for _sent, stype, speaker in reversed(history):
            if stype == "person" and _fits(pronoun, speaker, sexes):
                return speaker, "person"
        return (mentions[before - 1][1] if before else None), "person"
    wanted = ("organization",) if pronoun in _PRONOUN_THING | _PRONOUN_GROUP else ("person",)
    for _, stype, speaker in reversed(history):
        if stype in wanted:
            return speaker, stype
    return None, "unknown"


def _content_quotes(doc: ParsedDocument, r: RawAttribution, starts: list[int] | None = None) -> list:
    """Quotes inside an attribution's content (its direct quotes and partial quotes), by bisection."""
    starts = [q.start for q in doc.quotes] if starts is None else starts
    found = []
    for s, e in r.content:
        for i in range(bisect_left(starts, s), bisect_right(starts, e)):
            q = doc.quotes[i]
            if q.end <= e + 1:
                found.append(q)
    return found


def build_output(
    doc: ParsedDocument, records: list[AttributionRecord], scare: tuple, dimension: str
) -> DimensionOutput:
    """Scores, per-sentence rows, evidence and blocks from resolved attributions."""
    n_words = max(doc.n_words, 0)
    count = WordCounter(doc)
    n_sent = len(doc.sentences)
    # the objects of learned action cues ("passed its reform") stay in the writer's voice
    speech = [r for r in records if not r.cue_rule.startswith(CUE_LEXICON + ":")]
    content_spans = merge_spans([(c.start, c.end) for r in speech for c in r.content])
    attributed_sentences: set[int] = set()
    per_sentence: Counter[int] = Counter()
    for r in records:
        per_sentence[r.sentence] += 1
        attributed_sentences.add(r.sentence)
        for c in r.content:
            first, last = doc.sentence_of(c.start), doc.sentence_of(c.end - 1)
            if first >= 0 and last >= first:
                attributed_sentences.update(range(first, last + 1))
    quoted_words = sum(r.quoted_words for r in records)
    n = len(records)
    source_keys = {_source_key(doc.text, r) for r in records if r.source is not None or r.speaker}
    anonymous = sum(r.source_type == "anonymous" for r in records)
    vague = sum(r.source_type == "vague" for r in records)
    loaded = sum(r.cue_class == "distancing" for r in records)
    emphatic = sum(r.cue_class == "emphatic" for r in records)
    scores = {
        "attributions_per_100_words": 100.0 * n / n_words if n_words else 0.0,
        "attributed_sentence_share": len(attributed_sentences) / n_sent if n_sent else 0.0,
        "quoted_word_share": min(1.0, quoted_words / n_words) if n_words else 0.0,
        "n_sources": float(len(source_keys)),
        "anonymous_source_share": anonymous / n if n else 0.0,
        "vague_source_share": vague / n if n else 0.0,
        "loaded_cue_share": loaded / n if n else 0.0,
        "emphatic_cue_share": emphatic / n if n else 0.0,
    }
    sentence_scores = [
        {"attribution_count": float(per_sentence.get(i, 0)), "attributed": float(i in attributed_sentences)}
        for i in range(n_sent)
    ]
    evidence: list[Evidence] = []
    for r in records:
        if r.cue is not None:
            evidence.append(
                Evidence(
                    r.cue.start,
                    r.cue.end,
                    doc.sentence_of(r.cue.start),
                    dimension,
                    f"cue_{r.cue_class}",
                    r.cue_rule,
                    r.cue_weight,
                )
            )
        named = r.antecedent or r.source
        if r.source_type == "anonymous" and named is not None:
            evidence.append(
                Evidence(
                    named.start,
                    named.end,
                    doc.sentence_of(named.start),
                    dimension,
                    "anonymous_source",
                    "rule:anonymous_source",
                    ANONYMOUS_SOURCE_WEIGHT,
                )
            )
    for sq in scare:
        evidence.append(
            Evidence(sq.span.start, sq.span.end, sq.sentence, dimension, "scare_quote", "rule:scare_quote", 1.0)
        )
    speakers: dict[str, int] = defaultdict(int)
    summary: dict[str, list] = {}
    for r in records:
        key = _source_key(doc.text, r)
        if r.speaker:
            speakers[r.speaker] += r.quoted_words
        row = summary.setdefault(key, [r.source_type, 0, 0, 0])
        row[1] += 1
        row[2] += r.quoted_words
        row[3] += sum(count(c.start, c.end) for c in r.content)
    sources = tuple(
        SourceSummary(k, v[0], v[1], v[2], v[3]) for k, v in sorted(summary.items(), key=lambda kv: (-kv[1][2], kv[0]))
    )
    data = AttributionData(
        attributions=tuple(records),
        content_spans=content_spans,
        speakers=dict(speakers),
        scare_quotes=tuple(scare),
        sources=sources,
    )
    return DimensionOutput(
        scores=scores,
        sentence_scores=sentence_scores,
        evidence=evidence,
        blocks={"attributions": tuple(records), "sources": sources},
        data=data,
    )


def _source_key(text: str, r: AttributionRecord) -> str:
    if r.speaker:
        return r.speaker
    if r.source is not None:
        return text[r.source.start : r.source.end]
    return "(unattributed)"
