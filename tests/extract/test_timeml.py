"""TimeML documents: read as raw text with their DCT, re-tagged from scratch by the time normalizer."""
from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lading.extract.timeml import TimeMLError, read_timeml, tag_folder, tag_timeml

DATA = Path(__file__).parent.parent / "data" / "timeml"
FRIGATE = DATA / "wire" / "frigate.tml"  # DCT 2024-01-03, gold TIMEX3, EVENT and SIGNAL tags, entities
LATE_DCT = DATA / "late_dct.tml"  # DCT 2030-06-01, years after the events it tells
NO_DCT = DATA / "no_dct.tml"  # no <DCT> at all


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def timexes(tagged: str) -> list[tuple[str, str, str | None, str]]:
    """(tid, type, value, text) of every TIMEX3 inside <TEXT> of a tagged document."""
    root = ET.fromstring(tagged)
    body = root.find("TEXT")
    assert body is not None
    return [(t.get("tid", ""), t.get("type", ""), t.get("value"), t.text or "") for t in body.iter("TIMEX3")]


# ----------------------------------------------------------------------- reading

def test_read_strips_every_tag_and_resolves_entities() -> None:
    document = read_timeml(text_of(FRIGATE))
    assert document.text == (
        "\nOSLO (Wire) _ The navy took delivery of the frigate last Thursday, the shipyard & the ministry said "
        "Wednesday.\n\nThe hull was laid down in March 2021; sea trials ran for three months last year, "
        "costs < budget, the ministry\u2019s \"final\" report says for the period.\n\nTwo escorts are due this year.\n")
    assert "<" not in document.text.replace("costs < budget", "")
    assert "&" not in document.text.replace("shipyard & the", "")


def test_read_takes_the_dct_and_the_docid() -> None:
    document = read_timeml(text_of(FRIGATE))
    assert document.docid == "LADING20240103.0001"
    assert document.dct == dt.date(2024, 1, 3)
    assert document.dct_value == "2024-01-03"
    assert document.dct_tid == "t0"
    assert read_timeml(text_of(NO_DCT)).dct is None


def test_read_gives_the_gold_timexes_as_offsets_into_the_raw_text() -> None:
    document = read_timeml(text_of(FRIGATE))
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("last Thursday", "DATE", "2023-12-28"), ("Wednesday", "DATE", "1999-01-01"), ("March 2021", "DATE", "2021-03"),
        ("three months", "DURATION", "P3M"), ("last year", "DATE", "2023"), ("the period", "DATE", "XXXX"),
        ("this year", "DATE", "2024")]
    assert all(document.text[t.start:t.end] == t.text for t in document.timexes)


def test_read_finds_nested_timexes_at_any_depth() -> None:
    deep = "<S>" * 3000 + "ships left in 2021" + "</S>" * 3000
    document = read_timeml(f'<TimeML><TEXT>{deep}; <EVENT eid="e1">sailed <TIMEX3 tid="t1" type="DATE" '
                           f'value="2022">in <X>2022</X></TIMEX3></EVENT>.</TEXT></TimeML>')
    assert document.text == "ships left in 2021; sailed in 2022."
    assert [(t.text, t.value) for t in document.timexes] == [("in 2022", "2022")]


def test_read_takes_the_date_of_a_dct_with_a_time_or_without_hyphens() -> None:
    for value in ("1998-08-07T06:18:00", "19980807"):
        document = read_timeml(f'<TimeML><DCT><TIMEX3 tid="t0" type="TIME" value="{value}" '
                               f'functionInDocument="CREATION_TIME"/></DCT><TEXT>Friday.</TEXT></TimeML>')
        assert document.dct == dt.date(1998, 8, 7)
    document = read_timeml('<TimeML><DCT><TIMEX3 tid="t0" value="PRESENT_REF" functionInDocument="CREATION_TIME"/>'
                           '</DCT><TEXT>now</TEXT></TimeML>')
    assert document.dct is None and document.dct_value == "PRESENT_REF"


@pytest.mark.parametrize("text, message", [
    ("<TimeML><TEXT>a & b</TEXT></TimeML>", "not well-formed XML"),
    ("<TimeML><TEXT>Friday</TimeML>", "not well-formed XML"),
    ("<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT> element"),
    ("", "not well-formed XML"),
])
def test_read_refuses_what_is_not_timeml(text: str, message: str) -> None:
    with pytest.raises(TimeMLError, match=message):
        read_timeml(text)


# ----------------------------------------------------------------------- tagging

def test_tagged_document_is_well_formed_and_keeps_the_raw_text() -> None:
    tagged = tag_timeml(text_of(FRIGATE))
    root = ET.fromstring(tagged)
    assert root.tag == "TimeML"
    assert [child.tag for child in root] == ["DOCID", "DCT", "TEXT"]
    assert read_timeml(tagged).text == read_timeml(text_of(FRIGATE)).text


def test_tagged_document_has_fresh_tids_types_and_values() -> None:
    assert timexes(tag_timeml(text_of(FRIGATE))) == [
        ("t1", "DATE", "2023-12-28", "last Thursday"), ("t2", "DATE", "2024-01-03", "Wednesday"),
        ("t3", "DATE", "2021-03", "March 2021"), ("t4", "DURATION", "P3M", "three months"),
        ("t5", "DATE", "2023", "last year"), ("t6", "DATE", "2024", "this year")]


def test_tagging_copies_no_input_annotation() -> None:
    tagged = tag_timeml(text_of(FRIGATE))
    for gone in ("EVENT", "SIGNAL", "MAKEINSTANCE", "TLINK", "TITLE", "EXTRAINFO", "1999-01-01", "the period</TIMEX3>",
                 "anchorTimeID"):
        assert gone not in tagged
    assert tagged.count("<TIMEX3") == len(timexes(tagged)) + 1  # the DCT's and the new ones, nothing else


def test_the_dct_element_is_kept_as_it_was() -> None:
    root = ET.fromstring(tag_timeml(text_of(FRIGATE)))
    dct = root.find("DCT/TIMEX3")
    assert dct is not None
    assert dct.attrib == {"tid": "t0", "type": "DATE", "value": "2024-01-03", "temporalFunction": "false",
                          "functionInDocument": "CREATION_TIME"}
    assert dct.text == "2024-01-03"


def test_tids_skip_the_dct_tid() -> None:
    tagged = tag_timeml('<TimeML><DCT><TIMEX3 tid="t1" type="DATE" value="2024-03-18" '
                        'functionInDocument="CREATION_TIME">March 18</TIMEX3></DCT>'
                        '<TEXT>Talks began in 2022 and ended last year.</TEXT></TimeML>')
    assert [(tid, value) for tid, _, value, _ in timexes(tagged)] == [("t2", "2022"), ("t3", "2023")]


def test_text_is_escaped_and_tagging_is_stable() -> None:
    tagged = tag_timeml('<TimeML><DCT><TIMEX3 tid="t0" value="2024-03-18" functionInDocument="CREATION_TIME"/>'
                        '</DCT><TEXT>R&amp;D &lt;rifles&gt; rose 5% in 2023 &amp; "more" since Monday.</TEXT></TimeML>')
    assert "R&amp;D &lt;rifles&gt;" in tagged
    assert read_timeml(tagged).text == 'R&D <rifles> rose 5% in 2023 & "more" since Monday.'
    assert tag_timeml(tagged) == tagged


def test_dct_later_than_the_events_told() -> None:
    assert timexes(tag_timeml(text_of(LATE_DCT))) == [
        ("t1", "DATE", "2023", "2023"), ("t2", "DATE", "2028", "two years ago"),
        ("t3", "DATE", "2030-05-31", "Friday"), ("t4", "DATE", "2029", "last year")]


def test_last_year_just_after_new_year() -> None:
    tagged = tag_timeml('<TimeML><DCT><TIMEX3 tid="t0" value="2024-01-02" functionInDocument="CREATION_TIME"/></DCT>'
                        '<TEXT>Imports doubled last year, peaked last December and may fall this year.</TEXT></TimeML>')
    assert [(text, value) for _, _, value, text in timexes(tagged)] == [
        ("last year", "2023"), ("last December", "2023-12"), ("this year", "2024")]


def test_without_dct_relative_values_are_underspecified_and_absolute_ones_kept() -> None:
    tagged = tag_timeml(text_of(NO_DCT))
    root = ET.fromstring(tagged)
    assert root.find("DCT") is None
    assert timexes(tagged) == [
        ("t1", "DATE", "XXXX-XX-XX", "yesterday"), ("t2", "DATE", "2021-03", "March 2021"),
        ("t3", "DATE", "XXXX-09", "last September"), ("t4", "DATE", "XXXX", "last year"),
        ("t5", "TIME", "XXXX-XX-XXT10:30", "10:30 a.m.")]


# ------------------------------------------------------------------------ folders

def test_tag_folder_writes_every_file_and_reports_the_bad_one(tmp_path: Path) -> None:
    source = tmp_path / "in"
    shutil.copytree(DATA, source)
    (source / "wire" / "broken.tml").write_text("<TimeML><TEXT>cut off", encoding="utf-8")
    (source / "notes.txt").write_text("not a TimeML file", encoding="utf-8")
    target = tmp_path / "out"
    errors = tag_folder(source, target)
    assert len(errors) == 1
    assert "broken.tml" in errors[0] and "not well-formed XML" in errors[0]
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*"))
    assert written == ["late_dct.tml", "no_dct.tml", "wire", "wire/frigate.tml"]
    for path in target.rglob("*.tml"):
        ET.fromstring(path.read_text(encoding="utf-8"))
    assert (target / "wire" / "frigate.tml").read_text(encoding="utf-8") == tag_timeml(text_of(FRIGATE))


def test_tag_folder_reads_the_declared_encoding(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "latin.tml").write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?><TimeML><TEXT>Caf\u00e9 opened in 1998.</TEXT></TimeML>'
        .encode("latin-1"))
    assert tag_folder(source, tmp_path / "out") == []
    assert timexes((tmp_path / "out" / "latin.tml").read_text(encoding="utf-8")) == [("t1", "DATE", "1998", "1998")]


def test_tag_folder_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        tag_folder(tmp_path / "missing", tmp_path / "out")


def test_the_timeml_command_tags_a_folder_and_names_bad_files(tmp_path):
    from typer.testing import CliRunner

    from lading.cli import app

    source = tmp_path / "in"
    source.mkdir()
    (source / "good.tml").write_text(
        '<?xml version="1.0"?><TimeML><DOCID>d</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-18" '
        'functionInDocument="CREATION_TIME">2024-03-18</TIMEX3></DCT><TEXT>Russia sent fuel last September.</TEXT></TimeML>',
        encoding="utf-8")
    (source / "bad.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    result = CliRunner().invoke(app, ["timeml", str(source), str(tmp_path / "out")])
    assert result.exit_code == 1 and "bad.tml" in result.stderr
    written = (tmp_path / "out" / "good.tml").read_text(encoding="utf-8")
    assert 'value="2023-09"' in written and ">last September</TIMEX3>" in written
