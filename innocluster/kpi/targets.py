"""Whether a reported value meets its KPI target (SPEC C9), in exact decimals: it misses when it is
below `target × (1 − tolerance/100)` (higher is better) or above `target × (1 + tolerance/100)`
(lower is better); exactly at the edge meets."""

from decimal import Decimal

MET, MISSED, NO_TARGET, MISSING = "met", "missed", "no_target", "missing"
HUNDRED = Decimal(100)


def edge(target: Decimal, tolerance_percent: Decimal, better: str) -> Decimal:
    """The worst value that still meets the target."""
    share = Decimal(tolerance_percent) / HUNDRED
    return Decimal(target) * (1 - share if better == "higher" else 1 + share)


def status(value: Decimal | None, target: Decimal | None, tolerance_percent: Decimal, better: str) -> str:
    if target is None:
        return NO_TARGET
    if value is None:
        return MISSING
    limit = edge(target, tolerance_percent, better)
    if better == "higher":
        return MET if Decimal(value) >= limit else MISSED
    return MET if Decimal(value) <= limit else MISSED


# The board's colours: met (the target itself reached), within the tolerance, missed, missing.
WITHIN_TOLERANCE = "tolerance"


def band(value: Decimal | None, target: Decimal | None, tolerance_percent: Decimal, better: str) -> str:
    """`met` when the target itself is reached, `tolerance` when only its tolerance saves it,
    `missed`, or `missing` (no value) / `no_target`."""
    outcome = status(value, target, tolerance_percent, better)
    if outcome != MET:
        return outcome
    reached = Decimal(value) >= Decimal(target) if better == "higher" else Decimal(value) <= Decimal(target)
    return MET if reached else WITHIN_TOLERANCE
