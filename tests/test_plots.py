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


def many(n: int, outlets: int = 0) -> list[dict]:
    """``n`` records with sentence scores, optionally spread over ``outlets`` outlets."""
    out = []
    for k in range(n):
        rec = bare(f"document-{k:02d}")
        rec["meta"] = {"outlet": f"outlet {k % outlets}"} if outlets else {}
        rec["scores"] |= {"editorial": (k % 7) / 7, "sentiment": (k % 5) / 5 - 0.4, "frame_economic": 0.5}
        for i, s in enumerate(rec["sentences"]):
            s["scores"] |= {"editorial": ((k + i) % 10) / 10, "sentiment": ((k * i) % 9) / 9 - 0.5}
        rec["actors"] = [{"name": "Mayor", "type": "person", "n_mentions": 1 + k % 3, "sentiment": {"mean": 0.1}}]
        rec["attributions"] = [{"source_type": "person", "speaker": "Ann", "quoted_words": 3, "cue_class": "neutral"}]
        out.append(rec)
    return out


def legend_entries(fig) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda f: f.__name__)
def test_fifty_documents_never_make_a_fifty_entry_legend(chart) -> None:  # type: ignore[no-untyped-def]
    import warnings

    recs = many(50)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = chart(recs)
        fig.savefig(io.BytesIO(), format="png", dpi=30)
        grouped = chart(recs, by="outlet")
        grouped.savefig(io.BytesIO(), format="png", dpi=30)
    assert [str(w.message) for w in caught] == []
    assert len(legend_entries(fig)) <= plots.MAX_SERIES
    assert len(legend_entries(grouped)) <= plots.MAX_SERIES


def test_charts_draw_one_series_per_group_with_distinct_colours() -> None:
    recs = many(30, outlets=5)
    series = plots.series_of(recs, "outlet")
    assert [s.label for s in series] == [f"outlet {k}" for k in range(5)]
    assert [len(s.ids) for s in series] == [6] * 5
    assert len({s.colour for s in series}) == 5
    fig = plots.profile(recs, ["editorial"], by="outlet")
    assert legend_entries(fig) == [s.label for s in series]
    bars = fig.axes[0].patches
    assert len(bars) == 5
    # each bar is the mean of its group's documents
    for bar, s in zip(bars, series):
        values = [r["scores"]["editorial"] for r in recs if r["id"] in s.ids]
        assert bar.get_width() == pytest.approx(sum(values) / len(values))


def test_more_groups_than_colours_pool_the_smallest() -> None:
    recs = many(40, outlets=12)
    series = plots.series_of(recs, "outlet")
    assert len(series) == plots.MAX_SERIES
    assert series[-1].label.startswith("other groups")
    assert sorted(i for s in series for i in s.ids) == sorted(r["id"] for r in recs)
    assert len({s.colour for s in series}) == len(series)


def test_many_ungrouped_documents_are_drawn_as_the_corpus() -> None:
    recs = many(20)
    series = plots.series_of(recs)
    assert len(series) == 1 and series[0].label == "all 20 documents"
    fig = plots.sentiment_arc(recs)
    assert legend_entries(fig) == []
    assert len(fig.axes[0].lines) == 2  # the corpus mean and the zero line


def test_forest_shows_significant_and_non_significant_rows() -> None:
    import pandas as pd

    gd = pd.DataFrame(
        {
            "a": ["x", "x", "y"],
            "b": ["y", "z", "z"],
            "score": ["editorial"] * 3,
            "difference": [0.2, -0.05, 0.01],
            "ci_low": [0.1, -0.2, float("nan")],
            "ci_high": [0.3, 0.1, float("nan")],
            "significant": [True, False, False],
            "effect_size": [1.1, -0.2, float("nan")],
        }
    )
    fig = plots.forest(gd, ["editorial"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x − z", "y − z", "x − y"]
    colours = {c.get_color() if isinstance(c.get_color(), str) else None for c in ax.lines[:2]}
    assert plots.SIGNIFICANT_COLOUR in colours and plots.NOT_SIGNIFICANT_COLOUR in colours


def test_speakers_are_named_as_the_actors_block_names_them() -> None:
    rec = {
        "actors": [{"name": "Joe Biden", "type": "person"}, {"name": "Pentagon", "type": "government"}],
        "attributions": [
            {"speaker": "Biden", "quoted_words": 4},
            {"speaker": "John Kirby", "quoted_words": 2},
            {"speaker": "Pentagon", "quoted_words": 1},
        ],
    }
    assert plots.canonical_speakers(rec) == {"Biden": "Joe Biden", "Pentagon": "Pentagon"}
    assert plots.quoted_words_by_speaker(rec) == {"Joe Biden": 4, "John Kirby": 2, "Pentagon": 1}


def test_chart_labels_name_emoji_and_lay_out_right_to_left_text() -> None:
    import warnings

    recs = [bare("a 👍 b"), bare("c")]
    recs[0]["scores"]["editorial"] = 0.5
    recs[1]["scores"]["editorial"] = 0.2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = plots.profile(recs, ["editorial"])
        fig.savefig(io.BytesIO(), format="png", dpi=30)
    assert [str(w.message) for w in caught] == []
    assert legend_entries(fig) == ["a [thumbs up sign] b", "c"]
    pytest.importorskip("bidi")
    assert plots.drawable("Signs: שלום") == "Signs: םולש"
