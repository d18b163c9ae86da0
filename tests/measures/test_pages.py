import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innocluster.core.models import AuditEvent
from innocluster.measures.models import Measure, MeasureApplication, MeasureVersion
from tests import factories


@pytest.fixture
def member_org(organization):
    factories.participant(organization)
    return organization


@pytest.mark.django_db
class TestCalculatorPage:
    def test_catalogue_and_measure_pages(self):
        client = Client()
        catalogue = client.get("/measures/").content.decode()
        for measure in Measure.objects.all():
            assert f"/measures/{measure.code}/" in catalogue
            assert client.get(f"/measures/{measure.code}/").status_code == 200
        assert client.get("/measures/no-such-measure/").status_code == 404

    def test_a_patents_object_is_named_in_the_words_of_the_law(self):
        # Civil Code art. 1352: «промышленный образец»; «промышленный дизайн» is the design service
        page = (
            Client(headers={"accept-language": "ru"}).get("/measures/patent-compensation/").content.decode()
        )
        assert "Промышленный образец" in page and "Промышленный дизайн" not in page

    def test_calculator_answers_with_the_derivation(self):
        response = Client().post(
            "/measures/patent-compensation/quote/",
            {
                "items-0-category": "invention",
                "items-0-amount": "100000",
                "items-0-jurisdiction": "ru",
                "items-1-category": "utility_model",
                "items-1-amount": "1000",
                "items-1-jurisdiction": "foreign",
            },
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert 'data-testid="quote-amount"' in html and "76" in html
        assert "лимитом 75\u202f000,00\u00a0₽ для категории" in html  # the per-item cap in the note

    def test_calculator_bad_amount_is_a_message_not_an_error(self):
        response = Client().post(
            "/measures/pilot-testing/quote/", {"items-0-category": "labor", "items-0-amount": "1e400"}
        )
        assert response.status_code == 200 and 'data-testid="quote-error"' in response.content.decode()

    def test_calculator_counts_only_for_the_organisations_people(self, member_org, owner, stranger):
        client = Client()
        factories.sign_in(client, stranger)
        data = {
            "organization_id": member_org.pk,
            "items-0-category": "purchase",
            "items-0-amount": "100",
            "items-0-origin": "domestic",
            "items-0-date": "2024-01-10",
        }
        html = client.post("/measures/equipment-cofinancing/quote/", data).content.decode()
        assert "уже полученное не учтено: выберите свою организацию" in html


@pytest.mark.django_db
class TestApplyPage:
    def test_bad_item_keeps_what_was_typed(self, member_org, owner):
        client = Client()
        factories.sign_in(client, owner)
        response = client.post(
            "/measures/pilot-testing/apply/",
            {
                "organization_id": member_org.pk,
                "project_title": "Пилот в поликлинике",
                "items-0-category": "labor",
                "items-0-amount": "12,34,56",
                "action": "submit",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200 and 'data-testid="apply-error"' in html
        assert "Пилот в поликлинике" in html and "12,34,56" in html
        assert not MeasureApplication.objects.exists()

    def test_apply_and_see_the_application(self, member_org, owner, stranger):
        client = Client()
        factories.sign_in(client, owner)
        response = client.post(
            "/measures/pilot-testing/apply/",
            {
                "organization_id": member_org.pk,
                "pilot_id": factories.pilot(member_org).pk,
                "project_title": "Пилот",
                "items-0-category": "labor",
                "items-0-amount": "1000.50",
                "action": "submit",
            },
        )
        application = MeasureApplication.objects.get()
        assert response["Location"] == f"/measures/applications/{application.pk}/submitted/"
        page = client.get(f"/measures/applications/{application.pk}/").content.decode().replace("\xa0", " ")
        page = page.replace("\u202f", " ")
        assert 'data-testid="application-status">Подана<' in page
        assert "1 000,50 ₽" in page
        assert str(application.requested_amount) == "1000.50"
        other = Client()
        factories.sign_in(other, stranger)
        for url in (
            f"/measures/applications/{application.pk}/",
            f"/measures/applications/{application.pk}/agreement.pdf",
            f"/measures/pilot-testing/apply/{application.pk}/",
        ):
            assert other.get(url).status_code == 404
        assert other.post(f"/measures/applications/{application.pk}/submit/").status_code == 404

    def test_cabinet_lists_the_application(self, member_org, owner):
        client = Client()
        factories.sign_in(client, owner)
        client.post(
            "/measures/pilot-testing/apply/",
            {
                "organization_id": member_org.pk,
                "pilot_id": factories.pilot(member_org).pk,
                "items-0-category": "labor",
                "items-0-amount": "10",
                "action": "save",
            },
        )
        application = MeasureApplication.objects.get()
        cabinet = client.get("/cabinet/").content.decode()
        assert f"/measures/applications/by-case/{application.case_id}/" in cabinet
        assert (
            client.get(f"/measures/applications/by-case/{application.case_id}/")["Location"]
            == f"/measures/applications/{application.pk}/"
        )


@pytest.mark.django_db
class TestBackOffice:
    def test_coordinator_adds_a_version_and_bad_rules_are_refused(self):
        coordinator = factories.staff("coordinator")
        client = Client()
        factories.sign_in(client, coordinator)
        measure = Measure.objects.get(code="pilot-testing")
        url = "/admin/measures/measureversion/add/"
        bad = {
            "measure": measure.pk,
            "effective_from": dt.date.today().isoformat(),
            "rate__labor": "180",  # a rate over 100 %
        }
        assert client.post(url, bad).status_code == 200
        past = {**bad, "effective_from": "2020-01-01", "rate__labor": "80"}
        assert client.post(url, past).status_code == 200
        good = {**bad, "rate__labor": "80", "application_cap": "3000000", "note": "Ставка 80%"}
        assert client.post(url, good).status_code == 302
        version = MeasureVersion.objects.get(measure=measure, effective_from=dt.date.today())
        assert version.created_by == coordinator
        assert AuditEvent.objects.filter(action="measure.version_added", actor=coordinator).exists()
        assert (
            Client()
            .post(
                "/api/v1/measures/pilot-testing/quote",
                {"items": [{"category": "labor", "amount": "100"}]},
                content_type="application/json",
            )
            .json()["amount"]
            == "80.00"
        )

    def test_reviewer_cannot_change_measures(self):
        client = Client()
        factories.sign_in(client, factories.staff("reviewer"))
        assert client.get("/admin/measures/measureversion/add/").status_code == 403


@pytest.mark.django_db
def test_catalogue_queries_do_not_grow():
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/api/v1/measures").status_code == 200
            assert Client().get("/measures/").status_code == 200
        return len(captured)

    five = queries()
    extra = Measure.objects.create(
        code="extra", title_ru="Доп.", title_en="Extra", applicant_kind="organization"
    )
    MeasureVersion.objects.create(
        measure=extra,
        effective_from=dt.date(2022, 1, 1),
        rules=[{"kind": "application_cap", "limit": "1.00"}],
    )
    assert queries() == five
