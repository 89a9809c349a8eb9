"""Sentences of a text: split after 。！？； (and their half-width forms) and at line ends.

The delimiter stays with its sentence, as do closing quotes and brackets that
follow it (``……。”``). Spans index into the text given, so sentences of the
source text point into ``policykit text`` output.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Span

ENDERS = "。！？；!?;"
CLOSERS = "”’」』）)】》〕"
_SENTENCE = re.compile(rf"[^{ENDERS}\r\n]*[{ENDERS}]+[{CLOSERS}]*|[^{ENDERS}\r\n]+")


@dataclass(frozen=True)
class Sentence:
    text: str
    span: Span

    def to_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span)}


def sentences(text: str) -> list[Sentence]:
    """Non-blank sentences of ``text``, surrounding white space trimmed."""
    out = []
    for match in _SENTENCE.finditer(text):
        piece = match.group()
        body = piece.strip()
        if not body:
            continue
        start = match.start() + (len(piece) - len(piece.lstrip()))
        out.append(Sentence(body, (start, start + len(body))))
    return out
