"""Page furniture: lines around an article's text that are not part of it.

Scraped news pages carry photo captions and credits, promotion and subscription prompts
("CLICK HERE TO GET THE FOX NEWS APP", "Sign up for the new US morning briefing"), links to related
stories ("READ:", "MORE:", "Related:"), bylines ("By Noel Randewich") and author notes ("John Binder
is a reporter for Breitbart News."). :class:`FurnitureRules` recognises them sentence by sentence
from ``lexicons/furniture.tsv``; the analyser sets them aside before any dimension runs and lists
them in the record (``set_aside``), so nothing vanishes silently.

Rules, on each sentence's lower-cased text with white space collapsed:

- ``starts``: the sentence begins with the phrase (a one-word phrase must be the whole sentence);
- ``contains``: the phrase occurs anywhere in it (credits such as "/ Getty Images", "this site is
  protected by recaptcha");
- ``follow``: it begins with "Follow" and names a social network or an @handle;
- ``byline``: "By" and at most :data:`MAX_BYLINE_WORDS` capitalised words, "and" or commas;
- ``author_note``: in the last :data:`AUTHOR_NOTE_PARAGRAPHS` paragraphs, a capitalised name, then
  "is a/an/the", then a ``bio_role`` word (reporter, columnist...), in at most
  :data:`MAX_AUTHOR_NOTE_WORDS` words;
  a paragraph of at most :data:`MAX_AUTHOR_NOTE_PARAGRAPH_WORDS` words that opens with one is set
  aside whole (the note's later sentences: "Before joining The Post, she worked ...");
- ``caption``: a paragraph of at most :data:`MAX_CAPTION_WORDS` words that holds a photo credit is
  set aside whole (the caption goes with its credit);
- ``with_prompt``: a paragraph of at most :data:`MAX_PROMPT_PARAGRAPH_WORDS` words with a furniture
  sentence is set aside whole ("Get the msnbc newsletter. This site is protected by recaptcha").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FURNITURE_LEXICON", "FurnitureRules", "SetAside"]

FURNITURE_LEXICON = "furniture"
MAX_BYLINE_WORDS = 8
MAX_AUTHOR_NOTE_WORDS = 45
AUTHOR_NOTE_PARAGRAPHS = 3
MAX_CAPTION_WORDS = 60
MAX_PROMPT_PARAGRAPH_WORDS = 25
#: An author note that opens a paragraph of at most this many words takes the paragraph with it.
MAX_AUTHOR_NOTE_PARAGRAPH_WORDS = 90
_SPACE_RE = re.compile(r"\s+")
# Possessive quantifiers: a word is never re-split on backtracking (the old nested form took
# exponential time on a long "By ..." sentence that is not a byline).
_BYLINE_RE = re.compile(r"^by\s+(?:(?:[A-Z][\w.'’-]*+|&|,)\s*+)+$", re.IGNORECASE)
_CAP_WORD_RE = re.compile(r"[A-Z][\w.'’-]*")
_AUTHOR_NOTE_RE = re.compile(r"^((?:[A-Z][\w.'’-]*\s+){1,4})is (?:a|an|the)\b(.*)$")
_CREDIT_RE = re.compile(r"getty images|ap photo|reuters/|/ reuters|/ ap\b|photo credit|file photo")
#: Every photo credit holds one of these (a cheap test before the normalised text is searched).
_CREDIT_WORDS = ("getty", "photo", "reuters", "/")


@dataclass(frozen=True, slots=True)
class SetAside:
    """A span of the text set aside before analysis: ``text[start:end]`` and why (the rule)."""

    start: int
    end: int
    reason: str

    def to_dict(self, text: str) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": text[self.start : self.end], "reason": self.reason}


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", text.lower().replace("’", "'")).strip()


def _alternation(terms: Sequence[str], anchored: bool) -> re.Pattern[str]:
    """One regex for many phrases (longest first; a space matches any white space)."""
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True))
    return re.compile(("^" if anchored else "") + f"(?:{body})" if body else "(?!)")


@dataclass(frozen=True)
class FurnitureRules:
    """Furniture phrases by rule (lower-cased), from the ``furniture`` lexicon."""

    starts: tuple[str, ...]
    contains: tuple[str, ...]
    follow: tuple[str, ...]
    bio_roles: frozenset[str]
    _starts_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _contains_re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts_re", _alternation(self.starts, True))
        object.__setattr__(self, "_contains_re", _alternation(self.contains, False))

    @classmethod
    def from_lexicon(cls, lexicon: Any) -> FurnitureRules:
        def terms(category: str) -> tuple[str, ...]:
            return tuple(sorted(_norm(e.term) for e in lexicon.entries if e.category == category))

        return cls(terms("starts"), terms("contains"), terms("follow"), frozenset(terms("bio_role")))

    def sentence_reason(self, sentence: str, near_end: bool) -> str | None:
        """Why one sentence is furniture (``starts:read more``...), or None."""
        low = sentence.lower()
        if "’" in low:
            low = low.replace("’", "'")
        m = self._starts_re.match(low)
        if m is not None:
            term = _norm(m.group())
            if term.isalpha():  # one word: the whole sentence
                if low.strip().rstrip(".") == term:
                    return f"furniture:starts:{term}"
            elif not term[-1].isalnum() or not low[m.end() : m.end() + 1].isalnum():
                return f"furniture:starts:{term}"
        m = self._contains_re.search(low)
        if m is not None:
            return f"furniture:contains:{_norm(m.group())}"
        if low.startswith("follow ") and any(t in low for t in self.follow):
            return "furniture:follow"
        if low.startswith("by ") and len(sentence) < 120:
            words = sentence.split()
            if 2 <= len(words) <= MAX_BYLINE_WORDS + 1 and _BYLINE_RE.match(sentence.strip()):
                if _CAP_WORD_RE.fullmatch(words[1]):
                    return "furniture:byline"
        if near_end and " is " in low and len(sentence) < 8 * MAX_AUTHOR_NOTE_WORDS:
            m = _AUTHOR_NOTE_RE.match(sentence.strip())
            if m and any(w.strip(".,") in self.bio_roles for w in _norm(m.group(2)).split()[:8]):
                return "furniture:author_note"
        return None

    def reasons(
        self, text: str, sentences: Sequence[tuple[int, int]], paragraph: int, n_paragraphs: int
    ) -> list[str | None]:
        """The reason each sentence of one paragraph is furniture (None for body text)."""
        near_end = paragraph >= n_paragraphs - AUTHOR_NOTE_PARAGRAPHS
        out = [self.sentence_reason(text[s:e], near_end) for s, e in sentences]
        if sentences and any(r is None for r in out):
            whole = text[sentences[0][0] : sentences[-1][1]]
            if len(whole) > 12 * MAX_CAPTION_WORDS:
                return out
            n_words = len(whole.split())
            low = whole.lower()
            if (
                n_words <= MAX_CAPTION_WORDS
                and any(w in low for w in _CREDIT_WORDS)
                and _CREDIT_RE.search(_norm(whole))
            ):
                return [r or "furniture:caption" for r in out]
            if n_words <= MAX_PROMPT_PARAGRAPH_WORDS and any(r and r != "furniture:author_note" for r in out):
                return [r or "furniture:with_prompt" for r in out]
            if out[0] == "furniture:author_note" and n_words <= MAX_AUTHOR_NOTE_PARAGRAPH_WORDS:
                # The note goes on ("Before joining The Post, she worked as ..."): the paragraph is the note.
                return [r or "furniture:author_note" for r in out]
        return out
