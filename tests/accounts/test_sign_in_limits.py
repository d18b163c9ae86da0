"""Sign-in and token requests are limited per address and IP, per IP, and per address (ASVS
V6.3): a guesser is stopped, a stranger cannot lock out an account that has the second factor."""

import pytest
from django.test import Client

from innocluster.accounts.models import SignInFailure
from innocluster.core.models import AuditEvent
from tests import factories


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_IP_FAILURE_LIMIT = 6
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    settings.LOGIN_LOCKOUT_MINUTES = 15


def sign_in(email, password, ip="127.0.0.1", client=None):
    client = client or Client()
    return client, client.post("/accounts/sign-in/", {"email": email, "password": password}, REMOTE_ADDR=ip)


def token(api, email, password, ip="127.0.0.1"):
    return api.client.post(
        "/api/v1/auth/token",
        {"email": email, "password": password},
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
class TestSignInLimits:
    def test_repeated_failures_lock_even_the_right_password_for_15_minutes(self):
        person = factories.person(email="locked@example.org")
        for _ in range(3):
            sign_in(person.email, "wrong-password-1")
        client, response = sign_in(person.email, factories.PASSWORD)
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        assert "15" in response.content.decode()
        assert AuditEvent.objects.filter(action="person.locked", object_id=person.email).count() == 1
        assert SignInFailure.objects.filter(email=person.email, ip="127.0.0.1").count() == 3

    def test_the_api_token_shares_the_count_and_says_when_to_retry(self, api):
        person = factories.person(email="locked2@example.org")
        assert [token(api, person.email, "nope-nope-1").status_code for _ in range(3)] == [401, 401, 429]
        response = token(api, person.email, factories.PASSWORD)
        assert response.status_code == 429 and response.json()["code"] == "locked"
        assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60

    def test_a_stranger_cannot_lock_out_an_account_with_the_second_factor(self, enrol):
        staff = factories.staff("coordinator", email="boss@example.org")
        enrol(staff)
        for n in range(8):  # a botnet: many addresses, a few attempts each
            for _ in range(2):
                sign_in(staff.email, "guess-guess-1", ip=f"203.0.113.{n}")
        _, response = sign_in(staff.email, factories.PASSWORD, ip="192.0.2.10")
        assert response.status_code == 302 and response["Location"] == "/accounts/sign-in/code/"

    def test_an_account_without_it_is_locked_when_guessed_from_many_ips(self):
        person = factories.person(email="plain@example.org")
        for n in range(5):
            sign_in(person.email, "guess-guess-1", ip=f"203.0.113.{n}")
        assert sign_in(person.email, factories.PASSWORD, ip="192.0.2.10")[1].status_code == 429

    def test_one_ip_spraying_many_addresses_is_stopped(self):
        victims = [factories.person(email=f"v{n}@example.org") for n in range(7)]
        for victim in victims[:6]:
            sign_in(victim.email, "spray-spray-1", ip="198.51.100.7")
        assert sign_in(victims[6].email, factories.PASSWORD, ip="198.51.100.7")[1].status_code == 429
        assert sign_in(victims[6].email, factories.PASSWORD, ip="198.51.100.8")[1].status_code == 302

    def test_success_clears_the_failures_of_that_ip(self):
        person = factories.person(email="ok@example.org")
        for _ in range(2):
            sign_in(person.email, "wrong-password-1")
        client, _ = sign_in(person.email, factories.PASSWORD)
        assert client.session["_auth_user_id"] == str(person.pk)
        for _ in range(2):
            sign_in(person.email, "wrong-password-1")
        assert sign_in(person.email, factories.PASSWORD)[1].status_code == 302

    def test_the_admin_has_no_sign_in_of_its_own(self):
        response = Client().get("/admin/login/?next=/admin/accounts/user/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/sign-in/?next=/admin/accounts/user/"
