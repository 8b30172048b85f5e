"""Page furniture is set aside before analysis: never a sentence, an actor or a speaker, and listed."""

from __future__ import annotations

import pytest

from framing import Analyzer

BODY = "Senator Jane Smith said the bill would pass. Her office declined to comment further on Tuesday."

FURNITURE = [
    "Sign up for the new US morning briefing",
    "FILE PHOTO: U.S. President Donald Trump speaks to reporters at the White House in Washington.",
    "READ: Trump says Mueller probe is over",
    "MORE: Today's Maddowblog",
    "Related: Experts Have Found the Truth About Vaccines",
    "Getty Images Image caption Bruce Nolan said the flood was the worst he had seen",
    "Media playback is unsupported on your device",
    "Image copyright Reuters",
    "CLICK HERE TO GET THE FOX NEWS APP",
    "Follow Penny Starr on Twitter.",
    "By Noel Randewich",
    "(Reporting by Noel Randewich Editing by Nick Zieminski)",
    "The Associated Press contributed to this report.",
    "Download the NBC News app for full coverage of the coronavirus outbreak",
    "Get the msnbc newsletter. This site is protected by recaptcha",
    "Advertisement",
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["attribution", "actors"])


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_is_set_aside(analyzer: Analyzer, line: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{BODY}"
    parsed = analyzer.parse(text)
    start = text.index(line)
    end = start + len(line)
    assert all(s.end <= start or s.start >= end for s in parsed.sentences)
    assert parsed.furniture and all(start <= f.start and f.end <= end for f in parsed.furniture)
    rec = analyzer.analyze(text).to_dict()
    for aside in rec["set_aside"]:
        assert text[aside["start"] : aside["end"]] == aside["text"] and aside["reason"].startswith("furniture:")
    for actor in rec["actors"]:
        assert all(m["end"] <= start or m["start"] >= end for m in actor["mentions"]), actor["name"]
    for att in rec["attributions"]:
        for part in [att["source"], att["cue"], *att["content"]]:
            if part is not None:
                assert part["end"] <= start or part["start"] >= end
    assert rec["n_sentences"] == 4


def test_author_note_only_near_the_end(analyzer: Analyzer) -> None:
    note = "John Binder is a reporter for Breitbart News."
    early = analyzer.parse(f"{note}\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\n{BODY}")
    assert not early.furniture
    late = analyzer.parse(f"{BODY}\n\n{BODY}\n\n{note}")
    assert [f.reason for f in late.furniture] == ["furniture:author_note"]


def test_an_author_note_takes_the_rest_of_its_paragraph(analyzer: Analyzer) -> None:
    note = (
        "Amy Cheng is a breaking-news reporter for The Washington Post in its Seoul hub. Before joining"
        " The Post in October 2021, she worked as a news producer for NPR in Beijing. Twitter"
    )
    text = f"{BODY}\n\n{BODY}\n\n{note}"
    parsed = analyzer.parse(text)
    start = text.index(note)
    assert [text[s.start : s.end] for s in parsed.sentences if s.end > start] == []
    assert {f.reason for f in parsed.furniture} == {"furniture:author_note"}
    assert min(f.start for f in parsed.furniture) == start and max(f.end for f in parsed.furniture) == len(text)
    # A long paragraph that opens like a note is body text past its first sentence.
    long_tail = " ".join(["The reporter covered the council meeting on Tuesday night."] * 12)
    kept = analyzer.parse(f"{BODY}\n\n{BODY}\n\nJohn Binder is a reporter for Breitbart News. {long_tail}")
    assert [f.reason for f in kept.furniture] == ["furniture:author_note"]


@pytest.mark.parametrize(
    "sentence",
    [
        "More than half of voters said they were undecided.",
        "Advertisements for the product ran for weeks.",
        "By wearing their jerseys inside out, the players protested.",
        "Following the protest, fans changed their profile pictures.",
        "Reward points let users sign up for the app.",
        "Related stories ran in several papers.",
        "By any definition,\u00a0Donald Trump is a disgusting fraud!",  # took exponential time in the byline rule
    ],
)
def test_body_sentences_are_kept(analyzer: Analyzer, sentence: str) -> None:
    parsed = analyzer.parse(f"{BODY}\n\n{sentence}")
    assert not parsed.furniture
    assert len(parsed.sentences) == 3


def test_nothing_set_aside_in_plain_text(analyzer: Analyzer) -> None:
    rec = analyzer.analyze(BODY).to_dict()
    assert rec["set_aside"] == []
