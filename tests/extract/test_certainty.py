"""Modality of a transfer word: is it a claim that something moved, and if so is it hedged
or denied? Conditions, requests, plans, readiness, capability, prevention, bans and questions
make no claim; "will send" is future; cue words outside the transfer's own clause
("sanctioned companies that supplied drones", "arms sales declined") change nothing.

The pipeline codes certainty from these fields: negated -> denied, hedged -> hedged,
otherwise asserted (or reported when a source is attached).
"""
from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from spacy.tokens import Doc, Token

from lading import nlp
from lading.extract.certainty import Modality, modality
from lading.ingest.text import article_from_text

DAY = date(2024, 3, 18)


@cache
def doc(text: str) -> Doc:
    return nlp.parse(article_from_text(text, "t", date_override=DAY)).doc


def word(text: str, w: str) -> Token:
    """The first token of ``text`` spelled ``w``."""
    found = [t for t in doc(text) if t.text == w]
    assert found, f"{w!r} not in {text!r}"
    return found[0]


def mod(text: str, trigger: str, goods: str | None = None) -> Modality:
    return modality(word(text, trigger), word(text, goods) if goods else None)


def certainty(m: Modality) -> str:
    """The certainty a claim gets by the conventions (sources aside), or why it is none."""
    if not m.claim:
        return f"no claim: {m.nonfactual}"
    if m.future:
        return "future"
    if m.negated:
        return "denied"
    if m.hedged:
        return "hedged"
    return "asserted"


# ------------------------------------------------------------------ plain claims

@pytest.mark.parametrize("sentence, trigger, goods", [
    ("North Korea supplied shells to Russia.", "supplied", "shells"),
    ("Russia has received millions of shells from North Korea.", "received", "millions"),
    ("North Korea has been shipping shells to Russia since August.", "shipping", "shells"),
    ("Iran did ship drones to Russia, officials said.", "ship", "drones"),
    ("North Korea shipped shells to Russia, the ministry said.", "shipped", "shells"),
    ("Officials said the shipment of shells arrived on Monday.", "shipment", "shells"),
    ("Moscow halted gas deliveries to Europe.", "deliveries", "gas"),
    ("Iran has shipped drones to Russia without Western approval.", "shipped", "drones"),
])
def test_plain_claims(sentence: str, trigger: str, goods: str) -> None:
    m = mod(sentence, trigger, goods)
    assert m == Modality(nonfactual=None, future=False, negated=False, hedged=False)
    assert m.claim


# ------------------------------------------------------------------ hedges

@pytest.mark.parametrize("sentence, trigger, goods", [
    ("North Korea may have supplied artillery shells to Russia.", "supplied", "shells"),
    ("North Korea might have shipped shells through Rajin.", "shipped", "shells"),
    ("North Korea may be supplying artillery shells to Russia.", "supplying", "shells"),
    ("North Korea reportedly sent artillery shells to Russia.", "sent", "shells"),
    ("Iran allegedly shipped drones to Russia.", "shipped", "drones"),
    ("Iran apparently shipped the missiles in January.", "shipped", "missiles"),
    ("Iran probably delivered the drones in August.", "delivered", "drones"),
    ("Iran is suspected of shipping drones to Russia.", "shipping", "drones"),
    ("North Korea is believed to have sent missiles to Russia.", "sent", "missiles"),
    ("Iran is thought to have shipped drones to Russia.", "shipped", "drones"),
    ("It is believed that North Korea sent shells to Russia.", "sent", "shells"),
    ("Officials suspect that Iran shipped drones to Russia.", "shipped", "drones"),
    ("Washington accused Pyongyang of sending shells to Moscow.", "sending", "shells"),
    ("Officials condemned the alleged transfer of missiles to Russia.", "transfer", "missiles"),
    ("The suspected shipment of drones reached Russia in May.", "shipment", "drones"),
    ("A reported delivery of missiles was tracked by satellites.", "delivery", "missiles"),
])
def test_hedged_claims(sentence: str, trigger: str, goods: str) -> None:
    assert certainty(mod(sentence, trigger, goods)) == "hedged"


# ------------------------------------------------------------------ denials and negation

@pytest.mark.parametrize("sentence, trigger, goods", [
    ("Moscow denied sending weapons to Pyongyang.", "sending", "weapons"),
    ("Moscow has repeatedly denied receiving shells from Pyongyang.", "receiving", "shells"),
    ("Iran denied that it had sent drones to Russia.", "sent", "drones"),
    ("Russia and Iran have denied any transfer of drones.", "transfer", "drones"),
    ("Pyongyang rejected claims that it had supplied arms to Moscow.", "supplied", "arms"),
    ("Moscow dismissed reports that it had received missiles from Iran.", "received", "missiles"),
    ("Russia's envoy dismissed accusations it is getting weapons from North Korea.", "getting", "weapons"),
    ("China did not send weapons to Russia.", "send", "weapons"),
    ("China didn't ship lethal weapons to Russia.", "ship", "weapons"),
    ("Seoul has not provided lethal weapons to Kyiv.", "provided", "weapons"),
    ("Beijing insists it has not provided weapons to Moscow.", "provided", "weapons"),
    ("China has never sold weapons to Russia.", "sold", "weapons"),
    ("Tehran has never supplied drones to Moscow, the ministry said.", "supplied", "drones"),
    ("There is no evidence that China shipped weapons to Russia.", "shipped", "weapons"),
])
def test_denied_claims(sentence: str, trigger: str, goods: str) -> None:
    m = mod(sentence, trigger, goods)
    assert m.claim
    assert m.negated
    assert certainty(m) == "denied"


def test_hedged_denial_keeps_both_marks() -> None:
    m = mod("North Korea reportedly has not sent shells to Russia.", "sent", "shells")
    assert (m.negated, m.hedged, m.claim) == (True, True, True)


# ------------------------------------------------------------------ no claim at all

@pytest.mark.parametrize("sentence, trigger, goods, reason", [
    ("If China supplies weapons to Russia, it will face sanctions.", "supplies", "weapons", "conditional"),
    ("Unless Iran stops shipping missiles, the talks will collapse.", "shipping", "missiles", "conditional"),
    ("Should Iran send missiles, Israel would respond.", "send", "missiles", "conditional"),
    ("Had Germany delivered tanks earlier, Kyiv would have held the city.", "delivered", "tanks", "conditional"),
    ("Analysts asked whether Iran had sent missiles to Russia.", "sent", "missiles", "conditional"),
    ("Kyiv asked Berlin to send more shells.", "send", "shells", "request"),
    ("Kyiv asked for more shell deliveries.", "deliveries", "shell", "request"),
    ("Ukraine urged Germany to send Taurus missiles.", "send", "missiles", "request"),
    ("Ukraine wants Germany to deliver Taurus missiles.", "deliver", "missiles", "request"),
    ("Iran agreed to supply drones to Russia.", "supply", "drones", "plan"),
    ("India plans to buy Russian oil.", "buy", "oil", "plan"),
    ("Russia has promised to deliver wheat to six African countries.", "deliver", "wheat", "plan"),
    ("The EU is considering sending more air defense systems.", "sending", "systems", "plan"),
    ("The U.S. pledged to provide $1 billion in aid.", "provide", "billion", "plan"),
    ("Russia is expected to deliver fuel next month.", "deliver", "fuel", "plan"),
    ("South Korea is ready to supply shells to Poland.", "supply", "shells", "readiness"),
    ("North Korea could supply more shells to Russia.", "supply", "shells", "capability"),
    ("Iran can produce and ship drones quickly.", "ship", "drones", "capability"),
    ("Washington warned Pyongyang against supplying arms to Moscow.", "supplying", "arms", "prevention"),
    ("The sanctions restrict the import of Russian oil.", "import", "oil", "restriction"),
    ("The embargo prohibits the sale of arms to Iran.", "sale", "arms", "restriction"),
    ("The EU banned imports of Russian diesel in February.", "imports", "diesel", "restriction"),
    ("The U.S. banned the export of chips to China.", "export", "chips", "restriction"),
    ("Did North Korea ship missiles to Russia?", "ship", "missiles", "question"),
    # a refusal or a failure is not a denial: nothing moved, and nobody says it did
    ("Germany refused to deliver Taurus missiles to Ukraine.", "deliver", "missiles", "refusal"),
    ("Pyongyang failed to deliver the promised fuel.", "deliver", "fuel", "refusal"),
    ("Berlin declined to send fighter jets to Kyiv.", "send", "jets", "refusal"),
    ("Hungary has refused to allow arms deliveries to Ukraine through its territory.", "deliveries", "arms", "refusal"),
])
def test_not_a_claim(sentence: str, trigger: str, goods: str, reason: str) -> None:
    m = mod(sentence, trigger, goods)
    assert not m.claim
    assert m.nonfactual == reason


@pytest.mark.parametrize("sentence, trigger, goods", [
    ("Russia will send fuel to Pyongyang next year.", "send", "fuel"),
    ("Iran will have delivered the drones by March.", "delivered", "drones"),
])
def test_future_is_marked_for_the_date_check(sentence: str, trigger: str, goods: str) -> None:
    m = mod(sentence, trigger, goods)
    assert m.future
    assert not m.negated and not m.hedged


def test_question_mark_makes_any_transfer_word_no_claim() -> None:
    m = mod("Will North Korea send more shells to Russia?", "send", "shells")
    assert m.nonfactual == "question"


# ------------------------------------------------------------------ cue words that govern something else

@pytest.mark.parametrize("sentence, trigger, goods", [
    # the sanction is on the companies; that they supplied drones is a claim
    ("Washington sanctioned companies that supplied drones to Russia.", "supplied", "drones"),
    ("Washington imposed sanctions on firms that shipped chips to Russia.", "shipped", "chips"),
    ("The firms that shipped chips to Russia were sanctioned.", "shipped", "chips"),
    # the sales declined; they happened
    ("Arms sales to Russia declined in 2023.", "sales", "Arms"),
    ("Arms deliveries to Russia fell sharply in 2023.", "deliveries", "Arms"),
    ("Chinese exports of drones to Russia declined last year.", "exports", "drones"),
    # the seizure is of the ship; the arms were sent
    ("The ship carrying arms that North Korea sent was seized.", "sent", "arms"),
    # a headline's second verb rejects something of its own, not the sending it is parsed to govern
    ("Russia sends military equipment to Syria, rejects U.S. concerns", "sends", "equipment"),
    ("Belarus ships tanks to Russia, dismisses Western criticism", "ships", "tanks"),
])
def test_cue_words_outside_the_transfer_leave_a_plain_claim(sentence: str, trigger: str, goods: str) -> None:
    assert certainty(mod(sentence, trigger, goods)) == "asserted"


def test_a_denial_of_the_clause_itself_still_denies_it() -> None:
    assert certainty(mod("Iran sent drones to Russia, Tehran denies.", "sent", "drones")) == "denied"
    assert certainty(mod("Iran denies supplying drones to Russia, rejects U.S. claims", "supplying", "drones")) == "denied"


def test_negation_in_a_relative_clause_still_counts_for_its_own_verb() -> None:
    m = mod("The supplier, which never exported arms, was sanctioned.", "exported", "arms")
    assert m.negated


def test_modality_without_goods_head() -> None:
    assert certainty(mod("Iran allegedly shipped drones to Russia.", "shipped")) == "hedged"
    assert certainty(mod("China did not send weapons to Russia.", "send")) == "denied"


# ------------------------------------------------------------------ regressions found in review

@pytest.mark.parametrize("sentence, trigger, goods, expected", [
    ("Were Iran to ship missiles to Russia, the EU would respond.", "ship", "missiles", "no claim: conditional"),
    ("Iran is set to deliver missiles to Russia.", "deliver", "missiles", "no claim: readiness"),
    ("Berlin rejected a request to deliver Taurus missiles to Kyiv.", "deliver", "missiles", "no claim: plan"),
    ("North Korea sent no missiles to Russia last year.", "sent", "missiles", "denied"),
    ("China has not stopped selling chips to Russia.", "selling", "chips", "asserted"),
    ("Sanctions have not prevented China from selling chips to Russia.", "selling", "chips", "asserted"),
    ("Kyiv has asked for jets, and the Netherlands delivered F-16s in 2024.", "delivered", "F-16s", "asserted"),
])
def test_double_negatives_coordination_and_inverted_conditions(sentence, trigger, goods, expected):
    assert certainty(mod(sentence, trigger, goods)) == expected
