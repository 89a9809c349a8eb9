"""Department workload: how many measures each unit leads and supports,
across documents, with aliases merged (市科技局 and 市科学技术局 are one row).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .aliases import Aliases, builtin
from .departments import units_index


@dataclass
class Load:
    """One department's share of the tasks."""

    unit: str                                   # the canonical name
    lead: int = 0                               # measures it leads
    co: int = 0                                 # measures it supports (and does not lead)
    documents: int = 0                          # documents that name it
    written_as: list[str] = field(default_factory=list)  # the names documents use for it

    @property
    def total(self) -> int:
        return self.lead + self.co

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "lead": self.lead, "co": self.co, "total": self.total,
                "documents": self.documents, "written_as": self.written_as}


def workload(documents: Iterable[dict[str, Any]], aliases: Aliases | None = None) -> list[Load]:
    """Loads of every unit named in the measures of ``documents`` (policykit/1
    objects), busiest first. Within a document the names are those of its units
    index (a level written once for a list restored: ``policykit.departments``);
    across documents ``aliases`` merge them, under the canonical name. A unit
    named as lead and as co of one measure (under two names) counts once, as lead."""
    aliases = aliases or builtin()
    loads: dict[str, Load] = {}
    spellings: dict[str, set[str]] = {}
    for doc in documents:
        lead: dict[str, set[int]] = {}
        co: dict[str, set[int]] = {}
        for unit in _document_index(doc, aliases):
            unit_key = aliases.canonical(unit.name)
            lead.setdefault(unit_key, set()).update(unit.lead)
            co.setdefault(unit_key, set()).update(unit.co)
            spellings.setdefault(unit_key, set()).update(unit.written)
        for unit_key in lead:
            load = loads.setdefault(unit_key, Load(unit_key))
            load.lead += len(lead[unit_key])
            load.co += len(co[unit_key] - lead[unit_key])
            load.documents += 1
    for unit_key, load in loads.items():
        load.written_as = sorted(spellings[unit_key])
    return sorted(loads.values(), key=lambda load: (-load.total, -load.lead, load.unit))


def _document_index(doc: dict[str, Any], aliases: Aliases):
    """The units index of one policykit/1 object, rebuilt under ``aliases`` on top
    of the groups its own index made (measures are counted by position)."""
    own = {unit["name"]: unit.get("written") or [] for unit in doc.get("units") or []
           if isinstance(unit, dict) and isinstance(unit.get("name"), str)}
    issuer = (doc.get("document") or {}).get("issuer")
    measures = [(n, m["lead_units"], m["co_units"]) for n, m in enumerate(doc["measures"])]
    return units_index(measures, issuer if isinstance(issuer, str) else None, aliases.beneath(own))
