"""Benchmark: is the document sentiment length-robust? Ours versus VADER run on the whole text.

Usage::

    python benchmarks/sentiment_length.py /work/shared/corpus/news_articles_mbic.jsonl --limit 400

Reads a JSONL file of articles (field ``article``, or ``text``), scores each with the ``sentiment``
and ``actors`` dimensions, and prints, per length quartile, the mean absolute document score of
``framing`` (length-weighted mean of sentence compounds) and of VADER's compound on the whole text,
the share of documents VADER puts beyond +/-0.9 (saturation), the Spearman correlation of each
absolute score with length, mean actors per document and the time per document.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

from framing import Analyzer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="JSONL with an 'article' or 'text' field")
    ap.add_argument("--limit", type=int, default=400, help="articles to read (default 400)")
    args = ap.parse_args(argv)
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    analyzer = Analyzer(dimensions=["sentiment", "actors"])
    rows = []
    elapsed = 0.0
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if len(rows) >= args.limit:
                break
            rec = json.loads(line)
            text = rec.get("article") or rec.get("text") or ""
            if len(text.split()) < 50:
                continue
            t0 = time.perf_counter()
            res = analyzer.analyze(text)
            elapsed += time.perf_counter() - t0
            rows.append(
                {
                    "words": res.n_words,
                    "ours": res.scores["sentiment"],
                    "vader_whole": vader.polarity_scores(text)["compound"],
                    "actors": res.scores["n_actors"],
                }
            )
    df = pd.DataFrame(rows)
    df["quartile"] = pd.qcut(df["words"], 4, labels=["Q1 shortest", "Q2", "Q3", "Q4 longest"])
    df["abs_ours"] = df["ours"].abs()
    df["abs_vader"] = df["vader_whole"].abs()
    df["vader_saturated"] = df["abs_vader"] > 0.9
    table = df.groupby("quartile", observed=True).agg(
        n=("words", "size"),
        median_words=("words", "median"),
        mean_abs_ours=("abs_ours", "mean"),
        mean_abs_vader_whole=("abs_vader", "mean"),
        vader_beyond_0_9=("vader_saturated", "mean"),
    )
    print(f"corpus: {args.corpus} ({len(df)} articles with 50+ words)")
    print(table.round(3).to_string())
    print(
        "Spearman |score| vs words: ours "
        f"{df['abs_ours'].corr(df['words'], method='spearman'):.3f}, VADER whole text "
        f"{df['abs_vader'].corr(df['words'], method='spearman'):.3f}"
    )
    print(
        f"share of documents with |score| > 0.9: ours {(df['abs_ours'] > 0.9).mean():.3f}, VADER whole text "
        f"{df['vader_saturated'].mean():.3f}"
    )
    print(f"mean actors per article: {df['actors'].mean():.1f}")
    print(f"time: {1000 * elapsed / len(df):.1f} ms per article (sentiment + actors + attribution, one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
