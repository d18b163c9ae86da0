"""A new coordinator in a real browser: the password alone gives no staff pages; the security
page shows a QR code and the key; the code turns the second factor on, the recovery codes are
shown once, and the review desk opens."""

import pyotp
import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_turn_on_the_second_factor_then_reach_the_desk(page):
    factories.staff("coordinator", email="new.coordinator@example.org", full_name="Нина Новая")
    page.goto("/staff/desk/")
    page.get_by_label("Электронная почта").fill("new.coordinator@example.org")
    page.get_by_label("Пароль").fill(factories.PASSWORD)
    page.locator("#main").get_by_role("button", name="Войти").click()

    page.get_by_role("heading", name="Безопасность").wait_for()
    assert "только со вторым фактором" in page.content()
    page.get_by_role("button", name="Включить второй фактор").click()
    assert page.locator(".qr svg").count() == 1
    secret = page.get_by_test_id("otp-secret").inner_text()
    page.get_by_role("textbox", name="Код").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Включить", exact=True).click()
    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10

    page.goto("/staff/desk/")
    page.get_by_role("heading", name="Рабочее место рецензента").wait_for()
