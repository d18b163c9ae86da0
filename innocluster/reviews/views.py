from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.errors import PlatformError
from innocluster.reviews import selectors, services
from innocluster.reviews.enums import Decision, ReviewStatus
from innocluster.reviews.kinds import all_kinds, get_kind
from innocluster.reviews.rules import is_supervisor, may_use_desk

PAGE_SIZE = 50


def _desk_user(request):
    if not request.user.is_authenticated or not may_use_desk(request.user):
        raise Http404
    return request.user


def _reviewers():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, is_staff=True, groups__name="reviewer")
        .distinct()
        .order_by("full_name")
    )


@login_required
def desk(request):
    user = _desk_user(request)
    today = timezone.localdate()
    filters = {
        "kind": request.GET.get("kind", "")[:40],
        "status": request.GET.get("status", "")[:20],
        "assignee": request.GET.get("assignee", "")[:12],
        "bucket": request.GET.get("bucket", "")[:10],
        "q": request.GET.get("q", "").replace("\x00", "").strip()[:200],
    }
    if filters["status"] and filters["status"] not in ReviewStatus.values:
        filters["status"] = ""
    page = Paginator(selectors.desk_queue(user, today=today, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "filters": filters,
        "today": today,
        "board": selectors.overdue_board(user, today=today),
        "kinds": all_kinds(),
        "statuses": ReviewStatus.choices,
        # a supervisor lists one reviewer's cases too (the guide: "me, nobody, a person")
        "reviewers": _reviewers() if is_supervisor(user) else [],
    }
    template = (
        "reviews/_queue.html" if request.htmx and request.htmx.target == "queue" else "reviews/desk.html"
    )
    return render(request, template, context)


@login_required
def case_detail(request, pk: int):
    user = _desk_user(request)
    case = selectors.case_for(user, pk, perm="reviews.handle_case")
    if case is None:
        raise Http404
    selectors.read_for_staff(user, case)
    return render(request, "reviews/case.html", _case_context(user, case))


def _case_context(user, case, error=None):
    kind = get_kind(case.kind)
    return {
        "case": case,
        "kind": kind,
        "application": kind.application_of(case),
        "history": selectors.history(case),
        "decisions": Decision.choices,
        "reviewers": _reviewers() if is_supervisor(user) else [],
        "supervisor": is_supervisor(user),
        "today": timezone.localdate(),
        "error": error,
    }


@login_required
@require_POST
def decide(request, pk: int):
    """A decision from the case page; answered with the page's decision panel (htmx) or the page."""
    user = _desk_user(request)
    case = selectors.case_for(user, pk, perm="reviews.handle_case")
    if case is None:
        raise Http404
    error = None
    try:
        case = services.decide(
            case, request.POST.get("decision", ""), actor=user, comment=request.POST.get("comment", "")
        )
    except PlatformError as exc:
        error = exc.message
        case.refresh_from_db()
    else:
        messages.success(request, _("Decision saved: %(status)s.") % {"status": case.shown_status})
    context = _case_context(user, case, error=error)
    context["typed_comment"] = request.POST.get("comment", "") if error else ""
    template = "reviews/_decision.html" if request.htmx else "reviews/case.html"
    return render(request, template, context, status=422 if error and not request.htmx else 200)


@login_required
@require_POST
def assign(request, pk: int):
    user = _desk_user(request)
    case = selectors.case_for(user, pk, perm="reviews.handle_case")
    if case is None:
        raise Http404
    target = request.POST.get("assignee", "")
    assignee = user
    if is_supervisor(user):
        assignee = _reviewers().filter(pk=int(target)).first() if target.isdigit() else None
        if target == "me":
            assignee = user
    error = None
    try:
        case = services.assign(case, assignee=assignee, actor=user)
    except PlatformError as exc:
        error = exc.message
    else:
        if case.assignee:
            messages.success(request, _("Assigned to %(name)s.") % {"name": case.assignee.full_name})
        else:
            messages.success(request, _("Nobody is assigned now."))
    context = _case_context(user, case, error=error)
    return render(request, "reviews/_decision.html" if request.htmx else "reviews/case.html", context)
