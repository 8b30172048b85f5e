"""Does a document look like English? Scripts from Unicode letters, languages from py3langid.

The language identifier (py3langid: a naive Bayes model over byte n-grams, 97 languages, shipped in
its wheel as NumPy arrays) is loaded once per process, and only for a document that the cheap
checks do not settle: English text with enough English function words never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any

__all__ = ["MIN_FUNCTION_WORD_SHARE", "MIN_WORDS_LANGUAGE_CHECK", "identify", "language_warning"]

#: Under this share of English function words (with at least MIN_WORDS_LANGUAGE_CHECK words), the
#: language identifier is asked what the document is.
MIN_FUNCTION_WORD_SHARE = 0.12
MIN_WORDS_LANGUAGE_CHECK = 20
#: Under this share of Latin letters (with at least MIN_LETTERS_SCRIPT letters), a document is
#: written in another script whatever its length.
MIN_LATIN_SHARE = 0.5
MIN_LETTERS_SCRIPT = 5
#: Characters of the body given to the language identifier (its cost grows with the text).
LANGUAGE_SAMPLE_CHARS = 2000
#: Characters of the body looked at for letters and scripts.
SCRIPT_SAMPLE_CHARS = 20_000

_LETTER_RE = re.compile(r"[^\W\d_]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1 code, or ``none``) and its probability."""
    lang, prob = _identifier().classify(text[:LANGUAGE_SAMPLE_CHARS])
    return ("none" if lang == "zxx" else str(lang)), float(prob)  # zxx: no linguistic content


def language_warning(body: str, words: Sequence[str], function_words: Collection[str]) -> str | None:
    """A warning when the document body does not look like English text, else None.

    - no letters at all (digits, symbols, emoji only): scores are not meaningful;
    - mostly letters of another script (Han, Cyrillic, Arabic...): not English, with the language;
    - at least :data:`MIN_WORDS_LANGUAGE_CHECK` words with few English function words, and the
      identifier names another language.
    """
    sample = body[:SCRIPT_SAMPLE_CHARS]
    letters = len(_LETTER_RE.findall(sample))
    if letters == 0:
        return "has no letters (only digits, symbols or emoji); scores are not meaningful" if sample.strip() else None
    latin = len(_LATIN_RE.findall(sample))
    if letters >= MIN_LETTERS_SCRIPT and latin / letters < MIN_LATIN_SHARE:
        lang, _ = identify(sample)
        return (
            f"does not look like English ({1 - latin / letters:.0%} of its letters are not Latin; "
            f"language identified: {lang}); scores may not be meaningful"
        )
    if len(words) < MIN_WORDS_LANGUAGE_CHECK:
        return None
    share = sum(w in function_words for w in words) / len(words)
    if share >= MIN_FUNCTION_WORD_SHARE:
        return None
    lang, _ = identify(sample)
    if lang == "en":
        return None
    return (
        f"does not look like English ({share:.0%} English function words; language identified: {lang}); "
        "scores may not be meaningful"
    )
