import datetime as dt

import pytest
from django.utils import timezone

from innocluster.contests import services
from innocluster.organizations.models import OrganizationPerson
from tests import factories

CRITERIA = [
    {"code": "tech", "name": "Техническая зрелость", "weight": "3"},
    {"code": "econ", "name": "Экономический эффект", "weight": "1.5"},
    {"code": "team", "name": "Команда", "weight": "0.5"},
]


def contest_body(**extra):
    return {
        "title": "Умная остановка",
        "organiser": "Департамент транспорта и развития дорожно-транспортной инфраструктуры",
        "problem": "Пассажиры не знают, когда придёт автобус.",
        "requirements": "Работа при −30 °C.",
        "criteria": CRITERIA,
        "deadline": (timezone.localtime() + dt.timedelta(days=10))
        .replace(microsecond=0, tzinfo=None)
        .isoformat(),
        "winners": 2,
        "reward": "Пилотное внедрение на 10 остановках",
        **extra,
    }


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.fixture
def experts(db):
    return [factories.staff("expert", full_name=f"Эксперт {n}") for n in range(1, 5)]


def participant_org(name):
    owner = factories.person(full_name=f"Владелец {name}")
    organization = factories.organization(owner=owner, short_name=name)
    factories.participant(organization)
    return organization, owner


@pytest.fixture
def companies(db):
    return [participant_org(name) for name in ("ООО «Альфа»", "ООО «Бета»", "ООО «Гамма»")]


@pytest.fixture
def open_contest(coordinator):
    contest = services.create_contest(
        actor=coordinator,
        **{k: v for k, v in contest_body().items() if k != "deadline"},
        deadline=timezone.now() + dt.timedelta(days=10),
    )
    return services.publish(actor=coordinator, contest=contest)


def submit(contest, organization, owner, title=None):
    return services.submit_solution(
        actor=owner,
        contest=contest,
        organization=organization,
        title=title or f"Решение {organization.short_name}",
        description="Табло с прогнозом прибытия.",
    )


def person_of(organization, user, role="member"):
    OrganizationPerson.objects.create(organization=organization, person=user, role=role)
