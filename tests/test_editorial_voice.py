"""Voice ranges: the interval index answers exactly what a scan over every range answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.analyzer import Analyzer
from framing.editorial.signals import QUOTED, REPORTED, WRITER, Intervals, Voice

_range = st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda t: (t[0], t[0] + t[1]))


def _naive_overlap(ranges: list[tuple[int, int]], start: int, end: int) -> int:
    """Characters of ``[start, end)`` covered by the union of ``ranges``, one character at a time."""
    covered = set()
    for s, e in ranges:
        covered.update(range(s, e))
    return sum(1 for c in range(start, end) if c in covered)


@settings(max_examples=300, deadline=None)
@given(st.lists(_range, max_size=12), st.lists(_range, min_size=1, max_size=12))
def test_overlap_equals_a_character_count_over_the_union(ranges: list[tuple[int, int]], queries: list) -> None:
    index = Intervals(ranges)
    for start, end in queries:
        assert index.overlap(start, end) == _naive_overlap(ranges, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(_range, max_size=12), st.lists(st.tuples(st.integers(0, 20), st.integers(0, 15)), max_size=20))
def test_sweep_equals_overlap_for_ranges_in_text_order(ranges: list[tuple[int, int]], steps: list) -> None:
    """Tokens: in text order, not overlapping (each starts at or after the previous one's end)."""
    queries = []
    at = 0
    for gap, length in steps:
        at += gap
        queries.append((at, at + length))
        at += length
    index = Intervals(ranges)
    assert index.sweep(queries) == [_naive_overlap(ranges, s, e) for s, e in queries]


def test_ranges_are_merged_and_empty_ones_dropped() -> None:
    index = Intervals([(5, 9), (0, 3), (3, 4), (8, 12), (20, 20)])
    assert index.ranges == ((0, 4), (5, 12))
    assert index.overlap(2, 7) == 4
    assert index.overlap(12, 20) == 0


def test_token_voices_in_one_pass_equal_the_voice_of_each_token() -> None:
    text = (
        "The senator said the radical bill would destroy the economy. “It is a disaster,” she told reporters,"
        " calling it “reckless.” According to aides, the plan is dead. Critics want the bill gone.\n\n"
        "“We will fight,” he said. The “so-called” reform passed."
    )
    analyzer = Analyzer(dimensions=["editorial"])
    dims = {d.name: d for d in analyzer.dimensions}
    doc = analyzer.parse(text)
    data = dims["attribution"].score(doc, {}).data
    voice = Voice(doc, data, dims["editorial"].tables.speech_cues)
    voices = voice.of_tokens(doc.tokens)
    assert voices == [voice.of(t.start, t.end) for t in doc.tokens]
    assert {WRITER, REPORTED, QUOTED} <= set(voices)
