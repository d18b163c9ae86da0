"""Money is Decimal rubles with kopecks, rounded half-up; never floats."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KOPECK = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # what NUMERIC(14, 2) holds


def to_money(value) -> Decimal:
    """Parse a user's amount: a Decimal, an int or a string of ASCII digits with at most two
    decimal places. Refuses floats, exponents, more places, negatives, NaN and fullwidth digits."""
    if isinstance(value, bool | float):
        raise ValueError("amounts are decimal strings, not floats")
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not text or not text.isascii() or "e" in text.lower():
            raise ValueError("not an amount")
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError("not an amount") from exc
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError("not an amount")
    if value < 0:
        raise ValueError("negative amount")
    if value > MAX_AMOUNT:  # before quantize: 27 digits and more overflow its precision
        raise ValueError("amount too large")
    if value != value.quantize(KOPECK, rounding=ROUND_HALF_UP):
        raise ValueError("more than two decimal places")
    return value.quantize(KOPECK)


def round_kopecks(value: Decimal) -> Decimal:
    """Half-up to kopecks: 0.005 → 0.01."""
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def format_money(value: Decimal) -> str:
    """The API's form: a decimal string with two places ("1500000.00")."""
    return f"{round_kopecks(value):.2f}"
