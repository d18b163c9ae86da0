from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.core import audit
from innocluster.core.errors import InvalidInput, PlatformError
from innocluster.core.forms import add_service_error
from innocluster.core.sorting import ordering
from innocluster.organizations import identifiers as identifiers_module
from innocluster.organizations import selectors, services
from innocluster.organizations.enums import OrganizationKind
from innocluster.organizations.forms import InviteForm, ProfileForm, RegisterOrganizationForm, profile_initial
from innocluster.organizations.models import Region


def _form_data(form) -> dict:
    """The raw typed values, so that the service (the one validator) sees what the person typed."""
    data = {name: form.data.get(name, "") for name in form.fields}
    data["okved_additional"] = form.data.getlist("okved_additional") if hasattr(form.data, "getlist") else []
    return data


KINDS = tuple(OrganizationKind.values)


def _every_error(form, *, identifiers: bool) -> bool:
    """Check each field of the organisation form on its own with the service's own validators and
    put every refusal on its field at once (not one per submit). True when some field is wrong."""
    data = _form_data(form)
    form.is_valid()  # bind the typed values for re-display
    form.errors.clear()  # the service's validators are the one judge; no message twice
    found = False

    def check(field, validate):
        nonlocal found
        try:
            validate()
        except InvalidInput as exc:
            found = True
            form.add_error(field if field in form.fields else None, str(exc.message))

    if identifiers:
        kind = data.get("kind")
        check("kind", lambda: services.clean_identifiers({"kind": kind}) if kind not in KINDS else None)
        if kind in KINDS:
            check("inn", lambda: identifiers_module.validate_inn(data.get("inn"), kind=kind))
            check("ogrn", lambda: identifiers_module.validate_ogrn(data.get("ogrn"), kind=kind))
            check("kpp", lambda: identifiers_module.validate_kpp_of(kind, data.get("kpp")))
    for field in services.PROFILE_FIELDS:
        check(field, lambda field=field: services.clean_profile({field: data.get(field)}, partial=True))
    return found


ORGANIZATION_ORDERS = {"name": ("short_name", "id"), "region": ("region__name_{lang}", "short_name", "id")}


def organization_list(request):
    query = (request.GET.get("q") or "").replace("\x00", "")[:200].strip()
    region = (request.GET.get("region") or "")[:2]
    sort, order = ordering(request, ORGANIZATION_ORDERS, "name")
    organizations = selectors.public_organizations().select_related("region", "okved_main").order_by(*order)
    if query:
        organizations = organizations.filter(Q(short_name__icontains=query) | Q(full_name__icontains=query))
    if region:
        organizations = organizations.filter(region_id=region)
    page = Paginator(organizations, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/list.html",
        {
            "page": page,
            "q": query,
            "region": region,
            "regions": Region.objects.all(),
            "sort": sort,
            "sort_default": "name",
        },
    )


def organization_detail(request, pk: int):
    organization = selectors.get_visible_organization(pk=pk)
    if organization is None:
        raise Http404
    typed = request.GET.get("reason", "")[:300]
    reason = selectors.private_access(request.user, organization, typed_reason=typed)
    private = reason is not None
    if reason:
        audit.record_personal_data_access(actor=request.user, obj=organization, reason=reason)
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "private": private,
            "ask_reason": not private and request.user.is_authenticated and request.user.is_staff,
            "typed_reason": typed,
            "can_edit": request.user.is_authenticated
            and request.user.has_perm("organizations.edit_profile", organization),
            "can_manage": request.user.is_authenticated
            and request.user.has_perm("organizations.manage_people", organization),
            "cabinet_links": selectors.CABINET_LINKS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    # the contact e-mail starts as the account's: the person registering is its first contact
    form = RegisterOrganizationForm(request.POST or None, initial={"email": request.user.email})
    if request.method == "POST" and not _every_error(form, identifiers=True):
        try:
            organization = services.register_organization(actor=request.user, data=_form_data(form))
        except PlatformError as exc:
            form.is_valid()  # bind the typed values for re-display
            add_service_error(form, exc)
        else:
            messages.success(request, _("The organisation is registered; you are its owner."))
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/register.html", {"form": form})


def _organization_for(request, pk, perm):
    organization = selectors.get_organization_for(user=request.user, pk=pk, perm=perm)
    if organization is None:
        raise Http404
    return organization


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    organization = _organization_for(request, pk, "organizations.edit_profile")
    form = ProfileForm(request.POST or None, initial=profile_initial(organization))
    if request.method == "POST" and not _every_error(form, identifiers=False):
        try:
            services.update_profile(actor=request.user, organization=organization, data=_form_data(form))
        except PlatformError as exc:
            form.is_valid()
            add_service_error(form, exc)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/edit.html", {"form": form, "organization": organization})


@login_required
@require_http_methods(["GET", "POST"])
def people(request, pk: int):
    organization = _organization_for(request, pk, "organizations.view_private")
    can_manage = request.user.has_perm("organizations.manage_people", organization)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                services.invite_person(
                    actor=request.user,
                    organization=organization,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except PlatformError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request, _("The invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]}
                )
                return redirect("organizations:people", pk=organization.pk)
    return render(
        request,
        "organizations/people.html",
        {
            "organization": organization,
            "people": selectors.people_of(organization),
            "invitations": organization.invitations.filter(status="pending").select_related("invited_by"),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def change_role(request, pk: int, person_id: int):
    organization = _organization_for(request, pk, "organizations.manage_people")
    role = request.POST.get("role") or None
    try:
        services.change_role(actor=request.user, organization=organization, person_id=person_id, role=role)
    except PlatformError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The roles are saved."))
    return redirect("organizations:people", pk=organization.pk)


@login_required
@require_POST
def withdraw_invitation(request, pk: int, invitation_id: int):
    organization = _organization_for(request, pk, "organizations.manage_people")
    try:
        invitation = services.withdraw_invitation(
            actor=request.user, organization=organization, invitation_id=invitation_id
        )
    except PlatformError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn: its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("organizations:people", pk=organization.pk)


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    if request.method == "POST":
        try:
            link = services.accept_invitation(actor=request.user, token=token)
        except PlatformError as exc:
            return render(request, "organizations/invitation.html", {"error": exc.message}, status=exc.status)
        messages.success(
            request, _("You joined %(organization)s.") % {"organization": link.organization.short_name}
        )
        return redirect("organizations:detail", pk=link.organization_id)
    invitation = services.invitation_to(request.user, token)
    if invitation is None:
        error = _("This invitation does not exist or is not addressed to you.")
        return render(request, "organizations/invitation.html", {"error": error}, status=404)
    return render(request, "organizations/invitation.html", {"token": token, "invitation": invitation})
