"""Reading a task sheet back the way a person reads it: the lines above the
table, the header, the section rows and the task rows in order, the lines
below; and a small policykit/1 document to write sheets from."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from policykit.model import PolicyDocument

SOURCE_PATH = "/home/办公室/收文/2025/实施意见.txt"


def document(measures: list[dict], units: list[dict] | None = None, title: str | None = "关于加快推进数字乡村建设的实施意见",
             outline: list[dict] | None = None, roles: dict | None = None, **document_fields) -> PolicyDocument:
    """A small policykit/1 document: measures as {id, title, text, lead_units, co_units, …};
    the units index is built from them when not given."""
    full = [{"path": [str(n)], "section": None, "deadline": None, "citations": [], "targets": [],
             "span": [0, 1], "title": None, "lead_units": [], "co_units": [], **m}
            for n, m in enumerate(measures, start=1)]
    head = {"title": title, "doc_number": "青政办发〔2025〕7号", "issuer": "青山市人民政府办公室",
            "date": "2025-02-18", "addressees": [], **document_fields}
    doc = PolicyDocument.from_dict({
        "schema": "policykit/1",
        "source": {"path": SOURCE_PATH, "sha256": "0" * 64, "format": "txt", "encoding": "utf-8", "chars": 1},
        "document": head, "outline": outline or [], "measures": full, "citations": [], "targets": [],
        "units": units or [], "warnings": [], "roles": roles or {"lead": [], "co": [], "first_is_lead": False,
                                                                  "note": None},
    })
    if units is None:
        from policykit.departments import document_units

        doc.units = document_units(doc)
    return doc


@dataclass
class Sheet:
    above: list[str]                      # paragraphs before the table
    header: list[str]
    items: list[tuple[str, object]]       # ("section", text) or ("row", [cell texts])
    below: list[str]                      # paragraphs after the table
    doc: object = field(repr=False)

    @property
    def rows(self) -> list[list[str]]:
        return [cells for kind, cells in self.items if kind == "row"]

    @property
    def sections(self) -> list[str]:
        return [text for kind, text in self.items if kind == "section"]

    def column(self, label: str) -> list[str]:
        index = self.header.index(label)
        return [row[index] for row in self.rows]

    def table(self):
        return self.doc.tables[0]

    def task_rows(self):
        """The ``w:tr`` elements of the task rows."""
        return [tr for tr in self.table()._tbl.tr_lst[1:] if tr.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:gridSpan')}") is None]

    def all_text(self) -> str:
        """Every text of the file a reader or a program could see."""
        parts = [*self.above, *self.header, *self.below]
        for kind, value in self.items:
            parts.extend([value] if kind == "section" else value)
        for section in self.doc.sections:
            for part in (section.header, section.footer, section.even_page_footer, section.first_page_footer):
                parts.extend(p.text for p in part.paragraphs)
        props = self.doc.core_properties
        parts += [props.title or "", props.subject or "", props.comments or "", props.keywords or ""]
        return "\n".join(parts)


def cell_text(tc) -> str:
    """A cell's text, its paragraphs (one per line of names) joined without a break."""
    return "".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p")))


def read_sheet(path: Path) -> Sheet:
    doc = Document(path)
    body = doc.element.body
    above: list[str] = []
    below: list[str] = []
    header: list[str] = []
    items: list[tuple[str, object]] = []
    seen_table = False
    for child in body:
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            (below if seen_table else above).append(text)
        elif child.tag == qn("w:tbl"):
            seen_table = True
            rows = child.findall(qn("w:tr"))
            header = [cell_text(tc) for tc in rows[0].findall(qn("w:tc"))]
            for tr in rows[1:]:
                cells = tr.findall(qn("w:tc"))
                if len(cells) == 1 and cells[0].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") is not None:
                    items.append(("section", cell_text(cells[0])))
                else:
                    items.append(("row", [cell_text(tc) for tc in cells]))
    return Sheet(above, header, items, below, doc)
