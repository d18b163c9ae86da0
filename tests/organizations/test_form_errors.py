"""The organisation form validated whole: every field in error reported at once (not one per
submit), each once; the contact e-mail prefilled from the account."""

import re

import pytest
from django.test import Client

from innocluster.organizations.models import Organization
from tests import factories


def field_errors(html: str) -> dict[str, int]:
    """How many controls are marked invalid, by name."""
    return {
        name: html.count(f'name="{name}"')
        for name in re.findall(
            r'<(?:input|select|textarea)[^>]*aria-invalid="true"[^>]*name="([\w_]+)"', html
        )
        + re.findall(r'<(?:input|select|textarea)[^>]*name="([\w_]+)"[^>]*aria-invalid="true"', html)
    }


@pytest.mark.django_db
class TestRegisterForm:
    def test_every_wrong_field_is_reported_in_one_submit(self, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = factories.organization_data(
            inn="7707083894",  # wrong check digits
            ogrn="123",
            region_code="",
            website="ftp://example.org",
            email="not-an-address",
            year_founded="1700",
        )
        response = client.post("/organizations/new/", data)
        html = response.content.decode()
        assert response.status_code == 200
        assert set(field_errors(html)) == {"inn", "ogrn", "region_code", "website", "email", "year_founded"}
        assert "Контрольные цифры ИНН не совпадают." in html
        assert not Organization.objects.exists()

    def test_a_message_is_not_shown_twice(self, owner):
        client = Client()
        factories.sign_in(client, owner)
        html = client.post("/organizations/new/", factories.organization_data(full_name="")).content.decode()
        summary_and_field = html.count("Обязательное поле.")
        assert summary_and_field in (1, 2)  # once on the field (and once in the summary, if any)
        assert set(field_errors(html)) == {"full_name"}

    def test_the_contact_email_starts_as_the_accounts(self, owner):
        client = Client()
        factories.sign_in(client, owner)
        html = client.get("/organizations/new/").content.decode()
        assert re.search(rf'name="email"[^>]*value="{re.escape(owner.email)}"', html) or re.search(
            rf'value="{re.escape(owner.email)}"[^>]*name="email"', html
        )


@pytest.mark.django_db
class TestEditForm:
    def test_every_wrong_field_is_reported_in_one_submit(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = factories.organization_data(short_name="", okved_main="", staff_count="-5")
        html = client.post(f"/organizations/{organization.pk}/edit/", data).content.decode()
        assert set(field_errors(html)) == {"short_name", "okved_main", "staff_count"}
        organization.refresh_from_db()
        assert organization.short_name == "ООО «Микросистемы»"
