"""framing.stories: same-event articles grouped across outlets (TF-IDF similarity and dates)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.cli import EXIT_OK, main
from framing.stories import similarity, stories

# Three events, each told by three outlets in their own words, and two unrelated articles.
EVENTS = {
    "flood": [
        "Floodwaters swept through Dresden on Tuesday after the Elbe burst its banks, forcing 4,000 residents "
        "from their homes. Mayor Dirk Hilbert said rescue boats were working through the night.",
        "The Elbe overflowed in Dresden, and thousands of residents fled rising floodwaters. Mayor Hilbert "
        "called the flooding the worst in a decade as rescue boats reached stranded families.",
        "Rescue boats pulled families from flooded streets in Dresden, where the Elbe burst its banks. "
        "Residents blamed officials for slow warnings; Hilbert defended the evacuation of the floodwaters.",
    ],
    "tariff": [
        "The commerce ministry announced steel tariffs of 25 percent on imports from Norland, citing dumping. "
        "Norland's trade minister Aila Varto called the tariffs an act of economic aggression.",
        "Steel importers warned prices would rise after the ministry slapped 25 percent tariffs on Norland "
        "steel. Varto, Norland's trade minister, promised retaliation against the tariffs on steel.",
        "Norland vowed to retaliate against new steel tariffs. Trade minister Aila Varto said the dumping "
        "claims were invented; steel makers welcomed the tariffs on imports.",
    ],
    "strike": [
        "Nurses at St Bride's hospital walked out on Monday in a strike over staffing, the union said. "
        "Hospital managers cancelled surgeries as picket lines formed outside St Bride's.",
        "A nurses' strike shut wards at St Bride's hospital. The union demands more staffing; managers said "
        "surgeries were cancelled and urged nurses to end the strike.",
        "Picket lines of striking nurses ringed St Bride's hospital as the union pressed its staffing demands "
        "and hospital surgeries were postponed.",
    ],
}
OTHERS = [
    "The city orchestra opened its season with a Mahler symphony conducted by a young violinist turned maestro.",
    "A new species of beetle was described by entomologists working in the cloud forests of the Andes.",
]


def corpus() -> tuple[list[framing.Document], list[str]]:
    docs, truth = [], []
    outlets = ["Wire", "Daily", "Post"]
    for event, texts in EVENTS.items():
        for outlet, text in zip(outlets, texts):
            docs.append(framing.Document(f"{event}-{outlet}", text, {"outlet": outlet, "date": "2024-05-14"}))
            truth.append(event)
    for i, text in enumerate(OTHERS):
        docs.append(framing.Document(f"other-{i}", text, {"outlet": "Daily", "date": "2024-05-15"}))
        truth.append(f"other-{i}")
    order = [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8]  # interleave outlets and events
    return [docs[i] for i in order], [truth[i] for i in order]


def test_same_event_articles_share_a_story_across_outlets_and_others_do_not() -> None:
    docs, truth = corpus()
    labels = framing.stories(docs)
    assert len(labels) == len(docs)
    for i in range(len(docs)):
        for j in range(len(docs)):
            assert (labels[i] == labels[j]) == (truth[i] == truth[j]), (docs[i].id, docs[j].id)


def test_labels_are_numbered_in_order_of_first_appearance() -> None:
    docs, _ = corpus()
    labels = stories(docs)
    seen: list[str] = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    assert seen == [f"story-{i:d}" for i in range(1, len(seen) + 1)]
    assert stories(docs, prefix="s")[0] == "s1"


def test_dates_far_apart_make_the_same_words_different_stories() -> None:
    a, b = EVENTS["flood"][0], EVENTS["flood"][1]
    same_days = [framing.Document("a", a, {"date": "2024-05-14"}), framing.Document("b", b, {"date": "2024-05-16"})]
    a_year_apart = [framing.Document("a", a, {"date": "2023-05-14"}), framing.Document("b", b, {"date": "2024-05-14"})]
    month_only = [framing.Document("a", a, {"date": "2024-05"}), framing.Document("b", b, {"date": "2024-05-30"})]
    assert len(set(stories(same_days))) == 1
    assert len(set(stories(a_year_apart))) == 2
    assert len(set(stories(a_year_apart, max_days=None))) == 1
    assert len(set(stories(month_only))) == 1  # a month-only date may be any day of it
    assert similarity(a_year_apart)[0, 1] == 0.0


def test_texts_analyses_and_records_alike() -> None:
    docs, _ = corpus()
    analyses = [framing.analyze(d) for d in docs[:6]]
    records = [json.loads(json.dumps(a.to_dict())) for a in analyses]
    expected = stories(docs[:6])
    assert stories(analyses) == expected
    assert stories(records) == expected
    assert len(stories([d.text for d in docs[:6]])) == 6


def test_edge_cases_and_bad_arguments() -> None:
    assert stories([]) == []
    assert stories(["one lonely text"]) == ["story-1"]
    assert stories(["", "the of and"]) == ["story-1", "story-2"]
    with pytest.raises(ValueError, match="threshold"):
        stories(["a"], threshold=1.5)
    with pytest.raises(TypeError, match="expected a text"):
        stories([42])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([*EVENTS["flood"], *EVENTS["strike"], *OTHERS, ""]), max_size=8))
def test_one_label_per_document_and_identical_texts_share_one(texts: list[str]) -> None:
    labels = stories(texts)
    assert len(labels) == len(texts)
    for i, t in enumerate(texts):
        for j, u in enumerate(texts):
            if t == u and t.strip():
                assert labels[i] == labels[j]


def test_score_adds_a_story_to_each_record(tmp_path: Path) -> None:
    docs, truth = corpus()
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"id": d.id, "text": d.text, **d.meta}) + "\n" for d in docs), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert (
        main(["score", str(path), "--stories", "--format", "jsonl", "--dimensions", "readability"], out, err) == EXIT_OK
    )
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["meta"]["story"] for r in records] == stories(docs)
    assert len({r["meta"]["story"] for r in records}) == len(set(truth))
