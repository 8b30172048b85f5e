"""Source typing and speaker resolution within one document.

A source noun phrase is typed as a named person, a named organisation (news media included), an
anonymous individual, a vague group or a document from the ``source_nouns`` word classes and
capitalisation (definitions and examples in ``docs/attribution.md``). Person names
are canonicalised per document: the longest full-name mention wins ("Biden", "President Biden" and
"President Joe Biden" all become "Joe Biden"); titles are stripped and kept as the role; "he",
"she" and "they" go to the nearest preceding compatible speaker; a bare role ("the U.S. president")
goes to the person last named with that role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..text import Token

__all__ = ["NameIndex", "SourceConfig", "SourceInfo", "describe_source"]


@dataclass(frozen=True)
class SourceConfig:
    """Word classes of the ``source_nouns`` list lexicon that type a source phrase."""

    titles: frozenset[str]
    role_words: frozenset[str]
    anonymous: frozenset[str]
    vague: frozenset[str]
    organizations: frozenset[str]
    documents: frozenset[str]
    media: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    institutions: frozenset[str] = frozenset()  # lower-cased names of countries, companies, bodies, media


#: Phrases that make an unnamed source an anonymous individual whatever its head.
_ANONYMITY = frozenset(("anonymity", "anonymously", "unnamed", "unidentified", "anonymous"))
_FAMILIAR = frozenset(("familiar", "briefed", "knowledgeable", "close"))
_POSTMODIFIERS = frozenset(
    "familiar close with who whose briefed knowledgeable involved by conducted filed released published "
    "issued commissioned from reported".split()
)
_INDEFINITE = frozenset(("a", "an", "one", "another"))
_DEFINITE = frozenset(("the", "his", "her", "their", "its", "our"))

_NAME_PARTICLES = frozenset("de da di von van der den la le al bin ibn st. jr. jr sr. sr ii iii".split())
_HYPHEN_PARTICLES = frozenset("al el ad as ash abu bin ibn".split())
_SKIP_LEADING = frozenset("but and so yet or then also".split())
_POSSESSIVE = frozenset(("'s", "’s", "'"))


@dataclass(frozen=True)
class SourceInfo:
    """What a source phrase is: ``source_type``, a person ``name`` and ``role`` when given."""

    source_type: str
    name: str | None
    role: str | None
    pronoun: str | None = None
    label: str = ""


def _join(toks: Iterable[Token]) -> str:
    """Tokens as text, with no space before a possessive (``Putin’s government``)."""
    out = ""
    for t in toks:
        out += t.text if (not out or t.norm in _POSSESSIVE) else " " + t.text
    return out


def _is_cap(t: Token) -> bool:
    return t.kind == "word" and t.text[:1].isupper()


def _longest_phrase(words: Sequence[str], vocab: frozenset[str], max_len: int = 5) -> tuple[int, int] | None:
    """Longest run ``words[i:j]`` whose joined form is in ``vocab`` (first such, longest)."""
    best: tuple[int, int] | None = None
    for i in range(len(words)):
        for j in range(min(len(words), i + max_len), i, -1):
            if " ".join(words[i:j]) in vocab:
                if best is None or j - i > best[1] - best[0]:
                    best = (i, j)
                break
    return best


def _head_index(toks: Sequence[Token], cfg: SourceConfig) -> int:
    """Index of the head word: before a post-modifier (``familiar with``, ``close to``, ``of``)."""
    for i, t in enumerate(toks):
        if i > 0 and t.norm in _POSTMODIFIERS:
            return i - 1
        if i > 0 and t.norm in ("of", "for") and i + 1 < len(toks):
            before = toks[i - 1].norm
            heads = cfg.anonymous | cfg.vague | cfg.organizations | cfg.documents
            lower_head = not _is_cap(toks[i - 1]) or i == 1  # "the Supreme Court of Washington" is a name
            if not _is_cap(toks[i + 1]) or (lower_head and (before in heads or before in cfg.titles)):
                return i - 1  # "a spokesman for the buyer", "Prosecutors for Apple"
        if i > 0 and t.norm in (",",):
            return i - 1
    j = len(toks) - 1
    while j > 0 and (toks[j].norm in _POSSESSIVE or toks[j].kind == "punct"):
        j -= 1
    return j


_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def describe_source(toks: Sequence[Token], cfg: SourceConfig, stop: frozenset[str] = frozenset()) -> SourceInfo:
    """Type a source phrase and split a person's name from their role.

    An appositive (``Alexey Muraviev, a national security expert``) gives the role of the name
    before its comma; ``stop`` words (function words) never start a name.
    """
    comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
    if comma is not None and comma > 0:
        first = describe_source(toks[:comma], cfg, stop)
        if first.source_type == "person" and first.name:
            appositive = _join(t for t in toks[comma + 1 :] if t.kind != "punct" or t.text in "-.&'’")
            rest = [t.norm for t in toks[comma + 1 :] if t.kind == "word"]
            if rest and len(rest) <= 6 and rest[-1] in cfg.organizations:  # "Working America, a labor group"
                return SourceInfo("organization", None, None, label=first.name)
            return SourceInfo("person", first.name, first.role or appositive or None)
        second = describe_source(toks[comma + 1 :], cfg, stop)
        if second.source_type == "person" and second.name:  # "Ryan's spokeswoman, AshLee Strong"
            role = _join(t for t in toks[:comma] if t.kind != "punct" or t.text in "-.&'’")
            return SourceInfo("person", second.name, second.role or role or None)
        if first.pronoun is None and first.source_type != "unknown":
            if first.source_type == "vague" and any(t.norm in _ANONYMITY for t in toks):
                return SourceInfo("anonymous", None, first.role)
            return first
    toks = [t for t in toks if t.kind != "punct" or t.text in "-.&"]
    while (
        toks
        and (toks[0].norm in stop or toks[0].norm in _MONTHS_DAYS)
        and toks[0].norm not in cfg.pronouns
        and toks[0].norm not in cfg.determiners
    ):
        toks = toks[1:]
    while toks and toks[0].norm in _SKIP_LEADING:
        toks = toks[1:]
    if not toks:
        return SourceInfo("unknown", None, None)
    words = [t.norm for t in toks]
    if len(toks) == 1 and words[0] in cfg.pronouns:
        return SourceInfo("unknown", None, None, pronoun=words[0])
    if len(toks) == 1 and words[0] == "one":  # '"...," wrote one'
        return SourceInfo("anonymous", None, None)
    anonymity = any(w in _ANONYMITY for w in words)
    if toks[0].kind == "num" or "percent" in words[:4] or "%" in words[:4]:
        return SourceInfo("document", None, None)  # "54 percent of voters": survey data
    if "and" in words[1:] and not anonymity:
        first = describe_source(toks[: words.index("and", 1)], cfg, stop)  # "Mr. Rubio and his advisers"
        if first.source_type in ("person", "organization") and (first.name or first.label):
            return first
    # appositive: "John Kirby, a Pentagon spokesman" -> name part before the comma handled by caller
    media = _longest_phrase(words, cfg.media)
    if media is not None and (media[1] == len(words) or words[media[1] - 1] in ("newspaper", "network")):
        return SourceInfo("organization", None, None, label=_join(toks[media[0] : media[1]]))
    h = _head_index(toks, cfg)
    head = words[h]
    if head in cfg.documents and (not _is_cap(toks[h]) or h == 0 or toks[h].text.isupper()):
        return SourceInfo("document", None, None)
    org = _longest_phrase(words, cfg.organizations)
    # named person: a trailing run of capitalised words that are not title, role or institution words
    name_toks = _trailing_name(toks[: h + 1], cfg)
    if name_toks and " ".join(t.norm for t in name_toks).removesuffix(" 's") in cfg.institutions:
        return SourceInfo("organization", None, None, label=_join(name_toks))
    if name_toks:
        name = _join(name_toks)
        role_toks = [t for t in toks[: h + 1 - len(name_toks)] if t.norm not in cfg.determiners]
        role = _join(role_toks) or None
        if org is not None and org[1] > h + 1 - len(name_toks):
            return SourceInfo("organization", None, None, label=name)
        if role_toks and role_toks[-1].norm in cfg.organizations:  # "advocacy group One Nation"
            return SourceInfo("organization", None, None, label=name)
        return SourceInfo("person", name, role)
    if media is not None:
        return SourceInfo("organization", None, None, label=_join(toks[media[0] : media[1]]))
    if head in cfg.titles and words[0] == "the" and not head.endswith("s") and head not in cfg.anonymous:
        # "the U.S. president": a known person referred to by role
        return SourceInfo("unknown", None, _join(toks[1 : h + 1]))
    if head in cfg.titles and not head.endswith("s") and words[0] not in _INDEFINITE and _is_cap(toks[0]):
        return SourceInfo("unknown", None, _join(toks[: h + 1]))  # "SEIU chief", "DNC chair": a person by role
    if anonymity or (head in cfg.anonymous or (head in cfg.titles and not _is_cap(toks[h]))):
        if anonymity or any(w in cfg.anonymous or w in cfg.titles for w in words[: h + 1]):
            return SourceInfo("anonymous", None, _join(toks[: h + 1]))
    if head in cfg.vague or (len(words) == 1 and words[0] in cfg.vague):
        if any(w in _FAMILIAR for w in words):  # "people familiar with the talks"
            return SourceInfo("anonymous", None, _join(toks[: h + 1]))
        return SourceInfo("vague", None, _join(toks[: h + 1]))
    if org is not None or (h < len(toks) and _is_cap(toks[h])):
        label = _join(t for t in toks[: h + 1] if t.norm not in cfg.determiners)
        return SourceInfo("organization", None, None, label=label)
    if head in cfg.titles:
        return SourceInfo("unknown", None, _join(t for t in toks[: h + 1] if t.norm not in cfg.determiners))
    if toks[h].kind == "word" and not _is_cap(toks[h]):
        if head.endswith("s") and not head.endswith("ss") and len(head) > 3:
            return SourceInfo("vague", None, _join(toks[: h + 1]))  # "ISIS soldiers", "corporate executives"
        if words[0] in _INDEFINITE:
            return SourceInfo("anonymous", None, _join(toks[: h + 1]))  # "a Carrier executive", "a guy"
        if words[0] in _DEFINITE or any(w in _POSSESSIVE for w in words[:h]):
            # "the businessman", "his American counterpart": a person named elsewhere, found by role
            return SourceInfo("unknown", None, _join(t for t in toks[: h + 1] if t.norm not in cfg.determiners))
    return SourceInfo("unknown", None, None)


def _trailing_name(toks: Sequence[Token], cfg: SourceConfig) -> list[Token]:
    out: list[Token] = []
    for t in reversed(toks):
        n = t.norm
        if n in _POSSESSIVE:
            if out:
                break
            continue
        if n in _MONTHS_DAYS:
            break
        if _is_cap(t) and n not in cfg.titles and n not in cfg.role_words and n not in cfg.organizations:
            if n in cfg.anonymous or n in cfg.vague or n in cfg.documents or n in cfg.media or n in cfg.determiners:
                break
            out.append(t)
            continue
        hyphened = "-" in n and n.split("-")[0] in _HYPHEN_PARTICLES and t.text.split("-", 1)[1][:1].isupper()
        if (n in _NAME_PARTICLES and out) or hyphened:
            out.append(t)  # "Ludwig van Beethoven", "Nisreen al-Ghamdi"
            continue
        if t.kind == "punct" and t.text == "." and out:
            continue
        break
    out.reverse()
    while out and out[0].norm in _NAME_PARTICLES:
        out = out[1:]
    return out


class NameIndex:
    """Person names mentioned in a document, for canonicalising speakers.

    ``add`` every full-name mention (from sources and from capitalised runs in the text); then
    ``canonical("Biden")`` gives the longest known name ending with (or equal to) the mention.
    """

    def __init__(self) -> None:
        self._names: list[tuple[int, str, str | None]] = []  # (offset, name, role)
        self._cache: dict[str, str] = {}
        self._by_last: dict[str, list[int]] = {}  # last word -> indices into _names
        self._by_inner: dict[str, list[int]] = {}  # word after the first -> indices into _names
        self._words: set[str] = set()
        self._full: set[str] = set()

    def add(self, offset: int, name: str, role: str | None = None) -> None:
        i = len(self._names)
        self._names.append((offset, name, role))
        parts = name.split()
        if parts:
            self._by_last.setdefault(parts[-1], []).append(i)
            for w in set(parts[1:]):
                self._by_inner.setdefault(w, []).append(i)
        self._words.update(parts)
        self._full.add(name)
        self._cache.clear()

    def canonical(self, name: str) -> str:
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = self._canonical(name)
        return found

    def _canonical(self, name: str) -> str:
        parts = name.split()
        if not parts:
            return name
        best, best_len = name, len(parts)
        candidates = set(self._by_last.get(parts[-1], ()))
        if len(parts) == 1:
            candidates.update(self._by_inner.get(parts[0], ()))
        for i in sorted(candidates):  # insertion order: the first of the longest names wins
            full = self._names[i][1]
            fparts = full.split()
            if len(fparts) <= best_len:
                continue
            if fparts[-len(parts) :] == parts or (len(parts) == 1 and parts[0] in fparts[1:]):
                best, best_len = full, len(fparts)
        return best

    def by_role(self, role: str, before: int, salience: Mapping[str, int] | None = None) -> str | None:
        """The person given a compatible ``role`` before offset ``before``.

        The role's last word is the title (``president``); its other words are modifiers
        (``U.S.``). A person recorded with the same modifiers (or the bare title, for a bare
        reference) wins; otherwise any person with the title and no conflicting modifiers. Ties
        go to the person mentioned most often (``salience``), then to the most recent.
        """
        words = [w for w in role.lower().split() if w not in ("the", "a", "an")]
        if not words:
            return None
        title, mods = words[-1], set(words[:-1])
        salience = salience or {}
        best: tuple[int, int, int] | None = None
        found: str | None = None
        for offset, full, r in sorted(self._names):
            if offset >= before or not r:
                continue
            rw = r.lower().split()
            own = set(rw[:-1])
            if rw[-1] != title or not (mods <= own or not own):
                continue
            name = self.canonical(full)
            key = (int(own == mods), salience.get(name, 0), offset)
            if best is None or key >= best:
                best, found = key, name
        return found

    def known(self, name: str) -> bool:
        """True when ``name`` was recorded with a role or as part of a full name."""
        return name in self._words or name in self._full

    def mentions(self) -> list[tuple[int, str]]:
        """Every recorded mention as ``(offset, canonical name)`` in text order."""
        return sorted((o, self.canonical(n)) for o, n, _ in self._names)
