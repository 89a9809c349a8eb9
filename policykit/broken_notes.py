"""Bracketed notes that a PDF line break split, joined back onto one line.

Text taken from a PDF keeps the printed lines, and an assignment note often
runs over two of them, sometimes through the middle of its label
(``（责任单`` ⏎ ``位：江澜市城管局、各区政府）``). A line that ends inside a
bracket it opened is joined with the lines that close the bracket, as long
as none of them opens an item and the note stays short, so the note is one
piece of text for the readers after this one. The lines are joined by
deleting the line breaks through the offset map (``Normalized.splice``).
"""
from __future__ import annotations

import re

from .model import Warning
from .normalize import Normalized

_OPEN = "（(〔"
_CLOSE = "）)〕"
_MAX_LINES = 3      # a note closes within this many lines after the one it opens on
_MAX_NOTE = 400     # and within this many characters
_OPEN_AT_END = re.compile("[（(〔][^（(〔）)〕\n]*\n")
_BRACKET = re.compile("[（(〔）)〕\n]")


def join_broken_brackets(norm: Normalized) -> Normalized:
    """``norm`` with every bracket left open at a line end joined to the lines that close it."""
    from .line_breaks import item_marker

    text = norm.text
    joins: list[int] = []      # positions of the line breaks to delete
    for m in _OPEN_AT_END.finditer(text):
        opened, end = m.start(), m.end() - 1
        if joins and opened < joins[-1]:
            continue
        depth, breaks, at = 1, [end], end + 1
        while depth and len(breaks) <= _MAX_LINES:
            if at == breaks[-1] + 1 and item_marker(text[at:at + 12]):
                break   # the next line opens an item: the bracket was never closed
            b = _BRACKET.search(text, at, min(len(text), opened + _MAX_NOTE))
            if b is None:
                break
            at = b.end()
            if b.group() == "\n":
                breaks.append(b.start())
            else:
                depth += 1 if b.group() in _OPEN else -1
        if depth == 0 and len(breaks) <= _MAX_LINES:
            joins += breaks
    if not joins:
        return norm
    warning = Warning("repaired_broken_notes",
                      f"{len(joins)} line breaks inside brackets removed (notes broken over lines)",
                      norm.to_source(joins[0], joins[0] + 1))
    return norm.splice([(j, j + 1, "") for j in joins], [warning])
