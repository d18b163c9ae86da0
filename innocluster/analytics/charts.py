"""A dataset's chart as the JSON the page's script draws (Apache ECharts, vendored), and a text
description of it for those who do not see the picture: the table is under every chart too."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innocluster.analytics.datasets import Dataset
from innocluster.core.formats import format_measure


def _number(value) -> float | int:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value or 0


def chart_data(dataset: Dataset, rows: list[dict]) -> dict | None:
    """{"kind", "categories", "series": [{"name", "data"}], "description"} or None without a chart."""
    chart = dataset.chart
    if chart is None:
        return None
    titles = {f.name: str(f.title) for f in dataset.fields}
    shown = rows[: chart.limit] if chart.limit else rows
    if chart.series_by:
        categories = sorted({str(r[chart.x]) for r in shown})
        names = sorted({str(r[chart.series_by]) for r in shown})
        by = {(str(r[chart.series_by]), str(r[chart.x])): r for r in shown}
        series = [
            {"name": name, "data": [_number(by.get((name, c), {}).get(chart.y[0])) for c in categories]}
            for name in names
        ]
    else:
        # rows that share a category (a site category's pilots of several years) are one bar
        merged: dict[str, dict] = {}
        for r in shown:
            bar = merged.setdefault(str(r[chart.x]), dict.fromkeys(chart.y, 0))
            for y in chart.y:
                bar[y] += _number(r.get(y))
        categories = list(merged)
        series = [{"name": titles[y], "data": [merged[c][y] for c in categories]} for y in chart.y]
    return {
        "kind": chart.kind,
        "categories": categories,
        "series": series,
        "description": describe(dataset, rows, categories, series),
    }


def describe(dataset: Dataset, rows, categories, series) -> str:
    """One or two sentences a screen reader reads instead of the picture."""
    if not rows:
        return _("No data for the chosen filters.")
    chart = dataset.chart
    first = series[0]
    if chart.kind == "line" and categories:
        return _("%(series)s: from %(start)s in %(first)s to %(end)s in %(last)s.") % {
            "series": first["name"],
            "start": format_measure(first["data"][0]),
            "first": categories[0],
            "end": format_measure(first["data"][-1]),
            "last": categories[-1],
        }
    if chart.series_by:
        # the largest of every series (a measure's grants of a year), not of the first one only
        label = str(next(f.title for f in dataset.fields if f.name == chart.y[0]))
        bars = [(f"{s['name']}, {c}", v) for s in series for c, v in zip(categories, s["data"], strict=True)]
    else:
        label, bars = first["name"], list(zip(categories, first["data"], strict=True))
    pairs = sorted(bars, key=lambda p: -p[1])[:3]
    top = "; ".join(f"{name}: {format_measure(value)}" for name, value in pairs)
    return ngettext(
        "%(series)s, the largest: %(top)s. %(count)d row in the table.",
        "%(series)s, the largest: %(top)s. %(count)d rows in the table.",
        len(rows),
    ) % {"series": label, "top": top, "count": len(rows)}
