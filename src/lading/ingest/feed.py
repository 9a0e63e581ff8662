"""RSS and Atom feeds: every entry becomes an article, from the full content when the feed carries it.

Many feeds carry only a summary; with ``fetch_links`` each entry's page is fetched and extracted instead,
falling back to the summary when the page cannot be had.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any, BinaryIO

import feedparser

from lading.ingest.common import (
    Built,
    Context,
    Item,
    ReadError,
    ReadWarning,
    emit,
    make_article,
    parse_date,
    read_whole,
    slug,
)
from lading.ingest.html import fragment_text, html_article
from lading.ingest.url import fetch


def read_feed(stream: BinaryIO, ctx: Context) -> Iterator[Item]:
    """Each entry of an RSS 1.0/2.0 or Atom feed, in feed order. A feed that is not well-formed but still
    has entries gives them, after a warning; one with no entries is a single error."""
    try:
        parsed = _parse(read_whole(stream, ctx.source, "a feed"), ctx.source)
    except ReadError as exc:
        yield exc
        return
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries:
        yield ReadError(ctx.source, f"not a feed ({problem})" if problem else "a feed with no entries")
        return
    if problem:
        yield ReadWarning(ctx.source, f"feed is not well-formed ({problem}); its entries were read anyway")
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        key = link or entry.get("id")
        doc_id = slug(key) if key else f"{ctx.doc_id}-{n}"  # the link's slug, as the page read on its own gets
        meta = {"doc_id": doc_id, "title": entry.get("title"), "date": _entry_date(entry), "author": entry.get("author")}
        if ctx.fetch_links and link and (yield from emit(link, partial(_linked_article, link, ctx, meta))):
            continue
        yield from emit(f"{ctx.source}#entry {n}", partial(_entry_article, entry, replace(ctx, url=link), meta))


def _parse(data: bytes, source: str) -> feedparser.FeedParserDict:
    try:
        # bytes must go in as a stream: feedparser opens a str as a URL and tries bytes as a file name
        return feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # it catches most of its own errors, not all (an undecodable encoding="…" name)
        raise ReadError(source, f"not a feed ({type(exc).__name__}: {exc})") from exc


def _entry_article(entry: Any, ctx: Context, meta: dict[str, Any]) -> Built:
    """The entry's own text: its first non-empty content element, else its summary; HTML made plain."""
    candidates: list[dict[str, Any]] = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    detail = next((c for c in candidates if (c.get("value") or "").strip()), {})
    value = detail.get("value") or ""
    text = value.strip() if detail.get("type") == "text/plain" else fragment_text(value)
    return make_article(text, ctx, fmt="feed", **meta), None


def _linked_article(link: str, ctx: Context, meta: dict[str, Any]) -> Built:
    """The page the entry links to; the feed's metadata fills what the page does not say."""
    page = fetch(link, allow_private=ctx.allow_private, client=ctx.client)
    page_ctx = replace(ctx, source=link, url=page.final_url, charset=page.charset)
    return html_article(page.data, page_ctx, fmt="feed", **meta)


def _entry_date(entry: Any) -> date | None:
    """Published, else updated; read from the dict itself, as feedparser's own ``entry["updated"]`` falls back
    to the published date with a DeprecationWarning."""
    return parse_date(dict.get(entry, "published")) or parse_date(dict.get(entry, "updated"))
