"""Hostile content: files made to leak, to blow up or to write elsewhere.

- XML entities (XXE, "billion laughs") in a .docx or an .html file never
  expand, never read a local file and never reach the network.
- Characters XML forbids never reach the Word or Excel writer.
- Files built to cost memory or time (deflate bombs, forms drawing forms,
  spans of 300,000,000 columns, list numbers that expand) are refused
  naming the limit, or read with a warning where they can be read; a .doc
  never makes LibreOffice reach the network or outlive its time limit.
- Unit names holding path separators, ``..``, reserved names (``CON``) or
  300 characters still give safe file names inside the output folder, and a
  symbolic link planted in that folder is replaced, not followed.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

import policykit
from policykit.cli import cli
from policykit.errors import ReadError
from policykit.readers import read_bytes

SECRET = "机密内容-0b5e7f"   # what an entity that reads a local file would leak
OPINION = """\
关于加快推进数字乡村建设的实施意见

一、主要任务

1.加快农村宽带建设。2025年底前实现乡镇5G全覆盖。（牵头单位：市工业和信息化局；配合单位：市财政局）
"""


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def listener():
    """A TCP port on this machine that records whether anything connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)

    def connected() -> bool:
        try:
            server.accept()[0].close()
        except BlockingIOError:
            return False
        return True

    yield f"http://127.0.0.1:{server.getsockname()[1]}/entity", connected
    server.close()


def entity_prolog(root: str, secret_file: Path, url: str) -> str:
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    return (f'<!DOCTYPE {root} [<!ENTITY file SYSTEM "{secret_file.as_uri()}">'
            f'<!ENTITY net SYSTEM "{url}">{laughs}]>')


def word_file_with_prolog(prolog: str, text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("PLACEHOLDER")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, rest = content.decode("utf-8").split("?>", 1)
                content = (head + "?>" + prolog + rest.replace("PLACEHOLDER", text)).encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


# -- XML entities ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["A&file;B", "A&net;B", "A&lol9;B"], ids=["local-file", "network", "billion-laughs"])
def test_a_docx_declaring_entities_is_refused_unread(secret_file, listener, text):
    url, connected = listener
    data = word_file_with_prolog(entity_prolog("w:document", secret_file, url), text)
    with pytest.raises(ReadError, match=r"declares a DTD \(<!DOCTYPE>, entities\), which Word never writes"):
        read_bytes(data, name="xxe.docx")
    assert not connected()


def test_the_cli_names_the_refused_part(secret_file, listener, tmp_path):
    url, connected = listener
    path = tmp_path / "xxe.docx"
    path.write_bytes(word_file_with_prolog(entity_prolog("w:document", secret_file, url), "A&file;B"))
    result = run("extract", path)
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert result.stderr == (f"policykit: error: {path}: refused: word/document.xml in the .docx file declares "
                             "a DTD (<!DOCTYPE>, entities), which Word never writes\n")
    assert not connected()


def test_a_dtd_in_any_part_of_the_package_is_refused(tmp_path):
    document = docx.Document()
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/styles.xml":
                content = content.replace(b"?>", b'?>\r\n<!-- styles --><!doctype x [<!ENTITY a "b">]>', 1)
            target.writestr(info.filename, content)
    with pytest.raises(ReadError, match="refused: word/styles.xml in the .docx file declares a DTD"):
        read_bytes(out.getvalue(), name="styles.docx")


def test_a_dtd_in_a_utf16_part_is_found_too():
    document = docx.Document()
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = content.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
                head, rest = text.split("?>", 1)
                content = (head + '?><!DOCTYPE w:document [<!ENTITY a "b">]>' + rest).encode("utf-16")
            target.writestr(info.filename, content)
    with pytest.raises(ReadError, match="declares a DTD"):
        read_bytes(out.getvalue(), name="utf16.docx")


def test_python_docx_itself_never_resolves_entities(secret_file, listener):
    # Beneath the refusal: the parser python-docx uses expands nothing and
    # fetches nothing, should a DTD ever get past the check.
    from docx.oxml.parser import parse_xml

    url, connected = listener
    xml = (f'<?xml version="1.0"?>{entity_prolog("w:t", secret_file, url)}'
           '<w:t xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           'A&file;B&net;C&lol9;D</w:t>')
    try:
        element = parse_xml(xml.encode())
    except etree.XMLSyntaxError:
        return  # refusing is as good
    text = etree.tostring(element, encoding="unicode")
    assert SECRET not in text
    assert "lollollol" not in text
    assert not connected()


def test_html_entities_neither_expand_nor_read_files_nor_reach_the_network(secret_file, listener):
    url, connected = listener
    page = (f'<?xml version="1.0"?>{entity_prolog("html", secret_file, url)}'
            '<html><body><p>一、主要任务</p><p>甲&file;乙&net;丙&lol9;丁</p>'
            f'<img src="{url}"><link rel="stylesheet" href="{url}"><iframe src="{secret_file.as_uri()}"></iframe>'
            '</body></html>')
    text = read_bytes(page.encode(), name="xxe.html").text
    assert SECRET not in text
    assert "lollol" not in text
    assert "一、主要任务" in text
    assert not connected()


def test_a_billion_laughs_html_page_is_read_as_written(tmp_path):
    laughs = "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 12))
    page = f'<!DOCTYPE html [<!ENTITY a0 "哈">{laughs}]><html><body><p>一、主要任务&a11;</p></body></html>'
    path = tmp_path / "laughs.html"
    path.write_text(page, encoding="utf-8")
    result = run("text", path)
    assert result.exit_code == 0
    assert len(result.stdout) < 10_000


# -- characters XML forbids -------------------------------------------------------------


FORBIDDEN = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\ufffe\uffff"


def hostile_document(units: list[str], text: str = "推进网络建设。", title: str = "一项任务") -> dict:
    """A policykit/1 object as JSON carries it, with these units leading one measure."""
    return {
        "schema": "policykit/1",
        "source": {"path": "实施意见.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8", "chars": 1},
        "document": {"title": f"关于{title}的实施意见", "doc_number": None, "issuer": None, "date": None,
                     "addressees": []},
        "outline": [],
        "measures": [{"id": "m1", "path": ["1"], "section": None, "title": title, "text": text,
                      "lead_units": units, "co_units": [], "deadline": None, "citations": [], "targets": [],
                      "span": [0, 1]}],
        "citations": [], "targets": [],
        "units": [{"name": name, "lead": ["m1"], "co": []} for name in units],
        "warnings": [],
    }


def write_json(path: Path, data: dict) -> Path:
    # ensure_ascii keeps lone surrogates as \ud800 escapes, which JSON allows and UTF-8 cannot hold
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return path


def strictly_parsed_parts(path: Path) -> int:
    """Parse every XML part of a .docx or .xlsx with a strict parser; how many there are."""
    parser = etree.XMLParser(resolve_entities=False, recover=False)
    with zipfile.ZipFile(path) as archive:
        parts = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
        for name in parts:
            etree.fromstring(archive.read(name), parser)
    return len(parts)


def test_forbidden_characters_and_lone_surrogates_never_reach_word_or_excel(tmp_path):
    data = hostile_document([f"市工信局{FORBIDDEN}\ud800"], text=f"推进{FORBIDDEN}网络\udfff建设。",
                            title=f"清理{FORBIDDEN}文本\ud83d")
    source = write_json(tmp_path / "hostile.json", data)
    out = tmp_path / "sheets"
    result = run("assign", source, "-o", out, "--xlsx")
    assert result.exit_code == 0, result.output
    written = sorted(out.iterdir())
    assert sorted(p.suffix for p in written) == [".docx", ".docx", ".xlsx"]
    for path in written:
        assert strictly_parsed_parts(path) > 3
    [sheet] = [docx.Document(p) for p in written if p.name.startswith("任务分工表-市工信局")]
    assert "推进网络建设。" in [cell.text for row in sheet.tables[0].rows for cell in row.cells]
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", sheet.paragraphs[0].text)


def test_control_characters_in_a_text_file_never_reach_the_sheets(tmp_path):
    path = tmp_path / "控制字符.txt"
    path.write_text(OPINION.replace("加快农村宽带建设", "加快\x0c农村\x1b宽带\x07建设\x7f"), encoding="utf-8")
    out = tmp_path / "sheets"
    assert run("assign", path, "-o", out, "--xlsx").exit_code == 0
    for written in out.iterdir():
        strictly_parsed_parts(written)


# -- unit names as file names ---------------------------------------------------------


HOSTILE_NAMES = [
    "../../逃逸", "..", ".", "/etc/passwd", "..\\..\\windows", "C:\\CON", "CON", "nul", "COM1.txt", "LPT9",
    "市/科\\技:局", "a" * 300, "局" * 300, " .隐藏. ", "市科技局\x01\x7f", "~$临时", "$(rm -rf ~)", "市\ud800局",
    "市科技局\u202excod.exe",
]


def test_hostile_unit_names_stay_inside_the_output_folder(tmp_path):
    source = write_json(tmp_path / "hostile.json", hostile_document(HOSTILE_NAMES))
    out = tmp_path / "deep" / "sheets"
    result = run("assign", source, "-o", out)
    assert result.exit_code == 0, result.output
    inside = sorted(out.iterdir())
    assert len(inside) == len(HOSTILE_NAMES) + 1
    everything = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert everything == sorted([source, *inside])   # nothing written anywhere else
    for path in inside:
        name = path.name
        assert path.parent == out
        assert len(name.encode("utf-8")) <= 200
        assert not re.search(r'[\\/:*?"<>|\x00-\x1f\x7f\u202e\ud800-\udfff]', name)
        assert name == name.strip(" .") and not name.startswith(".")
        assert name.split(".")[0].upper() not in {"CON", "NUL", "COM1", "LPT9"}
    printed = result.stdout.splitlines()[:-1]
    assert sorted(printed) == sorted(str(p) for p in inside)


def test_the_unit_name_stays_as_written_inside_the_sheet(tmp_path):
    source = write_json(tmp_path / "hostile.json", hostile_document(["../../逃逸"]))
    out = tmp_path / "sheets"
    run("assign", source, "-o", out)
    [sheet] = [p for p in out.iterdir() if p.name != "任务分工总表.docx"]
    assert sheet.name == "任务分工表-.._.._逃逸.docx"
    assert "../../逃逸" in [p.text for p in docx.Document(sheet).paragraphs]


def test_a_symbolic_link_in_the_output_folder_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("不要改我", encoding="utf-8")
    out = tmp_path / "sheets"
    out.mkdir()
    (out / "任务分工总表.docx").symlink_to(outside)
    source = write_json(tmp_path / "doc.json", hostile_document(["市科技局"]))
    refused = run("assign", source, "-o", out)
    assert refused.exit_code == 1
    assert "already exists; use --force to overwrite" in refused.stderr
    forced = run("assign", source, "-o", out, "--force")
    assert forced.exit_code == 0
    assert outside.read_text(encoding="utf-8") == "不要改我"
    assert not (out / "任务分工总表.docx").is_symlink()


def test_json_outputs_neither_follow_nor_replace_a_planted_symbolic_link(tmp_path):
    """-o never overwrites what policykit did not write: a link there is an error record."""
    outside = tmp_path / "outside.txt"
    outside.write_text("不要改我", encoding="utf-8")
    source = tmp_path / "实施意见.txt"
    source.write_text(OPINION, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "实施意见.json").symlink_to(outside)
    result = run("extract", source, "-o", out)
    assert result.exit_code == 1
    assert "实施意见.json is there and policykit did not write it" in result.stderr
    assert outside.read_text(encoding="utf-8") == "不要改我"
    assert (out / "实施意见.json").is_symlink()


def test_a_review_page_shows_markup_from_the_document_as_text(tmp_path):
    path = tmp_path / "脚本.txt"
    path.write_text(OPINION.replace("加快农村宽带建设", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
                    encoding="utf-8")
    page = run("show", path).stdout
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page and "&lt;img src=x onerror=alert" in page


# -- files made to cost a reader memory or time (issue 11) ------------------------------
#
# Each builder in tests/hostile_files.py is a case that once took gigabytes
# or minutes. Here each is read with limits low enough to keep the test
# fast; `python tests/hostile_files.py measure` reads the full-size files
# with the built-in limits, each in its own process, and prints peak memory
# and time (the README's table gives the figures).

from dataclasses import replace  # noqa: E402

import hostile_files as hostile  # noqa: E402
from policykit.errors import LimitExceeded  # noqa: E402
from policykit.limits import current as current_limits  # noqa: E402


def limited(**changes):
    return replace(current_limits(), **changes)


REFUSED = [
    # (case, bytes, name, limits, message)
    pytest.param(lambda: hostile.deflate_bomb(16), "bomb.pdf", limited(max_pdf_stream_mb=4),
                 "refused: a stream of the PDF decompresses past the limit (limit 4 MB, POLICYKIT_MAX_PDF_STREAM_MB)",
                 id="deflate-bomb"),
    pytest.param(lambda: hostile.deflate_bomb(6), "bomb-total.pdf", limited(max_pdf_unpacked_mb=4),
                 "refused: the streams of the PDF decompress past the limit (limit 4 MB, POLICYKIT_MAX_PDF_UNPACKED_MB)",
                 id="decompressed-total"),
    pytest.param(lambda: hostile.form_fan_out(24), "forms.pdf", limited(max_pdf_page_objects=2000),
                 "refused: a page draws more objects than the limit (limit 2,000, POLICYKIT_MAX_PDF_PAGE_OBJECTS)",
                 id="form-fan-out"),
    pytest.param(lambda: hostile.form_fan_out(24), "forms-content.pdf",
                 limited(max_pdf_page_content_mb=0.01),
                 "refused: a page draws more content than the limit (forms drawn over and over?) "
                 "(limit 0.01 MB, POLICYKIT_MAX_PDF_PAGE_CONTENT_MB)", id="page-content"),
    pytest.param(lambda: hostile.many_characters(5000), "chars.pdf", limited(max_pdf_page_objects=1000),
                 "refused: a page draws more objects than the limit (limit 1,000, POLICYKIT_MAX_PDF_PAGE_OBJECTS)",
                 id="many-characters"),
    pytest.param(lambda: hostile.idle_operators(1), "idle.pdf", limited(max_pdf_operations=100_000),
                 "refused: the pages of the PDF hold more operations than the limit "
                 "(limit 100,000, POLICYKIT_MAX_PDF_OPERATIONS)", id="idle-operators"),
    pytest.param(lambda: hostile.form_fan_out(12), "forms-operations.pdf",
                 limited(max_pdf_operations=20_000, max_pdf_page_objects=10**9),
                 "refused: the pages of the PDF hold more operations than the limit "
                 "(limit 20,000, POLICYKIT_MAX_PDF_OPERATIONS)", id="form-operations"),
    pytest.param(lambda: hostile.many_pages(30), "pages.pdf", limited(max_pdf_pages=20),
                 "refused: the PDF has more than 20 pages (limit 20, POLICYKIT_MAX_PDF_PAGES)", id="many-pages"),
    pytest.param(lambda: hostile.many_pages(30), "objects.pdf", limited(max_pdf_objects=50),
                 "refused: the PDF has some 63 objects (limit 50, POLICYKIT_MAX_PDF_OBJECTS)", id="many-objects"),
    pytest.param(lambda: hostile.deep_arrays(100_000), "deep.pdf", None,
                 "refused: the PDF nests arrays or dictionaries deeper than the limit (limit 256, POLICYKIT_MAX_DEPTH)",
                 id="deep-arrays"),
    pytest.param(lambda: hostile.many_elements(5000), "elements.docx", limited(max_xml_elements=1000),
                 "refused: the .docx file has more XML elements than the limit (word/document.xml and the parts "
                 "before it) (limit 1,000, POLICYKIT_MAX_XML_ELEMENTS)", id="docx-elements"),
    pytest.param(lambda: hostile.html_spans(1400), "spans.html", limited(max_table_cells=20_000),
                 "refused: the tables have more cells than the limit (limit 20,000, POLICYKIT_MAX_TABLE_CELLS)",
                 id="html-spans"),
    pytest.param(lambda: hostile.html_elements(5000), "elements.html", limited(max_html_elements=1000),
                 "refused: the page has some 5,004 elements (limit 1,000, POLICYKIT_MAX_HTML_ELEMENTS)",
                 id="html-elements"),
    pytest.param(lambda: hostile.merged_columns(rows=30, columns=20), "cells.docx", limited(max_table_cells=300),
                 "refused: the tables have more cells than the limit (limit 300, POLICYKIT_MAX_TABLE_CELLS)",
                 id="docx-cells"),
    pytest.param(lambda: hostile.word_package(hostile.paragraph("一、" + "任务" * 2000)), "text.docx",
                 limited(max_text_chars=1000),
                 "refused: the text runs past the limit of characters (limit 1,000, POLICYKIT_MAX_TEXT_CHARS)",
                 id="text-chars"),
]


@pytest.mark.parametrize("build, name, limits, message", REFUSED)
def test_a_file_past_a_limit_is_refused_naming_the_limit(build, name, limits, message):
    with pytest.raises(LimitExceeded) as refused:
        read_bytes(build(), name=name, limits=limits)
    assert refused.value.message == message
    assert refused.value.path == name


def test_the_cli_refuses_a_deflate_bomb_in_one_line(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(hostile.deflate_bomb(16))
    result = CliRunner().invoke(cli, ["extract", str(path)], env={"POLICYKIT_MAX_PDF_STREAM_MB": "4"})
    assert result.exit_code == 1
    assert result.stderr == (f"policykit: error: {path}: refused: a stream of the PDF decompresses past the limit "
                             f"(limit 4 MB, POLICYKIT_MAX_PDF_STREAM_MB)\n")


READ_WITH_WARNINGS = [
    # (bytes, name, warning codes, what the text must hold)
    pytest.param(hostile.roman_numbers, "roman.docx", [], ["2147483647.第0项任务。"], id="roman-numbers"),
    pytest.param(hostile.long_markers, "markers.docx", ["docx_list_numbers_dropped"], ["第0项任务。"],
                 id="long-markers"),
    pytest.param(hostile.huge_spans, "spans.docx", ["docx_table_spans_clipped"], ["牵头单位", "市工信局"],
                 id="huge-spans"),
    pytest.param(hostile.merged_columns, "merged.docx", [], ["列0", "列19"], id="merged-columns"),
    pytest.param(hostile.lone_surrogate_symbol, "surrogate.docx", ["docx_bad_symbols"],
                 [hostile.TASK + "\ufffd"], id="lone-surrogate"),
    pytest.param(hostile.bad_symbol_codes, "symbols.docx", ["docx_bad_symbols"],
                 [hostile.TASK + "\ufffd\ufffd\ufffd"], id="bad-symbols"),
    pytest.param(hostile.html_gbk_labelled_latin1, "gbk.html", ["charset_mismatch"], [hostile.TASK],
                 id="html-gbk-as-latin1"),
    pytest.param(hostile.broken_cross_references, "xref.pdf", ["pdf_repaired"], hostile.PDF_TEXT,
                 id="broken-xref"),
]


@pytest.mark.parametrize("build, name, codes, lines", READ_WITH_WARNINGS)
def test_a_damaged_file_that_can_be_read_is_read_with_a_warning(build, name, codes, lines):
    result = read_bytes(build(), name=name)
    assert [w.code for w in result.warnings if w.code in codes] == codes
    assert all(line in result.text for line in lines), result.text


def test_cells_merged_down_their_column_are_one_cell_each():
    result = read_bytes(hostile.merged_columns(rows=3, columns=4), name="merged.docx")
    [table] = result.tables
    assert result.text.splitlines()[1:] == ["列0", "列1", "列2", "列3"]
    assert table.text_rows() == [["列0", "列1", "列2", "列3"]] * 4
    assert all(row[c] is table.rows[0][c] for row in table.rows for c in range(4))


def test_a_lattice_of_rules_is_read_as_text_without_looking_for_tables():
    result = read_bytes(hostile.ruled_grid(200), name="ruled.pdf", limits=limited(max_table_cells=10_000))
    assert [w.code for w in result.warnings] == ["pdf_tables_not_read"]
    assert all(sentence in result.text for sentence in hostile.PDF_TEXT)


def test_a_lone_surrogate_never_reaches_the_json_or_the_terminal(tmp_path):
    path = tmp_path / "surrogate.docx"
    path.write_bytes(hostile.lone_surrogate_symbol())
    for command in ("extract", "text", "show"):
        result = CliRunner().invoke(cli, [command, str(path)])
        assert result.exit_code == 0, result.output
        result.stdout.encode("utf-8")   # no lone surrogate: it would not encode


def test_an_encrypted_pdf_says_it_needs_its_password():
    with pytest.raises(ReadError) as refused:
        read_bytes(hostile.encrypted_pdf(), name="secret.pdf")
    assert refused.value.message == ("the PDF is password-protected (open it with its password and save a copy "
                                     "without one)")


def test_random_bytes_behind_a_word_header_are_not_a_doc():
    with pytest.raises(ReadError) as refused:
        read_bytes(hostile.random_doc(), name="random.doc")
    assert refused.value.message == "not a Word .doc file (the Word header is not followed by a Word document)"


# -- LibreOffice (.doc) ---------------------------------------------------------------------

FAKE_SOFFICE = """#!/bin/sh
# stands in for LibreOffice: starts a child that would outlive it, as soffice.bin does, and hangs
sleep 300 &
echo $! > "{pidfile}"
sleep 300
"""


def plausible_doc() -> bytes:
    """The start of an OLE2 compound file whose directory names a WordDocument stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return (header + bytes(512 - len(header)) + "WordDocument".encode("utf-16-le")).ljust(2048, b"\x00")


def fake_soffice(folder: Path) -> Path:
    pidfile = folder / "child.pid"
    script = folder / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(FAKE_SOFFICE.format(pidfile=pidfile))
    script.chmod(0o755)
    return pidfile


def gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status   # killed, waiting for init to reap it


def wait_for(path: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not (path.exists() and path.read_text().strip()):
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_libreoffice_past_its_time_limit_is_stopped_with_every_process_it_started(tmp_path, monkeypatch):
    pidfile = fake_soffice(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    path = tmp_path / "slow.doc"
    path.write_bytes(plausible_doc())
    result = CliRunner().invoke(cli, ["extract", str(path)], env={"POLICYKIT_MAX_DOC_SECONDS": "1"})
    assert result.exit_code == 1
    assert result.stderr == (f"policykit: error: {path}: refused: LibreOffice did not convert the .doc in time "
                             f"(limit 1 s, POLICYKIT_MAX_DOC_SECONDS)\n")
    assert gone(int(pidfile.read_text()))


def test_ctrl_c_during_a_conversion_leaves_no_libreoffice_running(tmp_path):
    pidfile = fake_soffice(tmp_path)
    path = tmp_path / "slow.doc"
    path.write_bytes(plausible_doc())
    environment = {**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}
    policykit = Path(sys.executable).with_name("policykit")
    process = subprocess.Popen([str(policykit), "extract", str(path)], env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    wait_for(pidfile)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert gone(int(pidfile.read_text()))


def test_a_doc_with_a_linked_image_never_reaches_the_network(tmp_path, listener):
    url, connected = listener
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    # Made pointing at a port of the same length nobody listens on, then pointed at the listener.
    closed = re.sub(r":\d+/", lambda m: ":" + "9" * (len(m.group()) - 2) + "/", url)
    page = tmp_path / "linked.html"
    page.write_text(f'<html><body><p>{OPINION.splitlines()[2]}</p><p>{OPINION.splitlines()[4]}</p>'
                    f'<p><img src="{closed}.png" width="100" height="50"></p></body></html>', encoding="utf-8")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(page)],
                   capture_output=True, timeout=120, check=True)
    data = (tmp_path / "linked.doc").read_bytes()
    for encoding in ("latin-1", "utf-16-le"):
        data = data.replace(closed.encode(encoding), url.encode(encoding))
    assert url.encode("utf-16-le") in data or url.encode() in data
    result = read_bytes(data, name="linked.doc")
    assert "加快农村宽带建设" in result.text
    assert not connected()


def test_the_pdf_limits_hold_only_while_policykit_reads_a_pdf():
    import pdfplumber

    bomb = hostile.deflate_bomb(6)
    with pytest.raises(LimitExceeded):
        read_bytes(bomb, name="bomb.pdf", limits=limited(max_pdf_stream_mb=4))
    with pdfplumber.open(io.BytesIO(bomb)) as pdf:   # pdfminer used directly: no limit of ours applies
        assert hostile.PDF_TEXT[0] in pdf.pages[0].extract_text()
