"""Evaluating framing's scores and trained models against labelled data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.analyzer import Analyzer
from framing.cli import EXIT_OK, EXIT_USAGE, main
from framing.evaluate import (
    MISSING,
    TASKS,
    best_threshold,
    evaluate,
    evaluate_model,
    load_labelled,
    metrics,
    render_report,
)
from framing.models import ModelError
from framing.train import TrainConfig, train_model

OPINIONATED = [
    "It looks like this failed administration is about to waste millions on a shameful stunt.",
    "Only a fool would believe the radical left's latest scam.",
    "This is the most incompetent, disgraceful government in history.",
    "Frankly, the mayor's pathetic excuses insult every voter.",
    "The outrageous plan is a blatant power grab by corrupt elites.",
    "Sadly, these reckless extremists will stop at nothing.",
]
REPORTING = [
    "The council approved the budget on Tuesday, officials said.",
    "The company reported revenue of 3.2 billion dollars for the quarter.",
    "The meeting is scheduled for 10 a.m. on Friday, according to a statement.",
    "Police said two people were taken to a hospital.",
    "The bill passed the Senate by 52 votes to 48 on Wednesday.",
    "The ministry said the new rules take effect in March.",
]


def report_threshold(analyzer: Analyzer) -> float:
    return next(d for d in analyzer.dimensions if d.name == "editorial").model.threshold


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(dimensions=["attribution", "editorial", "frames"]).load()


@pytest.fixture()
def labelled(tmp_path: Path) -> Path:
    rows = [{"id": f"o{i}", "text": t, "label": 1, "outlet": "A" if i % 2 else "B"} for i, t in enumerate(OPINIONATED)]
    rows += [{"id": f"r{i}", "text": t, "label": 0, "outlet": "A" if i % 2 else "B"} for i, t in enumerate(REPORTING)]
    rows.append({"id": "nolabel", "text": "No label here.", "outlet": "A"})
    rows.append({"id": "blank", "text": "  ", "label": 1})
    return write_jsonl(tmp_path / "data.jsonl", rows)


def test_metrics_by_hand() -> None:
    m = metrics(["a", "a", "b", "b"], ["a", "b", "b", "b"], [0.9, 0.4, 0.3, 0.1], positive="a")
    assert m.confusion == ((1, 1), (0, 2))
    # F1(a) = 2*1/(2*1+1+0) = 2/3; F1(b) = 2*2/(2*2+0+1) = 4/5
    assert m.macro_f1 == pytest.approx((2 / 3 + 4 / 5) / 2)
    assert m.accuracy == 0.75
    assert m.roc_auc == 1.0  # both "a" texts score above both "b" texts
    assert metrics(["a", "b"], ["a", "a"], [0.5, 0.5], positive="a").roc_auc == 0.5


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("xyz"), st.sampled_from("xyz"), st.floats(0, 1)), min_size=1, max_size=30))
def test_property_metrics_are_consistent(rows: list[tuple[str, str, float]]) -> None:
    y = [r[0] for r in rows]
    p = [r[1] for r in rows]
    s = [r[2] for r in rows]
    m = metrics(y, p, s, positive="x")
    assert sum(map(sum, m.confusion)) == len(rows) == m.n
    assert 0.0 <= m.accuracy <= 1.0
    assert (m.macro_f1 is None) == (len(set(y)) == 1)
    assert m.macro_f1 is None or 0.0 <= m.macro_f1 <= 1.0
    diag = sum(m.confusion[i][i] for i in range(len(m.classes)))
    assert m.accuracy == pytest.approx(diag / len(rows))
    if m.roc_auc is not None:
        assert 0.0 <= m.roc_auc <= 1.0


def test_best_threshold_is_at_least_as_good_as_any_observed_score() -> None:
    from sklearn.metrics import f1_score

    y = [1, 1, 0, 1, 0, 0, 1, 0]
    s = [0.9, 0.7, 0.65, 0.6, 0.4, 0.3, 0.2, 0.1]
    t, f1 = best_threshold(y, s)
    for cut in s:
        pred = [int(v >= cut) for v in s]
        assert f1 >= f1_score(y, pred, average="macro") - 1e-12
    assert f1 == pytest.approx(f1_score(y, [int(v >= t) for v in s], average="macro"))


def test_load_labelled_skips_records_without_label_or_text(labelled: Path) -> None:
    data = load_labelled(labelled, "label")
    assert len(data.documents) == 12
    assert data.skipped == 2
    assert set(data.labels) == {"0", "1"}
    assert data.groups("outlet").count("A") == 6
    with pytest.raises(ValueError, match="no record has the label field 'stance'"):
        load_labelled(labelled, "stance")


def test_load_labelled_reads_csv(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "sentence", "label"])
        w.writerow(["1", "The council met on Tuesday.", "OBJ"])
        w.writerow(["2", "What a shameful disgrace.", "SUBJ"])
    data = load_labelled(path, "label", text_field="sentence")
    assert data.labels == ("OBJ", "SUBJ")


def test_bias_task_compares_the_editorial_score(labelled: Path, analyzer: Analyzer) -> None:
    data = load_labelled(labelled, "label")
    report = evaluate(data, task="bias", by="outlet", analyzer=analyzer)
    assert report.score == "editorial_sentence_mean" and report.positive == "1" and report.negative == "0"
    editorial = next(d for d in analyzer.dimensions if d.name == "editorial")
    assert report.threshold == editorial.model.threshold
    m = report.overall
    assert m.n == 12 and m.counts == {"0": 6, "1": 6}
    assert sum(map(sum, m.confusion)) == 12
    # the built-in score must rank these clear cases mostly right
    assert m.roc_auc is not None and m.roc_auc >= 0.8
    assert sum(report.group_sizes.values()) == 12
    assert set(report.groups) == {"A", "B"}
    text = render_report(report, data_name="data.jsonl")
    assert "ROC-AUC" in text and "by outlet:" in text and "true \\ predicted" in text
    assert json.loads(json.dumps(report.to_dict()))["overall"]["n"] == 12


def test_explicit_score_threshold_and_positive(labelled: Path, analyzer: Analyzer) -> None:
    data = load_labelled(labelled, "label")
    report = evaluate(data, task=None, score="loaded_per_100_words", threshold=0.0, positive="1", analyzer=analyzer)
    assert report.score == "loaded_per_100_words" and report.threshold == 0.0
    # with threshold 0 and ">=", every text is predicted positive
    assert report.overall.confusion == ((0, 6), (0, 6))
    with pytest.raises(ValueError, match="no active dimension gives the score 'nope'"):
        evaluate(data, task=None, score="nope", analyzer=analyzer)
    generic = evaluate(data, task=None, score="editorial", analyzer=analyzer)
    assert generic.positive == "1" and generic.threshold == report_threshold(analyzer)


def test_positive_label_must_be_clear(tmp_path: Path, analyzer: Analyzer) -> None:
    rows = [{"text": t, "label": lab} for t, lab in zip(OPINIONATED + REPORTING, ["red"] * 6 + ["blue"] * 6)]
    data = load_labelled(write_jsonl(tmp_path / "d.jsonl", rows), "label")
    with pytest.raises(ValueError, match="name it with --positive"):
        evaluate(data, task="bias", analyzer=analyzer)
    report = evaluate(data, task="bias", positive="red", analyzer=analyzer)
    assert report.positive == "red"
    three = load_labelled(write_jsonl(tmp_path / "t.jsonl", [*rows, {"text": "x y", "label": "green"}]), "label")
    with pytest.raises(ValueError, match="needs two label values"):
        evaluate(three, task="bias", analyzer=analyzer)


def test_subjectivity_positive_is_subj(tmp_path: Path, analyzer: Analyzer) -> None:
    rows = [{"sentence": t, "label": "SUBJ"} for t in OPINIONATED] + [
        {"sentence": t, "label": "OBJ"} for t in REPORTING
    ]
    data = load_labelled(write_jsonl(tmp_path / "c.jsonl", rows), "label", text_field="sentence")
    report = evaluate(data, task="subjectivity", analyzer=analyzer)
    assert report.positive == "SUBJ" and report.negative == "OBJ"


def test_frames_task_compares_labels(tmp_path: Path, analyzer: Analyzer) -> None:
    rows = [
        {"headline": "Unemployment rises as the economy slows and taxes climb", "frame": "Economic"},
        {"headline": "Court rules the gun law unconstitutional", "frame": "Legality"},
        {"headline": "Poll shows most voters back the plan", "frame": "Public opinion"},
        {"headline": "Lawmakers vote on the bill in Congress", "frame": "Politics"},
    ]
    data = load_labelled(write_jsonl(tmp_path / "f.jsonl", rows), "frame", text_field="headline")
    mapping = {"Economic": "economic", "Legality": "legality_constitutionality", "Politics": "political"}
    report = evaluate(data, task="frames", label_map=mapping, analyzer=analyzer)
    assert report.score == "label:frame" and report.positive is None
    assert report.overall.n == 4
    assert "economic" in report.overall.classes
    # "Public opinion" has no mapping: it is slugged and compared as public_opinion
    assert "public_opinion" in report.overall.counts


def test_evaluate_model_rejects_a_different_label_set(tmp_path: Path, labelled: Path) -> None:
    data = load_labelled(labelled, "label")
    result = train_model([d.text for d in data.documents], data.labels, TrainConfig(min_df=1), folds=0)
    report = evaluate_model(data, result.model, by="outlet")
    assert report.overall.n == 12 and report.positive == "1"
    assert report.overall.accuracy >= 0.9  # in-sample: the model has seen these texts
    rows = [{"text": t, "label": "maybe"} for t in REPORTING]
    other = load_labelled(write_jsonl(tmp_path / "o.jsonl", rows), "label")
    with pytest.raises(ModelError, match="different label set"):
        evaluate_model(other, result.model)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_evaluate_text_and_json(labelled: Path, tmp_path: Path) -> None:
    dims = ["--dimensions", "attribution,editorial"]
    code, out, err = run("evaluate", str(labelled), "--label-field", "label", "--by", "outlet", *dims)
    assert code == EXIT_OK, err
    assert out.startswith("task bias: editorial_sentence_mean; positive label '1'")
    assert "12 texts (0 6, 1 6); 2 skipped" in out
    report_path = tmp_path / "report.json"
    code, out, err = run(
        "evaluate", str(labelled), "--label-field", "label", "--format", "json", "-o", str(report_path), *dims
    )
    assert code == EXIT_OK, err
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["task"] == "bias" and report["overall"]["n"] == 12
    code, out, err = run("evaluate", str(labelled), "--label-field", "nope", *dims)
    assert code == EXIT_USAGE and "no record has the label field 'nope'" in err
    code, out, err = run("evaluate", str(labelled), "--label-field", "label", "--score", "nope", *dims)
    assert code == EXIT_USAGE and "nope" in err


def test_every_task_is_documented() -> None:
    assert set(TASKS) == {"bias", "subjectivity", "attribution", "frames"}
    assert all(t.description for t in TASKS.values())
    assert MISSING == "(missing)"


def test_macro_f1_of_a_group_with_one_class_is_shown_as_undefined(tmp_path: Path, analyzer: Analyzer) -> None:
    rows = [{"id": f"o{i}", "text": t, "label": 1, "outlet": "Opinions"} for i, t in enumerate(OPINIONATED)]
    rows += [{"id": f"r{i}", "text": t, "label": 0, "outlet": "Wire"} for i, t in enumerate(REPORTING)]
    rows += [
        {"id": f"m{i}", "text": t, "label": i % 2, "outlet": "Mixed"}
        for i, t in enumerate(REPORTING[:3] + OPINIONATED[:3])
    ]
    data = load_labelled(write_jsonl(tmp_path / "one_class.jsonl", rows), "label")
    report = evaluate(data, task="bias", by="outlet", analyzer=analyzer)
    assert report.groups["Opinions"] is not None and report.groups["Opinions"].macro_f1 is None
    assert report.groups["Wire"] is not None and report.groups["Wire"].macro_f1 is None
    assert report.groups["Mixed"] is not None and report.groups["Mixed"].macro_f1 is not None
    assert report.overall.macro_f1 is not None
    text = render_report(report)
    opinions = next(line for line in text.splitlines() if line.strip().startswith("Opinions"))
    assert opinions.split()[2:4] == ["n/a", "undefined"]
    assert report.to_dict()["groups"]["Wire"]["macro_f1"] is None
