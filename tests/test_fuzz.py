"""Fuzzing: at least 10,000 generated inputs, from a fixed seed.

Most inputs are policy documents put together from fragments and damaged
(``policytext``); the rest are arbitrary Unicode, and arbitrary or
mutated bytes given to the readers as .txt, .html and .docx files. For
each: the reader raises nothing but ``ReadError``, ``extract_text`` raises
nothing, and the output keeps the contract (``policytext.invariants``).

The inputs are short, so the run fits a CI budget (some 20 seconds). A
longer run is ``make fuzz`` (``FUZZ_N=200000``); ``FUZZ_SEED`` picks other
inputs. A failure names the seed of its case, which regenerates it alone:
``fuzz_case(random.Random(SEED))``.
"""
from __future__ import annotations

import io
import os
import random
import zipfile

import docx

import policykit
from policykit.errors import ReadError
from policykit.readers import read_bytes
from policykit.writers.jsonout import dumps
from policytext import NOISE, invariants, policy_text

FUZZ_N = int(os.environ.get("FUZZ_N", "10000"))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "1234"))
ALPHABET = "一二三四五六七八九十、（）()《》〔〕【】：:；;。，,.．0123456789%％\n\r 年月日号第条牵头单位配合责任市局到达以上左右"


def word_file() -> bytes:
    document = docx.Document()
    for line in ("关于加快推进数字乡村建设的实施意见", "一、主要任务", "1.加快农村宽带建设。（牵头单位：市工业和信息化局）"):
        document.add_paragraph(line)
    document.add_table(rows=2, cols=2).cell(0, 0).text = "牵头单位"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WORD = word_file()
WORD_XML = zipfile.ZipFile(io.BytesIO(WORD)).read("word/document.xml")


def mutated_word(rng: random.Random) -> bytes:
    """The small .docx with its document.xml, or its zip bytes, damaged."""
    if rng.random() < 0.5:
        data = bytearray(WORD)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    xml = bytearray(WORD_XML)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(xml))
        xml[at:at + rng.randint(0, 20)] = rng.choice([b"", b"<", b">", b"&", b"&amp;", b"\x00", b"</w:p>", b"<w:p>",
                                                       "（牵头单位：".encode(), b"\xff\xfe", b"<!DOCTYPE x>"])
    source = zipfile.ZipFile(io.BytesIO(WORD))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            content = bytes(xml) if info.filename == "word/document.xml" else source.read(info.filename)
            out.writestr(info.filename, content)
    return buffer.getvalue()


def arbitrary_text(rng: random.Random) -> str:
    size = rng.randint(0, 200)
    pools = [ALPHABET, ALPHABET, "".join(ch for ch in NOISE if len(ch) == 1)]
    out = []
    for _ in range(size):
        if rng.random() < 0.1:
            out.append(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x80, 0xd800),
                                       rng.randrange(0xe000, 0x110000)])))
        else:
            out.append(rng.choice(rng.choice(pools)))
    return "".join(out)


def arbitrary_bytes(rng: random.Random) -> tuple[bytes, str]:
    kind = rng.random()
    text = policy_text(rng, rng.randint(0, 6))
    if kind < 0.3:
        data = text.encode(rng.choice(["utf-8", "gb18030", "utf-16-le", "utf-16", "big5"]), errors="replace")
    elif kind < 0.5:
        data = rng.randbytes(rng.randint(0, 300))
    elif kind < 0.8:
        data = ("<html><body><p>" + text.replace("\n", "</p><p>") + "</p></body></html>").encode()
    else:
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 5)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    return data, rng.choice(["a.txt", "a.html", "a.htm", "a", "a.doc"])


def fuzz_case(rng: random.Random) -> list[str]:
    """One generated input, read and extracted: what went wrong (nothing, normally)."""
    kind = rng.random()
    if kind < 0.75:
        text = policy_text(rng)
    elif kind < 0.88:
        text = arbitrary_text(rng)
    else:
        data, name = (mutated_word(rng), "a.docx") if kind > 0.985 else arbitrary_bytes(rng)
        if name.endswith(".doc") and not data.startswith((b"PK", b"<")):
            name = "a.txt"   # LibreOffice is too slow to be fuzzed
        try:
            text = read_bytes(data, name=name).text
        except ReadError:
            return []
        except Exception as exc:
            return [f"reading {name}: {type(exc).__name__}: {exc}"]
    try:
        doc = policykit.extract_text(text).to_dict()
        dumps(doc)
    except Exception as exc:
        return [f"extract_text raised {type(exc).__name__}: {exc} on {text[:200]!r}"]
    problems = invariants(text, doc)
    return [f"{problem} on {text[:200]!r}" for problem in problems]


def fuzz(n: int, seed: int) -> list[str]:
    master = random.Random(seed)
    failures = []
    for _ in range(n):
        case_seed = master.getrandbits(64)
        failures += [f"case {case_seed}: {problem}" for problem in fuzz_case(random.Random(case_seed))]
    return failures


def test_fuzz_keeps_the_contract_for_10000_generated_inputs():
    assert FUZZ_N >= 10_000 or "FUZZ_N" in os.environ
    failures = fuzz(FUZZ_N, FUZZ_SEED)
    assert failures == [], "\n".join(failures[:20])


def test_a_case_is_regenerated_from_its_seed():
    first = random.Random(99)
    second = random.Random(99)
    assert policy_text(first) == policy_text(second)
