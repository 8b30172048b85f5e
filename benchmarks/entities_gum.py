"""Entity-level scores on GUM dev documents: are the people, organisations and places found?

Usage: python benchmarks/entities_gum.py ../shared/eval/entities_gum_train.jsonl [--system entities|actors|caps]
       [--split dev] [--errors N]

Gold: in each document, the coreference clusters of type person, organization or place with at
least two **named** mentions (a mention whose syntactic head is a proper noun other than a title:
"Nassar", "the United States"; not "he", "the doctor" or "Mr. President"). Predicted: the system's
entities with at least two non-pronoun mentions. Each predicted mention is assigned to the gold mention it overlaps best
(character Jaccard), and an entity to the gold cluster most of its mentions were assigned to;
each gold cluster is matched at most once (the entity with most votes wins; the others are false
positives, so a person split in two costs precision). An entity whose cluster is an actor type but
named fewer than twice in the gold is not counted either way. Scores are type-blind; per-type
recall uses the gold type.

Pronoun resolution: of the gold pronouns (he, she, they, it and their forms) whose gold cluster has
a named mention before them, the share the system links to the entity matched to that cluster
(accuracy), and the share of attempted links that are right (precision).

Systems: ``entities`` (the entities dimension), ``actors`` (the actors dimension's records) and
``caps`` (every run of capitalised words, grouped by identical text: the naive baseline).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from typing import Any

from framing import Analyzer
from framing.entities.coref import PRONOUNS
from framing.lexicon import load_lexicon
from framing.resources import shipped_lexicon_dir
from framing.target import name_spans
from framing.training.entities import load_documents

ACTOR_TYPES = ("person", "organization", "place")
TITLES = frozenset(e.term for e in load_lexicon(shipped_lexicon_dir() / "person_titles.tsv").entries)


def head_is_proper(doc: dict, m: dict) -> bool:
    """The mention's syntactic head is a proper noun that is not a title ("Mr. President" is not a name)."""
    toks = [t for t in doc["tokens"] if m["start"] <= t["start"] and t["end"] <= m["end"]]
    if not toks:
        return False
    index = {(t["sentence"], t["index"]): t for t in toks}
    heads = [t for t in toks if (t["sentence"], t["head"]) not in index]
    return any(t["upos"] == "PROPN" and t["form"].lower().rstrip(".") not in TITLES for t in heads[:1])


def gold_clusters(doc: dict) -> tuple[dict[str, list[dict]], dict[str, str], set[str]]:
    """All clusters (id -> mentions), their types, and the ids of the scored ones."""
    clusters: dict[str, list[dict]] = defaultdict(list)
    types: dict[str, str] = {}
    for m in doc["mentions"]:
        clusters[m["entity"]].append(m)
        types.setdefault(m["entity"], m["type"])
    scored = {
        c for c, ms in clusters.items() if types[c] in ACTOR_TYPES and sum(head_is_proper(doc, m) for m in ms) >= 2
    }
    return clusters, types, scored


def predicted_entities(system: str, analyzer: Analyzer, text: str) -> list[list[tuple[int, int, bool]]]:
    """Each entity's mentions as ``(start, end, pronoun)``."""
    if system == "caps":
        parsed = analyzer.parse(text)
        groups: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
        for first, end in parsed.sentence_tokens:
            for a, b in name_spans(parsed.tokens[first:end], frozenset()):
                s, e = parsed.tokens[first + a].start, parsed.tokens[first + b - 1].end
                groups[text[s:e]].append((s, e, False))
        return list(groups.values())
    result = analyzer.analyze(text)
    if system == "actors":
        return [[(m.start, m.end, bool(getattr(m, "pronoun", False))) for m in a.mentions] for a in result.actors]
    parsed = analyzer.parse(text)
    data = analyzer.dimensions[0].score(parsed, {}).data
    return [[(m.start, m.end, m.pronoun) for m in data.mentions_of(e.id)] for e in data.entities]


def evaluate(docs: list[dict], system: str, errors: int = 0, threshold: float | None = None) -> dict[str, Any]:
    if system == "caps":
        analyzer = Analyzer(dimensions=[])
    elif system == "actors":
        analyzer = Analyzer(dimensions=["actors"])
    else:
        analyzer = Analyzer(dimensions=["entities"])
    if threshold is not None and system != "caps":
        next(d for d in analyzer.dimensions if d.name == "entities").finder.recheck_threshold = threshold
    tp = fp = n_gold = 0
    gold_by_type: Counter[str] = Counter()
    found_by_type: Counter[str] = Counter()
    pron_total = pron_right = pron_tried = 0
    misses: list[str] = []
    false: list[str] = []
    for doc in docs:
        text = doc["text"]
        clusters, types, scored = gold_clusters(doc)
        n_gold += len(scored)
        for c in scored:
            gold_by_type[types[c]] += 1
        gold_mentions = [(m["start"], m["end"], m["entity"]) for m in doc["mentions"]]
        entities = predicted_entities(system, analyzer, text)

        def best_cluster(s: int, e: int, gold_mentions: list = gold_mentions) -> str | None:
            best, score = None, 0.0
            for gs, ge, c in gold_mentions:
                inter = min(e, ge) - max(s, gs)
                if inter <= 0:
                    continue
                j = inter / (max(e, ge) - min(s, gs))
                if j > score:
                    best, score = c, j
            return best

        votes: list[tuple[int, str | None, int]] = []  # (votes, cluster, entity index)
        for i, ms in enumerate(entities):
            named = [(s, e) for s, e, p in ms if not p]
            if len(named) < 2:
                continue
            counts = Counter(best_cluster(s, e) for s, e in named)
            cluster, n = counts.most_common(1)[0]
            votes.append((n, cluster, i))
        taken: dict[str, int] = {}
        for _n, cluster, i in sorted(votes, key=lambda v: -v[0]):
            if cluster is not None and cluster in scored and cluster not in taken:
                taken[cluster] = i
                tp += 1
                found_by_type[types[cluster]] += 1
            elif cluster is not None and types.get(cluster) in ACTOR_TYPES and cluster not in scored:
                continue
            else:
                fp += 1
                s, e, _ = entities[i][0]
                false.append(f"{doc['id']}: {text[s:e]!r} ({'split' if cluster in taken else types.get(cluster)})")
        for c in scored:
            if c not in taken:
                named = [m["text"] for m in clusters[c] if head_is_proper(doc, m)]
                misses.append(f"{doc['id']}: {types[c]} {named[:3]}")
        # pronouns
        pron_of: dict[tuple[int, int], int] = {}
        for i, ms in enumerate(entities):
            for s, e, p in ms:
                if p:
                    pron_of[(s, e)] = i
        for c, ms in clusters.items():
            if types[c] not in ACTOR_TYPES:
                continue
            first_named = min((m["start"] for m in ms if head_is_proper(doc, m)), default=None)
            if first_named is None:
                continue
            for m in ms:
                if m["text"].lower() not in PRONOUNS or m["start"] < first_named:
                    continue
                pron_total += 1
                got = pron_of.get((m["start"], m["end"]))
                if got is not None:
                    pron_tried += 1
                    if taken.get(c) == got or (
                        c not in taken
                        and Counter(best_cluster(s, e) for s, e, p in entities[got] if not p).most_common(1)[0][0] == c
                    ):
                        pron_right += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if errors:
        print("missed:", *misses[:errors], sep="\n  ")
        print("false:", *false[:errors], sep="\n  ")
    return {
        "system": system,
        "documents": len(docs),
        "gold_entities": n_gold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "recall_by_type": {t: found_by_type[t] / gold_by_type[t] for t in ACTOR_TYPES if gold_by_type[t]},
        "gold_by_type": dict(gold_by_type),
        "pronouns": pron_total,
        "pronoun_accuracy": pron_right / pron_total if pron_total else 0.0,
        "pronoun_precision": pron_right / pron_tried if pron_tried else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="entities_gum_train.jsonl")
    ap.add_argument("--system", choices=("entities", "actors", "caps"), default="entities")
    ap.add_argument("--split", default="dev", help="documents of this split (default dev)")
    ap.add_argument("--genre", default=None, help="only this genre")
    ap.add_argument("--threshold", type=float, default=None, help="recheck threshold (default: the shipped one)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N missed and N false entities")
    args = ap.parse_args(argv)
    docs = [
        d
        for d in load_documents(args.path)
        if d["split"] == args.split and (args.genre is None or d["genre"] == args.genre)
    ]
    r = evaluate(docs, args.system, args.errors, args.threshold)
    by_type = " ".join(f"{t} {v:.3f}" for t, v in r["recall_by_type"].items())
    print(
        f"{r['system']}: {r['documents']} documents, {r['gold_entities']} gold entities; entity P {r['precision']:.3f}"
        f" R {r['recall']:.3f} F1 {r['f1']:.3f}; recall by type: {by_type}; pronouns {r['pronouns']}:"
        f" accuracy {r['pronoun_accuracy']:.3f}, precision {r['pronoun_precision']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
