"""Partner search's documents: each organisation's public profile as weighted tsvectors, its
words in the lexicon (for typo corrections), and its embedding where pgvector is there."""

import logging

from django.db import DatabaseError, connection, reset_queries, transaction

from innocluster.partners.search.cache import changed
from innocluster.partners.search.encoding import (
    DIMENSIONS,
    _vector_literal,
    forget_vector_enabled,
    profile_vectors,
    says_what_it_does,
    vector_enabled,
)
from innocluster.partners.search.query import LEGAL_FORM_SQL

logger = logging.getLogger(__name__)

UPSERT = """
INSERT INTO partners_searchdocument (organization_id, name, body, words, name_tsv, tsv, updated_at)
SELECT o.id,
       concat_ws(' ', o.short_name, o.full_name),
       -- the highlighter's markers (chr 2 and 3) can never come from the organisation's text
       -- (a blank field is left out, not shown as an empty piece between two dots)
       translate(concat_ws(' · ', o.short_name, nullif(btrim(o.description_ru), ''), nullif(btrim(o.description_en), ''),
                 nullif(array_to_string(o.capabilities, ', '), ''), nullif(array_to_string(o.products, ', '), '')),
                 chr(2) || chr(3), ''),
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
                # a profile that says nothing but its name has no vector: it would be "close" to
                # whatever a query means (a new company's bare profile came third for «БПЛА»)
                saying = [r for r in rows if says_what_it_does(r[1:])]
                vectors = {}
                if saying:
                    computed = profile_vectors([r[1:] for r in saying])
                    vectors = {r[0]: _vector_literal(v) for r, v in zip(saying, computed, strict=True)}
                cursor.execute(
                    UPSERT_WITH_VECTORS,
                    [LEGAL_FORM_SQL, [r[0] for r in rows], [vectors.get(r[0]) for r in rows]],
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


# pg_advisory_lock's key, held by a rebuild from dropping the graph to building it again
REBUILDING_GRAPH = 0x5EA2_C4
GRAPH = "partners_doc_embedding_hnsw"


def index_all(*, progress=None, embed: bool = True) -> int:
    """Every profile. From REBUILD_GRAPH_FROM profiles on, the HNSW graph is dropped and built
    again at the end (meaning search is slower meanwhile; text search is not affected); a rebuild
    holds the REBUILDING_GRAPH lock meanwhile, and one waits for another."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM organizations_organization ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    rebuild = embed and vector_enabled() and len(ids) >= REBUILD_GRAPH_FROM
    if rebuild:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [REBUILDING_GRAPH])
            cursor.execute(f"DROP INDEX IF EXISTS {GRAPH}")
    try:
        return index_organizations(ids, embed=embed, progress=progress, batch=1000 if rebuild else 256)
    finally:
        if rebuild:
            try:
                _build_graph()
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [REBUILDING_GRAPH])


def _build_graph() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '3GB'")
        cursor.execute(CREATE_GRAPH)


def ensure_graph() -> bool:
    """Build the HNSW graph if a rebuild was cut short: a process killed between dropping and
    building it (a deploy during a re-embedding of a large cluster) leaves meaning search scanning
    every profile (at a million, 2 s a search) until the graph is there. Nothing while a rebuild
    holds its lock (its process is alive: PostgreSQL frees the lock with the connection, however
    the process ended). True if it built the graph. Periodic (partners app) and idempotent."""
    if not vector_enabled():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [REBUILDING_GRAPH])
        if not cursor.fetchone()[0]:
            return False
        try:
            cursor.execute("SELECT to_regclass(%s) IS NULL", [GRAPH])
            if not cursor.fetchone()[0]:
                return False
            logger.warning("partner search's HNSW graph was missing (a rebuild cut short): building it")
            _build_graph()
            return True
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [REBUILDING_GRAPH])


def enable_meaning_search() -> bool:
    """Turn meaning-based search on where pgvector became available after the platform was
    installed: a database restored from a server without pgvector into the embedded one (which
    always has it), or the package installed on the server later. The migrations made the
    embedding column only where pgvector was there when they ran, and they never run again, so
    meaning search would stay off for good. Creates the extension, the column and the graph; the
    caller has every profile embedded (partners app, after every `migrate`, which `innocluster run`
    does at each start). True if it turned meaning search on; nothing where it is on already or
    pgvector is not there; a database account that may not create the extension is told in the log.
    """
    if vector_enabled():
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regclass('partners_searchdocument') IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')"
        )
        if not cursor.fetchone()[0]:
            return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
            cursor.execute(
                f"ALTER TABLE partners_searchdocument ADD COLUMN IF NOT EXISTS embedding halfvec({DIMENSIONS})"
            )
            cursor.execute(CREATE_GRAPH)
    except DatabaseError as error:
        logger.warning(
            "pgvector is installed on the database server, but meaning-based search could not be turned on "
            "(%s): have the database's owner run CREATE EXTENSION vector, then run `innocluster manage migrate`",
            error,
        )
        return False
    forget_vector_enabled()
    changed()
    logger.warning("pgvector found: meaning-based partner search turned on; every profile is embedded again")
    return True
