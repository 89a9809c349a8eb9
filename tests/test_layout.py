"""The room text takes in a sheet: widths in characters, lines of names broken
between names, titles broken between words, columns sized to make the table short."""
from __future__ import annotations

import pytest

from policykit.writers.layout import (ColumnSpec, balanced_lines, line_count, name_lines, pack_names, plan_columns,
                                      text_width)


@pytest.mark.parametrize("text, width", [
    ("市发改委", 4),
    ("2025年底前", 4 * 0.5 + 3),
    ("（ESG）", 2 + 1.5),
    ("", 0),
    ("“双碳”", 4),
])
def test_chinese_characters_are_full_width_and_latin_half(text, width):
    assert text_width(text) == width


@pytest.mark.parametrize("text, capacity, lines", [
    ("推进数字乡村建设", 8, 1),
    ("推进数字乡村建设。", 8, 1),          # a full stop never starts a line
    ("推进数字乡村建设工作", 8, 2),
    ("加快推进重点领域改革，完善体制机制。" * 4, 20, 4),
    ("", 10, 1),
])
def test_lines_a_paragraph_takes(text, capacity, lines):
    assert line_count(text, capacity) == lines


def test_names_share_a_line_while_they_fit():
    lines = pack_names(["市财政局", "市科技局", "市发改委"], capacity=10)
    assert [[name for _, name in line] for line in lines] == [["市财政局", "市科技局"], ["市发改委"]]


def test_the_separator_after_a_name_counts_but_not_after_the_last():
    assert len(pack_names(["市财政局", "市科技局"], capacity=9)) == 1
    assert len(pack_names(["市财政局", "市科技局", "市公安局"], capacity=9)) == 2


def test_a_name_longer_than_a_line_is_cut_between_its_words():
    words = {"人民银行深圳市中心支行": ["人民银行", "深圳市", "中心", "支行"]}
    lines = pack_names(["省财政厅", "人民银行深圳市中心支行"], capacity=8, split=words.__getitem__)
    assert lines == [[(0, "省财政厅")], [(1, "人民银行深圳市")], [(1, "中心支行")]]
    assert name_lines(["省财政厅", "人民银行深圳市中心支行"], 8) == 3   # counted without the dictionary


def test_an_empty_list_takes_one_line():
    assert name_lines([], 8) == 1


@pytest.mark.parametrize("words, capacity, lines", [
    (["《", "青山市", "实施方案", "》", "重点", "任务", "分工表"], 30, ["《青山市实施方案》重点任务分工表"]),
    (["青山市", "关于", "全面", "加快", "推进", "数字", "乡村", "建设", "的", "实施", "意见"], 12,
     ["青山市关于全面加快推进", "数字乡村建设的实施意见"]),
    (["青山市", "关于", "全面", "加快", "推进", "数字", "乡村", "建设", "的", "实施", "意见"], 8,
     ["青山市关于全面", "加快推进数字乡村", "建设的实施意见"]),
    (["甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲"], 10, ["甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲"]),   # a word longer than a line stays whole
])
def test_a_title_breaks_between_words_into_even_lines(words, capacity, lines):
    assert balanced_lines(words, capacity) == lines


def test_lines_of_a_broken_title_are_even():
    words = ["关于", "加快", "推进", "农业", "农村", "现代化", "建设", "的", "实施", "意见", "重点", "任务", "分工表"]
    lines = balanced_lines(words, capacity=20)
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 3


def spec(key, rows, least, choices=(), rest=False):
    return ColumnSpec(key, key, rows, least, choices, rest)


def test_the_rest_column_takes_what_the_others_leave():
    plan = plan_columns([spec("no", lambda c: [1], 2), spec("text", lambda c: [1], 0, rest=True),
                         spec("due", lambda c: [1], 5)], total_chars=60, padding_chars=0.5, rest_min_share=0.4)
    assert plan == {"no": 2, "due": 5, "text": 53}


def test_a_column_is_widened_where_that_makes_the_table_shorter():
    names = lambda c: [12 // int(c), 12 // int(c)]   # noqa: E731 - fewer lines the wider it is
    text = lambda c: [int(200 // c), 1]               # noqa: E731
    plan = plan_columns([spec("units", names, 4, [4, 6, 12]), spec("text", text, 0, rest=True)],
                        total_chars=60, padding_chars=0, rest_min_share=0.4)
    # 4 → 3 + 3 lines + text 4 lines ... 12 → 1 + 1 and text 5 lines: 6 wins (2+2 vs text 3+1)
    heights = {w: max(12 // w, int(200 // (60 - w))) + max(12 // w, 1) for w in (4, 6, 12)}
    assert plan["units"] == min(heights, key=lambda w: (heights[w], w))


def test_the_rest_column_keeps_its_share():
    plan = plan_columns([spec("units", lambda c: [1], 10, [10, 30, 50]), spec("text", lambda c: [1], 0, rest=True)],
                        total_chars=60, padding_chars=0, rest_min_share=0.4)
    assert plan["text"] >= 24


def test_a_penalty_widens_a_column_the_lines_alone_would_not():
    same = lambda c: [3]   # noqa: E731 - the text is the tallest cell at any width
    broken = lambda c: 0.5 * (c < 11)   # noqa: E731 - a name of 11 characters breaks below 11
    plan = plan_columns([ColumnSpec("units", "units", same, 9, [9, 10, 11, 12], penalty=broken),
                         spec("text", same, 0, rest=True)], total_chars=60, padding_chars=0, rest_min_share=0.4)
    assert plan["units"] == 11
