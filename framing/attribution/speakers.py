"""Source typing and speaker resolution within one document.

A source noun phrase is typed as a named person, an organisation, an anonymous or vague source, a
document or a news medium from the ``source_nouns`` word classes and capitalisation. Person names
are canonicalised per document: the longest full-name mention wins ("Biden", "President Biden" and
"President Joe Biden" all become "Joe Biden"); titles are stripped and kept as the role; "he",
"she" and "they" go to the nearest preceding compatible speaker; a bare role ("the U.S. president")
goes to the person last named with that role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..text import Token
from .extract import ExtractorConfig

__all__ = ["NameIndex", "SourceInfo", "describe_source"]

_NAME_PARTICLES = frozenset("de da di von van der den la le al bin ibn st. jr. jr sr. sr ii iii".split())
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


def _head_index(toks: Sequence[Token], cfg: ExtractorConfig) -> int:
    """Index of the head word: before a post-modifier (``familiar with``, ``close to``, ``of``)."""
    for i, t in enumerate(toks):
        if i > 0 and t.norm in ("familiar", "close", "with", "who", "briefed", "knowledgeable", "involved"):
            return i - 1
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


def describe_source(toks: Sequence[Token], cfg: ExtractorConfig, stop: frozenset[str] = frozenset()) -> SourceInfo:
    """Type a source phrase and split a person's name from their role.

    An appositive (``Alexey Muraviev, a national security expert``) gives the role of the name
    before its comma; ``stop`` words (function words) never start a name.
    """
    comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
    if comma is not None and comma > 0:
        first = describe_source(toks[:comma], cfg, stop)
        if first.source_type == "person" and first.name:
            appositive = _join(t for t in toks[comma + 1 :] if t.kind != "punct" or t.text in "-.&'’")
            return SourceInfo("person", first.name, first.role or appositive or None)
        if first.pronoun is None and first.source_type != "unknown":
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
    # appositive: "John Kirby, a Pentagon spokesman" -> name part before the comma handled by caller
    media = _longest_phrase(words, cfg.media)
    if media is not None and (media[1] == len(words) or words[media[1] - 1] in ("newspaper", "network")):
        return SourceInfo("media", None, None, label=_join(toks[media[0] : media[1]]))
    h = _head_index(toks, cfg)
    head = words[h]
    if head in cfg.documents and not _is_cap(toks[h]):
        return SourceInfo("document", None, None)
    org = _longest_phrase(words, cfg.organizations)
    # named person: a trailing run of capitalised words that are not title, role or institution words
    name_toks = _trailing_name(toks[: h + 1], cfg)
    if name_toks:
        name = _join(name_toks)
        role_toks = [t for t in toks[: h + 1 - len(name_toks)] if t.norm not in cfg.determiners]
        role = _join(role_toks) or None
        if org is not None and org[1] > h + 1 - len(name_toks):
            return SourceInfo("organization", None, None, label=name)
        return SourceInfo("person", name, role)
    if media is not None:
        return SourceInfo("media", None, None, label=_join(toks[media[0] : media[1]]))
    if head in cfg.titles and words[0] == "the" and not head.endswith("s") and head not in cfg.anonymous:
        # "the U.S. president": a known person referred to by role
        return SourceInfo("unknown", None, _join(toks[1 : h + 1]))
    if head in cfg.anonymous or (head in cfg.titles and not _is_cap(toks[h])):
        if any(w in cfg.anonymous or w in cfg.titles for w in words[: h + 1]):
            return SourceInfo("anonymous", None, _join(toks[: h + 1]))
    if org is not None or (h < len(toks) and _is_cap(toks[h])):
        label = _join(t for t in toks[: h + 1] if t.norm not in cfg.determiners)
        return SourceInfo("organization", None, None, label=label)
    if head in cfg.titles:
        return SourceInfo("unknown", None, _join(t for t in toks[: h + 1] if t.norm not in cfg.determiners))
    return SourceInfo("unknown", None, None)


def _trailing_name(toks: Sequence[Token], cfg: ExtractorConfig) -> list[Token]:
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
            if n in cfg.anonymous or n in cfg.documents or n in cfg.media or n in cfg.determiners:
                break
            out.append(t)
            continue
        if n in _NAME_PARTICLES and out:
            out.append(t)
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
