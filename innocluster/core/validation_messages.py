"""Pydantic's refusals, said in the caller's language: the API's 422 names each field with a
message a person can act on, in Russian or English, not pydantic's English."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def field_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    # a text's length in characters, a list's in entries; an empty one is said as such
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return _("Must not be empty.")
    if kind == "too_short" and ctx.get("min_length") == 1:
        return _("Give at least one.")
    if kind == "string_too_long":
        n = int(ctx.get("max_length", 0) or 0)
        return ngettext("At most %(n)d character.", "At most %(n)d characters.", n) % {"n": n}
    if kind == "too_long":
        n = int(ctx.get("max_length", 0) or 0)
        return ngettext("At most %(n)d entry.", "At most %(n)d entries.", n) % {"n": n}
    if kind == "string_too_short":
        n = int(ctx.get("min_length", 0) or 0)
        return ngettext("At least %(n)d character.", "At least %(n)d characters.", n) % {"n": n}
    if kind == "too_short":
        n = int(ctx.get("min_length", 0) or 0)
        return ngettext("At least %(n)d entry.", "At least %(n)d entries.", n) % {"n": n}
    if kind == "string_pattern_mismatch":
        return _("The value does not have the expected form (%(pattern)s).") % {
            "pattern": ctx.get("pattern", "")
        }
    if kind in ("literal_error", "enum"):
        # pydantic joins the last choice with an English "or": a list reads the same in any language
        expected = str(ctx.get("expected", "")).replace("' or '", "', '")
        return _("Choose one of: %(expected)s.") % {"expected": expected}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter at least %(limit)s.") % {"limit": ctx.get("ge", ctx.get("gt", ""))}
    if kind in ("less_than_equal", "less_than"):
        return _("Enter at most %(limit)s.") % {"limit": ctx.get("le", ctx.get("lt", ""))}
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    # before the dates: a date parsed by way of a datetime is `date_from_datetime_parsing`
    if kind.startswith("datetime") or kind.startswith("time"):
        return _("Enter the date and time as YYYY-MM-DDTHH:MM:SS±HH:MM.")
    if kind.startswith("date"):
        return _("Enter the date as YYYY-MM-DD.")
    if kind in ("string_type", "string_unicode"):
        return _("Enter text.")
    if kind == "list_type":
        return _("Enter a list.")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("Enter an object.")
    if kind.startswith("decimal") or kind.startswith("float"):
        return _("Enter a number.")
    if kind == "finite_number":
        return _("Enter a finite number.")
    if kind.startswith("url"):
        return _("Enter an address that begins with http:// or https://.")
    if kind == "json_invalid":
        return _("The body is not valid JSON.")
    if kind == "extra_forbidden":
        return _("This field is not known.")
    # any other refusal of pydantic's, whose own message is English only
    return _("This value is not valid.")
