"""The checksum of a model file's content: SHA-256 of its canonical JSON (no heavy imports)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["HASH_KEY", "canonical_hash"]

#: The field of a model file that holds the checksum of the rest.
HASH_KEY = "sha256"


def canonical_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of ``content`` without its ``sha256`` field."""
    body = {k: v for k, v in content.items() if k != HASH_KEY}
    data = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
