"""The PDF report: a corpus summary, comparison tables and charts, one section per document, and
a methodology appendix.

:func:`build_pdf` typesets with reportlab in DejaVu Sans (the Unicode TrueType font that ships
inside matplotlib), so curly quotes, dashes and accented names render. Every piece of document
text, metadata, speaker name and lexicon citation is escaped before it reaches reportlab's
paragraph markup: a document containing ``<b>``, ``&``, ``<font>`` or ``<para>`` renders literally.
The output is byte-for-byte deterministic apart from the one timestamp printed on the title page
(reportlab's invariant mode; pass ``timestamp`` to fix that too).
"""

from __future__ import annotations

import io
import itertools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from . import __version__
from .compare import Comparison, as_records, compare, title_of
from .plots import (
    HEADLINE_SCORES,
    actor_rows,
    actor_sentiment,
    document_colours,
    editorial_colour,
    editorial_strip,
    frame_names,
    frame_shares,
    profile,
    sentiment_arc,
    short_label,
    sources_breakdown,
)

__all__ = ["build_pdf", "find_results", "markup_paragraph", "shade"]

#: Share of the editorial colour mixed into white behind a sentence (keeps black text readable).
SHADE_STRENGTH = 0.55
#: Document columns per comparison table before it is continued in another table.
DOCS_PER_TABLE = 4
#: Most rows of the differences table; the rest are counted, not shown.
MAX_DIFFERENCE_ROWS = 36
#: Editorial evidence printed in bold: at least this weight, and not one of the diffuse word-level signals.
MARKED_EVIDENCE_WEIGHT = 0.1
UNMARKED_EDITORIAL_LABELS = ("word", "evaluative")
#: Most rows of a document's actors table (the most mentioned); the rest are named in one line.
MAX_ACTOR_ROWS = 20
#: Longest lexicon citation printed in the appendix (characters).
MAX_SOURCE_CHARS = 1600
#: A4 in points, and the page margin: the text frame is FRAME_WIDTH points wide.
A4_SIZE = (595.2756, 841.8898)
MARGIN = 1.8 * 72 / 2.54
_FRAME_WIDTH = A4_SIZE[0] - 2 * MARGIN
#: Tallest chart on the page (points), leaving room for its heading and caption.
MAX_IMAGE_HEIGHT = A4_SIZE[1] - 2 * MARGIN - 90
#: Image resolution of the charts.
CHART_DPI = 150
#: Dimensions a full report expects; missing ones are named on the title page.
EXPECTED_DIMENSIONS = ("editorial", "sentiment", "attribution", "actors", "frames", "readability")
#: Sentence scores offered in the differences table, in this order, when present.
DIFFERENCE_SCORES = ("editorial", "sentiment", "attributed", "attribution_count")
QUOTE_COLOUR = "#0B5394"
SPEAKER_COLOUR = "#0072B2"
EVIDENCE_COLOUR = "#7A1F00"
MUTED = "#555555"
CLOSING_QUOTES = "”\"»'’"


# -- fonts and styles ---------------------------------------------------------------------------

FONT = "DejaVuSans"
MONO = "DejaVuSansMono"


def _register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) and Mono from matplotlib's data."""
    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
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
    addMapping(MONO, 0, 0, MONO)
    addMapping(MONO, 1, 0, MONO)
    addMapping(MONO, 0, 1, MONO)
    addMapping(MONO, 1, 1, MONO)


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=13)
    return {
        "body": base,
        "doc": ParagraphStyle("doc", parent=base, fontSize=9.5, leading=15, spaceAfter=6),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
        "cellb": ParagraphStyle("cellb", parent=base, fontSize=7.5, leading=9.2, fontName=f"{FONT}-Bold"),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=11, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=f"{FONT}-Bold", fontSize=22, leading=28, spaceAfter=8),
        "h1": ParagraphStyle("h1", parent=base, fontName=f"{FONT}-Bold", fontSize=15, leading=19, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=9.5,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
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


def _e(value: Any) -> str:
    """Escape any value for reportlab paragraph markup."""
    return escape(str(value))


def _name(value: Any) -> str:
    """Escape a score or column name, letting it wrap after its underscores."""
    return _e(value).replace("_", "_\u200b")


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb[:3])


def shade(score: float) -> str:
    """Background colour (hex) behind a sentence with editorial ``score`` (0..1): light, readable."""
    r, g, b, _ = editorial_colour(score)
    a = SHADE_STRENGTH
    return _hex((1 - a + a * r, 1 - a + a * g, 1 - a + a * b))


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value != value:
            return "–"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.2f}"
    return str(value)


def _timestamp(value: str | datetime | None) -> str:
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, str):
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _png(fig: Any) -> Any:
    """A reportlab Image of a matplotlib figure, scaled to the frame width."""
    from reportlab.platypus import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=CHART_DPI, metadata={"Software": None})
    width_in, height_in = fig.get_size_inches()
    buf.seek(0)
    img = Image(buf)
    scale = min(1.0, MAX_IMAGE_HEIGHT / (_FRAME_WIDTH * height_in / width_in))
    img.drawWidth = _FRAME_WIDTH * scale
    img.drawHeight = _FRAME_WIDTH * height_in / width_in * scale
    return img


def _table(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True, extra: Sequence[Any] = ()) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, TableStyle

    table = LongTable(rows, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
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
            out.append("".join(opening) + escape(piece) + "".join(closing))
        for who in tags.get(b, ()):
            out.append(f' <font size="7" color="{SPEAKER_COLOUR}"><b>[{escape(who)}]</b></font> ')
    return "".join(out)


# -- sections -----------------------------------------------------------------------------------


def _present_dimensions(records: Sequence[Mapping[str, Any]], descriptions: Mapping[str, str]) -> dict[str, bool]:
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


def _title_page(
    records: Sequence[dict[str, Any]],
    comparison: Comparison,
    colours: Mapping[str, str],
    present: Mapping[str, bool],
    title: str,
    stamp: str,
    st: Mapping[str, Any],
) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer

    n_words = sum(int(r.get("n_words") or 0) for r in records)
    n_sent = sum(int(r.get("n_sentences") or len(r["sentences"])) for r in records)
    flow: list[Any] = [
        Spacer(1, 1.2 * cm),
        Paragraph(_e(title), st["title"]),
        Paragraph(_e(f"Generated {stamp} by framing {__version__}"), st["muted"]),
        Spacer(1, 0.6 * cm),
        Paragraph("Corpus", st["h2"]),
        Paragraph(
            _e(f"{len(records)} document{'s' if len(records) != 1 else ''}, {n_words:,} words, {n_sent:,} sentences."),
            st["body"],
        ),
    ]
    groups = comparison.labels["group"] if comparison.by else None
    if groups is not None:
        counts = groups.value_counts().sort_index()
        flow.append(
            Paragraph(
                _e(f"Grouped by {comparison.by}: " + ", ".join(f"{g} ({n})" for g, n in counts.items()) + "."),
                st["body"],
            )
        )
    dates = sorted(str(r["meta"]["date"]) for r in records if r.get("meta", {}).get("date"))
    if dates:
        flow.append(Paragraph(_e(f"Dates: {dates[0]} to {dates[-1]}."), st["body"]))
    have = [d for d in EXPECTED_DIMENSIONS if present.get(d)]
    missing = [d for d in EXPECTED_DIMENSIONS if not present.get(d)]
    line = "Dimensions scored: " + (", ".join(have) or "none") + "."
    if missing:
        line += " Not available in this run (their tables and charts are left out): " + ", ".join(missing) + "."
    flow.append(Paragraph(_e(line), st["body"]))
    flow.append(Spacer(1, 0.4 * cm))
    flow.append(Paragraph("Documents", st["h2"]))
    label_keys = [k for k in ("genre", "frame") if k in comparison.labels.columns]
    head = ["", "id", "title or first words", "group" if groups is not None else "date", "words", *label_keys]
    rows: list[list[Any]] = [[Paragraph(_e(h), st["cellb"]) for h in head]]
    for r in records:
        third = groups[r["id"]] if groups is not None else r["meta"].get("date", "")
        rows.append(
            [
                "",
                Paragraph(_e(r["id"]), st["cell"]),
                Paragraph(_e(title_of(r, 16)), st["cell"]),
                Paragraph(_e(third), st["cell"]),
                Paragraph(_fmt(int(r.get("n_words") or 0)), st["cell"]),
                *[Paragraph(_e(r["labels"].get(k, "")), st["cell"]) for k in label_keys],
            ]
        )
    fixed = [0.45 * cm, 3.6 * cm, 0, 2.4 * cm, 1.2 * cm, *[2.8 * cm for _ in label_keys]]
    fixed[2] = _FRAME_WIDTH - sum(fixed)
    swatches = [
        ("BACKGROUND", (0, i + 1), (0, i + 1), colors.HexColor(colours[r["id"]])) for i, r in enumerate(records)
    ]
    flow.append(_table(rows, fixed, extra=swatches))
    flow.append(Spacer(1, 0.4 * cm))
    flow.append(
        Paragraph(
            "Each document keeps one colour in every chart and table. Scores and their ranges are explained in "
            "the appendix; every score in this report comes with the evidence spans shown on the document pages.",
            st["muted"],
        )
    )
    return flow


def _doc_header_cells(records: Sequence[Mapping[str, Any]], colours: Mapping[str, str], st: Mapping[str, Any]) -> Any:
    from reportlab.platypus import Paragraph

    return [
        Paragraph(f'<font color="{colours[r["id"]]}">■</font> {_e(short_label(r, 40))}', st["cellb"]) for r in records
    ]


def _comparison_section(
    records: Sequence[dict[str, Any]],
    comparison: Comparison,
    colours: Mapping[str, str],
    descriptions: Mapping[str, str],
    st: Mapping[str, Any],
) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    flow: list[Any] = [PageBreak(), Paragraph("Comparison", st["h1"])]
    docs, ranks = comparison.documents, comparison.ranks
    shown = [s for s in HEADLINE_SCORES if s in docs.columns]
    shown += [s for s in ("n_sources", "frames_diversity", "dale_chall") if s in docs.columns]
    flow.append(
        Paragraph(
            "Headline scores per document; the number in brackets is the document's rank on that score "
            "(1 = highest value). All scores are in <b>framing.compare(...).documents</b>.",
            st["muted"],
        )
    )
    for lo in range(0, len(records), DOCS_PER_TABLE):
        chunk = records[lo : lo + DOCS_PER_TABLE]
        head = [Paragraph("score", st["cellb"]), *_doc_header_cells(chunk, colours, st)]
        rows = [head]
        for s in shown:
            cells = [Paragraph(_e(s), st["cell"])]
            for r in chunk:
                v = docs.at[r["id"], s]
                rank = ranks.at[r["id"], s] if s in ranks.columns else None
                rank_txt = f" ({int(rank)})" if rank is not None and rank == rank and len(records) > 1 else ""
                cells.append(Paragraph(_e(_fmt(float(v)) + rank_txt), st["cell"]))
            rows.append(cells)
        for key in (k for k in ("genre", "frame") if k in comparison.labels.columns):
            rows.append(
                [Paragraph(_e(key), st["cell"])]
                + [Paragraph(_e(comparison.labels.at[r["id"], key] or "–"), st["cell"]) for r in chunk]
            )
        first = 5.0 * cm
        rest = (_FRAME_WIDTH - first) / min(len(records), DOCS_PER_TABLE)
        flow += [Spacer(1, 0.2 * cm), _table(rows, [first] + [rest] * len(chunk))]

    if comparison.groups is not None:
        flow.append(Paragraph(_e(f"By {comparison.by}"), st["h2"]))
        g = comparison.groups
        cols = ["n_documents", "n_words", *[s for s in shown if s in g.columns][:5]]
        head = [Paragraph(_e(comparison.by or "group"), st["cellb"])] + [Paragraph(_name(c), st["cellb"]) for c in cols]
        rows = [head]
        for name, row in g.iterrows():
            rows.append(
                [Paragraph(_e(name), st["cell"])]
                + [
                    Paragraph(_fmt(int(row[c]) if c in ("n_documents", "n_words") else float(row[c])), st["cell"])
                    for c in cols
                ]
            )
        first = 3.2 * cm
        flow += [
            Paragraph("Mean of each document score within the group.", st["muted"]),
            _table(rows, [first] + [(_FRAME_WIDTH - first) / len(cols)] * len(cols)),
        ]

    flow += _differences_table(comparison.differences, "Differences between documents", st)
    if comparison.group_differences is not None and len(comparison.group_differences):
        gd = comparison.group_differences.assign(excludes_zero=comparison.group_differences["significant"])
        flow += _differences_table(gd, f"Differences between groups ({comparison.by})", st)
    return flow


def _differences_table(diffs: Any, heading: str, st: Mapping[str, Any]) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph

    flow: list[Any] = [Paragraph(_e(heading), st["h2"])]
    if diffs is None or not len(diffs):
        return [
            *flow,
            Paragraph("No sentence scores to compare (one document, or no sentence-level dimension).", st["muted"]),
        ]
    wanted = [s for s in DIFFERENCE_SCORES if s in set(diffs["score"])]
    sub = diffs[diffs["score"].isin(wanted)] if wanted else diffs
    sub = sub.assign(_order=sub["score"].map({s: i for i, s in enumerate(wanted)})).sort_values(
        ["_order", "a", "b"], kind="stable"
    )
    hidden = 0
    if len(sub) > MAX_DIFFERENCE_ROWS:
        keep = sub.sort_values(["excludes_zero", "_order"], ascending=[False, True], kind="stable").head(
            MAX_DIFFERENCE_ROWS
        )
        hidden = len(sub) - len(keep)
        sub = keep.sort_values(["_order", "a", "b"], kind="stable")
    flow.append(
        Paragraph(
            "Difference of mean sentence scores (A minus B) with a 95% bootstrap interval over sentences "
            "(1,000 resamples, seeded). <b>yes</b> in the last column: the interval excludes zero.",
            st["muted"],
        )
    )
    head = ["sentence score", "A", "B", "mean A", "mean B", "A − B", "95% interval", "≠ 0"]
    rows = [[Paragraph(_e(h), st["cellb"]) for h in head]]
    for _, d in sub.iterrows():
        rows.append(
            [
                Paragraph(_e(d["score"]), st["cell"]),
                Paragraph(_e(d["a"]), st["cell"]),
                Paragraph(_e(d["b"]), st["cell"]),
                Paragraph(_fmt(d["mean_a"]), st["cell"]),
                Paragraph(_fmt(d["mean_b"]), st["cell"]),
                Paragraph(_fmt(d["difference"]), st["cell"]),
                Paragraph(_e(f"{_fmt(d['ci_low'])} to {_fmt(d['ci_high'])}"), st["cell"]),
                Paragraph("<b>yes</b>" if d["excludes_zero"] else "no", st["cell"]),
            ]
        )
    widths = [2.7 * cm, 3.6 * cm, 3.6 * cm, 1.2 * cm, 1.2 * cm, 1.2 * cm, 2.4 * cm, 0]
    widths[-1] = _FRAME_WIDTH - sum(widths)
    flow.append(_table(rows, widths))
    if hidden:
        flow.append(
            Paragraph(_e(f"{hidden} more rows (intervals containing zero) are in compare().differences."), st["muted"])
        )
    return flow


def _charts_section(
    records: Sequence[dict[str, Any]], colours: Mapping[str, str], present: Mapping[str, bool], st: Mapping[str, Any]
) -> list[Any]:
    from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph

    flow: list[Any] = [PageBreak(), Paragraph("Charts", st["h1"])]
    charts = [
        ("Profile", "Headline scores, one bar per document.", profile, True, ""),
        (
            "Editorial score along each article",
            "One cell per sentence, as wide as its words, shaded by sentence editorial score (0..1); "
            "a triangle marks each document's most editorial sentence.",
            editorial_strip,
            present["editorial"],
            "the editorial dimension",
        ),
        (
            "Sentiment arc",
            "Sentence sentiment (-1..1) along each article: dots per sentence, a line for the moving mean.",
            sentiment_arc,
            present["sentiment"],
            "the sentiment dimension",
        ),
        (
            "Sources",
            "Attributions to named and anonymous sources and distancing (loaded) cues; who is quoted, by words.",
            sources_breakdown,
            present["attribution"],
            "the attribution dimension",
        ),
        (
            "Sentiment toward actors",
            "Sentiment in the sentences that mention each actor (-1..1); dot size = mentions.",
            actor_sentiment,
            present["actors"],
            "the actors dimension",
        ),
        (
            "Frame shares",
            "Share of each issue frame's signal per document.",
            frame_shares,
            present["frames"],
            "the frames dimension",
        ),
    ]
    for heading, caption, fn, ok, needs in charts:
        if not ok:
            flow.append(Paragraph(_e(heading), st["h2"]))
            flow.append(Paragraph(_e(f"Not shown: {needs} is not available in this run."), st["muted"]))
            continue
        fig = fn(records, colours=colours)
        img = _png(fig)
        flow.append(CondPageBreak(img.drawHeight + 60))
        flow.append(KeepTogether([Paragraph(_e(heading), st["h2"]), Paragraph(_e(caption), st["muted"]), img]))
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
    k: int, record: dict[str, Any], colours: Mapping[str, str], present: Mapping[str, bool], st: Mapping[str, Any]
) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    colour = colours[record["id"]]
    meta = record.get("meta") or {}
    flow: list[Any] = [
        PageBreak(),
        Paragraph(f'<font color="{colour}">■</font> {_e(f"Document {k}: {title_of(record, 14)}")}', st["h1"]),
    ]
    facts = [f"id {record['id']}"]
    facts += [f"{key} {meta[key]}" for key in ("outlet", "source", "author", "date", "url") if meta.get(key)]
    facts.append(f"{int(record.get('n_words') or 0):,} words, {len(record['sentences'])} sentences")
    facts += [f"{key} {v}" for key, v in record["labels"].items() if key in ("genre", "frame")]
    flow.append(Paragraph(_e(" · ".join(facts)), st["muted"]))
    headline = [s for s in HEADLINE_SCORES if s in record["scores"]][:9]
    if headline:
        flow.append(Paragraph(_e(" · ".join(f"{s} {_fmt(record['scores'][s])}" for s in headline)), st["small"]))
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
    for start, end, _ in _paragraph_ranges(record):
        markup = markup_paragraph(
            record, start, end, bold=bold, underline=underline, quoted=quoted, tags=tags, sentence_shades=shades
        )
        flow.append(Paragraph(markup, st["doc"]))
    flow += _sources_table(record, st)
    flow += _actors_table(record, st)
    return flow


def _sources_table(record: Mapping[str, Any], st: Mapping[str, Any]) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph

    if "attributions" not in record:
        return []
    items = record["attributions"]
    flow: list[Any] = [Paragraph("Sources", st["h2"])]
    if not items:
        return [*flow, Paragraph("No attributions found.", st["muted"])]
    head = ["speaker", "type", "cue", "stance", "kind", "quoted words", "sent."]
    rows = [[Paragraph(_e(h), st["cellb"]) for h in head]]
    for a in items:
        who = a.get("speaker") or (a.get("source") or {}).get("text") or "–"
        if a.get("role"):
            who = f"{who} ({a['role']})"
        rows.append(
            [
                Paragraph(_e(who), st["cell"]),
                Paragraph(_e(a.get("source_type") or "–"), st["cell"]),
                Paragraph(_e((a.get("cue") or {}).get("text") or "–"), st["cell"]),
                Paragraph(_e(a.get("cue_class") or "–"), st["cell"]),
                Paragraph(_e(a.get("type") or "–"), st["cell"]),
                Paragraph(_fmt(int(a.get("quoted_words") or 0)), st["cell"]),
                Paragraph(_e(int(a.get("sentence", -1)) + 1), st["cell"]),
            ]
        )
    widths = [0, 2.3 * cm, 2.6 * cm, 1.9 * cm, 2.2 * cm, 1.6 * cm, 1.1 * cm]
    widths[0] = _FRAME_WIDTH - sum(widths)
    flow.append(_table(rows, widths))
    return flow


def _actors_table(record: Mapping[str, Any], st: Mapping[str, Any]) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph

    if "actors" not in record:
        return []
    items = record["actors"]
    flow: list[Any] = [Paragraph("Actors", st["h2"])]
    if not items:
        return [*flow, Paragraph("No actors found.", st["muted"])]
    head = ["actor", "type", "role", "mentions", "sentiment", "quoted words"]
    rows = [[Paragraph(_e(h), st["cellb"]) for h in head]]
    actors = sorted(actor_rows(record), key=lambda a: (-a["mentions"], a["name"]))
    for a in actors[:MAX_ACTOR_ROWS]:
        rows.append(
            [
                Paragraph(_e(a["name"]), st["cell"]),
                Paragraph(_e(a["type"] or "–"), st["cell"]),
                Paragraph(_e(str(a["role"] or "–").replace("_", " ")), st["cell"]),
                Paragraph(_fmt(a["mentions"]), st["cell"]),
                Paragraph(_fmt(a["sentiment"]), st["cell"]),
                Paragraph(_fmt(a["n_quoted_words"]), st["cell"]),
            ]
        )
    widths = [0, 2.4 * cm, 2.6 * cm, 1.8 * cm, 1.8 * cm, 2.0 * cm]
    widths[0] = _FRAME_WIDTH - sum(widths)
    flow.append(_table(rows, widths))
    if len(actors) > MAX_ACTOR_ROWS:
        more = actors[MAX_ACTOR_ROWS:]
        flow.append(
            Paragraph(
                _e(f"{len(more)} more actors mentioned at most {max(a['mentions'] for a in more)} times: ")
                + _e(", ".join(a["name"] for a in more)),
                st["muted"],
            )
        )
    return flow


# -- appendix -----------------------------------------------------------------------------------


def find_results(path: str | Path | None = None) -> tuple[str, str] | None:
    """``(where, markdown)`` of the measured accuracy: ``benchmarks/RESULTS.md``, else ``results/*.md``.

    ``path`` is a RESULTS.md file or a benchmarks folder; by default the source checkout's.
    """
    base = Path(path) if path is not None else Path(__file__).resolve().parent.parent / "benchmarks"
    if base.is_file():
        return str(base), base.read_text(encoding="utf-8")
    results = base / "RESULTS.md"
    if results.is_file():
        return str(results), results.read_text(encoding="utf-8")
    parts = sorted((base / "results").glob("*.md")) if (base / "results").is_dir() else []
    if parts:
        return str(base / "results"), "\n\n".join(p.read_text(encoding="utf-8") for p in parts)
    return None


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
    from reportlab.platypus import Paragraph

    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?", c) or not c for c in r)]
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    longest = [max(min(len(r[j]), 60) for r in rows) + 4 for j in range(n)]
    widths = [_FRAME_WIDTH * w / sum(longest) for w in longest]
    cells = [[Paragraph(_inline(c), st["cellb" if k == 0 else "cell"]) for c in r] for k, r in enumerate(rows)]
    return _table(cells, widths)


def _appendix(
    analyzer: Any, records: Sequence[Mapping[str, Any]], results_path: Any, st: Mapping[str, Any]
) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph

    flow: list[Any] = [PageBreak(), Paragraph("Appendix: methodology", st["h1"])]
    flow.append(Paragraph("What each score means", st["h2"]))
    descriptions = dict(analyzer.score_descriptions()) if analyzer is not None else {}
    present = {k for r in records for k in r["scores"]}
    rows = [[Paragraph("score", st["cellb"]), Paragraph("meaning: direction; range; unit", st["cellb"])]]
    for name, meaning in descriptions.items():
        mark = "" if name in present else " (not in these documents)"
        rows.append([Paragraph(_e(name), st["cell"]), Paragraph(_e(meaning + mark), st["cell"])])
    for name in sorted(present - set(descriptions) - {"n_words", "n_sentences"}):
        rows.append([Paragraph(_e(name), st["cell"]), Paragraph("(no description available)", st["cell"])])
    flow.append(_table(rows, [5.2 * cm, _FRAME_WIDTH - 5.2 * cm]))
    if frame_names(records):
        flow.append(
            Paragraph(
                "Frame scores <b>frame_&lt;name&gt;</b> are shares of each issue frame's signal (0..1).", st["muted"]
            )
        )

    flow.append(Paragraph("Lexicons", st["h2"]))
    if analyzer is not None:
        lexicons = sorted(analyzer.resources.lexicons.values(), key=lambda x: x.name)
        rows = [[Paragraph(_e(h), st["cellb"]) for h in ("lexicon", "version", "entries", "license", "source")]]
        for lx in lexicons:
            source = lx.source if len(lx.source) <= MAX_SOURCE_CHARS else lx.source[: MAX_SOURCE_CHARS - 1] + "…"
            rows.append(
                [
                    Paragraph(_e(lx.name), st["cell"]),
                    Paragraph(_e(lx.version), st["cell"]),
                    Paragraph(_fmt(len(lx.entries)), st["cell"]),
                    Paragraph(_e(lx.license), st["cell"]),
                    Paragraph(_e(source), st["cell"]),
                ]
            )
        widths = [3.4 * cm, 1.4 * cm, 1.4 * cm, 2.0 * cm, 0]
        widths[-1] = _FRAME_WIDTH - sum(widths)
        flow.append(_table(rows, widths))

    flow.append(Paragraph("Measured accuracy", st["h2"]))
    found = find_results(results_path)
    if found is None:
        flow.append(
            Paragraph(
                "No benchmark results were found (benchmarks/RESULTS.md is not part of this installation).", st["muted"]
            )
        )
    else:
        where, text = found
        flow.append(Paragraph(_e(f"From {Path(where).name}, as measured by the scripts in benchmarks/."), st["muted"]))
        flow += _markdown(text, st)
    return flow


# -- the document ---------------------------------------------------------------------------------


def build_pdf(
    analyses: Iterable[Any],
    path: str | Path,
    *,
    title: str = "framing report",
    timestamp: str | datetime | None = None,
    analyzer: Any = None,
    by: Any = None,
    comparison: Comparison | None = None,
    results_path: str | Path | None = None,
) -> Path:
    """Write the PDF report for ``analyses`` (Analysis objects or records) to ``path``; return the path.

    ``timestamp`` is printed on the title page (default: ``SOURCE_DATE_EPOCH`` when set, else now);
    it is the only thing that differs between two builds of the same input. ``analyzer`` supplies
    score meanings and lexicon versions for the appendix (default: an all-defaults analyser);
    ``by`` groups documents as in :func:`framing.compare`; ``results_path`` points at
    ``benchmarks/RESULTS.md`` or a benchmarks folder.
    """
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    records = as_records(analyses)
    if not records:
        raise ValueError("no documents to report on")
    _register_fonts()
    st = _styles()
    if analyzer is None:
        from .analyzer import _default_analyzer

        analyzer = _default_analyzer()
    comparison = comparison if comparison is not None else compare(records, by=by)
    colours = document_colours(records)
    descriptions = analyzer.score_descriptions()
    present = _present_dimensions(records, descriptions)
    stamp = _timestamp(timestamp)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    margin = MARGIN
    A4 = A4_SIZE

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, 1.0 * cm, f"{title} · framing {__version__}")
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
    story += _title_page(records, comparison, colours, present, title, stamp, st)
    story += _comparison_section(records, comparison, colours, descriptions, st)
    story += _charts_section(records, colours, present, st)
    for k, record in enumerate(records, 1):
        story += _document_section(k, record, colours, present, st)
    story += _appendix(analyzer, records, results_path, st)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
