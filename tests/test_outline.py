"""The heading tree: 一、 → （一） → 1. → （1） → ①, 第一章/第一条, damaged and run-on numbering."""
import pytest

from policykit.normalize import normalize
from policykit.outline import build_outline, heading_title, parse


def headings(source):
    """(marker, path) of every heading, in document order."""
    text = normalize(source).text
    return [(node.marker, node.path) for root in parse(text) for node in root.walk()]


# ---------------------------------------------------------------- markers and levels


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The usual nesting of official documents
        (
            "一、工作重点\n（一）促进知识产权创造运用。\n1.推进优势企业发展。\n（1）培育示范企业。\n①开展贯标。\n②开展评估。",
            [
                ("一、", ["一"]),
                ("（一）", ["一", "一"]),
                ("1.", ["一", "一", "1"]),
                ("（1）", ["一", "一", "1", "1"]),
                ("①", ["一", "一", "1", "1", "①"]),
                ("②", ["一", "一", "1", "1", "②"]),
            ],
        ),
        # Arabic numbers with 、 or a full-width point are the same level as 1.
        ("一、重点任务\n1、加强组织领导。\n2、强化政策导向。", [("一、", ["一"]), ("1、", ["一", "1"]), ("2、", ["一", "2"])]),
        ("一、重点任务\n1．加强组织领导。\n2．强化政策导向。", [("一、", ["一"]), ("1.", ["一", "1"]), ("2.", ["一", "2"])]),
        # Half-width brackets from scraped pages
        ("一、总体要求\n(一)指导思想。\n(二)主要目标。", [("一、", ["一"]), ("（一）", ["一", "一"]), ("（二）", ["一", "二"])]),
        # A marker style seen again closes the deeper levels
        (
            "一、重点任务\n1.加强领导。\n2.完善制度。\n（1）制定细则。\n（2）抓好落实。\n3.强化考核。\n二、保障措施",
            [
                ("一、", ["一"]),
                ("1.", ["一", "1"]),
                ("2.", ["一", "2"]),
                ("（1）", ["一", "2", "1"]),
                ("（2）", ["一", "2", "2"]),
                ("3.", ["一", "3"]),
                ("二、", ["二"]),
            ],
        ),
        # A document that starts at 1. gets 1. as its top level
        ("1.加强组织领导。\n2.强化政策导向。\n（1）完善资助政策。", [("1.", ["1"]), ("2.", ["2"]), ("（1）", ["2", "1"])]),
        # Chapters and articles are levels of their own
        (
            "第一章 总则\n第一条 为了规范专项资金管理，制定本办法。\n第二条 本办法适用于全市。\n第二章 职责分工\n第三条 市科技局负责组织实施。",
            [
                ("第一章", ["一"]),
                ("第一条", ["一", "一"]),
                ("第二条", ["一", "二"]),
                ("第二章", ["二"]),
                ("第三条", ["二", "三"]),
            ],
        ),
    ],
)
def test_markers_and_levels(source, expected):
    assert headings(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # 一是/二是 opening their own paragraphs are items
        (
            "二、突出宣传重点\n一是明确宣传工作重点。要及时反映工作动态。\n二是完善宣传运行机制。健全信息宣传网络。",
            [("二、", ["二"]), ("一是", ["二", "一"]), ("二是", ["二", "二"])],
        ),
        # inside a running paragraph (a PDF line break before 二是) they are text
        (
            "二、突出宣传重点\n要抓好三项工作：一是反映动态，二是宣传典型，\n三是加强舆论引导。",
            [("二、", ["二"])],
        ),
        (
            "二、突出宣传重点\n做好宣传工作，\n一是反映动态。",
            [("二、", ["二"])],
        ),
    ],
)
def test_items_numbered_yi_shi(source, expected):
    assert headings(source) == expected


def test_levels_count_from_one_at_the_top():
    text = normalize("一、工作重点\n（一）促进创造运用。\n1.推进优势企业发展。").text
    (root,) = parse(text)
    assert [node.level for node in root.walk()] == [1, 2, 3]


def test_ids_follow_the_tree():
    text = normalize("一、总体要求\n（一）指导思想。\n（二）主要目标。\n二、工作重点\n（一）促进创造运用。").text
    assert [node.id for root in parse(text) for node in root.walk()] == ["s1", "s1.1", "s1.2", "s2", "s2.1"]


def test_a_section_ends_where_the_next_heading_of_its_level_starts():
    text = normalize("一、总体要求\n（一）指导思想。\n正文。\n（二）主要目标。\n正文。\n二、工作重点").text
    first, second = parse(text)
    assert text[first.start:first.end] == "一、总体要求\n（一）指导思想。\n正文。\n（二）主要目标。\n正文。\n"
    assert text[first.children[0].start:first.children[0].end] == "（一）指导思想。\n正文。\n"
    assert text[second.start:second.end] == "二、工作重点"


def test_body_start_is_just_after_the_marker():
    text = normalize("（三）加强财政支持。").text
    (node,) = parse(text)
    assert text[node.body_start:node.line_end] == "加强财政支持。"


# ---------------------------------------------------------------- damaged and run-on numbering


def test_numbers_that_lost_their_punctuation_are_headings_when_they_continue_the_numbering():
    source = "（一）促进创造运用。\n1推进知识产权优势企业发展。\n2培育知识产权创新创业主体。\n3促进专利技术转化。"
    assert headings(source) == [("（一）", ["一"]), ("1", ["一", "1"]), ("2", ["一", "2"]), ("3", ["一", "3"])]


def test_a_damaged_number_is_marked_damaged():
    text = normalize("（一）促进创造运用。\n1推进知识产权优势企业发展。").text
    (root,) = parse(text)
    assert (root.damaged, root.children[0].damaged) == (False, True)


@pytest.mark.parametrize(
    "line",
    [
        "50强企业名单另行公布。",          # a number that does not continue 1, 2
        "5推进知识产权执法工作。",          # skips 3 and 4
        "2020年全市有效发明专利拥有量达到300件左右。",
        "30家企业通过知识产权贯标认证。",
        "10项重点工程全面开工。",
    ],
)
def test_a_line_opening_with_a_number_that_does_not_continue_the_numbering_is_body_text(line):
    source = f"（一）促进创造运用。\n1推进优势企业发展。\n2培育创新创业主体。\n{line}"
    assert headings(source) == [("（一）", ["一"]), ("1", ["一", "1"]), ("2", ["一", "2"])]


def test_a_chinese_number_that_lost_its_closing_bracket_continues_the_numbering():
    source = "一、重点任务\n（一）加强组织领导。\n（二强化政策导向。\n（四加大财政支持。"
    assert headings(source) == [("一、", ["一"]), ("（一）", ["一", "一"]), ("（二", ["一", "二"])]


def test_numbering_may_run_on_across_sections():
    source = "一、重点任务\n（一）加快平台建设。\n（二）培育市场主体。\n二、保障措施\n（三）加强组织领导。\n（四）强化督促检查。"
    assert headings(source) == [
        ("一、", ["一"]),
        ("（一）", ["一", "一"]),
        ("（二）", ["一", "二"]),
        ("二、", ["二"]),
        ("（三）", ["二", "三"]),
        ("（四）", ["二", "四"]),
    ]


def test_numbering_may_also_restart_in_each_section():
    source = "一、重点任务\n（一）加快平台建设。\n（二）培育市场主体。\n二、保障措施\n（一）加强组织领导。"
    assert headings(source)[-1] == ("（一）", ["二", "一"])


def test_a_first_heading_numbered_far_from_the_start_is_not_a_heading():
    assert headings("八、加强组织领导。各地要高度重视。\n（一）建立协调机制。") == [("（一）", ["一"])]


def test_a_chinese_numeral_with_a_half_width_point_is_a_heading():
    assert headings("一.总体要求\n正文。\n二.重点任务\n正文。") == [("一.", ["一"]), ("二.", ["二"])]


# ---------------------------------------------------------------- annex tables


@pytest.mark.parametrize(
    "annex",
    ["附件：重点任务分工表", "附件1：重点任务分工方案", "附件：重点任务清单", "附件2：责任清单", "附件：工作任务台账"],
)
def test_an_annex_task_table_ends_the_outline(annex):
    source = f"一、重点任务\n（一）加强组织领导。\n正文。\n{annex}\n序号\n1、加强组织领导\n2、强化政策导向"
    text = normalize(source).text
    (root,) = parse(text)
    assert [node.marker for node in root.walk()] == ["一、", "（一）"]
    assert text[root.start:root.end].rstrip("\n").endswith("正文。")


def test_an_annex_that_is_no_task_table_is_more_outline():
    source = "一、重点任务\n（一）加强组织领导。\n附件：名词解释\n一、知识产权"
    assert [marker for marker, _ in headings(source)] == ["一、", "（一）", "一、"]


GUIDANCE = "\n".join([
    "一、重点任务",
    "（一）建设数字农业示范基地。",
    "（二）推进智慧农机应用。",
    "附件：1.数字农业应用指南",
    "2.智慧农机补贴机具种类范围",
    "附件1",
    "数字农业应用指南",
    "一、种植业",
    "（一）推广精准施肥。",
    "附件2",
    "2025—2027年江澜市智慧农机补贴",
    "机具种类范围",
    "1.耕整地机械",
    "  1.1耕地机械",
    "2.收获机械",
])


def test_an_annex_line_closes_the_items_above_it():
    text = normalize(GUIDANCE).text
    first = parse(text)[0]
    assert text[first.start:first.end].rstrip("\n").endswith("（二）推进智慧农机应用。")


def test_a_list_of_annexes_is_no_outline():
    assert [marker for marker, _ in headings(GUIDANCE)] == ["一、", "（一）", "（二）", "一、", "（一）", "1.", "2."]


def test_headings_of_a_guidance_annex_are_kept_and_marked():
    text = normalize(GUIDANCE).text
    roots = parse(text)
    assert [(node.marker, node.guidance) for root in roots for node in root.walk()] == [
        ("一、", False), ("（一）", False), ("（二）", False),
        ("一、", True), ("（一）", True), ("1.", True), ("2.", True),
    ]


@pytest.mark.parametrize(
    ("annex", "guidance"),
    [
        ("附件：江澜市数字乡村建设指引", True),
        ("附件1：重点企业名单", True),
        ("附件2 智慧农机补贴机具目录", True),
        ("附件：1.涉企经营许可事项改革清单（2025年版）", True),
        ("附件3：\n信息宣传联络员登记表", True),
        ("附件\n江澜市数字乡村\n建设工作指南", True),     # the title broken over lines
        ("附件：江澜市数字乡村建设实施方案", False),          # the tasks themselves
        ("附件\n江澜市数字乡村建设实施方案", False),
        ("附 件：江澜市数字乡村建设评价指标", True),        # a space inside 附件
        ("附件3：政策解读", True),
        ("附件：企业合规经营示范文本", True),
    ],
)
def test_an_annex_is_guidance_by_its_title(annex, guidance):
    text = normalize(f"一、重点任务\n（一）建设示范基地。\n{annex}\n一、总体要求\n（一）加强组织领导。").text
    roots = parse(text)
    assert [root.guidance for root in roots] == [False, guidance]


@pytest.mark.parametrize(
    "line",
    ["附件 ………………………… 36", "附件1.docx", "附件1-5下载：申报表.doc", "详见附件：重点项目表",
     "附件材料须真实有效，不得弄虚作假。"],
)
def test_lines_that_only_mention_an_annex_open_none(line):
    source = f"一、重点任务\n（一）建设示范基地。\n{line}\n（二）推进农机应用。"
    assert [marker for marker, _ in headings(source)] == ["一、", "（一）", "（二）"]


# ---------------------------------------------------------------- boxes (专栏)


BOXED = "\n".join([
    "第三章 推进绿色转型",
    "第一节 调整产业结构",
    "淘汰落后产能。制定年度淘汰计划。（牵头单位：市工信局）",
    "专栏 1：结构调整重点工程",
    "一、产业结构调整工程",
    "（1）实施落后产能退出项目；",
    "（2）建设节能环保装备产业园。",
    "二、能源结构调整工程",
    "建设天然气储气设施。",
    "第二节 调整能源结构",
    "压减煤炭消费。严格煤炭减量替代。（牵头单位：市发改委）",
])


@pytest.mark.parametrize("line", ["专栏设置要规范，内容要准确。", "专栏文章由各部门报送。"])
def test_a_line_that_opens_with_the_word_zhuanlan_opens_no_box(line):
    source = f"一、重点任务\n（一）建设宣传平台。\n{line}\n（二）完善制度。"
    assert [marker for marker, _ in headings(source)] == ["一、", "（一）", "（二）"]


def test_the_numbered_lines_of_a_box_are_no_headings():
    assert [marker for marker, _ in headings(BOXED)] == ["第三章", "第一节", "第二节"]


def test_a_box_is_recorded_in_the_item_it_stands_in():
    text = normalize(BOXED).text
    section = parse(text)[0].children[0]
    ((start, end),) = section.boxes
    assert text[start:end].startswith("专栏1：结构调整重点工程")
    assert text[start:end].rstrip("\n").endswith("建设天然气储气设施。")


@pytest.mark.parametrize("head", ["专栏1 文化旅游重点项目", "专栏1文化旅游重点项目", "专栏二　重点工程", "专栏"])
def test_a_box_head_whose_number_runs_into_its_title_opens_a_box(head):
    source = "\n".join(["一、重点任务", "（一）打造精品景区", "推进景区提档升级。（市文旅局牵头）", head,
                        "1.古城保护提升工程：总投资35亿元。", "2.景区创建工程：新建游客中心1处。",
                        "（二）丰富产品供给"])
    assert [marker for marker, _ in headings(source)] == ["一、", "（一）", "（二）"]


@pytest.mark.parametrize(
    ("after", "closes"),
    [
        # the enclosing section's next task: a heading phrase running on into its body
        ("推动入海河流总氮控制。开展黄河干流总氮来源排查，加强汇水范围内总氮治理。", True),
        ("（二）加强陆海衔接区污染控制", True),       # a heading that goes on with a level open outside the box
        ("三、加强海洋生态保护", True),
        ("第二节 加强海洋生态保护", True),             # a section or chapter is never a box entry
        ("附件：重点工程清单", True),
        ("专栏 2：入海河流总氮污染控制", True),
        # lines of the box itself
        ("宁津县饮用水源地生态保护工程。", False),
        ("3.丁字湾：深化五龙河综合整治，完成9条入河排污口整治。", False),
        ("（4）规范沟渠、河港和其他排口。将沟渠排口纳入规范管理，加强水质监测。", False),
        ("以湾长制管理系统为基础，整合入海排污口监管平台。", False),
        ("（一）实施排污口溯源工程；", False),          # numbered like the items outside, but from one again
    ],
)
def test_where_a_box_ends(after, closes):
    source = "\n".join([
        "二、强化精准治污",
        "（一）深化陆源污染治理",
        "强化入海排污口整治。建立全链条治理体系。",
        "专栏 1：入海排污口分类整治",
        "1.入海排污口分类整治：（1）全面完成工业排污口整治。",
        "2.入海排污口规范监管：",
        after,
        "（三）加强海洋生态保护",
    ])
    text = normalize(source).text
    start, end = [box for root in parse(text) for node in root.walk() for box in node.boxes][0]
    assert (after not in text[start:end]) is closes


# ---------------------------------------------------------------- heading titles


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("指导思想。", "指导思想"),
        ("总体要求", "总体要求"),
        ("保障措施：", "保障措施"),
        ("统筹推进；", "统筹推进"),
        ("促进知识产权创造运用，支撑我市经济转型发展。", "促进知识产权创造运用，支撑我市经济转型发展"),
        ("推进软件正版化工作。贯彻落实有关文件，推进政府机关软件正版化。", "推进软件正版化工作"),
        ("加强组织领导 ", "加强组织领导"),
        # Running text is no heading phrase
        ("以邓小平理论、三个代表重要思想、科学发展观为指导，全面贯彻落实党的十八大精神，深入实施创新驱动发展战略", None),
        ("到2025年，全市新能源汽车保有量达到10万辆，公共充电桩达到2万个，建成一批绿色低碳示范项目。", None),
        ("加强组织领导，", None),
        ("", None),
        ("   ", None),
    ],
)
def test_heading_title(line, expected):
    assert heading_title(line) == expected


# ---------------------------------------------------------------- the model's outline


SCRAPED_HEAD = "各县(市、区)人民政府:\n\n一、总体要求\n\n(一)指导思想.\n\n正文.\n\n(二)主要目标.\n\n正文.\n\n二、工作重点\n"


def test_build_outline_gives_the_section_tree():
    (first, second) = build_outline(SCRAPED_HEAD)
    assert (first.id, first.level, first.marker, first.title) == ("s1", 1, "一、", "总体要求")
    assert [(s.id, s.level, s.marker, s.title) for s in first.children] == [
        ("s1.1", 2, "（一）", "指导思想"),
        ("s1.2", 2, "（二）", "主要目标"),
    ]
    assert (second.id, second.title, second.children) == ("s2", "工作重点", [])


def test_section_spans_point_at_the_source_as_written():
    (first, _) = build_outline(SCRAPED_HEAD)
    s, e = first.children[0].span
    assert SCRAPED_HEAD[s:e] == "(一)指导思想.\n\n正文."


def test_a_section_span_ends_at_the_last_character_of_the_section():
    (first, second) = build_outline(SCRAPED_HEAD)
    s, e = first.span
    assert SCRAPED_HEAD[s:e].startswith("一、总体要求") and SCRAPED_HEAD[s:e].endswith("(二)主要目标.\n\n正文.")
    s, e = second.span
    assert SCRAPED_HEAD[s:e] == "二、工作重点"


def test_a_document_without_headings_has_an_empty_outline():
    assert build_outline("各县（市、区）人民政府：\n现将有关事项通知如下。") == []


def test_a_long_line_without_a_full_stop_is_a_broken_paragraph_not_a_heading_phrase():
    # a PDF line break after a list of places: the phrase runs on into the next line
    line = "丁字湾：深化河道综合整治，完成莲阴河等9条入河排污口“查、测、溯、治”"
    assert heading_title(line) is None


def test_a_short_line_without_a_full_stop_is_a_heading_phrase():
    assert heading_title("建好森林碳库") == "建好森林碳库"


def test_items_numbered_with_a_closing_bracket_only_are_headings():
    roots = parse(normalize("一、工作措施\n1）加强监测。\n2）强化执法。").text)
    assert [child.path for child in roots[0].children] == [["一", "1"], ["一", "2"]]


def test_a_number_and_bracket_in_running_text_is_no_heading():
    roots = parse(normalize("一、工作措施\n5）类设施另行规定。").text)
    assert roots[0].children == []
