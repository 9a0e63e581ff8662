"""The ingest job: sources → articles → (dedup) → transfer records → the store.

Each article is written with its records in one transaction, and an article is
known by the hash of its content, so a run killed at any moment and started again
ends with every article stored exactly once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from lading.extract.pipeline import read_article
from lading.ingest import read_source
from lading.ingest.common import ReadError
from lading.ingest.dedup import (
    NearDuplicates,
    content_hash,
    from_bytes,
    signature,
    to_bytes,
)
from lading.ledger import flag_transfer
from lading.model import Article, Event, Transfer
from lading.nlp import ParsedArticle, check_length, parse_many
from lading.store.ledger_tables import rebuild_ledger
from lading.store.tables import articles, events, transfers

BATCH = 16  # articles parsed together; each is still stored in its own transaction


@dataclass
class Summary:
    """What a run did, for the summary table and ``--json``."""

    new: int = 0
    identical: int = 0
    near_duplicate: int = 0
    failed: int = 0
    records: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"new": self.new, "identical": self.identical, "near_duplicate": self.near_duplicate,
                "failed": self.failed, "records": self.records, "errors": self.errors, "warnings": self.warnings}


@dataclass
class _Pending:
    article: Article
    digest: str
    minhash: bytes | None
    original: str | None  # content hash of the story this one copies
    similarity: float | None


class Ingester:
    """Stores articles from sources into one database; remembers what it holds across runs."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.summary = Summary()
        self.near = NearDuplicates()  # keyed by content hash, originals only
        self._ids: dict[str, int] = {}  # content hash -> stored article id
        self.stored: list[int] = []  # ids of the articles this ingester stored
        self._seen: set[str] = set()  # content hashes read this run, stored or about to be
        with engine.connect() as conn:
            rows = conn.execute(select(articles.c.id, articles.c.content_hash, articles.c.minhash, articles.c.duplicate_of)
                                .order_by(articles.c.id))
            for row in rows:
                self._ids[row.content_hash] = row.id
                if row.minhash is not None and row.duplicate_of is None:
                    self.near.add(row.content_hash, from_bytes(row.minhash))

    def run(self, sources: Iterable[str], *, on_article: Callable[[], None] = lambda: None,
            on_error: Callable[[ReadError], None] = lambda problem: None, **read_options) -> Summary:
        """Read every source, store what is new, report each stored article and each error."""
        items = (item for source in sources for item in read_source(source, **read_options))
        return self.add(items, on_article=on_article, on_error=on_error)

    def add(self, items: Iterable[Article | ReadError], *, on_article: Callable[[], None] = lambda: None,
            on_error: Callable[[ReadError], None] = lambda problem: None) -> Summary:
        """Store the articles that are new among ``items``; then bring the ledger up to date."""
        batch: list[_Pending] = []
        for pending in self._triaged(items, on_error):
            batch.append(pending)
            if len(batch) >= BATCH:
                self._store_batch(batch, on_article, on_error)
                batch = []
        self._store_batch(batch, on_article, on_error)
        if self.stored:
            rebuild_ledger(self.engine)
        return self.summary

    def _triaged(self, items: Iterable[Article | ReadError], on_error: Callable[[ReadError], None]) -> Iterator[_Pending]:
        for item in items:
            if isinstance(item, ReadError):
                self._problem(item, on_error)
                continue
            pending = self._triage(item, on_error)
            if pending is not None:
                yield pending

    def _problem(self, error: ReadError, on_error: Callable[[ReadError], None]) -> None:
        if error.fatal:  # a ReadWarning is a note, not a failure
            self.summary.failed += 1
            self.summary.errors.append(str(error))
        else:
            self.summary.warnings.append(str(error))
        on_error(error)

    def _triage(self, article: Article, on_error: Callable[[ReadError], None]) -> _Pending | None:
        """Skip exact copies; link near copies to their first stored copy."""
        digest = content_hash(article.text)
        if digest in self._ids or digest in self._seen:
            self.summary.identical += 1
            return None
        try:
            check_length(article)
        except ValueError as exc:
            self._problem(ReadError(article.path or article.doc_id, str(exc).split(": ", 1)[-1]), on_error)
            return None
        self._seen.add(digest)
        m = signature(article.text[article.body_start:])
        original = self.near.original_of(m) if m is not None else None
        if m is not None and original is None:
            self.near.add(digest, m)  # at once, so copies later in the same batch find it
        return _Pending(article, digest, to_bytes(m) if m is not None else None,
                        original[0] if original else None, original[1] if original else None)

    def _store_batch(self, batch: list[_Pending], on_article: Callable[[], None], on_error: Callable[[ReadError], None]) -> None:
        by_article = {id(p.article): p for p in batch}
        for parsed in parse_many([p.article for p in batch]):
            pending = by_article[id(parsed.article)]
            self._store(pending, parsed, on_error)
            on_article()

    def _store(self, pending: _Pending, parsed: ParsedArticle, on_error: Callable[[ReadError], None]) -> None:
        found, found_events = read_article(parsed)
        records, owner = [], []  # flagged records, and the index of the extracted record each came from
        for i, t in enumerate(found):
            for flagged in flag_transfer(t, pending.article.date):
                records.append(flagged)
                owner.append(i)
        duplicate_of = self._ids.get(pending.original) if pending.original else None
        try:
            with self.engine.begin() as conn:
                row = _article_row(pending, duplicate_of)
                article_id = conn.execute(insert(articles).values(**row)).inserted_primary_key[0]
                ids: dict[int, int] = {}
                for t, i in zip(records, owner, strict=True):
                    transfer_id = conn.execute(insert(transfers).values(**_transfer_row(article_id, t))).inserted_primary_key[0]
                    ids.setdefault(i, transfer_id)
                if found_events:
                    conn.execute(insert(events), [_event_row(article_id, e, ids) for e in found_events])
        except IntegrityError:  # another process stored the same content meanwhile
            self.summary.identical += 1
            return
        self._ids[pending.digest] = article_id
        self.stored.append(article_id)
        if duplicate_of is not None:
            self.summary.near_duplicate += 1
        else:
            self.summary.new += 1
        self.summary.records += len(records)


def _article_row(p: _Pending, duplicate_of: int | None) -> dict:
    a = p.article
    return {
        "doc_id": a.doc_id, "content_hash": p.digest, "source": a.path, "format": a.format, "url": a.url,
        "title": a.title, "author": a.author, "section": a.section, "published": a.date, "text": a.text,
        "body_start": a.body_start, "duplicate_of": duplicate_of, "similarity": p.similarity if duplicate_of else None,
        "minhash": p.minhash, "ingested_at": datetime.now(UTC),
    }


def _transfer_row(article_id: int, t: Transfer) -> dict:
    record = t.to_json()
    q = t.quantity
    return {
        "article_id": article_id,
        "supplier_country": t.supplier.country, "recipient_country": t.recipient.country,
        "supplier_name": t.supplier.name, "recipient_name": t.recipient.name,
        "categories": ",".join(dict.fromkeys(g.category for g in t.items)),
        "certainty": t.certainty,
        "quantity_value": q.value if q else None, "quantity_unit": q.unit if q else None,
        "time_value": t.time.value if t.time else None,
        "record": record,
    }


def _event_row(article_id: int, e: Event, transfer_ids: dict[int, int]) -> dict:
    record = e.to_json()
    transfer_id = transfer_ids.get(e.transfer) if e.transfer is not None else None
    record["transfer"] = transfer_id  # the stored transfer record it is, by id
    return {
        "article_id": article_id, "category": e.category, "mode": e.mode, "actor_country": e.actor.country,
        "recipient_country": e.recipient.country if e.recipient else None, "certainty": e.certainty,
        "time_value": e.time.value if e.time else None, "transfer_id": transfer_id, "record": record,
    }


def ingest(sources: Iterable[str], engine: Engine, *, date_override: date | None = None, **options) -> Summary:
    """Store every article of ``sources`` in ``engine``'s database (see ``Ingester``)."""
    return Ingester(engine).run(sources, date_override=date_override, **options)
