"""Scoring dimensions, registered in one place.

Each dimension is a module with a :class:`~framing.dimensions.base.Dimension` subclass. To add one,
write the module and add a line to :data:`REGISTRY` (or, from another package, declare an entry
point in the group ``framing.dimensions``). The analyser runs them in an order that respects
their ``requires``.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from .base import Dimension

__all__ = ["REGISTRY", "Dimension", "available", "load_dimension"]

#: name -> "module:Class"; the order here is the default output order.
REGISTRY: dict[str, str] = {
    "entities": "framing.dimensions.entities:Entities",
    "readability": "framing.dimensions.readability:Readability",
    "attribution": "framing.dimensions.attribution:Attribution",
    "editorial": "framing.dimensions.editorial:Editorial",
    "frames": "framing.dimensions.frames:Frames",
    "sentiment": "framing.dimensions.sentiment:Sentiment",
    "actors": "framing.dimensions.actors:Actors",
    "model": "framing.dimensions.model:ModelScores",
}


def available() -> dict[str, str]:
    """Built-in dimensions plus those that installed packages declare as entry points."""
    found = dict(REGISTRY)
    for ep in entry_points(group="framing.dimensions"):
        found.setdefault(ep.name, ep.value)
    return found


def load_dimension(name: str) -> type[Dimension]:
    """The dimension class registered under ``name``."""
    table = available()
    if name not in table:
        raise ValueError(f"unknown dimension {name!r}; available: {', '.join(table)}")
    module, _, attr = table[name].partition(":")
    cls = getattr(importlib.import_module(module), attr)
    if not (isinstance(cls, type) and issubclass(cls, Dimension)):
        raise TypeError(f"{table[name]} is not a Dimension subclass")
    return cls
