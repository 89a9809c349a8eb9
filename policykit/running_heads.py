"""Running footers and headers of PDF pages left inside the text.

A PDF turned into text by another tool keeps its page furniture where the
page broke: a footer such as ``- 6 江澜市发展改革委印发`` (the page number and
the issuing organ) glued to the end of the page's last line or on a line of
its own, then the next page's header (``江澜市发改委规范性文件``). They land
inside sentences and unit names::

    …江澜市能源局、市交通运- 6 江澜市发展改革委印发
    江澜市发改委规范性文件
    输局配合）

Per document, footers are learnt as a page number followed by the same tail
on several pages, or by an organ and 印发/发布; page breaks are where a footer
stands or where normalisation dropped a page-number line. A short line
without punctuation right after a page break is the next page's header when
it repeats there or ends like one (…文件, …公报). Footers and headers are cut
out, and the line the page broke is joined again unless it ended a sentence.
The language data is in ``data/layout.toml``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .data import read_toml
from .model import Warning
from .normalize import Normalized

_PUNCT = re.compile("[。，；：！？、]")


@dataclass(frozen=True)
class _Lang:
    footer: re.Pattern[str]
    page_only: re.Pattern[str]
    verbs: re.Pattern[str]
    header_words: re.Pattern[str]
    header_max: int
    sentence_end: re.Pattern[str]


@lru_cache(maxsize=1)
def _lang() -> _Lang:
    d = read_toml("layout.toml")["running_heads"]
    return _Lang(
        re.compile(rf"(?P<page>{d['page']})(?P<tail>[\u4e00-\u9fff（）]{{2,{d['footer_tail_max']}}})$"),
        re.compile(rf"^{d['page']}$"),
        re.compile(f"(?:{d['footer_verbs']})$"),
        re.compile(f"(?:{d['header_words']})$"),
        d["header_max"],
        re.compile(d["sentence_end"]),
    )


def cut_running_heads(norm: Normalized) -> Normalized:
    """``norm`` without the running footers and headers of its pages, the
    lines they split joined again."""
    text = norm.text
    L = _lang()
    footers = _footers(text)
    chrome_breaks = _dropped_page_numbers(norm)
    if not footers and not chrome_breaks:
        return norm
    # Page breaks: (start of the page's last line of text, where its text stops,
    # start of the first line that may be the next page's header)
    pages: list[tuple[int, int, int]] = []
    for end, cut in footers.items():
        start = text.rfind("\n", 0, end) + 1
        if cut > start:
            pages.append((start, cut, end + 1))
        elif start > 0:   # the footer is a line of its own
            pages.append((text.rfind("\n", 0, start - 1) + 1, start - 1, end + 1))
    for start in chrome_breaks:
        if start > 0:
            pages.append((text.rfind("\n", 0, start - 1) + 1, start - 1, start))
    pages.sort()
    after = Counter(_line(text, k) for _, _, k in pages if k < len(text))
    edits: list[tuple[int, int, str]] = []
    removed = 0
    for first, cut, k in pages:
        line_end = _line_end(text, first)
        nxt, headers = k, 0
        while nxt < len(text) and headers < 2 and _is_header(_line(text, nxt), after):
            nxt, headers = _line_end(text, nxt) + 1, headers + 1
        removed += (cut < line_end) + headers
        if nxt >= len(text):
            edits.append((cut, len(text), ""))
            continue
        before = text[first:cut]
        join = bool(before) and not L.sentence_end.search(before) and not _opens_item(_line(text, nxt))
        if cut == line_end and nxt == line_end + 1 and not join:
            continue   # a dropped page number between two paragraphs: nothing to repair
        edits.append((cut, nxt, "" if join else "\n"))
    edits = _disjoint(sorted(set(edits)))
    if not edits:
        return norm
    head = edits[0]
    warning = Warning("removed_running_heads",
                      f"removed {removed} running header/footer line(s) of PDF pages and joined the lines they split",
                      norm.to_source(head[0], max(head[1], head[0] + 1)))
    return norm.splice(edits, [warning])


def _disjoint(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for edit in edits:
        if out and edit[0] < out[-1][1]:
            continue
        out.append(edit)
    return out


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end == -1 else end


def _line(text: str, start: int) -> str:
    return text[start:_line_end(text, start)]


def _footers(text: str) -> dict[int, int]:
    """Footers at line ends: {line end: where the footer starts}."""
    L = _lang()
    found: list[tuple[int, int, str]] = []
    pos = 0
    for m in re.finditer(r"[-—－–]\d", text):
        if m.start() < pos:
            continue
        end = text.find("\n", m.start())
        end = len(text) if end == -1 else end
        pos = end
        f = L.footer.search(text, m.start(), end)
        if f:
            found.append((f.start(), end, f.group("tail")))
    tails = Counter(tail for _, _, tail in found)
    out: dict[int, int] = {}
    for start, end, tail in found:
        organ = L.verbs.sub("", tail)
        if (tails[tail] >= 2 or organ != tail) and _is_organ(organ):
            out[end] = start
    return out


def _is_organ(name: str) -> bool:
    from .extract.assignments import is_unit

    return is_unit(name)


def _dropped_page_numbers(norm: Normalized) -> set[int]:
    """Starts of the lines that follow a page-number line normalisation dropped."""
    out = set()
    for w in norm.warnings:
        if w.code != "removed_page_chrome" or w.span is None:
            continue
        line = norm.source[w.span[0]:w.span[1]].replace(" ", "")
        if _lang().page_only.match(line) or re.fullmatch(r"第\d{1,4}页(?:[，,/]?共\d{1,4}页)?|\d{1,4}/\d{1,4}", line):
            out.add(norm.from_source(w.span[1]))
    return out


def _is_header(line: str, after_breaks: Counter) -> bool:
    L = _lang()
    if not line or len(line) > L.header_max or _PUNCT.search(line) or _opens_item(line):
        return False
    if after_breaks[line] >= 2 or L.header_words.search(line):
        return True
    organ = L.verbs.sub("", line)   # "江澜市发展改革委印发" under a page number
    return organ != line and _is_organ(organ)


def _opens_item(line: str) -> bool:
    from .line_breaks import item_marker

    return item_marker(line) is not None
