"""Fast paths in the core and the dimensions give exactly what the plain computations give."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.analyzer import Analyzer
from framing.dimensions.sentiment import Sentiment
from framing.text import Token, tokenize

VADER_CASES = [
    "The rescue was a wonderful success.",
    "The attack was NOT a horrible disaster, but it was bad.",
    "It was kind of good, and very, VERY nice!!!",
    "She hardly liked it :) but never hated it :(",
    "The plan is sort of okay?  Maybe.",
    "  Leading and trailing spaces are stripped.  ",
    "I love it 😀 and the team 👍 too",
    "😡😡 Terrible.",
    "Without doubt the least bad option, no question.",
    "",
    "...",
]


@pytest.fixture(scope="module")
def sentiment() -> Sentiment:
    analyzer = Analyzer(dimensions=["sentiment"]).load()
    (dim,) = analyzer.dimensions
    assert isinstance(dim, Sentiment)
    return dim


@pytest.mark.parametrize("sentence", VADER_CASES)
def test_compound_equals_vader_polarity_scores(sentiment: Sentiment, sentence: str) -> None:
    expected = sentiment._vader.polarity_scores(sentence)["compound"]
    assert sentiment.compound(sentence) == expected


_WORDS = st.sampled_from(
    "good bad not very kind of but never no great terrible hardly sort extremely love hate the a "
    "GOOD BAD Nice ! ? . , :) :( 😀 👍 n't isn't without doubt least".split()
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=25), st.sampled_from([" ", "  ", " \t"]))
def test_compound_equals_vader_on_random_sentences(sentiment: Sentiment, words: list[str], sep: str) -> None:
    sentence = sep.join(words)
    assert sentiment.compound(sentence) == sentiment._vader.polarity_scores(sentence)["compound"]


_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abSsſK'’ .,-\n1İΣ")), max_size=60))
def test_tokens_keep_offsets_and_split_possessives_as_the_pattern_says(text: str) -> None:
    tokens = tokenize(text)
    for t in tokens:
        assert isinstance(t, Token)
        assert text[t.start : t.end] == t.text
        assert t.norm == t.text.lower().replace("’", "'")
        assert t.is_word == (t.kind != "punct" and t.norm != "'s")
    for a, b in pairwise(tokens):
        joined = text[a.start : b.end]
        if a.end == b.start and b.norm == "'s" and a.kind == "word" and len(b.text) == 2:
            assert _POSSESSIVE.search(joined)


def test_tokens_are_immutable_named_records() -> None:
    (tok,) = tokenize("word")
    assert (tok.start, tok.end, tok.text, tok.kind, tok.norm) == (0, 4, "word", "word", "word")
    with pytest.raises(AttributeError):
        tok.start = 1  # type: ignore[misc]


@pytest.fixture(scope="module")
def parser() -> Analyzer:
    return Analyzer(dimensions=[])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Mr. Smith said so.", "Yes!", "It rose 3.5%.", "\n\n", " ", "Why?", "Jan. 6"]),
        min_size=1,
        max_size=12,
    )
)
def test_sentence_of_is_the_sentence_containing_the_offset(parser: Analyzer, pieces: list[str]) -> None:
    text = "Body " + "".join(pieces)
    doc = parser.parse(text)
    for offset in range(-1, len(text) + 2):
        containing = [s.index for s in doc.sentences if s.start <= offset < s.end]
        assert doc.sentence_of(offset) == (containing[0] if containing else -1)


def test_attribution_source_memo_does_not_depend_on_what_was_read_before() -> None:
    from pathlib import Path

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    assert len(texts) >= 2
    forward = Analyzer(dimensions=["attribution"])
    backward = Analyzer(dimensions=["attribution"])
    ahead = [forward.analyze(t).to_dict() for t in texts]
    behind = [backward.analyze(t).to_dict() for t in reversed(texts)]
    assert ahead == behind[::-1]
    for text, record in zip(texts, ahead):
        assert Analyzer(dimensions=["attribution"]).analyze(text).to_dict() == record  # a fresh memo
