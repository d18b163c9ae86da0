"""The KPI pages (SPEC C9): the cabinet's due reports, the report form (draft as it is typed,
evidence files, a missed target explained), the coordinators' decision with reasons per value, a
correction as a new version, and the monitoring board with its filters and downloads of exactly
the rows on screen."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from innocluster.core.formats import format_measure
from innocluster.core.models import AuditEvent, Notification
from innocluster.kpi import services
from innocluster.kpi.enums import ReportStatus
from innocluster.kpi.models import Evidence, Indicator, Report, ReportDraft, Target
from innocluster.organizations.models import Region
from innocluster.reviews.models import ReviewCase
from tests import factories, samples

pytestmark = pytest.mark.django_db

# the 2025 report is due on the 30th working day of 2026: 2026-02-20
AFTER_DUE = "2026-03-02 10:00 +03:00"
BEFORE_DUE = "2026-02-10 10:00 +03:00"


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        factories.sign_in(client, user)
    return client


def text(response) -> str:
    return response.content.decode()


def target(coordinator, organization, code="revenue", value="1000000", tolerance="5", period="2025"):
    return services.set_target(
        actor=coordinator,
        indicator=services.indicator_by_code(code, field="indicator"),
        organization=organization,
        period=period,
        value=value,
        tolerance_percent=tolerance,
    )[0]


class TestReportForm:
    def test_the_cabinet_and_the_form_show_what_is_due_and_by_when(self, coordinator, organization, owner):
        target(coordinator, organization)
        with time_machine.travel(BEFORE_DUE, tick=False):
            cabinet = text(client_of(owner).get("/cabinet/"))
            assert 'data-testid="cabinet-kpi"' in cabinet and "20 февраля 2026" in cabinet
            page = client_of(owner).get(f"/kpi/report/{organization.pk}/2025/")
        assert page.status_code == 200
        body = text(page)
        assert 'data-testid="due">20 февраля 2026' in body
        assert format_measure(Decimal("1000000"), "ru") in body  # the target

    def test_the_cabinet_names_a_report_status_in_the_report_words(self, coordinator, organization, owner):
        # «Отчёт по КПЭ … Принят», as the KPI page says, not an application's «Одобрена»
        target(coordinator, organization)
        client_of(owner).post(f"/kpi/report/{organization.pk}/2025/", {"revenue__value": "1000000"})
        report = Report.objects.get()
        rows = text(client_of(owner).get("/cabinet/")).split('data-testid="my-applications"')[1]
        assert ">Представлен</strong>" in rows
        services.decide_report(actor=coordinator, report=report, decision="accept")
        rows = text(client_of(owner).get("/cabinet/")).split('data-testid="my-applications"')[1]
        assert ">Принят</strong>" in rows and "Одобрена" not in rows
        with translation.override("en"):
            english = text(client_of(owner).get("/cabinet/", headers={"accept-language": "en"}))
        assert ">Accepted</strong>" in english.split('data-testid="my-applications"')[1]

    def test_a_period_ahead_is_not_offered_and_its_form_says_why(self, coordinator, organization, owner):
        target(coordinator, organization, period="2026")
        target(coordinator, organization, period="2027")
        with time_machine.travel("2026-12-08 10:00 +03:00", tick=False):
            cabinet = text(client_of(owner).get("/kpi/"))
            assert f"/kpi/report/{organization.pk}/2026/" in cabinet
            assert f"/kpi/report/{organization.pk}/2027/" not in cabinet
            page = client_of(owner).post(f"/kpi/report/{organization.pk}/2027/", {"revenue-value": "5"})
        assert page.status_code == 409
        assert "2027 ещё не начался" in text(page)

    def test_a_stranger_and_staff_get_404_and_a_bad_period_too(self, coordinator, organization, stranger):
        target(coordinator, organization)
        assert client_of(stranger).get(f"/kpi/report/{organization.pk}/2025/").status_code == 404
        assert client_of(coordinator).get(f"/kpi/report/{organization.pk}/2025/").status_code == 404
        owner = organization.people.get().person
        for bad in ("2025-Q5", "26", "2025-13"):
            assert client_of(owner).get(f"/kpi/report/{organization.pk}/{bad}/").status_code == 404

    def test_the_draft_is_saved_as_typed_and_comes_back(self, coordinator, organization, owner):
        target(coordinator, organization)
        saved = client_of(owner).post(
            f"/kpi/report/{organization.pk}/2025/draft/",
            {"revenue__value": "900000", "revenue__explanation": "Сдвиг поставок"},
            HTTP_HX_REQUEST="true",
        )
        assert saved.status_code == 200 and 'data-testid="autosaved"' in text(saved)
        assert ReportDraft.objects.get().data == {
            "revenue": {"value": "900000", "explanation": "Сдвиг поставок"}
        }
        page = text(client_of(owner).get(f"/kpi/report/{organization.pk}/2025/"))
        assert 'value="900000"' in page and "Сдвиг поставок" in page

    def test_a_missed_target_without_an_explanation_is_shown_on_its_field(
        self, coordinator, organization, owner
    ):
        target(coordinator, organization)
        answer = client_of(owner).post(f"/kpi/report/{organization.pk}/2025/", {"revenue__value": "900000"})
        assert answer.status_code == 200
        assert 'href="#id_revenue__explanation"' in text(answer)
        assert not Report.objects.exists()

    def test_a_missed_target_asks_for_a_corrective_action_on_the_page(self, coordinator, organization, owner):
        target(coordinator, organization)
        url = f"/kpi/report/{organization.pk}/2025/"
        answer = client_of(owner).post(url, {"revenue__value": "900000", "revenue__explanation": "Сдвиг"})
        assert 'href="#id_revenue__corrective_action"' in text(answer)
        assert not Report.objects.exists()

    def test_a_missed_target_asks_for_the_reason_and_the_action_together(
        self, coordinator, organization, owner
    ):
        target(coordinator, organization)
        url = f"/kpi/report/{organization.pk}/2025/"
        answer = text(client_of(owner).post(url, {"revenue__value": "900000"}))
        assert (
            'href="#id_revenue__explanation"' in answer and 'href="#id_revenue__corrective_action"' in answer
        )
        assert not Report.objects.exists()

    def test_every_refusal_is_shown_on_the_first_answer(self, coordinator, organization, owner):
        target(coordinator, organization)  # revenue, yearly
        target(coordinator, organization, code="staff", value="40", tolerance="0")
        url = f"/kpi/report/{organization.pk}/2025/"
        # revenue missed without a reason, staff not whole, patents negative
        typed = {"revenue__value": "900000", "staff__value": "12.5", "patents__value": "-1"}
        page = text(client_of(owner).post(url, typed))
        for field in ("revenue__explanation", "staff__value", "patents__value"):
            assert f'href="#id_{field}"' in page
        assert "Выручка" in page and "целыми числами" in page and "не может быть отрицательным" in page
        # a required value left empty is named together with the others
        page = text(client_of(owner).post(url, {"revenue__value": "900000", "patents__value": "-1"}))
        for field in ("staff__value", "revenue__explanation", "patents__value"):
            assert f'href="#id_{field}"' in page
        assert not Report.objects.exists()

    def test_an_english_page_names_the_indicators_in_english(self, coordinator, organization, owner):
        target(coordinator, organization, code="staff", value="40", tolerance="0")
        client = client_of(owner)
        client.cookies["django_language"] = "en"
        url = f"/kpi/report/{organization.pk}/2025/"
        page = text(client.get(url))
        assert "<legend>Staff</legend>" in page and "Численность" not in page and "people" in page
        refused = text(client.post(url, {"staff__value": "39"}))
        assert "The target for “Staff” is missed" in refused
        client.cookies["django_language"] = "ru"
        assert "<legend>Численность работников</legend>" in text(client.get(url))

    def test_a_report_waiting_for_its_review_is_not_filed_again(self, coordinator, organization, owner):
        target(coordinator, organization)
        url = f"/kpi/report/{organization.pk}/2025/"
        client_of(owner).post(url, {"revenue__value": "1000000"})
        again = client_of(owner).post(url, {"revenue__value": "1200000"})
        assert again.status_code == 409 and 'data-testid="report-closed"' in text(again)
        assert Report.objects.get().values.get().value == Decimal("1000000.00")

    def test_a_value_that_is_not_a_number_is_refused_on_its_field(self, coordinator, organization, owner):
        target(coordinator, organization)
        for typed in ("abc", "1e400"):
            answer = client_of(owner).post(f"/kpi/report/{organization.pk}/2025/", {"revenue__value": typed})
            assert 'href="#id_revenue__value"' in text(answer)
        assert not Report.objects.exists()

    def test_filed_with_evidence_returned_with_a_reason_corrected_and_accepted(
        self, coordinator, organization, owner, stranger, mailoutbox
    ):
        target(coordinator, organization)
        target(coordinator, organization, code="staff", value="40", tolerance="0")
        client = client_of(owner)
        url = f"/kpi/report/{organization.pk}/2025/"
        added = client.post(
            url + "evidence/",
            {"indicator": "revenue", "file": SimpleUploadedFile("выручка.pdf", samples.pdf("Выручка"))},
            HTTP_HX_REQUEST="true",
        )
        assert added.status_code == 200 and "выручка.pdf" in text(added)
        refused = client.post(
            url + "evidence/",
            {"indicator": "revenue", "file": SimpleUploadedFile("выручка.pdf", b"MZ not a pdf")},
            HTTP_HX_REQUEST="true",
        )
        assert "not a valid .pdf" in text(refused) or "не является" in text(refused)
        evidence = Evidence.objects.get()
        with time_machine.travel(AFTER_DUE, tick=False):
            sent = client.post(
                url,
                {
                    "revenue__value": "960000",
                    "staff__value": "38",
                    "staff__explanation": "Двое ушли в декабре",
                    "staff__corrective_action": "Наём до марта",
                },
            )
        first = Report.objects.get()
        assert sent.status_code == 302 and sent["Location"] == f"/kpi/reports/{first.pk}/"
        assert (first.version, first.status, first.late) == (1, "submitted", True)
        assert first.case.kind == "kpi_report" and first.case.status == "submitted"
        values = {v.indicator.code: v for v in first.values.all()}
        assert values["revenue"].value == Decimal("960000.00")
        assert list(values["revenue"].evidence.all()) == [evidence]
        assert values["staff"].corrective_action == "Наём до марта"
        assert not ReportDraft.objects.exists()

        # the evidence: the organisation's people and coordinators, nobody else
        assert client.get(f"/kpi/evidence/{evidence.pk}/").status_code == 200
        assert client_of(coordinator).get(f"/kpi/evidence/{evidence.pk}/").status_code == 200
        assert client_of(stranger).get(f"/kpi/evidence/{evidence.pk}/").status_code == 404
        assert client_of(stranger).get(f"/kpi/reports/{first.pk}/").status_code == 404

        # returned with a reason on the staff value only
        review = client_of(coordinator)
        assert f"/kpi/reports/{first.pk}/" in text(review.get("/kpi/review/"))
        returned = review.post(
            f"/kpi/reports/{first.pk}/decision/",
            {"decision": "return", "comment": "", "reason__staff": "Приложите штатное расписание"},
        )
        assert returned.status_code == 302
        first.refresh_from_db()
        assert first.status == "returned" and first.case.status == "returned"
        assert first.values.get(indicator__code="staff").return_reason == "Приложите штатное расписание"
        assert Notification.objects.filter(recipient=owner, kind="kpi.report_decided").count() == 1
        page = text(client.get(url))
        assert 'data-testid="returned"' in page and "Приложите штатное расписание" in page
        assert 'value="38.00"' in page  # the returned version's values to correct

        # the correction is version 2; version 1 stays as it was
        with time_machine.travel(AFTER_DUE, tick=False):
            corrected = client.post(
                url,
                {
                    "revenue__value": "960000",
                    "staff__value": "38",
                    "staff__explanation": "Двое ушли в декабре; штатное расписание приложено",
                    "staff__corrective_action": "Наём до марта",
                    "staff__evidence_link": "https://disk.example.org/shtat.pdf",
                },
            )
        second = Report.objects.get(version=2)
        assert corrected["Location"] == f"/kpi/reports/{second.pk}/"
        assert list(second.values.get(indicator__code="revenue").evidence.all()) == [evidence]
        first.refresh_from_db()
        assert first.status == "returned" and first.values.get(indicator__code="staff").explanation == (
            "Двое ушли в декабре"
        )
        accepted = review.post(f"/kpi/reports/{second.pk}/decision/", {"decision": "accept"})
        assert accepted.status_code == 302
        second.refresh_from_db()
        assert second.status == "accepted" and second.case.status == "approved"
        assert list(
            AuditEvent.objects.filter(object_type="kpi.report")
            .order_by("pk")
            .values_list("action", flat=True)
        ) == ["kpi.report_submitted", "kpi.report_returned", "kpi.report_submitted", "kpi.report_accepted"]
        # a report accepted is not reported again
        assert 'data-testid="report-closed"' in text(client.get(url))

    def test_a_removed_file_stays_with_the_version_that_holds_it(self, coordinator, organization, owner):
        target(coordinator, organization)
        client = client_of(owner)
        url = f"/kpi/report/{organization.pk}/2025/"
        client.post(
            url + "evidence/", {"indicator": "revenue", "file": SimpleUploadedFile("a.pdf", samples.pdf())}
        )
        client.post(
            url + "evidence/", {"indicator": "revenue", "file": SimpleUploadedFile("b.pdf", samples.pdf())}
        )
        a, b = Evidence.objects.order_by("pk")
        client.post(url, {"revenue__value": "1000000"})
        report = Report.objects.get()
        services.decide_report(actor=coordinator, report=report, decision="return", comment="Уточните")
        client.post(f"/kpi/evidence/{a.pk}/remove/")
        a.refresh_from_db()
        assert a.removed_at is not None  # held by version 1: kept, marked
        client.post(url, {"revenue__value": "1000000"})
        second = Report.objects.get(version=2)
        assert list(second.values.get().evidence.all()) == [b]
        assert set(report.values.get().evidence.all()) == {a, b}


class TestBoard:
    def build(self, coordinator, count, region="77"):
        """`count` organisations with revenue and staff targets for 2025; the first reports."""
        made = []
        for n in range(count):
            owner = factories.person()
            organization = factories.organization(owner=owner, short_name=f"Организация {n:02d}")
            organization.region = Region.objects.get(code=region)
            organization.save(update_fields=["region"])
            target(coordinator, organization, value="1000", tolerance="10")
            target(coordinator, organization, code="staff", value="10", tolerance="0")
            made.append((organization, owner))
        return made

    def test_cells_are_met_within_tolerance_missed_or_missing(self, coordinator):
        made = self.build(coordinator, 3)
        (a, a_owner), (b, b_owner), (c, _c) = made
        with time_machine.travel(BEFORE_DUE, tick=False):
            services.submit_report(
                actor=a_owner,
                organization=a,
                period="2025",
                values=[{"indicator": "revenue", "value": "1000"}, {"indicator": "staff", "value": "12"}],
            )
        with time_machine.travel(AFTER_DUE, tick=False):
            services.submit_report(
                actor=b_owner,
                organization=b,
                period="2025",
                values=[
                    {"indicator": "revenue", "value": "900"},
                    {"indicator": "staff", "value": "9", "explanation": "Сокращение"},
                ],
            )
            page = client_of(coordinator).get("/kpi/board/?period=2025")
        body = text(page)
        row_a = body.split(f'data-testid="board-row-{a.pk}"')[1].split("</tr>")[0]
        row_b = body.split(f'data-testid="board-row-{b.pk}"')[1].split("</tr>")[0]
        row_c = body.split(f'data-testid="board-row-{c.pk}"')[1].split("</tr>")[0]
        assert row_a.count('data-band="met"') == 2 and 'data-status="late"' not in row_a
        assert 'data-band="tolerance"' in row_b and 'data-band="missed"' in row_b
        assert 'data-status="late"' in row_b
        assert row_c.count('data-band="missing"') == 2 and 'data-status="missing"' in row_c

    def test_filters_and_the_download_of_exactly_the_rows_on_screen(self, coordinator):
        made = self.build(coordinator, 3)
        other_region = self.build(coordinator, 1, region="50")
        late_org, late_owner = made[1]
        with time_machine.travel(AFTER_DUE, tick=False):
            services.submit_report(
                actor=late_owner,
                organization=late_org,
                period="2025",
                values=[{"indicator": "revenue", "value": "1000"}, {"indicator": "staff", "value": "10"}],
            )
            client = client_of(coordinator)
            assert 'data-testid="board-count">4 организации' in text(client.get("/kpi/board/?period=2025"))
            region = text(client.get("/kpi/board/?period=2025&region=50"))
            assert f"board-row-{other_region[0][0].pk}" in region and f"board-row-{late_org.pk}" not in region
            late = text(client.get("/kpi/board/?period=2025&report=late"))
            assert f"board-row-{late_org.pk}" in late and late.count('data-testid="board-row-') == 1
            missing = text(client.get("/kpi/board/?period=2025&report=missing"))
            assert missing.count('data-testid="board-row-') == 3
            csv_answer = client.get("/kpi/board/?period=2025&region=77&sort=-name&format=csv")
            xlsx_answer = client.get("/kpi/board/?period=2025&region=77&sort=-name&format=xlsx")
            assert client.get("/kpi/board/?period=2025&format=pdf").status_code == 404
        assert csv_answer["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(csv_answer.content.decode("utf-8-sig"))))
        assert [r[0] for r in rows[1:]] == ["Организация 02", "Организация 01", "Организация 00"]
        late_row = rows[2]
        with translation.override("ru"):
            submitted = str(ReportStatus.SUBMITTED.label)
        assert late_row[:5] == ["Организация 01", late_org.inn, "г. Москва", submitted, "1"]
        assert late_row[5:] == ["1000", "1000", "достигнут", "10", "10", "достигнут"]
        book = openpyxl.load_workbook(io.BytesIO(xlsx_answer.content))
        sheet = list(book.active.iter_rows(values_only=True))
        assert [r[0] for r in sheet[1:]] == ["Организация 02", "Организация 01", "Организация 00"]
        assert sheet[2][5] == 1000 and sheet[2][6] == 1000 and sheet[2][4] is True

    def test_the_page_makes_the_same_queries_for_1_and_3_organisations(self, coordinator):
        def count() -> int:
            client = client_of(coordinator)
            client.get("/kpi/board/?period=2025")  # the session and caches warm
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/kpi/board/?period=2025").status_code == 200
            return len(queries)

        self.build(coordinator, 1)
        one = count()
        self.build(coordinator, 2)
        assert count() == one

    def test_only_coordinators_see_the_board(self, coordinator, owner):
        # the legend's words agree (it said «достигнут» beside «не достигнуто»)
        self.build(coordinator, 1)
        legend = text(client_of(coordinator).get("/kpi/board/", {"period": "2025"}))
        assert (
            ">достигнут</strong>" in legend
            and ">не достигнут</strong>" in legend
            and "не достигнуто</strong>" not in legend
        )
        assert client_of(owner).get("/kpi/board/").status_code == 404
        assert client_of(factories.staff("reviewer")).get("/kpi/board/").status_code == 404
        assert client_of().get("/kpi/board/").status_code == 302


class TestTargetsPages:
    def test_a_coordinator_sets_a_target_then_changes_it(self, coordinator, organization):
        client = client_of(coordinator)
        data = {
            "action": "one",
            "organization": organization.inn,
            "indicator": "staff",
            "period": "2026",
            "value": "40",
            "tolerance_percent": "5",
        }
        assert client.post("/kpi/targets/", data).status_code == 302
        assert client.post("/kpi/targets/", {**data, "value": "45"}).status_code == 302
        saved = Target.objects.get()
        assert (saved.value, saved.tolerance_percent, saved.period) == (
            Decimal("45.00"),
            Decimal("5.00"),
            "2026",
        )
        bad = client.post("/kpi/targets/", {**data, "period": "2026-Q5"})
        assert bad.status_code == 200 and 'href="#id_period"' in text(bad)

    @pytest.mark.parametrize("known_organization", [True, False])
    def test_every_refused_field_of_a_target_is_named_at_once(
        self, coordinator, organization, known_organization
    ):
        data = {
            "action": "one",
            "organization": organization.inn if known_organization else "9999999999",
            "indicator": "staff",
            "period": "1900",
            "value": "1e309",
            "tolerance_percent": "abc",
        }
        page = text(client_of(coordinator).post("/kpi/targets/", data))
        for field in ["period", "value", "tolerance_percent"] + (
            [] if known_organization else ["organization"]
        ):
            assert f'href="#id_{field}"' in page, field
        assert not Target.objects.exists()

    def test_a_coordinator_adds_an_indicator(self, coordinator):
        client = client_of(coordinator)
        answer = client.post(
            "/kpi/indicators/",
            {"code": "exports", "name": "Экспорт", "unit": "₽", "better": "higher", "period": "quarter"},
        )
        assert answer.status_code == 302
        assert "exports" in text(client.get("/kpi/indicators/"))
        assert Indicator.objects.get(code="exports").value_kind == "amount"
        client.post(
            "/kpi/indicators/",
            {
                "code": "engineers",
                "name": "Инженеры",
                "unit": "чел.",
                "name_en": "Engineers",
                "unit_en": "people",
                "better": "higher",
                "period": "year",
                "value_kind": "count",
            },
        )
        engineers = Indicator.objects.get(code="engineers")
        assert (engineers.name_en, engineers.unit_en, engineers.value_kind) == (
            "Engineers",
            "people",
            "count",
        )
        client.cookies["django_language"] = "en"
        listed = text(client.get("/kpi/indicators/"))
        assert "Engineers" in listed and "Экспорт" in listed  # no English name: the name
        assert AuditEvent.objects.filter(action="kpi.indicator_created").count() == 2


def test_the_review_case_is_on_the_desk_with_its_due_date(coordinator, organization, owner):
    target(coordinator, organization)
    with time_machine.travel(dt.datetime(2026, 2, 2, 10, tzinfo=dt.UTC), tick=False):
        report = services.submit_report(
            actor=owner,
            organization=organization,
            period="2025",
            values=[{"indicator": "revenue", "value": "1000000"}],
        )
    case = ReviewCase.objects.get(pk=report.case_id)
    assert case.kind == "kpi_report" and case.review_due == dt.date(2026, 2, 16)
    desk = text(client_of(coordinator).get(f"/staff/desk/{case.pk}/"))
    assert f"/kpi/reports/{report.pk}/" in desk
