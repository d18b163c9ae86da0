"""Cleaning of free text that users type: the one place that refuses NUL bytes and overlong values."""

from django.utils.translation import gettext as _

from innocluster.core.errors import InvalidInput


def clean_text(value, *, field: str, max_length: int, required: bool = False) -> str:
    text = "" if value is None else str(value)
    if "\x00" in text:
        raise InvalidInput(_("The text contains a forbidden character."), field=field)
    text = text.strip()
    if len(text) > max_length:
        raise InvalidInput(
            _("At most %(max)d characters (you entered %(length)d).")
            % {"max": max_length, "length": len(text)},
            field=field,
        )
    if required and not text:
        raise InvalidInput(_("This field is required."), field=field)
    return text


def clean_query(value, *, max_length: int = 200) -> str:
    """A filter or search typed in a page's address: no NUL (PostgreSQL refuses it), trimmed, cut
    to `max_length`; never an error, since a filter is not a form."""
    return str(value or "").replace("\x00", "").strip()[:max_length]
