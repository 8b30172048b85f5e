"""framing: editorial framing, sentiment and attribution in news text, with evidence."""

from __future__ import annotations

from typing import Any

from .analyzer import Analyzer, InputError, analyze, analyze_many
from .compare import Comparison, compare
from .document import Document
from .io import Failure, LoadOptions, from_dataframe, iter_documents, read_path
from .results import SCHEMA, Analysis, Evidence, SentenceResult
from .stories import stories
from .tables import to_frame
from .target import target_sentiment

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Analysis",
    "Analyzer",
    "Comparison",
    "Document",
    "Evidence",
    "Failure",
    "FramingFeatures",
    "FramingModel",
    "InputError",
    "LoadOptions",
    "ModelError",
    "SentenceResult",
    "__version__",
    "analyze",
    "analyze_many",
    "compare",
    "from_dataframe",
    "iter_documents",
    "load_model",
    "read_path",
    "stories",
    "target_sentiment",
    "to_frame",
]

_LAZY = {"FramingFeatures": "features", "FramingModel": "models", "ModelError": "models", "load_model": "models"}


def __getattr__(name: str) -> Any:
    """Trained models and scikit-learn features load scikit-learn only when first used."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
