"""What reading one PDF may cost, enforced inside pdfminer while it works.

pdfminer (under pdfplumber) has no limits of its own: it inflates a stream
whatever it inflates to (a 1.5 MB deflate bomb became 3.2 GB), draws a form
as often as forms draw it (forms drawing the next one twice, 20 deep, draw
the last a million times), and keeps every character of a page as an
object. It has no hooks either, so a few of its methods are wrapped, once,
by :func:`guard`; the wrappers do nothing outside a ``with guard(...)``
block, and inside one they count against the limits of that block only (a
context variable: other threads and other documents are not affected):

- every stream decoded: its size, inflated a megabyte at a time and stopped
  at ``max_pdf_stream_mb``; the total for the document, ``max_pdf_unpacked_mb``;
- every content stream executed (a page's, a form's each time it is drawn):
  the bytes one page interprets, ``max_pdf_page_content_mb``;
- every character, path, image and form drawn: ``max_pdf_page_objects``;
- every operator and operand of a content stream parsed, all pages
  together: ``max_pdf_operations``;
- every array or dictionary opened while parsing: ``max_depth``.

Past one, :class:`~policykit.errors.LimitExceeded` stops the work at once.
"""
from __future__ import annotations

import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..errors import LimitExceeded
from ..limits import MB, Limits

_CHUNK = MB


@dataclass
class _Budget:
    limits: Limits
    unpacked: int = 0
    page_content: int = 0
    page_objects: int = 0
    operations: int = 0

    def new_page(self) -> None:
        self.page_content = 0
        self.page_objects = 0

    @property
    def stream_room(self) -> int:
        return int(self.limits.max_pdf_stream_mb * MB)

    def decoded(self, size: int) -> None:
        if size > self.stream_room:
            raise self.limits.exceeded("max_pdf_stream_mb", "a stream of the PDF decompresses past the limit")
        self.unpacked += size
        if self.unpacked > self.limits.max_pdf_unpacked_mb * MB:
            raise self.limits.exceeded("max_pdf_unpacked_mb", "the streams of the PDF decompress past the limit")

    def interpreted(self, size: int) -> None:
        self.page_content += size
        if self.page_content > self.limits.max_pdf_page_content_mb * MB:
            raise self.limits.exceeded("max_pdf_page_content_mb",
                                       "a page draws more content than the limit (forms drawn over and over?)")

    def drawn(self) -> None:
        self.page_objects += 1
        if self.page_objects > self.limits.max_pdf_page_objects:
            raise self.limits.exceeded("max_pdf_page_objects", "a page draws more objects than the limit")

    def operated(self) -> None:
        self.operations += 1
        if self.operations > self.limits.max_pdf_operations:
            raise self.limits.exceeded("max_pdf_operations",
                                       "the pages of the PDF hold more operations than the limit")

    def nested(self, depth: int) -> None:
        if depth > self.limits.max_depth:
            raise self.limits.exceeded("max_depth", "the PDF nests arrays or dictionaries deeper than the limit")

    def inflate(self, data: bytes, lenient: bool = False) -> bytes:
        """zlib data inflated a megabyte at a time, refused once past the
        stream limit. Damaged data gives what inflated before the damage
        when ``lenient`` (as pdfminer does for a bad checksum), else zlib.error."""
        inflater = zlib.decompressobj()
        out: list[bytes] = []
        size = 0
        pending = data
        try:
            while True:
                piece = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                size += len(piece)
                if size > self.stream_room:
                    self.decoded(size)
                out.append(piece)
                if inflater.eof or not piece and not pending:
                    break
        except zlib.error:
            if not lenient:
                raise
        return b"".join(out)

    def lzw(self, data: bytes) -> bytes:
        from io import BytesIO

        from pdfminer.lzw import LZWDecoder

        out: list[bytes] = []
        size = 0
        for piece in LZWDecoder(BytesIO(data)).run():
            size += len(piece)
            if size > self.stream_room:
                self.decoded(size)
            out.append(piece)
        return b"".join(out)

    def run_length(self, data: bytes) -> bytes:
        """RunLengthDecode: a run byte repeats one byte up to 128 times."""
        out = bytearray()
        at = 0
        while at < len(data):
            length = data[at]
            if length == 128:
                break
            if length < 128:
                out += data[at + 1:at + length + 2]
                at += length + 2
            else:
                out += data[at + 1:at + 2] * (257 - length)
                at += 2
            if len(out) > self.stream_room:
                self.decoded(len(out))
        return bytes(out)


_ACTIVE: ContextVar[_Budget | None] = ContextVar("policykit_pdf_budget", default=None)
_installed = False


@contextmanager
def guard(limits: Limits):
    """Count what pdfminer does inside this block against ``limits``; yields
    the budget (call ``new_page()`` before each page)."""
    _install()
    budget = _Budget(limits)
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)


def _install() -> None:
    global _installed
    if _installed:
        return
    from pdfminer import ascii85, pdftypes
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
    from pdfminer.psparser import PSStackParser
    from pdfminer.pdftypes import stream_value

    missing = [name for name in ("zlib", "decompress_corrupted", "lzwdecode", "rldecode", "ascii85decode")
               if not hasattr(pdftypes, name)]
    if missing:  # a pdfminer that no longer works as wrapped here: fail loudly, never read unguarded
        raise RuntimeError(f"pdfminer.pdftypes has no {', '.join(missing)}: policykit's PDF limits need updating")
    zlib_decompress, corrupted, lzwdecode, rldecode = (zlib.decompress, pdftypes.decompress_corrupted,
                                                      pdftypes.lzwdecode, pdftypes.rldecode)

    class _Zlib:
        """pdfminer's ``zlib``: ``decompress`` bounded inside a guard."""

        error = zlib.error

        @staticmethod
        def decompress(data: bytes) -> bytes:
            budget = _ACTIVE.get()
            return budget.inflate(data) if budget else zlib_decompress(data)

        def __getattr__(self, name: str):
            return getattr(zlib, name)

    def decompress_corrupted(data: bytes) -> bytes:
        budget = _ACTIVE.get()
        return budget.inflate(data, lenient=True) if budget else corrupted(data)

    def lzw(data: bytes) -> bytes:
        budget = _ACTIVE.get()
        return budget.lzw(data) if budget else lzwdecode(data)

    def run_length(data: bytes) -> bytes:
        budget = _ACTIVE.get()
        return budget.run_length(data) if budget else rldecode(data)

    def a85(data: bytes) -> bytes:
        budget = _ACTIVE.get()
        if budget and len(data) + 3 * data.count(b"z") > budget.stream_room:  # each z is four zero bytes
            budget.decoded(len(data) + 3 * data.count(b"z"))
        return ascii85.ascii85decode(data)

    pdftypes.zlib = _Zlib()
    pdftypes.decompress_corrupted = decompress_corrupted
    pdftypes.lzwdecode = lzw
    pdftypes.rldecode = run_length
    pdftypes.ascii85decode = a85

    decode = pdftypes.PDFStream.decode

    def guarded_decode(self) -> None:
        decode(self)
        budget = _ACTIVE.get()
        if budget and self.data is not None:
            budget.decoded(len(self.data))

    pdftypes.PDFStream.decode = guarded_decode

    execute = PDFPageInterpreter.execute

    def guarded_execute(self, streams) -> None:
        budget = _ACTIVE.get()
        if budget:
            for obj in streams:
                try:
                    content = stream_value(obj)
                except Exception:  # pdfminer skips what is not a stream
                    continue
                budget.interpreted(len(content.get_data()))
        execute(self, streams)

    do_xobject = PDFPageInterpreter.do_Do

    def guarded_do(self, xobjid) -> None:
        budget = _ACTIVE.get()
        if budget:
            budget.drawn()
        do_xobject(self, xobjid)

    PDFPageInterpreter.execute = guarded_execute
    PDFPageInterpreter.do_Do = guarded_do

    next_object = PDFContentParser.nextobject

    def guarded_next_object(self):
        found = next_object(self)   # an operand or an operator of a content stream
        budget = _ACTIVE.get()
        if budget:
            budget.operated()
        return found

    PDFContentParser.nextobject = guarded_next_object

    for name in ("render_char", "paint_path", "render_image"):
        _count_calls(PDFLayoutAnalyzer, name)

    start_type = PSStackParser.start_type

    def guarded_start_type(self, pos: int, type: str) -> None:
        budget = _ACTIVE.get()
        if budget:
            budget.nested(len(self.context) + 1)
        start_type(self, pos, type)

    PSStackParser.start_type = guarded_start_type
    _installed = True


def _count_calls(cls, name: str) -> None:
    method = getattr(cls, name)

    def counted(self, *args, **kwargs):
        budget = _ACTIVE.get()
        if budget:
            budget.drawn()
        return method(self, *args, **kwargs)

    counted.__name__ = name
    setattr(cls, name, counted)


__all__ = ["guard", "LimitExceeded"]
