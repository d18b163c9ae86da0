"""A chart's data and its words, from a dataset's rows."""

from django.utils import translation

from innocluster.analytics import datasets
from innocluster.analytics.charts import chart_data


def test_rows_that_share_a_category_are_one_bar_and_the_words_say_the_largest():
    pilots = datasets.get("pilots-by-category-year")
    rows = [
        {"category": "Здравоохранение", "year": 2025, "requested": 3, "completed": 1},
        {"category": "Образование", "year": 2025, "requested": 1, "completed": 0},
        {"category": "Здравоохранение", "year": 2026, "requested": 2, "completed": 2},
    ]
    data = chart_data(pilots, rows)
    assert data["categories"] == ["Здравоохранение", "Образование"]
    assert [s["data"] for s in data["series"]] == [[5, 1], [3, 0]]
    assert "Здравоохранение: 5" in data["description"]


def test_a_chart_split_by_a_field_has_a_series_per_value():
    grants = datasets.get("grants-by-measure-year")
    rows = [
        {"measure": "Патенты", "year": 2025, "amount": 100},
        {"measure": "Патенты", "year": 2026, "amount": 300},
        {"measure": "Оборудование", "year": 2026, "amount": 50},
    ]
    data = chart_data(grants, rows)
    assert data["categories"] == ["2025", "2026"]
    assert {s["name"]: s["data"] for s in data["series"]} == {"Оборудование": [0, 50], "Патенты": [100, 300]}


def test_the_words_say_the_largest_of_every_series_not_of_the_first():
    # «Оборудование» comes first by name; the largest is another measure's
    grants = datasets.get("grants-by-measure-year")
    rows = [
        {"measure": "Оборудование", "year": 2026, "amount": 24_500_000},
        {"measure": "Импортозамещение", "year": 2026, "amount": 394_000_000},
        {"measure": "Патенты", "year": 2025, "amount": 4_848_000},
    ]
    with translation.override("en"):
        words = chart_data(grants, rows)["description"]
    assert words.startswith("Amount, ₽, the largest: Импортозамещение, 2026: 394,000,000;")
    assert "Оборудование, 2026: 24,500,000" in words and words.endswith("3 rows in the table.")
    with translation.override("en"):
        one = chart_data(grants, rows[:1])["description"]
    assert one.endswith("1 row in the table.")
