"""WARC web archives (plain or gzip): every successful HTML response becomes an article; other records are skipped.

Crawlers (Heritrix, wget --warc-file, browsertrix, Common Crawl) deliver news this way. A damaged archive
cannot be resynchronized, so the first truncated or corrupt record ends the file with one error naming the
record and its byte offset; the articles before it are still yielded. warcio reads a cut-off record without
complaint, so completeness is checked here: each record against its Content-Length, the file against its end.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from lading.ingest.common import (
    MAX_BYTES,
    Built,
    Context,
    Item,
    ReadError,
    charset_of,
    emit,
    mime_of,
    parse_date,
    slug,
    too_large,
)
from lading.ingest.html import html_article

_HTML = ("text/html", "application/xhtml+xml")


class _Damaged(Exception):
    """A record that ends before its Content-Length, or bytes after the last record that are no record."""


def read_warc(stream: BinaryIO, ctx: Context) -> Iterator[Item]:
    """The articles in an archive, in record order."""
    archive = ArchiveIterator(stream)
    records = iter(archive)
    n = 0
    while True:
        where, start = f"{ctx.source}#record {n + 1}", archive.offset  # the previous record was read to its end
        try:
            record = next(records, None)
            if record is None:
                if archive.offset < stream.seek(0, io.SEEK_END):
                    raise _Damaged("the last record is cut off or followed by bytes that are no record")
                if n == 0:
                    yield ReadError(ctx.source, "no WARC records")
                return
            n += 1
            payload = record.content_stream().read(MAX_BYTES + 1) if _is_html_page(record) else None
            archive.read_to_end()
            if getattr(record.raw_stream, "limit", 0) > 0:  # LimitReader: bytes still owed to Content-Length
                raise _Damaged("the record ends before its Content-Length")
        except Exception as exc:  # noqa: BLE001 — warcio signals damage with ArchiveLoadFailed, zlib.error, EOFError…
            detail = " ".join(str(exc).split())[:200] or type(exc).__name__
            yield ReadError(where, f"truncated or corrupt (the record at byte {start}): {detail}; "
                                   "the rest of the file is not read")
            return
        if payload is not None:
            yield from emit(where, partial(_record_article, payload, record, ctx))


def _is_html_page(record: Any) -> bool:
    """A successful (2xx) HTTP response whose body is HTML."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return False
    return mime_of(headers.get_header("Content-Type")) in _HTML and (headers.get_statuscode() or "").startswith("2")


def _record_article(payload: bytes, record: Any, ctx: Context) -> Built:
    if len(payload) > MAX_BYTES:
        raise too_large(ctx.source, "HTML extraction")
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    key = uri or record.rec_headers.get_header("WARC-Record-ID") or ""
    page_ctx = replace(ctx, url=uri, charset=charset_of(record.http_headers.get_header("Content-Type")))
    return html_article(payload, page_ctx, fmt="warc", doc_id=slug(key) if key else None,
                        date=parse_date(record.rec_headers.get_header("WARC-Date")))

