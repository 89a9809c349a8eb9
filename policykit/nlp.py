"""The spaCy pipeline: ``spacy.blank("zh")`` segmenting with jieba and the
domain user dictionary of ``policykit/data/userdict.txt``. Built once per
process, on first use, so commands that never segment never import jieba.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

from .data import data_path


def cache_dir() -> Path:
    """A per-user cache directory (never the shared /tmp)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "policykit"
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def jieba_tokenizer():
    """jieba's default tokenizer, its cache per user, the user dictionary loaded."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(cache_dir())
    jieba.dt.cache_file = "jieba.cache"
    jieba.dt.initialize()
    with data_path("userdict.txt").open("rb") as fh:
        jieba.dt.load_userdict(fh)
    return jieba.dt


@lru_cache(maxsize=1)
def pipeline():
    """``spacy.blank("zh")`` whose tokenizer is jieba with our dictionary."""
    import spacy

    jieba_tokenizer()  # the segmenter below uses the jieba module's default tokenizer
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def words(text: str) -> list[str]:
    """jieba words of a short phrase, through the spaCy pipeline's tokenizer."""
    if not text:
        return []
    return [t.text for t in pipeline().tokenizer(text)]


def _tag(word: str) -> str | None:
    """``word``'s part-of-speech tag in jieba's dictionary (None: not a dictionary word)."""
    import jieba.posseg

    jieba_tokenizer()
    return jieba.posseg.dt.word_tag_tab.get(word)


_VERB_TAGS = frozenset({"v", "vn"})


def is_verb(word: str, verbal_nouns: bool = True) -> bool:
    """Is ``word`` a verb (or, with ``verbal_nouns``, a verbal noun) in jieba's dictionary (优化, 延长)?"""
    return _tag(word) in _VERB_TAGS if verbal_nouns else _tag(word) == "v"


def is_place(word: str) -> bool:
    """Is ``word`` a place name in jieba's dictionary (广州, 宁波)?"""
    return _tag(word) == "ns"


def is_numeral(word: str) -> bool:
    """Is ``word`` a numeral or a quantity in jieba's dictionary (一批, 两轮)?"""
    return _tag(word) == "m"


def is_noun(word: str) -> bool:
    """Is ``word`` a noun of some kind in jieba's dictionary (主体, 市场主体, 光网)?"""
    return (_tag(word) or "").startswith("n")
