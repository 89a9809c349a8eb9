"""One department, one name: the units index restores a level written once for
a list, takes the document's own level, merges a collective with its 人民政府,
applies aliases, and marks placeholder groups; measures keep names as written."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from docx import Document

import policykit
from policykit.aliases import Aliases, builtin
from policykit.cli import cli
from policykit.departments import is_bare_department, is_placeholder, level_of, units_index
from policykit.pipeline import extract_text


def index(*lists: tuple[list[str], list[str]], issuer: str | None = None, aliases: Aliases | None = None):
    """name → (lead, co, written) of the units index of measures m1, m2 … with these lists."""
    measures = [(f"m{n}", lead, co) for n, (lead, co) in enumerate(lists, start=1)]
    return {u.name: (u.lead, u.co, u.written) for u in units_index(measures, issuer, aliases or Aliases())}


# -- reading one name -----------------------------------------------------------------


@pytest.mark.parametrize("name, level", [
    ("市发改委", "市"),
    ("省生态环境厅", "省"),
    ("市委宣传部", "市委"),
    ("自治区林业和草原局", "自治区"),
    ("县农业农村局", "县"),
    ("市场监管局", None),          # 市场 is no level
    ("市市场监管局", "市"),
    ("地方金融监管局", None),
    ("各区人民政府", None),
    ("市", None),
])
def test_the_level_a_name_opens_with(name, level):
    assert level_of(name) == level


@pytest.mark.parametrize("name, bare", [
    ("地方金融监管局", True),
    ("生态环境厅", True),
    ("发改委", True),
    ("检察院", True),
    ("科协", True),
    ("市场监管局", True),
    ("政务服务数据管理局", True),
    ("省财政厅", False),            # has its level
    ("人民银行济南分行", False),     # a bank branch, not a department of the list's government
    ("人民银行青岛总部", False),     # 人民银行 is a body of its own
    ("山东银保监局", False),         # a place of its own
    ("青岛海关", False),
    ("团省委", False),              # a level written inside
    ("经济开发区管委会", False),
    ("各区人民政府", False),
    ("各有关部门", False),
    ("宏达集团", False),            # not a department of government
])
def test_which_names_read_as_a_department_without_its_level(name, bare):
    assert is_bare_department(name) is bare


@pytest.mark.parametrize("name, placeholder", [
    ("市政府各部门", True),
    ("各有关部门", True),
    ("省直各单位", True),
    ("市直有关单位", True),
    ("各级各部门", True),
    ("各成员单位", True),
    ("区政府各委办局", True),
    ("各县（市、区）人民政府", False),
    ("各区", False),
    ("市财政局", False),
    ("各地级以上市政府", False),
])
def test_placeholder_groups_stand_for_unnamed_departments(name, placeholder):
    assert is_placeholder(name) is placeholder


# -- the names of one document ----------------------------------------------------------


def test_a_level_written_once_for_a_list_is_restored():
    units = index((["省生态环境厅", "地方金融监管局"], []), (["省地方金融监管局"], ["省财政厅"]))
    assert units["省地方金融监管局"] == (["m1", "m2"], [], ["地方金融监管局", "省地方金融监管局"])
    assert "地方金融监管局" not in units


def test_every_name_of_the_run_takes_the_level():
    units = index(([], ["市发改委", "生态环境局", "自然资源局", "各县（市、区）人民政府"]))
    assert list(units) == ["市发改委", "市生态环境局", "市自然资源局", "各县（市、区）人民政府"]


def test_a_name_of_its_own_ends_the_run():
    units = index(([], ["省财政厅", "人民银行济南分行", "统计局"]))
    assert list(units) == ["省财政厅", "人民银行济南分行", "统计局"]   # 统计局 no longer follows 省…


def test_a_party_committee_passes_its_level_on():
    assert list(index(([], ["市委宣传部", "文明办"]))) == ["市委宣传部", "市委文明办"]


def test_a_name_with_a_place_of_its_own_keeps_it():
    assert list(index(([], ["省财政厅", "山东银保监局", "青岛海关"]))) == ["省财政厅", "山东银保监局", "青岛海关"]


def test_the_documents_own_level_completes_a_list_that_opens_without_it():
    lists = ((["市林业局"], ["发改委", "财政局"]), (["市发改委"], ["市财政局", "市林业局"]))
    units = index(*lists, issuer="青山市人民政府办公室")
    assert units["市发改委"] == (["m2"], ["m1"], ["发改委", "市发改委"])
    assert units["市财政局"] == ([], ["m1", "m2"], ["财政局", "市财政局"])


def test_without_the_issuer_the_level_most_names_carry_is_the_documents():
    units = index((["市林业局", "市财政局"], []), ([], ["民政局"]))
    assert "市民政局" in units


def test_a_document_of_mixed_levels_adds_no_level_of_its_own():
    units = index((["省财政厅", "市财政局"], []), ([], ["民政局"]))
    assert "民政局" in units


def test_a_collective_written_without_its_government_is_one_unit_with_it():
    units = index(([], ["各县（市、区）人民政府"]), ([], ["各县（市、区）"]))
    assert units == {"各县（市、区）人民政府": ([], ["m1", "m2"], ["各县（市、区）人民政府", "各县（市、区）"])}


def test_aliases_merge_the_restored_names():
    aliases = builtin()
    units = index((["省生态环境厅", "发展改革委"], []), (["省发改委"], []), aliases=aliases)
    assert units["省发展改革委"] == (["m1", "m2"], [], ["发展改革委", "省发改委"])


def test_a_unit_led_and_supported_under_two_names_is_listed_once():
    units = index((["省财政厅", "省林业局"], ["财政厅"]), issuer="青山省人民政府")
    assert units["省财政厅"] == (["m1"], ["m1"], ["省财政厅", "财政厅"])
    assert "财政厅" not in units


# -- in the extraction and the sheets ----------------------------------------------------------

PLAN = """\
青山省人民政府办公厅关于印发青山省数字经济发展行动方案的通知

各市人民政府，省政府各部门：
现将《青山省数字经济发展行动方案》印发给你们，请认真贯彻执行。

青山省人民政府办公厅
2024年3月1日

一、重点任务
1.建设算力基础设施。统筹布局数据中心。（省发展改革委、通信管理局牵头，省财政厅、大数据局配合）
2.培育数据要素市场。建设数据交易场所。（省大数据局牵头，省政府各部门配合）
3.推进产业数字化。实施制造业数字化转型行动。（省工业和信息化厅、大数据局牵头，各市人民政府、各市配合）
"""


@pytest.fixture(scope="module")
def plan():
    return extract_text(PLAN, "方案.txt")


def test_the_index_lists_one_unit_per_department_with_the_forms_written(plan):
    units = {u.name: u for u in plan.units}
    assert units["省大数据局"].written == ["大数据局", "省大数据局"]
    assert (units["省大数据局"].lead, units["省大数据局"].co) == (["m2", "m3"], ["m1"])
    assert "大数据局" not in units and "通信管理局" not in units


def test_measures_keep_the_names_as_written(plan):
    assert plan.measures[0].lead_units == ["省发展改革委", "通信管理局"]
    assert plan.measures[0].co_units == ["省财政厅", "大数据局"]


def test_a_placeholder_group_is_in_the_index_but_gets_no_sheet(plan, tmp_path):
    units = {u.name: u for u in plan.units}
    assert units["省政府各部门"].placeholder
    written = policykit.assign(plan, tmp_path)
    assert not (tmp_path / "任务分工表-省政府各部门.docx").exists()
    assert [p.name for p in written] == [f"任务分工表-{u.name}.docx" for u in plan.units if not u.placeholder] \
        + ["任务分工总表.docx"]
    summary = "\n".join(cell.text for row in Document(written[-1]).tables[0].rows for cell in row.cells)
    assert "省政府各部门" in summary   # named in the cells as written


def test_one_sheet_holds_every_task_of_a_department_written_two_ways(plan, tmp_path):
    policykit.assign(plan, tmp_path)
    sheet = Document(tmp_path / "任务分工表-省大数据局.docx")
    texts = "\n".join(cell.text for row in sheet.tables[0].rows for cell in row.cells)
    for measure in plan.measures:
        assert measure.text in texts
    assert not (tmp_path / "任务分工表-大数据局.docx").exists()


def test_aliases_apply_to_json_input(plan, tmp_path):
    source = tmp_path / "方案.json"
    source.write_text(json.dumps(plan.to_dict(), ensure_ascii=False), encoding="utf-8")
    aliases = tmp_path / "简称.yaml"
    aliases.write_text("省大数据局: [省工业和信息化厅]\n", encoding="utf-8")   # only to see them merge
    result = CliRunner().invoke(cli, ["assign", str(source), "-o", str(tmp_path / "out"), "--aliases", str(aliases)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out" / "任务分工表-省工业和信息化厅.docx").exists()
    sheet = Document(tmp_path / "out" / "任务分工表-省大数据局.docx")
    texts = "\n".join(cell.text for row in sheet.tables[0].rows for cell in row.cells)
    assert all(m.text in texts for m in plan.measures)


def test_json_input_keeps_the_groups_its_index_was_extracted_with(tmp_path):
    aliases = Aliases().merged({"省数据局": ["省大数据局"]}, preferred=True)
    doc = extract_text(PLAN, "方案.txt", aliases=aliases)
    assert "省数据局" in {u.name for u in doc.units}
    source = tmp_path / "方案.json"
    source.write_text(json.dumps(doc.to_dict(), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assign", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "任务分工表-省数据局.docx").exists()
    assert not (tmp_path / "out" / "任务分工表-省大数据局.docx").exists()


def test_dept_finds_a_department_by_any_form_written(plan, tmp_path):
    written = policykit.assign(plan, tmp_path, depts=["大数据局"])
    assert [p.name for p in written] == ["任务分工表-省大数据局.docx", "任务分工总表.docx"]


# -- aliases at scale ------------------------------------------------------------------------


def test_a_chain_of_twenty_thousand_aliases_resolves_to_its_last_name():
    # a walk per alias along the chain would take hours; each alias is walked once
    groups = {f"单位{n + 1}": [f"单位{n}"] for n in range(20_000)}
    aliases = Aliases().merged(groups)
    assert aliases.canonical("单位0") == "单位20000"
    assert aliases.canonical("单位19999") == "单位20000"


def test_a_long_loop_is_still_found():
    groups = {f"单位{n + 1}": [f"单位{n}"] for n in range(5_000)} | {"单位0": ["单位5000"]}
    with pytest.raises(Exception, match="loop"):
        Aliases().merged(groups)
