"""`policykit extract --workers N`: a batch extracted by worker processes gives
the bytes one process gives, in the same order, failures included, whether
the workers are forked or spawned."""
from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import policykit
from policykit.batch import Extracted, Job, Options, extract_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = CORPUS / "xinzhou-ip-2015.txt"


def policykit_command(*args: str, cwd: Path, start_method: str | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it: its own process, its own workers."""
    env = None
    if start_method:
        import os

        env = {**os.environ, "POLICYKIT_START_METHOD": start_method}
    return subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", *args],
                          cwd=cwd, env=env, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, list[str]]:
    """Five inputs with two failures in the middle: a missing file and a .docx that is no Word file."""
    folder = tmp_path_factory.mktemp("batch")
    for source in sorted(CORPUS.iterdir()):
        shutil.copy(source, folder / source.name)
    (folder / "broken.docx").write_bytes(b"not a zip archive")
    names = sorted(p.name for p in CORPUS.iterdir())
    return folder, [names[0], "missing.txt", names[1], "broken.docx", *names[2:]]


@pytest.fixture(scope="module")
def one_process(batch) -> subprocess.CompletedProcess:
    folder, names = batch
    return policykit_command("extract", *names, "--workers", "1", cwd=folder)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_two_workers_print_the_bytes_of_one_process(batch, one_process, start_method):
    folder, names = batch
    two = policykit_command("extract", *names, "--workers", "2", cwd=folder, start_method=start_method)
    assert two.stdout == one_process.stdout
    assert two.stderr == one_process.stderr
    assert two.returncode == one_process.returncode == 1


def test_the_records_keep_the_order_of_the_inputs_failures_in_their_place(batch, one_process):
    import json

    folder, names = batch
    two = policykit_command("extract", *names, "--workers", "2", cwd=folder)
    records = [json.loads(line) for line in two.stdout.decode("utf-8").splitlines()]
    sources = [r["source"] if "error" in r else r["source"]["path"] for r in records]
    assert sources == names
    assert records[1] == {"source": "missing.txt", "error": {"code": "read_error", "message": "file not found"}}
    assert records[3]["error"]["code"] in ("read_error", "unsupported_format")
    assert two.stderr.decode("utf-8").splitlines() == [
        f"policykit: error: missing.txt: {records[1]['error']['message']}",
        f"policykit: error: broken.docx: {records[3]['error']['message']}",
    ]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_two_workers_write_the_files_and_errors_json_of_one_process(batch, tmp_path, start_method):
    folder, names = batch
    policykit_command("extract", *names, "-o", str(tmp_path / "one"), "--workers", "1", cwd=folder)
    run = policykit_command("extract", *names, "-o", str(tmp_path / "two"), "--workers", "2", cwd=folder,
                            start_method=start_method)
    assert run.returncode == 1
    written = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert "errors.json" in written and len(written) == len(names) - 1  # 2 failures, 1 errors.json
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == written
    for name in written:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_the_library_yields_one_result_per_job_in_order_from_a_pool():
    jobs = [Job(str(SEED)), Job("no/such/file.txt"), Job("-", "二、主要任务\n1.建设平台。（牵头单位：市发展改革委）\n".encode())]
    alone = list(extract_all(jobs, Options(pretty=False), workers=1))
    pooled = list(extract_all(jobs, Options(pretty=False), workers=2, start_method="spawn"))
    assert pooled == alone
    assert [r.source for r in pooled] == [str(SEED), "no/such/file.txt", "-"]
    assert pooled[1].failure == {"source": "no/such/file.txt",
                                 "error": {"code": "read_error", "message": "file not found"}}
    assert pooled[2].counts.units == ("市发展改革委",)


def test_extract_text_and_its_result_survive_pickling():
    text = SEED.read_text(encoding="utf-8")
    doc = policykit.extract_text(text, "seed.txt")
    assert pickle.loads(pickle.dumps(doc)).to_dict() == doc.to_dict()
    assert pickle.loads(pickle.dumps(policykit.extract_text)) is policykit.extract_text
    result = Extracted("seed.txt", "{}", None, None)
    assert pickle.loads(pickle.dumps(result)) == result
