"""KPI periods (SPEC C9): parsing, their days, and the report's due date from the working-day
calendar — the 15th working day after a quarter, the 30th after a year, over the New Year."""

import datetime as dt

import pytest

from innocluster.kpi.periods import Period


@pytest.mark.parametrize(
    ("text", "period", "first", "last"),
    [
        ("2026", Period(2026), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("2026-Q1", Period(2026, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2024-Q1", Period(2024, 1), dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2026-q2", Period(2026, 2), dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        (" 2026-Q3 ", Period(2026, 3), dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("2026-Q4", Period(2026, 4), dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ],
)
def test_a_period_parses_and_knows_its_days(text, period, first, last):
    parsed = Period.parse(text)
    assert (parsed, parsed.first_day, parsed.last_day) == (period, first, last)
    assert Period.parse(str(parsed)) == parsed


@pytest.mark.parametrize(
    "text", ["2026-Q5", "2026-Q0", "26", "2026-13", "2026-", "Q3-2026", "", None, "1999", "２０２６"]
)
def test_anything_else_is_refused_saying_what_is_expected(text):
    with pytest.raises(ValueError):
        Period.parse(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "due"),
    [
        # 1-8 January 2025 are days off: 9, 10, 13-17, 20-24, 27, 28, 29 January
        ("2024-Q4", dt.date(2025, 1, 29)),
        # the 30th working day: 15 as above, then 30, 31 January, 3-7, 10-14, 17-19 February
        ("2024", dt.date(2025, 2, 19)),
        # a quarter inside the year: 1-4, 7-11, 14-18, 21 July 2025 (no holiday)
        ("2025-Q2", dt.date(2025, 7, 21)),
    ],
)
def test_the_report_is_due_on_the_15th_or_30th_working_day_after_the_period(period, due):
    assert Period.parse(period).due == due


def test_a_year_has_its_four_quarters_in_order():
    assert [str(q) for q in Period(2026).quarters()] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert sorted([Period(2026, 3), Period(2025), Period(2026, 1)]) == [
        Period(2025),
        Period(2026, 1),
        Period(2026, 3),
    ]
