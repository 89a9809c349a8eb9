"""Normalise source text for the extractors, keeping a map back to the source.

The extractors work on one normalised string: full-width CJK punctuation,
ASCII digits, no spaces inside Chinese text, one paragraph per line and no
page chrome. ``Normalized.to_source`` maps any span of it back to the
source text, so every value the extractors find keeps a span into the text
exactly as ``policykit text`` prints it.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from .data import read_patterns
from .model import Warning
from .textlines import line_spans

_SPACES = {"\u00a0", "\u3000", "\t", "\u2002", "\u2003", "\u2009", "\u200b", "\ufeff", "\x0b", "\x0c"}
_ALWAYS = {"(": "（", ")": "）", ";": "；", "?": "？", "!": "！"}
_UNLESS_NUMERIC = {",": "，", ":": "："}
_FULLWIDTH_ASCII = {0xFF05: "%", 0xFF0E: "."}


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@dataclass
class Normalized:
    """Normalised text plus, for every character, its index in the source.

    ``offsets`` is an array of machine integers, not a list: 4 bytes a
    character instead of about 36, the bulk of what a large text costs."""

    source: str
    text: str
    offsets: array
    warnings: list[Warning] = field(default_factory=list)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        if end > start:
            return self.offsets[start], self.offsets[end - 1] + 1
        return self.offsets[start], self.offsets[start]

    def source_slice(self, start: int, end: int) -> str:
        s, e = self.to_source(start, end)
        return self.source[s:e]

    def space_before(self, i: int) -> bool:
        """Did the source have a space (and nothing else) just before character ``i``,
        deleted here (``优化企业开办服务 推行…`` read as ``优化企业开办服务推行…``)?"""
        if not 0 < i < len(self.text):
            return False
        gap = self.source[self.offsets[i - 1] + 1:self.offsets[i]]
        return bool(gap) and len(gap) <= _SPACE_GAP_MAX and not gap.translate(_TABLE).strip(" ")

    def from_source(self, pos: int) -> int:
        """The first normalised index whose character stands at or after source index ``pos``."""
        return bisect.bisect_left(self.offsets, pos, 0, len(self.text))

    def splice(self, edits: list[tuple[int, int, str]], warnings: list[Warning] = ()) -> "Normalized":
        """A copy with ``text[start:end]`` replaced by ``new`` for each (start, end, new) in
        ``edits`` (sorted, not overlapping). An inserted character maps to the source index of
        the character it replaces or stands before, so every span still points into the source."""
        if not edits:
            if warnings:
                return Normalized(self.source, self.text, self.offsets, self.warnings + list(warnings))
            return self
        pieces: list[str] = []
        offs = array(self.offsets.typecode)
        pos = 0
        for start, end, new in edits:
            pieces.append(self.text[pos:start])
            offs.extend(self.offsets[pos:start])
            pieces.append(new)
            offs.extend([self.offsets[start]] * len(new))
            pos = end
        pieces.append(self.text[pos:])
        offs.extend(self.offsets[pos:])   # includes the end sentinel
        return Normalized(self.source, "".join(pieces), offs, self.warnings + list(warnings))

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


def _translation() -> dict[int, str]:
    table = {ord(ch): " " for ch in _SPACES}
    table.update({c: chr(c - 0xFEE0) for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                  for c in range(r[0], r[1] + 1)})
    table.update(_FULLWIDTH_ASCII)
    table.update({ord(k): v for k, v in _ALWAYS.items()})
    return table


_TABLE = _translation()
_CONVERTIBLE = re.compile(r"[();?!]|[,:](?![0-9])|(?<![0-9])[,:]|(?<=[\u3400-\u9fff\uf900-\ufaff）”》)])\.(?![0-9])")
_COMMA_COLON = re.compile(r"[,:](?![0-9])|(?<![0-9])[,:]")
_DOT = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff）”》])\.(?![0-9])")
_CN_HEADING_DOT = re.compile(r"(?m)^[ \t\u3000]*[一二三四五六七八九十]{1,3}\.")   # "一." is a heading marker
_SPACE_GAP_MAX = 8   # a run of spaces that separates two phrases, not a page's worth of layout
_LONE_CR = re.compile(r"\r(?!\n)")
_DELETABLE = re.compile(r"\r(?=\n)| +")


def _map_chars(source: str) -> tuple[str, int, int]:
    """Same-length character mapping: widths, spaces, punctuation, lone CRs.

    Returns the mapped text, how many punctuation marks were converted, and where the first one is.
    """
    headings = {m.end() - 1 for m in _CN_HEADING_DOT.finditer(source)}
    converted, first = 0, -1   # counted, not listed: a text of 50 MB of "(" is not 50 million ints
    for m in _CONVERTIBLE.finditer(source):
        if m.start() not in headings:
            converted += 1
            first = m.start() if first < 0 else first
    mapped = _LONE_CR.sub("\n", source.translate(_TABLE))
    mapped = _COMMA_COLON.sub(lambda m: _UNLESS_NUMERIC[m.group()], mapped)
    mapped = _DOT.sub(lambda m: "." if m.start() in headings else "。", mapped)
    return mapped, converted, first


def _offset_type(text: str) -> str:
    """The array type that holds every index of ``text``: 4 bytes, 8 past 2**31 characters."""
    return "i" if len(text) < 2**31 - 1 else "q"


def _drop_spaces(mapped: str) -> tuple[str, array]:
    """Delete CRs before LF, and spaces, keeping one only between two ASCII
    letters or digits (``GB/T 29490``). Returns the text and each char's source index."""
    pieces: list[str] = []
    offs = array(_offset_type(mapped))
    pos = 0
    for m in _DELETABLE.finditer(mapped):
        a, b = m.span()
        pieces.append(mapped[pos:a])
        offs.extend(range(pos, a))
        pos = b
        if mapped[a] == " ":
            left = mapped[a - 1] if a else "\n"
            right = mapped[b] if b < len(mapped) else "\n"
            if left.isascii() and right.isascii() and left.isalnum() and right.isalnum():
                pieces.append(" ")
                offs.append(a)
    pieces.append(mapped[pos:])
    offs.extend(range(pos, len(mapped)))
    return "".join(pieces), offs


class _Joiner:
    """``"".join`` of many pieces, joined a batch at a time as they are added."""

    BATCH = 4096

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._joined: list[str] = []

    def add(self, piece: str) -> None:
        self._pieces.append(piece)
        if len(self._pieces) >= self.BATCH:
            self._joined.append("".join(self._pieces))
            self._pieces.clear()

    def text(self) -> str:
        return "".join(self._joined) + "".join(self._pieces)


def normalize(source: str) -> Normalized:
    mapped, converted, first = _map_chars(source)
    text, offs = _drop_spaces(mapped)
    del mapped   # each copy of a 20 MB text is 14 MB or more: none is kept longer than it is needed
    warnings: list[Warning] = []
    if converted:
        warnings.append(Warning("normalized_punctuation",
                                f"{converted} half-width punctuation marks read as full-width", (first, first + 1)))
    # Whole lines: drop blank lines and page chrome. Kept text is joined as it
    # comes (never millions of short strings held at once), offsets go into an array.
    keep_c = _Joiner()
    keep_o = array(offs.typecode)
    chrome = _chrome_re()
    newline_at = -1   # source index of the line break after the last kept line
    for start, end in line_spans(text):
        if start == end:
            continue
        line = text[start:end]
        if "【" in line or "链接" in line:
            cut = [(m.start(), m.end()) for m in _inline_chrome_re().finditer(line)]
            if cut:
                warnings.append(Warning("removed_page_chrome", "removed page chrome inside a line",
                                        (offs[start + cut[0][0]], offs[start + cut[-1][1] - 1] + 1)))
                pieces, kept_from = [], start
                for a, b in cut:
                    pieces.append((kept_from, start + a))
                    kept_from = start + b
                pieces.append((kept_from, end))
                pieces = [(a, b) for a, b in pieces if b > a]
                if not pieces:
                    continue
                if keep_o:
                    keep_c.add("\n")
                    keep_o.append(newline_at)
                for a, b in pieces:
                    keep_c.add(text[a:b])
                    keep_o.extend(offs[a:b])
                newline_at = offs[end] if end < len(offs) else len(source)
                continue
        if len(line) <= 40 and chrome.match(line):
            span = (offs[start], offs[end - 1] + 1)
            warnings.append(Warning("removed_page_chrome", f"removed page chrome: {line}", span))
            continue
        if keep_o:
            keep_c.add("\n")
            keep_o.append(newline_at)
        keep_c.add(line)
        keep_o.extend(offs[start:end])
        newline_at = offs[end] if end < len(offs) else len(source)
    keep_o.append(len(source))
    del text, offs
    return repair_layout(Normalized(source, keep_c.text(), keep_o, warnings))


def repair_layout(norm: Normalized) -> Normalized:
    """Layout repairs that the outline needs, on normalised text: running
    headers and footers of PDF pages cut out, line breaks put back into a
    document written on one line, notes broken over lines joined."""
    from .broken_notes import join_broken_brackets
    from .line_breaks import restore_line_breaks
    from .running_heads import cut_running_heads

    return join_broken_brackets(restore_line_breaks(cut_running_heads(norm)))
