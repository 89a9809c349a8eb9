"""Plain text: find the encoding, decode, normalise line endings.

UTF-8 is tried strictly first (the common case, and fast); byte-order marks
decide UTF-16/32; otherwise charset-normalizer guesses, with GB18030 as the
Chinese fallback. Every GBK/GB2312 guess is decoded as GB18030, its superset.
"""
from __future__ import annotations

import codecs
from functools import lru_cache

from ..data import read_toml
from ..errors import ReadError
from ..model import Warning
from .sniff import describe, describe_binary

# Names reported for the encodings a Chinese policy text comes in.
_CANONICAL = {
    "utf_8": "utf-8", "utf_8_sig": "utf-8",
    "utf_16": "utf-16", "utf_16_le": "utf-16", "utf_16_be": "utf-16",
    "utf_32": "utf-32", "utf_32_le": "utf-32", "utf_32_be": "utf-32",
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030",
    "big5": "big5", "big5hkscs": "big5",
}
_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def canonical_encoding(name: str) -> str:
    """``GBK`` → ``gb18030``, ``UTF8`` → ``utf-8``, unknown names as Python spells them."""
    try:
        python_name = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return name.lower()
    return _CANONICAL.get(python_name, python_name.replace("_", "-"))


def decode_text(data: bytes, encoding: str | None = None, path: str | None = None
                ) -> tuple[str, str, list[Warning]]:
    """Decode ``data``; return (text, reported encoding name, warnings)."""
    if not data:
        raise ReadError("empty file", path=path)
    if encoding:
        return decode_forced(data, encoding, path), canonical_encoding(encoding), []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name, []
            except UnicodeDecodeError as exc:
                raise ReadError(f"cannot decode text: {name} byte-order mark but invalid {name} "
                                f"at byte {exc.start + len(bom)}", path=path) from None
    warnings: list[Warning] = []
    if b"\x00" in data and not describe(data) and _utf16_without_bom(data) is None:
        data, warnings = _without_stray_nuls(data)
    nul_free = b"\x00" not in data  # NULs are valid UTF-8, but mean UTF-16 or binary
    if nul_free:
        try:
            return data.decode("utf-8"), "utf-8", warnings
        except UnicodeDecodeError:
            pass
        text, damaged = decode_leniently(data, "utf-8")
        if damaged:
            return text, "utf-8", [*warnings, Warning("invalid_bytes_replaced",
                                                      f"{damaged} invalid UTF-8 sequences replaced by �")]
    utf16 = _utf16_without_bom(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return text, "utf-16", [Warning("encoding_guessed", f"no byte-order mark; read as {utf16}")]
    binary = describe_binary(data)
    if binary:
        raise ReadError(binary, path=path)
    text, name = _detect(data)
    if text is None:
        raise ReadError("cannot decode text: not UTF-8, GB18030 or UTF-16 (name the encoding with --encoding)",
                        path=path)
    if _control_share(text) > 0.05:
        raise ReadError("binary file, not text", path=path)
    return text, name, [*warnings, Warning("encoding_guessed", f"not UTF-8; decoded as {name}")]


#: NUL bytes above this share of a file make it binary, below it stray damage.
_STRAY_NULS = 0.001


def _without_stray_nuls(data: bytes) -> tuple[bytes, list[Warning]]:
    """A text file with a few NUL bytes (a copy cut short and padded, a
    stray keystroke) rather than a binary one: the NULs go, with a warning.
    No byte of UTF-8, GB18030 or Big5 text is NUL, so removing them splits
    no character."""
    count = data.count(0)
    if count > max(4, len(data) * _STRAY_NULS):
        return data, []
    return data.replace(b"\x00", b""), [Warning("nul_bytes_removed", f"{count} NUL bytes removed")]


def decode_leniently(data: bytes, codec: str) -> tuple[str, int]:
    """(text, number of invalid sequences replaced) when ``data`` is this
    encoding apart from a few damaged bytes (at most 1 in 1000), else ("", 0)."""
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return "", 0
    damaged = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    sound = sum(1 for ch in text if ord(ch) > 127) - damaged  # characters the encoding does explain
    if 0 < damaged <= max(2, len(data) // 1000) and sound >= 20 * damaged:
        return text, damaged
    return "", 0


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_forced(data: bytes, encoding: str, path: str | None) -> str:
    name = canonical_encoding(encoding)
    codec = "gb18030" if name == "gb18030" else encoding
    if name == "utf-8":
        codec = "utf-8-sig"
    elif name in ("utf-16", "utf-32") and not any(data.startswith(bom) for bom, _, _ in _BOMS):
        codec = (_utf16_without_bom(data) or f"{name}-le") if name == "utf-16" else f"{name}-le"
    try:
        text = data.decode(codec)
    except LookupError:
        raise ReadError(f"unknown encoding '{encoding}'", path=path) from None
    except UnicodeDecodeError as exc:
        raise ReadError(f"cannot decode text as {name} (invalid bytes at {exc.start})", path=path) from None
    return text[1:] if text.startswith("\ufeff") else text


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when NUL bytes sit in every other position."""
    data = data[:len(data) // 2 * 2]  # a file cut short by one byte is still UTF-16
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(even)
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # ASCII-heavy text has NULs in the high bytes; CJK text has none, so
        # also accept a decode that is overwhelmingly CJK.
        if zeros.count(0) > 0.3 * n and other.count(0) < 0.05 * n:
            return codec
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _hanzi_share(text) > 0.5 and sum(ch in _common_hanzi() for ch in text) > 0.15 * len(text):
            return codec
    return None


def _detect(data: bytes) -> tuple[str | None, str]:
    from charset_normalizer import from_bytes

    candidates: list[str] = []
    best = from_bytes(data).best()
    if best is not None:
        candidates.append(best.encoding)
    candidates.append("gb18030")
    # Ranked by how Chinese the text reads, then GB18030 (the Chinese
    # fallback beats a Western code page), then charset-normalizer's order.
    decoded: list[tuple[float, bool, int, str, str]] = []
    for rank, codec in enumerate(candidates):
        name = canonical_encoding(codec)
        try:
            text = data.decode("gb18030" if name == "gb18030" else codec)
        except (UnicodeDecodeError, LookupError):
            continue
        decoded.append((common_share(text), name == "gb18030", -rank, text, name))
    if not decoded:
        return None, ""
    *_, text, name = max(decoded)
    return text, name


def _hanzi_share(text: str) -> float:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) / max(len(text), 1)


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    return frozenset(read_toml("reader_text.toml")["common_hanzi"])


def common_share(text: str) -> float:
    """The share of common characters among the Chinese characters of ``text``."""
    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    return sum(ch in _common_hanzi() for ch in hanzi) / len(hanzi) if hanzi else 0.0


def _control_share(text: str) -> float:
    controls = sum(ch < " " and ch not in "\t\n\r\f\v" for ch in text)
    return controls / max(len(text), 1)
