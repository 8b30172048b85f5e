"""Sentiment toward a target: how one sentence evaluates the actor at a given span, learned from news.

This is not the sentence's tone. "The Russian leader accused NATO of making dangerous attempts" is
negative toward NATO and says nothing good or bad about the Russian leader. A multinomial logistic
regression (classes negative / neutral / positive), fitted on NewsMTSC (Hamborg & Donnay 2021,
sentences from US news with a marked target) by :mod:`framing.training.target`, reads features of
the sentence *relative to the target* (see ``docs/portrayal.md``):

- **words by position**: every word, every content word with its direction (left / right of the
  target), and near content words with their distance; target-masked bigrams (the target is ``<t>``:
  "by <t>", "<t> was", "<t> 's"); the words right before and after the target;
- **evaluative words**: VADER's lexicon (read from the installed ``vaderSentiment`` package)
  completed and corrected by ``lexicons/target_evaluative.tsv``, by sign, direction, distance,
  clause (clauses end at punctuation, subordinators and speech verbs from
  ``lexicons/target_cues.tsv``), quotation and negation (a negator within three tokens before the
  word, in its clause), and whether another actor is nearer to the word than the target; the prior
  polarity of ``lexicons/subjectivity_clues.tsv``;
- **evaluative events** (``lexicons/target_verbs.tsv``: accuse, praise, invade, help...) by which
  side of the event the target is on, voice (active / passive) and negation: the model learns that
  the object of *accuse* is evaluated and its subject is not;
- **the target itself**: a pronoun, the sentence's first words (its subject), possessive, inside a
  quotation, part of a longer name, the speaker of a speech verb;
- **superlatives** (*strongest*, *finest*, *most*) and the sum of evaluative valence in the target's
  clause and outside it.

Every feature is a named column with one weight per class in ``framing/data/target_sentiment.json``;
a decision's evidence is the features that pushed it, each with its character span in the text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .document import split_header
from .text import Token, split_paragraphs, tokenize

if TYPE_CHECKING:
    from .resources import Resources

__all__ = [
    "CLASSES",
    "FEATURE_VERSION",
    "MODEL_SCHEMA",
    "Feature",
    "SentenceView",
    "TargetCue",
    "TargetModel",
    "TargetResult",
    "TargetScorer",
    "default_scorer",
    "name_spans",
    "target_sentiment",
    "target_sentiment_result",
]

VERBS_LEXICON = "target_verbs"
EVALUATIVE_LEXICON = "target_evaluative"
CUES_LEXICON = "target_cues"
GAZETTEER_LEXICON = "gazetteer_actors"
ACTOR_CUES_LEXICON = "actor_cues"
FUNCTION_WORDS_LEXICON = "english_function_words"
SUBJECTIVITY_LEXICON = "subjectivity_clues"

MODEL_SCHEMA = "framing.target_sentiment/1"
#: Bumped whenever the features change; a model file with another value is rejected.
FEATURE_VERSION = 1
DEFAULT_MODEL_PATH = "data/target_sentiment.json"
CLASSES = ("negative", "neutral", "positive")

#: VADER entries under this magnitude are not evaluative words here.
MIN_VALENCE = 0.5
#: Tokens before an evaluative word or event searched for a negator (within its clause).
NEGATION_WINDOW = 3
#: Tokens searched back from an event verb for a passive auxiliary.
PASSIVE_WINDOW = 3
#: Distance buckets (tokens from the target's edge): 1, 2-3, 4-6, 7-12, more.
_BUCKETS = (1, 3, 6, 12)
#: Tokens either side of the target whose word is a feature of its own (L1, L2, R1, R2).
_ADJACENT = 2
#: Content words this close (tokens) also count with their distance bucket.
_NEAR = 3
#: How many evidence items a result keeps (largest absolute contributions).
MAX_CUES = 8

_CLAUSE_PUNCT = frozenset(",;:—–()[]")
_QUOTES = frozenset('"“”«»')
_POSSESSIVE = frozenset(("'s", "'"))
_PRONOUNS = frozenset(
    "he him his she her hers they them their theirs it its we us our i me my you your who whom".split()
)
#: Words in -est that are not superlatives.
_NOT_SUPERLATIVE = frozenset(
    "arrest attest behest conquest contest digest earnest forest harvest honest interest invest "
    "manifest modest molest nest pest protest quest request rest suggest test unrest west".split()
)
_MOST = frozenset(("most", "least"))


@dataclass(frozen=True, slots=True)
class TargetCue:
    """One feature that moved the decision: ``text[start:end]`` and its signed contribution.

    ``value`` is the feature's contribution to the positive-minus-negative logit (positive values
    favour the target); ``rule`` is the feature (``lex-:L2``, ``ev:object_negative:after:active``,
    ``p:R1:blasted``); ``relation`` the source of the cue: ``vader:<word>``,
    ``target_evaluative:<word>``, ``target_verbs:<term>``, ``word``, ``target`` or ``sentence``.
    """

    start: int
    end: int
    value: float
    rule: str
    relation: str


@dataclass(frozen=True)
class TargetResult:
    """Sentiment toward one target mention: ``label``, ``score`` (P(positive) - P(negative), -1..1),
    ``probabilities`` (negative, neutral, positive) and the cues behind it."""

    label: str
    score: float
    raw: float
    cues: tuple[TargetCue, ...] = ()
    probabilities: tuple[float, float, float] = (0.0, 1.0, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "score": round(self.score, 6)}

    @property
    def confidence(self) -> float:
        """Probability of the predicted label."""
        return self.probabilities[CLASSES.index(self.label)]


NEUTRAL = TargetResult("neutral", 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Feature:
    """A feature of one (sentence, target) pair: name, value, the tokens ``[a, b)`` it was seen at
    (``a == b == -1`` for the whole sentence) and where it comes from (a lexicon entry or ``word``)."""

    name: str
    value: float
    a: int
    b: int
    source: str


@dataclass(frozen=True)
class TargetModel:
    """The learned weights: ``weights[feature]`` is one weight per class of :data:`CLASSES`.

    The file stores ``features`` (names) and ``coef`` (one row of weights per class, aligned with
    ``features``), ``intercept``, the training settings and dev scores, and the SHA-256 of the
    canonical content (:func:`framing.models.canonical_hash`); loading rejects a file whose content
    does not match its checksum or whose ``feature_version`` differs from :data:`FEATURE_VERSION`.
    """

    weights: Mapping[str, tuple[float, float, float]]
    intercept: tuple[float, float, float]
    meta: Mapping[str, Any] = field(default_factory=dict)
    _table: list[Any] = field(default_factory=list, repr=False, compare=False)

    def words(self) -> dict[str, tuple[tuple[float, float, float], ...]]:
        """Word -> the weights of its ``w:``, ``d:L:`` and ``d:R:`` features (zeros when absent)."""
        if not self._table:
            zero = (0.0, 0.0, 0.0)
            table: dict[str, list[tuple[float, float, float]]] = {}
            for name, w in self.weights.items():
                for prefix, slot in (("w:", 0), ("d:L:", 1), ("d:R:", 2)):
                    if name.startswith(prefix):
                        table.setdefault(name[len(prefix) :], [zero, zero, zero])[slot] = w
                        break
            self._table.append({k: tuple(v) for k, v in table.items()})
        return self._table[0]

    def bigrams(self) -> dict[str, dict[str, tuple[float, float, float]]]:
        """``b:`` weights as ``table[previous][word]``: ``table[p][w]`` is the weight of ``b:{p}_{w}``
        (a name with several ``_`` is entered under every split, so every lookup is exact)."""
        while len(self._table) < 2:
            self.words()
            table: dict[str, dict[str, tuple[float, float, float]]] = {}
            for name, w in self.weights.items():
                if name.startswith("b:"):
                    body = name[2:]
                    i = body.find("_")
                    while i >= 0:
                        table.setdefault(body[:i], {})[body[i + 1 :]] = w
                        i = body.find("_", i + 1)
            self._table.append(table)
        return self._table[1]

    @classmethod
    def from_dict(cls, data: Any, source: str = "target model") -> TargetModel:
        """Validate parsed JSON (schema, feature version, SHA-256 of the canonical content)."""
        from .checksum import ModelError, verify_checksum

        if not isinstance(data, dict) or data.get("schema") != MODEL_SCHEMA:
            raise ModelError(f"{source} is not a target sentiment model (expected schema {MODEL_SCHEMA!r})")
        verify_checksum(data, source)
        if data.get("feature_version") != FEATURE_VERSION:
            raise ModelError(
                f"{source}: wrong version: features version {data.get('feature_version')!r}, this framing computes"
                f" {FEATURE_VERSION} (retrain the model)"
            )
        if tuple(data.get("classes", ())) != CLASSES:
            raise ModelError(f"{source}: classes must be {list(CLASSES)}")
        try:
            names = data["features"]
            coef = [[float(x) for x in row] for row in data["coef"]]
            intercept = _triple(data["intercept"])
            if len(coef) != 3 or any(len(row) != len(names) for row in coef):
                raise ValueError(f"coef must be 3 rows of {len(names)} weights")
            if not all(math.isfinite(x) for row in coef for x in row):
                raise ValueError("a weight is not finite")
            weights = dict(zip(map(str, names), zip(*coef)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{source}: invalid model content: {type(exc).__name__}: {exc}") from None
        meta = {k: v for k, v in data.items() if k not in ("features", "coef", "intercept")}
        return cls(weights, intercept, meta)

    @classmethod
    def load(cls, path: str | Path | None = None) -> TargetModel:
        """The shipped model, or the JSON file at ``path``."""
        from .checksum import read_model_json

        return cls.from_dict(*read_model_json(path, DEFAULT_MODEL_PATH))


def _triple(v: Any) -> tuple[float, float, float]:
    a, b, c = (float(x) for x in v)
    if not all(math.isfinite(x) for x in (a, b, c)):
        raise ValueError("weight is not finite")
    return a, b, c


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
    caps = [t[3] == "word" and t[2][:1].isupper() for t in tokens]
    i = 0
    while i < n:
        if not caps[i] or i in covered or tokens[i].norm in not_name:
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


def _bucket(d: int) -> int:
    for i, limit in enumerate(_BUCKETS):
        if d <= limit:
            return i + 1
    return len(_BUCKETS) + 1


#: ``_POSITION[left][d]``: the position name (side and distance bucket) of a token ``d`` tokens
#: from the target, for ``d`` up to the last bucket's limit (farther tokens are in the last bucket).
_POSITION = tuple(tuple(f"{side}{_bucket(d)}" for d in range(_BUCKETS[-1] + 1)) for side in "RL")
_FAR = tuple(f"{side}{len(_BUCKETS) + 1}" for side in "RL")


@dataclass(frozen=True)
class SentenceView:
    """What the features need from one sentence, computed once for all its targets.

    ``clause[k]`` numbers the clause of token ``k``; ``quoted[k]`` says it is inside quotation
    marks; ``valence[k]`` is ``(signed valence after negation, source, negated)`` or None;
    ``prior[k]`` is the word's prior polarity from the subjectivity clues (signed, 1 strong, 0.5
    weak, flipped after a negator); ``events`` are ``(a, b, receiver_polarity, weight, passive,
    negated, term)`` from the verbs lexicon; ``special`` the tokens with a valence, a prior
    polarity or a superlative. Word features: ``emit[k]`` says token ``k`` has word features (it
    is not punctuation), ``prev_before[k]`` is the bigram context before it (the previous word,
    quotation mark or clause punctuation; ``<s>`` at the start), ``next_change[k]`` the first token
    at or after ``k`` that changes the context, ``first_word`` the first token that is not
    punctuation and ``superlative[k]`` whether the token is a superlative. ``rows`` holds the
    scorer's weight tables and each token's word and bigram row in them.
    """

    tokens: Sequence[Token]
    clause: tuple[int, ...]
    quoted: tuple[bool, ...]
    valence: tuple[tuple[float, str, bool] | None, ...]
    prior: tuple[float, ...]
    events: tuple[tuple[int, int, str, float, bool, bool, str], ...]
    special: tuple[int, ...] = ()
    emit: tuple[bool, ...] = ()
    prev_before: tuple[str, ...] = ()
    next_change: tuple[int, ...] = ()
    first_word: int = 0
    superlative: tuple[bool, ...] = ()
    rows: tuple[Any, tuple[int, ...], tuple[int, ...]] | None = field(default=None, repr=False, compare=False)

    def bigram(self, k: int) -> str:
        """The name of the bigram feature that ends at token ``k``."""
        return f"b:{self.prev_before[k]}_{self.tokens[k].norm}"


#: Position index of a token relative to the target: side (0 right, 1 left) times the number of
#: buckets, plus its distance bucket - 1.
_N_POS = len(_BUCKETS) + 1
_BUCKET_LIMITS = np.array(_BUCKETS)


#: Sort key of explained features: larger contributions first (a stable sort keeps ties in order).
_RANK = itemgetter(2)
#: The target's own features (columns of ``_Tables.target``, then one per pronoun ``t:pron:``).
_OWN = ("t:first", "t:poss", "t:quoted", "t:name_part", "t:speaks")
_N_OWN = len(_OWN)


def _position_name(index: int) -> str:
    return f"{'L' if index >= _N_POS else 'R'}{index % _N_POS + 1}"


@dataclass(frozen=True)
class _Tables:
    """The model's weights as arrays, for scoring many targets at once (row 0 of every table is zero).

    ``vocab`` numbers the words; ``words[row]`` holds the weights of ``w:``, ``d:L:`` and ``d:R:``
    of a word (9 columns); ``near[row, slot]`` the summed weights of the features of a word 1, 2 or
    3 tokens left (slots 0-2) or right (3-5) of the target (``L1:``/``R2:``... and ``p:L1:``...);
    ``bigram_index[previous][word]`` numbers bigrams in ``bigrams``; ``lex[positive, position,
    same clause, quoted, negated, other actor nearer]``, ``mpqa[positive, position, same clause]``
    and ``sup[position]`` the summed weights of what one evaluative word, prior polarity or
    superlative emits; ``events[(category, before, passive, near, same, negated)]`` those of an
    event; ``target`` the weights of the target's own features (:data:`_OWN`, then ``t:pron:`` of
    each pronoun, whose column is ``pronouns[pronoun]``).
    """

    vocab: Mapping[str, int]
    words: np.ndarray
    near: np.ndarray
    bigram_index: Mapping[str, Mapping[str, int]]
    bigrams: np.ndarray
    lex: np.ndarray
    mpqa: np.ndarray
    sup: np.ndarray
    events: Mapping[Any, tuple[float, float, float]]
    intercept: np.ndarray
    word_diff: np.ndarray
    bigram_diff: np.ndarray
    target: np.ndarray
    pronouns: Mapping[str, int]


class TargetScorer:
    """Scores sentiment toward a target inside one sentence; built once per process."""

    def __init__(self, resources: Resources, model: TargetModel | None = None) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.resources = resources
        self.model = model if model is not None else TargetModel.load()
        cues = resources.lexicon(CUES_LEXICON)
        self.negators = cues.terms("negator")
        self.speech = cues.terms("speech")
        self.boundary = cues.terms("boundary") | cues.terms("relative")
        self.passive_aux = cues.terms("passive_aux")
        self.not_name = resources.lexicon(ACTOR_CUES_LEXICON).terms("not_name")
        self.function_words = resources.lexicon(FUNCTION_WORDS_LEXICON).terms()
        valence: dict[str, tuple[float, str]] = {
            w: (float(v), "vader") for w, v in SentimentIntensityAnalyzer().lexicon.items() if abs(v) >= MIN_VALENCE
        }
        for e in resources.lexicon(EVALUATIVE_LEXICON).entries:
            for form in e.forms:
                key = form.lower()
                if e.category == "neutral":
                    valence.pop(key, None)
                elif e.category in ("positive", "negative"):
                    sign = 1.0 if e.category == "positive" else -1.0
                    valence[key] = (sign * abs(e.weight), EVALUATIVE_LEXICON)
        for word in self.speech | self.negators:
            valence.pop(word, None)
        self.valence: Mapping[str, tuple[float, str]] = valence
        prior: dict[str, float] = {}
        for e in resources.lexicon(SUBJECTIVITY_LEXICON).entries:
            if e.weight:
                for form in e.forms:
                    prior[form.lower()] = (1.0 if e.category == "strong" else 0.5) * (1.0 if e.weight > 0 else -1.0)
        self.prior: Mapping[str, float] = prior
        # per word: weights of w:, d:L: and d:R: (zero for function words, which have no d: feature)
        zero = (0.0, 0.0, 0.0)
        fw = self.function_words
        self._word_weights: Mapping[str, tuple[tuple[float, float, float], ...]] = {
            norm: (ww, zero, zero) if norm in fw else (ww, wl, wr) for norm, (ww, wl, wr) in self.model.words().items()
        }
        self._bigram_weights = self.model.bigrams()
        self._tables = self._build_tables(resources)
        # word -> (its row in the weight tables, whether it opens a clause, (valence entry or None,
        # prior polarity) for an evaluative word else None, superlative, the bigram rows of the
        # words that may follow it): one lookup per token
        clause_words = self.boundary | self.speech
        self._clause_words = clause_words
        evaluative = valence.keys() | {w for w, p in prior.items() if p}
        bigram_index = self._tables.bigram_index
        nothing: Mapping[str, int] = {}
        self._word_info: Mapping[
            str, tuple[int, bool, tuple[tuple[float, str] | None, float] | None, bool, Mapping[str, int]]
        ] = {
            w: (
                self._tables.vocab.get(w, 0),
                w in clause_words,
                (valence.get(w), prior.get(w, 0.0)) if w in evaluative else None,
                _superlative(w),
                bigram_index.get(w, nothing),
            )
            for w in self._tables.vocab.keys() | clause_words | evaluative | bigram_index.keys()
        }

    def _build_tables(self, resources: Resources) -> _Tables:
        """The arrays of :class:`_Tables` from the model's named weights."""
        weights = self.model.weights
        zero = (0.0, 0.0, 0.0)
        fw = self.function_words

        def total(names: Sequence[str]) -> tuple[float, float, float]:
            z0 = z1 = z2 = 0.0
            for name in names:
                w0, w1, w2 = weights.get(name, zero)
                z0 += w0
                z1 += w1
                z2 += w2
            return z0, z1, z2

        near_prefixes = [(f"L{d}:", d - 1) for d in range(1, _ADJACENT + 1)]
        near_prefixes += [(f"R{d}:", _NEAR + d - 1) for d in range(1, _ADJACENT + 1)]
        for d in range(1, _NEAR + 1):
            near_prefixes += [(f"p:{_POSITION[1][d]}:", d - 1), (f"p:{_POSITION[0][d]}:", _NEAR + d - 1)]
        vocab: dict[str, int] = {}
        rows: list[tuple[str, int, tuple[float, float, float]]] = []  # word, column, weights
        for name, w in weights.items():
            for prefix, col in (("w:", 0), ("d:L:", 1), ("d:R:", 2)):
                if name.startswith(prefix):
                    word = name[len(prefix) :]
                    if col == 0 or word not in fw:
                        rows.append((word, col, w))
                    break
            else:
                for prefix, slot in near_prefixes:  # p:L2: counts at distances 2 and 3
                    if name.startswith(prefix):
                        word = name[len(prefix) :]
                        if not prefix.startswith("p:") or word not in fw:
                            rows.append((word, 3 + slot, w))
        for word, _, _ in rows:
            vocab.setdefault(word, len(vocab) + 1)
        word_table = np.zeros((len(vocab) + 1, 9))
        near = np.zeros((len(vocab) + 1, 2 * _NEAR, 3))
        for word, col, w in rows:
            if col < 3:
                word_table[vocab[word], 3 * col : 3 * col + 3] += w
            else:
                near[vocab[word], col - 3] += w
        bigram_index: dict[str, dict[str, int]] = {}
        bigram_rows: list[tuple[float, float, float]] = [zero]
        for prev, table in self._bigram_weights.items():
            inner = bigram_index.setdefault(prev, {})
            for word, w in table.items():
                inner[word] = len(bigram_rows)
                bigram_rows.append(w)
        flags = (False, True)
        lex = np.zeros((2, 2 * _N_POS, 2, 2, 2, 2, 3))
        mpqa = np.zeros((2, 2 * _N_POS, 2, 3))
        sup = np.zeros((2 * _N_POS, 3))
        for pos_index in range(2 * _N_POS):
            pos = _position_name(pos_index)
            sup[pos_index] = total([f"sup:{pos}"])
            for positive in flags:
                sign = "+" if positive else "-"
                for same in flags:
                    where = "s" if same else "o"
                    mpqa[int(positive), pos_index, int(same)] = total([f"mpqa{sign}:{pos}", f"mpqa{sign}:{where}"])
                    for quoted in flags:
                        for neg in flags:
                            for nearer in flags:
                                names = [f"lex{sign}:{pos}", f"lex{sign}:{where}"]
                                names += [f"lex{sign}:{x}" for x, on in (("quoted", quoted), ("negated", neg)) if on]
                                names += [f"lex{sign}:other_nearer"] if nearer else []
                                key = (int(positive), pos_index, int(same), int(quoted), int(neg), int(nearer))
                                lex[key] = total(names)
        events: dict[Any, tuple[float, float, float]] = {}
        for category in sorted({e.category for e in resources.lexicon(VERBS_LEXICON).entries}):
            for before in flags:
                for passive in flags:
                    for near_flag in flags:
                        for same in flags:
                            for neg in flags:
                                key_ev = (category, before, passive, near_flag, same, neg)
                                events[key_ev] = total(_event_names(*key_ev))
        bigram_table = np.array(bigram_rows)
        pronouns = sorted(_PRONOUNS)
        own_names = [*_OWN, *(f"t:pron:{p}" for p in pronouns)]
        return _Tables(
            vocab,
            word_table,
            near,
            bigram_index,
            bigram_table,
            lex,
            mpqa,
            sup,
            events,
            np.array(self.model.intercept, dtype=float),
            word_table[:, 2::3] - word_table[:, 0::3],
            bigram_table[:, 2] - bigram_table[:, 0],
            np.array([weights.get(name, zero) for name in own_names]),
            {p: _N_OWN + i for i, p in enumerate(pronouns)},
        )

    # -- the sentence -----------------------------------------------------------------------------
    def view(self, tokens: Sequence[Token], matches: Sequence[Any] = (), first: int = 0) -> SentenceView:
        """Precompute one sentence: ``matches`` index tokens offset by ``first``."""
        n = len(tokens)
        clause = [0] * n
        quoted = [False] * n
        emit = [False] * n
        prev_before = ["<s>"] * (n + 1)
        valence: list[tuple[float, str, bool] | None] = [None] * n
        prior = [0.0] * n
        superlative = [False] * n
        word_rows = [0] * n
        bigram_rows = [0] * n
        special: list[int] = []
        unchanged: list[int] = []  # the tokens that leave the bigram context as it is (see ``next_change``)
        c = 0
        q = False
        prev = "<s>"
        negators, info = self.negators, self._word_info.get
        bigram_index = self._tables.bigram_index.get
        nothing: Mapping[str, int] = {}
        after = bigram_index(prev, nothing)  # the bigram rows of the words that may follow ``prev``
        clause_words = self._clause_words
        for k, (_start, _end, text, kind, norm) in enumerate(tokens):
            prev_before[k] = prev
            if kind == "punct" and norm != "'s":
                if text in _QUOTES:
                    c += 1
                    q = text != "”" and (text == "“" or not q)
                    clause[k] = c
                else:
                    if text in _CLAUSE_PUNCT or norm in clause_words:
                        c += 1
                    clause[k] = c
                    quoted[k] = q
                if norm in _QUOTES or norm in ",;:()":
                    prev = norm
                    after = bigram_index(norm, nothing)
                else:
                    unchanged.append(k)
                continue
            # a word, number or 's: never a quotation mark or clause punctuation
            got = info(norm)
            if got is None:  # a word the model and lexicons do not know
                row, found, nxt = 0, None, nothing
                sup = kind == "word" and _superlative(norm)
            else:
                row, clause_word, found, sup, nxt = got
                if clause_word:
                    c += 1
            clause[k] = c
            quoted[k] = q
            emit[k] = True
            word_rows[k] = row
            bigram_rows[k] = after.get(norm, 0)
            prev = norm
            after = nxt
            if kind != "word":
                continue
            if found is None:
                if sup:
                    special.append(k)
                    superlative[k] = True
                continue
            hit, p = found
            neg = False
            for j in range(max(0, k - NEGATION_WINDOW), k):
                if clause[j] == c and tokens[j][4] in negators:
                    neg = True
                    break
            prior[k] = -p if neg else p
            if hit is not None:
                valence[k] = (-0.74 * hit[0] if neg else hit[0], f"{hit[1]}:{norm}", neg)
            special.append(k)
            superlative[k] = sup
        prev_before[n] = prev
        first_word = next((k for k, tok in enumerate(tokens) if tok[3] != "punct"), n)
        next_change = list(range(n + 1))
        for k in reversed(unchanged):
            next_change[k] = next_change[k + 1]
        events = []
        for m in matches:
            if m.lexicon != VERBS_LEXICON:
                continue
            a, b = m.tok_start - first, m.tok_end - first
            if a < 0 or b > n:
                continue
            passive = b - a == 1 and not tokens[a].norm.endswith("ing") and self._passive(tokens, a)
            neg = any(tokens[j].norm in negators for j in range(max(0, a - NEGATION_WINDOW), a))
            events.append((a, b, m.category, abs(float(m.weight)), passive, neg, m.term))
        return SentenceView(
            tokens,
            tuple(clause),
            tuple(quoted),
            tuple(valence),
            tuple(prior),
            tuple(events),
            tuple(special),
            tuple(emit),
            tuple(prev_before),
            tuple(next_change),
            first_word,
            tuple(superlative),
            (self._tables, tuple(word_rows), tuple(bigram_rows)),
        )

    def _passive(self, tokens: Sequence[Token], a: int) -> bool:
        for k in range(a - 1, max(0, a - PASSIVE_WINDOW) - 1, -1):
            norm = tokens[k].norm
            if norm in self.passive_aux:
                return True
            if not (norm.endswith("ly") or norm in ("been", "being", "have", "has", "had", "also", "not")):
                return False
        return False

    # -- features ---------------------------------------------------------------------------------
    def features(
        self, view: SentenceView, target: tuple[int, int], actors: Sequence[tuple[int, int]] = ()
    ) -> list[Feature]:
        """The features of target tokens ``[ts, te)`` in ``view``; ``actors`` are other names' token
        ranges in the sentence."""
        ts, te = target
        out: list[Feature] = []
        fix = view.next_change[te]
        fw = self.function_words
        for k, tok in enumerate(view.tokens):
            if not view.emit[k] or ts <= k < te:
                continue
            out.append(Feature(f"w:{tok.norm}", 1.0, k, k + 1, "word"))
            if k != fix:
                out.append(Feature(view.bigram(k), 1.0, k - 1 if k else k, k + 1, "word"))
            if tok.norm not in fw:
                out.append(Feature(f"d:{'L' if k < ts else 'R'}:{tok.norm}", 1.0, k, k + 1, "word"))
        out.extend(Feature(*f) for f in self._local(view, ts, te, actors))
        return out

    def _local(
        self, view: SentenceView, ts: int, te: int, actors: Sequence[tuple[int, int]]
    ) -> list[tuple[str, float, int, int, str]]:
        """The target-dependent features as ``(name, value, a, b, source)`` tuples (the fields of
        :class:`Feature`, which explaining builds only for the cues it keeps): the target, words
        near it, evaluative words, events."""
        tokens = view.tokens
        n = len(tokens)
        out: list[tuple[str, float, int, int, str]] = []
        add = out.append
        fw = self.function_words
        tclause = view.clause[ts]
        others = [(a, b) for a, b in actors if b <= ts or a >= te]
        # the target
        if te - ts == 1 and tokens[ts][4] in _PRONOUNS:  # a pronoun is one token
            add((f"t:pron:{tokens[ts][4]}", 1.0, ts, te, "target"))
        lead = ts <= view.first_word
        if lead:
            add(("t:first", 1.0, ts, te, "target"))
        if te < n and tokens[te].norm in _POSSESSIVE:
            add(("t:poss", 1.0, ts, te + 1, "target"))
        if view.quoted[ts]:
            add(("t:quoted", 1.0, ts, te, "target"))
        if (ts > 0 and not lead and _cap(tokens[ts - 1])) or (te < n and _cap(tokens[te])):
            add(("t:name_part", 1.0, ts, te, "target"))
        if any(tokens[k].norm in self.speech for k in range(te, min(n, te + 3))) or (
            ts >= 2 and tokens[ts - 1].norm in self.speech
        ):
            add(("t:speaks", 1.0, ts, te, "target"))
        if others:
            add(("t:others", min(len(others), 3) / 3.0, -1, -1, "sentence"))
        # the bigrams that touch the target
        add((f"b:{view.prev_before[ts]}_<t>", 1.0, max(ts - 1, 0), te, "word"))
        j = view.next_change[te]
        if j < n and view.emit[j]:
            add((f"b:<t>_{tokens[j].norm}", 1.0, j - 1, j + 1, "word"))
        # words next to the target
        for k in range(max(0, ts - _NEAR), min(n, te + _NEAR)):
            if not view.emit[k] or ts <= k < te:
                continue
            left = k < ts
            d = ts - k if left else k - te + 1
            norm = tokens[k].norm
            if d <= _ADJACENT:
                add((f"{'L' if left else 'R'}{d}:{norm}", 1.0, k, k + 1, "word"))
            if norm not in fw:
                add((f"p:{_POSITION[left][d]}:{norm}", 1.0, k, k + 1, "word"))
        # evaluative words, superlatives
        same_sum = other_sum = 0.0
        clause, valence, prior, quoted = view.clause, view.valence, view.prior, view.quoted
        last = _BUCKETS[-1]
        for k in view.special:
            if ts <= k < te:
                continue
            norm = tokens[k].norm
            left = k < ts
            d = ts - k if left else k - te + 1
            pos = _POSITION[left][d] if d <= last else _FAR[left]
            same = clause[k] == tclause
            val = valence[k]
            if val is not None:
                v, source, neg = val
                mag = abs(v) / 4.0
                sign = "+" if v > 0 else "-"
                add((f"lex{sign}:{pos}", mag, k, k + 1, source))
                add((f"lex{sign}:{'s' if same else 'o'}", mag, k, k + 1, source))
                if quoted[k]:
                    add((f"lex{sign}:quoted", mag, k, k + 1, source))
                if neg:
                    add((f"lex{sign}:negated", mag, k, k + 1, source))
                if others and _nearer_other(k, ts, te, others, d):
                    add((f"lex{sign}:other_nearer", mag, k, k + 1, source))
                if same:
                    same_sum += v
                else:
                    other_sum += v
            p = prior[k]
            if p:
                sign = "+" if p > 0 else "-"
                src = f"{SUBJECTIVITY_LEXICON}:{norm}"
                add((f"mpqa{sign}:{pos}", abs(p), k, k + 1, src))
                add((f"mpqa{sign}:{'s' if same else 'o'}", abs(p), k, k + 1, src))
            if view.superlative[k]:
                add((f"sup:{pos}", 1.0, k, k + 1, "word"))
        if same_sum:
            add(("sum:s", math.tanh(same_sum / 4.0), -1, -1, "sentence"))
        if other_sum:
            add(("sum:o", math.tanh(other_sum / 4.0), -1, -1, "sentence"))
        # evaluative events
        for a, b, category, weight, passive, neg, term in view.events:
            if a < te and ts < b:
                continue
            near = (a - te if te <= a else ts - b + 1) <= 3
            w = weight / 4.0
            side = "before" if te <= a else "after"
            voice = "passive" if passive else "active"
            name = f"ev:{category}:{side}:{voice}"
            src = f"{VERBS_LEXICON}:{term}"
            add((name, w, a, b, src))
            add((f"{name}:{'near' if near else 'far'}", w, a, b, src))
            if view.clause[a] == tclause:
                add((f"{name}:s", w, a, b, src))
            if neg:
                add((f"ev:{category}:negated", w, a, b, src))
        return out

    # -- scoring ----------------------------------------------------------------------------------
    def score_view(
        self,
        view: SentenceView,
        target: tuple[int, int],
        actors: Sequence[tuple[int, int]] = (),
        explain: bool = True,
    ) -> TargetResult:
        """Sentiment toward tokens ``target = [ts, te)`` of a precomputed sentence (:meth:`score_many`
        for one target). ``explain=False`` leaves out the cues (cheaper when only the label and
        probabilities are needed)."""
        ts, te = target
        if not view.tokens or ts >= te or te > len(view.tokens):
            return NEUTRAL
        res = self.score_many([view], [actors], [(0, ts, te)])[0]
        return self.explain(view, target, actors, res) if explain else res

    def score_many(
        self,
        views: Sequence[SentenceView],
        actors: Sequence[Sequence[tuple[int, int]]],
        targets: Sequence[tuple[int, int, int]],
    ) -> list[TargetResult]:
        """Sentiment toward many targets at once, without cues (:meth:`explain` adds them).

        ``targets`` are ``(v, ts, te)``: tokens ``[ts, te)`` of ``views[v]``; ``actors[v]`` are the
        token ranges of the names in ``views[v]`` (those overlapping a target are left out for it).
        The logits are the sum of :meth:`features` times the model's weights, computed for all
        targets together: the word and bigram weights of each token are summed into prefix sums over
        all the sentences, so a target's bag of words is four differences; the features near the
        target and those of evaluative words and events are looked up in :class:`_Tables` for every
        (target, word) pair at once.
        """
        if not targets:
            return []
        tab = self._tables
        wid: list[int] = []
        bid: list[int] = []
        clause: list[int] = []
        starts: list[int] = []
        spec_k: list[int] = []
        spec_v: list[float] = []
        spec_flags: list[tuple[bool, bool, bool]] = []  # quoted, negated, superlative
        spec_p: list[float] = []
        spec_start: list[int] = []
        name_a: list[int] = []
        name_b: list[int] = []
        name_start: list[int] = []
        total = 0
        for view, names in zip(views, actors):
            starts.append(total)
            self._token_rows(view, wid, bid)
            clause.extend(view.clause)
            spec_start.append(len(spec_k))
            for k in view.special:
                val = view.valence[k]
                spec_k.append(total + k)
                spec_v.append(0.0 if val is None else val[0])
                spec_flags.append((view.quoted[k], val is not None and val[2], view.superlative[k]))
                spec_p.append(view.prior[k])
            name_start.append(len(name_a))
            for a, b in names:
                name_a.append(total + a)
                name_b.append(total + b)
            total += len(view.tokens)
        starts.append(total)
        spec_start.append(len(spec_k))
        name_start.append(len(name_a))
        n_tok = total
        wid.append(0)  # a zero row past the end (a missing neighbour or next word)
        bid.append(0)
        wid_a = np.array(wid)
        bid_a = np.array(bid)
        clause_a = np.array(clause + [-1])
        # prefix sums of w: + b: (columns 0-2), d:L: (3-5), d:R: (6-8) over all tokens
        rows = tab.words[wid_a]
        rows[:, :3] += tab.bigrams[bid_a]
        prefix = np.zeros((n_tok + 1, 9))
        np.cumsum(rows[:n_tok], axis=0, out=prefix[1:])
        # the targets
        m = len(targets)
        v_idx = np.fromiter((t[0] for t in targets), dtype=np.intp, count=m)
        starts_a = np.array(starts)
        lo = starts_a[v_idx]
        hi = starts_a[v_idx + 1]
        ts = lo + np.fromiter((t[1] for t in targets), dtype=np.intp, count=m)
        te = lo + np.fromiter((t[2] for t in targets), dtype=np.intp, count=m)
        z = (
            prefix[ts, :3]
            - prefix[lo, :3]
            + prefix[hi, :3]
            - prefix[te, :3]
            + prefix[ts, 3:6]
            - prefix[lo, 3:6]
            + prefix[hi, 6:9]
            - prefix[te, 6:9]
        )
        z += tab.intercept
        # words next to the target (slot d - 1 on the left, _NEAR + d - 1 on the right)
        for d in range(1, _NEAR + 1):
            k = ts - d
            z += tab.near[wid_a[np.where(k >= lo, k, n_tok)], d - 1]
            k = te + d - 1
            z += tab.near[wid_a[np.where(k < hi, k, n_tok)], _NEAR + d - 1]
        # the names other than the target
        others = np.zeros(m)
        name_start_a = np.array(name_start)
        group, item = _expand(name_start_a[v_idx], name_start_a[v_idx + 1])
        if len(item):
            a_all, b_all = np.array(name_a), np.array(name_b)
            outside = (b_all[item] <= ts[group]) | (a_all[item] >= te[group])
            others = np.bincount(group, weights=outside, minlength=m)
        # evaluative words, prior polarities, superlatives: one row per (target, word) pair
        spec_start_a = np.array(spec_start)
        group, item = _expand(spec_start_a[v_idx], spec_start_a[v_idx + 1])
        same_sum = np.zeros(m)
        other_sum = np.zeros(m)
        if len(item):
            k = np.array(spec_k)[item]
            keep = (k < ts[group]) | (k >= te[group])
            group, item, k = group[keep], item[keep], k[keep]
        if len(item):
            g_ts, g_te = ts[group], te[group]
            left = k < g_ts
            d = np.where(left, g_ts - k, k - g_te + 1)
            pos = left * _N_POS + np.searchsorted(_BUCKET_LIMITS, d)
            same = (clause_a[k] == clause_a[g_ts]).astype(np.intp)
            v = np.array(spec_v)[item]
            p = np.array(spec_p)[item]
            flags = np.array(spec_flags, dtype=np.intp).reshape(-1, 3)[item]
            contrib = tab.sup[pos] * flags[:, 2:3]
            contrib += tab.mpqa[(p > 0).astype(np.intp), pos, same] * np.abs(p)[:, None]
            has = v != 0
            if has.any():
                nearer = np.zeros(len(item), dtype=np.intp)
                pairs = np.flatnonzero(has)
                pv = v_idx[group[pairs]]
                g2, i2 = _expand(name_start_a[pv], name_start_a[pv + 1])
                if len(i2):
                    a_n, b_n = np.array(name_a)[i2], np.array(name_b)[i2]
                    pk, pts, pte, pd = k[pairs][g2], g_ts[pairs][g2], g_te[pairs][g2], d[pairs][g2]
                    dd = np.where(pk < a_n, a_n - pk, pk - b_n + 1)
                    hit = ((b_n <= pts) | (a_n >= pte)) & (dd > 0) & (dd < pd)
                    nearer[pairs] = np.bincount(g2, weights=hit, minlength=len(pairs)) > 0
                lex = tab.lex[(v > 0).astype(np.intp), pos, same, flags[:, 0], flags[:, 1], nearer]
                contrib += lex * (np.abs(v) / 4.0)[:, None]
                same_sum = np.bincount(group, weights=v * same, minlength=m)
                other_sum = np.bincount(group, weights=v * (1 - same), minlength=m)
            for c in range(3):
                z[:, c] += np.bincount(group, weights=contrib[:, c], minlength=m)
        # per target: the target's own features and the bigrams that touch it (rows of the weight
        # tables, summed with numpy), the events around it
        weights = self.model.weights
        zero = (0.0, 0.0, 0.0)
        bigram_index = tab.bigram_index.get
        nothing: Mapping[str, int] = {}
        after_target = bigram_index("<t>", nothing)
        pron, speech = tab.pronouns, self.speech
        n_own = len(tab.target)
        touch = [0] * (2 * m)  # the rows of b:{previous}_<t> and b:<t>_{next}
        own: list[int] = []  # target features seen, as target * n_own + column of tab.target
        fix = [n_tok] * m
        extra = np.zeros((m, 3))
        for i, (vi, t0, t1) in enumerate(targets):
            view = views[vi]
            tokens = view.tokens
            n = len(tokens)
            touch[2 * i] = bigram_index(view.prev_before[t0], nothing).get("<t>", 0)
            j = view.next_change[t1]
            if j < n:
                fix[i] = starts[vi] + j
                if view.emit[j]:
                    touch[2 * i + 1] = after_target.get(tokens[j][4], 0)
            base = i * n_own
            if t1 - t0 == 1:
                col = pron.get(tokens[t0][4])
                if col is not None:
                    own.append(base + col)
            lead = t0 <= view.first_word
            if lead:
                own.append(base)
            if t1 < n and tokens[t1][4] in _POSSESSIVE:
                own.append(base + 1)
            if view.quoted[t0]:
                own.append(base + 2)
            if (t0 > 0 and not lead and _cap(tokens[t0 - 1])) or (t1 < n and _cap(tokens[t1])):
                own.append(base + 3)
            if t0 >= 2 and tokens[t0 - 1][4] in speech:
                own.append(base + 4)
            else:
                for k in range(t1, min(n, t1 + 3)):
                    if tokens[k][4] in speech:
                        own.append(base + 4)
                        break
            if view.events:
                extra[i] = self._event_weights(view, t0, t1, weights, zero)
        touched = tab.bigrams[np.array(touch)]
        z += touched[0::2]
        z += touched[1::2]
        if own:
            seen = np.zeros(m * n_own)
            seen[own] = 1.0
            z += seen.reshape(m, n_own) @ tab.target
        z += extra
        z -= tab.bigrams[bid_a[np.array(fix)]]
        z += np.tanh(same_sum / 4.0)[:, None] * np.array(weights.get("sum:s", zero))
        z += np.tanh(other_sum / 4.0)[:, None] * np.array(weights.get("sum:o", zero))
        z += (np.minimum(others, 3) / 3.0)[:, None] * np.array(weights.get("t:others", zero))
        raw = (z[:, 2] - z[:, 0]).tolist()
        e = np.exp(z - z.max(axis=1, keepdims=True))
        probs = e / e.sum(axis=1, keepdims=True)
        out = []
        for (p0, p1, p2), r in zip(probs.tolist(), raw):
            label = CLASSES[0 if p0 >= p1 and p0 >= p2 else 1 if p1 >= p2 else 2]
            out.append(TargetResult(label, p2 - p0, r, (), (p0, p1, p2)))
        return out

    def _event_weights(
        self,
        view: SentenceView,
        ts: int,
        te: int,
        weights: Mapping[str, tuple[float, float, float]],
        zero: tuple[float, float, float],
    ) -> tuple[float, float, float]:
        """The summed weights of the features of the events around target tokens ``[ts, te)`` (the
        part of :meth:`_local` that :meth:`score_many` sums per target)."""
        z0 = z1 = z2 = 0.0
        tclause = view.clause[ts]
        events = self._tables.events
        for a, b, category, weight, passive, neg, _term in view.events:
            if a < te and ts < b:
                continue
            near = (a - te if te <= a else ts - b + 1) <= 3
            key = (category, te <= a, passive, near, view.clause[a] == tclause, neg)
            t = events.get(key)
            if t is None:  # a category the tables do not know: sum its weights by name
                ws = [weights.get(x, zero) for x in _event_names(*key)]
                t = (sum(x[0] for x in ws), sum(x[1] for x in ws), sum(x[2] for x in ws))
            w = weight / 4.0
            z0 += w * t[0]
            z1 += w * t[1]
            z2 += w * t[2]
        return z0, z1, z2

    def _token_rows(self, view: SentenceView, wid: list[int], bid: list[int]) -> None:
        """Append each token's word row and bigram row in :class:`_Tables` (0: no weights)."""
        if view.rows is not None and view.rows[0] is self._tables:
            wid.extend(view.rows[1])
            bid.extend(view.rows[2])
            return
        vocab = self._tables.vocab.get
        bigram_index = self._tables.bigram_index.get
        nothing: Mapping[str, int] = {}
        tokens = view.tokens
        wid.extend([vocab(tok.norm, 0) if e else 0 for tok, e in zip(tokens, view.emit)])
        bid.extend(
            [
                bigram_index(p, nothing).get(tok.norm, 0) if e else 0
                for tok, e, p in zip(tokens, view.emit, view.prev_before)
            ]
        )

    def explain(
        self,
        view: SentenceView,
        target: tuple[int, int],
        actors: Sequence[tuple[int, int]],
        result: TargetResult,
    ) -> TargetResult:
        """``result`` (the score of ``target`` in ``view``) with its cues (:meth:`explain_many`)."""
        ts, te = target
        if not view.tokens or ts >= te or te > len(view.tokens):
            return result
        return self.explain_many([view], [actors], [(0, ts, te)], [result])[0]

    def explain_many(
        self,
        views: Sequence[SentenceView],
        actors: Sequence[Sequence[tuple[int, int]]],
        targets: Sequence[tuple[int, int, int]],
        results: Sequence[TargetResult],
    ) -> list[TargetResult]:
        """``results`` (the scores of ``targets``, as in :meth:`score_many`) with their cues: the
        :data:`MAX_CUES` features with the largest contributions to the positive-minus-negative
        logit, each with its character span and source. The word, direction and bigram features
        of every target are ranked together (:meth:`_bulk_cues`)."""
        bulk = self._bulk_cues(views, targets)
        get = self.model.weights.get
        out = []
        for (vi, ts, te), result, found in zip(targets, results, bulk):
            view = views[vi]
            tokens = view.tokens
            used: list[tuple[tuple[str, float, int, int, str], float, float]] = []  # feature, contribution, -|c|
            for f in self._local(view, ts, te, actors[vi]):
                wf = get(f[0])
                if wf is not None:
                    c = f[1] * (wf[2] - wf[0])
                    used.append((f, c, -abs(c)))
            used.extend([(f, c, -abs(c)) for f, c in found])
            used.sort(key=_RANK)
            cues = []
            for (name, _value, fa, fb, source), contribution, _rank in used[:MAX_CUES]:
                if fa < 0:
                    a, b = tokens[0].start, tokens[-1].end
                else:
                    a, b = tokens[max(fa, 0)].start, tokens[max(fb, fa + 1) - 1].end
                cues.append(TargetCue(a, b, contribution, name, source))
            out.append(TargetResult(result.label, result.score, result.raw, tuple(cues), result.probabilities))
        return out

    def _bulk_cues(
        self, views: Sequence[SentenceView], targets: Sequence[tuple[int, int, int]]
    ) -> list[list[tuple[tuple[str, float, int, int, str], float]]]:
        """Per target, the MAX_CUES largest contributions among its w:, d: and b: features (as
        ``(feature fields, contribution)``), in the
        order of a stable sort by magnitude of the features listed token by token (w:, d:, b:)."""
        tab = self._tables
        wid: list[int] = []
        bid: list[int] = []
        starts = [0] * (len(views) + 1)
        for vi in sorted({t[0] for t in targets}):  # only the sentences of the targets
            starts[vi] = len(wid)
            self._token_rows(views[vi], wid, bid)
            starts[vi + 1] = len(wid)
        if not wid:
            return [[] for _ in targets]
        starts_a = np.array(starts)
        v_idx = np.fromiter((t[0] for t in targets), dtype=np.intp, count=len(targets))
        group, k = _expand(starts_a[v_idx], starts_a[v_idx + 1])
        ts = starts_a[v_idx] + np.fromiter((t[1] for t in targets), dtype=np.intp, count=len(targets))
        te = starts_a[v_idx] + np.fromiter((t[2] for t in targets), dtype=np.intp, count=len(targets))
        fix = starts_a[v_idx] + np.fromiter(
            (views[vi].next_change[t1] for vi, _t0, t1 in targets), dtype=np.intp, count=len(targets)
        )
        g_ts, g_te = ts[group], te[group]
        keep = (k < g_ts) | (k >= g_te)
        group, k, left = group[keep], k[keep], (k < g_ts)[keep]
        rows = tab.word_diff[np.array(wid)[k]]
        # candidates: (value, target, token, kind) for kind 0 w:, 1 d:, 2 b:
        values = np.concatenate(
            (rows[:, 0], np.where(left, rows[:, 1], rows[:, 2]), tab.bigram_diff[np.array(bid)[k]] * (k != fix[group]))
        )
        groups = np.tile(group, 3)
        tokens = np.tile(k, 3)
        kinds = np.repeat(np.arange(3), len(k))
        nonzero = values != 0
        values, groups, tokens, kinds = values[nonzero], groups[nonzero], tokens[nonzero], kinds[nonzero]
        order = np.lexsort((kinds, tokens, -np.abs(values), groups))
        ordered = groups[order]
        rank = np.arange(len(order)) - np.searchsorted(ordered, ordered)
        order = order[rank < MAX_CUES]
        out: list[list[tuple[tuple[str, float, int, int, str], float]]] = [[] for _ in targets]
        for g, kg, kind, c in zip(
            groups[order].tolist(), tokens[order].tolist(), kinds[order].tolist(), values[order].tolist()
        ):
            vi, t0, _t1 = targets[g]
            view = views[vi]
            kk = kg - starts[vi]
            norm = view.tokens[kk].norm
            if kind == 0:
                out[g].append(((f"w:{norm}", 1.0, kk, kk + 1, "word"), c))
            elif kind == 1:
                out[g].append(((f"d:{'L' if kk < t0 else 'R'}:{norm}", 1.0, kk, kk + 1, "word"), c))
            else:
                out[g].append(((view.bigram(kk), 1.0, kk - 1 if kk else kk, kk + 1, "word"), c))
        return out

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
        other names in the sentence, in the same local numbering as ``target``. Scoring several
        targets of one sentence is cheaper with :meth:`view` and :meth:`score_view`.
        """
        if not tokens or target[0] >= target[1]:
            return NEUTRAL
        return self.score_view(self.view(tokens, matches, first), target, actors)


def _expand(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For groups ``i`` owning items ``lo[i]`` to ``hi[i] - 1``: the group and the item of every
    (group, item) pair, groups in order."""
    counts = hi - lo
    group = np.repeat(np.arange(len(counts)), counts)
    item = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts - lo, counts)
    return group, item


def _superlative(norm: str) -> bool:
    return (norm.endswith("est") and len(norm) > 5 and norm not in _NOT_SUPERLATIVE) or norm in _MOST


def _cap(tok: Token) -> bool:
    return tok.kind == "word" and tok.text[:1].isupper()


def _event_names(category: str, before: bool, passive: bool, near: bool, same: bool, neg: bool) -> list[str]:
    name = f"ev:{category}:{'before' if before else 'after'}:{'passive' if passive else 'active'}"
    out = [name, f"{name}:{'near' if near else 'far'}"]
    if same:
        out.append(f"{name}:s")
    if neg:
        out.append(f"ev:{category}:negated")
    return out


def _nearer_other(k: int, ts: int, te: int, others: Sequence[tuple[int, int]], d: int) -> bool:
    for a, b in others:
        dd = a - k if k < a else k - b + 1
        if 0 < dd < d:
            return True
    return False


# -- the public function -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def default_scorer() -> TargetScorer:
    """A scorer over the shipped lexicons and model, built once per process."""
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


def sentence_target(
    text: str, start: int, end: int, scorer: TargetScorer
) -> tuple[list[Token], tuple[int, int], list[Any], list[tuple[int, int]]] | None:
    """The tokens of the sentence around ``text[start:end]``, the target's token range, the lexicon
    matches and the other names in the sentence; None when the span covers no token."""
    res = scorer.resources
    lo, hi = _sentence_bounds(text, start, end, res)
    tokens = tokenize(text, lo, hi)
    target = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if not target:
        return None
    ts, te = target[0], target[-1] + 1
    matches = res.matcher.find(text, tokens)
    known = [(m.tok_start, m.tok_end) for m in matches if m.lexicon == GAZETTEER_LEXICON]
    actors = [(a, b) for a, b in name_spans(tokens, scorer.not_name, known) if b <= ts or a >= te]
    return tokens, (ts, te), matches, actors


def target_sentiment_result(text: str, start: int, end: int, scorer: TargetScorer | None = None) -> TargetResult:
    """:func:`target_sentiment` with the probabilities and the cues behind the score."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"span [{start}, {end}) is outside the text (length {len(text)})")
    scorer = scorer or default_scorer()
    found = sentence_target(text, start, end, scorer)
    if found is None:
        return NEUTRAL
    tokens, target, matches, actors = found
    return scorer.score_tokens(tokens, target, matches, actors)
