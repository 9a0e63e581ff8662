"""The records that flow through Lading, as plain frozen dataclasses.

Every offset is a Python string index into ``Article.text``, the exact text the
article was read from, so evidence can always be checked by slicing.
This module imports nothing from the package: everything else depends on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Certainty = Literal["asserted", "reported", "hedged", "denied"]
ActorKind = Literal["state", "person", "government", "military", "company", "organization", "igo", "media", "unknown"]
# the schema's party kinds have no "media": an outlet that is a party is an organization
_PARTY_KIND = {"media": "organization"}
SourceKind = Literal["person", "government", "organization", "media", "document", "unknown"]


@dataclass(frozen=True)
class Span:
    """A stretch of the article's text; ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Article:
    """One news story as read from its source, before any analysis."""

    doc_id: str
    text: str
    date: date | None = None
    title: str | None = None
    section: str | None = None
    path: str | None = None  # the file, archive or URL it was read from
    body_start: int = 0  # offset where the story begins (after a ``date …`` header line)
    url: str | None = None  # the story's own (canonical) address, when known
    author: str | None = None
    format: str = "text"  # text, html, feed, warc, jsonl


@dataclass(frozen=True)
class Actor:
    """A party to a transfer or a source: a state, a person, an institution, an outlet."""

    name: str
    country: str | None  # ISO 3166-1 alpha-3 of the state it belongs to or acts for
    kind: ActorKind

    def to_json(self, text: str | None = None, found: str = "text") -> dict[str, Any]:
        kind = _PARTY_KIND.get(self.kind, self.kind)
        out: dict[str, Any] = {"name": self.name, "country": self.country, "kind": kind}
        if text is not None:
            out["text"] = text
        if found != "text":
            out["found"] = found  # how a party the sentence leaves unsaid was supplied: goods, sentence, context, reciprocal, speaker
        return out


@dataclass(frozen=True)
class Goods:
    """What moved, mapped to the schema's category and an HS code where one fits."""

    text: str
    category: str
    hs_code: str | None = None
    origin: str | None = None  # ISO3 of the maker, for named systems such as "S-400"

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "category": self.category, "hs_code": self.hs_code}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # container, tonne, barrel, round, item, usd, person, litre
    qualifier: str = "exact"  # exact, approx, more_than, less_than, up_to
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit, "qualifier": self.qualifier, "text": self.text}


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in text, normalized to a TIMEX3 value when possible.

    ``value`` is None when the expression cannot be resolved, e.g. a relative
    expression ("last September") in an article whose date is unknown.
    """

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None


@dataclass(frozen=True)
class Source:
    """One link of an attribution chain (innermost source first).

    ``name`` is what the article calls the source ("the Pentagon", "Seoul");
    ``canonical`` the knowledge files' name for it, when known and different.
    """

    name: str
    country: str | None
    kind: SourceKind
    canonical: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "country": self.country, "kind": self.kind}
        if self.canonical and self.canonical != self.name:
            out["canonical"] = self.canonical
        return out


@dataclass(frozen=True)
class Flag:
    """A sanctions rule a transfer may breach: its id, legal basis and why it applies."""

    rule: str
    regime: str
    kind: str  # ban, cap
    citation: str
    reason: str
    verified: bool  # whether the citation was checked against a source
    status: str | None = None  # for caps: exceeds, within, unknown

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "basis": self.citation, "regime": self.regime, "kind": self.kind,
                               "reason": self.reason, "verified": self.verified}
        if self.status:
            out["status"] = self.status
        return out


@dataclass(frozen=True)
class Transfer:
    """One claimed transfer read from one article, with the evidence for it."""

    doc_id: str
    supplier: Actor
    recipient: Actor
    items: tuple[Goods, ...]
    certainty: Certainty
    evidence: tuple[Span, ...]
    supplier_text: str | None = None
    recipient_text: str | None = None
    supplier_found: str = "text"
    recipient_found: str = "text"
    quantity: Quantity | None = None
    time: TimeExpression | None = None
    attribution: tuple[Source, ...] = ()
    trigger: Span | None = None
    sanctions: tuple[Flag, ...] = field(default=())
    confidence: float | None = None  # how likely the record is right (extract/confidence.py)
    reading: tuple[tuple[str, str], ...] = ()  # how it was read: the traits its confidence rests on

    def to_json(self) -> dict[str, Any]:
        """The record as ``transfer.schema.json`` describes it."""
        return {
            "kind": "transfer",
            "doc_id": self.doc_id,
            "supplier": self.supplier.to_json(self.supplier_text, self.supplier_found),
            "recipient": self.recipient.to_json(self.recipient_text, self.recipient_found),
            "items": [g.to_json() for g in self.items],
            "quantity": self.quantity.to_json() if self.quantity else None,
            "time": {"value": self.time.value, "text": self.time.text} if self.time else None,
            "attribution": [s.to_json() for s in self.attribution],
            "certainty": self.certainty,
            "evidence": [s.to_json() for s in self.evidence],
            "trigger": self.trigger.to_json() if self.trigger else None,
            "sanctions": [f.to_json() for f in self.sanctions],
            "confidence": self.confidence,
            "reading": dict(self.reading),
        }


@dataclass(frozen=True)
class Event:
    """A political event other than a transfer, coded in the PLOVER ontology (CONSULT, SUPPORT, ACCUSE, …)."""

    doc_id: str
    category: str  # one of the 16 PLOVER categories Lading codes
    actor: Actor
    certainty: Certainty
    evidence: tuple[Span, ...]
    mode: str | None = None  # PLOVER's mode where the category defines one ("visit" for CONSULT)
    recipient: Actor | None = None  # PLOVER's target
    actor_text: str | None = None
    recipient_text: str | None = None
    time: TimeExpression | None = None
    attribution: tuple[Source, ...] = ()
    trigger: Span | None = None
    transfer: int | None = None  # index of the transfer record this AID/COOPERATE event is, in the article's list

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "event",
            "doc_id": self.doc_id,
            "category": self.category,
            "mode": self.mode,
            "actor": self.actor.to_json(self.actor_text),
            "recipient": self.recipient.to_json(self.recipient_text) if self.recipient else None,
            "time": {"value": self.time.value, "text": self.time.text} if self.time else None,
            "attribution": [s.to_json() for s in self.attribution],
            "certainty": self.certainty,
            "evidence": [s.to_json() for s in self.evidence],
            "trigger": self.trigger.to_json() if self.trigger else None,
            "transfer": self.transfer,
        }


@dataclass(frozen=True)
class Mention:
    """One article's telling of a ledger entry: its records there, their evidence and sources."""

    article_id: int
    doc_id: str
    title: str | None
    published: date | None
    url: str | None
    duplicate_of: int | None  # the article this one is a near-copy of
    records: tuple[dict[str, Any], ...]  # transfer records as the schema describes them

    @property
    def chains(self) -> list[list[dict[str, Any]]]:
        return [r.get("attribution") or [] for r in self.records]


@dataclass(frozen=True)
class Side:
    """One value in a contradiction and the sources that give it."""

    value: str
    sources: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Contradiction:
    field: str  # quantity, time
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class Entry:
    """A transfer as the ledger knows it: every mention, the independent sources behind them, disagreements, flags."""

    id: str
    supplier: str
    recipient: str
    category: str
    time: str | None  # the most precise TIMEX3 value the mentions agree on; None when undated
    supplier_name: str
    recipient_name: str
    mentions: tuple[Mention, ...]
    sources: tuple[str, ...]  # independent sources: the roots of the attribution chains
    certainty: str  # asserted, reported, hedged, denied, disputed
    contradictions: tuple[Contradiction, ...] = ()
    flags: tuple[Flag, ...] = ()
    quantity: dict[str, Any] | None = None  # the largest stated, for weighting flows
