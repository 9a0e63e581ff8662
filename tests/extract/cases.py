"""Run the hand-written transfer cases (transfer_cases.yaml) and compare with what they expect.

Used by test_transfer_cases.py; run directly to print every disagreement:
    python tests/extract/cases.py [--verbose]
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from lading.extract.pipeline import extract
from lading.ingest.text import article_from_text

CASES = Path(__file__).with_name("transfer_cases.yaml")


def load_cases() -> list[dict]:
    return yaml.safe_load(CASES.read_text(encoding="utf-8"))


def norm(name: str) -> str:
    """Source names compared as the project's scorer does: lowercase, no article, 'defence' = 'defense'."""
    s = name.lower().replace("defence", "defense").replace("\u2019", "'")
    s = re.sub(r"[^a-z0-9' -]+", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def names_match(pred: str, gold: str) -> bool:
    p, g = norm(pred), norm(gold)
    return bool(p) and (p == g or (len(g) >= 3 and re.search(rf"\b{re.escape(g)}\b", p) is not None)
                        or (len(p) >= 4 and re.search(rf"\b{re.escape(p)}\b", g) is not None))


@dataclass
class Outcome:
    case: dict
    missing: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    wrong: list = field(default_factory=list)  # slot disagreements on matched keys

    @property
    def keys_ok(self) -> bool:
        return not self.missing and not self.spurious


def run_case(case: dict) -> Outcome:
    published = case.get("date")
    if isinstance(published, str):
        published = date.fromisoformat(published)
    records = [t.to_json() for t in extract(article_from_text(case["text"], case["id"], date_override=published))]
    predicted: dict[tuple, list[dict]] = {}
    for r in records:
        for item in r["items"]:
            predicted.setdefault((r["supplier"]["country"], r["recipient"]["country"], item["category"]), []).append(r)
    expected = {(e["supplier"], e["recipient"], e["category"]): e for e in case.get("expect") or []}
    out = Outcome(case)
    for key, e in expected.items():
        if key not in predicted:
            if not e.get("optional"):
                out.missing.append(key)
            continue
        recs = predicted[key]
        if e.get("certainty") and all(r["certainty"] != e["certainty"] for r in recs):
            out.wrong.append((key, "certainty", e["certainty"], [r["certainty"] for r in recs]))
        if e.get("quantity"):
            q = e["quantity"]
            if not any(r["quantity"] and r["quantity"]["unit"] == q["unit"] and abs(r["quantity"]["value"] - q["value"]) <= 0.01 * q["value"] for r in recs):
                out.wrong.append((key, "quantity", q, [r["quantity"] for r in recs]))
        if e.get("time") and not any(r["time"] and r["time"]["value"] == str(e["time"]) for r in recs):
            out.wrong.append((key, "time", e["time"], [r["time"] for r in recs]))
        if e.get("attribution"):
            names = [a["name"] for r in recs for a in r["attribution"]]
            if not any(names_match(n, g) for n in names for g in e["attribution"]):
                out.wrong.append((key, "attribution", e["attribution"], names))
    for key in predicted:
        if key not in expected:
            out.spurious.append(key)
    return out


def main(argv: list[str]) -> int:
    outcomes = [run_case(c) for c in load_cases()]
    keys_ok = sum(o.keys_ok for o in outcomes)
    slots_ok = sum(o.keys_ok and not o.wrong for o in outcomes)
    for o in outcomes:
        if not o.keys_ok or o.wrong:
            print(f"--- {o.case['id']}: {o.case['text'].strip()[:400]}")
            for k in o.missing:
                print(f"    missing  {k}")
            for k in o.spurious:
                print(f"    spurious {k}")
            for w in o.wrong:
                print(f"    wrong    {w}")
    print(f"cases {len(outcomes)}: keys right {keys_ok} ({keys_ok / len(outcomes):.0%}), all slots right {slots_ok} ({slots_ok / len(outcomes):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
