"""Corpus-scale scoring: streaming readers and writers, ordered parallel scoring, resume, progress.

Everything here streams: documents are read as they are scored, at most a few chunks per worker
are in flight, and each record is written as soon as it is ready, so memory stays flat whatever
the corpus size. Formats: JSONL, JSON, CSV and a terminal table, and Parquet (with the optional
``pyarrow``: ``pip install framing[parquet]``) for input and output.

Workers do not send whole :class:`~framing.results.Analysis` objects back: each renders its
record in the output format itself (a JSONL line, a flat row), which keeps the parent process
light enough for the workers to use every core.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import analyzer as _analyzer_module
from .analyzer import DEFAULT_CHUNK_SIZE, Analyzer
from .document import Document, LineDecoder
from .io import Failure, LoadOptions, read_jsonl, read_path
from .render import OUTPUT_FORMATS, Scored, TableRow, _score_one, flat_row, render, render_table

__all__ = [
    "OUTPUT_FORMATS",
    "PARQUET_SUFFIXES",
    "Progress",
    "ResumeError",
    "Scored",
    "TableRow",
    "completed_ids",
    "flat_row",
    "iter_inputs",
    "open_writer",
    "read_parquet",
    "render",
    "score_stream",
]

RESUMABLE_FORMATS = ("jsonl", "csv", "parquet")
PARQUET_SUFFIXES = (".parquet", ".pq")
#: Format chosen from the output file's suffix when ``--format`` is not given.
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet"}
#: Rows buffered before a Parquet row group (or, for a Parquet folder, a part file) is written.
PARQUET_ROWS_PER_GROUP = 1000
#: Parquet rows read at once from an input file.
PARQUET_READ_BATCH = 256
#: Seconds between progress bar redraws.
PROGRESS_INTERVAL = 0.2


class ResumeError(ValueError):
    """The existing output cannot be resumed (wrong format, or not a file this tool wrote)."""


def _render_chunk(chunk: list[Document | Failure], fmt: str) -> list[Scored | Failure]:
    """Worker task of the process pool: score and render a chunk."""
    analyzer = _analyzer_module.worker_analyzer()
    return [_score_one(analyzer, item, fmt) for item in chunk]


def score_stream(
    analyzer: Analyzer,
    items: Iterable[Document | Failure],
    *,
    fmt: str = "jsonl",
    n_jobs: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    scheduler: str | None = None,
) -> Iterator[Scored | Failure]:
    """Score ``items`` and render each for ``fmt``, yielding in input order.

    ``n_jobs`` local worker processes (-1 = all cores), or, with ``scheduler`` (a Dask scheduler
    address such as ``tcp://10.0.0.5:8786``), the workers of a Dask cluster. Input is read lazily
    and at most a few chunks per worker are in flight, so memory stays bounded.
    """
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    if not isinstance(n_jobs, int) or n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive integer or -1, not {n_jobs!r}")
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    analyzer.load()  # a bad lexicon is one configuration error, not one failure per document
    if scheduler is not None:
        from .distributed import score_on_cluster

        yield from score_on_cluster(analyzer, items, scheduler, fmt=fmt, chunk_size=chunk_size)
    elif n_jobs == 1:
        for item in items:
            yield _score_one(analyzer, item, fmt)
    else:
        yield from analyzer._parallel(iter(items), n_jobs, chunk_size, _render_chunk, fmt)


# -- input ------------------------------------------------------------------------------------


def read_parquet(path: str | Path, opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """One document per row of a Parquet file, read in batches; ids default to ``name:ROW`` (from 1)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Failure(str(path), "reading Parquet needs pyarrow: pip install 'framing[parquet]'")
        return
    name = str(path)
    try:
        pf = pq.ParquetFile(name)
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        yield Failure(name, f"cannot read Parquet: {exc}")
        return
    columns = pf.schema_arrow.names
    if opts.text_field not in columns:
        yield Failure(
            f"{name}:1", f"no column {opts.text_field!r} (columns: {', '.join(columns)}); choose one with --text-field"
        )
        return
    wanted = None
    if opts.meta_fields is not None:
        wanted = [c for c in (opts.text_field, opts.id_field, *opts.meta_fields) if c in columns]
    stem = Path(name).stem
    row = 0
    for batch in pf.iter_batches(batch_size=PARQUET_READ_BATCH, columns=wanted):
        for record in batch.to_pylist():
            row += 1
            source = f"{name}:{row}"
            text = record.get(opts.text_field)
            raw_id = record.get(opts.id_field)
            doc_id = f"{stem}:{row}" if raw_id in (None, "") else str(raw_id)
            if not isinstance(text, str):
                kind = "empty (null)" if text is None else f"{type(text).__name__}, not text"
                yield Failure(source, f"field {opts.text_field!r} is {kind}", doc_id)
                continue
            skip = {opts.text_field, opts.id_field}
            meta = {k: v for k, v in record.items() if k not in skip}
            yield Document(doc_id, text, meta, source=source)


def _stdin_jsonl(opts: LoadOptions) -> LineDecoder | None:
    """Standard input as a line stream when it is JSONL (read lazily, not all at once)."""
    if opts.input_format not in ("auto", "jsonl"):
        return None
    raw = getattr(sys.stdin, "buffer", None)
    peek = getattr(raw, "peek", None)
    if peek is None:
        return None
    head = peek(4096)
    if opts.input_format == "auto" and not head.lstrip().lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return None
    return LineDecoder(raw)


def iter_inputs(paths: Sequence[str | Path], opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """Documents from every path in order, streamed: files, folders, JSONL, CSV, Parquet or ``-``."""
    for p in paths:
        if str(p) == "-":
            stream = _stdin_jsonl(opts)
            if stream is not None:
                yield from read_jsonl(stream, "<stdin>", opts)
                continue
        elif Path(p).suffix.lower() in PARQUET_SUFFIXES and opts.input_format == "auto":
            yield from read_parquet(p, opts)
            continue
        yield from read_path(p, opts)


def count_records(paths: Sequence[str | Path]) -> int | None:
    """How many records the inputs hold, when that is cheap to know (JSONL lines, Parquet rows)."""
    total = 0
    for p in paths:
        path = Path(p)
        suffix = path.suffix.lower()
        if str(p) == "-" or not path.is_file():
            return None
        if suffix in PARQUET_SUFFIXES:
            try:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(str(path)).metadata.num_rows
            except (ImportError, OSError, ValueError):
                return None
        elif suffix in (".jsonl", ".ndjson", ".jsonlines"):
            with path.open("rb") as fh:
                total += sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
        elif suffix in (".txt", ".text", ".md"):
            total += 1
        else:
            return None
    return total


# -- resume -----------------------------------------------------------------------------------

_ID_PREFIX_RE = re.compile(rb'^\{"schema": "[^"\\]*", "id": ("(?:[^"\\]|\\.)*")')


def _jsonl_done(path: Path) -> set[str]:
    done: set[str] = set()
    good_end = 0
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.endswith(b"\n"):
                break  # a line cut off by a killed run: dropped and scored again
            if line.strip():
                m = _ID_PREFIX_RE.match(line)
                try:
                    if m and line.rstrip().endswith(b"}"):
                        done.add(json.loads(m.group(1)))
                    else:
                        done.add(str(json.loads(line)["id"]))
                except (ValueError, KeyError, TypeError):
                    raise ResumeError(f"{path}:{lineno}: not a framing JSONL record; cannot resume") from None
            good_end += len(line)
    _truncate(path, good_end)
    return done


def _csv_done(path: Path) -> tuple[set[str], list[str] | None]:
    """Ids in a CSV output and its header; a cut-off last row is removed from the file."""
    done: set[str] = set()
    header: list[str] | None = None
    good_end = 0
    pending = b""
    with path.open("rb") as fh:
        for line in fh:
            pending += line
            if not pending.endswith(b"\n") or pending.count(b'"') % 2:
                continue  # inside a quoted field, or cut off
            row = next(csv.reader(io.StringIO(pending.decode("utf-8-sig"), newline="")), [])
            if header is None:
                header = row
                if "id" not in header:
                    raise ResumeError(f"{path}: no 'id' column in the header; cannot resume")
            elif row:
                idx = header.index("id")
                if idx < len(row):
                    done.add(row[idx])
            good_end += len(pending)
            pending = b""
    _truncate(path, good_end)
    return done, header


def _truncate(path: Path, size: int) -> None:
    if path.stat().st_size != size:
        with path.open("r+b") as fh:
            fh.truncate(size)


def _parquet_done(path: Path) -> set[str]:
    import pyarrow.parquet as pq

    done: set[str] = set()
    for part in _parquet_parts(path):
        try:
            done.update(str(x) for x in pq.read_table(part, columns=["id"]).column("id").to_pylist())
        except (OSError, ValueError, KeyError) as exc:
            raise ResumeError(f"{part}: cannot read ids ({exc}); cannot resume") from None
    for tmp in path.glob(".part-*.tmp"):
        tmp.unlink()
    return done


def _parquet_parts(path: Path) -> list[Path]:
    return sorted(path.glob("part-*.parquet"))


def completed_ids(path: str | Path, fmt: str) -> set[str]:
    """Ids already in an output (JSONL, CSV, or a Parquet folder), repairing a cut-off end.

    A record cut off by a killed run is removed from the file, so that the run can append after
    the last complete record. A missing or empty output has no ids.
    """
    path = Path(path)
    if fmt not in RESUMABLE_FORMATS:
        raise ResumeError(f"--resume works with jsonl, csv or parquet output, not {fmt}")
    if fmt == "parquet":
        if path.is_file():
            raise ResumeError(f"{path}: a single Parquet file cannot be resumed; write to a folder (-o DIR)")
        return _parquet_done(path) if path.is_dir() else set()
    if not path.is_file():
        return set()
    return _jsonl_done(path) if fmt == "jsonl" else _csv_done(path)[0]


# -- output -----------------------------------------------------------------------------------


class Writer:
    """Streams payloads (from :func:`render`) to an output; ``close`` finishes it."""

    count: int = 0

    def write(self, payload: Any) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _TextWriter(Writer):
    def __init__(self, fmt: str, out: IO[str], owned: bool, *, csv_header: list[str] | None = None) -> None:
        self.fmt, self.out, self.owned = fmt, out, owned
        self.count = 0
        self._csv: csv.DictWriter[str] | None = None
        self._rows: list[Any] = []
        if csv_header:
            self._csv = csv.DictWriter(out, fieldnames=csv_header, extrasaction="ignore")

    def write(self, payload: Any) -> None:
        if self.fmt == "jsonl":
            self.out.write(payload + "\n")
        elif self.fmt == "json":
            self.out.write(("[\n" if self.count == 0 else ",\n") + payload)
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, fieldnames=list(payload), extrasaction="ignore")
                self._csv.writeheader()
            self._csv.writerow(payload)
        else:
            self._rows.append(payload)
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "table":
            self.out.write(render_table(self._rows))
        self.out.flush()
        if self.owned:
            self.out.close()


def _parquet_type(column: str, values: Sequence[Any]) -> Any:
    """Text for ``id`` and labels; for metadata and scores, what the first rows hold."""
    import pyarrow as pa

    if column == "id" or column.startswith("label."):
        return pa.string()
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64() if present or not column.startswith("meta.") else pa.string()
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pa.float64()
    return pa.string()


def _parquet_cell(value: Any, kind: str) -> Any:
    """``value`` as the column's kind (``string``, ``bool``, ``int``, ``float``); None when it cannot be."""
    if value is None:
        return None
    if kind == "string":
        return value if isinstance(value, str) else json.dumps(value) if isinstance(value, bool) else str(value)
    if isinstance(value, bool) != (kind == "bool"):
        return None
    if kind == "int":
        return value if isinstance(value, int) else None
    return value if isinstance(value, (int, float)) else None


def _kind(arrow_type: Any) -> str:
    import pyarrow as pa

    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_integer(arrow_type):
        return "int"
    if pa.types.is_floating(arrow_type):
        return "float"
    return "string"


class _ParquetWriter(Writer):
    """Flat rows to one Parquet file, or to numbered part files in a folder (resumable).

    The schema is set by the first rows: text for ``id``, ``meta.*`` and ``label.*``, numbers for
    the scores. In a folder, each part is written under a temporary name and renamed when
    complete, so a killed run leaves only whole parts behind.
    """

    def __init__(self, path: Path, *, folder: bool, warn: Any = None) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ResumeError("writing Parquet needs pyarrow: pip install 'framing[parquet]'") from None
        self.path, self.folder, self.warn = path, folder, warn
        self.count = 0
        self._rows: list[dict[str, Any]] = []
        self._schema: Any = None
        self._file_writer: Any = None
        self._dropped: set[str] = set()
        self._part = 0
        if folder:
            path.mkdir(parents=True, exist_ok=True)
            parts = _parquet_parts(path)
            if parts:
                import pyarrow.parquet as pq

                self._schema = pq.read_schema(parts[0])
                self._part = max(int(p.stem.split("-")[1]) for p in parts) + 1

    def write(self, payload: Any) -> None:
        self._rows.append(payload)
        self.count += 1
        if len(self._rows) >= PARQUET_ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._schema is None:
            keys = list(dict.fromkeys(k for r in self._rows for k in r))
            self._schema = pa.schema([(k, _parquet_type(k, [r.get(k) for r in self._rows])) for k in keys])
        names = set(self._schema.names)
        extra = {k for r in self._rows for k in r} - names - self._dropped
        if extra and self.warn is not None:
            self.warn(f"columns not in the Parquet schema set by the first rows, left out: {', '.join(sorted(extra))}")
        self._dropped |= extra
        kinds = {f.name: _kind(f.type) for f in self._schema}
        columns = {n: [_parquet_cell(r.get(n), kinds[n]) for r in self._rows] for n in self._schema.names}
        table = pa.Table.from_pydict(columns, schema=self._schema)
        if self.folder:
            final = self.path / f"part-{self._part:06d}.parquet"
            tmp = self.path / f".part-{self._part:06d}.tmp"
            pq.write_table(table, tmp)
            os.replace(tmp, final)
            self._part += 1
        else:
            if self._file_writer is None:
                self._file_writer = pq.ParquetWriter(str(self.path), self._schema)
            self._file_writer.write_table(table)
        self._rows = []

    def close(self) -> None:
        self._flush()
        if self._file_writer is not None:
            self._file_writer.close()
        elif not self.folder and self._schema is None:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({"id": pa.array([], pa.string())}), str(self.path))


def open_writer(
    fmt: str, output: str | Path | None, *, stdout: IO[str] | None = None, resume: bool = False, warn: Any = None
) -> Writer:
    """A writer for ``fmt`` to the file ``output`` (or ``stdout``), appending after a resume.

    Call :func:`completed_ids` first when resuming: it repairs a cut-off last record.
    """
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    if fmt == "parquet":
        if output is None:
            raise ResumeError("Parquet output needs a file or folder: -o FILE.parquet or -o DIR")
        path = Path(output)
        folder = path.is_dir() or path.suffix.lower() not in PARQUET_SUFFIXES
        if folder and not resume and path.is_dir():
            for old in [*_parquet_parts(path), *path.glob(".part-*.tmp")]:
                old.unlink()  # a new run replaces the parts of an earlier one, as a new file would
        return _ParquetWriter(path, folder=folder, warn=warn)
    if output is None:
        return _TextWriter(fmt, stdout or sys.stdout, owned=False)
    path = Path(output)
    header = None
    if resume and fmt == "csv" and path.is_file() and path.stat().st_size:
        header = _csv_done(path)[1]
    append = resume and path.is_file() and path.stat().st_size > 0
    out = path.open("a" if append else "w", encoding="utf-8", newline="")
    return _TextWriter(fmt, out, owned=True, csv_header=header)


# -- progress ---------------------------------------------------------------------------------


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@dataclass
class Progress:
    """A one-line progress bar on ``stream``, redrawn at most every :data:`PROGRESS_INTERVAL` s.

    Disabled, it draws nothing; :meth:`message` still writes its line.
    """

    stream: IO[str]
    enabled: bool
    total: int | None = None
    started: float = 0.0
    done: int = 0
    failed: int = 0
    _last: float = 0.0
    _drawn: bool = False

    def __post_init__(self) -> None:
        self.started = self.started or time.monotonic()

    def update(self, done: int, failed: int) -> None:
        self.done, self.failed = done, failed
        if self.enabled and time.monotonic() - self._last >= PROGRESS_INTERVAL:
            self._draw()

    def _draw(self) -> None:
        now = time.monotonic()
        self._last = now
        elapsed = now - self.started
        n = self.done + self.failed
        rate = n / elapsed if elapsed > 0 else 0.0
        if self.total:
            share = min(n / self.total, 1.0)
            filled = int(share * 20)
            eta = (self.total - n) / rate if rate > 0 and n < self.total else 0.0
            head = f"[{'#' * filled}{'.' * (20 - filled)}] {share:4.0%} {n:,}/{self.total:,}"
            tail = f" eta {_duration(eta)}"
        else:
            head, tail = f"{n:,} docs", ""
        line = f"framing: {head} | {self.failed:,} failed | {rate:,.1f} docs/s | {_duration(elapsed)}{tail}"
        self.stream.write("\r" + line + "\033[K")
        self.stream.flush()
        self._drawn = True

    def message(self, line: str) -> None:
        """Write ``line`` (with its newline) above the bar."""
        if self._drawn:
            self.stream.write("\r\033[K")
            self._drawn = False
        self.stream.write(line)
        if self.enabled and self._drawn is False and self._last:
            self._draw()

    def close(self) -> None:
        if self.enabled and (self._drawn or self.done or self.failed):
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started
