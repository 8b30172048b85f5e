"""The quote-mark scanner jumps between candidates with a regex; it must find what a plain walk finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framing import quotes


def walk_every_character(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The reference: visit each character in turn, exactly as the rules are stated."""
    out = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in quotes._OPEN or ch in quotes._CLOSE or ch == quotes._STRAIGHT:
            out.append((i, 1, quotes._role(text, i, lo, hi)))
        elif ch in quotes._DOUBLED and i + 1 < hi and text[i + 1] == ch and (i + 2 >= hi or text[i + 2] != ch):
            role = "open" if ch == "`" else quotes._role_doubled(text, i, lo, hi)
            if role != "none":
                out.append((i, 2, role))
                i += 2
                continue
        i += 1
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab '`\"“”«»„.,\n", max_size=60), st.data())
def test_scanner_matches_a_walk_over_every_character(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert quotes._marks(text, lo, hi) == walk_every_character(text, lo, hi)


def test_doubled_marks_and_runs_of_three() -> None:
    text = "He said ``it is over'' and '''then''' left."
    assert quotes._marks(text, 0, len(text)) == walk_every_character(text, 0, len(text))
    assert [(i, n) for i, n, _ in quotes._marks(text, 0, len(text))][:2] == [(8, 2), (20, 2)]
