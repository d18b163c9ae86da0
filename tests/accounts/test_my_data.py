""" "My data" (152-FZ arts. 14, 20, 21): a person downloads everything the platform holds about them
and nothing about anyone else, corrects it, and withdraws the consent; the processing stops at
once, the organisations they act for are told, and 30 days later the destruction task leaves no
personal field of theirs in any table, keeping a signed grant agreement and a record of what it
did. The administrator searches the staff reads of one person's data."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.models import CharField, JSONField, Q, TextField
from django.db.models.functions import Cast
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from innocluster.accounts import personal_data
from innocluster.accounts.models import (
    ApiToken,
    Consent,
    DestructionRecord,
    RecoveryCode,
    SecondFactor,
    SignInFailure,
    User,
)
from innocluster.accounts.services import issue_token, sign_in
from innocluster.accounts.tasks import destroy_withdrawn_personal_data
from innocluster.core import periodic
from innocluster.core.errors import NotAuthenticated, PlatformError
from innocluster.core.formats import human_date
from innocluster.core.models import AuditEvent, Notification
from innocluster.core.notifications import notify
from innocluster.measures import services as measures
from innocluster.measures.models import Agreement, FormDraft, Measure
from innocluster.membership.models import MembershipApplication
from innocluster.organizations import services as organizations
from innocluster.organizations.models import Invitation, OrganizationPerson
from innocluster.registry import services as registry
from innocluster.reviews import services as reviews
from tests import factories

ANNA = ("Анна Первая", "anna.first@example.org")
BORIS = ("Борис Второй", "boris.second@example.org")
BORIS_PHONE = "+7 916 555-44-33"


def text_of(response) -> str:
    return response.content.decode().replace("\xa0", " ").replace("\u202f", " ")


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def signed_in(user) -> Client:
    client = Client()
    factories.sign_in(client, user)
    return client


@pytest.fixture
def world(db):
    """Anna owns the organisation and applied for its membership with her own contact; Boris is its
    manager (Anna was told that he joined), applied for the register for it, and applied for a
    pilot grant that he signed; he owns a second organisation whose membership application gives
    his contact and phone, and a third organisation invited him."""
    anna = factories.person(full_name=ANNA[0], email=ANNA[1])
    boris = factories.person(full_name=BORIS[0], email=BORIS[1])
    organization = factories.organization(owner=anna)
    _invitation, token = organizations.invite_person(
        actor=anna, organization=organization, email=boris.email, role="manager"
    )
    organizations.accept_invitation(actor=boris, token=token)
    membership = factories.membership_application(
        organization=organization, actor=anna, contact_name=anna.full_name, contact_email=anna.email
    )
    factories.participant(organization)
    registry.apply_for_registry(actor=boris, organization=organization, data=dict(factories.REGISTRY_FORM))
    grant = measures.apply(
        actor=boris,
        measure=Measure.objects.get(code="pilot-testing"),
        organization=organization,
        raw_items=[{"category": "labor", "amount": "1000"}],
        pilot_id=factories.pilot(organization).pk,
    )
    reviews.decide(grant.case, "approve", actor=factories.staff("coordinator"))
    grant.refresh_from_db()
    measures.sign_agreement(actor=boris, application=grant)
    own = factories.organization(owner=boris, short_name="ООО «Борисов цех»", email="office2@example.org")
    factories.membership_application(
        organization=own,
        actor=boris,
        contact_name=boris.full_name,
        contact_email=boris.email,
        contact_phone=BORIS_PHONE,
    )
    third = factories.organization(owner=factories.person(full_name="Вера Третья"), short_name="АО «Третье»")
    organizations.invite_person(
        actor=third.people.get().person, organization=third, email=boris.email, role="member"
    )
    return {
        "anna": anna,
        "boris": boris,
        "organization": organization,
        "membership": membership,
        "grant": grant,
        "own": own,
    }


# -- "My data" ---------------------------------------------------------------------------------


@pytest.mark.django_db
class TestMyData:
    def test_the_json_holds_my_data_and_none_of_a_colleague(self, world):
        anna = world["anna"]
        response = signed_in(anna).get("/accounts/my-data/my-data.json")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
        body = response.content.decode()
        data = json.loads(body)
        assert data["format"] == "innocluster.my-data/1"
        assert data["account"]["email"] == ANNA[1] and data["account"]["full_name"] == ANNA[0]
        assert [(c["version"], c["accepted_from"], c["withdrawn_at"]) for c in data["consents"]] == [
            (1, "127.0.0.1", None)
        ]
        assert data["organizations"] == [
            {
                "id": world["organization"].pk,
                "name": "ООО «Микросистемы»",
                "role": "owner",
                "role_label": "Владелец",
                "since": data["organizations"][0]["since"],
            }
        ]
        assert sorted(item["kind"] for item in data["applications"]) == ["membership", "pilot"]
        [membership] = [item for item in data["applications"] if item["kind"] == "membership"]
        assert membership["number"] == world["membership"].case_id
        assert membership["kind"] == "membership" and membership["status"] == "submitted"
        assert membership["contact"]["email"] == ANNA[1]
        # Boris's joining was notified to Anna: the notification is hers, his name is not
        joined = [n for n in data["notifications"] if n["kind"] == "organization.person_joined"]
        assert len(joined) == 1 and "***" in joined[0]["subject"]
        assert data["pilots"] and data["pilots"][0]["organization"] == "ООО «Микросистемы»"
        for secret in (BORIS[0], BORIS[1]):
            assert secret not in body
        assert "digest" not in body

    def test_the_colleagues_json_holds_his_data_and_none_of_hers(self, world):
        body = signed_in(world["boris"]).get("/accounts/my-data/my-data.json").content.decode()
        data = json.loads(body)
        kinds = sorted(item["kind"] for item in data["applications"])
        assert kinds == ["measure", "membership", "registry"]
        # the organisation's membership is Anna's application: not his; his own organisation's is
        assert world["membership"].case_id not in [item["number"] for item in data["applications"]]
        assert {item["name"] for item in data["organizations"]} == {"ООО «Микросистемы»", "ООО «Борисов цех»"}
        assert BORIS_PHONE in body
        for secret in (ANNA[0], ANNA[1], "olga@example.org", "Вера Третья"):
            assert secret not in body

    def test_the_pdf_reads_my_data_and_none_of_a_colleague(self, world):
        response = signed_in(world["anna"]).get("/accounts/my-data/my-data.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert ANNA[0] in text and ANNA[1] in text and "Микросистемы" in text
        for secret in (BORIS[0], BORIS[1]):
            assert secret not in text

    def test_the_page_lists_the_categories_and_links_the_downloads(self, world):
        response = signed_in(world["anna"]).get("/accounts/my-data/")
        assert response.status_code == 200
        page = text_of(response)
        for key in ("account", "consents", "organizations", "applications", "notifications", "events"):
            assert f'data-testid="my-data-{key}"' in page
        assert ANNA[0] in page and "ООО «Микросистемы»" in page
        assert "/accounts/my-data/my-data.json" in page and "/accounts/my-data/my-data.pdf" in page
        assert BORIS[0] not in page and BORIS[1] not in page
        assert 'data-testid="cabinet-my-data"' in text_of(signed_in(world["anna"]).get("/cabinet/"))

    def test_the_same_queries_for_one_notification_and_for_three(self, world):
        anna = world["anna"]
        client = signed_in(anna)
        Notification.objects.filter(recipient=anna).delete()

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/accounts/my-data/").status_code == 200
            return len(captured)

        notify(recipients=[anna], kind="test.one", subject="Первое")
        one = queries()
        notify(recipients=[anna], kind="test.two", subject="Второе")
        notify(recipients=[anna], kind="test.three", subject="Третье")
        assert queries() == one

    def test_my_data_is_for_signed_in_people_only(self, db):
        for path in ("/accounts/my-data/", "/accounts/my-data/my-data.json", "/accounts/my-data/my-data.pdf"):
            assert Client().get(path).status_code == 302

    def test_correcting_the_name_and_language_is_audited_without_the_values(self, world):
        anna = world["anna"]
        client = signed_in(anna)
        response = client.post("/accounts/my-data/", {"full_name": "Анна Исправленная", "language": "en"})
        assert response.status_code == 302 and response.cookies["django_language"].value == "en"
        anna.refresh_from_db()
        assert (anna.full_name, anna.language) == ("Анна Исправленная", "en")
        event = AuditEvent.objects.get(action="accounts.personal_data_corrected")
        assert event.actor_id == anna.pk and event.data == {"fields": ["full_name", "language"]}
        assert "Анна" not in json.dumps(event.data, ensure_ascii=False) + event.comment
        # the same values again write nothing
        client.post("/accounts/my-data/", {"full_name": "Анна Исправленная", "language": "en"})
        assert AuditEvent.objects.filter(action="accounts.personal_data_corrected").count() == 1

    def test_an_empty_name_is_refused(self, world):
        response = signed_in(world["anna"]).post("/accounts/my-data/", {"full_name": " ", "language": "ru"})
        assert response.status_code == 200
        world["anna"].refresh_from_db()
        assert world["anna"].full_name == ANNA[0]


# -- withdrawal -------------------------------------------------------------------------------


def withdraw(person, reason="Больше не работаю в компании"):
    client = signed_in(person)
    assert client.get("/accounts/my-data/withdraw/").status_code == 200
    unconfirmed = client.post("/accounts/my-data/withdraw/", {"reason": reason})
    assert unconfirmed.status_code == 200 and 'class="error-summary"' in text_of(unconfirmed)
    person.refresh_from_db()
    assert person.processing_stopped_at is None
    done = client.post("/accounts/my-data/withdraw/", {"reason": reason, "confirm": "on"})
    assert done.status_code == 200 and 'data-testid="withdrawn"' in text_of(done)
    person.refresh_from_db()
    return client


@pytest.mark.django_db
class TestWithdrawal:
    def test_processing_stops_at_once(self, world, api):
        boris = world["boris"]
        token = issue_token(user=boris, name="1C")
        other_session = signed_in(boris)
        today = timezone.localdate()
        client = withdraw(boris)
        assert boris.is_active is False
        assert boris.processing_stopped_at is not None
        assert boris.destroy_after == today + dt.timedelta(days=30)
        assert Consent.objects.filter(person=boris, withdrawn_at__isnull=True).count() == 0
        # every session ends, the token is refused and revoked, no door signs him in
        assert client.get("/cabinet/").status_code == 302
        assert other_session.get("/cabinet/").status_code == 302
        assert type(api)(token).get("/me").status_code == 401
        assert ApiToken.objects.get(user=boris).revoked_at is not None
        with pytest.raises(NotAuthenticated):
            sign_in(request=None, email=BORIS[1], password=factories.PASSWORD)
        assert api.post("/auth/token", {"email": BORIS[1], "password": factories.PASSWORD}).status_code == 401
        assert Client().login(email=BORIS[1], password=factories.PASSWORD) is False
        # his roles stay (marked by the stopped processing) until the destruction
        assert OrganizationPerson.objects.filter(person=boris).count() == 2
        event = AuditEvent.objects.get(action="accounts.consent_withdrawn")
        assert event.actor_id == boris.pk and event.object_id == str(boris.pk)
        assert event.data["destroy_after"] == (today + dt.timedelta(days=30)).isoformat()
        assert sorted(event.data["organizations"]) == sorted([world["organization"].pk, world["own"].pk])

    def test_the_organisations_he_acts_for_are_told(self, world):
        boris, anna = world["boris"], world["anna"]
        User.objects.filter(pk=anna.pk).update(language="en")  # she reads it in her language
        coordinators = set(User.objects.filter(groups__name="coordinator").values_list("pk", flat=True))
        page = signed_in(boris).get("/accounts/my-data/withdraw/")
        # he is the only owner of his own organisation: the page says so before he confirms
        assert 'data-testid="sole-owner"' in text_of(page) and "ООО «Борисов цех»" in text_of(page)
        withdraw(boris)
        told, *about_own = Notification.objects.filter(kind="accounts.consent_withdrawn").order_by("pk")
        assert told.recipient_id == anna.pk
        # his own organisation has no one else: the coordinators are told, to name a new owner
        assert {n.recipient_id for n in about_own} == coordinators and len(coordinators) == 2
        assert all("ООО «Борисов цех»" in n.body for n in about_own)
        assert told.subject == "Борис Второй has withdrawn the consent to the processing of personal data"
        due = timezone.localdate() + dt.timedelta(days=30)
        assert told.body == (
            "Their role in ООО «Микросистемы» ends: they can no longer sign in, and their personal data "
            f"will be destroyed by {human_date(due, 'en')}. If they were its only owner, name a new one with "
            "the cluster's staff."
        )
        assert told.url == f"/organizations/{world['organization'].pk}/people/"

    def test_he_is_left_out_of_notifications(self, world):
        boris = world["boris"]
        withdraw(boris)
        assert notify(recipients=[boris], kind="test", subject="x") == []

    def test_withdrawing_twice_changes_nothing(self, world):
        boris = world["boris"]
        withdraw(boris)
        stopped = boris.processing_stopped_at
        personal_data.withdraw_consent(actor=boris)
        boris.refresh_from_db()
        assert boris.processing_stopped_at == stopped
        assert AuditEvent.objects.filter(action="accounts.consent_withdrawn").count() == 1

    def test_the_last_administrator_cannot_withdraw(self, db):
        administrator = factories.staff("administrator")
        with pytest.raises(PlatformError) as caught:
            personal_data.withdraw_consent(actor=administrator)
        assert caught.value.code == "last_administrator"
        administrator.refresh_from_db()
        assert administrator.is_active and administrator.processing_stopped_at is None


# -- destruction ------------------------------------------------------------------------------


def text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (CharField, TextField, JSONField)) and not field.primary_key
    ]


def rows_naming(needles) -> list[str]:
    """Every row of every table whose text (or JSON) contains one of the needles."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = text_fields(model)
        if not fields:
            continue
        queryset = model._base_manager.all()
        condition = Q()
        for field in fields:
            lookup = field.name
            if isinstance(field, JSONField):
                lookup = f"_text_{field.name}"
                queryset = queryset.alias(**{lookup: Cast(field.name, output_field=TextField())})
            for needle in needles:
                condition |= Q(**{f"{lookup}__icontains": needle})
        for row in queryset.filter(condition):
            found.append(f"{model._meta.label}#{row.pk}")
    return found


@pytest.fixture
def destroyed(world, enrol):
    """Boris with every kind of personal data (a notification, a token, the second factor, a failed
    sign-in, a pending invitation), who withdraws; then the task, 30 days later."""
    boris = world["boris"]
    notify(recipients=[boris], kind="test.hello", subject=f"Здравствуйте, {boris.full_name}")
    issue_token(user=boris, name="1C")
    enrol(boris)
    FormDraft.objects.create(
        person=boris, measure=Measure.objects.get(code="patent-compensation"), data={"project_title": "Борис"}
    )
    with pytest.raises(PlatformError):
        sign_in(request=None, email=BORIS[1], password="wrong-password-1")
    assert SignInFailure.objects.filter(email=BORIS[1]).exists()
    withdraw(boris)
    due = boris.destroy_after
    with time_machine.travel(dt.datetime.combine(due - dt.timedelta(days=1), dt.time(12)), tick=False):
        assert destroy_withdrawn_personal_data.enqueue().return_value == 0
    with time_machine.travel(dt.datetime.combine(due, dt.time(12)), tick=False):
        assert destroy_withdrawn_personal_data.enqueue().return_value == 1
    boris.refresh_from_db()
    return world


@pytest.mark.django_db
class TestDestruction:
    def test_no_personal_field_of_his_remains_in_any_table(self, destroyed):
        boris = destroyed["boris"]
        assert boris.full_name == f"Удалённый пользователь №{boris.pk}"
        assert boris.email == f"deleted-{boris.pk}@invalid"
        assert not boris.has_usable_password() and boris.last_login is None and boris.destroyed_at
        assert Notification.objects.filter(recipient=boris).count() == 0
        assert ApiToken.objects.filter(user=boris).count() == 0
        assert SecondFactor.objects.filter(person=boris).count() == 0
        assert RecoveryCode.objects.filter(person=boris).count() == 0
        assert SignInFailure.objects.filter(email__iexact=BORIS[1]).count() == 0
        assert Invitation.objects.filter(email__iexact=BORIS[1]).count() == 0
        assert OrganizationPerson.objects.filter(person=boris).count() == 0
        assert not FormDraft.objects.filter(person=boris).exists()  # typed into a form, never saved
        assert list(Consent.objects.filter(person=boris).values_list("accepted_from", flat=True)) == [None]
        own_membership = MembershipApplication.objects.get(organization=destroyed["own"])
        assert (own_membership.contact_name, own_membership.contact_email, own_membership.contact_phone) == (
            "",
            "",
            "",
        )
        # Anna's notification of his withdrawal names him no more
        told = Notification.objects.get(kind="accounts.consent_withdrawn", recipient__email=ANNA[1])
        assert told.subject.startswith(f"Удалённый пользователь №{boris.pk} ")
        # and no text anywhere, the audit log included
        assert rows_naming([BORIS[0], BORIS[1], BORIS_PHONE]) == []
        # Anna's data are untouched
        assert User.objects.get(email=ANNA[1]).full_name == ANNA[0]
        assert MembershipApplication.objects.get(pk=destroyed["membership"].pk).contact_email == ANNA[1]

    def test_his_signed_agreement_is_kept_and_listed(self, destroyed):
        boris = destroyed["boris"]
        agreement = Agreement.objects.get(application=destroyed["grant"])
        assert agreement.signed_at is not None and agreement.signed_by_id == boris.pk
        record = DestructionRecord.objects.get(person_number=boris.pk)
        assert record.kept[0] == (
            f"подписанное соглашение № {agreement.number} о предоставлении гранта (заявка № "
            f"{destroyed['grant'].case_id}) с заявкой, её документами и отчётами: хранится по закону о "
            "бухгалтерском учёте (402-ФЗ, ст. 29) 5 лет"
        )
        assert any(item.startswith(f"выплаты по соглашению № {agreement.number} (1)") for item in record.kept)
        assert record.categories[0].startswith("учётная запись")
        destroyed_kinds = {item.split(" (")[0] for item in record.categories[1:]}
        assert {
            "уведомления",
            "API-токены",
            "второй фактор и коды восстановления",
            "неудачные входы и счётчики попыток по адресу",
            "IP-адреса согласий",
            "приглашения в организации на адрес",
            "роли в организациях",
            "введённое в формы заявок и не сохранённое",
            "контактные данные в заявках на вступление",
            "упоминания ФИО, адреса и телефона в текстах",
        } <= destroyed_kinds
        assert "роли в организациях (2)" in record.categories
        assert record.keep_until == boris.destroy_after.replace(year=boris.destroy_after.year + 3)
        assert record.reason.startswith("отзыв согласия")
        event = AuditEvent.objects.get(action="accounts.personal_data_destroyed")
        assert event.object_id == str(boris.pk) and event.actor_id is None
        assert event.data == {
            "record": record.pk,
            "categories": len(record.categories),
            "kept": len(record.kept),
        }

    def test_the_audit_log_is_append_only_again_afterwards(self, destroyed):
        event = AuditEvent.objects.get(action="accounts.personal_data_destroyed")
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(comment="changed")

    def test_the_task_runs_by_itself_in_every_worker(self):
        assert any(task is destroy_withdrawn_personal_data for task, _every in periodic._PERIODIC)

    def test_the_task_run_again_destroys_nothing_twice(self, destroyed):
        boris = destroyed["boris"]
        with time_machine.travel(dt.datetime.combine(boris.destroy_after, dt.time(18)), tick=False):
            assert destroy_withdrawn_personal_data.enqueue().return_value == 0
        assert DestructionRecord.objects.filter(person_number=boris.pk).count() == 1
        assert AuditEvent.objects.filter(action="accounts.personal_data_destroyed").count() == 1

    def test_the_record_is_seen_by_an_administrator_and_deleted_after_3_years(self, destroyed):
        boris = destroyed["boris"]
        record = DestructionRecord.objects.get(person_number=boris.pk)
        administrator = signed_in(factories.staff("administrator"))
        listing = administrator.get("/admin/accounts/destructionrecord/")
        assert listing.status_code == 200 and str(boris.pk) in text_of(listing)
        assert administrator.get("/admin/accounts/destructionrecord/?q=abc").status_code == 200
        page = administrator.get(f"/admin/accounts/destructionrecord/{record.pk}/change/")
        assert page.status_code == 200 and "подписанное соглашение" in text_of(page)
        assert administrator.post(f"/admin/accounts/destructionrecord/{record.pk}/delete/").status_code == 403
        assert (
            signed_in(factories.staff("coordinator")).get("/admin/accounts/destructionrecord/").status_code
            == 403
        )
        with time_machine.travel(dt.datetime.combine(record.keep_until, dt.time(12)), tick=False):
            destroy_withdrawn_personal_data.enqueue()
        assert DestructionRecord.objects.filter(pk=record.pk).exists()
        later = record.keep_until + dt.timedelta(days=1)
        with time_machine.travel(dt.datetime.combine(later, dt.time(12)), tick=False):
            destroy_withdrawn_personal_data.enqueue()
        assert not DestructionRecord.objects.filter(pk=record.pk).exists()


# -- the access log by person ----------------------------------------------------------------


@pytest.mark.django_db
class TestAccessLogByPerson:
    REASON = "проверка сведений о руководителе"

    def test_an_administrator_finds_a_coordinators_read_with_its_reason(self, world):
        coordinator = factories.staff("coordinator", full_name="Кира Координатор")
        organization = world["organization"]
        page = signed_in(coordinator).get(f"/organizations/{organization.pk}/", {"reason": self.REASON})
        assert page.status_code == 200
        administrator = signed_in(factories.staff("administrator"))
        for query in (ANNA[1], str(world["anna"].pk), ANNA[1].upper()):
            response = administrator.get("/accounts/personal-data-access/", {"person": query})
            assert response.status_code == 200
            html = text_of(response)
            assert 'data-testid="reads"' in html
            assert coordinator.email in html and "Кира Координатор" in html
            assert self.REASON in html
        # a person whose data nobody read
        lonely = factories.person(full_name="Никем Непрочитанный")
        response = administrator.get("/accounts/personal-data-access/", {"person": lonely.email})
        assert self.REASON not in text_of(response)
        assert 'data-testid="no-person"' in text_of(
            administrator.get("/accounts/personal-data-access/", {"person": "nobody@example.org"})
        )

    def test_an_administrator_opening_an_account_in_the_admin_is_a_read_of_it(self, world):
        administrator = factories.staff("administrator", full_name="Ада Администратор")
        anna = world["anna"]
        page = signed_in(administrator).get(f"/admin/accounts/user/{anna.pk}/change/")
        assert page.status_code == 200 and anna.email in text_of(page)
        event = AuditEvent.objects.get(action="personal_data.read", actor=administrator)
        assert (event.object_type, event.object_id, event.comment) == (
            "accounts.user",
            str(anna.pk),
            "account administration",
        )
        # and Anna sees it among the reads of her data
        assert list(personal_data.personal_data_reads_about(anna)) == [event]
        signed_in(administrator).get(f"/admin/accounts/user/{administrator.pk}/change/")  # one's own
        assert AuditEvent.objects.filter(action="personal_data.read").count() == 1
        # a staff member the admin refuses the account read nothing of it
        reviewer = factories.staff("reviewer")
        assert signed_in(reviewer).get(f"/admin/accounts/user/{anna.pk}/change/").status_code == 403
        assert not AuditEvent.objects.filter(action="personal_data.read", actor=reviewer).exists()

    def test_the_same_queries_for_one_read_and_for_three(self, world):
        coordinator = signed_in(factories.staff("coordinator"))
        administrator = signed_in(factories.staff("administrator"))
        path = f"/organizations/{world['organization'].pk}/"

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                response = administrator.get("/accounts/personal-data-access/", {"person": ANNA[1]})
            assert response.status_code == 200
            return len(captured)

        coordinator.get(path, {"reason": self.REASON})
        one = queries()
        coordinator.get(path, {"reason": self.REASON + " 2"})
        coordinator.get(path, {"reason": self.REASON + " 3"})
        assert (
            text_of(administrator.get("/accounts/personal-data-access/", {"person": ANNA[1]})).count(
                self.REASON
            )
            == 3
        )
        assert queries() == one

    def test_it_is_404_for_a_coordinator_who_is_not_an_administrator(self, world):
        coordinator = signed_in(factories.staff("coordinator"))
        assert coordinator.get("/accounts/personal-data-access/", {"person": ANNA[1]}).status_code == 404
        assert signed_in(world["anna"]).get("/accounts/personal-data-access/").status_code == 404
