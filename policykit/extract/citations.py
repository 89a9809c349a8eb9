"""Cited documents: 《…》 titles, their document numbers, standards and bare numbers.

Works on normalised text (``policykit.normalize``). A citation is a 《title》
naming a document, law, plan or standard, with the document number in the
parenthesis after it (``《…》（国发〔2014〕6号）``); a standard code
(``GB/T 29490-2013``); or a bare document number that stands for a document
(``按照国发〔2014〕6号文件要求``). Document numbers damaged by scraping
(``晋政办发201519号``, ``国发〔20146号``, ``晋科函〔201252）``) are repaired
to ``机关代字〔年份〕序号号``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..data import alternation, read_toml

_DATA = read_toml("citations.toml")

_CJK = "\u3400-\u9fff"
_YEAR = r"(?:19|20)\d\d"
_OPEN = "〔［【｛[{（("
_CLOSE = "〕］】｝]}）)"
_O = re.escape(_OPEN)
_C = re.escape(_CLOSE)


def _cjk_except(char: str) -> str:
    """A character class of CJK ideographs without ``char``."""
    c = ord(char)
    return f"[\u3400-{chr(c - 1)}{chr(c + 1)}-\u9fff]"


# Possessive runs (``{m,n}+``) never give characters back: a run of Chinese
# text with no number in it then costs one pass, not one pass per start.
# An issuing agency's code (国办发, 国知办发管字). A PDF line break may split it
# right after an opening parenthesis: （国\n办发〔2021〕19号）.
_AGENCY = rf"(?:(?:(?<=（)|\A)[{_CJK}]{{1,6}}+\n)?[{_CJK}]{{1,14}}+"


def _issuers(stop: str) -> str:
    """Joint orders name their issuers one by one: 商务部、国家工商总局…令."""
    name = _cjk_except(stop)
    return rf"{name}{{2,20}}+(?:、{name}{{2,20}}+){{0,8}}+"


DOC_NUMBER = re.compile(
    # Orders: 国家工商行政管理总局令第66号, …令2006〕第1号 (lost 〔).
    rf"(?P<issuers>{_issuers('令')})令"
    rf"(?:[{_O}]?(?P<oyear>{_YEAR})(?:[{_C}]|年))?第(?P<oseq>\d{{1,5}})号"
    # 国家发展改革委第1号令, damaged 第38令
    rf"|(?P<missuers>{_issuers('第')})第(?P<mseq>\d{{1,5}})号?令"
    rf"|(?P<agency>{_AGENCY})(?:"
    # 国发〔2014〕6号, 国发〔20146号, 晋科函〔201252）, 国办发[2018]12号; a lost 号
    # is taken only before a closing bracket or at the end of the string.
    rf"[{_O}](?P<y1>{_YEAR})(?:[{_C}]年?|年)?(?P<n1>第)?(?P<s1>\d{{1,5}})(?:号|(?=[{_C}])|\Z)"
    # 令2006〕第1号: the opening bracket lost
    rf"|(?P<y2>{_YEAR})[{_C}](?P<n2>第)?(?P<s2>\d{{1,5}})号"
    # 2006年第1号
    rf"|(?P<y3>{_YEAR})年(?P<n3>第)(?P<s3>\d{{1,5}})号"
    # 晋政办发201519号: both brackets lost, year and number run together
    rf"|(?P<y4>{_YEAR})(?P<s4>\d{{1,4}})号"
    r")"
)
"""Document numbers in running text, well-formed and damaged (also a document's own number).

A match may begin with words of the sentence before the number (按照国发…);
``normalize_doc_number(match.group())`` cuts them off.
"""


def _standard_pattern() -> re.Pattern[str]:
    std = _DATA["standard"]
    prefix = rf"(?:{alternation(std['prefixes'])}|{re.escape(std['local_prefix'])}\d{{2}}(?:/T)?)"
    return re.compile(
        rf"(?<![A-Za-z0-9/])(?P<code>{prefix}) ?(?P<num>\d{{2,6}}(?:\.\d{{1,3}})?)"
        rf"(?:[-—–](?P<year>(?:19|20)\d\d|\d\d))?(?![\d.])"
    )


STANDARD = _standard_pattern()
"""Standard codes: GB/T 29490-2013, GB 50189-2015, GB/T50378, DB11/T 1234-2020."""

_MAX = _DATA["title"]["max_chars"]
# One level of nesting (《关于印发《X》的通知》); every repeat starts on a
# different character, so a failed match costs one pass, never a blow-up.
_TITLE = re.compile(rf"《(?:[^《》]|《[^《》]{{0,{_MAX}}}》){{1,{_MAX}}}》")
_LEAD_IN = re.compile(alternation(_DATA["doc_number"]["lead_in"]))
_KEEP = re.compile(alternation(_DATA["doc_number"]["keep"]))
_SENTENCE_MARKS = re.compile("|".join(map(re.escape, _DATA["title"]["sentence_marks"])))
_EXCLUDED_SUFFIXES = tuple(_DATA["exclude"]["suffixes"])
_EXCLUDED_TITLES = frozenset(_DATA["exclude"]["titles"])
_BARE_BEFORE = tuple(_DATA["bare"]["before"])
_BARE_AFTER = tuple(_DATA["bare"]["after"])
# How far after 》 the document-number parenthesis may reach.
_PAREN_CHARS = 120
# How far before 《 a standard code that names the title may start.
_STANDARD_REACH = 30


@dataclass
class FoundCitation:
    title: str | None
    doc_number: str | None
    start: int
    end: int
    repaired: str | None = None  # what was repaired in doc_number, for a warning


def _agency_start(agency: str) -> int:
    """Offset in ``agency`` where the code proper starts, after any lead-in words."""
    kept = [m.span() for m in _KEEP.finditer(agency)]
    cut = 0
    for m in _LEAD_IN.finditer(agency):
        if any(s <= m.start() < e for s, e in kept):
            continue
        if m.end() < len(agency):
            cut = m.end()
    return cut


def number_start(m: re.Match[str]) -> int:
    """Where a DOC_NUMBER match's number begins, after words of the sentence before it."""
    group = next(g for g in ("issuers", "missuers", "agency") if m[g])
    return m.start(group) + _agency_start(m[group])


def _format(m: re.Match[str]) -> str:
    if m["issuers"]:
        issuers = m["issuers"][_agency_start(m["issuers"]):]
        year = ""
        if m["oyear"]:
            # 令2006年第1号 is a form of its own; a lone bracket is damage.
            written_year = m.group().endswith(f"{m['oyear']}年第{m['oseq']}号")
            year = f"{m['oyear']}年" if written_year else f"〔{m['oyear']}〕"
        return f"{issuers}令{year}第{m['oseq']}号"
    if m["missuers"]:
        return f"{m['missuers'][_agency_start(m['missuers']):]}第{m['mseq']}号令"
    agency = m["agency"][_agency_start(m["agency"]):].replace("\n", "")
    if m["y3"]:
        return f"{agency}{m['y3']}年第{m['s3']}号"
    groups = m.groupdict()
    for i in "124":
        if groups[f"y{i}"]:
            return f"{agency}〔{groups[f'y{i}']}〕{groups.get(f'n{i}') or ''}{groups[f's{i}']}号"
    raise AssertionError("DOC_NUMBER matched without a year")


def _format_standard(m: re.Match[str]) -> str:
    year = f"-{m['year']}" if m["year"] else ""
    return f"{m['code']} {m['num']}{year}"


def _canonical(raw: str) -> str:
    """The number as written, minus line breaks and bracket style, to tell repairs apart."""
    table = str.maketrans({c: "〔" for c in _OPEN} | {c: "〕" for c in _CLOSE} | {"\n": None, " ": None})
    return raw.translate(table)


def _normalized(m: re.Match[str]) -> tuple[str, str | None]:
    """(normalised number, repair message or None) of a DOC_NUMBER match."""
    number = _format(m)
    written = m.string[number_start(m):m.end()]
    if _canonical(written) != _canonical(number):
        return number, f"repaired document number {written.replace(chr(10), '')} → {number}"
    if any(c in written for c in _OPEN + _CLOSE if c not in "〔〕"):
        return number, f"document number brackets {written} → {number}"
    return number, None


def normalize_doc_number(raw: str) -> tuple[str | None, str | None]:
    """``(机关代字〔年份〕序号号, repair message or None)``; standards and orders keep their form."""
    if m := STANDARD.search(raw):
        return _format_standard(m), None
    if m := DOC_NUMBER.search(raw):
        return _normalized(m)
    return None, None


def _valid_title(title: str) -> bool:
    flat = title.replace("\n", "")
    if not flat or title.count("\n") > _DATA["title"]["max_line_breaks"]:
        return False
    if _SENTENCE_MARKS.search(flat):
        return False
    return flat not in _EXCLUDED_TITLES and not flat.endswith(_EXCLUDED_SUFFIXES)


def _titles(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost well-formed 《…》 titles, bracket included."""
    out = []
    pos = 0
    while (m := _TITLE.search(text, pos)) is not None:
        if _valid_title(m.group()[1:-1]):
            out.append(m.span())
            pos = m.end()
        else:
            # An unclosed 《 swallowed a later title: try again inside it.
            pos = m.start() + 1
    return out


def _parenthesis_after(text: str, end: int) -> tuple[int, int, bool] | None:
    """(content start, parenthesis end, closed) of a （…） right after a title, if any."""
    i = end
    if i < len(text) and text[i] == "\n":
        i += 1
    if i >= len(text) or text[i] != "（":
        return None
    depth = 0
    limit = min(len(text), i + _PAREN_CHARS)
    for j in range(i, limit):
        if text[j] == "（":
            depth += 1
        elif text[j] == "）":
            depth -= 1
            if depth == 0:
                return i + 1, j + 1, True
    # Unclosed: the number, if any, sits at its start.
    line_end = text.find("\n", i + 1)
    return i + 1, min(limit, line_end if line_end != -1 else limit), False


def _number_in(text: str, start: int, end: int) -> tuple[str, str | None, int] | None:
    """(normalised number, repair message, match end) of the first number in text[start:end]."""
    std = STANDARD.search(text, start, end)
    doc = DOC_NUMBER.search(text, start, end)
    if doc and (not std or doc.start() <= std.start()):
        return *_normalized(doc), doc.end()
    if std:
        return _format_standard(std), None, std.end()
    return None


def _stands_for_document(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4):start]
    after = text[end:end + 2]
    return before.endswith(_BARE_BEFORE) or after.startswith(_BARE_AFTER)


def _standard_before(text: str, start: int, floor: int) -> re.Match[str] | None:
    """A standard code that ends right before ``start`` (a space between allowed):
    ``GB/T 12345《数字乡村服务规范》`` names one standard, not two citations."""
    window = max(floor, start - _STANDARD_REACH)
    last = None
    for m in STANDARD.finditer(text, window, start):
        last = m
    if last is not None and not text[last.end():start].strip(" "):
        return last
    return None


def _standard_after(text: str, end: int) -> re.Match[str] | None:
    """A standard code right after a title (``《建筑节能设计标准》GB 50189-2015``),
    unless it opens the next title (``…》GB 1《…`` is that title's number)."""
    i = end + (1 if text[end:end + 1] == " " else 0)
    m = STANDARD.match(text, i)
    if m is None or text[m.end():m.end() + 2].lstrip(" ").startswith("《"):
        return None
    return m


def find_citations(text: str) -> list[FoundCitation]:
    """Every citation in ``text``, in text order; spans are ``[start, end)`` into ``text``."""
    found: list[FoundCitation] = []
    taken: list[tuple[int, int]] = []
    for start, end in _titles(text):
        title = text[start + 1:end - 1].replace("\n", "")
        number = message = None
        floor = taken[-1][1] if taken else 0
        taken.append((start, end))
        paren = _parenthesis_after(text, end)
        hit = _number_in(text, paren[0], paren[1]) if paren else None
        if hit:
            number, message, number_end = hit
            end = paren[1] if paren[2] else number_end
        elif (std := _standard_before(text, start, floor) or _standard_after(text, end)) is not None:
            number = _format_standard(std)
            start, end = min(start, std.start()), max(end, std.end())
        taken[-1] = (start, end)
        found.append(FoundCitation(title, number, start, end, message))

    def free(s: int, e: int) -> bool:
        # ``taken`` is sorted and its spans do not overlap: check the neighbours.
        i = bisect.bisect_left(taken, (s, e))
        return all(not (s < te and ts < e) for ts, te in taken[max(0, i - 1):i + 1])

    for m in STANDARD.finditer(text):
        if free(*m.span()):
            found.append(FoundCitation(None, _format_standard(m), m.start(), m.end(), None))
            bisect.insort(taken, m.span())
    for m in DOC_NUMBER.finditer(text):
        start = number_start(m)
        if not free(start, m.end()) or not _stands_for_document(text, start, m.end()):
            continue
        number, message = _normalized(m)
        found.append(FoundCitation(None, number, start, m.end(), message))
    found.sort(key=lambda c: c.start)
    return found
