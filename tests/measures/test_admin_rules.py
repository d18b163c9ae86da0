"""A measure version's rules are edited in the back office as typed fields (rates in %, amounts in
₽, dates), never as JSON; what is saved is the rules the quote reads."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client

from innocluster.measures.admin import initial_from_rules
from innocluster.measures.models import Measure, MeasureVersion
from tests import factories

URL = "/admin/measures/measureversion/add/"


def as_post(initial: dict) -> dict:
    data = {}
    for name, value in initial.items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


@pytest.fixture
def coordinator_client():
    client = Client()
    factories.sign_in(client, factories.staff("coordinator"))
    return client


def form_errors(response) -> dict:
    return {
        name: [str(e) for e in errors] for name, errors in response.context["adminform"].form.errors.items()
    }


@pytest.mark.django_db
def test_every_stored_version_round_trips_through_the_form(coordinator_client):
    """The five measures' rules, as loaded by the migrations, are read into the form and saved back
    unchanged: the form can say everything the rules say."""
    versions = list(MeasureVersion.objects.select_related("measure"))
    assert len(versions) == 6
    for offset, version in enumerate(versions):
        day = dt.date.today() + dt.timedelta(days=offset + 1)
        data = as_post(initial_from_rules(version.rules)) | {
            "measure": version.measure_id,
            "effective_from": day.isoformat(),
        }
        response = coordinator_client.post(URL, data)
        assert response.status_code == 302, form_errors(response)
        saved = MeasureVersion.objects.get(measure=version.measure, effective_from=day)
        assert saved.rules == version.rules, version.measure.code


@pytest.mark.django_db
def test_percent_and_roubles_are_stored_as_the_rules_shares_and_amounts(coordinator_client):
    measure = Measure.objects.get(code="equipment-cofinancing")
    today = dt.date.today()
    response = coordinator_client.post(
        URL,
        {
            "measure": measure.pk,
            "effective_from": today.isoformat(),
            "note": "Новые ставки",
            "applicant": "participant",
            "sme_categories": ["small", "micro"],
            "rate__software": "12.5",
            "attribute_rate_categories": ["purchase", "leasing"],
            "attribute_rate_attribute": "origin",
            "attribute_rate__domestic": "60",
            "attribute_rate__imported": "30",
            "date_floor": "2024-01-01",
            "annual_cap_per": "organization",
            "annual_cap": "25000000.50",
            "advance_percent": "20",
            "payment_years": "2",
        },
    )
    assert response.status_code == 302, form_errors(response)
    assert MeasureVersion.objects.get(measure=measure, effective_from=today).rules == [
        {"kind": "applicant_participant"},
        {"kind": "eligible_sme", "categories": ["micro", "small"]},
        {"kind": "item_rate", "rates": {"software": "0.125"}},
        {
            "kind": "item_rate_by_attribute",
            "categories": ["purchase", "leasing"],
            "attribute": "origin",
            "rates": {"domestic": "0.60", "imported": "0.30"},
        },
        {"kind": "date_floor", "date": "2024-01-01"},
        {"kind": "annual_cap", "per": "organization", "limit": "25000000.50"},
        {"kind": "payment_schedule", "advance_share": "0.20", "years": 2},
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"rate__labor": "150"}, "rate__labor"),  # a rate over 100 %
        ({"rate__labor": "-5"}, "rate__labor"),
        ({"rate__labor": "50", "application_cap": "-1"}, "application_cap"),
        ({"rate__labor": "50", "application_cap": "сто"}, "application_cap"),
        ({"rate__labor": "50", "application_cap": "10.005"}, "application_cap"),  # kopecks at most
        ({"rate__labor": "50", "annual_cap": "1000"}, "annual_cap_per"),
        ({"rate__labor": "50", "advance_percent": "25"}, "payment_years"),
        ({"rate__labor": "50", "date_floor": "2024-02-30"}, "date_floor"),
        (
            {"attribute_rate__domestic": "50", "attribute_rate_attribute": "origin"},
            "attribute_rate_categories",
        ),
        ({"rate__labor": "50", "cap__ru": "75000"}, "cap_attribute"),
        (
            {
                "rate__purchase": "50",
                "attribute_rate_categories": ["purchase"],
                "attribute_rate_attribute": "origin",
                "attribute_rate__domestic": "50",
            },
            "rate__purchase",
        ),  # two rates for one category
        (
            {
                "attribute_rate_categories": ["purchase"],
                "attribute_rate_attribute": "origin",
                "attribute_rate__ru": "50",
            },
            "attribute_rate__ru",
        ),  # "Russia" is a jurisdiction, not an origin: no item could ever match it
        ({"rate__labor": "50", "cap_attribute": "jurisdiction", "cap__imported": "1000"}, "cap__imported"),
    ],
)
def test_a_bad_value_is_an_error_on_its_field_and_nothing_is_saved(
    coordinator_client, fields, field_in_error
):
    measure = Measure.objects.get(code="pilot-testing")
    before = MeasureVersion.objects.count()
    data = {"measure": measure.pk, "effective_from": dt.date.today().isoformat(), **fields}
    response = coordinator_client.post(URL, data)
    assert response.status_code == 200
    assert field_in_error in form_errors(response)
    assert MeasureVersion.objects.count() == before


@pytest.mark.django_db
def test_no_rate_at_all_is_refused(coordinator_client):
    measure = Measure.objects.get(code="pilot-testing")
    response = coordinator_client.post(
        URL, {"measure": measure.pk, "effective_from": dt.date.today().isoformat(), "application_cap": "1000"}
    )
    assert response.status_code == 200
    assert form_errors(response)["__all__"] == ["Укажите ставку хотя бы для одной категории затрат."]


@pytest.mark.django_db
def test_a_new_version_starts_from_the_measures_current_numbers_and_no_json_box(coordinator_client):
    measure = Measure.objects.get(code="import-substitution")
    page = coordinator_client.get(f"{URL}?measure={measure.pk}").content.decode()
    assert re.search(r'name="rate__salaries"[^>]*value="25"', page)
    assert re.search(r'name="application_cap"[^>]*value="100000000', page)
    assert re.search(r'name="advance_percent"[^>]*value="25"', page)
    assert 'name="rules"' not in page
    assert "Оплата труда персонала, %" in page  # the category's own name, in the page's language
    assert initial_from_rules(measure.versions.first().rules)["rate__salaries"] == Decimal("25")
