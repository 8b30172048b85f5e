"""Sentence and document sentiment, the arc, and their invariants (golden checks on the seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Analyzer
from framing.dimensions.sentiment import ARC_BINS, label_for, sentiment_arc, weighted_mean

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["sentiment"])


@pytest.fixture(scope="module")
def seed_results(analyzer: Analyzer):
    return [analyzer.analyze(p.read_text(encoding="utf-8"), id=p.stem) for p in SEEDS]


def test_three_seeds_present() -> None:
    assert len(SEEDS) == 3


def test_seeds_get_sentence_document_sentiment_and_arc(seed_results) -> None:
    for res in seed_results:
        assert res.n_sentences > 5
        for s in res.sentences:
            assert -1.0 <= s.scores["sentiment"] <= 1.0
            assert s.labels["sentiment_label"] == label_for(s.scores["sentiment"])
        assert -1.0 <= res.scores["sentiment"] <= 1.0
        assert res.labels["sentiment_label"] in ("positive", "neutral", "negative")
        arc = res.to_dict()["sentiment_arc"]
        assert [b["bin"] for b in arc] == list(range(ARC_BINS))
        assert all(-1.0 <= b["sentiment"] <= 1.0 and -1.0 <= b["smoothed"] <= 1.0 for b in arc)
        assert arc[0]["first_sentence"] == 0 and arc[-1]["last_sentence"] == res.n_sentences - 1


def test_document_score_is_length_weighted_mean_of_sentences(seed_results) -> None:
    for res in seed_results:
        rows = res.to_dict()["sentences"]
        words = [r["scores"].get("words") for r in rows]
        compounds = [r["scores"]["sentiment"] for r in rows]
        if None in words:  # readability not run: count words the same way as the dimension
            from framing.text import tokenize

            words = [sum(t.kind != "punct" for t in tokenize(r["text"])) for r in rows]
        assert res.scores["sentiment"] == pytest.approx(weighted_mean(compounds, words), abs=1e-6)
        pos = sum(c >= 0.05 for c in compounds) / len(compounds)
        neg = sum(c <= -0.05 for c in compounds) / len(compounds)
        assert res.scores["sentiment_balance"] == pytest.approx(pos - neg)


def test_seed_sentiment_evidence_is_vader_words_inside_text(seed_results) -> None:
    for res in seed_results:
        ev = res.evidence_for(dimension="sentiment")
        assert ev, "a news article has some VADER words"
        for e in ev:
            assert e.rule.startswith("vader:")
            assert res.text[e.start : e.end].lower().replace("’", "'") == e.rule.split(":", 1)[1]
            sent = res.sentences[e.sentence]
            assert sent.start <= e.start < e.end <= sent.end
            assert (e.weight > 0) == (sent.scores["sentiment"] > 0)


def test_polarity_direction(analyzer: Analyzer) -> None:
    good = analyzer.analyze("The rescue was a wonderful success. Families celebrated the brave volunteers.")
    bad = analyzer.analyze("The attack was a horrible disaster. Families mourned the terrible losses.")
    assert good.scores["sentiment"] > 0.3 and good.labels["sentiment_label"] == "positive"
    assert bad.scores["sentiment"] < -0.3 and bad.labels["sentiment_label"] == "negative"


def test_document_score_does_not_saturate_with_length(analyzer: Analyzer) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    unit = "Officials said the talks were difficult. The deal was welcomed by some. Prices rose again."
    short = analyzer.analyze(unit).scores["sentiment"]
    long_text = " ".join([unit] * 40)
    long = analyzer.analyze(long_text).scores["sentiment"]
    assert long == pytest.approx(short, abs=1e-9)
    whole = SentimentIntensityAnalyzer().polarity_scores(long_text)["compound"]
    assert abs(whole) > abs(short)  # VADER on the whole text drifts toward +/-1; ours does not


def test_shift_sees_a_turn(analyzer: Analyzer) -> None:
    text = (
        "The storm destroyed homes and killed dozens. Survivors were angry and afraid. "
        "Losses were terrible. Weeks later, neighbours rebuilt together. "
        "Volunteers brought hope, and the town celebrated a wonderful recovery."
    )
    res = analyzer.analyze(text)
    assert res.scores["sentiment_shift"] > 0.5


def test_label_thresholds() -> None:
    assert label_for(0.05) == "positive"
    assert label_for(-0.05) == "negative"
    assert label_for(0.049) == "neutral"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-1, 1, allow_nan=False), st.integers(1, 60)),
        min_size=1,
        max_size=40,
    )
)
def test_arc_properties(rows) -> None:
    compounds = [c for c, _ in rows]
    lengths = [n for _, n in rows]
    arc = sentiment_arc(compounds, lengths)
    assert len(arc) == ARC_BINS
    lo, hi = min(compounds), max(compounds)
    for b in arc:
        assert lo - 1e-6 <= b["sentiment"] <= hi + 1e-6
        assert 0 <= b["first_sentence"] <= b["last_sentence"] < len(rows)
    # the word-weighted mean of the bins is the document's word-weighted mean
    assert sum(b["sentiment"] for b in arc) / ARC_BINS == pytest.approx(weighted_mean(compounds, lengths), abs=1e-5)


def test_arc_of_constant_text_is_flat_and_empty_input_is_empty() -> None:
    arc = sentiment_arc([0.4, 0.4, 0.4], [3, 10, 5])
    assert all(b["sentiment"] == pytest.approx(0.4) for b in arc)
    assert sentiment_arc([], []) == []


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghij klmnop.!?,'\"\nGOODBADgoodbad")), min_size=1, max_size=300))
def test_any_text_scores_in_range(analyzer: Analyzer, text: str) -> None:
    if not text.strip() or not any(ch.isalnum() for ch in text):
        return
    try:
        res = analyzer.analyze(text)
    except ValueError:
        return
    assert -1.0 <= res.scores["sentiment"] <= 1.0
    assert 0.0 <= res.scores["sentiment_spread"] <= 1.0
    assert -2.0 <= res.scores["sentiment_shift"] <= 2.0
    for e in res.evidence:
        assert 0 <= e.start < e.end <= len(text)
