import datetime as dt
import logging
import sys

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from innocluster.core import calendar, embedded_db
from innocluster.core.audit_actions import with_object_numbers
from innocluster.core.models import AuditEvent, Notification
from innocluster.core.notifications import mark_read

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "HEAD"])
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico by themselves wherever a page names no icon (a JSON document, a
    CSV opened in a tab): send them to the site's icon rather than answer 404."""
    return redirect(static("favicon.svg"), permanent=True)


def home_services(request) -> list[dict]:
    """The home page's cards: each a service that exists, linked to its section (services not built
    yet are not advertised). Joining starts with an account, then from the cabinet."""
    join = reverse("core:cabinet") if request.user.is_authenticated else reverse("accounts:sign_up")
    return [
        {
            "url": join,
            "title": _("Cluster membership"),
            "text": _(
                "Apply online; the answer is due within 10 working days. Participants get a number and "
                "access to every support measure."
            ),
        },
        {
            "url": reverse("registry:list"),
            "title": _("Register of startups and high-tech companies"),
            "text": _("Inclusion in the public register opens the business-angel refund to your investors."),
        },
        {
            "url": reverse("consortia:list"),
            "title": _("Intersectoral clusters"),
            "text": _(
                "Consortia of 30 and more participants with joint projects and cooperation chains: "
                "microelectronics, electric vehicles, 3D printing, space technologies."
            ),
        },
        {
            "url": reverse("measures:catalogue"),
            "title": _("Support measures"),
            "text": _(
                "Grants for pilot tests and import substitution, compensation of patenting and equipment "
                "costs, refunds to business angels — with a calculator that shows how every ruble is "
                "computed."
            ),
        },
        {
            "url": reverse("pilots:catalogue"),
            "title": _("Pilot testing"),
            "text": _(
                "Test your product at a city clinic, school, museum, park or depot: the site answers "
                "within 10 working days, users rate it, and the protocol opens the pilot-testing grant."
            ),
        },
        {
            "url": reverse("contests:catalogue"),
            "title": _("Technology contests"),
            "text": _(
                "City departments and corporations state a problem; propose your solution, independent "
                "experts score it, winners get a pilot or a contract."
            ),
        },
        {
            "url": reverse("partners:search"),
            "title": _("Partner search and production orders"),
            "text": _(
                "Find a partner or a manufacturer among the cluster's organisations in Russian or English, "
                "and order prototypes."
            ),
        },
        {
            "url": reverse("kpi:mine")
            if request.user.is_authenticated
            else reverse("accounts:login") + "?next=" + reverse("kpi:mine"),
            "title": _("KPI reporting"),
            "text": _(
                "Grant recipients and participants report their key performance indicators with evidence; "
                "what the platform already knows is filled in, and reminders come before the due date."
            ),
        },
        {
            "url": reverse("analytics:dashboard"),
            "title": _("Analytics"),
            "text": _(
                "The cluster in live figures: participants by region and industry, grants, pilots, contests, "
                "investments and contracts — as charts and as tables to download."
            ),
        },
        {
            "url": reverse("analytics:catalogue"),
            "title": _("Open data"),
            "text": _(
                "Every public table as a dataset in CSV, XLSX and JSON, with its passport and a "
                "Frictionless Table Schema, and through the API."
            ),
        },
    ]


def home(request):
    from innocluster.core.cabinet import home_stats

    return render(request, "core/home.html", {"stats": home_stats(), "services": home_services(request)})


@login_required
def cabinet(request):
    from innocluster.core.cabinet import sections_for

    return render(
        request,
        "core/cabinet.html",
        {"sections": sections_for(request), "notifications": request.user.notifications.all()[:5]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("id") if i.isascii() and i.isdigit()]
        mark_read(person=request.user, notification_ids=ids or None)
        return redirect("core:notifications")
    page = Paginator(Notification.objects.filter(recipient=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notifications.html", {"page": page})


@login_required
def staff_dashboard(request):
    """The back office's front page; a 404 to whoever is not acting as staff (as the desk)."""
    if not request.user.is_staff:
        raise Http404
    # the platform's latest events name who acted (their e-mail): for those who read the audit log
    # in the back office (coordinators, administrators), not every staff role (an expert would
    # learn which other expert scored what)
    from innocluster.accounts.enums import StaffRole  # core does not depend on the apps at import

    reads_log = request.user.has_perm("core.view_auditevent")
    return render(
        request,
        "core/staff_dashboard.html",
        {
            "recent_events": with_object_numbers(AuditEvent.objects.select_related("actor")[:20])
            if reads_log
            else None,
            # the roles by name, in the page's language (a group outside the roles as it is called)
            "roles": [
                str(dict(StaffRole.choices).get(g.name, g.name)) for g in request.user.groups.order_by("name")
            ],
        },
    )


def calendar_page(request):
    start_text = request.GET.get("start", "")
    deadline = error = start = None
    if start_text:
        try:
            start = dt.date.fromisoformat(start_text)
            n = int(request.GET.get("n", "10"))
            deadline = calendar.add_working_days(start, n)
        except (ValueError, OverflowError):
            error, start = True, None
    # the year asked for; with a deadline worked out and no year, the year it starts in
    default_year = start.year if start and deadline else timezone.localdate().year
    try:
        year = int(request.GET.get("year", default_year))
        summary = calendar.year_summary(year)
    except (ValueError, OverflowError):
        year = timezone.localdate().year
        summary = calendar.year_summary(year)
    return render(
        request,
        "core/calendar.html",
        {
            "summary": summary,
            "year": year,
            "deadline": deadline,
            "error": error,
            "start": start_text,
            "n": request.GET.get("n", "10"),
        },
    )


def server_error(request):
    """Django's handler500, without the context processors (they read the database, which may be
    what failed). While PostgreSQL is away — restarting, a network blip, the embedded server being
    started again, here if it was killed — the answer is a 503 in the reader's language that retries by itself, not an
    error page; the next request after it is back is served as usual (CONN_HEALTH_CHECKS drops
    the broken connection)."""
    failure = sys.exc_info()[1]
    context = {"LANGUAGE_CODE": translation.get_language()}
    if isinstance(failure, OperationalError | InterfaceError):
        logger.warning("database unavailable for %s %s: %s", request.method, request.path, failure)
        embedded_db.database_failed()
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html", context))
