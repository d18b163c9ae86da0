"""Who may do what with an organisation. One place; views and API handlers ask these."""

import rules

from innocluster.organizations.enums import ROLE_RANK, OrganizationRole


def role_of(user, organization) -> str | None:
    if user is None or not user.is_authenticated or organization is None or organization.pk is None:
        return None
    cache = user.__dict__.setdefault("_organization_roles", {})
    if organization.pk not in cache:
        from innocluster.organizations.models import OrganizationPerson

        cache[organization.pk] = (
            OrganizationPerson.objects.filter(organization_id=organization.pk, person_id=user.pk)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organization.pk]


def _at_least(role: str):
    @rules.predicate(name=f"is_{role}_or_above")
    def predicate(user, organization) -> bool:
        current = role_of(user, organization)
        return current is not None and ROLE_RANK[current] >= ROLE_RANK[role]

    return predicate


is_organization_person = _at_least(OrganizationRole.MEMBER)
is_organization_manager = _at_least(OrganizationRole.MANAGER)
is_organization_owner = _at_least(OrganizationRole.OWNER)


@rules.predicate
def is_active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


# Its own people see an organisation's private data; staff see it only with a reason (SPEC §1),
# which `selectors.private_access` finds or takes as typed, and logs.
rules.add_perm("organizations.view_private", is_organization_person)
rules.add_perm("organizations.edit_profile", is_organization_manager)
rules.add_perm("organizations.act_for", is_organization_manager)
# SPEC §1: a member reads and drafts; a manager (or the owner) files and signs
rules.add_perm("organizations.draft_for", is_organization_person)
rules.add_perm("organizations.manage_people", is_organization_owner)
