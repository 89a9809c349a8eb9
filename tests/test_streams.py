"""Standard input and output that are not there: closed, a full device, a
reader that went away. One line and a non-zero exit code, never a
traceback, never a silent success with nothing written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "corpus" / "demo-工作方案.txt"
POLICYKIT = [sys.executable, "-c", "from policykit.cli import main; main()"]


def shell(line: str) -> subprocess.CompletedProcess:
    """``line`` in a POSIX shell, where `>&-` closes a stream; $PK is the command."""
    command = " ".join(f"'{part}'" for part in POLICYKIT)
    return subprocess.run(["sh", "-c", line.replace("$PK", command)], cwd=ROOT, capture_output=True, timeout=120)


@pytest.mark.parametrize("args", [f"extract {DOC}", f"text {DOC}", "schema", f"show {DOC}",
                                  f"extract {DOC} {DOC}"])
def test_closed_standard_output_is_one_line_and_exit_code_1(args):
    done = shell(f"$PK {args} >&-")
    assert done.returncode == 1
    assert done.stderr == b"policykit: error: standard output: closed, nothing can be written\n"


@pytest.mark.parametrize("args", [f"extract {DOC}", f"text {DOC}", "schema", f"extract {DOC} {DOC} --workers 2"])
def test_standard_output_on_a_full_device_is_one_line_and_exit_code_1(args):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    done = shell(f"$PK {args} > /dev/full")
    assert done.returncode == 1
    assert done.stderr == b"policykit: error: standard output: No space left on device\n"


@pytest.mark.parametrize("command", ["extract -", "text -", "validate -", "units -", "show -"])
def test_closed_standard_input_is_one_line_and_exit_code_1(command):
    done = shell(f"$PK {command} <&-")
    assert done.returncode == 1
    assert done.stderr == b"policykit: error: -: standard input is closed\n"


def test_a_reader_that_goes_away_ends_the_batch_without_a_word():
    done = shell(f"$PK extract {DOC} {DOC} {DOC} --workers 2 | head -c 1 > /dev/null; echo $? >&2")
    assert b"Traceback" not in done.stderr
    assert b"Exception ignored" not in done.stderr


def test_a_file_written_with_o_needs_no_standard_output():
    done = shell(f"$PK extract {DOC} -o /tmp/policykit-streams-$$ >&- && rm -r /tmp/policykit-streams-$$")
    assert done.returncode == 0, done.stderr
