"""KPI in a real browser: a coordinator sets a target; the company's owner finds the report due in
the cabinet, types it (the draft is saved as typed), attaches an evidence file, explains the miss
and submits; the coordinator returns it with a reason on the value; the owner corrects it (a new
version); the coordinator accepts it and finds it on the monitoring board, and downloads the board."""

from pathlib import Path

import pytest

from innocluster.kpi.models import Report
from tests import factories, samples
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_target_report_with_evidence_returned_corrected_accepted_on_the_board(
    page, browser, live_server, tmp_path
):
    owner = factories.person(email="owner@example.org", full_name="Игорь Отчётов")
    company = factories.organization(owner=owner, short_name="ООО «Точные приборы»")
    coordinator = factories.staff("coordinator", email="coord@example.org", full_name="Анна Координатор")

    # the coordinator sets the 2025 revenue target with a 5 % tolerance
    sign_in(page, coordinator.email)
    page.goto("/kpi/targets/")
    form = page.get_by_test_id("target-form")
    form.get_by_label("Организация: ИНН или номер на платформе").fill(company.inn)
    form.get_by_label("Показатель").select_option("revenue")
    form.get_by_label("Период").fill("2025")
    form.get_by_label("Целевое значение", exact=True).fill("1000000")
    form.get_by_label("Допуск, %").fill("5")
    form.get_by_role("button", name="Установить целевое значение").click()
    page.get_by_text("Целевое значение установлено.").wait_for()

    # the owner finds the report in the cabinet and types it
    company_page = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(company_page, owner.email)
    company_page.get_by_test_id("cabinet-kpi").get_by_role("link", name="Заполнить отчёт").click()
    company_page.get_by_label("Выручка, ₽").fill("900000")
    company_page.get_by_test_id("autosaved").wait_for()
    evidence = tmp_path / "выручка-2025.pdf"
    evidence.write_bytes(samples.pdf("Выручка 2025"))
    box = company_page.get_by_test_id("evidence-revenue")
    box.locator("input[type=file]").set_input_files(str(evidence))
    box.get_by_role("button", name="Загрузить").click()
    company_page.get_by_test_id("evidence-revenue").get_by_role("link", name="выручка-2025.pdf").wait_for()
    # submitted without an explanation: the miss is named on its field
    company_page.get_by_test_id("submit-report").click()
    company_page.get_by_test_id("error-summary").wait_for()
    company_page.get_by_test_id("value-revenue").get_by_label("Почему целевое значение не достигнуто").fill(
        "Крупный заказ перенесён на январь 2026 года"
    )
    company_page.get_by_test_id("value-revenue").get_by_label("Что делается для исправления").fill(
        "Договор подписан, поставка в первом квартале"
    )
    company_page.get_by_test_id("submit-report").click()
    company_page.locator("[data-testid=report-status] [data-status=submitted]").wait_for()
    first = Report.objects.get()
    assert first.values.get().evidence.get().original_name == "выручка-2025.pdf"

    # the coordinator returns it with a reason on the value
    page.goto("/kpi/review/")
    page.get_by_test_id("kpi-review").get_by_role("link", name="ООО «Точные приборы»").click()
    page.get_by_label("Вернуть на доработку").check()
    page.get_by_label("Что исправить: Выручка").fill("Приложите выписку из бухгалтерского баланса")
    page.get_by_role("button", name="Записать решение").click()
    page.locator("[data-testid=report-status] [data-status=returned]").wait_for()

    # the owner corrects it: a second version, the first stays as it was
    company_page.goto("/kpi/")
    company_page.get_by_role("link", name="Исправить отчёт").click()
    company_page.get_by_test_id("reason-revenue").wait_for()
    assert "выписку" in company_page.get_by_test_id("reason-revenue").inner_text()
    company_page.get_by_label("Выручка, ₽").fill("960000")
    company_page.get_by_test_id("submit-report").click()
    company_page.locator("[data-testid=report-status] [data-status=submitted]").wait_for()
    assert list(Report.objects.order_by("version").values_list("version", "status")) == [
        (1, "returned"),
        (2, "submitted"),
    ]

    # accepted, and on the board: within the tolerance, filed late
    page.goto("/kpi/review/")
    page.get_by_test_id("kpi-review").get_by_role("link", name="ООО «Точные приборы»").click()
    page.get_by_label("Принять отчёт").check()
    page.get_by_role("button", name="Записать решение").click()
    page.locator("[data-testid=report-status] [data-status=accepted]").wait_for()
    page.goto("/kpi/board/?period=2025")
    row = page.get_by_test_id(f"board-row-{company.pk}")
    assert row.locator("[data-band=tolerance]").count() == 1
    assert row.locator("[data-status=accepted]").count() == 1
    page.screenshot(path=str(tmp_path / "kpi-board.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_test_id("download-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "ООО «Точные приборы»" in text and "960000" in text
