"""Line breaks put back into a document written on one line.

Texts copied out of a spreadsheet cell or a database field often hold a whole
document on one line: title, number, addressees, headings, items, notes and
signature run together. The outline opens items only at line starts and the
metadata reader looks for the signature on lines of its own, so such a text
would give nothing. When a document has (almost) no line breaks, breaks go
back where an official document has them:

- after the wrapper: around the document number, after the addressees' colon;
- before an item marker (一、 （一） 1. （1） 第一条) that follows the end of a
  sentence, a closing note bracket or a colon, or that opens the first
  sub-item right after a heading phrase — when its number continues the
  numbering of its style;
- around a signature block (issuing organ, date, 此件 remark) and before an annex.

Each break is an inserted ``\\n`` in the normalised text (see
``Normalized.splice``), so every span still points into the source text.
The language data is in ``data/layout.toml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .data import read_toml
from .model import Warning
from .normalize import Normalized

_PHRASE_STOPS = re.compile("[。；，：！？]")
_STOPS = "。；！？）"


@dataclass(frozen=True)
class _Lang:
    max_lines: int
    chars_per_extra_line: int
    min_average: int
    min_line: int
    heading_max: int
    markers: re.Pattern[str]
    after: str
    date: re.Pattern[str]
    remark: re.Pattern[str]
    continues: re.Pattern[str]
    organ_max: int
    addressee_max: int
    addressee_words: re.Pattern[str]
    annex: re.Pattern[str]
    number: re.Pattern[str]
    title_end: re.Pattern[str]


@lru_cache(maxsize=1)
def _lang() -> _Lang:
    d = read_toml("layout.toml")["one_line"]
    styles = [p.replace("(?P<num>", f"(?P<n{i}>") for i, p in enumerate(d["markers"])]
    title_words = read_toml("metadata.toml")["title_words"]
    return _Lang(
        d["max_lines"], d["chars_per_extra_line"], d["min_average"], d["min_line"], d["heading_phrase_max"],
        re.compile("|".join(f"(?:{p})" for p in styles)),
        d["after"],
        re.compile(d["date"]),
        re.compile(d["remark"]),
        re.compile(d["date_continues"]),
        d["organ_max"],
        d["addressee_max"],
        re.compile(d["addressee_words"]),
        re.compile(f"(?<=[。）])(?:{d['annex']})"),
        # a document number standing in the wrapper: 国发〔2013〕24号, （江商发〔2024〕9号）
        re.compile(r"[（(]?[\u4e00-\u9fff]{1,12}[〔\[［]\d{4}[〕\]］]\d{1,5}号[）)]?"),
        re.compile(f"(?:{title_words})"),
    )


def run_together(text: str) -> bool:
    """Has this document lost (almost) all its line breaks?"""
    L = _lang()
    lines = text.count("\n") + 1
    if lines == 1:
        return len(text) >= L.min_line
    return lines <= L.max_lines + len(text) // L.chars_per_extra_line and len(text) / lines >= L.min_average


def restore_line_breaks(norm: Normalized) -> Normalized:
    """``norm`` with line breaks put back, if it is a document written on one line."""
    text = norm.text
    if not run_together(text):
        return norm
    L = _lang()
    breaks: set[int] = set()
    pos = 0
    head = True   # the first long line holds the wrapper, unless longer lines came before
    for line in text.split("\n"):
        if len(line) >= L.min_line:
            found = _item_breaks(line) + _signature_breaks(line) + _annex_breaks(line)
            if head:
                found += _wrapper_breaks(line)
            breaks.update(pos + i for i in found)
            head = False
        elif pos > L.min_line:
            head = False
        pos += len(line) + 1
    inserts = sorted(i for i in breaks if 0 < i < len(text) and text[i - 1] != "\n" and text[i] != "\n")
    if not inserts:
        return norm
    warning = Warning("repaired_line_breaks",
                      f"the document had almost no line breaks: {len(inserts)} restored before its "
                      "headings, items and signature", norm.to_source(0, len(text)))
    return norm.splice([(i, i, "\n") for i in inserts], [warning])


def item_marker(line: str) -> re.Match[str] | None:
    """The item marker (一、 （一） 1. （1） 第一条) that opens ``line``, if any."""
    return _lang().markers.match(line)


def _item_breaks(line: str) -> list[int]:
    """Where item markers open a line: after a stop, or as the first sub-item
    after a heading phrase; each style's numbers must run on (or restart at 1
    under a new parent)."""
    from .outline import numeral_value

    L = _lang()
    last: dict[str, int] = {}      # style → last number taken
    stamp: dict[str, int] = {}     # style → how many markers had been taken when it was last taken
    taken = 0
    last_end: int | None = None
    last_style = ""
    out: list[int] = []
    for m in L.markers.finditer(line):
        style = m.lastgroup or ""
        value = numeral_value(m.group(style))
        p = m.start()
        after_stop = p == 0 or line[p - 1] in L.after
        # "二、重点任务（一）…", "第二章分配第三条…": a sub-item right after a heading phrase
        after_heading = (style != last_style and last_end is not None and 0 < p - last_end <= L.heading_max
                         and not _PHRASE_STOPS.search(line, last_end, p))
        # "…管理办法第一条为规范…": the title runs into the first item
        after_title = value == 1 and not taken and _last_title_end(line, p, p) == p
        if not (after_stop or after_heading or after_title):
            continue
        runs_on = style in last and value == last[style] + 1
        restarts = value == 1 and (style not in stamp or taken > stamp[style])
        if not (runs_on or restarts):
            continue
        if p:
            out.append(p)
        taken += 1
        last[style], stamp[style] = value, taken
        last_end, last_style = m.end(), style
    return out


def _signature_breaks(line: str) -> list[int]:
    """Around ``…。江澜市商务局2024年5月8日（此件公开发布）``: before the organ, the
    date and the remark, and after them."""
    from .extract.assignments import is_unit

    L = _lang()
    out: list[int] = []
    for m in L.date.finditer(line):
        remark = L.remark.match(line, m.end())
        end = remark.end() if remark else m.end()
        if not remark and L.continues.match(line[m.end():m.end() + 4]):
            continue   # "…2024年5月8日印发的《…》": a date inside a sentence
        window = line[max(0, m.start() - L.organ_max - 1):m.start()]
        stop = max(window.rfind(ch) for ch in _STOPS)
        if stop == -1:
            continue
        organ_start = m.start() - len(window) + stop + 1
        organ = line[organ_start:m.start()]
        if len(organ) < 2 or not is_unit(organ):
            continue
        out += [organ_start, m.start()]
        if remark:
            out.append(m.end())
        if end < len(line):
            out.append(end)
    return out


def _annex_breaks(line: str) -> list[int]:
    return [m.start() for m in _lang().annex.finditer(line)]


def _wrapper_breaks(line: str) -> list[int]:
    """Title | document number | addressees： | the preamble."""
    L = _lang()
    out: list[int] = []
    period = line.find("。")
    period = len(line) if period == -1 else period
    after = 0
    num = L.number.search(line, 0, min(len(line), 200))
    if num and num.start() < period:
        bracket = min(i for i in (line.find(ch, num.start()) for ch in "〔[［") if i != -1)
        title_end = _last_title_end(line, max(0, bracket - 12), bracket - 1)
        if line[num.start()] in "（(":
            out.append(num.start())
        elif title_end is not None:
            out.append(title_end)
        out.append(num.end())
        after = num.end()
    colon = line.find("：", after, min(len(line), after + L.addressee_max))
    if colon == -1 or colon > period:
        return out
    segment = line[after:colon]
    if not L.addressee_words.search(segment):
        return out
    if not after:
        # No number: the title ends where the addressees begin (…的意见|各区商务主管部门：)
        cut = next((m.end() for m in L.title_end.finditer(segment)
                    if m.end() < len(segment) and segment[m.end()] == "各"), None)
        if cut is None:
            return out
        out.append(cut)
    out.append(colon + 1)
    return out


def _last_title_end(line: str, lo: int, hi: int) -> int | None:
    """The end of the last title word that ends within [lo, hi] of ``line``."""
    best = None
    for m in _lang().title_end.finditer(line, max(0, lo - 8), hi):
        if lo <= m.end() <= hi:
            best = m.end()
    return best
