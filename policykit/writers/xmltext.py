"""Text that XML 1.0 can hold, and so a .docx or .xlsx file.

Scraped documents carry control characters (form feeds, NULs, stray
surrogates) that python-docx and openpyxl refuse or, worse, write into a file
Word cannot open. They carry no meaning in a task sheet and are dropped.
"""
from __future__ import annotations

import re

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_IN_XML.sub("", text)
