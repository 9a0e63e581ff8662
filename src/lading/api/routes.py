"""The JSON API under /api. Lists are paged (``limit``, ``offset``); writes need the bearer token."""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field, model_validator

from lading.api import data

router = APIRouter(prefix="/api")
Limit = Annotated[int, Query(ge=1, le=1000, description="How many items to return.")]
Offset = Annotated[int, Query(ge=0, description="How many items to skip.")]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code.")]
Category = Literal["arms", "ammunition", "fuel", "crude_oil", "food", "vehicles", "luxury_goods", "machinery",
                   "technology", "money", "personnel", "aid", "goods"]
RecordCertainty = Literal["asserted", "reported", "hedged", "denied"]
EntryCertainty = Literal["asserted", "reported", "hedged", "denied", "disputed"]


def engine(request: Request):
    return request.app.state.engine


@router.get("/articles", summary="Stored articles, oldest first")
def articles(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return data.list_articles(engine(request), limit, offset).to_json()


@router.get("/articles/{article_id}", summary="One article with its text and transfer records")
def article(request: Request, article_id: int) -> dict[str, Any]:
    found = data.get_article(engine(request), article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return found


@router.get("/transfers", summary="Transfer records (transfer.schema.json), with their article")
def transfers(request: Request, limit: Limit = 50, offset: Offset = 0, supplier: Country = None,
              recipient: Country = None, category: Category | None = None,
              certainty: RecordCertainty | None = None) -> dict[str, Any]:
    return data.list_transfers(engine(request), limit, offset, supplier=supplier, recipient=recipient,
                               category=category, certainty=certainty).to_json()


PloverCategory = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


@router.get("/events", summary="Political events other than transfers, coded in PLOVER")
def events(request: Request, limit: Limit = 50, offset: Offset = 0, actor: Country = None, recipient: Country = None,
           category: PloverCategory | None = None) -> dict[str, Any]:
    return data.list_events(engine(request), limit, offset, actor=actor, recipient=recipient, category=category).to_json()


@router.get("/entries", summary="Ledger entries, with the filters of `lading ledger`")
def entries(request: Request, limit: Limit = 100, offset: Offset = 0, supplier: Country = None,
            recipient: Country = None, category: Category | None = None, certainty: EntryCertainty | None = None,
            since: dt.date | None = None, until: dt.date | None = None, flagged: bool = False,
            min_sources: Annotated[int, Query(ge=0, le=1000)] = 0) -> dict[str, Any]:
    if since and until and since > until:
        raise HTTPException(422, "since is after until")
    return data.list_entries(engine(request), limit, offset, supplier=supplier, recipient=recipient, category=category,
                             certainty=certainty, since=since, until=until, flagged=flagged,
                             min_sources=min_sources).to_json()


@router.get("/entries/{entry_id}", summary="One ledger entry with its mentions, sources and flags")
def entry(request: Request, entry_id: str) -> dict[str, Any]:
    found = data.get_entry(engine(request), entry_id)
    if found is None:
        raise HTTPException(404, f"no entry {entry_id}")
    return found


@router.get("/search", summary="Articles whose text matches the words of q")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20,
           offset: Offset = 0) -> dict[str, Any]:
    return data.search(engine(request), q, limit, offset).to_json()


class IngestRequest(BaseModel):
    """Either an article's text (with what is known about it) or an address to fetch."""

    text: str | None = Field(None, min_length=1, max_length=1_000_000)
    url: str | None = Field(None, pattern=r"^https?://", max_length=2000)
    title: str | None = Field(None, max_length=1000)
    date: dt.date | None = None
    doc_id: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def one_of_text_or_url(self) -> IngestRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give either text or url")
        return self


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer <LADING_TOKEN>``; with no token configured the server is read-only."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "this server is read-only: start it with LADING_TOKEN set to allow writes")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is needed", headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", summary="Store an article (text or URL), extract its transfers, update the ledger",
             dependencies=[Depends(require_token)])
def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
    from lading.api.writes import ingest_one

    return ingest_one(engine(request), body.text, body.url, body.title, body.date, body.doc_id,
                      allow_private=request.app.state.allow_private)
