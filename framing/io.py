"""Loaders: files, folders of ``.txt``, JSONL, CSV, pandas DataFrames and stdin.

Loaders never raise on bad input: they yield a :class:`Failure` naming the file and line or record
in place of the document, so a batch goes on with every other document.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .document import DecodeError, Document, LineDecoder, decode_bytes, replace_surrogates, utf16_without_bom

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
    "unique_ids",
]

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
CSV_SUFFIXES = (".csv", ".tsv")


@dataclass(frozen=True)
class Failure:
    """A document that could not be loaded or scored: ``source`` names the file and line or record.

    ``usage`` marks a mistake in how the input was described rather than in the record (a text
    field that the file does not have): for a file named on the command line, the command stops
    with a usage error on it.
    """

    source: str
    message: str
    id: str | None = None
    usage: bool = False

    def __post_init__(self) -> None:
        for name in ("source", "message", "id"):
            value, n = replace_surrogates(getattr(self, name))
            if n:
                object.__setattr__(self, name, value)

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


def _kind(value: Any) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"{json.dumps(value)}, not text"
    if isinstance(value, (int, float)):
        return f"a number ({value!r}), not text"
    if isinstance(value, (list, tuple)):
        return "a list, not text"
    if isinstance(value, Mapping):
        return "an object, not text"
    return f"{type(value).__name__}, not text"


def _record(record: Any, source: str, default_id: str, opts: LoadOptions, *, first: bool = False) -> Document | Failure:
    if not isinstance(record, dict):
        return Failure(source, f"expected a JSON object, got {_kind(record).removesuffix(', not text')}")
    raw_id = record.get(opts.id_field)
    doc_id = default_id if raw_id in (None, "") else str(raw_id)
    if opts.text_field not in record:
        fields = ", ".join(sorted(map(str, record))) or "none"
        message = f"no field {opts.text_field!r} (fields: {fields}); choose one with --text-field"
        return Failure(source, message, doc_id, usage=first)
    text = record[opts.text_field]
    if not isinstance(text, str):
        return Failure(source, f"field {opts.text_field!r} is {_kind(text)}", doc_id)
    return Document(doc_id, text, _meta(record, opts), source=source)


def read_jsonl(stream: Iterable[str], name: str, opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """One document per JSON line; blank lines are skipped; ids default to ``name:LINE``.

    When the first record has no text field, that one failure is marked ``usage`` and reading
    stops: the field was named wrong, and every record would fail alike. Lines that ``stream``
    (a :class:`~framing.document.LineDecoder`) read as cp1252 get a warning.
    """
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    recoded = getattr(stream, "recoded", ())
    first = True
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        source = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(source, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        item = _record(record, source, f"{stem}:{lineno}", opts, first=first)
        first = False
        if isinstance(item, Failure) and item.usage:
            yield item
            return
        if lineno in recoded and isinstance(item, Document):
            item = replace(item, warnings=(*item.warnings, _CP1252_LINE))
        yield item


def read_csv(stream: Iterable[str], name: str, opts: LoadOptions = LoadOptions()) -> Iterator[Document | Failure]:
    """One document per CSV row (tab-separated for ``.tsv``); ids default to ``name:LINE``.

    A header without the text column is one ``usage`` failure. Rows on lines that ``stream`` (a
    :class:`~framing.document.LineDecoder`) read as cp1252 get a warning.
    """
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    recoded = getattr(stream, "recoded", ())
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
            usage=True,
        )
        return
    last_line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(f"{name}:{reader.line_num}", f"invalid CSV row: {exc}")
            return
        source = f"{name}:{reader.line_num}"
        lines = range(last_line + 1, reader.line_num + 1)
        last_line = reader.line_num
        if None in row:
            yield Failure(source, f"{len(columns) + len(row[None])} fields but the header has {len(columns)}")
            continue
        item = _record(row, source, f"{stem}:{reader.line_num}", opts)
        if recoded and isinstance(item, Document):
            bad = [n for n in lines if n in recoded]
            if bad:
                note = _CP1252_LINE if len(lines) == 1 else f"line {bad[0]} {_CP1252_NOTE}"
                item = replace(item, warnings=(*item.warnings, note))
        yield item


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


def _open_lines(path: Path) -> tuple[Iterable[str] | None, IO[Any] | None, Failure | None, list[str]]:
    """A JSONL or CSV file as text lines: ``(lines, file to close, failure, warnings for every record)``.

    UTF-16 (with a byte-order mark, or recognised without one) is decoded as a whole. Anything
    else is decoded line by line as UTF-8, and a line that is not valid UTF-8 alone is read as
    cp1252: ``lines.recoded`` (a :class:`LineDecoder`) names those lines.
    """
    try:
        fh = path.open("rb")
        head = fh.peek(4096)[:4096] if hasattr(fh, "peek") else b""
    except OSError as exc:
        return None, None, Failure(str(path), f"cannot read: {exc.strerror or exc}"), []
    wide = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_without_bom(head)
    if wide:
        text = io.TextIOWrapper(fh, encoding=wide, errors="replace", newline="")
        warnings = [] if wide == "utf-16" else [f"no byte-order mark; read as {wide.upper()}"]
        return text, text, None, warnings
    return LineDecoder(fh), fh, None, []


_CP1252_NOTE = "not valid UTF-8; decoded as cp1252"
_CP1252_LINE = "not valid UTF-8; this line decoded as cp1252"


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
    lines, fh, failure, warnings = _open_lines(path)
    if failure:
        yield failure
        return
    assert lines is not None and fh is not None
    with fh:
        reader = read_jsonl if fmt == "jsonl" else read_csv
        for item in reader(lines, str(path), opts):
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


def unique_ids(items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
    """``items`` with every document whose id was already used replaced by a :class:`Failure`.

    The rule for a run: ids are unique (outputs are keyed by id, and a resumed run skips ids it
    has). A later document with a used id fails, naming where the id was first used; the first
    keeps it and is scored.
    """
    first: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document):
            where = item.source or item.id
            if item.id in first:
                yield Failure(
                    where,
                    f"duplicate id {item.id!r} (first used at {first[item.id]}); give every document its own id "
                    "(--id-field, or rename the file)",
                    item.id,
                )
                continue
            first[item.id] = where
        yield item


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
