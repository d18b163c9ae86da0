import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innocluster.core.models import AuditEvent
from innocluster.measures.models import FormDraft, Measure, MeasureApplication, MeasureVersion
from innocluster.organizations.models import OrganizationPerson
from tests import factories, samples


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

    def test_an_items_refusal_is_said_beside_its_field_and_read_with_it(self, member_org, owner):
        # the summary linked to the field, marked invalid, but nothing beside it said why
        client = Client()
        factories.sign_in(client, owner)
        html = client.post(
            "/measures/pilot-testing/apply/",
            {
                "organization_id": member_org.pk,
                "project_title": "Пилот",
                "items-0-category": "labor",
                "items-0-amount": "-5.123",
                "action": "save",
            },
            headers={"accept-language": "en"},
        ).content.decode()
        assert 'href="#items-0-amount"' in html
        assert 'aria-invalid="true" aria-describedby="items-0-amount-error"' in html
        error = html.split('<small id="items-0-amount-error" class="errorlist">')[1].split("</small>")[0]
        assert error and error in html.split('data-testid="apply-error"')[1].split("</div>")[0]

    def test_the_derivation_says_each_items_limit_and_what_it_depends_on(self, member_org, owner):
        # a foreign utility model of 344,000.00 was compensated in full with an empty "Why": neither
        # its jurisdiction nor its limit of 2,000,000.00 was said anywhere on the page
        client = Client()
        factories.sign_in(client, owner)
        client.post(
            "/measures/patent-compensation/apply/",
            {
                "organization_id": member_org.pk,
                "project_title": "Патенты",
                "items-0-category": "utility_model",
                "items-0-amount": "344000",
                "items-0-jurisdiction": "foreign",
                "action": "save",
            },
        )
        application = MeasureApplication.objects.get()
        table = (
            client.get(f"/measures/applications/{application.pk}/")
            .content.decode()
            .split('data-testid="derivation"')[1]
        )
        table = table.split("</table>")[0]
        assert "юрисдикция: за рубежом" in table
        assert "2\u202f000\u202f000,00" in table and "344\u202f000,00" in table

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
class TestTypedAndKept:
    """SPEC §3: an application's form is saved as a draft as it is typed. The form kept nothing
    until it was valid and saved: a switch of language, a closed tab or a lost connection lost
    it all; two tabs saving the same application replaced each other's work silently."""

    def test_what_is_typed_comes_back_until_the_form_is_saved(self, member_org, owner, stranger):
        client = Client()
        factories.sign_in(client, owner)
        typed = {
            "organization_id": str(member_org.pk),
            "project_title": "Пилот в поликлинике",
            "items-0-category": "labor",
            "items-0-amount": "12,34,56",  # not yet a valid amount: kept as typed
            "csrfmiddlewaretoken": "x",
            "junk": "y" * 10,
        }
        answer = client.post("/measures/pilot-testing/apply/autosave/", typed)
        assert answer.status_code == 200 and 'data-testid="autosaved"' in answer.content.decode()
        assert FormDraft.objects.get().data == {
            "organization_id": str(member_org.pk),
            "project_title": "Пилот в поликлинике",
            "items-0-category": "labor",
            "items-0-amount": "12,34,56",
        }
        page = client.get("/measures/pilot-testing/apply/").content.decode()
        assert 'data-testid="restored-draft"' in page
        assert 'value="Пилот в поликлинике"' in page and 'value="12,34,56"' in page
        # someone else's form is theirs: a stranger sees nothing of it
        other = Client()
        factories.sign_in(other, stranger)
        assert "Пилот в поликлинике" not in other.get("/measures/pilot-testing/apply/").content.decode()
        client.post(
            "/measures/pilot-testing/apply/",
            {**typed, "items-0-amount": "1000", "pilot_id": factories.pilot(member_org).pk, "action": "save"},
        )
        application = MeasureApplication.objects.get()
        assert not FormDraft.objects.exists()
        assert (
            'data-testid="restored-draft"'
            not in client.get("/measures/pilot-testing/apply/").content.decode()
        )
        # typing into the saved application is kept for it; a stranger's autosave of it is a 404
        edit = f"/measures/pilot-testing/apply/{application.pk}/"
        client.post(f"{edit}autosave/", {**typed, "project_title": "Новое название"})
        assert 'value="Новое название"' in client.get(edit).content.decode()
        assert other.post(f"{edit}autosave/", {"project_title": "Чужое"}).status_code == 404
        assert FormDraft.objects.get().application == application

    def test_a_save_in_another_tab_is_not_replaced_silently(self, member_org, owner):
        client = Client()
        factories.sign_in(client, owner)
        pilot = factories.pilot(member_org)
        form = {
            "organization_id": member_org.pk,
            "pilot_id": pilot.pk,
            "project_title": "Первое",
            "items-0-category": "labor",
            "items-0-amount": "1000",
            "action": "save",
        }
        client.post("/measures/pilot-testing/apply/", form)
        application = MeasureApplication.objects.get()
        edit = f"/measures/pilot-testing/apply/{application.pk}/"
        page = client.get(edit).content.decode()
        loaded_at = application.updated_at.isoformat()
        assert f'name="loaded_at" value="{loaded_at}"' in page
        # tab B saves a new title; tab A, opened before, then saves its amount
        assert (
            client.post(edit, {**form, "project_title": "Из вкладки B", "loaded_at": loaded_at}).status_code
            == 302
        )
        refused = client.post(edit, {**form, "items-0-amount": "2000", "loaded_at": loaded_at})
        assert refused.status_code == 200 and 'data-testid="apply-error"' in refused.content.decode()
        assert 'value="2000"' in refused.content.decode()  # what tab A typed is still there
        application.refresh_from_db()
        assert application.project_title == "Из вкладки B"
        assert str(application.items.get().amount) == "1000.00"
        # saved again, knowingly: tab A's version replaces it
        newer = application.updated_at.isoformat()
        assert client.post(edit, {**form, "items-0-amount": "2000", "loaded_at": newer}).status_code == 302
        assert str(application.items.get().amount) == "2000.00"


@pytest.mark.django_db
class TestAMemberDrafts:
    """SPEC §1: a member reads and drafts; a manager files. A member was told they act for no
    organisation and got a 404 on its drafts."""

    def test_a_member_writes_the_draft_and_a_manager_submits_it(self, member_org, owner):
        member = factories.person(full_name="Мария Участник")
        OrganizationPerson.objects.create(organization=member_org, person=member, role="member")
        client = Client()
        factories.sign_in(client, member)
        page = client.get("/measures/pilot-testing/apply/").content.decode()
        assert f'<option value="{member_org.pk}"' in page
        form = {
            "organization_id": member_org.pk,
            "pilot_id": factories.pilot(member_org).pk,
            "project_title": "Черновик участника",
            "items-0-category": "labor",
            "items-0-amount": "1000",
            "action": "continue",
        }
        assert client.post("/measures/pilot-testing/apply/", form).status_code == 302
        application = MeasureApplication.objects.get()
        assert (application.case.status, application.case.applicant_id) == ("draft", member.pk)
        edit = f"/measures/pilot-testing/apply/{application.pk}/"
        assert client.get(edit).status_code == 200
        assert client.post(edit, {**form, "project_title": "Уточнено", "action": "save"}).status_code == 302
        assert (
            client.post(
                f"/measures/applications/{application.pk}/documents/",
                {"file": SimpleUploadedFile("смета.pdf", samples.pdf(), content_type="application/pdf")},
            ).status_code
            == 302
        )
        page = client.get(f"/measures/applications/{application.pk}/").content.decode()
        assert 'data-testid="submitted-by-manager"' in page
        # the member does not send it: a 403, and it stays a draft
        assert client.post(f"/measures/applications/{application.pk}/submit/").status_code == 403
        application.case.refresh_from_db()
        assert application.case.status == "draft" and application.documents.count() == 1
        manager = Client()
        factories.sign_in(manager, owner)
        assert manager.post(f"/measures/applications/{application.pk}/submit/").status_code == 302
        application.case.refresh_from_db()
        assert application.case.status == "submitted"


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
