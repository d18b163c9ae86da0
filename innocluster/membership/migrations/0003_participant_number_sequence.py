from django.db import migrations


class Migration(migrations.Migration):
    """Participant numbers come from a sequence: increasing, and never handed out twice, even when
    a transaction that took one rolls back."""

    dependencies = [("membership", "0002_initial")]
    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE IF NOT EXISTS membership_participant_number_seq START 1",
            "DROP SEQUENCE IF EXISTS membership_participant_number_seq",
        )
    ]
