"""Attribution extraction against PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Usage::

    python benchmarks/attribution_polnear.py PATH/attribution_polnear_dev.jsonl [--split dev|test|all]
        [--errors N] [--article ID]
    python benchmarks/attribution_polnear.py PATH/attribution_polnear_train.jsonl \
        --source-types benchmarks/source_types_polnear_train.tsv
    python benchmarks/attribution_polnear.py PATH/news_articles_mbic.jsonl --stance-mix

Reads the records with ``primary == true`` (one annotator per article), runs the ``attribution``
dimension on each article text and compares source, cue and content spans with the annotation:

- **exact**: a predicted span equals a gold span of the same role (after trimming white space and
  a trailing comma or full stop on both sides; a discontinuous gold span is compared as its
  outer boundaries);
- **overlap**: a predicted span shares at least one word with a gold span (one-to-one matching,
  largest overlap first); spans without a word (a colon or dash cue) are compared by character;
- **token**: precision and recall over the words covered by the role's spans in the article;
- **attribution**: a predicted attribution matches a gold one when their cues overlap, their
  contents overlap, and their sources overlap (or both have none).

``--source-types FILE`` instead types the hand-labelled source phrases of FILE (article id, start,
end, type; see ``benchmarks/SOURCE_TYPE_GUIDE.md``) with the attribution dimension's source typer
and reports accuracy per type; the texts come from the JSONL given.

``--stance-mix`` instead reads a corpus of articles (``article`` and ``outlet`` fields, as MBIC's)
and reports, per outlet and for the wire service (Reuters) against the opinion outlets (AlterNet,
The Federalist), the share of attributions with a neutral, distancing and emphatic cue and the
most frequent distancing cues.

``--split`` divides the articles deterministically into two halves: articles are ranked by the
SHA-256 of their article id, the first half is ``dev`` (for reading errors and tuning rules), the
second ``test`` (for reporting only). ``all`` (the default) uses every article.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from framing import Analyzer

ROLES = ("source", "cue", "content")
_WORD_RE = re.compile(r"\w+")


@dataclass
class Counts:
    tp_p: float = 0.0  # matched predictions
    tp_g: float = 0.0  # matched gold
    n_pred: float = 0.0
    n_gold: float = 0.0

    def add(self, other: Counts) -> None:
        self.tp_p += other.tp_p
        self.tp_g += other.tp_g
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_p / self.n_pred if self.n_pred else 0.0
        r = self.tp_g / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Unit:
    """One role of one attribution: character ranges and the word positions they cover."""

    ranges: list[tuple[int, int]]
    words: frozenset[int] = field(default_factory=frozenset)

    @property
    def bounds(self) -> tuple[int, int]:
        return self.ranges[0][0], self.ranges[-1][1]


def word_starts(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD_RE.finditer(text)]


def unit(text: str, words: list[tuple[int, int]], ranges: Iterable[tuple[int, int]]) -> Unit | None:
    rs = sorted((s, e) for s, e in ranges if e > s)
    if not rs:
        return None
    covered = frozenset(i for i, (ws, we) in enumerate(words) for s, e in rs if ws < e and s < we)
    if not covered:
        # a punctuation-only span (a colon or dash cue) is compared by its characters
        covered = frozenset(-1 - i for s, e in rs for i in range(s, e) if not text[i].isspace())
    return Unit(rs, covered)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,"):
        e -= 1
    return s, e


def match_units(text: str, pred: list[Unit], gold: list[Unit]) -> tuple[Counts, Counts, Counts]:
    """Exact, overlap and token counts for one role in one article."""
    exact = Counts(n_pred=len(pred), n_gold=len(gold))
    gold_bounds = [trim(text, *g.bounds) for g in gold]
    used: set[int] = set()
    for p in pred:
        pb = trim(text, *p.bounds)
        for gi, gb in enumerate(gold_bounds):
            if gi not in used and gb == pb:
                used.add(gi)
                exact.tp_p += 1
                exact.tp_g += 1
                break
    overlap = Counts(n_pred=len(pred), n_gold=len(gold))
    pairs = sorted(
        ((len(p.words & g.words), pi, gi) for pi, p in enumerate(pred) for gi, g in enumerate(gold)),
        reverse=True,
    )
    mp: set[int] = set()
    mg: set[int] = set()
    for ov, pi, gi in pairs:
        if ov == 0:
            break
        if pi in mp or gi in mg:
            continue
        mp.add(pi)
        mg.add(gi)
    overlap.tp_p = len(mp)
    overlap.tp_g = len(mg)
    pw = frozenset().union(*(p.words for p in pred)) if pred else frozenset()
    gw = frozenset().union(*(g.words for g in gold)) if gold else frozenset()
    token = Counts(tp_p=len(pw & gw), tp_g=len(pw & gw), n_pred=len(pw), n_gold=len(gw))
    return exact, overlap, token


def gold_attributions(record: dict, words: list[tuple[int, int]]) -> list[dict[str, Unit | None]]:
    text = record["text"]
    out = []
    for a in record["attributions"]:
        row: dict[str, Unit | None] = {}
        for role in ROLES:
            ranges = [tuple(sp) for item in a.get(role) or [] for sp in item["spans"]]
            row[role] = unit(text, words, ranges)  # type: ignore[arg-type]
        if row["cue"] is None and row["content"] is None:
            continue
        out.append(row)
    return out


def predicted_attributions(analysis, words: list[tuple[int, int]]) -> list[dict[str, Unit | None]]:  # type: ignore[no-untyped-def]
    text = analysis.text
    out = []
    for a in analysis.attributions:
        out.append(
            {
                "source": unit(text, words, [(a.source.start, a.source.end)]) if a.source else None,
                "cue": unit(text, words, [(a.cue.start, a.cue.end)]) if a.cue else None,
                "content": unit(text, words, [(c.start, c.end) for c in a.content]),
            }
        )
    return out


def _overlaps(a: Unit | None, b: Unit | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return bool(a.words & b.words)


def match_attributions(pred: list[dict], gold: list[dict]) -> tuple[Counts, set[int]]:
    """Whole-attribution counts and the indices of the gold attributions matched."""
    c = Counts(n_pred=len(pred), n_gold=len(gold))
    used: set[int] = set()
    for p in pred:
        for gi, g in enumerate(gold):
            if gi in used:
                continue
            if (
                _overlaps(p["cue"], g["cue"])
                and p["content"] is not None
                and g["content"] is not None
                and _overlaps(p["content"], g["content"])
                and _overlaps(p["source"], g["source"])
            ):
                used.add(gi)
                c.tp_p += 1
                c.tp_g += 1
                break
    return c, used


#: Cues of plain speech reporting, for the recall breakdown ("wire-style" attributions).
SPEECH_CUES = frozenset("said says say saying told tells tell added adding according to".split())


def cue_group(text: str, g: dict) -> str:
    """``speech`` when the gold cue is a plain speech verb or "according to", else ``other``."""
    cue = g["cue"]
    if cue is None:
        return "other"
    words = {w.lower() for w in _WORD_RE.findall(text[cue.bounds[0] : cue.bounds[1]])}
    return "speech" if words and words <= SPEECH_CUES | {"also", "has", "had", "have", "then"} else "other"


SPLITS = ("dev", "test", "all")


def split_records(records: list[dict], split: str) -> list[dict]:
    """The records of one half: articles ranked by the SHA-256 of their id, first half ``dev``."""
    if split == "all":
        return records
    ranked = sorted({r["article"] for r in records}, key=lambda a: hashlib.sha256(a.encode("utf-8")).hexdigest())
    half = set(ranked[: len(ranked) // 2]) if split == "dev" else set(ranked[len(ranked) // 2 :])
    return [r for r in records if r["article"] in half]


def fmt(c: Counts) -> str:
    p, r, f = c.prf()
    return f"{p:.3f} | {r:.3f} | {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="attribution_polnear_dev.jsonl")
    ap.add_argument("--errors", type=int, default=0, help="print up to N missed and N spurious attributions")
    ap.add_argument("--article", default=None, help="only this article id")
    ap.add_argument("--split", choices=SPLITS, default="all", help="dev or test half of the articles (default all)")
    ap.add_argument("--source-types", default=None, help="TSV of hand-typed source phrases: report typing accuracy")
    ap.add_argument("--stance-mix", action="store_true", help="cue stance per outlet of a corpus (MBIC)")
    ap.add_argument("--breakdown", action="store_true", help="error breakdown: misses and spurious cues by kind")
    args = ap.parse_args(argv)
    with open(args.path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    if args.source_types:
        return source_type_report(records, args.source_types)
    if args.stance_mix:
        return stance_mix_report(records)
    records = split_records([r for r in records if r.get("primary")], args.split)
    if args.article:
        records = [r for r in records if r["article"] == args.article]
    if args.breakdown:
        return breakdown_report(records)
    analyzer = Analyzer(dimensions=["attribution"], language_check=False)
    totals = {(role, kind): Counts() for role in ROLES for kind in ("exact", "overlap", "token")}
    whole = Counts()
    by_group: dict[str, list[int]] = {}
    missed: list[str] = []
    spurious: list[str] = []
    t0 = time.perf_counter()
    n_words = 0
    for rec in records:
        text = rec["text"]
        words = word_starts(text)
        analysis = analyzer.analyze(text, id=rec["id"])
        n_words += analysis.n_words
        gold = gold_attributions(rec, words)
        pred = predicted_attributions(analysis, words)
        for role in ROLES:
            pu = [p[role] for p in pred if p[role] is not None]
            gu = [g[role] for g in gold if g[role] is not None]
            for kind, c in zip(("exact", "overlap", "token"), match_units(text, pu, gu)):
                totals[role, kind].add(c)
        counts, matched = match_attributions(pred, gold)
        whole.add(counts)
        for gi, g in enumerate(gold):
            group = cue_group(text, g)
            by_group.setdefault(group, [0, 0])
            by_group[group][0] += gi in matched
            by_group[group][1] += 1
        if args.errors:
            _collect_errors(text, pred, gold, missed, spurious, rec["article"])
    elapsed = time.perf_counter() - t0
    n_gold = sum(len(gold_attributions(r, word_starts(r["text"]))) for r in records)
    print(f"PolNeAR, split {args.split}, primary annotations: {len(records)} articles, {n_gold} gold attributions")
    print(f"analysed {n_words:,} words in {elapsed:.1f} s\n")
    print("| role | match | precision | recall | F1 |")
    print("|---|---|---|---|---|")
    for role in ROLES:
        for kind in ("exact", "overlap", "token"):
            print(f"| {role} | {kind} | {fmt(totals[role, kind])} |")
    print(f"| attribution | cue+source+content overlap | {fmt(whole)} |")
    print("\n| gold cue | gold attributions | recall (whole attribution) |")
    print("|---|---|---|")
    for group in sorted(by_group):
        hit, n = by_group[group]
        print(f"| {group} | {n} | {hit / n if n else 0:.3f} |")
    if args.errors:
        print("\n## missed (gold not predicted)")
        for line in missed[: args.errors]:
            print(line)
        print("\n## spurious (predicted, not in gold)")
        for line in spurious[: args.errors]:
            print(line)
    return 0


WIRE = ("reuters",)
OPINION = ("alternet", "federalist")


def stance_mix_report(records: list[dict]) -> int:
    """Cue stance shares per outlet, and wire against opinion outlets."""
    from collections import Counter, defaultdict

    analyzer = Analyzer(dimensions=["attribution"], language_check=False)
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    distancing: dict[str, Counter[str]] = defaultdict(Counter)
    docs: Counter[str] = Counter()
    for rec in records:
        outlet = rec.get("outlet") or "?"
        analysis = analyzer.analyze(rec["article"])
        docs[outlet] += 1
        for a in analysis.attributions:
            classes[outlet][a.cue_class] += 1
            if a.cue_class == "distancing" and a.cue is not None:
                distancing[outlet][analysis.text[a.cue.start : a.cue.end].lower()] += 1
    groups = {"wire (Reuters)": WIRE, "opinion (AlterNet, Federalist)": OPINION}
    rows = [(o, (o,)) for o in sorted(classes)] + list(groups.items())
    print("| outlet | articles | attributions | neutral | distancing | emphatic | most frequent distancing cues |")
    print("|---|---|---|---|---|---|---|")
    for name, members in rows:
        c: Counter[str] = sum((classes[m] for m in members), Counter())
        d: Counter[str] = sum((distancing[m] for m in members), Counter())
        n = sum(c.values())
        top = ", ".join(f"{w} {k}" for w, k in d.most_common(5))
        shares = " | ".join(f"{c[k] / n:.3f}" if n else "0" for k in ("neutral", "distancing", "emphatic"))
        print(f"| {name} | {sum(docs[m] for m in members)} | {n} | {shares} | {top} |")
    return 0


TYPE_NAMES = ("person", "organization", "anonymous", "vague", "document")


def source_type_report(records: list[dict], labels_path: str) -> int:
    """Accuracy of the source typer on hand-typed phrases (``other`` rows are left out)."""
    from collections import Counter

    from framing.dimensions.attribution import Attribution as AttributionDimension

    texts = {r["article"]: r["text"] for r in records if r.get("primary")}
    analyzer = Analyzer(dimensions=["attribution"], language_check=False).load()
    (dim,) = [d for d in analyzer.dimensions if isinstance(d, AttributionDimension)]
    confusion: Counter[tuple[str, str]] = Counter()
    parsed: dict[str, object] = {}
    rows = []
    with open(labels_path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("article\t") or not line.strip():
                continue
            article, start, end, gold = line.rstrip("\n").split("\t")
            if gold not in TYPE_NAMES:
                continue
            if article not in texts:
                raise SystemExit(f"{labels_path}: article {article} is not in the JSONL given")
            doc = parsed.get(article) or analyzer.parse(texts[article])
            parsed[article] = doc
            s, e = int(start), int(end)
            toks = [t for t in doc.tokens if t.start >= s and t.end <= e]  # type: ignore[attr-defined]
            got = dim.phrase_type(toks)
            confusion[gold, got] += 1
            rows.append((gold, got, texts[article][s:e]))
    n = sum(confusion.values())
    right = sum(v for (g, p), v in confusion.items() if g == p)
    print(f"source phrases typed: {n}; accuracy {right / n:.3f}\n")
    print("| type | phrases | accuracy (recall) | precision |")
    print("|---|---|---|---|")
    for t in TYPE_NAMES:
        gold_n = sum(v for (g, _), v in confusion.items() if g == t)
        pred_n = sum(v for (_, p), v in confusion.items() if p == t)
        hit = confusion[t, t]
        print(f"| {t} | {gold_n} | {hit / gold_n if gold_n else 0:.3f} | {hit / pred_n if pred_n else 0:.3f} |")
    print("\nconfusions (gold -> predicted: count)")
    for (g, p), v in sorted(confusion.items(), key=lambda kv: -kv[1]):
        if g != p:
            examples = "; ".join(repr(t[:50]) for gg, pp, t in rows if gg == g and pp == p)
            print(f"  {g} -> {p}: {v}  e.g. {examples[:300]}")
    return 0


def _trace_cues(doc, dim) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """What the rules did with each cue-lexicon hit, keyed by its first character."""
    from framing.attribution.extract import _attribution_for, _cue_use, _Doc

    d = _Doc(doc, dim.config)
    cues = doc.matches_in("reporting_verbs")
    kept = {m.start for m in dim.config.cue_model.select(d, cues)[0]} if dim.config.cue_model else None
    d.mark_cues(cues)
    out: dict[int, str] = {}
    for m in cues:
        use = _cue_use(d, m)
        if kept is not None and m.start not in kept:
            out[m.start] = "lexicon hit dropped by the cue model"
        elif use is None:
            out[m.start] = "rejected (quoted, noun, infinitive, passive or name)"
        elif _attribution_for(d, m, use, set(), {}, None) is None:
            out[m.start] = f"{use.kind} cue, no source or content found"
        else:
            out[m.start] = f"{use.kind} cue, attribution built but dropped (nested or duplicate)"
    return out


def gold_cue_kind(text: str, g: dict, hits: list, cfg) -> str:  # type: ignore[no-untyped-def]
    """The kind of a gold cue: according to / speech verb / noun cue / other lexicon cue / no lexicon word."""
    cue = g["cue"]
    if cue is None:
        return "no cue (content only)"
    s, e = cue.bounds
    inside = [m for m in hits if m.start < e and s < m.end]
    if not inside:
        return "no cue-lexicon word (non-speech: 'planning to', 'dropped')"
    terms = {m.term for m in inside}
    if "according to" in terms:
        return "according to"
    if terms & cfg.speech_verbs:
        return "speech verb"
    if terms & (cfg.noun_cues | cfg.nominal_cues | cfg.adjective_cues):
        return "noun or adjective cue"
    return "other cue-lexicon word (belief, intention, evaluation)"


def breakdown_report(records: list[dict]) -> int:
    """Where the dev errors are: missed and spurious cues by kind, sources and contents given a found cue."""
    from collections import Counter

    from framing.dimensions.attribution import Attribution as AttributionDimension

    analyzer = Analyzer(dimensions=["attribution"], language_check=False).load()
    (dim,) = [d for d in analyzer.dimensions if isinstance(d, AttributionDimension)]
    cfg = dim.config
    kinds: Counter[tuple[str, str]] = Counter()
    why_missed: Counter[str] = Counter()
    spurious_terms: Counter[str] = Counter()
    spurious_kind: Counter[str] = Counter()
    n_pred = 0
    source: Counter[str] = Counter()
    content: Counter[str] = Counter()
    quoted: Counter[tuple[bool, bool]] = Counter()
    for rec in records:
        text = rec["text"]
        words = word_starts(text)
        doc = analyzer.parse(text)
        analysis = analyzer.analyze(text)
        hits = doc.matches_in("reporting_verbs")
        trace = _trace_cues(doc, dim)
        gold = [g for g in gold_attributions(rec, words) if g["cue"] is not None]
        pred = [p for p in predicted_attributions(analysis, words) if p["cue"] is not None]
        n_pred += len(pred)
        # one-to-one cue matching, largest overlap first (as the overlap measure)
        pairs = sorted(
            ((len(p["cue"].words & g["cue"].words), pi, gi) for pi, p in enumerate(pred) for gi, g in enumerate(gold)),
            reverse=True,
        )
        mp: dict[int, int] = {}
        mg: dict[int, int] = {}
        for ov, pi, gi in pairs:
            if ov == 0:
                break
            if pi in mp or gi in mg:
                continue
            mp[pi] = gi
            mg[gi] = pi
        for gi, g in enumerate(gold):
            kind = gold_cue_kind(text, g, hits, cfg)
            has_quote = any(c in text[slice(*g["content"].bounds)] for c in '"“”') if g["content"] else False
            quoted[gi in mg, has_quote] += 1
            kinds[kind, "found" if gi in mg else "missed"] += 1
            if gi not in mg:
                s, e = g["cue"].bounds
                inside = [m for m in hits if m.start < e and s < m.end]
                why_missed[trace.get(inside[0].start, "?") if inside else "no cue-lexicon word"] += 1
                continue
            p = pred[mg[gi]]
            gs, ps = g["source"], p["source"]
            if gs is None and ps is None:
                source["both none"] += 1
            elif gs is None:
                source["predicted a source, gold has none"] += 1
            elif ps is None:
                source["gold source missed (none predicted)"] += 1
            elif gs.words & ps.words:
                source["overlap"] += 1
            else:
                source["wrong source (no overlap)"] += 1
            gc, pc = g["content"], p["content"]
            if gc is None or pc is None:
                content["gold none" if gc is None else "predicted none"] += 1
            elif not gc.words & pc.words:
                content["no overlap"] += 1
            else:
                gw, pw = gc.words, pc.words
                if gw == pw:
                    content["same words"] += 1
                else:
                    starts = "starts early" if min(pw) < min(gw) else "starts late" if min(pw) > min(gw) else ""
                    ends = "ends late" if max(pw) > max(gw) else "ends early" if max(pw) < max(gw) else ""
                    content["overlap, " + (", ".join(x for x in (starts, ends) if x) or "gaps differ")] += 1
        for pi, p in enumerate(pred):
            if pi in mp:
                continue
            s, e = p["cue"].bounds
            term = text[s:e].lower()
            spurious_terms[term] += 1
            hit = [m for m in hits if m.start < e and s < m.end]
            if hit:
                spurious_kind[gold_cue_kind(text, p, hits, cfg)] += 1
            else:
                layout = not _WORD_RE.search(text[s:e])
                spurious_kind["layout (colon or dash)" if layout else "learned cue word (not in the lexicon)"] += 1
    n_gold = sum(v for v in kinds.values())
    n_missed = sum(v for (k, st), v in kinds.items() if st == "missed")
    n_spur = sum(spurious_terms.values())
    print(f"gold cues {n_gold}, found {n_gold - n_missed}, missed {n_missed}; ", end="")
    print(f"predicted cues {n_pred}, spurious {n_spur}\n")
    print("| gold cue kind | gold | found | missed | recall | share of all misses |")
    print("|---|---|---|---|---|---|")
    for k in sorted({k for k, _ in kinds}, key=lambda k: -kinds[k, "missed"]):
        f, mi = kinds[k, "found"], kinds[k, "missed"]
        print(f"| {k} | {f + mi} | {f} | {mi} | {f / (f + mi):.3f} | {mi / n_missed:.3f} |")
    print("\n| why a gold cue was missed | count | share |")
    print("|---|---|---|")
    for k, v in why_missed.most_common():
        print(f"| {k} | {v} | {v / n_missed:.3f} |")
    print("\n| gold content quoted? | found | missed | recall |")
    print("|---|---|---|---|")
    for q in (True, False):
        f, mi = quoted[True, q], quoted[False, q]
        print(f"| {'with quote marks' if q else 'no quote marks'} | {f} | {mi} | {f / (f + mi):.3f} |")
    print("\n| spurious predicted cue, kind | count | share |")
    print("|---|---|---|")
    for k, v in spurious_kind.most_common():
        print(f"| {k} | {v} | {v / n_spur:.3f} |")
    print("\nmost frequent spurious cues: " + ", ".join(f"{t} {v}" for t, v in spurious_terms.most_common(25)))
    n = sum(source.values())
    print("\n| source, given a matched cue | count | share |")
    print("|---|---|---|")
    for k, v in source.most_common():
        print(f"| {k} | {v} | {v / n:.3f} |")
    n = sum(content.values())
    print("\n| content, given a matched cue | count | share |")
    print("|---|---|---|")
    for k, v in content.most_common():
        print(f"| {k} | {v} | {v / n:.3f} |")
    return 0


def _show(text: str, row: dict) -> str:
    parts = []
    for role in ROLES:
        u = row[role]
        parts.append(f"{role}={text[u.bounds[0] : u.bounds[1]][:90]!r}" if u else f"{role}=None")
    return " | ".join(parts)


def _collect_errors(text: str, pred: list[dict], gold: list[dict], missed: list, spurious: list, art: str) -> None:
    for g in gold:
        if not any(_overlaps(p["cue"], g["cue"]) for p in pred):
            missed.append(f"[{art[:30]}] {_show(text, g)}")
    for p in pred:
        if not any(_overlaps(p["cue"], g["cue"]) for g in gold):
            spurious.append(f"[{art[:30]}] {_show(text, p)}")


if __name__ == "__main__":
    sys.exit(main())
