"""Small files built to cost a reader a lot: the cases of issue 11.

Each builder returns the bytes of one file, a few kilobytes at most, that
once took gigabytes or minutes to read (numbering that expands, spans that
multiply, deflate bombs, forms drawing forms). The tests read them; run
this module to write them out and to measure what reading each one costs,
each in its own process (peak memory and time, as ``/usr/bin/time -v``
would report them)::

    python tests/hostile_files.py write DIR          # every case as DIR/<case>.<ext>
    python tests/hostile_files.py measure [CASE...]  # extract each, print peak MB and seconds
    .venv/bin/policykit extract DIR/roman-numbers.docx
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
import zlib

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MB = 1024 * 1024
HEADING = "一、主要任务"
TASK = "1.加快农村宽带建设。2025年底前实现乡镇5G全覆盖。（牵头单位：市工业和信息化局）"


# -- .docx --------------------------------------------------------------------------------

def word_package(body: str, numbering: str | None = None) -> bytes:
    """A .docx whose body is the XML ``body`` (inside w:body) and, if given,
    whose numbering part is ``numbering`` (inside w:numbering)."""
    import docx

    document = docx.Document()
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                           f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode()
            elif info.filename == "word/numbering.xml" and numbering is not None:
                content = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                           f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>').encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def paragraph(text: str, num_id: int | None = None) -> str:
    numbered = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f"<w:p>{numbered}<w:r><w:t>{text}</w:t></w:r></w:p>"


def list_numbering(start: str, fmt: str, level_text: str) -> str:
    return (f'<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'
            f'<w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num>')


def roman_numbers() -> bytes:
    """List numbers in Roman numerals starting at 10¹²: once a loop of 10⁹ steps."""
    body = paragraph(HEADING) + "".join(paragraph(f"第{i}项任务。", num_id=7) for i in range(3))
    return word_package(body, list_numbering("1000000000000", "upperRoman", "%1."))


def long_markers() -> bytes:
    """A level text of 20,000 times %1, and a 4,000-digit start: 80 MB per paragraph."""
    body = paragraph(HEADING) + "".join(paragraph(f"第{i}项任务。", num_id=7) for i in range(3))
    return word_package(body, list_numbering("9" * 4000, "decimal", "%1" * 20_000))


def cell(text: str = "", span: int | None = None, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span else "") + (
        f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def table(rows: list[str], columns: int, before: int | None = None) -> str:
    grid = "<w:tblGrid>" + '<w:gridCol w:w="1000"/>' * columns + "</w:tblGrid>"
    props = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return "<w:tbl>" + grid + "".join(f"<w:tr>{props}{row}</w:tr>" for row in rows) + "</w:tbl>"


def huge_spans() -> bytes:
    """Cells and rows claiming 300,000,000 grid columns: once 5.4 GB."""
    rows = [cell("任务") + cell("牵头单位", span=300_000_000), cell("加快宽带建设") + cell("市工信局")]
    return word_package(paragraph(HEADING) + table(rows, columns=2, before=300_000_000))


def merged_columns(rows: int = 150, columns: int = 20) -> bytes:
    """A table whose cells are all merged down their column: once cubic (113 s)."""
    first = "".join(cell(f"列{c}", merge="restart") for c in range(columns))
    rest = [ "".join(cell(merge="continue") for _ in range(columns)) for _ in range(rows)]
    return word_package(paragraph(HEADING) + table([first, *rest], columns=columns))


def lone_surrogate_symbol() -> bytes:
    """A symbol whose code is half a UTF-16 pair: once a traceback in every command."""
    return word_package(paragraph(HEADING) + f'<w:p><w:r><w:t>{TASK}</w:t><w:sym w:font="Symbol" w:char="D800"/>'
                                             f'</w:r></w:p>')


def bad_symbol_codes() -> bytes:
    """Symbol codes past U+10FFFF and not hexadecimal: once the whole document lost."""
    return word_package(paragraph(HEADING) + f'<w:p><w:r><w:t>{TASK}</w:t><w:sym w:char="110000"/>'
                                             f'<w:sym w:char="ZZ"/><w:sym w:char="{"F" * 5000}"/></w:r></w:p>')


def many_elements(count: int = 3_000_000) -> bytes:
    """Three million empty runs in one paragraph: packs to a few kilobytes."""
    return word_package(paragraph(HEADING) + "<w:p>" + "<w:r/>" * count + "</w:p>")


def elements_at_the_limit(count: int = 950_000) -> bytes:
    """Just under the element limit, and packing below the zip-ratio limit
    (every run has its own revision id): what the limit still lets through."""
    import random

    rng = random.Random(11)
    runs = "".join(f'<w:r w:rsidR="{rng.getrandbits(32):08X}"/>' for _ in range(count // 1000))
    body = paragraph(HEADING) + paragraph(TASK) + "".join(f"<w:p>{runs}</w:p>" for _ in range(1000))
    return word_package(body)


# -- .html --------------------------------------------------------------------------------

def html_spans(cells: int = 14_000) -> bytes:
    """Data-table cells with colspan=100 rowspan=100, 490 KB: once out of memory."""
    row = "".join(f'<td colspan="100" rowspan="100">{i}</td>' for i in range(cells // 100))
    rows = "".join(f"<tr><td>任务{r}</td><td>牵头单位</td>{row}</tr>" for r in range(100))
    return (f"<html><body><h1>关于推进数字乡村建设的实施意见</h1><p>{HEADING}</p><p>{TASK}</p>"
            f"<table>{rows}</table></body></html>").encode()


def html_elements(count: int = 1_000_000) -> bytes:
    return (f"<html><body><p>{HEADING}</p><p>{TASK}</p>" + "<b></b>" * count + "</body></html>").encode()


def html_gbk_labelled_latin1() -> bytes:
    """A page saying iso-8859-1 written in GBK: once silent mojibake."""
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
            f"<body><h1>关于推进数字乡村建设的实施意见</h1><p>{HEADING}</p><p>{TASK}</p></body></html>")
    return page.encode("gbk")


# -- .pdf ---------------------------------------------------------------------------------

def pdf_document(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF of numbered ``objects`` (object i+1 is ``objects[i]``) with a
    correct cross-reference table."""
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer, xref)
    return bytes(out)


def stream(data: bytes, attrs: bytes = b"", deflate: bool = False) -> bytes:
    if deflate:
        data, attrs = zlib.compress(data, 9), attrs + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), attrs, data)


def text_ops(lines: list[str], size: int = 12, top: int = 700) -> bytes:
    """Content operators showing ASCII ``lines`` in Helvetica, top down from ``top``."""
    return b"\n".join(b"BT /F1 %d Tf 72 %d Td (%s) Tj ET" % (size, top - i * 18, line.encode("latin-1"))
                      for i, line in enumerate(lines))


def pdf_pages(contents: list[bytes], extra: list[bytes] = (), resources: bytes = b"", trailer: bytes = b"") -> bytes:
    """A PDF with one page per content stream (objects 1: catalog, 2: pages,
    3: font, then the pages and their contents, then ``extra``)."""
    first_page = 4 + len(extra)
    kids = [first_page + 2 * i for i in range(len(contents))]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *extra]
    for kid, content in zip(kids, contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> %s >> >>" % (kid + 1, resources))
        objects.append(content)
    return pdf_document(objects, trailer=trailer)


PDF_TEXT = ["1. Build rural broadband by the end of 2025.", "2. Every town has 5G coverage."]


def deflate_bomb(unpacked_mb: int = 3000) -> bytes:
    """A page whose content stream inflates to ``unpacked_mb`` MB of spaces
    (about 1000:1; 3 GB in 3 MB): once 3.2 GB of memory."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * MB
    packed = [squeezer.compress(text_ops(PDF_TEXT) + b"\n")]
    packed += [squeezer.compress(chunk) for _ in range(unpacked_mb)]
    packed.append(squeezer.flush())
    data = b"".join(packed)
    return pdf_pages([b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)])


def form_fan_out(levels: int = 24) -> bytes:
    """Forms that each draw the next one twice, ``levels`` deep: the last,
    showing one character, is drawn 2**levels times. Once 48 s and 406 MB at 3 KB."""
    extra = []
    first = 4  # the forms are objects 4 … 4 + levels
    for level in range(levels + 1):
        if level < levels:
            ops = b"q /X%d Do Q q 1 0 0 1 1 0 cm /X%d Do Q" % (level + 1, level + 1)
            refs = b"/XObject << /X%d %d 0 R >>" % (level + 1, first + level + 1)
        else:
            ops, refs = b"BT /F1 12 Tf 72 700 Td (x) Tj ET", b""
        extra.append(stream(ops, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                                  b"/Resources << /Font << /F1 3 0 R >> %s >>" % refs))
    page = stream(text_ops(PDF_TEXT) + b"\n/X0 Do")
    return pdf_pages([page], extra, resources=b"/XObject << /X0 %d 0 R >>" % first)


def many_characters(count: int = 400_000) -> bytes:
    """An uncompressed page showing ``count`` characters one by one (4 MB):
    once 1.39 GB."""
    ops = text_ops(PDF_TEXT) + b"\nBT /F1 1 Tf 72 100 Td " + b"(x) Tj " * count + b"ET"
    return pdf_pages([stream(ops)])


def ruled_grid(lines: int = 400) -> bytes:
    """A page of text under a lattice of ``lines`` horizontal and ``lines``
    vertical rules: finding tables in it would cost lines² cells."""
    rules = b"".join(b"72 %.2f m 540 %.2f l S\n" % (100 + i * 1.5, 100 + i * 1.5) for i in range(lines))
    rules += b"".join(b"%.2f 100 m %.2f 700 l S\n" % (72 + i * 1.1, 72 + i * 1.1) for i in range(lines))
    return pdf_pages([stream(text_ops(PDF_TEXT) + b"\n0.1 w\n" + rules)])


def many_pages(count: int = 5000) -> bytes:
    return pdf_pages([stream(text_ops([f"{i}. Task {i} of the plan is done by the end of the year."], top=400))
                      for i in range(count)])


def deep_arrays(depth: int = 100_000) -> bytes:
    ops = text_ops(PDF_TEXT) + b"\n" + b"[" * depth + b"]" * depth + b" pop"
    return pdf_pages([stream(ops)])


def idle_operators(megabytes: int = 15) -> bytes:
    """A page whose content is ``megabytes`` MB of ``q Q`` (save and restore
    the graphics state: nothing drawn), deflated to a few kilobytes: once a
    minute per page, under every other limit."""
    ops = text_ops(PDF_TEXT) + b"\n" + b"q Q\n" * (megabytes * MB // 4)
    return pdf_pages([stream(ops, deflate=True)])


def encrypted_pdf() -> bytes:
    """A PDF protected by a user password (RC4, revision 3) that is not empty."""
    encrypt = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <%s> /U <%s> >>" % (b"ab" * 32, b"cd" * 32)
    return pdf_pages([stream(text_ops(PDF_TEXT))], [encrypt],
                     trailer=b"/Encrypt 4 0 R /ID [<%s> <%s>] " % (b"01" * 16, b"01" * 16))


def broken_cross_references() -> bytes:
    """A PDF whose cross-reference table gives every object at offset 0:
    pdfminer finds no page, pdftotext repairs it."""
    pdf = pdf_pages([stream(text_ops(PDF_TEXT))])
    return re.sub(rb"\d{10} 00000 n", b"0000000000 00000 n", pdf)


# -- .doc ---------------------------------------------------------------------------------

def random_doc(size: int = 64 * 1024) -> bytes:
    """Random bytes behind the 8-byte signature of a Word .doc (OLE2 compound file)."""
    import random

    rng = random.Random(11)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.getrandbits(8) for _ in range(size))


#: Case name → (file suffix, builder).
CASES = {
    "roman-numbers": (".docx", roman_numbers),
    "long-markers": (".docx", long_markers),
    "huge-spans": (".docx", huge_spans),
    "merged-columns": (".docx", merged_columns),
    "lone-surrogate": (".docx", lone_surrogate_symbol),
    "bad-symbols": (".docx", bad_symbol_codes),
    "many-elements": (".docx", many_elements),
    "html-spans": (".html", html_spans),
    "html-elements": (".html", html_elements),
    "html-gbk-as-latin1": (".html", html_gbk_labelled_latin1),
    "deflate-bomb": (".pdf", deflate_bomb),
    "form-fan-out": (".pdf", form_fan_out),
    "many-characters": (".pdf", many_characters),
    "many-pages": (".pdf", many_pages),
    "ruled-grid": (".pdf", ruled_grid),
    "deep-arrays": (".pdf", deep_arrays),
    "idle-operators": (".pdf", idle_operators),
    "encrypted": (".pdf", encrypted_pdf),
    "broken-xref": (".pdf", broken_cross_references),
    "random-doc": (".doc", random_doc),
    # What each limit still lets through: the most a file can cost now.
    "docx-elements-at-limit": (".docx", elements_at_the_limit),
    "html-elements-at-limit": (".html", lambda: html_elements(190_000)),
    "pdf-characters-at-limit": (".pdf", lambda: many_characters(49_000)),
    "pdf-pages-at-limit": (".pdf", lambda: many_pages(2000)),
}


def write(folder: str) -> list[str]:
    from pathlib import Path

    Path(folder).mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (suffix, build) in CASES.items():
        path = Path(folder) / f"{name}{suffix}"
        path.write_bytes(build())
        paths.append(str(path))
    return paths


MEASURE = """
import resource, subprocess, sys, time
began = time.perf_counter()
done = subprocess.run([sys.argv[1], "extract", sys.argv[2]], capture_output=True, text=True)
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{peak:.0f}\\t{seconds:.1f}\\t{done.returncode}\\t{(done.stderr.strip().splitlines() or [''])[-1][:160]}")
"""


def measure(names: list[str]) -> None:
    """Each case through ``policykit extract`` in its own process: peak
    resident memory (MB), seconds, exit code and the last line of standard error."""
    import subprocess
    import tempfile
    from pathlib import Path

    policykit = str(Path(sys.executable).with_name("policykit"))
    with tempfile.TemporaryDirectory() as folder:
        for name in names or list(CASES):
            suffix, build = CASES[name]
            path = Path(folder) / f"{name}{suffix}"
            path.write_bytes(build())
            line = subprocess.run([sys.executable, "-c", MEASURE, policykit, str(path)], capture_output=True,
                                  text=True).stdout.strip()
            print(f"{name}\t{path.stat().st_size // 1024} KB\t{line}", flush=True)


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or ["measure"]
    if command == "write":
        print("\n".join(write(rest[0] if rest else ".")))
    else:
        measure(rest)
