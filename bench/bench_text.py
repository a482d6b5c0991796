"""Search-key throughput of `core.text.fold`, against plain `str.casefold` as the baseline.

Every catalogue record's title, authors and subjects pass through fold() when indexed, so
its cost bounds how fast a million-record reindex can go.
"""

import random
import time
from collections.abc import Callable

from kutubxona.core.text import fold, to_cyrillic

SAMPLE_TEXT = (
    "O'tkan kunlar Abdulla Qodiriy Navoiy Xamsa kutubxona axborot markazi Jizzax Arnasoy "
    "o'lkashunoslik ma'naviyat san'at g'azal Cho'lpon Kecha va kunduz Mehrobdan chayon tarix"
)
WORDS = SAMPLE_TEXT.split()


def make_titles(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    titles = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))) for _ in range(n)]
    # A third in Cyrillic, as in a real Uzbek catalogue.
    return [to_cyrillic(t) if i % 3 == 0 else t for i, t in enumerate(titles)]


def per_second(fn: Callable[[str], str], titles: list[str]) -> float:
    started = time.perf_counter()
    for title in titles:
        fn(title)
    return len(titles) / (time.perf_counter() - started)


def main() -> None:
    titles = make_titles(20_000)
    baseline = per_second(str.casefold, titles)
    folded = per_second(fold, titles)
    print(f"str.casefold (baseline): {baseline:>12,.0f} titles/s")
    ratio = baseline / folded
    print(f"fold():                  {folded:>12,.0f} titles/s  ({ratio:.0f}x the baseline's time)")
    print(f"1,000,000 records x 3 fields: {3_000_000 / folded:.0f} s of fold() time")


if __name__ == "__main__":
    main()
