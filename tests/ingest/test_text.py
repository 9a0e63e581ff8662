from datetime import date
from pathlib import Path

import pytest

from lading.ingest.text import (
    ReadError,
    article_from_text,
    read_text_file,
)


def test_header_gives_date_and_section_and_offsets_stay_the_files():
    text = " date 2024-03-18 Home page politics\n\nRussia received shells from North Korea.\n"
    a = article_from_text(text, "x")
    assert a.date == date(2024, 3, 18)
    assert a.section == "Home page politics"
    assert a.text == text  # offsets refer to the file's own text, header included
    assert text[a.body_start:].lstrip().startswith("Russia received")
    assert a.title == "Russia received shells from North Korea."


def test_date_override_wins_and_no_header_means_unknown_date():
    a = article_from_text("date 2024-03-18 World\n\nText.", "x", date_override=date(2020, 1, 2))
    assert a.date == date(2020, 1, 2)
    b = article_from_text("Iran shipped drones to Russia.", "y")
    assert b.date is None and b.body_start == 0 and b.section is None


def test_header_without_section():
    a = article_from_text("date 2021-05-06\nBody.", "x")
    assert a.date == date(2021, 5, 6) and a.section is None


def test_invalid_header_date_is_a_clear_error():
    with pytest.raises(ReadError, match="invalid date"):
        article_from_text("date 2024-13-45 World\n\nBody.", "x", path="bad.txt")


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "empty"), (b"  \n ", "empty"), (b"\x00\x01\x02binary", "binary"), (b"\xff\xfe\x00b\x00a", "byte-swapped")],
)
def test_unreadable_files_name_the_file_and_reason(tmp_path: Path, content: bytes, reason: str):
    f = tmp_path / "story.txt"
    f.write_bytes(content)
    with pytest.raises(ReadError) as exc:
        read_text_file(f)
    assert str(f) in str(exc.value) and reason in str(exc.value)


def test_latin1_text_is_read_not_refused(tmp_path: Path):
    f = tmp_path / "story.txt"
    f.write_bytes(b"caf\xe9 au lait")
    assert read_text_file(f).text == "caf\u00e9 au lait"


def test_doc_id_is_the_file_name_without_extension(tmp_path: Path):
    f = tmp_path / "voa-123.txt"
    f.write_text("date 2025-03-10 Africa\n\nHeadline\n\nBody.", encoding="utf-8")
    assert read_text_file(f).doc_id == "voa-123"
