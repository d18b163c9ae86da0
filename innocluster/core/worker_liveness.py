"""Tasks whose worker died run again (SPEC §3 "Nothing is lost").

`django_tasks_db` marks a task RUNNING when a worker claims it and SUCCESSFUL or FAILED when it
ends. A worker killed by SIGKILL, the out-of-memory killer or a lost machine never ends it: the
task would stay RUNNING for ever and its work would never be done. Its own changes are safe — a
task does its state change in one transaction (the status, its audit event and its money), which
PostgreSQL rolls back when the connection drops — but the task has to run again.

How a dead worker is told from a slow one, on any machine: each worker holds a session-level
advisory lock named after its id on a connection of its own, for as long as it lives
(`hold_liveness`). PostgreSQL releases the lock the moment the process's connection goes, however
it died. A RUNNING task whose worker's lock can be taken (`requeue_orphaned_tasks`) has lost its
worker: it is put back as READY for the next worker, or marked FAILED after MAX_RUNS claims (a
task that kills its worker every time must not kill every worker in turn). Each is audited.

Each worker looks at start and then every WATCH_EVERY seconds, from a thread of its own (not as a
task: that would add a row to the task table each time). A connection pooler in transaction mode
between the workers and PostgreSQL would release session locks early: point workers at the server
itself.
"""

import contextlib
import logging
import os
import secrets
import socket
import threading

from django.db import connection, transaction
from django.utils import timezone

from innocluster.core import audit

logger = logging.getLogger(__name__)

# the first key of the two-key advisory lock: this module's locks, apart from any other's
LOCK_CLASS = 0x1C_7A5C
MAX_RUNS = 3
WATCH_EVERY = 60.0


class WorkerLost(Exception):
    """What a task failed with when its worker died during each of its MAX_RUNS runs."""


_held = None  # the connection that holds this process's lock (kept open while it lives)
_held_for = ""  # this worker's id


def new_worker_id() -> str:
    """Unique across the pool: host, process and a random part (≤ 64 characters, db_worker's limit)."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"


def hold_liveness(worker_id: str) -> None:
    """Take this worker's lock on a connection of its own, kept open until the process ends."""
    global _held, _held_for
    import psycopg

    if _held is not None:  # this process was another worker before (the database went away)
        with contextlib.suppress(Exception):
            _held.close()

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    _held = psycopg.connect(**params, autocommit=True, application_name=f"innocluster worker {worker_id}")
    _held.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [LOCK_CLASS, worker_id])
    _held_for = worker_id


def keep_holding() -> None:
    """The lock goes with its connection: if the database went away (restarted) while this worker
    lived, take it again, or the next look would take this live worker's tasks for orphans."""
    if not _held_for:
        return
    try:
        _held.execute("SELECT 1")
    except Exception:
        logger.warning("the worker's liveness connection was lost; taking its lock again")
        with contextlib.suppress(Exception):
            _held.close()
        hold_liveness(_held_for)


def _worker_is_gone(cursor, worker_id: str) -> bool:
    cursor.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", [LOCK_CLASS, worker_id])
    if not cursor.fetchone()[0]:
        return False
    cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", [LOCK_CLASS, worker_id])
    return True


def requeue_orphaned_tasks() -> int:
    """Put every RUNNING task whose worker is gone back in the queue (or fail it after MAX_RUNS
    claims). Returns how many were requeued or failed. Idempotent; several workers may run it."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list("pk", "worker_ids")
    )
    handled = 0
    with connection.cursor() as cursor:
        gone = {ids[-1] for _pk, ids in running if ids and _worker_is_gone(cursor, ids[-1])}
    for pk, ids in running:
        if not ids or ids[-1] not in gone:
            continue
        with transaction.atomic():
            task = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if task is None or task.worker_ids != ids:  # another worker got there first
                continue
            abandoned = len(ids) >= MAX_RUNS
            if abandoned:
                task.status = TaskResultStatus.FAILED
                task.finished_at = timezone.now()
                task.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                task.traceback = f"its worker died during each of its {len(ids)} runs ({', '.join(ids)})"
                task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                logger.error("task %s (%s) failed: its worker died %s times", pk, task.task_path, len(ids))
            else:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                logger.warning("task %s (%s) requeued: worker %s is gone", pk, task.task_path, ids[-1])
            audit.record(
                actor=None,
                action="task.abandoned" if abandoned else "task.requeued",
                object_type=DBTaskResult._meta.label_lower,
                object_id=str(pk),
                from_state=TaskResultStatus.RUNNING,
                to_state=task.status,
                data={"task": task.task_path, "worker": ids[-1], "runs": len(ids)},
            )
            handled += 1
    return handled


def start_watching(every: float = WATCH_EVERY) -> threading.Event:
    """Every `every` seconds, in a daemon thread: keep this worker's lock and requeue the orphans.
    Set the returned event to stop."""
    stop = threading.Event()

    def loop():
        while not stop.wait(every):
            try:
                keep_holding()
                requeue_orphaned_tasks()
            except Exception:  # the database away for a moment: try again at the next round
                logger.exception("could not look for tasks of stopped workers")
            finally:
                connection.close()  # this thread's own connection

    threading.Thread(target=loop, name="orphaned-tasks", daemon=True).start()
    return stop
