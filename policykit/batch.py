"""Extracting a batch of documents: in this process or in worker processes.

Every input becomes an :class:`Extracted`: its policykit/1 JSON text,
serialised where it was extracted (a worker sends back one string, not a
tree of objects), or the failure record that ``policykit extract`` prints.
Results come back in input order whatever the number of workers, so the
output is byte for byte the one a single process gives.

    jobs = [Job("a.txt"), Job("b.docx")]
    for result in extract_all(jobs, Options(pretty=False), workers=2):
        print(result.json or result.failure)

Every document has a wall-clock limit (``Options.timeout``) and, in worker
processes, a memory ceiling (``Options.memory_mb``): past either it becomes
an error record (``timeout``, ``out_of_memory``) and the batch goes on.
Workers are ``policykit.pool.WorkerPool`` processes; each starts with the
jieba tokenizer and the spaCy pipeline loaded: loaded once in the parent and
inherited when workers are forked, loaded once by each worker when they are
spawned. The start method is the platform's default (``fork`` on Linux)
unless ``start_method`` or the environment variable ``POLICYKIT_START_METHOD``
names another (``fork``, ``spawn``, ``forkserver``). ``policykit.daskbag``
runs the same jobs on a Dask cluster, each document in a worker process of
the Dask worker, under the same limits.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .aliases import Aliases
from .errors import PolicykitError

#: A time limit this long or longer is none.
NO_LIMIT_SECONDS = 100 * 24 * 3600
#: Names the multiprocessing start method of the worker processes.
START_METHOD_ENV = "POLICYKIT_START_METHOD"
STDIN = "-"


def policykit_environment() -> tuple[tuple[str, str], ...]:
    """The ``POLICYKIT_*`` variables of this process: the limits, for workers elsewhere."""
    return tuple(sorted((name, value) for name, value in os.environ.items() if name.startswith("POLICYKIT_")))


@dataclass(frozen=True)
class Options:
    """How every document of a batch is read and written out, and its budget."""

    encoding: str | None = None
    aliases: Aliases | None = None
    #: indented JSON (True), one line (False), or no JSON text at all (None: only the counts)
    pretty: bool | None = True
    #: seconds one document may take (None: no limit)
    timeout: float | None = None
    #: megabytes of data one document may add to a worker process (None: no ceiling; not applied in this process)
    memory_mb: float | None = None
    #: the POLICYKIT_* variables (limits) of the command, applied by every worker, here or remote
    environment: tuple[tuple[str, str], ...] = field(default_factory=policykit_environment)

    def __post_init__(self) -> None:
        # A limit past a hundred days is no limit (and past what timers and waits can hold).
        if self.timeout is not None and not 0 < self.timeout < NO_LIMIT_SECONDS:
            object.__setattr__(self, "timeout", None)


@dataclass(frozen=True)
class Job:
    """One input: a path, or ``-`` with the bytes of standard input (read by the parent).

    ``path``, when given, is where a worker reads ``source`` (an absolute path
    for a worker in another folder); the output still names ``source``.
    """

    source: str
    data: bytes | None = None
    path: str | None = None


@dataclass(frozen=True)
class Counts:
    """What the summary table counts of one document."""

    measures: int
    units: tuple[str, ...]
    citations: int
    targets: int
    warnings: int
    flags: int = 0   # review flags: warnings that mark a place to check (see policykit.extract.flags)

    @classmethod
    def of(cls, doc: dict[str, Any]) -> "Counts":
        from .extract.flags import is_flag

        return cls(len(doc["measures"]), tuple(u["name"] for u in doc["units"]), len(doc["citations"]),
                   len(doc["targets"]), len(doc["warnings"]), sum(1 for w in doc["warnings"] if is_flag(w["code"])))


@dataclass(frozen=True)
class Extracted:
    """The outcome of one job: JSON text and counts, or an error ``{"code", "message"}``."""

    source: str
    json: str | None = None
    counts: Counts | None = None
    error: dict[str, str] | None = None

    @property
    def failure(self) -> dict[str, Any] | None:
        """The JSON Lines / errors.json record of a failure."""
        return None if self.error is None else {"source": self.source, "error": self.error}


def failure_record(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message}


class DocumentTimeout(BaseException):
    """Raised when a document's time is up. Not an Exception: no reader's
    ``except Exception`` may take it for a damaged file."""


#: Megabytes one document may take in this process, when it is a worker under a ceiling (policykit.pool).
memory_budget_mb: float | None = None


def failure_of(exc: BaseException) -> dict[str, str]:
    if _out_of_memory(exc):
        if memory_budget_mb is None:
            return failure_record("out_of_memory", "out of memory")
        return failure_record("out_of_memory", f"out of memory (one document may take {memory_budget_mb:g} MB "
                                               "in a worker process, POLICYKIT_MAX_WORKER_MEMORY_MB)")
    if isinstance(exc, PolicykitError):
        return failure_record(exc.code, exc.message)
    if isinstance(exc, OSError):
        return failure_record("read_error", exc.strerror or str(exc))
    # A bug in an extractor must not cost the rest of the batch its output.
    return failure_record("internal_error", f"{type(exc).__name__}: {exc}")


def _out_of_memory(exc: BaseException | None) -> bool:
    """A MemoryError, or an error raised while handling one (a reader's "out of memory")."""
    for _ in range(8):
        if exc is None:
            return False
        if isinstance(exc, MemoryError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def timed_out(limit: float) -> dict[str, str]:
    return failure_record("timeout", f"took longer than {limit:g} s (limit: --timeout, POLICYKIT_TIMEOUT_SECONDS)")


def extract_job(job: Job, options: Options) -> Extracted:
    """Extract one input within ``options.timeout``; every exception becomes
    the failure record. Picklable in and out."""
    from .writers.jsonout import dumps

    try:
        with time_limit(options.timeout):
            doc = _extract(job, options).to_dict()
            text = None if options.pretty is None else dumps(doc, pretty=options.pretty)
    except DocumentTimeout:
        return Extracted(job.source, error=timed_out(options.timeout))
    except Exception as exc:
        return Extracted(job.source, error=failure_of(exc))
    return Extracted(job.source, text, Counts.of(doc))


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raises DocumentTimeout in this thread once ``seconds`` have passed.

    A timer signal, so only in the main thread, and it takes effect between
    two Python steps: a worker process is also killed from outside
    (``policykit.pool``), which stops even a long call in C."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _extract(job: Job, options: Options):
    from .pipeline import extract_file, extract_text

    if job.source != STDIN:
        doc = extract_file(job.path or job.source, options.encoding, options.aliases)
        doc.source.path = job.source
        return doc
    from .readers import read_stdin_bytes

    read = read_stdin_bytes(job.data or b"", options.encoding)
    return extract_text(read.text, None, format=read.format, encoding=read.encoding,
                        read_warnings=read.warnings, tables=read.tables, aliases=options.aliases)


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_all(jobs: Sequence[Job], options: Options, workers: int = 1,
                start_method: str | None = None) -> Iterator[Extracted]:
    """An :class:`Extracted` per job, in the order of ``jobs``.

    ``workers=1`` (or a single job) extracts in this process. Otherwise the
    worker processes are started before this function returns (so a
    progress bar's thread is never forked) and the results are yielded as
    they arrive, each one only once every job before it is done: a batch
    is streamed, never held. A worker that dies or runs out of time costs
    its document only (an error record); a new worker takes its place.
    """
    workers = min(workers, len(jobs))
    if workers <= 1:
        return _here(jobs, options)
    import multiprocessing

    from .pool import WorkerPool

    context = multiprocessing.get_context(start_method or os.environ.get(START_METHOD_ENV) or None)
    if context.get_start_method() == "fork":
        # Forked workers inherit jieba and spaCy loaded once here, instead of
        # each loading its own copy: the same wall time, less CPU and memory.
        warm_up()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()  # a forked worker must not inherit unwritten output and write it again
    pool = WorkerPool(workers, context)
    pool.start()
    return _pooled(pool, jobs, options)


def _here(jobs: Sequence[Job], options: Options) -> Iterator[Extracted]:
    if options.timeout:
        warm_up()   # loading jieba and spaCy is not the first document's time
    for job in jobs:
        yield extract_job(job, options)


def _pooled(pool, jobs: Sequence[Job], options: Options) -> Iterator[Extracted]:
    try:
        yield from pool.run(jobs, options)
    finally:
        pool.close()


def warm_up() -> None:
    """Loads jieba, spaCy and everything else extraction loads on first use
    (extractors, their word lists and patterns, jieba's part-of-speech
    tables: 40 MB), by extracting a few lines: a document's time and memory
    budget is its own, not what the first document happens to load."""
    import jieba.posseg

    from .nlp import jieba_tokenizer, pipeline
    from .pipeline import extract_text

    jieba_tokenizer()
    pipeline()
    list(jieba.posseg.cut("广东省科学技术厅"))
    extract_text("一、工作任务\n（一）加强组织领导。（牵头单位：市政府办公室；2025年底前完成）"
                 "全市达到98%以上。《关于印发的通知》（国发〔2020〕1号）\n", "warm-up.txt")
