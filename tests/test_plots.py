"""framing.plots: every chart returns a Figure, keeps one colour per document, and degrades."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

import framing
from framing import plots
from framing.compare import as_record

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHARTS = list(plots.CHARTS)


@pytest.fixture(scope="module")
def seeds() -> list[framing.Analysis]:
    return [framing.analyze(d) for d in framing.read_path(SEEDS)]


def bare(ident: str, text: str = "One sentence here. Another one there.") -> dict:
    """A record with no scoring dimension at all."""
    return {
        "id": ident,
        "meta": {},
        "n_words": 6,
        "scores": {"n_words": 6},
        "labels": {},
        "sentences": [
            {"index": 0, "start": 0, "end": 18, "paragraph": 0, "text": text[:18], "scores": {"words": 3}},
            {"index": 1, "start": 19, "end": 37, "paragraph": 0, "text": text[19:37], "scores": {"words": 3}},
        ],
        "evidence": [],
    }


def hexes(artists) -> set[str]:  # type: ignore[no-untyped-def]
    from matplotlib.colors import to_hex

    return {to_hex(a.get_facecolor()) for a in artists}


def test_palette_is_okabe_ito_first_and_distinct_for_twenty_documents() -> None:
    colours = plots.document_colours([f"d{i}" for i in range(20)])
    assert list(colours.values())[:8] == [c for c in plots.OKABE_ITO]
    assert len(set(colours.values())) == 20
    assert plots.document_colours(["x", "y", "x"]) == {"x": plots.OKABE_ITO[0], "y": plots.OKABE_ITO[1]}


@pytest.mark.parametrize("chart", CHARTS, ids=lambda f: f.__name__)
def test_each_chart_returns_a_figure_that_renders(chart, seeds: list[framing.Analysis]) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    fig = chart(seeds)
    assert isinstance(fig, Figure)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=40)
    assert buf.getvalue().startswith(b"\x89PNG")
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert not any("not available" in t for t in texts), f"{chart.__name__} found nothing on the seeds"


def test_profile_uses_the_document_colours(seeds: list[framing.Analysis]) -> None:
    colours = plots.document_colours(seeds)
    fig = plots.profile(seeds, ["n_words"])
    bars = fig.axes[0].patches
    assert [b.get_width() for b in bars] == [a.n_words for a in seeds]
    assert hexes(bars) == {c.lower() for c in colours.values()}
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [a.id for a in seeds]


def test_colours_can_be_fixed_across_charts(seeds: list[framing.Analysis]) -> None:
    colours = {a.id: c for a, c in zip(seeds, ("#111111", "#222222", "#333333"))}
    fig = plots.frame_shares(seeds, colours=colours)
    assert hexes(fig.axes[0].patches) <= set(colours.values())


def test_editorial_strip_has_one_cell_per_sentence(seeds: list[framing.Analysis]) -> None:
    fig = plots.editorial_strip(seeds)
    cells = [p for p in fig.axes[0].patches]
    assert len(cells) == sum(a.n_sentences for a in seeds)
    # the partisan opener of seed 000 is its darkest cell
    first_doc = cells[: seeds[0].n_sentences]
    darkness = [sum(c.get_facecolor()[:3]) for c in first_doc]
    assert darkness.index(min(darkness)) == 0


def test_charts_say_when_their_dimension_is_missing() -> None:
    recs = [bare("a"), bare("b")]
    for chart in CHARTS[1:]:
        fig = chart(recs)
        texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
        assert "not available" in texts, chart.__name__


def test_actor_rows_accept_counts_or_spans_and_numbers_or_summaries() -> None:
    rec = {
        "actors": [
            {"name": "A", "mentions": [{"start": 0, "end": 1}] * 3, "sentiment": {"mean": -0.5}},
            {"name": "B", "mentions": 2, "sentiment": 0.25, "role": "quoted", "n_quoted_words": 7},
            {"name": "C", "n_mentions": 1, "sentiment": None},
        ]
    }
    rows = plots.actor_rows(rec)
    assert [(r["name"], r["mentions"], r["sentiment"]) for r in rows] == [
        ("A", 3, -0.5),
        ("B", 2, 0.25),
        ("C", 1, None),
    ]
    assert rows[1]["n_quoted_words"] == 7


def test_source_counts_and_quoted_words_by_speaker() -> None:
    rec = as_record(bare("x"))
    rec["attributions"] = [
        {"source_type": "person", "cue_class": "neutral", "speaker": "Ann", "quoted_words": 5},
        {"source_type": "anonymous", "cue_class": "distancing", "speaker": None, "quoted_words": 0},
        {"source_type": "organization", "cue_class": "distancing", "speaker": "Acme", "quoted_words": 2},
    ]
    assert plots.source_counts(rec) == {"named sources": 2, "anonymous sources": 1, "loaded cues": 2}
    assert plots.quoted_words_by_speaker(rec) == {"Ann": 5, "Acme": 2}


def test_library_code_does_not_touch_pyplot() -> None:
    code = (
        "import sys, framing, framing.plots as p\n"
        "a = framing.analyze('The mayor said the plan would work. Critics disagreed.')\n"
        "[f([a]) for f in (p.profile, p.editorial_strip, p.sentiment_arc, p.sources_breakdown,"
        " p.actor_sentiment, p.frame_shares)]\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
