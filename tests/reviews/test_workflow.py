import datetime as dt
import threading
from itertools import product

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innocluster.accounts.models import User
from innocluster.consortia import services as consortia
from innocluster.core.errors import InvalidInput, NotFound, TransitionNotAllowed
from innocluster.core.models import AuditEvent, Notification
from innocluster.measures.models import MeasureApplication
from innocluster.membership.models import Participation
from innocluster.reviews import services
from innocluster.reviews.enums import TRANSITIONS, ReviewStatus
from innocluster.reviews.models import ReviewCase
from tests import factories

MOSCOW_NOON = "{} 12:00 +03:00"


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.fixture
def draft(organization, owner):
    return factories.membership_application(organization=organization, actor=owner, submit=False)


def _force(case, status):
    ReviewCase.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


@pytest.mark.django_db
class TestTransitions:
    @pytest.mark.parametrize(("before", "after"), sorted(TRANSITIONS))
    def test_each_allowed_transition(self, draft, owner, coordinator, before, after):
        case = _force(draft.case, before)
        actor = owner if TRANSITIONS[(before, after)]["by"] == "applicant" else coordinator
        services.transition(case, after, actor=actor, comment="Причины указаны.")
        case.refresh_from_db()
        assert case.status == after
        event = AuditEvent.objects.filter(action="review.transition", object_id=str(case.pk)).latest("pk")
        assert (event.from_state, event.to_state, event.actor) == (before, after, actor)

    @pytest.mark.parametrize(
        ("before", "after"),
        [pair for pair in product(ReviewStatus.values, repeat=2) if pair not in TRANSITIONS],
    )
    def test_each_refused_transition(self, draft, coordinator, before, after):
        case = _force(draft.case, before)
        with pytest.raises(TransitionNotAllowed):
            services.transition(case, after, actor=coordinator, comment="x")
        case.refresh_from_db()
        assert case.status == before

    def test_staff_transition_by_the_applicant_is_404(self, draft, owner, coordinator):
        case = _force(draft.case, ReviewStatus.SUBMITTED)
        with pytest.raises(NotFound):
            services.transition(case, ReviewStatus.APPROVED, actor=owner)

    def test_applicant_transition_by_a_stranger_is_404(self, draft, stranger):
        with pytest.raises(NotFound):
            services.transition(draft.case, ReviewStatus.SUBMITTED, actor=stranger)

    @pytest.mark.parametrize("decision", ["reject", "return"])
    def test_reject_and_return_need_reasons(self, draft, owner, coordinator, decision):
        case = services.transition(draft.case, ReviewStatus.SUBMITTED, actor=owner)
        with pytest.raises(InvalidInput) as exc:
            services.decide(case, decision, actor=coordinator, comment="   ")
        assert exc.value.details["field"] == "comment"
        case.refresh_from_db()
        assert case.status == ReviewStatus.SUBMITTED


@pytest.mark.django_db
class TestDueDates:
    @pytest.mark.parametrize(
        ("submitted", "due"),
        [
            ("2024-12-25", "2025-01-17"),  # over the New Year holidays
            ("2024-04-26", "2024-05-16"),  # Saturday 27 April 2024 was a working day
            ("2024-12-17", "2025-01-09"),  # Saturday 28 December 2024 was a working day
            # 8 March 2025 fell on a Saturday; the decree moved its day off to 13 June, not to 10 March
            ("2025-03-07", "2025-03-21"),
        ],
    )
    def test_due_date_is_the_tenth_working_day(self, draft, owner, submitted, due):
        with time_machine.travel(MOSCOW_NOON.format(submitted), tick=False):
            case = services.transition(draft.case, ReviewStatus.SUBMITTED, actor=owner)
        assert case.submitted_on == dt.date.fromisoformat(submitted)
        assert case.review_due == dt.date.fromisoformat(due)

    def test_resubmission_starts_a_new_clock(self, draft, owner, coordinator):
        with time_machine.travel(MOSCOW_NOON.format("2025-02-03"), tick=False):
            case = services.transition(draft.case, ReviewStatus.SUBMITTED, actor=owner)
            services.decide(case, "return", actor=coordinator, comment="Уточните контакты.")
        with time_machine.travel(MOSCOW_NOON.format("2025-02-10"), tick=False):
            case = services.transition(case, ReviewStatus.SUBMITTED, actor=owner)
        assert (case.submitted_on, case.review_due) == (dt.date(2025, 2, 10), dt.date(2025, 2, 24))
        assert case.decision_comment == ""


@pytest.mark.django_db
class TestReminders:
    def _submitted(self, draft, owner, on):
        with time_machine.travel(MOSCOW_NOON.format(on), tick=False):
            return services.transition(draft.case, ReviewStatus.SUBMITTED, actor=owner)

    def test_reminder_two_working_days_before_and_when_overdue(self, draft, owner, coordinator):
        reviewer = factories.staff("reviewer")
        case = self._submitted(draft, owner, "2025-01-02")  # a holiday: the count starts on 9 January
        services.assign(case, assignee=reviewer, actor=coordinator)
        case.refresh_from_db()
        assert case.review_due == dt.date(2025, 1, 22)
        assert services.send_reminders(today=dt.date(2025, 1, 17)) == 0  # 3 working days before
        assert services.send_reminders(today=dt.date(2025, 1, 20)) == 1  # Monday: 2 working days before
        assert services.send_reminders(today=dt.date(2025, 1, 20)) == 0  # once
        assert services.send_reminders(today=dt.date(2025, 1, 22)) == 0  # due today: already reminded
        assert services.send_reminders(today=dt.date(2025, 1, 23)) == 1  # overdue
        assert services.send_reminders(today=dt.date(2025, 1, 27)) == 0
        kinds = list(
            Notification.objects.filter(recipient=reviewer).values_list("kind", flat=True).order_by("pk")
        )
        assert kinds == ["review.assigned", "review.reminder_before", "review.reminder_overdue"]

    def test_reminder_across_the_new_year_counts_the_working_saturday(self, draft, owner, coordinator):
        case = self._submitted(draft, owner, "2024-12-17")
        assert case.review_due == dt.date(2025, 1, 9)
        assert services.send_reminders(today=dt.date(2024, 12, 26)) == 0
        assert services.send_reminders(today=dt.date(2024, 12, 27)) == 1  # then 28 Dec (Sat) and 9 Jan
        # nobody is assigned: the coordinators are told
        assert Notification.objects.filter(recipient=coordinator, kind="review.reminder_before").count() == 1

    def test_no_reminder_on_a_day_off(self, draft, owner):
        case = self._submitted(draft, owner, "2025-01-02")
        assert case.review_due == dt.date(2025, 1, 22)
        ReviewCase.objects.filter(pk=case.pk).update(review_due=dt.date(2025, 1, 20))  # a Monday
        assert services.send_reminders(today=dt.date(2025, 1, 18)) == 0  # Saturday
        assert services.send_reminders(today=dt.date(2025, 1, 16)) == 1  # Thursday: 2 working days before


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_make_one_transition(organization, owner):
    coordinators = [factories.staff("coordinator"), factories.staff("coordinator")]
    application = factories.membership_application(organization=organization, actor=owner)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(actor, decision):
        try:
            barrier.wait()
            services.decide(application.case, decision, actor=actor, comment="Решение комиссии.")
            outcomes.append(("ok", decision))
        except TransitionNotAllowed as exc:
            outcomes.append(("conflict", exc.code))
        finally:
            connections.close_all()  # this thread's own: left open, it keeps the test database from being dropped

    threads = [
        threading.Thread(target=decide, args=(coordinators[0], "approve")),
        threading.Thread(target=decide, args=(coordinators[1], "reject")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o[0] for o in outcomes) == ["conflict", "ok"]
    assert ("conflict", "transition_not_allowed") in outcomes
    case = ReviewCase.objects.get(pk=application.case.pk)
    decided = next(o[1] for o in outcomes if o[0] == "ok")
    assert case.status == {"approve": "approved", "reject": "rejected"}[decided]
    assert (
        AuditEvent.objects.filter(
            action="review.transition", object_id=str(case.pk), from_state="submitted"
        ).count()
        == 1
    )
    assert Participation.objects.filter(organization=organization).count() == (
        1 if decided == "approve" else 0
    )


@pytest.mark.django_db
class TestDesk:
    def _open_cases(self, n):
        cases = []
        for _ in range(n):
            owner = factories.person()
            organization = factories.organization(owner=owner)
            cases.append(factories.membership_application(organization=organization, actor=owner).case)
        return cases

    def test_reviewer_sees_unassigned_and_own_only(self, coordinator):
        mine, theirs, free = self._open_cases(3)
        reviewer, other = factories.staff("reviewer"), factories.staff("reviewer")
        services.assign(mine, assignee=reviewer, actor=coordinator)
        services.assign(theirs, assignee=other, actor=coordinator)
        client = Client()
        factories.sign_in(client, reviewer)
        page = client.get("/staff/desk/").content.decode()
        assert f"/staff/desk/{mine.pk}/" in page and f"/staff/desk/{free.pk}/" in page
        assert f"/staff/desk/{theirs.pk}/" not in page
        assert client.get(f"/staff/desk/{theirs.pk}/").status_code == 404
        assert client.post(f"/staff/desk/{theirs.pk}/decide/", {"decision": "approve"}).status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == "in_review"  # assigned: its review has begun
        factories.sign_in(client, coordinator)
        assert f"/staff/desk/{theirs.pk}/" in client.get("/staff/desk/").content.decode()

    def test_a_coordinator_lists_one_reviewers_cases_and_finds_an_organisation_by_name(self, coordinator):
        mine, theirs, _free = self._open_cases(3)
        reviewer = factories.staff("reviewer", full_name="Рита Рецензент")
        services.assign(mine, assignee=reviewer, actor=coordinator)
        client = Client()
        factories.sign_in(client, coordinator)
        desk = client.get("/staff/desk/").content.decode()
        assert f'<option value="{reviewer.pk}">Рита Рецензент</option>' in desk
        listed = client.get("/staff/desk/", {"assignee": str(reviewer.pk)}).content.decode()
        assert f'<option value="{reviewer.pk}" selected>' in listed
        assert f"/staff/desk/{mine.pk}/" in listed and f"/staff/desk/{theirs.pk}/" not in listed
        # a title without the organisation's name (a KPI report's "KPI report for 2025"), or an
        # organisation renamed since: found by its name, and the column names it
        theirs.organization.short_name = "АО «Кварцевый резонатор»"
        theirs.organization.save()
        found = client.get("/staff/desk/", {"q": "кварцевый"}).content.decode()
        assert "АО «Кварцевый резонатор»" in found
        assert f"/staff/desk/{theirs.pk}/" in found and f"/staff/desk/{mine.pk}/" not in found

    def test_a_case_taken_by_a_reviewer_is_in_review_and_the_applicant_is_told(self, coordinator):
        """SPEC: submitted → in review → decision. Taking a case left it submitted: the applicant's
        progress bar said "in review" of a case nobody had begun."""
        (case,) = self._open_cases(1)
        reviewer = factories.staff("reviewer")
        client = Client()
        factories.sign_in(client, reviewer)
        services.assign(case, assignee=reviewer, actor=reviewer)
        case.refresh_from_db()
        assert (case.status, case.assignee_id) == ("in_review", reviewer.pk)
        event = AuditEvent.objects.filter(action="review.transition", object_id=str(case.pk)).latest("pk")
        assert (event.from_state, event.to_state, event.actor_id) == ("submitted", "in_review", reviewer.pk)
        assert Notification.objects.filter(recipient=case.applicant, kind="review.in_review").exists()
        services.decide(case, "approve", actor=reviewer)
        case.refresh_from_db()
        assert case.status == "approved"

    def test_a_reviewer_never_reads_an_organisations_draft(self, coordinator, draft):
        """A draft is the organisation's own until it submits: no reviewer has a reason to read it
        (it was listed under ?status=draft and opened from there)."""
        client = Client()
        factories.sign_in(client, factories.staff("reviewer"))
        assert f"/staff/desk/{draft.case.pk}/" not in client.get("/staff/desk/?status=draft").content.decode()
        assert client.get(f"/staff/desk/{draft.case.pk}/").status_code == 404
        factories.sign_in(client, coordinator)
        assert client.get(f"/staff/desk/{draft.case.pk}/").status_code == 200

    @pytest.mark.parametrize("role", [None, "expert"])
    def test_desk_is_404_to_others(self, role):
        (case,) = self._open_cases(1)
        client = Client()
        factories.sign_in(client, factories.staff(role) if role else factories.person())
        assert client.get("/staff/desk/").status_code == 404
        assert client.get(f"/staff/desk/{case.pk}/").status_code == 404

    def test_decision_without_reload_and_its_errors(self, coordinator):
        (case,) = self._open_cases(1)
        client = Client()
        factories.sign_in(client, coordinator)
        response = client.post(
            f"/staff/desk/{case.pk}/decide/", {"decision": "reject", "comment": ""}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert 'data-testid="case-status"' in response.content.decode()
        case.refresh_from_db()
        assert case.status == "submitted"
        response = client.post(
            f"/staff/desk/{case.pk}/decide/", {"decision": "approve", "comment": ""}, HTTP_HX_REQUEST="true"
        )
        assert "<html" not in response.content.decode()  # a fragment, swapped into the page
        case.refresh_from_db()
        assert case.status == "approved"

    def test_overdue_board(self, coordinator):
        late, today, soon, later = self._open_cases(4)
        now = dt.date(2025, 1, 21)  # Tuesday
        for case, due in [
            (late, "2025-01-20"),
            (today, "2025-01-21"),
            (soon, "2025-01-23"),
            (later, "2025-01-24"),
        ]:
            ReviewCase.objects.filter(pk=case.pk).update(review_due=due)
        with time_machine.travel(MOSCOW_NOON.format(now), tick=False):
            client = Client()
            factories.sign_in(client, coordinator)
            page = client.get("/staff/desk/").content.decode()
            assert 'data-testid="board-overdue">1<' in page
            assert 'data-testid="board-today">1<' in page
            assert 'data-testid="board-soon">1<' in page
            overdue = client.get("/staff/desk/?bucket=overdue").content.decode()
            assert f"/staff/desk/{late.pk}/" in overdue and f"/staff/desk/{today.pk}/" not in overdue

    def test_desk_queries_do_not_grow_with_rows(self, coordinator):
        client = Client()
        factories.sign_in(client, coordinator)

        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/staff/desk/").status_code == 200
            return len(captured)

        self._open_cases(1)
        one = queries()
        self._open_cases(2)
        assert queries() == one

    def test_staff_opening_a_case_is_logged(self, coordinator):
        (case,) = self._open_cases(1)
        client = Client()
        factories.sign_in(client, coordinator)
        assert client.get(f"/staff/desk/{case.pk}/").status_code == 200
        assert AuditEvent.objects.filter(
            action="personal_data.read", actor=coordinator, object_id=str(case.pk)
        ).exists()


@pytest.mark.django_db
class TestByCaseLinks:
    def test_the_cabinet_links_redirect_only_those_who_may_see_the_target(self, api, organization, owner):
        factories.participant(organization)
        application_id = (
            api.as_(owner)
            .post(
                "/applications",
                {
                    "measure": "patent-compensation",
                    "organization_id": organization.pk,
                    "items": [{"category": "invention", "amount": "1000", "jurisdiction": "ru"}],
                },
            )
            .json()["id"]
        )
        case_id = MeasureApplication.objects.get(pk=application_id).case_id
        consortium = consortia.create_consortium(
            actor=owner,
            coordinator=organization,
            name="Кластер",
            description="Микроэлектроника.",
            areas=["26"],
            projects=[{"title": "Чип", "description": ""}],
        )
        links = [
            (f"/measures/applications/by-case/{case_id}/", f"/measures/applications/{application_id}/"),
            (f"/consortia/by-case/{consortium.case_id}/", f"/consortia/{consortium.pk}/"),
        ]
        mine, theirs = Client(), Client()
        factories.sign_in(mine, owner)
        factories.sign_in(theirs, factories.person())
        for link, target in links:
            response = mine.get(link)
            assert response.status_code == 302 and response["Location"] == target
            assert theirs.get(link).status_code == 404


@pytest.mark.django_db
def test_a_measure_applications_title_reads_in_the_readers_language(organization, owner):
    """English pages, the cabinet and notifications showed «Софинансирование покупки
    оборудования…: ООО …»: the case's title was written once, in Russian."""
    from innocluster.measures import services as measures
    from innocluster.measures.models import Measure

    User.objects.filter(pk=owner.pk).update(language="en")
    owner.refresh_from_db()
    factories.participant(organization)
    measure = Measure.objects.get(code="pilot-testing")
    application = measures.apply(
        actor=owner,
        measure=measure,
        organization=organization,
        raw_items=[{"category": "labor", "amount": "1000"}],
        pilot_id=factories.pilot(organization).pk,
    )
    case = application.case
    assert (case.title, case.title_en) == (
        f"{measure.title_ru}: {organization.short_name}",
        f"{measure.title_en}: {organization.short_name}",
    )
    submitted = Notification.objects.get(recipient=owner, kind="review.submitted")
    assert measure.title_en in submitted.subject and measure.title_ru not in submitted.subject
    client = Client()
    factories.sign_in(client, factories.staff("coordinator"))
    client.cookies["django_language"] = "en"
    assert f"{measure.title_en}: " in client.get(f"/staff/desk/{case.pk}/").content.decode()
    client.cookies["django_language"] = "ru"
    assert f"{measure.title_ru}: " in client.get(f"/staff/desk/{case.pk}/").content.decode()
