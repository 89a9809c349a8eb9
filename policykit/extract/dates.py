"""Calendar dates as Chinese official documents print them, damaged forms too.

Signature dates come as ``2015年7月30日``, ``二〇一五年七月三十日`` or
``2022-11-16``; scraped text may have lost the 年月日 (``2015730``). A lost
separator is repaired only when exactly one reading of the digits is a real
date, so ``2015111`` (1月11日 or 11月1日) stays unread.
"""
from __future__ import annotations

import datetime
import re

import cn2an

_YEAR = r"(?:19|20)\d\d"
_CN_NUM = "〇○Ｏ零一二三四五六七八九十"
# Variants of the Chinese zero that cn2an does not read.
_ZERO_VARIANTS = str.maketrans({"○": "〇", "Ｏ": "〇"})

DATE_LINE = re.compile(
    r"^[（(]?(?:"
    rf"{_YEAR} ?年? ?\d{{1,2}} ?月? ?\d{{1,2}} ?日?"
    rf"|{_YEAR}[-./]\d{{1,2}}[-./]\d{{1,2}}"
    rf"|[{_CN_NUM}]{{4}}年[{_CN_NUM}]{{1,2}}月[{_CN_NUM}]{{1,3}}日"
    r")[）)]?$",
    re.MULTILINE,
)
"""A whole line that is only a date (the signature date), damaged forms included."""

_CLEAN = re.compile(rf"({_YEAR})年(\d{{1,2}})月(\d{{1,2}})日")
_ISO = re.compile(rf"({_YEAR})([-./])(\d{{1,2}})\2(\d{{1,2}})")
_CHINESE = re.compile(rf"[{_CN_NUM}]{{4}}年[{_CN_NUM}]{{1,2}}月[{_CN_NUM}]{{1,3}}日")
# Separators lost or replaced by spaces: 2015730, 2015年730, 2015 7 30, 2015年7月30.
_DAMAGED = re.compile(rf"({_YEAR}) ?年? ?(\d{{1,4}})(?: ?月? ?(\d{{1,2}}))? ?日?")
_SEPARATED = re.compile(rf"{_YEAR} ?年? ?\d{{1,2}}(?: ?月 ?| )\d{{1,2}} ?日?")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _readings(year: int, digits: str) -> set[str]:
    """Every valid date that month and day digits run together can stand for."""
    out = set()
    for cut in (1, 2):
        month, day = digits[:cut], digits[cut:]
        if 1 <= len(day) <= 2:
            date = _valid(year, int(month), int(day))
            if date:
                out.add(date)
    return out


def parse_date(raw: str) -> tuple[str | None, bool]:
    """``(ISO date, repaired)`` for a date as written; ``(None, False)`` when it is not one."""
    s = raw.strip().strip("（）()").strip()
    if m := _CLEAN.fullmatch(s):
        return _valid(int(m[1]), int(m[2]), int(m[3])), False
    if m := _ISO.fullmatch(s):
        return _valid(int(m[1]), int(m[3]), int(m[4])), False
    if _CHINESE.fullmatch(s):
        arabic = cn2an.transform(s.translate(_ZERO_VARIANTS), "cn2an")
        if m := _CLEAN.fullmatch(arabic):
            return _valid(int(m[1]), int(m[2]), int(m[3])), False
        return None, False
    m = _DAMAGED.fullmatch(s)
    if not m:
        return None, False
    year = int(m[1])
    if m[3] is not None and _SEPARATED.fullmatch(s):
        # Month and day still apart (a space or 月 between them).
        date = _valid(year, int(m[2]), int(m[3]))
        return (date, True) if date else (None, False)
    digits = m[2] + (m[3] or "")
    if not 2 <= len(digits) <= 4:
        return None, False
    found = _readings(year, digits)
    if len(found) == 1:
        return found.pop(), True
    return None, False
