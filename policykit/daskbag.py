"""Extracting a batch on a Dask cluster: the jobs of ``policykit.batch`` mapped
over a Dask bag, the results back in input order.

Needs the ``dask`` extra (``pip install 'policykit[dask]'``). Every Dask
worker runs ``policykit.pool.extract_isolated`` on a partition of jobs: each
document in a process of its own under the limits of the command (its
--timeout, the memory ceiling and every POLICYKIT_* variable travel with the
options), so a document that hangs or exhausts memory costs an error record,
not the Dask worker. jieba and spaCy are loaded once per such process. The
paths are read by the workers, so on a real cluster they must name files
every worker can read (a shared or network file system).

A scheduler that does not answer is an error after ``dask_connect_seconds``
(limits.toml), never a wait without end; so is one that stops answering in
the middle of a batch.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import replace

import dask.bag as db
from distributed import Client, LocalCluster

from .batch import STDIN, Extracted, Job, Options
from .errors import PolicykitError
from .pool import extract_isolated

#: Documents per bag partition: one task, one round trip to the scheduler.
PARTITION_SIZE = 16
#: Partitions computed ahead of the one being written, per worker thread:
#: enough to keep every worker busy, few enough that results never pile up.
AHEAD_PER_THREAD = 2
#: Seconds of slack per partition beyond what its documents' time limits allow.
PARTITION_SLACK_SECONDS = 120


class ClusterError(PolicykitError):
    """The Dask scheduler cannot be reached, or a local cluster cannot start."""

    code = "cluster_error"


def extract_on_dask(jobs: Sequence[Job], options: Options, scheduler: str | None = None,
                    workers: int | None = None) -> Iterator[Extracted]:
    """An ``Extracted`` per job, in order, computed on the Dask scheduler at
    ``scheduler`` (``tcp://host:8786``), or on a local cluster of ``workers``
    processes with one thread each when it is None. Connects (or starts the
    cluster) before it returns; raises ClusterError when it cannot."""
    if not jobs:
        return iter(())
    # A worker's working folder is its own: it reads each file by its absolute path.
    jobs = [job if job.source == STDIN else replace(job, path=os.path.abspath(job.path or job.source))
            for job in jobs]
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = _connect(scheduler or cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler: {exc}", path=scheduler) from exc
    return _in_order(client, cluster, jobs, options)


def _connect(address) -> Client:
    """A client of the scheduler at ``address``, or TimeoutError after the
    limit ``dask_connect_seconds``.

    Dask's own ``timeout`` covers the TCP connection, not a scheduler that
    accepts it and then says nothing: the client is made in a thread that is
    given up (and left to die with the process) if it does not return in time."""
    from .limits import current

    seconds = current().dask_connect_seconds
    made: dict = {}

    def connect() -> None:
        try:
            made["client"] = Client(address, set_as_default=False, timeout=seconds)
        except BaseException as exc:
            made["error"] = exc

    thread = threading.Thread(target=connect, daemon=True, name="policykit-dask-connect")
    thread.start()
    thread.join(seconds + 1)
    if "client" in made:
        return made["client"]
    error = made.get("error")
    if isinstance(error, (OSError, TimeoutError)):
        raise error
    if error is not None:
        raise OSError(f"{type(error).__name__}: {error}")
    raise TimeoutError(f"no answer in {seconds:g} s (limit: POLICYKIT_DASK_CONNECT_SECONDS)")


def _in_order(client, cluster, jobs: list[Job], options: Options) -> Iterator[Extracted]:
    from distributed import TimeoutError as DaskTimeout

    # A partition may take as long as its documents' limits allow; past that the scheduler is not answering.
    wait = PARTITION_SIZE * options.timeout + PARTITION_SLACK_SECONDS if options.timeout else None
    try:
        partitions = db.from_sequence(jobs, partition_size=PARTITION_SIZE).map_partitions(
            extract_isolated, options).to_delayed()
        ahead = max(1, AHEAD_PER_THREAD * sum(client.nthreads().values()))
        running: deque = deque()
        for partition in partitions:
            running.append(client.compute(partition))
            if len(running) > ahead:
                yield from _result(running.popleft(), wait, DaskTimeout)
        while running:
            yield from _result(running.popleft(), wait, DaskTimeout)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result(future, wait: float | None, timeout_error) -> list[Extracted]:
    try:
        return future.result(timeout=wait)
    except (timeout_error, TimeoutError) as exc:
        raise ClusterError(f"the Dask cluster gave no result in {wait:g} s; is the scheduler still "
                           "answering?") from exc
