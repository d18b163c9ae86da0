from django.tasks import task

from innocluster.kpi import reminders


@task()
def send_kpi_reminders() -> int:
    """Enqueued periodically by every worker (`innocluster worker`); idempotent."""
    return reminders.send_report_reminders()
