"""policykit/1 documents as JSON text: UTF-8, characters as written, stable."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .files import atomic_write_text

#: A list of plain values (a span, lead_units, a path) stays on one line up to this width.
INLINE_WIDTH = 80


def dumps(doc_dict: Any, pretty: bool = True) -> str:
    """JSON text of a document (or any plain value), without a final newline.

    Keys keep the model's order, so the same document gives the same bytes.
    ``pretty=True`` indents by two spaces and keeps short lists of plain
    values on one line (``"span": [12, 40]``); ``pretty=False`` gives one
    line, as in JSON Lines.
    """
    if hasattr(doc_dict, "to_dict"):
        doc_dict = doc_dict.to_dict()
    if pretty:
        return _indented(doc_dict, "")
    return json.dumps(doc_dict, ensure_ascii=False, separators=(",", ":"))


def _indented(value: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = (f"{inner}{_scalar(k)}: {_indented(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value:
        if not any(isinstance(v, (dict, list)) for v in value):
            flat = "[" + ", ".join(map(_scalar, value)) + "]"
            if len(inner) + len(flat) <= INLINE_WIDTH:
                return flat
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + f"\n{indent}]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_json_atomic(path: str | os.PathLike[str], doc_dict: Any, pretty: bool = True) -> Path:
    return atomic_write_text(path, dumps(doc_dict, pretty) + "\n")
