"""Finding the entities of a parsed document: CRF mention tagging, then coreference.

:class:`EntityFinder` is built once per process from the shared resources; :meth:`EntityFinder.find`
is pure per document. Names come from the shipped CRF (:mod:`framing.entities.model`); the user's
actor list (``Analyzer(actors=...)``) wins over the tagger where they overlap; gazetteer hits give
canonical names ("Zelenskiy" -> Volodymyr Zelensky); :mod:`framing.entities.coref` groups mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..lexicon import Entry, Lexicon, Matcher
from . import EntitiesData
from .coref import CorefConfig, NamedSpan, resolve
from .features import DocumentWords, FeatureConfig, Featurizer, document_words, gazetteer_tags, join_windows
from .model import EntityTagger, load_tagger, spans_from_labels

__all__ = ["FIRST_NAMES_LEXICON", "GAZETTEER_TYPES", "TITLES_LEXICON", "EntityFinder"]

FIRST_NAMES_LEXICON = "first_names"
TITLES_LEXICON = "person_titles"
GAZETTEER_LEXICON = "gazetteer_actors"
ACTOR_CUES_LEXICON = "actor_cues"
USER_LEXICON = "user_actors"
PLACES_LEXICON = "places"

#: A capitalised word the best tag sequence leaves out is a one-word name when the CRF's marginal
#: probability that it is outside every name is under this (tuned on GUM dev entity F1).
RECHECK_THRESHOLD = 0.7
#: Gazetteer categories whose forms are names (a country's forms include demonyms: "Russian").
NAMED_CATEGORIES = frozenset(("person", "government", "international_organization", "armed_group", "company", "media"))
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


#: Lexicons whose entries are names or name parts, not common words.
NAME_LEXICONS = frozenset(
    (FIRST_NAMES_LEXICON, TITLES_LEXICON, GAZETTEER_LEXICON, ACTOR_CUES_LEXICON, "abbreviations", "places")
)


def common_words(resources: Any) -> frozenset[str]:
    """One-word lower-case entries of the shipped lexicons other than name lists ("former", "critics"),
    except words those name lists hold ("biden" in a frames lexicon is still a name)."""
    out: set[str] = set()
    names: set[str] = set()
    for name, lex in resources.lexicons.items():
        for e in lex.entries:
            if name in NAME_LEXICONS:
                names.update(f.lower() for f in e.forms)
            else:
                out.update(f for f in e.forms if f.islower() and " " not in f and f.isalpha())
    return frozenset(out - names)


#: Endings of demonyms (Russian, American, Chinese, British, French, Israeli, European).
DEMONYM_ENDINGS = ("ian", "can", "ese", "ish", "nch", "ean", "li", "qi", "ni", "ans", "ians")


def _demonym(form: str, canonical: str) -> bool:
    """A gazetteer form of a country that names its people or is its adjective, not the country."""
    low = form.lower()
    return low != canonical.lower() and low.endswith(DEMONYM_ENDINGS)


#: Abbreviated month names as news style writes them before a day ("Jan. 21", "Sept. 3"); "May",
#: "June" and "July" are not abbreviated and may be names.
MONTH_ABBREVIATIONS = frozenset(("jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec"))
#: A party and state after a politician's name: "D-N.Y.", "R-Mo.", "I-VT".
_PARTY_STATE = re.compile(r"[DRI]-[A-Z]")


def _text(tokens: Any, a: int, b: int) -> str:
    return " ".join(t.text for t in tokens[a:b])


def _is_cap(tok: Any) -> bool:
    return tok.kind == "word" and tok.text[:1].isupper()


class EntityFinder:
    """Mention detection and coreference with the shipped (or a given) tagger."""

    lexicons = (FIRST_NAMES_LEXICON, TITLES_LEXICON, GAZETTEER_LEXICON, ACTOR_CUES_LEXICON, PLACES_LEXICON)

    def __init__(
        self, resources: Any, tagger: EntityTagger | None = None, recheck_threshold: float | None = None
    ) -> None:
        self.recheck_threshold = RECHECK_THRESHOLD if recheck_threshold is None else recheck_threshold
        first = resources.lexicon(FIRST_NAMES_LEXICON)
        titles = resources.lexicon(TITLES_LEXICON)
        first_names = {e.term: e.category for e in first.entries}
        title_sex = {e.term: e.category for e in titles.entries}
        self.features = FeatureConfig(
            first_names=first_names,
            titles=title_sex,
            org_words=resources.lexicon(ACTOR_CUES_LEXICON).terms("org_head"),
            function_words=resources.function_words,
            common_words=common_words(resources),
        )
        self.coref = CorefConfig(first_names=first_names, titles=title_sex)
        self._common = self.features.common_words | self.features.function_words
        self.featurizer = Featurizer(self.features)
        self._tagger = tagger
        self._tag_featurizer: Featurizer | None = None  # the features the tagger's model knows
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
        self.places = frozenset(e.term for e in resources.lexicon(PLACES_LEXICON).entries)
        gaz = resources.lexicon(GAZETTEER_LEXICON)
        self.gazetteer_types = {e.term: GAZETTEER_TYPES.get(e.category, "organization") for e in gaz.entries}
        #: "Democratic" of "Democratic Party": the party's adjective, not a name, when alone
        self.party_adjectives = frozenset(e.term.split()[0] for e in gaz.entries if e.term.endswith(" Party"))

    @property
    def tagger(self) -> EntityTagger:
        """The tagger given, or the shipped one (loaded on first use)."""
        if self._tagger is None:
            self._tagger = load_tagger()
        if self._tag_featurizer is None:
            config = self.features
            trained = self._tagger.meta.get("common_words")
            if trained is not None:  # the common words of training, not today's lexicons'
                config = replace(config, common_words=frozenset(trained))
            self._tag_featurizer = Featurizer(config, self._tagger.attributes)
        return self._tagger

    def windows(
        self, doc: Any, words: DocumentWords | None = None, featurizer: Featurizer | None = None
    ) -> list[tuple[int, int, list[list[str | bytes]]]]:
        """Candidate windows of a parsed document with their features (every feature, as in
        training, unless another ``featurizer`` is given)."""
        if words is None:
            words = document_words(doc.tokens, doc.sentence_tokens)
        return (featurizer or self.featurizer).windows(
            doc.tokens,
            doc.sentence_tokens,
            gazetteer_tags(doc.matches, GAZETTEER_LEXICON),
            words.lower,
            words.mid,
            words.caps,
        )

    def tag(self, doc: Any, words: DocumentWords | None = None) -> list[tuple[int, int, str]]:
        """Token ranges ``(a, b, type)`` of the names the tagger finds, in text order."""
        # All windows go to the CRF as one sequence (one call per document), joined by an item
        # outside any name.
        out: list[tuple[int, int, str]] = []
        tokens = doc.tokens
        stop = self.features.function_words
        if words is None:
            words = document_words(tokens, doc.sentence_tokens)
        tagger = self.tagger
        featurizer = self._tag_featurizer
        assert featurizer is not None  # made with the tagger
        windows = self.windows(doc, words, featurizer)
        if not windows:
            return out
        caps = words.caps
        feats, starts = join_windows(windows, featurizer.separator)
        recheck: list[int] = []
        for (a, b, _), pos in zip(windows, starts):
            recheck.extend(pos - a + k for k in range(a, b) if caps[k] and tokens[k].norm not in stop)
        labels = tagger.tag(feats, recheck, self.recheck_threshold)
        for (a, b, _), pos in zip(windows, starts):
            seg = labels[pos : pos + b - a]
            if seg.count("O") < b - a:  # a window without a name gives no span
                out.extend(spans_from_labels(seg, a))
        return out

    def repeats(
        self, doc: Any, spans: list[tuple[int, int, str]], words: DocumentWords | None = None
    ) -> list[tuple[int, int, str]]:
        """``spans`` with the names' repeats the tagger left out, in text order.

        A capitalised word outside every span that is the surname or first name of a person found
        by the tagger ("Phelps" after "Michael Phelps"), the acronym of an organisation it found,
        or a one-word name it found elsewhere ("Athens"), also written in capitals ("PHELPS"), is a
        mention of the same kind (the sequence strategy of Mikheev, Moens & Grover 1999).
        """
        tokens = doc.tokens
        caps = document_words(tokens, doc.sentence_tokens).caps if words is None else words.caps
        known: dict[str, str] = {}
        firsts: dict[str, str] = {}
        for a, b, kind in spans:
            ws = [t.text for t in tokens[a:b] if t.kind == "word" and t.norm not in ("'s", "'")]
            if not ws:
                continue
            if len(ws) == 1:
                known.setdefault(ws[0], kind)
            elif kind == "person":
                known.setdefault(ws[-1], kind)
                if ws[0].lower() not in self.features.titles and len(ws[0]) > 1 and ws[0] not in self.party_adjectives:
                    firsts.setdefault(ws[0], kind)
            else:
                acronym = "".join(w[0] for w in ws if w[:1].isupper())
                if len(acronym) >= 2:
                    known.setdefault(acronym, kind)
        for w, kind in firsts.items():
            known.setdefault(w, kind)
        for w, kind in list(known.items()):  # a line in capitals repeats the name ("PRELOGAR")
            if len(w) >= 4 and not w.isupper():
                known.setdefault(w.upper(), kind)
        if not known:
            return spans
        covered = {k for a, b, _ in spans for k in range(a, b)}
        extra: list[tuple[int, int, str]] = []
        stop = self.features.function_words
        for first, end in doc.sentence_tokens:
            for k in [k for k in range(first, end) if caps[k] and tokens[k].text in known]:
                if k in covered:
                    continue
                kind = known[tokens[k].text]
                if (k + 1 < end and caps[k + 1] and tokens[k + 1].norm not in stop) or (
                    k > first and caps[k - 1] and tokens[k - 1].norm not in stop
                ):
                    continue  # part of another name
                extra.append((k, k + 1, kind))
        return sorted(spans + extra) if extra else spans

    def tidy(
        self, doc: Any, spans: list[tuple[int, int, str]], words: DocumentWords | None = None
    ) -> list[tuple[int, int, str]]:
        """Add the gazetteer's named actors the tagger left out (people, governments, organisations,
        companies, media: not countries, whose forms include demonyms); split a span at a possessive
        inside it ("Australia's | Curtin University"; the part after it is an organisation when it
        ends in an organisation word); widen a span to a gazetteer name it is part of ("States" in
        "United States"); join a lone organisation word to the name before it."""
        tokens = doc.tokens
        gaz = [m for m in doc.matches if m.lexicon == GAZETTEER_LEXICON]
        hits = {(m.tok_start, m.tok_end) for m in gaz}
        hit_list = sorted(hits)
        hit_starts = [ha for ha, _ in hit_list]  # searched by bisection: a long document has thousands
        covered = {k for a, b, _ in spans for k in range(a, b)}
        initial = {first for first, _ in doc.sentence_tokens}
        common = self._common
        titles = self.features.titles
        if words is None:
            words = document_words(tokens, doc.sentence_tokens)
        lower = words.lower
        spans = list(spans)
        for m in gaz:  # named actors of the gazetteer the tagger left out (not demonyms)
            if m.category in NAMED_CATEGORIES and _is_cap(tokens[m.tok_start]):
                if not any(k in covered for k in range(m.tok_start, m.tok_end)):
                    spans.append((m.tok_start, m.tok_end, GAZETTEER_TYPES[m.category]))
        out: list[tuple[int, int, str]] = []
        n = len(tokens)
        for a, b, kind in spans:
            while a < b and (
                not _is_cap(tokens[a])
                or (a in initial and b - a > 1 and tokens[a].norm in common)
                or tokens[a].norm == "i"
                or tokens[a].norm.startswith("i'")
            ):
                a += 1  # "Former | USA Gymnastics": a common word opening the sentence is not part of the name
                # (nor is "I", "I'm")
            while b > a and not (_is_cap(tokens[b - 1]) or tokens[b - 1].norm in ("'s", "'", ".")):
                b -= 1
            if a < b and _PARTY_STATE.match(tokens[a].text):
                continue  # "(D-N.Y.)", "(R-Mo.)": a party and state after a name, not a name
            k = next(
                (k for k in range(a, b) if tokens[k].norm in titles and k + 1 < n and tokens[k + 1].text == "."), None
            )
            if k is not None:  # an abbreviated title: "Sen." alone, "Virginia | Gov. | Ralph Northam"
                # before the title, the office's state or country is kept as a place ("Republican |
                # Alabama | Gov.", "New York | Gov."); a party or other modifier is not a name
                j = next((j for j in range(a, k) if (j, k) in hits or _text(tokens, j, k) in self.places), k)
                if j < k:
                    out.append((j, k, "place"))
                a = k + 2
                if a >= b:
                    continue
            if a >= b or (b - a > 1 and tokens[b - 1].norm in titles and (a, b) not in hits):
                continue  # "Marketing Officer": a run ending in a title is a role, not a name
            if b - a == 1 and len(tokens[a].text) == 1:
                continue  # a lone letter ("S. F.", "L1", "Plan B") is not a name
            if (
                tokens[a].norm in MONTH_ABBREVIATIONS
                and a + 1 < n
                and tokens[a + 1].text == "."
                and all(t.text == "." for t in tokens[a + 1 : b])
            ):
                continue  # "Jan. 21": a date
            if b - a == 1 and tokens[a].text in self.party_adjectives and (a, b) not in hits:
                continue  # "the Democratic nomination", "a Republican senator": an adjective or a member
            if (
                b - a == 1
                and a in initial
                and (a, b) not in hits
                and (tokens[a].norm in common or tokens[a].norm in lower)
            ):
                continue  # "Consent", "Parents" opening a sentence: a common word, not a name
            cut = next((k for k in range(a + 1, b - 1) if tokens[k].norm in ("'s", "'")), None)
            if cut is not None:
                out.append((a, cut + 1, kind))
                tail = "organization" if tokens[b - 1].norm in self.features.org_words else kind
                out.append((cut + 1, b, tail))
                continue
            i = bisect_left(hit_starts, a - 3)
            while i < len(hit_list) and hit_list[i][0] < b:  # the hits that start from 3 tokens before the span
                ha, hb = hit_list[i]
                if a < hb and (ha < a or hb > b) and hb <= b + 3:
                    a, b = min(a, ha), max(b, hb)
                i += 1
            out.append((a, b, kind))
        out.sort()
        merged: list[tuple[int, int, str]] = []
        org_words = self.features.org_words
        for span in out:
            if merged and span[0] < merged[-1][1]:
                prev = merged[-1]
                merged[-1] = (prev[0], max(prev[1], span[1]), prev[2])
            elif merged and span[0] == merged[-1][1] and span[1] == span[0] + 1 and tokens[span[0]].norm in org_words:
                merged[-1] = (merged[-1][0], span[1], "organization")  # "Curtin" + "University"
            else:
                merged.append(span)
        return merged

    def find(self, doc: Any) -> EntitiesData:
        """Mentions and entities of a parsed document."""
        tokens = doc.tokens
        words = document_words(tokens, doc.sentence_tokens)
        spans = self.repeats(doc, self.tidy(doc, self.tag(doc, words), words), words)
        gaz: dict[tuple[int, int], str] = {}
        for m in doc.matches:
            if m.lexicon == GAZETTEER_LEXICON:
                gaz[(m.tok_start, m.tok_end)] = m.term
        named: list[NamedSpan] = []
        user_spans: list[NamedSpan] = []
        if self.user_matcher is not None:
            for m in self.user_matcher.find(doc.text, tokens):
                kind = self.gazetteer_types.get(m.term) or next(
                    (k for a, b, k in spans if a < m.tok_end and m.tok_start < b), "person"
                )
                user_spans.append(NamedSpan(m.tok_start, m.tok_end, kind, "", "", m.term))
        taken = {k for s in user_spans for k in range(s.a, s.b)}
        titles = self.coref.titles
        for a, b, kind in spans:
            if any(k in taken for k in range(a, b)):
                continue
            end = b - 1 if b - a > 1 and tokens[b - 1].norm in ("'s", "'") else b
            canonical = gaz.get((a, end), "")
            before = a - 1
            if before >= 0 and tokens[before].text == "." and before >= 1:
                before -= 1
            sex = titles.get(tokens[before].norm, "") if before >= 0 else ""
            if canonical and self.gazetteer_types.get(canonical) == "place" and _demonym(tokens[a].text, canonical):
                if kind != "group":
                    continue  # "Russian President", "Russian troops": an adjective, not the country
                canonical = ""  # "Americans" are a group, not the United States
            if not sex and kind != "place" and " ".join(t.text for t in tokens[a:end]) in self.places:
                kind = "place"  # "Oregon", "Kuala Lumpur": the tagger's person or organisation is a place
            elif canonical and kind != "group":
                kind = self.gazetteer_types.get(canonical, kind)  # the gazetteer's type wins
            if canonical and self.gazetteer_types.get(canonical) == "person":
                first_sex = self.coref.first_names.get(canonical.split()[0].lower(), "")
                if sex in ("male", "female") and first_sex in ("male", "female") and first_sex != sex:
                    canonical = ""  # "Ms. Trump" is not the gazetteer's Donald Trump
            named.append(NamedSpan(a, b, kind, canonical, sex if sex in ("male", "female") else ""))
        named.extend(user_spans)
        named.sort(key=lambda s: s.a)
        return resolve(doc, named, self.coref)
