"""How well near-duplicate detection finds syndicated copies: MinHash/LSH (what Lading uses) vs SimHash.

    python benchmarks/dedup_quality.py ../shared/data/voa/voa_stories.jsonl

Each story gets three "syndicated" copies the way wire stories are republished:
another headline and dateline, site boilerplate around it, the last sentences
trimmed, a few words changed. Every copy should be found as a copy of its
original (recall); no two different stories should be (precision). Prints both
methods' figures at several thresholds and the time they take.
"""
import argparse
import hashlib
import json
import random
import re
import time
from itertools import combinations

from lading.ingest.dedup import NearDuplicates, signature

BOILERPLATE_BEFORE = ["Advertisement", "Subscribe to our newsletter for the latest news.", "Share this article"]
BOILERPLATE_AFTER = ["Copyright 2025. All rights reserved.", "Read more: World news", "Related stories", "Sign up for alerts"]


def syndicate(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    keep = sentences[: max(3, len(sentences) - rng.randint(0, 3))]  # trimmed ending
    words = " ".join(keep).split()
    for _ in range(rng.randint(1, 4)):  # an edited word or two
        i = rng.randrange(len(words))
        words[i] = rng.choice(["said", "reported", "officials", "Tuesday", "the", "also"])
    dateline = rng.choice(["WASHINGTON (AP) —", "LONDON, Reuters —", "(AFP) -", "By Staff Writer |"])
    return "\n\n".join([rng.choice(BOILERPLATE_BEFORE), "Another Headline For This Story", f"{dateline} {' '.join(words)}",
                        rng.choice(BOILERPLATE_AFTER)])


def simhash(text: str, bits: int = 64) -> int:
    weights = [0] * bits
    tokens = re.findall(r"\w+", text.lower())
    for shingle in (" ".join(tokens[i:i + 3]) for i in range(len(tokens) - 2)):
        h = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for b in range(bits):
            weights[b] += 1 if h >> b & 1 else -1
    return sum(1 << b for b in range(bits) if weights[b] > 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stories", help="JSON Lines with a 'text' field per story (e.g. the VOA stories)")
    args = ap.parse_args()
    rng = random.Random(7)
    originals = [json.loads(line)["text"] for line in open(args.stories, encoding="utf-8") if line.strip()]
    copies = [(i, syndicate(t, rng)) for i, t in enumerate(originals) for _ in range(3)]
    print(f"{len(originals)} stories, {len(copies)} syndicated copies, {len(originals) * (len(originals) - 1) // 2} pairs of different stories")

    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        began = time.perf_counter()
        index = NearDuplicates(threshold)
        for i, text in enumerate(originals):
            index.add(i, signature(text))
        found = sum(1 for i, text in copies if (hit := index.original_of(signature(text))) and hit[0] == i)
        false = 0
        for i, text in enumerate(originals):  # each original against the others
            others = NearDuplicates(threshold)
            for j, other in enumerate(originals):
                if j != i:
                    others.add(j, signature(other))
            false += others.original_of(signature(text)) is not None
        took = time.perf_counter() - began
        print(f"MinHash/LSH  threshold {threshold:.1f}: copies found {found}/{len(copies)} (recall {found / len(copies):.3f}), "
              f"stories wrongly called copies {false}/{len(originals)}  [{took:.1f} s]")

    sims = [simhash(t) for t in originals]
    copy_sims = [(i, simhash(t)) for i, t in copies]
    for distance in (3, 6, 10, 14):
        began = time.perf_counter()
        found = sum(1 for i, s in copy_sims if min(range(len(sims)), key=lambda j: bin(s ^ sims[j]).count("1")) == i
                    and bin(s ^ sims[i]).count("1") <= distance)
        false = sum(1 for a, b in combinations(range(len(sims)), 2) if bin(sims[a] ^ sims[b]).count("1") <= distance)
        took = time.perf_counter() - began
        print(f"SimHash      distance ≤ {distance:2d}: copies found {found}/{len(copies)} (recall {found / len(copies):.3f}), "
              f"false pairs {false}  [{took:.1f} s]")


if __name__ == "__main__":
    main()
