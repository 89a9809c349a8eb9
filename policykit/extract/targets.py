"""Numeric targets: quantitative commitments such as 全市有效发明专利拥有量达到300件左右.

A target is a number with a unit (or a percentage, a range, a doubling, a
decimal ratio) that a clause commits to. Its indicator stands either before
the number (``A达到300件左右``, form A) or, after a verb of making, behind it
(``推出100项精品赛事``, form B). Lines that a PDF broke inside a sentence are
joined back into paragraphs, and each paragraph is read clause by clause. A
year set in a paragraph (``到2025年，…``) holds for the rest of it until another
year or a period (``“十四五”时期``) replaces it.

Every word and pattern lives in ``policykit/data/targets.toml``; jieba (through
:func:`policykit.nlp.words`) segments only the short phrases next to numbers.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from .. import nlp
from ..data import alternation, read_toml
from ..textlines import line_spans

_CLAUSE_END = "，。；：！？"
_SENTENCE_END = "。！？"
_NUMBER = r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,6})?|\d{1,12}(?:\.\d{1,6})?"
# 3 000万元: a space between thousands, kept only right before a unit (table cells are spaced too).
_SPACED_NUMBER = r"\d{1,3}(?: \d{3}){1,4}(?:\.\d{1,6})?(?=UNIT)"
_MAX_PHRASE = 60  # longest indicator kept, in characters
_LOOKBACK = 120  # how far before a number its indicator is looked for
_MAX_CUE_WORDS = 4  # a comparator is at most this many jieba words
_CHANGES = ("decrease_by", "increase_by")


@dataclass
class FoundTarget:
    """One target; [start, end) is its phrase in the normalised text."""

    indicator: str | None
    scope: str | None
    value: int | float
    value_max: int | float | None
    unit: str | None
    comparator: str
    year: int | None
    start: int
    end: int


# ---------------------------------------------------------------- language data

@dataclass
class _Lexicon:
    numbers: list[tuple[str, re.Pattern[str]]]
    maybe_number: re.Pattern[str]   # what every pattern of ``numbers`` needs: a digit, a Chinese numeral, 翻番
    multipliers: tuple[str, ...]
    written_multipliers: tuple[str, ...]
    unit_blockers: frozenset[str]
    arabic_only_units: frozenset[str]
    suffix_blockers: frozenset[str]
    time_units: frozenset[str]
    time_limit_endings: tuple[str, ...]
    time_ceilings: tuple[str, ...]
    time_window: str
    count_units: frozenset[str]
    after_words: dict[str, str]  # word after the number → comparator
    qualifier_after: frozenset[str]
    cues: dict[str, str]  # word before the number → comparator class
    cues_by_length: tuple[str, ...]
    glued_cues: tuple[str, ...]
    goal_verbs: frozenset[str]
    visit_verbs: frozenset[str]
    visit_units: frozenset[str]
    goal_verb_prefixes: tuple[str, ...]
    verb_clause_ends: tuple[str, ...]
    max_subject_words: int
    plain_qualifiers: tuple[str, ...]
    class_after: tuple[str, ...]
    count_leads: tuple[str, ...]
    subject_tails: tuple[str, ...]
    norm_base: re.Pattern[str]
    norm_standard: re.Pattern[str]
    share_units: tuple[str, ...]
    share_blockers: tuple[str, ...]
    completion: re.Pattern[str]
    max_list_head: int
    stripped_lead_verbs: frozenset[str]
    object_verbs: frozenset[str]
    lead_words: frozenset[str]
    tail_words: frozenset[str]
    particle: str
    share_words: tuple[str, ...]
    base_year_end: re.Pattern[str]
    fact: re.Pattern[str]
    subsidy: re.Pattern[str]
    paying: re.Pattern[str]
    money_units: frozenset[str]
    separators: tuple[str, ...]
    separator_chars: str
    value_separators: re.Pattern[str]
    separator_end: re.Pattern[str]
    separator_start: re.Pattern[str]
    each: re.Pattern[str]
    pair_item: re.Pattern[str]
    max_listed_phrase: int
    respectively: str
    glued_each: re.Pattern[str]
    enumeration_end: re.Pattern[str]
    leading_count: re.Pattern[str]
    phrase_cut: re.Pattern[str]
    scope_words: tuple[str, ...]
    scope_patterns: list[re.Pattern[str]]
    head: re.Pattern[str]
    modifier: re.Pattern[str]
    per_unit_base: re.Pattern[str]
    intensity_head: re.Pattern[str]
    ratio_head: re.Pattern[str]
    rate_head: re.Pattern[str]
    anaphora: re.Pattern[str]
    per_before: re.Pattern[str]
    weak_heads: frozenset[str]
    year_setter: re.Pattern[str]
    year_lead: re.Pattern[str]
    year_not_after: tuple[str, ...]
    year_not_before: tuple[str, ...]
    year_weak_prefixes: frozenset[str]
    year_resets: re.Pattern[str]
    period_lead: re.Pattern[str]
    time_lead: re.Pattern[str]
    clause_resets: re.Pattern[str]
    horizon: re.Pattern[str]
    series: re.Pattern[str]
    series_range: re.Pattern[str]
    heading: re.Pattern[str]
    review: re.Pattern[str]
    continues: re.Pattern[str]
    item_start: re.Pattern[str]
    table_header: re.Pattern[str]
    table_end: re.Pattern[str]
    table_year: re.Pattern[str]
    table_value: re.Pattern[str]
    table_placeholder: re.Pattern[str]
    table_cell_max: int
    table_max_cells: int
    row_number: re.Pattern[str]
    name_unit: re.Pattern[str]
    unit_only: re.Pattern[str]
    goal_item: str
    min_wrapped: int
    names: re.Pattern[str]


def _any_of(patterns) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{x})" for x in patterns))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = read_toml("targets.toml")
    u, n, c, p = data["units"], data["numbers"], data["comparators"], data["phrases"]
    lists, years = data["lists"], data["years"]
    mult = alternation(u["multipliers"])
    base = alternation(u["base"])
    unit = rf"(?:{mult})?(?:{base})(?:/(?:{alternation(u['per'])}))?(?:（(?:{base})）)?"
    after_lists = {"about": c["about_after"], "at_least": c["at_least_after"], "at_most": c["at_most_after"],
                   "range": c["range_after"]}
    after_words = {w: cls for cls, ws in after_lists.items() for w in ws}
    after_words[c["time_window"]] = "at_most"
    after = alternation(after_words)
    fuzzy = alternation(n["fuzzy"])
    digits = n["chinese_digits"]
    arabic = re.compile(
        rf"(?<![0-9A-Za-z.．/_\- ])(?P<a>{_SPACED_NUMBER.replace('UNIT', unit)}|{_NUMBER})"
        rf"(?:(?P<am>{mult})?%?(?P<sep>{alternation(n['range_separators'])})(?P<b>{_NUMBER}))?"
        rf"(?P<fz>{fuzzy})?(?P<unit>{unit})?(?P<after>{after})?(?![0-9A-Za-z])")
    chinese = re.compile(
        rf"(?<![第{digits}几])(?P<cn>[{digits}]{{1,10}}(?:点[{digits}]{{1,6}})?)"
        rf"(?P<fz>{fuzzy})?(?P<unit>{unit})(?P<after>{after})?")
    fraction = re.compile(
        rf"(?P<den>[{digits}]{{1,4}})分之(?P<num>[{digits}点]{{1,8}})(?P<after>{after})?")
    cues: dict[str, str] = {}
    for cls in ("decrease_by", "increase_by", "about", "at_least", "at_most", "level"):
        for word in c[cls]:
            cues.setdefault(word, cls)
    separators = tuple(lists["separators"])
    return _Lexicon(
        numbers=[("multiply", re.compile(c["multiply"])), ("fraction", fraction),
                 ("arabic", arabic), ("chinese", chinese)],
        maybe_number=re.compile(rf"[\d{digits}]|{c['multiply']}"),
        multipliers=tuple(sorted(u["multipliers"], key=len, reverse=True)),
        written_multipliers=tuple(u["written_multipliers"]),
        unit_blockers=frozenset(u["blockers"]),
        arabic_only_units=frozenset(u["arabic_only"]),
        suffix_blockers=frozenset(u["suffix_blockers"]),
        time_units=frozenset(u["time"]),
        time_limit_endings=tuple(u["time_limit_endings"]),
        time_ceilings=tuple(u["time_ceilings"]),
        time_window=c["time_window"],
        count_units=frozenset(u["counts"]),
        after_words=after_words,
        qualifier_after=frozenset(c["at_least_after"] + c["at_most_after"]),
        cues=cues,
        cues_by_length=tuple(sorted(cues, key=len, reverse=True)),
        glued_cues=tuple(c["glued"]),
        goal_verbs=frozenset(p["goal_verbs"]),
        visit_verbs=frozenset(p["visit_verbs"]),
        visit_units=frozenset(u["visits"]),
        goal_verb_prefixes=tuple(p["goal_verb_prefixes"]),
        verb_clause_ends=tuple(p["verb_clause_ends"]),
        max_subject_words=p["max_subject_words"],
        plain_qualifiers=tuple(c["plain_qualifiers"]),
        class_after=tuple(c["class_after"]),
        count_leads=tuple(p["count_leads"]),
        subject_tails=tuple(p["subject_tails"]),
        norm_base=re.compile(f"(?:{p['norm_base']})\\Z"),
        norm_standard=re.compile(p["norm_standard"]),
        share_units=tuple(u["shares"]),
        share_blockers=tuple(p["share_blockers"]),
        completion=re.compile(alternation(p["completion_verbs"])),
        max_list_head=lists["max_list_head"],
        stripped_lead_verbs=frozenset(p["stripped_lead_verbs"]),
        object_verbs=frozenset(p["object_verbs"]),
        lead_words=frozenset(p["lead_words"]),
        tail_words=frozenset(p["tail_words"]),
        particle=p["particle"],
        share_words=tuple(p["share_words"]),
        base_year_end=re.compile(f"(?:{p['base_year']})\\Z"),
        fact=re.compile(alternation(p["fact_words"])),
        subsidy=re.compile(alternation(p["subsidy_words"])),
        paying=re.compile(alternation(p["subsidy_words"] + p["paying_words"])),
        money_units=frozenset(u["money"]),
        separators=separators,
        separator_chars="".join(x for x in separators if len(x) == 1),
        value_separators=re.compile(f"(?:{alternation(lists['value_separators'])})?"),
        separator_end=re.compile(f"(?:{alternation(separators)})\\Z"),
        separator_start=re.compile(f"\\A(?:{alternation(separators)})"),
        each=re.compile(lists["each"]),
        pair_item=re.compile(lists["pair_item"]),
        max_listed_phrase=lists["max_listed_phrase"],
        respectively=lists["respectively"],
        glued_each=re.compile(f"(?<=[\\u4e00-\\u9fff])(?:{lists['each']}|{lists['respectively']})\\Z"),
        enumeration_end=re.compile(lists["enumeration_end"]),
        leading_count=re.compile(f"\\A(?:{lists['leading_count']})"),
        phrase_cut=re.compile(p["phrase_cut"]),
        scope_words=tuple(sorted(data["scope"]["words"], key=len, reverse=True)),
        scope_patterns=[re.compile(x) for x in data["scope"]["patterns"]],
        head=re.compile(f"(?:{data['indicators']['head']})\\Z"),
        modifier=re.compile(alternation(data["indicators"]["modifiers"])),
        per_unit_base=re.compile(data["indicators"]["per_unit_base"]),
        intensity_head=re.compile(f"(?:{alternation(data['indicators']['intensity_heads'])})\\Z"),
        ratio_head=re.compile(f"(?:{data['indicators']['ratio_head']})\\Z"),
        rate_head=re.compile(f"(?:{data['indicators']['rate_head']})\\Z"),
        anaphora=re.compile(data["indicators"]["anaphora"]),
        per_before=re.compile(f"(?:{data['indicators']['per_before']})\\Z"),
        weak_heads=frozenset(data["indicators"]["weak_heads"]),
        year_setter=re.compile(years["setter"]),
        year_lead=re.compile(f"\\A(?:{years['lead']})"),
        year_not_after=tuple(years["not_after"]),
        year_not_before=tuple(years["not_before"]),
        year_weak_prefixes=frozenset(years["weak_prefixes"]),
        year_resets=_any_of(years["resets"]),
        period_lead=re.compile(f"\\A(?:{years['period_lead']})"),
        time_lead=re.compile(f"\\A(?:{alternation(years['time_lead'])})"),
        clause_resets=re.compile(alternation(years["clause_resets"])),
        horizon=re.compile(years["horizon"]),
        series=re.compile(years["series"]),
        series_range=re.compile(years["series_range"]),
        heading=re.compile(data["sections"]["heading"]),
        review=re.compile(data["sections"]["review"]),
        continues=re.compile(data["paragraphs"]["continues"]),
        item_start=re.compile(data["paragraphs"]["item_start"]),
        table_header=re.compile(data["tables"]["header"]),
        table_end=re.compile(data["tables"]["end"]),
        table_year=re.compile(data["tables"]["year"]),
        table_value=re.compile(data["tables"]["value"].replace("UNIT", unit)),
        table_placeholder=re.compile(data["tables"]["placeholder"]),
        table_cell_max=data["tables"]["cell_max"],
        table_max_cells=data["tables"]["max_cells"],
        row_number=re.compile(data["tables"]["row_number"]),
        name_unit=re.compile(data["tables"]["name_unit"]),
        unit_only=re.compile(unit),
        goal_item=data["paragraphs"]["goal_item"],
        min_wrapped=data["paragraphs"]["min_wrapped"],
        names=_any_of(data["names"]["patterns"]),
    )


@lru_cache(maxsize=8192)
def _words(phrase: str) -> tuple[str, ...]:
    """jieba words of a short phrase (trimming asks for the same phrases again)."""
    return tuple(nlp.words(phrase))


# ---------------------------------------------------------------- numbers

@dataclass
class _Number:
    """A number in a paragraph, with its unit and the comparator word after it."""

    start: int
    end: int  # after the unit and the word after it
    value: int | float
    value_max: int | float | None = None
    unit: str | None = None
    kind: str = "number"  # number, range, multiply, bare (a decimal without unit), pending
    after: str | None = None  # 左右, 以上, 以内 …
    fuzzy: bool = False  # 300多家
    chinese: bool = False  # written in Chinese numerals
    time: bool = False  # 5个工作日
    counted: bool = False  # a count (个, 家) or a share (%), not a measure (吨, 米)


def _arabic_value(text: str) -> int | float:
    text = text.replace(",", "").replace(" ", "")
    return float(text) if "." in text else int(text)


def _chinese_value(text: str) -> int | float | None:
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if float(value).is_integer() and "." not in text and "点" not in text else value


def _split_unit(unit: str, lex: _Lexicon) -> tuple[str, str]:
    """'万吨标煤' → ('万', '吨标煤'); '台（套）' → ('', '台'): the alternative in brackets is dropped."""
    unit = unit.split("（", 1)[0]
    for m in lex.multipliers:
        if unit.startswith(m) and len(unit) > len(m):
            return m, unit[len(m):]
    return "", unit


def _unit_ok(line: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """Not the start of a longer word: 3项目标, 一次性."""
    unit = m.group("unit")
    if not unit:
        return True
    _, base = _split_unit(unit, lex)
    end = m.end("unit")
    if len(base) == 1 and line[end - 1:end + 1] in lex.unit_blockers:
        return False
    return not (line[end:end + 1] in lex.suffix_blockers and not m.group("after"))


def _multiply(m: re.Match[str]) -> _Number | None:
    times = _chinese_value(m.group("times") or "一")
    return None if times is None else _Number(m.start(), m.end(), 2 ** times, kind="multiply")


def _fraction(m: re.Match[str]) -> _Number | None:
    """五分之一 = 0.2; 百分之十 = 10%; 千分之五 = 5‰."""
    den_text, after = m.group("den"), m.group("after")
    num = _chinese_value(m.group("num"))
    den = _chinese_value("一" + den_text if den_text[0] in "十百千" else den_text)
    if num is None or not den:
        return None
    if den in (100, 1000):
        unit = "%" if den == 100 else "‰"
        return _Number(m.start(), m.end(), num, unit=unit, after=after, chinese=True, counted=True)
    return _Number(m.start(), m.end(), round(num / den, 6), after=after, chinese=True)


def _arabic(line: str, m: re.Match[str], lex: _Lexicon) -> _Number | None:
    unit, fuzzy = m.group("unit"), bool(m.group("fz"))
    value = _arabic_value(m.group("a"))
    value_max = None
    kind = "number"
    if m.group("sep"):
        value_max = _arabic_value(m.group("b"))
        kind = "range" if unit else "bare_range"  # 容积率1.2至2.0: a ratio, kept only after 率/比/值
        mult, base = _split_unit(unit or "", lex)
        if m.group("am") and m.group("am") != mult:  # 5千至1万吨标煤: both ends in the base unit
            low = _chinese_value(m.group("a") + m.group("am"))
            high = _chinese_value(m.group("b") + mult) if mult else value_max
            if low is None or high is None:
                return None
            value, value_max, unit = low, high, base or None
        if value_max <= value or (not unit and _is_year(value) and _is_year(value_max)):
            return None
    elif not unit:
        if line[m.end():m.end() + 1] == "、" and not fuzzy:  # 8、10个百分点: the unit comes later
            kind = "pending"
        elif "." in m.group("a") and not fuzzy:
            kind = "bare"
        else:
            return None
    return _with_unit(_Number(m.start(), m.end(), value, value_max, unit, kind, m.group("after"), fuzzy), lex)


def _is_year(value: int | float) -> bool:
    return isinstance(value, int) and 1900 <= value <= 2100


def _chinese(m: re.Match[str], lex: _Lexicon) -> _Number | None:
    digits, unit = m.group("cn"), m.group("unit")
    for mult in lex.written_multipliers:
        if digits.endswith(mult) and len(digits) > len(mult):
            digits, unit = digits[:-len(mult)], mult + unit
            break
    value = _chinese_value(digits)
    if value is None or _split_unit(unit, lex)[1] in lex.arabic_only_units:  # 一、二类水质: classes
        return None
    number = _Number(m.start(), m.end(), value, None, unit, "number", m.group("after"), bool(m.group("fz")), True)
    return _with_unit(number, lex)


def _with_unit(n: _Number, lex: _Lexicon) -> _Number:
    base = _split_unit(n.unit, lex)[1] if n.unit else ""
    n.time, n.counted = base in lex.time_units, base in lex.count_units
    return n


def _numbers(line: str, lex: _Lexicon) -> list[_Number]:
    """The numbers of a paragraph with their units, outside names (十八届三中全会, 《…》)."""
    if not lex.maybe_number.search(line):   # most lines of a long text: no pattern to try
        return []
    blocked = bytearray(len(line))
    for m in lex.names.finditer(line):
        blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    found: list[_Number] = []
    for kind, pattern in lex.numbers:
        for m in pattern.finditer(line):
            if any(blocked[m.start():m.end()]):
                continue
            if kind == "multiply":
                number = _multiply(m)
            elif kind == "fraction":
                number = _fraction(m)
            elif not _unit_ok(line, m, lex):
                continue
            else:
                number = _arabic(line, m, lex) if kind == "arabic" else _chinese(m, lex)
            if number is not None:
                found.append(number)
                blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    found.sort(key=lambda x: x.start)
    return _share_units(line, found)


def _share_units(line: str, found: list[_Number]) -> list[_Number]:
    """A list may write its unit once: 分别降低20、10个百分点; 20个、10个百分点."""
    for i in range(len(found) - 2, -1, -1):
        n, nxt = found[i], found[i + 1]
        if line[n.end:nxt.start] != "、" or not nxt.unit or nxt.kind == "pending":
            continue
        if n.kind == "pending" or (n.unit and nxt.unit != n.unit and nxt.unit.startswith(n.unit) and not n.after):
            n.unit, n.time, n.counted, n.kind = nxt.unit, nxt.time, nxt.counted, "number"
    return [n for n in found if n.kind != "pending"]


# ---------------------------------------------------------------- years

def _year_events(line: str, lex: _Lexicon, heading: bool = False) -> list[tuple[int, int | None]]:
    """(position, year) where a target year starts to hold; None where one ends.

    In a heading any year that is not a base year counts: （一）2025年目标.
    """
    events: list[tuple[int, int | None]] = []
    for m in _target_years(line, 0, len(line), lex):
        s = m.start()
        pre, post = m.group("pre"), m.group("post")
        # 2025年新增…: a year that opens a clause (or an item) sets it; 比2020年, 2020年以来 do not
        clause_start = s == 0 or line[s - 1] in _CLAUSE_END + "）" or bool(lex.item_start.fullmatch(line, 0, s))
        if pre or post or heading or clause_start:
            events.append((m.end(), int(m.group("year"))))
            if not (pre or post or heading or line.startswith("，", m.end())):
                # 2027年该比例提高到50%。: a bare year holds to the end of its sentence
                ends = [line.find(ch, m.end()) for ch in _SENTENCE_END]
                end = min((e for e in ends if e >= 0), default=-1)
                if end >= 0:
                    events.append((end, None))
    events.extend((m.end(), None) for m in lex.year_resets.finditer(line))
    events.sort(key=lambda e: e[0])
    return events


def _target_years(line: str, start: int, end: int, lex: _Lexicon):
    """The years in line[start:end] that may be target years: not 比2020年, 在2020年基础上, 于2021年3月."""
    for m in lex.year_setter.finditer(line, start, end):
        s = m.start()
        if line[max(0, s - 2):s].endswith(lex.year_not_after):
            continue
        if line[m.end():m.end() + 2].startswith(lex.year_not_before):
            continue
        if m.group("pre") in lex.year_weak_prefixes and not m.group("post"):
            continue
        yield m


def _clause_year(line: str, start: int, end: int, lex: _Lexicon) -> int | None:
    """A year inside the clause before a number (幼儿园2026年招生的比例为90%), not a date (2021年3月)."""
    year = None
    for m in _target_years(line, start, end, lex):
        if m.group("pre") or m.group("post") or m.group("month"):
            continue  # 到2025年 is an event of the paragraph; 2021年3月 is a date
        if m.start() > 0 and (lex.series_range.match(line, m.start() - 1) or line[m.start() - 1] in "和、及与"):
            continue  # the end of 2021—2025年 or of a list of years
        if not lex.year_resets.match(line, m.start()):
            year = int(m.group("year"))
    return year


def _series_years(line: str, start: int, end: int, count: int, lex: _Lexicon) -> list[int] | None:
    """The years of 2024至2026年 or 2025年和2030年 before a 分别 list of count values, one per value."""
    series = None
    for m in lex.series.finditer(line, start, end):
        series = m
    if series is None or lex.respectively not in line[series.end():end]:
        return None
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", series.group(0))]
    if len(years) == 2 and lex.series_range.search(series.group(0)):
        years = list(range(years[0], years[1] + 1))
    return years if len(years) == count else None


# ---------------------------------------------------------------- phrases

def _cue(phrase: str, lex: _Lexicon) -> str | None:
    """The comparator class of the word(s) that end the phrase: 达到 → level, 不低于 → at_least."""
    if not phrase:
        return None
    ws = _words(phrase[-12:])
    for k in range(min(_MAX_CUE_WORDS, len(ws)), 0, -1):
        cls = lex.cues.get("".join(ws[-k:]))
        if cls:
            return cls
    glued = _glued_cue(phrase, lex)
    return lex.cues.get(glued) if glued else None


def _glued_cue(phrase: str, lex: _Lexicon) -> str | None:
    """A comparator jieba glued to the word before it: 企业数压减至, 占比达."""
    for word in lex.cues_by_length:
        if len(word) >= 2 and phrase.endswith(word) and len(phrase) > len(word):
            return word
    if len(phrase) > 2 and phrase.endswith(lex.glued_cues):
        return phrase[-1]
    return None


def _split_per(phrase: str, lex: _Lexicon) -> tuple[str, str]:
    """密度控制在每平方公里[0.6万人] → ('密度控制在', '每平方公里'): the denominator is not the comparator."""
    m = lex.per_before.search(phrase)
    return (phrase[:m.start()], m.group(0)) if m else (phrase, "")


def _ends_with_goal_verb(phrase: str, lex: _Lexicon, visits: bool = False) -> bool:
    """建成[1个园区]; also 完成市生态环境局等[2—3家单位改造], 完成甲水库、乙灌区…等[15个项目]."""
    if phrase.endswith("等"):
        first = phrase.find("、")
        opening = phrase[:first] if first > 0 else ""  # the goal verb opens a long enumeration
        return any(_is_goal_verb(w, lex, visits) for w in _words(phrase[-16:-1]) + _words(opening[:16]))
    ws = _words(phrase[-16:])
    return bool(ws) and _is_goal_verb(ws[-1], lex, visits)


def _is_goal_verb(word: str, lex: _Lexicon, visits: bool = False) -> bool:
    """建成, and 新创建, 再培育 (a prefix jieba glued to the verb); with visits (a count of
    家次, 户次), also the verbs of checks and visits: 检查餐饮场所8000家次."""
    if word in lex.goal_verbs or (visits and word in lex.visit_verbs):
        return True
    for prefix in lex.goal_verb_prefixes:
        if word.startswith(prefix) and (word[len(prefix):] in lex.goal_verbs
                                        or (visits and word[len(prefix):] in lex.visit_verbs)):
            return True
    return False


def _visits(n: _Number, lex: _Lexicon) -> bool:
    """A count of visits or checks: 8000家次, 800户次."""
    return bool(n.unit) and _split_unit(n.unit, lex)[1] in lex.visit_units


def _governs(phrase: str, lex: _Lexicon, visits: bool = False) -> bool:
    """Does a verb of making govern the number after this phrase: 建成[2个], 打造覆盖城乡的[200个]?"""
    if _ends_with_goal_verb(phrase, lex, visits):
        return True
    scope = next((w for w in lex.scope_words if phrase.endswith(w) and len(phrase) > len(w)), None)
    if scope and _ends_with_goal_verb(phrase[:-len(scope)], lex, visits):  # 形成全市[392吨/日的医废处置能力]
        return True
    if phrase.endswith(lex.particle):  # 打造覆盖城乡、功能齐全的[200个邻里中心], not 实施的[24项措施]
        ws = _words(phrase[:8])
        return bool(ws) and _is_goal_verb(ws[0], lex, visits) and len(phrase) > len(ws[0]) + 1
    return False


def _goal_verb_index(phrase: str, lex: _Lexicon, visits: bool = False) -> int | None:
    """Where the goal verb stands among the first words: 0 in 建设碳汇林, 2 in 东部各县完成退养还湿."""
    for k, w in enumerate(_words(phrase[:16])[:lex.max_subject_words + 1]):
        if _is_goal_verb(w, lex, visits):
            return k
        if w in lex.cues or (w.startswith("每") and not lex.time_lead.fullmatch(w)):
            return None  # 每个街道至少建成1处: a norm per unit, not a count
    return None


def _object_then_verb(phrase: str, lex: _Lexicon, visits: bool = False) -> bool:
    """农村危房改造, 河道综合治理: an object before a goal verb that ends the phrase (jieba may glue them)."""
    ws = _words(phrase[-16:])
    if len(ws) < 2 and not (ws and len(ws[0]) >= 4):
        return False
    last = ws[-1]
    return _is_goal_verb(last, lex, visits) or (len(last) >= 4 and last[-2:] in lex.goal_verbs)


def _split_subject(phrase: str, lex: _Lexicon) -> tuple[str, str]:
    """东部各县完成退养还湿 → ('东部各县', '退养还湿'): a subject before a goal verb that is dropped."""
    k = _goal_verb_index(phrase, lex)
    if not k:
        return "", phrase
    ws = _words(phrase[:16])
    if ws[k] not in lex.stripped_lead_verbs:
        return "", phrase
    subject = "".join(ws[:k])
    time = lex.time_lead.match(subject) or lex.clause_resets.match(subject)
    if time and time.end() == len(subject):  # 年均培育: a time word, not a subject
        return "", phrase[len(subject):]
    rest = phrase[len(subject) + len(ws[k]):]
    if len(subject) < 2 or len(rest) < 2:  # 新认定企业: a prefix; 泵站自动化改造: the object before its verb
        return "", phrase
    return subject, rest


def _scope_prefix(phrase: str, lex: _Lexicon, named: bool = False) -> str | None:
    """全市有效发明专利拥有量 → 全市; with named, also 长三角地区煤炭消费量 → 长三角地区."""
    for word in lex.scope_words:
        if phrase.startswith(word) and len(phrase) > len(word):
            return word
    for pattern in lex.scope_patterns if named else ():
        m = pattern.match(phrase)
        if m and len(phrase) > m.end():
            return m.group(0)
    return None


def _is_scope(item: str, lex: _Lexicon) -> bool:
    return item in lex.scope_words or any(p.fullmatch(item) for p in lex.scope_patterns)


def _strip_lead(phrase: str, lex: _Lexicon) -> tuple[str, int, str | None]:
    """Drop item numbers, years, periods, connectives and the scope from the start of a phrase.

    Returns the rest, how many characters before the scope were dropped, and the scope.
    """
    dropped = 0
    scope = None
    for _ in range(8):
        m = (lex.year_lead.match(phrase) or lex.period_lead.match(phrase) or lex.item_start.match(phrase)
             or lex.time_lead.match(phrase))
        if m and m.end():
            phrase = phrase[m.end():]
            if scope is None:  # 全市每年…: the span keeps the scope and what follows it
                dropped += m.end()
            continue
        if scope is None:
            scope = _scope_prefix(phrase, lex)
            if scope:
                phrase = phrase[len(scope):]
                continue
        ws = _words(phrase[:8])
        if ws and ws[0] in lex.lead_words:
            phrase = phrase[len(ws[0]):]
            if scope is None:
                dropped += len(ws[0])
            continue
        break
    return phrase, dropped, scope


def _strip_tail(phrase: str, lex: _Lexicon) -> str:
    """Drop comparator words, base years and particles from the end of a phrase."""
    for _ in range(12):
        before = phrase
        phrase = lex.base_year_end.sub("", phrase)
        ws = _words(phrase[-12:])
        for k in range(min(_MAX_CUE_WORDS, len(ws)), 0, -1):
            tail = "".join(ws[-k:])
            if tail in lex.cues or (k == 1 and (tail in lex.tail_words or tail.replace(".", "").isdigit())):
                phrase = phrase[:-len(tail)]
                break
        phrase = lex.glued_each.sub("", phrase)
        if phrase == before:
            glued = _glued_cue(phrase, lex)
            if glued:
                phrase = phrase[:-len(glued)]
        if phrase == before:
            break
    return phrase.strip("、，" + lex.particle)[-_MAX_PHRASE:]


def _strip_lead_verb(phrase: str, lex: _Lexicon, governs: bool = False) -> str:
    """建设碳汇林 → 碳汇林, 新建、改扩建城市口袋公园 → 城市口袋公园, 新创建绿色社区 → 绿色社区
    (but 新增污水处理能力 and 改造后建筑能效 stay); governs: no comparator stands between the verb
    and the number, so 改造, 新建 are verbs too."""
    ws = _words(phrase[:16])
    merged = len(ws) > 1 and ws[0] in lex.goal_verb_prefixes and _is_goal_verb(ws[1], lex)
    if merged:
        ws = (ws[0] + ws[1],) + ws[2:]  # 新 + 改扩建
    if not ws:
        return phrase
    k, end, chained = 0, len(ws[0]), False
    # verbs joined by 、 and 和, or one in brackets, that govern the number are verbs whatever they are:
    # 新建、改扩建口袋公园12个, 新建（改扩建）; before a comparator they describe it (新增及更新车辆中…比例)
    while governs and k + 2 < len(ws) and _is_goal_verb(ws[k], lex) and _is_goal_verb(ws[k + 2], lex):
        if ws[k + 1] in lex.separators:
            end, k = end + len(ws[k + 1]) + len(ws[k + 2]), k + 2
        elif ws[k + 1] == "（" and k + 3 < len(ws) and ws[k + 3] == "）":
            end, k = end + len(ws[k + 2]) + 2, k + 3
        else:
            break
        chained = True
    if not (chained or _is_stripped_verb(ws[0], lex, governs)):
        return phrase
    if len(phrase) - end < 2 or phrase.startswith(lex.verb_clause_ends, end):
        return phrase
    if merged and len(phrase) - end <= 2:
        return phrase  # 新认定企业: a bare noun keeps the prefixed verb that says which
    return phrase[end:]


def _is_stripped_verb(word: str, lex: _Lexicon, governs: bool) -> bool:
    verbs = lex.stripped_lead_verbs | lex.object_verbs if governs else lex.stripped_lead_verbs
    return word in verbs or any(word.startswith(x) and word[len(x):] in verbs for x in lex.goal_verb_prefixes)


def _after_enumeration(phrase: str, lex: _Lexicon) -> str:
    """钢铁、电解铝…等重点行业产能 → 重点行业产能; 废钢铁、废铜…9种主要再生资源 → 主要再生资源."""
    first = phrase.find("、")
    if first < 0:
        return phrase
    k = max((m.end() for m in lex.enumeration_end.finditer(phrase, first)), default=0)
    return phrase[k:] if k and len(phrase) - k >= 2 else phrase


def _indicator_after(text: str, lex: _Lexicon) -> tuple[str, int]:
    """The noun phrase after a number (推出100项[具有较大知名度的精品赛事]) and where it ends."""
    start = 1 if text.startswith(lex.particle) else 0
    cut = lex.phrase_cut.search(text, start)
    end = cut.start() if cut else len(text)
    sep = lex.separator_end.search(text, start, end)
    if sep:
        end = sep.start()
    if "、" in text[start:end] or end - start > 24:  # …、特色突出的[示范县城]
        k = text.rfind(lex.particle, start, end)
        if 0 <= k < end - 2:
            start = k + 1
    end = min(end, start + _MAX_PHRASE)
    return text[start:end], end


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at separators outside （…）: 各县（市、区）stays whole."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return [x for x in items if x]


def _distribute(indicator: str, count: int, lex: _Lexicon) -> list[tuple[str, str | None]] | None:
    """One (indicator, scope) for each item of a list, or None when items and values do not pair up.

    化学需氧量、氨氮排放总量 → 化学需氧量排放总量, 氨氮排放总量 (the measured head is shared);
    京津冀地区、长三角地区煤炭消费量 → 煤炭消费量 twice, with the regions as scopes.
    """
    items = _split_outside_brackets(indicator, "、")
    if len(items) != count:  # 乘用车和商用车…排放强度分别下降25%和20%
        items = _split_outside_brackets(indicator, lex.separator_chars)
    if len(items) != count or count < 2:
        return None
    items = _share_prefix(items, lex)
    last = items[-1]
    if all(_is_scope(x, lex) for x in items[:-1]):
        scope = _scope_prefix(last, lex, named=True)
        if scope:
            rest = last[len(scope):]
            return [(rest, x) for x in items[:-1]] + [(rest, scope)]
    k = last.find("等")
    per = lex.modifier.search(last, 1)
    if 0 < k < len(last) - 1:  # …、挥发性有机物等主要污染物重点工程减排量
        core, suffix = last[:k], lex.leading_count.sub("", last[k + 1:])
    elif 0 < last.rfind("）") < len(last) - 2 and not any("）" in x for x in items[:-1]):
        cut = last.rfind("）") + 1  # 公交车、出租汽车（含网约车）[新能源汽车]: the remark ends the item
        core, suffix = last[:cut], last[cut:]
    elif per and not any(lex.modifier.search(x) for x in items[:-1]):
        core, suffix = last[:per.start()], last[per.start():]  # 营运车辆、船舶[单位换算周转量碳排放强度]
    else:
        m = lex.head.search(last)
        suffix = m.group(0) if m and (m.group("modifier") or m.group("head") not in lex.weak_heads) else ""
        core = last[:len(last) - len(suffix)]
    own = lex.head.search(suffix)
    out = []
    for item in items[:-1]:
        head = lex.head.search(item)
        named = own and (item.endswith(own.group(0))
                         or (own.group("head") not in lex.weak_heads and item.endswith(own.group("head")))
                         # 人均办公面积、…能耗; 人均用水量、…能耗 (not 化学需氧量、…排放总量)
                         or (head is not None and (head.group("head") not in lex.weak_heads
                                                   or not own.group("modifier"))))
        out.append((item if named else item + suffix, None))
    out.append((core + suffix, None))
    return out


def _share_prefix(items: list[str], lex: _Lexicon) -> list[str]:
    """Give later items the subject or modifier the first one opens with:
    市属国企人均办公面积、人均用电量 → 市属国企人均用电量; 重点企业单位产品能耗、水耗 → 重点企业单位产品水耗;
    单位地区生产总值能源消耗和二氧化碳排放 → 单位地区生产总值二氧化碳排放."""
    first = items[0]
    base = lex.per_unit_base.match(first)
    own = lex.modifier.search(first, 1)
    last_word = (_words(first[-8:]) or ("",))[-1]
    out = [first]
    for item in items[1:]:
        prefix = ""
        if own and lex.modifier.match(item) and not item.startswith(first[:own.start()]):
            prefix = first[:own.start()]  # the subject before the first item's modifier
        elif (2 <= len(item) == len(last_word) < len(first) and item[-1] == last_word[-1]
              and len(_words(item)) == 1):
            prefix = first[:-len(last_word)]  # 能耗、水耗: a bare head of the same kind
        elif base and not lex.per_unit_base.match(item) and lex.intensity_head.search(item):
            prefix = base.group(0)
        out.append(prefix + item)
    return out


# ---------------------------------------------------------------- clauses

@dataclass
class _Hit:
    """A number taken as a target, before list items get their indicators."""

    number: _Number
    indicator: str | None
    scope: str | None
    cue: str | None
    start: int
    form: str  # A: indicator before; A-list: a later value of A's list; A-item: 、B 100万亩; B: indicator after
    end: int = -1  # where the phrase ends when the indicator follows the number
    each: bool = False  # 均达到: the value holds for every item of the indicator
    subject: str = ""  # form B: what stands before a share or count (三甲医院预留[20%的床位])
    run: int = -1  # form B: the first hit of its list (95%的省级、90%的市级和70%的县级…)
    verb: bool = False  # form B: a goal verb opens the words after the number (按每百户20平方米[配建]…)


def _comparator(n: _Number, cue: str | None, lex: _Lexicon) -> str:
    if n.kind in ("range", "multiply", "bare_range"):
        return "multiply" if n.kind == "multiply" else "range"
    if cue in _CHANGES:
        return cue
    if n.after and lex.after_words[n.after] != "range":
        return lex.after_words[n.after]
    if n.fuzzy:
        return "at_least"
    if cue in ("about", "at_least", "at_most"):
        return cue
    return "exactly"


def _lists_after(line: str, numbers: list[_Number], lex: _Lexicon) -> list[bool]:
    """For each number: does a later value of its list carry 以上, 左右 … (分别在7%、2%以下), or a
    later pair of its list a comparator (快递驿站800个、智能快件箱3万组以上)?"""
    out = [False] * len(numbers)
    for k in range(len(numbers) - 2, -1, -1):
        nxt = numbers[k + 1]
        if lex.value_separators.fullmatch(line, numbers[k].end, nxt.start):
            out[k] = bool(nxt.after) or out[k + 1]
        elif lex.pair_item.fullmatch(line, numbers[k].end, nxt.start):
            item = line[numbers[k].end + 1:nxt.start]
            out[k] = bool(nxt.after) or _cue(item, lex) in ("about", "at_least", "at_most") or out[k + 1]
    return out


def _limits_time(phrase: str, cue: str | None, lex: _Lexicon) -> bool:
    """储备能力不低于20天, 压缩至3个工作日: a time that is a goal, not a deadline."""
    return cue in ("at_most", "at_least") or (cue == "level" and phrase.endswith(lex.time_limit_endings))


def _form_a_ok(n: _Number, phrase: str, cue: str | None, lex: _Lexicon, list_after: bool) -> bool:
    """May a number with this phrase before it be a target (A达到300件)?"""
    if n.kind == "multiply":
        return True
    if n.kind == "bare_range":  # 容积率宜在1.2至2.0之间
        return bool(lex.ratio_head.search(_strip_tail(phrase, lex)))
    if n.time and (n.after == lex.time_window or not _limits_time(phrase, cue, lex)):
        return False
    if n.chinese or n.kind == "bare":
        return bool(cue and cue not in _CHANGES) or bool(n.after)
    if cue or n.after or n.fuzzy or list_after:
        return True
    visits = _visits(n, lex)  # 检查餐饮场所8000家次
    if _goal_verb_index(phrase, lex, visits) is not None:  # 建设碳汇林90万亩, 东部各县完成退养还湿12万亩
        return True
    if _object_then_verb(phrase, lex, visits):  # 农村危房改造1200户, 河道综合治理30公里
        return True
    return phrase.endswith(lex.particle) and any(w in phrase for w in lex.share_words)


def _form_b(n: _Number, raw: str, phrase: str, after: str, lex: _Lexicon) -> tuple[str, str | None] | None:
    """How a number followed by words is a target, and the comparator word before it.

    ('noun', cue): a verb of making governs it, the noun after is the indicator
    (推出100项[精品赛事], 培养不少于1200名[社区护士]); ('clause', cue): it counts or shares the
    subject of the rest of the clause (40%[行政村完成村规民约修订], 在20个[重点村开展试点]).
    """
    if n.kind in ("bare", "bare_range", "multiply") or n.time or (n.chinese and not n.after):
        return None
    if n.after in lex.class_after and after.startswith(lex.particle):
        return None  # 节能率15%及以上的建筑: a class of what follows
    cue = _cue(phrase, lex)
    if phrase.endswith(lex.count_leads) and n.counted:  # 在[20个左右重点村开展试点]
        return "clause", None
    if cue not in (None, "about", "at_least", "at_most"):
        return None  # 占比达到30%的企业: a condition
    core = _strip_cue(phrase, lex) if cue else phrase
    if lex.norm_base.search(core) and _norm_verb(after, lex):
        return "norm", cue  # 按每百户不低于20平方米[配建养老服务设施]
    if core.endswith("等") and core.count("、") + 1 == n.value:
        return None  # 实施甲、乙、丙、丁等4个…: the count of the list itself
    visits = _visits(n, lex)  # 检查8000家次餐饮场所
    governed = _governs(core, lex, visits) or (not core and _ends_with_goal_verb(raw, lex, visits))
    if governed and cue is None:
        cue = _cue_before_verb(core, lex)  # 每个乡镇至少建成[2个示范村]
    if n.after in lex.qualifier_after and not n.counted:
        # 30万千瓦及以上热电联产电厂 is a size class; 完成1000万平方米以上既有建筑改造 is not
        return ("noun", cue) if governed and n.after in lex.plain_qualifiers else None
    if n.unit in lex.share_units and not core.endswith(lex.share_blockers):
        if core and n.after in lex.qualifier_after and after.startswith(lex.particle):
            return None  # 持股5%以上的股东: a condition on what follows
        return "clause", cue  # 城镇新建民用建筑[100%执行绿色建筑标准]; not 购置费的20%
    if governed:
        return "noun", cue
    if not core and (n.after or n.fuzzy or (n.counted and lex.completion.search(after))):
        return "clause", cue  # 60个左右[大中城市…], 年底前[30个乡镇建成服务中心]
    return None


def _norm_verb(after: str, lex: _Lexicon) -> int:
    """配建养老服务设施, 的标准配建养老服务用房: how long the goal verb (and the 标准 before it)
    that opens the words after a norm is; 0 when they do not open with one."""
    m = lex.norm_standard.match(after)
    k = m.end() if m else 0
    ws = _words(after[k:k + 16])
    if not ws or not _is_goal_verb(ws[0], lex) or len(after) - k - len(ws[0]) < 2:
        return 0
    return k + len(ws[0])


def _cue_before_verb(phrase: str, lex: _Lexicon) -> str | None:
    """至少建成, 不少于新建: a bound on the count written before the goal verb, not after it."""
    ws = _words(phrase[-16:])
    if len(ws) < 2 or not _is_goal_verb(ws[-1], lex):
        return None
    cue = _cue(phrase[:-len(ws[-1])], lex)
    return cue if cue in ("about", "at_least", "at_most") else None


def _strip_cue(phrase: str, lex: _Lexicon) -> str:
    """培养不少于 → 培养: the comparator words at the end of a phrase."""
    ws = _words(phrase[-12:])
    for k in range(min(_MAX_CUE_WORDS, len(ws)), 0, -1):
        tail = "".join(ws[-k:])
        if tail in lex.cues:
            return phrase[:-len(tail)]
    glued = _glued_cue(phrase, lex)
    return phrase[:-len(glued)] if glued else phrase


def _subject(core: str, lex: _Lexicon) -> str:
    """三甲医院预留 stays; 按, 在, the comparator and tail words go: 既有小区按不低于 → 既有小区."""
    core = _strip_tail(_strip_cue(core, lex), lex)
    for _ in range(3):
        for word in lex.count_leads + lex.subject_tails:
            if core.endswith(word):
                core = core[:-len(word)]
                break
        else:
            break
    return core


def _after_outside_brackets(line: str, start: int, end: int, numbers: dict[int, int],
                            lex: _Lexicon) -> tuple[str, list[int]]:
    """The words after a number up to the next number, without bracketed remarks, and where each
    stands: 40%以上大型商场（建筑面积达到10万平方米及以上）基本满足… → 大型商场基本满足…;
    a number that ends a modifier is passed: 36家总投资8亿元的[乡镇污水处理厂提标改造]."""
    out: list[str] = []
    where: list[int] = []
    depth = 0
    i, stop = start, min(end, start + 3 * _MAX_PHRASE)
    while i < stop:
        ch = line[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            if i in numbers:
                if not line.startswith(lex.particle, numbers[i]):
                    break
                out, where, i = [], [], numbers[i] + 1
                continue
            out.append(ch)
            where.append(i)
        i += 1
    return "".join(out), where


def _clause_hits(line: str, cs: int, ce: int, numbers: list[_Number], lex: _Lexicon,
                 listed: bool = False) -> list[_Hit]:
    """The targets among the numbers of the clause line[cs:ce]; listed: the clause before it in
    its sentence gave a target, so a bare "indicator value" is one too (换电站12座，充电示范项目30个)."""
    hits: list[_Hit] = []
    if line[cs:ce].endswith(lex.particle):  # a condition: 确需建设18层以上居住建筑的，
        return hits
    prev_end = cs  # end of the previous number
    anchor = cs  # end of the previous target: a new indicator starts here
    run: _Hit | None = None  # the head of the current run of targets
    prev: _Hit | None = None
    lists_after = _lists_after(line, numbers, lex)
    starts = {x.start: x.end for x in numbers}
    for i, n in enumerate(numbers):
        gap_start, gap = prev_end, line[prev_end:n.start]
        after = line[n.end:numbers[i + 1].start if i + 1 < len(numbers) else ce]
        prev_end = n.end
        # a bracket ends a clause too: 达到2万个（市交通局负责）, （其中康复床位不低于5%）
        a_shape = not after or bool(lex.separator_start.match(after)) or after[0] in "（）"
        opened = line.rfind("（", max(cs, n.start - _LOOKBACK), n.start)
        in_bracket = opened >= 0 and line.find("）", opened, n.start) < 0
        hit = None
        if run and prev and run.form == "A" and lex.value_separators.fullmatch(gap):
            hit = _Hit(n, None, run.scope, run.cue, run.start, "A-list")
        elif run and prev and run.form == "B" and lex.separator_end.search(gap) and not a_shape:
            prev.indicator, end = _indicator_after(gap, lex)
            prev.end = gap_start + end
            hit = _Hit(n, None, run.scope, None, n.start, "B", subject=run.subject, run=run.run)
        elif run and prev and run.form == "A" and gap.startswith("、") and a_shape:
            phrase = gap[1:]
            cue = _cue(phrase, lex)
            if not (n.chinese or n.kind == "bare") or cue or n.after:
                hit = _Hit(n, _strip_tail(phrase, lex) or None, run.scope, cue or run.cue, gap_start + 1, "A-item")
        if hit is None:
            # the indicator starts after the previous target, or after the bracket the number stands in
            anchor = opened + 1 if in_bracket and opened >= gap_start else max(anchor, n.start - _LOOKBACK)
            raw = line[anchor:n.start]
            phrase, dropped, scope = _strip_lead(raw, lex)
            if a_shape:
                if not (in_bracket and n.after in lex.class_after):  # （建筑面积10万平方米及以上）: a class
                    in_list = lists_after[i] or (listed and not hits and 2 <= len(phrase) <= lex.max_listed_phrase)
                    hit = _form_a_hit(n, phrase, scope, anchor + dropped, in_list, lex)
            else:
                if phrase in lex.scope_words:  # 全市[30%以上大型超市…]
                    scope, phrase = phrase, ""
                shape = _form_b(n, raw, phrase, _after_outside_brackets(line, n.end, ce, starts, lex)[0], lex)
                if shape:
                    subject = _subject(phrase, lex) if shape[0] == "clause" else ""
                    if shape[0] == "norm":  # 新建小区按每百户…: the subject without its per base
                        core = _strip_cue(phrase, lex) if shape[1] else phrase
                        subject = _subject(core[:lex.norm_base.search(core).start()], lex)
                    hit = _Hit(n, None, scope, shape[1], anchor + dropped, "B", subject=subject, run=len(hits),
                           verb=shape[0] == "norm")
            run = hit
        if hit is not None:
            if hit.form == "B" and (i + 1 == len(numbers) or not lex.separator_end.search(after)):
                text, where = _after_outside_brackets(line, n.end, ce, starts, lex)
                skip = _norm_verb(text, lex) if hit.verb else 0
                indicator, end = _indicator_after(text[skip:], lex)
                end += skip if end else 0
                hit.indicator = hit.subject + indicator
                hit.end = where[end - 1] + 1 if end else n.end
            hits.append(hit)
            anchor = max(n.end, min(hit.end, numbers[i + 1].start if i + 1 < len(numbers) else ce))
        prev = hit
    _share_list_tail(hits, lex)
    return hits


def _form_a_hit(n: _Number, phrase: str, scope: str | None, start: int, list_after: bool,
                lex: _Lexicon) -> _Hit | None:
    """A number at the end of its clause with its indicator before it: A达到300件, 东部各县完成退养还湿12万亩."""
    core, per = _split_per(phrase, lex)
    cue = _cue(core, lex)
    if not _form_a_ok(n, core, cue, lex, list_after):
        return None
    if cue == "level" and n.time and core.endswith(lex.time_ceilings):
        cue = "at_most"  # 办结时间压缩至1个工作日: a time cut down to is a ceiling
    if not cue:
        subject, core = _split_subject(core, lex)
        scope = scope or subject or None
    return _Hit(n, _strip_tail(core, lex) + per, scope, cue, start, "A", each=bool(lex.each.search(core[-8:])))


def _share_list_tail(hits: list[_Hit], lex: _Lexicon) -> None:
    """95%的省级、90%的市级和70%的县级党政机关达到创建标准: the short items take the rest of the last."""
    runs: dict[int, list[_Hit]] = {}
    for hit in hits:
        if hit.form == "B":
            runs.setdefault(hit.run, []).append(hit)
    for members in runs.values():
        last = members[-1].indicator or ""
        ws = _words(last[len(members[-1].subject):][:16])
        if len(members) < 2 or len(ws) < 2:
            continue
        heads = [(h.indicator or "")[len(h.subject):] for h in members[:-1]]
        if all(0 < len(x) <= lex.max_list_head and len(_words(x)) == 1 for x in heads):
            rest = last[len(members[-1].subject) + len(ws[0]):]
            for h, head in zip(members[:-1], heads):
                h.indicator = h.subject + head + rest


def _one_for_each(head: _Hit, lex: _Lexicon) -> bool:
    """Does one value hold for every item of the indicator: 化肥、农药利用率均达到43%, or
    光纤入户率、千兆覆盖率、基站开通率100% (every item names its own rate)?"""
    if head.each:
        return True
    items = _split_outside_brackets(head.indicator or "", "、")
    return len(items) > 1 and all(lex.rate_head.search(x) for x in items)


def _finish(hits: list[_Hit], lex: _Lexicon) -> list[tuple[_Hit, str | None, str | None, int]]:
    """(hit, indicator, scope, group) with list items given their own indicators; a group is
    the head of a list and the later values that share it.

    化学需氧量、氨氮排放总量分别下降8%、8% → 化学需氧量排放总量, 氨氮排放总量;
    化肥、农药利用率均达到43% → 化肥利用率, 农药利用率 (one value, two targets).
    """
    out: list[tuple[_Hit, str | None, str | None, int]] = []
    i = 0
    while i < len(hits):
        gid = i
        head = hits[i]
        j = i + 1
        while j < len(hits) and hits[j].form == "A-list":
            j += 1
        group = hits[i:j]
        i = j
        indicator = head.indicator or None
        if head.form == "A" and indicator and ("、" in indicator or len(group) > 1):
            indicator = _strip_lead_verb(indicator, lex)
            count = len(group) if len(group) > 1 else (indicator.count("、") + 1 if _one_for_each(head, lex) else 0)
            shared = _distribute(indicator, count, lex) if count else None
            if shared:
                pairs = [(head, x) for x in shared] if len(group) == 1 else list(zip(group, shared))
                out.extend((hit, ind, scope or head.scope, gid) for hit, (ind, scope) in pairs)
                continue
        if indicator and head.form in ("A", "A-item"):
            indicator = _after_enumeration(indicator, lex)
            indicator = _strip_lead_verb(lex.leading_count.sub("", indicator) or indicator, lex, head.cue is None)
        out.extend((hit, indicator, hit.scope, gid) for hit in group)
    return out


# ---------------------------------------------------------------- paragraphs

@dataclass
class _Paragraph:
    """Lines joined where a PDF broke a sentence, with the way back to text offsets."""

    text: str
    starts: list[int]  # where each joined line starts in the paragraph
    bases: list[int]  # where each joined line starts in the document
    first_line: int
    item: bool  # begins with an item marker (1. （一） ——)
    heading: bool  # a short item line without a sentence: （一）2025年目标

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self._to_text(start), self._to_text(end - 1) + 1

    def _to_text(self, pos: int) -> int:
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.bases[k] + pos - self.starts[k]


def _paragraphs(text: str, lex: _Lexicon) -> Iterator[_Paragraph]:
    """The paragraphs of ``text`` one at a time (a text may hold millions of lines)."""
    group: list[tuple[int, int, str]] = []  # (line number, start, line) of the paragraph being read
    joining = False
    for i, (start, end) in enumerate(line_spans(text)):
        line = text[start:end]
        if group and not (joining and line and not lex.item_start.match(line)):
            yield _paragraph(group, lex)
            group = []
        group.append((i, start, line))
        heading = bool(lex.item_start.match(line)) and _is_heading(line)
        joining = len(line) >= lex.min_wrapped and bool(lex.continues.search(line)) and not heading
    yield _paragraph(group, lex)


def _paragraph(group: list[tuple[int, int, str]], lex: _Lexicon) -> _Paragraph:
    starts, bases, length = [], [], 0
    for _, start, line in group:
        starts.append(length)
        bases.append(start)
        length += len(line)
    joined = "".join(line for _, _, line in group)
    item = bool(lex.item_start.match(joined))
    return _Paragraph(joined, starts, bases, group[0][0], item, item and _is_heading(joined))


def _is_heading(line: str) -> bool:
    return len(line) <= 40 and not any(ch in line for ch in "，。；：")


class _Marks:
    """Positions of boundary characters in a paragraph, searched by bisection (paragraphs may be long)."""

    def __init__(self, line: str, boundaries: str):
        self.marks = [i for i, ch in enumerate(line) if ch in boundaries]
        self.length = len(line)

    def start(self, pos: int) -> int:
        """Start of the stretch that holds pos."""
        k = bisect.bisect_left(self.marks, pos)
        return self.marks[k - 1] + 1 if k else 0

    def end(self, pos: int) -> int:
        k = bisect.bisect_left(self.marks, pos)
        return self.marks[k] if k < len(self.marks) else self.length


def _any_between(positions: list[int], start: int, end: int) -> bool:
    k = bisect.bisect_left(positions, start)
    return k < len(positions) and positions[k] < end


def _paragraph_targets(para: _Paragraph, carried: int | None, lex: _Lexicon) -> list[FoundTarget]:
    line = para.text
    numbers = _numbers(line, lex)
    if not numbers:
        return []
    events = _year_events(line, lex)
    event_at = [at for at, _ in events]
    statements = _Marks(line, _SENTENCE_END + "；")  # a fact word holds to the next ；
    sentences = _Marks(line, _SENTENCE_END)
    facts = [m.start() for m in lex.fact.finditer(line)]
    subsidies = [m.start() for m in lex.subsidy.finditer(line)]
    found: list[FoundTarget] = []
    found_in: list[int] = []  # the sentence of each found target
    cs = k = 0
    listed = False  # the clause before, in the same sentence, gave a target
    before = ""  # the clause before, in the same sentence, when it has no number
    for ce in [i for i, ch in enumerate(line) if ch in _CLAUSE_END] + [len(line)]:
        if cs == 0 or line[cs - 1] in _SENTENCE_END:
            listed, before = False, ""
        clause_numbers = []
        while k < len(numbers) and numbers[k].start < ce:
            if numbers[k].start >= cs:
                clause_numbers.append(numbers[k])
            k += 1
        finished = _finish(_clause_hits(line, cs, ce, clause_numbers, lex, listed), lex)
        listed = bool(finished)
        groups: dict[int, list[int]] = {}
        for idx, item in enumerate(finished):
            groups.setdefault(item[3], []).append(idx)
        for idx, (hit, indicator, scope, gid) in enumerate(finished):
            n = hit.number
            said = statements.start(n.start)
            if _any_between(facts, said, n.start):
                continue  # a sentence that reports the present
            if _any_between(subsidies, said, statements.end(n.end)) and _paid(n, line, cs, ce, lex):
                continue  # the amount or rate a subsidy pays, not a goal
            sentence = sentences.start(n.start)
            year = _clause_year(line, cs, n.start, lex)
            if year is None:
                at = bisect.bisect_right(event_at, n.start)
                year = events[at - 1][1] if at else carried
            # 每年/年均 make a yearly target, unless a horizon governs the sentence (到2027年，…年均增长8%)
            if lex.clause_resets.search(line, cs, n.start) and not lex.horizon.search(line, sentence, n.start):
                year = None
            group = groups[gid]
            if len(group) > 1:  # 2024至2026年…分别下降3%、3.5%、4%
                first = finished[group[0]][0].number.start
                years = _series_years(line, sentences.start(first), first, len(group), lex)
                if years:
                    year = years[group.index(idx)]
            indicator = _in_context(indicator, found, found_in, sentence, before, lex)
            start, end = para.span(min(hit.start, n.start), max(hit.end, n.end))
            found.append(FoundTarget(indicator or None, scope, n.value, n.value_max, n.unit,
                                     _comparator(n, hit.cue, lex), year, start, end))
            found_in.append(sentence)
        before = "" if clause_numbers else line[cs:ce]
        cs = ce + 1
    return found


def _in_context(indicator: str | None, found: list[FoundTarget], found_in: list[int], sentence: int,
                before: str, lex: _Lexicon) -> str | None:
    """An indicator the clause does not name: 达到57%；2030年进一步提升至62% (the target before it),
    2027年该比例提高到50% (the one 该比例 refers to), 鼓励建设多层厂房，最高不超过9层 (the object before)."""
    if indicator and lex.anaphora.fullmatch(indicator):
        return found[-1].indicator if found else None
    if indicator:
        return indicator
    if found and found_in[-1] == sentence:
        return found[-1].indicator
    if before:
        obj = _strip_tail(_strip_lead_verb(_strip_lead(before, lex)[0], lex), lex)
        if 2 <= len(obj) <= lex.max_listed_phrase:
            return obj
    return None


class _LineRanges:
    """Line numbers held as ranges (``first``, ``end``): a set of millions of ints is not."""

    def __init__(self) -> None:
        self.firsts: list[int] = []
        self.ends: list[int] = []

    def add(self, line: int) -> None:
        if self.ends and self.ends[-1] == line:
            self.ends[-1] = line + 1
        else:
            self.firsts.append(line)
            self.ends.append(line + 1)

    def __contains__(self, line: int) -> bool:
        k = bisect.bisect_right(self.firsts, line) - 1
        return k >= 0 and line < self.ends[k]


def _paid(n: _Number, line: str, cs: int, ce: int, lex: _Lexicon) -> bool:
    """In a sentence about subsidies: money (奖励50万元, 最高不超过200万元), or a share in the
    clause that pays (按购置费的20%给予补助); not 农机化示范县超过60% after 深化农机购置补贴改革."""
    base = _split_unit(n.unit, lex)[1] if n.unit else ""
    if base in lex.money_units:
        return True
    return base in lex.share_units and bool(lex.paying.search(line, cs, ce))


def _review_lines(lines: Iterable[str], lex: _Lexicon) -> _LineRanges:
    """Lines under a heading that reports what was done (取得的成效, 发展基础)."""
    levels = ("章", "节", "、", "）")
    review = _LineRanges()
    open_level: int | None = None
    for i, line in enumerate(lines):
        m = lex.heading.match(line)
        if m and len(line) <= 40:
            level = next(k for k, ch in enumerate(levels) if m.group("marker").endswith(ch))
            if open_level is not None and level <= open_level:
                open_level = None
            if open_level is None and lex.review.search(m.group("title")):
                open_level = level
                continue
        if open_level is not None:
            review.add(i)
    return review


def find_targets(text: str) -> list[FoundTarget]:
    """The numeric targets of a normalised document text, in text order."""
    lex = _lexicon()
    review = _review_lines((text[start:end] for start, end in line_spans(text)), lex)
    found: list[FoundTarget] = []
    # The year of a heading or of a line ending in ：holds in the paragraph after it
    # and in the items of the list it opens; the year of a paragraph that opens with
    # a horizon (到2025年，…) holds in the ——items that follow it.
    carried: int | None = None
    opened = False
    horizon: int | None = None
    table: _Table | None = None  # an indicator table written one cell per line
    for para in _paragraphs(text, lex):
        if not (opened or para.item):
            carried = None
        goal_item = para.text.startswith(lex.goal_item)
        if not goal_item:
            horizon = None
        targets = []
        if para.first_line not in review:
            targets = _paragraph_targets(para, carried if carried is not None else horizon, lex)
        if table is not None and table.ends(para, lex):
            found.extend(table.flush(lex))
            table = None
        if table is not None:
            found.extend(table.read(para, targets, lex))
        else:
            found.extend(targets)
            if _is_table_header(para.text, lex):
                table = _Table()
        opened = para.heading or para.text.endswith("：")
        if opened:
            events = _year_events(para.text, lex, heading=para.heading)
            carried = events[-1][1] if events else None
        elif not goal_item and lex.horizon.match(para.text):
            events = _year_events(para.text, lex)
            horizon = events[-1][1] if events else None
    if table is not None:
        found.extend(table.flush(lex))
    found.sort(key=lambda t: (t.start, t.end))
    return found


# ---------------------------------------------------------------- indicator tables

def _is_cell(text: str, lex: _Lexicon) -> bool:
    """A short line without a sentence in it: a table cell or a title."""
    return 0 < len(text) <= lex.table_cell_max and not any(ch in text for ch in "。；，")


def _is_table_header(text: str, lex: _Lexicon) -> bool:
    return bool(lex.table_header.search(text)) and _is_cell(text, lex)


@dataclass
class _Table:
    """An indicator table whose cells stand one per line (江澜市…监测指标 / 编号 / 指标名称 / 目标值 /
    1.社区健身场地覆盖率 / 比上年提高，2025年达90%。 / 2.学校场馆开放率 / ≥60%): each indicator
    name line is followed by its value cells; the last value is the target."""

    year: int | None = None  # a year column in the header: 2025年
    name: str | None = None
    unit: str | None = None  # written in the name: 滨海湿地生态修复面积（公顷）
    cells: list[tuple[_Paragraph, list[FoundTarget]]] | None = None

    def ends(self, para: _Paragraph, lex: _Lexicon) -> bool:
        text = para.text
        return bool(lex.table_end.match(text)) or (len(text) > lex.table_cell_max and not self._value(text, lex))

    def read(self, para: _Paragraph, targets: list[FoundTarget], lex: _Lexicon) -> list[FoundTarget]:
        text = para.text
        year = lex.table_year.match(text)
        if year:
            out = self.flush(lex)
            self.year = int(year.group("year"))
            return out + targets
        if self.name is not None and self._value(text, lex) and len(self.cells or []) < lex.table_max_cells:
            self.cells = (self.cells or []) + [(para, targets)]
            return []
        out = self.flush(lex)
        if _is_cell(text, lex):
            self._name(text, lex)
        return out + targets

    def flush(self, lex: _Lexicon) -> list[FoundTarget]:
        """The targets of the row read so far, with the row's name and the table's year."""
        cells, name, unit = self.cells or [], self.name, self.unit
        self.cells, self.name, self.unit = None, None, None
        out: list[FoundTarget] = []
        for para, targets in cells:
            for t in targets:
                t.indicator = t.indicator or name
                t.year = t.year if t.year is not None else self.year
            out.extend(targets)
        numeric = [(para, targets) for para, targets in cells if lex.table_value.match(para.text)]
        if name and numeric and not numeric[-1][1]:
            para, _ = numeric[-1]
            target = self._target(para, name, unit, len(cells) > 1, lex)
            if target:
                out.append(target)
        return out

    def _name(self, text: str, lex: _Lexicon) -> None:
        m = lex.item_start.match(text) or lex.row_number.match(text)
        name = text[m.end():] if m else text
        unit = lex.name_unit.search(name)
        if unit and lex.unit_only.fullmatch(unit.group("unit")):
            name, self.unit = name[:unit.start()], unit.group("unit")
        elif not (m or lex.head.search(name) or lex.ratio_head.search(name)):
            return  # 编号, 指标名称, 属性: not an indicator
        self.name = name.rstrip("*＊：")

    @staticmethod
    def _value(text: str, lex: _Lexicon) -> bool:
        if lex.table_placeholder.match(text) or lex.table_value.match(text):
            return True
        return (len(text) <= lex.table_cell_max and any(ch.isdigit() for ch in text)
                and ("，" in text or text.endswith("。")))  # 比上年提高，2025年达90%。

    def _target(self, para: _Paragraph, name: str, unit: str | None, column: bool,
                lex: _Lexicon) -> FoundTarget | None:
        """A bare value cell: 9000 (公顷 from the name), ≥35 (%), when it is the last of several
        cells (现状值, 2025年) or carries a comparator."""
        m = lex.table_value.match(para.text)
        unit = m.group("unit") or unit
        cue, after = m.group("cue"), m.group("after")
        if not unit or not (column or cue or after):
            return None
        number = _Number(0, len(para.text), _arabic_value(m.group("num")), unit=unit, after=after)
        start, end = para.span(0, len(para.text))
        return FoundTarget(name, None, number.value, None, unit, _comparator(number, lex.cues.get(cue or ""), lex),
                           self.year, start, end)
