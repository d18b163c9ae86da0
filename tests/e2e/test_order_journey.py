"""The prototype factory in a real browser: a customer posts an order, a suggested manufacturer
quotes, the customer compares and awards it."""

import datetime as dt

import pytest

from innocluster.partners import search
from innocluster.partners.models import ProductionOrder
from tests import factories
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_post_an_order_a_manufacturer_quotes_the_customer_awards(page, browser, live_server):
    customer_owner = factories.person(email="buyer@example.org")
    factories.organization(owner=customer_owner, short_name="АО «Приборы»", okved_main="26")
    shop_owner = factories.person(email="shop@example.org")
    shop = factories.organization(
        owner=shop_owner,
        short_name="ООО «Фреза»",
        okved_main="25",
        capabilities=["фрезерная обработка с ЧПУ"],
        description_ru="Фрезерная обработка алюминия.",
    )
    search.index_all()

    sign_in(page, customer_owner.email)
    page.goto("/partners/orders/new/")
    page.get_by_label("Что нужно изготовить").fill("Корпус анализатора")
    page.get_by_label("Процесс").select_option("milling")
    page.get_by_label("Материал").fill("Д16Т")
    page.get_by_label("Количество").fill("40")
    page.get_by_label("Срок").fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Разместить заказ").click()
    page.get_by_test_id("order-status").wait_for()
    order = ProductionOrder.objects.get()
    assert shop.pk in set(order.invited.values_list("pk", flat=True))

    manufacturer = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(manufacturer, shop_owner.email)
    manufacturer.goto(f"/partners/orders/{order.pk}/")
    manufacturer.get_by_label("Цена, ₽").fill("96000")
    manufacturer.get_by_label("Срок изготовления, дней").fill("12")
    manufacturer.get_by_role("button", name="Отправить предложение").click()
    manufacturer.get_by_test_id("quotes").get_by_text("ООО «Фреза»").wait_for()

    page.reload()
    assert "96" in page.get_by_test_id("quotes").inner_text()
    page.get_by_role("button", name="Выбрать").click()
    page.get_by_test_id("order-status").filter(has_text="Размещён у исполнителя").wait_for()
    manufacturer.reload()
    assert "Выбрано" in manufacturer.get_by_test_id("quotes").inner_text()
