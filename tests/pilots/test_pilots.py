"""The pilot testing programme (SPEC C6): sites, requests with their answer date, the site's
decision under its capacity, the protocol and its versions, and who sees what."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.core.models import AuditEvent, Notification
from innocluster.organizations.models import OrganizationPerson
from innocluster.pilots import services
from innocluster.pilots.models import Pilot, Protocol, ProtocolResult
from tests import factories
from tests.pilots.conftest import CRITERIA, pilot_body

D = Decimal


def decide(api, user, pilot, decision="accept", comment=""):
    return api.as_(user).post(f"/pilots/{pilot.pk}/decision", {"decision": decision, "comment": comment})


def accepted(pilot, by):
    return services.decide(actor=by, pilot=pilot, decision="accept")


@pytest.mark.django_db
class TestSites:
    def test_a_coordinator_adds_a_site_and_gets_it_back(self, api, coordinator, site_org):
        body = {
            "organization_id": site_org.pk,
            "name": "ГБОУ Школа № 57",
            "category": "education",
            "address": "Москва, Малый Знаменский пер., 7",
            "testable": "Образовательные платформы",
            "capacity": 3,
            "contact_email": "pilots@school.example.org",
        }
        response = api.as_(coordinator).post("/test-sites", body)
        assert response.status_code == 201, response.content
        answer = response.json()
        assert answer == {**body, "id": answer["id"], "district": ""}
        assert (
            AuditEvent.objects.filter(action="pilot.site_created", object_id=str(answer["id"])).count() == 1
        )
        # the site organisation's owner learns that it is a site now
        assert Notification.objects.filter(
            recipient=site_org.people.get().person, kind="pilot.site_created"
        ).exists()

    @pytest.mark.parametrize("role", ["reviewer", "expert", None])
    def test_only_coordinators_add_sites(self, api, site_org, role, owner):
        user = factories.staff(role) if role else owner
        body = {
            "organization_id": site_org.pk,
            "name": "Школа",
            "category": "education",
            "address": "Москва",
            "testable": "Всё",
            "capacity": 1,
            "contact_email": "a@example.org",
        }
        assert api.as_(user).post("/test-sites", body).status_code == 403
        assert api.post("/test-sites", body).status_code == 401

    @pytest.mark.parametrize(
        ("field", "value"),
        [("category", "spaceport"), ("capacity", 0), ("contact_email", "not-an-address"), ("name", "Ш\x00")],
    )
    def test_bad_site_input_is_a_422_naming_the_field(self, api, coordinator, site_org, field, value):
        body = {
            "organization_id": site_org.pk,
            "name": "Школа",
            "category": "education",
            "address": "Москва",
            "testable": "Всё",
            "capacity": 1,
            "contact_email": "a@example.org",
            field: value,
        }
        response = api.as_(coordinator).post("/test-sites", body)
        assert response.status_code == 422, response.content
        assert field in str(response.json()["details"])

    def test_the_catalogue_is_public_and_filters_by_category(self, api, make_site):
        clinic = make_site(category="healthcare", name="Поликлиника")
        make_site(category="transport", name="Депо")
        answer = api.get("/test-sites", {"category": "healthcare"}).json()
        assert answer == [
            {
                "id": clinic.pk,
                "name": "Поликлиника",
                "category": "healthcare",
                "organization_id": clinic.organization_id,
                "district": "Тверской",
                "capacity": 1,
                "acceptance_rate": None,
                "median_answer_days": None,
            }
        ]
        assert len(api.get("/test-sites").json()) == 2
        assert len(api.get("/test-sites", {"category": ""}).json()) == 2  # a form's "any": no filter
        assert api.get("/test-sites", {"category": "moon"}).status_code == 422

    def test_the_catalogue_filters_by_district(self, api, make_site, coordinator, site_org):
        make_site(name="Поликлиника")
        services.create_site(
            actor=coordinator,
            organization=site_org,
            name="Депо",
            category="transport",
            address="Москва",
            district="Хамовники",
            testable="Автобусы",
            capacity=1,
            contact_email="depot@example.org",
        )
        assert [s["name"] for s in api.get("/test-sites", {"district": "хамовники"}).json()] == ["Депо"]

    def test_acceptance_rate_and_median_answer_days_are_computed(
        self, api, make_site, ask, site_owner, owner
    ):
        site = make_site(capacity=10)
        # requested on Friday 26 December 2025; answered over the New Year holidays
        with time_machine.travel("2025-12-26 10:00 +03:00", tick=False):
            first, second, third, waiting = (ask(site) for _ in range(4))
        with time_machine.travel("2025-12-29 10:00 +03:00", tick=False):  # 1 working day
            accepted(first, site_owner)
        with time_machine.travel("2026-01-12 10:00 +03:00", tick=False):  # 3: 29, 30 Dec, 12 Jan
            services.decide(actor=site_owner, pilot=second, decision="decline", comment="Нет мест.")
        with time_machine.travel("2026-01-14 10:00 +03:00", tick=False):  # 5
            accepted(third, site_owner)
        row = api.get("/test-sites").json()[0]
        assert row["acceptance_rate"] == 0.67  # 2 of 3 decided; the one waiting does not count
        assert row["median_answer_days"] == 3
        # the site said yes, whatever the company did next: a cancelled acceptance still counts
        services.cancel(actor=owner, pilot=third)
        assert api.get("/test-sites").json()[0]["acceptance_rate"] == 0.67
        assert waiting.status == "requested"

    def test_the_catalogue_takes_the_same_queries_for_one_site_or_many(self, api, make_site, ask, site_owner):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert api.get("/test-sites").status_code == 200
            return len(captured)

        accepted(ask(make_site(name="A")), site_owner)
        one = queries()
        for name in ("B", "C", "D"):
            accepted(ask(make_site(name=name)), site_owner)
        assert queries() == one


@pytest.mark.django_db
class TestRequests:
    def test_the_answer_is_due_on_the_10th_working_day_over_the_new_year(self, api, owner, company, site):
        # from Friday 26 December 2025: 29, 30 December, then 12-16, 19-21 January (31 December and
        # 1-11 January are days off); without the holidays it would be 12 January's week earlier
        with time_machine.travel("2025-12-26 10:00 +03:00", tick=False):
            response = api.as_(owner).post("/pilots", pilot_body(company, site))
        assert response.status_code == 201, response.content
        pilot = Pilot.objects.get()
        assert response.json() == {"id": pilot.pk, "status": "requested", "answer_due": "2026-01-21"}
        assert [(c.name, c.better, c.target) for c in pilot.criteria.all()] == [
            ("Время ожидания", "lower", D("15")),
            ("Доля успешных распознаваний", "higher", D("95.5")),
        ]
        assert (
            Notification.objects.filter(
                recipient=site.organization.people.get().person, kind="pilot.requested"
            ).count()
            == 1
        )
        assert AuditEvent.objects.filter(action="pilot.requested", object_id=str(pilot.pk)).count() == 1

    def test_a_one_day_pilot_is_accepted(self, api, owner, company, site):
        response = api.as_(owner).post("/pilots", pilot_body(company, site, "2027-03-01", "2027-03-01"))
        assert response.status_code == 201

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"criteria": []}, "criteria"),
            ({"starts_on": "2027-03-02", "ends_on": "2027-03-01"}, "ends_on"),
            ({"starts_on": "2020-01-01", "ends_on": "2020-02-01"}, "starts_on"),  # a period gone by
            ({"criteria": [{**CRITERIA[0], "better": "sideways"}]}, "criteria"),
            ({"product": "П" * 2000}, "product"),
            ({"product": "Помощник\x00"}, "product"),
            ({"goals": "Цели\x1b"}, "goals"),
            ({"starts_on": "2027-02-30"}, "starts_on"),
            ({"criteria": [{**CRITERIA[0], "target": "NaN"}]}, "criteria"),
            ({"criteria": [CRITERIA[0], CRITERIA[0]]}, "criteria"),
        ],
    )
    def test_bad_input_is_a_422_naming_the_field(self, api, owner, company, site, change, field):
        response = api.as_(owner).post("/pilots", {**pilot_body(company, site), **change})
        assert response.status_code == 422, response.content
        assert field in str(response.json()["details"])
        assert not Pilot.objects.exists()

    def test_a_start_gone_by_and_an_end_before_it_are_both_named(self, api, owner, company, site):
        body = {**pilot_body(company, site), "starts_on": "2020-07-01", "ends_on": "2020-06-30"}
        response = api.as_(owner).post("/pilots", body, **{"Accept-Language": "en"})
        assert response.status_code == 422
        assert response.json()["details"] == {
            "field": "starts_on",
            "fields": {
                "starts_on": "A pilot cannot start before the day it is asked for.",
                "ends_on": "The pilot cannot end before it starts.",
            },
        }

    def test_only_a_participant_asks(self, api, owner, organization, site):
        response = api.as_(owner).post("/pilots", pilot_body(organization, site))
        assert response.status_code == 409
        assert response.json()["code"] == "not_participant"

    def test_a_site_nobody_answers_for_takes_no_request(self, api, owner, company, site):
        """Its organisation's only representative left: a request would wait for nobody."""
        from django.test import Client

        site.organization.people.all().delete()
        response = api.as_(owner).post("/pilots", pilot_body(company, site))
        assert (response.status_code, response.json()["code"]) == (409, "site_unattended")
        assert not site.pilots.exists()
        page = Client().get(f"/pilots/sites/{site.pk}/", headers={"Accept-Language": "ru"}).content.decode()
        assert 'data-testid="site-unattended"' in page and 'data-testid="request-pilot"' not in page

    def test_a_stranger_cannot_ask_for_someone_elses_company(self, api, stranger, company, site):
        assert api.as_(stranger).post("/pilots", pilot_body(company, site)).status_code == 404
        member = factories.person()
        OrganizationPerson.objects.create(organization=company, person=member, role="member")
        assert api.as_(member).post("/pilots", pilot_body(company, site)).status_code == 404


@pytest.mark.django_db
class TestDecision:
    def test_the_site_declines_with_reasons_and_the_company_is_told(
        self, api, ask, site, site_manager, owner
    ):
        pilot = ask(site)
        response = decide(api, site_manager, pilot, "decline")
        assert response.status_code == 422
        assert response.json()["details"]["field"] == "comment"
        response = decide(api, site_manager, pilot, "decline", "Нет подходящего помещения.")
        assert response.json() == {"id": pilot.pk, "status": "declined"}
        pilot.refresh_from_db()
        assert (pilot.decided_by, pilot.decision_comment) == (site_manager, "Нет подходящего помещения.")
        note = Notification.objects.get(recipient=owner, kind="pilot.declined")
        assert note.body == "Нет подходящего помещения."
        event = AuditEvent.objects.get(action="pilot.declined")
        assert (event.from_state, event.to_state) == ("requested", "declined")
        # a decided request is decided
        assert decide(api, site_manager, pilot).status_code == 409

    def test_the_company_may_see_but_not_decide(self, api, ask, site, owner):
        pilot = ask(site)
        assert decide(api, owner, pilot).status_code == 403
        assert (
            api.as_(factories.staff("coordinator"))
            .post(f"/pilots/{pilot.pk}/decision", {"decision": "accept"})
            .status_code
            == 403
        )

    def test_capacity_exactly_full_then_one_over(self, api, make_site, ask, site_owner):
        site = make_site(capacity=2)
        first, second = ask(site, "2027-03-01", "2027-03-31"), ask(site, "2027-03-10", "2027-04-10")
        third = ask(site, "2027-03-20", "2027-03-25")
        assert decide(api, site_owner, first).json()["status"] == "accepted"
        assert decide(api, site_owner, second).json()["status"] == "accepted"  # exactly full
        response = decide(api, site_owner, third)  # one over
        assert response.status_code == 409
        answer = response.json()
        assert answer["code"] == "site_full"
        assert [p["id"] for p in answer["details"]["pilots"]] == [first.pk, second.pk]
        assert answer["details"]["capacity"] == 2
        third.refresh_from_db()
        assert third.status == "requested"  # it may be accepted once a place frees

    def test_an_acceptance_tells_the_company_and_is_audited(self, api, ask, site, site_owner, owner):
        pilot = ask(site)
        assert decide(api, site_owner, pilot).json() == {"id": pilot.pk, "status": "accepted"}
        assert Notification.objects.filter(recipient=owner, kind="pilot.accepted").count() == 1
        assert not Notification.objects.filter(recipient=site_owner, kind="pilot.accepted").exists()
        event = AuditEvent.objects.get(action="pilot.accepted")
        assert (event.actor, event.from_state, event.to_state) == (site_owner, "requested", "accepted")

    def test_site_full_is_said_in_russian(self, api, make_site, ask, site_owner):
        site = make_site(capacity=1)
        accepted(ask(site), site_owner)
        response = api.as_(site_owner).post(
            f"/pilots/{ask(site).pk}/decision", {"decision": "accept"}, **{"Accept-Language": "ru"}
        )
        assert response.json()["message"] == (
            "У площадки нет мест на этот период: с ним пересекается 1 принятое или идущее пилотное тестирование."
        )

    def test_periods_that_touch_on_the_same_day_overlap(self, api, make_site, ask, site_owner):
        site = make_site(capacity=1)
        accepted(ask(site, "2027-03-01", "2027-03-31"), site_owner)
        touching_end = ask(site, "2027-03-31", "2027-04-30")  # starts on the other's last day
        touching_start = ask(site, "2027-02-01", "2027-03-01")  # ends on the other's first day
        after = ask(site, "2027-04-01", "2027-04-30")  # the day after: free
        assert decide(api, site_owner, touching_end).json()["code"] == "site_full"
        assert decide(api, site_owner, touching_start).json()["code"] == "site_full"
        assert decide(api, site_owner, after).json()["status"] == "accepted"

    def test_declined_cancelled_and_completed_pilots_hold_no_place(self, make_site, ask, site_owner, owner):
        site = make_site(capacity=1)
        services.decide(actor=site_owner, pilot=ask(site), decision="decline", comment="Нет.")
        services.cancel(actor=owner, pilot=accepted(ask(site), site_owner))
        assert accepted(ask(site), site_owner).status == "accepted"

    def test_only_the_company_cancels_and_only_before_the_pilot_runs(
        self, ask, site, site_owner, owner, stranger
    ):
        pilot = ask(site)
        with pytest.raises(services.PermissionDenied):
            services.cancel(actor=site_owner, pilot=pilot)
        with pytest.raises(services.NotFound):
            services.cancel(actor=stranger, pilot=pilot)
        assert services.cancel(actor=owner, pilot=pilot).status == "cancelled"
        assert Notification.objects.filter(recipient=site_owner, kind="pilot.cancelled").count() == 1
        with pytest.raises(services.TransitionNotAllowed):
            services.decide(actor=site_owner, pilot=pilot, decision="accept")

    def test_an_accepted_pilot_cannot_be_cancelled_once_its_first_day_has_come(
        self, ask, site, site_owner, owner
    ):
        pilot = accepted(ask(site, "2027-03-01", "2027-03-31"), site_owner)
        # the hourly task has not marked it running yet: the date alone decides
        with (
            time_machine.travel("2027-03-01 09:00 +03:00", tick=False),
            pytest.raises(services.TransitionNotAllowed),
        ):
            services.cancel(actor=owner, pilot=pilot)
        with time_machine.travel("2027-02-28 09:00 +03:00", tick=False):
            assert services.cancel(actor=owner, pilot=pilot).status == "cancelled"

    def test_a_running_pilot_holds_its_place_and_a_completed_one_frees_it(self, ask, site, site_owner):
        running = accepted(ask(site, "2027-03-01", "2027-03-31"), site_owner)
        services.start_due_pilots(today=dt.date(2027, 3, 1))
        running.refresh_from_db()
        assert running.status == "running"
        overlapping = ask(site, "2027-03-15", "2027-04-15")
        with pytest.raises(services.Conflict) as refused:
            accepted(overlapping, site_owner)
        assert refused.value.code == "site_full"
        services.submit_protocol(
            actor=site_owner,
            pilot=running,
            results=[{"criterion": c["name"], "value": c["target"]} for c in CRITERIA],
            feedback=[],
            conclusion="recommended",
        )
        assert accepted(overlapping, site_owner).status == "accepted"

    def test_accepted_pilots_run_from_their_first_day(self, ask, site, site_owner, owner):
        pilot = accepted(ask(site, "2027-03-01", "2027-03-31"), site_owner)
        assert services.start_due_pilots(today=dt.date(2027, 2, 28)) == 0
        assert services.start_due_pilots(today=dt.date(2027, 3, 1)) == 1
        pilot.refresh_from_db()
        assert pilot.status == "running"
        assert services.start_due_pilots(today=dt.date(2027, 3, 2)) == 0
        assert (
            Notification.objects.filter(kind="pilot.running", recipient__in=[owner, site_owner]).count() == 2
        )
        # a running pilot can no longer be cancelled
        with pytest.raises(services.TransitionNotAllowed):
            services.cancel(actor=owner, pilot=pilot)


def protocol_body(**extra):
    return {
        "results": [
            {"criterion": "Время ожидания", "value": "15"},
            {"criterion": "Доля успешных распознаваний", "value": "95.5"},
        ],
        "feedback": [
            {"rating": 5, "comment": "Удобно"},
            {"rating": 4, "comment": ""},
            {"rating": 4, "comment": ""},
        ],
        "conclusion": "recommended",
        "comment": "Рекомендуем к внедрению.",
        **extra,
    }


@pytest.mark.django_db
class TestProtocol:
    def test_a_rating_of_true_is_refused_not_read_as_one(self, api, ask, site, site_owner):
        pilot = accepted(ask(site), site_owner)
        body = protocol_body(feedback=[{"rating": True, "comment": "x"}])
        response = api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", body)
        assert response.status_code == 422 and response.json()["details"]["field"] == "feedback.0.rating"
        pilot.refresh_from_db()
        assert pilot.status == "accepted" and not pilot.protocols.exists()

    def test_exactly_at_the_target_is_met_for_higher_and_lower(self, api, ask, site, site_owner, owner):
        pilot = accepted(ask(site), site_owner)
        response = api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", protocol_body())
        assert response.status_code == 200, response.content
        assert response.json() == {
            "id": pilot.pk,
            "status": "completed",
            "version": 1,
            "conclusion": "recommended",
            "comment": "Рекомендуем к внедрению.",
            "criteria": [
                {
                    "name": "Время ожидания",
                    "unit": "мин",
                    "better": "lower",
                    "target": "15",
                    "value": "15",
                    "met": True,
                },
                {
                    "name": "Доля успешных распознаваний",
                    "unit": "%",
                    "better": "higher",
                    "target": "95.5",
                    "value": "95.5",
                    "met": True,
                },
            ],
            "feedback_count": 3,
            "average_rating": "4.33",
            "distribution": {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1},
        }
        assert Notification.objects.filter(recipient=owner, kind="pilot.completed").count() == 1

    def test_a_hair_past_the_target_on_the_wrong_side_is_not_met(self, api, ask, site, site_owner):
        pilot = accepted(ask(site), site_owner)
        body = protocol_body(
            results=[
                {"criterion": "Время ожидания", "value": "15.0001"},
                {"criterion": "доля успешных распознаваний", "value": "95.4999"},
            ],
            feedback=[],
        )
        answer = api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", body).json()
        assert [(c["value"], c["met"]) for c in answer["criteria"]] == [
            ("15.0001", False),
            ("95.4999", False),
        ]
        assert answer["average_rating"] is None
        assert answer["feedback_count"] == 0

    def test_the_average_rounds_half_up(self, api, ask, site, site_owner):
        pilot = accepted(ask(site), site_owner)
        ratings = [5, 5, 5, 5, 5, 4, 2, 2]  # 33 / 8 = 4.125
        body = protocol_body(feedback=[{"rating": r, "comment": ""} for r in ratings])
        assert (
            api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", body).json()["average_rating"] == "4.13"
        )

    def test_every_criterion_needs_a_value(self, api, ask, site, site_owner):
        pilot = accepted(ask(site), site_owner)
        body = protocol_body(results=[{"criterion": "Время ожидания", "value": "3"}])
        response = api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", body)
        assert response.status_code == 422
        assert response.json()["details"]["missing"] == ["Доля успешных распознаваний"]
        unknown = protocol_body(results=[*body["results"], {"criterion": "Скорость", "value": "1"}])
        assert api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", unknown).status_code == 422
        for rating in (0, 6):
            bad = protocol_body(feedback=[{"rating": rating}])
            assert api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", bad).status_code == 422
        assert not Protocol.objects.exists()
        pilot.refresh_from_db()
        assert pilot.status == "accepted"

    def test_only_an_accepted_or_running_pilot_gets_its_protocol(self, api, ask, site, site_owner, owner):
        pilot = ask(site)
        response = api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", protocol_body())
        assert response.status_code == 409
        assert response.json()["code"] == "transition_not_allowed"
        accepted(pilot, site_owner)
        assert api.as_(owner).post(f"/pilots/{pilot.pk}/protocol", protocol_body()).status_code == 403
        services.start_due_pilots(today=pilot.starts_on)
        assert api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", protocol_body()).status_code == 200

    def test_a_correction_is_a_new_version_and_the_old_one_stays(self, api, ask, site, site_owner, owner):
        pilot = accepted(ask(site), site_owner)
        api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", protocol_body())
        first = Protocol.objects.get()
        before = list(ProtocolResult.objects.filter(protocol=first).values_list("value", "met"))
        corrected = protocol_body(
            results=[
                {"criterion": "Время ожидания", "value": "20"},
                {"criterion": "Доля успешных распознаваний", "value": "97"},
            ],
            conclusion="needs_work",
        )
        response = api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", corrected)
        assert response.json()["version"] == 2
        assert response.json()["status"] == "completed"
        assert list(ProtocolResult.objects.filter(protocol=first).values_list("value", "met")) == before
        first.refresh_from_db()
        assert first.conclusion == "recommended"
        card = api.as_(owner).get(f"/pilots/{pilot.pk}").json()
        assert card["protocol_versions"] == [1, 2]
        assert card["protocol"]["version"] == 2
        assert card["protocol"]["conclusion"] == "needs_work"
        assert AuditEvent.objects.filter(action="pilot.protocol_corrected").count() == 1


@pytest.mark.django_db
class TestWhoSees:
    def test_a_stranger_gets_404_on_every_pilot_endpoint(self, api, ask, site, site_owner, stranger):
        pilot = accepted(ask(site), site_owner)
        expert = factories.staff("expert")
        for user in (stranger, expert):
            client = api.as_(user)
            assert client.get(f"/pilots/{pilot.pk}").status_code == 404
            assert client.post(f"/pilots/{pilot.pk}/decision", {"decision": "accept"}).status_code == 404
            assert client.post(f"/pilots/{pilot.pk}/protocol", protocol_body()).status_code == 404
        assert api.get(f"/pilots/{pilot.pk}").status_code == 404
        assert api.as_(stranger).get("/pilots/999999999").status_code == 404
        pilot.refresh_from_db()
        assert pilot.status == "accepted"

    def test_the_company_the_site_and_the_desk_see_the_pilot(self, api, ask, site, site_owner, owner):
        pilot = ask(site)
        for user in (owner, site_owner, factories.staff("reviewer"), factories.staff("coordinator")):
            response = api.as_(user).get(f"/pilots/{pilot.pk}")
            assert response.status_code == 200
            assert response.json()["status"] == "requested"
            assert response.json()["criteria"][1] == {
                "name": "Доля успешных распознаваний",
                "unit": "%",
                "better": "higher",
                "target": "95.5",
            }
            assert response.json()["protocol"] is None


@pytest.mark.django_db
def test_a_submitted_protocols_feedback_figures_never_change(ask, site, site_owner):
    """Public entries left after the protocol are not its own: its count, average and distribution
    stay as submitted (a correction is a new version)."""
    from innocluster.pilots.enums import FeedbackSource
    from innocluster.pilots.models import Feedback
    from innocluster.pilots.selectors import protocol_summary

    pilot = accepted(ask(site), site_owner)
    Feedback.objects.create(pilot=pilot, rating=3, source=FeedbackSource.PUBLIC)  # before: counted
    protocol = services.submit_protocol(
        actor=site_owner,
        pilot=pilot,
        results=[{"criterion": c["name"], "value": c["target"]} for c in CRITERIA],
        feedback=[{"rating": 5, "comment": "Удобно"}],
        conclusion="recommended",
    )
    before = protocol_summary(protocol)
    assert (before["feedback_count"], before["average_rating"]) == (2, Decimal("4.00"))
    Feedback.objects.create(pilot=pilot, rating=1, source=FeedbackSource.PUBLIC)  # after: not its own
    assert protocol_summary(protocol) == before


@pytest.mark.django_db
def test_a_protocol_given_without_feedback_keeps_its_figures_too(ask, site, site_owner):
    """The page's protocol gives no feedback of its own: it counts what came before it, never a
    public entry left after it."""
    from innocluster.pilots.enums import FeedbackSource
    from innocluster.pilots.models import Feedback
    from innocluster.pilots.selectors import protocol_summary

    pilot = accepted(ask(site), site_owner)
    Feedback.objects.create(pilot=pilot, rating=4, source=FeedbackSource.PUBLIC)
    protocol = services.submit_protocol(
        actor=site_owner,
        pilot=pilot,
        results=[{"criterion": c["name"], "value": c["target"]} for c in CRITERIA],
        feedback=[],
        conclusion="recommended",
    )
    Feedback.objects.create(pilot=pilot, rating=1, source=FeedbackSource.PUBLIC)
    assert (protocol_summary(protocol)["feedback_count"], protocol_summary(protocol)["average_rating"]) == (
        1,
        Decimal("4.00"),
    )


@pytest.mark.django_db
def test_a_corrections_feedback_replaces_the_earlier_versions_and_none_keeps_it(api, ask, site, site_owner):
    """Version 1 came with ratings 5 and 4; a correction of the values alone (no feedback in its
    body) still counts them; one that gives ratings replaces them (the same protocol sent twice
    counts its ratings once); every version keeps its own figures."""
    pilot = accepted(ask(site), site_owner)
    results = [{"criterion": c["name"], "value": c["target"]} for c in CRITERIA]
    body = {"results": results, "conclusion": "recommended", "comment": ""}
    first = (
        api.as_(site_owner)
        .post(
            f"/pilots/{pilot.pk}/protocol",
            {**body, "feedback": [{"rating": 5, "comment": ""}, {"rating": 4, "comment": ""}]},
        )
        .json()
    )
    second = api.as_(site_owner).post(f"/pilots/{pilot.pk}/protocol", {**body, "feedback": []}).json()
    third = (
        api.as_(site_owner)
        .post(f"/pilots/{pilot.pk}/protocol", {**body, "feedback": [{"rating": 1, "comment": "Сломался"}]})
        .json()
    )
    again = (
        api.as_(site_owner)
        .post(f"/pilots/{pilot.pk}/protocol", {**body, "feedback": [{"rating": 1, "comment": "Сломался"}]})
        .json()
    )
    assert [
        (p["version"], p["feedback_count"], p["average_rating"]) for p in (first, second, third, again)
    ] == [(1, 2, "4.50"), (2, 2, "4.50"), (3, 1, "1.00"), (4, 1, "1.00")]
    assert again["distribution"] == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 0}
    # the earlier versions read as they were submitted
    from innocluster.pilots.selectors import protocol_summary

    assert [protocol_summary(p)["feedback_count"] for p in pilot.protocols.order_by("version")] == [
        2,
        2,
        1,
        1,
    ]
