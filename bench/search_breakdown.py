"""Where one partner search spends its time, statement by statement, with the result cache off.

    INNOCLUSTER_DATA_DIR=var/bench-1000000 .venv/bin/python bench/search_breakdown.py [--runs 5]

Runs in-process against an indexed data folder (see search_latency.py), each query of the latency
mix `--runs` times after one warm-up, and prints the median time of each SQL statement kind, of
the query embedding, and of the whole search."""

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
os.environ.setdefault("INNOCLUSTER_LOG_LEVEL", "WARNING")

import django

django.setup()

from django.db import connection
from search_latency import QUERIES

from innocluster.partners import search

KINDS = [
    ("set_config", "settings"),
    ("partners_lexicon", "typo corrections"),
    ("ts_headline", "highlights"),
    ("NOT (d.organization_id = ANY", "text, any word"),
    ("UNION ALL", "rankings (text, name, meaning)"),
    ("partners_index_generation", "generation"),
]


def kind_of(sql: str) -> str:
    return next((label for marker, label in KINDS if marker in sql), "other")


def distinct_queries(count: int) -> list[str]:
    """The first `count` queries of bench/search_wrk.lua, in its order."""
    lua = (ROOT / "bench" / "search_wrk.lua").read_text()
    lists = [
        [item.strip().strip('"') for item in block.split(",")]
        for block in (
            lua.split(f"local {name} = {{")[1].split("}")[0]
            for name in ("processes", "objects", "qualifiers")
        )
    ]
    return [
        " ".join([lists[0][n % 20], lists[1][(n // 20) % 20], lists[2][(n // 400) % 20]]).strip()
        for n in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--distinct", type=int, default=0, help="instead: the first N distinct queries of search_wrk.lua"
    )
    args = parser.parse_args()
    queries = distinct_queries(args.distinct) if args.distinct else QUERIES
    spent: dict[str, list[float]] = defaultdict(list)
    current: dict[str, float] = defaultdict(float)

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            current[kind_of(sql)] += (time.perf_counter() - started) * 1000

    encode = search.ranking._query_vector.__wrapped__

    def embedding(q):
        started = time.perf_counter()
        try:
            return encode(q)
        finally:
            current["query embedding"] += (time.perf_counter() - started) * 1000

    search.ranking._query_vector = embedding
    totals = []
    with connection.execute_wrapper(timed):
        for q in queries:
            for run in range(args.runs + 1):
                for region in ("", "77"):
                    search.RESULTS.clear()
                    current.clear()
                    started = time.perf_counter()
                    search.search(q, filters=search.Filters(region=region), limit=10)
                    elapsed = (time.perf_counter() - started) * 1000
                    if run:  # the first is a warm-up
                        totals.append(elapsed)
                        for label, ms in current.items():
                            spent[label].append(ms)
    count = len(totals)
    print(
        f"{count} searches (cache off), median {statistics.median(totals):.1f} ms, "
        f"p95 {sorted(totals)[int(count * 0.95)]:.1f} ms"
    )
    for label, values in sorted(spent.items(), key=lambda item: -sum(item[1])):
        values += [0.0] * (count - len(values))
        print(
            f"  {label:<18} median {statistics.median(values):6.2f} ms   mean {statistics.mean(values):6.2f} ms"
        )


if __name__ == "__main__":
    main()
