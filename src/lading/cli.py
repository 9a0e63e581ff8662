"""The ``lading`` command: parses arguments, calls the library, renders with Rich. No logic of its own."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
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
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON record per transfer (transfer.schema.json).")] = False,
    date_: Annotated[Optional[str], typer.Option("--date", help="Publication date YYYY-MM-DD; overrides the articles' own.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private, loopback or link-local hosts.")] = False,
) -> None:
    """Extract the transfers each article claims: who supplied what to whom, how much, when, per whom."""
    from lading.extract.pipeline import (
        extract_many,  # spaCy loads only when there is work to do
    )
    from lading.ingest import read_source

    override = _parse_date(date_)
    failed = False

    def articles() -> Iterator[Article]:
        nonlocal failed
        for path in paths:
            for item in read_source(path, date_override=override, allow_private=allow_private):
                if isinstance(item, ReadError):
                    failed = failed or item.fatal
                    _report(item)
                else:
                    yield item

    transfers: list[Transfer] = []
    n_articles = 0
    show_progress = not jsonl and err.is_terminal
    with Progress(TextColumn("extracting"), MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn(),
                  console=err, disable=not show_progress) as progress:
        task = progress.add_task("extract", total=None)
        for result in extract_many(articles()):
            progress.advance(task)
            if result.error:
                failed = True
                _report(ReadError(result.article.path or result.article.doc_id, result.error.split(": ", 1)[-1]))
                continue
            n_articles += 1
            if jsonl:
                for t in result.transfers:
                    sys.stdout.write(json.dumps(t.to_json(), ensure_ascii=False) + "\n")
            transfers.extend(result.transfers)
    if not jsonl:
        _print_table(transfers, n_articles)
    raise typer.Exit(1 if failed else 0)


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
