"""The editorial model: a logistic regression over signal counts, read from a small JSON file.

``logit = intercept + sum(contribution of each signal)`` and ``editorial = 1 / (1 + exp(-logit))``.
A signal takes ``units``: its value times the share of its voice (1 in the writer's voice,
``reported_share`` in reported speech, 0 in a quotation; the attribution features always count
fully), and each feature takes at most ``cap`` units per sentence (later signals of a saturated
feature take what is left, possibly 0). A signal's contribution is ``weight[feature] * units``; a
word signal's (feature ``word``) is its fitted weight from the ``editorial_words`` lexicon times its
units, each word taking at most one unit per sentence. So the sentence logit is exactly the
intercept plus the sum of the sentence's evidence weights.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from ..checksum import HASH_KEY, verify_checksum
from .signals import QUOTED, REPORTED, Signal

__all__ = ["DEFAULT_MODEL_PATH", "DOCUMENT_FEATURES", "EditorialModel", "sigmoid"]

#: The shipped weights, fitted by ``benchmarks/fit_editorial.py``.
DEFAULT_MODEL_PATH = "data/editorial_weights.json"
#: Features that describe attributed speech itself and so count even inside it.
ATTRIBUTION_FEATURES = frozenset({"rule:attributed_content", "cue:neutral", "cue:distancing", "cue:emphatic"})
#: The feature of fitted word signals; each word takes at most WORD_CAP units per sentence.
WORD_FEATURE = "word"
WORD_CAP = 1.0
#: Features whose signals are evidence items however small their contribution: phrases and
#: constructions a reader cites as such (loaded terms, phrase patterns, rules, attribution cues).
#: Every other signal is a single word of a word list or a fitted word: on a span where it stands
#: alone or with other such signals, a summed contribution under ``min_evidence`` is not shown.
ALWAYS_SHOWN_PREFIXES = ("loaded_terms:", "editorial_patterns:", "rule:", "cue:")
#: Features of the document model: the word-weighted mean sentence logit, and the share of words
#: in sentences at or above the sentence threshold.
DOCUMENT_FEATURES = ("mean_logit", "opinion_share")


def _document_model(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """The validated ``document`` block of a model file (empty when absent)."""
    if not data:
        return {}
    weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
    unknown = set(weights) - set(DOCUMENT_FEATURES)
    if unknown:
        raise ValueError(f"editorial document model: unknown features {sorted(unknown)}")
    out = {
        "intercept": float(data["intercept"]),
        "weights": weights,
        "genre_opinion": float(data["genre_opinion"]),
        "genre_reporting": float(data["genre_reporting"]),
    }
    values = [out["intercept"], out["genre_opinion"], out["genre_reporting"], *weights.values()]
    if not all(math.isfinite(v) for v in values):
        raise ValueError("editorial document model: a value is not finite")
    if not 0.0 <= out["genre_reporting"] <= out["genre_opinion"] <= 1.0:
        raise ValueError("editorial document model: genre thresholds must satisfy 0 <= reporting <= opinion <= 1")
    return out


def sigmoid(x: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True)
class EditorialModel:
    """Intercept, feature weights (logit per unit), per-sentence cap, decision threshold, and the
    share at which signals in reported speech count (0 = reported speech is reporting only)."""

    intercept: float
    weights: Mapping[str, float]
    cap: float = 3.0
    threshold: float = 0.5
    reported_share: float = 0.0
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: A span whose signals are all single-word signals and together contribute less than this
    #: (absolute logit) is summed per sentence (``editorial_minor``) rather than shown as evidence
    #: items (0: every non-zero contribution is an item). See :meth:`minor`.
    min_evidence: float = 0.0
    #: The document model (empty: none): ``intercept`` and ``weights`` over DOCUMENT_FEATURES give the
    #: document probability of opinion; ``genre_opinion`` and ``genre_reporting`` its genre thresholds.
    document: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "") -> EditorialModel:
        """The model in ``data``; when it carries a ``sha256`` checksum, the content must match it."""
        if HASH_KEY in data:
            verify_checksum(data, source or "editorial model")
        weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
        for k, v in weights.items():
            if not math.isfinite(v):
                raise ValueError(f"editorial weight {k!r} is not finite")
        reported_share = float(data.get("reported_share", 0.0))
        if not 0.0 <= reported_share <= 1.0:
            raise ValueError(f"editorial reported_share {reported_share} is not in 0..1")
        document = _document_model(data.get("document"))
        return cls(
            intercept=float(data["intercept"]),
            weights=weights,
            cap=float(data.get("cap", 3.0)),
            threshold=float(data.get("threshold", 0.5)),
            reported_share=reported_share,
            min_evidence=float(data.get("min_evidence", 0.0)),
            meta={
                k: v
                for k, v in data.items()
                if k not in ("intercept", "weights", "cap", "threshold", "reported_share", "document", "min_evidence")
            },
            document=document,
        )

    def document_probability(self, features: Mapping[str, float]) -> float | None:
        """The document probability of opinion from DOCUMENT_FEATURES, or None without a document model."""
        if not self.document:
            return None
        weights = self.document["weights"]
        return sigmoid(self.document["intercept"] + sum(w * features[k] for k, w in weights.items()))

    @classmethod
    def load(cls, path: str | Path | None = None) -> EditorialModel:
        """The shipped model, or the JSON file at ``path``: it must carry its ``framing_version`` and
        a SHA-256 checksum of its content (see :func:`framing.checksum.canonical_hash`)."""
        if path is None:
            ref = importlib_resources.files("framing").joinpath(DEFAULT_MODEL_PATH)
            raw, source = ref.read_text(encoding="utf-8"), f"framing/{DEFAULT_MODEL_PATH}"
        else:
            raw, source = Path(path).read_text(encoding="utf-8"), str(path)
        data = json.loads(raw)
        if not isinstance(data, dict) or HASH_KEY not in data:
            raise ValueError(f"{source}: no SHA-256 checksum; refusing an unverifiable editorial model")
        if not isinstance(data.get("framing_version"), str):
            raise ValueError(f"{source}: missing 'framing_version'")
        return cls.from_dict(data, source)

    def minor(self, signals: Sequence[Signal], contributions: Sequence[float]) -> list[bool]:
        """Per signal of one sentence: True when it counts in the sentence's ``editorial_minor`` sum
        rather than as an evidence item. Signals are taken per span (a word hit by a subjectivity
        clue, a VADER valence and a fitted weight is one span): a span is minor when none of its
        signals is a phrase or construction (ALWAYS_SHOWN_PREFIXES) and the summed contribution of
        its non-style signals is non-zero and under ``min_evidence`` in absolute logit. Style signals
        are never minor (they count in the style sum)."""
        if self.min_evidence <= 0.0:
            return [False] * len(signals)
        total: dict[tuple[int, int], float] = {}
        shown: set[tuple[int, int]] = set()
        for s, c in zip(signals, contributions):
            if s.style:
                continue
            span = (s.start, s.end)
            total[span] = total.get(span, 0.0) + c
            if s.feature.startswith(ALWAYS_SHOWN_PREFIXES):
                shown.add(span)
        small = {span for span, c in total.items() if span not in shown and c != 0.0 and abs(c) < self.min_evidence}
        return [not s.style and (s.start, s.end) in small for s in signals]

    def share(self, signal: Signal) -> float:
        """The share at which a signal counts: 1 in the writer's voice or for an attribution
        feature, ``reported_share`` in reported speech, 0 in a quotation."""
        if signal.feature in ATTRIBUTION_FEATURES or signal.voice not in (REPORTED, QUOTED):
            return 1.0
        return self.reported_share if signal.voice == REPORTED else 0.0

    def units(self, signals: Sequence[Signal]) -> list[float]:
        """Units each signal of one sentence takes, in order: value times voice share, capped per
        feature (``cap``) and per word (WORD_CAP; a word signal's value is its weight, not a unit)."""
        used: dict[str, float] = {}
        out: list[float] = []
        for s in signals:
            share = self.share(s)
            if share <= 0.0:
                out.append(0.0)
                continue
            if s.feature == WORD_FEATURE:
                key, want, cap = s.rule, share, WORD_CAP
            else:
                key, want, cap = s.feature, s.value * share, self.cap
            take = max(0.0, min(want, cap - used.get(key, 0.0)))
            used[key] = used.get(key, 0.0) + take
            out.append(take)
        return out

    def contributions(self, signals: Sequence[Signal]) -> list[float]:
        """Logit contribution of each signal of one sentence, in order (caps applied in order)."""
        return [
            u * (s.value if s.feature == WORD_FEATURE else self.weights.get(s.feature, 0.0)) if u else 0.0
            for s, u in zip(signals, self.units(signals))
        ]

    def features(self, signals: Sequence[Signal], words: bool = False) -> dict[str, float]:
        """Capped feature units of one sentence, for fitting. Word signals are left out, or with
        ``words`` keyed by their rule."""
        out: dict[str, float] = {}
        for s, u in zip(signals, self.units(signals)):
            if s.feature == WORD_FEATURE:
                if not words:
                    continue
                key = s.rule
            else:
                key = s.feature
            if u:
                out[key] = out.get(key, 0.0) + u
        return out
