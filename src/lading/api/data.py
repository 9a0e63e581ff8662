"""Reads for the API and the pages: articles, records, ledger entries, search; one place for the queries."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, text

from lading.ledger.sanctions import period_of
from lading.store.ledger_tables import ledger_entries
from lading.store.tables import articles, events, transfers

ARTICLE_COLUMNS = (articles.c.id, articles.c.doc_id, articles.c.title, articles.c.published, articles.c.url,
                   articles.c.source, articles.c.format, articles.c.duplicate_of, articles.c.author, articles.c.section)


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, the total, and where it starts."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_json(self) -> dict[str, Any]:
        following = self.offset + self.limit
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset,
                "next_offset": following if following < self.total else None}


def _article_summary(row) -> dict[str, Any]:
    return {"id": row.id, "doc_id": row.doc_id, "title": row.title,
            "published": row.published.isoformat() if row.published else None, "url": row.url, "source": row.source,
            "format": row.format, "duplicate_of": row.duplicate_of, "author": row.author, "section": row.section}


def list_articles(engine: Engine, limit: int, offset: int) -> Page:
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        rows = conn.execute(select(*ARTICLE_COLUMNS, select(func.count()).where(transfers.c.article_id == articles.c.id)
                                   .scalar_subquery().label("transfers"))
                            .order_by(articles.c.id).limit(limit).offset(offset))
        return Page([_article_summary(r) | {"transfers": r.transfers} for r in rows], total, limit, offset)


def get_article(engine: Engine, article_id: int) -> dict[str, Any] | None:
    """An article with its text and every transfer record read from it."""
    with engine.connect() as conn:
        row = conn.execute(select(*ARTICLE_COLUMNS, articles.c.text, articles.c.body_start)
                           .where(articles.c.id == article_id)).first()
        if row is None:
            return None
        records = conn.execute(select(transfers.c.id, transfers.c.record).where(transfers.c.article_id == article_id)
                               .order_by(transfers.c.id))
        return _article_summary(row) | {"text": row.text, "body_start": row.body_start,
                                        "transfers": [{"id": r.id, "article_id": article_id} | r.record for r in records]}


def list_transfers(engine: Engine, limit: int, offset: int, *, supplier: str | None = None, recipient: str | None = None,
                   category: str | None = None, certainty: str | None = None) -> Page:
    conditions = []
    if supplier:
        conditions.append(transfers.c.supplier_country == supplier.upper())
    if recipient:
        conditions.append(transfers.c.recipient_country == recipient.upper())
    if category:
        conditions.append(or_(transfers.c.categories == category, transfers.c.categories.like(f"{category},%"),
                              transfers.c.categories.like(f"%,{category}"), transfers.c.categories.like(f"%,{category},%")))
    if certainty:
        conditions.append(transfers.c.certainty == certainty)
    where = and_(True, *conditions)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(transfers).where(where)).scalar_one()
        rows = conn.execute(select(transfers.c.id, transfers.c.article_id, transfers.c.record).where(where)
                            .order_by(transfers.c.id).limit(limit).offset(offset))
        return Page([{"id": r.id, "article_id": r.article_id} | r.record for r in rows], total, limit, offset)


def list_entries(engine: Engine, limit: int, offset: int, *, supplier: str | None = None, recipient: str | None = None,
                 category: str | None = None, certainty: str | None = None, since: date | None = None,
                 until: date | None = None, flagged: bool = False, min_sources: int = 0) -> Page:
    """Ledger entries (as the ledger tables hold them) that pass the same filters as ``lading ledger``."""
    query = select(ledger_entries.c.entry).order_by(ledger_entries.c.id)
    if supplier:
        query = query.where(ledger_entries.c.supplier == supplier.upper())
    if recipient:
        query = query.where(ledger_entries.c.recipient == recipient.upper())
    if category:
        query = query.where(ledger_entries.c.category == category)
    if certainty:
        query = query.where(ledger_entries.c.certainty == certainty)
    if flagged:
        query = query.where(ledger_entries.c.flagged.is_(True))
    if min_sources:
        query = query.where(ledger_entries.c.independent_sources >= min_sources)
    with engine.connect() as conn:
        entries = [r.entry for r in conn.execute(query)]
    if since or until:
        entries = [e for e in entries if _overlaps(e, since, until)]
    return Page([summary(e) for e in entries[offset:offset + limit]], len(entries), limit, offset)


def _overlaps(entry: dict[str, Any], since: date | None, until: date | None) -> bool:
    published = max((date.fromisoformat(m["published"]) for m in entry["evidence"] if m.get("published")), default=None)
    span = period_of(entry["time"], published)
    return span is not None and not (since and span[1] < since) and not (until and span[0] > until)


def list_events(engine: Engine, limit: int, offset: int, *, actor: str | None = None, recipient: str | None = None,
                category: str | None = None, pair: tuple[str, str] | None = None) -> Page:
    """PLOVER event records (with their article), filtered by actor, recipient, category or a pair either way."""
    conditions = []
    if actor:
        conditions.append(events.c.actor_country == actor.upper())
    if recipient:
        conditions.append(events.c.recipient_country == recipient.upper())
    if category:
        conditions.append(events.c.category == category)
    if pair:
        a, b = (c.upper() for c in pair)
        conditions.append(or_(and_(events.c.actor_country == a, events.c.recipient_country == b),
                              and_(events.c.actor_country == b, events.c.recipient_country == a)))
    where = and_(True, *conditions)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(events).where(where)).scalar_one()
        rows = conn.execute(select(events.c.id, events.c.article_id, events.c.record).where(where)
                            .order_by(events.c.time_value.is_(None), events.c.time_value, events.c.id).limit(limit).offset(offset))
        return Page([{"id": r.id, "article_id": r.article_id} | r.record for r in rows], total, limit, offset)


def summary(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry without its evidence: what a list or a graph needs."""
    return {k: v for k, v in entry.items() if k != "evidence"}


def get_entry(engine: Engine, entry_id: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(ledger_entries.c.entry).where(ledger_entries.c.id == entry_id)).first()
    return row.entry if row else None


def search(engine: Engine, q: str, limit: int, offset: int) -> Page:
    """Articles whose text matches ``q``: SQLite's full-text index, else a plain substring match."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            match = _fts_query(q)
            total = conn.execute(text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"), {"q": match}).scalar_one()
            rows = conn.execute(text(
                "SELECT a.id, a.doc_id, a.title, a.published, snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH :q "
                "ORDER BY rank LIMIT :limit OFFSET :offset"), {"q": match, "limit": limit, "offset": offset})
        else:
            where = articles.c.text.ilike(f"%{q}%")
            total = conn.execute(select(func.count()).select_from(articles).where(where)).scalar_one()
            rows = conn.execute(select(articles.c.id, articles.c.doc_id, articles.c.title, articles.c.published,
                                       func.substr(articles.c.text, 1, 200).label("snippet"))
                                .where(where).order_by(articles.c.id).limit(limit).offset(offset))
        items = [{"id": r.id, "doc_id": r.doc_id, "title": r.title,
                  "published": str(r.published) if r.published else None, "snippet": r.snippet} for r in rows]
    return Page(items, total, limit, offset)


def _fts_query(q: str) -> str:
    """User words as an FTS5 query of quoted terms: no operator a user types can break the query."""
    words = [w.replace('"', '""') for w in q.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words) or '""'
