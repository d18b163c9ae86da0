"""The consent to the processing of personal data (SPEC §3 "Personal data (152-FZ)", art. 9): its
own document in versions, a separate box never ticked in advance, the version, time and address
stored; a new version asks everyone again, and they go on where they were going."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from innocluster.accounts import consent
from innocluster.accounts.models import Consent, ConsentDocument, User
from innocluster.core.errors import InvalidInput
from innocluster.core.models import AuditEvent
from innocluster.membership.models import MembershipApplication
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Анна Смирнова",
    "email": "anna@example.org",
    "password": "Correct-Horse-42",
    "password_again": "Correct-Horse-42",
}
V2 = {
    "title_ru": "Согласие на обработку персональных данных",
    "title_en": "Consent to the processing of personal data",
    "text_ru": "Редакция 2: добавлена цель — рассылка о мероприятиях кластера.",
    "text_en": "Version 2: a purpose added — news of the cluster's events.",
    "purposes": ["membership_and_support", "notifications", "statistics"],
}


def later() -> dt.datetime:
    """A fixed moment after version 1 was published (when the test database was migrated)."""
    return (timezone.now() + dt.timedelta(days=1)).replace(microsecond=0)


def client_of(person) -> Client:
    client = Client()
    factories.sign_in(client, person)
    return client


@pytest.fixture
def administrator(db):
    return factories.staff("administrator", email="admin@example.org")


@pytest.fixture
def v2(administrator):
    return consent.publish_document(actor=administrator, **V2)


class TestSignUp:
    def test_the_box_is_its_own_never_ticked_and_links_the_document(self):
        page = Client().get("/accounts/sign-up/").content.decode()
        [box] = re.findall(r'<input[^>]*name="consent"[^>]*>', page)
        assert 'type="checkbox"' in box and "checked" not in box
        assert 'href="/accounts/consent/document/1/"' in page
        assert 'name="consent_version" value="1"' in page

    def test_no_sign_up_without_the_consent(self):
        response = Client().post("/accounts/sign-up/", SIGN_UP)
        assert response.status_code == 200
        assert response.context["form"].errors["consent"] == [
            "Отметьте поле, чтобы дать согласие на обработку персональных данных: без него продолжить нельзя."
        ]
        # the error summary names the box
        assert (
            "Я даю согласие на обработку моих персональных данных: Отметьте поле" in response.content.decode()
        )
        assert not User.objects.filter(email="anna@example.org").exists()
        assert not Consent.objects.exists()

    def test_every_field_wrong_is_said_at_once(self):
        # a bad address and a weak password: both on the first answer, not one after the other
        body = {**SIGN_UP, "email": "not-an-address", "password": "abcdefgh", "password_again": "abcdefgh"}
        response = Client().post("/accounts/sign-up/", {**body, "consent": "on", "consent_version": "1"})
        errors = response.context["form"].errors
        assert set(errors) == {"email", "password"}
        assert "10" in " ".join(errors["password"])  # at least 10 characters
        assert not User.objects.filter(full_name="Анна Смирнова").exists()

    def test_the_version_the_time_and_the_address_are_stored(self, django_capture_on_commit_callbacks):
        moment = later()
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            response = Client().post(
                "/accounts/sign-up/",
                {**SIGN_UP, "consent": "on", "consent_version": "1"},
                REMOTE_ADDR="203.0.113.7",
            )
        assert response.status_code == 200
        person = User.objects.get(email="anna@example.org")
        [given] = Consent.objects.filter(person=person)
        assert (given.document.version, given.accepted_at, given.accepted_from, given.withdrawn_at) == (
            1,
            moment,
            "203.0.113.7",
            None,
        )
        event = AuditEvent.objects.get(action="accounts.consent_given")
        assert (event.actor, event.object_id, event.data["version"]) == (person, str(person.pk), 1)
        assert "203.0.113.7" not in str(event.data)  # the address is on the consent, not in the log

    def test_a_text_changed_while_the_form_was_open_is_shown_again(self, v2):
        response = Client().post("/accounts/sign-up/", {**SIGN_UP, "consent": "on", "consent_version": "1"})
        assert response.status_code == 200
        assert response.context["form"].errors["consent"] == [
            "Текст согласия изменился: прочитайте действующую редакцию и отметьте поле ещё раз."
        ]
        page = response.content.decode()
        assert 'name="consent_version" value="2"' in page and 'href="/accounts/consent/document/2/"' in page
        [box] = re.findall(r'<input[^>]*name="consent"[^>]*>', page)
        assert "checked" not in box
        assert not User.objects.filter(email="anna@example.org").exists()

    def test_a_taken_address_records_no_consent_for_its_owner(self):
        owner = factories.person(email="taken@example.org", consent=False)
        response = Client().post(
            "/accounts/sign-up/", {**SIGN_UP, "email": "taken@example.org", "consent": "on"}
        )
        assert response.templates[0].name == "accounts/sign_up_done.html"
        assert not Consent.objects.filter(person=owner).exists()


class TestRegisterApi:
    PAYLOAD = {"email": "ivan@example.org", "password": "Correct-Horse-42", "full_name": "Иван"}

    def test_consent_true_is_recorded_with_the_version_and_address(self, api):
        response = api.client.post(
            "/api/v1/auth/register",
            {**self.PAYLOAD, "consent": True, "consent_version": 1},
            content_type="application/json",
            REMOTE_ADDR="198.51.100.4",
        )
        assert response.status_code == 201 and set(response.json()) == {"id", "email"}
        [given] = Consent.objects.filter(person_id=response.json()["id"])
        assert (given.document.version, given.accepted_from) == (1, "198.51.100.4")

    def test_without_consent_the_contract_holds_and_nothing_is_implied(self, api):
        response = api.post("/auth/register", self.PAYLOAD)
        assert response.status_code == 201
        person = User.objects.get(email="ivan@example.org")
        assert not Consent.objects.filter(person=person).exists()
        me = api.as_(person).get("/me").json()
        assert (me["consent_version"], me["consent_current"]) == (None, False)
        # and the site asks at the first page
        assert client_of(person).get("/cabinet/")["Location"] == "/accounts/consent/?next=%2Fcabinet%2F"

    def test_an_outdated_version_is_a_422_naming_it(self, api, v2):
        response = api.post("/auth/register", {**self.PAYLOAD, "consent": True, "consent_version": 1})
        assert response.status_code == 422
        assert response.json()["details"]["field"] == "consent_version"
        assert not User.objects.filter(email="ivan@example.org").exists()


class TestAskedAgain:
    def test_a_new_version_sends_the_person_to_consent_then_where_they_were_going(self, organization, owner):
        client = client_of(owner)
        path = f"/organizations/{organization.pk}/"
        assert client.get(path).status_code == 200
        consent.publish_document(actor=factories.staff("administrator"), **V2)

        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/consent/?next=%2Forganizations%2F{organization.pk}%2F"
        page = client.get(response["Location"])
        body = page.content.decode()
        assert "Редакция 2: добавлена цель — рассылка о мероприятиях кластера." in body
        assert "Статистика — только в агрегированном виде" in body
        assert "с тех пор, как вы дали согласие на редакцию 1. Прочитайте редакцию 2" in body
        [box] = re.findall(r'<input[^>]*name="consent"[^>]*>', body)
        assert "checked" not in box

        refused = client.post("/accounts/consent/", {"next": path, "consent_version": "2"})
        assert refused.status_code == 200 and "consent" in refused.context["form"].errors
        assert Consent.objects.filter(person=owner).count() == 1

        moment = later()
        with time_machine.travel(moment, tick=False):
            given = client.post(
                "/accounts/consent/",
                {"next": path, "consent": "on", "consent_version": "2"},
                REMOTE_ADDR="192.0.2.9",
            )
        assert given.status_code == 302 and given["Location"] == path
        assert client.get(path).status_code == 200
        newest = Consent.objects.filter(person=owner).order_by("-document__version").first()
        assert (newest.document.version, newest.accepted_at, newest.accepted_from) == (2, moment, "192.0.2.9")
        assert consent.has_current_consent(owner)

    def test_a_person_without_any_consent_is_asked_and_a_foreign_next_is_not_followed(self):
        person = factories.person(consent=False)
        client = client_of(person)
        assert client.get("/cabinet/")["Location"].startswith("/accounts/consent/")
        response = client.post(
            "/accounts/consent/", {"next": "https://evil.example/", "consent": "on", "consent_version": "1"}
        )
        assert response["Location"] == "/cabinet/"

    def test_staff_are_asked_too_a_superuser_keeps_the_admin(self, v2, administrator):
        coordinator = factories.staff("coordinator", consent=False)
        factories.give_consent(coordinator, ConsentDocument.objects.get(version=1))
        assert client_of(coordinator).get("/staff/")["Location"] == "/accounts/consent/?next=%2Fstaff%2F"
        assert client_of(administrator).get("/admin/")["Location"] == "/accounts/consent/?next=%2Fadmin%2F"
        root = User.objects.create_superuser(
            email="root@example.org", password="Long-enough-42", full_name="Root"
        )
        root_client = client_of(root)
        assert root_client.get("/admin/").status_code == 200
        assert root_client.get("/cabinet/")["Location"].startswith("/accounts/consent/")

    def test_what_stays_open_without_a_current_consent(self, api, v2, owner):
        client = client_of(owner)
        assert client.get("/accounts/consent/document/").status_code == 200
        assert client.get("/accounts/consent/document/1/").status_code == 200
        assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
        assert client.get("/accounts/my-data/").status_code == 200  # the rights of 152-FZ need no consent
        assert api.as_(owner).get("/me").status_code == 200  # the API answers by its contract
        assert client.post("/accounts/sign-out/").status_code == 302
        assert "_auth_user_id" not in client.session

    def test_htmx_goes_to_the_page_and_a_write_loses_no_next(self, organization, owner, v2):
        client = client_of(owner)
        fragment = client.post(
            f"/membership/{organization.pk}/autosave/",
            {"contact_name": "Ольга"},
            headers={
                "HX-Request": "true",
                "HX-Current-URL": f"http://testserver/membership/{organization.pk}/",
            },
        )
        assert fragment.status_code == 204
        assert fragment["HX-Redirect"] == f"/accounts/consent/?next=%2Fmembership%2F{organization.pk}%2F"
        assert not MembershipApplication.objects.exists()  # nothing was written
        assert client.post(f"/membership/{organization.pk}/", {})["Location"] == "/accounts/consent/"

    def test_a_withdrawn_consent_is_not_a_current_one(self, owner):
        assert consent.has_current_consent(owner)
        # withdrawn as "My data" withdraws it (its own service and tests are in personal_data)
        Consent.objects.filter(person=owner).update(withdrawn_at=timezone.now())
        assert not consent.has_current_consent(owner)
        assert consent.latest_consent(owner) is None
        assert consent.needs_consent(owner).version == 1
        assert client_of(owner).get("/cabinet/")["Location"] == "/accounts/consent/?next=%2Fcabinet%2F"

    def test_a_version_not_yet_published_is_not_current(self, owner):
        ConsentDocument.objects.create(version=2, **V2, published_at=timezone.now() + dt.timedelta(days=1))
        assert consent.current_document().version == 1 and consent.has_current_consent(owner)
        assert Client().get("/accounts/consent/document/2/").status_code == 404

    def test_give_consent_refuses_an_old_version_and_never_writes_twice(self, owner, v2):
        with pytest.raises(InvalidInput):
            consent.give_consent(actor=owner, person=owner, document=ConsentDocument.objects.get(version=1))
        first = consent.give_consent(actor=owner, person=owner, document=v2, ip="not an address")
        again = consent.give_consent(actor=owner, person=owner, document=v2, ip="192.0.2.1")
        assert first.pk == again.pk and first.accepted_from is None
        assert AuditEvent.objects.filter(action="accounts.consent_given").count() == 1


class TestDocumentPages:
    def test_the_current_version_in_russian_and_english(self):
        russian = Client().get("/accounts/consent/document/").content.decode()
        assert "<h1><span" in russian and "Редакция 1" in russian
        assert "Согласие на обработку персональных данных" in russian
        assert "статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ" in russian
        assert "«Мои данные»" in russian and "Статистика — только в агрегированном виде" in russian
        english = (
            Client()
            .get("/accounts/consent/document/", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="django_language=en")
            .content.decode()
        )
        assert "Consent to the processing of personal data" in english and "Version 1" in english
        assert "Article 9 of Federal Law No. 152-FZ" in english and '"My data"' not in english
        assert "Statistics in aggregated form only" in english and "Статистика" not in english

    def test_an_earlier_version_keeps_its_own_page(self, v2):
        old = Client().get("/accounts/consent/document/1/").content.decode()
        assert "Редакция 1" in old and "Эта редакция больше не действует." in old
        assert 'href="/accounts/consent/document/"' in old
        current = Client().get("/accounts/consent/document/").content.decode()
        assert "Редакция 2: добавлена цель" in current and "Это действующая редакция." in current
        assert 'href="/accounts/consent/document/1/"' in current
        assert Client().get("/accounts/consent/document/3/").status_code == 404


class TestAdmin:
    def test_the_admin_lists_who_consented_to_which_version_when(self, administrator, v2):
        early = factories.person(email="early@example.org", consent=False)
        factories.give_consent(early, ConsentDocument.objects.get(version=1))
        late = factories.person(email="late@example.org", consent=False)
        consent.give_consent(actor=late, person=late, document=v2, ip="192.0.2.5")
        consent.give_consent(actor=administrator, person=administrator, document=v2)
        client = client_of(administrator)
        v1_page = client.get("/admin/accounts/consent/", {"document__version": "1"}).content.decode()
        assert "early@example.org" in v1_page and "late@example.org" not in v1_page
        v2_page = client.get("/admin/accounts/consent/", {"document__version": "2"}).content.decode()
        assert "late@example.org" in v2_page and "192.0.2.5" in v2_page and "early@example.org" not in v2_page
        found = client.get("/admin/accounts/consent/", {"q": "late@"}).content.decode()
        assert "late@example.org" in found and "early@example.org" not in found
        consent_row = Consent.objects.get(person=early)
        assert client.get(f"/admin/accounts/consent/{consent_row.pk}/delete/").status_code == 403
        assert client.post(f"/admin/accounts/consent/{consent_row.pk}/change/", {}).status_code == 403

    def test_adding_a_version_publishes_it_and_a_published_one_is_read_only(self, administrator):
        client = client_of(administrator)
        form = client.get("/admin/accounts/consentdocument/add/")
        assert form.status_code == 200
        assert form.context["adminform"].form.initial["text_ru"].startswith("Настоящим я")  # from the current
        response = client.post("/admin/accounts/consentdocument/add/", V2)
        assert response.status_code == 302
        document = ConsentDocument.objects.get(version=2)
        assert (document.text_ru, document.purposes) == (V2["text_ru"], V2["purposes"])
        assert consent.current_document() == document
        event = AuditEvent.objects.get(action="accounts.consent_document_published")
        assert (event.actor, event.data["version"]) == (administrator, 2)

        assert client.get("/admin/accounts/consentdocument/")["Location"].startswith("/accounts/consent/")
        client = client_of(factories.staff("administrator"))  # another, who holds a consent to v2
        edit = client.post(
            f"/admin/accounts/consentdocument/{document.pk}/change/", {**V2, "text_ru": "Иное."}
        )
        assert edit.status_code == 403
        assert ConsentDocument.objects.get(version=2).text_ru == V2["text_ru"]
        first = ConsentDocument.objects.get(version=1)
        assert client.get(f"/admin/accounts/consentdocument/{first.pk}/delete/").status_code == 403
        view = client.get(f"/admin/accounts/consentdocument/{document.pk}/change/")
        assert view.status_code == 200 and 'name="text_ru"' not in view.content.decode()


class TestMembershipForm:
    def test_the_box_is_never_found_ticked_and_links_the_document(self, organization, owner):
        client = client_of(owner)
        client.post(
            f"/membership/{organization.pk}/autosave/",
            {"contact_name": "Ольга", "consent_personal_data": "on"},
        )
        assert MembershipApplication.objects.get(organization=organization).consent_personal_data is False
        page = client.get(f"/membership/{organization.pk}/").content.decode()
        [box] = re.findall(r'<input[^>]*name="consent_personal_data"[^>]*>', page)
        assert "checked" not in box
        assert 'href="/accounts/consent/document/1/"' in page

    def test_no_submission_without_it(self, organization, owner):
        client = client_of(owner)
        data = {k: v for k, v in factories.MEMBERSHIP_FORM.items() if k != "consent_personal_data"}
        response = client.post(f"/membership/{organization.pk}/", data)
        assert response.status_code == 200
        errors = response.context["form"].errors["consent_personal_data"]
        assert "Чтобы подать заявку, нужно согласие на обработку персональных данных." in errors
        assert MembershipApplication.objects.get(organization=organization).case.status == "draft"
