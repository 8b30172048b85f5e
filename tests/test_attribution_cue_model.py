"""The learned cue classifier: training on tiny annotated articles, the model file, and its use in extraction."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from framing import Analyzer
from framing.attribution.cue_model import CUE_LEXICON, CueModel, shipped_cue_model
from framing.checksum import ModelError, canonical_hash
from framing.dimensions.attribution import Attribution as AttributionDimension
from framing.training.attribution import (
    AnnotatedArticle,
    cue_examples,
    fit,
    learn_vocabulary,
    parse_articles,
    read_articles,
    to_json,
)

# "unveiled" (not in the cue lexicon) and "endorsed" (in it) are annotated cues; "ran" never is.
SENTENCES = [
    ("Senator Smith unveiled the plan on Tuesday.", "unveiled"),
    ("The union endorsed Hillary Clinton last week.", "endorsed"),
    ("Mayor Jones unveiled the new budget plan.", "unveiled"),
    ("The newspaper endorsed the mayor in October.", "endorsed"),
    ("Governor Brown unveiled the proposal quickly.", "unveiled"),
    ("Several unions endorsed the senator.", "endorsed"),
    ("The players ran onto the field.", None),
    ("The river ran through the town.", None),
    ("Traffic was slow on the bridge.", None),
]


def _article(i: int, sentence: str, cue: str | None) -> AnnotatedArticle:
    spans = ((sentence.index(cue), sentence.index(cue) + len(cue)),) if cue else ()
    return AnnotatedArticle(f"a{i}", sentence, spans)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["attribution"], language_check=False).load()


@pytest.fixture(scope="module")
def config(analyzer: Analyzer):  # type: ignore[no-untyped-def]
    (dim,) = [d for d in analyzer.dimensions if isinstance(d, AttributionDimension)]
    return dataclasses.replace(dim.config, cue_model=None)


@pytest.fixture(scope="module")
def trained(analyzer: Analyzer, config):  # type: ignore[no-untyped-def]
    articles = [_article(i, s, c) for i, (s, c) in enumerate(SENTENCES * 3)]
    docs = parse_articles(articles, analyzer)
    vocabulary = learn_vocabulary(articles, docs, min_count=2, min_rate=0.5, exclude=config.function_words)
    examples = cue_examples(articles, docs, config, vocabulary)
    model = fit(examples, vocabulary, c=10.0, min_feature_count=1, accept=0.5, keep=0.0, attach=0.5)
    return vocabulary, examples, model


def test_vocabulary_holds_frequent_cue_words_only(trained) -> None:  # type: ignore[no-untyped-def]
    vocabulary, _, _ = trained
    assert {"unveiled", "endorsed"} <= vocabulary
    assert "ran" not in vocabulary and "the" not in vocabulary


def test_examples_are_labelled_by_overlap_with_annotated_cues(trained) -> None:  # type: ignore[no-untyped-def]
    _, examples, _ = trained
    unveiled = [e for e in examples if "w=unveiled" in e.features]
    assert unveiled and all(e.label for e in unveiled)
    assert not any(e.label for e in examples if "w=ran" in e.features)


def test_fitted_model_prefers_cues(trained) -> None:  # type: ignore[no-untyped-def]
    _, examples, model = trained
    pos = [model.probability(e.features) for e in examples if e.label]
    neg = [model.probability(e.features) for e in examples if not e.label]
    assert min(pos) > 0.5
    assert not neg or max(neg) < min(pos)


def test_model_file_round_trip_and_checksum(trained, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, model = trained
    content = to_json(model)
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    loaded = CueModel.load(path)
    assert loaded.weights == model.weights and loaded.vocabulary == model.vocabulary
    assert (loaded.accept, loaded.keep, loaded.attach) == (model.accept, model.keep, model.attach)
    tampered = dict(content, intercept=content["intercept"] + 1.0)
    path.write_text(json.dumps(tampered), encoding="utf-8")
    with pytest.raises(ModelError, match="modified or damaged"):
        CueModel.load(path)
    old = dict(content, feature_version=0)
    old["sha256"] = canonical_hash(old)
    path.write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(ModelError, match="wrong version"):
        CueModel.load(path)


def test_training_is_deterministic(analyzer: Analyzer, config, trained) -> None:  # type: ignore[no-untyped-def]
    vocabulary, examples, model = trained
    again = fit(examples, vocabulary, c=10.0, min_feature_count=1, accept=0.5, keep=0.0, attach=0.5)
    assert to_json(again)["sha256"] == to_json(model)["sha256"]


def test_fit_needs_both_classes(trained) -> None:  # type: ignore[no-untyped-def]
    vocabulary, examples, _ = trained
    with pytest.raises(ValueError, match="both"):
        fit([e for e in examples if e.label], vocabulary)


def test_learned_cue_builds_an_attribution(trained, config) -> None:  # type: ignore[no-untyped-def]
    _, _, model = trained
    analyzer = Analyzer(dimensions=["attribution"], language_check=False).load()
    (dim,) = [d for d in analyzer.dimensions if isinstance(d, AttributionDimension)]
    dim.config = dataclasses.replace(config, cue_model=model)
    text = "Senator Adams unveiled the budget on Monday."
    (rec,) = analyzer.analyze(text).attributions
    assert text[rec.cue.start : rec.cue.end] == "unveiled"
    assert rec.cue_rule == f"{CUE_LEXICON}:unveiled"
    assert rec.source is not None and "Adams" in text[rec.source.start : rec.source.end]
    dim.config = dataclasses.replace(config, cue_model=None)
    assert analyzer.analyze(text).attributions == ()


def test_objects_of_learned_cues_stay_in_the_writers_voice(trained, config) -> None:  # type: ignore[no-untyped-def]
    _, _, model = trained
    analyzer = Analyzer(dimensions=["attribution"], language_check=False).load()
    (dim,) = [d for d in analyzer.dimensions if isinstance(d, AttributionDimension)]
    dim.config = dataclasses.replace(config, cue_model=model)
    text = "Senator Adams unveiled his “reform” budget on Monday."
    doc = analyzer.parse(text)
    data = dim.score(doc, {}).data
    (rec,) = data.attributions
    assert rec.cue_rule == f"{CUE_LEXICON}:unveiled"
    assert data.content_spans == ()
    assert [text[q.span.start : q.span.end] for q in data.scare_quotes] == ["“reform”"]


def test_read_articles_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = {"article": "x", "primary": True, "text": "A said B.", "attributions": [{"cue": [{"spans": [[2, 6]]}]}]}
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2:"):
        read_articles(path)
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    (art,) = read_articles(path)
    assert art.cues == ((2, 6),)


def test_shipped_model_loads() -> None:
    model = shipped_cue_model()
    assert model is not None
    assert 0.0 < model.accept < 1.0 and model.vocabulary


def test_cue_closing_its_sentence_reports_what_comes_before() -> None:
    analyzer = Analyzer(dimensions=["attribution"], language_check=False)
    text = 'Clinton "is the only candidate that has the experience," retired Air Force general Lloyd Newton said.'
    (rec,) = analyzer.analyze(text).attributions
    assert rec.source is not None and text[rec.source.start : rec.source.end].endswith("Lloyd Newton")
    assert "only candidate" in text[rec.content[0].start : rec.content[0].end]
