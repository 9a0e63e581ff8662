"""Scoring transfer records against a gold file, with the conventions of the project's ``score.py``.

A transfer is keyed by (supplier country, recipient country, category); records naming
several categories count once per category. Gold entries marked ``optional`` are neither
rewarded in recall nor punished in precision. Slots are scored on the keys that match gold:
quantity and time by value (``[]`` in gold means the article states none, so predicting one is
wrong; ``null`` means not scored), attribution by name (any acceptable name matching, after
lowercasing, dropping an article and reading "defence" as "defense"), certainty per record,
sanctions as flagged or not. Evidence spans must slice the article's text exactly.

``lading eval`` runs extraction over the gold's documents and prints these figures, then
every miss and every spurious key with the sentence behind it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


def norm_name(s: str | None) -> str:
    s = (s or "").lower().replace("defence", "defense").replace("\u2019", "'")
    s = re.sub(r"[^a-z0-9' -]+", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def name_matches(pred: str, aliases: list[str]) -> bool:
    p = norm_name(pred)
    if not p:
        return False
    for alias in aliases:
        a = norm_name(alias)
        if a == p or (len(a) >= 3 and re.search(r"\b" + re.escape(a) + r"\b", p)) or (
                len(p) >= 4 and re.search(r"\b" + re.escape(p) + r"\b", a)):
            return True
    return False


def qty_matches(q: Any, acceptable: list[dict]) -> bool:
    try:
        v, u = float(q["value"]), q["unit"]
    except (KeyError, TypeError, ValueError):
        return False
    return any(u == g["unit"] and abs(v - g["value"]) <= 0.01 * max(1.0, abs(g["value"])) for g in acceptable)


def _country(actor: Any) -> str | None:
    return (actor.get("country") or "").upper() or None if isinstance(actor, dict) else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


@dataclass
class Scores:
    """The figures, and the keys behind the misses and spurious records for error analysis."""

    metrics: dict[str, Any]
    missed: list[tuple[str, tuple, dict]] = field(default_factory=list)  # (doc_id, key, gold entry)
    spurious: list[tuple[str, tuple, list[dict]]] = field(default_factory=list)  # (doc_id, key, records)


def score(gold: dict, records: list[dict], texts: dict[str, str]) -> Scores:
    """Score ``records`` against ``gold``; ``texts`` maps doc_id to the article text for checking evidence."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if r.get("kind", "transfer") == "transfer":
            by_doc[str(r.get("doc_id"))].append(r)
    c: dict[str, int] = defaultdict(int)
    out = Scores({})
    for doc in gold["docs"]:
        did = doc["doc_id"]
        text = texts.get(did)
        gkeys = {(t["supplier"], t["recipient"], t["category"]): t for t in doc["transfers"]}
        pkeys: dict[tuple, list[dict]] = defaultdict(list)
        for r in by_doc.get(did, []):
            c["records"] += 1
            if text is not None:
                spans = r.get("evidence") or []
                ok = bool(spans) and all(
                    isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
                    and 0 <= s["start"] < s["end"] <= len(text)
                    and ("text" not in s or text[s["start"]:s["end"]] == s["text"]) for s in spans)
                c["evidence_checked"] += 1
                c["evidence_valid"] += ok
            for item in r.get("items") or []:
                pkeys[(_country(r.get("supplier")), _country(r.get("recipient")), item.get("category"))].append(r)
        for key, recs in pkeys.items():
            g = gkeys.get(key)
            if g is None:
                c["fp"] += 1
                out.spurious.append((did, key, recs))
                continue
            if g.get("optional"):
                continue
            c["tp"] += 1
            _score_slots(c, g, recs)
        for key, g in gkeys.items():
            if not g.get("optional") and key not in pkeys:
                c["fn"] += 1
                out.missed.append((did, key, g))
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    sp, sr, sf = prf(c["sanc_tp"], c["sanc_fp"], c["sanc_fn"])
    out.metrics = {
        "transfer_p": p, "transfer_r": r, "transfer_f1": f,
        "tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "records": c["records"],
        "quantity_p": _ratio(c["qty_pred_ok"], c["qty_pred"]), "quantity_r": _ratio(c["qty_gold_found"], c["qty_gold"]),
        "time_p": _ratio(c["time_pred_ok"], c["time_pred"]), "time_r": _ratio(c["time_gold_found"], c["time_gold"]),
        "attribution_p": _ratio(c["attr_pred_ok"], c["attr_pred"]), "attribution_r": _ratio(c["attr_gold_found"], c["attr_gold"]),
        "certainty_acc": _ratio(c["cert_ok"], c["cert_pred"]),
        "sanctions_p": sp if c["sanc_tp"] + c["sanc_fp"] else None, "sanctions_r": sr if c["sanc_tp"] + c["sanc_fn"] else None,
        "sanctions_f1": sf if c["sanc_tp"] + c["sanc_fp"] + c["sanc_fn"] else None,
        "evidence_valid": _ratio(c["evidence_valid"], c["evidence_checked"]),
    }
    return out


def _score_slots(c: dict[str, int], g: dict, recs: list[dict]) -> None:
    if g.get("quantity") is not None:
        qs = [r["quantity"] for r in recs if r.get("quantity")]
        for q in qs:
            c["qty_pred"] += 1
            c["qty_pred_ok"] += qty_matches(q, g["quantity"])
        if g["quantity"]:
            c["qty_gold"] += 1
            c["qty_gold_found"] += any(qty_matches(q, g["quantity"]) for q in qs)
    if g.get("time") is not None:
        ts = [(r.get("time") or {}).get("value") for r in recs if r.get("time")]
        for t in ts:
            c["time_pred"] += 1
            c["time_pred_ok"] += t in g["time"]
        if g["time"]:
            c["time_gold"] += 1
            c["time_gold_found"] += any(t in g["time"] for t in ts)
    names = [a.get("name", "") for r in recs for a in (r.get("attribution") or []) if isinstance(a, dict)]
    for n in names:
        c["attr_pred"] += 1
        c["attr_pred_ok"] += bool(g["attribution"]) and name_matches(n, g["attribution"])
    if g["attribution"]:
        c["attr_gold"] += 1
        c["attr_gold_found"] += any(name_matches(n, g["attribution"]) for n in names)
    for r in recs:
        c["cert_pred"] += 1
        c["cert_ok"] += r.get("certainty") in g["certainty"]
    if g.get("sanction") is not None:
        flagged = any(r.get("sanctions") for r in recs)
        c["sanc_tp"] += flagged and g["sanction"]
        c["sanc_fp"] += flagged and not g["sanction"]
        c["sanc_fn"] += (not flagged) and g["sanction"]


def summary_line(m: dict[str, Any]) -> str:
    """The score line in score.py's words, so the two can be compared by eye."""
    def fmt(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.2f}"

    keys = ("transfer_p", "transfer_r", "transfer_f1", "quantity_p", "quantity_r", "time_p", "time_r",
            "attribution_p", "attribution_r", "certainty_acc", "sanctions_p", "sanctions_r", "evidence_valid")
    return ("transfer P={} R={} F1={} | quantity P={} R={} | time P={} R={} | attribution P={} R={} | "
            "certainty={} | sanctions P={} R={} | evidence_valid={}").format(*(fmt(m[k]) for k in keys))
