"""Whatever bytes arrive, every reader yields only Articles and ReadErrors, quickly, and never raises."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lading.ingest import read_source
from lading.ingest.common import ReadError
from lading.ingest.decode import decode
from lading.model import Article

from .conftest import warc_bytes

# LADING_FUZZ_EXAMPLES=5000 for a longer campaign than the suite's quick one
FUZZ = settings(max_examples=int(os.environ.get("LADING_FUZZ_EXAMPLES", "60")), deadline=2000,
                suppress_health_check=[HealthCheck.too_slow])
EXTENSIONS = [".txt", ".html", ".rss", ".warc", ".warc.gz", ".jsonl", ".bin"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check(path: Path, data: bytes) -> list[Article | ReadError]:
    """Write ``data``, read it, and hold every item to the readers' contract."""
    path.write_bytes(data)
    items = list(read_source(str(path)))
    for item in items:
        assert isinstance(item, (Article, ReadError)), item
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip() and item.text[:] == item.text
            assert item.doc_id and 0 <= item.body_start <= len(item.text)
            item.text.encode("utf-8")  # storable and printable: no unpaired surrogates
        else:
            assert item.path.startswith(str(path)) and item.reason
    return items


@FUZZ
@given(data=st.binary(max_size=3000), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_in_any_kind_of_file(folder: Path, data: bytes, ext: str):
    check(folder / f"input{ext}", data)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_decode_returns_text_or_raises_read_error(data: bytes):
    try:
        text, warning = decode(data, "x")
    except ReadError:
        return
    assert text.strip() and (warning is None or "Windows-1252" in warning)


_TAGS = ["p", "div", "article", "nav", "script", "style", "h1", "ul", "li", "br", "table", "td", "a", "!--", "html",
         "body", "head", "title", "meta charset='koi8-r'", "link rel='canonical' href='http://x/'", "time datetime='2024-13-45'"]
markup = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
                            st.sampled_from(_TAGS).map(lambda t: f"</{t.split()[0]}>")), max_size=60).map("".join)


@FUZZ
@given(body=markup)
def test_arbitrary_markup_as_html(folder: Path, body: str):
    check(folder / "page.html", ("<!doctype html><html><body>" + body).encode("utf-8", "surrogatepass"))


@FUZZ
@given(title=st.text(max_size=30), text=markup, link=st.text(max_size=30), when=st.text(max_size=30))
def test_arbitrary_text_inside_a_feed(folder: Path, title: str, text: str, link: str, when: str):
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>{title}</title>"
            f"<link>{link}</link><pubDate>{when}</pubDate><description>{text}</description></item></channel></rss>")
    check(folder / "feed.rss", feed.encode("utf-8", "surrogatepass"))


_json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=8)
_record = st.dictionaries(st.sampled_from(["text", "title", "date", "published", "url", "id", "section", "author"]),
                          _json_value | st.text(max_size=40), max_size=8).map(json.dumps)


@FUZZ
@given(lines=st.lists(st.one_of(_record, st.text(max_size=60)), max_size=8))
def test_arbitrary_json_lines(folder: Path, lines: list[str]):
    check(folder / "lines.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000), flip=st.integers(min_value=0, max_value=10_000),
       compressed=st.booleans())
def test_cut_and_corrupted_archives(folder: Path, cut: int, flip: int, compressed: bool):
    page = b"<html><body><article><p>Iran has shipped attack drones to Russia, officials said.</p></article></body></html>"
    data = bytearray(warc_bytes([("response", "https://example.org/a", "text/html", page),
                                 ("response", "https://example.org/b", "text/html", page)], gzip=compressed))
    data = data[: cut % (len(data) + 1)]
    if data:
        data[flip % len(data)] ^= 0x5A
    check(folder / "crawl.warc", bytes(data))
