"""Writes for intersectoral clusters: creation, invitations, acceptance, submission against the
rules of SPEC C4, join requests, leaving (with the below-30 flag), joint projects and their
cooperation chains."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from innocluster.consortia.enums import (
    INVITATION_TTL_DAYS,
    MINIMUM_PARTICIPANTS,
    InvitationStatus,
    JoinRequestStatus,
    MemberRole,
    ProjectRoleKind,
)
from innocluster.consortia.error_codes import ConsortiumErrorCode
from innocluster.consortia.models import (
    Consortium,
    ConsortiumInvitation,
    ConsortiumMember,
    JoinRequest,
    JointProject,
    ProjectRole,
)
from innocluster.core import audit
from innocluster.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Refusals
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.membership.models import Participation
from innocluster.organizations.selectors import people_in_roles
from innocluster.reviews import services as reviews
from innocluster.reviews.enums import ReviewStatus
from innocluster.reviews.error_codes import ReviewErrorCode

KIND = "consortium"
COUNTED_ROLES = (MemberRole.COORDINATOR, MemberRole.MEMBER)
INVITING_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.RETURNED, ReviewStatus.APPROVED)


class RulesUnmet(InvalidInput):
    code = ConsortiumErrorCode.RULES_UNMET
    default_message = gettext_lazy("The intersectoral cluster does not meet every rule yet.")


def _participant_ids(organization_ids) -> set[int]:
    return set(
        Participation.objects.filter(organization_id__in=list(organization_ids)).values_list(
            "organization_id", flat=True
        )
    )


def active_members(consortium):
    return consortium.memberships.filter(left_at__isnull=True).select_related("organization")


def may_manage(user, consortium) -> bool:
    return bool(user.is_authenticated and user.has_perm("organizations.act_for", consortium.coordinator))


def may_view(user, consortium) -> bool:
    """An approved consortium is public; a forming one is seen by the people of its member, partner
    and invited organisations, and by the staff who review it."""
    if consortium.case.status in (ReviewStatus.APPROVED,):
        return True
    if not user.is_authenticated:
        return False
    if user.has_perm("reviews.handle_case", consortium.case):
        return True
    org_ids = set(user.organization_roles.values_list("organization_id", flat=True))
    if not org_ids:
        return False
    return (
        consortium.memberships.filter(left_at__isnull=True, organization_id__in=org_ids).exists()
        or consortium.invitations.filter(
            status=InvitationStatus.PENDING, organization_id__in=org_ids
        ).exists()
    )


def _clean_areas(areas) -> list[str]:
    if not isinstance(areas, list | tuple):
        raise InvalidInput(_("Areas are a list of texts."), field="areas")
    cleaned = []
    for area in areas:
        text = clean_text(area, field="areas", max_length=100)
        if text and text.lower() not in {a.lower() for a in cleaned}:
            cleaned.append(text)
    if len(cleaned) > 20:
        raise InvalidInput(_("At most %(max)d items.") % {"max": 20}, field="areas")
    return cleaned


def _clean_projects(projects) -> list[tuple[str, str]]:
    if not isinstance(projects, list | tuple) or len(projects) > 50:
        raise InvalidInput(_("Projects are a list (at most 50)."), field="projects")
    cleaned = []
    for index, project in enumerate(projects):
        if not isinstance(project, dict):
            raise InvalidInput(_("Each project has a title and a description."), field=f"projects.{index}")
        cleaned.append(
            (
                clean_text(
                    project.get("title"), field=f"projects.{index}.title", max_length=300, required=True
                ),
                clean_text(
                    project.get("description"), field=f"projects.{index}.description", max_length=5000
                ),
            )
        )
    return cleaned


def clean_consortium(name, description, areas, projects) -> tuple:
    """(name, description, areas, projects) checked, each on its own: one InvalidInput naming every
    refused field at once (`details.fields`, field → message; `field` the first)."""
    checks = (
        lambda: clean_text(name, field="name", max_length=300, required=True),
        lambda: clean_text(description, field="description", max_length=10000, required=True),
        lambda: _clean_areas(areas),
        lambda: _clean_projects(projects),
    )
    cleaned, refusals = [], Refusals()
    for check in checks:
        with refusals.check():
            cleaned.append(check())
    refusals.raise_any()
    return tuple(cleaned)


@transaction.atomic
def create_consortium(*, actor, coordinator, name: str, description: str, areas, projects) -> Consortium:
    """A forming consortium in draft; the coordinator organisation is its first member.
    Side effects: a review case in draft; audit `consortium.created`."""
    if not actor.has_perm("organizations.act_for", coordinator):
        raise NotFound()
    if not _participant_ids([coordinator.pk]):
        raise Conflict(
            _("Only participants of the cluster start an intersectoral cluster."),
            code=ConsortiumErrorCode.NOT_PARTICIPANT,
        )
    name, description, areas, cleaned_projects = clean_consortium(name, description, areas, projects)
    case = reviews.create_case(kind=KIND, organization=coordinator, applicant=actor, title=name)
    consortium = Consortium.objects.create(
        name=name, description=description, areas=areas, coordinator=coordinator, case=case, created_by=actor
    )
    ConsortiumMember.objects.create(
        consortium=consortium, organization=coordinator, role=MemberRole.COORDINATOR
    )
    JointProject.objects.bulk_create(
        [JointProject(consortium=consortium, title=t, description=d) for t, d in cleaned_projects]
    )
    audit.record(actor=actor, action="consortium.created", obj=consortium, to_state=ReviewStatus.DRAFT)
    return consortium


def progress(consortium) -> dict:
    """Where the forming consortium stands against each rule of SPEC C4 (three queries)."""
    members = list(active_members(consortium))
    counted = [m for m in members if m.role in COUNTED_ROLES]
    participants = _participant_ids(m.organization_id for m in counted)
    not_participants = [m.organization for m in counted if m.organization_id not in participants]
    projects = consortium.projects.count()
    unmet = []
    if not consortium.areas:
        unmet.append(_("Name at least one adjacent area."))
    if projects < 1:
        unmet.append(_("Add at least one joint project."))
    if len(participants) < MINIMUM_PARTICIPANTS:
        unmet.append(
            ngettext(
                "At least %(min)d member organisations that are participants are needed: %(count)d has accepted.",
                "At least %(min)d member organisations that are participants are needed: %(count)d have accepted.",
                len(participants),
            )
            % {"min": MINIMUM_PARTICIPANTS, "count": len(participants)}
        )
    for organization in not_participants:
        unmet.append(
            _("%(organization)s is not a participant of the cluster.")
            % {"organization": organization.short_name}
        )
    return {
        "participants": len(participants),
        "minimum": MINIMUM_PARTICIPANTS,
        "partners": sum(1 for m in members if m.role == MemberRole.PARTNER),
        "projects": projects,
        "areas": len(consortium.areas),
        "pending_invitations": consortium.invitations.filter(status=InvitationStatus.PENDING).count(),
        "unmet": unmet,
        "percent": min(100, round(100 * len(participants) / MINIMUM_PARTICIPANTS)),
    }


def submit_consortium(*, actor, consortium) -> Consortium:
    """Send for review when every rule holds; otherwise `rules_unmet` listing each unmet rule and
    nothing changes. Side effects: the review transition (due date, audit, notifications)."""
    if not may_manage(actor, consortium):
        raise NotFound()
    unmet = progress(consortium)["unmet"]
    if unmet:
        raise RulesUnmet(" ".join(unmet), details={"unmet": unmet})
    reviews.transition(consortium.case, ReviewStatus.SUBMITTED, actor=actor)
    consortium.case.refresh_from_db()
    return consortium


def on_consortium_transition(case, consortium, before: str, to: str, actor) -> None:
    if to == ReviewStatus.SUBMITTED:
        # the rules are checked again under the case's row lock: nothing may have changed since
        unmet = progress(consortium)["unmet"]
        if unmet:
            raise RulesUnmet(" ".join(unmet), details={"unmet": unmet})
    if to == ReviewStatus.APPROVED:
        recipients = []
        for member in active_members(consortium):
            recipients += people_in_roles(member.organization)
        notify(
            recipients=recipients,
            kind="consortium.approved",
            subject=format_lazy(
                gettext_lazy("The intersectoral cluster {name} is approved"), name=consortium.name
            ),
            url=f"/consortia/{consortium.pk}/",
        )


@transaction.atomic
def invite(*, actor, consortium, organization, role: str) -> ConsortiumInvitation:
    """The coordinator's people invite an organisation as a member (participants only) or a
    partner (anyone). Side effects: audit; the invited organisation's owners and managers are
    notified (in the cabinet and by e-mail)."""
    if not may_manage(actor, consortium):
        raise NotFound()
    if role not in (MemberRole.MEMBER, MemberRole.PARTNER):
        raise InvalidInput(_("Invite as a member or as a partner."), field="as")
    if consortium.case.status not in INVITING_STATUSES:
        raise Conflict(
            _("Invitations wait while the consortium is under review."), code=ReviewErrorCode.UNDER_REVIEW
        )
    if role == MemberRole.MEMBER and not _participant_ids([organization.pk]):
        # a 409 as every other `not_participant` (the organisation's state, not the body's form)
        raise Conflict(
            _("Only participants of the cluster are members; invite this organisation as a partner."),
            field="organization_id",
            code=ConsortiumErrorCode.NOT_PARTICIPANT,
        )
    if active_members(consortium).filter(organization=organization).exists():
        raise Conflict(
            _("The organisation is already in the consortium."), code=ConsortiumErrorCode.ALREADY_MEMBER
        )
    if consortium.invitations.filter(organization=organization, status=InvitationStatus.PENDING).exists():
        raise Conflict(
            _("The organisation already has a pending invitation."), code=ConsortiumErrorCode.ALREADY_INVITED
        )
    invitation = ConsortiumInvitation.objects.create(
        consortium=consortium,
        organization=organization,
        role=role,
        invited_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_TTL_DAYS),
    )
    audit.record(
        actor=actor,
        action="consortium.invited",
        obj=consortium,
        data={"organization": organization.pk, "as": role},
    )
    notify(
        recipients=people_in_roles(organization),
        kind="consortium.invitation",
        subject=format_lazy(
            gettext_lazy("{organization} is invited to the intersectoral cluster {name}"),
            organization=organization.short_name,
            name=consortium.name,
        ),
        url="/cabinet/",
    )
    return invitation


def _answer(*, actor, invitation_id: int, accept: bool) -> ConsortiumInvitation:
    invitation = (
        ConsortiumInvitation.objects.select_for_update(of=("self",))
        .select_related("consortium", "consortium__case", "consortium__coordinator", "organization")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not actor.has_perm("organizations.act_for", invitation.organization):
        raise NotFound()
    wanted = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    if invitation.status == wanted:
        return invitation  # a second answer changes nothing
    if invitation.status != InvitationStatus.PENDING:
        raise Conflict(
            _("This invitation was already answered or revoked."), code=ConsortiumErrorCode.INVITATION_USED
        )
    if invitation.expires_at < timezone.now():
        invitation.status = InvitationStatus.EXPIRED
        invitation.save(update_fields=["status", "updated_at"])
        raise Conflict(
            _("This invitation has expired; ask for a new one."), code=ConsortiumErrorCode.INVITATION_EXPIRED
        )
    consortium = invitation.consortium
    if accept:
        if invitation.role == MemberRole.MEMBER and not _participant_ids([invitation.organization_id]):
            raise Conflict(
                _("Only participants of the cluster are members."), code=ConsortiumErrorCode.NOT_PARTICIPANT
            )
        if not active_members(consortium).filter(organization=invitation.organization).exists():
            ConsortiumMember.objects.create(
                consortium=consortium, organization=invitation.organization, role=invitation.role
            )
    invitation.status, invitation.decided_by, invitation.decided_at = wanted, actor, timezone.now()
    invitation.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit.record(
        actor=actor,
        action="consortium.invitation_accepted" if accept else "consortium.invitation_declined",
        obj=consortium,
        from_state=InvitationStatus.PENDING,
        to_state=wanted,
        data={"organization": invitation.organization_id, "as": invitation.role},
    )
    notify(
        recipients=people_in_roles(consortium.coordinator),
        kind="consortium.invitation_answered",
        subject=format_lazy(
            gettext_lazy("{organization} accepted the invitation to {name}")
            if accept
            else gettext_lazy("{organization} declined the invitation to {name}"),
            organization=invitation.organization.short_name,
            name=consortium.name,
        ),
        url=f"/consortia/{consortium.pk}/",
    )
    refresh_minimum_flag(consortium)
    return invitation


@transaction.atomic
def accept_invitation(*, actor, invitation_id: int) -> ConsortiumInvitation:
    """Only the invited organisation's owner or manager; a second acceptance changes nothing.
    Side effects: a membership; audit; the coordinator's people are notified."""
    return _answer(actor=actor, invitation_id=invitation_id, accept=True)


@transaction.atomic
def decline_invitation(*, actor, invitation_id: int) -> ConsortiumInvitation:
    return _answer(actor=actor, invitation_id=invitation_id, accept=False)


def refresh_minimum_flag(consortium) -> None:
    """An approved consortium that falls below 30 participants is flagged (on its page and to
    staff); back at 30 the flag goes. Side effects: notifications of coordinators (staff) and of
    the consortium's coordinator organisation when the flag is raised."""
    if consortium.case.status != ReviewStatus.APPROVED:
        return
    below = progress(consortium)["participants"] < MINIMUM_PARTICIPANTS
    if below and consortium.below_minimum_since is None:
        consortium.below_minimum_since = timezone.now()
        consortium.save(update_fields=["below_minimum_since", "updated_at"])
        audit.record(actor=None, action="consortium.below_minimum", obj=consortium)
        staff = (
            get_user_model()
            .objects.filter(is_active=True, is_staff=True, groups__name="coordinator")
            .distinct()
        )
        notify(
            recipients=[*staff, *people_in_roles(consortium.coordinator)],
            kind="consortium.below_minimum",
            subject=format_lazy(
                gettext_lazy("{name} has fewer than {minimum} participants"),
                name=consortium.name,
                minimum=MINIMUM_PARTICIPANTS,
            ),
            url=f"/consortia/{consortium.pk}/",
        )
    elif not below and consortium.below_minimum_since is not None:
        consortium.below_minimum_since = None
        consortium.save(update_fields=["below_minimum_since", "updated_at"])
        audit.record(actor=None, action="consortium.minimum_restored", obj=consortium)


@transaction.atomic
def leave(*, actor, consortium, organization) -> None:
    """A member (or partner) organisation leaves. The coordinator cannot leave its own consortium.
    Side effects: audit; the below-30 flag."""
    if not actor.has_perm("organizations.act_for", organization):
        raise NotFound()
    membership = (
        active_members(consortium).filter(organization=organization).select_for_update(of=("self",)).first()
    )
    if membership is None:
        raise NotFound()
    if membership.role == MemberRole.COORDINATOR:
        raise Conflict(
            _("The coordinator cannot leave its own intersectoral cluster."),
            code=ConsortiumErrorCode.COORDINATOR_STAYS,
        )
    membership.left_at = timezone.now()
    membership.save(update_fields=["left_at", "updated_at"])
    ProjectRole.objects.filter(project__consortium=consortium, organization=organization).update(
        organization=None
    )
    audit.record(
        actor=actor, action="consortium.left", obj=consortium, data={"organization": organization.pk}
    )
    refresh_minimum_flag(consortium)


@transaction.atomic
def request_to_join(*, actor, consortium, organization, message: str = "") -> JoinRequest:
    if not actor.has_perm("organizations.act_for", organization):
        raise NotFound()
    if consortium.case.status != ReviewStatus.APPROVED:
        raise Conflict(
            _("Requests to join go to active intersectoral clusters."), code=ConsortiumErrorCode.NOT_ACTIVE
        )
    if not _participant_ids([organization.pk]):
        raise Conflict(
            _("Only participants of the cluster ask to join."), code=ConsortiumErrorCode.NOT_PARTICIPANT
        )
    if active_members(consortium).filter(organization=organization).exists():
        raise Conflict(
            _("The organisation is already in the consortium."), code=ConsortiumErrorCode.ALREADY_MEMBER
        )
    if consortium.join_requests.filter(organization=organization, status=JoinRequestStatus.PENDING).exists():
        raise Conflict(
            _("A request is already waiting for an answer."), code=ConsortiumErrorCode.ALREADY_REQUESTED
        )
    request = JoinRequest.objects.create(
        consortium=consortium,
        organization=organization,
        requested_by=actor,
        message=clean_text(message, field="message", max_length=2000),
    )
    audit.record(
        actor=actor,
        action="consortium.join_requested",
        obj=consortium,
        data={"organization": organization.pk},
    )
    notify(
        recipients=people_in_roles(consortium.coordinator),
        kind="consortium.join_requested",
        subject=format_lazy(
            gettext_lazy("{organization} asks to join {name}"),
            organization=organization.short_name,
            name=consortium.name,
        ),
        url=f"/consortia/{consortium.pk}/",
    )
    return request


@transaction.atomic
def decide_join_request(*, actor, join_request_id: int, admit: bool) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("consortium", "consortium__case", "organization")
        .filter(pk=join_request_id)
        .first()
    )
    if join_request is None or not may_manage(actor, join_request.consortium):
        raise NotFound()
    if join_request.status != JoinRequestStatus.PENDING:
        raise Conflict(_("This request was already answered."), code=ConsortiumErrorCode.REQUEST_ANSWERED)
    consortium = join_request.consortium
    if admit:
        if not _participant_ids([join_request.organization_id]):
            raise Conflict(
                _("Only participants of the cluster are members."), code=ConsortiumErrorCode.NOT_PARTICIPANT
            )
        ConsortiumMember.objects.create(
            consortium=consortium, organization=join_request.organization, role=MemberRole.MEMBER
        )
    join_request.status = JoinRequestStatus.ADMITTED if admit else JoinRequestStatus.DECLINED
    join_request.decided_by = actor
    join_request.save(update_fields=["status", "decided_by", "updated_at"])
    audit.record(
        actor=actor,
        action="consortium.join_admitted" if admit else "consortium.join_declined",
        obj=consortium,
        data={"organization": join_request.organization_id},
    )
    notify(
        recipients=people_in_roles(join_request.organization),
        kind="consortium.join_answered",
        subject=format_lazy(
            gettext_lazy("{name}: your request to join is {answer}"),
            name=consortium.name,
            answer=JoinRequestStatus(join_request.status).label,  # lazy: in each recipient's language
        ),
        url=f"/consortia/{consortium.pk}/",
    )
    refresh_minimum_flag(consortium)
    return join_request


@transaction.atomic
def add_project(*, actor, consortium, title: str, description: str = "") -> JointProject:
    if not may_manage(actor, consortium):
        raise NotFound()
    project = JointProject.objects.create(
        consortium=consortium,
        title=clean_text(title, field="title", max_length=300, required=True),
        description=clean_text(description, field="description", max_length=5000),
    )
    audit.record(actor=actor, action="consortium.project_added", obj=consortium, data={"project": project.pk})
    return project


@transaction.atomic
def add_role(*, actor, project, kind: str, note: str = "", organization=None) -> ProjectRole:
    if not may_manage(actor, project.consortium):
        raise NotFound()
    if kind not in ProjectRoleKind.values:
        raise InvalidInput(_("Choose a role from the list."), field="kind")
    role = ProjectRole.objects.create(
        project=project, kind=kind, note=clean_text(note, field="note", max_length=300)
    )
    if organization is not None:
        assign_role(actor=actor, role=role, organization=organization)
    audit.record(
        actor=actor,
        action="consortium.role_added",
        obj=project.consortium,
        data={"project": project.pk, "kind": kind},
    )
    return role


@transaction.atomic
def assign_role(*, actor, role: ProjectRole, organization) -> ProjectRole:
    """Put a member or partner organisation on a link of the chain (None leaves it open)."""
    consortium = role.project.consortium
    if not may_manage(actor, consortium):
        raise NotFound()
    if organization is not None and not active_members(consortium).filter(organization=organization).exists():
        raise PermissionDenied(_("Only members and partners of the consortium take a role in its projects."))
    role.organization = organization
    role.save(update_fields=["organization", "updated_at"])
    audit.record(
        actor=actor,
        action="consortium.role_assigned",
        obj=consortium,
        data={"role": role.pk, "organization": organization.pk if organization else None},
    )
    return role
