"""File names every file system accepts, unique within one output folder.

A unit name becomes part of a file name (``任务分工表-市科技局.docx``), and unit
names come from scraped text: they may hold ``/`` or ``:``, be 200 characters
long, or spell a name Windows reserves. ``safe_name`` makes any text a valid
name on Linux, macOS and Windows; ``NameBook`` keeps the names of one folder
apart, also where the file system ignores case or Unicode normal form.
"""
from __future__ import annotations

import re
import unicodedata

# Forbidden on Windows (and / everywhere), control characters, lone
# surrogates (JSON can carry them; no file system encoding can), and
# characters that make a name look like another: bidirectional overrides
# (任务分工表-\u202excod.exe shows as …exe.docx) and noncharacters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069'
                        r'\ud800-\udfff\ufffe\uffff]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{n}" for n in "123456789¹²³"), *(f"LPT{n}" for n in "123456789¹²³")}

# Dots and spaces (any white space: a name of only U+00A0 looks empty) at either end.
_EDGES = re.compile(r"^[\s.]+|[\s.]+$")

#: File systems allow 255 bytes; the atomic writer's temporary name
#: (``.NAME.XXXXXXXX.tmp``) needs room beside it.
MAX_BYTES = 200


def safe_name(stem: str, suffix: str = "", max_bytes: int = MAX_BYTES) -> str:
    """``stem + suffix`` as a valid file name of at most ``max_bytes`` UTF-8 bytes.

    Forbidden characters become ``_``; leading and trailing dots and white space go
    (Windows drops trailing ones, a leading dot hides the file); an empty or
    reserved stem (``CON``, ``NUL.txt``, ``..``) gets a ``_`` in front.
    """
    room = max_bytes - len(suffix.encode("utf-8"))
    text = _FORBIDDEN.sub("_", unicodedata.normalize("NFC", stem))
    text = _trim(_shorten(_trim(text), room))
    if not text or text.split(".")[0].rstrip().upper() in _RESERVED:
        text = _trim(_shorten("_" + text, room))
    return text + suffix


def _trim(text: str) -> str:
    return _EDGES.sub("", text)


def _shorten(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max(max_bytes, 1)].decode("utf-8", errors="ignore")


class NameBook:
    """Hands out file names for one folder, never the same one twice."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, stem: str, suffix: str) -> str:
        name = safe_name(stem, suffix)
        number = 2
        while self._key(name) in self._taken:
            name = safe_name(stem, f"-{number}{suffix}")
            number += 1
        self._taken.add(self._key(name))
        return name

    @staticmethod
    def _key(name: str) -> str:
        # Windows and macOS folders ignore case; macOS also the normal form.
        return unicodedata.normalize("NFC", name).casefold()
