"""How fast `jinzai.open_corpus` answers: opening, then a one-table aggregate (median of runs).

    .venv/bin/python bench/open_corpus.py [DIR]     # DIR defaults to data/structured
"""

from __future__ import annotations

import statistics
import sys
import time

AGGREGATE = "SELECT canonical, count(*) FROM current_roles GROUP BY canonical"


def main(path: str) -> None:
    started = time.perf_counter()
    import jinzai

    corpus = jinzai.open_corpus(path)
    opened = time.perf_counter() - started
    timings = []
    for _ in range(20):
        t0 = time.perf_counter()
        corpus.sql(AGGREGATE).fetchall()
        timings.append(time.perf_counter() - t0)
    print(f"open_corpus({path!r}) incl. import: {opened * 1000:.0f} ms")
    print(f"one-table aggregate, first run: {timings[0] * 1000:.1f} ms; "
          f"median of {len(timings)}: {statistics.median(timings) * 1000:.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/structured")
