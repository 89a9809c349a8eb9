"""Properties of every extraction, for arbitrary text (hypothesis).

Whatever the text, ``extract_text`` never raises, every span lies inside
the source text, every citation, target and deadline ``text`` is
``source[span]``, the output validates against the JSON Schema, and the same
input gives byte-identical output: twice in one process, and from the
command with ``--workers 1`` and ``--workers 2``.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import policykit
from policykit.writers.jsonout import dumps
from policytext import FULL_TO_HALF, HEADINGS, NOISE, NOTES, SENTENCES, invariants, policy_text

ROOT = Path(__file__).resolve().parents[1]
#: PROPERTY_EXAMPLES=3000 for a longer search than the suite's.
PROPERTY = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

#: Arbitrary Unicode, with the characters policy text is made of made likely.
arbitrary = st.text(st.one_of(st.characters(), st.sampled_from(list("一二三四五六七八九十、（）()《》〔〕：；。，.0123456789%\n年月日号")),
                              st.sampled_from([ch for ch in NOISE if len(ch) == 1])), max_size=400)
fragment = st.sampled_from(HEADINGS + SENTENCES + NOTES + ["\n"] * 6)


@st.composite
def damaged_documents(draw) -> str:
    """Policy fragments in any order, then damaged: pieces cut off, brackets
    lost, punctuation made half-width, noise put in."""
    pieces = draw(st.lists(fragment, max_size=14))
    out = []
    for piece in pieces:
        cut = draw(st.integers(0, len(piece)))
        keep = draw(st.sampled_from(["whole", "head", "tail"]))
        piece = piece if keep == "whole" else piece[:cut] if keep == "head" else piece[cut:]
        if draw(st.booleans()):
            piece = piece.translate(FULL_TO_HALF)
        if draw(st.integers(0, 4)) == 0:
            piece = piece.replace("（", "").replace("）", "").replace("《", "")
        if draw(st.integers(0, 3)) == 0:
            piece += draw(st.sampled_from(NOISE))
        out.append(piece)
    return "".join(out)


def extracted(text: str) -> dict:
    return policykit.extract_text(text).to_dict()


@PROPERTY
@given(arbitrary)
@example("")
@example("\ufeff")
@example("\ufeff一、总体要求\n1.加强领导。（牵头单位：市科技局）")
@example("（" * 500)
@example("《" + "关于" * 200)
def test_arbitrary_text_keeps_the_contract(text):
    assert invariants(text, extracted(text)) == []


@PROPERTY
@given(damaged_documents())
@example("一、主要任务\n1.加快农村宽带建设。2025年底前实现乡镇全覆盖。（牵头单位：市工业和信息化局")
@example("1.到2025年,全市5G网络通达率达到90%以上.(牵头单位:市工信局;配合单位:市财政局)")
def test_damaged_policy_documents_keep_the_contract(text):
    assert invariants(text, extracted(text)) == []


@PROPERTY
@given(st.one_of(arbitrary, damaged_documents()))
def test_the_same_text_gives_the_same_bytes_twice(text):
    assert dumps(extracted(text)) == dumps(extracted(text))


@PROPERTY
@given(st.randoms(use_true_random=False), st.integers(0, 30), st.sampled_from([0.0, 0.02, 0.1, 0.3]))
def test_generated_documents_keep_the_contract(rng, size, rate):
    text = policy_text(rng, size, rate)
    assert invariants(text, extracted(text)) == []


# -- one process or two workers -------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """40 generated documents, as .txt files (some damaged, a few empty: failures too)."""
    folder = tmp_path_factory.mktemp("generated")
    rng = random.Random(20250218)
    for number in range(40):
        (folder / f"doc{number:02d}.txt").write_text(policy_text(rng, rng.randint(0, 25)), encoding="utf-8")
    return folder


def policykit_command(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", *map(str, args)],
                          cwd=ROOT, capture_output=True, timeout=300)


def workers_option_exists() -> bool:
    from policykit.cli import extract

    return any("--workers" in option.opts for option in extract.params)


@pytest.mark.skipif(not workers_option_exists(), reason="policykit extract has no --workers option yet")
def test_one_worker_and_two_workers_print_the_same_bytes(generated):
    one = policykit_command("extract", generated, "--workers", "1")
    two = policykit_command("extract", generated, "--workers", "2")
    assert one.stdout and one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert one.returncode == two.returncode
    for line in one.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        if "error" not in record:
            text = (generated / Path(record["source"]["path"]).name).read_text(encoding="utf-8")
            assert invariants(text.replace("\r\n", "\n").replace("\r", "\n"), record) == []


@pytest.mark.skipif(not workers_option_exists(), reason="policykit extract has no --workers option yet")
def test_one_worker_and_two_workers_write_the_same_files(generated, tmp_path):
    policykit_command("extract", generated, "-o", tmp_path / "one", "--workers", "1")
    policykit_command("extract", generated, "-o", tmp_path / "two", "--workers", "2")
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert len(one) >= 30 and one == two
