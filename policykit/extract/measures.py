"""Measures: the smallest numbered items that carry (or inherit) an assignment.

In a document with assignment notes every note belongs to exactly one
measure: the deepest heading that contains it. An item holding several notes
is split at each note; a note written once for a heading goes to the items
under it that have none of their own. In a document without any notes, the
measures are the lowest numbered items of the task sections.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import read_toml
from ..model import Warning
from ..outline import Node, boxes, heading_title, is_heading_line
from .assignments import Assignment, declares_first_lead, find_assignments, is_duty_section, read_prose, resolve_roles

_TITLE_MAX = 40
_PROSE_LEAD_VERBS = tuple(read_toml("assignments.toml")["prose_lead_verbs"])


@dataclass
class FoundMeasure:
    node: Node
    start: int
    end: int
    title: str | None
    title_start: int | None
    body_start: int
    notes: list[Assignment] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    table_deadline: tuple[str, tuple[int, int] | None] | None = None   # from an annex task table (source span)
    gaps: list[tuple[int, int]] = field(default_factory=list)   # 专栏 boxes inside it

    def body(self, text: str) -> str:
        """The measure's text: after the title, notes and boxes removed, lines joined."""
        pieces, pos = [], self.body_start
        for cut_start, cut_end in sorted([(n.start, n.end) for n in self.notes] + self.gaps):
            if cut_start >= pos:
                pieces.append(text[pos:cut_start])
                pos = max(pos, cut_end)
        pieces.append(text[pos:self.end])
        out = "".join(pieces).replace("\n", "").strip()
        return out.lstrip("。；，").strip()


@dataclass(frozen=True)
class _SectionLang:
    goal_re: re.Pattern[str]
    openers: tuple[str, ...]
    sentence_re: re.Pattern[str]
    closing_re: re.Pattern[str]
    prose_task_re: re.Pattern[str]
    procedure_re: re.Pattern[str]
    provision_re: re.Pattern[str]
    noun_heads: frozenset[str]
    pivots: frozenset[str]


@lru_cache(maxsize=1)
def _lang() -> _SectionLang:
    data = read_toml("sections.toml")
    return _SectionLang(re.compile(f"(?:{data['goal_titles']})$"), tuple(data["body_openers"]),
                        re.compile(data["sentence_marks"]), re.compile(data["closing_titles"]),
                        re.compile(data["prose_task_titles"]), re.compile(data["procedure_articles"]),
                        re.compile(data["article_provisions"]), frozenset(data["opener_noun_heads"]),
                        frozenset(data["pivot_verbs"]))


def _deepest(roots: list[Node], pos: int) -> Node | None:
    nodes, found = roots, None
    while True:
        for node in nodes:
            if node.start <= pos < node.end:
                found = node
                nodes = node.children
                break
        else:
            return found


def _subtree_has(node: Node, owner: dict[int, list[Assignment]]) -> bool:
    return any(id(n) in owner for n in node.walk())


def find_measures(text: str, roots: list[Node], run_together: bool = False,
                  spaced: Callable[[int], bool] | None = None
                  ) -> tuple[list[FoundMeasure], list[Warning], list[Assignment]]:
    """Measures of a document, with the warnings met on the way and all notes.

    ``run_together``: the document had lost its line breaks (a heading phrase may
    run into its body there: 一、打造夜间消费街区推动主城区建设…). ``spaced(i)``: did
    the source have a space before character ``i`` (``1优化企业开办服务 推行…``)?"""
    roots = [root for root in roots if not root.guidance]
    spaces = _heading_spaces(text, roots, spaced)
    gaps = boxes(roots)
    text = _blank(text, gaps)
    notes = find_assignments(text)
    warnings: list[Warning] = []
    owner: dict[int, list[Assignment]] = {}
    first_is_lead = declares_first_lead(text, notes)
    roles: dict[int, tuple[list[str], list[str]]] = {}
    for note in notes:
        first_is_lead = first_is_lead or note.first_is_lead
        roles[id(note)] = resolve_roles(note, first_is_lead)
        if note.unclosed:
            warnings.append(Warning("unclosed_assignment_note",
                                    "assignment note without its closing bracket read to the end of its line",
                                    (note.start, note.end)))
        if not note.assigns:
            continue   # "（排在第一位的部门为牵头部门，下同）" only sets the reading of later notes
        node = _deepest(roots, note.start)
        if node is None:
            warnings.append(Warning("assignment_outside_items",
                                    "assignment note outside any numbered item was not attached to a measure",
                                    (note.start, note.end)))
            continue
        owner.setdefault(id(node), []).append(note)

    whole_items = _lift_step_notes(text, roots, owner)
    measures: list[FoundMeasure] = _duty_paragraphs(text, roots)
    duty_nodes = {id(m.node) for m in measures}
    has_notes = bool(owner) or bool(measures)
    titled = _titled_map(text, roots, run_together, spaces)
    unassigned = set() if has_notes else _unassigned_measures(text, roots)
    if not measures and _lone_note(roots, owner):
        # one note among many items without any: the document assigns nothing else,
        # and its items stay measures
        unassigned = _unassigned_measures(text, roots)
        if len(unassigned - set(owner)) >= _LONE_NOTE_OTHERS:
            has_notes = False
            for nid in owner:
                for note in owner[nid]:
                    warnings.append(Warning("lone_assignment_note",
                                            "the only assignment note of a document whose other items have none",
                                            (note.start, note.end)))
        else:
            unassigned = set()
    in_prose = False   # the document assigns its tasks in prose
    if unassigned and _assigned_in_prose(text, roots, unassigned):
        # most items name their units in prose (由X负责, X牵头): the document assigns its
        # tasks, and an item that names none is no task, as in a document with notes
        has_notes, unassigned, in_prose = True, set(), True
    goal_re = _lang().goal_re

    def visit(node: Node, inherited: tuple[list[str], list[str]] | None, in_tasks: bool) -> None:
        own = owner.get(id(node), [])
        if id(node) in duty_nodes:
            return
        if node.children and id(node) not in whole_items:
            intro = [n for n in own if n.start < node.children[0].start]
            inh = _merge([roles[id(n)] for n in intro]) if intro else inherited
            for child in node.children:
                visit(child, inh, in_tasks)
            return
        if own:
            measures.extend(_split_leaf(text, node, own, roles, titled[id(node)], warnings, spaces))
        elif inherited is not None:
            m = _whole_leaf(text, node, titled[id(node)], warnings, spaces)
            m.lead, m.co = list(inherited[0]), list(inherited[1])
            measures.append(m)
        elif has_notes:
            # "住房城乡建设厅牵头研究制定…": an assignment in the running text
            lead, co = read_prose(text[node.body_start:node.end], _PROSE_LEAD_VERBS, in_prose)
            if lead:
                m = _whole_leaf(text, node, titled[id(node)], warnings, spaces)
                m.lead, m.co = lead, co
                measures.append(m)
        elif id(node) in unassigned:
            m = _whole_leaf(text, node, titled[id(node)], warnings, spaces)
            m.lead, m.co = read_prose(text[node.body_start:node.end], _PROSE_LEAD_VERBS)
            measures.append(m)

    for root in roots:
        title = heading_title(text[root.body_start:root.line_end]) or ""
        visit(root, None, not goal_re.search(title))
    measures.sort(key=lambda m: m.start)
    for m in measures:
        m.gaps = [gap for gap in gaps if m.start <= gap[0] < m.end]
    return measures, warnings, notes


_LONE_NOTE_OTHERS = 2
_ASSESSMENT = re.compile(read_toml("sections.toml")["assessment_rules"])
_PROSE_SHARE = read_toml("assignments.toml")["prose_document"]


def is_assessment_rule(title: str | None) -> bool:
    """Is the document an assessment rule (…考核办法, …考评细则)? Without assignments its articles
    say how the assessment runs (content, scoring, procedure, use of results): no tasks."""
    return bool(title) and bool(_ASSESSMENT.search(title))


def _assigned_in_prose(text: str, roots: list[Node], unassigned: set[int]) -> bool:
    """Do most of a document's task items (and enough of them) name their units in prose?"""
    items = [n for root in roots for n in root.walk() if id(n) in unassigned and not n.children]
    named = sum(1 for n in items if read_prose(text[n.body_start:n.end], _PROSE_LEAD_VERBS)[0])
    return named >= _PROSE_SHARE["min_items"] and named >= _PROSE_SHARE["share"] * len(items)


def _lone_note(roots: list[Node], owner: dict[int, list[Assignment]]) -> bool:
    """Does exactly one item, a leaf, hold the document's notes?"""
    if len(owner) != 1:
        return False
    (nid,) = owner
    return any(id(n) == nid and not n.children for root in roots for n in root.walk())


def _lift_step_notes(text: str, roots: list[Node], owner: dict[int, list[Assignment]]) -> set[int]:
    """Items whose numbered sub-steps are one task (ids); their notes move to them.

    A note on a line of its own after an item's last sub-step, when no other
    sub-step carries a note, assigns the whole item (unseen-forms S6:
    ``（一）鼓励举办节庆活动。/ 1.补助标准… / 2.申请程序… / 〔责任单位：X〕``).
    """
    lifted: set[int] = set()
    for root in roots:
        for node in root.walk():
            steps = node.children
            if len(steps) < 2 or id(node) in owner or any(s.children for s in steps):
                continue
            if steps[0].value > 1:
                # numbered on from the section before (…14.X 六、 15.Y 16.Z（牵头处室：乙）): the
                # document's items, not steps; a note is its own item's, 15. a task without units
                continue
            last = steps[-1]
            notes = owner.get(id(last), [])
            if not notes or any(id(s) in owner for s in steps[:-1]):
                continue
            if all(_on_own_line(text, note) and note.start > last.line_end for note in notes):
                owner[id(node)] = owner.pop(id(last))
                lifted.add(id(node))
    return lifted


def _on_own_line(text: str, note: Assignment) -> bool:
    line_start = text.rfind("\n", 0, note.start) + 1
    line_end = text.find("\n", note.end)
    return not text[line_start:note.start].strip() and not text[note.end:line_end if line_end != -1 else len(text)].strip()


def _unassigned_measures(text: str, roots: list[Node]) -> set[int]:
    """In a document without assignments, the items that are its measures (ids).

    The lowest items of its task sections; a top-level section written as prose
    when its heading names tasks or their safeguards, or when the document has
    no deeper level at all; articles of a 办法 that hold policy content, not
    purpose, scope, definitions, procedure or closing provisions (and, where
    most articles carry a heading, not the untitled general provisions).
    """
    lang = _lang()
    flat = len(roots) > 1 and not any(root.children for root in roots)
    articles = [n for root in roots for n in root.walk() if n.style == "article"]
    titled_articles = sum(1 for n in articles if _article_title(text, n))
    by_heading = titled_articles >= 3 and titled_articles * 3 >= len(articles)
    out: set[int] = set()

    def walk(node: Node) -> None:
        title = _section_title(text, node)
        if articles and node.style in _PART_STYLES and (lang.procedure_re.search(title)
                                                        or lang.closing_re.search(title)):
            return   # 第二章 申报程序, 第四章 附则 of a 办法
        if node.style == "article":
            heading = _article_title(text, node)
            if heading is not None and (lang.procedure_re.search(heading) or lang.closing_re.search(heading)):
                return
            if not node.children and (lang.provision_re.search(text[node.body_start:node.end].lstrip())
                                      or (by_heading and heading is None)):
                return
        if node.children:
            for child in node.children:
                walk(child)
        elif node.parent is not None or flat or node.style == "article" or lang.prose_task_re.search(title):
            out.add(id(node))

    for root in roots:
        title = _section_title(text, root)
        goal = lang.goal_re.fullmatch(title) if flat else lang.goal_re.search(title)
        if not (goal or lang.closing_re.search(title)):
            walk(root)
    return out


_RUN_ON_HEAD = 8
_PART_STYLES = ("chapter", "section")


def _section_title(text: str, node: Node) -> str:
    """A section's heading phrase; of a heading that lost its line break
    (八、加强组织领导各有关部门要…), its first words."""
    line = text[node.body_start:node.line_end]
    return heading_title(line) or line.strip()[:_RUN_ON_HEAD]


def _article_title(text: str, node: Node) -> str | None:
    """The heading of an article: 第二条（资金管理）, 第三条 【人才支撑】…, 第四条 平台服务。…"""
    line = text[node.body_start:node.line_end].strip()
    bracketed = _BRACKETED.match(line)
    if bracketed:
        return bracketed.group(1)
    stop = line.find("。")
    phrase = line[:stop]
    if 0 < stop <= _ARTICLE_TITLE_MAX and not any(c in phrase for c in "，、；：") and len(line) > stop + 1:
        return phrase
    if stop == -1 and 0 < len(line) <= _ARTICLE_TITLE_MAX and not any(c in line for c in "，、；：:,") and (
            node.children or node.end > node.line_end + 1):
        return line   # 第二条 资金管理 on a line of its own, its items below
    return None


_BRACKETED = re.compile(r"[【（(〔\[]([^】）)〕\]]{1,20})[】）)〕\]]")
_ARTICLE_TITLE_MAX = 10


def _blank(text: str, gaps: list[tuple[int, int]]) -> str:
    """``text`` with the boxes turned into line breaks (offsets kept): nothing in
    a box opens, closes or titles a measure."""
    if not gaps:
        return text
    pieces, pos = [], 0
    for start, end in gaps:
        pieces += [text[pos:start], "\n" * (end - start)]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _duty_paragraphs(text: str, roots: list[Node]) -> list[FoundMeasure]:
    """Under a heading such as 五、责任分工, each paragraph naming who does what is a measure."""
    out = []
    for root in roots:
        for node in root.walk():
            if node.children or not is_duty_section(heading_title(text[node.body_start:node.line_end])):
                continue
            pos = node.line_end + 1
            while pos < node.end:
                eol = text.find("\n", pos)
                eol = node.end if eol == -1 or eol > node.end else eol
                lead, co = read_prose(text[pos:eol])
                if lead:
                    m = FoundMeasure(node, pos, eol, None, None, pos)
                    m.lead, m.co = lead, co
                    out.append(m)
                pos = eol + 1
    return out


def _merge(role_lists: list[tuple[list[str], list[str]]]) -> tuple[list[str], list[str]]:
    lead: list[str] = []
    co: list[str] = []
    for l, c in role_lists:
        lead.extend(u for u in l if u not in lead)
        co.extend(u for u in c if u not in co and u not in lead)
    return lead, co


def _strip_notes(text: str, start: int, end: int, notes: list[Assignment]) -> str:
    out, pos = [], start
    for note in notes:
        if start <= note.start < end and note.start >= pos:
            out.append(text[pos:note.start])
            pos = note.end
    out.append(text[pos:end] if pos < end else "")
    return "".join(out)


def _title_at(text: str, start: int, line_end: int, notes: list[Assignment], siblings_titled: str | bool,
              warnings: list[Warning], spaces: Collection[int] = ()) -> tuple[str | None, int | None, int]:
    """(title, title start, body start) of an item whose content begins at ``start``.

    ``siblings_titled`` is ``TITLED`` when most of the item's siblings open with a
    heading phrase, ``LONE`` when it has no siblings, ``PARAGRAPH`` for a later
    task of an item that opens its own paragraph, ``LOST`` when the siblings' heading
    phrases ran into their bodies, else false. ``spaces``: positions the source had a
    space before, which may end a heading phrase that has no full stop."""
    line = _strip_notes(text, start, line_end, notes)
    stripped = line.lstrip()
    lead_ws = len(line) - len(stripped)

    def at(k: int) -> int:
        """Where offset ``k`` of ``stripped`` lies in ``text`` (the notes cut out of it put back)."""
        return _unstrip(start, lead_ws + k, line_end, notes)

    bracketed = _BRACKETED.match(stripped)
    if bracketed and not any(c in bracketed.group(1) for c in "：:，、"):
        # an article heading in 【】 or （）: "第二条 【人才支撑】对引进的…"
        return bracketed.group(1), at(0) + 1, at(bracketed.end() - 1) + 1
    stop = stripped.find("。")
    cut = _space_cut(stripped, at, spaces)
    if cut and (stop == -1 or cut < stop):
        # "1优化企业开办服务 推行“一表填报”，…": a space ends the heading phrase
        warnings.append(Warning("repaired_heading_stop",
                                f"full stop after the heading phrase “{stripped[:cut]}” was missing (a space stood there)",
                                (at(0), at(cut - 1) + 1)))
        return stripped[:cut], at(0), at(cut)
    if siblings_titled == LOST:
        # the items around it lost the full stop after their heading phrase: so did this one
        cut = _lost_stop(stripped[:_TITLE_MAX + 10], any_verb=True)
        if cut and (stop == -1 or cut < stop):
            warnings.append(Warning("repaired_heading_stop",
                                    f"full stop after the heading phrase “{stripped[:cut]}” was missing",
                                    (at(0), at(cut - 1) + 1)))
            return stripped[:cut], at(0), at(cut - 1) + 1
    title = heading_title(stripped)
    if title is not None and ("；" in title or "，" in title and not (
            siblings_titled in (TITLED, PARAGRAPH) and _comma_heading(title) and _has_body(text, stripped, stop, line_end, notes))):
        title = None   # a sentence ("各区要在年底前完成改造，确保居民满意"), not a heading phrase
    alone = title is not None and not _has_body(text, stripped, stop, line_end, notes)
    if alone and _lang().sentence_re.search(title):
        title = None   # the item is one sentence ("各地要加强组织领导。"), no heading phrase
    elif alone and stop != -1 and siblings_titled == TITLED:
        # "3.提升宽带服务质量开展网络质量抽测。" among "X。正文" siblings: its heading phrase lost its stop
        cut = _lost_stop(title)
        if cut and len(title) - cut >= _BODY_MIN:
            warnings.append(Warning("repaired_heading_stop",
                                    f"full stop after the heading phrase “{stripped[:cut]}” was missing",
                                    (at(0), at(cut - 1) + 1)))
            return stripped[:cut], at(0), at(cut - 1) + 1
    if title is not None:
        if stop != -1 and stripped[:stop] == title:
            return title, at(0), at(stop) + 1
        # the whole line is the heading phrase; the body starts on the next line
        return title, at(0), line_end
    if siblings_titled in (TITLED, LONE) and (stop == -1 or stop > _TITLE_MAX or "，" in stripped[:stop]):
        cut = _lost_stop(stripped[:_TITLE_MAX + 10], any_cut=True)
        if cut:
            warnings.append(Warning("repaired_heading_stop",
                                    f"full stop after the heading phrase “{stripped[:cut]}” was missing",
                                    (at(0), at(cut - 1) + 1)))
            return stripped[:cut], at(0), at(cut - 1) + 1
    return None, None, start


def _unstrip(start: int, k: int, end: int, notes: list[Assignment]) -> int:
    """The position in the text of offset ``k`` of ``_strip_notes(text, start, end, notes)``."""
    pos = start + k
    for note in sorted(notes, key=lambda n: n.start):
        if start <= note.start < end and note.start <= pos:
            pos += note.end - note.start
    return pos


_SPACE_HEAD_MIN, _SPACE_HEAD_MAX = 4, 25
_BODY_MIN = 4   # a body cut off a heading phrase is a clause, not a word
_NOT_IN_SPACE_HEAD = "，。；：！？,;:!?"


def _space_cut(stripped: str, at: Callable[[int], int], spaces: Collection[int]) -> int | None:
    """Where a space ends a short verb–object heading phrase at the head of ``stripped``
    (``优化企业开办服务 推行…``): the offset of the first space, when the phrase before it
    opens with a verb, not with a subject or a preposition, and a body follows."""
    if not spaces:
        return None
    for k in range(1, min(len(stripped), _SPACE_HEAD_MAX + 1)):
        if at(k) in spaces:
            break
    else:
        return None
    head, rest = stripped[:k], stripped[k:].lstrip()
    if (k < _SPACE_HEAD_MIN or any(c in _NOT_IN_SPACE_HEAD for c in head) or not rest
            or rest[0] in "。；，：（(" or _lang().sentence_re.search(head)):
        return None
    from ..nlp import is_verb, words

    lang = _lang()
    first = (words(head) or [""])[0]
    if not (first in lang.openers or is_verb(first)):
        return None
    # the body opens a clause (推行…, 完善…, 各区要…), and the space falls between words:
    # a space a PDF put inside a phrase (推进农村公路 建设，…) ends no heading
    opening = (words(rest[:_SPACE_HEAD_MAX]) or [""])[0]
    if not (opening in lang.openers or is_verb(opening, verbal_nouns=False) or lang.sentence_re.match(rest)):
        return None
    ends, pos = set(), 0
    for word in words(head + rest[:_SPACE_HEAD_MAX]):
        pos += len(word)
        ends.add(pos)
    return k if k in ends else None


def _heading_spaces(text: str, roots: list[Node], spaced: Callable[[int], bool] | None) -> frozenset[int]:
    """The first place in each item's heading line where the source had a space (see ``_space_cut``)."""
    if spaced is None:
        return frozenset()
    out = set()
    for root in roots:
        for node in root.walk():
            start = node.body_start
            while start < node.line_end and text[start] == " ":
                start += 1
            for pos in range(start + 1, min(node.line_end, start + _SPACE_HEAD_MAX + 1)):
                if spaced(pos):
                    out.add(pos)
                    break
    return frozenset(out)


_COMMA_TITLE_MAX = 32
_COMMA_PART_MIN = 4


def _comma_heading(phrase: str) -> bool:
    """Two short verb phrases joined by a comma (加强领导，明确分工; 实施工业绿色生产，
    推动固体废物减量) are a heading; a subject, a preposition or a modal makes a sentence."""
    parts = phrase.split("，")
    return (len(parts) == 2 and len(phrase) <= _COMMA_TITLE_MAX
            and all(len(part) >= _COMMA_PART_MIN and not _lang().sentence_re.search(part) for part in parts))


def _has_body(text: str, stripped: str, stop: int, line_end: int, notes: list[Assignment]) -> bool:
    """Does text follow the phrase before ``stop``, on its line or on the next
    (not a heading, not a note)?"""
    if stop != -1 and stripped[stop + 1:].strip():
        return True
    eol = text.find("\n", line_end + 1)
    following = text[line_end + 1:eol if eol != -1 else len(text)]
    if any(line_end < note.start <= line_end + 1 + len(following) - len(following.lstrip()) for note in notes):
        return False
    return bool(following.strip()) and not is_heading_line(following.strip())


_PARAGRAPH_ENDS = "。；！？）)〕"


def _item_opening(text: str, node: Node, own: list[Assignment], titled: str | bool,
                  warnings: list[Warning], spaces: Collection[int] = ()) -> tuple[int, str | None, int | None, int]:
    """(start, title, title start, body start) of the first measure of an item.

    When an item is several tasks (several notes) under a heading that stands
    alone on its line, a paragraph that opens with its own heading phrase
    before the first note is the first task: it takes that phrase as title,
    and the section's introduction above it belongs to no task. Otherwise
    (one task, or no such paragraph) the item's own heading is the title.
    """
    note = own[0]
    title, tstart, body = _title_at(text, node.body_start, node.line_end, [note], titled, warnings, spaces)
    if title is not None and body == node.line_end and len(own) > 1:
        pos = node.line_end + 1
        while pos < note.start:
            eol = text.find("\n", pos, note.start)
            eol = note.start if eol == -1 else eol
            last = pos - 1
            while last > node.line_end and text[last] in "\n ":
                last -= 1
            if last == node.line_end or text[last] in _PARAGRAPH_ENDS:
                phrase = _paragraph_phrase(text[pos:eol])
                if phrase is not None:
                    return pos, phrase, pos, pos + len(phrase) + 1
            pos = eol + 1
    return node.start, title, tstart, body


def _paragraph_phrase(line: str) -> str | None:
    """The heading phrase that opens an unnumbered paragraph (``推进X。正文``), if any."""
    stop = line.find("。")
    phrase = line[:stop]
    if not 0 < stop <= _TITLE_MAX or phrase != phrase.strip():
        return None
    if any(c in phrase for c in "，,；;：:") or _lang().sentence_re.search(phrase):
        return None
    return phrase


def _lost_stop(head: str, any_verb: bool = False, any_cut: bool = False) -> int | None:
    """Where a heading phrase that lost its full stop ends, by the words that open a body.
    The phrase itself opens with such a verb (推进…, 制定…), not with a subject; with
    ``any_verb`` (where headings are known to run into their bodies), with any verb (延长…).
    With ``any_cut``, when no body opener follows, the phrase may also end before any verb
    that follows a noun (加大财政金融支持力度|统筹用好…)."""
    from ..nlp import is_noun, is_numeral, is_verb, words

    lang = _lang()
    pos, fallback = 0, None
    ws = words(head)
    for i, word in enumerate(ws):
        if i == 0 and (not (word in lang.openers or any_verb and is_verb(word)) or lang.sentence_re.match(head)):
            return None
        after = ws[i + 1] if i + 1 < len(ws) else ""
        if pos >= 4 and after not in lang.noun_heads:
            if word in lang.openers or is_verb(word) and is_numeral(after) and is_noun(ws[i - 1]):
                # "推进农村光网提速扩面|加快…", "培育市场主体|遴选一批企业", not "加大财政支持力度"
                if not _pivot_object(ws, i):
                    return pos
            elif (any_cut and fallback is None and is_verb(word, verbal_nouns=False) and is_noun(ws[i - 1])
                  and after and after not in _CLAUSE_ENDS):
                fallback = pos
        pos += len(word)
        if word in _CLAUSE_ENDS:
            break
    return fallback


_CLAUSE_ENDS = "，、；：（。"


def _pivot_object(ws: list[str], i: int) -> bool:
    """Is ``ws[i]`` the second verb of a pivot sentence (支持企业|开展…, 鼓励有条件的地区|探索…),
    not a body opener after a heading phrase?"""
    return ws[0] in _lang().pivots and (i <= 2 or "的" in ws[1:i])


TITLED, LONE, LOST = "titled", "lone", "lost"
_NOTE_OPENS = ("（", "(", "〔", "[", "【")
PARAGRAPH = "paragraph"   # a later task's own paragraph: two-phrase headings, no guessed full stop


def _titled_map(text: str, roots: list[Node], run_together: bool = False,
                spaces: Collection[int] = ()) -> dict[int, str]:
    """For every node: do most of its siblings open with a short heading phrase
    (``TITLED``: 推进X。正文, a heading line, 优化X服务 正文 after a space; also when some
    do and most of the others ran their phrase into the body), or, in a document
    that lost its line breaks, with one that ran into its body (``LOST``:
    一、打造夜间消费街区推动主城区建设…), has it none (``LONE``), or neither ("")?
    An item that is one sentence and its note (支持X开展试点。（…负责）) is no heading."""
    out: dict[int, str] = {}

    def walk(sibs: list[Node]) -> None:
        titled = _count_titled(text, sibs, run_together, spaces)
        for node in sibs:
            out[id(node)] = titled
            walk(node.children)

    walk(roots)
    return out


def _count_titled(text: str, sibs: list[Node], run_together: bool = False, spaces: Collection[int] = ()) -> str:
    if len(sibs) == 1:
        return LONE   # no siblings to go by
    titled, others = 0, []
    for s in sibs:
        line = text[s.body_start:s.line_end]
        stop = line.find("。")
        stripped = line.lstrip()
        lead = s.body_start + len(line) - len(stripped)
        rest = line[stop + 1:].strip() if stop != -1 else ""
        if heading_title(line) is not None and (0 < stop <= 25 and not rest.startswith(_NOTE_OPENS)
                                                or stop == -1 and len(line.strip()) <= 25):
            titled += 1   # "推进X。正文" or a heading line of its own (not one sentence and its note)
        elif _space_cut(stripped, lambda k, lead=lead: lead + k, spaces):
            titled += 1   # "优化企业开办服务 推行…"
        else:
            others.append(stripped)
    if titled * 2 > len(sibs):
        return TITLED
    if not (run_together or titled):
        return ""
    # "打造夜间消费街区推动主城区建设…": heading phrases that lost their full stop
    lost = 0
    for stripped in others:
        lost += bool(_lost_stop(stripped[:_TITLE_MAX + 10], any_verb=run_together))
        if (lost + (0 if run_together else titled)) * 2 > len(sibs):
            # where the line breaks were lost, all of them; elsewhere, besides some that kept it
            return LOST if run_together else TITLED
    return ""


def _whole_leaf(text: str, node: Node, titled: str | bool, warnings: list[Warning],
                spaces: Collection[int] = ()) -> FoundMeasure:
    title, tstart, body = _title_at(text, node.body_start, node.line_end, [], titled, warnings, spaces)
    return FoundMeasure(node, node.start, _trim_end(text, node.start, node.end), title, tstart, body)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in "\n ":
        end -= 1
    return end


def _split_leaf(text: str, node: Node, own: list[Assignment], roles, titled: bool,
                warnings: list[Warning], spaces: Collection[int] = ()) -> list[FoundMeasure]:
    out = []
    pos = node.start
    for i, note in enumerate(own):
        last = i == len(own) - 1
        end = _trim_end(text, pos, node.end if last else note.end)
        if i == 0:
            pos, title, tstart, body = _item_opening(text, node, own, titled, warnings, spaces)
        else:
            content = pos
            while content < end and text[content] in "\n 。；":
                content += 1
            if "\n" in text[pos:content]:
                eol = text.find("\n", content, end)
                eol = end if eol == -1 else eol
                title, tstart, body = _title_at(text, content, eol, [note], PARAGRAPH, warnings)
            else:
                # "…。（市交通局负责）推动商场停车场错时开放。（…）": a task that goes on in the
                # paragraph of the one before has no heading phrase of its own
                title, tstart, body = None, None, content
            pos = content
        m = FoundMeasure(node, pos, end, title, tstart, body, notes=[note])
        m.lead, m.co = (list(x) for x in roles[id(note)])
        out.append(m)
        pos = note.end
    return out
