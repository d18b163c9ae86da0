import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from innocluster.core import audit
from innocluster.core.models import AuditEvent


@pytest.mark.django_db
def test_database_lowercases_cyrillic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT lower('ЯНДЕКС'), similarity('токарная', 'токраная') > 0.3")
        assert cursor.fetchone() == ("яндекс", True)


@pytest.mark.django_db
def test_extensions_are_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        vector_available = cursor.fetchone() is not None
    assert {"pg_trgm", "unaccent", "btree_gist"} <= names
    # the embedded server always has pgvector; a server has it when its package is installed
    assert ("vector" in names) == vector_available


@pytest.mark.django_db
def test_database_encoding_is_utf8():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"
        )
        assert cursor.fetchone()[0] == "UTF8"


@pytest.mark.django_db
class TestAuditLogIsAppendOnly:
    def test_update_is_refused(self):
        event = audit.record(actor=None, action="test.happened", object_type="x", object_id=1)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(comment="rewritten")
        event.refresh_from_db()
        assert event.comment == ""

    def test_delete_is_refused(self):
        event = audit.record(actor=None, action="test.happened", object_type="x", object_id=1)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
        assert AuditEvent.objects.filter(pk=event.pk).exists()

    def test_raw_sql_is_refused_too(self):
        audit.record(actor=None, action="test.happened", object_type="x", object_id=1)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute("UPDATE core_auditevent SET action = 'forged'")
        assert AuditEvent.objects.count() == 1
