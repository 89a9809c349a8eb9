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

from ..errors import ReadError
from ..limits import Limits, current as current_limits
from .numbering import ListNumbering
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
_CHAR = {_W + "tab": "\t", _W + "noBreakHyphen": "-", _W + "softHyphen": "", _W + "cr": "\n"}


def read_docx(data: bytes, path: str | None = None, fmt: str = "docx", limits: Limits | None = None) -> ReadResult:
    document = _open(data, path, limits or current_limits())
    numbering = ListNumbering(document)
    out = SourceTextBuilder()
    for element in _body_blocks(document.element.body):
        if element.tag == _W + "p":
            out.add_line(_numbered(element, numbering))
        else:
            _add_table(out, element, document, numbering)
    return ReadResult(out.text, fmt, None, [], out.tables)


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


def paragraph_text(p) -> str:
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
                parts.append(_symbol(child))
            elif tag == _W + "p":  # a paragraph nested in a text box or the like
                parts.append("\n")
                walk(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _numbered(p, numbering: ListNumbering) -> str:
    """Paragraph text with its automatic list number, if it has one."""
    marker = numbering.marker(p)
    text = paragraph_text(p)
    if not marker or not text.strip():
        return text
    return marker + text.lstrip()


def _symbol(sym) -> str:
    code = sym.get(_W + "char") or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    # Symbol-font characters live in the private area F000–F0FF.
    return chr(value - 0xF000) if 0xF020 <= value <= 0xF0FF else chr(value)


def _add_table(out: SourceTextBuilder, tbl, document, numbering: ListNumbering) -> None:
    from docx.table import Table as DocxTable

    table = DocxTable(tbl, document)
    grid: list[list[tuple[object, str]]] = []
    texts: dict[object, str] = {}
    for row in table.rows:
        cells: list[tuple[object, str]] = [(None, "")] * row.grid_cols_before
        for cell in row.cells:
            key = cell._tc  # python-docx repeats a merged cell; its w:tc is the identity
            if key not in texts:
                texts[key] = _cell_text(key, numbering)
            cells.append((key, texts[key]))
        cells.extend([(None, "")] * row.grid_cols_after)
        grid.append(cells)
    out.add_table(grid)


def _cell_text(tc, numbering: ListNumbering) -> str:
    """All paragraphs of a cell (nested tables included) on one line."""
    lines = [_numbered(p, numbering) for p in _CELL_PARAGRAPHS(tc)]
    return join_wrapped(line.replace("\n", " ") for line in lines)
