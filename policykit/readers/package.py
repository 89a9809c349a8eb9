"""A .docx zip package checked before python-docx opens it.

python-docx unpacks every member of the zip into memory and parses the XML.
A hostile file can make that cost anything: a member of zeros that packs
1000:1 (a zip bomb), tens of thousands of members, or XML that declares a
DTD (entities that expand, or that point at local files and the network).
Everything here reads only the zip's central directory and the first few
kilobytes of each XML part, so a refused file is never unpacked.

python-docx parses with ``resolve_entities=False`` and lxml neither loads
external DTDs nor uses the network, so a DTD could not leak a file anyway;
it is refused because Word never writes one and its entities would
silently drop text.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import LimitExceeded, ReadError
from ..limits import Limits, megabytes

#: A member below this unpacked size is not judged by its packing ratio.
RATIO_FLOOR = 1024 * 1024
#: How much of each XML part is read to find its root element.
_PROLOG_BYTES = 4096
_CHUNK = 1024 * 1024
# The prolog: XML declaration, processing instructions, comments and white space.
_PROLOG = re.compile(r"(?:\s++|<\?.*?\?>|<!--.*?-->)*+", re.DOTALL)
_ROOT = re.compile(r"<[^\W\d]")


def check_package(data: bytes, path: str | None, limits: Limits, kind: str = ".docx") -> None:
    """Raise ``ReadError`` unless ``data`` is a zip whose members are few and
    small enough to unpack and whose XML parts declare no DTD."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK\x03\x04"):
            raise ReadError(f"damaged {kind} file (the zip archive is truncated: its directory is missing)",
                            path=path)
        raise ReadError(f"not a {kind} file (not a zip archive)", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_sizes(members, path, limits, kind)
            elements = 0
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    _check_prolog(archive, member, path, kind)
                    elements = _count_elements(archive, member, elements, path, limits, kind)
    except zipfile.BadZipFile as exc:
        raise ReadError(f"damaged {kind} file ({exc})", path=path) from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        # zip64 oddities, unsupported compression methods, encrypted members, truncated data
        raise ReadError(f"damaged {kind} file ({type(exc).__name__}: {exc})", path=path) from None


def _check_sizes(members: list[zipfile.ZipInfo], path: str | None, limits: Limits, kind: str) -> None:
    if len(members) > limits.max_zip_members:
        raise LimitExceeded(f"refused: the {kind} zip archive has {len(members)} members "
                        f"(limit {limits.max_zip_members}, POLICYKIT_MAX_ZIP_MEMBERS)", path=path)
    total = sum(member.file_size for member in members)
    if total > limits.max_unpacked_bytes:
        raise LimitExceeded(f"refused: the {kind} file would unpack to {megabytes(total)} "
                        f"(limit {megabytes(limits.max_unpacked_bytes)}, POLICYKIT_MAX_UNPACKED_MB); "
                        f"a zip bomb?", path=path)
    for member in members:
        if member.file_size > RATIO_FLOOR:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise LimitExceeded(f"refused: {member.filename} in the {kind} file unpacks {ratio:.0f} times "
                                f"its packed size (limit {limits.max_zip_ratio:g}, POLICYKIT_MAX_ZIP_RATIO); "
                                f"a zip bomb?", path=path)


def _count_elements(archive: zipfile.ZipFile, member: zipfile.ZipInfo, elements: int, path: str | None,
                    limits: Limits, kind: str) -> int:
    """``elements`` plus the elements of one XML part, counted from its start
    tags (``<`` not followed by ``/``, ``?`` or ``!``) as it is unpacked, a
    megabyte at a time: a part that would parse into too many is refused
    before python-docx builds its tree."""
    carry = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            text = carry + chunk
            elements += text.count(b"<") - text.count(b"</") - text.count(b"<?") - text.count(b"<!")
            if text.endswith(b"<"):  # its next byte decides: count it with the next chunk
                elements -= 1
                carry = b"<"
            else:
                carry = b""
            if elements > limits.max_xml_elements:
                raise limits.exceeded("max_xml_elements", f"the {kind} file has more XML elements than the limit "
                                                          f"({member.filename} and the parts before it)", path=path)
    return elements


def _check_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: str | None, kind: str) -> None:
    with archive.open(member) as stream:
        head = stream.read(_PROLOG_BYTES)
    text = _markup(head)
    prolog = _PROLOG.match(text)
    rest = text[prolog.end():]
    if rest.startswith("<!") and rest[2:9].upper() == "DOCTYPE":
        raise ReadError(f"refused: {member.filename} in the {kind} file declares a DTD "
                        f"(<!DOCTYPE>, entities), which Word never writes", path=path)
    if not _ROOT.match(rest):
        what = "is empty" if not head else f"does not start with an XML element in its first {len(head)} bytes"
        raise ReadError(f"damaged {kind} file ({member.filename} {what})", path=path)


def _markup(head: bytes) -> str:
    """Enough of an XML part's encoding to see its markup: UTF-16 by its
    byte-order mark or NUL bytes, else any ASCII-compatible encoding."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", errors="replace")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf")
