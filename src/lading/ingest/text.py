"""Plain-text articles: the file's own text as decoded, with an optional ``date YYYY-MM-DD <section>`` first line.

Offsets index that decoded text (see ``decode.py``: BOMs stripped, non-UTF-8 lines read as Windows-1252).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from lading.ingest.common import Built, Context, Item, ReadError, emit, read_whole
from lading.ingest.decode import decode
from lading.model import Article

__all__ = ["ReadError", "article_from_text", "read_text", "read_text_file", "text_article"]

HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+([^\r\n]*?))?[ \t]*(?:\r?\n|\Z)")


def article_from_text(text: str, doc_id: str, *, path: str | None = None, date_override: date | None = None) -> Article:
    """Build an article from text; offsets stay those of ``text`` itself, header included."""
    published, section, body_start = None, None, 0
    match = HEADER.match(text)
    if match:
        try:
            published = date.fromisoformat(match.group(1))
        except ValueError as exc:
            raise ReadError(path or doc_id, f"invalid date in header line: {match.group(1)!r}") from exc
        section = (match.group(2) or "").strip() or None
        body_start = match.end()
    if date_override is not None:
        published = date_override
    title = _first_line(text, body_start)
    return Article(doc_id=doc_id, text=text, date=published, title=title, section=section, path=path, body_start=body_start)


def _first_line(text: str, start: int) -> str | None:
    for line in text[start:].splitlines():
        if line.strip():
            return line.strip()
    return None


def text_article(data: bytes, ctx: Context) -> Built:
    """The article in a text file's bytes, and the decoding warning if part of it was guessed."""
    text, warning = decode(data, ctx.source, ctx.charset)
    return article_from_text(text, ctx.doc_id, path=ctx.source, date_override=ctx.date_override), warning


def read_text(stream: BinaryIO, ctx: Context) -> Iterator[Item]:
    """The reader ``read_source`` uses: one article, or one error, from a plain-text stream."""
    yield from emit(ctx.source, lambda: text_article(read_whole(stream, ctx.source, "a text article"), ctx))


def read_text_file(path: Path, *, date_override: date | None = None) -> Article:
    """One text file as an article; raises ReadError. Decoding warnings are dropped (``read_source`` yields them)."""
    try:
        with path.open("rb") as f:
            data = read_whole(f, str(path), "a text article")
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from exc
    return text_article(data, Context(str(path), path.stem, date_override=date_override))[0]
