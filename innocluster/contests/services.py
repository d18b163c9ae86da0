"""Writes of technology contests (SPEC C7): the challenge and its one transition function, the
solutions (one per organisation, until the deadline in Moscow time), the experts' pool and their
declarations, the assignment (a min-cost flow with every conflict a hard exclusion), the scores and
the published results. Who acts is checked here; whoever may not see a thing gets NotFound."""

import datetime as dt
import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.accounts.enums import StaffRole
from innocluster.consortia.selectors import fellow_members
from innocluster.contests import assignment as solver
from innocluster.contests import scoring
from innocluster.contests.enums import (
    CONTEST_TRANSITIONS,
    COORDINATOR,
    MAX_POINTS,
    MIN_POINTS,
    AssignedBy,
    ConflictReason,
    ContestStatus,
)
from innocluster.contests.error_codes import ContestErrorCode
from innocluster.contests.models import (
    Assignment,
    Contest,
    Criterion,
    PoolExpert,
    Score,
    ScoreSheet,
    Solution,
    SolutionFile,
)
from innocluster.core import audit
from innocluster.core.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Refusals,
    TransitionNotAllowed,
)
from innocluster.core.input import NotANumber, OutOfBounds, parse_decimal
from innocluster.core.notifications import notify
from innocluster.core.text import clean_text
from innocluster.core.uploads import check_upload
from innocluster.membership.models import Participation
from innocluster.organizations.models import Organization, OrganizationPerson
from innocluster.organizations.selectors import people_in_roles

MAX_CRITERIA = 20
MAX_WINNERS = 1000
MAX_EXPERTS_PER_SOLUTION = 50
MAX_FILES = 10
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_WEIGHT = Decimal("99999.9999")

STATUS_AUDIT = {
    ContestStatus.OPEN: "contest.published",
    ContestStatus.SCORING: "contest.closed",
    ContestStatus.RESULTS_PUBLISHED: "contest.results_published",
    ContestStatus.CANCELLED: "contest.cancelled",
}


def contest_link(contest) -> str:
    return f"/contests/{contest.pk}/"


def solution_link(solution) -> str:
    return f"/contests/solutions/{solution.pk}/"


def _coordinator(actor) -> None:
    if actor is None or not actor.has_perm("contests.run"):
        raise PermissionDenied(_("Only coordinators run contests."))


# --- the challenge ----------------------------------------------------------------------------


def parse_deadline(value) -> dt.datetime:
    """An ISO date-time; without an offset it is Moscow time (the contest's own clock)."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise InvalidInput(
                _("Enter the date and time as YYYY-MM-DDTHH:MM (Moscow time) or with an offset."),
                field="deadline",
            ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _weight(value, *, field: str) -> Decimal:
    try:
        # positive with at most 4 places: at least 0.0001
        return parse_decimal(value, places=4, low=Decimal("0.0001"), high=MAX_WEIGHT)
    except NotANumber:
        raise InvalidInput(_("A weight is a positive number."), field=field) from None
    except OutOfBounds:
        raise InvalidInput(
            _("A weight is a positive number with at most 4 decimal places."), field=field
        ) from None


def _clean_criteria(criteria, refusals: Refusals) -> list[dict]:
    """The criteria with their weights, every refused cell of every row kept in `refusals`."""
    if not isinstance(criteria, list | tuple) or not criteria:
        with refusals.check():
            raise InvalidInput(_("Name at least one criterion with its weight."), field="criteria")
        return []
    if len(criteria) > MAX_CRITERIA:
        with refusals.check():
            raise InvalidInput(_("At most %(max)d items.") % {"max": MAX_CRITERIA}, field="criteria")
        return []
    cleaned, codes = [], set()
    for index, item in enumerate(criteria):
        if not isinstance(item, dict):
            with refusals.check():
                raise InvalidInput(
                    _("Each criterion has a code, a name and a weight."), field=f"criteria.{index}"
                )
            continue
        row = {"position": index}
        with refusals.check():
            code = clean_text(
                item.get("code"), field=f"criteria.{index}.code", max_length=40, required=True
            ).lower()
            if not CODE.match(code):
                raise InvalidInput(
                    _("A code is Latin letters, digits, '-' and '_' (e.g. tech)."),
                    field=f"criteria.{index}.code",
                )
            if code in codes:
                raise InvalidInput(_("Two criteria have the same code."), field=f"criteria.{index}.code")
            codes.add(code)
            row["code"] = code
        with refusals.check():
            row["name"] = clean_text(
                item.get("name"), field=f"criteria.{index}.name", max_length=200, required=True
            )
        with refusals.check():
            row["weight"] = _weight(item.get("weight"), field=f"criteria.{index}.weight")
        cleaned.append(row)
    return cleaned


def check_criteria(criteria) -> None:
    """Every refusal of the criteria at once (a page checks them beside its other fields)."""
    refusals = Refusals()
    _clean_criteria(criteria, refusals)
    refusals.raise_any()


def _whole(value, *, field: str, low: int, high: int) -> int:
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            _("A whole number from %(low)d to %(high)d.") % {"low": low, "high": high}, field=field
        )
    return value


def _contest_fields(
    *,
    title,
    organiser,
    problem,
    requirements,
    criteria,
    deadline,
    winners,
    reward,
    blind,
    experts_per_solution,
) -> tuple[dict, list[dict]]:
    refusals, fields = Refusals(), {}
    checks = {
        "title": lambda: clean_text(title, field="title", max_length=300, required=True),
        "organiser": lambda: clean_text(organiser, field="organiser", max_length=300, required=True),
        "problem": lambda: clean_text(problem, field="problem", max_length=20000, required=True),
        "requirements": lambda: clean_text(requirements, field="requirements", max_length=20000),
        "reward": lambda: clean_text(reward, field="reward", max_length=5000),
        "winners": lambda: _whole(winners, field="winners", low=1, high=MAX_WINNERS),
        "deadline": lambda: parse_deadline(deadline),
        "blind": lambda: bool(blind),
        "experts_per_solution": lambda: _whole(
            experts_per_solution, field="experts_per_solution", low=1, high=MAX_EXPERTS_PER_SOLUTION
        ),
    }
    for name, check in checks.items():  # every refused field at once
        with refusals.check():
            fields[name] = check()
    cleaned = _clean_criteria(criteria, refusals)
    refusals.raise_any()
    return fields, cleaned


@transaction.atomic
def create_contest(
    *,
    actor,
    title: str,
    organiser: str,
    problem: str,
    requirements: str = "",
    criteria,
    deadline,
    winners,
    reward: str = "",
    blind: bool = True,
    experts_per_solution=3,
) -> Contest:
    """A coordinator's challenge, in draft (previewed, then published). Side effects: audit
    `contest.created`."""
    _coordinator(actor)
    fields, cleaned = _contest_fields(
        title=title,
        organiser=organiser,
        problem=problem,
        requirements=requirements,
        criteria=criteria,
        deadline=deadline,
        winners=winners,
        reward=reward,
        blind=blind,
        experts_per_solution=experts_per_solution,
    )
    contest = Contest.objects.create(created_by=actor, **fields)
    Criterion.objects.bulk_create([Criterion(contest=contest, **c) for c in cleaned])
    audit.record(actor=actor, action="contest.created", obj=contest, to_state=ContestStatus.DRAFT)
    return contest


@transaction.atomic
def update_contest(*, actor, contest: Contest, **values) -> Contest:
    """A draft changes freely; once published, nothing of the rules changes. Side effects: audit
    `contest.updated`."""
    _coordinator(actor)
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if contest.status != ContestStatus.DRAFT:
        raise TransitionNotAllowed(_("A published contest's rules do not change."))
    fields, cleaned = _contest_fields(**values)
    for name, value in fields.items():
        setattr(contest, name, value)
    contest.save()
    contest.criteria.all().delete()
    Criterion.objects.bulk_create([Criterion(contest=contest, **c) for c in cleaned])
    audit.record(actor=actor, action="contest.updated", obj=contest)
    return contest


def transition(contest: Contest, to: str, *, actor, comment: str = "") -> Contest:
    """The one way a contest changes status: the table says who may; saves, audits, tells the
    people concerned. The caller holds the contest's row lock."""
    before = contest.status
    who = CONTEST_TRANSITIONS.get((before, to))
    if who is None:
        raise TransitionNotAllowed(
            _("A contest cannot go from “%(from)s” to “%(to)s”.")
            % {"from": ContestStatus(before).label, "to": ContestStatus(to).label},
            details={"from": before, "to": to},
        )
    if who == COORDINATOR:
        _coordinator(actor)
    now = timezone.now()
    contest.status = to
    if to == ContestStatus.OPEN:
        contest.published_at = now
    elif to == ContestStatus.RESULTS_PUBLISHED:
        contest.results_published_at = now
    contest.save(update_fields=["status", "published_at", "results_published_at", "updated_at"])
    audit.record(
        actor=actor,
        action=STATUS_AUDIT[to],
        obj=contest,
        from_state=before,
        to_state=to,
        comment=clean_text(comment, field="comment", max_length=5000),
    )
    if to in (ContestStatus.CANCELLED, ContestStatus.RESULTS_PUBLISHED):
        organizations = Organization.objects.filter(contest_solutions__contest=contest)
        people = [p for org in organizations for p in people_in_roles(org)]
        notify(
            recipients=people,
            kind=STATUS_AUDIT[to],
            subject=format_lazy(
                gettext_lazy("Contest {title}: {status}"), title=contest.title, status=ContestStatus(to).label
            ),
            body=comment,
            url=contest_link(contest),
        )
    return contest


def _locked(contest: Contest) -> Contest:
    return Contest.objects.select_for_update().get(pk=contest.pk)


def publish(*, actor, contest: Contest) -> Contest:
    """Draft → open, while its deadline is still ahead."""
    with transaction.atomic():
        contest = _locked(contest)
        _coordinator(actor)
        if contest.status == ContestStatus.DRAFT and contest.deadline <= timezone.now():
            raise InvalidInput(
                _("The deadline has passed: set a later one before publishing."), field="deadline"
            )
        return transition(contest, ContestStatus.OPEN, actor=actor)


def cancel(*, actor, contest: Contest, comment: str = "") -> Contest:
    with transaction.atomic():
        contest = _locked(contest)
        _coordinator(actor)
        if not clean_text(comment, field="comment", max_length=5000):
            raise InvalidInput(_("Give the reasons: the participants read them."), field="comment")
        return transition(contest, ContestStatus.CANCELLED, actor=actor, comment=comment)


def effective_status(contest: Contest, now: dt.datetime | None = None) -> str:
    """An open contest whose deadline has passed is being scored, whether or not the hourly task
    has marked it yet."""
    now = now or timezone.now()
    if contest.status == ContestStatus.OPEN and contest.deadline <= now:
        return ContestStatus.SCORING
    return contest.status


def close_due_contests(*, now: dt.datetime | None = None) -> int:
    """Open contests whose deadline has passed go to scoring (periodic; idempotent)."""
    now = now or timezone.now()
    closed = 0
    for pk in Contest.objects.filter(status=ContestStatus.OPEN, deadline__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            contest = Contest.objects.select_for_update().get(pk=pk)
            if contest.status == ContestStatus.OPEN and contest.deadline <= now:
                transition(contest, ContestStatus.SCORING, actor=None)
                closed += 1
    return closed


def _scoring_phase(contest: Contest) -> None:
    if effective_status(contest) != ContestStatus.SCORING:
        raise TransitionNotAllowed(
            _("This is done after the deadline and before the results are published."),
            details={"status": contest.status},
        )


def winners_of(contest: Contest, entries) -> set[int]:
    """The solutions that win: the first `winners` of the ranking among those scored; none in a
    cancelled contest."""
    if contest.status == ContestStatus.CANCELLED:
        return set()
    return {e.solution_id for e in entries if e.score is not None and e.rank <= contest.winners}


def publish_results(*, actor, contest: Contest) -> Contest:
    """After the deadline: the ranking is fixed (ranks stored), the winners are the first
    `winners` solutions that were scored; everyone who submitted is told."""
    with transaction.atomic():
        contest = _locked(contest)
        _coordinator(actor)
        _scoring_phase(contest)
        if contest.status == ContestStatus.OPEN:
            transition(contest, ContestStatus.SCORING, actor=None)
        entries = ranking(contest)
        winners = winners_of(contest, entries)
        for entry in entries:
            Solution.objects.filter(pk=entry.solution_id).update(
                rank=entry.rank, is_winner=entry.solution_id in winners
            )
        transition(contest, ContestStatus.RESULTS_PUBLISHED, actor=actor)
        for solution in Solution.objects.filter(pk__in=winners).select_related("organization"):
            notify(
                recipients=people_in_roles(solution.organization),
                kind="contest.won",
                subject=format_lazy(
                    gettext_lazy("{title} is among the winners of {contest}"),
                    title=solution.title,
                    contest=contest.title,
                ),
                url=solution_link(solution),
            )
        return contest


# --- solutions --------------------------------------------------------------------------------


def _deadline_open(contest: Contest) -> None:
    if contest.status != ContestStatus.OPEN or contest.deadline <= timezone.now():
        if contest.status in (ContestStatus.OPEN, ContestStatus.SCORING, ContestStatus.RESULTS_PUBLISHED):
            raise InvalidInput(
                _("The deadline has passed: solutions are no longer accepted or changed."),
                code=ContestErrorCode.DEADLINE_PASSED,
                details={"deadline": contest.deadline.isoformat()},
            )
        raise (
            NotFound()
            if contest.status == ContestStatus.DRAFT
            else TransitionNotAllowed(_("The contest is cancelled."))
        )


def submit_solution(*, actor, contest: Contest, organization, title: str, description: str) -> Solution:
    """A participant's owner or manager submits the organisation's one solution, before the
    deadline (compared in Moscow time, to the second). Side effects: audit `contest.solution_submitted`."""
    if not actor.has_perm("organizations.act_for", organization):
        raise NotFound()
    if contest.status == ContestStatus.DRAFT:
        raise NotFound()
    _deadline_open(contest)
    if not Participation.objects.filter(organization=organization).exists():
        raise Conflict(
            _("Only participants of the cluster submit solutions."), code=ContestErrorCode.NOT_PARTICIPANT
        )
    title = clean_text(title, field="title", max_length=300, required=True)
    description = clean_text(description, field="description", max_length=20000, required=True)
    if Solution.objects.filter(contest=contest, organization=organization).exists():
        raise _already(contest, organization)
    try:
        with transaction.atomic():
            solution = Solution.objects.create(
                contest=contest,
                organization=organization,
                title=title,
                description=description,
                submitted_at=timezone.now(),
                submitted_by=actor,
            )
            audit.record(
                actor=actor, action="contest.solution_submitted", obj=solution, data={"contest": contest.pk}
            )
    except IntegrityError:  # the same organisation at the same moment
        raise _already(contest, organization) from None
    return solution


def _already(contest, organization) -> InvalidInput:
    existing = Solution.objects.filter(contest=contest, organization=organization).first()
    return InvalidInput(
        _("Your organisation has already submitted a solution to this contest: change that one instead."),
        code=ContestErrorCode.ALREADY_SUBMITTED,
        details={"solution_id": existing.pk if existing else None},
    )


def update_solution(*, actor, solution: Solution, title: str, description: str) -> Solution:
    """Changed until the deadline, never after. Side effects: audit `contest.solution_changed`."""
    with transaction.atomic():
        solution = (
            Solution.objects.select_for_update().select_related("contest", "organization").get(pk=solution.pk)
        )
        _may_edit(actor, solution)
        title = clean_text(title, field="title", max_length=300, required=True)
        description = clean_text(description, field="description", max_length=20000, required=True)
        if (title, description) == (solution.title, solution.description):
            return solution  # saved as it was: nothing changed, no score is set aside
        solution.title, solution.description = title, description
        solution.save(update_fields=["title", "description", "updated_at"])
        audit.record(actor=actor, action="contest.solution_changed", obj=solution)
        _void_scores(actor, solution)
        return solution


def _void_scores(actor, solution: Solution) -> None:
    """Scores given before the deadline were for the solution as it was: once it changes they are
    set aside (deleted, the audit keeps them) and its experts are asked to score it again, so that
    no score stands against a text its expert never read. Side effects: audit
    `contest.scores_voided`; the experts are told."""
    sheets = list(solution.sheets.select_related("expert").prefetch_related("scores__criterion"))
    if not sheets:
        return
    audit.record(
        actor=actor,
        action="contest.scores_voided",
        obj=solution,
        data={
            "sheets": [
                {
                    "expert": sheet.expert_id,
                    "scores": {s.criterion.code: s.points for s in sheet.scores.all()},
                }
                for sheet in sheets
            ]
        },
    )
    ScoreSheet.objects.filter(pk__in=[sheet.pk for sheet in sheets]).delete()
    notify(
        recipients=[sheet.expert for sheet in sheets],
        kind="contest.scores_voided",
        subject=format_lazy(
            gettext_lazy("{title} was changed after you scored it: score it again"), title=solution.title
        ),
        url=solution_link(solution),
    )


def _may_edit(actor, solution: Solution) -> None:
    if not actor.has_perm("contests.see_own_solution", solution):
        raise NotFound()
    if not actor.has_perm("contests.edit_solution", solution):
        raise PermissionDenied()
    _deadline_open(solution.contest)


def add_file(*, actor, solution: Solution, upload) -> SolutionFile:
    """A file of the solution, checked like every upload, until the deadline. Side effects: the
    file in storage; audit `contest.file_added`."""
    solution = Solution.objects.select_related("contest", "organization").get(pk=solution.pk)
    _may_edit(actor, solution)
    if solution.files.count() >= MAX_FILES:
        raise InvalidInput(_("At most %(max)d files.") % {"max": MAX_FILES}, field="file")
    checked = check_upload(upload)
    kept = SolutionFile(
        solution=solution,
        original_name=checked.name,
        extension=checked.extension,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    kept.file.save(checked.name, ContentFile(checked.content), save=False)
    kept.save()
    audit.record(
        actor=actor, action="contest.file_added", obj=solution, data={"file": kept.pk, "name": checked.name}
    )
    _void_scores(actor, solution)
    return kept


def remove_file(*, actor, kept: SolutionFile) -> None:
    solution = Solution.objects.select_related("contest", "organization").get(pk=kept.solution_id)
    _may_edit(actor, solution)
    name, storage, path = kept.original_name, kept.file.storage, kept.file.name
    kept.delete()
    transaction.on_commit(lambda: storage.delete(path))
    audit.record(actor=actor, action="contest.file_removed", obj=solution, data={"name": name})
    _void_scores(actor, solution)


# --- experts, declarations, conflicts ---------------------------------------------------------


def add_expert(*, actor, contest: Contest, expert) -> PoolExpert:
    """A staff member with the role `expert` joins the contest's pool. Side effects: audit
    `contest.expert_added`; the expert is told (to declare conflicts first)."""
    _coordinator(actor)
    if contest.status in (ContestStatus.RESULTS_PUBLISHED, ContestStatus.CANCELLED):
        raise TransitionNotAllowed(_("The contest is over."))
    if expert is None or not acts_as_expert(expert):
        raise InvalidInput(_("Choose a person with the expert role."), field="user_id")
    member, created = PoolExpert.objects.get_or_create(
        contest=contest, expert=expert, defaults={"added_by": actor}
    )
    if created:
        audit.record(actor=actor, action="contest.expert_added", obj=contest, data={"expert": expert.pk})
        notify(
            recipients=[expert],
            kind="contest.expert_added",
            subject=format_lazy(
                gettext_lazy("You are an expert of {contest}: declare your conflicts first"),
                contest=contest.title,
            ),
            url=f"/contests/{contest.pk}/declaration/",
        )
    return member


def acts_as_expert(user) -> bool:
    """Whether `user` may act as an expert now: holds the role, as staff who passed the second
    factor (a request before it sees a demoted user). A person whose role was taken away stays in
    the pools they were in, for the record, but acts in none of them."""
    return bool(user is not None and user.is_authenticated and user.has_role(StaffRole.EXPERT))


def pool_member(user, contest: Contest) -> PoolExpert | None:
    """The person's place in the contest's pool, while they may act as an expert; None otherwise."""
    if not acts_as_expert(user):
        return None
    return PoolExpert.objects.filter(contest=contest, expert=user).first()


def declare(*, actor, contest: Contest, conflicts) -> PoolExpert:
    """An expert of the pool names the organisations they are tied to, before seeing any solution
    (an empty list is a declaration too). A conflict once declared stays; a solution it touches is
    taken from the expert with its scores. Side effects: audit `contest.conflicts_declared`."""
    member = pool_member(actor, contest)
    if member is None:
        raise NotFound()
    if contest.status in (ContestStatus.RESULTS_PUBLISHED, ContestStatus.CANCELLED):
        raise TransitionNotAllowed(_("The contest is over: its experts' declarations are closed."))
    if not isinstance(conflicts, list | tuple):
        raise InvalidInput(_("List the organisations' numbers."), field="conflicts")
    ids = []
    for index, value in enumerate(conflicts):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(_("An organisation's number is a whole number."), field=f"conflicts.{index}")
        ids.append(value)
    known = set(Organization.objects.filter(pk__in=ids).values_list("pk", flat=True))
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InvalidInput(
            _("No organisation has the number %(numbers)s.") % {"numbers": ", ".join(map(str, unknown))},
            field="conflicts",
            details={"unknown": unknown},
        )
    with transaction.atomic():
        member = PoolExpert.objects.select_for_update().get(pk=member.pk)
        member.declared_conflicts.add(*known)
        member.declared_at = member.declared_at or timezone.now()
        member.save(update_fields=["declared_at"])
        # a solution the expert now declares a conflict with is no longer theirs to score
        Assignment.objects.filter(
            expert=actor, solution__contest=contest, solution__organization_id__in=known
        ).delete()
        ScoreSheet.objects.filter(
            expert=actor, solution__contest=contest, solution__organization_id__in=known
        ).delete()
        audit.record(
            actor=actor,
            action="contest.conflicts_declared",
            obj=contest,
            data={"organizations": sorted(known)},
        )
    return member


def conflicts_of(contest: Contest, solutions=None, experts=None) -> dict[tuple[int, int], str]:
    """Every (expert, solution) pair that may never meet, with its reason: the expert is a person
    of the submitting organisation, or of an organisation in the same active intersectoral cluster,
    or declared it. A fixed number of queries."""
    solutions = list(solutions if solutions is not None else contest.solutions.all())
    experts = list(experts if experts is not None else [m.expert_id for m in contest.pool.all()])
    solution_orgs = {s.pk: s.organization_id for s in solutions}
    org_ids = set(solution_orgs.values())
    fellows = fellow_members(org_ids)
    roles: dict[int, set[int]] = {}
    for person_id, organization_id in OrganizationPerson.objects.filter(person_id__in=experts).values_list(
        "person_id", "organization_id"
    ):
        roles.setdefault(person_id, set()).add(organization_id)
    declared: dict[int, set[int]] = {}
    for expert_id, organization_id in PoolExpert.declared_conflicts.through.objects.filter(
        poolexpert__contest=contest, poolexpert__expert_id__in=experts
    ).values_list("poolexpert__expert_id", "organization_id"):
        declared.setdefault(expert_id, set()).add(organization_id)
    found = {}
    for expert in experts:
        own = roles.get(expert, set())
        for solution_id, organization_id in solution_orgs.items():
            if organization_id in own:
                found[(expert, solution_id)] = ConflictReason.SAME_ORGANISATION
            elif own & fellows.get(organization_id, set()):
                found[(expert, solution_id)] = ConflictReason.SAME_CONSORTIUM
            elif organization_id in declared.get(expert, set()):
                found[(expert, solution_id)] = ConflictReason.DECLARED
    return found


def conflict_between(expert, solution: Solution) -> str | None:
    return conflicts_of(solution.contest, [solution], [expert.pk]).get((expert.pk, solution.pk))


def auto_assign(*, actor, contest: Contest, experts_per_solution=None) -> dict:
    """k experts per solution among the declared experts of the pool, loads balanced, every
    conflict a hard exclusion; the hand-made assignments stay. Side effects: the assignments;
    audit `contest.assigned`. Returns what the API answers: assignments, unfilled, exclusions."""
    _coordinator(actor)
    k = contest.experts_per_solution if experts_per_solution is None else experts_per_solution
    k = _whole(k, field="experts_per_solution", low=1, high=MAX_EXPERTS_PER_SOLUTION)
    with transaction.atomic():
        contest = _locked(contest)
        if contest.status not in (ContestStatus.OPEN, ContestStatus.SCORING):
            raise TransitionNotAllowed(_("Experts are assigned while the contest is open or being scored."))
        solutions = list(contest.solutions.order_by("submitted_at", "pk"))
        # an expert whose role was taken away is given no more solutions
        pool = [m for m in contest.pool.select_related("expert") if acts_as_expert(m.expert)]
        declared = [m.expert_id for m in pool if m.declared_at]
        undeclared = [m.expert_id for m in pool if not m.declared_at]
        conflicts = conflicts_of(contest, solutions, declared)
        existing = list(
            Assignment.objects.filter(solution__contest=contest).values_list("expert_id", "solution_id")
        )
        result = solver.assign(
            solutions=[s.pk for s in solutions],
            experts=declared,
            conflicts=conflicts,
            k=k,
            fixed=[pair for pair in existing if pair[0] in set(declared)],
        )
        kept = set(existing)
        Assignment.objects.bulk_create(
            [
                Assignment(solution_id=solution_id, expert_id=expert_id, assigned_by=AssignedBy.AUTO)
                for solution_id, expert_id in result.assignments
                if (expert_id, solution_id) not in kept
            ]
        )
        # a hand-made pair with an undeclared or conflicted expert would never be scored: dropped
        dropped = [
            pair for pair in existing if pair[0] not in set(declared) or (pair[0], pair[1]) in conflicts
        ]
        for expert_id, solution_id in dropped:
            Assignment.objects.filter(expert_id=expert_id, solution_id=solution_id).delete()
        audit.record(
            actor=actor,
            action="contest.assigned",
            obj=contest,
            data={"k": k, "assignments": len(result.assignments), "unfilled": len(result.unfilled)},
        )
        for expert_id in sorted({e for s, e in result.assignments if (e, s) not in kept}):
            notify(
                recipients=get_user_model().objects.filter(pk=expert_id),
                kind="contest.assigned",
                subject=format_lazy(gettext_lazy("Solutions to score in {contest}"), contest=contest.title),
                url=f"/contests/{contest.pk}/review/",
            )
    return {
        "assignments": [{"solution_id": s, "expert_id": e} for s, e in result.assignments],
        "unfilled": [{"solution_id": s, "missing": n} for s, n in result.unfilled],
        "exclusions": [
            {"solution_id": s, "expert_id": e, "reason": str(reason)} for s, e, reason in result.exclusions
        ]
        + [{"solution_id": None, "expert_id": e, "reason": "not_declared"} for e in undeclared],
    }


def assign_by_hand(*, actor, solution: Solution, expert) -> Assignment:
    """A coordinator gives one solution to one declared expert of the pool; never a conflicted one.
    Side effects: audit `contest.assigned_by_hand`."""
    _coordinator(actor)
    contest = solution.contest
    if contest.status not in (ContestStatus.OPEN, ContestStatus.SCORING):
        raise TransitionNotAllowed(_("Experts are assigned while the contest is open or being scored."))
    member = pool_member(expert, contest)
    if member is None or not member.declared_at:
        raise InvalidInput(
            _("Choose an expert of the pool who has declared their conflicts."), field="expert"
        )
    reason = conflict_between(expert, solution)
    if reason:
        raise InvalidInput(
            _("This expert has a conflict of interest with the solution: %(reason)s.")
            % {"reason": ConflictReason(reason).label},
            field="expert",
            details={"reason": reason},
        )
    assignment, created = Assignment.objects.get_or_create(
        solution=solution, expert=expert, defaults={"assigned_by": AssignedBy.HAND}
    )
    if created:
        audit.record(actor=actor, action="contest.assigned_by_hand", obj=solution, data={"expert": expert.pk})
        notify(
            recipients=[expert],
            kind="contest.assigned",
            subject=format_lazy(gettext_lazy("Solutions to score in {contest}"), contest=contest.title),
            url=f"/contests/{contest.pk}/review/",
        )
    return assignment


# --- scores -----------------------------------------------------------------------------------


def expert_solution(user, solution: Solution) -> bool:
    """Whether `user` sees the solution as its expert: in the pool, declared, assigned, and no
    conflict with it (checked again now: a declaration or a consortium may have changed)."""
    member = pool_member(user, solution.contest)
    if member is None or not member.declared_at:
        return False
    if not Assignment.objects.filter(solution=solution, expert=user).exists():
        return False
    return conflict_between(user, solution) is None


def require_declaration(user, contest: Contest) -> PoolExpert:
    """An expert of the pool who has not declared yet gets 403 `declaration_required`; someone
    outside the pool, 404."""
    member = pool_member(user, contest)
    if member is None:
        raise NotFound()
    if not member.declared_at:
        raise PermissionDenied(
            _("Declare your conflicts of interest first."), code=ContestErrorCode.DECLARATION_REQUIRED
        )
    return member


def clean_scores(contest: Contest, scores) -> dict[str, int]:
    codes = list(contest.criteria.values_list("code", flat=True))
    if not isinstance(scores, dict):
        raise InvalidInput(_("Give the points of every criterion."), field="scores")
    unknown = [c for c in scores if c not in codes]
    if unknown:
        raise InvalidInput(
            _("The contest has no criterion %(codes)s.") % {"codes": ", ".join(map(str, unknown))},
            field=f"scores.{unknown[0]}",
        )
    missing = [c for c in codes if c not in scores]
    if missing:
        raise InvalidInput(
            _("Give the points of every criterion; missing: %(codes)s.") % {"codes": ", ".join(missing)},
            field=f"scores.{missing[0]}",
            details={"missing": missing},
        )
    cleaned = {}
    for code in codes:
        value = scores[code]
        if isinstance(value, bool) or not isinstance(value, int) or not MIN_POINTS <= value <= MAX_POINTS:
            raise InvalidInput(
                _("Points are a whole number from %(low)d to %(high)d.")
                % {"low": MIN_POINTS, "high": MAX_POINTS},
                field=f"scores.{code}",
            )
        cleaned[code] = value
    return cleaned


def score(*, actor, solution: Solution, scores, comment: str = "") -> ScoreSheet:
    """An assigned, unconflicted expert scores every criterion 0-10 in whole points, with a
    comment; the scores change until the results are published. Side effects: audit
    `contest.scored`."""
    solution = Solution.objects.select_related("contest").get(pk=solution.pk)
    contest = solution.contest
    require_declaration(actor, contest)
    if not expert_solution(actor, solution):
        raise NotFound()
    if contest.status not in (ContestStatus.OPEN, ContestStatus.SCORING):
        raise TransitionNotAllowed(_("The scoring is closed."))
    cleaned = clean_scores(contest, scores)
    comment = clean_text(comment, field="comment", max_length=5000)
    criteria = {c.code: c for c in contest.criteria.all()}
    with transaction.atomic():
        sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
            solution=solution, expert=actor, defaults={"comment": comment}
        )
        sheet.comment = comment
        sheet.save(update_fields=["comment", "updated_at"])
        sheet.scores.all().delete()
        Score.objects.bulk_create(
            [Score(sheet=sheet, criterion=criteria[code], points=points) for code, points in cleaned.items()]
        )
        audit.record(actor=actor, action="contest.scored", obj=solution, data={"scores": cleaned})
    return sheet


def ranking(contest: Contest) -> list[scoring.Entry]:
    """The exact ranking of SPEC C7 from the scores as they are, without the sheets of an expert
    in conflict with the solution now (a fixed number of queries)."""
    weights = {c.code: c.weight for c in contest.criteria.all()}
    solutions = [
        scoring.Submitted(solution_id=pk, organization_id=org, submitted_at=at)
        for pk, org, at in contest.solutions.values_list("pk", "organization_id", "submitted_at")
    ]
    sheets: dict[int, dict[int, dict[str, int]]] = {}
    for solution_id, expert_id, code, points in Score.objects.filter(
        sheet__solution__contest=contest
    ).values_list("sheet__solution_id", "sheet__expert_id", "criterion__code", "points"):
        sheets.setdefault(solution_id, {}).setdefault(expert_id, {})[code] = points
    # an expert in conflict now (a role or a consortium that came later) does not count
    experts = {e for by_expert in sheets.values() for e in by_expert}
    for expert_id, solution_id in conflicts_of(contest, experts=experts) if experts else {}:
        sheets.get(solution_id, {}).pop(expert_id, None)
    # a sheet made before a criterion changed would be incomplete: only complete sheets count
    complete = {
        s: {e: sheet for e, sheet in by_expert.items() if set(sheet) == set(weights)}
        for s, by_expert in sheets.items()
    }
    return scoring.rank(weights, solutions, {s: v for s, v in complete.items() if v})
