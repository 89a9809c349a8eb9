"""Unit aliases: the names that stand for one department (市科技局 = 市科学技术局).

The built-in list is ``policykit/data/aliases.toml``; a user adds to it or
overrides it with a file of their own (YAML or TOML, canonical name → list
of aliases) and with an ``[aliases]`` table in ``policykit.toml`` in the
working directory. Later sources win: built-in < policykit.toml < --aliases.

Only exact names are merged, after dropping white space; anything cleverer
would merge departments that are not the same.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import LimitExceeded, PolicykitError

#: The per-folder settings file read from the working directory.
CONFIG_FILE = "policykit.toml"

_SPACE = re.compile(r"\s+")


class AliasError(PolicykitError):
    """An alias file that cannot be read or makes no sense."""

    code = "alias_error"


def _key(name: str) -> str:
    return _SPACE.sub("", name)


@dataclass(frozen=True)
class Aliases:
    """Which name each alias stands for. Plain data: picklable, safe to ship to workers."""

    #: squeezed alias → canonical name, already resolved to the end of any chain
    table: dict[str, str] = field(default_factory=dict)
    #: canonical names an office chose in its own alias file: shown as they are;
    #: a group known only from the built-in list is shown under the document's own spelling
    preferred: frozenset[str] = frozenset()

    def canonical(self, name: str) -> str:
        """The canonical name of ``name``; a name that is no alias stands for itself."""
        return self.table.get(_key(name), name)

    def display(self, name: str, first_seen: str) -> str:
        """The name a merged unit is listed under, given the spelling a document used first."""
        canonical = self.canonical(name)
        return canonical if canonical in self.preferred else first_seen

    def merged(self, groups: Mapping[str, Iterable[str]], origin: str = "aliases",
               preferred: bool = False) -> "Aliases":
        """These aliases with ``groups`` (canonical → aliases) added; ``groups`` wins a conflict.

        A name declared canonical stops being an alias of an earlier list, so a
        user can turn a built-in pair round (``市科技局: [市科学技术局]``);
        within ``groups`` aliases of aliases are followed to the end.
        """
        table: dict[str, str] = dict(self.table)
        mine: dict[str, str] = {}
        for canonical in groups:
            table.pop(_key(canonical), None)
        for canonical, names in groups.items():
            for name in names:
                if _key(name) == _key(canonical):
                    continue
                if mine.get(_key(name), canonical) != canonical:
                    raise AliasError(f"{name} is listed under both {mine[_key(name)]} and {canonical}", origin)
                mine[_key(name)] = table[_key(name)] = canonical
        chosen = self.preferred | frozenset(groups) if preferred else self.preferred
        return Aliases(_resolve_all(table, origin), chosen)

    def beneath(self, groups: Mapping[str, Iterable[str]]) -> "Aliases":
        """These aliases with ``groups`` added where they say nothing yet: a name
        these aliases already place keeps its place. The canonical names of
        ``groups`` that stay canonical are shown as they are."""
        table = dict(self.table)
        for canonical, names in groups.items():
            for name in names:
                if _key(name) in table:
                    continue
                target = _follow(table, canonical)
                if _key(target) != _key(name):
                    table[_key(name)] = target
        resolved = _resolve_all(table, "aliases")
        kept = frozenset(c for c in groups if _key(c) not in resolved)
        return Aliases(resolved, self.preferred | kept)

    def groups(self) -> dict[str, list[str]]:
        """canonical name → its aliases, both sorted: the merged list as a person reads it."""
        found: dict[str, list[str]] = {}
        for alias, canonical in self.table.items():
            found.setdefault(canonical, []).append(alias)
        return {canonical: sorted(found[canonical]) for canonical in sorted(found)}


def _follow(table: dict[str, str], name: str) -> str:
    """The end of ``name``'s chain in a table whose values are chain ends or
    were when they were stored (so the walk is short)."""
    seen = set()
    while _key(name) in table and _key(name) not in seen:
        seen.add(_key(name))
        name = table[_key(name)]
    return name


def _resolve_all(table: dict[str, str], origin: str) -> dict[str, str]:
    """Every alias → the end of its chain alias → name → … (a name that is no alias).

    Each alias is walked once: a walk stops at an alias already resolved, and
    everything on its path takes that answer, so long chains cost linear time.
    A walk that meets its own path has gone round in a loop: an error.
    """
    resolved: dict[str, str] = {}
    for start in table:
        path: dict[str, None] = {}          # the aliases of this walk, in order
        key = start
        while key in table and key not in resolved:
            if key in path:
                loop = " → ".join([*path, key])
                raise AliasError(f"aliases go round in a loop: {loop}", origin)
            path[key] = None
            key = _key(table[key])
        # the walk ended at a resolved alias, or at the name the last alias stands for
        end = resolved[key] if key in resolved else table[next(reversed(path))]
        for alias in path:
            resolved[alias] = end
    return {alias: resolved[alias] for alias in table}


@lru_cache(maxsize=1)
def builtin() -> Aliases:
    """The built-in list, ``policykit/data/aliases.toml``."""
    from .data import read_toml

    return Aliases().merged(groups_in(read_toml("aliases.toml")["aliases"], "aliases.toml"), "aliases.toml")


def load(user_file: str | os.PathLike | None = None, folder: str | os.PathLike | None = None) -> Aliases:
    """The built-in aliases, then ``policykit.toml`` of ``folder`` (default: the
    working directory) if there is one, then ``user_file``."""
    aliases = builtin()
    config = Path(folder if folder is not None else Path.cwd()) / CONFIG_FILE
    if config.is_file():
        aliases = aliases.merged(read_groups(config, table_only=True), str(config), preferred=True)
    if user_file is not None:
        aliases = aliases.merged(read_groups(user_file), str(user_file), preferred=True)
    return aliases


def read_groups(path: str | os.PathLike, table_only: bool = False) -> dict[str, list[str]]:
    """canonical → aliases from a .yaml/.yml or .toml file.

    The mapping is the whole file or its ``aliases`` key; with ``table_only``
    (policykit.toml, which may hold other settings) only ``aliases``.
    """
    from .jsoninput import check
    from .readers import file_bytes

    path = Path(path)
    try:
        # within the file size limit; a FIFO or a device is refused, not waited on
        content = file_bytes(path).decode("utf-8-sig")
    except PolicykitError as exc:
        raise AliasError(exc.message, str(path)) from exc
    except UnicodeDecodeError as exc:
        raise AliasError("not UTF-8 text", str(path)) from exc
    try:
        data = _parse(content, path)
        check(data, str(path), shared=True)   # nested past max_json_depth: no list of aliases is
    except (RecursionError, LimitExceeded):
        raise AliasError("nested too deeply to be a list of aliases", str(path)) from None
    if isinstance(data, dict) and isinstance(data.get("aliases"), dict):
        data = data["aliases"]
    elif table_only or data is None:
        data = {}
    return groups_in(data, str(path))


def _parse(content: str, path: Path):
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            return yaml.safe_load(content)
        except yaml.YAMLError as exc:
            raise AliasError(f"not valid YAML: {exc}".splitlines()[0], str(path)) from exc
    if path.suffix.lower() == ".toml":
        try:
            return tomllib.loads(content)
        except tomllib.TOMLDecodeError as exc:
            raise AliasError(f"not valid TOML: {exc}", str(path)) from exc
    raise AliasError("an alias file is .yaml, .yml or .toml", str(path))


def groups_in(data, origin: str) -> dict[str, list[str]]:
    """Checks the shape ``{canonical: [alias, …]}`` (one alias may be a plain string)."""
    if not isinstance(data, dict):
        raise AliasError("expected a mapping of canonical names to lists of aliases", origin)
    groups: dict[str, list[str]] = {}
    for canonical, names in data.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(canonical, str) or not canonical.strip() or not isinstance(names, list) \
                or not all(isinstance(n, str) and n.strip() for n in names):
            raise AliasError(f"{canonical!r}: expected a name and a list of aliases", origin)
        groups[canonical.strip()] = [n.strip() for n in names]
    return groups
