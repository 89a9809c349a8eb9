"""From a file or a text to the policykit/1 model: read → normalise →
outline → extract → model. ``extract_text`` and ``extract_file`` are pure
functions of their arguments (picklable in and out), safe to ship to workers.
"""
from __future__ import annotations

import bisect
import hashlib
import os
from pathlib import Path

from . import outline
from .aliases import Aliases, builtin as builtin_aliases
from .extract.citations import find_citations
from .extract.annex import annex_indexes, join_rows, read_task_tables
from .extract.annex_text import find_text_tables, unread_task_headers
from .extract.flags import Task, flag_message, review_flags
from .extract.deadlines import find_deadline, plan_year, read_deadline_value, shared_deadlines
from .extract.assignments import declares_first_lead, unread_names
from .extract.measures import is_assessment_rule, find_measures
from .extract.metadata import extract_metadata
from .extract.roles import document_roles
from .extract.targets import find_targets
from .model import (Citation, Deadline, Document, Measure, PolicyDocument, Source, Target, Unit,
                    Warning)
from .normalize import normalize
from .paths import readable


def source_text(path: str | os.PathLike, encoding: str | None = None) -> str:
    """The text that every span indexes into (what ``policykit text`` prints)."""
    from .readers import read_file

    return read_file(path, encoding=encoding).text


def extract_file(path: str | os.PathLike, encoding: str | None = None,
                 aliases: Aliases | None = None) -> PolicyDocument:
    from .readers import read_file

    result = read_file(path, encoding=encoding)
    return extract_text(result.text, readable(path), format=result.format, encoding=result.encoding,
                        read_warnings=result.warnings, tables=getattr(result, "tables", ()), aliases=aliases)


def extract_text(text: str, path: str | None = None, *, format: str = "txt", encoding: str | None = None,
                 read_warnings=(), tables=(), aliases: Aliases | None = None) -> PolicyDocument:
    if text.startswith("\ufeff"):
        text = text[1:]
    norm = normalize(text)
    ntext = norm.text
    span = norm.to_source
    text_tables = find_text_tables(norm, tables)   # annex tables written one cell per line
    annex_start = min((t.start for t in text_tables if t.annex), default=None)
    roots = outline.parse(ntext, end=annex_start)
    meta = extract_metadata(ntext, roots[0].start if roots else len(ntext))
    signature = meta.signature_start
    if roots and signature is not None and signature > roots[-1].start:
        end = signature if annex_start is None else min(signature, annex_start)
        roots = outline.parse(ntext, end=end)   # the last item ends before the signature
    run_together = any(w.code == "repaired_line_breaks" for w in norm.warnings)
    found_measures, measure_warnings, notes = find_measures(ntext, roots, run_together, norm.space_before)
    if is_assessment_rule(meta.plan_title or meta.title) and not any(m.lead or m.co for m in found_measures):
        found_measures = []   # a 考核办法 without assignments: its articles are how the assessment runs
    first_lead = declares_first_lead(ntext, notes)   # "排在第一位的为牵头单位" said once for the document
    all_tables = list(tables) + [t.table for t in text_tables]
    table_warnings: list[Warning] = []
    giving: set[int] = set()   # tables with at least one task row
    if all_tables:
        rows = read_task_tables(all_tables, first_lead)
        giving = {row.table for row in rows}
        found_measures, table_warnings = join_rows(rows, found_measures, norm,
                                                   annex_indexes(tables, norm, text_tables))

    warnings: list[Warning] = list(read_warnings) + list(norm.warnings)
    warnings += [Warning(w.code, w.message, span(*w.span) if w.span else None)
                 for w in measure_warnings + meta.warnings]
    warnings += table_warnings
    read_tables = [t for i, t in enumerate(text_tables) if len(tables) + i in giving]
    for s, e in unread_task_headers(norm, read_tables):
        warnings.append(Warning("table_not_read", flag_message("table_not_read"), span(s, e)))
    for note in notes:
        for name in unread_names(ntext[note.start:note.end], note.lead + note.co + note.responsible):
            warnings.append(Warning("unit_not_read", f"{flag_message('unit_not_read')}：{name}",
                                    span(note.start, note.end)))

    measures: list[Measure] = []
    bounds: list[tuple[int, int, Measure]] = []
    year = plan_year(meta.title)   # dates 年底前 in a one-year plan
    # limits stated once for several items (以上任务于…前完成, a heading's period)
    shared = shared_deadlines(ntext, roots, [(fm.start, fm.end, fm.node) for fm in found_measures], year, meta.date)
    for i, fm in enumerate(found_measures, 1):
        full = ntext[fm.start:fm.end]
        found_deadline = find_deadline(full, year, meta.date)
        deadline = None
        if found_deadline is not None:
            dspan = span(fm.start + found_deadline.start, fm.start + found_deadline.end)
            deadline = Deadline(text[dspan[0]:dspan[1]], found_deadline.date, found_deadline.kind, dspan)
        elif fm.table_deadline is not None:
            cell_text, cell_span = fm.table_deadline
            in_cell = read_deadline_value(cell_text, year, meta.date)
            if in_cell is not None and cell_span is not None:
                dspan = (cell_span[0] + in_cell.start, cell_span[0] + in_cell.end)
                deadline = Deadline(text[dspan[0]:dspan[1]], in_cell.date, in_cell.kind, dspan)
        if deadline is None and i - 1 in shared:
            inherited = shared[i - 1]
            dspan = span(inherited.found.start, inherited.found.end)
            deadline = Deadline(text[dspan[0]:dspan[1]], inherited.found.date, inherited.found.kind, dspan,
                                inherited.scope)
        m = Measure(f"m{i}", fm.node.path, fm.node.id or None, fm.title, fm.body(ntext), fm.lead, fm.co, deadline,
                    [], [], span(fm.start, fm.end))
        measures.append(m)
        bounds.append((fm.start, fm.end, m))

    starts = [s for s, _, _ in bounds]   # measures are in text order and do not overlap

    def owner(pos: int) -> Measure | None:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < bounds[i][1]:
            return bounds[i][2]
        return None

    citations: list[Citation] = []
    for i, fc in enumerate(find_citations(ntext), 1):
        s, e = span(fc.start, fc.end)
        m = owner(fc.start)
        cid = f"c{i}"
        citations.append(Citation(cid, fc.title, fc.doc_number, text[s:e], (s, e), m.id if m else None))
        if m:
            m.citations.append(cid)
        if fc.repaired:
            warnings.append(Warning("repaired_doc_number", fc.repaired, (s, e)))

    targets: list[Target] = []
    found_targets = find_targets(ntext)
    for i, ft in enumerate(found_targets, 1):
        s, e = span(ft.start, ft.end)
        m = owner(ft.start)
        tid = f"t{i}"
        targets.append(Target(tid, ft.indicator, ft.scope, ft.value, ft.value_max, ft.unit, ft.comparator,
                              ft.year, text[s:e], (s, e), m.id if m else None))
        if m:
            m.targets.append(tid)

    flags = review_flags(ntext, [Task(fm.start, fm.end, [(n.start, n.end) for n in fm.notes], fm.lead, fm.co)
                                 for fm in found_measures],
                         [(n.start, n.end) for n in notes], [(ft.start, ft.end) for ft in found_targets],
                         outline.leaves(roots), (roots[0].start, roots[-1].end) if roots else None,
                         first_lead)
    warnings += [Warning(w.code, w.message, span(*w.span)) for w in flags]

    document = Document(meta.title, meta.doc_number, meta.issuer, meta.date, meta.addressees, meta.plan_title)
    # surrogatepass: a str from the API may hold a lone surrogate (no file decodes to one)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    source = Source(path, digest, format, encoding, len(text))
    warnings.sort(key=lambda w: (w.span[0] if w.span else -1, w.code, w.message))
    return PolicyDocument(source, document, outline.to_sections(roots, ntext, span), measures, citations,
                          targets, units_index(measures, aliases, meta.issuer), warnings,
                          roles=document_roles(notes, ntext))


def units_index(measures: list[Measure], aliases: Aliases | None = None, issuer: str | None = None) -> list[Unit]:
    """One entry per department under its canonical name, with the forms written
    for it (see ``policykit.departments``); the measures keep names as written."""
    from .departments import units_index as index

    return index(((m.id, m.lead_units, m.co_units) for m in measures), issuer, aliases or builtin_aliases())
