"""Measure the confidence factors on labelled text and check that confidence means what it says.

    python benchmarks/calibrate_confidence.py \
        --gold benchmarks/handmade/gold.json:benchmarks/handmade \
        --gold ../shared/eval/dev_gold.json:../shared/eval/.. --cases tests/extract/transfer_cases.yaml

A record (one per category) is right when its key is in the gold (optional keys count as right).
For each trait of how records are read, the factor is the precision of records with that trait
over the precision of all records (smoothed, capped at 1.05). Prints the YAML for
knowledge/data/confidence.yaml, then a reliability table: records grouped by the confidence the
current file gives them, and how many of each group are right.
"""
import argparse
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import yaml

from lading.extract.pipeline import extract, extract_many
from lading.ingest import read_source
from lading.ingest.text import article_from_text
from lading.model import Article

SMOOTHING = 2.0  # pseudo-records at the overall precision, so rare traits do not swing


def labelled(golds: list[str], cases: str | None):
    """(record, right?) for every record extracted from the labelled documents."""
    out = []
    for spec in golds:
        gold_path, _, root = spec.partition(":")
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        root = Path(root or Path(gold_path).resolve().parent.parent)
        docs = {d["doc_id"]: d for d in gold["docs"]}
        articles = [a for d in gold["docs"] for a in read_source(str(root / d["file"])) if isinstance(a, Article)]
        for result in extract_many(articles):
            out += judge([t.to_json() for t in result.transfers], docs[result.article.doc_id]["transfers"])
    if cases:
        for case in yaml.safe_load(Path(cases).read_text(encoding="utf-8")):
            published = case.get("date")
            published = date.fromisoformat(published) if isinstance(published, str) else published
            records = [t.to_json() for t in extract(article_from_text(case["text"], case["id"], date_override=published))]
            out += judge(records, case.get("expect") or [])
    return out


def judge(records: list[dict], gold: list[dict]) -> list[tuple[dict, bool]]:
    keys = {(g["supplier"], g["recipient"], g["category"]) for g in gold}
    return [(r, (r["supplier"]["country"], r["recipient"]["country"], i["category"]) in keys)
            for r in records for i in r["items"]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", action="append", default=[], help="GOLD.json[:ROOT] (ROOT: what its 'file' paths are relative to)")
    ap.add_argument("--cases", help="the hand-written cases file (tests/extract/transfer_cases.yaml)")
    args = ap.parse_args()
    data = labelled(args.gold, args.cases)
    overall = sum(ok for _, ok in data) / len(data)
    print(f"{len(data)} labelled records, precision {overall:.3f}\n")
    factors: dict[str, dict[str, float]] = defaultdict(dict)
    for name in data[0][0]["reading"]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r, ok in data:
            c = counts[r["reading"][name]]
            c[0] += ok
            c[1] += 1
        for value, (right, n) in sorted(counts.items()):
            precision = (right + SMOOTHING * overall) / (n + SMOOTHING)
            factors[name][value] = round(min(precision / overall, 1.05), 2)
            print(f"  {name:16} {value:11} {right:4}/{n:<4} right  factor {factors[name][value]}")
    print("\n# paste into src/lading/knowledge/data/confidence.yaml")
    print(yaml.safe_dump({"version": 1, "base": round(overall, 2), "factors": dict(factors)}, sort_keys=False))
    print("reliability of the current confidence.yaml (confidence bin: right/records):")
    bins: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for r, ok in data:
        b = min(int(r["confidence"] * 10) / 10, 0.9)
        bins[b][0] += ok
        bins[b][1] += 1
    for b in sorted(bins):
        right, n = bins[b]
        print(f"  {b:.1f}-{b + 0.1:.1f}: {right}/{n} = {right / n:.2f}")


if __name__ == "__main__":
    main()
