"""Word .docx: body paragraphs and tables in reading order.

python-docx opens the package; the body is walked element by element
(``w:p``, ``w:tbl``, content controls) because ``Document.paragraphs`` and
``Document.tables`` lose the order between them. Paragraph text is read
from the XML so that tracked insertions, hyperlinks, fields and inline
content controls are all kept, and deleted text and fallback copies are not.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from ..errors import LimitExceeded, ReadError
from ..limits import Limits, current as current_limits
from ..model import Warning
from .numbering import MAX_MARKER, ListNumbering
from .package import check_package
from .result import ReadResult
from .sourcetext import SourceTextBuilder, join_wrapped

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not part of the running text.
_SKIP = {_W + "del", _W + "moveFrom", _MC + "Fallback", _W + "drawing", _W + "pict",
         _W + "object", _W + "footnoteReference", _W + "endnoteReference", _W + "commentReference",
         _W + "instrText", _W + "delText", _W + "pPr", _W + "rPr", _W + "sdtPr", _W + "rt"}
_CELL_PARAGRAPHS = etree.XPath(
    ".//w:p[not(ancestor::w:drawing or ancestor::w:pict or ancestor::mc:Fallback)]",
    namespaces={"w": _W[1:-1], "mc": _MC[1:-1]})
_NO_GRID = 64   # columns assumed for a table without w:tblGrid
_CHAR = {_W + "tab": "\t", _W + "noBreakHyphen": "-", _W + "softHyphen": "", _W + "cr": "\n"}


def read_docx(data: bytes, path: str | None = None, fmt: str = "docx", limits: Limits | None = None) -> ReadResult:
    limits = limits or current_limits()
    document = _open(data, path, limits)
    reader = _Reader(ListNumbering(document), SourceTextBuilder(limits))
    for element in _body_blocks(document.element.body):
        if element.tag == _W + "p":
            reader.out.add_line(reader.numbered(element))
        else:
            reader.add_table(element)
    return ReadResult(reader.out.text, fmt, None, reader.warnings(), reader.out.tables)


def _open(data: bytes, path: str | None, limits: Limits):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_package(data, path, limits)
    try:
        return docx.Document(io.BytesIO(data))
    except (KeyError, PackageNotFoundError):
        raise ReadError("not a .docx file (no Word document inside the zip archive)", path=path) from None
    except ValueError as exc:  # e.g. a .dotx/.docm content type, or a .xlsx renamed
        raise ReadError(f"not a .docx file ({exc})", path=path) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(f"damaged .docx file ({exc})", path=path) from None
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in (exc.msg or ""):
            raise LimitExceeded("refused: the .docx XML is nested more than 256 levels deep "
                                "(the limit of the XML parser, libxml2)", path=path) from None
        raise ReadError(f"damaged .docx file (XML not well-formed: {exc.msg})", path=path) from None
    except Exception as exc:  # lxml errors other than syntax, python-docx surprises
        raise ReadError(f"damaged .docx file ({type(exc).__name__}: {exc})", path=path) from None


def _body_blocks(parent) -> Iterator:
    """w:p and w:tbl children in order, looking inside block content controls."""
    for child in parent.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _body_blocks(content)


class _Reader:
    """The running state of one document: list counters, the text so far,
    and what was repaired on the way (for the warnings)."""

    def __init__(self, numbering: ListNumbering, out: SourceTextBuilder) -> None:
        self.numbering = numbering
        self.out = out
        self.bad_symbols = 0
        self.clipped_spans = 0

    def warnings(self) -> list[Warning]:
        found = []
        if self.bad_symbols:
            found.append(Warning("docx_bad_symbols", f"{self.bad_symbols} symbols (w:sym) with a character code "
                                                     f"that is no character were replaced by �"))
        if self.numbering.dropped:
            found.append(Warning("docx_list_numbers_dropped",
                                 f"{self.numbering.dropped} automatic list numbers longer than "
                                 f"{MAX_MARKER} characters were left out"))
        if self.clipped_spans:
            found.append(Warning("docx_table_spans_clipped",
                                 f"{self.clipped_spans} table cells spanning past their table's grid were clipped"))
        return found

    def paragraph_text(self, p) -> str:
        """The text of one w:p (without its list number); line breaks inside it become '\\n'."""
        parts: list[str] = []

        def walk(element) -> None:
            for child in element.iterchildren():
                tag = child.tag
                if not isinstance(tag, str) or tag in _SKIP:
                    continue
                if tag == _W + "t":
                    parts.append(child.text or "")
                elif tag == _W + "br":
                    if child.get(_W + "type") in (None, "textWrapping"):
                        parts.append("\n")
                elif tag in _CHAR:
                    parts.append(_CHAR[tag])
                elif tag == _W + "sym":
                    parts.append(self.symbol(child))
                elif tag == _W + "p":  # a paragraph nested in a text box or the like
                    parts.append("\n")
                    walk(child)
                else:
                    walk(child)

        walk(p)
        return "".join(parts)

    def numbered(self, p) -> str:
        """Paragraph text with its automatic list number, if it has one."""
        marker = self.numbering.marker(p)
        text = self.paragraph_text(p)
        if not marker or not text.strip():
            return text
        return marker + text.lstrip()

    def symbol(self, sym) -> str:
        """The character of a w:sym; U+FFFD for a code that is none (a
        surrogate, past U+10FFFF, not hexadecimal)."""
        code = sym.get(_W + "char") or ""
        try:
            value = int(code, 16) if len(code) <= 8 else -1
        except ValueError:
            value = -1
        # Symbol-font characters live in the private area F000–F0FF.
        if 0xF020 <= value <= 0xF0FF:
            value -= 0xF000
        if not 0 < value <= 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            self.bad_symbols += 1
            return "\ufffd"
        return chr(value)

    def add_table(self, tbl) -> None:
        """A w:tbl as a grid of (cell key, text). Spans are read from the XML
        and clipped to the table's grid (python-docx would repeat a cell as
        many times as ``gridSpan`` says: 300,000,000 is 5 GB); a vertically
        merged cell takes the key of the cell above it in the same column."""
        columns = len(tbl.findall(_W + "tblGrid/" + _W + "gridCol")) or _NO_GRID
        grid: list[list[tuple[object, str]]] = []
        texts: dict[object, str] = {}
        above: list[object] = []
        for tr in tbl.iterchildren(_W + "tr"):
            row: list[tuple[object, str]] = [(None, "")] * self._span(_trpr_val(tr, "gridBefore", 0), columns, 0, least=0)
            for tc in _row_cells(tr):
                key = tc
                if _tcpr(tc, "vMerge") == "continue" and len(row) < len(above) and above[len(row)] is not None:
                    key = above[len(row)]
                if key not in texts:
                    texts[key] = self.cell_text(key)
                width = self._span(_int(_tcpr(tc, "gridSpan"), 1), columns, len(row))
                self.out.spend_cells(width)
                row.extend([(key, texts[key])] * width)
            row.extend([(None, "")] * self._span(_trpr_val(tr, "gridAfter", 0), columns, len(row), least=0))
            above = [key for key, _ in row]
            grid.append(row)
        self.out.add_table(grid)

    def _span(self, value: int, columns: int, at: int, least: int = 1) -> int:
        """``value`` grid columns from column ``at``, clipped to the room the
        table's grid has left (at least ``least``)."""
        value = max(value, least)
        room = max(columns - at, least)
        if value > room:
            self.clipped_spans += 1
            return room
        return value

    def cell_text(self, tc) -> str:
        """All paragraphs of a cell (nested tables included) on one line."""
        lines = [self.numbered(p) for p in _CELL_PARAGRAPHS(tc)]
        return join_wrapped(line.replace("\n", " ") for line in lines)


def _row_cells(tr) -> Iterator:
    """The w:tc of a row, inside content controls too."""
    for child in tr.iterchildren():
        if child.tag == _W + "tc":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _row_cells(content)


def _tcpr(tc, name: str) -> str | None:
    """The w:val of a cell property; '' → 'continue' for a bare w:vMerge."""
    found = tc.find(f"{_W}tcPr/{_W}{name}")
    if found is None:
        return None
    value = found.get(_W + "val")
    return value if value is not None else ("continue" if name == "vMerge" else None)


def _trpr_val(tr, name: str, default: int) -> int:
    found = tr.find(f"{_W}trPr/{_W}{name}")
    return _int(found.get(_W + "val") if found is not None else None, default)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None and len(value) <= 12 else default
    except ValueError:
        return default
