"""KPI services beyond the API's rows: many targets at once, as one target is set."""

from decimal import Decimal

import pytest
from django.utils import translation

from innocluster.core.errors import InvalidInput, PermissionDenied
from innocluster.core.models import AuditEvent
from innocluster.kpi import services
from innocluster.kpi.models import Indicator, Target
from tests import factories

pytestmark = pytest.mark.django_db


def test_many_targets_are_set_and_changed_each_audited(organization, owner):
    coordinator = factories.staff("coordinator")
    staff, revenue = Indicator.objects.get(code="staff"), Indicator.objects.get(code="revenue")
    rows = [
        {"indicator": staff, "organization": organization, "period": "2026", "value": "40"},
        {"indicator": revenue, "organization": organization, "period": "2026", "value": "1e3"},
    ]
    assert len(services.set_targets(actor=coordinator, rows=rows)) == 2
    rows[0]["value"], rows[0]["tolerance_percent"] = "45", "5"
    services.set_targets(actor=coordinator, rows=rows[:1])
    assert {(t.indicator.code, t.value, t.tolerance_percent) for t in Target.objects.all()} == {
        ("staff", Decimal("45.00"), Decimal("5.00")),
        ("revenue", Decimal("1000.00"), Decimal("0.00")),
    }
    assert AuditEvent.objects.filter(action="kpi.target_set", object_type="kpi.target").count() == 3
    with pytest.raises(InvalidInput) as bad:
        services.set_targets(actor=coordinator, rows=[{**rows[0], "period": "2026-Q1"}])
    assert bad.value.details["field"] == "rows.0.period"
    with pytest.raises(PermissionDenied):
        services.set_targets(actor=owner, rows=rows)
    assert Target.objects.count() == 2


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter a number."),
        ("NaN", "Enter a number."),
        ("-Infinity", "Enter a number."),
        ("1e400", "The number is too large."),
        ("1.005", "Enter a number with at most 2 decimal places."),
    ],
)
def test_a_value_that_is_no_amount_is_refused_saying_why(typed, message):
    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        services.parse_amount(typed, field="values.0.value")
    assert str(refused.value.message) == message and refused.value.details["field"] == "values.0.value"


def test_a_tolerance_outside_0_to_100_says_its_bounds():
    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        services.parse_amount("101", field="tolerance_percent", low=Decimal(0), high=Decimal(100))
    assert str(refused.value.message) == "Enter a number from 0 to 100."


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("staff", "12.5", "This indicator is counted in whole numbers."),
        ("staff", "-3", "The value cannot be negative."),
        ("revenue", "-0.01", "The value cannot be negative."),
        ("patents", "1.0", None),  # a whole number written with a point is whole
    ],
)
def test_a_value_is_what_its_indicator_counts(code, typed, message):
    indicator = Indicator.objects.get(code=code)
    with translation.override("en"):
        if message is None:
            assert services.parse_value(typed, indicator=indicator, field="value") == Decimal(1)
            return
        with pytest.raises(InvalidInput) as refused:
            services.parse_value(typed, indicator=indicator, field="value")
    assert str(refused.value.message) == message


def test_a_signed_indicator_takes_a_loss():
    coordinator = factories.staff("coordinator")
    profit = services.create_indicator(
        actor=coordinator, code="profit", name="Прибыль", better="higher", period="year", value_kind="signed"
    )
    assert services.parse_value("-1500000.50", indicator=profit, field="value") == Decimal("-1500000.50")
    with pytest.raises(InvalidInput) as refused:
        services.create_indicator(
            actor=coordinator, code="loss", name="Убыток", better="lower", period="year", value_kind="maybe"
        )
    assert refused.value.details["field"] == "value_kind"
