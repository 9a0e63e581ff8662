"""Score the time-expression tagger on TimeML gold files the way TempEval-3 scores TIMEX3 (task A).

    .venv/bin/python benchmarks/tempeval.py ../shared/data/tempeval3/TBAQ-cleaned [--errors 25]

Each PATH is a .tml file or a folder searched for .tml files; the files of a folder are grouped by
the subfolder they are in (TBAQ-cleaned/TimeBank, TBAQ-cleaned/AQUAINT), and each group gets its own
line. For every file the gold TIMEX3s of <TEXT> (the DCT is not one) are compared with what
``find_times`` finds in the same raw text (tags stripped) given only the file's DCT.

- strict span: the offsets are equal; relaxed span: the spans overlap (P = predicted that overlap a
  gold one / predicted, R = gold that overlap a predicted one / gold), as TempEval-3 does.
- value and type: over the relaxed matches, paired one to one (the largest overlap first).
  accuracy = correct / matched; value P = correct / predicted, R = correct / gold, F1 from those
  (TempEval-3's attribute F1).

Character offsets stand in for TempEval-3's tokens; a difference of a trailing period or an inner
hyphen can count as strict here where the token scorer would not, or the other way round.
``--errors N`` prints the N most frequent misses, false alarms, span differences and value errors.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lading.extract.timeml import TimeMLError, read_timeml
from lading.extract.timex import find_times
from lading.model import TimeExpression


@dataclass
class Score:
    files: int = 0
    gold: int = 0
    predicted: int = 0
    strict_gold: int = 0  # gold with a predicted span at the same offsets (= strict_predicted)
    relaxed_gold: int = 0  # gold overlapped by a prediction
    relaxed_predicted: int = 0  # predictions overlapping a gold
    matched: int = 0  # one-to-one relaxed pairs
    value_correct: int = 0
    type_correct: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Errors:
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    span: Counter[str] = field(default_factory=Counter)
    value: Counter[str] = field(default_factory=Counter)
    type: Counter[str] = field(default_factory=Counter)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _shape(value: str | None) -> str:
    """A value with its digits hidden, to group errors: "1998-08-07" -> "9999-99-99"."""
    return re.sub("[0-9]", "9", value) if value else str(value)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def score_file(path: Path, errors: Errors | None) -> Score:
    document = read_timeml(path.read_text(encoding="utf-8"))
    began = time.perf_counter()
    predicted = find_times(document.text, document.dct)
    took = time.perf_counter() - began
    gold = list(document.timexes)
    s = Score(files=1, gold=len(gold), predicted=len(predicted), seconds=took)
    spans = {(p.start, p.end) for p in predicted}
    s.strict_gold = sum((g.start, g.end) in spans for g in gold)

    def overlap(a: TimeExpression, b: TimeExpression) -> int:
        return min(a.end, b.end) - max(a.start, b.start)
    s.relaxed_gold = sum(any(overlap(g, p) > 0 for p in predicted) for g in gold)
    s.relaxed_predicted = sum(any(overlap(g, p) > 0 for g in gold) for p in predicted)
    pairs = sorted(((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)
                    if overlap(g, p) > 0), reverse=True)
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, i, j in pairs:
        if i in used_gold or j in used_predicted:
            continue
        used_gold.add(i)
        used_predicted.add(j)
        g, p = gold[i], predicted[j]
        s.matched += 1
        s.value_correct += g.value == p.value
        s.type_correct += g.type == p.type
        if errors is not None:
            if (g.start, g.end) != (p.start, p.end):
                errors.span[f"{_key(g.text)!r} -> {_key(p.text)!r}"] += 1
            if g.value != p.value:
                errors.value[f"{_key(g.text)!r}: {_shape(g.value)} -> {_shape(p.value)}"
                             f"  (e.g. {g.value} -> {p.value}, DCT {document.dct})"] += 1
            if g.type != p.type:
                errors.type[f"{_key(g.text)!r}: {g.type} -> {p.type}"] += 1
    if errors is not None:
        for i, g in enumerate(gold):
            if not any(overlap(g, p) > 0 for p in predicted):
                errors.missed[f"{_key(g.text)!r} {g.type} {_shape(g.value)}"] += 1
        for j, p in enumerate(predicted):
            if not any(overlap(g, p) > 0 for g in gold):
                errors.spurious[f"{_key(p.text)!r} {p.type} {_shape(p.value)}"] += 1
    return s


def _files(paths: list[Path]) -> list[tuple[str, Path]]:
    """(group, file) for every .tml file: a folder's files are grouped by their first subfolder."""
    out: list[tuple[str, Path]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*.tml")):
                relative = file.relative_to(path)
                out.append((relative.parts[0] if len(relative.parts) > 1 else path.name, file))
        else:
            out.append((path.parent.name, path))
    return out


def _line(name: str, s: Score) -> str:
    strict_p, strict_r = _ratio(s.strict_gold, s.predicted), _ratio(s.strict_gold, s.gold)
    relaxed_p, relaxed_r = _ratio(s.relaxed_predicted, s.predicted), _ratio(s.relaxed_gold, s.gold)
    value_p, value_r = _ratio(s.value_correct, s.predicted), _ratio(s.value_correct, s.gold)
    return (f"{name:<10} {s.files:>5} {s.gold:>5} {s.predicted:>5} | "
            f"{strict_p:.3f} {strict_r:.3f} {_f1(strict_p, strict_r):.3f} | "
            f"{relaxed_p:.3f} {relaxed_r:.3f} {_f1(relaxed_p, relaxed_r):.3f} | "
            f"{_ratio(s.value_correct, s.matched):.3f} {value_p:.3f} {value_r:.3f} {_f1(value_p, value_r):.3f} | "
            f"{_ratio(s.type_correct, s.matched):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=".tml file or folder")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print the N most frequent errors of each kind")
    args = parser.parse_args(argv)

    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        print(f"no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    files = _files(args.paths)
    if not files:
        print("no .tml files found", file=sys.stderr)
        return 2
    groups: dict[str, Score] = {}
    total = Score()
    errors = Errors() if args.errors else None
    failures = []
    for group, file in files:
        try:
            s = score_file(file, errors)
        except (OSError, UnicodeError, TimeMLError) as exc:
            failures.append(f"{file}: {exc}")
            continue
        groups.setdefault(group, Score()).add(s)
        total.add(s)

    print(f"{'':<10} {'':>5} {'':>5} {'':>5} | {'strict span':^17} | {'relaxed span':^17} |"
          f" {'value':^23} | type")
    print(f"{'corpus':<10} {'files':>5} {'gold':>5} {'pred':>5} | {'P':>5} {'R':>5} {'F1':>5} |"
          f" {'P':>5} {'R':>5} {'F1':>5} | {'acc':>5} {'P':>5} {'R':>5} {'F1':>5} | {'acc':>5}")
    if len(groups) > 1:
        for name, s in groups.items():
            print(_line(name, s))
    print(_line("all", total))
    print(f"tagging time {total.seconds:.2f} s for {total.files} files")
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)

    if errors is not None:
        for title, counter in (("missed (gold not overlapped)", errors.missed),
                               ("false alarms (prediction overlapping no gold)", errors.spurious),
                               ("span differences (gold -> predicted)", errors.span),
                               ("value errors (gold -> predicted)", errors.value),
                               ("type errors", errors.type)):
            print(f"\n{title}: {sum(counter.values())}")
            for text, count in counter.most_common(args.errors):
                print(f"  {count:>4}  {text}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
