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
from pathlib import Path

from ..errors import PolicykitError, ReadError, UnsupportedFormat
from ..model import Warning
from .result import Cell, ReadResult, Table
from .sniff import sniff_format

__all__ = ["Cell", "ReadResult", "Table", "SUPPORTED_SUFFIXES", "read_bytes", "read_file", "read_stdin_bytes"]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf", ".doc")
_FORMATS = {".txt": "txt", ".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf", ".doc": "doc"}
STDIN_NAME = "<stdin>"


def read_file(path: str | os.PathLike, encoding: str | None = None) -> ReadResult:
    """Read a document file; ``encoding`` forces the encoding of .txt and .html."""
    name = str(path)
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise ReadError("file not found", path=name) from None
    except IsADirectoryError:
        raise ReadError("is a directory, not a file", path=name) from None
    except PermissionError:
        raise ReadError("permission denied", path=name) from None
    except OSError as exc:
        if file.is_dir():
            raise ReadError("is a directory, not a file", path=name) from None
        raise ReadError(f"cannot read file ({exc.strerror or exc})", path=name) from None
    return read_bytes(data, name=name, encoding=encoding)


def read_bytes(data: bytes, name: str = STDIN_NAME, encoding: str | None = None,
               format: str | None = None) -> ReadResult:
    """Read a document from bytes. The format comes from ``format``, else
    from the suffix of ``name``; standard input is text."""
    fmt = _FORMATS.get(f".{format.lower().lstrip('.')}", format) if format else _format_of(name, data)
    if fmt not in _FORMATS.values():
        raise UnsupportedFormat(_unsupported(f".{fmt}"), path=name)
    if not data:
        raise ReadError("empty file", path=name)
    try:
        return _read(data, name, encoding, fmt)
    except PolicykitError:
        raise
    except RecursionError:
        raise ReadError(f"cannot read this {fmt} file (nested too deeply)", path=name) from None
    except Exception as exc:  # a damaged file must give a message, not a traceback
        raise ReadError(f"cannot read this {fmt} file ({type(exc).__name__}: {exc})", path=name) from exc


def read_stdin_bytes(data: bytes, encoding: str | None = None) -> ReadResult:
    """Text piped to standard input."""
    return read_bytes(data, name=STDIN_NAME, encoding=encoding, format="txt")


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


def _read(data: bytes, name: str, encoding: str | None, fmt: str) -> ReadResult:
    actual = sniff_format(data)
    if fmt == "txt":
        from .plaintext import decode_text, normalize_newlines

        text, used, warnings = decode_text(data, encoding, path=name)
        return ReadResult(normalize_newlines(text), "txt", used, warnings)
    if fmt == "html":
        from .webpage import read_html

        return read_html(data, name, encoding)
    if fmt == "pdf":
        from .pdf import read_pdf

        if actual != "pdf" and b"%PDF-" not in data[:1024]:
            raise ReadError("not a PDF file (no %PDF header)", path=name)
        return read_pdf(data, name)
    if fmt == "docx":
        from .word import read_docx

        if actual == "doc":  # a legacy .doc (or RTF) renamed .docx
            return _mismatch(_read(data, name, encoding, "doc"), "docx")
        return read_docx(data, name)
    # fmt == "doc"
    if actual == "docx":  # a .docx renamed .doc
        from .word import read_docx

        return _mismatch(read_docx(data, name), "doc")
    if actual == "html":  # web sites often serve HTML as .doc
        from .webpage import read_html

        return _mismatch(read_html(data, name, encoding), "doc")
    if actual != "doc" and not data.lstrip().startswith(b"MIME-Version"):
        raise ReadError("not a Word .doc file (unrecognised content)", path=name)
    from .libreoffice import convert_to_docx
    from .word import read_docx

    return read_docx(convert_to_docx(data, name), name, fmt="doc")


def _mismatch(result: ReadResult, named: str) -> ReadResult:
    result.warnings.insert(0, Warning("format_mismatch", f"named .{named} but the content is {result.format}"))
    return result
