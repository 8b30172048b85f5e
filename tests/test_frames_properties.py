"""Invariants of the issue-frames dimension on generated text."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.analyzer import Analyzer
from framing.dimensions.frames import FRAMES, NONE, frame_diversity, frame_shares, primary_frame

ANALYZER = Analyzer(dimensions=["frames"], language_check=False)

# Cue words of several frames, idioms that block cues, plain words and punctuation.
WORDS = [
    "troops", "invasion", "economy", "tax", "poll", "voters", "election", "court", "unconstitutional",
    "police", "arrested", "hospital", "vaccine", "culture", "heritage", "diplomats", "treaty", "sanctions",
    "economic sanctions", "pay a heavy price", "in charge", "quality of life", "immoral", "equality",
    "funding", "shortage", "bill", "Bill", "ban", "the", "a", "and", "of", "said", "he", "she", "Ukraine",
    "Mr.", "U.S.", "“", "”", '"', ",", ";", "—", "\n\n", "\n", "?", "!", "..."
]  # fmt: skip
CHARS = st.characters(blacklist_categories=("Cc", "Cs"))
PIECES = st.lists(st.sampled_from(WORDS) | st.text(CHARS, min_size=1, max_size=6), min_size=1, max_size=60)
# A leading word keeps the text from being read as a metadata header.
TEXTS = PIECES.map(lambda parts: "Then " + " ".join(parts) + ".")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_shares_spans_and_labels_are_consistent(text):
    result = ANALYZER.analyze(text)
    shares = [result.scores[f"frame_{f}"] for f in FRAMES]
    assert all(0.0 <= v <= 1.0 for v in shares)
    total = math.fsum(shares)
    assert total == pytest.approx(1.0) or total == 0.0
    assert 0.0 <= result.scores["frames_coverage"] <= 1.0
    assert 0.0 <= result.scores["frames_diversity"] <= 1.0
    framed = [s for s in result.sentences if s.labels["frame"] != NONE]
    assert (total > 0) == bool(framed)
    assert (result.labels["frame"] == NONE) == (total == 0)
    if total > 0:
        assert result.scores[f"frame_{result.labels['frame']}"] == max(shares)
    for s in result.sentences:
        assert s.labels["frame"] in FRAMES or s.labels["frame"] == NONE
        assert 0.0 <= s.scores["frame_confidence"] <= 1.0
    for ev in result.evidence_for(dimension="frames"):
        assert 0 <= ev.start < ev.end <= len(text)
        sentence = result.sentences[ev.sentence]
        assert sentence.start <= ev.start and ev.end <= sentence.end
        assert text[ev.start : ev.end].strip() == text[ev.start : ev.end]
        assert ev.label in FRAMES
        assert ev.rule.startswith("issue_frames:")
        assert ev.weight > 0


WEIGHTS = st.dictionaries(st.sampled_from(FRAMES), st.floats(0.0, 5.0, allow_nan=False), max_size=6)


@given(st.lists(WEIGHTS, max_size=12))
def test_frame_shares_sum_to_one_or_zero(rows):
    shares = frame_shares(rows)
    assert set(shares) == set(FRAMES)
    assert all(0.0 <= v <= 1.0 + 1e-12 for v in shares.values())
    total = math.fsum(shares.values())
    bearing = [r for r in rows if primary_frame(r) != NONE]
    if bearing:
        assert total == pytest.approx(1.0)
    else:
        assert total == 0.0
    assert 0.0 <= frame_diversity(shares) <= 1.0


@given(WEIGHTS)
def test_primary_frame_has_the_largest_weight(weights):
    frame = primary_frame(weights)
    if frame != NONE:
        assert weights[frame] == max(weights.values())
