"""Attribution spans (source, cue, content) against PolNeAR: exact and overlap P/R/F1, articles/s.

    python benchmarks/polnear.py ../shared/data/polnear/train ../shared/data/polnear/dev
    python benchmarks/polnear.py ../shared/data/polnear               # every split under it
    python benchmarks/polnear.py …/dev --misses 40                  # print missed and spurious spans

A PATH is a PolNeAR split (a folder holding ``text/`` and ``attributions/``) or a folder of splits.
Tune on train; dev is the honest figure (test is held out and not stored).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lading.extract.attributions_out import records_parsed
from lading.ingest.text import article_from_text
from lading.nlp import parse_many, pipeline

ROLES = ("source", "cue", "content")
RULE = """matching rule: per article and per role (source, cue, content), predicted spans and gold spans of that role are
paired one to one, regardless of which attribution they belong to. A span is a set of character ranges (gold content
may be discontinuous; a prediction's content is its content_parts), whitespace trimmed at both ends.
  exact   - the pair's ranges are identical.
  overlap - the pair shares at least one character; pairs are taken greedily, largest overlap first.
  P = pairs / predicted spans, R = pairs / gold spans. Attributions without a source have no source span on either side.
  linked  - (citron's rule) a predicted role span counts only if it exactly matches the same role of a gold attribution
            whose cue overlaps the predicted cue.
Gold: one annotator per article (the first .ann file in name order where several annotated it); Discard/Discuss
spans are not attributions and are ignored."""

Ranges = tuple[tuple[int, int], ...]


@dataclass
class Relation:
    source: Ranges | None
    cue: Ranges
    content: Ranges


@dataclass
class Counts:
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)
    exact: Counter = field(default_factory=Counter)
    overlap: Counter = field(default_factory=Counter)
    linked: Counter = field(default_factory=Counter)
    articles: int = 0
    seconds: float = 0.0


def splits(paths: list[str]) -> Iterator[Path]:
    for p in map(Path, paths):
        if (p / "attributions").is_dir():
            yield p
        else:
            yield from sorted(d for d in p.iterdir() if (d / "attributions").is_dir() and d.name != "annotator-training")


def gold_files(split: Path) -> dict[str, Path]:
    """Article stem -> its first annotation file."""
    out: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        out.setdefault(stem, ann)
    return out


def read_gold(ann: Path, text: str) -> list[Relation]:
    spans: dict[str, Ranges] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if re.fullmatch(r"T\d+", parts[0]) and len(parts) > 1:
            label, _, offsets = parts[1].partition(" ")
            if label in ("Source", "Cue", "Content"):
                spans[parts[0]] = _trim(text, [tuple(map(int, o.split())) for o in offsets.split(";")])
        elif re.fullmatch(r"E\d+", parts[0]) and len(parts) > 1:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for e in events:
        cue, content = spans.get(e.get("Cue", "")), spans.get(e.get("Content", ""))
        source = spans.get(e.get("Source", ""))
        out.append(Relation(source or None, cue or (), content or ()))
    return out


def _trim(text: str, ranges) -> Ranges:
    out = []
    for a, b in ranges:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(sorted(out))


def predicted(record: dict, text: str) -> Relation:
    def ranges(spans) -> Ranges:
        return _trim(text, [(s["start"], s["end"]) for s in spans])
    return Relation(ranges([record["source"]]) if record["source"] else None, ranges([record["cue"]]),
                    ranges(record.get("content_parts") or [record["content"]]))


def overlap(a: Ranges, b: Ranges) -> int:
    return sum(max(0, min(y, v) - max(x, u)) for x, y in a for u, v in b)


def pair_exact(pred: list[Ranges], gold: list[Ranges]) -> int:
    left = Counter(gold)
    n = 0
    for p in pred:
        if left[p] > 0:
            left[p] -= 1
            n += 1
    return n


def pair_overlap(pred: list[Ranges], gold: list[Ranges]) -> int:
    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True)
    used_p, used_g, n = set(), set(), 0
    for size, i, j in pairs:
        if size <= 0:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        n += 1
    return n


def linked(pred: list[Relation], gold: list[Relation], role: str) -> int:
    n = 0
    for p in pred:
        mine = getattr(p, role)
        if mine and any(overlap(p.cue, g.cue) and getattr(g, role) == mine for g in gold):
            n += 1
    return n


def score(counts: Counts, pred: list[Relation], gold: list[Relation]) -> dict[str, tuple[list, list]]:
    misses = {}
    for role in ROLES:
        ps = [getattr(r, role) for r in pred if getattr(r, role)]
        gs = [getattr(r, role) for r in gold if getattr(r, role)]
        counts.pred[role] += len(ps)
        counts.gold[role] += len(gs)
        counts.exact[role] += pair_exact(ps, gs)
        counts.overlap[role] += pair_overlap(ps, gs)
        counts.linked[role] += linked(pred, gold, role)
        misses[role] = ([g for g in gs if g not in ps], [p for p in ps if p not in gs])
    return misses


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, c: Counts) -> None:
    print(f"\n== {name}: {c.articles} articles, {c.seconds:.1f} s, {c.articles / c.seconds:.1f} articles/s "
          f"(parse + attribution, one process)")
    print(f"{'role':8} {'gold':>6} {'pred':>6} | {'exact P':>7} {'R':>5} {'F1':>5} | {'overlap P':>9} {'R':>5} {'F1':>5} | "
          f"{'linked P':>8} {'R':>5} {'F1':>5}")
    for role in ROLES:
        g, p = c.gold[role], c.pred[role]
        ex, ov, li = prf(c.exact[role], p, g), prf(c.overlap[role], p, g), prf(c.linked[role], p, g)
        print(f"{role:8} {g:6d} {p:6d} | {ex[0]:7.3f} {ex[1]:5.3f} {ex[2]:5.3f} | {ov[0]:9.3f} {ov[1]:5.3f} {ov[2]:5.3f} | "
              f"{li[0]:8.3f} {li[1]:5.3f} {li[2]:5.3f}")


def show(text: str, ranges: Ranges) -> str:
    return " || ".join(text[a:b] for a, b in ranges).replace("\n", " ")[:160]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", help="PolNeAR split folders (e.g. ../shared/data/polnear/dev) or their parent")
    ap.add_argument("--limit", type=int, default=0, help="at most this many articles per split")
    ap.add_argument("--misses", type=int, default=0, help="print up to this many missed/spurious spans per role")
    ap.add_argument("--role", choices=ROLES, help="with --misses: only this role")
    args = ap.parse_args()
    print(RULE)
    pipeline()
    for split in splits(args.paths):
        files = gold_files(split)
        stems = sorted(files)[: args.limit] if args.limit else sorted(files)
        texts = {s: (split / "text" / f"{s}.txt").read_text(encoding="utf-8") for s in stems}
        articles = [article_from_text(texts[s], s) for s in stems]
        counts = Counts()
        shown: Counter = Counter()
        began = time.perf_counter()
        for parsed in parse_many(articles):
            records = records_parsed(parsed)
            stem = parsed.article.doc_id
            text = texts[stem]
            gold = read_gold(files[stem], text)
            pred = [predicted(r, text) for r in records]
            misses = score(counts, pred, gold)
            counts.articles += 1
            for role, (missed, spurious) in misses.items():
                if args.role and role != args.role:
                    continue
                for kind, items in (("MISS", missed), ("SPUR", spurious)):
                    for ranges in items:
                        if shown[(role, kind)] < args.misses:
                            shown[(role, kind)] += 1
                            print(f"{kind} {role:7} {stem[:40]:40} {show(text, ranges)}", file=sys.stderr)
        counts.seconds = time.perf_counter() - began
        report(split.name, counts)


if __name__ == "__main__":
    main()
