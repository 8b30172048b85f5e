"""Actors: records built from entities, alias merging, roles, salience, target sentiment; golden checks on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Analyzer, target_sentiment
from framing.dimensions.actors import CITEABLE_CUE_SOURCES, _citeable
from framing.target import TargetCue

SEEDS = {p.name[:3]: p for p in (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")}
LABELS = ("negative", "neutral", "positive")


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["actors"])


@pytest.fixture(scope="module")
def seeds(analyzer: Analyzer) -> dict[str, dict]:
    return {k: analyzer.analyze(p.read_text(encoding="utf-8"), id=k).to_dict() for k, p in SEEDS.items()}


def _named(actor: dict) -> list[dict]:
    return [m for m in actor["mentions"] if not m["pronoun"]]


def _actor(record: dict, name: str) -> dict:
    found = [a for a in record["actors"] if a["name"] == name]
    assert found, f"{name} missing; have {[a['name'] for a in record['actors']]}"
    return found[0]


# -- golden checks on the seeds ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["000", "001", "002"])
def test_seed_actors_include_the_main_players(seeds, seed: str) -> None:
    names = {a["name"] for a in seeds[seed]["actors"]}
    assert {"Joe Biden", "Vladimir Putin", "NATO", "Russia", "Ukraine"} <= names


def test_zelensky_spellings_merge(seeds) -> None:
    rec = seeds["001"]
    z = _actor(rec, "Volodymyr Zelensky")
    text = SEEDS["001"].read_text(encoding="utf-8")
    assert [text[m["start"] : m["end"]] for m in _named(z)] == ["Volodymyr Zelenskiy"]
    z2 = _actor(seeds["002"], "Volodymyr Zelensky")
    text2 = SEEDS["002"].read_text(encoding="utf-8")
    assert {text2[m["start"] : m["end"]] for m in _named(z2)} == {"Volodymyr Zelensky", "Zelensky"}
    assert all(text2[m["start"] : m["end"]].lower() in ("he", "his", "him") for m in z2["mentions"] if m["pronoun"])
    for rec in seeds.values():
        assert not any("Zelensk" in a["name"] and a["name"] != "Volodymyr Zelensky" for a in rec["actors"])


def test_biden_aliases_merge_and_mentions_are_counted(seeds) -> None:
    text = SEEDS["001"].read_text(encoding="utf-8")
    biden = _actor(seeds["001"], "Joe Biden")
    surfaces = [text[m["start"] : m["end"]] for m in _named(biden)]
    assert "Joe Biden" in surfaces and "Biden" in surfaces
    assert biden["n_named_mentions"] == len(_named(biden)) == text.count("Biden")
    assert biden["n_mentions"] == biden["n_named_mentions"] + biden["n_pronoun_mentions"] == len(biden["mentions"])
    assert biden["sentiment"]["n"] == biden["n_mentions"]


def test_accused_nato_is_negative_toward_nato(seeds) -> None:
    text = SEEDS["001"].read_text(encoding="utf-8")
    start = text.index("accused NATO") + len("accused ")
    assert target_sentiment(text, start, start + 4)["label"] == "negative"
    nato = _actor(seeds["001"], "NATO")
    strongest = nato["sentiment"]["strongest_negative"]
    assert strongest is not None
    assert any(e["text"] == "accused" for e in strongest["evidence"])
    assert nato["sentiment"]["label"] == "negative"


def test_quoted_sources_get_roles_and_words(seeds) -> None:
    sullivan = _actor(seeds["001"], "Jake Sullivan")
    assert sullivan["role"] in ("quoted", "both")
    assert sullivan["n_quoted_words"] > 0
    for rec in seeds.values():
        for a in rec["actors"]:
            assert a["role"] in ("quoted", "talked_about", "both")
            if a["role"] == "talked_about":
                assert a["n_quoted_words"] == 0


def test_title_pattern_people_and_last_name_merge(seeds) -> None:
    kahl = _actor(seeds["001"], "Colin Kahl")
    assert kahl["type"] == "person"
    text0 = SEEDS["000"].read_text(encoding="utf-8")
    muraviev = _actor(seeds["000"], "Alexey Muraviev")
    assert muraviev["n_named_mentions"] == text0.count("Muraviev")
    _actor(seeds["000"], "Curtin University")
    # a demonym is not a mention of the country
    text2 = SEEDS["002"].read_text(encoding="utf-8")
    russia = _actor(seeds["002"], "Russia")
    assert all(text2[m["end"] : m["end"] + 10] != " President" for m in russia["mentions"])


def test_records_are_json_shaped(seeds) -> None:
    for key, rec in seeds.items():
        text = SEEDS[key].read_text(encoding="utf-8")
        counts = [a["n_mentions"] for a in rec["actors"]]
        assert counts == sorted(counts, reverse=True)
        for a in rec["actors"]:
            assert set(a) >= {"name", "type", "mentions", "n_mentions", "sentiment", "role", "n_quoted_words"}
            assert set(a["sentiment"]) >= {"mean", "label", "n", "strongest_positive", "strongest_negative"}
            assert -1.0 <= a["sentiment"]["mean"] <= 1.0 and a["sentiment"]["label"] in LABELS
            for m in a["mentions"]:
                assert 0 <= m["start"] < m["end"] <= len(text)
                assert text[m["start"] : m["end"]].strip() == text[m["start"] : m["end"]]
        for e in rec["evidence"]:
            if e["dimension"] == "actors":
                assert e["label"] in ("toward_negative", "toward_positive")
                assert text[e["start"] : e["end"]] == e["text"]
                # evidence items are lexicon entries, one per span: never a bare word feature or a sentence
                assert e["rule"].partition(":")[0] in CITEABLE_CUE_SOURCES, e
                assert e["end"] - e["start"] < 40, e
        assert rec["scores"]["n_actors"] == len(rec["actors"])
        assert 0.0 <= rec["scores"]["quoted_actor_share"] <= 1.0


# -- user actors ------------------------------------------------------------------------------------


def test_user_actor_list_with_aliases() -> None:
    an = Analyzer(dimensions=["actors"], actors={"Acme Widgets": ["Acme", "the widget maker"], "Joe Biden": ["POTUS"]})
    text = (
        "Acme Widgets said profits rose. Regulators fined Acme for misleading buyers. "
        "POTUS praised the widget maker on Friday. Biden spoke later."
    )
    rec = an.analyze(text).to_dict()
    acme = _actor(rec, "Acme Widgets")
    assert acme["n_mentions"] == 3
    assert [text[m["start"] : m["end"]] for m in acme["mentions"]] == ["Acme Widgets", "Acme", "the widget maker"]
    biden = _actor(rec, "Joe Biden")
    assert biden["n_mentions"] == 2 and biden["type"] == "person"
    assert acme["sentiment"]["n_negative"] >= 1 and acme["sentiment"]["n_positive"] >= 1


def test_speaker_is_the_entity_heading_the_source() -> None:
    an = Analyzer(dimensions=["actors"])
    text = (
        "Pentagon press secretary John Kirby said the troops were ready. "
        "The Pentagon has sent more equipment. Kirby added that he expected more."
    )
    rec = an.analyze(text).to_dict()
    kirby = _actor(rec, "John Kirby")
    assert kirby["role"] in ("quoted", "both") and kirby["n_attributions"] >= 2
    assert _actor(rec, "Pentagon")["n_attributions"] == 0


def test_salience_headline_and_lede() -> None:
    an = Analyzer(dimensions=["actors"])
    text = (
        "Nassar sentenced after hearing\n\n"
        "Former gymnastics doctor Larry Nassar was sentenced on Wednesday. Nassar, 54, had pleaded guilty.\n\n"
        "Michael Phelps praised the survivors. Phelps said the sport must change."
    )
    rec = an.analyze(text).to_dict()
    nassar = _actor(rec, "Larry Nassar")
    phelps = _actor(rec, "Michael Phelps")
    assert nassar["salience"]["in_headline"] and nassar["salience"]["in_lede"]
    assert not phelps["salience"]["in_headline"] and not phelps["salience"]["in_lede"]
    assert nassar["salience"]["first_offset"] == 0
    shares = [a["salience"]["mention_share"] for a in rec["actors"]]
    assert abs(sum(shares) - 1.0) < 1e-6
    assert nassar["salience"]["mention_share"] >= phelps["salience"]["mention_share"]


# -- target sentiment -------------------------------------------------------------------------------

CASES = [
    ("Ukraine accused Russia of shelling the plant.", "Russia", "negative"),
    ("Ukraine accused Russia of shelling the plant.", "Ukraine", "neutral"),
    ("NATO was accused by Moscow of encircling Russia.", "NATO", "negative"),
    ("NATO was accused by Moscow of encircling Russia.", "Moscow", "neutral"),
    ("Ukraine was invaded by Russia in 2022.", "Russia", "negative"),
    ("Ukraine was invaded by Russia in 2022.", "Ukraine", "neutral"),
    ("Zelensky thanked Biden for his unwavering support.", "Biden", "positive"),
    ("Zelensky thanked Biden for his unwavering support.", "Zelensky", "neutral"),
    ("The committee praised Estonia for its pioneering digital government.", "Estonia", "positive"),
    ("Trump said the trial was a witch hunt.", "Trump", "neutral"),
    ("Critics say TikTok poses a threat to national security.", "TikTok", "negative"),
    ("The incompetent Home Office lost thousands of files.", "Home Office", "negative"),
    ("Investigators found that Biden had done nothing wrong.", "Biden", "positive"),
    ("Spain deployed warships to the region.", "Spain", "neutral"),
    ("Western governments condemned Russia's brutal assault on civilian areas.", "Russia", "negative"),
]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(CASES), min_size=1, max_size=6))
def test_actor_mentions_and_evidence_inside_text(analyzer: Analyzer, cases) -> None:
    text = " ".join(c[0] for c in cases)
    rec = analyzer.analyze(text).to_dict()
    for a in rec["actors"]:
        for m in a["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)
    for e in rec["evidence"]:
        assert text[e["start"] : e["end"]] == e["text"]


def test_citeable_evidence_sums_a_lexicon_entry_once_and_drops_word_and_sentence_features() -> None:
    cues = [
        TargetCue(10, 16, -0.58, "mpqa-:s", "subjectivity_clues:fail"),
        TargetCue(10, 16, -0.36, "lex-:R2", "vader:failed"),
        TargetCue(10, 16, -0.33, "lex-:s", "vader:failed"),
        TargetCue(20, 25, -0.56, "w:about", "word"),
        TargetCue(0, 60, -1.13, "sum:s", "sentence"),
        TargetCue(30, 37, 0.40, "lex+:R1", "vader:praised"),
    ]
    negative = _citeable(cues, -1)
    assert negative == pytest.approx({(10, 16, "subjectivity_clues:fail"): -0.58, (10, 16, "vader:failed"): -0.69})
    assert _citeable(cues, 1) == pytest.approx({(30, 37, "vader:praised"): 0.40})


def test_every_mention_listed_with_whether_it_counts_toward_the_label(analyzer: Analyzer) -> None:
    text = (
        "Acme Widgets opened a factory in Ohio. It was accused of poisoning the river. "
        "Senator Ruth Baker praised the workers. She said they were brave."
    )
    rec = analyzer.analyze(text).to_dict()
    for a in rec["actors"]:
        assert len(a["mentions"]) == a["n_mentions"] == a["sentiment"]["n"]
        assert a["sentiment"]["n_counted"] == sum(m["counts"] for m in a["mentions"])
        for m in a["mentions"]:
            form = text[m["start"] : m["end"]].lower()
            assert m["counts"] == (not m["pronoun"] or form in ("he", "him", "his", "himself", "she", "her", "herself"))
            assert m["sentiment"] in LABELS
        for key in ("strongest_positive", "strongest_negative"):
            best = a["sentiment"][key]
            if best is not None:
                assert next(m for m in a["mentions"] if m["start"] == best["start"])["counts"]
