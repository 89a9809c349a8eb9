"""The 督查台账 (任务台账.xlsx): the workbook a 督查室 tracks a plan's tasks in.

Sheets, first to last:

- ``任务台账``: the title row (``《计划名称》重点任务督查台账``), the 文号 and the
  count of tasks, then one row per task with its 序号 of the summary sheet:
  重点任务, 具体措施, the units under the document's own role words
  (canonical names), 完成时限 and 截止日期 (a date where the document gives
  one), and the columns an office fills in (责任领导, 责任人, 联系电话,
  进展情况, 存在问题, 下步措施, 完成状态, 实际完成时间, 备注). 完成状态 takes
  one word of a list; rows turn red when overdue, yellow when due within
  30 days and green when done. Printed A4 landscape, the width on one page,
  the header row on every page.
- ``分工明细``: one row per (task, department), for filtering one
  department's rows; its 完成状态 follows the task sheet.
- ``汇总``: tasks per department and status, counted by formulas.
- a very hidden sheet holding the document as policykit/1 JSON, from which
  ``policykit assign 任务台账.xlsx`` rebuilds the sheets with the office's
  corrections (``corrections.py``).

Columns, widths, fonts, status words and colours: ``policykit/data/ledger.toml``.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins

from ..data import read_toml
from .layout import line_count
from .sheets import SheetOptions, sheet_title
from .tasks import LEAD, Task, TaskList
from .xmltext import xml_text

LEDGER_SHEET = "任务台账"
DATA_SHEET = "policykit"
#: The first cell of the data sheet: what tells policykit a workbook is its ledger.
DATA_MARK = "policykit ledger 1"
#: The task sheet's rows: title, subtitle, header, then the tasks.
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
#: Rows below the tasks that still offer the status list and the colours (rows an office adds).
SPARE_ROWS = 200
DATE_FORMAT = "yyyy-mm-dd"
_EXCEL_CELL_LIMIT = 32767
_JSON_CHUNK = 30000
_TEXT_KEYS = {"task", "measure", "lead", "co", "units", "deadline"}
_CENTRED = {"seq", "deadline", "date", "status", "done", "leader", "person", "phone"}


@dataclass(frozen=True)
class LedgerColumn:
    key: str
    header: str
    width: float


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    return read_toml("ledger.toml")


def status_choices() -> tuple[str, ...]:
    return tuple(config()["status"]["choices"])


def task_columns(tasks: TaskList) -> list[LedgerColumn]:
    """The task sheet's columns; the unit columns titled with the document's role
    words, the co column left out when no task has a unit that supports it."""
    roles = tasks.roles
    supported = any(task.co for task in tasks.tasks)
    columns = []
    for spec in config()["tasks"]["columns"]:
        key = spec["key"]
        if key == "lead" and roles.one_column:
            columns.append(LedgerColumn("units", roles.lead, config()["tasks"]["units_width"]))
        elif key == "co" and (roles.one_column or not supported):
            continue
        else:
            header = {"lead": roles.lead, "co": roles.co}.get(key, spec.get("header", ""))
            columns.append(LedgerColumn(key, header, spec["width"]))
    return columns


def ledger_title(tasks: TaskList, options: SheetOptions) -> str:
    return sheet_title(tasks.doc.document, options.title, config()["title"]["kind"])


def unit_cells(task: Task) -> dict[str, str]:
    """The unit cells of a task: canonical names, each once, lead first."""
    lead = _names(task.lead)
    co = [n for n in _names(task.co) if n not in lead]
    return {"lead": "、".join(lead), "co": "、".join(co), "units": "、".join(lead + co)}


def task_values(task: Task) -> dict[str, Any]:
    """What the ledger writes for a task in the columns policykit fills."""
    return {"seq": task.seq, "task": task.context, "measure": task.measure.text, **unit_cells(task),
            "deadline": task.deadline, "date": as_date(task.deadline_date)}


def ledger_workbook(tasks: TaskList, options: SheetOptions = SheetOptions(),
                    tracking: dict[str, dict[str, Any]] | None = None) -> bytes:
    """The ledger of ``tasks``. ``tracking`` carries what an office wrote in an
    earlier ledger (measure id → column key → value) into this one."""
    book = Workbook()
    _use_fonts(book)
    sheet = book.active
    sheet.title = LEDGER_SHEET
    columns = task_columns(tasks)
    _task_sheet(sheet, tasks, columns, options, tracking or {})
    _pairs_sheet(book.create_sheet(config()["pairs"]["title"]), tasks, columns)
    _summary_sheet(book.create_sheet(config()["summary"]["title"]), tasks)
    _data_sheet(book.create_sheet(DATA_SHEET), tasks, options)
    book.properties.creator = "policykit"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- the task sheet ------------------------------------------------------------------


def _task_sheet(sheet, tasks: TaskList, columns: list[LedgerColumn], options: SheetOptions,
                tracking: dict[str, dict[str, Any]]) -> None:
    last = get_column_letter(len(columns))
    rows = len(tasks.tasks)
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells(f"A2:{last}2")
    _put(sheet["A1"], ledger_title(tasks, options), "台账标题")
    number = options.doc_number or tasks.doc.document.doc_number
    subtitle = "　　".join(p for p in (f"（{number}）" if number else "", f"共{rows}项任务") if p)
    _put(sheet["A2"], subtitle, "台账副题")
    fonts = config()["fonts"]
    sheet.row_dimensions[1].height = fonts["title_pt"] * 1.8
    sheet.row_dimensions[2].height = fonts["subtitle_pt"] * 1.6
    for number_, column in enumerate(columns, start=1):
        _put(sheet.cell(HEADER_ROW, number_), column.header, "台账表头")
        sheet.column_dimensions[get_column_letter(number_)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = _height(max(_lines(c.header, c.width) for c in columns))
    for row, task in enumerate(tasks.tasks, start=FIRST_ROW):
        values = {**tracking.get(task.id, {}), **task_values(task)}
        for number_, column in enumerate(columns, start=1):
            value = values.get(column.key, "")
            style = "台账日期" if column.key in ("date", "done") else "台账居中" if column.key in _CENTRED else "台账文字"
            _put(sheet.cell(row, number_), value, style)
        sheet.row_dimensions[row].height = _height(max(
            _lines(values.get(c.key), c.width) for c in columns))
    end = FIRST_ROW + rows - 1
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(end, HEADER_ROW)}"
    keys = [c.key for c in columns]
    spare_end = end + SPARE_ROWS
    _status_list(sheet, get_column_letter(keys.index("status") + 1), spare_end)
    _traffic_lights(sheet, last, get_column_letter(keys.index("status") + 1),
                    get_column_letter(keys.index("date") + 1), spare_end)
    _print_setup(sheet, f"A1:{last}{max(end, HEADER_ROW)}")


def _status_list(sheet, column: str, end: int) -> None:
    """完成状态 takes one word of the list; anything else typed is refused."""
    choices = status_choices()
    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                          showErrorMessage=True, errorStyle="stop", showInputMessage=True,
                          errorTitle="完成状态", error="请从下拉列表中选择：" + "、".join(choices),
                          promptTitle="完成状态", prompt="、".join(choices))
    rule.add(f"{column}{FIRST_ROW}:{column}{end}")
    sheet.add_data_validation(rule)


def _traffic_lights(sheet, last: str, status: str, date: str, end: int) -> None:
    """Green when done; red when 截止日期 has passed; yellow when it is near.
    The first rule that holds colours the row."""
    cfg = config()["status"]
    row = FIRST_ROW
    done = f'${status}{row}="{cfg["done"]}"'
    dated = f"ISNUMBER(${date}{row})"
    rules = (
        (done, cfg["done_fill"], cfg["done_font"]),
        (f"AND({dated},${date}{row}<TODAY())", cfg["overdue_fill"], cfg["overdue_font"]),
        (f"AND({dated},${date}{row}-TODAY()<={cfg['soon_days']})", cfg["soon_fill"], cfg["soon_font"]),
    )
    for formula, fill, font in rules:
        sheet.conditional_formatting.add(
            f"A{row}:{last}{end}",
            FormulaRule(formula=[formula], stopIfTrue=True, fill=PatternFill("solid", start_color=fill,
                                                                              end_color=fill),
                        font=Font(color=font)))


def _print_setup(sheet, area: str) -> None:
    cfg = config()["print"]
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = area
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(**cfg["margins_in"])
    sheet.oddFooter.center.text = cfg["footer"]
    sheet.oddFooter.center.font = config()["fonts"]["text"]
    sheet.oddFooter.center.size = 9


# -- the other sheets ------------------------------------------------------------------


def _pairs_sheet(sheet, tasks: TaskList, columns: list[LedgerColumn]) -> None:
    """One row per (task, department); 完成状态 and 截止日期 follow the task sheet."""
    spec = config()["pairs"]["columns"]
    for number, (header, width) in enumerate(spec, start=1):
        _put(sheet.cell(1, number), header, "台账表头")
        sheet.column_dimensions[get_column_letter(number)].width = width
    keys = [c.key for c in columns]
    ledger = quote_sheetname(LEDGER_SHEET)
    status = get_column_letter(keys.index("status") + 1)
    date = get_column_letter(keys.index("date") + 1)
    pairs = [(t, role, unit) for t in tasks.tasks for role, unit in _pairs_of(t)]
    for row, (task, role, unit) in enumerate(pairs, start=2):
        found = f"MATCH($A{row},{ledger}!$A:$A,0)"
        follow = lambda column: (f'=IFERROR(IF(INDEX({ledger}!${column}:${column},{found})="","",'
                                 f'INDEX({ledger}!${column}:${column},{found})),"")')
        values = [task.seq, task.context, unit, role, task.deadline, follow(date), follow(status),
                  "\n".join(task.targets), "\n".join(task.citations)]
        for number, value in enumerate(values, start=1):
            cell = sheet.cell(row, number)
            if isinstance(value, str) and value.startswith("=IFERROR"):
                cell.value = value
                cell.style = "台账日期" if number == 6 else "台账居中"
            else:
                _put(cell, value, "台账居中" if number in (1, 4, 5) else "台账文字")
        sheet.row_dimensions[row].height = _height(max(
            _lines(v, w) for v, (_, w) in zip(values, spec) if not str(v).startswith("=")))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec))}{len(pairs) + 1}"
    sheet.print_title_rows = "1:1"
    _print_setup_plain(sheet)


def _pairs_of(task: Task) -> list[tuple[str, str]]:
    cells = unit_cells(task)
    return [(LEAD, u) for u in cells["lead"].split("、") if u] + \
           [("配合", u) for u in cells["co"].split("、") if u]


def _summary_sheet(sheet, tasks: TaskList) -> None:
    """Per department: tasks it leads and supports, then by 完成状态 — formulas over 分工明细."""
    cfg = config()
    pairs = quote_sheetname(cfg["pairs"]["title"])
    ledger = quote_sheetname(LEDGER_SHEET)
    choices = status_choices()
    keys = [c.key for c in task_columns(tasks)]
    status = get_column_letter(keys.index("status") + 1)
    date = get_column_letter(keys.index("date") + 1)
    headers = ["单位", "牵头任务", "配合任务", "合计", *choices, "未填报", cfg["summary"]["overdue"]]
    sheet.merge_cells(f"A1:{get_column_letter(len(headers))}1")
    _put(sheet["A1"], "任务完成情况汇总", "台账副题")
    sheet.row_dimensions[1].height = 24
    for number, header in enumerate(headers, start=1):
        _put(sheet.cell(2, number), header, "台账表头")
        sheet.column_dimensions[get_column_letter(number)].width = 24 if number == 1 else 9
    done = cfg["status"]["done"]
    first_status, last_status = get_column_letter(5), get_column_letter(4 + len(choices))
    total = 3
    _put(sheet.cell(total, 1), "全部任务", "台账文字")
    sheet.cell(total, 4).value = f"=COUNT({ledger}!$A${FIRST_ROW}:$A${FIRST_ROW + len(tasks.tasks) + SPARE_ROWS})"
    for n, choice in enumerate(choices, start=5):
        sheet.cell(total, n).value = f'=COUNTIF({ledger}!${status}:${status},"{choice}")'
    for row, unit in enumerate(tasks.departments(), start=total + 1):
        _put(sheet.cell(row, 1), unit.name, "台账文字")
        sheet.cell(row, 2).value = f'=COUNTIFS({pairs}!$C:$C,$A{row},{pairs}!$D:$D,"{LEAD}")'
        sheet.cell(row, 3).value = f'=COUNTIFS({pairs}!$C:$C,$A{row},{pairs}!$D:$D,"配合")'
        sheet.cell(row, 4).value = f"=B{row}+C{row}"
        for n, choice in enumerate(choices, start=5):
            sheet.cell(row, n).value = f'=COUNTIFS({pairs}!$C:$C,$A{row},{pairs}!$G:$G,"{choice}")'
    end = total + len(tasks.departments())
    for row in range(total, end + 1):
        unfilled, overdue = 5 + len(choices), 6 + len(choices)
        sheet.cell(row, unfilled).value = f"=D{row}-SUM({first_status}{row}:{last_status}{row})"
        if row == total:
            sheet.cell(row, overdue).value = (f'=COUNTIFS({ledger}!${date}:${date},"<"&TODAY(),'
                                              f'{ledger}!${status}:${status},"<>{done}")')
        else:
            sheet.cell(row, overdue).value = (f'=COUNTIFS({pairs}!$C:$C,$A{row},{pairs}!$F:$F,"<"&TODAY(),'
                                              f'{pairs}!$G:$G,"<>{done}")')
        for n in range(2, len(headers) + 1):
            sheet.cell(row, n).style = "台账居中"
    sheet.freeze_panes = "B3"
    sheet.print_title_rows = "2:2"
    _print_setup_plain(sheet)


def _print_setup_plain(sheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(**config()["print"]["margins_in"])
    sheet.oddFooter.center.text = config()["print"]["footer"]


def _data_sheet(sheet, tasks: TaskList, options: SheetOptions) -> None:
    """The document as policykit/1 JSON (ASCII, in cells of 30,000 characters),
    hidden from the office: what a corrected ledger is rebuilt from."""
    payload = json.dumps({"document": tasks.doc.to_dict(), "title": options.title,
                          "doc_number": options.doc_number}, ensure_ascii=True, separators=(",", ":"))
    sheet["A1"] = DATA_MARK
    for row, start in enumerate(range(0, len(payload), _JSON_CHUNK), start=2):
        cell = sheet.cell(row, 1)
        cell.value = payload[start:start + _JSON_CHUNK]
        cell.data_type = "s"
    sheet.sheet_state = "veryHidden"


# -- cells ---------------------------------------------------------------------------


def _use_fonts(book: Workbook) -> None:
    """Every cell in the sheets' faces: the workbook's default font (empty cells,
    Excel's column unit) and the named styles the cells take."""
    fonts = config()["fonts"]
    size = fonts["text_pt"]
    default = Font(name=fonts["text"], sz=size)
    book._fonts[0] = default   # openpyxl keeps the default font first; no public setter
    book._named_styles["Normal"].font = default
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for style in (
        NamedStyle("台账标题", font=Font(name=fonts["title"], sz=fonts["title_pt"]),
                   alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        NamedStyle("台账副题", font=Font(name=fonts["subtitle"], sz=fonts["subtitle_pt"]),
                   alignment=Alignment(horizontal="center", vertical="center")),
        NamedStyle("台账表头", font=Font(name=fonts["header"], sz=size), border=border,
                   fill=PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9"),
                   alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        NamedStyle("台账文字", font=Font(name=fonts["text"], sz=size), border=border,
                   alignment=Alignment(vertical="top", wrap_text=True)),
        NamedStyle("台账居中", font=Font(name=fonts["text"], sz=size), border=border,
                   alignment=Alignment(horizontal="center", vertical="top", wrap_text=True)),
        NamedStyle("台账日期", font=Font(name=fonts["text"], sz=size), border=border, number_format=DATE_FORMAT,
                   alignment=Alignment(horizontal="center", vertical="top", wrap_text=True)),
    ):
        book.add_named_style(style)


def _put(cell, value, style: str) -> None:
    if isinstance(value, (dt.date, dt.datetime)):
        cell.value = value
    elif isinstance(value, str):
        cell.value = xml_text(value)[:_EXCEL_CELL_LIMIT]
        cell.data_type = "s"  # text that starts with = is text, not a formula
    else:
        cell.value = value
    cell.style = style


def _lines(value, width: float) -> int:
    """Lines a value takes in a column ``width`` Excel units wide, at the text size."""
    if value is None or value == "" or isinstance(value, (int, float, dt.date)):
        return 1
    fonts = config()["fonts"]
    # A unit is one digit of the default font. LibreOffice's stand-in for 仿宋
    # has digits of 0.636 em and lines 1.45 apart; Windows' 仿宋 has narrower
    # digits and closer lines, which come out about the same height.
    capacity = max(1.0, (width * fonts["digit_em"] * fonts["text_pt"] - 3) / fonts["text_pt"])
    return sum(line_count(line, capacity) for line in str(value).split("\n"))


def _height(lines: int) -> float:
    fonts = config()["fonts"]
    return round(lines * fonts["text_pt"] * fonts["line_spacing"] + 3, 1)


#: The first day an Excel date cell can show (its 1900 date system, the one
#: openpyxl writes): an earlier date would be a negative serial, shown as ####.
_EXCEL_FIRST_DATE = dt.date(1900, 1, 1)


def as_date(value: str | None) -> dt.date | str:
    """A ``YYYY-MM-DD`` date as a date; anything else (none, a month, a date
    before 1900 that Excel cannot show, as a hand-edited ``0001-01-01``) as no
    date: 完成时限 still shows the deadline as written."""
    if not value:
        return ""
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        return ""
    return date if date >= _EXCEL_FIRST_DATE else ""


def _names(named) -> list[str]:
    out: list[str] = []
    for n in named:
        name = n.unit or n.written
        if name not in out:
            out.append(name)
    return out
