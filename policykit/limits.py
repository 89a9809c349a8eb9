"""How much policykit agrees to read: the limits of ``data/limits.toml``,
each overridable by an environment variable.

The limits keep a hostile or broken file (a zip bomb named .docx, a 2 GB
log named .txt) from exhausting memory or time: such a file is refused with
a one-line error before it is unpacked or decoded. Environment variables
reach worker processes too, so a batch run applies the same limits
everywhere.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .data import read_toml
from .errors import PolicykitError

MB = 1024 * 1024

#: Limit name → environment variable that overrides it.
ENVIRONMENT = {
    "max_file_mb": "POLICYKIT_MAX_FILE_MB",
    "max_unpacked_mb": "POLICYKIT_MAX_UNPACKED_MB",
    "max_zip_members": "POLICYKIT_MAX_ZIP_MEMBERS",
    "max_zip_ratio": "POLICYKIT_MAX_ZIP_RATIO",
}


class LimitError(PolicykitError):
    """A limit set to something that is not a positive number."""

    code = "bad_limit"


@dataclass(frozen=True)
class Limits:
    max_file_mb: float
    max_unpacked_mb: float
    max_zip_members: int
    max_zip_ratio: float

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_unpacked_bytes(self) -> int:
        return int(self.max_unpacked_mb * MB)


def current() -> Limits:
    """The built-in limits, with those the environment sets instead."""
    values = dict(read_toml("limits.toml"))
    for name, variable in ENVIRONMENT.items():
        given = os.environ.get(variable, "").strip()
        if given:
            values[name] = _positive(given, variable)
    return Limits(float(values["max_file_mb"]), float(values["max_unpacked_mb"]),
                  int(values["max_zip_members"]), float(values["max_zip_ratio"]))


def _positive(text: str, variable: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise LimitError(f"{variable} must be a positive number, not {text!r}")
    return value


def megabytes(size: int) -> str:
    """``320 KB``, ``1.5 MB``, ``320 MB``: a size for a message."""
    if size < MB:
        return f"{size / 1024:.0f} KB"
    value = size / MB
    return f"{value:.1f} MB" if value < 10 else f"{value:.0f} MB"
