"""The attempt counters: one atomic upsert per event, fixed windows, locks with an end, pruning."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from innocluster.core import throttle
from innocluster.core.models import RateCounter


@pytest.mark.django_db
def test_counts_within_the_window_and_starts_again_after_it():
    with time_machine.travel("2026-12-02 10:00:05 +00:00", tick=False):
        assert [throttle.hit("k", window=60).count for _ in range(3)] == [1, 2, 3]
        assert throttle.peek("k", window=60).count == 3
        assert throttle.hit("k", window=60).retry_after == 55
    with time_machine.travel("2026-12-02 10:01:01 +00:00", tick=False):
        assert throttle.peek("k", window=60).count == 0
        assert throttle.hit("k", window=60).count == 1


@pytest.mark.django_db
def test_a_lock_ends_and_old_counters_are_pruned():
    throttle.lock("pair", seconds=900)
    assert 899 <= throttle.locked_for("pair") <= 900
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=901)):
        assert throttle.locked_for("pair") == 0
    throttle.hit("old", window=60)
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        assert throttle.prune() == 2
    assert not RateCounter.objects.exists()
