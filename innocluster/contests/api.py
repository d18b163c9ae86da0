"""The technology contests' API (SPEC C7): challenges, solutions, the experts' pool and
declarations, the assignment, scores, results and the ranking."""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy
from ninja import Router
from pydantic import Field

from innocluster.contests import selectors, services
from innocluster.contests.enums import ContestStatus
from innocluster.core.api_auth import anyone, holding, signed_in
from innocluster.core.api_schemas import Id, Schema, answers
from innocluster.core.errors import NotFound
from innocluster.organizations import selectors as organizations

contests_router = Router(tags=["contests"])
# the coordinators' routes with a body: anyone else is refused before the body is read
RUNS_CONTESTS = holding(
    lambda user: user.has_perm("contests.run"), gettext_lazy("Only coordinators run contests.")
)
solutions_router = Router(tags=["contests"])


class CriterionIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    weight: Any = Field(description="a positive decimal, at most 4 places (a number or a string)")


class ContestIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    organiser: str = Field(min_length=1, max_length=300)
    problem: str = Field(min_length=1, max_length=20000)
    requirements: str = Field(max_length=20000, description="required, as in the contract; may be empty")
    criteria: list[CriterionIn] = Field(min_length=1, max_length=services.MAX_CRITERIA)
    deadline: str = Field(
        min_length=10, max_length=40, description="ISO date-time; without an offset it is Moscow time"
    )
    winners: int = Field(ge=1, le=services.MAX_WINNERS)
    reward: str = Field(max_length=5000, description="required, as in the contract; may be empty")
    blind: bool = True
    experts_per_solution: int = Field(3, ge=1, le=services.MAX_EXPERTS_PER_SOLUTION)


class ContestCreatedOut(Schema):
    id: int
    status: str


class CriterionOut(Schema):
    code: str
    name: str
    weight: str


class ContestOut(Schema):
    id: int
    title: str
    organiser: str
    problem: str
    requirements: str
    reward: str
    winners: int
    deadline: str
    status: str
    blind: bool
    criteria: list[CriterionOut]


class SolutionIn(Schema):
    organization_id: Id
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(min_length=1, max_length=20000)


class SolutionCreatedOut(Schema):
    id: int
    status: str
    submitted_at: str


class OwnSheet(Schema):
    scores: dict[str, int]
    comment: str


class OwnResults(Schema):
    rank: int | None
    winner: bool
    score: str | None
    criteria: dict[str, str | None] = Field(description="criterion code → the mean over the experts")
    sheets: list[OwnSheet] = Field(description="each expert's scores, without the expert's name")


class SolutionOut(Schema):
    id: int
    contest_id: int
    title: str
    description: str
    submitted_at: str
    organization_id: int | None = Field(None, description="absent for an expert in blind review")
    files: list[dict]
    results: OwnResults | None = Field(
        None, description="the participant's own solution once the results are published; null otherwise"
    )


class ExpertIn(Schema):
    user_id: Id


class PoolOut(Schema):
    contest_id: int
    user_id: int
    declared: bool


class DeclarationIn(Schema):
    # required: a declaration says "no conflicts" with an empty list, never by leaving it out
    conflicts: list[Any] = Field(max_length=10000, description="organisation ids; [] for none")


class AssignIn(Schema):
    experts_per_solution: int | None = Field(
        None, ge=1, le=services.MAX_EXPERTS_PER_SOLUTION, description="the contest's own k when left out"
    )


class Pair(Schema):
    solution_id: int
    expert_id: int


class Unfilled(Schema):
    solution_id: int
    missing: int


class Exclusion(Schema):
    solution_id: int | None
    expert_id: int
    reason: str


class AssignOut(Schema):
    assignments: list[Pair]
    unfilled: list[Unfilled]
    exclusions: list[Exclusion]


class ScoresIn(Schema):
    scores: dict[str, Any] = Field(description="criterion code → whole points 0-10")
    comment: str = Field("", max_length=5000)


class ScoresOut(Schema):
    solution_id: int
    scores: dict[str, int]
    comment: str


class RankOut(Schema):
    solution_id: int
    organization_id: int
    score: str | None
    rank: int
    experts: int
    spread: str | None
    median: str | None
    disagree: bool
    winner: bool = Field(
        description="among the winners: as published, or (the coordinator, before) as it would be now"
    )


def text(value) -> str | None:
    return None if value is None else str(value)


def _contest_out(contest) -> dict:
    return {
        "id": contest.pk,
        "title": contest.title,
        "organiser": contest.organiser,
        "problem": contest.problem,
        "requirements": contest.requirements,
        "reward": contest.reward,
        "winners": contest.winners,
        "deadline": contest.deadline.isoformat(),
        "status": services.effective_status(contest),
        "blind": contest.blind,
        "criteria": [
            {"code": c.code, "name": c.name, "weight": f"{c.weight.normalize():f}"}
            for c in contest.criteria.all()
        ],
    }


def _contest(user, pk):
    contest = selectors.contest_for(user, pk)
    if contest is None:
        raise NotFound()
    return contest


@contests_router.post(
    "",
    response=answers({201: ContestCreatedOut}, 401, 403),
    auth=RUNS_CONTESTS,
)
def create(request, payload: ContestIn):
    """A coordinator's challenge, in draft."""
    contest = services.create_contest(
        actor=request.auth,
        title=payload.title,
        organiser=payload.organiser,
        problem=payload.problem,
        requirements=payload.requirements,
        criteria=[c.dict() for c in payload.criteria],
        deadline=payload.deadline,
        winners=payload.winners,
        reward=payload.reward,
        blind=payload.blind,
        experts_per_solution=payload.experts_per_solution,
    )
    return 201, {"id": contest.pk, "status": contest.status}


@contests_router.get("", response=answers({200: list[ContestOut]}, 401), auth=anyone)
def catalogue(request):
    """Published contests, the latest deadline first (drafts too for coordinators)."""
    return [_contest_out(c) for c in selectors.contests_for(request.auth)[:500]]


@contests_router.get("/{contest_id}", response=answers({200: ContestOut}, 401, 404), auth=anyone)
def read(request, contest_id: Id):
    return _contest_out(_contest(request.auth, contest_id))


@contests_router.post(
    "/{contest_id}/publish", response=answers({200: ContestCreatedOut}, 401, 403, 404, 409), auth=signed_in
)
def publish(request, contest_id: Id):
    contest = services.publish(actor=request.auth, contest=_contest(request.auth, contest_id))
    return {"id": contest.pk, "status": contest.status}


@contests_router.post(
    "/{contest_id}/solutions", response=answers({201: SolutionCreatedOut}, 401, 404, 409), auth=signed_in
)
def submit(request, contest_id: Id, payload: SolutionIn):
    """A participant's owner or manager: the organisation's one solution, before the deadline."""
    contest = _contest(request.auth, contest_id)
    organization = organizations.get_organization_for(
        user=request.auth, pk=payload.organization_id, perm="organizations.act_for"
    )
    if organization is None:
        raise NotFound()
    solution = services.submit_solution(
        actor=request.auth,
        contest=contest,
        organization=organization,
        title=payload.title,
        description=payload.description,
    )
    return 201, {"id": solution.pk, "status": "submitted", "submitted_at": solution.submitted_at.isoformat()}


@contests_router.get(
    "/{contest_id}/solutions", response=answers({200: list[SolutionOut]}, 401, 403, 404), auth=signed_in
)
def solutions(request, contest_id: Id):
    """An expert: the solutions assigned to them (after their declaration); the coordinator: all."""
    contest = _contest(request.auth, contest_id)
    # a participant's own results need the ranking; a coordinator's list does not carry them
    published = contest.status == ContestStatus.RESULTS_PUBLISHED
    entries = services.ranking(contest) if published and not request.auth.has_perm("contests.run") else None
    return [
        selectors.solution_out(solution, request.auth, entries)
        for solution in selectors.solutions_for(request.auth, contest)
    ]


@contests_router.post(
    "/{contest_id}/experts", response=answers({201: PoolOut}, 401, 403, 404, 409), auth=RUNS_CONTESTS
)
def add_expert(request, contest_id: Id, payload: ExpertIn):
    contest = _contest(request.auth, contest_id)
    expert = get_user_model().objects.filter(pk=payload.user_id).first()
    member = services.add_expert(actor=request.auth, contest=contest, expert=expert)
    return 201, {
        "contest_id": contest.pk,
        "user_id": member.expert_id,
        "declared": member.declared_at is not None,
    }


@contests_router.post("/{contest_id}/declaration", response=answers({200: PoolOut}, 401, 404), auth=signed_in)
def declaration(request, contest_id: Id, payload: DeclarationIn):
    """An expert of the pool names the organisations they are tied to (an empty list too)."""
    contest = _contest(request.auth, contest_id)
    member = services.declare(actor=request.auth, contest=contest, conflicts=payload.conflicts)
    return {"contest_id": contest.pk, "user_id": member.expert_id, "declared": True}


@contests_router.post(
    "/{contest_id}/assign", response=answers({200: AssignOut}, 401, 403, 404, 409), auth=RUNS_CONTESTS
)
def assign(request, contest_id: Id, payload: AssignIn):
    contest = _contest(request.auth, contest_id)
    return services.auto_assign(
        actor=request.auth, contest=contest, experts_per_solution=payload.experts_per_solution
    )


@contests_router.post(
    "/{contest_id}/publish-results",
    response=answers({200: ContestCreatedOut}, 401, 403, 404, 409),
    auth=signed_in,
)
def publish_results(request, contest_id: Id):
    contest = services.publish_results(actor=request.auth, contest=_contest(request.auth, contest_id))
    return {"id": contest.pk, "status": contest.status}


@contests_router.get("/{contest_id}/ranking", response=answers({200: list[RankOut]}, 401, 404), auth=anyone)
def ranking(request, contest_id: Id):
    """The coordinator at any time; anyone once the results are published. Best first."""
    contest = _contest(request.auth, contest_id)
    if not selectors.may_see_ranking(request.auth, contest):
        raise NotFound()
    entries = services.ranking(contest)
    if contest.status == ContestStatus.RESULTS_PUBLISHED:
        winners = set(contest.solutions.filter(is_winner=True).values_list("pk", flat=True))
    else:
        winners = services.winners_of(contest, entries)
    return [
        {
            "solution_id": e.solution_id,
            "organization_id": e.organization_id,
            "score": text(e.score_shown),
            "rank": e.rank,
            "experts": e.experts,
            "spread": text(e.spread_shown),
            "median": text(e.median_shown),
            "disagree": e.disagree,
            "winner": e.solution_id in winners,
        }
        for e in entries
    ]


@solutions_router.post(
    "/{solution_id}/scores", response=answers({200: ScoresOut}, 401, 403, 404, 409), auth=signed_in
)
def scores(request, solution_id: Id, payload: ScoresIn):
    """An assigned expert without a conflict: every criterion 0-10 in whole points."""
    solution = selectors.solution_by_pk(solution_id)
    if solution is None:
        raise NotFound()
    sheet = services.score(
        actor=request.auth, solution=solution, scores=payload.scores, comment=payload.comment
    )
    return {
        "solution_id": solution.pk,
        "scores": {s.criterion.code: s.points for s in sheet.scores.select_related("criterion")},
        "comment": sheet.comment,
    }
