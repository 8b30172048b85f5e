"""The Dask backend on a LocalCluster of two worker processes on loopback."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from framing.analyzer import Analyzer  # noqa: E402
from framing.batch import score_stream  # noqa: E402
from framing.cli import EXIT_OK, EXIT_SOME_FAILED, main  # noqa: E402
from framing.distributed import analyze_bag, analyze_dataframe  # noqa: E402
from framing.document import Document  # noqa: E402

DIMS = ("attribution",)


def article(i: int) -> str:
    return (
        f"The council approved budget {i} on Tuesday. The mayor said the plan would add {i % 40} officers. "
        f'"It is a giveaway to developers," said critic number {i}.'
    )


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=DIMS).load()


def test_bag_of_documents_and_records_matches_local_analysis(client: Any, analyzer: Analyzer) -> None:
    docs = [Document(f"d{i}", article(i), {"n": i}) for i in range(12)]
    records: list[Any] = [{"id": "r1", "text": article(99), "outlet": "x"}, {"id": "bad", "text": None}]
    bag = db.from_sequence(docs + records, npartitions=4)
    got = analyze_bag(bag, analyzer).compute()
    assert [r["id"] for r in got] == [*(d.id for d in docs), "r1", "bad"]
    for d, r in zip(docs, got):
        assert r == json.loads(json.dumps(analyzer.analyze(d).to_dict()))
    assert got[12]["meta"] == {"outlet": "x"}
    assert got[13]["id"] == "bad" and "not text" in got[13]["error"]
    rows = analyze_bag(db.from_sequence(docs[:3], npartitions=2), output="row", dimensions=DIMS).compute()
    assert [r["id"] for r in rows] == ["d0", "d1", "d2"] and rows[1]["meta.n"] == 1


def test_dataframe_partitions_give_one_flat_row_per_input_row(client: Any, analyzer: Analyzer) -> None:
    n = 10
    df = pd.DataFrame(
        {"url": [f"u{i}" for i in range(n)], "body": [article(i) if i != 4 else "   " for i in range(n)], "year": 2020}
    )
    out = analyze_dataframe(dd.from_pandas(df, npartitions=3), analyzer, text="body", id="url").compute()
    assert out["id"].tolist() == df["url"].tolist()
    assert out["meta.year"].tolist() == [2020] * n
    assert out.loc[out["id"] == "u4", "error"].item().startswith("empty document")
    scored = out[out["error"].isna()]
    assert len(scored) == n - 1
    assert (scored["n_sentences"] == 3).all()
    local = analyzer.analyze(Document("u2", article(2)))
    row = scored[scored["id"] == "u2"].iloc[0]
    for key, value in local.scores.items():
        assert row[key] == pytest.approx(value, abs=1e-6)


def test_score_stream_on_the_cluster_keeps_input_order(cluster: Any, analyzer: Analyzer) -> None:
    docs = [Document(f"d{i}", article(i)) for i in range(25)]
    remote = list(score_stream(analyzer, iter(docs), fmt="jsonl", scheduler=cluster.scheduler_address, chunk_size=2))
    local = list(score_stream(analyzer, docs, fmt="jsonl"))
    assert [r.id for r in remote] == [d.id for d in docs]
    assert [r.payload for r in remote] == [r.payload for r in local]


def test_cli_scheduler_option(cluster: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"c{i}", "text": article(i)}) + "\n" for i in range(8)) + "{oops\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    argv = ["score", str(src), "-o", str(out), "--dimensions", ",".join(DIMS), "--chunk-size", "3"]
    code = main([*argv, "--scheduler", cluster.scheduler_address], stdout=io.StringIO(), stderr=err)
    assert code == EXIT_SOME_FAILED
    assert f"framing: error: {src}:9: invalid JSON" in err.getvalue()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"c{i}" for i in range(8)]
    local = tmp_path / "local.jsonl"
    assert main([*argv[:3], str(local), *argv[4:]], stdout=io.StringIO(), stderr=io.StringIO()) in (
        EXIT_OK,
        EXIT_SOME_FAILED,
    )
    assert out.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
