"""Pages of the technology contests (SPEC C7): the public catalogue with countdowns and winners, a
contest's page (the coordinator's pool, assignment, ranking and results there), the coordinator's
form of a challenge, the participant's solution with its files, the solution's page (the expert's
scoring form; the participant's scores after the results), the expert's declaration and queue.
Every action goes through `services`, which check who acts; whoever may not see a contest or a
solution — a conflicted or unassigned expert first — gets a 404."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from innocluster.contests import selectors, services
from innocluster.contests.enums import ConflictReason, ContestStatus
from innocluster.contests.forms import (
    AddExpertForm,
    AssignByHandForm,
    AssignForm,
    CancelForm,
    ContestForm,
    CriterionFormSet,
    DeclarationForm,
    PilotFromPrizeForm,
    ScoreForm,
    SolutionForm,
)
from innocluster.contests.models import SolutionFile
from innocluster.core.errors import InvalidInput, PlatformError, raise_for_page
from innocluster.core.files import serve_private_file
from innocluster.core.forms import add_service_error, add_service_errors
from innocluster.membership.models import Participation
from innocluster.organizations import selectors as organizations
from innocluster.organizations.models import Organization

ASSIGNMENT_KEY = "contest-assignment-{pk}"


def countdown(deadline: dt.datetime, now: dt.datetime | None = None) -> str:
    """What is left until the deadline, in words: "5 days 3 hours left", "40 minutes left";
    "" once it has passed."""
    now = now or timezone.now()
    left = deadline - now
    if left.total_seconds() <= 0:
        return ""
    days, seconds = left.days, left.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if not days and (minutes or not hours):
        minutes = max(minutes, 1)
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return _("%(time)s left") % {"time": " ".join(parts)}


def _runs(user) -> bool:
    return user.is_authenticated and user.has_perm("contests.run")


def _contest(request, pk):
    contest = selectors.contest_for(request.user, pk)
    if contest is None:
        raise Http404
    return contest


def _coordinator_only(request):
    """Coordinators run contests; other staff may not (403); anyone else does not see it (404)."""
    if not request.user.is_staff:
        raise Http404
    if not request.user.has_perm("contests.run"):
        raise DjangoPermissionDenied()


# --- the catalogue ------------------------------------------------------------------------------


def catalogue(request):
    now = timezone.now()
    contests = list(selectors.contests_for(request.user)[:500])
    groups = {"draft": [], "open": [], "scoring": [], "past": []}
    for contest in contests:
        status = services.effective_status(contest, now)
        contest.shown_status = status
        contest.shown_status_label = ContestStatus(status).label
        if status == ContestStatus.OPEN:
            contest.left = countdown(contest.deadline, now)
            groups["open"].append(contest)
        elif status == ContestStatus.SCORING:
            groups["scoring"].append(contest)
        elif status == ContestStatus.DRAFT:
            groups["draft"].append(contest)
        else:
            groups["past"].append(contest)
    groups["open"].sort(key=lambda c: (c.deadline, c.pk))  # the nearest deadline first
    winners = selectors.winners_of(groups["past"])
    for contest in groups["past"]:
        contest.winning = winners.get(contest.pk, [])
    return render(
        request,
        "contests/catalogue.html",
        {**groups, "runs": _runs(request.user), "empty": not contests},
    )


# --- the coordinator's form of a challenge ------------------------------------------------------


def _criteria_rows(formset) -> list[dict]:
    return [
        {
            "code": (row.cleaned_data.get("code") or "").strip(),
            "name": row.cleaned_data.get("name") or "",
            "weight": (row.cleaned_data.get("weight") or "").strip().replace(",", "."),
        }
        for row in formset
        if row.has_changed()
    ]


def _criteria_error(form, formset, exc) -> None:
    """`criteria.N.field` of the service is the Nth filled row's field; the rest on the form."""
    add_service_errors(form, exc, rows=[row for row in formset if row.has_changed()], prefix="criteria")


def _contest_form(request, contest=None):
    data = request.POST if request.method == "POST" else None
    initial, criteria_initial = {}, None
    if contest is not None:
        initial = {
            "title": contest.title,
            "organiser": contest.organiser,
            "problem": contest.problem,
            "requirements": contest.requirements,
            "reward": contest.reward,
            "winners": contest.winners,
            "deadline": timezone.localtime(contest.deadline).replace(tzinfo=None),
            "blind": contest.blind,
            "experts_per_solution": contest.experts_per_solution,
        }
        criteria_initial = [
            {"code": c.code, "name": c.name, "weight": f"{c.weight.normalize():f}"}
            for c in contest.criteria.all()
        ]
    form = ContestForm(data, initial=initial)
    criteria = CriterionFormSet(data, prefix="criteria", initial=criteria_initial)
    status = 200
    if data is not None:
        if not form.is_valid() and criteria.is_valid():
            # the criteria's refusals beside the form's own, on the same answer
            try:
                services.check_criteria(_criteria_rows(criteria))
            except PlatformError as exc:
                _criteria_error(form, criteria, exc)
        elif form.is_valid() and criteria.is_valid():
            values = {**form.cleaned_data, "criteria": _criteria_rows(criteria)}
            try:
                if contest is None:
                    contest = services.create_contest(actor=request.user, **values)
                    messages.success(request, _("The contest is saved as a draft: preview it, then publish."))
                else:
                    contest = services.update_contest(actor=request.user, contest=contest, **values)
                    messages.success(request, _("The draft is saved."))
            except PlatformError as exc:
                raise_for_page(exc)
                _criteria_error(form, criteria, exc)
            else:
                return redirect("contests:contest", pk=contest.pk)
        status = 422
    return render(
        request,
        "contests/contest_form.html",
        {"form": form, "criteria": criteria, "contest": contest},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_contest(request):
    _coordinator_only(request)
    return _contest_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def edit_contest(request, pk: int):
    _coordinator_only(request)
    contest = _contest(request, pk)
    if contest.status != ContestStatus.DRAFT:
        messages.error(request, _("A published contest's rules do not change."))
        return redirect("contests:contest", pk=contest.pk)
    return _contest_form(request, contest)


# --- a contest's page ---------------------------------------------------------------------------


def _assignment_result(contest, result: dict) -> dict:
    """The automatic assignment's answer in words: each pair, each exclusion with its reason, the
    undeclared experts and what could not be filled."""
    solutions = {s.pk: s for s in contest.solutions.select_related("organization")}
    ids = {row["expert_id"] for row in result["assignments"] + result["exclusions"]}
    people = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids)}
    reasons = dict(ConflictReason.choices)
    return {
        "assignments": [
            {"solution": solutions.get(row["solution_id"]), "expert": people.get(row["expert_id"])}
            for row in result["assignments"]
        ],
        "exclusions": [
            {
                "solution": solutions.get(row["solution_id"]),
                "expert": people.get(row["expert_id"]),
                "reason": reasons.get(row["reason"], row["reason"]),
            }
            for row in result["exclusions"]
            if row["solution_id"] is not None
        ],
        "undeclared": [
            people.get(row["expert_id"]) for row in result["exclusions"] if row["solution_id"] is None
        ],
        "unfilled": [
            {"solution": solutions.get(row["solution_id"]), "missing": row["missing"]}
            for row in result["unfilled"]
        ],
    }


def _ranking_rows(contest, solutions) -> list[dict]:
    by_pk = {s.pk: s for s in solutions}
    return [
        {"entry": entry, "solution": by_pk.get(entry.solution_id)}
        for entry in services.ranking(contest)
        if entry.solution_id in by_pk
    ]


def _contest_context(request, contest, **forms) -> dict:
    user = request.user
    now = timezone.now()
    status = services.effective_status(contest, now)
    runs = _runs(user)
    context = {
        "contest": contest,
        "status": status,
        "status_label": ContestStatus(status).label,
        "criteria": list(contest.criteria.all()),
        "left": countdown(contest.deadline, now) if status == ContestStatus.OPEN else "",
        "runs": runs,
        "published_results": status == ContestStatus.RESULTS_PUBLISHED,
    }
    if status == ContestStatus.RESULTS_PUBLISHED:
        solutions = list(contest.solutions.select_related("organization"))
        context["ranking"] = _ranking_rows(contest, solutions)
    if user.is_authenticated:
        own = selectors.own_solution(user, contest)
        context["own_solution"] = own
        context["may_submit"] = status == ContestStatus.OPEN and (own is not None or _acting_for(user))
        member = services.pool_member(user, contest)
        context["member"] = member
    if runs:
        solutions = selectors.solutions_for(user, contest)
        pool = selectors.pool_of(contest)
        declared = [m.expert for m in pool if m.declared_at]
        assignments = selectors.assignments_of(contest)
        for solution in solutions:
            solution.assigned = assignments.get(solution.pk, [])
        context.update(
            {
                "solutions": solutions,
                "pool": pool,
                "ranking": _ranking_rows(contest, solutions),
                "may_assign": status in (ContestStatus.OPEN, ContestStatus.SCORING),
                "may_publish_results": status == ContestStatus.SCORING,
                # published as they are, these would rank last with no score: said before publishing
                "unscored": list(contest.solutions.filter(sheets__isnull=True).order_by("submitted_at", "pk"))
                if status == ContestStatus.SCORING
                else [],
                "may_cancel": status in (ContestStatus.DRAFT, ContestStatus.OPEN, ContestStatus.SCORING),
                "add_expert_form": forms.get("add_expert_form")
                or AddExpertForm(candidates=selectors.expert_candidates(contest)),
                "assign_form": forms.get("assign_form")
                or AssignForm(initial={"experts_per_solution": contest.experts_per_solution}),
                "by_hand_form": forms.get("by_hand_form")
                or AssignByHandForm(solutions=solutions, experts=declared),
                "cancel_form": forms.get("cancel_form") or CancelForm(),
            }
        )
        result = request.session.pop(ASSIGNMENT_KEY.format(pk=contest.pk), None)
        if result:
            context["assignment"] = _assignment_result(contest, result)
    return context


def contest_page(request, pk: int):
    contest = _contest(request, pk)
    return render(request, "contests/contest.html", _contest_context(request, contest))


def _coordinator_act(request, pk, action, success, form_class=None, form_key="", form_kwargs=None):
    """A coordinator's POST from the contest's page: a refusal shows on its form (422) or as a
    message; success goes back to the page."""
    contest = _contest(request, pk)
    if not _runs(request.user):
        raise Http404 if not request.user.is_staff else DjangoPermissionDenied()
    form = form_class(request.POST, **(form_kwargs(contest) if form_kwargs else {})) if form_class else None
    if form is None or form.is_valid():
        try:
            action(contest, form.cleaned_data if form else {})
        except PlatformError as exc:
            raise_for_page(exc)
            if form is None:
                messages.error(request, str(exc.message))
                return redirect("contests:contest", pk=contest.pk)
            add_service_error(form, exc)
        else:
            text = success()
            if text:
                messages.success(request, text)
            return redirect("contests:contest", pk=contest.pk)
    contest = _contest(request, pk)
    return render(
        request,
        "contests/contest.html",
        _contest_context(request, contest, **{form_key: form}),
        status=422,
    )


@login_required
@require_POST
def publish(request, pk: int):
    return _coordinator_act(
        request,
        pk,
        lambda contest, _data: services.publish(actor=request.user, contest=contest),
        lambda: _("The contest is open: participants can submit solutions until the deadline."),
    )


@login_required
@require_POST
def cancel(request, pk: int):
    return _coordinator_act(
        request,
        pk,
        lambda contest, data: services.cancel(actor=request.user, contest=contest, comment=data["comment"]),
        lambda: _("The contest is cancelled; the participants are told."),
        CancelForm,
        "cancel_form",
    )


@login_required
@require_POST
def add_expert(request, pk: int):
    def add(contest, data):
        expert = selectors.expert_candidates(contest).filter(pk=data["expert"]).first()
        services.add_expert(actor=request.user, contest=contest, expert=expert)

    return _coordinator_act(
        request,
        pk,
        add,
        lambda: _("The expert is added to the pool and asked to declare their conflicts."),
        AddExpertForm,
        "add_expert_form",
        form_kwargs=lambda contest: {"candidates": selectors.expert_candidates(contest)},
    )


@login_required
@require_POST
def assign(request, pk: int):
    done = {}

    def run(contest, data):
        result = services.auto_assign(
            actor=request.user, contest=contest, experts_per_solution=data["experts_per_solution"]
        )
        request.session[ASSIGNMENT_KEY.format(pk=contest.pk)] = done["result"] = result

    def said():
        short = len(done["result"]["unfilled"])
        if not short:
            return _("Experts assigned: every solution has its experts. The result is below.")
        return ngettext(
            "Experts assigned, but %(n)d solution lacks experts: the result is below.",
            "Experts assigned, but %(n)d solutions lack experts: the result is below.",
            short,
        ) % {"n": short}

    return _coordinator_act(request, pk, run, said, AssignForm, "assign_form")


@login_required
@require_POST
def assign_by_hand(request, pk: int):
    def run(contest, data):
        solution = contest.solutions.filter(pk=data["solution"]).first()
        member = contest.pool.filter(expert_id=data["expert"]).select_related("expert").first()
        if solution is None or member is None:
            raise InvalidInput(_("Choose a solution and an expert of the pool."), field="expert")
        services.assign_by_hand(actor=request.user, solution=solution, expert=member.expert)

    def kwargs(contest):
        return {
            "solutions": list(contest.solutions.all()),
            "experts": [m.expert for m in contest.pool.select_related("expert") if m.declared_at],
        }

    return _coordinator_act(
        request,
        pk,
        run,
        lambda: _("The expert is assigned."),
        AssignByHandForm,
        "by_hand_form",
        form_kwargs=kwargs,
    )


@login_required
@require_POST
def publish_results(request, pk: int):
    def publish(contest, _data):
        unscored = contest.solutions.filter(sheets__isnull=True).count()
        if unscored and request.POST.get("confirm_unscored") != "on":
            raise InvalidInput(
                ngettext(
                    "%(n)d solution has no score: it would rank last. Assign an expert, or confirm "
                    "that the results are published without its score.",
                    "%(n)d solutions have no score: they would rank last. Assign experts, or confirm "
                    "that the results are published without their scores.",
                    unscored,
                )
                % {"n": unscored},
                field="confirm_unscored",
            )
        services.publish_results(actor=request.user, contest=contest)

    return _coordinator_act(
        request,
        pk,
        publish,
        lambda: _("The results are published: the participants and the winners are told."),
    )


# --- the participant's solution -----------------------------------------------------------------


def _acting_for(user) -> list[Organization]:
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
def solution_form(request, pk: int):
    contest = _contest(request, pk)
    if contest.status == ContestStatus.DRAFT:
        raise Http404
    solution = selectors.own_solution(request.user, contest)
    choices = _acting_for(request.user)
    status = services.effective_status(contest)
    is_open = status == ContestStatus.OPEN
    data = request.POST if request.method == "POST" else None
    initial = {"title": solution.title, "description": solution.description} if solution else {}
    form = SolutionForm(data, organizations=choices, fixed=solution is not None, initial=initial)
    code = 200
    if data is not None:
        if not is_open:
            form.is_valid()
            form.add_error(None, _("The deadline has passed: solutions are no longer accepted or changed."))
        elif form.is_valid():
            try:
                if solution is None:
                    organization = next(o for o in choices if o.pk == form.cleaned_data["organization"])
                    solution = services.submit_solution(
                        actor=request.user,
                        contest=contest,
                        organization=organization,
                        title=form.cleaned_data["title"],
                        description=form.cleaned_data["description"],
                    )
                    messages.success(
                        request,
                        _("Solution submitted. You can change it and add files until the deadline."),
                    )
                else:
                    services.update_solution(
                        actor=request.user,
                        solution=solution,
                        title=form.cleaned_data["title"],
                        description=form.cleaned_data["description"],
                    )
                    messages.success(request, _("The solution is saved."))
            except PlatformError as exc:
                raise_for_page(exc)
                add_service_error(form, exc)
            else:
                return redirect("contests:solution", pk=contest.pk)
        code = 422
    return render(
        request,
        "contests/solution_form.html",
        {
            "contest": contest,
            "contest_url": f"/contests/{contest.pk}/",
            "solution": solution,
            "form": form,
            "choices": choices,
            "is_open": is_open,
            "left": countdown(contest.deadline) if is_open else "",
        },
        status=code,
    )


def _editable_solution(request, pk):
    """The solution when this person may change it; 404 when they may not see it, 403 when they
    only see it (a member, its expert, a coordinator)."""
    solution = selectors.solution_for(request.user, pk)
    if solution is None:
        raise Http404
    if not request.user.has_perm("contests.edit_solution", solution):
        raise DjangoPermissionDenied()
    return solution


@login_required
@require_POST
def upload(request, pk: int):
    solution = _editable_solution(request, pk)
    try:
        if "file" not in request.FILES:
            raise InvalidInput(_("Choose a file."), field="file")
        services.add_file(actor=request.user, solution=solution, upload=request.FILES["file"])
    except PlatformError as exc:
        raise_for_page(exc)
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The file is added."))
    return redirect("contests:solution", pk=solution.contest_id)


@login_required
@require_POST
def remove_file(request, pk: int, file_id: int):
    solution = _editable_solution(request, pk)
    kept = SolutionFile.objects.filter(pk=file_id, solution=solution).first()
    if kept is None:
        raise Http404
    try:
        services.remove_file(actor=request.user, kept=kept)
    except PlatformError as exc:
        raise_for_page(exc)
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The file is removed."))
    return redirect("contests:solution", pk=solution.contest_id)


@login_required
def download(request, pk: int, file_id: int):
    solution = selectors.solution_for(request.user, pk)
    kept = SolutionFile.objects.filter(pk=file_id, solution=solution).first() if solution else None
    if kept is None:
        raise Http404
    return serve_private_file(kept.file, filename=kept.original_name, content_type=kept.content_type)


# --- a solution's page ----------------------------------------------------------------------------


def _solution_context(request, solution, score_form=None) -> dict:
    user = request.user
    contest = solution.contest
    status = services.effective_status(contest)
    owner_view = selectors.sees_as_owner(user, solution)
    runs = _runs(user)
    is_expert = not owner_view and services.expert_solution(user, solution)
    criteria = list(contest.criteria.all())
    sheets = selectors.sheets_of(solution)
    entry = next((e for e in services.ranking(contest) if e.solution_id == solution.pk), None)
    published = status == ContestStatus.RESULTS_PUBLISHED
    context = {
        "solution": solution,
        "contest": contest,
        "status": status,
        "status_label": ContestStatus(status).label,
        "criteria": criteria,
        "files": list(solution.files.all()),
        "published": published,
        "runs": runs,
        "owner_view": owner_view,
        "is_expert": is_expert,
        "show_organisation": owner_view or not contest.blind,
    }
    if runs:
        context.update({"sheets": sheets, "entry": entry})
    elif owner_view:
        if published:
            context.update(
                {
                    "entry": entry,
                    "criterion_means": [
                        {"criterion": c, "mean": entry.criteria.get(c.code) if entry else None}
                        for c in criteria
                    ],
                    "anonymous_sheets": sheets,  # shown without names
                }
            )
        context["may_edit"] = status == ContestStatus.OPEN and user.has_perm(
            "contests.edit_solution", solution
        )
        if published and solution.is_winner and user.has_perm("contests.edit_solution", solution):
            from innocluster.pilots import selectors as pilots

            context["pilot_form"] = PilotFromPrizeForm(sites=pilots.sites())
    elif is_expert:
        mine = next((s for s in sheets if s.expert_id == user.pk), None)
        initial = {}
        if mine is not None:
            initial = {f"points_{s.criterion.code}": s.points for s in mine.scores.all()}
            initial["comment"] = mine.comment
        context.update(
            {
                "my_sheet": mine,
                "may_score": status in (ContestStatus.OPEN, ContestStatus.SCORING),
                "score_form": score_form or ScoreForm(criteria=criteria, initial=initial),
                # blind review: others' scores and every aggregate only once this expert has scored
                "others": [s for s in sheets if s.expert_id != user.pk]
                if (mine is not None or not contest.blind)
                else None,
                "entry": entry if (mine is not None or not contest.blind) else None,
            }
        )
    return context


@login_required
def solution_page(request, pk: int):
    solution = selectors.solution_for(request.user, pk)
    if solution is None:
        raise Http404
    return render(request, "contests/solution.html", _solution_context(request, solution))


def _scores_error_on_fields(form, exc) -> None:
    """`scores.<code>` of the service is the form's field of that criterion."""
    field = str(exc.details.get("field", ""))
    if field.startswith("scores.") and f"points_{field[7:]}" in form.fields:
        form.add_error(f"points_{field[7:]}", str(exc.message))
        return
    add_service_error(form, exc)


@login_required
@require_POST
def score(request, pk: int):
    solution = selectors.solution_for(request.user, pk)
    if solution is None or not services.expert_solution(request.user, solution):
        raise Http404
    form = ScoreForm(request.POST, criteria=list(solution.contest.criteria.all()))
    if form.is_valid():
        try:
            services.score(
                actor=request.user,
                solution=solution,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except PlatformError as exc:
            raise_for_page(exc)
            _scores_error_on_fields(form, exc)
        else:
            messages.success(
                request, _("Your scores are saved. You can change them until the results are published.")
            )
            return redirect("contests:solution_page", pk=solution.pk)
    return render(
        request,
        "contests/solution.html",
        _solution_context(request, solution, score_form=form),
        status=422,
    )


@login_required
@require_POST
def pilot_from_prize(request, pk: int):
    """A winner's prize pilot becomes a pilot request (C6): to the site's request form, filled in."""
    from innocluster.pilots import selectors as pilots

    solution = selectors.solution_for(request.user, pk)
    if solution is None or not selectors.sees_as_owner(request.user, solution):
        raise Http404
    if not (solution.is_winner and request.user.has_perm("contests.edit_solution", solution)):
        raise DjangoPermissionDenied()
    form = PilotFromPrizeForm(request.POST, sites=pilots.sites())
    if not form.is_valid():
        messages.error(request, _("Choose a test site."))
        return redirect("contests:solution_page", pk=solution.pk)
    goals = _("The prize of the contest “%(contest)s”: a pilot of “%(title)s”.") % {
        "contest": solution.contest.title,
        "title": solution.title,
    }
    query = urlencode({"product": solution.title[:300], "goals": goals[:5000]})
    return redirect(f"/pilots/sites/{form.cleaned_data['site']}/request/?{query}")


# --- the expert's declaration and queue ---------------------------------------------------------


def _organizations_named(lines: list[str]) -> tuple[list[int], list[str]]:
    """Each line an INN (10 or 12 digits) or a number on the platform → organisation ids, and the
    lines that name none."""
    found, unknown = [], []
    for line in lines:
        value = line.strip()
        organization = organizations.organization_by_inn_or_number(value)
        if organization is None:
            unknown.append(value)
        elif organization.pk not in found:
            found.append(organization.pk)
    return found, unknown


def _pool_member_or_404(request, pk):
    contest = _contest(request, pk)
    member = services.pool_member(request.user, contest)
    if member is None:
        raise Http404
    return contest, member


@login_required
@require_http_methods(["GET", "POST"])
def declaration(request, pk: int):
    contest, member = _pool_member_or_404(request, pk)
    form = DeclarationForm(request.POST or None)
    code = 200
    if request.method == "POST":
        if form.is_valid():
            ids, unknown = _organizations_named(form.cleaned_data["lines"])
            if unknown:
                form.add_error(
                    "conflicts",
                    _("No organisation on the platform has the INN or number %(values)s.")
                    % {"values": ", ".join(unknown[:10])},
                )
            else:
                try:
                    services.declare(actor=request.user, contest=contest, conflicts=ids)
                except PlatformError as exc:
                    raise_for_page(exc)
                    add_service_error(form, exc)
                else:
                    messages.success(request, _("Your declaration is recorded."))
                    return redirect("contests:review", pk=contest.pk)
        code = 422
    return render(
        request,
        "contests/declaration.html",
        {
            "contest": contest,
            "contest_url": f"/contests/{contest.pk}/",
            "member": member,
            "declared": list(member.declared_conflicts.all()),
            "form": form,
        },
        status=code,
    )


@login_required
def review(request, pk: int):
    contest, member = _pool_member_or_404(request, pk)
    if not member.declared_at:
        messages.info(request, _("Declare your conflicts of interest first."))
        return redirect("contests:declaration", pk=contest.pk)
    queue = selectors.expert_queue(request.user, contest)
    return render(
        request,
        "contests/review.html",
        {
            "contest": contest,
            "contest_url": f"/contests/{contest.pk}/",
            "queue": queue,
            "to_score": sum(1 for row in queue if not row["scored"]),
            "status": services.effective_status(contest),
        },
    )
