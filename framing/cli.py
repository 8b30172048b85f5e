"""The ``framing`` command line: score, explain and list lexicons.

Exit codes: 0 when every document was scored; 1 when some failed (each is named on stderr and
the rest are still written); 2 for a usage error.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from . import __version__
from .analyzer import Analyzer, InputError
from .batch import (
    DEFAULT_CHUNK_SIZE,
    OUTPUT_FORMATS,
    SUFFIX_FORMATS,
    Progress,
    ResumeError,
    completed_ids,
    count_records,
    iter_inputs,
    open_writer,
    score_stream,
)
from .io import Failure, LoadOptions, iter_documents, unique_ids
from .lexicon import LexiconError
from .render import render_explanation
from .results import Analysis

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

EXAMPLES = """\
examples:
  framing score seeds/                           score every .txt file in a folder (table)
  framing score seeds/ --format json -o out.json one JSON record per document
  framing score articles.jsonl --text-field body --id-field url --format csv
  cat article.txt | framing score - --format jsonl
  framing score corpus.jsonl -o scores.jsonl --jobs -1 --resume   all cores; continue a stopped run
  framing score corpus.parquet -o scores.parquet --text-field body
  framing score corpus.jsonl -o scores.jsonl --scheduler tcp://10.0.0.5:8786   on a Dask cluster
  framing explain seeds/000_9a7f7bc7f1e60ac7.txt  sentences with scores and highlighted evidence
  framing lexicons                               the lexicons in use, with versions and sources
  framing report seeds/ -o reports/seeds.pdf     a PDF comparing the documents, each one marked up
  framing evaluate labelled.csv --label-field label --task bias --by outlet
  framing train labelled.csv --label-field label -o model.json   then: framing score --model model.json
"""


class UsageError(Exception):
    """A command-line mistake: reported in one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Score news text for editorial framing, sentiment and attribution, with evidence.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--text-field", default="text", metavar="F", help="JSONL/CSV field with the text (default: text)"
    )
    common.add_argument("--id-field", default="id", metavar="F", help="JSONL/CSV field with the id (default: id)")
    common.add_argument(
        "--meta-fields",
        metavar="F,G",
        help="JSONL/CSV fields kept as metadata (default: every other field)",
    )
    common.add_argument(
        "--input-format",
        choices=("auto", "text", "jsonl", "csv"),
        default="auto",
        help="how to read inputs (default: by suffix; stdin by its first character)",
    )
    common.add_argument("--dimensions", metavar="A,B", help="only these dimensions (default: all)")
    common.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="FILE",
        help="add or override a lexicon from your own TSV file (repeatable)",
    )
    common.add_argument("--actors", metavar="FILE", help='JSON file of actors and aliases: {"Joe Biden": ["Biden"]}')
    common.add_argument(
        "--max-chars", type=int, default=2_000_000, metavar="N", help="longest document accepted (default 2,000,000)"
    )
    common.add_argument(
        "--max-seconds",
        type=float,
        default=300.0,
        metavar="S",
        help="a document whose scoring takes longer fails (default 300; 0 = no limit)",
    )

    score = sub.add_parser(
        "score",
        parents=[common],
        help="score documents and write one record per document",
        description="Score documents: files, folders of .txt files, JSONL, CSV, or - for stdin.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, JSONL, CSV, Parquet, or - for stdin")
    score.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="output format (default: from the --output suffix, else table)",
    )
    score.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of stdout (a folder for Parquet parts)"
    )
    score.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (-1 = all cores)")
    score.add_argument(
        "--resume",
        action="store_true",
        help="keep the records already in --output and score only the documents whose ids are not there",
    )
    score.add_argument(
        "--errors",
        metavar="FILE",
        help="write one JSON line per failed document here (default: OUTPUT.failures.jsonl next to --output)",
    )
    score.add_argument(
        "--progress",
        choices=("auto", "on", "off"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal and not --quiet)",
    )
    score.add_argument(
        "--scheduler", metavar="ADDRESS", help="score on a Dask cluster (tcp://HOST:PORT); needs framing[dask]"
    )
    score.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"documents per task sent to a worker (default {DEFAULT_CHUNK_SIZE})",
    )
    score.add_argument(
        "--stories",
        action="store_true",
        help="add meta.story: a label shared by articles about the same event (reads every input first)",
    )
    score.add_argument(
        "-q", "--quiet", action="store_true", help="no warnings, progress or summary on stderr (errors are still shown)"
    )

    explain = sub.add_parser(
        "explain",
        parents=[common],
        help="show each sentence with its scores and highlighted evidence",
        description="Show each sentence of a document with its scores and the evidence behind them.",
    )
    explain.add_argument("path", metavar="FILE", help="a text file (or JSONL/CSV: every record), or - for stdin")
    explain.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="highlight in colour")
    explain.add_argument("--dimension", metavar="NAME", help="only evidence of this dimension")
    explain.add_argument("--width", type=int, default=100, metavar="N", help="wrap sentences at N columns")

    sub.add_parser("lexicons", parents=[common], help="list the lexicons in use with versions and sources")

    report = sub.add_parser(
        "report",
        parents=[common],
        help="write a PDF report comparing documents",
        description="Score documents and write a PDF report: findings first, then comparison tables, charts, "
        "optional per-document pages and a short methodology.",
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, JSONL, CSV, or - for stdin")
    report.add_argument("-o", "--output", default="reports/report.pdf", metavar="FILE", help="the PDF to write")
    report.add_argument("--title", metavar="TEXT", help="title of the report (default: from the input names)")
    report.add_argument("--by", metavar="KEY", help="metadata key that groups documents (default: outlet, if any)")
    report.add_argument("--within", metavar="KEY", help="compare the groups within each value of this key (topic)")
    report.add_argument(
        "--documents",
        default="auto",
        metavar="all|N|none",
        help="per-document pages: all, the first N, or none (default: all up to 3 documents, else none)",
    )
    report.add_argument("--timestamp", metavar="TEXT", help="printed on page 1 (default: now)")
    report.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (-1 = all cores)")
    report.add_argument("-q", "--quiet", action="store_true", help="no warnings or summary (errors are still shown)")
    for p in (score, explain):
        p.add_argument("--model", metavar="MODEL", help="also score with a model from framing train (model.json)")
    _add_model_commands(sub, common)
    return parser


def _add_model_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``evaluate`` and ``train`` subcommands (labelled data; see docs/training.md)."""
    labelled = argparse.ArgumentParser(add_help=False)
    labelled.add_argument("data", metavar="DATA", help="labelled JSONL or CSV file, one text per record")
    labelled.add_argument("--label-field", required=True, metavar="L", help="field with the label")
    labelled.add_argument("--positive", metavar="VALUE", help="the positive label of a two-class task")
    labelled.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (-1 = all cores)")
    evaluate = sub.add_parser(
        "evaluate",
        parents=[common, labelled],
        help="compare framing's scores (or a trained model) with your labels",
        description="ROC-AUC, macro-F1 and the confusion matrix of framing's scores against labelled data.",
    )
    evaluate.add_argument("--task", choices=("bias", "subjectivity", "attribution", "frames"), help="default: bias")
    evaluate.add_argument("--score", metavar="NAME", help="compare this document score instead of the task's")
    evaluate.add_argument("--threshold", type=float, metavar="T", help="positive when the score reaches T")
    evaluate.add_argument("--by", metavar="FIELD", help="break the results down by this field (outlet, topic)")
    evaluate.add_argument("--label-map", metavar="FILE", help="JSON object mapping your labels onto framing's")
    evaluate.add_argument("--model", metavar="MODEL", help="evaluate a model from framing train instead")
    evaluate.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    evaluate.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    train = sub.add_parser(
        "train",
        parents=[common, labelled],
        help="train a model on your labels: interpretable features + TF-IDF n-grams, logistic regression",
        description="Fit a linear model on labelled texts, report its cross-validated score, save it as JSON.",
    )
    train.add_argument("-o", "--output", required=True, metavar="MODEL", help="where to write the model (JSON)")
    train.add_argument("--cv", type=int, default=5, metavar="K", help="cross-validation folds (0 = none; default 5)")
    train.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the fold split (default 0)")
    train.add_argument("--ngram-max", type=int, default=2, metavar="N", help="longest word n-gram (default 2)")
    train.add_argument("--min-df", type=int, default=2, metavar="N", help="n-grams in at least N texts (default 2)")
    train.add_argument("--C", type=float, default=1.0, metavar="C", help="inverse regularisation (default 1)")
    train.add_argument(
        "--features-weight",
        default="auto",
        metavar="W",
        help="scale of the interpretable features next to the n-grams (default auto: chosen by cross-validation)",
    )
    train.add_argument("--exclude", metavar="P,Q", help="leave out features whose names start with these")
    train.add_argument("--no-features", action="store_true", help="TF-IDF n-grams only")
    train.add_argument("--no-tfidf", action="store_true", help="interpretable features only")


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _analyzer(args: argparse.Namespace) -> Analyzer:
    actors = None
    if args.actors:
        try:
            actors = json.loads(Path(args.actors).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise UsageError(f"--actors {args.actors}: {exc}") from None
        if not isinstance(actors, dict):
            raise UsageError(f"--actors {args.actors}: expected a JSON object of name -> aliases")
    dimensions = _split(args.dimensions)
    options: dict[str, Any] = {}
    if getattr(args, "model", None):  # score/explain --model: the model dimension scores with it
        options["model"] = _model(args)
        if dimensions is not None and "model" not in dimensions:
            dimensions = (*dimensions, "model")
    try:
        return Analyzer(
            dimensions=dimensions,
            lexicons=args.lexicon,
            actors=actors,
            max_chars=args.max_chars,
            max_seconds=args.max_seconds or None,
            options=options or None,
        )
    except (ValueError, FileNotFoundError, TypeError) as exc:
        raise UsageError(str(exc)) from None


def _model(args: argparse.Namespace) -> Any:
    from .models import ModelError, load_model

    try:
        model = load_model(args.model, lexicons=args.lexicon)
    except ModelError as exc:
        raise UsageError(str(exc)) from None
    for warning in model.warnings:
        sys.stderr.write(f"framing: warning: {args.model}: {warning}\n")
    return model


def _load_options(args: argparse.Namespace) -> LoadOptions:
    try:
        return LoadOptions(
            text_field=args.text_field,
            id_field=args.id_field,
            meta_fields=_split(args.meta_fields),
            input_format=args.input_format,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None


# -- commands ---------------------------------------------------------------------------------


def _report(failure: Failure, err: IO[str]) -> None:
    err.write(f"framing: error: {failure.source}: {failure.message}\n")


def _checked(items: Iterable[Any], paths: Sequence[str]) -> Iterator[Any]:
    """Input items; a failure that says a file named on the command line was described wrong (its
    text field is missing) stops the command with a usage error. Inside a folder it is that file's failure."""
    named = {"<stdin>" if str(p) == "-" else str(p) for p in paths}
    for item in items:
        if isinstance(item, Failure) and item.usage and item.source.rpartition(":")[0] in named:
            raise UsageError(f"{item.source}: {item.message}")
        yield item


def _with_stories(items: list[Any]) -> list[Any]:
    """Every document with ``meta["story"]``, its story among all the inputs (:func:`framing.stories`)."""
    import dataclasses

    from .stories import stories

    labels = iter(stories([i for i in items if not isinstance(i, Failure)]))
    return [
        i if isinstance(i, Failure) else dataclasses.replace(i, meta={**i.meta, "story": next(labels)}) for i in items
    ]


def _results(analyzer: Analyzer, items: Iterator[Any], jobs: int, paths: Sequence[str]) -> Iterator[Analysis | Failure]:
    try:
        yield from analyzer.analyze_many(_checked(items, paths), n_jobs=jobs, errors="return")
    except LexiconError as exc:
        raise UsageError(str(exc)) from None


def _output_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        path = Path(args.output)
        if path.is_dir():
            return "parquet"
        return SUFFIX_FORMATS.get(path.suffix.lower(), "table")
    return "table"


def _errors_path(args: argparse.Namespace) -> Path | None:
    if args.errors:
        return Path(args.errors)
    if args.output:
        out = Path(args.output)
        return out.parent / f"{out.name}.failures.jsonl"
    return None


class _Failures:
    """Failed documents: one line each on stderr, one JSON record each in the errors file."""

    def __init__(self, path: Path | None, progress: Progress) -> None:
        self.path, self.progress = path, progress
        self.count = 0
        self._fh: IO[str] | None = None
        if path is not None and path.exists():
            path.unlink()  # failures of an earlier run are retried, and recorded again if they fail

    def add(self, failure: Failure) -> None:
        self.count += 1
        self.progress.message(f"framing: error: {failure.source}: {failure.message}\n")
        if self.path is not None:
            if self._fh is None:
                self._fh = self.path.open("w", encoding="utf-8")
            record = {"source": failure.source, "id": failure.id, "message": failure.message}
            self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def cmd_score(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    started = time.monotonic()
    analyzer = _analyzer(args)
    opts = _load_options(args)
    if args.jobs == 0 or args.jobs < -1:
        raise UsageError("--jobs must be a positive number or -1")
    if args.chunk_size < 1:
        raise UsageError("--chunk-size must be a positive number")
    fmt = _output_format(args)
    if args.resume and not args.output:
        raise UsageError("--resume needs --output: the file whose records are kept")
    if fmt == "parquet" and not args.output:
        raise UsageError("--format parquet needs --output FILE.parquet (or a folder, for a resumable run)")
    try:
        analyzer.load()
    except LexiconError as exc:
        raise UsageError(str(exc)) from None
    gc.freeze()  # the loaded resources live as long as the command: keep them out of GC scans (about 10% faster)
    done: set[str] = set()
    if args.resume:
        try:
            done = completed_ids(args.output, fmt)
        except ResumeError as exc:
            raise UsageError(str(exc)) from None
        except OSError as exc:
            raise UsageError(f"--output {args.output}: {exc.strerror or exc}") from None
    show_progress = args.progress == "on" or (args.progress == "auto" and not args.quiet and stderr.isatty())
    total = count_records(args.paths) if show_progress else None
    if total is not None:
        total = max(total - len(done), 0)
    progress = Progress(stderr, show_progress, total, started=started)
    try:
        writer = open_writer(
            fmt,
            args.output,
            stdout=stdout,
            resume=args.resume,
            warn=lambda m: progress.message(f"framing: warning: {m}\n"),
        )
    except ResumeError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"--output {args.output}: {exc.strerror or exc}") from None
    failures = _Failures(_errors_path(args), progress)
    skipped = 0

    def todo() -> Iterator[Any]:
        nonlocal skipped
        items: Iterable[Any] = _checked(unique_ids(iter_inputs(args.paths, opts)), args.paths)
        if args.stories:
            items = _with_stories(list(items))
        for item in items:
            if done and not isinstance(item, Failure) and item.id in done:
                skipped += 1
                continue
            yield item

    try:
        stream = score_stream(
            analyzer, todo(), fmt=fmt, n_jobs=args.jobs, chunk_size=args.chunk_size, scheduler=args.scheduler
        )
        for result in stream:
            if isinstance(result, Failure):
                failures.add(result)
            else:
                if not args.quiet:
                    for w in result.warnings:
                        progress.message(f"framing: warning: {result.source or result.id}: {w}\n")
                writer.write(result.payload)
            progress.update(writer.count, failures.count)
    finally:
        writer.close()
        failures.close()
        progress.close()
    if not args.quiet or failures.count:
        where = f" (reasons in {failures.path})" if failures.count and failures.path is not None else ""
        kept = f", {skipped:,} already in {args.output}" if args.resume else ""
        stderr.write(
            f"framing: {writer.count:,} scored, {failures.count:,} failed{where}{kept}, "
            f"{progress.elapsed:.1f} s elapsed\n"
        )
    return EXIT_SOME_FAILED if failures.count else EXIT_OK


def cmd_explain(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    analyzer = _analyzer(args)
    opts = _load_options(args)
    colour = args.color == "always" or (args.color == "auto" and stdout.isatty())
    try:
        groups = {dim.name: list(dim.SCORES) for dim in analyzer.load().dimensions}
    except LexiconError as exc:
        raise UsageError(str(exc)) from None
    if args.dimension is not None and args.dimension not in groups:
        raise UsageError(f"--dimension {args.dimension!r} is not active; choose one of {', '.join(groups)}")
    failed = 0
    for result in _results(analyzer, iter_documents([args.path], opts), 1, [args.path]):
        if isinstance(result, Failure):
            failed += 1
            _report(result, stderr)
            continue
        stdout.write(
            render_explanation(result, colour=colour, dimension=args.dimension, width=args.width, groups=groups)
        )
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_lexicons(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    analyzer = _analyzer(args)
    try:
        lexicons = analyzer.resources.lexicons
    except LexiconError as exc:
        raise UsageError(str(exc)) from None
    for lx in sorted(lexicons.values(), key=lambda x: x.name):
        stdout.write(f"{lx.name} {lx.version}  {len(lx.entries)} entries  [{lx.license}]  {lx.kind}\n")
        stdout.write(textwrap.indent(textwrap.fill(lx.source, 96), "    ") + "\n")
    return EXIT_OK


def cmd_report(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    try:
        from .report import build_pdf
    except ImportError as exc:
        raise UsageError(f"the report needs the report extra (pip install 'framing[report]'): {exc}") from None
    if args.jobs == 0 or args.jobs < -1:
        raise UsageError("--jobs must be a positive number or -1")
    documents: str | int = args.documents
    if documents not in ("all", "none", "auto"):
        if not str(documents).isdigit():
            raise UsageError(f"--documents must be all, none or a number, not {documents!r}")
        documents = int(documents)
    analyzer = _analyzer(args)
    opts = _load_options(args)
    analyses, failed = [], 0
    for result in _results(analyzer, unique_ids(iter_documents(args.paths, opts)), args.jobs, args.paths):
        if isinstance(result, Failure):
            failed += 1
            _report(result, stderr)
            continue
        analyses.append(result)
        if not args.quiet:
            for w in result.warnings:
                stderr.write(f"framing: warning: {result.id}: {w}\n")
    if not analyses:
        stderr.write("framing: error: no document could be scored; no report written\n")
        return EXIT_SOME_FAILED
    title = args.title or "framing report: " + ", ".join(Path(p).name or str(p) for p in args.paths)
    try:
        path = build_pdf(
            analyses,
            args.output,
            title=title,
            timestamp=args.timestamp,
            analyzer=analyzer,
            by=args.by,
            within=args.within,
            documents=documents,
        )
    except OSError as exc:
        raise UsageError(f"--output {args.output}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not args.quiet:
        stdout.write(f"wrote {path} ({len(analyses)} documents)\n")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _labelled(args: argparse.Namespace, stderr: IO[str]) -> Any:
    from .evaluate import load_labelled

    if args.jobs == 0 or args.jobs < -1:
        raise UsageError("--jobs must be a positive number or -1")
    try:
        data = load_labelled(args.data, args.label_field, text_field=args.text_field, id_field=args.id_field)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if data.failures:
        stderr.write(f"framing: warning: {len(data.failures)} records could not be read (first: {data.failures[0]})\n")
    return data


def cmd_evaluate(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    from .evaluate import evaluate, evaluate_model, read_label_map, render_report
    from .models import ModelError

    data = _labelled(args, stderr)
    try:
        if args.model:
            report = evaluate_model(data, _model(args), by=args.by, n_jobs=args.jobs)
        else:
            analyzer = _analyzer(args)
            task = args.task or (None if args.score else "bias")
            label_map = read_label_map(args.label_map) if args.label_map else None
            report = evaluate(
                data,
                task=task,
                score=args.score,
                threshold=args.threshold,
                positive=args.positive,
                by=args.by,
                label_map=label_map,
                analyzer=analyzer,
                n_jobs=args.jobs,
            )
    except (ModelError, ValueError, LexiconError) as exc:
        raise UsageError(str(exc)) from None
    text = (
        json.dumps(report.to_dict(), indent=2) + "\n"
        if args.format == "json"
        else render_report(report, data_name=Path(args.data).name)
    )
    _write_text(text, args.output, stdout)
    return EXIT_OK


def cmd_train(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    from .train import TrainConfig, describe, train_model

    data = _labelled(args, stderr)
    try:
        config = TrainConfig(
            features=not args.no_features,
            tfidf=not args.no_tfidf,
            ngram_range=(1, args.ngram_max),
            min_df=args.min_df,
            C=args.C,
            features_weight=args.features_weight if args.features_weight == "auto" else float(args.features_weight),
            dimensions=_split(args.dimensions),
            lexicons=tuple(args.lexicon),
            exclude=_split(args.exclude) or (),
        )
        if args.cv < 0 or args.cv == 1:
            raise ValueError("--cv must be 0 (no cross-validation) or at least 2")
        result = train_model(
            [d.text for d in data.documents],
            data.labels,
            config,
            folds=args.cv,
            seed=args.seed,
            positive=args.positive,
            label_field=args.label_field,
            text_field=args.text_field,
            n_jobs=args.jobs,
            data_name=Path(args.data).name,
        )
    except (ValueError, TypeError, LexiconError) as exc:
        raise UsageError(str(exc)) from None
    try:
        path = result.model.save(args.output)
    except OSError as exc:
        raise UsageError(f"--output {args.output}: {exc.strerror or exc}") from None
    stdout.write(describe(result))
    stdout.write(f"wrote {path}\n")
    return EXIT_OK


def _write_text(text: str, output: str | None, stdout: IO[str]) -> None:
    if not output:
        stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--output {output}: {exc.strerror or exc}") from None


def main(argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        return int(exc.code or 0)
    commands = {"score": cmd_score, "explain": cmd_explain, "lexicons": cmd_lexicons, "report": cmd_report}
    commands.update({"evaluate": cmd_evaluate, "train": cmd_train})
    if args.command not in commands:
        parser.print_help(stderr)
        return EXIT_USAGE
    try:
        return commands[args.command](args, stdout, stderr)
    except UsageError as exc:
        for line in str(exc).splitlines():  # a lexicon error may name several file:line places
            stderr.write(f"framing: error: {line}\n")
        return EXIT_USAGE
    except InputError as exc:
        stderr.write(f"framing: error: {exc}\n")
        return EXIT_SOME_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        stderr.write("framing: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
