"""Input checked once at the edge (DESIGN.md rule 12): characters that no field of the platform
accepts, in any query parameter, field of the API or JSON string, are refused with a 422 that names
the field, before a view runs and long before PostgreSQL would refuse a NUL with a server error; in
a page's form they are taken out of what was typed (`without_forbidden`)."""

import re
from decimal import Decimal, InvalidOperation

# C0 controls but tab, newline and carriage return, DEL, C1 controls, and lone surrogates (which
# JSON's \ud800 escapes produce and UTF-8 cannot encode).
_TEXT_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# In a query parameter, a path or a one-line value not even those three belong.
_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def has_forbidden_text(text: str) -> bool:
    return bool(_TEXT_FORBIDDEN.search(text))


def has_forbidden_line(text: str) -> bool:
    return bool(_LINE_FORBIDDEN.search(text))


def without_forbidden(text: str) -> str:
    """The text less its control characters, as a form field keeps it: a vertical tab or a form
    feed (Word's line and page breaks, pasted) becomes a line break, the rest goes."""
    return _TEXT_FORBIDDEN.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


def forbidden_in_mapping(data, *, strict: bool) -> str | None:
    """The first field (key) of a QueryDict or mapping whose name or values hold a forbidden
    character; None when all are clean."""
    check = has_forbidden_line if strict else has_forbidden_text
    for key in data:
        if has_forbidden_line(str(key)):
            return "body"
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        if any(isinstance(value, str) and check(value) for value in values):
            return str(key)
    return None


def forbidden_in_json(value, path: str = "") -> str | None:
    """The dotted path (`items.2.category`) of the first JSON string, or key, that holds a
    forbidden character; None when the document is clean."""
    if isinstance(value, str):
        return (path or "body") if has_forbidden_text(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if has_forbidden_line(str(key)):
                return path or "body"
            found = forbidden_in_json(item, where)
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = forbidden_in_json(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


class NotANumber(ValueError):
    """The value does not read as a number at all."""


class OutOfBounds(ValueError):
    """It reads as a number, but an infinite one, outside its bounds or with more decimal places
    than allowed (the subclasses say which, for a caller that words them apart)."""


class NotFinite(OutOfBounds):
    """NaN or an infinity."""


class TooManyPlaces(OutOfBounds):
    """Within the bounds, with more decimal places than allowed."""


def parse_decimal(value, *, places: int, low, high):
    """A finite number within [low, high] with at most `places` decimal places, exactly as typed
    (a number or its text). The bounds are checked before the places, so a huge exponent never
    overflows the check. Raises NotANumber or OutOfBounds; the caller words the refusal."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise NotANumber(value) from None
    if not number.is_finite():
        raise NotFinite(value)
    if not low <= number <= high:
        raise OutOfBounds(value)
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise TooManyPlaces(value)
    return number
