"""What the sheets and the ledger say about each measure of a document.

A ``Task`` is a measure as a person reading a task sheet sees it: its 序号 in
the summary sheet (``seq``, the same on every sheet and in the ledger), its
heading number (``二（一）1``), the headings it stands under, its units as
written with the department each stands for, and its 完成时限. ``TaskList``
answers the questions the writers ask: every task in document order, the
departments that get a sheet, the tasks one of them leads or supports, and
the words the document uses for those roles. Nothing here knows about Word
or Excel.

For the ledger and any other writer, the API is:

- ``TaskList(doc, deadline=None)``; ``deadline`` fills 完成时限 where the
  document states none (``--deadline``).
- ``tasks``: every ``Task`` in document order; ``task.seq`` is its 序号.
- ``departments()``: the units that get a sheet (placeholder groups left out),
  under their canonical names (``policykit.departments``).
- ``of_unit(unit)``: ``Assignment`` (task, role ``牵头``/``配合``, unit name) for
  the tasks a unit leads, then those it supports; ``blocks(unit)`` the same
  as two ``Block``\\ s with their titles (``牵头任务``, ``配合任务``).
- ``assignments()``: every (task, unit) pair, by task; ``unassigned()``: tasks no
  unit of the index leads or supports.
- ``roles``: ``RoleWords`` — the column labels (``牵头单位``/``配合单位``, or one
  ``责任单位`` column) and the document's own note (``列第一位者为牵头单位``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..data import read_toml
from ..model import Measure, PolicyDocument, Section, Unit

LEAD = "牵头"
CO = "配合"

#: Deadline.scope → Task.deadline_from
_DEADLINE_FROM = {"measure": "task", "section": "heading", "document": "document"}

# Punctuation that ends a heading marker (一、 1. 1．) and is dropped when the
# markers are joined into one number; brackets stay: 二（一）1.
_MARKER_END = "、.．,，:： \u3000"


@dataclass(frozen=True)
class Named:
    """A unit as a measure writes it, and the department of the units index it stands for."""

    written: str
    unit: str | None


@dataclass(frozen=True)
class Task:
    measure: Measure
    #: 序号: its place among all tasks of the document, from 1 (the summary sheet's number)
    seq: int
    #: the heading number, ``二（一）1``
    number: str
    #: The headings the measure stands under, outermost first (not its own).
    sections: tuple[Section, ...]
    targets: tuple[str, ...]
    citations: tuple[str, ...]
    #: lead and co units as written, each with its canonical department
    lead: tuple[Named, ...] = ()
    co: tuple[Named, ...] = ()
    #: 完成时限 as a sheet prints it (see ``TaskList``); "" when nobody states one
    deadline: str = ""
    #: where it comes from: "task" (its own), "heading" (stated for its section),
    #: "document" (for every task), "option" (``--deadline``) or ""
    deadline_from: str = ""
    #: the heading the measure is (or stands in), when the outline has it
    own_section: Section | None = None

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def title(self) -> str:
        return self.measure.title or ""

    @property
    def heading(self) -> str:
        """The heading path and title: ``二（一）1.推进知识产权优势企业发展``."""
        if not self.measure.title:
            return self.number
        return self.number + _separator(self.number) + self.measure.title

    @property
    def context(self) -> str:
        """What the task is about in a few words: its title, else the title of the
        heading it stands under (an untitled item of ``（二）强化知识产权保护``)."""
        if self.measure.title:
            return self.measure.title
        chain = self.sections + ((self.own_section,) if self.own_section else ())
        for section in reversed(chain):
            if section.title:
                return section.title
        return ""

    @property
    def deadline_date(self) -> str | None:
        """The date of the deadline the document states for the task (``YYYY-MM-DD``), when it has one."""
        return self.measure.deadline.date if self.measure.deadline else None

    @property
    def lead_units(self) -> str:
        return "、".join(self.measure.lead_units)

    @property
    def co_units(self) -> str:
        return "、".join(self.measure.co_units)


@dataclass(frozen=True)
class Assignment:
    """One (task, unit) pair: the unit leads (``牵头``) or supports (``配合``) the task."""

    task: Task
    role: str
    unit: str


@dataclass(frozen=True)
class Block:
    """A department's tasks of one role, as its sheet lists them: ``牵头任务``."""

    role: str
    title: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class RoleWords:
    """The words the sheets use for the roles, the document's own where it has them."""

    lead: str
    co: str
    #: the document lists all its units under one word (责任单位) with a
    #: first-is-lead note: one column, lead first, as the document writes it
    one_column: bool
    #: the document's own note, ``列第一位者为牵头单位``
    note: str | None
    lead_block: str
    co_block: str


def section_heading(section: Section) -> str:
    return section.marker + (section.title or "")


class TaskList:
    def __init__(self, doc: PolicyDocument, deadline: str | None = None):
        self.doc = doc
        self._fallback_deadline = (deadline or "").strip()
        self._chains = _section_chains(doc.outline)
        self._targets = {t.id: t.text for t in doc.targets}
        self._citations = {c.id: _citation_text(c) for c in doc.citations}
        self._unit_of = _units_by_form(doc.units)

    @cached_property
    def tasks(self) -> list[Task]:
        return [self._task(seq, m) for seq, m in enumerate(self.doc.measures, start=1)]

    @cached_property
    def _by_id(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}

    def task(self, measure_id: str) -> Task:
        return self._by_id[measure_id]

    def _task(self, seq: int, measure: Measure) -> Task:
        chain = self._chains.get(measure.section or "")
        if chain:
            number = "".join(s.marker.rstrip(_MARKER_END) for s in chain)
            sections = tuple(chain[:-1])
        else:
            number, sections = ".".join(measure.path), ()
        deadline, source = self._deadline(measure)
        return Task(
            measure=measure,
            seq=seq,
            number=number,
            sections=sections,
            targets=tuple(self._targets[i] for i in measure.targets if i in self._targets),
            citations=tuple(dict.fromkeys(self._citations[i] for i in measure.citations if i in self._citations)),
            lead=tuple(Named(n, self._unit_of.get((n, measure.id, "lead"))) for n in measure.lead_units),
            co=tuple(Named(n, self._unit_of.get((n, measure.id, "co"))) for n in measure.co_units),
            deadline=deadline,
            deadline_from=source,
            own_section=chain[-1] if chain else None,
        )

    def _deadline(self, measure: Measure) -> tuple[str, str]:
        """The deadline the document states for the task — its own, or one stated
        for its heading or for all tasks (``measure.deadline.scope``) — else the
        one the office gives for the rest (``--deadline``)."""
        if measure.deadline:
            return measure.deadline.text, _DEADLINE_FROM.get(measure.deadline.scope, "task")
        if self._fallback_deadline:
            return self._fallback_deadline, "option"
        return "", ""

    def departments(self) -> list[Unit]:
        """The units that get a sheet, in the index's order: every one but the
        placeholder groups (``市政府各部门``), which nobody receives."""
        return [u for u in self.doc.units if not u.placeholder]

    def of_unit(self, unit: Unit) -> list[Assignment]:
        """The tasks ``unit`` leads, then those it supports, each in document order."""
        return [Assignment(task, block.role, unit.name) for block in self.blocks(unit) for task in block.tasks]

    def blocks(self, unit: Unit) -> list[Block]:
        """The tasks ``unit`` leads and those it supports (and does not lead), as the
        blocks of its sheet; an empty block is left out."""
        lead = set(unit.lead)
        co = set(unit.co) - lead
        blocks = [Block(LEAD, self.roles.lead_block, tuple(t for t in self.tasks if t.id in lead)),
                  Block(CO, self.roles.co_block, tuple(t for t in self.tasks if t.id in co))]
        return [b for b in blocks if b.tasks]

    def assignments(self) -> list[Assignment]:
        """Every (task, unit) pair of the units index: by task in document order,
        its lead units before its co units, each in the order the text names them."""
        pairs = [a for unit in self.doc.units for a in self.of_unit(unit)]
        order = {t.id: n for n, t in enumerate(self.tasks)}
        unit_order = {u.name: n for n, u in enumerate(self.doc.units)}

        def key(a: Assignment) -> tuple:
            named = a.task.lead if a.role == LEAD else a.task.co
            places = [n for n, name in enumerate(named) if name.unit == a.unit or name.written == a.unit]
            return order[a.task.id], a.role != LEAD, places[0] if places else len(named), unit_order[a.unit]

        return sorted(pairs, key=key)

    def unassigned(self) -> list[Task]:
        """Tasks no unit in the units index leads or supports."""
        named = {i for u in self.doc.units for i in (*u.lead, *u.co)}
        return [t for t in self.tasks if t.id not in named]

    @cached_property
    def roles(self) -> RoleWords:
        words = read_toml("roles.toml")
        defaults, titles = words["defaults"], words["block_titles"]
        roles = self.doc.roles
        lead = roles.lead[0] if roles.lead else defaults["lead"]
        co = roles.co[0] if roles.co else defaults["co"]
        one_column = bool(roles.first_is_lead and roles.lead and not roles.co)
        if lead == co:
            # 牵头单位 A；责任单位 B beside items that name only 责任单位: two columns, two names
            lead = next((word for word in roles.lead if word != co), defaults["lead"])
        lead_block = titles.get(lead, titles["other"])
        co_block = titles.get(co, titles["other"])
        if one_column or lead_block == co_block:
            # 责任单位 A、B with 列第一位者为牵头单位: the note's words name the blocks
            lead_block, co_block = titles[defaults["lead"]], titles[defaults["co"]]
        return RoleWords(lead, co, one_column, roles.note, lead_block, co_block)


def _units_by_form(units: list[Unit]) -> dict[tuple[str, str, str], str]:
    """(name as written, measure id, role) → the canonical name of the unit it stands for."""
    found: dict[tuple[str, str, str], str] = {}
    for unit in units:
        for written in unit.written or [unit.name]:
            for role, ids in (("lead", unit.lead), ("co", unit.co)):
                for measure_id in ids:
                    found.setdefault((written, measure_id, role), unit.name)
    return found


def _separator(number: str) -> str:
    """What stands between a heading number and its title, as printed: ``1.``
    and ``一、`` take punctuation, ``（一）`` and ``①`` none, ``第三条`` a space."""
    if not number or number[-1] in "）)】]" or "\u2460" <= number[-1] <= "\u24ff":
        return ""
    if number[-1].isascii() and number[-1].isdigit():
        return "."
    if number[-1] in _CHINESE_NUMERALS:
        return "、"
    return "\u3000"


_CHINESE_NUMERALS = "一二三四五六七八九十百〇零两"


def _section_chains(outline: list[Section]) -> dict[str, list[Section]]:
    """Section id -> the sections from the outermost heading down to it."""
    chains: dict[str, list[Section]] = {}

    def visit(sections: list[Section], above: list[Section]) -> None:
        for section in sections:
            chain = [*above, section]
            chains[section.id] = chain
            visit(section.children, chain)

    visit(outline, [])
    return chains


def _citation_text(citation) -> str:
    """``《title》（doc_number）`` with the normalised number; the text as written otherwise."""
    if citation.title is None:
        return citation.doc_number or citation.text
    number = f"（{citation.doc_number}）" if citation.doc_number else ""
    return f"《{citation.title}》{number}"
