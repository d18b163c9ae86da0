from django.tasks import task

from innocluster.contests import services


@task()
def close_due_contests() -> int:
    """Enqueued periodically by every worker (`innocluster worker`); idempotent."""
    return services.close_due_contests()
