"""Issue frames: the 15 frame dimensions of the Policy Frames Codebook (Boydstun et al. 2014).

The frames are those annotated in the Media Frames Corpus (Card et al. 2015) and used by
SemEval-2023 Task 3: economic; capacity and resources; morality; fairness and equality; legality,
constitutionality and jurisprudence; policy prescription and evaluation; crime and punishment;
security and defense; health and safety; quality of life; cultural identity; public opinion;
political; external regulation and reputation; other.

Each sentence gets a weight per frame: the sum of the weights of the ``issue_frames`` cues found
in it (one row of evidence per cue). A sentence whose cues add up to at least
:data:`MIN_SENTENCE_WEIGHT` is *frame-bearing*; its primary frame is the frame with the largest
weight. The document share of a frame is the mean, over frame-bearing sentences, of the frame's
part of each sentence's cue weight, so the shares sum to 1 when any sentence bears a frame and
are all 0 otherwise. Idioms in the lexicon's ``nonframe`` category block the cue words inside
them ("pay a heavy price" is not an economic cue). ``other`` has no shipped cues; a user lexicon
may add cues with category ``other`` to the ``issue_frames`` lexicon.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..results import DimensionOutput, Evidence, ParsedDocument
from .base import Dimension

if TYPE_CHECKING:
    from ..resources import Resources

__all__ = [
    "FRAMES",
    "FRAME_NAMES",
    "MIN_SENTENCE_WEIGHT",
    "NONE",
    "NONFRAME",
    "SEMEVAL_LABELS",
    "Frames",
    "FramesData",
    "frame_diversity",
    "frame_shares",
    "primary_frame",
    "ranked_frames",
]

LEXICON = "issue_frames"
NONE = "none"
#: Lexicon category for idioms that contain a cue word without evoking its frame ("pay a heavy
#: price", "in charge"): as longer matches they block the cue inside them; they give no evidence.
NONFRAME = "nonframe"

#: Frame slugs in codebook order; ``other`` last. Document scores are ``frame_<slug>``.
FRAMES: tuple[str, ...] = (
    "economic",
    "capacity_resources",
    "morality",
    "fairness_equality",
    "legality_constitutionality",
    "policy_prescription",
    "crime_punishment",
    "security_defense",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation",
    "other",
)

#: Slug -> the frame's name in the Policy Frames Codebook.
FRAME_NAMES: Mapping[str, str] = {
    "economic": "Economic",
    "capacity_resources": "Capacity and resources",
    "morality": "Morality",
    "fairness_equality": "Fairness and equality",
    "legality_constitutionality": "Legality, constitutionality and jurisprudence",
    "policy_prescription": "Policy prescription and evaluation",
    "crime_punishment": "Crime and punishment",
    "security_defense": "Security and defense",
    "health_safety": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation": "External regulation and reputation",
    "other": "Other",
}

#: Slug -> the label used by SemEval-2023 Task 3, subtask 2.
SEMEVAL_LABELS: Mapping[str, str] = {
    "economic": "Economic",
    "capacity_resources": "Capacity_and_resources",
    "morality": "Morality",
    "fairness_equality": "Fairness_and_equality",
    "legality_constitutionality": "Legality_Constitutionality_and_jurisprudence",
    "policy_prescription": "Policy_prescription_and_evaluation",
    "crime_punishment": "Crime_and_punishment",
    "security_defense": "Security_and_defense",
    "health_safety": "Health_and_safety",
    "quality_of_life": "Quality_of_life",
    "cultural_identity": "Cultural_identity",
    "public_opinion": "Public_opinion",
    "political": "Political",
    "external_regulation": "External_regulation_and_reputation",
    "other": "Other",
}

#: Cue weight a sentence needs before it counts as bearing a frame (one strong cue, or two weak
#: ones); weights are the lexicon's, in 0..1 per cue.
MIN_SENTENCE_WEIGHT = 0.5

_ORDER = {slug: i for i, slug in enumerate(FRAMES)}
_MAX_ENTROPY = math.log(len(FRAMES) - 1)  # over the 14 substantive frames


@dataclass(frozen=True)
class FramesData:
    """Passed to dimensions that require ``frames``.

    ``sentence_weights[i]``: frame slug -> summed cue weight in sentence ``i`` (only frames with
    cues); ``sentence_frames[i]``: its primary frame or ``"none"``; ``shares``: the document shares.
    """

    sentence_weights: tuple[Mapping[str, float], ...]
    sentence_frames: tuple[str, ...]
    shares: Mapping[str, float]


def primary_frame(weights: Mapping[str, float], min_weight: float = MIN_SENTENCE_WEIGHT) -> str:
    """The frame with the largest weight (ties: codebook order), or ``"none"`` below ``min_weight``."""
    total = sum(w for w in weights.values() if w > 0)
    if total <= 0 or total < min_weight:
        return NONE
    return min((f for f, w in weights.items() if w > 0), key=lambda f: (-weights[f], _ORDER.get(f, len(FRAMES))))


def frame_shares(
    sentence_weights: Iterable[Mapping[str, float]], min_weight: float = MIN_SENTENCE_WEIGHT
) -> dict[str, float]:
    """Document shares per frame: the mean over frame-bearing sentences of each frame's part.

    Every frame in :data:`FRAMES` is a key. Shares are in 0..1 and sum to 1 when at least one
    sentence has ``min_weight`` of cues or more; otherwise all are 0. Unknown categories are ignored.
    """
    totals = dict.fromkeys(FRAMES, 0.0)
    n = 0
    for weights in sentence_weights:
        known = {f: w for f, w in weights.items() if f in totals and w > 0}
        total = sum(known.values())
        if total <= 0 or total < min_weight:
            continue
        n += 1
        for f, w in known.items():
            totals[f] += w / total
    if n == 0:
        return totals
    return {f: v / n for f, v in totals.items()}


def ranked_frames(shares: Mapping[str, float], first_seen: Mapping[str, int] | None = None) -> list[str]:
    """Frames with a positive share, largest first; ties go to the frame seen first, then codebook order."""
    seen = first_seen or {}
    present = [f for f, v in shares.items() if v > 0]
    return sorted(present, key=lambda f: (-shares[f], seen.get(f, math.inf), _ORDER.get(f, len(FRAMES))))


def frame_diversity(shares: Mapping[str, float]) -> float:
    """Normalised Shannon entropy of the shares over the 14 substantive frames.

    Higher = attention spread over more frames; 0..1 (0 = one frame or none, 1 = all equal).
    """
    values = [v for f, v in shares.items() if v > 0 and f != "other"]
    total = sum(values)
    if total <= 0 or len(values) < 2:
        return 0.0
    h = -sum((v / total) * math.log(v / total) for v in values)
    return max(0.0, min(1.0, h / _MAX_ENTROPY))


class Frames(Dimension):
    """Issue frames per sentence and per document, with one evidence row per cue."""

    name = "frames"
    lexicons: ClassVar[tuple[str, ...]] = (LEXICON,)
    SCORES: ClassVar[Mapping[str, str]] = {
        **{
            f"frame_{slug}": f"share of frame-bearing sentences given to the {FRAME_NAMES[slug].lower()} frame;"
            " higher = more of the document's framing; 0..1, the 15 shares sum to 1 (all 0 when no frame)"
            for slug in FRAMES
        },
        "frames_coverage": "share of sentences that bear an issue frame; higher = more framed text; 0..1",
        "frames_diversity": "normalised entropy of the frame shares; higher = framing spread over more frames;"
        " 0..1 (0 = one frame or none)",
    }

    def __init__(self, resources: Resources) -> None:
        super().__init__(resources)
        lexicon = resources.lexicon(LEXICON)
        unknown = sorted(set(lexicon.categories()) - set(FRAMES) - {NONFRAME})
        if unknown:
            raise ValueError(f"lexicon {LEXICON!r} has categories that are not frames: {', '.join(unknown)}")

    def score(self, doc: ParsedDocument, upstream: Mapping[str, DimensionOutput]) -> DimensionOutput:
        n = len(doc.sentences)
        starts = [first for first, _ in doc.sentence_tokens]
        weights: list[dict[str, float]] = [{} for _ in range(n)]
        evidence: list[Evidence] = []
        first_seen: dict[str, int] = {}
        for m in doc.matches_in(LEXICON):
            if m.category not in _ORDER or m.weight <= 0:
                continue
            i = bisect.bisect_right(starts, m.tok_start) - 1
            if i < 0 or m.tok_end > doc.sentence_tokens[i][1]:
                continue  # a phrase running across a sentence boundary
            row = weights[i]
            row[m.category] = row.get(m.category, 0.0) + m.weight
            first_seen.setdefault(m.category, m.start)
            evidence.append(Evidence(m.start, m.end, i, self.name, m.category, f"{LEXICON}:{m.term}", m.weight))
        sentence_frames = tuple(primary_frame(w) for w in weights)
        shares = frame_shares(weights)
        ranked = ranked_frames(shares, first_seen)
        scores: dict[str, float] = {f"frame_{slug}": shares[slug] for slug in FRAMES}
        scores["frames_coverage"] = (sum(f != NONE for f in sentence_frames) / n) if n else 0.0
        scores["frames_diversity"] = frame_diversity(shares)
        labels = {
            "frame": ranked[0] if ranked else NONE,
            "frame_secondary": ranked[1] if len(ranked) > 1 else NONE,
        }
        sentence_scores = [
            {"frame_confidence": (w[f] / sum(w.values())) if f != NONE else 0.0}
            for w, f in zip(weights, sentence_frames)
        ]
        sentence_labels = [{"frame": f} for f in sentence_frames]
        return DimensionOutput(
            scores=scores,
            labels=labels,
            sentence_scores=sentence_scores,
            sentence_labels=sentence_labels,
            evidence=evidence,
            data=FramesData(tuple(weights), sentence_frames, shares),
        )
