"""The searches whose words found little, counted per query: a synonym table grows by what
members search (issue 14), and these are the searches it does not yet serve. A search is
counted when its words (with their corrections, families and synonyms) found fewer profiles in
the text and names than the page shows related ones for; any-word and meaning matches do not
count, because they are what a missing synonym is replaced by. Only the query's words are kept,
and for a year after they were last searched."""

import datetime as dt
import logging

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from innocluster.partners.search.query import Filters, Result, _words
from innocluster.partners.search.ranking import RELATED_WHEN_FEWER

logger = logging.getLogger(__name__)

KEEP_DAYS = 365
# Anyone may search, so a flood of made-up queries must not grow the table without end: past
# this many, the least searched (then the longest unseen) go at the next pruning.
KEEP_AT_MOST = 10_000

UPSERT = """
INSERT INTO partners_unmetsearch (query, searches, by_words, first_seen, last_seen, handled)
VALUES (%s, 1, %s, %s, %s, false)
ON CONFLICT (query) DO UPDATE SET searches = partners_unmetsearch.searches + 1,
    by_words = EXCLUDED.by_words, last_seen = EXCLUDED.last_seen
"""


def normalised(q: str) -> str:
    """The query as the search reads it: its words, lower-case, one space apart (legal forms
    left out), so that «Сварка!» and «сварка» are one row."""
    return " ".join(_words(q))[:300]


def note_search(q: str, filters: Filters, result: Result) -> None:
    """Count the search if its words found little across the whole cluster (a search narrowed by
    a filter may find little because of the filter, which says nothing about words). Called by the
    search page and the API for the first page of an answer; a failure to count is logged and
    never fails the search."""
    if result.by_words is None or result.by_words >= RELATED_WHEN_FEWER or filters.sql()[0]:
        return
    query = normalised(q)
    if not query:
        return
    today = timezone.localdate()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # a count lost to a crash costs nothing; a flush to disk on every such search would
            # cost each of them a disk write's wait
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(UPSERT, [query, min(result.by_words, 32767), today, today])
    except DatabaseError:
        logger.exception("could not count the search %r", query)


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
