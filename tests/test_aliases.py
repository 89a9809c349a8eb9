"""Unit aliases: names that stand for one department are merged in the units
index and the workload, from a built-in list, ./policykit.toml and --aliases."""
from __future__ import annotations

import json
import pickle

import pytest
from click.testing import CliRunner

from policykit.aliases import AliasError, Aliases, builtin, load, read_groups
from policykit.cli import cli
from policykit.pipeline import extract_text

TWO_SPELLINGS = """\
一、主要任务

1.加快科技成果转化。建设一批中试基地。（牵头单位：市科技局）

2.培育科技型企业。实施科技型企业梯次培育工程。（牵头单位：市科学技术局；配合单位：市财政局）
"""


def units_of(doc) -> dict[str, tuple[list[str], list[str]]]:
    return {u.name: (u.lead, u.co) for u in doc.units}


# -- the built-in list ----------------------------------------------------------------


@pytest.mark.parametrize("alias, canonical", [
    ("市科技局", "市科学技术局"),
    ("市发改委", "市发展和改革委员会"),
    ("市发展改革委", "市发展和改革委员会"),
    ("国家发展改革委", "国家发展和改革委员会"),
    ("发展改革委", "国家发展和改革委员会"),
])
def test_the_built_in_list_knows_common_short_names(alias, canonical):
    assert builtin().canonical(alias) == canonical


def test_a_canonical_name_stands_for_itself():
    assert builtin().canonical("市科学技术局") == "市科学技术局"


def test_a_name_that_is_no_alias_stays_as_written():
    assert builtin().canonical("市双打办") == "市双打办"


def test_white_space_inside_a_name_does_not_hide_an_alias():
    assert builtin().canonical("市 科技局") == "市科学技术局"


def test_no_alias_of_the_built_in_list_is_also_a_canonical_name():
    groups = builtin().groups()
    assert not set(groups) & {alias for aliases in groups.values() for alias in aliases}


# -- in the extraction ----------------------------------------------------------------


def test_the_units_index_merges_two_spellings_of_one_department():
    units = units_of(extract_text(TWO_SPELLINGS))
    assert units["市科技局"] == (["m1", "m2"], [])   # under the spelling the document uses first
    assert "市科学技术局" not in units


def test_measures_keep_unit_names_as_written():
    doc = extract_text(TWO_SPELLINGS)
    assert [m.lead_units for m in doc.measures] == [["市科技局"], ["市科学技术局"]]


def test_extraction_with_no_aliases_keeps_every_spelling():
    units = units_of(extract_text(TWO_SPELLINGS, aliases=Aliases()))
    assert units["市科技局"] == (["m1"], [])
    assert units["市科学技术局"] == (["m2"], [])


def test_aliases_can_be_shipped_to_a_worker_process():
    aliases = builtin().merged({"市双打办": ["市打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"]})
    assert pickle.loads(pickle.dumps(aliases)) == aliases


# -- the user's own lists ----------------------------------------------------------------


def test_a_yaml_file_adds_groups_to_the_built_in_list(tmp_path):
    path = tmp_path / "单位简称.yaml"
    path.write_text("市农业农村局:\n  - 市农业局\n  - 市农委\n", encoding="utf-8")
    aliases = load(path, folder=tmp_path)
    assert aliases.canonical("市农委") == "市农业农村局"
    assert aliases.canonical("市科技局") == "市科学技术局"


def test_a_single_alias_may_be_written_without_a_list(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("市农业农村局: 市农委\n", encoding="utf-8")
    assert read_groups(path) == {"市农业农村局": ["市农委"]}


def test_a_toml_file_works_like_a_yaml_file(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[aliases]\n"市农业农村局" = ["市农委"]\n', encoding="utf-8")
    assert load(path, folder=tmp_path).canonical("市农委") == "市农业农村局"


def test_policykit_toml_in_the_folder_adds_its_aliases_table(tmp_path):
    (tmp_path / "policykit.toml").write_text('[aliases]\n"市农业农村局" = ["市农委"]\n', encoding="utf-8")
    assert load(folder=tmp_path).canonical("市农委") == "市农业农村局"


def test_the_aliases_file_wins_over_policykit_toml(tmp_path):
    (tmp_path / "policykit.toml").write_text('[aliases]\n"市农业农村局" = ["市农委"]\n', encoding="utf-8")
    path = tmp_path / "aliases.yaml"
    path.write_text("市农业委员会: [市农委]\n", encoding="utf-8")
    assert load(path, folder=tmp_path).canonical("市农委") == "市农业委员会"


def test_a_user_can_turn_a_built_in_pair_round():
    aliases = builtin().merged({"市科技局": ["市科学技术局"]})
    assert aliases.canonical("市科学技术局") == "市科技局"
    assert aliases.canonical("市科技局") == "市科技局"


def test_aliases_of_aliases_lead_to_the_last_canonical_name():
    aliases = Aliases().merged({"乙": ["甲"]}).merged({"丙": ["乙"]})
    assert aliases.canonical("甲") == "丙"


def test_aliases_that_go_round_in_a_loop_are_an_error():
    with pytest.raises(AliasError, match="loop"):
        Aliases().merged({"甲": ["乙"], "乙": ["丙"], "丙": ["甲"]})


def test_a_file_of_the_wrong_shape_is_an_error_naming_it(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("- 市科技局\n- 市科学技术局\n", encoding="utf-8")
    with pytest.raises(AliasError) as caught:
        read_groups(path)
    assert str(caught.value).startswith(f"{path}: expected a mapping")


def test_an_alias_file_must_be_yaml_or_toml(tmp_path):
    path = tmp_path / "aliases.txt"
    path.write_text("市科技局", encoding="utf-8")
    with pytest.raises(AliasError, match=r"\.yaml, \.yml or \.toml"):
        read_groups(path)


# -- on the command line ----------------------------------------------------------------


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "方案.txt"
    path.write_text(TWO_SPELLINGS.replace("市财政局", "市财政厅"), encoding="utf-8")
    return path


def extract_units(*args: str) -> dict[str, dict]:
    result = CliRunner().invoke(cli, ["extract", *args])
    assert result.exit_code == 0, result.stderr
    return {u["name"]: u for u in json.loads(result.stdout)["units"]}


def test_extract_merges_with_the_built_in_list(document):
    assert len(extract_units(str(document))) == 2


def test_extract_takes_an_aliases_file(document, tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("市财政局: [市财政厅]\n", encoding="utf-8")
    assert extract_units(str(document), "--aliases", str(path))["市财政局"]["co"] == ["m2"]


def test_extract_reads_policykit_toml_in_the_working_directory(document, tmp_path, monkeypatch):
    (tmp_path / "policykit.toml").write_text('[aliases]\n"市财政局" = ["市财政厅"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "市财政局" in extract_units(str(document))


def test_a_broken_aliases_file_is_a_one_line_error(document, tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("市财政局: [市财政厅\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(document), "--aliases", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policykit: error: {path}: not valid YAML")
    assert result.stderr.count("\n") == 1


def test_one_name_under_two_canonical_names_is_an_error():
    with pytest.raises(AliasError, match="listed under both"):
        Aliases().merged({"市农业农村局": ["市农委"], "市农业委员会": ["市农委"]})
