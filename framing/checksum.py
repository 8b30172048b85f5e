"""The checksum of a model file's content: SHA-256 of its canonical JSON (no heavy imports)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["HASH_KEY", "ModelError", "canonical_hash", "read_model_json", "verify_checksum"]

#: The field of a model file that holds the checksum of the rest.
HASH_KEY = "sha256"


def canonical_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of ``content`` without its ``sha256`` field."""
    body = {k: v for k, v in content.items() if k != HASH_KEY}
    data = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class ModelError(ValueError):
    """A model file that cannot be used: the message is one line and says why."""


def verify_checksum(content: Mapping[str, Any], where: str) -> None:
    """Reject ``content`` unless its ``sha256`` field is the checksum of the rest (ModelError says why)."""
    expected = content.get(HASH_KEY)
    if not isinstance(expected, str):
        raise ModelError(f"{where}: no SHA-256 checksum; refusing an unverifiable model")
    try:
        actual = canonical_hash(content)
    except ValueError as exc:
        raise ModelError(f"{where}: invalid content ({exc})") from None
    if actual != expected:
        raise ModelError(
            f"{where} has been modified or damaged: SHA-256 mismatch (file says {expected[:12]}..., content is"
            f" {actual[:12]}...)"
        )


def read_model_json(path: str | Path | None, packaged: str) -> tuple[Any, str]:
    """The parsed JSON of the model file at ``path`` (None: ``framing/<packaged>``) and its name for messages."""
    if path is None:
        raw = resources.files("framing").joinpath(packaged).read_text(encoding="utf-8")
        source = f"framing/{packaged}"
    else:
        raw = Path(path).read_text(encoding="utf-8")
        source = str(path)
    try:
        return json.loads(raw), source
    except json.JSONDecodeError as exc:
        raise ModelError(f"{source}: not JSON (line {exc.lineno}: {exc.msg})") from None
