"""The app: the JSON API, the dashboard pages and their static files, with security headers on every answer."""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from lading.api import pages, routes

WEB = Path(__file__).parent / "web"
# Pages load only their own scripts, styles and images: an article's text can never run as code.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(engine: Engine, *, token: str | None = None, allow_private: bool = False) -> FastAPI:
    """The app over one store. ``token`` (default: $LADING_TOKEN) enables writes; without it the app is read-only."""
    app = FastAPI(title="Lading", version="0.1.0",
                  description="A sourced ledger of what states supply to each other, read from the news.")
    app.state.engine = engine
    app.state.token = token if token is not None else os.environ.get("LADING_TOKEN") or None
    app.state.allow_private = allow_private
    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app
