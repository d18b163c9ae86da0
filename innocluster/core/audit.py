"""The append-only audit log. Every service that changes a state calls `record`."""

from contextlib import contextmanager

from django.db import connection

from innocluster.core.models import AuditEvent

# The audit event fields that redaction may rewrite (the trigger of core migration 0006 refuses a
# change to any other: who, what, when and which states stay as recorded).
REDACTABLE_FIELDS = ("object_id", "comment", "data")


def record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id="",
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    data: dict | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        from_state=from_state or "",
        to_state=to_state or "",
        comment=comment or "",
        data=data or {},
    )


def record_many(*, actor, action: str, objects, data_of=None) -> list[AuditEvent]:
    """One event per object, written at once (a bulk change still leaves a trace per object);
    `data_of(obj)` gives each event's details."""
    actor = actor if actor is not None and getattr(actor, "pk", None) else None
    return AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                data=data_of(obj) if data_of else {},
            )
            for obj in objects
        ]
    )


def record_personal_data_access(*, actor, obj, reason: str) -> None:
    """Staff reading an organisation's or a person's private data leaves a trace (SPEC §1)."""
    if actor is not None and getattr(actor, "is_staff", False):
        record(actor=actor, action="personal_data.read", obj=obj, comment=reason)


@contextmanager
def redacting_personal_data():
    """Inside the caller's transaction, let UPDATEs rewrite the texts of audit events
    (REDACTABLE_FIELDS) — the destruction of a person's personal data, and nothing else. Off
    again at the end of the block; SET LOCAL also ends with the transaction, however it ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("redacting the audit log needs a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL innocluster.redacting_personal_data = 'on'")
    try:
        yield
    finally:
        # after a failed statement the transaction only rolls back, and the setting with it
        if not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL innocluster.redacting_personal_data = 'off'")
