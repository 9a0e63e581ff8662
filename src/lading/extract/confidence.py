"""How likely a transfer record is right, from how it was read.

A record read from a verb whose parties and goods the sentence names is usually right; one
whose supplier came from an earlier sentence, or whose goods were guessed from the sentence
around a bare "imports from", less so. Each such trait multiplies a base rate by a factor kept
in ``knowledge/data/confidence.yaml``; ``benchmarks/calibrate_confidence.py`` measures the
factors on labelled text so that a confidence of 0.8 means about 80 in 100 such records are right.
"""
from __future__ import annotations

from functools import cache

from lading.extract.transfers import Frame
from lading.knowledge import KnowledgeError, _read
from lading.knowledge import load as load_knowledge

FLOOR, CEILING = 0.01, 0.99


def features(frame: Frame, certainty: str) -> dict[str, str]:
    """The traits of a reading that bear on whether it is right."""
    trigger, cues = frame.trigger, load_knowledge().cues
    lemma = trigger.lemma_.lower()
    if frame.reciprocal_of is not None:
        form = "reciprocal"
    elif lemma in cues["arrival_verbs"]:
        form = "arrival"
    elif trigger.pos_ in ("VERB", "AUX"):
        form = "verb"
    else:
        form = "agent" if lemma in cues["giver_nouns"] or lemma in cues["getter_nouns"] else "noun"
    goods = frame.goods
    attached = goods is not None and (goods.head.i == trigger.i or goods.head.i in {t.i for t in trigger.subtree})
    return {
        "form": form,
        "supplier_found": frame.supplier_from,
        "recipient_found": frame.recipient_from,
        "goods_attached": "yes" if attached else "no",
        "certainty": certainty,
    }


@cache
def _model() -> tuple[float, dict[str, dict[str, float]]]:
    data = _read("confidence.yaml")
    try:
        return float(data["base"]), {k: {str(v): float(f) for v, f in values.items()} for k, values in data["factors"].items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(f"confidence.yaml: malformed ({exc})") from exc


def confidence(traits: dict[str, str]) -> float:
    base, factors = _model()
    value = base
    for name, trait in traits.items():
        value *= factors.get(name, {}).get(trait, 1.0)
    return round(min(max(value, FLOOR), CEILING), 3)

