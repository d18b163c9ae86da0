"""Membership in a real browser: the owner fills in the form (saved as typed) and submits; a
coordinator decides on the review desk without a page reload; the owner sees the number."""

import time

import pyotp
import pytest

from innocluster.accounts.models import SecondFactor, User
from innocluster.accounts.services import second_factor
from innocluster.membership.models import Participation
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fresh_code(person) -> str:
    """A code of the person's authenticator that the platform has not accepted yet."""
    device = SecondFactor.objects.get(person=person)
    while True:
        step = max(int(time.time()) // 30, device.last_step + 1)
        if step <= int(time.time()) // 30 + 1:
            return pyotp.TOTP(device.secret).at(step * 30)
        time.sleep(1)


def sign_in(page, email):
    """Sign in as a person does; staff also enter their authenticator's code (turned on for them
    here; the setup itself is the journey of test_security_journey.py)."""
    person = User.objects.get(email=email)
    if person.is_staff and not second_factor.has_second_factor(person):
        device = second_factor.start_setup(person=person)
        second_factor.confirm_setup(person=person, code=pyotp.TOTP(device.secret).now())
    page.goto("/accounts/sign-in/")
    page.get_by_label("Электронная почта").fill(email)
    page.get_by_label("Пароль").fill(factories.PASSWORD)
    page.locator("#main").get_by_role("button", name="Войти").click()
    if second_factor.has_second_factor(person):
        page.get_by_label("Код").fill(fresh_code(person))
        page.locator("#main").get_by_role("button", name="Войти").click()
    page.get_by_role("heading", name="Личный кабинет").wait_for()


def test_submit_membership_staff_approves_applicant_sees_the_number(page, browser, live_server):
    owner = factories.person(email="owner@example.org")
    organization = factories.organization(owner=owner)
    coordinator = factories.staff(
        "coordinator", email="coordinator@example.org", full_name="Анна Координатор"
    )

    sign_in(page, owner.email)
    page.goto(f"/membership/{organization.pk}/")
    page.get_by_label("Контактное лицо").fill("Ольга Владелец")
    page.get_by_label("Контактная электронная почта").fill("olga@example.org")
    page.get_by_label("Чем занимается организация").fill("Проектируем микросхемы для силовой электроники.")
    page.get_by_test_id("autosaved").wait_for()  # the draft is kept as it is typed
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Подать заявку").click()
    page.get_by_test_id("membership-status").wait_for()
    assert page.get_by_test_id("membership-status").inner_text() == "Подана"
    due = page.get_by_test_id("review-due").inner_text()

    staff = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(staff, coordinator.email)
    staff.goto("/staff/desk/")
    staff.get_by_role("link", name=organization.short_name).click()
    assert due in staff.content()
    staff.get_by_label("Одобрить").check()
    url_before = staff.url
    staff.get_by_role("button", name="Принять решение").click()
    staff.get_by_test_id("case-status").filter(has_text="Одобрена").wait_for()
    assert staff.url == url_before  # decided without a page reload
    # and said so in a toast, read out by the page's live region
    staff.locator("[data-toasts][aria-live=polite] .toast").filter(
        has_text="Решение сохранено: Одобрена."
    ).wait_for()

    number = Participation.objects.get(organization=organization).number
    page.reload()
    assert page.get_by_test_id("participant-number").inner_text() == str(number)
    page.goto(f"/organizations/{organization.pk}/")
    assert f"№ {number}" in page.get_by_test_id("participant-badge").inner_text()
