"""The editorial dimension: lexicons, the logistic model's arithmetic, rules, and golden seed cases."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.analyzer import Analyzer
from framing.editorial.model import EditorialModel, sigmoid
from framing.editorial.signals import QUOTED as IN_QUOTE
from framing.editorial.signals import REPORTED, WRITER, Signal, extract_signals
from framing.lexicon import load_lexicon
from framing.results import Analysis

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LEXICONS = ROOT / "lexicons"
SEED_000 = SEEDS / "000_9a7f7bc7f1e60ac7.txt"
SEED_001 = SEEDS / "001_9113edbd277c3798.txt"
SEED_002 = SEEDS / "002_0a28a9245bdd40ba.txt"
QUOTED = (
    "while one Ukrainian official told CNN, “This remark potentially gives the green light to Putin to enter"
    " Ukraine at his pleasure. Putin senses weakness.”"
)
OWN_VOICE = (
    "while this remark potentially gives the green light to Putin to enter Ukraine at his pleasure."
    " Putin senses weakness."
)
#: Minimum entries per lexicon: the benchmarks measure coverage, so the lists must not be toy lists.
MIN_ENTRIES = {
    "subjectivity_clues": 1000,
    "loaded_terms": 500,
    "hedges": 100,
    "boosters": 60,
    "intensifiers": 80,
    "factives": 40,
    "assertives": 60,
    "implicatives": 30,
    "editorial_patterns": 40,
    "modality_negation": 30,
}
CITATIONS = {
    "hedges": ("Hyland",),
    "boosters": ("Hyland",),
    "factives": ("Hooper", "Kiparsky", "Recasens"),
    "assertives": ("Hooper", "Recasens"),
    "implicatives": ("Karttunen", "Recasens"),
    "subjectivity_clues": ("Wilson", "Wiebe", "MPQA"),
    "loaded_terms": ("Recasens", "Spinde"),
    "intensifiers": ("Quirk",),
    "modality_negation": ("Biber", "Palmer"),
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["editorial"])


@pytest.fixture(scope="module")
def seeds(analyzer: Analyzer) -> dict[str, Analysis]:
    return {
        p.name[:3]: analyzer.analyze(p.read_text(encoding="utf-8"), id=p.stem) for p in (SEED_000, SEED_001, SEED_002)
    }


def editorial_evidence(result: Analysis, sentence: int) -> list:
    return result.evidence_for(sentence, "editorial")


# ---- lexicons -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MIN_ENTRIES))
def test_lexicon_is_large_and_cites_its_literature(name: str) -> None:
    lx = load_lexicon(LEXICONS / f"{name}.tsv")
    assert len(lx.entries) >= MIN_ENTRIES[name]
    for author in CITATIONS.get(name, ()):
        assert author in lx.source, f"{name} does not cite {author}"
    assert lx.kind == "terms"


def test_no_surface_form_is_counted_twice_within_one_lexicon() -> None:
    """A form reachable from two entries (any category) would be two signals for one word."""
    for name in MIN_ENTRIES:
        lx = load_lexicon(LEXICONS / f"{name}.tsv")
        owner: dict[str, str] = {}
        for e in lx.entries:
            for form in e.forms:
                key = " ".join(form.lower().split())
                assert owner.setdefault(key, e.term) == e.term, f"{name}: {form!r} from {owner[key]!r} and {e.term!r}"


def test_subjectivity_clue_weights_are_prior_polarities() -> None:
    lx = load_lexicon(LEXICONS / "subjectivity_clues.tsv")
    assert {e.weight for e in lx.entries} <= {-1.0, 0.0, 1.0}
    assert set(lx.categories()) == {"strong", "weak"}
    by_term = {e.term: e for e in lx.entries}
    assert by_term["incompetent"].weight == -1.0 and by_term["incompetent"].category == "strong"
    assert by_term["admirable"].weight == 1.0


def test_fitted_word_weights_are_readable_and_signed_by_category() -> None:
    lx = load_lexicon(LEXICONS / "editorial_words.tsv")
    assert len(lx.entries) >= 200
    for e in lx.entries:
        assert math.isfinite(e.weight) and e.weight != 0
        assert e.category in ("opinion", "reporting", "style"), e.term
        if e.category != "style":
            assert (e.category == "opinion") == (e.weight > 0), e.term
    function_words = _function_words()
    for e in lx.entries:
        if e.term in function_words:
            assert e.category == "style", e.term
    assert "fit_editorial.py" in lx.source


def test_model_file_is_plain_json_with_known_features() -> None:
    raw = json.loads((ROOT / "framing" / "data" / "editorial_weights.json").read_text(encoding="utf-8"))
    model = EditorialModel.from_dict(raw)
    assert math.isfinite(model.intercept) and model.cap > 0 and 0 < model.threshold < 1
    prefixes = ("rule:", "cue:", "vader:") + tuple(f"{n}:" for n in MIN_ENTRIES)
    assert all(f.startswith(prefixes) for f in model.weights), sorted(model.weights)
    # reporting markers lower the score, the issue's editorial markers raise it
    assert model.weights["rule:number"] < 0 and model.weights["editorial_patterns:reporting"] < 0
    assert 0.0 < model.reported_share < 1.0
    for feature in ("loaded_terms:label", "editorial_patterns:speculation", "editorial_patterns:motive"):
        assert model.weights[feature] > 0, feature
    assert "command" in raw and "fitted_on" in raw


# ---- the model's arithmetic ------------------------------------------------------------------


def _signal(feature: str, value: float = 1.0, voice: str = WRITER, start: int = 0) -> Signal:
    return Signal(start, start + 1, 0, feature, "x", f"rule:{feature}", value, voice)


def test_contributions_cap_each_feature_per_sentence() -> None:
    model = EditorialModel(intercept=-1.0, weights={"a": 0.5, "b": -2.0}, cap=2.0)
    row = [_signal("a", 1.0), _signal("a", 0.5), _signal("a", 1.0), _signal("b", 1.0), _signal("c", 1.0)]
    assert model.contributions(row) == [0.5, 0.25, 0.25, -2.0, 0.0]
    assert model.features(row) == {"a": 2.0, "b": 1.0, "c": 1.0}


def test_quoted_signals_contribute_nothing_except_attribution_features() -> None:
    model = EditorialModel(intercept=0.0, weights={"loaded_terms:label": 1.0, "rule:attributed_content": -1.0})
    row = [_signal("loaded_terms:label", voice=IN_QUOTE), _signal("rule:attributed_content", 0.5, voice=IN_QUOTE)]
    assert model.contributions(row) == [0.0, -0.5]


def test_reported_signals_count_at_the_reported_share() -> None:
    weights = {"loaded_terms:label": 0.8, "rule:attributed_content": -1.0}
    model = EditorialModel(intercept=0.0, weights=weights, cap=2.0, reported_share=0.25)
    row = [
        _signal("loaded_terms:label", voice=REPORTED),
        _signal("rule:attributed_content", 0.5, voice=REPORTED),
        _signal("loaded_terms:label", voice=WRITER),
        _signal("loaded_terms:label", voice=WRITER),
    ]
    assert model.units(row) == [0.25, 0.5, 1.0, 0.75]
    assert model.contributions(row) == pytest.approx([0.2, -0.5, 0.8, 0.6])
    masked = EditorialModel(intercept=0.0, weights=weights, reported_share=0.0)
    assert masked.contributions(row[:1]) == [0.0]


def test_a_word_takes_at_most_one_unit_per_sentence_across_voices() -> None:
    model = EditorialModel(intercept=0.0, weights={}, reported_share=0.5)
    w = Signal(0, 3, 0, "word", "word", "editorial_words:mob", 0.8, REPORTED)
    again = Signal(9, 12, 0, "word", "word", "editorial_words:mob", 0.8, WRITER)
    third = Signal(20, 23, 0, "word", "word", "editorial_words:mob", 0.8, WRITER)
    assert model.units([w, again, third]) == [0.5, 0.5, 0.0]
    assert model.contributions([w, again, third]) == pytest.approx([0.4, 0.4, 0.0])
    assert model.features([w, again], words=True) == {"editorial_words:mob": 1.0}
    assert model.features([w, again]) == {}


def test_model_file_rejects_a_reported_share_outside_0_to_1() -> None:
    with pytest.raises(ValueError):
        EditorialModel.from_dict({"intercept": 0.0, "weights": {}, "reported_share": 1.5})
    assert EditorialModel.from_dict({"intercept": 0.0, "weights": {}}).reported_share == 0.0


def test_word_signals_carry_their_own_weight_once_per_word() -> None:
    model = EditorialModel(intercept=0.0, weights={})
    w = Signal(0, 3, 0, "word", "word", "editorial_words:mob", 0.8)
    assert model.contributions([w, Signal(9, 12, 0, "word", "word", "editorial_words:mob", 0.8)]) == [0.8, 0.0]


def test_sigmoid_is_stable() -> None:
    assert sigmoid(0.0) == 0.5
    assert sigmoid(1000.0) == 1.0 and sigmoid(-1000.0) == 0.0
    assert abs(sigmoid(2.0) + sigmoid(-2.0) - 1.0) < 1e-12


def test_sentence_probability_is_recomputable_from_evidence(seeds: dict[str, Analysis]) -> None:
    for result in seeds.values():
        intercept = result.scores["editorial_intercept"]
        for s in result.sentences:
            total = sum(e.weight for e in editorial_evidence(result, s.index))
            total += s.scores["editorial_style"] + s.scores["editorial_minor"]
            assert s.scores["editorial_logit"] == pytest.approx(intercept + total, abs=1e-9)
            assert s.scores["editorial"] == pytest.approx(sigmoid(s.scores["editorial_logit"]), abs=1e-12)


# ---- golden seed cases -----------------------------------------------------------------------


def test_seed000_first_sentence_is_the_most_editorial_of_all_seeds(seeds: dict[str, Analysis]) -> None:
    first = seeds["000"].sentences[0]
    others = [s.scores["editorial"] for r in seeds.values() for s in r.sentences if s is not first]
    assert first.scores["editorial"] > max(others)
    assert first.scores["editorial"] > 0.9
    assert seeds["000"].scores["lede_editorial"] == pytest.approx(first.scores["editorial"])


def test_seed000_partisan_line_evidence_names_the_issue_phrases(seeds: dict[str, Analysis]) -> None:
    result = seeds["000"]
    found = {result.text[e.start : e.end]: e for e in editorial_evidence(result, 0)}
    for phrase, label in (
        ("failed administration", "loaded"),
        ("It looks like", "speculation"),
        ("just to distract", "motive"),
    ):
        assert phrase in found, sorted(found)
        assert found[phrase].label == label and found[phrase].weight > 0
    superlative = [t for t, e in found.items() if "most incompetent presidency in history" in t and e.weight > 0]
    assert superlative and found[superlative[0]].label == "superlative"


def test_seed001_wire_report_has_the_lowest_document_score(seeds: dict[str, Analysis]) -> None:
    scores = {k: r.scores["editorial"] for k, r in seeds.items()}
    assert min(scores, key=scores.__getitem__) == "001"
    assert seeds["001"].labels["genre"] == "reporting"
    genre = {k: r.scores["genre_score"] for k, r in seeds.items()}
    assert min(genre, key=genre.__getitem__) == "001"


def test_seed002_quoted_opinion_does_not_count_like_the_writers_own(analyzer: Analyzer) -> None:
    text = SEED_002.read_text(encoding="utf-8")
    assert QUOTED in text
    quoted = analyzer.analyze(text)
    own = analyzer.analyze(text.replace(QUOTED, OWN_VOICE))

    def weakness_sentence(result: Analysis) -> int:
        return next(s.index for s in result.sentences if "Putin senses weakness" in result.sentence_text(s.index))

    iq, io = weakness_sentence(quoted), weakness_sentence(own)
    assert quoted.sentences[iq].scores["editorial"] < own.sentences[io].scores["editorial"]
    assert quoted.scores["editorial"] < own.scores["editorial"]
    in_quote = [e for e in editorial_evidence(quoted, iq) if quoted.text[e.start : e.end] == "weakness"]
    assert in_quote and all(e.label == "attributed" and e.weight == 0.0 for e in in_quote)
    # in the writer's voice the weak clue counts: as an item, or (under min_evidence) in the minor sum
    in_voice = [e for e in editorial_evidence(own, io) if own.text[e.start : e.end] == "weakness"]
    assert all(e.label != "attributed" for e in in_voice)
    assert sum(e.weight for e in in_voice) > 0 or own.sentences[io].scores["editorial_minor"] > 0
    assert quoted.sentences[iq].scores["editorial_minor"] <= own.sentences[io].scores["editorial_minor"]


def test_seed002_loaded_attribution_verbs_are_evidence(seeds: dict[str, Analysis]) -> None:
    result = seeds["002"]
    words = {result.text[e.start : e.end] for e in result.evidence if e.dimension == "editorial" and e.weight > 0}
    assert {"claimed", "alleged"} <= words


# ---- rules on small texts ---------------------------------------------------------------------


def test_loaded_words_in_a_quote_are_reporting(analyzer: Analyzer) -> None:
    quoted = analyzer.analyze("Critics said the plan was “a disgraceful power grab by a failed administration.”")
    own = analyzer.analyze("The plan was a disgraceful power grab by a failed administration.")
    assert quoted.sentences[0].scores["editorial"] < own.sentences[0].scores["editorial"]
    loaded = [e for e in quoted.evidence if e.rule.startswith("loaded_terms:")]
    assert loaded and all(e.label == "attributed" and e.weight == 0.0 for e in loaded)
    assert any(e.label == "loaded" and e.weight > 0 for e in own.evidence)


def signals_of(analyzer: Analyzer, text: str) -> list[list[Signal]]:
    """The editorial signals of ``text``, whatever weight the fitted model gives them."""
    dims = {d.name: d for d in analyzer.dimensions}
    doc = analyzer.parse(text)
    attribution = dims["attribution"].score(doc, {})
    rows, _, _ = extract_signals(doc, attribution.data, dims["editorial"].tables)
    return rows


def test_reported_speech_is_someone_elses_words_but_reported_wishes_are_the_writers(analyzer: Analyzer) -> None:
    said = signals_of(analyzer, "The senator said the radical bill would destroy the economy.")
    wants = signals_of(analyzer, "The senator wants the radical bill to destroy the economy.")
    quoted = signals_of(analyzer, "The senator said: “The radical bill would destroy the economy.”")
    radical_said = [s for s in said[0] if s.rule == "loaded_terms:radical"]
    radical_wants = [s for s in wants[0] if s.rule == "loaded_terms:radical"]
    radical_quoted = [s for s in quoted[0] if s.rule == "loaded_terms:radical"]
    assert radical_said and all(s.attributed and s.voice == REPORTED for s in radical_said)
    assert radical_wants and all(s.voice == WRITER for s in radical_wants)
    assert radical_quoted and all(s.voice == IN_QUOTE for s in radical_quoted)


def test_the_same_loaded_word_counts_fully_in_the_writers_voice_partly_when_reported_not_when_quoted(
    analyzer: Analyzer,
) -> None:
    texts = {
        WRITER: "The bill is a disgraceful power grab.",
        REPORTED: "The senator said the bill is a disgraceful power grab.",
        IN_QUOTE: "The senator said: “The bill is a disgraceful power grab.”",
    }
    model = next(d for d in analyzer.dimensions if d.name == "editorial").model
    weight = {}
    for voice, text in texts.items():
        result = analyzer.analyze(text)
        hits = [e for e in result.evidence if e.dimension == "editorial" and e.rule == "loaded_terms:power grab"]
        assert len(hits) == 1, hits
        weight[voice] = hits[0]
        assert (hits[0].label == "attributed") == (voice == IN_QUOTE)
    assert weight[WRITER].weight > 0
    assert weight[REPORTED].weight == pytest.approx(model.reported_share * weight[WRITER].weight)
    assert weight[IN_QUOTE].weight == 0.0


def test_necessity_modals_and_negation_are_signals(analyzer: Analyzer) -> None:
    rows = signals_of(analyzer, "The council should not wait, and it has never needed to.")
    found = {(s.feature, s.rule) for s in rows[0]}
    assert ("modality_negation:necessity", "modality_negation:should") in found
    assert ("modality_negation:negation", "modality_negation:not") in found
    assert ("modality_negation:negation", "modality_negation:never") in found
    assert ("modality_negation:necessity", "modality_negation:needed to") in found


def test_a_fitted_word_shares_its_weight_with_its_listed_inflections(analyzer: Analyzer) -> None:
    lx = load_lexicon(LEXICONS / "editorial_words.tsv")
    shown = EditorialModel.load().min_evidence  # a listed word: not style, not summed as minor
    entry = next(
        e
        for e in lx.entries
        if len(e.forms) > 1 and e.forms[1].isalpha() and e.category != "style" and abs(e.weight) >= shown
    )
    result = analyzer.analyze(f"The word {entry.forms[1]} appears here.")
    hits = [e for e in result.evidence if e.rule == f"editorial_words:{entry.term}"]
    assert len(hits) == 1 and result.text[hits[0].start : hits[0].end] == entry.forms[1]
    assert hits[0].weight == pytest.approx(entry.weight)


def test_questions_and_exclamations_in_the_writers_voice(analyzer: Analyzer) -> None:
    rows = signals_of(analyzer, "Who could blame them? This is outrageous! “Stop!” the officer shouted.")
    assert [s.feature for s in rows[0] if s.feature.startswith("rule:")] == ["rule:question"]
    assert "rule:exclamation" in {s.feature for s in rows[1]}
    assert "rule:exclamation" not in {s.feature for s in rows[2]}


def test_scare_quotes_are_a_distancing_signal(analyzer: Analyzer) -> None:
    text = "The council passed its “reform” of the pension system on Tuesday."
    doc = analyzer.parse(text)
    dims = {d.name: d for d in analyzer.dimensions}
    rows, _, _ = extract_signals(doc, dims["attribution"].score(doc, {}).data, dims["editorial"].tables)
    signals = [s for s in rows[0] if s.feature == "rule:scare_quote"]
    assert signals and text[signals[0].start : signals[0].end] == "“reform”"
    # shown as evidence exactly when the fitted model gives scare quotes a weight
    result = analyzer.analyze(text)
    scare = [e for e in result.evidence if e.dimension == "editorial" and e.label == "scare_quote"]
    assert bool(scare) == (dims["editorial"].model.weights["rule:scare_quote"] != 0.0)


def test_capitalised_names_are_not_evaluation(analyzer: Analyzer) -> None:
    result = analyzer.analyze("Officials from Great Britain and the United States met at the Justice Department.")
    words = {result.text[e.start : e.end] for e in result.evidence if e.dimension == "editorial"}
    assert not words & {"Great", "States", "Justice"}


def test_per_100_word_rates_count_writers_voice_hits(analyzer: Analyzer) -> None:
    text = "Perhaps the radical plan will clearly fail. The mayor said “perhaps the radical plan will fail.”"
    result = analyzer.analyze(text)
    words = result.n_words
    assert result.scores["hedges_per_100_words"] == pytest.approx(100.0 / words)
    assert result.scores["boosters_per_100_words"] == pytest.approx(100.0 / words)
    assert result.scores["loaded_per_100_words"] == pytest.approx(100.0 / words)


# ---- properties -------------------------------------------------------------------------------

PIECES = [
    "It looks like",
    "the failed administration",
    "radical",
    "said",
    "Biden",
    "claimed",
    "perhaps",
    "clearly",
    "100,000",
    "“",
    "”",
    '"',
    "?",
    "!",
    ".",
    ",",
    "just to distract",
    "the most incompetent presidency in history",
    "we",
    "you",
    "according to officials",
    "Great Britain",
    "on Monday",
    "\n\n",
    "so-called",
    "terrible",
    "the",
    "plan",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_scores_are_in_range_and_evidence_points_into_the_text(analyzer: Analyzer, pieces: list[str]) -> None:
    text = " ".join(pieces) + " end."
    result = analyzer.analyze(text)
    s = result.scores
    for key in (
        "editorial",
        "editorial_sentence_mean",
        "editorial_sentence_share",
        "editorial_max",
        "lede_editorial",
        "subjectivity",
        "genre_score",
    ):
        assert 0.0 <= s[key] <= 1.0, key
    for key in ("loaded_per_100_words", "hedges_per_100_words", "boosters_per_100_words"):
        assert 0.0 <= s[key] <= 100.0 * 3, key
    assert result.labels["genre"] in ("opinion", "reporting", "mixed")
    for e in result.evidence:
        if e.dimension != "editorial":
            continue
        sentence = result.sentences[e.sentence]
        assert sentence.start <= e.start < e.end <= sentence.end
        assert result.text[e.start : e.end].strip()
        assert math.isfinite(e.weight)
    for sent in result.sentences:
        assert 0.0 <= sent.scores["editorial"] <= 1.0
        total = sum(e.weight for e in result.evidence_for(sent.index, "editorial"))
        total += sent.scores["editorial_style"] + sent.scores["editorial_minor"]
        assert sent.scores["editorial_logit"] == pytest.approx(s["editorial_intercept"] + total, abs=1e-9)


# ---- the fitting code's optimiser ---------------------------------------------------------------


def _fit_module():  # type: ignore[no-untyped-def]
    from framing.training import editorial

    return editorial


def test_bounded_logistic_fit_matches_sklearn_and_respects_bounds() -> None:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    fit = _fit_module()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 4))
    y = (X @ np.array([1.5, -1.0, 0.5, 0.0]) + rng.normal(size=300) > 0).astype(float)
    sw = np.ones(300)
    free = [(None, None)] * 4
    b0, coef = fit.logistic_fit(sparse.csr_matrix(X), y, sw, 1.0, free, np.zeros(4))
    ref = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(X, y)
    assert b0 == pytest.approx(ref.intercept_[0], abs=1e-3)
    assert coef == pytest.approx(ref.coef_[0], abs=1e-3)
    bounded = [(0.0, None), (0.0, None), (None, 0.0), (None, None)]
    _, coef = fit.logistic_fit(sparse.csr_matrix(X), y, sw, 1.0, bounded, np.zeros(4))
    assert coef[1] == pytest.approx(0.0, abs=1e-9) and coef[2] == pytest.approx(0.0, abs=1e-9)
    assert coef[0] > 0


def test_soft_targets_equal_the_weighted_pair_of_hard_rows() -> None:
    from scipy import sparse

    fit = _fit_module()
    rng = np.random.default_rng(1)
    X = rng.normal(size=(120, 3))
    soft = rng.uniform(size=120)
    free = [(None, None)] * 3
    b_soft, c_soft = fit.logistic_fit(sparse.csr_matrix(X), soft, np.ones(120), 0.5, free, np.zeros(3))
    X2 = sparse.csr_matrix(np.vstack([X, X]))
    y2 = np.concatenate([np.ones(120), np.zeros(120)])
    b_hard, c_hard = fit.logistic_fit(X2, y2, np.concatenate([soft, 1 - soft]), 0.5, free, np.zeros(3))
    assert b_soft == pytest.approx(b_hard, abs=1e-4)
    assert c_soft == pytest.approx(c_hard, abs=1e-4)


def test_inflections_fold_to_one_word_key() -> None:
    fold = _fit_module().fold_word
    assert fold("states") == fold("stated") == fold("stating") == fold("state")
    assert fold("attacks") == fold("attacked") == fold("attacking") == "attack"
    assert fold("stopped") == fold("stops")
    assert fold("news") == "news" and fold("bias") == "bias" and fold("various") == "various"
    assert fold("news") != fold("new")
    assert fold("don't") == "don't" and fold("anti-war") == "anti-war"


# ---- citeable evidence, style, the document model -------------------------------------------


def _function_words() -> frozenset[str]:
    return Analyzer(dimensions=["editorial"]).resources.function_words


def test_no_function_word_is_an_evidence_item_of_any_seed(seeds: dict[str, Analysis]) -> None:
    from framing.editorial.signals import is_function_span

    function_words = _function_words()
    for result in seeds.values():
        for e in result.evidence:
            if e.dimension != "editorial" or e.rule.startswith("rule:"):
                continue
            words = result.text[e.start : e.end].split()
            assert not is_function_span(result.text, e.start, e.end, function_words), (result.id, e)
            cleaned = [w.lower().replace("’", "'").strip(".,;:!?\"'“”()[]") for w in words]
            assert not all(w in function_words for w in cleaned if w), (result.id, e)


def test_function_words_count_as_one_style_contribution(analyzer: Analyzer) -> None:
    result = analyzer.analyze("This is what they could do about it.")
    sent = result.sentences[0]
    style = sent.scores["editorial_style"]
    assert style != 0.0
    assert result.evidence_for(0, "editorial") == []
    minor = sent.scores["editorial_minor"]
    assert sent.scores["editorial_logit"] == pytest.approx(result.scores["editorial_intercept"] + style + minor)


def test_is_function_span_needs_a_word_and_only_function_words() -> None:
    from framing.editorial.signals import is_function_span

    fw = frozenset({"this", "could", "as", "well", "said"})
    text = "This could, as well as said! Radical this."
    assert is_function_span(text, 0, 4, fw) and is_function_span(text, 5, 10, fw)
    assert is_function_span(text, 12, 22, fw)  # "as well as"
    assert not is_function_span(text, 27, 28, fw)  # "!" has no word
    assert not is_function_span(text, 29, 41, fw)  # "Radical this"
    fw2 = frozenset({"do", "can", "i", "we"})
    assert all(is_function_span(w, 0, len(w), fw2) for w in ("don't", "can't", "I’m", "we're"))
    assert not is_function_span("they're", 0, 7, fw2)


def test_a_sentence_without_evidence_scores_as_reporting(analyzer: Analyzer) -> None:
    result = analyzer.analyze("The committee met in the capital on Tuesday and adjourned in the evening.")
    assert result.evidence_for(0, "editorial") == [] or all(e.weight <= 0 for e in result.evidence_for(0, "editorial"))
    assert result.sentences[0].scores["editorial"] < 0.35
    assert sigmoid(result.scores["editorial_intercept"]) < 0.4


def test_document_score_is_the_document_model_of_the_sentence_logits(seeds: dict[str, Analysis]) -> None:
    model = EditorialModel.load()
    assert model.document, "the shipped model has a document model"
    for result in seeds.values():
        words = [len(result.sentence_text(s.index).split()) for s in result.sentences]
        assert result.scores["editorial_sentence_mean"] == pytest.approx(
            sum(s.scores["editorial"] * w for s, w in zip(result.sentences, words)) / sum(words), abs=0.05
        )
        p = result.scores["editorial"]
        assert 0.0 <= p <= 1.0
        expected = (
            "opinion"
            if p >= model.document["genre_opinion"]
            else "reporting"
            if p < model.document["genre_reporting"]
            else "mixed"
        )
        assert result.labels["genre"] == expected


def test_document_probability_rises_with_the_mean_logit() -> None:
    doc = {"intercept": -3.0, "weights": {"mean_logit": 2.0, "opinion_share": 1.0}, "genre_opinion": 0.5}
    model = EditorialModel.from_dict({"intercept": 0.0, "weights": {}, "document": {**doc, "genre_reporting": 0.2}})
    low = model.document_probability({"mean_logit": -1.0, "opinion_share": 0.0})
    high = model.document_probability({"mean_logit": 1.0, "opinion_share": 0.5})
    assert low is not None and high is not None and low < high
    assert high == pytest.approx(sigmoid(-3.0 + 2.0 + 0.5))
    assert EditorialModel.from_dict({"intercept": 0.0, "weights": {}}).document_probability({}) is None
    with pytest.raises(ValueError, match="unknown features"):
        EditorialModel.from_dict({"intercept": 0, "weights": {}, "document": {**doc, "weights": {"x": 1.0}}})
    with pytest.raises(ValueError, match="genre thresholds"):
        EditorialModel.from_dict({"intercept": 0, "weights": {}, "document": {**doc, "genre_reporting": 0.9}})


def test_model_file_checksum_is_verified(tmp_path: Path) -> None:
    raw = json.loads((ROOT / "framing" / "data" / "editorial_weights.json").read_text(encoding="utf-8"))
    assert raw["sha256"] and raw["framing_version"]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(raw), encoding="utf-8")
    assert EditorialModel.load(good).intercept == raw["intercept"]
    raw["intercept"] += 1.0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="SHA-256 mismatch"):
        EditorialModel.load(bad)
    del raw["sha256"]
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="no SHA-256 checksum"):
        EditorialModel.load(bare)


def test_genre_labels_are_ids_and_labels_only() -> None:
    lines = (ROOT / "benchmarks" / "genre_mbic.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["article_id", "label", "note"]
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) >= 150
    assert len({r[0] for r in rows}) == len(rows)
    assert all(r[0].startswith("mbic_art_") and r[1] in ("opinion", "news") and r[2] in ("", "hard") for r in rows)
    assert 20 <= sum(r[1] == "opinion" for r in rows) <= len(rows) - 20


def test_small_single_word_contributions_are_summed_per_span_not_shown() -> None:
    weights = {"vader:negative": 0.1, "subjectivity_clues:weak": 0.08, "loaded_terms:label": 0.1, "hedges:adverb": 0.1}
    model = EditorialModel(intercept=0.0, weights=weights, min_evidence=0.2)
    word = Signal(0, 4, 0, "word", "word", "editorial_words:x", 0.1)
    vader = Signal(0, 4, 0, "vader:negative", "evaluative", "vader:x", 1.0)
    clue = Signal(0, 4, 0, "subjectivity_clues:weak", "subjective", "subjectivity_clues:x", 1.0)
    hedge = Signal(10, 14, 0, "hedges:adverb", "hedge", "hedges:y", 1.0)
    loaded = Signal(20, 24, 0, "loaded_terms:label", "loaded", "loaded_terms:z", 1.0)
    style = Signal(30, 32, 0, "word", "word", "editorial_words:is", 0.1, WRITER, True)
    # one span: 0.1 + 0.1 + 0.08 = 0.28 together, shown; each alone would be under 0.2
    row = [word, vader, clue, hedge, loaded, style]
    assert model.minor(row, model.contributions(row)) == [False, False, False, True, False, False]
    row = [word, hedge, loaded, style]
    assert model.minor(row, model.contributions(row)) == [True, True, False, False]
    # a phrase or construction on the span keeps the whole span shown
    on_word = Signal(0, 4, 0, "loaded_terms:label", "loaded", "loaded_terms:x", 1.0)
    row = [word, on_word]
    assert model.minor(row, model.contributions(row)) == [False, False]
    # quoted (zero) contributions are not minor: they are shown as attributed
    quoted = Signal(0, 4, 0, "hedges:adverb", "hedge", "hedges:x", 1.0, IN_QUOTE)
    assert model.minor([quoted], model.contributions([quoted])) == [False]
    no_floor = EditorialModel(intercept=0.0, weights=weights)
    assert no_floor.minor([word, hedge], no_floor.contributions([word, hedge])) == [False, False]
