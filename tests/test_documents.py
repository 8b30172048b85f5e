"""Documents: decoding, the metadata header rule, loaders, bad input, DataFrames and tables."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import Analysis, Analyzer, Document, Evidence, Failure, LoadOptions, read_path
from framing.document import DecodeError, decode_bytes, split_header
from framing.io import iter_documents, read_csv, read_jsonl, read_stdin, read_text_file
from framing.results import SentenceResult

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXT = "President Biden spoke on Monday. “We are ready,” he said — and left."
ENGLISH = (
    "The council approved the budget on Tuesday after a long debate. The mayor said the plan would add "
    "forty officers to the force and that the city could afford it. Critics called it a giveaway."
)
GERMAN = (
    "Die Bundesregierung hat am Montag beschlossen, die Hilfen für die Ukraine deutlich aufzustocken. "
    "Kanzler Scholz sagte, Deutschland stehe fest an der Seite der Ukraine und werde weitere Waffen "
    "liefern. Kritiker bemängeln jedoch die zögerliche Haltung Berlins."
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=[]).load()


# ---- decoding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_decode_unicode(data: bytes) -> None:
    text, warnings = decode_bytes(data)
    assert text == TEXT and warnings == []


def test_cp1252_fallback_warns() -> None:
    original = "Café owners said the “new rules” cost €200 — too much."
    text, warnings = decode_bytes(original.encode("cp1252"))
    assert text == original
    assert len(warnings) == 1 and "cp1252" in warnings[0] and "not valid UTF-8" in warnings[0]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [(b"abc\x00def", "NUL byte at offset 3"), (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF")],
)
def test_binary_data_is_rejected(data: bytes, fragment: str) -> None:
    with pytest.raises(DecodeError, match=fragment):
        decode_bytes(data)


def test_text_file_offsets_refer_to_the_decoded_text(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    doc = read_text_file(path)
    assert isinstance(doc, Document) and doc.text == TEXT and doc.id == "bom" and doc.source == str(path)
    result = analyzer.analyze(doc)
    assert [result.sentence_text(i) for i in range(result.n_sentences)] == [
        "President Biden spoke on Monday.",
        "“We are ready,” he said — and left.",
    ]


def test_cp1252_file_is_scored_with_its_warning(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("The café’s owner said “no.” Then she left.".encode("cp1252"))
    result = analyzer.analyze(read_text_file(path))
    assert any("cp1252" in w for w in result.warnings)
    assert result.sentence_text(0) == "The café’s owner said “no.”"


def test_document_text_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="text must be str"):
        Document("x", b"bytes")  # type: ignore[arg-type]


# ---- the metadata header rule ------------------------------------------------------------------


def test_seed_002_date_header() -> None:
    text = (SEEDS / "002_0a28a9245bdd40ba.txt").read_text(encoding="utf-8")
    body_start, meta = split_header(text)
    assert meta == {"date": "2022-01-24"}
    assert text[body_start:].startswith("President Biden will speak")


BODY = "The talks failed."


@pytest.mark.parametrize(
    ("header", "meta"),
    [
        ("Title: Talks fail in Geneva\nDate: 2022-01-24\n\n", {"title": "Talks fail in Geneva", "date": "2022-01-24"}),
        ("date: 2022-01-24\n", {"date": "2022-01-24"}),
        ("published 2022-01-24T10:30:00Z ", {"published": "2022-01-24T10:30:00Z"}),
        ("Source: Reuters\nAuthor: Jane Doe\n", {"source": "Reuters", "author": "Jane Doe"}),
        ("Date: January 24, 2022\n", {"date": "January 24, 2022"}),
    ],
)
def test_header_fields(header: str, meta: dict[str, str]) -> None:
    body_start, found = split_header(header + BODY)
    assert found == meta
    assert body_start == len(header)


def test_a_repeated_header_key_ends_the_header() -> None:
    text = "Title: One\nTitle: Two\n" + BODY
    body_start, found = split_header(text)
    assert found == {"title": "One"} and text[body_start:] == "Title: Two\n" + BODY


@pytest.mark.parametrize(
    "text",
    [
        "Date night is back, restaurant owners say.",
        "Dated 2022-01-24, the memo was leaked.",
        "Title of the bill: the Freedom to Vote Act.",
        "The date 2022-01-24 was chosen.",
        "Date 2022-01-24x is not a date.",
        "Title:\nThe talks failed.",
    ],
)
def test_text_that_only_looks_like_a_header(text: str) -> None:
    assert split_header(text) == (0, {})


def test_header_stays_in_the_text_and_offsets_refer_to_it(analyzer: Analyzer) -> None:
    text = " date 2022-01-24 President Biden will speak. He left."
    result = analyzer.analyze(text)
    assert result.meta["date"] == "2022-01-24"
    assert result.text == text and result.body_start == text.index("President")
    assert result.sentences[0].start == result.body_start
    assert result.sentence_text(1) == "He left."
    # metadata given by the caller wins over the header
    assert analyzer.analyze(text, meta={"date": "2023-01-01"}).meta["date"] == "2023-01-01"


# ---- bad input: one-line failures naming the file and line, the rest still scored -----------------


def make_bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    paths = {
        "good": folder / "a_good.txt",
        "empty": folder / "b_empty.txt",
        "blank": folder / "c_blank.txt",
        "nul": folder / "d_nul.txt",
        "pdf": folder / "e_report.txt",
        "huge": folder / "f_huge.txt",
        "german": folder / "g_german.txt",
        "jsonl": folder / "h_records.jsonl",
        "csv": folder / "i_table.csv",
    }
    paths["good"].write_text(ENGLISH, encoding="utf-8")
    paths["empty"].write_bytes(b"")
    paths["blank"].write_text("   \n\n\t  \n", encoding="utf-8")
    paths["nul"].write_bytes(b"Some text\x00\x01\x02 more")
    paths["pdf"].write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    paths["huge"].write_text(("The council approved the budget on Tuesday. " * 113_000)[:5_000_000], encoding="utf-8")
    paths["german"].write_text(GERMAN, encoding="utf-8")
    paths["jsonl"].write_text(
        json.dumps({"id": "j1", "text": ENGLISH})
        + "\n{not json\n"
        + json.dumps({"id": "j3", "text": "The second record is fine. It has two sentences."})
        + "\n",
        encoding="utf-8",
    )
    paths["csv"].write_text("id,body\n1,The text is in the wrong column.\n", encoding="utf-8")
    return paths


def test_bad_inputs_in_a_batch(tmp_path: Path, analyzer: Analyzer) -> None:
    paths = make_bad_inputs(tmp_path / "in")
    missing = tmp_path / "nowhere.txt"
    items = list(iter_documents([tmp_path / "in", missing]))
    results = list(analyzer.analyze_many(items, errors="return"))
    assert len(results) == len(items) == 12
    failures = {r.source: r for r in results if isinstance(r, Failure)}
    scored = {r.id: r for r in results if isinstance(r, Analysis)}
    assert set(scored) == {"a_good", "g_german", "j1", "j3"}
    expected = {
        str(paths["empty"]): "empty document",
        str(paths["blank"]): "empty document",
        str(paths["nul"]): "NUL byte",
        str(paths["pdf"]): "PDF",
        str(paths["huge"]): "over the limit of 2,000,000",
        f"{paths['jsonl']}:2": "invalid JSON",
        f"{paths['csv']}:1": "no column 'text'",
        str(missing): "no such file or directory",
    }
    assert set(failures) == set(expected)
    for source, fragment in expected.items():
        line = str(failures[source])
        assert line.startswith(f"{source}: ") and fragment in line and "\n" not in line, line
    # non-English text is scored, with a warning; English text gets none
    assert any("does not look like English" in w for w in scored["g_german"].warnings)
    assert scored["a_good"].warnings == () and scored["a_good"].n_sentences == 3
    assert scored["j3"].n_sentences == 2


def test_errors_raise_names_the_document(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(framing.InputError, match=r"empty\.txt: empty document"):
        list(analyzer.analyze_many(read_path(path)))


def test_size_limit_can_be_raised(analyzer: Analyzer) -> None:
    text = "The council approved the budget on Tuesday. " * 40
    with pytest.raises(framing.InputError, match="over the limit of 1,000"):
        Analyzer(dimensions=[], max_chars=1_000).analyze(text)
    assert Analyzer(dimensions=[], max_chars=len(text)).analyze(text).n_sentences == 40
    with pytest.raises(ValueError, match="max_chars"):
        Analyzer(max_chars=0)


@pytest.mark.parametrize("text", ["", "   \n\t ", " date 2022-01-24 ", "Title: Only a title\n"])
def test_empty_documents_raise_input_error(analyzer: Analyzer, text: str) -> None:
    with pytest.raises(framing.InputError):
        analyzer.analyze(text)


def test_nul_in_a_string_is_rejected(analyzer: Analyzer) -> None:
    with pytest.raises(framing.InputError, match="NUL"):
        analyzer.analyze("abc\x00def")


def test_short_foreign_text_is_not_flagged(analyzer: Analyzer) -> None:
    """The language check needs enough words; a short name-heavy text does not trigger it."""
    assert analyzer.analyze("Volodymyr Zelensky, Kyiv.").warnings == ()


# ---- JSONL and CSV ---------------------------------------------------------------------------


def test_jsonl_field_choice_and_default_ids(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"key": "k1", "body": "First text.", "outlet": "AP", "topic": "war"},
        {"body": "Second text.", "outlet": "Reuters"},
        {"key": "", "body": "Third text."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    opts = LoadOptions(text_field="body", id_field="key", meta_fields=("outlet",))
    docs = list(read_path(path, opts))
    assert [d.id for d in docs] == ["k1", "feed:2", "feed:3"]
    assert [d.text for d in docs] == ["First text.", "Second text.", "Third text."]
    assert [dict(d.meta) for d in docs] == [{"outlet": "AP"}, {"outlet": "Reuters"}, {}]
    assert docs[1].source == f"{path}:2"
    every = list(read_path(path, LoadOptions(text_field="body", id_field="key")))
    assert dict(every[0].meta) == {"outlet": "AP", "topic": "war"}


def test_jsonl_bad_records(tmp_path: Path) -> None:
    lines = ['{"text": "ok"}', "[1, 2]", '{"text": 5}', '{"body": "x"}', "{oops"]
    items = list(read_jsonl(io.StringIO("\n".join(lines)), "x.jsonl"))
    assert isinstance(items[0], Document)
    messages = [str(i) for i in items[1:]]
    assert messages[0] == "x.jsonl:2: expected a JSON object, got a list"
    assert messages[1] == "x.jsonl:3: field 'text' is a number (5), not text"
    assert messages[2].startswith("x.jsonl:4: no field 'text' (fields: body)")
    assert messages[3].startswith("x.jsonl:5: invalid JSON")


def test_jsonl_utf16(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(
        b"\xff\xfe" + (json.dumps({"text": "Café “quotes”."}, ensure_ascii=False) + "\n").encode("utf-16-le")
    )
    (doc,) = read_path(path)
    assert isinstance(doc, Document) and doc.text == "Café “quotes”."


def test_csv_field_choice_tsv_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(
        'id,content,outlet\n7,"A text, with a comma.",AP\n8,"Multi\nline text.",Fox\n9,"x",AP,extra\n',
        encoding="utf-8",
    )
    items = list(read_path(path, LoadOptions(text_field="content")))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Failure"]
    assert items[0].id == "7" and items[0].text == "A text, with a comma." and dict(items[0].meta) == {"outlet": "AP"}
    assert items[1].text == "Multi\nline text."
    assert str(items[2]) == f"{path}:5: 4 fields but the header has 3"
    tsv = tmp_path / "table.tsv"
    tsv.write_text("text\tsource\nTab separated.\twire\n", encoding="utf-8")
    (doc,) = read_path(tsv)
    assert doc.text == "Tab separated." and dict(doc.meta) == {"source": "wire"} and doc.id == "table:2"
    upper = tmp_path / "TABLE.TSV"
    upper.write_text("text\tsource\nUpper-case suffix.\twire\n", encoding="utf-8")
    (doc,) = read_path(upper)
    assert isinstance(doc, Document) and doc.text == "Upper-case suffix."


def test_csv_without_the_text_column_and_empty_csv() -> None:
    (failure,) = read_csv(io.StringIO("id,body\n1,hello\n"), "t.csv")
    assert str(failure) == "t.csv:1: no column 'text' (columns: id, body); choose one with --text-field"
    (empty,) = read_csv(io.StringIO(""), "e.csv")
    assert isinstance(empty, Failure) and empty.source == "e.csv:1"


def test_cp1252_csv_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes("text\nCafé owners were “angry”.\n".encode("cp1252"))
    (doc,) = read_path(path)
    assert doc.text == "Café owners were “angry”." and any("cp1252" in w for w in doc.warnings)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_an_invalid_byte_far_into_a_file_spoils_one_record_not_the_batch(tmp_path: Path, suffix: str) -> None:
    """The encoding is sniffed from the first 64 KB; a cp1252 byte after that is read as cp1252 in its record."""
    path = tmp_path / f"late{suffix}"
    good = [f"Record number {i} is plain UTF-8 text: “fine”." for i in range(2_000)]
    if suffix == ".jsonl":
        lines = [json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(good)]
        head = ("\n".join(lines) + "\n").encode("utf-8")
        tail = b'{"id": "bad", "text": "Caf\xe9 owners were angry."}\n{"id": "after", "text": "Fine."}\n'
    else:
        lines = ["id,text"] + [f'r{i},"{t}"' for i, t in enumerate(good)]
        head = ("\n".join(lines) + "\n").encode("utf-8")
        tail = b'bad,"Caf\xe9 owners were angry."\nafter,Fine.\n'
    assert len(head) > 65_536
    path.write_bytes(head + tail)
    items = list(read_path(path))
    assert len(items) == 2_002 and all(isinstance(i, Document) for i in items)
    assert items[0].text == good[0] and items[0].warnings == ()
    bad, after = items[-2:]
    assert bad.id == "bad" and bad.text == "Café owners were angry." and "cp1252" in bad.warnings[0]
    assert after.text == "Fine." and after.warnings == ()


def test_load_options_are_checked() -> None:
    with pytest.raises(ValueError, match="input_format"):
        LoadOptions(input_format="xml")
    with pytest.raises(ValueError, match="text_field"):
        LoadOptions(text_field="")


# ---- folders and stdin ----------------------------------------------------------------------


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Bee.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay.", encoding="utf-8")
    (tmp_path / "sub" / "c.md").write_text("Sea.", encoding="utf-8")
    (tmp_path / "sub" / "d.jsonl").write_text('{"id": "d1", "text": "Dee."}\n', encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    assert [d.id for d in read_path(tmp_path)] == ["a", "b", "c", "d1"]
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    (failure,) = read_path(empty)
    assert isinstance(failure, Failure) and failure.source == str(empty)


def test_seed_folder_loads_three_documents() -> None:
    docs = list(read_path(SEEDS))
    assert len(docs) == 3 and all(isinstance(d, Document) and d.text.strip() for d in docs)


class _Stdin(io.StringIO):
    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.buffer = io.BytesIO(data)


def test_stdin_text_and_jsonl() -> None:
    (doc,) = read_stdin(_Stdin(TEXT.encode("utf-16")))
    assert doc.id == "stdin" and doc.text == TEXT and doc.source == "<stdin>"
    records = list(read_stdin(_Stdin(b'{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n')))
    assert [d.id for d in records] == ["x", "y"] and records[0].source == "<stdin>:1"
    (failure,) = read_stdin(_Stdin(b"%PDF-1.5 binary"))
    assert str(failure).startswith("<stdin>: binary file (PDF)")
    (plain,) = read_stdin(io.StringIO("{ not json but forced text }"), LoadOptions(input_format="text"))
    assert plain.text == "{ not json but forced text }"


# ---- DataFrames and tables -------------------------------------------------------------------


def test_from_dataframe() -> None:
    df = pd.DataFrame(
        {"story": ["First story here.", None, "Third story."], "outlet": ["AP", "Fox", "NPR"], "uid": [10, 11, 12]},
        index=["r0", "r1", "r2"],
    )
    items = framing.from_dataframe(df, text="story", id="uid")
    assert [type(i).__name__ for i in items] == ["Document", "Failure", "Document"]
    first = items[0]
    assert first.id == "10" and first.text == "First story here." and dict(first.meta) == {"outlet": "AP"}
    assert str(items[1]) == "row r1: no text (column 'story' is empty)" and items[1].id == "11"
    by_index = framing.from_dataframe(df.iloc[[0, 2]], text="story", meta=["outlet"])
    assert [d.id for d in by_index] == ["r0", "r2"] and dict(by_index[1].meta) == {"outlet": "NPR"}
    with pytest.raises(KeyError, match="no column 'text'"):
        framing.from_dataframe(df)


def _analysis(doc_id: str, meta: dict, evidence: tuple[Evidence, ...]) -> Analysis:
    text = "The plan is a giveaway. Critics said so."
    return Analysis(
        id=doc_id,
        text=text,
        meta=meta,
        body_start=0,
        n_words=8,
        n_sentences=2,
        scores={"n_words": 8, "n_sentences": 2, "loaded_share": 0.125},
        labels={"tone": "critical"},
        sentences=(
            SentenceResult(0, 0, 23, 0, {"words": 5}, {}),
            SentenceResult(1, 24, 40, 0, {"words": 3}, {}),
        ),
        evidence=evidence,
    )


def test_to_frame_rows_and_evidence_table() -> None:
    ev = Evidence(14, 22, 0, "editorial", "loaded", "loaded_terms:giveaway", 1.0)
    analyses = [_analysis("a", {"outlet": "AP", "tags": ["x"]}, (ev,)), _analysis("b", {"outlet": "Fox"}, ())]
    docs = framing.to_frame(analyses)
    assert list(docs["id"]) == ["a", "b"] and len(docs) == 2
    assert list(docs["meta.outlet"]) == ["AP", "Fox"] and "meta.tags" not in docs.columns
    assert list(docs["loaded_share"]) == [0.125, 0.125] and list(docs["label.tone"]) == ["critical"] * 2
    docs2, evidence = framing.to_frame(analyses, evidence=True)
    assert docs2.equals(docs)
    assert list(evidence.columns) == ["id", "sentence", "start", "end", "text", "dimension", "label", "rule", "weight"]
    assert evidence.to_dict("records") == [
        {
            "id": "a",
            "sentence": 0,
            "start": 14,
            "end": 22,
            "text": "giveaway",
            "dimension": "editorial",
            "label": "loaded",
            "rule": "loaded_terms:giveaway",
            "weight": 1.0,
        }
    ]
    empty_docs, empty_evidence = framing.to_frame([], evidence=True)
    assert len(empty_docs) == 0 and len(empty_evidence) == 0


def test_to_frame_on_real_analyses(analyzer: Analyzer) -> None:
    results = list(analyzer.analyze_many(read_path(SEEDS)))
    docs, evidence = framing.to_frame(results, evidence=True)
    assert len(docs) == 3 and list(docs["id"]) == [r.id for r in results]
    assert {"n_words", "n_sentences", "meta.date"} <= set(docs.columns)
    assert docs["n_words"].tolist() == [r.n_words for r in results]
    assert len(evidence) == sum(len(r.evidence) for r in results)


# ---- the documented record matches a real one ------------------------------------------------


def _mismatches(example: object, actual: object, path: str) -> list[str]:
    """Where a documented example differs from a real value: ``"..."`` keys and a trailing `` ...``
    in text mark omissions; a list's documented items must appear in the real list in order, and
    an empty list is empty."""
    if isinstance(example, dict):
        if not isinstance(actual, dict):
            return [f"{path}: documented an object, got {actual!r}"]
        out = []
        for k, v in example.items():
            if k == "...":
                continue
            if k not in actual:
                out.append(f"{path}.{k}: documented but not in the record")
            else:
                out += _mismatches(v, actual[k], f"{path}.{k}")
        return out
    if isinstance(example, list):
        if not isinstance(actual, list) or (not example and actual):
            return [f"{path}: documented {example!r}, the record has {actual!r}"]
        pos = 0
        for i, item in enumerate(example):
            while pos < len(actual) and _mismatches(item, actual[pos], ""):
                pos += 1
            if pos == len(actual):
                return [f"{path}[{i}]: {item!r} is not in the record (in order)"]
            pos += 1
        return []
    if isinstance(example, str) and example.endswith(" ..."):
        ok = isinstance(actual, str) and actual.startswith(example[:-4])
    elif isinstance(example, float):
        ok = isinstance(actual, (int, float)) and abs(actual - example) <= 1e-6
    else:
        ok = example == actual
    return [] if ok else [f"{path}: documented {example!r}, the record has {actual!r}"]


def test_the_example_record_in_the_schema_doc_is_what_framing_gives_for_seed_002() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```json\n")[1:]]
    assert blocks, "docs/schema.md has no ```json example"
    example = json.loads(blocks[0])
    record = Analyzer().analyze(read_text_file(SEEDS / "002_0a28a9245bdd40ba.txt")).to_dict()
    assert _mismatches(example, record, "record") == []
    assert set(example) - {"..."} <= set(record)
