"""`policykit extract --engine dask`: the documents mapped over a Dask bag on a
cluster give the bytes a single process gives, as JSON Lines and as files."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the Dask engine needs the dask extra: pip install 'policykit[dask]'")

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def policykit_command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", *args],
                          cwd=cwd, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def scheduler():
    """A local cluster of two worker processes, one thread each, as a real cluster would be."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def inputs() -> list[str]:
    """The demo documents and the seed, with a missing file among them."""
    names = sorted(p.name for p in CORPUS.iterdir())
    return [names[0], "missing.txt", *names[1:]]


def test_json_lines_from_a_dask_cluster_equal_the_single_process_output(scheduler, inputs):
    alone = policykit_command("extract", *inputs, "--jsonl", "--workers", "1", cwd=CORPUS)
    on_dask = policykit_command("extract", *inputs, "--jsonl", "--engine", "dask", "--scheduler", scheduler,
                                cwd=CORPUS)
    assert on_dask.stdout == alone.stdout
    assert on_dask.stderr == alone.stderr == b"policykit: error: missing.txt: file not found\n"
    assert on_dask.returncode == alone.returncode == 1


def test_files_from_a_dask_cluster_equal_the_single_process_files(scheduler, inputs, tmp_path):
    policykit_command("extract", *inputs, "-o", str(tmp_path / "alone"), "--workers", "1", cwd=CORPUS)
    policykit_command("extract", *inputs, "-o", str(tmp_path / "dask"), "--engine", "dask",
                      "--scheduler", scheduler, cwd=CORPUS)
    written = sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "dask").iterdir())
    assert "errors.json" in written
    for name in written:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes(), name


def test_without_a_scheduler_the_engine_starts_a_local_cluster(inputs):
    alone = policykit_command("extract", *inputs[2:], "--jsonl", "--workers", "1", cwd=CORPUS)
    local = policykit_command("extract", *inputs[2:], "--jsonl", "--engine", "dask", "--workers", "2", cwd=CORPUS)
    assert local.returncode == 0, local.stderr.decode()
    assert local.stdout == alone.stdout


def test_a_scheduler_without_the_dask_engine_is_a_usage_error():
    run = policykit_command("extract", "a.txt", "--scheduler", "tcp://127.0.0.1:8786", cwd=CORPUS)
    assert run.returncode == 2
    assert b"--engine dask" in run.stderr


def test_a_scheduler_that_cannot_be_reached_is_a_one_line_error():
    import os

    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    run = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", "extract",
                          "demo-实施意见.txt", "demo-工作方案.txt", "--engine", "dask", "--scheduler",
                          "tcp://127.0.0.1:9"], cwd=CORPUS, env=env, capture_output=True, timeout=60)
    assert run.returncode == 1
    assert run.stdout == b""
    assert run.stderr.decode().startswith("policykit: error: tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    assert len(run.stderr.splitlines()) == 1


def test_a_scheduler_that_accepts_and_never_answers_is_a_one_line_error(tmp_path):
    import os
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)   # the kernel accepts connections; nobody ever says a word
    try:
        env = {**os.environ, "POLICYKIT_DASK_CONNECT_SECONDS": "2"}
        address = "tcp://127.0.0.1:%d" % listener.getsockname()[1]
        run = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", "extract",
                              "demo-实施意见.txt", "demo-工作方案.txt", "--engine", "dask", "--scheduler", address],
                             cwd=CORPUS, env=env, capture_output=True, timeout=60)
    finally:
        listener.close()
    assert run.returncode == 1
    assert run.stderr.decode().splitlines() == [
        f"policykit: error: {address}: cannot reach the Dask scheduler: no answer in 2 s "
        "(limit: POLICYKIT_DASK_CONNECT_SECONDS)"]


def test_the_limits_of_the_command_reach_the_dask_workers(scheduler, tmp_path):
    """The cluster was started without them: the POLICYKIT_* variables and
    --timeout travel with the jobs, and a document past its time is a record."""
    import json
    import os

    (tmp_path / "slow.txt").write_text("推\n" * 1_500_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text((CORPUS / "demo-工作方案.txt").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    env = {**os.environ, "POLICYKIT_MAX_FILE_MB": "0.001"}
    run = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", "extract", "small.txt",
                          "slow.txt", "--engine", "dask", "--scheduler", scheduler, "--timeout", "1"],
                         cwd=tmp_path, env=env, capture_output=True, timeout=120)
    records = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert [r["error"]["code"] for r in records] == ["limit_exceeded", "limit_exceeded"]
    run = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", "extract", "small.txt",
                          "slow.txt", "--engine", "dask", "--scheduler", scheduler, "--timeout", "1"],
                         cwd=tmp_path, capture_output=True, timeout=120)
    records = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert ["error" in r and r["error"]["code"] for r in records] == [False, "timeout"]
