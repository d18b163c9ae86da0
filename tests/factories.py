"""Test data built through the platform's own services where a rule is involved."""

import itertools

from innocluster.accounts.models import User
from innocluster.organizations import services
from innocluster.organizations.identifiers import make_legal_inn, make_ogrn, make_ogrnip, make_personal_inn

PASSWORD = "Correct-Horse-42"
_counter = itertools.count(1)


def person(
    *, email=None, full_name="Иван Петров", confirmed=True, staff=False, roles=(), consent=True, **extra
) -> User:
    """A person as after sign-up; with `consent`, holding a consent to the newest version of the
    consent document (as the sign-up form records it), so that pages do not ask for it first."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    n = next(_counter)
    user = User.objects.create_user(
        email=email or f"person{n}@example.org",
        password=PASSWORD,
        full_name=full_name,
        email_confirmed_at=timezone.now() if confirmed else None,
        is_staff=staff or bool(roles),
        **extra,
    )
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    if consent:
        give_consent(user)
    return user


def give_consent(user, document=None):
    """The person consents to `document` (the newest version when not given). Written directly,
    without the audit event of `accounts.consent.give_consent`, so that tests counting a person's
    events see only their own: the consent's own rules are tested in tests/accounts/test_consent.py."""
    from innocluster.accounts.models import Consent, ConsentDocument

    document = document or ConsentDocument.objects.order_by("-version").first()
    if document is not None:
        Consent.objects.create(person=user, document=document, accepted_from="127.0.0.1")


def legal_identifiers(n: int | None = None) -> dict:
    n = n if n is not None else next(_counter)
    return {
        "kind": "legal_entity",
        "inn": make_legal_inn(f"77{n:07d}"),
        "ogrn": make_ogrn(f"1027700{n:05d}"),
        "kpp": "770101001",
    }


def proprietor_identifiers(n: int | None = None) -> dict:
    n = n if n is not None else next(_counter)
    return {
        "kind": "sole_proprietor",
        "inn": make_personal_inn(f"50{n:08d}"),
        "ogrn": make_ogrnip(f"3047700{n:07d}"),
    }


def organization_data(**overrides) -> dict:
    data = {
        **legal_identifiers(),
        "full_name": "Общество с ограниченной ответственностью «Микросистемы»",
        "short_name": "ООО «Микросистемы»",
        "region_code": "77",
        "okved_main": "26",
        "sme_category": "small",
        "description_ru": "Проектируем интегральные микросхемы.",
        "description_en": "We design integrated circuits.",
        "capabilities": ["поверхностный монтаж", "токарная обработка"],
        "address": "Зеленоград, Георгиевский проспект, 5",
        "phone": "+7 495 000-00-00",
        "email": "office@example.org",
        "staff_count": 42,
    }
    data.update(overrides)
    return data


def organization(*, owner=None, **overrides):
    owner = owner or person()
    return services.register_organization(actor=owner, data=organization_data(**overrides))


MEMBERSHIP_FORM = {
    "contact_name": "Ольга Владелец",
    "contact_position": "Генеральный директор",
    "contact_phone": "+7 495 111-22-33",
    "contact_email": "olga@example.org",
    "activity": "Разрабатываем и выпускаем микросхемы для силовой электроники.",
    "innovation_areas": "микроэлектроника",
    "goals": "Гранты, пилотирование, поиск партнёров.",
    "consent_personal_data": True,
}


def membership_application(*, organization, actor, submit=True, **overrides):
    from innocluster.membership import services as membership

    return membership.apply_for_membership(
        actor=actor, organization=organization, data={**MEMBERSHIP_FORM, **overrides}, draft=not submit
    )


def participant(organization, since=None):
    import datetime as dt

    from innocluster.membership import services as membership

    return membership.admit_participant(organization=organization, since=since or dt.date(2024, 1, 15))


REGISTRY_FORM = {
    "category": "startup",
    "technology": "Фотонные интегральные схемы для связи.",
    "novelty": "Первая отечественная платформа кремниевой фотоники.",
    "revenue_last_year": "12500000.00",
    "rnd_spending_last_year": "4000000.50",
    "ip_objects": 3,
}


def staff(role="coordinator", **extra):
    return person(roles=[role], **extra)


def sign_in(client, user) -> None:
    """Sign `user` in on a test client; a staff person's session has passed the second factor, as
    after entering its code (the second-factor journey itself is tested in tests/accounts)."""
    from innocluster.accounts.middleware import SESSION_KEY

    client.force_login(user)
    if user.is_staff:
        session = client.session
        session[SESSION_KEY] = "2026-01-01T00:00:00+00:00"
        session.save()


def staff_groups(*roles):
    from django.contrib.auth.models import Group

    return list(Group.objects.filter(name__in=roles))


PILOT_CRITERIA = [
    {"name": "Время ожидания", "unit": "мин", "better": "lower", "target": "15"},
    {"name": "Доля распознаваний", "unit": "%", "better": "higher", "target": "95"},
]


def pilot(organization, *, status="accepted", product="Голосовой помощник регистратуры", site=None, **extra):
    """A pilot of `organization` (a participant) in `status`, made as people make it: a
    coordinator's test site, the company's request, the site's answer, the start on its first day,
    the protocol (one criterion met of two, ratings 5 and 4). Running and completed pilots started
    30 days ago; the others start in 30 days."""
    import datetime as dt

    from django.utils import timezone

    from innocluster.organizations.selectors import people_in_roles
    from innocluster.pilots import services as pilots
    from tests import factories  # this module: `organization` is the argument's name here

    today = timezone.localdate()
    started = status in ("running", "completed")
    starts_on = extra.pop("starts_on", today + dt.timedelta(days=-30 if started else 30))
    ends_on = extra.pop("ends_on", starts_on + dt.timedelta(days=90))
    if site is None:
        site_owner = person(full_name="Анна Площадкина")
        site = pilots.create_site(
            actor=staff("coordinator"),
            organization=factories.organization(owner=site_owner, short_name="ГБУЗ «Поликлиника № 1»"),
            name="Поликлиника № 1",
            category="healthcare",
            address="Москва, ул. Лесная, 1",
            district="Тверской",
            testable="Сервисы записи к врачу",
            capacity=10,
            contact_email="pilot@clinic.example.org",
        )
    representative = people_in_roles(site.organization, roles=("owner",))[0]
    company_owner = people_in_roles(organization, roles=("owner",))[0]
    made = pilots.request_pilot(
        actor=company_owner,
        organization=organization,
        site=site,
        product=product,
        goals="Сократить очередь в регистратуре.",
        starts_on=starts_on,
        ends_on=ends_on,
        criteria=PILOT_CRITERIA,
        **{"requested_on": min(starts_on, today), **extra},
    )
    if status == "requested":
        return made
    if status == "declined":
        return pilots.decide(actor=representative, pilot=made, decision="decline", comment="Нет мест.")
    made = pilots.decide(actor=representative, pilot=made, decision="accept")
    if status == "cancelled":
        return pilots.cancel(actor=company_owner, pilot=made, comment="Передумали.")
    if started:
        pilots.start_due_pilots(today=today)
    if status == "completed":
        pilots.submit_protocol(
            actor=representative,
            pilot=made,
            results=[
                {"criterion": "Время ожидания", "value": "12"},
                {"criterion": "Доля распознаваний", "value": "90.5"},
            ],
            feedback=[{"rating": 5, "comment": "Удобно."}, {"rating": 4, "comment": ""}],
            conclusion="recommended",
            comment="Рекомендуем к внедрению.",
        )
    made.refresh_from_db()
    assert made.status == status, made.status
    return made


def grant_pilot(organization):
    """The organisation's pilot a `pilot-testing` grant may name: its first accepted, running or
    completed one, else a new accepted one (the organisation must be a participant)."""
    from innocluster.pilots.models import Pilot

    existing = (
        Pilot.objects.filter(organization=organization, status__in=("accepted", "running", "completed"))
        .order_by("pk")
        .first()
    )
    return existing or pilot(organization)
