"""What moved: goods phrases mapped to the schema's categories and HS codes.

A goods phrase is read from the noun that a transfer verb or noun takes as its
object. Measure and container nouns ("7,000 container loads of …", "$1 billion
in aid", "shipments of …") pass through to the goods they hold and lend their
number to the quantity. Named weapon systems carry the state that makes them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from lading.extract.actors import ActorIndex
from lading.extract.quantities import MONEY_SIGNS, parse_number, read_quantity
from lading.knowledge import GoodsTerm, WeaponSystem, load
from lading.model import Goods, Quantity
from lading.nlp import conjuncts, pipeline, surface

MODIFIER_DEPS = ("compound", "amod", "nmod", "nummod", "quantmod", "poss", "det", "npadvmod", "advmod", "punct", "case", "nn")
TIME_UNITS = frozenset({"day", "week", "month", "year"})
CARGO = frozenset({"load", "container", "containerload", "shipment", "consignment", "cargo", "shipload",
                   "boatload", "planeload", "truckload", "trainload", "tonne", "ton", "barrel", "batch", "tranche"})


@dataclass(frozen=True)
class GoodsPhrase:
    head: Token  # the noun the trigger takes as its object
    items: tuple[Goods, ...]
    quantity: Quantity | None
    origin: str | None  # ISO3 named inside the phrase: "Russian oil", "Russia's S-400", "Iranian-made drones"
    start: int  # token span of the phrase
    end: int
    bare: bool = False  # named only by what holds them, as told before ("the cargoes"): the article said what


@cache
def _weapon_matcher() -> tuple[PhraseMatcher, dict[str, WeaponSystem]]:
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    systems: dict[str, WeaponSystem] = {}
    for w in load().lexicon.weapons:
        for alias in {w.name, *w.aliases}:
            if alias not in systems:
                systems[alias] = w
                matcher.add(alias, [nlp.make_doc(alias)])
    return matcher, systems


def weapon_tokens(doc: Doc) -> dict[int, WeaponSystem]:
    """Token index -> named weapon system ("S-400", "Shahed-136") for the whole document."""
    matcher, systems = _weapon_matcher()
    out: dict[int, WeaponSystem] = {}
    for match_id, start, end in matcher(doc):
        system = systems[doc.vocab.strings[match_id]]
        for i in range(start, end):
            out[i] = system
    return out


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def classify(token: Token, weapons: dict[int, WeaponSystem], adjectives: bool = False) -> tuple[Goods, ...]:
    """Goods named by the noun ``token`` with its left modifiers, longest phrase first.

    ``adjectives`` lets a modifier the tagger calls an adjective count ("crude exports").
    """
    if token.pos_ not in ("NOUN", "PROPN", "X") and not (adjectives and token.pos_ == "ADJ"):
        return ()
    lexicon = load().lexicon
    for i in range(max(token.left_edge.i, token.i - 4), token.i + 1):
        if i in weapons and (i == token.i or token.doc[i].head.i == token.i or _within_modifiers(token, i)):
            w = weapons[i]
            text = surface(token.doc[i:token.i + 1])
            return (Goods(text, w.category, _hs_for(w.category), w.origin),)
    left = _modifier_run(token)
    words = [(_lemma(t), t.lower_) for t in left] + [(_lemma(token), token.lower_)]
    for n in range(len(words), 0, -1):
        window = words[-n:]
        for key in (tuple(w[0] for w in window), tuple(w[1] for w in window)):
            term = lexicon.goods.get(key)
            if term:
                first = left[len(left) - n + 1] if n > 1 else token
                return _goods(term, token, first, left)
    return ()


def _within_modifiers(head: Token, i: int) -> bool:
    t = head.doc[i]
    while t.i != head.i and t.head.i != t.i and t.i < head.i:
        if t.dep_ not in MODIFIER_DEPS:
            return False
        t = t.head
    return t.i == head.i


def _modifier_run(token: Token) -> list[Token]:
    """The contiguous compound/adjective words right before ``token`` ("oil", "air - defense")."""
    doc = token.doc
    run: list[Token] = []
    i = token.i - 1
    while i >= token.left_edge.i:
        t = doc[i]
        if t.dep_ in ("compound", "amod", "nmod") or (t.text == "-" and run):
            if t.text != "-":
                run.insert(0, t)
            i -= 1
            continue
        break
    return run


def _goods(term: GoodsTerm, head: Token, first: Token, left: list[Token]) -> tuple[Goods, ...]:
    modifiers = load().lexicon.modifiers
    start = min([first.i] + [t.i for t in left if _lemma(t) in modifiers])
    text = surface(head.doc[start:head.i + 1])
    cats = list(term.categories)
    for t in left:
        extra = modifiers.get(_lemma(t))
        if extra and extra not in cats:
            cats.append(extra)
    return tuple(Goods(text, c, term.hs_code if c == term.categories[0] else None) for c in cats)


def _hs_for(category: str) -> str | None:
    return {"arms": "93", "ammunition": "9306", "vehicles": "8703"}.get(category)


def read_goods(head: Token, actors: ActorIndex, weapons: dict[int, WeaponSystem]) -> GoodsPhrase | None:
    """The goods phrase headed by ``head`` (with its conjuncts), or None if it names no goods."""
    items: list[Goods] = []
    quantity: Quantity | None = None
    origin: str | None = None
    start, end = head.i, head.i + 1
    for noun in conjuncts(head):
        found, q, o, s, e = _read_one(noun, actors, weapons)
        for g in found:
            if all(g.category != x.category for x in items):
                items.append(g)
        quantity = quantity or q
        origin = origin or o
        start, end = min(start, s), max(end, e)
    if not items:
        return None
    bare = all(g.category == "goods" for g in items) and all(
        _lemma(n) in CARGO and _held_goods(n) is None and _given(n) for n in conjuncts(head))
    return GoodsPhrase(head, tuple(items), quantity, origin, start, end, bare)


def _read_one(noun: Token, actors: ActorIndex, weapons: dict[int, WeaponSystem]):
    left = [t for t in noun.doc[noun.left_edge.i:noun.i]]
    held = _held_goods(noun)
    measures: list[Token] = []  # "a tanker carrying 40,000 tonnes of diesel": the measures passed through
    for _ in range(3):  # "an average of 16,000 barrels per day of crude oil": through nested measures
        if held is None or classify(held, weapons) and not (_is_money(held) and _held_goods(held)):
            break  # "billions of dollars of weapons": past the money to what it bought
        deeper = _held_goods(held) or _held_goods(_per_unit(held))
        if deeper is None:
            break
        measures.append(held)
        held = deeper
    if held is not None:
        inner_items: list[Goods] = []
        inner_q = None
        inner_origin = None
        for inner in conjuncts(held):
            inner_items.extend(classify(inner, weapons))
            inner_origin = inner_origin or _origin(inner, actors, weapons)
            inner_q = inner_q or read_quantity([t for t in inner.doc[inner.left_edge.i:inner.i]] + [inner],
                                               _category(classify(inner, weapons)))
        category = inner_items[0].category if inner_items else None
        share = _share(noun)
        if share is not None:  # "7% of the $4.5 billion in loans": a share of the whole its "of" names
            whole = _held_goods(noun)
            assert whole is not None
            whole_q = read_quantity([t for t in noun.doc[whole.left_edge.i:whole.i + 1]], category) or inner_q
            quantity = _part_of(whole_q, share, surface(noun.doc[noun.left_edge.i:whole.i + 1]))
        else:
            # "two planes carrying about 100 troops": a vehicle's own number counts vehicles, not its cargo
            own = None if _carries(noun) else read_quantity(left + [noun], category)
            quantity = own or next(
                (q for m in measures if (q := read_quantity(list(m.doc[m.left_edge.i:m.i + 1]), category))), None) \
                or inner_q or worth(noun)
        if _is_money(noun) and not inner_items:
            inner_items = [Goods(surface(noun.doc[noun.left_edge.i:noun.i + 1]), "money")]
        if _is_money(held) and not inner_items:  # "7% of the $13.6 billion"
            inner_items = [Goods(surface(noun.doc[held.left_edge.i:held.i + 1]), "money")]
        if not inner_items and _lemma(noun) in CARGO:
            inner_items = [Goods(surface(noun.doc[noun.left_edge.i:noun.i + 1]).strip(), "goods")]
        end = held.right_edge.i + 1
        return inner_items, quantity, _origin(noun, actors, weapons) or inner_origin, noun.left_edge.i, end
    items = list(classify(noun, weapons))
    if not items and is_container(noun):
        # "a humanitarian aid convoy", "LNG cargoes": the goods named as the container's modifier
        for child in sorted(noun.children, key=lambda c: -c.i):
            if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
                items = list(classify(child, weapons))
                if items:
                    break
    if not items and _is_money(noun):
        items = [Goods(surface(noun.doc[noun.left_edge.i:noun.i + 1]), "money")]
    if not items and _lemma(noun) in CARGO and read_quantity(left + [noun]):
        items = [Goods(surface(noun.doc[_first_content(noun):noun.i + 1]), "goods")]
    quantity = (read_quantity(left + [noun], _category(items)) or worth(noun)) if items else None
    return items, quantity, _origin(noun, actors, weapons), noun.left_edge.i, noun.i + 1


def worth(word: Token) -> Quantity | None:
    """'wristwatches worth about $2.6 million', 'aid worth a total of 750 million yuan ($123 million)':
    the dollar value a "worth" on the goods (or on the verb) gives them."""
    for child in word.children:
        if child.lower_ == "worth" and child.i > word.i:
            return read_quantity([t for t in child.subtree if t.i > child.i], "money")
    return None


def _given(noun: Token) -> bool:
    """'the cargoes', 'these shipments': a definite phrase without a number points back to goods
    already named ("9,000 container loads" or "a cargo" is new and says nothing of its content)."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in noun.children) and \
        not any(c.dep_ == "nummod" or c.like_num for c in noun.children)


def _first_content(noun: Token) -> int:
    """Skip determiners and numbers: "the 9,000 container loads" -> "container loads"."""
    i = noun.left_edge.i
    while i < noun.i and (noun.doc[i].dep_ in ("det", "nummod", "quantmod") or noun.doc[i].like_num or not noun.doc[i].is_alpha):
        i += 1
    return i


def _category(items) -> str | None:
    return items[0].category if items else None


def _is_money(noun: Token) -> bool:
    """'$', 'dollars', 'pounds', or a sum written "$500 million" (the parser heads it with the number)."""
    if noun.lower_ in MONEY_SIGNS or noun.lemma_.lower() == "dollar" or noun.lemma_.lower() in load().lexicon.currencies:
        return True
    return noun.pos_ == "NUM" and any(t.lower_ in MONEY_SIGNS for t in noun.doc[noun.left_edge.i:noun.i])


def _share(noun: Token) -> float | None:
    """The fraction a share noun takes: "7%" is 0.07, "two thirds" 0.67, "half" 0.5; None for other nouns."""
    lexicon = load().lexicon
    word = noun.lower_
    numbers = [c for c in noun.children if c.dep_ == "nummod"]
    count = parse_number(numbers) if numbers else None
    if word in lexicon.percent_words:
        return count / 100 if count is not None else None
    fraction = lexicon.fractions.get(word.removesuffix("s"))
    if fraction is None:
        return None
    return fraction * (count if count is not None else 1)


def _part_of(whole: Quantity | None, share: float, text: str) -> Quantity | None:
    """'7% of the $13.6 billion': the share's own quantity, in the whole's unit."""
    if whole is None:
        return None
    rounded = share != round(share, 2)  # "two thirds" of a count is not a whole number
    qualifier = "approx" if whole.qualifier == "exact" and rounded else whole.qualifier
    return Quantity(round(whole.value * share, 2), whole.unit, qualifier, text)


def _per_unit(noun: Token) -> Token:
    """'barrels per day of oil', 'barrels a day of crude': the parser hangs the goods on the unit of time."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("per", "a", "each"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
        if child.dep_ == "npadvmod" and child.lemma_.lower() in TIME_UNITS:
            return child
    return noun


def is_container(noun: Token) -> bool:
    """'loads', 'shipments', 'masses' (which the lemmatizer makes "masse"): nouns that hold goods."""
    lexicon = load().lexicon
    word = noun.lower_
    return any(w in lexicon.containers or w in lexicon.fractions
               for w in (_lemma(noun), word, word.removesuffix("es"), word.removesuffix("s")))


def _carries(noun: Token) -> Token | None:
    """What a vehicle carries: the object of its "carrying" ("a tanker carrying 40,000 tonnes of diesel")."""
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in load().cues["carrying_verbs"]:
            objs = [c for c in child.children if c.dep_ == "dobj"]
            if objs:
                return objs[0]
    return None


def _held_goods(noun: Token) -> Token | None:
    """For "loads of X", "$1 billion in X", "$5 million worth of X", "a tanker carrying X": the X."""
    carried = _carries(noun)
    if carried is not None:
        return carried
    if not is_container(noun) and not _is_money(noun):
        return None
    for child in [*noun.children, *(_per_unit(noun).children if _per_unit(noun) is not noun else ())]:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
        if child.lower_ == "worth":
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ == "of":
                    objs = [c for c in grand.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0]
    return None


def _origin(noun: Token, actors: ActorIndex, weapons: dict[int, WeaponSystem]) -> str | None:
    """A state named inside the phrase ("Russian oil", "Russia's S-400", "Iranian-made") or the company
    that owns the goods ("NSO's spyware", "Gazprom's gas"), else a system's maker."""
    for t in noun.doc[noun.left_edge.i:noun.i]:
        m = actors.at(t.i)
        if m is not None and m.actor.country and (m.is_state or m.actor.kind == "company" and t.dep_ == "poss"):
            return m.actor.country
    for i in range(noun.left_edge.i, noun.i + 1):
        if i in weapons and weapons[i].origin:
            return weapons[i].origin
    return None
