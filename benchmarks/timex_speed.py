"""How fast the time-expression finder is on long and pathological texts (characters per second).

    python benchmarks/timex_speed.py
"""
import datetime as dt
import time

from lading.extract.timex import find_times

TEXTS = {
    "news-like": " ".join(["Iran shipped 2,000 rifles to Sudan in March 2024, officials said on Monday,",
                           "two years after a similar cargo; exports have doubled over the past year."] * 330)[:50_000],
    "digits": "1" * 50_000,
    "spaces": " " * 50_000,
    "short words": "a " * 25_000,
    "years": "2023 " * 10_000,
    "hyphens": "-" * 50_000,
    "the past": "the past " * 5_500,
    "more than": "more than " * 5_000,
    "clock times": "3 a.m. " * 7_000,
}


def main() -> None:
    dct = dt.date(2024, 3, 18)
    for name, text in TEXTS.items():
        began = time.perf_counter()
        found = find_times(text, dct)
        took = time.perf_counter() - began
        print(f"{name:12} {len(text):>7,} chars  {len(found):>6,} expressions  {took * 1000:8.1f} ms  {len(text) / took / 1e6:6.2f} M chars/s")


if __name__ == "__main__":
    main()
