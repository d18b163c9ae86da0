"""The coordinators' KPI pages: the monitoring board (filters by period, measure, consortium,
region and report; sorting; pages; CSV and XLSX of exactly the rows on screen), the indicators and
the targets (one organisation, or every recipient of a measure at once)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from innocluster.consortia import selectors as consortia
from innocluster.core.errors import PlatformError, raise_for_page
from innocluster.core.exports import FORMATS, Column, download
from innocluster.core.forms import add_service_error, add_service_errors
from innocluster.kpi import bulk_targets, selectors, services
from innocluster.kpi.enums import ReportStatus
from innocluster.kpi.forms import BulkTargetForm, IndicatorForm, TargetForm
from innocluster.kpi.models import Indicator, Target
from innocluster.kpi.periods import Period
from innocluster.measures import selectors as measures
from innocluster.organizations import selectors as organizations
from innocluster.reviews.rules import is_supervisor


def _coordinator(request) -> None:
    if not is_supervisor(request.user):
        raise Http404


def state_labels() -> dict:
    return {
        ReportStatus.SUBMITTED: ReportStatus.SUBMITTED.label,
        ReportStatus.RETURNED: ReportStatus.RETURNED.label,
        ReportStatus.ACCEPTED: ReportStatus.ACCEPTED.label,
        selectors.MISSING_REPORT: _("No report"),
        selectors.NOT_YET_DUE: _("Not yet due"),
        selectors.LATE: _("Late"),
    }


def band_labels() -> dict:
    return {
        "met": _("met"),
        "tolerance": _("within tolerance"),
        "missed": _("missed"),
        "missing": _("no value"),
        "no_target": "",
    }


def _default_period(periods: list[str]) -> str:
    """The newest period whose report is already due, else the newest one."""
    today = timezone.localdate()
    for text in periods:
        if Period.parse(text).due < today:
            return text
    return periods[0] if periods else ""


@login_required
def board(request):
    _coordinator(request)
    periods = selectors.board_periods()
    wanted = request.GET.get("period", "")
    period_text = wanted if wanted in periods else _default_period(periods)
    measure_list = list(measures.catalogue())
    consortium_list = list(consortia.public_consortia())
    regions = list(organizations.regions())
    measure = request.GET.get("measure", "")
    measure = measure if measure in {m.code for m in measure_list} else ""
    consortium = request.GET.get("consortium", "")
    consortium = consortium if consortium in {str(c.pk) for c in consortium_list} else ""
    region = request.GET.get("region", "")
    region = region if region in {r.code for r in regions} else ""
    report = request.GET.get("report", "")
    report = report if report in selectors.REPORT_FILTERS else ""
    sort = request.GET.get("sort", "name")
    sort = sort if sort in selectors.BOARD_SORTS else "name"
    fmt = request.GET.get("format", "")
    if fmt and fmt not in FORMATS:
        raise Http404
    page = None
    if period_text:
        page = selectors.board_page(
            Period.parse(period_text),
            page=request.GET.get("page") or 1,
            sort=sort,
            measure_ids=measures.recipient_ids(measure) if measure else None,
            consortium_ids=consortia.member_ids(int(consortium)) if consortium else None,
            region=region,
            report=report,
        )
    if fmt and page is not None:
        return _download(fmt, page)
    return render(
        request,
        "kpi/board.html",
        {
            "board": page,
            "periods": periods,
            "period": period_text,
            "measures": measure_list,
            "consortia": consortium_list,
            "regions": regions,
            "measure": measure,
            "consortium": consortium,
            "region": region,
            "report": report,
            "sort": sort,
            "report_filters": [(key, state_labels()[key]) for key in selectors.REPORT_FILTERS],
            "state_labels": state_labels(),
            "band_labels": band_labels(),
            "filtered": bool(measure or consortium or region or report),
        },
    )


def _download(fmt: str, page) -> object:
    """Exactly the rows on screen: the same filters, order and page."""
    columns = [
        Column(_("Organisation")),
        Column(_("INN")),
        Column(_("Region")),
        Column(_("Report")),
        Column(_("Late"), "bool"),
    ]
    for indicator in page.indicators:
        unit = f", {indicator.unit}" if indicator.unit else ""
        columns += [
            Column(_("%(indicator)s: target") % {"indicator": indicator.label} + unit, "number"),
            Column(_("%(indicator)s: actual") % {"indicator": indicator.label} + unit, "number"),
            Column(_("%(indicator)s: status") % {"indicator": indicator.label}),
        ]
    states, bands = state_labels(), band_labels()
    rows = []
    for row in page.rows:
        line = [
            row.organization.short_name,
            row.organization.inn,
            row.organization.region.name,
            str(states.get(row.state, row.state)),
            row.late,
        ]
        for cell in row.cells:
            line += [cell.target, cell.value, str(bands.get(cell.band, cell.band))]
        rows.append(line)
    name = f"kpi-board-{page.period}-page-{page.page.number}"
    return download(fmt, filename=name, columns=columns, rows=rows, bom=fmt == "csv")


@login_required
@require_http_methods(["GET", "POST"])
def indicators(request):
    _coordinator(request)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.create_indicator(actor=request.user, **form.cleaned_data)
        except PlatformError as exc:
            raise_for_page(exc)
            add_service_error(form, exc)
        else:
            messages.success(request, _("The indicator “%(name)s” is added.") % {"name": indicator.label})
            return redirect("kpi:indicators")
    return render(
        request,
        "kpi/indicators.html",
        {"indicators": Indicator.objects.all(), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def targets(request):
    _coordinator(request)
    indicator_list = list(Indicator.objects.all())
    measure_list = list(measures.catalogue())
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = TargetForm(request.POST if action == "one" else None, indicators=indicator_list)
    bulk = BulkTargetForm(
        request.POST if action == "bulk" else None, indicators=indicator_list, measures=measure_list
    )
    if action == "one" and form.is_valid():
        data = form.cleaned_data
        organization = organizations.organization_by_inn_or_number(data["organization"])
        indicator = Indicator.objects.get(code=data["indicator"])
        tolerance = data["tolerance_percent"] or 0
        if organization is None:
            # said with whatever else is wrong, not alone
            form.add_error("organization", _("No organisation has this INN or number."))
            try:
                services.clean_target(indicator, data["period"], data["value"], tolerance)
            except PlatformError as exc:
                add_service_errors(form, exc)
        else:
            try:
                target, created = services.set_target(
                    actor=request.user,
                    indicator=indicator,
                    organization=organization,
                    period=data["period"],
                    value=data["value"],
                    tolerance_percent=tolerance,
                )
            except PlatformError as exc:
                raise_for_page(exc)
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    (_("The target is set.") if created else _("The target is changed."))
                    + f" {organization.short_name}, {target.indicator.label}, {target.period}",
                )
                return redirect("kpi:targets")
    if action == "bulk" and bulk.is_valid():
        data = bulk.cleaned_data
        try:
            result = bulk_targets.set_targets_for_recipients(
                actor=request.user,
                measure_code=data["measure"],
                year=data["year"],
                indicator=Indicator.objects.get(code=data["indicator"]),
                periods=[p.strip() for p in data["periods"].split(",") if p.strip()],
                value=data["value"],
                tolerance_percent=data["tolerance_percent"] or 0,
                replace=data["replace"],
            )
        except PlatformError as exc:
            raise_for_page(exc)
            add_service_error(bulk, exc)
        else:
            messages.success(
                request,
                _(
                    "Targets for %(organizations)d organisations: %(created)d set, %(updated)d changed, "
                    "%(kept)d kept as they were."
                )
                % result,
            )
            return redirect("kpi:targets")
    recent = Target.objects.select_related("organization", "indicator").order_by("-updated_at", "-pk")[:30]
    return render(request, "kpi/targets.html", {"form": form, "bulk": bulk, "recent": recent})
