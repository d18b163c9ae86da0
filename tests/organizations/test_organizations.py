import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innocluster.core.models import AuditEvent
from innocluster.organizations.models import OkvedClass, Organization, OrganizationPerson, Region
from innocluster.reviews import services as reviews
from tests import factories

PRIVATE = ("inn", "ogrn", "kpp", "address", "staff_count", "email", "phone")


@pytest.mark.django_db
def test_reference_data_is_loaded():
    assert Region.objects.count() == 89
    assert Region.objects.get(code="77").name_ru == "г. Москва"
    assert OkvedClass.objects.count() == 88
    assert OkvedClass.objects.get(code="26").name_en.startswith("Manufacture of computer")


@pytest.mark.django_db
class TestRegisterApi:
    def test_caller_becomes_owner(self, api, owner):
        response = api.as_(owner).post(
            "/organizations", factories.organization_data(inn="7707083893", ogrn="1027700132195")
        )
        assert response.status_code == 201
        body = response.json()
        assert body["inn"] == "7707083893" and body["my_role"] == "owner"
        assert body["region_code"] == "77" and body["okved_main"] == "26"
        organization = Organization.objects.get(pk=body["id"])
        assert OrganizationPerson.objects.get(organization=organization, person=owner).role == "owner"
        assert AuditEvent.objects.filter(
            action="organization.registered", object_id=str(organization.pk)
        ).exists()

    def test_sole_proprietor(self, api, owner):
        data = factories.organization_data(**factories.proprietor_identifiers(), kpp=None)
        response = api.as_(owner).post("/organizations", data)
        assert response.status_code == 201, response.json()
        assert response.json()["kind"] == "sole_proprietor"

    def test_a_legal_entity_without_its_kpp(self, api, owner):
        # the contract's `"kpp"?`: optional, absent or blank; one that is sent is still checked
        for kpp in (None, ""):
            data = factories.organization_data()
            if kpp is None:
                del data["kpp"]
            else:
                data["kpp"] = kpp
            response = api.as_(owner).post("/organizations", data)
            assert response.status_code == 201, response.json()
            assert Organization.objects.get(pk=response.json()["id"]).kpp == ""

    def test_anonymous_cannot_register(self, api):
        assert api.post("/organizations", factories.organization_data()).status_code == 401

    def test_one_organisation_per_inn(self, api, owner, stranger):
        data = factories.organization_data()
        assert api.as_(owner).post("/organizations", data).status_code == 201
        again = {**data, **{k: v for k, v in factories.legal_identifiers().items() if k == "ogrn"}}
        response = api.as_(stranger).post("/organizations", again)
        assert response.status_code == 409
        assert response.json()["code"] == "inn_taken"
        assert response.json()["details"]["field"] == "inn"

    def test_database_refuses_a_second_inn_whatever_the_code(self, organization):
        with pytest.raises(IntegrityError), transaction.atomic():
            Organization.objects.create(
                **{**factories.legal_identifiers(), "inn": organization.inn},
                full_name="X",
                short_name="X",
                region_id="77",
                okved_main_id="26",
                sme_category="small",
            )

    @pytest.mark.parametrize(
        ("override", "field"),
        [
            ({"inn": "7707083894"}, "inn"),
            ({"inn": "７７０７０８３８９３"}, "inn"),
            ({"ogrn": "1027700132196"}, "ogrn"),
            ({"kpp": "77A101001"}, "kpp"),
            ({"region_code": "99"}, "region_code"),
            ({"okved_main": "04"}, "okved_main"),
            ({"sme_category": "huge"}, "sme_category"),
            ({"kind": "state"}, "kind"),
            ({"full_name": "Я" * 2000}, "full_name"),
            ({"short_name": "ООО\x00"}, "short_name"),
            ({"short_name": ""}, "short_name"),
            ({"website": "javascript:alert(1)"}, "website"),
            ({"capabilities": ["x" * 500]}, "capabilities"),
            ({"description_ru": "a\x00b"}, "description_ru"),
        ],
    )
    def test_bad_input_names_the_field(self, api, owner, override, field):
        response = api.as_(owner).post("/organizations", factories.organization_data(**override))
        assert response.status_code == 422, response.content
        assert response.json()["code"] == "invalid"
        assert response.json()["details"]["field"] == field
        assert not Organization.objects.exists()

    @pytest.mark.parametrize(
        "body",
        [
            '{"kind": 1, "inn": [], "ogrn": {}}',
            "not json",
            '{"inn": "' + "9" * 5000 + '"}',
            "[]",
            '{"year_founded": 1e400}',
        ],
    )
    def test_junk_bodies_are_4xx(self, owner, body):
        from innocluster.accounts.services import issue_token

        response = Client().post(
            "/api/v1/organizations",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {issue_token(user=owner)}"},
        )
        assert 400 <= response.status_code < 500


@pytest.mark.django_db
class TestPrivateData:
    def test_stranger_and_anonymous_see_only_the_public_profile(self, api, organization, stranger):
        for client in (api, api.as_(stranger)):
            body = client.get(f"/organizations/{organization.pk}").json()
            assert body["short_name"] == organization.short_name
            for field in PRIVATE:
                assert field not in body
            assert organization.inn not in str(body)

    def test_its_people_see_private_fields_unlogged(self, api, organization, owner):
        body = api.as_(owner).get(f"/organizations/{organization.pk}").json()
        assert body["inn"] == organization.inn and body["phone"] == "+7 495 000-00-00"
        assert not AuditEvent.objects.filter(action="personal_data.read").exists()

    def test_staff_without_a_reason_see_the_public_profile_only(self, api, organization):
        reviewer = factories.staff("reviewer")
        body = api.as_(reviewer).get(f"/organizations/{organization.pk}").json()
        assert "inn" not in body
        short = api.as_(reviewer).get(f"/organizations/{organization.pk}", {"reason": "нужно"}).json()
        assert "inn" not in short  # a reason is at least 10 characters
        assert not AuditEvent.objects.filter(action="personal_data.read").exists()

    def test_staff_with_a_typed_reason_see_them_and_the_reason_is_logged(self, api, organization):
        coordinator = factories.staff("coordinator")
        reason = "Проверка сведений по обращению №12"
        body = api.as_(coordinator).get(f"/organizations/{organization.pk}", {"reason": reason}).json()
        assert body["inn"] == organization.inn
        event = AuditEvent.objects.get(action="personal_data.read", actor=coordinator)
        assert (event.object_id, event.comment) == (str(organization.pk), reason)

    def test_staff_with_a_case_assigned_need_no_typed_reason(self, api, organization, owner):
        reviewer = factories.staff("reviewer")
        application = factories.membership_application(organization=organization, actor=owner)
        reviews.assign(application.case, assignee=reviewer, actor=reviewer)
        body = api.as_(reviewer).get(f"/organizations/{organization.pk}").json()
        assert body["inn"] == organization.inn
        event = AuditEvent.objects.get(action="personal_data.read", actor=reviewer)
        assert event.comment == f"case #{application.case.pk} (membership) assigned to them"

    def test_the_page_asks_staff_for_the_reason(self, organization):
        coordinator = factories.staff("coordinator")
        client = Client()
        factories.sign_in(client, coordinator)
        page = client.get(f"/organizations/{organization.pk}/").content.decode()
        assert organization.inn not in page and 'name="reason"' in page
        page = client.get(f"/organizations/{organization.pk}/", {"reason": "Сверка реквизитов для договора"})
        assert organization.inn in page.content.decode()
        assert AuditEvent.objects.get(action="personal_data.read").comment == "Сверка реквизитов для договора"

    @pytest.mark.parametrize("role", ["reviewer", "administrator", "superuser"])
    def test_the_admin_asks_staff_for_the_reason_too(self, organization, role):
        # the admin showed every private field to any staff member, with no reason and no trace
        person = (
            factories.person(is_superuser=True, staff=True) if role == "superuser" else factories.staff(role)
        )
        client = Client()
        factories.sign_in(client, person)
        listing = client.get("/admin/organizations/organization/").content.decode()
        assert "ООО «Микросистемы»" in listing and organization.inn not in listing
        url = f"/admin/organizations/organization/{organization.pk}/change/"
        page = client.get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert organization.inn not in body and organization.phone not in body
        assert 'data-testid="private-reason"' in body and 'name="reason"' in body
        assert not AuditEvent.objects.filter(action="personal_data.read").exists()
        body = client.get(url, {"reason": "Сверка реквизитов для договора"}).content.decode()
        assert organization.inn in body and organization.phone in body
        assert "Полное наименование" in body and "ФИО" not in body  # an organisation's, not a person's
        event = AuditEvent.objects.get(action="personal_data.read")
        assert (event.actor, event.object_id, event.comment) == (
            person,
            str(organization.pk),
            "Сверка реквизитов для договора",
        )

    def test_a_refused_admin_page_reads_nothing_and_the_inn_is_found_only_whole(self, organization):
        expert = factories.staff("expert")  # in the admin, but not among those who see organisations
        client = Client()
        factories.sign_in(client, expert)
        url = f"/admin/organizations/organization/{organization.pk}/change/"
        assert client.get(url, {"reason": "Сверка реквизитов для договора"}).status_code == 403
        assert not AuditEvent.objects.filter(action="personal_data.read").exists()  # it was logged
        factories.sign_in(client, factories.staff("reviewer"))
        listing = "/admin/organizations/organization/"
        assert "ООО «Микросистемы»" in client.get(listing, {"q": organization.inn}).content.decode()
        # a part of the INN typed again and again told it digit by digit
        assert "ООО «Микросистемы»" not in client.get(listing, {"q": organization.inn[:4]}).content.decode()

    def test_missing_organisation_is_404(self, api):
        response = api.get("/organizations/987654321")
        assert response.status_code == 404 and response.json()["code"] == "not_found"

    def test_public_page_hides_private_data(self, organization, stranger):
        client = Client()
        factories.sign_in(client, stranger)
        page = client.get(f"/organizations/{organization.pk}/").content.decode()
        assert "ООО «Микросистемы»" in page
        assert organization.inn not in page and "+7 495" not in page
        anonymous = Client().get(f"/organizations/{organization.pk}/").content.decode()
        assert organization.inn not in anonymous

    def test_owner_page_shows_private_data(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        assert organization.inn in client.get(f"/organizations/{organization.pk}/").content.decode()

    @pytest.mark.parametrize("suffix", ["edit/", "people/"])
    def test_private_pages_are_404_to_strangers(self, organization, stranger, suffix):
        client = Client()
        factories.sign_in(client, stranger)
        assert client.get(f"/organizations/{organization.pk}/{suffix}").status_code == 404
        assert (
            client.post(f"/organizations/{organization.pk}/{suffix}", {"short_name": "Hacked"}).status_code
            == 404
        )
        organization.refresh_from_db()
        assert organization.short_name != "Hacked"

    def test_member_cannot_edit_or_invite(self, organization, owner):
        member = factories.person()
        OrganizationPerson.objects.create(organization=organization, person=member, role="member")
        client = Client()
        factories.sign_in(client, member)
        assert client.get(f"/organizations/{organization.pk}/edit/").status_code == 404
        assert client.get(f"/organizations/{organization.pk}/people/").status_code == 200
        response = client.post(
            f"/organizations/{organization.pk}/people/", {"email": "x@example.org", "role": "owner"}
        )
        assert response.status_code == 404
        assert not organization.invitations.exists()


@pytest.mark.django_db
class TestPages:
    def test_wrong_identifier_keeps_the_rest_of_the_input(self, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = factories.organization_data(inn="7707083894", full_name="ООО «Фотоника Плюс»")
        data["capabilities"] = "оптоволокно, лазеры"
        response = client.post("/organizations/new/", data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Контрольные цифры ИНН не совпадают." in html
        assert "ООО «Фотоника Плюс»" in html
        assert "оптоволокно, лазеры" in html
        assert 'value="1027700' in html  # the OGRN typed stays
        assert 'aria-invalid="true"' in html
        assert not Organization.objects.exists()

    def test_a_sole_proprietors_kpp_is_refused_for_what_it_is(self, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = factories.organization_data(**factories.proprietor_identifiers(), kpp="770101001")
        data["capabilities"] = "оптоволокно"
        html = client.post("/organizations/new/", data).content.decode()
        assert "У индивидуального предпринимателя нет КПП." in html
        assert "ИНН должен состоять из 12 цифр" not in html  # the INN typed is right
        assert not Organization.objects.exists()
        # and a legal entity's form without a KPP registers it
        data = factories.organization_data(kpp="")
        data["capabilities"] = "оптоволокно"
        assert client.post("/organizations/new/", data).status_code == 302

    def test_register_through_the_form(self, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = factories.organization_data()
        data["capabilities"] = "токарная обработка, фрезерная обработка"
        response = client.post("/organizations/new/", data)
        organization = Organization.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/organizations/{organization.pk}/"
        assert organization.capabilities == ["токарная обработка", "фрезерная обработка"]

    def test_the_sme_category_is_chosen_never_assumed(self, owner):
        client = Client()
        factories.sign_in(client, owner)
        form = client.get("/organizations/new/").content.decode()
        assert '<option value="" selected>—</option>' in form  # nothing chosen for the user
        data = {**factories.organization_data(), "sme_category": ""}
        response = client.post("/organizations/new/", data, HTTP_ACCEPT_LANGUAGE="en")
        assert not Organization.objects.exists()
        assert 'href="#id_sme_category"' in response.content.decode()

    def test_edit_profile_is_public_and_audited(self, organization, owner):
        client = Client()
        factories.sign_in(client, owner)
        data = factories.organization_data(description_en="Photonic integrated circuits.")
        response = client.post(f"/organizations/{organization.pk}/edit/", data)
        assert response.status_code == 302
        assert (
            "Photonic integrated circuits."
            in Client(headers={"Accept-Language": "en"})
            .get(f"/organizations/{organization.pk}/", HTTP_COOKIE="django_language=en")
            .content.decode()
        )
        event = AuditEvent.objects.get(action="organization.profile_updated")
        assert "description_en" in event.data["fields"]

    def test_list_queries_do_not_grow_with_rows(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert Client().get("/organizations/").status_code == 200
            return len(captured)

        factories.organization()
        one = queries()
        factories.organization()
        factories.organization()
        assert queries() == one

    def test_home_page_in_both_languages(self):
        russian = Client().get("/").content.decode()
        assert "единое электронное окно" in russian.lower()
        english = Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "single electronic window" in english
