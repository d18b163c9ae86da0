"""In-app notifications, with an e-mail copy sent by a task after the transaction commits."""

from django.db import transaction
from django.utils import translation

from innocluster.core.models import Notification


def notify(*, recipients, kind: str, subject: str, body: str = "", url: str = "", email: bool = True) -> list:
    """Create one notification per recipient (deduplicated), in the recipient's language (pass lazy
    texts); schedule their e-mails after commit.
    Side effects: rows in core_notification; `send_notification_email` tasks after commit."""
    seen, created = set(), []
    for person in recipients:
        if person is None or person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        # Lazy texts are rendered in each recipient's own language.
        with translation.override(getattr(person, "language", None) or "ru"):
            subject_text, body_text = str(subject)[:300], str(body)
        created.append(
            Notification.objects.create(
                recipient=person, kind=kind, subject=subject_text, body=body_text, url=url
            )
        )
    if email and created:
        from innocluster.core.tasks import send_notification_email

        ids = [n.pk for n in created]
        transaction.on_commit(lambda: [send_notification_email.enqueue(pk) for pk in ids])
    return created


def mark_read(*, person, notification_ids=None) -> int:
    from django.utils import timezone

    qs = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
