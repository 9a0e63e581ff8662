"""Text as it arrives: legacy Windows files, byte-order marks, pasted mixtures, and what is not text at all."""
import pytest

from lading.ingest import ReadWarning
from lading.ingest.common import ReadError
from lading.ingest.decode import decode

from .conftest import DATA, read_all


def test_latin1_file_decodes_with_a_warning():
    [article], [warning] = read_all(DATA / "latin1.txt")
    assert "Curaçao, Aruba and Perú, said Ana María Gómez." in article.text
    assert isinstance(warning, ReadWarning) and not warning.fatal
    assert "latin1.txt" in str(warning) and "not UTF-8: 2 of 5 lines decoded as Windows-1252" in str(warning)


def test_windows_1252_curly_quotes_and_euro_sign():
    [article], _ = read_all(DATA / "cp1252-quotes.txt")
    assert "Hungary’s Viktor Orbán" in article.text
    assert "said, “They want to continue to sell weapons to European counties.”" in article.text
    assert "€800 billion" in article.text and article.date.isoformat() == "2025-03-11"


def test_utf16_le_with_bom_is_read_and_the_bom_dropped():
    [article], problems = read_all(DATA / "utf16le-bom.txt")
    assert problems == []
    assert article.text.startswith("date 2024-06-28 East Asia\r\n")  # the header still parses after the BOM
    assert article.section == "East Asia" and "“We are deeply concerned,” said Robert Wood" in article.text


def test_utf8_with_bom_is_read_and_the_bom_dropped():
    [article], problems = read_all(DATA / "utf8-bom.txt")
    assert problems == [] and article.text.startswith("date 2019-11-25") and article.title == "Ankara defies Washington"


def test_mixed_utf8_and_cp1252_lines_each_decode_correctly():
    [article], [warning] = read_all(DATA / "mixed-utf8-cp1252.txt")
    assert "boosting Europe’s defense." in article.text  # a UTF-8 line
    assert "“Europe therefore needs to fortify its security architecture,” he said." in article.text  # a cp1252 line
    assert "Orbán’s government" in article.text and "“We need a surge in European defense.”" in article.text
    assert "2 of 8 lines decoded as Windows-1252" in warning.reason


def test_offsets_index_the_decoded_text():
    [article], _ = read_all(DATA / "cp1252-quotes.txt")
    start = article.text.index("Orbán")
    assert article.text[start:start + 5] == "Orbán"


@pytest.mark.parametrize(
    "data, text",
    [
        (b"\xef\xbb\xbfplain", "plain"),
        (b"\xfe\xff" + "ünïcode".encode("utf-16-be"), "ünïcode"),
        (b"\xff\xfe\x00\x00" + "wide".encode("utf-32-le"), "wide"),
        (b"\x00\x00\xfe\xff" + "wide".encode("utf-32-be"), "wide"),
        (b"caf\xc3\xa9", "café"),
        (b"\x81 undefined in cp1252", "\x81 undefined in cp1252"),  # Latin-1 stands in for the five holes
    ],
)
def test_decode_cases(data: bytes, text: str):
    assert decode(data, "x")[0] == text


def test_a_declared_charset_is_used_only_when_the_bytes_are_not_utf8():
    assert decode("Москва".encode("koi8-r"), "x", "koi8-r") == ("Москва", None)
    assert decode("Orbán".encode(), "x", "iso-8859-1") == ("Orbán", None)  # mislabelled UTF-8
    assert decode(b"Orb\xe1n", "x", "iso-8859-1") == ("Orbán", None)  # said so: no guess, no warning
    assert decode(b"Orb\xe1n", "x", "no-such-charset")[1]  # unknown label: guessed, with a warning


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b"\xef\xbb\xbf  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 3, "binary"),  # no NUL, but control characters throughout
        (b"\xff\xfe" + "story".encode("utf-16-be"), "byte-swapped"),
        (b"\xff\xfe\x00\xd8a\x00", "not valid UTF-16"),  # a lone surrogate
    ],
)
def test_not_text(data: bytes, reason: str):
    with pytest.raises(ReadError, match=reason) as exc:
        decode(data, "story.txt")
    assert exc.value.path == "story.txt"
