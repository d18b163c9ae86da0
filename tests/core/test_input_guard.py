"""Bad input refused at the edge, each a defect found on the landed platform: control characters
were a 500 on the registry, consortia, quote and application endpoints and on two pages; a POST
without a token answered a CSRF 403; a large body was not a 413."""

import pytest
from django.test import Client

from innocluster.membership.models import MembershipApplication
from tests import factories


@pytest.mark.django_db
class TestControlCharacters:
    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/registry?q=a%00b",
            "/api/v1/consortia?area=%00",
            "/api/v1/organizations/search?q=%1b%5B31m",
            "/api/v1/registry?inn=77%0012",
        ],
    )
    def test_in_an_api_query_parameter_a_422_naming_it(self, path):
        response = Client().get(path)
        assert response.status_code == 422 and response.json()["code"] == "invalid"
        assert response.json()["details"]["field"] in ("q", "area", "inn")

    @pytest.mark.parametrize("path", ["/registry/?q=%00", "/consortia/?q=a%00", "/organizations/?q=%07"])
    def test_in_a_page_query_a_422_page(self, path):
        response = Client().get(path)
        assert response.status_code == 422 and "q" in response.content.decode()

    def test_in_a_form_field_taken_out_and_the_form_goes_on(self, owner, organization):
        """Text pasted from a word processor brings invisible controls (Word's line break is a
        vertical tab): a page of its own refusing them lost everything typed in the form."""
        client = Client()
        factories.sign_in(client, owner)
        url = f"/membership/{organization.pk}/autosave/"
        pasted = client.post(url, {"goals": "строка 1\x0bстрока 2\x00\x1b[31m и\x07 так\x85 далее"})
        assert pasted.status_code == 200
        draft = MembershipApplication.objects.get(organization=organization)
        assert draft.goals == "строка 1\nстрока 2[31m и так далее"
        kept = client.post(url, {"goals": "строка 1\r\nстрока 2\tи так далее"})
        assert kept.status_code == 200
        draft.refresh_from_db()
        assert draft.goals == "строка 1\r\nстрока 2\tи так далее"
        # a field's name with one is no form's: still refused
        assert client.post(url, {"go\x00als": "x"}).status_code == 422
        # the API's form fields are refused as before, naming the field
        refused = Client().post("/api/v1/auth/token", {"email": "a\x00@b.ru", "password": "x"})
        assert refused.status_code == 422 and refused.json()["details"]["field"] == "email"

    def test_in_a_json_body_a_422_naming_the_field_and_in_a_path_too(self, api, owner, organization):
        response = api.as_(owner).post(
            "/applications",
            {
                "measure": "pilot-testing",
                "organization_id": organization.pk,
                "items": [{"category": "lo\ud800"}],
            },
        )
        assert response.status_code == 422 and response.json()["details"]["field"] == "items.0.category"
        assert Client().get("/api/v1/measures/pilot%00testing/quote").status_code == 422


@pytest.mark.django_db
class TestAuthenticationAndSizes:
    def test_a_post_without_a_token_is_401_not_a_csrf_403(self, api, organization):
        for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer not-a-token"}):
            response = Client().post(
                "/api/v1/memberships",
                {"organization_id": organization.pk},
                content_type="application/json",
                **headers,
            )
            assert response.status_code == 401 and response.json()["code"] == "not_authenticated"

    def test_a_signed_in_browser_without_its_csrf_token_is_a_csrf_403(self, owner, organization):
        client = Client(enforce_csrf_checks=True)
        factories.sign_in(client, owner)
        response = client.post(
            "/api/v1/memberships",
            {"organization_id": organization.pk, "consent_personal_data": True},
            content_type="application/json",
        )
        assert response.status_code == 403 and response.json()["code"] == "csrf_failed"

    def test_a_body_over_the_limit_is_413(self, settings):
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
        body = '{"items": [' + ",".join(['{"category": "labor", "amount": "1"}'] * 100) + "]}"
        response = Client().post(
            "/api/v1/measures/pilot-testing/quote", body, content_type="application/json"
        )
        assert response.status_code == 413 and response.json()["code"] == "payload_too_large"
        page = Client().post("/measures/pilot-testing/quote/", {"items-0-amount": "1" * 2000})
        assert page.status_code == 413

    @pytest.mark.parametrize("offset", ["1000001", "99999999999999999999999"])
    def test_offsets_are_bounded(self, offset):
        response = Client().get("/api/v1/registry", {"offset": offset})
        assert response.status_code == 422 and response.json()["details"]["field"] == "offset"
