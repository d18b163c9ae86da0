"""Pages of the pilot testing programme (SPEC C6): the public catalogue of test sites and of
completed pilots, a site's page, the request form, and the pilot's page where the site answers,
records feedback and writes the protocol, and the company withdraws or agrees to publish. Every
action goes through `services`, which check who acts; whoever may not see a pilot gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.core.errors import PlatformError, raise_for_page
from innocluster.core.formats import human_date
from innocluster.core.forms import add_service_error, add_service_errors
from innocluster.core.text import clean_query
from innocluster.membership.models import Participation
from innocluster.organizations import selectors as organizations
from innocluster.pilots import feedback, selectors, services
from innocluster.pilots.enums import PilotStatus, SiteCategory
from innocluster.pilots.forms import (
    CriterionFormSet,
    DecisionForm,
    FeedbackEntryForm,
    PilotRequestForm,
    ProtocolForm,
    TestSiteForm,
)
from innocluster.pilots.models import Pilot

PER_PAGE = 24


def catalogue(request):
    category = request.GET.get("category", "")
    category = category if category in SiteCategory.values else ""
    district = clean_query(request.GET.get("district", ""), max_length=100)
    q = clean_query(request.GET.get("q", ""), max_length=200)
    page = Paginator(selectors.sites(category=category, district=district, q=q), PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.with_statistics(page.object_list)
    return render(
        request,
        "pilots/catalogue.html",
        {
            "page": page,
            "category": category,
            "district": district,
            "q": q,
            "categories": SiteCategory.choices,
            "districts": selectors.districts(),
            "filtered": bool(category or district or q),
            "may_add": request.user.has_perm("pilots.create_site"),
        },
    )


def completed(request):
    category = request.GET.get("category", "")
    category = category if category in SiteCategory.values else ""
    page = Paginator(selectors.published_pilots(category=category), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "pilots/completed.html",
        {"page": page, "category": category, "categories": SiteCategory.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_site(request):
    """A coordinator adds a test site; other staff may not (403), anyone else does not see the page."""
    if not request.user.is_staff:
        raise Http404
    if not request.user.has_perm("pilots.create_site"):
        raise _forbidden()
    form = TestSiteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            organization = data["organization"]
            try:
                site = services.create_site(
                    actor=request.user,
                    organization=organization,
                    name=data["name"],
                    category=data["category"],
                    address=data["address"],
                    district=data["district"],
                    testable=data["testable"],
                    capacity=data["capacity"],
                    contact_email=data["contact_email"],
                )
            except PlatformError as exc:
                raise_for_page(exc)
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Test site added: %(organization)s's owners and managers are told.")
                    % {"organization": organization.short_name},
                )
                return redirect("pilots:site", pk=site.pk)
        status = 422
    return render(request, "pilots/new_site.html", {"form": form}, status=status)


def site_page(request, pk: int):
    site = selectors.get_site(pk)
    if site is None:
        raise Http404
    (site,) = selectors.with_statistics([site])
    today = timezone.localdate()
    taken = selectors.places_taken(site, today=today)
    return render(
        request,
        "pilots/site.html",
        {
            "site": site,
            "taken": taken,
            "taken_now": sum(1 for p in taken if p.starts_on <= today),
            "published": selectors.published_pilots(site=site)[:20],
            "represents": request.user.is_authenticated
            and selectors.represented_sites(request.user).filter(pk=site.pk).exists(),
            "unattended": not services.site_representatives(site),
        },
    )


def _requesting_organizations(user) -> list:
    """The participant organisations this person acts for (owner or manager)."""
    links = [link for link in organizations.organizations_of(user) if link.role in ("owner", "manager")]
    participants = set(
        Participation.objects.filter(
            organization_id__in=[link.organization_id for link in links]
        ).values_list("organization_id", flat=True)
    )
    return [link.organization for link in links if link.organization_id in participants]


@login_required
@require_http_methods(["GET", "POST"])
def request_form(request, pk: int):
    site = selectors.get_site(pk)
    if site is None:
        raise Http404
    choices = _requesting_organizations(request.user)
    data = request.POST if request.method == "POST" else None
    # a contest's winner arrives with its product and goals filled in (contests: "turn the prize
    # into a pilot"); they are only the form's initial values
    initial = {key: clean_query(request.GET.get(key, ""), max_length=5000) for key in ("product", "goals")}
    form = PilotRequestForm(data, organizations=choices, initial=initial)
    criteria = CriterionFormSet(data, prefix="criteria")
    status = 200
    if data is not None:
        if form.is_valid() and criteria.is_valid():
            organization = next(o for o in choices if o.pk == form.cleaned_data["organization"])
            typed = [row for row in criteria if row.has_changed()]
            rows = [
                {k: row.cleaned_data.get(k, "") for k in ("name", "unit", "better", "target")}
                for row in typed
            ]
            for row in rows:
                row["target"] = str(row["target"]).strip().replace(",", ".")
            try:
                pilot = services.request_pilot(
                    actor=request.user,
                    organization=organization,
                    site=site,
                    product=form.cleaned_data["product"],
                    goals=form.cleaned_data["goals"],
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                    criteria=rows,
                )
            except PlatformError as exc:
                raise_for_page(exc)
                add_service_errors(form, exc, rows=typed, prefix="criteria")
            else:
                messages.success(
                    request,
                    _("Request sent. The site answers by %(date)s.") % {"date": human_date(pilot.answer_due)},
                )
                return redirect("pilots:pilot", pk=pilot.pk)
        status = 422
    return render(
        request,
        "pilots/request.html",
        {
            "site": site,
            "site_url": f"/pilots/sites/{site.pk}/",
            "form": form,
            "criteria": criteria,
            "choices": choices,
        },
        status=status,
    )


@login_required
def by_case(request, case_id: int):
    pilot = Pilot.objects.filter(case_id=case_id).only("pk").first()
    if pilot is None or selectors.get_pilot_for(request.user, pilot.pk) is None:
        raise Http404
    return redirect("pilots:pilot", pk=pilot.pk)


def _viewable(request, pk) -> Pilot:
    pilot = selectors.get_pilot_for(request.user, pk)
    if pilot is None:
        raise Http404
    return pilot


def _pilot_context(request, pilot, **forms):
    user = request.user
    today = timezone.localdate()
    protocols = list(pilot.protocols.all())
    represents = user.has_perm("pilots.represent_site", pilot)
    acts_for_company = user.has_perm("pilots.act_for_company", pilot)
    context = {
        "pilot": pilot,
        "criteria": list(pilot.criteria.all()),
        "protocols": protocols,
        "summary": selectors.protocol_summary(protocols[0]) if protocols else None,
        "feedback": selectors.feedback_so_far(pilot),
        "represents": represents,
        "acts_for_company": acts_for_company,
        "may_decide": represents and pilot.status == PilotStatus.REQUESTED,
        "may_cancel": acts_for_company
        and (
            pilot.status == PilotStatus.REQUESTED
            or (pilot.status == PilotStatus.ACCEPTED and pilot.starts_on > today)
        ),
        "may_enter_feedback": represents and pilot.status in services.FEEDBACK_OPEN,
        "may_write_protocol": represents
        and pilot.status in (PilotStatus.ACCEPTED, PilotStatus.RUNNING, PilotStatus.COMPLETED),
        # the public link takes ratings from the pilot's first day until its protocol
        "feedback_link_open": feedback.is_open(pilot, today),
        "overdue": pilot.status == PilotStatus.REQUESTED and pilot.answer_due < today,
        "history": selectors.pilot_history(pilot),
        "today": today,
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "feedback_form": forms.get("feedback_form") or FeedbackEntryForm(),
    }
    if context["feedback_link_open"] and user.has_perm("pilots.share_feedback_link", pilot):
        context["feedback_url"] = feedback.feedback_url(request, pilot)
    if user.is_staff:
        from innocluster.core import audit

        audit.record_personal_data_access(actor=user, obj=pilot, reason="pilot page")
    return context


@login_required
def pilot_page(request, pk: int):
    pilot = _viewable(request, pk)
    return render(request, "pilots/pilot.html", _pilot_context(request, pilot))


def _act(request, pk, form_class, form_key, action, success):
    """A POST from the pilot's page: the service's refusal shows on the form, on the page again."""
    pilot = _viewable(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(pilot, form.cleaned_data)
        except PlatformError as exc:
            raise_for_page(exc)
            add_service_error(form, exc)
        else:
            messages.success(request, success())
            return redirect("pilots:pilot", pk=pilot.pk)
    pilot = _viewable(request, pk)  # as it is now
    return render(
        request, "pilots/pilot.html", _pilot_context(request, pilot, **{form_key: form}), status=422
    )


@login_required
@require_POST
def decision(request, pk: int):
    return _act(
        request,
        pk,
        DecisionForm,
        "decision_form",
        lambda pilot, data: services.decide(
            actor=request.user, pilot=pilot, decision=data["decision"], comment=data["comment"]
        ),
        lambda: _("Answer saved: the company is told."),
    )


@login_required
@require_POST
def enter_feedback(request, pk: int):
    return _act(
        request,
        pk,
        FeedbackEntryForm,
        "feedback_form",
        lambda pilot, data: services.enter_feedback(
            actor=request.user, pilot=pilot, rating=data["rating"], comment=data["comment"]
        ),
        lambda: _("Feedback recorded."),
    )


@login_required
@require_POST
def cancel(request, pk: int):
    pilot = _viewable(request, pk)
    try:
        services.cancel(actor=request.user, pilot=pilot, comment=request.POST.get("comment", ""))
    except PlatformError as exc:
        raise_for_page(exc)
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The pilot is cancelled; the site is told."))
    return redirect("pilots:pilot", pk=pilot.pk)


@login_required
@require_POST
def publish(request, pk: int):
    pilot = _viewable(request, pk)
    try:
        pilot = services.set_publish(
            actor=request.user, pilot=pilot, publish=request.POST.get("publish") == "on"
        )
    except PlatformError as exc:
        raise_for_page(exc)
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("The completed pilot will be shown publicly.")
            if pilot.publish
            else _("The pilot will not be shown publicly."),
        )
    return redirect("pilots:pilot", pk=pilot.pk)


@login_required
@require_http_methods(["GET", "POST"])
def protocol_form(request, pk: int):
    pilot = _viewable(request, pk)
    if not request.user.has_perm("pilots.represent_site", pilot):
        raise Http404 if not request.user.has_perm("pilots.view_pilot", pilot) else _forbidden()
    criteria = list(pilot.criteria.all())
    previous = pilot.protocols.first()
    initial = {}
    if previous is not None:
        initial = {"conclusion": previous.conclusion, "comment": previous.comment}
        initial.update(
            {f"value_{r.criterion_id}": f"{r.value.normalize():f}" for r in previous.results.all()}
        )
    form = ProtocolForm(request.POST or None, criteria=criteria, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                protocol = services.submit_protocol(
                    actor=request.user,
                    pilot=pilot,
                    results=form.results(),
                    feedback=[],
                    conclusion=form.cleaned_data["conclusion"],
                    comment=form.cleaned_data["comment"],
                )
            except PlatformError as exc:
                raise_for_page(exc)
                _results_error_on_fields(form, exc, criteria)
            else:
                messages.success(
                    request,
                    _("Protocol version %(version)d submitted: the company is told.")
                    % {"version": protocol.version},
                )
                return redirect("pilots:pilot", pk=pilot.pk)
        status = 422
    return render(
        request,
        "pilots/protocol_form.html",
        {
            "pilot": pilot,
            "pilot_url": f"/pilots/{pilot.pk}/",
            "form": form,
            "previous": previous,
            "feedback": selectors.feedback_so_far(pilot),
        },
        status=status,
    )


def _forbidden():
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

    return DjangoPermissionDenied()


def _results_error_on_fields(form, exc, criteria):
    """`results.N.value` of the service is the form's field of the Nth criterion."""
    field = str(exc.details.get("field", ""))
    parts = field.split(".")
    if len(parts) == 3 and parts[0] == "results" and parts[1].isdigit() and int(parts[1]) < len(criteria):
        form.add_error(f"value_{criteria[int(parts[1])].pk}", str(exc.message))
        return
    add_service_error(form, exc)
