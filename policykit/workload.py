"""Department workload: how many measures each unit leads and supports,
across documents, with aliases merged (市科技局 and 市科学技术局 are one row).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .aliases import Aliases, builtin


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
    objects), busiest first. A unit named as lead and as co of one measure
    (under two names) counts once, as lead."""
    canonical = (aliases or builtin()).canonical
    loads: dict[str, Load] = {}
    spellings: dict[str, set[str]] = {}
    seen_in: dict[str, set[int]] = {}
    for number, doc in enumerate(documents):
        for measure in doc["measures"]:
            leads = {canonical(n): n for n in measure["lead_units"]}
            cos = {canonical(n): n for n in measure["co_units"] if canonical(n) not in leads}
            for role, named in (("lead", leads), ("co", cos)):
                for unit in named:
                    load = loads.setdefault(unit, Load(unit))
                    setattr(load, role, getattr(load, role) + 1)
                    seen_in.setdefault(unit, set()).add(number)
            for name in [*measure["lead_units"], *measure["co_units"]]:
                spellings.setdefault(canonical(name), set()).add(name)
    for unit, load in loads.items():
        load.documents = len(seen_in[unit])
        load.written_as = sorted(spellings[unit])
    return sorted(loads.values(), key=lambda load: (-load.total, -load.lead, load.unit))
