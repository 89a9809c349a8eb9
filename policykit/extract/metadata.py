"""Document metadata: title, document number, issuer, date and addressees.

Read from the head of the document (title, number, addressees) and from its
signature block (issuer and date, the lines just before and at the date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import read_toml
from ..model import Warning
from ..textlines import LineIndex
from .assignments import _split_depth0, is_unit
from .citations import DOC_NUMBER, normalize_doc_number
from .dates import parse_date

_HEAD_LINES = 14
# A document number line, or a title closed by its number, is short; a longer
# line (a whole page scraped into one) is never one, and is not searched.
_NUMBER_LINE_MAX = 300
_SEAL = re.compile(r"^[（(][^（）()]{2,40}(?:代章|代印|印章)[）)]$")


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


@lru_cache(maxsize=1)
def _lang() -> _Lang:
    d = read_toml("metadata.toml")
    return _Lang(
        re.compile(f"(?:{d['title_words']})(?:（[^（）]{{1,20}}）)?$"),
        re.compile(f"^(.{{4,80}}?(?:{d['title_words']}))(?=(?:{d['preamble_openers']}))"),
        re.compile(f"^(?:{d['date_labels']})[：:]?"),
        re.compile(f"(?:{d['date_labels']})[：:]"),
        re.compile(f"{d['source_label']}[：:]"),
    )


def _lines(text: str) -> LineIndex:
    """(start, end, line) of every line; an index, not a list: a text may have millions."""
    return LineIndex(text)




def _doc_number_line(line: str):
    """The document number if the line is just one (or a title ending in one)."""
    if len(line) > _NUMBER_LINE_MAX:
        return None
    for m in DOC_NUMBER.finditer(line):
        rest = (line[: m.start()] + line[m.end():]).strip("（）()〔〕[] ")
        if not rest or (m.end() >= len(line) - 1 and _lang().title_end.search(line[: m.start()].rstrip("（( "))):
            return m
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


def _is_date_line(line: str) -> str | None:
    core = re.sub(r"(?:印发|发布|制发)$", "", line.strip("（）() "))
    core = _lang().date_label.sub("", core).strip()
    if not core or len(core) > 16:
        return None
    value, _ = parse_date(core)
    return value


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
    L = _lang()

    # Document number: a line of its own near the top (or closing the title line).
    for start, end, line in head[:8]:
        m = _doc_number_line(line)
        if m:
            value, repaired = normalize_doc_number(m.group(0))
            if value:
                meta.doc_number, meta.doc_number_span = value, (start + m.start(), start + m.end())
                if repaired:
                    meta.warnings.append(Warning("repaired_doc_number", repaired, meta.doc_number_span))
                break

    # Addressees: "各县（市、区）人民政府，市人民政府各委、局、办："
    addr_idx = None
    for i, (start, end, line) in enumerate(head):
        if _is_addressee(line):
            parts = [p.strip() for p in _split_depth0(line[:-1], "，,")]
            meta.addressees = [p for p in parts if p]
            meta.addressees_span = (start, end)
            addr_idx = i
            break

    # Title: the first lines, until the number, the addressees or a sentence.
    title_parts: list[tuple[int, int, str]] = []
    for i, (start, end, line) in enumerate(head):
        if addr_idx is not None and i >= addr_idx:
            break
        dm = _doc_number_line(line)
        if dm is not None and dm.start() == 0:
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
            line = line[: dm.start()].rstrip("（( ")
            end = start + len(line)
        title_parts.append((start, end, line))
        if L.title_end.search(line):
            break
        if len(title_parts) >= 3:
            break
    joined = "".join(p[2] for p in title_parts)
    if title_parts and L.title_end.search(joined):
        meta.title = _dedupe_repeat(joined)
        meta.title_span = (title_parts[0][0], title_parts[-1][1])

    # Signature: the date line and the issuer lines just above it.
    date_idx = None
    for i, (start, end, line) in enumerate(lines):
        value = _is_date_line(line)
        if value and i > 0 and _looks_like_issuer(lines[i - 1][2]):
            date_idx = i
            break
    if date_idx is None:
        for i in range(len(lines) - 1, -1, -1):
            if _is_date_line(lines[i][2]):
                date_idx = i
                break
    if date_idx is not None:
        start, end, line = lines[date_idx]
        meta.date, repaired = parse_date(re.sub(r"(?:印发|发布)$", "", L.date_label.sub("", line.strip("（）() "))))
        meta.date_span = (start, end)
        if repaired:
            meta.warnings.append(Warning("repaired_date", f"date “{line}” read as {meta.date}", (start, end)))
        issuers = []
        j = date_idx - 1
        while j >= 0 and _SEAL.match(lines[j][2]):   # "（北京市政务服务管理局代章）"
            j -= 1
        while j >= 0 and len(issuers) < 8 and _looks_like_issuer(lines[j][2]):
            issuers.insert(0, lines[j])
            j -= 1
        if issuers and len(issuers[0][2]) <= 2 and j >= 0 and len(lines[j][2]) <= 30 and not re.search(r"[。，；：]", lines[j][2]):
            issuers.insert(0, lines[j])   # "江苏省人民政府办公\n厅": a name broken over two lines
            issuers[:2] = [(issuers[0][0], issuers[1][1], issuers[0][2] + issuers[1][2])]
        if issuers:
            meta.issuer = re.sub(r"印发$", "", " ".join(x[2] for x in issuers))
            meta.issuer_span = (issuers[0][0], issuers[-1][1])
    if meta.title is None and date_idx is not None:
        _inner_title(meta, [ln for ln in lines[date_idx + 1:date_idx + 7] if ln[0] < body_start])
    if meta.date is None:
        for start, end, line in head:
            m = L.date_label_any.search(line)   # "…的通知印发时间：2022-03-24"
            if m:
                value, _ = parse_date(line[m.end():m.end() + 16].strip())
                if value:
                    meta.date, meta.date_span = value, (start + m.start(), min(end, start + m.end() + 16))
                    break
    if meta.date is None:
        for start, end, line in head:
            m = re.match(r"^(\d{4}-\d{1,2}-\d{1,2})", line)
            if m:
                meta.date, _ = parse_date(m.group(1))
                meta.date_span = (start, start + m.end())
                break
    if meta.issuer is None:
        for start, end, line in head:
            m = L.source.search(line)
            if m and is_unit(line[m.end():].strip()):
                meta.issuer = line[m.end():].strip()
                meta.issuer_span = (start + m.end(), end)
                break
    if meta.issuer is None and meta.title and "关于" in meta.title:
        prefix = meta.title.split("关于", 1)[0]
        prefix = re.sub(r"印发$", "", prefix)
        if 2 <= len(prefix) <= 60 and meta.title_span:
            meta.issuer = prefix
            meta.issuer_span = (meta.title_span[0], meta.title_span[0] + len(prefix))
    return meta


def _inner_title(meta: FoundMetadata, lines: list[tuple[int, int, str]]) -> None:
    """The plan's own title after a 印发 notice whose title line was not printed."""
    L = _lang()
    for start, end, line in lines:
        if _SEAL.match(line) or re.match(r"^[（(]此件", line):
            continue
        g = L.glued.match(line)
        if L.title_end.search(line) and len(line) <= 60:
            meta.title, meta.title_span = line, (start, end)
        elif g and len(line) > 60:
            meta.title, meta.title_span = g.group(1), (start, start + g.end(1))
        return


def _looks_like_issuer(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > 40 or re.search(r"[。，；：、《》“”]", line):
        return False
    return is_unit(line) or bool(re.search(r"(?:委员会|办公室|人民政府|办公厅|局|厅|部|委|署|院)$", line))
