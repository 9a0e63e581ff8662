"""Fetching one web address with limits: http(s) only, public addresses only, bounded size, time and redirects.

Addresses come from users and from feeds anyone can write. Without these limits a link could make Lading
read a cloud metadata service or an intranet page (server-side request forgery), download a disk image,
or wait forever on a server that sends a byte a minute.

Known gap: the address check resolves the host itself, and httpx resolves it again to connect, so a DNS
server that answers differently the second time (DNS rebinding) can get past it; where that matters, run
behind a firewall that blocks private ranges.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass

import httpx

from lading.ingest.common import MAX_BYTES, ReadError, charset_of, mime_of

# what news arrives as: pages, feeds, plain text, JSON (Lines)
CONTENT_TYPES = frozenset({
    "text/html", "application/xhtml+xml",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "text/plain",
    "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
})
_HEADERS = {
    "User-Agent": "lading/0.1 (news transfer ledger)",
    "Accept": "text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, "
              "application/x-ndjson;q=0.8, application/json;q=0.8",
}


@dataclass(frozen=True)
class Fetched:
    """A response body that passed every check."""

    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str  # the header as sent; "" when the server sent none
    data: bytes

    @property
    def mime(self) -> str:
        return mime_of(self.content_type)

    @property
    def charset(self) -> str | None:
        return charset_of(self.content_type)


def fetch(url: str, *, allow_private: bool = False, client: httpx.Client | None = None, max_bytes: int = MAX_BYTES,
          max_redirects: int = 5, timeout: float = 10.0) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` redirects and checking the address at every hop;
    raises ReadError naming ``url`` and the reason. ``timeout`` bounds the whole exchange, body included."""
    deadline = time.monotonic() + timeout
    http = client or httpx.Client(headers=_HEADERS)
    try:
        current = url
        for _ in range(max_redirects + 1):
            _check_address(current, url, allow_private)
            remaining = max(deadline - time.monotonic(), 0.001)
            with http.stream("GET", current, follow_redirects=False, timeout=remaining) as response:
                if response.is_redirect:
                    current = str(response.url.join(response.headers["location"]))
                    continue
                if not response.is_success:
                    raise ReadError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                content_type = response.headers.get("content-type", "")
                mime = mime_of(content_type)
                if mime and mime not in CONTENT_TYPES:
                    raise ReadError(url, f"content type {mime} is not read (HTML, feeds, text and JSON are)")
                return Fetched(url, str(response.url), content_type, _body(response, url, max_bytes, deadline, timeout))
        raise ReadError(url, f"more than {max_redirects} redirects")
    except httpx.TimeoutException as exc:
        raise ReadError(url, f"timed out after {timeout:g} s") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise ReadError(url, f"cannot fetch: {exc}") from exc
    finally:
        if client is None:
            http.close()


def _check_address(target: str, url: str, allow_private: bool) -> None:
    """Refuse other schemes and, unless allowed, hosts that resolve to any non-public address."""
    hop = "" if target == url else f"redirected to {target}: "
    parsed = httpx.URL(target)
    if parsed.scheme not in ("http", "https"):
        raise ReadError(url, f"{hop}only http and https addresses are fetched")
    if not parsed.host:
        raise ReadError(url, f"{hop}no host in the address")
    if allow_private:
        return
    host = parsed.raw_host.decode("ascii")  # IDNA-encoded already
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise ReadError(url, f"{hop}cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])  # drop an IPv6 zone ("fe80::1%eth0")
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise ReadError(url, f"{hop}refused: {host} is a private/loopback or otherwise non-public address "
                                 f"({address}); --allow-private permits it")


def _body(response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The decoded body, refused as soon as it passes ``max_bytes`` or the deadline (never held whole first)."""
    too_large = ReadError(url, f"larger than {max_bytes / 2**20:g} MB")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        if time.monotonic() > deadline:
            raise ReadError(url, f"timed out after {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
