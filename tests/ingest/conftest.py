"""Shared fixtures for the readers: the sample files, a WARC builder, and a loopback web server."""
from __future__ import annotations

import contextlib
import io
import threading
import time
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from lading.ingest import ReadError, read_source
from lading.model import Article

DATA = Path(__file__).parents[1] / "data" / "ingest"
VOA_PAGE = (DATA / "voa-europe-rearming.html").read_bytes()
VOA_URL = "https://www.voanews.com/a/europe-holds-high-level-talks-on-rearming-continent-boosting-ukraine-aid/8007271.html"


def read_all(source: str | Path, **options) -> tuple[list[Article], list[ReadError]]:
    """Articles and problems (errors and warnings) from one source, asserting the stream holds nothing else."""
    articles, problems = [], []
    for item in read_source(str(source), **options):
        assert isinstance(item, (Article, ReadError)), item
        (articles if isinstance(item, Article) else problems).append(item)
    return articles, problems


def fatal(problems: Iterable[ReadError]) -> list[ReadError]:
    return [p for p in problems if p.fatal]


def warc_bytes(records: list[tuple[str, str, str, bytes]], *, gzip: bool = True) -> bytes:
    """A WARC of ``(type, uri, content type, body)`` records, written with warcio as a crawler would."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for rec_type, uri, content_type, body in records:
        if rec_type == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.voanews.com")], is_http_request=True)
        else:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body), http_headers=http,
                                           warc_headers_dict={"WARC-Date": "2025-03-12T08:00:00Z"})
        writer.write_record(record)
    return out.getvalue()


RSS_AT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback news</title><link>{base}/</link><description>test</description>
<item><title>Europe holds talks</title><link>{base}/story.html</link><pubDate>Tue, 11 Mar 2025 20:46:45 +0000</pubDate>
<description>Summary: Europe weighs rearming.</description></item>
<item><title>Gone story</title><link>{base}/missing</link><pubDate>Wed, 12 Mar 2025 09:00:00 +0000</pubDate>
<description>Summary of a story whose page is gone: Iran shipped drones to Russia.</description></item>
</channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    """Routes for the fetch tests; each answers as a real server would, including the misbehaving ones."""

    def do_GET(self) -> None:  # http.server's name for it
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/story.html":
            self._send(200, "text/html; charset=utf-8", VOA_PAGE)
        elif path == "/feed.rss":
            self._send(200, "application/rss+xml", RSS_AT.format(base=base).encode())
        elif path == "/feed-as-html":  # servers often mislabel feeds
            self._send(200, "text/html", RSS_AT.format(base=base).encode())
        elif path == "/lines":
            self._send(200, "application/x-ndjson", b'{"id": "a1", "text": "Iran shipped drones to Russia."}\n')
        elif path == "/redirect":
            self._send(302, "text/html", b"", location="/story.html")
        elif path.startswith("/chain/"):  # /chain/N: N redirects, then the story
            hops = int(path.rsplit("/", 1)[1])
            if hops:
                self._send(301, "text/html", b"", location=f"/chain/{hops - 1}")
            else:
                self._send(200, "text/html", VOA_PAGE)
        elif path == "/big":  # no Content-Length: only counting the stream can stop it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_000 + b"</p>"
            for _ in range(11 * 1024 * 1024 // len(chunk) + 1):
                try:
                    self.wfile.write(chunk)
                except OSError:  # the client stopped reading, as it should
                    return
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif path == "/photo.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", VOA_PAGE)
        else:
            self._send(404, "text/html", b"<html><body><h1>Not Found</h1></body></html>")

    def _send(self, status: int, content_type: str, body: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        with contextlib.suppress(OSError):  # the client may hang up first, as the size-cap tests make it
            self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Base URL of a web server on 127.0.0.1 (a loopback address, so fetching it needs allow_private)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
