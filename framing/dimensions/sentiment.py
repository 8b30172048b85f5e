"""Sentence and document sentiment with VADER, and a sentiment arc over the document.

Each sentence gets VADER's compound score (Hutto & Gilbert 2014), computed with the lexicon shipped
inside the ``vaderSentiment`` package (loaded once per process). VADER's compound saturates toward
+/-1 on long text, so the document score is never VADER run on the whole text: it is the mean of the
sentence compounds weighted by sentence length in words, which does not grow with document length.
The arc places every word of the document on a 0..1 position axis, gives it its sentence's compound
and averages it in ten equal position bins (deciles), so documents of any length share one axis.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ..results import DimensionOutput, Evidence, ParsedDocument
from .base import Dimension

__all__ = [
    "ARC_BINS",
    "Sentiment",
    "SentimentData",
    "label_for",
    "sentiment_arc",
    "weighted_mean",
]

#: VADER's own conventional cut-offs for a positive / negative compound (Hutto & Gilbert 2014).
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
#: Number of equal position bins of the arc (deciles).
ARC_BINS = 10
#: Bins averaged on each side for the start/end of the arc (``sentiment_shift``).
ARC_EDGE_BINS = 3
#: Sentences with a VADER compound of at least this size get word-level evidence.
EVIDENCE_MIN_COMPOUND = 0.05
#: VADER's rules rescan the whole sentence for every word (its cost grows with the square of the
#: sentence); a longer "sentence" (a page without full stops) is scored in windows of this many words,
#: each seeing VADER's 3-word context on both sides, so the cost grows with its length.
VADER_WINDOW_WORDS = 50
VADER_CONTEXT_WORDS = 3


def label_for(score: float) -> str:
    """``positive`` / ``negative`` / ``neutral`` by VADER's +/-0.05 thresholds."""
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    if score <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def weighted_mean(values: Sequence[float], weights: Sequence[float]) -> float:
    """Mean of ``values`` weighted by ``weights``; 0.0 when all weights are zero."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(v * w for v, w in zip(values, weights)) / total


def sentiment_arc(compounds: Sequence[float], lengths: Sequence[int], bins: int = ARC_BINS) -> list[dict[str, Any]]:
    """The arc: ``bins`` equal slices of the document by word position, each with the mean compound.

    Sentence ``i`` covers positions ``[sum(lengths[:i]), sum(lengths[:i+1]))`` of the word axis,
    rescaled to 0..1; a bin's ``sentiment`` is the overlap-weighted mean of the compounds of the
    sentences it covers (-1..1), so a three-sentence text still gets ten defined bins. ``smoothed``
    is the centred three-bin moving average. ``first``/``last`` are the sentences the bin touches.
    Empty input gives an empty list.
    """
    total = sum(lengths)
    if total <= 0 or not compounds:
        return []
    bounds = []
    pos = 0
    for n in lengths:
        bounds.append((pos / total, (pos + n) / total))
        pos += n
    raw: list[float] = []
    touched: list[tuple[int, int]] = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        num = den = 0.0
        first = last = -1
        for i, (s, e) in enumerate(bounds):
            overlap = min(hi, e) - max(lo, s)
            if overlap <= 0:
                continue
            num += overlap * compounds[i]
            den += overlap
            first = i if first < 0 else first
            last = i
        raw.append(num / den if den > 0 else 0.0)
        touched.append((first, last))
    out = []
    for b in range(bins):
        window = raw[max(0, b - 1) : b + 2]
        out.append(
            {
                "bin": b,
                "start": round(b / bins, 6),
                "end": round((b + 1) / bins, 6),
                "sentiment": round(raw[b], 6),
                "smoothed": round(sum(window) / len(window), 6),
                "first_sentence": touched[b][0],
                "last_sentence": touched[b][1],
            }
        )
    return out


@dataclass(frozen=True)
class _Window:
    """A slice of a sentence's words, as VADER's word rules read it."""

    words_and_emoticons: list[str]
    is_cap_diff: bool


@dataclass(frozen=True)
class SentimentData:
    """What later dimensions can read: one VADER compound and word count per sentence."""

    compounds: tuple[float, ...]
    lengths: tuple[int, ...]
    document: float


class Sentiment(Dimension):
    """VADER sentence sentiment, a length-robust document score and a decile arc."""

    name = "sentiment"
    SCORES: ClassVar[Mapping[str, str]] = {
        "sentiment": "mean VADER compound of the sentences weighted by their length in words;"
        " higher = more positive; -1..1",
        "sentiment_positive_share": "share of sentences with compound >= 0.05; higher = more positive sentences; 0..1",
        "sentiment_negative_share": "share of sentences with compound <= -0.05; higher = more negative sentences; 0..1",
        "sentiment_balance": "positive share minus negative share of sentences; higher = more positive; -1..1",
        "sentiment_spread": "length-weighted standard deviation of sentence compounds;"
        " higher = more mixed or volatile tone; 0..1",
        "sentiment_shift": "mean arc value of the last three deciles minus the first three;"
        " higher = the text ends more positively than it starts; -2..2",
    }

    def __init__(self, resources) -> None:  # type: ignore[no-untyped-def]
        super().__init__(resources)
        from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

        self._vader = SentimentIntensityAnalyzer()
        self._lexicon: Mapping[str, float] = self._vader.lexicon
        self._boosters: Mapping[str, float] = BOOSTER_DICT
        self._senti_text = SentiText
        # VADER replaces emoji characters by their descriptions, one character at a time.
        self._emoji_chars = frozenset(k for k in self._vader.emojis if len(k) == 1)

    def compound(self, sentence: str) -> float:
        """VADER's compound score of one sentence; higher = more positive; -1..1.

        Without emoji, VADER's character-by-character emoji replacement leaves the sentence as it
        is, so it is skipped and VADER's word rules run directly (the same steps, in the same order,
        as ``polarity_scores``); a sentence with an emoji goes through ``polarity_scores`` itself.
        """
        long = len(sentence) > VADER_WINDOW_WORDS * 2 and len(sentence.split()) > VADER_WINDOW_WORDS
        if not self._emoji_chars.isdisjoint(sentence):
            if not long:
                return float(self._vader.polarity_scores(sentence)["compound"])
            sentence = self._describe_emoji(sentence)
        vader = self._vader
        text = sentence.strip()
        senti = self._senti_text(text)
        words = senti.words_and_emoticons
        if long:
            return float(vader.score_valence(self._windowed_valences(senti), text)["compound"])
        valences = self._valences(senti, words, 0, len(words))
        valences = vader._but_check(words, valences)
        return float(vader.score_valence(valences, text)["compound"])

    def _valences(self, senti: Any, words: Sequence[str], lo: int, hi: int) -> list[float]:
        """VADER's valence of each word ``words[lo:hi]`` (``senti`` holds ``words`` and its capitals)."""
        vader, boosters = self._vader, self._boosters
        last = len(words) - 1
        valences: list[float] = []
        for i in range(lo, hi):
            item = words[i]
            low = item.lower()
            if low in boosters or (i < last and low == "kind" and words[i + 1].lower() == "of"):
                valences.append(0)  # a booster or "kind of" carries no valence of its own
                continue
            valences = vader.sentiment_valence(0, senti, item, i, valences)
        return valences

    def _windowed_valences(self, senti: Any) -> list[float]:
        """Valences of a very long sentence, window by window, then VADER's "but" rule in one pass."""
        words = senti.words_and_emoticons
        valences: list[float] = []
        for start in range(0, len(words), VADER_WINDOW_WORDS):
            lo = max(0, start - VADER_CONTEXT_WORDS)
            hi = min(len(words), start + VADER_WINDOW_WORDS + VADER_CONTEXT_WORDS)
            window = _Window(words[lo:hi], senti.is_cap_diff)
            part = self._valences(window, window.words_and_emoticons, 0, len(window.words_and_emoticons))
            valences.extend(part[start - lo : start - lo + VADER_WINDOW_WORDS])
        lower = (w.lower() for w in words)
        bi = next((i for i, w in enumerate(lower) if w == "but"), -1)
        if bi >= 0:  # the first "but" halves what comes before it and raises what follows by half
            valences = [v * 0.5 if i < bi else v * 1.5 if i > bi else v for i, v in enumerate(valences)]
        return valences

    def _describe_emoji(self, sentence: str) -> str:
        """VADER's emoji step (each emoji replaced by its description), in linear time."""
        out: list[str] = []
        prev_space = True
        for ch in sentence:
            if ch in self._emoji_chars:
                if not prev_space:
                    out.append(" ")
                out.append(self._vader.emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        text = doc.text
        compounds: list[float] = []
        lengths: list[int] = []
        rows: list[dict[str, float]] = []
        labels: list[dict[str, str]] = []
        evidence: list[Evidence] = []
        for s, (first, end) in zip(doc.sentences, doc.sentence_tokens):
            toks = doc.tokens[first:end]
            n = sum(1 for t in toks if t.kind != "punct")
            c = self.compound(text[s.start : s.end])
            compounds.append(c)
            lengths.append(n)
            rows.append({"sentiment": c})
            labels.append({"sentiment_label": label_for(c)})
            if abs(c) >= EVIDENCE_MIN_COMPOUND:
                for t in toks:
                    v = self._lexicon.get(t.norm)
                    if v is None or t.kind != "word" or (v > 0) != (c > 0):
                        continue
                    evidence.append(
                        Evidence(t.start, t.end, s.index, self.name, label_for(c), f"vader:{t.norm}", float(v))
                    )
        doc_score = weighted_mean(compounds, lengths)
        n_sent = len(compounds)
        pos_share = sum(c >= POSITIVE_THRESHOLD for c in compounds) / n_sent if n_sent else 0.0
        neg_share = sum(c <= NEGATIVE_THRESHOLD for c in compounds) / n_sent if n_sent else 0.0
        variance = weighted_mean([(c - doc_score) ** 2 for c in compounds], lengths)
        arc = sentiment_arc(compounds, lengths)
        shift = 0.0
        if arc:
            head = [b["sentiment"] for b in arc[:ARC_EDGE_BINS]]
            tail = [b["sentiment"] for b in arc[-ARC_EDGE_BINS:]]
            shift = sum(tail) / len(tail) - sum(head) / len(head)
        scores = {
            "sentiment": doc_score,
            "sentiment_positive_share": pos_share,
            "sentiment_negative_share": neg_share,
            "sentiment_balance": pos_share - neg_share,
            "sentiment_spread": math.sqrt(max(0.0, variance)),
            "sentiment_shift": shift,
        }
        return DimensionOutput(
            scores=scores,
            labels={"sentiment_label": label_for(doc_score)},
            sentence_scores=rows,
            sentence_labels=labels,
            evidence=evidence,
            blocks={"sentiment_arc": arc},
            data=SentimentData(tuple(compounds), tuple(lengths), doc_score),
        )
