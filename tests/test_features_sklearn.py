"""scikit-learn's own estimator checks, where they apply to a transformer of texts.

scikit-learn's checks feed numeric 2-D arrays. FramingFeatures takes texts, so it declares the
tags ``input_tags.string=True`` and ``input_tags.two_d_array=False``; with those tags
``check_estimator`` runs the checks that need no data and skips the rest. Below, every API check
is also run one by one: those that build numeric arrays are expected to fail (strict xfail, with
the reason), and ``tests/test_features.py`` checks the same property with texts instead.
"""

from __future__ import annotations

import warnings

import pytest
from sklearn.exceptions import SkipTestWarning
from sklearn.utils import estimator_checks as ec

from framing.features import FramingFeatures

NUMERIC_INPUT = (
    "feeds a numeric 2-D array; texts are required (the same property is tested with texts in test_features.py)"
)

#: API checks that need no data, or only check what happens before fit: they must pass.
APPLICABLE = [
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_valid_tag_types",
    "check_no_attributes_set_in_init",
    "check_estimators_unfitted",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_n_features_in_after_fitting",
    "check_mixin_order",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    "check_transformer_n_iter",
]

#: Checks that cannot apply to text input, with the reason (the expected_failed_checks mechanism).
EXPECTED_FAILED = {
    "check_fit_score_takes_y": NUMERIC_INPUT,
    "check_estimators_overwrite_params": NUMERIC_INPUT,
    "check_dont_overwrite_parameters": NUMERIC_INPUT,
    "check_estimators_fit_returns_self": NUMERIC_INPUT,
    "check_readonly_memmap_input": "memory-mapped numeric arrays; texts are Python strings",
    "check_positive_only_tag_during_fit": NUMERIC_INPUT,
    "check_estimators_pickle": NUMERIC_INPUT,
    "check_fit_check_is_fitted": NUMERIC_INPUT,
    "check_dict_unchanged": NUMERIC_INPUT,
    "check_methods_subset_invariance": NUMERIC_INPUT,
    "check_fit2d_1sample": "expects a numeric one-sample error; one text is a valid input",
}


def test_check_estimator_passes_and_skips_the_numeric_checks() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ec.check_estimator(FramingFeatures(), expected_failed_checks=EXPECTED_FAILED)
    skips = [w for w in caught if issubclass(w.category, SkipTestWarning)]
    assert any("FramingFeatures" in str(w.message) for w in skips), "the tags declare text input"


@pytest.mark.parametrize("name", APPLICABLE)
def test_applicable_check_passes(name: str) -> None:
    getattr(ec, name)("FramingFeatures", FramingFeatures())


@pytest.mark.parametrize("name", sorted(EXPECTED_FAILED))
def test_numeric_check_does_not_apply(name: str) -> None:
    check = getattr(ec, name, None)
    if check is None:
        pytest.skip(f"{name} is not in this scikit-learn version")
    with pytest.raises((ValueError, TypeError, AssertionError)):
        check("FramingFeatures", FramingFeatures())
