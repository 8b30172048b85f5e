"""Quoted spans: double quotes, straight or curly or mixed, across sentences and paragraphs.

A quote opened in one paragraph and not closed there continues when the next paragraph opens
with a quote mark (the news convention for multi-paragraph quotes): it is returned as one quote
per paragraph, the later ones with ``continued=True``. A quote left open at the end of its
paragraph otherwise ends there with ``closed=False``.

Two apostrophes (``''``) and two backticks (````````) count as one double quote mark, as in text
converted from typesetting conventions; a mark's length is ``inner_start - start`` (1 or 2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

_OPEN = "“«„"
_CLOSE = "”»"
_STRAIGHT = '"'
_DOUBLED = "'`"
_CANDIDATE_RE = re.compile("[" + re.escape(_OPEN + _CLOSE + _STRAIGHT + _DOUBLED) + "]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: marks at ``start`` and ``end - 1``; the words are ``text[inner_start:inner_end]``."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    closed: bool = True
    continued: bool = False

    def contains(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside the quoted words."""
        return self.inner_start <= start and end <= self.inner_end


def _role(text: str, i: int, lo: int, hi: int) -> str:
    ch = text[i]
    if ch in _OPEN:
        return "open"
    if ch in _CLOSE:
        return "close"
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if (before.isspace() or before in "([{—–-/:") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "either"


def _marks(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Quote marks in ``text[lo:hi]`` as ``(position, length, role)``; a regex jumps between candidates."""
    out: list[tuple[int, int, str]] = []
    resume = lo  # after a doubled mark, its second character is not a candidate of its own
    for m in _CANDIDATE_RE.finditer(text, lo, hi):
        i = m.start()
        if i < resume:
            continue
        ch = text[i]
        if ch in _OPEN or ch in _CLOSE or ch == _STRAIGHT:
            out.append((i, 1, _role(text, i, lo, hi)))
        elif i + 1 < hi and text[i + 1] == ch and (i + 2 >= hi or text[i + 2] != ch):
            role = "open" if ch == "`" else _role_doubled(text, i, lo, hi)
            if role != "none":
                out.append((i, 2, role))
                resume = i + 2
    return out


def _role_doubled(text: str, i: int, lo: int, hi: int) -> str:
    before = text[i - 1] if i > lo else " "
    after = text[i + 2] if i + 2 < hi else " "
    if (before.isspace() or before in "([{—–-/:") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "none"


def _starts_with_mark(text: str, pos: int) -> bool:
    return text[pos] in _OPEN + _STRAIGHT or text.startswith("''", pos) or text.startswith("``", pos)


def find_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quote]:
    """Quotes inside ``paragraphs`` (``(start, end)`` pairs in text order)."""
    out: list[Quote] = []
    carry = False
    for p_index, (lo, hi) in enumerate(paragraphs):
        open_at: int | None = None
        open_len = 1
        continued = False
        for k, (i, length, role) in enumerate(_marks(text, lo, hi)):
            if open_at is None:
                if role in ("open", "either"):
                    open_at = i
                    open_len = length
                    continued = carry and k == 0 and text[lo:i].strip() == ""
                continue
            if role in ("close", "either"):
                out.append(Quote(open_at, i + length, open_at + open_len, i, p_index, True, continued))
                open_at = None
            # a second opening mark while open: the writer reopened; keep the first opening.
        carry = False
        if open_at is not None:
            end = hi
            out.append(Quote(open_at, end, open_at + open_len, end, p_index, False, continued))
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            carry = bool(nxt and _starts_with_mark(text, nxt[0]))
    return out
