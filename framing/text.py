"""Offline segmentation: paragraphs, sentences and tokens, each with character offsets.

Every offset is into the original document text (``text[start:end]`` reproduces the unit).
The splitter is rule-based and needs no downloaded model: abbreviations, initials, numbers,
straight and curly quotes, dashes and a missing space after a full stop are handled by the
rules below, with the abbreviation lists kept in ``lexicons/abbreviations.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "Segmenter",
    "Span",
    "Token",
    "normalize_token",
    "split_paragraphs",
    "tokenize",
]


@dataclass(frozen=True, slots=True)
class Token:
    """A token: ``kind`` is ``word``, ``num`` or ``punct``; ``norm`` is lower-cased with ’ as '."""

    start: int
    end: int
    text: str
    kind: str
    norm: str


@dataclass(frozen=True, slots=True)
class Span:
    """A paragraph or sentence: ``text[start:end]``; ``index`` counts from 0 in document order."""

    index: int
    start: int
    end: int
    paragraph: int = 0


# Dotted abbreviations (U.S., a.m.) stay one token with their dots; a possessive 's is split off.
_TOKEN_RE = re.compile(
    r"""
    (?P<dotted>(?:[^\W\d_]\.){2,})                       # U.S.  a.m.  U.K.
  | (?P<num>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?)          # 3.5  100,000  2022  1990s  21st
  | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W_]+(?:['’][^\W\d_]+)*)*)  # words, don't, anti-tank
  | (?P<punct>[^\w\s])                                   # any single other character
    """,
    re.VERBOSE,
)
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)


def normalize_token(text: str) -> str:
    """Lower-case and fold the curly apostrophe, as lexicon matching does."""
    return text.lower().replace("’", "'")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Token] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        s, e = m.span()
        tok = m.group()
        if kind == "dotted":
            kind = "word"
        elif kind == "word" and len(tok) > 2 and _POSSESSIVE_RE.search(tok):
            append(Token(s, e - 2, tok[:-2], "word", normalize_token(tok[:-2])))
            append(Token(e - 2, e, tok[-2:], "word", normalize_token(tok[-2:])))
            continue
        append(Token(s, e, tok, kind, normalize_token(tok)))
    return out


_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_RE = re.compile(r"[^\n]+")


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraph ``(start, end)`` pairs, trimmed of surrounding white space.

    Rule: when the text has a blank line anywhere, paragraphs are separated by blank lines and a
    single line break is just white space (hard-wrapped text); otherwise each non-empty line is a
    paragraph (one paragraph per line, as many feeds deliver articles).
    """
    end = len(text) if end is None else end
    body = text[start:end]
    if _BLANK_LINE_RE.search(body):
        pieces: Iterable[tuple[int, int]] = []
        pos = 0
        spans = []
        for m in _BLANK_LINE_RE.finditer(body):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(body)))
        pieces = spans
    else:
        pieces = [m.span() for m in _LINE_RE.finditer(body)]
    out = []
    for s, e in pieces:
        chunk = body[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + s + lead, start + s + lead + len(stripped)))
    return out


# A sentence-final run: terminators, then closing quotes or brackets. A straight quote counts as
# closing only when white space or the end follows it.
_CANDIDATE_RE = re.compile(r"""(?:[.!?]+|…)(?:[”’»)\]]|["'](?=\s|$))*""")
_WORD_BEFORE_RE = re.compile(r"([^\W_]+(?:\.[^\W_]+)*\.?)$")
_OPENERS = "\"'“‘«([—–-"


@dataclass(frozen=True)
class Segmenter:
    """Splits text into sentences with abbreviation lists passed in explicitly.

    ``titles``: never end a sentence (Gen., Mr.); ``months`` and ``before_number``: do not end one
    before a number (Jan. 6, No. 3); ``ambiguous``: end one only when a common sentence starter
    follows (Inc., Jr., U.S., etc.); ``starters``: words that commonly open sentences.
    All sets hold lower-cased forms without the final period.
    """

    titles: frozenset[str]
    months: frozenset[str]
    before_number: frozenset[str]
    ambiguous: frozenset[str]
    starters: frozenset[str]

    def sentences(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Sentence ``(start, end)`` pairs inside one paragraph ``text[start:end]``."""
        end = len(text) if end is None else end
        out: list[tuple[int, int]] = []
        sent_start = start
        for m in _CANDIDATE_RE.finditer(text, start, end):
            cut = m.end()
            if cut >= end:
                break
            if self._is_boundary(text, m.start(), cut, end):
                nxt = cut
                while nxt < end and text[nxt].isspace():
                    nxt += 1
                if text[sent_start:cut].strip():
                    out.append((sent_start, cut))
                sent_start = nxt
        if sent_start < end and text[sent_start:end].strip():
            out.append((sent_start, end))
        return [_trim(text, s, e) for s, e in out]

    def _is_boundary(self, text: str, term_start: int, cut: int, end: int) -> bool:
        terminator = text[term_start]
        following = text[cut:end]
        stripped = following.lstrip()
        if not stripped:
            return True
        spaced = len(stripped) != len(following)
        first = stripped[0]
        word_before = self._word_before(text, term_start)
        if not spaced:
            # "end.The": a missing space, only between a real word and a capitalised word.
            return (
                terminator in ".!?"
                and first.isupper()
                and len(word_before) >= 2
                and word_before.isalpha()
                and word_before[-1].islower()
                and word_before.lower() not in self.titles
                and text[term_start + 1 : cut] == ""
                and _next_word(stripped).isalpha()
                and len(_next_word(stripped)) >= 2
            )
        if first.islower():
            return False
        if first in ",;:)]":
            return False
        if terminator in "!?":
            return True
        if text.startswith("...", term_start) or terminator == "…":
            return first.isupper() or first in _OPENERS
        key = word_before.rstrip(".").lower()
        nxt = _next_word(stripped)
        if first.isdigit():
            return key not in self.months and key not in self.before_number and key not in self.titles
        if not (first.isupper() or first in _OPENERS):
            return True
        if key in self.titles:
            return False
        is_initial = len(key) == 1 and word_before[:1].isupper()
        dotted = "." in word_before.rstrip(".")
        if is_initial or dotted or key in self.ambiguous or key in self.months:
            return first in _OPENERS or nxt.lower() in self.starters
        return True

    @staticmethod
    def _word_before(text: str, term_start: int) -> str:
        m = _WORD_BEFORE_RE.search(text, max(0, term_start - 40), term_start)
        return m.group(1) if m else ""


def _next_word(s: str) -> str:
    m = re.match(r"[\"'“‘«(\[]*([^\W_]+)", s)
    return m.group(1) if m else ""


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
