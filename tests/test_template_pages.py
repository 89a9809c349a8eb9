"""--template with a page setup no sheet can be laid out on: one line naming
the template and what is wrong with its page, never a traceback."""
from __future__ import annotations

import io
import json
import re
import zipfile

import docx
import pytest
from click.testing import CliRunner

import policykit
from policykit.cli import cli

DOC = policykit.extract_text("一、主要任务\n1.加快农村宽带建设。（牵头单位：市工业和信息化局）\n").to_dict()


def template(change) -> bytes:
    """A Word document whose document.xml went through ``change``."""
    document = docx.Document()
    document.add_paragraph("模板")
    buffer = io.BytesIO()
    document.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            archive.writestr(item, data)
    return out.getvalue()


def page_width(value: str):
    return lambda xml: re.sub(r'(<w:pgSz [^>]*w:w=")\d+', rf"\g<1>{value}", xml)


PAGES = {
    "zero width": (page_width("0"), "page width 0.0 mm is not one Word lays out (0 to 559 mm)"),
    "negative width": (page_width("-5"), "page width -0.1 mm is not one Word lays out (0 to 559 mm)"),
    "width not a number": (page_width("abc"), "page setup unreadable (invalid literal for int() with base 10: 'abc')"),
    "an absurd width": (page_width("999999999999"), "page width 17,638,888,889 mm is not one Word lays out (0 to 559 mm)"),
    "huge margins": (lambda xml: re.sub(r'w:left="\d+"', 'w:left="99999999"', xml),
                     "the margins (1763889 mm and 32 mm) leave no room on a page 216 mm wide"),
    "no section properties": (lambda xml: re.sub(r"<w:sectPr.*</w:sectPr>", "", xml, flags=re.S),
                              "no page setup (the document has no section properties, w:sectPr)"),
}


@pytest.mark.parametrize("case", sorted(PAGES))
def test_a_template_whose_page_cannot_hold_a_sheet_is_one_line(case, tmp_path):
    change, message = PAGES[case]
    path = tmp_path / "模板.docx"
    path.write_bytes(template(change))
    source = tmp_path / "a.json"
    source.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assign", str(source), "-o", str(tmp_path / "sheets"), "--template", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {path}: {message}\n"
    assert not (tmp_path / "sheets").exists() or list((tmp_path / "sheets").iterdir()) == []


def test_a_template_without_a_page_size_takes_words_default_page(tmp_path):
    path = tmp_path / "模板.docx"
    path.write_bytes(template(lambda xml: re.sub(r"<w:pgSz[^>]*/>", "", xml)))
    source = tmp_path / "a.json"
    source.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assign", str(source), "-o", str(tmp_path / "sheets"), "--template", str(path)])
    assert result.exit_code == 0, result.output
