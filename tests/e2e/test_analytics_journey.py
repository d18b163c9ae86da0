"""The public analytics dashboard and the open-data catalogue in a real browser (SPEC C10).

A visitor opens /analytics/: every chart with data is drawn as an SVG by Apache ECharts (vendored)
under the page's real content security policy, with no script error and nothing the policy refuses;
the caption and the table under the region chart hold the figures of the participants the test
admitted; the region filter changes the table; the CSV download holds exactly the table's rows. Then
the catalogue at /opendata/, a dataset's passport and its datapackage.json.

A full-page screenshot of the dashboard is kept: in $INNOCLUSTER_TEST_ARTEFACTS (or
$INNOCLUSTER_ARTIFACTS, as tests/e2e/test_site_map.py names it) when set, else in pytest's
tmp_path.

The chart kinds no dataset draws yet in this test's data (bars in series, a line over months, a
ranked chart of money) are drawn from JSON put into the real page, in Russian and in English, to
check the legend, the tooltip, the numbers and the dates in the page's language.
"""

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from innocluster.organizations.models import Region
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REGION_CHART = "participants-by-region"


def watch(page) -> list[str]:
    """Every console error and uncaught exception of the page; the policy's refusals are console
    errors in Chromium ("Applying inline style violates the following Content Security Policy…")."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def artefacts(tmp_path) -> Path:
    named = os.environ.get("INNOCLUSTER_TEST_ARTEFACTS") or os.environ.get("INNOCLUSTER_ARTIFACTS")
    directory = Path(named) if named else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def wait_for_charts(page) -> list[str]:
    """Every chart with data has its SVG; a chart without data keeps no room (its caption and table
    say so). Returns the codes of the drawn ones."""
    drawn = []
    for canvas in page.locator("[data-chart]").all():
        chart_id = canvas.get_attribute("data-chart")
        chart = json.loads(page.locator(f"script#{chart_id}").text_content())
        if chart["categories"]:
            canvas.locator("svg").wait_for()
            assert canvas.get_attribute("data-drawn") == chart["kind"]
            drawn.append(chart_id.removeprefix("chart-"))
        else:
            assert not canvas.is_visible()
    return drawn


def top(canvas, text) -> float:
    """How far down the chart a text of its SVG is drawn."""
    return canvas.locator("svg text", has_text=text).first.bounding_box()["y"]


def table_rows(page, code) -> list[list[str]]:
    table = page.get_by_test_id(f"table-{code}")
    return [
        [cell.text_content().strip() for cell in row.locator("td").all()]
        for row in table.locator("tbody tr").all()
    ]


def test_dashboard_charts_filter_download_and_the_catalogue(page, live_server, tmp_path):
    for region in ("77", "77", "50"):
        factories.participant(factories.organization(region_code=region))
    moscow, oblast = Region.objects.get(code="77").name_ru, Region.objects.get(code="50").name_ru
    problems = watch(page)
    page.emulate_media(reduced_motion="reduce")

    page.goto("/analytics/")
    drawn = wait_for_charts(page)
    assert REGION_CHART in drawn
    canvas = page.get_by_test_id(f"chart-{REGION_CHART}")
    assert canvas.get_attribute("role") == "img"
    # the reader asked for reduced motion: no animation
    assert canvas.evaluate("el => echarts.getInstanceByDom(el).getOption().animation") is False
    # the ranked chart: largest on top, each bar with its figure
    assert top(canvas, moscow) < top(canvas, oblast)
    assert {"2", "1"} <= set(canvas.locator("svg text").all_text_contents())
    caption = page.get_by_test_id(f"description-{REGION_CHART}").inner_text()
    assert f"{moscow}: 2" in caption and f"{oblast}: 1" in caption
    assert canvas.get_attribute("aria-label") == caption
    panel = page.get_by_test_id(f"panel-{REGION_CHART}")
    panel.locator("details.chart-table > summary").click()  # "view as table"
    assert page.get_by_test_id(f"table-{REGION_CHART}").is_visible()
    assert table_rows(page, REGION_CHART) == [["77", moscow, "2"], ["50", oblast, "1"]]
    page.screenshot(path=artefacts(tmp_path) / "analytics-dashboard.png", full_page=True)

    # the region filter applies to the chart, the table and the downloads
    filters = page.get_by_test_id("analytics-filters")
    filters.locator("select[name=region]").select_option("50")
    filters.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"region=50"))
    assert REGION_CHART in wait_for_charts(page)
    assert table_rows(page, REGION_CHART) == [["50", oblast, "1"]]
    assert moscow not in page.get_by_test_id(f"chart-{REGION_CHART}").locator("svg").text_content()

    with page.expect_download() as download_info:
        page.get_by_test_id(f"download-{REGION_CHART}-1").click()  # CSV
    download = download_info.value
    assert download.suggested_filename == f"{REGION_CHART}_region-50.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == ["region_code", "region", "count"]
    assert rows == table_rows(page, REGION_CHART)
    with page.expect_download() as download_info:
        page.get_by_test_id(f"download-{REGION_CHART}-2").click()  # CSV for Excel: with a BOM
    assert Path(download_info.value.path()).read_bytes().startswith("\ufeff".encode())

    # the catalogue, a passport, its datapackage.json
    page.goto("/opendata/")
    datasets = page.get_by_test_id("datasets")
    row = datasets.locator("tr").filter(has=page.locator("code", has_text=re.compile(f"^{REGION_CHART}$")))
    row.locator("th a").click()
    page.wait_for_url(f"**/opendata/{REGION_CHART}/")
    assert REGION_CHART in page.get_by_test_id("passport").inner_text()
    assert [
        c.inner_text() for c in page.get_by_test_id("fields").locator("tbody tr td:first-child").all()
    ] == [
        "region_code",
        "region",
        "count",
    ]
    assert wait_for_charts(page) == [REGION_CHART]
    assert table_rows(page, REGION_CHART) == [["77", moscow, "2"], ["50", oblast, "1"]]
    with page.expect_response(re.compile(r"/datapackage\.json$")) as response_info:
        page.get_by_test_id("passport").get_by_role("link", name="datapackage.json").click()
    package = response_info.value.json()
    assert package["name"] == REGION_CHART
    (resource,) = package["resources"]
    assert [f["name"] for f in resource["schema"]["fields"]] == ["region_code", "region", "count"]
    assert resource["path"] == f"{live_server.url}/api/v1/datasets/{REGION_CHART}?format=csv"

    assert problems == []


# ---- every kind of chart, in both languages ------------------------------------------------------

KINDS = {
    "bar": {
        "kind": "bar",
        "categories": ["2024", "2025"],
        "series": [{"name": "Старт", "data": [3, 5]}, {"name": "Развитие", "data": [1, 4]}],
        "description": "bars",
    },
    "line": {
        "kind": "line",
        "categories": ["2024-01-01", "2024-02-01", "2024-03-01"],
        "series": [{"name": "Участники", "data": [1, 2, 4]}],
        "description": "line",
    },
    "hbar": {
        "kind": "hbar",
        "categories": ["Старт", "Развитие"],
        "series": [{"name": "Сумма грантов", "data": [1234567.5, 1000]}],
        "description": "ranked",
    },
}


def with_kinds(route):
    """The real page (its headers, the content security policy among them) with a chart of every
    kind, marked up as analytics/_panel.html marks them."""
    response = route.fetch()
    panels = "".join(
        f'<figure class="chart"><div class="chart__canvas" data-chart="kind-{kind}" data-testid="kind-{kind}" '
        f'role="img" aria-label="{kind}"></div><script id="kind-{kind}" type="application/json">'
        f"{json.dumps(chart)}</script><figcaption>{kind}</figcaption></figure>"
        for kind, chart in KINDS.items()
    )
    route.fulfill(response=response, body=response.text().replace("</main>", panels + "</main>", 1))


@pytest.mark.parametrize(
    ("locale", "amount", "month"),
    [("ru-RU", "1\u00a0234\u00a0567,5", "янв. 2024"), ("en-US", "1,234,567.5", "Jan 2024")],
)
def test_every_kind_of_chart_draws_in_the_pages_language(browser, live_server, locale, amount, month):
    context = browser.new_context(locale=locale, base_url=live_server.url)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems = watch(page)
        page.route("**/analytics/", with_kinds)
        page.goto("/analytics/")
        for kind in KINDS:
            page.get_by_test_id(f"kind-{kind}").locator("svg").wait_for()
        bars, line, ranked = (page.get_by_test_id(f"kind-{kind}") for kind in KINDS)
        assert ranked.evaluate("el => echarts.getInstanceByDom(el).getOption().animation") is True

        # two series: a legend with both names, in the first two colours of the palette
        assert {"Старт", "Развитие"} <= set(bars.locator("svg text").all_text_contents())
        fills = bars.locator("svg path[fill]").evaluate_all("paths => paths.map(p => p.getAttribute('fill'))")
        assert {"#0072B2", "#E69F00"} <= set(fills)
        # months in the page's language
        assert any(text.startswith(month) for text in line.locator("svg text").all_text_contents())
        # the ranked chart: the largest on top, each bar with its figure in the page's language
        labels = ranked.locator("svg text").all_text_contents()
        assert amount in labels
        assert top(ranked, "Старт") < top(ranked, "Развитие")

        # the tooltip is drawn inside the SVG ("richText": ECharts' HTML tooltip writes style
        # attributes the policy refuses)
        ranked.scroll_into_view_if_needed()
        box = ranked.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
        page.get_by_test_id("kind-hbar").locator("svg text", has_text="Сумма грантов").wait_for()

        page.set_viewport_size({"width": 600, "height": 900})
        page.wait_for_function(
            "() => document.querySelector('[data-chart=kind-bar] svg').getAttribute('width') < 600"
        )
        assert problems == []
    finally:
        context.close()


def test_names_with_the_same_first_words_are_told_apart_on_a_phone(browser, live_server):
    # on a 360-px phone every intersectoral cluster read «Межотраслевой к…»
    chart = {
        "kind": "hbar",
        "categories": [
            "Межотраслевой кластер электротранспорта",
            "Межотраслевой кластер аддитивных технологий",
            "Кластер медицинских технологий",
        ],
        "series": [{"name": "Участники", "data": [40, 35, 30]}],
        "description": "clusters",
    }

    def with_clusters(route):
        response = route.fetch()
        panel = (
            '<figure class="chart"><div class="chart__canvas" data-chart="clusters" data-testid="clusters" '
            f'role="img" aria-label="clusters"></div><script id="clusters" type="application/json">'
            f"{json.dumps(chart)}</script></figure>"
        )
        route.fulfill(response=response, body=response.text().replace("</main>", panel + "</main>", 1))

    context = browser.new_context(
        locale="ru-RU", base_url=live_server.url, viewport={"width": 360, "height": 740}
    )
    try:
        page = context.new_page()
        page.route("**/analytics/", with_clusters)
        page.goto("/analytics/")
        drawn = page.get_by_test_id("clusters")
        drawn.locator("svg").wait_for()
        shown = drawn.locator("svg text").all_text_contents()
        assert any(text.startswith("…электро") for text in shown)
        assert any(text.startswith("…аддитив") for text in shown)
        assert any(text.startswith("Кластер мед") for text in shown)  # it shares no first word
        # the chart's own data keeps the whole names (the tooltip shows them)
        names = drawn.evaluate("el => echarts.getInstanceByDom(el).getOption().yAxis[0].data")
        assert "Межотраслевой кластер электротранспорта" in names
    finally:
        context.close()
