"""How people read numbers, money, rates and dates: Russian typography on Russian pages, English
formats on English pages. One place for pages, PDFs, e-mails and services; the API and CSV keep
the machine forms (core/money.format_money, ISO dates).

The language is the active translation language. Money is Decimal, never float; rounding is
half-up to kopecks."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, pgettext, pgettext_lazy

NNBSP = "\u202f"  # narrow no-break space: thousands in Russian, before % and units
NBSP = "\u00a0"  # no-break space: before ₽
DASH = "—"
RUBLE = "₽"

MONTHS_GENITIVE_RU = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _russian(language: str | None = None) -> bool:
    return (language or get_language() or "ru").lower().startswith("ru")


def numbered(value) -> str:
    """A number of an application, an entry, a pilot: 376 → "№376" / "No. 376"."""
    return pgettext("a number", "No. %(number)s") % {"number": value}


def to_decimal(value) -> Decimal | None:
    """A Decimal from a Decimal, an int or a decimal string; None for None, "" and what is not a
    number. Floats go through their shortest text form, never through binary arithmetic."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    text = str(value).strip().replace(NNBSP, "").replace(NBSP, "").replace(" ", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def _number_text(value: Decimal, places: int, language: str | None = None) -> str:
    """Half-up to `places`, grouped thousands, the language's decimal mark, a true minus sign."""
    quantum = Decimal(1).scaleb(-places)
    value = value.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = value < 0
    text = f"{abs(value):.{places}f}"
    whole, _, fraction = text.partition(".")
    russian = _russian(language)
    whole = _group(whole, NNBSP if russian else ",")
    result = whole + ((("," if russian else ".") + fraction) if places else "")
    return ("−" if negative else "") + result


def format_number(value, places: int = 0, language: str | None = None) -> str:
    """35000 → ru "35 000" (narrow no-break spaces), en "35,000"; None → "—"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    return _number_text(number, places, language)


def format_measure(value, language: str | None = None) -> str:
    """A measured value or a target, with the decimals it has and no more: 15 → "15",
    12.5000 → ru "12,5", en "12.5"; None → "—"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    places = max(0, -number.normalize().as_tuple().exponent)
    return _number_text(number, places, language)


def format_money(value, language: str | None = None) -> str:
    """60000 → ru "60 000,00 ₽", en "60,000.00 ₽"; None → "—"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    return f"{_number_text(number, 2, language)}{NBSP}{RUBLE}"


def format_money_short(value, language: str | None = None) -> str:
    """Large sums for statistics: ru "491,0 млн ₽", "1,2 млрд ₽"; en "491.0 million ₽"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    russian = _russian(language)
    units = (
        (Decimal("1e3"), "тыс." if russian else "thousand"),
        (Decimal("1e6"), "млн" if russian else "million"),
        (Decimal("1e9"), "млрд" if russian else "billion"),
    )
    fitting = [index for index, (scale, _unit) in enumerate(units) if abs(number) >= scale]
    if not fitting:
        return format_money(number, language)
    index = fitting[-1]
    scaled = (number / units[index][0]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if abs(scaled) >= 1000 and index + 1 < len(units):  # 999 950 000 reads "1,0 млрд", not "1 000,0 млн"
        index += 1
        scaled = (number / units[index][0]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    unit = units[index][1]
    return f"{_number_text(scaled, 1, language)}{NBSP}{unit}{NBSP}{RUBLE}"


def _percent_text(value: Decimal, language: str | None = None) -> str:
    """Whole percents without decimals, otherwise at most two places: 12.5 → "12,5 %"."""
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    places = (
        0
        if value == value.to_integral_value()
        else (1 if value * 10 == (value * 10).to_integral_value() else 2)
    )
    text = _number_text(value, places, language)
    return f"{text}{NNBSP}%" if _russian(language) else f"{text}%"


def format_percent(value, language: str | None = None) -> str:
    """A value already in percent: 50 → ru "50 %", en "50%"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    return _percent_text(number, language)


def format_rate(value, language: str | None = None) -> str:
    """A rate as the measures' rules store it, a fraction: 0.5 → ru "50 %", en "50%";
    0.125 → "12,5 %"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    return _percent_text(number * 100, language)


def _as_date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def human_date(value, language: str | None = None) -> str:
    """ru "2 декабря 2026" (the month in the genitive), en "2 December 2026"; None → "—"."""
    day = _as_date(value)
    if day is None:
        return DASH
    months = MONTHS_GENITIVE_RU if _russian(language) else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def human_datetime(value, language: str | None = None) -> str:
    """ "2 декабря 2026, 14:05" in the platform's time (Moscow); a date alone → human_date."""
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{human_date(moment.date(), language)}, {moment:%H:%M}"
    return human_date(value, language)


SHORT_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value, language: str | None = None) -> str:
    """For dense tables only: ru "02.12.2026"; en "2 Dec 2026" (02/12 reads as 12 February in the US)."""
    day = _as_date(value)
    if day is None:
        return DASH
    if _russian(language):
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.day}{NBSP}{SHORT_MONTHS_EN[day.month - 1]}{NBSP}{day.year}"


# For texts rendered later in each recipient's language (notifications: format_lazy subjects).
lazy_money = lazy(format_money, str)
lazy_human_date = lazy(human_date, str)


# How a field path of the API ("items.0.amount") reads on a page: "строка 1: сумма".
FIELD_LABELS = {
    "items": pgettext_lazy("field", "cost items"),
    "amount": pgettext_lazy("field", "amount"),
    "category": pgettext_lazy("field", "category"),
    "date": pgettext_lazy("field", "date"),
    "description": pgettext_lazy("field", "description"),
    "origin": pgettext_lazy("field", "origin"),
    "jurisdiction": pgettext_lazy("field", "jurisdiction"),
    "investee_inn": pgettext_lazy("field", "investee's INN"),
    "project_title": pgettext_lazy("field", "project"),
    "price": pgettext_lazy("field", "price"),
    "deadline": pgettext_lazy("field", "deadline"),
    "quantity": pgettext_lazy("field", "quantity"),
    "email": pgettext_lazy("field", "e-mail"),
    "inn": pgettext_lazy("field", "INN"),
    "ogrn": pgettext_lazy("field", "OGRN"),
    "criteria": pgettext_lazy("field", "criteria"),
    "name": pgettext_lazy("field", "name"),
    "unit": pgettext_lazy("field", "unit"),
    "better": pgettext_lazy("field", "better is"),
    "target": pgettext_lazy("field", "target"),
    "results": pgettext_lazy("field", "results"),
    "value": pgettext_lazy("field", "value"),
    "feedback": pgettext_lazy("field", "feedback"),
    "rating": pgettext_lazy("field", "rating"),
    "comment": pgettext_lazy("field", "comment"),
    "code": pgettext_lazy("field", "code"),
    "weight": pgettext_lazy("field", "weight"),
}


def human_field_path(path) -> str:
    """ "items.0.amount" → ru "строка 1: сумма", en "line 1: amount"; the API keeps the path."""
    parts = []
    for part in str(path or "").replace("-", ".").split("."):
        if not part:
            continue
        if part.isdigit():
            if parts and parts[-1] == str(FIELD_LABELS["items"]):
                parts.pop()  # "line 1" says it is a line of the list
            parts.append(pgettext("field", "line %(n)d") % {"n": int(part) + 1})
        else:
            parts.append(str(FIELD_LABELS.get(part, part.replace("_", " "))))
    return ": ".join(parts)
