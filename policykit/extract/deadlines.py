"""The deadline of one measure: 完成时限：2024年10月, 2020年底前, 长期坚持, 每年.

Works on the normalised text of one measure, its assignment note included.
Where the deadline is looked for, first match wins:

1. a label: ``完成时限：2024年10月``;
2. the assignment note ``（X负责，2023年6月底前完成）``: a date, or words
   such as 长期坚持 / 每年;
3. the prose: a date that says "by" (``2020年底前``, ``2021年9月底之前``).
   Years that name a target (``到2025年``) are no deadline, nor is 持续推进
   used as a verb in the prose.
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from ..data import alternation, read_toml

_DATA = read_toml("deadlines.toml")


_YEAR_PARTS: dict[str, str] = _DATA["year_parts"]
_MONTH_PARTS: dict[str, int] = _DATA["month_parts"]
_BEFORE = alternation(_DATA["before"])

_DATE = re.compile(
    r"(?P<year>(?:19|20)\d\d)年"
    rf"(?:(?P<month>\d{{1,2}})月(?:(?P<day>\d{{1,2}})日|(?P<month_part>{alternation(_MONTH_PARTS)}))?"
    rf"|(?P<year_part>{alternation(_YEAR_PARTS)}))?"
    rf"(?P<before>{_BEFORE})?"
)
# In a note or after a label the year may be left out: 年底前, 6月底前 (but a
# lone 底 or 末 is any word's: 彻底, 末端).
_YEARLESS = re.compile(
    r"(?<![\d年])(?:\d{1,2}月"
    rf"(?:\d{{1,2}}日|{alternation(_MONTH_PARTS)})?|{alternation(p for p in _YEAR_PARTS if len(p) > 1)})"
    rf"(?:{_BEFORE})?"
)
_KINDS = [(kind, re.compile(alternation(words))) for kind, words in _DATA["kind"].items()]
_LABEL = re.compile(rf"(?:{alternation(_DATA['labels'])})[：:]\s*(?P<value>[^；;。）)\n，,]{{1,40}})")
# A parenthesis with at most one level of nesting: （X（Y）负责，…）.
_PAREN = re.compile(r"（(?:[^（）]|（[^（）]{0,40}）){1,300}）")
_NOTE_CUE = re.compile(alternation(_DATA["note_cues"]))
_TITLE = re.compile(r"《[^《》]{0,150}》")
_PROSE_LEAD = tuple(_DATA["prose_lead"])
_TARGET_LEAD = tuple(_DATA["target_lead"])


@dataclass
class FoundDeadline:
    text: str
    date: str | None
    kind: str  # by_date | ongoing | annual | other
    start: int
    end: int


def _iso(m: re.Match[str]) -> str | None:
    """The last day a date phrase allows, as YYYY-MM-DD."""
    year = int(m["year"])
    try:
        if m["month"]:
            month = int(m["month"])
            if m["day"]:
                return datetime.date(year, month, int(m["day"])).isoformat()
            day = _MONTH_PARTS[m["month_part"]] if m["month_part"] else 0
            return datetime.date(year, month, day or calendar.monthrange(year, month)[1]).isoformat()
        month_day = _YEAR_PARTS[m["year_part"]] if m["year_part"] else "12-31"
        return f"{year:04d}-{month_day}"
    except ValueError:
        return None


def _dated(m: re.Match[str]) -> FoundDeadline:
    return FoundDeadline(m.group(), _iso(m), "by_date", m.start(), m.end())


def _in_words(text: str, start: int, end: int) -> FoundDeadline | None:
    """A deadline anywhere in text[start:end] (a label value or a note)."""
    dates = list(_DATE.finditer(text, start, end))
    if dates:
        # A range (2024年6月至2024年12月) ends on its last date.
        return _dated(dates[-1] if len(dates) > 1 and _is_range(text, dates) else dates[0])
    for kind, words in _KINDS:
        if m := words.search(text, start, end):
            return FoundDeadline(m.group(), None, kind, m.start(), m.end())
    if m := _YEARLESS.search(text, start, end):
        return FoundDeadline(m.group(), None, "by_date", m.start(), m.end())
    return None


def _is_range(text: str, dates: list[re.Match[str]]) -> bool:
    between = text[dates[0].end():dates[1].start()]
    return between in {"至", "到", "—", "－", "-", "~", "～"}


def _from_label(text: str) -> FoundDeadline | None:
    m = _LABEL.search(text)
    if not m:
        return None
    start, end = m.span("value")
    found = _in_words(text, start, end)
    if found is None:
        value = m["value"].rstrip()
        return FoundDeadline(value, None, "other", start, start + len(value))
    return found


def _from_notes(text: str) -> FoundDeadline | None:
    notes = [m for m in _PAREN.finditer(text) if _NOTE_CUE.search(m.group())]
    for note in reversed(notes):
        found = _in_words(text, note.start() + 1, note.end() - 1)
        if found:
            return found
    return None


def _opens_clause(text: str, start: int) -> bool:
    lead = text[max(0, start - 4):start]
    if any(word in lead for word in _TARGET_LEAD):
        return False
    return start == 0 or lead.endswith(_PROSE_LEAD)


def _from_prose(text: str) -> FoundDeadline | None:
    titles = [m.span() for m in _TITLE.finditer(text)]
    for m in _DATE.finditer(text):
        if not m["before"] or any(s <= m.start() < e for s, e in titles):
            continue
        if _opens_clause(text, m.start()):
            return _dated(m)
    return None


def read_deadline_value(text: str) -> FoundDeadline | None:
    """A deadline written as a value on its own: a 完成时限 table cell, or a
    clause of an assignment note (``2024年6月30日前完成``, ``长期坚持``)."""
    return _in_words(text, 0, len(text))


def find_deadline(text: str) -> FoundDeadline | None:
    """The deadline of one measure's text (body plus assignment note), or None."""
    return _from_label(text) or _from_notes(text) or _from_prose(text)
