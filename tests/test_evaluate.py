"""`lading eval` scores exactly as the project's score.py does (a copy is kept in tests/data/eval)."""
import importlib.util
import json
from pathlib import Path

from typer.testing import CliRunner

from lading.cli import app
from lading.evaluate import score
from lading.extract.pipeline import extract_many
from lading.ingest import read_source
from lading.ledger import flag_transfer

ROOT = Path(__file__).resolve().parent.parent
HANDMADE = ROOT / "benchmarks" / "handmade"


def reference():
    spec = importlib.util.spec_from_file_location("reference_score", ROOT / "tests" / "data" / "eval" / "reference_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_figures_are_those_of_score_py_on_the_same_records():
    gold = json.loads((HANDMADE / "gold.json").read_text(encoding="utf-8"))
    records, texts = [], {}
    for result in extract_many(a for a in read_source(str(HANDMADE / "articles"))):
        texts[result.article.doc_id] = result.article.text
        records.extend(f.to_json() for t in result.transfers for f in flag_transfer(t, result.article.date))
    # perturb some records so every slot sees right and wrong values
    for i, r in enumerate(records):
        if i % 5 == 0 and r.get("quantity"):
            r["quantity"]["value"] += 1000
        if i % 7 == 0:
            r["certainty"] = "denied"
        if i % 11 == 0:
            r["evidence"][0]["start"] += 1
    ours = score(gold, records, texts).metrics
    theirs = reference().score(gold, records, str(HANDMADE))
    assert {k: v for k, v in theirs.items() if k not in ("missed", "spurious")} == ours


def test_lading_eval_prints_the_score_line_and_the_misses(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--gold", str(HANDMADE / "gold.json"), "--root", str(HANDMADE), "--json"])
    assert result.exit_code == 0
    metrics = json.loads(result.stdout)
    assert metrics["evidence_valid"] == 1.0 and metrics["transfer_p"] > 0.8
    verbose = CliRunner().invoke(app, ["eval", "--gold", str(ROOT / "tests" / "data" / "eval" / "seed_gold.json"),
                                       str(ROOT / "corpus" / "seed")])
    assert "transfer P=1.00 R=1.00 F1=1.00" in verbose.stdout
