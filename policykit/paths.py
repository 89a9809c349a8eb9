"""File names as people and JSON see them, and output names the file system takes.

A name on Linux is bytes: a zip unpacked from Windows leaves GBK names that
are not UTF-8 (Python holds them as lone surrogates, which no UTF-8 output
can carry), and a name may hold a newline or an escape sequence that would
forge a line or recolour a terminal. ``readable`` is the name for JSON (bytes
that are not UTF-8 written ``\\xb9``), ``printable`` the name (or any line) for
a terminal, ``bounded_name`` an output name of at most 255 bytes.
"""
from __future__ import annotations

import os
import re

#: Most bytes of one file name on Linux, macOS and Windows file systems.
NAME_MAX = 255

_SURROGATES = re.compile("[\udc80-\udcff]+")
# C0 and C1 controls, DEL, bidirectional overrides and isolates, line and paragraph separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def readable(path: str | os.PathLike) -> str:
    """``path`` as text any UTF-8 output can carry: bytes of the name that are not
    UTF-8 (held by Python as surrogates) become ``\\xNN``."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    return _SURROGATES.sub(lambda m: "".join(f"\\x{ord(c) - 0xDC00:02x}" for c in m.group()), text)


def printable(text: str) -> str:
    """``text`` (an error line, a file name) safe for a terminal: one line,
    no escape sequences, no reordering: control characters become ``\\n``,
    ``\\x1b``, ``\\u202e``."""
    return _UNPRINTABLE.sub(_escape, readable(text))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def name_bytes(name: str) -> int:
    """Length of a file name in bytes as the file system stores it."""
    return len(os.fsencode(name))


def bounded_name(stem: str, suffix: str, max_bytes: int = NAME_MAX) -> str:
    """``stem + suffix``, the stem cut (at a character boundary) so the name
    takes at most ``max_bytes`` bytes: an 80-character Chinese stem is 240."""
    room = max_bytes - name_bytes(suffix)
    encoded = os.fsencode(stem)
    if len(encoded) <= room:
        return stem + suffix
    cut = encoded[:max(room, 1)]
    while cut:
        try:
            cut.decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            if exc.start < len(cut) - 3:   # bytes that were never UTF-8: keep them as they are
                break
            cut = cut[:exc.start]
    return os.fsdecode(cut) + suffix
