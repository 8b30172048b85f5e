"""Sentiment toward a target: the shipped learned model on the error types it must handle, its
evidence, its file (checksum, version), and the training code on data made here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.models import ModelError
from framing.target import (
    CLASSES,
    FEATURE_VERSION,
    TargetModel,
    TargetScorer,
    default_scorer,
    target_sentiment,
    target_sentiment_result,
)
from framing.training.target import Example, blank_scorer, evaluate, fit, read_examples, to_json

MODEL_FILE = Path(__file__).resolve().parent.parent / "framing" / "data" / "target_sentiment.json"

#: Reference labels (what a careful reader says the sentence expresses toward the target).
RIGHT = [
    ("Ukraine accused Russia of shelling the plant.", "Russia", "negative"),
    ("NATO was accused by Moscow of encircling Russia.", "NATO", "negative"),
    ("NATO was accused by Moscow of encircling Russia.", "Moscow", "neutral"),
    ("Ukraine was invaded by Russia in 2022.", "Ukraine", "neutral"),
    ("Zelensky thanked Biden for his unwavering support.", "Biden", "positive"),
    ("The committee praised Estonia for its pioneering digital government.", "Estonia", "positive"),
    ("Trump said the trial was a witch hunt.", "Trump", "neutral"),
    ("Critics say TikTok poses a threat to national security.", "TikTok", "negative"),
    ("The incompetent Home Office lost thousands of files.", "Home Office", "negative"),
    ("Spain deployed warships to the region.", "Spain", "neutral"),
    ("Western governments condemned Russia's brutal assault on civilian areas.", "Russia", "negative"),
    # the wrong nearby word: "assurances" must not make Lynch positive
    ("Despite her assurances, Lynch was blasted by lawmakers on both sides.", "Lynch", "negative"),
    # superlatives VADER lacks
    ("In one of his strongest speeches, Obama addressed the fears of the nation.", "Obama", "positive"),
    ("Merkel is the finest leader Europe has had in decades.", "Merkel", "positive"),
    # the one admonished, not the admonisher, is evaluated
    ("The FBI admonished the senator for his conduct.", "senator", "negative"),
    # event-based evaluation
    ("Clinton led by 46 points among young voters.", "Clinton", "positive"),
    ("The senator was arrested for fraud.", "senator", "negative"),
    ("The mayor was hailed as a hero after the rescue.", "mayor", "positive"),
    # evaluation inside a quotation; the speaker is not evaluated by it
    ('"Smith is a liar and a fraud," the governor said.', "Smith", "negative"),
    ('"Smith is a liar and a fraud," the governor said.', "governor", "neutral"),
    # targets that are part of a name
    ("Beau Biden was a decorated veteran and a devoted father.", "Beau", "positive"),
    ("Critics say the Obama administration botched the rollout.", "Obama", "negative"),
]

#: Cases the shipped model gets wrong (strict: a retrained model that gets one right must move it
#: to RIGHT). NewsMTSC, the training data, often labels the agent of an evaluative speech act with
#: the act's polarity (5 of 8 targets right before "accused" are labelled negative, 8 of 11 before
#: "praised" positive), so the model carries that over to accusers, admonishers and thankers.
WRONG = [
    ("Ukraine accused Russia of shelling the plant.", "Ukraine", "neutral"),
    ("The FBI admonished the senator for his conduct.", "FBI", "neutral"),
    ("Zelensky thanked Biden for his unwavering support.", "Zelensky", "neutral"),
    ("Ukraine was invaded by Russia in 2022.", "Russia", "negative"),
    ("Investigators found that Biden had done nothing wrong.", "Biden", "positive"),
    # implicit or event-based evaluation and idioms without evaluative words
    ("Two of his aides registered as foreign agents.", "aides", "negative"),
    ("Sanders can't seem to inch past Clinton in the polls.", "Sanders", "negative"),
    ("The revelations torched his credibility, and Cruz never recovered.", "Cruz", "negative"),
    ("Critics say Biden has skeletons in the closet.", "Biden", "negative"),
]


def _label(sentence: str, target: str) -> dict:
    start = sentence.index(target)
    return target_sentiment(sentence, start, start + len(target))


@pytest.mark.parametrize(("sentence", "target", "label"), RIGHT)
def test_target_sentiment_cases(sentence: str, target: str, label: str) -> None:
    out = _label(sentence, target)
    assert out["label"] == label
    assert label == "neutral" or (out["score"] > 0) == (label == "positive")


@pytest.mark.parametrize(("sentence", "target", "label"), WRONG)
@pytest.mark.xfail(strict=True, reason="known error of the shipped model (see WRONG)")
def test_target_sentiment_known_errors(sentence: str, target: str, label: str) -> None:
    assert _label(sentence, target)["label"] == label


def test_evidence_names_the_words_that_decided() -> None:
    s = "Despite her assurances, Lynch was blasted by lawmakers on both sides."
    res = target_sentiment_result(s, s.index("Lynch"), s.index("Lynch") + 5)
    negative = [c for c in res.cues if c.value < 0]
    assert any(s[c.start : c.end] == "blasted" for c in negative)
    s = "Merkel is the finest leader Europe has had in decades."
    res = target_sentiment_result(s, 0, 6)
    assert abs(sum(res.probabilities) - 1.0) < 1e-9 and res.confidence == max(res.probabilities)


def test_target_sentiment_in_a_longer_document_uses_only_its_sentence() -> None:
    text = "Critics slammed Biden for the chaos.\n\nBiden met Macron in Paris on Friday."
    second = text.rindex("Biden")
    assert target_sentiment(text, second, second + 5)["label"] == "neutral"
    assert target_sentiment(text, text.index("Biden"), text.index("Biden") + 5)["label"] == "negative"


def test_target_sentiment_rejects_bad_spans() -> None:
    with pytest.raises(ValueError):
        target_sentiment("abc", 2, 10)
    with pytest.raises(ValueError):
        target_sentiment("abc", -1, 2)
    assert target_sentiment("abc  def", 3, 5) == {"label": "neutral", "score": 0.0}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_target_sentiment_properties(data) -> None:
    words = st.sampled_from(
        "Biden Putin NATO Russia accused praised the of not brutal good said , . that was by invaded help".split()
    )
    text = " ".join(data.draw(st.lists(words, min_size=1, max_size=30)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    res = target_sentiment_result(text, start, end)
    assert res.label in CLASSES
    assert -1.0 <= res.score <= 1.0
    assert (res.label == "neutral") or (res.score > 0) == (res.label == "positive")
    for c in res.cues:
        assert 0 <= c.start < c.end <= len(text)


# -- the model file ---------------------------------------------------------------------------------


def test_shipped_model_loads_and_records_its_training() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["feature_version"] == FEATURE_VERSION and data["classes"] == list(CLASSES)
    model = TargetModel.from_dict(data)
    assert len(model.weights) == len(data["features"]) > 1000
    assert data["dev"]["macro_f1"] > 0.6


def test_modified_model_is_rejected() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["coef"][0][0] += 1.0
    with pytest.raises(ModelError, match="SHA-256 mismatch"):
        TargetModel.from_dict(data)


def test_other_feature_version_is_rejected(tmp_path: Path) -> None:
    trained = fit(_tiny(), c_values=(1.0,), min_count=1, scorer=_blank())
    content = to_json(trained)
    content["feature_version"] = FEATURE_VERSION + 1
    from framing.models import canonical_hash

    content["sha256"] = canonical_hash(content)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(ModelError, match="wrong version"):
        TargetModel.load(path)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match="not JSON"):
        TargetModel.load(tmp_path / "bad.json")


# -- training -------------------------------------------------------------------------------------


def _blank() -> TargetScorer:
    return blank_scorer(default_scorer().resources)


def _tiny() -> list[Example]:
    rows = []
    for name in ("Adams", "Baker", "Clark", "Davis", "Evans", "Frank"):
        for s, lab in (
            (f"{name} was praised for a wonderful reform.", "positive"),
            (f"Voters admire {name} and love the plan.", "positive"),
            (f"{name} was blamed for the awful failure.", "negative"),
            (f"Critics attacked {name} over a terrible scandal.", "negative"),
            (f"{name} met officials on Tuesday.", "neutral"),
            (f"{name} travelled to the capital.", "neutral"),
        ):
            rows.append(Example(s, s.index(name), s.index(name) + len(name), lab))
    return rows


def test_fit_learns_tiny_data_and_is_deterministic() -> None:
    scorer = _blank()
    data = _tiny()
    a = to_json(fit(data, data, c_values=(1.0, 10.0), min_count=1, scorer=scorer))
    b = to_json(fit(data, data, c_values=(1.0, 10.0), min_count=1, scorer=scorer))
    assert a == b
    model = TargetModel.from_dict(a)
    scores = evaluate(model, data, scorer.resources)
    assert scores["macro_f1"] >= 0.9
    s = "Greene was praised for a wonderful reform."
    res = TargetScorer(scorer.resources, model)
    from framing.target import sentence_target

    tokens, target, matches, actors = sentence_target(s, 0, 6, res)
    assert res.score_tokens(tokens, target, matches, actors).label == "positive"


def test_read_examples_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = {"sentence": "Adams won.", "target_from": 0, "target_to": 5, "polarity": "positive"}
    path.write_text(json.dumps(good) + "\n" + "{oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.jsonl:2"):
        read_examples(path)
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert read_examples(path)[0].label == "positive"


_WORDS = st.sampled_from(
    "Biden Putin NATO the of not brutal good said , . \" ( ) that was by invaded strongest 's help "
    "accused praised wonderful never corrupt he most admired blasted".split()
)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_fast_scoring_equals_the_sum_of_feature_weights(data) -> None:
    """score_view (prefix sums, weight arrays for the words near the target, evaluative words and
    events) gives the logits of summing features() times the weights, with and without the cues."""
    text = " ".join(data.draw(st.lists(_WORDS, min_size=2, max_size=25)))
    scorer = default_scorer()
    from framing.target import sentence_target

    start = data.draw(st.integers(0, len(text) - 1))
    found = sentence_target(text, start, min(len(text), start + data.draw(st.integers(1, 12))), scorer)
    if found is None:
        return
    tokens, target, matches, actors = found
    view = scorer.view(tokens, matches)
    z = list(scorer.model.intercept)
    for f in scorer.features(view, target, actors):
        w = scorer.model.weights.get(f.name)
        if w is not None:
            z = [z[i] + f.value * w[i] for i in range(3)]
    res = scorer.score_view(view, target, actors)
    assert res.raw == pytest.approx(z[2] - z[0], abs=1e-9)
    assert res.label == CLASSES[max(range(3), key=z.__getitem__)]
    fast = scorer.score_view(view, target, actors, explain=False)
    assert fast.probabilities == res.probabilities and fast.raw == res.raw and fast.cues == ()


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_batched_scoring_equals_scoring_each_target_alone(data) -> None:
    """score_many over several sentences and targets at once gives each target the result of
    score_view on its sentence alone, and explain_many the same cues as explaining it alone."""
    from framing.target import name_spans, sentence_target

    scorer = default_scorer()
    views, names, targets = [], [], []
    for _ in range(data.draw(st.integers(1, 4))):
        text = " ".join(data.draw(st.lists(_WORDS, min_size=2, max_size=20)))
        found = sentence_target(text, 0, len(text), scorer)
        if found is None:
            continue
        tokens, _span, matches, _actors = found
        views.append(scorer.view(tokens, matches))
        names.append(name_spans(tokens, scorer.not_name))
        for _ in range(data.draw(st.integers(0, 4))):
            ts = data.draw(st.integers(0, len(tokens) - 1))
            targets.append((len(views) - 1, ts, data.draw(st.integers(ts + 1, min(len(tokens), ts + 3)))))
    batch = scorer.score_many(views, names, targets)
    assert len(batch) == len(targets)
    explained = scorer.explain_many(views, names, targets, batch)
    for (v, ts, te), res, cued in zip(targets, batch, explained):
        alone = scorer.score_view(views[v], (ts, te), names[v])
        assert res.label == alone.label
        assert res.probabilities == pytest.approx(alone.probabilities, abs=1e-12)
        assert res.raw == pytest.approx(alone.raw, abs=1e-9)
        assert cued.probabilities == res.probabilities and res.cues == ()
        assert [(c.start, c.end, c.rule, c.relation) for c in cued.cues] == [
            (c.start, c.end, c.rule, c.relation) for c in alone.cues
        ]
        assert [c.value for c in cued.cues] == pytest.approx([c.value for c in alone.cues], abs=1e-12)


def test_bigram_table_finds_every_split_of_a_name() -> None:
    w = (0.5, 0.0, -0.5)
    model = TargetModel({"b:a_b_c": w, "b:<s>_x": (1.0, 2.0, 3.0), "w:a": (0.0, 0.0, 1.0)}, (0.0, 0.0, 0.0))
    table = model.bigrams()
    assert table["a"]["b_c"] == w and table["a_b"]["c"] == w
    assert table["<s>"]["x"] == (1.0, 2.0, 3.0)
    assert "a" not in table.get("w", {})
