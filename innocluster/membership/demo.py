"""The demo cluster's membership: most organisations are participants (admitted over the years),
the others have applications in every state, some of them overdue."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from innocluster.core import calendar
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.membership.models import MembershipApplication
from innocluster.membership.services import KIND, admit_participant
from innocluster.organizations.models import Organization
from innocluster.organizations.selectors import owners_of
from innocluster.reviews.services import import_case

PARTICIPANT_SHARE = 0.6
MAX_APPLICATIONS = 1500
# admitted one by one through the service (numbers, audit): a cluster of a million organisations
# gets this many participants, not 600,000
MAX_PARTICIPANTS = 25_000
ACTIVITIES = [
    "Разрабатываем и производим электронные компоненты для промышленности и транспорта.",
    "Создаём программные платформы видеоаналитики и искусственного интеллекта для городских служб.",
    "Выпускаем медицинские изделия: диагностическое оборудование и носимые датчики.",
    "Изготавливаем детали на станках с ЧПУ и методами аддитивного производства для заказчиков кластера.",
    "Проектируем беспилотные авиационные системы для мониторинга инфраструктуры.",
]
REJECT_REASONS = [
    "Деятельность организации не связана с инновациями: представлена только торговля.",
    "Организация находится в процедуре ликвидации.",
]
RETURN_REASONS = [
    "Укажите контактный телефон и должность контактного лица.",
    "Опишите подробнее продукты и технологии организации.",
]


def _past_working_day(rng: random.Random, today: dt.date, working_days_ago: int) -> dt.date:
    """The date from which `working_days_ago` working days lead to today (approximately: walks back)."""
    day = today
    counted = 0
    while counted < working_days_ago:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


@transaction.atomic
def seed(*, rng: random.Random, organization_ids: list[int]) -> str:
    User = get_user_model()
    today = timezone.localdate()
    reviewer = User.objects.filter(email=f"reviewer@{DEMO_DOMAIN}").first()
    coordinator = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
    ids = list(organization_ids)
    rng.shuffle(ids)
    split = min(int(len(ids) * PARTICIPANT_SHARE), MAX_PARTICIPANTS)
    participants, applicants = ids[:split], ids[split:][:MAX_APPLICATIONS]
    organizations = {o.pk: o for o in Organization.objects.filter(pk__in=participants + applicants)}
    owners = owners_of(applicants)

    # Participants admitted over the years, numbered in the order they joined.
    dates = sorted(
        dt.date(2019, 1, 10) + dt.timedelta(days=rng.randrange((today - dt.date(2019, 1, 10)).days))
        for _ in participants
    )
    for org_id, since in zip(participants, dates, strict=True):
        admit_participant(organization=organizations[org_id], since=since)

    # Applications in every state; the open ones spread around their due dates, some overdue.
    plan = ["draft", "submitted", "submitted", "in_review", "in_review", "returned", "rejected", "approved"]
    counts: dict[str, int] = {}
    for index, org_id in enumerate(applicants):
        organization, applicant = organizations[org_id], owners[org_id]
        status = plan[index % len(plan)]
        submitted = None if status == "draft" else _past_working_day(rng, today, rng.randint(0, 14))
        comment = ""
        if status == "rejected":
            comment = rng.choice(REJECT_REASONS)
        elif status == "returned":
            comment = rng.choice(RETURN_REASONS)
        case = import_case(
            kind=KIND,
            organization=organization,
            applicant=applicant,
            title=organization.short_name,
            status=status,
            submitted_on=submitted,
            assignee=reviewer if status == "in_review" else None,
            decided_by=coordinator,
            comment=comment,
        )
        application = MembershipApplication.objects.create(
            organization=organization,
            case=case,
            contact_name=applicant.full_name,
            contact_position="Генеральный директор",
            contact_phone=organization.phone,
            contact_email=applicant.email,
            activity=organization.description_ru or rng.choice(ACTIVITIES),
            innovation_areas=", ".join(organization.capabilities[:3]),
            goals="Гранты на пилотирование, поиск партнёров, участие в межотраслевом кластере.",
            consent_personal_data=status != "draft" or rng.random() < 0.5,
            consent_at=timezone.now(),
        )
        if status == "approved":
            admit_participant(
                organization=organization,
                since=min(submitted + dt.timedelta(days=7), today),
                application=application,
            )
        counts[status] = counts.get(status, 0) + 1
    states = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return f"{len(participants)} participants; membership applications: {states}"
