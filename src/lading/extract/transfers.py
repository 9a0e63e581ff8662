"""Where a sentence becomes a transfer.

A transfer word is a verb of giving ("supply", "ship", "sell"), of getting
("receive", "import", "buy") or of arriving ("arrive in"), or a noun of giving or
getting ("deliveries", "exports", "purchase"), all listed in
``knowledge/data/cues.yaml``. From the dependency parse around it we read a
*frame*: who gives, who gets, what. Parties the sentence leaves unsaid are then
filled by general rules, in order (``fill_parties``):

1. the maker named in the goods phrase ("Russian oil", "Russia's S-400");
2. a bare "in return": the other side of the flow just reported;
3. an earlier transfer of the same kind of goods in the article, with the same
   other party, else the party all such transfers agree on (the article's topic);
4. another state named in the same sentence, only where the giver is left out
   of a passive ("Russia will be supplied with …") or the getter out of a verb
   whose giver is named.

A phrase that names something other than a state (a "to Chinese rivals") closes
its role: we do not guess over the text. "In return for" / "in exchange for"
adds the flow in the other direction (``reciprocal_frames``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lading.extract.actors import ActorIndex, ActorMention
from lading.extract.goods import GoodsPhrase, classify, is_container, read_goods, worth
from lading.extract.quantities import read_quantity
from lading.knowledge import WeaponSystem, load
from lading.model import Actor, Quantity, Source

Direction = Literal["give", "get", "arrive"]
FIRST_PERSON_PLURAL = frozenset({"we", "us"})
OBJECT_CONTROL_PREPS = frozenset({"of", "for", "into", "from"})  # "accused Tehran of supplying", "thanked Seoul for sending"


@dataclass
class Frame:
    """One reading of a transfer word: the parties and goods the parse gives it."""

    trigger: Token
    suppliers: list[ActorMention] = field(default_factory=list)
    recipients: list[ActorMention] = field(default_factory=list)
    goods: GoodsPhrase | None = None
    supplier_from: str = "text"  # text, goods, sentence, context: where the supplier was found
    recipient_from: str = "text"
    reciprocal_of: Frame | None = None  # set for the flow implied by "in return for"
    closed: set[str] = field(default_factory=set)  # roles the text fills with something that is not a state
    first_person: set[str] = field(default_factory=set)  # roles filled by "we"/"us": the speaker's side
    goods_from_context: bool = False  # a flow noun with parties but no goods: the goods of the transfer before it
    unnamed_state: set[str] = field(default_factory=set)  # roles filled by a state left unnamed ("a European country")


def trigger_kind(token: Token) -> tuple[str, Direction] | None:
    """("verb"|"noun"|"agent", "give"|"get"|"arrive") if ``token`` is a transfer word, else None."""
    cues = load().cues
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" or _misread_verb(token):
        if lemma in cues["particle_verbs"]:
            if any(c.dep_ == "prt" and c.lower_ == "over" for c in token.children):
                return "verb", "give"
            return None
        if lemma in cues["give_verbs"]:
            return "verb", "give"
        if lemma in cues["get_verbs"] or lemma in cues["dependence_verbs"]:
            return "verb", "get"
        if lemma in cues["arrival_verbs"]:
            return "verb", "arrive"
    elif token.pos_ in ("NOUN", "PROPN"):
        if lemma in cues["giver_nouns"]:
            return "agent", "give"
        if lemma in cues["getter_nouns"]:
            return "agent", "get"
        if lemma in cues["give_nouns"] or lemma in cues["flow_goods_nouns"]:
            return "noun", "give"
        if lemma in cues["get_nouns"]:
            return "noun", "get"
    return None


def _misread_verb(token: Token) -> bool:
    """'… Gabon, which import from Cameroon': a word tagged as a noun that has a subject is a verb."""
    return token.pos_ == "NOUN" and any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children)


def read_frames(sent: SpacySpan, actors: ActorIndex, weapons: dict[int, WeaponSystem]) -> list[Frame]:
    """Frames for every transfer word in ``sent`` that names goods."""
    frames: list[Frame] = []
    for token in sent:
        kind = trigger_kind(token)
        if kind is None:
            continue
        form, direction = kind
        read = {"verb": _verb_frame, "noun": _noun_frame, "agent": _agent_frame}[form]
        frame = read(token, direction, actors, weapons)
        if frame is not None and (frame.goods_from_context or frame.goods is not None and not _is_pronoun_goods(frame.goods)):
            frames.append(frame)
    return _drop_nested(frames)


def _is_pronoun_goods(goods: GoodsPhrase) -> bool:
    return goods.head.pos_ == "PRON"


def _drop_nested(frames: list[Frame]) -> list[Frame]:
    """'supplied … deliveries of shells', 'supplied half of the shells that Ukraine received': keep the verb's
    frame when a noun or relative clause inside its goods only repeats them (but not when the noun names a party the verb lacks: "Russia's gas supplies to Serbia, delivered by Gazprom")."""
    out = []
    for f in frames:
        if (f.trigger.pos_ != "VERB" or f.trigger.dep_ in ("relcl", "acl")) and any(
            g is not f and g.trigger.pos_ == "VERB" and g.goods is not None and g.goods.start <= f.trigger.i < g.goods.end
            and (g.suppliers or not f.suppliers) and (g.recipients or not f.recipients) for g in frames
        ):
            continue
        out.append(f)
    return out


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, words: frozenset[str] | set[str]) -> list[Token]:
    out = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in words:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _goods_prep_objects(goods_tokens: list[Token], words: frozenset[str]) -> list[Token]:
    """'imports the bulk of its weapons from Russia': a party phrase the parser hung on the goods."""
    out: list[Token] = []
    for g in goods_tokens:
        for t in g.subtree:
            if t.dep_ == "prep" and t.lower_ in words and t.head.pos_ not in ("VERB", "AUX"):
                out.extend(c for c in t.children if c.dep_ == "pobj")
    return out


def _recipient_objects(word: Token, actors: ActorIndex) -> list[Token]:
    """Objects of "to"/"into", and of "for" when it names an actor outright
    ("for Ukraine", not "for the war in Ukraine")."""
    out = []
    for prep in word.children:
        if prep.dep_ not in ("prep", "dative") or prep.lower_ not in load().cues["recipient_preps"]:
            continue
        for obj in _prep_nouns(prep):
            if prep.lower_ == "for" and actors.at(obj.i) is None:
                continue
            if not actors.resolve(obj):
                obj = _next_in_phrase(obj, actors) or obj
            out.append(obj)
    return out


def _prep_nouns(prep: Token) -> list[Token]:
    """The preposition's object; "to neighboring Mali", which the parser reads as a verb
    "neighboring" taking "Mali", gives Mali."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    for pcomp in (c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG" and not objs):
        objs.extend(c for c in pcomp.children if c.dep_ == "dobj")
    return objs


def _next_in_phrase(obj: Token, actors: ActorIndex) -> Token | None:
    """'to customers in three U.S. states': the parser often hangs the "in" phrase on the verb."""
    nxt = obj.right_edge.i + 1
    doc = obj.doc
    if nxt < len(doc) and doc[nxt].lower_ == "in" and doc[nxt].head.i == obj.head.head.i:
        objs = [c for c in doc[nxt].children if c.dep_ == "pobj" and actors.resolve(c)]
        return objs[0] if objs else None
    return None


def _gerund_host(verb: Token) -> Token | None:
    """'is shipping shells', 'denied supplying weapons': the small parser often makes the -ing
    verb a modifier of its object. Returns the word governing that object, if so."""
    if verb.tag_ == "VBG" and verb.dep_ in ("amod", "compound") and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i > verb.i:
        return verb.head.head
    return None


def _zero_relative_object(verb: Token) -> list[Token]:
    """'electricity Ontario sends to …', 'the S-400s Ankara purchased': in a relative clause
    without "that" the parser often makes the object noun a modifier of the subject's name."""
    candidates = _children(verb, "nsubj") + ([verb.head] if verb.dep_ in ("acl", "relcl") else [])
    for subj in candidates:
        if subj.pos_ != "PROPN":
            continue
        mods = [c for c in subj.children if c.dep_ == "compound" and c.i < subj.i and c.pos_ in ("NOUN", "PROPN")]
        if mods:
            return mods[:1]
    return []


def _dative_compound(objects: list[Token], actors: ActorIndex) -> list[Token]:
    """'sent Ukraine Patriot systems': a state's name fused into the object is the recipient
    (an adjective there - "Russian weapons" - names the maker instead); so is the first of two
    objects the parser gives the verb ("sent Ukraine more than 30 tanks")."""
    named = [o for o in objects if (m := actors.at(o.i)) is not None and m.via in ("name", "metonym")]
    if len(objects) >= 2 and named and named[0] is objects[0]:
        return [objects[0]]
    out = []
    for obj in objects:
        first = obj.doc[obj.left_edge.i]
        m = actors.at(first.i)
        if first.dep_ in ("compound", "nmod") and m is not None and m.via in ("name", "metonym") and first.i < obj.i:
            out.append(first)
    return out


def _subject(verb: Token) -> Token | None:
    """The verb's subject; when it has none, the controller from the verb it hangs from:
    "began supplying" and "is believed to have sent" borrow the subject, "accused Tehran of
    supplying" and "urged Berlin to send" borrow the object, "by continuing to provide" the subject."""
    node = verb
    for _ in range(4):
        subj = _children(node, "nsubj", "csubj") or (_children(node, "nsubjpass") if node.i != verb.i else [])
        if subj:
            return subj[0]
        if node.dep_ in ("conj", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ == "xcomp" or (node.dep_ == "pcomp" and node.head.dep_ == "prep"):
            governor = node.head if node.dep_ == "xcomp" else node.head.head
            objects = _children(governor, "dobj")
            # "by continuing to provide": a gerund of means or time keeps the governor's subject
            if objects and (node.dep_ == "xcomp" or node.head.lower_ in OBJECT_CONTROL_PREPS):
                return objects[0]
            node = governor
            continue
        if node.dep_ in ("relcl", "acl") and any(c.tag_ == "TO" for c in node.children) and node.head.dep_ == "attr":
            node = node.head.head  # "Iran was the first country to provide …": the subject of "was"
            continue
        break
    return None


def _actors(tokens: list[Token], actors: ActorIndex) -> list[ActorMention]:
    out: list[ActorMention] = []
    for t in tokens:
        for m in actors.resolve(t):
            if m.actor.country and m not in out:
                out.append(m)
    return out


def _verb_frame(verb: Token, direction: Direction, actors: ActorIndex, weapons) -> Frame | None:
    cues = load().cues
    lemma = verb.lemma_.lower()
    # "the assistance provided by the United States to Ukraine": a participle is passive too, and so is
    # a verb with a "by" agent whose subject the parser calls active ("launchers supplied … by a country")
    agentive = verb.tag_ == "VBN" and bool(_children(verb, "agent"))
    passive = bool(_children(verb, "nsubjpass", "auxpass")) or agentive or (
        verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and not _children(verb, "nsubj", "aux"))
    patients = _children(verb, "nsubjpass") or (_children(verb, "nsubj") if agentive else [])
    subj = patients[0] if patients else _subject(verb) if not passive else None
    agents = _prep_objects(verb, {"by"})
    # "the jets that Denmark handed over": a relative pronoun object stands for the noun it modifies
    objects = [verb.head if _is_relative_pronoun(o) else o for o in _children(verb, "dobj")] or _zero_relative_object(verb)
    if lemma in cues["dependence_verbs"]:
        objects = _prep_objects(verb, {"on", "upon"})  # "Iraq relies on Iranian gas"
    with_objects = _prep_objects(verb, {"with"}) if lemma in cues["with_verbs"] else []
    datives = [c for c in _children(verb, "dative", "iobj") if c.pos_ in ("PROPN", "NOUN")]
    if not objects:  # "has given Kim Jong Un two limousines" parsed with the limousines in apposition to Kim
        objects = [a for d in datives for a in d.children if a.dep_ == "appos" and a.pos_ == "NOUN"]
    to_objects = _recipient_objects(verb, actors) + datives or [
        # "delivered four rounds of aid worth $123 million to Guinea, Liberia and Sierra Leone": the
        # parser hangs "to" on a misread modifier of the verb
        o for c in verb.children if c.dep_ == "advcl" and c.pos_ not in ("VERB", "AUX") or c.lower_ == "worth"
        for o in _recipient_objects(c, actors)]
    from_objects = _prep_objects(verb, cues["supplier_preps"])
    host = _gerund_host(verb)
    if host is not None:  # "denied supplying weapons to …" parsed as "supplying" modifying "weapons"
        objects = objects or [verb.head]
        subj = subj or (_subject(host) if host.pos_ in ("VERB", "AUX") else None)
        to_objects = to_objects or _recipient_objects(host, actors)
        from_objects = from_objects or _prep_objects(host, cues["supplier_preps"])
    # the noun a relative or participle clause describes is its object ("the weapons Ankara purchased",
    # "drones supplied by Iran") unless the clause's subject is the relative pronoun ("Gabon, which imports")
    subject_relative = subj is not None and _is_relative_pronoun(subj)
    modified = [_with_measure(verb.head)] if verb.dep_ in ("acl", "relcl") and not subject_relative else []
    if modified and actors.at(verb.head.i) is not None and objects and objects[0].head.i != verb.i:
        modified = []  # zero relative repaired above: the head is the subject, not the goods

    if direction == "arrive":
        return _arrival_frame(verb, subj, from_objects, actors, weapons)
    frame = Frame(verb)
    pay_for = _prep_objects(verb, {"for"}) if lemma in cues["purchase_with_for"] else []
    if pay_for and not objects:  # "Chinese refiners paid for Iranian crude": a purchase
        direction = "get"
        objects = pay_for
    if direction == "give":
        if with_objects:  # "supplied Russia with shells" / "Russia was supplied with shells"
            goods_tokens = with_objects
            recipient_tokens = [subj] if passive and subj is not None else objects
        elif passive and objects and subj is not None:  # "Ukraine was given 31 tanks by the United States"
            goods_tokens = objects
            recipient_tokens = [subj]
        else:
            goods_tokens = ([subj] if passive and subj is not None else objects) or modified
            recipient_tokens = to_objects
        supplier_tokens = agents if passive else ([subj] if subj is not None else [])
    else:
        goods_tokens = ([subj] if passive and subj is not None else objects) or modified
        recipient_tokens = agents if passive else ([subj] if subj is not None else [])
        supplier_tokens = from_objects
    if direction == "give" and modified and not recipient_tokens:
        recipient_tokens = _getter_of(modified[0])  # "Malawi received 20,000 tonnes of fertilizer donated by Russia"
    if direction == "give" and not recipient_tokens and goods_tokens:
        recipient_tokens = _getter_in_relative(goods_tokens[0])
    if direction == "give" and not recipient_tokens:
        recipient_tokens = _helped(verb, actors)
    if direction == "give" and not recipient_tokens and verb.dep_ == "relcl" and any(
            c.lower_ == "where" and c.dep_ == "advmod" for c in verb.children):
        recipient_tokens = [verb.head]  # "China, where thousands of North Korean workers have been sent"
        if goods_tokens == [verb.head]:
            goods_tokens = [subj] if subj is not None else []
    if direction == "give" and not _actors(recipient_tokens, actors) and not passive:
        # "provided assistance to Ukraine, including …, to the front lines": the goods' own "to" names the getter
        recipient_tokens = _dative_compound(objects, actors) or [
            t for t in _goods_prep_objects(goods_tokens, frozenset({"to", "into"})) if actors.resolve(t)] or recipient_tokens
    if direction == "get" and not supplier_tokens:
        supplier_tokens = _goods_prep_objects(goods_tokens, load().cues["supplier_preps"])
    if subj is None and verb.dep_ in ("acl", "relcl") and _zero_relative_object(verb):
        subj = verb.head
        if direction == "give":
            supplier_tokens = supplier_tokens or [subj]
        else:
            recipient_tokens = recipient_tokens or [subj]
    _set_parties(frame, supplier_tokens, recipient_tokens, actors)
    if direction == "give" and not recipient_tokens and (_prep_objects(verb, cues["place_preps"]) or any(
            c.lower_ in cues["unnamed_destinations"] for c in verb.children)):
        frame.closed.add("recipients")  # "sent warships near Taiwan", "shipped abroad": no party to guess
    frame.goods = _what_the_money_bought(verb, _goods(goods_tokens, actors, weapons), actors, weapons)
    if frame.goods is not None and frame.goods.quantity is None and (value := worth(verb)) is not None:
        frame.goods = replace(frame.goods, quantity=value)  # "delivered four rounds of aid worth $123 million"
    if frame.goods is not None:
        frame.goods = _along_with(verb, frame.goods, actors, weapons)
    if frame.goods is None and not goods_tokens and not with_objects and \
            lemma not in cues["motion_verbs"] and lemma not in cues["weak_give_verbs"]:
        frame.goods = _goods_in_sentence(verb, actors, weapons)
    if frame.goods is None and lemma in cues["weak_give_verbs"]:
        return None
    if lemma in cues["motion_verbs"] and not frame.recipients:
        return None
    return frame


def _arrival_frame(verb: Token, subj: Token | None, from_objects: list[Token], actors: ActorIndex, weapons) -> Frame | None:
    """'The first Patriot systems have arrived in Ukraine': the goods are the subject, where they
    arrive receives them, and who sent them comes from "from" or the goods' maker. With a verb of
    origin ("come from") and no place, whose goods they are receives them."""
    frame = Frame(verb)
    if subj is None or (actors.at(subj.i) is not None and subj.pos_ == "PROPN"):
        return None
    cues = load().cues
    if verb.lemma_.lower() in cues["craft_arrival_verbs"] and not any(
            c.dep_ == "acl" and c.lemma_.lower() in cues["carrying_verbs"] for c in subj.children):
        return None
    if verb.lemma_.lower() in cues["origin_verbs"] and not from_objects:
        return None
    frame.goods = read_goods(subj, actors, weapons)
    places = _prep_objects(verb, {"in", "at", "into", "to"}) + _children(verb, "dobj")
    if not places and frame.goods is not None:  # "Hezbollah's rockets come from Iran"
        places = _owners(frame.goods) or _getter_in_relative(subj)
    _set_parties(frame, from_objects or _goods_prep_objects([subj], cues["supplier_preps"]), places, actors)
    return frame if frame.recipients else None


def _owners(goods: GoodsPhrase) -> list[Token]:
    """The possessors in a goods phrase ("Hezbollah's rockets", "most of its weapons")."""
    return [t for t in goods.head.doc[goods.start:goods.end] if t.dep_ == "poss"]


def _what_the_money_bought(verb: Token, goods: GoodsPhrase | None, actors: ActorIndex, weapons) -> GoodsPhrase | None:
    """'provided $3.8 billion a year in military aid', where the parser hangs "in military aid" on the
    verb: a sum is the quantity of the goods named right after it."""
    if goods is None or any(item.category != "money" for item in goods.items):
        return goods
    after = goods.head.right_edge.i + 1
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i == after), None)
    bought = _goods([o for o in prep.children if o.dep_ == "pobj"], actors, weapons) if prep is not None else None
    if bought is None or any(item.category == "money" for item in bought.items):
        return goods
    return GoodsPhrase(bought.head, bought.items, goods.quantity, bought.origin or goods.origin, goods.start, bought.end)


def _along_with(verb: Token, goods: GoodsPhrase, actors: ActorIndex, weapons) -> GoodsPhrase:
    """'provided Ukraine with equipment, along with $7.6 billion in humanitarian assistance': goods
    added by "along with" / "together with" are goods of the same transfer (their sum is not the
    record's: it counts only part of what the record names)."""
    items = list(goods.items)
    for word in (c for c in [*verb.children, *goods.head.children] if c.lower_ in ("along", "together")):
        for added in (read_goods(o, actors, weapons) for p in _children(word, "prep") if p.lower_ == "with"
                      for o in _children(p, "pobj")):
            if added is not None:
                items += [g for g in added.items if all(g.category != x.category for x in items)]
    return replace(goods, items=tuple(items)) if len(items) > len(goods.items) else goods


def _goods_in_sentence(verb: Token, actors: ActorIndex, weapons) -> GoodsPhrase | None:
    """'… the cost of chicken has jumped in Gabon, which imports from Cameroon': a verb of trade
    used without an object trades in the goods its sentence is about (the nearest named before it)."""
    for t in reversed(list(verb.sent[: verb.i - verb.sent.start])):
        if t.pos_ in ("NOUN", "PROPN") and actors.at(t.i) is None and t.dep_ != "compound":
            g = read_goods(t, actors, weapons)
            if g is not None and all(item.category != "money" for item in g.items):  # a price is not the goods
                return g
    return None


def _goods(tokens: list[Token], actors: ActorIndex, weapons) -> GoodsPhrase | None:
    for t in tokens:
        if actors.at(t.i) is not None and actors.at(t.i).via != "descriptor" and t.pos_ == "PROPN":
            continue  # a party, not goods
        g = read_goods(t, actors, weapons)
        if g is not None:
            return g
    return None


def _noun_frame(noun: Token, direction: Direction, actors: ActorIndex, weapons) -> Frame | None:
    cues = load().cues
    frame = Frame(noun)
    # goods: "deliveries of shells", "arms exports", "Russian fuel supplies", or the noun itself ("military aid")
    of_objects = _prep_objects(noun, {"of"})
    goods = _goods(of_objects, actors, weapons) if of_objects else None
    if goods is None:
        goods = _compound_goods(noun, actors, weapons)
    if goods is None and noun.dep_ == "ROOT":
        # "Hungary imports most of its gas from Russia" parsed as a verbless noun phrase
        goods = _goods(_children(noun, "appos", "dobj", "npadvmod"), actors, weapons)
    if goods is None and noun.lemma_.lower() in cues["flow_goods_nouns"]:
        goods = read_goods(noun, actors, weapons)
    if goods is None and not of_objects and _named_flow_party(noun, actors):
        # "Shipments from Iraq slipped to 830,000 bpd": the goods the article is about (see fill_parties)
        frame.goods_from_context = True
        givers = _prep_objects(noun, cues["supplier_preps"])
        getters = _recipient_objects(noun, actors)
        owners = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound") and actors.at(c.i) is not None]
        if direction == "give":
            _set_parties(frame, givers + owners, getters, actors)
        else:
            _set_parties(frame, givers, getters + owners, actors)
        return frame
    if goods is None:
        return None
    frame.goods = goods if goods.quantity is not None else replace(goods, quantity=_volume(noun, goods))
    # parties: modifiers and possessors name the giver of a give-noun, the getter of a get-noun
    owners = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
              and (m := actors.at(c.i)) is not None and m.actor.country and not (goods.start <= c.i < goods.end and c.i != noun.i and _in_goods_only(c, goods))]
    by_objects = _prep_objects(noun, {"by"})
    # "the transfer of Iranian missiles to Russia": the parser often hangs "to Russia" on the goods
    to_objects = _recipient_objects(noun, actors) or (_recipient_objects(goods.head, actors) if goods.head.i != noun.i else [])
    if not to_objects and noun.lemma_.lower() in cues["flow_goods_nouns"]:
        to_objects = [t for t in of_objects if actors.at(t.i) is not None]  # "backing of the Libyan government"
    if direction == "give" and not to_objects:
        to_objects = _getter_of(noun)  # "China buys most of Iran's oil exports"
    from_objects = _prep_objects(noun, cues["supplier_preps"]) or _goods_prep_objects([goods.head], cues["supplier_preps"])
    if direction == "get" and not from_objects:
        from_objects = _subject_taking(noun, "give_verbs")  # "China supplied 47 percent of Pakistan's arms imports"
    if direction == "give" and not to_objects and not owners and _light_receiver(noun) is not None:
        direction = "get"  # "Poland took delivery of K2 tanks": the taker receives
        owners = [_light_receiver(noun)]
    elif direction == "give" and not owners and not by_objects and not from_objects and _flow_manager(noun) is not None:
        owners = [_flow_manager(noun)]  # "Gazprom stopped the gas supply to Germany": who stops it supplies it
        to_objects = to_objects or _recipient_objects(noun.head, actors)
    elif direction == "give" and not to_objects and _flow_manager(noun) is not None:
        to_objects = [t for t in _recipient_objects(noun.head, actors) if actors.resolve(t)]  # "cut its shipments to China"
    if direction == "give":
        _set_parties(frame, owners + by_objects + from_objects, to_objects, actors)
    else:
        _set_parties(frame, from_objects, owners + by_objects, actors)
    return frame


def _volume(noun: Token, goods: GoodsPhrase) -> Quantity | None:
    """'India's imports of Russian crude rose to a record 1.96 million barrels per day': what a flow
    noun's verb of volume reaches ("to …", or its object: "hit a record of 1.1 million tonnes"), or
    what a verb that changes the flow brings it to ("cut its crude shipments to 30,000 barrels a day")."""
    verb = noun.head
    cues = load().cues
    if not (noun.dep_ == "nsubj" and verb.lemma_.lower() in cues["volume_verbs"]
            or noun.dep_ == "dobj" and verb.lemma_.lower() in cues["flow_control_verbs"]):  # "cut its shipments to"
        return None
    reached = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"] or (
        _children(verb, "dobj") if noun.dep_ == "nsubj" else [])
    category = goods.items[0].category if goods.items else None
    return next((q for r in reached if (q := read_quantity(list(r.subtree), category)) is not None), None)


def _with_measure(noun: Token) -> Token:
    """'20,000 tonnes of fertilizer donated by …', '$6.5 billion in loans Rosneft has extended': the
    measure the goods noun is counted in, whose phrase carries the quantity."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("of", "in") and is_container(noun.head.head):
        noun = noun.head.head
    return noun


def _getter_of(noun: Token) -> list[Token]:
    """The subject of a verb of getting whose object (or the measure of whose object) ``noun`` is."""
    return _subject_taking(noun, "get_verbs")


def _subject_taking(noun: Token, verbs: str) -> list[Token]:
    """The subject of a verb of the cue group ``verbs`` whose object, or the measure or share of whose
    object, ``noun`` is ("China supplied 47 percent of Pakistan's arms imports")."""
    cues = load().cues
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ == "of":
        noun = noun.head.head
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in cues[verbs]:
        return _children(noun.head, "nsubj")
    if verbs == "give_verbs" and noun.dep_ == "pobj" and noun.head.lower_ == "for" and \
            noun.head.head.lemma_.lower() in cues["share_verbs"]:
        return _children(noun.head.head, "nsubj")  # "Russia accounted for 45 percent of India's arms imports"
    return []


def _helped(verb: Token, actors: ActorIndex) -> list[Token]:
    """'deployed 1,000 fighters to support Haftar's Libyan National Army': the one a purpose clause
    of helping takes as its object gets what was sent."""
    clauses = [*verb.children, *(c for o in _children(verb, "dobj") for c in o.children)]  # "fighters to support"
    for clause in clauses:
        if clause.dep_ in ("advcl", "xcomp", "relcl", "acl") and clause.lemma_.lower() in load().cues["purpose_verbs"] and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            return [o for o in _children(clause, "dobj") if actors.resolve(o)]
    return []


def _getter_in_relative(noun: Token) -> list[Token]:
    """'contributed 7% of the $13.6 billion that Malaysia received': the subject of a relative clause of
    getting on the goods, or on what their measure holds."""
    get_verbs = load().cues["get_verbs"]
    for _ in range(3):
        for clause in _children(noun, "relcl"):
            if clause.lemma_.lower() in get_verbs:
                return _children(clause, "nsubj")
        held = _prep_objects(noun, {"of", "in"})
        if not held:
            break
        noun = held[0]
    return []


def _agent_frame(noun: Token, direction: Direction, actors: ActorIndex, weapons) -> Frame | None:
    """'Iran has become a key supplier of drones to Russia', 'Algeria is Russia's third-largest arms
    customer', 'a Chinese exporter of chips to Iran': the noun names one party by what it does, its
    clause's subject (or the name it is in apposition to, or its nationality) is that party, and a
    possessor or "to"/"from" names the other. Without goods named there is no claim."""
    cues = load().cues
    frame = Frame(noun)
    of_objects = _prep_objects(noun, {"of"})
    goods = (_goods(of_objects, actors, weapons) if of_objects else None) or _compound_goods(noun, actors, weapons)
    if goods is None:
        return None
    frame.goods = goods
    described = _described_by(noun)
    own = [described] if described is not None else []
    own += [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and (m := actors.at(c.i)) is not None
            and m.actor.country and not goods.start <= c.i < goods.end]
    possessors = [c for c in noun.children if c.dep_ == "poss" and actors.at(c.i) is not None]
    if direction == "give":
        _set_parties(frame, own, _recipient_objects(noun, actors) or _recipient_objects(goods.head, actors) or possessors, actors)
    else:
        from_objects = _prep_objects(noun, cues["supplier_preps"]) or _goods_prep_objects([goods.head], cues["supplier_preps"])
        # "clients of NSO's spyware in Saudi Arabia, Morocco and Rwanda": where the getters are
        own = own or [t for t in _prep_objects(noun, {"in"}) + _goods_prep_objects([goods.head], frozenset({"in"}))
                      if actors.resolve(t)]
        _set_parties(frame, from_objects or possessors, own, actors)
    return frame


def _described_by(noun: Token) -> Token | None:
    """The party an agent noun describes: the subject of "is/became/remains a supplier", or the
    name it is in apposition to ("Iran, a key supplier of drones, …")."""
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("AUX", "VERB"):
        return next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _named_flow_party(noun: Token, actors: ActorIndex) -> bool:
    """A flow noun with a state named by "from" or "to" ("shipments from Iraq", "exports to China")."""
    cues = load().cues
    return any(m.actor.country for t in _prep_objects(noun, cues["supplier_preps"] | {"to"}) for m in actors.resolve(t))


def _flow_manager(noun: Token) -> Token | None:
    """The subject of a verb that starts, stops or changes a flow it takes as object."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in load().cues["flow_control_verbs"]:
        return _subject(noun.head)
    return None


def _light_receiver(noun: Token) -> Token | None:
    """The subject of "take/get/accept" when a flow noun is its object ("took delivery of")."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in load().cues["receiving_light_verbs"]:
        return _subject(noun.head)
    return None


def _set_parties(frame: Frame, supplier_tokens: list[Token], recipient_tokens: list[Token], actors: ActorIndex) -> None:
    """Parties from their phrases; a phrase that names no state closes the role to guessing."""
    cues = load().cues
    frame.suppliers = _actors(supplier_tokens, actors)
    frame.recipients = _actors(recipient_tokens, actors)
    for role, tokens, found in (("suppliers", supplier_tokens, frame.suppliers), ("recipients", recipient_tokens, frame.recipients)):
        if tokens and not found and not any(_is_relative_pronoun(t) for t in tokens):
            frame.closed.add(role)
            if any(t.lower_ in FIRST_PERSON_PLURAL for t in tokens):
                frame.first_person.add(role)
            if any(t.lemma_.lower() in cues["state_reference_strong"] and t.pos_ == "NOUN"
                   and any(d.dep_ == "det" and d.lower_ in ("a", "an", "another", "one") for d in t.children) for t in tokens):
                frame.unnamed_state.add(role)  # "by a European country": some state, not one to guess


def _is_relative_pronoun(t: Token) -> bool:
    return t.lower_ in ("which", "that", "who") and t.head.dep_ in ("relcl", "acl")


def _in_goods_only(token: Token, goods: GoodsPhrase) -> bool:
    return token.i != goods.head.i and goods.start <= token.i < goods.end


def _compound_goods(noun: Token, actors: ActorIndex, weapons) -> GoodsPhrase | None:
    """'arms exports', 'fuel supplies', 'oil imports': goods named as a modifier of the flow noun."""
    for child in sorted(noun.children, key=lambda c: -c.i):
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i and actors.at(child.i) is None:
            items = classify(child, weapons, adjectives=True)
            if items:
                return GoodsPhrase(child, items, None, None, child.left_edge.i, child.i + 1)
    return None


def fill_parties(frame: Frame, sent: SpacySpan, actors: ActorIndex, sources: frozenset[int], earlier: list[Frame]) -> Frame:
    """Fill a missing supplier or recipient by the three rules in the module docstring.

    One party must come from the text itself (or the goods' maker): a frame with
    neither is too thin to guess both.
    """
    if frame.goods is None and frame.goods_from_context:
        prev = next((p for p in reversed(earlier) if p.goods is not None), None)
        if prev is None:
            return frame
        frame.goods = GoodsPhrase(frame.trigger, prev.goods.items, None, None, frame.trigger.i, frame.trigger.i + 1)
    if frame.goods is not None and frame.goods.bare:  # "Rosneft then resells the cargoes to refiners in India"
        prev = next((p for p in reversed(earlier) if p.goods is not None and not p.goods.bare), None)
        if prev is not None:
            frame.goods = replace(frame.goods, items=prev.goods.items)
    if not frame.suppliers and "suppliers" not in frame.unnamed_state and frame.goods is not None and frame.goods.origin:
        # the maker, unless the text says another state gave them ("S-300s supplied by a European country")
        if all(r.actor.country != frame.goods.origin for r in frame.recipients):
            frame.suppliers, frame.supplier_from = [_state_mention(frame.goods.origin, frame.goods.start)], "goods"
    if not frame.suppliers and not frame.recipients:
        return frame
    frame = in_return(frame, earlier)
    for role in ("suppliers", "recipients"):
        if getattr(frame, role) or role in frame.closed:
            continue
        if role == "recipients" and frame.trigger.lemma_.lower() in load().cues["motion_verbs"]:
            continue  # "companies that transport weapons": moving goods names no getter unless the text does
        other = frame.recipients if role == "suppliers" else frame.suppliers
        found, origin = _earlier(frame, role, other, earlier), "context"
        if found is None and (role == "suppliers" and _agentless_passive(frame.trigger) or role == "recipients" and frame.trigger.pos_ == "VERB" and frame.supplier_from in ("text", "speaker")
                              and frame.trigger.lemma_.lower() not in load().cues["market_verbs"]
                              and frame.trigger.dep_ != "acl"):  # "rounds donated by Albania": a noun's modifier
            found, origin = _same_sentence(frame, sent, actors, sources), "sentence"
        if found is not None:
            setattr(frame, role, [found])
            setattr(frame, "supplier_from" if role == "suppliers" else "recipient_from", origin)
    return frame


def drop_speakers(frame: Frame, speakers: list[tuple[int, int]]) -> Frame:
    """'Iran Sends Drones to Russia - U.S. officials': a source phrase after the transfer word, which
    the parser may have glued onto a party's phrase, is not that party (unless the transfer is told
    inside it: "Cuba, which sent 165 doctors to Sierra Leone, said …")."""
    after = [(start, end) for start, end in speakers if start > frame.trigger.i]
    for role in ("suppliers", "recipients"):
        setattr(frame, role, [m for m in getattr(frame, role)
                              if not any(start <= m.start < end for start, end in after)])
    return frame


def fill_first_person(frame: Frame, chain: tuple[Source, ...], voice: str | None = None) -> Frame:
    """'“We have sent Ukraine 31 tanks,” Blinken said': "we" is the side of the innermost source,
    when that source is a person or a government whose state we know; in the page's own voice it is
    the government the page speaks for (``voice``: "We are providing aid to Yemen" on state.gov)."""
    if chain:
        speaker = chain[0]
        state = speaker.country if speaker.kind in ("person", "government") else None
    else:
        state = voice
    if state is None:
        return frame
    for role in frame.first_person:
        other = frame.recipients if role == "suppliers" else frame.suppliers
        if not getattr(frame, role) and all(m.actor.country != state for m in other):
            setattr(frame, role, [_state_mention(state, frame.trigger.i)])
            setattr(frame, "supplier_from" if role == "suppliers" else "recipient_from", "speaker")
    return frame


def _agentless_passive(trigger: Token) -> bool:
    """'Russia will be supplied with shells': the giver is left unsaid, often named nearby."""
    return trigger.pos_ == "VERB" and any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children) \
        and not _prep_objects(trigger, {"by"})


def _state_mention(iso3: str, at: int) -> ActorMention:
    country = load().countries.get(iso3)
    return ActorMention(at, at, Actor(country.name if country else iso3, iso3, "state"), "name")


def _same_sentence(frame: Frame, sent: SpacySpan, actors: ActorIndex, sources: frozenset[int]) -> ActorMention | None:
    """The state named nearest the transfer word in its sentence that plays no other part."""
    taken = {m.actor.country for m in frame.suppliers + frame.recipients}
    goods = frame.goods
    best: tuple[int, ActorMention] | None = None
    for m in actors.in_range(sent.start, sent.end):
        if not m.actor.country or m.actor.country in taken or m.via in ("media", "body"):
            continue
        if any(i in sources for i in range(m.start, m.end)):
            continue
        if goods is not None and goods.start <= m.start < goods.end:
            continue
        if _in_circumstance(sent.doc[m.start]) or not _in_own_clause(sent.doc[m.start], frame.trigger):
            continue
        distance = abs(m.start - frame.trigger.i)
        if best is None or distance < best[0]:
            best = (distance, m)
    return best[1] if best else None


def _in_own_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` belongs to the clause of the transfer word: inside it when that clause
    modifies a noun ("equipment Poland has given away"), and never in a clause coordinated with it
    that has its own subject ("Portugal dispatched a team, and South African helicopters …")."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ in ("relcl", "acl") and token.i not in {t.i for t in verb.subtree}:
        return False
    for clause in (c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        # the parser may hang the subject on an auxiliary ("helicopters have been plucking")
        heads = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
        if any(s.dep_ in ("nsubj", "nsubjpass") for h in heads for s in h.children) and \
                token.i in {t.i for t in clause.subtree}:
            return False
    return True


def _in_circumstance(token: Token) -> bool:
    """Whether ``token`` stands in a phrase of time, circumstance or target ("before the Russian
    invasion", "fired at Ukrainian positions"): no party to a transfer is named there."""
    cues = load().cues
    preps = cues["circumstance_preps"] | cues["target_preps"]
    return any(a.dep_ == "prep" and a.lower_ in preps for a in token.ancestors)


def _earlier(frame: Frame, role: str, other: list[ActorMention], earlier: list[Frame]) -> ActorMention | None:
    """The party an earlier transfer of the same kind of goods had in this role: the latest one with
    the same other party, else the one party all such earlier transfers agree on (the article's topic:
    "Germany handed over an IRIS-T system" after Patriots arrived in Ukraine)."""
    if frame.goods is None:
        return None
    families = load().lexicon.families
    categories = {families.get(g.category, g.category) for g in frame.goods.items}
    other_countries = {m.actor.country for m in other}
    same_goods = [p for p in earlier if p.goods is not None
                  and categories & {families.get(g.category, g.category) for g in p.goods.items}]
    for prev in reversed(same_goods):
        prev_other = prev.recipients if role == "suppliers" else prev.suppliers
        mine = prev.suppliers if role == "suppliers" else prev.recipients
        if mine and other_countries & {m.actor.country for m in prev_other}:
            return mine[0]
    candidates = [m for p in same_goods for m in (p.suppliers if role == "suppliers" else p.recipients)]
    if candidates and len({m.actor.country for m in candidates}) == 1 and candidates[-1].actor.country not in other_countries:
        return candidates[-1]
    return None


def in_return(frame: Frame, earlier: list[Frame]) -> Frame:
    """'In return, Pyongyang is believed to be receiving food': the other side of the latest flow."""
    if not earlier or (frame.suppliers and frame.recipients) or not _says_in_return(frame.trigger):
        return frame
    prev = earlier[-1]
    if not frame.suppliers and prev.recipients:
        frame.suppliers, frame.supplier_from = list(prev.recipients), "reciprocal"
    if not frame.recipients and prev.suppliers:
        frame.recipients, frame.recipient_from = list(prev.suppliers), "reciprocal"
    return frame


def _says_in_return(trigger: Token) -> bool:
    """A bare "in return" / "in exchange" on the transfer word or a verb above it."""
    reciprocal = load().cues["reciprocal_nouns"]
    for node in (trigger, *trigger.ancestors):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ == "in" and any(
                    g.lemma_.lower() in reciprocal and not any(c.dep_ == "prep" for c in g.children) for g in prep.children):
                return True
    return False


def reciprocal_frames(sent: SpacySpan, frames: list[Frame], actors: ActorIndex, weapons) -> list[Frame]:
    """'food and fuel … in return for arms exports to Russia': the flow that went the other way."""
    cues = load().cues
    out: list[Frame] = []
    for token in sent:
        if token.lemma_.lower() not in cues["reciprocal_nouns"] or token.head.lower_ != "in":
            continue
        objs = _prep_objects(token, {"for"})
        if not objs:
            continue
        inner = objs[0]
        attach = token.head.head  # what the "in return for" phrase hangs from
        pp = {t.i for t in token.head.subtree}
        inner_frame = next((f for f in frames if f.trigger.i in pp), None)
        outer_frame = next((f for f in frames if f.trigger.i == attach.i), None)
        if inner_frame is not None and outer_frame is None:
            goods = _clause_goods(attach, pp, actors, weapons, frames)
            if goods is not None and inner_frame.suppliers and inner_frame.recipients:
                out.append(Frame(token, list(inner_frame.recipients), list(inner_frame.suppliers), goods,
                                 "reciprocal", "reciprocal", inner_frame))
        elif outer_frame is not None and inner_frame is None:
            goods = read_goods(inner, actors, weapons)
            if goods is not None and outer_frame.suppliers and outer_frame.recipients:
                out.append(Frame(token, list(outer_frame.recipients), list(outer_frame.suppliers), goods,
                                 "reciprocal", "reciprocal", outer_frame))
    return out


def _clause_goods(head: Token, exclude: set[int], actors: ActorIndex, weapons, frames: list[Frame]) -> GoodsPhrase | None:
    """Goods named in the clause of ``head`` outside the "in return for" phrase and outside other frames."""
    used = {i for f in frames if f.goods is not None and f.suppliers and f.recipients for i in range(f.goods.start, f.goods.end)}
    for t in head.subtree:
        if t.i in exclude or t.i in used or t.pos_ != "NOUN" or t.dep_ == "conj":
            continue
        g = read_goods(t, actors, weapons)
        if g is not None:
            return g
    return None


def parties(frame: Frame) -> list[tuple[ActorMention, ActorMention]]:
    """Every supplier-recipient pair of a frame between two different states, once per pair of states
    ("separatists in the Donetsk and Luhansk regions" is Ukraine once)."""
    out = []
    seen: set[tuple[str, str]] = set()
    for s in frame.suppliers:
        for r in frame.recipients:
            pair = (s.actor.country or "", r.actor.country or "")
            if all(pair) and pair[0] != pair[1] and pair not in seen:
                seen.add(pair)
                out.append((s, r))
    return out
