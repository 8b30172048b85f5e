"""Actor portrayal: aggregation over every mention (pronouns included), evidence, the role model
file, and the role training code on articles made here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing import Analyzer
from framing.entities import EntitiesData, Entity, EntityMention
from framing.models import ModelError
from framing.portrayal import ROLES, Portrayer, RoleModel
from framing.training.roles import Article, actors_of, cross_validate, fit, read_articles, to_json

ROLES_FILE = Path(__file__).resolve().parent.parent / "framing" / "data" / "roles.json"

TEXT = (
    "Critics slammed Senator Adams over the corrupt deal. "
    "He was accused of lying to voters. "
    "Mayor Baker met officials in the capital on Tuesday. "
    "The brave firefighters saved hundreds of families from the flood."
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=("entities",))


def _entities(text: str, doc, spans: dict[str, list[tuple[str, bool]]]) -> EntitiesData:
    """Entities from surface strings (first occurrence after the previous one), for exact control."""
    mentions = []
    for eid, (_, forms) in enumerate(spans.items()):
        pos = 0
        for form, pronoun in forms:
            start = text.index(form, pos)
            pos = start + len(form)
            mentions.append((start, pos, eid, pronoun))
    mentions.sort()
    ms = tuple(EntityMention(a, b, doc.sentence_of(a), "person", e, p, not p) for a, b, e, p in mentions)
    ents = tuple(
        Entity(eid, name, "person", tuple(i for i, m in enumerate(ms) if m.entity == eid))
        for eid, name in enumerate(spans)
    )
    return EntitiesData(ms, ents)


def test_every_mention_counts_pronouns_included(analyzer: Analyzer) -> None:
    doc = analyzer.parse(TEXT)
    data = _entities(TEXT, doc, {"Adams": [("Senator Adams", False), ("He", True)], "Baker": [("Mayor Baker", False)]})
    portrayer = Portrayer(analyzer.resources)
    out = portrayer.portray_entities(doc, data)
    adams, baker = out[0], out[1]
    assert len(adams.mentions) == 2 and adams.mentions[1].pronoun
    assert adams.label == "negative" and adams.n_negative == adams.n_evaluative >= 1
    assert 0.0 < adams.confidence <= 1.0
    assert adams.mean == pytest.approx(sum(m.sentiment.score for m in adams.mentions) / 2)
    strongest = adams.sentiment_dict(TEXT)["strongest_negative"]
    assert strongest is not None
    assert any(e["text"] in ("slammed", "corrupt", "accused", "lying") for e in strongest["evidence"])
    for e in strongest["evidence"]:
        assert TEXT[e["start"] : e["end"]] == e["text"] and e["weight"] < 0
    assert baker.label == "neutral" and baker.n_evaluative == 0
    assert adams.sentiment_dict(TEXT)["strongest_positive"] is None


def test_document_batch_equals_scoring_each_mention_alone(analyzer: Analyzer) -> None:
    """portray_entities scores all mentions in one batch and explains only each actor's strongest
    positive and negative mention: the same as scoring each mention alone, with the same cues."""
    text = TEXT + " Baker praised the firefighters, and he thanked Adams for nothing."
    doc = analyzer.parse(text)
    data = _entities(
        text,
        doc,
        {
            "Adams": [("Senator Adams", False), ("He", True), ("Adams", False)],
            "Baker": [("Mayor Baker", False), ("Baker", False), ("he", True)],
            "firefighters": [("firefighters", False), ("firefighters", False)],
        },
    )
    portrayer = Portrayer(analyzer.resources)
    out = portrayer.portray_entities(doc, data)
    views = portrayer.views(doc)
    for ent in data.entities:
        portrayal = out[ent.id]
        strongest = {id(portrayal.strongest(1)), id(portrayal.strongest(-1))}
        assert len(portrayal.mentions) == len(ent.mentions)
        for got in portrayal.mentions:
            alone = portrayer.mention(doc, views, got.start, got.end, got.sentence, got.pronoun, explain=True)
            assert alone is not None and alone.cues == got.cues
            assert got.sentiment.label == alone.sentiment.label
            assert got.sentiment.probabilities == pytest.approx(alone.sentiment.probabilities, abs=1e-12)
            if id(got) in strongest:
                assert [(c.start, c.end, c.rule) for c in got.sentiment.cues] == [
                    (c.start, c.end, c.rule) for c in alone.sentiment.cues
                ]
            else:
                assert got.sentiment.cues == ()
    assert sum(bool(m.sentiment.cues) for p in out.values() for m in p.mentions) >= 2


def test_role_block_is_a_distribution_with_evidence_in_the_text(analyzer: Analyzer) -> None:
    doc = analyzer.parse(TEXT)
    data = _entities(TEXT, doc, {"firefighters": [("firefighters", False)], "Adams": [("Senator Adams", False)]})
    out = Portrayer(analyzer.resources).portray_entities(doc, data)
    for p in out.values():
        block = p.role_dict(TEXT)
        probs = block["narrative_role_probabilities"]
        assert block["narrative_role"] in ROLES
        assert sum(probs.values()) == pytest.approx(1.0, abs=1e-3)
        assert block["narrative_role"] == max(probs, key=probs.get)
        for e in block["narrative_role_evidence"]:
            assert TEXT[e["start"] : e["end"]] == e["text"] and e["weight"] > 0
    cues = {c.feature for m in out[0].mentions for c in m.cues}
    assert "help:agent" in cues  # the firefighters saved...


def test_no_mentions_is_neutral_none() -> None:
    p = Portrayer.__new__(Portrayer)
    p.roles = None
    empty = Portrayer.aggregate(p, [])
    assert empty.label == "neutral" and empty.role == "none" and empty.mentions == ()


def test_shipped_roles_model_checksum() -> None:
    data = json.loads(ROLES_FILE.read_text(encoding="utf-8"))
    model = RoleModel.from_dict(data)
    assert set(model.classes) == set(ROLES)
    assert data["cross_validation"]["f1"].keys() == set(ROLES)
    data["intercept"][0] += 0.5
    with pytest.raises(ModelError, match="SHA-256 mismatch"):
        RoleModel.from_dict(data)


def _articles() -> list[Article]:
    heroes = ["Greenpeace", "Doctors Without Borders", "Red Cross"]
    villains = ["Exxon", "Shell", "Chevron"]
    arts = []
    for i, (h, v) in enumerate(zip(heroes * 2, villains * 2)):
        text = (
            f"{v} polluted the river and destroyed the forest, critics said. "
            f"Farmers suffered as {v} dumped waste. "
            f"{h} helped the farmers and protected the river. "
            f"Local farmers were harmed by the waste."
        )
        arts.append(Article(str(i), text, ((h, "hero"), (v, "villain"), ("farmers", "victim")), i % 2 + 1))
    return arts


def test_role_training_on_made_up_articles(analyzer: Analyzer, tmp_path: Path) -> None:
    portrayer = Portrayer(analyzer.resources, roles=None)
    actors = [a for art in _articles() for a in actors_of(art, analyzer, portrayer)]
    labels = {a.label for a in actors}
    assert {"hero", "villain", "victim"} <= labels
    cv = cross_validate(actors, c=1.0, min_count=1, classes=tuple(r for r in ROLES if r in labels))
    assert cv["n"] == len(actors) and 0.0 <= cv["macro_f1"] <= 1.0
    model, settings = fit(actors, c=1.0, min_count=1)
    content = to_json(model, settings, cv)
    again = to_json(*fit(actors, c=1.0, min_count=1), cv)
    assert content == again  # deterministic
    reloaded = RoleModel.from_dict(content)
    hero = next(a for a in actors if a.label == "hero")
    assert reloaded.predict(hero.features)[0] == "hero"
    path = tmp_path / "roles.jsonl"
    path.write_text('{"id": "1", "text": "x", "entity_roles": [], "cv_test_fold": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"roles\.jsonl:2"):
        read_articles(path)
