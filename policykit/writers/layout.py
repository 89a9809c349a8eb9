"""How much room text takes in a sheet: widths in characters, lines, columns.

Chinese text is set in full-width characters, so a line of a cell holds a
known number of them; Latin letters and digits take about half. That makes
it possible, without a renderer, to

- break a list of unit names into lines between names, never inside one
  (``pack_names``), and a title at word boundaries into balanced lines
  (``balanced_lines``);
- count the lines a cell takes at a width, and so choose the column widths
  that make the table shortest (``plan_columns``): 具体措施 takes what the
  short columns do not need, unit columns are as wide as their longest name
  (up to a limit) or wider where that saves lines.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Width of a character in ems of the font size.
_HALF = 0.5


def text_width(text: str) -> float:
    """Width of ``text`` in characters of its size (a Latin letter or digit is half)."""
    return sum(_char_width(ch) for ch in text)


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> float:
    if ch.isascii():
        return _HALF
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else _HALF


def line_count(text: str, capacity: float) -> int:
    """Lines a paragraph of ``text`` takes in a cell holding ``capacity`` characters a line.

    Counts as a line breaker does: a character that does not fit starts the
    next line; a line never starts with closing punctuation (it stays on the
    line before, as Word and LibreOffice keep it).
    """
    if not text:
        return 1
    lines, used = 1, 0.0
    for ch in text:
        width = _char_width(ch)
        if used + width > capacity + 1e-9 and ch not in _NO_LINE_START:
            lines += 1
            used = 0.0
        used += width
    return lines


_NO_LINE_START = set("，。、；：！？）》」』】〕〉”’,.;:!?)")


def pack_names(names: Sequence[str], capacity: float, separator: str = "、",
               split: Callable[[str], Sequence[str]] | None = None) -> list[list[tuple[int, str]]]:
    """The names on lines of at most ``capacity`` characters, broken between names.

    Each line is a list of (index of the name, text): the text is the whole
    name, or, for a name longer than a line, the piece of it on that line,
    cut between the words ``split`` gives (jieba's), so no line breaks
    inside a word. ``separator`` follows every name but the last.
    """
    lines: list[list[tuple[int, str]]] = []
    used = 0.0
    sep = text_width(separator)
    for n, name in enumerate(names):
        width = text_width(name) + (sep if n < len(names) - 1 else 0)
        if lines and used + width <= capacity + 1e-9:
            lines[-1].append((n, name))
            used += width
        elif width <= capacity + 1e-9 or split is None:
            lines.append([(n, name)])
            used = width
        else:
            pieces = balanced_lines(list(split(name)), capacity - sep)
            lines.extend([(n, piece)] for piece in pieces)
            used = text_width(pieces[-1]) + sep
    return lines


def name_lines(names: Sequence[str], capacity: float) -> int:
    """Lines a cell listing ``names`` takes (a name longer than a line counted
    as the lines its characters fill, without asking where its words end)."""
    lines = pack_names(names, capacity)
    return max(1, sum(math.ceil(text_width(line[0][1]) / capacity) if len(line) == 1 else 1 for line in lines))


def balanced_lines(words: Sequence[str], capacity: float) -> list[str]:
    """``words`` (jieba words of a title) on as few lines as fit ``capacity``,
    the lines as even as the words allow, broken only between words.

    GB/T 9704 asks a title that runs over lines to keep words whole and its
    lines balanced (梯形或菱形); a word longer than a line stays whole on its own.
    """
    total = sum(text_width(w) for w in words)
    if total <= capacity:
        return ["".join(words)]
    for count in range(math.ceil(total / capacity), len(words) + 1):
        target = total / count
        lines, current, used = [], [], 0.0
        for word in words:
            width = text_width(word)
            # break before the word if it would overflow, or if stopping here is closer to the target
            if current and (used + width > capacity or abs(used - target) < abs(used + width - target)) \
                    and len(lines) < count - 1:
                lines.append("".join(current))
                current, used = [], 0.0
            current.append(word)
            used += width
        lines.append("".join(current))
        if all(text_width(line) <= capacity for line in lines):
            return lines
    return ["".join(words)]


# -- columns -----------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    """A column to be sized: its header, how its cells are measured, and its
    bounds in characters (``fixed`` columns take ``least``; a ``rest`` column
    takes what the others leave)."""

    key: str
    label: str
    #: each row's lines in this column at a capacity of so many characters
    lines: Callable[[float], list[int]]
    least: float
    choices: Sequence[float] = ()
    rest: bool = False
    align: str | None = None
    #: what a width costs besides lines, in lines (a unit name broken over two)
    penalty: Callable[[float], float] | None = None


def plan_columns(specs: Sequence[ColumnSpec], total_chars: float, padding_chars: float,
                 rest_min_share: float) -> dict[str, float]:
    """Width of every column in characters, adding up to ``total_chars``.

    Each column gets its ``least``; a column with ``choices`` gets the choice
    that, with the others', makes the table shortest (the sum over rows of
    each row's tallest cell, plus the columns' ``penalty``); the ``rest``
    column (具体措施) the remainder, never less than ``rest_min_share`` of the whole.
    """
    rest = next(s for s in specs if s.rest)
    options = [list(s.choices) if s.choices else [s.least] for s in specs if not s.rest]
    others = [s for s in specs if not s.rest]
    cache: dict[tuple[str, float], list[int]] = {}

    def rows(spec: ColumnSpec, width: float) -> list[int]:
        key = (spec.key, width)
        if key not in cache:
            cache[key] = spec.lines(max(width - padding_chars, 1.0))
        return cache[key]

    best: tuple[float, ...] | None = None
    best_height = math.inf
    for widths in _product(options):
        left = total_chars - sum(widths)
        if left < rest_min_share * total_chars:
            continue
        columns = [rows(s, w) for s, w in zip(others, widths)] + [rows(rest, left)]
        height = sum(max(cells) for cells in zip(*columns)) if columns[0] else 0
        height += sum(s.penalty(w - padding_chars) for s, w in zip(others, widths) if s.penalty)
        # a tie goes to the narrower short columns (more room for the text)
        if height < best_height - 1e-9:
            best, best_height = widths, height
    if best is None:   # not even the least widths leave the share: take them anyway
        best = tuple(s.least for s in others)
    plan = {s.key: w for s, w in zip(others, best)}
    plan[rest.key] = total_chars - sum(best)
    return plan


def _product(options: list[list[float]]):
    """Every combination, the narrowest first (so ties keep the narrow ones)."""
    if not options:
        yield ()
        return
    for head in sorted(options[0]):
        for tail in _product(options[1:]):
            yield (head, *tail)
