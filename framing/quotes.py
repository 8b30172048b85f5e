"""Quoted spans: double quotes, straight or curly or mixed, across sentences and paragraphs.

A quote opened in one paragraph and not closed there continues when the next paragraph opens
with a quote mark (the news convention for multi-paragraph quotes): it is returned as one quote
per paragraph, the later ones with ``continued=True``. A quote left open at the end of its
paragraph otherwise ends there with ``closed=False``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

_OPEN = "“«„"
_CLOSE = "”»"
_STRAIGHT = '"'


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


def find_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quote]:
    """Quotes inside ``paragraphs`` (``(start, end)`` pairs in text order)."""
    out: list[Quote] = []
    carry = False
    for p_index, (lo, hi) in enumerate(paragraphs):
        open_at: int | None = None
        continued = False
        marks = [i for i in range(lo, hi) if text[i] in _OPEN or text[i] in _CLOSE or text[i] == _STRAIGHT]
        for k, i in enumerate(marks):
            role = _role(text, i, lo, hi)
            if open_at is None:
                if role in ("open", "either"):
                    open_at = i
                    continued = carry and k == 0 and text[lo:i].strip() == ""
                continue
            if role in ("close", "either"):
                out.append(Quote(open_at, i + 1, open_at + 1, i, p_index, True, continued))
                open_at = None
            # a second opening mark while open: the writer reopened; keep the first opening.
        carry = False
        if open_at is not None:
            end = hi
            out.append(Quote(open_at, end, open_at + 1, end, p_index, False, continued))
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            carry = bool(nxt and text[nxt[0]] in _OPEN + _STRAIGHT)
    return out
