import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def load(apps, schema_editor):
    Region = apps.get_model("organizations", "Region")
    OkvedClass = apps.get_model("organizations", "OkvedClass")
    for row in _rows("regions.tsv"):
        Region.objects.update_or_create(
            code=row["code"], defaults={"name_ru": row["name_ru"], "name_en": row["name_en"]}
        )
    for row in _rows("okved2-classes.tsv"):
        OkvedClass.objects.update_or_create(
            code=row["code"], defaults={"name_ru": row["name_ru"], "name_en": row["name_en"]}
        )


class Migration(migrations.Migration):
    """The 89 subjects of the Russian Federation and the 88 classes of OKVED 2."""

    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
