"""The analyser: parse a document once, run every registered dimension, collect results."""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from .dimensions import Dimension, available, load_dimension
from .document import Document, split_header
from .furniture import FURNITURE_LEXICON, FurnitureRules, SetAside
from .io import Failure
from .language import language_warning
from .quotes import find_quotes
from .resources import Config, Resources
from .results import Analysis, DimensionOutput, ParsedDocument, SentenceResult
from .text import Span, split_paragraphs, tokenize

__all__ = ["Analyzer", "InputError", "analyze", "analyze_many"]

#: Documents per task sent to a worker (bigger = less overhead, coarser ordering window).
DEFAULT_CHUNK_SIZE = 16


class InputError(ValueError):
    """A document that cannot be scored (empty, too large, not text)."""


def _order(names: Sequence[str]) -> tuple[str, ...]:
    """Dimensions in dependency order, pulling in what each requires."""
    out: list[str] = []

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in out:
            return
        if name in chain:
            raise ValueError(f"dimension cycle: {' -> '.join(chain + (name,))}")
        for dep in load_dimension(name).requires:
            visit(dep, chain + (name,))
        out.append(name)

    for n in names:
        visit(n, ())
    return tuple(out)


class Analyzer:
    """Scores documents on the chosen dimensions.

    Options are keyword-only and checked here. The analyser holds only its configuration when
    pickled; each process loads its resources once, on first use.

    - ``dimensions``: names from :func:`framing.dimensions.available` (default: all registered).
    - ``lexicons``: paths of user lexicon files, added to or overriding shipped ones.
    - ``actors``: ``{"Joe Biden": ["Biden", "President Biden"]}``, for actor detection.
    - ``max_chars``: longer documents fail with a clear error (default 2,000,000).
    - ``max_seconds``: a document whose scoring takes longer fails with a clear error (default 300;
      None for no limit). The limit interrupts scoring when it runs in a main thread on a system
      with ``SIGALRM``; elsewhere it is checked between the stages of the analysis.
    - ``language_check``: warn when a document does not look like English.
    """

    def __init__(
        self,
        *,
        dimensions: Sequence[str] | None = None,
        lexicons: Sequence[str | Path] = (),
        actors: Mapping[str, Sequence[str]] | None = None,
        max_chars: int = 2_000_000,
        max_seconds: float | None = 300.0,
        language_check: bool = True,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        names = tuple(available()) if dimensions is None else tuple(dimensions)
        if isinstance(dimensions, str):
            raise TypeError("dimensions must be a sequence of names, not a string")
        known = available()
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(f"unknown dimension(s) {', '.join(unknown)}; available: {', '.join(known)}")
        if not isinstance(max_chars, int) or max_chars < 1:
            raise ValueError(f"max_chars must be a positive integer, not {max_chars!r}")
        if max_seconds is not None and (not isinstance(max_seconds, (int, float)) or not max_seconds > 0):
            raise ValueError(f"max_seconds must be a positive number or None, not {max_seconds!r}")
        if isinstance(lexicons, (str, Path)):
            lexicons = (lexicons,)
        paths = tuple(str(Path(p)) for p in lexicons)
        for p in paths:
            if not Path(p).is_file():
                raise FileNotFoundError(f"lexicon file not found: {p}")
        actor_items: list[tuple[str, tuple[str, ...]]] = []
        for name, aliases in (actors or {}).items():
            if isinstance(aliases, str):
                aliases = (aliases,)
            actor_items.append((str(name), tuple(str(a) for a in aliases)))
        self.config = Config(
            dimensions=_order(names),
            lexicon_paths=paths,
            actors=tuple(actor_items),
            max_chars=max_chars,
            max_seconds=None if max_seconds is None else float(max_seconds),
            language_check=bool(language_check),
            options=tuple(sorted((options or {}).items())),
        )
        self._resources: Resources | None = None
        self._dimensions: tuple[Dimension, ...] | None = None
        self._furniture: FurnitureRules | bool | None = None

    # -- pickling: ship the configuration, not the loaded resources ---------------------------
    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.config = state["config"]
        self._resources = None
        self._dimensions = None
        self._furniture = None

    def __repr__(self) -> str:
        return f"Analyzer(dimensions={list(self.config.dimensions)!r})"

    @property
    def resources(self) -> Resources:
        if self._resources is None:
            self._resources = Resources(self.config)
        return self._resources

    @property
    def furniture(self) -> FurnitureRules | None:
        """Page-furniture rules from the ``furniture`` lexicon (None when it is not loaded)."""
        if self._furniture is None:
            lexicons = self.resources.lexicons
            self._furniture = (
                FurnitureRules.from_lexicon(lexicons[FURNITURE_LEXICON]) if FURNITURE_LEXICON in lexicons else False
            )
        return self._furniture or None

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        if self._dimensions is None:
            res = self.resources
            dims = []
            for name in self.config.dimensions:
                cls = load_dimension(name)
                for lx in cls.lexicons:
                    res.lexicon(lx)
                dims.append(cls(res))
            self._dimensions = tuple(dims)
        return self._dimensions

    def load(self) -> Analyzer:
        """Load lexicons and dimensions now (they load on first use otherwise); returns self."""
        _ = self.dimensions
        return self

    def score_descriptions(self) -> dict[str, str]:
        """Document score name -> meaning, for every active dimension."""
        out: dict[str, str] = {}
        for dim in self.dimensions:
            out.update(dim.SCORES)
        return out

    # -- parsing ------------------------------------------------------------------------------
    def parse(
        self, document: str | Document, *, meta: Mapping[str, Any] | None = None, id: str | None = None
    ) -> ParsedDocument:
        """Segment and match a document, checking that it can be scored."""
        doc = _as_document(document, meta, id)
        text = doc.text
        if len(text) > self.config.max_chars:
            raise InputError(
                f"document is {len(text):,} characters, over the limit of {self.config.max_chars:,}"
                " (raise it with max_chars / --max-chars)"
            )
        if "\x00" in text:
            raise InputError("text contains NUL characters (binary data?)")
        body_start, header = split_header(text)
        if not text[body_start:].strip():
            raise InputError("empty document (no text)" if not text.strip() else "document has a header but no text")
        res = self.resources
        paragraphs = split_paragraphs(text, body_start)
        sentences: list[Span] = []
        furniture: list[SetAside] = []
        rules = self.furniture
        for p_index, (ps, pe) in enumerate(paragraphs):
            spans = res.segmenter.sentences(text, ps, pe)
            reasons = rules.reasons(text, spans, p_index, len(paragraphs)) if rules is not None else [None] * len(spans)
            for (ss, se), reason in zip(spans, reasons):
                if reason is None:
                    sentences.append(Span(len(sentences), ss, se, p_index))
                else:
                    furniture.append(SetAside(ss, se, reason))
        tokens = []
        sentence_tokens = []
        for s in sentences:
            first = len(tokens)
            tokens.extend(tokenize(text, s.start, s.end))
            sentence_tokens.append((first, len(tokens)))
        n_words = sum(1 for t in tokens if t.is_word)
        merged_meta = {**header, **dict(doc.meta)}
        return ParsedDocument(
            id=doc.id,
            text=text,
            meta=merged_meta,
            body_start=body_start,
            paragraphs=tuple(Span(i, s, e, i) for i, (s, e) in enumerate(paragraphs)),
            sentences=tuple(sentences),
            tokens=tuple(tokens),
            sentence_tokens=tuple(sentence_tokens),
            matches=tuple(res.matcher.find(text, tokens, sentence_tokens)),
            quotes=tuple(find_quotes(text, paragraphs)),
            n_words=n_words,
            furniture=tuple(furniture),
        )

    def _warnings(self, doc: Document, parsed: ParsedDocument) -> list[str]:
        warnings = list(doc.warnings)
        if self.config.language_check:
            words = [t.norm for t in parsed.tokens if t.kind == "word"]
            note = language_warning(parsed.text[parsed.body_start :], words, self.resources.function_words)
            if note:
                warnings.append(note)
        return warnings

    # -- analysis -----------------------------------------------------------------------------
    def analyze(
        self, document: str | Document, *, meta: Mapping[str, Any] | None = None, id: str | None = None
    ) -> Analysis:
        """Score one document on every active dimension.

        A document whose scoring takes longer than ``max_seconds`` raises :class:`InputError`.
        """
        doc = _as_document(document, meta, id)
        limit = self.config.max_seconds
        try:
            with _time_limit(limit):
                return self._analyze(doc, None if limit is None else time.monotonic() + limit)
        except _Overtime:
            raise InputError(
                f"scoring took longer than {limit:g} s (the time limit; raise it with max_seconds / --max-seconds)"
            ) from None

    def _analyze(self, doc: Document, deadline: float | None) -> Analysis:
        parsed = self.parse(doc)
        outputs: dict[str, DimensionOutput] = {}
        scores: dict[str, float] = {"n_words": parsed.n_words, "n_sentences": len(parsed.sentences)}
        labels: dict[str, str] = {}
        n = len(parsed.sentences)
        sent_scores: list[dict[str, float]] = [{} for _ in range(n)]
        sent_labels: list[dict[str, str]] = [{} for _ in range(n)]
        evidence = []
        blocks: dict[str, tuple[Any, ...]] = {}
        for dim in self.dimensions:
            if deadline is not None and time.monotonic() > deadline:
                raise _Overtime
            out = dim.score(parsed, outputs)
            outputs[dim.name] = out
            for key in out.scores:
                if key in scores:
                    raise RuntimeError(f"dimension {dim.name!r} repeats score name {key!r}")
            scores.update(out.scores)
            labels.update(out.labels)
            for target, source in ((sent_scores, out.sentence_scores), (sent_labels, out.sentence_labels)):
                if source and len(source) != n:
                    raise RuntimeError(f"dimension {dim.name!r} gave {len(source)} sentence rows for {n} sentences")
                for row, extra in zip(target, source):
                    row.update(extra)
            evidence.extend(out.evidence)
            for key, items in out.blocks.items():
                blocks[key] = blocks.get(key, ()) + tuple(items)
        evidence.sort(key=lambda e: (e.start, e.end, e.dimension, e.label))
        return Analysis(
            id=parsed.id,
            text=parsed.text,
            meta=parsed.meta,
            body_start=parsed.body_start,
            n_words=parsed.n_words,
            n_sentences=n,
            scores=scores,
            labels=labels,
            sentences=tuple(
                SentenceResult(s.index, s.start, s.end, s.paragraph, sent_scores[s.index], sent_labels[s.index])
                for s in parsed.sentences
            ),
            evidence=tuple(evidence),
            blocks=blocks,
            warnings=tuple(self._warnings(doc, parsed)),
            set_aside=tuple(parsed.furniture),
        )

    def _analyze_or_fail(self, item: str | Document | Failure) -> Analysis | Failure:
        if isinstance(item, Failure):
            return item
        doc = _as_document(item, None, None)
        try:
            return self.analyze(doc)
        except InputError as exc:
            return Failure(doc.source or doc.id, str(exc), doc.id)
        except Exception as exc:  # a fault on one document must not stop the batch: report it there
            message = f"could not be scored ({type(exc).__name__}: {exc})".replace("\n", " ")
            return Failure(doc.source or doc.id, message, doc.id)

    def analyze_many(
        self,
        documents: Iterable[str | Document | Failure],
        *,
        n_jobs: int = 1,
        errors: Literal["raise", "return"] = "raise",
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> Iterator[Analysis | Failure]:
        """Score documents lazily, yielding results in input order.

        ``n_jobs`` worker processes (-1 = all cores). With ``errors="return"`` a document that
        fails (and any :class:`~framing.io.Failure` passed in) is yielded as a ``Failure`` in its
        place and the rest go on; with ``"raise"`` the first failure raises :class:`InputError`.
        Memory stays bounded: at most ``4 * n_jobs`` chunks are in flight.
        """
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
        if n_jobs == -1:
            n_jobs = os.cpu_count() or 1
        if not isinstance(n_jobs, int) or n_jobs < 1:
            raise ValueError(f"n_jobs must be a positive integer or -1, not {n_jobs!r}")
        self.load()  # a bad lexicon is one configuration error, not one failure per document
        numbered = _numbered(documents)
        results = self._serial(numbered) if n_jobs == 1 else self._parallel(numbered, n_jobs, chunk_size)
        for result in results:
            if errors == "raise" and isinstance(result, Failure):
                raise InputError(str(result))
            yield result

    def _serial(self, items: Iterator[str | Document | Failure]) -> Iterator[Analysis | Failure]:
        for item in items:
            yield self._analyze_or_fail(item)

    def _parallel(
        self,
        items: Iterator[str | Document | Failure],
        n_jobs: int,
        chunk_size: int,
        task: Callable[..., list[Any]] | None = None,
        *args: Any,
    ) -> Iterator[Any]:
        """``task(chunk, *args)`` (default: analyse each item) in ``n_jobs`` processes, in input order."""
        pool = ProcessPoolExecutor(max_workers=n_jobs, initializer=_init_worker, initargs=(self, os.getpid()))
        with pool:
            yield from ordered_map(pool.submit, task or _work, chunks(items, chunk_size), 4 * n_jobs, *args)


class _Overtime(BaseException):
    """Scoring ran past its time limit (a BaseException, so that no ``except Exception`` swallows it)."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_Overtime` in the block after ``seconds``, by ``SIGALRM`` when this is the main
    thread and no other alarm is set; otherwise do nothing (the caller checks between stages)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if not usable:
        yield
        return

    def overtime(signum: int, frame: Any) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    if size < 1:
        raise ValueError(f"chunk size must be positive, not {size!r}")
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def ordered_map(
    submit: Callable[..., Any], task: Callable[..., list[Any]], batches: Iterable[Any], window: int, *args: Any
) -> Iterator[Any]:
    """Run ``task(batch, *args)`` through ``submit`` (an executor's or a Dask client's) with at most
    ``window`` batches in flight; yield each batch's items in input order.

    Memory stays bounded whatever the input length: input is read only as results are consumed.
    """
    pending: deque[Any] = deque()
    batches = iter(batches)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            pending.append(submit(task, batch, *args))
        if not pending:
            return
        yield from pending.popleft().result()


def _numbered(documents: Iterable[str | Document | Failure]) -> Iterator[str | Document | Failure]:
    for i, item in enumerate(documents):
        yield Document(f"doc-{i}", item) if isinstance(item, str) else item


_WORKER: Analyzer | None = None


#: Seconds between a worker's checks that the process that started it is still there.
PARENT_CHECK_INTERVAL = 0.5


def _exit_with_parent(parent: int, interval: float) -> None:
    """End this worker process when its parent is gone (killed, even with SIGKILL): it is re-parented."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def _init_worker(analyzer: Analyzer, parent: int | None = None) -> None:
    global _WORKER  # one analyser per worker process, set once at start
    if parent is not None:
        # A killed parent cannot stop its workers: each watches for itself, from a daemon thread,
        # since the main thread may be blocked waiting for a task that will never come.
        threading.Thread(target=_exit_with_parent, args=(parent, PARENT_CHECK_INTERVAL), daemon=True).start()
    _WORKER = analyzer
    analyzer.load()
    # The loaded lexicons and dictionaries live as long as the worker: keep them out of the
    # garbage collector's scans (and, in a forked worker, their pages shared with the parent).
    gc.freeze()


def worker_analyzer() -> Analyzer:
    """The analyser of this worker process (set by the pool's initializer)."""
    if _WORKER is None:
        raise RuntimeError("not inside a framing worker process")
    return _WORKER


def _work(chunk: list[str | Document | Failure]) -> list[Analysis | Failure]:
    analyzer = worker_analyzer()
    return [analyzer._analyze_or_fail(item) for item in chunk]


def _as_document(document: str | Document, meta: Mapping[str, Any] | None, id: str | None) -> Document:
    if isinstance(document, Document):
        if meta is None and id is None:
            return document
        return Document(
            id or document.id, document.text, {**document.meta, **(meta or {})}, document.source, document.warnings
        )
    if isinstance(document, str):
        return Document(id or "doc", document, dict(meta or {}))
    raise TypeError(f"expected str or Document, not {type(document).__name__}")


def analyze(
    document: str | Document, *, meta: Mapping[str, Any] | None = None, id: str | None = None, **options: Any
) -> Analysis:
    """Score one text or :class:`Document`; ``options`` are :class:`Analyzer` options.

    Building an analyser loads its lexicons; to score many documents, make one
    :class:`Analyzer` and reuse it, or call :func:`analyze_many`.
    """
    analyzer = Analyzer(**options) if options else _default_analyzer()
    return analyzer.analyze(document, meta=meta, id=id)


@lru_cache(maxsize=1)
def _default_analyzer() -> Analyzer:
    """The all-defaults analyser, built once so repeated ``analyze`` calls do not reload lexicons."""
    return Analyzer()


def analyze_many(
    documents: Iterable[str | Document | Failure],
    *,
    n_jobs: int = 1,
    errors: Literal["raise", "return"] = "raise",
    **options: Any,
) -> Iterator[Analysis | Failure]:
    """Score many documents in input order with one analyser (see :meth:`Analyzer.analyze_many`)."""
    return Analyzer(**options).analyze_many(documents, n_jobs=n_jobs, errors=errors)
