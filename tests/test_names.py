"""File names as they come: bytes that are not UTF-8 (GBK names from a zip
made on Windows), names of 80 Chinese characters, newlines and escape
sequences, and the things a folder holds besides documents. None of them
may cost a traceback, forge a line on the terminal, or be skipped in silence.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykit.paths import bounded_name, printable, readable

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "corpus" / "demo-工作方案.txt").read_text(encoding="utf-8")
GBK_NAME = "意见".encode("gbk") + b".txt"          # not UTF-8: Python holds it with surrogates
LONG_STEM = "关于进一步加强和改进新时代全市县域经济高质量发展若干政策措施的实施意见" * 3   # 90 characters, 270 bytes


def policykit(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", *map(os.fsdecode, args)],
                          cwd=cwd, capture_output=True, timeout=120)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "docs").mkdir()
    return tmp_path / "docs"


# -- the functions ----------------------------------------------------------------------


@pytest.mark.parametrize("name, shown", [
    (os.fsdecode(GBK_NAME), "\\xd2\\xe2\\xbc\\xfb.txt"),
    ("a\nb.txt", "a\\nb.txt"),
    ("红\x1b[31m字.txt", "红\\x1b[31m字.txt"),
    ("市科技局\u202excod.exe", "市科技局\\u202excod.exe"),
    ("\x9b31m.txt", "\\x9b31m.txt"),
    ("普通名称.txt", "普通名称.txt"),
])
def test_a_name_on_the_terminal_is_one_plain_line(name, shown):
    assert printable(name) == shown


def test_a_name_that_is_not_utf8_reads_as_its_bytes_in_json():
    assert readable(os.fsdecode(GBK_NAME)) == "\\xd2\\xe2\\xbc\\xfb.txt"
    assert readable("a\nb.txt") == "a\nb.txt"   # JSON escapes it itself


@pytest.mark.parametrize("stem, suffix, limit", [
    (LONG_STEM, ".json", 255), ("局" * 200, ".json", 255), ("a" * 300, ".json", 255), ("短", ".json", 255),
    (os.fsdecode(b"\xca\xb5" * 200), ".json", 255), ("局" * 100, ".", 241),
])
def test_a_bounded_name_fits_its_bytes_and_cuts_no_character_in_half(stem, suffix, limit):
    name = bounded_name(stem, suffix, limit)
    assert len(os.fsencode(name)) <= limit
    assert name.endswith(suffix) and stem.startswith(name[:-len(suffix)])
    os.fsencode(name)   # nothing half a character


# -- extract, show, text ---------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_extracted_and_named_by_its_bytes(folder):
    path = os.path.join(os.fsencode(folder), GBK_NAME)
    with open(path, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    done = policykit("extract", path, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"]["path"].endswith("\\xd2\\xe2\\xbc\\xfb.txt")
    out = folder.parent / "out"
    done = policykit("extract", folder, "-o", out, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert os.listdir(os.fsencode(out)) == ["意见".encode("gbk") + b".json"]   # the same bytes as the input
    assert policykit("show", path, cwd=folder).returncode == 0
    assert policykit("text", path, cwd=folder).returncode == 0


def test_a_failing_file_whose_name_is_not_utf8_is_one_line_and_a_record(folder):
    path = os.path.join(os.fsencode(folder), GBK_NAME)
    open(path, "wb").close()
    done = policykit("extract", path, os.fsencode(folder / "missing.txt"), cwd=folder)
    assert done.returncode == 1
    lines = done.stderr.decode("utf-8").splitlines()
    assert lines[0] == f"policykit: error: {folder}/\\xd2\\xe2\\xbc\\xfb.txt: empty file"
    assert json.loads(done.stdout.splitlines()[0])["error"]["code"] == "read_error"


def test_a_name_of_eighty_chinese_characters_gets_an_output_and_a_temporary_name_that_fit(folder):
    (folder / f"{LONG_STEM[:80]}.txt").write_text(TEXT, encoding="utf-8")   # 244 bytes: legal
    out = folder.parent / "out"
    done = policykit("extract", folder, "-o", out, cwd=folder)
    assert done.returncode == 0, done.stderr
    [written] = os.listdir(out)
    assert written.endswith(".json") and len(written.encode("utf-8")) <= 255
    assert LONG_STEM.startswith(written[:-5])


def test_a_newline_or_an_escape_sequence_in_a_name_cannot_forge_a_line(folder):
    (folder / "甲\npolicykit: error: 伪造.txt").write_bytes(b"")
    (folder / "乙\x1b[2J.txt").write_bytes(b"")
    done = policykit("extract", folder, cwd=folder)
    assert done.stderr.decode("utf-8").splitlines() == [
        "policykit: error: " + str(folder) + "/乙\\x1b[2J.txt: empty file",
        "policykit: error: " + str(folder) + "/甲\\npolicykit: error: 伪造.txt: empty file",
    ]
    sources = [json.loads(line)["source"] for line in done.stdout.decode("utf-8").splitlines()]
    assert sources[1].endswith("甲\npolicykit: error: 伪造.txt")   # as it is, in JSON's own escapes


# -- what else a folder holds ----------------------------------------------------------


def test_broken_links_pipes_and_devices_named_as_documents_are_reported_not_skipped(folder):
    (folder / "好.txt").write_text(TEXT, encoding="utf-8")
    (folder / "断链.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "管道.txt")
    (folder / "设备.txt").symlink_to("/dev/zero")
    (folder / "notes.md").write_text("not a document", encoding="utf-8")   # other files stay unread
    done = policykit("extract", folder, cwd=folder)
    assert done.returncode == 1
    errors = sorted(done.stderr.decode("utf-8").splitlines())
    assert errors == sorted([
        f"policykit: error: {folder}/断链.txt: file not found (a broken symbolic link)",
        f"policykit: error: {folder}/管道.txt: not a regular file (a pipe or device); use - for standard input",
        f"policykit: error: {folder}/设备.txt: not a regular file (a pipe or device); use - for standard input",
    ])
    assert len(done.stdout.decode("utf-8").splitlines()) == 4


def test_a_folder_that_cannot_be_listed_is_a_record_and_the_rest_goes_on(folder, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root lists any folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        (folder / "好.txt").write_text(TEXT, encoding="utf-8")
        done = policykit("extract", locked, folder / "好.txt", cwd=folder)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 1
    assert "cannot list this folder (permission denied)" in done.stderr.decode("utf-8")
