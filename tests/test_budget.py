"""A batch under a budget, and a batch told to stop.

Each document has a wall-clock limit (--timeout) and, in worker processes,
a memory ceiling (POLICYKIT_MAX_WORKER_MEMORY_MB); a document past either,
or whose worker is killed (as the out-of-memory killer does), becomes one
error record and the batch goes on: the other documents are written, the
exit code is 1. Ctrl-C, SIGTERM and SIGHUP stop the command and every
worker at once, with one line and no traceback.

Every run is the command in its own process, as a user starts it. The slow
or greedy document is real: three quarters of a million short lines, which
take several seconds and some 40 MB more than a worker holds at start.
Nothing is timed: a hang fails by the subprocess timeout.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "xinzhou-ip-2015.txt"
#: Long enough that no run ends by itself while a test is still at work.
HANG_GUARD = 120


def command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from policykit.cli import main; main()", *args]


def policykit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True,
                          timeout=HANG_GUARD)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """a.txt and c.txt: ordinary documents; slow.txt: 1.5 million short lines."""
    folder = tmp_path_factory.mktemp("budget")
    text = SEED.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "c.txt").write_text(text, encoding="utf-8")
    (folder / "slow.txt").write_text("推\n" * 1_500_000, encoding="utf-8")
    return folder


def records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


def outcome(record: dict) -> str:
    return record["error"]["code"] if "error" in record else "ok"


# -- a wall-clock limit per document -------------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_document_past_its_time_is_a_timeout_record_and_the_batch_goes_on(folder, workers):
    done = policykit("extract", "a.txt", "slow.txt", "c.txt", "--workers", workers, "--timeout", "1", cwd=folder)
    assert done.returncode == 1
    assert [outcome(r) for r in records(done.stdout)] == ["ok", "timeout", "ok"]
    assert done.stderr.decode("utf-8") == (
        "policykit: error: slow.txt: took longer than 1 s (limit: --timeout, POLICYKIT_TIMEOUT_SECONDS)\n")


def test_a_single_document_past_its_time_is_one_line_and_exit_code_1(folder):
    done = policykit("extract", "slow.txt", "--timeout", "0.5", cwd=folder)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.decode("utf-8").startswith("policykit: error: slow.txt: took longer than 0.5 s")


def test_the_time_limit_comes_from_the_environment_when_not_given(folder):
    done = policykit("extract", "slow.txt", "a.txt", "--workers", "2", cwd=folder,
                     env={"POLICYKIT_TIMEOUT_SECONDS": "1"})
    assert [outcome(r) for r in records(done.stdout)] == ["timeout", "ok"]


def test_timeout_zero_means_no_limit(folder):
    done = policykit("extract", "a.txt", "--timeout", "0", cwd=folder, env={"POLICYKIT_TIMEOUT_SECONDS": "0.01"})
    assert done.returncode == 0


# -- a memory ceiling per worker -----------------------------------------------------------


def test_a_document_past_the_memory_ceiling_is_an_out_of_memory_record_and_the_batch_goes_on(folder, tmp_path):
    out = tmp_path / "out"
    env = {"POLICYKIT_MAX_WORKER_MEMORY_MB": "40", "POLICYKIT_MAX_FILE_MB": "10"}
    done = policykit("extract", "a.txt", "slow.txt", "c.txt", "--workers", "2", "-o", str(out), cwd=folder, env=env)
    assert done.returncode == 1
    assert done.stderr.decode("utf-8") == (
        "policykit: error: slow.txt: out of memory (one document may take 40 MB in a worker process, "
        "POLICYKIT_MAX_WORKER_MEMORY_MB)\n")
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "c.json", "errors.json"]
    [record] = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    assert record["source"] == "slow.txt" and record["error"]["code"] == "out_of_memory"


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux: /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(command(*args), cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def workers_of(process: subprocess.Popen, count: int) -> set[int]:
    """The worker processes of ``process``, once ``count`` of them run and are at work."""
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline and process.poll() is None:
        found = children(process.pid)
        if len(found) >= count:
            time.sleep(1.0)   # past start-up: at work on a document
            return found
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


def test_a_worker_killed_as_the_oom_killer_does_costs_its_document_only(folder, tmp_path):
    out = tmp_path / "out"
    process = start("extract", "a.txt", "c.txt", "slow.txt", "--workers", "2", "--timeout", "0", "-o", str(out),
                    cwd=folder)
    busy = workers_of(process, 2)
    deadline = time.monotonic() + HANG_GUARD
    while not ((out / "a.json").exists() and (out / "c.json").exists()) and time.monotonic() < deadline:
        time.sleep(0.05)   # written in input order as they finish: both done, slow.txt at work
    for pid in busy:   # one is at work on slow.txt, the other idle
        os.kill(pid, signal.SIGKILL)
    _, err = process.communicate(timeout=HANG_GUARD)
    assert process.returncode == 1
    assert err.decode("utf-8") == ("policykit: error: slow.txt: out of memory: the worker process was killed "
                                   "(SIGKILL) while it read this document\n")
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "c.json", "errors.json"]


# -- stopping: Ctrl-C, SIGTERM, SIGHUP -----------------------------------------------------


@pytest.mark.parametrize("signum, code, line", [
    (signal.SIGINT, 130, "policykit: interrupted"),
    (signal.SIGTERM, 143, "policykit: stopped by SIGTERM"),
    (signal.SIGHUP, 129, "policykit: stopped by SIGHUP"),
])
def test_a_signal_stops_the_batch_and_every_worker_at_once(folder, tmp_path, signum, code, line):
    process = start("extract", "slow.txt", "slow.txt", "a.txt", "--workers", "2", "--timeout", "0", "-o",
                    str(tmp_path / "out"), cwd=folder)
    busy = workers_of(process, 2)
    os.kill(process.pid, signum)   # to the command only, as `kill PID` does: it stops its workers itself
    out, err = process.communicate(timeout=HANG_GUARD)   # returns only once no worker holds the pipes
    assert process.returncode == code
    assert err.decode("utf-8").splitlines() == [line]
    assert not any(alive(pid) for pid in busy)


def test_a_second_ctrl_c_leaves_at_once_without_a_traceback(folder, tmp_path):
    process = start("extract", "slow.txt", "slow.txt", "--workers", "2", "--timeout", "0", cwd=folder)
    busy = workers_of(process, 2)
    os.killpg(process.pid, signal.SIGINT)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=HANG_GUARD)
    assert process.returncode == 130
    assert b"Traceback" not in err
    assert set(err.decode("utf-8").splitlines()) == {"policykit: interrupted"}
    assert not any(alive(pid) for pid in busy)


def test_workers_die_with_a_command_that_is_killed_outright(folder):
    process = start("extract", "slow.txt", "slow.txt", "--workers", "2", "--timeout", "0", cwd=folder)
    busy = workers_of(process, 2)
    process.kill()   # SIGKILL: no chance to stop them itself
    process.communicate(timeout=HANG_GUARD)
    deadline = time.monotonic() + HANG_GUARD
    while any(alive(pid) for pid in busy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in busy)


@pytest.mark.parametrize("variable", ["POLICYKIT_MAX_FILE_MB", "POLICYKIT_TIMEOUT_SECONDS",
                                      "POLICYKIT_MAX_WORKER_MEMORY_MB"])
def test_a_limit_of_1e300_means_no_limit_not_a_traceback(folder, variable):
    done = policykit("extract", "a.txt", "c.txt", "--workers", "2", cwd=folder, env={variable: "1e300"})
    assert done.returncode == 0, done.stderr
    assert [outcome(r) for r in records(done.stdout)] == ["ok", "ok"]


# -- a LibreOffice conversion in a worker -----------------------------------------------------

FAKE_SOFFICE = """#!/bin/sh
# stands in for LibreOffice: a child in a session of its own that would outlive it, and a hang
sleep 300 &
echo $! > "{pidfile}"
sleep 300
"""


def hanging_conversion(folder: Path) -> tuple[dict[str, str], Path]:
    """A .doc in ``folder`` whose conversion hangs; the PATH that makes it so; where its child's pid goes."""
    pidfile = folder / "soffice-child.pid"
    script = folder / "bin" / "soffice"
    script.parent.mkdir(exist_ok=True)
    script.write_text(FAKE_SOFFICE.format(pidfile=pidfile))
    script.chmod(0o755)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    (folder / "旧文件.doc").write_bytes((header + bytes(512 - len(header)) + "WordDocument".encode("utf-16-le"))
                                       .ljust(2048, b"\x00"))
    return {"PATH": f"{folder / 'bin'}:{os.environ['PATH']}"}, pidfile


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stopping_a_batch_stops_a_conversion_a_worker_started(folder, tmp_path, signum):
    work = tmp_path / "docs"
    work.mkdir()
    env, pidfile = hanging_conversion(work)
    (work / "a.txt").write_text((folder / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    process = start("extract", "旧文件.doc", "a.txt", "--workers", "2", "--timeout", "0", cwd=work, env=env)
    deadline = time.monotonic() + HANG_GUARD
    while not (pidfile.exists() and pidfile.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(pidfile.read_text())
    os.kill(process.pid, signum)
    process.communicate(timeout=HANG_GUARD)
    assert process.returncode == 128 + signum
    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)
