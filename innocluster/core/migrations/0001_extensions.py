from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension, UnaccentExtension
from django.db import migrations

# pgvector ships with the embedded server; a PostgreSQL server may lack the package (Debian 12 has
# none for PostgreSQL 15). Everything but meaning-based search works without it, so the migration
# creates it where it is available instead of refusing to install the platform.
CREATE_VECTOR = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
    ELSE
        RAISE WARNING 'pgvector is not installed on this PostgreSQL server: meaning-based search is off';
    END IF;
END
$$;
"""


class Migration(migrations.Migration):
    """The PostgreSQL extensions the platform relies on: typo-tolerant search (pg_trgm), accent
    folding (unaccent), embeddings (vector, from pgvector), exclusion constraints (btree_gist)."""

    initial = True
    dependencies = []
    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        BtreeGistExtension(),
        migrations.RunSQL(CREATE_VECTOR, "DROP EXTENSION IF EXISTS vector"),
    ]
