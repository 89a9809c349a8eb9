"""Word's automatic list numbers ("一、", "（一）", "1.") as printed.

A .docx stores an automatically numbered paragraph without its number: the
number is computed from numbering.xml when the document is displayed. The
heading numbers of a policy document are its outline, so they are computed
here the way Word does: one counter per list and level, deeper levels
restarting when a higher one advances, formatted by the level's number
format and text pattern (``%1、``, ``（%2）``). Bullets give no text.
"""
from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What Word itself prints stays far inside these; a document past them was
# made by hand or to do harm, and its marker is left out (with a warning)
# rather than built: %1 repeated in a long level text, each a long number,
# would take gigabytes.
MAX_MARKER = 64         # characters of a printed list marker
MAX_LEVEL_TEXT = 64     # characters of a level's text pattern (lvlText)
MAX_ROMAN = 3999        # Roman numerals end at MMMCMXCIX; larger numbers are printed as digits
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class _Level:
    def __init__(self, lvl) -> None:
        self.start = _int(_val(lvl, "start"), 1)
        self.format = _val(lvl, "numFmt") or "decimal"
        self.text = _val(lvl, "lvlText")
        self.suffix = _val(lvl, "suff") or "tab"


class ListNumbering:
    """Numbers paragraphs in reading order; call :meth:`marker` once per paragraph."""

    def __init__(self, document) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}   # numId → (abstract id, start overrides)
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → (numId, ilvl, basedOn)
        self._counters: dict[str, dict[int, int]] = {}
        self._overridden: set[str] = set()
        #: Markers left out because they were too long to be list numbers.
        self.dropped = 0
        self._load(document)

    def _load(self, document) -> None:
        part = document.part
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in numbering.iterchildren(_W + "abstractNum"):
            levels = {_int(lvl.get(_W + "ilvl"), 0): _Level(lvl) for lvl in abstract.iterchildren(_W + "lvl")}
            self._abstract[abstract.get(_W + "abstractNumId")] = levels
        for num in numbering.iterchildren(_W + "num"):
            abstract_id = _val(num, "abstractNumId")
            overrides = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(_W + "ilvl"), 0)] = _int(start, 1)
            self._nums[num.get(_W + "numId")] = (abstract_id, overrides)
        try:
            styles = part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for style in styles.iterchildren(_W + "style"):
            ppr = style.find(_W + "pPr")
            num_pr = ppr.find(_W + "numPr") if ppr is not None else None
            num_id = _val(num_pr, "numId") if num_pr is not None else None
            ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
            self._styles[style.get(_W + "styleId")] = (num_id, ilvl, _val(style, "basedOn"))

    def marker(self, p) -> str:
        """The number Word prints before paragraph ``p`` ('' for none)."""
        num_id, ilvl = self._numbering_of(p)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._overridden and overrides:
            self._overridden.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.format in ("bullet", "none") or level.text is None:
            return ""
        if len(level.text) > MAX_LEVEL_TEXT:
            self.dropped += 1
            return ""

        def number(n: int) -> str:
            lvl = levels.get(n)
            value = counters.get(n, lvl.start if lvl else 1)
            return _format(value, lvl.format if lvl else "decimal")

        text = level.text
        for n in range(9, 0, -1):
            if f"%{n}" in text:
                text = text.replace(f"%{n}", number(n - 1))
                if len(text) > MAX_MARKER:  # checked as it grows: at most 64 times a number
                    self.dropped += 1
                    return ""
        return text + (" " if level.suffix == "space" else "")

    def _numbering_of(self, p) -> tuple[str | None, int]:
        ppr = p.find(_W + "pPr")
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
        style = _val(ppr, "pStyle") if ppr is not None else None
        seen: set[str] = set()
        while (num_id is None or ilvl is None) and style and style not in seen:
            seen.add(style)
            style_num, style_ilvl, based_on = self._styles.get(style, (None, None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
            style = based_on
        return num_id, _int(ilvl, 0)


def _format(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "ideographDigital"):
        return chinese_numeral(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[value - 1]
    if fmt in ("upperLetter", "lowerLetter") and 0 < value <= 26 ** 4:
        letters = ""
        n = value
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(65 + r) + letters
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < value <= MAX_ROMAN:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999)."""
    if value <= 0 or value > 9999:
        return str(value)
    out = ""
    zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit_value)
        if digit:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[digit] + unit
        elif out:
            zero = True
    return out[1:] if out.startswith("一十") else out


def _roman(value: int) -> str:
    """1 → I, 1999 → MCMXCIX: ``value`` from 1 to ``MAX_ROMAN``."""
    out = []
    for number, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        times, value = divmod(value, number)
        out.append(numeral * times)
    return "".join(out)


def _val(element, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(_W + child)
    return found.get(_W + "val") if found is not None else None


def _int(value: str | None, default: int) -> int:
    """An integer attribute; clamped to 32 bits, as Word stores it (a
    thousand-digit start value stays a number that prints)."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return max(-2**31, min(number, 2**31 - 1))
