"""Editorial voice: signals (:mod:`framing.editorial.signals`) and the fitted logistic model
(:mod:`framing.editorial.model`) behind the ``editorial`` dimension."""

from __future__ import annotations

from .model import EditorialModel, sigmoid
from .signals import Signal, SignalTables, Voice, extract_signals, load_vader_lexicon

__all__ = ["EditorialModel", "Signal", "SignalTables", "Voice", "extract_signals", "load_vader_lexicon", "sigmoid"]
