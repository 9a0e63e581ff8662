"""JSON Lines: a story per line; a bad line costs only itself and is named by its number."""
import json
from datetime import date
from pathlib import Path

import pytest

from .conftest import DATA, read_all


def test_good_lines_become_articles_and_bad_lines_errors_naming_the_line():
    articles, problems = read_all(DATA / "voa-sample.jsonl")
    first, last = articles
    assert first.doc_id == "7677701" and first.date == date(2024, 6, 28) and first.section == "East Asia"
    assert first.title == "US, allies warn of North Korea-Russia military cooperation" and first.author == "Margaret Besheer"
    assert first.url == "https://www.voanews.com/a/us-allies-warn-of-north-korea-russia-military-cooperation/7677701.html"
    assert first.text.startswith("The United States and its allies warned Friday") and first.format == "jsonl"
    assert last.doc_id == "voa-sample-5" and last.date == date(2019, 11, 25)  # no id: file stem and line number
    source = DATA / "voa-sample.jsonl"
    assert [(p.path, p.fatal) for p in problems] == [(f"{source}:2", True), (f"{source}:3", True)]  # line 4 is blank
    assert "not JSON (Unterminated string starting at column" in problems[0].reason
    assert problems[1].reason == 'no "text"'


@pytest.mark.parametrize(
    "line, reason",
    [
        ('["text"]', "not a JSON object but an array"),
        ('{"text": 42}', '"text" is a number, not a string'),
        ('{"text": "   "}', "no article text found"),
        ('{"text": "bad \\ud800 surrogate"}', "unpaired surrogate"),
        ('{"text": "ok", "id": "\\udc00"}', "the id holds an unpaired surrogate"),
        ("[" * 100_000, "not JSON"),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "not JSON"),
        (b"\xff\xfe{}", "not JSON"),
    ],
)
def test_each_kind_of_bad_line(tmp_path: Path, line: str | bytes, reason: str):
    f = tmp_path / "bad.jsonl"
    f.write_bytes((line.encode() if isinstance(line, str) else line) + b"\n" + b'{"text": "Iran shipped drones to Russia."}\n')
    [article], [error] = read_all(f)
    assert error.path == f"{f}:1" and reason in error.reason
    assert article.doc_id == "bad-2"  # the next line is still read


def test_an_unreadable_date_keeps_the_article_with_a_warning(tmp_path: Path):
    f = tmp_path / "d.jsonl"
    f.write_text(json.dumps({"id": 7, "text": "Iran shipped drones.", "published": "last Tuesday"}) + "\n"
                 + json.dumps({"text": "Russia got shells.", "date": "2024-03-18T10:00:00+03:00"}))
    articles, [warning] = read_all(f)
    assert [a.date for a in articles] == [None, date(2024, 3, 18)] and articles[0].doc_id == "7"
    assert not warning.fatal and warning.path == f"{f}:1" and "last Tuesday" in warning.reason


def test_a_50_mb_line_is_refused_and_the_next_line_read(tmp_path: Path):
    f = tmp_path / "dump.jsonl"
    with f.open("wb") as out:
        out.write(b'{"text": "' + b"a" * (50 * 1024 * 1024) + b'"}\n')
        out.write(b'{"text": "Iran shipped drones to Russia."}\n')
    [article], [error] = read_all(f)  # read in bounded pieces: the 50 MB are never held
    assert error.path == f"{f}:1" and "longer than 10 MB" in error.reason and article.doc_id == "dump-2"


def test_the_date_override_wins(tmp_path: Path):
    f = tmp_path / "o.jsonl"
    f.write_text('{"text": "Iran shipped drones.", "date": "2020-01-01"}\n')
    [article], _ = read_all(f, date_override=date(2024, 3, 18))
    assert article.date == date(2024, 3, 18)


def test_a_link_field_is_the_url(tmp_path: Path):
    f = tmp_path / "l.jsonl"
    f.write_text('{"text": "Iran shipped drones.", "link": "https://www.state.gov/a/"}\n'
                 '{"text": "Iran shipped drones.", "url": "https://a.example/", "link": "https://b.example/"}\n')
    [first, second], _ = read_all(f)
    assert first.url == "https://www.state.gov/a/" and second.url == "https://a.example/"
