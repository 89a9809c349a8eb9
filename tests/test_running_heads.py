"""Running footers and headers of PDF pages left inside a text are cut out
before anything reads it, and the line a page broke is joined again."""
import pytest

import policykit
from policykit.normalize import normalize


def text_of(source):
    return normalize(source).text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # A footer (page number, organ, 印发) glued to the page's last line, the next page's header
        ("（三）完善预案。修订防汛应急预案（青禾市应急局牵头，青禾市水务局、市城市管理综合执- 7 青禾市应急管理局印发\n"
         "青禾市应急管理局规范性文件\n法局配合）\n",
         "（三）完善预案。修订防汛应急预案（青禾市应急局牵头，青禾市水务局、市城市管理综合执法局配合）"),
        # Full-width dashes, the footer on a line of its own
        ("推进老旧小区改造，同步完善\n－12－青禾市人民政府办公室印发\n青禾市人民政府公报\n养老托育设施。\n",
         "推进老旧小区改造，同步完善养老托育设施。"),
        # A footer without 印发, known because it stands on several pages
        ("加快建设城市\n—3—青禾市住房和城乡建设局\n更新示范片区。\n二、保障措施\n强化资金\n—4—青禾市住房和城乡建设局\n保障。\n",
         "加快建设城市更新示范片区。\n二、保障措施\n强化资金保障。"),
        # Page numbers that normalisation drops, and a header repeated on every page
        ("完成老旧\n- 2 -\n2024年第3期\n小区改造任务。\n加快推进\n- 3 -\n2024年第3期\n城市更新。\n",
         "完成老旧小区改造任务。\n加快推进城市更新。"),
        # The organ of the footer on the line under its page number
        ("修订防汛应急预案（青禾市应急局牵头，青禾市水务局、市城市管理综合执\n- 7 -\n青禾市应急管理局印发\n法局配合）\n",
         "修订防汛应急预案（青禾市应急局牵头，青禾市水务局、市城市管理综合执法局配合）"),
        # The page ended a sentence: the footer goes, the lines stay apart
        ("（一）推进改造。2024年底前完成改造。- 5 青禾市住房和城乡建设局印发\n（二）加装电梯。\n",
         "（一）推进改造。2024年底前完成改造。\n（二）加装电梯。"),
        # The next page opens an item: not joined
        ("加强组织领导\n- 8 -\n青禾市人民政府公报\n三、保障措施\n",
         "加强组织领导\n三、保障措施"),
    ],
)
def test_running_heads_are_cut_out(source, expected):
    assert text_of(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        # A year range at a line end is no footer, even twice
        "编制规划（2021-2025年）\n实施规划（2021-2025年）\n",
        # A dash and a number before words that name no organ
        "温度控制在18-26摄氏度\n湿度保持适宜\n",
        # A short line without punctuation that does not follow a page break
        "青禾市人民政府公报\n推进老旧小区改造。\n",
        # A page number between two whole paragraphs changes nothing but itself
        "推进老旧小区改造。\n- 2 -\n加装电梯。\n",
    ],
)
def test_text_that_only_looks_like_page_furniture_stays(source):
    norm = normalize(source)
    assert "removed_running_heads" not in [w.code for w in norm.warnings]
    assert norm.text == "\n".join(line for line in source.strip().split("\n") if line != "- 2 -")


def test_the_repair_is_reported_and_spans_still_point_into_the_source():
    source = ("（三）完善预案。修订防汛应急预案（青禾市应急局牵头，青禾市水务局、市城市管理综合执- 7 青禾市应急管理局印发\n"
              "青禾市应急管理局规范性文件\n法局配合）\n")
    norm = normalize(source)
    (warning,) = [w for w in norm.warnings if w.code == "removed_running_heads"]
    assert source[warning.span[0]:warning.span[1]].startswith("- 7 青禾市应急管理局印发")
    start = norm.text.index("市城市管理综合执法局")
    s, e = norm.to_source(start, start + len("市城市管理综合执法局"))
    assert source[s:e].startswith("市城市管理综合执") and source[s:e].endswith("法局")


def test_a_unit_split_by_a_page_break_is_read_whole():
    source = ("青禾市防汛工作方案\n一、主要任务\n（一）完善预案。修订防汛应急预案（青禾市应急局牵头，青禾市水务局、市城市管理综合执- 7 青禾市应急管理局印发\n"
              "青禾市应急管理局规范性文件\n法局配合）\n（二）加强值守。汛期实行24小时值班（青禾市应急局负责）\n")
    doc = policykit.extract_text(source).to_dict()
    assert doc["measures"][0]["co_units"] == ["青禾市水务局", "市城市管理综合执法局"]
