"""The task ledger (任务台账): an Excel workbook with one row per (task, unit).

An office tracks progress in it: the filter picks one unit's rows, and the
empty 进展情况 / 完成状态 columns are filled in as work goes on. Tasks that no
unit leads or supports are listed on a second sheet, so none is lost.
"""
from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .tasks import Task, TaskList
from .xmltext import xml_text

LEDGER_SHEET = "任务台账"
UNASSIGNED_SHEET = "未明确单位"
#: (header, width in characters; a Chinese character counts two).
COLUMNS = (
    ("序号", 6),
    ("章节", 12),
    ("任务", 30),
    ("具体措施", 60),
    ("牵头/配合", 10),
    ("单位", 24),
    ("完成时限", 16),
    ("截止日期", 12),
    ("目标", 36),
    ("依据", 40),
    ("进展情况", 30),
    ("完成状态", 12),
)
STATUS_CHOICES = ("未开始", "推进中", "已完成", "未完成")
DATE_FORMAT = "yyyy-mm-dd"
_EXCEL_CELL_LIMIT = 32767

_SHORT = {"序号", "牵头/配合", "截止日期", "完成状态"}


def _cell_styles() -> list[NamedStyle]:
    """The workbook's cell styles: header, long text, short centred values, dates.
    Named once, so each cell only names its style (much faster than per-cell fonts)."""
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
    return [
        NamedStyle("台账表头", font=Font(bold=True), fill=PatternFill("solid", fgColor="D9D9D9"),
                   border=border, alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        NamedStyle("台账文字", border=border, alignment=wrap),
        NamedStyle("台账居中", border=border, alignment=centre),
        NamedStyle("台账日期", border=border, alignment=centre, number_format=DATE_FORMAT),
    ]


def ledger_workbook(tasks: TaskList) -> bytes:
    book = Workbook()
    for style in _cell_styles():
        book.add_named_style(style)
    sheet = book.active
    sheet.title = LEDGER_SHEET
    rows = [_row(n, a.task, a.role, a.unit) for n, a in enumerate(tasks.assignments(), start=1)]
    _fill(sheet, rows)
    _track_status(sheet, len(rows))
    unassigned = tasks.unassigned()
    if unassigned:
        _fill(book.create_sheet(UNASSIGNED_SHEET),
              [_row(n, task, "", "") for n, task in enumerate(unassigned, start=1)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(number: int, task: Task, role: str, unit: str) -> list:
    return [
        number,
        task.number,
        task.measure.title or "",
        task.measure.text,
        role,
        unit,
        task.deadline,
        _date(task.deadline_date),
        "\n".join(task.targets),
        "\n".join(task.citations),
        "",
        "",
    ]


def _fill(sheet, rows: list[list]) -> None:
    """Header, rows, and what makes a sheet usable: frozen header, filter, widths."""
    for column, (header, width) in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=column, value=header).style = "台账表头"
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row_number, values in enumerate(rows, start=2):
        for column, ((header, _), value) in enumerate(zip(COLUMNS, values), start=1):
            cell = sheet.cell(row=row_number, column=column)
            _put(cell, value)
            cell.style = "台账日期" if isinstance(value, dt.date) else "台账居中" if header in _SHORT else "台账文字"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"


def _put(cell, value) -> None:
    if isinstance(value, dt.date):
        cell.value = value
    elif isinstance(value, str):
        cell.value = xml_text(value)[:_EXCEL_CELL_LIMIT]
        cell.data_type = "s"  # text that starts with = is text, not a formula
    else:
        cell.value = value


def _track_status(sheet, row_count: int) -> None:
    """完成状态 offers a choice list (free text is still allowed)."""
    if not row_count:
        return
    column = get_column_letter([h for h, _ in COLUMNS].index("完成状态") + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                             showErrorMessage=False)
    choices.add(f"{column}2:{column}{row_count + 1}")
    sheet.add_data_validation(choices)


def _date(value: str | None) -> dt.date | str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value
