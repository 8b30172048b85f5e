"""The editorial training code on tiny data made here: evidence precision, the document model, labels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from framing.editorial.signals import Signal
from framing.training import editorial as fit


def _unit(text: str, biased: tuple[str, ...], words: dict[str, str], signals: tuple = ()) -> fit.Unit:
    """A BABE unit whose word tokens are ``words`` (surface -> key), found in ``text``."""
    tokens = []
    for surface, key in words.items():
        start = text.index(surface)
        tokens.append((start, start + len(surface), surface.lower(), key, 1.0))
    return fit.Unit("babe", text, 1, None, biased, {}, {}, signals, tuple(tokens))


def test_top_evidence_precision_counts_the_top_three_items_and_hides_style() -> None:
    text = "This regime slammed the so-called plan of the group"
    u = _unit(
        text,
        ("slammed", "so-called"),
        {
            "This": "this",
            "regime": "regim",
            "slammed": "slam",
            "so-called": "so-called",
            "plan": "plan",
            "group": "group",
        },
    )
    model = fit.Fitted(
        0.0, {}, {"this": 2.0, "regim": 0.5, "slam": 1.5, "so-called": 1.0, "plan": 0.2, "group": -1}, 1, 1
    )
    model.marked = frozenset({"regim", "slam", "so-called"})  # "plan" was never marked: style
    assert fit.is_style_word("plan", "plan", 0.2, model, frozenset()) and not fit.is_style_word(
        "group", "group", -1.0, model, frozenset()
    )
    fw = frozenset({"this", "the", "of"})
    hidden = fit.top_evidence_precision([u], [model], np.zeros(1, dtype=int), fw)
    # top three without style: slammed (right), so-called (right), regime (wrong)
    assert hidden["precision"] == pytest.approx(2 / 3) and hidden["items"] == 3
    assert hidden["function_word_items"] == 0.0
    shown = fit.top_evidence_precision([u], [model], np.zeros(1, dtype=int), fw, hide_style=False)
    # "This" takes the first place: this (wrong), slammed, so-called
    assert shown["precision"] == pytest.approx(2 / 3) and shown["function_word_items"] == pytest.approx(1 / 3)


def test_lexicon_items_count_and_long_spans_are_not_word_choices() -> None:
    text = "Critics say the failed administration is a disaster for everyone in the whole country"
    long_rule = Signal(0, len(text), 0, "rule:question", "question", "rule:question", 1.0)
    loaded = Signal(16, 36, 0, "loaded_terms:label", "loaded", "loaded_terms:failed administration", 1.0)
    words = {w: w for w in text.split()}
    u = _unit(text, ("failed", "disaster"), words, ((long_rule, 1.0), (loaded, 1.0)))
    model = fit.Fitted(0.0, {"rule:question": 3.0, "loaded_terms:label": 2.0}, {}, 1, 1)
    r = fit.top_evidence_precision([u], [model], np.zeros(1, dtype=int), frozenset())
    assert r["items"] == 2 and r["precision"] == pytest.approx(0.5)


def test_document_model_thresholds_meet_their_targets_on_the_data_they_are_chosen_on() -> None:
    rng = np.random.default_rng(0)
    y = np.array([1] * 40 + [0] * 120)
    X = np.column_stack([rng.normal(y * 2.0 - 1.0, 0.8), rng.uniform(0, 1, len(y)) * (0.3 + 0.5 * y)])
    b0, coef, t_op, t_rep = fit.fit_document(X, y)
    p = fit.document_probability(X, b0, coef)
    assert coef[0] > 0 and t_rep <= t_op
    assert np.mean(p[y == 1] >= t_op) >= fit.GENRE_OPINION_RECALL
    assert np.mean(y[p < t_rep] == 0) >= fit.GENRE_REPORTING_PRECISION
    cv = fit.crossvalidate_documents(X, y, seeds=[0], folds=4)
    assert cv["n"] == 160 and cv["n_opinion"] == 40
    assert 0.8 < cv["roc_auc"]["mean"] <= 1.0


def test_genre_labels_load_and_a_bad_label_names_file_and_line(tmp_path: Path) -> None:
    good = tmp_path / "g.tsv"
    good.write_text("article_id\tlabel\tnote\na1\topinion\t\na2\tnews\thard\n", encoding="utf-8")
    assert fit.load_genre_labels(str(good)) == {"a1": 1, "a2": 0}
    bad = tmp_path / "b.tsv"
    bad.write_text("article_id\tlabel\tnote\na1\topinion\t\na2\tcolumn\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"b\.tsv:3: label 'column'"):
        fit.load_genre_labels(str(bad))


def test_documents_featurize_by_sentence_with_record_index_and_word_counts() -> None:
    records = [("document", "The bill passed. Critics called it a disgrace!", 1, ()), ("document", "It rained.", 0, ())]
    units = fit.featurize(records, by_sentence=True)
    assert [u.record for u in units] == [0, 0, 1]
    assert [u.n_words for u in units] == [3, 5, 2]
    model = fit.Fitted(-0.1, {"rule:exclamation": 2.0}, {}, 1, 1)
    X = fit.document_features(units, model, 2)
    assert X.shape == (2, 2)
    assert X[0, 0] == pytest.approx((3 * -0.1 + 5 * 1.9) / 8) and X[1, 0] == pytest.approx(-0.1)
    assert X[0, 1] == pytest.approx(5 / 8) and X[1, 1] == pytest.approx(0.0)


def test_news_prior_recovers_the_share_of_a_shifted_population() -> None:
    rng = np.random.default_rng(3)
    # a calibrated classifier fitted at a 50% share, applied where 20% are positive
    y = rng.uniform(size=4000) < 0.2
    x = np.where(y, rng.normal(1.5, 1.0, y.size), rng.normal(-1.5, 1.0, y.size))
    z = 3.0 * x  # the log-likelihood ratio of the two classes: calibrated at a 50% share
    share = fit.news_prior(z, 0.5)
    assert 0.15 < share < 0.25
    assert fit.news_prior(z, 0.5) == share  # deterministic


def test_shifting_to_a_prior_keeps_every_decision() -> None:
    model = fit.Fitted(-0.3, {"a": 1.0}, {}, 1, 1, threshold=0.5)
    units = [fit.Unit("x", "", 0, None, (), {"a": v}, {}) for v in np.linspace(-2, 2, 41)]
    before = fit.predict(model, units) >= model.threshold
    delta = fit.shift_to_prior(model, 0.45, 0.2)
    assert delta < 0 and model.intercept == pytest.approx(-0.3 + delta)
    after = fit.predict(model, units) >= model.threshold - 1e-6
    assert (before == after).all()
    assert model.threshold < 0.5
