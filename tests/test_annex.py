"""An annex task-assignment table (任务分工表) gives its units and deadlines
to the measures of the body text it repeats."""
from __future__ import annotations

import docx
import pytest

import policykit

BODY = [
    "青山市推进绿色制造工作方案",
    "一、主要目标",
    "到2025年，全市绿色工厂达到30家以上。",
    "二、重点任务",
    "（一）推进工业节能改造。实施重点用能企业节能诊断，推广高效电机和余热利用。",
    "（二）建设绿色工业园区。推动园区循环化改造，完善污水集中处理设施。",
    "（三）发展绿色金融。鼓励银行机构开发绿色信贷产品。",
    "附件：重点任务分工表",
]
TABLE = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "推进工业节能改造", "市工业和信息化局", "市发展改革委、市统计局", "2024年底前"],
    ["2", "建设绿色工业园区", "市商务局", "市生态环境局", "2025年6月底前"],
    ["3", "发展绿色金融", "市金融办", "人民银行青山市中心支行", "2025年底"],
]


@pytest.fixture
def annexed_path(tmp_path):
    document = docx.Document()
    for line in BODY:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "方案.docx"
    document.save(path)
    return path


@pytest.fixture
def annexed(annexed_path):
    return policykit.extract_file(annexed_path).to_dict()


def test_each_body_item_becomes_a_measure_once(annexed):
    assert [m["title"] for m in annexed["measures"]] == ["推进工业节能改造", "建设绿色工业园区", "发展绿色金融"]


def test_the_table_gives_lead_and_co_units(annexed):
    first = annexed["measures"][0]
    assert first["lead_units"] == ["市工业和信息化局"]
    assert first["co_units"] == ["市发展改革委", "市统计局"]


def test_the_table_gives_the_deadline_with_a_span_into_the_source(annexed):
    second = annexed["measures"][1]
    assert second["deadline"]["text"] == "2025年6月底前"
    assert second["deadline"]["date"] == "2025-06-30"


def test_the_deadline_span_points_at_the_table_cell(annexed_path):
    from policykit.pipeline import source_text

    deadline = policykit.extract_file(annexed_path).to_dict()["measures"][1]["deadline"]
    start, end = deadline["span"]
    assert source_text(annexed_path)[start:end] == "2025年6月底前"


def test_a_table_cell_deadline_needs_no_before_word(annexed):
    third = annexed["measures"][2]["deadline"]
    assert (third["text"], third["date"]) == ("2025年底", "2025-12-31")


def test_the_units_index_lists_the_table_units(annexed):
    names = {u["name"] for u in annexed["units"]}
    assert {"市工业和信息化局", "市商务局", "市金融办", "市生态环境局"} <= names


def test_table_cells_are_not_read_as_outline_headings(annexed):
    assert len(annexed["outline"]) == 2
