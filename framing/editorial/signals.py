"""Editorial signals: every lexicon hit and rule that can move a sentence's ``editorial`` score.

A signal is one piece of evidence in one sentence: a span of the text, the model feature it feeds
(``loaded_terms:label``, ``rule:question``, ``word``), the value it adds to that feature (the
lexicon entry's weight, a VADER valence scaled to 0..1, or 1 for a rule) and its voice: the
writer's own words (``writer``), someone else's words rendered by the writer in reported speech
(``reported``: "the senator said the radical bill ..."), or someone else's own words in a quotation
(``quoted``). Quoted signals count as reporting, not as the writer's view; reported ones count
at the model's ``reported_share`` (see :mod:`framing.editorial.model`).

Extraction is pure: it reads the parsed document, the attribution data and tables loaded once per
process (:class:`SignalTables`). It does not rescan the text: lexicon hits come from the analyser's
single matcher pass (``doc.matches``); VADER valences are looked up per token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import Any

from ..results import ParsedDocument
from ..text import normalize_token

__all__ = [
    "GRAMMAR_LEXICON",
    "LEXICON_LABELS",
    "PATTERN_LEXICON",
    "QUOTED",
    "REPORTED",
    "STYLE",
    "WORD_LEXICON",
    "WRITER",
    "Signal",
    "SignalTables",
    "Voice",
    "extract_signals",
    "first_word",
    "is_function_span",
    "is_reported_speech",
    "load_vader_lexicon",
    "word_feature_token",
]

#: Lexicons whose hits are signals, and the evidence label each one gives.
LEXICON_LABELS: Mapping[str, str] = {
    "loaded_terms": "loaded",
    "subjectivity_clues": "subjective",
    "intensifiers": "intensifier",
    "hedges": "hedge",
    "boosters": "booster",
    "factives": "factive",
    "assertives": "assertive",
    "implicatives": "implicative",
}
#: The phrase-pattern lexicon: its category is the evidence label (speculation, motive, ...).
PATTERN_LEXICON = "editorial_patterns"
#: Necessity modals and negation: the category is the evidence label (necessity, negation).
GRAMMAR_LEXICON = "modality_negation"
#: Lexicons whose category is the evidence label.
_CATEGORY_LABEL_LEXICONS = frozenset({PATTERN_LEXICON, GRAMMAR_LEXICON})
#: The fitted word-weight lexicon: each hit's weight is its logit contribution.
WORD_LEXICON = "editorial_words"
#: Every lexicon whose hits are signals.
_SIGNAL_LEXICONS = frozenset({*LEXICON_LABELS, *_CATEGORY_LABEL_LEXICONS, WORD_LEXICON})
#: Its category for words that count in the style contribution rather than as evidence items:
#: function words, and words with a positive weight that BABE's annotators never marked as biased.
STYLE = "style"
#: Lexicons whose entry weight is not a strength (subjectivity clues carry a prior polarity).
_UNIT_VALUE_LEXICONS = frozenset({"subjectivity_clues"})
#: Lexicons whose hits on a capitalised word inside a sentence still count. In the others such a
#: hit is part of a name, not evaluation ("Great Britain", "United States", "Justice Department");
#: VADER valences follow the same rule.
_NAME_EXEMPT_LEXICONS = frozenset({"loaded_terms", PATTERN_LEXICON})
#: VADER valences below this magnitude (of 4) are too weak to count as evaluation.
VADER_MIN_VALENCE = 1.0
#: VADER valences are divided by this to give a 0..1 feature value.
VADER_SCALE = 4.0
_QUOTE_MARKS = frozenset('"“”«»„')
#: The three voices of a signal (see :class:`Signal`).
WRITER = "writer"
REPORTED = "reported"
QUOTED = "quoted"
#: Rules whose span is a construction, not a word choice: never style, whatever words they cover.
_CONSTRUCTION_RULES = frozenset(
    {"rule:question", "rule:exclamation", "rule:scare_quote", "rule:attributed_content", "rule:number"}
)
_WORD_RE = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")


@dataclass(frozen=True, slots=True)
class Signal:
    """One signal: ``text[start:end]`` in sentence ``sentence`` feeding model feature ``feature``.

    ``value`` is what the hit adds to the feature (units of the feature; word signals carry their
    fitted logit weight in ``value`` instead, see :data:`WORD_LEXICON`); ``label`` and ``rule`` are
    the evidence label and rule; ``voice`` is :data:`WRITER`, :data:`REPORTED` (reported speech in
    the writer's rendering) or :data:`QUOTED` (a quotation).
    """

    start: int
    end: int
    sentence: int
    feature: str
    label: str
    rule: str
    value: float
    voice: str = WRITER
    #: True when the span is made of function words only ("this", "could", "said", "as well as"):
    #: the signal counts in the model but is reported in the sentence's aggregate style
    #: contribution, not as an evidence item of its own.
    style: bool = False

    @property
    def attributed(self) -> bool:
        """True for someone else's words, reported or quoted."""
        return self.voice != WRITER


@dataclass(frozen=True)
class SignalTables:
    """Word tables loaded once per process: VADER valences, function words and speech cues.

    ``speech_cues``: cue forms whose attributed content counts as reported speech (see
    :class:`Voice`); None counts every attribution's content.
    """

    vader: Mapping[str, float]
    function_words: frozenset[str]
    speech_cues: frozenset[str] | None = None


def load_vader_lexicon() -> dict[str, float]:
    """Token -> mean valence (-4..4) from the ``vader_lexicon.txt`` shipped in ``vaderSentiment``."""
    ref = importlib_resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    out: dict[str, float] = {}
    with ref.open(encoding="utf-8") as fh:
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 2 or not cells[0] or not any(c.isalpha() for c in cells[0]):
                continue
            try:
                out[cells[0].lower()] = float(cells[1])
            except ValueError:
                continue
    return out


class Voice:
    """Which character ranges are the writer's own voice and which are someone else's words.

    Quoted: every quotation that is not a scare quote (a long quote whose speaker was not found is
    still someone else's words) and the content of direct-quote attributions. Reported: the content
    of every other attribution that reports speech or writing (an "according to" phrase, or a cue
    in ``speech_cues``): someone else's words in the writer's rendering. Content introduced by a
    cue of thought, intention or feeling ("believes", "wants", "plans") stays in the writer's
    voice: the writer chose those words. With ``speech_cues=None`` every attribution's content
    counts (the attribution data's ``content_spans``).
    """

    def __init__(self, doc: ParsedDocument, attribution: Any | None, speech_cues: frozenset[str] | None = None) -> None:
        quoted: list[tuple[int, int]] = []
        reported: list[tuple[int, int]] = []
        scare: list[tuple[int, int]] = []
        if attribution is not None:
            for a in attribution.attributions:
                if speech_cues is None or is_reported_speech(doc.text, a, speech_cues):
                    target = quoted if a.type == "direct" else reported
                    target.extend((c.start, c.end) for c in a.content)
            scare = [(q.span.start, q.span.end) for q in attribution.scare_quotes]
        for q in doc.quotes:
            if not any(s <= q.start and q.end <= e for s, e in scare):
                quoted.append((q.inner_start, q.inner_end))
        self.quoted = Intervals(quoted)
        self.spans = Intervals(quoted + reported)

    def attributed(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps someone else's words by more than half of its length."""
        return 2 * self.spans.overlap(start, end) > (end - start)

    def of(self, start: int, end: int) -> str:
        """The voice of ``[start, end)``: QUOTED when more than half of it is quoted, REPORTED when
        more than half is someone else's words, else WRITER."""
        if 2 * self.spans.overlap(start, end) <= (end - start):
            return WRITER
        if 2 * self.quoted.overlap(start, end) > (end - start):
            return QUOTED
        return REPORTED

    def of_tokens(self, tokens: Sequence[Any]) -> list[str]:
        """The voice of each token, in order (the same as :meth:`of` on each token's span, in one
        pass: tokens are in text order and do not overlap)."""
        if not self.spans.starts:
            return [WRITER] * len(tokens)
        out = [WRITER] * len(tokens)
        ranges = [(t.start, t.end) for t in tokens]
        for k, (ov, (start, end)) in enumerate(zip(self.spans.sweep(ranges), ranges)):
            if 2 * ov > end - start:
                out[k] = QUOTED if 2 * self.quoted.overlap(start, end) > end - start else REPORTED
        return out


class Intervals:
    """Disjoint character ranges (the union of the ranges given), answering how many characters
    of a range they cover: one binary search over the sorted ends per question, or one pass over
    ranges in text order (:meth:`sweep`)."""

    __slots__ = ("ends", "ranges", "starts")

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(ranges):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            elif e > s:
                merged.append((s, e))
        self.ranges = tuple(merged)
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlap(self, start: int, end: int) -> int:
        """Characters of ``[start, end)`` inside the ranges."""
        ends = self.ends
        k = bisect_right(ends, start)  # the first range ending after ``start``
        n = len(ends)
        if k == n:
            return 0
        starts = self.starts
        s = starts[k]
        if s >= end:
            return 0
        e = ends[k]
        if e >= end:
            return end - (s if s > start else start)
        total = e - (s if s > start else start)
        k += 1
        while k < n and starts[k] < end:
            e = ends[k]
            total += (e if e < end else end) - starts[k]
            k += 1
        return total

    def sweep(self, ranges: Sequence[tuple[int, int]]) -> list[int]:
        """:meth:`overlap` of each range, for ranges whose starts and ends never decrease."""
        starts, ends = self.starts, self.ends
        n = len(ends)
        out = [0] * len(ranges)
        k = 0
        for j, (start, end) in enumerate(ranges):
            while k < n and ends[k] <= start:
                k += 1
            total = 0
            m = k
            while m < n and starts[m] < end:
                s, e = starts[m], ends[m]
                total += (e if e < end else end) - (s if s > start else start)
                m += 1
            out[j] = total
        return out


def is_reported_speech(text: str, attribution: Any, speech_cues: frozenset[str]) -> bool:
    """True for a direct quote, an "according to" attribution, or a cue of speech or writing."""
    if attribution.type in ("direct", "according-to"):
        return True
    if attribution.cue is None:
        return False
    cue_text = normalize_token(" ".join(text[attribution.cue.start : attribution.cue.end].split()))
    lemma = attribution.cue_rule.partition(":")[2].lower() if attribution.cue_rule else ""
    return cue_text in speech_cues or lemma in speech_cues


def extract_signals(
    doc: ParsedDocument, attribution: Any | None, tables: SignalTables
) -> tuple[list[list[Signal]], list[int], list[int]]:
    """Signals per sentence, words per sentence, and writer's-voice words per sentence.

    ``attribution`` is the attribution dimension's ``AttributionData`` (or None: then only quotes
    mark attributed speech).
    """
    n = len(doc.sentences)
    voice = Voice(doc, attribution, tables.speech_cues)
    out: list[list[Signal]] = [[] for _ in range(n)]
    words = [0] * n
    own_words = [0] * n
    tokens = doc.tokens
    token_voice = voice.of_tokens(tokens)
    first_words = [first_word(doc, first, end) for first, end in doc.sentence_tokens]
    for i, (first, end) in enumerate(doc.sentence_tokens):
        for k in range(first, end):
            tok = tokens[k]
            if tok.kind == "punct":
                continue
            words[i] += 1
            where = token_voice[k]
            own_words[i] += where == WRITER
            if where == QUOTED:
                continue
            if tok.kind == "num":
                out[i].append(Signal(tok.start, tok.end, i, "rule:number", "number", "rule:number", 1.0, where))
                continue
            valence = tables.vader.get(tok.norm)
            if (
                valence is not None
                and abs(valence) >= VADER_MIN_VALENCE
                and tok.norm not in tables.function_words
                and word_feature_token(tok.text, k == first_words[i])
            ):
                polarity = "positive" if valence > 0 else "negative"
                out[i].append(
                    Signal(
                        tok.start,
                        tok.end,
                        i,
                        f"vader:{polarity}",
                        "evaluative",
                        f"vader:{tok.norm}",
                        abs(valence) / VADER_SCALE,
                        where,
                    )
                )
        _punctuation_signals(doc, i, first, end, voice, token_voice, out[i])
    for m in doc.matches:
        if m.lexicon not in _SIGNAL_LEXICONS:
            continue
        i = doc.sentence_of(m.start)
        if i < 0:
            continue
        if m.lexicon not in _NAME_EXEMPT_LEXICONS and not word_feature_token(
            tokens[m.tok_start].text, m.tok_start == first_words[i]
        ):
            continue
        head = tokens[m.tok_start]
        if m.tok_end - m.tok_start == 1 and head.start == m.start and head.end == m.end:
            where = token_voice[m.tok_start]
        else:
            where = voice.of(m.start, m.end)
        if m.lexicon == WORD_LEXICON:
            if where != QUOTED:
                rule = f"{m.lexicon}:{m.term}"
                style = m.category == STYLE
                out[i].append(Signal(m.start, m.end, i, "word", "word", rule, m.weight, where, style))
            continue
        label = m.category if m.lexicon in _CATEGORY_LABEL_LEXICONS else LEXICON_LABELS[m.lexicon]
        value = 1.0 if m.lexicon in _UNIT_VALUE_LEXICONS else m.weight
        feature = f"{m.lexicon}:{m.category}"
        out[i].append(Signal(m.start, m.end, i, feature, label, f"{m.lexicon}:{m.term}", value, where))
    if attribution is not None:
        _attribution_signals(doc, attribution, token_voice, words, out, tables.speech_cues)
    fw = tables.function_words
    text = doc.text
    known: dict[str, bool] = {}
    for row in out:
        for k, s in enumerate(row):
            if s.style or s.feature in _CONSTRUCTION_RULES:
                continue
            span = text[s.start : s.end]
            style = known.get(span)
            if style is None:
                style = known[span] = is_function_span(span, 0, len(span), fw)
            if style:
                row[k] = Signal(s.start, s.end, s.sentence, s.feature, s.label, s.rule, s.value, s.voice, True)
        row.sort(key=lambda s: (s.start, s.end, s.feature))
    return out, words, own_words


def is_function_span(text: str, start: int, end: int, function_words: frozenset[str]) -> bool:
    """True when ``text[start:end]`` has at least one word and every word is a function word."""
    found = False
    for w in _WORD_RE.findall(text, start, end):
        if not _function_word(normalize_token(w), function_words):
            return False
        found = True
    return found


#: Stems of negated auxiliaries that differ from the auxiliary ("can't", "won't", "shan't").
_NEGATED_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}


def _function_word(word: str, function_words: frozenset[str]) -> bool:
    """A function word, or a contraction of one: a negated auxiliary ("don't", "can't") or a
    function word with a clitic ("I'm", "we're", "it's")."""
    if word in function_words:
        return True
    if word.endswith("n't"):
        stem = word[:-3]
        return _NEGATED_STEMS.get(stem, stem) in function_words or stem + "n" in function_words
    base, apostrophe, _ = word.partition("'")
    return bool(apostrophe) and base in function_words


def word_feature_token(text: str, sentence_initial: bool) -> bool:
    """Fitted word weights apply to lower-case words and to a sentence's first word.

    Capitalised words inside a sentence are names; their weights would learn the topics of the
    training data rather than the writer's voice.
    """
    return sentence_initial or not text[:1].isupper()


def first_word(doc: ParsedDocument, first: int, end: int) -> int:
    """Token index of a sentence's first word (after opening quotes and brackets), or -1."""
    for k in range(first, end):
        if doc.tokens[k].kind == "word":
            return k
    return -1


def _punctuation_signals(
    doc: ParsedDocument, i: int, first: int, end: int, voice: Voice, token_voice: Sequence[str], row: list[Signal]
) -> None:
    """Questions and exclamations in the writer's voice (``token_voice``: each token's voice)."""
    tokens = doc.tokens
    last = end - 1
    while last >= first and tokens[last].text in _QUOTE_MARKS | {")", "]"}:
        last -= 1
    for k in range(first, end):
        tok = tokens[k]
        if tok.text == "!" and token_voice[k] == WRITER and not _after_quote_open(doc, tok.start):
            row.append(Signal(tok.start, tok.end, i, "rule:exclamation", "exclamation", "rule:exclamation", 1.0))
    if last >= first and tokens[last].text == "?" and token_voice[last] == WRITER:
        s = doc.sentences[i]
        if not voice.attributed(s.start, tokens[last].end):
            row.append(Signal(s.start, tokens[last].end, i, "rule:question", "question", "rule:question", 1.0))


def _after_quote_open(doc: ParsedDocument, offset: int) -> bool:
    """True when ``offset`` is the closing punctuation of a quote ("...!" said)."""
    return any(q.inner_start <= offset <= q.inner_end for q in doc.quotes)


def _attribution_signals(
    doc: ParsedDocument,
    attribution: Any,
    token_voice: Sequence[str],
    words: Sequence[int],
    out: list[list[Signal]],
    speech_cues: frozenset[str] | None,
) -> None:
    """Attribution cues by stance, scare quotes, and the share of each sentence in attributed speech
    (``token_voice``: each token's voice)."""
    for a in attribution.attributions:
        if a.cue is None or (speech_cues is not None and not is_reported_speech(doc.text, a, speech_cues)):
            continue
        i = doc.sentence_of(a.cue.start)
        if i < 0:
            continue
        rule = a.cue_rule or "rule:attribution_cue"
        out[i].append(Signal(a.cue.start, a.cue.end, i, f"cue:{a.cue_class}", f"cue_{a.cue_class}", rule, 1.0))
    for q in attribution.scare_quotes:
        i = q.sentence
        if not 0 <= i < len(out):
            continue
        sent = doc.sentences[i]
        start, end = max(q.span.start, sent.start), min(q.span.end, sent.end)
        if start < end:
            out[i].append(Signal(start, end, i, "rule:scare_quote", "scare_quote", "rule:scare_quote", 1.0))
    tokens = doc.tokens
    for i, (first, end) in enumerate(doc.sentence_tokens):
        if not words[i]:
            continue
        run_start = run_end = -1
        run_words = 0
        for k in range(first, end):
            tok = tokens[k]
            if tok.kind == "punct":
                continue
            if token_voice[k] != WRITER:
                if run_start < 0:
                    run_start = tok.start
                run_end = tok.end
                run_words += 1
            elif run_start >= 0:
                out[i].append(_content_signal(i, run_start, run_end, run_words / words[i]))
                run_start, run_words = -1, 0
        if run_start >= 0:
            out[i].append(_content_signal(i, run_start, run_end, run_words / words[i]))


def _content_signal(i: int, start: int, end: int, share: float) -> Signal:
    return Signal(start, end, i, "rule:attributed_content", "attributed_content", "rule:attributed_content", share)
