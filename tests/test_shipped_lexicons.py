"""Every shipped lexicon (``lexicons/*.tsv``, found at collection time) parses and is complete."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from framing.lexicon import REQUIRED_METADATA, Lexicon, load_lexicon
from framing.resources import shipped_lexicon_dir, shipped_lexicon_paths
from framing.text import tokenize

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"
PATHS = sorted(LEXICON_DIR.glob("*.tsv"))
#: A source citation shorter than this cannot name the literature it comes from.
MIN_SOURCE_CHARS = 20


def test_there_are_shipped_lexicons() -> None:
    assert len(PATHS) >= 2
    assert {"abbreviations", "english_function_words"} <= {p.stem for p in PATHS}


def test_shipped_lexicon_dir_is_found() -> None:
    """The package finds the lexicon folder (the installed copy or the checkout's) and every file in it."""
    found = shipped_lexicon_dir()
    assert found.is_dir()
    assert [p.name for p in shipped_lexicon_paths()] == [p.name for p in sorted(LEXICON_DIR.glob("*.tsv"))]
    assert all(p.parent == found for p in shipped_lexicon_paths())


@pytest.fixture(scope="module", params=PATHS, ids=[p.name for p in PATHS])
def shipped(request: pytest.FixtureRequest) -> tuple[Path, Lexicon]:
    path: Path = request.param
    return path, load_lexicon(path)


def test_parses_with_complete_metadata(shipped: tuple[Path, Lexicon]) -> None:
    path, lx = shipped
    assert lx.name == path.stem
    for key in REQUIRED_METADATA:
        assert getattr(lx, key).strip(), f"{path.name}: empty {key}"
    assert lx.language == "en" or len(lx.language) == 2
    assert lx.version[0].isdigit(), f"{path.name}: version {lx.version!r}"
    assert len(lx.source) >= MIN_SOURCE_CHARS, f"{path.name}: source {lx.source!r} is not a citation"
    assert lx.kind in ("terms", "list")


def test_has_entries(shipped: tuple[Path, Lexicon]) -> None:
    path, lx = shipped
    assert len(lx.entries) >= 1, f"{path.name} has no entries"


def test_is_utf8_with_tab_separated_header(shipped: tuple[Path, Lexicon]) -> None:
    path, _ = shipped
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.strip() and not line.startswith("#"))
    assert header.split("\t")[:2] == ["term", "category"]


def test_no_duplicate_entries(shipped: tuple[Path, Lexicon]) -> None:
    """No term twice in a category, and no surface form reachable twice in a category.

    The loader rejects a repeated term and category; this also catches a form listed as its own
    entry and generated again by another entry's inflection tag (``disgust @verb`` and
    ``disgusting``), which the matcher would report, and a dimension count, twice.
    """
    path, lx = shipped
    terms = Counter((e.term.lower().replace("’", "'"), e.category) for e in lx.entries)
    assert [k for k, n in terms.items() if n > 1] == []
    forms: Counter[tuple[tuple[str, ...], str, bool]] = Counter()
    for e in lx.entries:
        for toks in {tuple(t.norm for t in tokenize(f)) for f in e.forms}:
            forms[(toks, e.category, e.case_sensitive)] += 1
    repeated = sorted(" ".join(k[0]) + f" ({k[1]})" for k, n in forms.items() if n > 1)
    assert repeated == [], f"{path.name}: forms listed twice in one category: {', '.join(repeated[:10])}"


def test_terms_have_tokens_and_sane_weights(shipped: tuple[Path, Lexicon]) -> None:
    path, lx = shipped
    for e in lx.entries:
        assert tokenize(e.term), f"{path.name}:{e.line}: term {e.term!r} has no tokens"
        assert e.term == e.term.strip() and "  " not in e.term
        assert abs(e.weight) < 1e6, f"{path.name}:{e.line}: weight {e.weight}"
