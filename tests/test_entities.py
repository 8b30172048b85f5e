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
