"""Curated knowledge: the data files in ``knowledge/data/`` and their loaders.

Knowledge is data. Adding a country alias, an outlet, a cue word or a goods term
is an edit to a YAML file (plus a test), never a code change. This module only
loads and validates the files; it holds no extraction logic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import pycountry
import yaml

DATA_PACKAGE = "lading.knowledge.data"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader is ten times faster
# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code used by the EU and the IMF.
EXTRA_CODES = {"XKX": "Kosovo"}
CATEGORIES = (
    "arms", "ammunition", "fuel", "crude_oil", "food", "vehicles", "luxury_goods",
    "machinery", "technology", "money", "personnel", "aid", "goods",
)
UNITS = ("container", "tonne", "barrel", "round", "item", "usd", "person", "litre")


class KnowledgeError(ValueError):
    """A data file is missing, malformed or inconsistent; the message names file and entry."""


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    status: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    metonyms: tuple[str, ...]
    descriptors: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    role: str
    start: date | None
    end: date | None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    variants: tuple[str, ...]
    country: str | None
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class Organization:
    """A named institution, company, outlet or international body."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str  # government, military, company, organization, media, igo
    ambiguous: bool = False  # the bare name is also an ordinary word ("Time")


@dataclass(frozen=True)
class WeaponSystem:
    name: str
    aliases: tuple[str, ...]
    origin: str | None
    category: str


@dataclass(frozen=True)
class GoodsTerm:
    """A word or phrase naming goods; matched on lowercase lemmas."""

    phrase: tuple[str, ...]
    categories: tuple[str, ...]
    hs_code: str | None


@dataclass(frozen=True)
class Lexicon:
    goods: dict[tuple[str, ...], GoodsTerm]
    modifiers: dict[str, str]  # "luxury" adds luxury_goods to the noun it modifies
    containers: frozenset[str]  # nouns that hold goods: "loads of", "shipments of", "masses of"
    units: dict[str, str]  # lemma -> schema unit
    weapons: tuple[WeaponSystem, ...]
    families: dict[str, str]  # category -> the family it shares with close kin ("ammunition" -> "arms")
    currencies: frozenset[str]  # "22 million pounds in aid": money that gets no dollar quantity
    percent_words: frozenset[str]  # "7% of the $13.6 billion": a share given by its number
    fractions: dict[str, float]  # "half of the shells", "two thirds of the tanks"


@dataclass(frozen=True)
class Cues:
    """Cue words, grouped by what they signal; see ``data/cues.yaml``."""

    groups: dict[str, frozenset[str]]

    def __getitem__(self, group: str) -> frozenset[str]:
        return self.groups[group]


@dataclass(frozen=True)
class Knowledge:
    countries: dict[str, Country]
    people: tuple[Person, ...]
    organizations: tuple[Organization, ...]
    lexicon: Lexicon
    cues: Cues
    institutions: dict[str, str]  # lowercase head phrase -> actor kind ("defense ministry" -> government)
    regions: dict[str, str]  # region or city named without its country -> ISO3 ("Donetsk" -> UKR)
    voices: dict[str, str]  # web domain that speaks for a government -> ISO3 ("state.gov" -> USA)


def _read(name: str) -> dict[str, Any]:
    try:
        raw = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{name}: missing from the package") from exc
    try:
        data = yaml.load(raw, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise KnowledgeError(f"{name}: expected a mapping with 'version: 1'")
    return data


def valid_code(code: str | None) -> bool:
    return code is None or code in EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None


def _code(name: str, entry: dict[str, Any], key: str) -> str | None:
    code = entry.get(key)
    if not valid_code(code):
        raise KnowledgeError(f"{name}: {entry.get('name')!r} has unknown ISO 3166-1 alpha-3 code {code!r} in '{key}'")
    return code


def _strings(name: str, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    values = entry.get(key) or []
    if isinstance(values, str):
        values = [values]
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise KnowledgeError(f"{name}: {entry.get('name') or entry.get('iso3')!r} has a non-string or empty value in '{key}'")
    return tuple(v.strip() for v in values)


def _date(name: str, who: str, value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeError(f"{name}: {who!r} has an invalid date {value!r}") from exc


def _countries() -> dict[str, Country]:
    name = "countries.yaml"
    out: dict[str, Country] = {}
    for entry in _read(name)["countries"]:
        iso3 = _code(name, entry, "iso3")
        if not iso3 or iso3 in out:
            raise KnowledgeError(f"{name}: missing or repeated iso3 {iso3!r}")
        out[iso3] = Country(
            iso3=iso3,
            name=entry["name"],
            status=entry.get("status", "other"),
            aliases=_strings(name, entry, "aliases"),
            adjectives=_strings(name, entry, "adjectives"),
            demonyms=_strings(name, entry, "demonyms"),
            capital=entry.get("capital"),
            metonyms=_strings(name, entry, "metonyms"),
            descriptors=tuple(d.lower() for d in _strings(name, entry, "descriptors")),
        )
    return out


def _people() -> tuple[Person, ...]:
    name = "people.yaml"
    people = []
    for entry in _read(name)["people"]:
        roles = tuple(
            Role(r["role"], _date(name, entry["name"], r.get("from")), _date(name, entry["name"], r.get("to")))
            for r in entry.get("roles") or []
        )
        people.append(Person(entry["name"], _strings(name, entry, "variants"), _code(name, entry, "country"), roles))
    return tuple(people)


def _organizations() -> tuple[Organization, ...]:
    orgs: list[Organization] = []
    for file, key, default_kind in (
        ("organizations.yaml", "organizations", "organization"),
        ("outlets.yaml", "outlets", "media"),
        ("bodies.yaml", "bodies", "igo"),
    ):
        for entry in _read(file)[key]:
            orgs.append(Organization(
                name=entry["name"],
                aliases=_strings(file, entry, "aliases"),
                country=_code(file, entry, "country"),
                kind=entry.get("kind", default_kind) if key != "outlets" else "media",
                ambiguous=bool(entry.get("ambiguous", False)),
            ))
    return tuple(orgs)


def phrase_key(text: str) -> tuple[str, ...]:
    """Normalize a goods phrase the way token lemmas are normalized: lowercase words, no hyphens."""
    return tuple(w for w in re.split(r"[\s\-]+", text.lower().strip()) if w)


def _lexicon() -> Lexicon:
    name = "goods.yaml"
    data = _read(name)
    goods: dict[tuple[str, ...], GoodsTerm] = {}
    for group in data["categories"]:
        cats = tuple(group["categories"]) if "categories" in group else (group["category"],)
        for cat in cats:
            if cat not in CATEGORIES:
                raise KnowledgeError(f"{name}: unknown category {cat!r}")
        for term in group["terms"]:
            key = phrase_key(term)
            if key in goods:
                raise KnowledgeError(f"{name}: term {term!r} listed twice")
            goods[key] = GoodsTerm(key, cats, group.get("hs_code"))
    units = {}
    for unit, words in data["units"].items():
        if unit not in UNITS:
            raise KnowledgeError(f"{name}: unknown unit {unit!r}")
        for w in words:
            units[w.lower()] = unit
    weapons_file = "weapons.yaml"
    weapons = []
    for entry in _read(weapons_file)["systems"]:
        if entry.get("category") not in CATEGORIES:
            raise KnowledgeError(f"{weapons_file}: {entry.get('name')!r} has unknown category {entry.get('category')!r}")
        aliases = _strings(weapons_file, entry, "aliases") or (entry["name"],)
        weapons.append(WeaponSystem(entry["name"], aliases, _code(weapons_file, entry, "origin"), entry["category"]))
    families = {}
    for family in data.get("families", []):
        for cat in family:
            if cat not in CATEGORIES:
                raise KnowledgeError(f"{name}: unknown category {cat!r} in families")
            families[cat] = family[0]
    return Lexicon(
        families=families,
        goods=goods,
        modifiers={k.lower(): v for k, v in data.get("modifiers", {}).items()},
        containers=frozenset(w.lower() for w in data.get("containers", [])),
        units=units,
        weapons=tuple(weapons),
        currencies=_words(name, "currencies", data.get("currencies", [])),
        percent_words=_words(name, "shares.percent", data.get("shares", {}).get("percent", [])),
        fractions=_fractions(name, data.get("shares", {}).get("fractions", {})),
    )


def _fractions(name: str, values: Any) -> dict[str, float]:
    if not isinstance(values, dict) or not all(isinstance(v, (int, float)) and 0 < v <= 1 for v in values.values()):
        raise KnowledgeError(f"{name}: shares.fractions must map words to numbers between 0 and 1")
    return {str(k).lower(): float(v) for k, v in values.items()}


def _words(name: str, group: str, values: Any) -> frozenset[str]:
    """Lowercase cue words; YAML turns a bare ``no`` into False, so non-strings are refused."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise KnowledgeError(f"{name}: group {group!r} must be a list of strings (quote words like \"no\")")
    return frozenset(v.lower() for v in values)


def _cues() -> tuple[Cues, dict[str, str]]:
    name = "cues.yaml"
    data = _read(name)
    groups = {k: _words(name, k, v) for k, v in data["cues"].items()}
    for strength, words in data["state_references"].items():
        groups[f"state_reference_{strength}"] = _words(name, strength, words)
    institutions = {w: kind for kind, words in data["institutions"].items() for w in _words(name, kind, words)}
    return Cues(groups), institutions


@cache
def load() -> Knowledge:
    """Load and validate every data file once per process."""
    cues, institutions = _cues()
    countries = _countries()
    return Knowledge(
        countries=countries,
        people=_people(),
        organizations=_organizations(),
        lexicon=_lexicon(),
        cues=cues,
        institutions=institutions,
        regions=_by_country("regions.yaml", "regions", countries),
        voices={domain.lower(): iso3 for domain, iso3 in _by_country("voices.yaml", "domains", countries).items()},
    )


def _by_country(name: str, key: str, countries: dict[str, Country]) -> dict[str, str]:
    """A file mapping ISO3 codes to lists of names, turned round: name -> ISO3, each name once."""
    out: dict[str, str] = {}
    for iso3, names in _read(name).get(key, {}).items():
        if iso3 not in countries:
            raise KnowledgeError(f"{name}: unknown country code {iso3!r}")
        for entry in _strings(name, {"iso3": iso3, key: names}, key):
            if entry in out:
                raise KnowledgeError(f"{name}: {entry!r} is listed twice")
            out[entry] = iso3
    return out
