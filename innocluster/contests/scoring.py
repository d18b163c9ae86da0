"""A contest's ranking (SPEC C7) as a pure function: no database, exact arithmetic.

A solution's score is the weighted mean over criteria of the mean over the experts who scored it:
`score = Σ_c w_c × mean_e(s_{e,c}) / Σ_c w_c`. It is computed in exact fractions and shown rounded
half-up to 2 places; the ranking compares the exact values, and ties go to the earlier submission.
Beside it: the number of experts, the median of the experts' own weighted scores, and the spread —
the largest standard deviation (population) of the experts' points on one criterion — with a flag
where it reaches `DISAGREEMENT_SPREAD` points (compared exactly, as a variance)."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from statistics import median

from innocluster.contests.enums import DISAGREEMENT_SPREAD

TWO_PLACES = Decimal("0.01")


def shown(value: Fraction | None) -> Decimal | None:
    """An exact value as people read it: half-up to 2 places (10/3 → 3.33, 2.005 → 2.01)."""
    if value is None:
        return None
    with localcontext() as context:
        context.prec = 50
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(TWO_PLACES, ROUND_HALF_UP)


def _sqrt(value: Fraction) -> Fraction:
    with localcontext() as context:
        context.prec = 50
        return Fraction((Decimal(value.numerator) / Decimal(value.denominator)).sqrt())


@dataclass(frozen=True)
class Entry:
    solution_id: int
    organization_id: int
    submitted_at: dt.datetime
    rank: int
    score: Fraction | None  # None: nobody has scored it yet
    experts: int
    median: Fraction | None
    spread: Fraction | None  # the largest standard deviation on one criterion
    disagree: bool
    criteria: dict  # code -> the mean over experts (Fraction), for the participant's own view

    @property
    def score_shown(self) -> Decimal | None:
        return shown(self.score)

    @property
    def median_shown(self) -> Decimal | None:
        return shown(self.median)

    @property
    def spread_shown(self) -> Decimal | None:
        return shown(self.spread)


@dataclass(frozen=True)
class Submitted:
    solution_id: int
    organization_id: int
    submitted_at: dt.datetime


def weighted(weights: Mapping[str, Decimal], points: Mapping[str, Fraction]) -> Fraction:
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    return sum((Fraction(weights[c]) * points[c] for c in weights), Fraction(0)) / total


def rank(
    weights: Mapping[str, Decimal],
    solutions: Sequence[Submitted],
    sheets: Mapping[int, Mapping[int, Mapping[str, int]]],
) -> list[Entry]:
    """`weights`: criterion code → positive weight; `sheets`: solution → expert → code → points
    (each sheet complete: one whole number per criterion). Best first; a solution nobody scored
    comes after every scored one; ties (exactly equal scores) go to the earlier submission, then
    to the lower number."""
    rows = []
    for solution in solutions:
        by_expert = sheets.get(solution.solution_id, {})
        if not by_expert:
            rows.append((solution, None, 0, None, None, False, {}))
            continue
        means, worst_variance = {}, Fraction(0)
        for code in weights:
            points = [Fraction(sheet[code]) for sheet in by_expert.values()]
            mean = sum(points, Fraction(0)) / len(points)
            means[code] = mean
            variance = sum(((p - mean) ** 2 for p in points), Fraction(0)) / len(points)
            worst_variance = max(worst_variance, variance)
        own = sorted(
            weighted(weights, {c: Fraction(v) for c, v in sheet.items()}) for sheet in by_expert.values()
        )
        rows.append(
            (
                solution,
                weighted(weights, means),
                len(by_expert),
                Fraction(median(own)),
                _sqrt(worst_variance),
                worst_variance >= DISAGREEMENT_SPREAD**2,
                means,
            )
        )
    rows.sort(
        key=lambda row: (
            row[1] is None,
            -(row[1] or 0),
            row[0].submitted_at,
            row[0].solution_id,
        )
    )
    return [
        Entry(
            solution_id=solution.solution_id,
            organization_id=solution.organization_id,
            submitted_at=solution.submitted_at,
            rank=index,
            score=score,
            experts=experts,
            median=middle,
            spread=spread,
            disagree=disagree,
            criteria=means,
        )
        for index, (solution, score, experts, middle, spread, disagree, means) in enumerate(rows, start=1)
    ]
