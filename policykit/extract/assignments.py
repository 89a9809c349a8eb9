"""Assignment notes: who leads and who supports a measure.

Finds the notes (``（牵头单位：A；配合单位：B）``, ``（A、B按职责分工负责）``,
``（A牵头，B配合）``, a ``牵头单位：A`` line …) in normalised text and reads
them into lead and co unit lists. The words live in ``data/assignments.toml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import read_toml
from ..textlines import line_spans
from .deadlines import read_deadline_value

_MAX_NOTE = 400


@dataclass
class Assignment:
    start: int                 # the note's span in normalised text (brackets included)
    end: int
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)   # 负责 without a stated role
    first_is_lead: bool = False   # the note declares "排在第一位的为牵头"
    unclosed: bool = False
    groups: list[list[str]] = field(default_factory=list)   # 责任单位 lists separated by ；
    words: list[tuple[str, str]] = field(default_factory=list)   # (role, label or verb) as written: ("co", "配合单位")
    assigns: bool = False   # a role label or clause, even one naming only vague units ("有关部门负责")


@dataclass(frozen=True)
class _Lang:
    label_roles: dict[str, str]
    label_re: re.Pattern[str]
    verb_re: re.Pattern[str]
    verb_roles: dict[str, str]
    notes_re: re.Pattern[str]
    first_is_lead_re: re.Pattern[str]
    vague_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    conj_re: re.Pattern[str]
    keyword_re: re.Pattern[str]
    any_label_re: re.Pattern[str]
    with_re: re.Pattern[str]
    division_suffixes: tuple[str, ...]
    not_divisions: tuple[str, ...]


@lru_cache(maxsize=1)
def lang() -> _Lang:
    data = read_toml("assignments.toml")
    parts = data["label_parts"]
    # 责任处室, 牵头科室, 配合处室 …: a role word and a holder word
    label_roles = {stem + holder: role for role in ("lead", "co", "responsible")
                   for stem in parts[role] for holder in parts["holders"]}
    label_roles.update((w, role) for role, words in data["labels"].items() for w in words)
    labels = sorted(label_roles, key=len, reverse=True)
    verb_roles = {w: role for role, words in data["verbs"].items() for w in words}
    verbs = sorted(verb_roles, key=len, reverse=True)
    suffixes = sorted(data["suffixes"], key=len, reverse=True)
    conj = sorted(data["conjunctions"], key=len, reverse=True)
    return _Lang(
        label_roles,
        re.compile("(" + "|".join(map(re.escape, labels)) + r")\s*[：:]"),
        re.compile("(?:等)?(" + "|".join(map(re.escape, verbs)) + r")(?:工作)?$"),
        verb_roles,
        re.compile("|".join(map(re.escape, data["notes"]))),
        re.compile(data["first_is_lead"]),
        re.compile(data["vague"]),
        re.compile("(?:" + "|".join(map(re.escape, suffixes)) + r")$"),
        re.compile("|".join(map(re.escape, conj))),
        re.compile("|".join(map(re.escape, sorted(set(labels) | set(verbs) | set(data["notes"]), key=len,
                                                  reverse=True)))),
        re.compile(data["any_label"]),
        re.compile("|".join(map(re.escape, data["note_with"]))),
        tuple(data["division_suffixes"]),
        tuple(data["not_divisions"]),
    )


# ---------------------------------------------------------------- unit lists

def _split_depth0(text: str, seps: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(〔[【〈":
            depth += 1
        elif ch in "）)〕]】〉":
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern[str]:
    """A pattern of the [patterns] table of assignments.toml."""
    return re.compile(read_toml("assignments.toml")["patterns"][name])



def is_unit(name: str) -> bool:
    L = lang()
    if not name or len(name) > 40 or len(name) < 2:
        return False
    if L.vague_re.search(name):
        return False
    if re.search(r"[。：；，！？“”《》]", name):
        return False
    core = re.sub(r"[（(〈][^）)〉]{0,20}[）)〉]$", "", name)
    return (bool(L.suffix_re.search(core)) or _is_division(core)
            or (name.startswith("各") and not _pattern("vague_tail").search(name)))


def _is_division(name: str) -> bool:
    """An internal division of a bureau (政策法规科, 市医保局价格招采科, 基础教育股)."""
    L = lang()
    return len(name) >= 3 and name.endswith(L.division_suffixes) and not name.endswith(L.not_divisions)


def clean_unit(raw: str) -> str:
    name = raw.strip().strip("“”\"'").strip()
    name = _pattern("trailing_aside").sub("", name)
    name = _pattern("leading_noise").sub("", name)
    while True:   # "各街道按分管领域", "市统计办分别", "区住建局等按照职责分工分别"
        bare = _pattern("trailing_modifier").sub("", name, count=1)
        if not bare or bare == name:
            break
        name = bare
    name = _pattern("trailing_noise").sub("", name)
    return name.strip()


def split_units(text: str) -> list[str]:
    """Unit names of a list such as ``A、B等和各省级人民政府``, vague ones dropped."""
    text = text.replace("\n", "")
    L = lang()
    out: list[str] = []
    parts = _split_depth0(text, "、，；/")
    merged: list[str] = []
    for part in parts:
        # "市、区残联": bare level names share the unit that follows them
        if merged and (_pattern("bare_level").match(merged[-1].strip()) or (
                _pattern("collective_level").match(merged[-1].strip()) and _pattern("shared_government").match(clean_unit(part)))):
            merged[-1] = merged[-1].strip() + "、" + part
        else:
            merged.append(part)
    cleaned = [clean_unit(L.verb_re.sub("", part.strip())) for part in merged]   # "…管委会按职责分工负责"
    places = _places_sharing_a_government(cleaned)
    for i, part in enumerate(_shared_vague_head(cleaned)):
        if not part:
            continue
        if i in places:
            out.append(part)   # "广州、深圳市政府": 广州 as written
            continue
        for piece in _split_conjunction(part):
            piece = clean_unit(piece)
            if is_unit(piece) and piece not in out:
                out.append(piece)
    return out


def _places_sharing_a_government(parts: list[str]) -> set[int]:
    """Indexes of bare place names (广州) listed before a place's government (深圳市政府):
    the government is theirs too; they stay names as written."""
    from ..nlp import is_place

    out: set[int] = set()
    for i, part in enumerate(parts):
        if not _pattern("place_government").match(part):
            continue
        j = i - 1
        while j >= 0 and _pattern("bare_place").match(parts[j]) and not is_unit(parts[j]) and is_place(parts[j]):
            out.add(j)
            j -= 1
    return out


def _split_conjunction(part: str) -> list[str]:
    """``A和B`` as two units when both sides are units and the right one reads as a name of
    its own: a full name (各…, 市…), after 等和, or a named unit (8区和江澜高新区), not a
    kind of organ (各级党委和政府)."""
    for m in lang().conj_re.finditer(part):
        left, right = clean_unit(part[: m.start()]), clean_unit(part[m.end():])
        if not (is_unit(left) and is_unit(right)):
            continue
        if (_pattern("full_name_prefix").match(right) or m.group(0) == "等和"
                or not _pattern("generic_organ").match(right)):
            return [left, right]
    return [part]


def _shared_vague_head(parts: list[str]) -> list[str]:
    """``乙市、丙市相关部门``: a vague head after a place is shared by the places listed
    before it (the departments of two cities, unnamed); those places are no units."""
    out = list(parts)
    for i, part in enumerate(parts):
        if not (_pattern("place_vague").match(part) and lang().vague_re.search(part)):
            continue
        j = i - 1
        while j >= 0 and _pattern("place").search(out[j]):
            out[j] = ""
            j -= 1
    return out


_NAME_PUNCT = re.compile(r"[。：:；！？“”《》0-9０-９]")


def unread_names(note: str, read: list[str]) -> list[str]:
    """Items of a note's unit lists that were read as no unit (a name without a known
    unit suffix, 工业和信息化): the reader warns rather than lose them silently."""
    L = lang()
    flat = L.label_re.sub("，", note.strip("（）()〔〕[]【】").replace("\n", ""))
    out: list[str] = []
    for clause in _split_depth0(flat, "，；。;,"):
        if L.notes_re.search(clause) or L.first_is_lead_re.search(clause) or _pattern("remark").search(clause):
            continue   # "以下均需各区落实，不再列出"
        clause = L.verb_re.sub("", clause.strip())
        for sep in ("会同", "牵头"):
            clause = clause.replace(sep, "、")
        for item in _split_depth0(clause, "、/"):
            name = clean_unit(item)
            if (len(name) < 2 or len(name) > 20 or _NAME_PUNCT.search(name) or is_unit(name)
                    or L.vague_re.search(name) or L.notes_re.search(name) or L.first_is_lead_re.search(name)
                    or _pattern("bare_level").match(name) or _pattern("collective_level").match(name)
                    or any(name in unit or name.startswith(unit) for unit in read)   # "X协同办理": X was read
                    or read_deadline_value(name) is not None):
                continue
            if name not in out:
                out.append(name)
    return out


# ---------------------------------------------------------------- notes

def _read_clauses(content: str) -> Assignment | None:
    """Lead/co/responsible units of a note's content, or None if it is no note.

    A note is read piece by piece, so one piece it cannot read costs that piece
    only: it is cut at every ``X：`` label (known or not), each label segment
    into ``；`` groups and each group into comma clauses, and every clause is
    read on its own. Vague clauses (``其他相关部门``) and clauses it does not know
    (``会同X协同办理`` aside) are skipped; a note is a note when one clause or
    label names a role, even if every unit it names is vague.
    """
    L = lang()
    flat, declared = _strip_declarations(content.replace("\n", ""))
    a = Assignment(0, 0, first_is_lead=declared or bool(L.first_is_lead_re.search(flat)))
    reader = _ClauseReader(a)
    for label, seg in _label_segments(flat):
        role = L.label_roles.get(label) if label else None
        if role == "ignore":
            continue   # 完成时限：… and friends
        if role is not None:
            a.words.append((role, label))
            a.assigns = True
        for group in _split_depth0(seg, "；;。"):
            if not reader.read_group(group, role):
                return None   # a remark (培训券的发放由人力资源部门负责), not a note
    reader.finish()
    return a if (a.assigns or a.first_is_lead) else None


_DECLARATION = re.compile(r"[（(]([^（）()]{2,40})[）)]")


def _strip_declarations(flat: str) -> tuple[str, bool]:
    """``flat`` without the brackets that hold a first-is-lead note
    (``A、B、C（排名首位者为牵头部门，其余配合）``), and whether there was one."""
    L = lang()
    found = False

    def cut(m: re.Match[str]) -> str:
        nonlocal found
        if L.first_is_lead_re.search(m.group(1)):
            found = True
            return ""
        return m.group(0)

    return _DECLARATION.sub(cut, flat), found


def _label_segments(flat: str) -> list[tuple[str | None, str]]:
    """(label, text) pieces of a note, cut at every ``X：`` label, known or not; the
    text before the first label has label None."""
    L = lang()
    blank = _blank_brackets(flat)
    marks: dict[int, tuple[int, str]] = {}   # end of the label's colon → (label start, label)
    for m in L.any_label_re.finditer(blank):
        if _CJK.search(m.group(1)):
            marks[m.end()] = (m.start(1), m.group(1))
    for m in L.label_re.finditer(blank):
        marks[m.end()] = (m.start(1), m.group(1))   # a known label wins ("市商务局配合单位：" lost its separator)
    out: list[tuple[str | None, str]] = []
    pos, label = 0, None
    for end in sorted(marks):
        start, found = marks[end]
        if start < pos:
            continue
        out.append((label, flat[pos:start]))
        label, pos = found, end
    out.append((label, flat[pos:]))
    return [(lab, seg) for lab, seg in out if lab is not None or seg.strip("，,；; ")]


_CJK = re.compile("[\u4e00-\u9fff]")


def _blank_brackets(text: str) -> str:
    """``text`` with everything inside brackets turned into ``□`` (same length)."""
    out, depth = [], 0
    for ch in text:
        if ch in "（(〔[【〈":
            depth += 1
        elif ch in "）)〕]】〉":
            depth = max(0, depth - 1)
            out.append(ch)
            continue
        out.append("□" if depth else ch)
    return "".join(out)


class _ClauseReader:
    """Reads the clauses of a note into an Assignment, one at a time."""

    def __init__(self, a: Assignment) -> None:
        self.a = a
        self.found = False             # a unit has been given a role by a verb clause
        self.pending: list[str] = []   # "A牵头，B、C，D、E配合": unit-only clauses take the next clause's role
        self.dated = False             # a clause gave a deadline
        self.started = False           # a clause has been read

    def read_group(self, group: str, label_role: str | None) -> bool:
        """Read one ``；`` group; False when it shows the bracket is a remark."""
        group_units: list[str] = []
        for clause in _split_depth0(group, "，,"):
            clause = self.before_notes(clause.strip())
            if not clause:
                continue
            reading = _read_clause(clause)
            if reading.kind == "remark" and not self.started:
                return False   # the bracket opens with "X的发放由Y负责"
            self.started = True
            if reading.kind == "unread" and label_role is not None:
                # a label's list keeps what reads as units ("A、华兴热电厂")
                reading = _Reading("units", [(None, split_units(clause))])
            if reading.kind == "units":
                units = reading.parts[0][1]
                if label_role is not None:
                    self.give(label_role, units, by_verb=False)
                    group_units.extend(units)
                else:
                    self.pending.extend(u for u in units if u not in self.pending)
                continue
            if reading.kind != "roles":
                continue   # vague, unread or a later remark: costs this clause only
            self.a.assigns = True
            for role, word in reading.words:
                self.a.words.append((label_role if role == "responsible" and label_role else role, word))
            parts = list(reading.parts)
            if self.pending and parts:
                role, units = parts[-1]
                parts[-1] = (role, self.pending + [u for u in units if u not in self.pending])
                self.pending = []
            for role, units in parts:
                if role == "responsible" and label_role is not None:
                    role = label_role   # "牵头单位：市发改委负责"
                self.give(role, units, by_verb=label_role is None)
                group_units.extend(units)
        if label_role == "responsible" and group_units:
            self.a.groups.append(group_units)
        return True

    def give(self, role: str, units: list[str], by_verb: bool) -> None:
        if role == "responsible" and by_verb and self.found:
            role = "co"   # "A、B按职责分工负责，各区人民政府负责落实": later 负责 units support
        if units:
            self.found = True
        target = getattr(self.a, role)
        target.extend(u for u in units if u not in target)

    def before_notes(self, clause: str) -> str:
        """The clause cut before its first note word or deadline (``节约用水处长期坚持``
        → ``节约用水处``): such a word never takes the unit names before it."""
        L = lang()
        blank = _blank_brackets(clause)
        if L.first_is_lead_re.search(blank):
            return ""   # "两省市列首位的为牵头单位": the declaration is a clause of its own
        cuts = [m.start() for m in (L.notes_re.search(blank),) if m]
        found = read_deadline_value(blank)
        if found is not None:
            cuts.append(found.start)
            self.dated = True
        if not cuts:
            return clause
        return clause[: min(cuts)].rstrip("，,、 ")

    def finish(self) -> None:
        # "（市发改委，2024年底前完成）": units and a deadline, no verb
        if self.pending and self.dated and not self.a.assigns:
            self.a.responsible.extend(self.pending)
            self.a.assigns = True
        self.pending = []


@dataclass
class _Reading:
    kind: str    # "roles", "units", "vague", "remark" or "unread"
    parts: list[tuple[str | None, list[str]]] = field(default_factory=list)
    words: list[tuple[str, str]] = field(default_factory=list)   # (role, verb) as written


def _read_clause(clause: str) -> _Reading:
    """What one comma clause of a note says."""
    L = lang()
    if _is_remark(clause):
        return _Reading("remark")
    clause = _without_by(clause)
    m = L.verb_re.search(clause)
    words = [(L.verb_roles[m.group(1)], m.group(1))] if m else []
    with_m = L.with_re.search(clause)
    if with_m is not None:
        parts = _read_with(clause, with_m)
        if parts is not None:
            return _Reading("roles", parts, words)
    if m is not None:
        role_units = _read_role_clause(clause)
        if role_units is not None:
            return _Reading("roles", role_units, words)
    marked = _read_marked(clause)
    if marked is not None:
        return marked
    stemmed = _read_stemmed(clause)
    if stemmed is not None:
        return stemmed
    named = "、".join(p for p in _split_depth0(clause, "、") if not _is_vague(p))   # "有关单位、甲县人民政府"
    units = split_units(named)
    if units and len("".join(units)) + len(units) >= len(named) - 2:
        return _Reading("units", [(None, units)])
    return _Reading("vague" if _is_vague(clause) else "unread")


_WITH_TAIL_MAX = 6


def _read_marked(clause: str) -> _Reading | None:
    """``市发改委（牵头）、市财政局、市税务局``: a role written in brackets after a unit;
    the units without one are responsible (they support a marked lead)."""
    marker = _pattern("role_marker")
    if not marker.search(clause):
        return None
    L = lang()
    parts: list[tuple[str, list[str]]] = []
    words: list[tuple[str, str]] = []
    for piece in _split_depth0(clause, "、"):
        m = marker.search(piece)
        role = "responsible"
        if m is not None and not piece[m.end():].strip():
            word = m.group("word")
            role = L.label_roles.get(word) or L.verb_roles.get(word) or "responsible"
            words.append((role, word))
            piece = piece[: m.start()]
        units = split_units(piece)
        if units:
            parts.append((role, units))
    return _Reading("roles", parts, words) if words and parts else None


def _read_stemmed(clause: str) -> _Reading | None:
    """``市发改委牵头实施``, ``市财政局配合推进``: units, then a role word the verb list
    does not end on, then a few more words."""
    run = _partner_run(clause)
    tail = clause[len(run):]
    if not run or not tail or len(tail) > _WITH_TAIL_MAX:
        return None
    role = next((r for stem, r in _clause_stems() if tail.startswith(stem)), None)
    if role is None:
        return None
    L = lang()
    words = [(role, stem) for stem in L.verb_roles if tail.startswith(stem) and L.verb_roles[stem] == role][:1]
    return _Reading("roles", [(role, split_units(run))], words)


@lru_cache(maxsize=1)
def _clause_stems() -> tuple[tuple[str, str], ...]:
    stems = read_toml("assignments.toml")["clause_stems"]
    return tuple(sorted(((w, role) for role, words in stems.items() for w in words), key=lambda p: -len(p[0])))


def _read_with(clause: str, m: re.Match[str]) -> list[tuple[str, list[str]]] | None:
    """``会同X协同办理`` (whatever short verb follows): X supports; units before 会同 lead."""
    L = lang()
    rest = clause[m.end():]
    run = _partner_run(rest)
    tail = rest[len(run):]
    if len(tail) > _WITH_TAIL_MAX or "的" in tail:
        return None   # "由市财政局会同市税务局另行制定具体的管理办法"
    co = split_units(run)
    if not co and not _is_vague(rest):
        return None
    head = clause[: m.start()]
    if not head.strip():
        return [("co", co)]
    vm = L.verb_re.search(head)
    lead = split_units(head)
    if not lead:
        return None
    return [(L.verb_roles[vm.group(1)] if vm else "lead", lead), ("co", co)]


def _partner_run(text: str) -> str:
    """The unit names after 会同, up to the verb that follows them
    (``丁市医保局协同办理`` → ``丁市医保局``): the longest run of whole words ending
    in a unit name, stopped by a verb of the note_with_verbs list."""
    from ..nlp import words

    stops = _with_verbs()
    best, pos = "", 0
    for word in words(text):
        if word in stops:
            break
        pos += len(word)
        head = text[:pos]
        if is_unit(re.split("[、和及与]", head)[-1]) and split_units(head):
            best = head
    return best


@lru_cache(maxsize=1)
def _with_verbs() -> frozenset[str]:
    return frozenset(read_toml("assignments.toml")["note_with_verbs"])


def _is_vague(clause: str) -> bool:
    """A clause that names only vague assignees (其他相关部门, 各有关单位按职责负责)."""
    L = lang()
    body = L.verb_re.sub("", clause)
    parts = [clean_unit(p) for p in _split_depth0(body, "、和及")]
    return bool(parts) and all(
        p and (L.vague_re.search(p) or _pattern("vague_partner").search(p)) for p in parts)


def _is_remark(clause: str) -> bool:
    """``培训券的发放由人力资源部门负责``: a noun phrase before 由 says who handles one
    part of the work; that is text, not an assignment."""
    m = _pattern("by").search(_blank_brackets(clause))
    if m is None:
        return False
    before = _pattern("leading_noise").sub("", clause[: m.start()]).strip("，, ")
    return bool(before) and not _pattern("before_by").fullmatch(before)


def _without_by(clause: str) -> str:
    """``具体由市财政局负责`` → ``市财政局负责``."""
    m = _pattern("by").search(clause)
    if m is not None and _pattern("before_by").fullmatch(clause[: m.start()].strip("，, ")):
        return clause[m.end():]
    return clause


def _read_role_clause(clause: str) -> list[tuple[str, list[str]]] | None:
    L = lang()
    m = L.verb_re.search(clause)
    if not m:
        return None
    role = L.verb_roles[m.group(1)]
    head = clause[: m.start()]
    if not head:
        return None
    out: list[tuple[str, list[str]]] = []
    hm = _pattern("with_partner").match(head)
    qm = _pattern("lead_then_others").match(head) if role != "lead" else None
    if hm:
        lead, co = split_units(hm.group("a")), split_units(hm.group("b"))
        if not lead:
            return None
        out = [("lead", lead), ("co", co)]
    elif qm and split_units(qm.group("a")):
        out = [("lead", split_units(qm.group("a"))), ("co", split_units(qm.group("b")))]
    else:
        units = split_units(head)
        if not units:
            # "会同有关部门负责" and friends name no unit we keep, but still read as a note
            return [] if _pattern("vague_partner").search(head) or _is_vague(head) else None
        out = [(role, units)]
    return out


def find_assignments(text: str) -> list[Assignment]:
    """Every assignment note in normalised text, in order."""
    found: list[Assignment] = []
    found.extend(_bracket_notes(text))
    found.extend(_bare_notes(text, sorted((a.start, a.end) for a in found)))
    found.extend(_line_notes(text, sorted((a.start, a.end) for a in found)))
    found.sort(key=lambda a: a.start)
    return found


_OPENERS = re.compile("[（〔\\[【]")
_BRACKETS = re.compile("[（〔\\[【）〕\\]】\n]")


def _bracket_notes(text: str) -> list[Assignment]:
    """Notes in brackets. Each candidate is looked at within _MAX_NOTE characters, so long or
    bracket-heavy text stays linear."""
    out = []
    n = len(text)
    L = lang()
    pos = 0
    while True:
        m = _OPENERS.search(text, pos)
        if m is None:
            return out
        i = m.start()
        pos = i + 1
        limit = min(n, i + _MAX_NOTE)
        if not L.keyword_re.search(text, i, limit):
            continue
        depth, end, eol = 0, None, None
        for b in _BRACKETS.finditer(text, i, limit):
            c = b.group()
            if c == "\n":
                eol = eol if eol is not None else b.start()
            elif c in "（〔[【":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    end = b.end()
                    break
        unclosed = end is None
        if unclosed:
            # A note that lost its closing bracket runs to the end of its line.
            if eol is None:
                eol = text.find("\n", limit - 1, limit) if limit < n else n
                if eol == -1:
                    continue
            end = eol
        content = text[i + 1: end - (0 if unclosed else 1)]
        if unclosed and ("（" in content or "。" in content):
            continue
        if not unclosed and _REMARK_FOLLOWS.match(text, end):
            continue   # "…建立培训券制度（由人力资源部门负责），鼓励…": a remark inside its sentence
        if L.keyword_re.search(content):
            a = _read_clauses(content.rstrip("。"))
            if a:
                a.start, a.end, a.unclosed = i, end, unclosed
                out.append(a)
                pos = end


_BARE = re.compile(r"[（(]([^（）()\n。：:]{2,200})[）)](?=[ \t]*+(?:[。；;]|$))", re.M)
_SENTENCE_END = "。；;！？"


def _bare_notes(text: str, taken: list[tuple[int, int]]) -> list[Assignment]:
    """Brackets that close a sentence or a line and hold nothing but unit names
    (``…建成通车。（甲市发展改革委、乙市发展改革委）``): notes without a role
    word, whose units are responsible (a first-listed-leads declaration makes the
    first the lead). A bracket inside a sentence (``推进…（试点）工作``) is text,
    and so is one that names anything other than units."""
    out: list[Assignment] = []
    L = lang()
    for m in _BARE.finditer(text):
        if _inside(taken, m.start()):
            continue
        before = text[:m.start()].rstrip(" \t")
        if before and before[-1] not in _SENTENCE_END and before[-1] != "\n" and not _line_end(text, m.end()):
            continue
        items = [clean_unit(p) for p in _split_depth0(m.group(1), "、，,；;") if p.strip()]
        units = [u for u in items if is_unit(u)]
        if not units or any(not (is_unit(u) or L.vague_re.search(u)) for u in items):
            continue
        a = Assignment(m.start(), m.end(), responsible=units, assigns=True)
        a.groups = [units]
        out.append(a)
    return out


def declares_first_lead(text: str, notes: list[Assignment]) -> bool:
    """Does the running text say, once for the whole document, that the first
    unit of every list leads (各项任务责任单位中排名第一的为牵头单位)?"""
    spans = sorted((a.start, a.end) for a in notes)
    return any(not _inside(spans, m.start()) for m in lang().first_is_lead_re.finditer(text))


def _line_end(text: str, pos: int) -> bool:
    """Does only a full stop or spaces stand between ``pos`` and the end of its line?"""
    end = text.find("\n", pos)
    return not text[pos:len(text) if end == -1 else end].strip(" \t。；;")


_REMARK_FOLLOWS = re.compile(r"(?<![ \t])[ \t]*+[，,][ \t]*+[^\s。；]")   # matched right after a note's bracket


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_TAIL_LABEL = re.compile(r"[。；]([^。；：]{2,8}[：:][^。；]{2,200})$")


def _line_notes(text: str, taken: list[tuple[int, int]]) -> list[Assignment]:
    """``牵头单位：A`` on a line of its own, consecutive lines forming one note."""
    L = lang()
    out: list[Assignment] = []
    prev: Assignment | None = None
    for start, end in line_spans(text):
        line = text[start:end]
        m = L.label_re.match(line)
        offset = 0
        if not m:
            # "…全面推进我市知识产权战略实施。 牵头单位：市科技局" closing a paragraph
            tail = _TAIL_LABEL.search(line)
            if tail and L.label_re.match(tail.group(1)):
                offset = tail.start(1)
                m = L.label_re.match(line, offset)
        if not m and len(line) <= _MAX_NOTE and L.any_label_re.match(line):
            # "责任领导：张明；牵头单位：市民政局": a line of labels that opens with one
            # naming no unit; a known role label after it (its separator may be lost:
            # 分管领导：赵六责任单位：…) makes it a note
            m = next(L.label_re.finditer(line), None)
        if not m or _inside(taken, start + offset):
            prev = None
            continue
        a = _read_clauses(line[offset:])
        if not a:
            prev = None
            continue
        start += offset
        if prev is not None and prev.end + 1 == start:
            for role in ("lead", "co", "responsible"):
                getattr(prev, role).extend(u for u in getattr(a, role) if u not in getattr(prev, role))
            prev.end = end
            prev.first_is_lead |= a.first_is_lead
            prev.words.extend(a.words)
            continue
        a.start, a.end = start, end
        out.append(a)
        prev = a
    return out


_GUIDE_WORDS = frozenset(read_toml("assignments.toml")["guide_verbs"])


def resolve_roles(a: Assignment, first_is_lead: bool) -> tuple[list[str], list[str]]:
    """Final lead and co lists: a 责任单位 leads unless a lead is named."""
    lead, co = list(a.lead), list(a.co)
    lead_words = [word for role, word in a.words if role == "lead"]
    if lead and lead_words and all(w in _GUIDE_WORDS for w in lead_words):
        # "（各县区政府负责，市发展改革委指导）": units that guide lead, and they do not
        # make the units that carry the work out its supporters
        lead = [u for u in a.responsible if u not in lead] + lead
    elif lead:
        co.extend(u for u in a.responsible if u not in co and u not in lead)
    elif first_is_lead and len(a.groups) > 1:
        lead = [g[0] for g in a.groups]   # "重庆市A、B；四川省C、D；两省市列首位的为牵头单位"
        co = [u for u in a.responsible + co if u not in lead]
    elif first_is_lead and a.responsible:
        lead = a.responsible[:1]
        co = [u for u in a.responsible[1:] + co if u not in lead]
    else:
        lead = list(a.responsible)
    co = [u for u in co if u not in lead]
    return lead, co


# ---------------------------------------------------------------- prose

@dataclass(frozen=True)
class _Prose:
    subject: re.Pattern[str]
    partner: re.Pattern[str]
    duty: re.Pattern[str]
    verbs: tuple[str, ...]
    tails: tuple[str, ...]
    withs: re.Pattern[str]
    co_verbs: tuple[str, ...]
    with_subject: tuple[str, ...]
    with_verbs: tuple[str, ...]


@lru_cache(maxsize=1)
def _prose_res() -> _Prose:
    data = read_toml("assignments.toml")
    verbs = "|".join(map(re.escape, data["prose_subject_verbs"]))
    fillers = "|".join(map(re.escape, data["prose_subject_fillers"]))
    withs = "|".join(map(re.escape, sorted(data["prose_with"], key=len, reverse=True)))
    openers = "|".join(map(re.escape, data["prose_subject_openers"]))
    heads = "|".join(map(re.escape, data["prose_by_heads"]))
    subject = re.compile(rf"^(?:{heads})?(?P<o>{openers})?(?P<a>[^，。；：“”《》由]{{2,30}}?)(?:{fillers})?"
                         rf"(?P<v>{verbs})(?!部门|单位)")
    partner = re.compile(rf"(?:^|牵头|，|；)(?:{withs})(?P<b>[^，。；]{{2,40}})")
    return _Prose(subject, partner, re.compile(data["duty_sections"]), tuple(data["prose_assignment_verbs"]),
                  tuple(sorted(data["prose_assignment_tails"], key=len, reverse=True)),
                  re.compile(rf"(?:{'|'.join(map(re.escape, data['note_with']))})"),
                  tuple(data["prose_co_verbs"]), tuple(data["prose_with_subject"]),
                  tuple(sorted(data["prose_with_verbs"], key=len, reverse=True)))


def is_duty_section(title: str | None) -> bool:
    return bool(title) and bool(_prose_res().duty.search(title))


def _assigns(m: re.Match[str], sentence: str, verbs: tuple[str, ...] | None) -> bool:
    """Whether a sentence's subject and verb assign its task: any verb where all verbs do;
    else one of ``verbs``, or an assignment verb (负责) as 由X负责 or ending its clause
    (X、Y按职责分工负责。 X负责组织实施，…)."""
    if verbs is None or m.group("v") in verbs:
        return True
    P = _prose_res()
    if m.group("v") not in P.verbs:
        return False
    rest = sentence[m.end():].split("，")[0].strip()
    return bool(m.group("o")) or rest == "" or rest in P.tails


def read_prose(paragraph: str, verbs: tuple[str, ...] | None = None,
               any_with_verb: bool = False) -> tuple[list[str], list[str]]:
    """Lead and co units of running text: sentence subjects before 牵头/负责/要, units after 会同;
    with ``verbs``, only sentences that assign (see ``_assigns``)."""
    P = _prose_res()
    lead: list[str] = []
    co: list[str] = []
    L = lang()
    for sentence in re.split(r"[。；]", paragraph.replace("\n", "")):
        sentence = _after_time_clause(sentence)
        m = P.subject.match(sentence)
        if m and _opens_with_verb(m.group("a")):
            m = None   # "支持行业协会牵头制定…": the subject is not a unit
        if m and not _assigns(m, sentence, verbs):
            m = None
        if m is None and (pair := _with_subject(sentence, any_with_verb)) is not None:
            # "X会同Y推进，…": X leads, Y supports
            lead.extend(u for u in pair[0] if u not in lead)
            co.extend(u for u in pair[1] if u not in co and u not in lead)
        elif m is None and lead:
            # "…由X负责监督落实。Y配合。": supporters of the lead named before
            for clause in _split_depth0(sentence, "，"):
                co.extend(u for u in _co_clause(clause.strip()) if u not in co and u not in lead)
        if m:
            # "由X会同Y负责": X leads, Y supports
            subject = m.group("a")
            w = P.withs.search(subject)
            head, partners = (subject[:w.start()], subject[w.end():]) if w else (subject, "")
            lead.extend(u for u in split_units(head) if u not in lead)
            co.extend(u for u in split_units(partners) if u not in co and u not in lead)
        if lead or m:
            for pm in P.partner.finditer(sentence):
                co.extend(u for u in split_units(_unit_run(pm.group("b"))) if u not in co and u not in lead)
        if m:
            # "市发展改革委牵头，市财政局、市统计局配合", "…，各街道具体落实": later clauses naming supporters
            for clause in _split_depth0(sentence[m.end():], "，"):
                vm = L.verb_re.search(clause.strip())
                # "Y、Z做好配合": the supporting verb may follow another word
                named = _co_clause(clause.strip())
                if not named and vm and L.verb_roles[vm.group(1)] in ("co", "responsible"):
                    named = split_units(clause.strip()[: vm.start()])
                co.extend(u for u in named if u not in co and u not in lead)
    return lead, co


def _names_units_only(head: str) -> bool:
    """Is ``head`` a list of unit names and nothing else (not 支持企业, nor 全区)?"""
    items = [clean_unit(p) for p in _split_depth0(head, "、") if p.strip()]
    return bool(items) and all(is_unit(u) for u in items) and not _opens_with_verb(head)


def _first_of(text: str, words: tuple[str, ...]) -> tuple[int, str]:
    """Where the first of ``words`` stands in ``text`` after a head of two characters or more, and which."""
    return min(((text.find(w), w) for w in words if text.find(w) > 1), default=(-1, ""))


def _co_clause(clause: str) -> list[str]:
    """The units of a clause that opens with unit names and a supporting verb (Y配合做好…), else []."""
    at, _ = _first_of(clause, _prose_res().co_verbs)
    return split_units(clause[:at]) if at != -1 and _names_units_only(clause[:at]) else []


def _with_subject(sentence: str, any_verb: bool = False) -> tuple[list[str], list[str]] | None:
    """(leads, supporters) of a sentence that opens "X会同Y" and a verb, else None.

    The verb must end its clause or be followed only by a tail (X会同Y推进，…;
    X会同Y负责组织实施): "X会同Y做好…工作" in an item states how X works. With
    ``any_verb`` (a document that assigns its tasks in prose) any verb and its
    object assigns too (X会同Y推进旅游公路建设)."""
    P = _prose_res()
    body = sentence.removeprefix("由")
    at, word = _first_of(body, P.with_subject)
    if at == -1 or not _names_units_only(body[:at]):
        return None
    rest = body[at + len(word):]
    partners = _unit_run(rest, greedy=True)
    after = rest[len(partners):].split("，")[0].strip()
    if not partners or not after:
        return None
    if any_verb:
        assigns = bool(_CJK.match(after))
    else:
        verb = next((v for v in P.with_verbs if after.startswith(v)), None)
        assigns = verb is not None and after[len(verb):] in ("", *P.tails)
    return (split_units(body[:at]), split_units(partners)) if assigns else None


def _after_time_clause(sentence: str) -> str:
    """A sentence without the time clause that opens it ("2024年9月底前，市发改委牵头…")."""
    head, comma, rest = sentence.partition("，")
    if comma:
        found = read_deadline_value(head)
        if found is not None and found.start <= 1 and found.end >= len(head.rstrip()) - 2:
            return rest
    return sentence


def _opens_with_verb(subject: str) -> bool:
    from ..nlp import words

    first = words(subject[:8])[:1]
    return bool(first) and first[0] in _body_openers()


@lru_cache(maxsize=1)
def _body_openers() -> frozenset[str]:
    keep = set(read_toml("assignments.toml")["subject_prefixes"])
    return frozenset(w for w in read_toml("sections.toml")["body_openers"] if w not in keep)


def _unit_run(text: str, greedy: bool = False) -> str:
    """The list of unit names that opens ``text`` ("市财政部门和市残联拟订…" → up to 市残联), cut at jieba words.
    ``greedy``: the longest such head within the clause (市城市|管理局: a unit name
    may hold a shorter one), not the first that a non-unit word follows."""
    from ..nlp import words

    best, pos = "", 0
    toks = words(text[:_GREEDY_MAX] if greedy else text)
    for i, w in enumerate(toks):
        if greedy and (w in "，。；：" or (best and w in _body_openers())):
            break   # "…交通管理支队|编制全市…": a verb ends the list
        pos += len(w)
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        head = text[:pos]
        if nxt in ("、", "和", "及", "与", "以及"):
            continue
        if is_unit(head.split("、")[-1].split("和")[-1]) and split_units(head):
            best = head
        elif best and not greedy:
            break
    return best


_GREEDY_MAX = 60
