import pytest
from django.db import connection

from innocluster.partners import search


@pytest.fixture
def as_if_large_corpus(monkeypatch):
    """Call with a share: from then on the small corpus made in the test is read as a large one
    where a word in more than that share of the profiles is common (the planner's statistics say
    how common each word is, as at a million profiles)."""

    def common_above(share: float) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE partners_searchdocument")
        monkeypatch.setattr(search.query, "COMMON_FROM_DOCUMENTS", 1)
        monkeypatch.setattr(search.query, "COMMON_SHARE", share)
        search._COMMON.clear()
        search.RESULTS.clear()

    yield common_above
    search._COMMON.clear()
