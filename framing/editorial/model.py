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

from .signals import QUOTED, REPORTED, Signal

__all__ = ["DEFAULT_MODEL_PATH", "EditorialModel", "sigmoid"]

#: The shipped weights, fitted by ``benchmarks/fit_editorial.py``.
DEFAULT_MODEL_PATH = "data/editorial_weights.json"
#: Features that describe attributed speech itself and so count even inside it.
ATTRIBUTION_FEATURES = frozenset({"rule:attributed_content", "cue:neutral", "cue:distancing", "cue:emphatic"})
#: The feature of fitted word signals; each word takes at most WORD_CAP units per sentence.
WORD_FEATURE = "word"
WORD_CAP = 1.0


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EditorialModel:
        weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
        for k, v in weights.items():
            if not math.isfinite(v):
                raise ValueError(f"editorial weight {k!r} is not finite")
        reported_share = float(data.get("reported_share", 0.0))
        if not 0.0 <= reported_share <= 1.0:
            raise ValueError(f"editorial reported_share {reported_share} is not in 0..1")
        return cls(
            intercept=float(data["intercept"]),
            weights=weights,
            cap=float(data.get("cap", 3.0)),
            threshold=float(data.get("threshold", 0.5)),
            reported_share=reported_share,
            meta={
                k: v for k, v in data.items() if k not in ("intercept", "weights", "cap", "threshold", "reported_share")
            },
        )

    @classmethod
    def load(cls, path: str | Path | None = None) -> EditorialModel:
        """The shipped model, or the JSON file at ``path``."""
        if path is None:
            ref = importlib_resources.files("framing").joinpath(DEFAULT_MODEL_PATH)
            raw = ref.read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        return cls.from_dict(json.loads(raw))

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
