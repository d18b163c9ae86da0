from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.accounts import consent
from innocluster.core.errors import PlatformError
from innocluster.core.formats import human_date
from innocluster.core.forms import add_service_errors
from innocluster.membership import services
from innocluster.membership.forms import MembershipForm, initial_from
from innocluster.membership.models import Participation
from innocluster.organizations import selectors as organizations
from innocluster.reviews.enums import EDITABLE_STATUSES


def _organization(request, org_id):
    """The applicant's pages are for the organisation's people; anyone else gets a 404."""
    organization = organizations.get_organization_for(
        user=request.user, pk=org_id, perm="organizations.view_private"
    )
    if organization is None:
        raise Http404
    return organization


def _typed(request, *, with_consent: bool = True) -> dict:
    """What the form sent. The consent goes only with a submission: a draft saved as it is typed
    keeps none, so that the box is never found ticked, by the same person or another."""
    data = {name: request.POST.get(name, "") for name in services.TEXT_FIELDS}
    if with_consent:
        data["consent_personal_data"] = request.POST.get("consent_personal_data", "")
    return data


@login_required
@require_http_methods(["GET", "POST"])
def page(request, org_id: int):
    organization = _organization(request, org_id)
    participation = Participation.objects.filter(organization=organization).first()
    application = services.latest_application(organization)
    can_act = request.user.has_perm("organizations.act_for", organization)
    editable = participation is None and (application is None or application.case.status in EDITABLE_STATUSES)
    known = services.known_values(actor=request.user, organization=organization)
    document = consent.current_document()
    form = (
        MembershipForm(initial=initial_from(application, known=known), document=document)
        if editable
        else None
    )
    if request.method == "POST":
        if not (can_act and editable):
            raise Http404
        form = MembershipForm(request.POST, document=document)
        try:
            application = services.save_membership_draft(
                actor=request.user, organization=organization, data=_typed(request)
            )
            services.submit_membership_application(actor=request.user, application=application)
        except PlatformError as exc:
            form.is_valid()
            add_service_errors(form, exc)  # each field once: the form's own word, else the service's
        else:
            messages.success(
                request,
                _("The application is submitted. The answer is due by %(date)s.")
                % {"date": human_date(application.case.review_due)},
            )
            return redirect("membership:page", org_id=organization.pk)
    return render(
        request,
        "membership/page.html",
        {
            "organization": organization,
            "participation": participation,
            "application": application,
            "case": application.case if application else None,
            "form": form if can_act else None,
            "can_act": can_act,
        },
    )


@login_required
@require_POST
def autosave(request, org_id: int):
    """Saves the draft as it is typed (htmx); answers with a small status line."""
    organization = _organization(request, org_id)
    try:
        services.save_membership_draft(
            actor=request.user, organization=organization, data=_typed(request, with_consent=False)
        )
    except PlatformError as exc:
        return render(request, "membership/_autosave.html", {"error": exc.message}, status=200)
    return render(request, "membership/_autosave.html", {"saved_at": timezone.localtime()})
