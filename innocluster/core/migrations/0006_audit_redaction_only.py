from django.db import migrations

# The audit log stays append-only, with one narrow exception for the destruction of a person's
# personal data (152-FZ art. 21, accounts/destruction.py): inside a transaction that has set
# `innocluster.redacting_personal_data` (SET LOCAL, core.audit.redacting_personal_data), an UPDATE
# may rewrite an event's texts (object id, comment, details) but never who, what, when, or which
# states; DELETE is refused always. Before, the destruction disabled the trigger in its transaction,
# which needs the table's owner and holds a lock that stops every other audit write until it commits.
NARROW = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND current_setting('innocluster.redacting_personal_data', true) = 'on'
        AND NEW.id = OLD.id
        AND NEW.at = OLD.at
        AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
        AND NEW.action = OLD.action
        AND NEW.object_type = OLD.object_type
        AND NEW.from_state = OLD.from_state
        AND NEW.to_state = OLD.to_state
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

STRICT = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0005_verbose_names")]
    operations = [migrations.RunSQL(NARROW, STRICT)]
