"""The PDF report, read back with pypdf: findings first, page counts, literal markup, Unicode, determinism."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

pytest.importorskip("reportlab")
pypdf = pytest.importorskip("pypdf")

import framing  # noqa: E402
from framing import report  # noqa: E402
from framing.cli import EXIT_OK, main  # noqa: E402
from framing.compare import as_record, first_words  # noqa: E402
from framing.plots import canonical_speakers  # noqa: E402
from framing.report import _fmt_score, _widths, build_pdf, markup_paragraph, shade, visible_text  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MARKUP = (
    "The <b>council</b> & the <font color='red'>mayor</font> met. "
    "A <para>tag</para> and &amp; stay as written; Zoë Ångström said “no” — twice."
)


def pages_text(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seeds() -> list[framing.Analysis]:
    return [framing.analyze(d) for d in framing.read_path(SEEDS)]


@pytest.fixture(scope="module")
def seeds_pdf(seeds: list[framing.Analysis], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(seeds, tmp_path_factory.mktemp("r") / "seeds.pdf", title="Seeds", timestamp="2024-01-01 00:00")


@pytest.fixture(scope="module")
def seeds_text(seeds_pdf: Path) -> list[str]:
    return pages_text(seeds_pdf)


def section_pages(texts: list[str], k: int) -> list[str]:
    """The pages of document ``k`` (1-based): from its heading to the next section."""
    start = next(i for i, t in enumerate(texts) if f"Document {k}:" in t)
    end = next(
        (i for i, t in enumerate(texts) if i > start and (f"Document {k + 1}:" in t or "Methodology" in t)),
        len(texts),
    )
    return texts[start:end]


def test_seeds_report_leads_with_findings_and_keeps_each_document(
    seeds: list[framing.Analysis], seeds_text: list[str]
) -> None:
    first = seeds_text[0]
    assert "Seeds" in first and "2024-01-01 00:00" in first
    assert "3 documents" in first and "Findings" in first
    # no outlet: page 1 says the documents are not grouped and names the extremes of the main scores
    assert "not grouped" in first and "--by KEY" in first
    assert squash("editorial: highest") in squash(first)
    starts = [next(i for i, t in enumerate(seeds_text) if f"Document {k}:" in t) for k in (1, 2, 3)]
    assert starts == sorted(starts) and len(set(starts)) == 3
    whole = squash(" ".join(seeds_text))
    for a in seeds:
        assert squash(first_words(as_record(a), 8).rstrip(" …")) in whole
        assert a.id in whole
    assert len(seeds_text) <= 20  # was 38 with the benchmark notes as an appendix


def test_seeds_report_defects_are_gone(seeds: list[framing.Analysis], seeds_text: list[str]) -> None:
    first = seeds_text[0]
    dated = sorted({str(a.meta["date"]) for a in seeds if a.meta.get("date")})
    undated = sum(1 for a in seeds if not a.meta.get("date"))
    assert not re.search(r"Dates: (\S+) to \1\b", " ".join(seeds_text))
    if len(dated) == 1:
        assert f"Date: {dated[0]} ({undated} of 3 documents undated)" in first
    # counts are whole numbers wherever they are printed
    assert not re.search(r"\bn_(sources|words|sentences|actors) \d+\.\d", " ".join(seeds_text))
    # the short methodology replaces the benchmark notes: no commit hashes, local paths or reproduce commands
    start = next(i for i, t in enumerate(seeds_text) if "Methodology" in t)
    methodology = " ".join(seeds_text[start:])
    assert "What each score means" in methodology and "ROC-AUC" in methodology
    assert "/work/" not in methodology and "benchmarks/fit_" not in methodology
    assert not re.search(r"commit [0-9a-f]{7}", methodology)
    assert len(seeds_text) - start <= 3


def test_no_page_holds_only_a_heading(seeds_text: list[str]) -> None:
    for k, text in enumerate(seeds_text, 1):
        body = text.replace("page", " ").split()
        assert len(body) > 12, f"page {k} is nearly empty: {text[:80]!r}"


def test_speakers_take_the_actors_canonical_names(seeds: list[framing.Analysis], seeds_text: list[str]) -> None:
    record = as_record(seeds[0])
    if not record.get("actors") or not record.get("attributions"):
        pytest.skip("attribution or actors dimension not registered")
    # a record that calls him "Biden" where its actors block says "Joe Biden" gets the actor's name
    renamed = {
        **record,
        "attributions": [
            {**a, "speaker": "Biden"} if a.get("speaker") == "Joe Biden" else a for a in record["attributions"]
        ],
    }
    assert canonical_speakers(renamed)["Biden"] == "Joe Biden"
    section = " ".join(section_pages(seeds_text, 1))
    sources = section[section.index("Sources") : section.index("Actors", section.index("Sources"))]
    assert "Joe Biden" in sources and not re.search(r"(?<!Joe )Biden", sources)


def test_seed_000_opener_is_named_the_most_editorial_sentence(
    seeds: list[framing.Analysis], seeds_text: list[str]
) -> None:
    if "editorial" not in seeds[0].sentences[0].scores:
        pytest.skip("editorial dimension not registered")
    page = squash(section_pages(seeds_text, 1)[0])
    assert squash("Most editorial sentence (sentence 1 of") in page
    assert squash("It looks like Biden and this failed administration") in page


def test_seed_001_quotes_are_shown_with_their_speakers(seeds_text: list[str]) -> None:
    section = squash(" ".join(section_pages(seeds_text, 2)))
    assert squash("“That is not on the table,”") in section
    for speaker in ("[Jake Sullivan]", "[Colin Kahl]", "[John Kirby]"):
        assert squash(speaker) in section
    assert "Sources" in " ".join(section_pages(seeds_text, 2))


def test_methodology_lists_lexicon_versions(seeds_text: list[str]) -> None:
    analyzer = framing.Analyzer()
    start = next(i for i, t in enumerate(seeds_text) if "Methodology" in t)
    methodology = squash(" ".join(seeds_text[start:]))
    for lx in list(analyzer.resources.lexicons.values())[:5]:
        assert squash(f"{lx.name}{lx.version}") in methodology


def test_cue_underline_starts_on_the_verb_not_the_space_before_it() -> None:
    text = "The Russians are portraying it as an exercise."
    record = {"text": text, "sentences": [{"index": 0, "start": 0, "end": len(text), "paragraph": 0, "text": text}]}
    verb = text.index("portraying")
    markup = markup_paragraph(record, 0, len(text), underline=[(verb, verb + 10)], sentence_shades={0: "#FFEEAA"})
    assert "<u>portraying</u>" in markup
    assert "<u> " not in markup and "<u>\u00a0" not in markup


def test_counts_print_as_whole_numbers() -> None:
    assert _fmt_score("n_sources", 13.0) == "13"
    assert _fmt_score("n_words", 1234.0) == "1,234"
    assert _fmt_score("editorial", 0.4567) == "0.46"


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(
        st.lists(st.text(alphabet="abcdefghij_", min_size=1, max_size=30), min_size=1, max_size=4).map(" ".join),
        min_size=2,
        max_size=9,
    ),
    total=st.floats(200, 520),
)
@example(words=["_", "_", "_", "____aaaaaaaaaaaaa"], total=200.0)
def test_table_columns_never_split_a_word(words: list[str], total: float) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from framing.report import FONT, _register_fonts

    _register_fonts()
    rows = [words, ["1.00"] * len(words)]
    widths = _widths(rows, total)
    assert abs(sum(widths) - total) < 1e-6
    body = stringWidth("1.00", FONT, 7.5)
    # A word wider than a third of the table (a URL, an inline image) may be split; no other word is.
    needed = [
        max(body, *(min(stringWidth(w, f"{FONT}-Bold", 7.5), total / 3) for w in cell.split())) + 7 for cell in words
    ]
    if sum(needed) <= total:
        for got, need in zip(widths, needed):
            assert got >= need


def test_markup_characters_in_a_document_render_literally(tmp_path: Path) -> None:
    a = framing.analyze(MARKUP, id="markup <b>&amp;</b>", meta={"title": "<para>Title & <i>more</i>"})
    out = build_pdf([a], tmp_path / "markup.pdf", title="Markup & <b>", timestamp="T")
    text = squash(" ".join(pages_text(out)))
    for literal in ("<b>council</b>", "&", "<font color='red'>mayor</font>", "<para>tag</para>", "&amp;"):
        assert squash(literal) in text, literal
    assert squash("<para>Title & <i>more</i>") in text
    assert squash("Zoë Ångström said “no” — twice") in text


def test_output_is_deterministic_apart_from_the_timestamp(tmp_path: Path) -> None:
    analyzer = framing.Analyzer(dimensions=["readability", "editorial"])
    a = analyzer.analyze("The council met on Monday. “We will vote,” the mayor said.", id="short")
    one = build_pdf([a], tmp_path / "one.pdf", timestamp="2024-05-01 10:00 UTC", analyzer=analyzer).read_bytes()
    again = build_pdf([a], tmp_path / "again.pdf", timestamp="2024-05-01 10:00 UTC", analyzer=analyzer).read_bytes()
    other = build_pdf([a], tmp_path / "two.pdf", timestamp="2024-05-02 10:00 UTC", analyzer=analyzer).read_bytes()
    assert one == again
    assert one != other, "the timestamp is printed"
    assert "2024-05-02 10:00 UTC" in pages_text(tmp_path / "two.pdf")[0]


def test_missing_dimensions_are_named_and_their_charts_left_out(tmp_path: Path) -> None:
    analyzer = framing.Analyzer(dimensions=["readability"])
    a = analyzer.analyze("The council met on Monday. The mayor said the plan was ready.", id="plain")
    out = build_pdf([a], tmp_path / "plain.pdf", analyzer=analyzer, timestamp="T")
    text = " ".join(pages_text(out))
    assert "Not available in this run" in text
    assert "Not shown: the editorial dimension is not available" in text
    assert "Sentences are not shaded" in text


def test_report_command_writes_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "one.pdf"
    code = main(
        ["report", str(SEEDS / "001_9113edbd277c3798.txt"), "-o", str(out), "--timestamp", "T"],
        stdout=(buf := __import__("io").StringIO()),
        stderr=__import__("io").StringIO(),
    )
    assert code == EXIT_OK
    assert str(out) in buf.getvalue()
    assert "Jake Sullivan" in " ".join(pages_text(out))


def test_report_command_with_nothing_to_score_fails_cleanly(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    err = __import__("io").StringIO()
    code = main(["report", str(empty), "-o", str(tmp_path / "x.pdf")], stdout=__import__("io").StringIO(), stderr=err)
    assert code == 1
    assert "no report written" in err.getvalue()
    assert not (tmp_path / "x.pdf").exists()


def test_shade_gets_darker_with_the_score() -> None:
    def lightness(h: str) -> int:
        return sum(int(h[i : i + 2], 16) for i in (1, 3, 5))

    values = [lightness(shade(v)) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert values == sorted(values, reverse=True)
    assert min(values) > 3 * 110  # still light enough for black text


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&;'\"“”—é\n")), min_size=1, max_size=60),
    data=st.data(),
)
def test_markup_keeps_every_character_escaped(text: str, data: st.DataObject) -> None:
    from xml.sax.saxutils import unescape

    n = len(text)
    spans = st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).map(tuple), max_size=4)
    record = {
        "text": text,
        "sentences": [{"index": 0, "start": 0, "end": n, "paragraph": 0, "text": text, "scores": {}}],
    }
    markup = markup_paragraph(
        record,
        0,
        n,
        bold=data.draw(spans),
        underline=data.draw(spans),
        quoted=data.draw(spans),
        sentence_shades={0: "#FFEEAA"},
    )
    plain = unescape(re.sub(r"<[^>]*>", "", markup)).replace("\u00a0", " ")
    assert plain == text.replace("\n", " ")
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    Paragraph(markup, ParagraphStyle("t"))  # parses without error


# -- a corpus: 24 documents from 3 outlets ---------------------------------------------------------


def corpus(n: int = 24) -> list[framing.Document]:
    """``n`` short articles made of the seeds' paragraphs, three outlets, two topics, some dated."""
    paragraphs = [
        p.strip()
        for d in framing.read_path(SEEDS)
        for p in d.text.split("\n")
        if len(p.split()) > 12  # type: ignore[union-attr]
    ]
    docs = []
    for k in range(n):
        body = "\n\n".join(paragraphs[(k * 3 + j) % len(paragraphs)] for j in range(3))
        meta = {"outlet": ("North", "South", "West")[k % 3], "topic": ("war", "talks")[k // 12]}
        if k % 2:
            meta["date"] = f"2022-01-{1 + k:02d}"
        docs.append(framing.Document(text=body, id=f"doc-{k:02d}", meta=meta))
    return docs


@pytest.fixture(scope="module")
def corpus_analyses() -> list[framing.Analysis]:
    return list(framing.Analyzer().analyze_many(corpus()))


@pytest.fixture(scope="module")
def corpus_pdf(corpus_analyses: list[framing.Analysis], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = build_pdf(corpus_analyses, tmp_path_factory.mktemp("c") / "corpus.pdf", by="outlet", timestamp="T")
    return path, [str(w.message) for w in caught]


def test_a_24_document_report_fits_in_15_pages_without_warnings(corpus_pdf: tuple[Path, list]) -> None:
    path, caught = corpus_pdf
    texts = pages_text(path)
    assert len(texts) <= 15
    assert caught == []
    assert not any("Document 1:" in t for t in texts)  # per-document pages are opt-in past three documents


def test_page_one_states_the_group_findings(corpus_analyses: list[framing.Analysis], corpus_pdf: tuple) -> None:
    first = pages_text(corpus_pdf[0])[0]
    comparison = framing.compare(corpus_analyses, by="outlet")
    gd = comparison.group_differences
    assert "Findings" in first and "Grouped by outlet: North (8), South (8), West (8)" in first
    tested = gd[gd["p_adjusted"].notna()]
    significant = tested[tested["significant"].astype(bool)]
    assert f"{len(significant)} of {len(tested)} differences are significant" in first
    assert "What does not differ" in first or len(significant) == len(tested)
    if len(significant):
        assert "What differs" in first and "adjusted p" in first and "Hedges' g" in first
    assert "Dates: 2022-01-02 to 2022-01-24 (12 of 24 documents undated)." in first


def test_the_forest_plot_shows_every_pair_significant_or_not(corpus_analyses: list[framing.Analysis]) -> None:
    from framing.plots import forest

    gd = framing.compare(corpus_analyses, by="outlet").group_differences
    scores = list(dict.fromkeys(gd["score"]))[:2]
    fig = forest(gd, scores)
    rows = sum(len(ax.get_yticklabels()) for ax in fig.axes if ax.get_yticklabels())
    assert rows == len(gd[gd["score"].isin(scores)])


def test_report_command_documents_jobs_and_quiet(tmp_path: Path) -> None:
    import io

    out = tmp_path / "none.pdf"
    stdout, stderr = io.StringIO(), io.StringIO()
    fast = ["--dimensions", "readability"]  # no chart to draw: the options are what is tested here
    code = main(
        ["report", str(SEEDS), "-o", str(out), "--documents", "none", "--quiet", "--jobs", "2", *fast], stdout, stderr
    )
    assert code == EXIT_OK
    assert stdout.getvalue() == "" and stderr.getvalue() == ""
    texts = pages_text(out)
    assert not any("Document 1:" in t for t in texts) and "Findings" in texts[0]
    one = tmp_path / "one.pdf"
    assert main(["report", str(SEEDS), "-o", str(one), "--documents", "1", *fast], io.StringIO(), io.StringIO()) == 0
    texts = pages_text(one)
    assert any("Document 1:" in t for t in texts) and not any("Document 2:" in t for t in texts)
    err = io.StringIO()
    assert main(["report", str(SEEDS), "-o", str(one), "--documents", "some"], io.StringIO(), err) == 2
    assert "--documents" in err.getvalue()


def test_right_to_left_text_is_laid_out_and_emoji_are_named(tmp_path: Path) -> None:
    pytest.importorskip("bidi")
    from framing.report import _register_fonts, _rtl_paragraph, _styles

    _register_fonts()

    # letters of a right-to-left run reversed for drawing, words of the run in right-to-left order
    assert visible_text("The sign read שלום עכשיו today") == "The sign read וישכע םולש today"
    assert visible_text("plain text") == "plain text"
    # a right-to-left paragraph is broken into lines in reading order, then each line reordered
    hebrew = " ".join(["שלום", "עכשיו"] * 40)
    lines = _rtl_paragraph(hebrew, _styles())[0].text.split("<br/>")
    assert len(lines) >= 2
    assert lines[0].endswith("םולש")  # the first word of the paragraph is drawn at the right end
    text = "The mayor said the plan would work 👍 and people cheered. Signs read שלום עכשיו at the march."
    a = framing.analyze(text, id="rtl")
    whole = " ".join(pages_text(build_pdf([a], tmp_path / "rtl.pdf", timestamp="T")))
    assert "[thumbs up sign]" in whole  # named, not an empty box


def test_an_unbroken_3000_character_token_does_not_stop_the_report(tmp_path: Path) -> None:
    analyzer = framing.Analyzer(dimensions=["readability", "editorial"])
    text = "The mayor said the plan works. " + "QUJD" * 750 + " was attached. It ended there."
    a = analyzer.analyze(text, id="inline-image", meta={"title": "B" * 400})
    texts = pages_text(build_pdf([a], tmp_path / "long.pdf", timestamp="T", analyzer=analyzer))
    assert "QUJDQUJD" in squash(" ".join(texts))


def test_groups_too_small_to_test_are_said_so_not_called_equal(tmp_path: Path) -> None:
    analyzer = framing.Analyzer(dimensions=["readability", "editorial"])
    docs = [framing.Document(text=d.text, id=d.id, meta={"outlet": o}) for d, o in zip(framing.read_path(SEEDS), "AAB")]  # type: ignore[union-attr]
    analyses = [analyzer.analyze(d) for d in docs]
    first = pages_text(build_pdf(analyses, tmp_path / "small.pdf", timestamp="T", analyzer=analyzer))[0]
    assert "Grouped by outlet: A (2), B (1)" in first
    assert "no difference can be tested" in first and "What does not differ" not in first
    assert "fewer than 5 documents in A (2 documents), B (1 document)" in first


def test_a_corpus_lists_the_documents_at_both_ends_of_the_table(
    corpus_analyses: list[framing.Analysis], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "MAX_DOCUMENT_ROWS", 6)
    path = build_pdf(corpus_analyses, tmp_path / "c.pdf", by="outlet", timestamp="T", documents="none")
    text = " ".join(pages_text(path)).replace("\n", " ")
    assert "Of 24 documents, the 3 highest and lowest on editorial are listed." in text
    assert "18 documents in between, not listed" in text
    editorial = {a.id: a.scores["editorial"] for a in corpus_analyses}
    ranked = sorted(editorial, key=lambda i: -editorial[i])
    table = text[text.index("Of 24 documents") :]
    listed = {i for i in editorial if i in table}
    assert len(listed) == 6
    assert set(ranked[:3]) | set(ranked[-3:]) == listed
