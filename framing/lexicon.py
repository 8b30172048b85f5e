"""Lexicons: a documented TSV file format, a validating loader, and one compiled matcher.

File format (see ``docs/lexicons.md``)::

    # name: hedges
    # version: 1.0.0
    # language: en
    # license: CC-BY-4.0
    # source: Hyland, K. (2005). Metadiscourse. London: Continuum.
    term	category	weight	forms	case
    appear to	hedge	0.8	@verb
    perhaps	hedge	1.0

``term`` is a word or phrase (tokens split as the analyser splits text; ``*`` stands for any one
token); ``forms`` lists extra surface forms separated by ``|`` and inflection tags (``@verb``,
``@noun``, ``@adj``) that generate regular inflections of the phrase's head word; ``case`` is
``i`` (default, case-insensitive) or ``s`` (the surface must match exactly).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .text import Token, normalize_token, tokenize

__all__ = [
    "Entry",
    "Lexicon",
    "LexiconError",
    "Match",
    "Matcher",
    "inflect",
    "load_lexicon",
    "merge_lexicons",
]

REQUIRED_METADATA = ("name", "version", "language", "license", "source")
COLUMNS = ("term", "category", "weight", "forms", "case")
WILDCARD = "*"
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class LexiconError(ValueError):
    """A lexicon file is invalid; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry; ``forms`` holds every surface form matched (term first)."""

    term: str
    category: str
    weight: float
    forms: tuple[str, ...]
    case_sensitive: bool = False
    line: int = 0


@dataclass(frozen=True)
class Lexicon:
    """A named, versioned word list with provenance; ``kind`` ``terms`` is compiled into the matcher."""

    name: str
    version: str
    language: str
    license: str
    source: str
    entries: tuple[Entry, ...]
    path: str = ""
    kind: str = "terms"
    metadata: dict[str, str] = field(default_factory=dict)

    def terms(self, category: str | None = None) -> frozenset[str]:
        """Lower-cased surface forms, optionally of one category (for ``kind: list`` lexicons)."""
        return frozenset(normalize_token(f) for e in self.entries if category in (None, e.category) for f in e.forms)

    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({e.category for e in self.entries}))


def load_lexicon(path: str | Path) -> Lexicon:
    """Read and validate one lexicon file; raise :class:`LexiconError` naming file and line."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc
    meta: dict[str, str] = {}
    header: list[str] | None = None
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    errors: list[str] = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if header is None:
                key, sep, value = line[1:].partition(":")
                if sep and key.strip():
                    meta[key.strip().lower()] = value.strip()
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            missing = [c for c in ("term", "category") if c not in header]
            unknown = [c for c in header if c not in COLUMNS]
            if missing or unknown:
                errors.append(
                    f"{path}:{lineno}: header needs columns term and category"
                    f" (missing {missing or 'none'}, unknown {unknown or 'none'}; allowed: {', '.join(COLUMNS)})"
                )
                break
            continue
        if len(cells) > len(header):
            errors.append(f"{path}:{lineno}: {len(cells)} fields but the header has {len(header)}")
            continue
        row = dict(zip(header, (c.strip() for c in cells)))
        try:
            entry = _parse_entry(row, lineno)
        except ValueError as exc:
            errors.append(f"{path}:{lineno}: {exc}")
            continue
        key = (normalize_token(entry.term), entry.category)
        if key in seen:
            errors.append(
                f"{path}:{lineno}: duplicate entry {entry.term!r} ({entry.category}), first on line {seen[key]}"
            )
            continue
        seen[key] = lineno
        entries.append(entry)
    if header is None and not errors:
        errors.append(f"{path}:1: no header line (term<TAB>category...)")
    for key in REQUIRED_METADATA:
        if not meta.get(key):
            errors.append(f"{path}:1: missing metadata '# {key}: ...'")
    if meta.get("name") and not _NAME_RE.match(meta["name"]):
        errors.append(f"{path}:1: name {meta['name']!r} must be lower_snake_case")
    kind = meta.get("kind", "terms")
    if kind not in ("terms", "list"):
        errors.append(f"{path}:1: kind must be 'terms' or 'list', not {kind!r}")
    if errors:
        raise LexiconError("\n".join(errors))
    return Lexicon(
        name=meta["name"],
        version=meta["version"],
        language=meta["language"],
        license=meta["license"],
        source=meta["source"],
        entries=tuple(entries),
        path=str(path),
        kind=kind,
        metadata=meta,
    )


def _parse_entry(row: dict[str, str], lineno: int) -> Entry:
    term = " ".join(row.get("term", "").split())
    category = row.get("category", "")
    if not term:
        raise ValueError("empty term")
    if not category:
        raise ValueError(f"empty category for {term!r}")
    weight_text = row.get("weight", "") or "1"
    try:
        weight = float(weight_text)
    except ValueError:
        raise ValueError(f"weight {weight_text!r} is not a number") from None
    if weight != weight or weight in (float("inf"), float("-inf")):
        raise ValueError(f"weight {weight_text!r} is not finite")
    case = (row.get("case", "") or "i").lower()
    if case not in ("i", "s"):
        raise ValueError(f"case must be i or s, not {case!r}")
    forms = [term]
    for item in filter(None, (f.strip() for f in row.get("forms", "").split("|"))):
        if item.startswith("@"):
            tag = item[1:]
            if tag not in _INFLECTORS:
                raise ValueError(f"unknown inflection tag {item!r} (use @verb, @noun or @adj)")
            forms.extend(inflect(term, tag))
        else:
            forms.append(" ".join(item.split()))
    unique = tuple(dict.fromkeys(forms))
    if not _phrase_tokens(term):
        raise ValueError(f"term {term!r} has no tokens")
    return Entry(term, category, weight, unique, case == "s", lineno)


# ---- inflection -----------------------------------------------------------------------------

_VOWELS = set("aeiou")


def _is_cvc(word: str) -> bool:
    return (
        len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS and word[-3] not in _VOWELS
    )


def _plural(word: str) -> list[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    if word.endswith("o"):
        return [word + "es", word + "s"]
    return [word + "s"]


def _verb(word: str) -> list[str]:
    out = _plural(word)
    if word.endswith("e"):
        out += [word + "d", (word[:-2] + "ying") if word.endswith("ie") else word[:-1] + "ing"]
        if word.endswith(("ee", "ye", "oe")):
            out.append(word + "ing")
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        out += [word[:-1] + "ied", word + "ing"]
    else:
        out += [word + "ed", word + "ing"]
        if _is_cvc(word):
            out += [word + word[-1] + "ed", word + word[-1] + "ing"]
    return out


def _adj(word: str) -> list[str]:
    if word.endswith("e"):
        return [word + "r", word + "st"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return [word[:-1] + "ier", word[:-1] + "iest"]
    out = [word + "er", word + "est"]
    if _is_cvc(word) and len(word) <= 4:
        out += [word + word[-1] + "er", word + word[-1] + "est"]
    return out


_INFLECTORS = {"verb": (_verb, 0), "noun": (_plural, -1), "adj": (_adj, -1)}


def inflect(phrase: str, tag: str) -> list[str]:
    """Regular inflections of a phrase's head: the first word for ``verb``, the last otherwise."""
    fn, head = _INFLECTORS[tag]
    words = phrase.split(" ")
    idx = head % len(words)
    return [" ".join(words[:idx] + [form] + words[idx + 1 :]) for form in fn(words[idx])]


# ---- matching -------------------------------------------------------------------------------


class Match(NamedTuple):
    """A lexicon hit: ``text[start:end]``, spanning tokens ``[tok_start, tok_end)`` (an immutable named tuple)."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    lexicon: str
    term: str
    category: str
    weight: float


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(WILDCARD if t.text == WILDCARD else t.norm for t in tokenize(phrase))


_TERMINAL = "\x00"


class Matcher:
    """All ``terms`` lexicons compiled into one token trie; one pass over a text finds every hit.

    Within one lexicon, matches are leftmost-longest and do not overlap; different lexicons may
    match the same words.
    """

    def __init__(self, lexicons: Iterable[Lexicon]) -> None:
        self._root: dict = {}
        self.lexicons = tuple(lx for lx in lexicons if lx.kind == "terms")
        for lx in self.lexicons:
            for entry in lx.entries:
                for form in entry.forms:
                    toks = _phrase_tokens(form)
                    if not toks:
                        continue
                    node = self._root
                    for t in toks:
                        node = node.setdefault(t, {})
                    surface = tuple(t.text.replace("’", "'") for t in tokenize(form))
                    node.setdefault(_TERMINAL, []).append((lx.name, entry, len(toks), surface))

    def find(
        self, text: str, tokens: Sequence[Token], sentences: Sequence[tuple[int, int]] | None = None
    ) -> list[Match]:
        """Every hit in ``tokens`` (tokens of ``text``), ordered by start then lexicon name.

        ``sentences`` (``[first, end)`` token ranges, in order) keeps every hit inside one sentence:
        a phrase never runs on past the end of the sentence it starts in.
        """
        root = self._root
        n = len(tokens)
        norms = [t.norm for t in tokens]
        ends = [n] * n
        for first_tok, end_tok in sentences or ():
            ends[first_tok:end_tok] = [end_tok] * (end_tok - first_tok)
        root_wild = root.get(WILDCARD)
        new_match = tuple.__new__
        blocked: dict[str, int] = {}
        out: list[Match] = []
        for i in range(n):
            first = root.get(norms[i])
            limit = ends[i]  # phrases may continue up to the end of the sentence
            if first is None:
                if root_wild is None:
                    continue
                stack = [(root_wild, i + 1)]
            elif root_wild is not None:
                stack = [(first, i + 1), (root_wild, i + 1)]
            else:
                if i + 1 < limit:
                    nxt = first.get(norms[i + 1])
                    if (nxt is None or nxt is first) and WILDCARD not in first:
                        limit = i + 1  # no longer phrase continues here: at most a one-token hit
                else:
                    limit = i + 1
                if limit == i + 1 and _TERMINAL not in first:
                    continue
                stack = [(first, i + 1)]
            found: dict[str, tuple[int, list]] = {}
            while stack:
                node, j = stack.pop()
                terminal = node.get(_TERMINAL)
                if terminal is not None:
                    for lex_name, entry, length, surface in terminal:
                        if entry.case_sensitive and not _same_surface(tokens[i:j], surface):
                            continue
                        best = found.get(lex_name)
                        if best is None or length > best[0]:
                            found[lex_name] = (length, [entry])
                        elif length == best[0] and entry not in best[1]:
                            best[1].append(entry)
                if j < limit:
                    nxt = node.get(norms[j])
                    if nxt is not None and nxt is not node:
                        stack.append((nxt, j + 1))
                    w = node.get(WILDCARD)
                    if w is not None:
                        stack.append((w, j + 1))
            if not found:
                continue
            for lex_name in sorted(found):
                if blocked.get(lex_name, 0) > i:
                    continue
                length, entries = found[lex_name]
                end_tok = i + length
                blocked[lex_name] = end_tok
                start, end = tokens[i].start, tokens[end_tok - 1].end
                for entry in entries:
                    out.append(
                        new_match(
                            Match,
                            (start, end, i, end_tok, lex_name, entry.term, entry.category, entry.weight),
                        )
                    )
        return out


def _same_surface(tokens: Sequence[Token], surface: tuple[str, ...]) -> bool:
    """Exact capitalisation for ``case = s`` entries; a ``*`` in the entry matches any token."""
    return all(s == WILDCARD or t.text.replace("’", "'") == s for t, s in zip(tokens, surface))


def merge_lexicons(base: Sequence[Lexicon], extra: Sequence[Lexicon]) -> tuple[Lexicon, ...]:
    """User lexicons over shipped ones: a new name adds a lexicon; the same name overrides it.

    An overriding file replaces the shipped entries with the same term and category and keeps the
    rest, unless its metadata says ``mode: replace``, in which case it replaces the whole lexicon.
    """
    by_name = {lx.name: lx for lx in base}
    for lx in extra:
        old = by_name.get(lx.name)
        if old is None or lx.metadata.get("mode", "").lower() == "replace":
            by_name[lx.name] = lx
            continue
        keys = {(normalize_token(e.term), e.category) for e in lx.entries}
        kept = tuple(e for e in old.entries if (normalize_token(e.term), e.category) not in keys)
        by_name[lx.name] = Lexicon(
            name=lx.name,
            version=f"{old.version}+{lx.version}",
            language=lx.language,
            license=lx.license,
            source=f"{old.source}; overridden by {lx.path or lx.source}",
            entries=kept + lx.entries,
            path=lx.path,
            kind=old.kind,
            metadata={**old.metadata, **lx.metadata},
        )
    return tuple(by_name.values())
