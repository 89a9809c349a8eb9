"""Extracting a batch of documents: in this process or in worker processes.

Every input becomes an :class:`Extracted`: its policykit/1 JSON text,
serialised where it was extracted (a worker sends back one string, not a
tree of objects), or the failure record that ``policykit extract`` prints.
Results come back in input order whatever the number of workers, so the
output is byte for byte the one a single process gives.

    jobs = [Job("a.txt"), Job("b.docx")]
    for result in extract_all(jobs, Options(pretty=False), workers=2):
        print(result.json or result.failure)

Workers are a ``concurrent.futures.ProcessPoolExecutor``; each starts with
the jieba tokenizer and the spaCy pipeline loaded: loaded once in the parent
and inherited when workers are forked, loaded once by each worker when they
are spawned. The start method is the platform's default (``fork`` on Linux)
unless ``start_method`` or the environment variable ``POLICYKIT_START_METHOD``
names another (``fork``, ``spawn``, ``forkserver``). ``policykit.daskbag``
runs the same jobs on a Dask cluster.
"""
from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .aliases import Aliases
from .errors import PolicykitError

#: Names the multiprocessing start method of the worker processes.
START_METHOD_ENV = "POLICYKIT_START_METHOD"
STDIN = "-"


@dataclass(frozen=True)
class Options:
    """How every document of a batch is read and written out."""

    encoding: str | None = None
    aliases: Aliases | None = None
    #: indented JSON (True), one line (False), or no JSON text at all (None: only the counts)
    pretty: bool | None = True


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

    @classmethod
    def of(cls, doc: dict[str, Any]) -> "Counts":
        return cls(len(doc["measures"]), tuple(u["name"] for u in doc["units"]), len(doc["citations"]),
                   len(doc["targets"]), len(doc["warnings"]))


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


def failure_of(exc: Exception) -> dict[str, str]:
    if isinstance(exc, PolicykitError):
        return {"code": exc.code, "message": exc.message}
    if isinstance(exc, OSError):
        return {"code": "read_error", "message": exc.strerror or str(exc)}
    # A bug in an extractor must not cost the rest of the batch its output.
    return {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}"}


def extract_job(job: Job, options: Options) -> Extracted:
    """Extract one input; every exception becomes the failure record. Picklable in and out."""
    from .writers.jsonout import dumps

    try:
        doc = _extract(job, options).to_dict()
    except Exception as exc:
        return Extracted(job.source, error=failure_of(exc))
    text = None if options.pretty is None else dumps(doc, pretty=options.pretty)
    return Extracted(job.source, text, Counts.of(doc))


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
    is streamed, never held. If a worker dies (killed, out of memory), the
    jobs still to come are extracted in this process instead.
    """
    workers = min(workers, len(jobs))
    if workers <= 1:
        return (extract_job(job, options) for job in jobs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(start_method or os.environ.get(START_METHOD_ENV) or None)
    if context.get_start_method() == "fork":
        # Forked workers inherit jieba and spaCy loaded once here, instead of
        # each loading its own copy: the same wall time, less CPU and memory.
        _load_nlp()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # a forked worker must not inherit unwritten output and write it again
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options,))
    try:
        results = pool.map(_run, jobs, chunksize=_chunksize(len(jobs), workers))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return _in_order(pool, results, jobs, options)


def _in_order(pool, results: Iterator[Extracted], jobs: Sequence[Job], options: Options) -> Iterator[Extracted]:
    from concurrent.futures.process import BrokenProcessPool

    done = 0  # results handed on; counted before each yield, so a consumer may stop after the last
    try:
        for result in results:
            done += 1
            yield result
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        for job in jobs[done:]:
            done += 1
            yield extract_job(job, options)
    finally:
        # Stopped early (Ctrl-C, a closed pipe): drop the jobs not started, wait for none.
        complete = done == len(jobs)
        pool.shutdown(wait=complete, cancel_futures=not complete)


def _chunksize(jobs: int, workers: int) -> int:
    # Small chunks keep both workers busy to the end; larger ones save round trips on big batches.
    return max(1, min(16, jobs // (workers * 32)))


_worker_options: Options | None = None


def _start_worker(options: Options) -> None:
    """Each worker process: ignore Ctrl-C (the parent stops the pool), load jieba and spaCy once."""
    global _worker_options
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_options = options
    _load_nlp()


def _load_nlp() -> None:
    from .nlp import jieba_tokenizer, pipeline

    jieba_tokenizer()
    pipeline()


def _run(job: Job) -> Extracted:
    assert _worker_options is not None, "_start_worker has not run in this process"
    return extract_job(job, _worker_options)
