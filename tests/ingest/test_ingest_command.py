"""`lading ingest` with addresses: refused on loopback by default, read with --allow-private."""
import json
from pathlib import Path

from typer.testing import CliRunner

from lading.cli import app

runner = CliRunner()


def test_a_loopback_address_is_refused_unless_allowed(server: str, tmp_path: Path):
    db = str(tmp_path / "l.db")
    refused = runner.invoke(app, ["ingest", f"{server}/story.html", "--db", db, "--json"])
    assert refused.exit_code == 1
    assert "loopback" in refused.stderr and "--allow-private" in refused.stderr
    assert json.loads(refused.stdout)["failed"] == 1
    allowed = runner.invoke(app, ["ingest", f"{server}/story.html", "--db", db, "--json", "--allow-private"])
    assert allowed.exit_code == 0, allowed.stderr
    assert json.loads(allowed.stdout)["new"] == 1
