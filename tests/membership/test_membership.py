import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from innocluster.core.models import Notification
from innocluster.membership import services
from innocluster.membership.models import MembershipApplication, Participation
from innocluster.organizations.models import OrganizationPerson
from innocluster.reviews import services as reviews
from tests import factories

SUBMITTED_AT = "2024-12-25 10:00 +03:00"


def _payload(organization, **extra):
    return {"organization_id": organization.pk, **factories.MEMBERSHIP_FORM, **extra}


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.mark.django_db
class TestMembershipApi:
    def test_submit_answers_with_status_and_due_date(self, api, organization, owner):
        with time_machine.travel(SUBMITTED_AT, tick=False):
            response = api.as_(owner).post("/memberships", _payload(organization))
        assert response.status_code == 201
        body = response.json()
        assert (body["status"], body["submitted_on"], body["review_due"]) == (
            "submitted",
            "2024-12-25",
            "2025-01-17",
        )
        assert body["participant_number"] is None

    def test_the_contracts_whole_required_body_is_enough(self, api, organization, owner):
        """The form is filled from what the platform knows: the account and the profile."""
        with time_machine.travel(SUBMITTED_AT, tick=False):
            response = api.as_(owner).post(
                "/memberships", {"organization_id": organization.pk, "consent_personal_data": True}
            )
        assert response.status_code == 201
        body = response.json()
        assert (body["status"], body["submitted_on"], body["review_due"]) == (
            "submitted",
            "2024-12-25",
            "2025-01-17",
        )
        assert (body["contact_name"], body["contact_email"], body["contact_phone"]) == (
            "Ольга Владелец",
            owner.email,
            "+7 495 000-00-00",
        )
        assert body["activity"] == "Проектируем интегральные микросхемы."
        assert body["innovation_areas"] == "поверхностный монтаж, токарная обработка"

    def test_what_is_sent_wins_over_what_is_known(self, api, organization, owner):
        body = api.as_(owner).post("/memberships", _payload(organization, contact_name="Пётр Иванов")).json()
        assert (body["contact_name"], body["contact_email"]) == ("Пётр Иванов", "olga@example.org")

    def test_an_organisation_without_a_description_applies_with_its_main_activity(self, api, owner):
        """The contract's organisation needs no description: the form's activity is then the main
        OKVED class the profile gives, and the application goes through with the minimal body."""
        organization = factories.organization(owner=owner, description_ru="", description_en="")
        response = api.as_(owner).post(
            "/memberships", {"organization_id": organization.pk, "consent_personal_data": True}
        )
        assert response.status_code == 201, response.content
        okved = organization.okved_main
        assert response.json()["activity"] == f"{okved.code} {okved.name_ru}"
        assert response.json()["status"] == "submitted"

    def test_consent_is_required(self, api, organization, owner):
        response = api.as_(owner).post("/memberships", _payload(organization, consent_personal_data=False))
        assert response.status_code == 422
        assert response.json()["details"]["field"] == "consent_personal_data"

    @pytest.mark.parametrize("consent", ["yes", "true", 1, "1"])
    def test_consent_is_true_itself(self, api, organization, owner, consent):
        # 152-FZ art. 9: consent is explicit; a string or a number is not read into it
        response = api.as_(owner).post("/memberships", _payload(organization, consent_personal_data=consent))
        assert response.status_code == 422
        assert response.json()["details"]["field"] == "consent_personal_data"
        assert not MembershipApplication.objects.filter(organization=organization).exists()

    def test_draft_flag_keeps_it_a_draft(self, api, organization, owner):
        body = api.as_(owner).post("/memberships", _payload(organization, draft=True)).json()
        assert (body["status"], body["review_due"]) == ("draft", None)

    def test_member_role_cannot_apply_and_strangers_get_404(self, api, organization, stranger):
        member = factories.person()
        OrganizationPerson.objects.create(organization=organization, person=member, role="member")
        assert api.as_(member).post("/memberships", _payload(organization)).status_code == 404
        assert api.as_(stranger).post("/memberships", _payload(organization)).status_code == 404
        assert api.post("/memberships", _payload(organization)).status_code == 401

    def test_read_is_for_its_people_and_staff_only(self, api, organization, owner, stranger, coordinator):
        application = factories.membership_application(organization=organization, actor=owner)
        path = f"/memberships/{application.pk}"
        member = factories.person()
        OrganizationPerson.objects.create(organization=organization, person=member, role="member")
        assert api.as_(owner).get(path).status_code == 200
        assert api.as_(member).get(path).status_code == 200
        assert api.as_(coordinator).get(path).json()["contact_email"] == "olga@example.org"
        for response in (api.as_(stranger).get(path), api.as_(stranger).get("/memberships/999999")):
            assert response.status_code == 404
            assert response.json() == {
                "code": "not_found",
                "message": response.json()["message"],
                "details": {},
            }
        # SPEC §4: "only for the organisation's people and staff; otherwise 404", a caller
        # without a token included: the answer tells nothing of whether the application exists
        anonymous = api.get(path)
        assert anonymous.status_code == 404
        assert anonymous.json()["code"] == "not_found"

    def test_decision_is_staff_only(self, api, organization, owner, stranger):
        application = factories.membership_application(organization=organization, actor=owner)
        path = f"/memberships/{application.pk}/decision"
        assert api.as_(stranger).post(path, {"decision": "approve"}).status_code == 404
        assert api.as_(owner).post(path, {"decision": "approve"}).status_code == 403
        assert api.as_(factories.staff("expert")).post(path, {"decision": "approve"}).status_code == 404
        application.case.refresh_from_db()
        assert application.case.status == "submitted"

    def test_reject_and_return_need_a_comment(self, api, organization, owner, coordinator):
        application = factories.membership_application(organization=organization, actor=owner)
        path = f"/memberships/{application.pk}/decision"
        for decision in ("reject", "return"):
            response = api.as_(coordinator).post(path, {"decision": decision})
            assert response.status_code == 422
            assert response.json()["details"]["field"] == "comment"
        assert api.as_(coordinator).post(path, {"decision": "maybe", "comment": "x"}).status_code == 422

    def test_approval_makes_a_participant_with_the_next_number(self, api, organization, owner, coordinator):
        earlier = factories.organization()
        factories.participant(earlier)
        application = factories.membership_application(organization=organization, actor=owner)
        with time_machine.travel("2025-01-20 15:00 +03:00", tick=False):
            response = api.as_(coordinator).post(
                f"/memberships/{application.pk}/decision", {"decision": "approve"}
            )
        assert response.json() == {"id": application.pk, "status": "approved"}
        participation = Participation.objects.get(organization=organization)
        assert participation.number == Participation.objects.get(organization=earlier).number + 1
        assert participation.since == dt.date(2025, 1, 20)
        assert (
            api.as_(owner).get(f"/memberships/{application.pk}").json()["participant_number"]
            == participation.number
        )
        page = Client().get(f"/organizations/{organization.pk}/").content.decode()
        assert f"№ {participation.number}" in page and "20 января 2025" in page
        # a second decision on the same application changes nothing
        again = api.as_(coordinator).post(f"/memberships/{application.pk}/decision", {"decision": "approve"})
        assert again.status_code == 409 and again.json()["code"] == "transition_not_allowed"
        assert Participation.objects.filter(organization=organization).count() == 1
        # and a participant does not apply again
        assert api.as_(owner).post("/memberships", _payload(organization)).status_code == 409

    def test_numbers_are_never_reused(self, organization):
        first = factories.participant(organization)
        number = first.number
        Participation.objects.filter(pk=first.pk).delete()
        second = factories.participant(factories.organization())
        assert second.number > number

    def test_return_then_resubmit(
        self, api, organization, owner, coordinator, django_capture_on_commit_callbacks
    ):
        application = factories.membership_application(organization=organization, actor=owner)
        with django_capture_on_commit_callbacks(execute=True):
            api.as_(coordinator).post(
                f"/memberships/{application.pk}/decision",
                {"decision": "return", "comment": "Укажите телефон."},
            )
        assert Notification.objects.filter(recipient=owner, kind="review.returned").exists()
        assert any("Укажите телефон." in m.body for m in mail.outbox)
        response = api.as_(owner).post(
            "/memberships", _payload(organization, contact_phone="+7 499 000-00-00")
        )
        assert response.status_code == 201
        assert response.json()["id"] == application.pk and response.json()["status"] == "submitted"

    def test_rejection_reasons_are_shown_and_a_new_application_may_follow(
        self, api, organization, owner, coordinator
    ):
        application = factories.membership_application(organization=organization, actor=owner)
        api.as_(coordinator).post(
            f"/memberships/{application.pk}/decision",
            {"decision": "reject", "comment": "Нет инновационной деятельности."},
        )
        assert (
            api.as_(owner).get(f"/memberships/{application.pk}").json()["decision_comment"]
            == "Нет инновационной деятельности."
        )
        client = Client()
        factories.sign_in(client, owner)
        assert (
            "Нет инновационной деятельности."
            in client.get(f"/membership/{organization.pk}/").content.decode()
        )
        second = api.as_(owner).post("/memberships", _payload(organization)).json()
        assert second["id"] != application.pk and second["status"] == "submitted"

    @pytest.mark.parametrize("field", ["contact_name", "activity", "goals"])
    def test_junk_is_a_422_naming_the_field(self, api, organization, owner, field):
        for junk in ("x" * 6000, "a\x00b", "a\x1bb"):
            response = api.as_(owner).post("/memberships", _payload(organization, **{field: junk}))
            assert response.status_code == 422 and response.json()["details"]["field"] == field


@pytest.mark.django_db
class TestMembershipPages:
    def test_the_empty_form_starts_from_what_the_platform_knows(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        form = client.get(f"/membership/{organization.pk}/").context["form"]
        assert form.initial["contact_name"] == "Ольга Владелец"
        assert form.initial["contact_email"] == owner.email
        assert form.initial["activity"] == "Проектируем интегральные микросхемы."
        assert not MembershipApplication.objects.filter(
            organization=organization
        ).exists()  # GET keeps no draft

    def test_autosave_keeps_what_was_typed(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        response = client.post(
            f"/membership/{organization.pk}/autosave/", {"contact_name": "Ольга", "activity": "Сенсоры"}
        )
        assert response.status_code == 200 and 'data-testid="autosaved"' in response.content.decode()
        application = MembershipApplication.objects.get(organization=organization)
        assert (application.contact_name, application.activity, application.case.status) == (
            "Ольга",
            "Сенсоры",
            "draft",
        )
        page = client.get(f"/membership/{organization.pk}/").content.decode()
        assert 'value="Ольга"' in page and "Сенсоры" in page

    def test_submit_without_consent_keeps_the_form(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = {**factories.MEMBERSHIP_FORM}
        data.pop("consent_personal_data")
        response = client.post(f"/membership/{organization.pk}/", data)
        assert response.status_code == 200
        assert "Генеральный директор" in response.content.decode()
        assert MembershipApplication.objects.get(organization=organization).case.status == "draft"

    def test_every_refusal_on_the_first_answer_each_said_once(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = {**factories.MEMBERSHIP_FORM, "contact_email": "wrong@"}
        data.pop("consent_personal_data")
        page = client.post(
            f"/membership/{organization.pk}/", data, HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        assert 'href="#id_consent_personal_data"' in page and 'href="#id_contact_email"' in page
        summary = page.split('data-testid="error-summary"')[1].split("</div>")[0]
        assert summary.count('href="#id_consent_personal_data"') == 1

    def test_submit_shows_status_and_due_date(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        with time_machine.travel(SUBMITTED_AT, tick=False):
            response = client.post(
                f"/membership/{organization.pk}/",
                {**factories.MEMBERSHIP_FORM, "consent_personal_data": "on"},
            )
            assert response.status_code == 302
            page = client.get(f"/membership/{organization.pk}/").content.decode()
        assert 'data-testid="review-due">17 января 2025<' in page
        cabinet = client.get("/cabinet/").content.decode()
        assert 'data-testid="my-applications"' in cabinet and "17 января 2025" in cabinet
        # returned for revision, nobody owes an answer: the page no longer says when it is due
        application = MembershipApplication.objects.get(organization=organization)
        reviews.transition(
            application.case, "returned", actor=factories.staff("reviewer"), comment="Уточните виды работ."
        )
        page = client.get(f"/membership/{organization.pk}/").content.decode()
        assert 'data-testid="review-due"' not in page and "17 января 2025" not in page
        # nor does the cabinet's list of applications
        cabinet = client.get("/cabinet/").content.decode()
        assert 'data-testid="my-applications"' in cabinet and "17 января 2025" not in cabinet

    @pytest.mark.parametrize("suffix", ["", "autosave/"])
    def test_strangers_get_404(self, organization, owner, stranger, suffix):
        factories.membership_application(organization=organization, actor=owner)
        client = Client()
        factories.sign_in(client, stranger)
        assert client.get(f"/membership/{organization.pk}/{suffix}").status_code in (404, 405)
        assert (
            client.post(f"/membership/{organization.pk}/{suffix}", {"contact_name": "x"}).status_code == 404
        )
        assert MembershipApplication.objects.get(organization=organization).contact_name == "Ольга Владелец"

    def test_every_change_notifies_and_emails(
        self, organization, owner, coordinator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            application = factories.membership_application(organization=organization, actor=owner)
        with django_capture_on_commit_callbacks(execute=True):
            reviews.decide(application.case, "approve", actor=coordinator)
        kinds = list(
            Notification.objects.filter(recipient=owner).values_list("kind", flat=True).order_by("pk")
        )
        assert kinds == ["review.submitted", "review.approved"]
        assert [m.to for m in mail.outbox] == [[owner.email], [owner.email]]


@pytest.mark.django_db
def test_is_participant(organization):
    assert not services.is_participant(organization)
    factories.participant(organization)
    assert services.is_participant(organization)
