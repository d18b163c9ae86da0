"""The worker's finished task results are pruned: the database backend keeps a row for every task
run otherwise."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from innocluster.core.periodic import _PERIODIC
from innocluster.core.tasks import prune_task_results


def result(status: str, days_ago: float | None) -> DBTaskResult:
    at = timezone.now() - dt.timedelta(days=days_ago) if days_ago is not None else None
    return DBTaskResult.objects.create(
        status=status,
        task_path="innocluster.core.tasks.prune_rate_counters",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - dt.timedelta(days=200),
        started_at=at,
        finished_at=at if status in ("SUCCESSFUL", "FAILED") else None,
        exception_class_path="",
        traceback="",
    )


@pytest.mark.django_db
def test_successful_results_go_after_14_days_failed_after_90_and_unfinished_stay(settings):
    assert (settings.TASK_RESULTS_KEEP_DAYS, settings.FAILED_TASK_RESULTS_KEEP_DAYS) == (14, 90)
    kept = [
        result("SUCCESSFUL", 13.9),
        result("FAILED", 89.9),
        result("FAILED", 20),
        result("RUNNING", 150),  # started long ago: the worker-liveness check deals with it
        result("READY", None),  # queued, not run yet
    ]
    result("SUCCESSFUL", 14.1)
    result("SUCCESSFUL", 400)
    result("FAILED", 90.1)
    prune_task_results.call()
    assert sorted(map(str, DBTaskResult.objects.values_list("pk", flat=True))) == sorted(
        str(r.pk) for r in kept
    )
    prune_task_results.call()  # idempotent
    assert DBTaskResult.objects.count() == len(kept)


@pytest.mark.django_db
def test_the_days_are_settings(settings):
    settings.TASK_RESULTS_KEEP_DAYS = 2
    young, old = result("SUCCESSFUL", 1), result("SUCCESSFUL", 3)
    prune_task_results.call()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [young.pk]
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()


def test_every_worker_runs_it_every_six_hours():
    assert (prune_task_results, 6 * 3600) in _PERIODIC
