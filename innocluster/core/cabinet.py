"""The personal cabinet is assembled from sections that each app registers in its AppConfig.ready():
core knows no app above it, and every app shows its own part of "my …"."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CabinetSection:
    order: int
    template: str
    context: Callable  # (request) -> dict for the template


_SECTIONS: list[CabinetSection] = []


def register_section(section: CabinetSection) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)
        _SECTIONS.sort(key=lambda s: s.order)


def sections_for(request) -> list[tuple[str, dict]]:
    return [(section.template, section.context(request)) for section in _SECTIONS]


# The home page's figures, contributed the same way: (order, label, callable returning a number).
_STATS: list[tuple[int, str, object, Callable]] = []


def register_stat(order: int, key: str, label, value: Callable) -> None:
    if all(existing[1] != key for existing in _STATS):
        _STATS.append((order, key, label, value))
        _STATS.sort(key=lambda s: s[0])


def home_stats() -> list[tuple[str, object, str]]:
    """(key, label, figure) in the active language: a label may be a function of the number, for
    the plural ("500 организаций", "61 регион"); a Decimal is a sum of money ("491,0 млн ₽")."""
    from decimal import Decimal

    from innocluster.core.formats import format_money_short, format_number

    figures = []
    for _order, key, label, value in _STATS:
        number = value()
        text = format_money_short(number) if isinstance(number, Decimal) else format_number(number)
        figures.append((key, label(number) if callable(label) else label, text))
    return figures
