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
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    caps = [t.kind == "word" and t.text[:1].isupper() for t in tokens]
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
    polarity or a superlative; ``cache`` holds what scoring derives from the sentence once.
    """

    tokens: Sequence[Token]
    clause: tuple[int, ...]
    quoted: tuple[bool, ...]
    valence: tuple[tuple[float, str, bool] | None, ...]
    prior: tuple[float, ...]
    events: tuple[tuple[int, int, str, float, bool, bool, str], ...]
    special: tuple[int, ...] = ()
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class _Static:
    """Target-independent features of a sentence: which tokens emit word features, each token's
    bigram feature name and weights, the bigram context before each token, the next token that
    changes the bigram context, prefix sums over tokens of the weights of the ``w:`` plus ``b:``
    features (``pwb``), of ``d:L:`` (``pl``) and of ``d:R:`` (``pr``), the first token that is not
    punctuation and which tokens are superlatives."""

    emit: Sequence[bool]
    bigram_weights: Sequence[tuple[float, float, float]]
    prev_before: Sequence[str]
    next_change: Sequence[int]
    pwb: Sequence[tuple[float, float, float]]
    pl: Sequence[tuple[float, float, float]]
    pr: Sequence[tuple[float, float, float]]
    first_word: int = 0
    superlative: Sequence[bool] = ()

    def bigram(self, view: SentenceView, k: int) -> str:
        """The name of the bigram feature that ends at token ``k``."""
        return f"b:{self.prev_before[k]}_{view.tokens[k].norm}"


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
        self._tables = self._evaluation_tables(resources)

    def _evaluation_tables(self, resources: Resources) -> dict[Any, tuple[float, float, float]]:
        """The summed weights of the features one evaluative word, prior polarity, superlative or
        event emits, for every combination of what names them (sign, position, clause, quotation,
        negation, nearer actor; an event's category, side, voice, nearness): scoring adds
        ``value * table[key]`` instead of building the names."""
        weights = self.model.weights
        zero = (0.0, 0.0, 0.0)

        def total(names: Sequence[str]) -> tuple[float, float, float]:
            z0 = z1 = z2 = 0.0
            for name in names:
                w0, w1, w2 = weights.get(name, zero)
                z0 += w0
                z1 += w1
                z2 += w2
            return z0, z1, z2

        out: dict[Any, tuple[float, float, float]] = {}
        flags = (False, True)
        for pos in {*_POSITION[0], *_POSITION[1], *_FAR}:
            out[("sup", pos)] = total([f"sup:{pos}"])
            for positive in flags:
                sign = "+" if positive else "-"
                for same in flags:
                    where = f"{'s' if same else 'o'}"
                    out[("mpqa", positive, pos, same)] = total([f"mpqa{sign}:{pos}", f"mpqa{sign}:{where}"])
                    for quoted in flags:
                        for neg in flags:
                            for nearer in flags:
                                names = [f"lex{sign}:{pos}", f"lex{sign}:{where}"]
                                names += [f"lex{sign}:{x}" for x, on in (("quoted", quoted), ("negated", neg)) if on]
                                names += [f"lex{sign}:other_nearer"] if nearer else []
                                out[("lex", positive, pos, same, quoted, neg, nearer)] = total(names)
        categories = {e.category for e in resources.lexicon(VERBS_LEXICON).entries}
        for category in categories:
            for before in flags:
                for passive in flags:
                    for near in flags:
                        for same in flags:
                            for neg in flags:
                                out[("ev", category, before, passive, near, same, neg)] = total(
                                    _event_names(category, before, passive, near, same, neg)
                                )
        return out

    # -- the sentence -----------------------------------------------------------------------------
    def view(self, tokens: Sequence[Token], matches: Sequence[Any] = (), first: int = 0) -> SentenceView:
        """Precompute one sentence: ``matches`` index tokens offset by ``first``."""
        clause: list[int] = []
        quoted: list[bool] = []
        c = 0
        q = False
        for tok in tokens:
            text = tok.text
            if text in _QUOTES:
                c += 1
                q = text != "”" and (text == "“" or not q)
                clause.append(c)
                quoted.append(False)
                continue
            if text in _CLAUSE_PUNCT or tok.norm in self.boundary:
                c += 1
            elif tok.norm in self.speech:
                c += 1
            clause.append(c)
            quoted.append(q)
        valence: list[tuple[float, str, bool] | None] = []
        prior: list[float] = []
        lookup = self.valence
        priors = self.prior
        negators = self.negators
        for k, tok in enumerate(tokens):
            hit = lookup.get(tok.norm) if tok.kind == "word" else None
            p = priors.get(tok.norm, 0.0) if tok.kind == "word" else 0.0
            if hit is None and not p:
                valence.append(None)
                prior.append(0.0)
                continue
            neg = any(
                tokens[j].norm in negators and clause[j] == clause[k] for j in range(max(0, k - NEGATION_WINDOW), k)
            )
            prior.append(-p if neg else p)
            valence.append(None if hit is None else (-0.74 * hit[0] if neg else hit[0], f"{hit[1]}:{tok.norm}", neg))
        events = []
        n = len(tokens)
        for m in matches:
            if m.lexicon != VERBS_LEXICON:
                continue
            a, b = m.tok_start - first, m.tok_end - first
            if a < 0 or b > n:
                continue
            passive = b - a == 1 and not tokens[a].norm.endswith("ing") and self._passive(tokens, a)
            neg = any(tokens[j].norm in negators for j in range(max(0, a - NEGATION_WINDOW), a))
            events.append((a, b, m.category, abs(float(m.weight)), passive, neg, m.term))
        special = tuple(
            k
            for k, tok in enumerate(tokens)
            if valence[k] is not None or prior[k] or (tok.kind == "word" and _superlative(tok.norm))
        )
        return SentenceView(tokens, tuple(clause), tuple(quoted), tuple(valence), tuple(prior), tuple(events), special)

    def _passive(self, tokens: Sequence[Token], a: int) -> bool:
        for k in range(a - 1, max(0, a - PASSIVE_WINDOW) - 1, -1):
            norm = tokens[k].norm
            if norm in self.passive_aux:
                return True
            if not (norm.endswith("ly") or norm in ("been", "being", "have", "has", "had", "also", "not")):
                return False
        return False

    # -- features ---------------------------------------------------------------------------------
    def _static(self, view: SentenceView) -> _Static:
        """The target-independent part of the features (bag of words, words by side, bigrams)."""
        hit = view.cache.get("static")
        if hit is not None:
            return hit
        tokens = view.tokens
        n = len(tokens)
        words = self._word_weights.get
        bigram_table = self._bigram_weights.get
        zero = (0.0, 0.0, 0.0)
        none = (zero, zero, zero)
        no_bigrams: dict[str, tuple[float, float, float]] = {}
        emit = [False] * n
        bigram_weights = [zero] * n
        prev_before = ["<s>"] * (n + 1)
        next_change = [n] * (n + 1)
        a0 = a1 = a2 = l0 = l1 = l2 = r0 = r1 = r2 = 0.0
        pwb = [zero]
        pl = [zero]
        pr = [zero]
        add_wb, add_l, add_r = pwb.append, pl.append, pr.append
        prev = "<s>"
        for k, tok in enumerate(tokens):
            prev_before[k] = prev
            norm = tok.norm
            if tok.kind == "punct" and norm != "'s":
                if norm in _QUOTES or norm in ",;:()":
                    prev = norm
                add_wb(pwb[-1])
                add_l(pl[-1])
                add_r(pr[-1])
                continue
            emit[k] = True
            bw = bigram_table(prev, no_bigrams).get(norm, zero)
            bigram_weights[k] = bw
            ww, wl, wr = words(norm, none)
            a0 += ww[0] + bw[0]
            a1 += ww[1] + bw[1]
            a2 += ww[2] + bw[2]
            add_wb((a0, a1, a2))
            l0 += wl[0]
            l1 += wl[1]
            l2 += wl[2]
            r0 += wr[0]
            r1 += wr[1]
            r2 += wr[2]
            add_l((l0, l1, l2))
            add_r((r0, r1, r2))
            prev = norm
        prev_before[n] = prev
        nxt = n
        for k in range(n - 1, -1, -1):
            if emit[k] or tokens[k].norm in _QUOTES or tokens[k].norm in ",;:()":
                nxt = k
            next_change[k] = nxt
        first_word = next((k for k, tok in enumerate(tokens) if tok.kind != "punct"), n)
        superlative = [False] * n
        for k in view.special:
            superlative[k] = _superlative(tokens[k].norm)
        static = _Static(emit, bigram_weights, prev_before, next_change, pwb, pl, pr, first_word, superlative)
        view.cache["static"] = static
        return static

    def features(
        self, view: SentenceView, target: tuple[int, int], actors: Sequence[tuple[int, int]] = ()
    ) -> list[Feature]:
        """The features of target tokens ``[ts, te)`` in ``view``; ``actors`` are other names' token
        ranges in the sentence."""
        ts, te = target
        static = self._static(view)
        out: list[Feature] = []
        fix = static.next_change[te]
        fw = self.function_words
        for k, tok in enumerate(view.tokens):
            if not static.emit[k] or ts <= k < te:
                continue
            out.append(Feature(f"w:{tok.norm}", 1.0, k, k + 1, "word"))
            if k != fix:
                out.append(Feature(static.bigram(view, k), 1.0, k - 1 if k else k, k + 1, "word"))
            if tok.norm not in fw:
                out.append(Feature(f"d:{'L' if k < ts else 'R'}:{tok.norm}", 1.0, k, k + 1, "word"))
        out.extend(Feature(*f) for f in self._local(view, static, ts, te, actors))
        return out

    def _local(
        self,
        view: SentenceView,
        static: _Static,
        ts: int,
        te: int,
        actors: Sequence[tuple[int, int]],
        lumped: list[float] | None = None,
    ) -> list[tuple[str, float, int, int, str]]:
        """The target-dependent features as ``(name, value, a, b, source)`` tuples (the fields of
        :class:`Feature`, which scoring builds only for the cues it keeps): the target, words near
        it, evaluative words, events. With ``lumped`` (three logits), the features of evaluative
        words, prior polarities, superlatives and events are not listed but their weights times
        their values are added to ``lumped`` (from the tables of :meth:`_evaluation_tables`)."""
        tokens = view.tokens
        n = len(tokens)
        out: list[tuple[str, float, int, int, str]] = []
        add = out.append
        fw = self.function_words
        tclause = view.clause[ts]
        others = [(a, b) for a, b in actors if b <= ts or a >= te]
        # the target
        tnorm = " ".join(t.norm for t in tokens[ts:te])
        if tnorm in _PRONOUNS:
            add((f"t:pron:{tnorm}", 1.0, ts, te, "target"))
        lead = ts <= static.first_word
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
        add((f"b:{static.prev_before[ts]}_<t>", 1.0, max(ts - 1, 0), te, "word"))
        j = static.next_change[te]
        if j < n and static.emit[j]:
            add((f"b:<t>_{tokens[j].norm}", 1.0, j - 1, j + 1, "word"))
        # words next to the target
        for k in range(max(0, ts - _NEAR), min(n, te + _NEAR)):
            if not static.emit[k] or ts <= k < te:
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
        superlative = static.superlative
        tables = self._tables
        for k in view.special:
            if ts <= k < te:
                continue
            norm = tokens[k].norm
            left = k < ts
            d = ts - k if left else k - te + 1
            pos = _POSITION[left][d] if d <= last else _FAR[left]
            same = clause[k] == tclause
            val = valence[k]
            if lumped is not None:
                if val is not None:
                    v, _source, neg = val
                    nearer = bool(others) and _nearer_other(k, ts, te, others, d)
                    mag = abs(v) / 4.0
                    w0, w1, w2 = tables[("lex", v > 0, pos, same, quoted[k], neg, nearer)]
                    lumped[0] += mag * w0
                    lumped[1] += mag * w1
                    lumped[2] += mag * w2
                    if same:
                        same_sum += v
                    else:
                        other_sum += v
                p = prior[k]
                if p:
                    mag = abs(p)
                    w0, w1, w2 = tables[("mpqa", p > 0, pos, same)]
                    lumped[0] += mag * w0
                    lumped[1] += mag * w1
                    lumped[2] += mag * w2
                if superlative[k]:
                    w0, w1, w2 = tables[("sup", pos)]
                    lumped[0] += w0
                    lumped[1] += w1
                    lumped[2] += w2
                continue
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
            if superlative[k]:
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
            if lumped is not None:
                key = ("ev", category, te <= a, passive, near, view.clause[a] == tclause, neg)
                t = tables.get(key)
                if t is None:  # a category the tables do not know: sum its weights by name
                    zero = (0.0, 0.0, 0.0)
                    ws = [self.model.weights.get(x, zero) for x in _event_names(*key[1:])]
                    t = (sum(x[0] for x in ws), sum(x[1] for x in ws), sum(x[2] for x in ws))
                lumped[0] += w * t[0]
                lumped[1] += w * t[1]
                lumped[2] += w * t[2]
                continue
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
        """Sentiment toward tokens ``target = [ts, te)`` of a precomputed sentence.

        The same logits as summing :meth:`features` times the model's weights, computed faster: the
        target-independent features come from per-sentence prefix sums. ``explain=False`` leaves
        out the cues (cheaper when only the label and probabilities are needed)."""
        tokens = view.tokens
        ts, te = target
        n = len(tokens)
        if not tokens or ts >= te or te > n:
            return NEUTRAL
        static = self._static(view)
        pwb, pl, pr = static.pwb, static.pl, static.pr
        a0, a1, a2 = pwb[ts]
        b0, b1, b2 = pwb[n]
        c0, c1, c2 = pwb[te]
        d0, d1, d2 = pl[ts]
        e0, e1, e2 = pr[n]
        f0, f1, f2 = pr[te]
        z0 = a0 + b0 - c0 + d0 + e0 - f0
        z1 = a1 + b1 - c1 + d1 + e1 - f1
        z2 = a2 + b2 - c2 + d2 + e2 - f2
        fix = static.next_change[te]
        if fix < n and static.emit[fix]:
            b0, b1, b2 = static.bigram_weights[fix]
            z0 -= b0
            z1 -= b1
            z2 -= b2
        i0, i1, i2 = self.model.intercept
        z0 += i0
        z1 += i1
        z2 += i2
        get = self.model.weights.get
        lumped = [z0, z1, z2]
        for f in self._local(view, static, ts, te, actors, lumped):
            wf = get(f[0])
            if wf is None:
                continue
            v = f[1]
            lumped[0] += v * wf[0]
            lumped[1] += v * wf[1]
            lumped[2] += v * wf[2]
        z0, z1, z2 = lumped
        top = max(z0, z1, z2)
        e0, e1, e2 = math.exp(z0 - top), math.exp(z1 - top), math.exp(z2 - top)
        s = e0 + e1 + e2
        probs = (e0 / s, e1 / s, e2 / s)
        label = CLASSES[max(range(3), key=probs.__getitem__)]
        if not explain:
            return TargetResult(label, probs[2] - probs[0], z2 - z0, (), probs)
        used: list[tuple[Any, float]] = []
        for f in self._local(view, static, ts, te, actors):
            wf = get(f[0])
            if wf is not None:
                used.append((f, f[1] * (wf[2] - wf[0])))
        used.extend(self._bulk_cues(static, view, ts, te))
        used.sort(key=lambda x: -abs(x[1]))
        cues = []
        for item, contribution in used[:MAX_CUES]:
            f = item if isinstance(item, Feature) else Feature(*item)
            if f.a < 0:
                a, b = tokens[0].start, tokens[-1].end
            else:
                a, b = tokens[max(f.a, 0)].start, tokens[max(f.b, f.a + 1) - 1].end
            cues.append(TargetCue(a, b, contribution, f.name, f.source))
        return TargetResult(label, probs[2] - probs[0], z2 - z0, tuple(cues), probs)

    def _bulk_cues(self, static: _Static, view: SentenceView, ts: int, te: int) -> list[tuple[Feature, float]]:
        """The MAX_CUES largest contributions among the w:, d: and b: features of the target."""
        words = self.model.words()
        fw = self.function_words
        zero = (0.0, 0.0, 0.0)
        none = (zero, zero, zero)
        fix = static.next_change[te]
        found: list[tuple[float, int, int]] = []  # contribution, kind (0 w, 1 d, 2 b), token
        for k, tok in enumerate(view.tokens):
            if not static.emit[k] or ts <= k < te:
                continue
            ww, wl, wr = words.get(tok.norm, none)
            if ww[2] != ww[0]:
                found.append((ww[2] - ww[0], 0, k))
            if tok.norm not in fw:
                wd = wl if k < ts else wr
                if wd[2] != wd[0]:
                    found.append((wd[2] - wd[0], 1, k))
            if k != fix:
                wb = static.bigram_weights[k]
                if wb[2] != wb[0]:
                    found.append((wb[2] - wb[0], 2, k))
        found.sort(key=lambda x: -abs(x[0]))
        out = []
        for c, kind, k in found[:MAX_CUES]:
            norm = view.tokens[k].norm
            if kind == 0:
                out.append((Feature(f"w:{norm}", 1.0, k, k + 1, "word"), c))
            elif kind == 1:
                out.append((Feature(f"d:{'L' if k < ts else 'R'}:{norm}", 1.0, k, k + 1, "word"), c))
            else:
                out.append((Feature(static.bigram(view, k), 1.0, k - 1 if k else k, k + 1, "word"), c))
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
