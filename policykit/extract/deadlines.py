"""The deadline of one measure: 完成时限：2024年10月, 2020年底前, 长期坚持, 每年.

Works on the normalised text of one measure, its assignment note included.
Where the deadline is looked for, first match wins:

1. a label: ``完成时限：2024年10月``;
2. the assignment note ``（X负责，2023年6月底前完成）``: a date, or words
   such as 长期坚持 / 每年;
3. the prose: a date that says "by" (``2020年底前``, ``2021年9月底之前``), also
   without its year when it opens a clause (``5月底前，出台…``, ``年底前完成…``:
   the year is the plan year of the title), or a limit counted from the
   document's issue (``本计划印发之日起20日内``). Years that name a target
   (``到2025年``) are no deadline, nor is 持续推进 used as a verb in the prose;
   an item whose prose gives two different limits has none.

A year-less limit takes the plan year (``plan_year``), a relative one counts
from the issue date (``issued``), when the caller knows them; else its date
is null.
"""
from __future__ import annotations

import bisect
import calendar
import datetime
import re
from itertools import accumulate
from dataclasses import dataclass

import cn2an

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
# lone 底 or 末 is any word's: 彻底, 末端); a word may say which year (当年6月底前).
_CN_MONTH = "一二三四五六七八九十"
_YEARLESS = re.compile(
    rf"(?<![\d{_CN_MONTH}])(?<![\d〇○零]年)(?P<which>{alternation(_DATA['which_year'])})?"
    # a month in Chinese numerals only with a word of time after it (not 统一月度)
    rf"(?:(?P<month>\d{{1,2}}|[{_CN_MONTH}]{{1,3}}(?=月(?:{alternation(_MONTH_PARTS)}|{_BEFORE}|\d)))月"
    rf"(?:(?P<day>\d{{1,2}})日|(?P<month_part>{alternation(_MONTH_PARTS)}))?"
    rf"|(?P<year_part>{alternation(p for p in _YEAR_PARTS if len(p) > 1)}))"
    rf"(?P<before>{_BEFORE})?"
)
# A limit counted from the document's issue: 本计划印发之日起20日内, 印发后2个月内.
_RELATIVE = re.compile(
    rf"(?:(?:{alternation(_DATA['relative']['documents'])})(?:{alternation(_DATA['relative']['events'])})"
    rf"|(?:{alternation(_DATA['relative']['events'])}))"
    r"(?:之日起|之日后|之日|后)"
    rf"(?P<count>\d{{1,3}}|[{_CN_MONTH}两半]{{1,3}})个?"
    rf"(?P<unit>{alternation([*_DATA['relative']['day_units'], *_DATA['relative']['month_units'], *_DATA['relative']['other_units']])})"
    r"(?:内|之内|以内)"
)
_EVERY_YEAR = tuple(_DATA["every_year"])
_DAY_UNITS: dict[str, int] = _DATA["relative"]["day_units"]
_MONTH_UNITS: dict[str, int] = _DATA["relative"]["month_units"]
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


@dataclass(frozen=True)
class _Context:
    """What a limit written without its year or date is counted from."""

    plan_year: int | None = None
    issued: str | None = None   # the document's date, YYYY-MM-DD


def _month_end(year: int, month: int, day: int | None) -> str | None:
    try:
        return datetime.date(year, month, day or calendar.monthrange(year, month)[1]).isoformat()
    except ValueError:
        return None


def _iso(m: re.Match[str]) -> str | None:
    """The last day a date phrase allows, as YYYY-MM-DD."""
    return _last_day(int(m["year"]), m)


def _last_day(year: int, m: re.Match[str]) -> str | None:
    if m["month"]:
        month = _number(m["month"])
        if month is None:
            return None
        day = int(m["day"]) if m["day"] else (_MONTH_PARTS[m["month_part"]] if m["month_part"] else 0)
        return _month_end(year, month, day)
    month_day = _YEAR_PARTS[m["year_part"]] if m["year_part"] else "12-31"
    return f"{year:04d}-{month_day}"


def _number(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    try:
        return int(cn2an.cn2an(written.replace("两", "二"), "smart"))
    except (ValueError, KeyError):
        return None


def _dated(m: re.Match[str]) -> FoundDeadline:
    return FoundDeadline(m.group(), _iso(m), "by_date", m.start(), m.end())


def _yearless(m: re.Match[str], ctx: _Context) -> FoundDeadline:
    date = None
    if ctx.plan_year is not None:
        date = _last_day(ctx.plan_year + _DATA["which_year"].get(m["which"] or "", 0), m)
    return FoundDeadline(m.group(), date, "by_date", m.start(), m.end())


def _relative(m: re.Match[str], ctx: _Context) -> FoundDeadline:
    """A limit counted from the issue date; dated when that date is known."""
    date = _count_from(ctx.issued, m["count"], m["unit"]) if ctx.issued else None
    return FoundDeadline(m.group(), date, "by_date" if date else "other", m.start(), m.end())


def _count_from(issued: str, count_written: str, unit: str) -> str | None:
    count = 0.5 if count_written == "半" else _number(count_written)
    try:
        start = datetime.date.fromisoformat(issued)
    except ValueError:
        return None
    if not count:
        return None
    if unit in _DAY_UNITS and count == int(count):
        return (start + datetime.timedelta(days=_DAY_UNITS[unit] * int(count))).isoformat()
    months = _MONTH_UNITS.get(unit, 0) * count
    if not months or months != int(months):
        return None   # 工作日, 半个月: no calendar date to give
    y, mo = divmod(start.month - 1 + int(months), 12)
    year, month = start.year + y, mo + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1])).isoformat()


def _in_words(text: str, start: int, end: int, ctx: _Context = _Context()) -> FoundDeadline | None:
    """A deadline anywhere in text[start:end] (a label value or a note)."""
    dates = list(_DATE.finditer(text, start, end))
    if dates:
        # A range (2024年6月至2024年12月) ends on its last date.
        return _dated(dates[-1] if len(dates) > 1 and _is_range(text, dates) else dates[0])
    if m := _RELATIVE.search(text, start, end):
        return _relative(m, ctx)
    for kind, words in _KINDS:
        if m := words.search(text, start, end):
            return FoundDeadline(m.group(), None, kind, m.start(), m.end())
    if m := _YEARLESS.search(text, start, end):
        return _yearless(m, ctx)
    return None


def _is_range(text: str, dates: list[re.Match[str]]) -> bool:
    between = text[dates[0].end():dates[1].start()]
    return between in {"至", "到", "—", "－", "-", "~", "～"}


def _from_label(text: str, ctx: _Context) -> FoundDeadline | None:
    m = _LABEL.search(text)
    if not m:
        return None
    start, end = m.span("value")
    found = _in_words(text, start, end, ctx)
    if found is None:
        value = m["value"].rstrip()
        return FoundDeadline(value, None, "other", start, start + len(value))
    return found


def _from_notes(text: str, ctx: _Context) -> FoundDeadline | None:
    notes = [m for m in _PAREN.finditer(text) if _NOTE_CUE.search(m.group())]
    for note in reversed(notes):
        found = _in_words(text, note.start() + 1, note.end() - 1, ctx)
        if found:
            return found
    return None


def _opens_clause(text: str, start: int) -> bool:
    lead = text[max(0, start - 4):start]
    if any(word in lead for word in _TARGET_LEAD):
        return False
    return start == 0 or lead.endswith(_PROSE_LEAD)


class _Covered:
    """Whether a position falls inside any of some spans (checked by bisection:
    a measure may hold thousands of titles and dates)."""

    def __init__(self, spans):
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._reach = list(accumulate((e for _, e in self._spans), max))   # furthest end so far

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos


def _prose_limits(text: str, ctx: _Context) -> list[FoundDeadline]:
    """Every limit the prose sets, in text order; a line that states a limit
    for several items (以上任务于年底前完成) is not this item's prose."""
    skipped = _Covered([m.span() for m in _TITLE.finditer(text)]
                       + [(sh.start, sh.end) for sh in _shared_sentences(text, ctx) if sh.line_start])
    found: list[FoundDeadline] = []
    dated_spans: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        dated_spans.append(m.span())
        if m["before"] and m.start() not in skipped and _opens_clause(text, m.start()):
            found.append(_dated(m))
    dated = _Covered(dated_spans)
    for m in _YEARLESS.finditer(text):
        if not m["before"] or m.start() in skipped or m.start() in dated:
            continue
        yearly = _every_year(text, _yearless(m, ctx))
        if yearly.kind == "annual" or _opens_clause(text, m.start()):   # 各区每年4月底前报送
            found.append(yearly)
    for m in _RELATIVE.finditer(text):
        if m.start() not in skipped:
            found.append(_relative(m, ctx))
    found.sort(key=lambda d: d.start)
    return found


def _every_year(text: str, found: FoundDeadline) -> FoundDeadline:
    """每年 before a limit makes it a yearly one (每年4月底前报送)."""
    for word in _EVERY_YEAR:
        if text.endswith(word, 0, found.start):
            start = found.start - len(word)
            return FoundDeadline(text[start:found.end], None, "annual", start, found.end)
    return found


def _from_prose(text: str, ctx: _Context) -> FoundDeadline | None:
    limits = _prose_limits(text, ctx)
    # Two different limits in one item (6月底前完成排查，年底前完成整改): none is the item's.
    if len({(d.text, d.date) for d in limits}) > 1:
        return None
    return limits[0] if limits else None


def read_deadline_value(text: str, plan_year: int | None = None, issued: str | None = None) -> FoundDeadline | None:
    """A deadline written as a value on its own: a 完成时限 table cell, or a
    clause of an assignment note (``2024年6月30日前完成``, ``长期坚持``)."""
    return _in_words(text, 0, len(text), _Context(plan_year, issued))


def find_deadline(text: str, plan_year: int | None = None, issued: str | None = None) -> FoundDeadline | None:
    """The deadline of one measure's text (body plus assignment note), or None.

    ``plan_year`` (the year a one-year plan's title names) dates a limit
    written without its year; ``issued`` (the document's date) dates one
    counted from the issue (``印发之日起20日内``)."""
    ctx = _Context(plan_year, issued)
    return _from_label(text, ctx) or _from_notes(text, ctx) or _from_prose(text, ctx)


_PLAN_YEAR = re.compile(r"(?<![\d—–\-~～至到])((?:19|20)\d\d)年?(?![\d—–\-~～至到])")


def plan_year(title: str | None) -> int | None:
    """The one year a plan's title names (江澜市2024年扬尘防治工作计划 → 2024);
    None for a span of years (2025—2029年) or none."""
    if not title:
        return None
    years = {int(m[1]) for m in _PLAN_YEAR.finditer(title)}
    ranges = re.search(r"(?:19|20)\d\d年?\s*[—–\-~～至到]+\s*(?:19|20)?\d\d", title)
    return years.pop() if len(years) == 1 and not ranges else None


# ---------------------------------------------------------------- limits stated for several items

_SHARED = _DATA["shared"]
_SHARED_SUBJECT = re.compile(
    rf"(?:(?P<before>{alternation(_SHARED['before'])})|(?P<after>{alternation(_SHARED['after'])})"
    rf"|(?P<all>{alternation(_SHARED['all'])}))"
    rf"(?:{alternation(_SHARED['fillers'])}){{0,3}}(?:{alternation(_SHARED['nouns'])})"
)
_SENTENCE_MARKS = "。；！\n"
_SENTENCE_MAX = 200
# A heading's period: （2024年4月—9月）, 2024年3月至2024年6月.
_RANGE_END = re.compile(r"[—–\-~～至到](?:(?P<year>(?:19|20)\d\d)年)?(?P<month>\d{1,2})月(?:底|末|份)?")


@dataclass
class _Shared:
    start: int          # where the sentence starts
    end: int
    kind: str           # before | after | all
    limit: FoundDeadline
    line_start: bool    # the sentence opens its line


@dataclass
class SharedDeadline:
    """A limit an item inherits: stated on a heading above it or in a sentence
    for several items; ``scope`` says which (section | document | measure)."""

    found: FoundDeadline   # positions in the text given to ``shared_deadlines``
    scope: str


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = max(0, pos - _SENTENCE_MAX)
    start = max(text.rfind(c, lo, pos) for c in _SENTENCE_MARKS) + 1
    start = max(start, lo)
    hi = min(len(text), pos + _SENTENCE_MAX)
    ends = [i for i in (text.find(c, pos, hi) for c in _SENTENCE_MARKS) if i != -1]
    return start, min(ends) if ends else hi


def _limit_between(text: str, start: int, end: int, ctx: _Context) -> FoundDeadline | None:
    """The first limit that says "by" in text[start:end]: dated, year-less or relative."""
    found = [_dated(m) for m in _DATE.finditer(text, start, end) if m["before"]]
    dated = _Covered((d.start, d.end) for d in found)
    found += [_yearless(m, ctx) for m in _YEARLESS.finditer(text, start, end)
              if m["before"] and m.start() not in dated]
    found += [_relative(m, ctx) for m in _RELATIVE.finditer(text, start, end)]
    return min(found, key=lambda d: d.start) if found else None


def _shared_sentences(text: str, ctx: _Context, start: int = 0, end: int | None = None) -> list[_Shared]:
    out: list[_Shared] = []
    end = len(text) if end is None else end
    read_to = start   # one look per sentence, however many subjects it holds
    for m in _SHARED_SUBJECT.finditer(text, start, end):
        if m.start() < read_to:
            continue
        s, e = _sentence_bounds(text, m.start())
        read_to = max(e, m.end())
        if text.find("前", s, e) == -1 and text.find("内", s, e) == -1:
            continue   # every limit says 前 (by) or 内 (within)
        limit = _limit_between(text, m.end(), e, ctx) or _limit_between(text, s, m.start(), ctx)
        if limit is None:
            continue
        kind = "before" if m["before"] else "after" if m["after"] else "all"
        out.append(_Shared(s, e, kind, limit, s == 0 or text[s - 1] == "\n"))
    return out


def _heading_limit(text: str, start: int, end: int, ctx: _Context) -> FoundDeadline | None:
    """A limit on a heading's line: 2024年底前, 以下任务于6月底前完成, or the end of a
    period (（2024年4月—9月） ends 2024-09-30)."""
    for m in _DATE.finditer(text, start, end):
        r = _RANGE_END.match(text, m.end())
        if r and m["month"]:
            year = int(r["year"] or m["year"])
            return FoundDeadline(text[m.start():r.end()], _month_end(year, int(r["month"]), 0), "by_date",
                                 m.start(), r.end())
    return _limit_between(text, start, end, ctx)


def _deepest(roots, pos: int):
    """The innermost outline node whose section holds ``pos``."""
    found, nodes = None, roots
    while nodes:
        hit = next((n for n in nodes if n.start <= pos < n.end), None)
        if hit is None:
            break
        found, nodes = hit, hit.children
    return found


def _within(node, ancestor) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def shared_deadlines(text: str, roots, measures, plan_year: int | None = None,
                     issued: str | None = None) -> dict[int, SharedDeadline]:
    """Limits stated once for several items, by the index of each item in
    ``measures`` (``(start, end, node)`` in text order) they reach.

    A heading's limit reaches the items under it; 以上任务… the items before it
    in its section (or, below an item's own sub-steps, that item); 以下任务…
    those after it; 各项任务… every item. The nearest statement wins; two
    different ones at the same distance leave the item none."""
    ctx = _Context(plan_year, issued)
    measure_nodes = {id(node) for _, _, node in measures}
    offers: dict[int, list[tuple[int, FoundDeadline, str]]] = {}

    def give(indices, depth: int, found: FoundDeadline, scope: str) -> None:
        for i in indices:
            offers.setdefault(i, []).append((depth, found, scope))

    def under(node, keep=lambda s: True):
        return [i for i, (s, _, _) in enumerate(measures)
                if (node is None or node.start <= s < node.end) and keep(s)]

    for root in roots:
        for node in root.walk():
            if node.children and id(node) not in measure_nodes:
                found = _heading_limit(text, node.start, node.line_end, ctx)
                if found is not None:
                    give(under(node), node.level, found, "section")
    starts = [s for s, _, _ in measures]
    for sh in _shared_sentences(text, ctx):
        if not sh.line_start:
            continue
        p = sh.start
        if sh.kind == "all":
            give(range(len(measures)), 0, sh.limit, "document")
            continue
        k = next((i for i in range(len(starts)) if starts[i] <= p < measures[i][1]), None)
        node = _deepest(roots, p)
        own = measures[k][2] if k is not None else None
        if own is not None and (sh.kind == "after" or node is not own) and _within(node, own):
            give([k], 99, sh.limit, "measure")   # a line below the item's own sub-steps
            continue
        scope = own.parent if own is not None else node
        keep = (lambda s: s < p) if sh.kind == "before" else (lambda s: s > p)
        give(under(scope, keep), scope.level if scope is not None else 0, sh.limit,
             "section" if scope is not None else "document")
    out: dict[int, SharedDeadline] = {}
    for i, offered in offers.items():
        depth = max(d for d, _, _ in offered)
        nearest = [(f, scope) for d, f, scope in offered if d == depth]
        if len({(f.text, f.date) for f, _ in nearest}) == 1:
            out[i] = SharedDeadline(*nearest[0])
    return out
