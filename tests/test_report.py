"""The PDF report, read back with pypdf: pages, titles, literal markup, Unicode, determinism."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("reportlab")
pypdf = pytest.importorskip("pypdf")

import framing  # noqa: E402
from framing.cli import EXIT_OK, main  # noqa: E402
from framing.compare import as_record, first_words  # noqa: E402
from framing.report import build_pdf, find_results, markup_paragraph, shade  # noqa: E402

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
        (i for i, t in enumerate(texts) if i > start and (f"Document {k + 1}:" in t or "Appendix: methodology" in t)),
        len(texts),
    )
    return texts[start:end]


def test_seeds_report_has_every_section_and_each_document_on_its_own_pages(
    seeds: list[framing.Analysis], seeds_text: list[str]
) -> None:
    # title page, comparison, charts, at least one page per document, appendix
    assert len(seeds_text) >= 3 + len(seeds) + 1
    assert "Seeds" in seeds_text[0] and "2024-01-01 00:00" in seeds_text[0]
    assert "3 documents" in seeds_text[0]
    starts = [next(i for i, t in enumerate(seeds_text) if f"Document {k}:" in t) for k in (1, 2, 3)]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert any("Appendix: methodology" in t for t in seeds_text)
    whole = squash(" ".join(seeds_text))
    for a in seeds:
        assert squash(first_words(as_record(a), 8).rstrip(" …")) in whole
        assert a.id in whole


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


def test_appendix_lists_score_meanings_and_lexicon_versions(seeds_text: list[str]) -> None:
    analyzer = framing.Analyzer()
    start = next(i for i, t in enumerate(seeds_text) if "Appendix: methodology" in t)
    appendix = squash(" ".join(seeds_text[start:]))
    for name, _meaning in list(analyzer.score_descriptions().items())[:5]:
        assert squash(name) in appendix
    for lx in list(analyzer.resources.lexicons.values())[:5]:
        assert squash(f"{lx.name}{lx.version}") in appendix


def test_markup_characters_in_a_document_render_literally(tmp_path: Path) -> None:
    a = framing.analyze(MARKUP, id="markup <b>&amp;</b>", meta={"title": "<para>Title & <i>more</i>"})
    out = build_pdf([a], tmp_path / "markup.pdf", title="Markup & <b>", timestamp="T")
    text = squash(" ".join(pages_text(out)))
    for literal in ("<b>council</b>", "&", "<font color='red'>mayor</font>", "<para>tag</para>", "&amp;"):
        assert squash(literal) in text, literal
    assert squash("<para>Title & <i>more</i>") in text
    assert squash("Zoë Ångström said “no” — twice") in text


def test_output_is_deterministic_apart_from_the_timestamp(tmp_path: Path) -> None:
    a = framing.analyze("The council met on Monday. “We will vote,” the mayor said.", id="short")
    one = build_pdf([a], tmp_path / "one.pdf", timestamp="2024-05-01 10:00 UTC").read_bytes()
    other = build_pdf([a], tmp_path / "two.pdf", timestamp="2024-05-02 10:00 UTC").read_bytes()
    assert len(one) == len(other)
    differing = [i for i, (x, y) in enumerate(zip(one, other)) if x != y]
    assert differing, "the timestamp is printed"
    # everything else is identical: the differences sit in one small region (the title page's text stream)
    assert differing[-1] - differing[0] < 2000


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


def test_results_are_read_from_results_md_or_the_parts(tmp_path: Path) -> None:
    assert find_results(tmp_path) is None
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "b.md").write_text("## B\n", encoding="utf-8")
    (tmp_path / "results" / "a.md").write_text("## A\n", encoding="utf-8")
    _where, text = find_results(tmp_path)  # type: ignore[misc]
    assert text.index("## A") < text.index("## B")
    (tmp_path / "RESULTS.md").write_text("# all\n", encoding="utf-8")
    assert find_results(tmp_path)[1] == "# all\n"  # type: ignore[index]


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
    plain = unescape(re.sub(r"<[^>]*>", "", markup))
    assert plain == text.replace("\n", " ")
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    Paragraph(markup, ParagraphStyle("t"))  # parses without error
