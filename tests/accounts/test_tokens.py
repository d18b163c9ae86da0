"""API tokens: hashed at rest, expiring, listed and revoked in the cabinet, last use recorded on
every use; the server's `issue_token` command for automation."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from innocluster.accounts.models import ApiToken
from innocluster.core.models import AuditEvent
from tests import factories


def get_token(api, person):
    return api.post("/auth/token", {"email": person.email, "password": factories.PASSWORD}).json()["token"]


@pytest.mark.django_db
class TestTokens:
    def test_only_a_digest_is_stored_and_each_use_is_recorded(self, api):
        person = factories.person()
        token = get_token(api, person)
        row = ApiToken.objects.get(user=person)
        assert token not in (row.digest, row.prefix) and row.digest == ApiToken.digest_of(token)
        assert row.prefix == token[:6] and row.last_used_at is None
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=1)):
            api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}, REMOTE_ADDR="10.9.8.7")
        row.refresh_from_db()
        first = row.last_used_at
        assert first is not None and row.last_used_ip == "10.9.8.7"
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
            api.get("/me", Authorization=f"Bearer {token}")
        row.refresh_from_db()
        assert row.last_used_at > first

    def test_a_token_expires(self, api):
        person = factories.person()
        token = get_token(api, person)
        assert api.get("/me", Authorization=f"Bearer {token}").status_code == 200
        with time_machine.travel(timezone.now() + dt.timedelta(days=91)):
            response = api.get("/me", Authorization=f"Bearer {token}")
        assert response.status_code == 401 and response.json()["code"] == "not_authenticated"

    def test_listed_and_revoked_in_the_cabinet(self, api):
        person = factories.person()
        token = get_token(api, person)
        client = Client()
        factories.sign_in(client, person)
        page = client.get("/accounts/security/").content.decode()
        assert f"{token[:6]}…" in page and token not in page
        row = ApiToken.objects.get(user=person)
        assert client.post(f"/accounts/security/tokens/{row.pk}/revoke/").status_code == 302
        assert api.get("/me", Authorization=f"Bearer {token}").status_code == 401
        assert AuditEvent.objects.filter(action="person.token_revoked", actor=person).count() == 1

    def test_a_new_token_in_the_cabinet_is_shown_once(self, api):
        person = factories.person()
        client = Client()
        factories.sign_in(client, person)
        response = client.post("/accounts/security/tokens/", {"name": "выгрузка в 1С", "days": "30"})
        token = response.context["new_token"]
        assert api.get("/me", Authorization=f"Bearer {token}").json()["id"] == person.pk
        row = ApiToken.objects.get(user=person)
        assert row.name == "выгрузка в 1С"
        assert round((row.expires_at - row.created_at) / dt.timedelta(days=1)) == 30
        assert token not in client.get("/accounts/security/").content.decode()

    def test_the_api_lists_and_revokes_only_the_callers_tokens(self, api):
        person, stranger = factories.person(), factories.person()
        token = get_token(api, person)
        other = get_token(api, stranger)
        listed = api.get("/auth/tokens", Authorization=f"Bearer {token}").json()
        assert [t["begins_with"] for t in listed] == [token[:6]]
        other_id = ApiToken.objects.get(user=stranger).pk
        assert api.delete(f"/auth/tokens/{other_id}", Authorization=f"Bearer {token}").status_code == 404
        assert api.get("/me", Authorization=f"Bearer {other}").status_code == 200
        mine = ApiToken.objects.get(user=person).pk
        assert api.delete(f"/auth/tokens/{mine}", Authorization=f"Bearer {token}").status_code == 204
        assert api.get("/me", Authorization=f"Bearer {token}").status_code == 401


@pytest.mark.django_db
class TestIssueTokenCommand:
    def test_prints_a_working_token_with_the_staff_roles_and_audits_it(self, api):
        coordinator = factories.staff("coordinator", email="robot@example.org")
        out = io.StringIO()
        call_command("issue_token", "ROBOT@example.org", "--days", "7", stdout=out)
        token = out.getvalue().strip()
        me = api.get("/me", Authorization=f"Bearer {token}").json()
        assert me["id"] == coordinator.pk and me["acting_as_staff"] is True
        row = ApiToken.objects.get(user=coordinator)
        assert round((row.expires_at - row.created_at) / dt.timedelta(days=1)) == 7 and row.second_factor
        event = AuditEvent.objects.get(action="person.token_issued", actor=coordinator)
        assert event.data["by"] == "command" and event.data["days"] == 7

    def test_unknown_address_and_bad_days_are_refused(self):
        factories.person(email="someone@example.org")
        with pytest.raises(CommandError):
            call_command("issue_token", "nobody@example.org")
        with pytest.raises(CommandError):
            call_command("issue_token", "someone@example.org", "--days", "0")
