"""Outputs: whole or not at all, never over someone's edits, never half a run.

- Files are written atomically (a temporary file, then a rename); an
  interrupted or failed write leaves the old file and no temporary one.
- JSON outputs are replaced by a new run; Word sheets and ledgers, which
  people edit by hand, are not overwritten without ``--force``.
- An output folder that cannot be written is a one-line error before any
  work is done.
- Ctrl-C (SIGINT) in the middle of a batch leaves only complete files and
  exits with code 130 and one line, ``policykit: interrupted``.
"""
from __future__ import annotations

import errno
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykit.cli import cli
from policykit.writers.files import OutputError, atomic_write_bytes, writable_folder

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "xinzhou-ip-2015.txt"
OPINION = """\
关于加快推进数字乡村建设的实施意见

一、主要任务

1.加快农村宽带建设。2025年底前实现乡镇5G全覆盖。（牵头单位：市工业和信息化局；配合单位：市财政局）

2.推进农业生产智能化。建设10个左右智慧农业示范基地。（牵头单位：市农业农村局）
"""


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def opinion(tmp_path) -> Path:
    path = tmp_path / "实施意见.txt"
    path.write_text(OPINION, encoding="utf-8")
    return path


def temporary_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".") or name.endswith(".tmp")]


# -- replacing and not overwriting --------------------------------------------------------


def test_json_outputs_are_replaced_by_a_new_run(opinion, tmp_path):
    out = tmp_path / "out"
    assert run("extract", opinion, "-o", out).exit_code == 0
    opinion.write_text(OPINION.replace("市农业农村局", "市农业局"), encoding="utf-8")
    assert run("extract", opinion, "-o", out).exit_code == 0
    doc = json.loads((out / "实施意见.json").read_text(encoding="utf-8"))
    assert doc["measures"][1]["lead_units"] == ["市农业局"]
    assert temporary_files(out) == []


def test_sheets_and_ledger_edited_by_hand_are_not_overwritten_without_force(opinion, tmp_path):
    out = tmp_path / "sheets"
    first = run("assign", opinion, "-o", out, "--xlsx")
    assert first.exit_code == 0
    written = sorted(out.iterdir())
    assert {p.suffix for p in written} == {".docx", ".xlsx"}
    for path in written:
        path.write_bytes(path.read_bytes() + b"edited by hand")
    edited = {p: p.read_bytes() for p in written}

    again = run("assign", opinion, "-o", out, "--xlsx")
    assert again.exit_code == 1
    assert again.stderr.startswith("policykit: error: ") and again.stderr.count("\n") == 1
    assert again.stderr.endswith(": already exists; use --force to overwrite\n")
    assert {p: p.read_bytes() for p in written} == edited

    forced = run("assign", opinion, "-o", out, "--xlsx", "--force")
    assert forced.exit_code == 0
    assert all(not p.read_bytes().endswith(b"edited by hand") for p in written)
    assert temporary_files(out) == []


def test_one_existing_file_stops_the_run_before_anything_is_written(opinion, tmp_path):
    out = tmp_path / "sheets"
    run("assign", opinion, "-o", out, "--xlsx")
    for path in out.iterdir():
        if path.suffix != ".xlsx":
            path.unlink()
    result = run("assign", opinion, "-o", out, "--xlsx")
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {out / '任务台账.xlsx'}: already exists; use --force to overwrite\n"
    assert [p.name for p in out.iterdir()] == ["任务台账.xlsx"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_bytes(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.json"]


def test_ctrl_c_during_a_write_waits_until_the_file_is_whole(tmp_path, monkeypatch):
    real_fsync = os.fsync

    def fsync_then_ctrl_c(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGINT)   # arrives in the middle of the write
        time.sleep(0.05)

    monkeypatch.setattr(os, "fsync", fsync_then_ctrl_c)
    target = tmp_path / "a.json"
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b'{"whole": true}\n')
    assert json.loads(target.read_text(encoding="utf-8")) == {"whole": True}
    assert os.listdir(tmp_path) == ["a.json"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# -- a full disk, things in the way, someone else's files -----------------------------------


def full_disk_after(writes: int, monkeypatch) -> None:
    """The disk fills up after ``writes`` files are on it (fsync is where a full disk shows)."""
    real_fsync, done = os.fsync, []

    def fsync(fd):
        if len(done) >= writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        done.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_stops_extract_with_one_line_and_the_files_it_wrote_whole(opinion, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(4):
        (folder / f"文件{number}.txt").write_text(OPINION, encoding="utf-8")
    out = tmp_path / "out"
    full_disk_after(2, monkeypatch)
    result = run("extract", folder, "-o", out, "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr == (f"policykit: error: {out / '文件2.json'}: cannot write (no space left on device); "
                             "nothing more was written\n")
    assert sorted(os.listdir(out)) == ["文件0.json", "文件1.json"]
    monkeypatch.undo()
    assert run("extract", folder, "-o", out, "--workers", "1").exit_code == 0   # and a rerun completes it
    assert len(os.listdir(out)) == 4


def test_a_full_disk_leaves_no_half_set_of_sheets_and_a_rerun_needs_no_force(opinion, tmp_path, monkeypatch):
    out = tmp_path / "sheets"
    full_disk_after(2, monkeypatch)
    result = run("assign", opinion, "-o", out, "--xlsx")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.endswith(": No space left on device\n")
    third = result.stderr.split(": ")[2]   # the file that did not fit is named
    assert third.startswith(str(out)) and third.endswith((".docx", ".xlsx"))
    assert os.listdir(out) == []
    monkeypatch.undo()
    assert run("assign", opinion, "-o", out, "--xlsx").exit_code == 0


def test_a_folder_named_as_an_output_costs_that_document_only(opinion, tmp_path):
    out = tmp_path / "out"
    (out / "实施意见.json").mkdir(parents=True)
    other = tmp_path / "其他.txt"
    other.write_text(OPINION, encoding="utf-8")
    result = run("extract", opinion, other, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (f"policykit: error: {opinion}: {out / '实施意见.json'} is there and policykit did not "
                             "write it; move it or choose another folder\n")
    assert (out / "其他.json").is_file() and (out / "实施意见.json").is_dir()
    [record] = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    assert record["error"]["code"] == "output_exists"


def test_a_folder_named_errors_json_is_one_line(tmp_path):
    out = tmp_path / "out"
    (out / "errors.json").mkdir(parents=True)
    result = run("extract", tmp_path / "missing.txt", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (f"policykit: error: {out / 'errors.json'}: is there and policykit did "
                                              "not write it; the failures are not listed there (move it away)")


def test_o_never_overwrites_a_file_policykit_did_not_write(opinion, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "实施意见.json").write_text('{"mine": true}', encoding="utf-8")
    result = run("extract", opinion, "-o", out)
    assert result.exit_code == 1
    assert (out / "实施意见.json").read_text(encoding="utf-8") == '{"mine": true}'
    (out / "实施意见.json").unlink()
    assert run("extract", opinion, "-o", out).exit_code == 0
    assert run("extract", opinion, "-o", out, "--compact").exit_code == 0   # its own output, in either form
    assert run("extract", opinion, "-o", out).exit_code == 0


def test_show_never_writes_over_its_input_or_a_page_it_did_not_write(opinion, tmp_path):
    before = opinion.read_bytes()
    result = run("show", opinion, "-o", opinion)
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {opinion}: is the input itself; write the review page to another file\n"
    assert opinion.read_bytes() == before
    mine = tmp_path / "mine.html"
    mine.write_text("<p>我的</p>", encoding="utf-8")
    assert run("show", opinion, "-o", mine).exit_code == 1
    assert mine.read_text(encoding="utf-8") == "<p>我的</p>"
    page = tmp_path / "review.html"
    assert run("show", opinion, "-o", page).exit_code == 0
    assert run("show", opinion, "-o", page).exit_code == 0   # its own page it replaces


def test_two_assign_runs_into_one_folder_without_force_one_wins(tmp_path):
    """Started together, the second finds the folder locked or the files there:
    either way it writes nothing, and the folder holds one document's sheets."""
    first, second = tmp_path / "甲.txt", tmp_path / "乙.txt"
    first.write_text(OPINION, encoding="utf-8")
    second.write_text(OPINION.replace("市农业农村局", "市林业局").replace("市工业和信息化局", "市科学技术局"),
                      encoding="utf-8")
    out = tmp_path / "sheets"
    runs = [subprocess.Popen([sys.executable, "-c", "from policykit.cli import main; main()", "assign", str(path),
                              "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for path in (first, second)]
    done = [(process.wait(timeout=120), process.stderr.read().decode("utf-8")) for process in runs]
    codes = sorted(code for code, _ in done)
    assert codes == [0, 1]
    [loser] = [err for code, err in done if code == 1]
    assert loser.count("\n") == 1
    assert ("another policykit run is writing in this folder" in loser
            or loser.endswith(": already exists; use --force to overwrite\n"))
    names = sorted(p.name for p in out.iterdir())
    assert names in (["任务分工总表.docx", "任务分工表-市农业农村局.docx", "任务分工表-市工业和信息化局.docx",
                      "任务分工表-市财政局.docx"],
                     ["任务分工总表.docx", "任务分工表-市林业局.docx", "任务分工表-市科学技术局.docx",
                      "任务分工表-市财政局.docx"])


# -- an output folder that cannot be written ------------------------------------------------


@pytest.fixture
def blocked(tmp_path) -> Path:
    """A folder path with a regular file in the way (root writes anywhere, so
    permissions cannot block it; a file in the path blocks everyone)."""
    (tmp_path / "a-file").write_text("in the way", encoding="utf-8")
    return tmp_path / "a-file" / "out"


@pytest.mark.parametrize("command", ["extract", "assign"])
def test_an_output_folder_behind_a_file_is_an_error_before_any_work(command, blocked, tmp_path):
    missing = tmp_path / "missing.txt"   # never read: the folder is checked first
    result = run(command, missing, "-o", blocked)
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {blocked}: cannot create this folder: a file is in the way\n"


def test_a_review_page_whose_folder_cannot_exist_is_an_error_before_any_work(blocked, tmp_path):
    result = run("show", tmp_path / "missing.txt", "-o", blocked / "review.html")
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {blocked}: cannot create this folder: a file is in the way\n"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_a_folder_on_a_virtual_file_system_is_an_error(opinion):
    result = run("extract", opinion, "-o", "/proc/self/policykit-out")
    assert result.exit_code == 1
    assert result.stderr.startswith("policykit: error: /proc/self/policykit-out: cannot ")


def test_an_existing_file_given_as_the_output_folder_is_a_usage_error(opinion, tmp_path):
    (tmp_path / "out").write_text("", encoding="utf-8")
    assert run("extract", opinion, "-o", tmp_path / "out").exit_code == 2


def test_the_folder_check_creates_the_folder_and_leaves_nothing_in_it(tmp_path):
    folder = writable_folder(tmp_path / "a" / "b")
    assert folder.is_dir() and os.listdir(folder) == []
    with pytest.raises(OutputError, match="a file is in the way"):
        writable_folder(SEED / "out")


# -- Ctrl-C in the middle of a batch ------------------------------------------------------------


def interrupted(args: list[str], out: Path, pattern: str, delay: float = 0.0) -> subprocess.CompletedProcess:
    """Run ``policykit ARGS`` in its own process group, wait for the first
    output file matching ``pattern``, then press Ctrl-C (SIGINT to the group)."""
    process = subprocess.Popen([sys.executable, "-c", "from policykit.cli import main; main()", *args], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    started = time.monotonic()
    while not glob.glob(str(out / pattern)) and process.poll() is None and time.monotonic() - started < 120:
        time.sleep(0.005)
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    out_bytes, err_bytes = process.communicate(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, out_bytes, err_bytes)


@pytest.fixture(scope="module")
def many_documents(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for number in range(40):
        shutil.copy(SEED, folder / f"文件{number:02d}.txt")
    return folder


@pytest.mark.parametrize("workers, delay", [("1", 0.0), ("1", 0.13), ("2", 0.0), ("4", 0.07)])
def test_ctrl_c_during_extract_leaves_complete_files_and_exit_code_130(many_documents, tmp_path, workers, delay):
    out = tmp_path / "out"
    done = interrupted(["extract", str(many_documents), "-o", str(out), "--workers", workers], out, "*.json", delay)
    assert done.returncode == 130
    assert done.stderr.decode("utf-8").splitlines()[-1:] == ["policykit: interrupted"]
    assert b"Traceback" not in done.stderr
    assert temporary_files(out) == []
    outputs = list(out.glob("*.json"))
    assert 1 <= len(outputs) < 40
    for path in outputs:
        assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "policykit/1"


def test_ctrl_c_during_assign_leaves_no_sheet_at_all_and_exit_code_130(tmp_path):
    """The sheets are a set: written all (each to a temporary file first, then renamed) or none."""
    units = [f"市第{number}局" for number in range(300)]
    doc = {
        "schema": "policykit/1",
        "source": {"path": "a.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8", "chars": 1},
        "document": {"title": "关于加快推进数字乡村建设的实施意见", "doc_number": None, "issuer": None, "date": None,
                     "addressees": []},
        "outline": [],
        "measures": [{"id": "m1", "path": ["1"], "section": None, "title": "一项任务", "text": "推进。",
                      "lead_units": units, "co_units": [], "deadline": None, "citations": [], "targets": [],
                      "span": [0, 1]}],
        "citations": [], "targets": [], "units": [{"name": u, "lead": ["m1"], "co": []} for u in units],
        "warnings": [],
    }
    source = tmp_path / "many.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "sheets"
    done = interrupted(["assign", str(source), "-o", str(out), "--xlsx"], out, ".*.tmp", 0.05)
    assert done.returncode == 130
    assert done.stderr == b"policykit: interrupted\n"
    assert temporary_files(out) == []
    assert len(list(out.iterdir())) in (0, 302)   # Ctrl-C during the renames waits for the last
