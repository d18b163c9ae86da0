"""SPEC C5/C6: a `pilot-testing` grant application names the applicant's own pilot. The measure
says so (`Measure.link = "pilot"`); the application keeps the pilot's id (a plain number: measures
does not depend on pilots, the link goes through `measures/links.py`)."""

from django.db import migrations, models

LINKS = {"pilot-testing": "pilot"}


def create(apps, schema_editor):
    """Idempotent: the tests run it again after a transactional test empties the tables."""
    Measure = apps.get_model("measures", "Measure")
    for code, link in LINKS.items():
        Measure.objects.filter(code=code).update(link=link)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="link",
            field=models.CharField(
                blank=True,
                help_text="“pilot”: the applicant's own accepted, running or completed pilot.",
                max_length=20,
                verbose_name="the application names",
            ),
        ),
        migrations.AddField(
            model_name="measureapplication",
            name="pilot_id",
            field=models.PositiveBigIntegerField(
                blank=True, db_index=True, null=True, verbose_name="pilot of the grant"
            ),
        ),
        migrations.RunPython(create, migrations.RunPython.noop),
    ]
