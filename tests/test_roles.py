"""The document's own words for the roles of its units (``roles`` in the JSON),
read from its assignment notes, as the task sheets title their columns."""
from __future__ import annotations

import pytest

from policykit.pipeline import extract_text


def roles_of(*notes: str) -> dict:
    items = "".join(f"{n}.推进第{n}项工作。加快建设。{note}\n" for n, note in enumerate(notes, start=1))
    return extract_text("一、重点任务\n" + items).roles.to_dict()


@pytest.mark.parametrize("notes, lead, co", [
    (["（牵头单位：市发改委；配合单位：市财政局）"], ["牵头单位"], ["配合单位"]),
    (["（牵头部门：市发改委；协办部门：市财政局）"], ["牵头部门"], ["协办部门"]),
    (["（主责单位：市发改委；参与单位：市财政局）"], ["主责单位"], ["参与单位"]),
    (["（责任单位：市发改委、市财政局）"], ["责任单位"], []),
    (["（牵头单位：市林业局；责任单位：各县（市、区）人民政府）"], ["牵头单位"], ["责任单位"]),   # 责任单位 beside a lead supports
    (["（市发改委牵头，市财政局配合）"], ["牵头单位"], ["配合单位"]),
    (["（市发改委牵头，市财政局参与）"], ["牵头单位"], ["参与单位"]),
    (["（市发改委、市财政局按职责分工负责）"], ["责任单位"], []),
    (["（市发改委牵头，各区人民政府负责落实）"], ["牵头单位"], ["责任单位"]),
])
def test_the_words_of_a_note_name_the_roles(notes, lead, co):
    roles = roles_of(*notes)
    assert (roles["lead"], roles["co"]) == (lead, co)


def test_the_most_used_word_comes_first():
    roles = roles_of("（牵头单位：市发改委）", "（责任单位：市财政局）", "（责任单位：市科技局）")
    assert roles["lead"] == ["责任单位", "牵头单位"]


def test_the_first_is_lead_note_is_kept_as_written():
    roles = roles_of("（责任单位：市发改委、市财政局，排在第一位的为牵头单位）", "（责任单位：市财政局、市科技局）")
    assert roles == {"lead": ["责任单位"], "co": [], "first_is_lead": True, "note": "排在第一位的为牵头单位"}


def test_a_note_that_only_sets_the_reading_still_gives_the_note():
    text = ("一、重点任务\n（列第一位者为牵头单位，下同）\n1.推进甲。加快建设。（责任单位：市发改委、市财政局）\n"
            "2.推进乙。加快建设。（责任单位：市财政局、市科技局）\n")
    roles = extract_text(text).roles
    assert (roles.first_is_lead, roles.note) == (True, "列第一位者为牵头单位")


def test_a_document_without_notes_names_no_roles():
    roles = extract_text("一、重点任务\n1.推进甲。市发改委牵头研究制定方案。\n").roles
    assert (roles.lead, roles.co, roles.first_is_lead, roles.note) == ([], [], False, None)
