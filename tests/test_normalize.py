"""Normalisation: the one string every extractor reads, and the map back to the source."""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykit.normalize import normalize


def text_of(source):
    return normalize(source).text


def codes(source):
    return [w.code for w in normalize(source).warnings]


# ---------------------------------------------------------------- punctuation


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Half-width punctuation of scraped text becomes the full-width form of Chinese text
        ("各县(市、区)人民政府,市人民政府各委、局、办:", "各县（市、区）人民政府，市人民政府各委、局、办："),
        ("加强宣传引导;营造良好氛围.", "加强宣传引导；营造良好氛围。"),
        ("如何落实?必须抓好!", "如何落实？必须抓好！"),
        ("(牵头单位:市科技局)", "（牵头单位：市科技局）"),
        # A full stop after a closing bracket or quote inside Chinese text
        ("实施“双打”.加强执法", "实施“双打”。加强执法"),
        # Numbers keep their own punctuation
        ("投入资金1,000万元", "投入资金1,000万元"),
        ("配比为3:1", "配比为3:1"),
        ("增长3.5个百分点", "增长3.5个百分点"),
        ("1.推进知识产权优势企业发展", "1.推进知识产权优势企业发展"),
        ("执行GB/T29490-2013标准", "执行GB/T29490-2013标准"),
        # Full-width digits, letters, % and . read as ASCII
        ("达到３００件，增长１５％", "达到300件，增长15%"),
        ("１．推进工作", "1.推进工作"),
        ("ＧＢ／Ｔ", "GB／T"),
        # Already full-width text is left alone
        ("（一）促进知识产权创造运用，支撑我市经济转型发展。", "（一）促进知识产权创造运用，支撑我市经济转型发展。"),
    ],
)
def test_punctuation(source, expected):
    assert text_of(source) == expected


def test_converted_punctuation_is_reported_once_with_its_count():
    warnings = normalize("各县(市、区)人民政府,市人民政府各委、局、办:").warnings
    assert [(w.code, w.message) for w in warnings] == [
        ("normalized_punctuation", "4 half-width punctuation marks read as full-width"),
    ]


def test_the_punctuation_warning_points_at_the_first_converted_mark():
    source = "各县(市、区)人民政府"
    (warning,) = normalize(source).warnings
    assert source[warning.span[0]:warning.span[1]] == "("


def test_the_punctuation_warning_skips_marks_that_were_kept():
    source = "增长3.5个百分点(含)"
    (warning,) = normalize(source).warnings
    assert source[warning.span[0]:warning.span[1]] == "("


def test_text_without_half_width_punctuation_has_no_warning():
    assert codes("一、总体要求\n（一）指导思想。") == []


# ---------------------------------------------------------------- spaces


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Spaces of every kind are dropped inside Chinese text
        ("推进 知识产权 工作", "推进知识产权工作"),
        ("\u3000\u3000（三）加强财政支持。", "（三）加强财政支持。"),
        ("忻州市人民政府办公厅\u00a0\u00a0\u00a0", "忻州市人民政府办公厅"),
        ("加\t强\u2002管\u2003理\u200b", "加强管理"),
        ("1. 推进工作", "1.推进工作"),
        ("2022 年 5 月 8 日", "2022年5月8日"),
        ("国发〔2021〕33 号", "国发〔2021〕33号"),
        # One space is kept between two ASCII words or numbers
        ("执行GB/T 29490-2013标准", "执行GB/T 29490-2013标准"),
        ("执行GB/T   29490-2013标准", "执行GB/T 29490-2013标准"),
        ("建设5G plus工业互联网", "建设5G plus工业互联网"),
        ("推进ISO 9001认证", "推进ISO 9001认证"),
    ],
)
def test_spaces(source, expected):
    assert text_of(source) == expected


# ---------------------------------------------------------------- lines


def test_blank_and_whitespace_only_lines_are_dropped():
    assert text_of("一、总体要求\n\n  \n\u3000\u3000\n（一）指导思想。\n") == "一、总体要求\n（一）指导思想。"


def test_windows_line_endings_become_one_newline():
    assert text_of("一、总体要求\r\n（一）指导思想。\r\n") == "一、总体要求\n（一）指导思想。"


def test_a_lone_carriage_return_ends_a_line():
    assert text_of("一、总体要求\r（一）指导思想。") == "一、总体要求\n（一）指导思想。"


@pytest.mark.parametrize(
    "chrome",
    [
        "扫一扫在手机打开当前页面",
        "【字体：大 中 小】",
        "字号：大 中 小",
        "【打印本页】【关闭窗口】",
        "打印本页",
        "关闭窗口",
        "分享到：微信 微博",
        "浏览次数：1024",
        "- 3 -",
        "—3—",
        "第 2 页 共 10 页",
        "3/12",
        "责任编辑：张三",
        # a government site's header and footer, copied with the page
        "网站导航 | 无障碍 | 适老模式 | 登录",
        "首页　新闻中心　政务公开　办事服务　互动交流",
        "当前位置：首页 > 政务公开 > 政策文件",
        "您现在的位置：首页>信息公开",
        "【打印本页】　【关闭窗口】　【返回顶部】",
        "【返回顶部】",
        "相关链接：国务院　省人民政府",
        "主办单位：青澜市人民政府办公室　承办单位：青澜市大数据中心",
        "青ICP备05003741号-1",
        "相关附件：",
        "青澜市社区服务提升行动方案.docx",
    ],
)
def test_page_chrome_lines_are_removed(chrome):
    assert text_of(f"加强宣传引导。\n{chrome}\n营造良好氛围。") == "加强宣传引导。\n营造良好氛围。"


def test_a_removed_chrome_line_is_reported_with_its_source_span():
    source = "（此件公开发布）\n\n扫一扫在手机打开当前页面\n"
    (warning,) = normalize(source).warnings
    assert warning.code == "removed_page_chrome"
    assert source[warning.span[0]:warning.span[1]] == "扫一扫在手机打开当前页面"


@pytest.mark.parametrize(
    "line",
    [
        "首页设置“政策解读”专栏，及时发布政策文件。",   # 首页 opening a sentence
        "主办单位：市文化和旅游局",                       # an event's organiser, without the operator
        "市场监管局｜税务局",                               # two items are no navigation bar
        "（一）组织领导（市委办公室负责）",
    ],
)
def test_text_that_looks_a_little_like_site_chrome_is_kept(line):
    assert text_of(f"加强宣传引导。\n{line}\n营造良好氛围。") == f"加强宣传引导。\n{line}\n营造良好氛围。"


def test_a_long_line_that_starts_like_chrome_is_kept():
    line = "分享到各县（市、区）的经验做法要及时总结推广，形成可复制可推广的典型经验，并在全市范围内推广应用。"
    assert text_of(line) == line


def test_a_legal_database_citation_code_glued_into_a_line_is_cut_out():
    source = "正文内容【法宝引证码】CLI.2.5361054\n第二段"
    norm = normalize(source)
    assert norm.text == "正文内容\n第二段"
    (warning,) = norm.warnings
    assert (warning.code, source[warning.span[0]:warning.span[1]]) == ("removed_page_chrome", "【法宝引证码】CLI.2.5361054")


def test_a_source_link_line_is_removed():
    source = "完善制度。\n原文链接：http://www.gov.cn/zhengce/content/2019-01/25/content_5361054.htm\n抓好落实。"
    assert text_of(source) == "完善制度。\n抓好落实。"


# ---------------------------------------------------------------- offsets


@pytest.mark.parametrize(
    ("source", "normalised_piece", "source_piece"),
    [
        ("各县(市、区)人民政府,市人民政府各委、局、办:", "（市、区）", "(市、区)"),
        ("各县(市、区)人民政府,市人民政府各委、局、办:", "市人民政府各委、局、办：", "市人民政府各委、局、办:"),
        ("  ——知识产权保护力度不断加大。", "——知识产权保护力度不断加大。", "——知识产权保护力度不断加大。"),
        ("忻州市 人民政府 办公厅", "忻州市人民政府办公厅", "忻州市 人民政府 办公厅"),
        ("达到３００件", "300件", "３００件"),
        ("一、总体要求\r\n\r\n（一）指导思想。", "（一）指导思想。", "（一）指导思想。"),
        ("正文\n扫一扫在手机打开当前页面\n（此件公开发布）", "（此件公开发布）", "（此件公开发布）"),
    ],
)
def test_a_span_of_normalised_text_maps_back_to_the_characters_as_written(source, normalised_piece, source_piece):
    norm = normalize(source)
    start = norm.text.index(normalised_piece)
    assert norm.source_slice(start, start + len(normalised_piece)) == source_piece


def test_to_source_returns_source_offsets():
    source = "\ufeff各县(市、区)人民政府"
    norm = normalize(source)
    assert norm.text == "各县（市、区）人民政府"
    assert norm.to_source(2, 7) == (3, 8)


def test_an_empty_span_maps_to_an_empty_span():
    norm = normalize("一、总体要求\n（一）指导思想。")
    assert norm.to_source(3, 3) == (3, 3)


def test_the_end_of_the_text_maps_to_the_end_of_the_source():
    source = "加强管理。\n\n扫一扫在手机打开当前页面\n"
    norm = normalize(source)
    assert norm.to_source(len(norm.text), len(norm.text)) == (len(source), len(source))


def test_empty_text():
    norm = normalize("")
    assert (norm.text, norm.warnings, norm.to_source(0, 0)) == ("", [], (0, 0))


def test_lines_gives_the_bounds_of_each_line():
    norm = normalize("一、总体要求\n\n（一）指导思想。")
    assert [norm.text[s:e] for s, e in norm.lines()] == ["一、总体要求", "（一）指导思想。"]


def test_a_span_ending_on_a_line_break_does_not_reach_into_the_next_line():
    norm = normalize("第一行\n第二行")
    assert norm.source_slice(0, 4) == "第一行\n"


_SPACES = {"\u00a0", "\u3000", "\t", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff", "\x0b", "\x0c", " "}


def _stands_for(source_char: str, char: str) -> bool:
    """Whether a normalised character is a faithful reading of the source character."""
    if source_char == char:
        return True
    if char == " ":
        return source_char in _SPACES
    if (source_char, char) in {(".", "。"), ("．", "。"), ("\r", "\n")}:
        return True
    return unicodedata.normalize("NFKC", source_char) == unicodedata.normalize("NFKC", char)


# Pieces of scraped text: Chinese, ASCII, full-width forms, spaces, line ends and page chrome.
_SOURCE_TEXT = st.lists(
    st.sampled_from(
        list("加强管理推进工作市科技局一二三（）《》“”、，。；：")
        + list("abcGBT0123456789()[],.;:?!/-%")
        + ["１", "２", "Ａ", "％", "．", " ", "\u00a0", "\u3000", "\t", "\n", "\r", "\r\n"]
        + ["扫一扫在手机打开当前页面", "打印本页", "【法宝引证码】CLI.1.2"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SOURCE_TEXT)
def test_every_normalised_character_comes_from_a_source_character_it_stands_for(source):
    norm = normalize(source)
    assert len(norm.offsets) == len(norm.text) + 1
    for i, char in enumerate(norm.text):
        if char != "\n":
            assert _stands_for(source[norm.offsets[i]], char), (i, char, source[norm.offsets[i]])


@settings(max_examples=300, deadline=None)
@given(_SOURCE_TEXT, st.data())
def test_every_span_maps_to_an_ordered_span_inside_the_source(source, data):
    norm = normalize(source)
    start = data.draw(st.integers(0, len(norm.text)))
    end = data.draw(st.integers(start, len(norm.text)))
    s, e = norm.to_source(start, end)
    assert 0 <= s <= e <= len(source)
    assert list(norm.offsets) == sorted(norm.offsets)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1优化企业开办服务 推行一表填报", [9]),            # a half-width space, deleted
        ("1优化企业开办服务\u3000\u3000推行一表填报", [9]),  # full-width spaces
        ("执行GB/T 29490标准", []),                         # a space kept between ASCII is no gap
        ("加强组织领导\n完善机制", []),                      # a line break is no space
    ],
)
def test_where_a_deleted_space_stood(source, expected):
    norm = normalize(source)
    assert [i for i in range(len(norm.text)) if norm.space_before(i)] == expected
