"""KPI of participants (SPEC C9) through the API: indicators, targets with a tolerance, reports
due on the 15th/30th working day (late after), missed targets explained, corrections as new
versions, and the coordinators' board in a fixed number of queries."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.kpi.models import Report, Target
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


def set_target(
    api, coordinator, organization, indicator="revenue", period="2025", value="1000000.00", tolerance=5
):
    return api.as_(coordinator).post(
        "/kpi/targets",
        {
            "indicator": indicator,
            "organization_id": organization.pk,
            "period": period,
            "value": value,
            "tolerance_percent": tolerance,
        },
    )


def report(api, user, organization, values, period="2025"):
    return api.as_(user).post(
        "/kpi/reports", {"organization_id": organization.pk, "period": period, "values": values}
    )


class TestIndicatorsAndTargets:
    def test_the_defaults_are_there_and_a_coordinator_adds_one(self, api, coordinator, owner):
        body = {"code": "exports", "name": "Экспорт", "unit": "₽", "better": "higher", "period": "quarter"}
        created = api.as_(coordinator).post("/kpi/indicators", body)
        assert created.status_code == 201 and created.json()["code"] == "exports"
        assert api.as_(coordinator).post("/kpi/indicators", body).json()["details"]["field"] == "code"
        assert api.as_(owner).post("/kpi/indicators", {**body, "code": "other"}).status_code == 403

    def test_a_target_is_set_then_changed(self, api, coordinator, organization):
        first = set_target(api, coordinator, organization)
        assert first.status_code == 201
        assert first.json()["value"] == "1000000.00" and first.json()["tolerance_percent"] == "5.00"
        again = set_target(api, coordinator, organization, value="2000000")
        assert again.status_code == 200 and Target.objects.get().value == 2000000

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"period": "2025-Q5"}, "period"),
            ({"period": "26"}, "period"),
            ({"period": "2025-13"}, "period"),
            ({"period": "2025-Q3"}, "period"),  # revenue is yearly
            ({"value": "abc"}, "value"),
            ({"value": "1e400"}, "value"),
            ({"value": "1.005"}, "value"),
            ({"tolerance": 101}, "tolerance_percent"),
            ({"indicator": "happiness"}, "indicator"),
        ],
    )
    def test_bad_input_is_a_422_naming_the_field(self, api, coordinator, organization, change, field):
        kwargs = {"indicator": "revenue", "period": "2025", "value": "1000000.00", "tolerance": 5}
        kwargs.update(change)
        response = set_target(api, coordinator, organization, **kwargs)
        assert response.status_code == 422
        assert response.json()["details"]["field"] == field


class TestReports:
    def test_statuses_at_the_edge_and_a_kopeck_past_it(self, api, coordinator, organization, owner):
        set_target(api, coordinator, organization)  # revenue 1,000,000.00 ± 5 %: 950,000.00 still meets
        set_target(api, coordinator, organization, indicator="staff", value="40", tolerance=0)
        with time_machine.travel("2026-02-10 12:00 +03:00", tick=False):
            response = report(
                api,
                owner,
                organization,
                [
                    {"indicator": "revenue", "value": "950000.00"},
                    {"indicator": "staff", "value": "39", "explanation": "Два инженера ушли в декабре."},
                    {"indicator": "patents", "value": "2"},
                ],
            )
        assert response.status_code == 201, response.content
        answer = response.json()
        # 2025 is due on the 30th working day of 2026: 12 January (1) … 20 February (30)
        assert (answer["status"], answer["version"], answer["due"], answer["late"]) == (
            "submitted",
            1,
            "2026-02-20",
            False,
        )
        assert answer["values"] == [
            {
                "indicator": "revenue",
                "value": "950000.00",
                "target": "1000000.00",
                "status": "met",
                "known": None,
            },
            {"indicator": "staff", "value": "39.00", "target": "40.00", "status": "missed", "known": None},
            {"indicator": "patents", "value": "2.00", "target": None, "status": "no_target", "known": None},
        ]

    def test_every_refused_value_is_named_at_once_with_its_indicator(
        self, api, coordinator, organization, owner
    ):
        set_target(api, coordinator, organization)  # revenue 1,000,000.00 ± 5 %
        set_target(api, coordinator, organization, indicator="staff", value="40", tolerance=0)
        values = [
            {"indicator": "revenue", "value": "900000"},
            {"indicator": "staff", "value": "12.5"},
            {"indicator": "patents", "value": "-1"},
            {"indicator": "products", "value": "3"},
        ]
        response = api.as_(owner).post(
            "/kpi/reports",
            {"organization_id": organization.pk, "period": "2025", "values": values},
        )
        body = response.json()
        assert (response.status_code, body["details"]["field"]) == (422, "values.0.explanation")
        assert body["details"]["fields"] == {
            "values.0.explanation": "Целевое значение показателя «Выручка» не достигнуто: "
            "объясните причину и что делается.",
            "values.1.value": "Этот показатель считается целыми числами.",
            "values.2.value": "Значение не может быть отрицательным.",
        }
        assert body["message"] == body["details"]["fields"]["values.0.explanation"]
        assert not Report.objects.exists()

    def test_an_indicator_says_what_its_values_are(self, api, coordinator):
        body = {"code": "profit", "name": "Прибыль", "unit": "₽", "better": "higher", "period": "year"}
        created = api.as_(coordinator).post("/kpi/indicators", body)
        assert (created.status_code, created.json()["value_kind"]) == (201, "amount")
        assert (created.json()["name_en"], created.json()["unit_en"]) == ("", "")
        named = api.as_(coordinator).post(
            "/kpi/indicators", {**body, "code": "profit_en", "name_en": "Profit", "unit_en": "RUB"}
        )
        assert (named.json()["name_en"], named.json()["unit_en"]) == ("Profit", "RUB")
        signed = api.as_(coordinator).post(
            "/kpi/indicators", {**body, "code": "change", "value_kind": "signed"}
        )
        assert (signed.status_code, signed.json()["value_kind"]) == (201, "signed")
        odd = api.as_(coordinator).post("/kpi/indicators", {**body, "code": "odd", "value_kind": "maybe"})
        assert (odd.status_code, odd.json()["details"]["field"]) == (422, "value_kind")

    def test_a_missed_target_without_an_explanation_is_refused(self, api, coordinator, organization, owner):
        set_target(api, coordinator, organization)
        response = report(api, owner, organization, [{"indicator": "revenue", "value": "949999.99"}])
        assert (response.status_code, response.json()["details"]["field"]) == (422, "values.0.explanation")
        assert not Report.objects.exists()

    def test_a_period_that_has_not_begun_is_not_reported(self, api, organization, owner):
        with time_machine.travel("2026-12-08 10:00 +03:00", tick=False):
            ahead = report(api, owner, organization, [{"indicator": "revenue", "value": "5"}], period="2027")
            assert (ahead.status_code, ahead.json()["code"], ahead.json()["details"]["field"]) == (
                422,
                "period_not_begun",
                "period",
            )
            assert "1 января 2027" in ahead.json()["message"]
            # the year under way is reported (not late: its due date is ahead)
            body = report(api, owner, organization, [{"indicator": "revenue", "value": "5"}], period="2026")
            assert (body.status_code, body.json()["late"]) == (201, False)
        assert list(Report.objects.values_list("period", flat=True)) == ["2026"]

    def test_late_returned_and_corrected_as_a_new_version(
        self, api, coordinator, organization, owner, stranger
    ):
        with time_machine.travel("2026-02-21 09:00 +03:00", tick=False):
            first = report(api, owner, organization, [{"indicator": "revenue", "value": "5"}]).json()
        assert first["late"] is True
        assert (
            report(api, owner, organization, [{"indicator": "revenue", "value": "6"}]).json()["code"]
            == "report_pending"
        )
        returned = api.as_(coordinator).post(
            f"/kpi/reports/{first['id']}/decision", {"decision": "return", "comment": "Приложите отчётность."}
        )
        assert returned.json()["status"] == "returned"
        second = report(api, owner, organization, [{"indicator": "revenue", "value": "6"}]).json()
        assert (second["version"], second["values"][0]["value"]) == (2, "6.00")
        assert api.as_(owner).get(f"/kpi/reports/{first['id']}").json()["values"][0]["value"] == "5.00"
        assert api.as_(stranger).get(f"/kpi/reports/{first['id']}").status_code == 404
        assert (
            report(api, stranger, organization, [{"indicator": "revenue", "value": "1"}]).status_code == 404
        )


class TestBoard:
    def test_a_row_per_target_with_missing_and_late_in_fixed_queries(
        self, api, coordinator, owner, organization
    ):
        others = [factories.organization(owner=factories.person()) for _ in range(4)]
        for org in [organization, *others]:
            set_target(api, coordinator, org)
        with time_machine.travel("2026-03-02 09:00 +03:00", tick=False):
            report(api, owner, organization, [{"indicator": "revenue", "value": "1200000"}])
        rows = api.as_(coordinator).get("/kpi/board", {"period": "2025"}).json()
        assert len(rows) == 5
        assert rows[0] == {
            "organization_id": organization.pk,
            "indicator": "revenue",
            "target": "1000000.00",
            "value": "1200000.00",
            "status": "met",
            "late": True,
        }
        assert {r["status"] for r in rows[1:]} == {"missing"}
        assert api.as_(owner).get("/kpi/board", {"period": "2025"}).status_code == 403
        assert api.as_(coordinator).get("/kpi/board", {"period": "2025-Q5"}).status_code == 422

    def test_the_boards_queries_do_not_grow_with_organisations(self, coordinator):
        from innocluster.kpi.periods import Period
        from innocluster.kpi.selectors import board
        from innocluster.kpi.services import indicator_by_code, set_target, submit_report

        revenue = indicator_by_code("revenue", field="indicator")
        counts = []
        for _ in range(2):
            for _n in range(3):
                person = factories.person()
                organization = factories.organization(owner=person)
                set_target(
                    actor=coordinator, indicator=revenue, organization=organization, period="2025", value="1"
                )
                submit_report(
                    actor=person,
                    organization=organization,
                    period="2025",
                    values=[{"indicator": "revenue", "value": "2"}],
                )
            with CaptureQueriesContext(connection) as queries:
                rows = board(Period(2025))
            counts.append(len(queries))
        assert len(rows) == 6 and counts == [2, 2]
