"""The lexicon file format, its validating loader, inflections, the matcher and user overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Analyzer
from framing.lexicon import Lexicon, LexiconError, Matcher, inflect, load_lexicon, merge_lexicons
from framing.text import tokenize

HEADER = "term\tcategory\tweight\tforms\tcase\n"


def metadata(name: str = "test_lex", **extra: str) -> str:
    fields = {"name": name, "version": "1.0.0", "language": "en", "license": "CC0-1.0", "source": "Test (2024)."}
    fields.update(extra)
    return "".join(f"# {k}: {v}\n" for k, v in fields.items() if v is not None)


def write(tmp_path: Path, body: str, *, name: str = "test_lex", file: str | None = None, **meta: str) -> Path:
    path = tmp_path / (file or f"{name}.tsv")
    path.write_text(metadata(name, **meta) + body, encoding="utf-8")
    return path


def lexicon(tmp_path: Path, rows: list[str], *, name: str = "test_lex", **meta: str) -> Lexicon:
    return load_lexicon(write(tmp_path, HEADER + "".join(r + "\n" for r in rows), name=name, **meta))


def hits(matcher: Matcher, text: str) -> list[tuple[str, str, str]]:
    """(surface, lexicon, term) of every match."""
    return [(text[m.start : m.end], m.lexicon, m.term) for m in matcher.find(text, tokenize(text))]


# ---- format and loader -----------------------------------------------------------------------


def test_valid_file_loads_with_metadata_and_entries(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "term\tcategory\tweight\tforms\tcase\n"
        "appear to\thedge\t0.8\t@verb\n"
        "\n"
        "perhaps\thedge\n"
        "# a comment after the header\n"
        "US\tplace\t2\tU.S.|United States\ts\n",
        description="test words",
    )
    lx = load_lexicon(path)
    assert (lx.name, lx.version, lx.language, lx.license, lx.source) == (
        "test_lex",
        "1.0.0",
        "en",
        "CC0-1.0",
        "Test (2024).",
    )
    assert lx.kind == "terms" and lx.metadata["description"] == "test words" and lx.path == str(path)
    assert [e.term for e in lx.entries] == ["appear to", "perhaps", "US"]
    appear, perhaps, us = lx.entries
    assert appear.weight == 0.8 and appear.forms[0] == "appear to" and "appeared to" in appear.forms
    assert perhaps.weight == 1.0 and perhaps.forms == ("perhaps",) and not perhaps.case_sensitive
    assert us.case_sensitive and us.forms == ("US", "U.S.", "United States") and us.line == 12
    assert lx.categories() == ("hedge", "place")
    assert lx.terms("hedge") >= {"appear to", "appears to", "perhaps"} and "us" in lx.terms()


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom_lex.tsv"
    text = metadata("bom_lex") + HEADER + "claim\treport\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    lx = load_lexicon(path)
    assert lx.entries[0].term == "claim" and lx.entries[0].category == "report"


@pytest.mark.parametrize("missing", ["name", "version", "language", "license", "source"])
def test_missing_metadata_names_file_and_line(tmp_path: Path, missing: str) -> None:
    path = write(tmp_path, HEADER + "claim\treport\n", **{missing: None})
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert f"{path}:1: missing metadata '# {missing}: ...'" in str(err.value)


def test_empty_metadata_value_is_missing(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "claim\treport\n", license="")
    with pytest.raises(LexiconError, match=r"missing metadata '# license"):
        load_lexicon(path)


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("term\tcat\nclaim\treport\n", 6, "header needs columns term and category"),
        ("term\tcategory\tcolour\nclaim\treport\tred\n", 6, "unknown ['colour']"),
        (HEADER + "claim\treport\theavy\n", 7, "weight 'heavy' is not a number"),
        (HEADER + "claim\treport\tnan\n", 7, "weight 'nan' is not finite"),
        (HEADER + "claim\treport\tinf\n", 7, "weight 'inf' is not finite"),
        (HEADER + "claim\treport\t1\t@verbs\n", 7, "unknown inflection tag '@verbs'"),
        (HEADER + "claim\treport\t1\t\tx\n", 7, "case must be i or s"),
        (HEADER + "claim\treport\t1\t\ti\textra\n", 7, "6 fields but the header has 5"),
        (HEADER + "\treport\n", 7, "empty term"),
        (HEADER + "claim\t\n", 7, "empty category for 'claim'"),
        (
            HEADER + "claim\treport\nsay\treport\nClaim\treport\n",
            9,
            "duplicate entry 'Claim' (report), first on line 7",
        ),
        (HEADER + "don't\tneg\ndon’t\tneg\n", 8, "duplicate entry 'don’t' (neg), first on line 7"),
        ("", 1, "no header line"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    message = str(err.value)
    assert f"{path}:{line}: " in message and fragment in message, message
    assert all(row.startswith(f"{path}:") for row in message.splitlines())


def test_same_term_in_two_categories_is_not_a_duplicate(tmp_path: Path) -> None:
    lx = lexicon(tmp_path, ["claim\treport", "claim\tdoubt"])
    assert [(e.term, e.category) for e in lx.entries] == [("claim", "report"), ("claim", "doubt")]


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    # four metadata lines, the header on line 5; "a" on line 8 is no duplicate: line 6 was rejected
    path = write(tmp_path, HEADER + "a\tx\tbad\nb\tx\t1\t@nope\na\tx\n", source=None)
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    lines = str(err.value).splitlines()
    assert [row.split(": ", 1)[0] for row in lines] == [f"{path}:6", f"{path}:7", f"{path}:1"]


def test_bad_name_and_kind(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "claim\treport\n", name="Bad-Name", file="bad.tsv", kind="table")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert "must be lower_snake_case" in str(err.value) and "kind must be 'terms' or 'list'" in str(err.value)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read lexicon"):
        load_lexicon(tmp_path / "absent.tsv")
    path = tmp_path / "latin.tsv"
    path.write_bytes((metadata("latin") + HEADER + "caf\xe9\tx\n").encode("latin-1"))
    with pytest.raises(LexiconError, match=re.escape(str(path))):
        load_lexicon(path)


# ---- inflections --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "tag", "expected"),
    [
        ("claim", "verb", {"claims", "claimed", "claiming"}),
        ("admit", "verb", {"admits", "admitted", "admitting"}),
        ("deny", "verb", {"denies", "denied", "denying"}),
        ("allege", "verb", {"alleges", "alleged", "alleging"}),
        ("insist", "verb", {"insists", "insisted", "insisting"}),
        ("push", "verb", {"pushes", "pushed", "pushing"}),
        ("cast doubt on", "verb", {"casts doubt on", "casting doubt on"}),
        ("threat", "noun", {"threats"}),
        ("policy", "noun", {"policies"}),
        ("crash", "noun", {"crashes"}),
        ("media outlet", "noun", {"media outlets"}),
        ("big", "adj", {"bigger", "biggest"}),
        ("happy", "adj", {"happier", "happiest"}),
        ("large", "adj", {"larger", "largest"}),
        ("strong", "adj", {"stronger", "strongest"}),
    ],
)
def test_inflections(phrase: str, tag: str, expected: set[str]) -> None:
    forms = set(inflect(phrase, tag))
    assert expected <= forms, expected - forms
    assert phrase not in forms


def test_inflection_tags_in_a_file_expand_forms(tmp_path: Path) -> None:
    lx = lexicon(tmp_path, ["claim\treport\t1\t@verb", "threat\tdanger\t1\t@noun|menace", "bold\tstyle\t1\t@adj"])
    claim, threat, bold = lx.entries
    assert {"claim", "claims", "claimed", "claiming"} <= set(claim.forms)
    assert threat.forms == ("threat", "threats", "menace")
    assert {"bolder", "boldest"} <= set(bold.forms)


# ---- matcher -----------------------------------------------------------------------------


def test_word_boundaries_and_inflections(tmp_path: Path) -> None:
    m = Matcher([lexicon(tmp_path, ["claim\treport\t1\t@verb"])])
    text = "He proclaimed it, then claimed, claims, kept claiming, and CLAIM-ed reclaiming nothing: Claim."
    found = [h[0] for h in hits(m, text)]
    assert found == ["claimed", "claims", "claiming", "Claim"]


def test_multi_word_phrases_and_leftmost_longest(tmp_path: Path) -> None:
    m = Matcher(
        [lexicon(tmp_path, ["white house\tplace", "white\tcolour", "house\tplace", "white house press\tplace"])]
    )
    text = "The White House said the white house press office was white."
    assert hits(m, text) == [
        ("White House", "test_lex", "white house"),
        ("white house press", "test_lex", "white house press"),
        ("white", "test_lex", "white"),
    ]


def test_sentence_ranges_keep_every_phrase_inside_one_sentence(tmp_path: Path) -> None:
    m = Matcher([lexicon(tmp_path, ["officials told\treporting", "the most * ever\tsuperlative", "told\tverb"])])
    text = "Ask the officials\ntold them. It was the most\nhonest ever."
    tokens = tokenize(text)
    cut = [i + 1 for i, t in enumerate(tokens) if t.text in ("officials", ".", "most")]
    ranges = list(zip([0, *cut], [*cut, len(tokens)]))
    everywhere = [(text[x.start : x.end], x.term) for x in m.find(text, tokens)]
    inside = [(text[x.start : x.end], x.term) for x in m.find(text, tokens, ranges)]
    assert ("officials\ntold", "officials told") in everywhere
    assert ("the most\nhonest ever", "the most * ever") in everywhere
    assert inside == [("told", "told")]
    for x in m.find(text, tokens, ranges):
        assert any(a <= x.tok_start and x.tok_end <= b for a, b in ranges)


def test_wildcard_matches_exactly_one_token(tmp_path: Path) -> None:
    m = Matcher([lexicon(tmp_path, ["the most * in history\tsuperlative"])])
    assert [h[0] for h in hits(m, "It was the most corrupt in history.")] == ["the most corrupt in history"]
    assert hits(m, "the most in history") == []
    assert hits(m, "the most incompetent presidency in history") == []


def test_case_sensitive_entries(tmp_path: Path) -> None:
    m = Matcher([lexicon(tmp_path, ["US\tcountry\t1\t\ts", "Big * Co\tfirm\t1\t\ts", "aid\tthing"])])
    text = "US troops helped us. Big Oil Co and big oil co sent AID."
    assert [h[0] for h in hits(m, text)] == ["US", "Big Oil Co", "AID"]


def test_curly_and_straight_apostrophes(tmp_path: Path) -> None:
    m = Matcher([lexicon(tmp_path, ["don't\tneg", "Biden's\tpossessive\t1\t\ts", "won’t\tneg"])])
    text = "I don’t know; I don't care. Biden’s plan, biden's plan. It won't."
    assert [h[0] for h in hits(m, text)] == ["don’t", "don't", "Biden’s", "won't"]


def test_overlaps_across_lexicons_are_kept(tmp_path: Path) -> None:
    a = lexicon(tmp_path, ["strongly condemned\tloaded"], name="lex_a")
    b = lexicon(tmp_path, ["condemned\tverb", "strongly\tbooster"], name="lex_b")
    text = "The minister strongly condemned it."
    assert hits(Matcher([a, b]), text) == [
        ("strongly condemned", "lex_a", "strongly condemned"),
        ("strongly", "lex_b", "strongly"),
        ("condemned", "lex_b", "condemned"),
    ]


def test_same_term_in_two_categories_gives_two_matches(tmp_path: Path) -> None:
    lx = lexicon(tmp_path, ["claim\treport", "claim\tdoubt\t0.5"])
    found = Matcher([lx]).find("A claim.", tokenize("A claim."))
    assert sorted((m.category, m.weight) for m in found) == [("doubt", 0.5), ("report", 1.0)]
    assert all((m.tok_start, m.tok_end) == (1, 2) for m in found)


def test_list_lexicons_are_not_matched(tmp_path: Path) -> None:
    lx = lexicon(tmp_path, ["the\tfunction"], kind="list")
    assert lx.kind == "list" and lx.terms("function") == frozenset({"the"})
    assert Matcher([lx]).find("the end", tokenize("the end")) == []


@pytest.fixture(scope="module")
def property_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    rows = ["claim\treport\t1\t@verb", "white house\tplace", "the most * in history\tsuperlative", "US\tplace\t1\t\ts"]
    return Matcher([lexicon(tmp_path_factory.mktemp("prop"), rows, name="prop")])


words = st.sampled_from(["claim", "claims", "proclaimed", "white", "house", "the", "most", "in", "history", "US"])
separators = st.sampled_from([" ", ", ", ". ", "’s ", "\n", " — "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(words, separators), max_size=30))
def test_match_spans_are_inside_the_text_and_whole_tokens(
    property_matcher: Matcher, pairs: list[tuple[str, str]]
) -> None:
    text = "".join(w + s for w, s in pairs)
    toks = tokenize(text)
    for m in property_matcher.find(text, toks):
        assert 0 <= m.start < m.end <= len(text)
        assert (m.start, m.end) == (toks[m.tok_start].start, toks[m.tok_end - 1].end)
        assert text[m.start - 1 : m.start].isalnum() is False and text[m.end : m.end + 1].isalnum() is False


# ---- user lexicons: merging and the analyser --------------------------------------------------


def test_merge_adds_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "shipped").mkdir()
    (tmp_path / "user").mkdir()
    shipped = lexicon(tmp_path / "shipped", ["claim\treport", "say\treport", "deny\treport"], name="verbs")
    override = lexicon(tmp_path / "user", ["claim\treport\t0", "insist\treport\t2"], name="verbs", version="9")
    extra = lexicon(tmp_path / "user", ["giveaway\tloaded"], name="mine")
    merged = {lx.name: lx for lx in merge_lexicons([shipped], [override, extra])}
    assert set(merged) == {"verbs", "mine"}
    verbs = merged["verbs"]
    assert {e.term: e.weight for e in verbs.entries} == {"say": 1.0, "deny": 1.0, "claim": 0.0, "insist": 2.0}
    assert verbs.version == "1.0.0+9" and override.path in verbs.source
    replaced = lexicon(tmp_path / "user", ["only\treport"], name="verbs", mode="replace")
    (only,) = merge_lexicons([shipped], [replaced])
    assert [e.term for e in only.entries] == ["only"]


def test_analyzer_uses_user_lexicons(tmp_path: Path) -> None:
    user = write(tmp_path, HEADER + "giveaway\tloaded\t2\t@noun\n", name="my_loaded")
    analyzer = Analyzer(dimensions=[], lexicons=[user])
    assert "my_loaded" in analyzer.resources.lexicons
    parsed = analyzer.parse("Critics called it a giveaway. Two giveaways, in fact.")
    mine = parsed.matches_in("my_loaded")
    assert [parsed.text[m.start : m.end] for m in mine] == ["giveaway", "giveaways"]
    assert all(m.weight == 2.0 for m in mine)


def test_analyzer_user_lexicon_overrides_a_shipped_one(tmp_path: Path) -> None:
    base = Analyzer(dimensions=[]).resources.lexicon("english_function_words")
    user = write(tmp_path, HEADER + "zyzzyva\tfunction\n", name="english_function_words")
    merged = Analyzer(dimensions=[], lexicons=[str(user)]).resources.lexicon("english_function_words")
    assert "zyzzyva" in merged.terms() and merged.terms() >= base.terms()
    assert len(merged.entries) == len(base.entries) + 1


def test_analyzer_rejects_missing_and_invalid_user_lexicons(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"absent\.tsv"):
        Analyzer(dimensions=[], lexicons=[tmp_path / "absent.tsv"])
    bad = write(tmp_path, HEADER + "claim\treport\tx\n", name="bad_lex")
    with pytest.raises(LexiconError, match=re.escape(f"{bad}:7")):
        Analyzer(dimensions=[], lexicons=[bad]).resources  # noqa: B018
