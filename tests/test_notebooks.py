"""The three notebooks run top to bottom in a fresh kernel and each writes its PDF report."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pypdf = pytest.importorskip("pypdf")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CASES = {
    "compare_seeds.ipynb": "compare_seeds.pdf",
    "corpus_overview.ipynb": "corpus_overview.pdf",
    "custom_lexicon.ipynb": "custom_lexicon.pdf",
}


def test_notebooks_are_committed_without_outputs() -> None:
    for name in CASES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{name}: outputs are committed"
                assert cell.execution_count is None, f"{name}: execution counts are committed"


@pytest.mark.parametrize("name", sorted(CASES))
def test_notebook_runs_headless_and_writes_its_report(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRAMING_REPORTS_DIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    pdf = tmp_path / CASES[name]
    assert pdf.is_file()
    assert len(pypdf.PdfReader(str(pdf)).pages) >= 4


def test_train_your_own_runs_headless_and_is_committed_without_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "train_your_own.ipynb"
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: outputs are committed"
    monkeypatch.setenv("FRAMING_REPORTS_DIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    assert (tmp_path / "opinion_model.json").is_file()
