"""Staff roles: Django groups named after `StaffRole`; holding any makes the person staff."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from innocluster.accounts.enums import StaffRole
from innocluster.accounts.error_codes import AccountErrorCode
from innocluster.accounts.models import User
from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, PermissionDenied


def is_administrator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(StaffRole.ADMINISTRATOR))


@transaction.atomic
def set_roles(*, actor: User, person: User, roles: list[str]) -> User:
    """Give the person exactly these staff roles (an administrator's act). Refused when it would
    leave no active administrator. Side effects: groups and `is_staff`; audit `person.roles_changed`."""
    if not is_administrator(actor):
        raise PermissionDenied(_("Only an administrator gives staff roles."))
    wanted = []
    for index, role in enumerate(roles):
        if role not in StaffRole.values:
            raise InvalidInput(
                _("Choose roles from: %(roles)s.") % {"roles": ", ".join(StaffRole.values)},
                field=f"roles.{index}",
            )
        if role not in wanted:
            wanted.append(role)
    person = User.objects.select_for_update().get(pk=person.pk)
    before = person.roles()
    if (
        StaffRole.ADMINISTRATOR in before
        and StaffRole.ADMINISTRATOR not in wanted
        and not person.is_superuser
    ):
        others = (
            User.objects.filter(is_active=True, is_staff=True, groups__name=StaffRole.ADMINISTRATOR)
            .exclude(pk=person.pk)
            .exists()
            or User.objects.filter(is_active=True, is_superuser=True).exclude(pk=person.pk).exists()
        )
        if not others:
            raise Conflict(
                _("The platform keeps at least one administrator."), code=AccountErrorCode.LAST_ADMINISTRATOR
            )
    person.groups.set(Group.objects.filter(name__in=wanted))
    person.is_staff = bool(wanted) or person.is_superuser
    person.save(update_fields=["is_staff"])
    after = person.roles()
    audit.record(
        actor=actor,
        action="person.roles_changed",
        obj=person,
        from_state=",".join(before),
        to_state=",".join(after),
    )
    return person
