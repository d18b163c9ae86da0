"""Periodic work without a separate scheduler: every worker (`innocluster worker`) enqueues the
registered tasks at their interval. Tasks registered here must be idempotent, because several
workers on several machines enqueue them independently."""

import logging
import threading
import time
from datetime import timedelta

logger = logging.getLogger(__name__)
_PERIODIC: list[tuple[object, float]] = []


def register_periodic(task, every: timedelta) -> None:
    if all(existing is not task for existing, _ in _PERIODIC):
        _PERIODIC.append((task, every.total_seconds()))


def run_scheduler(stop: threading.Event, tick: float = 30.0) -> None:
    next_run = {id(task): 0.0 for task, _ in _PERIODIC}
    while not stop.is_set():
        now = time.monotonic()
        for task, interval in _PERIODIC:
            if now >= next_run[id(task)]:
                try:
                    task.enqueue()
                except Exception:  # a failed enqueue must not stop the worker; it is tried again
                    logger.exception("could not enqueue %s", task)
                next_run[id(task)] = now + interval
        stop.wait(tick)


def start_scheduler() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=run_scheduler, args=(stop,), name="periodic-tasks", daemon=True).start()
    return stop
