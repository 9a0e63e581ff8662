"""Who says so: attribution cues, their sources, and the stretch of text they cover.

Three cue shapes cover most news: "according to X"; a verb of saying whose
subject is the source ("X said", "X writes", "a UN report said that"); and an
inner source introduced by "citing X" / "quoting X" / "X quotes Y". For span output (``wide``) also a
stance after "be" ("X is critical of"), a noun of saying with its owner ("X's claim that"), a light verb
with a noun of saying ("X made the case that") and a poll opening a sentence ("In a poll, …"). Sources are
ordered innermost first: for "Time, citing the defense ministry, writes" the
chain is [ministry, Time]. "The report" points back to the report named before.

Each attribution also carries the spans a PolNeAR-style annotation marks, as token ranges: the
source phrase as written ("Erin Brockovich, the activist,", "he", "which"; none for "it was
reported"), the cue words ("has also said", "according to") and the reported material in
contiguous parts ("that …" after the verb, the material before a parenthetical "…, X said", a
direct quote with its quote marks, also where it runs over several sentences: "“…,” he said.
“…”" is one speaker's). ``region``/``content`` are the token sets the transfer pipeline reads;
the spans are for span output (``attributions_out``) and do not change them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lading.extract.actors import ActorIndex, ActorMention
from lading.extract.certainty import denies_its_object
from lading.knowledge import load
from lading.model import Source
from lading.nlp import surface

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
SOURCE_KIND = {"person": "person", "government": "government", "military": "government", "state": "government",
               "media": "media", "igo": "organization", "organization": "organization", "company": "organization"}
UNNAMED_KIND = {"official": "government", "diplomat": "government", "lawmaker": "government", "spokesman": "government",
                "spokeswoman": "government", "spokesperson": "government", "government": "government",
                "ministry": "government", "authority": "government", "military": "government", "commander": "government",
                "officer": "government", "media": "media", "press": "media", "outlet": "media", "agency": "organization"}
MAX_SOURCE_WORDS = 8
QUOTE_MARKS = frozenset({"“", "”", '"', "''", "``", "„", "«", "»"})
OPENING_QUOTES = frozenset({"“", "``", "„", "«"})
CLOSING_QUOTES = frozenset({"”", "»"})
CUE_MODIFIERS = frozenset({"aux", "auxpass", "neg", "advmod"})  # "has also said", "did not say"

Range = tuple[int, int]  # tokens [start, end)
# span output: verbs whose object is the one told, not what is said ("told reporters that …")
ADDRESSEE_VERBS = frozenset({"tell", "inform", "remind", "assure", "ask", "email", "warn", "urge", "brief", "caution", "thank"})
RAISING_VERBS = frozenset({"seem", "appear", "sound"})  # "X seems to …": X is reported on, not the source
# never a verb of saying for span output, whatever stands around it: "fail" is a denial word only to certainty.py
NOT_SAYING = frozenset({"fail", "come", "go", "be", "have", "get", "make", "take", "follow", "remain", "become", "leave"})
MEDIA_NOUNS = frozenset({"statement", "interview", "email", "e-mail", "tweet", "post", "letter", "release", "memo"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "PRON", "VERB", "AUX", "NUM", "ADJ", "X", "SYM"})
OBJECT_PREPS = frozenset({"for", "as", "of", "about", "over", "against"})
CONTENT_PREPS = frozenset({"for", "about", "of", "to", "on", "against", "at", "over"})  # "called for", "referring to"
TOPIC_PREPS = frozenset({"about", "of", "on", "against", "out"})  # "spoke about", "weighed in on", "spoke out"
RELATIVE_WORDS = frozenset({"who", "whom", "which", "that"})
SET_OFF_MARKS = frozenset({",", ";", "—", "–", "--"})
SETTING_DEPS = frozenset({"prep", "npadvmod", "advcl", "mark", "punct", "cc", "conj", "dative", "agent", "nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Attribution:
    cue: Token
    sources: tuple[Source, ...]  # innermost first
    region: frozenset[int]  # tokens of the cue and its sources
    content: frozenset[int]  # tokens the attribution covers
    hedging: bool = False  # "claimed", "alleged"
    source_span: Range | None = None  # the source phrase as written; None when the text names none
    cue_span: Range | None = None  # the cue words
    content_spans: tuple[Range, ...] = ()  # the reported material, in contiguous parts; may reach other sentences


@dataclass
class Memory:
    """What earlier sentences named: the report a later "the report" means, the person "he" is."""

    last_report: tuple[Source, ...] = ()
    people: list[tuple[int, Source]] = field(default_factory=list)
    groups: list[Source] = field(default_factory=list)  # plural subjects a later "they" may mean
    quotes: list[Range] = field(default_factory=list)  # the document's direct quotes, marks included
    quote_marks: dict[int, str] = field(default_factory=dict)  # token -> "open" / "close"
    quotes_of: int | None = None  # id of the Doc ``quotes`` were read from
    last_quote: Attribution | None = None  # the quote attribution of the sentence before, a later "“…”" continues it


def find_attributions(sent: SpacySpan, actors: ActorIndex, memory: Memory, *, wide: bool = False) -> list[Attribution]:
    """Attribution cues in one sentence; updates ``memory`` for the sentences after it.

    A sentence inside a direct quote whose cue stands in another sentence ("“…. …,” he said", or
    "“…,” he said. “…”") gets that cue's attribution, its content the quoted words here.
    ``wide`` also keeps what a span annotation counts but a source chain has no use for: cues whose
    source cannot be named ("he" with no one named before, "it was reported").
    """
    cues = load().cues
    _read_quotes(sent.doc, memory)
    found = _read_cues(sent, actors, memory, wide)
    found += _quoted_elsewhere(sent, found, actors, memory, wide)
    memory.last_quote = next((a for a in reversed(found) if _is_quote(a, memory)), None) if found else None
    for att in found:
        if any(s.kind in ("media", "document") for s in att.sources):
            memory.last_report = att.sources
    # "he" later means the person named last, a subject before an object ("Putin met Kim. …, he said.")
    # a person the knowledge files do not list counts too ("Tom Baker runs the depot. He said …")
    people = [(m.start, m.end, _source_from_mention(m, sent.doc))
              for m in actors.in_range(sent.start, sent.end) if m.actor.kind == "person" and m.via != "pronoun"]
    people += [(e.start, e.end, Source(surface(e), None, "person")) for e in _person_entities(sent.doc)
               if sent.start <= e.start and e.end <= sent.end and not any(actors.at(i) for i in range(e.start, e.end))]
    people.sort(key=lambda p: (sent.doc[p[1] - 1].dep_ in ("nsubj", "nsubjpass"), p[0]))
    memory.people.extend((start, source) for start, _, source in people)
    # "published a report": the publisher's is the report a later "the report" means
    for token in sent:
        if token.lemma_.lower() in cues["document_nouns"] and token.dep_ == "dobj" \
                and token.head.lemma_.lower() in cues["publishing_verbs"] and _subject(token.head) is not None:
            memory.last_report = _sources_of(_subject(token.head), actors, memory)
    for token in sent:
        if token.dep_ == "nsubj" and token.tag_ == "NNS" and token.lemma_.lower() in cues["unnamed_source_nouns"]:
            memory.groups.extend(_sources_of(token, actors, memory))
    return found


def _person_entities(doc) -> list[SpacySpan]:
    """The tagger's PERSON entities, found once per document (``Span.ents`` walks the whole document)."""
    if "lading_person_ents" not in doc.user_data:
        doc.user_data["lading_person_ents"] = [e for e in doc.ents if e.label_ == "PERSON"]
    return doc.user_data["lading_person_ents"]


def _read_cues(sent: SpacySpan, actors: ActorIndex, memory: Memory, wide: bool) -> list[Attribution]:
    """The attributions whose cue stands in ``sent``; reads ``memory``, never changes it."""
    cues = load().cues
    found: list[Attribution] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma == "accord" and token.lower_ == "according":
            att = _according_to(token, actors, memory)
        elif (lemma in cues["speech_verbs"] or lemma in cues["denial_words"] and not (wide and lemma in NOT_SAYING)
              or wide and lemma in cues["attitude_verbs"]) \
                and token.pos_ in ("VERB", "AUX") and lemma not in cues["citing_verbs"] \
                and not (wide and _reports_nothing(token)):
            att = _speech_verb(token, actors, memory, wide)
        elif lemma in cues["citing_verbs"] and token.pos_ == "VERB":
            att = _speech_verb(token, actors, memory, wide) if _subject(token) is not None else _citing(token, actors, memory)
        elif wide and lemma in cues["light_verbs"] and token.pos_ == "VERB" and _saying_object(token) is not None:
            att = _speech_verb(token, actors, memory, wide)
        elif wide and lemma == "in" and token.dep_ == "prep" and token.i == sent.start:
            att = _in_survey(token, actors, memory)
        elif wide and lemma in cues["attitude_adjectives"] and token.pos_ == "ADJ" and token.dep_ == "acomp":
            att = _attitude_adjective(token, actors, memory)
        elif wide and lemma in cues["stance_nouns"] and token.pos_ == "NOUN":
            att = _stance_noun(token, actors, memory)
        elif lemma in cues["document_nouns"] and token.pos_ == "NOUN" and _that_clause(token) is not None \
                and _taker(token).lemma_.lower() not in cues["denial_words"]:  # "dismissed reports that …" is the denial's
            att = _report_that(token, actors)
        elif token.pos_ == "VERB" and _after_quote(token, memory):
            att = _speech_verb(token, actors, memory, wide)  # "“…,” he continued."
        else:
            att = None
        if att is not None and (wide or att.sources):
            found.append(att)
    if wide and (att := _speaker_colon(sent, actors, memory)) is not None:
        found.append(att)
    if not found and (att := _headline_source(sent, actors, memory)) is not None:
        found.append(att)
    # an inner "citing X" joins the chain of the verb of saying it hangs from
    return [_with_spans(a, memory) for a in _merge_citing(found)]


def _reports_nothing(verb: Token) -> bool:
    """'found a job', 'knows the area', 'spoke for an hour': a verb that says something only with a clause
    or predicate ("found that …", "sees X as a threat") or with what it is about ("spoke about …",
    "weighed in on …") says nothing without one."""
    cues = load().cues
    lemma = verb.lemma_.lower()
    if lemma in cues["clause_verbs"]:
        return not any(c.dep_ in ("ccomp", "xcomp", "oprd", "parataxis") or c.dep_ == "prep" and c.lower_ == "as"
                       for c in verb.children)
    if lemma in cues["topic_verbs"]:
        return not any(c.dep_ in ("prep", "prt") and c.lower_ in TOPIC_PREPS for c in verb.children)
    return False


HEADLINE_SOURCE_MARKS = frozenset({"-", "–", "—", ":"})


def _headline_source(sent: SpacySpan, actors: ActorIndex, memory: Memory) -> Attribution | None:
    """'N. Korean troops to Russia - Seoul', 'Iran ships drones to Russia: report': a headline (no
    final full stop) that ends in a dash or colon and a short source."""
    words = [t for t in sent if not t.is_space]
    if len(words) < 4 or words[-1].text in (".", "?", "!", "”", "\""):
        return None
    mark = next((t for t in reversed(words[-5:-1]) if t.text in HEADLINE_SOURCE_MARKS and (t.text == ":" or t.whitespace_)), None)
    if mark is None:
        return None
    tail = [t for t in words if t.i > mark.i]
    head = tail[-1]  # the tagger may take a lone "report" for a verb
    if len(tail) > 1 and any(t.pos_ in ("VERB", "AUX") for t in tail):
        return None
    named = dict.fromkeys(actors.at(t.i) for t in tail if actors.at(t.i) is not None)
    sources = tuple(_source_from_mention(m, sent.doc) for m in named) or _sources_of(head, actors, memory)
    if not sources:
        return None
    region = frozenset(range(mark.i, sent.end))
    content = frozenset(range(sent.start, mark.i))
    return Attribution(mark, sources, region, content, source_span=(tail[0].i, tail[-1].i + 1),
                       cue_span=(mark.i, mark.i + 1), content_spans=_runs(content))


def chain_for(token: Token, attributions: list[Attribution]) -> tuple[tuple[Source, ...], bool]:
    """The source chain covering ``token`` (innermost first) and whether a cue hedges it."""
    covering = [a for a in attributions if token.i in a.content and token.i not in a.region]
    # innermost first: a "citing X" relay, then the narrowest verb of saying
    covering.sort(key=lambda a: (not _is_citing(a.cue), len(a.content)))
    chain: list[Source] = []
    for a in covering:
        for s in a.sources:
            if s not in chain:
                chain.append(s)
    return tuple(chain), any(a.hedging for a in covering)


def _according_to(token: Token, actors: ActorIndex, memory: Memory) -> Attribution | None:
    to = [c for c in token.children if c.lower_ == "to"]
    objs = [c for c in (to[0].children if to else token.children) if c.dep_ == "pobj"]
    if not objs:
        return None
    sources = _sources_of(objs[0], actors, memory)
    region = frozenset(t.i for t in token.subtree)
    content = frozenset(t.i for t in token.sent) - region
    cue_span = (token.i, to[0].i + 1) if to and to[0].i == token.i + 1 else (token.i, token.i + 1)
    return Attribution(token, sources, region, content, source_span=_phrase_span(objs[0]), cue_span=cue_span,
                       content_spans=_runs(content))


def _speech_verb(verb: Token, actors: ActorIndex, memory: Memory, wide: bool = False) -> Attribution | None:
    cues = load().cues
    if verb.lemma_.lower() in cues["denial_words"] and (denies_its_object(verb) or not any(
            c.dep_ in ("ccomp", "xcomp", "pcomp") or c.tag_ == "VBG" for c in verb.subtree if c.i != verb.i)):
        return None  # "…, but Pyongyang denied it", "…, rejects U.S. concerns": no source of the claim
    subject = _subject(verb) or _inverted_subject(verb)
    source_span = _phrase_span(subject) if subject is not None else None
    if subject is None and verb.dep_ == "conj" and (trailing := _trailing_attribution(verb, actors, memory)) is not None:
        return trailing  # "…, South Korea's spy agency said" parsed as a verb coordinated with the claim's
    shared = _shared_subject(verb) if subject is None else None
    if shared is not None:
        # "X endorsed Y, saying …", "X said … and added …", "a statement saying …": the speaker is
        # the subject of the verb it hangs from, or the noun it describes
        subject = shared
        source_span = _phrase_span(shared, verb)
    if subject is None and wide and (it := _referential_it(verb)) is not None:
        subject, source_span = it, (it.i, it.i + 1)  # "It also said …": the company, the paper
    if subject is None:
        return _trailing_attribution(verb, actors, memory) or (_sourceless(verb) if wide else None)
    # every subject the parser found, and "As/Like X writes" (an outlet in a preposition)
    speakers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != subject.i and not _quoted(c)]
    speakers += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("like", "as") for o in c.children if o.dep_ == "pobj"]
    outer = tuple(dict.fromkeys([*_sources_of(subject, actors, memory), *(s for t in speakers for s in _sources_of(t, actors, memory))]))
    inner: list[Source] = []
    for speaker in (subject, *speakers):
        if speaker.lemma_.lower() in cues["citing_verbs"]:  # garbled "Time Citing the ministry writes"
            for obj in (c for c in speaker.children if c.dep_ in ("dobj", "pobj")):
                inner.extend(_sources_of(obj, actors, memory))
    outer = tuple(s for s in outer if s not in inner)
    complements = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "advcl" and c.i > verb.i)]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and verb.lemma_.lower() in ("quote", "cite"):
            inner.extend(_sources_of(child, actors, memory))
            for sib in child.head.children:  # "quotes UPI the defense minister": an unattached second name
                if sib.dep_ in ("npadvmod", "appos", "oprd") and sib.i != child.i:
                    inner.extend(_sources_of(sib, actors, memory))
    subtree = frozenset(t.i for t in verb.subtree)
    source_span, material, cue_span = _verb_spans(verb, subject, source_span)
    if shared is not None and not complements:  # "…, accusing it of sending arms": what the participle takes
        content = frozenset(material) & subtree
    elif subject.i > verb.i and not complements:  # "…, claimed the Kremlin."
        content = frozenset(range(verb.sent.start, verb.i))
    elif complements:
        content = frozenset(i for c in complements for i in (t.i for t in c.subtree))
    elif verb.dep_ in ("ROOT",):
        content = frozenset(t.i for t in verb.sent) - frozenset(t.i for t in subject.subtree) - {verb.i}
    else:
        # a parenthetical "…, X said" hanging off the clause it reports
        content = frozenset(t.i for t in verb.head.subtree) - subtree
    region = subtree - content
    sources = _drop_generic_outlets(tuple(dict.fromkeys([*inner, *outer])), region, actors)
    hedging = verb.lemma_.lower() in ("claim", "allege")
    return Attribution(verb, sources, region, content, hedging, source_span=source_span, cue_span=cue_span,
                       content_spans=_runs(material))


def _in_survey(prep: Token, actors: ActorIndex, memory: Memory) -> Attribution | None:
    """'In a CNN poll released Monday, Clinton led by 5 points': the poll a sentence opens with is the
    source of the clause the "in" hangs from, unless that clause has a speaker of its own ("In the poll,
    40 percent said …")."""
    survey = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in load().cues["survey_nouns"]), None)
    clause = prep.head
    if survey is None or clause.pos_ not in ("VERB", "AUX") or is_cue_word(clause, True):
        return None
    region = frozenset(t.i for t in prep.subtree)
    content = frozenset(t.i for t in clause.subtree) - region
    return Attribution(prep, _sources_of(survey, actors, memory), region, content, source_span=_phrase_span(survey),
                       cue_span=(prep.i, prep.i + 1), content_spans=_runs(content))


def _saying_object(verb: Token) -> Token | None:
    """'made the case that …', 'raised concerns', 'made it clear that …': the object that makes a light
    verb one of saying."""
    objects = load().cues["saying_objects"]
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in objects or c.dep_ in (
        "ccomp", "oprd", "acomp", "xcomp") and c.lower_ == "clear" and verb.lemma_.lower() == "make"), None)


def _attitude_adjective(adj: Token, actors: ActorIndex, memory: Memory) -> Attribution | None:
    """'Republicans have been critical of the deal', 'Aides are confident that he will win': a stance
    after "be" is attributed to the subject, as a verb of thinking is; what it is about is the content."""
    copula = adj.head
    subject = _subject(copula)
    about = [c for c in adj.children
             if c.dep_ in ("ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in CONTENT_PREPS | {"with", "in"}]
    if subject is None or not about or subject.i > copula.i:
        return None
    end = adj.i + 1
    if about[0].dep_ == "prep" and about[0].i == end:  # "critical of", "worried about"
        end += 1
    content = {t.i for c in about for t in c.subtree} - set(range(adj.i, end))
    start = _cue_span(copula)[0]
    region = frozenset(range(start, end)) | {t.i for t in subject.subtree}
    return Attribution(adj, _sources_of(subject, actors, memory), region, frozenset(content),
                       source_span=_phrase_span(subject), cue_span=(start, end), content_spans=_runs(content))


def _stance_noun(noun: Token, actors: ActorIndex, memory: Memory) -> Attribution | None:
    """'Trump's claim that …', 'her support for the bill': a noun of saying or stance is attributed to
    its owner, with what follows it ("that …", "to …", "for …") the content."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    about = [c for c in noun.children if c.i > noun.i and (
        c.dep_ == "prep" and c.lower_ in CONTENT_PREPS
        or c.dep_ in ("acl", "ccomp") and any(m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in c.children))]
    if owner is None or not about:
        return None
    start, end = owner.right_edge.i + 1, noun.i + 1
    if about[0].dep_ == "prep" and about[0].i == end:  # "support for", "attacks on"
        end += 1
    content = {t.i for c in about for t in c.subtree} - set(range(start, end))
    region = frozenset(range(owner.left_edge.i, end))
    return Attribution(noun, _sources_of(owner, actors, memory), region, frozenset(content),
                       source_span=_phrase_span(owner), cue_span=(start, end), content_spans=_runs(content))


def _taker(noun: Token) -> Token:
    """The word that takes ``noun``, past a preposition ("dismissed as groundless reports")."""
    return noun.head.head if noun.head.dep_ == "prep" else noun.head


def _that_clause(noun: Token) -> Token | None:
    """'the report that …': a complement clause (the parser may call it a relative one; its "that" is a mark)."""
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)


def _report_that(noun: Token, actors: ActorIndex) -> Attribution:
    """'the Washington Post report that Russia has supplied Iran …', 'there are reports that …': a
    document noun with a "that" clause is the source of the clause; its owner words name it."""
    clause = _that_clause(noun)
    assert clause is not None
    content = frozenset(t.i for t in clause.subtree)
    region = frozenset(t.i for t in noun.subtree) - content
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod") and c.i < noun.i]
    country = next((m.actor.country for i in sorted(region) if (m := actors.at(i)) and m.actor.country), None)
    source = Source(_phrase_text(noun, with_owner=True), country, "document")
    return Attribution(noun, (source,), region, content,
                       source_span=(owners[0].left_edge.i, owners[-1].right_edge.i + 1) if owners else None,
                       cue_span=(noun.i, noun.i + 1), content_spans=_runs(set(content)))


def _verb_spans(verb: Token, subject: Token | None, source_span: Range | None) -> tuple[Range | None, set[int], Range]:
    """Source phrase, reported material and cue words of a verb cue, as PolNeAR marks them: the material
    is what the verb takes ("that …", "to …", "X a liar", "called for X"), the addressee and the
    when/where/how of the saying left out; a passive or raising verb ("X is expected to …", "X seems
    to …") reports its subject, and its source is the "by" agent if any."""
    sent = verb.sent
    cue = _cue_span(verb)
    kids = [c for c in verb.children if subject is None or c.i != subject.i]
    lemma = verb.lemma_.lower()
    comps = [c for c in kids if c.dep_ in ("ccomp", "xcomp") or c.dep_ == "parataxis" and not _subject(c)]
    objs = [c for c in kids if c.dep_ in ("dobj", "oprd", "attr", "acomp")]
    if comps:
        chosen = comps + [c for c in objs if c.dep_ == "oprd"]
    elif objs and not (lemma in ADDRESSEE_VERBS and all(c.dep_ == "dobj" for c in objs)):
        chosen = objs + _object_complements(kids, min(c.i for c in objs))
    else:
        chosen = []
    material = {t.i for c in chosen for t in c.subtree}
    if not material and cue[1] > verb.i + 1:  # "said in a statement that …": the parser hangs the clause on the noun
        material = {t.i for c in verb.doc[cue[1] - 1].children if c.i >= cue[1] and c.dep_ in ("acl", "ccomp")
                    for t in c.subtree}
    if not material:  # "called for X", "referring to X", "talked about X"; "asked him about X", "informed her of X"
        told = [c.right_edge.i + 1 for c in objs if c.dep_ == "dobj" and c.left_edge.i == cue[1] and lemma in ADDRESSEE_VERBS]
        prep = next((c for c in kids if c.dep_ == "prep" and c.i in (cue[1], *told) and c.lower_ in CONTENT_PREPS), None)
        objects = [o for o in prep.children if o.dep_ in ("pobj", "pcomp")] if prep is not None else []
        if objects and lemma not in ("say", "tell", "write", "add"):
            if prep.i == cue[1]:
                cue = (cue[0], prep.i + 1)
            material = {t.i for o in [*objects, *_object_complements(kids, prep.i)] for t in o.subtree}
    if not material:  # "is calling for his rivals to drop out", the parser taking "for … to …" for a purpose clause
        clause = next((c for c in kids if c.dep_ == "advcl" and c.left_edge.i == cue[1] and c.left_edge.lower_ == "for"
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if clause is not None:
            cue = (cue[0], cue[1] + 1)
            material = {t.i for t in clause.subtree} - {cue[1] - 1}
    if not material:
        if subject is not None and subject.i > verb.i:  # "…, said the Kremlin."
            material = set(range(sent.start, verb.i))
        elif verb.dep_ in ("parataxis", "ccomp", "advcl") and (not any(c.dep_ in ("dobj", "prep") for c in kids) or any(
                c.dep_ == "mark" and c.lower_ == "as" for c in kids)):
            # a parenthetical "…, X said" hanging off the clause it reports; "As X told the AP, …" whatever it takes
            material = {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
        elif verb.dep_ == "ROOT":  # "“…,” he said." parsed without a complement: what comes before the speaker
            before = min(subject.left_edge.i, cue[0]) if subject is not None else cue[0]
            material = {t.i for c in kids if c.i < before and c.dep_ not in CUE_MODIFIERS | SETTING_DEPS for t in c.subtree}
        elif verb.dep_ == "relcl" and subject is not None and subject.lower_ not in RELATIVE_WORDS:
            material = _relative_object(verb)
    said_by = _saying_object(verb) if lemma in load().cues["light_verbs"] else None
    if said_by is not None and said_by.i > verb.i:  # "made the case that …": the noun is of the cue, what it takes the content
        end = said_by.i + 1
        if end < len(verb.doc) and verb.doc[end].head.i == said_by.i and verb.doc[end].lower_ in CONTENT_PREPS | {"with"}:
            end += 1  # "raised concerns about", "took issue with"
        rest = {i for i in material | {t.i for t in said_by.subtree} if i >= end}
        if rest:
            cue, material = (cue[0], end), rest
    if subject is not None and (subject.dep_ == "nsubjpass" or lemma in RAISING_VERBS):
        if not (lemma in ADDRESSEE_VERBS | {"assure", "inform"} and material):  # "X was asked whether …": X was asked
            material |= {t.i for t in subject.subtree}
        agent = next((o for c in kids if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
        source_span = _phrase_span(agent) if agent is not None else None
    return source_span, material - _next_cues(verb, material), cue


def _relative_object(verb: Token) -> set[int]:
    """What a relative clause with a verb of saying leaves for its object: "a deal she once supported",
    "a thought that he would say" report the relative word, or else the noun phrase it hangs from."""
    word = next((c for c in verb.children if c.lower_ in RELATIVE_WORDS and c.i < verb.i), None)
    if word is not None:
        return {word.i}
    head = verb.head
    return {t.i for t in head.subtree if t.i < verb.left_edge.i}


def _object_complements(kids: list[Token], after: int) -> list[Token]:
    """What completes an object: "congratulated X for competing", "sees X as a threat", "X's call to
    raise wages"; not when or where it was said."""
    return [c for c in kids if c.i > after and (
        c.dep_ == "prep" and c.lower_ in OBJECT_PREPS or c.dep_ in ("oprd", "acomp")
        or c.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]


def _next_cues(verb: Token, material: set[int]) -> set[int]:
    """A verb of saying coordinated inside the material ("adds that she released … and called on …")
    is a cue of its own: it and what follows it are not this cue's material."""
    doc = verb.doc
    out: set[int] = set()
    for i in sorted(material):
        t = doc[i]
        if t.i in out or t.dep_ != "conj" or t.head.i not in material or not is_cue_word(t, True) \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        start = t.left_edge.i
        while start - 1 in material and (doc[start - 1].dep_ == "cc" or _edge(doc[start - 1])):
            start -= 1
        out.update(range(start, t.right_edge.i + 1))
    return out


SPEAKER_TITLES = frozenset({"dr.", "sen.", "rep.", "gov.", "gen.", "mr.", "mrs.", "ms.", "pres.", "lt.", "col.", "adm.", "sgt.",
                            "the", "of", "and", "'s", "’s", "&", "-", "."})


def _speaker_colon(sent: SpacySpan, actors: ActorIndex, memory: Memory) -> Attribution | None:
    """'Bernie Sanders: I'm Not Much Of A Socialist', 'TAPPER: And obviously …': a name opening the
    sentence, a colon, and what the named one says (to the end of the paragraph when the parser ends
    the sentence at the colon); also a name after a dash or "from" before a quote ("POLLS WERE EARLY -
    Jo Lee: “…”", "More from Lee: “…”")."""
    words = [t for t in sent if not t.is_space]
    colon = next((k for k, t in enumerate(words) if t.text == ":"), None)
    if colon is None:
        return None
    start = max((k + 1 for k, t in enumerate(words[:colon]) if t.text in ("-", "—", "–", "--") or t.lower_ == "from"),
                default=0)
    name = words[start:colon]
    said = words[colon + 1:] or _rest_of_paragraph(words[colon])
    if not name or len(name) > 7 or start and not (said and said[0].text in OPENING_QUOTES | {'"'}):
        return None
    if not any(t.is_alpha and len(t) > 1 and (t.is_title or t.is_upper) for t in name) or not all(
            t.is_title or t.is_upper or t.like_num is False and t.lower_ in SPEAKER_TITLES for t in name):
        return None
    if name[0].lower_ in ("here", "update", "related", "watch", "read", "note", "editor", "photo", "video", "source"):
        return None
    if len(said) < 2 or not any(t.pos_ in ("VERB", "AUX") for t in said):  # "Twitter: @Milbank", "Clinton: 1,769."
        return None
    cue = words[colon]
    head = max(name, key=lambda t: (t.pos_ == "PROPN", t.i))
    content = frozenset(range(said[0].i, said[-1].i + 1))
    region = frozenset(range(name[0].i, cue.i + 1))
    sources = _sources_of(head, actors, memory) if head.pos_ in ("PROPN", "NOUN") else ()
    return Attribution(cue, sources, region, content, source_span=(name[0].i, name[-1].i + 1),
                       cue_span=(cue.i, cue.i + 1), content_spans=_runs(content))


def _rest_of_paragraph(token: Token) -> list[Token]:
    """The words after ``token`` up to the next line break."""
    out = []
    for t in token.doc[token.i + 1:]:
        if t.is_space and "\n" in t.text:
            break
        if not t.is_space:
            out.append(t)
    return out


def _after_quote(verb: Token, memory: Memory) -> bool:
    """Any verb is one of saying right next to a quote with its speaker: "“…,” he continued",
    "“…,” laughed Smith", "He continued, “…”"."""
    doc = verb.doc
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or verb.lemma_.lower() in NOT_SAYING or any(
            c.dep_ in ("dobj", "xcomp", "prep", "acomp", "attr") or c.dep_ == "ccomp" and not _quoted_clause(c, memory)
            for c in verb.children):
        return False
    first, last = min(subject.left_edge.i, verb.i), max(subject.right_edge.i, verb.i)
    if subject.i > verb.i and subject.left_edge.i != verb.i + 1:
        return False
    if subject.i < verb.i and subject.right_edge.i + 1 != verb.i:
        return False
    k = first - 1
    while k >= 0 and (doc[k].is_space or doc[k].text == ","):
        k -= 1
    if k >= 0 and memory.quote_marks.get(k) == "close":
        return True
    k = last + 1
    while k < len(doc) and (doc[k].is_space or doc[k].text in (",", ":")):
        k += 1
    return k < len(doc) and memory.quote_marks.get(k) == "open" and k > last + 1


def _quoted_clause(clause: Token, memory: Memory) -> bool:
    """A clause the parser hangs on the verb that is a quotation ("“…,” he continued")."""
    i = clause.left_edge.i
    return memory.quote_marks.get(i) == "open" or memory.quote_marks.get(i - 1) == "open"


def _shared_subject(verb: Token) -> Token | None:
    """The subject a participle or a coordinated verb of saying shares with the verb it hangs from
    ("X said …, adding …", "X denounced … and warned …", "X angered many by saying …"), or the
    noun a participle describes ("a statement saying …")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    node = verb
    for _ in range(3):
        coordinated = node.dep_ == "conj" and node.left_edge.i > 0 and node.doc[node.left_edge.i - 1].lower_ in ("and", "but", "or")
        if node.dep_ in ("advcl", "xcomp", "conj") and node.head.pos_ in ("VERB", "AUX") \
                and (node.tag_ == "VBG" and node.dep_ != "conj" or coordinated
                     or node.dep_ != "conj" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
            head = node.head
        elif node.dep_ == "xcomp" and node.head.dep_ == "acomp" and node.head.head.pos_ in ("VERB", "AUX"):
            head = node.head.head  # "X was quick to point out …", "X is likely to say …"
        elif node.dep_ == "pcomp" and node.tag_ == "VBG" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX"):
            head = node.head.head
            quoted = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if node.head.lower_ == "as" and quoted is not None:
                return quoted  # "Reuters quoted a U.S. official as saying …": the one quoted
        elif node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head
        else:
            return None
        if node.tag_ == "VBG" and head.dep_ == "ccomp" and is_cue_word(head.head, True) and is_cue_word(node) \
                and node.left_edge.i > 0 and node.doc[node.left_edge.i - 1].text == ",":
            head = head.head  # "X said Y was fair, adding …": X adds, the parser hanging "adding" on what X said
        subject = _subject(head)
        if subject is not None:
            return subject
        node = head
    return None


def _referential_it(verb: Token) -> Token | None:
    """'It also said …': "it" the active subject of a verb of saying is a source (the company, the paper);
    "it was reported", "it seems" are not."""
    if verb.lemma_.lower() in RAISING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "it"), None)


def _sourceless(verb: Token) -> Attribution | None:
    """'It was reported that …': an attribution whose source the text does not name."""
    source_span, material, cue_span = _verb_spans(verb, None, None)
    if not material:
        return None
    content = frozenset(material)
    region = frozenset(t.i for t in verb.subtree) - content
    return Attribution(verb, (), region, content, source_span=source_span, cue_span=cue_span, content_spans=_runs(material))


def _drop_generic_outlets(sources: tuple[Source, ...], region: frozenset[int], actors: ActorIndex) -> tuple[Source, ...]:
    """'the US magazine Time writes': "US magazine" describes Time and is not a second relay."""
    mentions = [m for m in actors.mentions if m.start in region]
    named = {m.actor.country for m in mentions if m.via == "media"}
    generic = {m.actor.name for m in mentions if m.via == "institution" and m.actor.kind == "media" and m.actor.country in named}
    return tuple(s for s in sources if not (s.kind == "media" and s.name in generic))


def _inverted_subject(verb: Token) -> Token | None:
    """'…, claimed the Kremlin.': a verb of saying closing the sentence, its speaker after it."""
    if verb.i == verb.sent.start or verb.doc[verb.i - 1].text not in (",", "\"", "”", "'"):
        return None
    after = [c for c in verb.children if c.dep_ in ("dobj", "attr", "nsubj") and c.i > verb.i]
    if after and all(t.is_punct for t in verb.doc[after[0].right_edge.i + 1:verb.sent.end]):
        return after[0]
    return None


def _trailing_attribution(verb: Token, actors: ActorIndex, memory: Memory) -> Attribution | None:
    """'…, South Korea's Joint Chiefs of Staff said on Monday.' when the parser lost the subject:
    the words between the last comma and a sentence-final verb of saying are the source."""
    sent = verb.sent
    after = [t for t in sent if t.i > verb.i]
    if any(t.pos_ in ("VERB", "AUX") for t in after):
        return None
    comma = next((t for t in reversed(list(sent)) if t.i < verb.i and t.text in (",", "\"", "”")), None)
    if comma is None or verb.i - comma.i > MAX_SOURCE_WORDS + 1:
        return None
    between = [t for t in sent if comma.i < t.i < verb.i and t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not between:
        return None
    mentions = [m for t in between if (m := actors.at(t.i)) is not None]
    sources = tuple(_source_from_mention(m, sent.doc) for m in dict.fromkeys(mentions)) or _unlisted_source(between[-1], actors, memory)
    region = frozenset(range(comma.i, sent.end))
    content = frozenset(range(sent.start, comma.i))
    return Attribution(verb, sources, region, content, source_span=_trim_span(sent.doc, comma.i + 1, verb.i),
                       cue_span=_cue_span(verb), content_spans=_runs(content))


def _citing(token: Token, actors: ActorIndex, memory: Memory) -> Attribution | None:
    objs = [c for c in token.children if c.dep_ in ("dobj", "pobj", "nsubj")]
    if not objs:
        return None
    region = frozenset(t.i for t in token.subtree)
    content = frozenset(t.i for t in token.sent) - region
    return Attribution(token, _sources_of(objs[0], actors, memory), region, content, source_span=_phrase_span(objs[0]),
                       cue_span=(token.i, token.i + 1), content_spans=_runs(content))


def _is_citing(cue: Token) -> bool:
    return cue.lemma_.lower() in load().cues["citing_verbs"] and _subject(cue) is None


def _merge_citing(found: list[Attribution]) -> list[Attribution]:
    citing = [a for a in found if _is_citing(a.cue)]
    if not citing:
        return found
    out: list[Attribution] = []
    for a in found:
        if a in citing:
            continue
        inner = [c for c in citing if c.cue.i in a.region or c.cue.head.i == a.cue.i]
        if inner:
            sources = tuple(dict.fromkeys([*(s for c in inner for s in c.sources), *a.sources]))
            region = a.region.union(*(c.region for c in inner))
            a = replace(a, sources=sources, region=region, content=a.content - region,
                        content_spans=_runs(_tokens(a.content_spans) - region))
        out.append(a)
    # a "citing" that joined no verb of saying still stands on its own
    out.extend(c for c in citing if not any(c.cue.i in a.region for a in out))
    return out


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() not in ("it", "there")]
    # "“The trucks left,” Ana Ruiz told reporters" parsed with two subjects: the quoted one is what is said
    if subjects:
        return next((c for c in subjects if not _quoted(c)), subjects[0])
    # "Time, citing …, writes": the parser may leave the speaker unattached as a bare noun phrase
    for child in verb.children:
        if child.dep_ in ("npadvmod", "dep") and child.i < verb.i and child.pos_ in ("PROPN", "NOUN") and child.i == verb.sent.start:
            return child
    return None


def _quoted(token: Token) -> bool:
    """Whether ``token`` stands inside quotation marks opened earlier in its sentence."""
    depth = 0
    for t in token.sent[: token.i - token.sent.start]:
        if t.text in ("“", "‘"):
            depth += 1
        elif t.text in ("”", "’") and depth:
            depth -= 1
        elif t.text in ('"', "''", "``"):
            depth = 0 if depth else 1
    return depth > 0


def _sources_of(head: Token, actors: ActorIndex, memory: Memory) -> tuple[Source, ...]:
    """Name the source(s) a noun phrase refers to, one per conjunct."""
    cues = load().cues
    if head.lower_ in ("which", "who", "that") and head.head.dep_ == "relcl":
        head = head.head.head  # "Washington, which claims …"
    if head.lemma_.lower() in cues["document_nouns"]:
        return _document_source(head, actors, memory)
    out = [_source_from_mention(m, head.doc) for m in _mentions_in_phrase(head, actors)]
    return tuple(out) or _unlisted_source(head, actors, memory)


def _mentions_in_phrase(head: Token, actors: ActorIndex) -> list[ActorMention]:
    """Actors the phrase names, skipping a bare country word used as a modifier ("the US magazine Time")."""
    m = actors.at(head.i)
    if m is not None and not (m.is_state and m.via in ("adjective",) and head.dep_ != "nsubj"):
        out = [m]
    else:
        out = []
    for t in head.subtree:
        if t.i == head.i or t.dep_ in ("relcl", "acl"):
            continue
        n = actors.at(t.i)
        if n is None or n in out or n.is_state:
            continue
        if t.head.i == head.i and t.dep_ in ("appos", "conj") or (n.via in ("media", "person") and t.dep_ != "poss"):
            out.append(n)
    if not out and m is not None:
        out = [m]
    return out


def _source_from_mention(m: ActorMention, doc) -> Source:
    """The source as the article names it ("the Pentagon", "Seoul"), with the canonical name beside it."""
    text = m.actor.name if m.via == "pronoun" else _strip_article(surface(doc[m.start:m.end]))
    return Source(text, m.actor.country, SOURCE_KIND.get(m.actor.kind, "unknown"), m.actor.name)  # type: ignore[arg-type]


def _strip_article(text: str) -> str:
    text = text.strip(" ,\"“”'")
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            return text[len(article):]
    return text


def _unlisted_source(head: Token, actors: ActorIndex, memory: Memory) -> tuple[Source, ...]:
    """A source the knowledge files do not list: "traders", "a Japanese think tank", "he", "they"."""
    word = head.lower_
    if word in PRONOUNS:
        if word in ("he", "she") and memory.people:
            return (memory.people[-1][1],)  # the person "he" is: see Memory.people
        if word == "they" and memory.groups:
            return (memory.groups[-1],)
        return ()
    if head.pos_ not in ("NOUN", "PROPN"):
        return ()
    name = _phrase_text(head)
    country = next((m.actor.country for t in head.subtree if (m := actors.at(t.i)) and m.actor.country), None)
    kind = UNNAMED_KIND.get(head.lemma_.lower(), "person" if head.ent_type_ == "PERSON" else "unknown")
    return (Source(name, country, kind),)  # type: ignore[arg-type]


def _document_source(head: Token, actors: ActorIndex, memory: Memory) -> tuple[Source, ...]:
    """'a UN expert report', 'a statement from the Polish Defense Ministry'; a bare "the report"
    is the report named before."""
    owners = [t for t in head.subtree if t.i != head.i and t.dep_ not in ("det", "punct")]
    if not owners and memory.last_report:
        return memory.last_report
    name = _phrase_text(head, with_owner=True)
    country = next((m.actor.country for t in head.subtree if (m := actors.at(t.i)) and m.actor.country), None)
    return (Source(name, country, "document"),)


def _phrase_text(head: Token, with_owner: bool = False) -> str:
    """The words naming a source: its modifiers, and an "of/by/from/in" owner; no clauses, no article."""
    keep = {head.i}
    for child in head.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "nummod") and child.i < head.i:
            keep.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("of", "in", "at", "for") or (with_owner and child.lower_ in ("by", "from")):
            keep.update(t.i for t in child.subtree)
    tokens = [head.doc[i] for i in sorted(keep)][:MAX_SOURCE_WORDS]
    return _strip_article(surface(head.doc[tokens[0].i:tokens[-1].i + 1]))


# ---- spans: the source phrase, the cue words and the reported material as written


EDGE_CHARS = frozenset(".,;:!?-—–…()[]{}\"'“”‘’`«»„/")


def _runs(indices: Iterable[int]) -> tuple[Range, ...]:
    """Sorted token indices as contiguous ranges."""
    out: list[Range] = []
    for i in sorted(set(indices)):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return tuple(out)


def _tokens(spans: Iterable[Range]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _edge(token: Token) -> bool:
    return token.is_space or all(ch in EDGE_CHARS for ch in token.text)


def _trim_span(doc, start: int, end: int, marks: dict[int, str] | None = None) -> Range | None:
    """Punctuation and space off both ends; a quote's own marks stay, as do brackets that pair up inside."""
    marks = marks or {}
    while start < end and _edge(doc[start]) and marks.get(start) != "open" \
            and not (doc[start].text == "(" and any(doc[k].text == ")" for k in range(start + 1, end))):
        start += 1
    while end > start and _edge(doc[end - 1]) and marks.get(end - 1) != "close" \
            and not (doc[end - 1].text == ")" and any(doc[k].text == "(" for k in range(start, end - 1))):
        end -= 1
    return (start, end) if end > start else None


def _phrase_span(head: Token, cue: Token | None = None) -> Range | None:
    """The whole noun phrase ``head`` heads, as PolNeAR marks a source: relative clauses and appositions
    included, with the comma or dash that closes them ("Erin Brockovich, the activist, said"), but not a closing
    relative clause that is an attribution of its own (``_before_own_attribution``), nor a leading "even" or
    conjunction ("Even a top aide said")."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if head.head.i > head.i:  # never past the verb it is the subject of
        end = min(end, head.head.i)
    if cue is not None and start <= cue.i < end:  # "a statement saying …": the noun, not its participle
        end = min(end, cue.left_edge.i)
    # "Lee on Friday said", "Lee, speaking in Ohio, said": when and how the source spoke, not who
    setting = [c for c in head.children if c.i > head.i and (c.dep_ == "prep" and c.lower_ in ("on", "at") and any(
        o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children)
        or (c.dep_ == "acl" and c.tag_ == "VBG" or c.dep_ == "prep" and c.lower_ in ("through", "via", "with", "in"))
        and doc[c.left_edge.i - 1].text == ",")]
    if setting:
        end = min(end, setting[0].left_edge.i)
    # a dateline the parser kept in the lead: "ORLANDO, Fla. (Reuters) - President Barack Obama said"
    dash = [k for k in range(start, end) if doc[k].text in ("-", "—", "--", "–") and doc[k].whitespace_ and k > start
            and doc[k - 1].whitespace_]
    if dash and dash[-1] < head.i:
        start = dash[-1] + 1
    end = _before_own_attribution(head, start, end)
    span = _trim_span(doc, start, end, _balanced_marks(doc, start, end))
    if span is None:
        return None
    start, end = span
    while end - start > 1 and (doc[start].lower_ == "even" or doc[start].dep_ == "cc"):
        start += 1
    if end < len(doc) and doc[end].text in SET_OFF_MARKS and doc[end].i < head.head.i \
            and any(doc[k].text == doc[end].text for k in range(start, end)):  # "Jo Lee — a teacher — said"
        end += 1
    return start, end


def _before_own_attribution(head: Token, start: int, end: int) -> int:
    """Where a closing ", who said …" starts: a relative clause holding a cue of its own is that
    attribution's ("Ann Lee, who has endorsed Smith, said"), and a word has one role in one attribution."""
    doc = head.doc
    for clause in head.children:
        if clause.dep_ == "relcl" and start < clause.left_edge.i - 1 and doc[clause.left_edge.i - 1].text == "," \
                and all(_edge(t) for t in doc[clause.right_edge.i + 1:end]) \
                and any(is_cue_word(t, True) for t in clause.subtree):
            return min(end, clause.left_edge.i - 1)
    return end


def _balanced_marks(doc, start: int, end: int) -> dict[int, str]:
    """Quote marks that pair up inside tokens [start, end), so trimming keeps them ("host of “Morning Joe,”")."""
    marks = [k for k in range(start, end) if doc[k].text in QUOTE_MARKS]
    return {marks[0]: "open", marks[-1]: "close"} if len(marks) >= 2 and len(marks) % 2 == 0 else {}


def _cue_span(verb: Token) -> Range:
    """The verb with the auxiliaries, negation and adverbs just before it and a particle after it:
    "has also said", "did not say", "pointed out"."""
    doc = verb.doc
    modifiers = {c.i for c in verb.children if c.dep_ in CUE_MODIFIERS and c.lower_ not in ("so", "as", "when", "how", "why", "where")}
    start, end = verb.i, verb.i + 1
    while start - 1 in modifiers:
        start -= 1
    while end < len(doc) and doc[end].head.i == verb.i and doc[end].dep_ == "prt":
        end += 1
    prep = doc[end] if end < len(doc) and doc[end].head.i == verb.i and doc[end].lower_ == "in" else None
    medium = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep is not None else None
    if medium is not None and medium.lemma_.lower() in MEDIA_NOUNS and medium.right_edge.i - prep.i <= 3:
        end = medium.right_edge.i + 1  # "said in a statement", "wrote in an email"
    elif medium is not None and medium.lemma_.lower() in MEDIA_NOUNS and medium.i - prep.i <= 3 \
            and any(c.dep_ in ("acl", "ccomp") and c.i > medium.i for c in medium.children):
        end = medium.i + 1  # "said in a statement that …", the clause parsed as the statement's
    if end < len(doc) and doc[end].text == ":" and end + 1 < len(doc):  # "said:", "added:"
        end += 1
    return start, end


def is_cue_word(token: Token, wide: bool = False) -> bool:
    """A verb of saying (``wide``: or of thinking)."""
    cues = load().cues
    lemma = token.lemma_.lower()
    return token.pos_ in ("VERB", "AUX") and (lemma in cues["speech_verbs"] or wide and lemma in cues["attitude_verbs"])


def _read_quotes(doc, memory: Memory) -> None:
    """Pair the document's quote marks into quotes, each within one paragraph; a quote left open at
    a line break ends there (a quote running on over paragraphs reopens each)."""
    if memory.quotes_of == id(doc):
        return
    quotes: list[Range] = []
    marks: dict[int, str] = {}
    opened: int | None = None
    last = 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            if opened is not None:
                quotes.append((opened, last + 1))
                opened = None
            continue
        if t.text not in QUOTE_MARKS:
            if not t.is_space:
                last = t.i
            continue
        way = _direction(doc, t)
        if opened is None:
            if way != "close":
                opened = t.i
                marks[t.i] = "open"
        elif way == "open" and t.text in OPENING_QUOTES:  # an unclosed quote, and a new one
            quotes.append((opened, last + 1))
            opened = t.i
            marks[t.i] = "open"
        else:
            marks[t.i] = "close"
            quotes.append((opened, t.i + 1))
            opened = None
        last = t.i
    if opened is not None:
        quotes.append((opened, last + 1))
    memory.quotes, memory.quote_marks, memory.quotes_of = quotes, marks, id(doc)


def _direction(doc, t: Token) -> str | None:
    """Whether a quote mark opens or closes a quote: by its shape, or for straight marks by where the spaces are."""
    if t.text in OPENING_QUOTES:
        return "open"
    if t.text in CLOSING_QUOTES:
        return "close"
    before = t.i == 0 or bool(doc[t.i - 1].whitespace_) or doc[t.i - 1].is_space or doc[t.i - 1].text in ("(", "[", "—", "–", "-")
    after = bool(t.whitespace_) or t.i + 1 == len(doc) or doc[t.i + 1].is_space or _edge(doc[t.i + 1])
    if before and not after:
        return "open"
    if after and not before:
        return "close"
    return None


def _expand(span: Range, quotes: list[Range], cue: int) -> Range:
    """Material that starts or ends inside a quote takes the whole quote, marks included (not the quote
    the cue itself stands in: "“… what Trump has said …”")."""
    start, end = span
    for qs, qe in quotes:
        if qs <= cue < qe:
            continue
        if qs < start < qe - 1:
            start = qs
        if qs < end - 1 < qe - 1:
            end = qe
    return start, end


def _with_spans(att: Attribution, memory: Memory) -> Attribution:
    """The reported material made whole: quotes it cuts into taken entire, the source and cue words left
    out, space and punctuation trimmed off each part."""
    doc = att.cue.doc
    exclude = _tokens(s for s in (att.source_span, att.cue_span) if s is not None)
    raw = _tokens(att.content_spans) - exclude
    material = set(raw)
    for span in _runs(raw):
        material.update(range(*_expand(span, memory.quotes, att.cue.i)))
    parts = content_parts(doc, material - exclude, memory)
    if not parts and att.cue_span is not None and (quote := _adjacent_quote(att, memory)) is not None:
        parts = (quote,)  # "“… missing.” Trump said.": the quote the sentence splitter cut off
    return replace(att, content_spans=parts)


def content_parts(doc, tokens: Iterable[int], memory: Memory) -> tuple[Range, ...]:
    """Tokens of reported material as contiguous parts, space and punctuation trimmed off each (a quote's
    own marks stay); a part with no word of content (a stray "But" or "why") is left out."""
    return tuple(p for s, e in _runs(tokens) if (p := _trim_span(doc, s, e, memory.quote_marks))
                 and any(doc[k].pos_ in CONTENT_POS for k in range(*p)))


def set_off(att: Attribution, memory: Memory) -> int | None:
    """The comma (or dash) before a clause whose verb of saying it sets off inside other reported material
    ("X backed the tax, which she said would …", "X said …, adding …"): PolNeAR marks such a clause as an
    attribution of its own. None for a cue inside a direct quote or not set off ("X said she thinks …"):
    that is the other attribution's material."""
    cue, doc = att.cue, att.cue.doc
    start = cue.left_edge.i - 1
    if start < 0 or doc[start].text not in SET_OFF_MARKS or not is_cue_word(cue) \
            or any(qs <= cue.i < qe for qs, qe in memory.quotes):
        return None
    return start


def _adjacent_quote(att: Attribution, memory: Memory) -> Range | None:
    """The quote just before the source and cue ("“…” Trump said.") or just after them ("he said: “…”")."""
    doc = att.cue.doc
    edges = [e for e in (att.source_span, att.cue_span) if e is not None]
    k = min(s for s, _ in edges) - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in (",", ":")):
        k -= 1
    if k >= 0 and memory.quote_marks.get(k) == "close":
        return next(((qs, qe) for qs, qe in memory.quotes if qe == k + 1), None)
    k = max(e for _, e in edges)
    while k < len(doc) and (doc[k].is_space or doc[k].text in (",", ":")):
        k += 1
    if k < len(doc) and memory.quote_marks.get(k) == "open":
        return next(((qs, qe) for qs, qe in memory.quotes if qs == k), None)
    return None


def _is_quote(att: Attribution, memory: Memory) -> bool:
    return any(memory.quote_marks.get(s) == "open" or memory.quote_marks.get(e - 1) == "close" for s, e in att.content_spans)


def _quoted_elsewhere(sent: SpacySpan, found: list[Attribution], actors: ActorIndex, memory: Memory,
                      wide: bool) -> list[Attribution]:
    """Quoted words in ``sent`` whose cue stands in another sentence: one closing the quote later
    ("“… . …,” he said"), or the quote attribution just before ("“…,” he said. “…”")."""
    doc = sent.doc
    first = next((t.i for t in sent if not t.is_space), sent.start)
    out: list[Attribution] = []
    for qs, qe in memory.quotes:
        if qe <= sent.start or qs >= sent.end:
            continue
        inside = [i for i in range(max(qs, sent.start), min(qe, sent.end)) if not doc[i].is_space]
        words = [i for i in inside if i not in memory.quote_marks]
        # a cue inside the quote ("“I think …”") is the speaker's words, not the quote's attribution
        covered = _tokens(p for a in (*found, *out) if not qs <= a.cue.i < qe for p in a.content_spans)
        if not words or covered.intersection(words):
            continue
        att = None
        ends_here = all(doc[i].is_space or _edge(doc[i]) for i in range(qe, sent.end))
        if qe > sent.end or ends_here and sent.end < len(doc):
            # the quote closes in a later sentence, or closes this one: its cue may follow ("… .” Trump said.")
            closing = doc[qe - 1].sent if qe > sent.end else doc[sent.end].sent
            last_word = max(i for i in range(qs, qe) if i not in memory.quote_marks and not doc[i].is_space)
            for later in _read_cues(closing, actors, memory, wide):
                if later.cue.i >= qe and any(s <= last_word < e for s, e in later.content_spans):
                    att = later
                    break
        if att is None and qs <= first < qe and memory.last_quote is not None:
            att = memory.last_quote
        if att is None:
            continue
        out.append(Attribution(att.cue, att.sources, frozenset(), frozenset(inside), att.hedging, att.source_span,
                               att.cue_span, (*att.content_spans, (qs, qe))))
    return out
