"""The heading tree of a document: 一、 → （一） → 1. → （1） → ①, 第一章/第一条.

Levels are assigned by the order in which marker styles nest in this
document (a style seen again closes the deeper ones), so a document that
skips a level still gets a sensible tree. Damaged markers (``1推进…``,
``（一加强…``) count only when they continue their siblings' numbering.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .data import read_toml
from .model import Section

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TITLE_MAX = 40
_OWN_LINE_MAX = 30


@dataclass
class _Style:
    name: str
    canonical: str
    pattern: re.Pattern[str]
    damaged: bool
    gap: bool


@dataclass
class Node:
    """One heading and the text it governs, in normalised coordinates."""

    style: str
    marker: str
    number: str
    value: int
    start: int          # start of the heading line
    body_start: int     # just after the marker
    line_end: int       # end of the heading line
    end: int = 0        # end of the section (before the next heading at its level or above)
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    id: str = ""
    damaged: bool = False

    @property
    def level(self) -> int:
        return 1 + (self.parent.level if self.parent else 0)

    @property
    def path(self) -> list[str]:
        up = self.parent.path if self.parent else []
        return up + [self.number]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@lru_cache(maxsize=1)
def _styles() -> tuple[_Style, ...]:
    styles = []
    for s in read_toml("headings.toml")["style"]:
        styles.append(_Style(s["name"], s.get("same_as", s["name"]), re.compile(s["pattern"]),
                             bool(s.get("damaged")), bool(s.get("gap"))))
    return tuple(styles)


@lru_cache(maxsize=1)
def _annex_re() -> re.Pattern[str]:
    return re.compile(read_toml("headings.toml")["annex_table"])


def numeral_value(num: str) -> int:
    if num.isdigit() and num.isascii():
        return int(num)
    if num in _CIRCLED:
        return _CIRCLED.index(num) + 1
    import cn2an

    try:
        return int(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError):
        return 0


def heading_title(line: str) -> str | None:
    """The heading phrase of a heading line's text (marker removed)."""
    line = line.strip()
    if not line:
        return None
    stop = line.find("。")
    if stop == -1:
        # A heading on a line of its own is short; a long line without a full
        # stop is a paragraph that a PDF broke over lines.
        phrase = line.rstrip("：:；")
        return phrase if len(phrase) <= _OWN_LINE_MAX and "，" not in phrase[-2:] else None
    phrase = line[:stop]
    return phrase if 0 < len(phrase) <= _TITLE_MAX else None


def _match_heading(line: str):
    for style in _styles():
        m = style.pattern.match(line)
        if m:
            return style, m
    return None


def parse(text: str, end: int | None = None) -> list[Node]:
    """Top-level heading nodes of ``text`` (normalised), each with its subtree;
    with ``end``, the body stops there (at the signature block)."""
    if end is not None:
        text = text[:end]
    roots: list[Node] = []
    stack: list[Node] = []
    last_value: dict[str, int] = {}   # numbering may run on across sections (（一）…（五十三）)
    pos = 0
    annex = _annex_re()
    for line in text.split("\n"):
        start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if annex.match(line):
            text = text[:start]
            break
        found = _match_heading(line)
        if not found:
            continue
        style, m = found
        number = m.group("num")
        value = numeral_value(number)
        # Where would this heading go? A style already open closes the deeper ones.
        depth = next((i for i, n in enumerate(stack) if n.style == style.canonical), None)
        siblings = (stack[depth - 1].children if depth else roots) if depth is not None else (
            stack[-1].children if stack else roots)
        prev = siblings[-1] if siblings and siblings[-1].style == style.canonical else None
        expected = {prev.value + 1} if prev else {1, last_value.get(style.canonical, 0) + 1}
        if value not in expected and (style.damaged or (prev is None and not style.gap and value > 3)):
            continue
        last_value[style.canonical] = value
        node = Node(style.canonical, m.group(0), number, value, start, start + m.end(), line_end,
                    damaged=style.damaged)
        if depth is not None:
            for closed in stack[depth:]:
                closed.end = start
            del stack[depth:]
        node.parent = stack[-1] if stack else None
        (node.parent.children if node.parent else roots).append(node)
        stack.append(node)
    for open_node in stack:
        open_node.end = len(text)
    _close_ends(roots, len(text))
    _number_ids(roots, "s")
    return roots


def _close_ends(nodes: list[Node], limit: int) -> None:
    for i, node in enumerate(nodes):
        nxt = nodes[i + 1].start if i + 1 < len(nodes) else limit
        node.end = min(node.end or nxt, nxt) if node.end else nxt
        node.end = nxt if node.end < node.start else node.end
        _close_ends(node.children, node.end)


def _number_ids(nodes: list[Node], prefix: str) -> None:
    for i, node in enumerate(nodes, 1):
        node.id = f"{prefix}{i}" if prefix == "s" else f"{prefix}.{i}"
        _number_ids(node.children, node.id)


def to_sections(nodes: list[Node], text: str, to_source) -> list[Section]:
    """The model's Section tree, spans mapped to the source text."""
    out = []
    for node in nodes:
        sec_end = node.end
        while sec_end > node.start and text[sec_end - 1] == "\n":
            sec_end -= 1
        out.append(Section(node.id, node.level, node.marker.strip(),
                           heading_title(text[node.body_start:node.line_end]),
                           to_source(node.start, sec_end),
                           to_sections(node.children, text, to_source)))
    return out


def build_outline(text: str) -> list[Section]:
    """The outline of a source text (normalised here), spans into ``text``."""
    from .normalize import normalize

    norm = normalize(text)
    return to_sections(parse(norm.text), norm.text, norm.to_source)
