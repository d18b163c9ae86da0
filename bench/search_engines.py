"""Distinct-query partner-search latency, side by side in one run: PostgreSQL as the platform searches
today (`innocluster.partners.search.search`, the result cache off) against an embedded engine built
from the same PostgreSQL rows: tantivy (BM25, the Russian and English Snowball stemmers) for the
text and name rankings and usearch (HNSW) for meaning, fused the same way (reciprocal rank fusion,
meaning weighted by 0.7 x cosine, the same similarity floor).

    # once: the demo cluster (bench/README.md, "Demo seeding"), then
    .venv/bin/python bench/search_engines.py build --data var/bench-1000000 [--pg-vectors]
    .venv/bin/python bench/search_engines.py measure --data var/bench-1000000 [--seconds 30] [--rounds 2]

`build` reads every organisation from PostgreSQL (the source of truth), computes each profile's
meaning vector as `search.embedding_parts` + USE v3 + normalised mean (distinct texts encoded once),
writes the tantivy index and the usearch graph under <data>/engines/, and with --pg-vectors writes
the same vectors into `partners_searchdocument.embedding` (the HNSW graph dropped, rebuilt after),
then VACUUM ANALYZE, so that both engines rank the same vectors.

`measure` alternates the engines (PostgreSQL, embedded, and again for each round): 2 worker
processes of 8 threads (16 concurrent searches on the 2 cores, as with `--workers 2` and 16 wrk
connections), the distinct queries of bench/search_wrk.lua (none repeats for PostgreSQL; a quarter
with the region filter 77), limit 10 with highlights. Per engine: searches/s, latency percentiles,
CPU per search (the workers' process time plus every PostgreSQL server process's, read from /proc
over the measured window), the workers' memory (PSS: shared mappings counted once) and the sizes.
In-process: the HTTP layer is the same for both and not included (about 0.7 ms of CPU per request,
bench/README.md).

Packages measured (not dependencies of the project):
    .venv/bin/pip install tantivy==0.27.0 usearch==2.26.6
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WORKERS, THREADS = 2, 8

# ---- the embedded engine ------------------------------------------------------------------------

# PostgreSQL's default ts_rank weights {D 0.1, C 0.2, B 0.4, A 1.0}, as field boosts
FIELDS = {"name_a": 1.0, "caps_b": 0.4, "desc_c": 0.2, "okved_d": 0.1}
ANALYZER = "ru_en"


def analyzer():
    import tantivy

    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    for step in (
        tantivy.Filter.remove_long(40),
        tantivy.Filter.lowercase(),
        tantivy.Filter.stopword("russian"),
        tantivy.Filter.stopword("english"),
        # like PostgreSQL's `russian` configuration: Cyrillic words by the Russian Snowball stemmer,
        # Latin words by the English one (each leaves the other alphabet alone)
        tantivy.Filter.stemmer("russian"),
        tantivy.Filter.stemmer("english"),
    ):
        builder = builder.filter(step)
    return builder.build()


def schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("region", tokenizer_name="raw")
    for field in (*FIELDS, "short"):
        builder.add_text_field(field, tokenizer_name=ANALYZER)
    builder.add_text_field("short_name", stored=True, tokenizer_name="raw", index_option="basic")
    # the highlight's source: stored, indexed without frequencies or positions
    builder.add_text_field("body", stored=True, tokenizer_name=ANALYZER, index_option="basic")
    return builder.build()


class _Settings:
    """The production module's constants and helpers, read once from wherever they live in the package."""

    NAMES = [
        "clean_query",
        "_words",
        "CANDIDATES",
        "ALL_WORDS_ENOUGH",
        "COMMON_SHARE",
        "MEANING_MIN_SIMILARITY",
        "MEANING_WEIGHT",
        "RRF_K",
        "RELATED_WHEN_FEWER",
        "RELATED_BESIDE_HITS",
        "RELATED_MIN_SIMILARITY",
        "RELATED_AT_MOST",
    ]

    def __init__(self, *modules) -> None:
        for name in self.NAMES:
            setattr(self, name, next(getattr(m, name) for m in modules if hasattr(m, name)))


class Embedded:
    """Partner search over tantivy + usearch, ranked and fused as innocluster.partners.search does:
    every word (or its typo's nearest words, its derivational family by the root's prefix, a
    compound's head, a synonym from the table) in the text and name rankings, any narrowing word
    when that finds little, the meaning ranking with its floor and weight, related profiles when
    there are fewer than three hits, highlights."""

    def __init__(self, folder: Path, *, meaning: bool = True) -> None:
        import numpy as np
        import tantivy
        from django.db import connection
        from usearch.index import Index

        from innocluster.partners import search
        from innocluster.partners.search import expansion, query, ranking

        self.s = _Settings(query, ranking)
        self.expansion = expansion
        self.index = tantivy.Index.open(str(folder / "tantivy"))
        self.index.register_tokenizer(ANALYZER, analyzer())
        self.analyzer = analyzer()
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        self.total = self.searcher.num_docs
        self.meaning = meaning
        if meaning:
            self.vectors = Index.restore(str(folder / "vectors.usearch"), view=True)
            self.vectors.expansion_search = 60  # as hnsw.ef_search
        self.region_of = np.load(folder / "regions.npy", mmap_mode="r")  # region code by organisation id
        self.encoder = search.encoder()
        # the synonym table: configuration, read once here (a real adoption re-reads it when the
        # index generation moves, as expansion.synonym_groups does)
        with connection.cursor() as cursor:
            groups = expansion.synonym_groups(cursor)
        self.groups = [
            [(term, frozenset(self.analyzer.analyze(term))) for term, _lx in group] for group in groups
        ]
        self.tantivy = tantivy

    # -- the parts of a query

    def _frequency(self, stem: str) -> int:
        return max(self.searcher.doc_freq(field, stem) for field in FIELDS)

    def _terms(self, stems, fields: dict, fuzzy: bool = False, must: bool = False):
        """Every stem (must) or any (should), each in any of the fields with its boost."""
        Q, Occur = self.tantivy.Query, self.tantivy.Occur
        per_stem = []
        for stem in stems:
            clauses = []
            for field, boost in fields.items():
                if fuzzy:
                    # a typo: the nearest words of the index (Levenshtein, a transposition counts 1)
                    term = Q.fuzzy_term_query(self.schema, field, stem, distance=1 if len(stem) < 7 else 2)
                else:
                    term = Q.term_query(self.schema, field, stem)
                clauses.append((Occur.Should, Q.boost_query(term, boost) if boost != 1.0 else term))
            per_stem.append(Q.boolean_query(clauses))
        if len(per_stem) == 1:
            return per_stem[0]
        return Q.boolean_query([(Occur.Must if must else Occur.Should, q) for q in per_stem])

    def _prefix(self, prefix: str, fields: dict):
        """Every word beginning with the prefix (a one-word phrase-prefix query: tantivy walks
        the term dictionary's range)."""
        Q, Occur = self.tantivy.Query, self.tantivy.Occur
        return Q.boolean_query(
            [
                (Occur.Should, Q.boost_query(Q.phrase_prefix_query(self.schema, field, [prefix]), boost))
                for field, boost in fields.items()
            ]
        )

    def _slots(self, words: list[str]) -> list[dict]:
        """Each word: its stems, whether it is a typo, its alternatives (as expansion.expand)."""
        x = self.expansion
        slots = []
        for word in words:
            stems = self.analyzer.analyze(word)
            if not stems:
                continue
            typo = len(word) >= 4 and not word.isdigit() and not all(self._frequency(st) for st in stems)
            slot = {
                "word": word,
                "stems": stems,
                "typo": typo,
                "prefixes": [],
                "compounds": [],
                "synonyms": [],
            }
            word_root = x.root(word)
            if word_root:
                begun = sum(
                    len(self.searcher.terms_with_prefix(field, word_root, limit=x.ROOT_AT_MOST + 1))
                    for field in ("name_a", "caps_b")
                )
                if begun <= x.ROOT_AT_MOST:
                    slot["prefixes"].append(word_root)
            compound = x.compound_head(word)
            if compound:
                slot["compounds"].append((compound[0], self.analyzer.analyze(compound[1])))
            slots.append(slot)
        in_query = frozenset(st for slot in slots for st in slot["stems"])
        for group in self.groups:
            for _term, lexemes in group:
                if lexemes and lexemes <= in_query:
                    others = [other for _t, other in group if other != lexemes]
                    for slot in slots:
                        if set(slot["stems"]) & lexemes:
                            slot["synonyms"] += others
                    break
        return slots

    def _slot_query(self, slot: dict, fields: dict):
        Q, Occur = self.tantivy.Query, self.tantivy.Occur
        alternatives = [self._terms(slot["stems"], fields, must=True)]
        if slot["typo"]:
            alternatives.append(self._terms(slot["stems"], fields, fuzzy=True, must=True))
        alternatives += [self._prefix(p, fields) for p in slot["prefixes"]]
        for prefix, head in slot["compounds"]:
            if head:
                alternatives.append(
                    Q.boolean_query(
                        [
                            (Occur.Must, self._prefix(prefix, fields)),
                            (Occur.Must, self._terms(head, fields, must=True)),
                        ]
                    )
                )
        alternatives += [self._terms(sorted(lexemes), fields, must=True) for lexemes in slot["synonyms"]]
        if len(alternatives) == 1:
            return alternatives[0]
        return Q.boolean_query([(Occur.Should, q) for q in alternatives])

    def _ids(self, hits) -> list[int]:
        if not hits:
            return []
        return [int(i) for i in self.searcher.fast_field_values("id", [address for _score, address in hits])]

    # -- the search

    def search(self, q: str, *, region: str = "", limit: int = 10) -> list[tuple[int, str, str]]:
        s = self.s
        Q, Occur = self.tantivy.Query, self.tantivy.Occur
        q = s.clean_query(q)
        words = s._words(q)
        if not words:
            return []
        slots = self._slots(words)
        region_clause = [(Occur.Must, Q.term_query(self.schema, "region", region))] if region else []
        rankings: dict[str, list[int]] = {"text": [], "name": []}
        weights: dict[tuple[str, int], float] = {}
        addresses: dict[int, object] = {}
        if slots:
            for source, fields in (("text", FIELDS), ("name", {"short": 1.0})):
                every = Q.boolean_query(
                    [(Occur.Must, self._slot_query(slot, fields)) for slot in slots] + region_clause
                )
                hits = self.searcher.search(every, s.CANDIDATES, count=False).hits
                rankings[source] = self._ids(hits)
                addresses.update(zip(rankings[source], (a for _s, a in hits), strict=True))
            if len(rankings["text"]) < s.ALL_WORDS_ENOUGH and len(slots) > 1:
                # any of the words that narrow the search (in at most 2% of the profiles)
                narrowing = [
                    slot
                    for slot in slots
                    if slot["typo"]
                    or min(self._frequency(st) for st in slot["stems"]) <= s.COMMON_SHARE * self.total
                ]
                if narrowing:
                    anyone = Q.boolean_query(
                        [(Occur.Should, self._slot_query(slot, FIELDS)) for slot in narrowing] + region_clause
                    )
                    hits = self.searcher.search(anyone, s.CANDIDATES, count=False).hits
                    found = set(rankings["text"])
                    for organization_id, (_score, address) in zip(self._ids(hits), hits, strict=True):
                        if organization_id not in found and len(rankings["text"]) < s.CANDIDATES:
                            rankings["text"].append(organization_id)
                            addresses[organization_id] = address
        # meaning: the HNSW graph; with the region filter, twice as many candidates, then filtered
        closeness = {}
        found = []
        if self.meaning:
            vector = self.encoder.encode(q).astype("float32")
            found = self.vectors.search(vector, s.CANDIDATES * (2 if region else 1))
            found = zip(found.keys, found.distances, strict=True)
        for key, distance in found:
            if region and self.region_of[int(key)] != int(region):
                continue
            if len(closeness) < s.CANDIDATES:
                closeness[int(key)] = 1.0 - float(distance)
        rankings["meaning"] = [i for i, c in closeness.items() if c >= s.MEANING_MIN_SIMILARITY]
        weights.update({("meaning", i): s.MEANING_WEIGHT * c for i, c in closeness.items()})
        fused: dict[int, float] = {}
        for source, ids in rankings.items():
            for rank, organization_id in enumerate(ids, start=1):
                weight = weights.get((source, organization_id), 1.0)
                fused[organization_id] = fused.get(organization_id, 0.0) + weight / (s.RRF_K + rank)
        ordered = sorted(fused, key=lambda i: (-fused[i], i))
        page = ordered[:limit]
        if len(ordered) < s.RELATED_WHEN_FEWER:
            floor = s.RELATED_BESIDE_HITS if ordered else s.RELATED_MIN_SIMILARITY
            page += [i for i, c in closeness.items() if i not in fused and c >= floor][: s.RELATED_AT_MOST]
        return self._page(page, addresses, slots)

    def _page(self, page, addresses, slots) -> list[tuple[int, str, str]]:
        Q, Occur = self.tantivy.Query, self.tantivy.Occur
        marks = [
            (Occur.Should, Q.term_query(self.schema, "body", st)) for slot in slots for st in slot["stems"]
        ]
        marks += [
            (Occur.Should, Q.term_query(self.schema, "body", term))
            for slot in slots
            for p in slot["prefixes"]
            for term, _n in self.searcher.terms_with_prefix("body", p, limit=40)
        ]
        snippets = self.tantivy.SnippetGenerator.create(
            self.searcher, Q.boolean_query(marks), self.schema, "body"
        )
        snippets.set_max_num_chars(150)
        out = []
        for organization_id in page:
            address = addresses.get(organization_id)
            if address is None:  # found by meaning only
                hits = self.searcher.search(
                    Q.term_query(self.schema, "id", organization_id), 1, count=False
                ).hits
                if not hits:
                    continue
                address = hits[0][1]
            doc = self.searcher.doc(address)
            out.append((organization_id, doc["short_name"][0], snippets.snippet_from_doc(doc).to_html()))
        return out


# ---- build --------------------------------------------------------------------------------------

ROWS = """
SELECT o.id, o.region_id, o.short_name, o.full_name, o.capabilities, o.products,
       o.description_ru, o.description_en, concat_ws(' ', ok.name_ru, ok.name_en, extra.names)
FROM organizations_organization o
JOIN organizations_okvedclass ok ON ok.code = o.okved_main_id
LEFT JOIN LATERAL (
    SELECT string_agg(c.name_ru || ' ' || c.name_en, ' ') AS names
    FROM organizations_organization_okved_additional a JOIN organizations_okvedclass c ON c.code = a.okvedclass_id
    WHERE a.organization_id = o.id
) extra ON true
ORDER BY o.id
"""
LEGAL_FORM = re.compile(r"^\s*(ООО|АО|ПАО|ЗАО|ОАО|НПО|ИП)\s+")


def _django(data: Path) -> None:
    os.environ["INNOCLUSTER_DATA_DIR"] = str(data.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
    os.environ.setdefault("INNOCLUSTER_LOG_LEVEL", "WARNING")
    os.environ["INNOCLUSTER_DEBUG"] = "false"
    import django

    django.setup()


def _psycopg():
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    )


def _folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def build(data: Path, pg_vectors: bool, limit: int | None) -> None:
    _django(data)
    import numpy as np
    import tantivy
    from usearch.index import Index

    from innocluster.partners import search

    folder = data / "engines"
    if (folder / "tantivy").exists():
        shutil.rmtree(folder / "tantivy")
    (folder / "tantivy").mkdir(parents=True)
    times: dict[str, float] = {}
    index = tantivy.Index(schema(), path=str(folder / "tantivy"))
    index.register_tokenizer(ANALYZER, analyzer())
    writer = index.writer(heap_size=1_000_000_000, num_threads=2)
    encoder = search.encoder()
    part_index: dict[str, int] = {}
    part_texts: list[str] = []
    ids, regions, flat, offsets = array("q"), array("h"), array("i"), array("q")
    started = time.monotonic()
    with _psycopg() as conn, conn.transaction(), conn.cursor(name="rows") as cursor:
        cursor.itersize = 5000
        cursor.execute(ROWS + (f" LIMIT {int(limit)}" if limit else ""))
        for oid, region, short, full, caps, products, ru, en, okved in cursor:
            caps, products = caps or [], products or []
            writer.add_document(
                tantivy.Document(
                    id=oid,
                    region=region or "",
                    name_a=f"{short} {full}",
                    caps_b=" ".join([*caps, *products]),
                    desc_c=f"{ru or ''} {en or ''}",
                    okved_d=okved or "",
                    short=LEGAL_FORM.sub("", short),
                    short_name=short,
                    body=" · ".join(x for x in [short, ru, en, ", ".join(caps), ", ".join(products)] if x),
                )
            )
            ids.append(oid)
            regions.append(int(region) if region and region.isdigit() else -1)
            offsets.append(len(flat))
            for text in search.embedding_parts((short, caps, products, ru, en)):
                if text not in part_index:
                    part_index[text] = len(part_texts)
                    part_texts.append(text)
                flat.append(part_index[text])
    times["read rows and tantivy documents"] = time.monotonic() - started
    t = time.monotonic()
    writer.commit()
    writer.wait_merging_threads()
    times["tantivy commit and merges"] = time.monotonic() - t
    t = time.monotonic()
    parts = np.concatenate(
        [encoder.encode(part_texts[s : s + 256]).astype("float32") for s in range(0, len(part_texts), 256)]
    )
    times[f"encode {len(part_texts)} distinct texts"] = time.monotonic() - t
    t = time.monotonic()
    flat_a, offsets_a = (
        np.frombuffer(flat, dtype="int32"),
        np.append(np.frombuffer(offsets, dtype="int64"), len(flat)),
    )
    vectors = np.empty((len(ids), parts.shape[1]), dtype="float32")
    for s in range(0, len(ids), 100_000):
        e = min(s + 100_000, len(ids))
        lo, hi = offsets_a[s], offsets_a[e]
        # every profile has at least one text (embedding_parts): no empty group for reduceat
        sums = np.add.reduceat(parts[flat_a[lo:hi]], offsets_a[s:e] - lo, axis=0)
        vectors[s:e] = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    times["profile vectors"] = time.monotonic() - t
    del parts, flat_a
    t = time.monotonic()
    graph = Index(ndim=vectors.shape[1], metric="cos", dtype="f16", connectivity=16, expansion_add=64)
    keys = np.asarray(ids, dtype="uint64")
    graph.add(keys, vectors, threads=2)
    graph.save(str(folder / "vectors.usearch"))
    times["usearch graph (f16, M 16, ef 64, 2 threads)"] = time.monotonic() - t
    region_of = np.full(max(ids) + 1, -1, dtype="int16")
    region_of[keys.astype("int64")] = np.asarray(regions, dtype="int16")
    np.save(folder / "regions.npy", region_of)
    result = {
        "profiles": len(ids),
        "times_s": times,
        "embedded_s": sum(times.values()),
        "tantivy_mb": _folder_mb(folder / "tantivy"),
        "usearch_mb": (folder / "vectors.usearch").stat().st_size / 1e6,
    }
    if pg_vectors:
        result.update(_pg_vectors(keys, vectors))
    (folder / "build.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


def _pg_vectors(keys, vectors) -> dict:
    """The same vectors into partners_searchdocument.embedding: written once, with the HNSW graph
    dropped and built afterwards as search.index_all does from 50,000 profiles."""
    from pgvector import HalfVector
    from pgvector.psycopg import register_vector

    from innocluster.partners.search import indexing

    times = {}
    with _psycopg() as conn:
        register_vector(conn)
        t = time.monotonic()
        conn.execute("DROP INDEX IF EXISTS partners_doc_embedding_hnsw")
        conn.execute("CREATE UNLOGGED TABLE IF NOT EXISTS engines_vectors (id int PRIMARY KEY, e halfvec)")
        conn.execute("TRUNCATE engines_vectors")
        with conn.cursor().copy("COPY engines_vectors (id, e) FROM STDIN WITH (FORMAT BINARY)") as copy:
            copy.set_types(["int4", "halfvec"])
            for key, vector in zip(keys.tolist(), vectors, strict=True):
                copy.write_row((key, HalfVector(vector)))
        conn.execute(
            "UPDATE partners_searchdocument d SET embedding = v.e FROM engines_vectors v WHERE v.id = d.organization_id"
        )
        conn.execute("DROP TABLE engines_vectors")
        times["PostgreSQL: write the embeddings"] = time.monotonic() - t
        t = time.monotonic()
        with conn.transaction():
            conn.execute("SET LOCAL maintenance_work_mem = '3GB'")
            conn.execute("SET LOCAL max_parallel_maintenance_workers = 1")
            conn.execute(indexing.CREATE_GRAPH)
        times["PostgreSQL: HNSW graph (halfvec, M 16, ef 64)"] = time.monotonic() - t
        t = time.monotonic()
        conn.execute("VACUUM ANALYZE partners_searchdocument")
        times["PostgreSQL: VACUUM ANALYZE"] = time.monotonic() - t
    return {"pg_times_s": times}


# ---- measure ------------------------------------------------------------------------------------


def worker(data: Path, engine: str, offset: int, threads: int, seconds: float) -> None:
    _django(data)
    import psutil
    from search_breakdown import distinct_queries
    from search_latency import QUERIES

    from innocluster.partners import search

    queries = distinct_queries(8000)
    meaning = not engine.endswith("-lexical")
    if engine.startswith("pg"):
        search.RESULTS = search.LRU(0)  # no kept results

        def run(q, region):
            return search.search(q, filters=search.Filters(region=region), limit=10, meaning=meaning).hits
    else:
        embedded = Embedded(data / "engines", meaning=meaning)

        def run(q, region):
            return embedded.search(q, region=region, limit=10)

    # warm-up: every thread opens its connection, the encoder and the mapped files are read
    def warm(n):
        for i in range(6):
            run(QUERIES[(n + i) % len(QUERIES)], "77" if i % 2 else "")

    pool = [threading.Thread(target=warm, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    print("READY", flush=True)
    sys.stdin.readline()
    lock, counter, latencies, empty, errors = threading.Lock(), [0], [], [0], []
    stop_at = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < stop_at:
            with lock:
                n = offset + counter[0] % 4000
                counter[0] += 1
            q, region = queries[n], ("77" if n % 4 == 0 else "")
            started = time.perf_counter()
            try:
                hits = run(q, region)
            except Exception as exc:  # counted and reported
                errors.append(repr(exc))
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            if not hits:
                empty[0] += 1

    cpu0, wall0 = time.process_time(), time.perf_counter()
    pool = [threading.Thread(target=client) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    memory = psutil.Process().memory_full_info()
    print(
        json.dumps(
            {
                "latencies": latencies,
                "cpu_s": cpu,
                "wall_s": wall,
                "empty": empty[0],
                "errors": errors[:3],
                "error_count": len(errors),
                "rss_mb": memory.rss / 1e6,
                "pss_mb": memory.pss / 1e6,
            }
        ),
        flush=True,
    )


def _server_processes(data: Path):
    import psutil

    pid = int((data / "postgres" / "postmaster.pid").read_text().split()[0])
    main = psutil.Process(pid)
    return [main, *main.children(recursive=True)]


def _cpu(processes) -> float:
    import psutil

    total = 0.0
    for p in processes:
        with contextlib.suppress(psutil.Error, OSError):  # a backend that ended
            t = p.cpu_times()
            total += t.user + t.system
    return total


def phase(data: Path, engine: str, seconds: float) -> dict:
    import psutil

    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "worker",
        "--data",
        str(data),
        "--engine",
        engine,
    ]
    workers = [
        subprocess.Popen(
            [*command, "--offset", str(n * 4000), "--threads", str(THREADS), "--seconds", str(seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    for w in workers:
        line = w.stdout.readline()
        if not line.startswith("READY"):
            raise SystemExit(f"a {engine} worker failed to start")
    server = _server_processes(data)
    server_cpu0 = _cpu(server)
    for w in workers:
        w.stdin.write("go\n")
        w.stdin.flush()
    results = [json.loads(w.stdout.readline()) for w in workers]
    server_now = _server_processes(data)
    server_cpu = _cpu(server_now) - server_cpu0
    server_pss = 0.0
    for p in server_now:
        with contextlib.suppress(psutil.Error, OSError):
            server_pss += p.memory_full_info().pss / 1e6
    for w in workers:
        w.wait()
    latencies = sorted(x for r in results for x in r["latencies"])
    count = len(latencies)
    wall = max(r["wall_s"] for r in results)
    client_cpu = sum(r["cpu_s"] for r in results)

    def pct(p):
        return latencies[min(count - 1, int(count * p))] if count else float("nan")

    return {
        "engine": engine,
        "searches": count,
        "per_s": count / wall,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "cpu_ms_client": client_cpu / count * 1000,
        "cpu_ms_server": server_cpu / count * 1000,
        "cpu_ms": (client_cpu + server_cpu) / count * 1000,
        "empty": sum(r["empty"] for r in results),
        "errors": sum(r["error_count"] for r in results),
        "error_sample": [e for r in results for e in r["errors"]][:2],
        "workers_pss_mb": sum(r["pss_mb"] for r in results),
        "server_pss_mb": server_pss,
    }


def sizes(data: Path) -> dict:
    _django(data)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size('partners_searchdocument'), "
            "coalesce(pg_relation_size(to_regclass('partners_doc_tsv')), 0), "
            "coalesce(pg_relation_size(to_regclass('partners_doc_name_tsv')), 0), "
            "coalesce(pg_relation_size(to_regclass('partners_doc_embedding_hnsw')), 0), "
            "pg_total_relation_size('partners_lexicon'), current_setting('shared_buffers'), "
            "(SELECT count(*) FROM partners_searchdocument), (SELECT count(embedding) FROM partners_searchdocument)"
        )
        table, tsv, name, hnsw, lexicon, shared_buffers, docs, embedded = cursor.fetchone()
    folder = data / "engines"
    build_info = json.loads((folder / "build.json").read_text()) if (folder / "build.json").exists() else {}
    return {
        "pg": {
            "table_mb": table / 1e6,
            "text_gin_mb": tsv / 1e6,
            "name_gin_mb": name / 1e6,
            "hnsw_mb": hnsw / 1e6,
            "lexicon_mb": lexicon / 1e6,
            "shared_buffers": shared_buffers,
            "documents": docs,
            "with_embedding": embedded,
        },
        "embedded": {
            "tantivy_mb": _folder_mb(folder / "tantivy"),
            "usearch_mb": (folder / "vectors.usearch").stat().st_size / 1e6,
        },
        "build": build_info,
    }


def measure(data: Path, seconds: float, rounds: int, engines: list[str]) -> None:
    info = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "sizes", "--data", str(data)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print(info)
    # the server stays up between phases: a holder process keeps it
    holder = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "hold", "--data", str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    holder.stdout.readline()
    results = []
    try:
        for round_ in range(1, rounds + 1):
            for engine in engines:
                r = phase(data, engine, seconds)
                r["round"] = round_
                results.append(r)
                print(json.dumps(r), flush=True)
    finally:
        holder.stdin.write("bye\n")
        holder.stdin.flush()
        holder.wait()
    print(
        "\n| engine | round | searches/s | p50 ms | p95 ms | p99 ms | CPU ms per search (client + PostgreSQL) "
        "| empty pages | workers' PSS MB | PostgreSQL PSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {LABELS[r['engine']]} | {r['round']} | {r['per_s']:.0f} "
            f"| {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} "
            f"| {r['cpu_ms']:.1f} ({r['cpu_ms_client']:.1f} + {r['cpu_ms_server']:.1f}) | {r['empty']} "
            f"| {r['workers_pss_mb']:.0f} | {r['server_pss_mb']:.0f} |"
        )


LABELS = {
    "pg": "PostgreSQL",
    "embedded": "tantivy + usearch",
    "pg-lexical": "PostgreSQL, words only",
    "embedded-lexical": "tantivy, words only",
}


def hold(data: Path) -> None:
    _django(data)
    from django.db import connection

    connection.ensure_connection()
    print("up", flush=True)
    sys.stdin.readline()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["build", "measure", "worker", "sizes", "hold", "try"])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench-1000000")
    parser.add_argument("--pg-vectors", action="store_true")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--engines", default="pg,embedded")
    parser.add_argument("--engine")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--q", help="try: the query")
    args = parser.parse_args()
    data = args.data.resolve()
    if args.action == "build":
        build(data, args.pg_vectors, args.limit)
    elif args.action == "measure":
        measure(data, args.seconds, args.rounds, args.engines.split(","))
    elif args.action == "worker":
        worker(data, args.engine, args.offset, args.threads, args.seconds)
    elif args.action == "sizes":
        print(json.dumps(sizes(data), indent=1))
    elif args.action == "hold":
        hold(data)
    else:  # try one query on both engines
        _django(data)
        from innocluster.partners import search

        for hit in search.search(args.q, limit=5).hits:
            print("pg      ", hit.organization_id, hit.short_name, hit.why)
        for organization_id, name, snippet in Embedded(data / "engines").search(args.q, limit=5):
            print("embedded", organization_id, name, snippet[:100])


if __name__ == "__main__":
    main()
