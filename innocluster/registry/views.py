import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.core.errors import PlatformError
from innocluster.core.formats import human_date
from innocluster.core.forms import add_service_error, add_service_errors
from innocluster.core.sorting import ordering
from innocluster.organizations import selectors as organizations
from innocluster.registry import selectors, services
from innocluster.registry.enums import RegistryCategory
from innocluster.registry.forms import ExcludeForm, RegistryForm, initial_from
from innocluster.registry.models import RegistryEntry
from innocluster.reviews.enums import EDITABLE_STATUSES
from innocluster.reviews.rules import is_supervisor


def _filters(request) -> dict:
    """The register's filters; a date that is not one (`?on=2030-13-45`) is today, and `bad_on`
    says so (the list tells the reader instead of showing today's register silently)."""
    typed, bad_on = request.GET.get("on", ""), False
    try:
        on = dt.date.fromisoformat(typed[:10])
    except ValueError:
        on, bad_on = timezone.localdate(), bool(typed)
    category = request.GET.get("category", "")
    return {
        "on": on,
        "bad_on": bad_on,
        "q": request.GET.get("q", "").replace("\x00", "").strip()[:200],
        "category": category if category in RegistryCategory.values else "",
        "region": request.GET.get("region", "")[:2],
    }


# The register's columns a person may sort by, each ending on the number so the order is total.
REGISTER_ORDERS = {
    "number": ("number",),
    "name": ("organization__short_name", "number"),
    "category": ("category", "number"),
    "region": ("organization__region__name_{lang}", "number"),
    "included": ("included_on", "number"),
}


def register_list(request):
    filters = _filters(request)
    bad_on = filters.pop("bad_on")
    sort, order = ordering(request, REGISTER_ORDERS, "number")
    entries = selectors.register_on(**filters).order_by(*order)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/list.html",
        {
            "page": page,
            "filters": filters,
            "sort": sort,
            "sort_default": "number",
            "categories": RegistryCategory.choices,
            "regions": organizations.regions(),
            "staff": is_supervisor(request.user),
            "bad_on": bad_on,
        },
    )


class _Echo:
    def write(self, value):
        return value


def register_csv(request):
    filters = _filters(request)
    filters.pop("bad_on")
    writer = csv.writer(_Echo())
    header = [_("Number"), _("Organisation"), _("Category"), _("Region"), _("Included on"), _("Excluded on")]

    def rows():
        yield "\ufeff" + writer.writerow(header)  # a BOM, so that spreadsheet programs read UTF-8
        for entry in selectors.register_on(**filters).iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    entry.number,
                    entry.organization.short_name,
                    entry.get_category_display(),
                    entry.organization.region.name,
                    entry.included_on.isoformat(),
                    entry.excluded_on.isoformat() if entry.excluded_on else "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{filters["on"].isoformat()}.csv"'
    return response


def _typed(request) -> dict:
    return {name: request.POST.get(name, "") for name in services.FORM_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, org_id: int):
    organization = organizations.get_organization_for(
        user=request.user, pk=org_id, perm="organizations.view_private"
    )
    if organization is None:
        raise Http404
    application = services.latest_application(organization)
    entry = services.active_entry(organization)
    can_act = request.user.has_perm("organizations.act_for", organization)
    editable = entry is None and (application is None or application.case.status in EDITABLE_STATUSES)
    form = RegistryForm(initial=initial_from(application)) if editable and can_act else None
    error = None
    if request.method == "POST":
        if not (can_act and editable):
            raise Http404
        form = RegistryForm(request.POST)
        try:
            application = services.save_registry_draft(
                actor=request.user, organization=organization, data=_typed(request)
            )
            services.submit_registry_application(actor=request.user, application=application)
        except PlatformError as exc:
            form.is_valid()
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The application is submitted. The answer is due by %(date)s.")
                % {"date": human_date(application.case.review_due)},
            )
            return redirect("registry:apply", org_id=organization.pk)
    elif form is not None:
        try:
            services.check_may_apply(request.user, organization)
        except PlatformError as exc:
            form, error = None, exc.message
    return render(
        request,
        "registry/apply.html",
        {
            "organization": organization,
            "application": application,
            "case": application.case if application else None,
            "entry": entry,
            "form": form,
            "error": error,
            "history": RegistryEntry.objects.filter(organization=organization).order_by("included_on"),
        },
    )


@login_required
@require_POST
def autosave(request, org_id: int):
    organization = organizations.get_organization_for(
        user=request.user, pk=org_id, perm="organizations.act_for"
    )
    if organization is None:
        raise Http404
    try:
        services.save_registry_draft(actor=request.user, organization=organization, data=_typed(request))
    except PlatformError as exc:
        return render(request, "membership/_autosave.html", {"error": exc.message})
    return render(request, "membership/_autosave.html", {"saved_at": timezone.localtime()})


@login_required
@require_http_methods(["GET", "POST"])
def exclude(request, number: int):
    if not is_supervisor(request.user):
        raise Http404
    entry = RegistryEntry.objects.select_related("organization").filter(number=number).first()
    if entry is None:
        raise Http404
    form = ExcludeForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.exclude(
                actor=request.user,
                entry=entry,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
            )
        except PlatformError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The entry is excluded."))
            return redirect("registry:list")
    return render(request, "registry/exclude.html", {"entry": entry, "form": form})
