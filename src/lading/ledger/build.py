"""From stored transfer records to ledger entries: merged, sourced, checked for disagreement, flagged.

- **Entries.** Records of one supplier, recipient and category whose times are compatible
  ("2023" and "2023-09"; not "2019" and "2023") make one entry. A record without a time goes
  to that flow's undated entry rather than being guessed into a year; a near-copy of an article
  already in an entry joins it whatever year it says (and the disagreement is shown).
- **Mentions.** One article's records of an entry are one mention (a headline and the paragraph
  that repeats it are one telling, not two).
- **Independent sources** are the roots of the attribution chains - the ministry, not the
  outlets relaying it. A record the article asserts in its own voice counts the article as
  its source, unless the same article attributes the entry to someone, whose claim it then
  repeats; near-copies of an article count as that article.
- **Certainty**: asserted, reported or hedged by the strongest mention; denied when every
  mention denies it; disputed when some deny what others claim.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from lading.knowledge import load
from lading.ledger.sanctions import cap_status, convert, flags_for, period_of, rules
from lading.model import Contradiction, Entry, Flag, Mention, Side

QUANTITY_TOLERANCE = 0.02  # relative difference two stated quantities may have and still agree
CERTAINTY_RANK = {"asserted": 3, "reported": 2, "hedged": 1, "denied": 0}


@dataclass(frozen=True)
class StoredRecord:
    """A transfer record as the store holds it, with the article it came from."""

    article_id: int
    doc_id: str
    title: str | None
    published: date | None
    url: str | None
    duplicate_of: int | None
    record: dict

    @property
    def root_article(self) -> int:
        return self.duplicate_of or self.article_id


def build_ledger(stored: Iterable[StoredRecord]) -> list[Entry]:
    """Every ledger entry the records support, sorted by supplier, recipient, category and time."""
    by_flow: dict[tuple[str, str, str], list[tuple[StoredRecord, str | None]]] = defaultdict(list)
    for s in stored:
        r = s.record
        supplier, recipient = (r["supplier"] or {}).get("country"), (r["recipient"] or {}).get("country")
        if not supplier or not recipient:
            continue
        for category in dict.fromkeys(i["category"] for i in r["items"]):
            by_flow[(supplier, recipient, category)].append((s, (r.get("time") or {}).get("value")))
    entries = []
    for (supplier, recipient, category), records in by_flow.items():
        for time, group in _clusters(records):
            entries.append(_entry(supplier, recipient, category, time, group))
    entries = _aggregate_caps(entries)
    return sorted(entries, key=lambda e: (e.supplier, e.recipient, e.category, e.time or "~"))


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _clusters(records: list[tuple[StoredRecord, str | None]]) -> list[tuple[str | None, list[StoredRecord]]]:
    """Group one flow's records by compatible time; undated ones apart; near-copies with their original."""
    clusters: list[tuple[str, list[StoredRecord]]] = []
    undated: list[StoredRecord] = []
    for s, time in sorted(records, key=lambda x: (len(x[1] or ""), x[1] or "", x[0].article_id)):
        if time is None:
            undated.append(s)
            continue
        same_story = next((c for c in clusters if any(m.root_article == s.root_article for m in c[1])), None)
        home = next((c for c in clusters if _compatible(c[0], time)), None) or same_story
        if home is None:
            clusters.append((time, [s]))
        else:
            home[1].append(s)
    out: list[tuple[str | None, list[StoredRecord]]] = list(clusters)
    if undated:
        out.append((None, undated))
    return out


def _entry(supplier: str, recipient: str, category: str, time: str | None, records: list[StoredRecord]) -> Entry:
    by_article: dict[int, list[StoredRecord]] = defaultdict(list)
    for s in records:
        by_article[s.article_id].append(s)
    mentions = tuple(
        Mention(article_id=a, doc_id=rs[0].doc_id, title=rs[0].title, published=rs[0].published, url=rs[0].url,
                duplicate_of=rs[0].duplicate_of, records=tuple(r.record for r in rs))
        for a, rs in sorted(by_article.items())
    )
    times = [t for s in records if (t := (s.record.get("time") or {}).get("value"))]
    entry_time = _agreed_time(times) if time is not None else None
    quantities = [(s, q) for s in records if (q := s.record.get("quantity"))]
    largest = max((q for _, q in quantities), key=lambda q: q["value"], default=None)
    published = max((s.published for s in records if s.published), default=None)
    items = [i for s in records for i in s.record["items"] if i["category"] == category]
    return Entry(
        id=entry_id(supplier, recipient, category, entry_time),
        supplier=supplier, recipient=recipient, category=category, time=entry_time,
        supplier_name=country_name(supplier),
        recipient_name=country_name(recipient),
        mentions=mentions,
        sources=_independent_sources(mentions),
        certainty=_certainty([s.record["certainty"] for s in records]),
        contradictions=tuple(c for c in (_quantity_contradiction(quantities), _time_contradiction(records)) if c),
        flags=flags_for(supplier, recipient, [category], [i.get("hs_code") for i in items], entry_time, published, largest,
                        words=[i.get("text", "") for i in items]),
        quantity=largest,
    )


def entry_id(supplier: str, recipient: str, category: str, time: str | None) -> str:
    """A readable id that stays the same from one run to the next: PRK-RUS-ammunition-2023."""
    return f"{supplier}-{recipient}-{category}-{time or 'undated'}"


def country_name(iso3: str) -> str:
    country = load().countries.get(iso3)
    return country.name if country else iso3


def _agreed_time(times: list[str]) -> str:
    """The most precise value every dated mention is compatible with ("2023" for 2023 and 2023-09)."""
    shortest = min(times, key=len)
    return shortest if all(_compatible(t, shortest) for t in times) else min(times)


def _source_name(source: dict) -> str:
    return source.get("canonical") or source.get("name") or "unknown"


def _key(name: str) -> str:
    return re.sub(r"\W+", " ", name.lower().replace("defence", "defense")).strip()


def _independent_sources(mentions: tuple[Mention, ...]) -> tuple[str, ...]:
    roots: dict[str, str] = {}
    for m in mentions:
        chains = [c for c in m.chains if c]
        for chain in chains:
            name = _source_name(chain[0])
            roots.setdefault(_key(name), name)
        if not chains:  # the article tells it in its own voice only: the article is the source
            root = m.duplicate_of or m.article_id
            roots.setdefault(f"article:{root}", m.doc_id if m.duplicate_of is None else f"{m.doc_id} (a copy)")
    return tuple(roots.values())


def _certainty(values: list[str]) -> str:
    claimed = [v for v in values if v != "denied"]
    if claimed and len(claimed) < len(values):
        return "disputed"
    if not claimed:
        return "denied"
    return max(claimed, key=lambda v: CERTAINTY_RANK[v])


def _sources_of(s: StoredRecord) -> str:
    chain = s.record.get("attribution") or []
    return _source_name(chain[0]) if chain else f"{s.doc_id} (own voice)"


def _agree(a: dict, b: dict) -> bool:
    """Whether two stated quantities can both be true (a "more than 9,000" and an exact 9,500 can)."""
    if a["unit"] != b["unit"]:
        return True  # not comparable: no contradiction can be shown
    va, vb = float(a["value"]), float(b["value"])
    for x, y, vx, vy in ((a, b, va, vb), (b, a, vb, va)):
        q = x.get("qualifier", "exact")
        if q == "more_than" and vy >= vx * (1 - QUANTITY_TOLERANCE):
            return True
        if q in ("less_than", "up_to") and vy <= vx * (1 + QUANTITY_TOLERANCE):
            return True
    return abs(va - vb) <= QUANTITY_TOLERANCE * max(va, vb)


def _quantity_contradiction(quantities: list[tuple[StoredRecord, dict]]) -> Contradiction | None:
    if all(_agree(a, b) for i, (_, a) in enumerate(quantities) for _, b in quantities[i + 1:]):
        return None
    sides: dict[str, list[StoredRecord]] = defaultdict(list)
    for s, q in quantities:
        sides[q.get("text") or f"{q['value']:,} {q['unit']}"].append(s)
    return Contradiction("quantity", tuple(_side(value, rs) for value, rs in sides.items()))


def _time_contradiction(records: list[StoredRecord]) -> Contradiction | None:
    dated = [(s, t) for s in records if (t := (s.record.get("time") or {}).get("value"))]
    if all(_compatible(a, b) for i, (_, a) in enumerate(dated) for _, b in dated[i + 1:]):
        return None
    sides: dict[str, list[StoredRecord]] = defaultdict(list)
    for s, t in dated:
        sides[t].append(s)
    return Contradiction("time", tuple(_side(value, rs) for value, rs in sides.items()))


def _side(value: str, records: list[StoredRecord]) -> Side:
    return Side(value, tuple(dict.fromkeys(_sources_of(s) for s in records)), tuple(dict.fromkeys(s.doc_id for s in records)))


def _aggregate_caps(entries: list[Entry]) -> list[Entry]:
    """A cap limits what all suppliers together send in a year: add up the entries under each cap rule
    per calendar year and say for each entry whether that year's known total exceeds the cap."""
    by_rule = {r.id: r for r in rules()}
    totals: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        for f in e.flags:
            if f.kind == "cap":
                totals[(f.rule, _year(e))].append(e)
    updated: dict[str, Entry] = {}
    for (rule_id, year), group in totals.items():
        rule = by_rule[rule_id]
        cap_unit = next((c.unit for c in rule.caps if c.value is not None), None)
        known = [convert(float(e.quantity["value"]), e.quantity["unit"], cap_unit, [e.category])
                 for e in group if e.quantity and cap_unit]
        total = sum(v for v in known if v is not None) if any(v is not None for v in known) else None
        for e in group:
            current = updated.get(e.id, e)
            flags = tuple(_with_total(f, rule, e, total, year, len(group)) if f.rule == rule_id else f for f in current.flags)
            updated[e.id] = replace(current, flags=flags)
    return [updated.get(e.id, e) for e in entries]


def _with_total(flag: Flag, rule, entry: Entry, total: float | None, year: str, n: int) -> Flag:
    if total is None:
        return flag
    cap = next(c for c in rule.caps if c.value is not None)
    status, note = cap_status(rule, [entry.category], None, total=total)
    reason = (f"{entry.category} to {rule.target} is capped at {cap.value:,.0f} {cap.unit}s a year; "
              f"{n} ledger entr{'y' if n == 1 else 'ies'} in {year} state {note}")
    if not flag.verified:
        reason += "; citation unverified"
    return replace(flag, status=status, reason=reason)


def _year(e: Entry) -> str:
    if e.time:
        return e.time[:4]
    published = max((m.published for m in e.mentions if m.published), default=None)
    return str(published.year) if published else "undated"


def select(entries: Iterable[Entry], *, supplier: str | None = None, recipient: str | None = None,
           category: str | None = None, since: date | None = None, until: date | None = None,
           flagged: bool = False, min_sources: int = 0) -> list[Entry]:
    """The entries that pass every filter given; dates compare with the span an entry's time covers
    (an undated entry's: the year before its latest article)."""
    out = []
    for e in entries:
        if supplier and e.supplier != supplier.upper() or recipient and e.recipient != recipient.upper():
            continue
        if category and e.category != category or flagged and not e.flags or len(e.sources) < min_sources:
            continue
        if since or until:
            published = max((m.published for m in e.mentions if m.published), default=None)
            span = period_of(e.time, published)
            if span is None or (since and span[1] < since) or (until and span[0] > until):
                continue
        out.append(e)
    return out
