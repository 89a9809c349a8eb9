"""Readers: a file (.txt, .docx, .html, .pdf, .doc) → its source text.

The source text is what every span of the policykit/1 contract indexes:
one paragraph per line, '\\n' line endings, no BOM. For .txt it is the
decoded file itself; for the other formats it is the plain text the reader
extracts, table cells one per line in reading order, and ``tables`` says
where each cell is, so an annex table (任务 / 牵头单位 / 配合单位 / 完成时限)
can be joined back to the tasks.

Example::

    from policykit.readers import read_file
    result = read_file("plan.docx")
    result.text.splitlines()[0]          # the first paragraph
    result.tables[0].text_rows()         # the first table, cell texts
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import LimitExceeded, PolicykitError, ReadError, UnsupportedFormat
from ..limits import Limits, current as current_limits, megabytes
from ..model import Warning
from .result import Cell, ReadResult, Table
from .sniff import sniff_format

__all__ = ["Cell", "ReadResult", "Table", "SUPPORTED_SUFFIXES", "file_bytes", "read_at_most", "read_bytes",
           "read_file", "read_stdin_bytes"]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf", ".doc")
_FORMATS = {".txt": "txt", ".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf", ".doc": "doc"}
STDIN_NAME = "<stdin>"
_NO_TEXT = {
    "txt": "no text (the file holds only white space)",
    "html": "no text (the page holds only scripts, styles, markup or page furniture)",
    "docx": "no text (the document body is empty)",
    "doc": "no text (the document body is empty)",
    "pdf": "no text (the PDF shows none)",
}


def read_file(path: str | os.PathLike, encoding: str | None = None, limits: Limits | None = None) -> ReadResult:
    """Read a document file; ``encoding`` forces the encoding of .txt and .html.
    ``limits`` (default: ``policykit.limits.current()``) bound the file's size
    and what a .docx may unpack to."""
    limits = limits or current_limits()
    return read_bytes(file_bytes(path, limits), name=str(path), encoding=encoding, limits=limits)


def file_bytes(path: str | os.PathLike, limits: Limits | None = None) -> bytes:
    """The content of a regular file no larger than ``limits.max_file_mb``,
    or a ``ReadError`` saying why not (refused before reading)."""
    name = str(path)
    limits = limits or current_limits()
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise ReadError("not a regular file (a pipe or device); use - for standard input", path=name)
        if info.st_size > limits.max_file_bytes:
            raise LimitExceeded(_too_large(info.st_size, limits), path=name)
        with open(path, "rb") as fh:
            data = read_at_most(fh, limits.max_file_bytes)
    except FileNotFoundError:
        broken = os.path.islink(path)   # listed in a folder, pointing nowhere
        raise ReadError("file not found (a broken symbolic link)" if broken else "file not found", path=name) from None
    except IsADirectoryError:
        raise ReadError("is a directory, not a file", path=name) from None
    except PermissionError:
        raise ReadError("permission denied", path=name) from None
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror or exc})", path=name) from None
    if len(data) > limits.max_file_bytes:  # it grew while we looked
        raise LimitExceeded(_too_large(None, limits), path=name)
    return data


def read_at_most(stream, limit: int) -> bytes:
    """Bytes from a binary stream up to EOF or one byte past ``limit``,
    whichever comes first, in chunks: a limit of a terabyte allocates
    nothing up front, and a refused input is not read on."""
    chunks = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_bytes(data: bytes, name: str = STDIN_NAME, encoding: str | None = None,
               format: str | None = None, limits: Limits | None = None) -> ReadResult:
    """Read a document from bytes. The format comes from ``format``, else
    from the suffix of ``name``; standard input is text."""
    limits = limits or current_limits()
    fmt = _FORMATS.get(f".{format.lower().lstrip('.')}", format) if format else _format_of(name, data)
    if fmt not in _FORMATS.values():
        raise UnsupportedFormat(_unsupported(f".{fmt}"), path=name)
    if not data:
        raise ReadError("empty file", path=name)
    if len(data) > limits.max_file_bytes:
        raise LimitExceeded(_too_large(None, limits), path=name)
    try:
        result = _read(data, name, encoding, fmt, limits)
        if len(result.text) > limits.max_text_chars:
            raise limits.exceeded("max_text_chars", f"the text has {len(result.text):,} characters")
    except PolicykitError as exc:
        exc.path = exc.path or name   # raised where the file's name is not known (a limit met while reading)
        raise
    except RecursionError:
        raise ReadError(f"cannot read this {fmt} file (nested too deeply)", path=name) from None
    except MemoryError:
        raise ReadError(f"cannot read this {fmt} file (out of memory)", path=name) from None
    except Exception as exc:  # a damaged file must give a message, not a traceback
        raise ReadError(f"cannot read this {fmt} file ({type(exc).__name__}: {exc})", path=name) from exc
    if not result.text.strip():  # nothing to extract: say so rather than give an empty document
        raise ReadError(_NO_TEXT.get(result.format, _NO_TEXT["txt"]), path=name)
    return _without_surrogates(result)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(result: ReadResult) -> ReadResult:
    """A lone surrogate (half of a UTF-16 pair: from a w:sym code, a PDF's
    character map, a UTF-7 or UTF-16 file) cannot be written as UTF-8: it is
    replaced by U+FFFD here, once for every reader, one character for one so
    that every span stays right."""
    found = len(_SURROGATE.findall(result.text))
    if not found:
        return result
    result.text = _SURROGATE.sub("\ufffd", result.text)
    for table in result.tables:
        for row in table.rows:
            for cell in row:
                cell.text = _SURROGATE.sub("\ufffd", cell.text)
    result.warnings.append(Warning("lone_surrogates_replaced",
                                   f"{found} lone surrogates (half characters) were replaced by \ufffd"))
    return result


def _too_large(size: int | None, limits: Limits) -> str:
    limit = megabytes(limits.max_file_bytes)
    if size is None:  # read up to the limit and found more
        return f"file too large (over the limit of {limit}, POLICYKIT_MAX_FILE_MB)"
    return f"file too large ({megabytes(size)}; the limit is {limit}, POLICYKIT_MAX_FILE_MB)"


def read_stdin_bytes(data: bytes, encoding: str | None = None, limits: Limits | None = None) -> ReadResult:
    """Text piped to standard input."""
    return read_bytes(data, name=STDIN_NAME, encoding=encoding, format="txt", limits=limits)


def _format_of(name: str, data: bytes) -> str:
    if name == STDIN_NAME:
        return "txt"
    suffix = Path(name).suffix.lower()
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    if not suffix:
        return sniff_format(data) or "txt"
    raise UnsupportedFormat(_unsupported(suffix), path=name)


def _unsupported(suffix: str) -> str:
    return f"unsupported format '{suffix}' (supported: .txt .docx .html .pdf .doc)"


def _read(data: bytes, name: str, encoding: str | None, fmt: str, limits: Limits) -> ReadResult:
    actual = sniff_format(data)
    if fmt == "txt":
        from .plaintext import decode_text, normalize_newlines

        text, used, warnings = decode_text(data, encoding, path=name)
        return ReadResult(normalize_newlines(text), "txt", used, warnings)
    if fmt == "html":
        from .webpage import read_html

        return read_html(data, name, encoding, limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        if actual != "pdf" and b"%PDF-" not in data[:1024]:
            raise ReadError("not a PDF file (no %PDF header)", path=name)
        return read_pdf(data, name, limits)
    if fmt == "docx":
        from .word import read_docx

        if actual == "doc":  # a legacy .doc (or RTF) renamed .docx
            return _mismatch(_read(data, name, encoding, "doc", limits), "docx")
        return read_docx(data, name, limits=limits)
    # fmt == "doc"
    if actual == "docx":  # a .docx renamed .doc
        from .word import read_docx

        return _mismatch(read_docx(data, name, limits=limits), "doc")
    if actual == "html":  # web sites often serve HTML as .doc
        from .webpage import read_html

        return _mismatch(read_html(data, name, encoding, limits), "doc")
    if actual != "doc" and not data.lstrip().startswith(b"MIME-Version"):
        raise ReadError("not a Word .doc file (unrecognised content)", path=name)
    from .libreoffice import convert_to_docx, looks_like_word_doc
    from .word import read_docx

    if data.startswith(b"\xd0\xcf\x11\xe0") and not looks_like_word_doc(data):
        # LibreOffice would read anything behind the signature as text, and give a garbage document
        raise ReadError("not a Word .doc file (the Word header is not followed by a Word document)", path=name)
    return read_docx(convert_to_docx(data, name, limits), name, fmt="doc", limits=limits)


def _mismatch(result: ReadResult, named: str) -> ReadResult:
    result.warnings.insert(0, Warning("format_mismatch", f"named .{named} but the content is {result.format}"))
    return result
