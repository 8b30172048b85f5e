"""Stories measured against hand-labelled same-event articles of the MBIC corpus.

    python benchmarks/stories_mbic.py ../shared/corpus/news_articles_mbic.jsonl [--labels benchmarks/stories_mbic.tsv]

The labels (benchmarks/stories_mbic.tsv) cover every article of three topics. ``framing.stories``
runs on the labelled articles (each topic alone, as a user would match stories inside a topic, and
all 200 together) and on the whole corpus of 918; the score is pairwise: over all pairs of labelled
articles, precision = share of pairs given one story that the labels put together, recall = share of
labelled same-story pairs that were given one story. Dates come from the article's address when it
has one (``/2020/01/15/`` or ``/2020/01/``). Gun-control picks the threshold; the other two topics
are held out.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from pathlib import Path

import framing
from framing.stories import DEFAULT_MAX_DAYS, DEFAULT_THRESHOLD

TUNE = ("gun-control",)


def date_of(link: str | None) -> str | None:
    if not link:
        return None
    m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", link)
    if m:
        return "-".join(m.groups())
    m = re.search(r"/(20\d\d)/(\d\d)/", link)
    return "-".join(m.groups()) if m else None


def load(corpus: Path, labels: Path) -> tuple[list[dict], dict[str, str]]:
    gold = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("article_id") or not line.strip():
            continue
        ident, story = line.split("\t")
        gold[ident] = story
    docs = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            meta = {"outlet": r["outlet"], "topic": r["topic"]}
            if date_of(r.get("news_link")):
                meta["date"] = date_of(r.get("news_link"))
            docs.append({"id": r["article_id"], "text": r["article"] or "", "meta": meta})
    return docs, gold


def pairwise(predicted: dict[str, str], gold: dict[str, str], ids: list[str]) -> tuple[float, float, float, int]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_pred, same_gold = predicted[a] == predicted[b], gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp + fn


def run(docs: list[dict], gold: dict[str, str], threshold: float, max_days: float | None, scope: str) -> dict:
    labelled = [d for d in docs if d["id"] in gold]
    predicted: dict[str, str] = {}
    if scope == "topic":
        for topic in sorted({d["meta"]["topic"] for d in labelled}):
            part = [d for d in labelled if d["meta"]["topic"] == topic]
            for d, s in zip(part, framing.stories(part, threshold=threshold, max_days=max_days)):
                predicted[d["id"]] = f"{topic}:{s}"
    else:
        pool = labelled if scope == "labelled" else docs
        for d, s in zip(pool, framing.stories(pool, threshold=threshold, max_days=max_days)):
            predicted[d["id"]] = s
    out = {}
    for name, topics in (("tune", TUNE), ("held-out", None)):
        ids = [d["id"] for d in labelled if (d["meta"]["topic"] in TUNE) == (topics is not None)]
        out[name] = pairwise(predicted, gold, ids)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--labels", type=Path, default=Path(__file__).with_name("stories_mbic.tsv"))
    args = parser.parse_args()
    docs, gold = load(args.corpus, args.labels)
    print("| matched among | threshold | dates | tune P | tune R | tune F1 | held-out P | held-out R | held-out F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    settings = [(t, DEFAULT_MAX_DAYS, "topic") for t in (0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3)]
    settings += [(DEFAULT_THRESHOLD, None, "topic"), (DEFAULT_THRESHOLD, DEFAULT_MAX_DAYS, "labelled")]
    settings += [(DEFAULT_THRESHOLD, DEFAULT_MAX_DAYS, "corpus")]
    for threshold, max_days, scope in settings:
        res = run(docs, gold, threshold, max_days, scope)
        cells = [f"{v:.2f}" for name in ("tune", "held-out") for v in res[name][:3]]
        dates = f"<= {max_days:g} days" if max_days is not None else "ignored"
        where = {"topic": "each topic", "labelled": "the 200 labelled", "corpus": "all 918"}[scope]
        print(f"| {where} | {threshold:g} | {dates} | " + " | ".join(cells) + " |")
    n_pairs = {name: run(docs, gold, DEFAULT_THRESHOLD, DEFAULT_MAX_DAYS, "topic")[name][3] for name in ("tune",)}
    print(f"\nlabelled same-story pairs: tune {n_pairs['tune']}, articles {len(gold)}")


if __name__ == "__main__":
    main()
