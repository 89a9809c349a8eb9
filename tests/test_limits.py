"""Pathological input finishes in bounded time.

A 5 MB single line, 100,000 nested brackets and 10,000 headings go through
``extract_text``; so do other shapes that once hid quadratic work. Each runs
in its own process with a generous timeout: a hang or a quadratic slope
fails the test instead of blocking the suite, and no timing is asserted
(a slow machine is not a failure; minutes instead of seconds is).

The regular expressions themselves are audited too: every pattern policykit
compiles is searched in long runs of the characters it mentions, and one
whose time grows faster than the text (catastrophic backtracking) fails.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The inputs of the issue: name → Python expression of the text.
CASES = {
    "a 5 MB single line": '"推进数字乡村建设，到2025年全市覆盖率达到30%以上（牵头单位：市科技局）。'
                          '《关于加快发展的意见》（国发〔2014〕6号）" * (5_000_000 // 62)',
    "100,000 nested brackets": '"（" * 100_000 + "牵头单位：市科技局" + "）" * 100_000',
    "10,000 headings": '"".join(f"{i}.加强组织领导。（牵头单位：市科技局）\\n" for i in range(1, 10_001))',
}
#: Other shapes, 200,000 characters each, run together in one process.
SHAPES = {
    "mixed brackets": '"（【《〔(" * 40_000',
    "unclosed titles": '"《关于" * 66_000',
    "unclosed note": '"（牵头单位：" + "市科技局、" * 40_000',
    "a unit list": '"1.加强领导。（牵头单位：" + "市科技局、" * 40_000 + "）\\n"',
    "numbers and percents": '"达到30%以上，" * 25_000',
    "document numbers": '"国发〔2014〕6号" * 20_000',
    "damaged numbers": '"国发〔2014" * 25_000',
    "agency codes": '"晋政办发" * 50_000',
    "dates": '"2025年12月31日前" * 16_000',
    "deep outline": '"一、总体\\n（一）任务\\n1.事项\\n（1）内容\\n①细节\\n" * 8_000',
    "short lines": '"1.\\n" * 66_000',
    "one huge measure": '"一、任务\\n1.加强领导。" + "2025年底前完成，到2025年达到30%以上，" * 8_000',
    "many notes": '"（牵头单位：市科技局；配合单位：市财政局）" * 8_000',
    "colons": '"牵头单位：" * 40_000',
    "half-width punctuation": '"a,b;c:d(e)f." * 16_000',
    "targets with ranges": '"到2025年全市覆盖率达到30%—50%，" * 10_000',
    "full-width digits": '"１２３４５６７８９０％" * 18_000',
}

RUN_CASES = """
import json, sys, time
import policykit
policykit.extract_text("一、总体\\n")   # load jieba and the data once, outside the timing
report = {}
for name, expression in json.loads(sys.argv[1]).items():
    text = eval(expression)
    start = time.perf_counter()
    doc = policykit.extract_text(text)
    report[name] = {"chars": len(text), "measures": len(doc.measures), "seconds": round(time.perf_counter() - start, 2)}
print(json.dumps(report))
"""
TIMEOUT = 300   # seconds; the cases take seconds, a quadratic slope takes hours


def start(cases: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUN_CASES, json.dumps(cases)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> dict:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"did not finish within {TIMEOUT} s")
    assert process.returncode == 0, err[-3000:]
    return json.loads(out)


# The audit compares search times, which a busy machine distorts: `make audit`
# runs it alone instead of inside `make test` (no timed tests in the suite).
AUDIT = bool(os.environ.get("POLICYKIT_REGEX_AUDIT"))


@pytest.fixture(scope="module")
def runs():
    """All the processes at once, so the slow ones overlap."""
    started = {name: start({name: expression}) for name, expression in CASES.items()}
    started["shapes"] = start(SHAPES)
    yield started
    for process in started.values():
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_a_5_mb_single_line_finishes(runs):
    report = finish(runs["a 5 MB single line"])["a 5 MB single line"]
    assert report["chars"] > 4_900_000


def test_100_000_nested_brackets_finish(runs):
    report = finish(runs["100,000 nested brackets"])["100,000 nested brackets"]
    assert report["chars"] == 200_009


def test_10_000_headings_finish_with_a_measure_each(runs):
    assert finish(runs["10,000 headings"])["10,000 headings"]["measures"] == 10_000


def test_other_pathological_shapes_finish(runs):
    assert set(finish(runs["shapes"])) == set(SHAPES)


@pytest.mark.skipif(not AUDIT, reason="the regex audit times searches, so it runs by itself: make audit")
def test_no_regular_expression_backtracks_catastrophically():
    # Its own process, started after the cases above have finished: alone on the machine.
    try:
        done = subprocess.run([sys.executable, __file__, "audit"], cwd=ROOT, capture_output=True, text=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail("the regex audit did not finish: some pattern backtracks without end")
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]


#: Patterns that repeat something of variable length inside a repetition,
#: reviewed: each can match a text in one way only, or in very few.
REVIEWED_NESTING = {
    "《(?:[^《》]|《": "the two alternatives start with different characters",
    "（(?:[^（）]|（": "the two alternatives start with different characters",
    "(?:市|区|县|省|镇|乡|街道|市级": "each item is a fixed word; 、 between them is optional but not a word",
    "五”?(?:和|、|至|到)?){1,3}": "at most 3 repeats of at most 3 numerals",
}


def test_every_nested_repetition_is_possessive_or_reviewed():
    """Structural, untimed: a repeat inside a repeat (``(a+)+``, ``(\\s*x\\s*)*``)
    is how backtracking turns exponential. Each one policykit compiles is
    possessive or atomic (``*+``, ``(?>…)``), or reviewed above."""
    found = [pattern for pattern in policykit_patterns(own_only=True) if nests_repetition(pattern)]
    unreviewed = [pattern.pattern for pattern in found
                  if not any(key in str(pattern.pattern) for key in REVIEWED_NESTING)]
    assert unreviewed == []


def test_deeply_nested_html_finishes_with_a_clear_error(tmp_path):
    from policykit.errors import ReadError
    from policykit.readers import read_bytes

    page = ("<html><body>" + "<div>" * 100_000 + "一、主要任务" + "</div>" * 100_000 + "</body></html>").encode()
    with pytest.raises(ReadError, match=r"nested too deeply"):
        read_bytes(page, name="deep.html")


def test_deeply_nested_inline_html_is_read(tmp_path):
    from policykit.readers import read_bytes

    page = ("<html><body><p>" + "<a>" * 20_000 + "一、主要任务" + "</a>" * 20_000 + "</p></body></html>").encode()
    assert read_bytes(page, name="deep.html").text == "一、主要任务\n"


# -- the regex audit (run as a script: python tests/test_limits.py audit) ---------------------

# Times a probe unit is repeated, shortest first: small steps at first, where
# exponential backtracking doubles the time with every repeat.
REPEATS = (4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 28, 32, 48, 64, 128, 256, 1024, 4096)
MAX_LENGTH = 6000       # characters: longer probes are not run
MAX_SECONDS = 0.2       # a search slower than this fails at once
MAX_RATIO = 8           # 4x the text taking more than 8x the time (over 20 ms): worse than linear


def policykit_patterns(own_only: bool = False) -> list:
    """Every regular expression policykit compiles: module constants, those
    built from the data files on first use, and those compiled inline."""
    import gc
    import importlib
    import pkgutil
    import re
    import tempfile

    import policykit
    from policykit.readers import read_file
    from policykit.readers.pdf import _patterns as pdf_patterns
    from policykit.writers.review import review_page

    for module in pkgutil.walk_packages(policykit.__path__, "policykit."):
        if module.name not in ("policykit.daskbag",):
            importlib.import_module(module.name)
    pdf_patterns()
    for path in sorted((ROOT / "corpus").iterdir()):
        doc = policykit.extract_file(path)
        review_page(doc, read_file(path).text)
        policykit.assign(doc, tempfile.mkdtemp(), xlsx=True)
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "policykit").rglob("*.py"))
    sources += "".join(p.read_text(encoding="utf-8") for p in (ROOT / "policykit" / "data").glob("*.toml"))
    found = {}
    for obj in gc.get_objects():
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, (str, bytes)):
            text = obj.pattern if isinstance(obj.pattern, str) else obj.pattern.decode("latin-1")
            windows = (text[at:at + 16] for at in range(0, max(len(text) - 16, 1), 8))
            ours = text[:24] in sources or any(len("".join(w.split())) >= 14 and w in sources for w in windows)
            if ours or (not own_only and re.search(r"[\u3000-\u9fff\uff00-\uffef]", text)):
                found[(obj.pattern, obj.flags)] = obj
    return list(found.values())


def probes(pattern) -> list[str]:
    """Units to repeat: single characters and pairs from the pattern's
    literals and from policy text, and samples of the body of every
    repetition in the pattern (``(?:<!--.*?-->\\s*)*`` gives ``<!---->``,
    ``<!--a--> ``, ``<!--aa-->  ``)."""
    text = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    literals = sorted({ch for ch in text if not ch.isascii() or ch.isalnum() or ch in "<>-!/.%"})
    common = [" ", "\u3000", "\n", "1", "a", "一", "字", "。", "（", "）", "、", "：", "年", "号", "《", "》"]
    units = set(common) | set(literals[:60])
    units |= {a + b for a in literals[:10] for b in literals[:10] if a != b}
    units |= repetition_samples(pattern)
    return sorted(unit for unit in units if unit)


def parse_tree(pattern):
    """The parsed form of a compiled pattern (``re._parser``), or None."""
    import re
    from re import _parser

    text = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    try:
        return _parser.parse(text, pattern.flags & ~(re.UNICODE | re.ASCII | re.LOCALE))
    except Exception:
        return None


def repetition_samples(pattern) -> set[str]:
    from re import _constants as c

    tree = parse_tree(pattern)
    if tree is None:
        return set()

    def one_of(items) -> str:
        """A character of a class: its first literal, else a space or a letter."""
        literal = next((chr(value) for op, value in items if op is c.LITERAL), None)
        if literal is not None:
            return literal
        spaces = any(op is c.CATEGORY and value is c.CATEGORY_SPACE for op, value in items)
        return " " if spaces else "a"

    def sample(items, times: int, optional: bool) -> str:
        out = []
        for op, av in items:
            if op is c.LITERAL:
                out.append(chr(av))
            elif op is c.IN:
                out.append(one_of(av))
            elif op is c.ANY:
                out.append("a")
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, high, body = av
                count = low if high == 1 and not optional else max(low, min(times, high))
                out.append(sample(body, times, optional) * count)
            elif op is c.SUBPATTERN:
                out.append(sample(av[-1], times, optional))
            elif op is c.ATOMIC_GROUP:
                out.append(sample(av, times, optional))
            elif op is c.BRANCH:
                out.append(sample(av[1][0], times, optional))
        return "".join(out)

    found = set()

    def walk(items) -> None:
        for op, av in items:
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] > 1:
                for times in (0, 1, 2):
                    for optional in (False, True):
                        found.add(sample(av[2], times, optional))
                walk(av[2])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op is c.SUBPATTERN:
                walk(av[-1])
            elif op is c.ATOMIC_GROUP:
                walk(av)
            elif op is c.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(av[1])

    walk(tree)
    return {unit for unit in found if len(unit) <= 40}


def nests_repetition(pattern) -> bool:
    """Does a (non-possessive) repetition hold a repetition of variable length?"""
    from re import _constants as c

    tree = parse_tree(pattern)
    if tree is None:
        return False

    def walk(items, inside: bool) -> bool:
        for op, av in items:
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, high, body = av
                if inside and low != high:
                    return True
                if walk(body, inside or high > 1):
                    return True
            elif op is c.SUBPATTERN and walk(av[-1], inside):
                return True
            elif op is c.BRANCH and any(walk(branch, inside) for branch in av[1]):
                return True
            elif op in (c.ASSERT, c.ASSERT_NOT) and walk(av[1], inside):
                return True
        return False    # POSSESSIVE_REPEAT and ATOMIC_GROUP never give back: not walked

    return walk(tree, False)


def search_time(pattern, unit: str, repeats: int, tries: int = 1) -> float:
    """Seconds to search ``unit`` repeated and a character that ends any match;
    the least of ``tries`` runs (other processes share the machine)."""
    text = unit * repeats + "\x01"
    subject = text if isinstance(pattern.pattern, str) else text.encode("utf-8")
    best = float("inf")
    for _ in range(tries):
        began = time.perf_counter()
        pattern.search(subject)
        best = min(best, time.perf_counter() - began)
    return best


def slope(pattern, unit: str) -> str | None:
    """What is wrong with searching ``unit`` repeated ever longer, or None."""
    times: dict[int, float] = {}
    for repeats in REPEATS:
        if len(unit) * repeats > MAX_LENGTH:
            break
        seconds = times[repeats] = search_time(pattern, unit, repeats)
        if seconds > MAX_SECONDS and repeats >= 64:   # long probes: a slow one may just have been unlucky
            seconds = search_time(pattern, unit, repeats, tries=3)
        if seconds > MAX_SECONDS:
            return f"{seconds:.2f} s on {unit!r} x {repeats}"
        quarter = times.get(repeats // 4) if repeats % 4 == 0 else None
        if quarter is not None and seconds > 0.02 and seconds > MAX_RATIO * quarter:
            # A suspect: measured again, more carefully, before it is one.
            seconds = search_time(pattern, unit, repeats, tries=5)
            quarter = search_time(pattern, unit, repeats // 4, tries=5)
            if seconds > 0.02 and seconds > MAX_RATIO * quarter:
                return f"{seconds / quarter:.0f}x the time for 4x {unit!r} ({seconds:.3f} s at x {repeats})"
    return None


def audit() -> int:
    bad = []
    patterns = policykit_patterns()
    for pattern in patterns:
        for unit in probes(pattern):
            problem = slope(pattern, unit)
            if problem:
                bad.append(f"{problem}: {pattern.pattern[:160]!r}")
                break
    print(f"{len(patterns)} patterns audited")
    print("\n".join(bad))
    return 1 if bad else 0


if __name__ == "__main__" and sys.argv[1:] == ["audit"]:
    sys.exit(audit())
