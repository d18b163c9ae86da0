from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.consortia import selectors, services
from innocluster.consortia.enums import CHAIN_ORDER, MemberRole, ProjectRoleKind
from innocluster.consortia.models import (
    Consortium,
    ConsortiumInvitation,
    JoinRequest,
    JointProject,
    ProjectRole,
)
from innocluster.core.errors import InvalidInput, PlatformError, field_errors, raise_for_page
from innocluster.membership.models import Participation
from innocluster.organizations import selectors as organizations
from innocluster.organizations.models import Organization


def consortium_list(request):
    area = request.GET.get("area", "").replace("\x00", "").strip()[:100]
    size = request.GET.get("min_size", "")
    min_size = int(size) if size.isascii() and size.isdigit() and len(size) < 6 else 0
    page = Paginator(selectors.public_consortia(area=area, min_size=min_size), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "consortia/list.html", {"page": page, "area": area, "min_size": min_size or ""})


def _viewable(request, pk) -> Consortium:
    consortium = selectors.get_consortium(pk)
    if consortium is None or not services.may_view(request.user, consortium):
        raise Http404
    return consortium


def _chains(consortium):
    projects = list(consortium.projects.prefetch_related("roles__organization"))
    for project in projects:
        project.chain = sorted(project.roles.all(), key=lambda r: (CHAIN_ORDER.index(r.kind), r.pk))
    return projects


def detail(request, pk: int):
    consortium = _viewable(request, pk)
    manage = services.may_manage(request.user, consortium)
    members = list(services.active_members(consortium))
    my_org_ids = (
        set(
            request.user.organization_roles.filter(role__in=["owner", "manager"]).values_list(
                "organization_id", flat=True
            )
        )
        if request.user.is_authenticated
        else set()
    )
    context = {
        "consortium": consortium,
        "case": consortium.case,
        "progress": services.progress(consortium),
        "members": [m for m in members if m.role != MemberRole.PARTNER],
        "partners": [m for m in members if m.role == MemberRole.PARTNER],
        "projects": _chains(consortium),
        "manage": manage,
        "role_kinds": ProjectRoleKind.choices,
        "my_memberships": [
            m for m in members if m.organization_id in my_org_ids and m.role != MemberRole.COORDINATOR
        ],
        "my_joinable": [],
    }
    if manage:
        # SPEC C4: the platform suggests candidates for an open role (the API's
        # /suggestions?role=…), on the role itself
        for project in context["projects"]:
            for role in project.chain:
                if not role.organization_id:
                    role.candidates = selectors.suggestions(consortium, role_kind=role.kind, limit=3)
        context.update(
            invitations=consortium.invitations.filter(status="pending").select_related("organization"),
            join_requests=consortium.join_requests.filter(status="pending").select_related("organization"),
            suggestions=selectors.suggestions(consortium),
        )
    elif consortium.case.status == "approved" and my_org_ids:
        member_ids = {m.organization_id for m in members}
        # a request sent is said as waiting, not offered again
        context["my_pending"] = list(
            consortium.join_requests.filter(status="pending", organization_id__in=my_org_ids).select_related(
                "organization"
            )
        )
        waiting = {r.organization_id for r in context["my_pending"]}
        context["my_joinable"] = Organization.objects.filter(
            pk__in=my_org_ids - member_ids - waiting, participation__isnull=False
        )
    return render(request, "consortia/detail.html", context)


def progress_partial(request, pk: int):
    consortium = _viewable(request, pk)
    return render(
        request,
        "consortia/_progress.html",
        {"consortium": consortium, "progress": services.progress(consortium)},
    )


@login_required
def by_case(request, case_id: int):
    """The cabinet's link to a review case: a 404 to whoever may not see that consortium, so the
    redirect tells nobody which case belongs to which consortium."""
    consortium = Consortium.objects.filter(case_id=case_id).select_related("case").first()
    if consortium is None or not services.may_view(request.user, consortium):
        raise Http404
    return redirect("consortia:detail", pk=consortium.pk)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    choices = [
        link.organization
        for link in organizations.organizations_of(request.user)
        if link.role in ("owner", "manager")
        and Participation.objects.filter(organization=link.organization).exists()
    ]
    typed = request.POST if request.method == "POST" else {}
    error, errors = None, {}
    if request.method == "POST":
        coordinator = next((o for o in choices if str(o.pk) == request.POST.get("coordinator_id")), None)
        projects = [
            {
                "title": request.POST.get("project_title", ""),
                "description": request.POST.get("project_description", ""),
            }
        ]
        if not projects[0]["title"].strip():
            projects = []
        areas = [a for a in request.POST.get("areas", "").replace("\n", ",").split(",") if a.strip()]
        try:
            if coordinator is None:
                try:  # the other fields too, so that every refusal shows at once
                    services.clean_consortium(
                        request.POST.get("name", ""), request.POST.get("description", ""), areas, projects
                    )
                except InvalidInput as exc:
                    errors = field_errors(exc)
                raise InvalidInput(
                    _("Choose the coordinating organisation (a participant you act for)."),
                    field="coordinator_id",
                )
            consortium = services.create_consortium(
                actor=request.user,
                coordinator=coordinator,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
                areas=areas,
                projects=projects,
            )
        except PlatformError as exc:
            raise_for_page(exc)
            errors = {**field_errors(exc), **errors}
            error = next(iter(errors.values()))
        else:
            messages.success(request, _("The intersectoral cluster is created. Invite members and partners."))
            return redirect("consortia:detail", pk=consortium.pk)
    # each refusal named by its field's label, linked to the field (SPEC §3)
    named = [(FORM_IDS.get(f, ""), FORM_LABELS.get(f, ""), str(m)) for f, m in errors.items()]
    return render(
        request,
        "consortia/create.html",
        {
            "choices": choices,
            "typed": typed,
            "error": error,
            "errors": named,
            "error_fields": {FORM_IDS.get(f, "") for f in errors},
        },
    )


# the service's fields → the form's, and their labels
FORM_IDS = {
    "coordinator_id": "coordinator_id",
    "name": "name",
    "description": "description",
    "areas": "areas",
    "projects": "project_title",
    "projects.0": "project_title",
    "projects.0.title": "project_title",
    "projects.0.description": "project_description",
}
FORM_LABELS = {
    "coordinator_id": gettext_lazy("Coordinating organisation"),
    "name": gettext_lazy("Name"),
    "description": gettext_lazy("Description"),
    "areas": gettext_lazy("Adjacent areas"),
    "projects": gettext_lazy("First joint project"),
    "projects.0": gettext_lazy("First joint project"),
    "projects.0.title": gettext_lazy("First joint project"),
    "projects.0.description": gettext_lazy("What the project does"),
}


def _manage_action(request, pk, action):
    consortium = _viewable(request, pk)
    if not services.may_manage(request.user, consortium):
        raise Http404
    try:
        result = action(consortium)
        if result:
            messages.success(request, result)
    except PlatformError as exc:
        messages.error(request, str(exc.message))
    return redirect("consortia:detail", pk=consortium.pk)


@login_required
@require_POST
def invite(request, pk: int):
    def action(consortium):
        organization = organizations.organization_by_inn_or_number(request.POST.get("organization", ""))
        if organization is None:
            raise InvalidInput(
                _("Enter the INN (or the number on the platform) of an organisation."), field="organization"
            )
        services.invite(
            actor=request.user,
            consortium=consortium,
            organization=organization,
            role=request.POST.get("as", ""),
        )
        return _("%(organization)s is invited.") % {"organization": organization.short_name}

    return _manage_action(request, pk, action)


@login_required
@require_POST
def submit(request, pk: int):
    return _manage_action(
        request,
        pk,
        lambda c: services.submit_consortium(actor=request.user, consortium=c) and _("Submitted for review."),
    )


@login_required
@require_POST
def add_project(request, pk: int):
    return _manage_action(
        request,
        pk,
        lambda c: (
            services.add_project(
                actor=request.user,
                consortium=c,
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
            )
            and _("The project is added.")
        ),
    )


@login_required
@require_POST
def add_role(request, pk: int, project_id: int):
    def action(consortium):
        project = JointProject.objects.filter(pk=project_id, consortium=consortium).first()
        if project is None:
            raise Http404
        org_id = request.POST.get("organization_id", "")
        organization = Organization.objects.filter(pk=int(org_id)).first() if org_id.isdigit() else None
        services.add_role(
            actor=request.user,
            project=project,
            kind=request.POST.get("kind", ""),
            note=request.POST.get("note", ""),
            organization=organization,
        )
        return _("The role is added to the chain.")

    return _manage_action(request, pk, action)


@login_required
@require_POST
def assign_role(request, pk: int, role_id: int):
    def action(consortium):
        role = (
            ProjectRole.objects.filter(pk=role_id, project__consortium=consortium)
            .select_related("project__consortium")
            .first()
        )
        if role is None:
            raise Http404
        org_id = request.POST.get("organization_id", "")
        organization = Organization.objects.filter(pk=int(org_id)).first() if org_id.isdigit() else None
        services.assign_role(actor=request.user, role=role, organization=organization)
        return _("The chain is saved.")

    return _manage_action(request, pk, action)


@login_required
@require_POST
def join_decision(request, pk: int, request_id: int):
    def action(consortium):
        if not JoinRequest.objects.filter(pk=request_id, consortium=consortium).exists():
            raise Http404
        services.decide_join_request(
            actor=request.user, join_request_id=request_id, admit=request.POST.get("admit") == "1"
        )
        return _("The answer is sent.")

    return _manage_action(request, pk, action)


@login_required
@require_POST
def answer_invitation(request, invitation_id: int):
    invitation = ConsortiumInvitation.objects.filter(pk=invitation_id).select_related("consortium").first()
    if invitation is None:
        raise Http404
    try:
        if request.POST.get("accept") == "1":
            services.accept_invitation(actor=request.user, invitation_id=invitation_id)
            messages.success(request, _("You joined %(name)s.") % {"name": invitation.consortium.name})
        else:
            services.decline_invitation(actor=request.user, invitation_id=invitation_id)
            messages.success(request, _("The invitation is declined."))
    except PlatformError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, str(exc.message))
    return redirect("core:cabinet")


@login_required
@require_POST
def join(request, pk: int):
    consortium = _viewable(request, pk)
    organization = organizations.get_organization_for(
        user=request.user, pk=request.POST.get("organization_id", ""), perm="organizations.act_for"
    )
    if organization is None:
        raise Http404
    try:
        services.request_to_join(
            actor=request.user,
            consortium=consortium,
            organization=organization,
            message=request.POST.get("message", ""),
        )
        messages.success(request, _("The request is sent to the coordinator."))
    except PlatformError as exc:
        messages.error(request, str(exc.message))
    return redirect("consortia:detail", pk=consortium.pk)


@login_required
@require_POST
def leave(request, pk: int):
    consortium = _viewable(request, pk)
    organization = organizations.get_organization_for(
        user=request.user, pk=request.POST.get("organization_id", ""), perm="organizations.act_for"
    )
    if organization is None:
        raise Http404
    try:
        services.leave(actor=request.user, consortium=consortium, organization=organization)
        messages.success(
            request,
            _("%(organization)s left the intersectoral cluster.") % {"organization": organization.short_name},
        )
    except PlatformError as exc:
        messages.error(request, str(exc.message))
    return redirect("consortia:detail", pk=consortium.pk)
