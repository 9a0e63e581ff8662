"""The SQLite store reads well in Datasette: named views, foreign keys, full-text search on article text."""
import sqlite3
from pathlib import Path

from lading.store.db import connect
from lading.store.ingest import ingest

SEED = Path(__file__).resolve().parents[2] / "corpus" / "seed"


def test_views_foreign_keys_and_full_text_search(tmp_path: Path):
    path = tmp_path / "l.db"
    ingest([str(SEED)], connect(str(path)))
    db = sqlite3.connect(path)
    views = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"entries", "mentions", "flags"} <= views
    row = db.execute("SELECT id, mentions, independent_sources, flagged FROM entries WHERE id = 'PRK-RUS-ammunition-2023'").fetchone()
    assert row == ("PRK-RUS-ammunition-2023", 1, 1, 1)
    assert db.execute("SELECT count(*) FROM flags WHERE entry_id = 'PRK-RUS-ammunition-2023' AND citation LIKE 'S/RES/%'").fetchone()[0] >= 1
    assert db.execute("SELECT doc_id FROM mentions WHERE entry_id = 'RUS-PRK-fuel-undated'").fetchone() == ("000_2919c026d9be4a40",)
    targets = {r[2] for r in db.execute("PRAGMA foreign_key_list(ledger_mentions)")}
    assert targets == {"ledger_entries", "articles"}
    assert {r[2] for r in db.execute("PRAGMA foreign_key_list(transfers)")} == {"articles"}
    hits = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'container'").fetchall()
    assert len(hits) == 1
