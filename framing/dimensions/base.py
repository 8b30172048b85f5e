"""The contract every scoring dimension follows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from ..results import DimensionOutput, ParsedDocument

if TYPE_CHECKING:
    from ..resources import Resources

__all__ = ["Dimension"]


class Dimension:
    """A scoring dimension: built once per process from shared resources, then pure per document.

    Subclasses set ``name``, ``requires`` (dimensions whose ``DimensionOutput.data`` they read),
    ``lexicons`` (lexicon names they need; checked when the analyser starts) and ``SCORES``
    (document score name -> one-line meaning with direction, range and unit, shown in docs and
    reports), and implement :meth:`score`, which must not keep any state between documents.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    lexicons: ClassVar[tuple[str, ...]] = ()
    SCORES: ClassVar[Mapping[str, str]] = {}

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        raise NotImplementedError
