"""Once and only once: exact copies by content hash, syndicated copies by MinHash.

The same wire story appears on twenty sites with different headlines, datelines,
bylines and trimmed endings. Word 5-gram shingles of the normalized text change
little under such edits, so their Jaccard similarity stays high; MinHash
estimates it and locality-sensitive hashing finds the candidates without
comparing every pair (datasketch). ``benchmarks/dedup_quality.py`` measures the
threshold and compares the method with SimHash.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5  # words per shingle
PERMUTATIONS = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
THRESHOLD = 0.5  # estimated Jaccard similarity from which two texts are one story
MIN_SHINGLES = 25  # below this a text is too short to call a copy of another
_WORD = re.compile(r"\w+", re.UNICODE)


def normalized(text: str) -> str:
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace runs collapsed: the same content, byte for byte otherwise."""
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


def signature(text: str) -> MinHash | None:
    """MinHash of the word shingles of ``text``; None when the text is too short to compare."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0))}
    if len(shingles) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def to_bytes(m: MinHash) -> bytes:
    return m.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=PERMUTATIONS, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=SCHEME)


class NearDuplicates:
    """An index of signatures that answers: which earlier story is this one a copy of?"""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}  # keys in the order they were added: the first copy wins

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: str, m: MinHash) -> None:
        if key not in self._signatures:
            self._lsh.insert(key, m)
            self._signatures[key] = m
            self._order[key] = len(self._order)

    def original_of(self, m: MinHash) -> tuple[str, float] | None:
        """The earliest indexed story this one copies, with the estimated similarity."""
        best: tuple[str, float] | None = None
        for key in self._lsh.query(m):
            similarity = m.jaccard(self._signatures[key])
            if similarity >= self.threshold and (best is None or self._order[key] < self._order[best[0]]):
                best = (key, similarity)
        return best
