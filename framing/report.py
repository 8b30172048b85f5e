"""The PDF report: findings first, then the comparison tables and charts, optional document
sections, and a short methodology.

Page 1 says in plain words what differs between the groups (with intervals, effect sizes and
multiple-comparison-adjusted p-values from :func:`framing.compare`) and what does not. Charts draw
one series per group (or per document up to eight documents, else the corpus): see
:func:`framing.plots.series_of`. Per-document sections are optional (``documents=``).

:func:`build_pdf` typesets with reportlab in DejaVu Sans (the Unicode TrueType font that ships
inside matplotlib), so curly quotes, dashes, accented names, Hebrew and Arabic render. Right-to-left
text is put in visual order with python-bidi (Arabic letters joined with arabic-reshaper) when those
are installed; characters the font has no glyph for (most emoji, CJK) are replaced by a visible,
named placeholder instead of an empty box. Every piece of document text, metadata, speaker name and
table cell is escaped before it reaches reportlab's paragraph markup: a document containing ``<b>``,
``&``, ``<font>`` or ``<para>`` renders literally. The output is byte-for-byte deterministic apart
from the one timestamp printed on page 1 (reportlab's invariant mode; pass ``timestamp`` to fix that
too).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from . import __version__
from .compare import Comparison, as_records, compare, title_of
from .plots import (
    HEADLINE_SCORES,
    MAX_SERIES,
    _bidi_tools,
    actor_rows,
    actor_sentiment,
    actor_table,
    canonical_speakers,
    document_colours,
    editorial_colour,
    editorial_strip,
    forest,
    frame_shares,
    glyph_name,
    has_rtl,
    profile,
    replace_missing,
    sentiment_arc,
    series_of,
    sources_breakdown,
    visible_text,
)

__all__ = ["DEFAULT_DOCUMENTS", "build_pdf", "markup_paragraph", "methodology_text", "shade", "visible_text"]

#: Share of the editorial colour mixed into white behind a sentence (keeps black text readable).
SHADE_STRENGTH = 0.55
#: Per-document sections by default: ``"auto"`` = every document when there are at most
#: :data:`AUTO_DOCUMENTS`, none otherwise (``"all"``, ``"none"`` or a number N choose them).
DEFAULT_DOCUMENTS = "auto"
AUTO_DOCUMENTS = 3
#: Most rows of a document's sources table; the rest are counted.
MAX_SOURCE_ROWS = 30
#: Scores the findings, forest plot and differences table lead with, in this order, when compared.
MAIN_SCORES = (
    "editorial",
    "sentiment",
    "quoted_word_share",
    "anonymous_source_share",
    "loaded_per_100_words",
    "attributions_per_100_words",
    "actor_sentiment",
    "subjectivity",
)
#: Names of the multiple-comparison adjustments of :func:`framing.compare`.
ADJUSTMENT_NAMES = {
    "bh": "Benjamini–Hochberg",
    "fdr_bh": "Benjamini–Hochberg",
    "holm": "Holm",
    "by": "Benjamini–Yekutieli",
}
#: Panels of the forest plot (the first main scores compared).
FOREST_SCORES = 4
#: Findings stated in words on page 1 (the largest effects); the rest are in the table.
MAX_FINDINGS = 8
#: Most rows of the group differences table (sorted by adjusted p-value); the rest are counted.
MAX_DIFFERENCE_ROWS = 40
#: Most rows of the documents table before it lists only the extremes.
MAX_DOCUMENT_ROWS = 60
#: Actors in the per-actor table.
MAX_ACTOR_TABLE = 15
#: Scores that count things: printed as whole numbers for a document.
COUNT_SCORES = ("n_words", "n_sentences", "n_sources", "n_actors", "n_documents")
#: Columns of the documents table, when present.
DOCUMENT_COLUMNS = ("editorial", "sentiment", "quoted_word_share", "anonymous_source_share", "loaded_per_100_words")
#: Editorial evidence printed in bold: at least this weight, and not one of the diffuse word-level signals.
MARKED_EVIDENCE_WEIGHT = 0.1
UNMARKED_EDITORIAL_LABELS = ("word", "evaluative")
#: Most rows of a document's actors table (the most mentioned); the rest are named in one line.
MAX_ACTOR_ROWS = 20
#: A4 in points, and the page margin: the text frame is FRAME_WIDTH points wide.
A4_SIZE = (595.2756, 841.8898)
MARGIN = 1.8 * 72 / 2.54
_FRAME_WIDTH = A4_SIZE[0] - 2 * MARGIN
#: Tallest chart on the page (points), leaving room for its heading and caption.
MAX_IMAGE_HEIGHT = A4_SIZE[1] - 2 * MARGIN - 90
#: Image resolution of the charts.
CHART_DPI = 150
#: Dimensions a full report expects; missing ones are named on page 1.
EXPECTED_DIMENSIONS = ("editorial", "sentiment", "attribution", "actors", "frames", "readability")
QUOTE_COLOUR = "#0B5394"
SPEAKER_COLOUR = "#0072B2"
EVIDENCE_COLOUR = "#7A1F00"
PLACEHOLDER_COLOUR = "#8A5A00"
MUTED = "#555555"
CLOSING_QUOTES = "”\"»'’"


# -- fonts and styles ---------------------------------------------------------------------------

FONT = "DejaVuSans"
MONO = "DejaVuSansMono"


def _font_folder() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) and Mono from matplotlib's data."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = _font_folder()
    files = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
        MONO: "DejaVuSansMono.ttf",
    }
    for name, file in files.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, f"{FONT}-Bold")
    addMapping(FONT, 0, 1, f"{FONT}-Oblique")
    addMapping(FONT, 1, 1, f"{FONT}-BoldOblique")
    for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping(MONO, bold, italic, MONO)


def _placeholder(cluster: str) -> str:
    """A visible stand-in (markup) for characters the font cannot draw."""
    text = glyph_name(cluster)
    return f'<font color="{PLACEHOLDER_COLOUR}" size="6.5">[{escape(text)}]</font>' if text else ""


def _with_placeholders(markup: str) -> str:
    """``markup`` (already escaped) with each run of undrawable characters replaced by its placeholder."""
    return replace_missing(markup, _placeholder)


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=13)
    bold = f"{FONT}-Bold"
    return {
        "body": base,
        "finding": ParagraphStyle("finding", parent=base, fontSize=9.5, leading=13.5, leftIndent=10, spaceAfter=3),
        "doc": ParagraphStyle("doc", parent=base, fontSize=9.5, leading=15, spaceAfter=6),
        "doc_rtl": ParagraphStyle("doc_rtl", parent=base, fontSize=9.5, leading=15, spaceAfter=6, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
        "cellb": ParagraphStyle("cellb", parent=base, fontSize=7.5, leading=9.2, fontName=bold),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=11, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=18, leading=23, spaceAfter=2),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=15, leading=19, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4, keepWithNext=1
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=bold, fontSize=9.5, leading=13, spaceBefore=6, spaceAfter=2, keepWithNext=1
        ),
        "code": ParagraphStyle("code", parent=base, fontName=MONO, fontSize=7, leading=8.6),
        "callout": ParagraphStyle(
            "callout",
            parent=base,
            fontSize=9,
            leading=13,
            borderPadding=5,
            borderWidth=0.6,
            borderColor="#999999",
            spaceBefore=4,
            spaceAfter=8,
        ),
    }


# -- helpers ------------------------------------------------------------------------------------


#: Longest unbroken run of characters a table cell or label shows; a longer one (an inline image,
#: a hash) is cut with an ellipsis, so that no table row grows taller than a page.
MAX_TOKEN_CHARS = 100
_LONG_TOKEN_RE = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def _e(value: Any) -> str:
    """Any value as paragraph markup: right-to-left runs in visual order, escaped, undrawable
    characters replaced by a visible placeholder; any run longer than :data:`MAX_TOKEN_CHARS` cut."""
    text = str(value)
    if len(text) > MAX_TOKEN_CHARS:
        text = _LONG_TOKEN_RE.sub(lambda m: m.group()[:MAX_TOKEN_CHARS] + "…", text)
    return _with_placeholders(escape(visible_text(text)))


def _name(value: Any) -> str:
    """A score or column name for a table cell: words separated by spaces, so it wraps between them."""
    return _e(str(value).replace("_", " "))


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb[:3])


def _tint(colour: str, share: float = 0.6) -> str:
    """``colour`` mixed with white, light enough for black text on it."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return _hex([c + (1 - c) * share for c in rgb])


def shade(score: float) -> str:
    """Background colour (hex) behind a sentence with editorial ``score`` (0..1): light, readable."""
    r, g, b, _ = editorial_colour(score)
    a = SHADE_STRENGTH
    return _hex((1 - a + a * r, 1 - a + a * g, 1 - a + a * b))


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    if value != value:
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _fmt_score(name: str, value: Any) -> str:
    """A document's score: counts as whole numbers, everything else with two decimals."""
    if name in COUNT_SCORES and value is not None and value == value:
        return f"{round(float(value)):,}"
    return _fmt(value)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _signed(value: Any) -> str:
    text = _fmt(value)
    return text if text.startswith(("-", "–")) else "+" + text


def _p(value: Any) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    if v != v:
        return "–"
    return "< 0.001" if v < 0.001 else f"{v:.3f}"


def _timestamp(value: str | datetime | None) -> str:
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, str):
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _png(fig: Any, max_height: float = MAX_IMAGE_HEIGHT) -> Any:
    """A reportlab Image of a matplotlib figure, scaled to the frame width (and ``max_height``)."""
    from reportlab.platypus import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=CHART_DPI, metadata={"Software": None})
    width_in, height_in = fig.get_size_inches()
    buf.seek(0)
    img = Image(buf)
    scale = min(1.0, max_height / (_FRAME_WIDTH * height_in / width_in))
    img.drawWidth = _FRAME_WIDTH * scale
    img.drawHeight = _FRAME_WIDTH * height_in / width_in * scale
    img.hAlign = "LEFT"
    return img


def _plain(markup: str) -> str:
    return re.sub(r"<[^>]*>", "", markup)


def _widths(rows: Sequence[Sequence[str]], total: float, *, fixed: Mapping[int, float] | None = None) -> list[float]:
    """Column widths (points) summing to ``total`` for rows of cell markup (row 0 = the header).

    Every column is at least as wide as its longest word (header words in bold), so no word is
    split; the rest of the width goes to the columns with the most text.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pad = 7.0
    n = max(len(r) for r in rows)
    need, want = [0.0] * n, [0.0] * n
    for k, row in enumerate(rows):
        font = f"{FONT}-Bold" if k == 0 else FONT
        for j, cell in enumerate(row):
            text = _plain(cell)
            words = text.split()
            longest = max((stringWidth(w, font, 7.5) for w in words), default=0.0)
            # a word longer than a third of the table (a URL, an inline image) is split, not given the table
            need[j] = max(need[j], min(longest, total / 3) + pad)
            if k > 0 or len(rows) == 1:  # a header may wrap between its words
                want[j] = max(want[j], min(stringWidth(text, font, 7.5), 220) + pad)
    want = [max(w, n) for w, n in zip(want, need)]
    for j, w in (fixed or {}).items():
        need[j] = want[j] = w
    if sum(need) >= total:
        return [w * total / sum(need) for w in need]
    extra = total - sum(need)
    grow = [max(0.0, want[j] - need[j]) if j not in (fixed or {}) else 0.0 for j in range(n)]
    if sum(grow) <= 0:
        free = [j for j in range(n) if j not in (fixed or {})] or list(range(n))
        return [need[j] + (extra / len(free) if j in free else 0) for j in range(n)]
    if sum(grow) <= extra:
        out = [need[j] + grow[j] for j in range(n)]
        free = [j for j in range(n) if j not in (fixed or {})] or list(range(n))
        left = total - sum(out)
        return [out[j] + (left / len(free) if j in free else 0) for j in range(n)]
    return [need[j] + extra * grow[j] / sum(grow) for j in range(n)]


def _table(
    rows: list[list[str]],
    st: Mapping[str, Any],
    *,
    widths: Sequence[float] | None = None,
    fixed: Mapping[int, float] | None = None,
    header: bool = True,
    extra: Sequence[Any] = (),
    total: float = _FRAME_WIDTH,
) -> Any:
    """A table of cell markup strings (row 0 the header), wrapped in Paragraphs, widths fitted to the words."""
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, Paragraph, TableStyle

    widths = list(widths) if widths is not None else _widths(rows, total, fixed=fixed)
    cells = [
        [Paragraph(c, st["cellb" if (header and k == 0) else "cell"]) if isinstance(c, str) else c for c in row]
        for k, row in enumerate(rows)
    ]
    table = LongTable(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#888888")),
        ]
    table.setStyle(TableStyle([*style, *extra]))
    return table


# -- the document text, marked up ---------------------------------------------------------------


def _paragraph_ranges(record: Mapping[str, Any]) -> list[tuple[int, int, list[Mapping[str, Any]]]]:
    """(start, end, sentences) of each paragraph that has sentences, in order."""
    out: list[tuple[int, int, list[Mapping[str, Any]]]] = []
    for s in record["sentences"]:
        if out and s["paragraph"] == out[-1][2][-1]["paragraph"]:
            start, _, sents = out[-1]
            out[-1] = (start, int(s["end"]), [*sents, s])
        else:
            out.append((int(s["start"]), int(s["end"]), [s]))
    return out


def _quote_spans(record: Mapping[str, Any]) -> tuple[list[tuple[int, int]], dict[int, list[str]]]:
    """Directly quoted content spans, and speaker tags keyed by the offset they follow."""
    spans: list[tuple[int, int]] = []
    tags: dict[int, list[str]] = {}
    text = record["text"]
    names = canonical_speakers(record)
    for a in record.get("attributions") or []:
        if a.get("type") not in ("direct", "mixed"):
            continue
        content = [c for c in a.get("content") or [] if c]
        if a.get("type") == "mixed":
            content = [c for c in content if _is_quoted(text, c["start"], c["end"])]
        if not content:
            continue
        for c in content:
            spans.append((int(c["start"]), int(c["end"])))
        end = max(int(c["end"]) for c in content)
        while end < len(text) and text[end] in CLOSING_QUOTES + ".,;:!?":
            end += 1
            if text[end - 1] in CLOSING_QUOTES:
                break
        who = a.get("speaker") or (a.get("source") or {}).get("text") or "unattributed"
        who = names.get(who, who)
        if who not in tags.get(end, []):
            tags.setdefault(end, []).append(str(who))
    return spans, tags


def _is_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return before in '“"«' or after in '”"»'


def _before_space(text: str, x: int, floor: int) -> int:
    while x > floor and text[x - 1] in " \t":
        x -= 1
    return x


def markup_paragraph(
    record: Mapping[str, Any],
    start: int,
    end: int,
    *,
    bold: Sequence[tuple[int, int]] = (),
    underline: Sequence[tuple[int, int]] = (),
    quoted: Sequence[tuple[int, int]] = (),
    tags: Mapping[int, Sequence[str]] | None = None,
    sentence_shades: Mapping[int, str] | None = None,
) -> str:
    """Reportlab markup for ``text[start:end]``: every character escaped, styles as non-nested runs.

    ``sentence_shades`` maps sentence index to a background colour; ``bold``/``underline``/``quoted``
    are character spans; ``tags[offset]`` are speaker names shown after that offset.
    """
    text = record["text"]
    tags = tags or {}
    shades = sentence_shades or {}
    sentences = [(int(s["start"]), int(s["end"]), int(s["index"])) for s in record["sentences"]]
    sentences = [s for s in sentences if s[1] > start and s[0] < end]
    cuts = {start, end}
    for group in (bold, underline, quoted, [(a, b) for a, b, _ in sentences]):
        for a, b in group:
            cuts.update(x for x in (a, b) if start < x < end)
    sentence_cuts = {x for a, b, _ in sentences for x in (a, b)}
    # A style change right after white space moves before it: the space then belongs to the next
    # run, so sentence shading has no gap there (reportlab shades each run from its first glyph).
    cuts = {_before_space(text, x, start) if x not in sentence_cuts else x for x in cuts}
    cuts.update(x for x in tags if start < x <= end)
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = text[a:b].replace("\r", "").replace("\n", " ")
        if piece:
            # styles are uniform over a run apart from its leading spaces: probe its first other character
            p = a
            while p < b - 1 and text[p] in " \t":
                p += 1
            bg = next((shades.get(i) for s0, s1, i in sentences if s0 <= a and b <= s1), None)
            is_bold = any(s0 <= p < s1 for s0, s1 in bold)
            is_under = any(s0 <= p < s1 for s0, s1 in underline)
            is_quote = any(s0 <= p < s1 for s0, s1 in quoted)
            opening, closing = [], []
            if bg:
                opening.append(f'<font backColor="{bg}">')
                closing.insert(0, "</font>")
            if is_quote:
                opening.append(f'<font color="{QUOTE_COLOUR}">')
                closing.insert(0, "</font>")
            if is_bold:
                opening.append(f'<b><font color="{EVIDENCE_COLOUR}">')
                closing.insert(0, "</font></b>")
            if is_under:
                opening.append("<u>")
                closing.insert(0, "</u>")
            # leading spaces carry the sentence shading, quote colour and bold, never the underline:
            # an underlined cue starts on its first letter, not on the space before it
            lead = len(piece) - len(piece.lstrip(" \t"))
            # (a no-break space, which reportlab shades like any glyph, so the sentence shading has no gap)
            if lead and is_under and lead < len(piece):
                plain_open = opening[: int(bool(bg)) + int(is_quote) + int(is_bold)]
                plain_close = closing[len(closing) - len(plain_open) :] if plain_open else []
                out.append("".join(plain_open) + "\u00a0" * lead + "".join(plain_close))
                piece = piece[lead:]
            out.append("".join(opening) + _with_placeholders(escape(piece)) + "".join(closing))
        for who in tags.get(b, ()):
            out.append(f' <font size="7" color="{SPEAKER_COLOUR}"><b>[{_e(who)}]</b></font> ')
    return "".join(out)


# -- page 1: the findings ------------------------------------------------------------------------


def _present_dimensions(records: Sequence[Mapping[str, Any]]) -> dict[str, bool]:
    scores = {k for r in records for k in r["scores"]}
    sent = {k for r in records for s in r["sentences"] for k in s.get("scores", {})}
    return {
        "editorial": "editorial" in scores or "editorial" in sent,
        "sentiment": "sentiment" in scores or "sentiment" in sent,
        "attribution": any("attributions" in r for r in records),
        "actors": any("actors" in r for r in records),
        "frames": any(k.startswith("frame_") for k in scores),
        "readability": "flesch_reading_ease" in scores,
    }


def _dates_line(records: Sequence[Mapping[str, Any]]) -> str | None:
    """ "Dates: A to B", "Date: A", with the number of undated documents; None when none is dated."""
    dates = sorted(str(r["meta"]["date"]).strip() for r in records if str(r.get("meta", {}).get("date") or "").strip())
    if not dates:
        return None
    line = f"Dates: {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f"Date: {dates[0]}"
    undated = len(records) - len(dates)
    if undated:
        line += f" ({undated} of {len(records)} documents undated)"
    return line + "."


def _column(frame: Any, name: str) -> Any:
    return frame[name] if frame is not None and name in frame.columns else None


def _is_true(value: Any) -> bool:
    try:
        return bool(value) and value == value
    except (TypeError, ValueError):
        return False


def _group_value(comparison: Comparison, group: str, score: str) -> float | None:
    g = comparison.groups
    if g is None or score not in g.columns or group not in g.index:
        return None
    v = g.at[group, score]
    return float(v) if v == v else None


def _finding(d: Mapping[str, Any], comparison: Comparison) -> str:
    """One significant group difference in words."""
    a, b, score = str(d["a"]), str(d["b"]), str(d["score"])
    diff = float(d["difference"])
    direction = "higher" if diff > 0 else "lower"
    ma, mb = d.get("mean_a"), d.get("mean_b")
    if ma is None or mb is None or ma != ma or mb != mb:
        ma, mb = _group_value(comparison, a, score), _group_value(comparison, b, score)
    means = f" ({_fmt(ma)} vs {_fmt(mb)})" if ma is not None and mb is not None else ""
    g = d.get("effect_size")
    effect = f", Hedges' g {_fmt(g)}" if g is not None and g == g else ""
    return (
        f"<b>{_e(a)}</b> scores {direction} than <b>{_e(b)}</b> on <b>{_e(score)}</b>{means}: "
        f"difference {_signed(diff)}, 95% interval {_fmt(d['ci_low'])} to {_fmt(d['ci_high'])}{effect}, "
        f"adjusted p {_p(d.get('p_adjusted'))}."
    )


def _main_scores(gd: Any) -> list[str]:
    present = list(dict.fromkeys(gd["score"])) if gd is not None and len(gd) else []
    main = [s for s in MAIN_SCORES if s in present]
    return main or present[:FOREST_SCORES]


def _group_findings(comparison: Comparison, within: str | None, st: Mapping[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    gd = comparison.group_differences
    flow: list[Any] = []
    n_groups = len(comparison.groups) if comparison.groups is not None else 0
    if gd is None or not len(gd):
        names = list(comparison.groups.index) if comparison.groups is not None else []
        text = (
            f"No document has a value for {comparison.by}: there are no groups to compare."
            if names == ["(none)"]
            else f"Only {_count(n_groups, f'{comparison.by} group')}: there is nothing to compare between groups."
        )
        flow.append(Paragraph(_e(text), st["body"]))
        return flow
    sig = gd[[_is_true(v) for v in gd["significant"]]] if "significant" in gd.columns else gd.iloc[0:0]
    tested = gd[[v == v for v in gd["p_adjusted"]]] if "p_adjusted" in gd.columns else gd
    scores = list(dict.fromkeys(gd["score"]))
    settings = getattr(comparison, "settings", None) or {}
    method = ADJUSTMENT_NAMES.get(str(settings.get("adjust", "bh")), str(settings.get("adjust", "bh")))
    within = within or getattr(comparison, "within", None)
    intro = (
        f"{n_groups} {_e(comparison.by)} groups compared on {_count(len(scores), 'score')}"
        + (f", like with like within each {_e(within)}" if within else "")
        + (
            f": <b>{len(sig)} of {len(tested)} differences are significant</b> after adjusting for the "
            f"{len(tested)} tests ({method})."
            if len(tested)
            else ": <b>no difference can be tested</b>, every group pair has too few documents (see below)."
        )
        + " A group's value is the mean of its documents' scores; intervals "
        "come from resampling documents (95%); effect sizes are Hedges' g (0.2 small, 0.5 medium, 0.8 large)."
    )
    flow.append(Paragraph(intro, st["body"]))
    if len(sig):
        flow.append(Paragraph("What differs", st["h2"]))
        order = sig.assign(_g=sig["effect_size"].abs() if "effect_size" in sig.columns else sig["difference"].abs())
        order = order.sort_values("_g", ascending=False, kind="stable")
        for _, d in order.head(MAX_FINDINGS).iterrows():
            flow.append(Paragraph("• " + _finding(d, comparison), st["finding"]))
        if len(sig) > MAX_FINDINGS:
            flow.append(
                Paragraph(_e(f"{len(sig) - MAX_FINDINGS} more significant differences are in the table."), st["muted"])
            )
    quiet = [s for s in scores if s not in set(sig["score"])]
    if len(tested):
        flow.append(Paragraph("What does not differ", st["h2"]))
    if quiet and len(tested):
        named = [s for s in MAIN_SCORES if s in quiet] or quiet[:FOREST_SCORES]
        others = len(quiet) - len(named)
        flow.append(
            Paragraph(
                "No significant difference between any two groups on "
                + ", ".join(f"<b>{_e(s)}</b>" for s in named)
                + (f" or {_count(others, 'other score')} compared" if others else "")
                + ".",
                st["finding"],
            )
        )
        rest = tested[tested["score"].isin(quiet)]
        if len(rest) and "effect_size" in rest.columns:
            top = rest.assign(_g=rest["effect_size"].abs()).sort_values("_g", ascending=False, kind="stable").iloc[0]
            flow.append(
                Paragraph(
                    "The largest effect among them, "
                    f"{_e(top['a'])} − {_e(top['b'])} on {_e(top['score'])}: {_signed(top['difference'])} "
                    f"(interval {_fmt(top['ci_low'])} to {_fmt(top['ci_high'])}, g {_fmt(top['effect_size'])}, "
                    f"adjusted p {_p(top['p_adjusted'])}): "
                    + (
                        f"its own interval misses zero, but it does not stand out among {len(tested)} tests."
                        if top["ci_low"] > 0 or top["ci_high"] < 0
                        else "its interval includes zero."
                    ),
                    st["finding"],
                )
            )
    elif len(tested):
        flow.append(Paragraph("Every score compared differs between at least two groups.", st["finding"]))
    ad = getattr(comparison, "actor_differences", None)
    if ad is not None and len(ad) and "significant" in ad.columns:
        ad_sig = ad[[_is_true(v) for v in ad["significant"]]]
        ad_tested = ad[[v == v for v in ad["p_adjusted"]]]
        text = (
            f"Sentiment toward actors: {len(ad_sig)} of {len(ad_tested)} group differences toward the most "
            "mentioned actors are significant"
            if len(ad_tested)
            else "Sentiment toward actors: no actor is mentioned in enough documents of two groups to compare"
        )
        if len(ad_sig):
            top = ad_sig.assign(_g=ad_sig["effect_size"].abs()).sort_values("_g", ascending=False).iloc[0]
            text += (
                f"; the largest: {top['actor']}, {top['a']} {_signed(top['difference'])} against {top['b']} "
                f"(interval {_fmt(top['ci_low'])} to {_fmt(top['ci_high'])}, g {_fmt(top['effect_size'])})"
            )
        flow.append(Paragraph(_e(text + "."), st["finding"]))
    untested = gd[[v != v for v in gd["ci_low"]]] if "ci_low" in gd.columns else gd.iloc[0:0]
    if len(untested):
        least = int(settings.get("min_documents", 5))
        sizes = comparison.groups["n_documents"] if comparison.groups is not None else {}
        small = [f"{g} ({_count(int(n), 'document')})" for g, n in sizes.items() if int(n) < least]
        text = f"{_count(len(untested), 'pair')} without an interval or a test: fewer than {least} documents"
        if within:
            text += f" on one side within the {within} values both groups cover"
        if small:
            text += (" in " if not within else "; too small overall: ") + ", ".join(small)
        flow.append(Paragraph(_e(text + "."), st["finding"]))
    return flow


def _document_highlights(records: Sequence[Mapping[str, Any]], comparison: Comparison, st: Mapping[str, Any]) -> Any:
    from reportlab.platypus import Paragraph

    flow: list[Any] = [
        Paragraph(
            _e(
                "The documents are not grouped (no outlet in their metadata; pass --by KEY to compare groups "
                "of documents). Single documents are compared below by their scores; no statement about outlets "
                "or populations follows from them."
            ),
            st["body"],
        )
    ]
    docs = comparison.documents
    if len(records) < 2:
        return flow
    for score in DOCUMENT_COLUMNS:
        if score not in docs.columns or docs[score].isna().all():
            continue
        col = docs[score].dropna()
        hi, lo = col.idxmax(), col.idxmin()
        flow.append(
            Paragraph(
                f"• <b>{_e(score)}</b>: highest {_e(hi)} ({_fmt(col[hi])}), lowest {_e(lo)} ({_fmt(col[lo])}); "
                f"mean {_fmt(col.mean())} over {len(col)} documents.",
                st["finding"],
            )
        )
    diffs = comparison.differences
    flag = "significant" if diffs is not None and "significant" in diffs.columns else "excludes_zero"
    if diffs is not None and len(diffs) and flag in diffs.columns:
        sub = diffs[diffs["score"] == "editorial"] if "editorial" in set(diffs["score"]) else diffs.iloc[0:0]
        hits = sub[[_is_true(v) for v in sub[flag]]]
        if len(sub):
            flow.append(
                Paragraph(
                    _e(
                        f"Sentence by sentence, {len(hits)} of {len(sub)} document pairs differ in mean sentence "
                        "editorial score beyond sampling noise (sentences as the unit: a statement about these "
                        "texts only)."
                    ),
                    st["finding"],
                )
            )
    return flow


def _first_page(
    records: Sequence[dict[str, Any]],
    comparison: Comparison,
    present: Mapping[str, bool],
    within: str | None,
    title: str,
    stamp: str,
    st: Mapping[str, Any],
) -> list[Any]:
    from reportlab.platypus import Paragraph

    n_words = sum(int(r.get("n_words") or 0) for r in records)
    flow: list[Any] = [
        Paragraph(_e(title), st["title"]),
        Paragraph(_e(f"Generated {stamp} by framing {__version__}"), st["muted"]),
    ]
    corpus = f"{len(records)} document{'s' if len(records) != 1 else ''}, {n_words:,} words."
    if comparison.groups is not None:
        sizes = comparison.groups["n_documents"]
        corpus += f" Grouped by {comparison.by}: " + ", ".join(f"{g} ({int(n)})" for g, n in sizes.items()) + "."
    dates = _dates_line(records)
    if dates:
        corpus += " " + dates
    missing = [d for d in EXPECTED_DIMENSIONS if not present.get(d)]
    if missing:
        corpus += " Not available in this run (left out of the tables and charts): " + ", ".join(missing) + "."
    flow.append(Paragraph(_e(corpus), st["body"]))
    flow.append(Paragraph("Findings", st["h1"]))
    if comparison.group_differences is not None:
        flow += _group_findings(comparison, within, st)
        flow += _groups_table(comparison, _main_scores(comparison.group_differences) or DOCUMENT_COLUMNS, st)
    else:
        flow += _document_highlights(records, comparison, st)
    flow.append(
        Paragraph(
            _e(
                (
                    "The following pages give the differences as a forest plot and a table, each group's and "
                    "document's scores, "
                    if comparison.group_differences is not None and len(comparison.group_differences)
                    else "The following pages give each document's scores, "
                )
                + "the charts, and a short methodology (what each score means, how well it agrees with "
                "people's labels, and its limits)."
            ),
            st["muted"],
        )
    )
    return flow


# -- tables ---------------------------------------------------------------------------------------


def _differences_section(comparison: Comparison, st: Mapping[str, Any]) -> list[Any]:
    from reportlab.platypus import PageBreak, Paragraph

    gd = comparison.group_differences
    if gd is None or not len(gd):
        return []
    main = _main_scores(gd)
    flow: list[Any] = [PageBreak(), Paragraph(_e(f"Differences between {comparison.by} groups"), st["h1"])]
    flow.append(
        Paragraph(
            _e(
                "Every pair of groups on the main scores: the difference of group means (A − B) with its 95% "
                "interval. Filled, coloured rows are significant after the multiple-comparison adjustment; "
                "hollow grey ones are not. Each interval is for its own pair, not adjusted for the number of "
                "tests: an interval that misses zero can still be grey."
            ),
            st["muted"],
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        flow.append(_png(forest(gd, main[:FOREST_SCORES]), max_height=MAX_IMAGE_HEIGHT - 30))
    flow += _differences_table(gd, main, st)
    return flow


def _groups_table(comparison: Comparison, main: Sequence[str], st: Mapping[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    g = comparison.groups
    if g is None:
        return []
    cols = [c for c in main if c in g.columns][:6]
    rows = [[_e(comparison.by or "group"), "documents", *[_name(c) for c in cols]]]
    for name, row in g.iterrows():
        rows.append([_e(name), _fmt_score("n_documents", row.get("n_documents")), *[_fmt(row[c]) for c in cols]])
    return [
        Paragraph(_e(f"Scores by {comparison.by}"), st["h2"]),
        Paragraph("Mean of the documents' scores within each group.", st["muted"]),
        _table(rows, st),
    ]


def _differences_table(gd: Any, main: Sequence[str], st: Mapping[str, Any]) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import CondPageBreak, Paragraph

    sub = gd[gd["score"].isin(main)]
    untested = sub[[v != v for v in sub["p_adjusted"]]] if "p_adjusted" in sub.columns else sub.iloc[0:0]
    sub = sub.drop(index=untested.index)
    sub = sub.assign(_p=sub["p_adjusted"] if "p_adjusted" in sub.columns else 1.0)
    sub = sub.sort_values(["_p", "score"], kind="stable")
    hidden = max(0, len(sub) - MAX_DIFFERENCE_ROWS)
    sub = sub.head(MAX_DIFFERENCE_ROWS)
    head = ["score", "A", "B", "A − B", "95% interval", "g", "p", "adjusted p", "significant", "documents"]
    rows = [head]
    bold = []
    for k, (_, d) in enumerate(sub.iterrows(), 1):
        sig = _is_true(d.get("significant"))
        rows.append(
            [
                _name(d["score"]),
                _e(d["a"]),
                _e(d["b"]),
                _signed(d["difference"]),
                f"{_fmt(d['ci_low'])} to {_fmt(d['ci_high'])}",
                _fmt(d.get("effect_size")),
                _p(d.get("p_value")),
                _p(d.get("p_adjusted")),
                "<b>yes</b>" if sig else "no",
                f"{int(d['n_a'])} / {int(d['n_b'])}",
            ]
        )
        if sig:
            bold.append(("BACKGROUND", (0, k), (-1, k), colors.HexColor("#FBE5D6")))
    caption = (
        "Sorted by adjusted p-value. p: the test's p-value; adjusted p: over every row of "
        "compare(...).group_differences; documents: n in A / n in B."
    )
    if len(untested):
        caption += f" Not listed: {_count(len(untested), 'pair')} with too few documents for a test (crosses above)."
    flow: list[Any] = [
        CondPageBreak(120),
        Paragraph("Group differences, main scores", st["h2"]),
        Paragraph(_e(caption), st["muted"]),
    ]
    if len(sub):
        flow.append(_table(rows, st, extra=bold))
    if hidden:
        flow.append(Paragraph(_e(f"{hidden} more rows are in compare(...).group_differences."), st["muted"]))
    return flow


def _documents_table(
    records: Sequence[dict[str, Any]],
    comparison: Comparison,
    colours: Mapping[str, str] | None,
    n_sections: int,
    st: Mapping[str, Any],
) -> list[Any]:
    import pandas as pd
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import CondPageBreak, Paragraph

    docs = comparison.documents
    cols = [c for c in DOCUMENT_COLUMNS if c in docs.columns]
    grouped = comparison.groups is not None
    head = ["document (title or first words, id)", comparison.by if grouped else "date", "words"]
    rows = [[_e(h) for h in head] + [_name(c) for c in cols]]
    listed = list(records)
    left_out = 0
    if len(listed) > MAX_DOCUMENT_ROWS and cols:
        # A corpus: the documents at both ends of the first score, the rest counted.
        key = cols[0]
        values = pd.to_numeric(docs[key], errors="coerce").fillna(float("-inf"))
        listed.sort(key=lambda r: -values.at[r["id"]])
        half = MAX_DOCUMENT_ROWS // 2
        left_out = len(listed) - 2 * half
        listed = listed[:half] + listed[-half:]
    swatches = []
    for k, r in enumerate(listed, 1):
        third = comparison.labels.at[r["id"], "group"] if grouped else (r["meta"].get("date") or "–")
        rows.append(
            [
                _e(title_of(r, 10)) + f'<br/><font size="6.5" color="{MUTED}">{_e(r["id"])}</font>',
                _e(third),
                _fmt_score("n_words", r.get("n_words") or 0),
                *[_fmt_score(c, docs.at[r["id"], c]) for c in cols],
            ]
        )
        if colours is not None:
            swatches.append(("BACKGROUND", (0, k), (0, k), colors.HexColor(_tint(colours[r["id"]]))))
        if left_out and k == MAX_DOCUMENT_ROWS // 2:
            rows.append([_e(f"… {left_out:,} documents in between, not listed"), "", "", *["" for _ in cols]])
    table = _table(rows, st, extra=swatches)
    return [
        CondPageBreak(8 * cm),
        Paragraph("Documents", st["h1"]),
        Paragraph(
            _e(
                "Each document's main scores (all scores are in compare(...).documents). "
                + (
                    f"Of {len(records):,} documents, the {MAX_DOCUMENT_ROWS // 2} highest and lowest on "
                    f"{_name(cols[0])} are listed. "
                    if left_out
                    else ""
                )
                + ("The id is shaded in the document's colour in the charts. " if colours is not None else "")
                + (
                    "Each document has its own pages at the end, with its text marked up."
                    if n_sections == len(records)
                    else f"The first {n_sections} have their own pages at the end (--documents all for every one)."
                    if n_sections
                    else "Per-document pages with the marked-up text: --documents all (or a number)."
                )
            ),
            st["muted"],
        ),
        table,
    ]


def _actors_overview(
    records: Sequence[dict[str, Any]],
    by: Any,
    label: str | None,
    st: Mapping[str, Any],
    comparison: Comparison | None = None,
) -> list[Any]:
    from reportlab.platypus import Paragraph

    rows_in = actor_table(records, by)
    if not rows_in:
        return []
    series = [s.label for s in series_of(records, by)]
    usable = comparison is not None and comparison.groups is not None and len(comparison.groups) <= MAX_SERIES
    if usable and comparison.actors is not None and len(comparison.actors) and by is not None:
        # the comparison's own per-actor table: documents, mentions and sentiment per group
        table = comparison.actors
        rows_in = [
            {
                "actor": str(r["actor"]),
                "series": str(r["group"]),
                "documents": int(r["n_documents"]),
                "mentions": int(r["n_mentions"]),
                "sentiment": None if r["sentiment"] != r["sentiment"] else float(r["sentiment"]),
            }
            for _, r in table.iterrows()
        ]
        series = [str(g) for g in comparison.groups.index] if comparison.groups is not None else series
    totals: dict[str, int] = {}
    for r in rows_in:
        totals[r["actor"]] = totals.get(r["actor"], 0) + r["mentions"]
    top = sorted(totals, key=lambda n: (-totals[n], n))[:MAX_ACTOR_TABLE]
    cell = {(r["actor"], r["series"]): r for r in rows_in}
    rows = [["actor", *[_e(s) for s in series]]]
    for name in top:
        row = [_e(name)]
        for s in series:
            r = cell.get((name, s))
            row.append(
                "–"
                if r is None
                else f"{r['mentions']} · {_signed(r['sentiment'])}"
                if r["sentiment"] is not None
                else f"{r['mentions']} · –"
            )
        rows.append(row)
    unit = f"{label}" if label else "document"
    return [
        Paragraph("Actors", st["h2"]),
        Paragraph(
            _e(
                f"The {len(top)} most mentioned actors, per {unit}: mentions · sentiment toward the actor "
                "(−1..1, the mean over the documents that mention it). Names are the actors' canonical names, "
                "so “Biden” and “Joe Biden” count once."
            ),
            st["muted"],
        ),
        _table(rows, st),
    ]


# -- charts ---------------------------------------------------------------------------------------


def _charts_section(
    records: Sequence[dict[str, Any]],
    colours: Mapping[str, str] | None,
    by: Any,
    present: Mapping[str, bool],
    st: Mapping[str, Any],
) -> list[Any]:
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph

    series = series_of(records, by, colours=colours)
    unit = (
        f"one bar, line or dot per {by} (the mean of its documents)"
        if by is not None
        else "one colour per document"
        if len(series) > 1 or len(records) == 1
        else f"the {len(records)} documents together (more than {MAX_SERIES} documents and no grouping)"
    )
    charts = [
        (
            "Profile",
            f"Headline scores: {unit}" + ("; grey dots are single documents." if by is not None else "."),
            profile,
            True,
            "",
        ),
        (
            "Editorial score along the articles",
            "Sentence editorial score (0..1) by position in the article"
            + ("; a triangle marks each document's most editorial sentence." if by is None else ", group means."),
            editorial_strip,
            present["editorial"],
            "the editorial dimension",
        ),
        (
            "Sentiment arc",
            "Sentence sentiment (-1..1) along the articles"
            + ("; shaded: the middle half of the documents." if any(len(s.ids) > 1 for s in series) else "."),
            sentiment_arc,
            present["sentiment"],
            "the sentiment dimension",
        ),
        (
            "Sources",
            "Named and anonymous sources and distancing (loaded) cues; who is quoted, by words quoted directly.",
            sources_breakdown,
            present["attribution"],
            "the attribution dimension",
        ),
        (
            "Sentiment toward actors",
            "Sentiment toward each actor (-1..1); dot size = mentions.",
            actor_sentiment,
            present["actors"],
            "the actors dimension",
        ),
        (
            "Frame shares",
            "Share of each issue frame's signal.",
            frame_shares,
            present["frames"],
            "the frames dimension",
        ),
    ]
    flow: list[Any] = []
    heading = Paragraph("Charts", st["h1"])
    for title, caption, fn, ok, needs in charts:
        if not ok:
            block = [
                Paragraph(_e(title), st["h2"]),
                Paragraph(_e(f"Not shown: {needs} is not available."), st["muted"]),
            ]
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                img = _png(fn(records, colours=colours, by=by))
            block = [Paragraph(_e(title), st["h2"]), Paragraph(_e(caption), st["muted"]), img]
            flow.append(CondPageBreak(img.drawHeight + 60 + (30 if heading is not None else 0)))
        if heading is not None:
            block.insert(0, heading)
            heading = None
        flow.append(KeepTogether(block))
    return flow


def _legend_line(present: Mapping[str, bool], st: Mapping[str, Any]) -> Any:
    from reportlab.platypus import Paragraph

    parts = []
    if present["editorial"]:
        swatches = " ".join(
            f'<font backColor="{shade(v)}">\u2002{v:.2f}\u2002</font>' for v in (0.0, 0.25, 0.5, 0.75, 1.0)
        )
        parts.append(f"Sentence shading = editorial score: {swatches}")
        parts.append(
            f'<b><font color="{EVIDENCE_COLOUR}">bold</font></b> = editorial evidence '
            f"(lexicon and pattern signals of weight ≥ {MARKED_EVIDENCE_WEIGHT:g})"
        )
    else:
        parts.append("Sentences are not shaded: the editorial dimension is not available")
    if present["attribution"]:
        parts.append("<u>underlined</u> = attribution cue")
        parts.append(
            f'<font color="{QUOTE_COLOUR}">blue text</font> = quoted words, followed by '
            f'<font size="7" color="{SPEAKER_COLOUR}"><b>[speaker]</b></font>'
        )
    return Paragraph(" · ".join(parts), st["small"])


def _document_section(
    k: int,
    record: dict[str, Any],
    colours: Mapping[str, str] | None,
    present: Mapping[str, bool],
    st: Mapping[str, Any],
) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    meta = record.get("meta") or {}
    swatch = f'<font color="{colours[record["id"]]}">■</font> ' if colours is not None else ""
    flow: list[Any] = [
        PageBreak(),
        Paragraph(swatch + _e(f"Document {k}: {title_of(record, 14)}"), st["h1"]),
    ]
    facts = [f"id {record['id']}"]
    facts += [f"{key} {meta[key]}" for key in ("outlet", "source", "author", "date", "url") if meta.get(key)]
    facts.append(f"{int(record.get('n_words') or 0):,} words, {len(record['sentences'])} sentences")
    facts += [f"{key} {v}" for key, v in record["labels"].items() if key in ("genre", "frame")]
    flow.append(Paragraph(_e(" · ".join(facts)), st["muted"]))
    headline = [s for s in HEADLINE_SCORES if s in record["scores"]][:9]
    if headline:
        flow.append(
            Paragraph(_e(" · ".join(f"{s} {_fmt_score(s, record['scores'][s])}" for s in headline)), st["small"])
        )
    for w in record.get("warnings") or []:
        flow.append(Paragraph(_e(f"warning: {w}"), st["muted"]))

    ed = {
        int(s["index"]): float(s["scores"]["editorial"])
        for s in record["sentences"]
        if "editorial" in s.get("scores", {})
    }
    if ed:
        top = max(ed, key=lambda i: (ed[i], -i))
        s = record["sentences"][top]
        flow.append(
            Paragraph(
                f"<b>Most editorial sentence</b> (sentence {top + 1} of {len(record['sentences'])}, editorial "
                f"{ed[top]:.2f}): " + f'<font backColor="{shade(ed[top])}">{_e(s["text"])}</font>',
                st["callout"],
            )
        )
    flow += [_legend_line(present, st), Spacer(1, 0.25 * cm)]

    evidence = record.get("evidence") or []
    bold = [
        (int(e["start"]), int(e["end"]))
        for e in evidence
        if e["dimension"] == "editorial"
        and e["weight"] >= MARKED_EVIDENCE_WEIGHT
        and e["label"] not in UNMARKED_EDITORIAL_LABELS
    ]
    underline = [
        (int(e["start"]), int(e["end"]))
        for e in evidence
        if e["dimension"] == "attribution" and e["label"].startswith("cue")
    ]
    quoted, tags = _quote_spans(record)
    shades = {i: shade(v) for i, v in ed.items()}
    rtl = 0
    for start, end, _ in _paragraph_ranges(record):
        if has_rtl(record["text"][start:end]):
            rtl += 1
            flow += _rtl_paragraph(record["text"][start:end], st)
            continue
        markup = markup_paragraph(
            record, start, end, bold=bold, underline=underline, quoted=quoted, tags=tags, sentence_shades=shades
        )
        flow.append(Paragraph(markup, st["doc"]))
    if rtl:
        note = (
            f"{rtl} paragraph{'s' if rtl != 1 else ''} with right-to-left text "
            + ("are" if rtl != 1 else "is")
            + " shown in reading order without shading or evidence marks."
        )
        if _bidi_tools() is None:
            note = (
                f"{rtl} paragraph{'s' if rtl != 1 else ''} with right-to-left text: install python-bidi "
                "(pip install 'framing[report]') to lay them out; shown here in stored (logical) order."
            )
        flow.append(Paragraph(_e(note), st["muted"]))
    flow += _sources_table(record, st)
    flow += _actors_table(record, st)
    return flow


def _sources_table(record: Mapping[str, Any], st: Mapping[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    if "attributions" not in record:
        return []
    items = record["attributions"]
    flow: list[Any] = [Paragraph("Sources", st["h2"])]
    if not items:
        return [*flow, Paragraph("No attributions found.", st["muted"])]
    names = canonical_speakers(record)
    head = ["speaker", "source type", "cue", "stance", "kind", "quoted words", "sentence"]
    rows = [[_e(h) for h in head]]
    for a in items[:MAX_SOURCE_ROWS]:
        who = a.get("speaker") or (a.get("source") or {}).get("text") or "–"
        who = names.get(who, who)
        if a.get("role"):
            who = f"{who} ({a['role']})"
        rows.append(
            [
                _e(who),
                _e(str(a.get("source_type") or "–").replace("_", " ")),
                _e((a.get("cue") or {}).get("text") or "–"),
                _e(a.get("cue_class") or "–"),
                _e(a.get("type") or "–"),
                _fmt(int(a.get("quoted_words") or 0)),
                _e(int(a.get("sentence", -1)) + 1),
            ]
        )
    flow.append(_table(rows, st))
    if len(items) > MAX_SOURCE_ROWS:
        more = len(items) - MAX_SOURCE_ROWS
        flow.append(Paragraph(_e(f"{_count(more, 'more attribution')} in the record's attributions."), st["muted"]))
    return flow


def _actors_table(record: Mapping[str, Any], st: Mapping[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    if "actors" not in record:
        return []
    items = record["actors"]
    flow: list[Any] = [Paragraph("Actors", st["h2"])]
    if not items:
        return [*flow, Paragraph("No actors found.", st["muted"])]
    head = ["actor", "type", "role", "mentions", "sentiment", "quoted words"]
    rows = [[_e(h) for h in head]]
    actors = sorted(actor_rows(record), key=lambda a: (-a["mentions"], a["name"]))
    for a in actors[:MAX_ACTOR_ROWS]:
        rows.append(
            [
                _e(a["name"]),
                _e(str(a["type"] or "–").replace("_", " ")),
                _e(str(a["role"] or "–").replace("_", " ")),
                _fmt(a["mentions"]),
                _fmt(a["sentiment"]),
                _fmt(a["n_quoted_words"]),
            ]
        )
    extra: list[Any] = []
    if len(actors) > MAX_ACTOR_ROWS:
        # the rest go in the table's last row, so that they never stand alone on a page
        more = actors[MAX_ACTOR_ROWS:]
        most = max(a["mentions"] for a in more)
        times = "once" if most == 1 else f"at most {most} times"
        line = f"{_count(len(more), 'more actor')} mentioned {times}: " + ", ".join(a["name"] for a in more)
        widths = _widths(rows, _FRAME_WIDTH)
        rows.append([f'<font color="{MUTED}">{_e(line)}</font>'] + [""] * (len(head) - 1))
        extra = [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1))]
        flow.append(_table(rows, st, widths=widths, extra=extra))
        return flow
    flow.append(_table(rows, st))
    return flow


def _rtl_paragraph(text: str, st: Mapping[str, Any]) -> list[Any]:
    """A paragraph holding right-to-left text, broken into lines in reading (logical) order and each
    line then put in visual order (the Unicode bidirectional algorithm works line by line)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    style = st["doc"]
    text = " ".join(text.replace("\r", "").split())
    strong = [c for c in text if unicodedata.bidirectional(c) in ("L", "R", "AL")]
    base = "RTL" if strong and unicodedata.bidirectional(strong[0]) in ("R", "AL") else "LTR"
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        drawn = _plain(_with_placeholders(escape(candidate)))
        if line and stringWidth(drawn, style.fontName, style.fontSize) > _FRAME_WIDTH - 4:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    markup = "<br/>".join(_with_placeholders(escape(visible_text(x, base=base))) for x in lines)
    return [Paragraph(markup, st["doc_rtl" if base == "RTL" else "doc"])]


# -- a small Markdown subset --------------------------------------------------------------------


_INLINE_CODE = re.compile(r"`([^`]+)`")
_INLINE_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    out = escape(text)
    out = _INLINE_CODE.sub(lambda m: f'<font face="{MONO}">{m.group(1)}</font>', out)
    return _INLINE_BOLD.sub(lambda m: f"<b>{m.group(1)}</b>", out)


def _markdown(text: str, st: Mapping[str, Any]) -> list[Any]:
    """A small Markdown subset (headings, paragraphs, lists, tables, code) as flowables."""
    from reportlab.platypus import Paragraph, Preformatted, Spacer

    flow: list[Any] = []
    lines = text.splitlines()
    i = 0
    para: list[str] = []

    def flush() -> None:
        if para:
            flow.append(Paragraph(_inline(" ".join(para)), st["body"]))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("```"):
            flush()
            block = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                block.append(lines[i])
                i += 1
            flow.append(Preformatted("\n".join(block), st["code"], maxLineLength=110, newLineChars=""))
        elif line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            flow.append(Paragraph(_inline(line.lstrip("#").strip()), st["h2" if level <= 2 else "h3"]))
        elif line.startswith("|"):
            flush()
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i].strip())
                i += 1
            flow.append(_markdown_table(block, st))
            flow.append(Spacer(1, 4))
            continue
        elif re.match(r"\s*([-*]|\d+\.)\s", line):
            flush()
            item = re.sub(r"^\s*([-*]|\d+\.)\s+", "", line)
            flow.append(Paragraph("• " + _inline(item), st["body"]))
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()
    return flow


def _markdown_table(lines: Sequence[str], st: Mapping[str, Any]) -> Any:
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?", c) or not c for c in r)]
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    return _table([[_inline(c) for c in r] for r in rows], st)


# -- methodology ----------------------------------------------------------------------------------


def methodology_text() -> str:
    """The methodology printed at the end of every report (Markdown, shipped in the package)."""
    return resources.files("framing").joinpath("data", "methodology.md").read_text(encoding="utf-8")


def _methodology(analyzer: Any, st: Mapping[str, Any]) -> list[Any]:
    from reportlab.platypus import PageBreak, Paragraph

    text = methodology_text()
    title, _, body = text.partition("\n")
    flow: list[Any] = [PageBreak(), Paragraph(_e(title.lstrip("# ").strip()), st["h1"]), *_markdown(body, st)]
    if analyzer is not None:
        lexicons = sorted(analyzer.resources.lexicons.values(), key=lambda x: x.name)
        rows = [["lexicon", "version", "entries", "license"]]
        for lx in lexicons:
            rows.append([_e(lx.name), _e(lx.version), _fmt(len(lx.entries)), _e(lx.license)])
        flow += [
            Paragraph("Lexicons in this run", st["h2"]),
            Paragraph(_e("Sources and citations: framing lexicons (the command) or docs/lexicons.md."), st["muted"]),
            _table(rows, st),
        ]
    return flow


# -- the document ---------------------------------------------------------------------------------


def _selected(records: Sequence[dict[str, Any]], documents: str | int) -> list[dict[str, Any]]:
    if documents == "auto":
        return list(records) if len(records) <= AUTO_DOCUMENTS else []
    if documents == "all":
        return list(records)
    if documents == "none":
        return []
    n = int(documents)
    if n < 0:
        raise ValueError(f"documents must be 'all', 'none' or a number of documents, not {documents!r}")
    return list(records[:n])


def build_pdf(
    analyses: Iterable[Any],
    path: str | Path,
    *,
    title: str = "framing report",
    timestamp: str | datetime | None = None,
    analyzer: Any = None,
    by: Any = None,
    within: str | None = None,
    documents: str | int = DEFAULT_DOCUMENTS,
    comparison: Comparison | None = None,
) -> Path:
    """Write the PDF report for ``analyses`` (Analysis objects or records) to ``path``; return the path.

    ``by`` groups documents as in :func:`framing.compare` (default: ``outlet`` when present) and
    ``within`` compares the groups within strata of another metadata key. ``documents`` chooses the
    per-document sections: ``"all"``, ``"none"``, a number N (the first N documents in input
    order) or ``"auto"`` (the default: all of them up to :data:`AUTO_DOCUMENTS` documents, else
    none). ``timestamp`` is printed on page 1 (default: ``SOURCE_DATE_EPOCH`` when set, else now);
    it is the only thing that differs between two builds of the same input. ``analyzer`` supplies
    the lexicon versions (default: the default analyser).
    """
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    records = as_records(analyses)
    if not records:
        raise ValueError("no documents to report on")
    chosen = _selected(records, documents)
    _register_fonts()
    st = _styles()
    if analyzer is None:
        from .analyzer import _default_analyzer

        analyzer = _default_analyzer()
    if comparison is None:
        comparison = compare(records, by=by, within=within)
    group_key = comparison.by if comparison.groups is not None else None
    chart_by = by if by is not None else group_key
    colours = document_colours(records) if chart_by is None and len(records) <= MAX_SERIES else None
    present = _present_dimensions(records)
    stamp = _timestamp(timestamp)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    margin = MARGIN
    A4 = A4_SIZE

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, 1.0 * cm, visible_text(f"{title} · framing {__version__}"))
        canvas.drawRightString(A4[0] - margin, 1.0 * cm, f"page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="framing",
        creator=f"framing {__version__}",
        producer=f"framing {__version__}",
        subject="Editorial framing, sentiment and attribution report",
        invariant=1,
    )
    story: list[Any] = []
    story += _first_page(records, comparison, present, within, title, stamp, st)
    story += _differences_section(comparison, st)
    story += _documents_table(records, comparison, colours, len(chosen), st)
    story += _actors_overview(records, chart_by, group_key, st, comparison)
    story += _charts_section(records, colours, chart_by, present, st)
    for k, record in enumerate(chosen, 1):
        story += _document_section(
            records.index(record) + 1 if len(chosen) < len(records) else k, record, colours, present, st
        )
    story += _methodology(analyzer, st)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
