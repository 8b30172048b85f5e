"""Hostile and messy input: every document is scored or fails alone, and output stays safe."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing import Analyzer, Document, Failure, read_path
from framing.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main
from framing.document import split_header

ARTICLE = (
    "The council approved the budget on Tuesday. The mayor said the plan would add 40 officers. "
    "Critics called it a giveaway to developers."
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# -- control characters are shown, not executed ------------------------------------------------


def test_explain_and_table_show_terminal_escapes_as_visible_characters(tmp_path: Path) -> None:
    hostile = "The mayor \x1b[J\x1b[H said the \x9b31m plan was a \x07giveaway to developers."
    path = tmp_path / "esc\x1b[Jdoc.txt"
    path.write_text(hostile, encoding="utf-8")
    dims = ("--dimensions", "editorial,sentiment")
    for argv in (("explain", str(path), "--color", "never", *dims), ("explain", str(path), "--color", "always", *dims)):
        code, out, err = run(*argv)
        assert code == EXIT_OK, err
        assert "␛[J␛[H" in out  # the escape shows as a picture of ESC
        plain = out.replace("\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[2m", "").replace("\x1b[1;4;35m", "")
        assert "\x1b" not in plain and "\x9b" not in plain and "\x07" not in plain
    code, out, err = run("score", str(path), "--format", "table", *dims)
    assert code == EXIT_OK, err
    assert "\x1b" not in out and "esc␛[Jdoc" in out


# -- lone surrogates -----------------------------------------------------------------------------


def _surrogate_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "The council approved the budget."}\n'
        '{"id": "b", "text": "The mayor \\ud800 said the plan would add officers.", "outlet": "X\\udfff"}\n'
        '{"id": "c", "text": "Critics called it a giveaway."}\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_a_lone_surrogate_is_replaced_with_a_warning_and_every_writer_goes_on(tmp_path: Path, fmt: str) -> None:
    path = _surrogate_jsonl(tmp_path)
    out_path = tmp_path / f"out.{fmt}"
    argv = ["score", str(path), "--format", fmt, "--dimensions", "readability", "-o", str(out_path)]
    code, _, err = run(*argv)
    assert code == EXIT_OK, err
    assert f"framing: warning: {path}:2: 2 lone surrogates (not characters) replaced with U+FFFD" in err
    written = out_path.read_text(encoding="utf-8")
    if fmt == "jsonl":
        records = [json.loads(line) for line in written.splitlines()]
        assert [r["id"] for r in records] == ["a", "b", "c"]
        assert records[1]["sentences"][0]["text"] == "The mayor \ufffd said the plan would add officers."
        assert records[1]["meta"]["outlet"] == "X\ufffd"
        code, _, err = run(*argv, "--resume")  # resuming reads the output back
        assert code == EXIT_OK and "3 already in" in err, err
    elif fmt == "json":
        assert [r["id"] for r in json.loads(written)] == ["a", "b", "c"]
    else:
        assert all(f"{i}" in written for i in "abc")


def test_explain_and_the_python_api_replace_lone_surrogates(tmp_path: Path) -> None:
    code, out, err = run("explain", str(_surrogate_jsonl(tmp_path)), "--dimensions", "readability")
    assert code == EXIT_OK, err
    assert "The mayor \ufffd said" in out
    doc = Document("x\ud800", "Text \udc80 here.", {"k": ["\ud801"]})
    assert doc.text == "Text \ufffd here." and doc.id == "x\ufffd" and doc.meta == {"k": ["\ufffd"]}
    assert doc.warnings == ("3 lone surrogates (not characters) replaced with U+FFFD",)
    json.dumps(Failure("f\ud800", "m\ud800", "i\ud800").__dict__, ensure_ascii=False).encode("utf-8")


# -- one bad line is re-decoded, not the file ----------------------------------------------------


def test_one_invalid_byte_re_decodes_only_its_own_jsonl_record(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": f"r{i}", "text": f"Record {i} was a “good thing”."}, ensure_ascii=False) for i in range(40)
    ]
    data = [line.encode("utf-8") for line in lines]
    data[2] = b'{"id": "r2", "text": "Caf\xe9 owners were angry."}'
    path.write_bytes(b"\n".join(data) + b"\n")
    docs = list(read_path(path))
    assert len(docs) == 40 and all(isinstance(d, Document) for d in docs)
    assert docs[2].text == "Café owners were angry."
    assert docs[2].warnings == ("not valid UTF-8; this line decoded as cp1252",) and docs[2].source == f"{path}:3"
    for i, d in enumerate(docs):
        if i != 2:
            assert d.text == f"Record {i} was a “good thing”." and d.warnings == ()


def test_one_invalid_byte_re_decodes_only_its_own_line_of_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(
        "It was a “good thing”, he said.\n".encode() + b"Caf\xe9 owners were angry.\n" + "“Fine.”".encode()
    )
    (doc,) = read_path(path)
    assert doc.text == "It was a “good thing”, he said.\nCafé owners were angry.\n“Fine.”"
    assert doc.warnings == ("line 2 not valid UTF-8; decoded as cp1252",)
    csv_path = tmp_path / "t.csv"
    csv_path.write_bytes('id,text\na,"A “good thing”."\nb,"Two\nlines, caf'.encode() + b'\xe9."\nc,Fine.\n')
    a, b, c = read_path(csv_path)
    assert (a.text, a.warnings, c.warnings) == ("A “good thing”.", (), ())
    assert b.text == "Two\nlines, café." and b.warnings == ("line 4 not valid UTF-8; decoded as cp1252",)


# -- the header rule does not swallow a sentence ---------------------------------------------------

SANTORUM = (
    "Updated: Rick Santorum on Sunday tried to clarify his comment that Native American culture contributed "
    "nothing to the nation, saying he had misspoken."
)


@pytest.mark.parametrize("text", [SANTORUM, SANTORUM + "\n\nHe said so on CNN.", "Source: " + SANTORUM[9:] + "\nMore."])
def test_a_body_sentence_that_opens_with_a_header_key_stays_body(text: str) -> None:
    assert split_header(text) == (0, {})
    result = Analyzer(dimensions=[]).analyze(text)
    assert result.sentence_text(0).startswith(text.split()[0])


def test_short_header_lines_are_still_fields() -> None:
    text = "Updated: Jan. 24, 2022\nTitle: Santorum clarifies his comment\n" + SANTORUM[9:]
    body_start, fields = split_header(text)
    assert fields == {"updated": "Jan. 24, 2022", "title": "Santorum clarifies his comment"}
    assert text[body_start:].startswith("Rick Santorum")


# -- duplicate ids: one rule for score and report --------------------------------------------------


def test_duplicate_ids_fail_alone_with_one_message_in_score_and_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "story.md").write_text("The mayor resigned on Friday.", encoding="utf-8")
    (folder / "other.txt").write_text("Critics called it a giveaway.", encoding="utf-8")
    message = (
        f"framing: error: {folder / 'story.txt'}: duplicate id 'story' (first used at {folder / 'story.md'}); "
        "give every document its own id (--id-field, or rename the file)"
    )
    code, out, err = run("score", str(folder), "--format", "jsonl", "--dimensions", "readability")
    assert code == EXIT_SOME_FAILED
    assert message in err.splitlines()
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["other", "story"]
    pdf = tmp_path / "r.pdf"
    code, out, err = run("report", str(folder), "-o", str(pdf), "--dimensions", "readability")
    assert code == EXIT_SOME_FAILED and message in err.splitlines()
    assert pdf.stat().st_size > 0 and "(2 documents)" in out


# -- messages --------------------------------------------------------------------------------------


def test_utf16_without_a_byte_order_mark_is_read_as_text(tmp_path: Path) -> None:
    for enc in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{enc}.txt"
        path.write_bytes(ARTICLE.encode(enc))
        (doc,) = read_path(path)
        assert isinstance(doc, Document), doc
        assert doc.text == ARTICLE and doc.warnings == (f"no byte-order mark; read as {enc.upper()}",)
        jsonl = tmp_path / f"{enc}.jsonl"
        jsonl.write_bytes((json.dumps({"text": ARTICLE}) + "\n").encode(enc))
        (doc,) = read_path(jsonl)
        assert isinstance(doc, Document) and doc.text == ARTICLE
    (binary,) = read_path(_write(tmp_path / "b.txt", bytes(range(256)) * 4))
    assert isinstance(binary, Failure) and "binary file" in binary.message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_wrong_text_field_is_one_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": i, "body": ARTICLE}) + "\n" for i in range(50)), encoding="utf-8")
    code, _out, err = run("score", str(path), "--format", "jsonl", "--dimensions", "readability")
    assert code == EXIT_USAGE
    assert err.splitlines() == [
        f"framing: error: {path}:1: no field 'text' (fields: body, id); choose one with --text-field"
    ]
    csv_path = tmp_path / "t.csv"
    csv_path.write_text("id,body\n1,x\n2,y\n", encoding="utf-8")
    code, _out, err = run("score", str(csv_path), "--dimensions", "readability")
    assert code == EXIT_USAGE and len(err.splitlines()) == 1 and "no column 'text'" in err


def test_record_messages_name_the_kind_of_value_and_warnings_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Fine text here."}\n{"id": "b", "text": null}\n{"id": "c", "text": ["x"]}\n'
        b'{"id": "d", "text": "Caf\xe9 owners were angry."}\n'
    )
    code, _out, err = run("score", str(path), "--format", "jsonl", "--dimensions", "readability")
    assert code == EXIT_SOME_FAILED
    lines = err.splitlines()
    assert f"framing: error: {path}:2: field 'text' is empty (null)" in lines
    assert f"framing: error: {path}:3: field 'text' is a list, not text" in lines
    assert f"framing: warning: {path}:4: not valid UTF-8; this line decoded as cp1252" in lines


def test_explain_with_an_unknown_dimension_is_a_usage_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", ARTICLE.encode())
    code, out, err = run("explain", str(path), "--dimensions", "readability,sentiment", "--dimension", "bogus")
    assert code == EXIT_USAGE and out == ""
    assert err == "framing: error: --dimension 'bogus' is not active; choose one of readability, sentiment\n"


# -- workers end with their parent -----------------------------------------------------------------


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out |= {int(c) for c in task.read_text().split()}
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"  # a zombie has exited and waits to be reaped


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(json.dumps({"id": str(i), "text": ARTICLE}) + "\n" for i in range(20_000)), encoding="utf-8"
    )
    argv = [sys.executable, "-m", "framing", "score", str(path), "--jobs", "2", "--dimensions", "readability"]
    parent = subprocess.Popen([*argv, "-o", str(tmp_path / "out.jsonl")], stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.1)
            workers = _children(parent.pid)
        assert len(workers) == 2 and parent.poll() is None, "the run ended before its workers could be seen"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers)
    finally:  # leave nothing behind, whatever happened
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=30)
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)


# -- scripts and languages -----------------------------------------------------------------------

CHINESE = "美国总统拜登周一表示，他将在下周访问欧洲，讨论能源安全问题。白宫发言人说，这次访问非常重要。"
RUSSIAN = "Президент заявил, что переговоры будут продолжены на следующей неделе в Женеве."


@pytest.fixture(scope="module")
def bare() -> Analyzer:
    return Analyzer(dimensions=[]).load()


@pytest.mark.parametrize(("text", "lang"), [(CHINESE, "zh"), (RUSSIAN, "ru")])
def test_text_in_another_script_is_scored_with_a_warning_naming_its_language(
    bare: Analyzer, text: str, lang: str
) -> None:
    (warning,) = bare.analyze(text).warnings
    assert warning.startswith("does not look like English") and f"language identified: {lang}" in warning


def test_emoji_only_text_is_scored_with_a_warning(bare: Analyzer) -> None:
    assert bare.analyze("😀😀🎉🎉👍 🎉🎉").warnings == (
        "has no letters (only digits, symbols or emoji); scores are not meaningful",
    )


def test_english_text_and_short_names_get_no_language_warning(bare: Analyzer) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        assert bare.analyze(path.read_text(encoding="utf-8")).warnings == ()
    assert bare.analyze(ARTICLE).warnings == () and bare.analyze("Volodymyr Zelensky, Kyiv.").warnings == ()


def test_chinese_does_not_come_out_with_a_genre_silently(tmp_path: Path) -> None:
    path = _write(tmp_path / "zh.txt", CHINESE.encode())
    code, out, err = run("score", str(path), "--format", "jsonl", "--dimensions", "editorial")
    assert code == EXIT_OK
    record = json.loads(out)
    assert "genre" in record["labels"]
    assert f"framing: warning: {path}: does not look like English" in err
    assert any("language identified: zh" in w for w in record["warnings"])


# -- cost and budgets --------------------------------------------------------------------------------


def _page_without_full_stops(n_chars: int) -> str:
    words = "the mayor said the plan would add forty officers and critics called it a terrible giveaway".split()
    out, size, i = [], 0, 0
    while size < n_chars:
        out.append(words[i % len(words)])
        size += len(out[-1]) + 1
        i += 1
    return " ".join(out)


def test_a_long_sentence_is_scored_by_vader_in_windows_with_the_same_compound() -> None:
    analyzer = Analyzer(dimensions=["sentiment"]).load()
    (sentiment,) = analyzer.dimensions
    vader = sentiment._vader  # the reference: VADER's own scoring of the whole sentence
    from framing.dimensions.sentiment import VADER_WINDOW_WORDS

    for n_words in (VADER_WINDOW_WORDS // 2, VADER_WINDOW_WORDS * 3 + 7):
        text = " ".join(_page_without_full_stops(n_words * 8).split()[:n_words])
        assert sentiment.compound(text) == pytest.approx(vader.polarity_scores(text)["compound"], abs=1e-4)
    long = _page_without_full_stops(200_000)  # one 200 KB sentence: VADER alone rescans it per word
    assert -1.0 <= sentiment.compound(long) <= 1.0


def test_a_document_over_the_time_limit_fails_alone_with_its_reason() -> None:
    analyzer = Analyzer(max_seconds=1.0).load()
    big, small = _page_without_full_stops(300_000), "The mayor resigned."
    results = list(analyzer.analyze_many([Document("big", big), Document("small", small)], errors="return"))
    assert isinstance(results[0], Failure) and results[0].id == "big"
    assert results[0].message.startswith("scoring took longer than 1 s (the time limit; raise it with")
    assert not isinstance(results[1], Failure)
    import threading

    caught: list[BaseException] = []

    def in_a_thread() -> None:  # no alarm outside the main thread: the limit is checked between stages
        try:
            analyzer.analyze(big)
        except Exception as exc:
            caught.append(exc)

    worker = threading.Thread(target=in_a_thread)
    worker.start()
    worker.join()
    assert len(caught) == 1 and "scoring took longer than" in str(caught[0])


# -- the report and an unbroken token ------------------------------------------------------------


def test_the_report_is_written_when_a_document_holds_a_3000_character_token(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from framing.report import build_pdf

    token = "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" * 50
    text = (
        f"The mayor said the plan was good. Here is the image: {token} and that was all. Critics called it a giveaway."
    )
    analyzer = Analyzer()
    analyses = [analyzer.analyze(text, id="inline-image"), analyzer.analyze(ARTICLE, id="plain")]
    path = build_pdf(analyses, tmp_path / "r.pdf", title="t", timestamp="now", analyzer=analyzer)
    assert Path(path).stat().st_size > 0
