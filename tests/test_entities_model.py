"""The mention tagger: features, BIO decoding, training on tiny data, and the checked model card."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from framing import Analyzer
from framing.entities.detect import EntityFinder
from framing.entities.features import candidate_windows, join_windows, shape
from framing.entities.model import load_tagger, spans_from_labels
from framing.models import ModelError
from framing.training.entities import (
    TrainSettings,
    gum_name_spans,
    mention_scores,
    token_labels,
    train,
    training_sequences,
)

DATA = Path(__file__).resolve().parent.parent / "framing" / "data"


def test_shape_and_bio_decoding() -> None:
    assert shape("Nassar") == "Xx" and shape("U.S.") == "X.X." and shape("iPhone") == "xXx"
    labels = ["O", "B-PER", "I-PER", "O", "I-ORG", "B-LOC", "B-LOC", "I-PER"]
    assert spans_from_labels(labels, 10) == [
        (11, 13, "person"),
        (14, 15, "organization"),
        (15, 16, "place"),
        (16, 17, "place"),
        (17, 18, "person"),
    ]


def test_candidate_windows_cover_capitalised_runs_with_context() -> None:
    an = Analyzer(dimensions=[])
    parsed = an.parse("the bank of England and the Bank of England said so today")
    toks = parsed.tokens
    wins = candidate_windows(toks, 0, len(toks))
    covered = {k for a, b in wins for k in range(a, b)}
    assert {k for k, t in enumerate(toks) if t.text in ("England", "Bank")} <= covered
    assert 0 not in covered and len(toks) - 1 not in covered


def _gum_doc(text: str, names: list[tuple[str, str]]) -> dict:
    """A tiny GUM-style document: every capitalised word PROPN, each name one mention."""
    tokens = []
    pos = 0
    for i, word in enumerate(text.split(" ")):
        start = text.index(word, pos)
        pos = start + len(word)
        upos = "PROPN" if word[:1].isupper() and i > 0 else "X"
        tokens.append({"start": start, "end": pos, "form": word, "upos": upos, "xpos": "NNP", "sentence": 0})
    mentions = []
    for k, (name, kind) in enumerate(names):
        s = text.index(name)
        mentions.append({"start": s, "end": s + len(name), "type": kind, "entity": str(k), "named": True})
    return {"text": text, "tokens": tokens, "mentions": mentions}


def test_gum_targets_cut_titles_and_types() -> None:
    doc = _gum_doc("yesterday Sen Josh Hawley met Monday in Paris", [("Sen Josh Hawley", "person"), ("Paris", "place")])
    doc["mentions"].append({"start": 30, "end": 36, "type": "time", "entity": "9", "named": True})
    spans = gum_name_spans(doc, {"sen"})
    assert [(doc["text"][s:e], k) for s, e, k in spans] == [("Josh Hawley", "person"), ("Paris", "place")]


def test_training_on_tiny_data_is_deterministic_and_tags(tmp_path: Path) -> None:
    an = Analyzer(dimensions=[])
    finder = EntityFinder(an.resources)
    text = "yesterday Anna Berg met Carl Olsen in Oslo and Anna Berg thanked Oslo"
    doc = _gum_doc(text, [("Anna Berg", "person"), ("Carl Olsen", "person"), ("Oslo", "place")])
    second = text.rindex("Anna Berg")
    doc["mentions"] += [
        {"start": second, "end": second + 9, "type": "person", "entity": "0", "named": True},
        {"start": text.rindex("Oslo"), "end": len(text), "type": "place", "entity": "2", "named": True},
    ]
    parsed = an.parse(text)
    gold = gum_name_spans(doc, finder.features.titles)
    seqs = training_sequences(finder, parsed, gold) * 5
    assert token_labels(parsed.tokens, gold)[1:3] == ["B-PER", "I-PER"]
    settings = TrainSettings(max_iterations=30)
    card1 = train(seqs, tmp_path / "a.crfsuite", {"version": "0"}, settings)
    card2 = train(seqs, tmp_path / "b.crfsuite", {"version": "0"}, settings)
    assert card1["model_sha256"] == card2["model_sha256"]
    tagged = EntityFinder(an.resources, load_tagger(tmp_path / "a.crfsuite")).tag(parsed)
    got = [(parsed.tokens[a].start, parsed.tokens[b - 1].end, k) for a, b, k in tagged]
    assert mention_scores(gold, got)["all"]["f1"] == 1.0


def test_shipped_model_loads_and_a_changed_file_is_rejected(tmp_path: Path) -> None:
    tagger = load_tagger()
    assert tagger.meta["schema"] == "framing.entities_crf/1" and "dev_mention_scores" in tagger.meta
    for name in ("entities.crfsuite", "entities.json"):
        shutil.copy(DATA / name, tmp_path / name)
    assert load_tagger(tmp_path / "entities.crfsuite").meta["sha256"] == tagger.meta["sha256"]
    model = tmp_path / "entities.crfsuite"
    raw = bytearray(model.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    model.write_bytes(bytes(raw))
    with pytest.raises(ModelError, match="does not match its card"):
        load_tagger(model)
    shutil.copy(DATA / "entities.crfsuite", model)
    card = json.loads((tmp_path / "entities.json").read_text(encoding="utf-8"))
    card["version"] = "9.9.9"
    (tmp_path / "entities.json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="modified or damaged"):
        load_tagger(model)
    with pytest.raises(ModelError, match="cannot read"):
        load_tagger(tmp_path / "missing.crfsuite")


def test_features_unknown_to_the_model_are_left_out_without_changing_labels(tmp_path: Path) -> None:
    an = Analyzer(dimensions=[])
    finder = EntityFinder(an.resources)
    text = "yesterday Anna Berg met Carl Olsen in Oslo. The Oslo Times wrote that Berg and Olsen met."
    doc = _gum_doc(text, [("Anna Berg", "person"), ("Carl Olsen", "person"), ("Oslo", "place")])
    parsed = an.parse(text)
    seqs = training_sequences(finder, parsed, gum_name_spans(doc, finder.features.titles)) * 3
    train(seqs, tmp_path / "a.crfsuite", {"version": "0"}, TrainSettings(max_iterations=20))
    tagger = load_tagger(tmp_path / "a.crfsuite")
    tagged = EntityFinder(an.resources, tagger)
    assert tagged.tagger is tagger  # loading it makes the featurizer that keeps only its attributes
    assert tagged._tag_featurizer is not None
    full = [f for _, _, fs in tagged.windows(parsed) for f in fs]
    kept_bytes = [f for _, _, fs in tagged.windows(parsed, featurizer=tagged._tag_featurizer) for f in fs]
    assert all(isinstance(x, bytes) for f in kept_bytes for x in f)  # CRFsuite's own form
    kept = [[x.decode() for x in f] for f in kept_bytes]
    assert len(full) == len(kept)
    assert all(set(k) <= tagger.attributes and set(k) == set(f) & tagger.attributes for f, k in zip(full, kept))
    assert any(len(k) < len(f) for f, k in zip(full, kept))
    crf = tagger._tagger
    labels = crf.tag(full)
    marginals = [crf.marginal(lab, i) for i, lab in enumerate(labels)]
    for features in (kept, kept_bytes):
        assert crf.tag(features) == labels
        assert [crf.marginal(lab, i) for i, lab in enumerate(labels)] == marginals


def test_windows_are_joined_by_a_separator_outside_any_name() -> None:
    an = Analyzer(dimensions=[])
    finder = EntityFinder(an.resources)
    parsed = an.parse("Yesterday Anna Berg met Carl J. Olsen in Oslo and left.")
    windows = finder.windows(parsed)
    runs = [" ".join(t.text for t in parsed.tokens[a:b]) for a, b, _ in windows]
    assert runs == ["Yesterday Anna Berg", "Carl J . Olsen", "Oslo"]  # an initial's full stop joins a run
    items, starts = join_windows(windows, ["<sep>"])
    assert len(items) == sum(b - a for a, b, _ in windows) + len(windows) - 1
    assert [items[s - 1] for s in starts[1:]] == [["<sep>"]] * (len(windows) - 1)
    assert [items[s] for s in starts] == [f[0] for _, _, f in windows]
    gold = [(parsed.tokens[2].start, parsed.tokens[3].end, "person")]
    (feats, labels), *_ = training_sequences(finder, parsed, gold)
    assert len(feats) == len(labels) == len(items)
    assert [labels[s - 1] for s in starts[1:]] == ["O"] * (len(windows) - 1)


def test_the_tagger_reads_the_common_words_of_its_card(tmp_path: Path) -> None:
    an = Analyzer(dimensions=[])
    finder = EntityFinder(an.resources)
    text = "yesterday Anna Berg met Carl Olsen in Oslo"
    doc = _gum_doc(text, [("Anna Berg", "person"), ("Carl Olsen", "person"), ("Oslo", "place")])
    seqs = training_sequences(finder, an.parse(text), gum_name_spans(doc, finder.features.titles)) * 2
    train(
        seqs, tmp_path / "a.crfsuite", {"version": "0", "common_words": ["yesterday"]}, TrainSettings(max_iterations=5)
    )
    tagged = EntityFinder(an.resources, load_tagger(tmp_path / "a.crfsuite"))
    assert tagged.tagger is not None and tagged._tag_featurizer is not None
    assert tagged._tag_featurizer.config.common_words == frozenset(("yesterday",))
    assert len(finder.features.common_words) > 100  # from the shipped lexicons when no card says otherwise
    assert finder.features.common_words != tagged._tag_featurizer.config.common_words
