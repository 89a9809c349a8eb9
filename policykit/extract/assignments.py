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


@lru_cache(maxsize=1)
def lang() -> _Lang:
    data = read_toml("assignments.toml")
    label_roles = {w: role for role, words in data["labels"].items() for w in words}
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
    return bool(L.suffix_re.search(core)) or (name.startswith("各") and not _pattern("vague_tail").search(name))


def clean_unit(raw: str) -> str:
    name = raw.strip().strip("“”\"'").strip()
    name = _pattern("trailing_aside").sub("", name)
    name = _pattern("leading_noise").sub("", name)
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
        if merged and _pattern("bare_level").match(merged[-1].strip()):
            merged[-1] = merged[-1].strip() + "、" + part
        else:
            merged.append(part)
    for part in merged:
        part = clean_unit(L.verb_re.sub("", part.strip()))   # "…管委会按职责分工负责"
        if not part:
            continue
        # Split on a conjunction only when both sides are units and the right one reads as a full name.
        pieces = [part]
        m = None
        for m in L.conj_re.finditer(part):
            left, right = clean_unit(part[: m.start()]), clean_unit(part[m.end():])
            if is_unit(left) and is_unit(right) and (_pattern("full_name_prefix").match(right) or m.group(0) == "等和"):
                pieces = [left, right]
                break
        for piece in pieces:
            piece = clean_unit(piece)
            if is_unit(piece) and piece not in out:
                out.append(piece)
    return out


# ---------------------------------------------------------------- notes

def _read_clauses(content: str) -> Assignment | None:
    """Lead/co/responsible units of a note's content, or None if it is no note."""
    L = lang()
    flat = content.replace("\n", "")
    a = Assignment(0, 0)
    if L.first_is_lead_re.search(flat):
        a.first_is_lead = True
    labelled = list(L.label_re.finditer(flat))
    if any(L.label_roles[m.group(1)] != "ignore" for m in labelled):
        for i, m in enumerate(labelled):
            seg_end = labelled[i + 1].start() if i + 1 < len(labelled) else len(flat)
            role = L.label_roles[m.group(1)]
            if role == "ignore":
                continue
            a.words.append((role, m.group(1)))
            seg = flat[m.end():seg_end]
            for group in _split_depth0(seg, "；;。"):
                group = _strip_notes(group)   # "省科技厅，列第一位者为牵头单位，下同"
                bare = _BRACKETED.sub("", group)
                if not group.strip() or L.notes_re.search(bare) or L.first_is_lead_re.search(bare):
                    continue   # "两省市列首位的为牵头单位，下同"
                units = split_units(group)
                if units and role == "responsible":
                    a.groups.append(units)
                getattr(a, role).extend(u for u in units if u not in getattr(a, role))
        return a if (a.lead or a.co or a.responsible or a.first_is_lead) else None
    found = False
    pending: list[str] = []   # "A牵头，B、C，D、E配合": unit-only clauses take the next clause's role
    for clause in _split_depth0(flat, "，；。"):
        clause = clause.strip()
        if not clause:
            continue
        role_units = _read_role_clause(clause)
        if role_units:
            verb = L.verb_re.search(clause).group(1)
            a.words.append((L.verb_roles[verb], verb))
        if role_units is None:
            if (L.notes_re.search(clause) or L.first_is_lead_re.search(clause) or L.label_re.match(clause)
                    or read_deadline_value(clause) is not None):
                continue
            units = split_units(clause)
            if units and len("".join(units)) + len(units) >= len(clause) - 2:
                pending.extend(units)
                continue
            return None
        if pending and role_units:
            role, units = role_units[-1] if len(role_units) == 1 else role_units[-1]
            role_units = role_units[:-1] + [(role, pending + units)]
            pending = []
        for role, units in role_units:
            if role == "responsible" and found:
                role = "co"   # "A、B按职责分工负责，各区人民政府负责落实": later 负责 units support
            if units:
                found = True
            target = getattr(a, role)
            target.extend(u for u in units if u not in target)
    return a if (a.lead or a.co or a.responsible or a.first_is_lead) else None


_BRACKETED = re.compile(r"[（(〈〔][^（）()〈〉〔〕]*[）)〉〕]")


def _strip_notes(seg: str) -> str:
    """A unit list without a trailing "，列第一位者为牵头单位" note."""
    m = lang().first_is_lead_re.search(seg)
    if m and seg[: m.start()].rstrip().endswith(("，", ",")):
        return seg[: m.start()].rstrip("，, ")
    return seg




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
            return [] if _pattern("vague_partner").search(head) else None
        out = [(role, units)]
    return out


def find_assignments(text: str) -> list[Assignment]:
    """Every assignment note in normalised text, in order."""
    found: list[Assignment] = []
    found.extend(_bracket_notes(text))
    found.extend(_line_notes(text, [(a.start, a.end) for a in found]))
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
        if L.keyword_re.search(content):
            a = _read_clauses(content.rstrip("。"))
            if a:
                a.start, a.end, a.unclosed = i, end, unclosed
                out.append(a)
                pos = end


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


def resolve_roles(a: Assignment, first_is_lead: bool) -> tuple[list[str], list[str]]:
    """Final lead and co lists: a 责任单位 leads unless a lead is named."""
    lead, co = list(a.lead), list(a.co)
    if lead:
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

@lru_cache(maxsize=1)
def _prose_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = read_toml("assignments.toml")
    verbs = "|".join(map(re.escape, data["prose_subject_verbs"]))
    fillers = "|".join(map(re.escape, data["prose_subject_fillers"]))
    withs = "|".join(map(re.escape, sorted(data["prose_with"], key=len, reverse=True)))
    suffix = "|".join(map(re.escape, sorted(data["suffixes"], key=len, reverse=True)))
    subject = re.compile(rf"^(?P<a>[^，。；：“”《》由]{{2,30}}?)(?:{fillers})?(?P<v>{verbs})(?!部门|单位)")
    partner = re.compile(rf"(?:^|牵头|，|；)(?:{withs})(?P<b>[^，。；]{{2,40}})")
    return subject, partner, re.compile(data["duty_sections"])


def is_duty_section(title: str | None) -> bool:
    return bool(title) and bool(_prose_res()[2].search(title))


def read_prose(paragraph: str, verbs: tuple[str, ...] | None = None) -> tuple[list[str], list[str]]:
    """Lead and co units of running text: sentence subjects before 牵头/负责/要, units after 会同."""
    subject, partner, _ = _prose_res()
    lead: list[str] = []
    co: list[str] = []
    L = lang()
    for sentence in re.split(r"[。；]", paragraph.replace("\n", "")):
        m = subject.match(sentence)
        if m and _opens_with_verb(m.group("a")):
            m = None   # "支持行业协会牵头制定…": the subject is not a unit
        if m and verbs is not None and m.group("v") not in verbs:
            m = None
        if m:
            lead.extend(u for u in split_units(m.group("a")) if u not in lead)
        if lead or m:
            for pm in partner.finditer(sentence):
                co.extend(u for u in split_units(_unit_run(pm.group("b"))) if u not in co and u not in lead)
        if m:
            # "市发展改革委牵头，市财政局、市统计局配合": later clauses naming supporters
            for clause in _split_depth0(sentence[m.end():], "，"):
                vm = L.verb_re.search(clause.strip())
                if vm and L.verb_roles[vm.group(1)] == "co":
                    co.extend(u for u in split_units(clause.strip()[: vm.start()]) if u not in co and u not in lead)
    return lead, co


def _opens_with_verb(subject: str) -> bool:
    from ..nlp import words

    first = words(subject[:8])[:1]
    return bool(first) and first[0] in _body_openers()


@lru_cache(maxsize=1)
def _body_openers() -> frozenset[str]:
    keep = set(read_toml("assignments.toml")["subject_prefixes"])
    return frozenset(w for w in read_toml("sections.toml")["body_openers"] if w not in keep)


def _unit_run(text: str) -> str:
    """The list of unit names that opens ``text`` ("市财政部门和市残联拟订…" → up to 市残联), cut at jieba words."""
    from ..nlp import words

    best, pos = "", 0
    toks = words(text)
    for i, w in enumerate(toks):
        pos += len(w)
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        head = text[:pos]
        if nxt in ("、", "和", "及", "与", "以及"):
            continue
        if is_unit(head.split("、")[-1].split("和")[-1]) and split_units(head):
            best = head
        elif best:
            break
    return best
