"""Reads of technology contests, scoped to who asks: the public sees published contests; a
solution is its organisation's, the coordinators', and its assigned, declared, unconflicted
experts' — in blind review without the organisation."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from innocluster.contests import scoring, services
from innocluster.contests.enums import ContestStatus
from innocluster.contests.models import Assignment, Contest, Criterion, Solution


def _id(pk) -> int | None:
    try:
        value = int(pk)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if 0 < value < 2**63 else None


def contests_for(user) -> QuerySet[Contest]:
    """Published contests (and drafts for coordinators), the latest deadline first."""
    qs = Contest.objects.prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"))
    )
    if user is None or not user.is_authenticated or not user.has_perm("contests.run"):
        qs = qs.exclude(status=ContestStatus.DRAFT)
    return qs.order_by("-deadline", "-pk")


def contest_for(user, pk) -> Contest | None:
    pk = _id(pk)
    return contests_for(user).filter(pk=pk).first() if pk else None


def solution_by_pk(pk) -> Solution | None:
    pk = _id(pk)
    if pk is None:
        return None
    return Solution.objects.select_related("contest", "organization").filter(pk=pk).first()


def sees_as_owner(user, solution) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("contests.see_own_solution", solution))


def solution_for(user, pk) -> Solution | None:
    """The solution when `user` may see it (its organisation's people, coordinators, its expert);
    None otherwise — a conflicted or unassigned expert too (a 404)."""
    solution = solution_by_pk(pk)
    if solution is None or user is None or not user.is_authenticated:
        return None
    if sees_as_owner(user, solution) or services.expert_solution(user, solution):
        return solution
    return None


def solutions_for(user, contest: Contest) -> list[Solution]:
    """The coordinator: all; an expert of the pool: after the declaration, the assigned and
    unconflicted ones (403 `declaration_required` before); anyone else: their organisations' own."""
    solutions = (
        contest.solutions.select_related("organization")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    )
    if user.has_perm("contests.run"):
        return list(solutions)
    if services.pool_member(user, contest) is not None:
        services.require_declaration(user, contest)
        assigned = list(solutions.filter(assignments__expert=user))
        conflicts = services.conflicts_of(contest, assigned, [user.pk])
        return [s for s in assigned if (user.pk, s.pk) not in conflicts]
    org_ids = user.organization_roles.values("organization_id")
    return list(solutions.filter(organization_id__in=org_ids))


def blind_for(user, solution) -> bool:
    """An expert in blind review sees neither the organisation nor others' scores."""
    return solution.contest.blind and not sees_as_owner(user, solution)


def own_results(solution: Solution, entries=None) -> dict | None:
    """What a participant reads of its own solution once the results are published (SPEC C7:
    "every participant sees its own scores per criterion"): rank, score, whether it won, the mean
    of each criterion and every expert's sheet without the expert's name. None before."""
    if solution.contest.status != ContestStatus.RESULTS_PUBLISHED:
        return None
    entries = entries if entries is not None else services.ranking(solution.contest)
    entry = next((e for e in entries if e.solution_id == solution.pk), None)

    def two(value):
        shown = scoring.shown(value)
        return None if shown is None else f"{shown:.2f}"

    return {
        "rank": solution.rank,
        "winner": solution.is_winner,
        "score": two(entry.score) if entry else None,
        "criteria": {code: two(mean) for code, mean in (entry.criteria if entry else {}).items()},
        "sheets": [
            {"scores": {s.criterion.code: s.points for s in sheet.scores.all()}, "comment": sheet.comment}
            for sheet in sheets_of(solution)
        ],
    }


def solution_out(solution: Solution, user, entries=None) -> dict:
    """The API's form of a solution; `entries` (the ranking, once published) is computed once for
    a list. Its own results go to the submitting organisation's people; a coordinator reads the
    ranking."""
    own = sees_as_owner(user, solution) and not user.has_perm("contests.run")
    return {
        "id": solution.pk,
        "contest_id": solution.contest_id,
        "title": solution.title,
        "description": solution.description,
        "submitted_at": solution.submitted_at.isoformat(),
        "organization_id": None if blind_for(user, solution) else solution.organization_id,
        "files": [
            {
                "id": f.pk,
                "name": f.original_name,
                "size": f.size,
                "url": f"/contests/solutions/{solution.pk}/files/{f.pk}/",
            }
            for f in solution.files.all()
        ],
        "results": own_results(solution, entries) if own else None,
    }


def may_see_ranking(user, contest: Contest) -> bool:
    if contest.status == ContestStatus.RESULTS_PUBLISHED:
        return True
    return bool(user and user.is_authenticated and user.has_perm("contests.run"))


def expert_queue(user, contest: Contest) -> list[dict]:
    """An expert's assigned solutions with whether they have scored each."""
    solutions = solutions_for(user, contest)
    scored = set(
        Assignment.objects.filter(
            expert=user, solution__in=solutions, solution__sheets__expert=user
        ).values_list("solution_id", flat=True)
    )
    return [{"solution": s, "scored": s.pk in scored} for s in solutions]


# --- the pages' reads (views.py) -----------------------------------------------------------------


def winners_of(contests) -> dict[int, list[Solution]]:
    """contest id → its winning solutions, best first (published results only)."""
    found: dict[int, list[Solution]] = {}
    for solution in (
        Solution.objects.filter(
            contest__in=contests, contest__status=ContestStatus.RESULTS_PUBLISHED, is_winner=True
        )
        .select_related("organization")
        .order_by("rank", "pk")
    ):
        found.setdefault(solution.contest_id, []).append(solution)
    return found


def pool_of(contest: Contest) -> list:
    """The contest's experts with their declarations and how many solutions each has."""
    from django.db.models import Count, Q

    from innocluster.contests.models import PoolExpert

    return list(
        PoolExpert.objects.filter(contest=contest)
        .select_related("expert")
        .prefetch_related("declared_conflicts")
        .annotate(
            assigned=Count(
                "expert__contest_assignments",
                filter=Q(expert__contest_assignments__solution__contest=contest),
                distinct=True,
            )
        )
        .order_by("expert__full_name", "pk")
    )


def expert_candidates(contest: Contest):
    """Active staff with the role `expert` who are not in the contest's pool yet."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name="expert")
        .exclude(contest_pools__contest=contest)
        .distinct()
        .order_by("full_name", "pk")
    )


def assignments_of(contest: Contest) -> dict[int, list]:
    """solution id → its assignments (with the expert), for the coordinator."""
    found: dict[int, list] = {}
    for assignment in (
        Assignment.objects.filter(solution__contest=contest)
        .select_related("expert")
        .order_by("solution_id", "expert__full_name")
    ):
        found.setdefault(assignment.solution_id, []).append(assignment)
    return found


def sheets_of(solution: Solution) -> list:
    """The solution's score sheets with their points in the criteria's order."""
    from innocluster.contests.models import Score, ScoreSheet

    return list(
        ScoreSheet.objects.filter(solution=solution)
        .select_related("expert")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=Score.objects.select_related("criterion").order_by("criterion__position", "pk"),
            )
        )
        .order_by("created_at", "pk")
    )


def own_solution(user, contest: Contest) -> Solution | None:
    """The solution of an organisation this person acts for (owner or manager), if any."""
    if user is None or not user.is_authenticated:
        return None
    return (
        contest.solutions.filter(
            organization__people__person=user, organization__people__role__in=("owner", "manager")
        )
        .select_related("organization")
        .prefetch_related("files")
        .first()
    )


def solutions_of_person(user) -> QuerySet[Solution]:
    """The solutions of every organisation this person belongs to, the latest first (the cabinet)."""
    return (
        Solution.objects.filter(organization__people__person=user)
        .exclude(contest__status=ContestStatus.DRAFT)
        .select_related("contest", "organization")
        .distinct()
        .order_by("-submitted_at", "-pk")
    )


def pools_of_expert(user) -> list[dict]:
    """The contests whose pool this expert is in, with what to do: declare, or N to score (none
    while they may not act as an expert: before the second factor, or without the role)."""
    from innocluster.contests.models import PoolExpert

    if not services.acts_as_expert(user):
        return []
    rows = []
    for member in (
        PoolExpert.objects.filter(expert=user)
        .exclude(contest__status__in=(ContestStatus.DRAFT, ContestStatus.CANCELLED))
        .select_related("contest")
        .order_by("-contest__deadline", "-pk")
    ):
        to_score = 0
        if member.declared_at and member.contest.status != ContestStatus.RESULTS_PUBLISHED:
            to_score = sum(1 for row in expert_queue(user, member.contest) if not row["scored"])
        rows.append({"contest": member.contest, "declared": bool(member.declared_at), "to_score": to_score})
    return rows


def published_contests_summary(*, year: int | None = None) -> list[dict]:
    """[{id, title, organiser, status, deadline, solutions_count, winners_count}] for the
    contests that were published (drafts, also a draft cancelled before publishing, are left
    out), with a deadline in `year` (in the platform's time zone) when given, the latest deadline
    first: `status` as the public sees it (an open contest past its deadline is being scored),
    `solutions_count` submitted, `winners_count` only once the results are published (0 before).
    One query."""
    contests = Contest.objects.filter(published_at__isnull=False).exclude(status=ContestStatus.DRAFT)
    if year:
        contests = contests.filter(deadline__year=year)
    rows = list(
        contests.annotate(
            solutions_count=Count("solutions"),
            winners_count=Count(
                "solutions",
                filter=Q(status=ContestStatus.RESULTS_PUBLISHED, solutions__is_winner=True),
            ),
        )
        .order_by("-deadline", "-pk")
        .values("id", "title", "organiser", "status", "deadline", "solutions_count", "winners_count")
    )
    now = timezone.now()
    for row in rows:
        # an open contest past its deadline is being scored, whether or not the task has marked it
        row["status"] = services.effective_status(
            Contest(status=row["status"], deadline=row["deadline"]), now
        )
    return rows
