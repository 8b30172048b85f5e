"""Training and measuring the entity mention tagger on GUM-style annotated documents.

A document is a JSON object as in GUM's release (``text``, ``tokens`` with ``start``, ``end``,
``form``, ``upos``, ``xpos`` and ``sentence``; ``mentions`` with ``start``, ``end``, ``type``,
``entity`` (cluster id) and ``named``). GUM annotates every noun phrase; the tagger's target is the
**name** inside a mention of a person, organisation or place:

- a run of proper-noun tokens (UPOS ``PROPN``), joined by connectors ("Bank of England") and
  preceded by capitalised adjectives that belong to it ("Indonesian Navy", not at a sentence start),
  where each token lies in the smallest mention of the one before it (so "U.S. | President Donald
  Trump" and "Mario J. Lucero | and | Isabel Ruiz" are cut where their mentions end);
- without leading titles ("Sen.", "President": ``person_titles``) or "the";
- typed by the smallest annotated mention that contains the whole run; a person run ending in a
  plural proper noun (``NNPS``: "Democrats", "Bangladeshis") is a ``group``; runs whose mention is
  an event, time or other non-actor type are not targets.

:func:`train` fits python-crfsuite's L-BFGS CRF on the candidate windows of
:mod:`framing.entities.features`; the result is deterministic for the same data and settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..entities.features import CONNECTORS, join_windows
from ..entities.model import TYPE_LABELS, write_sidecar

__all__ = [
    "TrainSettings",
    "gum_name_spans",
    "mention_scores",
    "token_labels",
    "train",
    "training_sequences",
]

ACTOR_TYPES = frozenset(("person", "organization", "place"))


@dataclass(frozen=True)
class TrainSettings:
    """CRF settings: L1 and L2 penalties, iterations, minimum feature frequency."""

    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 150
    feature_minfreq: int = 1


def load_documents(path: str | Path) -> list[dict[str, Any]]:
    """The GUM-style JSONL documents of ``path``; a line that is not JSON is skipped, named as FILE:LINE
    on standard error."""
    import json
    import sys

    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                print(f"{path}:{n}: not JSON ({exc.msg}); skipped", file=sys.stderr)
    return docs


def gum_name_spans(doc: Mapping[str, Any], titles: Iterable[str]) -> list[tuple[int, int, str]]:
    """Character spans ``(start, end, type)`` of the names the tagger should find in a GUM document."""
    titles = frozenset(titles)
    tokens = doc["tokens"]
    mentions = sorted(doc["mentions"], key=lambda m: m["end"] - m["start"])

    def smallest(start: int, end: int) -> tuple[int, int, str] | None:
        for m in mentions:  # shortest first
            if m["start"] <= start and end <= m["end"]:
                return m["start"], m["end"], m["type"]
        return None

    def joins(i: int, j: int) -> bool:
        """Tokens i and j belong to one name: the smallest mention around i also holds j."""
        inner = smallest(tokens[i]["start"], tokens[i]["end"])
        return inner is not None and inner[0] <= tokens[j]["start"] and tokens[j]["end"] <= inner[1]

    out: list[tuple[int, int, str]] = []
    n = len(tokens)
    k = 0
    while k < n:
        if tokens[k]["upos"] != "PROPN":
            k += 1
            continue
        a = k
        sent = tokens[k]["sentence"]
        while (
            a > 1
            and tokens[a - 1]["sentence"] == sent
            and tokens[a - 2]["sentence"] == sent
            and tokens[a - 1]["upos"] == "ADJ"
            and tokens[a - 1]["form"][:1].isupper()
            and joins(a, a - 1)
        ):
            a -= 1
        j = k + 1
        while j < n and tokens[j]["sentence"] == sent:
            if tokens[j]["upos"] == "PROPN" and joins(j - 1, j):
                j += 1
            elif (
                j + 1 < n
                and tokens[j]["form"].lower() in CONNECTORS
                and tokens[j + 1]["upos"] == "PROPN"
                and tokens[j + 1]["sentence"] == sent
                and joins(j - 1, j + 1)
            ):
                j += 2
            else:
                break
        k = j
        while a < j and (tokens[a]["form"].lower().rstrip(".") in titles or tokens[a]["form"].lower() == "the"):
            a += 1
        if a >= j:
            continue
        start, end = tokens[a]["start"], tokens[j - 1]["end"]
        best = smallest(start, end)
        if best is None or best[2] not in ACTOR_TYPES:
            continue
        kind = best[2]
        if kind == "person" and tokens[j - 1]["xpos"] == "NNPS":
            kind = "group"
        out.append((start, end, kind))
    return out


def token_labels(tokens: Sequence[Any], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO labels of tokens (with ``start``/``end``) from character spans: a token inside a span
    gets its type, the first one ``B-``."""
    labels = ["O"] * len(tokens)
    spans = sorted(spans)
    j = 0
    for i, tok in enumerate(tokens):
        while j < len(spans) and spans[j][1] <= tok.start:
            j += 1
        if j < len(spans) and spans[j][0] <= tok.start and tok.end <= spans[j][1]:
            s = spans[j]
            first = i == 0 or labels[i - 1] == "O" or tokens[i - 1].start < s[0]
            labels[i] = ("B-" if first else "I-") + TYPE_LABELS[s[2]]
    return labels


def training_sequences(
    finder: Any, parsed: Any, spans: Sequence[tuple[int, int, str]]
) -> list[tuple[list[list[str]], list[str]]]:
    """``(features, labels)`` of a parsed document's candidate windows joined into one sequence, as
    the tagger reads them (:meth:`framing.entities.detect.EntityFinder.tag`), labels from ``spans``."""
    labels = token_labels(parsed.tokens, spans)
    windows = finder.windows(parsed)
    feats, _ = join_windows(windows, finder.featurizer.separator)
    out: list[str] = []
    for a, b, _ in windows:
        if out:
            out.append("O")  # the item between two windows
        out.extend(labels[a:b])
    return [(feats, out)] if feats else []


def train(
    sequences: Iterable[tuple[list[list[str]], list[str]]],
    model_path: str | Path,
    meta: Mapping[str, Any],
    settings: TrainSettings = TrainSettings(),
) -> dict[str, Any]:
    """Fit the CRF, write ``model_path`` and its card; returns the card."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False, algorithm="lbfgs")
    seen: set[str] = set()
    n = 0
    for feats, labels in sequences:
        trainer.append(feats, labels)
        seen.update(labels)
        n += 1
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": settings.max_iterations,
            "feature.minfreq": settings.feature_minfreq,
            "feature.possible_transitions": True,
        }
    )
    model_path = Path(model_path)
    trainer.train(str(model_path))
    return write_sidecar(
        model_path,
        {
            **meta,
            "settings": {
                "c1": settings.c1,
                "c2": settings.c2,
                "max_iterations": settings.max_iterations,
                "feature_minfreq": settings.feature_minfreq,
            },
            "labels": sorted(seen),
            "n_sequences": n,
        },
    )


def mention_scores(
    gold: Sequence[tuple[int, int, str]], predicted: Sequence[tuple[int, int, str]]
) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 per type and over all types (``all``, type-blind spans)."""
    out: dict[str, dict[str, float]] = {}
    kinds = sorted({k for *_, k in gold} | {k for *_, k in predicted})
    for kind in (*kinds, "all"):
        if kind == "all":
            g = {(s, e) for s, e, _ in gold}
            p = {(s, e) for s, e, _ in predicted}
        else:
            g = {(s, e) for s, e, k in gold if k == kind}
            p = {(s, e) for s, e, k in predicted if k == kind}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[kind] = {"precision": prec, "recall": rec, "f1": f1, "gold": len(g), "predicted": len(p)}
    return out
