"""The `policykit` command, run as a user would run it (Click's CliRunner)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from policykit.cli import cli

OPINION = """\
关于加快推进数字乡村建设的实施意见

各县（区）人民政府，市人民政府各部门：

为贯彻落实《数字乡村发展战略纲要》，结合实际，提出如下实施意见。

一、总体要求

到2026年，全市行政村5G网络通达率达到90%以上。

二、主要任务

（一）夯实乡村信息基础设施

1.加快农村宽带建设。推进5G网络向乡镇延伸，2025年底前实现乡镇全覆盖。（牵头单位：市工业和信息化局；配合单位：市财政局）

2.推动基础设施数字化改造。推进水利、公路等基础设施数字化改造！（牵头单位：市水务局）

（二）发展农村数字经济

1.推进农业生产智能化。建设10个左右智慧农业示范基地。（牵头单位：市农业农村局）
"""


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def opinion(tmp_path):
    path = tmp_path / "实施意见.txt"
    path.write_text(OPINION, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    """Two documents and a file that is not one."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "b.txt").write_text(OPINION, encoding="utf-8")
    (docs / "a.txt").write_text(OPINION, encoding="utf-8")
    (docs / "notes.md").write_text("# not a policy document", encoding="utf-8")
    return docs


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


# -- help and version -----------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["extract"], ["text"], ["segment"], ["schema"], ["validate"]])
def test_every_help_ends_with_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "policykit " in result.output.split("Example:")[1]


def test_version_names_the_program():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("policykit ")


def test_help_imports_no_heavy_module():
    code = (
        "import sys; from policykit.cli import cli; import policykit; "
        "print(sorted(m for m in ('jieba', 'spacy', 'docx', 'pdfplumber', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- extract --------------------------------------------------------------------


def test_extract_one_file_prints_indented_json(opinion):
    result = run("extract", str(opinion))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('{\n  "schema": "policykit/1"')
    assert json.loads(result.stdout)["source"]["path"] == str(opinion)


def test_extract_keeps_chinese_characters_unescaped(opinion):
    assert "实施意见" in run("extract", str(opinion)).stdout


def test_extract_compact_prints_one_line(opinion):
    result = run("extract", "--compact", str(opinion))
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout)["schema"] == "policykit/1"


def test_extract_gives_the_same_bytes_every_time(opinion):
    assert run("extract", str(opinion)).stdout_bytes == run("extract", str(opinion)).stdout_bytes


def test_extract_several_files_prints_json_lines(opinion, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(OPINION, encoding="utf-8")
    result = run("extract", str(opinion), str(other))
    assert result.exit_code == 0
    assert [d["source"]["path"] for d in json_lines(result.stdout)] == [str(opinion), str(other)]


def test_extract_jsonl_flag_gives_a_line_for_one_file(opinion):
    result = run("extract", "--jsonl", str(opinion))
    assert len(json_lines(result.stdout)) == 1


def test_extract_folder_takes_its_documents_in_name_order(folder):
    result = run("extract", str(folder))
    assert result.exit_code == 0
    assert [d["source"]["path"] for d in json_lines(result.stdout)] == [
        str(folder / "a.txt"), str(folder / "b.txt")]


def test_extract_dash_reads_standard_input():
    result = run("extract", "-", input=OPINION.encode("gb18030"))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["format"] == "txt"
    assert doc["source"]["chars"] == len(OPINION)


def test_extract_to_folder_writes_one_file_per_input(folder, tmp_path):
    out = tmp_path / "out"
    result = run("extract", str(folder), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    text = (out / "a.json").read_text(encoding="utf-8")
    assert text.startswith('{\n  "schema": "policykit/1"') and text.endswith("}\n")


def test_extract_to_folder_writes_what_stdout_would_show(opinion, tmp_path):
    run("extract", str(opinion), "-o", str(tmp_path / "out"))
    written = (tmp_path / "out" / "实施意见.json").read_bytes()
    assert written == run("extract", str(opinion)).stdout_bytes


def test_missing_file_is_reported_and_the_batch_still_finishes(opinion, tmp_path):
    out = tmp_path / "out"
    result = run("extract", "missing.txt", str(opinion), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("policykit: error: missing.txt: ")
    assert result.stderr.count("\n") == 1
    assert (out / "实施意见.json").exists()
    errors = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in errors] == ["missing.txt"]


def test_missing_file_gets_an_error_record_in_json_lines(opinion):
    result = run("extract", str(opinion), "missing.txt")
    assert result.exit_code == 1
    good, bad = json_lines(result.stdout)
    assert good["schema"] == "policykit/1"
    assert bad["source"] == "missing.txt"
    assert set(bad["error"]) == {"code", "message"}


def test_unknown_suffix_is_an_error_naming_the_file(tmp_path):
    sheet = tmp_path / "任务表.xyz"
    sheet.write_text("一、总体要求", encoding="utf-8")
    result = run("extract", "--jsonl", str(sheet))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {sheet}: ")
    assert json_lines(result.stdout)[0]["error"]["code"] == "unsupported_format"


def test_a_run_that_redoes_the_failed_documents_leaves_no_stale_errors_file(opinion, tmp_path):
    out = tmp_path / "out"
    late = tmp_path / "late.txt"
    run("extract", str(late), "-o", str(out))
    assert (out / "errors.json").exists()
    late.write_text(opinion.read_text(encoding="utf-8"), encoding="utf-8")
    run("extract", str(late), "-o", str(out))
    assert not (out / "errors.json").exists()


def test_a_run_without_failures_keeps_the_failures_of_another_run(opinion, tmp_path):
    out = tmp_path / "out"
    run("extract", "missing.txt", "-o", str(out))
    run("extract", str(opinion), "-o", str(out))
    records = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    assert [r["source"] for r in records] == ["missing.txt"]


def test_two_inputs_with_the_same_stem_do_not_overwrite_each_other(folder, tmp_path):
    (folder / "a.html").write_text("<p>一、总体要求</p>", encoding="utf-8")
    out = tmp_path / "out"
    result = run("extract", str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {folder / 'a.txt'}: a.json is already written for {folder / 'a.html'}; rename one of them\n"
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["source"]["format"] == "html"


def test_a_folder_without_documents_is_an_error(tmp_path):
    result = run("extract", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {tmp_path}: folder holds no .txt")


def test_extract_without_input_is_a_usage_error():
    assert run("extract").exit_code == 2


# -- text and segment -------------------------------------------------------------


def test_text_prints_the_decoded_file_without_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + OPINION.encode("utf-8"))
    result = run("text", str(path))
    assert result.exit_code == 0
    assert result.stdout == OPINION


def test_citation_spans_index_into_text_output(opinion):
    text = run("text", str(opinion)).stdout
    doc = json.loads(run("extract", str(opinion)).stdout)
    assert doc["citations"], "the document cites 《数字乡村发展战略纲要》"
    for citation in doc["citations"]:
        start, end = citation["span"]
        assert text[start:end] == citation["text"]


def test_text_of_a_missing_file_is_a_one_line_error():
    result = run("text", "missing.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("policykit: error: missing.txt: ")


def test_segment_prints_the_outline_indented_by_depth(opinion):
    lines = run("segment", str(opinion)).stdout.splitlines()
    assert lines[0].startswith("一、总体要求")
    assert any(line.startswith("  （一）夯实乡村信息基础设施") for line in lines)
    assert "    1.加快农村宽带建设" in lines


def test_segment_sentences_keep_their_delimiters(opinion):
    lines = run("segment", "--sentences", str(opinion)).stdout.splitlines()
    assert "1.加快农村宽带建设。" in lines
    assert "2.推动基础设施数字化改造。" in lines
    assert "推进水利、公路等基础设施数字化改造！" in lines


def test_segment_words_puts_spaces_between_the_words_of_each_sentence(opinion):
    words = run("segment", "--words", str(opinion)).stdout.splitlines()
    sentences = run("segment", "--sentences", str(opinion)).stdout.splitlines()
    assert [line.replace(" ", "") for line in words] == sentences
    line = next(line for line in words if "智能化" in line)
    assert "智能化" in line.split(" ")


def test_segment_json_gives_sentence_spans_into_the_source(opinion):
    sentences = json.loads(run("segment", "--sentences", "--json", str(opinion)).stdout)
    for sentence in sentences:
        start, end = sentence["span"]
        assert OPINION[start:end] == sentence["text"]


# -- schema and validate ----------------------------------------------------------


def test_schema_prints_the_json_schema():
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"] == {"const": "policykit/1"}


def test_validate_accepts_extract_output(opinion, tmp_path):
    run("extract", str(opinion), "-o", str(tmp_path))
    path = tmp_path / "实施意见.json"
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.output == f"{path}: ok\n"


def test_validate_accepts_json_lines(folder, tmp_path):
    lines = tmp_path / "all.jsonl"
    lines.write_bytes(run("extract", str(folder)).stdout_bytes)
    assert run("validate", str(lines)).output == f"{lines}: ok\n"


def test_validate_names_the_json_path_of_each_error(opinion, tmp_path):
    doc = json.loads(run("extract", str(opinion)).stdout)
    doc["source"]["chars"] = "many"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.output == f"{path}: $.source.chars: 'many' is not of type 'integer'\n"


def test_validate_reports_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("一、总体要求", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}: not JSON")
