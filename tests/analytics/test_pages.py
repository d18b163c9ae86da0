"""The analytics pages (SPEC C10): the public dashboard with a chart, its table and its downloads
for every dataset, the filters carried into the downloads, the open-data catalogue with each
dataset's passport, and the staff dashboards for staff only."""

import pytest
from django.test import Client

from innocluster.analytics import datasets
from innocluster.organizations.models import Region
from tests import factories

pytestmark = pytest.mark.django_db


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        factories.sign_in(client, user)
    return client


def participant_in(region: str):
    organization = factories.organization(owner=factories.person())
    organization.region = Region.objects.get(code=region)
    organization.save(update_fields=["region"])
    factories.participant(organization)
    return organization


def test_the_dashboard_shows_each_chart_with_its_table_and_downloads():
    participant_in("77")
    participant_in("77")
    participant_in("50")
    page = client_of().get("/analytics/")
    assert page.status_code == 200
    body = page.content.decode()
    for dataset in datasets.public():
        if dataset.chart is not None:
            assert f'data-testid="panel-{dataset.code}"' in body
            assert f'id="chart-{dataset.code}"' in body  # the chart's JSON
    table = body.split('data-testid="table-participants-by-region"')[1].split("</table>")[0]
    assert "г. Москва" in table and ">2<" in table and ">1<" in table


def test_the_filters_reach_the_tables_and_the_downloads():
    participant_in("77")
    participant_in("50")
    body = client_of().get("/analytics/?region=50").content.decode()
    table = body.split('data-testid="table-participants-by-region"')[1].split("</table>")[0]
    assert "Московская область" in table and "г. Москва" not in table
    assert "/api/v1/datasets/participants-by-region?region=50&amp;format=csv" in body


def test_a_bad_filter_is_said_and_the_page_still_works():
    answer = client_of().get("/analytics/?year=abc&region=zz")
    assert answer.status_code == 200
    assert 'class="notice notice--error"' in answer.content.decode()


def test_the_catalogue_and_a_passport():
    catalogue = client_of().get("/opendata/").content.decode()
    for dataset in datasets.public():
        assert f"/opendata/{dataset.code}/" in catalogue
        assert f"/api/v1/datasets/{dataset.code}/datapackage.json" in catalogue
    passport = client_of().get("/opendata/participants-by-region/").content.decode()
    assert 'data-testid="passport"' in passport and "CC-BY-4.0" not in passport  # the licence's title
    assert "Creative Commons Attribution 4.0" in passport
    assert "<code>region_code</code>" in passport
    assert client_of().get("/opendata/no-such-thing/").status_code == 404


def test_the_staff_dashboards_are_for_staff_only(owner):
    assert client_of(factories.staff("coordinator")).get("/analytics/staff/").status_code == 200
    assert client_of(owner).get("/analytics/staff/").status_code == 404
    assert client_of().get("/analytics/staff/").status_code == 302
    for dataset in datasets.staff_only():
        assert client_of().get(f"/opendata/{dataset.code}/").status_code == 404


def test_a_format_and_a_code_in_capitals_are_understood(api):
    participant_in("77")
    answer = api.get("/datasets/Participants-By-Region", {"format": "CSV"})
    assert answer.status_code == 200 and answer["Content-Type"] == "text/csv; charset=utf-8"
    refused = api.get("/datasets/participants-by-region", {"format": "pdf"})
    assert refused.status_code == 422 and refused.json()["details"]["field"] == "format"


def test_a_year_is_no_quantity_and_a_status_is_said_in_words():
    from django.utils import translation

    from innocluster.analytics.views import _display

    def field(code, name):
        return next(f for f in datasets.get(code).fields if f.name == name)

    with translation.override("ru"):
        assert _display(field("grants-by-measure-year", "year"), 2026) == "2026"  # not «2 026»
        assert _display(field("pilots-by-category-year", "year"), 2025) == "2025"
        assert _display(field("contests", "status"), "open") == "Приём решений"
    with translation.override("en"):
        assert _display(field("contests", "status"), "results_published") == "Results published"
