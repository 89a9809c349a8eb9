"""GB/T 9704-2012 for Word: the one place that knows how an official sheet looks.

Page size and margins, fonts (Chinese fonts through ``w:eastAsia``, which
``Font.name`` alone does not set), the title and table styles, the table
header repeated on every page and the ``— 1 —`` page number all come from
``policykit/data/sheet_style.toml``; this module only applies them.

Sheet builders ask ``SheetFormat`` for a ``new_document()`` and then say what
goes where: ``attachment``, ``title``, ``subtitle``, ``paragraph``,
``count``, ``table`` and its ``row`` / ``section_row``, ``note``. Page
numbers stand at the outside corners (GB/T 9704 §7.5: 单页码居右空一字，双页码
居左空一字). Rows that fit on a page are kept whole (``w:cantSplit``). With a
template (``SheetFormat(template=path)``) the template's styles, page setup
and header/footer are kept; only styles it lacks are added, from the same
configuration.
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from typing import Sequence, Union

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Mm, Pt
from lxml.etree import SubElement

from ..data import read_toml
from ..errors import PolicykitError, ReadError
from ..limits import current as current_limits
from .xmltext import xml_text

STYLE_FILE = "sheet_style.toml"
ROLES = ("attachment", "title", "subtitle", "body", "count", "table_heading", "table_section", "table_text",
         "table_note", "page_number")
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_TWIPS_PER_PT = 20
_EMU_PER_TWIP = 635

#: A piece of text and whether it is bold.
Run = tuple[str, bool]
#: What a table cell holds: one text, several paragraphs, or paragraphs of runs.
CellValue = Union[str, Sequence[str], Sequence[Sequence[Run]]]


class TemplateError(PolicykitError):
    """A --template file that cannot serve as a Word template."""

    code = "template_error"


@dataclass(frozen=True)
class Column:
    """A table column: its header, its share of the text width (any unit: the
    layout gives characters), and an alignment for short values (``"center"``);
    ``None`` keeps the table text style's."""

    label: str
    weight: float
    align: str | None = None


@dataclass(frozen=True)
class Role:
    """One paragraph style of the configuration (``[styles.ROLE]``)."""

    name: str
    font: str
    size_pt: float
    align: str
    line_pt: float | None
    space_after_pt: float


def _roles(config: dict) -> dict[str, Role]:
    roles = {}
    table_size = font_size(config, config["table"]["size"])
    table_line = table_line_pt(config)
    for role in ROLES:
        spec = config["styles"][role]
        size = spec["size"]
        line = spec.get("line_pt")
        roles[role] = Role(
            name=spec["name"],
            font=spec["font"],
            size_pt=table_size if size == "table" else font_size(config, size),
            align=spec.get("align", "left"),
            line_pt=table_line if line == "table" else line,
            space_after_pt=spec.get("space_after_pt", 0),
        )
    return roles


def font_size(config: dict, size) -> float:
    """Points of a 字号 (``"五号"``) or of a number."""
    return float(config["sizes"][size] if isinstance(size, str) else size)


def table_line_pt(config: dict) -> float:
    """The exact line height of table text: its size times ``line_spacing``, to half a point."""
    table = config["table"]
    return round(font_size(config, table["size"]) * table["line_spacing"] * 2) / 2


class SheetFormat:
    """The look every sheet of one run shares: built-in GB/T 9704, or a template.

    The blank document (styles, page, footer) is made once; each
    ``new_document()`` opens a fresh copy of it.
    """

    def __init__(self, template: str | os.PathLike[str] | None = None):
        self.config = read_toml(STYLE_FILE)
        self.roles = _roles(self.config)
        self.latin_font = self.config["page"]["latin_font"]
        #: Without a template, runs carry their fonts too (Word and WPS then agree).
        self.direct_fonts = template is None
        self._blank = self._builtin_blank() if template is None else self._template_blank(template)

    def new_document(self) -> "OfficialDocument":
        return OfficialDocument(Document(io.BytesIO(self._blank)), self)

    def _builtin_blank(self) -> bytes:
        doc = Document()
        page = self.config["page"]
        _set_document_defaults(doc, self.roles["body"].font, self.latin_font, page["east_asian_language"])
        for role in self.roles.values():
            _define_style(doc, role, self.latin_font)
        section = doc.sections[0]
        _lay_out_page(section, page, self.config["page_number"], self.roles["page_number"])
        _add_page_number(doc, section, self)
        _keep_only_styles(doc, [role.name for role in self.roles.values()])
        _drop_extra_parts(doc)
        properties = doc.core_properties
        properties.author = properties.last_modified_by = properties.comments = ""
        return _to_bytes(doc)

    def _template_blank(self, template: str | os.PathLike[str]) -> bytes:
        if not os.path.isfile(template):
            raise TemplateError("file not found", str(template))
        from ..readers import file_bytes
        from ..readers.package import check_package

        try:  # the checks of a .docx being read: size, zip bomb, DTD
            data = file_bytes(template)
            check_package(data, str(template), current_limits())
        except ReadError as exc:
            raise TemplateError(exc.message, str(template)) from None
        try:
            doc = Document(io.BytesIO(data))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise TemplateError(f"not a Word .docx document ({exc})", str(template)) from exc
        except Exception as exc:  # malformed XML and the like
            raise TemplateError(f"damaged Word document ({type(exc).__name__}: {exc})", str(template)) from None
        _check_page(doc, str(template))
        _clear_body(doc)
        for role in self.roles.values():
            if _paragraph_style(doc, role.name) is not None:
                continue
            if any(style.name == role.name for style in doc.styles):
                raise TemplateError(f"style {role.name!r} is not a paragraph style", str(template))
            _define_style(doc, role, self.latin_font)
        return _to_bytes(doc)

    def run(self, paragraph, text: str, role: str):
        """Add ``text`` to a python-docx ``paragraph`` as a run in ``role``'s fonts."""
        run = paragraph.add_run(xml_text(text))
        self._font(run, role)
        return run

    def _font(self, run, role: str) -> None:
        if self.direct_fonts:
            set_fonts(run._r, self.roles[role].font, self.latin_font)

    def run_fonts(self, role: str) -> dict[str, str] | None:
        """The ``w:rFonts`` attributes a run in ``role`` carries; None with a template."""
        if not self.direct_fonts:
            return None
        latin = self.latin_font
        return {qn("w:ascii"): latin, qn("w:hAnsi"): latin, qn("w:cs"): latin,
                qn("w:eastAsia"): self.roles[role].font}


#: Word's own bounds: a page at most 22 inches wide; a table needs some room between the margins.
_MAX_PAGE = Inches(22)
_MIN_TEXT_WIDTH = Mm(20)


def _check_page(doc, template: str) -> None:
    """The template's last section (the page the sheets take) has a page
    width Word can lay out and room between the margins for a table."""
    if not doc.sections:
        raise TemplateError("no page setup (the document has no section properties, w:sectPr)", template)
    section = doc.sections[-1]
    try:
        width = section.page_width
        side = [section.left_margin or 0, section.right_margin or 0]
    except (ValueError, TypeError) as exc:
        raise TemplateError(f"page setup unreadable ({exc})", template) from None
    if width is None:
        return   # Word takes its default page; so do the sheets (text_width)
    if not 0 < width <= _MAX_PAGE:
        shown = f"{width.mm:.1f}" if abs(width.mm) < 1000 else f"{width.mm:,.0f}"
        raise TemplateError(f"page width {shown} mm is not one Word lays out (0 to 559 mm)", template)
    if width - sum(side) < _MIN_TEXT_WIDTH:
        raise TemplateError(f"the margins ({side[0].mm:.0f} mm and {side[1].mm:.0f} mm) leave no room on a page "
                            f"{width.mm:.0f} mm wide", template)


class OfficialDocument:
    """One sheet being written: paragraphs and tables in the format's styles.

    Paragraphs and table rows are written as XML directly (``_add_paragraph``):
    python-docx's own calls spend most of a sheet's time looking up styles
    and schema order for every run.
    """

    def __init__(self, doc, fmt: SheetFormat):
        self._doc = doc
        self._fmt = fmt
        self._style_ids = {role: _paragraph_style(doc, spec.name).style_id for role, spec in fmt.roles.items()}
        self._fonts = {role: fmt.run_fonts(role) for role in fmt.roles}

    def attachment(self, text: str) -> None:
        """The ``附件1`` label above the title."""
        self._body_paragraph(text, "attachment")

    def title(self, lines: str | Sequence[str]) -> None:
        """The title; several lines are broken where given (a title keeps its words whole)."""
        lines = [lines] if isinstance(lines, str) else list(lines)
        self._body_paragraph(lines, "title")
        self._doc.core_properties.title = xml_text("".join(lines))

    def subtitle(self, text: str) -> None:
        self._body_paragraph(text, "subtitle")

    def paragraph(self, text: str) -> None:
        self._body_paragraph(text, "body")

    def count(self, text: str) -> None:
        """The line above the table that counts its tasks (``共20项任务``)."""
        self._body_paragraph(text, "count")

    def note(self, text: str) -> None:
        """A 表注 under the table."""
        self._body_paragraph(text, "table_note")

    def table(self, columns: Sequence[Column]) -> "SheetTable":
        return SheetTable(self, columns)

    def to_bytes(self) -> bytes:
        return _to_bytes(self._doc)

    @property
    def text_width(self) -> int:
        """Width between the margins, in EMU."""
        section = self._doc.sections[-1]
        if section.page_width is None:
            return int(Mm(160))
        return int(section.page_width) - int(section.left_margin or 0) - int(section.right_margin or 0)

    @property
    def text_width_mm(self) -> float:
        return self.text_width / 36000

    @property
    def text_height_mm(self) -> float:
        """Height between the margins, in mm."""
        section = self._doc.sections[-1]
        if section.page_height is None:
            return 160.0
        return (int(section.page_height) - int(section.top_margin or 0) - int(section.bottom_margin or 0)) / 36000

    def _body_paragraph(self, text: str | Sequence[str], role: str) -> None:
        body = self._doc.element.body
        lines = [text] if isinstance(text, str) else list(text)
        paragraph = _add_paragraph(body, self._style_ids[role], [[(line, False)] for line in lines],
                                   self._fonts[role])
        end = body.find(_SECT_PR)
        if end is not None:
            end.addprevious(paragraph)

    def fill(self, cell, value: CellValue, role: str, align: str | None = None) -> None:
        """Put ``value`` into a ``w:tc``: one paragraph per text and per line; a
        paragraph given as runs keeps their bold."""
        items = [value] if isinstance(value, str) else list(value) or [""]
        for item in items:
            if isinstance(item, str):
                for line in item.split("\n"):
                    _add_paragraph(cell, self._style_ids[role], [[(line, False)]], self._fonts[role], align)
            else:
                _add_paragraph(cell, self._style_ids[role], [list(item)], self._fonts[role], align)


class SheetTable:
    """A full-width table whose header row repeats on every page."""

    def __init__(self, document: OfficialDocument, columns: Sequence[Column]):
        self._document = document
        self._columns = list(columns)
        table = document._doc.add_table(rows=0, cols=len(self._columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        total = document.text_width
        self._widths = _share(total, [c.weight for c in self._columns])
        for column, width in zip(table.columns, self._widths):
            column.width = Emu(width)
        table_config = document._fmt.config["table"]
        set_table_width(table, total)
        set_table_borders(table, table_config["border_pt"])
        set_cell_margins(table, table_config["cell_margin_mm"])
        self._tbl = table._tbl
        header = _add_row(self._tbl)
        repeat_as_header(header)
        for width, column in zip(self._widths, self._columns):
            document.fill(_add_cell(header, width), column.label, "table_heading")

    def row(self, values: Sequence[CellValue], keep_whole: bool = True) -> None:
        """A row of cells; ``keep_whole``: never split across pages (for a row that fits on one)."""
        tr = _add_row(self._tbl)
        if keep_whole:
            keep_row_whole(tr)
        for width, column, value in zip(self._widths, self._columns, values):
            self._document.fill(_add_cell(tr, width), value, "table_text", column.align)

    def section_row(self, text: str) -> None:
        """A row across the whole table naming the section the next rows belong to;
        it stays on the page of the row after it."""
        tr = _add_row(self._tbl)
        keep_row_whole(tr)
        cell = _add_cell(tr, sum(self._widths), span=len(self._widths))
        self._document.fill(cell, text, "table_section")
        for paragraph in cell.findall(qn("w:p")):
            keep_with_next(paragraph)


def _share(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split by ``weights``, in whole twips so Word and LibreOffice agree."""
    twips = total // _EMU_PER_TWIP
    sizes = [int(twips * w / sum(weights)) for w in weights]
    sizes[-1] += twips - sum(sizes)
    return [s * _EMU_PER_TWIP for s in sizes]


# -- styles and page -----------------------------------------------------------


def _paragraph_style(doc, name: str):
    try:
        style = doc.styles[name]
    except KeyError:
        return None
    return style if style.type == WD_STYLE_TYPE.PARAGRAPH else None


def _define_style(doc, role: Role, latin_font: str) -> None:
    """Make the paragraph style ``role.name`` exactly what the configuration says,
    dropping whatever the style held before (Word's blue, bordered Title)."""
    style = _paragraph_style(doc, role.name)
    if style is None:
        style = doc.styles.add_style(role.name, WD_STYLE_TYPE.PARAGRAPH)
        if role.name != "Normal":
            style.base_style = _paragraph_style(doc, "Normal")
    for old in style.element.findall(qn("w:pPr")) + style.element.findall(qn("w:rPr")):
        style.element.remove(old)
    font = style.font
    font.size = Pt(role.size_pt)
    font.bold = False
    font.italic = False
    set_fonts(style.element, role.font, latin_font)
    paragraph = style.paragraph_format
    paragraph.alignment = _ALIGN[role.align]
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(role.space_after_pt)
    paragraph.first_line_indent = Pt(0)
    if role.line_pt:
        paragraph.line_spacing = Pt(role.line_pt)
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE


def set_fonts(element, east_asia: str, latin: str | None = None) -> None:
    """Fonts of a style or run: Chinese text in ``east_asia`` (``w:eastAsia``),
    Latin letters and digits in ``latin``."""
    _set_rfonts(element.get_or_add_rPr(), east_asia, latin)


def _set_rfonts(rpr, east_asia: str, latin: str | None) -> None:
    fonts = rpr.get_or_add_rFonts()
    # Theme fonts (w:eastAsiaTheme …) would win over the names.
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    if latin:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), latin)


def _set_document_defaults(doc, east_asia: str, latin: str, language: str) -> None:
    """Fonts and language for text no style covers (and the editor's new text)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rfonts(rpr, east_asia, latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), language)
    # Word's default 10 pt after every paragraph and 1.15 lines.
    ppr = defaults.find(qn("w:pPrDefault"))
    if ppr is not None:
        defaults.remove(ppr)


def _lay_out_page(section, page: dict, page_number: dict, number_role: Role) -> None:
    width, height = Mm(page["width_mm"]), Mm(page["height_mm"])
    margins = dict(page["margins_mm"])   # of the page as it is read
    if page["orientation"] == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])
    section.gutter = Mm(0)
    number_height_mm = number_role.size_pt * 25.4 / 72
    section.footer_distance = Mm(max(margins["bottom"] - page_number["gap_mm"] - number_height_mm, 0))


def _add_page_number(doc, section, fmt: SheetFormat) -> None:
    """``— 1 —`` in the footer, the number a PAGE field, at the outside corner:
    odd pages right, even pages left, one character in from the text's edge."""
    doc.settings.odd_and_even_pages_header_footer = True
    role = fmt.roles["page_number"]
    indent = Pt(role.size_pt * fmt.config["page_number"]["outside_indent_chars"])
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = _paragraph_style(doc, role.name)
        paragraph.alignment = _ALIGN[side]
        if side == "right":
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        before, _, after = fmt.config["page_number"]["format"].partition("{page}")
        fmt.run(paragraph, before, "page_number")
        for run in add_field(paragraph, "PAGE", "1"):
            fmt._font(run, "page_number")
        fmt.run(paragraph, after, "page_number")


def _keep_only_styles(doc, names: list[str]) -> None:
    """Drop the ~150 styles of python-docx's default template that no sheet uses
    (table designs, lists …): each sheet then reads and zips a few kilobytes of
    styles instead of 350."""
    keep = {doc.styles[name].style_id for name in names}
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in keep or style.get(qn("w:default")) in ("1", "true"):
            for link in style.findall(qn("w:link")):  # its "… Char" twin goes
                style.remove(link)
        else:
            root.remove(style)


def _drop_extra_parts(doc) -> None:
    """Parts of the default template a sheet does not need: a second copy of the
    styles for Word 2010, a thumbnail of an empty page, custom XML."""
    for relationships, kinds in ((doc.part.rels, ("stylesWithEffects", "customXml")),
                                 (doc.part.package.rels, ("thumbnail",))):
        for rid, rel in list(relationships.items()):
            if rel.reltype.rsplit("/", 1)[-1] in kinds:
                del relationships[rid]


def _clear_body(doc) -> None:
    """Drop a template's text and tables; its last section (page, header, footer) stays."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# -- XML that python-docx has no property for ----------------------------------


_SECT_PR = qn("w:sectPr")
_VAL = qn("w:val")
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _add_paragraph(parent, style_id: str, lines: Sequence[Sequence[Run]], fonts: dict[str, str] | None,
                   align: str | None = None):
    """``<w:p>`` with its style, alignment and its lines of runs, a line break
    (``w:br``) between lines; empty text makes no run."""
    paragraph = SubElement(parent, qn("w:p"))
    properties = SubElement(paragraph, qn("w:pPr"))
    SubElement(properties, qn("w:pStyle")).set(_VAL, style_id)
    if align:
        SubElement(properties, qn("w:jc")).set(_VAL, _JC[align])
    for number, line in enumerate(lines):
        if number:
            _add_run(paragraph, "", False, fonts, line_break=True)
        for text, bold in line:
            text = xml_text(text)
            if text:
                _add_run(paragraph, text, bold, fonts)
    return paragraph


def _add_run(paragraph, text: str, bold: bool, fonts: dict[str, str] | None, line_break: bool = False) -> None:
    run = SubElement(paragraph, qn("w:r"))
    if fonts or bold:
        properties = SubElement(run, qn("w:rPr"))
        if fonts:
            SubElement(properties, qn("w:rFonts"), fonts)
        if bold:
            SubElement(properties, qn("w:b"))
            SubElement(properties, qn("w:bCs"))
    if line_break:
        SubElement(run, qn("w:br"))
        return
    shown = SubElement(run, qn("w:t"))
    shown.text = text
    if text != text.strip():
        shown.set(qn("xml:space"), "preserve")


def _add_row(tbl):
    return SubElement(tbl, qn("w:tr"))


def _add_cell(tr, width: int, span: int = 1):
    """``<w:tc>`` of ``width`` EMU spanning ``span`` grid columns, centred vertically."""
    cell = SubElement(tr, qn("w:tc"))
    properties = SubElement(cell, qn("w:tcPr"))
    SubElement(properties, qn("w:tcW"), {qn("w:w"): str(width // _EMU_PER_TWIP), qn("w:type"): "dxa"})
    if span > 1:
        SubElement(properties, qn("w:gridSpan")).set(_VAL, str(span))
    SubElement(properties, qn("w:vAlign")).set(_VAL, "center")
    return cell


def add_field(paragraph, instruction: str, placeholder: str) -> list:
    """A Word field (``PAGE`` …) as its runs: begin, instruction, separate, the
    text shown until the field is updated, end."""
    begin = paragraph.add_run()
    begin._r.append(_field_char("begin"))
    code = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code._r.append(text)
    separate = paragraph.add_run()
    separate._r.append(_field_char("separate"))
    shown = paragraph.add_run(placeholder)
    end = paragraph.add_run()
    end._r.append(_field_char("end"))
    return [begin, code, separate, shown, end]


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def repeat_as_header(tr) -> None:
    """Mark a table row (``w:tr``) as header: Word and LibreOffice repeat it on every page."""
    SubElement(_row_properties(tr), qn("w:tblHeader")).set(_VAL, "true")


def keep_row_whole(tr) -> None:
    """``w:cantSplit``: the row moves to the next page rather than break across two."""
    SubElement(_row_properties(tr), qn("w:cantSplit"))


def keep_with_next(paragraph) -> None:
    """``w:keepNext`` on a ``w:p``: it stays on the page of what follows."""
    properties = paragraph.find(qn("w:pPr"))
    style = properties.find(qn("w:pStyle"))
    keep = OxmlElement("w:keepNext")
    style.addnext(keep)   # keepNext follows pStyle in the schema's order


def _row_properties(tr):
    """The ``w:trPr`` of a row, made first in the row if missing (the schema's order)."""
    properties = tr.find(qn("w:trPr"))
    if properties is None:
        properties = OxmlElement("w:trPr")
        tr.insert(0, properties)
    return properties


def set_table_width(table, width: int) -> None:
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        table._tbl.tblPr.insert_element_before(tbl_w, *_AFTER_TBL_W)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(width // _EMU_PER_TWIP))


def set_table_borders(table, width_pt: float) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(round(width_pt * 8)))  # eighths of a point
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    table._tbl.tblPr.insert_element_before(borders, *_AFTER_TBL_BORDERS)


def set_cell_margins(table, margin_mm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        side = OxmlElement(f"w:{edge}")
        side.set(qn("w:w"), str(round(Mm(margin_mm) / _EMU_PER_TWIP)))
        side.set(qn("w:type"), "dxa")
        margins.append(side)
    table._tbl.tblPr.insert_element_before(margins, *_AFTER_TBL_CELL_MAR)


# Word rejects a tblPr whose children are out of the schema's order.
_AFTER_TBL_CELL_MAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBL_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", *_AFTER_TBL_CELL_MAR)
_AFTER_TBL_W = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", *_AFTER_TBL_BORDERS)
