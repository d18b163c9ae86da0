"""No page or e-mail shows a person an internal code: no audit action ("review.transition"), no
object reference ("reviews.reviewcase #376"), no field path ("items.0.amount"), no unformatted
amount ("60000.00 ₽") and no ISO date ("2026-12-02"). Machine forms stay in attributes (value=,
datetime=, href=), in the API and in CSV; the page text is what is checked, in both languages."""

import html
import re

import pytest
from django.conf import settings
from django.test import Client

from innocluster.core.models import AuditEvent
from tests import factories
from tests.access.world import build

AUDIT_PREFIXES = "calendar|consortium|demo|measure|membership|organization|partners|person|personal_data|pilot|registry|review"
RAW = {
    "audit action": re.compile(rf"\b(?:{AUDIT_PREFIXES})\.[a-z]+(?:_[a-z]+)*\b(?!\.|@|/)"),
    "object reference": re.compile(r"\b[a-z]+\.[a-z]+ #\d+"),
    "status code after an arrow": re.compile(
        r"→ [a-z]+_[a-z_]+\b|→ (?:draft|submitted|in_review|approved)\b"
    ),
    "field path": re.compile(r"\bitems\.\d+\.|\(items[.-]\d"),
    "amount without groups": re.compile(r"(?<![\d\u202f,.])\d{4,}[.,]\d\d(?!\d)"),
    "amount with a point before ₽ (ru)": re.compile(r"\d\.\d\d\s*₽"),
    "whole amount without groups before ₽": re.compile(r"(?<![\d\u202f,.])\d{4,}\s*₽"),
    "rate as a fraction": re.compile(r"(?<![\d\u202f,.])[01]\.\d\d(?![\d%])(?!\s*₽)"),
    "ISO date": re.compile(r"\b\d{4}-\d\d-\d\d\b"),
}
RU_ONLY = {"amount with a point before ₽ (ru)"}


def visible_text(page: str) -> str:
    """What a person reads: scripts, styles, tags and their attributes gone, entities decoded."""
    page = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return html.unescape(page)


def raw_codes(text: str, language: str) -> list[str]:
    found = []
    for name, pattern in RAW.items():
        if name in RU_ONLY and language != "ru":
            continue
        for match in pattern.finditer(text):
            start = max(0, match.start() - 40)
            found.append(f"{name}: …{text[start : match.end() + 20]!r}…")
    return found


@pytest.fixture
def world(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = build()
    return built


def _client(person, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if person is not None:
        person.language = language
        person.save(update_fields=["language"])
        factories.sign_in(client, person)
    return client


PAGES = [
    # (who, method, path, data)
    (None, "GET", "/", None),
    (None, "GET", "/registry/", None),
    (None, "GET", "/consortia/", None),
    (None, "GET", "/organizations/{org}/", None),
    (None, "GET", "/partners/?q=микросхемы", None),
    (None, "GET", "/calendar/", None),
    (
        None,
        "POST",
        "/measures/patent-compensation/quote/",
        {
            "items-0-category": "invention",
            "items-0-amount": "100000",
            "items-0-jurisdiction": "ru",
            "items-1-category": "utility_model",
            "items-1-amount": "1000",
            "items-1-jurisdiction": "foreign",
        },
    ),
    (
        None,
        "POST",
        "/measures/patent-compensation/quote/",
        {"items-0-category": "invention", "items-0-amount": "1"},
    ),
    ("owner", "GET", "/cabinet/", None),
    ("owner", "GET", "/cabinet/notifications/", None),
    ("owner", "GET", "/consortia/{consortium}/", None),
    ("owner", "GET", "/partners/orders/{order}/", None),
    ("owner", "GET", "/measures/applications/{granted}/", None),
    ("owner", "GET", "/measures/applications/{draft}/", None),
    ("owner", "GET", "/registry/apply/{org}/", None),
    ("owner", "GET", "/membership/{joining_org}/", None),
    ("coordinator", "GET", "/staff/", None),
    ("coordinator", "GET", "/staff/desk/", None),
    ("coordinator", "GET", "/staff/desk/{registry_case}/", None),
    ("coordinator", "GET", "/staff/desk/{granted_case}/", None),
    ("coordinator", "GET", "/staff/desk/{registry_case}/", None),  # second read: history has the first
]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_page_shows_a_raw_code(world, language):
    ids = {**world.ids, "granted_case": _granted_case(world)}
    problems, texts = [], {}
    for who, method, path, data in PAGES:
        client = _client(world.people[who] if who else None, language)
        url = path.format(**ids)
        response = client.get(url) if method == "GET" else client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, (url, response.status_code)
        text = visible_text(response.content.decode())
        texts[url] = texts.get(url, "") + text
        problems += [f"{url}: {p}" for p in raw_codes(text, language)]
    assert AuditEvent.objects.filter(action="personal_data.read").exists()  # the desk's history shows one
    assert problems == []
    # the pages did show what the checks are about, in words
    desk = texts["/staff/desk/{registry_case}/".format(**ids)]
    calculator = texts["/measures/patent-compensation/quote/"]
    if language == "ru":
        assert "Статус изменён" in desk or "Заявка создана" in desk
        assert "Просмотр персональных данных: причина" in desk
        assert "Ограничено лимитом 75\u202f000,00\u00a0₽" in calculator
    else:
        assert "Application created" in desk and "Personal data viewed: reason" in desk
        assert "Capped at 75,000.00\u00a0₽" in calculator


def _granted_case(world) -> int:
    from innocluster.measures.models import MeasureApplication

    return MeasureApplication.objects.get(pk=world.ids["granted"]).case_id


def test_no_email_shows_a_raw_code(world, mailoutbox):
    assert len(mailoutbox) >= 3  # the world's flows sent e-mails: decisions, payments, invitations
    problems = []
    for message in mailoutbox:
        language = (
            "en"
            if re.search(r"[a-z]{4}", message.subject) and not re.search("[а-я]", message.subject)
            else "ru"
        )
        parts = [message.subject, message.body] + [
            visible_text(content) for content, mime in getattr(message, "alternatives", []) if "html" in mime
        ]
        for part in parts:
            problems += [f"{message.subject}: {p}" for p in raw_codes(part, language)]
    assert problems == []


def test_the_checks_see_what_they_look_for():
    page = (
        '<p datetime="2026-12-02" data-value="60000.00">Статус: review.transition → in_review, '
        "reviews.reviewcase #376 (items.0.amount) 60000.00 ₽ 2026-12-02; лимит 75000 ₽ по ставке 0.50</p>"
    )
    found = {problem.split(":")[0] for problem in raw_codes(visible_text(page), "ru")}
    assert found == set(RAW)
    clean = visible_text(
        '<time datetime="2026-12-02">2 декабря 2026</time> <data value="60000.00">60\u202f000,00\u00a0₽</data> '
        "Заявка №376: Статус изменён: На рассмотрении; строка 1: сумма; owner@world.example.org; 50\u202f%; 2026 год"
    )
    assert raw_codes(clean, "ru") == []
    assert raw_codes("60,000.00\u00a0₽ on 2 December 2026", "en") == []
