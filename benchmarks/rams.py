"""Giver → recipient recall on RAMS dev: human-labelled transfer, supply and aid events between states.

    python benchmarks/rams.py ../shared/data/rams/dev.jsonlines

RAMS (Ebner et al., ACL 2020) labels one event per five-sentence window, with its trigger and
arguments. For the ownership-transfer, money-transfer, supply/export and aid events whose giver
and recipient both name a state (as Lading's actor recognizer reads those argument spans), this
counts how often Lading's extraction of the window yields a transfer in the trigger's sentence
from the giver's state to the recipient's state (the direction), and how often it yields the
pair at all (either direction). With --show, prints each such event's sentence and what Lading read.

RAMS labels event mentions whatever their factuality: a threatened embargo, a hypothetical purchase
or a call for a boycott is an event there, and no transfer claim under Lading's guidelines.
"""
import argparse
import json
from collections import Counter

from lading.extract.actors import find_actors
from lading.extract.pipeline import extract_parsed
from lading.ingest.text import article_from_text
from lading.nlp import parse

TYPES = ("transaction.transferownership", "transaction.transfermoney", "movement.transportartifact.sendsupplyexport",
         "transaction.transaction.giftgrantprovideaid")
GIVERS = ("giver", "sender", "source")
RECIPIENTS = ("recipient", "beneficiary", "destination")


def state_of(doc, start: int, end: int, actors) -> str | None:
    """The country an argument's tokens name, if exactly one."""
    countries = {m.actor.country for m in actors.mentions if m.actor.country and m.start <= end and m.end - 1 >= start}
    return countries.pop() if len(countries) == 1 else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--show", action="store_true", help="print each state-to-state event and Lading's records")
    args = ap.parse_args()
    counts = Counter()
    for line in open(args.path, encoding="utf-8"):
        ex = json.loads(line)
        if not ex["evt_triggers"]:
            continue
        trig_s, _trig_e, labels = ex["evt_triggers"][0]
        event_type = labels[0][0]
        if not event_type.startswith(TYPES):
            continue
        counts["events"] += 1
        # rebuild the text with offsets per token, one sentence per line
        text, starts, sentence_of = "", [], []
        for n, sentence in enumerate(ex["sentences"]):
            for tok in sentence:
                starts.append(len(text))
                sentence_of.append(n)
                text += tok + " "
            text += "\n"
        parsed = parse(article_from_text(text, ex["doc_key"]))
        actors = find_actors(parsed.doc)
        char_to_token = {t.idx: t.i for t in parsed.doc}

        def span(s: int, e: int):
            first = char_to_token.get(starts[s])
            last = char_to_token.get(starts[e])
            return (first, last) if first is not None and last is not None else None

        roles = {}
        for (_, (a_s, a_e), label) in ex["gold_evt_links"]:
            role = label.split("arg", 1)[1][2:]
            tokens_span = span(a_s, a_e)
            if tokens_span:
                roles.setdefault(role, state_of(parsed.doc, *tokens_span, actors))
        giver = next((roles[r] for r in GIVERS if roles.get(r)), None)
        recipient = next((roles[r] for r in RECIPIENTS if roles.get(r)), None)
        if not giver or not recipient or giver == recipient:
            continue
        counts["state to state"] += 1
        records = extract_parsed(parsed)
        if args.show:
            print(f"-- {event_type}: {giver} -> {recipient} | {' '.join(ex['sentences'][sentence_of[trig_s]])}")
            print(f"   Lading: {[(t.supplier.country, t.recipient.country, t.certainty) for t in records] or 'no transfer'}")
        trigger_start = starts[trig_s]
        trigger_sentence = sentence_of[trig_s]
        found = set()
        for t in records:
            sentence = sentence_of[max(i for i, s in enumerate(starts) if s <= t.evidence[0].start)]
            if sentence == trigger_sentence or t.trigger and t.trigger.start == trigger_start:
                found.add((t.supplier.country, t.recipient.country))
        counts["direction found"] += (giver, recipient) in found
        counts["pair found (either way)"] += (giver, recipient) in found or (recipient, giver) in found
        counts["reversed"] += (recipient, giver) in found and (giver, recipient) not in found
    n = counts["state to state"]
    print(f"RAMS transfer/supply/aid events: {counts['events']}; with a giver and a recipient that are states: {n}")
    if n:
        print(f"giver → recipient recall: {counts['direction found']}/{n} = {counts['direction found'] / n:.2f}")
        print(f"pair recall (either direction): {counts['pair found (either way)']}/{n} = {counts['pair found (either way)'] / n:.2f}")
        print(f"found reversed: {counts['reversed']}")


if __name__ == "__main__":
    main()
