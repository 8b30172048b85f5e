"""Training on your own labels, the JSON model file, and loading it safely."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import framing
from framing.cli import EXIT_OK, EXIT_USAGE, main
from framing.models import SCHEMA, FramingModel, ModelError, canonical_hash, load_model
from framing.train import TrainConfig, choose_positive, normalize_label, train_model

ROOT = Path(__file__).resolve().parent.parent

OPINION = [
    "{who} is a {bad} disaster and everyone knows it.",
    "This {bad} {thing} is the worst idea in history.",
    "Frankly, the {thing} is {bad} and shameful.",
    "Only a fool would trust {who} with the {thing}.",
    "The {bad} {thing} proves that {who} has utterly failed us.",
]
REPORT = [
    "The {org} said on {day} that the {thing} would cost {n} million dollars.",
    "{who} told reporters the {thing} was approved by {n} votes.",
    "According to the {org}, the {thing} takes effect on {day}.",
    "The {thing} was announced at a meeting of the {org} on {day}.",
    "Officials said {n} people attended the hearing about the {thing}.",
]
FILL = {
    "who": ["the mayor", "the governor", "Senator Smith", "the minister", "the council chair"],
    "bad": ["disgraceful", "ridiculous", "pathetic", "reckless", "absurd"],
    "thing": ["budget", "tax plan", "housing bill", "transit project", "school reform"],
    "org": ["city council", "finance ministry", "state agency", "election board", "county office"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "n": ["12", "40", "250", "3", "18"],
}


def synthetic(n_per_class: int = 30, seed: int = 7) -> tuple[list[str], list[str]]:
    """Opinion and report sentences from templates with random fills, shuffled."""
    rng = random.Random(seed)
    rows = []
    for label, templates in (("opinion", OPINION), ("report", REPORT)):
        for i in range(n_per_class):
            t = templates[i % len(templates)]
            text = t.format(**{k: rng.choice(v) for k, v in FILL.items()})
            rows.append((text[0].upper() + text[1:], label))
    rng.shuffle(rows)
    return [r[0] for r in rows], [r[1] for r in rows]


@pytest.fixture(scope="module")
def trained() -> framing.train.TrainResult:
    texts, labels = synthetic()
    return train_model(texts, labels, TrainConfig(min_df=1), folds=3, seed=0)


@pytest.fixture(scope="module")
def saved(trained: framing.train.TrainResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trained.model.save(tmp_path_factory.mktemp("model") / "model.json")


NEW_TEXTS = [
    "This reckless housing bill is a disgrace.",
    "The election board said on Monday that 40 people applied.",
    "Ok.",
    "",
]


def test_training_separates_the_synthetic_classes(trained: framing.train.TrainResult) -> None:
    cv = trained.cv
    assert cv is not None and cv.folds == 3
    assert cv.macro_f1_mean >= 0.9
    assert cv.roc_auc is not None and min(cv.roc_auc) >= 0.9
    assert sum(map(sum, cv.confusion)) == 60
    model = trained.model
    assert model.classes == ("opinion", "report")
    assert model.positive_label == "opinion"
    assert model.unit == "sentence"
    assert model.predict(["The mayor is a pathetic disaster and everyone knows it."]) == ["opinion"]
    assert model.predict(["The county office said on Friday that the budget would cost 12 million dollars."]) == [
        "report"
    ]


def test_the_file_is_plain_json_with_the_documented_fields(saved: Path) -> None:
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    assert data["framing_version"] == framing.__version__
    assert data["classes"] == ["opinion", "report"]
    assert data["label_field"] == "label"
    assert data["sha256"] == canonical_hash(data)
    assert len(data["feature_names"]) == len(data["classifier"]["coef"][0])
    assert len(data["tfidf"]["terms"]) == len(data["tfidf"]["idf"])
    assert data["training"]["n"] == 60
    assert data["training"]["cv"]["folds"] == 3
    assert not saved.read_bytes().startswith(b"\x80"), "never a pickle"


def test_reload_in_process_scores_identically(trained: framing.train.TrainResult, saved: Path) -> None:
    again = load_model(saved)
    assert np.array_equal(again.predict_proba(NEW_TEXTS), trained.model.predict_proba(NEW_TEXTS))
    assert again.predict(NEW_TEXTS) == trained.model.predict(NEW_TEXTS)


def test_reload_in_a_fresh_process_scores_identically(trained: framing.train.TrainResult, saved: Path) -> None:
    code = (
        "import json, sys, framing\n"
        "m = framing.load_model(sys.argv[1])\n"
        "print(json.dumps(m.predict_proba(json.loads(sys.argv[2])).tolist()))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(saved), json.dumps(NEW_TEXTS)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    fresh = np.array(json.loads(out.stdout))
    assert np.array_equal(fresh, trained.model.predict_proba(NEW_TEXTS))


def _rewrite(src: Path, dst: Path, change, rehash: bool) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(src.read_text(encoding="utf-8"))
    change(data)
    if rehash:
        data["sha256"] = canonical_hash(data)
    dst.write_text(json.dumps(data), encoding="utf-8")
    return dst


def _rename_feature(data: dict, j: int, name: str) -> None:
    data["features"]["names"][j] = name
    data["feature_names"][j] = name


def _set(path: list[str], value: object):  # type: ignore[no-untyped-def]
    def change(data: dict) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "rehash", "message"),
    [
        (lambda d: d["classifier"]["coef"][0].__setitem__(0, 9.0), False, "SHA-256 mismatch"),
        (_set(["classes"], ["opinion", "news"]), False, "SHA-256 mismatch"),
        (_set(["framing_version"], "9.0.0"), True, "wrong version: trained with framing 9.0.0"),
        (_set(["schema"], "framing.model/2"), True, "unsupported model format 'framing.model/2'"),
        (_set(["schema"], "something.else/1"), True, "not a framing model file"),
        (lambda d: d.pop("sha256"), False, "no SHA-256 checksum"),
        (lambda d: _rename_feature(d, 0, "lexicon:no_such_lexicon:x"), True, "missing features"),
        (lambda d: d["features"]["mean"].pop(), True, "one value per feature"),
        (_set(["classes"], ["only"]), True, "at least two distinct labels"),
    ],
)
def test_tampered_or_mismatched_files_are_rejected_in_one_line(
    saved: Path, tmp_path: Path, change, rehash: bool, message: str
) -> None:  # type: ignore[no-untyped-def]
    bad = _rewrite(saved, tmp_path / "bad.json", change, rehash)
    with pytest.raises(ModelError, match=message) as info:
        load_model(bad)
    assert "\n" not in str(info.value)


def test_not_json_and_missing_files_are_rejected(tmp_path: Path) -> None:
    import pickle

    pkl = tmp_path / "model.pkl"
    pkl.write_bytes(pickle.dumps({"schema": SCHEMA}))
    with pytest.raises(ModelError, match="not a framing model file"):
        load_model(pkl)
    with pytest.raises(ModelError, match="cannot read model file"):
        load_model(tmp_path / "nope.json")


def test_a_different_label_set_is_rejected(trained: framing.train.TrainResult) -> None:
    trained.model.check_labels(["opinion", "report", "opinion"])
    with pytest.raises(ModelError, match="different label set") as info:
        trained.model.check_labels(["opinion", "satire"])
    assert "'satire'" in str(info.value)


def test_a_model_with_a_user_lexicon_needs_that_lexicon(tmp_path: Path) -> None:
    lex = tmp_path / "spin_words.tsv"
    lex.write_text(
        "# name: spin_words\n# version: 1.0.0\n# language: en\n# license: CC0-1.0\n# source: test list\n"
        "term\tcategory\tweight\nshameful\tspin\t1\ndisaster\tspin\t1\n",
        encoding="utf-8",
    )
    texts, labels = synthetic(10)
    result = train_model(texts, labels, TrainConfig(min_df=1, lexicons=(str(lex),)), folds=0)
    assert "lexicon:spin_words:spin" in result.model.feature_names
    path = result.model.save(tmp_path / "m.json")
    with pytest.raises(ModelError, match=r"missing features: .*lexicon:spin_words:spin"):
        load_model(path)
    ok = load_model(path, lexicons=[str(lex)])
    assert np.array_equal(ok.predict_proba(texts[:3]), result.model.predict_proba(texts[:3]))


def test_contributions_add_up_to_the_logit(trained: framing.train.TrainResult) -> None:
    model = trained.model
    for text in NEW_TEXTS[:3]:
        toward, offset, items = model.contributions(text)
        assert toward == "opinion"
        z = model.decision_function([text])[0]
        logit_opinion = -z  # two classes: the decision function is toward classes[1] ("report")
        assert offset + sum(e.contribution for e in items) == pytest.approx(logit_opinion, abs=1e-9)
        top = model.explain(text, top=3)
        assert len(top) <= 3
        assert [abs(e.contribution) for e in top] == sorted((abs(e.contribution) for e in top), reverse=True)
        for e in top:
            assert e.toward == ("opinion" if e.contribution > 0 else "report")
            for a, b in e.spans:
                assert 0 <= a < b <= len(text)
                if e.feature.startswith("ngram:"):
                    assert text[a:b].lower().split() == e.feature[len("ngram:") :].split()


def test_tfidf_only_and_features_only_models(tmp_path: Path) -> None:
    texts, labels = synthetic(12)
    for config in (TrainConfig(features=False, min_df=1), TrainConfig(tfidf=False)):
        result = train_model(texts, labels, config, folds=0)
        path = result.model.save(tmp_path / "m.json")
        again = load_model(path)
        assert np.array_equal(again.predict_proba(texts), result.model.predict_proba(texts))
        assert (again.tfidf is None) == (not config.tfidf)
        assert (again.n_features == 0) == (not config.features)


def test_tfidf_matches_scikit_learns_vectorizer() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.train import _tfidf

    texts, _ = synthetic(20)
    config = TrainConfig(min_df=2, ngram_range=(1, 2))
    spec = _tfidf(texts, config)
    ref = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(texts)
    assert list(spec.terms) == list(ref.get_feature_names_out())
    assert np.allclose(spec.idf, ref.idf_, rtol=0, atol=1e-12)
    unseen = [*NEW_TEXTS, "Reckless reckless reckless budget."]
    assert np.allclose(spec.transform(unseen).toarray(), ref.transform(unseen).toarray(), rtol=0, atol=1e-12)


def test_three_classes_use_one_row_of_weights_per_class() -> None:
    texts, labels = synthetic(12)
    labels = [lab if i % 3 else "other" for i, lab in enumerate(labels)]
    result = train_model(texts, labels, TrainConfig(min_df=1), folds=0)
    model = result.model
    assert model.coef.shape[0] == 3 and model.positive_label is None
    proba = model.predict_proba(texts[:4])
    assert np.allclose(proba.sum(axis=1), 1.0)
    again = FramingModel.from_dict(model.to_dict())
    assert np.array_equal(again.predict_proba(texts[:4]), proba)


def test_labels_and_positive_class() -> None:
    assert normalize_label(1.0) == "1"
    assert normalize_label(True) == "true"
    assert normalize_label(float("nan")) is None
    assert normalize_label("  ") is None
    assert choose_positive(("OBJ", "SUBJ")) == "SUBJ"
    assert choose_positive(("0", "1")) == "1"
    assert choose_positive(("biased", "non-biased")) == "biased"
    assert choose_positive(("a", "b"), "a") == "a"
    with pytest.raises(ValueError, match="not one of the classes"):
        choose_positive(("a", "b"), "c")
    with pytest.raises(ValueError, match="two classes"):
        train_model(["a b", "c d"], ["x", "x"], folds=0)
    with pytest.raises(ValueError, match="nothing to train on"):
        TrainConfig(features=False, tfidf=False)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_train_score_and_reject(tmp_path: Path, saved: Path) -> None:
    texts, labels = synthetic(15, seed=3)
    data = tmp_path / "labelled.jsonl"
    data.write_text(
        "".join(
            json.dumps({"id": f"s{i}", "body": t, "stance": lab}) + "\n"
            for i, (t, lab) in enumerate(zip(texts, labels))
        )
        + json.dumps({"id": "unlabelled", "body": "No label here."})
        + "\n",
        encoding="utf-8",
    )
    model_path = tmp_path / "model.json"
    code, out, err = run(
        "train",
        str(data),
        "--label-field",
        "stance",
        "--text-field",
        "body",
        "--cv",
        "3",
        "--min-df",
        "1",
        "-o",
        str(model_path),
    )
    assert code == EXIT_OK, err
    assert "3-fold cross-validation: macro-F1" in out
    assert "trained on 30 texts" in out
    model = load_model(model_path)
    assert model.text_field == "body" and model.label_field == "stance"

    article = tmp_path / "article.txt"
    article.write_text(
        "The council approved the budget on Tuesday, officials said. This reckless plan is a pathetic disaster.",
        encoding="utf-8",
    )
    code, out, err = run("score", str(article), "--model", str(model_path), "--format", "jsonl", "-q")
    assert code == EXIT_OK, err
    (rec,) = [json.loads(line) for line in out.splitlines()]
    text = article.read_text(encoding="utf-8")
    assert 0.0 <= rec["scores"]["model_score"] <= 1.0
    assert [s["labels"]["model"] for s in rec["sentences"]] == ["report", "opinion"]
    model_evidence = [e for e in rec["evidence"] if e["dimension"] == "model"]
    assert model_evidence
    for e in model_evidence:
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["rule"].startswith("model:")
        assert e["label"] in ("opinion", "report")

    bad = _rewrite(
        model_path, tmp_path / "tampered.json", lambda d: d["classifier"]["intercept"].__setitem__(0, 5.0), False
    )
    code, out, err = run("score", str(article), "--model", str(bad))
    assert code == EXIT_USAGE
    assert err.count("\n") == 1 and "SHA-256 mismatch" in err
