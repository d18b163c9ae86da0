from django.db import migrations

# The embedding column and its HNSW index exist where pgvector does (always on the embedded
# server). Without it meaning-based search is off and text and name search work as ever.
FORWARD = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
        ALTER TABLE partners_searchdocument ADD COLUMN IF NOT EXISTS embedding vector(512);
        CREATE INDEX IF NOT EXISTS partners_doc_embedding_hnsw ON partners_searchdocument
            USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
    END IF;
END
$$;
"""
BACKWARD = """
DROP INDEX IF EXISTS partners_doc_embedding_hnsw;
ALTER TABLE partners_searchdocument DROP COLUMN IF EXISTS embedding;
"""


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial"), ("core", "0001_extensions")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
