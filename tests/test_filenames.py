"""File names from unit names: valid everywhere, short enough, unique in a folder."""
from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykit.writers.files import atomic_write_bytes
from policykit.writers.filenames import MAX_BYTES, NameBook, safe_name

WINDOWS_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def test_an_ordinary_unit_name_is_kept():
    assert safe_name("任务分工表-市科技局", ".docx") == "任务分工表-市科技局.docx"


@pytest.mark.parametrize("char", list('/\\:*?"<>|') + ["\x00", "\n", "\x1f", "\ud800"])
def test_characters_a_file_system_forbids_become_underscores(char):
    assert safe_name(f"市{char}科技局", ".docx") == "市_科技局.docx"


@pytest.mark.parametrize("stem", ["CON", "con", "NUL", "PRN", "AUX", "COM1", "LPT9", "CON.txt", "nul "])
def test_names_windows_reserves_get_an_underscore_in_front(stem):
    name = safe_name(stem, ".docx")
    assert name.startswith("_")
    assert name.split(".")[0].upper().strip() not in {"CON", "NUL", "PRN", "AUX", "COM1", "LPT9"}


@pytest.mark.parametrize("stem", ["", ".", "..", "...", " ", " . "])
def test_names_of_only_dots_and_spaces_become_an_underscore(stem):
    assert safe_name(stem, ".docx") == "_.docx"


def test_leading_and_trailing_dots_and_spaces_go():
    assert safe_name(" .市科技局. ", ".docx") == "市科技局.docx"


def test_a_long_name_is_shortened_to_whole_characters_and_keeps_its_suffix():
    name = safe_name("任务分工表-" + "局" * 200, ".docx")
    assert name.endswith("局.docx")
    assert len(name.encode("utf-8")) <= MAX_BYTES


def test_a_long_name_can_be_written_atomically(tmp_path):
    # The temporary file beside it has a longer name still; both must fit the file system.
    name = safe_name("x" * 300, ".docx")
    path = atomic_write_bytes(tmp_path / name, b"PK")
    assert path.read_bytes() == b"PK"


def test_the_name_book_never_hands_out_a_name_twice():
    book = NameBook()
    names = [book.claim(stem, ".docx") for stem in ["市/科技局", "市:科技局", "市_科技局"]]
    assert names == ["市_科技局.docx", "市_科技局-2.docx", "市_科技局-3.docx"]


def test_names_that_differ_only_in_case_or_normal_form_count_as_the_same():
    book = NameBook()
    first = book.claim("Office", ".docx")
    second = book.claim("OFFICE", ".docx")
    third = book.claim(unicodedata.normalize("NFD", "Café"), ".docx")
    fourth = book.claim("Café", ".docx")
    assert (first, second) == ("Office.docx", "OFFICE-2.docx")
    assert fourth == "Café-2.docx" and third == "Café.docx"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_any_text_gives_a_name_every_file_system_accepts(stem):
    name = safe_name(stem, ".docx")
    assert name.endswith(".docx") and len(name.encode("utf-8")) <= MAX_BYTES
    assert not WINDOWS_FORBIDDEN.search(name)
    assert not name.startswith((".", " "))
    assert name[: -len(".docx")].rstrip() == name[: -len(".docx")]
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    with tempfile.TemporaryDirectory() as folder:
        assert atomic_write_bytes(Path(folder) / name, b"PK").is_file()
