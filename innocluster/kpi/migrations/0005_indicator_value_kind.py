"""What an indicator's values may be (an amount, a count, a signed number): the default indicators
of people, patents, products and pilot tests are counts; every other one an amount, which, like a
count, is not negative."""

from django.db import migrations, models

# as enums.COUNTED, written here so that this migration stays as it was
COUNTED = ("staff", "patents", "products", "pilots")


def counts(apps, schema_editor):
    apps.get_model("kpi", "Indicator").objects.filter(code__in=COUNTED).update(value_kind="count")


class Migration(migrations.Migration):
    dependencies = [("kpi", "0004_known_indicators")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="value_kind",
            field=models.CharField(
                choices=[
                    ("amount", "An amount: not negative, at most 2 decimal places"),
                    ("count", "A count: a whole number, not negative"),
                    ("signed", "A number that may be negative (a profit, a change)"),
                ],
                default="amount",
                max_length=6,
                verbose_name="values",
            ),
        ),
        migrations.RunPython(counts, migrations.RunPython.noop),
    ]
