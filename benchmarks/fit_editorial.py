"""Fit and cross-validate the editorial model (see :mod:`framing.training.editorial`).

    python benchmarks/fit_editorial.py --babe PATH/babe_dev.jsonl \
        --checkthat PATH/subjectivity_checkthat_en_dev.jsonl \
        [--checkthat-train PATH/subjectivity_checkthat_en_train.jsonl] \
        [--genre benchmarks/genre_mbic.tsv --articles PATH/news_articles_mbic.jsonl] [--write]
"""

from __future__ import annotations

from framing.training.editorial import main

if __name__ == "__main__":
    raise SystemExit(main())
