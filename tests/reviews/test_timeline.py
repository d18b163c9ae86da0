"""The status timeline of an application (innocluster.reviews.timeline): which steps are done,
which is current, and the date each was reached; the same helper for every kind."""

import pytest
from django.test import Client
from django.utils import timezone

from innocluster.measures import services as measures
from innocluster.measures.models import Measure
from innocluster.reviews import services as reviews
from innocluster.reviews.timeline import case_timeline
from tests import factories


def shape(case):
    return [(step.key, step.state, step.date) for step in case_timeline(case)]


@pytest.mark.django_db
class TestTimeline:
    def test_a_measure_from_draft_to_the_agreement(self, organization, owner):
        factories.participant(organization)
        coordinator = factories.staff("coordinator")
        today = timezone.localdate()
        application = measures.apply(
            actor=owner,
            measure=Measure.objects.get(code="pilot-testing"),
            organization=organization,
            raw_items=[{"category": "labor", "amount": "1000"}],
            pilot_id=factories.pilot(organization).pk,
            draft=True,
        )
        case = application.case
        assert shape(case) == [
            ("submitted", "current", None),
            ("in_review", "upcoming", None),
            ("decision", "upcoming", None),
            ("agreement", "upcoming", None),
            ("payments", "upcoming", None),
        ]
        measures.submit_application(actor=owner, application=application)
        case.refresh_from_db()
        assert shape(case)[:3] == [
            ("submitted", "done", today),
            ("in_review", "current", None),
            ("decision", "upcoming", None),
        ]
        case = reviews.decide(case, "approve", actor=coordinator)
        steps = case_timeline(case)
        assert [(s.key, s.state, s.date) for s in steps] == [
            ("submitted", "done", today),
            ("in_review", "done", None),  # decided straight from "submitted"
            ("decision", "done", today),
            ("agreement", "current", None),
            ("payments", "upcoming", None),
        ]
        assert str(steps[2].label) == "Решение: Одобрена"
        application.refresh_from_db()
        measures.sign_agreement(actor=owner, application=application)
        case.refresh_from_db()
        assert shape(case)[3:] == [("agreement", "done", today), ("payments", "current", None)]

    def test_a_rejected_membership_has_three_steps_and_nothing_current(self, organization, owner):
        coordinator = factories.staff("coordinator")
        application = factories.membership_application(organization=organization, actor=owner)
        case = reviews.transition(application.case, "in_review", actor=coordinator)
        case = reviews.decide(case, "reject", actor=coordinator, comment="Не инновационная деятельность.")
        today = timezone.localdate()
        assert shape(case) == [
            ("submitted", "done", today),
            ("in_review", "done", today),
            ("decision", "done", today),
        ]

    def test_a_returned_application_waits_for_its_applicant(self, organization, owner):
        coordinator = factories.staff("coordinator")
        application = factories.membership_application(organization=organization, actor=owner)
        case = reviews.decide(application.case, "return", actor=coordinator, comment="Уточните контакты.")
        today = timezone.localdate()
        steps = case_timeline(case)
        assert [(s.key, s.state, s.date) for s in steps] == [
            ("submitted", "done", today),
            ("in_review", "done", None),
            ("returned", "current", today),
        ]
        assert str(steps[2].label) == "Возвращена на доработку"
        # on the page it is now, not a "next step"
        client = Client()
        factories.sign_in(client, owner)
        page = client.get(f"/membership/{organization.pk}/").content.decode()
        returned = page.split('data-step="returned"')[1].split("</li>")[0]
        assert "сейчас: ждёт ваших исправлений" in returned and "следующий шаг" not in returned

    def test_a_terminated_agreement_shows_it_was_signed_and_then_ended(self, organization, owner):
        factories.participant(organization)
        coordinator = factories.staff("coordinator")
        application = measures.apply(
            actor=owner,
            measure=Measure.objects.get(code="pilot-testing"),
            organization=organization,
            raw_items=[{"category": "labor", "amount": "1000"}],
            pilot_id=factories.pilot(organization).pk,
        )
        case = reviews.decide(application.case, "approve", actor=coordinator)
        application.refresh_from_db()
        measures.sign_agreement(actor=owner, application=application)
        case.refresh_from_db()
        case = reviews.transition(case, "terminated", actor=coordinator, comment="Получатель отказался.")
        today = timezone.localdate()
        steps = case_timeline(case)
        assert [(s.key, s.state, s.date) for s in steps][2:] == [
            ("decision", "done", today),
            ("agreement", "done", today),
            ("terminated", "done", today),
        ]
        assert str(steps[4].label) == "Расторгнута"

    def test_the_membership_page_shows_the_timeline_and_the_cases_number(self, organization, owner):
        application = factories.membership_application(organization=organization, actor=owner)
        client = Client()
        factories.sign_in(client, owner)
        html = client.get(f"/membership/{organization.pk}/").content.decode()
        assert f"№{application.case_id}<" in html
        assert '<li class="timeline__step is-done" data-step="submitted">' in html
        assert 'class="timeline__step is-current" data-step="in_review" aria-current="step"' in html
