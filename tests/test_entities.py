"""Entity types and the entities dimension: lookups by span, mentions, entities."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing import Analyzer
from framing.dimensions import REGISTRY
from framing.entities import EntitiesData, Entity, EntityMention


def _data(spans: list[tuple[int, int, int]]) -> EntitiesData:
    """Mentions from ``(start, end, entity)``; one entity per distinct id."""
    spans = sorted(spans)
    ids = sorted({e for _, _, e in spans})
    mentions = tuple(EntityMention(s, e, 0, "person", ids.index(k), False, True) for s, e, k in spans)
    entities = tuple(
        Entity(i, f"E{i}", "person", tuple(j for j, m in enumerate(mentions) if m.entity == i)) for i in range(len(ids))
    )
    return EntitiesData(mentions, entities)


def test_entities_is_registered_first() -> None:
    assert next(iter(REGISTRY)) == "entities"


def test_entity_at_prefers_longest_overlap() -> None:
    # "Pentagon press secretary John Kirby": Pentagon [0, 8), John Kirby [25, 35)
    data = _data([(0, 8, 0), (25, 35, 1)])
    assert data.entity_at(0, 35).name == "E1"
    assert data.entity_at(0, 5).name == "E0"
    assert data.entity_at(9, 24) is None
    assert [m.start for m in data.mentions_in(5, 30)] == [0, 25]
    assert data.mentions_in(8, 25) == ()


@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30), st.integers(0, 4)), max_size=20),
    st.integers(0, 230),
    st.integers(0, 40),
)
def test_mentions_in_matches_a_scan(raw: list[tuple[int, int, int]], start: int, width: int) -> None:
    data = _data([(s, s + w, e) for s, w, e in raw])
    end = start + width
    expected = tuple(m for m in data.mentions if m.start < end and start < m.end) if end > start else ()
    assert data.mentions_in(start, end) == expected
    found = data.entity_at(start, end)
    if not expected:
        assert found is None
    else:
        best = max(min(end, m.end) - max(start, m.start) for m in expected)
        assert any(data.entities[m.entity] is found and min(end, m.end) - max(start, m.start) == best for m in expected)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["entities"])


def test_dimension_gives_entities_data(analyzer: Analyzer) -> None:
    text = "Sen. Josh Hawley introduced legislation on Monday. Hawley said the bill would pass."
    parsed = analyzer.parse(text)
    out = analyzer.dimensions[0].score(parsed, {})
    data = out.data
    assert isinstance(data, EntitiesData)
    hawley = data.entity_at(text.index("Hawley said"), text.index("Hawley said") + 6)
    assert hawley is not None and hawley.name == "Josh Hawley" and hawley.type == "person"
    assert len(hawley.mentions) == 2
    for m in data.mentions:
        assert text[m.start : m.end].strip() == text[m.start : m.end]
        assert data.entities[m.entity].mentions.count(data.mentions.index(m)) == 1


# -- the examples that motivated the model -----------------------------------------------------------


def _entities(analyzer: Analyzer, text: str) -> dict[str, list[str]]:
    data = analyzer.dimensions[0].score(analyzer.parse(text), {}).data
    return {e.name: [text[m.start : m.end] for m in data.mentions_of(e.id)] for e in data.entities}


def test_nassar_and_phelps_are_found(analyzer: Analyzer) -> None:
    text = (
        "Former USA Gymnastics doctor Larry Nassar was sentenced on Wednesday to up to 175 years in prison. "
        "Nassar, 54, had pleaded guilty to sexual abuse. Michael Phelps praised the survivors. "
        "Phelps said the sport must change."
    )
    found = _entities(analyzer, text)
    assert found["Larry Nassar"] == ["Larry Nassar", "Nassar"]
    assert found["Michael Phelps"] == ["Michael Phelps", "Phelps"]
    assert "United States" not in found


def test_abbreviated_title_before_a_name(analyzer: Analyzer) -> None:
    for title in ("Sen.", "Senator", "Rep.", "Gov.", "Dr."):
        text = f"{title} Josh Hawley introduced legislation on Monday. Hawley said the bill was overdue."
        found = _entities(analyzer, text)
        assert found.get("Josh Hawley") == ["Josh Hawley", "Hawley"], (title, found)


def test_people_sharing_a_surname_stay_apart(analyzer: Analyzer) -> None:
    text = (
        "Ivanka Trump met the prime minister on Monday. President Donald Trump wrote about the meeting. "
        "Ms. Trump said she was pleased. Mr. Trump said he agreed. Ivanka later left for Paris."
    )
    found = _entities(analyzer, text)
    assert found["Ivanka Trump"] == ["Ivanka Trump", "Trump", "she", "Ivanka"]
    assert found["Donald Trump"] == ["Donald Trump", "Trump", "he"]


def test_no_fragment_or_role_actors(analyzer: Analyzer) -> None:
    text = (
        "Chief Marketing Officer Anna Lee said sales rose. Bruce N. Ames, the Communication Officer, said "
        "Generation Y buyers were cautious. Ames said Lee agreed."
    )
    found = _entities(analyzer, text)
    for bad in ("G", "Y", "Bruce N", "Marketing", "Marketing Officer", "Communication Officer"):
        assert bad not in found
    assert found["Anna Lee"] == ["Anna Lee", "Lee"]
    assert found["Bruce N. Ames"] == ["Bruce N. Ames", "Ames"]


def test_pronouns_resolve_by_sex_and_kind(analyzer: Analyzer) -> None:
    text = (
        "Democrats criticised the plan on Monday. Nancy Pelosi said she would not support it. "
        "Michael Phelps praised the survivors. He said the sport must change."
    )
    found = _entities(analyzer, text)
    assert "she" in found["Nancy Pelosi"]
    assert "He" in found["Michael Phelps"]
    assert all("she" not in ms for name, ms in found.items() if name != "Nancy Pelosi")


def test_acronym_and_short_form_join_the_organisation(analyzer: Analyzer) -> None:
    text = (
        "The National Rifle Association sued the state on Monday. The NRA said it would appeal. "
        "Harvard University said Harvard would not comment."
    )
    found = _entities(analyzer, text)
    assert found["National Rifle Association"][:2] == ["National Rifle Association", "NRA"]
    assert found["Harvard University"] == ["Harvard University", "Harvard"]


def test_user_actor_list_wins(analyzer: Analyzer) -> None:
    an = Analyzer(dimensions=["entities"], actors={"Acme Widgets": ["Acme"]})
    text = "Acme Widgets said profits rose. Regulators fined Acme on Tuesday."
    found = _entities(an, text)
    assert found["Acme Widgets"] == ["Acme Widgets", "Acme"]


def test_a_state_is_a_place_and_takes_no_he(analyzer: Analyzer) -> None:
    text = (
        "Health officials say it is Oregon's first pediatric case in decades. The boy was treated for "
        "two months. He recovered, and Oregon officials said he was lucky."
    )
    data = analyzer.dimensions[0].score(analyzer.parse(text), {}).data
    oregon = [e for e in data.entities if e.name == "Oregon"]
    assert oregon and oregon[0].type == "place"
    assert not any(m.pronoun for m in data.mentions_of(oregon[0].id))


def test_middle_initials_and_capitals_lines_name_the_same_person(analyzer: Analyzer) -> None:
    text = (
        "Solicitor General Elizabeth Prelogar told the court on Tuesday that the program was lawful. "
        "The justices questioned Prelogar at length.\n\n"
        "ORAL ARGUMENT OF GEN. ELIZABETH B. PRELOGAR ON BEHALF OF THE PETITIONERS\n\n"
        "Wikinews interviewed Mario J. Lucero on Monday. Lucero said the game was late."
    )
    found = _entities(analyzer, text)
    assert found["Elizabeth Prelogar"] == ["Elizabeth Prelogar", "Prelogar", "PRELOGAR"]
    assert found["Mario J. Lucero"] == ["Mario J. Lucero", "Lucero"]


def test_a_lone_letter_is_not_a_name(analyzer: Analyzer) -> None:
    text = "Plan B was approved. Learners of L2 English and L1 speakers met on Monday, and Plan B said so."
    found = _entities(analyzer, text)
    assert found and not [name for name in found if len(name) == 1]


def test_titles_party_tags_and_i_are_not_names(analyzer: Analyzer) -> None:
    text = (
        "Virginia Gov. Ralph Northam praised the vote. Rep. Alexandria Ocasio-Cortez, D-N.Y., said on Monday "
        "she would vote for it. Sen. Lisa Murkowski of Alaska agreed. I’m sure Northam will sign it, Murkowski said. "
        "The Democratic presidential contender and a Republican senator disagreed. "
        "Republican Alabama Gov. Kay Ivey and 18 of her 26 Republican counterparts waited."
    )
    found = _entities(analyzer, text)
    assert found["Ralph Northam"][:1] == ["Ralph Northam"] and "Northam" in found["Ralph Northam"]
    assert found["Lisa Murkowski"][:1] == ["Lisa Murkowski"] and "Murkowski" in found["Lisa Murkowski"]
    assert "Alexandria Ocasio-Cortez" in found
    for bad in ("Sen", "Gov", "Rep", "D-N.Y", "D-N", "I’m", "Virginia Gov. Ralph Northam", "Democratic", "Republican"):
        assert bad not in found, bad
    assert found["Kay Ivey"][:1] == ["Kay Ivey"] and "Republican Alabama" not in found
    assert "Alabama" in found and "Virginia" in found  # the office's state, a place


def test_an_abbreviated_month_is_a_date_not_a_name(analyzer: Analyzer) -> None:
    text = "If the city takes no action by Jan. 21, funding will be cut. The votes on Feb. 3 and Sept. 12 were close."
    found = _entities(analyzer, text)
    assert not {"Jan", "Feb", "Sept", "Jan.", "Feb.", "Sept."} & set(found)
