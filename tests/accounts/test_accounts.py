import re

import pytest
from django.core import mail
from django.test import Client

from innocluster.accounts.models import User
from innocluster.core.models import AuditEvent
from tests import factories


def confirmation_link(message) -> str:
    return re.search(r"http://[^\s]+/accounts/confirm/[^\s]+/", message.body).group(0)


@pytest.mark.django_db
class TestSignUpJourney:
    def test_sign_up_confirm_sign_in(self, django_capture_on_commit_callbacks):
        client = Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/accounts/sign-up/",
                {
                    "full_name": "Анна Смирнова",
                    "email": "Anna@Example.org",
                    "password": "Correct-Horse-42",
                    "password_again": "Correct-Horse-42",
                },
            )
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

        path = confirmation_link(mail.outbox[0]).split("127.0.0.1:8000")[1]
        assert client.get(path).status_code == 302
        user.refresh_from_db()
        assert user.email_confirmed_at is not None
        assert AuditEvent.objects.filter(action="person.email_confirmed", object_id=str(user.pk)).exists()

        response = client.post(
            "/accounts/sign-in/", {"email": "ANNA@example.org", "password": "Correct-Horse-42"}
        )
        assert response.status_code == 302 and response["Location"] == "/cabinet/"
        assert client.get("/cabinet/").status_code == 200

    def test_tampered_confirmation_link_is_refused(self):
        user = factories.person(confirmed=False)
        response = Client().get("/accounts/confirm/not-a-real-token/")
        assert response.status_code == 400
        user.refresh_from_db()
        assert user.email_confirmed_at is None

    @pytest.mark.parametrize("password", ["short1!", "1234567890123", "password123", "qwertyuiop"])
    def test_weak_passwords_are_refused_and_input_kept(self, password):
        response = Client().post(
            "/accounts/sign-up/",
            {
                "full_name": "Анна Смирнова",
                "email": "anna@example.org",
                "password": password,
                "password_again": password,
            },
        )
        assert response.status_code == 200
        assert not User.objects.filter(email="anna@example.org").exists()
        assert 'value="Анна Смирнова"' in response.content.decode()

    def test_duplicate_email_is_refused(self):
        factories.person(email="taken@example.org")
        response = Client().post(
            "/accounts/sign-up/",
            {
                "full_name": "X Y",
                "email": "TAKEN@example.org",
                "password": "Correct-Horse-42",
                "password_again": "Correct-Horse-42",
            },
        )
        assert response.status_code == 200
        assert User.objects.filter(email__iexact="taken@example.org").count() == 1


@pytest.fixture
def three_failures_lock(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_LOCKOUT_MINUTES = 15


@pytest.mark.django_db
@pytest.mark.usefixtures("three_failures_lock")
class TestSignInLimit:
    def test_repeated_failures_lock_even_the_right_password(self):
        person = factories.person(email="locked@example.org")
        client = Client()
        for _ in range(3):
            client.post("/accounts/sign-in/", {"email": person.email, "password": "wrong-password-1"})
        response = client.post("/accounts/sign-in/", {"email": person.email, "password": factories.PASSWORD})
        assert "_auth_user_id" not in client.session
        assert "15" in response.content.decode()
        assert AuditEvent.objects.filter(action="person.locked", object_id=person.email).count() == 1

    def test_api_token_is_locked_too(self, api):
        person = factories.person(email="locked2@example.org")
        for _ in range(2):
            assert (
                api.post("/auth/token", {"email": person.email, "password": "nope-nope-1"}).status_code == 401
            )
        # the failure that reaches the limit already says so
        assert api.post("/auth/token", {"email": person.email, "password": "nope-nope-1"}).status_code == 429
        response = api.post("/auth/token", {"email": person.email, "password": factories.PASSWORD})
        assert response.status_code == 429
        assert response.json()["code"] == "locked"

    def test_admin_sign_in_counts_the_same_failures(self):
        person = factories.person(email="staff@example.org", staff=True)
        client = Client()
        for _ in range(3):
            client.post("/admin/login/", {"username": person.email, "password": "wrong-password-1"})
        client.post("/admin/login/?next=/admin/", {"username": person.email, "password": factories.PASSWORD})
        assert "_auth_user_id" not in client.session

    def test_success_clears_the_failures(self):
        person = factories.person(email="ok@example.org")
        client = Client()
        for _ in range(2):
            client.post("/accounts/sign-in/", {"email": person.email, "password": "wrong-password-1"})
        client.post("/accounts/sign-in/", {"email": person.email, "password": factories.PASSWORD})
        assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.django_db
class TestAuthApi:
    def test_register_then_token_then_use_it(self, api):
        response = api.post(
            "/auth/register",
            {"email": "Ivan@Example.org", "password": "Correct-Horse-42", "full_name": "Иван"},
        )
        assert response.status_code == 201
        body = response.json()
        assert body["email"] == "ivan@example.org" and isinstance(body["id"], int)
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

    def test_register_twice_is_a_conflict(self, api):
        payload = {"email": "twice@example.org", "password": "Correct-Horse-42", "full_name": "A B"}
        assert api.post("/auth/register", payload).status_code == 201
        response = api.post("/auth/register", payload)
        assert response.status_code == 409
        assert response.json()["code"] == "email_taken"

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
    def test_junk_is_a_4xx(self, api, payload):
        response = api.post("/auth/register", payload)
        assert 400 <= response.status_code < 500
        assert "code" in response.json()

    def test_wrong_password_gets_401(self, api):
        person = factories.person()
        response = api.post("/auth/token", {"email": person.email, "password": "not-it-at-all"})
        assert response.status_code == 401
        assert response.json()["code"] == "bad_credentials"

    def test_bad_bearer_token_is_401_not_anonymous(self, api, organization):
        response = api.get(f"/organizations/{organization.pk}", Authorization="Bearer forged")
        assert response.status_code == 401


@pytest.mark.django_db
def test_password_reset_sends_a_working_link():
    person = factories.person(email="forgot@example.org")
    client = Client()
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
def test_superuser_has_every_role():
    admin = User.objects.create_superuser(email="root@example.org", password="Correct-Horse-42")
    reviewer = factories.person(roles=["reviewer"])
    assert all(admin.has_role(r) for r in ["reviewer", "expert", "coordinator", "administrator"])
    assert reviewer.has_role("reviewer") and not reviewer.has_role("coordinator")
