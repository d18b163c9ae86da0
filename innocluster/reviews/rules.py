"""Who may see and handle review cases. Coordinators and administrators handle every case; a
reviewer sees the unassigned queue and their own cases; the applicant's people see their cases."""

import rules

from innocluster.accounts.enums import StaffRole
from innocluster.organizations.rules import is_organization_manager, is_organization_person
from innocluster.reviews.enums import ReviewStatus

SUPERVISORS = (StaffRole.COORDINATOR, StaffRole.ADMINISTRATOR)


def is_supervisor(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_staff and any(user.has_role(r) for r in SUPERVISORS)
    )


def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff and user.has_role(StaffRole.REVIEWER))


def may_use_desk(user) -> bool:
    return is_supervisor(user) or is_reviewer(user)


@rules.predicate
def handles_case(user, case) -> bool:
    """Coordinators and administrators: every case. A reviewer: the unassigned ones and their own,
    never a draft (an organisation's own until it submits: no reviewer has a reason to read it)."""
    if is_supervisor(user):
        return True
    return is_reviewer(user) and case.assignee_id in (None, user.pk) and case.status != ReviewStatus.DRAFT


@rules.predicate
def is_applicant_person(user, case) -> bool:
    if case.organization_id is None:
        return user.is_authenticated and case.applicant_id == user.pk
    return is_organization_person(user, case.organization)


@rules.predicate
def acts_for_applicant(user, case) -> bool:
    if case.organization_id is None:
        return user.is_authenticated and case.applicant_id == user.pk
    return is_organization_manager(user, case.organization)


rules.add_perm("reviews.view_case", is_applicant_person | handles_case)
rules.add_perm("reviews.handle_case", handles_case)
rules.add_perm("reviews.act_as_applicant", acts_for_applicant)
# a draft is written by any of the applicant's people (a member drafts); a manager submits it
rules.add_perm("reviews.draft_as_applicant", is_applicant_person)
