"""Time expressions in raw text, normalized to TIMEX3 values against the article's date.

Follows the TimeML / TempEval-3 conventions. Spans leave out a governing
preposition ("in 2023" gives "2023", "since last year" gives "last year") but
keep determiners and modifiers ("the 1990s", "late last year", "more than two
years"). Values are ISO 8601 / TIDES strings: "2024-03-18", "2024-03",
"2024-W12", "2024-W12-WE", "2023-Q1", "2023-H2", "2023-SU", "199" (a decade),
"19" (a century), "P3W", "PT24H", "PXY" (a vague amount), "PRESENT_REF".
A TIMEX3 ``mod`` (START, MID, END, APPROX, MORE_THAN ...) is not reported:
"mid-2018" is "2018", "more than two years" is "P2Y".

Expressions that need the document creation time (DCT) get the value None when
it is unknown. Underspecified ones ("in October", "on Monday", "Feb. 27") are
resolved in the direction the clause's tense points to; see ``_Scan.how``. With
the tense unknown, news looks back: a weekday is the latest one (but the day after
the DCT's is tomorrow), a day or month without a year the latest one unless the
next is less than four months ahead. A few expressions are read from the time told
before them rather than from the DCT (``_anchor``): "the following day", "that
year", and "a year earlier" after a quarter ("in the third quarter ... from $3
million a year earlier" is the third quarter of the year before).

Everything works on plain strings with regexes compiled once at import, built
from data tables and free of nested quantifiers, so the cost is linear in the
text and the same code tags TimeML files and parsed articles alike.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from lading.model import TimeExpression

Tense = Literal["past", "present", "future"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

__all__ = ["Tense", "TimexType", "find_times", "normalize"]

# ----------------------------------------------------------------- data tables

_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                        "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_NUMBER = {name: number for number, name in enumerate(_MONTHS, 1)} | _MONTH_ABBREVIATIONS
# Month names that are also a verb, a modal or a first name ("March on", "May said", "April Ryan"):
# alone, without a day or year, they count only in a time-like context, like all abbreviations.
_AMBIGUOUS_MONTHS = frozenset({"March", "May", "April", "June", "August"} | set(_MONTH_ABBREVIATIONS))

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_PHASE = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}  # winter Y runs from December Y into Y+1
_ANCHORABLE = re.compile(r"(?P<year>[0-9]{4})(?P<rest>-(?:Q[1-4]|H[12]))")  # a reference for "a year earlier"
_CALENDAR_VALUE = re.compile(r"([0-9]{4})(?:-([01][0-9])(?:-([0-3][0-9]))?)?(?![0-9W])")
_ANCHOR_REACH = 400  # characters between the reference and "a year earlier": about two sentences
_FORWARD_DAYS = 122  # with the tense unknown, a day without a year this close ahead is the coming one
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_CENTURY_ORDINALS = {"seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                     "twentieth": 20, "twenty-first": 21, "twenty first": 21}

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_NUMBER_PHRASES = {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12, "a hundred": 100}
_VAGUE_AMOUNTS = frozenset({"a few", "few", "several", "some", "many", "dozens of"})  # TimeML's X

# unit -> (ISO designator, multiplier, is a time-of-day unit, TIDES designator for a vague amount)
_UNITS = {"year": ("Y", 1, False, "Y"), "decade": ("Y", 10, False, "DE"), "century": ("Y", 100, False, "CE"),
          "month": ("M", 1, False, "M"), "week": ("W", 1, False, "W"), "day": ("D", 1, False, "D"),
          "hour": ("H", 1, True, "H"), "minute": ("M", 1, True, "M")}
# a fraction of a unit written in the next smaller one: unit -> (how many of them, designator)
_SMALLER_UNIT = {"year": (12, "M"), "decade": (12, "M"), "century": (12, "M"), "day": (24, "H"),
                 "hour": (60, "M"), "minute": (60, "S")}
_SET_ADVERBS = {"annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W",
                "daily": "P1D", "nightly": "P1D", "hourly": "PT1H"}
# "previously", "soon" and "quarterly" are left out: in TimeBank they are far more often untagged than not
_REFERENCES = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
               "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
               "lately": "PAST_REF", "past": "PAST_REF", "future": "FUTURE_REF"}
# "last", "this past", "next" ... before a month, season, weekday or unit: where to look from the DCT
_RELATIVE = {"last": "last", "this past": "last", "next": "next", "this coming": "next", "the coming": "next",
             "this": "this", "the current": "this", "the present": "this"}

# Words after which a bare year or month name is a time: prepositions (TimeML leaves them out of the
# span) and modifiers (which the span takes in). "2,000 soldiers" and "Resolution 2397" have none.
_TIME_CONTEXT = frozenset({"in", "since", "by", "until", "till", "before", "after", "during", "of", "from",
                           "into", "through", "throughout", "between", "early", "mid", "late", "around",
                           "circa"})
_YEAR_CONTEXT = _TIME_CONTEXT | {"to", "for", "due", "year", "fiscal", "both", "the", "a", "an", "its", "their",
                                 "his", "her", "our", "this", "that"}
_SEASON_CONTEXT = frozenset({"in", "during", "over", "through", "throughout", "until", "till", "by", "since",
                             "into", "before", "after", "early", "mid", "late"})
_SPAN_CONTEXT = frozenset({"for", "within", "after"})  # "for years", "within days": a vague duration
_OPEN_CONTEXT = frozenset({"in", "into", "for", "from"})  # "in the past", "for the future"
# after these a 4-digit number is a count, not a year ("by 2000 troops", "at 2000 hours")
_COUNTED = ("people", "troops", "soldiers", "tonnes", "tons", "barrels", "containers", "units", "rounds",
            "shells", "missiles", "drones", "vehicles", "tanks", "hours", "km", "kilometres", "kilometers",
            "miles", "metres", "meters", "feet", "dollars", "euros")
# "... barrels a day", "twice a year": "a <unit>" after these is a frequency (SET), not a duration
_RATE_WORDS = frozenset({"once", "twice", "thrice", "times", "million", "billion", "thousand", "hundred",
                         "percent", "cent", "barrels", "tonnes", "tons", "containers", "shipments", "flights",
                         "cargoes", "deliveries", "units", "rounds", "shells", "missiles", "drones",
                         "vehicles", "trucks", "dollars", "euros", "people"})

# ------------------------------------------------------- regex building blocks
# Case-insensitive parts are ASCII-only "(?ai:...)" groups, so that what they match can be
# looked up lower-cased; month and weekday names stay case-sensitive ("May" vs "may").

_WS = r"[\s\xa0\u2007\u2009\u202f]"
_SP = _WS + "{1,3}"
_HY = "[-\u2010\u2011]"
_HYPHENS = "-\u2010\u2011"


def _words(words: Iterable[str]) -> str:
    """Alternation of words, longest first, with the spaces inside them made flexible."""
    return "|".join(re.escape(w).replace(r"\ ", _SP) for w in sorted(set(words), key=len, reverse=True))


_MONTH = rf"(?:{_words(_MONTHS)}|(?:{_words(_MONTH_ABBREVIATIONS)})\.?)(?!\w)"
_WEEKDAY = rf"(?:{_words(_WEEKDAYS)})(?!\w)"
_SEASON = r"(?ai:spring|summer|autumn|fall|winter)(?!\w)"
_DAY_PART = r"(?ai:morning|afternoon|evening|night)(?!\w)"
_REL = rf"(?ai:last|next|this{_SP}past|this{_SP}coming|this)"
_NUMBER_WORD = (rf"(?ai:(?:{_words(_TENS)})(?:{_HY}|{_WS})(?:{_words(_ONES)})"
                rf"|{_words([*_ONES, *_TEENS, *_TENS])})(?!\w)")
_DIGITS = r"(?<![\w.,/])[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]{1,2})?(?![0-9])"
_NUM = (rf"(?:{_DIGITS}|(?<!\w){_NUMBER_WORD}"
        rf"|(?<!\w)(?ai:{_words([*_NUMBER_PHRASES, *_VAGUE_AMOUNTS])})(?!\w))")
_HALF = rf"{_SP}(?ai:and){_SP}(?ai:a){_SP}(?ai:half)(?!\w)"  # "two and a half years", "an hour and a half"
_UNIT = r"(?ai:years?|months?|weeks?|days?|hours?|minutes?|decades?|century|centuries)(?!\w)"
_PLURAL_UNIT = r"(?ai:years|months|weeks|days|hours|decades)(?!\w)"
_ZONE = rf"(?:GMT|UTC|[ECMP][SD]T|ET|BST|CES?T|EES?T|MSK|(?ai:local){_SP}(?ai:time))(?!\w)"
_DAY_NAME = rf"(?:{_WEEKDAY}|(?ai:today|yesterday|tomorrow)(?!\w))"
_CLOCK_ZONE = rf"{_SP}(?P<zone>{_ZONE})"
# the day after a clock time: "5 p.m. EST Friday", "noon Thursday", "5 p.m. EST, Nov. 9"
_CLOCK_DAY = (rf",?{_SP}(?:(?P<day>{_DAY_NAME})|(?P<cmonth>{_MONTH}){_SP}(?P<cday>[0-9]{{1,2}})(?!\w)"
              rf"(?:,?{_SP}(?P<cyear>[0-9]{{4}})(?!\w))?)")

# what may stand before an expression and join its span
_DATE_MODIFIER = re.compile(
    rf"(?:(?<!\w)(?ai:the){_SP})?(?<!\w)(?ai:early|mid|late|earlier|later|fiscal"
    rf"|(?:very{_SP})?(?:beginning|start|end|middle|close){_SP}of(?:{_SP}the)?)"
    rf"(?:{_HY}|{_SP})\Z")
_APPROXIMATOR = re.compile(
    rf"(?<!\w)(?ai:no{_SP}more{_SP}than|more{_SP}than|less{_SP}than|fewer{_SP}than|nearly|almost|about"
    rf"|around|roughly|approximately|some|at{_SP}least|at{_SP}most|up{_SP}to|just{_SP}over|just{_SP}under"
    rf"|well{_SP}over){_SP}\Z")
# what links the second of two dates to the first ("between 2019 and 2021", "from March to May")
_MONTH_VALUE = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)(?P<day>-\d\d)?")
_HAS_YEAR = re.compile(r"\d{4}|(?ai:year)")  # a month told with its year: "June 2022", "June last year"
_CONNECTOR = re.compile(rf"{_WS}*(?:,|/|{_HY}|\u2013|\u2014|(?ai:and|or|to|through|until|till)(?!\w)){_WS}*\Z")
_OF_AFTER = re.compile(rf"{_SP}(?ai:of)(?!\w)")
_OF_AMOUNT_AFTER = re.compile(rf"{_SP}(?ai:of){_SP}[$#\u00a3\u20ac0-9]")  # "a loss for the third quarter of $5 million"
_OLD_AFTER = re.compile(rf"(?:{_SP}|{_HY})(?ai:old)(?!\w)")  # "a 10-year-old", "52 years old": ages
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s(?!\w)")
_COUNTED_AFTER = re.compile(rf"{_SP}(?ai:{_words(_COUNTED)})(?!\w)")
_DAY_BEFORE_CLOCK = re.compile(
    rf"(?<!\w)(?P<day>{_DAY_NAME})(?:{_SP}{_DAY_PART})?,?{_SP}"
    rf"(?:(?ai:at|around|about|by|before|after|from|until|shortly{_SP}after|shortly{_SP}before){_SP})?\Z")
_LEADING_PREPOSITION = re.compile(
    r"(?ai:in|on|at|since|until|till|by|during|for|from|over|through|throughout|within|before|after|of|into)")
_TRAILING_PUNCTUATION = ".,;:!?\"')\u201d\u2019"
_TOKEN_PUNCTUATION = "\"'()[]{},;:\u201c\u201d\u2018\u2019\u2013\u2014" + _HYPHENS
_SENTENCE_END = ".!?:;\"\u201d"
# an opening quote and maybe a few words after it, just before a capitalized time word: a title
_TITLE_OPENING = re.compile(r"[\"`'\u201c\u2018](?:[A-Z][^\"`'\u201c\u201d\u2018\u2019\n]{0,30})?\Z")


# -------------------------------------------------------------------- scanning

class _Hit(NamedTuple):
    start: int
    end: int
    type: TimexType
    value: str | None
    dated: bool = False  # takes "early", "mid-", "late", "the end of" ... into its span
    quantified: bool = False  # takes "about", "more than", "nearly" ... into its span
    back: int = 0  # years before the DCT ("a year earlier"); counted from a reference quarter if one precedes
    follows: tuple[str, int, str] | None = None  # (unit, shift, day part): "the following day" is read
    # from the latest date before it with a day in it ("on March 3 ... the following day") or else the DCT


@dataclass
class _Scan:
    """One pass over a text: what the handlers need to decide on a match and resolve it."""

    text: str
    dct: datetime.date | None
    tense: Callable[[int], Tense | None] | None
    trusted: bool  # the text is known to be a time expression: skip the context checks
    year_ends: set[int] = field(default_factory=set)
    month_ends: set[int] = field(default_factory=set)
    tenses: dict[int, Tense | None] = field(default_factory=dict)

    def how(self, offset: int) -> str:
        """Which occurrence an underspecified expression at offset means: "latest" (not after the
        DCT) in a past-tense clause, "earliest" (not before it) in a future-tense one, else "nearest".
        Nearest beats latest on TimeBank's unknown-tense dates ("Jan. 14" in a Jan. 7 story)."""
        if self.tense is None:
            return "nearest"
        if offset not in self.tenses:
            self.tenses[offset] = self.tense(offset)
        return {"past": "latest", "future": "earliest"}.get(self.tenses[offset] or "", "nearest")

    def relative(self, resolve: Callable[[datetime.date], str]) -> str | None:
        """The value of an expression anchored to the DCT; None when the DCT is unknown, or when the
        value would fall outside the calendar (years 1 to 9999)."""
        if self.dct is None:
            return None
        try:
            return resolve(self.dct)
        except (ValueError, OverflowError):
            return None

    def word_before(self, offset: int) -> str:
        return _token_before(self.text, offset).strip(_TOKEN_PUNCTUATION).lower()

    def continues(self, offset: int, ends: set[int]) -> bool:
        """Whether the match at offset is the second of a pair such as "2019 and 2021"."""
        link = _CONNECTOR.search(self.text, max(0, offset - 16), offset)
        return link is not None and link.start() in ends


_Handler = Callable[[re.Match[str], _Scan], "_Hit | None"]
_FAMILIES: list[tuple[re.Pattern[str], _Handler]] = []


def _family(*patterns: str) -> Callable[[_Handler], _Handler]:
    """Register a handler for the matches of its surface patterns. Passes run in the order of
    registration: dates with a year come before bare years, for "March 2019 and 2021"."""
    def register(handler: _Handler) -> _Handler:
        _FAMILIES.extend((re.compile(p), handler) for p in patterns)
        return handler
    return register


def _hit(m: re.Match[str], type_: TimexType, value: str | None, *, dated: bool = False,
         quantified: bool = False) -> _Hit:
    return _Hit(m.start(), m.end(), type_, value, dated, quantified)


def _token_before(text: str, offset: int) -> str:
    """The whitespace-delimited token that ends just before offset (across a few spaces)."""
    end = offset
    while end > 0 and offset - end < 4 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and end - start < 24 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _token_after(text: str, offset: int) -> str:
    """The whitespace-delimited token that starts just after offset (across a few spaces)."""
    start = offset
    while start < len(text) and start - offset < 4 and text[start].isspace():
        start += 1
    end = start
    while end < len(text) and end - start < 24 and not text[end].isspace():
        end += 1
    return text[start:end]


def _ends_name(text: str, start: int) -> bool:
    """Whether the capitalized word at start follows another one in the same sentence, as
    "Today" does in "USA Today" and "Daily" in "China Daily"."""
    before = _token_before(text, start)
    return text[start:start + 1].isupper() and before[:1].isupper() and before[-1:] not in _SENTENCE_END


def _in_title(text: str, start: int, word: int) -> bool:
    """Whether the match at start, with its time word at `word` capitalized, is in a quoted title
    ("This Week", ''60 Minutes'', ``High Noon''): a unit is capitalized inside a sentence only in a name."""
    return text[word:word + 1].isupper() and _TITLE_OPENING.search(text, max(0, start - 32), start) is not None


def _starts_name(text: str, start: int, end: int) -> bool:
    """Whether the capitalized word at start..end is followed by another one ("Daily Mail")."""
    return text[start:start + 1].isupper() and _token_after(text, end)[:1].isupper()


# ------------------------------------------------------------ calendar helpers

def _year(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    return f"{year:04d}"


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def _year_month(index: int) -> str:
    year, month = divmod(index, 12)
    return f"{_year(year)}-{month + 1:02d}"


def _iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{_year(year)}-W{week:02d}"


def _season_index(day: datetime.date) -> int:
    """Seasons counted from spring of year 0; January and February are the previous year's winter."""
    if day.month <= 2:
        return (day.year - 1) * 4 + _SEASON_PHASE["WI"]
    return day.year * 4 + (day.month - 3) // 3


def _occurrence(current: int, period: int, phase: int, how: str) -> int:
    """The index (year * period + phase) of the occurrence of `phase` that `how` picks around
    `current`: "last"/"next" strictly before/after it, "latest"/"earliest" maybe equal to it,
    "nearest" the latest unless that is more than two thirds of a period back: news looks back
    more often than ahead, so "in March" in a November story is the March gone by, but "in
    January" is the coming one."""
    candidate = current - current % period + phase
    if how in ("last", "latest", "nearest"):
        if candidate > current or (how == "last" and candidate == current):
            candidate -= period
        if how == "nearest" and (current - candidate) * 3 > period * 2:
            candidate += period
    elif candidate < current or (how == "next" and candidate == current):
        candidate += period
    return candidate


def _weekday_date(dct: datetime.date, weekday: int, how: str) -> datetime.date:
    """The date of a weekday: in the DCT's ISO week for "this", else as _occurrence picks, except
    that "nearest" is the latest, or the day after the DCT: in news a bare weekday is far more
    often in the week gone by, but the day after the story's ("Tuesday" in a Monday story) is
    tomorrow, not six days back."""
    if how == "this":
        return dct + datetime.timedelta(days=weekday - dct.weekday())
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if how == "nearest" and ahead == 1:
        return dct + datetime.timedelta(days=1)
    if how in ("latest", "nearest"):
        return dct - datetime.timedelta(days=back)
    if how == "last":
        return dct - datetime.timedelta(days=back or 7)
    return dct + datetime.timedelta(days=ahead if how == "earliest" else ahead or 7)


def _existing_date(year: int, month: int, day: int, step: int) -> datetime.date:
    """The date in `year` or, for February 29, in the nearest leap year in the direction of `step`."""
    for _ in range(8):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            year += step
    raise ValueError(f"no date {month}-{day} near {year}")


def _month_day_date(dct: datetime.date, month: int, day: int, how: str) -> datetime.date:
    """A day without a year ("March 20"), as _yearly_date picks it."""
    return _yearly_date(dct, lambda year, step: _existing_date(year, month, day, step), how)


def _yearly_date(dct: datetime.date, on: Callable[[int, int], datetime.date], how: str) -> datetime.date:
    """A day that comes once a year, `on(year, step)` (step: where to look if that year has none):
    "last"/"next" the one strictly before/after the DCT; "latest" the latest one not after the DCT
    (a past-tense clause); "earliest" the same unless that is more than about six months back,
    then the next one ("will meet on March 20"); "nearest" (tense unknown) the next one only if it
    is less than four months ahead (in TimeBank, 74 of 81 such days within four months ahead are
    the coming ones, and 128 of 137 further ahead are the ones gone by)."""
    date = on(dct.year, -1)
    if date > dct:
        date = on(dct.year - 1, -1)
    if how == "last" and date == dct:
        date = on(date.year - 1, -1)
    if how in ("last", "latest") or (date == dct and how != "next"):
        return date
    following = on(date.year + 1, 1)
    if how == "next" or (how == "earliest" and (dct - date).days > 183):
        return following
    if how not in ("earliest", "this") and (following - dct).days < _FORWARD_DAYS:
        return following
    return date


def _weekend(dct: datetime.date, how: str) -> str:
    """The weekend's ISO week: "last"/"this"/"next" by week; for a bare "the weekend" the one under
    way or just past, or in a future-tense clause the coming one."""
    shifts = {"last": -1, "this": 0, "next": 1}
    if how in shifts:
        shift = shifts[how]
    elif how == "earliest":
        shift = 1 if dct.weekday() == 6 else 0
    else:
        shift = 0 if dct.weekday() >= 5 else -1
    return _iso_week(dct + datetime.timedelta(weeks=shift)) + "-WE"


def _number_text(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else format(amount, "f").rstrip("0").rstrip(".")


def _amount(words: str) -> float | None:
    """The number a numeral stands for; None for a vague one ("a few", "several")."""
    key = " ".join(words.lower().split())
    if key in _VAGUE_AMOUNTS:
        return None
    if key in _NUMBER_PHRASES:
        return _NUMBER_PHRASES[key]
    if key[0].isdigit():
        return float(key.replace(",", ""))
    parts = re.split(f"{_HY}| ", key)
    return float(sum(_ONES.get(p) or _TEENS.get(p) or _TENS[p] for p in parts))


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


def _duration(amount: float | None, unit: str) -> str:
    """ISO 8601 duration of an amount of a unit ("P3W", "PT24H", "P20Y" for two decades);
    a vague amount gives TimeML's X ("PXY", "PXDE")."""
    designator, multiplier, is_time, vague = _UNITS[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{vague}"
    total = amount * multiplier
    whole, fraction = int(total), total - int(total)
    if fraction and unit in _SMALLER_UNIT:
        # TimeML writes a fraction in the next smaller unit: "two and a half years" -> "P2Y6M"
        per, smaller = _SMALLER_UNIT[unit]
        part = fraction * per
        if abs(part - round(part)) < 1e-6:
            head = f"{whole}{designator}" if whole else ""
            return (f"P{head}T{round(part)}H" if unit == "day" else f"{prefix}{head}{round(part)}{smaller}")
    return f"{prefix}{_number_text(total)}{designator}"


def _how(relative: str | None) -> str | None:
    return _RELATIVE[" ".join(relative.lower().split())] if relative else None


# ----------------------------------------------------- families: calendar dates

@_family(r"(?<![\w./-])(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9])")
def _iso_date(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """2024-03-18"""
    return _hit(m, "DATE", datetime.date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat())


_WEEKDAY_BEFORE = rf"(?:(?P<weekday>{_WEEKDAY}),?{_SP})?"


@_family(rf"(?<!\w){_WEEKDAY_BEFORE}(?P<month>{_MONTH}){_SP}(?P<day>[0-9]{{1,2}})(?ai:st|nd|rd|th)?(?!\w)"
         rf"(?:,?{_SP}(?P<year>[0-9]{{4}})(?!\w))?",
         rf"(?<![\w.,:]){_WEEKDAY_BEFORE}(?P<day>[0-9]{{1,2}})(?ai:st|nd|rd|th)?{_SP}(?:(?ai:of){_SP})?"
         rf"(?P<month>{_MONTH})(?:,?{_SP}(?P<year>[0-9]{{4}})(?!\w))?")
def _month_day(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """March 18, 2024 / Feb. 27 / 18 March 2024 / 27th of February / Monday, Oct. 26: a weekday
    written with a day joins its span and, without a year, picks the year in which they agree."""
    month, day = _MONTH_NUMBER[m["month"].rstrip(".")], int(m["day"])
    weekday = _WEEKDAYS.index(m["weekday"]) if m["weekday"] else None
    scan.month_ends.add(m.end())
    if m["year"]:
        scan.year_ends.add(m.end())
        return _hit(m, "DATE", datetime.date(int(m["year"]), month, day).isoformat(), dated=True)
    datetime.date(2000, month, day)  # a leap year: only days that never exist ("Feb. 30") fail

    def resolve(dct: datetime.date) -> str:
        date = _month_day_date(dct, month, day, scan.how(m.start()))
        if weekday is not None and date.weekday() != weekday:
            agreeing = [d for d in (_existing_date(dct.year + shift, month, day, 1) for shift in (0, -1, 1))
                        if d.weekday() == weekday]
            date = min(agreeing, key=lambda d: abs(d - dct), default=date)
        return date.isoformat()
    return _hit(m, "DATE", scan.relative(resolve), dated=True)


@_family(rf"(?<!\w)(?P<month>{_MONTH}),?{_SP}(?:(?ai:of){_SP})?"
         rf"(?:(?P<year>[0-9]{{4}})(?!\w)|(?P<rel>(?ai:this|last|next)){_SP}(?ai:year)(?!\w))")
def _month_year(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """March 2024 / March of 2024 / June last year"""
    month = _MONTH_NUMBER[m["month"].rstrip(".")]
    scan.month_ends.add(m.end())
    if m["year"]:
        scan.year_ends.add(m.end())
        return _hit(m, "DATE", f"{m['year']}-{month:02d}", dated=True)
    shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _hit(m, "DATE", scan.relative(lambda dct: f"{_year(dct.year + shift)}-{month:02d}"), dated=True)


@_family(rf"(?<!\w)(?:(?P<rel>{_REL}){_SP})?(?P<month>{_MONTH})(?!\.?{_SP}[0-9])")
def _month(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """September / in March / last December / next May: a month without a day or year."""
    name, how = m["month"], _how(m["rel"])
    if how is None and name in _AMBIGUOUS_MONTHS and not (
            scan.trusted or scan.word_before(m.start()) in _TIME_CONTEXT
            or scan.continues(m.start(), scan.month_ends)):
        return None
    month = _MONTH_NUMBER[name.rstrip(".")]
    scan.month_ends.add(m.end())

    def resolve(dct: datetime.date) -> str:
        if how == "this":
            return f"{_year(dct.year)}-{month:02d}"
        return _year_month(_occurrence(_month_index(dct), 12, month - 1, how or scan.how(m.start())))
    return _hit(m, "DATE", scan.relative(resolve), dated=True)


@_family(rf"(?<!\w)(?:(?P<the>(?ai:the)){_SP})?(?:(?:(?P<qyear>(?:1[0-9]|20)[0-9]{{2}})|(?P<qrel>(?ai:this|last|next)){_SP}"
         rf"(?ai:year)['\u2019]s|(?P<ago>(?ai:year){_HY}(?ai:ago|earlier))){_SP})?"
         rf"(?P<fiscal>(?ai:fiscal)(?:{_SP}|{_HY}))?"
         rf"(?P<ordinal>(?ai:first|second|third|fourth|1st|2nd|3rd|4th|last))(?P<link>{_SP}|{_HY})"
         rf"(?P<unit>(?ai:quarter|half))(?!\w)(?:{_SP}(?ai:of){_SP}(?:(?P<year>[0-9]{{4}})"
         rf"|(?P<rel>(?ai:this|last|next)){_SP}(?ai:year)|(?P<current>(?ai:the{_SP}(?:current{_SP})?year)))(?!\w))?")
def _quarter(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the third quarter / the first half of 2023 / fourth-quarter / the last quarter of last year /
    the 2023 third quarter / this year's first half / the year-ago fourth quarter"""
    period, letter = (4, "Q") if m["unit"].lower() == "quarter" else (2, "H")
    ordinal = m["ordinal"].lower()
    number = period if ordinal == "last" else _ORDINALS[ordinal]
    if number > period:
        return None
    start = m.start()
    if m["the"] and m["link"] in _HYPHENS and not (m["qyear"] or m["ago"]):
        start = m.end("the")  # "the third-quarter loss": the article is the loss's
        while scan.text[start].isspace():
            start += 1
    year = m["year"] or m["qyear"]
    if year:
        return _Hit(start, m.end(), "DATE", f"{year}-{letter}{number}", dated=True)
    if m["rel"] or m["current"] or m["qrel"] or m["ago"]:
        shift = -1 if m["ago"] else {"last": -1, "next": 1}.get((m["rel"] or m["qrel"] or "").lower(), 0)
        return _Hit(start, m.end(), "DATE", scan.relative(lambda dct: f"{_year(dct.year + shift)}-{letter}{number}"),
                    dated=True)
    if letter == "H" or ordinal == "last" or (
            _OF_AFTER.match(scan.text, m.end()) and not _OF_AMOUNT_AFTER.match(scan.text, m.end())):
        return None  # "the first half" of a match, "the last quarter" (the previous one), "of the century"
    if m["fiscal"]:  # counted from a start other than January: the fiscal year under way, named by the DCT's
        return _Hit(start, m.end(), "DATE", scan.relative(lambda dct: f"{_year(dct.year)}-Q{number}"), dated=True)

    def resolve(dct: datetime.date) -> str:
        current = dct.year * 4 + (dct.month - 1) // 3
        year, phase = divmod(_occurrence(current, 4, number - 1, scan.how(m.start())), 4)
        return f"{_year(year)}-Q{phase + 1}"
    return _Hit(start, m.end(), "DATE", scan.relative(resolve), dated=True)


def _reported_quarter(dct: datetime.date, shift: int = 0) -> str:
    """The quarter before the DCT's, the latest one a company can have reported on, shifted by years."""
    year, phase = divmod(dct.year * 4 + (dct.month - 1) // 3 - 1, 4)
    return f"{_year(year + shift)}-Q{phase + 1}"


@_family(rf"(?<!\w)(?:[Tt]he{_SP}(?:(?P<latest>(?ai:latest|most{_SP}recent|just{_HY}ended|just{_SP}ended))"
         rf"{_SP})?)(?P<unit>quarter|period)(?![\w-])")
def _the_quarter(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the quarter / the latest quarter / the latest period: in business news the quarter just
    reported, the one before the DCT's; in a future-tense clause "the quarter" is the current one."""
    if m["unit"] == "period" and not m["latest"]:
        return None
    if not m["latest"] and scan.how(m.start()) == "earliest":
        return _hit(m, "DATE", scan.relative(
            lambda dct: f"{_year(dct.year)}-Q{(dct.month - 1) // 3 + 1}"), dated=True)
    return _hit(m, "DATE", scan.relative(_reported_quarter), dated=True)


@_family(rf"(?<!\w)(?ai:the(?:{_SP}fiscal)?{_SP}year)(?={_SP}(?ai:(?:that{_SP})?end(?:ed|ing))(?!\w))")
def _year_ended(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the year ended March 31 / the fiscal year ending June 30: a span of a year, told by the day it
    ends (tagged on its own), not the calendar year."""
    return _hit(m, "DURATION", "P1Y")


@_family(rf"(?<!\w)(?ai:the{_SP}(?:(?:same|comparable|corresponding){_SP})?(?:quarter|period)"
         rf"{_SP}(?:(?:of|in){_SP})?(?:a{_SP}year{_SP}(?:ago|earlier)|last{_SP}year)"
         rf"|last{_SP}year['\u2019]s{_SP}(?:quarter|period))(?!\w)")
def _quarter_a_year_back(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the quarter a year ago / the corresponding period last year / last year's quarter: the quarter
    just reported (see _the_quarter), or the one told before it (see _anchor), a year before."""
    return _hit(m, "DATE", scan.relative(lambda dct: _reported_quarter(dct, -1)))._replace(back=1)


@_family(rf"(?<!\w)(?:(?P<the>(?ai:the)){_SP}(?:(?ai:comparable|corresponding){_SP})?)?(?P<year>(?ai:year))"
         rf"(?P<link>{_HY}|{_SP})(?ai:ago|earlier)(?!\w)(?:{_SP}(?P<unit>(?ai:quarter|period))(?![\w-]))?")
def _year_ago(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """year-earlier (profit) -> the year before the DCT's; the year-ago quarter / the year-earlier
    period -> the reported quarter (see _the_quarter) a year before."""
    if m["unit"] is None:
        if m["link"] not in _HYPHENS:
            return None  # "the year ago" is not an adjective
        return _Hit(m.start("year"), m.end(), "DATE", scan.relative(lambda dct: _year(dct.year - 1)), back=1)
    return _hit(m, "DATE", scan.relative(lambda dct: _reported_quarter(dct, -1)))


@_family(rf"(?<!\w)Q(?P<quarter>[1-4]){_SP}(?P<year>[0-9]{{4}})(?!\w)")
def _quarter_code(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """Q1 2024"""
    return _hit(m, "DATE", f"{m['year']}-Q{m['quarter']}", dated=True)


@_family(rf"(?<![\w'\u2019])(?:(?P<the>(?ai:the)){_SP})?(?:(?P<full>(?:1[5-9]|20)[0-9])0(?P<s>['\u2019]?s)"
         rf"|(?P<apostrophe>['\u2019])?(?P<short>[0-9])0['\u2019]?s)(?!\w)")
def _decade(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the 1990s / 2010s / the '90s: TimeML writes a decade as its first three digits ("199"),
    and "the 1800s" or "the 1900s", which mean centuries, as two ("18", "19")."""
    if m["full"]:
        if len(m["s"]) > 1 and not m["the"]:
            return None  # "1990's" alone is as likely the year's possessive
        century = m["full"].endswith("0") and m["full"] < "200"
        return _hit(m, "DATE", m["full"][:2] if century else m["full"], dated=True)
    if not (m["the"] or m["apostrophe"]):
        return None  # "in their 20s" is an age
    digit = int(m["short"])

    def resolve(dct: datetime.date) -> str:  # the latest such decade not after the DCT's
        decade = dct.year // 100 * 10 + digit
        return f"{decade - 10 if decade > dct.year // 10 else decade:03d}"
    return _hit(m, "DATE", scan.relative(resolve), dated=True)


@_family(rf"(?<!\w)(?:(?ai:the){_SP})?(?P<ordinal>[0-9]{{1,2}}(?ai:st|nd|rd|th)|(?ai:{_words(_CENTURY_ORDINALS)}))"
         rf"(?:{_SP}|{_HY})(?ai:century)(?!\w)")
def _century(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the 20th century -> "19", the first two digits of its years, as TimeML writes it"""
    ordinal = " ".join(m["ordinal"].lower().split())
    number = _CENTURY_ORDINALS.get(ordinal) or int(ordinal[:-2])
    return _hit(m, "DATE", f"{number - 1:02d}", dated=True) if number else None


@_family(rf"(?<!\w)(?:(?P<rel>{_REL}){_SP})?(?:(?P<the>(?ai:the)){_SP})?(?P<season>{_SEASON})"
         rf"(?:{_SP}(?:(?ai:of){_SP})?(?P<year>[0-9]{{4}})(?!\w))?")
def _season(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """summer 2023 / last summer / this spring / in the autumn, but not "the Arab Spring" or
    "prices fall": alone, a season needs a time-like word before it."""
    code, how = _SEASONS[m["season"].lower()], _how(m["rel"])
    if how and (m["the"] or m["year"]):
        return None
    if m["year"]:
        return _hit(m, "DATE", f"{m['year']}-{code}", dated=True)
    if how is None and not scan.trusted and (
            scan.word_before(m.start()) not in _SEASON_CONTEXT or _OF_AFTER.match(scan.text, m.end())):
        return None

    def resolve(dct: datetime.date) -> str:
        current = _season_index(dct)
        if how == "this" and current % 4 != _SEASON_PHASE[code]:
            return f"{_year(dct.year)}-{code}"
        year = _occurrence(current, 4, _SEASON_PHASE[code], how or scan.how(m.start())) // 4
        return f"{_year(year)}-{code}"
    return _hit(m, "DATE", scan.relative(resolve), dated=True)


@_family(r"(?<![\w$\u20ac\u00a3\u00a5#@.,/])(?P<year>(?:1[0-9]|20)[0-9]{2})(?![\w%]|[.,][0-9])")
def _bare_year(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """in 2023 / since 2014 / mid-2018 / the 2022 invasion / Russia's 2022 invasion / in 1898, but not
    "1999 containers", "Resolution 2397" or "$2023": a year needs a time-like context."""
    start, end, text = m.start(), m.end(), scan.text
    if _COUNTED_AFTER.match(text, end) or not (
            scan.trusted or scan.continues(start, scan.year_ends) or _reads_as_year(text, start, end)):
        return None
    scan.year_ends.add(end)
    return _hit(m, "DATE", m["year"], dated=True)


def _reads_as_year(text: str, start: int, end: int) -> bool:
    """Whether the 4-digit number at start..end stands where a year does: after a preposition, a
    modifier, a determiner or a possessive ("since 2014", "early 2023", "the 2022 invasion",
    "Russia's 2022 invasion", "2023's harvest"). Years before 1900 need a preposition."""
    word = _token_before(text, start).strip(_TOKEN_PUNCTUATION).lower()
    if start and text[start - 1] in _HYPHENS:
        return word == "mid"  # "mid-2018", not "S-2000" or "pre-2014"
    if int(text[start:end]) < 1900:
        return word in _TIME_CONTEXT
    return word in _YEAR_CONTEXT or word.endswith(("'s", "\u2019s")) or bool(_POSSESSIVE_AFTER.match(text, end))


@_family(rf"(?<!\w)(?:(?ai:the){_SP}(?ai:year){_SP}|(?P<month>{_MONTH}),?{_SP}(?:(?ai:of){_SP})?"
         rf"|(?:(?ai:the){_SP})?(?P<season>{_SEASON}){_SP}(?ai:of){_SP})?(?P<century>(?ai:eighteen|nineteen)){_SP}"
         rf"(?P<rest>(?ai:hundred)|{_NUMBER_WORD})(?!{_HY}|\w)",
         rf"(?<!\w)(?ai:the){_SP}(?ai:year){_SP}(?P<digits>(?:1[0-9]|20)[0-9]{{2}})(?!\w)",
         rf"(?<!\w)(?ai:the){_SP}(?ai:year){_SP}(?P<thousand>(?ai:two{_SP}thousand))"
         rf"(?:{_SP}(?:(?ai:and){_SP})?(?P<ones>(?ai:{_words([*_ONES, *_TEENS])})))?(?!{_HY}|\w)")
def _spoken_year(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """nineteen ninety-six / the year two thousand / the year 2000: years said in words, as in
    broadcast transcripts ("eighteen hundred" is 1800), and years after "the year"; a month or a
    season said with one joins it ("January nineteen ninety-seven", "the winter of nineteen ninety-four")."""
    groups = m.groupdict()
    if groups.get("digits"):
        year = int(groups["digits"])
    elif groups.get("thousand"):
        ones = (groups["ones"] or "").lower()
        year = 2000 + (_ONES.get(ones) or _TEENS.get(ones) or 0)
    else:
        rest = m["rest"].lower()
        number = 0 if rest == "hundred" else int(_amount(rest) or 0)
        if rest != "hundred" and number < 10 or _COUNTED_AFTER.match(scan.text, m.end()):
            return None  # "nineteen five" is not how a year is said; "nineteen twenty soldiers"
        year = {"eighteen": 1800, "nineteen": 1900}[m["century"].lower()] + number
    scan.year_ends.add(m.end())
    if groups.get("month"):
        return _hit(m, "DATE", f"{_year(year)}-{_MONTH_NUMBER[m['month'].rstrip('.')]:02d}", dated=True)
    if groups.get("season"):
        return _hit(m, "DATE", f"{_year(year)}-{_SEASONS[m['season'].lower()]}", dated=True)
    return _hit(m, "DATE", _year(year), dated=True)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@_family(rf"(?<!\w)(?:(?P<the>(?ai:the)){_SP})?(?:(?P<century>(?ai:eighteen|nineteen))(?:{_HY}|{_SP}))?"
         rf"(?P<decade>(?ai:{_words(_DECADE_WORDS)}))(?!\w)")
def _spoken_decade(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the nineties / the nineteen-sixties / the late eighties, but not "in their nineties" (an age):
    without a century, the latest such decade not after the DCT's."""
    if not (m["the"] or m["century"] or scan.word_before(m.start()) in ("early", "mid", "late")):
        return None
    digit = _DECADE_WORDS[m["decade"].lower()]
    if m["century"]:
        return _hit(m, "DATE", f"{(18 if m['century'].lower() == 'eighteen' else 19) * 10 + digit:03d}", dated=True)

    def resolve(dct: datetime.date) -> str:
        decade = dct.year // 100 * 10 + digit
        return f"{decade - 10 if decade > dct.year // 10 else decade:03d}"
    return _hit(m, "DATE", scan.relative(resolve), dated=True)


# ----------------------------------------------------- families: days and weeks

@_family(rf"(?<!\w)(?:(?P<rel>{_REL}){_SP})?(?P<weekday>{_WEEKDAY})(?:{_SP}(?P<part>{_DAY_PART}))?")
def _weekday(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """Monday / on Tuesday / last Friday / next Thursday / Monday morning / Friday's"""
    weekday, how, part = _WEEKDAYS.index(m["weekday"]), _how(m["rel"]), m["part"]

    def resolve(dct: datetime.date) -> str:
        day = _weekday_date(dct, weekday, how or scan.how(m.start())).isoformat()
        return day + "T" + _DAY_PARTS[part.lower()] if part else day
    return _hit(m, "TIME" if part else "DATE", scan.relative(resolve), dated=True)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The nth given weekday of a month (nth -1: the last one)."""
    if nth > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


# holidays: name -> (month, day) or (month, weekday, nth) for the nth weekday of the month;
# those that are also words in other uses ("Christmas trees") count alone only in a time-like context
_HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int]] = {
    "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Valentine's Day": (2, 14), "Halloween": (10, 31),
    "Christmas Eve": (12, 24), "Christmas Day": (12, 25), "Christmas": (12, 25), "Boxing Day": (12, 26),
    "Thanksgiving Day": (11, 3, 4), "Thanksgiving": (11, 3, 4), "Labor Day": (9, 0, 1),
    "Memorial Day": (5, 0, -1)}
_BARE_HOLIDAYS = frozenset({"Christmas", "Thanksgiving", "Halloween"})


def _holiday_on(name: str, year: int) -> datetime.date:
    rule = _HOLIDAYS[name]
    if len(rule) == 2:
        return datetime.date(_yearly(year), rule[0], rule[1])
    return _nth_weekday(_yearly(year), *rule)


def _yearly(year: int) -> int:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    return year


@_family(rf"(?<!\w)(?:(?P<rel>(?ai:last|next|this)){_SP})?"
         rf"(?P<name>{_words(_HOLIDAYS).replace(chr(39), '[' + chr(39) + chr(0x2019) + ']')})(?!\w)"
         rf"(?:,?{_SP}(?:(?ai:of){_SP})?(?P<year>(?:1[0-9]|20)[0-9]{{2}})(?!\w))?")
def _holiday(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """Christmas Day / on Thanksgiving / last Christmas / New Year's Eve 1999 / Labor Day"""
    name = m["name"].replace("\u2019", "'")
    if m["year"]:
        return _hit(m, "DATE", _holiday_on(name, int(m["year"])).isoformat(), dated=True)
    how = _how(m["rel"])
    if how is None and name in _BARE_HOLIDAYS and not (
            scan.trusted or scan.word_before(m.start()) in _TIME_CONTEXT | _SEASON_CONTEXT | {"on", "at"}):
        return None
    return _hit(m, "DATE", scan.relative(lambda dct: _yearly_date(
        dct, lambda year, _step: _holiday_on(name, year), how or scan.how(m.start())).isoformat()), dated=True)


@_family(rf"(?<!\w)(?P<word>(?ai:today|yesterday|tomorrow|tonight))(?!\w)(?:{_SP}(?P<part>{_DAY_PART}))?")
def _day_word(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """today / yesterday / tomorrow / tonight / yesterday morning, but not "USA Today" or "Russia Today"."""
    if not scan.trusted and _ends_name(scan.text, m.start()):
        return None
    word = m["word"].lower()
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    part = "night" if word == "tonight" else (m["part"] or "").lower()

    def resolve(dct: datetime.date) -> str:
        day = (dct + datetime.timedelta(days=shift)).isoformat()
        return day + "T" + _DAY_PARTS[part] if part else day
    end = m.end("word") if word == "tonight" else m.end()
    return _Hit(m.start(), end, "TIME" if part else "DATE", scan.relative(resolve), dated=True)


@_family(rf"(?<!\w)(?P<rel>(?ai:this|last)){_SP}(?P<part>{_DAY_PART})")
def _part_of_day(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """this morning / this afternoon / last night / last evening"""
    rel, part = m["rel"].lower(), m["part"].lower()
    if rel == "last" and part not in ("night", "evening"):
        return None
    shift = -1 if rel == "last" else 0
    return _hit(m, "TIME", scan.relative(
        lambda dct: f"{(dct + datetime.timedelta(days=shift)).isoformat()}T{_DAY_PARTS[part]}"), dated=True)


@_family(rf"(?<!\w)(?P<rel>(?ai:last|next|this{_SP}past|this{_SP}coming|this|the{_SP}current|the{_SP}present"
         rf"|the{_SP}coming)){_SP}(?:(?ai:fiscal){_SP})?"
         rf"(?P<unit>(?ai:year|month|weekend|week|quarter|decade|century))(?!\w)")
def _relative_unit(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """last year / this month / next week / this weekend / the current quarter / this decade /
    next fiscal year (named, like "fiscal 2024", by its calendar year)"""
    if not scan.trusted and _in_title(scan.text, m.start(), m.start("unit")):
        return None
    how, unit = _how(m["rel"]) or "this", m["unit"].lower()
    shift = {"last": -1, "this": 0, "next": 1}[how]

    def resolve(dct: datetime.date) -> str:
        if unit == "year":
            return _year(dct.year + shift)
        if unit == "month":
            return _year_month(_month_index(dct) + shift)
        if unit == "week":
            return _iso_week(dct + datetime.timedelta(weeks=shift))
        if unit == "weekend":
            return _weekend(dct, how)
        if unit == "quarter":
            year, phase = divmod(dct.year * 4 + (dct.month - 1) // 3 + shift, 4)
            return f"{_year(year)}-Q{phase + 1}"
        if unit == "decade":
            return f"{dct.year // 10 + shift:03d}"
        return f"{dct.year // 100 + shift:02d}"
    return _hit(m, "DATE", scan.relative(resolve), dated=True)


@_family(rf"(?<!\w)(?ai:the{_SP}(?:very{_SP})?(?:beginning|start|end|middle|close){_SP}of{_SP}the{_SP}"
         rf"(?P<unit>year|month|week))(?!\w)")
def _part_of_unit(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the end of the year / the middle of the month: the DCT's"""
    unit = m["unit"].lower()

    def resolve(dct: datetime.date) -> str:
        if unit == "year":
            return _year(dct.year)
        return _year_month(_month_index(dct)) if unit == "month" else _iso_week(dct)
    return _hit(m, "DATE", scan.relative(resolve))


@_family(rf"(?<!\w)(?P<the>(?ai:the){_SP}(?P<rel>(?ai:following|next|previous|preceding|same))"
         rf"|(?ai:that)(?:{_SP}(?P<same>(?ai:same)))?){_SP}(?P<unit>(?ai:day|morning|afternoon|evening|night|month|year))(?!\w)")
def _narrative_day(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the following day / the next morning / the previous day / that day / the same day / that
    night / that year: counted from the date told just before (see _anchor), not from the DCT.
    "The next month" and "the next year" are left to the families that read them from the DCT."""
    rel, unit = (m["rel"] or "").lower(), m["unit"].lower()
    if rel == "next" and unit in ("month", "year"):
        return None
    shift = {"following": 1, "next": 1, "previous": -1, "preceding": -1}.get(rel, 0)
    part = unit if unit in _DAY_PARTS else ""
    base = "day" if part else unit
    type_ = "TIME" if part else "DATE"
    return _hit(m, type_, None, dated=True)._replace(follows=(base, shift, part))


@_family(rf"(?<!\w)(?ai:the{_SP}week{_SP}of){_SP}(?P<month>{_MONTH}){_SP}(?P<day>[0-9]{{1,2}})(?ai:st|nd|rd|th)?(?!\w)"
         rf"(?:,?{_SP}(?P<year>[0-9]{{4}})(?!\w))?")
def _week_of(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """the week of March 6: the ISO week of that day"""
    month, day = _MONTH_NUMBER[m["month"].rstrip(".")], int(m["day"])
    if m["year"]:
        return _hit(m, "DATE", _iso_week(datetime.date(int(m["year"]), month, day)))
    datetime.date(2000, month, day)  # a day that never exists fails
    return _hit(m, "DATE", scan.relative(
        lambda dct: _iso_week(_month_day_date(dct, month, day, scan.how(m.start())))))


@_family(rf"(?<!\w)(?ai:the{_SP}weekend)(?!\w)")
def _the_weekend(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """(over) the weekend: the one just past, or in a future-tense clause the coming one"""
    return _hit(m, "DATE", scan.relative(lambda dct: _weekend(dct, scan.how(m.start()))), dated=True)


# ------------------------------------------------------- families: spans of time

@_family(rf"(?<!\w)(?:(?P<num>{_NUM}){_SP})?(?P<unit>{_UNIT}){_SP}(?ai:ago|earlier)(?!\w)")
def _ago(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """two years ago -> a year, three months ago -> a month, two weeks ago -> a week, five days ago
    -> a date; vague ones ("a few years ago", "months ago") are PAST_REF. "A year earlier" is a
    point in time like "a year ago" and is counted back from the DCT as well: in news it mostly
    compares with the same time a year before the story ("profit rose from $3 million a year earlier")."""
    unit = _unit(m["unit"])
    if m["num"] is None and unit == m["unit"].lower():
        return None  # "the year ago period"
    amount = _amount(m["num"]) if m["num"] else None
    if amount is None or amount != int(amount):
        return _hit(m, "DATE", "PAST_REF", quantified=True)
    n = int(amount)

    def resolve(dct: datetime.date) -> str:
        if unit in ("year", "decade", "century"):
            return _year(dct.year - n * _UNITS[unit][1])
        if unit == "month":
            return _year_month(_month_index(dct) - n)
        if unit == "week":
            return _iso_week(dct - datetime.timedelta(weeks=n))
        hours = {"day": 24 * n, "hour": n}.get(unit, 0)
        return (dct - datetime.timedelta(hours=hours)).isoformat()  # date arithmetic drops part-days
    back = n if unit == "year" and n else 0
    return _hit(m, "DATE", scan.relative(resolve), quantified=True)._replace(back=back)


@_family(rf"(?<!\w)(?:(?P<the>(?ai:the)){_SP}(?:(?P<rel>(?ai:past|last|next|coming|previous|following|first|final|latest"
         rf"|recent)){_SP})?)?(?:(?P<num>{_NUM})(?P<half>{_HALF}|{_SP}1/2|\u00bd)?{_SP})?"
         rf"(?:(?ai:more|additional|further|straight|consecutive|full|whole){_SP})?(?P<unit>{_UNIT})(?P<half_after>{_HALF})?")
def _duration_phrase(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """three weeks / 24 hours / a few years / the past two years / the past year / the nine months
    (TimeML keeps the article of a counted span); "a day" after a quantity ("100,000 barrels a day")
    is a frequency instead, "52 years old" an age."""
    unit, rel, num = _unit(m["unit"]), (m["rel"] or "").lower(), m["num"]
    if _OLD_AFTER.match(scan.text, m.end()) or (
            not scan.trusted and _in_title(scan.text, m.start(), m.start("unit"))):
        return None
    if m["the"] and num and num.lower() in ("a", "an"):
        return None  # "the a"/"the an" cannot be a phrase; let the shorter match stand
    if num is None:
        # "the past year" is a span of a year; "the next day", "the last week of March" are not spans
        if rel not in ("past", "last", "next") or unit == "day" or _OF_AFTER.match(scan.text, m.end()):
            return None
        return _hit(m, "DURATION", _duration(1 if unit == m["unit"].lower() else None, unit), quantified=True)
    amount = _amount(num)
    if m["half"] or m["half_after"]:
        if m["half"] and m["half_after"]:
            return None
        amount = None if amount is None else amount + 0.5
    elif not rel and num.lower() in ("a", "an") and _is_rate(scan.text, m.start()):
        return _hit(m, "SET", _duration(1, unit))
    return _hit(m, "DURATION", _duration(amount, unit), quantified=True)


def _is_rate(text: str, offset: int) -> bool:
    """Whether "a <unit>" at offset follows a quantity in the same phrase, as in "$5 million a year",
    "twice a day" (but not "in 2023, a year after")."""
    token = _token_before(text, offset).lstrip(_TOKEN_PUNCTUATION).lower()
    return token in _RATE_WORDS or token[-1:].isdigit() or token.endswith("%")


@_family(rf"(?<![\w.,])(?P<num>[0-9]{{1,3}}|{_NUMBER_WORD}){_HY}"
         rf"(?P<unit>(?ai:year|month|week|day|hour|minute|decade|century))(?!\w|{_HY}(?ai:old))")
def _hyphenated_duration(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """a two-year contract / a 30-day truce / a 24-hour ceasefire, but not a "10-year-old" (an age)"""
    return _hit(m, "DURATION", _duration(_amount(m["num"]), _unit(m["unit"])))


@_family(rf"(?<!\w)(?:(?ai:the){_SP})?(?ai:recent|coming|past){_SP}(?P<unit>{_PLURAL_UNIT})",
         rf"(?<!\w)(?P<unit>{_PLURAL_UNIT})")
def _vague_duration(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """recent years / the coming weeks / (for) years / (within) days: an unknown number of units"""
    if m.start() == m.start("unit") and not (scan.trusted or scan.word_before(m.start()) in _SPAN_CONTEXT):
        return None
    return _hit(m, "DURATION", _duration(None, _unit(m["unit"])))


# --------------------------------------------------------------- families: sets

@_family(rf"(?<!\w)(?ai:every|each){_SP}(?:(?:(?P<num>{_NUM}){_SP})?(?P<unit>{_UNIT}|(?ai:quarters?)(?!\w))"
         rf"|(?P<weekday>{_WEEKDAY})|(?P<month>{_words(_MONTHS)})(?!\w)|(?P<season>{_SEASON}))")
def _recurrence(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """each year / every week / every two months / every Monday / each July / every summer"""
    if m["weekday"]:
        return _hit(m, "SET", f"XXXX-WXX-{_WEEKDAYS.index(m['weekday']) + 1}")
    if m["month"]:
        return _hit(m, "SET", f"XXXX-{_MONTH_NUMBER[m['month']]:02d}")
    if m["season"]:
        return _hit(m, "SET", f"XXXX-{_SEASONS[m['season'].lower()]}")
    if m["unit"].lower().startswith("quarter"):
        return _hit(m, "SET", "P3M")
    return _hit(m, "SET", _duration(_amount(m["num"]) if m["num"] else 1, _unit(m["unit"])))


@_family(rf"(?<!\w)(?ai:per){_SP}(?P<unit>(?ai:year|month|week|day|hour|annum))(?!\w)")
def _per_unit(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """per year / per day / per annum"""
    unit = m["unit"].lower()
    return _hit(m, "SET", _duration(1, "year" if unit == "annum" else unit))


@_family(rf"(?<!\w)(?P<word>(?ai:{_words(_SET_ADVERBS)}))(?!\w)")
def _recurrence_adverb(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """annually / weekly / daily, but not "the Daily Mail" or "China Daily"."""
    if not scan.trusted and (_ends_name(scan.text, m.start()) or _starts_name(scan.text, m.start(), m.end())):
        return None
    return _hit(m, "SET", _SET_ADVERBS[m["word"].lower()])


# ------------------------------------------------------- families: clock times

def _clock(m: re.Match[str], scan: _Scan, hour: int, minute: int) -> _Hit:
    """A time on the day named with it or just before it ("Monday at 3 p.m."), else on the DCT.
    The time is kept as written, whatever its zone."""
    day = m["day"]
    if m["cmonth"]:
        month, day_of_month = _MONTH_NUMBER[m["cmonth"].rstrip(".")], int(m["cday"])
        if m["cyear"]:
            date = datetime.date(int(m["cyear"]), month, day_of_month)
            return _hit(m, "TIME", f"{date.isoformat()}T{hour:02d}:{minute:02d}", quantified=True)
        datetime.date(2000, month, day_of_month)  # a day that never exists fails
        return _hit(m, "TIME", scan.relative(
            lambda dct: f"{_month_day_date(dct, month, day_of_month, scan.how(m.start())).isoformat()}"
                        f"T{hour:02d}:{minute:02d}"), quantified=True)
    if day is None:
        before = _DAY_BEFORE_CLOCK.search(scan.text, max(0, m.start() - 40), m.start())
        day = before["day"] if before else None

    def resolve(dct: datetime.date) -> str:
        if day in _WEEKDAYS:
            date = _weekday_date(dct, _WEEKDAYS.index(day), scan.how(m.start()))
        else:
            date = dct + datetime.timedelta(days={"yesterday": -1, "tomorrow": 1}.get((day or "").lower(), 0))
        return f"{date.isoformat()}T{hour:02d}:{minute:02d}"
    return _hit(m, "TIME", scan.relative(resolve), quantified=True)


@_family(rf"(?<![\w.:,])(?P<hour>[0-9]{{1,2}})(?::(?P<minute>[0-5][0-9]))?{_WS}?"
         rf"(?P<meridiem>(?ai:a\.m\.|p\.m\.|a\.m|p\.m|am|pm))(?!\w)(?:{_CLOCK_ZONE})?(?:{_CLOCK_DAY})?")
def _twelve_hour_clock(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """3 p.m. / 10:35 a.m. / 9 a.m. EST Tuesday"""
    hour = int(m["hour"])
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if m["meridiem"].lower().startswith("p") else 0)
    return _clock(m, scan, hour, int(m["minute"] or 0))


@_family(rf"(?<![\w.:,])(?P<hour>[01]?[0-9]|2[0-3]):?(?P<minute>[0-5][0-9]){_CLOCK_ZONE}(?:{_CLOCK_DAY})?")
def _zoned_clock(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """1600 GMT / 14:30 local time: a 24-hour time counts only with its zone"""
    return _clock(m, scan, int(m["hour"]), int(m["minute"]))


@_family(rf"(?<!\w)(?P<word>(?ai:noon|midnight))(?!\w)(?:{_CLOCK_ZONE})?(?:{_CLOCK_DAY})?")
def _noon(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """noon / midnight Friday (TIMEX3 writes midnight as hour 24 of the day that it ends)"""
    if not scan.trusted and _in_title(scan.text, m.start(), m.start()):
        return None
    return _clock(m, scan, 12 if m["word"].lower() == "noon" else 24, 0)


# --------------------------------------------------- families: vague references

@_family(rf"(?<!\w)(?P<word>(?ai:right{_SP}now|now|currently|nowadays|these{_SP}days|recently|lately))"
         rf"(?!\w|{_HY})")
def _reference(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """now / currently -> PRESENT_REF, recently -> PAST_REF"""
    return _hit(m, "DATE", _REFERENCES[" ".join(m["word"].lower().split())])


@_family(rf"(?<!\w)(?ai:the{_SP}(?:(?:near|foreseeable|distant|immediate|recent){_SP})?(?P<open>past|future))(?!\w)"
         rf"(?!{_SP}(?:[0-9]|(?ai:{_words([*_ONES, *_TEENS, *_TENS, 'few', 'several', 'couple'])})(?!\w)))")
def _open_reference(m: re.Match[str], scan: _Scan) -> _Hit | None:
    """(in) the past -> PAST_REF, (in) the near future -> FUTURE_REF, but not "the future of NATO"
    nor "the past three summers" (a count of something that is not a unit of time)."""
    if not scan.trusted and (scan.word_before(m.start()) not in _OPEN_CONTEXT or _OF_AFTER.match(scan.text, m.end())):
        return None
    return _hit(m, "DATE", _REFERENCES[m["open"].lower()])


# ---------------------------------------------------------------- the whole pass

def _widen(hit: _Hit, text: str, floor: int) -> _Hit:
    """Take a modifier before the hit into its span, as TimeML does: "late" in "late last year",
    "the end of" in "the end of 2023", "more than" in "more than two years"."""
    pattern = _DATE_MODIFIER if hit.dated else _APPROXIMATOR if hit.quantified else None
    found = pattern.search(text, max(floor, hit.start - 40), hit.start) if pattern else None
    return hit._replace(start=found.start()) if found else hit


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, preferring the longer of two that overlap (the first found on a tie)."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        if not chosen or hit.start >= chosen[-1].end:
            chosen.append(hit)
        elif (hit.end - hit.start > chosen[-1].end - chosen[-1].start
              and (len(chosen) < 2 or hit.start >= chosen[-2].end)):
            chosen[-1] = hit
    return chosen


def _scan(text: str, dct: datetime.date | None, start: int, end: int,
          tense: Callable[[int], Tense | None] | None, *, trusted: bool) -> list[_Hit]:
    scan = _Scan(text, dct.date() if isinstance(dct, datetime.datetime) else dct, tense, trusted)
    horizon = min(len(text), end + 64)  # look-aheads may see past `end`; hits may not end past it
    hits: list[_Hit] = []
    for pattern, handler in _FAMILIES:
        for m in pattern.finditer(text, start, horizon):
            if m.end() > end:
                continue
            try:
                hit = handler(m, scan)
            except ValueError:  # a day that does not exist ("Feb. 30", "2024-13-01")
                hit = None
            if hit is not None:
                hits.append(_widen(hit, text, start))
    return _anchor(_shared_year(_select(hits), text), scan.dct)


def _shared_year(hits: list[_Hit], text: str) -> list[_Hit]:
    """'between March and June last year', 'from January to March 2022': a month or day told without
    a year takes the year of the one it is paired with (the year before when its month comes later)."""
    out = list(hits)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        ma, mb = _MONTH_VALUE.fullmatch(a.value or ""), _MONTH_VALUE.fullmatch(b.value or "")
        if not (ma and mb) or _HAS_YEAR.search(text, a.start, a.end) or not _HAS_YEAR.search(text, b.start, b.end) \
                or not _CONNECTOR.match(text, a.end, b.start):
            continue
        year = int(mb["year"]) - (int(ma["month"]) > int(mb["month"]))
        out[i] = a._replace(value=f"{year:04d}-{ma['month']}{ma['day'] or ''}")
    return out


def _anchor(hits: list[_Hit], dct: datetime.date | None) -> list[_Hit]:
    """Resolve the expressions that depend on the time mentioned before them.

    "a year earlier" is counted back from the time just before it when that is a quarter or a half:
    "net rose in the third quarter from $3 million a year earlier" compares with the third quarter
    of the year before, not with the day a year before the story. "The following day", "that year",
    "the same day" are counted from the latest date before them that names such a unit (a day, a
    month, a year), or from the DCT when there is none."""
    out: list[_Hit] = []
    reference: _Hit | None = None  # the latest expression that is not itself counted back
    for hit in hits:
        if hit.back and reference is not None and hit.start - out[-1].end <= _ANCHOR_REACH:
            m = _ANCHORABLE.fullmatch(reference.value or "")
            if m and int(m["year"]) > hit.back:
                hit = hit._replace(value=f"{int(m['year']) - hit.back:04d}{m['rest']}")
        if hit.follows:
            hit = hit._replace(value=_follow(hit.follows, out, dct))
        if not hit.back:
            reference = hit
        out.append(hit)
    return out


def _follow(follows: tuple[str, int, str], before: list[_Hit], dct: datetime.date | None) -> str | None:
    """The value of "the following day" (unit "day", shift 1) from the latest earlier expression
    whose value has that unit, else from the DCT."""
    unit, shift, part = follows
    needed = {"day": 3, "month": 2, "year": 1}[unit]
    start: datetime.date | None = dct
    for hit in reversed(before):
        m = _CALENDAR_VALUE.match(hit.value or "") if hit.type in ("DATE", "TIME") else None
        if m and sum(1 for g in m.groups() if g) >= needed:
            start = datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
            break
    if start is None:
        return None
    try:
        if unit == "year":
            return _year(start.year + shift)
        if unit == "month":
            return _year_month(_month_index(start) + shift)
        day = (start + datetime.timedelta(days=shift)).isoformat()
    except (ValueError, OverflowError):
        return None
    return f"{day}T{_DAY_PARTS[part]}" if part else day


def find_times(text: str, dct: datetime.date | None, *, start: int = 0, end: int | None = None,
               tense: Callable[[int], Tense | None] | None = None) -> list[TimeExpression]:
    """All time expressions in text[start:end], in order, non-overlapping, longest match, offsets into `text`.

    `dct` is the document creation time (the article's date); expressions that need it get the
    value None when it is None. `tense(offset)` tells the tense of the clause around an expression
    starting at `offset` (None if unknown); it decides the direction of underspecified expressions
    ("in October", "on Monday") and is called only for those. `start` and `end` are clamped to the text.
    """
    start = max(0, min(start, len(text)))
    end = len(text) if end is None else max(start, min(end, len(text)))
    return [TimeExpression(h.start, h.end, text[h.start:h.end], h.type, h.value)
            for h in _scan(text, dct, start, end, tense, trusted=False)]


def normalize(expression: str, dct: datetime.date | None,
              tense: Tense | None = None) -> tuple[TimexType, str | None] | None:
    """(type, value) for one expression, or None if it is not a time expression.

    The expression is taken to be a time already (a TimeML TIMEX3 span, say), so "2023" or "May"
    count without context; a leading preposition ("in 2023") and final punctuation are allowed.
    """
    hits = _scan(expression, dct, 0, len(expression), None if tense is None else (lambda _: tense),
                 trusted=True)
    if len(hits) != 1:
        return None
    hit = hits[0]
    before = expression[:hit.start].strip()
    after = expression[hit.end:].strip().strip(_TRAILING_PUNCTUATION)
    if after or (before and not _LEADING_PREPOSITION.fullmatch(before)):
        return None
    return hit.type, hit.value
