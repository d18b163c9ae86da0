"""The pilot testing programme in a real browser: a company finds a site and asks for a pilot, the
site accepts it from its cabinet, a user rates the product through the public link without an
account, the site writes the protocol (PDF), and the company applies for the pilot-testing grant
naming its pilot, which the desk sees with the protocol."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from innocluster.core.formats import human_date
from innocluster.measures.models import MeasureApplication
from innocluster.pilots import services
from innocluster.pilots.models import Feedback, Pilot
from tests import factories
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_request_accept_public_feedback_protocol_and_the_grant(page, browser, live_server):
    owner = factories.person(email="company@example.org", full_name="Игорь Компанейский")
    company = factories.organization(owner=owner, short_name="ООО «Умный дозатор»")
    factories.participant(company)
    site_owner = factories.person(email="clinic@example.org", full_name="Анна Площадкина")
    clinic = factories.organization(owner=site_owner, short_name="ГБУЗ «Поликлиника № 12»")
    coordinator = factories.staff("coordinator", email="coord@example.org")
    services.create_site(
        actor=coordinator,
        organization=clinic,
        name="Городская поликлиника № 12",
        category="healthcare",
        address="Москва, ул. Лесная, 12",
        district="Тверской",
        testable="Сервисы для пациентов: запись, напоминания, дозаторы лекарств",
        capacity=1,
        contact_email="pilot@clinic.example.org",
    )
    today = timezone.localdate()

    # the company finds the site and asks, seeing the answer's date at once
    sign_in(page, owner.email)
    page.goto("/pilots/")
    page.get_by_label("Категория").select_option("healthcare")
    page.get_by_role("button", name="Найти").click()
    page.get_by_role("link", name="Городская поликлиника № 12").click()
    page.get_by_test_id("request-pilot").click()
    page.locator("input[name=product]").fill("Умный дозатор лекарств")
    page.locator("textarea[name=goals]").fill("Пациенты не пропускают приём лекарств.")
    page.locator("input[name=starts_on]").fill(today.isoformat())
    page.locator("input[name=ends_on]").fill((today + dt.timedelta(days=30)).isoformat())
    page.locator("input[name=criteria-0-name]").fill("Пропущенные приёмы")
    page.locator("input[name=criteria-0-unit]").fill("%")
    page.locator("select[name=criteria-0-better]").select_option("lower")
    page.locator("input[name=criteria-0-target]").fill("5")
    page.get_by_role("button", name="Добавить критерий").click()  # a fourth row, after three empty
    page.locator("input[name=criteria-3-name]").fill("Довольные пациенты")
    page.locator("input[name=criteria-3-unit]").fill("%")
    page.locator("input[name=criteria-3-target]").fill("80")
    page.get_by_role("button", name="Отправить заявку").click()
    page.locator("[data-testid=pilot-status][data-status=requested]").wait_for()
    pilot = Pilot.objects.get()
    assert [(c.name, c.better, str(c.target)) for c in pilot.criteria.all()] == [
        ("Пропущенные приёмы", "lower", "5.0000"),
        ("Довольные пациенты", "higher", "80.0000"),
    ]
    with translation.override("ru"):
        due = human_date(pilot.answer_due)
    assert due in page.get_by_test_id("answer-due").inner_text()

    # the site answers from its cabinet
    site = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(site, site_owner.email)
    site.goto("/cabinet/")
    site.get_by_test_id("site-pilots").get_by_role("link", name="Умный дозатор лекарств").click()
    site.get_by_label("Принять пилот").check()
    site.get_by_role("button", name="Отправить ответ").click()
    site.locator("[data-testid=pilot-status][data-status=accepted]").wait_for()
    link = site.get_by_test_id("feedback-url").input_value()
    assert link.startswith(live_server.url + "/pilots/feedback/")

    # a patient rates the product through the public link, without an account
    visitor = browser.new_context(locale="ru-RU").new_page()
    visitor.goto(link)
    visitor.get_by_test_id("feedback-pilot").filter(has_text="Умный дозатор лекарств").wait_for()
    visitor.locator("input[name=rating][value='5']").check()
    visitor.get_by_label("Комментарий").fill("Ни разу не забыл про таблетки.")
    visitor.wait_for_timeout(2200)  # the form refuses what a script sends at once
    visitor.get_by_test_id("send-feedback").click()
    visitor.wait_for_url("**/thanks/")
    assert list(Feedback.objects.values_list("rating", "source")) == [(5, "public")]

    # the site writes the protocol; it opens as a PDF
    site.reload()
    site.get_by_test_id("write-protocol").click()
    site.get_by_label("Пропущенные приёмы").fill("4,5")
    site.get_by_label("Довольные пациенты").fill("79")
    site.get_by_label("Рекомендовано", exact=True).check()
    site.get_by_role("button", name="Отправить протокол").click()
    site.locator("[data-testid=pilot-status][data-status=completed]").wait_for()
    results = site.get_by_test_id("criteria").inner_text()
    assert "достигнут" in results and "не достигнут" in results
    with site.expect_download() as download_info:
        site.get_by_role("link", name="PDF").click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # the company applies for the grant naming its pilot (the only one, chosen already)
    page.goto("/measures/pilot-testing/apply/")
    page.get_by_label("Название проекта").fill("Пилот умного дозатора в поликлинике № 12")
    page.locator("select[name=items-0-category]").select_option("consumables")
    page.locator("input[name=items-0-amount]").fill("180000")
    page.get_by_role("button", name="Сохранить и продолжить").click()
    page.get_by_role("link", name="Проверить ответы и подать").click()
    page.get_by_role("button", name="Подать заявку").click()
    page.get_by_test_id("confirmation").wait_for()
    application = MeasureApplication.objects.get(organization=company)
    assert application.pilot_id == pilot.pk

    # the desk sees the pilot and its protocol beside the application
    staff = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(staff, coordinator.email)
    staff.goto(f"/staff/desk/{application.case_id}/")
    text = staff.locator("#main").inner_text()
    assert "Умный дозатор лекарств" in text and "Рекомендовано" in text
