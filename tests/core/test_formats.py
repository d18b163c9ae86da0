"""What people read: money, rates, numbers, dates and counts in Russian and in English, exactly."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import npgettext

from innocluster.core import formats

N = "\u202f"  # narrow no-break space
S = "\u00a0"  # no-break space


@pytest.fixture(params=["ru", "en"])
def language(request):
    with translation.override(request.param):
        yield request.param


def render(text: str, **context) -> str:
    return Template("{% load formats %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("value", "ru", "en"),
    [
        (Decimal("60000"), f"60{N}000,00{S}₽", f"60,000.00{S}₽"),
        (60000, f"60{N}000,00{S}₽", f"60,000.00{S}₽"),
        ("60000.00", f"60{N}000,00{S}₽", f"60,000.00{S}₽"),
        (Decimal("0"), f"0,00{S}₽", f"0.00{S}₽"),
        (Decimal("0.01"), f"0,01{S}₽", f"0.01{S}₽"),
        (Decimal("999.99"), f"999,99{S}₽", f"999.99{S}₽"),
        (Decimal("1000"), f"1{N}000,00{S}₽", f"1,000.00{S}₽"),
        (Decimal("1234567.89"), f"1{N}234{N}567,89{S}₽", f"1,234,567.89{S}₽"),
        (Decimal("999999999999.99"), f"999{N}999{N}999{N}999,99{S}₽", f"999,999,999,999.99{S}₽"),
        (Decimal("-1500.5"), f"−1{N}500,50{S}₽", f"−1,500.50{S}₽"),
        (Decimal("0.005"), f"0,01{S}₽", f"0.01{S}₽"),  # half-up, not to even
        (Decimal("2.675"), f"2,68{S}₽", f"2.68{S}₽"),
        (Decimal("0.0049"), f"0,00{S}₽", f"0.00{S}₽"),
        (None, "—", "—"),
        ("", "—", "—"),
        ("not a sum", "—", "—"),
    ],
)
def test_money(value, ru, en):
    assert formats.format_money(value, "ru") == ru
    assert formats.format_money(value, "en") == en
    with translation.override("ru"):
        assert render("{{ v|money }}", v=value) == ru
    with translation.override("en"):
        assert render("{{ v|money }}", v=value) == en


@pytest.mark.parametrize(
    ("value", "ru", "en"),
    [
        (Decimal("491000000"), f"491,0{S}млн{S}₽", f"491.0{S}million{S}₽"),
        (Decimal("1234567890.12"), f"1,2{S}млрд{S}₽", f"1.2{S}billion{S}₽"),
        (Decimal("1250000"), f"1,3{S}млн{S}₽", f"1.3{S}million{S}₽"),  # half-up
        (Decimal("75000"), f"75,0{S}тыс.{S}₽", f"75.0{S}thousand{S}₽"),
        (Decimal("999950000"), f"1,0{S}млрд{S}₽", f"1.0{S}billion{S}₽"),  # not "1 000,0 млн"
        (Decimal("999960"), f"1,0{S}млн{S}₽", f"1.0{S}million{S}₽"),
        (Decimal("1000"), f"1,0{S}тыс.{S}₽", f"1.0{S}thousand{S}₽"),
        (Decimal("999.5"), f"999,50{S}₽", f"999.50{S}₽"),
        (Decimal("0"), f"0,00{S}₽", f"0.00{S}₽"),
        (None, "—", "—"),
    ],
)
def test_money_short(value, ru, en):
    with translation.override("ru"):
        assert render("{{ v|money_short }}", v=value) == ru
    with translation.override("en"):
        assert render("{{ v|money_short }}", v=value) == en


@pytest.mark.parametrize(
    ("fraction", "ru", "en"),
    [
        (Decimal("0.5"), f"50{N}%", "50%"),
        (Decimal("1"), f"100{N}%", "100%"),
        (Decimal("1.00"), f"100{N}%", "100%"),
        (Decimal("0.125"), f"12,5{N}%", "12.5%"),
        (Decimal("0.3333"), f"33,33{N}%", "33.33%"),
        (Decimal("0.33335"), f"33,34{N}%", "33.34%"),
        (Decimal("0"), f"0{N}%", "0%"),
        ("0.85", f"85{N}%", "85%"),
        (None, "—", "—"),
    ],
)
def test_rate_reads_the_fraction_the_rules_store(fraction, ru, en):
    with translation.override("ru"):
        assert render("{{ v|rate }}", v=fraction) == ru
    with translation.override("en"):
        assert render("{{ v|rate }}", v=fraction) == en


@pytest.mark.parametrize(
    ("value", "ru", "en"),
    [(50, f"50{N}%", "50%"), (Decimal("12.5"), f"12,5{N}%", "12.5%"), (Decimal("-3"), f"−3{N}%", "−3%")],
)
def test_percent(value, ru, en):
    with translation.override("ru"):
        assert render("{{ v|percent }}", v=value) == ru
    with translation.override("en"):
        assert render("{{ v|percent }}", v=value) == en


@pytest.mark.parametrize(
    ("value", "ru", "en"),
    [
        (35000, f"35{N}000", "35,000"),
        (0, "0", "0"),
        (999, "999", "999"),
        (1000000, f"1{N}000{N}000", "1,000,000"),
        (-12345, f"−12{N}345", "−12,345"),
        (None, "—", "—"),
    ],
)
def test_number(value, ru, en):
    with translation.override("ru"):
        assert render("{{ v|number }}", v=value) == ru
    with translation.override("en"):
        assert render("{{ v|number }}", v=value) == en


def test_numbered():
    with translation.override("ru"):
        assert formats.numbered(376) == "№376"
    with translation.override("en"):
        assert formats.numbered(376) == "No. 376"


def test_number_with_places():
    assert formats.format_number(Decimal("1234.56"), 1, "ru") == f"1{N}234,6"
    assert formats.format_number(Decimal("1234.56"), 1, "en") == "1,234.6"


@pytest.mark.parametrize(
    ("day", "ru", "en", "ru_short", "en_short"),
    [
        (dt.date(2026, 12, 2), "2 декабря 2026", "2 December 2026", "02.12.2026", f"2{S}Dec{S}2026"),
        (dt.date(2026, 5, 2), "2 мая 2026", "2 May 2026", "02.05.2026", f"2{S}May{S}2026"),
        (dt.date(2026, 12, 31), "31 декабря 2026", "31 December 2026", "31.12.2026", f"31{S}Dec{S}2026"),
        (dt.date(2026, 1, 1), "1 января 2026", "1 January 2026", "01.01.2026", f"1{S}Jan{S}2026"),
        (dt.date(2025, 2, 28), "28 февраля 2025", "28 February 2025", "28.02.2025", f"28{S}Feb{S}2025"),
        (dt.date(2026, 3, 8), "8 марта 2026", "8 March 2026", "08.03.2026", f"8{S}Mar{S}2026"),
        (dt.date(2026, 4, 12), "12 апреля 2026", "12 April 2026", "12.04.2026", f"12{S}Apr{S}2026"),
        (dt.date(2026, 6, 12), "12 июня 2026", "12 June 2026", "12.06.2026", f"12{S}Jun{S}2026"),
        (dt.date(2026, 7, 1), "1 июля 2026", "1 July 2026", "01.07.2026", f"1{S}Jul{S}2026"),
        (dt.date(2026, 8, 15), "15 августа 2026", "15 August 2026", "15.08.2026", f"15{S}Aug{S}2026"),
        (dt.date(2026, 9, 1), "1 сентября 2026", "1 September 2026", "01.09.2026", f"1{S}Sep{S}2026"),
        (dt.date(2026, 10, 30), "30 октября 2026", "30 October 2026", "30.10.2026", f"30{S}Oct{S}2026"),
        (dt.date(2026, 11, 4), "4 ноября 2026", "4 November 2026", "04.11.2026", f"4{S}Nov{S}2026"),
    ],
)
def test_dates(day, ru, en, ru_short, en_short):
    with translation.override("ru"):
        assert render("{{ d|human_date }}", d=day) == ru
        assert render("{{ d|short_date }}", d=day) == ru_short
    with translation.override("en"):
        assert render("{{ d|human_date }}", d=day) == en
        assert render("{{ d|short_date }}", d=day) == en_short


def test_datetimes_are_shown_in_moscow_time(language):
    utc = dt.datetime(2026, 12, 2, 11, 5, tzinfo=dt.UTC)
    late = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)  # already 1 January in Moscow
    expected = {
        "ru": ("2 декабря 2026, 14:05", "1 января 2027, 01:30", "1 января 2027"),
        "en": ("2 December 2026, 14:05", "1 January 2027, 01:30", "1 January 2027"),
    }[language]
    assert render("{{ t|human_datetime }}", t=utc) == expected[0]
    assert render("{{ t|human_datetime }}", t=late) == expected[1]
    assert render("{{ t|human_date }}", t=late) == expected[2]
    vladivostok = dt.datetime(2026, 12, 2, 21, 5, tzinfo=ZoneInfo("Asia/Vladivostok"))
    assert render("{{ t|human_datetime }}", t=vladivostok) == expected[0]


def test_missing_dates_read_as_a_dash(language):
    assert render("{{ d|human_date }}|{{ d|human_datetime }}|{{ d|short_date }}", d=None) == "—|—|—"


def test_iso_strings_are_dates_too():
    assert formats.human_date("2026-05-02", "ru") == "2 мая 2026"
    assert formats.human_date("not a date", "ru") == "—"


@pytest.mark.parametrize(
    ("n", "ru"),
    [
        (0, "0 организаций"),
        (1, "1 организация"),
        (2, "2 организации"),
        (4, "4 организации"),
        (5, "5 организаций"),
        (11, "11 организаций"),
        (12, "12 организаций"),
        (14, "14 организаций"),
        (21, "21 организация"),
        (22, "22 организации"),
        (25, "25 организаций"),
        (111, "111 организаций"),
        (500, "500 организаций"),
        (1001, "1001 организация"),
    ],
)
def test_russian_plurals(n, ru):
    with translation.override("ru"):
        assert f"{n} {npgettext('home page figure', 'organisation', 'organisations', n)}" == ru


@pytest.mark.parametrize(("n", "ru"), [(1, "61 регион"), (2, "62 региона"), (5, "65 регионов")])
def test_russian_plurals_of_regions(n, ru):
    with translation.override("ru"):
        count = 60 + n
        assert f"{count} {npgettext('home page figure', 'region', 'regions', count)}" == ru


@pytest.mark.parametrize(("n", "en"), [(0, "0 organisations"), (1, "1 organisation"), (2, "2 organisations")])
def test_english_plurals(n, en):
    with translation.override("en"):
        assert f"{n} {npgettext('home page figure', 'organisation', 'organisations', n)}" == en


@pytest.mark.parametrize(
    ("days", "ru"),
    [(1, "1 рабочий день"), (2, "2 рабочих дня"), (5, "5 рабочих дней"), (21, "21 рабочий день")],
)
def test_templates_count_with_blocktranslate(days, ru):
    template = (
        "{% load i18n %}{% blocktranslate count days=n %}{{ days }} working day"
        "{% plural %}{{ days }} working days{% endblocktranslate %}"
    )
    with translation.override("ru"):
        assert Template(template).render(Context({"n": days})) == ru


@pytest.mark.parametrize(
    ("path", "ru", "en"),
    [
        ("items.0.amount", "строка 1: сумма", "line 1: amount"),
        ("items.2.investee_inn", "строка 3: ИНН получателя инвестиций", "line 3: investee's INN"),
        ("items-1-date", "строка 2: дата", "line 2: date"),
        ("items", "статьи затрат", "cost items"),
        ("project_title", "проект", "project"),
        ("", "", ""),
    ],
)
def test_field_paths_read_as_words(path, ru, en):
    with translation.override("ru"):
        assert formats.human_field_path(path) == ru
    with translation.override("en"):
        assert formats.human_field_path(path) == en


def test_a_form_names_an_api_path_in_words():
    from django import forms

    from innocluster.core.errors import InvalidInput
    from innocluster.core.forms import add_service_error

    class Form(forms.Form):
        name = forms.CharField(required=False)

    with translation.override("ru"):
        form = Form({"name": "x"})
        form.is_valid()
        add_service_error(form, InvalidInput("Сумма должна быть больше нуля.", field="items.0.amount"))
        add_service_error(form, InvalidInput("Слишком длинное.", field="name"))
        assert form.non_field_errors() == ["Строка 1: сумма — Сумма должна быть больше нуля."]
        assert form.errors["name"] == ["Слишком длинное."]


@pytest.mark.parametrize(
    ("left", "ru"), [(1, "остался 1 код"), (3, "осталось 3 кода"), (5, "осталось 5 кодов")]
)
def test_recovery_codes_left_agree_with_their_number(left, ru):
    from django.utils.translation import ngettext

    with translation.override("ru"):
        text = ngettext(
            "You signed in with a recovery code; %(left)d code remains. Make new ones under Security.",
            "You signed in with a recovery code; %(left)d codes remain. Make new ones under Security.",
            left,
        ) % {"left": left}
    assert ru in text
