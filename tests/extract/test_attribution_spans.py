"""Attribution spans as PolNeAR marks them: the source phrase, the cue words and the reported
material, as character offsets into the article (``attribution_records``). Texts written for
these tests.
"""
from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from lading import nlp
from lading.extract.actors import find_actors
from lading.extract.attribution import Memory, chain_for, find_attributions
from lading.extract.attributions_out import attribution_records
from lading.ingest.text import article_from_text

DAY = date(2024, 3, 18)


@cache
def records(text: str) -> tuple[dict, ...]:
    return tuple(attribution_records(article_from_text(text, "t", date_override=DAY)))


def spans(text: str) -> list[tuple[str | None, str, list[str]]]:
    """(source, cue, content parts) of each record, read back from the offsets."""
    out = []
    for r in records(text):
        for part in (r["source"], r["cue"], *r["content_parts"]):
            if part is not None:
                assert text[part["start"]:part["end"]] == part["text"]
        assert r["content"] == r["content_parts"][0]
        source = text[r["source"]["start"]:r["source"]["end"]] if r["source"] else None
        out.append((source, text[r["cue"]["start"]:r["cue"]["end"]],
                    [text[p["start"]:p["end"]] for p in r["content_parts"]]))
    return out


def record_for(text: str, cue: str) -> tuple[str | None, str, list[str]]:
    found = [s for s in spans(text) if s[1] == cue]
    assert len(found) == 1, spans(text)
    return found[0]


def test_a_quote_running_into_the_next_paragraph_is_one_speaker_s() -> None:
    text = ("Relief convoy reaches the border.\n\n"
            "“The generators arrived on Friday,” said Maria Lopez, a spokeswoman for the agency.\n\n"
            "“We expect the second shipment within a month.”\n")
    assert record_for(text, "said") == (
        "Maria Lopez, a spokeswoman for the agency", "said",
        ["“The generators arrived on Friday,”", "“We expect the second shipment within a month.”"])


def test_a_quote_continued_after_the_cue_in_the_same_paragraph() -> None:
    text = "Roads reopen.\n\n“The roads are open,” the mayor said. “Nobody was hurt. The trucks can move again.”\n"
    assert record_for(text, "said") == (
        "the mayor", "said", ["“The roads are open,”", "“Nobody was hurt. The trucks can move again.”"])


def test_a_quote_of_several_sentences_before_its_cue_is_whole() -> None:
    text = "Depot.\n\n“The trucks left at dawn. They reached the river by noon,” Ana Ruiz told reporters.\n"
    assert record_for(text, "told") == (
        "Ana Ruiz", "told", ["“The trucks left at dawn. They reached the river by noon,”"])


def test_a_quote_cut_off_by_its_own_full_stop() -> None:
    text = "Depot.\n\n“The trucks left at dawn.” Ana Ruiz said.\n"
    assert record_for(text, "said") == ("Ana Ruiz", "said", ["“The trucks left at dawn.”"])


def test_a_source_named_only_by_a_pronoun() -> None:
    text = "Depot.\n\nTom Baker runs the depot in Lviv. He said the trucks had left before dawn.\n"
    assert record_for(text, "said") == ("He", "said", ["the trucks had left before dawn"])


def test_according_to() -> None:
    text = "Port.\n\nThe shipment left Odesa on Tuesday, according to port records.\n"
    assert record_for(text, "according to") == ("port records", "according to", ["The shipment left Odesa on Tuesday"])


def test_according_to_in_the_middle_leaves_the_material_in_two_parts() -> None:
    text = "Port.\n\nThe shipment, according to port records, left Odesa on Tuesday.\n"
    assert record_for(text, "according to") == (
        "port records", "according to", ["The shipment", "left Odesa on Tuesday"])


def test_x_citing_y_said() -> None:
    text = "Border.\n\nThe newspaper, citing two officials, said that the convoy crossed the border.\n"
    assert record_for(text, "said") == ("The newspaper", "said", ["that the convoy crossed the border"])


def test_a_parenthetical_officials_said() -> None:
    text = "Border.\n\nThe convoy crossed the border at dawn, officials said.\n"
    assert record_for(text, "said") == ("officials", "said", ["The convoy crossed the border at dawn"])


def test_x_told_y_leaves_the_one_told_out() -> None:
    text = "Aid.\n\nThe minister told reporters that the aid had arrived.\n"
    assert record_for(text, "told") == ("The minister", "told", ["that the aid had arrived"])


def test_x_added_and_a_participle_share_the_speaker() -> None:
    text = "Aid.\n\nThe minister said the aid had arrived, adding that more was on its way.\n"
    assert record_for(text, "said") == ("The minister", "said", ["the aid had arrived"])
    assert record_for(text, "adding") == ("The minister", "adding", ["that more was on its way"])


def test_the_cue_keeps_its_auxiliaries_and_adverbs() -> None:
    text = "Aid.\n\nThe governor has also repeatedly said that the bridge is safe.\n"
    assert record_for(text, "has also repeatedly said") == (
        "The governor", "has also repeatedly said", ["that the bridge is safe"])


def test_a_source_with_an_apposition_keeps_its_closing_comma() -> None:
    text = "Aid.\n\nJane Doe, the head of the relief agency, said the generators were working.\n"
    assert record_for(text, "said") == ("Jane Doe, the head of the relief agency,", "said", ["the generators were working"])


def test_no_source_named() -> None:
    text = "Aid.\n\nIt was reported that the generators were working.\n"
    assert record_for(text, "was reported") == (None, "was reported", ["that the generators were working"])


def test_a_cue_inside_a_quote_is_the_speaker_s_words() -> None:
    text = "Aid.\n\n“I think the generators are working,” the engineer said.\n"
    assert spans(text) == [("the engineer", "said", ["“I think the generators are working,”"])]


def test_an_article_without_attribution_has_no_records() -> None:
    assert spans("Aid.\n\nThe generators arrived in Kherson on Friday.\n") == []


def test_records_carry_the_doc_id_and_offsets_into_the_article() -> None:
    text = "date 2024-03-18 world\n\nAid.\n\nThe convoy crossed the border at dawn, officials said.\n"
    [r] = records(text)
    assert r["doc_id"] == "t"
    assert text[r["cue"]["start"]:r["cue"]["end"]] == "said"


# ------------------------------------------------------------------ the transfer pipeline's view


@pytest.mark.parametrize("text, word, expected", [
    # the second quote is the same speaker's: a transfer in it is attributed to her
    ("“The generators arrived on Friday,” said Maria Lopez, a spokeswoman for Oxfam. "
     "“Russia shipped the fuel to Syria in May.”", "shipped", ["Maria Lopez"]),
    # a quote of two sentences: the first is attributed by the cue after the second
    ("“Iran shipped drones to Russia. They arrived in May,” the Pentagon said.", "shipped", ["Pentagon"]),
    # a person the knowledge files do not list is who "he" is
    ("Tom Baker runs the depot in Lviv. He said Iran had shipped drones to Russia.", "shipped", ["Tom Baker"]),
    # the participle's speaker is the subject of the verb it hangs from
    ("Kyiv protested on Monday, saying Iran had shipped drones to Russia.", "shipped", ["Kyiv"]),
])
def test_the_pipeline_reads_the_same_speakers(text: str, word: str, expected: list[str]) -> None:
    parsed = nlp.parse(article_from_text(text, "t", date_override=DAY))
    actors = find_actors(parsed.doc)
    memory = Memory()
    by_sentence = {s.start: find_attributions(s, actors, memory) for s in parsed.sentences}
    token = next(t for t in parsed.doc if t.text == word)
    chain, _ = chain_for(token, by_sentence[token.sent.start])
    assert [s.name for s in chain] == expected


def test_a_quote_the_parser_makes_a_second_subject_of_the_cue_is_content_not_source() -> None:
    text = "Depot.\n\n“The trucks left at dawn,” Ana Ruiz told reporters. “They reached the river by noon.”\n"
    assert record_for(text, "told") == (
        "Ana Ruiz", "told", ["“The trucks left at dawn,”", "“They reached the river by noon.”"])


def test_continued_before_a_quote_is_a_cue() -> None:
    text = "Debate.\n\nHe continued, “I believe the trucks will reach the border by Friday.”\n"
    assert record_for(text, "continued") == ("He", "continued", ["“I believe the trucks will reach the border by Friday.”"])


def test_continued_after_a_quote_the_parser_makes_its_clause_is_a_cue() -> None:
    text = "Debate.\n\n“Cyber security remains one of the biggest challenges facing our country today,” Carson continued.\n"
    assert record_for(text, "continued") == (
        "Carson", "continued", ["“Cyber security remains one of the biggest challenges facing our country today,”"])


def test_continued_with_its_own_complement_is_no_cue() -> None:
    text = "Depot.\n\nThe trucks continued to the border, “slowly but surely” as one driver put it.\n"
    assert all(cue != "continued" for _, cue, _ in spans(text))


def test_a_closing_relative_clause_with_a_cue_of_its_own_is_not_the_source_s() -> None:
    text = "Budget row.\n\nAnn Lee, who has endorsed the mayor, said the budget was too small.\n"
    assert record_for(text, "said") == ("Ann Lee", "said", ["the budget was too small"])
    assert record_for(text, "has endorsed") == ("who", "has endorsed", ["the mayor"])


def test_a_relative_clause_without_a_cue_stays_in_the_source() -> None:
    text = "Depot news.\n\nTom Baker, who runs the depot in Leeds, said the lorries were late.\n"
    assert record_for(text, "said")[0] == "Tom Baker, who runs the depot in Leeds,"


# One sentence (or two) and every span record it must yield, as PolNeAR marks them; [] means none.
SPAN_CASES = [
    ("a stance after be is the subject's",
     "Water plan.\n\nLocal farmers are skeptical of the new irrigation plan.\n",
     [("Local farmers", "are skeptical of", ["the new irrigation plan"])]),
    ("a stance adjective with nothing it is about is no attribution",
     "Weather.\n\nThe crowd was angry. The road was quiet.\n", []),
    ("a claim that is no one's is no attribution",
     "Exports.\n\nThe claim that exports doubled was disputed.\n", []),
    ("a light verb says by its object",
     "Bridge.\n\nThe governor made the case that the bridge must be rebuilt.\n",
     [("The governor", "made the case", ["that the bridge must be rebuilt"])]),
    ("a light verb with no noun of saying says nothing", "Fair.\n\nThe governor made a cake for the fair.\n", []),
    ("a poll the sentence opens with is its source",
     "Poll.\n\nIn a Gallup poll released Monday, the senator led her rival by six points.\n",
     [("a Gallup poll released Monday", "In", ["the senator led her rival by six points"])]),
    ("a poll's clause with a speaker of its own is that speaker's",
     "Poll.\n\nIn the poll, most voters said they wanted lower taxes.\n",
     [("most voters", "said", ["they wanted lower taxes"])]),
    ("a verb of saying after an adjective takes the subject of be",
     "Dam.\n\nThe company was careful to note that no one was hurt.\n",
     [("The company", "to note", ["that no one was hurt"])]),
    ("said in a statement that",
     "Border.\n\nThe ministry said in a statement that the border would reopen on Monday.\n",
     [("The ministry", "said in a statement", ["that the border would reopen on Monday"])]),
    ("a pledge is an attribution",
     "Vote.\n\nThe senator pledged to vote against the bill.\n",
     [("The senator", "pledged", ["to vote against the bill"])]),
    ("went back is no cue", "Troops.\n\nThe troops went back to the base.\n", []),
    ("a clause a comma sets off inside the material is an attribution of its own",
     "Port.\n\nSenator Ruiz backed the port tax, which she said would fund new docks.\n",
     [("Senator Ruiz", "backed", ["the port tax"]), ("she", "said", ["which", "would fund new docks"])]),
    ("a cue inside the material and not set off is the material",
     "Port.\n\nThe mayor said she thinks the port will close.\n",
     [("The mayor", "said", ["she thinks the port will close"])]),
    ("a participle the parser hangs on the material is the speaker's",
     "Port.\n\nSenator Ruiz said the port tax is fair, adding that it will fund new docks.\n",
     [("Senator Ruiz", "said", ["the port tax is fair"]), ("Senator Ruiz", "adding", ["that it will fund new docks"])]),
    ("the one asked is left out and what about is content",
     "Port.\n\nThe reporter asked the mayor about the budget.\n", [("The reporter", "asked", ["the budget"])]),
    ("calling for someone to do something",
     "Port.\n\nThe union is calling for the minister to resign.\n",
     [("The union", "is calling for", ["the minister to resign"])]),
    ("a thought inside a quote with no cue found is the quote's words",
     "Port.\n\nThe mayor was blunt.\n\n“I think the plan will fail. We know it.”\n", []),
    ("a name and a colon is a speaker",
     "Port.\n\nAna Ruiz: The Port Fees Will Rise Next Year.\n",
     [("Ana Ruiz", ":", ["The Port Fees Will Rise Next Year"])]),
    ("a name and a colon says nothing without a verb", "Port.\n\nAna Ruiz: 1,769.\n\nTwitter: @anaruiz.\n", []),
    ("a name after a dash and before a colon and a quote is a speaker",
     "Port.\n\nFEES ARE RISING - Ana Ruiz and Tom Baker: “The port will charge more next year.”\n",
     [("Ana Ruiz and Tom Baker", ":", ["“The port will charge more next year.”"])]),
    ("found and knows report only with a clause",
     "Port.\n\nThe inspectors found that the crates were empty. Tom Baker found a job at the depot. "
     "She knows the area well.\n",
     [("The inspectors", "found", ["that the crates were empty"])]),
    ("spoke reports only with what it was about",
     "Port.\n\nThe mayor spoke about the port fees on Monday. The mayor spoke for an hour.\n",
     [("The mayor", "spoke about", ["the port fees"])]),
    ("downplayed is a cue",
     "Port.\n\nThe governor downplayed the risk of a strike.\n",
     [("The governor", "downplayed", ["the risk of a strike"])]),
    ("a source set off by dashes keeps its closing dash",
     "Port.\n\nAna Ruiz — a port official — said the fees would rise.\n",
     [("Ana Ruiz — a port official —", "said", ["the fees would rise"])]),
    ("a speaker's colon the parser ends a sentence at reaches the paragraph's end",
     "Port.\n\nREYES: I expect the fees will rise.\n", [("REYES", ":", ["I expect the fees will rise"])]),
    ("even before a source is not the source's",
     "Port.\n\nEven a top aide to the mayor said the fees would rise.\n",
     [("a top aide to the mayor", "said", ["the fees would rise"])]),
    ("when the source spoke is not the source's",
     "Port.\n\nPort director Ana Ruiz on Friday said the fees would rise.\n",
     [("Port director Ana Ruiz", "said", ["the fees would rise"])]),
    ("how the source spoke is not the source's",
     "Port.\n\nAna Ruiz, speaking at the port, said the fees would rise.\n",
     [("Ana Ruiz", "said", ["the fees would rise"])]),
    ("an apposition stays in the source",
     "Port.\n\nAna Ruiz, a port official, said the fees would rise.\n",
     [("Ana Ruiz, a port official,", "said", ["the fees would rise"])]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in SPAN_CASES], ids=[c[0] for c in SPAN_CASES])
def test_span_records_of_a_sentence(text: str, expected: list) -> None:
    assert spans(text) == expected


def test_a_noun_of_saying_is_its_owner_s() -> None:
    text = "Exports.\n\nThe minister's claim that exports doubled was disputed by economists.\n"
    assert record_for(text, "claim") == ("The minister's", "claim", ["that exports doubled"])


def test_hard_to_believe_names_no_source() -> None:
    assert all(source is None for source, _, _ in spans("River.\n\nIt is hard to believe the river rose so fast.\n"))


def test_as_x_told_y_reports_the_clause_it_hangs_from() -> None:
    text = "Port.\n\nAs the harbor master told reporters, the ferry will not sail today.\n"
    assert record_for(text, "told") == ("the harbor master", "told", ["the ferry will not sail today"])


def test_a_relative_clause_reports_the_noun_it_leaves_its_object() -> None:
    text = "Port.\n\nThe board rejected the plan, a proposal the mayor once supported.\n"
    assert record_for(text, "once supported") == ("the mayor", "once supported", ["a proposal"])
