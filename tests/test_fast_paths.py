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


def _reference_find(lexicons: list, tokens: list[Token]) -> list[tuple]:
    """Every lexicon's leftmost-longest, non-overlapping hits, by trying every entry at every token."""
    from framing.lexicon import WILDCARD, _phrase_tokens

    n = len(tokens)
    out = []
    for lx in lexicons:
        blocked = 0
        for i in range(n):
            best_len, best = 0, []
            for entry in lx.entries:
                for form in entry.forms:
                    phrase = _phrase_tokens(form)
                    surface = [t.text.replace("’", "'") for t in tokenize(form)]
                    if i + len(phrase) > n:
                        continue
                    window = tokens[i : i + len(phrase)]
                    if not all(p == WILDCARD or p == t.norm for p, t in zip(phrase, window)):
                        continue
                    if entry.case_sensitive and not all(
                        s == WILDCARD or t.text.replace("’", "'") == s for s, t in zip(surface, window)
                    ):
                        continue
                    if len(phrase) > best_len:
                        best_len, best = len(phrase), [entry]
                    elif len(phrase) == best_len and entry not in best:
                        best.append(entry)
            if best and i >= blocked:
                blocked = i + best_len
                for entry in best:
                    start, end = tokens[i].start, tokens[i + best_len - 1].end
                    out.append((start, end, i, i + best_len, lx.name, entry.term, entry.category, entry.weight))
    return sorted(out)


_VOCAB = ["a", "b", "c", "A", "B", "*", "a's"]
_FORM = st.lists(st.sampled_from(["a", "b", "c", "A", "*"]), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(_FORM, st.lists(_FORM, max_size=2), st.booleans()), min_size=1, max_size=5),
        min_size=1,
        max_size=3,
    ),
    st.lists(st.sampled_from(_VOCAB), max_size=14),
)
def test_matcher_finds_what_trying_every_entry_finds(spec: list, words: list[str]) -> None:
    from framing.lexicon import Entry, Lexicon, Matcher

    lexicons = []
    for k, rows in enumerate(spec):
        entries, seen = [], set()
        for term, extra, case in rows:
            if term.lower() in seen or term == "*":
                continue
            seen.add(term.lower())
            forms = tuple(dict.fromkeys([term, *(f for f in extra if f != "*")]))
            entries.append(Entry(term, f"cat{len(entries) % 2}", 1.0 + len(entries), forms, case))
        lexicons.append(Lexicon(f"lex{k}", "1", "en", "CC0", "test", tuple(entries)))
    text = " ".join(words)
    tokens = tokenize(text)
    found = Matcher(lexicons).find(text, tokens)
    assert sorted(tuple(m) for m in found) == _reference_find(lexicons, tokens)
    assert [(m.start, m.lexicon) for m in found] == sorted((m.start, m.lexicon) for m in found)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(['"', "“", "”", "'", "‘", "’", "He said ", "it ", "was, ", "fine. ", "\n\n", "``", "''", "x"]),
        min_size=1,
        max_size=30,
    )
)
def test_quote_index_of_tokens_matches_a_token_by_token_scan(pieces: list[str]) -> None:
    from framing.attribution.extract import _Doc

    analyzer = _attribution_analyzer()
    text = "Lead " + "".join(pieces) + " end."
    doc = analyzer.parse(text)
    (dim,) = [d for d in analyzer.dimensions if d.name == "attribution"]
    index = _Doc(doc, dim.config)
    quote_of_tok, open_mark, close_mark = [-1] * len(doc.tokens), {}, {}
    quotes = list(doc.quotes)
    qi = 0
    for k, t in enumerate(doc.tokens):
        while qi < len(quotes) and quotes[qi].end <= t.start:
            qi += 1
        if qi >= len(quotes):
            continue
        q = quotes[qi]
        if q.inner_start <= t.start and t.end <= q.inner_end:
            quote_of_tok[k] = qi
        elif q.start <= t.start < q.inner_start:
            open_mark[k] = qi
        elif q.closed and q.inner_end <= t.start < q.end:
            close_mark[k] = qi
    assert index.quote_of_tok == quote_of_tok
    assert index.open_mark == open_mark
    assert index.close_mark == close_mark


_ATTRIBUTION: list[Analyzer] = []


def _attribution_analyzer() -> Analyzer:
    if not _ATTRIBUTION:
        _ATTRIBUTION.append(Analyzer(dimensions=["attribution"]).load())
    return _ATTRIBUTION[0]
