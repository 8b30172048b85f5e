"""Fit and cross-validate the editorial model on BABE and CheckThat! (data paths are arguments).

    python benchmarks/fit_editorial.py --babe PATH/babe_dev.jsonl \
        --checkthat PATH/subjectivity_checkthat_en_dev.jsonl [--write] [--report FILE]

Every sentence is parsed by the analyser, the attribution dimension marks attributed speech, and the
editorial signals are counted exactly as at run time (:func:`framing.editorial.extract_signals`).
Features: capped signal counts (lexicon categories and rules) plus binary word features (content
words in the writer's voice). One logistic regression is fitted on both data sets pooled (BABE:
biased = 1; CheckThat!: SUBJ = 1), each data set weighted to the same total.

Cross-validation: stratified K folds over (data set, label). Inside each training fold the word
vocabulary is built, the regularisation is chosen by an inner CV, the model is fitted, the words are
pruned to the strongest ``--max-words`` and the model refitted; the held-out fold is scored with
that model. Reported: ROC-AUC and macro-F1 per data set, and how well the positive evidence spans
recover the words BABE's annotators marked as biased.

With ``--write`` the model fitted on all data is written to ``framing/data/editorial_weights.json``
and ``lexicons/editorial_words.tsv``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from framing.analyzer import Analyzer
from framing.dimensions.editorial import Editorial
from framing.editorial.model import ATTRIBUTION_FEATURES, EditorialModel
from framing.editorial.signals import Signal, Voice, extract_signals, first_word, word_feature_token

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS_PATH = ROOT / "framing" / "data" / "editorial_weights.json"
WORDS_PATH = ROOT / "lexicons" / "editorial_words.tsv"

#: Per-sentence cap on each feature's value (saturation), shared with run time via the JSON file.
CAP = 3.0
#: Word features: minimum training sentences; a word column is multiplied by the word scale, so a
#: smaller scale means a stronger L2 penalty on word weights than on signal weights.
MIN_DF = 3
WORD_SCALES = (0.5, 1.0)
#: Inverse L2 penalty strengths tried by the inner cross-validation.
CS = (0.05, 0.1, 0.3)
INNER_FOLDS = 3
#: A word must hold at least this absolute logit weight to be shipped (and to count in CV).
MIN_WORD_WEIGHT = 0.05
#: The feature "sum of the writer's-voice words' annotated-bias rates" and the rate's smoothing:
#: rate = times marked biased / (sentences with the word + BIAS_SMOOTHING), from BABE's biased_words.
BIAS_FEATURE = "bias_rate"
BIAS_SMOOTHING = 4.0
#: A word needs at least this many annotated-biased occurrences to get a rate (one is noise).
BIAS_MIN_MARKED = 2
#: Prior mean (logit per unit) of the weight of a signal that marks the writer's view (+) or
#: reporting (-): with few training examples a weight stays near it, with many the data decide.
PRIOR = 0.5
#: Token evidence thresholds (logit) at which biased-word recovery is reported.
RECOVERY_THRESHOLDS = (0.0, 0.25, 0.5)


@dataclass
class Unit:
    """One labelled sentence (or short passage) and its extracted features."""

    dataset: str
    text: str
    label: int
    biased_words: tuple[str, ...]
    features: dict[str, float]
    words: frozenset[str]
    # for biased-word recovery: non-word signals and the writer's-voice word tokens (start, end, norm)
    signals: tuple[Signal, ...]
    tokens: tuple[tuple[int, int, str], ...]


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def featurize(records: Sequence[tuple[str, str, int, tuple[str, ...]]]) -> list[Unit]:
    """Parse each text and count its signals as the editorial dimension does."""
    analyzer = Analyzer(dimensions=["editorial"])
    dims = {d.name: d for d in analyzer.dimensions}
    attribution, editorial = dims["attribution"], dims["editorial"]
    assert isinstance(editorial, Editorial)
    counter = EditorialModel(intercept=0.0, weights={}, cap=CAP)
    function_words = editorial.tables.function_words
    units = []
    for dataset, text, label, biased in records:
        doc = analyzer.parse(text)
        data = attribution.score(doc, {}).data
        rows, _, _ = extract_signals(doc, data, editorial.tables)
        feats: Counter[str] = Counter()
        for row in rows:
            feats.update(counter.features(row))
        voice = Voice(doc, data, editorial.tables.speech_cues)
        toks = tuple(
            (t.start, t.end, t.norm) for t in doc.tokens if t.kind == "word" and not voice.attributed(t.start, t.end)
        )
        firsts = {first_word(doc, a, b) for a, b in doc.sentence_tokens}
        words = frozenset(
            t.norm
            for k, t in enumerate(doc.tokens)
            if t.kind == "word"
            and not voice.attributed(t.start, t.end)
            and word_feature_token(t.text, k in firsts)
            and word_feature(t.norm, function_words)
        )
        sig = tuple(
            s
            for row in rows
            for s in row
            if s.feature != "word" and (not s.attributed or s.feature in ATTRIBUTION_FEATURES)
        )
        units.append(Unit(dataset, text, label, biased, dict(feats), words, sig, toks))
    return units


def word_feature(norm: str, function_words: frozenset[str]) -> bool:
    """Content words only: alphabetic (hyphens and apostrophes allowed), two letters or more."""
    return len(norm) >= 2 and norm not in function_words and norm.replace("-", "").replace("'", "").isalpha()


# ---- model fitting ------------------------------------------------------------------------------

#: Sign constraints (documented in docs/editorial.md): features that by their definition mark the
#: writer's view may not get a negative weight, and reporting markers may not get a positive one.
#: Everything else (hedges of quantity, semi-factives, emphatic cues) is left free.
EDITORIAL_PREFIXES = (
    "loaded_terms:",
    "subjectivity_clues:",
    "intensifiers:",
    "boosters:",
    "implicatives:",
    "vader:",
    "editorial_patterns:speculation",
    "editorial_patterns:motive",
    "editorial_patterns:superlative",
    "editorial_patterns:prescriptive",
    "editorial_patterns:evaluative_frame",
    "editorial_patterns:rhetorical",
    "editorial_patterns:first_person",
    "editorial_patterns:second_person",
    "factives:factive",
    "assertives:weak",
    "assertives:strong",
    "hedges:shield",
    "hedges:adverb",
    "rule:question",
    "rule:exclamation",
    "rule:scare_quote",
    "cue:distancing",
    BIAS_FEATURE,
)
REPORTING_PREFIXES = (
    "editorial_patterns:reporting",
    "assertives:speech",
    "rule:number",
    "rule:attributed_content",
    "cue:neutral",
)


def sign_bounds(name: str) -> tuple[float | None, float | None]:
    if name.startswith(EDITORIAL_PREFIXES):
        return (0.0, None)
    if name.startswith(REPORTING_PREFIXES):
        return (None, 0.0)
    return (None, None)


def prior_weight(name: str) -> float:
    """Prior mean of a signal weight: +PRIOR for editorial markers, -PRIOR for reporting markers."""
    if name == BIAS_FEATURE:
        return 0.0
    low, high = sign_bounds(name)
    if low == 0.0:
        return PRIOR
    if high == 0.0:
        return -PRIOR
    return 0.0


@dataclass
class Fitted:
    """A fitted model: intercept, signal-feature weights, and the shipped word weights."""

    intercept: float
    weights: dict[str, float]
    words: dict[str, float]
    C: float
    word_scale: float


def bias_rates(units: Sequence[Unit]) -> dict[str, float]:
    """Word -> smoothed share of its BABE sentences in which annotators marked it as biased."""
    occurs: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    for u in units:
        if u.dataset != "babe":
            continue
        gold = gold_words(u.biased_words)
        for w in u.words:
            occurs[w] += 1
            marked[w] += w in gold
    return {w: marked[w] / (occurs[w] + BIAS_SMOOTHING) for w in occurs if marked[w] >= BIAS_MIN_MARKED}


def _matrix(
    units: Sequence[Unit], features: Sequence[str], vocab: Sequence[str], scale: float, rates: dict[str, float]
) -> sparse.csr_matrix:
    f_index = {f: i for i, f in enumerate(features)}
    bias_col = f_index[BIAS_FEATURE]
    w_index = {w: len(features) + i for i, w in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, u in enumerate(units):
        for f, v in u.features.items():
            if f in f_index and v:
                rows.append(r)
                cols.append(f_index[f])
                vals.append(v)
        bias = sum(rates.get(w, 0.0) for w in u.words)
        if bias:
            rows.append(r)
            cols.append(bias_col)
            vals.append(bias)
        for w in u.words:
            j = w_index.get(w)
            if j is not None:
                rows.append(r)
                cols.append(j)
                vals.append(scale)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(units), len(features) + len(vocab)))


def _sample_weights(units: Sequence[Unit]) -> np.ndarray:
    counts = Counter(u.dataset for u in units)
    total = len(units)
    return np.array([total / (len(counts) * counts[u.dataset]) for u in units])


def logistic_fit(
    X: sparse.csr_matrix,
    y: np.ndarray,
    sw: np.ndarray,
    C: float,
    bounds: Sequence[tuple[float | None, float | None]],
    prior: np.ndarray,
) -> tuple[float, np.ndarray]:
    """Sample-weighted logistic regression with a Gaussian prior and bounds on the coefficients.

    Minimises ``sum_i sw_i * logloss_i + ||beta - prior||^2 / (2 C)`` with L-BFGS-B; the intercept
    is not penalised. A zero prior is ordinary L2 regularisation.
    """
    sign = 2.0 * y - 1.0
    Xt = X.T.tocsr()

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        b0, beta = theta[0], theta[1:]
        z = X @ beta + b0
        m = sign * z
        diff = beta - prior
        loss = np.sum(sw * np.logaddexp(0.0, -m)) + diff @ diff / (2.0 * C)
        g = -sw * sign * expit(-m)
        grad = np.empty_like(theta)
        grad[0] = g.sum()
        grad[1:] = Xt @ g + diff / C
        return float(loss), grad

    theta0 = np.concatenate([[0.0], prior])
    res = minimize(
        objective, theta0, jac=True, method="L-BFGS-B", bounds=[(None, None), *bounds], options={"maxiter": 5000}
    )
    return float(res.x[0]), res.x[1:]


def _fit(
    units: Sequence[Unit], features: Sequence[str], vocab: Sequence[str], C: float, scale: float, use_bias: bool
) -> Fitted:
    rates = bias_rates(units) if use_bias else {}
    X = _matrix(units, features, vocab, scale, rates)
    y = np.array([u.label for u in units], dtype=float)
    bounds = [sign_bounds(f) for f in features] + [(None, None)] * len(vocab)
    prior = np.array([prior_weight(f) for f in features] + [0.0] * len(vocab))
    intercept, coef = logistic_fit(X, y, _sample_weights(units), C, bounds, prior)
    weights = {f: float(coef[i]) for i, f in enumerate(features) if f != BIAS_FEATURE}
    bias_w = float(coef[features.index(BIAS_FEATURE)])
    words: dict[str, float] = {w: float(coef[len(features) + i]) * scale for i, w in enumerate(vocab)}
    for w, r in rates.items():
        words[w] = words.get(w, 0.0) + bias_w * r
    words = {w: v for w, v in words.items() if abs(v) >= MIN_WORD_WEIGHT}
    return Fitted(intercept, weights, words, C, scale)


def fit_model(units: Sequence[Unit], features: Sequence[str], use_words: bool, seed: int) -> Fitted:
    """Vocabulary, inner-CV choice of C and word scale, then the fit: all on ``units`` only."""
    vocab: list[str] = []
    if use_words:
        df = Counter(w for u in units for w in u.words)
        vocab = sorted(w for w, n in df.items() if n >= MIN_DF)
    grid = [(C, s) for C in CS for s in (WORD_SCALES if use_words else (1.0,))]
    best, best_auc = grid[0], -1.0
    if len(grid) > 1:
        strata = [f"{u.dataset}:{u.label}" for u in units]
        inner = StratifiedKFold(INNER_FOLDS, shuffle=True, random_state=seed)
        splits = list(inner.split(units, strata))
        for C, s in grid:
            aucs = []
            for tr, te in splits:
                train = [units[i] for i in tr]
                train_vocab = vocab
                if use_words:
                    df = Counter(w for u in train for w in u.words)
                    train_vocab = sorted(w for w, n in df.items() if n >= MIN_DF)
                m = _fit(train, features, train_vocab, C, s, use_words)
                test = [units[i] for i in te]
                aucs.append(_mean_dataset_auc(test, predict(m, test)))
            auc = float(np.mean(aucs))
            if auc > best_auc:
                best, best_auc = (C, s), auc
    C, s = best
    return _fit(units, features, vocab, C, s, use_words)


def predict(model: Fitted, units: Sequence[Unit]) -> np.ndarray:
    """Probabilities, computed the way the dimension computes them (intercept + contributions)."""
    out = []
    for u in units:
        z = model.intercept
        z += sum(model.weights.get(f, 0.0) * v for f, v in u.features.items())
        z += sum(model.words.get(w, 0.0) for w in u.words)
        out.append(expit(z))
    return np.array(out)


def _mean_dataset_auc(units: Sequence[Unit], p: np.ndarray) -> float:
    aucs = []
    for ds in sorted({u.dataset for u in units}):
        idx = [i for i, u in enumerate(units) if u.dataset == ds]
        y = [units[i].label for i in idx]
        if len(set(y)) == 2:
            aucs.append(roc_auc_score(y, p[idx]))
    return float(np.mean(aucs)) if aucs else 0.5


# ---- evaluation ---------------------------------------------------------------------------------


def crossvalidate(
    units: Sequence[Unit], features: Sequence[str], use_words: bool, folds: int, seed: int
) -> tuple[np.ndarray, list[Fitted], np.ndarray]:
    """Out-of-fold probabilities for every unit, the fold models and each unit's fold."""
    strata = [f"{u.dataset}:{u.label}" for u in units]
    outer = StratifiedKFold(folds, shuffle=True, random_state=seed)
    p = np.zeros(len(units))
    fold_of = np.zeros(len(units), dtype=int)
    models = []
    for k, (tr, te) in enumerate(outer.split(units, strata)):
        model = fit_model([units[i] for i in tr], features, use_words, seed)
        p[te] = predict(model, [units[i] for i in te])
        fold_of[te] = k
        models.append(model)
    return p, models, fold_of


def metrics(units: Sequence[Unit], p: np.ndarray, dataset: str, threshold: float = 0.5) -> dict[str, float]:
    idx = [i for i, u in enumerate(units) if u.dataset == dataset]
    y = np.array([units[i].label for i in idx])
    q = p[idx]
    return {
        "n": len(idx),
        "roc_auc": float(roc_auc_score(y, q)),
        "macro_f1": float(f1_score(y, q >= threshold, average="macro")),
        "accuracy": float(np.mean((q >= threshold) == y)),
    }


def opinion_auc(babe: Sequence[dict], p: np.ndarray) -> dict[str, float]:
    """ROC-AUC against BABE's opinion labels: the construct the editorial score is meant to measure.

    ``writer_vs_factual``: "Expresses writer's opinion" against "Entirely factual";
    ``any_vs_factual``: that plus "Somewhat factual but also opinionated" against "Entirely factual".
    """
    factual = [i for i, r in enumerate(babe) if r.get("label_opinion") == "Entirely factual"]
    writer = [i for i, r in enumerate(babe) if str(r.get("label_opinion", "")).startswith("Expresses")]
    somewhat = [i for i, r in enumerate(babe) if str(r.get("label_opinion", "")).startswith("Somewhat")]
    out = {}
    for name, positive in (("writer_vs_factual", writer), ("any_vs_factual", writer + somewhat)):
        idx = factual + positive
        y = [0] * len(factual) + [1] * len(positive)
        out[name] = float(roc_auc_score(y, p[idx])) if factual and positive else float("nan")
    out["n_factual"], out["n_writer"], out["n_somewhat"] = len(factual), len(writer), len(somewhat)
    return out


def gold_words(biased: Sequence[str]) -> set[str]:
    """Annotated biased words, lower-cased and split into single words."""
    out = set()
    for phrase in biased:
        for w in phrase.lower().replace("’", "'").split():
            w = w.strip(".,;:!?\"'“”()[]")
            if w:
                out.add(w)
    return out


def token_evidence(u: Unit, model: Fitted) -> dict[str, float]:
    """Writer's-voice word -> its summed evidence weight: covering lexicon signals plus its word weight."""
    score: dict[str, float] = {}
    for a, b, norm in u.tokens:
        total = model.words.get(norm, 0.0)
        for s in u.signals:
            if s.start <= a and b <= s.end and not s.feature.startswith(("rule:", "cue:")):
                total += model.weights.get(s.feature, 0.0) * s.value
        score[norm] = max(score.get(norm, float("-inf")), total)
    return score


def recovery(units: Sequence[Unit], models: Sequence[Fitted], fold_of: np.ndarray) -> dict[str, object]:
    """Word-level precision and recall of evidence against BABE's annotated biased words.

    A writer's-voice word is flagged when its evidence weight (under the model of the fold that
    held the sentence out) exceeds a threshold. Micro-averaged over BABE sentences with at least one
    annotated word. ``lexicon_coverage``: share of annotated words hit by any lexicon entry.
    """
    gold_total = covered = 0
    tp = dict.fromkeys(RECOVERY_THRESHOLDS, 0)
    pred = dict.fromkeys(RECOVERY_THRESHOLDS, 0)
    for i, u in enumerate(units):
        if u.dataset != "babe" or not u.biased_words:
            continue
        gold = gold_words(u.biased_words)
        gold_total += len(gold)
        lexical = {
            norm
            for s in u.signals
            if not s.feature.startswith(("rule:", "cue:"))
            for a, b, norm in u.tokens
            if s.start <= a and b <= s.end
        }
        covered += len(lexical & gold)
        score = token_evidence(u, models[fold_of[i]])
        for t in RECOVERY_THRESHOLDS:
            flagged = {w for w, v in score.items() if v > t}
            tp[t] += len(flagged & gold)
            pred[t] += len(flagged)
    rows = []
    for t in RECOVERY_THRESHOLDS:
        precision = tp[t] / pred[t] if pred[t] else 0.0
        recall = tp[t] / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"threshold": t, "precision": precision, "recall": recall, "f1": f1})
    return {"gold_words": gold_total, "lexicon_coverage": covered / gold_total if gold_total else 0.0, "at": rows}


def _mean_runs(runs: Sequence[dict]) -> dict[str, object]:
    """Mean and standard deviation over repeated CV runs of every headline number."""
    keys = [
        ("babe", "roc_auc"),
        ("babe", "macro_f1"),
        ("checkthat", "roc_auc"),
        ("checkthat", "macro_f1"),
        ("babe_opinion", "writer_vs_factual"),
        ("babe_opinion", "any_vs_factual"),
    ]
    out: dict[str, object] = {"n_runs": len(runs)}
    for a, b in keys:
        vals = [r[a][b] for r in runs]
        out[f"{a}.{b}"] = {"mean": float(np.mean(vals)), "sd": float(np.std(vals))}
    for k, row in enumerate(runs[0]["biased_words"]["at"]):
        for m in ("precision", "recall", "f1"):
            vals = [r["biased_words"]["at"][k][m] for r in runs]
            out[f"biased_words.{m}@{row['threshold']}"] = {"mean": float(np.mean(vals)), "sd": float(np.std(vals))}
    out["biased_words.lexicon_coverage"] = runs[0]["biased_words"]["lexicon_coverage"]
    return out


# ---- output -------------------------------------------------------------------------------------


def write_model(model: Fitted, threshold: float, command: str, n: dict[str, int]) -> None:
    today = date.today().isoformat()
    payload = {
        "description": "Editorial sentence model: logistic regression over capped signal counts. "
        "logit = intercept + sum(weight[feature] * value) + sum(editorial_words weights); "
        "each feature counts at most `cap` units per sentence. Written by benchmarks/fit_editorial.py.",
        "fitted_on": {
            "babe": f"BABE (Spinde et al. 2021), {n.get('babe', 0)} sentences, biased = 1",
            "checkthat": f"CLEF CheckThat! subjectivity, English dev, {n.get('checkthat', 0)} sentences, SUBJ = 1",
            "weighting": "each data set weighted to the same total",
        },
        "command": command,
        "date": today,
        "C": model.C,
        "word_scale": model.word_scale,
        "n_words": len(model.words),
        "intercept": round(model.intercept, 6),
        "cap": CAP,
        "threshold": threshold,
        "weights": {f: round(w, 6) for f, w in sorted(model.weights.items())},
    }
    WEIGHTS_PATH.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    header = [
        "# name: editorial_words",
        "# version: 1.0.0",
        "# language: en",
        "# license: CC-BY-NC-SA-4.0",
        "# source: Fitted by benchmarks/fit_editorial.py (logistic regression, L2) on BABE: Spinde, T., Plank, M.,"
        " Krieger, J.-D., Ruas, T., Gipp, B. & Aizawa, A. (2021). Neural media bias detection using distant"
        " supervision with BABE - Bias Annotations By Experts. Findings of EMNLP 2021 (data AGPL-3.0); and the"
        " CLEF CheckThat! Lab subjectivity task, English dev set: Galassi, A. et al. (2023). Overview of the"
        " CLEF-2023 CheckThat! Lab Task 2 on subjectivity in news articles. CLEF 2023 Working Notes (data"
        " CC BY-NC-SA 4.0). The weights are derived from these annotations; refit with your own data to change"
        " them.",
        f"# description: Word weights of the editorial model: weight is the word's contribution to a sentence's"
        f" editorial logit when it appears in the writer's voice (positive = opinion, negative = reporting)."
        f" Fitted {today} with: {command}",
        "term\tcategory\tweight",
    ]
    lines = [f"{w}\t{'opinion' if v > 0 else 'reporting'}\t{v:.4f}" for w, v in sorted(model.words.items())]
    WORDS_PATH.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--babe", required=True, help="babe_dev.jsonl")
    ap.add_argument("--checkthat", required=True, help="subjectivity_checkthat_en_dev.jsonl")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0], help="repeat the CV with these fold seeds")
    ap.add_argument("--no-words", action="store_true", help="signal features only (no fitted word weights)")
    ap.add_argument("--write", action="store_true", help="write the model fitted on all data")
    ap.add_argument("--json", metavar="FILE", help="write the measured numbers as JSON")
    args = ap.parse_args(argv)

    t0 = time.time()
    babe = load_jsonl(args.babe)
    records = [("babe", r["text"], int(r["label"]), tuple(r.get("biased_words") or ())) for r in babe]
    records += [("checkthat", r["sentence"], int(r["label"] == "SUBJ"), ()) for r in load_jsonl(args.checkthat)]
    units = featurize(records)
    features = sorted({f for u in units for f in u.features} | {BIAS_FEATURE})
    print(f"{len(units)} sentences, {len(features)} features, parsed in {time.time() - t0:.1f}s", file=sys.stderr)

    results: dict[str, dict] = {}
    unfitted = Fitted(0.0, {f: prior_weight(f) for f in features}, {}, 0.0, 0.0)
    p0 = predict(unfitted, units)
    results["unfitted_priors"] = {
        "babe": {"roc_auc": metrics(units, p0, "babe")["roc_auc"]},
        "checkthat": {"roc_auc": metrics(units, p0, "checkthat")["roc_auc"]},
        "babe_opinion": opinion_auc(babe, p0[: len(babe)]),
    }
    configs = [("signals_only", False)] + ([] if args.no_words else [("signals_and_words", True)])
    for name, use_words in configs:
        runs = []
        for seed in args.seeds:
            p, models, fold_of = crossvalidate(units, features, use_words, args.folds, seed)
            runs.append(
                {
                    "seed": seed,
                    "babe": metrics(units, p, "babe"),
                    "checkthat": metrics(units, p, "checkthat"),
                    "babe_opinion": opinion_auc(babe, p[: len(babe)]),
                    "biased_words": recovery(units, models, fold_of),
                    "fold_C": [m.C for m in models],
                    "fold_word_scale": [m.word_scale for m in models],
                    "fold_n_words": [len(m.words) for m in models],
                }
            )
            r = runs[-1]
            print(
                f"{name} (seed {seed}): BABE ROC-AUC {r['babe']['roc_auc']:.3f} macro-F1 {r['babe']['macro_f1']:.3f}; "
                f"CheckThat! ROC-AUC {r['checkthat']['roc_auc']:.3f} macro-F1 {r['checkthat']['macro_f1']:.3f} "
                f"({time.time() - t0:.0f}s)",
                file=sys.stderr,
            )
        results[name] = {"mean": _mean_runs(runs), "runs": runs}
    command = (
        "python benchmarks/fit_editorial.py --babe <babe_dev.jsonl> --checkthat <subjectivity_checkthat_en_dev.jsonl>"
    )
    if args.write:
        final = fit_model(units, features, not args.no_words, args.seeds[0])
        write_model(final, 0.5, command + " --write", Counter(u.dataset for u in units))
        results["shipped"] = {"C": final.C, "word_scale": final.word_scale, "n_words": len(final.words)}
        print(f"wrote {WEIGHTS_PATH} and {WORDS_PATH} ({len(final.words)} words)", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"done in {time.time() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
