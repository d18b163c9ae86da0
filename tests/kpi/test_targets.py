"""A KPI value against its target with a tolerance (SPEC C9): exactly at the edge meets, one
kopeck past it misses, for higher- and lower-is-better."""

from decimal import Decimal

import pytest

from innocluster.kpi.targets import MET, MISSED, MISSING, NO_TARGET, edge, status

D = Decimal


@pytest.mark.parametrize(
    ("value", "better", "expected"),
    [
        # target 1,000,000.00 with 5 %: the edge is 950,000.00 (higher) or 1,050,000.00 (lower)
        (D("950000.00"), "higher", MET),
        (D("949999.99"), "higher", MISSED),
        (D("1200000.00"), "higher", MET),
        (D("1050000.00"), "lower", MET),
        (D("1050000.01"), "lower", MISSED),
        (D("0.00"), "lower", MET),
    ],
)
def test_the_edge_meets_and_one_kopeck_past_misses(value, better, expected):
    assert status(value, D("1000000.00"), D("5"), better) == expected


def test_no_tolerance_means_the_target_itself_and_odd_tolerances_stay_exact():
    assert status(D("99.99"), D("100"), D("0"), "higher") == MISSED
    assert status(D("100"), D("100"), D("0"), "higher") == MET
    assert edge(D("3"), D("12.5"), "higher") == D("2.625")  # no float on the way
    assert status(D("2.625"), D("3"), D("12.5"), "higher") == MET
    assert status(D("2.624"), D("3"), D("12.5"), "higher") == MISSED


def test_without_a_target_or_without_a_value():
    assert status(D("5"), None, D("0"), "higher") == NO_TARGET
    assert status(None, D("5"), D("0"), "higher") == MISSING
