"""What partner search keeps between requests: a small LRU map per process, and the index
generation that every process reads so that none serves a result computed before an edit."""

import threading
from collections import OrderedDict

from django.db import connection, transaction


class LRU:
    """A small thread-safe least-recently-used map, one per process."""

    def __init__(self, size: int) -> None:
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


# ---- the index generation -----------------------------------------------------------------------
# Bumped when (re)indexed documents are written, and again once they are committed; a search
# keys its cached results by the generation it read, so no process serves a result computed
# before an edit once the edit is visible.


def _bump_generation() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('partners_index_generation')")


def changed() -> None:
    """Something a cached search result depends on has changed (a document, an organisation's
    existence): read by every process at its next search."""
    _bump_generation()
    transaction.on_commit(_bump_generation)


def _generation(cursor) -> tuple:
    cursor.execute("SELECT last_value, is_called FROM partners_index_generation")
    return (connection.settings_dict["NAME"], *cursor.fetchone())
