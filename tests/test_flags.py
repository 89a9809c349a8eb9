"""Review flags: warnings that mark the places an extraction may be wrong.

Every document here is invented, in the forms that real documents use and
the rules may misread; each flag must sit where the mistake is, and a clean
document must carry none.
"""
import json

import pytest
from click.testing import CliRunner

import policykit
from policykit.cli import cli
from policykit.extract.flags import flag_codes, flag_message, is_flag

HEAD = "青澜市社区服务提升行动方案\n一、重点任务\n"


def flags(body: str, head: str = HEAD) -> list[tuple[str, str]]:
    """(code, flagged text) of every review flag of a document."""
    text = head + body
    doc = policykit.extract_text(text)
    return [(w.code, text[w.span[0]:w.span[1]]) for w in doc.warnings if is_flag(w.code)]


CLEAN = (
    "（一）建设邻里中心。在每个街道建设一处邻里中心。（市民政局牵头，市住建局配合，2025年底前完成）\n"
    "（二）完善养老服务。推广家庭养老床位。（市民政局、市卫健委负责）\n"
    "（三）优化社区治理。健全居民议事制度。（责任单位：市委社会工作部；配合单位：各区政府）\n"
    "（四）加强人才队伍。开展社区工作者培训。（市人社局牵头，市财政局配合）\n"
)


def test_a_document_read_cleanly_carries_no_flag():
    assert flags(CLEAN) == []


def test_every_flag_code_has_a_message_in_chinese_and_in_english():
    for code in flag_codes():
        assert is_flag(code)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in flag_message(code))
        assert flag_message(code, english=True).isascii()
    assert not is_flag("repaired_line_breaks") and not is_flag("normalized_punctuation")


@pytest.mark.parametrize("note", [
    # a role wording the note parser does not know
    "（市文旅局牵头，会同省文旅厅协同推进，2025年6月底前办结）",
    # a half-width labelled note with an unknown label and a deadline label
    "(责任科室：社区服务科，办结期限：长期坚持)",
    # a vague first assignee before a real one
    "（其他有关部门，各区政府负责，长期坚持）",
])
def test_a_note_like_bracket_that_no_measure_took_is_flagged_where_it_is(note):
    body = CLEAN + f"（五）推进社区食堂。建设一批社区食堂{note}。\n"
    found = flags(body)
    if ("note_not_taken", note) not in found:
        # the parser read it after all: then nothing about it may be flagged as untaken
        assert all(code != "note_not_taken" for code, _ in found)
    else:
        assert ("note_not_taken", note) in found


def test_a_task_nobody_is_given_among_tasks_with_units_is_flagged():
    item = "（五）推进社区食堂。建设一批社区食堂，方便老年人就餐。（各有关部门负责，长期坚持）\n"
    found = flags(CLEAN + item)
    assert found and all(text in item for _, text in found)
    assert {code for code, _ in found} <= {"task_without_units", "note_not_taken"}


def test_a_document_whose_measures_have_no_units_flags_none_for_it():
    body = "（一）建设邻里中心。在每个街道建设一处邻里中心。\n（二）完善养老服务。推广家庭养老床位。\n"
    assert flags(body) == []


@pytest.mark.parametrize(("note", "element"), [
    ("（市体育局、市少年宫和青澜市游泳场负责）", "市少年宫和青澜市游泳场"),
    ("（市体育局、青澜体育、市教育局负责）", "青澜体育"),
    ("（责任单位：市能源局、澜江电力、北港热电厂）", "澜江电力"),
])
def test_a_list_element_read_as_neither_unit_nor_vague_group_is_flagged(note, element):
    body = CLEAN + f"（五）推进场馆开放。推动场馆错时开放。{note}\n"
    doc = policykit.extract_text(HEAD + body)
    assert element not in doc.measures[-1].lead_units + doc.measures[-1].co_units
    assert ("unit_not_read", note) in flags(body)
    (warning,) = [w for w in doc.warnings if w.code == "unit_not_read"]
    assert warning.message.endswith(element)


@pytest.mark.parametrize("note", [
    "（责任单位：市能源局、澜江第一电厂、北港热电厂）",   # 厂 names are units
    "（市数据局、市城管委按片区分工负责）",              # the verb tail is no element
])
def test_a_list_read_whole_flags_no_element(note):
    body = CLEAN + f"（五）推进场馆开放。推动场馆错时开放。{note}\n"
    assert flags(body) == []


@pytest.mark.parametrize("note", [
    "（市交通局牵头，市公安局、市城管委等市有关部门配合）",
    "（市交通局牵头，东岸区、西岸区相关部门配合）",
])
def test_a_unit_name_with_a_vague_tail_is_flagged(note):
    doc = policykit.extract_text(HEAD + CLEAN + f"（五）优化停车管理。建设停车诱导系统。{note}\n")
    names = doc.measures[-1].lead_units + doc.measures[-1].co_units
    suspect = [w for w in doc.warnings if w.code == "unit_name_suspect"]
    if all("有关" not in n and "相关" not in n for n in names):
        assert not suspect   # read right: nothing to check
    else:
        assert suspect


def test_a_name_cut_by_a_line_break_in_a_line_note_is_flagged():
    body = (CLEAN + "（五）建立志愿服务机制。开展社区志愿服务。\n牵头单位：市民政局\n"
            "责任单位：市团委，各县（市、区）\n人民政府\n")
    found = flags(body)
    doc = policykit.extract_text(HEAD + body)
    if "各县（市、区）人民政府" in doc.measures[-1].co_units:
        assert not found
    else:
        assert any(code == "unit_name_suspect" for code, _ in found)


def test_a_list_whose_head_is_shared_is_flagged():
    body = CLEAN + "（五）落实属地责任。制定本辖区实施细则。（责任单位：市民政局，各区、市政府）\n"
    found = flags(body)
    doc = policykit.extract_text(HEAD + body)
    if "各区" in doc.measures[-1].lead_units + doc.measures[-1].co_units:
        assert any(code == "unit_name_suspect" for code, _ in found)


def test_a_prose_role_in_an_item_that_gave_no_unit_is_flagged():
    body = CLEAN + "（五）组建工作专班。由市发改委、市民政局牵头组建工作专班，统筹推进各项工作。\n"
    found = flags(body)
    doc = policykit.extract_text(HEAD + body)
    fifth = [m for m in doc.measures if m.path[-1:] == ["五"]]
    if fifth and fifth[0].lead_units:
        assert "role_phrase_not_read" not in [c for c, _ in found]
    else:
        assert any(code == "role_phrase_not_read" and "牵头" in text for code, text in found)


@pytest.mark.parametrize(("sentence", "subject"), [
    ("由区住建局负责组织实施。", "区住建局"),
    ("市交通局、市公安局和市城管委按职责分工负责。", "市交通局、市公安局和市城管委"),
    ("示范城市负责编制年度工作计划。", "示范城市"),
    ("各试点县人民政府是改革试点的责任主体，要细化工作安排。", "各试点县人民政府"),
    ("市卫健委等部门共同牵头推进。", "市卫健委"),
])
def test_a_prose_role_is_read_with_its_subject(sentence, subject):
    from policykit.extract.flags import lang

    m = lang().prose_role_re.search(sentence)
    assert m and m.group("subject").strip() == subject


@pytest.mark.parametrize("sentence", [
    "落实项目负责人制度，明确工作要求。",   # 负责人 is a person, not a role
    "加强组织领导，完善工作机制。",
    "企业是安全生产的责任主体。",            # no unit-like subject
])
def test_a_sentence_without_a_unit_in_a_role_is_not_a_prose_role(sentence):
    from policykit.extract.flags import lang

    assert not lang().prose_role_re.search(sentence)


def test_a_note_element_read_as_no_unit_is_flagged_once_in_chinese():
    body = CLEAN + "（五）推进数据共享。打通部门数据。（区数据局、工业和信息、区财政局按职责分工负责）\n"
    found = [(code, text) for code, text in flags(body) if code == "unit_not_read"]
    assert len(found) == 1 and found[0][1].startswith("（区数据局")
    doc = policykit.extract_text(HEAD + body)
    (warning,) = [w for w in doc.warnings if w.code == "unit_not_read"]
    assert warning.message.startswith(flag_message("unit_not_read")) and warning.message.endswith("工业和信息")


def test_a_goal_sentence_with_a_number_that_gave_no_target_is_flagged():
    body = CLEAN.replace("在每个街道建设一处邻里中心。", "力争全市社区食堂覆盖面达到九成半的街道，新建社区食堂12处。")
    doc = policykit.extract_text(HEAD + body)
    found = [w for w in doc.warnings if w.code == "target_not_read"]
    covered = [t.span for t in doc.targets]
    for w in found:
        assert not any(s < w.span[1] and w.span[0] < e for s, e in covered)


def test_a_goal_sentence_whose_target_was_read_is_not_flagged():
    body = CLEAN.replace("在每个街道建设一处邻里中心。", "到2025年，新建邻里中心120个。")
    doc = policykit.extract_text(HEAD + body)
    assert doc.targets and not [w for w in doc.warnings if w.code == "target_not_read"]


def test_a_paid_amount_is_no_missed_target():
    body = CLEAN.replace("在每个街道建设一处邻里中心。", "对新建邻里中心给予补助，每处最高不超过50万元。")
    assert "target_not_read" not in [code for code, _ in flags(body)]


def test_flag_spans_lie_inside_the_text_and_messages_name_the_place():
    body = CLEAN + "（五）推进社区食堂。建设一批社区食堂（市文旅局牵头，会同省文旅厅协同推进）。\n"
    text = HEAD + body
    doc = policykit.extract_text(text)
    for w in doc.warnings:
        if is_flag(w.code):
            s, e = w.span
            assert 0 <= s < e <= len(text)
            assert w.message.startswith(flag_message(w.code))


def test_flags_are_the_same_on_every_run():
    body = CLEAN + "（五）推进社区食堂。建设一批社区食堂（市文旅局牵头，会同省文旅厅协同推进）。\n"
    assert flags(body) == flags(body)


# ---------------------------------------------------------------- the command line

FLAGGED = HEAD + CLEAN + "（五）推进社区食堂。建设一批社区食堂，方便老年人就餐。（各有关部门负责，长期坚持）\n"


def test_strict_exits_3_when_a_document_has_flags_and_names_it(tmp_path):
    clean, flagged = tmp_path / "clean.txt", tmp_path / "flagged.txt"
    clean.write_text(HEAD + CLEAN, "utf-8")
    flagged.write_text(FLAGGED, "utf-8")
    runner = CliRunner()
    ok = runner.invoke(cli, ["extract", str(clean), "--strict"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(cli, ["extract", str(clean), str(flagged), "--strict", "-o", str(tmp_path / "out")])
    assert bad.exit_code == 3
    assert "flagged.txt: 1 review flag" in bad.stderr and "clean.txt" not in bad.stderr
    assert json.loads((tmp_path / "out" / "flagged.json").read_text("utf-8"))["measures"]
    assert (tmp_path / "out" / "clean.json").exists()
    plain = runner.invoke(cli, ["extract", str(flagged)])
    assert plain.exit_code == 0   # without --strict flags never change the exit code


def test_a_failure_wins_over_flags_in_the_exit_code(tmp_path):
    flagged, broken = tmp_path / "flagged.txt", tmp_path / "broken.docx"
    flagged.write_text(FLAGGED, "utf-8")
    broken.write_bytes(b"PK\x03\x04 not a zip")
    result = CliRunner().invoke(cli, ["extract", str(flagged), str(broken), "--strict", "-o", str(tmp_path / "o")])
    assert result.exit_code == 1


def test_the_summary_table_counts_flags(tmp_path):
    flagged = tmp_path / "flagged.txt"
    flagged.write_text(FLAGGED, "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(flagged), "--summary"])
    assert result.exit_code == 0
    assert "待核" in result.output and "flags" in result.output
    (row,) = [line for line in result.output.splitlines() if "│" in line and any(c.isdigit() for c in line)]
    values = [int(cell) for cell in row.strip("│ ").split("│")]
    documents, measures, units, citations, targets, warnings, flag_count, failures = values
    doc = policykit.extract_text(FLAGGED)
    assert flag_count == sum(1 for w in doc.warnings if is_flag(w.code)) >= 1
    assert warnings >= flag_count and documents == 1 and failures == 0


def test_a_label_line_that_no_note_took_is_flagged():
    body = CLEAN + ("（五）扩建处理设施。推进东郊污水处理厂扩建。\n牵头单位：东郊污水处理厂\n配合单位：市水务局\n"
                    "完成时限：2025年12月底前\n")
    doc = policykit.extract_text(HEAD + body)
    fifth = [m for m in doc.measures if m.path[-1:] == ["五"]]
    found = flags(body)
    if fifth and "东郊污水处理厂" in fifth[0].lead_units:
        assert not [c for c, _ in found if c == "note_not_taken"]
    else:
        assert ("note_not_taken", "牵头单位：东郊污水处理厂") in found
    assert all("完成时限" not in text for _, text in found)   # a time line is no unit line


def test_items_of_a_document_where_one_remark_made_the_only_task_are_flagged():
    items = "".join(f"（{n}）开展第{n}项培训。面向青年开展技能培训，每年培训{n}00人次。\n" for n in "二三四五六七")
    body = "（一）发放培训券。探索建立培训券制度（培训券的发放由市人社部门负责），鼓励企业自主培训。\n" + items
    doc = policykit.extract_text(HEAD + body)
    found = flags(body)
    if len(doc.measures) >= 7:
        assert "item_not_taken" not in [c for c, _ in found]   # read as a document without notes
    else:
        taken = [text for code, text in found if code == "item_not_taken"]
        assert len(taken) == 6 and all(text.startswith("（") for text in taken)


def test_a_document_with_many_notes_does_not_flag_its_items_without_notes():
    body = CLEAN + "（五）加强宣传引导。开展主题宣传活动。\n（六）强化督查考核。定期通报工作进展。\n"
    assert "item_not_taken" not in [code for code, _ in flags(body)]


# ---------------------------------------------------------------- the review page


def test_the_review_page_lists_flags_first_and_marks_them_in_the_text(tmp_path):
    source = tmp_path / "flagged.txt"
    source.write_text(FLAGGED, "utf-8")
    page = tmp_path / "review.html"
    result = CliRunner().invoke(cli, ["show", str(source), "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text("utf-8")
    doc = policykit.extract_text(FLAGGED)
    n = sum(1 for w in doc.warnings if is_flag(w.code))
    assert f"待核（{n}）" in html
    aside = html[html.index("<aside>"):]
    assert aside.index("待核（") < aside.index("图例") < aside.index("措施（")
    assert html.count('class="hl flag') >= n   # each flag marked where it is in the text
    first = next(w for w in doc.warnings if is_flag(w.code))
    assert first.message.split("：")[0] in aside


def test_a_review_page_without_flags_says_so(tmp_path):
    source = tmp_path / "clean.txt"
    source.write_text(HEAD + CLEAN, "utf-8")
    result = CliRunner().invoke(cli, ["show", str(source)])
    assert "待核（0）" in result.output and "无待核之处" in result.output
    assert 'class="hl flag' not in result.output


# ---------------------------------------------------------------- forms the rules may not read


def _review(text: str, tasks=(), items=None):
    from policykit.extract.flags import Task, review_flags

    tasks = [Task(s, e, [], lead, co) for s, e, lead, co in tasks]
    items = items if items is not None else [(0, len(text))]
    return [(w.code, text[w.span[0]:w.span[1]]) for w in review_flags(text, tasks, [], [], items, (0, len(text)))]


@pytest.mark.parametrize(("text", "flagged"), [
    # a bracket of names with unit endings closing a sentence or a line, that no note took
    ("建设城际铁路。（甲州市发展改革委、乙州城际铁路有限公司）\n", True),
    ("推进结对帮扶。（甲州市教育局）", True),
    ("共建园区（乙州高新区管委会、甲州造船厂）。", True),
    # inside a sentence, a place, a short word, or not only names: no note
    ("建设（甲州市教育局）试点学校。", False),
    ("覆盖各区县（含开发区）。", False),
    ("成立行业（协会）。", False),
    ("推进试点。（2025年底前完成）", False),
])
def test_a_bracket_of_unit_names_that_no_note_took_is_flagged(text, flagged):
    found = _review(text)
    assert (("note_not_taken", text[text.index("（"):text.index("）") + 1]) in found) is flagged


def test_a_supporter_named_in_prose_but_not_among_the_units_is_flagged():
    text = "建设充电设施。由区住建局负责监督落实，区供电公司配合电力接入。另会同区发改局完善规划，会同有关部门做好宣传。"
    found = _review(text, [(0, len(text), ["区住建局"], [])])
    assert ("role_unit_not_read", "区供电公司配合") in found
    assert ("role_unit_not_read", "区发改局") in [(c, t) for c, t in found if c == "role_unit_not_read"] or \
        any(c == "role_unit_not_read" and "区发改局" in t for c, t in found)
    assert not any("有关部门" in t for _, t in found)   # a vague partner is no unit
    # the same phrases with their units read: nothing
    assert _review(text, [(0, len(text), ["区住建局"], ["区供电公司", "区发改局"])]) == []


def test_a_supporter_in_prose_of_an_item_without_units_is_flagged():
    text = "推进养老机构提质。新增护理型床位300张。区民政局会同区住建局组织实施。"
    found = _review(text, [(0, len(text), [], [])])
    assert any(code == "role_phrase_not_read" and "区住建局" in t for code, t in found)


def test_a_task_table_whose_rows_could_not_be_read_is_flagged_at_its_header_and_each_row():
    text = ("青澜市2025年重点任务清单\n附件\n重点任务清单\n序号\n重点任务\n牵头单位\n配合单位\n"
            "1\n甲\n乙\n丙\n2\n丁\n戊\n己\n")
    doc = policykit.extract_text(text)
    found = [(w.code, text[w.span[0]:w.span[1]]) for w in doc.warnings if w.code == "table_not_read"]
    assert found == [("table_not_read", "序号\n重点任务\n牵头单位\n配合单位"), ("table_not_read", "1"),
                     ("table_not_read", "2")]
    assert "任务分工表" in flag_message("table_not_read")


def test_a_task_table_that_was_read_is_not_flagged():
    text = ("附件\n重点任务清单\n序号\n重点任务\n牵头单位\n配合单位\n"
            "1\n建设邻里中心。在每个街道建设一处邻里中心。\n市民政局\n市住建局\n")
    doc = policykit.extract_text(text)
    assert doc.measures and not [w for w in doc.warnings if w.code == "table_not_read"]


def test_several_leads_in_a_document_whose_first_listed_unit_leads_are_flagged():
    head = "各项任务中排在第一位的为牵头单位。\n" + HEAD
    body = ("（一）建设邻里中心。在每个街道建设一处邻里中心。（市民政局、市住建局）\n"
            "（二）完善养老服务。推广家庭养老床位。（市民政局、市卫健委牵头）\n")
    found = flags(body, head)
    assert [code for code, _ in found] == ["lead_rule_not_applied"]
    assert "市卫健委" in found[0][1]
    assert not any(code == "lead_rule_not_applied" for code, _ in flags(body))   # no rule, no flag
