"""The typed model of the policykit/1 contract (../shared/spec/contract.md).

Every dataclass here serialises with ``to_dict()`` to exactly the contract's
JSON; field order is the contract's order so output is stable.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_ID = "policykit/1"

Span = tuple[int, int]


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    #: Fields holding other records, read back by ``from_dict``: name -> (record class, is a list).
    _nested: dict[str, tuple[type, bool]] = {}

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """The record ``to_dict`` gave ``data``: nested records rebuilt, spans as
        tuples; keys the model does not know (from a later version) are ignored."""
        values = {}
        for f in fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            value = data[f.name]
            record, many = cls._nested.get(f.name, (None, False))
            if record is not None and value is not None:
                value = [record.from_dict(v) for v in value] if many else record.from_dict(value)
            elif f.name == "span" and value is not None:
                value = tuple(value)
            values[f.name] = value
        return cls(**values)


@dataclass
class Source(_Record):
    path: str | None
    sha256: str
    format: str
    encoding: str | None
    chars: int


@dataclass
class Document(_Record):
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    addressees: list[str] = field(default_factory=list)
    # The plan whose tasks the document sets: the one a 印发 notice wraps, else the title.
    plan_title: str | None = None


@dataclass
class Section(_Record):
    id: str
    level: int
    marker: str
    title: str | None
    span: Span
    children: list["Section"] = field(default_factory=list)


@dataclass
class Deadline(_Record):
    text: str
    date: str | None
    kind: str
    span: Span | None = None
    # Where the limit is stated: in the measure, for its section (a heading, 以上任务…), for the document.
    scope: str = "measure"


@dataclass
class Measure(_Record):
    id: str
    path: list[str]
    section: str | None
    title: str | None
    text: str
    lead_units: list[str]
    co_units: list[str]
    deadline: Deadline | None
    citations: list[str]
    targets: list[str]
    span: Span


@dataclass
class Citation(_Record):
    id: str
    title: str | None
    doc_number: str | None
    text: str
    span: Span
    measure: str | None = None


@dataclass
class Target(_Record):
    id: str
    indicator: str | None
    scope: str | None
    value: float | int
    value_max: float | int | None
    unit: str | None
    comparator: str
    year: int | None
    text: str
    span: Span
    measure: str | None = None


@dataclass
class Unit(_Record):
    """A department of the units index, under its canonical name (policykit.departments)."""

    name: str
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    #: every form the measures write for it (市发改委, 发改委 …), in order of appearance
    written: list[str] = field(default_factory=list)
    #: a group standing for unnamed departments (市政府各部门): no sheet of its own
    placeholder: bool = False


@dataclass
class Roles(_Record):
    """The document's own words for the roles of its units (牵头单位, 责任单位 …)."""

    #: words for the units that lead, most used first (牵头单位; 责任单位 when no lead is named)
    lead: list[str] = field(default_factory=list)
    #: words for the units that support (配合单位, 协办单位, 责任单位 beside a 牵头单位 …)
    co: list[str] = field(default_factory=list)
    #: the document says the first unit of a list leads (列第一位者为牵头单位)
    first_is_lead: bool = False
    #: that note as the document writes it
    note: str | None = None


@dataclass
class Warning(_Record):
    code: str
    message: str
    span: Span | None = None


@dataclass
class PolicyDocument(_Record):
    source: Source
    document: Document
    outline: list[Section]
    measures: list[Measure]
    citations: list[Citation]
    targets: list[Target]
    units: list[Unit]
    warnings: list[Warning]
    schema: str = SCHEMA_ID
    #: added within policykit/1: readers of older files take the empty Roles()
    roles: Roles = field(default_factory=Roles)

    def to_dict(self) -> dict[str, Any]:
        body = super().to_dict()
        return {"schema": body.pop("schema"), **body}


# What from_dict rebuilds as records (set here, once every class exists).
Section._nested = {"children": (Section, True)}
Measure._nested = {"deadline": (Deadline, False)}
PolicyDocument._nested = {
    "source": (Source, False),
    "document": (Document, False),
    "outline": (Section, True),
    "measures": (Measure, True),
    "citations": (Citation, True),
    "targets": (Target, True),
    "units": (Unit, True),
    "warnings": (Warning, True),
    "roles": (Roles, False),
}
