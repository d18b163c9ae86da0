"""A chart's data and its words, from a dataset's rows."""

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
