"""A learned cue classifier: which words are attribution cues.

Candidates are the hits of the ``reporting_verbs`` lexicon and the words of a vocabulary learned
from annotated articles (words that are cues often enough there: ``backed``, ``endorsed``,
``seemed``, ``declined``). Each candidate gets the probability of being a cue from a logistic
regression over cheap, readable features (:func:`cue_features`): the word and its last letters,
the lexicon entry it hits, the words and word classes around it, quote marks in and near the
sentence, its position in the sentence. A lexicon hit below ``keep`` is dropped; a vocabulary
word at or above ``accept`` becomes a cue (lexicon ``attribution_cues``, stance neutral). The
extraction rules then look for its source and content as for any cue.

The weights ship as ``framing/data/attribution_cues.json`` (fitted by
:mod:`framing.training.attribution`), with a version and a SHA-256 checksum that loading checks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, Protocol

from ..lexicon import Match

__all__ = [
    "CUE_FEATURE_VERSION",
    "CUE_LEXICON",
    "CUE_MODEL_PATH",
    "CUE_MODEL_SCHEMA",
    "CueModel",
    "candidates",
    "cue_features",
    "shipped_cue_model",
]

CUE_MODEL_SCHEMA = "framing.attribution_cues/1"
#: Bumped whenever :func:`cue_features` changes; a model of another version is refused.
CUE_FEATURE_VERSION = 2
CUE_MODEL_PATH = "data/attribution_cues.json"
#: The ``lexicon`` name of the matches the model adds (words outside ``reporting_verbs``).
CUE_LEXICON = "attribution_cues"

#: A vocabulary word at most this many tokens before a lexicon hit is not a candidate of its own.
LEAD_TOKENS = 3
#: Only a sentence of at most this many tokens is tested for being a title-case headline.
HEADLINE_MAX_TOKENS = 30
_PRONOUNS = frozenset("he she they i we you it who".split())
_DETERMINERS = frozenset("a an the this that these those his her its their our my your no any every each some".split())
_BE = frozenset("is are was were be been being am 's 're".split())
_AUX = frozenset("has have had do does did will would can could may might should must shall".split())
_QUOTE_MARKS = frozenset("\"“”‘’'")


class _Doc(Protocol):
    """What the features read of the extractor's document index (``framing.attribution.extract``)."""

    toks: Sequence[Any]
    sent_of_tok: list[int]
    quote_of_tok: list[int]
    cfg: Any

    def sent_range(self, si: int) -> tuple[int, int]: ...
    def in_quote(self, k: int) -> bool: ...
    def is_mark(self, k: int) -> bool: ...
    def has_quote(self, si: int) -> bool: ...
    def is_headline(self, si: int) -> bool: ...


def _word_class(t: Any) -> str:
    """A coarse class of a neighbouring token (no tagger: spelling and small word lists)."""
    if t.kind == "punct":
        return "q" if t.text in _QUOTE_MARKS else t.text
    if t.kind == "num":
        return "num"
    n = t.norm
    if n in _PRONOUNS:
        return "pron"
    if n in _DETERMINERS:
        return "det"
    if n in _BE:
        return "be"
    if n in _AUX:
        return "aux"
    if n == "to":
        return "to"
    if t.text[:1].isupper():
        return "cap"
    if n.endswith("ly"):
        return "ly"
    return "w"


def cue_features(d: _Doc, k: int, term: str | None) -> list[str]:
    """The features of token ``k`` as a cue candidate (``term``: the lexicon entry it hits, or None)."""
    toks = d.toks
    t = toks[k]
    si = d.sent_of_tok[k]
    a, b = d.sent_range(si)
    n = t.norm
    p1 = toks[k - 1] if k - 1 >= a else None
    p2 = toks[k - 2] if k - 2 >= a else None
    n1 = toks[k + 1] if k + 1 < b else None
    n2 = toks[k + 2] if k + 2 < b else None
    p1c = _word_class(p1) if p1 is not None else "<s>"
    n1c = _word_class(n1) if n1 is not None else "</s>"
    feats = [
        "w=" + n,
        "s3=" + n[-3:],
        "lex=" + (term if term is not None else "-"),
        "p1=" + (p1.norm if p1 is not None else "<s>"),
        "p2=" + (p2.norm if p2 is not None else "<s>"),
        "n1=" + (n1.norm if n1 is not None else "</s>"),
        "n2=" + (n2.norm if n2 is not None else "</s>"),
        "p1c=" + p1c,
        "n1c=" + n1c,
        "p2c=" + (_word_class(p2) if p2 is not None else "<s>"),
        "w|n1c=" + n + "|" + n1c,
        "w|p1c=" + n + "|" + p1c,
    ]
    if t.text[:1].isupper():
        feats.append("cap" if k > a else "cap_first")
    if k == a:
        feats.append("first")
    if d.in_quote(k):
        feats.append("in_quote")
    near = [j for j in range(max(a, k - 3), min(b, k + 4)) if j != k and d.is_mark(j)]
    if near:
        feats.append("quote_near")
    elif d.has_quote(si):
        feats.append("quote_sentence")
    if b - a <= HEADLINE_MAX_TOKENS and d.is_headline(si):
        feats.append("headline")
    return feats


def candidates(d: _Doc, hits: Sequence[Match], vocabulary: frozenset[str]) -> list[tuple[int, Match | None]]:
    """Candidate tokens in text order: each lexicon hit's first token with the hit, and every word
    of ``vocabulary`` outside quotes, outside the hits and not just before one (with None): in
    ``went on to discuss`` the lexicon cue ``discuss`` stands for the phrase."""
    covered: set[int] = set()
    for m in hits:
        covered.update(range(max(0, m.tok_start - LEAD_TOKENS), m.tok_end))
    out: list[tuple[int, Match | None]] = [(m.tok_start, m) for m in hits]
    toks = d.toks
    for k in [k for k, t in enumerate(toks) if t.norm in vocabulary]:
        if toks[k].kind == "word" and k not in covered and not d.in_quote(k):
            out.append((k, None))
    out.sort(key=lambda x: x[0])
    return out


@dataclass(frozen=True)
class CueModel:
    """Logistic-regression weights over :func:`cue_features` and the two decision thresholds."""

    weights: Mapping[str, float]
    intercept: float
    vocabulary: frozenset[str]
    accept: float = 0.5  # a vocabulary word at or above this probability is a cue
    keep: float = 0.0  # a lexicon hit below this probability is dropped
    attach: float = 1.01  # a cue at or above this probability without a source or content found gets the plain clause
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def probability(self, features: Sequence[str]) -> float:
        z = self.intercept + sum(map(self.weights.get, features, repeat(0.0, len(features))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def contributions(self, features: Sequence[str]) -> list[tuple[str, float]]:
        """The features with a weight, strongest first (for explaining a decision)."""
        found = [(f, self.weights[f]) for f in features if f in self.weights]
        return sorted(found, key=lambda fw: -abs(fw[1]))

    def select(self, d: _Doc, hits: Sequence[Match]) -> tuple[list[Match], dict[int, float]]:
        """The lexicon hits the model keeps and the vocabulary words it accepts, as cue matches in
        text order, and the probability of each (keyed by its first token)."""
        out: list[Match] = []
        probs: dict[int, float] = {}
        for k, m in candidates(d, hits, self.vocabulary):
            if m is not None and d.quote_of_tok[k] >= 0:
                out.append(m)  # quoted words: never a cue of the rules, scoring them would change nothing
                continue
            p = self.probability(cue_features(d, k, m.term if m is not None else None))
            if m is not None:
                if p >= self.keep:
                    out.append(m)
                    probs[k] = p
            elif p >= self.accept:
                t = d.toks[k]
                out.append(Match(t.start, t.end, k, k + 1, CUE_LEXICON, t.norm, "neutral", 1.0))
                probs[k] = p
        return out, probs

    @classmethod
    def from_dict(cls, data: Any, source: str = "cue model") -> CueModel:
        """Validate parsed JSON (schema, feature version, SHA-256 of the canonical content)."""
        from ..checksum import ModelError, verify_checksum

        if not isinstance(data, dict) or data.get("schema") != CUE_MODEL_SCHEMA:
            raise ModelError(f"{source} is not an attribution cue model (expected schema {CUE_MODEL_SCHEMA!r})")
        verify_checksum(data, source)
        if data.get("feature_version") != CUE_FEATURE_VERSION:
            raise ModelError(
                f"{source}: wrong version: features version {data.get('feature_version')!r}, this framing computes"
                f" {CUE_FEATURE_VERSION} (retrain the model)"
            )
        try:
            names = [str(x) for x in data["features"]]
            coef = [float(x) for x in data["coef"]]
            if len(names) != len(coef):
                raise ValueError("one weight per feature")
            intercept = float(data["intercept"])
            accept = float(data["accept"])
            keep = float(data["keep"])
            attach = float(data["attach"])
            if not all(math.isfinite(x) for x in [*coef, intercept, accept, keep, attach]):
                raise ValueError("a weight or threshold is not finite")
            vocabulary = frozenset(str(w) for w in data["vocabulary"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{source}: invalid model content: {type(exc).__name__}: {exc}") from None
        meta = {k: v for k, v in data.items() if k not in ("features", "coef", "vocabulary")}
        return cls(dict(zip(names, coef)), intercept, vocabulary, accept, keep, attach, meta)

    @classmethod
    def load(cls, path: str | Path | None = None) -> CueModel:
        """The shipped model, or the JSON file at ``path``."""
        from ..checksum import read_model_json

        return cls.from_dict(*read_model_json(path, CUE_MODEL_PATH))


@lru_cache(maxsize=1)
def shipped_cue_model() -> CueModel | None:
    """The model in ``framing/data`` (None when the package ships none)."""
    try:
        return CueModel.load()
    except FileNotFoundError:
        return None
