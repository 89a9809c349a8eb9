"""Normalise source text for the extractors, keeping a map back to the source.

The extractors work on one normalised string: full-width CJK punctuation,
ASCII digits, no spaces inside Chinese text, one paragraph per line and no
page chrome. ``Normalized.to_source`` maps any span of it back to the
source text, so every value the extractors find keeps a span into the text
exactly as ``policykit text`` prints it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .data import read_patterns
from .model import Warning

_SPACES = {"\u00a0", "\u3000", "\t", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff", "\x0b", "\x0c"}
_ALWAYS = {"(": "（", ")": "）", ";": "；", "?": "？", "!": "！"}
_UNLESS_NUMERIC = {",": "，", ":": "："}
_FULLWIDTH_ASCII = {0xFF05: "%", 0xFF0E: "."}


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@dataclass
class Normalized:
    """Normalised text plus, for every character, its index in the source."""

    source: str
    text: str
    offsets: list[int]
    warnings: list[Warning] = field(default_factory=list)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        if end > start:
            return self.offsets[start], self.offsets[end - 1] + 1
        return self.offsets[start], self.offsets[start]

    def source_slice(self, start: int, end: int) -> str:
        s, e = self.to_source(start, end)
        return self.source[s:e]

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line, end excluding the newline."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out


@lru_cache(maxsize=1)
def _inline_chrome_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in read_patterns("chrome_inline.txt")))


@lru_cache(maxsize=1)
def _chrome_re() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(read_patterns("chrome.txt")) + r")\Z")


_CN_HEADING = re.compile(r"\s*[一二三四五六七八九十]{1,3}\Z")


def _map_chars(source: str) -> tuple[list[str], list[int], int, int]:
    """Character-level mapping: widths, spaces, punctuation, line endings."""
    chars: list[str] = []
    offs: list[int] = []
    converted = 0
    first = -1
    line_start = 0
    n = len(source)
    for i, ch in enumerate(source):
        if ch == "\r":
            if i + 1 < n and source[i + 1] == "\n":
                continue
            ch = "\n"
        elif ch in _SPACES:
            ch = " "
        elif 0xFF10 <= ord(ch) <= 0xFF19 or 0xFF21 <= ord(ch) <= 0xFF3A or 0xFF41 <= ord(ch) <= 0xFF5A:
            ch = chr(ord(ch) - 0xFEE0)
        elif ord(ch) in _FULLWIDTH_ASCII:
            ch = _FULLWIDTH_ASCII[ord(ch)]
        elif ch in _ALWAYS:
            ch = _ALWAYS[ch]
            converted += 1
            first = i if first < 0 else first
        elif ch in _UNLESS_NUMERIC:
            prev = source[i - 1] if i else ""
            nxt = source[i + 1] if i + 1 < n else ""
            if not (prev.isdigit() and nxt.isdigit() and prev.isascii() and nxt.isascii()):
                ch = _UNLESS_NUMERIC[ch]
                converted += 1
                first = i if first < 0 else first
        elif ch == ".":
            prev = source[i - 1] if i else ""
            nxt = source[i + 1] if i + 1 < n else ""
            heading = _CN_HEADING.match("".join(chars[line_start:]))   # "一." is a heading marker
            if prev and (_is_cjk(prev) or prev in "）”》") and not nxt.isdigit() and not heading:
                ch = "。"
                converted += 1
                first = i if first < 0 else first
        chars.append(ch)
        offs.append(i)
        if ch == "\n":
            line_start = len(chars)
    return chars, offs, converted, first


def _drop_spaces(chars: list[str], offs: list[int]) -> tuple[list[str], list[int]]:
    """Keep one space only between two ASCII characters (``GB/T 29490``)."""
    out_c: list[str] = []
    out_o: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        if chars[i] != " ":
            out_c.append(chars[i])
            out_o.append(offs[i])
            i += 1
            continue
        j = i
        while j < n and chars[j] == " ":
            j += 1
        left = out_c[-1] if out_c else "\n"
        right = chars[j] if j < n else "\n"
        if left != "\n" and right != "\n" and left.isascii() and right.isascii() and left.isalnum() and right.isalnum():
            out_c.append(" ")
            out_o.append(offs[i])
        i = j
    return out_c, out_o


def normalize(source: str) -> Normalized:
    chars, offs, converted, first = _map_chars(source)
    chars, offs = _drop_spaces(chars, offs)
    text = "".join(chars)
    warnings: list[Warning] = []
    if converted:
        warnings.append(Warning("normalized_punctuation",
                                f"{converted} half-width punctuation marks read as full-width", (first, first + 1)))
    # Whole lines: drop blank lines and page chrome.
    keep_c: list[str] = []
    keep_o: list[int] = []
    chrome = _chrome_re()
    pos = 0
    newline_at = -1   # source index of the line break after the last kept line
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line:
            continue
        if "【" in line or "链接" in line:
            cut = [(m.start(), m.end()) for m in _inline_chrome_re().finditer(line)]
            if cut:
                warnings.append(Warning("removed_page_chrome", "removed page chrome inside a line",
                                        (offs[start + cut[0][0]], offs[start + cut[-1][1] - 1] + 1)))
                kept = [i for i in range(start, end) if not any(a <= i - start < b for a, b in cut)]
                if not kept:
                    continue
                if keep_c:
                    keep_c.append("\n")
                    keep_o.append(newline_at)
                keep_c.extend(text[i] for i in kept)
                keep_o.extend(offs[i] for i in kept)
                newline_at = offs[end] if end < len(offs) else len(source)
                continue
        if len(line) <= 40 and chrome.match(line):
            span = (offs[start], offs[end - 1] + 1)
            warnings.append(Warning("removed_page_chrome", f"removed page chrome: {line}", span))
            continue
        if keep_c:
            keep_c.append("\n")
            keep_o.append(newline_at)
        keep_c.extend(text[start:end])
        keep_o.extend(offs[start:end])
        newline_at = offs[end] if end < len(offs) else len(source)
    keep_o.append(len(source))
    return Normalized(source, "".join(keep_c), keep_o, warnings)
