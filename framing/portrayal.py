"""Portrayal of an actor in one document: sentiment toward it over all its mentions, and its role.

Every mention of an entity (names, descriptions and resolved pronouns, from
:class:`framing.entities.EntitiesData`) is scored by the target-sentiment model
(:mod:`framing.target`). The actor's portrayal aggregates them:

- ``mean``: the mean over all mentions of P(positive) - P(negative), -1..1;
- ``n_evaluative``: mentions whose predicted label is not neutral (all mentions);
- which mentions may carry the label (``counts``): names and descriptions, and the pronouns of
  :data:`TRUSTED_PRONOUNS` (he, him, his, himself, she, her, hers, herself), the forms resolved to
  the right entity more often than not on GUM (``benchmarks/pronoun_precision.py``: 0.67-0.75 of
  their links right, against 0.08-0.34 for it, its, they, them, their). The other pronouns are
  kept as mentions, scored and counted in ``mean`` and ``n_evaluative``, but do not decide the label;
- which mentions single the actor out (``distinct``): a mention is distinct when its sentence
  names no other actor, or gives another actor's mention a different label. When every actor of a
  sentence gets the same label, the label is the sentence's tone more than an evaluation of each;
- ``label``: the sign of ``label_mean`` (the mean over the ``n_counted`` mentions that count) when
  |label_mean| >= :data:`LABEL_THRESHOLD`, at least one *named*, distinct mention (not a pronoun)
  is evaluated with that sign, and the mentions that count evaluated with that sign give a
  confidence of at least :data:`MIN_CONFIDENCE`; else neutral;
- ``confidence``: for a positive or negative label, the mean probability of the mentions that
  count labelled so, times ``min(1, their number / 3)`` (one evaluative mention is weaker evidence
  than three); for a neutral label, the mean probability of neutral over all mentions;
- the strongest positive and negative mention among those that count, each with the features that
  decided it.

**Narrative role** (hero, villain, victim or none) comes from a multinomial logistic regression
over features of the actor (``framing/data/roles.json``, fitted by :mod:`framing.training.roles` on
the climate-news narrative corpus of Frermann et al. 2023): role cues from
``lexicons/target_roles.tsv`` by which side of the act each mention is on (it *harms* / is
*harmed*, *helps* / is *helped*, is *blamed*, is *praised*, *suffers*, *obstructs*), the verbs of
``lexicons/target_verbs.tsv`` likewise, the sentiment aggregates above, the words of its name, its
type, how often and how early it is mentioned. The evidence of a role is the cues with the largest
contributions toward it, with their character spans.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .target import SentenceView, TargetResult, TargetScorer, name_spans

if TYPE_CHECKING:
    from .entities import EntitiesData
    from .resources import Resources
    from .results import ParsedDocument

__all__ = [
    "LABEL_THRESHOLD",
    "MIN_CONFIDENCE",
    "ROLES",
    "TRUSTED_PRONOUNS",
    "MentionPortrayal",
    "Portrayal",
    "Portrayer",
    "RoleCue",
    "RoleModel",
    "may_carry_label",
    "role_features",
]

ROLES = ("hero", "villain", "victim", "none")
ROLES_LEXICON = "target_roles"
ROLES_SCHEMA = "framing.roles/1"
ROLES_FEATURE_VERSION = 1
ROLES_MODEL_PATH = "data/roles.json"
#: |mean| at or above this gives a positive or negative actor label (with MIN_CONFIDENCE).
LABEL_THRESHOLD = 0.1
#: An actor label other than neutral needs at least this confidence (one mention at P >= 0.75, or
#: two at P >= 0.375 agreeing...).
MIN_CONFIDENCE = 0.25
#: Pronoun forms that may carry an actor's label: the forms whose links to an entity are right more
#: often than not on GUM (train: he 0.75, his 0.75, him 0.73, she 0.71, her 0.71, himself 0.67,
#: herself 5/5; against its 0.34, their 0.24, they 0.21, them 0.08, it 0.08;
#: ``benchmarks/pronoun_precision.py``). Any threshold between 0.35 and 0.66 gives the same set.
TRUSTED_PRONOUNS = frozenset(("he", "him", "his", "himself", "she", "her", "hers", "herself"))
#: Tokens between a mention and a role cue after it (the mention as its subject) or before it.
AGENT_GAP = 8
PATIENT_GAP = 5
#: Evaluative mentions at which confidence is no longer discounted for their number.
FULL_CONFIDENCE_MENTIONS = 3
#: Role evidence items kept.
MAX_ROLE_EVIDENCE = 5


@dataclass(frozen=True, slots=True)
class RoleCue:
    """A role cue next to a mention: ``text[start:end]`` is the act, ``feature`` what it says about
    the mention (``harm:agent``, ``harm:patient``, ``target_verbs:object_negative:patient``)."""

    start: int
    end: int
    feature: str


@dataclass(frozen=True, slots=True)
class MentionPortrayal:
    """One mention: its span, sentence, whether it is a pronoun, the sentiment toward it, the role
    cues around it, whether it may carry the actor's label (``counts``: a name, a description or
    a pronoun of :data:`TRUSTED_PRONOUNS`) and whether its label singles the actor out (``distinct``:
    no other actor in the sentence, or one labelled differently)."""

    start: int
    end: int
    sentence: int
    pronoun: bool
    sentiment: TargetResult
    cues: tuple[RoleCue, ...] = ()
    counts: bool = True
    distinct: bool = True


@dataclass(frozen=True)
class Portrayal:
    """How a document portrays one actor (see the module docstring)."""

    mentions: tuple[MentionPortrayal, ...]
    mean: float
    label: str
    n_evaluative: int
    n_positive: int
    n_negative: int
    confidence: float
    role: str = "none"
    label_mean: float = 0.0
    n_counted: int = 0
    role_probabilities: Mapping[str, float] = field(default_factory=dict)
    role_evidence: tuple[tuple[int, int, str, float], ...] = ()

    def strongest(self, sign: int) -> MentionPortrayal | None:
        """Of the mentions that may carry the label, the one with the largest score of that sign
        (``1`` positive, ``-1`` negative)."""
        label = "positive" if sign > 0 else "negative"
        pool = [m for m in self.mentions if m.counts and m.sentiment.label == label]
        return max(pool, key=lambda m: m.sentiment.score * sign) if pool else None

    def _strongest_dict(self, text: str, sign: int) -> dict[str, Any] | None:
        best = self.strongest(sign)
        if best is None:
            return None
        cues = [c for c in best.sentiment.cues if c.value * sign > 0]
        return {
            "start": best.start,
            "end": best.end,
            "text": text[best.start : best.end],
            "sentence": best.sentence,
            "score": round(best.sentiment.score, 6),
            "evidence": [
                {
                    "start": c.start,
                    "end": c.end,
                    "text": text[c.start : c.end],
                    "rule": c.rule,
                    "relation": c.relation,
                    "weight": round(c.value, 4),
                }
                for c in cues
            ],
        }

    def sentiment_dict(self, text: str) -> dict[str, Any]:
        """The ``sentiment`` block of an actor record."""
        return {
            "mean": round(self.mean, 6),
            "label": self.label,
            "label_mean": round(self.label_mean, 6),
            "n": len(self.mentions),
            "n_counted": self.n_counted,
            "n_evaluative": self.n_evaluative,
            "n_negative": self.n_negative,
            "n_positive": self.n_positive,
            "confidence": round(self.confidence, 4),
            "strongest_positive": self._strongest_dict(text, 1),
            "strongest_negative": self._strongest_dict(text, -1),
        }

    def role_dict(self, text: str) -> dict[str, Any]:
        """The narrative-role keys of an actor record: ``narrative_role`` (hero, villain, victim or
        none), ``narrative_role_probabilities`` and ``narrative_role_evidence``."""
        return {
            "narrative_role": self.role,
            "narrative_role_probabilities": {k: round(v, 4) for k, v in self.role_probabilities.items()},
            "narrative_role_evidence": [
                {"start": a, "end": b, "text": text[a:b], "feature": f, "weight": round(w, 4)}
                for a, b, f, w in self.role_evidence
            ],
        }


@dataclass(frozen=True)
class RoleModel:
    """Narrative-role weights: ``weights[feature]`` has one weight per role of ``classes``."""

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Any, source: str = "roles model") -> RoleModel:
        """Validate parsed JSON (schema, feature version, SHA-256 of the canonical content)."""
        from .checksum import ModelError, verify_checksum

        if not isinstance(data, dict) or data.get("schema") != ROLES_SCHEMA:
            raise ModelError(f"{source} is not a narrative-role model (expected schema {ROLES_SCHEMA!r})")
        verify_checksum(data, source)
        if data.get("feature_version") != ROLES_FEATURE_VERSION:
            raise ModelError(
                f"{source}: wrong version: features version {data.get('feature_version')!r}, this framing computes"
                f" {ROLES_FEATURE_VERSION} (retrain the model)"
            )
        try:
            classes = tuple(str(c) for c in data["classes"])
            if not set(classes) <= set(ROLES) or len(classes) < 2:
                raise ValueError(f"classes must be among {list(ROLES)}")
            names = data["features"]
            coef = [[float(x) for x in row] for row in data["coef"]]
            intercept = tuple(float(x) for x in data["intercept"])
            if len(coef) != len(classes) or len(intercept) != len(classes):
                raise ValueError("one coef row and one intercept per class")
            if any(len(row) != len(names) for row in coef):
                raise ValueError("coef rows must align with features")
            if not all(math.isfinite(x) for row in coef for x in row):
                raise ValueError("a weight is not finite")
            weights = dict(zip(map(str, names), zip(*coef)))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{source}: invalid model content: {type(exc).__name__}: {exc}") from None
        meta = {k: v for k, v in data.items() if k not in ("features", "coef", "intercept")}
        return cls(classes, weights, intercept, meta)

    @classmethod
    def load(cls, path: str | Path | None = None) -> RoleModel:
        """The shipped model, or the JSON file at ``path``."""
        from .checksum import read_model_json

        return cls.from_dict(*read_model_json(path, ROLES_MODEL_PATH))

    def predict(self, features: Mapping[str, float]) -> tuple[str, dict[str, float], dict[str, tuple[float, ...]]]:
        """The role, the probability of each, and each feature's contribution per class."""
        get = self.weights.get
        z = list(self.intercept)
        classes = range(len(z))
        contrib: dict[str, tuple[float, ...]] = {}
        for name, v in features.items():
            w = get(name)
            if w is None or not v:
                continue
            c = tuple([v * wi for wi in w])
            for i in classes:
                z[i] += c[i]
            contrib[name] = c
        top = max(z)
        e = [math.exp(x - top) for x in z]
        s = sum(e)
        probs = {c: x / s for c, x in zip(self.classes, e)}
        return max(self.classes, key=probs.__getitem__), probs, contrib


@lru_cache(maxsize=1)
def _shipped_roles() -> RoleModel | None:
    try:
        return RoleModel.load()
    except FileNotFoundError:
        return None


class Portrayer:
    """Scores every mention of every entity of a document and aggregates them per actor."""

    def __init__(
        self, resources: Resources, scorer: TargetScorer | None = None, roles: RoleModel | None = None
    ) -> None:
        self.resources = resources
        self.scorer = scorer if scorer is not None else TargetScorer(resources)
        self.roles = roles if roles is not None else _shipped_roles()
        lex = resources.lexicon(ROLES_LEXICON)
        self.role_cues: Mapping[str, str] = {f: e.category for e in lex.entries for f in lex_forms(e)}

    # -- mentions ---------------------------------------------------------------------------------
    def views(self, doc: ParsedDocument) -> _Views:
        return _Views(self.scorer, doc)

    def mention(
        self,
        doc: ParsedDocument,
        views: _Views,
        start: int,
        end: int,
        sentence: int,
        pronoun: bool = False,
        explain: bool = False,
    ) -> MentionPortrayal | None:
        """Score one mention ``text[start:end]`` in sentence ``sentence``; None if it covers no token.
        ``explain`` adds the cues of the decision."""
        span = self._tokens(doc, views, start, end, sentence)
        if span is None:
            return None
        ts, te = span
        view, names = views.get(sentence)
        others = [(x, y) for x, y in names if y <= ts or x >= te]
        res = self.scorer.score_view(view, (ts, te), others, explain=explain)
        cues = self._cues(view, ts, te, self._role_tokens(view))
        return MentionPortrayal(start, end, sentence, pronoun, res, cues, may_carry_label(doc.text[start:end], pronoun))

    def _tokens(
        self, doc: ParsedDocument, views: _Views, start: int, end: int, sentence: int
    ) -> tuple[int, int] | None:
        """The tokens ``[ts, te)`` of ``text[start:end]`` in sentence ``sentence`` (numbered from the
        sentence's first token); None if the span covers no token."""
        if not 0 <= sentence < len(doc.sentence_tokens):
            return None
        first, last = doc.sentence_tokens[sentence]
        starts = views.starts
        a = max(bisect_right(starts, start, first, last) - 1, first)
        if doc.tokens[a].end <= start:
            a += 1
        b = bisect_left(starts, end, first, last)
        if a >= b:
            return None
        return a - first, b - first

    def _cues(
        self, view: SentenceView, ts: int, te: int, role_tokens: Sequence[tuple[int, str, bool]]
    ) -> tuple[RoleCue, ...]:
        """The role cues around tokens ``[ts, te)``: ``role_tokens`` (:meth:`_role_tokens` of the
        sentence) in the target's clause within the gaps, and the events of the verbs lexicon."""
        tokens = view.tokens
        out: list[RoleCue] = []
        tclause = view.clause[ts]
        for k, cat, passive in role_tokens:
            if k < ts - PATIENT_GAP or k >= te + AGENT_GAP or ts <= k < te or view.clause[k] != tclause:
                continue
            agent = (k >= te) != passive
            out.append(RoleCue(tokens[k].start, tokens[k].end, f"{cat}:{'agent' if agent else 'patient'}"))
        for a, b, category, _w, passive, neg, _term in view.events:
            if a < te and ts < b:
                continue
            after = a >= te
            if (after and a - te > AGENT_GAP) or (not after and ts - b > PATIENT_GAP):
                continue
            agent = after != passive
            side = "agent" if agent else "patient"
            out.append(
                RoleCue(tokens[a].start, tokens[b - 1].end, f"verbs:{category}:{side}{':negated' if neg else ''}")
            )
        return tuple(out)

    def _role_tokens(self, view: SentenceView) -> list[tuple[int, str, bool]]:
        """The tokens of ``view`` that are role cues: position, category, passive voice."""
        get = self.role_cues.get
        tokens = view.tokens
        return [
            (k, cat, self.scorer._passive(tokens, k))
            for k, cat in enumerate([get(t.norm) for t in tokens])
            if cat is not None
        ]

    # -- actors -----------------------------------------------------------------------------------
    def aggregate(
        self, mentions: Sequence[MentionPortrayal], name: str = "", type_: str = "", n_sentences: int = 1
    ) -> Portrayal:
        """The portrayal of an actor from its scored mentions (role included when a model is loaded)."""
        n = len(mentions)
        if not n:
            return Portrayal((), 0.0, "neutral", 0, 0, 0, 0.0)
        mean = sum(m.sentiment.score for m in mentions) / n
        evaluative = [m for m in mentions if m.sentiment.label != "neutral"]
        n_pos = sum(m.sentiment.label == "positive" for m in evaluative)
        n_neg = len(evaluative) - n_pos
        counted = [m for m in mentions if m.counts]
        label_mean = sum(m.sentiment.score for m in counted) / len(counted) if counted else 0.0
        label = "neutral"
        confidence = sum(m.sentiment.probabilities[1] for m in mentions) / n
        if counted and abs(label_mean) >= LABEL_THRESHOLD:
            sign = "positive" if label_mean > 0 else "negative"
            agree = [m for m in counted if m.sentiment.label == sign]
            if any(not m.pronoun and m.distinct for m in agree):
                conf = (sum(m.sentiment.confidence for m in agree) / len(agree)) * min(
                    1.0, len(agree) / FULL_CONFIDENCE_MENTIONS
                )
                if conf >= MIN_CONFIDENCE:
                    label, confidence = sign, conf
        base = Portrayal(
            tuple(mentions), mean, label, len(evaluative), n_pos, n_neg, confidence, "none", label_mean, len(counted)
        )
        if self.roles is None:
            return base
        feats, where = role_features(base, name, type_, n_sentences)
        role, probs, contrib = self.roles.predict(feats)
        i = self.roles.classes.index(role)
        evidence = []
        for fname, c in sorted(contrib.items(), key=lambda x: -x[1][i]):
            if c[i] <= 0 or len(evidence) >= MAX_ROLE_EVIDENCE:
                break
            for a, b in where.get(fname, ())[:2]:
                evidence.append((a, b, fname, c[i]))
        return Portrayal(
            base.mentions,
            mean,
            label,
            len(evaluative),
            n_pos,
            n_neg,
            confidence,
            role,
            label_mean,
            len(counted),
            probs,
            tuple(evidence),
        )

    def portray_entities(self, doc: ParsedDocument, entities: EntitiesData) -> dict[int, Portrayal]:
        """Portrayal of every entity of ``entities`` (keyed by entity id): every mention of the
        document is scored in one batch (:meth:`framing.target.TargetScorer.score_many`), then each
        actor's strongest positive and negative mention is explained."""
        views = self.views(doc)
        n_sent = max(len(doc.sentence_tokens), 1)
        found: list[tuple[int, Any, int, int, int]] = []  # entity, mention, its sentence's slot, ts, te
        order: dict[int, int] = {}
        batch_views: list[SentenceView] = []
        batch_names: list[list[tuple[int, int]]] = []
        targets: list[tuple[int, int, int]] = []
        text = doc.text
        for ent in entities.entities:
            for i in ent.mentions:
                m = entities.mentions[i]
                span = self._tokens(doc, views, m.start, m.end, m.sentence)
                if span is None:
                    continue
                ts, te = span
                view, names = views.get(m.sentence)
                slot = order.get(m.sentence)
                if slot is None:
                    slot = order[m.sentence] = len(batch_views)
                    batch_views.append(view)
                    batch_names.append(names)
                targets.append((slot, ts, te))
                found.append((ent.id, m, slot, ts, te))
        results = self.scorer.score_many(batch_views, batch_names, targets)
        # each actor's strongest positive and negative mention is explained (all in one batch)
        by_entity: dict[int, list[int]] = {}
        counts = [may_carry_label(text[m.start : m.end], m.pronoun) for _e, m, *_ in found]
        for i, item in enumerate(found):
            if counts[i]:
                by_entity.setdefault(item[0], []).append(i)
        chosen = sorted({i for pool in by_entity.values() for i in _strongest(pool, results)})
        explained = self.scorer.explain_many(
            batch_views, batch_names, [targets[i] for i in chosen], [results[i] for i in chosen]
        )
        for i, res in zip(chosen, explained):
            results[i] = res
        # the labels each sentence gives each actor: a mention is distinct if another actor of its
        # sentence is labelled differently, or none is there
        in_sentence: dict[int, list[tuple[int, str]]] = {}
        for (eid, m, *_), res in zip(found, results):
            in_sentence.setdefault(m.sentence, []).append((eid, res.label))
        scored: dict[int, list[MentionPortrayal]] = {ent.id: [] for ent in entities.entities}
        role_tokens = [self._role_tokens(view) for view in batch_views]
        for (eid, m, slot, ts, te), res, ok in zip(found, results, counts):
            cues = self._cues(batch_views[slot], ts, te, role_tokens[slot])
            others = [lab for e, lab in in_sentence[m.sentence] if e != eid]
            distinct = not others or any(lab != res.label for lab in others)
            scored[eid].append(MentionPortrayal(m.start, m.end, m.sentence, m.pronoun, res, cues, ok, distinct))
        return {ent.id: self.aggregate(scored[ent.id], ent.name, ent.type, n_sent) for ent in entities.entities}


def may_carry_label(form: str, pronoun: bool) -> bool:
    """Whether a mention with surface ``form`` may carry its actor's label: a name or description,
    or a pronoun of :data:`TRUSTED_PRONOUNS`."""
    return not pronoun or form.lower() in TRUSTED_PRONOUNS


def _strongest(pool: Sequence[int], results: Sequence[TargetResult]) -> list[int]:
    """Of the mentions ``pool`` (indices into ``results``), the one with the largest positive score
    among those labelled positive and the one with the most negative among those labelled negative
    (the first on ties, as :meth:`Portrayal.strongest`)."""
    out = []
    for label, sign in (("positive", 1), ("negative", -1)):
        best = [i for i in pool if results[i].label == label]
        if best:
            out.append(max(best, key=lambda i: results[i].score * sign))
    return out


def lex_forms(entry: Any) -> tuple[str, ...]:
    return tuple(f.lower() for f in entry.forms)


class _Views:
    """Sentence views of one document, built on first use."""

    def __init__(self, scorer: TargetScorer, doc: ParsedDocument) -> None:
        self.scorer = scorer
        self.doc = doc
        self.starts = [t.start for t in doc.tokens]
        self._cache: dict[int, tuple[SentenceView, list[tuple[int, int]]]] = {}
        self._matches: list[Any] | None = None
        self._match_starts: list[int] = []

    def get(self, sentence: int) -> tuple[SentenceView, list[tuple[int, int]]]:
        hit = self._cache.get(sentence)
        if hit is not None:
            return hit
        doc = self.doc
        first, last = doc.sentence_tokens[sentence]
        tokens = doc.tokens[first:last]
        if self._matches is None:
            self._matches = sorted(doc.matches_in("target_verbs"), key=lambda m: m.tok_start)
            self._match_starts = [m.tok_start for m in self._matches]
        lo, hi = bisect_left(self._match_starts, first), bisect_left(self._match_starts, last)
        ms = [m for m in self._matches[lo:hi] if m.tok_end <= last]
        view = self.scorer.view(tokens, ms, first)
        names = name_spans(tokens, self.scorer.not_name)
        self._cache[sentence] = (view, names)
        return view, names


def role_features(
    p: Portrayal, name: str, type_: str, n_sentences: int
) -> tuple[dict[str, float], dict[str, list[tuple[int, int]]]]:
    """Features of an actor for the narrative-role model, and where each was seen."""
    f: dict[str, float] = {}
    where: dict[str, list[tuple[int, int]]] = {}
    n = len(p.mentions)
    for m in p.mentions:
        for c in m.cues:
            f[c.feature] = f.get(c.feature, 0.0) + 1.0
            where.setdefault(c.feature, []).append((c.start, c.end))
    for k in list(f):
        f[k] = math.log1p(f[k])
    if n:
        probs = [m.sentiment.probabilities for m in p.mentions]
        f["sent:mean"] = p.mean
        f["sent:neg"] = sum(x[0] for x in probs) / n
        f["sent:pos"] = sum(x[2] for x in probs) / n
        f["sent:max_neg"] = max(x[0] for x in probs)
        f["sent:max_pos"] = max(x[2] for x in probs)
        f["sent:n_neg"] = math.log1p(p.n_negative)
        f["sent:n_pos"] = math.log1p(p.n_positive)
        for m in p.mentions:
            if m.sentiment.label != "neutral":
                key = f"sent:{m.sentiment.label}"
                where.setdefault(key, []).append((m.start, m.end))
        where["sent:max_neg"] = where.get("sent:negative", [])
        where["sent:max_pos"] = where.get("sent:positive", [])
        f["n_mentions"] = math.log1p(n)
        f["pronoun_share"] = sum(m.pronoun for m in p.mentions) / n
        f["first_sentence"] = min(m.sentence for m in p.mentions) / max(n_sentences, 1)
    f[f"type:{type_ or 'other'}"] = 1.0
    for w in name.lower().split():
        w = w.strip(".,'\"’")
        if w:
            f[f"name:{w}"] = 1.0
    return f, where
