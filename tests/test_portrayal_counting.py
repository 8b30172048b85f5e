"""Which mentions may carry an actor's portrayal label: names, descriptions and he/she pronouns do;
it/its/they/their/them are kept, scored and counted, but do not decide the label; a label needs a
named mention evaluated with its sign."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Analyzer
from framing.entities import EntitiesData, Entity, EntityMention
from framing.portrayal import TRUSTED_PRONOUNS, MentionPortrayal, Portrayer, may_carry_label
from framing.target import TargetResult


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=("entities",))


@pytest.fixture(scope="module")
def portrayer(analyzer: Analyzer) -> Portrayer:
    return Portrayer(analyzer.resources)


def _res(label: str, p: float) -> TargetResult:
    """A mention result of ``label`` with probability ``p`` (the rest split over the other two)."""
    rest = (1.0 - p) / 2
    probs = {"negative": rest, "neutral": rest, "positive": rest}
    probs[label] = p
    triple = (probs["negative"], probs["neutral"], probs["positive"])
    return TargetResult(label, triple[2] - triple[0], 0.0, (), triple)


def _mention(
    i: int, label: str, p: float, pronoun: bool = False, counts: bool = True, distinct: bool = True
) -> MentionPortrayal:
    return MentionPortrayal(10 * i, 10 * i + 3, i, pronoun, _res(label, p), (), counts, distinct)


def test_forms_that_may_carry_a_label() -> None:
    for form in ("he", "His", "she", "HER", "himself"):
        assert may_carry_label(form, True)
    for form in ("it", "Its", "they", "their", "them"):
        assert not may_carry_label(form, True)
    assert may_carry_label("the company", False) and may_carry_label("It", False)
    assert all(f == f.lower() for f in TRUSTED_PRONOUNS)


def test_untrusted_pronoun_is_kept_but_does_not_decide(portrayer: Portrayer) -> None:
    mentions = [
        _mention(0, "neutral", 0.9),
        _mention(1, "negative", 0.95, pronoun=True, counts=False),
        _mention(2, "negative", 0.95, pronoun=True, counts=False),
    ]
    p = portrayer.aggregate(mentions)
    assert len(p.mentions) == 3  # nothing vanishes
    assert p.n_evaluative == 2 and p.n_negative == 2  # still counted as evaluated mentions
    assert p.mean < -0.5  # the mean over all mentions keeps them
    assert p.n_counted == 1 and p.label_mean == pytest.approx(mentions[0].sentiment.score)
    assert p.label == "neutral"
    assert p.strongest(-1) is None  # the strongest mention shown is one that may carry the label
    d = p.sentiment_dict("x" * 40)
    assert d["n"] == 3 and d["n_counted"] == 1 and d["n_evaluative"] == 2 and d["strongest_negative"] is None


def test_label_needs_a_named_mention_of_its_sign(portrayer: Portrayer) -> None:
    only_pronoun = [_mention(0, "neutral", 0.6), *(_mention(i, "negative", 0.95, pronoun=True) for i in (1, 2, 3))]
    assert portrayer.aggregate(only_pronoun).label == "neutral"
    named = [_mention(0, "negative", 0.9), *(_mention(i, "negative", 0.95, pronoun=True) for i in (1, 2, 3))]
    p = portrayer.aggregate(named)
    assert p.label == "negative" and p.n_counted == 4
    best = p.strongest(-1)
    assert best is not None and best.counts


def test_label_needs_a_mention_that_singles_the_actor_out(portrayer: Portrayer) -> None:
    """Mentions whose sentences give every actor the same label (the sentence's tone) keep their
    scores but cannot make the label alone."""
    shared = [_mention(i, "negative", 0.9, distinct=False) for i in range(3)]
    p = portrayer.aggregate(shared)
    assert p.label == "neutral" and p.n_negative == 3 and p.mean < 0
    assert portrayer.aggregate([*shared, _mention(3, "negative", 0.9)]).label == "negative"


def test_distinct_in_a_document(analyzer: Analyzer, portrayer: Portrayer) -> None:
    text = "Senator Jones and Mayor Baker met on Monday. Senator Jones praised Mayor Baker."
    doc = analyzer.parse(text)
    forms = {"Jones": ["Senator Jones", "Senator Jones"], "Baker": ["Mayor Baker", "Mayor Baker"]}
    ms = []
    for eid, fs in enumerate(forms.values()):
        pos = 0
        for form in fs:
            start = text.index(form, pos)
            pos = start + len(form)
            ms.append((start, pos, eid))
    ms.sort()
    mentions = tuple(EntityMention(a, b, doc.sentence_of(a), "person", e, False, True) for a, b, e in ms)
    ents = tuple(
        Entity(eid, name, "person", tuple(i for i, m in enumerate(mentions) if m.entity == eid))
        for eid, name in enumerate(forms)
    )
    out = portrayer.portray_entities(doc, EntitiesData(mentions, ents))
    for eid in (0, 1):
        for m in out[eid].mentions:
            other = [x for x in out[1 - eid].mentions if x.sentence == m.sentence]
            assert m.distinct == (not other or any(x.sentiment.label != m.sentiment.label for x in other))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(("negative", "neutral", "positive")),
            st.floats(0.4, 1.0),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_label_rests_on_mentions_that_count(
    portrayer: Portrayer, rows: list[tuple[str, float, bool, bool, bool]]
) -> None:
    """Whatever the mentions, a positive or negative label has a named, distinct mention of that sign
    that counts, its strongest mention counts, and changing mentions that do not count never changes
    the label."""
    mentions = [
        _mention(i, lab, p, pronoun=pron or not counts, counts=counts, distinct=distinct)
        for i, (lab, p, pron, counts, distinct) in enumerate(rows)
    ]
    p = portrayer.aggregate(mentions)
    assert len(p.mentions) == len(mentions)
    if p.label != "neutral":
        sign = 1 if p.label == "positive" else -1
        assert any(m.counts and m.distinct and not m.pronoun and m.sentiment.label == p.label for m in mentions)
        best = p.strongest(sign)
        assert best is not None and best.counts
    flipped = [
        m if m.counts else _mention(i, "negative" if m.sentiment.label != "negative" else "positive", 0.99, True, False)
        for i, m in enumerate(mentions)
    ]
    assert portrayer.aggregate(flipped).label == p.label


def test_document_it_and_they_listed_but_not_counted(analyzer: Analyzer, portrayer: Portrayer) -> None:
    text = (
        "Acme Corp opened a new office in the city on Monday. "
        "Critics said it was a corrupt, disgraceful and dishonest scheme that harmed families. "
        "Senator Jones praised the excellent new office. "
        "He said it was a wonderful gift."
    )
    doc = analyzer.parse(text)
    spans = {"Acme": [("Acme Corp", False), ("it", True)], "Jones": [("Senator Jones", False), ("He", True)]}
    ms = []
    for eid, forms in enumerate(spans.values()):
        pos = 0
        for form, pronoun in forms:
            start = text.index(form, pos)
            pos = start + len(form)
            ms.append((start, pos, eid, pronoun))
    ms.sort()
    mentions = tuple(EntityMention(a, b, doc.sentence_of(a), "person", e, p, not p) for a, b, e, p in ms)
    ents = tuple(
        Entity(
            eid,
            name,
            "organization" if eid == 0 else "person",
            tuple(i for i, m in enumerate(mentions) if m.entity == eid),
        )
        for eid, name in enumerate(spans)
    )
    out = portrayer.portray_entities(doc, EntitiesData(mentions, ents))
    acme, jones = out[0], out[1]
    assert [m.counts for m in acme.mentions] == [True, False]
    assert [m.counts for m in jones.mentions] == [True, True]
    assert acme.n_counted == 1 and len(acme.mentions) == 2
    it = acme.mentions[1]
    if it.sentiment.label == "negative":  # scored and listed, but not the label's evidence
        assert acme.strongest(-1) is not it
    if acme.label != "neutral":
        assert acme.mentions[0].sentiment.label == acme.label
