"""Annex task-assignment tables (任务分工表) joined back to the measures.

A table whose header names a 牵头单位 column is read row by row; each row is
matched to the measure whose heading or text it repeats, and gives that
measure its units (when the body gave none) and its deadline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import read_toml
from ..model import Warning
from .assignments import split_units
from .measures import FoundMeasure

_WORD = re.compile(r"[\w\u3400-\u9fff]")


def _key(text: str) -> str:
    return "".join(ch for ch in text if _WORD.match(ch))


@dataclass
class TableRow:
    tasks: list[str]
    lead: list[str]
    co: list[str]
    deadline: str | None
    deadline_span: tuple[int, int] | None
    span: tuple[int, int]


@lru_cache(maxsize=1)
def _columns() -> dict[str, re.Pattern[str]]:
    return {role: re.compile(pattern) for role, pattern in read_toml("annex.toml").items()}


def _header(row) -> dict[str, list[int]] | None:
    roles: dict[str, list[int]] = {}
    cols = _columns()
    for i, cell in enumerate(row):
        head = _key(cell.text)
        for role in ("lead", "responsible", "co", "deadline", "task"):
            if cols[role].search(head) and len(head) <= 12:
                roles.setdefault(role, []).append(i)
                break
    if "lead" not in roles and "responsible" not in roles:
        return None
    return roles


def read_task_tables(tables) -> list[TableRow]:
    """Rows of every table that has a lead-unit column."""
    out: list[TableRow] = []
    for table in tables:
        rows = table.rows
        for h in range(min(3, len(rows))):
            roles = _header(rows[h])
            if roles:
                break
        else:
            continue
        for row in rows[h + 1:]:
            def cells(role):
                seen, texts = set(), []
                for i in roles.get(role, []):
                    if i < len(row) and id(row[i]) not in seen and row[i].text.strip():
                        seen.add(id(row[i]))
                        texts.append(row[i])
                return texts
            lead_cells = cells("lead")
            resp_cells = cells("responsible")
            lead = [u for c in lead_cells for u in split_units(c.text)]
            resp = [u for c in resp_cells for u in split_units(c.text)]
            co = [u for c in cells("co") for u in split_units(c.text)]
            if lead:
                co += [u for u in resp if u not in co]
            else:
                lead = resp
            tasks = [c.text for c in cells("task")]
            if not tasks:
                tasks = [c.text for i, c in enumerate(row) if not any(i in v for v in roles.values())]
            dl = cells("deadline")
            spans = [c.span for c in row if c.text.strip()]
            if not (lead or co) or not spans:
                continue
            out.append(TableRow(tasks, lead, [u for u in co if u not in lead], dl[0].text if dl else None,
                                dl[0].span if dl else None, (spans[0][0], spans[-1][1])))
    return out


def join_rows(rows: list[TableRow], measures: list[FoundMeasure], text: str) -> list[Warning]:
    """Give each row's units and deadline to the measure it describes."""
    warnings: list[Warning] = []
    keys = [_key((m.title or "") + m.body(text)) for m in measures]
    titles = [_key(m.title or "") for m in measures]
    used: set[int] = set()
    for row in rows:
        hit = None
        for task in sorted(row.tasks, key=len, reverse=True):
            k = _key(task)
            if len(k) < 4:
                continue
            for i, mk in enumerate(keys):
                if i in used:
                    continue
                if k[:15] in mk or (titles[i] and len(titles[i]) >= 4 and titles[i] in k):
                    hit = i
                    break
            if hit is not None:
                break
        if hit is None:
            warnings.append(Warning("annex_row_unmatched",
                                    "a row of the task table matches no measure in the text", row.span))
            continue
        used.add(hit)
        m = measures[hit]
        if not m.lead and not m.co:
            m.lead, m.co = list(row.lead), list(row.co)
        if row.deadline:
            m.table_deadline = (row.deadline, row.deadline_span)
    return warnings
