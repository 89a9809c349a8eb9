"""policykit.readers: every supported file format → the source text.

Small inputs are built in the tests themselves; the tests at the end run the
readers over the original files of ../shared/corpus (HTML, PDF, DOCX, DOC)
and compare them with the text versions of the same documents.
"""
from __future__ import annotations

import difflib
import io
import re
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
import pytest

from policykit.errors import ReadError, UnsupportedFormat
from policykit.readers import SUPPORTED_SUFFIXES, ReadResult, read_bytes, read_file, read_stdin_bytes

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
GUIDING = "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神，坚持稳中求进工作总基调，立足新发展阶段。"
PURPOSE = "为深入贯彻落实党中央、国务院关于碳达峰碳中和的重大决策部署，扎实推进工业领域碳达峰工作，加快建设制造强国和质量强国，制定本方案。"
POLICY = "国务院关于促进综合保税区高水平开放高质量发展的若干意见\n一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n"


def codes(result: ReadResult) -> list[str]:
    return [w.code for w in result.warnings]


# -- plain text -----------------------------------------------------------------

def test_utf8_text_is_the_decoded_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(POLICY.encode("utf-8"))
    result = read_file(path)
    assert (result.text, result.format, result.encoding, result.warnings) == (POLICY, "txt", "utf-8", [])


def test_utf8_byte_order_mark_is_removed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + POLICY.encode("utf-8"))
    result = read_file(path)
    assert result.text == POLICY
    assert result.encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("nuls", [1, 3])
def test_a_few_stray_nul_bytes_are_removed_with_a_warning_not_called_binary(encoding, nuls):
    text = "关于加快推进数字乡村建设的实施意见\n一、主要任务\n1.加快农村宽带建设。\n"
    data = text.encode(encoding).replace("一、".encode(encoding), b"\x00" * nuls + "一、".encode(encoding))
    result = read_bytes(data, name="nul.txt")
    assert result.text == text
    assert result.warnings[0].code == "nul_bytes_removed"
    assert result.warnings[0].message == f"{nuls} NUL bytes removed"


def test_many_nul_bytes_are_still_binary():
    data = ("一、主要任务\n".encode() + b"\x00\x01\x02\x00") * 200
    with pytest.raises(ReadError, match="binary file, not text"):
        read_bytes(data, name="nul.txt")


def test_gbk_text_is_detected_and_reported_as_gb18030(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(POLICY.encode("gbk"))
    result = read_file(path)
    assert result.text == POLICY
    assert result.encoding == "gb18030"
    assert codes(result) == ["encoding_guessed"]


def test_gb18030_characters_outside_gbk_are_decoded(tmp_path):
    text = "关于㐀字的通知：各区人民政府要认真贯彻落实。\n"  # 㐀 needs four bytes in GB18030
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_file(path).text == text


def test_utf16_with_byte_order_mark(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(POLICY.encode("utf-16"))
    result = read_file(path)
    assert (result.text, result.encoding, result.warnings) == (POLICY, "utf-16", [])


def test_utf16_without_byte_order_mark_is_guessed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(POLICY.encode("utf-16-le"))
    result = read_file(path)
    assert (result.text, result.encoding) == (POLICY, "utf-16")
    assert codes(result) == ["encoding_guessed"]


def test_encoding_argument_forces_the_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("各區人民政府".encode("big5"))
    result = read_file(path, encoding="big5")
    assert (result.text, result.encoding) == ("各區人民政府", "big5")


def test_forced_gbk_is_decoded_and_reported_as_gb18030(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(POLICY.encode("gbk"))
    result = read_file(path, encoding="GBK")
    assert (result.text, result.encoding) == (POLICY, "gb18030")


def test_bytes_that_do_not_fit_the_forced_encoding_are_a_read_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(POLICY.encode("gbk"))
    with pytest.raises(ReadError, match="cannot decode text as utf-8"):
        read_file(path, encoding="utf-8")


def test_unknown_encoding_name_is_a_read_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    with pytest.raises(ReadError, match="unknown encoding 'klingon'"):
        read_file(path, encoding="klingon")


def test_windows_and_old_mac_line_endings_become_newlines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("一、指导思想\r\n（一）坚持改革。\r（二）坚持开放。\n".encode("utf-8"))
    assert read_file(path).text == "一、指导思想\n（一）坚持改革。\n（二）坚持开放。\n"


def test_standard_input_is_text():
    result = read_stdin_bytes(POLICY.encode("gb18030"))
    assert (result.text, result.format, result.encoding) == (POLICY, "txt", "gb18030")
    assert read_bytes(POLICY.encode("utf-8")).format == "txt"


# -- files that cannot be read ----------------------------------------------------

def test_empty_file_is_a_read_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as error:
        read_file(path)
    assert error.value.message == "empty file"
    assert error.value.path == str(path)


def test_png_renamed_txt_is_a_read_error(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ReadError, match="binary file"):
        read_file(path)


def test_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="file not found"):
        read_file(tmp_path / "nowhere.txt")


def test_directory_is_a_read_error(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ReadError, match="is a directory"):
        read_file(tmp_path / "folder.txt")


def test_unknown_suffix_is_an_unsupported_format(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormat) as error:
        read_file(path)
    assert error.value.message == "unsupported format '.xlsx' (supported: .txt .docx .html .pdf .doc)"


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".docx", ".html", ".htm", ".pdf", ".doc")


def test_format_of_a_file_without_suffix_comes_from_its_content():
    pdf = make_pdf([page_of(typeset(GUIDING))])
    assert read_bytes(pdf, name="download").format == "pdf"
    assert read_bytes(POLICY.encode(), name="download").format == "txt"


def test_suffix_is_case_insensitive():
    assert read_bytes("<p>各区人民政府：</p>".encode(), name="NOTICE.HTM").format == "html"


# -- .docx -------------------------------------------------------------------------

def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def task_table_document(document) -> None:
    document.add_paragraph("关于印发重点任务分工方案的通知")
    document.add_paragraph("")
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("任务", "牵头单位", "完成时限"),
                                        ("推进知识产权优势企业发展", "市科技局", "2020年底前"),
                                        ("加强知识产权保护", "市市场监管局", "长期坚持")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("二、保障措施")


def test_docx_paragraphs_and_table_cells_in_reading_order():
    result = read_bytes(docx_bytes(task_table_document), name="plan.docx")
    assert result.text.splitlines() == [
        "关于印发重点任务分工方案的通知", "一、重点任务",
        "任务", "牵头单位", "完成时限",
        "推进知识产权优势企业发展", "市科技局", "2020年底前",
        "加强知识产权保护", "市市场监管局", "长期坚持",
        "二、保障措施",
    ]
    assert (result.format, result.encoding) == ("docx", None)


def test_docx_table_cells_point_into_the_text():
    result = read_bytes(docx_bytes(task_table_document), name="plan.docx")
    [table] = result.tables
    assert table.text_rows()[1] == ["推进知识产权优势企业发展", "市科技局", "2020年底前"]
    for row in table.rows:
        for cell in row:
            assert result.text[cell.span[0]:cell.span[1]] == cell.text


def test_docx_merged_cell_is_written_once_and_listed_in_every_row_it_covers():
    def build(document):
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "牵头单位", "任务"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "市发改委"
        table.cell(1, 1).text, table.cell(2, 1).text = "优化营商环境", "扩大有效投资"

    result = read_bytes(docx_bytes(build), name="a.docx")
    assert result.text.count("市发改委") == 1
    rows = result.tables[0].rows
    assert rows[1][0] is rows[2][0]
    assert [cell.text for cell in rows[2]] == ["市发改委", "扩大有效投资"]


def test_docx_line_break_inside_a_paragraph_starts_a_line():
    def build(document):
        run = document.add_paragraph().add_run("国务院")
        run.add_break()
        run.add_text("2019年1月12日")

    assert read_bytes(docx_bytes(build), name="a.docx").text == "国务院\n2019年1月12日\n"


def test_docx_keeps_hyperlinks_and_tracked_insertions_but_not_deletions():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(document):
        p = document.add_paragraph("按照")._p
        p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>《实施方案》</w:t></w:r></w:hyperlink>'))
        p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>旧的</w:delText></w:r></w:del>'))
        p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>要求执行</w:t></w:r></w:ins>'))

    assert read_bytes(docx_bytes(build), name="a.docx").text == "按照《实施方案》要求执行\n"


def test_docx_automatic_heading_numbers_are_written_as_printed():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def level(ilvl: int, fmt: str, text: str) -> str:
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>')

    def build(document):
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
                                      + level(0, "chineseCounting", "%1、") + level(1, "chineseCounting", "（%2）")
                                      + level(2, "decimal", "%3.") + "</w:abstractNum>"))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for ilvl, text in [(0, "总体要求"), (1, "指导思想"), (1, "基本原则"), (0, "重点任务"), (1, "推动创新"),
                           (2, "建设创新高地"), (2, "优化信用管理")]:
            paragraph = document.add_paragraph(text)
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))

    assert read_bytes(docx_bytes(build), name="a.docx").text.splitlines() == [
        "一、总体要求", "（一）指导思想", "（二）基本原则", "二、重点任务", "（一）推动创新", "1.建设创新高地", "2.优化信用管理"]


def test_docx_text_round_trips_through_a_txt_file(tmp_path):
    result = read_bytes(docx_bytes(task_table_document), name="plan.docx")
    path = tmp_path / "plan.txt"
    path.write_text(result.text, encoding="utf-8")
    assert read_file(path).text == result.text


def test_file_that_is_not_a_zip_is_not_a_docx():
    with pytest.raises(ReadError, match=r"not a \.docx file \(not a zip archive\)"):
        read_bytes("各区人民政府".encode(), name="a.docx")


def test_zip_without_a_word_document_is_not_a_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ReadError, match=r"not a \.docx file"):
        read_bytes(buffer.getvalue(), name="a.docx")


def test_docx_renamed_doc_is_read_as_docx_with_a_warning():
    result = read_bytes(docx_bytes(task_table_document), name="plan.doc")
    assert result.format == "docx"
    assert codes(result) == ["format_mismatch"]


# -- .doc ----------------------------------------------------------------------------

def test_doc_without_libreoffice_is_a_read_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReadError, match=r"LibreOffice \(soffice\) is not installed"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20) + b"\xfe\xff\x09\x00" + bytes(480)
                   + "WordDocument".encode("utf-16-le") + bytes(1024), name="old.doc")


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def test_doc_is_converted_with_libreoffice_tables_included(tmp_path):
    page = tmp_path / "plan.html"
    page.write_text("<html><body><p>关于印发重点任务分工方案的通知</p><table border='1'>"
                    "<tr><td>任务</td><td>牵头单位</td></tr><tr><td>优化营商环境</td><td>市发改委</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(page)],
                   capture_output=True, timeout=120, check=True)
    result = read_file(tmp_path / "plan.doc")
    assert result.format == "doc"
    assert result.text.splitlines() == ["关于印发重点任务分工方案的通知", "任务", "牵头单位", "优化营商环境", "市发改委"]
    assert result.tables[0].text_rows() == [["任务", "牵头单位"], ["优化营商环境", "市发改委"]]


def test_corpus_doc_is_converted_with_libreoffice():
    soffice()
    original = corpus_file("c034.doc")
    result = read_file(original)
    assert result.format == "doc"
    assert similarity(result.text, reference_text(original)) > 0.99


# -- .html ----------------------------------------------------------------------------

GOV_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知 - 某市人民政府门户网站</title>
<style>p { margin: 0 }</style><script>var share = "分享到微信";</script></head><body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
<nav><ul><li><a href="/a">政务服务</a></li><li><a href="/b">互动交流</a></li></ul></nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政策文件</div>
<div class="article">
  <h1>某市人民政府关于加快发展体育竞赛表演产业的通知</h1>
  <div class="info"><span>发布日期：2018-12-11</span> <span>来源：市政府办公室</span>
    <span class="share">分享到：<a>微信</a><a>微博</a></span></div>
  <div class="setFont">【字号：大 中 小】</div>
  <div id="zoom">
    <p>各区人民政府，市政府各部门：</p>
    <p>　　体育竞赛表演产业是体育产业的重要组成部分。<strong>一、总体要求</strong></p>
    <p>一、总体要求</p>
    <p>（一）指导思想。以习近平新时代中国特色社会主义思想为指导，<br/>全面贯彻党的十九大精神。</p>
    <p>（二）发展目标。到2025年，体育竞赛表演产业总规模达到2万亿元。</p>
  </div>
  <div class="print">【打印本页】【关闭窗口】</div>
</div>
<div class="footer">版权所有：某市人民政府 网站标识码 1234</div>
<script>document.write("访问量");</script></body></html>"""


def test_html_article_without_scripts_navigation_widgets_or_footer():
    text = read_bytes(GOV_PAGE.encode(), name="notice.html").text
    for chrome in ("var share", "首页", "政务服务", "当前位置", "分享", "微博", "字号", "打印", "关闭", "版权所有", "访问量", "margin"):
        assert chrome not in text


def test_html_title_and_metadata_above_the_body_are_kept():
    lines = read_bytes(GOV_PAGE.encode(), name="notice.html").text.splitlines()
    assert lines[:3] == ["某市人民政府关于加快发展体育竞赛表演产业的通知",
                         "发布日期：2018-12-11 来源：市政府办公室",
                         "各区人民政府，市政府各部门："]


def test_html_paragraph_is_one_line_and_br_breaks_it():
    lines = read_bytes(GOV_PAGE.encode(), name="notice.html").text.splitlines()
    assert "体育竞赛表演产业是体育产业的重要组成部分。一、总体要求" in lines
    assert "（一）指导思想。以习近平新时代中国特色社会主义思想为指导，" in lines
    assert "全面贯彻党的十九大精神。" in lines


def test_html_title_repeated_at_the_start_of_the_body_is_not_written_twice():
    page = f"""<html><body><div class="content"><h2 class="title">国务院关于促进综合保税区高水平开放高质量发展的若干意见</h2>
    <div class="TRS_Editor"><p>国务院关于促进综合保税区</p><p>高水平开放高质量发展的若干意见</p>
    <p>国发〔2019〕3号</p><p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p><p>{GUIDING}</p>
    </div></div></body></html>"""
    text = read_bytes(page.encode(), name="a.html").text
    assert text.startswith("国务院关于促进综合保税区\n高水平开放高质量发展的若干意见\n国发〔2019〕3号\n")


def test_html_metadata_table_above_the_body_is_read_as_a_table():
    page = f"""<html><body><div class="nav"><a>首页</a></div>
    <table class="bd1"><tr><td>发文机关：</td><td>国务院</td><td>成文日期：</td><td>2019年01月12日</td></tr>
    <tr><td>发文字号：</td><td>国发〔2019〕3号</td><td>发布日期：</td><td>2019年01月25日</td></tr></table>
    <table><tr><td id="UCAP-CONTENT"><p>各省、自治区、直辖市人民政府：</p><p>{GUIDING}</p></td></tr></table>
    </body></html>"""
    result = read_bytes(page.encode(), name="a.html")
    assert result.text.splitlines()[:5] == ["发文机关：", "国务院", "成文日期：", "2019年01月12日", "发文字号："]
    assert result.tables[0].text_rows()[1] == ["发文字号：", "国发〔2019〕3号", "发布日期：", "2019年01月25日"]
    assert result.text.endswith(GUIDING + "\n")


def test_html_source_line_wraps_inside_chinese_text_leave_no_space():
    page = "<div><p>为贯彻落实党中央、国务院决策部署，\n      现提出以下意见：</p><p>广州市民政局 广州市财政局</p></div>"
    assert read_bytes(page.encode(), name="a.html").text == (
        "为贯彻落实党中央、国务院决策部署，现提出以下意见：\n广州市民政局 广州市财政局\n")


def test_html_hidden_copy_of_the_article_is_ignored():
    body = "".join(f"<p>（{n}）加强组织领导，强化督促检查，确保各项任务落到实处。</p>" for n in "一二三四")
    page = f'<html><body><div id="info_cont">{body}</div><div class="bbnr" style="display:none">{body}</div></body></html>'
    assert read_bytes(page.encode(), name="a.html").text.count("（一）") == 1


def test_html_table_is_read_cell_by_cell_with_merged_cells():
    page = """<div><p>附件：重点任务分工表</p><table>
    <tr><th>任务</th><th>牵头单位</th><th>完成时限</th></tr>
    <tr><td>优化营商环境</td><td rowspan="2">市发改委</td><td>2025年底前</td></tr>
    <tr><td>扩大有效投资</td><td>长期坚持</td></tr></table></div>"""
    result = read_bytes(page.encode(), name="a.html")
    assert result.text.splitlines() == ["附件：重点任务分工表", "任务", "牵头单位", "完成时限", "优化营商环境", "市发改委",
                                        "2025年底前", "扩大有效投资", "长期坚持"]
    [table] = result.tables
    assert table.text_rows()[2] == ["扩大有效投资", "市发改委", "长期坚持"]
    assert all(result.text[c.span[0]:c.span[1]] == c.text for row in table.rows for c in row)


def test_html_page_wrapped_in_a_form_is_still_read():
    page = f'<html><body><form id="form1"><div class="nav"><a>首页</a></div><div id="zoom"><p>{GUIDING}</p></div></form></body></html>'
    assert read_bytes(page.encode(), name="a.aspx.html").text == GUIDING + "\n"


def test_html_declared_gbk_charset_is_honoured():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>各区人民政府：</p></body></html>'
    assert read_bytes(page.encode("gbk"), name="a.htm").text == "各区人民政府：\n"


# -- .pdf -------------------------------------------------------------------------------

def make_pdf(pages: list[list[tuple[float, float, float, str]]], width: int = 595, height: int = 842) -> bytes:
    """A PDF with a text layer: each page a list of (x, top, font size, text).

    The font is Adobe's STSong-Light, not embedded (every PDF reader knows
    it); text is written in UTF-16, so pdfminer maps it back to Unicode.
    """
    objects: list[bytes] = []

    def add(body: bytes = b"") -> int:
        objects.append(body)
        return len(objects)

    font, cid_font, parent = add(), add(), add()
    kids = []
    for items in pages:
        ops = [f"BT /F1 {size} Tf {x} {height - top - size} Td <{text.encode('utf-16-be').hex()}> Tj ET"
               for x, top, size, text in items]
        stream = "\n".join(ops).encode()
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 {width} {height}] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()))
    objects[font - 1] = (f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H "
                         f"/DescendantFonts [{cid_font} 0 R] >>").encode()
    objects[cid_font - 1] = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 95 500] "
                             b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 4 "
                             b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >> >>")
    objects[parent - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    catalog = add(f"<< /Type /Catalog /Pages {parent} 0 R >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


LEFT, SIZE, PITCH, WIDTH = 90, 12, 20, 28   # margin and font size in points; 28 characters a line


def typeset(paragraph: str, indent: int = 2) -> list[tuple[int, str]]:
    """Break a paragraph into printed lines as a word processor does: the
    first line indented by ``indent`` characters, every line full."""
    lines, rest, room = [], paragraph, WIDTH - indent
    while rest:
        lines.append((indent if not lines else 0, rest[:room]))
        rest, room = rest[room:], WIDTH
    return lines


def page_of(lines: list[tuple[int, str]], first_top: int = 80) -> list[tuple[float, float, float, str]]:
    """12 pt text lines, (indent in characters, text), one under the other."""
    return [(LEFT + indent * SIZE, first_top + i * PITCH, SIZE, text) for i, (indent, text) in enumerate(lines)]


def test_pdf_wrapped_lines_are_joined_into_paragraphs():
    pdf = make_pdf([page_of(typeset("一、总体要求") + typeset(GUIDING) + typeset("二、主要目标"))])
    assert read_bytes(pdf, name="a.pdf").text.splitlines() == ["一、总体要求", GUIDING, "二、主要目标"]


def test_pdf_heading_number_starts_a_paragraph_even_without_indent():
    first = "（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神，推动高质量发展，完成目标任务。"
    second = "（二）基本原则。坚持节约优先，坚持创新驱动。"
    assert len(first) == 2 * WIDTH  # its last line is full and ends the sentence
    pdf = make_pdf([page_of(typeset(first, indent=0) + typeset(second, indent=0))])
    assert read_bytes(pdf, name="a.pdf").text.splitlines() == [first, second]


def test_pdf_paragraph_continues_over_a_page_break_and_page_numbers_go():
    lines = typeset(PURPOSE)
    first = page_of(lines[:2]) + [(280, 790, 10, "— 1 —")]
    second = page_of(lines[2:]) + [(280, 790, 10, "— 2 —")]
    assert read_bytes(make_pdf([first, second]), name="a.pdf").text == PURPOSE + "\n"


def test_pdf_page_number_styles_are_dropped():
    pages = [page_of([(2, f"第{n}页的正文。")], first_top=300) + [(280, 790, 10, number)]
             for n, number in enumerate(["- 1 -", "第2页", "3", "4/5"], 1)]
    assert read_bytes(make_pdf(pages), name="a.pdf").text.splitlines() == [f"第{n}页的正文。" for n in range(1, 5)]


def test_pdf_spaces_go_between_chinese_and_digits_but_stay_between_latin_words():
    pdf = make_pdf([page_of([(2, "到 2025 年，执行 GB/T 29490-2013 标准，完成 109 号文件。")])])
    assert read_bytes(pdf, name="a.pdf").text == "到2025年，执行GB/T 29490-2013标准，完成109号文件。\n"


def test_pdf_without_a_text_layer_is_a_read_error():
    with pytest.raises(ReadError, match=r"no text layer \(scanned PDF\?\)"):
        read_bytes(make_pdf([[], []]), name="scan.pdf")


def test_file_that_is_not_a_pdf_is_a_read_error():
    with pytest.raises(ReadError, match="not a PDF file"):
        read_bytes("各区人民政府".encode(), name="a.pdf")


# -- the corpus: original files against their text versions ----------------------------

HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、](?!\d))")
# Every HTML, DOCX and DOC original, and a handful of PDFs (PDF parsing is slow).
CORPUS_SAMPLE = ["c001.html", "c009.html", "c049.html", "c050.html", "c072.html", "c073.html",
                 "c016.docx", "c014.pdf", "c046.pdf", "c060.pdf", "c069.pdf"]


@lru_cache(maxsize=None)
def read_original(name: str) -> ReadResult:
    return read_file(corpus_file(name))


def corpus_file(name: str) -> Path:
    path = CORPUS / "orig" / name
    if not path.is_file():
        pytest.skip(f"corpus original {name} not found in {CORPUS}")
    return path


def reference_text(original: Path) -> str:
    return (CORPUS / "docs" / f"{original.stem}.txt").read_text(encoding="utf-8")


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def similarity(ours: str, reference: str) -> float:
    return difflib.SequenceMatcher(None, letters(ours), letters(reference), autojunk=False).ratio()


@pytest.mark.parametrize("name", CORPUS_SAMPLE)
def test_corpus_original_reads_like_its_text_version(name):
    assert similarity(read_original(name).text, reference_text(corpus_file(name))) >= 0.97


@pytest.mark.parametrize("name", CORPUS_SAMPLE)
def test_corpus_headings_begin_lines(name):
    ours = [letters(line) for line in read_original(name).text.splitlines()]
    for line in reference_text(corpus_file(name)).splitlines():
        line = line.strip()
        if HEADING.match(line) and len(letters(line)) >= 4:
            assert any(mine.startswith(letters(line)[:12]) for mine in ours), line


def test_corpus_pdf_paragraphs_are_joined_better_than_the_text_version():
    ours = read_original("c014.pdf").text.splitlines()
    assert len(ours) < len(reference_text(corpus_file("c014.pdf")).splitlines())
    # the text version breaks this sentence after "（以下称能耗双控）"
    assert any("（以下称能耗双控）、主要污染物排放总量控制制度" in line for line in ours)


def test_corpus_pdf_annex_table_is_read_cell_by_cell():
    result = read_original("c069.pdf")
    [table] = result.tables
    assert table.text_rows()[0][-1] == "市工信局"
    assert "市工信局" in result.text.splitlines()
