"""The sanctions rules engine: bans, caps, direction, validity dates, superseded rules, regimes as data."""
from datetime import date

import pytest

from lading.ledger.build import build_ledger
from lading.ledger.sanctions import flag_transfer, flags_for, parse_regime, rules
from lading.model import Actor, Goods, Quantity, Span, TimeExpression, Transfer
from tests.ledger.test_build import record, stored

PUBLISHED = date(2024, 3, 18)


def rule_ids(*args, **kwargs) -> set[str]:
    return {f.rule for f in flags_for(*args, **kwargs)}


def test_the_shipped_un_regime_keeps_citations_unverified_marks_and_superseded_rules():
    by_id = {r.id: r for r in rules()}
    assert by_id["UN-DPRK-ARMS-02"].citation == "S/RES/1718 (2006) para 8(b)" and by_id["UN-DPRK-ARMS-02"].verified
    assert not by_id["UN-DPRK-ARMS-03"].verified
    assert by_id["UN-DPRK-REFINED-01"].status == "superseded" and by_id["UN-DPRK-REFINED-01"].end == date(2017, 12, 31)


def test_a_ban_flags_the_direction_it_names_only():
    assert "UN-DPRK-ARMS-02" in rule_ids("PRK", "RUS", ["arms"], [None], "2023", PUBLISHED)  # arms from the DPRK
    assert "UN-DPRK-ARMS-05" in rule_ids("RUS", "PRK", ["arms"], [None], "2023", PUBLISHED)  # arms to the DPRK
    assert "UN-DPRK-SEAFOOD-01" in rule_ids("PRK", "CHN", ["food"], ["03"], "2023", PUBLISHED)  # seafood from
    assert rule_ids("CHN", "PRK", ["food"], ["03"], "2023", PUBLISHED) == set()  # food to the DPRK is allowed
    assert rule_ids("RUS", "IRN", ["arms"], [None], "2023", PUBLISHED) == set()  # the regime is about the DPRK only


def test_validity_dates_a_transfer_before_a_rule_took_effect_is_not_flagged_by_it():
    assert "UN-DPRK-SEAFOOD-01" not in rule_ids("PRK", "CHN", ["food"], ["03"], "2016", PUBLISHED)
    assert "UN-DPRK-SEAFOOD-01" in rule_ids("PRK", "CHN", ["food"], ["03"], "2017-09", PUBLISHED)


def test_a_superseded_rule_judges_what_happened_while_it_was_in_force():
    assert "UN-DPRK-REFINED-01" in rule_ids("CHN", "PRK", ["fuel"], ["2710"], "2017-11", PUBLISHED)
    assert "UN-DPRK-REFINED-02" not in rule_ids("CHN", "PRK", ["fuel"], ["2710"], "2017-11", PUBLISHED)
    assert rule_ids("CHN", "PRK", ["fuel"], ["2710"], "2023", PUBLISHED) & {"UN-DPRK-REFINED-01", "UN-DPRK-REFINED-02"} == {"UN-DPRK-REFINED-02"}


def test_rules_that_name_headings_or_words_reach_only_those_goods():
    assert "UN-DPRK-TRANSVEH-01" in rule_ids("RUS", "PRK", ["vehicles"], ["8703"], "2023", PUBLISHED)
    assert "UN-DPRK-METALS-01" not in rule_ids("RUS", "PRK", ["goods"], [None], "2023", PUBLISHED)
    assert "UN-DPRK-AVFUEL-01" in rule_ids("RUS", "PRK", ["fuel"], ["2710"], "2023", PUBLISHED, words=["jet fuel"])
    assert "UN-DPRK-AVFUEL-01" not in rule_ids("RUS", "PRK", ["fuel"], ["2710"], "2023", PUBLISHED, words=["diesel"])


def test_a_cap_compares_the_quantity_converting_units_where_it_can():
    def status(quantity):
        (flag,) = [f for f in flags_for("RUS", "PRK", ["fuel"], ["2710"], "2023", PUBLISHED, quantity) if f.kind == "cap"]
        return flag.status, flag.reason

    assert status(None)[0] == "unknown" and "quantity not stated" in status(None)[1]
    assert status({"value": 1_000_000, "unit": "barrel"})[0] == "exceeds"
    assert status({"value": 100_000, "unit": "barrel"})[0] == "within"
    exceeds, reason = status({"value": 100_000, "unit": "tonne"})  # about 745,000 barrels
    assert exceeds == "exceeds" and "converted" in reason
    unknown, reason = status({"value": 50, "unit": "container"})
    assert unknown == "unknown" and "cannot be compared" in reason


def test_a_cap_adds_up_a_years_entries_from_every_supplier():
    barrels = {"value": 300_000, "unit": "barrel", "qualifier": "exact", "text": "300,000 barrels"}
    entries = build_ledger([stored(1, record("RUS", "PRK", "fuel", "2023", quantity=barrels)),
                            stored(2, record("CHN", "PRK", "fuel", "2023", quantity=barrels))])
    for e in entries:
        (cap,) = [f for f in e.flags if f.kind == "cap"]
        assert cap.status == "exceeds" and "2 ledger entries in 2023" in cap.reason


def test_a_regime_is_data_a_new_file_needs_no_code():
    regime = {"regime": "EU-RUS", "target_country": "RUS", "rules": [
        {"id": "EU-RUS-TECH-01", "direction": "to_russia", "categories": ["technology"], "kind": "ban",
         "citation": "Council Regulation (EU) 833/2014 Art. 2a", "effective_from": "2022-02-25", "status": "in_force"},
    ]}
    eu = parse_regime(regime, "eu_rus.yaml")
    assert {f.rule for f in flags_for("CHN", "RUS", ["technology"], [None], "2023", PUBLISHED, regime_rules=eu)} == {"EU-RUS-TECH-01"}
    assert flags_for("CHN", "RUS", ["technology"], [None], "2021", PUBLISHED, regime_rules=eu) == ()
    with pytest.raises(Exception, match="eu_rus.yaml.*EU-RUS-BAD"):
        parse_regime({"target_country": "RUS", "rules": [{"id": "EU-RUS-BAD", "direction": "sideways", "kind": "ban"}]}, "eu_rus.yaml")


def test_records_whose_goods_rules_treat_differently_are_split():
    t = Transfer(doc_id="d", supplier=Actor("Russia", "RUS", "state"), recipient=Actor("North Korea", "PRK", "state"),
                 items=(Goods("food", "food"), Goods("fuel", "fuel", "2710")), certainty="reported",
                 evidence=(Span(0, 1, "x"),), time=TimeExpression(0, 1, "x", "DATE", "2023"),
                 quantity=Quantity(1, "item"))
    food, fuel = flag_transfer(t, PUBLISHED)
    assert [g.category for g in food.items] == ["food"] and food.sanctions == ()
    assert [g.category for g in fuel.items] == ["fuel"] and {f.rule for f in fuel.sanctions} == {"UN-DPRK-REFINED-02"}
