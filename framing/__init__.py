"""framing: editorial framing, sentiment and attribution in news text, with evidence."""

from __future__ import annotations

from .analyzer import Analyzer, InputError, analyze, analyze_many
from .document import Document
from .io import Failure, LoadOptions, from_dataframe, iter_documents, read_path
from .results import SCHEMA, Analysis, Evidence, SentenceResult
from .tables import to_frame
from .target import target_sentiment

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Analysis",
    "Analyzer",
    "Document",
    "Evidence",
    "Failure",
    "InputError",
    "LoadOptions",
    "SentenceResult",
    "__version__",
    "analyze",
    "analyze_many",
    "from_dataframe",
    "iter_documents",
    "read_path",
    "target_sentiment",
    "to_frame",
]
