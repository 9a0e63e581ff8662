"""Web archives: HTML responses become articles; a damaged archive gives what it can, then one error."""
import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from .conftest import DATA, VOA_PAGE, VOA_URL, read_all, warc_bytes

STATE_URL = "https://www.state.gov/additional-314-million-for-u-s-humanitarian-response-to-the-venezuela-regional-crisis/"
RECORDS = [
    ("response", VOA_URL, "text/html; charset=utf-8", VOA_PAGE),
    ("response", "https://www.voanews.com/Content/responsive/VOA/en-US/VOA-en-US.css", "text/css", b"body{margin:0}"),
    ("request", STATE_URL, "", b""),
    ("response", STATE_URL, "text/html", (DATA / "state-dept-venezuela.html").read_bytes()),
]


@pytest.mark.parametrize("compressed", [True, False])
def test_html_responses_become_articles_and_other_records_are_skipped(tmp_path: Path, compressed: bool):
    archive = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    archive.write_bytes(warc_bytes(RECORDS, gzip=compressed))
    articles, problems = read_all(archive)
    assert problems == [] and len(articles) == 2
    voa, state = articles
    assert voa.text.startswith("European military and political heads") and voa.format == "warc"
    assert voa.url == VOA_URL and voa.date == date(2025, 3, 11)  # the page's own date, not the crawl's
    assert voa.doc_id == "voanews-com-a-europe-holds-high-level-talks-on-rearming-continent-boosting-ukraine-aid-8007271"
    assert voa.path == str(archive)
    assert state.url == STATE_URL and state.date == date(2025, 3, 12)  # no date on the page: WARC-Date
    assert "nearly $314 million in new humanitarian" in state.text


def test_a_truncated_archive_yields_the_articles_before_the_cut_then_one_error(tmp_path: Path):
    data = warc_bytes(RECORDS)
    records = ArchiveIterator(io.BytesIO(data))
    last_start = [records.get_record_offset() for _ in records][3]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: (last_start + len(data)) // 2])  # in the middle of the fourth record
    articles, [error] = read_all(cut)
    assert [a.url for a in articles] == [VOA_URL]
    assert error.path == f"{cut}#record 4" and error.fatal
    assert "truncated or corrupt" in error.reason and f"at byte {last_start})" in error.reason


def test_a_record_cut_short_in_a_plain_warc_is_caught_too(tmp_path: Path):
    data = warc_bytes(RECORDS, gzip=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 500])
    articles, [error] = read_all(cut)
    assert len(articles) == 1 and error.path == f"{cut}#record 4" and "Content-Length" in error.reason


def test_a_gzip_file_that_is_no_warc_and_a_file_that_is_no_archive(tmp_path: Path):
    not_warc = tmp_path / "notes.warc.gz"
    not_warc.write_bytes(gzip.compress(b"just some notes\n"))
    _, [error] = read_all(not_warc)
    assert error.path == f"{not_warc}#record 1" and "truncated or corrupt" in error.reason
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    _, [error] = read_all(empty)
    assert error.reason == "no WARC records"


def test_a_gzipped_warc_with_another_name_is_found_by_its_content(tmp_path: Path):
    archive = tmp_path / "download.bin"
    archive.write_bytes(warc_bytes(RECORDS[:1]))
    [article], _ = read_all(archive)
    assert article.format == "warc"


def test_a_non_2xx_response_is_skipped(tmp_path: Path):
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(warc_bytes(RECORDS[:1], gzip=False).replace(b"HTTP/1.1 200 OK", b"HTTP/1.1 404 NF"))
    assert read_all(archive) == ([], [])
