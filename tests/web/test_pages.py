"""The dashboard's pages through FastAPI's TestClient: status, headers, escaping, and what each page shows."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from lading.api import data
from lading.api.app import CSP, create_app
from lading.api.pages import excerpt, pieces, quantity, snippet_parts

from .conftest import RAW_MARKUP, XSS_TITLE


class Page(HTMLParser):
    """The parts of a page the tests look at: tags with their attributes, the text, the text inside each <mark>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_parts: list[str] = []
        self.marks: list[dict] = []
        self._open_marks: list[dict] = []
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            mark = {"attrs": dict(attrs), "text": ""}
            self.marks.append(mark)
            self._open_marks.append(mark)

    def handle_endtag(self, tag):
        if tag == "mark" and self._open_marks:
            self._open_marks.pop()

    def handle_data(self, text):
        self.text_parts.append(text)
        for mark in self._open_marks:
            mark["text"] += text

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))


def entry_with(store, supplier: str, recipient: str, pick=lambda e: True) -> dict:
    found = [e for e in store.entries if e["supplier"]["country"] == supplier and e["recipient"]["country"] == recipient
             and pick(e)]
    assert found, f"no {supplier} → {recipient} entry in the corpus"
    return data.get_entry(store.engine, found[0]["id"])


@pytest.fixture(scope="module")
def pages(store) -> dict[str, str]:
    """Every kind of page, with the hostile article's entry and text in them where a page can show them."""
    first_prk = entry_with(store, "PRK", "RUS")
    return {
        "dashboard": "/",
        "dashboard filtered": "/?category=arms&flagged=1&since=2020-01-01&until=2025-12-31&min_sources=1&width=quantity",
        "timeline form": "/timeline",
        "timeline": "/timeline?a=RUS&b=PRK",
        "timeline hostile": "/timeline?a=IRN&b=RUS",
        "entry": f"/entries/{first_prk['id']}",
        "entry hostile": f"/entries/{store.xss_entry}",
        "article": f"/articles/{first_prk['evidence'][0]['article_id']}",
        "article hostile": f"/articles/{store.xss_article}",
        "article copy": f"/articles/{store.xss_copy}",
        "search": "/search?q=container",
        "search hostile": "/search?q=alert",
        "ingest": "/ingest",
    }


PAGE_NAMES = ["dashboard", "dashboard filtered", "timeline form", "timeline", "timeline hostile", "entry",
              "entry hostile", "article", "article hostile", "article copy", "search", "search hostile", "ingest"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_answers_with_the_security_headers(client, pages, name):
    response = client.get(pages[name])
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_page_holds_inline_code_or_styles(client, pages, name):
    """The CSP forbids inline scripts, handlers and styles: the pages must not need any."""
    page = Page(client.get(pages[name]).text)
    for tag, attrs in page.tags:
        assert tag != "style", f"{name}: a <style> block"
        assert "style" not in attrs, f"{name}: a style attribute on <{tag}>"
        assert not [a for a in attrs if a.startswith("on")], f"{name}: an event handler attribute on <{tag}> {attrs}"
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), f"{name}: an inline or foreign script"
        for link in ("href", "src"):
            value = (attrs.get(link) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:text")), f"{name}: {link}={value!r}"
            assert not value.startswith(("http://", "https://", "//")) or tag == "a", f"{name}: a foreign asset {value}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_stored_markup_is_never_sent_as_markup(client, pages, name):
    html = client.get(pages[name]).text
    for raw in RAW_MARKUP:
        assert raw not in html, f"{name}: {raw!r} sent unescaped"


@pytest.mark.parametrize("name", ["entry hostile", "article hostile", "article copy"])
def test_stored_markup_is_shown_as_text(client, pages, name):
    html = client.get(pages[name]).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    page = Page(html)
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)>" in page.text  # what a reader sees
    assert not [t for t, a in page.tags if t == "img"]


def test_search_snippets_show_markup_as_text(client, pages):
    html = client.get(pages["search hostile"]).text
    assert "&lt;script&gt;<mark>alert</mark>" in html  # the match is marked after the rest is escaped
    page = Page(html)
    assert "<script>alert('title')</script>" in page.text
    assert [m["text"] for m in page.marks] and {m["text"] for m in page.marks} == {"alert"}


def test_the_hostile_title_is_escaped_where_it_is_shown(client, store):
    for path in (f"/articles/{store.xss_article}", f"/entries/{store.xss_entry}", "/search?q=drones"):
        page = Page(client.get(path).text)
        assert XSS_TITLE in page.text, path
        assert ("script", {}) not in page.tags


@pytest.mark.parametrize("path", ["/entries/NOPE-XXX-arms-undated", "/entries/%3Cscript%3E", "/articles/999999",
                                  "/articles/abc", "/articles/-1"])
def test_unknown_entries_and_articles_are_404_pages(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    assert "Not found" in response.text
    assert "<script>" not in response.text


# ---------------------------------------------------------------- the dashboard

def test_dashboard_lists_every_entry_with_links(client, store):
    page = Page(client.get("/").text)
    rows = [a for t, a in page.tags if t == "tr" and a.get("data-entry-id")]
    assert {r["data-entry-id"] for r in rows} == {e["id"] for e in store.entries}
    links = {a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("/entries/")}
    assert {f"/entries/{e['id']}" for e in store.entries} <= links
    assert "/timeline?a=PRK&b=RUS" in {a.get("href") for t, a in page.tags if t == "a"}
    assert ("script", {"src": "/static/network.js", "defer": None}) in page.tags
    assert [a for t, a in page.tags if a.get("id") == "network" and a.get("data-api") == "/api/entries"]


def test_dashboard_filters_apply_without_javascript(client, store):
    page = Page(client.get("/?category=fuel").text)
    rows = [a["data-entry-id"] for t, a in page.tags if t == "tr" and a.get("data-entry-id")]
    fuel = [e["id"] for e in store.entries if e["category"] == "fuel"]
    assert rows == fuel and 0 < len(rows) < len(store.entries)
    selected = [a for t, a in page.tags if t == "option" and a.get("value") == "fuel"]
    assert "selected" in selected[0]
    flagged = Page(client.get("/?flagged=1").text)
    rows = [a["data-entry-id"] for t, a in flagged.tags if t == "tr" and a.get("data-entry-id")]
    assert rows == [e["id"] for e in store.entries if e["sanctions"]]


def test_dashboard_says_which_filter_it_could_not_read(client, store):
    response = client.get("/?since=yesterday&category=<b>x</b>&min_sources=-1")
    assert response.status_code == 200
    page = Page(response.text)
    assert "since: 'yesterday' is not a date" in page.text
    assert "unknown category '<b>x</b>'" in page.text
    assert "<b>x</b>" not in response.text
    rows = [a for t, a in page.tags if t == "tr" and a.get("data-entry-id")]
    assert len(rows) == len(store.entries)


# ---------------------------------------------------------------- the timeline

def test_timeline_shows_both_directions_in_time_order(client, store):
    page = Page(client.get("/timeline?a=rus&b=PRK").text)
    items = [a["data-entry-id"] for t, a in page.tags if t == "li" and a.get("data-entry-id")]
    pair = [e for e in store.entries if {e["supplier"]["country"], e["recipient"]["country"]} == {"RUS", "PRK"}]
    assert sorted(items) == sorted(e["id"] for e in pair)
    assert {e["supplier"]["country"] for e in pair} == {"RUS", "PRK"}
    times = [next(e["time"] for e in pair if e["id"] == i) for i in items]
    dated = [t for t in times if t]
    assert dated == sorted(dated) and times[:len(dated)] == dated, "dated first, in order; undated last"
    assert "Russia ⇄ North Korea" in page.text
    assert "CONSULT" in page.text and "SUPPORT" in page.text  # the seed's visit to Russia and congratulation
    assert f"/entries/{items[0]}" in {a.get("href") for t, a in page.tags if t == "a"}


def test_timeline_form_and_bad_codes(client):
    page = Page(client.get("/timeline").text)
    assert "Choose two countries" in page.text
    assert [a for t, a in page.tags if t == "select" and a.get("name") == "a"]
    assert "/timeline?a=PRK&b=RUS" in {a.get("href") for t, a in page.tags if t == "a"}
    bad = client.get("/timeline?a=<x>&b=RUS")
    assert bad.status_code == 200 and "is not a three-letter country code" in Page(bad.text).text
    assert "<x>" not in bad.text


# ---------------------------------------------------------------- an entry

def test_entry_shows_each_mention_in_its_article(client, store):
    entry = entry_with(store, "PRK", "RUS", lambda e: any(
        r.get("attribution") for m in data.get_entry(store.engine, e["id"])["evidence"] for r in m["records"]))
    page = Page(client.get(f"/entries/{entry['id']}").text)
    for mention in entry["evidence"]:
        assert (mention["title"] or mention["doc_id"]) in page.text
        assert ("a", {"href": f"/articles/{mention['article_id']}"}) in page.tags
        for record in mention["records"]:
            sentence = record["evidence"][0]["text"]
            assert any(re.sub(r"\s+", " ", sentence) == re.sub(r"\s+", " ", m["text"]) for m in page.marks), sentence
            names = [a["name"] for a in record.get("attribution") or []] + ["this article"]
            assert " → ".join(names) in page.text


def test_entry_source_chain_reads_as_a_chain(client, store):
    """The model case: the ministry, relayed by Time, relayed by this article."""
    entry = entry_with(store, "PRK", "RUS", lambda e: "South Korean Ministry of National Defense" in e["independent_sources"])
    page = Page(client.get(f"/entries/{entry['id']}").text)
    assert "South Korean Ministry of Defense → Time → this article" in page.text


def test_entry_evidence_sits_in_its_paragraph(client, store):
    entry = entry_with(store, "PRK", "RUS")
    article = data.get_article(store.engine, entry["evidence"][0]["article_id"])
    record = entry["evidence"][0]["records"][0]
    span = record["evidence"][0]
    page = Page(client.get(f"/entries/{entry['id']}").text)
    text = article["text"]
    before = text[max(0, span["start"] - 60):span["start"]].split("\n\n")[-1].strip()
    if before:
        assert re.sub(r"\s+", " ", before) in page.text


def test_entry_shows_flags_and_unverified_citations(client, store):
    entry = entry_with(store, "PRK", "RUS", lambda e: any(not s["verified"] for s in e["sanctions"]))
    page = Page(client.get(f"/entries/{entry['id']}").text)
    for flag in entry["sanctions"]:
        assert flag["rule"] in page.text and flag["reason"] in page.text
        assert (flag.get("basis") or flag.get("citation")) in page.text
    assert page.text.count("unverified citation") == sum(1 for s in entry["sanctions"] if not s["verified"])


def test_entry_shows_contradictions_side_by_side(client, store):
    disputed = [e for e in store.entries if e["contradictions"]]
    assert disputed, "the corpus has disputed entries"
    entry = disputed[0]
    page = Page(client.get(f"/entries/{entry['id']}").text)
    sides = [a for t, a in page.tags if t == "div" and a.get("class") == "side"]
    assert len(sides) == sum(len(c["sides"]) for c in entry["contradictions"])
    for c in entry["contradictions"]:
        for side in c["sides"]:
            value = side["value"] if isinstance(side["value"], str) else quantity(side["value"])
            assert value in page.text
            assert "; ".join(side["sources"]) in page.text


def test_entry_links_to_its_timeline(client, store):
    entry = store.entries[0]
    page = Page(client.get(f"/entries/{entry['id']}").text)
    href = f"/timeline?a={entry['supplier']['country']}&b={entry['recipient']['country']}"
    assert href in {a.get("href") for t, a in page.tags if t == "a"}


# ---------------------------------------------------------------- an article

def test_article_highlights_every_record_in_place(client, store):
    entry = entry_with(store, "PRK", "RUS")
    article = data.get_article(store.engine, entry["evidence"][0]["article_id"])
    page = Page(client.get(f"/articles/{article['id']}").text)
    marked = {int(i) for m in page.marks for i in (m["attrs"].get("data-record-id") or "").split()}
    assert marked == {r["id"] for r in article["transfers"]}
    marked_text = " ".join(m["text"] for m in page.marks)
    for record in article["transfers"]:
        for words in re.split(r"\s+", record["evidence"][0]["text"]):
            assert words in marked_text
    for mark in page.marks:
        assert "→" in mark["attrs"]["title"]
    # the text around the marks is the article's, in order
    body = "".join(page.text_parts)
    assert article["text"][article["body_start"]:].strip()[:200] in body


def test_article_records_link_to_their_ledger_entries(client, store):
    entry = entry_with(store, "PRK", "RUS")
    article_id = entry["evidence"][0]["article_id"]
    page = Page(client.get(f"/articles/{article_id}").text)
    linked = {a["href"].removeprefix("/entries/") for t, a in page.tags if t == "a" and a.get("href", "").startswith("/entries/")}
    citing = {e["id"] for e in store.entries
              if any(m["article_id"] == article_id for m in data.get_entry(store.engine, e["id"])["evidence"])}
    assert entry["id"] in linked and linked == citing


def test_every_entry_and_article_page_renders(client, store):
    paths = [f"/entries/{e['id']}" for e in store.entries]
    paths += [f"/articles/{a['id']}" for a in data.list_articles(store.engine, 1000, 0).items]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not any(raw in response.text for raw in RAW_MARKUP), path


def test_article_near_duplicate_note(client, store):
    page = Page(client.get(f"/articles/{store.xss_copy}").text)
    assert "near-duplicate" in page.text
    assert ("a", {"href": f"/articles/{store.xss_article}"}) in page.tags
    original = Page(client.get(f"/articles/{store.xss_article}").text)
    assert "near-duplicate of" not in original.text


# ---------------------------------------------------------------- search

def test_search_marks_the_matched_words(client):
    response = client.get("/search", params={"q": "container loads"})
    page = Page(response.text)
    assert page.marks and {m["text"].lower() for m in page.marks} <= {"container", "loads"}
    assert "[" not in "".join(m["text"] for m in page.marks)


def test_search_without_a_query_and_with_a_long_one(client):
    empty = Page(client.get("/search").text)
    assert [a for t, a in empty.tags if t == "input" and a.get("name") == "q"] and not empty.marks
    long = client.get("/search", params={"q": "x" * 300})
    assert long.status_code == 200 and "longer than 200 characters" in long.text


def test_search_pages(client):
    page = Page(client.get("/search", params={"q": "said"}).text)
    assert "next →" in page.text
    second = Page(client.get("/search", params={"q": "said", "offset": 20}).text)
    assert "← previous" in second.text


# ---------------------------------------------------------------- ingest

def test_ingest_form_when_a_token_is_set(client):
    page = Page(client.get("/ingest").text)
    assert [a for t, a in page.tags if a.get("id") == "ingest-form"]
    assert [a for t, a in page.tags if t == "input" and a.get("type") == "password" and a.get("name") == "token"]
    assert ("script", {"src": "/static/ingest.js", "defer": None}) in page.tags


def test_ingest_page_is_read_only_without_a_token(store, monkeypatch):
    monkeypatch.delenv("LADING_TOKEN", raising=False)
    with TestClient(create_app(store.engine)) as read_only:
        page = Page(read_only.get("/ingest").text)
    assert "read-only" in page.text
    assert not [a for t, a in page.tags if a.get("id") == "ingest-form" or t == "script"]


def test_static_files_are_served(client):
    for name, kind in (("lading.css", "text/css"), ("network.js", "javascript"), ("ingest.js", "javascript"),
                       ("favicon.svg", "image/svg+xml")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"], name


# ---------------------------------------------------------------- the text helpers

def test_pieces_split_overlapping_spans():
    text = "Alpha beta gamma delta."
    one = {"id": 1, "evidence": [{"start": 0, "end": 16, "text": "Alpha beta gamma"}], "trigger": {"start": 6, "end": 10, "text": "beta"}}
    two = {"id": 2, "evidence": [{"start": 11, "end": 22, "text": "gamma delta"}]}
    runs = pieces(text, [one, two])
    assert "".join(p.text for p in runs) == text
    assert [(p.text, p.record_ids) for p in runs] == [("Alpha beta ", "1"), ("gamma", "1 2"), (" delta", "2"), (".", "")]
    assert runs[0].parts == [("Alpha ", False), ("beta", True), (" ", False)]
    assert runs[0].anchor == "ev-0" and runs[1].anchor == "ev-11"


def test_pieces_find_evidence_whose_offsets_are_off():
    text = "One. Two three. Four."
    record = {"id": 5, "evidence": [{"start": 0, "end": 3, "text": "Two three."}]}
    runs = pieces(text, [record])
    assert [(p.text, bool(p.records)) for p in runs] == [("One. ", False), ("Two three.", True), (" Four.", False)]


def test_excerpt_keeps_the_paragraph_within_bounds():
    paragraph = ("word " * 200).strip()
    text = "Title\n\n" + paragraph + " The evidence sentence. " + paragraph + "\n\nNext paragraph."
    start = text.index("The evidence")
    record = {"evidence": [{"start": start, "end": start + 22, "text": "The evidence sentence."}]}
    cut = excerpt(text, record)
    shown = "".join(p.text for p in cut.pieces)
    assert "The evidence sentence." in shown and "Next paragraph" not in shown and "Title" not in shown
    assert cut.cut_before and cut.cut_after and len(shown) <= 22 + 2 * 400 + 2
    assert [p.text for p in cut.pieces if p.records] == ["The evidence sentence."]
    short = excerpt("Para one.\n\nShort one here.\n\nPara three.", {"evidence": [{"start": 11, "end": 15, "text": "Shor"}]})
    assert "".join(p.text for p in short.pieces) == "Short one here." and not short.cut_before and not short.cut_after


def test_snippet_parts_and_quantities():
    assert snippet_parts(" … sent [North] [Korea] fuel [x … ") == [
        (" … sent ", False), ("North", True), (" ", False), ("Korea", True), (" fuel [x … ", False)]
    assert quantity({"value": 9000, "unit": "container", "qualifier": "more_than"}) == "> 9,000 containers"
    assert quantity({"value": 2_000_000_000, "unit": "usd", "qualifier": "exact"}) == "$2 billion"
    assert quantity({"value": 1, "unit": "item"}) == "1 item"
    assert quantity(None) == ""
