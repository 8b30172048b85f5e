"""Editorial voice: how much of a document is the writer's own view rather than reporting, and where.

Every sentence gets ``editorial`` in 0..1, the probability from a logistic model (fitted on BABE and
CheckThat!, see ``docs/editorial.md``) over interpretable signals: loaded and partisan terms,
subjectivity clues, intensifiers and superlatives, hedges and boosters, factive, assertive and
implicative verbs, speculation, imputed motives, first- and second-person address, rhetorical
questions, exclamations, scare quotes, necessity modals and negation, evaluative words from VADER
and fitted word weights. Each signal is evidence whose ``weight`` is its contribution to the
sentence logit, except signals whose span is only function words ("this", "could", "said"): they
count as one aggregate contribution per sentence, ``editorial_style``, and are not evidence items;
a single word whose signals (word-list entries, VADER valence, fitted weight) together contribute
less than the model's ``min_evidence`` is summed in ``editorial_minor`` (loaded terms, phrase
patterns, rules and cues are always items). So
``editorial_logit = editorial_intercept + editorial_style + editorial_minor + sum(evidence weights)``. Signals
inside quotations count as reporting: they are shown with label ``attributed`` and weight 0.
Signals in reported speech ("the senator said the radical bill ...", from the ``attribution``
dimension) are the writer's rendering of someone else's words and count at the model's
``reported_share``.

The document ``editorial`` is the probability that the document is an opinion piece, from a small
logistic model over the sentences (word-weighted mean logit, share of words in opinion sentences)
calibrated on labelled articles; ``genre`` cuts it at two thresholds chosen on those articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from ..editorial.model import EditorialModel, sigmoid
from ..editorial.signals import Signal, SignalTables, extract_signals, load_vader_lexicon
from ..results import DimensionOutput, Evidence, ParsedDocument
from .base import Dimension

__all__ = ["Editorial", "document_scores", "genre"]

#: Document ``genre`` without a document model (a model file without one), from ``genre_score``
#: (the share of words in opinion sentences): ``opinion`` at or above GENRE_OPINION, ``reporting``
#: below GENRE_MIXED, ``mixed`` in between.
GENRE_OPINION = 0.4
GENRE_MIXED = 0.15
#: A weak subjectivity clue counts this much towards ``subjectivity`` (a strong one counts 1).
WEAK_CLUE_SHARE = 0.5


class Editorial(Dimension):
    """Opinion versus reporting per sentence and per document (see ``docs/editorial.md``)."""

    name = "editorial"
    requires = ("attribution",)
    lexicons = (
        "loaded_terms",
        "subjectivity_clues",
        "intensifiers",
        "hedges",
        "boosters",
        "factives",
        "assertives",
        "implicatives",
        "editorial_patterns",
        "editorial_words",
        "modality_negation",
        "speech_cues",
    )
    SCORES: ClassVar[Mapping[str, str]] = {
        "editorial": "probability that the document is an opinion piece rather than news, from its sentences' "
        "editorial logits, calibrated on labelled articles; 0..1",
        "editorial_sentence_mean": "word-weighted mean of the sentences' editorial probability; higher = more of "
        "the text is the writer's own view; 0..1",
        "editorial_sentence_share": "share of sentences whose editorial probability reaches the model threshold; "
        "higher = more opinion sentences; 0..1",
        "editorial_max": "editorial probability of the most editorial sentence; 0..1",
        "lede_editorial": "word-weighted mean editorial probability of the first paragraph; higher = opinionated "
        "lede; 0..1",
        "loaded_per_100_words": "loaded and partisan terms in the writer's voice per 100 words; higher = more "
        "loaded; 0..~10",
        "hedges_per_100_words": "hedges (Hyland 2005) in the writer's voice per 100 words; 0..~10",
        "boosters_per_100_words": "boosters (Hyland 2005) in the writer's voice per 100 words; 0..~10",
        "subjectivity": "share of the writer's own words that are subjectivity clues (strong 1, weak 0.5); "
        "higher = more subjective; 0..1",
        "genre_score": "share of words in sentences whose editorial probability reaches the threshold; "
        "higher = more opinion sentences; 0..1",
        "editorial_intercept": "the model intercept (logit): a sentence's editorial_logit is this plus its "
        "editorial_style plus the sum of its editorial evidence weights",
    }

    def __init__(self, resources: Any, model: EditorialModel | None = None) -> None:
        super().__init__(resources)
        self.model = model or EditorialModel.load(resources.config.option("editorial_model"))
        self.tables = SignalTables(
            vader=load_vader_lexicon(),
            function_words=resources.function_words,
            speech_cues=resources.lexicon("speech_cues").terms(),
        )

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        attribution = upstream["attribution"].data if "attribution" in upstream else None
        signals, words, own_words = extract_signals(doc, attribution, self.tables)
        model = self.model
        probs: list[float] = []
        logits: list[float] = []
        sentence_scores: list[dict[str, float]] = []
        sentence_labels: list[dict[str, str]] = []
        evidence: list[Evidence] = []
        for row in signals:
            contributions = model.contributions(row)
            logit = model.intercept + sum(contributions)
            hidden = [s.style or m for s, m in zip(row, model.minor(row, contributions))]
            style = sum(c for s, c in zip(row, contributions) if s.style)
            minor = sum(c for s, c, h in zip(row, contributions, hidden) if h and not s.style)
            p = sigmoid(logit)
            probs.append(p)
            logits.append(logit)
            sentence_scores.append(
                {"editorial": p, "editorial_logit": logit, "editorial_style": style, "editorial_minor": minor}
            )
            sentence_labels.append({"editorial_label": "opinion" if p >= model.threshold else "reporting"})
            evidence.extend(_evidence(row, contributions, hidden, model, self.name))
        scores = document_scores(doc, probs, words, own_words, signals, model.threshold)
        total = sum(words)
        mean_logit = sum(z * w for z, w in zip(logits, words)) / total if total else model.intercept
        document = model.document_probability({"mean_logit": mean_logit, "opinion_share": scores["genre_score"]})
        if document is not None:
            scores["editorial"] = document
            label = genre(document, model.document["genre_opinion"], model.document["genre_reporting"])
        else:
            label = genre(scores["genre_score"])
        scores["editorial_intercept"] = model.intercept
        return DimensionOutput(
            scores=scores,
            labels={"genre": label},
            sentence_scores=sentence_scores,
            sentence_labels=sentence_labels,
            evidence=evidence,
            data=tuple(probs),
        )


def _evidence(
    row: Sequence[Signal],
    contributions: Sequence[float],
    hidden: Sequence[bool],
    model: EditorialModel,
    dimension: str,
) -> list[Evidence]:
    """Evidence items of one sentence: every signal except the hidden ones (style and minor)."""
    out = []
    for s, c, h in zip(row, contributions, hidden):
        if h:
            continue
        if s.attributed and model.share(s) == 0.0:
            out.append(Evidence(s.start, s.end, s.sentence, dimension, "attributed", s.rule, c))
        elif c != 0.0 or (s.feature != "word" and model.weights.get(s.feature, 0.0) != 0.0):
            out.append(Evidence(s.start, s.end, s.sentence, dimension, s.label, s.rule, c))
    return out


def document_scores(
    doc: ParsedDocument,
    probs: Sequence[float],
    words: Sequence[int],
    own_words: Sequence[int],
    signals: Sequence[Sequence[Signal]],
    threshold: float,
) -> dict[str, float]:
    """Document scores from sentence probabilities and signals (all 0.0 for an empty document)."""
    total = sum(words)
    own_total = sum(own_words)
    n = len(probs)
    mean = sum(p * w for p, w in zip(probs, words)) / total if total else 0.0
    share = sum(p >= threshold for p in probs) / n if n else 0.0
    lede_idx = [i for i, s in enumerate(doc.sentences) if s.paragraph == doc.sentences[0].paragraph] if n else []
    lede_words = sum(words[i] for i in lede_idx)
    lede = sum(probs[i] * words[i] for i in lede_idx) / lede_words if lede_words else 0.0
    counts = {"loaded": 0.0, "hedge": 0.0, "booster": 0.0}
    clues = 0.0
    for row in signals:
        for s in row:
            if s.attributed:
                continue
            if s.label in counts:
                counts[s.label] += 1
            if s.feature == "subjectivity_clues:strong":
                clues += 1.0
            elif s.feature == "subjectivity_clues:weak":
                clues += WEAK_CLUE_SHARE
    per100 = 100.0 / total if total else 0.0
    opinion_words = sum(w for p, w in zip(probs, words) if p >= threshold)
    genre_score = opinion_words / total if total else 0.0
    return {
        "editorial": mean,
        "editorial_sentence_mean": mean,
        "editorial_sentence_share": share,
        "editorial_max": max(probs, default=0.0),
        "lede_editorial": lede,
        "loaded_per_100_words": counts["loaded"] * per100,
        "hedges_per_100_words": counts["hedge"] * per100,
        "boosters_per_100_words": counts["booster"] * per100,
        "subjectivity": min(1.0, clues / own_total) if own_total else 0.0,
        "genre_score": genre_score,
    }


def genre(score: float, opinion: float = GENRE_OPINION, reporting: float = GENRE_MIXED) -> str:
    """``opinion`` at or above ``opinion``, ``reporting`` below ``reporting``, else ``mixed`` (by
    default from ``genre_score``; with a document model from the document probability)."""
    if score >= opinion:
        return "opinion"
    if score < reporting:
        return "reporting"
    return "mixed"
