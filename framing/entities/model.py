"""The shipped mention tagger: a CRFsuite model file and its JSON card, checked on loading.

``framing/data/entities.crfsuite`` is a linear-chain CRF (python-crfsuite) over the features of
:mod:`framing.entities.features`; ``framing/data/entities.json`` records its schema, version,
labels, training settings, dev scores and the SHA-256 of the model file, and carries its own
``sha256`` (:func:`framing.models.canonical_hash`). Loading rejects a model whose bytes or card do
not match. No pickle is involved.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from ..checksum import ModelError, canonical_hash

__all__ = [
    "MODEL_FILE",
    "MODEL_SCHEMA",
    "SIDECAR_FILE",
    "EntityTagger",
    "load_tagger",
    "spans_from_labels",
    "write_sidecar",
]

MODEL_SCHEMA = "framing.entities_crf/1"
MODEL_FILE = "entities.crfsuite"
SIDECAR_FILE = "entities.json"
#: BIO suffix -> entity type.
LABEL_TYPES: Mapping[str, str] = {"PER": "person", "ORG": "organization", "LOC": "place", "GRP": "group"}
TYPE_LABELS: Mapping[str, str] = {v: k for k, v in LABEL_TYPES.items()}


def spans_from_labels(labels: Sequence[str], offset: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` token ranges from BIO labels (an I- without a B- starts a span)."""
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, lab in enumerate(labels):
        tag, _, suffix = lab.partition("-")
        if tag == "I" and start >= 0 and suffix == kind:
            continue
        if start >= 0:
            out.append((offset + start, offset + i, LABEL_TYPES[kind]))
            start = -1
        if tag in ("B", "I") and suffix in LABEL_TYPES:
            start, kind = i, suffix
    if start >= 0:
        out.append((offset + start, offset + len(labels), LABEL_TYPES[kind]))
    return out


class EntityTagger:
    """A loaded CRF tagger with its card (``meta``)."""

    def __init__(self, model: bytes, meta: Mapping[str, Any]) -> None:
        import pycrfsuite

        self.meta = dict(meta)
        self._model = model  # CRFsuite reads the model from this buffer: it must outlive the tagger
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)
        self._attributes: frozenset[str] | None = None

    @property
    def attributes(self) -> frozenset[str]:
        """The attributes (feature strings) the model has weights for; CRFsuite ignores any other."""
        if self._attributes is None:
            self._attributes = frozenset(attr for attr, _ in self._tagger.info().state_features)
        return self._attributes

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("EntityTagger is loaded per process; it does not pickle")

    def tag(self, features: Sequence[Sequence[str]], recheck: Sequence[int] = (), threshold: float = 0.0) -> list[str]:
        """BIO labels for one window's feature lists.

        Positions in ``recheck`` that the best sequence leaves outside every name become a one-token
        name when the CRF's marginal probability of ``O`` there is under ``threshold`` (with the type
        whose B/I marginals sum highest).
        """
        labels = list(self._tagger.tag(features))
        if threshold > 0.0:
            marginal = self._tagger.marginal
            for i in recheck:
                if (
                    labels[i] != "O"
                    or (i > 0 and labels[i - 1] != "O")
                    or (i + 1 < len(labels) and labels[i + 1] != "O")
                ):
                    continue
                if marginal("O", i) < threshold:
                    best = max(TYPE_LABELS.values(), key=lambda k: marginal("B-" + k, i) + marginal("I-" + k, i))
                    labels[i] = "B-" + best
        return labels


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_sidecar(model_path: str | Path, meta: Mapping[str, Any]) -> dict[str, Any]:
    """Write the card next to the model file (``<name>.json``); returns its content."""
    model_path = Path(model_path)
    content = {**meta, "schema": MODEL_SCHEMA, "model_file": model_path.name}
    content["model_sha256"] = _sha256(model_path.read_bytes())
    content["sha256"] = canonical_hash(content)
    model_path.with_suffix(".json").write_text(
        json.dumps(content, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return content


def load_tagger(model_path: str | Path | None = None) -> EntityTagger:
    """The shipped tagger, or the one at ``model_path`` (its card beside it as ``.json``)."""
    if model_path is None:
        base = importlib_resources.files("framing").joinpath("data")
        model, card, where = base.joinpath(MODEL_FILE).read_bytes(), base.joinpath(SIDECAR_FILE), MODEL_FILE
        raw = card.read_text(encoding="utf-8")
    else:
        path = Path(model_path)
        where = str(path)
        try:
            model = path.read_bytes()
            raw = path.with_suffix(".json").read_text(encoding="utf-8")
        except OSError as exc:
            raise ModelError(f"{where}: cannot read entity model or its card ({exc.strerror})") from None
    try:
        meta = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ModelError(f"{where}: card is not JSON (line {exc.lineno})") from None
    if not isinstance(meta, dict) or meta.get("schema") != MODEL_SCHEMA:
        raise ModelError(f"{where}: card is not a {MODEL_SCHEMA!r} model card")
    if meta.get("sha256") != canonical_hash(meta):
        raise ModelError(f"{where}: card has been modified or damaged (SHA-256 mismatch)")
    if meta.get("model_sha256") != _sha256(model):
        raise ModelError(f"{where}: model file does not match its card (SHA-256 mismatch)")
    return EntityTagger(model, meta)
