"""Who is named: states, their capitals and seats of power, leaders, institutions, outlets, bodies.

Names come from the knowledge files through one phrase matcher. Then three
general steps turn names into actors a reader would recognize:

1. institutions: a country word bound to an institution head ("South Korea's
   defense ministry", "the North Korean leader Kim Jong-un") becomes one actor;
2. descriptive references ("the country", "the giant empire", "the communist
   state") resolve to the latest state mention that fits the description;
3. names the knowledge files lack fall back to spaCy's entities (people,
   organizations, subdivisions such as Ontario) so sources still get a name.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import pycountry
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from lading.knowledge import Knowledge, load
from lading.model import Actor
from lading.nlp import conjuncts, pipeline, surface

# Order of preference when two names cover the same tokens.
PRIORITY = {"person": 0, "organization": 1, "media": 2, "body": 3, "name": 4, "metonym": 5, "adjective": 6, "demonym": 7,
            "subdivision": 8}
DESCRIPTOR_WINDOW = 3  # sentences back that a "the country" may point to
STATE_VIAS = frozenset({"name", "metonym", "adjective", "demonym", "descriptor", "subdivision"})


@dataclass(frozen=True)
class ActorMention:
    start: int  # first token
    end: int  # one past the last token
    actor: Actor
    via: str  # name, metonym, adjective, demonym, person, organization, media, body, institution, descriptor, entity, subdivision
    ambiguous: bool = False

    @property
    def is_state(self) -> bool:
        return self.via in STATE_VIAS

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


@dataclass(frozen=True)
class _Entry:
    actor: Actor
    via: str
    ambiguous: bool = False


@dataclass
class Gazetteer:
    matcher: PhraseMatcher
    entries: dict[str, list[_Entry]]
    people_roles: dict[str, tuple]  # canonical person name -> roles, to resolve titles by date


@cache
def gazetteer() -> Gazetteer:
    """One phrase matcher over every name in the knowledge files (built once per process)."""
    kb = load()
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    entries: dict[str, list[_Entry]] = {}

    def add(phrase: str, entry: _Entry) -> None:
        key = phrase
        if key not in entries:
            entries[key] = []
            matcher.add(key, [nlp.make_doc(phrase)])
        if entry not in entries[key]:
            entries[key].append(entry)

    for c in kb.countries.values():
        state = Actor(c.name, c.iso3, "state")
        for alias in {c.name, *c.aliases}:
            add(alias, _Entry(state, "name"))
        for m in c.metonyms:
            add(m, _Entry(state, "metonym"))
        for adj in c.adjectives:
            add(adj, _Entry(state, "adjective"))
        for dem in c.demonyms:
            add(dem, _Entry(state, "demonym"))
    for place, iso3 in kb.regions.items():  # "Donetsk", "Tigray": the tagger rarely knows them
        country = kb.countries[iso3]
        add(place, _Entry(Actor(country.name, iso3, "state"), "subdivision"))
    for p in kb.people:
        person = Actor(p.name, p.country, "person")
        for v in {p.name, *p.variants}:
            add(v, _Entry(person, "person"))
    for o in kb.organizations:
        via = {"media": "media", "igo": "body"}.get(o.kind, "organization")
        actor = Actor(o.name, o.country, o.kind)  # type: ignore[arg-type]
        for alias in {o.name, *o.aliases}:
            add(alias, _Entry(actor, via, o.ambiguous and alias == o.name or alias in _ambiguous_aliases(o)))
    return Gazetteer(matcher, entries, {p.name: p.roles for p in kb.people})


def _ambiguous_aliases(org) -> set[str]:
    """An ambiguous outlet's one-word aliases are ordinary words too ("Time", "TIME")."""
    return {a for a in org.aliases if org.ambiguous and " " not in a}


@dataclass
class ActorIndex:
    """All actor mentions of one document, with lookups by token."""

    doc: Doc
    mentions: list[ActorMention]

    def __post_init__(self) -> None:
        self._by_token: dict[int, ActorMention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token[i] = m

    def at(self, i: int) -> ActorMention | None:
        return self._by_token.get(i)

    def in_range(self, start: int, end: int) -> list[ActorMention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def states_before(self, i: int) -> Iterator[ActorMention]:
        """State mentions ending before token ``i``, latest first."""
        for m in reversed(self.mentions):
            if m.end <= i and m.is_state and m.actor.country:
                yield m

    def resolve(self, token: Token) -> list[ActorMention]:
        """The actors a noun phrase headed by ``token`` names, one per conjunct."""
        if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
            antecedent = token.head.head  # "Equatorial Guinea and Gabon, which import …": all of them
            before = token.doc[token.i - 2] if token.i >= 2 else token
            if self.at(before.i) and token.doc[token.i - 1].text == "," and before.head.dep_ != "agent":
                # the name right before ", which" (the parser may hang it elsewhere), unless it ended a
                # clause of its own: "an air force trained by the United States, that was given jets"
                antecedent = before
            while antecedent.dep_ == "conj" and antecedent.head.i != antecedent.i:
                antecedent = antecedent.head
            token = antecedent
        out: list[ActorMention] = []
        for head in conjuncts(token):
            m = self._resolve_one(head)
            if m is None:
                continue
            # "refiners in India and China": a name bound inside the phrase brings its conjuncts
            inner = [m] if self.at(head.i) is m else [self.at(c.i) for c in conjuncts(token.doc[m.end - 1])]
            out.extend(x for x in inner if x is not None and x not in out)
        return out

    def _resolve_one(self, head: Token) -> ActorMention | None:
        m = self.at(head.i)
        if m is not None:
            return m
        # "customers in three U.S. states", "the government of Sudan": a name bound inside the phrase
        cues = load().cues
        if head.lemma_.lower() in cues["relational_nouns"] or head.lemma_.lower() in cues["place_nouns"]:
            return None  # "Chinese rivals" are China's rivals, not China; "Ukraine's border" is a place
        frontier = [head]
        for _ in range(3):
            nxt: list[Token] = []
            for t in frontier:
                for child in t.children:
                    if child.dep_ in ("relcl", "acl", "advcl", "cc", "conj", "punct") or (
                            child.dep_ == "prep" and (child.lower_ == "from" or child.lower_ in cues["place_preps"])):
                        continue  # "the waters near Taiwan" are not Taiwan, "a separation from the U.S." not the U.S.
                    m = self.at(child.i)
                    if m is not None and (m.is_state or m.via in ("institution", "organization", "person", "body")):
                        return m
                    nxt.append(child)
            frontier = nxt
        return None


def find_actors(doc: Doc, published: date | None = None) -> ActorIndex:
    """Every actor mention in ``doc``, in text order."""
    kb = load()
    gz = gazetteer()
    named = _named_mentions(doc, gz)
    named = _institutions(doc, named, kb)
    mentions = _entities(doc, named)
    mentions = _descriptors(doc, mentions, kb)
    mentions = _group_references(doc, mentions, kb)
    mentions = _pronouns(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    return ActorIndex(doc, mentions)


def _named_mentions(doc: Doc, gz: Gazetteer) -> list[ActorMention]:
    found: list[ActorMention] = []
    for match_id, start, end in gz.matcher(doc):
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("pro", "anti", "non", "ex"):
            continue  # "pro-Russian", "anti-American": a stance, not the state
        key = doc.vocab.strings[match_id]
        for entry in gz.entries[key]:
            if entry.ambiguous and not _trusted_ambiguous(doc, start, end):
                continue
            found.append(ActorMention(start, end, entry.actor, entry.via, entry.ambiguous))
    # longest first, then by kind preference; drop anything overlapping a kept mention
    found.sort(key=lambda m: (-(m.end - m.start), PRIORITY.get(m.via, 9), m.start))
    taken: set[int] = set()
    kept: list[ActorMention] = []
    for m in found:
        span = set(range(m.start, m.end))
        if span & taken:
            continue
        taken |= span
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _trusted_ambiguous(doc: Doc, start: int, end: int) -> bool:
    """An outlet name that is also a word ("Time") counts only where a source stands."""
    token = doc[end - 1]
    cues = load().cues
    speaks = token.head.lemma_.lower() in cues["speech_verbs"] and token.head.tag_ in ("VBD", "VBZ", "VBN")
    if speaks and token.i < token.head.i and token.dep_ not in ("dobj", "pobj") and token.text[0].isupper():
        return True  # "Time reported …", "Time, citing …, writes" even when tagged a common noun
    if token.pos_ != "PROPN":
        return False
    if token.dep_ in ("appos", "compound") and token.head.lemma_.lower() in load().institutions:
        return True
    prev = doc[start - 1] if start > 0 else None
    return prev is not None and (prev.lemma_.lower() in ("magazine", "newspaper", "weekly", "daily") or prev.lower_ == "to" and start > 1 and doc[start - 2].lower_ == "according")


def _institution_heads(kb: Knowledge) -> dict[tuple[str, ...], str]:
    return {tuple(k.split()): v for k, v in kb.institutions.items()}


def _institutions(doc: Doc, named: list[ActorMention], kb: Knowledge) -> list[ActorMention]:
    """Fold a country word and the institution or title it qualifies into one actor."""
    heads = _institution_heads(kb)
    by_token = {i: m for m in named for i in range(m.start, m.end)}
    replaced: dict[int, ActorMention] = {}
    for m in named:
        last = doc[m.end - 1]
        head = last.head
        if m.via in ("organization", "media") and m.actor.country and last.dep_ in ("compound", "nmod", "poss"):
            titled = _titled_person(doc, head) if _institution_kind(doc, head, heads) else None
            if titled is not None:  # "Pentagon spokesman Pat Ryder"
                start, end = titled
                existing = by_token.get(end - 1)
                name = existing.actor.name if existing else surface(doc[start:end])
                mention = ActorMention(m.start, end, Actor(name, m.actor.country, "person"), "person")
                replaced[m.start] = mention
                if existing:
                    replaced[existing.start] = mention
            continue
        if not m.is_state or m.via == "demonym":
            continue
        if last.dep_ == "case":  # "Russia 's" -> the possessive marker hangs off the name
            continue
        # "Ministry of Defense of South Korea", "the government of Sudan"
        if last.dep_ == "pobj" and head.lower_ == "of" and head.head.i not in by_token:
            noun = head.head
            kind = _institution_kind(doc, noun, heads)
            if kind:
                while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
                    noun = noun.head.head  # "the Ministry of Defense of Japan": name the whole institution
                start = _np_start(noun)
                replaced[m.start] = _make_institution(doc, start, m.end, m, kind)
            continue
        if last.dep_ not in ("amod", "compound", "poss", "nmod", "npadvmod") or head.i <= last.i:
            continue
        if head.i in by_token and by_token[head.i].via == "person":
            person = by_token[head.i]
            replaced[person.start] = ActorMention(
                min(m.start, person.start), person.end,
                Actor(person.actor.name, person.actor.country or m.actor.country, "person"), "person")
            replaced[m.start] = replaced[person.start]
            continue
        if head.i in by_token:
            continue
        kind = _institution_kind(doc, head, heads)
        if kind is None:
            continue
        person_head = _titled_person(doc, head)
        if person_head is not None:
            start, end = person_head
            existing = by_token.get(end - 1)
            country = existing.actor.country if existing and existing.actor.country else m.actor.country
            name = existing.actor.name if existing else surface(doc[start:end])
            mention = ActorMention(m.start, end, Actor(name, country, "person"), "person")
            if existing:
                replaced[existing.start] = mention
            replaced[m.start] = mention
            continue
        end = _institution_end(doc, head)
        replaced[m.start] = _make_institution(doc, m.start, end, m, kind)
    if not replaced:
        return named
    out: list[ActorMention] = []
    seen: set[int] = set()
    covered: set[int] = set()
    for r in replaced.values():
        covered |= set(range(r.start, r.end))
    for m in named:
        if m.start in replaced:
            r = replaced[m.start]
            if id(r) not in seen:
                seen.add(id(r))
                out.append(r)
        elif not set(range(m.start, m.end)) & covered:
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _institution_kind(doc: Doc, head: Token, heads: dict[tuple[str, ...], str]) -> str | None:
    """Kind of the institution named by the phrase ending at ``head`` ("defense ministry" -> government)."""
    words = [t.lemma_.lower() for t in doc[max(head.i - 3, 0):head.i + 1] if not t.is_punct]
    for n in range(min(3, len(words)), 0, -1):
        kind = heads.get(tuple(words[-n:]))
        if kind:
            return kind
    # "Ministry of Defense": the head with its "of" complement
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = [c for c in child.children if c.dep_ == "pobj"]
            if obj:
                phrase = (head.lemma_.lower(), "of", *(t.lemma_.lower() for t in doc[obj[0].left_edge.i:obj[0].i + 1]))
                for n in range(len(phrase), 2, -1):
                    if phrase[:n] in heads:
                        return heads[phrase[:n]]
    return None


def _institution_end(doc: Doc, head: Token) -> int:
    """Include an "of Defense" complement that belongs to the institution's name."""
    end = head.i + 1
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objs:
                end = objs[0].right_edge.i + 1
    return end


def _np_start(noun: Token) -> int:
    start = noun.left_edge.i
    while start < noun.i and noun.doc[start].dep_ in ("det", "punct"):
        start += 1
    return start


def _titled_person(doc: Doc, title: Token) -> tuple[int, int] | None:
    """'leader Kim Jong-un': a person's name right after a title word."""
    nxt = title.i + 1
    if nxt < len(doc) and doc[nxt].ent_type_ == "PERSON":
        end = nxt
        while end < len(doc) and doc[end].ent_type_ == "PERSON" and (doc[end].ent_iob_ == "I" or end == nxt):
            end += 1
        return nxt, end
    return None


def _make_institution(doc: Doc, start: int, end: int, country: ActorMention, kind: str) -> ActorMention:
    name = surface(doc[start:end]).strip(" ,\"“”'")
    if name.lower().startswith("the "):
        name = name[4:]
    return ActorMention(start, end, Actor(name, country.actor.country, kind), "institution")  # type: ignore[arg-type]


def _entities(doc: Doc, named: list[ActorMention]) -> list[ActorMention]:
    """People, organizations and subdivisions the knowledge files do not list."""
    covered = {i for m in named for i in range(m.start, m.end)}
    known = gazetteer().entries
    out = list(named)
    for ent in doc.ents:
        if any(i in covered for i in range(ent.start, ent.end)) or ent.text in known:
            continue  # a listed name the gazetteer did not trust here ("Time is running out")
        if ent.label_ == "PERSON" and len(ent) >= 1 and ent[0].is_title:
            out.append(ActorMention(ent.start, ent.end, Actor(surface(ent), None, "person"), "entity"))
        elif ent.label_ == "ORG" and not _names_goods(ent):
            out.append(ActorMention(ent.start, ent.end, Actor(surface(ent).removeprefix("the ").strip(), None, "organization"), "entity"))
        elif ent.label_ == "GPE":
            iso3 = subdivision_country(ent.text)
            if iso3:
                country = load().countries.get(iso3)
                out.append(ActorMention(ent.start, ent.end, Actor(country.name if country else iso3, iso3, "state"), "subdivision"))
    return out


def _names_goods(ent) -> bool:
    """'Diesel has become scarce': the tagger takes a capitalized goods word for a company."""
    return len(ent) == 1 and (ent[0].lower_,) in load().lexicon.goods


@cache
def _subdivisions() -> dict[str, str | None]:
    """Subdivision name -> ISO3 of its country; None where the name is shared by two countries."""
    out: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        name = sub.name
        if name in out and out[name] != country.alpha_3:
            out[name] = None
        else:
            out[name] = country.alpha_3
    return out


def subdivision_country(name: str) -> str | None:
    """ISO3 of the country a province or state belongs to ("Ontario" -> CAN), if unambiguous."""
    text = name.removeprefix("the ").strip()
    if len(text) < 4 or not text[0].isupper():
        return None
    return _subdivisions().get(text)


def _descriptors(doc: Doc, mentions: list[ActorMention], kb: Knowledge) -> list[ActorMention]:
    """Resolve "the country", "the giant empire", "the “communist” country" to the state meant."""
    strong = kb.cues["state_reference_strong"]
    weak = kb.cues["state_reference_weak"]
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    index = ActorIndex(doc, sorted(out, key=lambda m: m.start))
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("NOUN", "PROPN") or token.i in covered or token.tag_ in ("NNS", "NNPS"):
            continue
        if lemma not in strong and lemma not in weak:
            continue
        det = [c for c in token.children if c.dep_ == "det"]
        if not det or det[0].lower_ != "the" or det[0].i != token.left_edge.i:
            continue
        if any(t.i in covered for t in doc[det[0].i:token.i]):
            continue  # "the Russian government" is an institution, not a description
        description = re.sub(r"[“”\"'‘’]", "", doc[det[0].i + 1:token.i + 1].text.lower())
        scored = _descriptor_scores(description, kb)
        if lemma in weak and not scored:
            continue
        if lemma in kb.cues["state_reference_direction"] and description == token.lower_ and not token.text[0].isupper():
            continue  # "the North" may be North Korea; "fighting in the north" is a direction
        target = _antecedent(index, token.i, scored)
        if target is None:
            continue
        actor = Actor(target.actor.name, target.actor.country, "government" if lemma == "regime" else "state")
        out.append(ActorMention(det[0].i, token.i + 1, actor, "descriptor"))
        index = ActorIndex(doc, sorted(out, key=lambda m: m.start))
    return out


def _group_references(doc: Doc, mentions: list[ActorMention], kb: Knowledge) -> list[ActorMention]:
    """'Hezbollah … Tehran transfers $800 million a year to the movement': "the group", "the militia"
    is the movement or armed group named last, within the last few sentences."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    groups = [m for m in mentions if m.actor.kind == "organization" and m.actor.country]
    out = list(mentions)
    for token in doc:
        if token.lemma_.lower() not in kb.cues["group_references"] or token.tag_ != "NN" or token.i in covered:
            continue
        det = [c for c in token.children if c.dep_ == "det"]
        if not det or det[0].lower_ != "the" or det[0].i != token.left_edge.i or \
                any(t.i in covered or t.pos_ == "PROPN" for t in doc[det[0].i:token.i]):
            continue  # "the Wagner group" is named; "the Syrian opposition group" is another
        here = token.sent.start
        target = next((m for m in reversed(groups) if m.end <= token.i
                       and _sentence_gap(doc, m.start, here) <= DESCRIPTOR_WINDOW), None)
        if target is not None:
            out.append(ActorMention(det[0].i, token.i + 1, target.actor, "descriptor"))
    return out


def _descriptor_scores(description: str, kb: Knowledge) -> dict[str, int]:
    """ISO3 -> how much of the description fits that country's descriptors (characters matched)."""
    scores: dict[str, int] = {}
    for iso3, country in kb.countries.items():
        score = sum(len(d) for d in country.descriptors if re.search(rf"(?<![\w-]){re.escape(d)}(?![\w-])", description))
        if score:
            scores[iso3] = score
    return scores


def _antecedent(index: ActorIndex, i: int, scores: dict[str, int]) -> ActorMention | None:
    """The state the description points to: the best fit among those named in the last few
    sentences; else the one state it fits best of all ("the Islamic Republic"); else the latest."""
    doc = index.doc
    here = doc[i].sent.start
    subject = _clause_subject(doc[i])
    subjects = [t.i for t in conjuncts(doc[subject])] if subject is not None else []  # "China, Russia and Serbia supply the regime"
    window = [m for m in index.states_before(i)
              if _sentence_gap(doc, m.start, here) <= DESCRIPTOR_WINDOW and not any(m.start <= s < m.end for s in subjects)]
    best = max(window, key=lambda m: scores.get(m.actor.country or "", 0), default=None)
    if best is not None and scores.get(best.actor.country or "", 0):
        return best
    description = doc[doc[i].left_edge.i:i + 1].text.split()
    if scores and len(description) >= 3:  # "the Islamic Republic", never a bare "the North"
        top = max(scores.values())
        leaders = [iso3 for iso3, score in scores.items() if score == top]
        if len(leaders) == 1:
            return _state_mention_for(leaders[0], i)
    return window[0] if window else None


def _clause_subject(token: Token) -> int | None:
    """The subject of the clause a description sits in: "India shipped diesel to the country"
    cannot mean India by "the country"."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    while True:
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
                return child.i
        if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:  # "Russia has lent … and supplied it with jets", "continued to supply"
            return None
        node = node.head


def _state_mention_for(iso3: str, at: int) -> ActorMention:
    country = load().countries[iso3]
    return ActorMention(at, at, Actor(country.name, iso3, "state"), "descriptor")


def _sentence_gap(doc: Doc, token_i: int, sent_start: int) -> int:
    """How many sentences lie between token ``token_i`` and the sentence starting at ``sent_start``."""
    numbers = _sentence_numbers(doc)
    return numbers[sent_start] - numbers[token_i]


def _sentence_numbers(doc: Doc) -> list[int]:
    """Sentence number of every token, computed once per document."""
    if doc.user_data.get("lading_sentence_numbers") is None:
        numbers = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                numbers[i] = n
        doc.user_data["lading_sentence_numbers"] = numbers
    return doc.user_data["lading_sentence_numbers"]


def _pronouns(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """'Beijing insists it has not provided weapons': "it" as a party is the state last named as
    a subject in this or the previous sentence (else the latest state named in this sentence);
    "its" is the subject of its own clause."""
    index = ActorIndex(doc, sorted(mentions, key=lambda m: m.start))
    out = list(mentions)
    for token in doc:
        if token.lower_ in ("he", "she") and token.dep_ in ("nsubj", "nsubjpass") or (
                token.lower_ in ("his", "her") and token.dep_ == "poss"):
            person = _latest_person(index, token, nearest=token.dep_ == "poss")
            if person is not None:
                out.append(ActorMention(token.i, token.i + 1, person.actor, "pronoun"))
            continue
        if token.lower_ == "its" and token.dep_ == "poss":
            # "Turkey resumed its imports of Iranian gas": "its" is the clause's own subject
            own = _clause_subject(token)
            subject = index.at(own) if own is not None else None
            if subject is not None and subject.actor.country and (subject.is_state or subject.via in ("institution", "organization")):
                out.append(ActorMention(token.i, token.i + 1, subject.actor, "pronoun"))
                continue
            if own is None or token.i not in {t.i for t in token.doc[own].subtree}:
                continue  # else "Hungary said its gas imports rose": "its" heads the subject, read as "it" is
        elif token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or _expletive(token):
            continue
        here = token.sent.start
        recent = [m for m in reversed(index.mentions) if m.end <= token.i and m.actor.country
                  and (m.is_state or m.via in ("institution", "organization")) and _sentence_gap(doc, m.start, here) <= 1]
        subjects = [m for m in recent if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
        same_sentence = [m for m in recent if m.start >= here]
        if token.dep_ in ("dobj", "pobj"):
            # "Russia has lent Venezuela billions and supplied it with jets": never the clause's own
            # subject's state, and first the state this sentence has just named
            own = _clause_subject(token)
            own_state = next((m.actor.country for m in recent if own is not None and m.start <= own < m.end), None)
            same_sentence = [m for m in same_sentence if m.actor.country != own_state]
            subjects = [m for m in subjects if m.actor.country != own_state]
            target = (same_sentence or subjects or [None])[0]
        else:
            target = (subjects or same_sentence or [None])[0]
        if target is not None:
            out.append(ActorMention(token.i, token.i + 1, target.actor, "pronoun"))
    return out


def _latest_person(index: ActorIndex, token: Token, nearest: bool = False) -> ActorMention | None:
    """'Putin met Kim. …, he said': "he" is the person last named as a subject in this sentence or
    the one before (else the person last named), when we know whom that person acts for. A
    possessive ("presented Kim with a car during his visit") is the nearest person in its sentence."""
    here = token.sent.start
    people = [m for m in index.mentions if m.end <= token.i and m.actor.kind == "person" and m.via != "pronoun"
              and _sentence_gap(index.doc, m.start, here) <= 1]
    same_sentence = [m for m in people if m.start >= here]
    subjects = [m for m in people if index.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    chosen = ((same_sentence if nearest else []) or subjects or people or [None])[-1]
    return chosen if chosen is not None and chosen.actor.country else None


def _expletive(token: Token) -> bool:
    """'it is believed', 'it was reported that', 'it seems': no one is meant."""
    head = token.head
    if head.lemma_ in ("be", "seem", "appear", "take", "remain"):
        return True
    children = list(head.children)
    return any(c.dep_ == "auxpass" for c in children) and any(c.dep_ == "ccomp" for c in children)
