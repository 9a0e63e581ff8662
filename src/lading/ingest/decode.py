"""Bytes to text as files really arrive: byte-order marks, UTF-8, legacy Windows text, and mixtures of both.

News files are mostly UTF-8, but copies saved from old systems or pasted together are Windows-1252 (curly
quotes as single bytes) or UTF-8 with some Windows-1252 lines. Refusing them loses the story; guessing a
whole-file encoding garbles the UTF-8 part. So each line that is not valid UTF-8 is read as Windows-1252,
and the caller gets a warning saying how many lines were guessed.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from lading.ingest.common import ReadError

# longest first: the UTF-32 LE mark begins with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Windows-1252 leaves five bytes undefined; Latin-1 (their C1 control characters) stands in, so every byte decodes
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
# what browsers mean by these labels: Windows-1252 (WHATWG Encoding Standard)
_CP1252_LABELS = {"iso8859-1", "ascii", "cp1252"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05  # text has next to none; random bytes about 12 %


def decode(data: bytes, path: str | Path, declared: str | None = None) -> tuple[str, str | None]:
    """The text in ``data`` (without its byte-order mark) and a warning when part of it was guessed.

    ``declared`` is an encoding the container named (HTTP header, ``<meta charset>``); it is used only when
    the bytes are not valid UTF-8, because pages that say ISO-8859-1 but are UTF-8 are common.
    Raises ReadError for empty input, binary data, and text that breaks its own byte-order mark.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text, warning = _strict(data[len(bom):], codec, name, len(bom), path), None
            break
    else:
        if b"\x00" in data:
            raise ReadError(path, "binary file, not text")
        text, warning = _guess(data, declared)
    if not text.strip():
        raise ReadError(path, "empty file")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise ReadError(path, "binary file, not text")
    return text, warning


def _strict(data: bytes, codec: str, name: str, offset: int, path: str | Path) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"not valid {name} (byte {exc.start + offset})") from exc
    if name == "UTF-16" and _byte_swapped(text):
        raise ReadError(path, "UTF-16 whose byte-order mark contradicts its bytes (byte-swapped?)")
    return text


def _byte_swapped(text: str) -> bool:
    """ASCII read with the wrong byte order comes out as characters U+xx00 (e.g. "b" → "戀")."""
    visible = [c for c in text if not c.isspace()]
    return sum(ord(c) > 0xFF and not ord(c) & 0xFF for c in visible) > len(visible) / 2


def _guess(data: bytes, declared: str | None) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    codec = _codec(declared)
    if codec and codec not in _CP1252_LABELS:
        try:
            return data.decode(codec), None
        except (UnicodeDecodeError, LookupError):  # LookupError: a codec that is no text encoding ("rot13")
            pass
    lines = data.splitlines(keepends=True)  # a UTF-8 sequence never spans a line break
    out, legacy = [], 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(codecs.charmap_decode(line, "strict", _CP1252)[0])
            legacy += 1
    if codec in _CP1252_LABELS:  # what the file said it was: nothing was guessed
        return "".join(out), None
    return "".join(out), f"not UTF-8: {legacy} of {len(lines)} lines decoded as Windows-1252"


def _codec(label: str | None) -> str | None:
    """Python's name for a declared text encoding; None for unknown labels and for UTF-16/32 without a mark
    (a page without NUL bytes that says UTF-16 is mislabelled ASCII-compatible text, as browsers assume)."""
    try:
        name = codecs.lookup(label.strip()).name if label else None
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None
    if name is None or name.startswith(("utf-16", "utf-32")):
        return None
    return name
