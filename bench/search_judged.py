"""Partner search on a judged corpus that no ranking code was tuned on (issue 14).

    .venv/bin/python bench/search_judged.py [--split tuning|heldout|both] [--json FILE] [--no-rebuild]
                                              [--without-fitted-synonyms] [--without-named-misses]
    # data in var/bench-judged unless INNOCLUSTER_DATA_DIR is set

The corpus is `bench/search_corpus/`: profiles written by hand the way Russian companies describe
themselves (profiles.json), and queries with the profiles judged relevant by reading them
(queries.json), split once into a tuning half and a held-out half; its README says how. This
script loads the profiles into its own data folder (an embedded PostgreSQL there, nothing else in
it), indexes them with `partners.search.index_all()` and runs every query through
`partners.search.search(q, limit=10)`: fused (the public search), lexical only (meaning=False)
and meaning only (text=False).

What is scored is what the search page shows, in its order: the hits, then the profiles answered
as related (where the engine has them), the first 10. Per split and per class of query:
- recall@3: |relevant ∩ first 3| / min(3, |relevant|), averaged over the queries (the definition
  of bench/search_quality.py);
- nDCG@10: binary gain, ideal = all relevant profiles first;
- empty: queries (each has a relevant profile) that came back with nothing at all;
- related only: queries with no hit, only related profiles.
Then the held-out misses of the fused search (no relevant profile in the first 3), worst first,
with what came first."""

import argparse
import importlib
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
os.environ.setdefault("INNOCLUSTER_DATA_DIR", str(ROOT / "var" / "bench-judged"))

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction

from innocluster.organizations.models import Organization
from innocluster.partners import search

CORPUS = ROOT / "bench" / "search_corpus"
CLASSES = ("derivation", "compound", "synonym", "cross_language", "short_profile", "plain", "typo")
SPLITS = ("tuning", "heldout")
MODES = {"fused": {}, "lexical": {"meaning": False}, "meaning": {"text": False}}
SOLE_PROPRIETOR = "ИП "


def load_corpus() -> tuple[list[dict], list[dict]]:
    profiles = json.loads((CORPUS / "profiles.json").read_text(encoding="utf-8"))
    queries = json.loads((CORPUS / "queries.json").read_text(encoding="utf-8"))
    keys = {p["key"] for p in profiles}
    for query in queries:
        assert query["class"] in CLASSES, query
        assert query["split"] in SPLITS, query
        assert query["relevant"] and set(query["relevant"]) <= keys, query
    return profiles, queries


def identifiers(key: str, sole: bool) -> tuple[str, str]:
    """INN and OGRN (OGRNIP) of the right shape for the profile's number; the INN finds the
    profile again with --no-rebuild."""
    number = int(key[1:])
    if sole:
        return f"7700{number:08d}", f"3770000{number:08d}"
    return f"77{number:08d}", f"10277{number:08d}"


def rebuild(profiles: list[dict]) -> None:
    started = time.perf_counter()
    with transaction.atomic():
        Organization.objects.all().delete()
        Organization.objects.bulk_create(
            [
                Organization(
                    kind="sole_proprietor" if p["short_name"].startswith(SOLE_PROPRIETOR) else "legal_entity",
                    inn=identifiers(p["key"], p["short_name"].startswith(SOLE_PROPRIETOR))[0],
                    ogrn=identifiers(p["key"], p["short_name"].startswith(SOLE_PROPRIETOR))[1],
                    full_name=p["full_name"],
                    short_name=p["short_name"],
                    region_id=p["region"],
                    okved_main_id=p["okved"],
                    sme_category="small",
                    description_ru=p["description_ru"],
                    description_en=p["description_en"],
                    capabilities=p["capabilities"],
                    products=p["products"],
                )
                for p in profiles
            ]
        )
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    search.index_all()
    with connection.cursor() as cursor:  # as autovacuum would: the planner's statistics of the documents
        cursor.execute("ANALYZE partners_searchdocument")
    search.changed()
    print(
        f"loaded {len(profiles)} profiles in {loaded:.1f} s, indexed in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


# Glossary groups (partners 0011) that contain the words of held-out queries this folder's README
# had already named as misses when the glossary was written: switched off by --without-named-misses,
# the fair held-out figure of the glossary (bench/README).
NAMED_MISSES = ("ковка", "гальваника", "оцинковка", "лидар", "авиакомпоненты", "вертикальные фермы")


def use_named_misses_groups(on: bool) -> None:
    from innocluster.partners.models import Synonym

    glossary = importlib.import_module("innocluster.partners.migrations.0011_glossary").GLOSSARY
    named = [terms for terms, _note in glossary if any(word in terms for word in NAMED_MISSES)]
    Synonym.objects.filter(terms__in=named).update(is_active=on)
    search.changed()


def use_fitted_synonyms(on: bool) -> None:
    """Switch the default synonym groups written from the tuning half's misses (partners migrations
    0009 and 0011's FITTED) on or off. With them the tuning half flatters the lexical ranking; without them it meets
    the engine as unseen queries do. Every other group is left in use."""
    from innocluster.partners.models import Synonym

    fitted = [
        *importlib.import_module("innocluster.partners.migrations.0009_more_synonyms").GROUPS,
        *importlib.import_module("innocluster.partners.migrations.0011_glossary").FITTED,
    ]
    Synonym.objects.update(is_active=True)
    if not on:
        Synonym.objects.filter(terms__in=[terms for terms, _note in fitted]).update(is_active=False)
    search.changed()


def organization_ids(profiles: list[dict]) -> dict[str, int]:
    """The key of each profile → its organisation's id, checked against the loaded folder."""
    by_inn = {o.inn: (o.pk, o.short_name) for o in Organization.objects.only("pk", "inn", "short_name")}
    ids = {}
    for p in profiles:
        inn = identifiers(p["key"], p["short_name"].startswith(SOLE_PROPRIETOR))[0]
        pk, name = by_inn.get(inn, (None, None))
        if name != p["short_name"]:
            sys.exit(f"{p['key']} is not loaded as written in profiles.json: run without --no-rebuild")
        ids[p["key"]] = pk
    if len(by_inn) != len(profiles):
        sys.exit("the data folder holds other organisations: run without --no-rebuild")
    return ids


def shown(result) -> list[int]:
    """What the page shows, in its order: the hits, then the related profiles (if any)."""
    ranked = []
    for hit in [*result.hits, *getattr(result, "related", [])]:
        if hit.organization_id not in ranked:
            ranked.append(hit.organization_id)
    return ranked[:10]


def recall_at_3(ranked: list[str], relevant: set[str]) -> float:
    return len(set(ranked[:3]) & relevant) / min(3, len(relevant))


def ndcg_at_10(ranked: list[str], relevant: set[str]) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, key in enumerate(ranked[:10]) if key in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return dcg / ideal


def run(queries: list[dict], ids: dict[str, int]) -> list[dict]:
    keys = {pk: key for key, pk in ids.items()}
    records = []
    for query in queries:
        relevant = set(query["relevant"])
        record = {**query, "modes": {}}
        for mode, options in MODES.items():
            started = time.perf_counter()
            result = search.search(query["q"], limit=10, **options)
            elapsed = (time.perf_counter() - started) * 1000
            ranked = [keys[pk] for pk in shown(result)]
            record["modes"][mode] = {
                "ranked": ranked,
                "hits": len(result.hits),
                "related": len(getattr(result, "related", [])),
                "recall@3": recall_at_3(ranked, relevant),
                "ndcg@10": ndcg_at_10(ranked, relevant),
                "ms": elapsed,
            }
        records.append(record)
    return records


def summary(records: list[dict]) -> dict:
    out = {"queries": len(records)}
    for mode in MODES:
        rows = [r["modes"][mode] for r in records]
        out[mode] = {
            "recall@3": statistics.fmean(row["recall@3"] for row in rows) if rows else None,
            "ndcg@10": statistics.fmean(row["ndcg@10"] for row in rows) if rows else None,
            "empty": sum(1 for row in rows if not row["ranked"]),
            "related_only": sum(1 for row in rows if not row["hits"] and row["related"]),
        }
    return out


def tables(records: list[dict], splits: list[str]) -> dict:
    result = {}
    for split in splits:
        in_split = [r for r in records if r["split"] == split]
        result[split] = {cls: summary([r for r in in_split if r["class"] == cls]) for cls in CLASSES}
        result[split]["all"] = summary(in_split)
    return result


def _f(value) -> str:
    return "—" if value is None else f"{value:.3f}"


def print_table(split: str, table: dict) -> None:
    print(f"\n### {split} ({table['all']['queries']} queries)\n")
    print(
        "| class | n | fused recall@3 | fused nDCG@10 | lexical recall@3 | lexical nDCG@10 "
        "| meaning recall@3 | meaning nDCG@10 | empty (fused / lexical / meaning) | fused related only |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for cls in (*CLASSES, "all"):
        row = table[cls]
        name = f"**{cls}**" if cls == "all" else cls
        print(
            f"| {name} | {row['queries']} | {_f(row['fused']['recall@3'])} | {_f(row['fused']['ndcg@10'])} "
            f"| {_f(row['lexical']['recall@3'])} | {_f(row['lexical']['ndcg@10'])} "
            f"| {_f(row['meaning']['recall@3'])} | {_f(row['meaning']['ndcg@10'])} "
            f"| {row['fused']['empty']} / {row['lexical']['empty']} / {row['meaning']['empty']} "
            f"| {row['fused']['related_only']} |"
        )


def misses(records: list[dict], names: dict[str, str]) -> list[dict]:
    """Held-out queries whose fused first 3 hold no relevant profile, worst first."""
    found = []
    for r in records:
        fused = r["modes"]["fused"]
        if r["split"] != "heldout" or fused["recall@3"] > 0:
            continue
        relevant = set(r["relevant"])
        rank = next((i + 1 for i, key in enumerate(fused["ranked"]) if key in relevant), None)
        found.append(
            {
                "id": r["id"],
                "class": r["class"],
                "q": r["q"],
                "relevant": [f"{key} {names[key]}" for key in r["relevant"]],
                "first": f"{fused['ranked'][0]} {names[fused['ranked'][0]]}" if fused["ranked"] else None,
                "first_relevant_rank": rank,
                "ndcg@10": fused["ndcg@10"],
            }
        )
    found.sort(key=lambda m: (m["ndcg@10"], m["first"] is not None, m["id"]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tuning", "heldout", "both"), default="both")
    parser.add_argument("--json", metavar="FILE", help="write the figures and every query's ranking here")
    parser.add_argument(
        "--no-rebuild", action="store_true", help="reuse the profiles already loaded and indexed"
    )
    parser.add_argument(
        "--without-fitted-synonyms",
        action="store_true",
        help="switch off the default groups written from the tuning half's misses (migrations 0009, 0011 FITTED)",
    )
    parser.add_argument(
        "--without-named-misses",
        action="store_true",
        help="switch off the six glossary groups (0011) holding words of held-out misses the README names",
    )
    args = parser.parse_args()
    profiles, queries = load_corpus()
    call_command("migrate", verbosity=0)
    use_fitted_synonyms(not args.without_fitted_synonyms)
    if args.without_named_misses:
        use_named_misses_groups(False)
    if not args.no_rebuild:
        rebuild(profiles)
    ids = organization_ids(profiles)
    names = {p["key"]: p["short_name"] for p in profiles}
    splits = list(SPLITS) if args.split == "both" else [args.split]
    chosen = [q for q in queries if q["split"] in splits]
    started = time.perf_counter()
    records = run(chosen, ids)
    print(
        f"{len(chosen)} judged queries over {len(profiles)} profiles, "
        f"{len(MODES)} rankings each in {time.perf_counter() - started:.1f} s"
    )
    table = tables(records, splits)
    for split in splits:
        print_table(split, table[split])
    missed = misses(records, names) if "heldout" in splits else []
    if "heldout" in splits:
        print(
            f"\n### held-out misses of the fused search ({len(missed)}: no relevant profile in the first 3)\n"
        )
        for m in missed:
            where = (
                f"first relevant at {m['first_relevant_rank']}" if m["first_relevant_rank"] else "none in 10"
            )
            print(
                f"- {m['id']} [{m['class']}] «{m['q']}» → first: {m['first'] or '(nothing)'}; {where}; "
                f"relevant: {', '.join(m['relevant'])}"
            )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"tables": table, "heldout_misses": missed, "queries": records}, ensure_ascii=False, indent=1
            ),
            encoding="utf-8",
        )
        print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
