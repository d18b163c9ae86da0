"""In-app notifications, with an e-mail copy sent by a task after the transaction commits."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.utils import translation

from innocluster.core import links
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.core.models import Notification

_emails_off: ContextVar[bool] = ContextVar("innocluster_notification_emails_off", default=False)


@contextmanager
def without_emails():
    """Notifications made inside are stored for the cabinet but never e-mailed (the demo's
    seeding: thousands of made-up events must not become thousands of e-mails)."""
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


def _texts(subject, body) -> dict:
    """The subject and text in each language of the platform; empty for plain strings, which read
    the same in every language."""
    if isinstance(subject, str) and isinstance(body, str):
        return {}
    told = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            told[code] = {"subject": str(subject)[:300], "body": str(body)}
    return told


def notify(*, recipients, kind: str, subject: str, body: str = "", url: str = "", email: bool = True) -> list:
    """Create one notification per recipient (deduplicated), in the recipient's language (pass lazy
    texts); schedule their e-mails after commit (none inside `without_emails()`,
    none to the demo's addresses).
    Side effects: rows in core_notification; `send_notification_email` tasks after commit."""
    seen, created = set(), []
    texts = _texts(subject, body)
    for person in recipients:
        if person is None or person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        # Lazy texts are rendered in each recipient's own language (the e-mail's), and in every
        # other for the cabinet read in another language.
        with translation.override(getattr(person, "language", None) or "ru"):
            subject_text, body_text = str(subject)[:300], str(body)
        created.append(
            Notification.objects.create(
                recipient=person,
                kind=kind,
                subject=subject_text,
                body=body_text,
                url=url,
                texts=texts,
            )
        )
    if email and created and not _emails_off.get():
        from innocluster.core.tasks import send_notification_email

        # The demo's made-up people read theirs in the cabinet: their addresses reach no one, and
        # the reminders about the demo's cases would fill the console of every `run --demo`.
        ids = [n.pk for n in created if not n.recipient.email.lower().endswith(f"@{DEMO_DOMAIN}")]
        base = links.base_url()  # SITE_URL if the operator set it, else where the actor reached the site
        transaction.on_commit(lambda: [send_notification_email.enqueue(pk, base) for pk in ids])
    return created


def mark_read(*, person, notification_ids=None) -> int:
    from django.utils import timezone

    qs = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
