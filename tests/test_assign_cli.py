"""`policykit assign`, run as a user would run it (Click's CliRunner)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Mm

from policykit.cli import cli
from sheetdocs import read_sheet

OPINION = """\
关于加快推进数字乡村建设的实施意见

各县（区）人民政府，市人民政府各部门：

为贯彻落实《数字乡村发展战略纲要》，结合实际，提出如下实施意见。

一、主要任务

（一）夯实乡村信息基础设施

1.加快农村宽带建设。推进5G网络向乡镇延伸，2025年底前实现乡镇全覆盖。（牵头单位：市工业和信息化局；配合单位：市财政局）

2.推动基础设施数字化改造。推进水利、公路等基础设施数字化改造。（牵头单位：市水务局）

（二）发展农村数字经济

1.推进农业生产智能化。建设10个左右智慧农业示范基地。（牵头单位：市农业农村局；配合单位：市财政局）
"""


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def opinion(tmp_path) -> Path:
    path = tmp_path / "实施意见.txt"
    path.write_text(OPINION, encoding="utf-8")
    return path


def test_assign_prints_each_file_and_a_summary_line(opinion, tmp_path):
    out = tmp_path / "sheets"
    result = run("assign", opinion, "-o", out, "--xlsx")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "4 departments, 3 tasks"
    assert sorted(lines[:-1]) == sorted(str(p) for p in out.iterdir())
    assert {Path(line).name for line in lines[:-1]} >= {"任务分工表-市财政局.docx", "任务分工总表.docx", "任务台账.xlsx"}


def test_dept_writes_only_those_departments_and_the_summary(opinion, tmp_path):
    result = run("assign", opinion, "-o", tmp_path / "s", "--dept", "市财政局", "--dept", "市水务局")
    assert result.exit_code == 0, result.output
    assert [Path(line).name for line in result.output.splitlines()] == [
        "任务分工表-市财政局.docx", "任务分工表-市水务局.docx", "任务分工总表.docx", "2 departments, 3 tasks"]


def test_the_finance_bureau_sheet_lists_the_tasks_it_supports(opinion, tmp_path):
    run("assign", opinion, "-o", tmp_path)
    sheet = read_sheet(tmp_path / "任务分工表-市财政局.docx")
    assert sheet.sections == ["一、配合任务（2项）"]
    assert [(row[0], row[1]) for row in sheet.rows] == [("1", "加快农村宽带建设"), ("3", "推进农业生产智能化")]


def test_options_name_the_document_number_it_and_fill_deadlines(opinion, tmp_path):
    result = run("assign", opinion, "-o", tmp_path, "--title", "青山市数字乡村建设实施意见", "--attachment", "1",
                 "--doc-number", "青政办〔2025〕3号", "--deadline", "2026年6月底前")
    assert result.exit_code == 0, result.output
    summary = read_sheet(tmp_path / "任务分工总表.docx")
    assert summary.above[:3] == ["附件1", "《青山市数字乡村建设实施意见》重点任务分工表", "（青政办〔2025〕3号）"]
    assert summary.column("完成时限") == ["2025年底前", "2026年6月底前", "2026年6月底前"]


def test_an_attachment_number_must_be_positive(opinion, tmp_path):
    result = run("assign", opinion, "-o", tmp_path, "--attachment", "0")
    assert result.exit_code == 2


def test_an_unknown_dept_is_a_one_line_error(opinion, tmp_path):
    result = run("assign", opinion, "-o", tmp_path, "--dept", "市不存在局")
    assert result.exit_code == 1
    assert result.output == f"policykit: error: {opinion}: no unit named 市不存在局 in this document\n"


def test_existing_files_need_force(opinion, tmp_path):
    assert run("assign", opinion, "-o", tmp_path).exit_code == 0
    again = run("assign", opinion, "-o", tmp_path)
    assert again.exit_code == 1
    assert again.output.startswith(f"policykit: error: {tmp_path / '任务分工表-'}")
    assert again.output.endswith(": already exists; use --force to overwrite\n")
    assert run("assign", opinion, "-o", tmp_path, "--force").exit_code == 0


def test_policykit_json_is_accepted_as_input(opinion, tmp_path):
    extracted = run("extract", opinion, "-o", tmp_path / "json")
    assert extracted.exit_code == 0, extracted.output
    result = run("assign", tmp_path / "json" / "实施意见.json", "-o", tmp_path / "s")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "4 departments, 3 tasks"


def test_a_template_sets_the_page_of_every_sheet(opinion, tmp_path):
    template = Document()
    template.sections[0].page_width, template.sections[0].page_height = Mm(210), Mm(297)
    template.sections[0].header.paragraphs[0].text = "青山市人民政府办公室文件"
    template.save(tmp_path / "我们的模板.docx")
    result = run("assign", opinion, "-o", tmp_path / "s", "--template", tmp_path / "我们的模板.docx")
    assert result.exit_code == 0, result.output
    for line in result.output.splitlines()[:-1]:
        sheet = Document(line)
        assert round(sheet.sections[0].page_width.mm) == 210
        assert sheet.sections[0].header.paragraphs[0].text == "青山市人民政府办公室文件"


def test_a_missing_template_is_a_one_line_error(opinion, tmp_path):
    result = run("assign", opinion, "-o", tmp_path, "--template", tmp_path / "无.docx")
    assert result.exit_code == 1
    assert result.output == f"policykit: error: {tmp_path / '无.docx'}: file not found\n"


def test_a_missing_input_is_a_one_line_error(tmp_path):
    result = run("assign", tmp_path / "无.txt", "-o", tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith(f"policykit: error: {tmp_path / '无.txt'}: ")
    assert len(result.output.splitlines()) == 1


def test_assign_help_ends_with_examples():
    result = run("assign", "--help")
    assert result.exit_code == 0
    assert "policykit assign " in result.output.split("Example:")[1]


def test_importing_policykit_loads_neither_word_nor_excel_code():
    code = ("import sys, policykit, policykit.cli; policykit.assign; "
            "print(sorted(m for m in ('docx', 'openpyxl') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
