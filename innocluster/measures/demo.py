"""The demo cluster's support measures: for every measure, applications in every state (drafts,
some overdue in review, returned, rejected, approved, signed, paying, completed, terminated),
made through the same services as a real applicant and coordinator would, with payments. A
measure whose application names an object of another programme (`Measure.link`: the
`pilot-testing` grant's pilot) is left to that programme's demo, which runs later and uses
`advance` for the states."""

import datetime as dt
import logging
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from innocluster.core import calendar
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.core.errors import PlatformError
from innocluster.measures import services
from innocluster.measures.models import Measure
from innocluster.membership.selectors import participations_among
from innocluster.organizations.selectors import owners_of
from innocluster.registry.models import RegistryEntry
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus

logger = logging.getLogger(__name__)
STATES = [
    "draft",
    "submitted",
    "in_review",
    "returned",
    "rejected",
    "approved",
    "agreement_signed",
    "paying",
    "completed",
    "terminated",
]


def items_for(rng: random.Random, code: str, investee=None) -> list[dict]:
    """Cost items a demo application of the measure `code` asks for (also for other apps' demos)."""
    today = timezone.localdate()
    if code == "pilot-testing":
        categories = [
            "logistics",
            "insurance",
            "certification",
            "consumables",
            "labor",
            "maintenance",
            "equipment_rental",
        ]
        return [
            {"category": c, "amount": f"{rng.randint(50, 600) * 1000}.00"} for c in rng.sample(categories, 3)
        ]
    if code == "patent-compensation":
        return [
            {"category": "invention", "amount": f"{rng.randint(30, 120) * 1000}.00", "jurisdiction": "ru"},
            {
                "category": rng.choice(["utility_model", "industrial_design"]),
                "amount": f"{rng.randint(200, 900) * 1000}.00",
                "jurisdiction": "foreign",
            },
        ]
    if code == "equipment-cofinancing":
        return [
            {
                "category": rng.choice(["purchase", "leasing", "loan_interest"]),
                "amount": f"{rng.randint(1, 12) * 1000000}.00",
                "origin": rng.choice(["domestic", "imported"]),
                "date": (today - dt.timedelta(days=rng.randint(30, 900))).isoformat(),
            }
            for _ in range(2)
        ]
    if code == "angel-refund":
        on = investee.included_on + dt.timedelta(
            days=rng.randint(0, max(0, (today - investee.included_on).days))
        )
        if investee.excluded_on and on >= investee.excluded_on:
            on = investee.included_on
        return [
            {
                "category": "investment",
                "amount": f"{rng.randint(5, 80) * 100000}.00",
                "investee_inn": investee.organization.inn,
                "date": on.isoformat(),
            }
        ]
    return [
        {"category": "equipment", "amount": f"{rng.randint(20, 120) * 1000000}.00"},
        {"category": "salaries", "amount": f"{rng.randint(5, 30) * 1000000}.00"},
        {"category": "software", "amount": f"{rng.randint(1, 10) * 1000000}.00"},
    ]


def advance(rng, application, state: str, coordinator, reviewer) -> None:
    """Take a submitted application to `state` (one of STATES after "submitted") as the desk and
    the applicant would; also for other apps' demos (pilots makes the `pilot-testing` grants)."""
    case = application.case
    actor = application.person
    if state == "in_review":
        reviews.assign(case, assignee=reviewer, actor=coordinator)  # taking it puts it in review
        return
    if state == "returned":
        reviews.decide(
            case,
            "return",
            actor=coordinator,
            comment="Приложите договоры и платёжные документы по каждой статье.",
        )
        return
    if state == "rejected":
        reviews.decide(case, "reject", actor=coordinator, comment="Затраты не подтверждены документами.")
        return
    reviews.decide(case, "approve", actor=coordinator)
    if state == "approved":
        return
    services.sign_agreement(actor=actor, application=application)
    if state == "agreement_signed":
        return
    if state == "terminated":
        reviews.transition(
            case, ReviewStatus.TERMINATED, actor=coordinator, comment="Получатель отказался от соглашения."
        )
        return
    first = application.payments.order_by("pk").first()
    services.record_payment(actor=coordinator, payment=first)
    if application.measure.code != "import-substitution":
        return  # a single payment completes the rest at once
    years = 1 if state == "paying" else 3
    for _year in range(years):
        report = services.submit_cost_report(
            actor=actor,
            application=application,
            raw_items=[{"category": "equipment", "amount": f"{rng.randint(10, 60) * 1000000}.00"}],
        )
        services.decide_cost_report(actor=coordinator, report=report, confirm=True)
        if state == "completed":
            for payment in application.payments.filter(status="scheduled"):
                services.record_payment(actor=coordinator, payment=payment)
            application.case.refresh_from_db()
            if application.case.status == ReviewStatus.COMPLETED:
                break


BUDGETS = [Decimal(m) * 1_000_000 for m in ("150", "250", "400", "600")]  # rubles a year


def seed(*, rng: random.Random, organization_ids: list[int]) -> str:
    User = get_user_model()
    coordinator = User.objects.get(email=f"coordinator@{DEMO_DOMAIN}")
    reviewer = User.objects.get(email=f"reviewer@{DEMO_DOMAIN}")
    participants = participations_among(organization_ids, order_by="pk")
    rng.shuffle(participants)
    ids = set(organization_ids)
    investees = [
        entry
        for entry in RegistryEntry.objects.select_related("organization")
        .filter(organization_id__gte=min(ids), organization_id__lte=max(ids))
        .order_by("pk")
        if entry.organization_id in ids
    ]
    per_state = max(1, min(4, len(organization_ids) // 250))
    measures = list(Measure.objects.filter(is_active=True).order_by("order"))
    # the applicants are taken from the front of the shuffled list (the pool below)
    owners = owners_of(p.organization_id for p in participants[: per_state * len(STATES) * len(measures)])
    today = timezone.localdate()
    counts: dict[str, int] = {}
    pool = iter(participants)
    for measure in measures:
        if measure.code == "angel-refund" and not investees:
            continue
        if measure.link:
            # it names an object of another programme (a `pilot-testing` grant: the applicant's
            # pilot), which does not exist yet: that app's demo makes these applications
            continue
        for state in STATES:
            if state == "paying" and measure.code != "import-substitution":
                continue
            for _ in range(per_state):
                participant = next(pool, None)
                if participant is None:
                    pool = iter(participants)
                    participant = next(pool, None)
                if participant is None:
                    break
                organization = participant.organization
                actor = owners[organization.pk]
                on_behalf = None if measure.code == "angel-refund" else organization
                investee = rng.choice(investees) if investees else None
                application = services.save_application(
                    actor=actor,
                    measure=measure,
                    organization=on_behalf,
                    raw_items=items_for(rng, measure.code, investee),
                    project_title=f"{organization.short_name}: {measure.title_ru.lower()}",
                )
                if state != "draft":
                    try:
                        services.submit_application(actor=actor, application=application)
                        if state in ("submitted", "in_review"):
                            # spread the open ones around their due dates; a third are overdue
                            back = rng.randint(0, 16)
                            submitted = today
                            for _i in range(back):
                                submitted -= dt.timedelta(days=1)
                                while not calendar.is_working_day(submitted):
                                    submitted -= dt.timedelta(days=1)
                            reviews.backdate_submission(application.case, submitted_on=submitted)
                        if state != "submitted":
                            advance(rng, application, state, coordinator, reviewer)
                    except PlatformError as exc:
                        # an ineligible organisation (a large one for equipment) or an exhausted
                        # annual cap: the application stays where the rules stopped it
                        logger.debug(  # as the rules mean it to: not news for the one who runs the demo
                            "demo %s application %s stopped: %s", measure.code, application.pk, exc.message
                        )
                application.case.refresh_from_db()
                counts[application.case.status] = counts.get(application.case.status, 0) + 1
    # the year's budgets, so the staff dashboards set what is paid against something
    for measure in measures:
        for year in (today.year - 1, today.year):
            services.set_budget(actor=coordinator, measure=measure, year=year, amount=rng.choice(BUDGETS))
    return "measure applications: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
