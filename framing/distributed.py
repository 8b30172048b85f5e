"""A Dask backend: score a corpus on the workers of a ``dask.distributed`` cluster.

Three ways in (all need the optional extra: ``pip install 'framing[dask]'``):

- :func:`score_on_cluster` streams documents to a running scheduler in chunks and yields the
  rendered results in input order (``framing score --scheduler tcp://HOST:PORT`` uses it);
- :func:`analyze_bag` maps the analyser over a ``dask.bag`` of texts, documents or records;
- :func:`analyze_dataframe` maps it over the partitions of a ``dask.dataframe``, one flat row
  (``id``, ``meta.*``, scores, ``label.*``, ``error``) per input row.

Only the analyser's configuration travels to the workers; each worker process builds its
analyser (lexicons, dictionaries) once, on its first task, and reuses it for every later one.
"""

from __future__ import annotations

import gc
import pickle
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from .analyzer import DEFAULT_CHUNK_SIZE, Analyzer, chunks, ordered_map
from .document import Document
from .io import Failure
from .render import Scored, _score_one, flat_row

__all__ = ["analyze_bag", "analyze_dataframe", "score_on_cluster"]

#: Chunks in flight per worker thread of the cluster: enough to keep every worker busy.
CHUNKS_PER_THREAD = 3
#: Text of the probe document used to learn the output columns of :func:`analyze_dataframe`.
PROBE_TEXT = "The council approved the budget on Tuesday. Critics said the plan was a giveaway."

_ANALYZERS: dict[bytes, Analyzer] = {}
_LOCK = threading.Lock()


def _local(analyzer: Analyzer) -> Analyzer:
    """This process's loaded analyser for ``analyzer``'s configuration (built once per process)."""
    key = pickle.dumps(analyzer.config)
    with _LOCK:
        found = _ANALYZERS.get(key)
        if found is None:
            found = _ANALYZERS[key] = analyzer.load()
            gc.freeze()  # kept for the worker's lifetime: out of the garbage collector's scans
        return found


def _cluster_task(chunk: list[Document | Failure], analyzer: Analyzer, fmt: str) -> list[Scored | Failure]:
    local = _local(analyzer)
    return [_score_one(local, item, fmt) for item in chunk]


def _client(scheduler: Any) -> tuple[Any, bool]:
    try:
        from distributed import Client
    except ImportError:
        raise ImportError("the Dask backend needs dask.distributed: pip install 'framing[dask]'") from None
    if isinstance(scheduler, Client):
        return scheduler, False
    return Client(scheduler), True


def score_on_cluster(
    analyzer: Analyzer,
    items: Iterable[Document | Failure],
    scheduler: Any,
    *,
    fmt: str = "jsonl",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[Scored | Failure]:
    """Score ``items`` on a Dask cluster, yielding rendered results (see :func:`framing.render.render`) in order.

    ``scheduler`` is an address (``tcp://10.0.0.5:8786``) or a ``distributed.Client``. Documents
    are read lazily and sent in chunks of ``chunk_size``, with a few chunks per worker thread in
    flight, so the client's memory stays bounded however long the input is.
    """
    client, owned = _client(scheduler)
    try:
        threads = max(sum(client.nthreads().values()), 1)
        submit = partial(client.submit, pure=False)
        yield from ordered_map(
            submit, _cluster_task, chunks(items, chunk_size), CHUNKS_PER_THREAD * threads, analyzer, fmt
        )
    finally:
        if owned:
            client.close()


def _as_item(item: Any, index: int, text_field: str, id_field: str) -> Document | Failure:
    if isinstance(item, (Document, Failure)):
        return item
    if isinstance(item, str):
        return Document(f"doc-{index}", item)
    if isinstance(item, Mapping):
        text = item.get(text_field)
        raw_id = item.get(id_field)
        doc_id = f"doc-{index}" if raw_id in (None, "") else str(raw_id)
        if not isinstance(text, str):
            return Failure(f"record {doc_id}", f"field {text_field!r} is missing or not text", doc_id)
        meta = {k: v for k, v in item.items() if k not in (text_field, id_field)}
        return Document(doc_id, text, meta, source=f"record {doc_id}")
    return Failure(f"item {index}", f"expected a text, a Document or a record, not {type(item).__name__}")


def _failure_record(f: Failure) -> dict[str, Any]:
    return {"id": f.id, "source": f.source, "error": f.message}


def _bag_partition(
    items: Iterable[Any], analyzer: Analyzer, output: str, text_field: str, id_field: str
) -> list[dict[str, Any]]:
    local = _local(analyzer)
    out: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        result = local._analyze_or_fail(_as_item(item, i, text_field, id_field))
        if isinstance(result, Failure):
            out.append(_failure_record(result))
        else:
            out.append(result.to_dict() if output == "record" else flat_row(result))
    return out


def analyze_bag(
    bag: Any,
    analyzer: Analyzer | None = None,
    *,
    output: str = "record",
    text_field: str = "text",
    id_field: str = "id",
    **options: Any,
) -> Any:
    """A ``dask.bag`` of results for a bag of texts, :class:`~framing.document.Document` s or records.

    ``output="record"`` gives each document's JSON record (``docs/schema.md``), ``"row"`` its flat
    row (``bag.to_dataframe()`` ready). Records (dicts) take their text from ``text_field`` and
    their id from ``id_field``; plain texts get ids ``doc-N`` numbered within their partition, so
    give documents ids when they must be unique. A document that fails gives
    ``{"id", "source", "error"}`` in its place. ``options`` build the analyser when none is given.
    """
    if output not in ("record", "row"):
        raise ValueError(f"output must be 'record' or 'row', not {output!r}")
    analyzer = analyzer or Analyzer(**options)
    return bag.map_partitions(_bag_partition, analyzer, output, text_field, id_field)


def _output_columns(analyzer: Analyzer, meta_columns: Sequence[str]) -> list[str]:
    probe = _local(analyzer).analyze(Document("probe", PROBE_TEXT, {c: "" for c in meta_columns}))
    return [*flat_row(probe), "error"]


def _frame_partition(
    df: Any, analyzer: Analyzer, text: str, id: str | None, meta_columns: list[str], columns: list[str]
) -> Any:
    import pandas as pd

    local = _local(analyzer)
    rows: list[dict[str, Any]] = []
    texts = df[text].tolist()
    ids = df[id].tolist() if id is not None else df.index.tolist()
    metas = df[meta_columns].to_dict("records") if meta_columns else [{} for _ in texts]
    for doc_id, body, meta in zip(ids, texts, metas):
        key = str(doc_id)
        if not isinstance(body, str):
            rows.append({"id": key, "error": f"column {text!r} is not text"})
            continue
        result = local._analyze_or_fail(Document(key, body, meta, source=f"row {key}"))
        if isinstance(result, Failure):
            row = {"id": key, **{f"meta.{k}": v for k, v in meta.items()}, "error": result.message}
        else:
            row = {**flat_row(result), "error": None}
        rows.append(row)
    out = pd.DataFrame.from_records(rows, columns=columns)
    return out.astype({c: _dtype(c) for c in columns})


def analyze_dataframe(
    ddf: Any,
    analyzer: Analyzer | None = None,
    *,
    text: str = "text",
    id: str | None = None,
    meta: Sequence[str] | None = None,
    **options: Any,
) -> Any:
    """Flat rows for a ``dask.dataframe``: one per input row, partition by partition.

    Columns: ``id`` (from the ``id`` column, else the index), ``meta.*`` (the ``meta`` columns,
    default every other column), every score, ``label.*``, and ``error`` (None, or why that row
    could not be scored). ``options`` build the analyser when none is given.
    """
    import pandas as pd

    if text not in ddf.columns:
        raise KeyError(f"DataFrame has no column {text!r} (columns: {', '.join(map(str, ddf.columns))})")
    analyzer = analyzer or Analyzer(**options)
    meta_columns = [c for c in (ddf.columns if meta is None else meta) if c not in (text, id)]
    columns = _output_columns(analyzer, meta_columns)
    empty = pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in columns})
    return ddf.map_partitions(_frame_partition, analyzer, text, id, meta_columns, columns, meta=empty)


def _dtype(column: str) -> str:
    if column in ("id", "error") or column.startswith(("meta.", "label.")):
        return "object"
    return "float64"
