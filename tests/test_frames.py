"""Issue frames: the lexicon, the scoring functions, one sentence per frame, and the seeds."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from framing.analyzer import Analyzer
from framing.dimensions.frames import (
    FRAME_NAMES,
    FRAMES,
    MIN_SENTENCE_WEIGHT,
    NONE,
    NONFRAME,
    SEMEVAL_LABELS,
    Frames,
    FramesData,
    frame_diversity,
    frame_shares,
    primary_frame,
    ranked_frames,
)
from framing.lexicon import _phrase_tokens, load_lexicon
from framing.resources import shipped_lexicon_dir

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
SUBSTANTIVE = tuple(f for f in FRAMES if f != "other")
MIN_CUES_PER_FRAME = 100


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["frames"])


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(shipped_lexicon_dir() / "issue_frames.tsv")


@pytest.fixture(scope="module")
def seeds(analyzer):
    return {p.name[:3]: analyzer.analyze(p.read_text(encoding="utf-8"), id=p.stem) for p in SEEDS}


# ---- the lexicon -----------------------------------------------------------------------------


def test_lexicon_has_provenance_and_only_frame_categories(lexicon):
    assert lexicon.name == "issue_frames"
    assert "Boydstun" in lexicon.source and "Card" in lexicon.source
    assert set(lexicon.categories()) <= set(FRAMES) | {NONFRAME}


def test_lexicon_has_hundreds_of_cues_for_every_substantive_frame(lexicon):
    for frame in SUBSTANTIVE:
        n = sum(e.category == frame for e in lexicon.entries)
        assert n >= MIN_CUES_PER_FRAME, (frame, n)


def test_lexicon_weights_are_in_range(lexicon):
    for e in lexicon.entries:
        if e.category == NONFRAME:
            assert e.weight == 0, e.term
        else:
            assert 0 < e.weight <= 1, e.term


def test_no_surface_form_is_listed_twice_in_one_frame(lexicon):
    seen: dict[tuple, str] = {}
    for e in lexicon.entries:
        for form in e.forms:
            key = (_phrase_tokens(form), e.category)
            assert key not in seen or seen[key] == e.term, (form, e.term, seen.get(key))
            seen[key] = e.term


def test_frame_tables_cover_every_frame():
    assert len(FRAMES) == 15 and FRAMES[-1] == "other"
    assert set(FRAME_NAMES) == set(FRAMES) == set(SEMEVAL_LABELS)


def test_every_score_is_declared(analyzer):
    result = analyzer.analyze("Troops crossed the border.")
    declared = set(Frames.SCORES)
    produced = set(result.scores) - {"n_words", "n_sentences"}
    assert produced == declared
    assert {f"frame_{f}" for f in FRAMES} <= declared


# ---- pure functions --------------------------------------------------------------------------


def test_primary_frame_needs_enough_weight_and_breaks_ties_in_codebook_order():
    assert primary_frame({}) == NONE
    assert primary_frame({"economic": MIN_SENTENCE_WEIGHT / 2}) == NONE
    assert primary_frame({"economic": 0.3, "political": 0.3}) == "economic"
    assert primary_frame({"political": 0.3, "economic": 0.3}) == "economic"
    assert primary_frame({"political": 0.9, "economic": 0.3}) == "political"


def test_frame_shares_average_the_sentences_parts():
    shares = frame_shares([{"economic": 1.0}, {"economic": 0.5, "political": 0.5}, {"morality": 0.1}])
    assert shares["economic"] == pytest.approx(0.75)
    assert shares["political"] == pytest.approx(0.25)
    assert shares["morality"] == 0.0  # that sentence is under the threshold
    assert math.fsum(shares.values()) == pytest.approx(1.0)
    assert set(shares) == set(FRAMES)


def test_frame_shares_are_zero_without_frame_bearing_sentences():
    assert set(frame_shares([{}, {"economic": 0.1}]).values()) == {0.0}
    assert set(frame_shares([]).values()) == {0.0}


def test_ranked_frames_order_and_tie_break():
    shares = {"economic": 0.4, "political": 0.4, "morality": 0.2, "health_safety": 0.0}
    assert ranked_frames(shares) == ["economic", "political", "morality"]
    assert ranked_frames(shares, {"political": 3, "economic": 10}) == ["political", "economic", "morality"]


def test_frame_diversity_bounds():
    assert frame_diversity(dict.fromkeys(FRAMES, 0.0)) == 0.0
    assert frame_diversity({"economic": 1.0}) == 0.0
    assert frame_diversity({f: 1 / len(SUBSTANTIVE) for f in SUBSTANTIVE}) == pytest.approx(1.0)
    assert (
        0.0
        < frame_diversity({"economic": 0.9, "political": 0.1})
        < frame_diversity({"economic": 0.5, "political": 0.5})
    )


# ---- one plain sentence per frame -------------------------------------------------------------

FRAME_SENTENCES = {
    "economic": "The tax increase will cost small businesses millions of dollars in lost revenue.",
    "capacity_resources": "Hospitals are running out of beds and the county lacks the staff to cope.",
    "morality": "Critics said the policy is immoral and a sin against human dignity.",
    "fairness_equality": "The new rules discriminate against women and widen the pay gap.",
    "legality_constitutionality": "The Supreme Court ruled that the law is unconstitutional.",
    "policy_prescription": "Lawmakers proposed a bill that would ban the practice and require new regulations.",
    "crime_punishment": "Police arrested the suspect, who was charged with murder and held in jail.",
    "security_defense": "Troops massed on the border as the military prepared for an invasion.",
    "health_safety": "Doctors warned that the outbreak of the disease is a public health emergency.",
    "quality_of_life": "Long commutes and the lack of affordable housing hurt residents' quality of life.",
    "cultural_identity": "The festival is part of the nation's cultural heritage and identity.",
    "public_opinion": "A new poll found that most Americans support the measure.",
    "political": "Republicans and Democrats traded blame ahead of the midterm elections.",
    "external_regulation": "Diplomats said the treaty would damage the country's reputation abroad.",
}


@pytest.mark.parametrize("frame", SUBSTANTIVE)
def test_a_plain_sentence_gets_its_frame(analyzer, frame):
    result = analyzer.analyze(FRAME_SENTENCES[frame])
    assert result.sentences[0].labels["frame"] == frame
    assert result.labels["frame"] == frame
    assert result.scores[f"frame_{frame}"] > 0.5
    assert result.sentences[0].scores["frame_confidence"] > 0.5


def test_a_sentence_without_cues_has_no_frame(analyzer):
    result = analyzer.analyze("He went to the shop and bought some bread.")
    assert result.labels == {"frame": NONE, "frame_secondary": NONE}
    assert result.sentences[0].labels["frame"] == NONE
    assert result.scores["frames_coverage"] == 0.0
    assert all(result.scores[f"frame_{f}"] == 0.0 for f in FRAMES)


def test_idioms_block_the_cue_inside_them(analyzer):
    result = analyzer.analyze("They will pay a heavy price for this, and he is in charge of it.")
    assert result.evidence_for(dimension="frames") == []
    assert result.labels["frame"] == NONE


def test_evidence_names_the_cue_and_its_frame(analyzer):
    text = "The sanctions hurt the economy. Voters punished the party in the election."
    result = analyzer.analyze(text)
    evidence = result.evidence_for(dimension="frames")
    assert evidence
    for ev in evidence:
        assert ev.label in FRAMES
        assert ev.rule.startswith("issue_frames:")
        assert ev.weight > 0
        sentence = result.sentences[ev.sentence]
        assert sentence.start <= ev.start < ev.end <= sentence.end
    words = {(text[e.start : e.end].lower(), e.label) for e in evidence}
    assert ("economy", "economic") in words
    assert ("election", "political") in words
    assert [s.labels["frame"] for s in result.sentences] == ["economic", "political"]


def test_frames_data_is_passed_downstream(analyzer):
    parsed = analyzer.parse("Troops crossed the border. The poll moved.")
    out = next(d for d in analyzer.dimensions if d.name == "frames").score(parsed, {})
    assert isinstance(out.data, FramesData)
    assert out.data.sentence_frames == ("security_defense", "public_opinion")
    assert out.data.shares["security_defense"] == pytest.approx(0.5)


def test_user_lexicon_can_add_cues_for_other(tmp_path):
    extra = tmp_path / "issue_frames.tsv"
    extra.write_text(
        "# name: issue_frames\n# version: 0.1\n# language: en\n# license: CC0-1.0\n# source: test\n"
        "term\tcategory\tweight\nzorblax\tother\t1\n",
        encoding="utf-8",
    )
    result = Analyzer(dimensions=["frames"], lexicons=[extra]).analyze("The zorblax is here.")
    assert result.labels["frame"] == "other"
    assert result.scores["frame_other"] == 1.0


def test_a_lexicon_with_an_unknown_category_is_refused(tmp_path):
    extra = tmp_path / "issue_frames.tsv"
    extra.write_text(
        "# name: issue_frames\n# version: 0.1\n# language: en\n# license: CC0-1.0\n# source: test\n"
        "term\tcategory\tweight\nzorblax\tsports\t1\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="sports"):
        Analyzer(dimensions=["frames"], lexicons=[extra]).analyze("The zorblax is here.")


# ---- golden tests on the seeds -----------------------------------------------------------------


def test_seeds_are_about_security_and_defense(seeds):
    for key, result in seeds.items():
        assert result.labels["frame"] == "security_defense", key
        shares = {f: result.scores[f"frame_{f}"] for f in FRAMES}
        assert shares["security_defense"] > 0.5, key
        assert shares["security_defense"] == max(shares.values()), key
        assert math.fsum(shares.values()) == pytest.approx(1.0)


def test_seeds_second_frame_is_diplomacy(seeds):
    # Allies, embassies, summits and foreign ministers: external relations come second.
    for key, result in seeds.items():
        assert result.labels["frame_secondary"] == "external_regulation", key


def _sentence_with(result, needle: str) -> int:
    return next(s.index for s in result.sentences if needle in result.sentence_text(s.index))


def test_sanction_passages_are_economic(seeds):
    for key in ("001", "002"):
        result = seeds[key]
        assert result.scores["frame_economic"] > 0
        i = _sentence_with(result, "economic sanctions")
        labels = {e.label for e in result.evidence_for(i, "frames") if "sanctions" in result.text[e.start : e.end]}
        assert "economic" in labels, key
    # Seed 002: the sanctions sentence is primarily economic; seed 001's also masses troops and
    # invades, so it stays with security.
    assert seeds["002"].sentences[_sentence_with(seeds["002"], "economic sanctions")].labels["frame"] == "economic"
    assert seeds["001"].sentences[_sentence_with(seeds["001"], "economic sanctions")].labels["frame"] == (
        "security_defense"
    )


def test_seed_sentences_with_a_clear_frame(seeds):
    s000, s001 = seeds["000"], seeds["001"]
    assert s000.sentences[_sentence_with(s000, "diplomatic efforts")].labels["frame"] == "external_regulation"
    assert s000.sentences[_sentence_with(s000, "German Foreign Minister")].labels["frame"] == "external_regulation"
    assert s000.sentences[_sentence_with(s000, "Javelin antitank")].labels["frame"] == "security_defense"
    assert s001.sentences[_sentence_with(s001, "Bipartisan Infrastructure Law")].labels["frame"] == "political"
    # The reporter's biography is page furniture, set aside before analysis; the sign-off bears no frame.
    assert not any("Amy Cheng is" in s000.sentence_text(s.index) for s in s000.sentences)
    assert any(s000.text[f.start : f.end].startswith("Amy Cheng is") for f in s000.set_aside)
    assert s001.sentences[_sentence_with(s001, "contributed to this report")].labels["frame"] == NONE


def test_heavy_price_is_not_economic_in_seed_000(seeds):
    result = seeds["000"]
    i = _sentence_with(result, "heavy price")
    assert result.sentences[i].labels["frame"] == NONE
    assert not result.evidence_for(i, "frames")
