"""Attribution relations of an article as span records (PolNeAR style): who (source), by which
words (cue), says what (content), each with character offsets into ``article.text``.

``attribution_records(article)`` reads every sentence with one ``Memory``, as the transfer
pipeline does, but in the wide mode of ``find_attributions``: attributions whose source cannot be
named ("he" with no one before, "it was reported") and attitude cues ("X believes", "X wants")
are kept, since a span annotation counts them.

One record per cue. A direct quote that runs on after its cue sentence ("“…,” he said. “…”")
gives one record whose content has several parts: ``content`` is the first part and
``content_parts`` lists them all, in text order.
"""
from __future__ import annotations

from typing import Any

from lading.extract.actors import find_actors
from lading.extract.attribution import Attribution, Memory, Range, content_parts, find_attributions, set_off
from lading.model import Article
from lading.nlp import ParsedArticle, parse


def attribution_records(article: Article) -> list[dict[str, Any]]:
    """Per attribution: ``{"doc_id", "source": {"start", "end", "text"} | None, "cue": {…},
    "content": {…}, "content_parts": [{…}, …]}``, offsets into ``article.text``."""
    return records_parsed(parse(article))


def records_parsed(parsed: ParsedArticle) -> list[dict[str, Any]]:
    """``attribution_records`` of an article already parsed (``lading.nlp.parse_many``)."""
    article, doc = parsed.article, parsed.doc
    actors = find_actors(doc, article.date)
    memory = Memory()
    found: list[Attribution] = []
    for sent in parsed.sentences:
        found.extend(find_attributions(sent, actors, memory, wide=True))
    # a quote continuing in a later sentence is read there, under the cue it continues: one record per cue
    by_cue: dict[int, list[Attribution]] = {}
    for att in found:
        by_cue.setdefault(att.cue.i, []).append(att)
    records = {atts[0]: sorted({p for a in atts for p in a.content_spans}) for atts in by_cue.values()
               if atts[0].cue_span is not None and not _quoted_aside(atts[0], memory)}
    text = article.text
    out = []
    for first, parts in _univocal(records, memory).items():
        if not parts:
            continue
        contents = [_char_span(doc, text, s, e) for s, e in parts]
        out.append({
            "doc_id": article.doc_id,
            "source": _char_span(doc, text, *first.source_span) if first.source_span else None,
            "cue": _char_span(doc, text, *first.cue_span),
            "content": contents[0],
            "content_parts": contents,
        })
    out.sort(key=lambda r: r["cue"]["start"])
    return out


def _univocal(records: dict[Attribution, list[Range]], memory: Memory) -> dict[Attribution, tuple[Range, ...]]:
    """Each word has one role in one attribution, as PolNeAR annotates. An attribution whose cue stands
    inside what another reports ("“I think …,” he said") is that one's material, not an attribution of
    its own; but a clause a comma sets off ("…, which he called …", "…, saying …") is its own attribution,
    and the other's material ends before it."""
    def inside(a: Attribution, other: Attribution) -> bool:
        return a is not other and any(s <= a.cue_span[0] < e for s, e in records[other])

    out: dict[Attribution, tuple[Range, ...]] = {a: tuple(parts) for a, parts in records.items()}
    cut: dict[Attribution, set[int]] = {}
    for a in records:
        outer = [o for o in records if inside(a, o) and not inside(o, a)]
        if not outer:
            continue
        start = set_off(a, memory)
        if start is None:
            del out[a]
            continue
        clause = set(range(start, a.cue.right_edge.i + 1)) | {i for s, e in records[a] for i in range(s, e)}
        for o in outer:
            cut.setdefault(o, set()).update(clause)
    for o, tokens in cut.items():
        if o in out:
            out[o] = content_parts(o.cue.doc, {i for s, e in records[o] for i in range(s, e)} - tokens, memory)
    return out


def _quoted_aside(att: Attribution, memory: Memory) -> bool:
    """'“I think we will win,” she said': a source and cue inside a direct quote are the quoted speaker's
    words, not an attribution PolNeAR marks, whether or not the quote's own cue was found."""
    if att.source_span is None:
        return False
    start = min(att.source_span[0], att.cue_span[0])
    end = max(att.source_span[1], att.cue_span[1])
    return any(qs < start and end <= qe for qs, qe in memory.quotes)


def _char_span(doc, text: str, start: int, end: int) -> dict[str, Any]:
    """Tokens [start, end) as character offsets, whitespace at either end left out."""
    a = doc[start].idx
    b = doc[end - 1].idx + len(doc[end - 1].text)
    while b > a and text[b - 1].isspace():
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    return {"start": a, "end": b, "text": text[a:b]}
