"""Indicators' names and units in English, shown on English pages (the name and unit were stored
in Russian only, so an English page said «Численность работников, чел.»); the default ones are
filled in here, a coordinator's own where they give them."""

from django.db import migrations, models

# code: English name and unit of the default indicators (enums.DEFAULT_INDICATORS and 0004's),
# written here so that this migration stays as it was
ENGLISH = {
    "revenue": ("Revenue", "₽"),
    "rnd_spending": ("R&D spending", "₽"),
    "staff": ("Staff", "people"),
    "investments": ("Investments attracted", "₽"),
    "contracts": ("Contracts concluded", "₽"),
    "patents": ("Patents obtained", "pcs"),
    "products": ("Products launched", "pcs"),
    "grants": ("Grants received", "₽"),
    "pilots": ("Pilot tests completed", "pcs"),
}


def fill(apps, schema_editor):
    Indicator = apps.get_model("kpi", "Indicator")
    for code, (name_en, unit_en) in ENGLISH.items():
        Indicator.objects.filter(code=code, name_en="").update(name_en=name_en, unit_en=unit_en)


class Migration(migrations.Migration):
    dependencies = [("kpi", "0005_indicator_value_kind")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="Shown on English pages; empty: the name.",
                max_length=200,
                verbose_name="name (English)",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="unit_en",
            field=models.CharField(
                blank=True,
                help_text="Shown on English pages; empty: the unit.",
                max_length=30,
                verbose_name="unit (English)",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
