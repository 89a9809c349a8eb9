"""Annex tables written one cell per line in text.

A .txt copy of a web page or a PDF keeps a table as its cells, one per line::

    附件2 / 分工安排表 / 编号 / 任务名称 / 任务内容 / 责任单位 / 协助单位 /
    1 / 建设社区健身场地。 / 利用边角空地… / 东湖区政府 / 市体育局 /
    新建场地统一接入… / 市体育局 / 市大数据局 / 2 / …

Such a table is found by its header, a run of short one-cell lines that name
columns (``data/annex.toml``), and its rows are rebuilt into the ``Table``
the .docx/.html/.pdf readers give, so one piece of code joins them to the
measures (``annex.py``):

- a row starts at its number (a bare number line, or ``1.`` opening the
  first cell) and its cells fill the columns in order;
- cells beyond a full row are rows of their own whose first cells are merged
  with the row above (a 工作事项 with several 主要内容): as in a .docx table,
  the merged cell is the same ``Cell`` object in both rows;
- a row with fewer cells than columns had empty cells: a list of unit names
  goes to a unit column, a deadline to the deadline column, text to a text column.

Tables without a unit column (indicator tables: 指标名称 / 目标值) are found
too, so that their rows are never read as outline items.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from ..data import read_toml
from ..normalize import Normalized
from ..outline import is_heading_line
from ..readers.result import Cell, Table
from .assignments import _split_depth0, lang as unit_lang, split_units
from .deadlines import read_deadline_value

_UNIT_ROLES = frozenset({"lead", "responsible", "co"})
_TEXT_ROLES = frozenset({"task", "content", "indicator"})
_MAX_COLUMNS = 10
_INDICATOR_CELL_MAX = 80
_UNIT_NAME_MAX = 20
_PUNCT = re.compile("[。，；：！？]")
_HINT = re.compile(r"(?m)^(?=[^\n]{2,14}$)[^\n]*?(?:单位|部门|主体|指标|目标值|牵头)")


@dataclass
class TextTable:
    table: Table
    start: int        # normalised start of the annex block (its 附件 line or caption, else the header)
    end: int          # normalised end of its last row
    kind: str         # "tasks" (a unit column) or "indicators"
    annex: bool       # introduced by an 附件 line


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Lang:
    roles: tuple[tuple[str, re.Pattern[str]], ...]
    header_min: int
    header_cell_max: int
    fragments: int
    fragment_max: int
    task_annex: re.Pattern[str]
    unit_level: re.Pattern[str]
    annex_line: re.Pattern[str]
    caption: re.Pattern[str]
    caption_end: re.Pattern[str]
    table_end: re.Pattern[str]
    row_number: re.Pattern[str]


@lru_cache(maxsize=1)
def _lang() -> _Lang:
    d = read_toml("annex.toml")
    return _Lang(tuple((role, re.compile(d[role])) for role in d["roles"]), d["header_min"], d["header_cell_max"],
                 d["header_fragments"], d["header_fragment_max"],
                 re.compile("(?m)" + read_toml("headings.toml")["annex_table"] + ".*$"),
                 re.compile(f"^(?:{d['unit_levels']})"),
                 re.compile(d["annex_line"]), re.compile(d["caption"]), re.compile(d["caption_end"]),
                 re.compile(d["table_end"]),
                 re.compile(d["row_number"]))


_WORD = re.compile(r"[\w\u3400-\u9fff]")


def column_key(text: str) -> str:
    """Letters, digits and Chinese characters only: how headings and cells are compared."""
    return "".join(ch for ch in text if _WORD.match(ch))


def column_role(text: str) -> str | None:
    """The role of a column heading (``牵头单位`` → lead), or None."""
    key = column_key(text)
    if not key or len(key) > _lang().header_cell_max:
        return None
    for role, pattern in _lang().roles:
        if pattern.search(key):
            return role
    return None


def find_text_tables(norm: Normalized, known: Sequence[Table] = ()) -> list[TextTable]:
    """Annex tables of the normalised text written one cell per line, except
    those a reader already gave (``known``)."""
    text = norm.text
    taken = sorted(norm.from_source(row[0].span[0]) for t in known for row in t.rows[:1] if row)
    out: list[TextTable] = []
    pos = 0
    damaged = [m.end() + 1 for m in _lang().task_annex.finditer(text)]
    for hint in _HINT.finditer(text):
        if hint.start() < pos:
            continue
        header = _header_run(text, hint.start())
        if header is None:
            header = next((h for a in damaged if a <= hint.start() and (h := _interleaved_header(text, a))
                           and h[0].start <= hint.start() <= h[-1].end), None)
        if header is None or any(header[0].start <= k <= header[-1].end for k in taken):
            continue
        found = _read_table(norm, header)
        if found is not None:
            out.append(found)
            pos = found.end
    return out


def unread_task_headers(norm: Normalized, found: Sequence[TextTable]) -> list[tuple[int, int]]:
    """Spans (normalised) of column-heading runs that name a unit column but head
    none of the tables ``found`` (those that gave task rows), and of the lines
    that open its numbered rows: a task table whose rows could not be rebuilt or
    named no unit, for staff to check row by row."""
    text = norm.text
    read = [(t.start, t.end) for t in found]
    out: list[tuple[int, int]] = []
    pos = 0
    for hint in _HINT.finditer(text):
        if hint.start() < pos:
            continue
        header = _header_run(text, hint.start())
        if header is None:
            continue
        pos = header[-1].end
        roles = {column_role(line.text) for line in header}
        if _UNIT_ROLES & roles and not any(s <= header[0].start <= e for s, e in read):
            out.append((header[0].start, header[-1].end))
            out.extend(_row_starts(text, header[-1]))
    return out


def _row_starts(text: str, last: _Line) -> list[tuple[int, int]]:
    """The lines that open rows 1, 2, 3 … after a table's header, up to its end."""
    L = _lang()
    out: list[tuple[int, int]] = []
    expected = 1
    line = _next(text, last)
    while line is not None and not L.table_end.match(line.text) and len(out) < _MAX_ROW_FLAGS:
        m = L.row_number.match(line.text)
        if m and int(m.group("num")) == expected:
            out.append((line.start, line.end))
            expected += 1
        line = _next(text, line)
    return out


_MAX_ROW_FLAGS = 500


# ---------------------------------------------------------------- lines

def _line_at(text: str, pos: int) -> _Line:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end == -1 else end
    return _Line(start, end, text[start:end])


def _next(text: str, line: _Line) -> _Line | None:
    return _line_at(text, line.end + 1) if line.end < len(text) else None


def _prev(text: str, line: _Line) -> _Line | None:
    return _line_at(text, line.start - 1) if line.start > 0 else None


def _is_heading_cell(line: _Line) -> bool:
    return (not _PUNCT.search(line.text) and not _lang().caption_end.search(line.text)
            and column_role(line.text) is not None)


def _header_run(text: str, pos: int) -> list[_Line] | None:
    """The run of column-heading lines around ``pos``, if it heads a table."""
    here = _line_at(text, pos)
    if not _is_heading_cell(here):
        return None
    run = [here]
    while (p := _prev(text, run[0])) is not None and _is_heading_cell(p):
        run.insert(0, p)
    while (n := _next(text, run[-1])) is not None and _is_heading_cell(n):
        run.append(n)
    roles = [column_role(line.text) for line in run]
    if len(run) < _lang().header_min or len(run) > _MAX_COLUMNS + 1:
        return None
    has_units = bool(_UNIT_ROLES & set(roles))
    if has_units and not ({"task", "content", "number"} & set(roles)):
        return None
    if not has_units and roles.count("indicator") + roles.count("number") < 2:
        return None
    return run


def _interleaved_header(text: str, start: int) -> list[_Line] | None:
    """The headings under a task-table annex line at ``start`` when pieces of
    the first row's wrapped cells stand between them; the pieces are dropped."""
    L = _lang()
    if start >= len(text):
        return None
    line: _Line | None = _line_at(text, start)
    headings: list[_Line] = []
    pieces = 0
    while line is not None and pieces <= L.fragments:
        if _is_heading_cell(line):
            headings.append(line)
        elif len(line.text) <= L.fragment_max and not _PUNCT.search(line.text) and headings:
            pieces += 1
        else:
            break
        line = _next(text, line)
    roles = {column_role(h.text) for h in headings}
    if pieces == 0 or len(headings) < 2 or not (_UNIT_ROLES & roles) or not ({"task", "content"} & roles):
        return None
    return headings


# ---------------------------------------------------------------- cells

def _kind(text: str) -> str:
    """What a cell looks like: "units", "deadline" or "text"."""
    if not text or "。" in text:
        return "text"
    parts = [p.strip() for p in _split_depth0(text, "、，；/") if p.strip()]
    suffix = unit_lang().suffix_re
    named = all(len(p) <= _UNIT_NAME_MAX and suffix.search(re.sub(r"等$", "", p)) for p in parts)
    units = split_units(text) if named else []
    if units and sum(len(u) for u in units) >= 0.6 * len(column_key(text)):
        return "units"
    if len(text) <= 24 and read_deadline_value(text) is not None:
        return "deadline"
    return "text"


_FIT = {
    ("units", "unit"): 2, ("units", "text"): -1, ("units", "deadline"): -2,
    ("text", "unit"): -3, ("text", "text"): 1, ("text", "deadline"): -2,
    ("deadline", "unit"): -3, ("deadline", "text"): 0, ("deadline", "deadline"): 2,
}


def _fit(kind: str, role: str) -> int:
    if role == "other":
        return 0
    group = "unit" if role in _UNIT_ROLES else "deadline" if role == "deadline" else "text"
    return _FIT[(kind, group)]


def _place(kinds: list[str], roles: list[str]) -> tuple[list[int], int]:
    """Which columns ``kinds`` (fewer than the columns) fill, in order: the best fit,
    ties to the earlier columns."""
    best: tuple[int, tuple[int, ...]] | None = None
    for cols in combinations(range(len(roles)), len(kinds)):
        score = sum(_fit(k, roles[c]) for k, c in zip(kinds, cols))
        if best is None or score > best[0]:
            best = (score, cols)
    return (list(best[1]), best[0]) if best else ([], 0)


# ---------------------------------------------------------------- rows

def _columns_of(header: list[_Line]) -> list[_Line]:
    """The header's columns in order. A group heading over two sub-headings
    (责任单位 over 牵头 and 配合), written before the header's second row, is
    replaced by its sub-headings."""
    roles = [column_role(line.text) for line in header]
    tail = 0
    while tail < len(roles) and roles[len(roles) - 1 - tail] in ("lead", "co"):
        tail += 1
    if tail < 2 or "responsible" not in roles[:len(roles) - tail]:
        return header
    group = roles.index("responsible")
    subs = header[len(header) - tail:]
    return header[:group] + subs + header[group + 1:len(header) - tail]


def _read_table(norm: Normalized, header: list[_Line]) -> TextTable | None:
    text, L = norm.text, _lang()
    columns_in_order = _columns_of(header)
    roles = [column_role(line.text) or "other" for line in columns_in_order]
    numbered = roles[0] == "number"
    columns = roles[1:] if numbered else roles
    kind = "tasks" if _UNIT_ROLES & set(roles) else "indicators"

    def cell(start: int, end: int) -> Cell:
        return Cell(text[start:end], norm.to_source(start, end)) if end > start else Cell("", norm.to_source(start, start))

    body: list[_Line] = []
    line = _next(text, header[-1])
    while line is not None and not L.table_end.match(line.text):
        if line.text and _is_heading_cell(line) and _header_run(text, line.start) is not None:
            break
        if kind == "indicators" and len(line.text) > _INDICATOR_CELL_MAX:
            break
        body.append(line)
        line = _next(text, line)

    if kind == "tasks" and _UNIT_ROLES & set(columns) and not any(_kind(b.text) == "units" for b in body):
        body = _split_glued_units(body)   # every unit cell glued to the text before it
    rows: list[list[Cell]] = [[cell(h.start, h.end) for h in columns_in_order]]
    last = header[-1].end
    if numbered:
        groups = _number_groups(body)
        for number, first, group in groups:
            got = _group_rows(norm, number, first, group, columns, cell)
            if not got:
                break
            rows.extend(got[0])
            last = got[1]
    else:
        got = _unnumbered_rows(body, columns, cell)
        if got:
            rows.extend(got[0])
            last = got[1]
    if len(rows) < 2:
        return None
    start = _block_start(text, header[0])
    annex = bool(L.annex_line.match(_line_at(text, start).text))
    return TextTable(Table(rows), start, last, kind, annex)


def _split_glued_units(body: list[_Line]) -> list[_Line]:
    """Lines whose text ends with a list of unit names (…开发精细化市工信局),
    split into the text cell and the unit cell."""
    out: list[_Line] = []
    for line in body:
        cut = _glued_units(line.text)
        if cut is None:
            out.append(line)
        else:
            out += [_Line(line.start, line.start + cut, line.text[:cut]),
                    _Line(line.start + cut, line.end, line.text[cut:])]
    return out


def _glued_units(text: str) -> int | None:
    """Where a list of unit names glued to the end of ``text`` starts, if one is."""
    from ..nlp import words
    from .assignments import is_unit

    level = _lang().unit_level
    if len(text) < 8 or _PUNCT.search(text[-1]):
        return None
    tail_start = max(text.rfind(ch) for ch in "。；，：") + 1
    items = text[tail_start:].split("、")
    pos = len(text)
    for item in reversed(items):
        pos -= len(item)
        if level.match(item) and is_unit(item):
            pos -= 1   # the 、 before it
            continue
        # The first unit of the list, glued to the words before it: it opens
        # with a word that starts with a level (市, 省…), 市工信局 in 精细化|市工|信局.
        at = 0
        for word in words(item):
            i = at
            at += len(word)
            if i == 0 or not level.match(item[i:]):
                continue
            if level.match(item[i + 1:]):
                i += 1   # 园区|区市工信局: the level word is the second
            if len(item) - i >= 3 and is_unit(item[i:]):
                return pos + i
        return None
    return None


def _unnumbered_rows(body: list[_Line], columns: list[str], cell):
    """Rows of a table without a number column: full rows, and rows whose
    first cells are merged with the last full row, told apart by what their
    cells look like; None if no row fits."""
    k = len(columns)
    kinds = [_kind(line.text) for line in body]
    rows: list[list[Cell]] = []
    full: list[Cell] | None = None
    end, i = 0, 0
    split: set[int] = set()
    while i < len(body):
        if i + k <= len(body) and _fits(kinds[i:i + k], columns, strict=True):
            full = [cell(line.start, line.end) for line in body[i:i + k]]
            rows.append(full)
            end, i = body[i + k - 1].end, i + k
            continue
        for merged in range(1, k) if full is not None else ():
            width = k - merged
            if i + width <= len(body) and _fits(kinds[i:i + width], columns[merged:], strict=True):
                rows.append(full[:merged] + [cell(line.start, line.end) for line in body[i:i + width]])
                end, i = body[i + width - 1].end, i + width
                break
        else:
            # No row fits: a unit cell may be glued to the text cell before it.
            glued = _split_glued_units([body[i]]) if i not in split else [body[i]]
            if len(glued) == 1:
                break
            split.add(i)
            body = body[:i] + glued + body[i + 1:]
            kinds = kinds[:i] + [_kind(line.text) for line in glued] + kinds[i + 1:]
            split = {j + 1 if j > i else j for j in split} | {i}
    return (rows, end) if rows else None


def _number_groups(body: list[_Line]) -> list[tuple[_Line, _Line | None, list[_Line]]]:
    """(number line, first cell glued to the number or None, the cell lines after it) per row."""
    groups: list[tuple[_Line, _Line | None, list[_Line]]] = []
    expected = 1
    for i, line in enumerate(body):
        if _section_row(line, body[i + 1] if i + 1 < len(body) else None, expected):
            continue
        m = _lang().row_number.match(line.text)
        if m and int(m.group("num")) == expected:
            expected += 1
            number = _Line(line.start, line.start + len(m.group("num")), m.group("num"))
            first = None
            if m.group("rest"):
                first = _Line(line.start + m.start("rest"), line.end, m.group("rest"))
            groups.append((number, first, []))
        elif groups:
            groups[-1][2].append(line)
        else:
            return []   # cells before the first number: not a numbered table
    return groups


def _section_row(line: _Line, after: _Line | None, expected: int) -> bool:
    """Is ``line`` a row spanning the table that heads a group of its rows
    (一、提升政务服务效能), standing just before the row numbered ``expected``?"""
    if after is None or _PUNCT.search(line.text) or not is_heading_line(line.text):
        return False
    m = _lang().row_number.match(after.text)
    return m is not None and int(m.group("num")) == expected and _lang().row_number.match(line.text) is None


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Lines of one cell that the table's width wrapped: a line that ends inside a
    sentence or a list (…城市车展，/ 市发展改革委、) goes on in the next line."""
    out: list[_Line] = []
    for line in lines:
        if out and out[-1].text.endswith(_WRAPPED_ENDS):
            prev = out[-1]
            out[-1] = _Line(prev.start, line.end, prev.text + line.text)
        else:
            out.append(line)
    return out


_WRAPPED_ENDS = ("，", "、", "；", ",", ";")


def _group_rows(norm, number: _Line, first: _Line | None, group: list[_Line], columns: list[str], cell):
    """The rows of one numbered group, and the end of its last cell; None if it does not fit."""
    lines = _join_wrapped(([first] if first else []) + group)
    kinds = [_kind(line.text) for line in lines]
    k = len(columns)
    number_cell = cell(number.start, number.end)
    if not lines:
        return None
    if len(lines) <= k:
        placed, _ = _place(kinds, columns) if len(lines) < k else (list(range(k)), 0)
        row = [number_cell] + [cell(number.end, number.end) for _ in columns]
        for line, col in zip(lines, placed):
            row[1 + col] = cell(line.start, line.end)
        return [row], lines[-1].end
    # More cells than columns: a full row, then rows whose first cells are merged with it.
    full = [number_cell] + [cell(line.start, line.end) for line in lines[:k]]
    rest, rest_kinds = lines[k:], kinds[k:]
    best = None
    for merged in range(1, k):
        width = k - merged
        usable = len(rest) - len(rest) % width
        if not usable:
            continue
        score = sum(_fit(rest_kinds[i], columns[merged + i % width]) for i in range(usable))
        if best is None or (usable, score) > (best[1], best[2]):
            best = (merged, usable, score)
    rows = [full]
    end = lines[k - 1].end
    if best is None:
        return rows, end
    merged, usable, _ = best
    width = k - merged
    for i in range(0, usable, width):
        chunk = rest[i:i + width]
        if not _fits(rest_kinds[i:i + width], columns[merged:]):
            break   # the table ended: what follows is text after it
        rows.append(full[:1 + merged] + [cell(line.start, line.end) for line in chunk])
        end = chunk[-1].end
    return rows, end


def _fits(kinds: list[str], roles: list[str], strict: bool = False) -> bool:
    """Do these cells read as one row of these columns: no worse than neutral
    (``strict``: no cell in a column of another kind), and a list of units in a
    unit column when the row has one?"""
    fits = [_fit(k, r) for k, r in zip(kinds, roles)]
    if sum(fits) < 0 or (strict and min(fits, default=0) < 0):
        return False
    unit_cols = [k for k, r in zip(kinds, roles) if r in _UNIT_ROLES]
    return not unit_cols or "units" in unit_cols


def _block_start(text: str, header: _Line) -> int:
    """Where the annex holding a table starts: its 附件 line or caption just above the header."""
    L = _lang()
    start = header.start
    line = _prev(text, header)
    for _ in range(2):
        if line is None:
            break
        if L.annex_line.match(line.text):
            return line.start
        if _PUNCT.search(line.text) or not L.caption.match(line.text):
            break
        start = line.start
        line = _prev(text, line)
    return start
