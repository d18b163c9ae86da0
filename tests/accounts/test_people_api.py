"""GET /me, PUT /users/{id}/roles and `createsuperuser --noinput` as the README writes it."""

import os
import subprocess
import sys

import pytest

from innocluster.accounts.models import User
from innocluster.core.models import AuditEvent
from tests import factories


@pytest.mark.django_db
class TestMe:
    def test_who_the_caller_is(self, api, organization, owner):
        body = api.as_(owner).get("/me").json()
        assert body == {
            "id": owner.pk,
            "email": owner.email,
            "full_name": "Ольга Владелец",
            "language": "ru",
            "email_confirmed": True,
            "second_factor": False,
            "roles": [],
            "acting_as_staff": False,
            "organizations": [
                {"id": organization.pk, "role": "owner", "short_name": organization.short_name}
            ],
            "consent_version": 1,
            "consent_current": True,
        }

    def test_a_superuser_holds_every_role(self, api):
        admin = User.objects.create_superuser(email="root@example.org", password="Correct-Horse-42")
        assert api.as_(admin).get("/me").json()["roles"] == [
            "reviewer",
            "expert",
            "coordinator",
            "administrator",
        ]

    def test_anonymous_is_401(self, api):
        assert api.get("/me").status_code == 401


@pytest.mark.django_db
class TestRoles:
    def test_an_administrator_gives_and_takes_roles(self, api):
        admin = factories.staff("administrator")
        person = factories.person()
        response = api.as_(admin).put(
            f"/users/{person.pk}/roles", {"roles": ["expert", "reviewer", "expert"]}
        )
        assert response.status_code == 200
        assert response.json() == {"id": person.pk, "roles": ["reviewer", "expert"]}
        person.refresh_from_db()
        assert person.is_staff and person.has_role("expert")
        event = AuditEvent.objects.get(action="person.roles_changed", object_id=str(person.pk))
        assert (event.actor, event.from_state, event.to_state) == (admin, "", "reviewer,expert")
        assert api.as_(admin).put(f"/users/{person.pk}/roles", {"roles": []}).json()["roles"] == []
        person.refresh_from_db()
        assert not person.is_staff

    @pytest.mark.parametrize("role", ["coordinator", "reviewer", None])
    def test_nobody_else_may(self, api, role):
        caller = factories.staff(role) if role else factories.person()
        target = factories.person()
        response = api.as_(caller).put(f"/users/{target.pk}/roles", {"roles": ["administrator"]})
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
        target.refresh_from_db()
        assert not target.is_staff

    def test_unknown_person_and_unknown_role(self, api):
        admin = factories.staff("administrator")
        assert api.as_(admin).put("/users/999999/roles", {"roles": []}).status_code == 404
        response = api.as_(admin).put(f"/users/{admin.pk}/roles", {"roles": ["king"]})
        assert response.status_code == 422 and response.json()["details"]["field"] == "roles.0"

    def test_the_last_administrator_stays(self, api):
        admin = factories.staff("administrator")
        response = api.as_(admin).put(f"/users/{admin.pk}/roles", {"roles": ["coordinator"]})
        assert response.status_code == 409 and response.json()["code"] == "last_administrator"
        assert admin.has_role("administrator")


@pytest.mark.django_db(transaction=True)
def test_createsuperuser_noinput_with_only_email_and_password(settings):
    """The README's own line, run as an outsider runs it, in its own process."""
    env = {
        **os.environ,
        "DJANGO_SUPERUSER_EMAIL": "chief@example.org",
        "DJANGO_SUPERUSER_PASSWORD": "Correct-Horse-42",
        "INNOCLUSTER_TEST_DATABASE_NAME": "",
    }
    from django.db import connection

    env["INNOCLUSTER_DATABASE_URL"] = (
        f"postgresql://{connection.settings_dict['USER']}@/{connection.settings_dict['NAME']}"
        f"?host={connection.settings_dict['HOST']}&port={connection.settings_dict['PORT']}"
    )
    result = subprocess.run(
        [sys.executable, "-m", "innocluster.cli", "manage", "createsuperuser", "--noinput"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    chief = User.objects.get(email="chief@example.org")
    assert chief.is_superuser and chief.is_staff and chief.full_name == "chief"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the real one, there
    assert chief.check_password("Correct-Horse-42")
