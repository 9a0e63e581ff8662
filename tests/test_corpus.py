"""The bundled sample corpus end to end: every record valid against the schema, every offset true."""
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

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
