from datetime import date

import pytest

from lading.extract.pipeline import extract
from lading.ingest.text import article_from_text


def transfers_in(text: str, published: date | None = date(2024, 3, 18)) -> list[dict]:
    """The transfer records (as JSON) that the pipeline reads from ``text``."""
    return [t.to_json() for t in extract(article_from_text(text, "t", date_override=published))]


def keys(records: list[dict]) -> set[tuple[str, str, str]]:
    return {(r["supplier"]["country"], r["recipient"]["country"], i["category"]) for r in records for i in r["items"]}


@pytest.fixture
def read():
    return transfers_in
