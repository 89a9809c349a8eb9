"""Worker processes that extract one document at a time under a budget.

Each worker is a child process with a memory ceiling (``RLIMIT_DATA`` set
to what it holds at start, jieba and spaCy loaded, plus the budget of
``Options.memory_mb``: an allocation past it fails inside the worker, as
``MemoryError``), and each document a wall-clock limit. A document that runs past its limit, or whose
worker dies (the kernel's out-of-memory killer, a crash), becomes an error
record (``timeout``, ``out_of_memory``, ``internal_error``); the worker is
killed with everything it started and a fresh one takes the next document.
Nothing is ever re-run in the parent, so no document can take the command
down with it.

Workers die with the parent (``PR_SET_PDEATHSIG`` on Linux), each leads its
own process group (killed as a whole: a converter it started goes too), and
ignore Ctrl-C: the parent decides, and stops them all at once.

``WorkerPool(2, options).run(jobs)`` yields one ``Extracted`` per job, in the
order of ``jobs``, each as soon as every job before it is done; at most
``window`` results wait for a slow one.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .batch import Extracted, Job, Options, extract_job, failure_record, timed_out

#: Seconds a worker gets past the document's limit to stop by itself (its own
#: timer raises in Python code) before it is killed (a long call in C).
KILL_GRACE = 5.0
#: Results held per worker while an earlier document is still running.
WINDOW_PER_WORKER = 16
#: Seconds a worker told to stop (SIGTERM) has to stop what it started (a
#: LibreOffice conversion in a session of its own) before it is killed.
STOP_GRACE = 1.0

#: Every worker process alive, so that a second Ctrl-C can kill them on its way out.
_alive: set[multiprocessing.process.BaseProcess] = set()


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    options: Options | None = None   # the options this worker was last sent
    job: int | None = None           # index of the job it works on
    started: float = 0.0


class WorkerPool:
    """``workers`` child processes started with ``context`` (a multiprocessing
    context: fork, spawn or forkserver), started when first needed."""

    def __init__(self, workers: int, context=None):
        self.size = max(1, workers)
        self.context = context or multiprocessing.get_context()
        self._workers: list[_Worker] = []

    def start(self) -> None:
        """Starts every worker now (before any thread of this process is, when they fork)."""
        while len(self._workers) < self.size:
            self._start()

    def run(self, jobs: Sequence[Job], options: Options) -> Iterator[Extracted]:
        """An ``Extracted`` per job, in order. Stopped early (an exception, Ctrl-C,
        the consumer gone), it kills every worker at once."""
        todo = deque(enumerate(jobs))
        done: dict[int, Extracted] = {}
        window = self.size * WINDOW_PER_WORKER
        next_out = 0
        finished = False
        try:
            while next_out < len(jobs):
                self._hand_out(todo, jobs, options, limit=next_out + window)
                for index, result in self._collect(jobs, options):
                    done[index] = result
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
            finished = True
        finally:
            if not finished:
                self.kill()

    # -- handing out and collecting ----------------------------------------------------------

    def _hand_out(self, todo: deque, jobs: Sequence[Job], options: Options, limit: int) -> None:
        for worker in list(self._workers):
            if worker.job is None and not worker.process.is_alive():
                self._retire(worker)
        while todo and todo[0][0] < limit:
            worker = next((w for w in self._workers if w.job is None), None)
            if worker is None:
                if len(self._workers) >= self.size:
                    return
                worker = self._start()
            index, job = todo[0]
            try:
                worker.conn.send((job, None if worker.options is options else options))
            except (OSError, ValueError):   # died while idle: another one takes the job
                self._retire(worker)
                continue
            todo.popleft()
            worker.options, worker.job, worker.started = options, index, time.monotonic()

    def _collect(self, jobs: Sequence[Job], options: Options) -> list[tuple[int, Extracted]]:
        """Waits until a busy worker answers, dies or runs out of time."""
        busy = [w for w in self._workers if w.job is not None]
        if not busy:
            return []
        limit = options.timeout
        timeout = None
        if limit:
            now = time.monotonic()
            timeout = max(0.0, min(w.started for w in busy) + limit + KILL_GRACE - now)
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
        out = []
        for worker in busy:
            index = worker.job
            if worker.conn in ready or worker.process.sentinel in ready:
                result = self._answer(worker)
                if result is None:
                    out.append((index, self._died(worker, jobs[index])))
                else:
                    out.append((index, result))
                    worker.job = None
                    if result.error and result.error["code"] == "out_of_memory":
                        self._retire(worker)   # its heap may be in pieces: a fresh worker goes on
            elif limit and time.monotonic() - worker.started >= limit + KILL_GRACE:
                self._retire(worker)
                out.append((index, Extracted(jobs[index].source, error=timed_out(limit))))
        return out

    def _answer(self, worker: _Worker) -> Extracted | None:
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except (EOFError, OSError):
            pass
        return None

    def _died(self, worker: _Worker, job: Job) -> Extracted:
        worker.process.join(1)
        code = worker.process.exitcode
        self._retire(worker)
        if code == -signal.SIGKILL:
            error = failure_record("out_of_memory", "out of memory: the worker process was killed (SIGKILL) "
                                                    "while it read this document")
        elif code is not None and code < 0:
            error = failure_record("internal_error", f"the worker process died ({signal.Signals(-code).name})")
        else:
            error = failure_record("internal_error", f"the worker process stopped (exit code {code})")
        return Extracted(job.source, error=error)

    # -- starting and stopping workers ---------------------------------------------------------

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe(duplex=True)
        process = self.context.Process(target=_child_main, args=(theirs, os.getpid()), daemon=True,
                                       name="policykit-worker")
        with _children_allowed():
            process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._workers.append(worker)
        _alive.add(process)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Stops one worker now, with every process it started."""
        _stop([worker.process])
        worker.conn.close()
        self._workers.remove(worker)

    def close(self) -> None:
        """Lets idle workers finish, kills any that do not within a second."""
        for worker in self._workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 1.0
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
        self.kill()

    def kill(self) -> None:
        """Stops every worker now, all at once."""
        _stop([worker.process for worker in self._workers])
        for worker in self._workers:
            worker.conn.close()
        self._workers.clear()


def kill_all() -> None:
    """Kills every worker process of this process, no grace (a second Ctrl-C on its way out)."""
    _stop(list(_alive), grace=0)


def _stop(processes: list, grace: float = STOP_GRACE) -> None:
    """SIGTERM to each (a worker then stops what it started), SIGKILL to the
    group of any still there after ``grace`` seconds."""
    running = [p for p in processes if p.pid is not None and p.exitcode is None]   # never a reaped pid
    if grace:
        for process in running:
            _signal(process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in running:
            process.join(max(0.0, deadline - time.monotonic()))
    for process in running:
        if process.exitcode is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)   # the worker leads its own group
            except (ProcessLookupError, PermissionError):
                pass
            _signal(process, signal.SIGKILL)   # not yet in its own group
    for process in processes:
        process.join(5)
        _alive.discard(process)


def _signal(process, signum: int) -> None:
    try:
        os.kill(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


class _children_allowed:
    """multiprocessing refuses children to a daemonic process; a Dask worker is
    one. Ours may: they die with their parent (PR_SET_PDEATHSIG)."""

    def __enter__(self):
        config = multiprocessing.current_process()._config
        self._was = config.get("daemon")
        config["daemon"] = False

    def __exit__(self, *exc):
        multiprocessing.current_process()._config["daemon"] = self._was


# -- inside a worker ----------------------------------------------------------------------


def _child_main(conn: Connection, parent: int) -> None:
    """A worker: documents in, results out, one at a time, until told to stop."""
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, _stop_now)
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    from .batch import warm_up

    warm_up()
    base = _data_size()   # what the worker holds with jieba and spaCy loaded: the ceiling is on top of it
    options: Options | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job, new_options = message
        if new_options is not None:
            options = new_options
            _apply(options, base)
        result = extract_job(job, options)
        try:
            conn.send(result)
        except MemoryError:
            conn.send(Extracted(job.source, error=failure_record("out_of_memory", "out of memory")))
        if result.error and result.error["code"] == "out_of_memory":
            return


def _stop_now(signum, frame) -> None:
    """SIGTERM in a worker: leave through every ``finally`` (a LibreOffice
    conversion kills its process group there), not past them."""
    raise SystemExit(128 + signum)


def _apply(options: Options, base: int) -> None:
    """The environment (limits) and the memory ceiling the parent runs with."""
    for name in [n for n in os.environ if n.startswith("POLICYKIT_")]:
        del os.environ[name]
    os.environ.update(dict(options.environment))
    from . import batch

    if options.memory_mb:
        set_memory_ceiling(base + int(options.memory_mb * 1024 * 1024))
        batch.memory_budget_mb = options.memory_mb


def _data_size() -> int:
    """Bytes of data this process holds (VmData: what RLIMIT_DATA counts)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def set_memory_ceiling(size: int) -> None:
    """Allocations of this process past ``size`` bytes of data fail (``MemoryError``)."""
    import resource

    for name in ("RLIMIT_DATA", "RLIMIT_AS"):   # RLIMIT_DATA counts what is allocated, not what is mapped
        kind = getattr(resource, name, None)
        if kind is None:
            continue
        _, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            size = min(size, hard)
        try:
            resource.setrlimit(kind, (size, hard))
            return
        except (ValueError, OSError):
            continue


def _die_with(parent: int) -> None:
    """Linux: this process gets SIGKILL when its parent dies, however it dies."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:   # it died before the signal was set up
        os._exit(1)


# -- on a Dask worker -----------------------------------------------------------------------

_local = None


def extract_isolated(jobs: Sequence[Job], options: Options) -> list[Extracted]:
    """The jobs, each in a worker process of this process under the limits of
    ``options``: what a Dask worker runs. The worker process (one per thread)
    is spawned on first use and kept for the next call."""
    import threading

    global _local
    if _local is None:
        _local = threading.local()
    pool = getattr(_local, "pool", None)
    if pool is None:
        pool = _local.pool = WorkerPool(1, multiprocessing.get_context("spawn"))
    return list(pool.run(jobs, options))
