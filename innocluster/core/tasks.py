import logging
from datetime import timedelta
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innocluster.core import backup, throttle
from innocluster.core.models import Notification

logger = logging.getLogger(__name__)


@task()
def send_notification_email(notification_id: int, base_url: str = "") -> None:
    """E-mail the copy of one in-app notification, once. Its link starts with `base_url`, the
    address of the request that caused it, or SITE_URL when it had none."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id, emailed_at=None).first()
    )
    if notification is None:
        return
    person = notification.recipient
    with translation.override(person.language or "ru"):
        greeting = _("Hello, %(name)s!") % {"name": person.full_name} if person.full_name else _("Hello!")
        parts = [greeting, notification.subject, notification.body]
        if notification.url:
            parts.append(
                _("Open it on the platform: %(link)s")
                % {"link": f"{base_url or settings.SITE_URL}{notification.url}"}
            )
        parts.append(
            _("— InnoCluster, the cluster's single window. This is a copy of a notification in your cabinet.")
        )
    send_mail(
        subject=notification.subject,
        message="\n\n".join(part for part in parts if part),
        from_email=None,
        recipient_list=[person.email],
    )
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


@task()
def prune_rate_counters() -> None:
    """The attempt counters of days ago are of no use (periodic, idempotent)."""
    throttle.prune()


@task()
def clear_expired_sessions() -> None:
    """Sessions past their expiry (visitors' calculators, signed-out people) are deleted
    (periodic, idempotent): the database backend keeps them otherwise."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


@task()
def prune_task_results() -> None:
    """Finished task results are deleted after TASK_RESULTS_KEEP_DAYS, failed ones after
    FAILED_TASK_RESULTS_KEEP_DAYS (periodic, idempotent): the database backend keeps a row for every
    task run otherwise, some thousands a day in a busy cluster. Queued and running tasks stay."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    deleted, _ = DBTaskResult.objects.filter(
        Q(
            status=TaskResultStatus.SUCCESSFUL,
            finished_at__lt=now - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS),
        )
        | Q(
            status=TaskResultStatus.FAILED,
            finished_at__lt=now - timedelta(days=settings.FAILED_TASK_RESULTS_KEEP_DAYS),
        )
    ).delete()
    if deleted:
        logger.info("deleted %d finished task results", deleted)


@task()
def scheduled_backup() -> None:
    """Today's backup into INNOCLUSTER_BACKUP_DIR, once a day whichever worker comes first, and the
    oldest beyond INNOCLUSTER_BACKUP_KEEP deleted (periodic, idempotent: see backup.scheduled_backup)."""
    if not settings.BACKUP_DIR:
        return
    made = backup.scheduled_backup(
        directory=Path(settings.BACKUP_DIR).expanduser(), keep=settings.BACKUP_KEEP, now=timezone.localtime()
    )
    if made:
        logger.info("backup written: %s", made)
