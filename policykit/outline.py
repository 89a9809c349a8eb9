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
from .textlines import LineIndex

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
    own_paragraph: bool = False   # only at the start of a paragraph


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
    guidance: bool = False   # inside an annex of guidance, lists or forms: no measures
    boxes: list[tuple[int, int]] = field(default_factory=list)   # 专栏 boxes in its own text


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
                             bool(s.get("damaged")), bool(s.get("gap")), bool(s.get("own_paragraph"))))
    return tuple(styles)


@dataclass(frozen=True)
class _Blocks:
    """Lines that open text which is not more outline: annexes and boxes;
    and the closing line of a notice, which ends the item before it."""

    annex_table: re.Pattern[str]
    annex_head: re.Pattern[str]
    guidance: re.Pattern[str]
    box_head: re.Pattern[str]
    closing: re.Pattern[str]


@lru_cache(maxsize=1)
def _blocks() -> _Blocks:
    data = read_toml("headings.toml")
    return _Blocks(re.compile(data["annex_table"]), re.compile(data["annex_head"]),
                   re.compile(data["guidance_annex"]), re.compile(data["box_head"]),
                   re.compile(data["closing_line"]))


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


def is_heading_line(line: str) -> bool:
    """Does ``line`` open with a heading marker (一、 （一） 1. …)?"""
    return _match_heading(line) is not None


def _match_heading(line: str):
    for style in _styles():
        m = style.pattern.match(line)
        if m:
            return style, m
    return None


def parse(text: str, end: int | None = None) -> list[Node]:
    """Top-level heading nodes of ``text`` (normalised), each with its subtree;
    with ``end``, the body stops there (at the signature block).

    An annex task table ends the outline; another annex closes every open
    item, and its headings are new top-level nodes (marked ``guidance`` when
    the annex is guidance, a catalogue, a list or a form). A 专栏 box is no
    outline: it is recorded in the ``boxes`` of the item it stands in.
    """
    if end is not None:
        text = text[:end]
    roots: list[Node] = []
    stack: list[Node] = []
    last_value: dict[str, int] = {}   # numbering may run on across sections (（一）…（五十三）)
    blocks = _blocks()
    lines = LineIndex(text)   # not text.split: a text may hold millions of lines
    guidance = False
    annex_list: list[str] | None = None   # just after an annex line: the annexes it lists
    box: tuple[int, dict[str, int]] | None = None   # an open box: its start, the numbers open outside it
    previous = None   # the line before (a 一是 item opens a paragraph)
    for i, (start, line_end, line) in enumerate(lines):
        before, previous = previous, line
        if blocks.annex_table.match(line):
            text = text[:start]
            break
        if box is not None and _box_ends(line, box[1]):
            _close_box(stack, box[0], start)
            box = None
        if box is not None:
            continue
        if blocks.closing.match(line):
            for open_node in stack:   # 本通知自印发之日起实施: no item runs on past it
                open_node.end = start
            stack.clear()
            continue
        head = _annex_head(line)
        if head:
            for open_node in stack:
                open_node.end = start
            stack.clear()
            title = (head.group("title") or head.group("spaced") or "").strip()
            annex_list = [title] if _is_list_entry(title) else []
            title = title or _title_below([below for _, _, below in lines[i + 1:i + 7]], 0)
            guidance = bool(blocks.guidance.search(title))
            continue
        if annex_list is not None:
            if not line.strip():
                continue
            if _is_list_entry(line):
                annex_list.append(line)
                guidance = all(blocks.guidance.search(entry) for entry in annex_list)
                continue
            annex_list = None
        if blocks.box_head.match(line):
            box = (start, {n.style: n.value for n in stack})
            continue
        found = _match_heading(line)
        if not found:
            continue
        style, m = found
        if style.own_paragraph and before is not None and not _ends_paragraph(before):
            continue
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
                    damaged=style.damaged, guidance=guidance)
        if depth is not None:
            for closed in stack[depth:]:
                closed.end = start
            del stack[depth:]
        node.parent = stack[-1] if stack else None
        (node.parent.children if node.parent else roots).append(node)
        stack.append(node)
    if box is not None:
        _close_box(stack, box[0], len(text))
    for open_node in stack:
        open_node.end = len(text)
    _close_ends(roots, len(text))
    _number_ids(roots, "s")
    return roots


_ENTRY_MAX = 60
_BOX_PHRASE_MAX = 25


def _ends_paragraph(line: str) -> bool:
    """Does the line before end a paragraph (or is it a heading or blank)?"""
    line = line.rstrip()
    return not line or line[-1] in "。：:；;！？）)" or _match_heading(line) is not None


def _annex_head(line: str) -> re.Match[str] | None:
    head = _blocks().annex_head.match(line)
    if head and head.group("spaced") and (
            "。" in line or len(line) > _ENTRY_MAX or not (head.group("num") or head.group("gap"))):
        return None   # a sentence that opens with the word 附件 (附件材料须…)
    return head


def _is_list_entry(line: str) -> bool:
    """A line of an annex list (``1.重点项目清单``): a number and a short title."""
    found = _match_heading(line.strip())
    return bool(found) and found[0].canonical == "arabic" and len(line.strip()) <= _ENTRY_MAX and "。" not in line


def _title_below(lines: list[str], first: int) -> str:
    """An annex title written on the lines under ``附件1``, perhaps broken over
    two or three of them; it stops at a heading or a sentence."""
    parts: list[str] = []
    for line in lines[first:first + 6]:
        line = line.strip()
        if not line:
            continue
        if _match_heading(line) or "。" in line or len(line) > _TITLE_MAX or len(parts) == 3:
            break
        parts.append(line)
    return "".join(parts)


def _box_ends(line: str, outside: dict[str, int]) -> bool:
    """Does ``line`` close a 专栏 box? At a heading that goes on with the numbering
    of a level open outside the box, or at a chapter, section or article; at an
    annex or another box; at a paragraph that opens with a heading phrase and
    runs on (the enclosing section's next task)."""
    if _annex_head(line) or _blocks().box_head.match(line):
        return True
    found = _match_heading(line)
    if found:
        style, m = found
        if style.canonical in outside:
            return numeral_value(m.group("num")) > outside[style.canonical]
        return style.gap
    stop = line.find("。")
    phrase = line[:stop].strip()
    return (stop > 0 and 0 < len(phrase) <= _BOX_PHRASE_MAX and not any(c in phrase for c in "，,；;：:")
            and len(line) - stop > _BOX_PHRASE_MAX)


def _close_box(stack: list[Node], start: int, end: int) -> None:
    if stack:
        stack[-1].boxes.append((start, end))


def leaves(roots: list[Node]) -> list[tuple[int, int]]:
    """The spans of the lowest items (no children), outside guidance annexes, in text order."""
    out: list[tuple[int, int]] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if node.guidance:
            continue
        if node.children:
            stack.extend(reversed(node.children))
        else:
            out.append((node.start, node.end))
    return out


def boxes(roots: list[Node]) -> list[tuple[int, int]]:
    """Every 专栏 box of the document, in text order."""
    return sorted(box for root in roots for node in root.walk() for box in node.boxes)


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
