"""The public dashboard (/analytics/), the staff dashboards (/analytics/staff/), the open-data
catalogue (/opendata/) and a dataset's passport. Every chart comes with its table and its
downloads, which take the same filters as the page."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from innocluster.analytics import charts, datasets, descriptor, selectors
from innocluster.analytics.access import dataset_for, filters_from
from innocluster.core.errors import PlatformError
from innocluster.core.formats import format_measure, format_money, human_date
from innocluster.measures import selectors as measures
from innocluster.organizations import selectors as organizations


def _filters(request):
    try:
        return filters_from(request.GET, **selectors.known_codes()), None
    except PlatformError as exc:
        return datasets.Filters(), exc.message


def _display(field: datasets.Field, value) -> str:
    if value is None:
        return "—"
    if field.name == "year":  # a year is no quantity: 2026, not «2 026»
        return str(value)
    if field.choices is not None:
        return str(dict(field.choices.choices).get(value, value))
    if field.type == datasets.MONEY:
        return format_money(value)
    if field.type in (datasets.INTEGER, datasets.NUMBER):
        return format_measure(value)
    if field.type == datasets.DATE:
        return human_date(value)
    if field.type == datasets.BOOLEAN:
        return _("yes") if value else _("no")
    return str(value)


def _panel(dataset: datasets.Dataset, filters: datasets.Filters) -> dict:
    rows = dataset.rows(filters)
    query = filters.query(dataset.filters)
    api = reverse("api:read_dataset", kwargs={"code": dataset.code})
    return {
        "dataset": dataset,
        "rows": rows,
        "table": [[(f, _display(f, row.get(f.name))) for f in dataset.fields] for row in rows],
        "chart": charts.chart_data(dataset, rows),
        "downloads": [
            ("CSV", f"{api}?{urlencode({**query, 'format': 'csv'})}"),
            ("CSV (Excel)", f"{api}?{urlencode({**query, 'format': 'csv', 'bom': 'true'})}"),
            ("XLSX", f"{api}?{urlencode({**query, 'format': 'xlsx'})}"),
            ("JSON", f"{api}?{urlencode({**query, 'format': 'json'})}"),
        ],
        "ignored": [
            name
            for name in ("year", "region", "measure")
            if getattr(filters, name) and name not in dataset.filters
        ],
    }


def _page(request, shown, template: str, extra=None):
    filters, error = _filters(request)
    return render(
        request,
        template,
        {
            "panels": [_panel(d, filters) for d in shown],
            "filters": filters,
            "filter_error": error,
            "regions": organizations.regions(),
            "measures": measures.catalogue(),
            "years": list(range(datasets.FIRST_CHART_YEAR, selectors.current_year() + 1))[::-1],
            **(extra or {}),
        },
    )


def dashboard(request):
    return _page(request, [d for d in datasets.public() if d.chart is not None], "analytics/dashboard.html")


@login_required
def staff_dashboard(request):
    if not selectors.sees_staff_data(request.user):
        raise Http404
    return _page(request, datasets.staff_only(), "analytics/staff.html")


def catalogue(request):
    return render(
        request,
        "analytics/catalogue.html",
        {"passports": [descriptor.passport(d) for d in datasets.public()]},
    )


def dataset(request, code: str):
    try:
        found = dataset_for(request.user, code)
    except PlatformError:
        raise Http404 from None
    return render(
        request,
        "analytics/dataset.html",
        {"passport": descriptor.passport(found), "panel": _panel(found, datasets.Filters())},
    )
