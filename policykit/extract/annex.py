"""Annex task-assignment tables (任务分工表) joined back to the measures.

A table whose header names a 牵头单位 or 责任单位 column is read row by row:
tables the .docx/.html/.pdf readers give, and tables written one cell per
line in text (``annex_text.py``). How its rows meet the measures depends on
where the units of the document live:

- The body assigns units itself: each row is matched to the measure whose
  heading or text it repeats, and gives that measure its units (when the body
  gave none) and its deadline. A row that matches nothing is reported.
- The body assigns none, and the table is an annex (the units live only
  there): the table is the task list. A row that names a measure of the body
  (its title, or the opening of its text) gives it its units and deadline;
  every other row is a measure of its own — titled by its task cell, or
  untitled when its task cell is merged with the row above (the second
  主要内容 of one 工作事项); body measures that no row names are not measures.

Tables without a unit column (indicator tables) give no measures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Span, Warning
from ..normalize import Normalized
from ..outline import Node, heading_title
from ..readers.result import Cell
from .annex_text import TextTable, column_key, column_role
from .assignments import split_units
from .measures import FoundMeasure

_MARKER = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[（(][一二三四五六七八九十\d]{1,3}(?=[\u4e00-\u9fff]))")
_ANNEX_LINE = re.compile(r"(?m)^附件\d{0,2}(?:[：:]|$)")
_MATCH_KEY = 15
_MIN_KEY = 4
_UNITS_IN_BODY = 0.2   # above this share of body measures with units, the body assigns its own


@dataclass
class TableRow:
    number: str | None
    title: Cell | None              # the task-name cell, when this row is the first to hold it
    content: list[Cell] = field(default_factory=list)   # the cells that say what to do
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    deadline: str | None = None
    deadline_span: Span | None = None
    span: Span = (0, 0)
    table: int = 0                  # which table the row comes from

    @property
    def tasks(self) -> list[str]:
        """The texts a row is recognised by: its task name, then its content."""
        return ([self.title.text] if self.title is not None else []) + [c.text for c in self.content]


def _header(row) -> dict[str, list[int]] | None:
    roles: dict[str, list[int]] = {}
    for i, cell in enumerate(row):
        role = column_role(cell.text)
        if role is not None:
            roles.setdefault(role, []).append(i)
    if "lead" not in roles and "responsible" not in roles:
        return None
    return roles


def read_task_tables(tables, first_is_lead: bool = False) -> list[TableRow]:
    """Rows of every table that has a lead-unit column. ``first_is_lead``: the
    document says the first unit of a list leads (注：责任单位中排在第一位的为牵头单位),
    so a 责任单位 cell without a 牵头单位 column gives its first unit as the lead."""
    out: list[TableRow] = []
    for t, table in enumerate(tables):
        rows = table.rows
        for h in range(min(3, len(rows))):
            roles = _header(rows[h])
            if roles:
                break
        else:
            continue
        seen_titles: set[int] = set()
        for row in rows[h + 1:]:
            def cells(*names):
                seen, found = set(), []
                for name in names:
                    for i in roles.get(name, []):
                        if i < len(row) and id(row[i]) not in seen and row[i].text.strip():
                            seen.add(id(row[i]))
                            found.append(row[i])
                return found
            lead = [u for c in cells("lead") for u in split_units(c.text)]
            resp = [u for c in cells("responsible") for u in split_units(c.text)]
            co = [u for c in cells("co") for u in split_units(c.text)]
            if lead:
                co += [u for u in resp if u not in co]
            elif first_is_lead and resp:
                lead, co = resp[:1], resp[1:] + [u for u in co if u not in resp]
            else:
                lead = resp
            names = cells("task")
            content = cells("content")
            if not names and not content:
                used = {i for v in roles.values() for i in v}
                content = [c for i, c in enumerate(row) if i not in used and c.text.strip()]
            title = names[0] if names and id(names[0]) not in seen_titles else None
            seen_titles.update(id(c) for c in names)
            if not names and content and len(content) > 1:
                title = None
            dl = cells("deadline")
            number = cells("number")
            spans = [c.span for c in row if c.text.strip()]
            if not (lead or co) or not spans:
                continue
            out.append(TableRow(number[0].text if number else None, title, content, lead,
                                [u for u in co if u not in lead], dl[0].text if dl else None,
                                dl[0].span if dl else None, (spans[0][0], spans[-1][1]), t))
    return out


def join_rows(rows: list[TableRow], measures: list[FoundMeasure], norm: Normalized,
              annex_tables: set[int] = frozenset()) -> tuple[list[FoundMeasure], list[Warning]]:
    """The measures once the task tables' rows are joined to them, and the
    warnings met. ``annex_tables``: the indexes of the tables that stand in an
    annex (only those can be the document's task list)."""
    text = norm.text
    with_units = sum(1 for m in measures if m.lead or m.co)
    task_list = [r for r in rows if r.table in annex_tables]
    if task_list and with_units <= _UNITS_IN_BODY * len(measures):
        return _rows_as_measures(task_list, measures, norm), []
    warnings: list[Warning] = []
    unmatched: list[TableRow] = []
    keys = [_key((m.title or "") + m.body(text)) for m in measures]
    titles = [_key(m.title or "") for m in measures]
    used: set[int] = set()
    for row in rows:
        hit = None
        for task in sorted(row.tasks, key=len, reverse=True):
            k = _key(task)
            if len(k) < _MIN_KEY:
                continue
            for i, mk in enumerate(keys):
                if i in used:
                    continue
                if k[:_MATCH_KEY] in mk or (titles[i] and len(titles[i]) >= _MIN_KEY and titles[i] in k):
                    hit = i
                    break
            if hit is not None:
                break
        if hit is None:
            unmatched.append(row)
            continue
        used.add(hit)
        m = measures[hit]
        if not m.lead and not m.co:
            m.lead, m.co = list(row.lead), list(row.co)
        if row.deadline:
            m.table_deadline = (row.deadline, row.deadline_span)
    for t in sorted({r.table for r in unmatched}):
        own = [r for r in rows if r.table == t]
        missed = [r for r in unmatched if r.table == t]
        if len(missed) >= _BODY_LIST_MIN and len(missed) * 2 > len(own):
            # a task table in the body whose rows name no measure of the text: the
            # rows are the tasks, and the measure the table stands in was its frame
            measures, missed = _body_list(own, measures, norm), []
        warnings += [Warning("annex_row_unmatched", "a row of the task table matches no measure in the text",
                             r.span) for r in missed]
    return measures, warnings


_BODY_LIST_MIN = 2


def _body_list(rows: list[TableRow], measures: list[FoundMeasure], norm: Normalized) -> list[FoundMeasure]:
    """``measures`` with the rows of a body task table as measures in place of the measure holding it.
    The document assigns its tasks then: a body measure without units (a 保障措施 item) is none."""
    first = _to_norm(norm, rows[0].span)[0]
    frame = next((m for m in measures if m.start <= first < m.end), None)
    kept = [m for m in measures if m is not frame and (m.lead or m.co)]
    return sorted(kept + _rows_as_measures(rows, [], norm, frame.node if frame else None), key=lambda m: m.start)


def _key(text: str) -> str:
    return column_key(_MARKER.sub("", text.strip()))


def _rows_as_measures(rows: list[TableRow], measures: list[FoundMeasure], norm: Normalized,
                      parent: Node | None = None) -> list[FoundMeasure]:
    """The table is the task list: each row is a measure, the body measure it names or one of its own
    (under ``parent``, else under an 附件 node)."""
    text = norm.text
    contents = [_key((m.title or "") + m.body(text)) for m in measures]
    titles = [_key(m.title or "") for m in measures]
    used: set[int] = set()
    out: list[FoundMeasure] = []
    annex: Node | None = None
    for row in rows:
        hit = _named_measure(row, titles, contents, used)
        if hit is not None:
            used.add(hit)
            m = measures[hit]
        else:
            if annex is None and parent is not None:
                annex = replace(parent, children=[])   # the rows' own parent; the outline stays as read
            elif annex is None:
                first = _to_norm(norm, row.span)[0]
                annex = Node("annex", "附件", "附件", 0, first, first, first)
            m = _row_measure(row, norm, annex)
            if m is None:
                continue
        m.lead, m.co = list(row.lead), list(row.co)
        if row.deadline:
            m.table_deadline = (row.deadline, row.deadline_span)
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


def _named_measure(row: TableRow, titles: list[str], contents: list[str], used: set[int]) -> int | None:
    """The body measure a row stands for: the row's task name is its title or
    opens its text; without a task name, the row's content opens its text."""
    if row.title is not None:
        name = _key(row.title.text)
        if len(name) < _MIN_KEY:
            return None
        for i, (title, content) in enumerate(zip(titles, contents)):
            if i not in used and (name == title or content.startswith(name[:_MATCH_KEY])):
                return i
        return None
    if not row.content:
        return None
    opening = _key(row.content[0].text)[:_MATCH_KEY]
    if len(opening) < _MIN_KEY:
        return None
    for i, content in enumerate(contents):
        if i not in used and content.startswith(opening):
            return i
    return None


def _to_norm(norm: Normalized, span: Span) -> tuple[int, int]:
    start = norm.from_source(span[0])
    while start < len(norm.text) and norm.text[start] == "\n":
        start += 1
    return start, max(start, norm.from_source(span[1]))


def _row_measure(row: TableRow, norm: Normalized, annex: Node) -> FoundMeasure | None:
    """A measure made of one table row: its task name is the title, its content the text."""
    cells = ([row.title] if row.title is not None else []) + row.content
    if not cells:
        return None
    spans = [_to_norm(norm, c.span) for c in cells]
    start, end = spans[0][0], spans[-1][1]
    if end <= start:
        return None
    number = row.number or str(len(annex.children) + 1)
    node = Node("annex_row", number, number, len(annex.children) + 1, start, start, end, end, parent=annex)
    annex.children.append(node)
    title = title_start = None
    body_start = start
    if row.title is not None and row.content:
        title = row.title.text.strip().rstrip("。；;.").strip() or None
        title_start = start
        body_start = spans[1][0]
    elif row.title is not None:
        # One task cell holding the task's heading phrase and its text
        # (推行企业开办“一日办结”。将企业设立登记…): the phrase is the title.
        phrase = heading_title(row.title.text)
        cell = row.title.text.strip()
        stop = norm.text.find("。", start, end)
        if phrase and len(phrase) < len(cell.rstrip("。")) and stop != -1:
            title, title_start, body_start = phrase, start, stop + 1
    return FoundMeasure(node, start, end, title, title_start, body_start)


def annex_indexes(tables, norm: Normalized, text_tables: list[TextTable]) -> set[int]:
    """Indexes of the tables (reader tables first, then ``text_tables``) that stand in an annex."""
    first_annex = _ANNEX_LINE.search(norm.text)
    out: set[int] = set()
    for i, table in enumerate(tables):
        cells = [c for row in table.rows for c in row if c.text.strip()]
        if not cells:
            continue
        if first_annex is not None and _to_norm(norm, cells[0].span)[0] > first_annex.start():
            out.add(i)
    offset = len(tables)
    out.update(offset + i for i, t in enumerate(text_tables) if t.annex)
    return out
