"""KPI services beyond the API's rows: many targets at once, as one target is set."""

from decimal import Decimal

import pytest

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
