"""Partner search in a browser, and the synonym table growing from what visitors search: a visitor
looks for «хромирование», which no profile says (the galvanising shop writes «гальваника»); the
coordinator finds the query among the searches that found little, turns it into a synonym group
from that row, and the visitor's next search finds the shop by its words."""

import pytest

from innocluster.partners import search
from innocluster.partners.models import UnmetSearch
from innocluster.partners.search import log as search_log
from tests import factories
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def found_by_words(page) -> list[str]:
    """The hits whose tags say the text or the name matched, not only the meaning."""
    names = []
    for hit in page.get_by_test_id("hits").locator("li.hit").all():
        tags = [t.strip() for t in hit.locator(".why .tag").all_text_contents()]
        if {"текст", "название"} & set(tags):
            names.append(hit.locator(".hit__title").inner_text())
    return names


def test_a_query_that_found_little_becomes_a_synonym_group_that_finds_the_profile(page, browser, live_server):
    for name, description in [
        ("ООО «Гальван»", "Гальваника: цинкование и никелирование деталей."),
        ("ООО «Шов»", "Выполняем сварочные работы на объектах заказчика."),
        ("ООО «Каравай»", "Печём хлеб."),
    ]:
        factories.organization(short_name=name, full_name=name, description_ru=description)
    search.index_all()

    context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    visitor = context.new_page()
    visitor.goto("/partners/")
    visitor.get_by_role("searchbox").fill("хромирование")
    visitor.get_by_role("searchbox").press("Enter")
    visitor.get_by_test_id("total").wait_for()
    if visitor.get_by_test_id("hits").count():
        assert "ООО «Гальван»" not in found_by_words(visitor)
    search_log.flush()  # as the web process does every FLUSH_EVERY seconds
    assert UnmetSearch.objects.get().query == "хромирование"

    coordinator = factories.staff("coordinator", email="coord@example.org")
    sign_in(page, coordinator.email)
    page.goto("/admin/partners/unmetsearch/")
    row = page.locator("#result_list tbody tr", has_text="хромирование")
    row.get_by_role("link", name="добавить группу синонимов").click()
    terms = page.locator("textarea[name=terms]")
    assert terms.input_value() == "хромирование"
    terms.fill("хромирование, гальваника")
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()

    visitor.goto("/partners/?q=хромирование")
    assert found_by_words(visitor)[0] == "ООО «Гальван»"
    context.close()
