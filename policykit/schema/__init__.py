"""The JSON Schema of the policykit/1 contract, and validation against it.

``policykit-1.schema.json`` beside this file is the published contract
(../shared/spec/contract.md) in machine-readable form; jsonschema is
imported only when something is validated.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "policykit-1.schema.json"


def schema_text() -> str:
    """The schema file exactly as shipped (what ``policykit schema`` prints)."""
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    return json.loads(schema_text())


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


def validate(obj: Any) -> list[str]:
    """Every way ``obj`` breaks the contract, as ``$.json.path: message``; empty when valid."""
    errors = [e for error in _validator().iter_errors(obj) for e in _explain(error)]
    return [f"{e.json_path}: {e.message}" for e in sorted(errors, key=_position)]


def _explain(error) -> list:
    """For ``oneOf: [X, null]`` and the like, the errors of the alternatives the
    value could have meant, rather than "is not valid under any of the given schemas"."""
    if not error.context:
        return [error]
    branches: dict[Any, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = [subs for subs in branches.values() if not _wrong_type_only(subs)]
    if len(meant) != 1:
        return [error]
    return [e for sub in meant[0] for e in _explain(sub)]


def _wrong_type_only(errors: list) -> bool:
    return len(errors) == 1 and errors[0].validator == "type" and not errors[0].relative_path


def _position(error) -> tuple:
    # Document order: measures[2] before measures[10].
    path = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in error.absolute_path)
    return path, error.message
