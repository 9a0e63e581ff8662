"""TimeML documents: read one as raw text with its creation date, and tag its time expressions afresh.

``read_timeml`` parses a TimeML (TempEval-3 / TimeBank style) XML document and returns the
characters of its ``<TEXT>`` element with every tag removed and every entity resolved, the date
of its creation time (the ``CREATION_TIME`` TIMEX3 in ``<DCT>``) and, for evaluation only, the
TIMEX3 annotations the file already carries, as offsets into that raw text.

``tag_timeml`` writes the same document tagged by ``find_times`` from scratch: a minimal
``<TimeML>`` with the document's ``<DOCID>``, its ``<DCT>`` element kept as it was, and ``<TEXT>``
holding the raw text with one ``<TIMEX3 tid type value>`` per expression found. Nothing else of
the input (EVENT, SIGNAL, old TIMEX3, TLINK, TITLE ...) is copied. Prediction never sees the
input's annotations: it runs on the raw text with the DCT only.

TimeML requires a value on every TIMEX3. ``find_times`` gives None when an expression needs the
DCT and there is none (or the value would leave the calendar); such an expression is written with
an underspecified value in which what depends on the DCT is X: "last September" -> "XXXX-09",
"yesterday" -> "XXXX-XX-XX", "Monday at 3 p.m." -> "XXXX-XX-XXT15:00", "last week" -> "XXXX-WXX".
"""
from __future__ import annotations

import copy
import datetime
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lading.extract.timex import find_times
from lading.model import TimeExpression

__all__ = ["TimeMLDocument", "TimeMLError", "read_timeml", "tag_folder", "tag_timeml"]

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_ROOT = ('<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">')
_DATE = re.compile(r"\s*([0-9]{4})-?([0-9]{2})-?([0-9]{2})(?![0-9])")
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# dates whose year, month, day, week and weekday all differ: what changes between them depends on the DCT
_PROBE_DCTS = (datetime.date(1357, 5, 10), datetime.date(2468, 8, 21), datetime.date(3579, 11, 30))
_VALUE_FIELDS = re.compile(r"([-T:])")


class TimeMLError(ValueError):
    """The input is not a TimeML document this module can read (not XML, or no <TEXT>)."""


@dataclass(frozen=True)
class TimeMLDocument:
    """A TimeML document read as raw text.

    ``text`` is the content of ``<TEXT>`` with all tags stripped and entities resolved (line ends
    normalized to "\\n", as any XML parser does). ``dct`` is the date of the creation time, None when
    the file has none or its value is not a date; ``dct_value`` is that TIMEX3's value as written.
    ``timexes`` are the TIMEX3 elements already inside ``<TEXT>`` (gold annotations), with offsets
    into ``text``; ``value`` is None when the element has no value attribute.
    """

    docid: str | None
    dct: datetime.date | None
    dct_value: str | None
    dct_xml: str | None  # the <DCT> element as it will be written back
    dct_tid: str | None
    text: str
    timexes: tuple[TimeExpression, ...] = ()


def _local(tag: object) -> str:
    """An element's name without its namespace ("{ns}TEXT" -> "TEXT"); "" for comments and PIs."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _flatten(body: ET.Element) -> tuple[str, list[tuple[int, int, ET.Element]]]:
    """The text inside body with every tag removed, and the offsets of the TIMEX3 elements in it.
    Iterative, so that no nesting depth can exhaust the stack."""
    parts: list[str] = []
    found: list[tuple[int, int, ET.Element]] = []
    length = 0
    stack: list[tuple[ET.Element, int | None]] = [(body, None)]  # (element, its start once entered)
    while stack:
        element, start = stack.pop()
        if start is None:  # entering: its text, then its children, then leaving it
            stack.append((element, length))
            if element.text:
                parts.append(element.text)
                length += len(element.text)
            stack.extend((child, None) for child in reversed(element))
            continue
        if element is body:
            break
        if _local(element.tag) == "TIMEX3":
            found.append((start, length, element))
        if element.tail:
            parts.append(element.tail)
            length += len(element.tail)
    return "".join(parts), found


def read_timeml(text: str) -> TimeMLDocument:
    """Parse a TimeML document (XML as a string). Raises TimeMLError if it is not well-formed XML
    or has no <TEXT> element."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        raise TimeMLError(f"not well-formed XML: {exc}") from None
    body = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    if body is None:
        raise TimeMLError("no <TEXT> element")
    raw, found = _flatten(body)
    timexes = [TimeExpression(start, end, raw[start:end], e.get("type", ""), e.get("value"))  # type: ignore[arg-type]
               for start, end, e in found]

    docid = next((e for e in root.iter() if _local(e.tag) == "DOCID"), None)
    dct_element, dct_timex = _creation_time(root, body)
    dct_value = dct_timex.get("value") if dct_timex is not None else None
    dct_xml = None
    if dct_element is not None:
        kept = copy.deepcopy(dct_element)
        kept.tail = None
        dct_xml = ET.tostring(kept, encoding="unicode")
    return TimeMLDocument(
        docid=" ".join("".join(docid.itertext()).split()) or None if docid is not None else None,
        dct=_date(dct_value),
        dct_value=dct_value,
        dct_xml=dct_xml,
        dct_tid=dct_timex.get("tid") if dct_timex is not None else None,
        text=raw,
        timexes=tuple(sorted(timexes, key=lambda t: (t.start, t.end))),
    )


def _creation_time(root: ET.Element, body: ET.Element) -> tuple[ET.Element | None, ET.Element | None]:
    """The <DCT> element and its CREATION_TIME TIMEX3 (or its only TIMEX3). Without a <DCT>, a TIMEX3
    marked CREATION_TIME outside <TEXT> stands alone (and is written back inside a new <DCT>)."""
    dct = next((e for e in root.iter() if _local(e.tag) == "DCT"), None)
    if dct is not None:
        timexes = [e for e in dct.iter() if _local(e.tag) == "TIMEX3"]
        marked = [e for e in timexes if e.get("functionInDocument") == "CREATION_TIME"]
        return dct, (marked or timexes or [None])[0]
    inside = set(body.iter())
    for element in root.iter():
        if (_local(element.tag) == "TIMEX3" and element not in inside
                and element.get("functionInDocument") == "CREATION_TIME"):
            wrapper = ET.Element("DCT")
            wrapper.append(copy.deepcopy(element))
            return wrapper, element
    return None, None


def _date(value: str | None) -> datetime.date | None:
    """The date at the start of a TIMEX3 value ("1998-08-07", "1998-08-07T06:18", "19980807")."""
    m = _DATE.match(value or "")
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _underspecified(text: str, expressions: list[TimeExpression]) -> list[str | None]:
    """For each expression, the value with X for what depends on the DCT, found by resolving the text
    against probe dates and keeping the fields of the value on which they all agree. None if the
    probes disagree on the shape of the value."""
    probes = [find_times(text, dct) for dct in _PROBE_DCTS]
    by_span = [{(e.start, e.end): e.value for e in found} for found in probes]
    out: list[str | None] = []
    for e in expressions:
        values = [spans.get((e.start, e.end)) for spans in by_span]
        out.append(_merge(values) if all(values) else None)
    return out


def _merge(values: list[str | None]) -> str | None:
    fields = [_VALUE_FIELDS.split(v or "") for v in values]
    if len({len(f) for f in fields}) != 1:
        return None
    merged = []
    for column in zip(*fields):
        if len(set(column)) == 1:
            merged.append(column[0])
        elif len({re.sub("[0-9]", "X", c) for c in column}) == 1:
            merged.append(re.sub("[0-9]", "X", column[0]))
        else:
            return None
    return "".join(merged)


def _timex_values(text: str, dct: datetime.date | None) -> list[tuple[TimeExpression, str]]:
    expressions = find_times(text, dct)
    missing = [e for e in expressions if e.value is None]
    partial = dict(zip(((e.start, e.end) for e in missing), _underspecified(text, missing))) if missing else {}
    out = []
    for e in expressions:
        value = e.value if e.value is not None else partial.get((e.start, e.end))
        out.append((e, value if value is not None else "XXXX"))
    return out


def tag_timeml(text: str) -> str:
    """The TimeML document with its <TEXT> tagged from scratch by find_times (see the module's doc)."""
    document = read_timeml(text)
    out = [_XML_DECLARATION, "\n", _ROOT, "\n"]
    if document.docid is not None:
        out += ["<DOCID>", escape(document.docid), "</DOCID>\n"]
    if document.dct_xml is not None:
        out += [document.dct_xml, "\n"]
    out.append("<TEXT>")
    position, number = 0, 0
    for expression, value in _timex_values(document.text, document.dct):
        number += 1
        if f"t{number}" == document.dct_tid:
            number += 1
        out.append(escape(document.text[position:expression.start]))
        out.append(f"<TIMEX3 tid=\"t{number}\" type={quoteattr(expression.type)} value={quoteattr(value)}>")
        out.append(escape(expression.text))
        out.append("</TIMEX3>")
        position = expression.end
    out.append(escape(document.text[position:]))
    out.append("</TEXT>\n</TimeML>\n")
    return "".join(out)


def _decode(data: bytes) -> str:
    """The file's text: in the encoding its XML declaration names, else UTF-8."""
    m = _ENCODING.match(data)
    encoding = m[1].decode("ascii") if m else "utf-8"
    return data.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)


def tag_folder(in_dir: Path, out_dir: Path) -> list[str]:
    """Tag every .tml file under in_dir (subfolders included) into the same place under out_dir.

    Returns one message per file that could not be read or written ("path: reason"); the others
    are written all the same. Raises NotADirectoryError when in_dir is not a folder.
    """
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    if not in_dir.is_dir():
        raise NotADirectoryError(f"{in_dir}: not a folder")
    resolved_out = out_dir.resolve()
    paths = sorted(p for p in in_dir.rglob("*.tml")
                   if p.is_file() and resolved_out not in p.resolve().parents)
    errors: list[str] = []
    for path in paths:
        try:
            tagged = tag_timeml(_decode(path.read_bytes()))
            target = out_dir / path.relative_to(in_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(tagged, encoding="utf-8")
        except (OSError, UnicodeError, LookupError, TimeMLError) as exc:
            errors.append(f"{path}: {exc}")
    return errors
