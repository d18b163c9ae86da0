"""Atomic counters in fixed windows, in the database (no cache server needed): the limits on
sign-in, token, registration, password reset and second-factor attempts count here.

Count outside any transaction that the refusal will roll back: a failure must stay counted."""

import datetime as dt
import math
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from innocluster.core.models import RateCounter


@dataclass(frozen=True)
class Window:
    count: int
    retry_after: int  # seconds until the window ends


def _window_start(seconds: int) -> dt.datetime:
    now = timezone.now().timestamp()
    return dt.datetime.fromtimestamp(math.floor(now / seconds) * seconds, tz=dt.UTC)


def _retry_after(start: dt.datetime, seconds: int) -> int:
    return max(1, math.ceil((start + dt.timedelta(seconds=seconds) - timezone.now()).total_seconds()))


def hit(key: str, *, window: int) -> Window:
    """Count one event under `key` in the current window of `window` seconds; the count includes it."""
    start = _window_start(window)
    table = RateCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (key, window_start, count) VALUES (%s, %s, 1)
                ON CONFLICT (key) DO UPDATE SET
                  count = CASE WHEN {table}.window_start = EXCLUDED.window_start
                               THEN {table}.count + 1 ELSE 1 END,
                  window_start = EXCLUDED.window_start
                RETURNING count""",  # noqa: S608 - the table name is ours, the values are parameters
            [key[:300], start],
        )
        (count,) = cursor.fetchone()
    return Window(count, _retry_after(start, window))


def peek(key: str, *, window: int) -> Window:
    """The count under `key` in the current window, without counting."""
    start = _window_start(window)
    row = (
        RateCounter.objects.filter(key=key[:300], window_start=start).values_list("count", flat=True).first()
    )
    return Window(row or 0, _retry_after(start, window))


def clear(key: str) -> None:
    RateCounter.objects.filter(key=key[:300]).delete()


def lock(key: str, *, seconds: int) -> None:
    """Lock `key` for `seconds` from now (a lock is a counter row whose `window_start` holds the
    moment it ends)."""
    until = timezone.now() + dt.timedelta(seconds=seconds)
    RateCounter.objects.update_or_create(
        key=f"lock:{key}"[:300], defaults={"window_start": until, "count": 1}
    )


def locked_for(key: str) -> int:
    """Seconds left of the lock on `key`; 0 when it is not locked."""
    until = RateCounter.objects.filter(key=f"lock:{key}"[:300]).values_list("window_start", flat=True).first()
    if until is None:
        return 0
    return max(0, math.ceil((until - timezone.now()).total_seconds()))


def prune(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Forget counters whose window (and locks whose end) is long past; returns how many."""
    deleted, _ = RateCounter.objects.filter(window_start__lt=timezone.now() - older_than).delete()
    return deleted
