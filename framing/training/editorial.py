"""Fit and cross-validate the editorial model on BABE and CheckThat! (data paths are arguments).

    python benchmarks/fit_editorial.py --babe PATH/babe_dev.jsonl \
        --checkthat PATH/subjectivity_checkthat_en_dev.jsonl \
        [--checkthat-train PATH/subjectivity_checkthat_en_train.jsonl] \
        [--genre benchmarks/genre_mbic.tsv --articles PATH/news_articles_mbic.jsonl] \
        [--seeds 0 1 2] [--write] [--json FILE]

Every sentence is parsed by the analyser, the attribution dimension marks someone else's words, and
the editorial signals are counted exactly as at run time (:func:`framing.editorial.extract_signals`,
:meth:`framing.editorial.EditorialModel.units`): quoted signals count 0, signals in reported speech
count ``--reported-share``. Features: capped signal units (lexicon categories and rules), one
feature per word (lower-case words and a sentence's first word, inflections folded together, at
most one unit per sentence) and ``bias_rate`` (the summed rate at which BABE's annotators marked
the sentence's words as biased).

Three tasks share one model: BABE's bias label (biased = 1), BABE's opinion label ("expresses the
writer's opinion" = 1, "somewhat factual but also opinionated" = 0.5, "entirely factual" = 0) and
CheckThat!'s subjectivity label (SUBJ = 1). Every weight is a shared weight plus, for each task, a
task-specific deviation with a stronger penalty; only the shared weights are shipped, so the
shipped score is what the three annotations have in common (Daume III 2007, "Frustratingly easy
domain adaptation"). With ``--checkthat-train`` the CheckThat! train set is the CheckThat! task's
data and the ``--checkthat`` (dev) file is only measured, by the model fitted on everything else.

Cross-validation: stratified K folds over (data set, label). Inside each training fold only: the
word vocabulary, the annotated-bias rates, the words annotators marked (fitted words with a
positive weight that were never marked are ``style``, not evidence), the penalty strength and word
penalty (inner 3-fold CV, mean of the data sets' ROC-AUC) and the fit. The held-out fold is scored
with the shared weights, as the dimension scores a sentence; its evidence is compared with BABE's
``biased_words`` (:func:`top_evidence_precision`).

With ``--genre`` and ``--articles`` the model fitted on all data is moved to the share of opinion
sentences in the labelled articles (:func:`news_prior`, :func:`shift_to_prior`) and the document
model is fitted and cross-validated on the labelled articles (:func:`fit_document`). With
``--write`` the model is written to ``framing/data/editorial_weights.json`` (with its version and
checksum) and ``lexicons/editorial_words.tsv``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from framing import __version__
from framing.analyzer import Analyzer
from framing.checksum import canonical_hash
from framing.dimensions.editorial import Editorial
from framing.editorial.model import ALWAYS_SHOWN_PREFIXES, DOCUMENT_FEATURES, EditorialModel
from framing.editorial.signals import Signal, Voice, extract_signals, first_word, word_feature_token
from framing.text import tokenize

#: The repository root (the package sits in ROOT / "framing").
ROOT = Path(__file__).resolve().parents[2]
WEIGHTS_PATH = ROOT / "framing" / "data" / "editorial_weights.json"
WORDS_PATH = ROOT / "lexicons" / "editorial_words.tsv"

#: Per-sentence cap on each feature's units (saturation), shared with run time via the JSON file.
CAP = 3.0
#: Share at which signals in reported speech count (0 = as reporting, 1 = as the writer's words).
REPORTED_SHARE = 0.5
#: Word features: minimum training sentences; a word column is multiplied by the word scale, so a
#: smaller scale means a stronger L2 penalty on word weights than on signal weights.
MIN_DF = 3
WORD_SCALES = (0.5, 1.0)
#: Inverse L2 penalty strengths tried by the inner cross-validation.
CS = (0.05, 0.1, 0.3)
INNER_FOLDS = 3
#: Task-specific columns are multiplied by this: their deviations are penalised 1 / TASK_SCALE**2
#: times as much as the shared weights.
TASK_SCALE = 0.5
#: Row weight of each task (BABE sentences appear in two tasks).
TASK_WEIGHTS = {"babe": 1.0, "opinion": 1.0, "checkthat": 1.0}
#: BABE's opinion labels as targets of the opinion task ("No agreement" is left out).
OPINION_TARGETS = {
    "Entirely factual": 0.0,
    "Somewhat factual but also opinionated": 0.5,
    "Expresses writer’s opinion": 1.0,
}
#: A word must hold at least this absolute logit weight to be shipped (and to count in CV).
MIN_WORD_WEIGHT = 0.05
#: The feature "sum of the words' annotated-bias rates" and the rate's smoothing:
#: rate = times marked biased / (sentences with the word + BIAS_SMOOTHING), from BABE's biased_words.
BIAS_FEATURE = "bias_rate"
BIAS_SMOOTHING = 4.0
#: A word needs at least this many annotated-biased occurrences to get a rate (one is noise).
BIAS_MIN_MARKED = 2
#: A fitted word with a positive weight is shown as evidence (category ``opinion``) only when BABE's
#: annotators marked it as biased at least STYLE_MIN_MARKED times and in at least STYLE_MIN_RATE of
#: the sentences it occurs in (smoothed as the bias rate: marked / (occurrences + BIAS_SMOOTHING));
#: otherwise its weight counts in the sentence's style contribution (category ``style``), as
#: function words do. A word marked once in thirty sentences ("elites", "war") is a topic word.
STYLE_MIN_MARKED = 1
STYLE_MIN_RATE = 0.2
#: Prior mean (logit per unit) of the weight of a signal that marks the writer's view (+) or
#: reporting (-): with few training examples a weight stays near it, with many the data decide.
PRIOR = 0.5
#: Decision thresholds tried for macro-F1 (probability).
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.30, 0.701, 0.01))
#: Token evidence thresholds (logit) at which biased-word recovery is reported.
RECOVERY_THRESHOLDS = (0.0, 0.25, 0.5)
#: Word key prefix in feature names.
WORD = "word:"


@dataclass
class Unit:
    """One labelled sentence (or short passage) and its extracted features."""

    dataset: str
    text: str
    label: int
    opinion: float | None
    biased_words: tuple[str, ...]
    features: dict[str, float]
    words: dict[str, float]
    # for biased-word recovery: counted non-word signals with their units, and the word tokens
    # (start, end, norm, word key, voice share)
    signals: tuple[tuple[Signal, float], ...] = ()
    tokens: tuple[tuple[int, int, str, str, float], ...] = ()
    #: With ``featurize(..., by_sentence=True)``: the record's index and the sentence's word count.
    record: int = 0
    n_words: int = 0


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fold_word(norm: str) -> str:
    """A word's inflection key: plural, third-person, past and -ing endings stripped from stems of
    four letters or more, then a final "e" and a doubled final consonant dropped from stems of five
    or more ("states", "stated", "stating" -> "stat"; "stopped" -> "stop"). Words that are not
    purely alphabetic are their own key."""
    if not norm.isalpha():
        return norm
    stem = norm
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 4:
            if suffix == "s" and norm.endswith(("ss", "us", "is")):
                break
            stem = norm[: len(norm) - len(suffix)] + repl
            break
    if len(stem) >= 5 and stem.endswith("e"):
        stem = stem[:-1]
    if len(stem) >= 5 and stem[-1] == stem[-2] and stem[-1] not in "aeiouyls":
        stem = stem[:-1]
    return stem


@cache
def word_feature(norm: str) -> bool:
    """Words that can be a fitted word: letters (hyphens and apostrophes allowed) that the analyser
    reads as one token, so that a lexicon entry matches exactly them."""
    if not norm.replace("-", "").replace("'", "").isalpha():
        return False
    toks = tokenize(norm)
    return len(toks) == 1 and toks[0].norm == norm


def featurize(
    records: Sequence[tuple],
    reported_share: float = REPORTED_SHARE,
    fold: Callable[[str], str] = fold_word,
    by_sentence: bool = False,
) -> list[Unit]:
    """Parse each text and count its signals as the editorial dimension does.

    A record is ``(dataset, text, label, opinion, biased_words)`` or, without an opinion label,
    ``(dataset, text, label, biased_words)``. Word features are keyed by ``fold`` of the word.
    With ``by_sentence`` every sentence of a record is a unit of its own (for documents).
    """
    analyzer = Analyzer(dimensions=["editorial"])
    dims = {d.name: d for d in analyzer.dimensions}
    attribution, editorial = dims["attribution"], dims["editorial"]
    assert isinstance(editorial, Editorial)
    counter = EditorialModel(intercept=0.0, weights={}, cap=CAP, reported_share=reported_share)
    units = []
    for index, record in enumerate(records):
        if len(record) == 4:
            dataset, text, label, biased = record
            opinion = None
        else:
            dataset, text, label, opinion, biased = record
        doc = analyzer.parse(text)
        data = attribution.score(doc, {}).data
        rows, n_words, _ = extract_signals(doc, data, editorial.tables)
        token_voice = Voice(doc, data, editorial.tables.speech_cues).of_tokens(doc.tokens)
        feats: Counter[str] = Counter()
        words: Counter[str] = Counter()
        sigs: list[tuple[Signal, float]] = []
        toks: list[tuple[int, int, str, str, float]] = []
        for i, (row, (first, end)) in enumerate(zip(rows, doc.sentence_tokens)):
            if by_sentence:
                feats, words, sigs, toks = Counter(), Counter(), [], []
            counted = [s for s in row if s.feature != "word"]
            feats.update(counter.features(counted))
            sigs.extend((s, u) for s, u in zip(counted, counter.units(counted)) if u)
            head = first_word(doc, first, end)
            word_signals = []
            for k in range(first, end):
                t = doc.tokens[k]
                if t.kind != "word" or not word_feature(t.norm) or not word_feature_token(t.text, k == head):
                    continue
                key = fold(t.norm)
                s = Signal(t.start, t.end, i, "word", "word", key, 1.0, token_voice[k])
                share = counter.share(s)
                if share:
                    word_signals.append(s)
                    toks.append((t.start, t.end, t.norm, key, share))
            words.update(counter.features(word_signals, words=True))
            if by_sentence:
                units.append(
                    Unit(
                        dataset,
                        text,
                        label,
                        opinion,
                        biased,
                        dict(feats),
                        dict(words),
                        tuple(sigs),
                        tuple(toks),
                        record=index,
                        n_words=n_words[i],
                    )
                )
        if not by_sentence:
            units.append(
                Unit(dataset, text, label, opinion, biased, dict(feats), dict(words), tuple(sigs), tuple(toks))
            )
    return units


def surface_forms(units: Sequence[Unit]) -> dict[str, Counter[str]]:
    """Per word key, how often each surface form was seen (outside quotations)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for u in units:
        for _, _, norm, key, _ in u.tokens:
            out[key][norm] += 1
    return out


def word_entries(model: Fitted, units: Sequence[Unit]) -> list[tuple[str, str, float, tuple[str, ...]]]:
    """The fitted words as lexicon entries ``(term, category, weight, other forms)``: the term is the
    key's most frequent surface form in ``units``, the forms its other inflections seen there; the
    category is ``style`` for a function word or a positive word annotators never marked (see
    :func:`is_style_word`), else ``opinion`` (positive) or ``reporting`` (negative)."""
    surfaces = surface_forms(units)
    fw = function_word_set()
    out = []
    for key, weight in model.words.items():
        seen = surfaces.get(key) or Counter({key: 1})
        head = min(seen, key=lambda f: (-seen[f], len(f), f))
        if is_style_word(head, key, weight, model, fw):
            category = "style"
        else:
            category = "opinion" if weight > 0 else "reporting"
        out.append((head, category, weight, tuple(sorted(f for f in seen if f != head))))
    return sorted(out)


# ---- model fitting ------------------------------------------------------------------------------

#: Sign constraints (documented in docs/editorial.md): features that by their definition mark the
#: writer's view may not get a negative weight, and reporting markers may not get a positive one.
#: Everything else (hedges of quantity, semi-factives, emphatic cues, modality and negation) is free.
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
class Settings:
    """What varies between the fitted configurations (the shipped one and the ablations)."""

    tasks: tuple[str, ...] = ("babe", "opinion", "checkthat")
    task_scale: float = TASK_SCALE
    use_words: bool = True
    use_bias: bool = True
    weighting: str = "tasks"  # "tasks": TASK_WEIGHTS per row; "equal": each data set the same total
    tune_threshold: bool = False
    #: Score with the shared weights (None, as shipped) or with one task's own weights.
    score_task: str | None = None


@dataclass
class Fitted:
    """A fitted model: intercept, shared signal-feature weights, shipped word weights, threshold."""

    intercept: float
    weights: dict[str, float]
    words: dict[str, float]
    C: float
    word_scale: float
    threshold: float = 0.5
    task_intercepts: dict[str, float] = field(default_factory=dict)
    #: Per task: the shared weights plus that task's deviations (measured, not shipped).
    variants: dict[str, Fitted] = field(default_factory=dict)
    #: Word keys annotators marked as biased (STYLE_MIN_MARKED); other positive words are style.
    marked: frozenset[str] = frozenset()


def bias_rates(units: Sequence[Unit]) -> dict[str, float]:
    """Word key -> smoothed share of its BABE sentences in which annotators marked it as biased."""
    occurs, marked = bias_counts(units)
    return {w: marked[w] / (occurs[w] + BIAS_SMOOTHING) for w in occurs if marked[w] >= BIAS_MIN_MARKED}


def marked_words(units: Sequence[Unit]) -> frozenset[str]:
    """Word keys BABE's annotators marked as biased at least STYLE_MIN_MARKED times in ``units``, at
    a smoothed rate of at least STYLE_MIN_RATE."""
    occurs, marked = bias_counts(units)
    return frozenset(
        w
        for w, n in marked.items()
        if n >= STYLE_MIN_MARKED and n / (occurs[w] + BIAS_SMOOTHING) >= STYLE_MIN_RATE - 1e-12
    )


@cache
def function_word_set() -> frozenset[str]:
    """The analyser's function words (``english_function_words``)."""
    return Analyzer(dimensions=["editorial"]).resources.function_words


def bias_counts(units: Sequence[Unit]) -> tuple[Counter[str], Counter[str]]:
    """Per word key: BABE sentences it occurs in, and those in which annotators marked it."""
    occurs: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    for u in units:
        if u.dataset != "babe":
            continue
        gold = gold_words(u.biased_words)
        hit: dict[str, bool] = {}
        for _, _, norm, key, _ in u.tokens:
            hit[key] = hit.get(key, False) or norm in gold
        for key, h in hit.items():
            occurs[key] += 1
            marked[key] += h
    return occurs, marked


def _unit_matrix(
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
        bias = sum(rates.get(w, 0.0) * v for w, v in u.words.items())
        if bias:
            rows.append(r)
            cols.append(bias_col)
            vals.append(bias)
        for w, v in u.words.items():
            j = w_index.get(w)
            if j is not None:
                rows.append(r)
                cols.append(j)
                vals.append(scale * v)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(units), len(features) + len(vocab)))


def task_rows(units: Sequence[Unit], settings: Settings) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """Training rows: (unit index, task, target in 0..1, row weight)."""
    idx, tasks, ys, ws = [], [], [], []
    counts = Counter(u.dataset for u in units)
    for i, u in enumerate(units):
        candidates = []
        if u.dataset == "babe":
            candidates.append(("babe", float(u.label)))
            if u.opinion is not None:
                candidates.append(("opinion", u.opinion))
        else:
            candidates.append((u.dataset, float(u.label)))
        for task, y in candidates:
            if task not in settings.tasks:
                continue
            if settings.weighting == "equal":
                w = len(units) / (len(counts) * counts[u.dataset])
            else:
                w = TASK_WEIGHTS.get(task, 1.0)
            idx.append(i)
            tasks.append(task)
            ys.append(y)
            ws.append(w)
    return np.array(idx), tasks, np.array(ys), np.array(ws)


def logistic_fit(
    X: sparse.csr_matrix,
    y: np.ndarray,
    sw: np.ndarray,
    C: float,
    bounds: Sequence[tuple[float | None, float | None]],
    prior: np.ndarray,
) -> tuple[float, np.ndarray]:
    """Sample-weighted logistic regression with a Gaussian prior and bounds on the coefficients.

    Minimises ``sum_i sw_i * crossentropy(y_i, p_i) + ||beta - prior||^2 / (2 C)`` with L-BFGS-B;
    targets ``y`` may be soft (0..1); the intercept is not penalised. A zero prior is ordinary L2
    regularisation.
    """
    Xt = X.T.tocsr()

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        b0, beta = theta[0], theta[1:]
        z = X @ beta + b0
        diff = beta - prior
        loss = np.sum(sw * (np.logaddexp(0.0, z) - y * z)) + diff @ diff / (2.0 * C)
        g = sw * (expit(z) - y)
        grad = np.empty_like(theta)
        grad[0] = g.sum()
        grad[1:] = Xt @ g + diff / C
        return float(loss), grad

    theta0 = np.concatenate([[0.0], prior])
    res = minimize(
        objective, theta0, jac=True, method="L-BFGS-B", bounds=[(None, None), *bounds], options={"maxiter": 5000}
    )
    return float(res.x[0]), res.x[1:]


def vocabulary(units: Sequence[Unit]) -> list[str]:
    df = Counter(w for u in units for w in u.words)
    return sorted(w for w, n in df.items() if n >= MIN_DF)


def _fit(
    units: Sequence[Unit], features: Sequence[str], vocab: Sequence[str], C: float, scale: float, settings: Settings
) -> Fitted:
    """Shared plus task-specific weights; the shared ones are returned (as run time uses them)."""
    rates = bias_rates(units) if settings.use_bias else {}
    Xu = _unit_matrix(units, features, vocab, scale, rates)
    idx, tasks, y, sw = task_rows(units, settings)
    X = Xu[idx]
    p = X.shape[1]
    blocks = [X]
    task_names = sorted(set(tasks)) if settings.task_scale > 0 else []
    for t in task_names:
        mask = sparse.diags(np.array([float(k == t) for k in tasks]))
        ones = sparse.csr_matrix(np.array([[float(k == t)] for k in tasks]))
        blocks.append(settings.task_scale * (mask @ X))
        blocks.append(ones)
    Xfull = sparse.hstack(blocks).tocsr()
    shared_bounds = [sign_bounds(f) for f in features] + [(None, None)] * len(vocab)
    shared_prior = [prior_weight(f) for f in features] + [0.0] * len(vocab)
    n_task = len(task_names) * (p + 1)
    bounds = shared_bounds + [(None, None)] * n_task
    prior = np.array(shared_prior + [0.0] * n_task)
    intercept, coef = logistic_fit(Xfull, y, sw, C, bounds, prior)
    model = _weights(coef[:p], intercept, features, vocab, scale, rates, C)
    model.marked = marked_words(units)
    for k, t in enumerate(task_names):
        block = coef[p + k * (p + 1) : p + (k + 1) * (p + 1)]
        own = _weights(
            coef[:p] + settings.task_scale * block[:p], intercept + block[p], features, vocab, scale, rates, C
        )
        model.task_intercepts[t] = float(block[p])
        model.variants[t] = own
    return model


def _weights(
    beta: np.ndarray,
    intercept: float,
    features: Sequence[str],
    vocab: Sequence[str],
    scale: float,
    rates: dict[str, float],
    C: float,
) -> Fitted:
    """Signal weights and shipped word weights (own coefficient plus bias-rate share) from coefficients."""
    weights = {f: float(beta[i]) for i, f in enumerate(features) if f != BIAS_FEATURE}
    bias_w = float(beta[features.index(BIAS_FEATURE)])
    words: dict[str, float] = {w: float(beta[len(features) + i]) * scale for i, w in enumerate(vocab)}
    for w, r in rates.items():
        words[w] = words.get(w, 0.0) + bias_w * r
    words = {w: v for w, v in words.items() if abs(v) >= MIN_WORD_WEIGHT}
    return Fitted(intercept, weights, words, C, scale)


def best_threshold(units: Sequence[Unit], p: np.ndarray) -> float:
    """The probability threshold that maximises the mean of the data sets' macro-F1."""
    best, best_f1 = 0.5, -1.0
    datasets = sorted({u.dataset for u in units})
    ys = {ds: np.array([u.label for u in units if u.dataset == ds]) for ds in datasets}
    ps = {ds: p[[i for i, u in enumerate(units) if u.dataset == ds]] for ds in datasets}
    for t in THRESHOLDS:
        f1 = float(np.mean([f1_score(ys[ds], ps[ds] >= t, average="macro") for ds in datasets]))
        if f1 > best_f1 + 1e-12:
            best, best_f1 = t, f1
    return best


def fit_model(units: Sequence[Unit], features: Sequence[str], settings: Settings | bool, seed: int) -> Fitted:
    """Inner-CV choice of C and word scale, the threshold, then the fit: all on ``units`` only.

    ``settings`` True or False stands for the shipped settings with or without word features."""
    if isinstance(settings, bool):
        settings = Settings(use_words=settings, use_bias=settings)
    grid = [(C, s) for C in CS for s in (WORD_SCALES if settings.use_words else (1.0,))]
    strata = [f"{u.dataset}:{u.label}" for u in units]
    inner = StratifiedKFold(INNER_FOLDS, shuffle=True, random_state=seed)
    splits = list(inner.split(units, strata))
    best, best_auc, best_p = grid[0], -1.0, np.full(len(units), 0.5)
    for C, s in grid:
        p = np.zeros(len(units))
        for tr, te in splits:
            train = [units[i] for i in tr]
            m = _fit(train, features, vocabulary(train) if settings.use_words else [], C, s, settings)
            p[te] = predict(scorer(m, settings), [units[i] for i in te])
        auc = _mean_dataset_auc(units, p)
        if auc > best_auc:
            best, best_auc, best_p = (C, s), auc, p
    C, s = best
    model = _fit(units, features, vocabulary(units) if settings.use_words else [], C, s, settings)
    model.threshold = best_threshold(units, best_p) if settings.tune_threshold else 0.5
    return model


def scorer(model: Fitted, settings: Settings) -> Fitted:
    """The weights that score: the shared ones, or ``settings.score_task``'s own (same threshold)."""
    if settings.score_task is None:
        return model
    own = model.variants[settings.score_task]
    own.threshold = model.threshold
    return own


def logits(model: Fitted, units: Sequence[Unit]) -> np.ndarray:
    """Sentence logits, computed the way the dimension computes them (intercept + contributions)."""
    out = []
    for u in units:
        z = model.intercept
        z += sum(model.weights.get(f, 0.0) * v for f, v in u.features.items())
        z += sum(model.words.get(w, 0.0) * v for w, v in u.words.items())
        out.append(z)
    return np.array(out, dtype=float)


def predict(model: Fitted, units: Sequence[Unit]) -> np.ndarray:
    """Probabilities, computed the way the dimension computes them."""
    return expit(logits(model, units))


def _mean_dataset_auc(units: Sequence[Unit], p: np.ndarray) -> float:
    aucs = []
    for ds in sorted({u.dataset for u in units}):
        idx = [i for i, u in enumerate(units) if u.dataset == ds]
        y = [units[i].label for i in idx]
        if len(set(y)) == 2:
            aucs.append(roc_auc_score(y, p[idx]))
    return float(np.mean(aucs)) if aucs else 0.5


def ablate(units: Sequence[Unit], drop_prefix: str = "", drop_words: frozenset[str] = frozenset()) -> list[Unit]:
    """Copies of the units without the features starting with ``drop_prefix`` and without the
    word keys in ``drop_words`` (for the ablations)."""
    out = []
    for u in units:
        feats = {f: v for f, v in u.features.items() if not (drop_prefix and f.startswith(drop_prefix))}
        sigs = tuple((s, n) for s, n in u.signals if not (drop_prefix and s.feature.startswith(drop_prefix)))
        words = {w: v for w, v in u.words.items() if w not in drop_words}
        toks = tuple(t for t in u.tokens if t[3] not in drop_words)
        out.append(Unit(u.dataset, u.text, u.label, u.opinion, u.biased_words, feats, words, sigs, toks))
    return out


# ---- evaluation ---------------------------------------------------------------------------------


def crossvalidate(
    units: Sequence[Unit], features: Sequence[str], settings: Settings, folds: int, seed: int
) -> tuple[np.ndarray, np.ndarray, list[Fitted], np.ndarray]:
    """Out-of-fold probabilities and thresholds for every unit, the fold models and each unit's fold."""
    strata = [f"{u.dataset}:{u.label}" for u in units]
    outer = StratifiedKFold(folds, shuffle=True, random_state=seed)
    p = np.zeros(len(units))
    thr = np.zeros(len(units))
    fold_of = np.zeros(len(units), dtype=int)
    models = []
    for k, (tr, te) in enumerate(outer.split(units, strata)):
        model = scorer(fit_model([units[i] for i in tr], features, settings, seed), settings)
        p[te] = predict(model, [units[i] for i in te])
        thr[te] = model.threshold
        fold_of[te] = k
        models.append(model)
    return p, thr, models, fold_of


def metrics(units: Sequence[Unit], p: np.ndarray, thr: np.ndarray, dataset: str) -> dict[str, float]:
    idx = [i for i, u in enumerate(units) if u.dataset == dataset]
    y = np.array([units[i].label for i in idx])
    q, t = p[idx], thr[idx]
    return {
        "n": len(idx),
        "roc_auc": float(roc_auc_score(y, q)),
        "macro_f1": float(f1_score(y, q >= t, average="macro")),
        "macro_f1_at_0.5": float(f1_score(y, q >= 0.5, average="macro")),
        "accuracy": float(np.mean((q >= t) == y)),
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


def _lexical(s: Signal) -> bool:
    return not s.feature.startswith(("rule:", "cue:"))


def token_evidence(u: Unit, model: Fitted) -> dict[str, float]:
    """Word -> its summed evidence weight: its word weight plus the lexicon signals covering it,
    each at its voice share (words in quotations are never flagged)."""
    score: dict[str, float] = {}
    for a, b, norm, key, share in u.tokens:
        total = model.words.get(key, 0.0) * share
        for s, units in u.signals:
            if s.start <= a and b <= s.end and _lexical(s):
                total += model.weights.get(s.feature, 0.0) * units
        score[norm] = max(score.get(norm, float("-inf")), total)
    return score


def recovery(units: Sequence[Unit], models: Sequence[Fitted], fold_of: np.ndarray) -> dict[str, object]:
    """Word-level precision and recall of evidence against BABE's annotated biased words.

    A word outside quotations is flagged when its evidence weight (under the model of the fold
    that held the sentence out) exceeds a threshold. Micro-averaged over BABE sentences with at
    least one annotated word. ``lexicon_coverage``: share of annotated words hit by any lexicon
    entry that counts (outside quotations).
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
            norm for s, _ in u.signals if _lexical(s) for a, b, norm, _, _ in u.tokens if s.start <= a and b <= s.end
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


#: Contributions under this (absolute logit) are not shown as evidence items but summed per sentence
#: (``editorial_minor``): under 0.2 a signal moves a 50% probability by less than 5 points.
MIN_EVIDENCE = 0.2
#: Smallest contributions (logit) at which evidence precision is also reported.
MIN_WEIGHTS = (0.0, 0.1, 0.2, 0.3)
#: Evidence items shown per sentence, and the longest span (in words) that counts as a word choice.
TOP_EVIDENCE = 3
MAX_EVIDENCE_WORDS = 5


def evidence_items(
    u: Unit, model: Fitted, function_words: frozenset[str], hide_style: bool, min_weight: float = 0.0
) -> list[tuple[float, int, int]]:
    """The sentence's evidence spans with a positive contribution, as the dimension shows them:
    ``(contribution, start, end)``, largest first, one per span with the summed contribution of
    the items on it. Word items take their word weight at their voice share once per word; lexicon
    and rule items their weight times their units. With ``hide_style`` function-word spans are left
    out (they are the aggregate style contribution, not items); a span of single-word signals only
    (no feature in ALWAYS_SHOWN_PREFIXES) whose summed contribution is under ``min_weight`` is left
    out too (the model's ``min_evidence``, :meth:`EditorialModel.minor`)."""
    total: dict[tuple[int, int], float] = {}
    shown: set[tuple[int, int]] = set()
    seen: set[str] = set()
    for a, b, norm, key, share in u.tokens:
        w = model.words.get(key, 0.0)
        if not w or key in seen or (hide_style and is_style_word(norm, key, w, model, function_words)):
            continue
        seen.add(key)
        total[(a, b)] = total.get((a, b), 0.0) + w * share
    for sig, units in u.signals:
        if hide_style and sig.style:
            continue
        c = model.weights.get(sig.feature, 0.0) * units
        if not c:
            continue
        span = (sig.start, sig.end)
        total[span] = total.get(span, 0.0) + c
        if sig.feature.startswith(ALWAYS_SHOWN_PREFIXES):
            shown.add(span)
    items = [(c, a, b) for (a, b), c in total.items() if c > 0 and ((a, b) in shown or c >= min_weight - 1e-12)]
    items.sort(key=lambda t: (-t[0], t[1]))
    return items


def is_style_word(norm: str, key: str, weight: float, model: Fitted, function_words: frozenset[str]) -> bool:
    """A fitted word that counts in the style contribution: a function word, or a word with a
    positive weight that annotators rarely or never mark as biased (:func:`marked_words`)."""
    return norm in function_words or key in function_words or (weight > 0 and key not in model.marked)


def top_evidence_precision(
    units: Sequence[Unit],
    models: Sequence[Fitted],
    fold_of: np.ndarray,
    function_words: frozenset[str],
    hide_style: bool = True,
    min_weight: float = 0.0,
) -> dict[str, float]:
    """Precision of each sentence's top evidence spans against BABE's annotated biased words.

    Over BABE sentences with at least one annotated word, each scored by the model of the fold that
    held it out: the top TOP_EVIDENCE spans by contribution (a span with several signals, say a
    loaded term and a subjectivity clue on one word, is one span, at their summed contribution); a
    span is right when it has at most MAX_EVIDENCE_WORDS words and contains an annotated word.
    Micro-averaged over spans; ``sentences_with_items`` is the share of those sentences that show any."""
    right = shown = sentences = with_items = 0
    function_items = 0
    for i, u in enumerate(units):
        if u.dataset != "babe" or not u.biased_words:
            continue
        sentences += 1
        gold = gold_words(u.biased_words)
        top: list[tuple[float, int, int]] = []
        for item in evidence_items(u, models[fold_of[i]], function_words, hide_style, min_weight):
            if len(top) == TOP_EVIDENCE:
                break
            if all((item[1], item[2]) != (t[1], t[2]) for t in top):
                top.append(item)
        with_items += bool(top)
        for _, a, b in top:
            inside = [norm for s, e, norm, _, _ in u.tokens if a <= s and e <= b]
            shown += 1
            right += bool(inside) and len(inside) <= MAX_EVIDENCE_WORDS and any(w in gold for w in inside)
            function_items += bool(inside) and all(w in function_words for w in inside)
    return {
        "precision": right / shown if shown else 0.0,
        "items": shown,
        "sentences": sentences,
        "sentences_with_items": with_items / sentences if sentences else 0.0,
        "function_word_items": function_items / shown if shown else 0.0,
    }


HEADLINE = (
    ("babe", "roc_auc"),
    ("babe", "macro_f1"),
    ("babe", "macro_f1_at_0.5"),
    ("checkthat", "roc_auc"),
    ("checkthat", "macro_f1"),
    ("checkthat", "macro_f1_at_0.5"),
    ("babe_opinion", "writer_vs_factual"),
    ("babe_opinion", "any_vs_factual"),
)


def _mean_runs(runs: Sequence[dict]) -> dict[str, object]:
    """Mean and standard deviation over repeated CV runs of every headline number."""
    out: dict[str, object] = {"n_runs": len(runs)}
    for a, b in HEADLINE:
        vals = [r[a][b] for r in runs]
        out[f"{a}.{b}"] = {"mean": float(np.mean(vals)), "sd": float(np.std(vals))}
    for k, row in enumerate(runs[0]["biased_words"]["at"]):
        for m in ("precision", "recall", "f1"):
            vals = [r["biased_words"]["at"][k][m] for r in runs]
            out[f"biased_words.{m}@{row['threshold']}"] = {"mean": float(np.mean(vals)), "sd": float(np.std(vals))}
    out["biased_words.lexicon_coverage"] = runs[0]["biased_words"]["lexicon_coverage"]
    for key in ("top_evidence", "top_evidence_with_function_words"):
        vals = [r[key]["precision"] for r in runs]
        out[f"{key}.precision"] = {"mean": float(np.mean(vals)), "sd": float(np.std(vals))}
    if "checkthat_dev" in runs[0]:
        for m in ("roc_auc", "macro_f1", "macro_f1_at_0.5"):
            vals = [r["checkthat_dev"][m] for r in runs]
            out[f"checkthat_dev.{m}"] = {"mean": float(np.mean(vals)), "sd": float(np.std(vals))}
    return out


# ---- documents: the document score and genre, calibrated on labelled articles ------------------

#: Genre thresholds on the document probability are chosen inside the training folds so that
#: opinion recall and reporting precision reach these (with a margin over the aims of 0.8 and 0.9;
#: the stricter reporting precision leaves a band of ``mixed`` documents between the thresholds).
GENRE_OPINION_RECALL = 0.85
GENRE_REPORTING_PRECISION = 0.95
#: Inverse L2 penalty of the two-feature document logistic regression.
DOCUMENT_C = 1.0


def training_share(units: Sequence[Unit], settings: Settings) -> float:
    """The weighted mean target of the training rows: the share of opinion the fit was calibrated to."""
    _, _, y, sw = task_rows(units, settings)
    return float(np.sum(sw * y) / np.sum(sw))


def news_prior(z: np.ndarray, train_share: float, iterations: int = 200) -> float:
    """The share of opinion sentences in unlabelled news text by the EM prior estimate of Saerens,
    Latinne & Decaestecker (2002, "Adjusting the outputs of a classifier to new a priori
    probabilities"): the posteriors ``expit(z)`` are shifted by the log-odds ratio of a candidate
    share to ``train_share`` and the share is their mean, until it settles."""
    base = np.log(train_share / (1.0 - train_share))
    share = train_share
    for _ in range(iterations):
        new = float(np.mean(expit(z + np.log(share / (1.0 - share)) - base)))
        if abs(new - share) < 1e-7:
            return new
        share = new
    return share


def shift_to_prior(model: Fitted, train_share: float, share: float) -> float:
    """Move ``model`` to the prior ``share``: intercept and threshold shift by the same log-odds, so
    every decision stays as fitted while probabilities speak of the new population. Returns the shift."""
    delta = float(np.log(share / (1.0 - share)) - np.log(train_share / (1.0 - train_share)))
    model.intercept += delta
    model.threshold = round(float(expit(np.log(model.threshold / (1.0 - model.threshold)) + delta)), 6)
    return delta


def load_genre_labels(path: str) -> dict[str, int]:
    """``article_id`` -> 1 (opinion) or 0 (news) from a labelled TSV (see benchmarks/GENRE_LABELLING_GUIDE.md)."""
    out: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for n, line in enumerate(fh, start=2):
            cells = dict(zip(header, line.rstrip("\n").split("\t")))
            label = cells.get("label", "")
            if label not in ("opinion", "news"):
                raise ValueError(f"{path}:{n}: label {label!r} is not opinion or news")
            out[cells["article_id"]] = int(label == "opinion")
    return out


def document_features(sentences: Sequence[Unit], model: Fitted, n_records: int) -> np.ndarray:
    """Per record: the word-weighted mean sentence logit and the share of words in sentences at or
    above the model threshold (the dimension's ``genre_score``)."""
    cut = np.log(model.threshold / (1.0 - model.threshold))
    z = logits(model, sentences)
    num = np.zeros(n_records)
    opinion = np.zeros(n_records)
    words = np.zeros(n_records)
    for u, zi in zip(sentences, z):
        num[u.record] += zi * u.n_words
        opinion[u.record] += u.n_words * (zi >= cut)
        words[u.record] += u.n_words
    words = np.maximum(words, 1)
    return np.column_stack([num / words, opinion / words])


def fit_document(X: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray, float, float]:
    """Document logistic regression and genre thresholds: (intercept, coefficients, opinion
    threshold, reporting threshold). The opinion threshold is the highest probability at which
    opinion recall reaches GENRE_OPINION_RECALL; the reporting threshold the highest (not above it)
    below which reporting precision stays at GENRE_REPORTING_PRECISION."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=DOCUMENT_C).fit(X, y)
    p = clf.predict_proba(X)[:, 1]
    t_op = 0.5
    for t in np.round(np.arange(0.95, 0.0, -0.01), 2):
        if np.mean(p[y == 1] >= t) >= GENRE_OPINION_RECALL:
            t_op = float(t)
            break
    t_rep = 0.01
    for t in np.round(np.arange(t_op, 0.0, -0.01), 2):
        below = p < t
        if below.any() and np.mean(y[below] == 0) >= GENRE_REPORTING_PRECISION:
            t_rep = float(t)
            break
    return float(clf.intercept_[0]), clf.coef_[0].astype(float), t_op, t_rep


def document_probability(X: np.ndarray, intercept: float, coef: np.ndarray) -> np.ndarray:
    return expit(intercept + X @ coef)


def crossvalidate_documents(X: np.ndarray, y: np.ndarray, seeds: Sequence[int], folds: int = 5) -> dict[str, object]:
    """Repeated stratified K-fold CV of the document model and its genre thresholds."""
    runs = []
    for seed in seeds:
        p = np.zeros(len(y))
        genre = np.empty(len(y), dtype=object)
        for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(X, y):
            b0, coef, t_op, t_rep = fit_document(X[tr], y[tr])
            p[te] = document_probability(X[te], b0, coef)
            genre[te] = np.where(p[te] >= t_op, "opinion", np.where(p[te] < t_rep, "reporting", "mixed"))
        reporting = genre == "reporting"
        runs.append(
            {
                "roc_auc": float(roc_auc_score(y, p)),
                "accuracy": float(np.mean((p >= 0.5) == y)),
                "opinion_recall": float(np.mean(genre[y == 1] == "opinion")),
                "opinion_precision": float(np.mean(y[genre == "opinion"] == 1)) if (genre == "opinion").any() else 0.0,
                "reporting_precision": float(np.mean(y[reporting] == 0)) if reporting.any() else 0.0,
                "reporting_recall": float(np.mean(genre[y == 0] == "reporting")),
                "mixed_share": float(np.mean(genre == "mixed")),
            }
        )
    out: dict[str, object] = {"n": len(y), "n_opinion": int(y.sum()), "runs": runs}
    for key in runs[0]:
        vals = [r[key] for r in runs]
        out[key] = {"mean": float(np.mean(vals)), "sd": float(np.std(vals))}
    return out


# ---- output -------------------------------------------------------------------------------------


def write_model(
    model: Fitted,
    command: str,
    n: dict[str, int],
    reported_share: float,
    settings: Settings,
    units: Sequence[Unit],
    document: dict[str, object] | None = None,
    prior: dict[str, float] | None = None,
    checkthat_split: str = "dev",
) -> None:
    today = date.today().isoformat()
    payload = {
        "description": "Editorial sentence model: logistic regression over capped signal units. "
        "logit = intercept + sum(weight[feature] * units) + sum(editorial_words weight * units); a signal's "
        "units are its value times its voice share (1 writer, reported_share in reported speech, 0 in a "
        "quotation), each feature taking at most `cap` units and each word at most 1 per sentence. "
        "Written by benchmarks/fit_editorial.py.",
        "fitted_on": {
            "babe": f"BABE (Spinde et al. 2021), {n.get('babe', 0)} sentences: biased = 1 (task babe); "
            "label_opinion writer's opinion = 1, somewhat factual = 0.5, entirely factual = 0 (task opinion)",
            "checkthat": f"CLEF CheckThat! subjectivity, English {checkthat_split}, {n.get('checkthat', 0)} sentences, "
            "SUBJ = 1",
            "tasks": list(settings.tasks),
            "sharing": f"shared weights plus task-specific deviations (columns scaled by {settings.task_scale}); "
            "only the shared weights are used",
        },
        "command": command,
        "date": today,
        "C": model.C,
        "word_scale": model.word_scale,
        "n_words": len(model.words),
        "task_intercepts": {t: round(v, 6) for t, v in sorted(model.task_intercepts.items())},
        "intercept": round(model.intercept, 6),
        "cap": CAP,
        "threshold": model.threshold,
        "reported_share": reported_share,
        "min_evidence": MIN_EVIDENCE,
        "weights": {f: round(w, 6) for f, w in sorted(model.weights.items())},
    }
    if prior:
        payload["prior"] = {
            "description": "intercept and threshold are shifted by the same log-odds from the training rows' "
            "share of opinion to the share of opinion sentences in news articles (EM estimate of Saerens et al. "
            "2002 on the sentences of the labelled MBIC articles), so decisions are as fitted and probabilities "
            "speak of news text",
            **{k: round(v, 6) for k, v in prior.items()},
        }
    if document:
        payload["document"] = document
    payload["framing_version"] = __version__
    payload["sha256"] = canonical_hash(payload)
    WEIGHTS_PATH.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    header = [
        "# name: editorial_words",
        "# version: 3.0.0",
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
        f" editorial logit when it appears in the writer's voice (positive = opinion, negative = reporting; in"
        f" reported speech it counts at the model's reported_share, in a quotation not at all). category: opinion"
        f" (positive weight, a word BABE's annotators marked as biased: shown as evidence), reporting (negative"
        f" weight: shown as evidence), style (a function word, or a positive word annotators never marked: it"
        f" counts in the sentence's aggregate style contribution, not as an evidence item). forms: the other"
        f" inflections seen in the training data, which share the weight. Fitted {today} with: {command}",
        "term\tcategory\tweight\tforms",
    ]
    lines = [
        f"{term}\t{category}\t{v:.4f}\t{'|'.join(forms)}".rstrip("\t")
        for term, category, v, forms in word_entries(model, units)
    ]
    WORDS_PATH.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--babe", required=True, help="babe_dev.jsonl")
    ap.add_argument("--checkthat", required=True, help="subjectivity_checkthat_en_dev.jsonl")
    ap.add_argument(
        "--checkthat-train",
        help="subjectivity_checkthat_en_train.jsonl: fitted with BABE; the --checkthat file is then only measured",
    )
    ap.add_argument("--genre", help="genre labels of articles (benchmarks/genre_mbic.tsv) for the document model")
    ap.add_argument("--articles", help="the labelled articles' JSONL (news_articles_mbic.jsonl: article_id, article)")
    ap.add_argument(
        "--news-prior",
        action="store_true",
        help="shift intercept and threshold to the EM estimate of the share of opinion sentences in the articles",
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0], help="repeat the CV with these fold seeds")
    ap.add_argument("--reported-share", type=float, default=REPORTED_SHARE, help="share of reported-speech signals")
    ap.add_argument("--ablations", action="store_true", help="also cross-validate the ablated configurations")
    ap.add_argument("--try", dest="try_settings", nargs="*", metavar="FIELD=VALUE", help="also cross-validate these")
    ap.add_argument("--write", action="store_true", help="write the model fitted on all data")
    ap.add_argument("--json", metavar="FILE", help="write the measured numbers as JSON")
    args = ap.parse_args(argv)

    t0 = time.time()
    babe = load_jsonl(args.babe)
    records = [
        (
            "babe",
            r["text"],
            int(r["label"]),
            OPINION_TARGETS.get(r.get("label_opinion", "")),
            tuple(r.get("biased_words") or ()),
        )
        for r in babe
    ]
    checkthat = [("checkthat", r["sentence"], int(r["label"] == "SUBJ"), None, ()) for r in load_jsonl(args.checkthat)]
    if args.checkthat_train:
        records += [
            ("checkthat", r["sentence"], int(r["label"] == "SUBJ"), None, ()) for r in load_jsonl(args.checkthat_train)
        ]
        dev_units = featurize(checkthat, args.reported_share)
    else:
        records += checkthat
        dev_units = []
    units = featurize(records, args.reported_share)
    function_words = Analyzer(dimensions=["editorial"]).resources.function_words
    features = sorted({f for u in units for f in u.features} | {BIAS_FEATURE})
    print(f"{len(units)} sentences, {len(features)} features, parsed in {time.time() - t0:.1f}s", file=sys.stderr)

    results: dict[str, object] = {"reported_share": args.reported_share}
    unfitted = Fitted(0.0, {f: prior_weight(f) for f in features}, {}, 0.0, 0.0)
    p0 = predict(unfitted, units)
    half = np.full(len(units), 0.5)
    results["unfitted_priors"] = {
        "babe": {"roc_auc": metrics(units, p0, half, "babe")["roc_auc"]},
        "checkthat": {"roc_auc": metrics(units, p0, half, "checkthat")["roc_auc"]},
        "babe_opinion": opinion_auc(babe, p0[: len(babe)]),
    }
    shipped = Settings()
    configs: list[tuple[str, Settings, list[Unit]]] = [("shipped", shipped, units)]
    if args.ablations:
        configs += [
            ("no_opinion_task", Settings(tasks=("babe", "checkthat")), units),
            (
                "one_pooled_model_equal_weights",
                Settings(tasks=("babe", "checkthat"), task_scale=0.0, weighting="equal"),
                units,
            ),
            ("no_task_deviations", Settings(task_scale=0.0), units),
            ("no_bias_rate", Settings(use_bias=False), units),
            ("signals_only", Settings(use_words=False, use_bias=False), units),
            ("no_function_words", shipped, ablate(units, drop_words=function_words)),
            ("no_modality_negation", shipped, ablate(units, drop_prefix="modality_negation:")),
            ("no_inflection_folding", shipped, featurize(records, args.reported_share, fold=str)),
            ("reported_share_0", shipped, featurize(records, 0.0)),
            ("reported_share_1", shipped, featurize(records, 1.0)),
            ("threshold_tuned", Settings(tune_threshold=True), units),
            ("checkthat_own_weights", Settings(score_task="checkthat"), units),
        ]
    for spec in args.try_settings or ():
        key, _, value = spec.partition("=")
        configs.append((spec, Settings(**{key: type(getattr(shipped, key))(value)}), units))
    for name, settings, config_units in configs:
        runs = []
        for seed in args.seeds:
            p, thr, models, fold_of = crossvalidate(config_units, features, settings, args.folds, seed)
            runs.append(
                {
                    "seed": seed,
                    "babe": metrics(config_units, p, thr, "babe"),
                    "checkthat": metrics(config_units, p, thr, "checkthat"),
                    "babe_opinion": opinion_auc(babe, p[: len(babe)]),
                    "biased_words": recovery(config_units, models, fold_of),
                    "top_evidence": top_evidence_precision(
                        config_units, models, fold_of, function_words, min_weight=MIN_EVIDENCE
                    ),
                    "top_evidence_with_function_words": top_evidence_precision(
                        config_units, models, fold_of, function_words, hide_style=False
                    ),
                    "top_evidence_at_min_weight": {
                        str(w): top_evidence_precision(config_units, models, fold_of, function_words, min_weight=w)
                        for w in MIN_WEIGHTS
                    },
                    "fold_C": [m.C for m in models],
                    "fold_word_scale": [m.word_scale for m in models],
                    "fold_threshold": [m.threshold for m in models],
                    "fold_n_words": [len(m.words) for m in models],
                }
            )
            r = runs[-1]
            if dev_units:
                held = scorer(fit_model(config_units, features, settings, seed), settings)
                q = predict(held, dev_units)
                r["checkthat_dev"] = metrics(dev_units, q, np.full(len(dev_units), held.threshold), "checkthat")
                r["checkthat_dev"]["threshold"] = held.threshold
                print(f"  CheckThat! dev (not fitted): {r['checkthat_dev']}", file=sys.stderr)
            print(f"  top-3 evidence: {r['top_evidence']}", file=sys.stderr)
            for w, v in r["top_evidence_at_min_weight"].items():
                print(f"  top-3 evidence of at least {w}: {v}", file=sys.stderr)
            print(f"  top-3 evidence with function words: {r['top_evidence_with_function_words']}", file=sys.stderr)
            print(
                f"{name} (seed {seed}): BABE ROC-AUC {r['babe']['roc_auc']:.3f} macro-F1 {r['babe']['macro_f1']:.3f}; "
                f"CheckThat! ROC-AUC {r['checkthat']['roc_auc']:.3f} macro-F1 {r['checkthat']['macro_f1']:.3f}; "
                f"thresholds {r['fold_threshold']} ({time.time() - t0:.0f}s)",
                file=sys.stderr,
            )
        results[name] = {"mean": _mean_runs(runs), "runs": runs}
    command = (
        "python benchmarks/fit_editorial.py --babe <babe_dev.jsonl> --checkthat <subjectivity_checkthat_en_dev.jsonl>"
    )
    if args.checkthat_train:
        command += " --checkthat-train <subjectivity_checkthat_en_train.jsonl>"
    if args.genre:
        command += f" --genre {args.genre} --articles <news_articles_mbic.jsonl>"
    if args.reported_share != REPORTED_SHARE:
        command += f" --reported-share {args.reported_share}"
    final = fit_model(units, features, shipped, args.seeds[0]) if args.write or args.genre else None
    document = None
    if args.genre and final is not None:
        if not args.articles:
            ap.error("--genre needs --articles")
        labels = load_genre_labels(args.genre)
        articles = {r["article_id"]: r["article"] for r in load_jsonl(args.articles) if r["article_id"] in labels}
        missing = sorted(set(labels) - set(articles))
        if missing:
            ap.error(f"{args.genre}: {len(missing)} labelled articles are not in {args.articles}, e.g. {missing[0]}")
        ids = sorted(labels)
        doc_units = featurize(
            [("document", articles[a], labels[a], ()) for a in ids], args.reported_share, by_sentence=True
        )
        train_share = training_share(units, shipped)
        share = news_prior(logits(final, doc_units), train_share)
        print(f"prior: training {train_share:.3f}, news (EM estimate) {share:.3f}", file=sys.stderr)
        results["news_prior"] = {"training_share": train_share, "news_share": share}
        if args.news_prior:
            delta = shift_to_prior(final, train_share, share)
            results["prior"] = {"training_share": train_share, "news_share": share, "shift": delta}
            print(f"  shifted intercept and threshold by {delta:+.3f}", file=sys.stderr)
        X = document_features(doc_units, final, len(ids))
        y = np.array([labels[a] for a in ids])
        results["documents"] = crossvalidate_documents(X, y, args.seeds, args.folds)
        b0, coef, t_op, t_rep = fit_document(X, y)
        document = {
            "intercept": round(b0, 6),
            "weights": {f: round(float(c), 6) for f, c in zip(DOCUMENT_FEATURES, coef)},
            "genre_opinion": t_op,
            "genre_reporting": t_rep,
            "fitted_on": f"{len(y)} articles of the MBIC corpus labelled opinion ({int(y.sum())}) or news by "
            "benchmarks/GENRE_LABELLING_GUIDE.md (benchmarks/genre_mbic.tsv)",
        }
        results["document_model"] = document
        d = results["documents"]
        print(
            f"documents: ROC-AUC {d['roc_auc']['mean']:.3f} accuracy {d['accuracy']['mean']:.3f} opinion recall "
            f"{d['opinion_recall']['mean']:.3f} reporting precision {d['reporting_precision']['mean']:.3f}; "
            f"shipped {document}",
            file=sys.stderr,
        )
    if args.write and final is not None:
        write_model(
            final,
            command + " --write",
            Counter(u.dataset for u in units),
            args.reported_share,
            shipped,
            units,
            document,
            results.get("prior"),
            "train" if args.checkthat_train else "dev",
        )
        results["shipped_model"] = {
            "C": final.C,
            "word_scale": final.word_scale,
            "n_words": len(final.words),
            "threshold": final.threshold,
        }
        print(
            f"wrote {WEIGHTS_PATH} and {WORDS_PATH} ({len(final.words)} words, threshold {final.threshold})",
            file=sys.stderr,
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"done in {time.time() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
