"""What policykit shows people at a terminal: the progress bar of a batch,
the summary table of an extraction and the workload table.

Labels are bilingual, Chinese first (``措施 measures``), like every label
people read in policykit's output. Machine output (JSON, CSV) stays English.
Progress and summaries go to standard error, and only when it is a
terminal, so standard output carries nothing but the JSON and the standard
error of a script carries nothing but one line per failure.
"""
from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

#: Set to 1 (or 0) to say the terminal is (or is not) one whatever isatty()
#: says; the variable rich itself reads for the same purpose.
FORCE_ENV = "TTY_COMPATIBLE"


def on_terminal(stream: IO | None) -> bool:
    """Whether ``stream`` is a terminal a person watches."""
    forced = os.environ.get(FORCE_ENV, "")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def wants_progress(stream: IO | None, quiet: bool, count: int) -> bool:
    """A progress bar is shown for more than one document, on a terminal, unless quiet."""
    return count > 1 and not quiet and on_terminal(stream)


def progress(items: list[str], stream: IO, shown: bool) -> Iterator[str]:
    """``items`` one by one, with a progress bar on ``stream`` while ``shown``.

    The bar is transient: it vanishes when the batch ends. Lines written to
    standard error meanwhile (failures) are printed above it.
    """
    if not shown:
        yield from items
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn)

    console = Console(file=stream, force_terminal=True)
    columns = (SpinnerColumn(), TextColumn("提取 extracting"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("[dim]{task.description}"))
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=len(items))
        for item in items:
            bar.update(task, description=Path(item).name)
            yield item
            bar.advance(task)


# -- the summary of an extraction ----------------------------------------------------


@dataclass
class Summary:
    """Counts of a run of ``policykit extract``, one document at a time."""

    title: str = "汇总 summary"
    documents: int = 0
    measures: int = 0
    units: set[str] = field(default_factory=set)
    citations: int = 0
    targets: int = 0
    warnings: int = 0
    flags: int = 0
    flagged: int = 0   # documents with at least one review flag
    failures: int = 0

    def add(self, doc: dict[str, Any]) -> None:
        from .batch import Counts

        self.add_counts(Counts.of(doc))

    def add_counts(self, counts) -> None:
        """Count a document from its ``policykit.batch.Counts`` (what a worker sends back)."""
        self.documents += 1
        self.measures += counts.measures
        self.units.update(counts.units)
        self.citations += counts.citations
        self.targets += counts.targets
        self.warnings += counts.warnings
        self.flags += counts.flags
        self.flagged += counts.flags > 0

    def rows(self) -> list[tuple[str, int]]:
        return [("文档 documents", self.documents), ("措施 measures", self.measures),
                ("单位 units", len(self.units)), ("引用 citations", self.citations),
                ("目标 targets", self.targets), ("警告 warnings", self.warnings),
                ("待核 flags", self.flags),
                ("失败 failures", self.failures)]


def summary_table(summary: Summary):
    from rich.table import Table

    table = Table(title=summary.title)
    for label, _ in summary.rows():
        table.add_column(label.replace(" ", "\n"), justify="right")
    table.add_row(*(str(count) for _, count in summary.rows()))
    return table


# -- the workload of departments ------------------------------------------------------


def workload_table(loads: Iterable, documents: int):
    from rich.table import Table

    loads = list(loads)
    table = Table(title=f"单位任务量 workload · {documents} 个文档 documents")
    table.add_column("单位\nunit")
    for label in ("牵头\nlead", "配合\nco", "合计\ntotal", "文档\ndocuments"):
        table.add_column(label, justify="right")
    table.add_column("又作\nalso written")
    for load in loads:
        others = [name for name in load.written_as if name != load.unit]
        table.add_row(load.unit, str(load.lead), str(load.co), str(load.total), str(load.documents),
                      "、".join(others))
    if not loads:
        table.caption = "无单位 no units found"
    return table


def render(table, stream: IO) -> str:
    """The table as text for ``stream``: coloured on a terminal, plain elsewhere."""
    from rich.console import Console

    terminal = on_terminal(stream)
    width = shutil.get_terminal_size((100, 24)).columns
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=terminal, color_system="auto" if terminal else None,
                      highlight=False)
    console.print(table)
    return buffer.getvalue()
