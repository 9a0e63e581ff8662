"""Opening a store: any SQLAlchemy URL; SQLite files get WAL and foreign keys."""
from __future__ import annotations

from sqlalchemy import Engine, create_engine, event, insert, select

from lading.store.ledger_tables import create_views_and_search
from lading.store.tables import SCHEMA_VERSION, metadata, store_meta

DEFAULT_URL = "sqlite:///lading.db"


class StoreError(RuntimeError):
    """The database cannot be opened or is of another schema version; the message says which."""


def connect(url: str | None = None) -> Engine:
    """An engine for ``url`` (default ``lading.db`` here), with the tables created if missing."""
    url = url or DEFAULT_URL
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{url}"
    try:
        engine = create_engine(url, future=True)
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises several kinds for bad URLs and missing drivers
        raise StoreError(f"cannot open database {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        metadata.create_all(engine)
        with engine.begin() as conn:
            version = conn.execute(select(store_meta.c.value).where(store_meta.c.key == "schema_version")).scalar()
            if version is None:
                conn.execute(insert(store_meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif version != str(SCHEMA_VERSION):
                raise StoreError(f"{url}: store schema version {version}, this lading reads version {SCHEMA_VERSION}")
        create_views_and_search(engine)
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise StoreError(f"cannot use database {url!r}: {exc}") from exc
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers (the API, Datasette) work while an ingest writes; a killed writer loses
    only its open transaction."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
