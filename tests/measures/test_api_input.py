"""Bad input to quotes and applications is a 422 that names the field (SPEC §4, under the
contract table), never a 500 and never silently accepted."""

import pytest

from innocluster.measures.models import MeasureApplication
from tests import factories

BAD_CHOICES = [
    (
        "equipment-cofinancing",
        {"category": "purchase", "amount": "100", "origin": "martian", "date": "2024-03-01"},
        "items.0.origin",
    ),
    ("patent-compensation", {"category": "invention", "amount": "100", "jurisdiction": "moon"}, "items.0.jurisdiction"),
    ("pilot-testing", {"category": "teleportation", "amount": "100"}, "items.0.category"),
    ("pilot-testing", {"category": "logistics", "amount": "1" * 27}, "items.0.amount"),
    ("pilot-testing", {"category": "logistics", "amount": "9" * 13}, "items.0.amount"),
    ("pilot-testing", {"category": "logi\x00stics", "amount": "100"}, "items.0.category"),
    ("pilot-testing", {"category": "logistics", "amount": "100", "origin": "domestic\x1b"}, "items.0.origin"),
    (
        "angel-refund",
        {"category": "investment", "amount": "100", "date": "2024-01-01", "investee_inn": "77\x0012"},
        "items.0.investee_inn",
    ),
]  # fmt: skip


@pytest.fixture
def member_org(organization):
    factories.participant(organization)
    return organization


@pytest.mark.django_db
class TestQuoteInput:
    @pytest.mark.parametrize(("code", "item", "field"), BAD_CHOICES)
    def test_a_value_outside_its_choices_is_a_422_naming_the_field(self, api, code, item, field):
        response = api.post(f"/measures/{code}/quote", {"items": [item]})
        assert response.status_code == 422, response.content
        assert response.json()["code"] == "invalid" and response.json()["details"]["field"] == field

    def test_an_investee_inn_with_a_wrong_check_digit_is_refused_naming_it(self, api):
        """It was taken as an investee never in the register, the item excluded for that reason."""
        items = [
            {"category": "investment", "amount": "100", "date": "2024-01-01", "investee_inn": "7707083894"}
        ]
        response = api.post("/measures/angel-refund/quote", {"items": items})
        assert response.status_code == 422
        assert response.json()["details"]["field"] == "items.0.investee_inn"
        assert response.json()["message"] == "Контрольные цифры ИНН не совпадают."
        items[0]["investee_inn"] = "7707083893"
        assert api.post("/measures/angel-refund/quote", {"items": items}).status_code == 200

    def test_a_category_of_another_measure_is_excluded_with_a_reason(self, api):
        body = api.post(
            "/measures/pilot-testing/quote",
            {"items": [{"category": "purchase", "amount": "100"}, {"category": "labor", "amount": "50"}]},
        ).json()
        assert (body["amount"], body["items"][0]["compensable"]) == ("50.00", "0.00")
        # the reason names the category in words, in the request's language
        assert (
            body["items"][0]["note"]
            == "Категория «Покупка оборудования» не возмещается по этой мере поддержки."
        )

    def test_the_allowed_choices_are_said(self, api):
        body = api.post(
            "/measures/equipment-cofinancing/quote",
            {"items": [{"category": "leasing", "amount": "1", "origin": "martian", "date": "2024-01-01"}]},
        ).json()
        assert body["details"]["allowed"] == ["domestic", "imported"]

    @pytest.mark.parametrize(
        "body", [[], "items", 5, "null", {"items": "x"}, {"items": [5]}, {"on": "yesterday"}]
    )
    def test_a_body_that_is_not_the_object_asked_for_is_a_422(self, api, body):
        response = api.client.post(
            "/api/v1/measures/pilot-testing/quote", body, content_type="application/json"
        )
        assert response.status_code == 422 and response.json()["code"] == "invalid"

    def test_broken_json_is_a_422(self, api):
        response = api.client.post(
            "/api/v1/measures/pilot-testing/quote", "{not json", content_type="application/json"
        )
        assert response.status_code == 422 and response.json()["details"]["field"] == "body"


@pytest.mark.django_db
class TestApplicationInput:
    @pytest.mark.parametrize(("code", "item", "field"), BAD_CHOICES)
    def test_the_same_refusals_and_nothing_is_kept(self, api, member_org, owner, code, item, field):
        body = {"measure": code, "items": [item]}
        if code != "angel-refund":
            body["organization_id"] = member_org.pk
        response = api.as_(owner).post("/applications", body)
        assert response.status_code == 422, response.content
        assert response.json()["details"]["field"] == field
        assert not MeasureApplication.objects.exists()
