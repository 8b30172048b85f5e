"""The editorial model: a logistic regression over signal counts, read from a small JSON file.

``logit = intercept + sum(contribution of each signal)`` and ``editorial = 1 / (1 + exp(-logit))``.
A signal's contribution is ``weight[feature] * value``; a word signal's contribution is its fitted
weight from the ``editorial_words`` lexicon. Each feature counts at most ``cap`` units per sentence
(later signals of a saturated feature contribute 0), and signals in attributed speech contribute 0
unless their feature is one of the attribution features. So the sentence logit is exactly the
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

from .signals import Signal

__all__ = ["DEFAULT_MODEL_PATH", "EditorialModel", "sigmoid"]

#: The shipped weights, fitted by ``benchmarks/fit_editorial.py``.
DEFAULT_MODEL_PATH = "data/editorial_weights.json"
#: Features that describe attributed speech itself and so count even inside it.
ATTRIBUTION_FEATURES = frozenset({"rule:attributed_content", "cue:neutral", "cue:distancing", "cue:emphatic"})


def sigmoid(x: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True)
class EditorialModel:
    """Intercept, feature weights (logit per unit), per-sentence cap and decision threshold."""

    intercept: float
    weights: Mapping[str, float]
    cap: float = 3.0
    threshold: float = 0.5
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EditorialModel:
        weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
        for k, v in weights.items():
            if not math.isfinite(v):
                raise ValueError(f"editorial weight {k!r} is not finite")
        return cls(
            intercept=float(data["intercept"]),
            weights=weights,
            cap=float(data.get("cap", 3.0)),
            threshold=float(data.get("threshold", 0.5)),
            meta={k: v for k, v in data.items() if k not in ("intercept", "weights", "cap", "threshold")},
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

    def contributions(self, signals: Sequence[Signal]) -> list[float]:
        """Logit contribution of each signal of one sentence, in order (caps applied in order)."""
        used: dict[str, float] = {}
        out: list[float] = []
        for s in signals:
            if s.attributed and s.feature not in ATTRIBUTION_FEATURES:
                out.append(0.0)
                continue
            if s.feature == "word":
                key = s.rule
                if key in used:
                    out.append(0.0)
                    continue
                used[key] = 1.0
                out.append(s.value)
                continue
            w = self.weights.get(s.feature, 0.0)
            room = self.cap - used.get(s.feature, 0.0)
            take = max(0.0, min(s.value, room))
            used[s.feature] = used.get(s.feature, 0.0) + take
            out.append(w * take)
        return out

    def features(self, signals: Sequence[Signal]) -> dict[str, float]:
        """Capped feature values of one sentence, for fitting (word signals are left out)."""
        used: dict[str, float] = {}
        for s in signals:
            if (s.attributed and s.feature not in ATTRIBUTION_FEATURES) or s.feature == "word":
                continue
            room = self.cap - used.get(s.feature, 0.0)
            used[s.feature] = used.get(s.feature, 0.0) + max(0.0, min(s.value, room))
        return used
