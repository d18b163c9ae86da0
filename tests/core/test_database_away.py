"""When PostgreSQL does not answer, a page answers 503 in the reader's language with no traceback,
and the next request once it is back is served as usual. The failure is real: the connection is
pointed at a port where no server listens, then back."""

import pytest
from django.db import connection
from django.test import Client

from tests.processes import free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_away():
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": str(free_port())})
    yield saved
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_a_page_answers_503_then_recovers(database_away):
    client = Client(raise_request_exception=False)
    away = client.get("/measures/", headers={"accept-language": "en"})
    assert away.status_code == 503 and away["Retry-After"] == "5"
    body = away.content.decode()
    assert 'data-testid="database-away"' in body and "Traceback" not in body
    assert "does not answer for a moment" in body
    api = client.get("/api/v1/measures")
    assert api.status_code == 503 and api.json()["code"] == "service_unavailable"


def test_after_it_is_back_pages_answer_as_usual(database_away):
    client = Client(raise_request_exception=False)
    assert client.get("/measures/").status_code == 503
    # the database is back: the broken connection is dropped and a new one opened
    connection.settings_dict.update({"HOST": database_away["HOST"], "PORT": database_away["PORT"]})
    assert client.get("/measures/").status_code == 200
