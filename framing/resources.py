"""Shared resources, loaded once per process from an explicit configuration.

Nothing here downloads anything: lexicons come from the project's ``lexicons/`` folder (shipped
inside the wheel as ``framing/lexicons``) and from the user's own files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from .lexicon import Lexicon, LexiconError, Matcher, load_lexicon, merge_lexicons
from .text import Segmenter

__all__ = ["Config", "Resources", "shipped_lexicon_dir", "shipped_lexicon_paths"]


def shipped_lexicon_dir() -> Path:
    """The folder of shipped lexicons: inside the installed package, or the source checkout's."""
    packaged = Path(str(importlib_resources.files("framing"))) / "lexicons"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "lexicons"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("framing's lexicons are missing from this installation")


def shipped_lexicon_paths() -> list[Path]:
    return sorted(shipped_lexicon_dir().glob("*.tsv"))


@dataclass(frozen=True)
class Config:
    """Everything an analyser needs, as plain picklable values.

    ``lexicon_paths``: user lexicon files added to or overriding the shipped ones;
    ``actors``: canonical name -> aliases; ``options``: per-dimension settings.
    """

    dimensions: tuple[str, ...]
    lexicon_paths: tuple[str, ...] = ()
    actors: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_chars: int = 2_000_000
    max_seconds: float | None = 300.0
    language_check: bool = True
    options: tuple[tuple[str, Any], ...] = field(default=())

    def option(self, key: str, default: Any = None) -> Any:
        return dict(self.options).get(key, default)


class Resources:
    """Lexicons, the compiled matcher and the segmenter for one configuration."""

    def __init__(self, config: Config) -> None:
        self.config = config
        shipped = [load_lexicon(p) for p in shipped_lexicon_paths()]
        extra = [load_lexicon(p) for p in config.lexicon_paths]
        self.lexicons: Mapping[str, Lexicon] = {lx.name: lx for lx in merge_lexicons(shipped, extra)}
        self.matcher = Matcher(self.lexicons.values())
        abbr = self.lexicon("abbreviations")
        self.segmenter = Segmenter(
            titles=abbr.terms("title"),
            months=abbr.terms("month"),
            before_number=abbr.terms("before_number"),
            ambiguous=frozenset(t.rstrip(".") for t in abbr.terms("ambiguous")),
            starters=abbr.terms("starter"),
            time_suffixes=frozenset(t.rstrip(".") for t in abbr.terms("time_suffix")),
            time_followers=abbr.terms("time_follower"),
            reporting_verbs=abbr.terms("reporting_verb"),
        )

    def lexicon(self, name: str) -> Lexicon:
        try:
            return self.lexicons[name]
        except KeyError:
            raise LexiconError(f"no lexicon named {name!r} (have: {', '.join(sorted(self.lexicons))})") from None

    @cached_property
    def function_words(self) -> frozenset[str]:
        return self.lexicon("english_function_words").terms()

    @property
    def actors(self) -> dict[str, tuple[str, ...]]:
        return dict(self.config.actors)
