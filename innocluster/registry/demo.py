"""The demo cluster's register: part of the participants are startups or high-tech companies
(some excluded since), others have register applications in every state."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from innocluster.core.demo import DEMO_DOMAIN
from innocluster.membership.selectors import participations_among
from innocluster.organizations.selectors import owners_of
from innocluster.registry.models import RegistryApplication
from innocluster.registry.services import KIND, exclude, include
from innocluster.reviews.services import import_case

REGISTERED_SHARE = 0.3
MAX_APPLICATIONS = 600
EXCLUSION_REASONS = ["Выручка превысила порог для стартапа.", "Организация не подтвердила сведения в срок."]


@transaction.atomic
def seed(*, rng: random.Random, organization_ids: list[int]) -> str:
    User = get_user_model()
    today = timezone.localdate()
    coordinator = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
    reviewer = User.objects.filter(email=f"reviewer@{DEMO_DOMAIN}").first()
    participations = participations_among(organization_ids, order_by="since")
    rng.shuffle(participations)
    split = int(len(participations) * REGISTERED_SHARE)
    registered, applying = participations[:split], participations[split:][:MAX_APPLICATIONS]
    owners = owners_of(p.organization_id for p in applying[: len(applying) // 3])
    excluded = 0
    for participation in registered:
        on = participation.since + dt.timedelta(days=rng.randint(20, 200))
        if on >= today:
            on = participation.since
        entry = include(
            organization=participation.organization, category=rng.choice(["startup", "high_tech"]), on=on
        )
        if rng.random() < 0.1 and on < today - dt.timedelta(days=30):
            exclude(
                actor=coordinator,
                entry=entry,
                reason=rng.choice(EXCLUSION_REASONS),
                on=today - dt.timedelta(days=rng.randint(1, 29)),
            )
            excluded += 1
    states = ["draft", "submitted", "in_review", "returned", "rejected", "approved"]
    for index, participation in enumerate(applying[: len(applying) // 3]):
        organization = participation.organization
        status = states[index % len(states)]
        submitted = None if status == "draft" else today - dt.timedelta(days=rng.randint(0, 20))
        case = import_case(
            kind=KIND,
            organization=organization,
            applicant=owners[organization.pk],
            title=organization.short_name,
            status=status,
            submitted_on=submitted,
            assignee=reviewer if status == "in_review" else None,
            decided_by=coordinator,
            comment={
                "returned": "Приложите сведения о выручке.",
                "rejected": "Выручка превышает порог для стартапа.",
            }.get(status, ""),
        )
        application = RegistryApplication.objects.create(
            organization=organization,
            case=case,
            category=rng.choice(["startup", "high_tech"]),
            revenue_last_year=rng.randint(1, 400) * 100_000,
            rnd_spending_last_year=rng.randint(1, 80) * 50_000,
            ip_objects=rng.randint(0, 12),
            technology=organization.description_ru or organization.description_en,
            novelty="Собственная разработка, аналогов в России нет.",
        )
        if status == "approved":
            include(
                organization=organization,
                category=application.category,
                on=min(submitted + dt.timedelta(days=5), today),
                application=application,
            )
    return f"{len(registered)} in the register ({excluded} excluded since), {len(applying) // 3} register applications"
