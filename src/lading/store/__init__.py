"""The store: articles and the records extracted from them, in SQLite (default) or PostgreSQL."""
from lading.store.db import DEFAULT_URL, connect

__all__ = ["DEFAULT_URL", "connect"]
