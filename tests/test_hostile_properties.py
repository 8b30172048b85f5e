"""Properties over messy text: every evidence span lies inside its sentence, whatever the input."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import framing
from framing.analyzer import InputError

PIECES = [*"\"“”«»'`. ,!?;:\n—-()", "\n\n", "Great", "Fine", "said", "he", "Biden", "the", "plan", "very", "bad"]
PIECES += ["Mr.", "U.S.", "'s", "officials", "according to", "told", "Reuters", "not", "must", "terrible", "Trump"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join))
@example('"Great. Fine')  # an unclosed quote over two sentences is not a scare quote
@example("``U.S.U.S. `")
@example('.U.S.—»-very«`)he»\n-\nMr.he—Biden"veryGreat ')  # a dash cue in the sentence before its quote
@example("officials\ntold")  # a lexicon phrase never runs on across a sentence break
def test_every_evidence_span_lies_inside_its_sentence(text: str) -> None:
    try:
        a = framing.analyze(text)
    except InputError:
        return
    for e in a.evidence:
        assert 0 <= e.start <= e.end <= len(a.text)
        if e.sentence >= 0:
            s = a.sentences[e.sentence]
            assert s.start <= e.start and e.end <= s.end, (e, s)
