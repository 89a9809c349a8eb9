"""Extracting a batch on a Dask cluster: the jobs of ``policykit.batch`` mapped
over a Dask bag, the results back in input order.

Needs the ``dask`` extra (``pip install 'policykit[dask]'``). Every worker
runs ``policykit.batch.extract_job``, a pure function of a picklable job and
options; jieba and spaCy are loaded once per worker process, on its first
document. The paths are read by the workers, so on a real cluster they must
name files every worker can read (a shared or network file system).
"""
from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import replace

import dask.bag as db
from distributed import Client, LocalCluster

from .batch import STDIN, Extracted, Job, Options, extract_job
from .errors import PolicykitError

#: Documents per bag partition: one task, one round trip to the scheduler.
PARTITION_SIZE = 16
#: Partitions computed ahead of the one being written, per worker thread:
#: enough to keep every worker busy, few enough that results never pile up.
AHEAD_PER_THREAD = 2


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
    jobs = [job if job.source == STDIN else replace(job, path=os.path.abspath(job.source)) for job in jobs]
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(scheduler or cluster, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler: {exc}", path=scheduler) from exc
    return _in_order(client, cluster, jobs, options)


def _in_order(client, cluster, jobs: list[Job], options: Options) -> Iterator[Extracted]:
    try:
        partitions = db.from_sequence(jobs, partition_size=PARTITION_SIZE).map(extract_job, options).to_delayed()
        ahead = max(1, AHEAD_PER_THREAD * sum(client.nthreads().values()))
        running: deque = deque()
        for partition in partitions:
            running.append(client.compute(partition))
            if len(running) > ahead:
                yield from running.popleft().result()
        while running:
            yield from running.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
