"""The demo cluster's pilot testing programme: sites of every category, pilots in every state with
dates of the past, protocols (some corrected), feedback, and no site ever over its capacity."""

import datetime as dt

from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone

from innocluster.core import calendar
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.measures.models import MeasureApplication
from innocluster.pilots.enums import ANSWER_WORKING_DAYS, Conclusion, PilotStatus, SiteCategory
from innocluster.pilots.models import Feedback, Pilot, Protocol, ProtocolResult, TestSite
from innocluster.pilots.selectors import protocol_summary, site_statistics

CASE_STATUS = {
    "requested": "submitted",
    "accepted": "approved",
    "running": "approved",
    "completed": "approved",
    "declined": "rejected",
    "cancelled": "withdrawn",
}
HOLDING_OR_HELD = [PilotStatus.ACCEPTED, PilotStatus.RUNNING, PilotStatus.COMPLETED]


def the_demo_programme_is_complete_and_consistent():
    """Run by tests/core/test_demo_cluster.py on the demo cluster it seeds once for every app."""
    sites = list(TestSite.objects.all())
    assert len(sites) >= 40
    assert {s.category for s in sites} == set(SiteCategory.values)
    assert all(1 <= s.capacity <= 5 and s.contact_email.endswith(f"@{DEMO_DOMAIN}") for s in sites)
    assert {"Хамовники", "Тверской", "Басманный", "Зеленоград", "Митино"} <= {s.district for s in sites}
    assert {s.created_by.email for s in sites} == {f"coordinator@{DEMO_DOMAIN}"}
    # the companies are not the organisations that run sites
    assert not Pilot.objects.filter(organization__test_sites__isnull=False).exists()

    pilots = Pilot.objects.all()
    today = timezone.localdate()
    assert set(pilots.values_list("status", flat=True)) == set(PilotStatus.values)
    assert pilots.filter(requested_on__lt=dt.date(2024, 1, 1)).exists()
    assert pilots.filter(starts_on__gt=today).exists()
    requested = pilots.filter(status=PilotStatus.REQUESTED)
    assert requested.filter(answer_due__lt=today).exists()  # overdue
    assert requested.filter(answer_due__gte=today).exists()  # still within their 10 working days
    # each request is a case of the review machinery with the same dates and answer
    for pilot in pilots.select_related("case"):
        case = pilot.case
        assert pilot.answer_due == calendar.add_working_days(pilot.requested_on, ANSWER_WORKING_DAYS)
        assert (case.kind, case.submitted_on, case.review_due) == (
            "pilot",
            pilot.requested_on,
            pilot.answer_due,
        )
        assert case.status == CASE_STATUS[pilot.status] or (
            pilot.status == PilotStatus.CANCELLED and pilot.decided_at and case.status == "approved"
        )
        if pilot.decided_at:
            assert case.decided_at == pilot.decided_at
            assert pilot.requested_on < timezone.localdate(pilot.decided_at) <= today
    assert all(p.decision_comment for p in pilots.filter(status=PilotStatus.DECLINED))
    assert not pilots.filter(status=PilotStatus.RUNNING, starts_on__gt=today).exists()
    assert not pilots.filter(status=PilotStatus.ACCEPTED, starts_on__lte=today).exists()
    assert pilots.filter(publish=True, status=PilotStatus.COMPLETED).exists()

    # no site holds (or held) more pilots than its capacity on any day: the busiest day of a site
    # is some pilot's first day, so count the pilots on each pilot's first day
    holding = Pilot.objects.filter(status__in=HOLDING_OR_HELD)
    on_first_day = (
        holding.filter(
            site=OuterRef("site"), starts_on__lte=OuterRef("starts_on"), ends_on__gte=OuterRef("starts_on")
        )
        .order_by()
        .values("site")
        .annotate(n=Count("pk"))
        .values("n")
    )
    assert not holding.annotate(n=Subquery(on_first_day)).filter(n__gt=F("site__capacity")).exists()

    # every completed pilot has its protocol; every conclusion, met and missed criteria, corrections
    completed = pilots.filter(status=PilotStatus.COMPLETED)
    assert completed.count() >= 3
    assert not completed.filter(protocols__isnull=True).exists()
    assert not pilots.exclude(status=PilotStatus.COMPLETED).filter(protocols__isnull=False).exists()
    assert set(Protocol.objects.values_list("conclusion", flat=True)) == set(Conclusion.values)
    assert set(ProtocolResult.objects.values_list("met", flat=True)) == {True, False}
    corrected = Protocol.objects.filter(version=2)
    assert corrected.exists()
    for protocol in corrected:  # one value corrected; the first version's ratings still count
        first = protocol.pilot.protocols.get(version=1)
        assert not protocol.feedback.exists()
        assert protocol_summary(protocol)["feedback_count"] == protocol_summary(first)["feedback_count"]
        changed = {r.criterion_id: r.value for r in protocol.results.all()}.items() - {
            r.criterion_id: r.value for r in first.results.all()
        }.items()
        assert len(changed) <= 1 and first.submitted_at < protocol.submitted_at
    for protocol in Protocol.objects.filter(version=1).select_related("pilot"):
        assert protocol.pilot.ends_on < timezone.localdate(protocol.submitted_at) <= today
        assert protocol.feedback.exists()
    assert Feedback.objects.filter(source="public", pilot__status=PilotStatus.RUNNING).exists()
    assert not Feedback.objects.filter(source="public", protocol__isnull=False).exists()

    # the sites' statistics: a rate wherever a request was answered, answers in 1-14 working days
    stats = site_statistics(s.pk for s in sites)
    answered = set(pilots.filter(decided_at__isnull=False).values_list("site_id", flat=True))
    assert answered
    for pk in answered:
        assert 0 <= stats[pk]["acceptance_rate"] <= 1
        assert 1 <= stats[pk]["median_answer_days"] <= 14
    assert {stats[pk]["acceptance_rate"] for pk in answered} != {1.0}

    # the pilot-testing grants, left to this demo, name their applicant's own pilot
    grants = MeasureApplication.objects.filter(measure__code="pilot-testing").select_related("case")
    assert grants.count() >= 5
    assert len({g.case.status for g in grants}) >= 5
    for grant in grants:
        assert Pilot.objects.get(pk=grant.pilot_id).organization_id == grant.organization_id
