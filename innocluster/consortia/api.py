from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import Field

from innocluster.consortia import selectors, services
from innocluster.consortia.enums import CHAIN_ORDER
from innocluster.consortia.models import ConsortiumInvitation, JointProject, ProjectRole
from innocluster.core.api_auth import anyone, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import InvalidInput, NotFound
from innocluster.organizations import selectors as organizations
from innocluster.organizations.models import Organization
from innocluster.reviews import services as reviews

router = Router(tags=["consortia"])
invitations_router = Router(tags=["consortia"])


class ProjectIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(max_length=5000, description="required, as in the contract; may be empty")


ChainRole = Literal[
    "design",
    "developer",
    "materials_supplier",
    "components_supplier",
    "equipment_maker",
    "manufacturer",
    "software",
    "testing",
    "integrator",
    "customer",
]


class ConsortiumIn(Schema):
    coordinator_id: Id = Field(description="the leading organisation (a participant you act for)")
    name: str = Field(min_length=1, max_length=300)
    description: str = Field(max_length=10000)
    areas: list[str] = Field(max_length=20, description="OKVED classes or technology areas; may be []")
    projects: list[ProjectIn] = Field(max_length=50, description="may be [] while the cluster is a draft")


class InvitationIn(Schema):
    organization_id: Id
    role: Literal["member", "partner"] = Field(alias="as")


class JoinIn(Schema):
    organization_id: Id
    message: str = Field("", max_length=2000)


class LeaveIn(Schema):
    organization_id: Id


class RoleIn(Schema):
    kind: ChainRole
    note: str = Field("", max_length=300)
    organization_id: Id | None = None


class AssignIn(Schema):
    organization_id: Id | None = Field(None, description="null leaves the role open")


class DecisionIn(Schema):
    decision: Literal["approve", "reject", "return"]
    comment: str = Field("", max_length=5000, description="required to reject or return")


class StatusOut(Schema):
    id: int
    status: str


class SubmittedOut(StatusOut):
    review_due: str


class MemberOut(Schema):
    organization_id: int
    role: Literal["coordinator", "member", "partner"]
    short_name: str


class ChainLinkOut(Schema):
    id: int
    kind: str
    note: str
    organization_id: int | None


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    chain: list[ChainLinkOut]


class ConsortiumOut(Schema):
    id: int
    name: str
    description: str
    status: str
    review_due: str | None
    coordinator_id: int
    areas: list[str]
    members: list[MemberOut]
    projects: list[ProjectOut]
    participants: int
    below_minimum: bool
    unmet: list[str]


class ConsortiumBrief(Schema):
    id: int
    name: str
    areas: list[str]
    coordinator_id: int
    participants: int
    partners: int
    projects: int


class ProjectCreatedOut(Schema):
    id: int
    title: str


class RoleOut(Schema):
    id: int
    kind: str
    organization_id: int | None


class SuggestionOut(Schema):
    organization_id: int
    short_name: str
    score: float
    why: list[str]


class InvitationOut(Schema):
    id: int
    consortium_id: int
    consortium: str
    organization_id: int
    role: str = Field(alias="as")
    status: str
    expires_at: str


class ListQuery(Schema):
    area: str = Field("", max_length=100)
    min_size: int = Field(0, ge=0, le=10_000)


def _consortium_for(user, pk, *, manage=False):
    consortium = selectors.get_consortium(pk)
    if consortium is None or not services.may_view(user, consortium):
        raise NotFound()
    if manage and not services.may_manage(user, consortium):
        raise NotFound()
    return consortium


def _organization(pk) -> Organization:
    organization = organizations.get_visible_organization(pk=pk)
    if organization is None:
        raise InvalidInput(_("No such organisation."), field="organization_id")
    return organization


def _out(consortium) -> dict:
    members = list(services.active_members(consortium))
    projects = list(consortium.projects.prefetch_related("roles"))
    progress = services.progress(consortium)
    return {
        "id": consortium.pk,
        "name": consortium.name,
        "description": consortium.description,
        "status": consortium.case.status,
        "review_due": consortium.case.review_due.isoformat() if consortium.case.review_due else None,
        "coordinator_id": consortium.coordinator_id,
        "areas": consortium.areas,
        "members": [
            {"organization_id": m.organization_id, "role": m.role, "short_name": m.organization.short_name}
            for m in members
        ],
        "projects": [
            {
                "id": p.id,
                "title": p.title,
                "description": p.description,
                "chain": [
                    {"id": r.pk, "kind": r.kind, "note": r.note, "organization_id": r.organization_id}
                    for r in sorted(p.roles.all(), key=lambda r: (CHAIN_ORDER.index(r.kind), r.pk))
                ],
            }
            for p in projects
        ],
        "participants": progress["participants"],
        "below_minimum": consortium.below_minimum_since is not None,
        "unmet": progress["unmet"],
    }


@router.post("", response=answers({201: StatusOut}, 401, 404, 409), auth=signed_in)
def create(request, payload: ConsortiumIn):
    """Start an intersectoral cluster; the coordinator organisation is its first member."""
    coordinator = organizations.get_organization_for(
        user=request.auth, pk=payload.coordinator_id, perm="organizations.act_for"
    )
    if coordinator is None:
        raise NotFound()
    consortium = services.create_consortium(
        actor=request.auth,
        coordinator=coordinator,
        name=payload.name,
        description=payload.description,
        areas=payload.areas,
        projects=[p.dict() for p in payload.projects],
    )
    return 201, {"id": consortium.pk, "status": consortium.case.status}


@router.get("", response=answers({200: list[ConsortiumBrief]}, 401), auth=anyone)
def list_public(request, query: Query[ListQuery]):
    return [
        {
            "id": c.pk,
            "name": c.name,
            "areas": c.areas,
            "coordinator_id": c.coordinator_id,
            "participants": c.participants_count,
            "partners": c.partners_count,
            "projects": c.projects_count,
        }
        for c in selectors.public_consortia(area=query.area, min_size=query.min_size)[:500]
    ]


@router.get("/{consortium_id}", response=answers({200: ConsortiumOut}, 401, 404), auth=anyone)
def read(request, consortium_id: Id):
    return _out(_consortium_for(request.auth, consortium_id))


@router.post(
    "/{consortium_id}/invitations", response=answers({201: StatusOut}, 401, 404, 409), auth=signed_in
)
def invite(request, consortium_id: Id, payload: InvitationIn):
    consortium = _consortium_for(request.auth, consortium_id, manage=True)
    invitation = services.invite(
        actor=request.auth,
        consortium=consortium,
        organization=_organization(payload.organization_id),
        role=payload.role,
    )
    return 201, {"id": invitation.pk, "status": invitation.status}


@router.post("/{consortium_id}/submit", response=answers({200: SubmittedOut}, 401, 404, 409), auth=signed_in)
def submit(request, consortium_id: Id):
    consortium = _consortium_for(request.auth, consortium_id, manage=True)
    services.submit_consortium(actor=request.auth, consortium=consortium)
    return {
        "id": consortium.pk,
        "status": consortium.case.status,
        "review_due": consortium.case.review_due.isoformat(),
    }


@router.post(
    "/{consortium_id}/decision", response=answers({200: StatusOut}, 401, 403, 404, 409), auth=signed_in
)
def decide(request, consortium_id: Id, payload: DecisionIn):
    """Staff: approve, reject or return (with a comment), as on the review desk."""
    consortium = _consortium_for(request.auth, consortium_id)
    case = reviews.decide(consortium.case, payload.decision, actor=request.auth, comment=payload.comment)
    return {"id": consortium.pk, "status": case.status}


@router.post(
    "/{consortium_id}/join-requests", response=answers({201: StatusOut}, 401, 404, 409), auth=signed_in
)
def join(request, consortium_id: Id, payload: JoinIn):
    consortium = _consortium_for(request.auth, consortium_id)
    organization = organizations.get_organization_for(
        user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
    )
    if organization is None:
        raise NotFound()
    join_request = services.request_to_join(
        actor=request.auth, consortium=consortium, organization=organization, message=payload.message
    )
    return 201, {"id": join_request.pk, "status": join_request.status}


@router.post(
    "/join-requests/{request_id}/admit", response=answers({200: StatusOut}, 401, 404, 409), auth=signed_in
)
def admit(request, request_id: Id):
    join_request = services.decide_join_request(actor=request.auth, join_request_id=request_id, admit=True)
    return {"id": join_request.pk, "status": join_request.status}


@router.post(
    "/join-requests/{request_id}/decline", response=answers({200: StatusOut}, 401, 404, 409), auth=signed_in
)
def decline_request(request, request_id: Id):
    join_request = services.decide_join_request(actor=request.auth, join_request_id=request_id, admit=False)
    return {"id": join_request.pk, "status": join_request.status}


@router.post("/{consortium_id}/leave", response=answers({200: ConsortiumOut}, 401, 404, 409), auth=signed_in)
def leave(request, consortium_id: Id, payload: LeaveIn):
    consortium = _consortium_for(request.auth, consortium_id)
    organization = organizations.get_organization_for(
        user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
    )
    if organization is None:
        raise NotFound()
    services.leave(actor=request.auth, consortium=consortium, organization=organization)
    consortium.refresh_from_db()
    return _out(consortium)


@router.post(
    "/{consortium_id}/projects", response=answers({201: ProjectCreatedOut}, 401, 404, 409), auth=signed_in
)
def add_project(request, consortium_id: Id, payload: ProjectIn):
    consortium = _consortium_for(request.auth, consortium_id, manage=True)
    project = services.add_project(
        actor=request.auth, consortium=consortium, title=payload.title, description=payload.description
    )
    return 201, {"id": project.pk, "title": project.title}


@router.post("/projects/{project_id}/roles", response=answers({201: RoleOut}, 401, 404, 409), auth=signed_in)
def add_role(request, project_id: Id, payload: RoleIn):
    project = (
        JointProject.objects.select_related("consortium", "consortium__case", "consortium__coordinator")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFound()
    _consortium_for(request.auth, project.consortium_id, manage=True)
    organization = _organization(payload.organization_id) if payload.organization_id else None
    role = services.add_role(
        actor=request.auth, project=project, kind=payload.kind, note=payload.note, organization=organization
    )
    return 201, {"id": role.pk, "kind": role.kind, "organization_id": role.organization_id}


@router.post("/roles/{role_id}/assign", response=answers({200: RoleOut}, 401, 404, 409), auth=signed_in)
def assign(request, role_id: Id, payload: AssignIn):
    role = (
        ProjectRole.objects.select_related("project__consortium__case", "project__consortium__coordinator")
        .filter(pk=role_id)
        .first()
    )
    if role is None:
        raise NotFound()
    _consortium_for(request.auth, role.project.consortium_id, manage=True)
    organization = _organization(payload.organization_id) if payload.organization_id else None
    role = services.assign_role(actor=request.auth, role=role, organization=organization)
    return {"id": role.pk, "kind": role.kind, "organization_id": role.organization_id}


class SuggestQuery(Schema):
    role: ChainRole | None = Field(None, description="suggest for an open role of a project's chain")


@router.get(
    "/{consortium_id}/suggestions", response=answers({200: list[SuggestionOut]}, 401, 404), auth=signed_in
)
def suggest(request, consortium_id: Id, query: Query[SuggestQuery]):
    """Participants that fit the consortium's areas (or a project role), best first, with why."""
    consortium = _consortium_for(request.auth, consortium_id, manage=True)
    return [
        {
            "organization_id": s["organization"].pk,
            "short_name": s["organization"].short_name,
            "score": s["score"],
            "why": s["reasons"],
        }
        for s in selectors.suggestions(consortium, role_kind=query.role)
    ]


@invitations_router.post(
    "/{invitation_id}/accept", response=answers({200: StatusOut}, 401, 404, 409), auth=signed_in
)
def accept(request, invitation_id: Id):
    """The invited organisation's owner or manager accepts."""
    invitation = services.accept_invitation(actor=request.auth, invitation_id=invitation_id)
    return {"id": invitation.pk, "status": invitation.status}


@invitations_router.post(
    "/{invitation_id}/decline", response=answers({200: StatusOut}, 401, 404, 409), auth=signed_in
)
def decline(request, invitation_id: Id):
    invitation = services.decline_invitation(actor=request.auth, invitation_id=invitation_id)
    return {"id": invitation.pk, "status": invitation.status}


@invitations_router.get("", response=answers({200: list[InvitationOut]}, 401), auth=signed_in, by_alias=True)
def my_invitations(request):
    ids = request.auth.organization_roles.filter(role__in=["owner", "manager"]).values_list(
        "organization_id", flat=True
    )
    return [
        {
            "id": i.pk,
            "consortium_id": i.consortium_id,
            "consortium": i.consortium.name,
            "organization_id": i.organization_id,
            "as": i.role,
            "status": i.status,
            "expires_at": i.expires_at.isoformat(),
        }
        for i in ConsortiumInvitation.objects.filter(organization_id__in=list(ids)).select_related(
            "consortium"
        )[:200]
    ]
