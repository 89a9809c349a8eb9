"""Building the source text line by line, keeping the span of every table cell.

The structured readers (.docx, .html, .pdf) all produce the same shape: one
paragraph per line, no empty lines, table cells one per line, and a final
newline, so that ``policykit text FILE > FILE.txt`` reads back identically.
"""
from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence

from ..limits import Limits, current as current_limits
from .result import Cell, Table

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200a\u202f\u205f]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_EDGE_SPACE = " \t\u3000\u00a0"


def is_cjk(ch: str) -> bool:
    """A Chinese character, CJK or full-width punctuation, or Chinese quotes."""
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF or ch in "“”‘’—…·")


def clean_line(text: str) -> str:
    """One line of source text: no invisible characters, no runs of spaces,
    no indentation or trailing blanks (full-width ones included)."""
    text = _SPACES.sub(" ", text.translate(_INVISIBLE))
    return text.strip(_EDGE_SPACE)


def join_wrapped(parts: Iterable[str]) -> str:
    """Join the lines of one wrapped paragraph: Chinese needs no space at a
    line break, Latin words do."""
    out = ""
    for part in parts:
        part = clean_line(part)
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out


class SourceTextBuilder:
    """The source text, line by line, within ``limits`` (characters of text,
    table cells): past one, ``LimitExceeded`` is raised while the text is
    built, before more memory is spent on it."""

    def __init__(self, limits: Limits | None = None, within: SourceTextBuilder | None = None) -> None:
        self._lines: list[str] = []
        self._pos = 0
        self.tables: list[Table] = []
        self.limits = within.limits if within else limits or current_limits()
        # Table cells are counted for the whole document: a builder for a part
        # of it (a cell holding a table) shares the count of the one it is ``within``.
        self._cells = within._cells if within else [0]

    def spend_cells(self, count: int) -> None:
        """Count ``count`` more table grid positions; called by a reader while
        it lays out a table, so a table is refused before it is built."""
        self._cells[0] += count
        if self._cells[0] > self.limits.max_table_cells:
            raise self.limits.exceeded("max_table_cells", "the tables have more cells than the limit")

    def _grow(self, text: str) -> None:
        self._lines.append(text)
        self._pos += len(text) + 1
        if self._pos > self.limits.max_text_chars:
            raise self.limits.exceeded("max_text_chars", "the text runs past the limit of characters")

    def add_line(self, text: str) -> tuple[int, int] | None:
        """Append one paragraph (cleaned; dropped when empty); return its span."""
        pieces = [clean_line(piece) for piece in text.split("\n")]
        span = None
        for piece in pieces:
            if not piece:
                continue
            start = self._pos
            self._grow(piece)
            span = (span[0] if span else start, start + len(piece))
        return span

    def add_cell(self, text: str) -> Cell:
        text = clean_line(text.replace("\n", " "))
        if not text:
            return Cell("", (self._pos, self._pos))
        start = self._pos
        self._grow(text)
        return Cell(text, (start, start + len(text)))

    def add_table(self, grid: Sequence[Sequence[tuple[Hashable | None, str]]]) -> Table | None:
        """Add a table given as rows of (cell key, cell text). Grid positions
        that share a key are one merged cell: its text is written once."""
        seen: dict[Hashable, Cell] = {}
        rows: list[list[Cell]] = []
        for grid_row in grid:
            row: list[Cell] = []
            for key, text in grid_row:
                if key is not None and key in seen:
                    row.append(seen[key])
                    continue
                cell = self.add_cell(text)
                if key is not None:
                    seen[key] = cell
                row.append(cell)
            if any(cell.text for cell in row):
                rows.append(row)
        if not rows:
            return None
        table = Table(rows)
        self.tables.append(table)
        return table

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self._lines)
