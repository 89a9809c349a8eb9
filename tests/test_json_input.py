"""JSON, alias and settings files edited by hand: whatever they hold,
validate, units and assign give one line naming the file, never a
traceback, and never wait on a pipe or read a device until memory runs out.
Every file is built here from a real extraction, then damaged."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import policykit
from policykit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOC = policykit.extract_file(ROOT / "corpus" / "demo-工作方案.txt").to_dict()


def run(*args, env=None, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input)


def outline(depth: int) -> list[dict]:
    section = {"id": "s1", "level": 1, "marker": "一、", "title": "总体要求", "span": [0, 1], "children": []}
    top = section
    for _ in range(depth - 1):
        child = copy.deepcopy(section)
        child["children"] = []
        section["children"].append(child)
        section = child
    return [top]


def changed(**fields) -> str:
    doc = copy.deepcopy(DOC)
    doc.update(fields)
    return json.dumps(doc, ensure_ascii=False)


#: name → (file content, what the error line says after "FILE: ")
DAMAGED = {
    "deep": ("[" * 100_000 + "]" * 100_000, "not JSON that policykit reads: nested too deeply"),
    "big_integer": (changed(source={**DOC["source"], "chars": 0}).replace('"chars": 0', '"chars": ' + "9" * 5000),
                    "not JSON that policykit reads: a number of 5,000 digits"),
    "huge_float": (changed().replace('"schema"', '"x": 1e999, "schema"'),
                   "not JSON that policykit reads: the number 1e999… is too large"),
    "nan": ('{"a": NaN}', "not JSON that policykit reads: NaN is not a number JSON allows"),
    "outline_300_deep": (changed(outline=outline(300)),
                         "refused: JSON nested more than 200 levels deep (POLICYKIT_MAX_JSON_DEPTH)"),
    "measures_not_objects": (changed(measures=[1, "任务", None]),
                             "not a valid policykit/1 document: $.measures[0]: 1 is not of type 'object'"),
    "measure_without_keys": (changed(measures=[{"id": "m1"}]),
                             "not a valid policykit/1 document: $.measures[0]: 'citations' is a required property"),
    "not_utf8": ('{"schema": "政策"}'.encode("gbk"), "not JSON: not UTF-8 text (byte 12)"),
}


@pytest.fixture(params=sorted(DAMAGED))
def damaged(request, tmp_path) -> tuple[Path, str]:
    content, message = DAMAGED[request.param]
    path = tmp_path / f"{request.param}.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path, message


def test_units_and_assign_give_one_line_for_every_damaged_file(damaged, tmp_path):
    path, message = damaged
    for args in (["units", path], ["assign", path, "-o", tmp_path / "sheets"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr == f"policykit: error: {path}: {message}\n", args
        assert result.exception is None or isinstance(result.exception, SystemExit)



def test_units_reports_every_damaged_file_and_counts_the_others(damaged, tmp_path):
    path, message = damaged
    good = tmp_path / "good.json"
    good.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = run("units", path, tmp_path / "missing.json", good, "--json")
    assert result.exit_code == 1
    assert result.stderr == (f"policykit: error: {path}: {message}\n"
                             f"policykit: error: {tmp_path / 'missing.json'}: file not found\n")
    alone = run("units", good, "--json")
    assert json.loads(result.stdout) == json.loads(alone.stdout) != []

def test_validate_reports_every_damaged_file_and_goes_on_to_the_next(damaged, tmp_path):
    path, message = damaged
    good = tmp_path / "good.json"
    good.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = run("validate", path, good)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{good}: ok" in result.stdout
    if message.startswith("not a valid"):
        assert message.split(": ", 1)[1] in result.stdout
    else:
        assert result.stderr == f"policykit: error: {path}: {message}\n"


def test_half_a_surrogate_pair_is_carried_through_not_a_crash(tmp_path):
    doc = copy.deepcopy(DOC)
    doc["units"][0]["name"] = "市\ud800局"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")   # "\ud800" as JSON writes it
    assert run("validate", path).stdout == f"{path}: ok\n"
    result = run("units", path, "--json")
    assert result.exit_code == 0
    assert "市\\ud800局" in result.stdout   # written back as it came
    assert run("assign", path, "-o", tmp_path / "sheets").exit_code == 0


@pytest.mark.parametrize("command", ["validate", "units", "assign"])
def test_a_json_input_over_the_size_limit_is_refused(command, tmp_path):
    path = tmp_path / "large.json"
    path.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = run(command, path, env={"POLICYKIT_MAX_FILE_MB": "0.001"})
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {path}: file too large")


@pytest.mark.parametrize("command", ["validate", "units"])
def test_standard_input_of_json_honours_the_size_limit(command):
    result = run(command, "-", env={"POLICYKIT_MAX_FILE_MB": "0.001"}, input=b"[" + b" " * 5000 + b"]")
    assert result.exit_code == 1
    assert "file too large" in result.stderr


def test_a_fifo_or_a_device_given_as_json_is_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        for command in ("validate", "units", "assign"):
            done = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", command,
                                   str(path)], capture_output=True, timeout=60, cwd=tmp_path)
            assert done.returncode == 1
            assert done.stderr.decode().endswith("not a regular file (a pipe or device); use - for standard input\n")


# -- alias files and policykit.toml -------------------------------------------------------


ALIASES = {
    "deep.yaml": ("市农业农村局: " + "[" * 5000 + "]" * 5000, "nested too deeply to be a list of aliases"),
    "deep.toml": ('"市农业农村局" = ' + "[" * 5000 + "]" * 5000, "nested too deeply to be a list of aliases"),
    "tables.toml": ("[aliases]\n" + "".join(f"[{'a.' * 3000}b]\n" for _ in range(1)),
                    "nested too deeply to be a list of aliases"),
}


@pytest.mark.parametrize("name", sorted(ALIASES))
def test_a_deeply_nested_alias_file_is_one_line(name, tmp_path):
    content, message = ALIASES[name]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = run("units", doc, "--aliases", path)
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {path}: {message}\n"



def test_yaml_anchors_drawing_each_other_twice_are_one_line_not_a_hang(tmp_path):
    # 2 KB whose anchors stand for 2**40 lists: walked once each, not once per place
    lines = ["市农业农村局: &a0 [市农业局]"] + [f"市单位{n}: &a{n} [*a{n - 1}, *a{n - 1}]" for n in range(1, 41)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", "units", str(doc),
                           "--aliases", str(path)], capture_output=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode() == (f"policykit: error: {path}: '市单位1': expected a name and a list of "
                                    "aliases\n")


def test_a_yaml_list_that_holds_itself_is_nested_too_deeply(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("市农业农村局: &a [市农业局, *a]\n", encoding="utf-8")
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    result = run("units", doc, "--aliases", path)
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {path}: nested too deeply to be a list of aliases\n"

def test_a_deeply_nested_policykit_toml_is_one_line_in_every_command(tmp_path):
    (tmp_path / "policykit.toml").write_text("[aliases]\nx = " + "[" * 3000 + "]" * 3000, encoding="utf-8")
    (tmp_path / "a.txt").write_text((ROOT / "corpus" / "demo-工作方案.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    for args in (["extract", "a.txt"], ["units", "a.txt"], ["assign", "a.txt", "-o", "sheets"]):
        done = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", *args],
                              capture_output=True, timeout=60, cwd=tmp_path)
        assert done.returncode == 1, args
        assert done.stderr.decode().endswith("policykit.toml: nested too deeply to be a list of aliases\n"), args


def test_an_alias_file_that_is_a_fifo_or_a_device_is_refused_not_read(tmp_path):
    fifo = tmp_path / "aliases.yaml"
    os.mkfifo(fifo)
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    for path in (fifo, "/dev/zero"):
        done = subprocess.run([sys.executable, "-c", "from policykit.cli import main; main()", "units", str(doc),
                               "--aliases", str(path)], capture_output=True, timeout=60)
        assert done.returncode == 1
        assert "not a regular file (a pipe or device)" in done.stderr.decode()


# -- units --csv ------------------------------------------------------------------------


def test_units_csv_escapes_cells_a_spreadsheet_would_take_for_formulas(tmp_path):
    doc = copy.deepcopy(DOC)
    names = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "-1-2", "@SUM(A1)", "青山市数据局"]
    doc["measures"][0]["lead_units"] = names
    doc["units"] = [{"name": name, "lead": [doc["measures"][0]["id"]], "co": []} for name in names]
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run("units", path, "--csv")
    assert result.exit_code == 0
    cells = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert {"'+1+2", "'-1-2", "'@SUM(A1)", "青山市数据局"} <= set(cells)
    assert not any(cell.startswith(("=", "+", "-", "@", '"=')) for cell in cells)
