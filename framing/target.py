"""Sentiment toward a target: how one sentence evaluates the actor at a given character span.

This is not the sentence's tone. "The Russian leader accused NATO of making dangerous attempts" is
negative toward NATO and says nothing good or bad about the Russian leader. The scorer is rule-based
(no statistical parser is available offline) and works on the tokens of the target's sentence:

1. **Clause.** The target's clause runs out from the target to the nearest hard boundary (``;``,
   ``:``, dashes, brackets, quotation marks), subordinator or complementiser (*that*, *because*,
   *but*, *while*...), comma (a list of names, a participle clause or a relative clause right after
   the target are kept), or speech verb: a target that *says* something is the source of that
   content, not its topic.
2. **Evaluative events** from ``lexicons/target_verbs.tsv`` go to the participant they evaluate:
   ``object_*`` verbs (accuse, praise) to their object in the active voice and to their subject in
   the passive; ``subject_*`` verbs (invade, lie, help) to their subject, or to the *by*-agent of a
   passive; ``agent_*`` nouns (aggression, victory) to their possessor, modifier or *by*-agent;
   ``after_*`` phrases (criticism of, praise for) to the phrase after them. The other participant
   gets nothing.
3. **Evaluative words**: VADER's lexicon (from the installed ``vaderSentiment`` package) completed
   and corrected by ``lexicons/target_evaluative.tsv``. A word counts fully when it modifies the
   target (attributive adjective, the target's possessed noun phrase, a predicate after a copula) and
   otherwise only when the target is the nearest actor to it in the clause, decaying with distance.
4. **Negation** (``not``, ``never``, ``no``...) within three tokens before a cue flips an evaluative
   word (times -0.74, VADER's constant) and cancels an event ("did not blame" is not praise).

The contributions, on VADER's -4..4 valence scale, are summed; the label is negative below
``-LABEL_THRESHOLD``, positive above it; the score is the sum squashed into -1..1 as VADER does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .document import split_header
from .text import Token, split_paragraphs, tokenize

if TYPE_CHECKING:
    from .resources import Resources

__all__ = [
    "TargetCue",
    "TargetResult",
    "TargetScorer",
    "default_scorer",
    "name_spans",
    "target_sentiment",
]

VERBS_LEXICON = "target_verbs"
EVALUATIVE_LEXICON = "target_evaluative"
CUES_LEXICON = "target_cues"
GAZETTEER_LEXICON = "gazetteer_actors"
ACTOR_CUES_LEXICON = "actor_cues"

#: |sum| at or above this (VADER valence units) gives a positive or negative label.
LABEL_THRESHOLD = 0.5
#: VADER's normalisation constant: score = s / sqrt(s^2 + ALPHA).
ALPHA = 15.0
#: VADER's negation scalar for an evaluative word after a negator.
NEGATION_SCALAR = -0.74
#: An evaluative event (verb or phrase) after a negator counts this much (0 = cancelled).
NEGATED_EVENT_SCALAR = 0.0
#: Tokens before a cue searched for a negator.
NEGATION_WINDOW = 3
#: Weight of an evaluative word that modifies the target (adjective, possessed phrase, predicate).
MODIFIER_WEIGHT = 1.0
#: Nearby evaluative words: weight = 1 / (1 + NEAR_DECAY * (distance - 1)), up to NEAR_MAX_DISTANCE.
NEAR_DECAY = 0.25
NEAR_MAX_DISTANCE = 8
#: Words VADER scores under this magnitude are ignored (too weak to evaluate a target).
MIN_VALENCE = 0.5
#: How far (tokens) a verb's object, subject or a phrase's complement may be from the cue.
OBJECT_MAX_GAP = 6
SUBJECT_MAX_GAP = 12
AFTER_MAX_GAP = 5
#: Tokens between an attributive adjective and the target; tokens of a possessed noun phrase.
ATTRIBUTIVE_MAX_GAP = 3
POSSESSED_MAX_TOKENS = 3
#: Tokens searched back from a verb for a passive auxiliary (was widely criticised).
PASSIVE_WINDOW = 3

_HARD_BOUNDARIES = frozenset(';:—–()[]“”"«»')
_POSSESSIVE = frozenset(("'s", "’s", "'"))


@dataclass(frozen=True, slots=True)
class TargetCue:
    """One signal that moved the target's score: ``text[start:end]`` and its signed contribution.

    ``rule`` names the lexicon entry (``target_verbs:accuse``, ``vader:brutal``); ``relation`` says
    how it reached the target (object, subject, agent, after, modifier, predicate, near).
    """

    start: int
    end: int
    value: float
    rule: str
    relation: str


@dataclass(frozen=True)
class TargetResult:
    """Sentiment toward one target mention: ``label``, ``score`` (-1..1) and the cues behind it."""

    label: str
    score: float
    raw: float
    cues: tuple[TargetCue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "score": round(self.score, 6)}


def _squash(raw: float) -> float:
    return raw / (raw * raw + ALPHA) ** 0.5


def _label(raw: float) -> str:
    if raw >= LABEL_THRESHOLD:
        return "positive"
    if raw <= -LABEL_THRESHOLD:
        return "negative"
    return "neutral"


def _is_capitalised(tok: Token) -> bool:
    return tok.kind == "word" and tok.text[:1].isupper()


def name_spans(
    tokens: Sequence[Token], not_name: frozenset[str], known: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Token ranges ``[i, j)`` of capitalised name sequences, merged with ``known`` ranges.

    A sequence is a run of capitalised words (joined by ``of``/``the``/``for`` inside, as in "Bank
    of England"); a run that is only the sentence's first word counts when that word is not in
    ``not_name``. ``known`` ranges (gazetteer hits) always count and win over overlapping runs.
    """
    out: list[tuple[int, int]] = list(known)
    covered = set()
    for a, b in known:
        covered.update(range(a, b))
    n = len(tokens)
    caps = [t.kind == "word" and t.text[:1].isupper() for t in tokens]  # _is_capitalised, once per token
    i = 0
    while i < n:
        if i in covered or not caps[i] or tokens[i].norm in not_name:
            i += 1
            continue
        j = i + 1
        while j < n and j not in covered:
            t = tokens[j]
            if caps[j] or t.norm in ("'s",):
                if t.norm == "'s":
                    break
                j += 1
                continue
            if t.norm in ("of", "for", "the", "de", "von", "der", "al") and j + 1 < n and caps[j + 1]:
                j += 1
                continue
            break
        while j > i + 1 and not caps[j - 1]:
            j -= 1
        out.append((i, j))
        i = j
    return sorted(set(out))


class TargetScorer:
    """Scores sentiment toward a target inside one sentence; built once per process."""

    def __init__(self, resources: Resources) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.resources = resources
        cues = resources.lexicon(CUES_LEXICON)
        self.negators = cues.terms("negator")
        self.speech = cues.terms("speech")
        self.boundary = cues.terms("boundary")
        self.relative = cues.terms("relative")
        self.copula = cues.terms("copula")
        self.passive_aux = cues.terms("passive_aux")
        self.agent = cues.terms("agent")
        self.prepositions = cues.terms("preposition")
        self.coordinators = cues.terms("coordinator")
        self.determiners = cues.terms("determiner")
        self.competitors = cues.terms("competitor")
        self.not_name = resources.lexicon(ACTOR_CUES_LEXICON).terms("not_name")
        valence: dict[str, tuple[float, str]] = {
            w: (float(v), "vader") for w, v in SentimentIntensityAnalyzer().lexicon.items() if abs(v) >= MIN_VALENCE
        }
        evaluative = resources.lexicon(EVALUATIVE_LEXICON)
        for e in evaluative.entries:
            for form in e.forms:
                key = form.lower()
                if e.category == "neutral":
                    valence.pop(key, None)
                elif e.category in ("positive", "negative"):
                    sign = 1.0 if e.category == "positive" else -1.0
                    valence[key] = (sign * abs(e.weight), EVALUATIVE_LEXICON)
        for word in self.speech | self.negators | self.copula:
            valence.pop(word, None)
        self.valence: Mapping[str, tuple[float, str]] = valence

    # -- public ---------------------------------------------------------------------------------
    def score_tokens(
        self,
        tokens: Sequence[Token],
        target: tuple[int, int],
        matches: Sequence[Any] = (),
        actors: Sequence[tuple[int, int]] = (),
        first: int = 0,
    ) -> TargetResult:
        """Sentiment toward tokens ``target = [i, j)`` of one sentence's ``tokens``.

        ``matches`` are lexicon hits whose ``tok_start``/``tok_end`` index ``tokens`` offset by
        ``first`` (the analyser's document token numbering); ``actors`` are the token ranges of
        other names in the sentence, in the same local numbering as ``target``.
        """
        ts, te = target
        if not tokens or ts >= te:
            return TargetResult("neutral", 0.0, 0.0)
        events = [
            (m.tok_start - first, m.tok_end - first, m)
            for m in matches
            if m.lexicon == VERBS_LEXICON and m.tok_end - first <= len(tokens) and m.tok_start - first >= 0
        ]
        events = [(a, b, m) for a, b, m in events if b <= ts or a >= te]
        others = [(a, b) for a, b in actors if b <= ts or a >= te]
        competitors = self.competitors
        for i, tok in enumerate(tokens):
            # i == te: "NATO allies", "Ukrainian officials": the head noun of the target's phrase
            if tok.norm in competitors and i != te and (i < ts or i >= te) and not any(a <= i < b for a, b in others):
                others.append((i, i + 1))
        others.sort()
        lo, hi = self._clause(tokens, ts, te, others)
        cues: list[TargetCue] = []
        used: set[int] = set(range(ts, te))
        for a, b in others:
            used.update(range(a, b))
        for a, b, _m in events:
            used.update(range(a, b))
        for a, b, m in events:
            if a < lo or b > hi:
                continue
            value, relation = self._event(tokens, ts, te, a, b, m, others, lo, hi)
            if value:
                cues.append(TargetCue(tokens[a].start, tokens[b - 1].end, value, f"{VERBS_LEXICON}:{m.term}", relation))
        for k in range(lo, hi):
            if k in used:
                continue
            tok = tokens[k]
            if tok.kind != "word" or (_is_capitalised(tok) and k > 0 and tokens[k - 1].norm not in '"“‘('):
                continue
            hit = self.valence.get(tok.norm)
            if hit is None:
                continue
            weight, relation = self._word_weight(tokens, ts, te, k, others, lo, hi)
            if not weight:
                continue
            value = hit[0] * weight
            if self._negated(tokens, k, lo):
                value *= NEGATION_SCALAR
            cues.append(TargetCue(tok.start, tok.end, value, f"{hit[1]}:{tok.norm}", relation))
        raw = sum(c.value for c in cues)
        return TargetResult(_label(raw), _squash(raw), raw, tuple(cues))

    # -- clause -----------------------------------------------------------------------------------
    def _clause(self, tokens: Sequence[Token], ts: int, te: int, others: Sequence[tuple[int, int]]) -> tuple[int, int]:
        n = len(tokens)
        ends = {b for _, b in others}
        starts = {a for a, _ in others}
        lo = 0
        i = ts - 1
        while i >= 0:
            t = tokens[i]
            if t.text in _HARD_BOUNDARIES or t.norm in self.boundary or t.norm in self.speech:
                lo = i + 1
                break
            if t.norm in self.relative and i + 1 < ts:
                lo = i + 1
                break
            if t.text == ",":
                listed = i in ends or (i + 1 < n and (i + 1) in starts and (i + 1) != ts)
                if not (listed or (i + 1 == ts and (i in ends or tokens[i - 1].norm in self.coordinators))):
                    lo = i + 1
                    break
            i -= 1
        hi = n
        i = te
        while i < n:
            t = tokens[i]
            if t.text in _HARD_BOUNDARIES or t.norm in self.boundary:
                hi = i
                break
            if t.norm in self.speech:
                hi = i + 1
                break
            if t.norm in self.relative:
                if i == te or (i == te + 1 and tokens[te].text == ","):
                    i += 1
                    continue
                hi = i
                break
            if t.text == ",":
                nxt = tokens[i + 1] if i + 1 < n else None
                if nxt is not None and (
                    (nxt.norm in self.relative and i == te)
                    or nxt.norm.endswith("ing")
                    or (i + 1) in starts
                    or nxt.norm in self.coordinators
                ):
                    i += 1
                    continue
                if i > te and self._closes_relative(tokens, te, i):
                    i += 1
                    continue
                hi = i
                break
            i += 1
        return lo, hi

    def _closes_relative(self, tokens: Sequence[Token], te: int, comma: int) -> bool:
        """A comma that closes ", who ..." opened right after the target."""
        return te + 1 < comma and tokens[te].text == "," and tokens[te + 1].norm in self.relative

    # -- events -----------------------------------------------------------------------------------
    def _passive(self, tokens: Sequence[Token], a: int, b: int, lo: int) -> bool:
        """A one-word verb after a passive auxiliary; idioms (found liable, on trial) keep their receiver."""
        if b - a > 1 or tokens[a].norm.endswith("ing"):
            return False
        for k in range(a - 1, max(lo, a - PASSIVE_WINDOW) - 1, -1):
            norm = tokens[k].norm
            if norm in self.passive_aux:
                return True
            if not (norm.endswith("ly") or norm in ("been", "being", "have", "has", "had", "also", "not")):
                return False
        return False

    def _negated(self, tokens: Sequence[Token], a: int, lo: int) -> bool:
        return any(tokens[k].norm in self.negators for k in range(max(lo, a - NEGATION_WINDOW), a))

    def _between_ok(self, tokens: Sequence[Token], i: int, j: int, others: Sequence[tuple[int, int]]) -> bool:
        """Tokens ``[i, j)`` hold no preposition, speech verb or other actor that is not in a list."""
        for k in range(i, j):
            t = tokens[k]
            if t.norm in self.prepositions or t.norm in self.speech or t.text in _HARD_BOUNDARIES:
                return False
        for a, b in others:
            if i <= a and b <= j:
                after = tokens[b].norm if b < len(tokens) else ""
                if not (after in self.coordinators or after in _POSSESSIVE):
                    return False
        return True

    def _by_agent(self, tokens: Sequence[Token], b: int, ts: int, hi: int) -> bool:
        k = b
        while k < hi and tokens[k].norm.endswith("ly"):
            k += 1
        return k < hi and tokens[k].norm in self.agent and k < ts <= k + 1 + ATTRIBUTIVE_MAX_GAP

    def _event(
        self,
        tokens: Sequence[Token],
        ts: int,
        te: int,
        a: int,
        b: int,
        match: Any,
        others: Sequence[tuple[int, int]],
        lo: int,
        hi: int,
    ) -> tuple[float, str]:
        receiver, _, polarity = match.category.partition("_")
        sign = 1.0 if polarity == "positive" else -1.0
        value = sign * abs(match.weight)
        if self._negated(tokens, a, lo):
            value *= NEGATED_EVENT_SCALAR
        after = ts >= b
        before = te <= a
        if receiver == "object":
            if self._passive(tokens, a, b, lo):
                if before and self._between_ok(tokens, te, a, others) and a - te <= SUBJECT_MAX_GAP:
                    return value, "object"
                return 0.0, ""
            if after and ts - b <= OBJECT_MAX_GAP and self._between_ok(tokens, b, ts, others):
                return value, "object"
            return 0.0, ""
        if receiver == "subject":
            if self._passive(tokens, a, b, lo):
                return (value, "subject") if after and self._by_agent(tokens, b, ts, hi) else (0.0, "")
            if before and a - te <= SUBJECT_MAX_GAP and self._subject_ok(tokens, te, a, others):
                return value, "subject"
            return 0.0, ""
        if receiver == "agent":
            if before and (self._modifies(tokens, te, a) or self._possessor(tokens, te, a)):
                return value, "agent"
            if before and a - te <= OBJECT_MAX_GAP and self._subject_ok(tokens, te, a, others):
                return value, "agent"
            if after and self._by_agent(tokens, b, ts, hi):
                return value, "agent"
            return 0.0, ""
        if receiver == "after":
            if after and ts - b <= AFTER_MAX_GAP and self._between_ok(tokens, b, ts, others):
                return value, "after"
            return 0.0, ""
        return 0.0, ""

    def _subject_ok(self, tokens: Sequence[Token], te: int, a: int, others: Sequence[tuple[int, int]]) -> bool:
        """The target can be the subject of the cue at ``a``: no preposition or other actor between."""
        for k in range(te, a):
            t = tokens[k]
            if (t.norm in self.prepositions and t.norm != "to") or t.norm in self.speech:
                return False
            if t.text in _HARD_BOUNDARIES:
                return False
        return not any(te <= x and y <= a for x, y in others)

    def _modifies(self, tokens: Sequence[Token], te: int, a: int) -> bool:
        """The target directly modifies the noun at ``a`` (Russian invasion, NATO expansion)."""
        return 0 <= a - te <= 2 and all(tokens[k].kind == "word" for k in range(te, a))

    def _possessor(self, tokens: Sequence[Token], te: int, a: int) -> bool:
        return te < len(tokens) and tokens[te].norm in _POSSESSIVE and 0 < a - te <= POSSESSED_MAX_TOKENS

    # -- words ------------------------------------------------------------------------------------
    def _word_weight(
        self, tokens: Sequence[Token], ts: int, te: int, k: int, others: Sequence[tuple[int, int]], lo: int, hi: int
    ) -> tuple[float, str]:
        if (
            k < ts
            and ts - k <= ATTRIBUTIVE_MAX_GAP
            and all(tokens[x].kind == "word" and tokens[x].norm not in self.prepositions for x in range(k + 1, ts))
        ):
            if not any(k < x < ts for x, _ in others):
                return MODIFIER_WEIGHT, "modifier"
        if k >= te and self._possessor(tokens, te, k) and not any(te <= x < k for x, _ in others):
            if all(tokens[x].norm not in self.prepositions for x in range(te + 1, k)):
                return MODIFIER_WEIGHT, "modifier"
        if k >= te and self._predicate(tokens, te, k, others):
            return MODIFIER_WEIGHT, "predicate"
        dist = ts - k if k < ts else k - te + 1
        if dist > NEAR_MAX_DISTANCE:
            return 0.0, ""
        for a, b in others:
            if a < lo or b > hi:
                continue
            d = a - k if k < a else k - b + 1
            if d < dist:
                return 0.0, ""
        return 1.0 / (1.0 + NEAR_DECAY * (dist - 1)), "near"

    def _predicate(self, tokens: Sequence[Token], te: int, k: int, others: Sequence[tuple[int, int]]) -> bool:
        """``k`` lies in the predicate of ``target (aux|adverb)* copula ...``."""
        j = te
        while j < k and (
            tokens[j].norm in ("has", "have", "had", "will", "would", "also", "still") or tokens[j].norm.endswith("ly")
        ):
            j += 1
        if j >= k or tokens[j].norm not in self.copula:
            return False
        return not any(j < x <= k for x, _ in others)


# -- the public function -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def default_scorer() -> TargetScorer:
    """A scorer over the shipped lexicons, built once per process."""
    return TargetScorer(_default_resources())


@lru_cache(maxsize=1)
def _default_resources() -> Resources:
    from .resources import Config, Resources

    return Resources(Config(dimensions=()))


def _sentence_bounds(text: str, start: int, end: int, resources: Resources) -> tuple[int, int]:
    body_start, _ = split_header(text)
    for ps, pe in split_paragraphs(text, body_start if start >= body_start else 0):
        if pe <= start:
            continue
        if ps <= start < pe:
            lo, hi = start, end
            for ss, se in resources.segmenter.sentences(text, ps, pe):
                if ss <= start < se or (start <= ss < end):
                    lo, hi = min(lo, ss), max(hi, se)
            return lo, max(hi, end)
    return start, end


def target_sentiment(text: str, start: int, end: int) -> dict[str, Any]:
    """Sentiment toward the mention ``text[start:end]`` in its sentence.

    Returns ``{"label": "negative"|"neutral"|"positive", "score": float}`` with ``score`` in -1..1
    (higher = more favourable to the target). Raises ``ValueError`` for a span outside the text.
    """
    return target_sentiment_result(text, start, end).to_dict()


def target_sentiment_result(text: str, start: int, end: int) -> TargetResult:
    """:func:`target_sentiment` with the cues behind the score."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"span [{start}, {end}) is outside the text (length {len(text)})")
    scorer = default_scorer()
    res = scorer.resources
    lo, hi = _sentence_bounds(text, start, end, res)
    tokens = tokenize(text, lo, hi)
    target = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if not target:
        return TargetResult("neutral", 0.0, 0.0)
    ts, te = target[0], target[-1] + 1
    matches = res.matcher.find(text, tokens)
    known = [(m.tok_start, m.tok_end) for m in matches if m.lexicon == GAZETTEER_LEXICON]
    actors = [(a, b) for a, b in name_spans(tokens, scorer.not_name, known) if b <= ts or a >= te]
    return scorer.score_tokens(tokens, (ts, te), matches, actors)
