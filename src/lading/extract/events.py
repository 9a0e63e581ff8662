"""Where a sentence states a political event other than a transfer, coded in PLOVER.

The cue words, phrases and modes of each category are data (``knowledge/data/plover.yaml``).
From the dependency parse around a cue we read a frame the way ``transfers.py`` does:

* a verb cue: the source is its subject (with control: "agreed to meet", "one of the first to
  congratulate"), or the "by" phrase of a passive; the target is its direct object (the subject
  of a passive) or the object of one of the category's target prepositions;
* a noun cue: the source is its possessor or a state word modifying it ("Kim's visit", "Russian
  strikes"), a "by" phrase, or the subject of a light verb taking it ("held talks", "imposed
  sanctions"); the target is the object of a target preposition ("his visit to Russia");
* a phrase ("call for", "cut ties", "lift sanctions") is read as a verb or noun cue at its head.

A verbal cue that is about another event - a demand, threat, promise or refusal of it ("threatened
to strike Kyiv", "called for talks") - codes only itself: the inner event selects its mode and
lends it a target. Transfers (supply, ship, deliver …) are ``transfers.py``'s; here a noun of aid
under a transfer verb makes an AID frame the pipeline links to the transfer. Certainty, time and
attribution are left to the pipeline, and so is a source named only by a pronoun it did not
resolve ("his visit"): such frames come back with no actors and the pronoun in
``unresolved_actor``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from lading.extract.actors import ActorIndex, ActorMention
from lading.extract import transfers
from lading.extract.transfers import _children, _misread_verb, _prep_objects, _subject, trigger_kind
from lading.knowledge import KnowledgeError, _read, _words, load
from lading.nlp import conjuncts

FILE = "plover.yaml"
RESTRICTIONS = frozenset({"with", "without", "actor_object", "official_subject", "needs_target"})
FIELDS = frozenset({"definition", "verbs", "nouns", "phrases", "restrict", "target_preps", "noun_target_preps",
                    "noun_actor_preps", "compound", "reverse", "venue_preps", "border_preps", "joint", "mutual",
                    "object_is_target", "modes", "default_mode", "requires_recipient", "governs", "content"})
SELECTORS = frozenset({"@igo", "@goods", "@transfer", "@xcomp", "@that"})
# dependencies that leave the cue's own phrase: another clause, a coordinated word, punctuation
_OUTSIDE = frozenset({"conj", "cc", "relcl", "advcl", "ccomp", "parataxis", "punct", "appos", "mark", "acl"})
# where a verbal cue's inner event sits: "demanded talks", "threatened to strike", "called for talks"
_COMPLEMENT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "nsubjpass", "oprd", "acomp"})
_COMPLEMENT_PREPS = frozenset({"for", "of", "on", "to", "with", "over", "about", "against", "into"})
# nouns that hold an event noun modifying them: "an aid package for Ukraine"
_PACKAGES = frozenset({"package", "tranche", "program", "programme", "bill"})


# ---- the cue data


@dataclass(frozen=True)
class Restriction:
    """Conditions under which an ambiguous cue counts (see the header of plover.yaml)."""

    with_: tuple[str, ...] = ()
    without: frozenset[str] = frozenset()
    actor_object: bool = False
    official_subject: bool = False
    needs_target: bool = False


@dataclass(frozen=True)
class Category:
    name: str
    definition: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    target_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    noun_actor_preps: frozenset[str]
    modes: dict[str, tuple[tuple[str, ...], ...]]  # mode -> cues: lemma sequences, CATEGORY names, @selectors
    default_mode: str | None = None
    requires_recipient: bool = False
    restrict: dict[tuple[tuple[str, ...], str | None], Restriction] = field(default_factory=dict)  # (cue, form)
    reverse: frozenset[str] = frozenset()
    compound: str = "actor"
    governs: str | None = None  # own: about the actor's own act ("threaten"); other: another's ("demand")
    content: dict[str, str] = field(default_factory=dict)
    venue_preps: frozenset[str] = frozenset()
    border_preps: frozenset[str] = frozenset()
    joint: str | None = None
    mutual: bool = False  # two states acting together stand for source and recipient
    object_is_target: bool = True


@dataclass(frozen=True)
class Plover:
    categories: dict[str, Category]
    light_verbs: frozenset[str]
    border_nouns: frozenset[str]
    # lemma -> the categories it cues, restricted readings first
    verb_cues: dict[str, tuple[Category, ...]]
    noun_cues: dict[str, tuple[Category, ...]]
    phrases: tuple[tuple[tuple[str, ...], tuple[Category, ...]], ...]  # longest first


def _key(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


def _restrict_key(text: str) -> tuple[tuple[str, ...], str | None]:
    """'talk/verb' restricts only the verb "talk"; 'talk' both the verb and the noun."""
    words, _, form = text.partition("/")
    if form not in ("", "verb", "noun"):
        raise KnowledgeError(f"{FILE}: restriction key {text!r}: only /verb or /noun may follow the cue")
    return _key(words), form or None


def _parse_restriction(where: str, value: Any) -> Restriction:
    if not isinstance(value, dict) or not set(value) <= RESTRICTIONS:
        raise KnowledgeError(f"{FILE}: {where}: a restriction takes only {sorted(RESTRICTIONS)}")
    for key in ("with", "without"):
        if key in value:
            _words(FILE, f"{where}.{key}", value[key])
    return Restriction(
        with_=tuple(v if v.isupper() or v.startswith("@") else v.lower() for v in value.get("with", [])),
        without=frozenset(v if v.isupper() or v.startswith("@") else v.lower() for v in value.get("without", [])),
        actor_object=bool(value.get("actor_object")),
        official_subject=bool(value.get("official_subject")),
        needs_target=bool(value.get("needs_target")),
    )


def _category(name: str, entry: dict[str, Any], names: set[str]) -> Category:
    where = f"category {name}"
    if not isinstance(entry, dict) or not isinstance(entry.get("definition"), str):
        raise KnowledgeError(f"{FILE}: {where} needs a one-line 'definition'")
    unknown = set(entry) - FIELDS
    if unknown:
        raise KnowledgeError(f"{FILE}: {where} has unknown fields {sorted(unknown)}")

    def words(key: str, default: Iterable[str] = ()) -> frozenset[str]:
        return _words(FILE, f"{name}.{key}", entry[key]) if key in entry else frozenset(default)

    modes: dict[str, tuple[tuple[str, ...], ...]] = {}
    for mode, cues in (entry.get("modes") or {}).items():
        _words(FILE, f"{name}.modes.{mode}", cues)
        for cue in cues:
            if cue.startswith("@") and cue not in SELECTORS:
                raise KnowledgeError(f"{FILE}: {where}: unknown selector {cue!r} in mode {mode!r}")
            if cue.isupper() and cue not in names:
                raise KnowledgeError(f"{FILE}: {where}: mode {mode!r} names unknown category {cue!r}")
        modes[str(mode)] = tuple((c,) if c.isupper() else _key(c) for c in cues)
    default = entry.get("default_mode")
    if default is not None and default not in modes:
        raise KnowledgeError(f"{FILE}: {where}: default_mode {default!r} is not one of its modes")
    content = entry.get("content") or {}
    for inner, outer in content.items():
        if inner not in names or outer not in names:
            raise KnowledgeError(f"{FILE}: {where}: 'content' maps categories, not {inner!r}: {outer!r}")
    joint = entry.get("joint")
    if joint is not None and joint not in names:
        raise KnowledgeError(f"{FILE}: {where}: 'joint' names unknown category {joint!r}")
    if entry.get("governs") not in (None, "own", "other"):
        raise KnowledgeError(f"{FILE}: {where}: 'governs' is own or other")
    if entry.get("compound", "actor") not in ("actor", "pairs", "none"):
        raise KnowledgeError(f"{FILE}: {where}: 'compound' is actor, pairs or none")
    target_preps = words("target_preps")
    return Category(
        name=name,
        definition=entry["definition"].strip(),
        verbs=words("verbs"),
        nouns=words("nouns"),
        phrases=tuple(_key(p) for p in words("phrases")),
        target_preps=target_preps,
        noun_target_preps=words("noun_target_preps", target_preps),
        noun_actor_preps=words("noun_actor_preps", ("by",)),
        modes=modes,
        default_mode=default,
        requires_recipient=bool(entry.get("requires_recipient", False)),
        restrict={_restrict_key(k): _parse_restriction(f"{name}.restrict.{k}", v) for k, v in (entry.get("restrict") or {}).items()},
        reverse=words("reverse"),
        compound=entry.get("compound", "actor"),
        governs=entry.get("governs"),
        content=dict(content),
        venue_preps=words("venue_preps"),
        border_preps=words("border_preps"),
        joint=joint,
        mutual=bool(entry.get("mutual", False)),
        object_is_target=bool(entry.get("object_is_target", True)),
    )


def _restriction_of(cat: Category, key: tuple[str, ...], form: str) -> Restriction | None:
    """The restriction on a cue of ``cat`` read as a verb or a noun (phrases have no form)."""
    return cat.restrict.get((key, form)) or cat.restrict.get((key, None))


def _index(categories: Iterable[Category], attr: str) -> dict[str, tuple[Category, ...]]:
    """lemma -> categories; cues that need a target first, then other restricted ones, then the one
    unrestricted reading (two unrestricted readings of one word are refused)."""
    form = attr[:-1]
    out: dict[str, list[Category]] = {}
    for cat in categories:
        for lemma in getattr(cat, attr):
            out.setdefault(lemma, []).append(cat)
    for lemma, cats in out.items():
        free = [c.name for c in cats if _restriction_of(c, (lemma,), form) is None]
        if len(free) > 1:
            raise KnowledgeError(f"{FILE}: {form} {lemma!r} is an unrestricted cue of {free}: restrict all but one")
    return {lemma: tuple(sorted(cats, key=lambda c: _priority(c, (lemma,), form))) for lemma, cats in out.items()}


def _priority(cat: Category, key: tuple[str, ...], form: str) -> int:
    r = _restriction_of(cat, key, form)
    return 2 if r is None else 0 if r.needs_target else 1


@cache
def load_plover() -> Plover:
    """The PLOVER cue file, validated, once per process."""
    data = _read(FILE)
    raw = data.get("categories")
    if not isinstance(raw, dict) or not raw:
        raise KnowledgeError(f"{FILE}: expected a mapping 'categories'")
    names = set(raw)
    categories = {name: _category(name, entry, names) for name, entry in raw.items()}
    for cat in categories.values():
        for key, form in cat.restrict:
            words = {"verb": cat.verbs, "noun": cat.nouns}.get(form or "", cat.verbs | cat.nouns)
            if len(key) == 1 and key[0] not in words or len(key) > 1 and key not in cat.phrases:
                raise KnowledgeError(f"{FILE}: {cat.name} restricts {' '.join(key)!r}, which is not one of its cues")
    phrases: dict[tuple[str, ...], list[Category]] = {}
    for cat in categories.values():
        for p in cat.phrases:
            phrases.setdefault(p, []).append(cat)
    for p, cats in phrases.items():
        free = [c.name for c in cats if _restriction_of(c, p, "phrase") is None]
        if len(free) > 1:
            raise KnowledgeError(f"{FILE}: phrase {' '.join(p)!r} is an unrestricted cue of {free}: restrict all but one")
    return Plover(
        categories=categories,
        light_verbs=_words(FILE, "light_verbs", data.get("light_verbs", [])),
        border_nouns=_words(FILE, "border_nouns", data.get("border_nouns", [])),
        verb_cues=_index(categories.values(), "verbs"),
        noun_cues=_index(categories.values(), "nouns"),
        phrases=tuple(sorted(((p, tuple(sorted(cs, key=lambda c: _priority(c, p, "phrase")))) for p, cs in phrases.items()),
                             key=lambda item: -len(item[0]))),
    )


# ---- frames


@dataclass(frozen=True)
class EventFrame:
    trigger: Token  # the word that states the event
    category: str  # PLOVER category
    mode: str | None
    actors: list[ActorMention]  # PLOVER source actor(s), with countries
    recipients: list[ActorMention]  # PLOVER target(s); may be empty where PLOVER allows no target
    unresolved_actor: Token | None = None  # a pronoun naming the source that the actor index left unresolved


@dataclass
class _Cue:
    """A cue found in the sentence, before its frame is read."""

    trigger: Token
    tokens: frozenset[int]  # every token of the cue (a phrase has several)
    phrase: tuple[str, ...] | None
    readings: tuple[Category, ...]  # candidate categories, in the order to try
    form: str  # verb or noun


@dataclass
class _Frame:
    cue: _Cue
    category: Category
    actor_tokens: list[Token]
    target_tokens: list[Token]
    light: Token | None = None  # the light verb carrying a noun cue
    unresolved: Token | None = None
    inner: list[_Frame] = field(default_factory=list)  # events a verbal cue is about
    target_from_with: bool = False


def read_events(sent: SpacySpan, actors: ActorIndex) -> list[EventFrame]:
    """Event frames for every event cue in the sentence."""
    plover = load_plover()
    cues = _find_cues(sent, plover)
    potential = {i: {c.name for c in cue.readings} for cue in cues for i in cue.tokens}
    frames: dict[int, _Frame] = {}
    for cue in cues:
        frame = _read_cue(cue, actors, plover, potential)
        if frame is not None:
            frames[cue.trigger.i] = frame
    # verbal cues about another event code only themselves
    inner_ids: set[int] = set()
    for frame in frames.values():
        if not frame.category.governs:
            continue
        scope = _complement(frame.cue.trigger)
        frame.inner = [f for i, f in frames.items() if i in scope and i != frame.cue.trigger.i]
        inner_ids.update(f.cue.trigger.i for f in frame.inner)
    out = []
    for i, frame in sorted(frames.items()):
        if i in inner_ids:
            continue
        if any((f := frames.get(_antecedent(t).i)) is not None and f.category is frame.category for t in frame.actor_tokens):
            continue  # "Israeli airstrikes killed …": the strikes are the event, already read
        event = _finish(frame, frames, actors, plover)
        if event is not None:
            out.append(event)
    return out


def _antecedent(token: Token) -> Token:
    """'the bombing … that killed …': a relative pronoun stands for the noun its clause describes."""
    if token.lower_ in ("which", "that", "who") and token.head.dep_ in ("relcl", "acl"):
        return token.head.head
    return token


def _find_cues(sent: SpacySpan, plover: Plover) -> list[_Cue]:
    used: set[int] = set()
    out: list[_Cue] = []
    lemmas = [(token, token.lemma_.lower()) for token in sent]
    present = {lemma for _, lemma in lemmas}
    for phrase, cats in plover.phrases:  # phrases first: "call for" is not a phone call
        if present.isdisjoint(phrase):
            continue
        for token, lemma in lemmas:
            if token.i in used or lemma not in phrase:
                continue
            match = _match_phrase(token, phrase, used)
            if match is not None:
                used.update(match)
                out.append(_Cue(token, frozenset(match), phrase, cats, "verb" if _is_verb(token) else "noun"))
    for token in sent:
        if token.i in used:
            continue
        lemma = token.lemma_.lower()
        if _is_verb(token) and lemma in plover.verb_cues:
            if token.dep_ in ("amod", "compound"):
                continue  # "the occupied territories", "sanctioned entities": a description, not an event
            out.append(_Cue(token, frozenset({token.i}), None, plover.verb_cues[lemma], "verb"))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in plover.noun_cues:
            if token.dep_ == "compound" and token.head.lemma_.lower() not in _PACKAGES:
                continue  # "attack drones", "protest movement": a kind of thing, not an event
            out.append(_Cue(token, frozenset({token.i}), None, plover.noun_cues[lemma], "noun"))
    return sorted(out, key=lambda c: c.trigger.i)


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or _misread_verb(token)


def _match_phrase(head: Token, phrase: tuple[str, ...], used: set[int]) -> set[int] | None:
    """The phrase's words, each once, hanging from ``head`` or from one another - directly or through
    a preposition ("go on strike", "the lifting of sanctions") - but never through another word
    ("called them a punishment for …" is no "call for")."""
    rest = list(phrase)
    rest.remove(head.lemma_.lower())
    found = [head]
    while rest:
        reachable = [c for t in found for c in t.children if c.dep_ not in _OUTSIDE]
        reachable += [g for c in reachable if c.pos_ == "ADP" for g in c.children]
        # "called for the Taliban to lift …": "for" marks the clause it introduces
        reachable += [m for t in found for c in t.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"]
        hit = next(((t, w) for t in reachable for w in rest if t.i not in used and t not in found
                    and (t.lemma_.lower() == w or t.lower_ == w) and not _time_phrase(t)), None)
        if hit is None:
            return None
        found.append(hit[0])
        rest.remove(hit[1])
    return {t.i for t in found}


def _time_phrase(token: Token) -> bool:
    """'called Xi on Thursday' is no "call on": a preposition whose object is a time."""
    return token.pos_ == "ADP" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children)


def _near(token: Token, depth: int) -> list[Token]:
    """Dependents of ``token`` within ``depth`` steps inside its own phrase, nearest first."""
    out: list[Token] = []
    frontier = [token]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in _OUTSIDE:
                    continue
                out.append(c)
                nxt.append(c)
        frontier = nxt
    return out


def _complement(trigger: Token) -> set[int]:
    """Tokens where the event a verbal cue is about may sit."""
    out: set[int] = set()

    def add(t: Token, deep: bool) -> None:
        out.add(t.i)
        if not deep:
            return
        for c in t.children:
            if c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass", "nsubj"):
                add(c, c.dep_ == "xcomp")
            elif _infinitive(c):  # "called for the Taliban to lift the ban"
                add(c, True)
            elif c.dep_ == "prep":
                for o in c.children:
                    if o.dep_ in ("pobj", "pcomp"):
                        add(o, False)

    for c in trigger.children:
        if c.dep_ in _COMPLEMENT_DEPS or _infinitive(c):  # "a threat to impose tariffs"
            add(c, True)
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            add(c, True)  # "called for the Taliban to lift the ban"
        elif c.dep_ == "prep" and c.lower_ in _COMPLEMENT_PREPS:
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    add(o, True)
    return out


def _infinitive(token: Token) -> bool:
    return token.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _read_cue(cue: _Cue, actors: ActorIndex, plover: Plover, potential: dict[int, set[str]]) -> _Frame | None:
    """The frame of the first reading of the cue whose restriction holds."""
    key = cue.phrase or (cue.trigger.lemma_.lower(),)
    form = "phrase" if cue.phrase else cue.form
    for cat in cue.readings:
        frame = _verb_frame(cue, cat, actors) if cue.form == "verb" else _noun_frame(cue, cat, actors, plover)
        r = _restriction_of(cat, key, form)
        if r is None or _holds(r, frame, actors, potential):
            return frame
    return None


def _holds(r: Restriction, frame: _Frame, actors: ActorIndex, potential: dict[int, set[str]]) -> bool:
    trigger = frame.cue.trigger
    near = [t for t in _near(trigger, 2) if t.i not in frame.cue.tokens]
    if frame.light is not None:  # "Russia's navy held exercises": the light verb's phrase counts too
        near += [t for t in _near(frame.light, 2) if t.i not in frame.cue.tokens and t.i != trigger.i]
    lemmas = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    scope = _complement(trigger) | {t.i for t in near}
    inner = set().union(*(potential.get(i, set()) for i in scope if i not in frame.cue.tokens))
    if any(_selects(w, lemmas, inner, near, trigger, actors) for w in r.without):
        return False
    if r.actor_object:  # the object is itself a name ("called Xi"), not a phrase with one ("called Chinese subsidies …")
        objects = _children(trigger, "dobj")
        if not any((m := actors.at(o.i)) is not None and m.via != "media" for o in objects):
            return False
    if r.official_subject:
        mentions = [m for t in frame.actor_tokens for m in actors.resolve(t)]
        if not any(m.actor.kind in ("person", "government", "military") for m in mentions):
            return False
    if r.needs_target and not _actors(frame.target_tokens, actors):
        own = {m.actor.country for m in _actors(frame.actor_tokens, actors)}
        if not [m for m in _venue_states(frame, actors) if m.actor.country not in own]:
            return False  # "Afghan forces arrived", "Kim arrived (home) in Pyongyang"
    if r.with_:
        return any(_selects(w, lemmas, inner, near, trigger, actors) for w in r.with_)
    return True


def _selects(word: str, lemmas: set[str], inner: set[str], near: list[Token], trigger: Token, actors: ActorIndex) -> bool:
    if word.isupper():
        return word in inner
    if word == "@xcomp":  # an infinitive, a clause or an object complement follows ("is ready to help")
        return bool(_children(trigger, "xcomp", "ccomp", "oprd")) or any(
            _children(c, "xcomp") for c in trigger.children if c.pos_ == "ADJ")
    if word == "@that":  # "agree that …": an opinion, not a commitment
        return any(c.dep_ == "ccomp" and (c.tag_ not in ("VB", "VBG") or _children(c, "mark")) for c in trigger.children)
    if word == "@goods":
        goods = load().lexicon.goods
        return any((t.lemma_.lower(),) in goods or (t.lower_,) in goods for t in near)
    if word == "@transfer":
        return any(trigger_kind(t) is not None for t in near)
    if word == "@igo":
        return any((m := actors.at(t.i)) is not None and m.actor.kind == "igo" for t in near)
    return word in lemmas


def _verb_frame(cue: _Cue, cat: Category, actors: ActorIndex) -> _Frame:
    verb = cue.trigger
    # "Ukraine was invaded", "asked by a reporter", "soldiers stand accused of …"
    predicative = verb.tag_ == "VBN" and verb.dep_ in ("acomp", "oprd") and not _children(verb, "nsubj")
    passive = bool(_children(verb, "nsubjpass", "auxpass")) or predicative or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))
    if passive:
        actor_tokens = _prep_objects(verb, {"by"})
        target_tokens = _children(verb, "nsubjpass") or (_children(verb.head, "nsubj") if predicative else [])
    else:
        subj = _subject(verb) or _raised_subject(verb)
        actor_tokens = [subj] if subj is not None else []
        objects = _children(verb, "dobj") or [  # "visited Washington" misparsed as an adverbial
            c for c in _children(verb, "npadvmod") if c.pos_ == "PROPN" and actors.at(c.i) is not None]
        target_tokens = objects if cat.object_is_target else []
        target_tokens += [c for c in _children(verb, "dative", "iobj") if c.pos_ in ("PROPN", "NOUN")]
    # a phrase's words all carry its prepositions: "cut ties with France", "lifted sanctions on Iran"
    words = [verb] + [verb.doc[i] for i in sorted(cue.tokens) if i != verb.i]
    with_prep = [o for w in words for o in _prep_objects(w, cat.target_preps & {"with"})]
    target_tokens += [o for w in words for o in _prep_objects(w, cat.target_preps - {"with"})] + with_prep
    if not cat.object_is_target:  # "deployed warships near Taiwan": the parser hangs the phrase on the ships
        target_tokens += [o for d in _children(verb, "dobj") for o in _prep_objects(d, cat.target_preps)]
    target_tokens += _border_objects(verb, cat)
    target_tokens = [t for t in target_tokens if t.i not in cue.tokens]  # "cut ties with": not "ties"
    if verb.lemma_.lower() in cat.reverse:  # "Beijing hosted Putin": the guest is the source
        actor_tokens, target_tokens = target_tokens, actor_tokens
    return _Frame(cue, cat, actor_tokens, target_tokens, target_from_with=bool(with_prep))


def _raised_subject(verb: Token) -> Token | None:
    """'X was one of the first to congratulate …', 'Albania was the first country to recognize …':
    an infinitive describing the complement of "be" has that clause's subject."""
    if verb.dep_ not in ("relcl", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    node = verb.head
    for _ in range(4):
        if node.dep_ in ("attr", "acomp"):
            subj = _children(node.head, "nsubj")
            return subj[0] if subj else None
        if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _noun_frame(cue: _Cue, cat: Category, actors: ActorIndex, plover: Plover) -> _Frame:
    trigger = cue.trigger
    # "the EU's aid package for Ukraine": the package phrase stands for the aid
    noun = trigger.head if trigger.dep_ == "compound" else trigger
    actor_tokens: list[Token] = []
    names: list[Token] = []
    unresolved = None
    for c in noun.children:
        if c.i in cue.tokens:
            continue
        if c.dep_ == "poss":
            m = actors.at(c.i)
            if m is not None or c.pos_ != "PRON":
                actor_tokens.append(c)
            else:
                unresolved = c
        elif c.dep_ in ("amod", "compound", "nmod") and (m := actors.at(c.i)) is not None and m.actor.country:
            if c.dep_ == "amod" or m.via in ("adjective", "demonym", "person", "institution"):
                actor_tokens.append(c)
            elif m.via != "metonym":  # "the Madrid talks", "the Hanoi summit": a capital fused in is a place
                names.append(c)
    if cat.compound == "actor" or (cat.compound == "pairs" and len(names) > 1):
        actor_tokens += names  # "U.S. strikes"; for talks only "US-China talks", not "the Singapore summit"
    actor_tokens += _prep_objects(noun, cat.noun_actor_preps)
    target_tokens = _prep_objects(noun, cat.noun_target_preps)
    with_prep = bool(_prep_objects(noun, cat.noun_target_preps & {"with"}))
    light, carrier = _light_verb(noun, plover)
    if light is not None and carrier is not None:
        passive = bool(_children(light, "nsubjpass", "auxpass"))
        if not actor_tokens:
            subj = _prep_objects(light, {"by"}) if passive else [s for s in [_subject(light) or _raised_subject(light)] if s is not None]
            actor_tokens = subj
            if subj:
                unresolved = None
        light_with = _prep_objects(light, cat.target_preps & {"with"})
        target_tokens += _prep_objects(light, cat.target_preps - {"with"}) + light_with
        target_tokens += [c for c in _children(light, "dative", "iobj") if c.pos_ in ("PROPN", "NOUN")]
        if carrier.dep_ == "pobj" and carrier.head.lower_ == "with":  # "supplied Ukraine with aid"
            target_tokens += _children(light, "dobj")
        with_prep = with_prep or bool(light_with)
    target_tokens += _border_objects(noun, cat)
    return _Frame(cue, cat, actor_tokens, target_tokens, light=light, unresolved=unresolved, target_from_with=with_prep)


def _light_verb(noun: Token, plover: Plover) -> tuple[Token, Token] | tuple[None, None]:
    """The verb that only carries the noun ("held talks", "sanctions were imposed", "supplied … with
    aid"), and the word it takes (the noun, or the amount it comes in)."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in plover.light_verbs:
        return head, noun
    if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in plover.light_verbs | {"supply", "equip"}:
        return head.head, noun
    if noun.dep_ == "conj" and head.i != noun.i:  # "held talks and consultations"
        return _light_verb(head, plover)
    if noun.dep_ == "pobj" and head.lower_ in ("in", "of") and _is_amount(head.head):
        return _light_verb(head.head, plover)  # "announced $200 million in humanitarian aid"
    return None, None


def _is_amount(token: Token) -> bool:
    """'$200 million', 'billions', 'a package': a noun that measures what follows."""
    return token.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or token.lemma_.lower() in ("package", "tranche", "billion", "million")


def _border_objects(token: Token, cat: Category) -> list[Token]:
    """'massed troops on the border with Ukraine': a border names the state beyond it."""
    if not cat.border_preps:
        return []
    nouns = load_plover().border_nouns
    hosts = [token] + _children(token, "dobj")  # the parser often hangs "on the border" on the troops
    borders = [o for h in hosts for o in _prep_objects(h, cat.border_preps) if o.lemma_.lower() in nouns]
    return [o for b in borders for o in _prep_objects(b, {"with", "of"})]


# ---- finishing a frame: parties, inner events, category, mode


def _finish(frame: _Frame, frames: dict[int, _Frame], actors: ActorIndex, plover: Plover) -> EventFrame | None:
    cat = frame.category
    trigger = frame.cue.trigger
    own = _actors(frame.actor_tokens, actors)
    own_countries = {m.actor.country for m in own}
    targets: list[ActorMention] = []
    for t in frame.target_tokens:
        event = frames.get(t.i)
        if event is not None and event is not frame:  # "condemned Russia's strikes": the target is who struck
            targets += _inner_target(cat, event, own_countries, actors)
        else:  # "against arms sales to Taiwan" names no target; "on Ukrainian cities" does
            targets += _actors([t], actors)
    open_target = not frame.target_tokens  # an object that names no state closes the target
    if open_target and cat.governs:  # "demanded that Japan stop …"
        subjects = [s for c in _children(trigger, "ccomp", "xcomp") for s in _children(c, "nsubj")]
        targets = [m for m in _actors(subjects, actors) if m.actor.country not in own_countries]
    if not targets and open_target:  # "threatened to strike Kyiv", "demanded that Russia withdraw"
        for inner in frame.inner:
            targets = _inner_target(cat, inner, own_countries, actors)
            if targets:
                break
    if not targets and open_target and cat.governs:  # "is ready to help Syria": the object of what is promised
        scope = [trigger.doc[i] for i in sorted(_complement(trigger))]
        objects = [t for t in scope if t.dep_ in ("dobj", "dative")]
        objects += [t for t in scope if t.dep_ == "pobj" and t.head.lower_ in cat.target_preps]
        targets = [m for m in _actors(objects, actors) if m.actor.country not in own_countries]
    targets = _unique(targets)
    own = _unique(own)
    inner_categories = {f.category.name for f in frame.inner}
    name = next((cat.content[c] for c in inner_categories if c in cat.content), cat.name)
    if cat.joint and (frame.target_from_with or len({m.actor.country for m in own}) > 1 or _says_joint(trigger)):
        name = cat.joint
    mode = _mode(frame, plover.categories[name], inner_categories, actors)
    own, targets, mode = _venue(frame, own, targets, mode, actors)
    actor_countries = {m.actor.country for m in own}
    target_countries = {m.actor.country for m in targets}
    if actor_countries and actor_countries == target_countries:
        return None  # a state acting on itself: not an event between states
    if own:
        targets = [m for m in targets if m.actor.country not in actor_countries] or targets
    final = plover.categories[name]
    if final.requires_recipient and not targets and not (final.mutual and len(actor_countries) > 1):
        return None
    unresolved = frame.unresolved if not own else None
    return EventFrame(trigger, name, mode, own, targets, unresolved)


def _actors(tokens: list[Token], actors: ActorIndex) -> list[ActorMention]:
    """States the phrases name, less news outlets (a paper is not a party). A subject or object is
    resolved through its phrase (``transfers._actors``: "the Russian defense minister"); a
    prepositional object only by itself or a modifier (``_named``): "asked by a reporter at the
    White House" names no state, nor does "spoke at length about North Korea" meet one."""
    out: list[ActorMention] = []
    for t in tokens:
        found = _named(t, actors) if t.dep_ == "pobj" else transfers._actors([t], actors)
        out += [m for m in found if m.via != "media" and m.actor.kind != "media" and m not in out]
    return out


def _inner_target(cat: Category, inner: _Frame, own: set[str | None], actors: ActorIndex) -> list[ActorMention]:
    """Whom a cue about another event is aimed at. Who acts in that event ("condemned Russia's
    strikes", "demanded that Russia withdraw"); failing that, for a cue about the actor's own act,
    that act's target ("threatened sanctions against Lithuania"), and for one about talks or other
    joint events, the other partner ("postponed the talks with Ukraine")."""
    found = [m for m in _actors(inner.actor_tokens, actors) if m.actor.country not in own]
    if not found and (cat.governs == "own" or cat.governs and inner.category.mutual):
        found = [m for m in _actors(inner.target_tokens, actors) if m.actor.country not in own]
    return found


def _named(token: Token, actors: ActorIndex) -> list[ActorMention]:
    """States a prepositional object names itself, by a modifier ("on Ukrainian cities") or by an
    "of"/"from" phrase ("with officials from China"), not deeper inside its phrase."""
    relational = load().cues["relational_nouns"]
    out = []
    for head in conjuncts(token):
        m = actors.at(head.i)
        if m is None and head.lemma_.lower() not in relational:
            inner = [c for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
            inner += [o for p in head.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                      for o in p.children if o.dep_ == "pobj"]
            m = next((actors.at(c.i) for c in inner if actors.at(c.i) is not None), None)
        if m is not None and m.actor.country and m.via != "media" and m.actor.kind != "media":
            out.append(m)
    return out


def _says_joint(trigger: Token) -> bool:
    return any(t.lemma_.lower() in ("joint", "jointly", "together") for t in _near(trigger, 2))


def _unique(mentions: list[ActorMention]) -> list[ActorMention]:
    """The first mention of each state."""
    out: list[ActorMention] = []
    for m in mentions:
        if all(o.actor.country != m.actor.country for o in out):
            out.append(m)
    return out


def _mode(frame: _Frame, cat: Category, inner: set[str], actors: ActorIndex) -> str | None:
    """The first mode a cue selects: the phrase, the cue word, a dependent word (nearest first), the
    category of the inner event, a selector, the default."""
    if not cat.modes:
        return None
    trigger = frame.cue.trigger
    keys = [frame.cue.phrase] if frame.cue.phrase else []
    keys.append((trigger.lemma_.lower(),))
    for key in keys:
        for mode, cues in cat.modes.items():
            if key in cues:
                return mode
    near = [t for t in _near(trigger, 2) if t.i not in frame.cue.tokens]
    if frame.light is not None:
        near += [t for t in _near(frame.light, 1) if t.i != trigger.i]
    for inner_frame in frame.inner:
        near.append(inner_frame.cue.trigger)
        near += _near(inner_frame.cue.trigger, 2)
    if cat.governs:  # "demanded that Japan stop …": what is demanded
        near += sorted((trigger.doc[i] for i in _complement(trigger)), key=lambda t: abs(t.i - trigger.i))
    for t in [trigger] + near:
        lemma = t.lemma_.lower()
        keys = {(lemma,), (t.lower_,)} if t.i != trigger.i else set()
        # "chemical weapons", "nuclear strike": a modifier and its noun
        keys |= {(c.lemma_.lower(), lemma) for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i}
        for mode, cues in cat.modes.items():
            if any(k in cues for k in keys):
                return mode
    for mode, cues in cat.modes.items():  # "threatened to strike": the kind of event threatened
        if any(c[0] in inner for c in cues if c[0].isupper()):
            return mode
    for mode, cues in cat.modes.items():
        for c in cues:
            if c[0].startswith("@") and _selects(c[0], set(), inner, near, trigger, actors):
                return mode
    return cat.default_mode


def _venue_states(frame: _Frame, actors: ActorIndex) -> list[ActorMention]:
    """States named as where a meeting is held ("in Pyongyang", "talks with Putin in Tehran")."""
    if not frame.category.venue_preps:
        return []
    hosts = [frame.cue.trigger] + ([frame.light] if frame.light is not None else []) + frame.target_tokens
    places = [p for h in hosts for p in _prep_objects(h, frame.category.venue_preps)]
    return [m for m in _actors(places, actors) if m.is_state]


def _venue(frame: _Frame, own: list[ActorMention], targets: list[ActorMention], mode: str | None,
           actors: ActorIndex) -> tuple[list[ActorMention], list[ActorMention], str | None]:
    """Where a meeting was held: in the target's country it is a visit by the actor; in the actor's,
    a visit by the other side (PLOVER: the visitor is the source); elsewhere a third-party meeting."""
    cat = frame.category
    if not cat.venue_preps:
        return own, targets, mode
    venues = _venue_states(frame, actors)
    if not venues:
        return own, targets, mode
    venue = venues[0].actor.country
    mine = {m.actor.country for m in own}
    theirs = {m.actor.country for m in targets}
    if not frame.target_tokens and len(mine) == 1 and venue not in mine:  # "Putin arrived in Pyongyang": the host
        return own, [venues[0]], mode or "visit"
    if venue in theirs and venue not in mine:
        return own, targets, mode or "visit"
    if venue in mine and targets and venue not in theirs and mode in (None, "visit"):
        return targets, own, "visit"  # "Xi met Putin in Beijing": Putin is the visitor
    if own and (targets or len(mine) > 1) and venue not in mine | theirs:  # "Seoul and Tokyo held talks in Washington"
        return own, targets, mode or "third-party"
    return own, targets, mode
