"""Charts for comparing documents, each a function that takes data and returns a matplotlib Figure.

Every function takes :class:`~framing.results.Analysis` objects or their ``to_dict()`` records.
One colour per document throughout (:func:`document_colours`, the Okabe-Ito palette, which stays
distinguishable under the common colour-vision deficiencies). Figures are built without pyplot's
global state, on the Agg canvas, so library use never opens a window. When the dimension a chart
needs is absent, the chart says so in place of the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .compare import as_records

__all__ = [
    "CHARTS",
    "EDITORIAL_CMAP",
    "HEADLINE_SCORES",
    "OKABE_ITO",
    "PALETTE",
    "actor_rows",
    "actor_sentiment",
    "document_colours",
    "editorial_colour",
    "editorial_strip",
    "frame_shares",
    "profile",
    "sentiment_arc",
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
#: Most actors, speakers and frames one chart shows.
MAX_ROWS = 12
LABEL_CHARS = 26
FONT_SIZE = 8
WIDTH_IN = 7.2
#: Source types counted as named sources in the sources chart.
NAMED_TYPES = ("person", "organization", "document", "media")


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def short_label(record: Mapping[str, Any], n: int = LABEL_CHARS) -> str:
    """The document id, cut to ``n`` characters for axis labels and legends."""
    ident = str(record["id"])
    return ident if len(ident) <= n else ident[: n - 1] + "…"


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
    palette repeats after that.
    """
    out: dict[str, str] = {}
    for item in items:
        ident = item if isinstance(item, str) else (item["id"] if isinstance(item, Mapping) else item.id)
        if ident not in out:
            out[ident] = PALETTE[len(out) % len(PALETTE)]
    return out


def editorial_colour(score: float) -> tuple[float, float, float, float]:
    """RGBA of a sentence editorial score (0..1) on :data:`EDITORIAL_CMAP`."""
    from matplotlib import colormaps

    return tuple(colormaps[EDITORIAL_CMAP](min(1.0, max(0.0, float(score)))))  # type: ignore[return-value]


def _unavailable(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT_SIZE + 1, color="#555555", wrap=True)
    ax.set_axis_off()


def _legend(fig: Any, records: Sequence[Mapping[str, Any]], colours: Mapping[str, str]) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=colours[r["id"]], label=short_label(r)) for r in records]
    fig.legend(
        handles=handles, loc="outside upper center", ncols=min(3, len(handles)), fontsize=FONT_SIZE, frameon=False
    )


def _setup(data: Iterable[Any], colours: Mapping[str, str] | None) -> tuple[list[dict[str, Any]], dict[str, str]]:
    records = as_records(data)
    return records, dict(colours) if colours is not None else document_colours(records)


def profile(
    data: Iterable[Any], scores: Sequence[str] | None = None, *, colours: Mapping[str, str] | None = None
) -> Any:
    """Small multiples: one panel per score, one bar per document, the value written at the bar."""
    records, colours = _setup(data, colours)
    wanted = list(scores) if scores is not None else list(HEADLINE_SCORES)
    present = [s for s in wanted if any(s in r["scores"] for r in records)]
    ncols = 3
    nrows = max(1, -(-len(present) // ncols))
    fig = _figure(WIDTH_IN, 0.35 + 0.25 * (-(-len(records) // 3)) + nrows * (min(0.28 * len(records), 2.0) + 0.55))
    if not present:
        _unavailable(fig.add_subplot(), "none of the profile scores is available")
        return fig
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= len(present):
            ax.set_axis_off()
            continue
        name = present[k]
        values = [r["scores"].get(name) for r in records]
        ys = list(range(len(records)))[::-1]
        for y, r, v in zip(ys, records, values):
            if v is None:
                ax.text(0, y, " n/a", va="center", fontsize=FONT_SIZE - 1, color="#777777")
                continue
            ax.barh(y, v, color=colours[r["id"]], height=0.7)
            ax.text(v, y, f" {v:.2f}", va="center", ha="left" if v >= 0 else "right", fontsize=FONT_SIZE - 1)
        finite = [v for v in values if v is not None]
        lo, hi = min([0.0, *finite]), max([0.0, *finite])
        span = (hi - lo) or 1.0
        ax.set_xlim(lo - (0.35 * span if lo < 0 else 0), hi + 0.35 * span)
        ax.axvline(0, color="#444444", linewidth=0.6)
        ax.set_yticks([])
        ax.set_title(name, fontsize=FONT_SIZE, loc="left")
        ax.tick_params(labelsize=FONT_SIZE - 1)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    _legend(fig, records, colours)
    return fig


def _word_positions(record: Mapping[str, Any]) -> list[tuple[float, float]]:
    """(start, width) of each sentence along the article, as shares of its words (0..1)."""
    words = [max(1.0, float(s.get("scores", {}).get("words", len(s["text"].split())))) for s in record["sentences"]]
    total = sum(words) or 1.0
    out, pos = [], 0.0
    for w in words:
        out.append((pos / total, w / total))
        pos += w
    return out


def editorial_strip(data: Iterable[Any], *, colours: Mapping[str, str] | None = None) -> Any:
    """One strip per document, one cell per sentence (width = its words), shaded by editorial score.

    The most editorial sentence of each document is marked with a triangle above its cell.
    """
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    records, colours = _setup(data, colours)
    fig = _figure(WIDTH_IN, 0.9 + 0.45 * len(records))
    ax = fig.add_subplot()
    has = any("editorial" in s.get("scores", {}) for r in records for s in r["sentences"])
    if not has:
        _unavailable(ax, "editorial dimension not available: no sentence editorial scores")
        return fig
    for row, r in enumerate(records):
        y = len(records) - 1 - row
        best, best_x = -1.0, None
        for (x, w), s in zip(_word_positions(r), r["sentences"]):
            v = s.get("scores", {}).get("editorial")
            colour = editorial_colour(v) if v is not None else (0.85, 0.85, 0.85, 1.0)
            ax.add_patch(_rect(x, y - 0.35, w, 0.7, colour))
            if v is not None and v > best:
                best, best_x = v, x + w / 2
        if best_x is not None:
            ax.plot([best_x], [y + 0.47], marker="v", color=colours[r["id"]], markersize=6, clip_on=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, len(records) - 0.4)
    ax.set_yticks(range(len(records)))
    ax.set_yticklabels([short_label(r) for r in reversed(records)], fontsize=FONT_SIZE)
    for tick, r in zip(ax.get_yticklabels(), reversed(records)):
        tick.set_color(colours[r["id"]])
    ax.set_xlabel("position in the article (share of words)", fontsize=FONT_SIZE)
    ax.tick_params(labelsize=FONT_SIZE)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    bar = fig.colorbar(
        ScalarMappable(norm=Normalize(0, 1), cmap=colormaps[EDITORIAL_CMAP]), ax=ax, fraction=0.04, pad=0.01
    )
    bar.set_label("sentence editorial score", fontsize=FONT_SIZE)
    bar.ax.tick_params(labelsize=FONT_SIZE - 1)
    return fig


def _rect(x: float, y: float, w: float, h: float, colour: Any) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=colour, edgecolor="white", linewidth=0.3)


def sentiment_arc(data: Iterable[Any], *, window: int | None = None, colours: Mapping[str, str] | None = None) -> Any:
    """Sentence sentiment (-1..1) along each article: dots per sentence, a line for the arc.

    The line is the document's ``sentiment_arc`` block (smoothed decile means) when present, else a
    moving mean over ``window`` sentences (default: an eighth of the document, at least 3).
    """
    records, colours = _setup(data, colours)
    fig = _figure(WIDTH_IN, 3.0)
    ax = fig.add_subplot()
    with_sentiment = [r for r in records if any("sentiment" in s.get("scores", {}) for s in r["sentences"])]
    if not with_sentiment:
        _unavailable(ax, "sentiment dimension not available: no sentence sentiment scores")
        return fig
    for r in with_sentiment:
        xs, ys = [], []
        for (x, w), s in zip(_word_positions(r), r["sentences"]):
            v = s.get("scores", {}).get("sentiment")
            if v is not None:
                xs.append(x + w / 2)
                ys.append(float(v))
        colour = colours[r["id"]]
        ax.scatter(xs, ys, s=9, color=colour, alpha=0.45, linewidths=0)
        arc = [b for b in r.get("sentiment_arc") or [] if _number(b.get("smoothed")) is not None]
        if arc and window is None:
            line_x = [(float(b["start"]) + float(b["end"])) / 2 for b in arc]
            line_y = [float(b["smoothed"]) for b in arc]
        else:
            k = window or max(3, len(ys) // 8)
            line_x = xs
            line_y = [_mean(ys[max(0, i - k // 2) : i + k // 2 + 1]) for i in range(len(ys))]
        ax.plot(line_x, line_y, color=colour, linewidth=1.8, label=short_label(r))
    ax.axhline(0, color="#444444", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (share of words)", fontsize=FONT_SIZE)
    ax.set_ylabel("sentence sentiment (-1..1)", fontsize=FONT_SIZE)
    ax.tick_params(labelsize=FONT_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _legend(fig, with_sentiment, colours)
    return fig


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def source_counts(record: Mapping[str, Any]) -> dict[str, int]:
    """Attributions to named and anonymous sources, and distancing ("loaded") cues, in one document."""
    items = record.get("attributions") or []
    return {
        "named sources": sum(1 for a in items if a.get("source_type") in NAMED_TYPES),
        "anonymous sources": sum(1 for a in items if a.get("source_type") == "anonymous"),
        "loaded cues": sum(1 for a in items if a.get("cue_class") == "distancing"),
    }


def quoted_words_by_speaker(record: Mapping[str, Any]) -> dict[str, int]:
    """Speaker -> words quoted directly, from the ``sources`` block or else the attributions."""
    out: dict[str, int] = {}
    if record.get("sources"):
        for s in record["sources"]:
            if s.get("n_quoted_words"):
                out[str(s["speaker"])] = out.get(str(s["speaker"]), 0) + int(s["n_quoted_words"])
        return out
    for a in record.get("attributions") or []:
        if a.get("quoted_words"):
            who = a.get("speaker") or (a.get("source") or {}).get("text") or "unknown"
            out[str(who)] = out.get(str(who), 0) + int(a["quoted_words"])
    return out


def sources_breakdown(data: Iterable[Any], *, colours: Mapping[str, str] | None = None) -> Any:
    """Left: named sources, anonymous sources and loaded cues per document; right: who is quoted, by words."""
    records, colours = _setup(data, colours)
    with_attr = [r for r in records if "attributions" in r]
    speakers: dict[str, dict[str, int]] = {}
    for r in with_attr:
        for who, n in quoted_words_by_speaker(r).items():
            speakers.setdefault(who, {})[r["id"]] = n
    top = sorted(speakers, key=lambda w: (-sum(speakers[w].values()), w))[:MAX_ROWS]
    fig = _figure(WIDTH_IN, max(2.6, 0.9 + 0.24 * max(len(top), min(3 * len(records) / 2, 14))))
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.3])
    if not with_attr:
        _unavailable(left, "attribution dimension not available")
        _unavailable(right, "attribution dimension not available")
        return fig
    cats = ["named sources", "anonymous sources", "loaded cues"]
    height = 0.8 / len(with_attr)
    for i, r in enumerate(with_attr):
        counts = source_counts(r)
        for c, cat in enumerate(cats):
            y = len(cats) - 1 - c + 0.4 - height * (i + 0.5)
            left.barh(y, counts[cat], height=height * 0.95, color=colours[r["id"]])
            left.text(counts[cat], y, f" {counts[cat]}", va="center", fontsize=FONT_SIZE - 1)
    left.set_yticks(range(len(cats)))
    left.set_yticklabels(cats[::-1], fontsize=FONT_SIZE)
    left.set_xlabel("attributions", fontsize=FONT_SIZE)
    left.set_title("sources and cues", fontsize=FONT_SIZE, loc="left")
    if top:
        for y, who in enumerate(reversed(top)):
            x = 0
            for r in with_attr:
                n = speakers[who].get(r["id"], 0)
                if n:
                    right.barh(y, n, left=x, color=colours[r["id"]], height=0.7)
                    x += n
            right.text(x, y, f" {x}", va="center", fontsize=FONT_SIZE - 1)
        right.set_yticks(range(len(top)))
        right.set_yticklabels([_cut(w, 30) for w in reversed(top)], fontsize=FONT_SIZE)
        right.set_xlabel("words quoted directly", fontsize=FONT_SIZE)
        right.set_title("who gets quoted", fontsize=FONT_SIZE, loc="left")
    else:
        _unavailable(right, "no direct quotes")
    for ax in (left, right):
        ax.tick_params(labelsize=FONT_SIZE)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    _legend(fig, with_attr, colours)
    return fig


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _number(value: Any) -> float | None:
    if isinstance(value, Mapping):
        value = value.get("mean", value.get("score"))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    return float(value)


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


def actor_sentiment(data: Iterable[Any], *, colours: Mapping[str, str] | None = None) -> Any:
    """Sentiment toward each actor (-1..1), one dot per document, sized by mentions."""
    records, colours = _setup(data, colours)
    with_actors = [r for r in records if r.get("actors")]
    table: dict[str, dict[str, tuple[float, int]]] = {}
    for r in with_actors:
        for a in actor_rows(r):
            if a["sentiment"] is not None:
                table.setdefault(a["name"], {})[r["id"]] = (a["sentiment"], max(1, a["mentions"]))
    top = sorted(table, key=lambda n: (-sum(m for _, m in table[n].values()), n))[:MAX_ROWS]
    fig = _figure(WIDTH_IN, max(2.2, 0.9 + 0.26 * len(top)))
    ax = fig.add_subplot()
    if not top:
        message = "actors dimension not available" if not any("actors" in r for r in records) else "no actors found"
        _unavailable(ax, message)
        return fig
    for y, name in enumerate(reversed(top)):
        ax.axhline(y, color="#dddddd", linewidth=0.5, zorder=0)
        for r in with_actors:
            if r["id"] in table[name]:
                v, m = table[name][r["id"]]
                ax.scatter([v], [y], s=18 + 10 * min(m, 20), color=colours[r["id"]], alpha=0.85, zorder=2)
    ax.axvline(0, color="#444444", linewidth=0.6)
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(range(len(top)))
    ax.set_yticklabels([_cut(n, 30) for n in reversed(top)], fontsize=FONT_SIZE)
    ax.set_xlabel("sentiment toward the actor (-1..1); dot size = mentions", fontsize=FONT_SIZE)
    ax.tick_params(labelsize=FONT_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _legend(fig, with_actors, colours)
    return fig


def frame_names(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """The ``frame_<slug>`` scores present, without the ``frame_`` prefix."""
    names: list[str] = []
    for r in records:
        for k in r["scores"]:
            if k.startswith("frame_") and k[6:] not in names:
                names.append(k[6:])
    return names


def frame_shares(data: Iterable[Any], *, colours: Mapping[str, str] | None = None) -> Any:
    """Share of each issue frame per document: frames down, one bar per document."""
    records, colours = _setup(data, colours)
    names = frame_names(records)
    used = [n for n in names if any(r["scores"].get(f"frame_{n}", 0) for r in records)]
    used.sort(key=lambda n: -sum(float(r["scores"].get(f"frame_{n}", 0)) for r in records))
    used = used[:MAX_ROWS]
    fig = _figure(WIDTH_IN, max(2.2, 0.8 + len(used) * (min(0.12 * len(records), 0.7) + 0.12)))
    ax = fig.add_subplot()
    if not used:
        _unavailable(ax, "frames dimension not available" if not names else "no frame found in these documents")
        return fig
    height = 0.8 / len(records)
    for i, r in enumerate(records):
        for y, n in enumerate(reversed(used)):
            v = float(r["scores"].get(f"frame_{n}", 0.0))
            ax.barh(y + 0.4 - height * (i + 0.5), v, height=height * 0.95, color=colours[r["id"]])
    ax.set_yticks(range(len(used)))
    ax.set_yticklabels([n.replace("_", " ") for n in reversed(used)], fontsize=FONT_SIZE)
    ax.set_xlabel("frame share", fontsize=FONT_SIZE)
    ax.tick_params(labelsize=FONT_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _legend(fig, records, colours)
    return fig


#: Every chart function, in the order the report shows them.
CHARTS = (profile, editorial_strip, sentiment_arc, sources_breakdown, actor_sentiment, frame_shares)
