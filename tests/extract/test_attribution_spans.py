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


def test_a_stance_after_be_is_the_subject_s() -> None:
    text = "Water plan.\n\nLocal farmers are skeptical of the new irrigation plan.\n"
    assert spans(text) == [("Local farmers", "are skeptical of", ["the new irrigation plan"])]


def test_a_stance_adjective_with_nothing_it_is_about_is_no_attribution() -> None:
    assert spans("Weather.\n\nThe crowd was angry. The road was quiet.\n") == []


def test_a_noun_of_saying_is_its_owner_s() -> None:
    text = "Exports.\n\nThe minister's claim that exports doubled was disputed by economists.\n"
    assert record_for(text, "claim") == ("The minister's", "claim", ["that exports doubled"])
    assert spans("Exports.\n\nThe claim that exports doubled was disputed.\n") == []  # no one's claim


def test_a_light_verb_says_by_its_object() -> None:
    text = "Bridge.\n\nThe governor made the case that the bridge must be rebuilt.\n"
    assert spans(text) == [("The governor", "made the case", ["that the bridge must be rebuilt"])]
    assert spans("Fair.\n\nThe governor made a cake for the fair.\n") == []


def test_a_poll_the_sentence_opens_with_is_its_source() -> None:
    text = "Poll.\n\nIn a Gallup poll released Monday, the senator led her rival by six points.\n"
    assert spans(text) == [("a Gallup poll released Monday", "In", ["the senator led her rival by six points"])]
    # where the clause has a speaker of its own, that one is the source
    assert spans("Poll.\n\nIn the poll, most voters said they wanted lower taxes.\n") == [
        ("most voters", "said", ["they wanted lower taxes"])]


def test_a_verb_of_saying_after_an_adjective_takes_the_subject_of_be() -> None:
    text = "Dam.\n\nThe company was careful to note that no one was hurt.\n"
    assert spans(text) == [("The company", "to note", ["that no one was hurt"])]


def test_said_in_a_statement_that() -> None:
    text = "Border.\n\nThe ministry said in a statement that the border would reopen on Monday.\n"
    assert spans(text) == [("The ministry", "said in a statement", ["that the border would reopen on Monday"])]


def test_a_pledge_is_an_attribution_and_hard_to_believe_names_no_source() -> None:
    assert spans("Vote.\n\nThe senator pledged to vote against the bill.\n") == [
        ("The senator", "pledged", ["to vote against the bill"])]
    assert spans("Troops.\n\nThe troops went back to the base.\n") == []
    assert all(source is None for source, _, _ in spans("River.\n\nIt is hard to believe the river rose so fast.\n"))


def test_a_clause_a_comma_sets_off_inside_the_material_is_an_attribution_of_its_own() -> None:
    text = "Port.\n\nSenator Ruiz backed the port tax, which she said would fund new docks.\n"
    assert spans(text) == [("Senator Ruiz", "backed", ["the port tax"]),
                           ("she", "said", ["which", "would fund new docks"])]


def test_a_cue_inside_the_material_and_not_set_off_is_the_material() -> None:
    text = "Port.\n\nThe mayor said she thinks the port will close.\n"
    assert spans(text) == [("The mayor", "said", ["she thinks the port will close"])]


def test_a_participle_the_parser_hangs_on_the_material_is_the_speaker_s() -> None:
    text = "Port.\n\nSenator Ruiz said the port tax is fair, adding that it will fund new docks.\n"
    assert spans(text) == [("Senator Ruiz", "said", ["the port tax is fair"]),
                           ("Senator Ruiz", "adding", ["that it will fund new docks"])]


def test_as_x_told_y_reports_the_clause_it_hangs_from() -> None:
    text = "Port.\n\nAs the harbor master told reporters, the ferry will not sail today.\n"
    assert record_for(text, "told") == ("the harbor master", "told", ["the ferry will not sail today"])


def test_a_relative_clause_reports_the_noun_it_leaves_its_object() -> None:
    text = "Port.\n\nThe board rejected the plan, a proposal the mayor once supported.\n"
    assert record_for(text, "once supported") == ("the mayor", "once supported", ["a proposal"])


def test_the_one_asked_is_left_out_and_what_about_is_content() -> None:
    text = "Port.\n\nThe reporter asked the mayor about the budget.\n"
    assert spans(text) == [("The reporter", "asked", ["the budget"])]


def test_calling_for_someone_to_do_something() -> None:
    text = "Port.\n\nThe union is calling for the minister to resign.\n"
    assert spans(text) == [("The union", "is calling for", ["the minister to resign"])]


def test_a_thought_inside_a_quote_with_no_cue_found_is_the_quote_s_words() -> None:
    text = "Port.\n\nThe mayor was blunt.\n\n“I think the plan will fail. We know it.”\n"
    assert spans(text) == []


def test_a_name_and_a_colon_is_a_speaker() -> None:
    assert spans("Port.\n\nAna Ruiz: The Port Fees Will Rise Next Year.\n") == [
        ("Ana Ruiz", ":", ["The Port Fees Will Rise Next Year"])]


def test_a_name_and_a_colon_says_nothing_without_a_verb() -> None:
    assert spans("Port.\n\nAna Ruiz: 1,769.\n\nTwitter: @anaruiz.\n") == []


def test_a_name_after_a_dash_and_before_a_colon_and_a_quote_is_a_speaker() -> None:
    text = "Port.\n\nFEES ARE RISING - Ana Ruiz and Tom Baker: “The port will charge more next year.”\n"
    assert spans(text) == [("Ana Ruiz and Tom Baker", ":", ["“The port will charge more next year.”"])]


def test_found_and_knows_report_only_with_a_clause() -> None:
    text = "Port.\n\nThe inspectors found that the crates were empty. Tom Baker found a job at the depot. She knows the area well.\n"
    assert spans(text) == [("The inspectors", "found", ["that the crates were empty"])]


def test_spoke_reports_only_with_what_it_was_about() -> None:
    text = "Port.\n\nThe mayor spoke about the port fees on Monday. The mayor spoke for an hour.\n"
    assert spans(text) == [("The mayor", "spoke about", ["the port fees"])]


def test_downplayed_is_a_cue() -> None:
    assert spans("Port.\n\nThe governor downplayed the risk of a strike.\n") == [
        ("The governor", "downplayed", ["the risk of a strike"])]


def test_a_source_set_off_by_dashes_keeps_its_closing_dash() -> None:
    assert spans("Port.\n\nAna Ruiz — a port official — said the fees would rise.\n") == [
        ("Ana Ruiz — a port official —", "said", ["the fees would rise"])]


def test_a_speaker_s_colon_the_parser_ends_a_sentence_at_reaches_the_paragraph_s_end() -> None:
    assert spans("Port.\n\nREYES: I expect the fees will rise.\n") == [("REYES", ":", ["I expect the fees will rise"])]


def test_even_before_a_source_is_not_the_source_s() -> None:
    assert spans("Port.\n\nEven a top aide to the mayor said the fees would rise.\n") == [
        ("a top aide to the mayor", "said", ["the fees would rise"])]


def test_when_and_how_the_source_spoke_is_not_the_source_s() -> None:
    assert spans("Port.\n\nPort director Ana Ruiz on Friday said the fees would rise.\n") == [
        ("Port director Ana Ruiz", "said", ["the fees would rise"])]
    assert spans("Port.\n\nAna Ruiz, speaking at the port, said the fees would rise.\n") == [
        ("Ana Ruiz", "said", ["the fees would rise"])]
    assert spans("Port.\n\nAna Ruiz, a port official, said the fees would rise.\n") == [
        ("Ana Ruiz, a port official,", "said", ["the fees would rise"])]
