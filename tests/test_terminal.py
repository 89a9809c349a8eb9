"""What `policykit extract` shows a person at a terminal: a progress bar on
standard error while a batch runs, a summary table at the end, and the same
table on standard output with --summary. Standard output keeps only JSON."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from policykit.cli import cli
from policykit.console import FORCE_ENV, on_terminal, wants_progress

OPINION = """\
关于加快推进数字乡村建设的实施意见

一、主要任务

1.加快农村宽带建设。推进5G网络向乡镇延伸，2025年底前实现乡镇全覆盖。（牵头单位：市工业和信息化局；配合单位：市财政局）

2.推进农业生产智能化。按照《数字乡村发展战略纲要》要求，建设10个左右智慧农业示范基地。（牵头单位：市科技局）
"""


@pytest.fixture
def batch(tmp_path):
    """Two copies of one document, in a folder."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(OPINION, encoding="utf-8")
    return folder


def run(*args: str, terminal: bool | None = None):
    """The command under CliRunner; ``terminal`` pretends standard error is (or is not) a terminal."""
    env = {FORCE_ENV: None} if terminal is None else {FORCE_ENV: "1" if terminal else "0"}
    return CliRunner().invoke(cli, list(args), env=env)


# -- when there is a progress bar -------------------------------------------------


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_for_several_documents_on_a_terminal(monkeypatch):
    monkeypatch.delenv(FORCE_ENV, raising=False)
    assert wants_progress(Tty(), quiet=False, count=2)


def test_progress_is_off_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.delenv(FORCE_ENV, raising=False)
    assert not wants_progress(io.StringIO(), quiet=False, count=2)


def test_progress_is_off_with_quiet(monkeypatch):
    monkeypatch.delenv(FORCE_ENV, raising=False)
    assert not wants_progress(Tty(), quiet=True, count=2)


def test_progress_is_off_for_a_single_document(monkeypatch):
    monkeypatch.delenv(FORCE_ENV, raising=False)
    assert not wants_progress(Tty(), quiet=False, count=1)


def test_the_environment_can_say_what_the_terminal_is(monkeypatch):
    monkeypatch.setenv(FORCE_ENV, "1")
    assert on_terminal(io.StringIO())
    monkeypatch.setenv(FORCE_ENV, "0")
    assert not on_terminal(Tty())


# -- the progress bar and the summary in a run -------------------------------------


def test_a_batch_on_a_terminal_shows_progress_on_stderr(batch):
    result = run("extract", str(batch), terminal=True)
    assert result.exit_code == 0, result.stderr
    assert "extracting" in result.stderr and "2/2" in result.stderr


def test_progress_never_reaches_the_json_on_stdout(batch):
    result = run("extract", str(batch), terminal=True)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["schema"] for line in lines] == ["policykit/1", "policykit/1"]


def test_a_batch_on_a_terminal_ends_with_one_summary_table_on_stderr(batch):
    result = run("extract", str(batch), terminal=True)
    assert result.stderr.count("汇总 summary") == 1
    table = result.stderr[result.stderr.index("汇总 summary"):]
    for label in ("documents", "measures", "units", "citations", "targets", "warnings", "flags", "failures"):
        assert label in table
    # 2 documents, 4 measures, 3 distinct units, 2 citations, 2 targets, 0 warnings, 0 flags, 0 failures
    assert [int(n) for n in table.splitlines()[-2].strip("│ ").split("│")] == [2, 4, 3, 2, 2, 0, 0, 0]


def test_quiet_shows_neither_progress_nor_summary(batch):
    result = run("extract", str(batch), "--quiet", terminal=True)
    assert result.exit_code == 0
    assert result.stderr == ""


def test_when_stderr_is_no_terminal_it_carries_only_failures(batch):
    result = run("extract", str(batch), "missing.txt", terminal=False)
    assert result.exit_code == 1
    assert result.stderr == "policykit: error: missing.txt: file not found\n"


def test_the_summary_counts_failures(batch, tmp_path):
    result = run("extract", str(batch), "missing.txt", "-o", str(tmp_path / "out"), terminal=True)
    assert result.exit_code == 1
    assert "policykit: error: missing.txt: " in result.stderr
    assert result.stderr.splitlines()[-2].strip("│ ").split("│")[-1].strip() == "1"


def test_a_batch_in_a_real_terminal_draws_the_bar_and_keeps_stdout_clean(batch, tmp_path):
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    out = tmp_path / "stdout.jsonl"
    env = {k: v for k, v in os.environ.items() if k != FORCE_ENV}
    with out.open("wb") as stdout:
        command = [sys.executable, "-c", "from policykit.cli import main; main()", "extract", str(batch)]
        process = subprocess.Popen(command, stdout=stdout, stderr=follower, stdin=subprocess.DEVNULL, env=env)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            shown += chunk
        process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    assert "提取 extracting".encode() in shown and "汇总 summary".encode() in shown
    assert [json.loads(line)["schema"] for line in out.read_text(encoding="utf-8").splitlines()] == ["policykit/1"] * 2


# -- --summary ----------------------------------------------------------------------


def test_summary_prints_the_table_of_one_document_instead_of_json(batch):
    result = run("extract", str(batch / "a.txt"), "--summary")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].strip() == "汇总 summary · a.txt"
    assert not result.stdout.lstrip().startswith("{")
    assert [int(n) for n in result.stdout.splitlines()[-2].strip("│ ").split("│")] == [1, 2, 3, 1, 1, 0, 0, 0]


def test_summary_goes_to_stdout_even_when_nothing_is_a_terminal(batch):
    result = run("extract", str(batch), "--summary", terminal=False)
    assert "汇总 summary" in result.stdout
    assert result.stderr == ""


def test_summary_with_output_folder_still_writes_the_files(batch, tmp_path):
    out = tmp_path / "out"
    result = run("extract", str(batch), "-o", str(out), "--summary")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    assert "汇总 summary" in result.stdout


def test_summary_and_jsonl_do_not_go_together(batch):
    assert run("extract", str(batch), "--summary", "--jsonl").exit_code == 2
