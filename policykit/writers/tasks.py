"""What the sheets and the ledger say about each measure of a document.

A ``Task`` is a measure as a person reading a task sheet sees it: its heading
number (``二（一）1``), the headings it stands under, its targets and cited
documents as text. ``TaskList`` answers the questions the writers ask: every
task in document order, and the tasks one unit leads or supports. Nothing
here knows about Word or Excel.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model import Measure, PolicyDocument, Section, Unit

LEAD = "牵头"
CO = "配合"

# Punctuation that ends a heading marker (一、 1. 1．) and is dropped when the
# markers are joined into one number; brackets stay: 二（一）1.
_MARKER_END = "、.．,，:： \u3000"


@dataclass(frozen=True)
class Task:
    measure: Measure
    number: str
    #: The headings the measure stands under, outermost first (not its own).
    sections: tuple[Section, ...]
    targets: tuple[str, ...]
    citations: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def heading(self) -> str:
        """The heading path and title: ``二（一）1.推进知识产权优势企业发展``."""
        if not self.measure.title:
            return self.number
        return self.number + _separator(self.number) + self.measure.title

    @property
    def deadline(self) -> str:
        return self.measure.deadline.text if self.measure.deadline else ""

    @property
    def deadline_date(self) -> str | None:
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


def section_heading(section: Section) -> str:
    return section.marker + (section.title or "")


class TaskList:
    def __init__(self, doc: PolicyDocument):
        self.doc = doc
        self._chains = _section_chains(doc.outline)
        self._targets = {t.id: t.text for t in doc.targets}
        self._citations = {c.id: _citation_text(c) for c in doc.citations}

    @cached_property
    def tasks(self) -> list[Task]:
        return [self._task(m) for m in self.doc.measures]

    @cached_property
    def _by_id(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}

    def _task(self, measure: Measure) -> Task:
        chain = self._chains.get(measure.section or "")
        if chain:
            number = "".join(s.marker.rstrip(_MARKER_END) for s in chain)
            sections = tuple(chain[:-1])
        else:
            number, sections = ".".join(measure.path), ()
        return Task(
            measure=measure,
            number=number,
            sections=sections,
            targets=tuple(self._targets[i] for i in measure.targets if i in self._targets),
            citations=tuple(dict.fromkeys(self._citations[i] for i in measure.citations if i in self._citations)),
        )

    def of_unit(self, unit: Unit) -> list[Assignment]:
        """The tasks ``unit`` leads, then those it supports, each in document order."""
        lead = set(unit.lead)
        co = set(unit.co) - lead
        return ([Assignment(t, LEAD, unit.name) for t in self.tasks if t.id in lead]
                + [Assignment(t, CO, unit.name) for t in self.tasks if t.id in co])

    def assignments(self) -> list[Assignment]:
        """Every (task, unit) pair of the units index: by task in document order,
        its lead units before its co units, each in the order the text names them."""
        pairs = [a for unit in self.doc.units for a in self.of_unit(unit)]
        order = {t.id: n for n, t in enumerate(self.tasks)}
        unit_order = {u.name: n for n, u in enumerate(self.doc.units)}

        def key(a: Assignment) -> tuple:
            named = a.task.measure.lead_units if a.role == LEAD else a.task.measure.co_units
            place = named.index(a.unit) if a.unit in named else len(named)
            return order[a.task.id], a.role != LEAD, place, unit_order[a.unit]

        return sorted(pairs, key=key)

    def unassigned(self) -> list[Task]:
        """Tasks no unit in the units index leads or supports."""
        named = {i for u in self.doc.units for i in (*u.lead, *u.co)}
        return [t for t in self.tasks if t.id not in named]


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
