"""How much policykit agrees to read: the limits of ``data/limits.toml``,
each overridable by an environment variable (``POLICYKIT_`` and the name in
capitals, e.g. ``POLICYKIT_MAX_PDF_PAGES``).

The limits keep a hostile or broken file (a zip bomb named .docx, a deflate
bomb inside a PDF, a 2 GB log named .txt) from exhausting memory or time:
such a file is refused with a one-line error naming the limit, before or
while the work is done. Environment variables reach worker processes too,
so a batch run applies the same limits everywhere.

Example::

    from policykit.limits import current
    current().max_pdf_pages                    # 2000, or $POLICYKIT_MAX_PDF_PAGES
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from .data import read_toml
from .errors import LimitExceeded, PolicykitError

MB = 1024 * 1024
#: No limit is taken above this: larger settings mean "no limit" in practice,
#: and keep arithmetic with the limit in machine integers.
_CEILING = 2.0 ** 40


class LimitError(PolicykitError):
    """A limit set to something that is not a positive number."""

    code = "bad_limit"


@dataclass(frozen=True)
class Limits:
    """One field per entry of ``data/limits.toml`` (its comments say what each bounds)."""

    max_file_mb: float = 100
    max_unpacked_mb: float = 200
    max_zip_members: int = 5000
    max_zip_ratio: float = 100
    max_text_chars: int = 20_000_000
    max_table_cells: int = 500_000
    max_depth: int = 256
    max_xml_elements: int = 1_000_000
    max_doc_seconds: float = 60
    max_html_elements: int = 200_000
    max_pdf_pages: int = 2000
    max_pdf_objects: int = 500_000
    max_pdf_stream_mb: float = 64
    max_pdf_unpacked_mb: float = 256
    max_pdf_page_content_mb: float = 16
    max_pdf_page_objects: int = 50_000
    max_pdf_operations: int = 3_000_000
    # -- batches (policykit.batch, policykit.pool)
    timeout_seconds: float = 300
    max_worker_memory_mb: float = 2048
    dask_connect_seconds: float = 30
    # -- JSON inputs (policykit.jsoninput)
    max_json_depth: int = 200

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_unpacked_bytes(self) -> int:
        return int(self.max_unpacked_mb * MB)

    @staticmethod
    def variable(name: str) -> str:
        """The environment variable of limit ``name``."""
        return f"POLICYKIT_{name.upper()}"

    def exceeded(self, name: str, what: str, path: str | None = None) -> LimitExceeded:
        """The error for an input past limit ``name``: ``refused: WHAT (limit
        N, VARIABLE)``, N as the limit is written (``16 MB`` for sizes)."""
        value = getattr(self, name)
        shown = f"{value:g} MB" if name.endswith("_mb") else f"{value:,}" if isinstance(value, int) else f"{value:g}"
        if name.endswith("_seconds"):
            shown = f"{value:g} s"
        return LimitExceeded(f"refused: {what} (limit {shown}, {self.variable(name)})", path=path)


#: Limit name → environment variable that overrides it.
ENVIRONMENT = {field.name: Limits.variable(field.name) for field in dataclasses.fields(Limits)}


def current() -> Limits:
    """The built-in limits, with those the environment sets instead."""
    values = dict(read_toml("limits.toml"))
    for name, variable in ENVIRONMENT.items():
        given = os.environ.get(variable, "").strip()
        if given:
            values[name] = _positive(given, variable)
    typed = {}
    for field in dataclasses.fields(Limits):
        value = values.get(field.name, field.default)
        typed[field.name] = max(1, int(value)) if field.type == "int" else float(value)
    return Limits(**typed)


def _positive(text: str, variable: str) -> float:
    digits = text.replace("_", "")
    try:
        value = float(digits)
    except ValueError:
        value = -1.0
    if value == float("inf") and digits.isdigit():  # a number too long for a float is a very large one
        value = _CEILING
    if not value > 0 or value == float("inf"):
        raise LimitError(f"{variable} must be a positive number, not {text!r}")
    return min(value, _CEILING)


def megabytes(size: int) -> str:
    """``320 KB``, ``1.5 MB``, ``320 MB``: a size for a message."""
    if size < MB:
        return f"{size / 1024:.0f} KB"
    value = size / MB
    return f"{value:.1f} MB" if value < 10 else f"{value:.0f} MB"
