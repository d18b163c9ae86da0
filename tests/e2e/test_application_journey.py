"""The application of a support measure in a real browser, as issue 16 asks: an empty submit leaves
no draft; the calculator's lines go into the application; the task list, "check your answers",
the confirmation with the number and the due date, the timeline; one number in the cabinet, on the
page and on the desk."""

import pytest

from innocluster.core import formats
from innocluster.measures.models import MeasureApplication
from innocluster.reviews.models import ReviewCase
from tests import factories
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_calculator_to_confirmation_and_one_number(page, browser, live_server):
    owner = factories.person(email="applicant@example.org")
    organization = factories.organization(owner=owner)
    factories.participant(organization)
    factories.pilot(organization)  # the grant names it; the only one is chosen in the form
    coordinator = factories.staff("coordinator", email="desk@example.org")
    sign_in(page, owner.email)

    # an empty submit: every problem listed at once, nothing written
    page.goto("/measures/pilot-testing/apply/")
    page.get_by_role("button", name="Сохранить и продолжить").click()
    summary = page.get_by_test_id("apply-error")
    summary.wait_for()
    assert "Укажите название проекта." in summary.inner_text()
    assert "Добавьте хотя бы одну статью затрат" in summary.inner_text()
    assert MeasureApplication.objects.count() == 0 and ReviewCase.objects.filter(kind="measure").count() == 0

    # the calculator's lines go into the application
    page.goto("/measures/pilot-testing/")
    page.locator("select[name=items-0-category]").select_option("logistics")
    page.locator("input[name=items-0-amount]").fill("1500000")
    page.get_by_role("button", name="Добавить статью").click()
    page.locator("select[name=items-1-category]").select_option("labor")
    page.locator("input[name=items-1-amount]").fill("700000")
    page.get_by_test_id("quote-amount").filter(has_text="2 000 000,00").wait_for()
    page.get_by_test_id("apply-link").click()
    page.get_by_test_id("carried-items").wait_for()
    assert page.locator("select[name=items-0-category]").input_value() == "logistics"
    assert page.locator("input[name=items-0-amount]").input_value() == "1500000"
    assert page.locator("select[name=items-1-category]").input_value() == "labor"
    assert page.locator("input[name=items-1-amount]").input_value() == "700000"

    # the task list, then "check your answers"
    page.locator("#project_title").fill("Пилот датчиков качества воздуха")
    page.get_by_role("button", name="Сохранить и продолжить").click()
    tasks = page.get_by_test_id("task-list")
    tasks.wait_for()
    assert "Выполнено" in tasks.locator("[data-task=items]").inner_text()
    assert "Не начато" in tasks.locator("[data-task=documents]").inner_text()
    tasks.get_by_role("link", name="Проверить ответы и подать").click()
    answers = page.get_by_test_id("answer-items").inner_text().replace("\u202f", " ").replace("\xa0", " ")
    assert "1 500 000,00 ₽" in answers and "700 000,00 ₽" in answers
    # the pilot, the project, the description, 2 items, the documents
    assert page.get_by_role("link", name="Изменить").count() == 6

    # the confirmation: the number and the answer's due date
    page.get_by_role("button", name="Подать заявку").click()
    page.get_by_test_id("confirmation").wait_for()
    application = MeasureApplication.objects.get()
    case = application.case
    number = f"№{case.pk}"
    assert page.get_by_test_id("confirmation-number").inner_text() == number
    assert page.get_by_test_id("confirmation-due").inner_text() == formats.human_date(case.review_due, "ru")

    # the timeline on the application page
    page.get_by_role("link", name="Перейти к заявке").click()
    timeline = page.get_by_test_id("timeline")
    assert timeline.locator(".timeline__step.is-done").count() == 1
    assert timeline.locator("[data-step=submitted] time").inner_text() == formats.human_date(
        case.submitted_on, "ru"
    )
    assert timeline.locator("[data-step=in_review]").get_attribute("class").endswith("is-current")

    # one number: the page, the cabinet, the desk
    assert page.get_by_test_id("application-number").inner_text() == number
    page.goto("/cabinet/")
    assert number in page.get_by_test_id("my-applications").inner_text()
    staff = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(staff, coordinator.email)
    staff.goto("/staff/desk/")
    staff.get_by_role("link", name=str(case.pk), exact=True).click()
    assert number in staff.get_by_role("heading", level=1).inner_text()
    staff.context.close()
