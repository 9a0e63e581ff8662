"""What every reader shares: the error types, the read context, the one Article builder, ids, dates, limits.

Readers are generators of ``Article | ReadError`` so that one bad record never stops the records after it;
the builders they call raise ``ReadError`` and :func:`emit` turns that into an item named by its place.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from lading.model import Article

if TYPE_CHECKING:
    import httpx

# One document (a page, a feed, a JSON line, a WARC payload). News stories are tens of kilobytes; past this
# size the input is a dump or an attack, and extraction (trafilatura, spaCy) would take minutes on it.
MAX_BYTES = 10 * 1024 * 1024


class ReadError(ValueError):
    """An input that cannot become an article; the message names the file and the reason."""

    fatal = True

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class ReadWarning(ReadError):
    """A note about an input that was still read, e.g. lines that were not UTF-8.

    It is a ReadError so it carries ``path`` and ``reason`` and prints the same way, but ``fatal`` is False:
    the article it concerns is yielded right after it. Consumers counting failures test ``fatal``.
    """

    fatal = False


Item = Article | ReadError
Built = tuple[Article, str | None]  # an article and the warning that goes with it, if any


@dataclass(frozen=True)
class Context:
    """One input being read: where it came from and the caller's choices, passed down to nested readers."""

    source: str  # the file or URL, for messages and ``Article.path``
    doc_id: str  # the id of a single-article input; multi-article readers derive theirs from it
    url: str | None = None  # the address the bytes were fetched from
    charset: str | None = None  # the encoding a server declared
    date_override: date | None = None
    fetch_links: bool = False
    allow_private: bool = False
    client: httpx.Client | None = None


def emit(where: str, build: Callable[[], Built]) -> Generator[Item, None, bool]:
    """Run one builder: yield its error, or its warning and then its article, all named ``where``.

    Returns whether an article came out, for readers that fall back to something else (``ok = yield from``).
    """
    try:
        article, warning = build()
    except ReadError as exc:
        yield exc if exc.path == where else ReadError(where, exc.reason)
        return False
    if warning:
        yield ReadWarning(where, warning)
    yield article
    return True


def make_article(text: str, ctx: Context, *, fmt: str, doc_id: str | None = None, title: str | None = None,
                 date: date | None = None, url: str | None = None, author: str | None = None,
                 section: str | None = None) -> Article:
    """The one place the structured readers build an Article: no text is an error, the caller's date wins."""
    if not text.strip():
        raise ReadError(ctx.source, "no article text found")
    doc_id = doc_id or ctx.doc_id
    title, url, author, section = (_tidy(value) for value in (title, url or ctx.url, author, section))
    fields = {"text": text, "id": doc_id, "title": title, "url": url, "author": author, "section": section}
    for name, value in fields.items():
        if value and not _encodable(value):  # JSON and HTML escapes can smuggle these in; printing them fails
            raise ReadError(ctx.source, f"the {name} holds an unpaired surrogate (invalid Unicode)")
    return Article(doc_id=doc_id, text=text, date=ctx.date_override or date, title=title, section=section,
                   path=ctx.source, url=url, author=author, format=fmt)


def _tidy(value: str | None) -> str | None:
    return (value or "").strip() or None


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_whole(stream: BinaryIO, source: str, what: str) -> bytes:
    """The stream's bytes, refusing past MAX_BYTES without reading the rest (a 50 MB file costs 10 MB)."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        try:
            size: int | None = stream.seek(0, io.SEEK_END)
        except (OSError, ValueError, AttributeError):  # not seekable: a decompressed or network stream
            size = None
        raise too_large(source, what, size)
    return data


def too_large(source: str, what: str, size: int | None = None) -> ReadError:
    """The error for input past MAX_BYTES, with its size when known."""
    shown = f"{size / 2**20:.1f} MB" if size else f"more than {MAX_BYTES >> 20} MB"
    return ReadError(source, f"too large for {what} ({shown}; the limit is {MAX_BYTES >> 20} MB)")


_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def mime_of(content_type: str | None) -> str:
    """``text/html`` from ``Text/HTML; charset=UTF-8``."""
    return (content_type or "").split(";")[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    """``UTF-8`` from ``text/html; charset="UTF-8"``."""
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?!\d)")


def parse_date(value: object) -> date | None:
    """The calendar date an ISO date/datetime or RFC 822 string names, as written (no time-zone shift).

    "2025-03-14 22:39:48Z" is 2025-03-14 and "Fri, 21 May 2021 23:17:44 -0500" is 2021-05-21: the day the
    publisher dated the story, which is what relative times in its text count from. None when unreadable.
    """
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    try:
        if match:
            return date.fromisoformat(match.group(1))
        return parsedate_to_datetime(value).date()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def slug(address: str) -> str:
    """A readable, stable id from a URL (host without www., path without .html, query) or any other identifier.

    The same story read from a feed, a WARC or the web gets the same id, which deduplication relies on.
    """
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # e.g. an unbalanced "[" in the host
        parts = None
    if parts and parts.netloc:
        path = re.sub(r"\.(?:s?html?|php|aspx?)$", "", parts.path, flags=re.IGNORECASE)
        address = parts.netloc.removeprefix("www.") + path + (f"?{parts.query}" if parts.query else "")
    text = re.sub(r"[^a-z0-9]+", "-", address.lower()).strip("-")
    if not text or len(text) > 120:
        digest = hashlib.sha1(address.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        text = f"{text[:100].rstrip('-')}-{digest}".lstrip("-")
    return text
