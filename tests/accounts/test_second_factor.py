"""The second factor: setup, sign-in with a code or a recovery code, staff who act only after it
(site, admin and API), and the API token's `otp`."""

import io

import pyotp
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from innocluster.accounts.middleware import SESSION_KEY
from innocluster.accounts.models import RecoveryCode, SecondFactor, User
from innocluster.core.models import AuditEvent, Notification
from tests import factories
from tests.accounts.conftest import code_for


def password_step(client, person, next_url=""):
    return client.post(
        "/accounts/sign-in/", {"email": person.email, "password": factories.PASSWORD, "next": next_url}
    )


@pytest.mark.django_db
class TestSetup:
    def test_setup_shows_a_qr_code_and_the_key_then_turns_on_with_a_code(self):
        person = factories.person()
        client = Client()
        factories.sign_in(client, person)
        page = client.post("/accounts/security/second-factor/setup/")
        assert page.status_code == 200
        device = SecondFactor.objects.get(person=person, confirmed_at__isnull=True)
        html = page.content.decode()
        assert "<svg" in html and device.secret in html
        wrong = client.post("/accounts/security/second-factor/confirm/", {"code": "000000"})
        assert wrong.status_code == 200 and "svg" in wrong.content.decode()
        device.refresh_from_db()
        assert device.confirmed_at is None
        done = client.post(
            "/accounts/security/second-factor/confirm/", {"code": pyotp.TOTP(device.secret).now()}
        )
        codes = done.context["recovery_codes"]
        assert len(codes) == 10 and len(set(codes)) == 10
        device.refresh_from_db()
        assert device.confirmed_at is not None
        # the page that shows the codes says since when it is on (it said "since —" until reloaded)
        assert done.context["device"].confirmed_at == device.confirmed_at
        assert RecoveryCode.objects.filter(person=person).count() == 10
        assert not RecoveryCode.objects.filter(digest__in=codes).exists()  # only digests are stored
        assert AuditEvent.objects.filter(action="person.second_factor_on", actor=person).count() == 1
        assert Notification.objects.filter(recipient=person, kind="accounts.second_factor_on").exists()


@pytest.mark.django_db
class TestSignInWithTheSecondFactor:
    def test_the_password_alone_does_not_sign_in(self, enrol):
        person = factories.person()
        enrol(person)
        client = Client()
        response = password_step(client, person, next_url="/partners/")
        assert response["Location"] == "/accounts/sign-in/code/"
        assert "_auth_user_id" not in client.session
        assert client.get("/cabinet/").status_code == 302
        response = client.post("/accounts/sign-in/code/", {"code": code_for(person, steps_ahead=1)})
        assert response.status_code == 302 and response["Location"] == "/partners/"
        assert client.session["_auth_user_id"] == str(person.pk) and client.session[SESSION_KEY]

    def test_a_code_is_never_accepted_twice(self, enrol):
        person = factories.person()
        enrol(person)
        code = code_for(person, steps_ahead=1)
        first = Client()
        password_step(first, person)
        assert first.post("/accounts/sign-in/code/", {"code": code}).status_code == 302
        second = Client()
        password_step(second, person)
        response = second.post("/accounts/sign-in/code/", {"code": code})
        assert response.status_code == 200 and "_auth_user_id" not in second.session

    def test_wrong_codes_are_limited(self, enrol, settings):
        settings.SECOND_FACTOR_FAILURE_LIMIT = 3
        person = factories.person()
        enrol(person)
        client = Client()
        password_step(client, person)
        for _ in range(3):
            assert client.post("/accounts/sign-in/code/", {"code": "123456"}).status_code == 200
        response = client.post("/accounts/sign-in/code/", {"code": code_for(person, steps_ahead=1)})
        assert response.status_code == 429 and "_auth_user_id" not in client.session

    def test_a_recovery_code_works_once_and_is_told(self, enrol):
        person = factories.person()
        codes = enrol(person)
        client = Client()
        password_step(client, person)
        response = client.post("/accounts/sign-in/code/", {"code": codes[0].lower().replace("-", " ")})
        assert response.status_code == 302
        assert RecoveryCode.objects.filter(person=person, used_at__isnull=True).count() == 9
        assert Notification.objects.filter(recipient=person, kind="accounts.recovery_code_used").exists()
        again = Client()
        password_step(again, person)
        assert again.post("/accounts/sign-in/code/", {"code": codes[0]}).status_code == 200

    def test_an_applicant_may_turn_it_off_staff_may_not(self, enrol):
        person = factories.person()
        enrol(person)
        client = Client()
        factories.sign_in(client, person)
        client.post("/accounts/security/second-factor/off/", {"code": code_for(person, steps_ahead=1)})
        assert not SecondFactor.objects.filter(person=person).exists()
        staff = factories.staff("reviewer")
        enrol(staff)
        client = Client()
        factories.sign_in(client, staff)
        client.post("/accounts/security/second-factor/off/", {"code": code_for(staff, steps_ahead=1)})
        assert SecondFactor.objects.filter(person=staff, confirmed_at__isnull=False).exists()


@pytest.mark.django_db
class TestStaffActOnlyAfterTheSecondFactor:
    def test_staff_without_it_are_sent_to_turn_it_on_and_cannot_use_the_desk(self):
        coordinator = factories.staff("coordinator", language="ru")
        client = Client(HTTP_ACCEPT_LANGUAGE="en")  # a browser in English; the account reads Russian
        response = password_step(client, coordinator)
        assert response["Location"] == "/accounts/security/"
        page = client.get("/accounts/security/")
        assert page.status_code == 200
        # the warning is in the language of the page it is shown on
        assert "Сотрудники действуют только со вторым фактором" in page.content.decode()
        desk = client.get("/staff/desk/")
        assert desk.status_code == 302 and desk["Location"].startswith("/accounts/sign-in/code/")
        assert client.get("/admin/").status_code == 302
        assert client.get("/accounts/sign-in/code/?next=/staff/desk/")["Location"] == "/accounts/security/"

    def test_after_the_code_the_desk_and_the_admin_open(self, enrol):
        coordinator = factories.staff("coordinator")
        enrol(coordinator)
        client = Client()
        password_step(client, coordinator, next_url="/staff/desk/")
        response = client.post("/accounts/sign-in/code/", {"code": code_for(coordinator, steps_ahead=1)})
        assert response["Location"] == "/staff/desk/"
        assert client.get("/staff/desk/").status_code == 200
        assert client.get("/admin/").status_code == 200

    def test_a_demoted_person_saved_keeps_the_stored_staff_flags(self):
        coordinator = factories.staff("coordinator")
        coordinator.demote_until_second_factor()
        assert not coordinator.is_staff and not coordinator.has_role("coordinator")
        coordinator.full_name = "Кира Координатор"
        coordinator.save()
        stored = User.objects.get(pk=coordinator.pk)
        assert (stored.is_staff, stored.full_name, stored.roles()) == (
            True,
            "Кира Координатор",
            ["coordinator"],
        )


@pytest.mark.django_db
class TestTokenWithTheSecondFactor:
    def test_staff_must_send_otp(self, api, enrol):
        staff = factories.staff("coordinator")
        body = {"email": staff.email, "password": factories.PASSWORD}
        response = api.post("/auth/token", body)
        assert response.status_code == 401 and response.json()["code"] == "second_factor_required"
        enrol(staff)
        assert api.post("/auth/token", body).json()["code"] == "second_factor_required"
        wrong = api.post("/auth/token", {**body, "otp": "000000"})
        assert wrong.status_code == 401 and wrong.json()["code"] == "second_factor_invalid"
        token = api.post("/auth/token", {**body, "otp": code_for(staff, steps_ahead=1)}).json()["token"]
        me = api.get("/me", Authorization=f"Bearer {token}").json()
        assert me["roles"] == ["coordinator"] and me["acting_as_staff"] is True

    def test_an_applicant_with_it_on_must_send_otp_too(self, api, enrol):
        person = factories.person()
        body = {"email": person.email, "password": factories.PASSWORD}
        assert api.post("/auth/token", body).status_code == 200
        enrol(person)
        assert api.post("/auth/token", body).json()["code"] == "second_factor_required"
        assert api.post("/auth/token", {**body, "otp": code_for(person, steps_ahead=1)}).status_code == 200

    def test_a_token_from_before_the_roles_carries_no_staff_powers(self, api):
        person = factories.person()
        token = api.post("/auth/token", {"email": person.email, "password": factories.PASSWORD}).json()[
            "token"
        ]
        person.groups.add(*factories.staff_groups("coordinator"))
        person.is_staff = True
        person.save()
        me = api.get("/me", Authorization=f"Bearer {token}").json()
        assert me["roles"] == ["coordinator"] and me["acting_as_staff"] is False


@pytest.mark.django_db
class TestResetByTheAdministrator:
    """`innocluster manage reset_second_factor`: a staff member lost the phone and the codes."""

    def test_the_next_sign_in_asks_for_a_new_one_and_the_reset_is_audited_and_told(self, enrol):
        reviewer = factories.staff("reviewer")
        enrol(reviewer)
        out = io.StringIO()
        call_command(
            "reset_second_factor", reviewer.email.upper(), reason="lost phone; checked by a call", stdout=out
        )
        assert "is reset" in out.getvalue()
        assert not SecondFactor.objects.filter(person=reviewer).exists()
        assert not RecoveryCode.objects.filter(person=reviewer).exists()
        event = AuditEvent.objects.get(action="person.second_factor_reset")
        assert (event.object_id, event.actor_id) == (str(reviewer.pk), None)
        assert event.data == {
            "by": "command",
            "reason": "lost phone; checked by a call",
            "had_second_factor": True,
        }
        assert (
            Notification.objects.filter(recipient=reviewer, kind="accounts.second_factor_reset").count() == 1
        )
        # the password alone now leads to setting up a new authenticator, not to the code's page
        client = Client()
        assert password_step(client, reviewer)["Location"] == "/accounts/security/"
        assert client.get("/staff/desk/").status_code == 302

    def test_a_reason_is_required_and_an_unknown_address_refused(self):
        person = factories.person()
        with pytest.raises(CommandError, match="--reason"):
            call_command("reset_second_factor", person.email, reason="  ")
        with pytest.raises(CommandError, match="No active account"):
            call_command("reset_second_factor", "nobody@example.org", reason="asked by phone")
        assert not AuditEvent.objects.filter(action="person.second_factor_reset").exists()
