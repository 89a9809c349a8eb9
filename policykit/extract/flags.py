"""Review flags: the places where an extraction may be wrong.

No rule set reads every new document right, so policykit says where it is
unsure, and staff check those few places instead of every task. Each flag is
a warning with a stable code (``policykit/data/flags.toml``), a Chinese
message and a span. The checks look at what was read against what the text
around it says: a note-like bracket that no measure took, a unit list element
that was neither a unit nor a vague group, a unit name that does not look
like one, a measure without units where most have them, a 牵头/负责 phrase in
an item that gave no unit, a goal sentence with a number that gave no target.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import read_toml
from ..model import Warning
from .assignments import is_unit, lang as note_lang

Span = tuple[int, int]
#: A note longer than this is no note a person wrote: its names are not checked one by one.
_NOTE_MAX = 2000
#: Names that end so are a kind of body, not a body (承办部门, 起草单位).
_GENERIC = ("部门", "单位")


class _Spans:
    """Spans for overlap questions in O(log n) (spans may overlap each other)."""

    def __init__(self, spans) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []   # the furthest end among the spans up to each index
        for _, e in spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)   # spans starting before e
        return i > 0 and self.reach[i - 1] > s


@dataclass(frozen=True)
class _Lang:
    messages: dict[str, str]
    english: dict[str, str]
    role_re: re.Pattern[str]
    unit_end_re: re.Pattern[str]
    bracket_re: re.Pattern[str]
    units_share: float
    prose_role_re: re.Pattern[str]
    suspect_re: re.Pattern[str]
    after_re: re.Pattern[str]
    goal_re: re.Pattern[str]
    number_re: re.Pattern[str]
    shared_head_re: re.Pattern[str]
    not_goal_re: re.Pattern[str]
    cut_tail_re: re.Pattern[str]
    partner_res: tuple[re.Pattern[str], ...]
    unit_tail_re: re.Pattern[str]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lang() -> _Lang:
    data = read_toml("flags.toml")
    w = data["words"]
    # one pattern per bracket pair, without nesting: the innermost note-sized bracket
    pairs = "|".join(f"{re.escape(p[0])}[^{re.escape(p)}\n]{{2,200}}{re.escape(p[1])}" for p in w["brackets"])
    return _Lang(messages=dict(data["messages"]), english=dict(data["english"]),
                 role_re=re.compile(_alternation(w["role_words"])),
                 unit_end_re=re.compile(f"(?:{_alternation(w['unit_endings'])})"), bracket_re=re.compile(pairs),
                 units_share=float(w["units_share"]), prose_role_re=re.compile(w["prose_role"], re.M),
                 suspect_re=re.compile(w["suspect_name"]), after_re=re.compile(w["after_name"]),
                 goal_re=re.compile(_alternation(w["goal_words"])), number_re=re.compile(w["number_unit"]),
                 shared_head_re=re.compile(w["shared_head"]), not_goal_re=re.compile(w["not_goal"]),
                 cut_tail_re=re.compile(w["cut_tail"]), partner_res=tuple(re.compile(p, re.M) for p in w["prose_partners"]),
                 unit_tail_re=re.compile(f"(?:{_alternation(w['unit_endings'])})$"))


def is_flag(code: str) -> bool:
    """A review flag (not a repair or a reader's warning)."""
    return code in lang().messages


def flag_codes() -> list[str]:
    return list(lang().messages)


def flag_message(code: str, english: bool = False) -> str:
    return (lang().english if english else lang().messages)[code]


@dataclass
class Task:
    """What the flags need of one measure (normalised coordinates)."""
    start: int
    end: int
    notes: list[Span]
    lead: list[str]
    co: list[str]


def review_flags(text: str, tasks: list[Task], notes: list[Span], targets: list[Span],
                 items: list[Span], region: Span | None, first_is_lead: bool = False) -> list[Warning]:
    """Flags for one document. ``notes``: every note the parser found (taken or
    not); ``items``: the spans of the outline's lowest items; ``region``: the
    part of the text that holds the items (before it: title, preamble);
    ``first_is_lead``: the document says the first unit of a list leads."""
    if region is None and not tasks:
        return []
    if region is None:
        region = (0, 0)
    out: list[Warning] = []
    seen: set[tuple[str, int]] = set()

    def flag(code: str, span: Span, detail: str = "") -> None:
        if (code, span[0]) in seen:
            return
        seen.add((code, span[0]))
        message = lang().messages[code] + (f"：{detail}" if detail else "")
        out.append(Warning(code, message, (max(0, span[0]), min(len(text), span[1]))))

    taken = _Spans([n for t in tasks for n in t.notes] + list(notes))
    _untaken_notes(text, region, taken, flag)
    _untaken_label_lines(text, region, taken, flag)
    _units_of_tasks(text, tasks, flag)
    _tasks_without_units(text, tasks, flag)
    _items_with_role_phrases(text, tasks, items, flag)
    _role_phrases_of_other_units(text, tasks, flag)
    _goal_sentences(text, tasks, targets, flag)
    _items_of_a_few_notes(tasks, items, flag)
    if first_is_lead:
        _several_leads(tasks, flag)
    out.sort(key=lambda w: (w.span[0], w.code))
    return out


def _note_like(content: str) -> bool:
    L = lang()
    m = L.role_re.search(content)
    return bool(m) and bool(L.unit_end_re.search(content[:m.start()] + content[m.end():]))


def _names_only(text: str, m: re.Match[str]) -> bool:
    """A bracket that closes a sentence or a line and lists only names with unit
    endings (…建成通车。（甲市交通局、乙市交通局）): a note without a role word."""
    L = lang()
    before = text[max(0, m.start() - 1):m.start()]
    after = text[m.end():m.end() + 1]
    if before not in ("", "\n", "。", "；") and after not in ("", "\n", "。", "；"):
        return False
    items = [i for i in re.split("[、，,；;]", m.group(0)[1:-1]) if i.strip()]
    return bool(items) and all(3 <= len(i) <= 20 and i[-1] not in "区县市" and L.unit_tail_re.search(i)
                               for i in items)


def _several_leads(tasks: list[Task], flag) -> None:
    """Tasks with several lead units in a document whose first-listed unit leads."""
    for t in tasks:
        if len(t.lead) > 1:
            flag("lead_rule_not_applied", t.notes[0] if t.notes else (t.start, min(t.end, t.start + 40)),
                 "、".join(t.lead))


def _untaken_notes(text: str, region: Span, taken: _Spans, flag) -> None:
    s0, e0 = region
    for m in lang().bracket_re.finditer(text, s0, e0):
        if (_note_like(m.group(0)[1:-1]) or _names_only(text, m)) and not taken.overlaps(m.start(), m.end()):
            flag("note_not_taken", m.span(), m.group(0)[:40])


_LABEL_LINE = re.compile(r"^[ \t　]*(?P<label>[^\n：:]{2,8})[：:][^\n]*", re.M)


def _untaken_label_lines(text: str, region: Span, taken: _Spans, flag) -> None:
    """A line 牵头单位：… / 责任单位：… that no note took."""
    N = note_lang()
    for m in _LABEL_LINE.finditer(text, *region):
        # a role label opening the line, or after another label (分管领导：张明责任单位：…)
        labels = [N.label_re.match(m.group("label").strip() + "：")]
        labels += list(N.label_re.finditer(m.group(0), m.end("label") - m.start()))
        if any(k and N.label_roles.get(k.group(1)) in ("lead", "co", "responsible") for k in labels) \
                and not taken.overlaps(m.start(), m.end()):
            flag("note_not_taken", m.span(), m.group(0).strip()[:40])


def _items_of_a_few_notes(tasks: list[Task], items: list[Span], flag) -> None:
    """Items of a document where one or two notes made the only tasks: the notes may be remarks."""
    w = read_toml("flags.toml")["words"]
    noted = [t for t in tasks if t.notes]
    if not noted or len(noted) > w["few_notes_measures"]:
        return
    measured = _Spans((t.start, t.end) for t in tasks)
    untaken = [(s, e) for s, e in items if not measured.overlaps(s, e)]
    if len(untaken) >= w["few_notes_items"] * len(tasks):
        for s, e in untaken:
            flag("item_not_taken", (s, min(e, s + 40)))


def _units_of_tasks(text: str, tasks: list[Task], flag) -> None:
    L = lang()
    for t in tasks:
        names = t.lead + t.co
        for ns, ne in t.notes:
            if ne - ns > _NOTE_MAX:
                continue
            note = text[ns:ne]
            written = note.replace("\n", "")
            for name in names:
                k = written.find(name)
                if k < 0:
                    continue
                if not L.after_re.match(written, k + len(name)):
                    flag("unit_name_suspect", (ns, ne), name)
            cut = L.cut_tail_re.match(text, ne, min(len(text), ne + 20))
            if cut and names:
                flag("unit_name_suspect", (ns, cut.end()), names[-1] + cut.group(0).strip())
            for m in L.shared_head_re.finditer(written):
                if m.group("first") in names:
                    flag("unit_name_suspect", (ns, ne), m.group(0))
        for name in names:
            if L.suspect_re.search(name):
                span = t.notes[0] if t.notes else (t.start, t.end)
                flag("unit_name_suspect", span, name)


def _tasks_without_units(text: str, tasks: list[Task], flag) -> None:
    if not tasks:
        return
    with_units = sum(1 for t in tasks if t.lead or t.co)
    if with_units / len(tasks) < lang().units_share:
        return
    for t in tasks:
        if not t.lead and not t.co:
            flag("task_without_units", (t.start, min(t.end, t.start + 40)))


def _items_with_role_phrases(text: str, tasks: list[Task], items: list[Span], flag) -> None:
    """An item no measure took, or a measure without units, that names a role in prose."""
    L = lang()
    covered = _Spans((t.start, t.end) for t in tasks if t.lead or t.co)
    measured = _Spans((t.start, t.end) for t in tasks)
    unitless = [(t.start, t.end) for t in tasks if not t.lead and not t.co]
    places = unitless + [(s, e) for s, e in items if not measured.overlaps(s, e)]
    for s, e in places:
        if covered.overlaps(s, e):
            continue
        m = L.prose_role_re.search(text, s, e)
        if m is None:
            # a supporter named in prose (会同Y, Y配合): the work is assigned here too
            m = next((p for pattern in L.partner_res for p in pattern.finditer(text, s, e)
                      if _written_units(text, p)), None)
        if m:
            flag("role_phrase_not_read", (m.start("subject"), m.end()), m.group(0).strip("。；，：\n由")[:30])


def _written_units(text: str, m: re.Match[str]) -> list[str]:
    """The unit names of a prose role phrase's subject: none for 会同有关部门, 承办部门负责,
    本部门, or a subject cut inside 部门 (会同相关部|门)."""
    if text.startswith("门", m.end("subject")):
        return []
    return [n for n in re.split("[、和]", m.group("subject").removeprefix("由"))
            if is_unit(n) and not n.endswith(_GENERIC)]


def _role_phrases_of_other_units(text: str, tasks: list[Task], flag) -> None:
    """A measure with units whose text names a role (由X负责, X牵头, Y配合, 会同Y)
    for a unit that is none of them: a supporter or lead the reader missed."""
    L = lang()
    for t in tasks:
        names = t.lead + t.co
        if not names:
            continue
        notes = _Spans(t.notes)
        for pattern in (L.prose_role_re, *L.partner_res):
            for m in pattern.finditer(text, t.start, t.end):
                s, e = m.span("subject")
                if notes.overlaps(s, e):
                    continue
                written = _written_units(text, m)
                if written and not any(n in u or u in n for n in written for u in names):
                    flag("role_unit_not_read", (s, m.end()), m.group(0).strip("。；，：\n由")[:30])


_SENTENCE = re.compile(r"[^。；！？\n]+")


def _goal_sentences(text: str, tasks: list[Task], targets: list[Span], flag) -> None:
    L = lang()
    found = _Spans(targets)
    for t in tasks:
        for m in _SENTENCE.finditer(text, t.start, t.end):
            s, e = m.span()
            sentence = m.group(0)
            goal = L.goal_re.search(sentence)
            if not goal or not L.number_re.search(sentence, goal.end()) or L.not_goal_re.search(sentence):
                continue
            if re.search(r"(?:19|20)\d{2}\s*年?\s*$", sentence) or found.overlaps(s, e):
                continue
            num = L.number_re.search(sentence, goal.end())
            flag("target_not_read", (s, e), sentence[max(0, num.start() - 12):num.end()])
