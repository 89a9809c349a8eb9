"""Language data of policykit: word lists, patterns and tables kept as files."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources


def data_path(name: str):
    return resources.files(__name__).joinpath(name)


@lru_cache(maxsize=None)
def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def read_patterns(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file."""
    lines = (line.strip() for line in read_text(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def alternation(words) -> str:
    """A regular-expression alternation of literal words, longest first (so the
    longest word wins where one word starts another)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def read_toml(name: str) -> dict:
    return tomllib.loads(read_text(name))
