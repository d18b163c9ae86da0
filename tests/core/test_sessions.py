"""Sessions: expired ones are deleted by a periodic task, and the calculator, which answers as a
person types, writes the session only when its lines change."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innocluster.core.tasks import clear_expired_sessions

LINES = {"items-0-category": "labor", "items-0-amount": "1000"}


@pytest.mark.django_db
def test_expired_sessions_are_deleted_and_live_ones_kept():
    for key, days in (("old", -1), ("live", 1)):
        store = SessionStore()
        store["who"] = key
        store.set_expiry(timezone.now() + dt.timedelta(days=days))
        store.save()
    clear_expired_sessions.call()
    assert [SessionStore(session_key=s.session_key)["who"] for s in Session.objects.all()] == ["live"]


@pytest.mark.django_db
def test_the_calculator_writes_the_session_only_when_its_lines_change():
    client = Client()
    url = "/measures/pilot-testing/quote/"
    assert client.post(url, LINES).status_code == 200
    with CaptureQueriesContext(connection) as same:
        client.post(url, LINES)
    assert not [q for q in same.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    with CaptureQueriesContext(connection) as changed:
        client.post(url, {**LINES, "items-0-amount": "2000"})
    assert [q for q in changed.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
