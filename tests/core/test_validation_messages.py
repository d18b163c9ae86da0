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


@pytest.mark.parametrize(
    ("path", "query", "field", "message"),
    [
        # a Russian date where ISO is expected: pydantic's own words were English
        (
            "/calendar/deadline",
            {"start": "27.12.2024", "working_days": "1"},
            "start",
            "Введите дату в формате ГГГГ-ММ-ДД.",
        ),
        (
            "/calendar/deadline",
            {"start": "2024-12-27", "working_days": "NaN"},
            "working_days",
            "Введите целое число.",
        ),
    ],
)
def test_a_query_parameter_refused_in_russian(api, path, query, field, message):
    response = api.get(path, query, **{"Accept-Language": "ru"})
    assert response.status_code == 422
    assert response.json()["details"]["fields"] == {field: message}


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2023-05-01T10:00:00", "Введите дату в формате ГГГГ-ММ-ДД."),  # the items' parser says it
        (20230501, "Введите текст."),  # a field called `date` is not pydantic's union member `date`
    ],
)
def test_an_items_date_is_named_with_its_item(api, date, message):
    item = {"category": "equipment", "amount": "100.00", "date": date}
    response = api.post("/measures/pilot-testing/quote", {"items": [item]}, **{"Accept-Language": "ru"})
    assert response.status_code == 422
    assert response.json()["details"]["field"] == "items.0.date"
    assert message in response.json()["message"] + str(response.json()["details"].get("fields", {}))


def test_every_kind_of_refusal_is_said_in_russian():
    from django.utils import translation

    from innocluster.core.validation_messages import field_message

    with translation.override("ru"):
        for kind in (
            "finite_number",
            "date_from_datetime_parsing",
            "datetime_from_date_parsing",
            "url_parsing",
            "x",
        ):
            message = field_message({"type": kind, "msg": "Input should be something", "ctx": {}})
            assert message and "Input" not in message and not message.isascii(), kind


@pytest.mark.parametrize(
    ("language", "name", "values"),
    [
        ("en", "Must not be empty.", "Give at least one."),
        ("ru", "Не может быть пустым.", "Укажите хотя бы одно значение."),
    ],
)
def test_an_empty_text_and_an_empty_list_are_said_as_such(api, organization, owner, language, name, values):
    # both read "At least 1 characters or entries."
    factories.participant(organization)
    consortium = {
        "coordinator_id": organization.pk,
        "name": "",
        "description": "",
        "areas": [],
        "projects": [],
    }
    response = api.as_(owner).post("/consortia", consortium, **{"Accept-Language": language})
    assert response.json()["details"]["fields"]["name"] == name
    report = {"organization_id": organization.pk, "period": "2025", "values": []}
    response = api.as_(owner).post("/kpi/reports", report, **{"Accept-Language": language})
    assert response.json()["details"]["fields"]["values"] == values


def test_a_length_is_counted_in_words_that_agree():
    from django.utils import translation

    from innocluster.core.validation_messages import field_message

    with translation.override("ru"):
        assert (
            field_message({"type": "string_too_long", "ctx": {"max_length": 300}})
            == "Не больше 300 символов."
        )
        assert field_message({"type": "too_long", "ctx": {"max_length": 21}}) == "Не больше 21 записи."
    with translation.override("en"):
        assert (
            field_message({"type": "string_too_short", "ctx": {"min_length": 10}})
            == "At least 10 characters."
        )
