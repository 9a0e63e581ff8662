"""Quantities: numbers with separators, decimals and multipliers, number words, qualifiers
("more than", "about", "up to") and the schema's units. Numbers that count nothing that
moved (years, percentages, distances) are no quantity.
"""
from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from spacy.tokens import Doc

from lading import nlp
from lading.extract.quantities import parse_number, read_quantity
from lading.ingest.text import article_from_text
from lading.model import Quantity

DAY = date(2024, 3, 18)


@cache
def doc(text: str) -> Doc:
    return nlp.parse(article_from_text(text, "t", date_override=DAY)).doc


def number(text: str) -> float | None:
    return parse_number(list(doc(text)))


def quantity(phrase: str, category: str | None = None) -> Quantity | None:
    """Read a quantity from all tokens of ``phrase`` (a goods phrase's left part, head included)."""
    return read_quantity(list(doc(phrase)), category)


def q(phrase: str, category: str | None = None) -> tuple:
    found = quantity(phrase, category)
    assert found is not None, f"no quantity in {phrase!r}"
    return found.value, found.unit, found.qualifier


# ------------------------------------------------------------------ numbers

@pytest.mark.parametrize("text, value", [
    ("7,000", 7000),
    ("1,200,000", 1_200_000),
    ("12.5", 12.5),
    ("1.5 billion", 1.5e9),
    ("0.5 million", 500_000),
    ("3 million", 3_000_000),
    ("5 mln", 5_000_000),
    ("2.5 bln", 2.5e9),
    ("2.5m", 2_500_000),
    ("two", 2),
    ("forty", 40),
    ("twenty five", 25),
    ("twenty-five", 25),
    ("seventy-two", 72),
    ("seven thousand", 7000),
    ("two hundred", 200),
    ("one hundred thousand", 100_000),
    ("three million", 3_000_000),
])
def test_parse_number(text: str, value: float) -> None:
    assert number(text) == value


@pytest.mark.parametrize("text", ["tanks", "some", "the drones", "seven tanks"])
def test_parse_number_refuses_words_that_are_not_numbers(text: str) -> None:
    assert number(text) is None


# ------------------------------------------------------------------ units

@pytest.mark.parametrize("phrase, category, expected", [
    ("9,000 container loads", None, (9000, "container", "exact")),
    ("500 containers", None, (500, "container", "exact")),
    ("2,000 tons", None, (2000, "tonne", "exact")),
    ("300,000 tonnes", None, (300_000, "tonne", "exact")),
    ("100,000 barrels", None, (100_000, "barrel", "exact")),
    ("1.2 million bpd", None, (1_200_000, "barrel", "exact")),
    ("7,000 shells", None, (7000, "round", "exact")),
    ("5,000 rounds", None, (5000, "round", "exact")),
    ("3 million litres", None, (3_000_000, "litre", "exact")),
    ("50,000 people", None, (50_000, "person", "exact")),
    ("12,000 workers", None, (12_000, "person", "exact")),
    ("$1.5 billion", None, (1.5e9, "usd", "exact")),
    ("US$ 2 billion", None, (2e9, "usd", "exact")),
    ("USD 300 million", None, (3e8, "usd", "exact")),
    ("500 million dollars", None, (5e8, "usd", "exact")),
    ("300 million USD", None, (3e8, "usd", "exact")),
])
def test_units_named_by_the_measure_word(phrase: str, category: str | None, expected: tuple) -> None:
    assert q(phrase, category) == expected


@pytest.mark.parametrize("phrase, category, expected", [
    ("24 missiles", "arms", (24, "item", "exact")),
    ("10 limousines", "vehicles", (10, "item", "exact")),
    ("5,000 troops", "personnel", (5000, "person", "exact")),
    ("1 million shells", "ammunition", (1_000_000, "round", "exact")),
    ("twenty-five tanks", "arms", (25, "item", "exact")),
    ("a dozen drones", "arms", (12, "item", "exact")),
])
def test_counted_goods_take_their_unit_from_the_category(phrase: str, category: str, expected: tuple) -> None:
    assert q(phrase, category) == expected


@pytest.mark.parametrize("phrase, category", [
    ("24 missiles", None),  # a count of something the lexicon cannot measure
    ("1,000", "fuel"),  # fuel is measured, never counted
    ("1,000", "money"),  # money needs a currency
])
def test_no_unit_no_quantity(phrase: str, category: str | None) -> None:
    assert quantity(phrase, category) is None


# ------------------------------------------------------------------ qualifiers

@pytest.mark.parametrize("phrase, category, expected", [
    ("more than 9,000 container loads", None, (9000, "container", "more_than")),
    ("over 5,000 rounds", None, (5000, "round", "more_than")),
    ("at least 24 missiles", "arms", (24, "item", "more_than")),
    ("in excess of 1,000 containers", None, (1000, "container", "more_than")),
    ("upwards of 500 trucks", "vehicles", (500, "item", "more_than")),
    ("about 7,000 shells", None, (7000, "round", "approx")),
    ("nearly 1.5 million barrels", None, (1_500_000, "barrel", "approx")),
    ("almost two million shells", None, (2_000_000, "round", "approx")),
    ("roughly 40 tanks", "arms", (40, "item", "approx")),
    ("some 10,000 soldiers", None, (10_000, "person", "approx")),
    ("approximately 3 million litres", None, (3_000_000, "litre", "approx")),
    ("close to 20,000 tonnes", None, (20_000, "tonne", "approx")),
    ("an estimated 11,000 troops", "personnel", (11_000, "person", "approx")),
    ("up to 300,000 tonnes", None, (300_000, "tonne", "up_to")),
    ("as many as 12,000 workers", None, (12_000, "person", "up_to")),
    ("fewer than 100 troops", "personnel", (100, "person", "less_than")),
    ("less than 50 tonnes", None, (50, "tonne", "less_than")),
    ("under 1,000 barrels", None, (1000, "barrel", "less_than")),
])
def test_qualifiers(phrase: str, category: str | None, expected: tuple) -> None:
    assert q(phrase, category) == expected


@pytest.mark.parametrize("phrase, category, text", [
    ("more than 9,000 container loads", None, "more than 9,000 container loads"),
    ("about 7,000 shells", None, "about 7,000 shells"),
    ("nearly 1.5 million barrels", None, "nearly 1.5 million barrels"),
    ("$1.5 billion", None, "$1.5 billion"),
    ("fewer than 100 troops", "personnel", "fewer than 100 troops"),
])
def test_quantity_text_is_the_words_of_the_article(phrase: str, category: str | None, text: str) -> None:
    found = quantity(phrase, category)
    assert found is not None
    assert found.text == text


def test_quantity_serializes_whole_values_as_integers() -> None:
    found = quantity("about 7,000 shells")
    assert found is not None
    assert found.to_json() == {"value": 7000, "unit": "round", "qualifier": "approx", "text": "about 7,000 shells"}


# ------------------------------------------------------------------ numbers that are not quantities of goods

@pytest.mark.parametrize("phrase, category", [
    ("in 2023", None),
    ("Resolution 2397", None),
    ("3 percent", None),
    ("12 occasions", None),
    ("more than three years", None),
    ("1,200 km", None),
    ("the two ships", None),
])
def test_numbers_that_count_nothing_that_moved(phrase: str, category: str | None) -> None:
    assert quantity(phrase, category) is None


# ------------------------------------------------------------------ regressions found in review

@pytest.mark.parametrize("text, category, expected", [
    ("two dozen drones", "arms", (24, "item")),
    ("one hundred and twenty tanks", "arms", (120, "item")),
    ("$2.5m in aid", None, (2_500_000, "usd")),
    ("$3bn", None, (3_000_000_000, "usd")),
    ("2.5m barrels", "fuel", (2_500_000, "barrel")),
    ("155mm shells", "ammunition", None),
    ("155 mm shells", "ammunition", None),
    ("the 2022 batch of tanks", "arms", None),
])
def test_amounts_found_in_review(text, category, expected):
    q = read_quantity(list(nlp.pipeline()(text)), category)
    assert (None if q is None else (q.value, q.unit)) == expected
