"""A grid over partner search's meaning settings, scored on the judged corpus's tuning half only.

    .venv/bin/python bench/search_sweep.py [--shares 0,0.5,0.75,1] [--grid JSON] [--without-fitted-synonyms]
    # data in var/bench-judged unless INNOCLUSTER_DATA_DIR is set; about 9 minutes per share
    # for the default grid on 2 cores

For each whole-text share of a profile's vector (encoding.WHOLE_TEXT_SHARE) the profiles are
loaded and embedded again; then, for every combination of the ranking's constants in the grid
(default: the meaning floor, the meaning weight and the two related floors), every tuning query
is searched as the page shows it (bench/search_judged.py) and scored: recall@3, nDCG@10 and the
queries left with nothing. The best 15 by recall@3 + nDCG@10 come last. The held-out half is
never read here: report it with search_judged.py once the settings are chosen."""

import argparse
import itertools
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_judged as judged  # sets up Django on its data folder

from innocluster.partners import search
from innocluster.partners.search import encoding, ranking

GRID = {
    "MEANING_MIN_SIMILARITY": [0.2, 0.25, 0.3, 0.35, 0.4],
    "MEANING_WEIGHT": [0.7, 1.0, 1.5, 2.0, 3.0],
    "RELATED_MIN_SIMILARITY": [0.05, 0.1, 0.2],
    "RELATED_BESIDE_HITS": [0.3, 0.5],
}


def score(queries: list[dict], keys: dict[int, str]) -> tuple[float, float, int]:
    ranking.RESULTS = ranking.LRU(2048)  # the constants changed: nothing kept may be reused
    rows = []
    for query in queries:
        ranked = [keys[pk] for pk in judged.shown(search.search(query["q"], limit=10))]
        relevant = set(query["relevant"])
        rows.append((judged.recall_at_3(ranked, relevant), judged.ndcg_at_10(ranked, relevant), not ranked))
    return (
        statistics.fmean(r[0] for r in rows),
        statistics.fmean(r[1] for r in rows),
        sum(r[2] for r in rows),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shares", default="0,0.5,0.75,1", help="whole-text shares to try, comma-separated")
    parser.add_argument(
        "--grid", help="JSON object: ranking constant → list of values (replaces the default)"
    )
    parser.add_argument(
        "--without-fitted-synonyms",
        action="store_true",
        help="switch off the default synonym groups written from the tuning half's misses (partners "
        "migration 0009): the tuning half then meets the engine as unseen queries do",
    )
    args = parser.parse_args()
    grid = json.loads(args.grid) if args.grid else GRID
    unknown = [name for name in grid if not hasattr(ranking, name)]
    if unknown:
        sys.exit(f"not constants of partners.search.ranking: {', '.join(unknown)}")
    profiles, queries = judged.load_corpus()
    tuning = [q for q in queries if q["split"] == "tuning"]
    judged.call_command("migrate", verbosity=0)
    results = []
    for share in (float(s) for s in args.shares.split(",")):
        encoding.WHOLE_TEXT_SHARE = share
        judged.use_fitted_synonyms(not args.without_fitted_synonyms)
        judged.rebuild(profiles)
        keys = {pk: key for key, pk in judged.organization_ids(profiles).items()}
        for values in itertools.product(*grid.values()):
            for name, value in zip(grid, values, strict=True):
                setattr(ranking, name, value)
            recall, ndcg, empty = score(tuning, keys)
            results.append((share, *values, recall, ndcg, empty))
            print(
                f"share {share:.2f} {dict(zip(grid, values, strict=True))}: "
                f"recall@3 {recall:.3f} nDCG@10 {ndcg:.3f} empty {empty}",
                flush=True,
            )
    results.sort(key=lambda r: (r[-1] > 0, -(r[-3] + r[-2])))
    print(f"\nbest on the tuning half ({len(tuning)} queries), nothing empty first:")
    print("| share | " + " | ".join(grid) + " | recall@3 | nDCG@10 | empty |")
    print("|" + "--:|" * (len(grid) + 4))
    for row in results[:15]:
        *settings, recall, ndcg, empty = row
        print("| " + " | ".join(f"{v:g}" for v in settings) + f" | {recall:.3f} | {ndcg:.3f} | {empty} |")


if __name__ == "__main__":
    main()
