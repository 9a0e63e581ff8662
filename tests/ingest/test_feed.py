"""RSS and Atom: one article per entry, full content when the feed has it, else the summary."""
from datetime import date
from pathlib import Path

from .conftest import DATA, fatal, read_all


def test_rss_entries_become_articles_with_content_or_summary():
    articles, problems = read_all(DATA / "state-dept-press.rss")
    assert problems == [] and len(articles) == 3
    ukraine, vaccines, lebanon = articles
    # content:encoded (HTML) wins over the one-line description
    assert ukraine.text.split("\n\n")[1].startswith("The people of Ukraine are inspiring the world")
    assert "a fourth Presidential Drawdown of up to $200 million for additional military assistance" in ukraine.text
    assert ukraine.title == "$200 Million in New Security Assistance for Ukraine"
    assert ukraine.url == "https://www.state.gov/200-million-in-new-security-assistance-for-ukraine/"
    assert ukraine.doc_id == "state-gov-200-million-in-new-security-assistance-for-ukraine"
    assert ukraine.date == date(2022, 3, 12) and ukraine.author == "Antony J. Blinken, Secretary of State"
    assert ukraine.format == "feed" and ukraine.path == str(DATA / "state-dept-press.rss")
    # an escaped-HTML description becomes paragraphs of plain text
    assert vaccines.text.startswith("The United States is donating 5.5 million Pfizer vaccine doses")
    assert "\n\nAs part of this donation" in vaccines.text and "<p>" not in vaccines.text
    assert lebanon.text.endswith("Foreign Military Financing (FMF) assistance to Lebanon for fiscal year 2021.")
    assert lebanon.date == date(2021, 5, 21)


def test_atom_entries_with_html_content_and_text_summaries():
    articles, problems = read_all(DATA / "voa-latest.atom")
    assert problems == [] and len(articles) == 3
    europe, korea, turkey = articles
    assert europe.text.split("\n\n")[2] == ("Former French Ambassador Michel Duclos said, "
                                             "“They want to continue to sell weapons to European counties.”")
    assert europe.date == date(2025, 3, 11) and europe.author == "Lisa Bryant"
    assert europe.doc_id == "voanews-com-a-europe-holds-high-level-talks-on-rearming-continent-boosting-ukraine-aid-8007271"
    assert korea.text.startswith("The United States and its allies warned Friday that expanding military cooperation")
    assert turkey.date == date(2019, 11, 25)  # no <published>: <updated> stands in


def test_a_broken_feed_with_entries_still_gives_them_after_a_warning(tmp_path: Path):
    feed = tmp_path / "broken.rss"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
                    "<item><title>One</title><description>Russia received shells from North Korea.</description></item>"
                    "<item><title>Two & more</title><description>Iran shipped drones to Russia.</description></item>"
                    "</channel>")  # a bare "&" and no </rss>
    articles, problems = read_all(feed)
    assert [a.text for a in articles] == ["Russia received shells from North Korea.", "Iran shipped drones to Russia."]
    assert [a.doc_id for a in articles] == ["broken-1", "broken-2"]  # no link, no guid: file stem and position
    assert len(problems) == 1 and not problems[0].fatal and "not well-formed" in problems[0].reason


def test_xml_that_is_no_feed_is_one_error(tmp_path: Path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text("<?xml version='1.0'?><urlset><url><loc>https://example.org/</loc></url></urlset>")
    articles, [error] = read_all(sitemap)
    assert articles == [] and error.path == str(sitemap) and "no entries" in error.reason
    garbage = tmp_path / "garbage.rss"
    garbage.write_bytes(b"<rss><channel><item><title>x</tit")
    articles, problems = read_all(garbage)
    assert articles == [] and len(fatal(problems)) == 1


def test_an_entry_without_text_is_an_error_naming_the_entry(tmp_path: Path):
    feed = tmp_path / "f.rss"
    feed.write_text("<rss version='2.0'><channel><title>T</title><item><title>Only a title</title></item>"
                    "<item><title>Ok</title><description>Iran shipped drones to Russia.</description></item></channel></rss>")
    [article], [error] = read_all(feed)
    assert error.path == f"{feed}#entry 1" and "no article text" in error.reason
    assert article.title == "Ok"


def test_an_undecodable_encoding_declaration_is_an_error_not_a_crash(tmp_path: Path):
    feed = tmp_path / "f.atom"  # found by benchmarks/fuzz_readers.py: feedparser raised UnicodeDecodeError
    feed.write_bytes(b'<?xml version="1.0" encoding="u\xe5f-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    _, [error] = read_all(feed)
    assert error.path == str(feed) and "not a feed" in error.reason


def test_a_plain_text_summary_is_taken_as_written(tmp_path: Path):
    feed = tmp_path / "f.atom"
    feed.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>x</title>'
                    '<summary type="text">Exports rose &lt;5% as AT&amp;T shipped &lt;b&gt;kits&lt;/b&gt; to Kenya.</summary>'
                    "<content type='html'>   </content></entry></feed>")
    [article], _ = read_all(feed)
    assert article.text == "Exports rose <5% as AT&T shipped <b>kits</b> to Kenya."
