"""The 督查台账 (任务台账.xlsx), read back with openpyxl."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

import policykit
from policykit.writers.ledger import HEADER_ROW
from sheetdocs import document

SEED = Path(__file__).resolve().parents[1] / "corpus" / "xinzhou-ip-2015.txt"
TRACKING = ["责任领导", "责任人", "联系电话", "进展情况", "存在问题", "下步措施", "完成状态", "实际完成时间", "备注"]


def ledger_of(doc, folder: Path, **options):
    written = policykit.assign(doc, folder, xlsx=True, **options)
    assert written[-1].name == "任务台账.xlsx"
    return load_workbook(written[-1])


def header(sheet, row: int = HEADER_ROW) -> list:
    return [c.value for c in sheet[row]]


def records(sheet, row: int = HEADER_ROW) -> list[dict]:
    names = header(sheet, row)
    return [dict(zip(names, (c.value for c in cells))) for cells in sheet.iter_rows(min_row=row + 1)]


def column_of(sheet, name: str) -> str:
    return sheet.cell(HEADER_ROW, header(sheet).index(name) + 1).column_letter


@pytest.fixture(scope="module")
def seed():
    return policykit.extract_file(SEED)


@pytest.fixture(scope="module")
def seed_ledger(seed, tmp_path_factory):
    return ledger_of(seed, tmp_path_factory.mktemp("ledger"))


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    """A plan with a 文号, both roles, a dated and an undated deadline."""
    doc = document([
        {"id": "m1", "title": "优化企业开办服务", "text": "2025年底前实现企业开办“零成本”。",
         "lead_units": ["市市场监管局"], "co_units": ["市税务局", "市人社局"],
         "deadline": {"text": "2025年底前", "date": "2025-12-31", "kind": "by_date", "span": [0, 1]}},
        {"id": "m2", "title": "推行告知承诺制", "text": "全面推行证明事项告知承诺制。",
         "lead_units": ["市司法局"], "co_units": ["市政府各部门"],
         "deadline": {"text": "长期坚持", "date": None, "kind": "ongoing", "span": [0, 1]}},
        {"id": "m3", "title": "加强组织领导", "text": "建立工作推进机制。"},
    ], title="青山市2025年优化营商环境工作方案",
        roles={"lead": ["牵头单位"], "co": ["配合单位"], "first_is_lead": False, "note": None})
    return ledger_of(doc, tmp_path_factory.mktemp("plan"))


def test_the_title_row_names_the_plan_and_the_subtitle_its_number(plan):
    sheet = plan["任务台账"]
    assert sheet["A1"].value == "《青山市2025年优化营商环境工作方案》重点任务督查台账"
    assert sheet["A2"].value == "（青政办发〔2025〕7号）　　共3项任务"
    last = sheet.cell(HEADER_ROW, sheet.max_column).column_letter
    assert {str(r) for r in sheet.merged_cells.ranges} >= {f"A1:{last}1", f"A2:{last}2"}


def test_options_name_the_ledger_as_they_name_the_sheets(tmp_path):
    doc = document([{"id": "m1", "text": "推进甲。", "lead_units": ["市发改委"]}])
    sheet = ledger_of(doc, tmp_path, title="数字乡村三年行动", doc_number="青政发〔2025〕1号")["任务台账"]
    assert sheet["A1"].value == "《数字乡村三年行动》重点任务督查台账"
    assert sheet["A2"].value.startswith("（青政发〔2025〕1号）")


def test_one_row_per_task_numbered_as_the_summary_sheet(seed, seed_ledger):
    rows = records(seed_ledger["任务台账"])
    assert [r["序号"] for r in rows] == list(range(1, len(seed.measures) + 1))
    assert [r["具体措施"] for r in rows] == [m.text for m in seed.measures]


def test_the_office_columns_are_there_and_empty(plan):
    sheet = plan["任务台账"]
    assert header(sheet) == ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "截止日期",
                             *TRACKING]
    assert all(r[name] is None for r in records(sheet) for name in TRACKING)


def test_units_are_canonical_under_the_documents_role_words(plan):
    rows = records(plan["任务台账"])
    assert [(r["牵头单位"], r["配合单位"]) for r in rows] == [
        ("市市场监管局", "市税务局、市人社局"), ("市司法局", "市政府各部门"), (None, None)]


def test_a_document_that_writes_only_responsible_units_gets_one_column(tmp_path):
    doc = document([{"id": "m1", "text": "推进甲。", "lead_units": ["市发改委"], "co_units": ["市财政局"]}],
                   roles={"lead": ["责任单位"], "co": [], "first_is_lead": True, "note": "列第一位者为牵头单位"})
    sheet = ledger_of(doc, tmp_path)["任务台账"]
    assert "牵头单位" not in header(sheet) and "配合单位" not in header(sheet)
    assert records(sheet)[0]["责任单位"] == "市发改委、市财政局"


def test_a_document_whose_two_roles_share_a_word_gets_two_column_names(tmp_path):
    doc = document([{"id": "m1", "text": "推进甲。", "lead_units": ["市发改委"], "co_units": ["各区政府"]}],
                   roles={"lead": ["责任单位", "牵头单位"], "co": ["责任单位"], "first_is_lead": False, "note": None})
    sheet = ledger_of(doc, tmp_path)["任务台账"]
    assert header(sheet)[3:5] == ["牵头单位", "责任单位"]
    assert (records(sheet)[0]["牵头单位"], records(sheet)[0]["责任单位"]) == ("市发改委", "各区政府")


def test_deadlines_with_a_date_are_dates(plan):
    sheet = plan["任务台账"]
    rows = records(sheet)
    assert [(r["完成时限"], r["截止日期"]) for r in rows] == [
        ("2025年底前", dt.datetime(2025, 12, 31)), ("长期坚持", None), (None, None)]
    assert sheet[f"{column_of(sheet, '截止日期')}{HEADER_ROW + 1}"].is_date


def test_the_status_list_rejects_any_other_word(plan):
    sheet = plan["任务台账"]
    status = column_of(sheet, "完成状态")
    rules = [dv for dv in sheet.data_validations.dataValidation if f"{status}{HEADER_ROW + 1}" in dv.sqref]
    assert len(rules) == 1
    rule = rules[0]
    assert rule.type == "list" and rule.showErrorMessage and rule.errorStyle in (None, "stop")
    assert rule.formula1.strip('"').split(",") == ["未启动", "推进中", "已完成", "滞后", "长期推进"]
    assert f"{status}{HEADER_ROW + 40}" in rule.sqref   # rows an office adds are checked too


def test_rows_turn_green_red_and_yellow_by_status_and_date(plan):
    sheet = plan["任务台账"]
    status, date = column_of(sheet, "完成状态"), column_of(sheet, "截止日期")
    rules = [rule for ranges in sheet.conditional_formatting for rule in ranges.rules]
    formulas = [rule.formula[0] for rule in rules]
    first = HEADER_ROW + 1
    assert formulas[0] == f'${status}{first}="已完成"'
    assert f"${date}{first}<TODAY()" in formulas[1]
    assert f"${date}{first}-TODAY()<=30" in formulas[2]
    fills = [rule.dxf.fill.fgColor.rgb[-6:] for rule in rules]
    assert fills == ["C6EFCE", "FFC7CE", "FFEB9C"]
    assert all(rule.stopIfTrue for rule in rules)


def test_the_sheet_prints_landscape_on_a4_one_page_wide_with_its_header_row(plan):
    sheet = plan["任务台账"]
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert "&P" in sheet.oddFooter.center.text


def test_fonts_are_the_sheets_chinese_faces(plan):
    sheet = plan["任务台账"]
    assert sheet["A1"].font.name == "方正小标宋简体"
    assert sheet.cell(HEADER_ROW, 1).font.name == "黑体"
    faces = {c.font.name for row in sheet.iter_rows(min_row=HEADER_ROW + 1) for c in row}
    assert faces == {"仿宋_GB2312"}
    assert plan._fonts[0].name == "仿宋_GB2312"   # the workbook's default: empty cells too


def test_rows_are_tall_enough_for_their_wrapped_text(seed_ledger):
    sheet = seed_ledger["任务台账"]
    width = sheet.column_dimensions[column_of(sheet, "具体措施")].width
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        text = sheet[f"C{row}"].value
        lines = len(text) / (width * 0.62)   # a Chinese character is about 1.6 units wide
        assert sheet.row_dimensions[row].height >= lines * 10.5 * 1.4
        assert sheet[f"C{row}"].alignment.wrap_text


def test_the_pairs_sheet_has_a_row_per_task_and_department(seed, seed_ledger):
    pairs = {(m, u.name, "牵头") for u in seed.units for m in u.lead} | \
            {(m, u.name, "配合") for u in seed.units for m in u.co if m not in u.lead}
    seq = {m.id: n for n, m in enumerate(seed.measures, start=1)}
    rows = records(seed_ledger["分工明细"], 1)
    assert {(r["序号"], r["单位"], r["牵头/配合"]) for r in rows} == {(seq[m], u, role) for m, u, role in pairs}
    assert rows[0]["完成状态"].startswith("=IFERROR(")   # follows the task sheet


def test_targets_and_citations_stay_in_the_pairs_sheet(seed, seed_ledger):
    measure = next(m for m in seed.measures if m.targets and m.citations)
    target = next(t for t in seed.targets if t.id == measure.targets[0])
    row = next(r for r in records(seed_ledger["分工明细"], 1) if r["序号"] == seed.measures.index(measure) + 1)
    assert target.text in row["目标"].splitlines()
    assert row["依据"].startswith("《")


def test_the_summary_counts_each_department_by_formulas(seed, seed_ledger):
    sheet = seed_ledger["汇总"]
    assert header(sheet, 2)[:4] == ["单位", "牵头任务", "配合任务", "合计"]
    names = [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)]
    assert names == [u.name for u in seed.units if not u.placeholder]
    assert sheet["B4"].value.startswith("=COUNTIFS(")
    assert "逾期未完成" in header(sheet, 2)



@pytest.mark.parametrize("date, cell", [("0001-01-01", None), ("1899-12-31", None),
                                        ("1900-01-01", dt.datetime(1900, 1, 1)),
                                        ("9999-12-31", dt.datetime(9999, 12, 31))])
def test_a_date_excel_cannot_show_is_no_date(tmp_path, date, cell):
    # Excel's dates begin on 1900-01-01: before it a date cell holds a negative serial and shows ####.
    doc = document([{"id": "m1", "title": "清理历史遗留问题", "text": f"{date}前完成清理。", "lead_units": ["市财政局"],
                     "deadline": {"text": f"{date}前", "date": date, "kind": "by_date", "span": [0, 1]}}])
    sheet = ledger_of(doc, tmp_path)["任务台账"]
    [row] = records(sheet)
    assert (row["完成时限"], row["截止日期"]) == (f"{date}前", cell)   # the deadline as written stays


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    doc = document([{"id": "m1", "title": "=HYPERLINK(\"http://x\")", "text": "=1+1", "lead_units": ["市财政局"]}])
    sheet = ledger_of(doc, tmp_path)["任务台账"]
    row = HEADER_ROW + 1
    assert sheet[f"B{row}"].data_type == "s" and sheet[f"C{row}"].data_type == "s"
    assert records(sheet)[0]["具体措施"] == "=1+1"


def test_characters_xml_forbids_are_dropped(tmp_path):
    doc = document([{"id": "m1", "title": "清理\x0c文本", "text": "推进\x00网络\x1b建设。", "lead_units": ["市工信局"]}])
    row = records(ledger_of(doc, tmp_path)["任务台账"])[0]
    assert (row["重点任务"], row["具体措施"]) == ("清理文本", "推进网络建设。")


def test_the_document_is_kept_in_a_hidden_sheet(plan):
    data = plan["policykit"]
    assert data.sheet_state == "veryHidden"
    assert data["A1"].value == "policykit ledger 1"
    assert plan.sheetnames[0] == "任务台账"


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or pdftotext (poppler-utils) is not installed")
def test_libreoffice_prints_every_task_whole_on_a4_landscape(seed, tmp_path):
    """The seed's ledger as LibreOffice prints it: A4 landscape, the title on
    the first page, the header row on every page of the task sheet, the whole
    text of every task (a row cut short would lose its end), few pages."""
    book = policykit.assign(seed, tmp_path, xlsx=True)[-1]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "任务台账.pdf"
    boxes = {tuple(round(float(v)) for v in box.split()) for box in
             re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+?)\s*\]", pdf.read_bytes())}
    assert boxes == {(0, 0, 842, 595)}
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")[:-1]
    task_pages = [p for p in pages if "具体措施" in p]
    assert "重点任务督查台账" in pages[0]
    assert all(re.search(r"序号\s+重点任务\s+具体措施", p) for p in task_pages)
    assert len(task_pages) <= -(-len(seed.measures) // 3), f"{len(task_pages)} pages for {len(seed.measures)} tasks"
    flat = re.sub(r"\s+", "", "".join(task_pages))
    for measure in seed.measures:
        end = re.sub(r"\s+", "", measure.text)[-8:]
        assert end in flat, f"the end of {measure.id} is not printed: {end}"
