"""read_source over files and folders: the right reader for each file, and bad input never stops the run."""
import gzip
import os
import random
from datetime import date
from pathlib import Path

import pytest

from lading.ingest import kind_of, read_source
from lading.model import Article

from .conftest import DATA, VOA_PAGE, fatal, read_all, warc_bytes

GOOD = "date 2023-11-02 World\n\nIran ships drones\n\nIran has shipped attack drones to Russia, U.S. officials said.\n"


def test_the_sample_folder_reads_every_kind(tmp_path: Path):
    articles, problems = read_all(DATA)
    assert {a.format for a in articles} == {"text", "html", "feed", "jsonl"}
    assert len(articles) == 15 and len(fatal(problems)) == 2  # the two bad JSONL lines
    assert [a.path for a in articles] == sorted(a.path for a in articles)  # files in sorted order


def test_a_folder_of_bad_input_gives_one_error_each_and_the_good_article(tmp_path: Path):
    rng = random.Random(7)
    (tmp_path / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(2000))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nav-only.html").write_text("<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>")
    data = warc_bytes([("response", "https://example.org/a", "text/html", VOA_PAGE)])
    (tmp_path / "crawl.warc.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "lines.jsonl").write_text("this is not JSON\n")
    with (tmp_path / "huge.txt").open("wb") as f:  # one 50 MB line
        f.write(b"x" * (50 * 1024 * 1024))
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # unknown kind: skipped in a folder
    (tmp_path / ".hidden.txt").write_text(GOOD)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(GOOD)
    articles, problems = read_all(tmp_path)
    assert [a.doc_id for a in articles] == ["a-good"]
    expected = {
        "binary.txt": "binary file, not text",
        "empty.txt": "empty file",
        "nav-only.html": "no article text found",
        "crawl.warc.gz#record 1": "truncated or corrupt",
        "lines.jsonl:1": "not JSON",
        "huge.txt": "too large for a text article (50.0 MB",
    }
    assert {Path(p.path).name: p.reason for p in problems}.keys() == expected.keys()
    for problem in problems:
        assert problem.path.startswith(str(tmp_path)) and expected[Path(problem.path).name] in problem.reason


def test_a_file_of_unknown_kind_given_explicitly_is_named(tmp_path: Path):
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    _, [error] = read_all(photo)
    assert error.path == str(photo) and error.reason == "binary file, not text"


def test_missing_paths_and_pipes(tmp_path: Path):
    _, [error] = read_all(tmp_path / "nope.txt")
    assert "no such file or folder" in str(error) and "nope.txt" in str(error)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, [error] = read_all(fifo)  # opening a FIFO would block until a writer came: it is not opened
    assert "not a regular file" in error.reason
    assert read_all(tmp_path) == ([], [])  # and skipped in a folder


def test_symlinked_folder_loops_are_not_followed(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "loop").symlink_to(tmp_path)
    articles, _ = read_all(tmp_path)
    assert len(articles) == 1


@pytest.mark.parametrize(
    "name, head, kind",
    [
        ("story.txt", b"<html>", "text"),  # the extension decides when it is known
        ("page.HTM", b"", "html"),
        ("crawl.warc.gz", b"", "warc"),
        ("feed", b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- c -->\n<rss version='2.0'>", "feed"),
        ("feed", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("feed", b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", "feed"),
        ("page", b"\n  <!DOCTYPE html>\n<html>", "html"),
        ("page", b"\xff\xfe" + "<html><body>".encode("utf-16-le"), "html"),
        ("dump", b"WARC/1.1\r\n", "warc"),
        ("dump.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), "warc"),
        ("lines", b'{"text": "x"}\n', "jsonl"),
        ("notes", b"Iran shipped drones.", "text"),
        ("data.gz", gzip.compress(b"not an archive"), "text"),
    ],
)
def test_kind_by_extension_then_content(name: str, head: bytes, kind: str):
    assert kind_of(name, head) == kind


def test_date_override_applies_to_every_format():
    override = date(2024, 3, 18)
    assert {a.date for a in read_source(str(DATA), date_override=override) if isinstance(a, Article)} == {override}


def test_a_folder_that_cannot_be_listed_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, [error] = read_all(tmp_path)
    assert len(articles) == 1 and error.path == str(tmp_path / "locked") and "Permission denied" in error.reason


@pytest.mark.parametrize("name", ["bad\x00name.txt", "x" * 5000])
def test_impossible_names_are_errors_not_crashes(name: str):
    _, [error] = read_all(name)
    assert error.path == name
