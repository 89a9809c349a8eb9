"""policykit: turn a Chinese policy document into structured tasks.

    >>> import policykit
    >>> doc = policykit.extract_file("a.docx")
    >>> doc.to_dict()["measures"][0]["lead_units"]
    >>> policykit.assign(doc, "sheets/", xlsx=True)   # Word sheets per department, summary, ledger

The public names are loaded on first use, so ``import policykit`` (and
``policykit --help``) stays fast and never imports jieba, spaCy or the
document readers.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["PolicyDocument", "__version__", "assign", "extract_file", "extract_text"]

if TYPE_CHECKING:
    from .model import PolicyDocument
    from .pipeline import extract_file, extract_text
    from .writers.taskfiles import assign

    __version__: str


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policykit")
    except PackageNotFoundError:
        return "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("extract_file", "extract_text"):
        from . import pipeline

        value = getattr(pipeline, name)
    elif name == "assign":
        from .writers.taskfiles import assign as value
    elif name == "PolicyDocument":
        from .model import PolicyDocument as value
    elif name == "__version__":
        value = _version()
    else:
        raise AttributeError(f"module 'policykit' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
