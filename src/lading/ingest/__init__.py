"""Reading news as it really arrives: text, HTML, RSS/Atom, WARC and JSON Lines, from files, folders or the web.

``read_source`` is the one entry point. It yields ``Article`` objects and, in their place, ``ReadError`` items
naming what could not be read and why; it never raises for bad input, so one broken file, record or line
costs only itself. A ``ReadWarning`` (``fatal`` False) is a note on the article that follows it.
"""
from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lading.ingest.common import Context, Item, ReadError, ReadWarning, slug
from lading.ingest.feed import read_feed
from lading.ingest.html import read_html
from lading.ingest.jsonl import read_jsonl
from lading.ingest.text import read_text
from lading.ingest.url import fetch
from lading.ingest.warc import read_warc
from lading.model import Article

if TYPE_CHECKING:
    import httpx

__all__ = ["ReadError", "ReadWarning", "kind_of", "read_source"]

Reader = Callable[[BinaryIO, Context], Iterator[Item]]
READERS: dict[str, Reader] = {"text": read_text, "html": read_html, "feed": read_feed, "warc": read_warc, "jsonl": read_jsonl}
EXTENSIONS = {".warc.gz": "warc", ".warc": "warc", ".txt": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".xml": "feed", ".rss": "feed", ".atom": "feed", ".jsonl": "jsonl", ".ndjson": "jsonl"}
CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
                 "application/json": "jsonl", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
                 "application/x-jsonlines": "jsonl"}  # every other type url.fetch lets through is XML: a feed
_SNIFF_BYTES = 4096
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def read_source(source: str, *, fetch_links: bool = False, allow_private: bool = False,
                date_override: date | None = None, client: httpx.Client | None = None) -> Iterator[Article | ReadError]:
    """Every article in one source: a file, a folder (recursively, files of known kinds), or an http(s) URL.

    Never raises for bad input: yields ``ReadError(path_or_url[:line | #record N | #entry N], reason)`` and goes
    on. ``fetch_links`` reads the pages feed entries link to; ``allow_private`` lets URLs reach private,
    loopback and link-local hosts (refused by default); ``date_override`` replaces every article's date.
    """
    options = Context("", "", date_override=date_override, fetch_links=fetch_links, allow_private=allow_private,
                      client=client)  # filled in per file or address
    if _URL.match(source):
        yield from _read_url(source, options)
        return
    path = Path(source)
    try:
        if path.is_dir():
            for entry in _walk(path):
                if isinstance(entry, ReadError):
                    yield entry
                else:
                    yield from _read_file(entry, options)
        elif path.is_file():
            yield from _read_file(path, options)
        elif path.exists():
            yield ReadError(path, "not a regular file (a device, pipe or socket)")
        else:
            yield ReadError(path, "no such file or folder")
    except OSError as exc:  # e.g. a name too long
        yield ReadError(source, f"cannot read: {exc.strerror or exc}")


def kind_of(name: str, head: bytes) -> str:
    """The reader for a file: by its extension when known, else by its first bytes, else plain text."""
    return _kind_by_name(name) or _sniff(head) or "text"


def _kind_by_name(name: str) -> str | None:
    lower = name.lower()
    return next((kind for ext, kind in EXTENSIONS.items() if lower.endswith(ext)), None)


def _sniff(head: bytes) -> str | None:
    """WARC by its magic (inside gzip too), HTML by its doctype or root, a feed by its root element, JSON by ``{``."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return None
    if head.startswith(b"WARC/"):
        return "warc"
    start = _head_text(head).lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    if _FEED_ROOT.search(start[:1024]):
        return "feed"
    if start.startswith("{"):
        return "jsonl"
    return None


def _head_text(head: bytes) -> str:
    """Enough of the first bytes as text to see markup, whatever the encoding (UTF-16 by its mark)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("latin-1")


def _walk(folder: Path) -> Iterator[Path | ReadError]:
    """Files of known kinds under ``folder``, sorted, hidden files and folders skipped, symlinked folders not
    followed (no loops); then an error for each folder that could not be listed."""
    failures: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failures.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            file = Path(root, name)
            if not name.startswith(".") and _kind_by_name(name) and file.is_file():
                yield file
    for exc in failures:
        yield ReadError(exc.filename or folder, f"cannot list: {exc.strerror or exc}")


def _read_file(path: Path, options: Context) -> Iterator[Item]:
    try:
        with path.open("rb") as stream:
            kind = kind_of(path.name, stream.read(_SNIFF_BYTES))
            stream.seek(0)
            yield from READERS[kind](stream, replace(options, source=str(path), doc_id=_stem(path.name)))
    except OSError as exc:
        yield ReadError(path, f"cannot read: {exc.strerror or exc}")


def _stem(name: str) -> str:
    ext = next((ext for ext in EXTENSIONS if name.lower().endswith(ext)), Path(name).suffix)
    return name[: len(name) - len(ext)] if ext and name != ext else name


def _read_url(url: str, options: Context) -> Iterator[Item]:
    """Fetch one address and read the body by what it looks like, else by its content type."""
    try:
        page = fetch(url, allow_private=options.allow_private, client=options.client)
    except ReadError as exc:
        yield exc
        return
    kind = _sniff(page.data[:_SNIFF_BYTES]) or CONTENT_TYPES.get(page.mime, "feed" if page.mime else "text")
    ctx = replace(options, source=url, doc_id=slug(page.final_url), url=page.final_url, charset=page.charset)
    yield from READERS[kind](io.BytesIO(page.data), ctx)
