"""policykit.textlines: the lines of a text as ``text.split("\\n")`` gives them,
without holding a string per line."""
from __future__ import annotations

import pytest

from policykit.textlines import LineIndex, line_spans

TEXTS = ["", "\n", "一、总体要求", "一、总体要求\n（一）指导思想。", "甲\n\n乙\n", "\n\n\n", "末行无换行\n最后"]


def as_list(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_line_spans_are_the_lines_of_split(text):
    assert [text[s:e] for s, e in line_spans(text)] == text.split("\n")


@pytest.mark.parametrize("text", TEXTS)
def test_a_line_index_reads_like_the_list_of_lines(text):
    index, lines = LineIndex(text), as_list(text)
    assert len(index) == len(lines)
    assert list(index) == lines
    assert [index[i] for i in range(len(lines))] == lines
    assert index[-1] == lines[-1]
    assert index[1:3] == lines[1:3] and index[:14] == lines[:14]


def test_a_line_index_past_its_end_is_an_index_error():
    with pytest.raises(IndexError):
        LineIndex("甲\n乙")[2]

