"""JSON text and atomic file writes."""
from __future__ import annotations

import json
import os

import pytest

from policykit.writers.files import atomic_write_bytes, atomic_write_text
from policykit.writers.jsonout import dumps, write_json_atomic

MEASURE = {"id": "m1", "path": ["二", "一", "1"], "lead_units": ["市科技局"], "span": [356, 438],
           "deadline": None, "text": "围绕我市煤炭、电力……"}


def test_pretty_json_keeps_short_lists_on_one_line():
    assert dumps(MEASURE).splitlines() == [
        "{",
        '  "id": "m1",',
        '  "path": ["二", "一", "1"],',
        '  "lead_units": ["市科技局"],',
        '  "span": [356, 438],',
        '  "deadline": null,',
        '  "text": "围绕我市煤炭、电力……"',
        "}",
    ]


def test_compact_json_is_one_line_with_characters_as_written():
    assert dumps(MEASURE, pretty=False) == json.dumps(MEASURE, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("value", [MEASURE, [[1, 2], [3, 4]], {"x": [], "y": {}}, ["a\n]", '"'], ["长" * 100]])
def test_pretty_json_reads_back_as_the_same_value(value):
    assert json.loads(dumps(value)) == value


def test_write_json_atomic_ends_the_file_with_a_newline(tmp_path):
    path = write_json_atomic(tmp_path / "m1.json", MEASURE)
    assert path.read_text(encoding="utf-8") == dumps(MEASURE) + "\n"


def test_atomic_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.json"
    atomic_write_text(path, "old")
    atomic_write_text(path, "新")
    assert path.read_text(encoding="utf-8") == "新"
    assert os.listdir(tmp_path) == ["a.json"]


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path):
    path = tmp_path / "a.json"
    atomic_write_text(path, "old")
    with pytest.raises(TypeError):
        atomic_write_bytes(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.json"]


def test_atomic_write_gives_the_mode_a_plain_open_would(tmp_path):
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    atomic = atomic_write_bytes(tmp_path / "atomic", b"")
    assert atomic.stat().st_mode == plain.stat().st_mode
