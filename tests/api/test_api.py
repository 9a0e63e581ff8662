"""The REST API: lists paged, filters validated with clear 4xx, the OpenAPI document, writes behind a token."""
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lading.api.app import create_app
from lading.store.db import connect
from lading.store.ingest import ingest

SEED = Path(__file__).resolve().parents[2] / "corpus" / "seed"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = connect(str(tmp_path_factory.mktemp("api") / "l.db"))
    ingest([str(SEED)], engine)
    return engine


@pytest.fixture(scope="module")
def client(engine):
    return TestClient(create_app(engine, token=""))


@pytest.fixture
def writer(tmp_path):
    engine = connect(str(tmp_path / "w.db"))
    return TestClient(create_app(engine, token="s3cret"))


def test_lists_are_paged(client):
    first = client.get("/api/entries", params={"limit": 3}).json()
    assert len(first["items"]) == 3 and first["total"] > 3 and first["next_offset"] == 3
    second = client.get("/api/entries", params={"limit": 3, "offset": 3}).json()
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])
    last = client.get("/api/entries", params={"limit": 1000}).json()
    assert last["next_offset"] is None and len(last["items"]) == last["total"]


def test_entries_take_the_ledgers_filters(client):
    items = client.get("/api/entries", params={"supplier": "prk", "category": "ammunition"}).json()["items"]
    assert items and {(e["supplier"]["country"], e["category"]) for e in items} == {("PRK", "ammunition")}
    flagged = client.get("/api/entries", params={"flagged": True}).json()["items"]
    assert flagged and all(e["sanctions"] for e in flagged)
    dated = client.get("/api/entries", params={"since": "2023-01-01", "until": "2023-12-31"}).json()["items"]
    assert dated and all(e["time"] is None or e["time"].startswith("2023") for e in dated)
    assert "evidence" not in items[0]


def test_an_entry_has_its_mentions_sources_and_flags(client):
    entry = client.get("/api/entries/PRK-RUS-ammunition-2023").json()
    assert entry["supplier"]["country"] == "PRK" and entry["independent_sources"]
    assert entry["evidence"][0]["records"][0]["evidence"][0]["text"]
    assert entry["sanctions"][0]["basis"].startswith("S/RES/")
    assert client.get("/api/entries/NOPE").status_code == 404


def test_articles_and_transfers_follow_the_transfer_schema(client):
    page = client.get("/api/articles").json()
    assert page["total"] == 1 and page["items"][0]["transfers"] > 0
    article = client.get(f"/api/articles/{page['items'][0]['id']}").json()
    for record in article["transfers"]:
        for span in record["evidence"]:
            assert article["text"][span["start"]:span["end"]] == span["text"]
    records = client.get("/api/transfers", params={"supplier": "RUS", "category": "fuel"}).json()["items"]
    assert records and all(r["supplier"]["country"] == "RUS" and "fuel" in {i["category"] for i in r["items"]} for r in records)
    assert client.get("/api/articles/999").status_code == 404


def test_events_of_the_stored_article_are_a_paged_list(client):
    page = client.get("/api/events").json()
    assert (page["total"], page["limit"], page["offset"], page["next_offset"]) == (len(page["items"]), 50, 0, None)
    visit = next(e for e in page["items"] if e["category"] == "CONSULT")
    assert (visit["actor"]["country"], visit["recipient"]["country"], visit["time"]["value"]) == ("PRK", "RUS", "2023-09")
    assert client.get("/api/events", params={"limit": 1}).json()["next_offset"] == (1 if page["total"] > 1 else None)


def test_search_finds_article_text_and_survives_odd_queries(client):
    hits = client.get("/api/search", params={"q": "container loads"}).json()
    assert hits["total"] == 1 and "[" in hits["items"][0]["snippet"]
    for odd in ['"', "NEAR(", "a OR", "*", "-"]:
        assert client.get("/api/search", params={"q": odd}).status_code == 200


@pytest.mark.parametrize("path, params", [
    ("/api/entries", {"supplier": "North Korea"}),
    ("/api/entries", {"category": "weapons"}),
    ("/api/entries", {"since": "last year"}),
    ("/api/entries", {"since": "2024-01-01", "until": "2023-01-01"}),
    ("/api/entries", {"limit": 0}),
    ("/api/transfers", {"certainty": "disputed"}),
    ("/api/search", {"q": ""}),
])
def test_bad_input_is_a_clear_422(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422 and response.json()["detail"]


def test_every_answer_carries_a_content_security_policy(client):
    for path in ("/api/entries", "/api/articles", "/openapi.json"):
        assert "default-src 'self'" in client.get(path).headers["content-security-policy"]


def test_the_openapi_document_describes_every_route(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/articles", "/api/articles/{article_id}", "/api/transfers", "/api/events", "/api/entries",
            "/api/entries/{entry_id}", "/api/search", "/api/ingest"} <= set(doc["paths"])
    params = {p["name"] for p in doc["paths"]["/api/entries"]["get"]["parameters"]}
    assert {"supplier", "recipient", "category", "since", "until", "flagged", "min_sources", "limit", "offset"} <= params


def test_without_a_token_the_server_is_read_only(client):
    response = client.post("/api/ingest", json={"text": "Iran shipped drones to Russia."})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


def test_writes_need_the_right_bearer_token(writer):
    body = {"text": "Iran shipped hundreds of attack drones to Russia last year, officials said.", "date": "2024-05-01"}
    assert writer.post("/api/ingest", json=body).status_code == 401
    assert writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["new"] == 1 and ok.json()["records"] >= 1
    (article_id,) = ok.json()["article_ids"]
    assert writer.get(f"/api/articles/{article_id}").json()["transfers"][0]["supplier"]["country"] == "IRN"
    assert writer.get("/api/entries", params={"supplier": "IRN"}).json()["total"] == 1  # the ledger was brought up to date
    again = writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"}).json()
    assert again["new"] == 0 and again["identical"] == 1


def test_ingest_input_is_validated(writer):
    headers = {"Authorization": "Bearer s3cret"}
    assert writer.post("/api/ingest", json={}, headers=headers).status_code == 422
    assert writer.post("/api/ingest", json={"text": "x", "url": "https://example.org"}, headers=headers).status_code == 422
    assert writer.post("/api/ingest", json={"url": "file:///etc/passwd"}, headers=headers).status_code == 422


def test_posting_a_loopback_address_is_refused_unless_the_server_allows_private(writer):
    result = writer.post("/api/ingest", json={"url": "http://127.0.0.1:9/story"}, headers={"Authorization": "Bearer s3cret"}).json()
    assert result["failed"] == 1 and "private/loopback" in result["problems"][0]
