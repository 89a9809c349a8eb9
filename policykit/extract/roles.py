"""The document's own words for the roles of its units.

One document writes ``（牵头单位：A；配合单位：B）``, another ``（责任单位：A、B）``
with ``列第一位者为牵头单位``, a third ``（A牵头，B配合）``. The task sheets title
their columns with the document's words and repeat its note, so a department
reads its role as the document gave it. The words are those the assignment
notes were read with (``Assignment.words``); verbs name the role by the label a
document would write (``牵头`` → ``牵头单位``, ``按职责分工负责`` → ``责任单位``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..data import read_toml
from ..model import Roles
from .assignments import Assignment, lang


@lru_cache(maxsize=1)
def _verb_labels() -> dict[str, str]:
    data = read_toml("roles.toml")["verb_labels"]
    responsible = data["responsible"]
    labels = {word: label for word, label in data.items() if word != "responsible"}
    labels.update((verb, responsible) for verb, role in lang().verb_roles.items()
                  if role == "responsible" and verb not in labels)
    return labels


_NOTE_END = re.compile(r"(?:单位|部门)?")


def document_roles(notes: Iterable[Assignment], text: str) -> Roles:
    """The role words of a document's assignment notes (in normalised ``text``),
    each list most used first, and its first-listed-is-lead note if it has one."""
    lead: Counter[str] = Counter()
    co: Counter[str] = Counter()
    first_is_lead, note = False, None
    labels = _verb_labels()
    for found in notes:
        for role, word in found.words:
            label = labels.get(word, word)
            if role == "lead" or (role == "responsible" and not found.lead):
                lead[label] += 1
            else:   # a 责任单位 beside a named 牵头单位 supports it
                co[label] += 1
        if found.first_is_lead:
            first_is_lead = True
            note = note or _first_is_lead_note(text[found.start:found.end])
    return Roles(_by_use(lead), _by_use(co), first_is_lead, note)


def _by_use(counts: Counter[str]) -> list[str]:
    """Most used first; a tie in the order the document first uses them."""
    order = {word: n for n, word in enumerate(counts)}
    return sorted(counts, key=lambda word: (-counts[word], order[word]))


def _first_is_lead_note(note: str) -> str | None:
    """``列第一位者为牵头单位`` out of ``（…，列第一位者为牵头单位，下同）``."""
    flat = note.replace("\n", "")
    found = lang().first_is_lead_re.search(flat)
    if found is None:
        return None
    end = _NOTE_END.match(flat, found.end()).end()
    return flat[found.start():end]
