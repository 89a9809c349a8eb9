"""A bracketed note that a PDF line break split is joined back onto one line."""
import pytest

import policykit
from policykit.normalize import normalize


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The label itself broken
        ("（一）推进老旧小区改造。同步加装电梯（责任单\n位：青禾市城管局、各区政府）\n（二）推进街区更新。",
         "（一）推进老旧小区改造。同步加装电梯（责任单位：青禾市城管局、各区政府）\n（二）推进街区更新。"),
        # A unit list broken, the note over three lines
        ("开展节水改造。（青禾市水务局、\n青禾市农业农村局牵头，青禾市财政局、\n各县（市、区）政府配合）\n",
         "开展节水改造。（青禾市水务局、青禾市农业农村局牵头，青禾市财政局、各县（市、区）政府配合）"),
        # A note on lines of its own
        ("开展节水改造。\n（牵头单位：青禾市水务局；\n配合单位：青禾市财政局）\n",
         "开展节水改造。\n（牵头单位：青禾市水务局；配合单位：青禾市财政局）"),
        # A document number in brackets broken
        ("根据《关于加强节水工作的意见》（国\n办发〔2021〕19号），制定本方案。",
         "根据《关于加强节水工作的意见》（国办发〔2021〕19号），制定本方案。"),
        # Half-width brackets (read as full-width first)
        ("开展节水改造(青禾市水务\n局负责)\n", "开展节水改造（青禾市水务局负责）"),
    ],
)
def test_a_note_broken_over_lines_is_joined(source, expected):
    assert normalize(source).text == expected


@pytest.mark.parametrize(
    "source",
    [
        # The bracket is never closed before the next item: the lines stay apart
        "（一）推进老旧小区改造（责任单位：\n（二）推进街区更新。（青禾市城管局负责）",
        # Closed only far below: no note is that long
        "（一）推进改造（说明\n" + "这是一行很长的正文内容。\n" * 40 + "完）",
        # Closed brackets at line ends change nothing
        "开展节水改造。（青禾市水务局负责）\n加强考核。",
    ],
)
def test_lines_that_are_no_broken_note_stay_apart(source):
    norm = normalize(source)
    assert norm.text == source.strip()
    assert "repaired_broken_notes" not in [w.code for w in norm.warnings]


def test_the_repair_is_reported_and_the_note_maps_back_to_the_source():
    source = "（一）推进老旧小区改造。同步加装电梯（责任单\n位：青禾市城管局、各区政府）\n"
    norm = normalize(source)
    (warning,) = [w for w in norm.warnings if w.code == "repaired_broken_notes"]
    assert source[warning.span[0]:warning.span[1]] == "\n"
    start = norm.text.index("（责任单位")
    end = norm.text.index("）", start) + 1
    assert norm.source_slice(start, end) == "（责任单\n位：青禾市城管局、各区政府）"


def test_the_units_of_a_broken_note_are_read():
    source = ("青禾市城市更新工作方案\n一、主要举措\n（一）推进老旧小区改造。完成老旧小区改造任务，同步加装电梯（责任单\n"
              "位：青禾市城管局、各区政府）\n（二）推进街区更新。开展特色街区更新试点（责任单位：青禾市规划局）\n")
    doc = policykit.extract_text(source).to_dict()
    assert [(m["title"], m["lead_units"]) for m in doc["measures"]] == [
        ("推进老旧小区改造", ["青禾市城管局", "各区政府"]), ("推进街区更新", ["青禾市规划局"])]
