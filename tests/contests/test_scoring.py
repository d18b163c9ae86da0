"""SPEC C7's score on hand-computed cases: the weighted mean over criteria of the mean over the
experts who scored the solution, exact, shown half-up to 2 places; ties to the earlier submission;
the median of the experts' own scores and the spread with its flag."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from innocluster.contests.scoring import Submitted, rank, shown

WEIGHTS = {"tech": Decimal("3"), "econ": Decimal("1.5"), "team": Decimal("0.5")}  # Σ = 5
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def submitted(pk, minutes):
    return Submitted(
        solution_id=pk, organization_id=100 + pk, submitted_at=T0 + dt.timedelta(minutes=minutes)
    )


def test_the_weighted_mean_ties_and_a_solution_nobody_scored():
    solutions = [submitted(1, 30), submitted(2, 10), submitted(3, 20), submitted(4, 0)]
    sheets = {
        # (3×7.5 + 1.5×7.5 + 0.5×7) / 5 = 37.25 / 5 = 7.45
        1: {11: {"tech": 8, "econ": 6, "team": 10}, 12: {"tech": 7, "econ": 9, "team": 4}},
        # (21 + 12 + 3) / 5 = 7.2, submitted at 09:10
        2: {11: {"tech": 7, "econ": 8, "team": 6}},
        # (18 + 15 + 3) / 5 = 7.2 too, submitted at 09:20: after solution 2
        3: {13: {"tech": 6, "econ": 10, "team": 6}},
    }
    ranking = rank(WEIGHTS, solutions, sheets)
    assert [(e.solution_id, e.rank, e.score_shown, e.experts) for e in ranking] == [
        (1, 1, Decimal("7.45"), 2),
        (2, 2, Decimal("7.20"), 1),
        (3, 3, Decimal("7.20"), 1),
        (4, 4, None, 0),  # nobody scored it: last, although submitted first
    ]
    first = ranking[0]
    assert first.score == Fraction(745, 100)
    # the experts' own scores: 38/5 = 7.6 and 36.5/5 = 7.3 → median 7.45
    assert first.median_shown == Decimal("7.45")
    # team: 10 and 4 → standard deviation 3 ≥ 2: the experts disagree
    assert (first.spread_shown, first.disagree) == (Decimal("3.00"), True)
    assert first.criteria == {"tech": Fraction(15, 2), "econ": Fraction(15, 2), "team": Fraction(7)}
    assert (ranking[1].spread_shown, ranking[1].disagree) == (Decimal("0.00"), False)


def test_exactly_two_points_of_spread_is_a_disagreement_and_just_under_is_not():
    weights = {"only": Decimal("1")}
    sheets = {1: {11: {"only": 4}, 12: {"only": 8}}, 2: {11: {"only": 5}, 12: {"only": 8}}}
    one, two = sorted(rank(weights, [submitted(1, 0), submitted(2, 1)], sheets), key=lambda e: e.solution_id)
    assert (one.spread, one.disagree) == (Fraction(2), True)  # 4 and 8: σ = 2 exactly
    assert (two.spread_shown, two.disagree) == (Decimal("1.50"), False)


def test_an_expert_who_scored_only_some_solutions_counts_only_there():
    weights = {"a": Decimal("1"), "b": Decimal("1")}
    sheets = {
        1: {11: {"a": 10, "b": 10}, 12: {"a": 2, "b": 4}},  # (6 + 7) / 2 = 6.5
        2: {12: {"a": 6, "b": 7}},  # expert 11 did not score it: 6.5 from expert 12 alone
    }
    ranking = rank(weights, [submitted(1, 5), submitted(2, 1)], sheets)
    # equal scores: the earlier submission (solution 2, at 09:01) ranks first
    assert [(e.solution_id, e.score, e.experts) for e in ranking] == [
        (2, Fraction(13, 2), 1),
        (1, Fraction(13, 2), 2),
    ]


def test_shown_rounds_half_up_from_the_exact_value():
    assert shown(Fraction(41, 8)) == Decimal("5.13")  # 5.125: half-up, not to even
    assert shown(Fraction(10, 3)) == Decimal("3.33")
    assert shown(Fraction(2, 3)) == Decimal("0.67")
    assert shown(None) is None
