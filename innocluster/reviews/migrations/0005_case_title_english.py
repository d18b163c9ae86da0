"""A case's title in English where it is the platform's words: a support-measure application's
(the measure's name and who applies) and a KPI report's ("KPI report for 2025, version 1"). Both
were written once, in Russian or in the submitter's language, and English pages showed them so.
The existing cases get theirs here; a KPI report's Russian title is written again in Russian."""

from django.db import migrations, models

# as kpi.services._case_titles says them, written here so that this migration stays as it was
KPI_RU = "Отчёт о КПЭ за {period}, версия {version}"
KPI_EN = "KPI report for {period}, version {version}"


def fill(apps, schema_editor):
    ReviewCase = apps.get_model("reviews", "ReviewCase")
    Application = apps.get_model("measures", "MeasureApplication")
    Report = apps.get_model("kpi", "Report")
    for application in Application.objects.select_related("measure", "organization", "person", "case"):
        who = (
            application.organization.short_name
            if application.organization_id
            else application.person.full_name
        )
        ReviewCase.objects.filter(pk=application.case_id).update(
            title_en=f"{application.measure.title_en}: {who}"[:300]
        )
    for report in Report.objects.exclude(case=None).only("case_id", "period", "version"):
        values = {"period": report.period, "version": report.version}
        ReviewCase.objects.filter(pk=report.case_id).update(
            title=KPI_RU.format(**values), title_en=KPI_EN.format(**values)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_withdrawn"),
        ("measures", "0007_form_draft"),
        ("kpi", "0006_indicator_english"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcase",
            name="title_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="title (English)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
