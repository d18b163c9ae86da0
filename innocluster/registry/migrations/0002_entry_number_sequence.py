from django.db import migrations


class Migration(migrations.Migration):
    """Register numbers come from a sequence: increasing and never reused."""

    dependencies = [("registry", "0001_initial")]
    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE IF NOT EXISTS registry_entry_number_seq START 1",
            "DROP SEQUENCE IF EXISTS registry_entry_number_seq",
        )
    ]
