"""The ``lading`` command: parses arguments, calls the library, renders with Rich. No logic of its own."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from lading.ingest.common import ReadError
from lading.model import Article, Transfer

app = typer.Typer(
    help="Lading reads the news and keeps a sourced ledger of what states supply to each other.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)


@app.callback()
def main() -> None:
    """Lading: sourced transfer records from news articles."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs: text, HTML, RSS/Atom, WARC, JSONL.")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON record per transfer (transfer.schema.json), then per event (kind \"event\").")] = False,
    date_: Annotated[Optional[str], typer.Option("--date", help="Publication date YYYY-MM-DD; overrides the articles' own.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private, loopback or link-local hosts.")] = False,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Only records at least this likely to be right.")] = 0.0,
) -> None:
    """Extract the transfers each article claims: who supplied what to whom, how much, when, per whom."""
    # imported here: spaCy loads only when there is work to do
    from lading.extract.pipeline import extract_many
    from lading.ledger import flag_transfer

    reader = _Reader(paths, _parse_date(date_), allow_private)
    failed = False
    transfers: list[Transfer] = []
    n_articles = 0
    show_progress = not jsonl and err.is_terminal
    with Progress(TextColumn("extracting"), MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn(),
                  console=err, disable=not show_progress) as progress:
        task = progress.add_task("extract", total=None)
        for result in extract_many(reader):
            progress.advance(task)
            if result.error:
                failed = True
                _report(ReadError(result.article.path or result.article.doc_id, result.error.split(": ", 1)[-1]))
                continue
            n_articles += 1
            kept = [t for t in result.transfers if (t.confidence or 0) >= min_confidence]
            flagged = [f for t in kept for f in flag_transfer(t, result.article.date)]
            if jsonl:
                for record in (*flagged, *result.events):
                    sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
            transfers.extend(flagged)
    if not jsonl:
        _print_table(transfers, n_articles)
    raise typer.Exit(1 if failed or reader.failed else 0)


@app.command()
def attributions(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs: text, HTML, RSS/Atom, WARC, JSONL.")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON record per attribution: doc_id, source, cue, content (offsets into the text).")] = False,
    date_: Annotated[Optional[str], typer.Option("--date", help="Publication date YYYY-MM-DD; overrides the articles' own.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private, loopback or link-local hosts.")] = False,
) -> None:
    """Who says what: every attribution (direct, indirect and mixed quotes, "according to") with its
    source, cue and content spans, by the component that fills the transfers' attribution."""
    from lading.extract.attributions_out import records_parsed
    from lading.nlp import ArticleTooLong, check_length, parse_many

    reader = _Reader(paths, _parse_date(date_), allow_private)
    failed = False

    def parseable() -> Iterator[Article]:
        nonlocal failed
        for article in reader:
            try:
                check_length(article)
            except ArticleTooLong as exc:
                failed = True
                _report(ReadError(article.path or article.doc_id, str(exc)))
            else:
                yield article

    table = Table("doc", "source", "cue", "content")
    for parsed in parse_many(parseable()):
        for record in records_parsed(parsed):
            if jsonl:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                table.add_row(record["doc_id"], (record["source"] or {}).get("text", "—"), record["cue"]["text"],
                              " … ".join(p["text"] for p in record["content_parts"]))
    if not jsonl:
        Console(soft_wrap=True).print(table)
    raise typer.Exit(1 if failed or reader.failed else 0)


class _Reader:
    """The articles behind ``paths``, reporting unreadable inputs as it goes; ``failed`` afterwards
    says whether any input could not be read."""

    def __init__(self, paths: list[str], date_override: date | None, allow_private: bool) -> None:
        self.paths, self.date_override, self.allow_private = paths, date_override, allow_private
        self.failed = False

    def __iter__(self) -> Iterator[Article]:
        from lading.ingest import read_source

        for path in self.paths:
            for item in read_source(path, date_override=self.date_override, allow_private=self.allow_private):
                if isinstance(item, ReadError):
                    self.failed = self.failed or item.fatal
                    _report(item)
                else:
                    yield item


def _report(problem: ReadError) -> None:
    """One line on stderr naming the input and what is wrong with it."""
    label = "[red]error[/red]" if problem.fatal else "[yellow]warning[/yellow]"
    err.print(f"{label} {problem}", highlight=False, soft_wrap=True)


class _RateColumn(ProgressColumn):
    """Articles per second, for runs whose total is unknown in advance."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "")


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs: text, HTML, RSS/Atom, WARC, JSONL.")],
    db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite path.", show_default="lading.db")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Fetch and extract the pages that feed entries link to.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private, loopback or link-local hosts.")] = False,
    date_: Annotated[Optional[str], typer.Option("--date", help="Publication date YYYY-MM-DD; overrides the articles' own.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Store articles and the transfers they claim: each once, near-copies linked to the first."""
    from lading.store.db import StoreError, connect
    from lading.store.ingest import Ingester

    override = _parse_date(date_)
    try:
        engine = connect(db)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    ingester = Ingester(engine)
    show = not quiet and not as_json and err.is_terminal
    with Progress(TextColumn("ingesting"), MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn(),
                  console=err, disable=not show) as progress:
        task = progress.add_task("ingest", total=None)
        summary = ingester.run(
            sources,
            on_article=lambda: progress.advance(task),
            on_error=_report,
            fetch_links=fetch, allow_private=allow_private, date_override=override,
        )
    if as_json:
        sys.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False) + "\n")
    elif not quiet:
        table = Table(title=f"ingested into {engine.url.render_as_string(hide_password=True)}")
        for column in ("new", "identical", "near-duplicate", "failed", "transfer records"):
            table.add_column(column, justify="right")
        table.add_row(*(str(n) for n in (summary.new, summary.identical, summary.near_duplicate, summary.failed, summary.records)))
        Console().print(table)
    raise typer.Exit(1 if summary.failed else 0)


def _ledger(db: Optional[str]):
    from lading.ledger import build_ledger
    from lading.store.db import StoreError, connect
    from lading.store.read import stored_records

    try:
        engine = connect(db)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    return engine, build_ledger(stored_records(engine))


@app.command()
def ledger(
    db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite path.", show_default="lading.db")] = None,
    supplier: Annotated[Optional[str], typer.Option(help="ISO3 of the supplying state.")] = None,
    recipient: Annotated[Optional[str], typer.Option(help="ISO3 of the receiving state.")] = None,
    category: Annotated[Optional[str], typer.Option(help="A schema category: arms, fuel, …")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only entries whose time reaches this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only entries whose time begins by this date (YYYY-MM-DD).")] = None,
    flagged: Annotated[bool, typer.Option("--flagged", help="Only entries a sanctions rule flags.")] = False,
    min_sources: Annotated[int, typer.Option("--min-sources", help="Only entries with this many independent sources.")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, jsonl, parquet, gexf or graphml.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (needed for parquet, gexf, graphml).")] = None,
) -> None:
    """The ledger: transfers merged across articles, with independent sources, disagreements and sanctions flags."""
    from lading import export
    from lading.ledger import select

    if fmt not in export.FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(export.FORMATS)}")
    if fmt in export.FILE_FORMATS and output is None:
        raise typer.BadParameter(f"--format {fmt} writes a file: give --output PATH")
    _, entries = _ledger(db)
    entries = select(entries, supplier=supplier, recipient=recipient, category=category, since=_parse_date(since),
                     until=_parse_date(until), flagged=flagged, min_sources=min_sources)
    if fmt == "table":
        _print_entries(entries)
    elif fmt in export.FILE_FORMATS:
        (export.write_parquet(entries, output) if fmt == "parquet" else export.write_graph(entries, output, fmt))
        err.print(f"{len(entries)} entries written to {output}", highlight=False)
    else:
        with (output.open("w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)) as out:
            (export.write_csv if fmt == "csv" else export.write_jsonl)(entries, out)


@app.command()
def show(
    entry_id: Annotated[str, typer.Argument(help="An entry id as `lading ledger` prints it, e.g. PRK-RUS-ammunition-2023.")],
    db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite path.", show_default="lading.db")] = None,
) -> None:
    """One ledger entry: every mention with its sentence and source chain, disagreements and sanctions flags."""
    from lading.store.read import article_texts

    engine, entries = _ledger(db)
    entry = next((e for e in entries if e.id == entry_id), None)
    if entry is None:
        err.print(f"[red]error[/red] no entry {entry_id!r} (see `lading ledger`)", highlight=False)
        raise typer.Exit(1)
    texts = article_texts(engine, [m.article_id for m in entry.mentions])
    console = Console()
    console.print(Text(f"{entry.id}: {entry.supplier_name} → {entry.recipient_name}, {entry.category}, "
                       f"{entry.time or 'undated'}", style="bold"))
    console.print(Text(f"certainty {entry.certainty}; {len(entry.mentions)} mention(s); "
                       f"{len(entry.sources)} independent source(s): {'; '.join(entry.sources)}"))
    for m in entry.mentions:
        copy = f" (near-copy of article {m.duplicate_of})" if m.duplicate_of else ""
        console.print(Text(f"\n{m.doc_id} · {m.published or 'no date'} · {m.title or ''}{copy}", style="cyan"))
        for r in m.records:
            chain = " → ".join(a["name"] for a in r["attribution"]) or "the article itself"
            q = r.get("quantity")
            details = ", ".join(x for x in (q and q.get("text"), r.get("time") and r["time"]["value"]) if x)
            console.print(Text(f"  [{r['certainty']}] according to {chain}" + (f"; {details}" if details else "")))
            for ev in r["evidence"]:
                text = texts.get(m.article_id, "")
                console.print(Text(f"    “{text[ev['start']:ev['end']]}”", style="italic"))
    for c in entry.contradictions:
        sides = "; ".join(f"{s.value} ({', '.join(s.sources)})" for s in c.sides)
        console.print(Text(f"\nContradiction on {c.field}: {sides}", style="yellow"))
    for f in entry.flags:
        mark = "" if f.verified else " [citation unverified]"
        console.print(Text(f"\nSanctions {f.rule} ({f.citation}){mark}: {f.reason}", style="red"))


@app.command()
def timeml(
    in_dir: Annotated[Path, typer.Argument(help="Folder of TimeML (.tml) files.", exists=True, file_okay=False)],
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the re-tagged files to (same layout).")],
) -> None:
    """Re-tag every .tml file with Lading's time expressions (TIMEX3 type and value, from the file's DCT).

    The input's own annotations are ignored; unreadable files are listed and skipped (exit status 1).
    """
    from lading.extract.timeml import tag_folder

    problems = tag_folder(in_dir, out_dir)
    for problem in problems:
        err.print(f"[red]error[/red] {problem}", highlight=False, soft_wrap=True)
    raise typer.Exit(1 if problems else 0)


CONFIDENCE_STEPS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold file (score.py's format).", exists=True, dir_okay=False)],
    paths: Annotated[Optional[list[str]], typer.Argument(help="Where the gold's articles are (files or folders); "
                                                              "default: each doc's 'file' under --root.")] = None,
    root: Annotated[Optional[Path], typer.Option(help="Folder the gold's 'file' paths are relative to (default: the folder above the gold file's).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Extract from the gold's articles and score them: P/R/F1 per slot, then every miss and spurious record."""
    from lading.evaluate import score, summary_line
    from lading.extract.pipeline import extract_many
    from lading.ingest import read_source
    from lading.ledger import flag_transfer

    gold_data = json.loads(gold.read_text(encoding="utf-8"))
    wanted = {d["doc_id"] for d in gold_data["docs"]}
    root = root or gold.resolve().parent.parent
    sources = paths or [str(root / d["file"]) for d in gold_data["docs"] if d.get("file")]
    found = [a for s in sources for a in read_source(s) if isinstance(a, Article) and a.doc_id in wanted]
    records, texts = [], {}
    for result in extract_many(found):
        texts[result.article.doc_id] = result.article.text
        records.extend(f.to_json() for t in result.transfers for f in flag_transfer(t, result.article.date))
    scores = score(gold_data, records, texts)
    if as_json:
        sys.stdout.write(json.dumps(scores.metrics) + "\n")
        return
    trade_off = [(t, score(gold_data, [r for r in records if (r.get("confidence") or 0) >= t], texts).metrics)
                 for t in CONFIDENCE_STEPS]
    console = Console(soft_wrap=True)
    for doc_id, key, entry in scores.missed:
        evidence = entry.get("evidence")
        shown = evidence[-1] if isinstance(evidence, list) and evidence else evidence or ""
        console.print(Text(f"missed   {doc_id}: {key[0]}->{key[1]} {key[2]}" + (f"  | {shown}" if shown else "")))
    for doc_id, key, recs in scores.spurious:
        console.print(Text(f"spurious {doc_id}: {key[0]}->{key[1]} {key[2]}  | {recs[0]['evidence'][0]['text']}"))
    m = scores.metrics
    console.print(Text(f"articles={len(texts)}/{len(wanted)} records={m['records']} tp={m['tp']} fp={m['fp']} fn={m['fn']}"))
    console.print(Text(summary_line(m)))
    console.print(Text("with --min-confidence: " + " | ".join(
        f"≥{t:.2f}: P={x['transfer_p']:.2f} R={x['transfer_r']:.2f} F1={x['transfer_f1']:.2f}" for t, x in trade_off)))


@app.command()
def serve(
    db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite path.", show_default="lading.db")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let POST /api/ingest fetch private addresses.")] = False,
) -> None:
    """The REST API under /api and the dashboard at /. Writes need LADING_TOKEN set; without it, read-only."""
    import uvicorn

    from lading.api.app import create_app
    from lading.store.db import StoreError, connect

    try:
        engine = connect(db)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    app_ = create_app(engine, allow_private=allow_private)
    mode = "read-write (LADING_TOKEN set)" if app_.state.token else "read-only (set LADING_TOKEN to allow writes)"
    err.print(f"Lading on http://{host}:{port}/ over {engine.url.render_as_string(hide_password=True)}, {mode}", highlight=False)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _print_entries(entries) -> None:
    console = Console()
    table = Table(title=f"{len(entries)} ledger entr{'y' if len(entries) == 1 else 'ies'}")
    for column in ("entry", "flow", "time", "mentions", "sources", "certainty", "quantity", "disputes", "sanctions"):
        table.add_column(column, overflow="fold")
    for e in entries:
        q = e.quantity
        table.add_row(
            Text(e.id), Text(f"{e.supplier_name} → {e.recipient_name}"), Text(e.time or "undated"),
            str(len(e.mentions)), str(len(e.sources)), e.certainty,
            Text(f"{_qualifier(q.get('qualifier', 'exact'))}{q['value']:,.0f} {q['unit']}" if q else ""),
            Text(", ".join(c.field for c in e.contradictions)),
            Text(", ".join(f.rule for f in e.flags)),
        )
    console.print(table)


def _print_table(transfers: list[Transfer], n_articles: int) -> None:
    console = Console()
    claims = f"{len(transfers)} transfer claim{'s' if len(transfers) != 1 else ''}"
    table = Table(title=f"{claims} in {n_articles} article{'s' if n_articles != 1 else ''}")
    for column in ("article", "supplier", "recipient", "goods", "quantity", "time", "according to", "certainty"):
        table.add_column(column, overflow="fold")
    for t in transfers:
        q = t.quantity
        quantity = f"{_qualifier(q.qualifier)}{q.value:,.0f} {q.unit}" if q else ""
        table.add_row(
            Text(t.doc_id),
            Text(f"{t.supplier.name} ({t.supplier.country})"),
            Text(f"{t.recipient.name} ({t.recipient.country})"),
            _goods_cell(t),
            quantity,
            t.time.value if t.time and t.time.value else "",
            Text(" → ".join(s.name for s in t.attribution)),
            t.certainty,
        )
    console.print(table)


def _goods_cell(t: Transfer) -> Text:
    """'luxury limousine (vehicles, luxury_goods)': each phrase once, with its categories."""
    by_text: dict[str, list[str]] = {}
    for g in t.items:
        by_text.setdefault(g.text, []).append(g.category)
    return Text("; ".join(f"{text} ({', '.join(cats)})" for text, cats in by_text.items()))


def _qualifier(q: str) -> str:
    return {"more_than": "> ", "less_than": "< ", "approx": "~", "up_to": "≤ "}.get(q, "")


if __name__ == "__main__":
    app()
