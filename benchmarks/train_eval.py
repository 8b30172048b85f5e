"""Supervised models on BABE and CheckThat!: train on one part, test on the other.

    python benchmarks/train_eval.py --babe PATH/babe_dev.jsonl \
        --checkthat PATH/subjectivity_checkthat_en_dev.jsonl [--test-size 0.3] [--seed 0] [--report FILE]

For each data set the texts are split once (stratified, ``--test-size`` held out, ``--seed``), and
every model is trained on the training part only (with its own 5-fold cross-validation on that
part, as ``framing train`` reports it) and scored on the held-out part:

- ``built-in editorial``: no training; the ``editorial`` score at its decision threshold;
- ``TF-IDF + LR``: plain scikit-learn (TfidfVectorizer, word 1-2-grams, min_df 2, sublinear tf;
  LogisticRegression C=1, balanced classes), the baseline;
- ``framing train`` variants: interpretable features only, or features + TF-IDF (the default),
  each with every dimension, and *without the editorial dimension and its fitted word list*.

The editorial dimension's weights and its ``editorial_words`` lexicon were fitted on these same
dev sets (``benchmarks/fit_editorial.py``), so every number that uses the shipped ones is
in-sample and optimistic here. Two honest measures: the rows "no editorial" leave that dimension
and its word list out, and the rows "editorial fitted on the other set" refit the editorial model
with ``fit_editorial.py``'s own fitting code on the other data set alone (CheckThat! when testing
on BABE, BABE when testing on CheckThat!), which is the situation of a user whose texts the
shipped model has never seen (``--no-refit`` skips this). Timings are wall-clock seconds on this machine
(analysis included).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline

from framing.analyzer import Analyzer
from framing.dimensions import available
from framing.evaluate import load_labelled
from framing.train import TrainConfig, train_model

#: The editorial dimension and the word list fitted with it on BABE and CheckThat!.
FITTED_ON_THESE_SETS = ("editorial",)
FITTED_LEXICONS = ("lexicon:editorial_words",)
CV_FOLDS = 5


@dataclass(frozen=True)
class Row:
    name: str
    macro_f1: float
    roc_auc: float
    cv_f1: float | None
    seconds_train: float
    seconds_test: float
    in_sample: bool


def _split(n_labels: Sequence[str], test_size: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    idx = np.arange(len(n_labels))
    tr, te = train_test_split(idx, test_size=test_size, stratify=list(n_labels), random_state=seed)
    return np.sort(tr), np.sort(te)


def _scores(y: Sequence[str], pred: Sequence[str], proba: Sequence[float], positive: str) -> tuple[float, float]:
    f1 = float(f1_score(list(y), list(pred), average="macro"))
    auc = float(roc_auc_score([int(v == positive) for v in y], list(proba)))
    return f1, auc


@dataclass(frozen=True)
class Split:
    """One data set split into a training and a test part."""

    title: str
    positive: str
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    train: np.ndarray
    test: np.ndarray
    records: tuple[dict, ...]


def load_split(title: str, path: Path, text_field: str, positive: str, test_size: float, seed: int) -> Split:
    data = load_labelled(path, "label", text_field=text_field)
    labels = tuple(data.labels)
    tr, te = _split(labels, test_size, seed)
    records = tuple({"text": d.text, **dict(d.meta)} for d in data.documents)
    return Split(title, positive, tuple(d.text for d in data.documents), labels, tr, te, records)


def _editorial_row(
    name: str, analyzer: Analyzer, x_te: list[str], y_te: list[str], positive: str, in_sample: bool
) -> Row:
    editorial = next(d for d in analyzer.dimensions if d.name == "editorial")
    negative = next(v for v in sorted(set(y_te)) if v != positive)
    t0 = time.perf_counter()
    values = [a.scores["editorial_sentence_mean"] for a in analyzer.analyze_many(x_te)]
    seconds = time.perf_counter() - t0
    pred = [positive if v >= editorial.model.threshold else negative for v in values]
    f1, auc = _scores(y_te, pred, values, positive)
    return Row(name, f1, auc, None, 0.0, seconds, in_sample)


def refit_editorial(other: Split, seed: int, folder: Path) -> tuple[Path, Path]:
    """The editorial model fitted by ``fit_editorial.py``'s own code on the *other* data set only.

    Scoring BABE with an editorial model fitted on CheckThat! alone (and the reverse) is the
    situation of a user whose texts the shipped model has never seen. The records, features,
    settings, fit and both files are those of ``fit_editorial.py --write`` on that data set (its
    ``reported_share``, its word entries with their inflected forms); the one addition is
    ``mode: replace`` in the word list, so that it replaces the shipped ``editorial_words`` instead
    of being merged into it. Returns the weights (JSON) and the word list (lexicon).
    """
    from framing.training import editorial as fe

    name = "babe" if other.records and "biased_words" in other.records[0] else "checkthat"
    records = [
        (
            name,
            other.texts[i],
            int(other.labels[i] == other.positive),
            fe.OPINION_TARGETS.get(other.records[i].get("label_opinion") or "") if name == "babe" else None,
            tuple(other.records[i].get("biased_words") or ()) if name == "babe" else (),
        )
        for i in range(len(other.texts))
    ]
    units = fe.featurize(records, fe.REPORTED_SHARE)
    features = sorted({f for u in units for f in u.features} | {fe.BIAS_FEATURE})
    settings = fe.Settings()
    fitted = fe.fit_model(units, features, settings, seed)
    weights = folder / f"editorial_weights_{name}.json"
    words = folder / f"editorial_words_{name}.tsv"
    command = f"benchmarks/train_eval.py --seed {seed}: fit_editorial.py's fit on {other.title} only"
    shipped_paths = fe.WEIGHTS_PATH, fe.WORDS_PATH
    fe.WEIGHTS_PATH, fe.WORDS_PATH = weights, words
    try:
        fe.write_model(fitted, command, Counter(u.dataset for u in units), fe.REPORTED_SHARE, settings, units)
    finally:
        fe.WEIGHTS_PATH, fe.WORDS_PATH = shipped_paths
    first, rest = words.read_text(encoding="utf-8").split("\n", 1)
    words.write_text(f"{first}\n# mode: replace\n{rest}", encoding="utf-8")
    return weights, words


@contextmanager
def editorial_weights(path: Path | None) -> Iterator[None]:
    """Inside the block, an editorial dimension built without an explicit model loads ``path``.

    Analysers built inside the block keep those weights (the shared analyser of a configuration
    is built once, so the refitted configuration, which names the refitted word list, gets its own).
    """
    from framing.editorial import model as editorial_model

    original = editorial_model.EditorialModel.__dict__["load"]
    if path is not None:
        load = original.__func__
        editorial_model.EditorialModel.load = classmethod(lambda cls, p=None: load(cls, p or path))  # type: ignore[method-assign]
    try:
        yield
    finally:
        editorial_model.EditorialModel.load = original  # type: ignore[method-assign]


def run_dataset(split: Split, seed: int, refit: tuple[Path, Path] | None) -> list[Row]:
    texts, labels, positive = split.texts, split.labels, split.positive
    tr, te = split.train, split.test
    x_tr, y_tr = [texts[i] for i in tr], [labels[i] for i in tr]
    x_te, y_te = [texts[i] for i in te], [labels[i] for i in te]
    rows: list[Row] = []

    # built-in editorial score, no training
    analyzer = Analyzer(dimensions=["attribution", "editorial"]).load()
    rows.append(
        _editorial_row("built-in editorial score (threshold, no training)", analyzer, x_te, y_te, positive, True)
    )

    # plain TF-IDF + logistic regression
    def baseline() -> object:
        return make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000),
        )

    t0 = time.perf_counter()
    cv = StratifiedKFold(CV_FOLDS, shuffle=True, random_state=seed)
    cv_f1 = float(np.mean(cross_val_score(baseline(), np.array(x_tr, dtype=object), y_tr, cv=cv, scoring="f1_macro")))
    pipe = baseline().fit(x_tr, y_tr)  # type: ignore[attr-defined]
    seconds_train = time.perf_counter() - t0
    t0 = time.perf_counter()
    proba = pipe.predict_proba(x_te)[:, list(pipe.classes_).index(positive)]  # type: ignore[attr-defined]
    pred = list(pipe.predict(x_te))  # type: ignore[attr-defined]
    seconds_test = time.perf_counter() - t0
    f1, auc = _scores(y_te, pred, proba, positive)
    rows.append(Row("TF-IDF + LR (plain scikit-learn baseline)", f1, auc, cv_f1, seconds_train, seconds_test, False))

    honest = tuple(d for d in available() if d not in (*FITTED_ON_THESE_SETS, "model"))
    variants = [
        (
            "framing train, features only, no editorial",
            TrainConfig(tfidf=False, dimensions=honest, exclude=FITTED_LEXICONS),
            False,
        ),
        (
            "framing train, features + TF-IDF, no editorial",
            TrainConfig(dimensions=honest, exclude=FITTED_LEXICONS),
            False,
        ),
        ("framing train, features only, all dimensions", TrainConfig(tfidf=False), True),
        ("framing train, features + TF-IDF, all dimensions (default)", TrainConfig(), True),
    ]
    if refit is not None:
        weights, words = refit
        refitted = Analyzer(
            dimensions=["attribution", "editorial"], lexicons=[str(words)], options={"editorial_model": str(weights)}
        ).load()
        rows.append(
            _editorial_row(
                "editorial score, editorial fitted on the other set (no training here)",
                refitted,
                x_te,
                y_te,
                positive,
                False,
            )
        )
        variants.append(
            (
                "framing train, features + TF-IDF, all dimensions, editorial fitted on the other set",
                TrainConfig(lexicons=(str(words),)),
                False,
            )
        )
    for name, config, in_sample in variants:
        refitted_weights = refit[0] if refit is not None and config.lexicons else None
        with editorial_weights(refitted_weights):
            t0 = time.perf_counter()
            result = train_model(x_tr, y_tr, config, folds=CV_FOLDS, seed=seed, positive=positive)
            seconds_train = time.perf_counter() - t0
            model = result.model
            t0 = time.perf_counter()
            proba_all = model.predict_proba(x_te)
            seconds_test = time.perf_counter() - t0
        pred = [model.classes[i] for i in proba_all.argmax(axis=1)]
        f1, auc = _scores(y_te, pred, proba_all[:, model.classes.index(positive)], positive)
        cv_mean = result.cv.macro_f1_mean if result.cv is not None else None
        rows.append(Row(name, f1, auc, cv_mean, seconds_train, seconds_test, in_sample))
        print(f"  {name}: test macro-F1 {f1:.3f}", file=sys.stderr, flush=True)
    return rows


def render(title: str, n_train: int, n_test: int, rows: Sequence[Row]) -> str:
    lines = [
        f"### {title} ({n_train} training texts, {n_test} test texts)",
        "",
        "| model | test macro-F1 | test ROC-AUC | 5-fold CV macro-F1 (training part) | train s | test s | in-sample? |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cv = f"{r.cv_f1:.3f}" if r.cv_f1 is not None else "-"
        flag = "yes (editorial fitted on this set)" if r.in_sample else "no"
        times = f"{r.seconds_train:.1f} | {r.seconds_test:.1f}"
        lines.append(f"| {r.name} | {r.macro_f1:.3f} | {r.roc_auc:.3f} | {cv} | {times} | {flag} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--babe", type=Path, required=True, help="babe_dev.jsonl")
    ap.add_argument("--checkthat", type=Path, required=True, help="subjectivity_checkthat_en_dev.jsonl")
    ap.add_argument("--test-size", type=float, default=0.3, help="share held out for testing (default 0.3)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the split and the folds (default 0)")
    ap.add_argument("--report", type=Path, help="also write the tables (Markdown) here")
    ap.add_argument("--no-refit", action="store_true", help="skip refitting the editorial model on the other set")
    args = ap.parse_args(argv)
    babe = load_split("BABE, biased (1) vs non-biased (0)", args.babe, "text", "1", args.test_size, args.seed)
    checkthat = load_split(
        "CheckThat! subjectivity, SUBJ vs OBJ", args.checkthat, "sentence", "SUBJ", args.test_size, args.seed
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = []
        for split, other in ((babe, checkthat), (checkthat, babe)):
            refit = None
            if not args.no_refit:
                t0 = time.perf_counter()
                print(f"refitting the editorial model on {other.title} ...", file=sys.stderr, flush=True)
                refit = refit_editorial(other, args.seed, Path(tmp))
                print(f"  done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
            print(f"{split.title} ...", file=sys.stderr, flush=True)
            rows = run_dataset(split, args.seed, refit)
            out.append(render(split.title, len(split.train), len(split.test), rows))
    text = "\n".join(out)
    sys.stdout.write(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
