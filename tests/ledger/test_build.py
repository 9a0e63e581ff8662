"""Ledger entries from stored records: merging by time, mentions per article, independent sources, certainty,
contradictions."""
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from lading.cli import app
from lading.ledger import StoredRecord, build_ledger, select
from lading.store.db import connect
from lading.store.ingest import ingest
from lading.store.read import stored_records

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DATA = Path(__file__).resolve().parents[1] / "data" / "ledger"


def record(supplier="PRK", recipient="RUS", category="ammunition", time=None, chain=(), certainty=None, quantity=None):
    chain = [{"name": n, "country": None, "kind": "government"} for n in chain]
    return {
        "supplier": {"name": supplier, "country": supplier, "kind": "state"},
        "recipient": {"name": recipient, "country": recipient, "kind": "state"},
        "items": [{"text": category, "category": category, "hs_code": None}],
        "quantity": quantity, "time": {"value": time, "text": time} if time else None, "attribution": chain,
        "certainty": certainty or ("reported" if chain else "asserted"), "evidence": [{"start": 0, "end": 1, "text": "x"}],
    }


def stored(article_id, rec, duplicate_of=None, published=date(2024, 3, 18)):
    return StoredRecord(article_id, f"doc{article_id}", None, published, None, duplicate_of, rec)


def test_compatible_times_merge_and_years_that_differ_do_not():
    entries = build_ledger([stored(1, record(time="2023")), stored(2, record(time="2023-09")), stored(3, record(time="2019"))])
    assert sorted((e.id, len(e.mentions)) for e in entries) == [("PRK-RUS-ammunition-2019", 1), ("PRK-RUS-ammunition-2023", 2)]


def test_an_undated_record_is_kept_in_the_flows_undated_entry():
    entries = build_ledger([stored(1, record(time="2023")), stored(2, record())])
    assert {e.id for e in entries} == {"PRK-RUS-ammunition-2023", "PRK-RUS-ammunition-undated"}


def test_an_articles_records_of_one_entry_are_one_mention():
    entries = build_ledger([stored(1, record(time="2023")), stored(1, record(time="2023", chain=["Ministry"]))])
    assert len(entries) == 1 and len(entries[0].mentions) == 1 and len(entries[0].mentions[0].records) == 2


def test_independent_sources_are_chain_roots_not_the_outlets_relaying_them():
    entries = build_ledger([
        stored(1, record(time="2023", chain=["South Korean defense ministry", "Time"])),
        stored(2, record(time="2023", chain=["South Korean Defence Ministry", "UPI"])),
        stored(3, record(time="2023", chain=["US government"])),
    ])
    assert len(entries[0].mentions) == 3
    assert entries[0].sources == ("South Korean defense ministry", "US government")


def test_an_articles_own_voice_counts_once_and_a_near_copy_counts_as_its_original():
    entries = build_ledger([stored(1, record(time="2023")), stored(2, record(time="2023"), duplicate_of=1),
                            stored(3, record(time="2023"))])
    assert len(entries[0].sources) == 2  # article 1 (and its copy 2), article 3


def test_own_voice_in_an_article_that_names_a_source_repeats_that_source():
    entries = build_ledger([stored(1, record(time="2023")), stored(1, record(time="2023", chain=["Seoul"]))])
    assert entries[0].sources == ("Seoul",)


def test_certainty_of_an_entry():
    def certainty(*values):
        return build_ledger([stored(i, record(time="2023", certainty=v)) for i, v in enumerate(values)])[0].certainty

    assert certainty("asserted", "denied") == "disputed"
    assert certainty("denied", "denied") == "denied"
    assert certainty("hedged", "reported") == "reported"


def test_quantities_that_disagree_beyond_tolerance_are_a_contradiction_with_their_sides():
    q7000 = {"value": 7000, "unit": "container", "qualifier": "exact", "text": "7,000 containers"}
    q6700 = {"value": 6700, "unit": "container", "qualifier": "approx", "text": "about 6,700 containers"}
    q7050 = {"value": 7050, "unit": "container", "qualifier": "exact", "text": "7,050 containers"}
    entry = build_ledger([stored(1, record(time="2023", chain=["A"], quantity=q7000)),
                          stored(2, record(time="2023", chain=["B"], quantity=q6700))])[0]
    (c,) = entry.contradictions
    assert c.field == "quantity" and {(s.value, s.sources) for s in c.sides} == {("7,000 containers", ("A",)), ("about 6,700 containers", ("B",))}
    close = build_ledger([stored(1, record(time="2023", quantity=q7000)), stored(2, record(time="2023", quantity=q7050))])[0]
    assert close.contradictions == ()
    more_than = {"value": 9000, "unit": "container", "qualifier": "more_than", "text": "more than 9,000"}
    above = {"value": 9500, "unit": "container", "qualifier": "exact", "text": "9,500"}
    assert build_ledger([stored(1, record(time="2023", quantity=more_than)), stored(2, record(time="2023", quantity=above))])[0].contradictions == ()


def test_a_near_copy_that_gives_another_year_joins_its_original_with_a_time_contradiction():
    entries = build_ledger([stored(1, record(time="2023")), stored(2, record(time="2019"), duplicate_of=1)])
    assert len(entries) == 1
    assert [c.field for c in entries[0].contradictions] == ["time"]


def test_filters():
    entries = build_ledger([stored(1, record(time="2023", chain=["A"])), stored(2, record(time="2023", chain=["B"])),
                            stored(3, record("RUS", "PRK", "food", "2021"))])
    assert [e.id for e in select(entries, supplier="prk")] == ["PRK-RUS-ammunition-2023"]
    assert [e.id for e in select(entries, min_sources=2)] == ["PRK-RUS-ammunition-2023"]
    assert [e.id for e in select(entries, since=date(2022, 1, 1))] == ["PRK-RUS-ammunition-2023"]
    assert [e.id for e in select(entries, until=date(2021, 6, 1))] == ["RUS-PRK-food-2021"]
    assert [e.id for e in select(entries, flagged=True)] == ["PRK-RUS-ammunition-2023"]


def test_a_second_report_of_the_seeds_claim_is_one_more_mention_of_one_source_with_a_contradiction(tmp_path):
    engine = connect(str(tmp_path / "l.db"))
    ingest([str(CORPUS / "seed"), str(DATA / "time-6700.txt")], engine)
    entry = next(e for e in build_ledger(stored_records(engine)) if e.id == "PRK-RUS-ammunition-2023")
    assert [m.doc_id for m in entry.mentions] == ["000_2919c026d9be4a40", "time-6700"]
    assert len(entry.sources) == 1 and "Defense" in entry.sources[0]
    (c,) = entry.contradictions
    assert c.field == "quantity" and len(c.sides) == 2
    show = CliRunner().invoke(app, ["show", entry.id, "--db", str(tmp_path / "l.db")], env={"COLUMNS": "200"})
    assert show.exit_code == 0
    assert "7,000 container loads" in show.stdout and "about 6,700 containers" in show.stdout
    assert "S/RES/1718 (2006) para 8(b)" in show.stdout


def test_the_seeds_flows_carry_the_sanctions_they_may_breach_and_food_carries_none(tmp_path):
    engine = connect(str(tmp_path / "l.db"))
    ingest([str(CORPUS / "seed")], engine)
    entries = build_ledger(stored_records(engine))
    flags = {e.id: {f.rule for f in e.flags} for e in entries}
    assert {"UN-DPRK-ARMS-02"} <= flags["PRK-RUS-ammunition-2023"] and {"UN-DPRK-ARMS-02"} <= flags["PRK-RUS-arms-2023"]
    assert "UN-DPRK-REFINED-02" in flags["RUS-PRK-fuel-undated"]
    assert {"UN-DPRK-TRANSVEH-01"} <= flags["RUS-PRK-vehicles-2023-09"]
    assert {"UN-DPRK-LUX-01"} <= flags["RUS-PRK-luxury_goods-2023-09"]
    assert flags["RUS-PRK-food-2023"] == set()
    fuel = next(e for e in entries if e.id == "RUS-PRK-fuel-undated")
    assert all(f.citation.startswith("S/RES/") for e in entries for f in e.flags)
    assert {f.status for f in fuel.flags if f.kind == "cap"} == {"unknown"}
