"""A store with the bundled corpus plus a hostile article, the app over it, a live server and one browser.

The hostile article carries markup in its title and text, and a transfer sentence, so it has a record, a ledger
entry (Iran → Russia) and a near-duplicate copy: every page that shows it must show the markup as text.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lading.api import data
from lading.api.app import create_app
from lading.store.db import connect
from lading.store.ingest import ingest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
OUTPUT = ROOT / "test-output"  # screenshots; git-ignored
TOKEN = "test-token"
CHROMIUM = os.environ.get("LADING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

XSS_TITLE = "Drones <script>alert('title')</script> for Moscow"
XSS_TEXT = f"""date 2024-05-02 World

{XSS_TITLE}

Iran shipped drones to Russia, officials said. <script>alert(1)</script> <img src=x onerror=alert(2)>

Analysts said the shipments "</mark><b>bold</b>" continued through the spring, and that the drones were \
assembled near the front. Officials in Kyiv said they had found Iranian parts in the wreckage of several of them.
"""
RAW_MARKUP = ("<script>alert", "<img src=x onerror", "</mark><b>bold", "<b>bold</b>")


@dataclass(frozen=True)
class Store:
    engine: object
    xss_article: int  # the hostile article's id
    xss_copy: int  # its near-duplicate
    xss_entry: str  # the ledger entry read from it
    entries: list = field(default_factory=list)  # every entry summary


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Store:
    root = tmp_path_factory.mktemp("web")
    extra = root / "extra"
    extra.mkdir()
    (extra / "xss-article.txt").write_text(XSS_TEXT, encoding="utf-8")
    (extra / "xss-copy.txt").write_text(XSS_TEXT.replace("through the spring", "through the summer"), encoding="utf-8")
    engine = connect(str(root / "web.db"))
    summary = ingest([str(CORPUS), str(extra)], engine)
    assert summary.failed == 0, summary.errors
    articles = {a["doc_id"]: a for a in data.list_articles(engine, 1000, 0).items}
    original, copy = articles["xss-article"], articles["xss-copy"]
    assert original["transfers"] >= 1, "the hostile article must have a transfer record"
    assert copy["duplicate_of"] == original["id"], "the copy must be stored as a near-duplicate"
    entries = data.list_entries(engine, 1000, 0).items
    hostile = [e for e in data.list_entries(engine, 1000, 0, supplier="IRN", recipient="RUS").items
               if any(m["article_id"] == original["id"] for m in data.get_entry(engine, e["id"])["evidence"])]
    assert hostile, "the hostile article must give a ledger entry"
    return Store(engine, original["id"], copy["id"], hostile[0]["id"], entries)


@pytest.fixture(scope="session")
def app(store):
    return create_app(store.engine, token=TOKEN)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def server(app):
    """The app served by uvicorn on a free port of 127.0.0.1, in a background thread; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the test server did not start on {base}")
        time.sleep(0.05)
    import httpx

    assert httpx.get(base + "/api/entries?limit=1", timeout=10).status_code == 200
    yield base
    uv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session: Debian's /usr/bin/chromium, never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium); "
                    "playwright must not download one", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a test dependency
        pytest.fail(f"the browser tests need the playwright package: {exc}", pytrace=False)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page with what it reported: console errors, uncaught exceptions, dialogs (alert, confirm, prompt)."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str):
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def screenshot(self, name: str, *, full_page: bool = False) -> Path:
        OUTPUT.mkdir(exist_ok=True)
        path = OUTPUT / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a script ran and opened dialogs: {self.dialogs}"
        assert self.errors == [], f"the browser console reported errors: {self.errors}"


@pytest.fixture
def tab(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    t = Tab(page, server)
    page.on("console", lambda m: t.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: t.errors.append(f"uncaught: {exc}"))

    def on_dialog(dialog):
        t.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield t
    context.close()
