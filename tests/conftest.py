import importlib

import pytest
from django.apps import apps
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests empty every table after they run, the regions, OKVED classes, staff
    groups and measures that migrations load included: load them again (the loaders are idempotent)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    importlib.import_module("innocluster.organizations.migrations.0002_reference_data").load(apps, None)
    importlib.import_module("innocluster.accounts.migrations.0002_staff_roles").create_roles(apps, None)
    importlib.import_module(
        "innocluster.accounts.migrations.0006_first_consent_document"
    ).create_first_document(apps, None)
    importlib.import_module("innocluster.measures.migrations.0002_the_five_measures").create(apps, None)
    importlib.import_module("innocluster.measures.migrations.0003_patent_categories").create(apps, None)
    importlib.import_module("innocluster.measures.migrations.0005_pilot_link").create(apps, None)
    importlib.import_module("innocluster.kpi.migrations.0002_default_indicators").create(apps, None)
    importlib.import_module("innocluster.kpi.migrations.0004_known_indicators").create(apps, None)


@pytest.fixture
def owner(db):
    return factories.person(full_name="Ольга Владелец")


@pytest.fixture
def organization(owner):
    return factories.organization(owner=owner)


@pytest.fixture
def stranger(db):
    return factories.person(full_name="Сергей Чужой")


@pytest.fixture
def api():
    """A JSON client for /api/v1/; `api.as_(user)` returns one that sends that user's bearer token."""
    return ApiClient()


class ApiClient:
    def __init__(self, token: str | None = None):
        self.client = Client()
        self.token = token

    def as_(self, user) -> "ApiClient":
        from innocluster.accounts.services import issue_token

        # as `innocluster manage issue_token` does: the token carries the person's staff roles
        return ApiClient(issue_token(user=user, second_factor=True, by="command"))

    def _headers(self):
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path, params=None, **headers):
        return self.client.get("/api/v1" + path, params or {}, headers={**self._headers(), **headers})

    def put(self, path, body=None, **headers):
        return self.client.put(
            "/api/v1" + path,
            body if body is not None else {},
            content_type="application/json",
            headers={**self._headers(), **headers},
        )

    def delete(self, path, **headers):
        return self.client.delete("/api/v1" + path, headers={**self._headers(), **headers})

    def post(self, path, body=None, **headers):
        return self.client.post(
            "/api/v1" + path,
            body if body is not None else {},
            content_type="application/json",
            headers={**self._headers(), **headers},
        )


@pytest.fixture(autouse=True)
def _fresh_search_log():
    """The partner search log counts queries in the process and writes them every 30 seconds: a
    query an earlier test searched would be written into the next test's database (the search
    journey then found two rows where it searched once)."""
    from innocluster.partners.search import log

    with log._lock:
        log._pending.clear()


@pytest.fixture(autouse=True)
def _fresh_analytics():
    """The analytics keep results per process under the newest audit event's id; a rolled-back
    test's ids come again in the next one, so every test starts with nothing kept."""
    from innocluster.analytics import datasets

    datasets.KEPT.clear()
