"""Annex tables whose cells stand one per line in text (a .txt copy of a web
page or a PDF): the task table is rebuilt row by row and joined to the
measures; an indicator table never gives measures."""
from __future__ import annotations

import docx
import pytest

import policykit
from policykit.extract.annex_text import find_text_tables
from policykit.normalize import normalize

BODY = """青禾市老旧小区改造提升行动方案
一、重点任务
1.改造小区供水管网。更换老化供水管道，解决二次供水水压不足问题。
2.加装电梯。支持具备条件的多层住宅加装电梯。
3.完善停车设施。利用小区闲置空间增设停车泊位。
"""

TASK_TABLE = """附件
重点任务分工表
序号
工作事项
主要内容
牵头单位
配合单位
1
改造小区供水管网。
更换老化供水管道，解决二次供水水压不足问题。
市水务局
各区人民政府
供水管网改造完成后移交供水企业统一管理。
市住房城乡建设局
市水务集团
2
加装电梯。
支持具备条件的多层住宅加装电梯。
市住房城乡建设局
市市场监管局、各区人民政府
3
完善停车设施。
利用小区闲置空间增设停车泊位。
市公安局
"""


def extract(text):
    return policykit.extract_text(text).to_dict()


def measures(doc):
    return [(m["title"], m["text"][:12], m["lead_units"], m["co_units"]) for m in doc["measures"]]


def test_each_row_of_a_task_table_in_text_is_a_measure_with_its_units():
    assert measures(extract(BODY + TASK_TABLE)) == [
        ("改造小区供水管网", "更换老化供水管道，解决二", ["市水务局"], ["各区人民政府"]),
        ("加装电梯", "支持具备条件的多层住宅加", ["市住房城乡建设局"], ["市市场监管局", "各区人民政府"]),
        ("完善停车设施", "利用小区闲置空间增设停车", ["市公安局"], []),
        # the second 主要内容 of a 工作事项: a measure of its own, without a title
        (None, "供水管网改造完成后移交供", ["市住房城乡建设局"], ["市水务集团"]),
    ]


def test_a_row_measure_points_at_its_cells_in_the_source():
    source = BODY + TASK_TABLE
    doc = extract(source)
    row = doc["measures"][-1]
    start, end = row["span"]
    assert source[start:end] == "供水管网改造完成后移交供水企业统一管理。"
    assert row["path"] == ["附件", "1"] and row["section"] is None


def test_table_lines_are_not_outline_items_or_part_of_the_last_measure():
    doc = extract(BODY + TASK_TABLE)
    assert len(doc["outline"]) == 1
    assert doc["measures"][2]["text"] == "利用小区闲置空间增设停车泊位。"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # The number glued to the first cell, a deadline column, a missing co cell
        ("附件\n任务清单\n序号\n重点任务\n责任单位\n配合单位\n完成时限\n"
         "1.改造小区供水管网\n市水务局\n各区人民政府\n2024年底前\n"
         "2.加装电梯\n市住房城乡建设局\n2025年6月底前\n"
         "3.完善停车设施\n市公安局\n市交通运输局\n长期坚持\n",
         [("改造小区供水管网", ["市水务局"], ["各区人民政府"], "2024年底前"),
          ("加装电梯", ["市住房城乡建设局"], [], "2025年6月底前"),
          ("完善停车设施", ["市公安局"], ["市交通运输局"], "长期坚持")]),
        # No number column: rows by the number of columns
        ("附件\n责任分工\n重点任务\n牵头单位\n配合单位\n"
         "改造小区供水管网\n市水务局\n各区人民政府\n"
         "加装电梯\n市住房城乡建设局\n市市场监管局\n"
         "完善停车设施\n市公安局\n市交通运输局\n",
         [("改造小区供水管网", ["市水务局"], ["各区人民政府"], None),
          ("加装电梯", ["市住房城乡建设局"], ["市市场监管局"], None),
          ("完善停车设施", ["市公安局"], ["市交通运输局"], None)]),
        # Damaged: spaced-out headings, half-width commas, numbers with a stop
        ("附件2\n序 号\n重 点 任 务\n牵 头 单 位\n配 合 单 位\n"
         "1.\n改造小区供水管网\n市水务局\n市财政局,各区人民政府\n"
         "2.\n加装电梯\n市住房城乡建设局\n市市场监管局\n"
         "3.\n完善停车设施\n市公安局\n市交通运输局\n",
         [("改造小区供水管网", ["市水务局"], ["市财政局", "各区人民政府"], None),
          ("加装电梯", ["市住房城乡建设局"], ["市市场监管局"], None),
          ("完善停车设施", ["市公安局"], ["市交通运输局"], None)]),
        # A group heading over two sub-headings, written before the second header row
        ("附件\n任务分工\n序号\n工作任务\n责任单位\n完成时限\n牵头\n配合\n"
         "1\n改造小区供水管网\n市水务局\n各区人民政府\n2024年底前\n"
         "2\n加装电梯\n市住房城乡建设局\n市市场监管局\n2025年底前\n"
         "3\n完善停车设施\n市公安局\n市交通运输局\n长期坚持\n",
         [("改造小区供水管网", ["市水务局"], ["各区人民政府"], "2024年底前"),
          ("加装电梯", ["市住房城乡建设局"], ["市市场监管局"], "2025年底前"),
          ("完善停车设施", ["市公安局"], ["市交通运输局"], "长期坚持")]),
        # No number column, and a 工作事项 with two 主要内容 (the second row's task cell merged)
        ("附件\n分工方案\n工作事项\n主要内容\n牵头单位\n配合单位\n"
         "改造小区供水管网\n更换老化供水管道。\n市水务局\n各区人民政府\n"
         "改造后移交供水企业统一管理。\n市住房城乡建设局\n市水务集团\n"
         "加装电梯\n支持多层住宅加装电梯。\n市住房城乡建设局\n市市场监管局\n",
         [("改造小区供水管网", ["市水务局"], ["各区人民政府"], None),
          ("加装电梯", ["市住房城乡建设局"], ["市市场监管局"], None),
          (None, ["市住房城乡建设局"], ["市水务集团"], None)]),
        # Internal-division columns name no unit of the measure
        ("附件1：任务分工\n序号\n工作任务\n牵头单位\n牵头处室\n配合单位\n"
         "1\n改造小区供水管网\n市水务局\n供水处\n各区人民政府\n"
         "2\n加装电梯\n市住房城乡建设局\n物业处\n市市场监管局\n"
         "3\n完善停车设施\n市公安局\n交管处\n市交通运输局\n",
         [("改造小区供水管网", ["市水务局"], ["各区人民政府"], None),
          ("加装电梯", ["市住房城乡建设局"], ["市市场监管局"], None),
          ("完善停车设施", ["市公安局"], ["市交通运输局"], None)]),
    ],
)
def test_task_tables_in_their_forms(table, expected):
    doc = extract(BODY + table)
    got = [(m["title"], m["lead_units"], m["co_units"], (m["deadline"] or {}).get("text")) for m in doc["measures"]]
    assert got == expected


def test_the_lines_after_the_table_are_no_rows():
    doc = extract(BODY + TASK_TABLE + "抄送：市委办公室\n青禾市人民政府办公室2024年5月6日印发\n")
    assert doc["measures"][2]["co_units"] == []
    assert len(doc["measures"]) == 4


def test_an_indicator_annex_gives_no_measures():
    indicators = ("附件\n青禾市老旧小区改造监测指标\n编号\n指标名称\n目标值\n"
                  "1.供水管网改造完成率\n2025年达到100%。\n2.加装电梯数量\n≥300部\n")
    doc = extract(BODY + indicators)
    assert [m["title"] for m in doc["measures"]] == ["改造小区供水管网", "加装电梯", "完善停车设施"]
    assert "监测指标" not in doc["measures"][-1]["text"]
    assert {t["value"] for t in doc["targets"]} >= {100, 300}


def test_an_indicator_table_pairs_each_name_with_its_value():
    indicators = ("附件\n青禾市老旧小区改造监测指标\n编号\n指标名称\n目标值\n"
                  "1.供水管网改造完成率\n2025年达到100%。\n2.加装电梯数量\n≥300部\n")
    (table,) = find_text_tables(normalize(BODY + indicators))
    assert table.kind == "indicators"
    assert table.table.text_rows()[1:] == [["1", "供水管网改造完成率", "2025年达到100%。"], ["2", "加装电梯数量", "≥300部"]]


def test_when_the_body_assigns_units_its_notes_win_and_unmatched_rows_are_reported():
    body = ("青禾市老旧小区改造提升行动方案\n一、重点任务\n"
            "1.改造小区供水管网。更换老化供水管道。（市水务局牵头）\n"
            "2.加装电梯。支持具备条件的多层住宅加装电梯。（市住房城乡建设局牵头）\n")
    table = ("附件\n任务分工\n序号\n重点任务\n牵头单位\n配合单位\n"
             "1\n改造小区供水管网\n市城管局\n各区人民政府\n"
             "2\n建设智慧社区\n市大数据局\n各区人民政府\n")
    doc = extract(body + table)
    assert [(m["title"], m["lead_units"]) for m in doc["measures"]] == [
        ("改造小区供水管网", ["市水务局"]), ("加装电梯", ["市住房城乡建设局"])]
    (warning,) = [w for w in doc["warnings"] if w["code"] == "annex_row_unmatched"]
    start, end = warning["span"]
    assert "建设智慧社区" in (body + table)[start:end]


def test_a_table_with_a_caption_but_no_annex_line_is_not_the_task_list():
    table = ("表1 重点任务分工\n序号\n重点任务\n牵头单位\n配合单位\n"
             "1\n改造小区供水管网\n市水务局\n各区人民政府\n"
             "2\n建设智慧社区\n市大数据局\n各区人民政府\n")
    doc = extract(BODY + table)
    titles = [m["title"] for m in doc["measures"]]
    assert "建设智慧社区" not in titles
    assert doc["measures"][0]["lead_units"] == ["市水务局"]


def test_body_lines_that_look_like_column_headings_are_no_table():
    text = ("青禾市老旧小区改造提升行动方案\n一、重点任务\n1.改造小区供水管网。更换老化供水管道。\n"
            "牵头单位\n市水务局\n2.加装电梯。支持具备条件的多层住宅加装电梯。\n")
    assert find_text_tables(normalize(text)) == []


def test_a_docx_task_table_with_a_merged_task_cell_gives_the_continuation_row(tmp_path):
    document = docx.Document()
    for line in BODY.strip().split("\n"):
        document.add_paragraph(line)
    document.add_paragraph("附件：重点任务分工表")
    rows = [["序号", "工作事项", "主要内容", "牵头单位", "配合单位"],
            ["1", "改造小区供水管网", "更换老化供水管道。", "市水务局", "各区人民政府"],
            ["", "", "供水管网改造完成后移交供水企业统一管理。", "市住房城乡建设局", "市水务集团"],
            ["2", "加装电梯", "支持具备条件的多层住宅加装电梯。", "市住房城乡建设局", "各区人民政府"]]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    path = tmp_path / "方案.docx"
    document.save(path)
    doc = policykit.extract_file(path).to_dict()
    assert [(m["title"], m["lead_units"]) for m in doc["measures"]] == [
        ("改造小区供水管网", ["市水务局"]), ("加装电梯", ["市住房城乡建设局"]),
        (None, ["市住房城乡建设局"])]
    assert doc["measures"][2]["text"] == "供水管网改造完成后移交供水企业统一管理。"


# ---------------------------------------------------------------- PDF damage

PDF_BODY = """青禾市绿色建筑发展实施方案
一、推进建筑节能
（一）推广节能门窗。新建住宅全面采用节能门窗。鼓励既有住宅更换节能门窗。
（二）发展装配式建筑。新建公共建筑优先采用装配式建造。
二、保障措施
（三）压实工作责任。各区各部门要对照任务分工抓好落实。
"""


@pytest.mark.parametrize(
    ("annex", "expected"),
    [
        # Pieces of the first row's wrapped cells between the headings, each unit glued to its text
        ("附件：青禾市绿色建筑发展重点任务分工方案\n重点任务\n（一）推\n一、推进\n广节能\n建筑节\n门窗\n能\n牵头单位\n"
         "新建住宅全面采用节能门窗，引导房地产企业提高住宅品质市住房城乡建设局\n"
         "新建公共建筑优先采用装配式建造，培育装配式建筑产业基地市住房城乡建设局、市发展改革委\n",
         [(None, "新建住宅全面采用节能门窗，", ["市住房城乡建设局"]),
          (None, "新建公共建筑优先采用装配式", ["市住房城乡建设局", "市发展改革委"])]),
        # Units glued to their text in a table whose header came through whole
        ("附件：重点任务分工表\n重点任务\n牵头单位\n配合单位\n"
         "推广节能门窗，引导企业提高住宅品质市住房城乡建设局\n市市场监管局\n",
         [(None, "推广节能门窗，引导企业提高", ["市住房城乡建设局"])]),
    ],
)
def test_a_task_table_damaged_by_pdf_text_extraction(annex, expected):
    doc = extract(PDF_BODY + annex)
    assert [(m["title"], m["text"][:13], m["lead_units"]) for m in doc["measures"]] == expected


def test_a_text_cell_that_ends_with_a_unit_is_not_split_when_units_have_cells_of_their_own():
    table = ("附件：重点任务分工表\n序号\n重点任务\n牵头单位\n"
             "1\n推广节能门窗。\n市住房城乡建设局\n"
             "2\n按季度将进展报送市发展改革委\n市住房城乡建设局\n")
    doc = extract(PDF_BODY + table)
    assert [m["lead_units"] for m in doc["measures"]] == [["市住房城乡建设局"], ["市住房城乡建设局"]]
    assert doc["measures"][1]["text"] == "按季度将进展报送市发展改革委"



LIST_ONLY = """青禾市人民政府办公室关于印发青禾市2025年为民办实事任务清单的通知
各区人民政府，市政府各部门：
现将《青禾市2025年为民办实事任务清单》印发给你们，请认真抓好落实。
青禾市人民政府办公室
2025年3月1日
附件
青禾市2025年为民办实事任务清单
序号
重点任务
牵头单位
配合单位
完成时限
{first}
1
改造老旧供水管网。新建供水管网120公里，解决二次供水水压不足问题。
市水务局
市财政局、各区人民政府
2025年10月底前
2
加装电梯。新增加装电梯200部。
市住房城乡建设局
/
2025年12月底前
{second}
3
完善停车设施
市公安局
市交通运输局
长期坚持
"""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("一、改善居住条件", "二、方便群众出行"),            # section rows spanning the table
        ("（一）改善居住条件", "（二）方便群众出行"),
        ("一、改善居住条件", ""),
    ],
)
def test_a_task_list_annex_with_section_rows_and_sentence_cells(first, second):
    """The annex table is the whole task list: rows under section rows (一、…)
    that span the table are rows all the same; a task cell that holds the
    task's heading phrase and its text gives the phrase as the title; a "/"
    cell names no unit."""
    doc = extract(LIST_ONLY.format(first=first, second=second))
    got = [(m["title"], m["text"][:8], m["lead_units"], m["co_units"], (m["deadline"] or {}).get("text"))
           for m in doc["measures"]]
    assert got == [
        ("改造老旧供水管网", "新建供水管网12", ["市水务局"], ["市财政局", "各区人民政府"], "2025年10月底前"),
        ("加装电梯", "新增加装电梯20", ["市住房城乡建设局"], [], "2025年12月底前"),
        (None, "完善停车设施", ["市公安局"], ["市交通运输局"], "长期坚持"),
    ]
    # the rows' targets are read from the text after the title
    assert [(t["value"], t["unit"], t["measure"]) for t in doc["targets"]] == [(120, "公里", "m1"), (200, "部", "m2")]


def test_a_first_is_lead_note_under_the_table_splits_each_responsible_cell():
    table = ("附件\n任务分工表\n序号\n工作任务\n责任单位\n完成时限\n"
             "1\n改造小区供水管网\n市水务局、市财政局、各区人民政府\n2025年底前\n"
             "2\n加装电梯\n市住房城乡建设局、市市场监管局\n持续推进\n"
             "注：责任单位中排在第一位的为牵头单位，其余为配合单位。\n")
    doc = extract(BODY + table)
    got = [(m["title"], m["lead_units"], m["co_units"]) for m in doc["measures"]]
    assert got[:2] == [("改造小区供水管网", ["市水务局"], ["市财政局", "各区人民政府"]),
                       ("加装电梯", ["市住房城乡建设局"], ["市市场监管局"])]
    # without the note every responsible unit leads
    doc = extract(BODY + table.rsplit("注：", 1)[0])
    assert doc["measures"][0]["lead_units"] == ["市水务局", "市财政局", "各区人民政府"]


BODY_TABLE = """青禾市新能源汽车推广行动方案
一、工作目标
到2025年底，全市新能源汽车保有量达到5万辆。
二、重点任务
各牵头单位要按照下表明确的任务分工，细化工作举措。
序号
任务名称
工作内容
牵头单位
配合单位
时间节点
1
开展汽车消费促进活动
组织新能源汽车下乡和城市车展，
全年举办促销活动不少于12场。
市商务局
市工业和信息化局、各区人民政府
2025年12月底前
2
加快充电设施建设
在商业综合体、交通枢纽布局建设公共充电设施。
市发展改革委
市住房城乡建设局、
市供电公司
2025年11月底前
3
优化报装服务
压减充电设施报装时间。
市供电公司
/
2025年6月底前
三、保障措施
（一）加强组织领导。建立工作推进机制。
（二）加强宣传引导。营造良好消费氛围。
"""


def test_a_task_table_in_the_body_gives_the_tasks_and_its_wrapped_cells_are_joined():
    doc = extract(BODY_TABLE)
    got = [(m["path"], m["title"], m["text"][:10], m["lead_units"], m["co_units"]) for m in doc["measures"]]
    assert got == [
        (["二", "1"], "开展汽车消费促进活动", "组织新能源汽车下乡和", ["市商务局"], ["市工业和信息化局", "各区人民政府"]),
        (["二", "2"], "加快充电设施建设", "在商业综合体、交通枢", ["市发展改革委"], ["市住房城乡建设局", "市供电公司"]),
        (["二", "3"], "优化报装服务", "压减充电设施报装时间", ["市供电公司"], []),
    ]
    assert not [w for w in doc["warnings"] if w["code"] == "annex_row_unmatched"]
