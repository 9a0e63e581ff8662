"""Extraction throughput on a folder of .txt articles: articles/s and characters/s, parse vs. the rest.

    python benchmarks/extract_speed.py ../shared/data/polnear/train/text [--limit 300]
"""
import argparse
import time

from lading.extract.pipeline import extract_parsed
from lading.ingest import read_source
from lading.knowledge import load
from lading.model import Article
from lading.nlp import parse_many, pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="a folder of articles in any format lading reads")
    ap.add_argument("--limit", type=int, default=0, help="read at most this many files")
    ap.add_argument("--processes", type=int, default=1, help="parse on this many cores")
    args = ap.parse_args()
    articles = [a for a in read_source(str(args.folder)) if isinstance(a, Article)]
    articles = articles[: args.limit] if args.limit else articles
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
