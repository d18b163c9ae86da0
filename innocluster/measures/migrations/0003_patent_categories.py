"""SPEC C5 changed: a patent compensation item is an `invention`, a `utility_model` or an
`industrial_design`. A new version of the rules, in force from 2026-01-01; the version of 2022
stays, so that applications decided under it keep reading as they were decided."""

from django.db import migrations

EFFECTIVE_FROM = "2026-01-01"
RULES = [
    {"kind": "applicant_participant"},
    {
        "kind": "item_rate",
        "rates": {"invention": "1.00", "utility_model": "1.00", "industrial_design": "1.00"},
    },
    {
        "kind": "item_cap_by_attribute",
        "attribute": "jurisdiction",
        "caps": {"ru": "75000.00", "foreign": "2000000.00"},
    },
]


def create(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    MeasureVersion = apps.get_model("measures", "MeasureVersion")
    measure = Measure.objects.filter(code="patent-compensation").first()
    if measure is None:
        return
    MeasureVersion.objects.get_or_create(
        measure=measure,
        effective_from=EFFECTIVE_FROM,
        defaults={"rules": RULES, "note": "SPEC.md C5: invention, utility model, industrial design"},
    )
    Measure.objects.filter(pk=measure.pk).update(
        summary_ru="Участнику кластера: 100% затрат на каждую заявку на изобретение, полезную модель или "
        "промышленный образец, но не более 75 000 ₽ за российскую и 2 000 000 ₽ за зарубежную; несколько "
        "заявок в одном обращении.",
        summary_en="For a participant: 100% of the cost of each application for an invention, a utility model "
        "or an industrial design, at most 75,000 ₽ for a Russian one and 2,000,000 ₽ for a foreign one; "
        "several in one application.",
    )


class Migration(migrations.Migration):
    dependencies = [("measures", "0002_the_five_measures")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
