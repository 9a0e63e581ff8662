"""The ledger kept in the store: entries, mentions and flags as tables, views that read well in
Datasette, and full-text search over article text (SQLite FTS5).

The ledger is rebuilt from the stored records after every ingest, so the API and a
Datasette user read the same entries ``lading ledger`` computes.
"""
from __future__ import annotations

import json

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Engine,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    text,
)

from lading.export import entry_json
from lading.ledger import build_ledger
from lading.store.read import stored_records
from lading.store.tables import metadata

ledger_entries = Table(
    "ledger_entries", metadata,
    Column("id", String(120), primary_key=True),
    Column("supplier", String(3), nullable=False, index=True),
    Column("recipient", String(3), nullable=False, index=True),
    Column("category", String(20), nullable=False),
    Column("time", String(20), nullable=True),
    Column("certainty", String(10), nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("sources", Text, nullable=False),
    Column("flagged", Boolean, nullable=False),
    Column("contradicted", Boolean, nullable=False),
    Column("entry", JSON, nullable=False),  # the entry as `lading ledger --format jsonl` writes it
)
ledger_mentions = Table(
    "ledger_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(120), ForeignKey("ledger_entries.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("certainty", String(10), nullable=False),
    Column("sources", Text, nullable=False),  # each record's chain, innermost first, "; " between records
    Column("evidence", Text, nullable=False),
)
ledger_flags = Table(
    "ledger_flags", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(120), ForeignKey("ledger_entries.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("rule", String(60), nullable=False),
    Column("regime", String(30), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("citation", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("verified", Boolean, nullable=False),
    Column("status", String(10), nullable=True),
)

VIEWS = {
    "entries": """SELECT e.id, e.supplier, e.recipient, e.category, e.time, e.certainty, e.mentions,
                  e.independent_sources, e.sources, e.flagged, e.contradicted FROM ledger_entries e""",
    "mentions": """SELECT m.entry_id, m.article_id, a.doc_id, a.title, a.published, m.certainty, m.sources, m.evidence
                   FROM ledger_mentions m JOIN articles a ON a.id = m.article_id""",
    "flags": """SELECT f.entry_id, e.supplier, e.recipient, e.category, e.time, f.rule, f.regime, f.kind, f.citation,
                f.reason, f.verified, f.status FROM ledger_flags f JOIN ledger_entries e ON e.id = f.entry_id""",
}
SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', content_rowid='id')",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
]


def create_views_and_search(engine: Engine) -> None:
    """Views for Datasette and, on SQLite, the full-text index on articles (kept current by triggers)."""
    with engine.begin() as conn:
        for name, query in VIEWS.items():
            conn.execute(text(f"DROP VIEW IF EXISTS {name}"))
            conn.execute(text(f"CREATE VIEW {name} AS {query}"))
        if engine.dialect.name == "sqlite":
            existed = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'")).first()
            for statement in SQLITE_SEARCH:
                conn.execute(text(statement))
            if not existed:  # index articles stored before the index was made
                conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))


def rebuild_ledger(engine: Engine) -> int:
    """Replace the ledger tables with the entries the stored records make now; returns how many."""
    entries = build_ledger(stored_records(engine))
    with engine.begin() as conn:
        for table in (ledger_flags, ledger_mentions, ledger_entries):
            conn.execute(delete(table))
        if not entries:
            return 0
        conn.execute(insert(ledger_entries), [{
            "id": e.id, "supplier": e.supplier, "recipient": e.recipient, "category": e.category, "time": e.time,
            "certainty": e.certainty, "mentions": len(e.mentions), "independent_sources": len(e.sources),
            "sources": "; ".join(e.sources), "flagged": bool(e.flags), "contradicted": bool(e.contradictions),
            "entry": json.loads(json.dumps(entry_json(e), default=str)),
        } for e in entries])
        mentions = [{
            "entry_id": e.id, "article_id": m.article_id,
            "certainty": ", ".join(dict.fromkeys(r["certainty"] for r in m.records)),
            "sources": "; ".join(" → ".join(a["name"] for a in r["attribution"]) or "(the article)" for r in m.records),
            "evidence": " … ".join(ev["text"] for r in m.records for ev in r["evidence"]),
        } for e in entries for m in e.mentions]
        conn.execute(insert(ledger_mentions), mentions)
        flags = [{"entry_id": e.id, "rule": f.rule, "regime": f.regime, "kind": f.kind, "citation": f.citation,
                  "reason": f.reason, "verified": f.verified, "status": f.status} for e in entries for f in e.flags]
        if flags:
            conn.execute(insert(ledger_flags), flags)
    return len(entries)
