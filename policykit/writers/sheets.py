"""The Word task-assignment sheets: one per department, and the summary (总表).

These builders only say what goes in which cell; how it looks (page, fonts,
header row, page numbers) is ``gbt9704``'s business.
"""
from __future__ import annotations

from ..model import Document, Unit
from .gbt9704 import Column, SheetFormat
from .tasks import Task, TaskList, section_heading

# Widths are shares of the text width (225 mm on A4 landscape, so about mm):
# 具体措施 gets the room, 序号 and the short columns just fit their header.
DEPARTMENT_COLUMNS = (
    Column("序号", 12, "center"),
    Column("重点任务", 38),
    Column("具体措施", 81),
    Column("牵头单位", 27),
    Column("配合单位", 27),
    Column("完成时限", 20, "center"),
    Column("承担方式", 20, "center"),
)
SUMMARY_COLUMNS = (
    Column("序号", 12, "center"),
    Column("重点任务", 38),
    Column("具体措施", 101),
    Column("牵头单位", 27),
    Column("配合单位", 27),
    Column("完成时限", 20, "center"),
)
SUMMARY_NAME = "总表"


def department_sheet(fmt: SheetFormat, tasks: TaskList, unit: Unit) -> bytes:
    """The tasks ``unit`` leads, then those it supports, one row each."""
    sheet = fmt.new_document()
    sheet.title(sheet_title(tasks.doc.document))
    sheet.subtitle(unit.name)
    sheet.paragraph(source_line(tasks.doc.document, tasks.doc.source.path))
    table = sheet.table(DEPARTMENT_COLUMNS)
    for number, assignment in enumerate(tasks.of_unit(unit), start=1):
        task = assignment.task
        table.row([str(number), task.heading, measure_cell(task), task.lead_units, task.co_units,
                   task.deadline, assignment.role])
    return sheet.to_bytes()


def summary_sheet(fmt: SheetFormat, tasks: TaskList) -> bytes:
    """Every task of the document, under the headings of its sections."""
    sheet = fmt.new_document()
    sheet.title(sheet_title(tasks.doc.document))
    sheet.subtitle(SUMMARY_NAME)
    sheet.paragraph(source_line(tasks.doc.document, tasks.doc.source.path))
    table = sheet.table(SUMMARY_COLUMNS)
    above: tuple = ()
    for number, task in enumerate(tasks.tasks, start=1):
        shared = _common_prefix(above, task.sections)
        for section in task.sections[shared:]:
            table.section_row(section_heading(section))
        above = task.sections
        table.row([str(number), task.heading, measure_cell(task), task.lead_units, task.co_units,
                   task.deadline])
    return sheet.to_bytes()


def sheet_title(document: Document) -> str:
    """``《文件标题》任务分工表``; titles cited inside the title take 〈〉, as in print."""
    if not document.title:
        return "任务分工表"
    title = document.title.replace("《", "〈").replace("》", "〉")
    return f"《{title}》任务分工表"


def source_line(document: Document, path: str | None) -> str:
    """The document the tasks come from: issuer, number and date."""
    parts = [document.issuer, document.doc_number, _chinese_date(document.date)]
    named = "　".join(p for p in parts if p)
    if not named:
        named = path or "（未注明）"
    return f"来源文件：{named}"


def measure_cell(task: Task) -> list[str]:
    """具体措施: the measure's text, then its numeric targets and the documents it cites."""
    lines = [task.measure.text]
    lines += [f"目标：{target}" for target in task.targets]
    lines += [f"依据：{citation}" for citation in task.citations]
    return lines


def _chinese_date(date: str | None) -> str | None:
    """``2015-07-30`` → ``2015年7月30日`` (``2022-04`` → ``2022年4月``), the way documents print dates."""
    if not date:
        return None
    try:
        parts = [int(part) for part in date.split("-")]
    except ValueError:
        return date
    if len(parts) == 2:
        return f"{parts[0]}年{parts[1]}月"
    if len(parts) != 3:
        return date
    year, month, day = parts
    return f"{year}年{month}月{day}日"


def _common_prefix(a: tuple, b: tuple) -> int:
    shared = 0
    for x, y in zip(a, b):
        if x.id != y.id:
            break
        shared += 1
    return shared
