import pytest
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def _english_off(settings):
    settings.LANGUAGE_CODE = "ru"


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

        return ApiClient(issue_token(user=user))

    def _headers(self):
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path, params=None, **headers):
        return self.client.get("/api/v1" + path, params or {}, headers={**self._headers(), **headers})

    def post(self, path, body=None, **headers):
        return self.client.post(
            "/api/v1" + path,
            body if body is not None else {},
            content_type="application/json",
            headers={**self._headers(), **headers},
        )
