"""JSON Lines: one story per line, ``{"text": ..., "title", "date" | "published", "url" | "link", "id", "section", "author"}``.

This is how scraped corpora arrive (the VOA and State Department sets among them). The file is read line by
line, so a corpus of any size streams, and one bad line is one error: the lines after it are still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any, BinaryIO

from lading.ingest.common import (
    MAX_BYTES,
    Built,
    Context,
    Item,
    ReadError,
    emit,
    make_article,
    parse_date,
)


def read_jsonl(stream: BinaryIO, ctx: Context) -> Iterator[Item]:
    """One article per non-blank line; a bad line yields ``ReadError("{source}:{line}", reason)``."""
    for lineno, line in _lines(stream):
        where = f"{ctx.source}:{lineno}"
        if line is None:
            yield ReadError(where, f"line longer than {MAX_BYTES >> 20} MB")
        elif line:
            yield from emit(where, partial(_record_article, line, lineno, ctx))


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines without surrounding whitespace; an over-long line comes back as None, the rest of it
    skipped in bounded pieces, never held whole."""
    lineno = 0
    while line := stream.readline(MAX_BYTES + 1):
        lineno += 1
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line.strip()


def _record_article(line: bytes, lineno: int, ctx: Context) -> Built:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReadError(ctx.source, f"not JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from exc
    except (ValueError, RecursionError) as exc:  # bytes in no UTF encoding, 5000-digit numbers; "[[[[…" nesting
        raise ReadError(ctx.source, f"not JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise ReadError(ctx.source, f"not a JSON object but {_json_type(record)}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ReadError(ctx.source, "no \"text\"" if text is None else f"\"text\" is {_json_type(text)}, not a string")
    raw_date = record.get("date", record.get("published"))
    published = parse_date(raw_date)
    warning = f"unreadable date {str(raw_date)[:60]!r}; the article has none" if raw_date is not None and not published else None
    raw_id = record.get("id")
    given_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    fields = {key: _string(record.get(key)) for key in ("title", "section", "author")}
    fields["url"] = _string(record.get("url")) or _string(record.get("link"))  # feeds and exports say "link"
    article = make_article(text, ctx, fmt="jsonl", doc_id=given_id or f"{ctx.doc_id}-{lineno}", date=published, **fields)
    return article, warning


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
