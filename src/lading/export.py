"""Ledger entries in the formats analysts use: CSV, JSON Lines, Parquet, and graphs for Gephi (GEXF, GraphML)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from lading.model import Entry

FORMATS = ("table", "csv", "jsonl", "parquet", "gexf", "graphml")
FILE_FORMATS = ("parquet", "gexf", "graphml")  # binary or graph files: written to --output


def entry_json(e: Entry) -> dict[str, Any]:
    """One entry with every mention, its sources, disagreements and flags."""
    return {
        "id": e.id, "supplier": {"country": e.supplier, "name": e.supplier_name},
        "recipient": {"country": e.recipient, "name": e.recipient_name}, "category": e.category, "time": e.time,
        "certainty": e.certainty, "mentions": len(e.mentions), "independent_sources": list(e.sources),
        "quantity": e.quantity,
        "contradictions": [{"field": c.field, "sides": [{"value": s.value, "sources": list(s.sources), "articles": list(s.articles)}
                                                         for s in c.sides]} for c in e.contradictions],
        "sanctions": [f.to_json() for f in e.flags],
        "evidence": [{"article_id": m.article_id, "doc_id": m.doc_id, "title": m.title,
                      "published": m.published.isoformat() if m.published else None, "url": m.url,
                      "duplicate_of": m.duplicate_of, "records": list(m.records)} for m in e.mentions],
    }


def entry_row(e: Entry) -> dict[str, Any]:
    """One flat row per entry, for spreadsheets and data frames."""
    q = e.quantity or {}
    return {
        "id": e.id, "supplier": e.supplier, "supplier_name": e.supplier_name, "recipient": e.recipient,
        "recipient_name": e.recipient_name, "category": e.category, "time": e.time, "certainty": e.certainty,
        "mentions": len(e.mentions), "independent_sources": len(e.sources), "sources": "; ".join(e.sources),
        "quantity_value": q.get("value"), "quantity_unit": q.get("unit"),
        "contradictions": "; ".join(f"{c.field}: " + " vs ".join(s.value for s in c.sides) for c in e.contradictions),
        "flagged": bool(e.flags), "sanctions": "; ".join(f"{f.rule} ({f.citation})" for f in e.flags),
        "articles": "; ".join(m.doc_id for m in e.mentions),
    }


ROW_COLUMNS = ("id", "supplier", "supplier_name", "recipient", "recipient_name", "category", "time", "certainty",
               "mentions", "independent_sources", "sources", "quantity_value", "quantity_unit", "contradictions",
               "flagged", "sanctions", "articles")


def write_csv(entries: Iterable[Entry], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=ROW_COLUMNS)
    writer.writeheader()
    writer.writerows(entry_row(e) for e in entries)


def write_jsonl(entries: Iterable[Entry], out: IO[str]) -> None:
    for e in entries:
        out.write(json.dumps(entry_json(e), ensure_ascii=False, default=str) + "\n")


def write_parquet(entries: Iterable[Entry], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [entry_row(e) for e in entries]
    schema = pa.schema([
        ("id", pa.string()), ("supplier", pa.string()), ("supplier_name", pa.string()), ("recipient", pa.string()),
        ("recipient_name", pa.string()), ("category", pa.string()), ("time", pa.string()), ("certainty", pa.string()),
        ("mentions", pa.int32()), ("independent_sources", pa.int32()), ("sources", pa.string()),
        ("quantity_value", pa.float64()), ("quantity_unit", pa.string()), ("contradictions", pa.string()),
        ("flagged", pa.bool_()), ("sanctions", pa.string()), ("articles", pa.string()),
    ])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def graph(entries: Iterable[Entry]):
    """Countries as nodes, one weighted edge per entry (weight: independent sources)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for e in entries:
        g.add_node(e.supplier, label=e.supplier_name)
        g.add_node(e.recipient, label=e.recipient_name)
        g.add_edge(e.supplier, e.recipient, key=e.id, id=e.id, label=f"{e.category} {e.time or ''}".strip(),
                   category=e.category, time=e.time or "", certainty=e.certainty, weight=len(e.sources),
                   mentions=len(e.mentions), flagged=bool(e.flags))
    return g


def write_graph(entries: Iterable[Entry], path: Path, fmt: str) -> None:
    import networkx as nx

    g = graph(entries)
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(g, path)
