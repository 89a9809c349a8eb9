"""`policykit units`: how many tasks each department leads and supports,
across documents, with the names of one department merged."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykit.cli import cli
from policykit.pipeline import extract_text
from policykit.workload import workload

PLAN = """\
一、主要任务

1.加快科技成果转化。建设一批中试基地。（牵头单位：市科技局；配合单位：市财政局）

2.培育科技型企业。实施梯次培育工程。（牵头单位：市科学技术局、市财政局）

3.优化营商环境。推行“一件事一次办”。（牵头单位：市发改委；配合单位：市科技局）
"""

OPINION = """\
一、重点任务

1.完善科技投入机制。设立科技创新引导基金。（牵头单位：市财政局；配合单位：市科学技术局）
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["units", *args], input=input)


@pytest.fixture
def outputs(tmp_path):
    """Two documents extracted to JSON, as `policykit extract -o` leaves them."""
    paths = []
    for name, text in (("plan", PLAN), ("opinion", OPINION)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(extract_text(text, f"{name}.txt").to_dict(), ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def rows_of(result) -> list[dict]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- counting -------------------------------------------------------------------------


def test_each_department_counts_the_measures_it_leads_and_supports_across_documents(outputs):
    loads = {row["unit"]: row for row in rows_of(run(*outputs, "--json"))}
    assert (loads["市财政局"]["lead"], loads["市财政局"]["co"]) == (2, 1)
    assert loads["市财政局"]["documents"] == 2


def test_two_names_of_one_department_are_one_row(outputs):
    loads = {row["unit"]: row for row in rows_of(run(*outputs, "--json"))}
    assert "市科技局" not in loads
    technology = loads["市科学技术局"]
    assert (technology["lead"], technology["co"], technology["total"]) == (2, 2, 4)
    assert technology["written_as"] == ["市科学技术局", "市科技局"]


def test_the_busiest_department_comes_first(outputs):
    totals = [row["total"] for row in rows_of(run(*outputs, "--json"))]
    assert totals == sorted(totals, reverse=True)


def test_a_unit_named_twice_in_one_measure_counts_once_as_lead():
    doc = extract_text("一、主要任务\n\n1.加快成果转化。建设中试基地。（牵头单位：市科技局；配合单位：市科学技术局）\n")
    [load] = workload([doc.to_dict()])
    assert (load.unit, load.lead, load.co) == ("市科学技术局", 1, 0)


# -- output forms ------------------------------------------------------------------------


def test_the_table_shows_every_department_with_bilingual_headers(outputs):
    result = run(*outputs)
    assert result.exit_code == 0
    assert "单位任务量 workload · 2 个文档 documents" in result.stdout
    for header in ("unit", "lead", "co", "total", "documents"):
        assert header in result.stdout
    assert "市科学技术局" in result.stdout and "市科技局" in result.stdout  # canonical name, and as written


def test_csv_has_a_header_and_a_row_per_department(outputs):
    result = run(*outputs, "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["unit", "lead", "co", "total", "documents", "written_as"]
    by_unit = {row["unit"]: row for row in rows}
    assert by_unit["市财政局"]["lead"] == "2" and by_unit["市财政局"]["co"] == "1"
    assert len(rows) == 3


def test_json_lines_and_standard_input_are_read_too(outputs):
    lines = "".join(json.dumps(json.loads(Path(p).read_text(encoding="utf-8")), ensure_ascii=False) + "\n"
                    for p in outputs)
    assert rows_of(run("-", "--json", input=lines)) == rows_of(run(*outputs, "--json"))


def test_a_policy_document_is_extracted_on_the_fly(tmp_path):
    path = tmp_path / "方案.txt"
    path.write_text(PLAN, encoding="utf-8")
    loads = {row["unit"]: row for row in rows_of(run(str(path), "--json"))}
    assert loads["市发展和改革委员会"]["lead"] == 1


def test_an_aliases_file_merges_the_users_own_names(outputs, tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("市财政局: [市发展和改革委员会]\n", encoding="utf-8")  # only to see it merge
    loads = {row["unit"]: row for row in rows_of(run(*outputs, "--json", "--aliases", str(path)))}
    assert loads["市财政局"]["lead"] == 3
    assert loads["市财政局"]["written_as"] == ["市发改委", "市财政局"]


# -- problems ---------------------------------------------------------------------------


def test_a_failed_extraction_is_reported_and_the_rest_still_counted(outputs, tmp_path):
    failed = tmp_path / "all.jsonl"
    failed.write_text('{"source": "x.pdf", "error": {"code": "read_error", "message": "file not found"}}\n',
                      encoding="utf-8")
    result = run(*outputs, str(failed), "--json")
    assert result.exit_code == 1
    assert result.stderr == f"policykit: error: {failed}:1: extraction failed: file not found\n"
    assert {row["unit"] for row in json.loads(result.stdout)} >= {"市财政局", "市科学技术局"}


def test_a_file_that_is_not_json_is_a_one_line_error(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("not json", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {path}: not JSON")


def test_units_help_ends_with_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "policykit units " in result.output.split("Example:")[1]
