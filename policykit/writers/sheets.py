"""The Word task-assignment sheets: one per department, and the summary (总表).

What a sheet holds, top to bottom: the ``附件N`` label when asked, the title
``《计划名称》重点任务分工表`` (broken at word boundaries), the 文号, the
department, a line counting the tasks, the table, and the document's own
note on roles (``注：列第一位者为牵头单位。``). Every row keeps the task's 序号
of the summary sheet; a department's sheet lists the tasks it leads and
those it supports in two blocks, its own name in bold in the unit cells.

Columns are titled with the document's own role words (``TaskList.roles``);
a column empty for the whole sheet is left out, except 完成时限; the widths
come from ``layout.plan_columns``. These builders only say what goes in
which cell; how it looks is ``gbt9704``'s business.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..model import Document, Unit
from .gbt9704 import CellValue, Column, OfficialDocument, SheetFormat, font_size, table_line_pt
from .layout import ColumnSpec, balanced_lines, line_count, name_lines, pack_names, plan_columns, text_width
from .tasks import Named, Task, TaskList, section_heading

SUMMARY_NAME = "总表"
SHEET_KIND = "重点任务分工表"
_CHINESE_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SheetOptions:
    """What an office may set for the sheets of one document (``assign`` options)."""

    #: the document's name as the title prints it (``--title``); default the plan's own title
    title: str | None = None
    #: print ``附件N`` above the title (``--attachment N``)
    attachment: int | None = None
    #: the 文号 printed under the title (``--doc-number``); default the document's
    doc_number: str | None = None


def department_sheet(fmt: SheetFormat, tasks: TaskList, unit: Unit, options: SheetOptions = SheetOptions()) -> bytes:
    """The tasks ``unit`` leads, then those it supports, in two blocks."""
    blocks = tasks.blocks(unit)
    sheet = _open(fmt, tasks, options)
    sheet.subtitle(unit.name)
    counts = "，".join(f"{block.title[:-2]}{len(block.tasks)}项" for block in blocks)
    total = sum(len(block.tasks) for block in blocks)
    sheet.count(f"共{total}项任务" + (f"（{counts}）" if len(blocks) > 1 else ""))
    rows = [task for block in blocks for task in block.tasks]
    table = _Table(sheet, fmt, tasks, rows, context=True, own=unit.name)
    for number, block in enumerate(blocks):
        table.section(f"{_CHINESE_NUMBERS[number]}、{block.title}（{len(block.tasks)}项）")
        for task in block.tasks:
            table.task(task)
    _close(sheet, tasks)
    return sheet.to_bytes()


def summary_sheet(fmt: SheetFormat, tasks: TaskList, options: SheetOptions = SheetOptions()) -> bytes:
    """Every task of the document, under the headings of its sections with their counts."""
    sheet = _open(fmt, tasks, options)
    sheet.count(f"共{len(tasks.tasks)}项任务")
    table = _Table(sheet, fmt, tasks, tasks.tasks, context=False)
    counts = _section_counts(tasks.tasks)
    above: tuple = ()
    for task in tasks.tasks:
        shared = _common_prefix(above, task.sections)
        for section in task.sections[shared:]:
            table.section(f"{section_heading(section)}（{counts[section.id]}项）")
        above = task.sections
        table.task(task)
    _close(sheet, tasks)
    return sheet.to_bytes()


def _open(fmt: SheetFormat, tasks: TaskList, options: SheetOptions) -> OfficialDocument:
    sheet = fmt.new_document()
    if options.attachment is not None:
        sheet.attachment(f"附件{options.attachment}")
    title = sheet_title(tasks.doc.document, options.title)
    capacity = _chars_in(sheet.text_width_mm, fmt.roles["title"].size_pt) - 1
    sheet.title(title_lines(title, capacity))
    number = options.doc_number or tasks.doc.document.doc_number
    if number:
        sheet.subtitle(f"（{number}）")
    return sheet


def _close(sheet: OfficialDocument, tasks: TaskList) -> None:
    if tasks.roles.note:
        sheet.note(f"注：{tasks.roles.note.rstrip('。')}。")


# -- the title ---------------------------------------------------------------------


def document_name(document: Document) -> str | None:
    """The name of the plan whose tasks the sheets hand out: the plan a 印发
    notice wraps (``plan_title``), else the document's title."""
    return document.plan_title or document.title


def sheet_title(document: Document, name: str | None = None, kind: str = SHEET_KIND) -> str:
    """``《计划名称》重点任务分工表`` (``kind`` names what it is); titles cited inside
    the name take 〈〉, as in print. A document without a title is named by its
    issuer and date."""
    name = (name or "").strip().removeprefix("《").removesuffix("》") or document_name(document)
    if name:
        return f"《{name.replace('《', '〈').replace('》', '〉')}》{kind}"
    issued = "".join(p for p in (document.issuer, _chinese_date(document.date)) if p)
    return f"{issued}印发文件{kind}" if issued else kind


def title_lines(title: str, capacity: float) -> list[str]:
    """The title on balanced lines of at most ``capacity`` characters, broken
    between jieba words; brackets and marks stay with the word they belong to."""
    if text_width(title) <= capacity:
        return [title]   # no need to load the dictionary
    return balanced_lines(_words(title), capacity)


def _glued(words: list[str]) -> list[str]:
    """Opening marks joined to the word after them, closing marks to the word
    before, and a bracket kept whole with the word it follows (各县（市、区）
    人民政府 may break after the bracket, never inside it)."""
    out: list[str] = []
    pending = ""
    depth = 0
    for word in words:
        if out and not pending and (depth > 0 or word[:1] in _BRACKET_OPEN):
            out[-1] += word
        elif word and set(word) <= _OPENING:
            pending += word
        elif word and set(word) <= _CLOSING and out and not pending:
            out[-1] += word
        else:
            out.append(pending + word)
            pending = ""
        depth = max(0, depth + sum(ch in _BRACKET_OPEN for ch in word) - sum(ch in _BRACKET_CLOSE for ch in word))
    if pending:
        out.append(pending)
    return out


_OPENING = set("《〈（(“‘【〔")
_BRACKET_OPEN = set("（(【〔")
_BRACKET_CLOSE = set("）)】〕")
_CLOSING = set("》〉）)”’】〕、，。：；")


def _chars_in(width_mm: float, size_pt: float) -> float:
    """How many full-width characters of ``size_pt`` a width holds."""
    return width_mm / (size_pt * 25.4 / 72)


# -- the table ---------------------------------------------------------------------


class _Table:
    """A sheet's table: its columns chosen and sized for ``rows``, then filled."""

    def __init__(self, sheet: OfficialDocument, fmt: SheetFormat, tasks: TaskList, rows: Sequence[Task],
                 context: bool, own: str | None = None):
        config = fmt.config
        self._roles = tasks.roles
        self._own = own
        self._context = context
        size_pt = font_size(config, config["table"]["size"])
        char_mm = size_pt * 25.4 / 72
        self._padding = 2 * config["table"]["cell_margin_mm"] / char_mm + 0.3
        self._line_mm = table_line_pt(config) * 25.4 / 72
        self._cell_margin_mm = config["table"]["cell_margin_mm"]
        self._body_mm = sheet.text_height_mm
        specs = self._specs(rows, config["columns"])
        widths = plan_columns(specs, sheet.text_width_mm / char_mm, self._padding,
                              config["columns"]["measure_min_share"])
        self._capacity = {key: width - self._padding for key, width in widths.items()}
        self._keys = [s.key for s in specs]
        self._table = sheet.table([Column(s.label, widths[s.key], s.align) for s in specs])

    def _specs(self, rows: Sequence[Task], limits: dict) -> list[ColumnSpec]:
        roles = self._roles
        pad = self._padding
        seq_width = max(2.0, text_width(str(max((t.seq for t in rows), default=1))))
        specs = [ColumnSpec("seq", "序号", lambda c: [1] * len(rows), seq_width + pad, align="center")]
        if any(self._heading(t) for t in rows):
            specs.append(ColumnSpec("task", "重点任务", lambda c: [line_count(self._heading(t), c) for t in rows],
                                    4 + pad, [w + pad for w in limits["task_chars"]]))
        specs.append(ColumnSpec("measure", "具体措施",
                                lambda c: [line_count(t.measure.text, c) for t in rows], 0, rest=True))
        for key, label in self._unit_columns():
            names = [self._names(t, key) for t in rows]
            if not any(names):
                continue
            longest = max(text_width(n.written) for row in names for n in row) + text_width("、")
            least = max(text_width(label), min(longest, limits["unit_max_chars"])) + pad
            widest = max(least, limits["unit_widest_chars"] + pad)
            choices = [least + step for step in range(int(widest - least) + 1)]
            written = [[n.written for n in row] for row in names]
            specs.append(ColumnSpec(key, label, _name_lines(written), least, choices,
                                    penalty=_broken_names(written, limits["broken_name_lines"])))
        longest = max((text_width(t.deadline) for t in rows), default=0)
        deadline = max(text_width("完成时限"), min(longest, limits["deadline_max_chars"])) + pad
        specs.append(ColumnSpec("deadline", "完成时限", lambda c: [line_count(t.deadline, c) for t in rows],
                                deadline, align="center"))
        return specs

    def _unit_columns(self) -> list[tuple[str, str]]:
        if self._roles.one_column:
            return [("units", self._roles.lead)]
        return [("lead", self._roles.lead), ("co", self._roles.co)]

    def _names(self, task: Task, key: str) -> tuple[Named, ...]:
        return {"lead": task.lead, "co": task.co, "units": task.lead + task.co}[key]

    def _heading(self, task: Task) -> str:
        """重点任务: the task's title, else its own heading's; on a department's sheet,
        which has no section rows, else the heading it stands under."""
        if self._context:
            return task.context
        own = task.own_section.title if task.own_section else None
        return task.title or own or ""

    def section(self, text: str) -> None:
        self._table.section_row(text)

    def task(self, task: Task) -> None:
        cells: dict[str, CellValue] = {
            "seq": str(task.seq),
            "task": self._heading(task),
            "measure": task.measure.text,
            "deadline": task.deadline,
        }
        for key in ("lead", "co", "units"):
            if key in self._capacity:
                cells[key] = self._unit_cell(self._names(task, key), self._capacity[key])
        self._table.row([cells[key] for key in self._keys], keep_whole=self._fits_on_a_page(task, cells))

    def _fits_on_a_page(self, task: Task, cells: dict[str, CellValue]) -> bool:
        lines = [line_count(task.measure.text, self._capacity["measure"])]
        if "task" in self._capacity:
            lines.append(line_count(self._heading(task), self._capacity["task"]))
        for key in ("lead", "co", "units"):
            if key in self._capacity:
                lines.append(len(cells[key]))   # one paragraph a line
        height = max(lines) * self._line_mm + 2 * self._cell_margin_mm
        return height < 0.9 * self._body_mm

    def _unit_cell(self, names: Sequence[Named], capacity: float) -> list[list[tuple[str, bool]]]:
        """The names on lines broken between names (a long one between its words),
        this sheet's department in bold."""
        own = [self._own is not None and n.unit == self._own for n in names]
        lines = pack_names([n.written for n in names], capacity, split=_words)
        cell = []
        for number, line in enumerate(lines):
            runs = []
            for place, (index, text) in enumerate(line):
                runs.append((text, own[index]))
                ends_name = number == len(lines) - 1 or place < len(line) - 1 or lines[number + 1][0][0] != index
                if ends_name and index < len(names) - 1:
                    runs.append(("、", False))
            cell.append(_merge_runs(runs))
        return cell or [[("", False)]]


def _words(text: str) -> list[str]:
    """jieba's words of a title or a unit name (jieba alone: no spaCy needed to write a sheet)."""
    from ..nlp import jieba_tokenizer

    return _glued(jieba_tokenizer().lcut(text))


def _name_lines(rows: list[list[str]]) -> Callable[[float], list[int]]:
    return lambda capacity: [name_lines(names, capacity) for names in rows]


def _broken_names(rows: list[list[str]], cost: float) -> Callable[[float], float]:
    """What a capacity costs in names broken over lines (the separator after a name counts)."""
    widths = [text_width(name) + (text_width("、") if n < len(names) - 1 else 0)
              for names in rows for n, name in enumerate(names)]
    return lambda capacity: cost * sum(width > capacity + 1e-9 for width in widths)


def _merge_runs(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    merged: list[tuple[str, bool]] = []
    for text, bold in runs:
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        else:
            merged.append((text, bold))
    return merged


def _section_counts(tasks: Sequence[Task]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for task in tasks:
        for section in task.sections:
            counts[section.id] = counts.get(section.id, 0) + 1
    return counts


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
