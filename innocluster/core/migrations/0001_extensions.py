from django.contrib.postgres.operations import (
    BtreeGistExtension,
    CreateExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations


class Migration(migrations.Migration):
    """The PostgreSQL extensions the platform relies on: typo-tolerant search (pg_trgm), accent
    folding (unaccent), embeddings (vector, from pgvector), exclusion constraints (btree_gist)."""

    initial = True
    dependencies = []
    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        CreateExtension("vector"),
        BtreeGistExtension(),
    ]
