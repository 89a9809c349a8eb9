"""Word task-assignment sheets (policykit.assign), read back as an office reads them.

A department opens exactly its tasks, in two blocks (those it leads, those it
supports), each row with its 序号 of the summary sheet; the title is the
plan's own name; the columns use the document's own role words; 完成时限 is
filled wherever the document (or the office) states one; and the page is an
official one (GB/T 9704): A4 landscape, one face name per font, a header row
on every page, rows kept whole, page numbers at the outside corners.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import policykit
from policykit.data import read_toml
from policykit.nlp import words
from policykit.writers.gbt9704 import TemplateError
from policykit.writers.layout import text_width
from policykit.writers.taskfiles import OutputExists, UnknownUnit
from policykit.writers.tasks import TaskList
from sheetdocs import SOURCE_PATH, document, read_sheet

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "xinzhou-ip-2015.txt"
SHARED_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
STYLE = read_toml("sheet_style.toml")


def sheet_of(folder: Path, unit: str) -> Path:
    return folder / f"任务分工表-{unit}.docx"


def departments(doc) -> list:
    return [u for u in doc.units if not u.placeholder]


def busiest(doc):
    return max(departments(doc), key=lambda u: len(set(u.lead) | set(u.co)))


@pytest.fixture(scope="module")
def seed():
    return policykit.extract_file(SEED)


@pytest.fixture(scope="module")
def seed_sheets(seed, tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed-sheets")
    return folder, policykit.assign(seed, folder)


@pytest.fixture(scope="module")
def science(seed, seed_sheets):
    """The sheet of the department with the most tasks."""
    return read_sheet(sheet_of(seed_sheets[0], busiest(seed).name))


def assert_rows_equal_the_json(doc, folder: Path) -> None:
    """The summary has a row per measure, in order, 序号 1…N; each department's
    sheet its led, then its supported measures, each with the summary's 序号."""
    summary = read_sheet(folder / "任务分工总表.docx")
    seq = {m.id: str(n) for n, m in enumerate(doc.measures, start=1)}
    assert summary.column("序号") == [seq[m.id] for m in doc.measures]
    assert summary.column("具体措施") == [m.text for m in doc.measures]
    for unit in departments(doc):
        sheet = read_sheet(sheet_of(folder, unit.name))
        lead = [m for m in doc.measures if m.id in unit.lead]
        co = [m for m in doc.measures if m.id in unit.co and m.id not in unit.lead]
        assert sheet.column("序号") == [seq[m.id] for m in lead + co]
        assert sheet.column("具体措施") == [m.text for m in lead + co]
        assert len(sheet.sections) == bool(lead) + bool(co)


# -- which files, which rows -----------------------------------------------------------


def test_every_department_gets_one_sheet_and_the_summary_comes_after_them(seed, seed_sheets):
    folder, written = seed_sheets
    assert written == [sheet_of(folder, u.name) for u in departments(seed)] + [folder / "任务分工总表.docx"]
    assert sorted(os.listdir(folder)) == sorted(p.name for p in written)


def test_the_rows_of_every_sheet_equal_the_json(seed, seed_sheets):
    assert_rows_equal_the_json(seed, seed_sheets[0])


def test_unit_cells_hold_the_names_as_written(seed, seed_sheets):
    summary = read_sheet(seed_sheets[0] / "任务分工总表.docx")
    assert summary.column("牵头单位") == ["、".join(m.lead_units) for m in seed.measures]


LED_AND_SUPPORTED = [
    {"id": "m1", "title": "建设示范基地", "text": "建设10个示范基地。", "lead_units": ["市农业农村局"],
     "co_units": ["市财政局"]},
    {"id": "m2", "title": "培育龙头企业", "text": "培育一批龙头企业。", "lead_units": ["市农业农村局", "市发改委"]},
    {"id": "m3", "title": "落实资金", "text": "落实专项资金。", "lead_units": ["市财政局"], "co_units": ["市农业农村局"]},
]


def test_a_department_sheet_has_a_block_of_led_and_a_block_of_supported_tasks(tmp_path):
    written = policykit.assign(document(LED_AND_SUPPORTED), tmp_path)
    sheet = read_sheet(sheet_of(tmp_path, "市财政局"))
    assert sheet.items == [
        ("section", "一、牵头任务（1项）"), ("row", ["3", "落实资金", "落实专项资金。", "市财政局", "市农业农村局", ""]),
        ("section", "二、配合任务（1项）"), ("row", ["1", "建设示范基地", "建设10个示范基地。", "市农业农村局", "市财政局", ""]),
    ]
    assert "共2项任务（牵头1项，配合1项）" in sheet.above
    assert written[-1].name == "任务分工总表.docx"


def test_a_department_that_only_leads_has_one_block(tmp_path):
    policykit.assign(document(LED_AND_SUPPORTED), tmp_path)
    sheet = read_sheet(sheet_of(tmp_path, "市发改委"))
    assert sheet.sections == ["一、牵头任务（1项）"]
    assert sheet.column("序号") == ["2"]
    assert "共1项任务" in sheet.above


def test_the_departments_own_name_is_bold_in_the_unit_cells(tmp_path):
    policykit.assign(document(LED_AND_SUPPORTED), tmp_path)
    sheet = read_sheet(sheet_of(tmp_path, "市农业农村局"))
    bold = []
    for tr in sheet.task_rows():
        for run in tr.iter(qn("w:r")):
            if run.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None:
                bold.append("".join(t.text for t in run.iter(qn("w:t"))))
    assert bold == ["市农业农村局", "市农业农村局", "市农业农村局"]


def test_a_name_written_two_ways_is_bold_in_both_forms(tmp_path):
    doc = document([{"id": "m1", "title": "甲", "text": "推进甲。", "lead_units": ["市林业局", "生态环境局"]},
                    {"id": "m2", "title": "乙", "text": "推进乙。", "lead_units": ["市生态环境局"]}],
                   issuer="青山市人民政府办公室")
    policykit.assign(doc, tmp_path)
    sheet = read_sheet(sheet_of(tmp_path, "市生态环境局"))
    bold = ["".join(t.text for t in run.iter(qn("w:t"))) for tr in sheet.task_rows() for run in tr.iter(qn("w:r"))
            if run.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None]
    assert bold == ["生态环境局", "市生态环境局"]


def test_no_target_or_citation_lines_are_appended_to_the_text(seed, seed_sheets):
    measure = next(m for m in seed.measures if m.targets and m.citations)
    summary = read_sheet(seed_sheets[0] / "任务分工总表.docx")
    row = next(r for r in summary.rows if r[0] == str(seed.measures.index(measure) + 1))
    assert row[summary.header.index("具体措施")] == measure.text
    assert "目标：" not in summary.all_text() and "依据：" not in summary.all_text()


def test_the_summary_lists_tasks_under_their_section_headings_with_counts(seed, seed_sheets):
    summary = read_sheet(seed_sheets[0] / "任务分工总表.docx")
    assert summary.sections[:2] == ["二、工作重点（16项）", "（一）促进知识产权创造运用，支撑我市经济转型发展（7项）"]
    assert any(s.startswith("三、保障措施（") for s in summary.sections)
    assert f"共{len(seed.measures)}项任务" in summary.above


def test_an_untitled_task_shows_the_heading_it_stands_under_on_a_department_sheet(tmp_path):
    outline = [{"id": "s1", "level": 1, "marker": "一、", "title": "重点任务", "span": [0, 1], "children": [
        {"id": "s1.1", "level": 2, "marker": "（一）", "title": "强化知识产权保护", "span": [0, 1], "children": []}]}]
    doc = document([{"id": "m1", "section": "s1.1", "path": ["一", "一"], "text": "开展专项整治。",
                     "lead_units": ["市市场监管局"]}], outline=outline)
    policykit.assign(doc, tmp_path)
    assert read_sheet(sheet_of(tmp_path, "市市场监管局")).column("重点任务") == ["强化知识产权保护"]
    summary = read_sheet(tmp_path / "任务分工总表.docx")
    assert summary.column("重点任务") == ["强化知识产权保护"]
    assert summary.sections == ["一、重点任务（1项）"]


def test_a_task_under_a_titled_heading_shows_it_only_as_a_section_row_of_the_summary(tmp_path):
    outline = [{"id": "s1", "level": 1, "marker": "一、", "title": "重点任务", "span": [0, 1], "children": [
        {"id": "s1.1", "level": 2, "marker": "1.", "title": None, "span": [0, 1], "children": []}]}]
    doc = document([{"id": "m1", "section": "s1.1", "path": ["一", "1"], "text": "开展专项整治。",
                     "lead_units": ["市市场监管局"]}], outline=outline)
    policykit.assign(doc, tmp_path)
    assert read_sheet(sheet_of(tmp_path, "市市场监管局")).column("重点任务") == ["重点任务"]
    assert "重点任务" not in read_sheet(tmp_path / "任务分工总表.docx").header


def test_only_the_departments_asked_for_are_written(tmp_path):
    doc = document([{"id": "m1", "title": "推进专利转化", "text": "每年组织实施一批专利转化项目。", "lead_units": ["市科技局"]},
                    {"id": "m2", "title": "落实资金", "text": "落实专项资金。", "lead_units": ["市财政局"]}],
                   [{"name": "市科学技术局", "lead": ["m1"], "co": []}, {"name": "市财政局", "lead": ["m2"], "co": []}])
    written = policykit.assign(doc, tmp_path, depts=["市科技局"])  # as the text writes it
    assert [p.name for p in written] == ["任务分工表-市科学技术局.docx", "任务分工总表.docx"]


def test_a_department_the_document_does_not_name_is_an_error(seed, tmp_path):
    with pytest.raises(UnknownUnit, match="市不存在局"):
        policykit.assign(seed, tmp_path, depts=["市不存在局"])
    assert os.listdir(tmp_path) == []


def test_policykit_json_is_read_like_the_document(seed, tmp_path):
    from policykit.writers.jsonout import write_json_atomic

    source = write_json_atomic(tmp_path / "seed.json", seed.to_dict())
    written = policykit.assign(source, tmp_path / "sheets")
    assert len(written) == len(departments(seed)) + 1
    assert_rows_equal_the_json(seed, tmp_path / "sheets")


def test_json_that_is_not_policykit_is_a_read_error(tmp_path):
    source = tmp_path / "other.json"
    source.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(policykit.errors.ReadError, match="policykit/1"):
        policykit.assign(source, tmp_path / "sheets")


# -- the document's own name and words ------------------------------------------------


def title_of(sheet) -> str:
    return next(p for p in sheet.above if p.endswith("分工表"))


@pytest.mark.parametrize("title, plan, expected", [
    ("国务院办公厅关于印发《政府网站集约化试点工作方案》的通知", "政府网站集约化试点工作方案", "《政府网站集约化试点工作方案》重点任务分工表"),
    ("关于加快推进数字乡村建设的实施意见", None, "《关于加快推进数字乡村建设的实施意见》重点任务分工表"),
    ("关于贯彻落实《数据安全法》的实施意见", None, "《关于贯彻落实〈数据安全法〉的实施意见》重点任务分工表"),
])
def test_the_title_names_the_plan_else_the_document(title, plan, expected, tmp_path):
    doc = document(LED_AND_SUPPORTED, title=title, plan_title=plan)
    assert title_of(read_sheet(policykit.assign(doc, tmp_path)[0])) == expected


NOTICE = """\
青山市人民政府办公室关于印发青山市数字乡村建设行动方案的通知
青政办发〔2025〕7号
各县（区）人民政府，市直各单位：
现将《青山市数字乡村建设行动方案》印发给你们，请认真贯彻执行。
青山市人民政府办公室
2025年2月18日
青山市数字乡村建设行动方案
一、重点任务
1.加快农村宽带建设。推进5G网络向乡镇延伸。（牵头单位：市工业和信息化局；配合单位：市财政局）
2.推进农业生产智能化。建设智慧农业示范基地。（牵头单位：市农业农村局；配合单位：市财政局）
"""


def test_the_title_is_the_plan_a_notice_wraps(tmp_path):
    doc = policykit.extract_text(NOTICE, "通知.txt")
    for path in policykit.assign(doc, tmp_path):
        sheet = read_sheet(path)
        assert title_of(sheet) == "《青山市数字乡村建设行动方案》重点任务分工表"
        assert "（青政办发〔2025〕7号）" in sheet.above


@pytest.mark.parametrize("closing", [
    "本通知自印发之日起实施，有效期至2027年12月31日。",
    "本方案自2025年3月1日起施行。",
    "本实施意见从发布之日起执行。",
])
def test_the_last_task_does_not_carry_the_closing_lines_of_the_notice(closing, tmp_path):
    text = NOTICE.replace("青山市数字乡村建设行动方案\n一、", "一、") + closing + "\n附件：青山市数字乡村建设工作专班名单\n"
    doc = policykit.extract_text(text, "通知.txt")
    assert doc.measures[-1].text == "建设智慧农业示范基地。"
    policykit.assign(doc, tmp_path)
    assert closing not in read_sheet(tmp_path / "任务分工总表.docx").all_text()


def test_a_plan_after_the_closing_line_of_its_notice_is_still_read():
    text = ("青山市人民政府办公室关于印发青山市数字乡村建设行动方案的通知\n各县（区）人民政府：\n"
            "现将《青山市数字乡村建设行动方案》印发给你们，请认真贯彻执行。\n本通知自印发之日起施行。\n"
            "青山市数字乡村建设行动方案\n一、重点任务\n1.加快农村宽带建设。推进5G网络向乡镇延伸。（牵头单位：市工业和信息化局）\n")
    assert [m.lead_units for m in policykit.extract_text(text).measures] == [["市工业和信息化局"]]


def test_a_document_without_a_title_is_named_by_its_issuer_and_date(seed, seed_sheets):
    assert seed.document.title is None
    sheet = read_sheet(seed_sheets[1][0])
    assert title_of(sheet) == "忻州市人民政府办公厅2015年7月30日印发文件重点任务分工表"


def test_a_document_without_a_title_dated_only_to_the_month_is_named_so(tmp_path):
    doc = document(LED_AND_SUPPORTED, title=None, date="2025-02")
    assert title_of(read_sheet(policykit.assign(doc, tmp_path)[0])) == "青山市人民政府办公室2025年2月印发文件重点任务分工表"


def test_the_department_and_the_document_number_stand_beneath_the_title(tmp_path):
    sheet = read_sheet(policykit.assign(document(LED_AND_SUPPORTED), tmp_path)[0])
    assert sheet.above[:4] == ["《关于加快推进数字乡村建设的实施意见》重点任务分工表", "（青政办发〔2025〕7号）", "市农业农村局",
                               "共3项任务（牵头2项，配合1项）"]


def test_options_set_the_title_the_attachment_and_the_document_number(tmp_path):
    written = policykit.assign(document(LED_AND_SUPPORTED), tmp_path, title="《青山市数字乡村三年行动方案》",
                               attachment=2, doc_number="青政办〔2025〕9号")
    for path in written:
        above = read_sheet(path).above
        assert above[:3] == ["附件2", "《青山市数字乡村三年行动方案》重点任务分工表", "（青政办〔2025〕9号）"]


def test_no_sheet_prints_a_file_path(tmp_path):
    doc = document(LED_AND_SUPPORTED, title=None, issuer=None, date=None, doc_number=None)
    for path in policykit.assign(doc, tmp_path):
        text = read_sheet(path).all_text()
        assert SOURCE_PATH not in text and "实施意见.txt" not in text and "/home" not in text
        assert "重点任务分工表" in text


@pytest.mark.parametrize("roles, headers, note", [
    ({"lead": ["牵头单位"], "co": ["配合单位"]}, ["牵头单位", "配合单位"], None),
    ({"lead": ["牵头单位"], "co": ["责任单位"]}, ["牵头单位", "责任单位"], None),
    ({"lead": ["主责单位"], "co": ["协办单位"]}, ["主责单位", "协办单位"], None),
    ({"lead": [], "co": []}, ["牵头单位", "配合单位"], None),
    ({"lead": ["责任单位"], "co": [], "first_is_lead": True, "note": "列第一位者为牵头单位"}, ["责任单位"],
     "注：列第一位者为牵头单位。"),
])
def test_columns_are_titled_with_the_documents_role_words(roles, headers, note, tmp_path):
    doc = document(LED_AND_SUPPORTED, roles={"first_is_lead": False, "note": None, **roles})
    written = policykit.assign(doc, tmp_path)
    summary = read_sheet(written[-1])
    assert [h for h in summary.header if h.endswith(("单位", "部门"))] == headers
    for path in written:
        assert read_sheet(path).below == ([note] if note else [])


def test_one_responsibility_column_lists_the_lead_first(tmp_path):
    roles = {"lead": ["责任单位"], "co": [], "first_is_lead": True, "note": "排在第一位的为牵头单位"}
    policykit.assign(document(LED_AND_SUPPORTED, roles=roles), tmp_path)
    summary = read_sheet(tmp_path / "任务分工总表.docx")
    assert summary.column("责任单位") == ["市农业农村局、市财政局", "市农业农村局、市发改委", "市财政局、市农业农村局"]
    assert summary.below == ["注：排在第一位的为牵头单位。"]


def test_a_document_that_names_only_responsible_units_gets_one_column(tmp_path):
    measures = [{"id": "m1", "title": "推进甲", "text": "推进甲。", "lead_units": ["市发改委", "市财政局"]},
                {"id": "m2", "title": "推进乙", "text": "推进乙。", "lead_units": ["市财政局"]}]
    doc = document(measures, roles={"lead": ["责任单位"], "co": [], "first_is_lead": False, "note": None})
    policykit.assign(doc, tmp_path)
    for path in (tmp_path / "任务分工总表.docx", sheet_of(tmp_path, "市财政局")):
        assert read_sheet(path).header == ["序号", "重点任务", "具体措施", "责任单位", "完成时限"]
    assert read_sheet(sheet_of(tmp_path, "市财政局")).sections == ["一、承担任务（2项）"]


def test_role_words_come_from_the_documents_notes():
    text = ("一、重点任务\n1.推进甲。加快建设。（责任单位：市发改委、市财政局，列第一位者为牵头单位）\n"
            "2.推进乙。加快建设。（责任单位：市财政局）\n")
    doc = policykit.extract_text(text)
    assert doc.roles.to_dict() == {"lead": ["责任单位"], "co": [], "first_is_lead": True, "note": "列第一位者为牵头单位"}


# -- 完成时限 -------------------------------------------------------------------------


def deadline_of(text: str, scope: str = "measure") -> dict:
    return {"text": text, "date": None, "kind": "other", "span": [0, 1], "scope": scope}


def test_deadlines_come_from_the_task_its_heading_the_document_or_the_office(tmp_path):
    measures = [
        {"id": "m1", "title": "甲", "text": "推进甲。", "lead_units": ["市财政局"], "deadline": deadline_of("2025年6月底前")},
        {"id": "m2", "title": "乙", "text": "推进乙。", "lead_units": ["市财政局"],
         "deadline": deadline_of("2025年底前", "section")},
        {"id": "m3", "title": "丙", "text": "推进丙。", "lead_units": ["市财政局"],
         "deadline": deadline_of("长期坚持", "document")},
        {"id": "m4", "title": "丁", "text": "推进丁。", "lead_units": ["市财政局"]},
    ]
    tasks = TaskList(document(measures), deadline="2026年12月底前")
    assert [(t.deadline, t.deadline_from) for t in tasks.tasks] == [
        ("2025年6月底前", "task"), ("2025年底前", "heading"), ("长期坚持", "document"), ("2026年12月底前", "option")]
    policykit.assign(document(measures), tmp_path / "a")
    assert read_sheet(tmp_path / "a" / "任务分工总表.docx").column("完成时限") == \
        ["2025年6月底前", "2025年底前", "长期坚持", ""]
    policykit.assign(document(measures), tmp_path / "b", deadline="2026年12月底前")
    assert read_sheet(tmp_path / "b" / "任务分工总表.docx").column("完成时限") == \
        ["2025年6月底前", "2025年底前", "长期坚持", "2026年12月底前"]


def test_a_deadline_stated_for_a_heading_fills_its_tasks(tmp_path):
    text = ("一、近期任务（2025年底前完成）\n1.推进甲。加快建设甲。（牵头单位：市财政局）\n"
            "2.推进乙。加快建设乙，2025年6月底前完成。（牵头单位：市财政局）\n二、长期任务\n1.推进丙。加快建设丙。（牵头单位：市财政局）\n")
    policykit.assign(policykit.extract_text(text), tmp_path)
    assert read_sheet(tmp_path / "任务分工总表.docx").column("完成时限") == ["2025年底前", "2025年6月底前", ""]


def test_the_deadline_column_stays_when_no_task_has_one(tmp_path):
    policykit.assign(document(LED_AND_SUPPORTED), tmp_path)
    assert read_sheet(tmp_path / "任务分工总表.docx").header[-1] == "完成时限"


def column_widths(sheet) -> dict[str, float]:
    """Header → width of the column in characters of the table text."""
    size = STYLE["sizes"][STYLE["table"]["size"]]
    grid = sheet.table()._tbl.tblGrid.gridCol_lst
    return {label: col.w.pt / size for label, col in zip(sheet.header, grid)}


def test_a_date_fits_its_column_on_one_line(tmp_path):
    measures = [{**m, "deadline": deadline_of("2025年12月31日前")} for m in LED_AND_SUPPORTED]
    policykit.assign(document(measures), tmp_path)
    sheet = read_sheet(tmp_path / "任务分工总表.docx")
    padding = 2 * STYLE["table"]["cell_margin_mm"] / (STYLE["sizes"][STYLE["table"]["size"]] * 25.4 / 72)
    assert column_widths(sheet)["完成时限"] - padding >= text_width("2025年12月31日前")


def test_columns_empty_for_the_whole_sheet_are_left_out(tmp_path):
    measures = [{"id": "m1", "text": "推进甲。", "lead_units": ["市财政局"]},
                {"id": "m2", "text": "推进乙。", "lead_units": ["市财政局"]}]
    policykit.assign(document(measures), tmp_path)
    assert read_sheet(tmp_path / "任务分工总表.docx").header == ["序号", "具体措施", "牵头单位", "完成时限"]


# -- layout --------------------------------------------------------------------------


LONG_LIST = [{"id": f"m{n}", "title": "推进重点工作", "text": "加快推进重点领域改革，完善体制机制。" * 6,
              "lead_units": ["人民银行深圳市中心支行"],
              "co_units": ["省发展改革委", "省地方金融监管局", "广东银保监局", "长三角生态绿色一体化发展示范区执委会",
                           "深圳证监局"]} for n in range(1, 4)]


def test_unit_names_break_between_names_never_inside_one(tmp_path):
    policykit.assign(document(LONG_LIST), tmp_path)
    table = read_sheet(tmp_path / "任务分工总表.docx").table()
    names = set(LONG_LIST[0]["co_units"]) | set(LONG_LIST[0]["lead_units"])
    for row in table.rows[1:]:
        for cell in row.cells[3:5]:
            lines = [p.text.rstrip("、") for p in cell.paragraphs]
            for line in lines:
                pieces = line.split("、")
                # a whole name, or a name too long for the column cut between its words
                assert all(p in names or any(p in n and _at_word_boundaries(n, p) for n in names) for p in pieces)


def test_a_unit_column_is_widened_rather_than_break_a_name_many_times(tmp_path):
    measures = [{"id": f"m{n}", "title": "推进重点工作", "text": "加快推进重点领域改革。", "lead_units": ["市林业局"],
                 "co_units": ["各县（市、区）人民政府"]} for n in range(1, 6)]
    policykit.assign(document(measures), tmp_path)
    table = read_sheet(tmp_path / "任务分工总表.docx").table()
    assert {tuple(p.text for p in row.cells[4].paragraphs) for row in table.rows[1:]} == {("各县（市、区）人民政府",)}


def _at_word_boundaries(name: str, piece: str) -> bool:
    cuts, pos = {0}, 0
    for word in words(name):
        pos += len(word)
        cuts.add(pos)
    start = name.index(piece)
    return start in cuts and start + len(piece) in cuts


def test_the_measure_column_takes_the_width_the_short_columns_do_not_need(tmp_path):
    policykit.assign(document(LONG_LIST), tmp_path)
    widths = column_widths(read_sheet(tmp_path / "任务分工总表.docx"))
    assert widths["具体措施"] == max(widths.values())
    assert widths["具体措施"] >= STYLE["columns"]["measure_min_share"] * sum(widths.values())
    assert widths["序号"] < 3.5


def test_a_long_title_breaks_between_words_into_balanced_lines(tmp_path):
    name = "青山市关于全面加快推进数字乡村建设助力乡村全面振兴和农业农村现代化的三年行动实施方案"
    sheet = Document(policykit.assign(document(LED_AND_SUPPORTED, title=name), tmp_path)[0])
    title = sheet.paragraphs[0]
    lines = ["".join(t.text for t in run.iter(qn("w:t"))) for run in title._p.iter(qn("w:r"))]
    breaks = [n for n, run in enumerate(title._p.iter(qn("w:r"))) if run.find(qn("w:br")) is not None]
    text = "".join(lines)
    assert text == f"《{name}》重点任务分工表" and breaks
    cuts, pos = set(), 0
    for word in words(text):
        pos += len(word)
        cuts.add(pos)
    pieces = [line for line in "".join(line if line else "\n" for line in lines).split("\n")]
    assert len(pieces) >= 2
    assert all(len(p) >= 0.6 * max(len(q) for q in pieces) for p in pieces)   # balanced
    ends = [sum(len(p) for p in pieces[:n + 1]) for n in range(len(pieces) - 1)]
    assert all(end in cuts for end in ends)


# -- the GB/T 9704 format --------------------------------------------------------------


def test_the_page_is_a4_landscape_with_the_configured_margins(science):
    section = science.doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    margins = STYLE["page"]["margins_mm"]
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [margins[k] for k in ("top", "bottom", "left", "right")]


def east_asian_font(element) -> str | None:
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_every_run_has_an_east_asian_font_and_each_face_has_one_name(science):
    runs = list(science.doc.element.body.iter(qn("w:r")))
    for section in science.doc.sections:
        runs += list(section.footer._element.iter(qn("w:r"))) + list(section.even_page_footer._element.iter(qn("w:r")))
    faces = {east_asian_font(run) for run in runs}
    faces |= {east_asian_font(style.element) for style in science.doc.styles if style.type == 1}
    assert None not in {east_asian_font(run) for run in runs}
    faces.discard(None)
    assert "仿宋" not in faces and "楷体" not in faces     # 仿宋_GB2312 and 楷体_GB2312 throughout
    assert faces <= {"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"}


def test_table_text_is_the_configured_size(science):
    size = STYLE["sizes"][STYLE["table"]["size"]]
    styles = science.doc.styles
    assert {name: styles[name].font.size.pt for name in ("Table Text", "Table Heading", "Table Section")} == \
        dict.fromkeys(("Table Text", "Table Heading", "Table Section"), size)
    assert (east_asian_font(styles["Title"].element), styles["Title"].font.size.pt) == ("方正小标宋简体", 22)


def test_the_header_row_repeats_on_every_page(science):
    rows = science.table().rows
    assert rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])


def test_rows_are_kept_whole_across_pages(science):
    rows = science.task_rows()
    assert rows and all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows)


def test_page_numbers_stand_at_the_outside_corners(science):
    section = science.doc.sections[0]
    settings = science.doc.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    one_char = Pt(STYLE["sizes"]["四号"])
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, odd.paragraph_format.right_indent) == (2, one_char)    # right, 空一字
    assert (even.alignment, even.paragraph_format.left_indent) == (0, one_char)   # left, 空一字
    for footer in (odd, even):
        assert [t.text.strip() for t in footer._p.iter(qn("w:instrText"))] == ["PAGE"]
        assert footer.text == "— 1 —"


def test_the_table_fills_the_width_between_the_margins(science):
    section = science.doc.sections[0]
    width = sum(col.w for col in science.table()._tbl.tblGrid.gridCol_lst)
    assert abs(width - (section.page_width - section.left_margin - section.right_margin)) < Mm(1)


# -- files on disk -----------------------------------------------------------------------


def test_existing_sheets_are_not_overwritten_without_force(seed, seed_sheets):
    folder, written = seed_sheets
    before = {p: p.read_bytes() for p in written}
    with pytest.raises(OutputExists):
        policykit.assign(seed, folder)
    assert {p: p.read_bytes() for p in written} == before


def test_force_replaces_the_sheets_and_leaves_no_temporary_files(seed, tmp_path):
    first = policykit.assign(seed, tmp_path)
    again = policykit.assign(seed, tmp_path, force=True)
    assert again == first
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in first)


def test_hostile_unit_names_give_valid_distinct_files(tmp_path):
    names = ["市/科\\技:局", "市*科?技\"局", "<市>|科技局", "CON", "NUL", "..", "局" * 200, "市科技局\x01"]
    doc = document([{"id": "m1", "title": "一项任务", "text": "推进。", "lead_units": names}],
                   [{"name": n, "lead": ["m1"], "co": []} for n in names])
    written = policykit.assign(doc, tmp_path)
    assert len({p.name for p in written}) == len(names) + 1
    for path in written:
        assert path.parent == tmp_path and path.is_file()
        assert len(path.name.encode("utf-8")) <= 200
        assert not re.search(r'[\\/:*?"<>|\x00-\x1f]', path.name)
    assert "CON" in read_sheet(written[3]).above


def test_characters_xml_forbids_are_dropped_from_cells(tmp_path):
    doc = document([{"id": "m1", "title": "清理\x0c文本", "text": "推进\x00网络\x1b建设。\ufffe", "lead_units": ["市工信局"]}],
                   [{"name": "市工信局", "lead": ["m1"], "co": []}])
    row = read_sheet(policykit.assign(doc, tmp_path)[0]).rows[0]
    assert row[1:3] == ["清理文本", "推进网络建设。"]


# -- templates -----------------------------------------------------------------------------


@pytest.fixture
def letterhead(tmp_path) -> Path:
    """An office template: portrait A4, 楷体 titles, a letterhead in the header, some sample text."""
    template = Document()
    section = template.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.header.paragraphs[0].text = "青山市人民政府办公室"
    title = template.styles["Title"]
    title.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    title.font.size = Pt(26)
    template.add_paragraph("模板里的示例文字", style="Normal")
    path = tmp_path / "我们的模板.docx"
    template.save(path)
    return path


def test_a_template_gives_its_styles_page_and_header(seed, tmp_path, letterhead):
    written = policykit.assign(seed, tmp_path / "sheets", template=letterhead)
    sheet = Document(written[0])
    section = sheet.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == "青山市人民政府办公室"
    assert sheet.paragraphs[0].style.name == "Title"
    assert east_asian_font(sheet.styles["Title"].element) == "楷体"
    assert sheet.styles["Title"].font.size.pt == 26
    assert "模板里的示例文字" not in [p.text for p in sheet.paragraphs]
    assert east_asian_font(sheet.styles["Table Text"].element) == "仿宋_GB2312"  # missing there, added
    assert_rows_equal_the_json(seed, tmp_path / "sheets")


def test_a_template_that_is_not_a_word_file_is_an_error(seed, tmp_path):
    fake = tmp_path / "模板.docx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError):
        policykit.assign(seed, tmp_path / "sheets", template=fake)
    assert not (tmp_path / "sheets").exists()


# -- the shared corpus -----------------------------------------------------------------


def corpus_documents() -> list:
    if not SHARED_DOCS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no shared corpus at {SHARED_DOCS}"))]
    return sorted(SHARED_DOCS.glob("*.txt"))


@pytest.mark.parametrize("path", corpus_documents(), ids=lambda p: p.stem if p else "absent")
def test_every_corpus_document_gets_a_sheet_per_department_and_a_summary(path, tmp_path):
    doc = policykit.extract_file(path)
    written = policykit.assign(doc, tmp_path)
    assert len(written) == len(departments(doc)) + 1
    assert_rows_equal_the_json(doc, tmp_path)


# -- LibreOffice ------------------------------------------------------------------------

#: Pages the seed's sheets may take when LibreOffice renders them: at least
#: 3 tasks a page (the sheets before this layout took 10 and 9 pages).
TASKS_PER_PAGE = 3


def rendered_pages(sheet: Path, folder: Path) -> int:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(sheet)],
                   check=True, capture_output=True, timeout=180)
    pdf = (folder / sheet.with_suffix(".pdf").name).read_bytes()
    boxes = {tuple(round(float(v)) for v in box.split()) for box in
             re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+?)\s*\]", pdf)}
    assert boxes == {(0, 0, 842, 595)}   # A4 landscape
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_the_seed_within_the_page_budget(seed, seed_sheets, tmp_path):
    unit = busiest(seed)
    tasks = len(set(unit.lead) | set(unit.co))
    for sheet, count in ((seed_sheets[0] / "任务分工总表.docx", len(seed.measures)),
                         (sheet_of(seed_sheets[0], unit.name), tasks)):
        pages = rendered_pages(sheet, tmp_path)
        assert 1 <= pages <= -(-count // TASKS_PER_PAGE), f"{sheet.name}: {pages} pages for {count} tasks"
