import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from innocluster.core import calendar
from innocluster.core.models import AuditEvent, Notification
from innocluster.core.notifications import mark_read


def home(request):
    from innocluster.core.cabinet import home_stats

    return render(request, "core/home.html", {"stats": home_stats()})


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
    return render(
        request,
        "core/staff_dashboard.html",
        {
            "recent_events": AuditEvent.objects.select_related("actor")[:20],
            "roles": [g.name for g in request.user.groups.all()],
        },
    )


def calendar_page(request):
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
        summary = calendar.year_summary(year)
    except (ValueError, OverflowError):
        year = timezone.localdate().year
        summary = calendar.year_summary(year)
    start_text = request.GET.get("start", "")
    deadline = error = None
    if start_text:
        try:
            start = dt.date.fromisoformat(start_text)
            n = int(request.GET.get("n", "10"))
            deadline = calendar.add_working_days(start, n)
        except (ValueError, OverflowError):
            error = True
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
