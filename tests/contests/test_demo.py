"""The demo cluster's city challenges: every state, solutions, a jury that never meets a conflict,
scores, and winners of the finished ones."""

import re

from django.utils import timezone

from innocluster.accounts.models import User
from innocluster.contests import services
from innocluster.contests.enums import ContestStatus
from innocluster.contests.models import Assignment, Contest, PoolExpert, ScoreSheet, Solution
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.membership.models import Participation

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def the_demo_challenges_are_complete_and_consistent():
    """Run by tests/core/test_demo_cluster.py on the demo cluster it seeds once for every app."""
    contests = list(Contest.objects.order_by("pk"))
    now = timezone.now()
    assert len(contests) >= 6
    assert {c.status for c in contests} == set(ContestStatus.values)
    assert {c.created_by.email for c in contests} == {f"coordinator@{DEMO_DOMAIN}"}
    assert {c.blind for c in contests} == {True, False}
    for contest in contests:
        assert contest.organiser.strip() and CYRILLIC.search(contest.organiser)
        assert 2 <= contest.criteria.count() <= 4
        if contest.status == ContestStatus.OPEN:
            assert contest.deadline > now and contest.solutions.exists()
        if contest.status in (ContestStatus.SCORING, ContestStatus.RESULTS_PUBLISHED):
            assert contest.deadline < now

    solutions = Solution.objects.all()
    assert solutions.exists()
    participants = set(Participation.objects.values_list("organization_id", flat=True))
    assert set(solutions.values_list("organization_id", flat=True)) <= participants
    assert not Solution.objects.filter(contest__status=ContestStatus.DRAFT).exists()
    for solution in solutions.select_related("contest"):
        assert solution.submitted_at <= min(solution.contest.deadline, now)

    # the jury: staff experts, and never a conflicted pair
    experts = User.objects.filter(pk__in=PoolExpert.objects.values("expert"))
    assert experts.count() >= 8
    assert all(e.is_staff and e.has_role("expert") for e in experts)
    assert PoolExpert.objects.filter(declared_conflicts__isnull=False).exists()
    for contest in contests:
        conflicts = services.conflicts_of(contest)
        pairs = set(
            Assignment.objects.filter(solution__contest=contest).values_list("expert_id", "solution_id")
        )
        assert not pairs & set(conflicts), contest.title
        if contest.status in (ContestStatus.SCORING, ContestStatus.RESULTS_PUBLISHED):
            assert pairs
            assert ScoreSheet.objects.filter(solution__contest=contest).exists()
        sheets = set(
            ScoreSheet.objects.filter(solution__contest=contest).values_list("expert_id", "solution_id")
        )
        assert sheets <= pairs

    # scoring: part of the sheets; published: every sheet, ranks and winners
    for contest in contests:
        assigned = Assignment.objects.filter(solution__contest=contest).count()
        scored = ScoreSheet.objects.filter(solution__contest=contest).count()
        if contest.status == ContestStatus.SCORING:
            assert 0 < scored < assigned
        if contest.status == ContestStatus.RESULTS_PUBLISHED:
            assert scored == assigned
            assert contest.results_published_at and contest.deadline < contest.results_published_at <= now
            ranked = contest.solutions.order_by("rank")
            assert not ranked.filter(rank__isnull=True).exists()
            winners = ranked.filter(is_winner=True)
            assert 1 <= winners.count() <= contest.winners
            assert [s.rank for s in winners] == list(range(1, winners.count() + 1))
    # experts disagree somewhere: the spread flag shows
    assert any(
        entry.disagree
        for contest in contests
        if contest.status != ContestStatus.DRAFT
        for entry in services.ranking(contest)
    )
