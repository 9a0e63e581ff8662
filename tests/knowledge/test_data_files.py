"""The curated knowledge files: complete where the brief says so, consistent, and loaded with clear errors."""
from datetime import date

import pycountry
import pytest

from lading import knowledge
from lading.knowledge import KnowledgeError, load

# UN members by ISO 3166-1 alpha-3: pycountry holds every code; these are the 249 minus non-members.
NOT_UN_MEMBERS = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW", "CXR", "CYM", "ESH",
    "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT", "JEY", "MAC", "MAF", "MNP",
    "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PSE", "PYF", "REU", "SGS", "SHN", "SJM", "SPM", "SXM",
    "TCA", "TKL", "TWN", "UMI", "VAT", "VGB", "VIR", "WLF",
}


def test_every_un_member_and_observer_plus_taiwan_and_kosovo_is_listed_once():
    countries = load().countries
    un_members = {c.alpha_3 for c in pycountry.countries} - NOT_UN_MEMBERS
    assert len(un_members) == 193
    assert set(countries) == un_members | {"VAT", "PSE", "TWN", "XKX"}
    assert {c.iso3 for c in countries.values() if c.status == "un_member"} == un_members


@pytest.mark.parametrize("place, iso3", [
    ("Moscow", "RUS"), ("Kremlin", "RUS"), ("Pyongyang", "PRK"), ("Washington", "USA"), ("White House", "USA"),
    ("Beijing", "CHN"), ("Tehran", "IRN"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Seoul", "KOR"), ("Taipei", "TWN"),
])
def test_capitals_and_seats_of_power_stand_for_their_state(place, iso3):
    assert place in load().countries[iso3].metonyms


@pytest.mark.parametrize("iso3, names, adjective", [
    ("PRK", {"North Korea", "DPRK"}, "North Korean"),
    ("KOR", {"South Korea", "Republic of Korea"}, "South Korean"),
    ("USA", {"United States", "U.S.", "US", "America"}, "American"),
    ("GBR", {"United Kingdom", "Britain", "UK"}, "British"),
    ("TUR", {"Turkey", "Türkiye"}, "Turkish"),
    ("ARE", {"United Arab Emirates", "UAE"}, "Emirati"),
])
def test_names_short_names_and_adjectives(iso3, names, adjective):
    c = load().countries[iso3]
    assert names <= set(c.aliases) | {c.name}
    assert adjective in c.adjectives


def test_no_name_points_to_two_countries():
    seen: dict[str, str] = {}
    for c in load().countries.values():
        for word in {*c.aliases, *c.adjectives, *c.demonyms, *c.metonyms}:
            assert seen.setdefault(word, c.iso3) == c.iso3, f"{word!r} is listed for {seen[word]} and {c.iso3}"


@pytest.mark.parametrize("iso3", ["RUS", "PRK", "KOR", "UKR", "IRN", "CHN", "USA", "ISR", "BLR", "SYR", "TUR", "IND", "PAK", "SAU"])
def test_each_state_in_arms_news_has_a_head_of_state_or_government_in_office_in_2024(iso3):
    day = date(2024, 6, 1)
    heads = {"president", "prime_minister", "head_of_state", "head_of_government", "supreme_leader", "chancellor", "king", "crown_prince"}
    holders = [p.name for p in load().people if p.country == iso3 and any(r.role in heads and r.holds_on(day) for r in p.roles)]
    assert holders, f"no head of state or government for {iso3} on {day}"


def test_spelling_variants_of_leaders():
    people = {p.name: p for p in load().people}
    assert {"Wladimir Putin"} <= set(people["Vladimir Putin"].variants) and people["Vladimir Putin"].country == "RUS"
    kim = next(p for p in load().people if "Kim Jong-un" in p.variants or p.name == "Kim Jong-un")
    assert {"Kim Jong Un", "Kim Jong-un"} <= {kim.name, *kim.variants} and kim.country == "PRK"


def test_dates_in_office_are_ordered():
    for p in load().people:
        for r in p.roles:
            assert r.start is None or r.end is None or r.start <= r.end, (p.name, r)


def test_outlets_bodies_and_agencies():
    orgs = load().organizations
    outlets = {o.name: o for o in orgs if o.kind == "media"}
    assert len(outlets) >= 60
    by_alias = {a: o for o in orgs for a in (o.name, *o.aliases)}
    for name, country in [("Time", "USA"), ("UPI", "USA"), ("AFP", "FRA"), ("AP", "USA"), ("Reuters", "GBR"),
                          ("Yonhap", "KOR"), ("TASS", "RUS"), ("KCNA", "PRK"), ("Xinhua", "CHN"), ("BBC", "GBR"),
                          ("CNN", "USA"), ("VOA", "USA")]:
        assert by_alias[name].kind == "media" and by_alias[name].country == country, name
    for name in ["UN", "UN Security Council", "NATO", "EU", "IAEA", "UN Panel of Experts"]:
        assert by_alias[name].kind == "igo" and by_alias[name].country is None, name
    assert by_alias["Pentagon"].country == "USA"
    assert by_alias["Time"].ambiguous and not by_alias["Reuters"].ambiguous


def test_goods_lexicon_uses_only_schema_categories_and_units():
    lexicon = load().lexicon
    assert {c for t in lexicon.goods.values() for c in t.categories} <= set(knowledge.CATEGORIES)
    assert set(lexicon.units.values()) <= set(knowledge.UNITS)
    assert lexicon.goods[("ammunition",)].categories == ("ammunition",)
    assert lexicon.goods[("oil", "product")].hs_code == "2710"
    assert {w.origin for w in lexicon.weapons if "S-400" in w.aliases} == {"RUS"}


def test_a_bare_no_in_a_cue_list_is_refused_with_the_files_name():
    with pytest.raises(KnowledgeError, match="cues.yaml.*negations.*quote"):
        knowledge._words("cues.yaml", "negations", ["not", False])


def test_an_unknown_country_code_is_refused_naming_file_and_entry():
    with pytest.raises(KnowledgeError, match="people.yaml.*'Nobody'.*'XYZ'"):
        knowledge._code("people.yaml", {"name": "Nobody", "country": "XYZ"}, "country")


def test_regions_name_known_states_once():
    regions = knowledge.load().regions
    assert regions["Donetsk"] == "UKR" and regions["Tigray"] == "ETH" and "Dnipro" not in regions
    with pytest.raises(KnowledgeError, match="regions.yaml: unknown country code"):
        knowledge._by_country("regions.yaml", "regions", {})


def test_government_domains_are_lowercase_and_name_known_states():
    voices = knowledge.load().voices
    assert voices["state.gov"] == "USA" and all(d == d.lower() and "." in d for d in voices)
