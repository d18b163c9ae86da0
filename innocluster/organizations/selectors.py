"""Reads of organisations, scoped to who asks."""

from django.db.models import QuerySet
from django.utils.translation import get_language

from innocluster.organizations.models import Organization, OrganizationPerson, Region


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.select_related("region", "okved_main").prefetch_related("okved_additional")


def all_organizations() -> QuerySet[Organization]:
    """Every organisation with its region, for an app above to filter and annotate (the KPI board,
    its reminders) without reading this app's table itself."""
    return Organization.objects.select_related("region")


def organizations_of(person) -> QuerySet[OrganizationPerson]:
    """The person's roles, with their organisations, for the cabinet."""
    return (
        OrganizationPerson.objects.filter(person=person)
        .select_related("organization", "organization__region")
        .order_by("organization__short_name")
    )


def people_of(organization) -> QuerySet[OrganizationPerson]:
    return (
        OrganizationPerson.objects.filter(organization=organization)
        .select_related("person")
        .order_by("person__full_name")
    )


def people_in_roles(organization, roles=("owner", "manager")) -> list:
    """The persons who hold one of `roles` in the organisation (by default those who act for it:
    its owners and managers), e.g. to notify them."""
    return [link.person for link in organization.people.select_related("person").filter(role__in=roles)]


def people_in_roles_of(organization_ids, roles=("owner", "manager")) -> dict[int, list]:
    """`people_in_roles` for many organisations in one query: organisation id → its persons in
    `roles`, in the order they joined."""
    people: dict[int, list] = {}
    links = (
        OrganizationPerson.objects.filter(organization_id__in=list(organization_ids), role__in=roles)
        .select_related("person")
        .order_by("organization_id", "pk")
    )
    for link in links:
        people.setdefault(link.organization_id, []).append(link.person)
    return people


def get_visible_organization(*, pk) -> Organization | None:
    """Every organisation's public profile is public; None when there is no such organisation."""
    try:
        return public_organizations().get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, Organization.DoesNotExist):
        return None


def organization_by_inn_or_number(value) -> Organization | None:
    """What a person types to name an organisation: its INN (10 or 12 digits) or its number on the
    platform; None when it names none."""
    value = str(value or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    if len(value) in (10, 12):
        return public_organizations().filter(inn=value).first()
    return get_visible_organization(pk=value)


def get_organization_for(*, user, pk, perm: str) -> Organization | None:
    """The organisation if `user` holds `perm` on it; otherwise None, which callers turn into a 404,
    so that a stranger cannot tell whether it exists."""
    organization = get_visible_organization(pk=pk)
    if organization is None or not user.has_perm(perm, organization):
        return None
    return organization


# Why a staff member may read an organisation's private data without typing a reason: callables
# (user, organization) -> str | None that apps above register (reviews: a case of it assigned to
# them). SPEC §1: "staff with a reason (their assignment)".
STAFF_REASONS: list = []
MIN_TYPED_REASON = 10


def private_access(user, organization, *, typed_reason: str = "") -> str | None:
    """Why `user` may read the organisation's private data now, or None when they may not: its own
    people need no reason (""), staff need an assignment or a reason they type (10+ characters).
    The caller logs a staff read with the reason (audit.record_personal_data_access)."""
    import rules

    if user is None or not user.is_authenticated:
        return None
    # the rule itself, not user.has_perm: a superuser holds every permission, and would read
    # without a reason and without a trace
    if rules.has_perm("organizations.view_private", user, organization):
        return ""
    if not (user.is_active and user.is_staff):
        return None
    for reason_of in STAFF_REASONS:
        reason = reason_of(user, organization)
        if reason:
            return reason
    typed = " ".join(str(typed_reason or "").split())[:300]
    return typed if len(typed) >= MIN_TYPED_REASON else None


# Links other apps add to each organisation's row in the cabinet: (url name taking the id, label).
CABINET_LINKS: list[tuple[str, object]] = []


def cabinet_section(request) -> dict:
    from django.utils import timezone

    from innocluster.organizations.models import Invitation

    user = request.user
    return {
        "roles": organizations_of(user),
        "invitations": Invitation.objects.filter(
            email__iexact=user.email, status="pending", expires_at__gt=timezone.now()
        ).select_related("organization"),
        "links": CABINET_LINKS,
    }


# A ranking engine for "organisations that fit this text", registered by partner search when it
# is installed: (text, *, participants_only, exclude, limit) -> [(organisation id, why, snippet)].
RANKERS: list = []


def rank_organizations(text: str, *, participants_only: bool, exclude: tuple[int, ...], limit: int):
    """Best-fitting organisations by the registered engine, or None when there is none."""
    if not RANKERS or not text.strip():
        return None
    return RANKERS[0](text, participants_only=participants_only, exclude=exclude, limit=limit)


def owners_of(organization_ids) -> dict:
    """Organisation id → its owner (a user), for these organisations only: two queries, whatever
    the size of the cluster (the demo seeding acts as the owners)."""
    from django.contrib.auth import get_user_model

    links = dict(
        OrganizationPerson.objects.filter(
            organization_id__in=list(organization_ids), role="owner"
        ).values_list("organization_id", "person_id")
    )
    people = get_user_model().objects.in_bulk(list(links.values()))
    return {organization_id: people[person_id] for organization_id, person_id in links.items()}


def regions() -> QuerySet:
    """The regions for a filter's choices, by their name in the page's language."""
    return Region.objects.order_by("name_en" if get_language() == "en" else "name_ru")
