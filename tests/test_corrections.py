"""Corrections through Excel: the ledger edited with openpyxl as an office
would, ``policykit assign 任务台账.xlsx`` on it, the Word sheets read back."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from policykit.cli import cli
from policykit.writers.ledger import HEADER_ROW
from sheetdocs import read_sheet

PLAN = """\
青山市2025年优化营商环境工作方案

一、重点任务

1.优化企业开办服务。推行企业开办“一网通办”，实现企业开办“零成本”。（牵头单位：市市场监管局；配合单位：市税务局）

2.推行证明事项告知承诺制。全面推行告知承诺制，2025年6月底前公布事项清单。（牵头单位：市司法局）

3.提升政务服务效能。推进政务服务事项“一窗通办”。（牵头单位：市政务服务局；配合单位：市司法局）
"""
FIRST = HEADER_ROW + 1


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def ledger(tmp_path) -> Path:
    source = tmp_path / "方案.txt"
    source.write_text(PLAN, encoding="utf-8")
    result = run("assign", source, "-o", tmp_path / "first", "--xlsx")
    assert result.exit_code == 0, result.output
    return tmp_path / "first" / "任务台账.xlsx"


def edit(path: Path, changes: dict[tuple[str, int], object], delete_rows: tuple[int, ...] = ()) -> Path:
    """Set cells of the task sheet by (header, task row number from 1), delete rows, save."""
    book = load_workbook(path)
    sheet = book["任务台账"]
    header = [c.value for c in sheet[HEADER_ROW]]
    for (name, task), value in changes.items():
        sheet.cell(FIRST + task - 1, header.index(name) + 1).value = value
    for task in sorted(delete_rows, reverse=True):
        sheet.delete_rows(FIRST + task - 1)
    book.save(path)
    return path


def summary_rows(folder: Path) -> list[dict]:
    sheet = read_sheet(folder / "任务分工总表.docx")
    return [dict(zip(sheet.header, row)) for row in sheet.rows]


def test_a_unit_and_a_deadline_corrected_in_the_ledger_reach_the_word_sheets(ledger, tmp_path):
    edit(ledger, {("牵头单位", 1): "市行政审批局", ("完成时限", 1): "2025年9月底前",
                  ("截止日期", 1): dt.datetime(2025, 9, 30)})
    out = tmp_path / "second"
    result = run("assign", ledger, "-o", out)
    assert result.exit_code == 0, result.output
    first = summary_rows(out)[0]
    assert (first["牵头单位"], first["完成时限"]) == ("市行政审批局", "2025年9月底前")
    sheet = read_sheet(out / "任务分工表-市行政审批局.docx")
    assert [row[sheet.header.index("序号")] for row in sheet.rows] == ["1"]
    assert not (out / "任务分工表-市市场监管局.docx").exists()   # it led only that task


def test_a_date_changed_alone_becomes_the_deadline_the_sheets_print(ledger, tmp_path):
    edit(ledger, {("截止日期", 2): dt.datetime(2025, 8, 31)})
    out = tmp_path / "second"
    assert run("assign", ledger, "-o", out).exit_code == 0
    assert summary_rows(out)[1]["完成时限"] == "2025年8月31日前"


def test_task_text_edited_deleted_and_added_rows_are_what_the_sheets_list(ledger, tmp_path):
    book = load_workbook(ledger)
    sheet = book["任务台账"]
    sheet.cell(FIRST, 3).value = "推行企业开办“一网通办”，全程网上办理。"
    sheet.delete_rows(FIRST + 1)
    new = FIRST + 2
    sheet.cell(new, 2).value = "优化水电气报装"
    sheet.cell(new, 3).value = "压减水电气报装环节和时间。"
    sheet.cell(new, 4).value = "市住建局、市供电公司"
    book.save(ledger)
    out = tmp_path / "second"
    result = run("assign", ledger, "-o", out)
    assert result.exit_code == 0, result.output
    rows = summary_rows(out)
    assert [r["具体措施"] for r in rows] == ["推行企业开办“一网通办”，全程网上办理。", "推进政务服务事项“一窗通办”。",
                                        "压减水电气报装环节和时间。"]
    assert [r["序号"] for r in rows] == ["1", "2", "3"]
    assert rows[2]["牵头单位"] == "市住建局、市供电公司"
    assert (out / "任务分工表-市供电公司.docx").exists()


def test_rows_sorted_by_the_office_keep_the_documents_order(ledger, tmp_path):
    book = load_workbook(ledger)
    sheet = book["任务台账"]
    rows = [[c.value for c in sheet[FIRST + n]] for n in range(3)]
    for n, values in enumerate(reversed(rows)):
        for column, value in enumerate(values, start=1):
            sheet.cell(FIRST + n, column).value = value
    book.save(ledger)
    out = tmp_path / "second"
    assert run("assign", ledger, "-o", out).exit_code == 0
    assert summary_rows(out) == summary_rows(ledger.parent)


def test_names_in_brackets_stay_one_unit(ledger, tmp_path):
    edit(ledger, {("配合单位", 3): "各县（市、区）人民政府；市司法局"})
    out = tmp_path / "second"
    assert run("assign", ledger, "-o", out).exit_code == 0
    assert summary_rows(out)[2]["配合单位"] == "各县（市、区）人民政府、市司法局"


def test_an_unchanged_ledger_gives_the_same_sheets(ledger, tmp_path):
    out = tmp_path / "second"
    assert run("assign", ledger, "-o", out).exit_code == 0
    assert summary_rows(out) == summary_rows(ledger.parent)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in ledger.parent.iterdir()
                                                           if p.suffix == ".docx")


def test_what_the_office_wrote_is_kept_in_a_new_ledger(ledger, tmp_path):
    edit(ledger, {("责任人", 1): "张三", ("完成状态", 1): "推进中", ("进展情况", 3): "已上线试运行",
                  ("牵头单位", 3): "市数据局"})
    out = tmp_path / "second"
    assert run("assign", ledger, "-o", out, "--xlsx").exit_code == 0
    sheet = load_workbook(out / "任务台账.xlsx")["任务台账"]
    header = [c.value for c in sheet[HEADER_ROW]]
    row = lambda n: dict(zip(header, (c.value for c in sheet[FIRST + n - 1])))
    assert (row(1)["责任人"], row(1)["完成状态"]) == ("张三", "推进中")
    assert (row(3)["进展情况"], row(3)["牵头单位"]) == ("已上线试运行", "市数据局")


@pytest.mark.parametrize("changes, cell, words", [
    ({("完成状态", 2): "差不多了"}, "任务台账!N5:", "完成状态「差不多了」is not one of 未启动、推进中"),
    ({("截止日期", 1): "下个月底"}, "任务台账!G4:", "截止日期「下个月底」is not a date"),
    ({("实际完成时间", 3): "2025-02-30"}, "任务台账!O6:", "实际完成时间「2025-02-30」is not a date"),
    ({("具体措施", 2): " ", ("重点任务", 2): None}, "任务台账!C5:", "the task is empty"),
    ({("序号", 3): "三"}, "任务台账!A6:", "序号「三」is not a number"),
    ({("序号", 3): 1}, "任务台账!A6:", "序号 1 is in rows 4 and 6"),
])
def test_a_bad_edit_is_a_one_line_error_naming_the_cell(ledger, tmp_path, changes, cell, words):
    edit(ledger, changes)
    out = tmp_path / "second"
    result = run("assign", ledger, "-o", out)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"policykit: error: {ledger}: {cell} ")
    assert words in result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_deleted_column_is_named(ledger, tmp_path):
    book = load_workbook(ledger)
    book["任务台账"].delete_cols(6)   # 完成时限
    book.save(ledger)
    result = run("assign", ledger, "-o", tmp_path / "second")
    assert result.exit_code == 1
    assert "the column 「完成时限」 is missing" in result.output and result.output.count("\n") == 1


def test_a_co_column_an_office_adds_is_read(tmp_path):
    source = tmp_path / "方案.txt"
    source.write_text("一、重点任务\n1.推进甲。（牵头单位：市发改委）\n2.推进乙。（牵头单位：市财政局）\n", encoding="utf-8")
    assert run("assign", source, "-o", tmp_path / "first", "--xlsx").exit_code == 0
    ledger = tmp_path / "first" / "任务台账.xlsx"
    book = load_workbook(ledger)
    sheet = book["任务台账"]
    assert "配合单位" not in [c.value for c in sheet[HEADER_ROW]]   # no task had one
    sheet.insert_cols(5)
    sheet.cell(HEADER_ROW, 5).value = "配合单位"
    sheet.cell(FIRST, 5).value = "市统计局"
    book.save(ledger)
    out = tmp_path / "second"
    result = run("assign", ledger, "-o", out)
    assert result.exit_code == 0, result.output
    assert summary_rows(out)[0]["配合单位"] == "市统计局"


def test_an_unknown_column_is_named(ledger, tmp_path):
    book = load_workbook(ledger)
    sheet = book["任务台账"]
    sheet.cell(HEADER_ROW, sheet.max_column + 1).value = "督办科室"
    book.save(ledger)
    result = run("assign", ledger, "-o", tmp_path / "second")
    assert result.exit_code == 1
    assert "unknown column 「督办科室」" in result.output and result.output.count("\n") == 1


def test_a_workbook_policykit_did_not_write_is_refused(tmp_path):
    path = tmp_path / "台账.xlsx"
    book = Workbook()
    book.active.append(["序号", "具体措施"])
    book.save(path)
    result = run("assign", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (f"policykit: error: {path}: is no ledger policykit wrote (it has no policykit data "
                             "sheet); write one with policykit assign DOCUMENT --xlsx and edit that\n")


def test_a_broken_workbook_is_a_one_line_error(tmp_path):
    path = tmp_path / "任务台账.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("assign", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith(f"policykit: error: {path}: ") and result.output.count("\n") == 1


def test_a_sheet_left_from_an_earlier_run_is_noted(ledger):
    edit(ledger, {("牵头单位", 1): "市行政审批局"})
    result = CliRunner().invoke(cli, ["assign", str(ledger), "-o", str(ledger.parent), "--force"])
    assert result.exit_code == 0, result.output
    assert f"note: {ledger.parent / '任务分工表-市市场监管局.docx'}: not from this run" in result.output
