"""Fetching: public addresses only unless allowed, redirects checked and capped, size, time and type bounded."""
import socket
from datetime import date

import httpx
import pytest

from lading.ingest.common import ReadError
from lading.ingest.url import fetch

from .conftest import VOA_URL, fatal, read_all


def test_the_loopback_host_is_refused_by_default(server: str):
    articles, [error] = read_all(f"{server}/story.html")
    assert articles == [] and error.path == f"{server}/story.html"
    assert "private/loopback" in error.reason and "127.0.0.1" in error.reason


def test_with_allow_private_a_page_is_fetched_and_extracted(server: str):
    [article], problems = read_all(f"{server}/story.html", allow_private=True)
    assert problems == [] and article.format == "html" and article.path == f"{server}/story.html"
    assert article.text.startswith("European military and political heads") and article.url == VOA_URL
    assert article.doc_id == "127-0-0-1-" + server.rsplit(":", 1)[1] + "-story"


def test_a_feed_is_read_by_its_content_even_when_labelled_html(server: str):
    for path in ("/feed.rss", "/feed-as-html"):
        articles, problems = read_all(server + path, allow_private=True)
        assert problems == [] and [a.title for a in articles] == ["Europe holds talks", "Gone story"]
        assert articles[0].text == "Summary: Europe weighs rearming." and articles[0].format == "feed"


def test_json_lines_by_content_type(server: str):
    [article], _ = read_all(f"{server}/lines", allow_private=True)
    assert article.doc_id == "a1" and article.format == "jsonl"


def test_fetch_links_reads_each_entry_page_and_falls_back_to_the_summary(server: str):
    articles, problems = read_all(f"{server}/feed.rss", allow_private=True, fetch_links=True)
    page, gone = articles
    assert page.text.startswith("European military and political heads") and page.format == "feed"
    assert page.title == "Europe holds high-level talks on rearming continent, boosting Ukraine aid"  # the page's own
    assert page.date == date(2025, 3, 11) and page.url == VOA_URL
    assert gone.text.startswith("Summary of a story whose page is gone") and gone.date == date(2025, 3, 12)
    [error] = problems
    assert error.path == f"{server}/missing" and error.reason == "HTTP 404 Not Found"


def test_redirects_are_followed_and_capped(server: str):
    assert fetch(f"{server}/redirect", allow_private=True).final_url == f"{server}/story.html"
    assert fetch(f"{server}/chain/5", allow_private=True).final_url == f"{server}/chain/0"
    with pytest.raises(ReadError, match="more than 5 redirects"):
        fetch(f"{server}/chain/6", allow_private=True)


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/missing", "HTTP 404"),
        ("/big", "larger than 10 MB"),
        ("/big-declared", "larger than 10 MB"),
        ("/photo.png", "content type image/png is not read"),
    ],
)
def test_refusals_name_the_address_and_the_reason(server: str, path: str, reason: str):
    articles, [error] = read_all(server + path, allow_private=True)
    assert articles == [] and error.path == server + path and reason in error.reason


def test_a_slow_server_times_out(server: str):
    with pytest.raises(ReadError, match=r"timed out after 0.5 s"):
        fetch(f"{server}/slow", allow_private=True, timeout=0.5)


@pytest.mark.parametrize("url", ["ftp://example.org/news.txt", "file:///etc/passwd", "http://"])
def test_other_schemes_and_broken_addresses(url: str):
    _, [error] = read_all(url)
    assert error.path == url and ("only http and https" in error.reason or "no host" in error.reason)


@pytest.fixture
def public_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """news.example looks public; the other names resolve to what an attacker would point them at."""
    answers = {"news.example": "93.184.215.14", "metadata.example": "169.254.169.254", "mapped.example": "::ffff:127.0.0.1",
               "multicast.example": "224.0.0.251", "cgnat.example": "100.64.0.1"}

    def getaddrinfo(host, *args, **kwargs):
        address = answers.get(host) or socket.gethostbyname(host)
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, 0))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def mock_client(routes: dict[str, httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(lambda request: routes[str(request.url)]))


def test_every_redirect_hop_is_checked(public_dns):
    client = mock_client({
        "http://news.example/story": httpx.Response(302, headers={"Location": "http://metadata.example/latest/"}),
    })
    with pytest.raises(ReadError) as exc:
        fetch("http://news.example/story", client=client)
    assert exc.value.path == "http://news.example/story"
    assert "redirected to http://metadata.example/latest/" in exc.value.reason and "169.254.169.254" in exc.value.reason


@pytest.mark.parametrize("host", ["metadata.example", "mapped.example", "multicast.example", "cgnat.example", "localhost"])
def test_non_public_addresses_are_refused(public_dns, host: str):
    with pytest.raises(ReadError, match="private/loopback"):
        fetch(f"http://{host}/", client=mock_client({}))


def test_a_public_host_is_fetched_with_the_given_client(public_dns):
    client = mock_client({"http://news.example/a": httpx.Response(200, headers={"Content-Type": "text/plain; charset=koi8-r"},
                                                                   content="Москва".encode("koi8-r"))})
    page = fetch("http://news.example/a", client=client)
    assert page.mime == "text/plain" and page.charset == "koi8-r"
    [article], problems = read_all("http://news.example/a", client=client)
    assert article.text == "Москва" and problems == []


def test_an_unresolvable_host_is_an_error():
    _, problems = read_all("http://no-such-host.invalid/story")
    assert len(fatal(problems)) == 1 and "cannot resolve no-such-host.invalid" in problems[0].reason
