"""The home page advertises only the services that exist, each card a link to its section."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests import factories


class Cards(HTMLParser):
    """(heading link, heading text) of every `<article data-testid="service-card">`."""

    def __init__(self):
        super().__init__()
        self.cards, self._in_card, self._in_link = [], False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and attrs.get("data-testid") == "service-card":
            self._in_card = True
        elif tag == "a" and self._in_card:
            self.cards.append([attrs["href"], ""])
            self._in_link = True

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_card = False
        elif tag == "a":
            self._in_link = False

    def handle_data(self, data):
        if self._in_link:
            self.cards[-1][1] += data


def cards(client, language) -> tuple[list, str]:
    client.cookies["django_language"] = language
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    parser = Cards()
    parser.feed(html)
    return parser.cards, html


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize(
    ("language", "titles"),
    [
        (
            "ru",
            [
                "Участие в кластере",
                "Реестр стартапов и высокотехнологичных компаний",
                "Межотраслевые кластеры",
                "Меры поддержки",
                "Пилотное тестирование",
                "Технологические конкурсы",
                "Поиск партнёров и производственные заказы",
                "Отчётность по КПЭ",
                "Аналитика",
                "Открытые данные",
            ],
        ),
        (
            "en",
            [
                "Cluster membership",
                "Register of startups and high-tech companies",
                "Intersectoral clusters",
                "Support measures",
                "Pilot testing",
                "Technology contests",
                "Partner search and production orders",
                "KPI reporting",
                "Analytics",
                "Open data",
            ],
        ),
    ],
)
def test_every_card_links_to_a_working_section(signed_in, language, titles):
    client = Client()
    if signed_in:
        factories.sign_in(client, factories.person())
    found, _html = cards(client, language)
    assert [title.strip() for _, title in found] == titles
    for href, title in found:
        assert href.startswith("/"), title
        assert client.get(href).status_code == 200, (title, href)
    expected_join = "/cabinet/" if signed_in else "/accounts/sign-up/"
    assert found[0][0] == expected_join


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_site_icon():
    """A browser asks for /favicon.ico by itself on a page that names no icon (the JSON of a dataset):
    it is led to the site's icon, not answered 404."""
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]
    assert "<svg" in Path(finders.find("favicon.svg")).read_text()
    assert client.post("/favicon.ico").status_code == 405
