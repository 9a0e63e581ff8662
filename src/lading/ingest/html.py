"""HTML: the story's main text as trafilatura finds it (no navigation, footer, comments or tables), with its
title, publication date, author and canonical URL.

The stored text IS the extracted text, paragraphs and headings separated by a blank line so that the
extractor's paragraph and heading rules work; offsets index it. Nothing is prepended.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from lxml import etree
from lxml import html as lxml_html

from lading.ingest.common import (
    Built,
    Context,
    Item,
    ReadError,
    emit,
    make_article,
    parse_date,
    read_whole,
)
from lading.ingest.decode import decode

if TYPE_CHECKING:
    from trafilatura.settings import Document

# trafilatura logs every page it rejects at WARNING/ERROR; without a handler of its own Python would print
# them all on stderr. A NullHandler keeps them quiet unless the application configures logging.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# elements that start a new paragraph: HTML's, and trafilatura's own (head, list, item, quote, row)
_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "figure", "figcaption",
    "blockquote", "pre", "address", "ul", "ol", "dl", "dt", "dd", "li", "table", "tr", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "head", "list", "item", "quote", "row",
})
_LINE_BREAKS = frozenset({"br", "lb"})
_SENTENCE_END = re.compile("[.!?\u2026][\"'\u201d\u2019)\\]]*\\Z")  # closing quotes and brackets may follow


def read_html(stream: BinaryIO, ctx: Context) -> Iterator[Item]:
    """The reader ``read_source`` uses for a page saved to a file or fetched."""
    yield from emit(ctx.source, lambda: html_article(read_whole(stream, ctx.source, "HTML extraction"), ctx))


def html_article(data: bytes, ctx: Context, *, fmt: str = "html", doc_id: str | None = None,
                 title: str | None = None, date: date | None = None, author: str | None = None) -> Built:
    """The article on one page. ``ctx.url``, ``title``, ``date`` and ``author`` stand in where the page names none
    (a WARC record's date, a feed entry's metadata); the id is ``ctx.doc_id`` (file stem, URL slug) unless given."""
    markup, warning = decode(data, ctx.source, ctx.charset or _meta_charset(data))
    page = _extract(markup, ctx.url, ctx.source)
    paragraphs = _paragraphs(page.body) if page is not None and page.body is not None else []
    if page is None or not any(map(_is_prose, paragraphs)):
        raise ReadError(ctx.source, "no article text found")
    article = make_article("\n\n".join(paragraphs), replace(ctx, url=page.url or ctx.url), fmt=fmt, doc_id=doc_id,
                           title=page.title or title, date=parse_date(page.date) or date, author=page.author or author)
    return article, warning


def _is_prose(paragraph: str) -> bool:
    """A sentence of five words or more. On a page without a story trafilatura falls back to whatever text
    there is, such as menu links ("Home World"); a story always has at least one such paragraph."""
    return len(paragraph.split()) >= 5 and bool(_SENTENCE_END.search(paragraph))


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _extract(markup: str, url: str | None, source: str) -> Document | None:
    """trafilatura's reading of the page; None when it finds no main text."""
    import trafilatura  # 0.3 s to import: loaded only once a page is read, not for text-only runs
    from trafilatura.settings import Document, set_date_params

    try:
        page = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=False,
            # dates from the page's markup and URL only: a date mentioned in the story is not its date
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # a third-party parser on untrusted markup fails in many ways
        raise ReadError(source, f"HTML extraction failed ({type(exc).__name__}: {exc})") from exc
    return page if isinstance(page, Document) else None


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment such as a feed entry's content: all of it, block by block.

    A fragment is already the story, with no page chrome to remove, so nothing is dropped but scripts
    and styles (trafilatura would also drop short fragments and lists).
    """
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):  # nothing parseable; ValueError: e.g. a NUL character
        return ""
    for element in root.xpath("//script|//style"):
        element.drop_tree()
    return "\n\n".join(_paragraphs(root))


def _paragraphs(root: etree._Element) -> list[str]:
    """The text under ``root``, split at block elements, whitespace collapsed, ``<br>`` kept as a line break.

    Iterative (lxml's iterwalk), so deeply nested markup cannot exhaust Python's recursion limit.
    """
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""  # comments and processing instructions
        if event == "start":
            parts.append("\n\n" if tag in _BLOCKS else "\n" if tag in _LINE_BREAKS else "")
            if tag:
                parts.append(_squash(element.text))
        else:
            parts.append("\n\n" if tag in _BLOCKS else "")
            if element is not root:
                parts.append(_squash(element.tail))
    paragraphs = ("\n".join(filter(None, (line.strip() for line in block.split("\n"))))
                  for block in "".join(parts).split("\n\n"))
    return [p for p in paragraphs if p]


def _squash(text: str | None) -> str:
    """Runs of whitespace (source line wraps included) as one space; only markup makes line breaks."""
    return re.sub(r"\s+", " ", text) if text else ""
