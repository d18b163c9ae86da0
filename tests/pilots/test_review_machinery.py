"""A pilot request is an application of the review machinery: its case carries the answer's due
date, the desk's overdue board counts it, the reminders go to the site's representatives, and
the case follows the site's answer; the desk itself cannot decide it."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from innocluster.core.errors import TransitionNotAllowed
from innocluster.core.models import AuditEvent, Notification
from innocluster.pilots import services
from innocluster.reviews import selectors as desk
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_request_opens_a_submitted_case_due_on_the_10th_working_day_over_the_new_year(ask, site, owner):
    with time_machine.travel("2025-12-26 10:00 +03:00", tick=False):
        pilot = ask(site)
    case = pilot.case
    assert (case.kind, case.status, case.organization_id, case.applicant_id) == (
        "pilot",
        ReviewStatus.SUBMITTED,
        pilot.organization_id,
        owner.pk,
    )
    # 29, 30 Dec 2025, then 12-16 and 19-21 Jan 2026: 31 Dec to 11 Jan are days off
    assert case.submitted_on == pilot.requested_on == dt.date(2025, 12, 26)
    assert case.review_due == pilot.answer_due == dt.date(2026, 1, 21)
    assert case.title == f"Помощник — {site.name}"


def test_the_case_follows_the_sites_answer_and_the_companys_withdrawal(ask, make_site, site_owner, owner):
    site = make_site(capacity=3)
    accepted = ask(site, starts_on="2027-03-01", ends_on="2027-03-31")
    declined = ask(site, starts_on="2027-04-01", ends_on="2027-04-30")
    withdrawn = ask(site, starts_on="2027-05-01", ends_on="2027-05-31")
    services.decide(actor=site_owner, pilot=accepted, decision="accept")
    services.decide(actor=site_owner, pilot=declined, decision="decline", comment="Нет помещения.")
    services.cancel(actor=owner, pilot=withdrawn)
    for pilot, status, comment, by in (
        (accepted, ReviewStatus.APPROVED, "", site_owner),
        (declined, ReviewStatus.REJECTED, "Нет помещения.", site_owner),
        (withdrawn, ReviewStatus.WITHDRAWN, "", owner),
    ):
        pilot.case.refresh_from_db()
        assert (pilot.case.status, pilot.case.decision_comment, pilot.case.decided_by_id) == (
            status,
            comment,
            by.pk,
        )
        assert AuditEvent.objects.filter(
            action="review.transition", object_id=str(pilot.case_id), to_state=status, actor=by
        ).exists()
    # an accepted pilot withdrawn before its start: the site's answer stays what it was
    services.cancel(actor=owner, pilot=accepted)
    accepted.case.refresh_from_db()
    assert accepted.case.status == ReviewStatus.APPROVED


def test_the_desk_cannot_decide_or_assign_a_pilot_request(ask, site, coordinator):
    pilot = ask(site)
    with pytest.raises(TransitionNotAllowed):
        reviews.decide(pilot.case, "approve", actor=coordinator)
    with pytest.raises(TransitionNotAllowed):
        reviews.assign(pilot.case, assignee=coordinator, actor=coordinator)
    pilot.refresh_from_db()
    pilot.case.refresh_from_db()
    assert (pilot.status, pilot.case.status, pilot.case.assignee_id) == ("requested", "submitted", None)
    client = Client()
    factories.sign_in(client, coordinator)
    page = client.get(f"/staff/desk/{pilot.case_id}/").content.decode()
    assert "Голосовой" not in page and "Помощник" in page
    assert 'name="decision"' not in page and f'href="/pilots/{pilot.pk}/"' in page
    response = client.post(f"/staff/desk/{pilot.case_id}/decide/", {"decision": "approve"})
    assert response.status_code == 422
    pilot.refresh_from_db()
    assert pilot.status == "requested"


def test_the_overdue_board_counts_an_unanswered_request_and_the_reminders_go_to_the_site(
    ask, site, site_owner, site_manager, coordinator
):
    with time_machine.travel("2026-11-02 10:00 +03:00", tick=False):
        pilot = ask(site)
    assert pilot.answer_due == dt.date(2026, 11, 17)  # 4 November is a holiday
    board = desk.overdue_board(coordinator, today=dt.date(2026, 11, 18))
    assert (board["overdue"], board["open"]) == (1, 1)
    assert desk.overdue_board(coordinator, today=dt.date(2026, 11, 17))["today"] == 1

    assert reviews.send_reminders(today=dt.date(2026, 11, 13)) == 1  # 2 working days before
    assert reviews.send_reminders(today=dt.date(2026, 11, 18)) == 1  # the day after the due date
    assert reviews.send_reminders(today=dt.date(2026, 11, 19)) == 0  # each once
    sent = Notification.objects.filter(kind__startswith="review.reminder_")
    assert sorted((n.recipient_id, n.kind) for n in sent) == sorted(
        (person.pk, kind)
        for person in (site_owner, site_manager)
        for kind in ("review.reminder_before", "review.reminder_overdue")
    )
    assert {n.url for n in sent} == {f"/pilots/by-case/{pilot.case_id}/"}
    assert not sent.filter(recipient=coordinator).exists()


def test_an_answered_request_leaves_the_board(ask, site, site_owner, coordinator):
    with time_machine.travel("2026-11-02 10:00 +03:00", tick=False):
        pilot = ask(site)
    services.decide(actor=site_owner, pilot=pilot, decision="accept")
    assert desk.overdue_board(coordinator, today=dt.date(2026, 11, 18))["open"] == 0
    assert reviews.send_reminders(today=dt.date(2026, 11, 18)) == 0


def test_the_companys_cabinet_lists_the_request_among_its_applications(ask, site, owner):
    pilot = ask(site)
    rows = desk.cabinet_cases(owner)
    assert [(row["case"].pk, row["url"]) for row in rows] == [
        (pilot.case_id, f"/pilots/by-case/{pilot.case_id}/")
    ]
    client = Client()
    factories.sign_in(client, owner)
    assert client.get(rows[0]["url"])["Location"] == f"/pilots/{pilot.pk}/"
