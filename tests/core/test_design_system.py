"""The design system's parts as a person meets them: the order of a sorted list, numbered pages
that keep the filters, the error summary that lists every wrong field, status tags, toasts after
an htmx decision, and the header's sections."""

import json
import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from innocluster.core.sorting import ordering
from innocluster.core.templatetags.platform import page_window, status_tag
from tests import factories

ORDERS = {"name": ("short_name", "id"), "region": ("region__name_{lang}", "id")}


def names_in_order(html: str) -> list[str]:
    return re.findall(r'<td data-label="[^"]+"><a href="/organizations/\d+/">([^<]+)</a>', html)


class TestOrdering:
    def test_a_known_key_ascending_and_descending(self):
        request = RequestFactory().get("/", {"sort": "-name"})
        assert ordering(request, ORDERS, "name") == ("-name", ["-short_name", "-id"])
        request = RequestFactory().get("/", {"sort": "name"})
        assert ordering(request, ORDERS, "name") == ("name", ["short_name", "id"])

    def test_an_unknown_key_falls_back_to_the_default(self):
        request = RequestFactory().get("/", {"sort": "password"})
        assert ordering(request, ORDERS, "-name") == ("-name", ["-short_name", "-id"])

    def test_a_field_in_the_page_language(self):
        request = RequestFactory().get("/", {"sort": "region"})
        with translation.override("en"):
            assert ordering(request, ORDERS, "name")[1] == ["region__name_en", "id"]
        with translation.override("ru"):
            assert ordering(request, ORDERS, "name")[1] == ["region__name_ru", "id"]


class TestPager:
    @pytest.mark.parametrize(
        ("number", "total", "shown"),
        [
            (1, 1, [1]),
            (1, 5, [1, 2, 3, None, 5]),
            (3, 5, [1, 2, 3, 4, 5]),
            (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
            (20, 20, [1, None, 18, 19, 20]),
        ],
    )
    def test_the_window_of_page_numbers(self, number, total, shown):
        assert page_window(number, total) == shown


def test_status_tag_carries_the_word_and_a_colour():
    html = status_tag("approved", "Одобрена", "case-status")
    assert (
        html
        == '<strong class="tag tag--green" data-status="approved" data-testid="case-status">Одобрена</strong>'
    )
    assert 'class="tag tag--red"' in status_tag("rejected", "Отклонена")
    assert 'class="tag tag--grey"' in status_tag("something_new", "Новое")


@pytest.mark.django_db
class TestPages:
    def test_organisations_sorted_by_name_both_ways_and_pages_keep_the_order(self, owner):
        for name in ("ООО «Бета»", "ООО «Альфа»", "ООО «Гамма»"):
            factories.organization(owner=owner, short_name=name)
        client = Client()
        ascending = names_in_order(client.get("/organizations/", {"sort": "name"}).content.decode())
        assert ascending == ["ООО «Альфа»", "ООО «Бета»", "ООО «Гамма»"]
        page = client.get("/organizations/", {"sort": "-name", "q": "ООО"}).content.decode()
        assert names_in_order(page) == ["ООО «Гамма»", "ООО «Бета»", "ООО «Альфа»"]
        # the column header offers the other direction and says the current one
        assert (
            '<th scope="col" aria-sort="descending"><a class="sort" href="?sort=name&amp;q=%D0%9E%D0%9E%D0%9E">'
            in page
        )

    def test_the_error_summary_lists_every_wrong_field_with_a_link(self):
        response = Client().post("/accounts/sign-up/", {"email": "not an address"})
        html = response.content.decode()
        summary = html[
            html.index('data-testid="error-summary"') : html.index("</div>", html.index("error-summary"))
        ]
        for field in ("id_full_name", "id_email", "id_password", "id_password_again"):
            assert f'href="#{field}"' in summary
        # the fields are marked required and say which error is theirs
        assert html.count('class="required-mark"') >= 4
        assert 'aria-invalid="true"' in html

    def test_an_htmx_decision_answers_with_a_toast(self, organization, owner):
        case = factories.membership_application(organization=organization, actor=owner).case
        coordinator = factories.staff("coordinator")
        client = Client()
        factories.sign_in(client, coordinator)
        response = client.post(
            f"/staff/desk/{case.pk}/decide/",
            {"decision": "approve", "comment": ""},
            HTTP_HX_REQUEST="true",
            HTTP_ACCEPT_LANGUAGE="ru",
        )
        toasts = json.loads(response["HX-Trigger"])["toast"]
        assert toasts == [{"message": "Решение сохранено: Одобрена.", "level": "success"}]
        # the message went to the toast, not to the next page
        assert "Решение сохранено" not in client.get("/staff/desk/").content.decode()

    def test_the_header_marks_the_current_section_and_shows_staff_sections_to_staff_only(self, owner):
        client = Client()
        html = client.get("/registry/").content.decode()
        assert '<a href="/registry/" aria-current="page">' in html
        assert "/staff/desk/" not in html
        factories.sign_in(client, factories.staff("coordinator"))
        assert 'href="/staff/desk/"' in client.get("/registry/").content.decode()
        # the desk is inside the back office's path, and only the desk is the current section
        desk = client.get("/staff/desk/").content.decode()
        assert re.findall(r'<a href="(/[^"]*)" aria-current="page">', desk) == ["/staff/desk/"]
