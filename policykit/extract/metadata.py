"""Document metadata: title, document number, issuer, date and addressees.

Read from the head of the document (title, number, addressees) and from its
signature block (issuer and date, the lines just before and at the date).
Real heads are damaged: a running header or ``附件2`` above the title, a title
broken over lines with its number glued to its end, a news lead instead of a
title; signatures list several organs a line, a name broken in two, the date
only in the closing 印发 line or glued to the last sentence.

Besides the title, ``plan_title`` is the title of the plan whose tasks the
document sets: the plan a 印发/转发 notice wraps (``关于印发《X》的通知`` → X),
or the document's own title when nothing wraps it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import read_toml
from ..model import Warning
from ..textlines import LineIndex
from .assignments import _split_depth0, is_unit
from .citations import DOC_NUMBER, normalize_doc_number, number_start
from .dates import parse_date
from .deadlines import plan_year

_HEAD_LINES = 14
# A document number line, or a title closed by its number, is short; a longer
# line (a whole page scraped into one) is never one, and is not searched.
_NUMBER_LINE_MAX = 300
_TITLE_LINES_MAX = 4
_HEADLINE_MAX = 40
_SIGNERS_MAX = 40
# The 版记 (抄送, the closing 印发 line) stands in the last lines.
_TAIL_LINES = 40
_SEAL = re.compile(r"^[（(][^（）()]{2,40}(?:代章|代印|印章)[）)]$")
# A file name or a line of Latin letters spliced into a signature block.
_FILE_NAME = re.compile(r"[.。](?:docx?|wps|pdf|txt|xlsx?|ofd|html?)$|^[\x00-\x7f]+$", re.IGNORECASE)
# What may follow a title on a line of its own: （2021—2025年）, （试行）, （征求意见稿）.
_TITLE_TAIL = re.compile(r"^[（(][^（）()]{1,20}[）)]$")
_CLEAN_DATE = r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日"
# The signature glued to the last sentence: "…健康发展。国务院2013年7月4日（此件有删减）".
_GLUED_SIGNATURE = re.compile(
    rf"[。！；](?P<issuer>[^。！；，：\n]{{0,40}}?)(?P<date>{_CLEAN_DATE})(?:[（(][^（）()\n]{{1,20}}[）)])?\s*$")
# A signature whose organ and date stand on one line: "江澜市人民政府2024年6月3日".
_SIGNED_LINE = re.compile(
    rf"^(?P<organ>[^。，；：、《》“”\d]{{2,40}}?)(?P<date>{_CLEAN_DATE}|[〇○Ｏ零一二三四五六七八九十]{{4}}年[〇○Ｏ零一二三四五六七八九十]{{1,2}}月[〇○Ｏ零一二三四五六七八九十]{{1,3}}日)$")
# The closing 印发 line of the 版记: "江澜市人民政府办公室2024年4月16日印发".
_CLOSING_LINE = re.compile(rf"^(?P<organ>[^。，；：]{{2,40}}?)(?P<date>{_CLEAN_DATE})印发$")
# A cover date that gives only the month: "2022年04月".
_MONTH_LINE = re.compile(r"^[（(]?(?P<year>(?:19|20)\d\d)年(?P<month>\d{1,2})月[）)]?$")


@dataclass
class FoundMetadata:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    doc_number: str | None = None
    doc_number_span: tuple[int, int] | None = None
    issuer: str | None = None
    issuer_span: tuple[int, int] | None = None
    date: str | None = None
    date_span: tuple[int, int] | None = None
    addressees: list[str] = field(default_factory=list)
    addressees_span: tuple[int, int] | None = None
    plan_title: str | None = None
    plan_title_span: tuple[int, int] | None = None
    warnings: list[Warning] = field(default_factory=list)

    @property
    def signature_start(self) -> int | None:
        """Where the signature block (issuer lines, then the date) begins."""
        starts = [s[0] for s in (self.issuer_span, self.date_span) if s is not None and s != self.title_span]
        if self.issuer_span is not None and self.title_span is not None and self.issuer_span[0] == self.title_span[0]:
            starts = [s[0] for s in (self.date_span,) if s is not None]   # issuer read from the title
        return min(starts) if starts else None


@dataclass(frozen=True)
class _Lang:
    title_end: re.Pattern[str]
    glued: re.Pattern[str]
    date_label: re.Pattern[str]
    date_label_any: re.Pattern[str]
    source: re.Pattern[str]
    header: re.Pattern[str]
    annex: re.Pattern[str]
    wrapped: re.Pattern[str]
    wrapped_bare: re.Pattern[str]
    issued_in_body: re.Pattern[str]
    news_date: re.Pattern[str]
    notice_end: re.Pattern[str]
    title_label: re.Pattern[str]


@lru_cache(maxsize=1)
def _lang() -> _Lang:
    d = read_toml("metadata.toml")
    words, verbs = d["title_words"], d["issue_verbs"]
    headers = "|".join(map(re.escape, d["header_endings"]))
    labels = "|".join(map(re.escape, d["header_labels"]))
    return _Lang(
        # a title ends with its kind of document, or with 》 after one (发布《…工作安排》)
        re.compile(f"(?:{words})(?:（[^（）]{{1,20}}）)?》?$"),
        re.compile(f"^(.{{4,80}}?(?:{words}))(?=(?:{d['preamble_openers']}))"),
        re.compile(f"^(?:{d['date_labels']})[：:]?"),
        re.compile(f"(?:{d['date_labels']})[：:]"),
        re.compile(f"(?:{d['source_label']})[：:]"),
        re.compile(f"(?:{headers})$|^(?:{labels})[：:]|{d['breadcrumb']}"),
        re.compile(f"^{d['annex_label']}"),
        re.compile(f"(?:{verbs})《(?P<inner>[^《》]{{2,150}})》"),
        re.compile(f"(?:{verbs})(?P<inner>[^《》]{{2,150}}?(?:{words})(?:（[^（）]{{1,20}}）)?)的(?:通知|决定)$"),
        re.compile(f"现将《(?P<inner>[^《》]{{2,150}}(?:{words}))》(?:{verbs})"),
        re.compile(rf"(?:(?P<year>(?:19|20)\d\d)年)?(?<!\d)(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日"
                   rf"[^。，；\n]{{0,12}}?(?:{d['news_verbs']})"),
        re.compile(r"的(?:通知|决定|批复|函|意见)"),
        re.compile(d["title_label"]),
    )


def _lines(text: str) -> LineIndex:
    """(start, end, line) of every line; an index, not a list: a text may have millions."""
    return LineIndex(text)


def _doc_number_line(line: str) -> tuple[int, int] | None:
    """(start, end) of the document number if the line is just one (or a title ending in one)."""
    if len(line) > _NUMBER_LINE_MAX:
        return None
    for m in DOC_NUMBER.finditer(line):
        start = number_start(m)
        before = line[:start].rstrip("（( ")
        rest = (before + line[m.end():]).strip("（）()〔〕[] ")
        if not rest or re.fullmatch(r"(?:发文字号|文号)[：:]", before) or (
                m.end() >= len(line) - 1 and _lang().title_end.search(before)):
            return start, m.end()
    return None


def _glued_number(line: str) -> tuple[int, int] | None:
    """(end of title, end of number) when a title runs straight into its document number."""
    m = DOC_NUMBER.search(line)
    if not m or m.start() == 0:
        return None
    bracket = line.find("〔", m.start(), m.end())
    if bracket == -1:
        return None
    for k in range(bracket - 2, max(m.start(), bracket - 12) - 1, -1):
        if _lang().title_end.search(line[:k]):
            return k, m.end()
    return None


def _is_addressee(line: str) -> bool:
    return line.endswith("：") and len(line) <= 120 and "。" not in line and bool(
        re.search(r"各|人民政府|部门|单位|委|局|厅|办", line)) and not re.match(r"^(?:牵头|责任|配合)", line)


#: Every date policykit reads has a digit (2015, ２０１５) or a 年 (二〇一五年).
_MAYBE_DATE = re.compile(r"[\d年]")


def _is_date_line(line: str) -> str | None:
    if not _MAYBE_DATE.search(line):   # most lines: three scans of a document for its signature stay cheap
        return None
    core = re.sub(r"(?:印发|发布|制发)$", "", line.strip("（）() "))
    core = _lang().date_label.sub("", core).strip()
    if not core or len(core) > 16:
        return None
    value, _ = parse_date(core)
    return value


def _is_header(line: str) -> bool:
    """A running header above the title: 版头 (江澜市人民政府文件), gazette or web page chrome."""
    if _lang().header.search(line):
        return True
    return line.endswith("文件") and len(line) > 2 and _looks_like_issuer(line[:-2])


def _dedupe_repeat(title: str) -> str:
    half = len(title) // 2
    if len(title) % 2 == 0 and title[:half] == title[half:]:
        return title[:half]
    return title


def extract_metadata(text: str, body_start: int) -> FoundMetadata:
    """Metadata of a normalised document whose first heading starts at ``body_start``."""
    meta = FoundMetadata()
    lines = _lines(text)
    head = [ln for ln in lines[:_HEAD_LINES] if ln[0] < body_start]
    _read_doc_number(meta, head)
    addr_idx = _read_addressees(meta, head)
    _read_title(meta, head, addr_idx)
    date_idx = _read_signature(meta, lines)
    if meta.title is None:
        _title_from_notice(meta, text, head)
    if meta.title is None and date_idx is not None:
        _inner_title(meta, [ln for ln in lines[date_idx + 1:date_idx + 7] if ln[0] < body_start])
    if meta.date is None:
        _date_elsewhere(meta, text, lines, head)
    if meta.issuer is None:
        _issuer_elsewhere(meta, head)
    _read_plan_title(meta, text, lines, head, date_idx, body_start)
    return meta


def _read_doc_number(meta: FoundMetadata, head: list[tuple[int, int, str]]) -> None:
    """A line of its own near the top (or closing the title line)."""
    for start, end, line in head[:8]:
        found = _doc_number_line(line)
        if found:
            value, repaired = normalize_doc_number(line[found[0]:found[1]])
            if value:
                meta.doc_number, meta.doc_number_span = value, (start + found[0], start + found[1])
                if repaired:
                    meta.warnings.append(Warning("repaired_doc_number", repaired, meta.doc_number_span))
                return


def _read_addressees(meta: FoundMetadata, head: list[tuple[int, int, str]]) -> int | None:
    """"各县（市、区）人民政府，市人民政府各委、局、办：" → its index in ``head``."""
    for i, (start, end, line) in enumerate(head):
        if _is_addressee(line):
            parts = [p.strip() for p in _split_depth0(line[:-1], "，,")]
            meta.addressees = [p for p in parts if p]
            meta.addressees_span = (start, end)
            return i
    return None


def _read_title(meta: FoundMetadata, head: list[tuple[int, int, str]], addr_idx: int | None) -> None:
    """The first lines, until the number, the addressees or a sentence; running
    headers and an annex label above it are left out."""
    L = _lang()
    title_parts: list[tuple[int, int, str]] = []
    for i, (start, end, line) in enumerate(head):
        if addr_idx is not None and i >= addr_idx:
            break
        if not title_parts:
            if _is_header(line):
                continue
            annex = L.annex.match(line) or L.title_label.match(line)
            if annex:
                if annex.end() == len(line):
                    continue   # "附件2" on its own line
                start, line = start + annex.end(), line[annex.end():]
        dm = _doc_number_line(line)
        if dm is not None and not line[:dm[0]].strip("（( "):   # the number's own line
            if title_parts:
                break
            continue
        if dm is None and not title_parts:
            glued = _glued_number(line)
            if glued is not None:
                # "…若干意见国发〔2013〕24号各省、自治区…" all on one line
                cut, num_end = glued
                if meta.doc_number is None:
                    value, _ = normalize_doc_number(line[cut:num_end])
                    meta.doc_number, meta.doc_number_span = value, (start + cut, start + num_end)
                title_parts.append((start, start + cut, line[:cut]))
                break
        dl = L.date_label_any.search(line)
        if dl and dl.start() > 0 and not title_parts:
            line = line[: dl.start()]
            end = start + len(line)
        if _is_date_line(line) or line.endswith("。") or len(line) > 90:
            g = L.glued.match(line)
            if not title_parts and g and not line.startswith(("为", "根据", "按照")):
                title_parts.append((start, start + g.end(1), g.group(1)))
            break
        if dm is not None:   # title line closed by its own number
            line = line[: dm[0]].rstrip("（( ")
            end = start + len(line)
        title_parts.append((start, end, line))
        if L.title_end.search(line) or dm is not None:
            _title_tail(title_parts, head, i)
            break
        if len(title_parts) >= _TITLE_LINES_MAX:
            break
    joined = "".join(p[2] for p in title_parts)
    if title_parts and L.title_end.search(joined):
        meta.title = _dedupe_repeat(joined)
        meta.title_span = (title_parts[0][0], title_parts[-1][1])
    elif len(title_parts) == 1 and _is_headline(title_parts[0][2], head, title_parts[0]):
        meta.title, meta.title_span = title_parts[0][2], title_parts[0][:2]


def _is_headline(line: str, head: list[tuple[int, int, str]], part: tuple[int, int, str]) -> bool:
    """A news headline without a document word (江澜市出台十条措施支持冷链物流):
    a short first line with no sentence in it, a paragraph right after it."""
    if not 4 <= len(line) <= _HEADLINE_MAX or re.search(r"[。，；：？！、]", line) or _looks_like_issuer(line):
        return False
    after = [ln for ln in head if ln[0] > part[0]]
    if not after:
        return False
    nxt = after[0][2]
    return nxt.endswith("。") or len(nxt) > _HEADLINE_MAX


def _title_tail(parts: list[tuple[int, int, str]], head: list[tuple[int, int, str]], i: int) -> None:
    """What the line after the title adds to it: a bracket (（2021—2025年）, （试行）),
    or the notice's own ending after the plan it issues (…印发《X方案》 ⏎ 的通知)."""
    if i + 1 >= len(head):
        return
    line = head[i + 1][2]
    if (_TITLE_TAIL.match(line) and not _SEAL.match(line) and _doc_number_line(line) is None) or (
            parts[-1][2].endswith("》") and _lang().notice_end.fullmatch(line)):
        parts.append(head[i + 1])


def _read_signature(meta: FoundMetadata, lines: LineIndex) -> int | None:
    """The date line and the issuer lines just above it; the date line's index."""
    L = _lang()
    date_idx = None
    for i, (start, end, line) in enumerate(lines):
        value = _is_date_line(line)
        if value and i > 0 and _looks_like_issuer(lines[i - 1][2]):
            date_idx = i
            break
    if date_idx is None:
        for i, (start, end, line) in enumerate(lines):
            m = _SIGNED_LINE.match(line)   # organ and date on one line: 江澜市人民政府2024年6月3日
            if m and _looks_like_issuer(m["organ"]):
                meta.date, _ = parse_date(m["date"])
                meta.date_span = (start + m.start("date"), end)
                meta.issuer, meta.issuer_span = _split_glued(m["organ"]), (start, start + m.end("organ"))
                return i
    if date_idx is None:
        for i in range(len(lines) - 1, -1, -1):
            if _is_date_line(lines[i][2]):
                date_idx = i
                break
    if date_idx is None:
        return None
    start, end, line = lines[date_idx]
    meta.date, repaired = parse_date(re.sub(r"(?:印发|发布)$", "", L.date_label.sub("", line.strip("（）() "))))
    meta.date_span = (start, end)
    if repaired:
        meta.warnings.append(Warning("repaired_date", f"date “{line}” read as {meta.date}", (start, end)))
    issuers = _signers(lines, date_idx)
    if issuers:
        meta.issuer = re.sub(r"印发$", "", " ".join(x[2] for x in issuers))
        meta.issuer_span = (issuers[0][0], issuers[-1][1])
    return date_idx


def _signers(lines: LineIndex, date_idx: int) -> list[tuple[int, int, str]]:
    """The whole run of organ lines above the date: joint signatures one a
    line, a name broken over two lines re-joined, a spliced file name skipped."""
    j = date_idx - 1
    while j >= 0 and _SEAL.match(lines[j][2]):   # "（北京市政务服务管理局代章）"
        j -= 1
    signers: list[tuple[int, int, str]] = []
    while j >= 0 and len(signers) < _SIGNERS_MAX:
        start, end, line = lines[j]
        if _looks_like_issuer(line):
            signers.insert(0, (start, end, line.strip()))
        elif signers and _FILE_NAME.search(line.strip()):
            pass
        elif signers and _broken_name(line.strip(), signers[0][2]):
            # "江澜市交通运" ⏎ "输局": one organ
            signers[0] = (start, signers[0][1], line.strip() + signers[0][2])
        else:
            break
        j -= 1
    return signers


def _split_glued(organs: str) -> str:
    """Joint organs whose spaces were lost, split where a name of the same place
    starts again: 江澜市商务局江澜市财政局 → 江澜市商务局 江澜市财政局."""
    place = organs[:2]
    for k in range(3, len(organs) - 2):
        if organs.startswith(place, k) and _looks_like_issuer(organs[:k]) and _looks_like_issuer(organs[k:]):
            return organs[:k] + " " + _split_glued(organs[k:])
    return organs


def _broken_name(upper: str, lower: str) -> bool:
    """Whether ``upper`` ⏎ ``lower`` is one organ's name broken by a line end."""
    if not upper or len(upper) > 30 or re.search(r"[。，；：、《》“”]", upper):
        return False
    if not _looks_like_issuer(upper + lower):
        return False
    # the tail of a broken name is short (输局, 厅), or its head is no organ at all
    return len(lower) <= 2 or (len(lower) <= 4 and len(upper) <= 12)


def _title_from_notice(meta: FoundMetadata, text: str, head: list[tuple[int, int, str]]) -> None:
    """A notice whose own title was not printed: "现将《X》印发给你们" names the plan."""
    if not head:
        return
    m = _lang().issued_in_body.search(text, 0, head[-1][1])
    if m:
        meta.title, meta.title_span = m["inner"], m.span("inner")


def _inner_title(meta: FoundMetadata, lines: list[tuple[int, int, str]]) -> None:
    """The plan's own title after a 印发 notice whose title line was not printed."""
    found = _plan_line(lines)
    if found:
        meta.title, meta.title_span = found


def _plan_line(lines: list[tuple[int, int, str]]) -> tuple[str, tuple[int, int]] | None:
    """The first line after a notice's signature, when it is a title (glued preamble cut off)."""
    L = _lang()
    for start, end, line in lines:
        if _SEAL.match(line) or re.match(r"^[（(]此件", line) or L.annex.fullmatch(line):
            continue
        if (annex := L.annex.match(line)) and annex.end():
            start, line = start + annex.end(), line[annex.end():]   # "附件：江澜市…方案"
        if line.startswith("《") and line.endswith("》") and line.count("《") == 1:
            start, end, line = start + 1, end - 1, line[1:-1]   # the plan's title printed in 《》
        g = L.glued.match(line)
        if L.title_end.search(line) and len(line) <= 60:
            return line, (start, end)
        if g and len(line) > 60:
            return g.group(1), (start, start + g.end(1))
        return None
    return None


def _read_plan_title(meta: FoundMetadata, text: str, lines: LineIndex,
                     head: list[tuple[int, int, str]], date_idx: int | None, body_start: int) -> None:
    """The plan a 印发 notice wraps, as the plan prints its own title when it
    does, else as the notice names it; the document's own title otherwise."""
    if meta.title is None:
        return
    L = _lang()
    title_start = meta.title_span[0] if meta.title_span else 0
    inner = L.wrapped.search(meta.title) or L.wrapped_bare.search(meta.title)
    named: tuple[str, tuple[int, int]] | None = None
    if inner:
        named = inner["inner"], (title_start + inner.start("inner"), title_start + inner.end("inner"))
        if meta.title_span and text[meta.title_span[0]:meta.title_span[1]] != meta.title:
            named = inner["inner"], meta.title_span   # joined over lines: point at the whole title
    elif head and (m := L.issued_in_body.search(text, 0, head[-1][1])) and meta.title_span != m.span("inner"):
        if meta.title.endswith("通知"):
            named = m["inner"], m.span("inner")
    if named is None:
        meta.plan_title, meta.plan_title_span = meta.title, meta.title_span
        return
    printed = None
    if date_idx is not None:
        printed = _plan_line([ln for ln in lines[date_idx + 1:date_idx + 7] if ln[0] < body_start])
    if printed and _same_plan(printed[0], named[0]):
        named = printed
    meta.plan_title, meta.plan_title_span = named


def _same_plan(a: str, b: str) -> bool:
    """The plan's printed title and the one its notice names differ in a 的 or a dash."""
    def key(s: str) -> str:
        return re.sub(r"[的《》“”\"\s—\-－–]", "", s)
    return key(a) == key(b)


def _date_elsewhere(meta: FoundMetadata, text: str, lines: LineIndex,
                    head: list[tuple[int, int, str]]) -> None:
    """A date outside a signature block, in the order the forms are trusted."""
    L = _lang()
    for start, end, line in head:
        m = L.date_label_any.search(line)   # "…的通知印发时间：2022-03-24"
        if m:
            value, _ = parse_date(line[m.end():m.end() + 16].strip())
            if value:
                meta.date, meta.date_span = value, (start + m.start(), min(end, start + m.end() + 16))
                return
    for start, end, line in head:
        m = re.match(r"^(\d{4}-\d{1,2}-\d{1,2})", line)
        if m:
            meta.date, _ = parse_date(m.group(1))
            meta.date_span = (start, start + m.end())
            return
    if _glued_signature(meta, lines):
        return
    for start, end, line in lines[max(0, len(lines) - _TAIL_LINES):][::-1]:
        m = _CLOSING_LINE.match(line.strip())   # the 版记's "…办公室2024年4月16日印发"
        if m:
            meta.date, _ = parse_date(m["date"])
            meta.date_span = (start + m.start("date"), start + m.end("date"))
            return
    for start, end, line in head:
        m = _MONTH_LINE.match(line.strip())   # a cover that gives only the month: 2022年04月
        if m and 1 <= int(m["month"]) <= 12:
            meta.date = f"{int(m['year']):04d}-{int(m['month']):02d}"
            meta.date_span = (start, end)
            return
    for start, end, line in head[:4]:
        m = L.news_date.search(line)   # a news lead: "…2月3日由新华社受权发布"
        if m:
            year = int(m["year"]) if m["year"] else plan_year(meta.title)
            value = parse_date(f"{year}年{m['month']}月{m['day']}日")[0] if year else None
            if value:
                meta.date, meta.date_span = value, (start + m.start(), start + m.end("day"))
                return


def _glued_signature(meta: FoundMetadata, lines: LineIndex) -> bool:
    """The signature glued to the last sentence of a one-line document."""
    for start, end, line in reversed(lines):
        if not line.strip():
            continue
        m = _GLUED_SIGNATURE.search(line)
        if m is None:
            return False
        issuer = m["issuer"].strip()
        if issuer and not _looks_like_issuer(issuer):
            return False   # "…。有效期至2028年12月31日" is a sentence, not a signature
        meta.date, _ = parse_date(m["date"])
        meta.date_span = (start + m.start("date"), start + m.end("date"))
        if issuer and meta.issuer is None:
            meta.issuer, meta.issuer_span = issuer, (start + m.start("issuer"), start + m.end("issuer"))
        return True
    return False


def _issuer_elsewhere(meta: FoundMetadata, head: list[tuple[int, int, str]]) -> None:
    L = _lang()
    for start, end, line in head:
        m = L.source.search(line)
        if not m:
            continue
        value = line[m.end():]
        if (label := L.date_label_any.search(value)) is not None:
            value = value[:label.start()]   # "发布机构：江澜市商务局发布日期：2024-06-03"
        if is_unit(value.strip()):
            meta.issuer = value.strip()
            meta.issuer_span = (start + m.end(), start + m.end() + len(value.rstrip()))
            return
    if meta.title and "关于" in meta.title:
        prefix = meta.title.split("关于", 1)[0]
        prefix = re.sub(r"印发$", "", prefix)
        if 2 <= len(prefix) <= 60 and meta.title_span:
            meta.issuer = prefix
            meta.issuer_span = (meta.title_span[0], meta.title_span[0] + len(prefix))


def _looks_like_issuer(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > 40 or re.search(r"[。，；：、《》“”]", line):
        return False
    return is_unit(line) or bool(re.search(r"(?:委员会|办公室|人民政府|办公厅|局|厅|部|委|署|院)$", line))
