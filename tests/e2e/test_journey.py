"""A newcomer's first visit, in a real browser: sign up, confirm the e-mail, register an
organisation, and see it on its public page (and a stranger does not see its private data)."""

import re

import pytest
from django.core import mail

from innocluster.accounts.models import Consent
from innocluster.organizations.models import Organization
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_confirm_register_and_see_it_public(page, browser, live_server):
    page.goto("/")
    page.get_by_role("link", name="Зарегистрироваться").first.click()
    page.get_by_label("ФИО").fill("Мария Кузнецова")
    page.get_by_label("Электронная почта").fill("maria@example.org")
    page.get_by_label("Пароль", exact=True).fill("Correct-Horse-42")
    page.get_by_label("Пароль ещё раз").fill("Correct-Horse-42")
    # the consent to the processing of personal data: a box of its own, not ticked, required
    consent_box = page.get_by_label("Я даю согласие на обработку моих персональных данных")
    assert not consent_box.is_checked()
    page.locator("#main").get_by_role("button", name="Зарегистрироваться").click()
    page.get_by_test_id("error-summary").get_by_text(
        "согласие на обработку персональных данных"
    ).first.wait_for()
    page.get_by_label("Пароль", exact=True).fill("Correct-Horse-42")  # passwords are not shown again
    page.get_by_label("Пароль ещё раз").fill("Correct-Horse-42")
    with page.context.expect_page() as document_tab:  # its document opens beside the form
        page.get_by_role("link", name="Согласие на обработку персональных данных", exact=True).click()
    document_tab.value.get_by_text("Федерального закона от 27.07.2006 № 152-ФЗ", exact=False).first.wait_for()
    document_tab.value.close()
    consent_box.check()
    page.locator("#main").get_by_role("button", name="Зарегистрироваться").click()
    page.get_by_text("maria@example.org").wait_for()
    assert Consent.objects.get(person__email="maria@example.org").document.version == 1

    assert len(mail.outbox) == 1
    link = re.search(r"/accounts/confirm/[^\s]+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_label("Электронная почта").fill("maria@example.org")
    page.get_by_label("Пароль").fill("Correct-Horse-42")
    page.locator("#main").get_by_role("button", name="Войти").click()
    page.get_by_role("heading", name="Личный кабинет").wait_for()

    page.get_by_role("link", name="Зарегистрировать организацию").first.click()
    ids = factories.legal_identifiers()
    page.get_by_label("Юридическое лицо").check()
    page.get_by_label("ИНН").fill(ids["inn"][:-1] + str((int(ids["inn"][-1]) + 1) % 10))  # a typo first
    page.get_by_label("ОГРН / ОГРНИП").fill(ids["ogrn"])
    page.get_by_label("КПП").fill(ids["kpp"])
    page.get_by_label("Полное наименование").fill("Общество с ограниченной ответственностью «Фотон-М»")
    page.get_by_label("Краткое наименование").fill("ООО «Фотон-М»")
    page.get_by_label("Регион").select_option("77")
    page.get_by_label("Основной вид деятельности по ОКВЭД").select_option("26")
    page.get_by_label("Категория МСП").select_option("small")
    page.get_by_label("Описание (на русском)").fill("Волоконно-оптические датчики для энергетики.")
    page.get_by_role("button", name="Зарегистрировать").click()

    # refused with the field named, and nothing typed is lost
    page.get_by_text("контрольн", exact=False).first.wait_for()
    assert page.get_by_label("Краткое наименование").input_value() == "ООО «Фотон-М»"
    page.get_by_label("ИНН").fill(ids["inn"])
    page.get_by_role("button", name="Зарегистрировать").click()

    page.get_by_role("heading", name="ООО «Фотон-М»").wait_for()
    organization = Organization.objects.get(inn=ids["inn"])
    assert page.url.endswith(f"/organizations/{organization.pk}/")
    assert ids["inn"] in page.content()  # the owner sees the private data

    stranger = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    stranger.goto(f"/organizations/{organization.pk}/")
    stranger.get_by_role("heading", name="ООО «Фотон-М»").wait_for()
    assert "Волоконно-оптические датчики" in stranger.content()
    assert ids["inn"] not in stranger.content()
