"""Documents, byte decoding and the leading metadata header rule."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "HEADER_KEYS",
    "DecodeError",
    "Document",
    "LineDecoder",
    "decode_bytes",
    "replace_surrogates",
    "split_header",
]

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: Replaces each lone surrogate; one character for one, so offsets into the text hold.
REPLACEMENT = "\ufffd"


def replace_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` (text, or a list or mapping holding text) with lone surrogates replaced by U+FFFD.

    A lone surrogate (``"\\ud800"`` escaped in JSON) is not a character: no UTF-8 writer accepts it.
    Returns the cleaned value and how many were replaced; an unchanged value is returned as is.
    """
    if isinstance(value, str):
        if not _SURROGATE_RE.search(value):
            return value, 0
        return _SURROGATE_RE.subn(REPLACEMENT, value)
    if isinstance(value, Mapping):
        items = [(replace_surrogates(k), replace_surrogates(v)) for k, v in value.items()]
        n = sum(k[1] + v[1] for k, v in items)
        return (value if not n else {k[0]: v[0] for k, v in items}), n
    if isinstance(value, (list, tuple)):
        parts = [replace_surrogates(v) for v in value]
        n = sum(p[1] for p in parts)
        return (value if not n else type(value)(p[0] for p in parts)), n
    return value, 0


@dataclass(frozen=True)
class Document:
    """A text to analyse: ``id``, the decoded ``text`` (offsets refer to it) and ``meta``.

    ``source`` names where it came from (``path`` or ``path:line``) for error messages;
    ``warnings`` carries decoding notes from the loader.
    """

    id: str
    text: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Document {self.id!r}: text must be str, not {type(self.text).__name__}")
        # The one place lone surrogates are replaced: every loader and the API build a Document.
        text, n_text = replace_surrogates(self.text)
        doc_id, n_id = replace_surrogates(self.id)
        meta, n_meta = replace_surrogates(self.meta)
        if n_text or n_id or n_meta:
            object.__setattr__(self, "text", text)
            object.__setattr__(self, "id", doc_id)
            object.__setattr__(self, "meta", meta)
            n = n_text + n_id + n_meta
            note = f"{n} lone surrogate{'s' if n > 1 else ''} (not characters) replaced with U+FFFD"
            object.__setattr__(self, "warnings", (*self.warnings, note))


NUL = b"\x00"


class DecodeError(ValueError):
    """Bytes that are not a text document (binary data, a PDF)."""


_CP1252_NOTE = "not valid UTF-8; decoded as cp1252"


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` looks like UTF-16 text without a byte-order mark.

    Text in UTF-16 has a NUL in one byte of most pairs (every ASCII character) and never in both
    positions alike; binary data has NULs anywhere. Looks at the first 4 KiB.
    """
    head = data[: min(len(data), 4096) // 2 * 2]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 0.3 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _line_note(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5:,} more" if len(lines) > 5 else "")
    return f"line{'s' if len(lines) > 1 else ''} {shown} {_CP1252_NOTE}"


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a file's bytes; return ``(text, warnings)``.

    UTF-8 with or without BOM and UTF-16 with BOM are read as such (the BOM is dropped); UTF-16
    without BOM is recognised with a warning. In UTF-8 text, a line that is not valid UTF-8 is read
    as cp1252, with a warning naming it; the other lines are read as UTF-8. NUL bytes (outside
    UTF-16) or a PDF signature raise :class:`DecodeError`.
    """
    if data.startswith(b"%PDF-"):
        raise DecodeError("binary file (PDF); convert it to text first")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 at byte {exc.start}") from None
    if NUL in data:
        wide = utf16_without_bom(data)
        if wide:
            try:
                return data.decode(wide), [f"no byte-order mark; read as {wide.upper()}"]
            except UnicodeDecodeError:
                pass
        raise DecodeError(f"binary file (NUL byte at offset {data.index(NUL)})")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    decoder = LineDecoder(data.splitlines(keepends=True))
    text = "".join(decoder)
    return text, [_line_note(sorted(decoder.recoded))]


class LineDecoder:
    """Text lines from byte lines: each line UTF-8 (a BOM on the first dropped), or cp1252 when not valid.

    Iterating yields the decoded lines; ``recoded`` holds the numbers (from 1) of the lines read
    as cp1252, filled in as they are read, so a reader can warn about exactly those records.
    """

    def __init__(self, lines: Iterable[bytes], encoding: str = "utf-8") -> None:
        self._lines = lines
        self.encoding = encoding
        self.recoded: set[int] = set()

    def __iter__(self) -> Iterator[str]:
        for lineno, raw in enumerate(self._lines, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode(self.encoding)
            except UnicodeDecodeError:
                self.recoded.add(lineno)
                yield raw.decode("cp1252", errors="replace")


HEADER_KEYS = ("date", "published", "updated", "author", "byline", "source", "outlet", "title", "url")
_DATE_KEYS = ("date", "published", "updated")
_DATE_VALUE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
_HEADER_RE = re.compile(
    rf"""[ \t]*(?:
        (?P<dkey>{"|".join(_DATE_KEYS)})[ \t]*:?[ \t]+(?P<dval>{_DATE_VALUE})(?=\s|$)
      | (?P<key>{"|".join(HEADER_KEYS)})[ \t]*:[ \t]*(?P<val>[^\n]*)\n
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)
#: Longest value, in words, of a field that takes its line: a title, then any other field.
MAX_TITLE_WORDS = 30
MAX_FIELD_WORDS = 12


def _field_value_fits(key: str, value: str) -> bool:
    """Whether the rest of a line is a plausible value for ``key`` rather than the body's first sentence."""
    words = len(value.split())
    if key in _DATE_KEYS:  # a date that is not ISO: short, with a number in it
        return words <= 6 and any(c.isdigit() for c in value)
    return words <= (MAX_TITLE_WORDS if key == "title" else MAX_FIELD_WORDS)


def split_header(text: str) -> tuple[int, dict[str, str]]:
    """Leading metadata fields; return ``(body_start, fields)``.

    Rule: at the very start of a document (leading white space allowed), a run of fields is read
    as metadata. A date field (``date``, ``published``, ``updated``, colon optional) takes an ISO
    date, optionally with a time, and may share its line with the body, as in
    ``date 2022-01-24 President Biden will...``. Any other key in :data:`HEADER_KEYS` needs a
    colon and takes the rest of its line (``Title: ...``) when the body follows on later lines and
    the value is short enough to be a field: a date field's other values (``Date: January 24,
    2022``) hold a number in at most 6 words, a title at most :data:`MAX_TITLE_WORDS` words, other
    fields at most :data:`MAX_FIELD_WORDS`. So a body that opens with a key and a colon (``Updated:
    Rick Santorum on Sunday tried to clarify ...``) stays body. Keys are lower-cased. The header
    stays in the text; analysis starts at ``body_start`` and every offset still refers to the whole text.
    """
    pos = 0
    fields: dict[str, str] = {}
    while True:
        m = _HEADER_RE.match(text, pos)
        if not m or m.end() == pos:
            break
        key = (m.group("dkey") or m.group("key")).lower()
        value = (m.group("dval") or m.group("val") or "").strip()
        if not value or key in fields or (m.group("key") and not _field_value_fits(key, value)):
            break
        fields[key] = value
        pos = m.end()
    return pos, fields
