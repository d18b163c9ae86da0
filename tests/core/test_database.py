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


@pytest.mark.django_db
class TestOnlyTheDestructionOfPersonalDataRewritesAuditTexts:
    """core migration 0006: inside `audit.redacting_personal_data()` an event's texts may be
    rewritten; who, what, when and the states never; nothing is deleted; outside it, nothing."""

    def event(self):
        return audit.record(
            actor=None,
            action="test.happened",
            object_type="accounts.user",
            object_id="olga@example.org",
            from_state="a",
            to_state="b",
            comment="Ольга Смирнова попросила",
            data={"email": "olga@example.org"},
        )

    def test_the_texts_are_rewritten_inside_the_block(self):
        event = self.event()
        with transaction.atomic(), audit.redacting_personal_data():
            AuditEvent.objects.filter(pk=event.pk).update(object_id="7", comment="", data={})
        event.refresh_from_db()
        assert (event.object_id, event.comment, event.data) == ("7", "", {})
        assert (event.action, event.from_state, event.to_state) == ("test.happened", "a", "b")

    @pytest.mark.parametrize(
        "change", [{"action": "test.forged"}, {"object_type": "x"}, {"to_state": "c"}, {"actor_id": 1}]
    )
    def test_who_what_when_and_states_stay_even_inside(self, change):
        event = self.event()
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            audit.redacting_personal_data(),
        ):
            AuditEvent.objects.filter(pk=event.pk).update(**change)
        event.refresh_from_db()
        assert (event.action, event.object_type, event.to_state, event.actor_id) == (
            "test.happened",
            "accounts.user",
            "b",
            None,
        )

    def test_nothing_is_deleted_even_inside(self):
        event = self.event()
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            audit.redacting_personal_data(),
        ):
            AuditEvent.objects.filter(pk=event.pk).delete()
        assert AuditEvent.objects.filter(pk=event.pk).exists()

    def test_after_the_block_in_the_same_transaction_it_is_refused_again(self):
        event = self.event()
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with audit.redacting_personal_data():
                pass
            AuditEvent.objects.filter(pk=event.pk).update(comment="")


@pytest.mark.django_db(transaction=True)
def test_redacting_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError), audit.redacting_personal_data():
        pass
