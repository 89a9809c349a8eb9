"""The lines of a long text, walked or indexed without a string per line held at once.

``text.split("\\n")`` costs about 80 bytes a line before any work is done:
3 million short lines take 250 MB. The extractors walk lines with
``line_spans`` (one line at a time) or index them with ``LineIndex`` (8
bytes a line, the line's text cut out when asked for).
"""
from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line of ``text``, ``end`` before its newline;
    as many as ``text.split("\\n")`` gives lines."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


class LineIndex(Sequence):
    """The lines of ``text`` as ``(start, end, line)``, like a list of them, but
    holding only where each line starts."""

    def __init__(self, text: str):
        self._text = text
        self._starts = array("q", (start for start, _ in line_spans(text)))

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        start = self._starts[index]
        end = self._starts[index + 1] - 1 if index + 1 < len(self) else len(self._text)
        return start, end, self._text[start:end]

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        for start, end in line_spans(self._text):
            yield start, end, self._text[start:end]
