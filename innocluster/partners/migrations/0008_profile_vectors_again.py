from django.db import migrations

# A profile's meaning vector is now its whole text blended with the mean of its parts
# (search/encoding.py, WHOLE_TEXT_SHARE), and the ranking's similarity floors were set for such
# vectors: the profiles indexed before are embedded again, by a worker (a large cluster takes
# minutes; search works meanwhile, on the old vectors).


def embed_again(apps, schema_editor):
    SearchDocument = apps.get_model("partners", "SearchDocument")
    if SearchDocument.objects.exists():
        from innocluster.partners.tasks import embed_all

        embed_all.enqueue()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0007_default_synonyms"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]
    operations = [migrations.RunPython(embed_again, migrations.RunPython.noop)]
