"""Is this a claim that something moved, and how sure is the text of it?

Reads the words that govern a transfer word in its sentence: conditions ("if"),
requests ("asked for"), plans ("agreed to supply"), readiness ("ready to send"),
bans ("sanctions restrict the import of"), refusals ("refused to deliver"), future
and capability modals ("will send", "could supply") make it no claim at all; negation and denial ("did not
send", "denied supplying") make it denied; hedges ("may have", "reportedly",
"suspected of") make it hedged.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from lading.knowledge import load

# Clauses that describe an entity: words above them govern the entity, not the transfer
# ("sanctioned companies that supplied drones" is still a claim that drones were supplied).
RELATIVE_DEPS = frozenset({"relcl", "acl"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})


@dataclass(frozen=True)
class Modality:
    nonfactual: str | None  # why it is not a claim ("conditional", "request", "plan", "future", …), None if it is one
    future: bool  # "will supply": a claim only if the time it names is already past
    negated: bool
    hedged: bool

    @property
    def claim(self) -> bool:
        return self.nonfactual is None


def modality(trigger: Token, goods_head: Token | None = None) -> Modality:
    """Read the modality of the transfer word ``trigger`` from the words above it in the sentence.

    A word governs the transfer only through its complements: "denied sending arms" and
    "restrict the import of oil" count, "arms sales declined" and "the shipments required" do not.
    """
    cues = load().cues
    nonfactual: str | None = "question" if trigger.sent.text.rstrip().endswith("?") else None
    future = negated = hedged = False
    own_group = True  # modals and "not" count only on the nearest verb group
    relative = False  # crossed into a clause that modifies a noun other than the goods
    if goods_head is not None and _has_child(goods_head, "det", "no"):
        negated = True  # "sent no missiles"
    node = trigger
    via = ""  # the dependency by which we climbed to ``node``
    while True:
        lemma = node.lemma_.lower()
        if node.i != trigger.i and not relative and via not in SUBJECT_DEPS and _negated(node) and (
                lemma in cues["halt_verbs"] or lemma in cues["blocking_words"]):
            negated = False  # "has not stopped selling", "sanctions have not prevented China from selling"
            own_group = False
        elif node.i != trigger.i and not relative and via not in SUBJECT_DEPS and via != "conj":
            # a first conjunct is no governor: "has committed $3.7 billion and has provided $4.3 billion"
            nonfactual = nonfactual or _governor(node, lemma, via, cues)
            negated = negated or (lemma in cues["denial_words"] and not (via == "ccomp" and denies_its_object(node))) or (
                node.pos_ == "NOUN" and _has_child(node, "det", "no"))
            hedged = hedged or (lemma in cues["hedge_verbs"] and node.pos_ == "VERB")
        if node.dep_ == "pcomp" and node.head.lower_ in cues["preventive_preps"] and not relative:
            nonfactual = nonfactual or "prevention"  # "warned Pyongyang against supplying arms"
        if node.pos_ in ("VERB", "AUX") and _inverted_condition(node):
            nonfactual = nonfactual or "conditional"  # "Had Germany delivered tanks earlier, …"
        if own_group and node.pos_ in ("VERB", "AUX") and (_after_nor(node) or via == "xcomp" and _has_child(node, "advmod", "yet")):
            negated = True  # "…, nor did it ship", "we have yet to see any support from the PRC"
        for child in node.children:
            word, clemma = child.lower_, child.lemma_.lower()
            if child.dep_ == "mark" and clemma in cues["conditional_markers"] and not relative:
                nonfactual = nonfactual or "conditional"
            if child.dep_ == "advmod" and clemma in cues["hedge_adverbs"]:
                hedged = True
            if not own_group:
                continue
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or (child.dep_ == "advmod" and word == "never"):
                negated = True
            if child.dep_ == "amod" and word in cues["hedge_adjectives"] and node.pos_ in ("NOUN", "PROPN"):
                hedged = True  # "the alleged transfer", "a suspected shipment"
            if child.dep_ == "aux" and child.tag_ == "TO" and node.dep_ == "ROOT":
                future = True  # headline style: "U.S. to send Abrams tanks to Ukraine"
            if child.dep_ == "aux" and child.tag_ == "MD":
                # "may have supplied", "may be supplying": a hedged claim; "may supply": none
                later = [s.lemma_ for s in node.children if s.dep_ in ("aux", "auxpass") and s.i > child.i]
                perfect = "have" in later or ("be" in later and node.tag_ == "VBG")
                if perfect and clemma in cues["hedge_modals"]:
                    hedged = True
                elif word in cues["future_modals"] or clemma in cues["future_modals"]:
                    future = True
                elif word in cues["capability_modals"] or clemma in cues["capability_modals"]:
                    nonfactual = nonfactual or "capability"
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "aux", "auxpass"):
            own_group = False
        describes_goods = goods_head is not None and node.head.i == goods_head.i
        relative = relative or (node.dep_ in RELATIVE_DEPS and not describes_goods and not _complement_clause(node))
        if node.head.i == node.i or _own_clause(node):
            break
        via = node.dep_
        node = node.head
    return Modality(nonfactual, future, negated, hedged)


def denies_its_object(denial: Token) -> bool:
    """"Russia sends arms to Syria, rejects U.S. concerns" parsed with the sending as the clause of
    "rejects": a denial with a noun object of its own denies that, not a clause it is said to govern."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() not in ("it", "this", "that", "which")
               and not any(g.pos_ in ("VERB", "AUX") or g.tag_ == "VBG" for g in c.subtree) for c in denial.children)


def _governor(node: Token, lemma: str, via: str, cues) -> str | None:
    """Why a word above the transfer makes it no claim: "asked", "agreed", "ready", "ban", "plan"."""
    if node.pos_ == "VERB" and lemma in cues["request_verbs"]:
        return "request"
    if node.pos_ == "VERB" and (lemma in cues["plan_verbs"] or lemma in cues["effort_verbs"] and via in ("xcomp", "advcl")):
        return "plan"
    if lemma in cues["readiness_adjectives"] and (node.pos_ == "ADJ" or via == "xcomp"):
        return "readiness"  # "is ready to supply", "is set to deliver"
    if lemma in cues["blocking_words"]:
        return "restriction"
    if lemma in cues["refusal_words"]:
        return "refusal"
    if node.pos_ == "NOUN" and lemma in cues["nonfactual_nouns"]:
        return "plan"
    return None


def _inverted_condition(verb: Token) -> bool:
    """'Had Germany delivered …', 'Were Iran to ship …', 'Should Russia send …': a clause that opens
    with an auxiliary before its subject, in a sentence that is not a question, states a condition."""
    if verb.dep_ == "ROOT" or verb.sent.text.rstrip().endswith("?"):
        return False
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    opener = verb if verb.lower_ in ("had", "were", "should") else next(
        (c for c in verb.children if c.dep_ == "aux" and c.lower_ in ("had", "were", "should")), None)
    return opener is not None and opener.i == verb.left_edge.i and opener.i < min(subjects)


def _complement_clause(node: Token) -> bool:
    """'claims that it had shipped weapons', 'a request to deliver missiles': a clause completing
    a noun, not describing it."""
    if node.dep_ != "acl":
        return False
    if any((c.dep_ == "mark" and c.lower_ in ("that", "whether")) or (c.dep_ == "aux" and c.tag_ == "TO") for c in node.children):
        return True
    # "accusations it is getting weapons": a claim noun's clause with a subject of its own, "that" left out
    return node.head.lemma_.lower() in load().cues["claim_nouns"] and any(c.dep_ == "nsubj" for c in node.children)


def _own_clause(node: Token) -> bool:
    """'Kyiv asked for jets, and the Netherlands delivered F-16s': a coordinated clause with its
    own subject is not governed by the words above its first conjunct."""
    return node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _negated(node: Token) -> bool:
    return any(c.dep_ == "neg" for c in node.children)


def _after_nor(node: Token) -> bool:
    """'…, nor have we seen any military support from China': the clause after "nor" is negated."""
    return node.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" and c.i < node.i for c in node.head.children)


def _has_child(node: Token, dep: str, word: str) -> bool:
    return any(c.dep_ == dep and c.lower_ == word for c in node.children)
