"""One function from an article to its transfer records: ``extract(article)``.

The CLI, the evaluator and (later) the ingester and workers all call it; nothing
downstream re-parses text. Per sentence: attributions are read (and remembered
for "the report"), transfer frames are read and their parties filled, then each
frame is kept only if it is a claim (certainty.py), with its source chain,
certainty, time and evidence.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from lading.extract.actors import ActorMention, find_actors
from lading.extract.attribution import Memory, chain_for, find_attributions
from lading.extract.certainty import modality
from lading.extract.confidence import confidence, features
from lading.extract.events import EventFrame, read_events
from lading.extract.goods import weapon_tokens
from lading.extract.timex import Tense, find_times
from lading.extract.transfers import (
    Frame,
    drop_speakers,
    fill_first_person,
    fill_parties,
    parties,
    read_frames,
    reciprocal_frames,
    trigger_kind,
)
from lading.knowledge import load
from lading.model import Article, Certainty, Event, Goods, Span, TimeExpression, Transfer
from lading.nlp import ParsedArticle, check_length, parse, parse_many, surface

LINKED_CATEGORIES = frozenset({"AID", "COOPERATE"})  # events that can be one of the transfers in their sentence


def extract(article: Article) -> list[Transfer]:
    """Every transfer the article claims, with its evidence."""
    return extract_parsed(parse(article))


@dataclass(frozen=True)
class Result:
    """The records of one article (transfers, and the other political events), or why it could not be read."""

    article: Article
    transfers: list[Transfer]
    error: str | None = None
    events: list[Event] = field(default_factory=list)


def extract_many(articles: Iterable[Article]) -> Iterator[Result]:
    """Extract from a stream of articles, parsing in batches; a bad article is reported, not fatal."""
    good: list[Article] = []
    for article in articles:
        try:
            check_length(article)
        except ValueError as exc:
            yield Result(article, [], str(exc))
            continue
        good.append(article)
    for parsed in parse_many(good):
        transfers, events = read_article(parsed)
        yield Result(parsed.article, transfers, events=events)


def extract_parsed(parsed: ParsedArticle) -> list[Transfer]:
    """The transfers of a parsed article."""
    return read_article(parsed)[0]


def read_article(parsed: ParsedArticle) -> tuple[list[Transfer], list[Event]]:
    """The transfers and the other political events of a parsed article, sentence by sentence."""
    article, doc = parsed.article, parsed.doc
    actors = find_actors(doc, article.date)
    weapons = weapon_tokens(doc)
    times = _time_tokens(doc, article)
    memory = Memory()
    oil = _oil_category(doc)
    voice = government_voice(article.url)
    earlier: list[Frame] = []
    records: list[Transfer] = []
    events: list[Event] = []
    for sent in parsed.sentences:
        attributions = find_attributions(sent, actors, memory)
        first = len(records)
        if any(trigger_kind(t) for t in sent):
            sources = frozenset(i for a in attributions for i in a.region)
            speakers = [a.source_span for a in attributions if a.source_span]
            frames: list[Frame] = []
            for frame in read_frames(sent, actors, weapons):  # in text order: each sees the ones before it
                frame = fill_first_person(drop_speakers(frame, speakers), chain_for(frame.trigger, attributions)[0], voice)
                frames.append(fill_parties(frame, sent, actors, sources, earlier + [f for f in frames if f.goods is not None]))
            frames = [f for f in frames if f.goods is not None]  # a flow noun whose goods the article never named
            frames += reciprocal_frames(sent, frames, actors, weapons)
            for frame in frames:
                records.extend(_record(article, sent, frame, attributions, times, oil))
            earlier.extend(f for f in frames if f.suppliers or f.recipients)
        for frame in read_events(sent, actors):
            events.extend(_event(article, sent, frame, attributions, times, records, first))
    return records, events


def government_voice(url: str | None) -> str | None:
    """The state a page speaks for, by its web domain (``voices.yaml``): "www.state.gov" is the USA."""
    host = (urlsplit(url).hostname or "") if url else ""
    voices = load().voices
    parts = host.lower().split(".")
    return next((voices[d] for i in range(len(parts)) if (d := ".".join(parts[i:])) in voices), None)


def _oil_category(doc: Doc) -> str | None:
    """What the article's bare "oil" is: crude oil if it speaks of crude and of no refined product,
    fuel if the other way round, else None (the lexicon's reading stands)."""
    cues = load().cues
    lemmas = {t.lemma_.lower() for t in doc}
    crude, refined = bool(lemmas & cues["crude_words"]), bool(lemmas & cues["refined_words"])
    return "crude_oil" if crude and not refined else "fuel" if refined and not crude else None


def _bare_oil(items: tuple[Goods, ...], oil: str | None) -> tuple[Goods, ...]:
    if oil is None:
        return items
    return tuple(replace(g, category=oil, hs_code="2709" if oil == "crude_oil" else g.hs_code)
                 if g.text.lower() == "oil" and g.category in ("fuel", "crude_oil") else g for g in items)


def _record(article: Article, sent: SpacySpan, frame: Frame, attributions, times, oil: str | None = None) -> list[Transfer]:
    anchor = frame.reciprocal_of.trigger if frame.reciprocal_of is not None else frame.trigger
    time = _linked_time(anchor, times)
    certainty, chain = _certainty(anchor, frame.goods.head if frame.goods is not None else None, attributions,
                                  time, article.date)
    if certainty is None:
        return []
    evidence = (_span(article.text, sent.start_char, sent.end_char),)
    trigger = _span(article.text, frame.trigger.idx, frame.trigger.idx + len(frame.trigger.text))
    goods = frame.goods
    assert goods is not None
    traits = features(frame, certainty)
    score = confidence(traits)
    out = []
    for supplier, recipient in parties(frame):
        out.append(Transfer(
            doc_id=article.doc_id,
            supplier=supplier.actor,
            recipient=recipient.actor,
            supplier_text=_mention_text(sent.doc, supplier),
            recipient_text=_mention_text(sent.doc, recipient),
            supplier_found=frame.supplier_from,
            recipient_found=frame.recipient_from,
            items=_bare_oil(goods.items, oil),
            quantity=goods.quantity,
            time=time,
            attribution=chain,
            certainty=certainty,
            evidence=evidence,
            trigger=trigger,
            confidence=score,
            reading=tuple(traits.items()),
        ))
    return out


def _certainty(anchor: Token, goods_head: Token | None, attributions, time: TimeExpression | None,
               published: date | None) -> tuple[Certainty | None, tuple]:
    """The certainty of a claim and its source chain; None when the words make it no claim at all."""
    mod = modality(anchor, goods_head)
    if not mod.claim or (mod.future and not _before(time, published)):
        return None, ()
    chain, cue_hedges = chain_for(anchor, attributions)
    if mod.negated:
        return "denied", chain
    if mod.hedged or cue_hedges:
        return "hedged", chain
    return ("reported" if chain else "asserted"), chain


def _event(article: Article, sent: SpacySpan, frame: EventFrame, attributions, times, records: list[Transfer],
           first: int) -> list[Event]:
    """One event per source actor; an AID or COOPERATE event that is one of the sentence's transfers links to it."""
    time = _linked_time(frame.trigger, times)
    certainty, chain = _certainty(frame.trigger, None, attributions, time, article.date)
    if certainty is None:
        return []
    evidence = (_span(article.text, sent.start_char, sent.end_char),)
    trigger = _span(article.text, frame.trigger.idx, frame.trigger.idx + len(frame.trigger.text))
    out = []
    for actor in frame.actors:
        recipient = frame.recipients[0] if frame.recipients else None
        link = next((i for i in range(first, len(records)) if records[i].supplier.country == actor.actor.country
                     and (recipient is None or records[i].recipient.country == recipient.actor.country)), None)
        out.append(Event(
            doc_id=article.doc_id, category=frame.category, mode=frame.mode, actor=actor.actor,
            actor_text=_mention_text(sent.doc, actor), recipient=recipient.actor if recipient else None,
            recipient_text=_mention_text(sent.doc, recipient) if recipient else None, certainty=certainty,
            evidence=evidence, time=time, attribution=chain, trigger=trigger,
            transfer=link if frame.category in LINKED_CATEGORIES else None,
        ))
    return out


def _mention_text(doc: Doc, m: ActorMention) -> str | None:
    return surface(doc[m.start:m.end]) if m.end > m.start else None


def _span(text: str, start: int, end: int) -> Span:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


# ---- time: found once per article, linked to a transfer only through the parse


def _time_tokens(doc: Doc, article: Article) -> list[tuple[Token, TimeExpression]]:
    """Each resolved time expression with the token that heads it."""
    starts = [t.idx for t in doc]

    def token_at(offset: int) -> Token:
        return doc[max(bisect_right(starts, offset) - 1, 0)]

    def tense(offset: int) -> Tense | None:
        return _tense(token_at(offset))

    out = []
    for expr in find_times(article.text, article.date, start=article.body_start, tense=tense):
        if expr.value is None or expr.type != "DATE":
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            continue
        out.append((span.root, expr))
    return out


def _tense(token: Token) -> Tense | None:
    """Tense of the clause around ``token``, from its nearest verb."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll") for a in auxes) or any(a.lower_ == "going" for a in auxes):
        return "future"
    if node.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    return "present"


def _linked_time(anchor: Token, times: list[tuple[Token, TimeExpression]]) -> TimeExpression | None:
    """A time the parse ties to the event: it hangs from the event's word (or the verb governing it)
    without crossing another verb."""
    targets = {anchor.i}
    node = anchor
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
        targets.add(node.i)
    holder = node.head
    if node.dep_ == "acl" and holder.dep_ == "pobj" and holder.head.lower_ == "with":
        targets.add(holder.head.head.i)  # "arrived this week, with 25,000 tonnes of wheat delivered to Somalia"
    sent = anchor.sent
    best: TimeExpression | None = None
    for token, expr in times:
        if not (sent.start <= token.i < sent.end):
            continue
        node = token
        while node.i not in targets:
            if node.head.i == node.i or (node.pos_ in ("VERB", "AUX") and node.i != token.i):
                break
            node = node.head
        if node.i in targets and (best is None or len(expr.value or "") > len(best.value or "")):
            best = expr
    return best


def _before(time: TimeExpression | None, published: date | None) -> bool:
    """Whether a time lies wholly before the article's date (a "will" that has already happened)."""
    if time is None or time.value is None or published is None:
        return False
    year = time.value[:4]
    return year.isdigit() and int(year) < published.year or time.value < published.isoformat()[: len(time.value)]
