from django.db import migrations

FORBID = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""

ALLOW = """
DROP TRIGGER IF EXISTS core_auditevent_no_update_delete ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


class Migration(migrations.Migration):
    """The audit log is append-only in the database itself, whatever the application does: no row
    is updated or deleted. TRUNCATE stays with the table's owner (the test runner empties tables
    with it); a production deployment revokes it from the application's role."""

    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunSQL(FORBID, ALLOW)]
