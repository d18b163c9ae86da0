"""Two more default indicators whose values the platform knows (issue 12): grants received (the
grant payments made to the organisation) and pilot tests completed (yearly). Their rows are
written here, not read from `enums.DEFAULT_INDICATORS`, so that this migration stays as it was."""

from django.db import migrations

# code, Russian and English names, unit, better, period (as enums.DEFAULT_INDICATORS)
INDICATORS = [
    ("grants", "Полученные гранты", "Grants received", "₽", "higher", "year"),
    ("pilots", "Завершённые пилотные испытания", "Pilot tests completed", "шт.", "higher", "year"),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("kpi", "Indicator")
    for code, name_ru, _name_en, unit, better, period in INDICATORS:
        Indicator.objects.get_or_create(
            code=code, defaults={"name": name_ru, "unit": unit, "better": better, "period": period}
        )


class Migration(migrations.Migration):
    dependencies = [("kpi", "0003_evidence_drafts_reminders_case")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
