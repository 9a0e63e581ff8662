"""Sanctions rules as data: which transfers a regime forbids or caps, with the legal basis.

Each file in ``ledger/rules/`` is one regime (``un_dprk.yaml`` ships the UN Security
Council's measures on the DPRK, with its citations, ``unverified`` marks and
superseded rules kept). A regime names its ``target_country``; each rule says

- ``direction``: ``to_…`` (supply to the target), ``from_…`` (supply from it) or ``both``;
- ``categories`` (the transfer schema's) and, where the text names them, ``hs_codes``;
- ``kind``: ``ban`` or ``cap`` (with ``cap: [{value, unit, period, alt_value?, alt_unit?}]``);
- ``effective_from`` / ``effective_to`` and ``status`` (``in_force`` or ``superseded`` with
  ``superseded_by``): a superseded rule still judges transfers made while it was in force;
- ``citation``, and ``unverified: true`` where the citation could not be checked.

Adding a regime (EU, US, UK lists) is adding a file: nothing here names a country.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources

import yaml

from lading.knowledge import SAFE_LOADER, KnowledgeError
from lading.model import Flag, Transfer

RULES_PACKAGE = "lading.ledger.rules"
# Barrels per tonne, to compare a tonnage with a cap in barrels (and back). Approximate by nature:
# the flag says so whenever it converts.
BARRELS_PER_TONNE = {"crude_oil": 7.33, "fuel": 7.45}


@dataclass(frozen=True)
class Cap:
    value: float | None
    unit: str
    period: str
    alt_value: float | None = None
    alt_unit: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    regime: str
    target: str  # ISO3 the regime is about
    direction: str  # to, from, both
    categories: frozenset[str]
    hs_codes: tuple[str, ...]
    kind: str  # ban, cap
    citation: str
    goods: str
    start: date | None
    end: date | None  # last day in force: effective_to, or the day before its successor took effect
    status: str
    verified: bool
    caps: tuple[Cap, ...] = ()
    catch_all: bool = False  # applies only where a State determines the item could serve the armed forces
    words: tuple[str, ...] = ()  # when set, the goods' own words must contain one of these

    def covers(self, supplier: str | None, recipient: str | None) -> bool:
        to_target = recipient == self.target and supplier != self.target
        from_target = supplier == self.target and recipient != self.target
        return (self.direction in ("to", "both") and to_target) or (self.direction in ("from", "both") and from_target)

    def in_force(self, first: date, last: date) -> bool:
        """Whether the rule was in force at some day of [first, last]."""
        return (self.start is None or self.start <= last) and (self.end is None or first <= self.end)


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _direction(value: str) -> str:
    if value == "both":
        return "both"
    if value.startswith(("to_", "to-")):
        return "to"
    if value.startswith(("from_", "from-")):
        return "from"
    raise ValueError(value)


def parse_regime(data: dict, name: str) -> list[Rule]:
    """The rules of one regime file; raises KnowledgeError naming the file and rule when malformed."""
    target = data.get("target_country")
    if not isinstance(target, str) or not isinstance(data.get("rules"), list):
        raise KnowledgeError(f"{name}: needs target_country and a list of rules")
    raw = {r.get("id"): r for r in data["rules"]}
    rules = []
    for r in data["rules"]:
        try:
            start = _date(r.get("effective_from"))
            end = _date(r.get("effective_to"))
            successor = raw.get(r.get("superseded_by"))
            if r.get("status") == "superseded" and successor is not None and end is None:
                successor_start = _date(successor.get("effective_from"))
                end = successor_start - timedelta(days=1) if successor_start else None
            rules.append(Rule(
                id=r["id"], regime=r.get("regime") or data.get("regime", name), target=target,
                direction=_direction(r["direction"]),
                categories=frozenset(r["match_categories"] if "match_categories" in r else r.get("categories") or ()),
                hs_codes=tuple(str(h) for h in (r.get("match_hs_codes") or r.get("hs_codes") or ())), kind=r["kind"],
                citation=r.get("citation") or r["id"], goods=r.get("goods", ""), start=start, end=end,
                status=r.get("status", "in_force"), verified=not r.get("unverified", False),
                caps=tuple(Cap(c.get("value"), str(c.get("unit")), str(c.get("period", "")), c.get("alt_value"), c.get("alt_unit"))
                           for c in r.get("cap") or ()),
                catch_all=bool(r.get("catch_all")),
                words=tuple(w.lower() for w in r.get("match_words") or ()),
            ))
        except (KeyError, ValueError, TypeError) as exc:
            raise KnowledgeError(f"{name}: rule {r.get('id')!r} is malformed ({exc})") from exc
    return rules


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule of every regime file shipped in ``ledger/rules/``."""
    out: list[Rule] = []
    for item in sorted(resources.files(RULES_PACKAGE).iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            out.extend(parse_regime(yaml.load(item.read_text(encoding="utf-8"), Loader=SAFE_LOADER), item.name))
    return tuple(out)


def period_of(time_value: str | None, published: date | None) -> tuple[date, date] | None:
    """The days a TIMEX3 value spans ("2023" → the year); without one, the year before publication."""
    if time_value:
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", time_value)
        if m:
            year = int(m.group(1))
            if m.group(3):
                day = date(year, int(m.group(2)), int(m.group(3)))
                return day, day
            if m.group(2):
                month = int(m.group(2))
                first = date(year, month, 1)
                last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
                return first, last
            return date(year, 1, 1), date(year, 12, 31)
    if published:
        return published - timedelta(days=365), published
    return None


def flags_for(supplier: str | None, recipient: str | None, categories: Iterable[str], hs_codes: Iterable[str | None],
              time_value: str | None, published: date | None, quantity: dict | None = None,
              regime_rules: Iterable[Rule] | None = None, words: Iterable[str] = ()) -> tuple[Flag, ...]:
    """The rules a transfer may breach, each with its basis and a one-line reason.

    ``words`` are the article's words for the goods, for rules that name a kind of item.
    """
    cats = set(categories)
    codes = [c for c in hs_codes if c]
    text = " ".join(words).lower()
    span = period_of(time_value, published)
    out: list[Flag] = []
    for rule in regime_rules if regime_rules is not None else rules():
        if not rule.covers(supplier, recipient):
            continue
        matched = cats & rule.categories
        if not matched:
            continue
        if rule.words and not any(w in text for w in rule.words):
            continue
        if rule.hs_codes and not any(c.startswith(h) or h.startswith(c) for c in codes for h in rule.hs_codes):
            continue  # the rule names HS headings, and the goods are not known to be under them
        if span is not None and not rule.in_force(*span):
            continue
        if span is None and rule.status != "in_force":
            continue
        out.append(_flag(rule, sorted(matched), quantity))
    return tuple(out)


def _flag(rule: Rule, matched: list[str], quantity: dict | None) -> Flag:
    what = ", ".join(matched)
    way = {"to": "to", "from": "from", "both": "to or from"}[rule.direction]
    if rule.kind == "cap":
        status, note = cap_status(rule, matched, quantity)
        reason = f"{what} {way} {rule.target} is capped ({_cap_text(rule)}); {note}"
    elif rule.catch_all:
        status = None
        reason = f"{what} {way} {rule.target} may fall under the catch-all ban, if it could serve the armed forces"
    else:
        status = None
        reason = f"{what} {way} {rule.target} is banned" + ("" if rule.status == "in_force" else " (by a rule since superseded)")
    if not rule.verified:
        reason += "; citation unverified"
    return Flag(rule=rule.id, regime=rule.regime, kind=rule.kind, citation=rule.citation, reason=reason,
                verified=rule.verified, status=status)


def _cap_text(rule: Rule) -> str:
    caps = [c for c in rule.caps if c.value is not None]
    if not caps:
        return rule.caps[0].unit if rule.caps else "amount not stated"
    c = caps[-1]
    return f"{c.value:,.0f} {c.unit}s, {c.period}"


def cap_status(rule: Rule, categories: list[str], quantity: dict | None, total: float | None = None) -> tuple[str, str]:
    """'exceeds', 'within' or 'unknown', with a note: compares a quantity (or a period's total) with the cap,
    converting tonnes and barrels where the goods allow and saying when it cannot."""
    caps = [c for c in rule.caps if c.value is not None]
    if not caps:
        return "unknown", "the cap's amount is not in the rule"
    cap = caps[-1]
    if quantity is None and total is None:
        return "unknown", "quantity not stated"
    value = total if total is not None else float(quantity["value"])
    unit = quantity["unit"] if quantity else cap.unit
    converted = convert(value, unit, cap.unit, categories)
    if converted is None:
        return "unknown", f"{value:,.0f} {unit}(s) cannot be compared with a cap in {cap.unit}s"
    note = f"{converted:,.0f} {cap.unit}s" + (f" (converted from {value:,.0f} {unit}s at an approximate rate)" if unit != cap.unit else "")
    if converted > cap.value:
        return "exceeds", f"{note} exceed it"
    return "within", f"{note} within it"


def convert(value: float, unit: str, to_unit: str, categories: Iterable[str]) -> float | None:
    """Tonnes ⇄ barrels for oil; None when the units cannot be compared."""
    if unit == to_unit:
        return value
    rate = next((BARRELS_PER_TONNE[c] for c in categories if c in BARRELS_PER_TONNE), None)
    if rate is None:
        return None
    if unit == "tonne" and to_unit == "barrel":
        return value * rate
    if unit == "barrel" and to_unit == "tonne":
        return value / rate
    return None


def flag_transfer(transfer: Transfer, published: date | None) -> list[Transfer]:
    """The record with its ``sanctions`` field filled: every rule it may breach. Goods that rules treat
    differently ("food and fuel" to the DPRK: fuel capped, food not) become one record each."""
    def flags(goods: list) -> tuple[Flag, ...]:
        return flags_for(transfer.supplier.country, transfer.recipient.country, [g.category for g in goods],
                         [g.hs_code for g in goods], transfer.time.value if transfer.time else None, published,
                         transfer.quantity.to_json() if transfer.quantity else None, words=[g.text for g in goods])

    per_item = [(g, flags([g])) for g in transfer.items]
    if len({tuple(f.rule for f in fs) for _, fs in per_item}) <= 1:
        return [replace(transfer, sanctions=flags(list(transfer.items)))]
    groups: dict[tuple[str, ...], list] = {}
    for g, fs in per_item:
        groups.setdefault(tuple(f.rule for f in fs), []).append(g)
    return [replace(transfer, items=tuple(goods), sanctions=flags(goods)) for goods in groups.values()]
