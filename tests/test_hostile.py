"""Hostile content: files made to leak, to blow up or to write elsewhere.

- XML entities (XXE, "billion laughs") in a .docx or an .html file never
  expand, never read a local file and never reach the network.
- Characters XML forbids never reach the Word or Excel writer.
- Unit names holding path separators, ``..``, reserved names (``CON``) or
  300 characters still give safe file names inside the output folder, and a
  symbolic link planted in that folder is replaced, not followed.
"""
from __future__ import annotations

import io
import json
import re
import socket
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
    assert sheet.tables[0].rows[1].cells[2].text == "推进网络建设。"
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


def test_json_outputs_replace_a_planted_symbolic_link_without_following_it(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("不要改我", encoding="utf-8")
    source = tmp_path / "实施意见.txt"
    source.write_text(OPINION, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "实施意见.json").symlink_to(outside)
    assert run("extract", source, "-o", out).exit_code == 0
    assert outside.read_text(encoding="utf-8") == "不要改我"
    assert json.loads((out / "实施意见.json").read_text(encoding="utf-8"))["schema"] == "policykit/1"


def test_a_review_page_shows_markup_from_the_document_as_text(tmp_path):
    path = tmp_path / "脚本.txt"
    path.write_text(OPINION.replace("加快农村宽带建设", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
                    encoding="utf-8")
    page = run("show", path).stdout
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page and "&lt;img src=x onerror=alert" in page
