"""Extraction throughput on a folder of .txt articles: articles/s and characters/s, parse vs. the rest.

    python benchmarks/extract_speed.py ../shared/data/polnear/train/text [--limit 300]
"""
import argparse
import time
from pathlib import Path

from lading.extract.pipeline import extract_parsed
from lading.ingest.text import iter_text_files, read_text_file
from lading.knowledge import load
from lading.nlp import parse_many, pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="read at most this many files")
    ap.add_argument("--processes", type=int, default=1, help="parse on this many cores")
    args = ap.parse_args()
    files, _ = iter_text_files([args.folder])
    files = files[: args.limit] if args.limit else files
    articles = [read_text_file(f) for f in files]
    chars = sum(len(a.text) for a in articles)

    began = time.perf_counter()
    pipeline(), load()
    loaded = time.perf_counter()
    parsed = list(parse_many(articles, processes=args.processes))
    parsed_at = time.perf_counter()
    records = sum(len(extract_parsed(p)) for p in parsed)
    done = time.perf_counter()

    work = done - loaded
    print(f"processes {args.processes}")
    print(f"articles {len(articles):,}  characters {chars:,}  transfer records {records:,}")
    print(f"load model and knowledge {loaded - began:6.1f} s")
    print(f"parse (spaCy)            {parsed_at - loaded:6.1f} s")
    print(f"extract (Lading)         {done - parsed_at:6.1f} s")
    print(f"throughput               {len(articles) / work:6.1f} articles/s  {chars / work / 1000:6.1f} k chars/s")


if __name__ == "__main__":
    main()
