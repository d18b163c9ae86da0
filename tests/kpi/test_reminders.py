"""Reminders of KPI reports' due dates (SPEC C9): 10 and 2 working days before the due date and when
it is overdue, each once, to the owners and managers of an organisation that has a target for the
period and owes its report, counted on the Russian production calendar."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from innocluster.core.models import AuditEvent, Notification
from innocluster.kpi import services
from innocluster.kpi.models import Indicator, ReportReminder
from innocluster.kpi.periods import Period
from innocluster.kpi.reminders import send_report_reminders
from innocluster.kpi.tasks import send_kpi_reminders
from innocluster.organizations.models import OrganizationPerson
from tests import factories

# 2025's report is due on the 30th working day of 2026. 1-8 January are the New Year holidays
# and 9 January (a Friday) is the day off moved from Saturday 3 January, so the count starts on
# Monday 12 January: 12-16, 19-23, 26-30 January, 2-6, 9-13 and 16-20 February.
YEAR_DUE = dt.date(2026, 2, 20)  # a Friday
# 2026-Q3's is due on the 15th working day after 30 September: 1-2, 5-9, 12-16, 19-21 October.
QUARTER_DUE = dt.date(2026, 10, 21)  # a Wednesday


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.fixture
def manager(organization):
    person = factories.person(full_name="Мария Менеджер", language="en")
    OrganizationPerson.objects.create(organization=organization, person=person, role="manager")
    return person


@pytest.fixture
def member(organization):
    person = factories.person(full_name="Павел Сотрудник")
    OrganizationPerson.objects.create(organization=organization, person=person, role="member")
    return person


def target(coordinator, organization, period="2025", code="revenue"):
    return services.set_target(
        actor=coordinator,
        indicator=Indicator.objects.get(code=code),
        organization=organization,
        period=period,
        value="1000000",
    )[0]


def report(person, organization, period="2025", code="revenue"):
    return services.submit_report(
        actor=person,
        organization=organization,
        period=period,
        values=[{"indicator": code, "value": "1000000"}],
    )


def reminders_of(person) -> list[str]:
    return list(
        Notification.objects.filter(recipient=person, kind__startswith="kpi.reminder")
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def reminded(organization) -> list[tuple[str, str, dt.date]]:
    return sorted(
        ReportReminder.objects.filter(organization=organization).values_list("period", "which", "sent_on")
    )


def test_the_due_dates_follow_the_production_calendar(db):
    assert Period.parse("2025").due == YEAR_DUE
    assert Period.parse("2026-Q3").due == QUARTER_DUE


@pytest.mark.django_db
class TestWhenRemindersGo:
    def test_a_year_report_10_and_2_working_days_before_and_when_overdue_each_once(
        self, coordinator, organization, owner, manager, member
    ):
        target(coordinator, organization)
        runs = [
            ("2026-02-05", 0),  # 11 working days before
            ("2026-02-06", 1),  # Friday: 10 working days before (9-13, 16-20 February)
            ("2026-02-06", 0),  # the same day again
            ("2026-02-09", 0),
            ("2026-02-17", 0),  # 3 working days before: already reminded
            ("2026-02-18", 1),  # Wednesday: 2 working days before
            ("2026-02-19", 0),
            ("2026-02-20", 0),  # the due date: reminded already
            ("2026-02-21", 1),  # Saturday, the day after: overdue
            ("2026-02-24", 0),
            ("2026-03-20", 0),
        ]
        assert [(text, send_report_reminders(today=day(text))) for text, _sent in runs] == runs
        expected = ["kpi.reminder_before", "kpi.reminder_before", "kpi.reminder_overdue"]
        assert reminders_of(owner) == expected
        assert reminders_of(manager) == expected
        assert reminders_of(member) == []  # only the owners and managers act for the organisation
        assert reminded(organization) == [
            ("2025", "before_10", day("2026-02-06")),
            ("2025", "before_2", day("2026-02-18")),
            ("2025", "overdue", day("2026-02-21")),
        ]
        events = AuditEvent.objects.filter(action="kpi.report_reminded").order_by("pk")
        assert [(e.actor_id, e.object_type, e.object_id, e.data) for e in events] == [
            (None, "organizations.organization", str(organization.pk), {"period": "2025", "which": which})
            for which in ("before_10", "before_2", "overdue")
        ]

    def test_a_quarter_report_the_same_way(self, coordinator, organization, owner):
        services.create_indicator(
            actor=coordinator, code="exports", name="Экспорт", unit="₽", better="higher", period="quarter"
        )
        target(coordinator, organization, period="2026-Q3", code="exports")
        runs = [
            ("2026-10-06", 0),  # 11 working days before
            ("2026-10-07", 1),  # 10: 8-9, 12-16, 19-21 October
            ("2026-10-16", 0),  # Friday: 3 working days before
            ("2026-10-19", 1),  # Monday: 2
            ("2026-10-21", 0),  # the due date
            ("2026-10-22", 1),  # overdue
            ("2026-10-23", 0),
        ]
        assert [(text, send_report_reminders(today=day(text))) for text, _sent in runs] == runs
        assert [which for _period, which, _on in reminded(organization)] == [
            "before_10",
            "before_2",
            "overdue",
        ]
        subjects = list(
            Notification.objects.filter(recipient=owner).order_by("pk").values_list("url", flat=True)
        )
        assert subjects == [f"/kpi/report/{organization.pk}/2026-Q3/"] * 3

    def test_none_on_a_day_off_the_next_working_day_instead(self, coordinator, organization, owner):
        target(coordinator, organization)
        assert send_report_reminders(today=day("2026-02-07")) == 0  # Saturday, 10 working days before
        assert send_report_reminders(today=day("2026-02-08")) == 0  # Sunday
        assert send_report_reminders(today=day("2026-02-09")) == 1  # Monday: 9 working days before
        assert reminded(organization) == [("2025", "before_10", day("2026-02-09"))]

    def test_a_worker_down_for_days_sends_only_the_most_urgent_one(self, coordinator, organization, owner):
        target(coordinator, organization)
        assert send_report_reminders(today=day("2026-02-19")) == 1  # 1 working day before
        assert reminders_of(owner) == ["kpi.reminder_before"]
        assert reminded(organization) == [
            ("2025", "before_10", day("2026-02-19")),  # settled with it: it never goes later
            ("2025", "before_2", day("2026-02-19")),
        ]
        assert send_report_reminders(today=day("2026-02-20")) == 0

    def test_the_first_run_after_the_due_date_sends_only_the_overdue_one(
        self, coordinator, organization, owner
    ):
        target(coordinator, organization)
        assert send_report_reminders(today=day("2026-02-25")) == 1
        assert send_report_reminders(today=day("2026-02-26")) == 0
        assert reminders_of(owner) == ["kpi.reminder_overdue"]
        assert [which for _period, which, _on in reminded(organization)] == [
            "before_10",
            "before_2",
            "overdue",
        ]
        assert AuditEvent.objects.filter(action="kpi.report_reminded").count() == 1

    def test_a_long_overdue_report_gets_no_new_reminder(self, coordinator, organization, owner):
        target(coordinator, organization)
        assert send_report_reminders(today=YEAR_DUE + dt.timedelta(days=61)) == 0
        assert send_report_reminders(today=YEAR_DUE + dt.timedelta(days=60)) == 1

    def test_no_target_no_reminder(self, organization, owner):
        assert send_report_reminders(today=day("2026-02-06")) == 0
        assert reminders_of(owner) == []


@pytest.mark.django_db
class TestWhoIsReminded:
    def test_an_organisation_that_has_reported_gets_none(self, coordinator, organization, owner):
        target(coordinator, organization)
        report(owner, organization)
        assert [send_report_reminders(today=day(d)) for d in ("2026-02-06", "2026-02-18", "2026-02-21")] == [
            0,
            0,
            0,
        ]
        assert reminders_of(owner) == []

    def test_an_accepted_report_gets_none(self, coordinator, organization, owner):
        target(coordinator, organization)
        services.decide_report(actor=coordinator, report=report(owner, organization), decision="accept")
        assert send_report_reminders(today=day("2026-02-21")) == 0

    def test_a_report_returned_for_correction_is_still_owed(self, coordinator, organization, owner):
        target(coordinator, organization)
        services.decide_report(
            actor=coordinator,
            report=report(owner, organization),
            decision="return",
            comment="Приложите подтверждение выручки.",
        )
        assert send_report_reminders(today=day("2026-02-18")) == 1
        assert reminders_of(owner) == ["kpi.reminder_before"]
        report(owner, organization)  # corrected: the second version waits for its review
        assert send_report_reminders(today=day("2026-02-21")) == 0

    def test_a_person_of_another_organisation_is_not_told(self, coordinator, organization, owner, stranger):
        other = factories.organization(owner=stranger)
        target(coordinator, organization)
        target(coordinator, other)
        report(stranger, other)
        assert send_report_reminders(today=day("2026-02-06")) == 1
        assert reminders_of(owner) == ["kpi.reminder_before"]
        assert reminders_of(stranger) == []
        assert reminded(other) == []

    def test_each_organisation_owing_the_report_is_reminded_once(
        self, coordinator, organization, owner, stranger
    ):
        other = factories.organization(owner=stranger)
        target(coordinator, organization)
        target(coordinator, other)
        assert send_report_reminders(today=day("2026-02-06")) == 2
        assert reminders_of(owner) == ["kpi.reminder_before"]
        assert reminders_of(stranger) == ["kpi.reminder_before"]
        owned = [n.url for n in Notification.objects.filter(kind__startswith="kpi.reminder").order_by("pk")]
        assert owned == [f"/kpi/report/{organization.pk}/2025/", f"/kpi/report/{other.pk}/2025/"]


@pytest.mark.django_db
def test_the_reminders_are_emailed_in_each_persons_language(
    coordinator, organization, owner, manager, django_capture_on_commit_callbacks
):
    target(coordinator, organization)
    # the periodic task, on the day 10 working days before the due date
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel("2026-02-06 09:00 +03:00"):
        assert send_kpi_reminders.enqueue().return_value == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([owner.email, manager.email])
    english = by_address[manager.email]
    assert english.subject == f"{organization.short_name}: the KPI report for 2025 is due 20 February 2026"
    assert f"/kpi/report/{organization.pk}/2025/\n" in english.body
    russian = by_address[owner.email].subject
    assert organization.short_name in russian and "2025" in russian and "20 февраля 2026" in russian
    with django_capture_on_commit_callbacks(execute=True):
        assert send_report_reminders(today=day("2026-02-21")) == 1
    overdue = [m for m in mail.outbox if m.to == [manager.email]][-1]
    assert overdue.subject == (
        f"{organization.short_name}: the KPI report for 2025 is overdue, it was due 20 February 2026"
    )
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_a_run_that_sends_nothing_reads_the_same_for_1_and_3_organisations(coordinator):
    def queries_of_a_second_run() -> int:
        send_report_reminders(today=day("2026-02-06"))
        with CaptureQueriesContext(connection) as queries:
            assert send_report_reminders(today=day("2026-02-06")) == 0
        return len(queries)

    first = factories.organization()
    target(coordinator, first)
    one = queries_of_a_second_run()
    for _n in range(2):
        target(coordinator, factories.organization())
    assert queries_of_a_second_run() == one
    assert ReportReminder.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(owner):
    coordinator = factories.staff("coordinator")
    organization = factories.organization(owner=owner)
    target(coordinator, organization)
    barrier = threading.Barrier(2)
    sent = []

    def work():
        try:
            barrier.wait()
            sent.append(send_report_reminders(today=day("2026-02-25")))
        finally:
            connections.close_all()  # this thread's own: left open, it keeps the test database from being dropped

    threads = [threading.Thread(target=work) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == [0, 1]
    assert reminders_of(owner) == ["kpi.reminder_overdue"]
    assert AuditEvent.objects.filter(action="kpi.report_reminded").count() == 1
    assert ReportReminder.objects.filter(organization=organization).count() == 3
