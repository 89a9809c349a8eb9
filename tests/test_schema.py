"""The JSON Schema of policykit/1: well-formed, true to the model, met by real output."""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import policykit
from policykit import model
from policykit.schema import load_schema, validate

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = CORPUS / "xinzhou-ip-2015.txt"


@pytest.fixture(scope="module")
def seed() -> dict:
    return policykit.extract_file(str(SEED)).to_dict()


def without(doc: dict, *path: str) -> dict:
    broken = copy.deepcopy(doc)
    *parents, last = path
    node = broken
    for key in parents:
        node = node[key]
    del node[last]
    return broken


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(load_schema())


def test_seed_document_output_is_valid(seed):
    assert validate(seed) == []


@pytest.mark.parametrize("path", sorted(CORPUS.glob("demo-*")), ids=lambda p: p.name)
def test_demo_document_output_is_valid(path):
    assert validate(policykit.extract_file(str(path)).to_dict()) == []


def test_a_missing_top_level_field_is_an_error(seed):
    assert validate(without(seed, "targets")) == ["$: 'targets' is a required property"]


def test_a_null_able_field_must_still_be_present(seed):
    assert validate(without(seed, "document", "date")) == ["$.document: 'date' is a required property"]


def test_null_is_allowed_where_the_contract_allows_it(seed):
    doc = copy.deepcopy(seed)
    doc["document"].update(title=None, doc_number=None, issuer=None, date=None)
    doc["source"]["path"] = None
    assert validate(doc) == []


def test_a_document_date_may_give_only_the_month(seed):
    doc = copy.deepcopy(seed)
    doc["document"]["date"] = "2022-04"
    assert validate(doc) == []
    doc["document"]["date"] = "2022-4"
    assert [e.split(":")[0] for e in validate(doc)] == ["$.document.date"]


def test_the_plan_title_is_a_string_or_null(seed):
    doc = copy.deepcopy(seed)
    doc["document"]["plan_title"] = "江澜市节水行动方案"
    assert validate(doc) == []
    doc["document"]["plan_title"] = 7
    assert [e.split(":")[0] for e in validate(doc)] == ["$.document.plan_title"]


def test_added_fields_are_allowed(seed):
    assert validate({**seed, "x_reviewed_by": "办公室"}) == []


def test_a_span_is_two_integers(seed):
    doc = copy.deepcopy(seed)
    doc["measures"][0]["span"] = [3]
    assert validate(doc) == ["$.measures[0].span: [3] is too short"]


def test_deadline_kind_is_one_of_four(seed):
    doc = copy.deepcopy(seed)
    doc["measures"][0]["deadline"] = {"text": "尽快", "date": None, "kind": "soon"}
    assert validate(doc) == [
        "$.measures[0].deadline.kind: 'soon' is not one of ['by_date', 'ongoing', 'annual', 'other']"]


def test_target_comparator_is_one_of_the_contract_words(seed):
    doc = copy.deepcopy(seed)
    doc["targets"][0]["comparator"] = "more or less"
    assert [e.split(":")[0] for e in validate(doc)] == ["$.targets[0].comparator"]


@pytest.mark.parametrize("record", [
    model.Source, model.Document, model.Section, model.Deadline, model.Measure,
    model.Citation, model.Target, model.Unit, model.Roles, model.Warning,
], ids=lambda r: r.__name__)
def test_schema_describes_every_field_of_the_model(record):
    definition = load_schema()["$defs"][record.__name__.lower()]
    names = [f.name for f in dataclasses.fields(record)]
    assert set(definition["properties"]) == set(names)
    assert set(definition["required"]) <= set(names)


#: Fields added within policykit/1: always written, but files from before them stay valid.
ADDED_WITHIN_VERSION_1 = {"roles"}


def test_schema_requires_every_top_level_field_of_the_model():
    names = {f.name for f in dataclasses.fields(model.PolicyDocument)}
    assert set(load_schema()["required"]) == names - ADDED_WITHIN_VERSION_1
    assert set(load_schema()["properties"]) == names


def test_a_file_written_before_the_added_fields_is_still_valid(seed):
    older = without(seed, "roles")
    for unit in older["units"]:
        del unit["written"], unit["placeholder"]
    assert validate(older) == []
    assert model.PolicyDocument.from_dict(older).roles == model.Roles()


def test_roles_and_unit_forms_are_checked_where_present(seed):
    doc = copy.deepcopy(seed)
    doc["roles"]["first_is_lead"] = "yes"
    doc["units"][0]["written"] = [""]
    assert sorted(e.split(":")[0] for e in validate(doc)) == ["$.roles.first_is_lead", "$.units[0].written[0]"]
