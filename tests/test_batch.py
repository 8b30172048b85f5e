"""Corpus-scale scoring: order with several workers, streaming formats, resume, failures, progress."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import batch
from framing.analyzer import Analyzer, chunks, ordered_map
from framing.batch import Progress, ResumeError, completed_ids, score_stream
from framing.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main
from framing.document import Document

#: One light dimension keeps these tests fast; the batch machinery is the same for every set.
DIMS = "attribution"


def article(i: int) -> str:
    return (
        f"The council approved budget {i} on Tuesday. The mayor said the plan would add {i % 40} officers. "
        f'"It is a giveaway to developers," said critic number {i}. Officials expect a vote in {i % 12 + 1} weeks.'
    )


def write_jsonl(path: Path, n: int, *, start: int = 0) -> list[str]:
    ids = [f"art-{i}" for i in range(start, start + n)]
    with path.open("w", encoding="utf-8") as fh:
        for i, doc_id in zip(range(start, start + n), ids):
            fh.write(json.dumps({"id": doc_id, "text": article(i), "outlet": f"outlet {i % 3}"}) + "\n")
    return ids


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def jsonl_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=[DIMS]).load()


# -- order and streaming ----------------------------------------------------------------------


def test_two_jobs_give_the_serial_records_in_input_order(analyzer: Analyzer) -> None:
    docs = [Document(f"d{i}", article(i)) for i in range(40)]
    serial = list(score_stream(analyzer, docs, fmt="jsonl"))
    parallel = list(score_stream(analyzer, iter(docs), fmt="jsonl", n_jobs=2, chunk_size=3))
    assert [r.id for r in parallel] == [d.id for d in docs]
    assert [r.payload for r in parallel] == [r.payload for r in serial]
    assert json.loads(parallel[7].payload)["id"] == "d7"


def test_analyze_many_with_jobs_still_yields_analyses_in_order(analyzer: Analyzer) -> None:
    texts = [article(i) for i in range(12)]
    results = list(analyzer.analyze_many(texts, n_jobs=2, chunk_size=2))
    assert [r.id for r in results] == [f"doc-{i}" for i in range(12)]
    assert all(r.n_sentences == 4 for r in results)


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 60), size=st.integers(1, 7), window=st.integers(1, 5))
def test_ordered_map_keeps_order_and_reads_input_only_a_window_ahead(n: int, size: int, window: int) -> None:
    consumed = 0

    def source() -> Iterator[int]:
        nonlocal consumed
        for i in range(n):
            consumed += 1
            yield i

    def submit(fn: Any, *args: Any) -> _Done:
        return _Done(fn(*args))

    out = []
    for x in ordered_map(submit, lambda chunk, k: [v * k for v in chunk], chunks(source(), size), window, 3):
        out.append(x)
        assert consumed - len(out) <= window * size  # bounded look-ahead: constant memory
    assert out == [3 * i for i in range(n)]


@given(n=st.integers(0, 50), size=st.integers(1, 9))
def test_chunks_cover_the_input_exactly(n: int, size: int) -> None:
    parts = list(chunks(range(n), size))
    assert [x for p in parts for x in p] == list(range(n))
    assert all(len(p) == size for p in parts[:-1]) and all(0 < len(p) <= size for p in parts)


def test_format_follows_the_output_suffix_and_csv_rows_are_flat(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 5)
    out = tmp_path / "scores.csv"
    code, stdout, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS, "--jobs", "2", "--chunk-size", "2")
    assert code == EXIT_OK, err
    assert stdout == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["id"] for r in rows] == ids
    assert rows[2]["meta.outlet"] == "outlet 2"
    assert all(int(r["n_sentences"]) == 4 for r in rows)


def test_parquet_in_and_out(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    n = 7
    pq.write_table(
        pa.table(
            {
                "url": [f"u{i}" for i in range(n)],
                "body": [article(i) if i != 3 else None for i in range(n)],
                "year": list(range(2000, 2000 + n)),
            }
        ),
        src,
    )
    out = tmp_path / "scores.parquet"
    code, _, err = run(
        "score", str(src), "-o", str(out), "--text-field", "body", "--id-field", "url", "--dimensions", DIMS
    )
    assert code == EXIT_SOME_FAILED
    assert f"framing: error: {src}:4: field 'body' is empty (null)" in err
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ["u0", "u1", "u2", "u4", "u5", "u6"]
    assert table.column("meta.year").to_pylist() == [2000, 2001, 2002, 2004, 2005, 2006]
    assert pa.types.is_integer(table.schema.field("n_words").type)
    assert all(v == 4 for v in table.column("n_sentences").to_pylist())


def test_stdin_jsonl_is_read_as_a_stream(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"s{i}", "text": article(i)}) + "\n" for i in range(6))
    proc = subprocess.run(
        [sys.executable, "-m", "framing", "score", "-", "--format", "jsonl", "--dimensions", DIMS, "--jobs", "2"],
        input=lines,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == EXIT_OK, proc.stderr
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == [f"s{i}" for i in range(6)]


# -- failures and the summary -----------------------------------------------------------------


def test_failures_are_named_on_stderr_and_recorded_next_to_the_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "ok-1", "text": article(1)})
        + "\n{broken\n"
        + json.dumps({"id": "empty", "text": "   "})
        + "\n"
        + json.dumps({"id": "ok-2", "text": article(2)})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS)
    assert code == EXIT_SOME_FAILED
    assert [r["id"] for r in jsonl_records(out)] == ["ok-1", "ok-2"]
    errors = [line for line in err.splitlines() if line.startswith("framing: error:")]
    assert errors[0].startswith(f"framing: error: {src}:2: invalid JSON")
    assert errors[1] == f"framing: error: {src}:3: empty document (no text)"
    failures_file = tmp_path / "out.jsonl.failures.jsonl"
    failed = jsonl_records(failures_file)
    assert [f["source"] for f in failed] == [f"{src}:2", f"{src}:3"]
    assert failed[1] == {"source": f"{src}:3", "id": "empty", "message": "empty document (no text)"}
    summary = err.splitlines()[-1]
    assert summary.startswith(f"framing: 2 scored, 2 failed (reasons in {failures_file}), ")
    assert summary.endswith(" s elapsed")
    # a clean run removes the stale failures file of the earlier one
    src.write_text(json.dumps({"id": "ok-3", "text": article(3)}) + "\n", encoding="utf-8")
    code, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS, "--errors", str(failures_file))
    assert code == EXIT_OK and not failures_file.exists()
    assert err.startswith("framing: 1 scored, 0 failed, ")


def test_progress_bar_draws_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    stream = io.StringIO()
    bar = Progress(stream, True, total=10)
    bar.update(3, 1)
    bar.message("framing: warning: x\n")
    bar.close()
    text = stream.getvalue()
    assert "\r" in text and "4/10" in text and "1 failed" in text and "docs/s" in text
    assert "framing: warning: x\n" in text
    silent = io.StringIO()
    off = Progress(silent, False, total=10)
    off.update(5, 0)
    off.close()
    assert silent.getvalue() == ""

    src = tmp_path / "in.jsonl"
    write_jsonl(src, 3)
    out = tmp_path / "o.jsonl"
    _, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS)
    assert "\r" not in err  # stderr is not a terminal here
    _, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS, "--progress", "on")
    assert "\r" in err and "3/3" in err
    _, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS, "--quiet")
    assert err == ""


# -- resume -----------------------------------------------------------------------------------


def test_resume_after_a_cut_off_jsonl_line_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 9)
    full = tmp_path / "full.jsonl"
    assert run("score", str(src), "-o", str(full), "--dimensions", DIMS)[0] == EXIT_OK
    expected = {r["id"]: r for r in jsonl_records(full)}
    lines = full.read_bytes().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(lines[:4]) + lines[4][: len(lines[4]) // 2])  # killed while writing line 5
    code, _, err = run("score", str(src), "-o", str(cut), "--dimensions", DIMS, "--resume", "--jobs", "2")
    assert code == EXIT_OK, err
    assert "framing: 5 scored, 0 failed, 4 already in" in err
    got = jsonl_records(cut)
    assert [r["id"] for r in got] == ids
    assert {r["id"]: r for r in got} == expected
    # resuming a finished run scores nothing and changes nothing
    before = cut.read_bytes()
    code, _, err = run("score", str(src), "-o", str(cut), "--dimensions", DIMS, "--resume")
    assert code == EXIT_OK and cut.read_bytes() == before
    assert "framing: 0 scored, 0 failed, 9 already in" in err


def test_resume_csv_cut_inside_a_quoted_field(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(6):
            fh.write(json.dumps({"id": f"c{i}", "text": article(i), "title": f"Line one\nline {i}, quoted"}) + "\n")
    out = tmp_path / "out.csv"
    assert run("score", str(src), "-o", str(out), "--dimensions", DIMS)[0] == EXIT_OK
    whole = out.read_text(encoding="utf-8")
    cut_at = whole.index("Line one\nline 3")
    out.write_text(whole[: cut_at + len("Line one\n")], encoding="utf-8")  # cut inside row c3's quoted title
    assert completed_ids(out, "csv") == {"c0", "c1", "c2"}
    code, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS, "--resume")
    assert code == EXIT_OK, err
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["id"] for r in rows] == [f"c{i}" for i in range(6)]
    assert out.read_text(encoding="utf-8") == whole


def test_resume_a_parquet_folder_keeps_whole_parts_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(batch, "PARQUET_ROWS_PER_GROUP", 3)
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 10)
    out = tmp_path / "parts"
    assert run("score", str(src), "-o", str(out), "--format", "parquet", "--dimensions", DIMS)[0] == EXIT_OK
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) == 4
    parts[-1].unlink()
    parts[-2].unlink()
    (out / ".part-000002.tmp").write_bytes(b"PAR1 half a file")  # a part cut off by a kill
    code, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS, "--resume")
    assert code == EXIT_OK, err
    assert "6 already in" in err
    table = pq.read_table(out)
    assert sorted(table.column("id").to_pylist()) == sorted(ids)
    assert not list(out.glob(".part-*"))


def test_resume_refuses_what_it_cannot_continue(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 2)
    code, _, err = run("score", str(src), "--resume", "--dimensions", DIMS)
    assert code == EXIT_USAGE and "--resume needs --output" in err
    code, _, err = run("score", str(src), "-o", str(tmp_path / "x.json"), "--resume", "--dimensions", DIMS)
    assert code == EXIT_USAGE and "--resume works with jsonl, csv or parquet" in err
    alien = tmp_path / "alien.jsonl"
    alien.write_text("not json at all\n", encoding="utf-8")
    with pytest.raises(ResumeError, match=r"alien\.jsonl:1"):
        completed_ids(alien, "jsonl")
    code, _, err = run("score", str(src), "-o", str(alien), "--resume", "--dimensions", DIMS)
    assert code == EXIT_USAGE and "cannot resume" in err


def test_a_killed_run_resumes_with_every_record_exactly_once(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    n = 800
    ids = write_jsonl(src, n)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "framing", "score", str(src), "-o", str(out), "--dimensions", DIMS, "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.stat().st_size > 0:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its worker processes, mid-run
    finally:
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    written = out.read_bytes()
    kept = written.count(b"\n")
    assert 0 <= kept < n
    code, _, err = run("score", str(src), "-o", str(out), "--dimensions", DIMS, "--resume", "--jobs", "2")
    assert code == EXIT_OK, err
    assert f"{n - kept:,} scored, 0 failed, {kept:,} already in" in err
    records = jsonl_records(out)
    assert sorted(r["id"] for r in records) == sorted(ids)
    assert [r["id"] for r in records] == ids  # and still in input order
    for r in records:
        assert r["schema"] == "framing.analysis/1"
        assert r["n_sentences"] == len(r["sentences"]) == 4
        assert r["warnings"] == [] and "attributions_per_100_words" in r["scores"]


def test_usage_errors_of_the_batch_options(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 1)
    assert run("score", str(src), "--format", "parquet", "--dimensions", DIMS)[0] == EXIT_USAGE
    assert run("score", str(src), "--chunk-size", "0", "--dimensions", DIMS)[0] == EXIT_USAGE
    assert run("score", str(src), "--jobs", "0", "--dimensions", DIMS)[0] == EXIT_USAGE
