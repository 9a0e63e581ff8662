"""Coverage-guided fuzzing of the ingest readers with atheris (libFuzzer): any exception or hang is a bug.

    python benchmarks/fuzz_readers.py -max_total_time=60 -artifact_prefix=/tmp/ [corpus_folder]

Seed the corpus folder with copies of tests/data/ingest/* (libFuzzer adds what it finds there); a crashing
input is written to the artifact prefix.

The first input byte picks the reader (text, html, feed, warc, jsonl, or "by content" as read_source sniffs
an unknown file); the rest is the file. Every item must be an Article with text or a ReadError. atheris is
not a project dependency (``pip install atheris``); without it this script says so and exits 0.
"""
import io
import sys

try:
    import atheris
except ImportError:
    print("atheris is unavailable (pip install atheris); nothing fuzzed")
    sys.exit(0)

with atheris.instrument_imports(include=["lading", "warcio", "feedparser"]):
    from lading.ingest import READERS, kind_of
    from lading.ingest.common import Context, ReadError
    from lading.model import Article

KINDS = [*READERS, "sniff"]


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    body = data[1:]
    if kind == "sniff":
        kind = kind_of("input", body[:4096])
    for item in READERS[kind](io.BytesIO(body), Context("input", "input")):
        if isinstance(item, Article):
            assert item.text.strip(), item
            item.text.encode("utf-8")
        else:
            assert isinstance(item, ReadError), item


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
