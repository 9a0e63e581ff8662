"""`lading extract` as users run it: files and folders, JSON Lines or a table, bad files reported, exit status."""
import json
from pathlib import Path

from typer.testing import CliRunner

from lading.cli import app

runner = CliRunner()
GOOD = "date 2023-11-02 World\n\nIran ships drones\n\nIran has shipped attack drones to Russia, U.S. officials said.\n"


def test_jsonl_prints_one_record_per_transfer(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc_id"], r["supplier"]["country"], r["recipient"]["country"]) for r in records] == [("a", "IRN", "RUS")]


def test_a_bad_file_is_named_on_stderr_the_others_are_still_read_and_the_exit_status_is_1(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "nope.txt"), "--jsonl"])
    assert result.exit_code == 1
    assert "b.txt" in result.stderr and "nope.txt" in result.stderr and "no such file" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_the_date_option_overrides_the_files_date(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("date 2020-01-01 World\n\nRussia delivered fighter jets to Iran last September.\n", encoding="utf-8")
    out = runner.invoke(app, ["extract", str(f), "--jsonl", "--date", "2024-03-18"]).stdout
    assert json.loads(out.splitlines()[0])["time"]["value"] == "2023-09"
    bad = runner.invoke(app, ["extract", str(f), "--date", "18.03.2024"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


def test_without_jsonl_a_table_is_printed(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "1 transfer claim in 1 article" in result.stdout
    assert "Iran (IRN)" in result.stdout and "Russia (RUS)" in result.stdout and "reported" in result.stdout


QUOTES = ("Depot.\n\n“The trucks left at dawn,” Ana Ruiz told reporters. “They reached the river by noon.”\n\n"
          "The shipment left Odesa on Tuesday, according to port records.\n")


def test_attributions_prints_source_cue_and_content_spans_of_the_files_text(tmp_path: Path):
    f = tmp_path / "quotes.txt"
    f.write_text(QUOTES, encoding="utf-8")
    result = runner.invoke(app, ["attributions", str(f), str(tmp_path / "nope.txt"), "--jsonl"])
    assert result.exit_code == 1 and "nope.txt" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for r in records:
        for span in (r["source"], r["cue"], r["content"], *r["content_parts"]):
            assert QUOTES[span["start"]:span["end"]] == span["text"]
    assert [(r["doc_id"], r["source"]["text"], r["cue"]["text"], [p["text"] for p in r["content_parts"]]) for r in records] == [
        ("quotes", "Ana Ruiz", "told", ["“The trucks left at dawn,”", "“They reached the river by noon.”"]),
        ("quotes", "port records", "according to", ["The shipment left Odesa on Tuesday"])]


def test_attributions_without_jsonl_prints_a_table(tmp_path: Path):
    (tmp_path / "quotes.txt").write_text(QUOTES, encoding="utf-8")
    result = runner.invoke(app, ["attributions", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Ana Ruiz" in result.stdout and "according to" in result.stdout
