"""PDF with a text layer: lines back into paragraphs, page furniture out.

pdfplumber gives characters with positions. Each printed line is rebuilt
from its characters (no spaces between Chinese characters unless there is a
visible gap; spaces between Latin words kept), page numbers and running
headers/footers are dropped, and lines are joined into paragraphs: a line
that reaches the right margin continues into the next, a paragraph starts
after a short line, at an indented line, after a wide vertical gap, at a
change of font size, or at a heading number (``data/reader_pdf.toml``).
Tables drawn with ruling lines are read cell by cell.
"""
from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import read_toml
from ..errors import PolicykitError, ReadError
from ..limits import Limits, current as current_limits
from ..model import Warning
from .pdfguard import guard
from .result import ReadResult
from .sourcetext import SourceTextBuilder, clean_line, is_cjk, join_wrapped

_MARGIN_ZONE = 0.12     # top and bottom share of the page where furniture lives
_FULL_SLACK = 1.6       # a line ending within this many characters of the margin is full …
_LOOSE_SLACK = 3.0      # … or this many, when it does not end a sentence
_CENTRED = 6.0          # a line starting this many characters right of the margin is centred
_INDENT = 0.9           # a line starting this many characters right of the margin is indented
_GAP = 1.6              # a vertical step this many times the usual one starts a paragraph
_CJK_GAP = 0.5          # a gap this wide (in characters) between Chinese characters is a space,
_MIXED_GAP = 1.0        # … between a Chinese and a Latin character,
_LATIN_GAP = 0.2        # … and between Latin characters
_HEADING_GAP = 2.0      # a gap this wide (in characters) before a heading number splits a line
_RULE_WIDTH = 2.5       # rectangles thinner than this are ruling lines, wider ones are fills


_SCRIPT = re.compile(r"[A-Za-z0-9.+\-−²³⁺⁻₂₃]+")
# Tried only where a run of leader dots begins: from every position inside
# a long run it would cost time quadratic in the run.
_LEADER = re.compile(r"(?<![.·…⋯－-])[.·…⋯－-]{5,}+\s*+\d*+\s*+$")


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    lead_width: float = 0.0  # width of the leading unbreakable Latin/digit run


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    grid: list[list[tuple[object, str]]]
    columns: int


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list[_Line | _Table] = field(default_factory=list)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    config = read_toml("reader_pdf.toml")
    page_number = re.compile(r"\A(?:" + "|".join(config["page_numbers"]) + r")\Z")  # \A: never tried mid-line
    return page_number, re.compile(config["paragraph_start"])


def read_pdf(data: bytes, path: str | None = None, limits: Limits | None = None) -> ReadResult:
    limits = limits or current_limits()
    objects = data.count(b" obj")  # "12 0 obj": an upper bound, counted before pdfminer indexes them
    if objects > limits.max_pdf_objects:
        raise limits.exceeded("max_pdf_objects", f"the PDF has some {objects:,} objects", path=path)
    warnings: list[Warning] = []
    pages, undecodable = _extract(data, path, limits, warnings)
    if not pages:  # no /Root or no page: a damaged cross-reference table, which PDFium rebuilds
        repaired = _repaired(data)
        if repaired is not None:
            pages, undecodable = _extract(repaired, path, limits, warnings)
            if pages:
                warnings.append(Warning("pdf_repaired", "the PDF's cross-reference table is damaged; "
                                                        "it was rebuilt (PDFium) before reading"))
    if pages is None:
        raise ReadError("not a PDF file (or a damaged one)", path=path)
    chars = sum(len(item.text) if isinstance(item, _Line) else 1 for p in pages for item in p.items)
    if chars == 0 or undecodable > 2 * chars:
        if undecodable:
            raise ReadError("the PDF text layer has no Unicode mapping (fonts without ToUnicode); "
                            "it needs OCR", path=path)
        if not pages:
            raise ReadError("damaged PDF (no pages found, even after repair)", path=path)
        raise ReadError("no text layer (scanned PDF?)", path=path)
    empty = [p.number + 1 for p in pages if not p.items]
    if empty:
        listed = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        warnings.append(Warning("pdf_pages_without_text", f"pages without a text layer (scanned?): {listed}"))
    if undecodable:
        warnings.append(Warning("pdf_undecodable_characters",
                                f"{undecodable} characters without a Unicode mapping were left out"))
    _drop_furniture(pages)
    out = SourceTextBuilder(limits)
    _write_paragraphs(pages, out)
    return ReadResult(out.text, "pdf", None, warnings, out.tables)


# -- extraction ---------------------------------------------------------------

def _extract(data: bytes, path: str | None, limits: Limits, warnings: list[Warning]
             ) -> tuple[list[_Page] | None, int]:
    """The pages (None when pdfminer finds no /Root), within ``limits``."""
    import pdfplumber
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[_Page] = []
    undecodable = 0
    with guard(limits) as budget:
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except PdfminerException as exc:
            _reraise_limit(exc)
            if _unrooted(exc):
                return None, 0
            raise ReadError(_open_error(exc), path=path) from None
        with pdf:
            try:
                count = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limits.max_pdf_pages + 1))
                if count > limits.max_pdf_pages:
                    raise limits.exceeded("max_pdf_pages", f"the PDF has more than {limits.max_pdf_pages:,} pages")
                skipped = []
                for number, page in enumerate(pdf.pages):
                    budget.new_page()
                    result, bad, tables_read = _read_page(page, number, limits)
                    pages.append(result)
                    undecodable += bad
                    if not tables_read:
                        skipped.append(number + 1)
                    page.close()  # drop the page's parsed objects: long PDFs stay small
            except PdfminerException as exc:
                _reraise_limit(exc)
                raise ReadError(_open_error(exc), path=path) from None
    if skipped:
        listed = ", ".join(map(str, skipped[:10])) + (" …" if len(skipped) > 10 else "")
        warnings.append(Warning("pdf_tables_not_read", f"pages with more ruling lines than the table cell limit "
                                                       f"(POLICYKIT_MAX_TABLE_CELLS) were read as text: {listed}"))
    return pages, undecodable


def _reraise_limit(exc: Exception) -> None:
    """pdfplumber wraps whatever pdfminer raises, a limit met inside it too."""
    cause = exc.args[0] if exc.args else None
    if isinstance(cause, PolicykitError):
        raise cause from None


def _unrooted(exc: Exception) -> bool:
    return "/Root" in str(exc)


def _repaired(data: bytes) -> bytes | None:
    """The PDF as PDFium rewrites it (a new cross-reference table), or None."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
        try:
            buffer = io.BytesIO()
            document.save(buffer)
        finally:
            document.close()
    except Exception:  # PDFium could not make sense of it either
        return None
    return buffer.getvalue()


def _open_error(exc: Exception) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    detail = str(cause) or type(cause).__name__
    if isinstance(cause, PDFPasswordIncorrect) or "password" in detail.lower():
        return "the PDF is password-protected (open it with its password and save a copy without one)"
    if isinstance(cause, PDFEncryptionError) or "encrypt" in detail.lower():
        return f"the PDF is encrypted in a way that cannot be read ({detail})"
    if "/Root" in detail or "really a PDF" in detail:
        return "not a PDF file (or a damaged one)"
    return f"damaged PDF ({detail})"


def _read_page(page, number: int, limits: Limits) -> tuple[_Page, int, bool]:
    """The page's lines and tables, the characters without a Unicode
    mapping, and whether its tables could be looked for (not when its
    ruling lines would cross in more places than the table cell limit)."""
    page = page.dedupe_chars()
    result = _Page(number, float(page.width), float(page.height))
    edges = page.edges
    horizontal = sum(1 for edge in edges if edge.get("orientation") == "h")
    tables_read = horizontal * (len(edges) - horizontal) <= limits.max_table_cells
    tables = _find_tables(page) if tables_read else []
    boxes = [t.bbox for t in tables]

    def outside_tables(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    body = page.filter(outside_tables) if boxes else page
    undecodable = 0
    for line in _attach_scripts(body.extract_text_lines(return_chars=True, strip=True)):
        for chars in _split_at_headings(line["chars"]):
            text, bad = _line_text(chars)
            undecodable += bad
            if not text:
                continue
            sizes = [c["size"] for c in chars if not c["text"].isspace()]
            visible = [c for c in chars if not c["text"].isspace()] or chars
            x0 = float(min(c["x0"] for c in visible))
            result.items.append(_Line(number, float(line["top"]), float(line["bottom"]), x0,
                                      float(max(c["x1"] for c in visible)),
                                      statistics.median(sizes) if sizes else 10.0, text, _lead_width(visible, x0)))
    for table in tables:
        block = _table_block(page, table, number)
        if block is not None:
            result.items.append(block)
    result.items.sort(key=lambda item: item.top)
    return result, undecodable, tables_read


def _attach_scripts(lines: list[dict]) -> list[dict]:
    """Subscripts and superscripts (PM2.5, m³) come out as lines of their
    own, between the lines of the text: put them back into their line.
    Other stray small marks overlapping a line are dropped."""
    def size(line: dict) -> float:
        sizes = [c["size"] for c in line["chars"] if not c["text"].isspace()]
        return statistics.median(sizes) if sizes else 0.0

    sizes = [size(line) for line in lines]
    absorbed: set[int] = set()
    for i, line in enumerate(lines):
        text = line["text"].strip()
        if not text or len(text) > 6:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(lines) or j in absorbed or sizes[i] >= 0.8 * sizes[j]:
                continue
            host = lines[j]
            if line["top"] < host["bottom"] and line["bottom"] > host["top"]:
                if _SCRIPT.fullmatch(text):
                    host["chars"] = sorted([*host["chars"], *line["chars"]], key=lambda c: c["x0"])
                    absorbed.add(i)
                elif len(text) <= 2:
                    absorbed.add(i)
                break
    return [line for i, line in enumerate(lines) if i not in absorbed]


def _split_at_headings(chars: list[dict]) -> list[list[dict]]:
    """Some converters set a heading on the last line of the paragraph before
    it, after a wide gap: split the line there."""
    chars = sorted((c for c in chars if c["text"]), key=lambda c: c["x0"])
    visible = [c for c in chars if not c["text"].isspace()]
    _, paragraph_start = _patterns()
    cuts = []
    for i in range(1, len(visible)):
        gap = visible[i]["x0"] - visible[i - 1]["x1"]
        if gap > _HEADING_GAP * max(visible[i]["size"], 1.0):
            rest = "".join(c["text"] for c in visible[i:i + 8])
            if paragraph_start.match(rest):
                cuts.append(visible[i]["x0"])
    if not cuts:
        return [chars]
    pieces: list[list[dict]] = [[] for _ in range(len(cuts) + 1)]
    for c in chars:
        pieces[sum(c["x0"] >= cut for cut in cuts)].append(c)
    return [piece for piece in pieces if piece]


def _lead_width(chars: list[dict], x0: float) -> float:
    """How wide the run of Latin letters and digits starting the line is: a
    line before it may stop that much short of the margin."""
    end = x0
    for c in chars:
        if not (c["text"].isascii() and not c["text"].isspace()) and c["text"] not in "％，。、；：）":
            break
        end = c["x1"]
    return end - x0


def _line_text(chars: list[dict]) -> tuple[str, int]:
    """A printed line from its characters; and how many could not be decoded."""
    out: list[str] = []
    prev = None
    undecodable = 0
    for ch in sorted(chars, key=lambda c: c["x0"]):
        text = ch["text"]
        if text.startswith("(cid:"):
            undecodable += 1
            continue
        if not text or text.isspace():
            continue
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            size = max(prev["size"], ch["size"], 1.0)
            chinese = is_cjk(prev["text"][-1]) + is_cjk(text[0])
            if gap > (_LATIN_GAP, _MIXED_GAP, _CJK_GAP)[chinese] * size:
                out.append(" ")
        out.append(text)
        prev = ch
    return clean_line("".join(out)), undecodable


def _find_tables(page) -> list:
    """Tables drawn with ruling lines, at least two columns wide."""
    ruled = page.filter(lambda o: o.get("object_type") != "rect" or min(o["width"], o["height"]) <= _RULE_WIDTH)
    settings = {"explicit_vertical_lines": _closing_rules(ruled)}
    found = []
    for table in ruled.find_tables(settings):
        rows = table.rows
        widths = [sum(cell is not None for cell in row.cells) for row in rows]
        wide_rows = sum(1 for width in widths if width >= 2)
        if (len(rows) >= 2 and wide_rows >= 2) or (len(rows) == 1 and widths[0] >= 3):
            found.append(table)
    return found


def _closing_rules(page) -> list[dict]:
    """Vertical lines where a table's horizontal rules end but no border is
    drawn (tables running off the page, open-sided tables)."""
    horizontal = [o for o in (*page.rects, *page.lines) if o["width"] > 3 * max(o["height"], 0.1)]
    ends: dict[int, list[dict]] = {}
    for rule in horizontal:
        for x in (rule["x0"], rule["x1"]):
            ends.setdefault(round(x), []).append(rule)
    lines = []
    for x, rules in ends.items():
        if len(rules) >= 3:
            x = min(max(float(x), 0.5), float(page.width) - 0.5)
            top, bottom = min(r["top"] for r in rules), max(r["bottom"] for r in rules)
            lines.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                          "object_type": "line", "orientation": "v"})
    return lines


def _table_block(page, table, number: int) -> _Table | None:
    rows = table.rows
    columns = [c.bbox for c in table.columns]
    texts: dict[tuple, str] = {}
    grid: list[list[tuple[object, str]]] = []
    for r, row in enumerate(rows):
        cells: list[tuple[object, str]] = []
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                bbox = _covering_cell(rows, columns, r, c)
            if bbox is None:
                cells.append((None, ""))
                continue
            if bbox not in texts:
                texts[bbox] = _cell_text(page, bbox)
            cells.append((bbox, texts[bbox]))
        grid.append(cells)
    if not any(text for text in texts.values()):
        return None
    x0, top, x1, bottom = table.bbox
    return _Table(number, float(top), float(bottom), grid, len(columns))


def _covering_cell(rows, columns, r: int, c: int):
    """The merged cell covering grid slot (r, c): one to the left reaching
    over it, else one above reaching down over it."""
    for left in range(c - 1, -1, -1):
        bbox = rows[r].cells[left]
        if bbox is not None:
            if c < len(columns) and bbox[2] >= columns[c][2] - 1:
                return bbox
            break
    for up in range(r - 1, -1, -1):
        bbox = rows[up].cells[c] if c < len(rows[up].cells) else None
        if bbox is not None:
            return bbox if bbox[3] >= rows[r].bbox[3] - 1 else None
    return None


def _cell_text(page, bbox) -> str:
    x0, top, x1, bottom = bbox
    inside = page.crop((max(x0, 0), max(top, 0), min(x1, page.width), min(bottom, page.height)), strict=False)
    lines = [_line_text(line["chars"])[0] for line in inside.extract_text_lines(return_chars=True, strip=True)]
    return join_wrapped(lines)


# -- page furniture -----------------------------------------------------------

def _drop_furniture(pages: list[_Page]) -> None:
    """Page numbers, and headers/footers that repeat on many pages."""
    page_number, _ = _patterns()
    repeated: Counter[str] = Counter()
    for page in pages:
        seen = {_furniture_key(line.text) for line in _margin_lines(page)}
        repeated.update(seen)
    threshold = max(3, 0.4 * len(pages))
    for page in pages:
        drop = set()
        for line in _margin_lines(page):
            compact = line.text.replace(" ", "")
            if page_number.match(compact) or repeated[_furniture_key(line.text)] >= threshold:
                drop.add(id(line))
        page.items = [item for item in page.items if id(item) not in drop]


def _margin_lines(page: _Page) -> list[_Line]:
    """The first two and last two lines of a page, when they lie in its margins."""
    lines = [item for item in page.items if isinstance(item, _Line)]
    edge = lines[:2] + lines[-2:]
    top_zone = page.height * _MARGIN_ZONE
    bottom_zone = page.height * (1 - _MARGIN_ZONE)
    unique = {id(line): line for line in edge}
    return [line for line in unique.values() if line.bottom <= top_zone or line.top >= bottom_zone]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


# -- paragraphs -----------------------------------------------------------------

@dataclass
class _Layout:
    left: float
    right: float
    pitch: float


def _layouts(pages: list[_Page]) -> dict[int, _Layout]:
    """Left margin per page (pages may mirror), one text width for the document."""
    all_lines = [[i for i in p.items if isinstance(i, _Line)] for p in pages]
    doc_left = _left_margin([line for lines in all_lines for line in lines]) or 72.0
    lefts = {page.number: _left_margin(lines) or doc_left for page, lines in zip(pages, all_lines)}
    widths = [line.x1 - lefts[page.number] for page, lines in zip(pages, all_lines)
              for line in lines if len(line.text) >= 10 and abs(line.x0 - lefts[page.number]) < 2]
    width = _mode(widths) or 400.0
    layouts = {}
    for page, lines in zip(pages, all_lines):
        steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if 0 < b.top - a.top < 3 * a.size]
        pitch = statistics.median(steps) if steps else 0.0
        layouts[page.number] = _Layout(lefts[page.number], lefts[page.number] + width, pitch)
    return layouts


def _left_margin(lines: list[_Line]) -> float | None:
    """The leftmost start shared by several lines: continuation lines sit on
    the margin, first lines are indented, titles centred."""
    starts = [line.x0 for line in lines if len(line.text) >= 4]
    if len(starts) < 3:
        return None
    buckets = Counter(round(x / 2) for x in starts)
    shared = [b for b, n in buckets.items() if n >= 2]
    if not shared:
        return None
    bucket = min(shared)
    return min(x for x in starts if round(x / 2) == bucket)


def _mode(values: list[float]) -> float | None:
    """The most common value, to the nearest 2 points (the larger on a tie)."""
    if not values:
        return None
    buckets = Counter(round(v / 2) for v in values)
    best = max(buckets.values())
    bucket = max(b for b, n in buckets.items() if n == best)
    return max(v for v in values if round(v / 2) == bucket)


def _write_paragraphs(pages: list[_Page], out: SourceTextBuilder) -> None:
    layouts = _layouts(pages)
    _, paragraph_start = _patterns()
    parts: list[str] = []
    prev: _Line | _Table | None = None
    pending_table: _Table | None = None

    def flush_paragraph() -> None:
        if parts:
            out.add_line(join_wrapped(parts))
            parts.clear()

    def flush_table() -> None:
        nonlocal pending_table
        if pending_table is not None:
            out.add_table(pending_table.grid)
            pending_table = None

    for page in pages:
        for index, item in enumerate(page.items):
            if isinstance(item, _Table):
                flush_paragraph()
                continues = (pending_table is not None and prev is pending_table and index == 0
                             and item.page == pending_table.page + 1 and item.columns == pending_table.columns)
                if continues:
                    pending_table.grid.extend(item.grid)
                    pending_table.page = item.page
                else:
                    flush_table()
                    pending_table = item
                prev = item
                continue
            flush_table()
            if not isinstance(prev, _Line) or _starts_paragraph(prev, item, layouts, paragraph_start):
                flush_paragraph()
            parts.append(item.text)
            prev = item
    flush_paragraph()
    flush_table()


def _starts_paragraph(prev: _Line, line: _Line, layouts: dict[int, _Layout], paragraph_start) -> bool:
    here, there = layouts[line.page], layouts[prev.page]
    if _LEADER.search(prev.text) or _LEADER.search(line.text):
        return True  # table of contents: one entry per line
    size = max(line.size, 1.0)
    if abs(line.size - prev.size) > 0.15 * size:
        return True
    if line.page == prev.page and here.pitch and line.top - prev.top > _GAP * here.pitch:
        return True
    if line.x0 > here.left + _INDENT * size:
        return True
    if prev.x0 > there.left + _CENTRED * prev.size:
        return True  # a centred or right-aligned line: title, signature, date
    if paragraph_start.match(line.text) and (_ends_sentence(prev.text) or prev.x1 < there.right - 0.5 * prev.size):
        return True
    if line.page != prev.page and not _ends_sentence(prev.text):
        return False  # a sentence running over a page break, even after a short line
    # A line continues into the next when it (nearly) reaches the margin. It may
    # stop short when the next line starts with a number or a word that did not
    # fit, or with punctuation that may not begin a line; not after a full stop.
    if _ends_sentence(prev.text):
        slack = _FULL_SLACK * prev.size
    else:
        slack = max(_LOOSE_SLACK * prev.size, line.lead_width + prev.size)
    return prev.x1 < there.right - slack


def _ends_sentence(text: str) -> bool:
    text = text.rstrip("”’」』）)〕】")
    return bool(text) and text[-1] in "。！？!?；;：:"
