"""`lading ledger` exports: each format reads back with the tool analysts would open it in."""
import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from lading.cli import app
from lading.store.db import connect
from lading.store.ingest import ingest

runner = CliRunner()
SEED = Path(__file__).resolve().parents[2] / "corpus" / "seed"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("ledger") / "l.db")
    ingest([str(SEED)], connect(path))
    return path


def ledger(db: str, *args: str):
    result = runner.invoke(app, ["ledger", "--db", db, *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


def test_the_table_lists_entries_with_their_counts_and_flags(db):
    out = ledger(db).stdout
    assert "PRK-RUS-ammunition-2023" in out and "UN-DPRK-ARMS-02" in out


def test_csv_has_one_row_per_entry(db):
    rows = list(csv.DictReader(io.StringIO(ledger(db, "--format", "csv", "--flagged").stdout)))
    assert rows and all(r["flagged"] == "True" for r in rows)
    assert {"PRK-RUS-ammunition-2023", "RUS-PRK-fuel-undated"} <= {r["id"] for r in rows}


def test_jsonl_keeps_mentions_evidence_and_flags(db):
    entries = [json.loads(line) for line in ledger(db, "--format", "jsonl", "--supplier", "PRK", "--category", "ammunition").stdout.splitlines()]
    assert {e["id"] for e in entries} == {"PRK-RUS-ammunition-2023", "PRK-RUS-ammunition-undated"}
    dated = next(e for e in entries if e["id"] == "PRK-RUS-ammunition-2023")
    assert dated["evidence"][0]["records"][0]["evidence"][0]["text"]
    assert dated["sanctions"][0]["basis"].startswith("S/RES/")


def test_parquet_reads_back_with_pyarrow(db, tmp_path):
    out = tmp_path / "ledger.parquet"
    ledger(db, "--format", "parquet", "--output", str(out))
    table = pq.read_table(out)
    assert table.num_rows >= 10 and "independent_sources" in table.column_names
    assert "PRK-RUS-ammunition-2023" in table.column("id").to_pylist()


@pytest.mark.parametrize("fmt, reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_graphs_read_back_with_networkx(db, tmp_path, fmt, reader):
    out = tmp_path / f"ledger.{fmt}"
    ledger(db, "--format", fmt, "--output", str(out))
    g = reader(out)
    assert {"PRK", "RUS"} <= set(g.nodes)
    edges = [d for _, _, d in g.edges(data=True)]
    assert any(d.get("category") == "ammunition" and int(d.get("weight")) >= 1 for d in edges)


def test_a_file_format_without_an_output_is_a_clear_error(db):
    result = runner.invoke(app, ["ledger", "--db", db, "--format", "parquet"])
    assert result.exit_code != 0 and "--output" in result.output


def test_show_of_an_unknown_entry_says_so(db):
    result = runner.invoke(app, ["show", "XXX-YYY-arms-2020", "--db", db])
    assert result.exit_code == 1 and "no entry" in result.stderr
