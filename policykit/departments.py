"""One department, one name: the units index of a document.

Documents write one department in several ways. A list writes the level of
government once for all its names (``省生态环境厅、地方金融监管局牵头``), a
document of a city may drop its ``市`` here and there, a collective is written
with and without its ``人民政府``, and offices use short names (``市科技局``
for ``市科学技术局``). The units index gives each department one canonical
``name`` and keeps every form the document wrote in ``written``; measures keep
their names as written (the contract compares them as written).

The canonical name of a name as written, in order:

1. the level a list wrote once is restored (``地方金融监管局`` after
   ``省生态环境厅`` → ``省地方金融监管局``);
2. a name without any level takes the document's own level where the
   document clearly uses one (its issuer's, and most of its names carry it)
   and the name reads as a department of that government, or the document
   writes that full name elsewhere;
3. a collective written without ``人民政府`` takes it when the document also
   writes it with it (``各县（市、区）`` → ``各县（市、区）人民政府``);
4. aliases (built-in, ``policykit.toml``, ``--aliases``) merge what remains.

Placeholder groups (``市政府各部门``, ``各有关部门``) stay in the index,
marked ``placeholder``: they appear in the sheets' cells, and nobody gets a
sheet for them.

The index is a function of the measures' names, the issuer and the aliases,
so it is rebuilt the same way from a policykit/1 JSON file (with the aliases
of that run: ``reindex``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .aliases import Aliases, builtin
from .data import alternation, read_toml
from .model import PolicyDocument, Unit


@dataclass(frozen=True)
class _Lang:
    level: re.Pattern[str]
    not_level: re.Pattern[str]
    level_char: re.Pattern[str]
    department: re.Pattern[str]
    own_place_tags: frozenset[str]
    issuer_level: re.Pattern[str]
    min_names: int
    min_share: float
    government_suffixes: tuple[str, ...]
    placeholder: re.Pattern[str]


@lru_cache(maxsize=1)
def _lang() -> _Lang:
    data = read_toml("units.toml")
    single = [level for level in data["levels"] if len(level) == 1]
    return _Lang(
        level=re.compile(f"^(?:{alternation(data['levels'])})"),
        not_level=re.compile(f"^(?:{alternation(data['not_levels'])})"),
        level_char=re.compile(f"[{''.join(single)}]"),
        department=re.compile(f"(?:{alternation(data['department_suffixes'])})$"),
        own_place_tags=frozenset(data["own_place_tags"]),
        issuer_level=re.compile(data["issuer_level"]),
        min_names=int(data["level_min_names"]),
        min_share=float(data["level_min_share"]),
        government_suffixes=tuple(data["government_suffixes"]),
        placeholder=re.compile(data["placeholder"]),
    )


# -- reading one name ------------------------------------------------------------


def level_of(name: str) -> str | None:
    """The level of government ``name`` opens with: ``市`` for 市发改委, ``市委`` for
    市委宣传部; None for 市场监管局 (市场 is no level) or 地方金融监管局."""
    lang = _lang()
    if lang.not_level.match(name):
        return None
    found = lang.level.match(name)
    if found is None or len(name) <= found.end():
        return None
    return found.group()


def is_placeholder(name: str) -> bool:
    """A group that stands for unnamed departments (``市政府各部门``, ``各有关部门``)."""
    return bool(_lang().placeholder.match(name))


def is_bare_department(name: str) -> bool:
    """Whether ``name`` reads as a department of some government with its level
    left out: ``地方金融监管局``, ``发改委``, ``检察院``; not ``各区``,
    ``人民银行广州分行``, ``广东银保监局`` (a place of its own) or ``团省委``."""
    lang = _lang()
    if level_of(name) or name.startswith(("各", "全", "本")) or not lang.department.search(name):
        return False
    if lang.level_char.search(lang.not_level.sub("", name)):
        return False   # 团省委, 上海化工区管委会: a level or a place is written inside
    return not _names_its_own(name)


@lru_cache(maxsize=4096)
def _names_its_own(name: str) -> bool:
    """Whether a word before the last one names a place or a body of its own
    (广东 of 广东银保监局, 人民银行 of 人民银行上海总部), by jieba's tags.
    The last word is not asked: jieba tags 宣传部 or 司法厅 as person names."""
    from .nlp import jieba_tokenizer

    jieba_tokenizer()   # our dictionary, loaded once
    import jieba.posseg

    tagged = [(pair.word, pair.flag) for pair in jieba.posseg.cut(name)]
    tags = _lang().own_place_tags
    if len(tagged) > 1 and tagged[0][1] == "nt":
        return True
    return any(flag in tags for _, flag in tagged[:-1])


def _document_level(issuer: str | None, written: Iterable[str]) -> str | None:
    """The level of government a document clearly writes its units in, or None."""
    counts = Counter(level_of(name) for name in set(written))
    counts.pop(None, None)
    lang = _lang()
    found = lang.issuer_level.search(issuer or "")
    if found:
        level = found.group(1)
    elif counts:
        level = counts.most_common(1)[0][0]
    else:
        return None
    carried = counts.get(level, 0)
    if carried < lang.min_names or carried < lang.min_share * sum(counts.values()):
        return None
    return level


# -- the names of one document ---------------------------------------------------


class Namer:
    """The canonical name of every unit name one document writes."""

    def __init__(self, lists: Sequence[Sequence[str]], issuer: str | None = None,
                 aliases: Aliases | None = None):
        """``lists``: the unit lists of the document as written (each measure's
        lead units, then its co units), in document order."""
        self.aliases = aliases if aliases is not None else builtin()
        written = [name for names in lists for name in names]
        self._level = _document_level(issuer, written)
        self._full: dict[tuple[str, str | None], str] = {}
        self._governments = self._government_forms(written)

    def full_names(self, names: Sequence[str]) -> list[str]:
        """The names of one list as written, each with the level the list wrote once
        restored (``省生态环境厅、地方金融监管局`` → 省生态环境厅, 省地方金融监管局)."""
        out, level = [], None
        for name in names:
            own = level_of(name)
            if own:
                level = own
            elif not is_bare_department(name):
                level = None   # 人民银行广州分行 ends the run of the level written once
            out.append(self.full_name(name, level if own is None else None))
        return out

    def full_name(self, name: str, list_level: str | None = None) -> str:
        """``name`` as a full name: the list's level, else the document's, else as written."""
        key = (name, list_level)
        if key not in self._full:
            self._full[key] = self._complete(name, list_level)
        return self._full[key]

    def _complete(self, name: str, list_level: str | None) -> str:
        if name in self._governments:
            return self._governments[name]
        if not is_bare_department(name):
            return name
        level = list_level or self._level
        return level + name if level else name

    def _government_forms(self, written: Iterable[str]) -> dict[str, str]:
        """各县（市、区） → 各县（市、区）人民政府 when the document writes both."""
        names = set(written)
        found = {}
        for name in names:
            for suffix in _lang().government_suffixes:
                if name + suffix in names and not name.endswith(suffix):
                    found[name] = name + suffix
                    break
        return found

    def key(self, full: str) -> str:
        """What merges units: the alias group of the full name."""
        return self.aliases.canonical(full)


def units_index(measures: Iterable[tuple[str, Sequence[str], Sequence[str]]], issuer: str | None = None,
                aliases: Aliases | None = None) -> list[Unit]:
    """One entry per department, in order of first appearance.

    ``measures`` are (id, lead units, co units) as written. Each entry has the
    canonical name (restored and aliased, under the name an office chose in
    its own alias file, else the first full form the document writes), the
    measures it leads and supports, every form written for it and whether it
    is a placeholder group.
    """
    measures = [(mid, list(lead), list(co)) for mid, lead, co in measures]
    namer = Namer([names for _, lead, co in measures for names in (lead, co)], issuer, aliases)
    units: dict[str, Unit] = {}
    for mid, lead, co in measures:
        for names, role in ((lead, "lead"), (co, "co")):
            for written, full in zip(names, namer.full_names(names)):
                key = namer.key(full)
                unit = units.get(key)
                if unit is None:
                    unit = units[key] = Unit(namer.aliases.display(full, full), placeholder=is_placeholder(full))
                if written not in unit.written:
                    unit.written.append(written)
                ids = getattr(unit, role)
                if not ids or ids[-1] != mid:
                    ids.append(mid)
    return list(units.values())


def document_units(doc: PolicyDocument, aliases: Aliases | None = None) -> list[Unit]:
    """The units index of ``doc`` built from its measures and issuer."""
    return units_index(((m.id, m.lead_units, m.co_units) for m in doc.measures), doc.document.issuer, aliases)


def reindex(doc: PolicyDocument, aliases: Aliases) -> PolicyDocument:
    """``doc`` with its units index rebuilt under ``aliases``, on top of the groups
    its own index made (a JSON file extracted with an office's aliases keeps them)."""
    own = {unit.name: list(unit.written) for unit in doc.units}
    doc.units = document_units(doc, aliases.beneath(own))
    return doc
