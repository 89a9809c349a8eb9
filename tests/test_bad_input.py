"""Bad input: whatever lands in an office gives one line naming the file and
the problem, exit code 1, and in a batch an error record, while the other
documents still finish. Nothing here may end in a traceback or a hang.

Each bad file is built by the test itself. The limits (file size, what a
.docx may unpack to) are lowered through their environment variables where
a real zip bomb would be too big to build quickly.
"""
from __future__ import annotations

import builtins
import errno
import io
import json
import os
import struct
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from policykit.cli import cli
from policykit.errors import LimitExceeded, ReadError
from policykit.limits import Limits, LimitError, current
from policykit.readers import read_bytes, read_file

GOOD = """\
关于加快推进数字乡村建设的实施意见

一、主要任务

1.加快农村宽带建设。2025年底前实现乡镇5G全覆盖。（牵头单位：市工业和信息化局；配合单位：市财政局）
"""
MB = 1024 * 1024


def run(*args, env: dict[str, str] | None = None, input: bytes | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input)


# -- building bad files --------------------------------------------------------


def word_file(text: str = "一、主要任务") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repack(data: bytes, change=None, drop: str | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The zip ``data`` with ``word/document.xml`` passed through ``change``,
    member ``drop`` left out and the members of ``add`` put in."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename == drop:
                continue
            content = source.read(info.filename)
            if info.filename == "word/document.xml" and change:
                content = change(content)
            out.writestr(info.filename, content)
        for name, content in (add or {}).items():
            out.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """A .docx whose document.xml is ``unpacked_mb`` MB of zeros: it packs
    about 1000:1, so 16 MB takes 16 KB on disk."""
    source = zipfile.ZipFile(io.BytesIO(word_file()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, source.read(info.filename))
        with out.open("word/document.xml", "w") as member:
            zeros = bytes(MB)
            for _ in range(unpacked_mb):
                member.write(zeros)
    return buffer.getvalue()


def lying_zip(unpacked_mb: int) -> bytes:
    """A .docx whose zip directory says document.xml is small while its
    data unpacks to ``unpacked_mb`` MB."""
    original = zipfile.ZipFile(io.BytesIO(word_file())).read("word/document.xml")
    paragraph = b"<w:p><w:r><w:t>" + b"A" * (unpacked_mb * MB) + b"</w:t></w:r></w:p>"
    big = original.replace(b"</w:body>", paragraph + b"</w:body>")
    data = bytearray(repack(word_file(), lambda _: big))
    name = b"word/document.xml"
    for signature, size_at, name_length_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        at = data.find(signature)
        while at != -1:
            length = struct.unpack_from("<H", data, at + name_length_at)[0]
            if data[at + name_at:at + name_at + length] == name:
                struct.pack_into("<I", data, at + size_at, len(original))
            at = data.find(signature, at + 4)
    return bytes(data)


def half_xml(xml: bytes) -> bytes:
    return xml[: len(xml) // 2]


def with_doctype(xml: bytes) -> bytes:
    head, rest = xml.split(b"?>", 1)
    return head + b'?><!DOCTYPE w:document [<!ENTITY x "x">]>' + rest


def deeply_nested(xml: bytes) -> bytes:
    return xml.replace(b"</w:body>", b"<w:p>" + b"<w:r>" * 3000 + b"</w:r>" * 3000 + b"</w:p></w:body>")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
HIGH_BYTES = bytes(range(0x80, 0x100)) * 16


def bad_file(name: str, content, message: str, code: str = "read_error", env: dict[str, str] | None = None):
    """A bad input: its file name, bytes (or a function making them), the
    message the user reads after ``policykit: error: PATH: ``, the error
    code of its record, and the environment of the run."""
    return pytest.param(name, content, message, code, env or {}, id=Path(name).stem)


BAD_FILES = [
    bad_file("empty.txt", b"", "empty file"),
    bad_file("blank.txt", " \n\u3000\n\t\n".encode(), "no text (the file holds only white space)"),
    bad_file("image.txt", PNG, "binary file (a PNG image), not text"),
    bad_file("undecodable.txt", HIGH_BYTES,
             "cannot decode text: not UTF-8, GB18030 or UTF-16 (name the encoding with --encoding)"),
    bad_file("binary.txt", bytes(range(256)) * 8, "binary file, not text"),
    bad_file("not-a-zip.docx", "这不是Word文件".encode(), "not a .docx file (not a zip archive)"),
    bad_file("image.docx", PNG, "not a .docx file (not a zip archive)"),
    bad_file("truncated.docx", lambda: word_file()[:6000],
             "damaged .docx file (the zip archive is truncated: its directory is missing)"),
    bad_file("no-document.docx", lambda: repack(word_file(), drop="word/document.xml"),
             "not a .docx file (no Word document inside the zip archive)"),
    bad_file("other-zip.docx", lambda: repack(b"PK\x05\x06" + bytes(18), add={"readme.txt": b"hello"}),
             "not a .docx file (no Word document inside the zip archive)"),
    bad_file("malformed.docx", lambda: repack(word_file(), half_xml),
             "damaged .docx file (XML not well-formed: *"),
    bad_file("nested.docx", lambda: repack(word_file(), deeply_nested),
             "refused: the .docx XML is nested more than 256 levels deep (the limit of the XML parser, libxml2)",
             "limit_exceeded"),
    bad_file("doctype.docx", lambda: repack(word_file(), with_doctype),
             "refused: word/document.xml in the .docx file declares a DTD (<!DOCTYPE>, entities), "
             "which Word never writes"),
    bad_file("bomb.docx", lambda: zip_bomb(16),
             "refused: word/document.xml in the .docx file unpacks * times its packed size "
             "(limit 100, POLICYKIT_MAX_ZIP_RATIO); a zip bomb?", "limit_exceeded"),
    bad_file("bomb-total.docx", lambda: zip_bomb(16),
             "refused: the .docx file would unpack to 1? MB (limit 8.0 MB, POLICYKIT_MAX_UNPACKED_MB); a zip bomb?",
             "limit_exceeded", env={"POLICYKIT_MAX_UNPACKED_MB": "8"}),
    bad_file("many-members.docx", lambda: repack(word_file(), add={f"word/media/image{i}.png": PNG for i in range(40)}),
             "refused: the .docx zip archive has 5? members (limit 30, POLICYKIT_MAX_ZIP_MEMBERS)",
             "limit_exceeded", env={"POLICYKIT_MAX_ZIP_MEMBERS": "30"}),
    bad_file("lying-zip.docx", lambda: lying_zip(4),
             "damaged .docx file (Bad CRC-32 for file 'word/document.xml')"),
    bad_file("too-large.txt", (GOOD * 10).encode(),
             "file too large (2 KB; the limit is 1 KB, POLICYKIT_MAX_FILE_MB)", "limit_exceeded",
             env={"POLICYKIT_MAX_FILE_MB": "0.001"}),
    bad_file("scripts-only.html",
             b"<html><head><style>p{color:red}</style><script>var a = 1;</script></head>"
             b"<body><script>document.write('\xe4\xb8\x80')</script><noscript></noscript></body></html>",
             "no text (the page holds only scripts, styles, markup or page furniture)"),
    bad_file("nested.html", ("<html><body>" + "<div>" * 5000 + "一、主要任务" + "</div>" * 5000 + "</body></html>").encode(),
             "refused: the page's elements are nested too deeply (limit 256, POLICYKIT_MAX_DEPTH)", "limit_exceeded"),
    bad_file("not-a-pdf.pdf", "这不是PDF".encode(), "not a PDF file (no %PDF header)"),
    bad_file("garbage.pdf", b"%PDF-1.4\n" + b"garbage " * 200, "not a PDF file (or a damaged one)"),
    bad_file("not-a-doc.doc", b"plain words, not a Word file " * 10, "not a Word .doc file (unrecognised content)"),
    bad_file("notes.xyz", "一、主要任务".encode(),
             "unsupported format '.xyz' (supported: .txt .docx .html .pdf .doc)", "unsupported_format"),
]


def matches(message: str, pattern: str) -> bool:
    import fnmatch

    return fnmatch.fnmatchcase(message, pattern)


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "docs" / "good.txt"
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    return path


def place(folder: Path, name: str, content) -> Path:
    path = folder / name
    path.write_bytes(content() if callable(content) else content)
    return path


# -- one bad file --------------------------------------------------------------


@pytest.mark.parametrize("name, content, message, code, env", BAD_FILES)
def test_a_bad_file_is_one_line_naming_it_and_exit_code_1(tmp_path, name, content, message, code, env):
    path = place(tmp_path, name, content)
    result = run("extract", path, env=env)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    prefix = f"policykit: error: {path}: "
    assert result.stderr.startswith(prefix) and result.stderr.count("\n") == 1, result.stderr
    assert matches(result.stderr[len(prefix):-1], message), result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("name, content, message, code, env", BAD_FILES)
def test_in_a_batch_the_others_finish_and_errors_json_records_the_bad_file(good, name, content, message, code, env,
                                                                           tmp_path):
    bad = place(good.parent, name, content)
    out = tmp_path / "out"
    result = run("extract", good, bad, "-o", out, env=env)
    assert result.exit_code == 1
    assert json.loads((out / "good.json").read_text(encoding="utf-8"))["measures"]
    [record] = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    assert record["source"] == str(bad)
    assert record["error"]["code"] == code
    assert matches(record["error"]["message"], message)


@pytest.mark.parametrize("name, content, message, code, env", BAD_FILES)
def test_in_json_lines_the_bad_file_is_a_record_in_its_place(good, name, content, message, code, env):
    bad = place(good.parent, name, content)
    result = run("extract", bad, good, "--jsonl", env=env)
    assert result.exit_code == 1
    failure, document = [json.loads(line) for line in result.stdout.splitlines()]
    assert failure == {"source": str(bad), "error": {"code": code, "message": failure["error"]["message"]}}
    assert matches(failure["error"]["message"], message)
    assert document["schema"] == "policykit/1"


# -- paths that are no file ------------------------------------------------------


@pytest.fixture
def unreadable(tmp_path, monkeypatch) -> Path:
    """A file its reader may not open. Root opens anything, so under root
    ``open`` answers for this one file what the system answers anyone else."""
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:
        real_open = builtins.open

        def guarded(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", guarded)
    yield path
    path.chmod(0o644)


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_a_missing_file_is_one_line_and_a_record(good, tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("extract", missing, good, "--jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {missing}: file not found\n"
    assert json.loads(result.stdout.splitlines()[0]) == {
        "source": str(missing), "error": {"code": "read_error", "message": "file not found"}}


def test_a_file_without_read_permission_is_one_line_and_a_record(good, unreadable):
    result = run("extract", unreadable, good, "--jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {unreadable}: permission denied\n"
    assert json.loads(result.stdout.splitlines()[0])["error"] == {"code": "read_error", "message": "permission denied"}


def test_a_pipe_is_refused_rather_than_waited_on(fifo):
    result = run("extract", fifo)
    assert result.exit_code == 1
    assert result.stderr == (f"policykit: error: {fifo}: not a regular file (a pipe or device); "
                             "use - for standard input\n")


def test_a_directory_where_a_file_is_expected_is_one_line(tmp_path):
    folder = tmp_path / "实施意见.txt"
    folder.mkdir()
    result = run("text", folder)
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {folder}: is a directory, not a file\n"


def test_a_directory_given_to_extract_is_a_folder_of_documents(tmp_path):
    folder = tmp_path / "实施意见.txt"
    folder.mkdir()
    result = run("extract", folder)
    assert result.exit_code == 1
    assert result.stderr == (f"policykit: error: {folder}: folder holds no .txt .docx .html .htm .pdf .doc files\n")


@pytest.mark.parametrize("command", ["text", "segment", "show", "units", "assign"])
def test_every_command_gives_one_line_for_a_bad_file(tmp_path, command):
    bomb = place(tmp_path, "bomb.docx", zip_bomb(16))
    result = run(command, bomb, *(["-o", tmp_path / "sheets"] if command == "assign" else []))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {bomb}: refused: ") and result.stderr.count("\n") == 1


def test_a_bad_template_is_one_line(good, tmp_path):
    template = place(tmp_path, "模板.docx", repack(word_file(), half_xml))
    result = run("assign", good, "-o", tmp_path / "sheets", "--template", template)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {template}: damaged Word document (XMLSyntaxError")
    assert result.stderr.count("\n") == 1


def test_a_zip_bomb_as_template_is_refused(good, tmp_path):
    template = place(tmp_path, "模板.docx", zip_bomb(16))
    result = run("assign", good, "-o", tmp_path / "sheets", "--template", template)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {template}: refused: word/document.xml")


# -- usage errors ------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", "a.txt", "--jsonl", "-o", "out"],
    ["extract", "a.txt", "--no-such-option"],
    ["extract", "a.txt", "--workers", "0"],
    ["assign"],
    ["nonsense"],
], ids=["no-input", "jsonl-and-o", "unknown-option", "zero-workers", "assign-no-input", "unknown-command"])
def test_usage_errors_exit_with_code_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# -- standard input ---------------------------------------------------------------


def test_standard_input_larger_than_the_limit_is_refused():
    result = run("extract", "-", input=(GOOD * 10).encode(), env={"POLICYKIT_MAX_FILE_MB": "0.001"})
    assert result.exit_code == 1
    assert result.stderr == "policykit: error: -: file too large (over the limit of 1 KB, POLICYKIT_MAX_FILE_MB)\n"


def test_empty_standard_input_is_one_line():
    result = run("extract", "-", input=b"")
    assert result.exit_code == 1
    assert result.stderr == "policykit: error: -: empty file\n"


# -- what is read anyway, with a warning --------------------------------------------


def test_utf16_without_byte_order_mark_is_read_with_a_warning(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_bytes(GOOD.encode("utf-16-le"))
    doc = json.loads(run("extract", path).stdout)
    assert doc["source"]["encoding"] == "utf-16"
    assert [w["code"] for w in doc["warnings"]][:1] == ["encoding_guessed"]
    assert doc["measures"][0]["lead_units"] == ["市工业和信息化局"]


def test_utf16_cut_short_by_one_byte_is_still_read(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_bytes(GOOD.encode("utf-16-be")[:-1])
    assert read_file(path).text.startswith("关于加快推进数字乡村建设的实施意见")


def test_a_few_undecodable_bytes_are_replaced_with_a_warning(tmp_path):
    path = tmp_path / "通知.txt"
    data = (GOOD * 3).encode()
    cut = data.index("一、".encode())
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    result = read_file(path)
    assert "\ufffd一、主要任务" in result.text
    assert [w.code for w in result.warnings] == ["invalid_bytes_replaced"]


def test_html_comments_in_front_of_a_text_file_do_not_stall_the_format_check(tmp_path):
    # <!----> repeated made the HTML sniffing pattern take exponential time.
    path = tmp_path / "注释.txt"
    path.write_bytes(b"<!---->" * 60 + GOOD.encode())
    assert read_file(path).text.endswith("（牵头单位：市工业和信息化局；配合单位：市财政局）\n")


def test_a_line_of_page_widgets_and_spaces_does_not_stall_the_html_reader():
    # "打印　 打印　 … x" made a page-chrome pattern take exponential time.
    page = "<html><body><p>一、主要任务</p><p>" + "打印\u3000 \u3000" * 12 + "x</p></body></html>"
    assert read_bytes(page.encode(), name="a.html").text.endswith("x\n")


# -- the zip bomb is refused before it is unpacked --------------------------------------


def test_a_zip_bomb_is_refused_without_unpacking_it():
    bomb = zip_bomb(64)
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceeded, match="a zip bomb"):
            read_bytes(bomb, name="bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB   # 64 MB unpacked would show


def test_a_zip_whose_directory_lies_about_sizes_is_not_unpacked_past_them():
    liar = lying_zip(16)
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match="Bad CRC-32"):
            read_bytes(liar, name="liar.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB


def test_raising_the_limits_lets_a_large_document_through(monkeypatch):
    big = repack(word_file(), lambda xml: xml.replace(
        b"</w:body>", b"<w:p><w:r><w:t>" + "一、主要任务。".encode() * 200_000 + b"</w:t></w:r></w:p></w:body>"))
    with pytest.raises(LimitExceeded, match="POLICYKIT_MAX_UNPACKED_MB"):
        read_bytes(big, name="big.docx", limits=Limits(100, 1, 5000, 1000))
    monkeypatch.setenv("POLICYKIT_MAX_UNPACKED_MB", "10")
    monkeypatch.setenv("POLICYKIT_MAX_ZIP_RATIO", "1000")
    assert "一、主要任务。一、主要任务。" in read_bytes(big, name="big.docx").text


# -- the limits themselves ---------------------------------------------------------------


def test_the_built_in_limits_come_from_the_data_file(monkeypatch):
    for variable in ("POLICYKIT_MAX_FILE_MB", "POLICYKIT_MAX_UNPACKED_MB", "POLICYKIT_MAX_ZIP_MEMBERS",
                     "POLICYKIT_MAX_ZIP_RATIO"):
        monkeypatch.delenv(variable, raising=False)
    assert current() == Limits(max_file_mb=100, max_unpacked_mb=200, max_zip_members=5000, max_zip_ratio=100,
                               max_pdf_pages=2000, max_pdf_stream_mb=64, max_text_chars=20_000_000)


def test_an_environment_variable_overrides_a_limit(monkeypatch):
    monkeypatch.setenv("POLICYKIT_MAX_FILE_MB", "2.5")
    assert current().max_file_bytes == int(2.5 * MB)


@pytest.mark.parametrize("value", ["abc", "0", "-1", "inf", "nan"])
def test_a_limit_that_is_not_a_positive_number_is_an_error_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("POLICYKIT_MAX_ZIP_RATIO", value)
    with pytest.raises(LimitError, match=f"POLICYKIT_MAX_ZIP_RATIO must be a positive number, not '{value}'"):
        current()


def test_a_bad_limit_is_one_line_per_file(good):
    result = run("extract", good, env={"POLICYKIT_MAX_FILE_MB": "lots"})
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {good}: POLICYKIT_MAX_FILE_MB must be a positive number, not 'lots'\n"


@pytest.mark.parametrize("value", ["1e300", "9" * 400])
def test_an_enormous_limit_means_no_limit_not_a_traceback(good, value):
    result = run("extract", good, env={"POLICYKIT_MAX_FILE_MB": value, "POLICYKIT_MAX_PDF_PAGES": value})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["schema"] == "policykit/1"


def test_an_enormous_limit_reads_standard_input_too():
    result = run("extract", "-", env={"POLICYKIT_MAX_FILE_MB": "1e300"}, input=GOOD.encode())
    assert result.exit_code == 0, result.output


def test_every_limit_has_its_variable_and_its_entry_in_the_data_file():
    from dataclasses import fields

    from policykit.data import read_toml
    from policykit.limits import ENVIRONMENT

    names = [field.name for field in fields(Limits)]
    assert sorted(read_toml("limits.toml")) == sorted(names)
    assert ENVIRONMENT == {name: f"POLICYKIT_{name.upper()}" for name in names}
    assert current() == Limits()   # the dataclass defaults are the data file's
