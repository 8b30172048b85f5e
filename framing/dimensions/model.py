"""Scores from a model trained on your own labels (``framing train``), with the terms behind them.

Active only when the analyser is given a model (``Analyzer(options={"model": "model.json"})`` or
``framing score --model model.json``); otherwise it adds nothing. Each sentence is scored as a text
of its own, as the model's training texts were, and its evidence is the model's top-weighted
features in that sentence: n-grams at their occurrences, lexicon hits and dimension evidence at
their spans, document scores over the whole sentence. An evidence ``weight`` is the feature's
contribution to the sentence's logit (log-odds) and its ``label`` the class it pushes toward.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from ..results import DimensionOutput, Evidence, ParsedDocument
from .base import Dimension

__all__ = ["ModelScores"]

#: Option key under which the analyser receives the model (a path or a loaded FramingModel).
OPTION = "model"


class ModelScores(Dimension):
    """A trained model's probabilities per sentence and per document (see ``docs/training.md``)."""

    name = "model"
    SCORES: ClassVar[Mapping[str, str]] = {
        "model_score": "with a trained model: probability of its positive class (more than two classes: of the "
        "predicted class); sentence-level models average their sentences; higher = more positive; 0..1",
        "model_sentence_mean": "with a trained model: mean of the sentences' model_score; 0..1",
        "model_positive_share": "with a trained model: share of sentences predicted as the positive class "
        "(more than two classes: as the document's class); 0..1",
    }

    def __init__(self, resources: Any) -> None:
        super().__init__(resources)
        spec = resources.config.option(OPTION)
        self.model: Any = None
        if spec is None:
            return
        from ..models import FramingModel, load_model

        lexicons = tuple(resources.config.lexicon_paths)
        model = spec if isinstance(spec, FramingModel) else load_model(spec, lexicons=lexicons, check_features=False)
        if model.n_features:
            model.features(lexicons)
        self.model = model

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        model = self.model
        if model is None or not doc.sentences:
            return DimensionOutput()
        text = doc.text
        texts = [text[s.start : s.end] for s in doc.sentences]
        if model.n_features:
            items: list[Any] = [a if a is not None else t for a, t in zip(model.features().analyze(texts), texts)]
        else:
            items = texts
        proba = model.predict_proba(items)
        classes = model.classes
        pos = model.positive_label
        k_pos = classes.index(pos) if pos is not None else None
        predicted = [classes[i] for i in proba.argmax(axis=1)]
        sent_scores = [float(p[k_pos]) if k_pos is not None else float(p.max()) for p in proba]
        if model.unit == "document":
            doc_proba = model.predict_proba([text[doc.body_start :]])[0]
            doc_label = classes[int(doc_proba.argmax())]
        else:
            doc_proba = proba.mean(axis=0)
            doc_label = _majority(predicted, proba, classes)
        doc_score = float(doc_proba[k_pos]) if k_pos is not None else float(doc_proba.max())
        target = pos if pos is not None else doc_label
        evidence: list[Evidence] = []
        for i, (s, item) in enumerate(zip(doc.sentences, items)):
            toward = pos if pos is not None else predicted[i]
            for ex in model.explain(item, toward=toward):
                spans = ex.spans or ((0, s.end - s.start),)
                share = ex.contribution / len(spans)
                for a, b in spans:
                    evidence.append(
                        Evidence(s.start + a, s.start + b, i, self.name, ex.toward, f"model:{ex.feature}", share)
                    )
        return DimensionOutput(
            scores={
                "model_score": doc_score,
                "model_sentence_mean": float(np.mean(sent_scores)),
                "model_positive_share": sum(p == target for p in predicted) / len(predicted),
            },
            labels={"model": doc_label},
            sentence_scores=[{"model_score": v} for v in sent_scores],
            sentence_labels=[{"model": p} for p in predicted],
            evidence=evidence,
        )


def _majority(predicted: list[str], proba: np.ndarray, classes: tuple[str, ...]) -> str:
    """The most frequent sentence label; ties go to the class with the larger mean probability."""
    counts = Counter(predicted)
    mean = proba.mean(axis=0)
    return max(counts, key=lambda c: (counts[c], mean[classes.index(c)]))
