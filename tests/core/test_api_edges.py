"""The API's paths as integrators write them, and its refusals always in its own JSON shape."""

import pytest
from django.test import Client

from tests import factories


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


@pytest.mark.django_db
class TestBodiesOfTheWrongKind:
    @pytest.mark.parametrize(
        "path", ["/api/v1/auth/token", "/api/v1/auth/register", "/api/v1/measures/patent-compensation/quote"]
    )
    def test_a_form_sent_to_a_json_route_is_a_422_naming_the_body(self, client, path):
        # multipart/form-data, as `curl -F` sends it: it was a 500 on every JSON route
        response = client.post(path, {"email": "a@example.org", "password": "x", "items": "x"})
        assert response.status_code == 422, response.content
        assert response.json() == {
            "code": "invalid",
            "message": "Send the body as JSON (Content-Type: application/json), not as a form.",
            "details": {"field": "body"},
        }

    def test_a_form_is_refused_before_the_token_is_asked_for_too(self, api, organization, owner):
        response = api.as_(owner).client.post(
            "/api/v1/pilots", {"organization_id": organization.pk}, headers=api.as_(owner)._headers()
        )
        assert response.status_code == 422 and response.json()["details"] == {"field": "body"}

    @pytest.mark.parametrize(
        ("item", "field"),
        [
            ({"category": "invention", "amount": True, "jurisdiction": "ru"}, "items.0.amount"),
            ({"category": "invention", "amount": False, "jurisdiction": "ru"}, "items.0.amount"),
        ],
    )
    def test_true_is_not_a_number(self, api, item, field):
        # it was read as 1: a quote of 1.00 ₽ for an amount nobody gave
        response = api.post("/measures/patent-compensation/quote", {"items": [item]})
        assert response.status_code == 422, response.content
        assert response.json()["details"]["field"] == field

    def test_true_is_not_an_organisation_id(self, api, organization, owner):
        response = api.as_(owner).post(
            "/kpi/reports",
            {"organization_id": True, "period": "2025", "values": [{"indicator": "revenue", "value": "1"}]},
        )
        assert response.status_code == 422 and response.json()["details"]["field"] == "organization_id"

    def test_true_is_not_a_text_either(self, api):
        # it became the text "true": an indicator named "true"
        body = {"code": "x1", "name": True, "unit": False, "better": "higher", "period": "year"}
        response = api.as_(factories.staff("coordinator")).post("/kpi/indicators", body)
        assert response.status_code == 422
        assert set(response.json()["details"]["fields"]) == {"name", "unit"}

    def test_a_boolean_field_still_takes_true(self, api, organization, owner):
        factories.participant(organization)
        body = {
            "measure": "patent-compensation",
            "organization_id": organization.pk,
            "items": [{"category": "invention", "amount": "1000", "jurisdiction": "ru"}],
            "draft": True,
        }
        response = api.as_(owner).post("/applications", body)
        assert response.status_code == 201 and response.json()["status"] == "draft"


@pytest.mark.django_db
class TestStaffRoutesAskWhoCallsFirst:
    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("post", "/test-sites"),
            ("post", "/contests"),
            ("post", "/kpi/indicators"),
            ("post", "/kpi/targets"),
            ("post", "/kpi/targets/bulk"),
            ("put", "/users/1/roles"),
        ],
    )
    def test_an_applicant_gets_403_whatever_the_body(self, api, owner, method, path):
        # an empty or broken body was a 422 listing the coordinator's fields, a whole one a 403
        for body in ({}, {"roles": ["god"], "experts_per_solution": "abc"}):
            response = getattr(api.as_(owner), method)(path, body)
            assert response.status_code == 403, (path, response.content)
            assert response.json()["code"] == "forbidden"
        assert getattr(api, method)(path, {}).status_code == 401  # and no token: sign in first

    @pytest.mark.parametrize(
        ("path", "status"),
        [("/contests/1/experts", 403), ("/contests/1/assign", 403), ("/registry/entries/1/exclude", 404)],
    )
    def test_a_coordinators_route_on_an_object_too(self, api, owner, path, status):
        # '{}' told an applicant 'user_id: required' or 'reason: required' before any refusal
        for body in ({}, {"experts_per_solution": "abc"}):
            assert api.as_(owner).post(path, body).status_code == status
        assert api.as_(factories.staff("reviewer")).post(path, {}).status_code == 403

    def test_the_board_too(self, api, owner):
        assert api.as_(owner).get("/kpi/board", {"period": "not a period"}).status_code == 403

    def test_a_coordinator_still_gets_the_fields_named(self, api):
        response = api.as_(factories.staff("coordinator")).post("/kpi/indicators", {})
        assert response.status_code == 422 and "code" in response.json()["details"]["fields"]


@pytest.mark.django_db
class TestContractFieldsAreRequired:
    """SPEC §4 marks the optional fields with `?`; these have none, and a body without them
    is a 422 naming each."""

    @pytest.mark.parametrize(
        ("path", "missing"),
        [
            ("/kpi/indicators", {"code", "name", "unit", "better", "period"}),
            (
                "/contests",
                {
                    "title",
                    "organiser",
                    "problem",
                    "requirements",
                    "criteria",
                    "deadline",
                    "winners",
                    "reward",
                },
            ),
        ],
    )
    def test_a_coordinators_body(self, api, path, missing):
        response = api.as_(factories.staff("coordinator")).post(path, {})
        assert response.status_code == 422
        assert set(response.json()["details"]["fields"]) == missing

    def test_an_application_or_a_quote_without_items(self, api, organization, owner):
        factories.participant(organization)
        response = api.as_(owner).post("/applications", {})
        assert response.status_code == 422 and set(response.json()["details"]["fields"]) == {
            "measure",
            "items",
        }
        response = api.post("/measures/patent-compensation/quote", {})
        assert response.status_code == 422 and response.json()["details"]["field"] == "items"

    def test_a_cluster_without_areas_or_projects(self, api, organization, owner):
        factories.participant(organization)
        body = {"coordinator_id": organization.pk, "name": "К", "description": "Д"}
        response = api.as_(owner).post("/consortia", body)
        assert response.status_code == 422
        assert set(response.json()["details"]["fields"]) == {"areas", "projects"}
        assert api.as_(owner).post("/consortia", {**body, "areas": [], "projects": []}).status_code == 201
