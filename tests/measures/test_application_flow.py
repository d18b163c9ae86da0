"""The application of a measure as people go through it: the form validated whole before anything
is written, the calculator's lines carried into it, the task list, "check your answers", the
confirmation with the number and the due date, and the one number in every place."""

import re

import pytest
from django.db import connection
from django.test import Client

from innocluster.core import calendar
from innocluster.measures.models import MeasureApplication
from innocluster.reviews import services as reviews
from innocluster.reviews.models import ReviewCase
from tests import factories

APPLY = "/measures/pilot-testing/apply/"


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture
def member_org(organization):
    factories.participant(organization)
    return organization


@pytest.fixture
def pilot(member_org):
    """The pilot the grant names (SPEC C6): the organisation's accepted one."""
    return factories.pilot(member_org)


@pytest.fixture
def client(owner):
    client = Client()
    factories.sign_in(client, owner)
    return client


def error_links(html: str) -> list[str]:
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="#([\w-]+)">', summary)


@pytest.mark.django_db
class TestNoDraftFromAFailedSubmit:
    @pytest.mark.parametrize("action", ["continue", "submit", "save"])
    def test_an_empty_submit_leaves_no_application(self, client, member_org, action):
        response = client.post(APPLY, {"organization_id": "", "action": action})
        assert response.status_code == 200
        assert MeasureApplication.objects.count() == 0 and ReviewCase.objects.count() == 0
        assert 'data-testid="apply-error"' in text(response)

    def test_a_submission_the_rules_refuse_leaves_no_draft(self, client, organization):
        # the organisation is not a participant: the measure's rules refuse it at submission
        body = {
            "organization_id": organization.pk,
            "project_title": "Патент",
            "items-0-category": "invention",
            "items-0-amount": "1000",
            "items-0-jurisdiction": "ru",
            "action": "submit",
        }
        for _attempt in range(2):
            response = client.post("/measures/patent-compensation/apply/", body)
            assert response.status_code == 200
            assert 'data-testid="apply-error"' in text(response)
        assert MeasureApplication.objects.count() == 0 and ReviewCase.objects.count() == 0

    def test_every_field_in_error_is_reported_at_once(self, client, member_org):
        response = client.post(
            APPLY,
            {
                "organization_id": "",
                "project_title": "",
                "items-0-category": "labor",
                "items-0-amount": "12,34,56",
                "items-1-category": "",
                "items-1-amount": "500",
                "action": "continue",
            },
        )
        html = text(response)
        assert error_links(html) == [
            "organization_id",
            "pilot_id",
            "project_title",
            "items-0-amount",
            "items-1-category",
        ]
        assert "Статья 1:" in html and "Статья 2:" in html
        assert 'id="items-0-amount" aria-invalid="true"' in html
        assert "12,34,56" in html  # what was typed stays
        assert MeasureApplication.objects.count() == 0

    def test_a_draft_with_something_typed_is_saved(self, client, member_org, pilot):
        response = client.post(
            APPLY,
            {
                "organization_id": member_org.pk,
                "pilot_id": pilot.pk,
                "project_title": "Пилот",
                "action": "save",
            },
        )
        application = MeasureApplication.objects.get()
        assert response["Location"] == f"/measures/applications/{application.pk}/"
        assert application.project_title == "Пилот" and application.items.count() == 0
        assert application.case.status == "draft"


@pytest.mark.django_db
class TestCalculatorLinesCarried:
    def test_the_apply_form_starts_with_the_calculators_lines(self, member_org, owner, pilot):
        client = Client()
        lines = {
            "items-0-category": "logistics",
            "items-0-amount": "1500000",
            "items-1-category": "labor",
            "items-1-amount": "700000",
        }
        assert client.post("/measures/pilot-testing/quote/", lines).status_code == 200
        factories.sign_in(client, owner)  # signs in after calculating, as on the site
        html = text(client.get(APPLY))
        assert 'data-testid="carried-items"' in html
        assert re.search(r'name="items-0-category"[^>]*>.*?<option value="logistics" selected>', html, re.S)
        assert 'id="items-0-amount" value="1500000"' in html
        assert 'id="items-1-amount" value="700000"' in html
        assert re.search(r'name="items-1-category"[^>]*>.*?<option value="labor" selected>', html, re.S)

        client.post(
            APPLY,
            {
                "organization_id": member_org.pk,
                "pilot_id": pilot.pk,
                "project_title": "Пилот",
                **lines,
                "action": "continue",
            },
        )
        application = MeasureApplication.objects.get()
        assert [(i.category, str(i.amount)) for i in application.items.order_by("position")] == [
            ("logistics", "1500000.00"),
            ("labor", "700000.00"),
        ]
        # once applied, a new form starts empty again
        assert 'data-testid="carried-items"' not in text(client.get(APPLY))

    def test_without_a_calculation_the_form_starts_with_one_empty_line(self, client, member_org):
        html = text(client.get(APPLY))
        assert 'data-testid="carried-items"' not in html and 'id="items-1-category"' not in html


@pytest.mark.django_db
class TestTaskListCheckAndConfirmation:
    def test_from_the_task_list_to_the_confirmation(self, client, member_org, pilot):
        response = client.post(
            APPLY,
            {
                "organization_id": member_org.pk,
                "pilot_id": pilot.pk,
                "project_title": "Пилот датчиков",
                "items-0-category": "certification",
                "items-0-amount": "350000.50",
                "action": "continue",
            },
        )
        application = MeasureApplication.objects.get()
        page = f"/measures/applications/{application.pk}/"
        assert response["Location"] == page
        html = text(client.get(page))
        tasks = dict(
            re.findall(r'data-task="(\w+)">.*?<span class="task-list__status[^"]*">([^<]+)<', html, re.S)
        )
        assert tasks == {
            "project": "Выполнено",
            "items": "Выполнено",
            "documents": "Не начато",
            "check": "Не начато",
        }
        check = text(client.get(f"{page}check/"))
        assert "Пилот датчиков" in check and "350 000,50 ₽" in check
        assert f"/measures/pilot-testing/apply/{application.pk}/#items-0-category" in check
        assert check.count(">Изменить<") == 5  # pilot, project, description, one item, documents

        response = client.post(f"{page}submit/")
        assert response["Location"] == f"{page}submitted/"
        confirmation = text(client.get(response["Location"]))
        case = ReviewCase.objects.get(kind="measure")
        assert f'data-testid="confirmation-number">№{case.pk}<' in confirmation
        due = calendar.add_working_days(case.submitted_on, application.measure.review_days)
        assert case.review_due == due
        months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                  "сентября", "октября", "ноября", "декабря"]  # fmt: skip
        assert f'data-testid="confirmation-due">{due.day} {months[due.month - 1]} {due.year}<' in confirmation

    def test_a_draft_without_items_cannot_be_checked_yet(self, client, member_org, pilot):
        client.post(
            APPLY,
            {
                "organization_id": member_org.pk,
                "pilot_id": pilot.pk,
                "project_title": "Пилот",
                "action": "save",
            },
        )
        application = MeasureApplication.objects.get()
        html = text(client.get(f"/measures/applications/{application.pk}/"))
        tasks = dict(
            re.findall(r'data-task="(\w+)">.*?<span class="task-list__status[^"]*">([^<]+)<', html, re.S)
        )
        assert tasks == {
            "project": "Выполнено",
            "items": "Не начато",
            "documents": "Нельзя начать",
            "check": "Нельзя начать",
        }
        assert f"/measures/applications/{application.pk}/check/" not in html


@pytest.mark.django_db
class TestOneNumber:
    def test_the_cabinet_the_page_the_desk_and_the_api_show_the_cases_number(
        self, client, member_org, stranger, api, owner, pilot
    ):
        for _ in range(3):  # someone else's cases first: the case's number is not the application's
            reviews.create_case(kind="membership", organization=None, applicant=stranger, title="—")
        # and the application's id far from every case's number (the pilot's case is №1: run alone,
        # the application would be id 1 and the check below could not tell them apart)
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('measures_measureapplication', 'id'), 700)")
        client.post(
            APPLY,
            {
                "organization_id": member_org.pk,
                "pilot_id": pilot.pk,
                "project_title": "Пилот",
                "items-0-category": "labor",
                "items-0-amount": "1000",
                "action": "submit",
            },
        )
        application = MeasureApplication.objects.get()
        number = application.case_id
        assert number != application.pk and application.number == number
        cabinet = text(client.get("/cabinet/"))
        page = text(client.get(f"/measures/applications/{application.pk}/"))
        coordinator = factories.staff("coordinator")
        desk_client = Client()
        factories.sign_in(desk_client, coordinator)
        desk = text(desk_client.get(f"/staff/desk/{number}/"))
        for html in (cabinet, page, desk):
            assert f"№{number}" in html
            assert f"№{application.pk}<" not in html and f"№{application.pk} " not in html
        # in English the same number, with the English sign (the cabinet's notifications stay in the
        # language they were sent in)
        assert f"No. {number}<" in text(client.get("/cabinet/", HTTP_ACCEPT_LANGUAGE="en"))
        english = text(client.get(f"/measures/applications/{application.pk}/", HTTP_ACCEPT_LANGUAGE="en"))
        assert f"No. {number}" in english and f"№{number}" not in english
        # the API keeps its id for the URL and says the same number people see
        body = api.as_(owner).get(f"/applications/{application.pk}").json()
        assert (body["id"], body["number"]) == (application.pk, number)


@pytest.mark.django_db
def test_an_agreement_numbered_by_the_older_scheme_does_not_block_a_new_grant(member_org, owner):
    """Agreements were numbered by the application's key before they took the case's number: a
    database upgraded from then may hold the number a new agreement would get."""
    from django.utils import timezone

    from innocluster.measures import services as measures
    from innocluster.measures.models import Agreement, Measure

    measure = Measure.objects.get(code="pilot-testing")
    pilot = factories.pilot(member_org)
    older = measures.apply(
        actor=owner,
        measure=measure,
        organization=member_org,
        raw_items=[{"category": "labor", "amount": "10"}],
        pilot_id=pilot.pk,
    )
    newer = measures.apply(
        actor=owner,
        measure=measure,
        organization=member_org,
        raw_items=[{"category": "labor", "amount": "20"}],
        pilot_id=factories.pilot(member_org, product="Второй продукт").pk,  # one pilot, one grant
    )
    coordinator = factories.staff("coordinator")
    year = timezone.localdate().year
    taken = f"PIL-{year}-{newer.case_id:06d}"
    # the older application's agreement, as the older scheme numbered it
    reviews.decide(older.case, "approve", actor=coordinator)
    Agreement.objects.filter(application=older).update(number=taken)
    reviews.decide(newer.case, "approve", actor=coordinator)
    assert Agreement.objects.get(application=newer).number == f"{taken}-{newer.pk}"
