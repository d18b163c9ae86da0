"""The API's paths as integrators write them, and its refusals always in its own JSON shape."""

import pytest
from django.test import Client


@pytest.fixture
def client():
    return Client(headers={"accept-language": "en"})


@pytest.mark.django_db
class TestPathsAsWritten:
    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/health/",
            "/api/v1/measures/",
            "/api/v1/calendar/deadline/?start=2024-12-27&working_days=1",
        ],
    )
    def test_a_trailing_slash_is_the_same_path(self, client, path):
        response = client.get(path)
        assert response.status_code == 200
        if "deadline" in path:  # the working Saturday 2024-12-28 is the first working day after
            assert response.json() == {"start": "2024-12-27", "working_days": 1, "deadline": "2024-12-28"}

    def test_head_is_get_without_the_body(self, client):
        got = client.get("/api/v1/health")
        head = client.head("/api/v1/health")
        assert head.status_code == 200 and head.content == b""
        assert head["Content-Length"] == str(len(got.content)) and head["Content-Type"] == got["Content-Type"]


@pytest.mark.django_db
class TestRefusalsInTheApiShape:
    @pytest.mark.parametrize(
        "path", ["/api/v1/nonexistent", "/api/v1/measures/x/y/z", "/api/v1/nonexistent/"]
    )
    def test_an_unknown_path_is_a_json_404(self, client, path):
        response = client.get(path)
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
        assert response.json() == {
            "code": "not_found",
            "message": "No such API path.",
            "details": {"path": path},
        }

    def test_a_method_the_path_does_not_take_is_a_json_405_naming_those_it_takes(self, client):
        response = client.delete("/api/v1/health")
        assert response.status_code == 405 and response["Allow"] == "GET"
        assert response.json() == {
            "code": "method_not_allowed",
            "message": "This path does not take DELETE.",
            "details": {"allowed": ["GET"]},
        }
        assert client.options("/api/v1/health").json()["code"] == "method_not_allowed"

    def test_in_russian_too(self):
        response = Client(headers={"accept-language": "ru"}).get("/api/v1/nonexistent")
        assert response.json()["message"] == "Такого пути в API нет."

    def test_pages_keep_their_html_404(self, client):
        response = client.get("/no-such-page/")
        assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
