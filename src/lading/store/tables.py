"""Tables, in SQLAlchemy Core so one definition serves SQLite and PostgreSQL.

An article is stored once per content hash; a near-duplicate (the same wire story
on another site) is stored too but points to the first copy with ``duplicate_of``,
so the ledger can count it as one source. Each transfer record keeps its full JSON
(the schema's format) beside the columns analysts filter on.
"""
from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 1

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(300), nullable=False, index=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=True),  # the file, archive or URL it was read from
    Column("format", String(20), nullable=False),
    Column("url", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("author", Text, nullable=True),
    Column("section", Text, nullable=True),
    Column("published", Date, nullable=True, index=True),
    Column("text", Text, nullable=False),  # the exact text every offset refers to
    Column("body_start", Integer, nullable=False, default=0),
    Column("duplicate_of", Integer, ForeignKey("articles.id"), nullable=True, index=True),
    Column("similarity", Float, nullable=True),  # estimated Jaccard similarity to duplicate_of
    Column("minhash", LargeBinary, nullable=True),  # near-duplicate signature
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

transfers = Table(
    "transfers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("supplier_country", String(3), nullable=True),
    Column("recipient_country", String(3), nullable=True),
    Column("supplier_name", Text, nullable=True),
    Column("recipient_name", Text, nullable=True),
    Column("categories", Text, nullable=False),  # comma-separated schema categories
    Column("certainty", String(10), nullable=False),
    Column("quantity_value", Float, nullable=True),
    Column("quantity_unit", String(10), nullable=True),
    Column("time_value", String(20), nullable=True),
    Column("record", JSON, nullable=False),  # the record as transfer.schema.json describes it
)
Index("ix_transfers_pair", transfers.c.supplier_country, transfers.c.recipient_country)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("category", String(20), nullable=False, index=True),  # PLOVER
    Column("mode", String(30), nullable=True),
    Column("actor_country", String(3), nullable=True),
    Column("recipient_country", String(3), nullable=True),
    Column("certainty", String(10), nullable=False),
    Column("time_value", String(20), nullable=True),
    Column("transfer_id", Integer, ForeignKey("transfers.id", ondelete="SET NULL"), nullable=True),
    Column("record", JSON, nullable=False),  # the event record (docs/events.md)
)
Index("ix_events_pair", events.c.actor_country, events.c.recipient_country)

store_meta = Table(
    "lading_meta",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)
