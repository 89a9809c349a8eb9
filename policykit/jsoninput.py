"""JSON that people may have edited by hand: what ``validate``, ``units`` and
``assign`` read.

Every way such a file can go wrong is a ``ReadError``, one line naming the
file: too large or not a regular file (a FIFO, ``/dev/zero``: refused before
a byte is read, as for documents), not UTF-8, not JSON, nested deeper than
``max_json_depth``, a number of thousands of digits, ``NaN`` or a number
too large for a float. What passes is plain data the schema can judge.
(A string may hold half of a surrogate pair, ``"\ud800"``: JSON allows it;
the writers drop it from Word and Excel files and write it back escaped.)
"""
from __future__ import annotations

import json
from typing import Any

from .errors import LimitExceeded, ReadError
from .limits import Limits, current as current_limits

def read_text(path: str, data: bytes | None = None, limits: Limits | None = None) -> str:
    """The UTF-8 text of the file at ``path`` (``data`` when the bytes were read
    already, as for standard input), within the file size limit."""
    from .readers import file_bytes

    limits = limits or current_limits()
    if data is None:
        data = file_bytes(path, limits)
    elif len(data) > limits.max_file_bytes:
        from .limits import megabytes

        raise LimitExceeded(f"file too large (over the limit of {megabytes(limits.max_file_bytes)}, "
                            "POLICYKIT_MAX_FILE_MB)", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not JSON: not UTF-8 text (byte {exc.start})", path) from None


def parse(text: str, path: str, limits: Limits | None = None) -> Any:
    """``json.loads(text)``, refusing what no policykit file holds. A
    ``json.JSONDecodeError`` is left to the caller (JSON Lines tries again line by line)."""
    limits = limits or current_limits()
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite, parse_int=_integer)
    except RecursionError:
        raise ReadError("not JSON that policykit reads: nested too deeply", path) from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:   # int('9' * 5000): Python's limit on digits
        raise ReadError(f"not JSON that policykit reads: {_first_line(exc)}", path) from None
    check(value, path, limits)
    return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > 100:   # no count or offset has more; Python stops at 4300 digits anyway
        raise ValueError(f"a number of {digits:,} digits")
    return int(text)


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]}… is too large")
    return value


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def check(value: Any, path: str, limits: Limits | None = None, shared: bool = False) -> None:
    """Refuses nesting deeper than the limit; walks ``value`` without recursion.

    ``shared``: lists and mappings may occur in several places (YAML anchors
    and aliases: each drawing the one before twice, 40 deep, is 2**40 places
    in a file of 2 KB); each is walked again only where it lies deeper than
    before, so the walk is bounded by their number times the depth limit.
    """
    limits = limits or current_limits()
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, (list, dict)) else []
    deepest: dict[int, int] = {}
    while stack:
        item, depth = stack.pop()
        if depth > limits.max_json_depth:
            raise limits_error(limits, path)
        if shared:
            if deepest.get(id(item), 0) >= depth:
                continue
            deepest[id(item)] = depth
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))


def limits_error(limits: Limits, path: str) -> LimitExceeded:
    return LimitExceeded(f"refused: JSON nested more than {limits.max_json_depth} levels deep "
                         "(POLICYKIT_MAX_JSON_DEPTH)", path)

