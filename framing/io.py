"""Loaders: files, folders of ``.txt``, JSONL, CSV, pandas DataFrames and stdin.

Loaders never raise on bad input: they yield a :class:`Failure` naming the file and line or record
in place of the document, so a batch goes on with every other document.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .document import DecodeError, Document, decode_bytes

__all__ = [
    "TEXT_SUFFIXES",
    "Failure",
    "LoadOptions",
    "from_dataframe",
    "iter_documents",
    "read_csv",
    "read_jsonl",
    "read_path",
    "read_text_file",
]

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
CSV_SUFFIXES = (".csv", ".tsv")


@dataclass(frozen=True)
class Failure:
    """A document that could not be loaded or scored: ``source`` names the file and line or record."""

    source: str
    message: str
    id: str | None = None

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class LoadOptions:
    """Which fields of a JSONL or CSV record hold the text, the id and the metadata.

    ``meta_fields=None`` keeps every other field as metadata; an empty tuple keeps none.
    ``input_format`` is ``auto`` (by suffix; stdin by its first character), ``text``, ``jsonl`` or ``csv``.
    """

    text_field: str = "text"
    id_field: str = "id"
    meta_fields: tuple[str, ...] | None = None
    input_format: str = "auto"

    def __post_init__(self) -> None:
        if self.input_format not in ("auto", "text", "jsonl", "csv"):
            raise ValueError(f"input_format must be auto, text, jsonl or csv, not {self.input_format!r}")
        if not self.text_field:
            raise ValueError("text_field must not be empty")


def _meta(record: dict[str, Any], opts: LoadOptions) -> dict[str, Any]:
    skip = {opts.text_field, opts.id_field}
    if opts.meta_fields is None:
        return {k: v for k, v in record.items() if k not in skip}
    return {k: record[k] for k in opts.meta_fields if k in record}


def _record(record: Any, source: str, default_id: str, opts: LoadOptions) -> Document | Failure:
    if not isinstance(record, dict):
        return Failure(source, f"expected a JSON object, got {type(record).__name__}")
    if opts.text_field not in record:
        fields = ", ".join(sorted(map(str, record))) or "none"
        return Failure(source, f"no field {opts.text_field!r} (fields: {fields}); choose one with --text-field")
    text = record[opts.text_field]
    raw_id = record.get(opts.id_field)
    doc_id = default_id if raw_id in (None, "") else str(raw_id)
    if not isinstance(text, str):
        return Failure(source, f"field {opts.text_field!r} is {type(text).__name__}, not text", doc_id)
    return Document(doc_id, text, _meta(record, opts), source=source)


def read_jsonl(stream: IO[str], name: str, opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """One document per JSON line; blank lines are skipped; ids default to ``name:LINE``."""
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        source = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(source, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _record(record, source, f"{stem}:{lineno}", opts)


def read_csv(stream: IO[str], name: str, opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """One document per CSV row (tab-separated for ``.tsv``); ids default to ``name:LINE``."""
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(stream, delimiter="\t" if name.lower().endswith(".tsv") else ",")
    try:
        columns = reader.fieldnames
    except csv.Error as exc:
        yield Failure(f"{name}:1", f"invalid CSV header: {exc}")
        return
    if not columns:
        yield Failure(f"{name}:1", "empty CSV file (no header)")
        return
    if opts.text_field not in columns:
        yield Failure(
            f"{name}:1",
            f"no column {opts.text_field!r} (columns: {', '.join(columns)}); choose one with --text-field",
        )
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(f"{name}:{reader.line_num}", f"invalid CSV row: {exc}")
            return
        source = f"{name}:{reader.line_num}"
        if None in row:
            yield Failure(source, f"{len(columns) + len(row[None])} fields but the header has {len(columns)}")
            continue
        yield _record(row, source, f"{stem}:{reader.line_num}", opts)


def read_text_file(path: Path, doc_id: str | None = None) -> Document | Failure:
    """A whole file as one document; its id is the file name without suffix."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Failure(str(path), f"cannot read: {exc.strerror or exc}")
    try:
        text, warnings = decode_bytes(data)
    except DecodeError as exc:
        return Failure(str(path), str(exc), doc_id or path.stem)
    return Document(doc_id or path.stem, text, {}, source=str(path), warnings=tuple(warnings))


def _decode_stream(path: Path) -> tuple[IO[str] | None, Failure | None, list[str]]:
    """Open a JSONL or CSV file as text, sniffing its encoding from the first bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        return None, Failure(str(path), f"cannot read: {exc.strerror or exc}"), []
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        with path.open(encoding=encoding, newline="") as probe:
            probe.read(65536)
    except UnicodeDecodeError:
        return path.open(encoding="cp1252", errors="replace", newline=""), None, ["not valid UTF-8; decoded as cp1252"]
    # invalid bytes further on are escaped, then read as cp1252 by _repair (one record, not the batch)
    return path.open(encoding=encoding, errors="surrogateescape", newline=""), None, []


_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")
_PARTLY_CP1252 = "not valid UTF-8 in places; those bytes decoded as cp1252"


def _repair(item: Document | Failure) -> Document | Failure:
    """Decode bytes escaped by ``surrogateescape`` as cp1252, with a warning on the document."""

    def fix(value: Any) -> Any:
        if not isinstance(value, str) or not _ESCAPED_BYTE_RE.search(value):
            return value
        return _ESCAPED_BYTE_RE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), value)

    if isinstance(item, Failure):
        return replace(item, message=fix(item.message), id=fix(item.id))
    text, doc_id, meta = fix(item.text), fix(item.id), {k: fix(v) for k, v in item.meta.items()}
    if text is item.text and doc_id is item.id and all(meta[k] is v for k, v in item.meta.items()):
        return item
    return replace(item, id=doc_id, text=text, meta=meta, warnings=(*item.warnings, _PARTLY_CP1252))


def read_path(path: str | Path, opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """Documents from a file, a folder (its text files, sorted, recursively) or ``-`` for stdin."""
    if str(path) == "-":
        yield from read_stdin(sys.stdin, opts)
        return
    path = Path(path)
    if not path.exists():
        yield Failure(str(path), "no such file or directory")
        return
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
        )
        if not files:
            yield Failure(str(path), f"folder has no {', '.join(TEXT_SUFFIXES)}, JSONL or CSV files")
        for f in files:
            yield from read_path(f, opts)
        return
    fmt = _format_of(path, opts)
    if fmt == "text":
        yield read_text_file(path)
        return
    stream, failure, warnings = _decode_stream(path)
    if failure:
        yield failure
        return
    assert stream is not None
    with stream:
        reader = read_jsonl if fmt == "jsonl" else read_csv
        for item in reader(stream, str(path), opts):
            item = _repair(item)
            if warnings and isinstance(item, Document):
                item = replace(item, warnings=item.warnings + tuple(warnings))
            yield item


def _format_of(path: Path, opts: LoadOptions) -> str:
    if opts.input_format != "auto":
        return opts.input_format
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "text"


def read_stdin(stream: IO[str], opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """Standard input: JSONL when it starts with ``{`` (or ``input_format`` says so), else one text."""
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        try:
            text, warnings = decode_bytes(raw.read())
        except DecodeError as exc:
            yield Failure("<stdin>", str(exc))
            return
    else:
        text, warnings = stream.read(), []
    fmt = opts.input_format
    if fmt == "auto":
        fmt = "jsonl" if text.lstrip().startswith("{") else "text"
    if fmt == "jsonl":
        yield from read_jsonl(io.StringIO(text), "<stdin>", opts)
    elif fmt == "csv":
        yield from read_csv(io.StringIO(text, newline=""), "<stdin>", opts)
    else:
        yield Document("stdin", text, {}, source="<stdin>", warnings=tuple(warnings))


def iter_documents(paths: Sequence[str | Path], opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """Documents from several paths in order, as :func:`read_path` gives them."""
    for p in paths:
        yield from read_path(p, opts)


def from_dataframe(
    df: Any, *, text: str = "text", id: str | None = None, meta: Sequence[str] | None = None
) -> list[Document | Failure]:
    """Documents from a pandas DataFrame: the ``text`` column, ids from ``id`` (else the index).

    A row whose text is missing (None, NaN) becomes a :class:`Failure` naming the row.
    """
    import pandas as pd

    if text not in df.columns:
        raise KeyError(f"DataFrame has no column {text!r} (columns: {', '.join(map(str, df.columns))})")
    meta_cols = [c for c in (df.columns if meta is None else meta) if c not in (text, id)]
    docs: list[Document | Failure] = []
    for idx, row in zip(df.index, df.to_dict("records")):
        doc_id = str(row[id]) if id is not None else str(idx)
        value = row[text]
        if not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value):
            docs.append(Failure(f"row {idx}", f"no text (column {text!r} is empty)", doc_id))
            continue
        docs.append(Document(doc_id, str(value), {c: row[c] for c in meta_cols}, source=f"row {idx}"))
    return docs


def documents_from(items: Iterable[str | Document]) -> Iterator[Document]:
    """Wrap plain strings as documents with ids ``doc-0``, ``doc-1``..."""
    for i, item in enumerate(items):
        yield item if isinstance(item, Document) else Document(f"doc-{i}", item)
