"""Corrections through Excel: a 督查台账 an office edited, read back as the document.

``policykit assign 任务台账.xlsx`` rebuilds every sheet from the ledger's task
sheet as the office left it. The document itself comes from the ledger's
hidden data sheet (what ``assign --xlsx`` wrote); each task row then
overrides what the office changed: 重点任务, 具体措施, the units, 完成时限 and
截止日期. A row deleted drops its task; a row added (no 序号, or one the
document does not have) is a new task after the task above it. The tasks keep
the document's order however the office sorted the rows. What the office wrote
in its own columns (责任人, 进展情况, 完成状态 …) is carried into a new ledger.

A cell policykit cannot read is a one-line error naming the sheet and cell
(``任务台账!O7: 完成状态「差不多」is not one of …``); nothing is written then.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..limits import current as current_limits, megabytes
from ..model import Deadline, Measure, PolicyDocument
from .ledger import DATA_MARK, DATA_SHEET, LEDGER_SHEET, LedgerColumn, status_choices, task_columns, task_values
from .taskfiles import Loaded
from .tasks import Task, TaskList

#: Columns policykit fills; a ledger without one of them cannot be read back.
REQUIRED = ("seq", "task", "measure", "deadline", "date")
#: How far down the header row may have moved (title rows deleted or added).
_HEADER_SEARCH = 10
_SEPARATORS = set("、，,；;") | {" ", "\u3000", "\n", "\t"}
_OPEN, _CLOSE = set("（(【〔［["), set("）)】〕］]")
_DATE = re.compile(r"^\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def read_ledger(path, aliases=None) -> Loaded:
    """The document of a ledger ``policykit assign --xlsx`` wrote, with the
    corrections of its task sheet; units reindexed under ``aliases`` (default
    the built-in list). Raises ``ReadError`` naming the sheet and cell of the
    first edit it cannot read."""
    label = str(path)
    book = _open(Path(path), label)
    stored = _stored(book, label)
    doc = PolicyDocument.from_dict(stored["document"])
    if LEDGER_SHEET not in book.sheetnames:
        raise ReadError(f"the sheet {LEDGER_SHEET} is missing (the ledger's tasks are read from it)", label)
    reader = _TaskSheet(book[LEDGER_SHEET], TaskList(doc), label)
    measures, tracking = reader.read()
    doc.measures = measures
    from ..aliases import builtin
    from ..departments import reindex

    reindex(doc, aliases if aliases is not None else builtin())
    return Loaded(doc, tracking, stored.get("title"), stored.get("doc_number"))


def _open(path: Path, label: str):
    from openpyxl import load_workbook

    from ..readers.package import check_package

    limits = current_limits()
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise limits.exceeded("max_file_mb", f"a {megabytes(size)} file", label)
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), label) from None
    check_package(data, label, limits, ".xlsx")
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError, OSError) as exc:
        raise ReadError(f"not an Excel workbook policykit can read ({type(exc).__name__}: {exc})", label) from None


def _stored(book, label: str) -> dict:
    """The document ``assign --xlsx`` kept in the ledger's hidden sheet."""
    not_ours = ("is no ledger policykit wrote (it has no policykit data sheet); "
                "write one with policykit assign DOCUMENT --xlsx and edit that")
    if DATA_SHEET not in book.sheetnames:
        raise ReadError(not_ours, label)
    cells = [row[0] for row in book[DATA_SHEET].iter_rows(min_col=1, max_col=1, values_only=True)]
    if not cells or cells[0] != DATA_MARK:
        raise ReadError(not_ours, label)
    try:
        stored = json.loads("".join(c for c in cells[1:] if isinstance(c, str)))
        from ..schema import validate

        problems = validate(stored["document"])
    except (ValueError, KeyError, TypeError, RecursionError):
        problems = ["unreadable"]
    if problems:
        raise ReadError(f"its hidden {DATA_SHEET} sheet was changed ({problems[0]}); "
                        "write the ledger again with policykit assign --xlsx", label)
    return stored


class _TaskSheet:
    """The task sheet's header and rows, checked cell by cell."""

    def __init__(self, sheet, tasks: TaskList, label: str):
        self.sheet = sheet
        self.tasks = tasks
        self.label = label
        self.columns = task_columns(tasks)
        self.by_header = {c.header: c for c in self.columns}
        if not tasks.roles.one_column and not any(c.key == "co" for c in self.columns):
            # no task had a co unit, so the ledger has no column for them: an office may add it
            self.by_header[tasks.roles.co] = LedgerColumn("co", tasks.roles.co, 0)
        self.limit = current_limits().max_table_cells

    def read(self) -> tuple[list[Measure], dict[str, dict[str, Any]]]:
        rows = self.sheet.iter_rows(values_only=True)
        header_row, keys = self._header(rows)
        placed: list[tuple[int, int, Measure]] = []   # (序号 of the task it follows, row, measure)
        anchor: Task | None = None
        tracking: dict[str, dict[str, Any]] = {}
        seen: dict[int, int] = {}
        cells = 0
        by_seq = {t.seq: t for t in self.tasks.tasks}
        next_id = 1 + max((int(m.id[1:]) for m in self.tasks.doc.measures if m.id[1:].isdigit()), default=0)
        for number, values in enumerate(rows, start=header_row + 1):
            cells += len(values)
            if cells > self.limit:
                raise current_limits().exceeded("max_table_cells", f"more than {self.limit:,} cells in "
                                                f"{LEDGER_SHEET}", self.label)
            row = {key: _clean(values[i]) for i, key in keys.items() if i < len(values)}
            if all(v in (None, "") for v in row.values()):
                continue
            seq = self._seq(row.get("seq"), number, keys)
            if seq is not None and seq in seen:
                raise ReadError(f"{self._cell('seq', number, keys)}: 序号 {seq} is in rows {seen[seq]} and {number} "
                                "(a task is one row; give an added row no 序号)", self.label)
            task = by_seq.get(seq) if seq is not None else None
            if task is not None:
                seen[seq] = number
                measure = Measure.from_dict(task.measure.to_dict())
                original = task_values(task)
            else:
                # an added task stands under the headings of the task above it
                measure = Measure(id=f"m{next_id}", path=[*(anchor.measure.path if anchor else []), "+"],
                                  section=anchor.measure.section if anchor else None, title=None, text="",
                                  lead_units=[], co_units=[], deadline=None, citations=[], targets=[], span=[0, 0])
                next_id += 1
                original = {"task": "", "measure": "", "lead": "", "co": "", "units": "", "deadline": "", "date": ""}
            self._correct(measure, original, row, number, keys)
            tracking[measure.id] = {k: v for k, v in row.items()
                                    if k not in original and k != "seq" and v not in (None, "")}
            if task is not None:
                anchor = task
            placed.append((anchor.seq if anchor else 0, number, measure))
        # The document's order, whatever order the office sorted the rows in.
        return [measure for _, _, measure in sorted(placed, key=lambda p: p[:2])], tracking

    def _header(self, rows) -> tuple[int, dict[int, str]]:
        """The header row (the first of the top rows with 序号 and 具体措施) as column index → key."""
        seq, measure = (next(c.header for c in self.columns if c.key == k) for k in ("seq", "measure"))
        for number, values in enumerate(rows, start=1):
            if number > _HEADER_SEARCH:
                break
            texts = [_clean(v) for v in values]
            if seq not in texts or measure not in texts:
                continue
            keys: dict[int, str] = {}
            for index, text in enumerate(texts):
                if text in (None, ""):
                    continue
                column = self.by_header.get(str(text))
                where = f"{LEDGER_SHEET}!{_letter(index)}{number}"
                if column is None:
                    raise ReadError(f"{where}: unknown column 「{text}」 (this ledger's columns are "
                                    f"{'、'.join(self.by_header)}; write notes under 备注)", self.label)
                if column.key in keys.values():
                    raise ReadError(f"{where}: the column 「{text}」 is there twice", self.label)
                keys[index] = column.key
            required = [c for c in self.columns if c.key in REQUIRED or c.key in ("lead", "co", "units")]
            for column in required:
                if column.key not in keys.values():
                    raise ReadError(f"{LEDGER_SHEET} row {number}: the column 「{column.header}」 is missing "
                                    "(policykit reads the tasks from it; restore it)", self.label)
            return number, keys
        raise ReadError(f"{LEDGER_SHEET}: no header row with 「{seq}」 and 「{measure}」 in its first "
                        f"{_HEADER_SEARCH} rows", self.label)

    def _seq(self, value, number: int, keys) -> int | None:
        if value in (None, ""):
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        raise ReadError(f"{self._cell('seq', number, keys)}: 序号「{value}」is not a number "
                        "(leave it empty for an added task)", self.label)

    def _correct(self, measure: Measure, original: dict, row: dict, number: int, keys) -> None:
        text = _text(row.get("measure"))
        title = _text(row.get("task"))
        if not text and not title:
            raise ReadError(f"{self._cell('measure', number, keys)}: the task is empty (具体措施 and 重点任务; "
                            "delete the row to drop the task)", self.label)
        if text != _text(original["measure"]):
            measure.text = text
        if title != _text(original["task"]):
            measure.title = title or None
        if "units" in row:
            if _text(row["units"]) != _text(original["units"]):
                names = _names(row["units"])
                measure.lead_units, measure.co_units = names[:1], names[1:]
        else:
            if _text(row.get("lead")) != _text(original["lead"]):
                measure.lead_units = _names(row.get("lead"))
            if "co" in keys.values() and _text(row.get("co")) != _text(original["co"]):
                measure.co_units = _names(row.get("co"))
        self._status(row.get("status"), number, keys)
        if "done" in row:
            row["done"] = self._date(row["done"], "done", number, keys)
        date = self._date(row.get("date"), "date", number, keys)
        deadline = _text(row.get("deadline"))
        words_changed = deadline != _text(original["deadline"])
        date_changed = date != (original["date"] or None)
        if words_changed and not date_changed:
            date = None   # the words say when now; the old date would contradict them
        if date_changed and not words_changed:
            deadline = ""   # the date says when now; the words follow it
        if words_changed or date_changed:
            measure.deadline = _deadline(deadline, date, self.tasks.doc)

    def _status(self, value, number: int, keys) -> None:
        if value in (None, ""):
            return
        choices = status_choices()
        if str(value).strip() not in choices:
            raise ReadError(f"{self._cell('status', number, keys)}: 完成状态「{value}」is not one of "
                            f"{'、'.join(choices)}", self.label)

    def _date(self, value, key: str, number: int, keys) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        found = _DATE.match(str(value)) if isinstance(value, str) else None
        if found:
            try:
                return dt.date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                pass
        header = next(c.header for c in self.columns if c.key == key)
        raise ReadError(f"{self._cell(key, number, keys)}: {header}「{value}」is not a date "
                        "(write it as 2025-12-31)", self.label)

    def _cell(self, key: str, number: int, keys) -> str:
        index = next(i for i, k in keys.items() if k == key)
        return f"{LEDGER_SHEET}!{_letter(index)}{number}"


def _deadline(text: str, date: dt.date | None, doc: PolicyDocument) -> Deadline | None:
    """The deadline of a row: its 完成时限 as written, dated by 截止日期 or by
    reading the words (``2025年底前``)."""
    if not text and date is None:
        return None
    from ..extract.deadlines import plan_year, read_deadline_value

    found = read_deadline_value(text, plan_year(doc.document.plan_title or doc.document.title),
                                doc.document.date) if text else None
    if not text:
        text = f"{date.year}年{date.month}月{date.day}日前"
    iso = date.isoformat() if date else found.date if found else None
    kind = "by_date" if date else found.kind if found else "other"
    return Deadline(text=text, date=iso, kind=kind, span=None, scope="measure")


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _names(value) -> list[str]:
    """Unit names as an office types them into a cell: between 、，；, spaces or
    line breaks, but not inside brackets (各县（市、区）人民政府 is one name)."""
    names: list[str] = []
    current, depth = "", 0
    for ch in _text(value) + "、":
        depth = max(0, depth + (ch in _OPEN) - (ch in _CLOSE))
        if ch in _SEPARATORS and depth == 0:
            if current and current not in names:
                names.append(current)
            current = ""
        else:
            current += ch
    return names


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)

