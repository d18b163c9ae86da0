from django.tasks import task

from innocluster.reviews import services


@task()
def send_review_reminders() -> int:
    """Enqueued periodically by every worker (`innocluster worker`); idempotent."""
    return services.send_reminders()
