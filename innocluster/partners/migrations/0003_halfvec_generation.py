from django.db import migrations

# Half-precision embeddings: at a million profiles the HNSW index is half the size (about 1 GB
# instead of 2) and each distance is cheaper, with no measurable change in ranking (bench/README).
# The generation sequence is bumped after every committed (re)indexing; searches key their
# per-process cache by it, so an edited profile is never served from a stale cached result.
FORWARD = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_name = 'partners_searchdocument' AND column_name = 'embedding') THEN
        DROP INDEX IF EXISTS partners_doc_embedding_hnsw;
        ALTER TABLE partners_searchdocument ALTER COLUMN embedding TYPE halfvec(512) USING embedding::halfvec(512);
        CREATE INDEX partners_doc_embedding_hnsw ON partners_searchdocument
            USING hnsw (embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 64);
    END IF;
END
$$;
CREATE SEQUENCE IF NOT EXISTS partners_index_generation;
"""
BACKWARD = """
DROP SEQUENCE IF EXISTS partners_index_generation;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_name = 'partners_searchdocument' AND column_name = 'embedding') THEN
        DROP INDEX IF EXISTS partners_doc_embedding_hnsw;
        ALTER TABLE partners_searchdocument ALTER COLUMN embedding TYPE vector(512) USING embedding::vector(512);
        CREATE INDEX partners_doc_embedding_hnsw ON partners_searchdocument
            USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
    END IF;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_embedding")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
