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
from typing import NamedTuple

__all__ = [
    "Segmenter",
    "Span",
    "Token",
    "normalize_token",
    "split_paragraphs",
    "tokenize",
]


class Token(NamedTuple):
    """A token: ``kind`` is ``word``, ``num`` or ``punct``; ``norm`` is lower-cased with ’ as '.

    An immutable named tuple (cheap to create: an article has about a thousand tokens).
    """

    start: int
    end: int
    text: str
    kind: str
    norm: str

    @property
    def is_word(self) -> bool:
        """True for a word or number that counts as a word: not punctuation, and not a split-off
        ``'s`` (possessive or "is"), which belongs to the word before it as in a word count."""
        return self.kind != "punct" and self.norm != "'s"


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
  | (?P<punct>[^\w\s]|_)                                 # any single other character
    """,
    re.VERBOSE,
)
# A possessive (or "is") 's: an apostrophe, then s in any case (S, s, and the long s ſ that
# Unicode case folding equates with them).
_POSSESSIVE_S = frozenset("sSſ")
_new_token = tuple.__new__


def normalize_token(text: str) -> str:
    """Lower-case and fold the curly apostrophe, as lexicon matching does."""
    return text.lower().replace("’", "'")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Token] = []
    append = out.append
    possessive_s = _POSSESSIVE_S
    for m in _TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        s, e = m.span()
        tok = m.group()
        if kind == "dotted":
            kind = "word"
        elif kind == "word" and len(tok) > 2 and tok[-1] in possessive_s and tok[-2] in "'’":
            head, tail = tok[:-2], tok[-2:]
            append(_new_token(Token, (s, e - 2, head, "word", head.lower().replace("’", "'"))))
            append(_new_token(Token, (e - 2, e, tail, "word", tail.lower().replace("’", "'"))))
            continue
        append(_new_token(Token, (s, e, tok, kind, tok.lower().replace("’", "'"))))
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
_SPACE_RE = re.compile(r"\s*")
_NEXT_WORD_RE = re.compile(r"[\"'“‘«(\[]*([^\W_]+)")
_NAME_WORD_RE = re.compile(r"[^\W\d_][\w’'.-]*")
_CLOSING_MARKS = "”’»)]"
_QUOTE_MARKS = "”’»\"'"
_OPENERS = "\"'“‘«([—–-•*"
# A line of a paragraph that ends without these and is followed by a line that would have fit
# after it was broken on purpose (a headline, a byline, a list item), not by hard wrapping.
_LINE_CONTINUES = ",;-–—(/&"
#: Paragraphs whose lines are all shorter than this are never taken for hard-wrapped prose.
MIN_WRAP_WIDTH = 60
#: ``“Why now?” Sen. Susan Collins asked.``: at most this many capitalised words before the verb.
MAX_ATTRIBUTION_NAME_WORDS = 4
#: A list marker ("1." or "a." at the start of a line) has at most this many characters.
MAX_LIST_MARKER = 3


@dataclass(frozen=True)
class Segmenter:
    """Splits text into sentences with abbreviation lists passed in explicitly.

    ``titles``: never end a sentence (Gen., Mr., v.); ``months`` and ``before_number``: do not end
    one before a number (Jan. 6, No. 3); ``ambiguous``: end one only when a common sentence starter
    follows (Inc., Jr., U.S., etc.); ``starters``: words that commonly open sentences;
    ``time_suffixes`` (a.m., p.m.) end a sentence before a capitalised word unless it is one of the
    ``time_followers`` (ET, Tuesday); ``reporting_verbs``: ``“Why now?” Collins asked.`` stays one
    sentence. All sets hold lower-cased forms without the final period.
    """

    titles: frozenset[str]
    months: frozenset[str]
    before_number: frozenset[str]
    ambiguous: frozenset[str]
    starters: frozenset[str]
    time_suffixes: frozenset[str] = frozenset()
    time_followers: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()

    def sentences(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Sentence ``(start, end)`` pairs inside one paragraph ``text[start:end]``.

        Sentences are non-empty, in order, do not overlap and carry no surrounding white space.
        """
        end = len(text) if end is None else end
        cuts: list[tuple[int, int]] = []  # (end of a sentence, start of the next)
        for m in _CANDIDATE_RE.finditer(text, start, end):
            cut = m.end()
            if cut >= end:
                break
            if self._is_boundary(text, m.start(), cut, start, end):
                cuts.append((cut, _SPACE_RE.match(text, cut, end).end()))
        if "\n" in text[start:end]:
            cuts.extend(_line_breaks(text, start, end))
            cuts.sort()
        out: list[tuple[int, int]] = []
        sent_start = start
        for cut, nxt in cuts:
            if cut <= sent_start:
                continue
            s, e = _trim(text, sent_start, cut)
            if s < e:
                out.append((s, e))
            sent_start = nxt
        s, e = _trim(text, sent_start, end)
        if s < e:
            out.append((s, e))
        return out

    def _is_boundary(self, text: str, term_start: int, cut: int, para_start: int, end: int) -> bool:
        terminator = text[term_start]
        nxt_pos = _SPACE_RE.match(text, cut, end).end()
        if nxt_pos >= end:
            return True
        spaced = nxt_pos > cut
        first = text[nxt_pos]
        word_before = self._word_before(text, term_start)
        if not spaced:
            return self._is_glued_boundary(text, term_start, cut, end, word_before)
        if first.islower():
            return False
        if first in ",;:)]":
            return False
        if terminator == "." and first == ".":
            return False  # inside a spaced ellipsis ". . ."
        if terminator in "!?":
            return not self._is_attribution(text, term_start, cut, nxt_pos, end)
        if text.startswith("...", term_start) or terminator == "…" or text.endswith(". .", 0, term_start + 1):
            return first.isupper() or first in _OPENERS
        if _is_list_marker(text, term_start, word_before, para_start):
            return False
        key = word_before.rstrip(".").lower()
        m = _NEXT_WORD_RE.match(text, nxt_pos, end)
        nxt = m.group(1) if m else ""
        is_initial = len(key) == 1 and word_before[:1].isupper()
        dotted = "." in word_before.rstrip(".") and not word_before.replace(".", "").isdigit()
        abbreviation = (
            is_initial
            or dotted
            or key in self.titles
            or key in self.ambiguous
            or key in self.months
            or key in self.before_number
            or key in self.time_suffixes
        )
        if first.isdigit():
            return not abbreviation
        if not (first.isupper() or first in _OPENERS):
            return True
        if key in self.titles:
            return False
        if key in self.time_suffixes:
            return first in _OPENERS or nxt.lower() not in self.time_followers
        if is_initial or dotted or key in self.ambiguous or key in self.months:
            return first in _OPENERS or nxt.lower() in self.starters
        return True

    def _is_glued_boundary(self, text: str, term_start: int, cut: int, end: int, word_before: str) -> bool:
        """``end.The``: a missing space, only between a real word (or a percentage) and a capitalised word."""
        m = _NEXT_WORD_RE.match(text, cut, end)
        nxt = m.group(1) if m else ""
        if not (text[cut].isupper() and nxt.isalpha() and len(nxt) >= 2):
            return False
        if text[term_start] not in ".!?" or any(ch not in _CLOSING_MARKS + "!?" for ch in text[term_start + 1 : cut]):
            return False
        if term_start > 1 and text[term_start - 1] == "%" and text[term_start - 2].isdigit():
            return True
        return (
            len(word_before) >= 2
            and word_before.isalpha()
            and word_before[-1].islower()
            and word_before.lower() not in self.titles
        )

    def _is_attribution(self, text: str, term_start: int, cut: int, nxt_pos: int, end: int) -> bool:
        """``“Why now?” Collins asked.``: a closed quote, capitalised words, then a reporting verb."""
        if not any(ch in _QUOTE_MARKS for ch in text[term_start:cut]):
            return False
        for k, m in enumerate(_NAME_WORD_RE.finditer(text, nxt_pos, min(end, nxt_pos + 160))):
            word = m.group().rstrip(".")
            if word.lower() in self.reporting_verbs:
                return k >= 1
            if k >= MAX_ATTRIBUTION_NAME_WORDS or not word[0].isupper():
                return False
        return False

    @staticmethod
    def _word_before(text: str, term_start: int) -> str:
        m = _WORD_BEFORE_RE.search(text, max(0, term_start - 40), term_start)
        return m.group(1) if m else ""


def _is_list_marker(text: str, term_start: int, word_before: str, para_start: int) -> bool:
    """``1.`` or ``a.`` alone at the start of a line or paragraph: a list item's number, not a sentence."""
    if not word_before or len(word_before) > MAX_LIST_MARKER:
        return False
    if not (word_before.isdigit() or (len(word_before) == 1 and word_before.isalpha())):
        return False
    line_start = max(para_start, text.rfind("\n", para_start, term_start) + 1)
    return text[line_start : term_start - len(word_before)].strip() == ""


def _line_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Line breaks inside a paragraph that end a sentence: lines broken on purpose, not wrapped.

    A line that ends without punctuation ends a sentence when the next line starts with a
    capital, a digit or a list mark, and the next line's first word would have fitted on it (so
    the break was not made by wrapping), or when every line is shorter than ``MIN_WRAP_WIDTH``.
    """
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        lines.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    widths = [len(text[s:e].strip()) for s, e in lines]
    width = max(widths)
    out: list[tuple[int, int]] = []
    for k in range(len(lines) - 1):
        line = text[lines[k][0] : lines[k][1]].rstrip()
        following = text[lines[k + 1][0] : lines[k + 1][1]].strip()
        if not line.strip() or not following:
            continue
        last, first = line[-1], following[0]
        if last in _LINE_CONTINUES or line.rstrip(_QUOTE_MARKS + _CLOSING_MARKS)[-1:] in (".", "!", "?", "…"):
            continue  # the sentence rules decide
        if first.islower() or not (first.isalnum() or first in _OPENERS):
            continue
        next_word = following.split()[0]
        if width >= MIN_WRAP_WIDTH and len(line.strip()) + 1 + len(next_word) > width:
            continue  # the next word did not fit: wrapped, not broken
        line_end = lines[k][0] + len(line)
        out.append((line_end, _SPACE_RE.match(text, line_end, end).end()))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
