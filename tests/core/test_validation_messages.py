"""The API's field messages read in the caller's language: a list of choices has no English "or"
inside a Russian sentence."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SITE = {
    "organization_id": 1,
    "name": "Школа",
    "category": "zoo",
    "address": "Москва",
    "testable": "Платформы",
    "capacity": 1,
    "contact_email": "school@example.org",
}
CHOICES = "'healthcare', 'social', 'culture', 'leisure', 'education', 'technopark', 'housing_utilities', 'transport', 'other'"


@pytest.mark.parametrize(
    ("language", "message"),
    [("ru", f"Выберите одно из значений: {CHOICES}."), ("en", f"Choose one of: {CHOICES}.")],
)
def test_a_choice_outside_the_list_names_every_choice_in_the_callers_language(api, language, message):
    response = api.as_(factories.staff("coordinator")).post(
        "/test-sites", SITE, **{"Accept-Language": language}
    )
    assert response.status_code == 422
    assert response.json()["details"]["fields"] == {"category": message}
