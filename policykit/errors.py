"""Errors a user can act on. Each renders as one line naming the file."""
from __future__ import annotations


class PolicykitError(Exception):
    """Base of every error policykit raises on purpose."""

    code = "error"

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ReadError(PolicykitError):
    """A file that cannot be read as a policy document."""

    code = "read_error"


class UnsupportedFormat(ReadError):
    code = "unsupported_format"


class LimitExceeded(ReadError):
    """A file refused because it is larger, or unpacks larger, than a limit
    of ``policykit.limits`` allows."""

    code = "limit_exceeded"
