"""Goods phrases: the lexicon's categories and HS codes, containers and money that pass
through to the goods they hold, named weapon systems with their maker, and the origin
named inside the phrase. Nouns that name no goods ("talks", "relations") give nothing.
"""
from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from spacy.tokens import Token

from lading import nlp
from lading.extract.actors import ActorIndex, find_actors
from lading.extract.goods import GoodsPhrase, classify, read_goods, weapon_tokens
from lading.ingest.text import article_from_text

DAY = date(2024, 3, 18)


@cache
def parsed(text: str) -> tuple[ActorIndex, dict]:
    doc = nlp.parse(article_from_text(text, "t", date_override=DAY)).doc
    return find_actors(doc), weapon_tokens(doc)


def token(text: str, word: str) -> Token:
    """The first token whose text is ``word``."""
    actors, _ = parsed(text)
    return next(t for t in actors.doc if t.text == word)


def goods(text: str, head: str) -> GoodsPhrase | None:
    """The goods phrase headed by the token ``head`` (the noun a transfer word takes as object)."""
    actors, weapons = parsed(text)
    return read_goods(token(text, head), actors, weapons)


def items(text: str, head: str) -> list[tuple[str, str | None]]:
    phrase = goods(text, head)
    assert phrase is not None, f"no goods in {text!r}"
    return [(g.category, g.hs_code) for g in phrase.items]


def phrase_text(p: GoodsPhrase) -> str:
    return p.head.doc[p.start:p.end].text


# ------------------------------------------------------------------ categories and HS codes

@pytest.mark.parametrize("sentence, head, expected", [
    ("North Korea sent missiles to Russia.", "missiles", [("arms", "9306")]),
    ("Iran sent ballistic missiles to Russia.", "missiles", [("arms", "9306")]),
    ("Russia sent military equipment to Belarus.", "equipment", [("arms", "93")]),
    ("Russia sent 24 tanks to Belarus.", "tanks", [("arms", "8710")]),
    ("Beijing sold attack drones to the junta.", "drones", [("arms", "8806")]),
    ("North Korea sent artillery shells to Russia.", "shells", [("ammunition", "9306")]),
    ("North Korea sent 1 million artillery rounds to Russia.", "rounds", [("ammunition", "9306")]),
    ("India shipped diesel to Sri Lanka.", "diesel", [("fuel", "2710")]),
    ("Russia supplied Pyongyang with jet fuel.", "fuel", [("fuel", "2710")]),
    ("Russia sold crude oil to India.", "oil", [("crude_oil", "2709")]),
    ("Ukraine exported wheat to Egypt.", "wheat", [("food", "1001")]),
    ("Vietnam exported rice to the Philippines.", "rice", [("food", "1006")]),
    ("Russia gave a limousine to Kim Jong-un.", "limousine", [("vehicles", "8703")]),
    ("Putin gave a luxury limousine to Kim Jong-un.", "limousine", [("vehicles", "8703"), ("luxury_goods", None)]),
    ("The ships carried luxury cars to Nampo.", "cars", [("vehicles", "8703"), ("luxury_goods", None)]),
    ("The firm sold machine tools to Russia.", "tools", [("machinery", "84")]),
    ("Germany delivered spare parts for the turbines.", "parts", [("machinery", "84")]),
    ("China sold chips to Russia.", "chips", [("technology", "8542")]),
    ("China shipped semiconductors to Russia.", "semiconductors", [("technology", "8542")]),
    ("North Korea sent troops to Russia.", "troops", [("personnel", None)]),
    ("Iran sent military advisers to Syria.", "advisers", [("personnel", None)]),
    ("Germany sent humanitarian aid to Gaza.", "aid", [("aid", None)]),
    ("The U.S. provided military aid to Ukraine.", "aid", [("arms", "93")]),
    ("Beijing offered military support to Moscow.", "support", [("arms", "93")]),
    ("Japan sent money to the fund.", "money", [("money", None)]),
    ("Ukraine exported electricity to Moldova.", "electricity", [("goods", "2716")]),
    ("Qatar shipped liquefied natural gas to Germany.", "gas", [("goods", "2711")]),
    ("The ship carried cargo to Rajin.", "cargo", [("goods", None)]),
])
def test_category_and_hs_code(sentence: str, head: str, expected: list) -> None:
    assert items(sentence, head) == expected


@pytest.mark.parametrize("sentence, head, text", [
    ("North Korea sent artillery shells to Russia.", "shells", "artillery shells"),
    ("Russia sold crude oil to India.", "oil", "crude oil"),
    ("Putin gave a luxury limousine to Kim Jong-un.", "limousine", "luxury limousine"),
])
def test_goods_text_is_the_matched_words(sentence: str, head: str, text: str) -> None:
    phrase = goods(sentence, head)
    assert phrase is not None
    assert {g.text for g in phrase.items} == {text}


@pytest.mark.parametrize("sentence, head", [
    ("The two sides held talks on Monday.", "talks"),
    ("China expressed support for Russia.", "support"),
    ("Russia increased its support for the regime.", "support"),
    ("The countries restored relations in 2023.", "relations"),
    ("He sent his condolences to the families.", "condolences"),
    ("Moscow sent diplomats to Pyongyang.", "diplomats"),
    ("Russia sent a delegation to Pyongyang.", "delegation"),
    ("The ministry held a press conference.", "conference"),
])
def test_nouns_that_are_not_goods(sentence: str, head: str) -> None:
    assert goods(sentence, head) is None


def test_classify_reads_left_modifiers_longest_first() -> None:
    sentence = "Iran sent ballistic missiles to Russia."
    actors, weapons = parsed(sentence)
    [g] = classify(token(sentence, "missiles"), weapons)
    assert (g.text, g.category, g.hs_code) == ("ballistic missiles", "arms", "9306")


def test_classify_ignores_verbs() -> None:
    sentence = "Iran shipped the drones."
    _, weapons = parsed(sentence)
    assert classify(token(sentence, "shipped"), weapons) == ()


# ------------------------------------------------------------------ containers and money

def test_container_loads_pass_through_to_each_goods_and_lend_their_number() -> None:
    sentence = "North Korea has sent 7,000 container loads of ammunition and weapons to Russia."
    phrase = goods(sentence, "loads")
    assert phrase is not None
    assert [(g.text, g.category, g.hs_code) for g in phrase.items] == [
        ("ammunition", "ammunition", "9306"), ("weapons", "arms", "93")]
    assert phrase.quantity is not None
    assert (phrase.quantity.value, phrase.quantity.unit, phrase.quantity.qualifier) == (7000, "container", "exact")
    assert phrase.quantity.text == "7,000 container loads"
    assert phrase_text(phrase) == "7,000 container loads of ammunition and weapons"


@pytest.mark.parametrize("sentence, head, category, value, unit, qualifier", [
    ("North Korea sent more than 9,000 container loads of munitions to Russia.", "loads",
     "ammunition", 9000, "container", "more_than"),
    ("China shipped 2 million tonnes of coal to North Korea.", "tonnes", "goods", 2_000_000, "tonne", "exact"),
    ("Russia shipped 100,000 barrels of oil to Cuba.", "barrels", "fuel", 100_000, "barrel", "exact"),
    ("India imported 1.2 million barrels of Russian crude.", "barrels", "crude_oil", 1_200_000, "barrel", "exact"),
    ("The tanker carried 3 million litres of diesel.", "litres", "fuel", 3_000_000, "litre", "exact"),
    ("The ship carried 3,000 tonnes of wheat to Beirut.", "tonnes", "food", 3000, "tonne", "exact"),
])
def test_measures_pass_through_to_the_goods_they_hold(sentence, head, category, value, unit, qualifier) -> None:
    phrase = goods(sentence, head)
    assert phrase is not None
    assert [g.category for g in phrase.items] == [category]
    q = phrase.quantity
    assert q is not None
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize("sentence, head, category, value", [
    ("Washington approved $1.5 billion in aid for Kyiv.", "billion", "aid", 1.5e9),
    ("The EU pledged $2 billion in military aid to Ukraine.", "billion", "arms", 2e9),
    ("Russia exported $5 million worth of wheat to Egypt.", "worth", "food", 5e6),
])
def test_money_amount_in_goods_is_the_goods_with_a_dollar_quantity(sentence, head, category, value) -> None:
    phrase = goods(sentence, head)
    assert phrase is not None
    assert [g.category for g in phrase.items] == [category]
    assert phrase.quantity is not None
    assert (phrase.quantity.value, phrase.quantity.unit) == (value, "usd")


def test_money_named_in_dollars_is_money() -> None:
    phrase = goods("Japan gave 500 million dollars to Ukraine.", "dollars")
    assert phrase is not None
    assert [g.category for g in phrase.items] == ["money"]
    assert phrase.quantity is not None
    assert (phrase.quantity.value, phrase.quantity.unit) == (500e6, "usd")


def test_container_noun_names_goods_by_its_modifier() -> None:
    phrase = goods("Kyiv received a humanitarian aid convoy on Monday.", "convoy")
    assert phrase is not None
    assert [g.category for g in phrase.items] == ["aid"]


def test_bare_cargo_unit_with_a_number_is_unspecified_goods() -> None:
    phrase = goods("The ship carried 500 containers to Nampo.", "containers")
    assert phrase is not None
    assert [g.category for g in phrase.items] == ["goods"]
    assert phrase.quantity is not None
    assert (phrase.quantity.value, phrase.quantity.unit) == (500, "container")


def test_conjoined_goods_of_different_categories_are_all_read() -> None:
    phrase = goods("Russia sent fuel and food to Syria.", "fuel")
    assert phrase is not None
    assert [g.category for g in phrase.items] == ["fuel", "food"]
    assert phrase_text(phrase) == "fuel and food"


# ------------------------------------------------------------------ named systems and origin

@pytest.mark.parametrize("sentence, head, origin", [
    ("Russia delivered the S-400 to Turkey.", "S-400", "RUS"),
    ("Iran supplied Shahed drones to Russia.", "drones", "IRN"),
    ("Russia fired North Korean KN-23 missiles at Kyiv.", "missiles", "PRK"),
    ("The U.S. sent HIMARS launchers to Ukraine.", "launchers", "USA"),
    ("The Netherlands delivered F-16s to Ukraine.", "F-16s", "USA"),
    ("Germany delivered Taurus missiles to the front.", "missiles", "DEU"),
])
def test_named_systems_are_arms_made_by_their_state(sentence: str, head: str, origin: str) -> None:
    phrase = goods(sentence, head)
    assert phrase is not None
    [g] = phrase.items
    assert (g.category, g.origin) == ("arms", origin)
    assert phrase.origin == origin


@pytest.mark.parametrize("sentence, head, origin", [
    ("India bought Russian oil at a discount.", "oil", "RUS"),
    ("Turkey received Russia's S-400 system in 2019.", "system", "RUS"),
    ("Russia provided Iranian-made drones.", "drones", "IRN"),
    ("Russia used Chinese-made drones.", "drones", "CHN"),
    ("India imported 1.2 million barrels of Russian crude.", "barrels", "RUS"),
])
def test_origin_named_inside_the_phrase(sentence: str, head: str, origin: str) -> None:
    phrase = goods(sentence, head)
    assert phrase is not None
    assert phrase.origin == origin


def test_possessive_origin_is_part_of_the_phrase() -> None:
    phrase = goods("Turkey received Russia's S-400 system in 2019.", "system")
    assert phrase is not None
    assert phrase_text(phrase) == "Russia's S-400 system"
    assert [(g.text, g.category) for g in phrase.items] == [("S-400 system", "arms")]


@pytest.mark.parametrize("sentence, head", [
    ("North Korea sent missiles to Russia.", "missiles"),
    ("India shipped diesel to Sri Lanka.", "diesel"),
])
def test_no_origin_when_none_is_named(sentence: str, head: str) -> None:
    phrase = goods(sentence, head)
    assert phrase is not None
    assert phrase.origin is None
    assert all(g.origin is None for g in phrase.items)


def test_weapon_tokens_cover_every_token_of_the_name() -> None:
    sentence = "Turkey received the S-400 Triumf in 2019."
    actors, weapons = parsed(sentence)
    covered = sorted(i for i in weapons)
    assert [actors.doc[i].text for i in covered] == ["S-400", "Triumf"]
    assert {weapons[i].name for i in covered} == {"S-400"}


def test_no_weapon_tokens_without_a_named_system() -> None:
    _, weapons = parsed("North Korea sent missiles to Russia.")
    assert weapons == {}
