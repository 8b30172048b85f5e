"""Coreference of named mentions and pronouns, by rules a reader of news would apply.

Named mentions are read in text order and joined to an earlier entity when they name it again:

- **people**: the same full name (or the same first and last name: "Donald J. Trump" / "Donald
  Trump"; a word in capitals, as in "GEN. ELIZABETH B. PRELOGAR", is read as "Prelogar"); a lone
  word that is the surname of a person named before ("Nassar"), or their first
  name ("Ivanka"); when several people share the surname (Ivanka and Donald Trump), a gendered title
  ("Ms. Trump", "Mr. Trump") picks the one of that sex, then the gazetteer's reading of the bare
  surname (``Trump`` -> Donald Trump), then the one mentioned last;
- **organisations**: an acronym of an organisation named before or after ("NRA" / "National Rifle
  Association"), and short forms whose words begin or end the full name ("Harvard" / "Harvard
  University", "Microsoft Corp." / "Microsoft");
- every mention the gazetteer recognises gets its canonical name (U.S. / United States / America).

A pronoun (he, him, his, himself; she, her, hers, herself; they, them, their; it, its) goes to the
nearest compatible entity: in its own sentence before it, else in the previous sentences (up to
:data:`PRONOUN_WINDOW`), the first compatible mention of that sentence (the subject is usually
first). He/she need a person whose sex is unknown or matches (from first names, titles and
earlier pronouns); they/them/their an organisation or group; it/its an organisation
named in the same or the previous sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import EntitiesData, Entity, EntityMention

__all__ = ["PRONOUNS", "PRONOUN_WINDOW", "CorefConfig", "NamedSpan", "resolve"]

#: Sentences back that a he/she/they pronoun may reach for its antecedent.
PRONOUN_WINDOW = 2
#: Sentences back that it/its may reach (its referent is usually in view).
IT_WINDOW = 1
#: Pronoun -> (sex, kind): sex "male"/"female"/"" and kind "person"/"plural"/"thing".
PRONOUNS: Mapping[str, tuple[str, str]] = {
    "he": ("male", "person"),
    "him": ("male", "person"),
    "his": ("male", "person"),
    "himself": ("male", "person"),
    "she": ("female", "person"),
    "her": ("female", "person"),
    "hers": ("female", "person"),
    "herself": ("female", "person"),
    "they": ("", "plural"),
    "them": ("", "plural"),
    "their": ("", "plural"),
    "theirs": ("", "plural"),
    "themselves": ("", "plural"),
    "it": ("", "thing"),
    "its": ("", "thing"),
    "itself": ("", "thing"),
}
_KIND_TYPES: Mapping[str, frozenset[str]] = {
    "person": frozenset(("person",)),
    "plural": frozenset(("organization", "group")),
    "thing": frozenset(("organization",)),
}
_SKIP_INITIAL = frozenset(("the",))
_ACRONYM_SKIP = frozenset(("of", "the", "and", "for", "&", "de", "on", "in", "to", "at"))


@dataclass(frozen=True)
class CorefConfig:
    """Word lists coreference reads: first name -> sex, title -> sex (lower-cased, no full stop)."""

    first_names: Mapping[str, str]
    titles: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class NamedSpan:
    """A detected name: tokens ``[a, b)``, its type, the gazetteer's canonical name (or ""), the
    title's sex (or "") and a forced canonical name from the user's actor list (or "")."""

    a: int
    b: int
    type: str
    gazetteer: str = ""
    title_sex: str = ""
    user: str = ""


@dataclass
class _Entity:
    name: str
    words: tuple[str, ...]
    types: dict[str, int]
    members: list[int] = field(default_factory=list)
    sex: str = ""
    canonical: str = ""  # from the gazetteer or the user's list: wins as the name
    forms: set[tuple[str, ...]] = field(default_factory=set)
    type: str = ""

    def add_type(self, kind: str, n: int = 1) -> None:
        """Count a mention's type; the entity's type is the most frequent (person on a tie)."""
        self.types[kind] = self.types.get(kind, 0) + n
        if kind != self.type:  # one more of the leading type leaves it leading
            self.type = max(self.types.items(), key=lambda kv: (kv[1], kv[0] == "person"))[0]


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isupper())


def _is_acronym(word: str) -> bool:
    bare = word.replace(".", "")
    return len(bare) >= 2 and bare.isupper() and bare.isalpha()


def _surface(doc: Any, a: int, b: int) -> str:
    """The name as written, without a leading "the" or a trailing possessive, spaces normalised."""
    tokens = doc.tokens
    while a < b and tokens[a].norm in _SKIP_INITIAL:
        a += 1
    while b > a and (
        tokens[b - 1].norm in ("'s", "'") or (tokens[b - 1].kind == "punct" and tokens[b - 1].text != ".")
    ):
        b -= 1
    return " ".join(doc.text[tokens[a].start : tokens[b - 1].end].split()) if a < b else ""


def _words(tokens: Sequence[Any], a: int, b: int) -> tuple[str, ...]:
    out = [t.text for t in tokens[a:b] if (t.norm not in ("'s", "'") and t.kind != "punct") or t.text in "-&"]
    while out and out[0].lower() in _SKIP_INITIAL:
        out.pop(0)
    return tuple(out)


def _plain_case(word: str) -> str:
    """A name word written in capitals as it is usually written ("PRELOGAR" -> "Prelogar"), so a
    line in capitals names the same person; short ones stay (initials such as "JFK")."""
    if len(word) < 4 or not word.isupper():
        return word
    return "-".join(part.capitalize() for part in word.split("-"))


def resolve(doc: Any, spans: Sequence[NamedSpan], config: CorefConfig) -> EntitiesData:
    """Entities of a parsed document from its named spans (in text order) and its pronouns."""
    tokens = doc.tokens
    ents: list[_Entity] = []
    items: list[tuple[int, int, int, bool]] = []  # token a, token b, entity, pronoun
    forms: dict[tuple[str, ...], int] = {}  # first entity of each written form
    canon: dict[str, int] = {}  # entity of each canonical name

    def sex_of(words: Sequence[str]) -> str:
        s = config.first_names.get(words[0].lower(), "")
        return s if s in ("male", "female") else ""

    index = _Index()
    for sp in spans:
        words = _words(tokens, sp.a, sp.b)
        if not words:
            continue
        if sp.type == "person":
            words = tuple(_plain_case(w) for w in words)
        eid = _find(ents, words, sp, config, forms, canon, index)
        if eid is None:
            eid = len(ents)
            ents.append(_Entity(_surface(doc, sp.a, sp.b) or " ".join(words), words, {}))
            index.add(eid, ents[eid])
        e = ents[eid]
        e.add_type(sp.type)
        e.forms.add(words)
        forms.setdefault(words, eid)
        if sp.user or sp.gazetteer:
            e.canonical = e.canonical or sp.user or sp.gazetteer
        if e.canonical:
            canon.setdefault(e.canonical, eid)
        if len(words) > len(e.words) and (len(e.words) > 1 or words[-1] == e.words[-1] or sp.type != "person"):
            e.words, e.name = words, _surface(doc, sp.a, sp.b) or " ".join(words)
            index.add(eid, e)
        if sp.type == "person":
            e.sex = e.sex or sp.title_sex or sex_of(words)
        e.members.append(sp.a)
        items.append((sp.a, sp.b, eid, False))
    _merge_late_acronyms(ents, items)
    _pronouns(doc, ents, items)
    return _build(doc, ents, items)


class _Index:
    """Entities by the first and last word, the name and the acronym they have had: candidates for
    :func:`_find`, which checks each against its current words, so a lookup never scans them all."""

    def __init__(self) -> None:
        self.first: dict[str, list[int]] = {}
        self.last: dict[str, list[int]] = {}
        self.name: dict[str, list[int]] = {}
        self.acronym: dict[str, list[int]] = {}

    def add(self, eid: int, e: _Entity) -> None:
        """Index entity ``eid`` under its current words and name (called whenever they change)."""
        self.first.setdefault(e.words[0], []).append(eid)
        self.last.setdefault(e.words[-1], []).append(eid)
        self.name.setdefault(e.name, []).append(eid)
        if len(e.words) > 1:
            self.acronym.setdefault(_acronym(e.words), []).append(eid)


def _find(
    ents: list[_Entity],
    words: tuple[str, ...],
    sp: NamedSpan,
    config: CorefConfig,
    forms: Mapping[tuple[str, ...], int],
    canon: Mapping[str, int],
    index: _Index,
) -> int | None:
    """The earlier entity this name mentions again, or None (see the module's rules). Candidates come
    from ``index`` in entity order; each is checked against its current words, type and name."""
    canonical = sp.user or sp.gazetteer
    if canonical:
        if canonical in canon:
            return canon[canonical]
        for i in sorted(set(index.name.get(canonical, ()))):
            e = ents[i]
            if not e.canonical and e.name == canonical:
                return i
    same = forms.get(words)
    if same is not None and (not canonical or not ents[same].canonical):
        return same
    if sp.user:
        return None
    first, last = words[0], words[-1]
    if len(words) == 1:
        w = first
        people = [
            i
            for i in set(index.last.get(w, ()))
            if (e := ents[i]).type == "person"
            and len(e.words) > 1
            and e.words[-1] == w
            and (not sp.title_sex or e.sex != _other(sp.title_sex))
        ]
        if sp.gazetteer:
            # the gazetteer's reading of a bare surname unless a gendered title says otherwise
            return None
        if people:
            return max(people, key=lambda i: ents[i].members[-1] if ents[i].members else -1)
        firsts = {
            i
            for i in index.first.get(w, ())
            if (e := ents[i]).type == "person" and len(e.words) > 1 and e.words[0] == w
        }
        if len(firsts) == 1:
            return firsts.pop()
        if _is_acronym(w):
            bare = w.replace(".", "")
            for i in sorted(set(index.acronym.get(bare, ()))):
                e = ents[i]
                if e.type != "person" and len(e.words) > 1 and _acronym(e.words) == bare:
                    return i
    if sp.type == "person" and len(words) >= 2:
        for i in sorted(set(index.last.get(last, ()))):
            e = ents[i]
            if e.type == "person" and len(e.words) >= 2 and e.words[0] == first and e.words[-1] == last:
                return i
        for i in sorted(set(index.last.get(last, ()))):  # a surname mentioned alone before the full name
            e = ents[i]
            if e.type == "person" and e.words == (last,) and not e.canonical:
                return i
    if sp.type != "person":
        # a short form shares the full name's first word (its beginning) or last word (its end)
        for i in sorted(set(index.first.get(first, ())) | set(index.last.get(last, ()))):
            e = ents[i]
            if e.type != sp.type or (e.canonical and sp.gazetteer):
                continue
            short, long = sorted((e.words, words), key=len)
            if len(short) < len(long) and (long[: len(short)] == short or long[-len(short) :] == short):
                if len(short) > 1 or not _is_common(short[0], config):
                    return i
    return None


def _is_common(word: str, config: CorefConfig) -> bool:
    return word.lower() in config.first_names or word.lower() in config.titles


def _other(sex: str) -> str:
    return "female" if sex == "male" else "male" if sex == "female" else ""


def _merge_late_acronyms(ents: list[_Entity], items: list[tuple[int, int, int, bool]]) -> None:
    """An acronym used before its full name ("NRA ... the National Rifle Association") joins it."""
    fulls = {_acronym(e.words): i for i, e in enumerate(ents) if len(e.words) > 1 and e.type != "person"}
    for i, e in enumerate(ents):
        if len(e.words) == 1 and _is_acronym(e.words[0]) and not e.canonical:
            j = fulls.get(e.words[0].replace(".", ""))
            if j is not None and j != i:
                for k, (a, b, eid, p) in enumerate(items):
                    if eid == i:
                        items[k] = (a, b, j, p)
                ents[j].add_type(e.type, sum(e.types.values()))
                e.types.clear()


def _pronouns(doc: Any, ents: list[_Entity], items: list[tuple[int, int, int, bool]]) -> None:
    tokens = doc.tokens
    named = sorted(items)
    if not named:
        return
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for a, _b, eid, _p in named:
        by_sentence.setdefault(doc.sentence_of(tokens[a].start), []).append((a, eid))
    first_named = named[0][0]
    # the pronouns' token positions, found once; each sentence takes its own by bisection
    prons = [k for k in range(first_named, len(tokens)) if tokens[k].norm in PRONOUNS and tokens[k].kind == "word"]
    if not prons:
        return
    for si, (first, end) in enumerate(doc.sentence_tokens):
        if end <= first_named:
            continue
        for i in range(bisect_left(prons, max(first, first_named)), bisect_left(prons, end)):
            k = prons[i]
            sex, kind = PRONOUNS[tokens[k].norm]
            eid = _antecedent(ents, by_sentence, si, k, sex, kind)
            if eid is None:
                continue
            if sex and not ents[eid].sex:
                ents[eid].sex = sex
            items.append((k, k + 1, eid, True))
            by_sentence.setdefault(si, []).append((k, eid))


def _antecedent(
    ents: list[_Entity], by_sentence: Mapping[int, list[tuple[int, int]]], si: int, k: int, sex: str, kind: str
) -> int | None:
    types = _KIND_TYPES[kind]
    window = IT_WINDOW if kind == "thing" else PRONOUN_WINDOW
    for s in range(si, max(-1, si - window - 1), -1):
        cands = [eid for a, eid in by_sentence.get(s, ()) if (s < si or a < k)]
        for eid in cands:
            e = ents[eid]
            if e.type in types and (not sex or e.sex != _other(sex)):
                return eid
    return None


def _build(doc: Any, ents: list[_Entity], items: list[tuple[int, int, int, bool]]) -> EntitiesData:
    tokens = doc.tokens
    items.sort()
    used = sorted({eid for _, _, eid, _ in items})
    renum = {old: new for new, old in enumerate(used)}
    members: list[list[int]] = [[] for _ in used]
    mentions: list[EntityMention] = []
    for a, b, eid, pronoun in items:
        e = ents[eid]
        while b > a + 1 and tokens[b - 1].norm in ("'s", "'"):
            b -= 1
        start, end = tokens[a].start, tokens[b - 1].end
        members[renum[eid]].append(len(mentions))
        mentions.append(EntityMention(start, end, doc.sentence_of(start), e.type, renum[eid], pronoun, not pronoun))
    entities = tuple(
        Entity(renum[old], ents[old].canonical or ents[old].name, ents[old].type, tuple(members[renum[old]]))
        for old in used
    )
    return EntitiesData(tuple(mentions), entities)
