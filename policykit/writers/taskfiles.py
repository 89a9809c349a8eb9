"""The files ``policykit assign`` writes for one document.

One Word sheet per department (``任务分工表-市科技局.docx``), the summary
sheet (``任务分工总表.docx``) and, on request, the ledger (``任务台账.xlsx``).
Names are safe on every file system and unique in the folder; an existing
file is never overwritten unless asked (checked for all files before the
first is written); each file is written atomically.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import PolicykitError, ReadError
from ..model import SCHEMA_ID, PolicyDocument, Unit
from .files import atomic_write_many, folder_lock, writable_folder
from .filenames import NameBook

SHEET_PREFIX = "任务分工表-"
SUMMARY_STEM = "任务分工总表"
LEDGER_STEM = "任务台账"
LEDGER_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Loaded:
    """What ``assign`` writes from: the document and, for a ledger read back
    (``policykit.writers.corrections``), what the office wrote in its own columns
    (measure id → column key → value) and the title and 文号 it was written with."""

    doc: PolicyDocument
    tracking: dict[str, dict[str, Any]] = field(default_factory=dict)
    title: str | None = None
    doc_number: str | None = None


class OutputExists(PolicykitError):
    code = "output_exists"


class UnknownUnit(PolicykitError):
    code = "unknown_unit"


def assign(doc_or_path: PolicyDocument | str | os.PathLike[str], out_dir: str | os.PathLike[str],
           depts: Iterable[str] | None = None, template: str | os.PathLike[str] | None = None,
           xlsx: bool = False, force: bool = False, *, title: str | None = None,
           attachment: int | None = None, doc_number: str | None = None,
           deadline: str | None = None, tracking: dict | None = None) -> list[Path]:
    """Write the task-assignment sheets of a document into ``out_dir``.

    ``doc_or_path`` is a ``PolicyDocument``, a source document (any format
    ``extract_file`` reads), a policykit/1 JSON file or a ledger
    ``assign --xlsx`` wrote, as the office corrected it (its units,
    deadlines and task text; what the office wrote in its own columns goes
    into a new ledger, or ``tracking``: measure id → column → value). Writes one sheet per
    department of the document's units index, placeholder groups left out
    (only ``depts``, when given), the
    summary sheet and, with ``xlsx``, the ledger; returns their paths in that
    order. ``template`` is a .docx whose styles, page and header/footer the
    sheets take instead of the built-in GB/T 9704 format. ``title`` names the
    document on the sheets (default: the plan's own title), ``attachment``
    prints ``附件N`` above it, ``doc_number`` the 文号 under it (default the
    document's), and ``deadline`` fills 完成时限 where the document states none.

    Raises ``ReadError`` for an input that cannot be read, ``UnknownUnit``
    for a ``depts`` name the document does not have, ``OutputExists`` when a
    file is there already and ``force`` is false, ``TemplateError`` for a bad
    template, ``OutputError`` for a folder files cannot be written in.
    """
    from .gbt9704 import SheetFormat
    from .sheets import SheetOptions, department_sheet, summary_sheet
    from .tasks import TaskList

    loaded = load_input(doc_or_path)
    doc, tracking = loaded.doc, tracking or loaded.tracking
    title, doc_number = title or loaded.title, doc_number or loaded.doc_number
    label = None if isinstance(doc_or_path, PolicyDocument) else str(doc_or_path)
    units = select_units(doc, depts, label)
    fmt = SheetFormat(template)
    tasks = TaskList(doc, deadline=deadline)
    options = SheetOptions(title=title, attachment=attachment, doc_number=doc_number)

    folder = Path(out_dir)
    names = NameBook()
    summary = folder / names.claim(SUMMARY_STEM, ".docx")
    ledger = folder / names.claim(LEDGER_STEM, ".xlsx")
    plan: list[tuple[Path, Callable[[], bytes]]] = [
        (folder / names.claim(SHEET_PREFIX + unit.name, ".docx"), _bind(department_sheet, fmt, tasks, unit, options))
        for unit in units
    ]
    plan.append((summary, _bind(summary_sheet, fmt, tasks, options)))
    if xlsx:
        from .ledger import ledger_workbook

        plan.append((ledger, _bind(ledger_workbook, tasks, options, tracking)))

    writable_folder(folder)
    with folder_lock(folder):   # a second run into this folder waits for none: it is refused
        if not force:
            for path, _ in plan:
                if path.exists() or path.is_symlink():
                    raise OutputExists("already exists; use --force to overwrite", str(path))
        return atomic_write_many(plan)   # all files or none: a full disk leaves no half set


def is_ledger_path(path) -> bool:
    """Whether ``assign`` reads ``path`` as a ledger an office corrected (.xlsx)."""
    return not isinstance(path, PolicyDocument) and Path(path).suffix.lower() in LEDGER_SUFFIXES


def load_input(doc_or_path: PolicyDocument | str | os.PathLike[str], encoding: str | None = None,
               aliases=None) -> Loaded:
    """A ledger read back with the office's corrections, or any other input as
    ``load_document`` reads it, with nothing besides."""
    if is_ledger_path(doc_or_path):
        from .corrections import read_ledger   # openpyxl loads only for a ledger

        return read_ledger(doc_or_path, aliases)
    return Loaded(load_document(doc_or_path, encoding, aliases))


def _bind(function, *args) -> Callable[[], bytes]:
    return lambda: function(*args)


def load_document(doc_or_path: PolicyDocument | str | os.PathLike[str], encoding: str | None = None,
                  aliases=None) -> PolicyDocument:
    """A ``PolicyDocument`` as it is; a ``.json`` file read as policykit/1 JSON, its
    units index rebuilt under ``aliases`` (default: the built-in list) on top of
    the groups it holds; a ledger (``.xlsx``) read back with the office's
    corrections, likewise reindexed; any other file extracted (``encoding`` and
    ``aliases`` as for ``extract_file``)."""
    if isinstance(doc_or_path, PolicyDocument):
        return doc_or_path
    path = Path(doc_or_path)
    if is_ledger_path(path):
        return load_input(path, aliases=aliases).doc
    if path.suffix.lower() == ".json":
        from ..aliases import builtin
        from ..departments import reindex

        doc = read_json(path)
        aliases = aliases if aliases is not None else builtin()
        if aliases == builtin() and doc.units and all(unit.written for unit in doc.units):
            return doc   # indexed by this version under the same aliases: nothing to redo
        return reindex(doc, aliases)
    from ..pipeline import extract_file

    if aliases is None:
        return extract_file(path, encoding)
    return extract_file(path, encoding, aliases)


def read_json(path: Path) -> PolicyDocument:
    """A policykit/1 JSON file (what ``policykit extract`` writes) as the model."""
    from .. import jsoninput
    from ..schema import validate

    try:
        data = jsoninput.parse(jsoninput.read_text(str(path)), str(path))
    except json.JSONDecodeError as exc:
        raise ReadError(f"not JSON ({exc})", str(path)) from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise ReadError(f'not a {SCHEMA_ID} document (no "schema": "{SCHEMA_ID}")', str(path))
    try:
        problems = validate(data)
        if problems:
            raise ReadError(f"not a valid {SCHEMA_ID} document: {problems[0]}", str(path))
        return PolicyDocument.from_dict(data)
    except RecursionError:   # within max_json_depth this does not happen; the safety net of a hand-edited file
        raise ReadError(f"not a {SCHEMA_ID} document policykit can read: nested too deeply", str(path)) from None


def select_units(doc: PolicyDocument, names: Iterable[str] | None, label: str | None = None) -> list[Unit]:
    """The units named, in the order given; when ``names`` is None every unit
    but the placeholder groups (``市政府各部门``: nobody receives their sheet).

    A name matches a unit of the units index, or a unit as a measure writes it
    (``市科技局`` finds ``市科学技术局`` when the index merged the two).
    """
    if names is None:
        return [u for u in doc.units if not u.placeholder]
    by_name = {u.name: u for u in doc.units}
    as_written = {w: u for u in doc.units for w in u.written} or _names_as_written(doc)
    chosen: list[Unit] = []
    for name in names:
        unit = by_name.get(name.strip()) or as_written.get(name.strip())
        if unit is None:
            raise UnknownUnit(f"no unit named {name} in this document", label)
        if unit not in chosen:
            chosen.append(unit)
    return chosen


def _names_as_written(doc: PolicyDocument) -> dict[str, Unit]:
    """Unit names as the measures write them -> the unit of the index they stand
    for: the one unit that leads every measure leading under that name and
    supports every measure supporting under it."""
    lead: dict[str, set[str]] = {}
    co: dict[str, set[str]] = {}
    for measure in doc.measures:
        for name in measure.lead_units:
            lead.setdefault(name, set()).add(measure.id)
        for name in measure.co_units:
            co.setdefault(name, set()).add(measure.id)
    found: dict[str, Unit] = {}
    for name in lead.keys() | co.keys():
        fits = [u for u in doc.units
                if lead.get(name, set()) <= set(u.lead) and co.get(name, set()) <= set(u.co)]
        exact = [u for u in fits if set(u.lead) == lead.get(name, set()) and set(u.co) == co.get(name, set())]
        if len(fits) == 1 or len(exact) == 1:
            found[name] = fits[0] if len(fits) == 1 else exact[0]
    return found
