import datetime as dt

import pytest
from django.utils import timezone

from innocluster.organizations.models import OrganizationPerson
from innocluster.pilots import services
from tests import factories

CRITERIA = [
    {"name": "Время ожидания", "unit": "мин", "better": "lower", "target": "15"},
    {"name": "Доля успешных распознаваний", "unit": "%", "better": "higher", "target": "95.5"},
]


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.fixture
def company(organization):
    factories.participant(organization)
    return organization


@pytest.fixture
def site_owner(db):
    return factories.person(full_name="Анна Площадкина")


@pytest.fixture
def site_manager(site_owner, site_org):
    manager = factories.person(full_name="Пётр Площадкин")
    OrganizationPerson.objects.create(organization=site_org, person=manager, role="manager")
    return manager


@pytest.fixture
def site_org(site_owner):
    return factories.organization(owner=site_owner, short_name="ГБУЗ «Поликлиника № 1»")


@pytest.fixture
def make_site(coordinator, site_org):
    def make(capacity=1, category="healthcare", organization=None, name="Поликлиника № 1"):
        return services.create_site(
            actor=coordinator,
            organization=organization or site_org,
            name=name,
            category=category,
            address="Москва, ул. Лесная, 1",
            district="Тверской",
            testable="Сервисы записи к врачу, телемедицина",
            capacity=capacity,
            contact_email="pilot@clinic.example.org",
        )

    return make


@pytest.fixture
def site(make_site):
    return make_site()


def pilot_body(organization, site, starts_on="2027-03-01", ends_on="2027-05-31", **extra):
    return {
        "organization_id": organization.pk,
        "site_id": site.pk,
        "product": "Голосовой помощник регистратуры",
        "goals": "Сократить очередь в регистратуре.",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "criteria": CRITERIA,
        **extra,
    }


@pytest.fixture
def ask(owner, company):
    """Request a pilot at a site for a period through the service; returns the pilot."""

    def request(site, starts_on="2027-03-01", ends_on="2027-05-31", criteria=CRITERIA, product="Помощник"):
        # a test that travels past the start asks as if it had asked in time (history, as the demo)
        day = dt.date.fromisoformat(str(starts_on))
        return services.request_pilot(
            requested_on=min(day, timezone.localdate()),
            actor=owner,
            organization=company,
            site=site,
            product=product,
            goals="Проверить в работе.",
            starts_on=starts_on,
            ends_on=ends_on,
            criteria=criteria,
        )

    return request
