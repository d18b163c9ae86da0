import re

import pytest
from django.core import mail
from django.test import Client

from innocluster.accounts.models import User
from innocluster.core.models import AuditEvent
from tests import factories

FORM = {
    "full_name": "Анна Смирнова",
    "email": "Anna@Example.org",
    "password": "Correct-Horse-42",
    "password_again": "Correct-Horse-42",
    "consent": "on",
}


def confirmation_link(message) -> str:
    return re.search(r"http://[^\s]+/accounts/confirm/[^\s]+/", message.body).group(0)


@pytest.mark.django_db
class TestSignUpPage:
    def test_sign_up_confirm_sign_in(self, django_capture_on_commit_callbacks):
        client = Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/sign-up/", FORM)
        assert response.status_code == 200
        user = User.objects.get(email="anna@example.org")
        assert user.email_confirmed_at is None
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]

        # unconfirmed: signing in is refused with a message that says why
        response = client.post(
            "/accounts/sign-in/", {"email": "anna@example.org", "password": "Correct-Horse-42"}
        )
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

        path = confirmation_link(mail.outbox[0]).split("http://testserver")[1]
        assert client.get(path).status_code == 302
        user.refresh_from_db()
        assert user.email_confirmed_at is not None
        assert AuditEvent.objects.filter(action="person.email_confirmed", object_id=str(user.pk)).exists()

        response = client.post(
            "/accounts/sign-in/", {"email": "ANNA@example.org", "password": "Correct-Horse-42"}
        )
        assert response.status_code == 302 and response["Location"] == "/cabinet/"
        assert client.get("/cabinet/").status_code == 200

    def test_the_way_to_an_invitation_is_kept_through_sign_up_and_confirmation(
        self, django_capture_on_commit_callbacks
    ):
        # an invitee without an account: sign-in page → "Create an account" → confirm → back to it
        invitation = "/organizations/invitations/abc/"
        client = Client()
        sign_in_page = client.get("/accounts/sign-in/", {"next": invitation}).content.decode()
        assert 'href="/accounts/sign-up/?next=/organizations/invitations/abc/"' in sign_in_page
        assert (
            'name="next" value="/organizations/invitations/abc/"'
            in client.get("/accounts/sign-up/", {"next": invitation}).content.decode()
        )
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/accounts/sign-up/", {**FORM, "next": invitation})
        link = re.search(r"http://testserver(/accounts/confirm/\S+)", mail.outbox[0].body).group(1)
        assert link.endswith("/?next=%2Forganizations%2Finvitations%2Fabc%2F")
        confirmed = client.get(link)
        assert confirmed["Location"] == "/accounts/sign-in/?next=%2Forganizations%2Finvitations%2Fabc%2F"
        signed_in = client.post(
            "/accounts/sign-in/",
            {"email": "anna@example.org", "password": "Correct-Horse-42", "next": invitation},
        )
        assert signed_in["Location"] == invitation

    @pytest.mark.parametrize(
        "elsewhere", ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)"]
    )
    def test_a_way_elsewhere_is_dropped(self, elsewhere, django_capture_on_commit_callbacks):
        client = Client()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/accounts/sign-up/?next={elsewhere}", FORM)
        assert "next=" not in mail.outbox[0].body and "evil" not in mail.outbox[0].body

    def test_tampered_confirmation_link_is_refused(self):
        user = factories.person(confirmed=False)
        response = Client().get("/accounts/confirm/not-a-real-token/")
        assert response.status_code == 400
        user.refresh_from_db()
        assert user.email_confirmed_at is None

    @pytest.mark.parametrize("password", ["short1!", "1234567890123", "password123", "qwertyuiop"])
    def test_weak_passwords_are_refused_and_input_kept(self, password):
        response = Client().post(
            "/accounts/sign-up/", {**FORM, "password": password, "password_again": password}
        )
        assert response.status_code == 200
        assert not User.objects.filter(email="anna@example.org").exists()
        assert 'value="Анна Смирнова"' in response.content.decode()

    def test_an_existing_address_gets_the_same_page_and_its_owner_an_email(
        self, django_capture_on_commit_callbacks
    ):
        owner = factories.person(email="taken@example.org", full_name="Ольга Владелец")
        with django_capture_on_commit_callbacks(execute=True):
            taken = Client().post("/accounts/sign-up/", {**FORM, "email": "TAKEN@example.org"})
        with django_capture_on_commit_callbacks(execute=True):
            fresh = Client().post("/accounts/sign-up/", {**FORM, "email": "fresh@example.org"})
        assert taken.status_code == fresh.status_code == 200
        assert taken.templates[0].name == fresh.templates[0].name == "accounts/sign_up_done.html"
        assert User.objects.filter(email__iexact="taken@example.org").count() == 1
        owner.refresh_from_db()
        assert owner.check_password(factories.PASSWORD)  # nothing of the account changed
        (note,) = [m for m in mail.outbox if m.to == ["taken@example.org"]]
        assert "/accounts/password/reset/" in note.body and "/accounts/sign-in/" in note.body


@pytest.mark.django_db
class TestRegisterApi:
    def test_register_then_token_then_use_it(self, api):
        response = api.post(
            "/auth/register",
            {"email": "Ivan@Example.org", "password": "Correct-Horse-42", "full_name": "Иван"},
        )
        assert response.status_code == 201
        body = response.json()
        assert body == {"id": User.objects.get(email="ivan@example.org").pk, "email": "ivan@example.org"}
        token = api.post("/auth/token", {"email": "ivan@example.org", "password": "Correct-Horse-42"}).json()[
            "token"
        ]
        response = api.post("/organizations", factories.organization_data(), Authorization=f"Bearer {token}")
        assert response.status_code == 201

    def test_register_refuses_weak_password_naming_the_field(self, api):
        response = api.post(
            "/auth/register", {"email": "a@example.org", "password": "12345", "full_name": "A"}
        )
        assert response.status_code == 422
        assert response.json()["code"] == "invalid"
        assert response.json()["details"]["field"] == "password"

    def test_registering_a_taken_address_answers_as_for_a_new_one(
        self, api, django_capture_on_commit_callbacks
    ):
        payload = {"email": "twice@example.org", "password": "Correct-Horse-42", "full_name": "A B"}
        first = api.post("/auth/register", payload)
        with django_capture_on_commit_callbacks(execute=True):
            second = api.post("/auth/register", {**payload, "email": "TWICE@example.org"})
        assert first.status_code == second.status_code == 201
        assert set(second.json()) == {"id", "email"} and second.json()["email"] == "twice@example.org"
        # an id the way a new account gets one: the next of the same sequence, never the owner's
        assert second.json()["id"] > first.json()["id"]
        newcomer = api.post("/auth/register", {**payload, "email": "third@example.org"}).json()
        assert newcomer["id"] > second.json()["id"]
        assert User.objects.filter(email="twice@example.org").count() == 1
        assert [m.to for m in mail.outbox] == [["twice@example.org"]]
        assert AuditEvent.objects.filter(action="person.registration_repeated").count() == 1

    @pytest.mark.parametrize(
        "payload",
        [
            {"email": "a\x00@example.org", "password": "Correct-Horse-42", "full_name": "A"},
            {"email": "x" * 2000 + "@example.org", "password": "Correct-Horse-42", "full_name": "A"},
            {"email": "ok@example.org", "password": "Correct-Horse-42", "full_name": "Я" * 2000},
            {"email": "ok@example.org", "password": "Correct-Horse-42", "full_name": "A\x00B"},
            {"email": "ok@example.org"},
            {"email": 5, "password": [], "full_name": {}},
        ],
    )
    def test_junk_is_a_422_naming_a_field(self, api, payload):
        response = api.post("/auth/register", payload)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid" and response.json()["details"]["field"]

    def test_registrations_from_one_ip_are_limited(self, api, settings):
        settings.REGISTRATION_LIMIT_PER_IP = 2
        for n in range(2):
            payload = {"email": f"bulk{n}@example.org", "password": "Correct-Horse-42", "full_name": "A"}
            assert api.post("/auth/register", payload).status_code == 201
        response = api.post(
            "/auth/register", {"email": "bulk9@example.org", "password": "Correct-Horse-42", "full_name": "A"}
        )
        assert response.status_code == 429 and response.json()["code"] == "rate_limited"
        assert 1 <= int(response["Retry-After"]) <= 3600
        assert not User.objects.filter(email="bulk9@example.org").exists()
        other_ip = api.client.post(
            "/api/v1/auth/register",
            {"email": "elsewhere@example.org", "password": "Correct-Horse-42", "full_name": "A"},
            content_type="application/json",
            REMOTE_ADDR="10.1.2.3",
        )
        assert other_ip.status_code == 201

    def test_sign_ups_for_one_address_are_limited(self, api, settings, django_capture_on_commit_callbacks):
        settings.REGISTRATION_LIMIT_PER_ADDRESS = 2
        factories.person(email="target@example.org")
        payload = {"email": "target@example.org", "password": "Correct-Horse-42", "full_name": "A"}
        with django_capture_on_commit_callbacks(execute=True):
            codes = [api.post("/auth/register", payload).status_code for _ in range(4)]
        assert codes == [201, 201, 429, 429]
        assert len(mail.outbox) == 2  # the owner's mailbox is not flooded


@pytest.mark.django_db
def test_password_reset_sends_a_working_link():
    person = factories.person(email="forgot@example.org")
    client = Client()
    # its field is called as every other form calls it
    assert ">E-mail<" in Client().get("/accounts/password/reset/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post("/accounts/password/reset/", {"email": "forgot@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/password/reset/[^\s]+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Another-Horse-77", "new_password2": "Another-Horse-77"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Another-Horse-77")


@pytest.mark.django_db
def test_password_reset_is_limited_per_address(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 2
    factories.person(email="flood@example.org")
    answers = [
        Client().post("/accounts/password/reset/", {"email": "flood@example.org"}, REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [302, 302, 429]
    assert int(answers[2]["Retry-After"]) >= 1
    assert len(mail.outbox) == 2
