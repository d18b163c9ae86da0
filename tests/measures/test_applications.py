import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.test import Client

from innocluster.core.errors import Conflict
from innocluster.core.models import AuditEvent
from innocluster.measures import services
from innocluster.measures.models import AnnualLedger, Document, Measure, MeasureApplication, MeasureVersion
from innocluster.measures.services import payments
from innocluster.registry import services as registry
from innocluster.reviews import services as reviews
from tests import factories, samples

D = Decimal
PDF = samples.pdf()


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.fixture
def member_org(organization):
    factories.participant(organization)
    return organization


def equipment(amount, origin="domestic", date="2024-03-01"):
    return {"category": "purchase", "amount": amount, "origin": origin, "date": date}


def apply(api, user, measure, items, organization=None, **extra):
    body = {"measure": measure, "items": items, **extra}
    if organization is not None:
        body["organization_id"] = organization.pk
        if measure == "pilot-testing" and "pilot_id" not in extra:  # it names its pilot (SPEC C6)
            body["pilot_id"] = factories.grant_pilot(organization).pk
    return api.as_(user).post("/applications", body)


@pytest.mark.django_db
class TestApplyAndDecide:
    def test_apply_answers_with_status_and_requested_amount(self, api, member_org, owner):
        response = apply(
            api, owner, "pilot-testing", [{"category": "logistics", "amount": "1500000.50"}], member_org
        )
        assert response.status_code == 201
        body = response.json()
        assert (body["status"], body["requested_amount"], body["approved_amount"]) == (
            "submitted",
            "1500000.50",
            None,
        )
        assert body["quote"]["items"][0]["rate"] == "1.00"

    def test_draft_then_submit(self, api, member_org, owner):
        body = apply(
            api, owner, "pilot-testing", [{"category": "logistics", "amount": "100"}], member_org, draft=True
        ).json()
        assert body["status"] == "draft"
        assert api.as_(owner).post(f"/applications/{body['id']}/submit").json()["status"] == "submitted"

    def test_not_eligible_is_refused_and_the_draft_kept(self, api, organization, owner):
        # not a participant: the measure's rules refuse it at submission
        response = apply(
            api,
            owner,
            "patent-compensation",
            [{"category": "invention", "amount": "100", "jurisdiction": "ru"}],
            organization,
        )
        assert response.status_code == 422 and response.json()["code"] == "not_eligible"
        application = MeasureApplication.objects.get(organization=organization)
        assert application.case.status == "draft" and application.items.count() == 1
        # the refusal names the draft it kept: the caller can read it and submit it later
        assert response.json()["details"]["draft_id"] == application.pk
        assert api.as_(owner).get(f"/applications/{application.pk}").json()["status"] == "draft"

    @pytest.mark.parametrize(
        "amount", ["abc", "-5", "1e400", "5.001", "１０００", "", None, "0", [], "NaN", 1.5]
    )
    def test_bad_amounts_are_a_clear_422(self, api, member_org, owner, amount):
        response = apply(
            api, owner, "pilot-testing", [{"category": "logistics", "amount": amount}], member_org
        )
        assert response.status_code == 422
        assert response.json()["details"]["field"] == "items.0.amount"
        quote = api.post(
            "/measures/pilot-testing/quote", {"items": [{"category": "logistics", "amount": amount}]}
        )
        assert quote.status_code == 422

    def test_approval_grants_and_reject_needs_a_comment(self, api, member_org, owner, coordinator):
        application_id = apply(
            api, owner, "pilot-testing", [{"category": "labor", "amount": "2500000"}], member_org
        ).json()["id"]
        assert (
            api.as_(coordinator)
            .post(f"/applications/{application_id}/decision", {"decision": "reject"})
            .status_code
            == 422
        )
        response = api.as_(coordinator).post(
            f"/applications/{application_id}/decision", {"decision": "approve"}
        )
        assert response.json() == {
            "id": application_id,
            "status": "approved",
            "approved_amount": "2000000.00",
        }
        body = api.as_(owner).get(f"/applications/{application_id}").json()
        assert body["agreement"]["amount"] == "2000000.00"

    def test_person_applies_for_angel_refund_without_organisation(self, api, owner):
        investee = factories.organization()
        registry.include(organization=investee, category="startup", on=dt.date(2024, 5, 1))
        items = [
            {
                "category": "investment",
                "amount": "4000000",
                "investee_inn": investee.inn,
                "date": "2024-05-01",
            }
        ]
        response = apply(api, owner, "angel-refund", items)
        assert response.status_code == 201 and response.json()["requested_amount"] == "2000000.00"
        organization = factories.organization(owner=owner)
        assert apply(api, owner, "angel-refund", items, organization).status_code == 422

    def test_angel_refund_refused_when_the_investee_entered_the_register_a_day_later(self, api, owner):
        investee = factories.organization()
        registry.include(organization=investee, category="startup", on=dt.date(2024, 5, 2))
        items = [
            {
                "category": "investment",
                "amount": "4000000",
                "investee_inn": investee.inn,
                "date": "2024-05-01",
            }
        ]
        response = apply(api, owner, "angel-refund", items)
        assert response.status_code == 422 and response.json()["code"] == "not_eligible"
        quote = api.post("/measures/angel-refund/quote", {"items": items}).json()
        assert quote["eligible"] is False and "1 мая 2024" in quote["items"][0]["note"]


@pytest.mark.django_db
class TestAnnualCap:
    def test_quote_with_the_organisation_counts_this_years_grants(self, api, member_org, owner, coordinator):
        first = apply(api, owner, "equipment-cofinancing", [equipment("50000000")], member_org).json()["id"]
        api.as_(coordinator).post(f"/applications/{first}/decision", {"decision": "approve"})
        year = dt.date.today().year
        assert AnnualLedger.objects.get(organization=member_org, year=year).used == D("25000000.00")
        body = {"organization_id": member_org.pk, "items": [equipment("20000000")]}
        quote = api.as_(owner).post("/measures/equipment-cofinancing/quote", body).json()
        assert quote["amount"] == "5000000.00"
        assert quote["caps"][0] == {
            "name": "per_organization_per_year",
            "limit": "30000000.00",
            "remaining_before": "5000000.00",
            "applied": True,
            "counted": True,
        }
        # a stranger cannot ask about this organisation
        assert (
            api.as_(factories.person()).post("/measures/equipment-cofinancing/quote", body).status_code == 404
        )
        # without it, only the application's own caps count
        assert (
            api.post("/measures/equipment-cofinancing/quote", {"items": [equipment("20000000")]}).json()[
                "amount"
            ]
            == "10000000.00"
        )

    def test_approval_is_cut_to_what_remains_then_cap_exhausted(self, api, member_org, owner, coordinator):
        ids = [
            apply(api, owner, "equipment-cofinancing", [equipment(a)], member_org).json()["id"]
            for a in ("40000000", "30000000", "2000000")
        ]
        results = [
            api.as_(coordinator).post(f"/applications/{i}/decision", {"decision": "approve"}) for i in ids
        ]
        assert results[0].json()["approved_amount"] == "20000000.00"
        assert results[1].json()["approved_amount"] == "10000000.00"  # 15,000,000 cut to what remained
        assert results[2].status_code == 409 and results[2].json()["code"] == "cap_exhausted"
        assert MeasureApplication.objects.get(pk=ids[2]).case.status == "submitted"  # nothing half-done

    def test_parameters_changed_after_a_decision_leave_it_as_it_was(
        self, api, member_org, owner, coordinator
    ):
        application_id = apply(
            api, owner, "pilot-testing", [{"category": "labor", "amount": "1000000"}], member_org
        ).json()["id"]
        api.as_(coordinator).post(f"/applications/{application_id}/decision", {"decision": "approve"})
        measure = Measure.objects.get(code="pilot-testing")
        MeasureVersion.objects.create(
            measure=measure,
            effective_from=dt.date.today(),
            rules=[
                {"kind": "item_rate", "rates": {"labor": "0.50"}},
                {"kind": "application_cap", "limit": "100.00"},
            ],
        )
        body = api.as_(owner).get(f"/applications/{application_id}").json()
        assert body["approved_amount"] == "1000000.00" and body["rules_in_force_from"] == "2022-01-01"
        assert body["quote"]["items"][0]["rate"] == "1.00"
        # new applications and the calculator follow the new version
        assert (
            api.post(
                "/measures/pilot-testing/quote", {"items": [{"category": "labor", "amount": "1000"}]}
            ).json()["amount"]
            == "100.00"
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("threads", [2, 8])
def test_concurrent_approvals_never_exceed_the_annual_cap(threads):
    owner = factories.person()
    organization = factories.organization(owner=owner)
    factories.participant(organization)
    measure = Measure.objects.get(code="equipment-cofinancing")
    applications = [
        services.apply(
            actor=owner, measure=measure, organization=organization, raw_items=[equipment("13000000")]
        )
        for _ in range(threads)
    ]
    coordinators = [factories.staff("coordinator") for _ in range(threads)]
    barrier = threading.Barrier(threads)
    outcomes = []

    def approve(application, actor):
        try:
            barrier.wait()
            reviews.decide(application.case, "approve", actor=actor)
            outcomes.append("approved")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()  # this thread's own: left open, it keeps the test database from being dropped

    workers = [
        threading.Thread(target=approve, args=pair) for pair in zip(applications, coordinators, strict=True)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    granted = sum(
        (a.approved_amount for a in MeasureApplication.objects.filter(approved_amount__isnull=False)), D("0")
    )
    assert granted <= D("30000000.00")
    ledger = AnnualLedger.objects.get(organization=organization)
    assert ledger.used == granted
    # 6.5M each: 4 fit (26M), the 5th gets the 4M left, the rest find the cap exhausted
    expected = min(threads * D("6500000.00"), D("30000000.00"))
    assert granted == expected
    assert outcomes.count("approved") == min(threads, 5)
    assert outcomes.count("cap_exhausted") == max(0, threads - 5)


@pytest.mark.django_db
class TestDocuments:
    def test_upload_download_and_strangers_get_404(self, api, member_org, owner, stranger):
        application_id = apply(
            api, owner, "pilot-testing", [{"category": "labor", "amount": "100"}], member_org, draft=True
        ).json()["id"]
        client = Client()
        factories.sign_in(client, owner)
        response = client.post(
            f"/measures/applications/{application_id}/documents/",
            {"file": SimpleUploadedFile("смета.pdf", PDF)},
        )
        assert response.status_code == 302
        document = MeasureApplication.objects.get(pk=application_id).documents.get()
        assert (document.original_name, document.size) == ("смета.pdf", len(PDF))
        url = f"/measures/applications/{application_id}/documents/{document.pk}/"
        assert b"".join(client.get(url).streaming_content) == PDF
        other = Client()
        factories.sign_in(other, stranger)
        assert other.get(url).status_code == 404
        assert other.get(f"/measures/applications/{application_id}/").status_code == 404
        assert (
            api.as_(stranger).get(f"/applications/{application_id}/documents/{document.pk}").status_code
            == 404
        )
        assert api.as_(stranger).get(f"/applications/{application_id}").status_code == 404
        assert (
            api.get(f"/applications/{application_id}").status_code == 404
        )  # no token: SPEC §4 "otherwise 404"
        assert Client().get(url).status_code == 302  # anonymous: to the sign-in page

    @pytest.mark.parametrize(
        ("name", "content", "code"),
        [
            ("virus.exe", b"MZ\x90\x00", "file_type"),
            ("fake.pdf", b"<html>not a pdf</html>", "file_type"),
            ("empty.pdf", b"", "file_empty"),
            ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "file_type"),
            ("photo.png", samples.png(), None),
        ],
    )
    def test_type_and_content_are_checked(self, member_org, owner, name, content, code):
        application = services.apply(
            actor=owner,
            measure=Measure.objects.get(code="patent-compensation"),
            organization=member_org,
            raw_items=[{"category": "invention", "amount": "100", "jurisdiction": "ru"}],
            draft=True,
        )
        upload = SimpleUploadedFile(name, content)
        if code is None:
            assert (
                services.add_document(actor=owner, application=application, upload=upload).extension == ".png"
            )
        else:
            with pytest.raises(Exception) as exc:
                services.add_document(actor=owner, application=application, upload=upload)
            assert getattr(exc.value, "code", None) == code

    def test_a_removal_rolled_back_keeps_the_file(
        self, member_org, owner, django_capture_on_commit_callbacks
    ):
        application = services.apply(
            actor=owner,
            measure=Measure.objects.get(code="patent-compensation"),
            organization=member_org,
            raw_items=[{"category": "invention", "amount": "100", "jurisdiction": "ru"}],
            draft=True,
        )
        document = services.add_document(
            actor=owner, application=application, upload=SimpleUploadedFile("акт.pdf", PDF)
        )
        name, pk = document.file.name, document.pk
        with pytest.raises(RuntimeError), transaction.atomic():
            services.remove_document(actor=owner, document=document)
            raise RuntimeError("the request failed after the removal")
        assert document.file.storage.exists(name) and Document.objects.filter(pk=pk).exists()
        with django_capture_on_commit_callbacks(execute=True):
            services.remove_document(actor=owner, document=Document.objects.get(pk=pk))
        assert not document.file.storage.exists(name)

    def test_size_is_limited(self, member_org, owner, settings):
        settings.UPLOAD_MAX_BYTES = 1024
        application = services.apply(
            actor=owner,
            measure=Measure.objects.get(code="patent-compensation"),
            organization=member_org,
            raw_items=[{"category": "invention", "amount": "100", "jurisdiction": "ru"}],
            draft=True,
        )
        with pytest.raises(Exception) as exc:
            services.add_document(
                actor=owner, application=application, upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)
            )
        assert exc.value.code == "file_size"


@pytest.mark.django_db
class TestAgreementAndPayments:
    def _approved(self, api, owner, coordinator, organization, measure, items):
        application_id = apply(api, owner, measure, items, organization).json()["id"]
        api.as_(coordinator).post(f"/applications/{application_id}/decision", {"decision": "approve"})
        return application_id

    def test_single_payment_measure(self, api, member_org, owner, coordinator):
        application_id = self._approved(
            api,
            owner,
            coordinator,
            member_org,
            "patent-compensation",
            [{"category": "invention", "amount": "90000", "jurisdiction": "ru"}],
        )
        pdf = api.as_(owner).get(f"/applications/{application_id}/agreement.pdf")
        assert (
            pdf.status_code == 200
            and pdf.content.startswith(b"%PDF")
            and pdf["Content-Type"] == "application/pdf"
        )
        body = api.as_(owner).post(f"/applications/{application_id}/agreement/sign").json()
        assert body["status"] == "agreement_signed"
        assert [(p["kind"], p["amount"], p["status"]) for p in body["payments"]] == [
            ("single", "75000.00", "scheduled")
        ]
        assert (
            api.as_(owner)
            .post(f"/applications/{application_id}/payments/{body['payments'][0]['id']}/paid", {})
            .status_code
            == 403
        )
        body = (
            api.as_(coordinator)
            .post(f"/applications/{application_id}/payments/{body['payments'][0]['id']}/paid", {})
            .json()
        )
        assert body["status"] == "completed"

    def test_import_substitution_pays_an_advance_then_by_confirmed_costs(
        self, api, member_org, owner, coordinator
    ):
        application_id = self._approved(
            api,
            owner,
            coordinator,
            member_org,
            "import-substitution",
            [{"category": "equipment", "amount": "80000000"}],
        )  # grant 40,000,000
        body = api.as_(owner).post(f"/applications/{application_id}/agreement/sign").json()
        advance = body["payments"][0]
        assert (advance["kind"], advance["amount"]) == ("advance", "10000000.00")
        api.as_(coordinator).post(f"/applications/{application_id}/payments/{advance['id']}/paid", {})

        def report_year(items, confirm=True):
            report = api.as_(owner).post(f"/applications/{application_id}/reports", {"items": items})
            assert report.status_code == 201, report.json()
            return (
                api.as_(coordinator)
                .post(
                    f"/applications/{application_id}/reports/{report.json()['id']}/decision",
                    {"confirm": confirm, "comment": "" if confirm else "Нет актов."},
                )
                .json()
            )

        # year 1: compensable 15,000,000 − paid 10,000,000 → 5,000,000
        body = report_year([{"category": "equipment", "amount": "30000000"}])
        assert body["payments"][-1]["amount"] == "5000000.00" and body["status"] == "paying"
        # year 2: a rejected report does not count, and the year is reported again
        report_year([{"category": "equipment", "amount": "1"}], confirm=False)
        body = report_year(
            [{"category": "salaries", "amount": "20000000"}, {"category": "software", "amount": "10000000"}]
        )
        # confirmed to date 15M + 5M + 5M = 25M − committed 15M → 10,000,000
        assert body["payments"][-1]["amount"] == "10000000.00"
        # year 3: 60M of equipment → 30M compensable; min(grant 40M, 55M) − 25M → 15,000,000
        body = report_year([{"category": "equipment", "amount": "60000000"}])
        assert body["payments"][-1]["amount"] == "15000000.00"
        amounts = [D(p["amount"]) for p in body["payments"]]
        assert sum(amounts) == D("40000000.00")
        for payment in body["payments"]:
            if payment["status"] == "scheduled":
                body = (
                    api.as_(coordinator)
                    .post(f"/applications/{application_id}/payments/{payment['id']}/paid", {})
                    .json()
                )
        assert body["status"] == "completed"
        extra = api.as_(owner).post(
            f"/applications/{application_id}/reports", {"items": [{"category": "equipment", "amount": "1"}]}
        )
        assert extra.status_code == 409

    def test_termination_cancels_each_scheduled_payment_with_its_audit_event(
        self, api, member_org, owner, coordinator
    ):
        application_id = self._approved(
            api,
            owner,
            coordinator,
            member_org,
            "import-substitution",
            [{"category": "equipment", "amount": "800"}],
        )
        api.as_(owner).post(f"/applications/{application_id}/agreement/sign")
        application = MeasureApplication.objects.get(pk=application_id)
        (advance,) = application.payments.all()
        from innocluster.measures.selectors import granted_total

        assert granted_total() == D("400.00")
        reviews.transition(application.case, "terminated", actor=coordinator, comment="Нарушены сроки.")
        advance.refresh_from_db()
        assert advance.status == "cancelled"
        # the home page's total counts the grants that hold, as the open data does
        assert granted_total() == D("0")
        home = Client(headers={"accept-language": "en"}).get("/").content.decode()
        assert 'data-testid="stat-granted">0' in home
        event = AuditEvent.objects.get(action="measure.payment_cancelled")
        assert (event.actor, event.from_state, event.to_state, event.data) == (
            coordinator,
            "scheduled",
            "cancelled",
            {"payment": advance.pk, "amount": "100.00"},
        )
        with pytest.raises(Conflict):
            payments.transition_payment(advance, "paid", actor=coordinator)

    def test_year_payment_formula(self):
        f = services.year_payment
        assert f(grant_amount=D("100"), confirmed_to_date=D("30"), paid_so_far=D("25")) == D("5")
        assert f(grant_amount=D("100"), confirmed_to_date=D("20"), paid_so_far=D("25")) == D("0")
        assert f(grant_amount=D("100"), confirmed_to_date=D("500"), paid_so_far=D("60")) == D("40")


@pytest.mark.django_db
def test_catalogue_and_contract_fields(api):
    body = api.get("/measures").json()
    assert [m["code"] for m in body] == [
        "pilot-testing",
        "patent-compensation",
        "equipment-cofinancing",
        "angel-refund",
        "import-substitution",
    ]
    assert all({"code", "title"} <= set(m) for m in body)
    quote = api.post(
        "/measures/import-substitution/quote", {"items": [{"category": "equipment", "amount": "1000.00"}]}
    ).json()
    assert set(quote) == {"eligible", "amount", "items", "caps", "reasons", "schedule"}
    assert set(quote["items"][0]) >= {"category", "amount", "rate", "compensable", "note"}
    with time_machine.travel("2025-06-01 12:00 +03:00", tick=False):
        assert api.post("/measures/nope/quote", {"items": []}).status_code == 404


@pytest.mark.django_db
def test_a_measures_own_review_days_set_the_due_date(api, member_org, owner):
    Measure.objects.filter(code="patent-compensation").update(review_days=5)
    with time_machine.travel("2024-12-25 10:00 +03:00", tick=False):
        body = apply(
            api,
            owner,
            "patent-compensation",
            [{"category": "patent", "amount": "1000", "jurisdiction": "ru"}],
            member_org,
        ).json()
    # 26, 27, Saturday 28 December (a working day), then 9 and 10 January
    assert (body["submitted_on"], body["review_due"]) == ("2024-12-25", "2025-01-10")


@pytest.mark.django_db
def test_an_applications_notes_read_in_the_readers_language(api, member_org, owner, coordinator):
    """The quote an application keeps (and the one of its approval) was written in the language of
    the person who sent it; each reader reads its notes in their own."""
    items = [{"category": "logistics", "amount": "1000"}, {"category": "invention", "amount": "500"}]
    application_id = apply(api, owner, "pilot-testing", items, member_org).json()["id"]

    def note(language):
        body = api.as_(owner).get(f"/applications/{application_id}", **{"Accept-Language": language}).json()
        assert "texts" not in body["quote"]
        return body["quote"]["items"][1]["note"]

    assert note("ru") == "Категория «Изобретение» не возмещается по этой мере поддержки."
    assert note("en") == "The category “Invention” is not eligible for this measure."
    # the approval's derivation, decided by a coordinator reading in English
    decided = api.as_(coordinator).post(
        f"/applications/{application_id}/decision", {"decision": "approve"}, **{"Accept-Language": "en"}
    )
    assert decided.json()["approved_amount"] == "1000.00"
    assert note("ru") == "Категория «Изобретение» не возмещается по этой мере поддержки."
    client = Client()
    factories.sign_in(client, owner)
    page = client.get(f"/measures/applications/{application_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The category “Invention” is not eligible for this measure." in page
    assert "не возмещается" not in page
