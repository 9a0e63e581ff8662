"""Reading the store back: the records the ledger is built from, and articles by id."""
from __future__ import annotations

from sqlalchemy import Engine, select

from lading.ledger import StoredRecord
from lading.store.tables import articles, transfers


def stored_records(engine: Engine) -> list[StoredRecord]:
    """Every stored transfer record with the article it came from, oldest first."""
    query = (select(articles.c.id, articles.c.doc_id, articles.c.title, articles.c.published, articles.c.url,
                    articles.c.duplicate_of, transfers.c.record)
             .join(transfers, transfers.c.article_id == articles.c.id)
             .order_by(articles.c.id, transfers.c.id))
    with engine.connect() as conn:
        return [StoredRecord(r.id, r.doc_id, r.title, r.published, r.url, r.duplicate_of, r.record) for r in conn.execute(query)]


def article_texts(engine: Engine, ids: list[int]) -> dict[int, str]:
    """The text of each article, for showing evidence in place."""
    with engine.connect() as conn:
        return {r.id: r.text for r in conn.execute(select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids)))}
