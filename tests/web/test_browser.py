"""The dashboard in a real browser (Debian's Chromium through Playwright): the network, its filters, the links from a
flow to its evidence, and a hostile article that must run no script. Screenshots go to test-output/."""
from __future__ import annotations

import re

from lading.api import data

from .conftest import TOKEN


def flows(tab) -> list[dict]:
    return tab.page.eval_on_selector_all(".flow", """els => els.map(e => ({
        id: e.getAttribute("data-entry-id"), supplier: e.getAttribute("data-supplier"),
        recipient: e.getAttribute("data-recipient"), category: e.getAttribute("data-category"),
        title: e.querySelector("title").textContent }))""")


def open_dashboard(tab, query: str = ""):
    tab.goto("/" + query)
    tab.page.locator("#network svg .flow, #network svg .empty-note").first.wait_for()


def test_network_draws_the_korea_russia_flows(tab, store):
    open_dashboard(tab)
    shown = flows(tab)
    assert sorted(f["id"] for f in shown) == sorted(e["id"] for e in store.entries), "one arrow per entry"
    page = tab.page
    for supplier, recipient in (("PRK", "RUS"), ("RUS", "PRK")):
        ids = [e["id"] for e in store.entries if e["supplier"]["country"] == supplier and e["recipient"]["country"] == recipient]
        assert ids, f"{supplier} → {recipient} is in the corpus"
        for entry_id in ids:
            flow = page.locator(f'.flow[data-entry-id="{entry_id}"]')
            assert flow.is_visible(), entry_id
            assert page.locator(f'.flow-handle[data-entry-id="{entry_id}"]').is_visible()
    for code, name in (("RUS", "Russia"), ("PRK", "North Korea")):
        node = page.locator(f'.node[data-country="{code}"]')
        assert node.is_visible() and node.locator("text").text_content() == name
    prk = next(f for f in shown if f["supplier"] == "PRK" and f["recipient"] == "RUS")
    assert prk["title"].startswith("North Korea → Russia")
    # flagged flows are marked, the legend names the categories shown, the table lists the same entries
    flagged = {e["id"] for e in store.entries if e["sanctions"]}
    marked = set(page.eval_on_selector_all(".flow.flagged", "els => els.map(e => e.getAttribute('data-entry-id'))"))
    assert marked == flagged and page.locator(".flow.flagged .halo").count() == len(flagged)
    legend = set(page.eval_on_selector_all("#legend [data-category]", "els => els.map(e => e.getAttribute('data-category'))"))
    assert legend == {e["category"] for e in store.entries}
    assert page.locator("#entries-body tr[data-entry-id]").count() == len(store.entries)
    summary = page.locator("#summary").text_content()
    assert summary.startswith(f"{len(store.entries)} entries") and f"{len(flagged)} flagged" in summary
    tab.screenshot("dashboard.png")
    tab.screenshot("dashboard-full.png", full_page=True)
    tab.assert_clean()


def test_network_layout_is_the_same_every_time(tab):
    open_dashboard(tab)
    first = tab.page.eval_on_selector_all(".node", "els => els.map(e => e.getAttribute('transform'))")
    open_dashboard(tab)
    assert tab.page.eval_on_selector_all(".node", "els => els.map(e => e.getAttribute('transform'))") == first
    tab.assert_clean()


def test_a_filter_refetches_and_redraws(tab, store):
    open_dashboard(tab)
    page = tab.page
    everything = len(flows(tab))
    with page.expect_response(lambda r: "/api/entries" in r.url and "category=fuel" in r.url):
        page.select_option("select[name=category]", "fuel")
    page.wait_for_function("n => document.querySelectorAll('.flow').length < n", arg=everything)
    shown = flows(tab)
    fuel = sorted(e["id"] for e in store.entries if e["category"] == "fuel")
    assert sorted(f["id"] for f in shown) == fuel and 0 < len(fuel) < everything
    assert {f["category"] for f in shown} == {"fuel"}
    rows = page.eval_on_selector_all("#entries-body tr[data-entry-id]", "els => els.map(e => e.getAttribute('data-entry-id'))")
    assert sorted(rows) == fuel
    assert "category=fuel" in page.url, "the address keeps the filters"
    # flagged only, on top of the category
    with page.expect_response(lambda r: "/api/entries" in r.url and "flagged=true" in r.url):
        page.check("input[name=flagged]")
    page.wait_for_function("() => !document.querySelector('#network').hasAttribute('aria-busy')")
    assert sorted(f["id"] for f in flows(tab)) == sorted(e["id"] for e in store.entries
                                                          if e["category"] == "fuel" and e["sanctions"])
    # a period nothing falls in
    page.select_option("select[name=category]", "")
    page.uncheck("input[name=flagged]")
    with page.expect_response(lambda r: "/api/entries" in r.url and "until=1990-01-01" in r.url):
        page.fill("input[name=until]", "1990-01-01")
        page.locator("input[name=until]").dispatch_event("change")
    page.locator("#network .empty-note").wait_for()
    assert page.locator(".flow").count() == 0
    assert page.locator("#entries-body tr.empty").text_content() == "No entries match these filters."
    tab.assert_clean()


def test_a_rejected_filter_is_reported(tab):
    open_dashboard(tab)
    page = tab.page
    page.fill("input[name=since]", "2024-01-01")
    page.fill("input[name=until]", "2020-01-01")
    with page.expect_response(lambda r: "/api/entries" in r.url and r.status == 422):
        page.locator("input[name=until]").dispatch_event("change")
    page.wait_for_function("() => document.querySelector('#summary').textContent.includes('not accepted')")
    assert "since is after until" in page.locator("#summary").text_content()
    tab.errors = [e for e in tab.errors if "422" not in e]  # the browser logs the refused request itself
    tab.assert_clean()


def test_width_toggle_draws_by_quantity(tab, store):
    open_dashboard(tab)
    page = tab.page
    before = page.eval_on_selector_all(".flow .line", "els => els.map(e => e.getAttribute('stroke-width'))")
    page.check("input[name=width][value=quantity]")
    page.wait_for_function("() => [...document.querySelectorAll('.legend-title')].some(e => e.textContent.includes('quantity'))")
    after = page.eval_on_selector_all(".flow .line", "els => els.map(e => e.getAttribute('stroke-width'))")
    assert len(after) == len(before) and after != before
    without = {e["id"] for e in store.entries if not e["quantity"]}
    dotted = set(page.eval_on_selector_all(".flow.no-quantity", "els => els.map(e => e.getAttribute('data-entry-id'))"))
    assert dotted == without
    assert "width=quantity" in page.url
    tab.assert_clean()


def test_clicking_a_flow_opens_its_entry_with_the_evidence_highlighted(tab, store):
    entry = next(e for e in store.entries if e["supplier"]["country"] == "PRK" and e["recipient"]["country"] == "RUS")
    full = data.get_entry(store.engine, entry["id"])
    sentence = full["evidence"][0]["records"][0]["evidence"][0]["text"]
    open_dashboard(tab)
    page = tab.page
    with page.expect_navigation():
        page.locator(f'.flow-handle[data-entry-id="{entry["id"]}"]').click()
    assert page.url.endswith(f"/entries/{entry['id']}")
    page.wait_for_load_state("networkidle")
    assert "North Korea → Russia" in page.locator("h1").inner_text()
    mark = page.locator("blockquote.evidence mark").filter(has_text=sentence[:60]).first
    assert mark.is_visible()
    assert re.sub(r"\s+", " ", mark.inner_text()) == re.sub(r"\s+", " ", sentence)
    assert page.locator("mark .trigger").first.is_visible()
    tab.screenshot("entry.png", full_page=True)
    # from the evidence to the same words in the whole article
    with page.expect_navigation():
        page.locator("blockquote.evidence + p.more a").first.click()
    assert re.search(r"/articles/\d+#ev-\d+$", page.url)
    target = page.locator("mark:target")
    assert target.is_visible() and sentence[:40] in re.sub(r"\s+", " ", target.inner_text())
    tab.assert_clean()


def test_clicking_the_line_itself_opens_the_entry(tab, store):
    single = [e for e in store.entries
              if sum(1 for o in store.entries if {o["supplier"]["country"], o["recipient"]["country"]}
                     == {e["supplier"]["country"], e["recipient"]["country"]}) == 1]
    assert single, "an entry alone between its two countries"
    entry_id = single[0]["id"]
    open_dashboard(tab)
    page = tab.page
    # a point on the drawn line (not its dot) where nothing else lies on top
    point = page.eval_on_selector(f'.flow[data-entry-id="{entry_id}"] .line', """line => {
        const m = line.getScreenCTM(), flow = line.closest(".flow");
        for (const f of [0.3, 0.7, 0.4, 0.6, 0.2, 0.8]) {
            const p = line.getPointAtLength(line.getTotalLength() * f);
            const x = p.x * m.a + p.y * m.c + m.e, y = p.x * m.b + p.y * m.d + m.f;
            const hit = document.elementFromPoint(x, y);
            if (hit && hit.closest(".flow") === flow && !hit.classList.contains("flow-handle")) { return {x, y}; }
        }
        return null;
    }""")
    assert point, "the line can be clicked somewhere"
    with page.expect_navigation():
        page.mouse.click(point["x"], point["y"])
    assert page.url.endswith(f"/entries/{entry_id}")
    tab.assert_clean()


def test_two_countries_lead_to_their_timeline(tab, store):
    open_dashboard(tab)
    page = tab.page
    page.locator('.node[data-country="RUS"] circle').click()
    assert "Russia" in page.locator("#selection").inner_text()
    page.locator('.node[data-country="PRK"] circle').click()
    link = page.locator("#selection a.timeline-link")
    assert link.inner_text().startswith("Timeline Russia ⇄ North Korea")
    highlighted = set(page.eval_on_selector_all(".flow.hot", "els => els.map(e => e.getAttribute('data-entry-id'))"))
    pair = {e["id"] for e in store.entries if {e["supplier"]["country"], e["recipient"]["country"]} == {"RUS", "PRK"}}
    assert highlighted == pair
    with page.expect_navigation():
        link.click()
    assert "/timeline?a=RUS&b=PRK" in page.url
    assert page.locator("#timeline li[data-entry-id]").count() == len(pair)
    assert page.locator("ol.events li.event").count() >= 1  # the seed's visit and congratulation
    tab.assert_clean()


def test_article_page_highlights_records(tab, store):
    entry = next(e for e in store.entries if e["supplier"]["country"] == "PRK" and e["recipient"]["country"] == "RUS")
    article_id = data.get_entry(store.engine, entry["id"])["evidence"][0]["article_id"]
    article = data.get_article(store.engine, article_id)
    tab.goto(f"/articles/{article_id}")
    page = tab.page
    ids = set()
    for value in page.eval_on_selector_all("#article-text mark", "els => els.map(e => e.getAttribute('data-record-id'))"):
        ids.update(int(i) for i in value.split())
    assert ids == {r["id"] for r in article["transfers"]}
    assert page.locator("#article-text mark").first.is_visible()
    assert page.locator(".records li").count() == len(article["transfers"])
    tab.screenshot("article.png", full_page=True)
    tab.assert_clean()


def test_hostile_article_runs_no_script(tab, store):
    page = tab.page
    for path in (f"/articles/{store.xss_article}", f"/entries/{store.xss_entry}", "/search?q=alert",
                 "/timeline?a=IRN&b=RUS", "/"):
        tab.goto(path)
        page.wait_for_timeout(200)  # give any injected script its chance
        assert page.evaluate("() => document.querySelectorAll('script:not([src]), img, [onerror]').length") == 0, path
    tab.goto(f"/articles/{store.xss_article}")
    text = page.locator("#article-text")
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)>" in text.inner_text()
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert page.locator("#article-text mark").count() >= 1
    tab.screenshot("article-hostile.png", full_page=True)
    tab.assert_clean()


def test_ingest_form_posts_with_the_token(tab, store):
    tab.goto("/ingest")
    page = tab.page
    page.fill("textarea[name=text]", "The harbour was quiet on Sunday and the ferries ran on time.")
    page.fill("input[name=title]", "A quiet harbour <b>day</b>")
    page.fill("input[name=date]", "2024-06-01")
    page.fill("input[name=token]", "wrong")
    with page.expect_response(lambda r: r.url.endswith("/api/ingest") and r.status == 401):
        page.click("button[type=submit]")
    page.wait_for_function("() => document.querySelector('#ingest-result').classList.contains('failed')")
    assert "token was not accepted" in page.locator("#ingest-result").inner_text()
    page.fill("input[name=token]", TOKEN)
    with page.expect_response(lambda r: r.url.endswith("/api/ingest") and r.status == 200, timeout=60_000):
        page.click("button[type=submit]")
    page.wait_for_function("() => document.querySelector('#ingest-result').textContent.includes('1 new')")
    link = page.locator("#ingest-result a")
    with page.expect_navigation():
        link.click()
    assert "A quiet harbour <b>day</b>" in page.locator("#article-text").inner_text()
    tab.errors = [e for e in tab.errors if "401" not in e]  # the refused request, logged by the browser
    tab.assert_clean()
