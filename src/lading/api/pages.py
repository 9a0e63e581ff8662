"""The dashboard's HTML pages: the flow network, a pair's timeline, an entry with its evidence, an article with its
records highlighted, search, and the ingest form.

Every page is rendered by Jinja2 with autoescaping on, and nothing read from the store is marked safe: text is cut
into pieces here (before, highlighted, after) and each piece is escaped by the template. The pages' scripts and
styles are static files, as the Content-Security-Policy of ``app.py`` demands.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from lading.api import data
from lading.api.routes import Category, EntryCertainty
from lading.ledger.sanctions import period_of

router = APIRouter(include_in_schema=False)

TEMPLATES = Path(__file__).parent / "web" / "templates"
CATEGORIES: tuple[str, ...] = get_args(Category)
CERTAINTIES: tuple[str, ...] = get_args(EntryCertainty)
ALL = 1000  # the API's largest page: the dashboard shows at most this many entries
CONTEXT = 400  # characters of article text shown either side of an evidence span
PAGE_SIZE = 20  # search results per page
COUNTRY = re.compile(r"^[A-Za-z]{3}$")

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=_env)


# ---------------------------------------------------------------- formatting helpers (also Jinja filters)

QUALIFIERS = {"exact": "", "approx": "≈ ", "more_than": "> ", "less_than": "< ", "up_to": "≤ "}
UNITS = {"container": ("container", "containers"), "tonne": ("tonne", "tonnes"), "barrel": ("barrel", "barrels"),
         "round": ("round", "rounds"), "item": ("item", "items"), "person": ("person", "people"),
         "litre": ("litre", "litres")}


def number(value: Any) -> str:
    if isinstance(value, (int, float)):
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def quantity(q: dict[str, Any] | None) -> str:
    """``{"value": 9000, "unit": "container", "qualifier": "more_than"}`` → ``> 9,000 containers``."""
    if not q or q.get("value") is None:
        return ""
    value, unit = q["value"], q.get("unit") or ""
    prefix = QUALIFIERS.get(q.get("qualifier") or "exact", "")
    if unit == "usd":
        return f"{prefix}${_short(value)}"
    one, many = UNITS.get(unit, (unit, unit))
    return f"{prefix}{number(value)} {one if value == 1 else many}".strip()


def _short(value: float) -> str:
    for size, word in ((1e9, " billion"), (1e6, " million")):
        if abs(value) >= size:
            return number(round(value / size, 2)) + word
    return number(value)


def category_label(category: str | None) -> str:
    return (category or "").replace("_", " ")


def chain(attribution: list[dict[str, Any]] | None) -> list[str]:
    """Who said it, innermost source first, then each relay, then this article."""
    return [a.get("name") or "?" for a in attribution or []] + ["this article"]


_env.filters.update(quantity=quantity, category=category_label, number=number,
                    web_address=lambda url: _web_address(url))
_env.globals.update(CATEGORIES=CATEGORIES, CERTAINTIES=CERTAINTIES)


# ---------------------------------------------------------------- text pieces: evidence in its article

@dataclass
class Piece:
    """A run of article text; ``records`` are the transfer records whose evidence covers it (empty: plain text).

    ``parts`` are the run's text as (words, is_trigger) pairs: the word that names the transfer is set apart.
    """

    parts: list[tuple[str, bool]]
    start: int
    records: list[dict[str, Any]] = field(default_factory=list)
    anchor: str | None = None  # an id for links to the evidence that starts here

    @property
    def text(self) -> str:
        return "".join(words for words, _ in self.parts)

    @property
    def record_ids(self) -> str:
        return " ".join(str(r["id"]) for r in self.records if r.get("id") is not None)

    @property
    def label(self) -> str:
        return "; ".join(record_label(r) for r in self.records)


def record_label(record: dict[str, Any]) -> str:
    """``North Korea → Russia: military equipment (arms), munitions (ammunition)``."""
    supplier = (record.get("supplier") or {}).get("name") or "?"
    recipient = (record.get("recipient") or {}).get("name") or "?"
    goods = ", ".join(f"{i.get('text') or category_label(i.get('category'))} ({category_label(i.get('category'))})"
                      for i in record.get("items") or [])
    return f"{supplier} → {recipient}: {goods}" if goods else f"{supplier} → {recipient}"


def span_of(text: str, evidence: dict[str, Any]) -> tuple[int, int] | None:
    """Where an evidence span is in ``text``: its offsets when they hold its words, else where its words are."""
    start, end, words = evidence.get("start"), evidence.get("end"), evidence.get("text")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if words is None or text[start:end] == words:
            return start, end
    if words:
        found = text.find(words)
        if found >= 0:
            return found, found + len(words)
    return None


def pieces(text: str, records: list[dict[str, Any]], lo: int = 0, hi: int | None = None) -> list[Piece]:
    """``text[lo:hi]`` cut into runs: plain text, and runs covered by the same records' evidence."""
    hi = len(text) if hi is None else hi
    spans: list[tuple[int, int, dict[str, Any]]] = []
    triggers: list[tuple[int, int]] = []
    for record in records:
        for evidence in record.get("evidence") or []:
            span = span_of(text, evidence)
            if span:
                spans.append((span[0], span[1], record))
        trigger = record.get("trigger")
        if isinstance(trigger, dict):
            span = span_of(text, trigger)
            if span:
                triggers.append(span)
    cuts = {lo, hi}
    for start, end in [(s, e) for s, e, _ in spans] + triggers:
        cuts.update(c for c in (start, end) if lo < c < hi)
    starts = {start for start, _, _ in spans}
    out: list[Piece] = []
    bounds = sorted(cuts)
    for a, b in zip(bounds, bounds[1:]):
        covering: list[dict[str, Any]] = []
        for start, end, record in spans:
            if start <= a and b <= end and not any(r is record for r in covering):
                covering.append(record)
        trigger = bool(covering) and any(start <= a and b <= end for start, end in triggers)
        same = out and len(out[-1].records) == len(covering) and all(x is y for x, y in zip(out[-1].records, covering))
        if same and a not in starts:
            out[-1].parts.append((text[a:b], trigger))
        else:
            out.append(Piece([(text[a:b], trigger)], a, covering, f"ev-{a}" if a in starts else None))
    return out


@dataclass
class Excerpt:
    """An evidence span in its paragraph (at most ``CONTEXT`` characters either side)."""

    pieces: list[Piece]
    cut_before: bool
    cut_after: bool
    found: bool
    anchor: str | None


def unplaced(record: dict[str, Any]) -> Excerpt:
    """The evidence words alone, when the article's text does not hold them where the record says."""
    words = " … ".join(ev.get("text") or "" for ev in record.get("evidence") or [])
    return Excerpt([Piece([(words, False)], 0, [record])], False, False, False, None)


def excerpt(text: str, record: dict[str, Any]) -> Excerpt:
    spans = [s for s in (span_of(text, ev) for ev in record.get("evidence") or []) if s]
    if not spans:
        return unplaced(record)
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    paragraph_start = text.rfind("\n\n", 0, start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    lo, hi = max(paragraph_start, start - CONTEXT), min(paragraph_end, end + CONTEXT)
    if lo > paragraph_start:  # begin and end on a word
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < paragraph_end:
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return Excerpt(pieces(text, [record], lo, hi), lo > paragraph_start, hi < paragraph_end, True, f"ev-{start}")


# ---------------------------------------------------------------- the dashboard's filters

@dataclass
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    category: str | None = None
    certainty: str | None = None
    min_sources: int = 0
    flagged: bool = False
    width: str = "sources"
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, params) -> Filters:
        f = cls()
        for name in ("since", "until"):
            value = (params.get(name) or "").strip()
            if value:
                try:
                    setattr(f, name, dt.date.fromisoformat(value))
                except ValueError:
                    f.problems.append(f"{name}: {value!r} is not a date (YYYY-MM-DD)")
        if f.since and f.until and f.since > f.until:
            f.problems.append("since is after until")
            f.since = f.until = None
        category = params.get("category") or None
        if category and category not in CATEGORIES:
            f.problems.append(f"unknown category {category!r}")
        else:
            f.category = category
        certainty = params.get("certainty") or None
        if certainty and certainty not in CERTAINTIES:
            f.problems.append(f"unknown certainty {certainty!r}")
        else:
            f.certainty = certainty
        raw = (params.get("min_sources") or "").strip()
        if raw:
            if raw.isdigit() and int(raw) <= 1000:
                f.min_sources = int(raw)
            else:
                f.problems.append(f"min_sources: {raw!r} is not a whole number from 0 to 1000")
        f.flagged = (params.get("flagged") or "").lower() in {"1", "true", "on", "yes"}
        f.width = "quantity" if params.get("width") == "quantity" else "sources"
        return f

    def query(self) -> dict[str, Any]:
        return {"category": self.category, "certainty": self.certainty, "since": self.since, "until": self.until,
                "flagged": self.flagged, "min_sources": self.min_sources}


# ---------------------------------------------------------------- pages

def _engine(request: Request):
    return request.app.state.engine


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _not_found(request: Request, what: str) -> HTMLResponse:
    return _render(request, "404.html", status_code=404, what=what, nav=None)


def _countries(entries: list[dict[str, Any]]) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for e in entries:
        for side in (e["supplier"], e["recipient"]):
            if side.get("country"):
                names.setdefault(side["country"], side.get("name") or side["country"])
    return sorted(names.items(), key=lambda item: item[1])


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    filters = Filters.read(request.query_params)
    page = data.list_entries(_engine(request), ALL, 0, **filters.query())
    flows = page.items
    countries = {c for e in flows for c in (e["supplier"]["country"], e["recipient"]["country"])}
    return _render(request, "dashboard.html", nav="dashboard", filters=filters, entries=flows, total=page.total,
                   countries=len(countries), flagged=sum(1 for e in flows if e.get("sanctions")))


def _sort_key(entry: dict[str, Any]) -> tuple:
    span = period_of(entry.get("time"), None)
    if span is None:
        return (1, dt.date.max, dt.date.max, entry["id"])
    return (0, span[0], span[1], entry["id"])


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, a: str = "", b: str = "") -> HTMLResponse:
    engine = _engine(request)
    everything = data.list_entries(engine, ALL, 0).items
    countries = _countries(everything)
    problems = [f"{code!r} is not a three-letter country code" for code in (a, b) if code and not COUNTRY.match(code)]
    a, b = (a.upper() if COUNTRY.match(a) else ""), (b.upper() if COUNTRY.match(b) else "")
    entries: list[dict[str, Any]] = []
    if a and b and not problems:
        both = data.list_entries(engine, ALL, 0, supplier=a, recipient=b).items
        if a != b:
            both += data.list_entries(engine, ALL, 0, supplier=b, recipient=a).items
        entries = sorted(both, key=_sort_key)
    names = dict(countries)
    pairs: dict[tuple[str, str], int] = {}
    for e in everything:
        key = tuple(sorted((e["supplier"]["country"], e["recipient"]["country"])))
        pairs[key] = pairs.get(key, 0) + 1
    busiest = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:8]
    return _render(request, "timeline.html", nav="timeline", a=a, b=b, name_a=names.get(a, a), name_b=names.get(b, b),
                   countries=countries, entries=entries, problems=problems,
                   busiest=[(x, y, names.get(x, x), names.get(y, y), n) for (x, y), n in busiest],
                   events=data.list_events(engine, ALL, 0, pair=(a, b)).items if a and b and not problems else [])


@router.get("/entries/{entry_id}", response_class=HTMLResponse)
def entry_page(request: Request, entry_id: str) -> HTMLResponse:
    engine = _engine(request)
    entry = data.get_entry(engine, entry_id)
    if entry is None:
        return _not_found(request, f"No ledger entry {entry_id!r}.")
    texts: dict[int, str | None] = {}
    mentions = []
    for mention in entry.get("evidence") or []:
        article_id = mention.get("article_id")
        if article_id not in texts:
            article = data.get_article(engine, article_id) if article_id is not None else None
            texts[article_id] = article["text"] if article else None
        text = texts[article_id]
        records = []
        for record in mention.get("records") or []:
            records.append({"record": record, "chain": chain(record.get("attribution")),
                            "excerpt": excerpt(text, record) if text is not None else unplaced(record)})
        mentions.append({"mention": mention, "records": records})
    return _render(request, "entry.html", nav=None, entry=entry, mentions=mentions)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    if not article_id.isdigit() or len(article_id) > 18:
        return _not_found(request, f"No article {article_id!r}.")
    engine = _engine(request)
    article = data.get_article(engine, int(article_id))
    if article is None:
        return _not_found(request, f"No article {article_id!r}.")
    text, records = article["text"], article["transfers"]
    start = article.get("body_start") or 0
    if any((span_of(text, ev) or (start, start))[0] < start for r in records for ev in r.get("evidence") or []):
        start = 0
    while start < len(text) and text[start].isspace():  # the blank line after a header
        start += 1
    original = data.get_article(engine, article["duplicate_of"]) if article.get("duplicate_of") else None
    anchors = {}
    for r in records:
        spans = [s for s in (span_of(text, ev) for ev in r.get("evidence") or []) if s]
        anchors[r["id"]] = f"ev-{min(s for s, _ in spans)}" if spans else None
    return _render(request, "article.html", nav=None, article=article, pieces=pieces(text, records, start),
                   records=records, anchors=anchors, original=original, safe_url=_web_address(article.get("url")),
                   entries=_entries_of(engine, article["id"], records))


def _entries_of(engine, article_id: int, records: list[dict[str, Any]]) -> dict[int, list[str]]:
    """For each record of an article, the ledger entries it counts in (found among its country pair's entries)."""
    out: dict[int, list[str]] = {r["id"]: [] for r in records}
    wanted = {_record_key(r): r["id"] for r in records}
    pairs = {((r.get("supplier") or {}).get("country"), (r.get("recipient") or {}).get("country")) for r in records}
    for supplier, recipient in sorted(p for p in pairs if p[0] and p[1]):
        for summary_ in data.list_entries(engine, ALL, 0, supplier=supplier, recipient=recipient).items:
            entry = data.get_entry(engine, summary_["id"]) or {}
            for mention in entry.get("evidence") or []:
                if mention.get("article_id") != article_id:
                    continue
                for record in mention.get("records") or []:
                    record_id = wanted.get(_record_key(record))
                    if record_id is not None and entry["id"] not in out[record_id]:
                        out[record_id].append(entry["id"])
    return out


def _record_key(record: dict[str, Any]) -> tuple:
    """What tells one record of an article from another (an entry's copy of a record has no row id)."""
    return (record.get("doc_id"), tuple((ev.get("start"), ev.get("end")) for ev in record.get("evidence") or []),
            (record.get("supplier") or {}).get("name"), (record.get("recipient") or {}).get("name"),
            tuple(i.get("category") for i in record.get("items") or []))


def _web_address(url: str | None) -> str | None:
    """Only http(s) addresses become links: a stored ``javascript:`` address stays text."""
    return url if url and re.match(r"^https?://", url, re.IGNORECASE) else None


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", offset: str = "0") -> HTMLResponse:
    q = q.strip()
    start = min(int(offset), 1_000_000) if offset.isdigit() and len(offset) < 10 else 0
    problems, results, total = [], [], 0
    if len(q) > 200:
        problems.append("The query is longer than 200 characters.")
    elif q:
        page = data.search(_engine(request), q, PAGE_SIZE, start)
        total = page.total
        results = [r | {"parts": snippet_parts(r.get("snippet") or "")} for r in page.items]
    return _render(request, "search.html", nav="search", q=q, results=results, total=total, offset=start,
                   size=PAGE_SIZE, problems=problems)


MATCH = re.compile(r"\[([^\[\]\n]*)\]")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """The search snippet as (text, is_match) pieces: the index puts ``[`` ``]`` around the matched words."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for m in MATCH.finditer(snippet):
        if m.start() > at:
            parts.append((snippet[at:m.start()], False))
        parts.append((m.group(1), True))
        at = m.end()
    if at < len(snippet):
        parts.append((snippet[at:], False))
    return parts


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> HTMLResponse:
    return _render(request, "ingest.html", nav="ingest", writable=bool(request.app.state.token),
                   categories=CATEGORIES)
