"""Targets for every recipient of a measure at once (SPEC C9, issue 12): "every equipment
co-financing grant of 2025 sets 'staff' targets for 2026 and 2027" — the recipients exactly, the
targets kept or replaced, one audit event per target written, coordinators only."""

from decimal import Decimal

import pytest
import time_machine

from innocluster.core.errors import InvalidInput, PermissionDenied
from innocluster.core.models import AuditEvent
from innocluster.kpi import services
from innocluster.kpi.bulk_targets import set_targets_for_recipients
from innocluster.kpi.models import Target
from innocluster.measures import services as measures
from innocluster.measures.models import Measure
from innocluster.reviews import services as reviews
from tests import factories

pytestmark = pytest.mark.django_db
D = Decimal
EQUIPMENT = [{"category": "purchase", "amount": "1000000.00", "origin": "domestic", "date": "2024-03-01"}]
PATENT = [{"category": "patent", "amount": "50000.00", "jurisdiction": "ru"}]


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


def participant(name: str):
    owner = factories.person()
    organization = factories.organization(owner=owner, short_name=name)
    factories.participant(organization)
    return organization, owner


def decided(
    coordinator, organization, owner, *, measure="equipment-cofinancing", items=EQUIPMENT, on, decision
):
    """An application of `organization` decided on the date `on` (approve or reject)."""
    with time_machine.travel(f"{on} 12:00 +03:00", tick=False):
        application = measures.apply(
            actor=owner, measure=Measure.objects.get(code=measure), organization=organization, raw_items=items
        )
        reviews.decide(application.case, decision, actor=coordinator, comment="Не подходит.")
    return application


@pytest.fixture
def grants(coordinator):
    """Recipients of an equipment co-financing grant of 2025: A (two grants, one of them on the
    year's last day) and B (its agreement signed). Not recipients: C (granted in 2024), D (a patent
    compensation of 2025), E (rejected in 2025), F (granted in 2025, then terminated), G (waiting
    for the decision)."""
    made = {key: participant(f"ООО «{key}»") for key in "ABCDEFG"}
    decided(coordinator, *made["A"], on="2025-03-03", decision="approve")
    decided(coordinator, *made["A"], on="2025-12-31", decision="approve")
    signed = decided(coordinator, *made["B"], on="2025-06-02", decision="approve")
    measures.sign_agreement(actor=made["B"][1], application=signed)
    decided(coordinator, *made["C"], on="2024-12-31", decision="approve")
    decided(
        coordinator,
        *made["D"],
        measure="patent-compensation",
        items=PATENT,
        on="2025-04-01",
        decision="approve",
    )
    decided(coordinator, *made["E"], on="2025-05-05", decision="reject")
    terminated = decided(coordinator, *made["F"], on="2025-07-01", decision="approve")
    measures.sign_agreement(actor=made["F"][1], application=terminated)
    reviews.transition(terminated.case, "terminated", actor=coordinator, comment="Нарушены сроки.")
    with time_machine.travel("2025-08-01 12:00 +03:00", tick=False):
        measures.apply(
            actor=made["G"][1],
            measure=Measure.objects.get(code="equipment-cofinancing"),
            organization=made["G"][0],
            raw_items=EQUIPMENT,
        )
    return {key: organization for key, (organization, _owner) in made.items()}


def staff_targets() -> dict:
    return {
        (t.organization_id, t.period): (t.value, t.tolerance_percent, t.set_by_id)
        for t in Target.objects.filter(indicator__code="staff")
    }


def bulk(actor, **overrides):
    kwargs = {
        "actor": actor,
        "measure_code": "equipment-cofinancing",
        "year": 2025,
        "indicator": services.indicator_by_code("staff", field="indicator"),
        "periods": ["2026", "2027"],
        "value": "40",
        "tolerance_percent": "5",
    }
    kwargs.update(overrides)
    return set_targets_for_recipients(**kwargs)


def target_events() -> int:
    return AuditEvent.objects.filter(action="kpi.target_set").count()


class TestService:
    def test_every_recipient_gets_each_periods_target_and_nobody_else(self, grants, coordinator):
        assert bulk(coordinator) == {"organizations": 2, "created": 4, "updated": 0, "kept": 0}
        a, b = grants["A"].pk, grants["B"].pk
        assert staff_targets() == {
            (a, "2026"): (D("40.00"), D("5.00"), coordinator.pk),
            (a, "2027"): (D("40.00"), D("5.00"), coordinator.pk),
            (b, "2026"): (D("40.00"), D("5.00"), coordinator.pk),
            (b, "2027"): (D("40.00"), D("5.00"), coordinator.pk),
        }
        assert target_events() == 4
        event = AuditEvent.objects.filter(
            action="kpi.target_set", object_id=str(Target.objects.first().pk)
        ).get()
        assert (event.actor_id, event.object_type) == (coordinator.pk, "kpi.target")

    def test_targets_already_set_are_kept_unless_replaced(self, grants, coordinator):
        a, b = grants["A"].pk, grants["B"].pk
        services.set_target(
            actor=coordinator,
            indicator=services.indicator_by_code("staff", field="indicator"),
            organization=grants["A"],
            period="2026",
            value="35",
        )
        assert bulk(coordinator) == {"organizations": 2, "created": 3, "updated": 0, "kept": 1}
        assert staff_targets()[(a, "2026")] == (D("35.00"), D("0.00"), coordinator.pk)
        assert target_events() == 1 + 3  # nothing written for the one kept

        assert bulk(coordinator, value="50") == {"organizations": 2, "created": 0, "updated": 0, "kept": 4}
        assert {v for v, _t, _by in staff_targets().values()} == {D("35.00"), D("40.00")}
        assert target_events() == 4

        other = factories.staff("coordinator")
        answer = bulk(other, value="50", tolerance_percent=0, replace=True)
        assert answer == {"organizations": 2, "created": 0, "updated": 4, "kept": 0}
        assert staff_targets() == {
            (pk, period): (D("50.00"), D("0.00"), other.pk) for pk in (a, b) for period in ("2026", "2027")
        }
        assert target_events() == 4 + 4

    def test_a_period_given_twice_is_set_once(self, grants, coordinator):
        assert bulk(coordinator, periods=["2026", " 2026 "]) == {
            "organizations": 2,
            "created": 2,
            "updated": 0,
            "kept": 0,
        }

    def test_no_recipient_is_all_zeros(self, grants, coordinator):
        assert bulk(coordinator, year=2023) == {"organizations": 0, "created": 0, "updated": 0, "kept": 0}
        assert bulk(coordinator, measure_code="angel-refund") == {
            "organizations": 0,
            "created": 0,
            "updated": 0,
            "kept": 0,
        }
        assert not Target.objects.exists() and target_events() == 0

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"measure_code": "no-such-measure"}, "measure"),
            ({"year": 1999}, "year"),
            ({"year": 2101}, "year"),
            ({"year": True}, "year"),
            ({"periods": []}, "periods"),
            ({"periods": ["2026"] * 21}, "periods"),
            ({"periods": ["2026", "2026-Q1"]}, "periods.1"),  # staff is yearly
            ({"periods": ["26"]}, "periods.0"),
            ({"value": "abc"}, "value"),
            ({"tolerance_percent": "101"}, "tolerance_percent"),
        ],
    )
    def test_bad_input_names_its_field_and_writes_nothing(self, grants, coordinator, change, field):
        with pytest.raises(InvalidInput) as refused:
            bulk(coordinator, **change)
        assert refused.value.details["field"] == field
        assert not Target.objects.exists() and target_events() == 0

    def test_only_coordinators(self, grants):
        owner = grants["A"].people.get(role="owner").person
        with pytest.raises(PermissionDenied):
            bulk(owner)
        with pytest.raises(PermissionDenied):
            bulk(factories.staff("reviewer"))
        assert not Target.objects.exists()


class TestApi:
    BODY = {
        "measure": "equipment-cofinancing",
        "year": 2025,
        "indicator": "staff",
        "periods": ["2026", "2027"],
    }

    def test_a_coordinator_sets_them_and_learns_the_counts(self, api, grants, coordinator):
        response = api.as_(coordinator).post("/kpi/targets/bulk", {**self.BODY, "value": "40"})
        assert response.status_code == 200, response.content
        assert response.json() == {"organizations": 2, "created": 4, "updated": 0, "kept": 0}
        again = api.as_(coordinator).post(
            "/kpi/targets/bulk", {**self.BODY, "value": "41", "tolerance_percent": 10, "replace": True}
        )
        assert again.json() == {"organizations": 2, "created": 0, "updated": 4, "kept": 0}
        assert {(v, t) for v, t, _by in staff_targets().values()} == {(D("41.00"), D("10.00"))}
        assert target_events() == 8

    def test_an_owner_gets_403(self, api, grants):
        owner = grants["A"].people.get(role="owner").person
        response = api.as_(owner).post("/kpi/targets/bulk", {**self.BODY, "value": "40"})
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
        assert not Target.objects.exists()

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"periods": ["2026-Q1"]}, "periods.0"),  # staff is reported by the year
            ({"measure": "no-such-measure"}, "measure"),
            ({"year": 1999}, "year"),
            ({"periods": []}, "periods"),
            ({"indicator": "happiness"}, "indicator"),
            ({"value": "1.005"}, "value"),
        ],
    )
    def test_bad_input_is_a_422_naming_the_field(self, api, grants, coordinator, change, field):
        response = api.as_(coordinator).post("/kpi/targets/bulk", {**self.BODY, "value": "40", **change})
        assert response.status_code == 422, response.content
        assert response.json()["details"]["field"] == field
        assert not Target.objects.exists()
