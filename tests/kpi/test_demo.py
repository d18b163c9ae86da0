"""The demo cluster's KPI: targets from the first of the two last due years to the next year, and
reports of the two due years on the board — met, missed with explanations, late, missing, returned
and corrected, still waiting — with the dates of the past, consistent with the services' rules."""

import datetime as dt
import random

from django.core.management import call_command
from django.utils import timezone

from innocluster.core.demo import DEMO_DOMAIN
from innocluster.kpi import demo
from innocluster.kpi.models import Report, ReportValue, Target
from innocluster.kpi.periods import Period
from innocluster.kpi.selectors import board_page
from innocluster.organizations.models import Organization, OrganizationPerson
from innocluster.reviews.models import ReviewCase


def rows_of(year: int):
    return board_page(Period(year), per_page=1000).rows


def test_the_report_years_are_the_two_last_due_ones(db):
    # the 2025 report is due on 2026-02-20 (the 30th working day of 2026)
    assert Period(2025).due.isoformat() == "2026-02-20"
    assert demo.report_years(dt.date(2026, 12, 6)) == [2024, 2025]
    assert demo.report_years(dt.date(2026, 2, 21)) == [2024, 2025]
    assert demo.report_years(dt.date(2026, 2, 20)) == [2023, 2024]
    assert demo.report_years(dt.date(2027, 1, 15)) == [2024, 2025]


def board_has_every_kind_of_row():
    today = timezone.localdate()
    older, latest = demo.report_years(today)
    for year in (older, latest):
        rows = rows_of(year)
        assert 20 <= len(rows) <= 60
        states = {r.state for r in rows}
        assert {"accepted", "missing"} <= states
        assert any(r.late for r in rows)
        assert any(not r.late and r.state != "missing" for r in rows)
        bands = {c.band for r in rows for c in r.cells}
        assert {"met", "missed", "missing", "no_target"} <= bands
        # a missed value is explained, with a corrective action
        missed = [
            (r.report_id, c.indicator.pk) for r in rows for c in r.cells if c.band == "missed" and r.report_id
        ]
        assert missed
        for report_id, indicator_id in missed:
            value = ReportValue.objects.get(report_id=report_id, indicator_id=indicator_id)
            assert value.explanation and value.corrective_action
        # 3 to 5 indicators per organisation, each with a tolerance of 0, 5 or 10 %
        for row in rows:
            with_target = [c for c in row.cells if c.band != "no_target"]
            assert 3 <= len(with_target) <= 5
            assert {c.tolerance_percent for c in with_target} <= {0, 5, 10}
    # the latest year: some still waiting for the coordinator, some returned and being corrected
    assert {"submitted", "returned"} <= {r.state for r in rows_of(latest)}
    # the current and the next year: targets, no reports, nothing due yet
    for year in (today.year, today.year + 1):
        rows = rows_of(year)
        assert rows and {r.state for r in rows} == {"not_due"}
        assert not Report.objects.filter(period=str(year)).exists()


def reports_keep_the_services_rules_with_dates_of_the_past():
    now = timezone.now()
    reports = Report.objects.select_related("case", "organization")
    assert reports.exists()
    owners = set(OrganizationPerson.objects.filter(role="owner").values_list("organization_id", "person_id"))
    for report in reports:
        assert report.due == Period.parse(report.period).due
        assert report.submitted_at < now
        # late exactly when submitted after the due date
        assert report.late == (timezone.localdate(report.submitted_at) > report.due)
        assert (report.organization_id, report.submitted_by_id) in owners
        case = report.case
        assert case.kind == "kpi_report" and case.submitted_on == timezone.localdate(report.submitted_at)
        if report.status == "submitted":
            assert report.decided_at is None and case.status == "submitted"
        else:
            assert report.decided_by.email == f"coordinator@{DEMO_DOMAIN}"
            assert report.submitted_at < report.decided_at < now
            assert case.decided_at == report.decided_at
            assert case.status == {"accepted": "approved", "returned": "returned"}[report.status]
    # a returned report gives its reasons; the correction is the next version, the old one kept
    corrected = reports.filter(version=2)
    assert corrected.exists()
    for second in corrected:
        first = Report.objects.get(organization=second.organization, period=second.period, version=1)
        assert first.status == "returned" and first.decided_at < second.submitted_at
        assert first.decision_comment or first.values.exclude(return_reason="").exists()
    assert ReviewCase.objects.filter(kind="kpi_report").count() == reports.count()


def seeding_again_adds_only_for_new_organisations():
    ids = list(Organization.objects.values_list("pk", flat=True))
    targets, reports = Target.objects.count(), Report.objects.count()
    assert demo.seed(rng=random.Random(1), organization_ids=ids) == "no participants without KPI targets"
    assert (Target.objects.count(), Report.objects.count()) == (targets, reports)
    call_command("seed_demo", organizations=30, seed=8, quiet=True)
    added = Target.objects.exclude(organization_id__in=ids)
    assert added.exists() and Target.objects.filter(organization_id__in=ids).count() == targets
