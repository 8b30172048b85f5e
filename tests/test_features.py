"""FramingFeatures: the analyser's signals as a scikit-learn transformer over texts."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from framing.features import FramingFeatures, as_texts, feature_source

TEXTS = [
    "It looks like this failed administration is about to waste millions on a shameful stunt.",
    "The council approved the budget on Tuesday, officials said.",
    "Critics slammed the radical plan as a disaster.",
    "According to the report, unemployment fell to 3.5 percent in March.",
    "Frankly, nobody believes the mayor anymore.",
    "Ok.",
]


@pytest.fixture(scope="module")
def fitted() -> FramingFeatures:
    return FramingFeatures().fit(TEXTS)


def test_one_row_per_text_one_column_per_name(fitted: FramingFeatures) -> None:
    X = fitted.transform(TEXTS)
    names = fitted.get_feature_names_out()
    assert X.shape == (len(TEXTS), len(names))
    assert X.dtype == np.float64
    assert len(set(names)) == len(names)
    assert np.isfinite(X).all()


def test_feature_names_say_where_each_column_comes_from(fitted: FramingFeatures) -> None:
    names = list(fitted.get_feature_names_out())
    groups = {feature_source(n)[0] for n in names}
    assert groups == {"score", "evidence", "lexicon"}
    assert "score:n_words" in names
    assert "lexicon:hedges:modal" in names
    assert all(not n.startswith("score:model_") for n in names), "the model dimension is never a feature"


def test_values_follow_the_analysis(fitted: FramingFeatures) -> None:
    text = "Critics slammed the radical plan as a disaster."
    (row,) = fitted.transform([text])
    names = list(fitted.get_feature_names_out())
    (a,) = fitted.analyze([text])
    assert a is not None
    assert row[names.index("score:n_words")] == a.n_words == 8
    hits = [m for m in fitted.matches(a) if m.lexicon == "loaded_terms"]
    assert hits, "the sentence has loaded terms"
    cats = {m.category for m in hits}
    for cat in cats:
        n = sum(m.category == cat for m in hits)
        assert row[names.index(f"lexicon:loaded_terms:{cat}")] == pytest.approx(100.0 * n / a.n_words)


def test_blank_and_short_texts_work(fitted: FramingFeatures) -> None:
    X = fitted.transform(["", "   ", "Ok.", "Why?"])
    assert (X[0] == 0).all() and (X[1] == 0).all()
    assert X[2, list(fitted.get_feature_names_out()).index("score:n_words")] == 1


def test_evidence_columns_are_learned_from_the_fit_data() -> None:
    plain = FramingFeatures().fit(["The council met on Tuesday."])
    rich = FramingFeatures().fit(TEXTS)
    ev_plain = {n for n in plain.get_feature_names_out() if n.startswith("evidence:")}
    ev_rich = {n for n in rich.get_feature_names_out() if n.startswith("evidence:")}
    assert ev_plain < ev_rich
    # evidence never seen in fit is dropped at transform time, not an error
    X = plain.transform(TEXTS)
    assert X.shape[1] == len(plain.get_feature_names_out())


def test_groups_and_exclusion_select_columns() -> None:
    only_scores = FramingFeatures(evidence=False, lexicon_counts=False).fit(TEXTS)
    assert all(n.startswith("score:") for n in only_scores.get_feature_names_out())
    no_readability = FramingFeatures(exclude=["score:flesch", "lexicon:hedges"]).fit(TEXTS)
    names = no_readability.get_feature_names_out()
    assert not any(n.startswith(("score:flesch", "lexicon:hedges")) for n in names)
    assert "score:n_words" in names
    stats = FramingFeatures(sentence_stats=True).fit(["One sentence here. And a second, shameful one."])
    assert any(n.startswith("sentence_max:") for n in stats.get_feature_names_out())


def test_dimensions_limit_the_scores() -> None:
    f = FramingFeatures(["readability"], evidence=False, lexicon_counts=False).fit(TEXTS[:2])
    assert "score:flesch_reading_ease" in f.get_feature_names_out()
    assert not any("editorial" in n for n in f.get_feature_names_out())


def test_inputs_one_text_per_sample() -> None:
    import pandas as pd

    f = FramingFeatures().fit(TEXTS)
    expected = f.transform(TEXTS)
    assert np.array_equal(f.transform(pd.Series(TEXTS)), expected)
    assert np.array_equal(f.transform(pd.DataFrame({"text": TEXTS})), expected)
    assert np.array_equal(f.transform(np.array(TEXTS, dtype=object).reshape(-1, 1)), expected)
    assert np.array_equal(f.transform(tuple(TEXTS)), expected)


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        ("a single string", TypeError, "single string"),
        ([1.0, 2.0], TypeError, "sample 0"),
        ([], ValueError, "0 sample"),
        (np.array([["a", "b"]], dtype=object), ValueError, "2 columns"),
        ([["nested"]], TypeError, "not a text"),
    ],
)
def test_bad_inputs_are_rejected(bad: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        FramingFeatures().fit(bad)


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"dimensions": "editorial"}, TypeError, "'dimensions' parameter"),
        ({"dimensions": ["nope"]}, ValueError, "'dimensions' parameter"),
        ({"dimensions": ["model"]}, ValueError, "'dimensions' parameter"),
        ({"scores": "yes"}, TypeError, "'scores' parameter"),
        ({"n_jobs": 0}, ValueError, "'n_jobs' parameter"),
        ({"lexicons": ["/no/such/file.tsv"]}, ValueError, "'lexicons' parameter"),
        ({"exclude": "score:"}, TypeError, "'exclude' parameter"),
        ({"scores": False, "evidence": False, "lexicon_counts": False}, ValueError, "at least one"),
    ],
)
def test_parameters_are_validated_in_fit_not_init(params: dict, error: type[Exception], match: str) -> None:
    est = FramingFeatures(**params)  # scikit-learn convention: __init__ only stores
    assert est.get_params()[next(iter(params))] == params[next(iter(params))]
    with pytest.raises(error, match=match):
        est.fit(TEXTS[:2])


def test_transform_before_fit_raises_not_fitted() -> None:
    with pytest.raises(NotFittedError):
        FramingFeatures().transform(TEXTS)
    with pytest.raises(NotFittedError):
        FramingFeatures().get_feature_names_out()


def test_fit_returns_self_and_keeps_parameters() -> None:
    est = FramingFeatures(["readability", "editorial"], sentence_stats=True)
    before = est.get_params()
    assert est.fit(TEXTS) is est
    assert est.get_params() == before
    public = {k for k in vars(est) if not k.startswith("_") and not k.endswith("_")}
    assert public == set(before), "fit sets only attributes with a trailing underscore"


def test_fit_transform_equals_fit_then_transform() -> None:
    a = FramingFeatures().fit_transform(TEXTS)
    b = FramingFeatures().fit(TEXTS).transform(TEXTS)
    assert np.array_equal(a, b)


def test_clone_and_pickle_give_the_same_output(fitted: FramingFeatures) -> None:
    expected = fitted.transform(TEXTS)
    assert np.array_equal(clone(fitted).fit(TEXTS).transform(TEXTS), expected)
    again = pickle.loads(pickle.dumps(fitted))
    assert np.array_equal(again.transform(TEXTS), expected)
    assert list(again.get_feature_names_out()) == list(fitted.get_feature_names_out())


def test_rows_do_not_depend_on_the_batch(fitted: FramingFeatures) -> None:
    full = fitted.transform(TEXTS)
    order = [3, 0, 5, 1, 4, 2]
    assert np.array_equal(fitted.transform([TEXTS[i] for i in order]), full[order])
    assert np.array_equal(fitted.transform(TEXTS[2:4]), full[2:4])


def test_transform_does_not_change_the_estimator(fitted: FramingFeatures) -> None:
    names = fitted.feature_names_out_
    params = fitted.get_params()
    fitted.transform(["A new text with new words, scandalous and shameful."])
    assert fitted.feature_names_out_ == names
    assert fitted.get_params() == params


def test_one_sample_fits() -> None:
    X = FramingFeatures().fit_transform(["Just one short text."])
    assert X.shape[0] == 1


def test_works_inside_a_pipeline_and_with_pandas_output() -> None:
    y = [1, 0, 1, 0, 1, 0]
    pipe = make_pipeline(FramingFeatures(), StandardScaler(), LogisticRegression())
    pipe.fit(TEXTS, y)
    proba = pipe.predict_proba(TEXTS)
    assert proba.shape == (6, 2)
    f = FramingFeatures().set_output(transform="pandas")
    frame = f.fit_transform(TEXTS)
    assert list(frame.columns) == list(f.get_feature_names_out())


def test_parallel_analysis_gives_the_same_rows(fitted: FramingFeatures) -> None:
    par = FramingFeatures(n_jobs=2).fit(TEXTS)
    assert np.array_equal(par.transform(TEXTS), fitted.transform(TEXTS))


def test_as_texts_keeps_documents_and_analyses(fitted: FramingFeatures) -> None:
    (a,) = fitted.analyze([TEXTS[0]])
    assert a is not None
    items = as_texts([a, TEXTS[1]])
    assert items[0] is a
    assert np.array_equal(fitted.transform([a]), fitted.transform([TEXTS[0]]))


WORDS = [
    "the",
    "council",
    "said",
    "shameful",
    "radical",
    "perhaps",
    "clearly",
    "disaster",
    "Biden",
    "reported",
    "according",
    "to",
    "very",
    "!",
    "?",
    ".",
    ",",
    "“",
    "”",
    "3.5",
    "percent",
    "war",
    "economy",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=25).map(" ".join), min_size=1, max_size=4))
def test_property_rows_are_finite_and_densities_non_negative(fitted: FramingFeatures, texts: list[str]) -> None:
    X = fitted.transform(texts)
    names = list(fitted.get_feature_names_out())
    assert X.shape == (len(texts), len(names))
    assert np.isfinite(X).all()
    dens = [j for j, n in enumerate(names) if n.startswith(("lexicon:", "evidence:"))]
    assert (X[:, dens] >= 0).all()
    for text, row in zip(texts, X):
        if not text.strip():
            assert (row == 0).all()
        else:
            assert row[names.index("score:n_words")] >= 1 or not any(ch.isalnum() for ch in text)


def test_sklearn_tags_say_texts_not_arrays() -> None:
    from sklearn.utils import get_tags

    tags = get_tags(FramingFeatures())
    assert tags.input_tags.string is True
    assert tags.input_tags.two_d_array is False
    assert tags.requires_fit is True


def test_warnings_are_not_raised_for_normal_use() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        FramingFeatures().fit_transform(TEXTS[:2])
