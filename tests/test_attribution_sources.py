"""Source types (named person, organisation, anonymous individual, vague group, document) and the
sourcing shares they feed."""

from __future__ import annotations

import pytest

from framing import Analyzer
from framing.attribution.types import SOURCE_TYPES


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["attribution"], language_check=False)


def _records(analyzer: Analyzer, text: str) -> list[dict]:
    analysis = analyzer.analyze(text)
    return [a.to_dict(analysis.text) for a in analysis.attributions]


def test_spokeswoman_with_her_name_is_a_named_person(analyzer: Analyzer) -> None:
    text = "Ryan's spokeswoman, AshLee Strong, said the speaker would not attend."
    (a,) = _records(analyzer, text)
    assert a["source_type"] == "person"
    assert a["speaker"] == "AshLee Strong"


def test_source_who_spoke_on_condition_of_anonymity_is_anonymous(analyzer: Analyzer) -> None:
    text = (
        "“The bill is dead,” said an industry lobbyist who spoke on the condition of anonymity "
        "because the talks were private."
    )
    recs = _records(analyzer, text)
    assert recs, "the attribution is found"
    assert recs[0]["source_type"] == "anonymous"
    assert "lobbyist" in recs[0]["source"]["text"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Critics", "vague"),
        ("Many Republicans", "vague"),
        ("Some", "vague"),
        ("A senior administration official", "anonymous"),
        ("Two people familiar with the talks", "anonymous"),
        ("A report released on Monday", "document"),
        ("The Kremlin", "organization"),
        ("Sen. Ann Lee", "person"),
    ],
)
def test_phrase_types(analyzer: Analyzer, source: str, expected: str) -> None:
    (a,) = _records(analyzer, f"{source} said the evacuation would begin soon.")
    assert a["source_type"] == expected
    assert a["source_type"] in SOURCE_TYPES


def test_anonymous_share_counts_only_anonymous_individuals(analyzer: Analyzer) -> None:
    text = (
        "Critics said the plan would fail. A senior official said the plan would work. "
        "Maria Lopez said the vote was close. Experts warned that costs would rise."
    )
    scores = analyzer.analyze(text).scores
    types = [a["source_type"] for a in _records(analyzer, text)]
    n = len(types)
    assert scores["anonymous_source_share"] == pytest.approx(types.count("anonymous") / n)
    assert scores["vague_source_share"] == pytest.approx(types.count("vague") / n)
    assert types.count("vague") >= 1 and types.count("anonymous") >= 1


def test_pronoun_speaker_through_coreference(analyzer: Analyzer) -> None:
    text = "Sen. Maria Lopez visited the plant on Monday. She said the jobs would stay in Ohio."
    recs = _records(analyzer, text)
    said = [a for a in recs if a["cue"]["text"] == "said"]
    assert said and said[0]["speaker"] == "Maria Lopez"
    assert said[0]["source_type"] == "person"
