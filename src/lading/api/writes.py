"""What POST /api/ingest does: the same ingest job as `lading ingest`, for one posted text or address."""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import Engine

from lading.ingest import read_source
from lading.ingest.common import ReadError
from lading.ingest.text import article_from_text
from lading.store.ingest import Ingester


def ingest_one(engine: Engine, text: str | None, url: str | None, title: str | None, published: date | None,
               doc_id: str | None, *, allow_private: bool = False) -> dict[str, Any]:
    """Store one article; returns the ingest summary, the stored article ids and any problems."""
    problems: list[str] = []
    ingester = Ingester(engine)
    if text is not None:
        body = (f"{title}\n\n" if title else "") + text
        name = doc_id or "posted-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
        try:
            items = [article_from_text(body, name, path=f"POST /api/ingest ({name})", date_override=published)]
        except ReadError as exc:
            items = [exc]
    else:
        items = read_source(url, date_override=published, allow_private=allow_private)
    summary = ingester.add(items, on_error=lambda problem: problems.append(str(problem)))
    return summary.as_dict() | {"article_ids": ingester.stored, "problems": problems}
