import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innocluster.core import calendar
from innocluster.core.models import CalendarOverride

D = dt.date


@pytest.mark.django_db
class TestWorkingDays:
    def test_ten_working_days_over_new_year(self):
        assert calendar.add_working_days(D(2024, 12, 25), 10) == D(2025, 1, 17)

    def test_transfer_saturday_is_a_working_day(self):
        assert calendar.is_working_day(D(2024, 4, 27))  # Saturday, worked for 29 April
        assert calendar.is_working_day(D(2024, 12, 28))  # Saturday, worked for 30 December

    def test_transferred_weekdays_are_days_off(self):
        assert not calendar.is_working_day(D(2024, 12, 30))
        assert not calendar.is_working_day(D(2024, 12, 31))
        assert not calendar.is_working_day(D(2024, 4, 29))

    def test_2024_has_248_working_days(self):
        assert calendar.year_summary(2024).working_days == 248

    def test_year_lists_weekday_days_off_and_working_weekends(self):
        summary = calendar.year_summary(2024)
        assert summary.working_weekends == [D(2024, 4, 27), D(2024, 11, 2), D(2024, 12, 28)]
        assert D(2024, 5, 10) in summary.non_working_days
        assert all(day.weekday() < 5 for day in summary.non_working_days)

    def test_start_day_itself_never_counts(self):
        # Friday 2024-03-01: one working day later is Monday 2024-03-04.
        assert calendar.add_working_days(D(2024, 3, 1), 1) == D(2024, 3, 4)
        # from a day off the count starts at the next working day
        assert calendar.add_working_days(D(2024, 1, 1), 1) == D(2024, 1, 9)

    def test_zero_working_days_rolls_to_a_working_day(self):
        assert calendar.add_working_days(D(2024, 1, 6), 0) == D(2024, 1, 9)
        assert calendar.add_working_days(D(2024, 1, 9), 0) == D(2024, 1, 9)

    def test_an_override_changes_the_answer(self):
        assert calendar.add_working_days(D(2024, 12, 25), 10) == D(2025, 1, 17)
        CalendarOverride.objects.create(date=D(2025, 1, 13), is_working=False, reason="regional day off")
        assert calendar.add_working_days(D(2024, 12, 25), 10) == D(2025, 1, 20)
        CalendarOverride.objects.create(
            date=D(2025, 1, 4), is_working=True, reason="decreed working Saturday"
        )
        assert calendar.add_working_days(D(2024, 12, 25), 10) == D(2025, 1, 17)
        assert calendar.year_summary(2025).working_weekends[0] == D(2025, 1, 4)

    def test_calendar_covers_2019_to_2027(self):
        for year in range(2019, 2028):
            days = calendar.year_summary(year).working_days
            assert 245 <= days <= 250, (year, days)

    def test_refuses_negative_and_huge_counts(self):
        with pytest.raises(ValueError):
            calendar.add_working_days(D(2024, 1, 1), -1)
        with pytest.raises(ValueError):
            calendar.add_working_days(D(2024, 1, 1), 10**9)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=D(2019, 1, 1), max_value=D(2027, 6, 30)),
    n=st.integers(min_value=1, max_value=60),
)
def test_deadline_is_the_nth_working_day_after_start(start, n):
    deadline = calendar.add_working_days(start, n)
    assert deadline > start
    assert calendar.is_working_day(deadline)
    assert calendar.working_days_between(start, deadline) == n


@pytest.mark.django_db
class TestCalendarApi:
    def test_deadline(self, api):
        response = api.get("/calendar/deadline", {"start": "2024-12-25", "working_days": 10})
        assert response.status_code == 200
        assert response.json() == {"start": "2024-12-25", "working_days": 10, "deadline": "2025-01-17"}

    def test_year(self, api):
        body = api.get("/calendar/year/2024").json()
        assert body["year"] == 2024
        assert body["working_days"] == 248
        assert body["working_weekends"] == ["2024-04-27", "2024-11-02", "2024-12-28"]
        assert "2024-12-30" in body["non_working_days"] and "2024-12-31" in body["non_working_days"]
        assert "2024-12-28" not in body["non_working_days"]

    @pytest.mark.parametrize(
        "params",
        [
            {"start": "2024-13-01", "working_days": 1},
            {"start": "abc", "working_days": 1},
            {"start": "2024-01-01", "working_days": -1},
            {"start": "2024-01-01", "working_days": "１０"},
            {"start": "2024-01-01", "working_days": 10**6},
            {"start": "2024-01-01"},
            {"start": "1800-01-01", "working_days": 1},
        ],
    )
    def test_bad_input_is_a_clear_422(self, api, params):
        response = api.get("/calendar/deadline", params)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid"

    def test_year_out_of_range(self, api):
        assert api.get("/calendar/year/1700").status_code == 422
        assert api.get("/calendar/year/99999999999999999999").status_code in (404, 422)


@pytest.mark.django_db
def test_many_spans_count_as_each_one_alone_in_one_query(django_assert_num_queries):
    CalendarOverride.objects.create(date=D(2025, 1, 13), is_working=False, reason="regional day off")
    spans = [
        (D(2024, 12, 25), D(2025, 1, 20)),
        (D(2025, 1, 10), D(2025, 1, 14)),
        (D(2025, 3, 3), D(2025, 3, 3)),
        (D(2025, 3, 4), D(2025, 3, 1)),
    ]
    with django_assert_num_queries(1):
        counted = calendar.working_days_between_many(spans)
    assert counted == [calendar.working_days_between(s, e) for s, e in spans]
    assert counted == [10, 1, 0, 0]  # 13 January is off by the override
    assert calendar.working_days_between_many([]) == []


@pytest.mark.django_db
def test_the_calendar_page_shows_the_year_of_the_deadline_it_worked_out():
    from django.test import Client

    page = Client(headers={"accept-language": "en"}).get("/calendar/", {"start": "2024-12-27", "n": "1"})
    body = page.content.decode()
    assert "Production calendar 2024" in body and "248 working days" in body  # 2024, not this year
    other = Client(headers={"accept-language": "en"}).get(
        "/calendar/", {"start": "2024-12-27", "n": "1", "year": "2025"}
    )
    assert "Production calendar 2025" in other.content.decode()
