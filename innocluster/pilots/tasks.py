from django.tasks import task

from innocluster.pilots import services


@task()
def start_due_pilots() -> int:
    """Enqueued periodically by every worker (`innocluster worker`); idempotent."""
    return services.start_due_pilots()
