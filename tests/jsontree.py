"""Walking policykit/1 JSON in tests."""
from __future__ import annotations


def spans(node):
    """Every span in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "span" and value is not None:
                yield value
            else:
                yield from spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from spans(value)
