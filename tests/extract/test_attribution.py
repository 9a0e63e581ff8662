"""Attribution: who says a transfer happened. Chains run innermost source first ("X, citing Y,
reported" -> [Y, X]); "the report" and "he" point back through one Memory shared by the
sentences of an article; text in the article's own voice has an empty chain.
"""
from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from spacy.tokens import Token

from lading import nlp
from lading.extract.actors import ActorIndex, find_actors
from lading.extract.attribution import Attribution, Memory, chain_for, find_attributions
from lading.ingest.text import article_from_text

DAY = date(2024, 3, 18)


@cache
def read(text: str) -> tuple[ActorIndex, tuple[Attribution, ...], Memory]:
    """Every attribution of ``text``, sentence by sentence with one Memory, as the pipeline does."""
    parsed = nlp.parse(article_from_text(text, "t", date_override=DAY))
    actors = find_actors(parsed.doc)
    memory = Memory()
    found: list[Attribution] = []
    for sent in parsed.sentences:
        found.extend(find_attributions(sent, actors, memory))
    return actors, tuple(found), memory


def token(text: str, w: str, nth: int = 0) -> Token:
    actors, _, _ = read(text)
    found = [t for t in actors.doc if t.text == w]
    assert len(found) > nth, f"{w!r} not in {text!r}"
    return found[nth]


def chain(text: str, w: str, nth: int = 0) -> list[tuple[str, str | None, str]]:
    """(name, country, kind) of the sources covering the token ``w``, innermost first."""
    t = token(text, w, nth)
    _, found, _ = read(text)
    sources, _ = chain_for(t, [a for a in found if a.cue.sent == t.sent])
    return [(s.name, s.country, s.kind) for s in sources]


def hedging(text: str, w: str) -> bool:
    t = token(text, w)
    _, found, _ = read(text)
    return chain_for(t, [a for a in found if a.cue.sent == t.sent])[1]


# ------------------------------------------------------------------ one source

@pytest.mark.parametrize("text, w, expected", [
    ("According to Reuters, North Korea shipped shells to Russia.", "shipped", [("Reuters", "GBR", "media")]),
    ("According to South Korea's defense ministry, North Korea shipped shells to Russia.", "shipped",
     [("South Korea's defense ministry", "KOR", "government")]),
    ("According to Time magazine, North Korea shipped shells to Russia.", "shipped", [("Time magazine", "USA", "media")]),
    ("Iran shipped missiles to Russia, according to U.S. officials.", "missiles", [("U.S. officials", "USA", "government")]),
    ("The Pentagon said North Korea shipped shells to Russia.", "shipped", [("Pentagon", "USA", "government")]),
    ("U.S. officials said Iran had shipped missiles to Russia.", "shipped", [("U.S. officials", "USA", "government")]),
    ("The Financial Times reported that China had sold chips to Russia.", "sold", [("Financial Times", "GBR", "media")]),
    ("The Kremlin said Russia had not received drones from Iran.", "received", [("Kremlin", "RUS", "government")]),
    ("White House spokesman John Kirby said Iran had shipped missiles to Russia.", "shipped",
     [("White House spokesman John Kirby", "USA", "person")]),
    ("Zelenskiy said in his nightly address that Iran had sent drones to Russia.", "sent", [("Zelenskiy", "UKR", "person")]),
    ("As Reuters reported on Monday, Iran shipped missiles to Russia.", "shipped", [("Reuters", "GBR", "media")]),
])
def test_source_before_or_around_the_claim(text: str, w: str, expected: list) -> None:
    assert chain(text, w) == expected


@pytest.mark.parametrize("text, w, expected", [
    ("North Korea shipped shells to Russia, the Pentagon said on Monday.", "shipped", [("Pentagon", "USA", "government")]),
    ("North Korea has sent shells to Russia, South Korea's Joint Chiefs of Staff said on Monday.", "sent",
     [("South Korea's Joint Chiefs of Staff", "KOR", "government")]),
    ("Iran has sent drones to Russia, Ukrainian President Volodymyr Zelenskiy said.", "sent",
     [("Ukrainian President Volodymyr Zelenskiy", "UKR", "person")]),
    ("Iran has sent drones to Russia, said Ukrainian President Volodymyr Zelenskiy.", "sent",
     [("Ukrainian President Volodymyr Zelenskiy", "UKR", "person")]),
    ("The drones were assembled in Russia, Time reported.", "assembled", [("Time", "USA", "media")]),
    ("North Korea has shipped shells, the Institute for the Study of War said.", "shipped",
     [("Institute for the Study of War", "USA", "organization")]),
    ("Iran has shipped missiles to Russia, U.S. officials told Reuters.", "shipped", [("U.S. officials", "USA", "government")]),
])
def test_trailing_source(text: str, w: str, expected: list) -> None:
    assert chain(text, w) == expected


@pytest.mark.parametrize("text, w, expected", [
    ("The question concerns the Washington Post report that Russia has supplied Iran with satellites.", "supplied",
     [("Washington Post report", "USA", "document")]),
    ("There are reports that Belarus has sent fuel to Russia.", "sent", [("reports", None, "document")]),
])
def test_a_report_that_is_the_source_of_its_clause(text: str, w: str, expected: list) -> None:
    assert chain(text, w) == expected


def test_reports_a_denial_dismisses_are_not_a_source() -> None:
    assert chain("Minsk dismissed as groundless reports that Belarus had sent fuel to Russia.", "sent") == []


def test_canonical_name_is_kept_beside_the_article_s_name() -> None:
    text = "The Pentagon said North Korea shipped shells to Russia."
    t = token(text, "shipped")
    _, found, _ = read(text)
    [source] = chain_for(t, list(found))[0]
    assert (source.name, source.canonical) == ("Pentagon", "U.S. Department of Defense")


# ------------------------------------------------------------------ relayed sources: innermost first

@pytest.mark.parametrize("text, w, expected", [
    ("Yonhap, citing the National Intelligence Service, reported that North Korea shipped shells to Russia.", "shipped",
     [("National Intelligence Service", "KOR", "government"), ("Yonhap", "KOR", "media")]),
    ("Time magazine, citing South Korean officials, reported that Pyongyang had shipped shells.", "shipped",
     [("South Korean officials", "KOR", "government"), ("Time magazine", "USA", "media")]),
    ("Reuters quoted a U.S. official as saying that Iran shipped missiles to Russia.", "shipped",
     [("U.S. official", "USA", "government"), ("Reuters", "GBR", "media")]),
    ("TASS quoted Dmitry Peskov as saying Moscow had received no weapons from Pyongyang.", "received",
     [("Dmitry Peskov", "RUS", "person"), ("TASS", "RUS", "media")]),
    ("The Wall Street Journal quoted U.S. officials as saying Iran had shipped missiles to Russia.", "shipped",
     [("U.S. officials", "USA", "government"), ("Wall Street Journal", "USA", "media")]),
])
def test_citing_and_quoting_put_the_inner_source_first(text: str, w: str, expected: list) -> None:
    assert chain(text, w) == expected


def test_trailing_citing_joins_the_verb_of_saying() -> None:
    text = "North Korea has shipped shells, Reuters reported, citing three sources."
    assert [(name, kind) for name, _, kind in chain(text, "shipped")] == [("three sources", "unknown"), ("Reuters", "media")]


# ------------------------------------------------------------------ documents and "the report"

@pytest.mark.parametrize("text, w, expected", [
    ("A UN report said North Korea shipped coal to China.", "shipped", [("UN report", None, "document")]),
    ("A statement from the Polish Defense Ministry said the tanks were delivered in May.", "delivered",
     [("statement from the Polish Defense Ministry", "POL", "document")]),
    ("The tanks arrived in Poland in May, according to a statement from the Polish Defense Ministry.", "arrived",
     [("statement from the Polish Defense Ministry", "POL", "document")]),
    ("According to a Pentagon assessment, Iran shipped missiles to Russia.", "shipped",
     [("Pentagon assessment", "USA", "document")]),
    ("Satellite images show that the ship docked at Rajin.", "docked", [("Satellite images", None, "document")]),
])
def test_document_sources_with_their_owner(text: str, w: str, expected: list) -> None:
    assert chain(text, w) == expected


@pytest.mark.parametrize("text, w, nth, expected", [
    ("Kyodo News reported the sale on Friday. The report said Russia had shipped oil to North Korea.",
     "shipped", 0, [("Kyodo News", "JPN", "media")]),
    ("The Financial Times reported on Monday that China had sold chips to Russia. "
     "The report said the chips were shipped through Hong Kong.", "shipped", 0, [("Financial Times", "GBR", "media")]),
    ("Reuters published the findings on Monday. North Korea shipped coal to China, the report said.",
     "shipped", 0, [("Reuters", "GBR", "media")]),
    ("A UN report said North Korea shipped coal to China. The report also said the coal was shipped to Nampo.",
     "shipped", 1, [("UN report", None, "document")]),
    ("A UN report said North Korea shipped coal to China. The coal was shipped to Nampo, the report said.",
     "shipped", 1, [("UN report", None, "document")]),
])
def test_the_report_is_the_report_named_before(text: str, w: str, nth: int, expected: list) -> None:
    assert chain(text, w, nth) == expected


def test_the_report_with_nothing_before_it_is_an_unnamed_document() -> None:
    assert chain("The report said North Korea shipped coal to China.", "shipped") == [("report", None, "document")]


def test_memory_keeps_the_last_report_across_sentences() -> None:
    _, _, memory = read("Kyodo News reported the sale on Friday. The ship docked at Nampo on Sunday.")
    assert [(s.name, s.kind) for s in memory.last_report] == [("Kyodo News", "media")]


# ------------------------------------------------------------------ pronouns

@pytest.mark.parametrize("text, w, expected", [
    ("Zelenskiy met reporters in Kyiv. He said Iran had sent more drones to Russia.", "sent",
     [("Volodymyr Zelenskyy", "UKR", "person")]),
    ("Putin spoke on Tuesday. Iran has not sent missiles to Russia, he said.", "sent",
     [("Vladimir Putin", "RUS", "person")]),
    ("Two U.S. officials said Iran shipped missiles. They said the missiles arrived in May.", "arrived",
     [("U.S. officials", "USA", "government")]),
])
def test_pronoun_sources_point_back(text: str, w: str, expected: list) -> None:
    """Compared by canonical name: "he" is the person named before, whatever the article called him."""
    t = token(text, w)
    _, found, _ = read(text)
    sources, _ = chain_for(t, [a for a in found if a.cue.sent == t.sent])
    assert [(s.canonical or s.name, s.country, s.kind) for s in sources] == expected


def test_he_with_no_one_named_before_is_no_source() -> None:
    assert chain("He said Iran had sent drones to Russia.", "sent") == []


# ------------------------------------------------------------------ denial as a cue

@pytest.mark.parametrize("text, w, expected", [
    ("Iran denied sending drones to Russia.", "sending", [("Iran", "IRN", "government")]),
    ("Moscow denied that it had received shells from Pyongyang.", "received", [("Moscow", "RUS", "government")]),
    ("North Korea has denied shipping arms to Russia.", "shipping", [("North Korea", "PRK", "government")]),
])
def test_the_denier_is_the_source(text: str, w: str, expected: list) -> None:
    assert chain(text, w) == expected


# ------------------------------------------------------------------ hedging cues

@pytest.mark.parametrize("text, w, hedged", [
    ("Kyiv claims Iran has shipped missiles to Russia.", "shipped", True),
    ("Russia has received missiles from Iran, the Pentagon alleged.", "missiles", True),
    ("Iran shipped missiles to Russia, Ukrainian officials claimed on Monday.", "missiles", True),
    ("The Pentagon said North Korea shipped shells to Russia.", "shipped", False),
    ("According to Reuters, North Korea shipped shells to Russia.", "shipped", False),
])
def test_claim_and_allege_hedge_what_they_cover(text: str, w: str, hedged: bool) -> None:
    assert hedging(text, w) is hedged


# ------------------------------------------------------------------ no attribution

@pytest.mark.parametrize("text, w", [
    ("North Korea shipped shells to Russia in 2023.", "shipped"),
    ("Russia received the missiles last year.", "received"),
    # a source in one sentence does not cover the next
    ("U.S. officials said Iran shipped missiles to Russia. Iran shipped drones too.", "drones"),
    ("North Korea shipped coal to China. The ship docked at Nampo.", "docked"),
])
def test_own_voice_has_an_empty_chain(text: str, w: str) -> None:
    assert chain(text, w) == []


def test_sentence_without_cues_has_no_attributions() -> None:
    _, found, _ = read("Officials in Kyiv are worried about the winter.")
    assert found == ()


def test_the_source_words_are_not_covered_by_their_own_attribution() -> None:
    text = "North Korea shipped shells to Russia, the Pentagon said on Monday."
    assert chain(text, "Pentagon") == []
    assert chain(text, "Russia") == [("Pentagon", "USA", "government")]


# ------------------------------------------------------------------ regressions found in review

@pytest.mark.parametrize("text, w, expected", [
    ("Time, citing the South Korean defense ministry, writes that North Korea shipped shells to Russia.", "shipped",
     ["South Korean defense ministry", "Time"]),
    ("Kyodo News reported, citing government sources, that the ship had unloaded oil.", "unloaded",
     ["government sources", "Kyodo News"]),
    ("Western officials said North Korea had shipped shells, but Pyongyang denied it.", "shipped", ["Western officials"]),
    ("North Korea has shipped shells to Russia, claimed the Kremlin.", "shipped", ["Kremlin"]),
    ("North Korea shipped fuel, the Security Council's panel of experts said.", "shipped", ["panel of experts"]),
    ("A spokesman for the German government said Berlin had sent tanks.", "sent", ["spokesman for the German government"]),
    ("A UN panel of experts published a report on Monday. The report said Iran had shipped drones.", "shipped",
     ["UN panel of experts"]),
])
def test_chains_found_in_review(text, w, expected):
    assert [name for name, _, _ in chain(text, w)] == expected


def test_he_is_the_subject_named_before_not_the_object():
    text = "Putin met Kim Jong-un in Pyongyang on Wednesday. Russia has received no shells, he said."
    assert [name for name, _, _ in chain(text, "received")] == ["Vladimir Putin"]


def test_a_source_that_claims_hedges():
    assert hedging("North Korea has shipped shells to Russia, claimed the Kremlin.", "shipped")
