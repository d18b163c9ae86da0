"""The KPI in the back office: coordinators define indicators (the code fixed once created, every
change audited); targets, reports, evidence, drafts and reminders are shown, never changed or
deleted there, and an evidence file is never exposed as a link."""

import pytest
from django.test import Client

from innocluster.core.models import AuditEvent
from innocluster.kpi import services
from innocluster.kpi.models import Evidence, Indicator, Report, ReportDraft, ReportReminder
from innocluster.kpi.reminders import send_report_reminders
from tests import factories

pytestmark = pytest.mark.django_db
MODELS = ["indicator", "target", "report", "evidence", "reportdraft", "reportreminder"]


def signed_in(user) -> Client:
    client = Client()
    factories.sign_in(client, user)
    client.cookies["django_language"] = "ru"
    return client


@pytest.fixture
def superuser_client():
    return signed_in(factories.person(staff=True, is_superuser=True, roles=["administrator"]))


@pytest.fixture
def world():
    import datetime as dt

    owner = factories.person(full_name="Ольга Владелец")
    organization = factories.organization(owner=owner)
    coordinator = factories.staff("coordinator")
    revenue = Indicator.objects.get(code="revenue")
    services.set_target(
        actor=coordinator, indicator=revenue, organization=organization, period="2025", value="10"
    )
    services.set_target(
        actor=coordinator, indicator=revenue, organization=organization, period="2026", value="10"
    )
    evidence = Evidence.objects.create(
        organization=organization,
        period="2025",
        indicator=revenue,
        file="kpi/1/Zq3secretname.pdf",
        original_name="Выписка.pdf",
        content_type="application/pdf",
        size=2048,
        sha256="ab" * 32,
        uploaded_by=owner,
    )
    report = services.submit_report(
        actor=owner,
        organization=organization,
        period="2025",
        values=[{"indicator": "revenue", "value": "12"}],
    )
    ReportDraft.objects.create(organization=organization, period="2026", data={}, updated_by=owner)
    send_report_reminders(today=dt.date(2027, 2, 5))  # 2026 is due in 10 working days
    return {"report": report, "evidence": evidence, "indicator": revenue}


def test_every_kpi_list_and_page_opens(superuser_client, world):
    assert ReportReminder.objects.exists() and ReportDraft.objects.exists() and Report.objects.exists()
    for name in MODELS:
        assert superuser_client.get(f"/admin/kpi/{name}/").status_code == 200, name
        model = {"indicator": Indicator, "report": Report, "evidence": Evidence}.get(name)
        if model is None:
            continue
        page = superuser_client.get(f"/admin/kpi/{name}/{model.objects.first().pk}/change/")
        assert page.status_code == 200, name


def test_an_evidence_file_shows_its_name_size_and_digest_never_a_link(superuser_client, world):
    evidence = world["evidence"]
    for url in ("/admin/kpi/evidence/", f"/admin/kpi/evidence/{evidence.pk}/change/"):
        html = superuser_client.get(url).content.decode()
        assert "Выписка.pdf" in html and "2,0\xa0КБ" in html
        assert "Zq3secretname" not in html and "/media/" not in html
    page = superuser_client.get(f"/admin/kpi/evidence/{evidence.pk}/change/").content.decode()
    assert "ab" * 32 in page


def test_records_are_not_changed_or_deleted_in_the_back_office(superuser_client, world):
    report = world["report"]
    for name, pk in (("report", report.pk), ("evidence", world["evidence"].pk)):
        assert superuser_client.get(f"/admin/kpi/{name}/{pk}/delete/").status_code == 403
        page = superuser_client.get(f"/admin/kpi/{name}/{pk}/change/").content.decode()
        assert 'name="_save"' not in page
    assert superuser_client.get("/admin/kpi/report/add/").status_code == 403
    assert superuser_client.get(f"/admin/kpi/indicator/{world['indicator'].pk}/delete/").status_code == 403


def test_a_coordinator_defines_an_indicator_whose_code_is_then_fixed():
    client = signed_in(factories.staff("coordinator", is_superuser=True))
    body = {
        "code": "Exports",
        "name": "Экспорт",
        "unit": "₽",
        "better": "higher",
        "period": "quarter",
        "value_kind": "amount",
    }
    assert client.post("/admin/kpi/indicator/add/", body).status_code == 302
    exports = Indicator.objects.get(code="exports")
    assert exports.value_kind == "amount"
    again = client.post("/admin/kpi/indicator/add/", {**body, "code": "EXPORTS"})
    assert again.status_code == 200 and Indicator.objects.filter(code__iexact="exports").count() == 1
    changed = client.post(
        f"/admin/kpi/indicator/{exports.pk}/change/",
        {**body, "code": "other", "period": "year", "name": "Экспорт, ₽"},
    )
    assert changed.status_code == 302
    exports.refresh_from_db()
    assert (exports.code, exports.period, exports.name) == ("exports", "quarter", "Экспорт, ₽")
    events = AuditEvent.objects.filter(object_type="kpi.indicator", object_id=str(exports.pk)).order_by("pk")
    assert [(e.action, e.data) for e in events] == [
        ("kpi.indicator_created", {"code": "exports"}),
        ("kpi.indicator_updated", {"fields": ["name"]}),
    ]


def test_an_administrator_reads_the_kpi_records_but_not_what_participants_are_typing(world):
    client = signed_in(factories.staff("administrator"))
    for name in ["indicator", "target", "report", "evidence", "reportreminder"]:
        assert client.get(f"/admin/kpi/{name}/").status_code == 200, name
    assert client.get("/admin/kpi/reportdraft/").status_code == 403  # no kpi.view_reportdraft
