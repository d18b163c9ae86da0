"""Money is Decimal rubles with kopecks, rounded half-up; never floats."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

KOPECK = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # what NUMERIC(14, 2) holds


class AmountError(ValueError):
    """An amount refused by to_money; `message` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


NOT_AN_AMOUNT = _("Enter the amount in rubles, e.g. 150000.00.")


def to_money(value) -> Decimal:
    """Parse a user's amount: a Decimal, an int or a string of ASCII digits with at most two
    decimal places. Refuses floats, exponents, more places, negatives, NaN and fullwidth digits."""
    if isinstance(value, bool | float):
        raise AmountError(_('Send the amount as a string of digits, e.g. "150000.00", not a number.'))
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not text or not text.isascii() or "e" in text.lower():
            raise AmountError(NOT_AN_AMOUNT)
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise AmountError(NOT_AN_AMOUNT) from exc
    if not isinstance(value, Decimal) or not value.is_finite():
        raise AmountError(NOT_AN_AMOUNT)
    if value < 0:
        raise AmountError(_("The amount cannot be negative."))
    if value > MAX_AMOUNT:  # before quantize: 27 digits and more overflow its precision
        raise AmountError(_("The amount is at most 999 999 999 999.99 rubles."))
    if value != value.quantize(KOPECK, rounding=ROUND_HALF_UP):
        raise AmountError(_("At most two decimal places: rubles and kopecks."))
    return value.quantize(KOPECK)


def round_kopecks(value: Decimal) -> Decimal:
    """Half-up to kopecks: 0.005 → 0.01."""
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def format_money(value: Decimal) -> str:
    """The API's form: a decimal string with two places ("1500000.00")."""
    return f"{round_kopecks(value):.2f}"
