"""Saved pages: the story without the page around it, and the page's own metadata."""
from datetime import date
from pathlib import Path

from lading.ingest.html import fragment_text

from .conftest import DATA, VOA_URL, fatal, read_all


def test_voa_page_gives_the_story_without_navigation_footer_or_scripts():
    [article], problems = read_all(DATA / "voa-europe-rearming.html")
    assert problems == []
    assert article.text.startswith("European military and political heads are holding high-level talks")
    assert "The U.S. has been a top supplier." in article.text
    assert article.text.endswith("along with NATO and Ukrainian defense chiefs.")
    for chrome in ("Immigration", "Share on Facebook", "Terms of Use", "Related", "analyticsData", "pageLoaded"):
        assert chrome not in article.text
    assert article.title == "Europe holds high-level talks on rearming continent, boosting Ukraine aid"
    assert article.date == date(2025, 3, 11)
    assert article.url == VOA_URL and article.author == "Lisa Bryant"
    assert article.format == "html" and article.doc_id == "voa-europe-rearming" and article.body_start == 0


def test_paragraphs_are_separated_by_a_blank_line_and_nothing_is_prepended():
    [article], _ = read_all(DATA / "voa-europe-rearming.html")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 13 and all(p.strip() == p and "\n" not in p for p in paragraphs)
    assert paragraphs[9] == ("Former French Ambassador Michel Duclos said, "
                             "“They want to continue to sell weapons to European counties.”")


def test_state_department_content_html_keeps_headings_and_list_items_as_paragraphs():
    [article], problems = read_all(DATA / "state-dept-venezuela.html")
    assert problems == []
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("President Biden announced at the Ninth Summit of the Americas nearly $314 million")
    assert "$171 Million in USAID Humanitarian Assistance" in paragraphs  # a bold heading line
    assert any(p.startswith("This new funding through USAID will provide humanitarian relief") for p in paragraphs)
    assert "data-filter" not in article.text


def test_a_page_with_no_story_is_an_error(tmp_path: Path):
    page = tmp_path / "nav-only.html"
    page.write_text("<!doctype html><html><head><title>Home</title><script>var x = 1;</script></head>"
                    "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><footer>© VOA</footer></body></html>")
    articles, [error] = read_all(page)
    assert articles == [] and str(page) in str(error) and "no article text found" in error.reason


def test_meta_charset_is_honoured_for_legacy_pages(tmp_path: Path):
    page = tmp_path / "legacy.htm"
    page.write_bytes(VOA_LIKE.replace("Москва", "Moskva").encode("ascii").replace(b"Moskva", "Москва".encode("koi8-r")))
    [article], problems = read_all(page)
    assert problems == [] and "Москва" in article.text


def test_a_50_mb_page_is_refused_before_extraction(tmp_path: Path):
    page = tmp_path / "huge.html"
    with page.open("wb") as f:
        f.write(b"<!doctype html><html><body>")
        f.write(b"<div>" * (50 * 1024 * 1024 // 5))
    _, [error] = read_all(page)
    assert "too large for HTML extraction (50.0 MB" in error.reason and str(page) in str(error)


def test_fragment_text_breaks_blocks_and_keeps_lists():
    text = fragment_text("<p>One <b>bold</b>\n claim.</p><ul><li>first</li><li>second</li></ul>tail<br>next<script>x()</script>")
    assert text == "One bold claim.\n\nfirst\n\nsecond\n\ntail\nnext"
    assert fragment_text("") == "" and fragment_text("<!-- only a comment -->") == ""


def test_deeply_nested_markup_does_not_exhaust_the_stack(tmp_path: Path):
    page = tmp_path / "deep.html"
    page.write_text("<!doctype html><html><body>" + "<div>" * 100_000 + "<p>Deep text.</p>" + "</div>" * 100_000)
    articles, problems = read_all(page)
    assert len(articles) + len(fatal(problems)) == 1


VOA_LIKE = """<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">
<title>Talks in Moskva</title></head><body><article><h1>Talks in Moskva</h1>
<p>Officials met in Moskva on Tuesday to discuss deliveries of air-defense systems and the ammunition that goes with them.</p>
<p>The talks, the third this year, ended without a statement, diplomats said, and a fourth round is planned for May.</p>
<p>Both delegations declined to say whether the shipments already agreed had been made, or when they would be.</p>
</article></body></html>"""
