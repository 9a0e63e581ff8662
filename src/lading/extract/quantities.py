"""How much: numbers with separators or in words, multipliers, qualifiers and units.

Works on the tokens left of a goods phrase's head ("more than 9,000 container
loads", "$1.5 billion", "about 7,000 shells"), so a number is only read when it
belongs to the phrase that names what moved.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from lading.knowledge import load
from lading.model import Quantity
from lading.nlp import surface

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
MULTIPLIERS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
               "mln": 1e6, "bln": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3}
QUALIFIERS = (
    (("more", "than"), "more_than"), (("over",), "more_than"), (("at", "least"), "more_than"),
    (("upwards", "of"), "more_than"), (("in", "excess", "of"), "more_than"), (("above",), "more_than"),
    (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("as", "much", "as"), "up_to"),
    (("less", "than"), "less_than"), (("fewer", "than"), "less_than"), (("under",), "less_than"),
    (("nearly",), "approx"), (("almost",), "approx"), (("about",), "approx"), (("around",), "approx"),
    (("approximately",), "approx"), (("roughly",), "approx"), (("some",), "approx"), (("estimated",), "approx"),
    (("close", "to"), "approx"), (("some", "of"), "approx"), (("an", "estimated"), "approx"),
)
NUMERAL = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(bn|bln|mln|m|k)$")  # "3bn", "2.5m" written as one token
MONEY_SIGNS = {"$": 1.0, "us$": 1.0, "usd": 1.0}


def parse_number(tokens: list[Token]) -> float | None:
    """The value of a run of number tokens: "7,000", "1.5 billion", "two dozen", "one hundred and twenty"."""
    total = 0.0  # completed thousands/millions groups
    current: float | None = None  # the group being read
    for t in tokens:
        word = t.lower_
        if word in ("-", "and"):
            continue
        if SUFFIXED.match(word):
            number, suffix = SUFFIXED.match(word).groups()
            total += float(number) * MULTIPLIERS[suffix]
        elif NUMERAL.match(word):
            current = (current or 0) + float(re.sub(r"[,\u202f\u00a0]", "", word))
        elif word in NUMBER_WORDS:
            current = (current or 0) + NUMBER_WORDS[word] if word != "dozen" or current is None else current * 12
        elif word in MULTIPLIERS and current is not None:
            factor = MULTIPLIERS[word]
            if factor >= 1e3:
                total += current * factor
                current = None
            else:
                current *= factor
        else:
            return None
    if current is None and total == 0:
        return None
    return total + (current or 0)


def _is_number(t: Token, after_number: bool = False) -> bool:
    """A number word or numeral; "m", "bn", "k" count only right after a number ("$2.5m")."""
    w = t.lower_
    return bool(NUMERAL.match(w) or SUFFIXED.match(w)) or w in NUMBER_WORDS or (w in MULTIPLIERS and (len(w) > 2 or after_number))


def _not_an_amount(tokens: list[Token], i: int, j: int) -> bool:
    """'155mm shells' (a calibre), 'the 2022 batch' (a year), 'F-16' (a model)."""
    nxt = tokens[j].lower_ if j < len(tokens) else ""
    first = tokens[i]
    if nxt in ("mm", "millimeter", "millimetre", "-mm", "cm", "caliber", "calibre", "kg-class") or first.lower_.endswith("mm"):
        return True
    prev = tokens[i - 1] if i > 0 else None
    year_like = re.fullmatch(r"(19|20)\d\d", first.text) is not None and j == i + 1
    return year_like and prev is not None and prev.dep_ in ("det", "poss") or (prev is not None and prev.text == "-")


def read_quantity(tokens: list[Token], category: str | None = None) -> Quantity | None:
    """Find "qualifier number [multiplier] unit" among ``tokens`` (a phrase's left part, in order).

    ``category`` supplies the unit when the goods noun itself is counted: 24 missiles
    are items, 5,000 troops are persons, 1 million shells are rounds.
    """
    units = load().lexicon.units
    i = 0
    while i < len(tokens):
        if not _is_number(tokens[i]) or tokens[i].lower_ in MULTIPLIERS:
            i += 1
            continue
        j = i
        while j < len(tokens) and (_is_number(tokens[j], after_number=j > i) or tokens[j].lower_ in ("-", "and")
                                   and j + 1 < len(tokens) and _is_number(tokens[j + 1])):
            j += 1
        run = tokens[i:j]
        value = parse_number(run)
        if value is None or _not_an_amount(tokens, i, j):
            i = j
            continue
        before = [t.lower_ for t in tokens[max(0, i - 3):i]]
        money = bool(before) and before[-1] in MONEY_SIGNS
        after = tokens[j:]
        unit = "usd" if money else _unit(after, units, category)
        if money and after and after[0].lower_ in ("dollar", "dollars"):
            after = after[1:]
        if unit is None:
            i = j
            continue
        start = i - 1 if money else i
        qualifier = _qualifier(before[:-1] if money else before)
        q_start = start - _qualifier_length(tokens[:start])
        end_tok = j
        while not money and end_tok < len(tokens) and tokens[end_tok].lower_ in units:  # "container loads"
            end_tok += 1
        text = surface(tokens[0].doc[tokens[q_start].i:tokens[end_tok - 1].i + 1]) if end_tok > 0 else ""
        return Quantity(value, unit, qualifier, text)
    return None


def _unit(after: list[Token], units: dict[str, str], category: str | None) -> str | None:
    if after:
        w = after[0].lower_
        if w in ("dollar", "dollars"):
            return "usd"
        unit = units.get(w) or units.get(after[0].lemma_.lower())
        if unit == "round" and category not in (None, "ammunition"):
            return None  # "four rounds of emergency aid" are batches, not cartridges
        if unit is not None:
            return unit
    return {"ammunition": "round", "personnel": "person", "arms": "item", "vehicles": "item",
            "luxury_goods": "item", "machinery": "item"}.get(category or "")


def _qualifier(before: list[str]) -> str:
    for words, qualifier in QUALIFIERS:
        n = len(words)
        if tuple(before[-n:]) == words:
            return qualifier
    return "exact"


def _qualifier_length(tokens: list[Token]) -> int:
    before = tuple(t.lower_ for t in tokens[-3:])
    for words, _ in QUALIFIERS:
        if before[-len(words):] == words:
            return len(words)
    return 0
