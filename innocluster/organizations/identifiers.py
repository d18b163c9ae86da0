"""Russian organisation identifiers, checked by their check digits (DESIGN.md).

INN and OGRN use python-stdnum; OGRNIP is checked here because stdnum compares the whole remainder
(`% 13`) with the check digit and so refuses about 23% of real OGRNIPs: the rule is
`int(first 14) % 13 % 10`. Only ASCII digits count: fullwidth or other Unicode digits are refused."""

import re

from django.utils.translation import gettext as _
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from innocluster.core.errors import InvalidInput

KPP_RE = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$", re.ASCII)
_ASCII_DIGITS = re.compile(r"^[0-9]+$", re.ASCII)


def _digits(value, *, field: str, length: int, label: str) -> str:
    text = ("" if value is None else str(value)).strip()
    if not _ASCII_DIGITS.fullmatch(text) or len(text) != length:
        raise InvalidInput(
            _("%(label)s must be %(length)d digits.") % {"label": label, "length": length}, field=field
        )
    if set(text) == {"0"}:
        raise InvalidInput(_("%(label)s cannot be all zeros.") % {"label": label}, field=field)
    return text


def validate_inn(value, *, kind: str) -> str:
    """INN: 10 digits for a legal entity, 12 for a sole proprietor."""
    length = 10 if kind == "legal_entity" else 12
    text = _digits(value, field="inn", length=length, label=_("INN"))
    if not stdnum_inn.is_valid(text):
        raise InvalidInput(_("The INN check digits do not match."), field="inn")
    return text


def validate_ogrn(value, *, kind: str) -> str:
    """OGRN (13 digits, starts with 1 or 5) for a legal entity; OGRNIP (15 digits, starts with 3)
    for a sole proprietor."""
    if kind == "legal_entity":
        text = _digits(value, field="ogrn", length=13, label=_("OGRN"))
        if text[0] not in "15":
            raise InvalidInput(_("An OGRN starts with 1 or 5."), field="ogrn")
        if not stdnum_ogrn.is_valid(text):
            raise InvalidInput(_("The OGRN check digit does not match."), field="ogrn")
        return text
    text = _digits(value, field="ogrn", length=15, label=_("OGRNIP"))
    if text[0] != "3":
        raise InvalidInput(_("An OGRNIP starts with 3."), field="ogrn")
    if int(text[:14]) % 13 % 10 != int(text[14]):
        raise InvalidInput(_("The OGRNIP check digit does not match."), field="ogrn")
    return text


def validate_kpp(value) -> str:
    text = ("" if value is None else str(value)).strip().upper()
    if not KPP_RE.fullmatch(text):
        raise InvalidInput(_("A KPP is 9 characters: 4 digits, 2 digits or letters, 3 digits."), field="kpp")
    if set(text) == {"0"}:
        raise InvalidInput(_("%(label)s cannot be all zeros.") % {"label": _("KPP")}, field="kpp")
    return text


def validate_kpp_of(kind: str, value) -> str:
    """The KPP of an organisation of this kind: a legal entity's is optional (checked when given),
    a sole proprietor has none. "" when absent."""
    if value in (None, ""):
        return ""
    if kind == "legal_entity":
        return validate_kpp(value)
    raise InvalidInput(_("A sole proprietor has no KPP."), field="kpp")


# Generators of valid identifiers: the demo cluster and the tests need real-looking numbers.
def make_legal_inn(prefix9: str) -> str:
    return prefix9 + str(stdnum_inn.calc_company_check_digit(prefix9))


def make_personal_inn(prefix10: str) -> str:
    return prefix10 + stdnum_inn.calc_personal_check_digits(prefix10)


def make_ogrn(prefix12: str) -> str:
    return prefix12 + str(int(prefix12) % 11 % 10)


def make_ogrnip(prefix14: str) -> str:
    return prefix14 + str(int(prefix14) % 13 % 10)
