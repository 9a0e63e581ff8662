"""`lading ingest` into a store: once and only once, near copies linked, resumable after SIGKILL, bad input survived."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from lading.cli import app
from lading.store.db import connect
from lading.store.ingest import ingest
from lading.store.tables import articles, transfers

runner = CliRunner()
STORY = ("North Korea has shipped more than one million artillery shells to Russia since August, South Korea's "
         "National Intelligence Service told lawmakers on Wednesday. The munitions were moved in more than ten "
         "shipments, mostly by sea from the port of Rajin, according to a lawmaker who attended the closed-door "
         "briefing. In return, Pyongyang is believed to be receiving food and technical help with its satellite "
         "program, the agency said. The Kremlin has dismissed such reports as groundless.")


def story_file(folder: Path, name: str, body: str, date: str = "2023-11-02") -> Path:
    f = folder / f"{name}.txt"
    f.write_text(f"date {date} World\n\nHeadline for {name}\n\n{body}\n", encoding="utf-8")
    return f


def count(engine, table, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_articles_and_their_transfers_are_stored_once(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story_file(corpus, "a", STORY)
    story_file(corpus, "b", "Iran has delivered hundreds of attack drones to Russia, Ukrainian officials said on Monday. " * 3)
    engine = connect(f"sqlite:///{tmp_path / 'l.db'}")
    first = ingest([str(corpus)], engine)
    assert (first.new, first.identical, first.failed) == (2, 0, 0)
    assert first.records >= 2 and count(engine, transfers) == first.records
    second = ingest([str(corpus)], engine)
    assert (second.new, second.identical, second.records) == (0, 2, 0)
    assert count(engine, articles) == 2
    with engine.connect() as conn:
        row = conn.execute(select(transfers.c.record, transfers.c.supplier_country, articles.c.text)
                           .join(articles, articles.c.id == transfers.c.article_id).limit(1)).one()
    ev = row.record["evidence"][0]
    assert row.text[ev["start"]:ev["end"]] == ev["text"]


def test_a_syndicated_copy_is_stored_and_linked_to_the_first(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story_file(corpus, "a-original", STORY)
    trimmed = STORY.rsplit(".", 2)[0] + "."
    story_file(corpus, "b-copy", f"SEOUL (AP) — {trimmed} Copyright 2023 The Associated Press.", date="2023-11-03")
    story_file(corpus, "c-other", "Egypt bought three million tonnes of wheat from Ukraine and Romania this year, "
               "traders in Cairo said, as the government sought to rebuild reserves after a drought hit the Nile delta "
               "and prices in local markets climbed for the third month in a row.")
    engine = connect(f"sqlite:///{tmp_path / 'l.db'}")
    summary = ingest([str(corpus)], engine)
    assert (summary.new, summary.near_duplicate) == (2, 1)
    with engine.connect() as conn:
        rows = {r.doc_id: r for r in conn.execute(select(articles.c.id, articles.c.doc_id, articles.c.duplicate_of, articles.c.similarity))}
    assert rows["b-copy"].duplicate_of == rows["a-original"].id and rows["b-copy"].similarity > 0.5
    assert rows["c-other"].duplicate_of is None and rows["a-original"].duplicate_of is None


def test_bad_input_is_named_and_the_batch_goes_on(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story_file(corpus, "good", STORY)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    db = tmp_path / "l.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["new"] == 1 and summary["failed"] == 2
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert count(connect(str(db)), articles) == 1


def test_ingesting_the_bundled_corpus_twice_stores_nothing_new_the_second_time(tmp_path: Path):
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    db = tmp_path / "l.db"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["new"] + json.loads(first.stdout)["near_duplicate"] == 90
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert json.loads(second.stdout) | {"errors": [], "warnings": []} == {
        "new": 0, "identical": 90, "near_duplicate": 0, "failed": 0, "records": 0, "errors": [], "warnings": []}


def test_a_run_killed_with_sigkill_and_run_again_stores_every_article_exactly_once(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        story_file(corpus, f"s{i:03d}", f"Story number {i}. " + STORY.replace("one million", f"{i + 2} million"))
    db = tmp_path / "l.db"
    command = [sys.executable, "-m", "lading.cli", "ingest", str(corpus), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = connect(str(db))
    deadline = time.monotonic() + 120
    while count(engine, articles) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_when_killed = count(engine, articles)
    assert 0 < stored_when_killed < 60, "the run was not caught mid-way"
    engine.dispose()
    rerun = subprocess.run(command, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    engine = connect(str(db))
    with engine.connect() as conn:
        doc_ids = [r.doc_id for r in conn.execute(select(articles.c.doc_id))]
    assert sorted(doc_ids) == [f"s{i:03d}" for i in range(60)]
    # every stored article has all of its records: no article was left half-written
    with engine.connect() as conn:
        with_records = conn.execute(select(func.count(func.distinct(transfers.c.article_id)))).scalar_one()
    assert with_records == 60


def test_sqlite_files_use_wal(tmp_path: Path):
    engine = connect(str(tmp_path / "w.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert os.path.exists(tmp_path / "w.db")
