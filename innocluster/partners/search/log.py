"""The searches whose words found little, counted per query: a synonym table grows by what
members search (issue 14), and these are the searches it does not yet serve. A search is
counted when its words (with their corrections, families and synonyms) found fewer profiles in
the text and names than the page shows related ones for; any-word and meaning matches do not
count, because they are what a missing synonym is replaced by. Only the query's words are kept,
and for a year after they were last searched."""

import datetime as dt
import logging
import threading
import time

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from innocluster.partners.search.query import Filters, Result, _words
from innocluster.partners.search.ranking import RELATED_WHEN_FEWER

logger = logging.getLogger(__name__)

KEEP_DAYS = 365
# Anyone may search, so a flood of made-up queries must not grow the table without end: past
# this many, the least searched (then the longest unseen) go at the next pruning.
KEEP_AT_MOST = 10_000
# Counts are kept in the process and written together by its first search this many seconds
# after the last write (or once this many queries wait): one row updated by every search of a
# popular query would have those searches queue on its lock (in the repeated mix of
# bench/search_wrk.lua, 5,800 updates of one row in 30 s). A process that stops loses the counts
# waiting in it.
FLUSH_EVERY = 30.0
FLUSH_AT = 500

_pending: dict[str, list] = {}  # query → [searches, by_words, first day, last day]
_lock = threading.Lock()
_flushed_at = [-1e9]  # monotonic; the first count of a process is written at once

UPSERT = """
INSERT INTO partners_unmetsearch (query, searches, by_words, first_seen, last_seen, handled)
SELECT q, n, w, f, l, false FROM unnest(%s::text[], %s::int[], %s::int[], %s::date[], %s::date[]) AS t(q, n, w, f, l)
ORDER BY q
ON CONFLICT (query) DO UPDATE SET searches = partners_unmetsearch.searches + EXCLUDED.searches,
    by_words = EXCLUDED.by_words, last_seen = GREATEST(partners_unmetsearch.last_seen, EXCLUDED.last_seen)
"""


def normalised(q: str) -> str:
    """The query as the search reads it: its words, lower-case, one space apart (legal forms
    left out), so that «Сварка!» and «сварка» are one row."""
    return " ".join(_words(q))[:300]


def note_search(q: str, filters: Filters, result: Result) -> None:
    """Count the search if its words found little across the whole cluster (a search narrowed by
    a filter may find little because of the filter, which says nothing about words). Called by the
    search page and the API for the first page of every answer: whichever search comes once
    FLUSH_EVERY seconds have passed writes the counts waiting in the process.

    The search page searches as one types (after each pause of 300 ms), so a waiting query that
    begins this one («лазерная ре» before «лазерная резка») is taken as typed on the way to it and
    one of its searches is not counted. Two people's searches in one process within the interval
    can lose a count that way; a count is a hint for synonyms, not a record."""
    unfiltered = not filters.sql()[0]
    query = normalised(q) if unfiltered and result.by_words is not None else ""
    weak = bool(query) and result.by_words < RELATED_WHEN_FEWER
    today = timezone.localdate()
    with _lock:
        if query:
            for begun in [p for p in _pending if p != query and query.startswith(p)]:
                _pending[begun][0] -= 1
                if not _pending[begun][0]:
                    del _pending[begun]
        if weak:
            entry = _pending.setdefault(query, [0, 0, today, today])
            entry[0] += 1
            entry[1], entry[3] = result.by_words, today
        due = bool(_pending) and (
            time.monotonic() - _flushed_at[0] >= FLUSH_EVERY or len(_pending) >= FLUSH_AT
        )
    if due:
        flush()


def flush() -> None:
    """Write the process's waiting counts in one statement. A failure to write is logged and
    never fails the search that happened to flush; those counts are lost."""
    with _lock:
        batch = sorted(_pending.items())
        _pending.clear()
        _flushed_at[0] = time.monotonic()
    if not batch:
        return
    columns = list(zip(*[(query, *entry) for query, entry in batch], strict=True))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # a count lost to a crash costs nothing; a flush to disk would cost a disk write's wait
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(UPSERT, [list(column) for column in columns])
    except DatabaseError:
        logger.exception("could not write %d search counts", len(batch))


def prune(today: dt.date | None = None) -> int:
    """Forget the queries not searched for KEEP_DAYS, then all but the KEEP_AT_MOST most searched.
    Idempotent (a periodic task). Returns how many rows went."""
    today = today or timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM partners_unmetsearch WHERE last_seen < %s", [today - dt.timedelta(days=KEEP_DAYS)]
        )
        old = cursor.rowcount
        cursor.execute(
            "DELETE FROM partners_unmetsearch WHERE id IN (SELECT id FROM partners_unmetsearch "
            "ORDER BY searches DESC, last_seen DESC, id DESC OFFSET %s)",
            [KEEP_AT_MOST],
        )
        return old + cursor.rowcount
