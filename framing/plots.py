"""Charts for comparing documents and groups, each a function that takes data and returns a matplotlib Figure.

Every function takes :class:`~framing.results.Analysis` objects or their ``to_dict()`` records.
A chart draws one *series* per group when ``by`` groups the documents (``by="outlet"``), one per
document when there are at most :data:`MAX_SERIES` documents, and otherwise one series for the
whole corpus: a legend never has more than :data:`MAX_SERIES` entries and no two series share a
colour (the Okabe-Ito palette, which stays distinguishable under the common colour-vision
deficiencies; see :func:`series_of`). A group's value is the mean of its documents' values.
Figures are built without pyplot's global state, on the Agg canvas, so library use never opens a
window. When the dimension a chart needs is absent, the chart says so in place of the data.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .compare import as_records, group_of

__all__ = [
    "CHARTS",
    "EDITORIAL_CMAP",
    "HEADLINE_SCORES",
    "MAX_SERIES",
    "OKABE_ITO",
    "PALETTE",
    "Series",
    "actor_rows",
    "actor_sentiment",
    "canonical_speakers",
    "document_colours",
    "drawable",
    "editorial_colour",
    "editorial_strip",
    "forest",
    "frame_shares",
    "profile",
    "sentiment_arc",
    "series_of",
    "short_label",
    "sources_breakdown",
]

#: Okabe & Ito (2008), "Color Universal Design", in an order that puts the strongest contrasts first.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: Sequential colour map for sentence editorial scores (light = reporting, dark = editorial).
EDITORIAL_CMAP = "YlOrRd"
#: Scores shown in the profile chart, in this order, when present.
HEADLINE_SCORES = (
    "editorial",
    "lede_editorial",
    "editorial_sentence_share",
    "subjectivity",
    "loaded_per_100_words",
    "hedges_per_100_words",
    "boosters_per_100_words",
    "sentiment",
    "attributions_per_100_words",
    "quoted_word_share",
    "anonymous_source_share",
    "loaded_cue_share",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
)
#: Most series (groups or documents) one chart draws: one distinct colour each, a legend that stays readable.
MAX_SERIES = len(OKABE_ITO)
#: Most rows (documents in the editorial strip) before the strip shows groups or the corpus instead.
MAX_STRIP_ROWS = 24
#: Most actors, speakers and frames one chart shows.
MAX_ROWS = 12
#: Position bins along an article when documents are averaged (tenths of its words).
POSITION_BINS = 10
LABEL_CHARS = 26
FONT_SIZE = 8
WIDTH_IN = 7.2
#: Source types counted as named sources in the sources chart.
NAMED_TYPES = ("person", "organization", "document", "media")
#: Colour of significant and non-significant rows in the forest plot.
SIGNIFICANT_COLOUR = "#D55E00"
NOT_SIGNIFICANT_COLOUR = "#777777"


# -- text the fonts can draw ------------------------------------------------------------------------

#: Characters that join or modify an emoji; kept inside its placeholder.
_JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)}
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@functools.cache
def _glyphs() -> frozenset[int]:
    """Code points that DejaVu Sans and DejaVu Sans Bold (matplotlib's and the report's fonts) both draw."""
    import matplotlib
    from fontTools.ttLib import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    sets = []
    for file in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        with TTFont(str(folder / file), lazy=True) as font:
            sets.append(set(font.getBestCmap()))
    return frozenset(sets[0] & sets[1])


def _missing(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20 or ch in " \t\n\r\u00a0\u200b":
        return False
    return code in _JOINERS or code not in _glyphs()


def glyph_name(cluster: str) -> str:
    """What a run of undrawable characters is: their Unicode names (symbols, emoji) or their script and number."""
    base = [c for c in cluster if ord(c) not in _JOINERS]
    if not base:
        return ""
    names = [unicodedata.name(c, "") for c in base]
    symbols = all(unicodedata.category(c) in ("So", "Sk", "Sm") for c in base)
    if symbols and len(base) <= 3 and all(names):
        return " + ".join(n.lower() for n in names)
    scripts = sorted({(n.split(" ")[0] if n else "unnamed") for n in names})
    scripts = [w if len(w) <= 4 else w.title() for w in scripts]
    return f"{len(base)} {'/'.join(scripts)} character{'s' if len(base) != 1 else ''} not in the font"


def replace_missing(text: str, stand_in: Callable[[str], str]) -> str:
    """``text`` with each run of characters the font cannot draw replaced by ``stand_in(run)``."""
    if text.isascii():
        return text
    out: list[str] = []
    cluster: list[str] = []
    for ch in text:
        if _missing(ch):
            cluster.append(ch)
            continue
        if cluster:
            out.append(stand_in("".join(cluster)))
            cluster = []
        out.append(ch)
    if cluster:
        out.append(stand_in("".join(cluster)))
    return "".join(out)


def _bidi_tools() -> tuple[Any, Any] | None:
    """python-bidi's ``get_display`` and arabic-reshaper's ``reshape`` (or ``None`` when not installed)."""
    try:
        from bidi import get_display
    except ImportError:
        return None
    try:
        from arabic_reshaper import reshape
    except ImportError:
        reshape = None
    return get_display, reshape


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds Hebrew, Arabic or another right-to-left script."""
    return bool(_RTL.search(text))


def visible_text(text: str, *, base: str | None = None) -> str:
    """One line of ``text`` in visual (left-to-right drawing) order: right-to-left runs reversed per
    the Unicode bidirectional algorithm, Arabic letters in their joined forms. Unchanged when the
    text has no right-to-left character or python-bidi is not installed."""
    if not has_rtl(text):
        return text
    tools = _bidi_tools()
    if tools is None:
        return text
    get_display, reshape = tools
    if reshape is not None:
        text = reshape(text)
    return get_display(text, base_dir=base[0]) if base else get_display(text)


def drawable(text: str) -> str:
    """A chart label: right-to-left runs in visual order, undrawable characters named in brackets."""
    return replace_missing(visible_text(text), lambda run: f"[{glyph_name(run)}]" if glyph_name(run) else "")


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def short_label(record: Mapping[str, Any], n: int = LABEL_CHARS) -> str:
    """The document id, cut to ``n`` characters for axis labels and legends."""
    return _cut(str(record["id"]), n)


def _cut(text: str, n: int) -> str:
    """A label for a chart: drawable (:func:`drawable`), cut to ``n`` characters."""
    text = drawable(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _blend(colour: str, share: float) -> str:
    """``colour`` mixed with white (``share`` of white)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02X}" for c in rgb)


#: After the eight Okabe-Ito colours, lighter tints of the first seven, then darker shades.
PALETTE = (
    *OKABE_ITO,
    *(_blend(c, 0.5) for c in OKABE_ITO[:6]),
    *("#" + "".join(f"{int(c[i : i + 2], 16) * 6 // 10:02X}" for i in (1, 3, 5)) for c in OKABE_ITO[:6]),
)


def document_colours(items: Iterable[Any]) -> dict[str, str]:
    """Document id -> colour, in input order: Okabe-Ito first, then tints and shades of it.

    Up to 8 documents the colours are fully distinct; up to 20 they stay distinct by lightness; the
    palette repeats after that (charts then draw groups or the corpus, see :func:`series_of`).
    """
    out: dict[str, str] = {}
    for item in items:
        ident = item if isinstance(item, str) else (item["id"] if isinstance(item, Mapping) else item.id)
        if ident not in out:
            out[ident] = PALETTE[len(out) % len(PALETTE)]
    return out


@dataclass(frozen=True)
class Series:
    """One line, bar or dot colour of a chart: a document, a group of documents or the corpus."""

    label: str
    colour: str
    ids: tuple[str, ...]


def series_of(
    data: Iterable[Any],
    by: Any = None,
    *,
    colours: Mapping[str, str] | None = None,
    max_series: int = MAX_SERIES,
) -> list[Series]:
    """The series a chart draws for ``data``.

    - ``by`` given (a metadata key, a mapping id -> group or a function, as in :func:`framing.compare`):
      one series per group, sorted by name; beyond ``max_series`` groups the largest
      ``max_series - 1`` are kept and the rest pooled as "other groups".
    - otherwise, up to ``max_series`` documents: one series per document (``colours`` may fix them);
    - otherwise one series, "all N documents".
    """
    records = as_records(data)
    if by is not None:
        members: dict[str, list[str]] = {}
        for r in records:
            members.setdefault(group_of(r, by), []).append(r["id"])
        names = sorted(members)
        if len(names) > max_series:
            keep = sorted(sorted(names, key=lambda g: (-len(members[g]), g))[: max_series - 1])
            rest = [i for g in names if g not in keep for i in members[g]]
            members = {g: members[g] for g in keep} | {f"other groups ({len(names) - len(keep)})": rest}
            names = list(members)
        return [Series(g, OKABE_ITO[k % len(OKABE_ITO)], tuple(members[g])) for k, g in enumerate(names)]
    if len(records) <= max_series:
        fixed = dict(colours) if colours is not None else document_colours(records)
        return [Series(str(r["id"]), fixed[r["id"]], (r["id"],)) for r in records]
    return [Series(f"all {len(records)} documents", OKABE_ITO[0], tuple(r["id"] for r in records))]


def editorial_colour(score: float) -> tuple[float, float, float, float]:
    """RGBA of a sentence editorial score (0..1) on :data:`EDITORIAL_CMAP`."""
    from matplotlib import colormaps

    return tuple(colormaps[EDITORIAL_CMAP](min(1.0, max(0.0, float(score)))))  # type: ignore[return-value]


def _unavailable(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT_SIZE + 1, color="#555555", wrap=True)
    ax.set_axis_off()


def _legend(fig: Any, series: Sequence[Series]) -> None:
    from matplotlib.patches import Patch

    if len(series) < 2 and not (series and len(series[0].ids) == 1):
        return
    handles = [Patch(color=s.colour, label=_cut(s.label, LABEL_CHARS)) for s in series]
    fig.legend(
        handles=handles, loc="outside upper center", ncols=min(4, len(handles)), fontsize=FONT_SIZE, frameon=False
    )


def _setup(
    data: Iterable[Any], colours: Mapping[str, str] | None, by: Any
) -> tuple[list[dict[str, Any]], list[Series], dict[str, dict[str, Any]]]:
    records = as_records(data)
    series = series_of(records, by, colours=colours)
    return records, series, {r["id"]: r for r in records}


def _style(ax: Any, sides: Sequence[str] = ("top", "right")) -> None:
    ax.tick_params(labelsize=FONT_SIZE)
    for side in sides:
        ax.spines[side].set_visible(False)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _number(value: Any) -> float | None:
    if isinstance(value, Mapping):
        value = value.get("mean", value.get("score"))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    return float(value)


# -- profile ----------------------------------------------------------------------------------


def profile(
    data: Iterable[Any],
    scores: Sequence[str] | None = None,
    *,
    colours: Mapping[str, str] | None = None,
    by: Any = None,
) -> Any:
    """Small multiples: one panel per score, one bar per series (its mean), one grey dot per document
    when a series holds several, the value written at the bar."""
    records, series, by_id = _setup(data, colours, by)
    wanted = list(scores) if scores is not None else list(HEADLINE_SCORES)
    present = [s for s in wanted if any(_number(r["scores"].get(s)) is not None for r in records)]
    ncols = 3
    nrows = max(1, -(-len(present) // ncols))
    fig = _figure(WIDTH_IN, 0.45 + nrows * (min(0.28 * len(series), 2.0) + 0.6))
    if not present:
        _unavailable(fig.add_subplot(), "none of the profile scores is available")
        return fig
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= len(present):
            ax.set_axis_off()
            continue
        name = present[k]
        everything: list[float] = []
        for y, s in zip(range(len(series) - 1, -1, -1), series):
            values = [v for i in s.ids if (v := _number(by_id[i]["scores"].get(name))) is not None]
            if not values:
                ax.text(0, y, " n/a", va="center", fontsize=FONT_SIZE - 1, color="#777777")
                continue
            v = _mean(values)
            everything += [*values, v]
            ax.barh(y, v, color=s.colour, height=0.7)
            if len(values) > 1:
                ax.scatter(
                    values, [y] * len(values), s=7, color="#333333", edgecolors="white", linewidths=0.4, zorder=3
                )
            ax.text(max(v, 0), y + 0.36, f" {v:.2f}", va="top", ha="left", fontsize=FONT_SIZE - 1)
        lo, hi = min([0.0, *everything]), max([0.0, *everything])
        span = (hi - lo) or 1.0
        ax.set_xlim(lo - (0.1 * span if lo < 0 else 0), hi + 0.3 * span)
        ax.set_ylim(-0.6, len(series) - 0.4)
        ax.axvline(0, color="#444444", linewidth=0.6)
        ax.set_yticks([])
        ax.set_title(name, fontsize=FONT_SIZE, loc="left")
        _style(ax, ("top", "right", "left"))
        ax.tick_params(labelsize=FONT_SIZE - 1)
    _legend(fig, series)
    return fig


# -- editorial along the article --------------------------------------------------------------


def _word_positions(record: Mapping[str, Any]) -> list[tuple[float, float]]:
    """(start, width) of each sentence along the article, as shares of its words (0..1)."""
    words = [max(1.0, float(s.get("scores", {}).get("words", len(s["text"].split())))) for s in record["sentences"]]
    total = sum(words) or 1.0
    out, pos = [], 0.0
    for w in words:
        out.append((pos / total, w / total))
        pos += w
    return out


def _binned(record: Mapping[str, Any], score: str, bins: int = POSITION_BINS) -> list[float | None]:
    """Word-weighted mean of a sentence score in each tenth (``bins``) of the article."""
    sums, weights = [0.0] * bins, [0.0] * bins
    for (x, w), s in zip(_word_positions(record), record["sentences"]):
        v = _number(s.get("scores", {}).get(score))
        if v is None:
            continue
        for b in range(bins):
            lo, hi = b / bins, (b + 1) / bins
            overlap = min(hi, x + w) - max(lo, x)
            if overlap > 0:
                sums[b] += v * overlap
                weights[b] += overlap
    return [sums[b] / weights[b] if weights[b] else None for b in range(bins)]


def _series_bins(series: Series, by_id: Mapping[str, Mapping[str, Any]], score: str) -> list[float | None]:
    """Mean over the series' documents of each document's binned score."""
    per_doc = [_binned(by_id[i], score) for i in series.ids]
    out: list[float | None] = []
    for b in range(POSITION_BINS):
        values = [d[b] for d in per_doc if d[b] is not None]
        out.append(_mean(values) if values else None)  # type: ignore[arg-type]
    return out


def editorial_strip(data: Iterable[Any], *, colours: Mapping[str, str] | None = None, by: Any = None) -> Any:
    """Editorial score along each article.

    Up to :data:`MAX_STRIP_ROWS` documents and no grouping: one strip per document, one cell per
    sentence (width = its words), shaded by editorial score, a triangle above the most editorial
    sentence. Otherwise one strip per series (group or corpus), ten cells, each the mean over its
    documents of the word-weighted editorial score in that tenth of the article.
    """
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    records, series, by_id = _setup(data, colours, by)
    has = any("editorial" in s.get("scores", {}) for r in records for s in r["sentences"])
    per_document = by is None and len(records) <= MAX_STRIP_ROWS
    if not per_document and len(series) == 1 and by is None:
        series = [Series(f"all {len(records)} documents", OKABE_ITO[0], tuple(r["id"] for r in records))]
    rows = len(records) if per_document else len(series)
    fig = _figure(WIDTH_IN, 0.9 + 0.3 * rows)
    ax = fig.add_subplot()
    if not has:
        _unavailable(ax, "editorial dimension not available: no sentence editorial scores")
        return fig
    doc_colours = dict(colours) if colours is not None else document_colours(records)
    if per_document:
        labels = []
        for row, r in enumerate(records):
            y = rows - 1 - row
            best, best_x = -1.0, None
            for (x, w), s in zip(_word_positions(r), r["sentences"]):
                v = s.get("scores", {}).get("editorial")
                colour = editorial_colour(v) if v is not None else (0.85, 0.85, 0.85, 1.0)
                ax.add_patch(_rect(x, y - 0.35, w, 0.7, colour))
                if v is not None and v > best:
                    best, best_x = v, x + w / 2
            if best_x is not None:
                marker = doc_colours[r["id"]] if len(records) <= MAX_SERIES else "#333333"
                ax.plot([best_x], [y + 0.47], marker="v", color=marker, markersize=5, clip_on=False)
            labels.append((short_label(r), doc_colours[r["id"]] if len(records) <= MAX_SERIES else "#222222"))
    else:
        labels = []
        for row, s in enumerate(series):
            y = rows - 1 - row
            for b, v in enumerate(_series_bins(s, by_id, "editorial")):
                colour = editorial_colour(v) if v is not None else (0.85, 0.85, 0.85, 1.0)
                ax.add_patch(_rect(b / POSITION_BINS, y - 0.35, 1 / POSITION_BINS, 0.7, colour))
                if v is not None:
                    ink = "white" if v > 0.6 else "#222222"
                    ax.text((b + 0.5) / POSITION_BINS, y, f"{v:.2f}", ha="center", va="center", fontsize=6, color=ink)
            labels.append((f"{_cut(s.label, LABEL_CHARS)} ({len(s.ids)})", s.colour))
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, rows - 0.4)
    ax.set_yticks(range(rows))
    ax.set_yticklabels([text for text, _ in reversed(labels)], fontsize=FONT_SIZE)
    for tick, (_, colour) in zip(ax.get_yticklabels(), reversed(labels)):
        tick.set_color(colour)
    ax.set_xlabel("position in the article (share of words)", fontsize=FONT_SIZE)
    _style(ax, ("top", "right", "left"))
    bar = fig.colorbar(
        ScalarMappable(norm=Normalize(0, 1), cmap=colormaps[EDITORIAL_CMAP]), ax=ax, fraction=0.04, pad=0.01
    )
    bar.set_label("sentence editorial score", fontsize=FONT_SIZE)
    bar.ax.tick_params(labelsize=FONT_SIZE - 1)
    return fig


def _rect(x: float, y: float, w: float, h: float, colour: Any) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=colour, edgecolor="white", linewidth=0.3)


# -- sentiment along the article ---------------------------------------------------------------


def sentiment_arc(
    data: Iterable[Any], *, window: int | None = None, colours: Mapping[str, str] | None = None, by: Any = None
) -> Any:
    """Sentence sentiment (-1..1) along the articles.

    One series per document: dots per sentence and a line for the arc (the document's
    ``sentiment_arc`` block, smoothed decile means, when present; else a moving mean over
    ``window`` sentences, default an eighth of the document, at least 3). One series per group or
    for the corpus: the mean over its documents of the word-weighted sentiment in each tenth of
    the article, with the range of the middle half of its documents shaded.
    """
    records, series, by_id = _setup(data, colours, by)
    fig = _figure(WIDTH_IN, 3.0)
    ax = fig.add_subplot()
    with_sentiment = {r["id"] for r in records if any("sentiment" in s.get("scores", {}) for s in r["sentences"])}
    series = [s for s in series if any(i in with_sentiment for i in s.ids)]
    if not series:
        _unavailable(ax, "sentiment dimension not available: no sentence sentiment scores")
        return fig
    import numpy as np

    for s in series:
        ids = [i for i in s.ids if i in with_sentiment]
        if len(s.ids) == 1:
            r = by_id[ids[0]]
            xs, ys = [], []
            for (x, w), sent in zip(_word_positions(r), r["sentences"]):
                v = _number(sent.get("scores", {}).get("sentiment"))
                if v is not None:
                    xs.append(x + w / 2)
                    ys.append(v)
            ax.scatter(xs, ys, s=9, color=s.colour, alpha=0.45, linewidths=0)
            arc = [b for b in r.get("sentiment_arc") or [] if _number(b.get("smoothed")) is not None]
            if arc and window is None:
                line_x = [(float(b["start"]) + float(b["end"])) / 2 for b in arc]
                line_y = [float(b["smoothed"]) for b in arc]
            else:
                k = window or max(3, len(ys) // 8)
                line_x = xs
                line_y = [_mean(ys[max(0, i - k // 2) : i + k // 2 + 1]) for i in range(len(ys))]
            ax.plot(line_x, line_y, color=s.colour, linewidth=1.8)
            continue
        per_doc = np.array(
            [[np.nan if v is None else v for v in _binned(by_id[i], "sentiment")] for i in ids], dtype=float
        )
        centres = [(b + 0.5) / POSITION_BINS for b in range(POSITION_BINS)]
        with np.errstate(all="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                mean = np.nanmean(per_doc, axis=0)
                lo, hi = np.nanpercentile(per_doc, [25, 75], axis=0)
        ax.fill_between(centres, lo, hi, color=s.colour, alpha=0.12 if len(series) > 1 else 0.2, linewidth=0)
        ax.plot(centres, mean, color=s.colour, linewidth=1.8, marker="o", markersize=3)
    ax.axhline(0, color="#444444", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (share of words)", fontsize=FONT_SIZE)
    ax.set_ylabel("sentence sentiment (-1..1)", fontsize=FONT_SIZE)
    _style(ax)
    _legend(fig, series)
    return fig


# -- sources ------------------------------------------------------------------------------------


def source_counts(record: Mapping[str, Any]) -> dict[str, int]:
    """Attributions to named and anonymous sources, and distancing ("loaded") cues, in one document."""
    items = record.get("attributions") or []
    return {
        "named sources": sum(1 for a in items if a.get("source_type") in NAMED_TYPES),
        "anonymous sources": sum(1 for a in items if a.get("source_type") == "anonymous"),
        "loaded cues": sum(1 for a in items if a.get("cue_class") == "distancing"),
    }


def canonical_speakers(record: Mapping[str, Any]) -> dict[str, str]:
    """Speaker name -> the name the record's ``actors`` block gives the same person or body.

    An attribution's own ``actor`` field wins when present. Otherwise a speaker that is an actor's
    name keeps it, and a speaker whose name ends one person actor's name, and only one, takes that
    name ("Biden" -> "Joe Biden"; pronoun sources already carry the speaker they were resolved to).
    Speakers without an actor keep their name.
    """
    actors = [a for a in record.get("actors") or [] if a.get("name")]
    names = {str(a["name"]) for a in actors}
    people = [str(a["name"]) for a in actors if a.get("type") in (None, "person")]
    out: dict[str, str] = {}
    speakers = [(a.get("speaker"), a.get("actor")) for a in record.get("attributions") or []]
    speakers += [(s.get("speaker"), s.get("actor")) for s in record.get("sources") or []]
    for who, actor in speakers:
        if not who:
            continue
        who = str(who)
        if actor:
            out[who] = str(actor)
        elif who in out:
            continue
        elif who in names:
            out[who] = who
        else:
            matches = [p for p in people if p.endswith(" " + who)]
            if len(matches) == 1:
                out[who] = matches[0]
    return out


def quoted_words_by_speaker(record: Mapping[str, Any]) -> dict[str, int]:
    """Speaker -> words quoted directly, from the ``sources`` block or else the attributions.

    Speakers are named as the record's actors name them (:func:`canonical_speakers`).
    """
    names = canonical_speakers(record)
    out: dict[str, int] = {}
    if record.get("sources"):
        for s in record["sources"]:
            if s.get("n_quoted_words"):
                who = names.get(str(s["speaker"]), str(s["speaker"]))
                out[who] = out.get(who, 0) + int(s["n_quoted_words"])
        return out
    for a in record.get("attributions") or []:
        if a.get("quoted_words"):
            who = a.get("speaker") or (a.get("source") or {}).get("text") or "unknown"
            who = names.get(str(who), str(who))
            out[who] = out.get(who, 0) + int(a["quoted_words"])
    return out


def sources_breakdown(data: Iterable[Any], *, colours: Mapping[str, str] | None = None, by: Any = None) -> Any:
    """Left: named sources, anonymous sources and loaded cues per document (the mean per document of
    each series); right: who is quoted, by words quoted directly, stacked by series."""
    records, series, by_id = _setup(data, colours, by)
    with_attr = {r["id"] for r in records if "attributions" in r}
    series = [s for s in series if any(i in with_attr for i in s.ids)]
    speakers: dict[str, dict[str, int]] = {}
    for k, s in enumerate(series):
        for i in s.ids:
            if i in with_attr:
                for who, n in quoted_words_by_speaker(by_id[i]).items():
                    speakers.setdefault(who, {}).setdefault(str(k), 0)
                    speakers[who][str(k)] += n
    top = sorted(speakers, key=lambda w: (-sum(speakers[w].values()), w))[:MAX_ROWS]
    fig = _figure(WIDTH_IN, max(2.8, 1.1 + 0.22 * max(len(top), 3 * max(1, len(series)) * 0.5)))
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.3])
    if not series:
        _unavailable(left, "attribution dimension not available")
        _unavailable(right, "attribution dimension not available")
        return fig
    cats = ["named sources", "anonymous sources", "loaded cues"]
    height = 0.8 / len(series)
    aggregated = any(len(s.ids) > 1 for s in series)
    for k, s in enumerate(series):
        counts = [source_counts(by_id[i]) for i in s.ids if i in with_attr]
        for c, cat in enumerate(cats):
            v = _mean([x[cat] for x in counts])
            y = len(cats) - 1 - c + 0.4 - height * (k + 0.5)
            left.barh(y, v, height=height * 0.95, color=s.colour)
            if len(series) <= 4:  # more bars than that leave no room for their values
                left.text(v, y, f" {v:.1f}" if aggregated else f" {int(v)}", va="center", fontsize=FONT_SIZE - 2)
    left.set_yticks(range(len(cats)))
    left.set_yticklabels(cats[::-1], fontsize=FONT_SIZE)
    left.set_xlabel("attributions per document" if aggregated else "attributions", fontsize=FONT_SIZE)
    left.set_title("sources and cues", fontsize=FONT_SIZE, loc="left")
    if top:
        for y, who in enumerate(reversed(top)):
            x = 0
            for k, s in enumerate(series):
                n = speakers[who].get(str(k), 0)
                if n:
                    right.barh(y, n, left=x, color=s.colour, height=0.7)
                    x += n
            right.text(x, y, f" {x}", va="center", fontsize=FONT_SIZE - 1)
        right.set_yticks(range(len(top)))
        right.set_yticklabels([_cut(w, 30) for w in reversed(top)], fontsize=FONT_SIZE)
        right.set_xlabel("words quoted directly (all documents)", fontsize=FONT_SIZE)
        right.set_title("who gets quoted", fontsize=FONT_SIZE, loc="left")
    else:
        _unavailable(right, "no direct quotes")
    for ax in (left, right):
        _style(ax)
    _legend(fig, series)
    return fig


# -- actors ---------------------------------------------------------------------------------------


def actor_rows(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``actors`` block as flat rows: name, type, role, mentions, sentiment (-1..1), n_quoted_words.

    ``mentions`` may be a count or a list of spans and ``sentiment`` a number or a mapping with a
    ``mean``: both are reduced to numbers here.
    """
    rows = []
    for a in record.get("actors") or []:
        mentions = a.get("n_mentions", a.get("mentions"))
        if isinstance(mentions, (list, tuple)):
            mentions = len(mentions)
        rows.append(
            {
                "name": str(a.get("name") or "?"),
                "type": a.get("type"),
                "role": a.get("role"),
                "mentions": int(mentions) if isinstance(mentions, (int, float)) else 0,
                "sentiment": _number(a.get("sentiment")),
                "n_quoted_words": int(a.get("n_quoted_words") or 0),
            }
        )
    return rows


def actor_table(data: Iterable[Any], by: Any = None) -> list[dict[str, Any]]:
    """Per actor and series: documents mentioning it, mentions, and the sentiment toward it (the mean
    over those documents of each document's sentiment toward the actor, as in :func:`framing.compare`).

    Rows ``{"actor", "series", "documents", "mentions", "sentiment"}``; ``series`` is a group name,
    a document label or "all N documents" (:func:`series_of`). Sorted by total mentions.
    """
    _, series, by_id = _setup(data, None, by)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for s in series:
        for i in s.ids:
            for a in actor_rows(by_id[i]):
                row = rows.setdefault(
                    (a["name"], s.label),
                    {"actor": a["name"], "series": s.label, "documents": 0, "mentions": 0, "_sum": 0.0, "_w": 0},
                )
                row["documents"] += 1
                row["mentions"] += a["mentions"]
                if a["sentiment"] is not None:
                    row["_sum"] += a["sentiment"]
                    row["_w"] += 1
    totals: dict[str, int] = {}
    for (name, _), row in rows.items():
        totals[name] = totals.get(name, 0) + row["mentions"]
    out = []
    for row in rows.values():
        row["sentiment"] = row.pop("_sum") / row["_w"] if row["_w"] else None
        row.pop("_w")
        out.append(row)
    order = {s.label: k for k, s in enumerate(series)}
    out.sort(key=lambda r: (-totals[r["actor"]], r["actor"], order[r["series"]]))
    return out


def actor_sentiment(data: Iterable[Any], *, colours: Mapping[str, str] | None = None, by: Any = None) -> Any:
    """Sentiment toward each actor (-1..1), one dot per series (the mean over its documents that
    mention the actor), sized by mentions."""
    records, series, _ = _setup(data, colours, by)
    rows = [r for r in actor_table(records, by) if r["sentiment"] is not None]
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["actor"]] = totals.get(r["actor"], 0) + r["mentions"]
    top = sorted(totals, key=lambda n: (-totals[n], n))[:MAX_ROWS]
    fig = _figure(WIDTH_IN, max(2.4, 1.0 + 0.26 * len(top)))
    ax = fig.add_subplot()
    if not top:
        message = "actors dimension not available" if not any("actors" in r for r in records) else "no actors found"
        _unavailable(ax, message)
        return fig
    colour_of = {s.label: s.colour for s in series}
    for y, name in enumerate(reversed(top)):
        ax.axhline(y, color="#dddddd", linewidth=0.5, zorder=0)
        for r in rows:
            if r["actor"] == name:
                size = 14 + 40 * min(r["mentions"], 40) ** 0.5
                ax.scatter([r["sentiment"]], [y], s=size, color=colour_of[r["series"]], alpha=0.8, zorder=2)
    ax.axvline(0, color="#444444", linewidth=0.6)
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(range(len(top)))
    ax.set_yticklabels([_cut(n, 30) for n in reversed(top)], fontsize=FONT_SIZE)
    ax.set_xlabel("sentiment toward the actor (-1..1); dot size = mentions", fontsize=FONT_SIZE)
    _style(ax)
    _legend(fig, series)
    return fig


# -- frames ------------------------------------------------------------------------------------


def frame_names(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """The ``frame_<slug>`` scores present, without the ``frame_`` prefix."""
    names: list[str] = []
    for r in records:
        for k in r["scores"]:
            if k.startswith("frame_") and k[6:] not in names:
                names.append(k[6:])
    return names


def frame_shares(data: Iterable[Any], *, colours: Mapping[str, str] | None = None, by: Any = None) -> Any:
    """Share of each issue frame: frames down, one bar per series (the mean share over its documents)."""
    records, series, by_id = _setup(data, colours, by)
    names = frame_names(records)

    def share(s: Series, n: str) -> float:
        return _mean([float(by_id[i]["scores"].get(f"frame_{n}", 0.0) or 0.0) for i in s.ids])

    used = [n for n in names if any(r["scores"].get(f"frame_{n}", 0) for r in records)]
    used.sort(key=lambda n: -sum(float(r["scores"].get(f"frame_{n}", 0) or 0) for r in records))
    used = used[:MAX_ROWS]
    fig = _figure(WIDTH_IN, max(2.4, 1.0 + len(used) * (min(0.12 * len(series), 0.7) + 0.14)))
    ax = fig.add_subplot()
    if not used:
        _unavailable(ax, "frames dimension not available" if not names else "no frame found in these documents")
        return fig
    height = 0.8 / len(series)
    for k, s in enumerate(series):
        for y, n in enumerate(reversed(used)):
            ax.barh(y + 0.4 - height * (k + 0.5), share(s, n), height=height * 0.95, color=s.colour)
    ax.set_yticks(range(len(used)))
    ax.set_yticklabels([n.replace("_", " ") for n in reversed(used)], fontsize=FONT_SIZE)
    ax.set_xlabel("frame share" + (" (mean over documents)" if any(len(s.ids) > 1 for s in series) else ""))
    ax.xaxis.label.set_size(FONT_SIZE)
    _style(ax)
    _legend(fig, series)
    return fig


# -- the forest plot of group differences -------------------------------------------------------


def forest(differences: Any, scores: Sequence[str] | None = None, *, max_rows: int = 40) -> Any:
    """Every group difference of ``scores`` (default: all in the table) with its interval.

    ``differences`` is :attr:`framing.Comparison.group_differences`. One panel per score, one row
    per pair ("A − B"): the difference as a dot, its interval as a line; significant rows (after
    the multiple-comparison adjustment) in colour and filled, the others grey and hollow; rows
    without an interval (groups too small) are named with a cross at the difference. At most
    ``max_rows`` rows per panel: the largest by absolute effect size, the number left out is said.
    """
    import math

    fig_rows: list[tuple[str, Any]] = []
    if differences is not None and len(differences):
        wanted = list(scores) if scores is not None else list(dict.fromkeys(differences["score"]))
        for name in wanted:
            sub = differences[differences["score"] == name]
            if len(sub):
                fig_rows.append((name, sub))
    if not fig_rows:
        fig = _figure(WIDTH_IN, 1.6)
        _unavailable(fig.add_subplot(), "no group differences to show (one group, or no grouping)")
        return fig
    n_rows = [min(len(sub), max_rows) for _, sub in fig_rows]
    ncols = 2 if len(fig_rows) > 1 else 1
    nrows = math.ceil(len(fig_rows) / ncols)
    per_row = [max(n_rows[k] for k in range(r * ncols, min(len(fig_rows), (r + 1) * ncols))) for r in range(nrows)]
    fig = _figure(WIDTH_IN, 0.5 + sum(0.7 + 0.16 * n for n in per_row))
    axes = fig.subplots(nrows, ncols, squeeze=False, height_ratios=[0.7 + 0.16 * n for n in per_row])
    for k, ax in enumerate(axes.flat):
        if k >= len(fig_rows):
            ax.set_axis_off()
            continue
        name, sub = fig_rows[k]
        effect = sub["effect_size"].abs().fillna(0) if "effect_size" in sub else sub["difference"].abs()
        shown = sub.assign(_e=effect).sort_values("_e", ascending=False, kind="stable").head(max_rows)
        shown = shown.sort_values(["difference"], kind="stable")
        labels = []
        for y, (_, d) in enumerate(shown.iterrows()):
            sig = bool(d.get("significant", False)) if d.get("significant") == d.get("significant") else False
            colour = SIGNIFICANT_COLOUR if sig else NOT_SIGNIFICANT_COLOUR
            lo, hi = _number(d.get("ci_low")), _number(d.get("ci_high"))
            diff = _number(d.get("difference"))
            if diff is None:
                continue
            if lo is not None and hi is not None:
                ax.plot([lo, hi], [y, y], color=colour, linewidth=1.6 if sig else 1.0, solid_capstyle="butt")
                ax.scatter(
                    [diff], [y], s=18, color=colour if sig else "white", edgecolors=colour, linewidths=1, zorder=3
                )
            else:
                ax.scatter([diff], [y], s=16, marker="x", color="#AAAAAA", linewidths=1, zorder=3)
            labels.append(_cut(f"{d['a']} − {d['b']}", 30))
        ax.axvline(0, color="#444444", linewidth=0.6)
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels(labels, fontsize=FONT_SIZE - 1.5)
        ax.set_ylim(-0.7, max(len(labels), 1) - 0.3)
        title = name if len(shown) == len(sub) else f"{name} ({len(sub) - len(shown)} smaller pairs not shown)"
        ax.set_title(title, fontsize=FONT_SIZE, loc="left")
        _style(ax)
        ax.tick_params(axis="x", labelsize=FONT_SIZE - 1)
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color=SIGNIFICANT_COLOUR, marker="o", linewidth=1.6, label="significant after adjustment"),
        Line2D([], [], color=NOT_SIGNIFICANT_COLOUR, marker="o", markerfacecolor="white", label="not significant"),
        Line2D([], [], color="#AAAAAA", marker="x", linestyle="none", label="group too small: no interval"),
    ]
    fig.legend(handles=handles, loc="outside upper center", ncols=3, fontsize=FONT_SIZE, frameon=False)
    return fig


#: Every chart function of documents, in the order the report shows them (each takes ``colours=`` and ``by=``).
CHARTS: tuple[Callable[..., Any], ...] = (
    profile,
    editorial_strip,
    sentiment_arc,
    sources_breakdown,
    actor_sentiment,
    frame_shares,
)
