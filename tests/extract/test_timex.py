"""Time expressions in wire-style sentences: TIMEX3 spans and values against the article date."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lading.extract.timex import Tense, find_times, normalize

D = dt.date
MONDAY = D(2024, 3, 18)  # the default article date: Monday of ISO week 12
WEDNESDAY = D(2024, 3, 20)


def found(text: str, dct: dt.date | None = MONDAY, tense: Tense | None = None) -> list[tuple[str, str, str | None]]:
    """(text, type, value) of every expression, with one tense for the whole text."""
    callback = None if tense is None else (lambda _offset: tense)
    return [(e.text, e.type, e.value) for e in find_times(text, dct, tense=callback)]


def only(text: str, dct: dt.date | None = MONDAY, tense: Tense | None = None) -> tuple[str, str, str | None]:
    expressions = found(text, dct, tense)
    assert len(expressions) == 1, expressions
    return expressions[0]


# ------------------------------------------------------------------ absolute dates

@pytest.mark.parametrize("sentence, expected", [
    ("Exports of the rifles began in 2023, customs data show.", ("2023", "DATE", "2023")),
    ("The frigate was handed over in March 2024, the navy said.", ("March 2024", "DATE", "2024-03")),
    ("The tanker left Tartus on March 18, 2024, tracking data showed.", ("March 18, 2024", "DATE", "2024-03-18")),
    ("The contract was signed in Minsk on 18 March 2024.", ("18 March 2024", "DATE", "2024-03-18")),
    ("The vessel docked at Novorossiysk on 2024-03-18, the filing says.", ("2024-03-18", "DATE", "2024-03-18")),
    ("The accord was initialled on the 5th of May 2022.", ("5th of May 2022", "DATE", "2022-05-05")),
    ("Deliveries began in mid-2018, two officials said.", ("mid-2018", "DATE", "2018")),
    ("The first batch of drones arrived in early 2023.", ("early 2023", "DATE", "2023")),
    ("Transfers of small arms surged in the 1990s, the institute found.", ("the 1990s", "DATE", "199")),
    ("Sales to Gulf states doubled in the 2010s.", ("the 2010s", "DATE", "201")),
    ("Stockpiles built up in the late 1970s were sold off.", ("the late 1970s", "DATE", "197")),
    ("Many of the rifles date from the 1980s.", ("the 1980s", "DATE", "198")),
    ("Soviet-era 1960s stock was also found.", ("1960s", "DATE", "196")),
    ("Most of the tanks were built in the 20th century.", ("the 20th century", "DATE", "19")),
    ("Arms revenue fell in the first quarter of 2023.", ("the first quarter of 2023", "DATE", "2023-Q1")),
    ("The yard expects to finish the hull in the second half of 2025.",
     ("the second half of 2025", "DATE", "2025-H2")),
    ("Exports rose 12 percent in Q1 2024.", ("Q1 2024", "DATE", "2024-Q1")),
    ("Grain shipments resumed in summer 2023, port officials said.", ("summer 2023", "DATE", "2023-SU")),
    ("The plant was shut in the winter of 2022.", ("the winter of 2022", "DATE", "2022-WI")),
    ("Earnings for fiscal 2023 were a record.", ("fiscal 2023", "DATE", "2023")),
    ("The pipeline will be finished by the end of 2025.", ("the end of 2025", "DATE", "2025")),
    ("The ammunition plant opened in 1898.", ("1898", "DATE", "1898")),
])
def test_absolute_dates(sentence: str, expected: tuple[str, str, str]) -> None:
    assert only(sentence) == expected


def test_absolute_dates_do_not_depend_on_the_dct() -> None:
    sentence = "The sale was agreed in 2023 and approved in March 2024."
    expected = [("2023", "DATE", "2023"), ("March 2024", "DATE", "2024-03")]
    assert found(sentence, D(1999, 1, 1)) == found(sentence, D(2030, 6, 1)) == found(sentence, None) == expected


def test_year_pairs_and_ranges() -> None:
    sentence = "Imports grew between 2019 and 2021 and from 2014 to 2022, and again in 2022-2023."
    assert [value for _, _, value in found(sentence)] == ["2019", "2021", "2014", "2022", "2022", "2023"]


@pytest.mark.parametrize("sentence, year", [
    ("Russia's 2022 invasion upended the market.", "2022"),
    ("The 2014 annexation of Crimea was not recognized.", "2014"),
    ("A 2019 report by the panel named the broker.", "2019"),
    ("Orders placed since 2015 have not been filled.", "2015"),
    ("The guarantees run until 2030.", "2030"),
])
def test_years_in_time_like_contexts(sentence: str, year: str) -> None:
    assert only(sentence) == (year, "DATE", year)


# -------------------------------------------------------- month and day, no year

@pytest.mark.parametrize("sentence, span", [
    ("The tanker loaded crude on Feb. 27, port data show.", "Feb. 27"),
    ("The tanker loaded crude on Feb 27, port data show.", "Feb 27"),
    ("The tanker loaded crude on 27 February, port data show.", "27 February"),
])
def test_day_and_month_resolve_against_the_dct(sentence: str, span: str) -> None:
    assert only(sentence) == (span, "DATE", "2024-02-27")


def test_day_just_before_a_new_year_article_is_last_year() -> None:
    assert only("The shipment cleared customs on Dec. 30, officials said.", D(2024, 1, 5)) == (
        "Dec. 30", "DATE", "2023-12-30")


def test_day_and_month_follow_the_tense() -> None:
    assert only("Talks will resume on March 20.", MONDAY, "future") == ("March 20", "DATE", "2024-03-20")
    assert only("The ship docked on March 20.", MONDAY, "past") == ("March 20", "DATE", "2023-03-20")
    # in a future-tense clause a day less than six months back is still taken to be that day
    assert only("The talks will resume on March 10.", MONDAY, "future") == ("March 10", "DATE", "2024-03-10")


def test_day_and_month_with_unknown_tense_take_the_nearest() -> None:
    assert only("The convoy is expected to arrive on Jan. 14.", D(2024, 1, 7)) == ("Jan. 14", "DATE", "2024-01-14")


def test_february_29_and_impossible_days() -> None:
    assert found("One cargo landed on Feb. 29 and another on Feb. 30.", D(2023, 3, 1), "past") == [
        ("Feb. 29", "DATE", "2020-02-29")]


# --------------------------------------------------------------------- months

def test_last_month_name_is_the_most_recent_one_before_the_dct_month() -> None:
    sentence = "Russia received the shipment last September, officials said."
    assert only(sentence, D(2024, 3, 18)) == ("last September", "DATE", "2023-09")
    assert only(sentence, D(2024, 10, 5)) == ("last September", "DATE", "2024-09")
    assert only("The contract was signed last December.", D(2024, 1, 5)) == ("last December", "DATE", "2023-12")


def test_next_and_this_month_name() -> None:
    assert only("Deliveries are due to start next March.") == ("next March", "DATE", "2025-03")
    assert only("The ministry will decide this September.") == ("this September", "DATE", "2024-09")


def test_bare_month_follows_the_tense() -> None:
    assert only("The drones arrived in October.", D(2024, 3, 18), "past") == ("October", "DATE", "2023-10")
    assert only("The drones arrived in October.", D(2024, 10, 5), "past") == ("October", "DATE", "2024-10")
    assert only("More drones will arrive in December.", D(2024, 11, 20), "future") == ("December", "DATE", "2024-12")
    assert only("More drones will arrive in October.", D(2024, 3, 18), "future") == ("October", "DATE", "2024-10")
    assert only("The drones arrived in October.", D(2024, 3, 18)) == ("October", "DATE", "2023-10")


def test_month_with_modifier() -> None:
    assert only("Deliveries slowed in late September.", MONDAY, "past") == ("late September", "DATE", "2023-09")
    assert only("The talks stalled in mid-February.", MONDAY, "past") == ("mid-February", "DATE", "2024-02")
    assert only("The order was placed in January this year.") == ("January this year", "DATE", "2024-01")
    assert only("The order was placed in June last year.") == ("June last year", "DATE", "2023-06")


def test_ambiguous_month_names_need_a_time_like_context() -> None:
    assert found("Deliveries halted in May.", MONDAY, "past") == [("May", "DATE", "2023-05")]
    assert found("The shipments ran from March to May.", MONDAY, "past") == [
        ("March", "DATE", "2024-03"), ("May", "DATE", "2023-05")]
    assert found("Officials said Iran may have supplied the drones.") == []
    assert found("May said the sanctions would stay.") == []
    assert found("The March on Washington drew large crowds.") == []
    assert found("White House reporter April Ryan asked about the sale.") == []


def test_unambiguous_month_names_and_abbreviations() -> None:
    assert only("The September shipment was seized.", MONDAY, "past") == ("September", "DATE", "2023-09")
    assert only("Flights have been suspended since Sept. 5.", MONDAY, "past") == ("Sept. 5", "DATE", "2023-09-05")
    assert only("Flights were suspended in Sept., officials said.", MONDAY, "past") == ("Sept.", "DATE", "2023-09")
    assert found("The envoy Jan Kubis met the minister.") == []


# ------------------------------------------------------------- relative to the DCT

@pytest.mark.parametrize("sentence, dct, expected", [
    ("The minister confirmed the sale today.", MONDAY, ("today", "DATE", "2024-03-18")),
    ("Customs officers seized the cargo yesterday.", MONDAY, ("yesterday", "DATE", "2024-03-17")),
    ("The vessel is due in port tomorrow.", MONDAY, ("tomorrow", "DATE", "2024-03-19")),
    ("Iran shipped the missiles last year, officials said.", D(2024, 1, 2), ("last year", "DATE", "2023")),
    ("Exports are expected to double this year.", MONDAY, ("this year", "DATE", "2024")),
    ("The next tranche will be delivered next year.", MONDAY, ("next year", "DATE", "2025")),
    ("The cargo was unloaded last month.", D(2024, 1, 10), ("last month", "DATE", "2023-12")),
    ("Talks continue this month.", MONDAY, ("this month", "DATE", "2024-03")),
    ("A second convoy is planned for next month.", D(2024, 12, 3), ("next month", "DATE", "2025-01")),
    ("Two ships arrived last week.", MONDAY, ("last week", "DATE", "2024-W11")),
    ("The ministry will publish the figures this week.", MONDAY, ("this week", "DATE", "2024-W12")),
    ("The panel meets next week.", MONDAY, ("next week", "DATE", "2024-W13")),
    ("This week's talks were cancelled.", D(2024, 12, 30), ("This week", "DATE", "2025-W01")),
    ("Protests are planned for this weekend.", WEDNESDAY, ("this weekend", "DATE", "2024-W12-WE")),
    ("The depot was hit over the weekend.", MONDAY, ("the weekend", "DATE", "2024-W11-WE")),
    ("Results for the third quarter were weak.", MONDAY, ("the third quarter", "DATE", "2023-Q3")),
    ("Exports fell last quarter.", MONDAY, ("last quarter", "DATE", "2023-Q4")),
    ("The harbour froze last summer.", D(2024, 3, 18), ("last summer", "DATE", "2023-SU")),
    ("The harbour froze last summer.", D(2024, 10, 5), ("last summer", "DATE", "2024-SU")),
    ("Work on the base will start this spring.", MONDAY, ("this spring", "DATE", "2024-SP")),
    ("Fighting eased in the autumn.", MONDAY, ("the autumn", "DATE", "2023-FA")),
    ("The rifles were made in the '90s.", MONDAY, ("the '90s", "DATE", "199")),
])
def test_relative_dates(sentence: str, dct: dt.date, expected: tuple[str, str, str]) -> None:
    assert only(sentence, dct) == expected


def test_quarter_without_year_follows_the_tense() -> None:
    assert only("Deliveries will resume in the third quarter.", MONDAY, "future") == (
        "the third quarter", "DATE", "2024-Q3")
    assert only("The company posted third-quarter losses.", MONDAY, "past") == ("third-quarter", "DATE", "2023-Q3")


@pytest.mark.parametrize("sentence, expected", [
    ("The minister said the deal was signed two years ago.", ("two years ago", "DATE", "2022")),
    ("The warehouse was raided three months ago.", ("three months ago", "DATE", "2023-12")),
    ("The convoy crossed the border five days ago.", ("five days ago", "DATE", "2024-03-13")),
    ("The factory closed a decade ago.", ("a decade ago", "DATE", "2014")),
    ("The envoy visited two weeks ago.", ("two weeks ago", "DATE", "2024-W10")),
    ("The route was opened more than two years ago.", ("more than two years ago", "DATE", "2022")),
    ("A similar cargo was seized a few years ago.", ("a few years ago", "DATE", "PAST_REF")),
    ("Sanctions were imposed earlier this year.", ("earlier this year", "DATE", "2024")),
    ("The embargo was eased earlier this month.", ("earlier this month", "DATE", "2024-03")),
    ("The first shells arrived late last year.", ("late last year", "DATE", "2023")),
    ("Imports have tripled since last year.", ("last year", "DATE", "2023")),
    ("The sale is expected to close early next week.", ("early next week", "DATE", "2024-W13")),
])
def test_ago_and_modified_relative_dates(sentence: str, expected: tuple[str, str, str]) -> None:
    assert only(sentence) == expected


def test_weekdays() -> None:
    sentence = "The minister flew to Tehran on Tuesday, met envoys Monday and left Friday."
    assert found(sentence, WEDNESDAY) == [
        ("Tuesday", "DATE", "2024-03-19"), ("Monday", "DATE", "2024-03-18"), ("Friday", "DATE", "2024-03-15")]
    # the article's own weekday is the article's day
    assert only("The navy said on Wednesday it had tracked the ship.", WEDNESDAY) == (
        "Wednesday", "DATE", "2024-03-20")


def test_weekdays_follow_the_tense() -> None:
    assert found("The envoys will meet on Friday and again on Wednesday.", WEDNESDAY, "future") == [
        ("Friday", "DATE", "2024-03-22"), ("Wednesday", "DATE", "2024-03-20")]
    assert only("The envoys met on Friday.", WEDNESDAY, "past") == ("Friday", "DATE", "2024-03-15")


def test_last_and_next_weekday_and_possessive() -> None:
    sentence = "The ship sailed last Friday and is due next Thursday, after Friday's inspection."
    assert found(sentence, WEDNESDAY) == [
        ("last Friday", "DATE", "2024-03-15"), ("next Thursday", "DATE", "2024-03-21"),
        ("Friday", "DATE", "2024-03-15")]


# ------------------------------------------------------------------ durations

@pytest.mark.parametrize("sentence, expected", [
    ("Exports have fallen over the past year.", ("the past year", "DURATION", "P1Y")),
    ("Prices doubled over the past two years.", ("the past two years", "DURATION", "P2Y")),
    ("No flights landed in the last 24 hours.", ("the last 24 hours", "DURATION", "PT24H")),
    ("More shipments are expected in the next few weeks.", ("the next few weeks", "DURATION", "PXW")),
    ("The port was closed for three weeks.", ("three weeks", "DURATION", "P3W")),
    ("The blockade has lasted more than two years.", ("more than two years", "DURATION", "P2Y")),
    ("The crew was held for 24 hours.", ("24 hours", "DURATION", "PT24H")),
    ("The licence is valid for a year.", ("a year", "DURATION", "P1Y")),
    ("The talks could take a few years.", ("a few years", "DURATION", "PXY")),
    ("Inspectors spent several months at the site.", ("several months", "DURATION", "PXM")),
    ("The ban was extended by a couple of years.", ("a couple of years", "DURATION", "P2Y")),
    ("The ceasefire held for twenty-four hours.", ("twenty-four hours", "DURATION", "PT24H")),
    ("The exporter has thirty days to appeal.", ("thirty days", "DURATION", "P30D")),
    ("The two sides signed a two-year contract.", ("two-year", "DURATION", "P2Y")),
    ("The feud has simmered for dozens of years.", ("dozens of years", "DURATION", "PXY")),
    ("The embargo lasted two decades.", ("two decades", "DURATION", "P20Y")),
    ("Inflation has risen in recent years.", ("recent years", "DURATION", "PXY")),
    ("The route has been used for years.", ("years", "DURATION", "PXY")),
])
def test_durations(sentence: str, expected: tuple[str, str, str]) -> None:
    assert only(sentence) == expected


@pytest.mark.parametrize("phrase, value", [
    ("one week", "P1W"), ("eleven months", "P11M"), ("nineteen years", "P19Y"), ("twenty years", "P20Y"),
    ("thirty-five days", "P35D"), ("90 minutes", "PT90M"), ("1.5 years", "P1Y6M"), ("a few days", "PXD"),
    ("several weeks", "PXW"), ("a dozen years", "P12Y"), ("an hour", "PT1H"), ("a century", "P100Y"),
])
def test_number_words_and_units(phrase: str, value: str) -> None:
    assert only(f"The inspection lasted {phrase}, the agency said.") == (phrase, "DURATION", value)


# ----------------------------------------------------------------------- sets

@pytest.mark.parametrize("sentence, expected", [
    ("The plant makes 300 drones each year.", ("each year", "SET", "P1Y")),
    ("The ministry publishes the figures annually.", ("annually", "SET", "P1Y")),
    ("Trains cross the border every week.", ("every week", "SET", "P1W")),
    ("The convoys run weekly, drivers said.", ("weekly", "SET", "P1W")),
    ("The field pumps 100,000 barrels a day.", ("a day", "SET", "P1D")),
    ("The freighter calls at the port twice a year.", ("a year", "SET", "P1Y")),
    ("The deal is worth $5 million per year.", ("per year", "SET", "P1Y")),
    ("The depot is resupplied every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
    ("Inspectors visit the site every two months.", ("every two months", "SET", "P2M")),
])
def test_sets(sentence: str, expected: tuple[str, str, str]) -> None:
    assert only(sentence) == expected


def test_outlet_names_are_not_sets_or_dates() -> None:
    assert found("The Daily Mail and China Daily carried the story, as did USA Today and Russia Today.") == []


# ----------------------------------------------------------------------- times

def test_clock_time_is_on_the_dct_only_when_it_is_known() -> None:
    assert only("The cargo plane landed at 3 p.m., witnesses said.") == ("3 p.m.", "TIME", "2024-03-18T15:00")
    assert only("The cargo plane landed at 3 p.m., witnesses said.", None) == ("3 p.m.", "TIME", None)


def test_clock_time_takes_the_day_named_with_it() -> None:
    assert found("The convoy left on Monday at 3 p.m. local time.", WEDNESDAY) == [
        ("Monday", "DATE", "2024-03-18"), ("3 p.m. local time", "TIME", "2024-03-18T15:00")]
    assert only("The strike began at 10 p.m. Tuesday.", WEDNESDAY) == ("10 p.m. Tuesday", "TIME", "2024-03-19T22:00")


@pytest.mark.parametrize("sentence, expected", [
    ("The ship was boarded on Monday morning.", ("Monday morning", "TIME", "2024-03-18TMO")),
    ("The ceasefire took effect at 1600 GMT.", ("1600 GMT", "TIME", "2024-03-20T16:00")),
    ("The deadline expires at noon.", ("noon", "TIME", "2024-03-20T12:00")),
    ("The minister said this morning the deal stood.", ("this morning", "TIME", "2024-03-20TMO")),
    ("Two drones were shot down last night.", ("last night", "TIME", "2024-03-19TNI")),
    ("The council will vote tonight.", ("tonight", "TIME", "2024-03-20TNI")),
    ("The aircraft took off around 10:35 a.m.", ("around 10:35 a.m.", "TIME", "2024-03-20T10:35")),
])
def test_times(sentence: str, expected: tuple[str, str, str]) -> None:
    assert only(sentence, WEDNESDAY) == expected


# ------------------------------------------------------------ vague references

@pytest.mark.parametrize("sentence, expected", [
    ("The plant is now producing shells.", ("now", "DATE", "PRESENT_REF")),
    ("Ten ships are currently waiting at anchor.", ("currently", "DATE", "PRESENT_REF")),
    ("The broker recently sold two helicopters.", ("recently", "DATE", "PAST_REF")),
    ("Such sales may be banned in the future.", ("the future", "DATE", "FUTURE_REF")),
    ("Iran has denied such transfers in the past.", ("the past", "DATE", "PAST_REF")),
])
def test_references(sentence: str, expected: tuple[str, str, str]) -> None:
    assert only(sentence) == expected


# ---------------------------------------------------------- things that are not times

@pytest.mark.parametrize("sentence", [
    "Iran sent 7,000 container loads through the port.",
    "Resolution 2397 bans the export of refined petroleum.",
    "Turkey took delivery of the S-400 despite warnings.",
    "Officials said North Korea may have supplied the shells.",
    "The freighter carried 1999 containers of fertilizer.",
    "The contract was worth $2023 per unit.",
    "The brigade has 2,000 soldiers.",
    "The raid began at 1600 hours.",
    "The Arab Spring toppled the government.",
    "Prices fall when the embargo bites.",
    "The fall of Kabul changed the market.",
    "The future of the deal is unclear.",
    "A 10-year-old boy was among the dead.",
    "The broker, 52 years old, was detained.",
    "Most recruits were in their 20s.",
])
def test_false_positives(sentence: str) -> None:
    assert found(sentence) == []


# ----------------------------------------------------- news conventions (TempEval-3)

OCT_26 = D(2023, 10, 26)  # a Thursday in the fourth quarter: "the quarter" reported on is the third


def test_a_year_earlier_is_a_date_counted_from_the_dct() -> None:
    assert only("Exports fell 10% from a year earlier, the ministry said.") == ("a year earlier", "DATE", "2023")
    assert only("Net income fell to $2 million from year-earlier profit of $5 million.", OCT_26) == (
        "year-earlier", "DATE", "2022")


def test_a_year_earlier_after_a_quarter_is_that_quarter_a_year_before() -> None:
    sentence = ("Revenue from the frigate program rose in the third quarter to $40 million from $31 million "
                "a year earlier, and orders doubled from a year earlier.")
    assert found(sentence, OCT_26) == [
        ("the third quarter", "DATE", "2023-Q3"), ("a year earlier", "DATE", "2022-Q3"),
        ("a year earlier", "DATE", "2022-Q3")]


def test_the_quarter_is_the_one_just_reported() -> None:
    assert found("The contractor booked a loss in the quarter, and sales in the latest quarter fell.", OCT_26) == [
        ("the quarter", "DATE", "2023-Q3"), ("the latest quarter", "DATE", "2023-Q3")]
    assert only("In the year-ago quarter, the shipyard lost money.", OCT_26) == (
        "the year-ago quarter", "DATE", "2022-Q3")
    assert only("The contractor will break even in the quarter.", OCT_26, "future") == (
        "the quarter", "DATE", "2023-Q4")
    assert found("The French Quarter and the quarter-final were crowded; the period was calm.", OCT_26) == []


def test_quarters_with_their_year_written_before() -> None:
    sentence = "Orders rose in the 2022 fourth quarter, in this year's first quarter and in the year-ago third quarter."
    assert found(sentence, OCT_26) == [
        ("the 2022 fourth quarter", "DATE", "2022-Q4"), ("this year's first quarter", "DATE", "2023-Q1"),
        ("the year-ago third quarter", "DATE", "2022-Q3")]


def test_the_article_of_a_hyphenated_quarter_belongs_to_its_noun() -> None:
    assert only("The shipyard blamed the third-quarter loss on sanctions.", OCT_26) == (
        "third-quarter", "DATE", "2023-Q3")


def test_a_fiscal_quarter_without_a_year_is_in_the_dcts_year() -> None:
    # a fiscal year may start in any month, so the calendar says nothing of which one is meant
    assert found("The caterer earned $3 million in the fiscal first quarter and expects a weaker "
                 "fiscal-second quarter.", OCT_26) == [
        ("the fiscal first quarter", "DATE", "2023-Q1"), ("fiscal-second quarter", "DATE", "2023-Q2")]
    assert only("The caterer earned $3 million in the first quarter.", D(2023, 11, 20)) == (
        "the first quarter", "DATE", "2024-Q1")


def test_a_quarter_followed_by_of_and_an_amount_is_still_a_quarter() -> None:
    assert only("The smelter posted a loss for the third quarter of $12.4 million.", OCT_26) == (
        "the third quarter", "DATE", "2023-Q3")
    assert only("The fiscal second quarter of #3 million in sales was its best.", OCT_26) == (
        "The fiscal second quarter", "DATE", "2023-Q2")
    assert found("Both goals came in the first quarter of the match.", OCT_26) == []


def test_the_year_ended_on_a_day_is_a_span_of_a_year() -> None:
    assert found("Sales for the year ended June 30 climbed to $4 billion.", OCT_26) == [
        ("the year", "DURATION", "P1Y"), ("June 30", "DATE", "2023-06-30")]
    assert found("The bakery lost money in the fiscal year ending March 31, 2025.", OCT_26) == [
        ("the fiscal year", "DURATION", "P1Y"), ("March 31, 2025", "DATE", "2025-03-31")]
    assert found("It was the year of the long drought. The year ahead looks better.", OCT_26) == []


def test_the_quarter_a_year_back() -> None:
    sentence = ("The mill earned $9 million, up from $7 million in the quarter a year ago; revenue also beat "
                "the corresponding period last year.")
    assert found(sentence, OCT_26) == [
        ("the quarter a year ago", "DATE", "2022-Q3"), ("the corresponding period last year", "DATE", "2022-Q3")]
    assert only("Exports matched last year's quarter.", OCT_26) == ("last year's quarter", "DATE", "2022-Q3")
    # after a quarter told just before, that quarter a year back
    assert found("Profit in the fiscal first quarter doubled from the same period a year earlier.", OCT_26) == [
        ("the fiscal first quarter", "DATE", "2023-Q1"), ("the same period a year earlier", "DATE", "2022-Q1")]


def test_relative_fiscal_years() -> None:
    assert found("The dairy expects growth next fiscal year after losses in the current fiscal year.", OCT_26) == [
        ("next fiscal year", "DATE", "2024"), ("the current fiscal year", "DATE", "2023")]


def test_spoken_years_with_a_month_or_a_season() -> None:
    sentence = "The levee broke in June nineteen ninety-three, and again in the spring of nineteen ninety-seven."
    assert found(sentence) == [("June nineteen ninety-three", "DATE", "1993-06"),
                               ("the spring of nineteen ninety-seven", "DATE", "1997-SP")]


def test_a_pair_of_years_after_both() -> None:
    assert found("Harvests failed in both 2019 and 2020.") == [("2019", "DATE", "2019"), ("2020", "DATE", "2020")]


@pytest.mark.parametrize("sentence", [
    'The minister repeated the claim on NBC\'s "Next Week" program.',
    "The senator told CBS's ''48 Hours'' that the deal was dead.",
    "The poster borrowed its slogan from ``High Noon,'' the western.",
])
def test_capitalized_units_in_quoted_titles_are_not_times(sentence: str) -> None:
    assert found(sentence) == []


def test_a_quotation_that_opens_with_a_time_is_still_tagged() -> None:
    assert found('"This week we vote," the speaker said, "and at noon we adjourn."') == [
        ("This week", "DATE", "2024-W12"), ("noon", "TIME", "2024-03-18T12:00")]


def test_bare_weekday_is_the_latest_except_the_day_after_the_dct() -> None:
    assert found("The convoy is due at the border on Tuesday; a first one crossed on Wednesday.") == [
        ("Tuesday", "DATE", "2024-03-19"), ("Wednesday", "DATE", "2024-03-13")]


def test_day_or_month_without_year_looks_ahead_less_than_four_months() -> None:
    sentence = "The offer was extended to Nov. 20. The books were closed on March 31."
    assert found(sentence, D(2023, 10, 30)) == [("Nov. 20", "DATE", "2023-11-20"), ("March 31", "DATE", "2023-03-31")]
    sentence = "Deliveries resume in January. The yard laid down the hull in March."
    assert found(sentence, D(2023, 11, 2)) == [("January", "DATE", "2024-01"), ("March", "DATE", "2023-03")]


def test_weekday_written_with_a_day_joins_it_and_picks_the_year() -> None:
    # Jan. 9 was a Tuesday in 2024 and is a Thursday in 2025
    assert only("The court will rule on Thursday, Jan. 9.", D(2024, 8, 1)) == ("Thursday, Jan. 9", "DATE", "2025-01-09")
    assert only("The editorial ran on Monday, March 18, 2024.") == ("Monday, March 18, 2024", "DATE", "2024-03-18")


def test_counted_span_keeps_its_article() -> None:
    assert only("Arms exports for the nine months rose 4 percent.") == ("the nine months", "DURATION", "P9M")


def test_halves_are_written_in_the_next_smaller_unit() -> None:
    sentence = "The crew was held for two and a half years, then for 5 1/2 hours, then for an hour and a half."
    assert found(sentence) == [("two and a half years", "DURATION", "P2Y6M"), ("5 1/2 hours", "DURATION", "PT5H30M"),
                               ("an hour and a half", "DURATION", "PT1H30M")]


def test_years_and_decades_in_words() -> None:
    sentence = "The plant was built in nineteen eighty-six and was to close by the year two thousand."
    assert found(sentence) == [("nineteen eighty-six", "DATE", "1986"), ("the year two thousand", "DATE", "2000")]
    assert found("Sales boomed in the nineties. Most of the veterans are in their nineties.") == [
        ("the nineties", "DATE", "199")]


def test_holidays() -> None:
    sentence = "The shelling resumed on Christmas Day and the ceasefire collapsed last Thanksgiving."
    assert found(sentence) == [("Christmas Day", "DATE", "2023-12-25"), ("last Thanksgiving", "DATE", "2023-11-23")]
    assert only("The talks resume after New Year's Day.", D(2023, 12, 20)) == ("New Year's Day", "DATE", "2024-01-01")
    assert found("Christmas trees were shipped on the same freighter.") == []


def test_clock_time_with_a_date_and_the_week_of_a_date() -> None:
    assert only("The tender offer expires at 5 p.m. EST Nov. 9.", D(2023, 10, 30)) == (
        "5 p.m. EST Nov. 9", "TIME", "2023-11-09T17:00")
    assert only("The tender offer expires at 5 p.m. EST Nov. 9, 2023.", None) == (
        "5 p.m. EST Nov. 9, 2023", "TIME", "2023-11-09T17:00")
    assert only("Inspectors arrive the week of March 6.", D(2024, 2, 20)) == ("the week of March 6", "DATE", "2024-W10")


def test_narrative_times_follow_the_date_told_before() -> None:
    sentence = ("The tanker reached Tartus on Aug. 3, 2022. The following day it unloaded; that night it sailed. "
                "It came back the following year.")
    expected = [("Aug. 3, 2022", "DATE", "2022-08-03"), ("The following day", "DATE", "2022-08-04"),
                ("that night", "TIME", "2022-08-04TNI"), ("the following year", "DATE", "2023")]
    assert found(sentence) == found(sentence, None) == expected
    # with no date before them they are counted from the DCT, and unknown without one
    assert only("The ship was seized the previous day.") == ("the previous day", "DATE", "2024-03-17")
    assert only("The ship was seized the previous day.", None) == ("the previous day", "DATE", None)


@pytest.mark.parametrize("sentence, expected", [
    ("The cargo was last seen last Oct. 23 off Crete.", [("Oct. 23", "DATE", "2023-10-23")]),
    ("Wildfires closed the range in the past three summers.", []),
    ("The lease runs until the the end of 2025.", [("the end of 2025", "DATE", "2025")]),  # a doubled article
])
def test_span_edges(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(sentence) == expected


# ------------------------------------------------------------------- DCT edge cases

def test_unknown_dct_leaves_relative_values_empty_but_resolves_absolute_ones() -> None:
    sentence = ("The cargo arrived in 2023, was inspected last year, loaded yesterday and on Feb. 27, "
                "shipped in March 2024 and again in October, two years ago, over the past year.")
    assert found(sentence, None) == [
        ("2023", "DATE", "2023"), ("last year", "DATE", None), ("yesterday", "DATE", None),
        ("Feb. 27", "DATE", None), ("March 2024", "DATE", "2024-03"), ("October", "DATE", None),
        ("two years ago", "DATE", None), ("the past year", "DURATION", "P1Y")]


def test_dct_far_after_the_events_described() -> None:
    sentence = "The rifles were shipped in 2023, a year after last year's audit began, two years ago."
    assert found(sentence, D(2030, 6, 1)) == [
        ("2023", "DATE", "2023"), ("a year", "DURATION", "P1Y"), ("last year", "DATE", "2029"),
        ("two years ago", "DATE", "2028")]


def test_dct_may_be_a_datetime() -> None:
    assert only("The sale was confirmed today.", dt.datetime(2024, 3, 18, 23, 59)) == ("today", "DATE", "2024-03-18")


def test_values_beyond_the_calendar_are_unknown() -> None:
    assert only("The order was placed last year.", D(1, 1, 1)) == ("last year", "DATE", None)
    assert only("Delivery is due tomorrow.", D(9999, 12, 31)) == ("tomorrow", "DATE", None)


# ------------------------------------------------------------- API: ranges, tense, normalize

def test_offsets_range_and_clipping() -> None:
    text = "The first cargo left in 2022. The second left in 2023 and the third on Monday."
    second = text.index("The second")
    expressions = find_times(text, MONDAY, start=second, end=text.index(" and the third"))
    assert [(e.start, e.end, e.text) for e in expressions] == [(text.index("2023"), text.index("2023") + 4, "2023")]
    # an expression cut by `end` is not reported; start and end are clamped
    assert find_times(text, MONDAY, start=second, end=text.index("2023") + 2) == []
    assert [e.text for e in find_times(text, MONDAY, start=-5, end=10_000)] == ["2022", "2023", "Monday"]
    assert find_times(text, MONDAY, start=50, end=10) == []


def test_tense_is_asked_only_for_underspecified_expressions_at_their_start() -> None:
    text = "Iran shipped drones last year and will ship more in October."
    asked: list[int] = []

    def tense(offset: int) -> Tense | None:
        asked.append(offset)
        return "future"
    expressions = find_times(text, MONDAY, tense=tense)
    assert [(e.text, e.value) for e in expressions] == [("last year", "2023"), ("October", "2024-10")]
    assert asked == [text.index("October")]


@pytest.mark.parametrize("expression, tense, expected", [
    ("2023", None, ("DATE", "2023")),
    ("in 2023", None, ("DATE", "2023")),
    ("May", "past", ("DATE", "2023-05")),
    ("last September", None, ("DATE", "2023-09")),
    ("the third quarter", "future", ("DATE", "2024-Q3")),
    ("summer", "past", ("DATE", "2023-SU")),
    ("for three weeks", None, ("DURATION", "P3W")),
    ("years", None, ("DURATION", "PXY")),
    ("the future", None, ("DATE", "FUTURE_REF")),
    ("weekly", None, ("SET", "P1W")),
    ("Monday morning", None, ("TIME", "2024-03-18TMO")),
    ("March 18, 2024.", None, ("DATE", "2024-03-18")),
    ("may", None, None),
    ("shipment", None, None),
    ("Monday and Tuesday", None, None),
    ("", None, None),
])
def test_normalize(expression: str, tense: Tense | None, expected: tuple[str, str] | None) -> None:
    assert normalize(expression, MONDAY, tense) == expected


def test_normalize_without_dct() -> None:
    assert normalize("last year", None) == ("DATE", None)
    assert normalize("2023", None) == ("DATE", "2023")


# ------------------------------------------------------------- robustness

_WORDS = ["in", "on", "last", "next", "this", "the", "past", "early", "mid-", "late", "since", "ago", "a", "few",
          "two", "twenty-four", "year", "years", "month", "week", "weekend", "day", "days", "hours", "quarter",
          "third", "Monday", "Friday's", "March", "May", "may", "Sept.", "Feb", "summer", "fall", "2023", "1999",
          "2,000", "$2023", "18", "27th", "1990s", "'90s", "3", "p.m.", "1600", "GMT", "noon", "today",
          "yesterday", "now", "every", "each", "per", "annually", "Daily", "of", "and", "to", "-", ",", ".", "\n",
          "\xa0", "\u2019s", "2024-02-30", "Q3", "half", "first", "more", "than", "about", "the", "end"]
_TENSES: list[Tense | None] = ["past", "present", "future", None]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=40))
    separators = draw(st.lists(st.sampled_from([" ", "", "  ", "-"]), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, separators))


@settings(max_examples=400, deadline=None)
@given(text=_texts(), dct=st.none() | st.dates(), start=st.integers(-5, 200), end=st.none() | st.integers(-5, 200),
       tenses=st.lists(st.sampled_from(_TENSES), min_size=1, max_size=4))
def test_find_times_never_raises_and_returns_valid_spans(
        text: str, dct: dt.date | None, start: int, end: int | None, tenses: list[Tense | None]) -> None:
    def tense(offset: int) -> Tense | None:
        return tenses[offset % len(tenses)]
    expressions = find_times(text, dct, start=start, end=end, tense=tense)
    low = max(0, min(start, len(text)))
    high = len(text) if end is None else max(low, min(end, len(text)))
    previous_end = low
    for e in expressions:
        assert previous_end <= e.start < e.end <= high
        assert text[e.start:e.end] == e.text
        assert e.type in ("DATE", "TIME", "DURATION", "SET")
        assert e.value is None or (isinstance(e.value, str) and e.value)
        previous_end = e.end
    if dct is None:  # a time of day has a value without the DCT only after a year it can count from
        assert all(e.value is None or re.search("[0-9]{4}", text[:e.end]) for e in expressions if e.type == "TIME")


@settings(max_examples=200, deadline=None)
@given(expression=_texts(), dct=st.none() | st.dates(), tense=st.sampled_from(_TENSES))
def test_normalize_never_raises(expression: str, dct: dt.date | None, tense: Tense | None) -> None:
    result = normalize(expression, dct, tense)
    assert result is None or result[0] in ("DATE", "TIME", "DURATION", "SET")


@pytest.mark.parametrize("text", [
    " ".join(["Iran shipped 2,000 rifles to Sudan in March 2024, officials said on Monday,",
              "two years after a similar cargo; exports have doubled over the past year."] * 330)[:50_000],
    "1" * 50_000,
    " " * 50_000,
    "a " * 25_000,
    "2023 " * 10_000,
    "-" * 50_000,
    "the past " * 5_500,
    "more than " * 5_000,
    "3 a.m. " * 7_000,
])
def test_long_and_repetitive_texts_are_handled(text: str) -> None:
    """Inputs that trip naive regexes; their speed is measured by benchmarks/timex_speed.py."""
    for e in find_times(text, MONDAY):
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("text, values", [
    ("Shipments ran between March and June last year.", ["2018-03", "2018-06"]),
    ("Deliveries ran from November to March 2022.", ["2021-11", "2022-03"]),
    ("The tankers sailed on May 3 and June 5, 2021.", ["2021-05-03", "2021-06-05"]),
    ("The tankers sailed in March and June.", ["2019-03", "2019-06"]),  # no year told: each resolved on its own
])
def test_a_month_paired_with_a_dated_one_takes_its_year(text: str, values: list[str]) -> None:
    assert [t.value for t in find_times(text, dt.date(2019, 9, 10))] == values
