from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innocluster.core.money import format_money, round_kopecks, to_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1500000", "1500000.00"), ("0.5", "0.50"), ("1 000,25", "1000.25"), ("75000.00", "75000.00")],
)
def test_parses_amounts(text, expected):
    assert format_money(to_money(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "-5",
        "1e400",
        "5.001",
        "１０００",
        "NaN",
        "Infinity",
        "",
        "1e3",
        "0x10",
        "1" * 27,
        "9" * 27 + ".99",
        "1000000000000",
    ],
)
def test_refuses_bad_amounts(text):
    with pytest.raises(ValueError):
        to_money(text)


def test_refuses_floats():
    with pytest.raises(ValueError):
        to_money(0.1)


def test_rounds_half_up_at_half_a_kopeck():
    assert round_kopecks(Decimal("0.005")) == Decimal("0.01")
    assert round_kopecks(Decimal("0.015")) == Decimal("0.02")
    assert round_kopecks(Decimal("0.0049")) == Decimal("0.00")
    assert round_kopecks(Decimal("12345.675")) == Decimal("12345.68")


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_round_trip_of_any_amount(value):
    assert to_money(format_money(value)) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-5", "Сумма не может быть отрицательной."),
        ("99999999999999999999", "Сумма — не более 999 999 999 999,99 руб."),
        ("5.001", "Не более двух знаков после запятой: рубли и копейки."),
        ("abc", "Введите сумму в рублях, например 150 000,00."),
        (1.5, 'Передайте сумму строкой из цифр, например "150000.00", а не числом.'),
    ],
)
def test_a_refused_amount_says_why(value, reason):
    from django.utils import translation

    from innocluster.core.money import AmountError

    with translation.override("ru"):
        with pytest.raises(AmountError) as refused:
            to_money(value)
        # the message is lazy, said in the reader's language: read it in Russian (a test before
        # this one may have left another language active in the thread)
        assert str(refused.value.message) == reason
