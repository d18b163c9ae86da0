"""SPEC C9's default indicators: revenue, R&D spending, staff, investments attracted, contracts
concluded, patents obtained, products launched (yearly)."""

from django.db import migrations


def create(apps, schema_editor):
    from innocluster.kpi.enums import DEFAULT_INDICATORS

    Indicator = apps.get_model("kpi", "Indicator")
    for code, name_ru, _name_en, unit, better, period in DEFAULT_INDICATORS:
        Indicator.objects.get_or_create(
            code=code, defaults={"name": name_ru, "unit": unit, "better": better, "period": period}
        )


class Migration(migrations.Migration):
    dependencies = [("kpi", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
