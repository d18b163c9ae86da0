"""The staff dashboards' datasets (SPEC C10, issue 13): the review desk's throughput per week, the
grants approved and paid per measure and year, the KPI board's summary per period — exact figures
from applications, payments and reports made here through the services; and only staff read
them (a 404 to everyone else, a sign-in first on the page)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innocluster.analytics import datasets
from innocluster.analytics.datasets import Filters
from innocluster.core.errors import PermissionDenied
from innocluster.core.models import AuditEvent
from innocluster.kpi import selectors as kpi_selectors
from innocluster.kpi import services as kpi
from innocluster.kpi.models import Indicator, Report
from innocluster.measures import services as measures
from innocluster.measures import services as measures_services
from innocluster.measures.models import Measure, Payment
from innocluster.organizations.models import Region
from innocluster.reviews import selectors as reviews_selectors
from innocluster.reviews import services as reviews
from tests import factories

pytestmark = pytest.mark.django_db
D = Decimal
STAFF_CODES = ("desk-throughput", "grants-paid-vs-budget", "kpi-summary")


def moscow(moment: str) -> str:
    return f"{moment} +03:00"


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


def organization_in(region: str, **extra):
    owner = factories.person()
    organization = factories.organization(owner=owner, **extra)
    if region != organization.region_id:
        organization.region = Region.objects.get(code=region)
        organization.save(update_fields=["region"])
    return organization, owner


def rows(code: str, **filters) -> list[dict]:
    datasets.KEPT.clear()
    return datasets.get(code).rows(Filters(**filters))


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        factories.sign_in(client, user)
    return client


# ---- the review desk ---------------------------------------------------------------------------


def submitted(region: str, on: str):
    organization, owner = organization_in(region)
    with time_machine.travel(moscow(f"{on} 10:00"), tick=False):
        application = factories.membership_application(organization=organization, actor=owner)
    return application.case


def decided(case, decision: str, on: str, coordinator):
    with time_machine.travel(moscow(f"{on} 16:00"), tick=False):
        return reviews.decide(case, decision, actor=coordinator, comment="Причины указаны в письме.")


@pytest.fixture
def desk(coordinator):
    """Three membership applications of March 2025 (10 working days to answer; 8 March, a Saturday,
    is a holiday): A of Moscow answered in 4 working days, B of the Moscow region 2 days after its
    due date, C of Moscow on its due date itself, and one still open."""
    a = submitted("77", "2025-03-03")  # Monday; due 2025-03-17
    b = submitted("50", "2025-03-05")  # Wednesday; due 2025-03-19
    c = submitted("77", "2025-03-06")  # Thursday; due 2025-03-20
    submitted("50", "2025-03-12")  # open
    assert (b.review_due, c.review_due) == (dt.date(2025, 3, 19), dt.date(2025, 3, 20))
    decided(a, "approve", "2025-03-07", coordinator)  # Mar 4, 5, 6, 7: 4 working days
    decided(b, "reject", "2025-03-21", coordinator)  # late; Mar 6 … 21: 12 working days
    decided(c, "return", "2025-03-20", coordinator)  # on the due date; Mar 7 … 20: 10 working days
    return a, b, c


class TestDeskThroughput:
    def test_weeks_count_submissions_decisions_the_share_in_time_and_the_median(self, desk):
        assert rows("desk-throughput") == [
            {
                "week": dt.date(2025, 3, 3),
                "submitted": 3,
                "decided": 1,
                "answered_in_time": D("1.0000"),
                "median_working_days": D("4.0"),
            },
            {
                "week": dt.date(2025, 3, 10),
                "submitted": 1,
                "decided": 0,
                "answered_in_time": None,
                "median_working_days": None,
            },
            {
                "week": dt.date(2025, 3, 17),
                "submitted": 0,
                "decided": 2,
                "answered_in_time": D("0.5000"),
                "median_working_days": D("11.0"),
            },
        ]

    def test_the_region_and_the_year_filter(self, desk):
        assert [
            (r["week"], r["submitted"], r["decided"], r["answered_in_time"], r["median_working_days"])
            for r in rows("desk-throughput", region="77")
        ] == [
            (dt.date(2025, 3, 3), 2, 1, D("1.0000"), D("4.0")),
            (dt.date(2025, 3, 17), 0, 1, D("1.0000"), D("10.0")),
        ]
        assert len(rows("desk-throughput", year=2025)) == 3
        assert rows("desk-throughput", year=2024) == []

    def test_a_case_decided_on_the_31st_of_december_is_in_the_week_of_its_monday(self, coordinator):
        case = submitted("77", "2024-12-26")  # Thursday; Saturday 28 December 2024 was a working day
        decided(case, "approve", "2024-12-31", coordinator)  # a day off by the 2024 decree, as was the 30th
        assert [
            (r["week"], r["submitted"], r["decided"], r["answered_in_time"], r["median_working_days"])
            for r in rows("desk-throughput", year=2024)
        ] == [
            (dt.date(2024, 12, 23), 1, 0, None, None),
            (dt.date(2024, 12, 30), 0, 1, D("1.0000"), D("2.0")),  # Dec 27 and the working Saturday
        ]
        assert rows("desk-throughput", year=2025) == []  # its first week starts on 6 January

    def test_the_measure_filter_reads_only_that_measures_applications(self, desk, coordinator):
        assert rows("desk-throughput", measure="patent-compensation") == []

    def test_three_queries_whatever_the_number_of_cases(self, desk, coordinator):
        with CaptureQueriesContext(connection) as queries:
            reviews_selectors.desk_throughput()
        few = len(queries)
        for day in ("2025-04-01", "2025-04-02", "2025-04-03"):
            decided(submitted("50", day), "approve", "2025-04-10", coordinator)
        with CaptureQueriesContext(connection) as queries:
            reviews_selectors.desk_throughput(region="50", year=2025)
        assert few == len(queries) == 3


# ---- grants ------------------------------------------------------------------------------------


def granted(organization, owner, coordinator, measure: str, items, *, on: str):
    with time_machine.travel(moscow(f"{on} 11:00"), tick=False):
        application = measures.apply(
            actor=owner, measure=Measure.objects.get(code=measure), organization=organization, raw_items=items
        )
        reviews.decide(application.case, "approve", actor=coordinator)
        application.refresh_from_db()
        measures.sign_agreement(actor=owner, application=application)
    return application


def paid(application, coordinator, on: str):
    payment = Payment.objects.get(application=application)
    with time_machine.travel(moscow(f"{on} 12:00"), tick=False):
        measures.record_payment(actor=coordinator, payment=payment, paid_on=dt.date.fromisoformat(on))


@pytest.fixture
def grants(coordinator):
    """Two patent grants of 2025 (60,000.00, paid in May; 100,000.00 asked, cut to the 75,000.00
    cap for a Russian patent, not paid yet) and an equipment grant of 2025 (50% of 1,000,000.00
    domestic) paid in January 2026."""
    moscow_org, moscow_owner = organization_in("77")
    region_org, region_owner = organization_in("50")
    for organization in (moscow_org, region_org):
        factories.participant(organization)
    patent = granted(
        moscow_org,
        moscow_owner,
        coordinator,
        "patent-compensation",
        [{"category": "patent", "amount": "60000.00", "jurisdiction": "ru"}],
        on="2025-04-10",
    )
    capped = granted(
        region_org,
        region_owner,
        coordinator,
        "patent-compensation",
        [{"category": "patent", "amount": "100000.00", "jurisdiction": "ru"}],
        on="2025-04-11",
    )
    equipment = granted(
        moscow_org,
        moscow_owner,
        coordinator,
        "equipment-cofinancing",
        [{"category": "purchase", "amount": "1000000.00", "origin": "domestic", "date": "2025-05-01"}],
        on="2025-06-02",
    )
    assert (patent.approved_amount, capped.approved_amount, equipment.approved_amount) == (
        D("60000.00"),
        D("75000.00"),
        D("500000.00"),
    )
    paid(patent, coordinator, "2025-05-05")
    paid(equipment, coordinator, "2026-01-20")
    return patent, capped, equipment


PATENTS = "Компенсация затрат на патентование"
EQUIPMENT = "Софинансирование покупки оборудования, лизинга и процентов по кредитам"


class TestGrantsPaidVsBudget:
    def test_approved_and_paid_per_measure_and_year(self, grants):
        assert rows("grants-paid-vs-budget") == [
            {
                "measure": PATENTS,
                "measure_code": "patent-compensation",
                "year": 2025,
                "budget": None,
                "approved": D("135000.00"),
                "paid": D("60000.00"),
                "share_paid": None,
            },
            {
                "measure": EQUIPMENT,
                "measure_code": "equipment-cofinancing",
                "year": 2025,
                "budget": None,
                "approved": D("500000.00"),
                "paid": D("0.00"),
                "share_paid": None,
            },
            {
                "measure": EQUIPMENT,
                "measure_code": "equipment-cofinancing",
                "year": 2026,
                "budget": None,
                "approved": D("0.00"),
                "paid": D("500000.00"),
                "share_paid": None,
            },
        ]

    def test_filters_year_region_and_measure(self, grants):
        def figures(**filters):
            return [
                (r["measure_code"], r["year"], r["approved"], r["paid"])
                for r in rows("grants-paid-vs-budget", **filters)
            ]

        assert figures(year=2026) == [("equipment-cofinancing", 2026, D("0.00"), D("500000.00"))]
        assert figures(region="50") == [("patent-compensation", 2025, D("75000.00"), D("0.00"))]
        assert figures(measure="patent-compensation") == [
            ("patent-compensation", 2025, D("135000.00"), D("60000.00"))
        ]

    def test_the_budget_a_coordinator_sets_gives_the_share_paid(self, grants, coordinator):
        patents = Measure.objects.get(code="patent-compensation")
        measures_services.set_budget(actor=coordinator, measure=patents, year=2025, amount="240000.00")
        measures_services.set_budget(actor=coordinator, measure=patents, year=2027, amount="1000000.00")
        figures = {
            (r["measure_code"], r["year"]): (r["budget"], r["paid"], r["share_paid"])
            for r in rows("grants-paid-vs-budget", measure="patent-compensation")
        }
        assert figures == {
            ("patent-compensation", 2025): (D("240000.00"), D("60000.00"), D("0.2500")),
            ("patent-compensation", 2027): (D("1000000.00"), D("0.00"), D("0.0000")),
        }
        # a budget is the measure's: against one region's payments it is not shown
        [regional] = rows("grants-paid-vs-budget", region="50")
        assert (regional["budget"], regional["share_paid"]) == (None, None)
        assert AuditEvent.objects.filter(action="measure.budget_set").count() == 2
        with pytest.raises(PermissionDenied):
            measures_services.set_budget(actor=grants[0].person, measure=patents, year=2025, amount="1")

    def test_a_terminated_grant_is_no_longer_approved(self, grants, coordinator):
        _patent, capped, _equipment = grants
        with time_machine.travel(moscow("2025-07-01 12:00"), tick=False):
            reviews.transition(capped.case, "terminated", actor=coordinator, comment="Нарушены условия.")
        [row] = rows("grants-paid-vs-budget", measure="patent-compensation")
        assert (row["approved"], row["paid"]) == (D("60000.00"), D("60000.00"))
        assert Payment.objects.get(application=capped).status == "cancelled"

    def test_the_titles_are_in_the_readers_language(self, grants, coordinator):
        answer = client_of(coordinator).get("/analytics/staff/", headers={"accept-language": "en"})
        assert answer.status_code == 200
        assert "Compensation of patenting costs" in answer.content.decode()


# ---- KPI ---------------------------------------------------------------------------------------


@pytest.fixture
def kpi_year(coordinator):
    """Targets for 2025 (due 2026-02-20) for three organisations, two of Moscow: revenue
    1,000,000.00 ± 5% and staff 40. The first Moscow one reports on time (revenue at the edge of
    the tolerance: met; staff 39: missed) and is accepted; the Moscow-region one reports late
    (revenue met, no staff); the second Moscow one does not report."""
    first, first_owner = organization_in("77")
    late, late_owner = organization_in("50")
    silent, _silent_owner = organization_in("77")
    revenue, staff = Indicator.objects.get(code="revenue"), Indicator.objects.get(code="staff")
    for organization in (first, late, silent):
        kpi.set_target(
            actor=coordinator,
            indicator=revenue,
            organization=organization,
            period="2025",
            value="1000000.00",
            tolerance_percent=5,
        )
        kpi.set_target(
            actor=coordinator, indicator=staff, organization=organization, period="2025", value="40"
        )
    with time_machine.travel(moscow("2026-02-10 12:00"), tick=False):
        report = kpi.submit_report(
            actor=first_owner,
            organization=first,
            period="2025",
            values=[
                {"indicator": "revenue", "value": "950000.00"},
                {"indicator": "staff", "value": "39", "explanation": "Два инженера ушли в декабре."},
            ],
        )
        kpi.decide_report(actor=coordinator, report=report, decision="accept")
    with time_machine.travel(moscow("2026-03-02 12:00"), tick=False):
        kpi.submit_report(
            actor=late_owner,
            organization=late,
            period="2025",
            values=[{"indicator": "revenue", "value": "2000000.00"}],
        )
    return {"first": (first, first_owner), "late": (late, late_owner), "silent": (silent, None)}


class TestKpiSummary:
    def test_the_period_in_figures_once_its_due_date_has_passed(self, kpi_year):
        with time_machine.travel(moscow("2026-03-10 12:00"), tick=False):
            assert rows("kpi-summary") == [
                {
                    "period": "2025",
                    "organizations": 3,
                    "reports": 2,
                    "late": 1,
                    "missing": 1,
                    "accepted": 1,
                    "met_share": D("0.6667"),  # revenue met twice, staff missed once
                }
            ]

    def test_nothing_is_missing_before_the_due_date(self, coordinator):
        organization, _owner = organization_in("77")
        kpi.set_target(
            actor=coordinator,
            indicator=Indicator.objects.get(code="revenue"),
            organization=organization,
            period="2025",
            value="10",
        )
        for today, missing in (("2026-02-20", 0), ("2026-02-24", 1)):  # due 2026-02-20
            with time_machine.travel(moscow(f"{today} 12:00"), tick=False):
                [row] = rows("kpi-summary")
            assert (row["organizations"], row["reports"], row["missing"], row["met_share"]) == (
                1,
                0,
                missing,
                None,
            )

    def test_filters_region_year_and_measure(self, kpi_year):
        with time_machine.travel(moscow("2026-03-10 12:00"), tick=False):
            [moscow_row] = rows("kpi-summary", region="77")
            assert rows("kpi-summary", year=2024) == []
            assert rows("kpi-summary", measure="angel-refund") == []  # no organisation holds it
        assert {k: moscow_row[k] for k in ("organizations", "reports", "late", "missing", "accepted")} == {
            "organizations": 2,
            "reports": 1,
            "late": 0,
            "missing": 1,
            "accepted": 1,
        }
        assert moscow_row["met_share"] == D("0.5000")

    def test_one_query_and_the_calendars_only_while_a_due_date_is_near(self, kpi_year):
        for today, expected in (("2026-03-10 12:00", 2), ("2026-06-10 12:00", 1)):
            with time_machine.travel(moscow(today), tick=False), CaptureQueriesContext(connection) as queries:
                kpi_selectors.period_summary()
            assert len(queries) == expected, today

    def test_the_latest_version_counts(self, kpi_year, coordinator):
        late, late_owner = kpi_year["late"]
        with time_machine.travel(moscow("2026-03-03 12:00"), tick=False):
            kpi.decide_report(
                actor=coordinator,
                report=Report.objects.get(organization=late),
                decision="return",
                comment="Уточните.",
            )
        with time_machine.travel(moscow("2026-03-05 12:00"), tick=False):
            kpi.submit_report(
                actor=late_owner,
                organization=late,
                period="2025",
                values=[
                    {
                        "indicator": "revenue",
                        "value": "900000.00",
                        "explanation": "Заказчик не принял работы.",
                    }
                ],
            )
            [row] = rows("kpi-summary")
        # two versions of one organisation's report: one report; its revenue now missed
        assert (row["reports"], row["late"], row["accepted"], row["met_share"]) == (2, 1, 1, D("0.3333"))


# ---- who reads them ----------------------------------------------------------------------------


class TestOnlyStaffReadThem:
    @pytest.mark.parametrize("code", STAFF_CODES)
    def test_anyone_else_gets_a_404_from_the_api(self, api, owner, organization, code):
        factories.participant(organization)  # the owner of a participant: not staff
        assert api.get(f"/datasets/{code}").status_code == 404
        assert api.as_(owner).get(f"/datasets/{code}").status_code == 404
        assert api.as_(owner).get(f"/datasets/{code}", {"format": "csv"}).status_code == 404
        assert api.get(f"/datasets/{code}/datapackage.json").status_code == 404
        assert client_of().get(f"/opendata/{code}/").status_code == 404
        listed = {d["code"] for d in api.as_(owner).get("/datasets").json()}
        assert code not in listed

    def test_a_coordinator_reads_the_figures(self, api, desk, coordinator):
        answer = api.as_(coordinator).get("/datasets/desk-throughput", {"region": "77"})
        assert answer.status_code == 200
        body = answer.json()
        assert [f["name"] for f in body["fields"]] == [
            "week",
            "submitted",
            "decided",
            "answered_in_time",
            "median_working_days",
        ]
        assert [
            (
                r["week"],
                r["submitted"],
                r["decided"],
                D(str(r["answered_in_time"])),
                D(str(r["median_working_days"])),
            )
            for r in body["rows"]
        ] == [("2025-03-03", 2, 1, D("1"), D("4")), ("2025-03-17", 0, 1, D("1"), D("10"))]
        assert set(STAFF_CODES) <= {d["code"] for d in api.as_(coordinator).get("/datasets").json()}
        csv = api.as_(coordinator).get("/datasets/desk-throughput", {"format": "csv", "region": "77"})
        assert csv.status_code == 200
        assert (
            csv.content.decode().splitlines()[0]
            == "week,submitted,decided,answered_in_time,median_working_days"
        )

    def test_the_staff_page_signs_in_first_and_is_404_to_a_participant(self, desk, owner, coordinator):
        factories.participant(factories.organization(owner=owner))
        anonymous = client_of().get("/analytics/staff/")
        assert anonymous.status_code == 302 and "/sign-in/?next=/analytics/staff/" in anonymous["Location"]
        assert client_of(owner).get("/analytics/staff/").status_code == 404
        page = client_of(coordinator).get("/analytics/staff/?region=77")
        assert page.status_code == 200
        body = page.content.decode()
        for code in STAFF_CODES:
            assert f'data-testid="panel-{code}"' in body
        table = body.split('data-testid="table-desk-throughput"')[1].split("</table>")[0]
        assert table.count("<tr>") == 3  # the header and two weeks
