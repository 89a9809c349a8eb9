"""What a file really is, from its first bytes: names lie, magic numbers rarely do."""
from __future__ import annotations

import re

# (magic, format policykit can read it as or None, what to call it)
_MAGIC: tuple[tuple[bytes, str | None, str], ...] = (
    (b"%PDF-", "pdf", "a PDF document"),
    (b"PK\x03\x04", "docx", "a zip archive, e.g. .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc", "a legacy Office document, e.g. .doc"),
    (b"{\\rtf", "doc", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", None, "a PNG image"),
    (b"\xff\xd8\xff", None, "a JPEG image"),
    (b"GIF8", None, "a GIF image"),
    (b"BM", None, "a BMP image"),
    (b"II*\x00", None, "a TIFF image"),
    (b"MM\x00*", None, "a TIFF image"),
    (b"\x1f\x8b", None, "a gzip archive"),
    (b"Rar!", None, "a RAR archive"),
    (b"7z\xbc\xaf", None, "a 7-Zip archive"),
)
# The comments are a possessive run: with a plain ``*`` a line of empty
# comments (<!----><!---->… x) took exponential time to fail.
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*+(?:<!--.*?-->\s*+)*+"
                         rb"<(?:!doctype\s+html|html|head|body|meta|div|table|p)\b", re.IGNORECASE | re.DOTALL)


def sniff_format(data: bytes) -> str | None:
    """'pdf', 'docx', 'doc' or 'html' when the bytes say so, else None."""
    for magic, fmt, _ in _MAGIC:
        if data.startswith(magic):
            return fmt
    if _HTML_START.match(data[:2048]):
        return "html"
    return None


def describe(data: bytes) -> str | None:
    for magic, _, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def describe_binary(data: bytes) -> str | None:
    """A message when ``data`` is binary rather than text, else None."""
    name = describe(data)
    if name and not name.startswith("an RTF"):
        return f"binary file ({name}), not text"
    if b"\x00" in data[:8192]:
        return "binary file, not text"
    return None
