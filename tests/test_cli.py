"""The command line as a user drives it: formats, stdin, exit codes and bad input."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from framing.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = (
    "The council approved the budget on Tuesday. The mayor said the plan would add 40 officers. "
    "Critics called it a giveaway to developers."
)


def run(
    *argv: str, stdin: str | bytes | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        assert monkeypatch is not None
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        fake = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", fake)
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_score_seeds_json_gives_three_records_with_exact_sentence_offsets() -> None:
    code, out, err = run("score", str(SEEDS), "--format", "json")
    assert code == EXIT_OK, err
    records = json.loads(out)
    assert len(records) == 3
    for rec in records:
        text = (SEEDS / f"{rec['id']}.txt").read_text(encoding="utf-8")
        assert rec["schema"] == "framing.analysis/1"
        assert rec["n_sentences"] == len(rec["sentences"]) > 0
        for s in rec["sentences"]:
            assert text[s["start"] : s["end"]] == s["text"]
            assert not s["text"].startswith(("S.", "S ")), "split inside U.S."
        for e in rec["evidence"]:
            assert text[e["start"] : e["end"]] == e["text"]


def test_seed_002_header_becomes_meta_date_and_is_not_a_sentence() -> None:
    code, out, _ = run("score", str(SEEDS / "002_0a28a9245bdd40ba.txt"), "--format", "jsonl")
    assert code == EXIT_OK
    (rec,) = [json.loads(line) for line in out.splitlines()]
    assert rec["meta"]["date"] == "2022-01-24"
    assert rec["sentences"][0]["text"].startswith("President Biden will speak")


def test_table_is_the_default_and_names_each_document() -> None:
    code, out, _ = run("score", str(SEEDS))
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "words", "sentences"]
    assert sum(line.startswith(("000_", "001_", "002_")) for line in lines) == 3


def test_missing_path_fails_only_itself(tmp_path: Path) -> None:
    out_file = tmp_path / "out.jsonl"
    code, out, err = run("score", str(SEEDS), str(tmp_path / "nope.txt"), "--format", "jsonl", "-o", str(out_file))
    assert code == EXIT_SOME_FAILED
    assert out == ""
    assert len(out_file.read_text(encoding="utf-8").splitlines()) == 3
    error_lines = [line for line in err.splitlines() if "error" in line]
    assert len(error_lines) == 1 and "nope.txt" in error_lines[0]


def test_bad_inputs_in_a_folder_are_each_named_and_the_rest_scored(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x01\x02def")
    (tmp_path / "paper.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "big.txt").write_text("The vote was close. " * 260_000, encoding="utf-8")  # about 5 MB
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"id": "a", "text": ARTICLE}) + "\n{not json\n" + json.dumps({"id": "b", "text": ARTICLE}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "table.csv").write_text("id,body\n1,hello there\n", encoding="utf-8")
    code, out, err = run("score", str(tmp_path), "--format", "jsonl")
    assert code == EXIT_SOME_FAILED
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["good", "a", "b"]  # files in sorted order, records in file order
    errors = [line for line in err.splitlines() if line.startswith("framing: error:")]
    assert len(errors) == 6
    joined = "\n".join(errors)
    assert "binary.txt: binary file" in joined
    assert "paper.txt: binary file (PDF)" in joined
    assert "empty.txt: empty document" in joined
    assert "big.txt: document is" in joined and "--max-chars" in joined
    assert "records.jsonl:2: invalid JSON" in joined
    assert "table.csv:1: no column 'text'" in joined
    assert all("\n" not in e for e in errors)


def test_csv_input_with_chosen_fields_and_csv_output(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["url", "body", "outlet"])
        w.writerow(["u1", ARTICLE, "Daily"])
        w.writerow(["u2", "Officials said the bridge will reopen in May.", "Herald"])
    code, out, err = run("score", str(src), "--text-field", "body", "--id-field", "url", "--format", "csv")
    assert code == EXIT_OK, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["u1", "u2"]
    assert [r["meta.outlet"] for r in rows] == ["Daily", "Herald"]
    assert int(rows[0]["n_words"]) == len(ARTICLE.split())


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("score", "-", "--format", "jsonl", stdin=ARTICLE, monkeypatch=monkeypatch)
    assert code == EXIT_OK
    (rec,) = map(json.loads, out.splitlines())
    assert rec["id"] == "stdin" and rec["n_sentences"] == 3
    lines = "\n".join(json.dumps({"id": f"r{i}", "text": ARTICLE}) for i in range(3))
    code, out, _ = run("score", "-", "--format", "jsonl", stdin=lines, monkeypatch=monkeypatch)
    assert code == EXIT_OK
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["r0", "r1", "r2"]


def test_non_english_is_scored_with_a_warning(tmp_path: Path) -> None:
    doc = tmp_path / "de.txt"
    doc.write_text(
        "Die Bundesregierung hat am Dienstag neue Hilfen für die Ukraine beschlossen. Der Kanzler sagte, "
        "Deutschland stehe fest an der Seite der Ukraine und werde weitere Waffen liefern. Kritiker "
        "bemängeln jedoch, dass die Lieferungen viel zu spät kämen und nicht ausreichten.",
        encoding="utf-8",
    )
    code, out, err = run("score", str(doc), "--format", "jsonl")
    assert code == EXIT_OK
    assert "does not look like English" in err
    assert "does not look like English" in json.loads(out)["warnings"][0]


def test_usage_errors_exit_2() -> None:
    assert run("score")[0] == EXIT_USAGE
    assert run("score", str(SEEDS), "--format", "xml")[0] == EXIT_USAGE
    code, _, err = run("score", str(SEEDS), "--dimensions", "nonsense")
    assert code == EXIT_USAGE and "unknown dimension" in err
    assert run()[0] == EXIT_USAGE


def test_a_bad_user_lexicon_is_one_usage_error_naming_file_and_line(tmp_path: Path) -> None:
    lex = tmp_path / "mine.tsv"
    lex.write_text(
        "# name: mine\n# version: 1\n# language: en\n# license: CC0\n# source: me\n"
        "term\tcategory\tweight\nfoo\tx\tnot-a-number\n",
        encoding="utf-8",
    )
    code, out, err = run("score", str(SEEDS), "--lexicon", str(lex))
    assert code == EXIT_USAGE
    assert out == ""
    assert f"{lex}:7: weight 'not-a-number' is not a number" in err


def test_explain_marks_every_evidence_span_plainly_when_not_a_tty() -> None:
    import framing

    path = SEEDS / "000_9a7f7bc7f1e60ac7.txt"
    analysis = framing.analyze(path.read_text(encoding="utf-8"))
    code, out, _ = run("explain", str(path), "--color", "never", "--width", "10000")
    assert code == EXIT_OK
    assert "\033[" not in out
    blocks = out.split("\n\n")[1:]  # one block per sentence after the document header
    assert len(blocks) == analysis.n_sentences
    for s, block in zip(analysis.sentences, blocks):
        assert block.startswith(f"[{s.index}]")
        shown = block.splitlines()[1].strip()
        assert shown.replace("[", "").replace("]", "") == analysis.text[s.start : s.end].replace("[", "").replace(
            "]", ""
        )
        for e in analysis.evidence_for(s.index):
            assert f"- {e.dimension}/{e.label}: “{analysis.text[e.start : e.end]}”" in block
    marked = [b for b in blocks if "\n      - " in b]
    assert marked, "seed 000 has evidence to show"
    assert all("[" in b.splitlines()[1] for b in marked)
    code, coloured, _ = run("explain", str(path), "--color", "always")
    assert "\033[1;4;35m" in coloured


def test_version_and_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith("framing ")
    proc = subprocess.run(
        [sys.executable, "-m", "framing", "score", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "examples:" in proc.stdout


def test_lexicons_command_lists_every_shipped_lexicon() -> None:
    from framing.resources import shipped_lexicon_paths

    code, out, _ = run("lexicons")
    assert code == EXIT_OK
    listed = {line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")}
    assert listed == {p.stem for p in shipped_lexicon_paths()}


def test_explain_groups_document_scores_by_dimension_and_filters_by_one() -> None:
    import framing

    path = str(SEEDS / "002_0a28a9245bdd40ba.txt")
    code, out, _ = run("explain", path, "--color", "never")
    assert code == EXIT_OK
    header = out.split("\n\n")[0]
    starts = [line.split(":")[0] for line in header.splitlines() if line[:1].isalpha()]
    analyzer = framing.Analyzer()
    produced = set(analyzer.analyze((SEEDS / "002_0a28a9245bdd40ba.txt").read_text(encoding="utf-8")).scores)
    with_scores = {d.name for d in analyzer.dimensions if set(d.SCORES) & produced}
    assert len(with_scores) >= 4 and with_scores <= set(starts), starts
    assert "smog_index" in header and not any(line.rstrip().endswith("smog_index") for line in header.splitlines())
    code, only, _ = run("explain", path, "--color", "never", "--dimension", "attribution")
    head = only.split("\n\n")[0]
    assert "attributions_per_100_words" in head and "flesch_reading_ease" not in head
    assert all("- attribution/" in line for line in only.splitlines() if line.lstrip().startswith("- "))
    n_sources = framing.analyze((SEEDS / "002_0a28a9245bdd40ba.txt").read_text(encoding="utf-8")).scores["n_sources"]
    assert re.search(rf"n_sources\s{int(n_sources)}(\s|$)", head), head  # a count, not a decimal


def _import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (relative imports, at any depth in the file)."""
    import ast

    modules: dict[str, tuple[Path, bool]] = {}
    for f in package.rglob("*.py"):
        parts = list(f.relative_to(package.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_pkg else parts)] = (f, is_pkg)
    graph: dict[str, set[str]] = {}
    for mod, (f, is_pkg) in modules.items():
        pkg = mod.split(".") if is_pkg else mod.split(".")[:-1]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = ".".join(pkg[: len(pkg) - node.level + 1] + (node.module.split(".") if node.module else []))
                subs = {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules}
                deps |= subs or ({base} if base in modules else set())
        # importing a parent package is not a dependency on its modules
        graph[mod] = {d for d in deps if d != mod and not mod.startswith(d + ".")}
    return graph


def test_the_package_import_graph_has_no_cycle() -> None:
    graph = _import_graph(Path(__file__).resolve().parent.parent / "framing")
    assert "framing.cli" not in graph["framing.batch"]
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep) :] + [dep])
            elif dep not in state:
                visit(dep, path)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []
