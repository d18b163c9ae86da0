from django.tasks import task

from innocluster.accounts.destruction import destroy_due_personal_data


@task()
def destroy_withdrawn_personal_data() -> int:
    """Destroy the personal data of the people whose consent was withdrawn 30 days ago, and delete
    the destruction records past their 3 years (periodic, daily; idempotent: several workers may
    run it, each person is destroyed once)."""
    return destroy_due_personal_data()
