"""Pages of the KPI (SPEC C9): the reports an organisation owes, the report form (saved as a
draft as it is typed, evidence files and links, a missed target explained), a version's page
where coordinators accept or return it, their queue, and the monitoring board with its downloads.
Every action goes through `services`, which check who acts; whoever may not see a report gets a
404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.core.errors import InvalidInput, PlatformError, field_errors, raise_for_page
from innocluster.core.files import serve_private_file
from innocluster.core.forms import add_service_error
from innocluster.kpi import known, selectors, services
from innocluster.kpi.enums import ReportStatus
from innocluster.kpi.forms import DecisionForm, ReportForm, field_name
from innocluster.kpi.models import Evidence, Indicator, Report
from innocluster.kpi.periods import Period
from innocluster.kpi.targets import band
from innocluster.organizations import selectors as organizations
from innocluster.organizations.rules import is_organization_person
from innocluster.reviews.rules import is_supervisor


def _organization(request, org_id: int):
    organization = organizations.get_organization_for(
        user=request.user, pk=org_id, perm="organizations.view_private"
    )
    if organization is None:
        raise Http404
    return organization


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError:
        raise Http404 from None


@login_required
def mine(request):
    """The reports the person's organisations owe and have filed."""
    return render(
        request,
        "kpi/mine.html",
        {"rows": selectors.due_reports(request.user), "coordinator": is_supervisor(request.user)},
    )


def _report_context(organization, period: Period, form, *, targets, open_error=None):
    text = str(period)
    versions = selectors.versions(organization, text)
    files = selectors.current_evidence(organization, text)
    knowns = known.known_for(organization, period)
    returned = versions[0] if versions and versions[0].status == ReportStatus.RETURNED else None
    reasons = {v.indicator_id: v.return_reason for v in returned.values.all()} if returned else {}
    rows = []
    for indicator in form.indicators if form is not None else []:
        target = targets.get(indicator.pk)
        rows.append(
            {
                "indicator": indicator,
                "target": target,
                "fields": form.group(indicator.code),
                "files": files.get(indicator.pk, []),
                "known": knowns.get(indicator.code),
                "reason": reasons.get(indicator.pk, ""),
            }
        )
    return {
        "organization": organization,
        "period": period,
        "due": period.due,
        "late_now": timezone.localdate() > period.due,
        "form": form,
        "rows": rows,
        "versions": versions,
        "returned": returned,
        "open_error": open_error,
    }


def _indicators_for(period: Period, targets) -> list[Indicator]:
    """Those with a target for the organisation and period first, then the rest of the kind."""
    indicators = list(Indicator.objects.filter(period=period.kind))
    return sorted(indicators, key=lambda i: (i.pk not in targets, i.pk))


def _initial(organization, period: Period, indicators) -> dict:
    """What the form starts with: the draft, else the returned version's values, else what the
    platform knows."""
    draft = selectors.draft_of(organization, str(period))
    if draft is not None:
        return {
            field_name(code, part): text
            for code, fields in draft.data.items()
            for part, text in fields.items()
        }
    last = Report.objects.filter(organization=organization, period=str(period)).order_by("-version").first()
    if last is not None:
        initial = {}
        for value in last.values.select_related("indicator"):
            code = value.indicator.code
            initial[field_name(code, "value")] = f"{value.value:f}"
            initial[field_name(code, "explanation")] = value.explanation
            initial[field_name(code, "corrective_action")] = value.corrective_action
            initial[field_name(code, "evidence_link")] = value.evidence_link
        return initial
    return {
        field_name(code, "value"): f"{amount:f}"
        for code, amount in known.known_for(organization, period).items()
    }


def _show_value_errors(form, exc, values: list[dict]) -> None:
    """A refusal of the report's values on the fields they name (`values.N.part` → the N-th typed
    row's field), every one of them where the service lists several (`details.fields`)."""
    for field, message in field_errors(exc).items():
        parts = str(field).split(".")
        if len(parts) == 3 and parts[0] == "values" and parts[1].isdigit() and int(parts[1]) < len(values):
            name = field_name(values[int(parts[1])]["indicator"], parts[2])
            if name not in form.fields:
                form.add_error(None, str(message))
            elif name not in form.errors:  # the form's own refusal of it stands
                form.add_error(name, str(message))
        else:
            add_service_error(form, InvalidInput(message, field=field or None))


@login_required
@require_http_methods(["GET", "POST"])
def report_form(request, org_id: int, period: str):
    organization = _organization(request, org_id)
    period = _period(period)
    targets = services.targets_of(organization, period)
    indicators = _indicators_for(period, targets)
    open_error = None
    try:
        services.open_for_reporting(organization, period)
    except PlatformError as exc:
        open_error = exc.message
    if request.method == "POST" and not open_error:
        form = ReportForm(request.POST, indicators=indicators, targets=targets)
        values = form.values()
        if not form.is_valid():
            # the values' own refusals beside the missing ones, on the same answer
            try:
                if values:
                    services.clean_report_values(organization, period, values, require_action=True)
            except PlatformError as exc:
                _show_value_errors(form, exc, values)
        else:
            try:
                report = services.submit_report(
                    actor=request.user,
                    organization=organization,
                    period=str(period),
                    values=values,
                    require_action=True,
                )
            except PlatformError as exc:
                raise_for_page(exc)
                _show_value_errors(form, exc, values)
            else:
                messages.success(
                    request,
                    _("The report for %(period)s is submitted (version %(version)d).")
                    % {"period": str(period), "version": report.version},
                )
                return redirect("kpi:version", pk=report.pk)
    else:
        initial = _initial(organization, period, indicators) if not open_error else {}
        form = ReportForm(initial=initial, indicators=indicators, targets=targets)
    context = _report_context(
        organization, period, form if not open_error else None, targets=targets, open_error=open_error
    )
    # a report waiting for its review or accepted is not reported again: the page says so
    status = 409 if request.method == "POST" and open_error else 200
    return render(request, "kpi/report_form.html", context, status=status)


@login_required
@require_POST
def autosave(request, org_id: int, period: str):
    organization = _organization(request, org_id)
    period = _period(period)
    indicators = list(Indicator.objects.filter(period=period.kind))
    form = ReportForm(request.POST, indicators=indicators, targets={})
    try:
        services.save_draft(
            actor=request.user, organization=organization, period=str(period), data=form.typed()
        )
    except PlatformError as exc:
        raise_for_page(exc)
        return render(request, "membership/_autosave.html", {"error": exc.message})
    return render(request, "membership/_autosave.html", {"saved_at": timezone.localtime()})


@login_required
@require_POST
def add_evidence(request, org_id: int, period: str):
    """A file for an indicator's value: the page's list of files comes back (htmx), or the form."""
    organization = _organization(request, org_id)
    period = _period(period)
    indicator = Indicator.objects.filter(code=request.POST.get("indicator", "")).first()
    if indicator is None:
        raise Http404
    error = None
    upload = request.FILES.get("file")
    if upload is None:
        error = _("Choose a file.")
    else:
        try:
            services.add_evidence(
                actor=request.user,
                organization=organization,
                period=str(period),
                indicator=indicator,
                upload=upload,
            )
        except PlatformError as exc:
            raise_for_page(exc)
            error = exc.message
    if request.htmx:
        files = selectors.current_evidence(organization, str(period)).get(indicator.pk, [])
        return render(
            request,
            "kpi/_evidence.html",
            {
                "organization": organization,
                "period": period,
                "indicator": indicator,
                "files": files,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The file is added."))
    return redirect("kpi:report", org_id=organization.pk, period=str(period))


def _evidence_for(request, pk: int) -> Evidence:
    evidence = Evidence.objects.select_related("organization").filter(pk=pk).first()
    if evidence is None or not (
        is_supervisor(request.user) or is_organization_person(request.user, evidence.organization)
    ):
        raise Http404
    return evidence


@login_required
def evidence_file(request, pk: int):
    evidence = _evidence_for(request, pk)
    return serve_private_file(
        evidence.file, filename=evidence.original_name, content_type=evidence.content_type
    )


@login_required
@require_POST
def remove_evidence(request, pk: int):
    evidence = _evidence_for(request, pk)
    try:
        services.remove_evidence(actor=request.user, evidence=evidence)
    except PlatformError as exc:
        raise_for_page(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The file is removed."))
    return redirect("kpi:report", org_id=evidence.organization_id, period=evidence.period)


def _visible_report(request, pk: int) -> Report:
    report = (
        Report.objects.select_related("organization", "case", "submitted_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if report is None or not (
        is_supervisor(request.user) or is_organization_person(request.user, report.organization)
    ):
        raise Http404
    return report


@login_required
def version(request, pk: int):
    """A version of a report with its targets, statuses, evidence and what the platform knows;
    coordinators decide it here."""
    report = _visible_report(request, pk)
    coordinator = is_supervisor(request.user)
    values = list(report.values.select_related("indicator").prefetch_related("evidence"))
    form = None
    if coordinator and report.status == ReportStatus.SUBMITTED:
        form = DecisionForm(values=values)
    return render(request, "kpi/version.html", _version_context(report, values, form, coordinator))


def _version_context(report, values, form, coordinator) -> dict:
    period = Period.parse(report.period)
    targets = services.targets_of(report.organization, period)
    rows = []
    for value in values:
        target = targets.get(value.indicator_id)
        rows.append(
            {
                "value": value,
                "target": target,
                "band": band(
                    value.value,
                    target.value if target else None,
                    target.tolerance_percent if target else 0,
                    value.indicator.better,
                ),
                "differs": known.differs(value.value, value.known_value),
            }
        )
    return {
        "report": report,
        "organization": report.organization,
        "period": period,
        "rows": rows,
        "form": form,
        "coordinator": coordinator,
        "others": Report.objects.filter(organization=report.organization, period=report.period)
        .exclude(pk=report.pk)
        .order_by("-version"),
    }


@login_required
@require_POST
def decide(request, pk: int):
    report = _visible_report(request, pk)
    if not is_supervisor(request.user):
        raise Http404
    values = list(report.values.select_related("indicator").prefetch_related("evidence"))
    form = DecisionForm(request.POST, values=values)
    if form.is_valid():
        try:
            services.decide_report(
                actor=request.user,
                report=report,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                reasons=form.reasons(),
            )
        except PlatformError as exc:
            raise_for_page(exc)
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("The report is accepted.")
                if form.cleaned_data["decision"] == "accept"
                else _("The report is returned for correction; the organisation is told why."),
            )
            return redirect("kpi:version", pk=report.pk)
    return render(request, "kpi/version.html", _version_context(report, values, form, True), status=200)


@login_required
def review(request):
    if not is_supervisor(request.user):
        raise Http404
    page = Paginator(selectors.review_queue(), 50).get_page(request.GET.get("page"))
    return render(request, "kpi/review.html", {"page": page})
