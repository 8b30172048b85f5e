"""Documents, byte decoding and the leading metadata header rule."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HEADER_KEYS", "DecodeError", "Document", "decode_bytes", "split_header"]


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


NUL = b"\x00"


class DecodeError(ValueError):
    """Bytes that are not a text document (binary data, a PDF)."""


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a file's bytes; return ``(text, warnings)``.

    UTF-8 with or without BOM and UTF-16 with BOM are read as such (the BOM is dropped); anything
    else is read as cp1252 with a warning. NUL bytes or a PDF signature raise :class:`DecodeError`.
    """
    if data.startswith(b"%PDF-"):
        raise DecodeError("binary file (PDF); convert it to text first")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 at byte {exc.start}") from None
    if NUL in data:
        raise DecodeError(f"binary file (NUL byte at offset {data.index(NUL)})")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad = exc.start
    text = data.decode("cp1252", errors="replace")
    return text, [f"not valid UTF-8 (byte {bad}); decoded as cp1252"]


HEADER_KEYS = ("date", "published", "updated", "author", "byline", "source", "outlet", "title", "url")
_DATE_KEYS = ("date", "published", "updated")
_DATE_VALUE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
_HEADER_RE = re.compile(
    rf"""[ \t]*(?:
        (?P<dkey>{"|".join(_DATE_KEYS)})[ \t]*:?[ \t]+(?P<dval>{_DATE_VALUE})(?=\s|$)
      | (?P<key>{"|".join(HEADER_KEYS)})[ \t]*:[ \t]*(?P<val>[^\n]*)(?:\n|$)
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)


def split_header(text: str) -> tuple[int, dict[str, str]]:
    """Leading metadata fields; return ``(body_start, fields)``.

    Rule: at the very start of a document (leading white space allowed), a run of fields is read
    as metadata. A date field (``date``, ``published``, ``updated``, colon optional) takes an ISO
    date, optionally with a time, and may share its line with the body, as in
    ``date 2022-01-24 President Biden will...``. Any other key in :data:`HEADER_KEYS` needs a
    colon and takes the rest of its line (``Title: ...``). Keys are lower-cased. The header stays in
    the text; analysis starts at ``body_start`` and every offset still refers to the whole text.
    """
    pos = 0
    fields: dict[str, str] = {}
    while True:
        m = _HEADER_RE.match(text, pos)
        if not m or m.end() == pos:
            break
        key = (m.group("dkey") or m.group("key")).lower()
        value = (m.group("dval") or m.group("val") or "").strip()
        if not value or key in fields:
            break
        fields[key] = value
        pos = m.end()
    return pos, fields
