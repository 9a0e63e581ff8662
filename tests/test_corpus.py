"""The bundled sample corpus end to end: every record valid against the schema, every offset true."""
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from lading.extract.pipeline import extract_many
from lading.ingest import read_source
from lading.model import Article

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def results():
    items = list(read_source(str(CORPUS)))
    assert len(items) == 90 and all(isinstance(a, Article) for a in items)
    return list(extract_many(items))


def test_every_record_is_valid_against_the_transfer_schema(results):
    schema = json.loads(resources.files("lading").joinpath("schema/transfer.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    records = [t.to_json() for r in results for t in r.transfers]
    assert records
    for record in records:
        validator.validate(record)


def test_every_event_record_is_valid_against_the_event_schema(results):
    base = resources.files("lading").joinpath("schema")
    transfer = json.loads(base.joinpath("transfer.schema.json").read_text(encoding="utf-8"))
    event = json.loads(base.joinpath("event.schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resources([("transfer.schema.json", Resource.from_contents(transfer))])
    validator = jsonschema.Draft202012Validator(event, registry=registry)
    records = [e.to_json() for r in results for e in r.events]
    assert {r["category"] for r in records} >= {"CONSULT", "SUPPORT"}
    for record in records:
        validator.validate(record)
        for span in record["evidence"]:
            article = next(r.article for r in results if r.article.doc_id == record["doc_id"])
            assert article.text[span["start"]:span["end"]] == span["text"]


def test_every_evidence_span_and_party_text_is_the_articles_own_text(results):
    for r in results:
        for t in r.transfers:
            for span in (*t.evidence, t.trigger):
                assert r.article.text[span.start:span.end] == span.text
            assert t.supplier.country != t.recipient.country


def test_the_bundled_schema_is_the_projects_record_format(results):
    schema = json.loads(resources.files("lading").joinpath("schema/transfer.schema.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["doc_id", "supplier", "recipient", "items", "certainty", "evidence"]


def test_the_seed_report(results):
    """The model case: North Korea's containers of ammunition and weapons to Russia, and what went back."""
    seed = next(r for r in results if r.article.doc_id == "000_2919c026d9be4a40")
    records = [t.to_json() for t in seed.transfers]
    by_key = {}
    for rec in records:
        for item in rec["items"]:
            by_key.setdefault((rec["supplier"]["country"], rec["recipient"]["country"], item["category"]), []).append(rec)
    assert {("PRK", "RUS", "ammunition"), ("PRK", "RUS", "arms"), ("RUS", "PRK", "aid"), ("RUS", "PRK", "fuel"),
            ("RUS", "PRK", "vehicles"), ("RUS", "PRK", "goods")} <= set(by_key)
    ammo = by_key[("PRK", "RUS", "ammunition")]
    assert {"value": 7000, "unit": "container"}.items() <= next(r["quantity"] for r in ammo if r["quantity"]).items()
    assert any(r["time"] and r["time"]["value"] == "2023" for r in ammo)
    assert any([a["name"] for a in r["attribution"]] == ["South Korean Ministry of Defense", "Time"] for r in ammo)
    assert {r["certainty"] for r in by_key[("RUS", "PRK", "fuel")]} >= {"hedged"}
    assert any(r["time"] and r["time"]["value"] == "2023-09" for r in by_key[("RUS", "PRK", "vehicles")])
    aid = by_key[("RUS", "PRK", "aid")][0]
    assert aid["quantity"]["value"] == 9000 and aid["quantity"]["qualifier"] == "more_than"


def test_the_seeds_political_events(results):
    """Kim Jong Un's visit to Russia last September (CONSULT, mode visit) and his congratulating Putin (SUPPORT)."""
    seed = next(r for r in results if r.article.doc_id == "000_2919c026d9be4a40")
    events = [e.to_json() for e in seed.events]
    visit = next(e for e in events if e["category"] == "CONSULT")
    assert visit["mode"] == "visit" and visit["actor"]["country"] == "PRK" and visit["recipient"]["country"] == "RUS"
    assert visit["time"]["value"] == "2023-09"
    congratulation = next(e for e in events if e["category"] == "SUPPORT")
    assert congratulation["actor"]["country"] == "PRK" and congratulation["recipient"]["country"] == "RUS"
    assert "congratulate" in congratulation["trigger"]["text"]
