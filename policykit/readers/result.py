"""What a reader returns: the source text, and where its tables' cells are."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Span, Warning


@dataclass
class Cell:
    """One table cell; ``span`` is its [start, end) in ``ReadResult.text``.

    An empty cell has an empty span at the place it would be. A merged cell
    is one ``Cell`` object listed in every row and column it covers.
    """

    text: str
    span: Span


@dataclass
class Table:
    rows: list[list[Cell]]

    def text_rows(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.rows]


@dataclass
class ReadResult:
    """The source text of a document: one paragraph per line, '\\n' line
    endings, BOM removed; table cells one per line in reading order."""

    text: str
    format: str
    encoding: str | None
    warnings: list[Warning] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
