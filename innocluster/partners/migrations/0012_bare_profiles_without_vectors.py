from django.db import migrations

# A profile that says nothing but its name no longer has a meaning vector (search/indexing.py): its
# vector was "close" to whatever a query meant, and a new company's bare profile came third for
# «БПЛА». The documents of such profiles are made again (text and vector), here: they are few.
BARE = """
SELECT o.id FROM organizations_organization o
WHERE btrim(o.description_ru) = '' AND btrim(o.description_en) = ''
  AND btrim(array_to_string(o.capabilities, '')) = '' AND btrim(array_to_string(o.products, '')) = ''
"""


def index_bare_profiles(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(BARE)
        ids = [row[0] for row in cursor.fetchall()]
    if ids:
        from innocluster.partners.search import index_organizations

        index_organizations(ids)


class Migration(migrations.Migration):
    dependencies = [("partners", "0011_glossary")]
    operations = [migrations.RunPython(index_bare_profiles, migrations.RunPython.noop)]
