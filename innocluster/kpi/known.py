"""Values of the KPI the platform already knows (SPEC C9, issue 12): grants received, pilots
completed, contracts awarded through production orders, patents compensated. A report shows
them filled in and marked as known, and flags a typed value that differs.

A provider answers for an indicator's code: given organisations and the days of a period, the
value of each organisation it knows something of — in one query, whatever the number of
organisations. The capability apps are read only through their selectors."""

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal

from innocluster.kpi.periods import Period
from innocluster.measures import selectors as measures
from innocluster.partners import selectors as partners
from innocluster.pilots import selectors as pilots

Provider = Callable[[list[int], dt.date, dt.date], dict[int, Decimal]]

_providers: dict[str, Provider] = {}


def register(code: str, provider: Provider) -> None:
    """The provider of the indicator `code`: `provider(organization_ids, first_day, last_day)`
    answers {organisation id: value} for the organisations it knows a value of (the others are
    left out: the platform knows nothing of them). Registering a code again replaces its provider."""
    _providers[code] = provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


def known_values(organization_ids: Iterable[int], period: Period) -> dict[tuple[int, str], Decimal]:
    """{(organisation id, indicator code): the value the platform knows for the period}; a pair
    it knows nothing of is absent. One query per provider, whatever the number of organisations."""
    ids = sorted({int(pk) for pk in organization_ids})
    if not ids:
        return {}
    values: dict[tuple[int, str], Decimal] = {}
    for code, provider in _providers.items():
        for organization_id, value in provider(ids, period.first_day, period.last_day).items():
            values[(organization_id, code)] = Decimal(value)
    return values


def known_for(organization, period: Period) -> dict[str, Decimal]:
    """{indicator code: value} the platform knows of one organisation for the period."""
    return {code: value for (_pk, code), value in known_values([organization.pk], period).items()}


def differs(typed: Decimal, known: Decimal | None) -> bool:
    """Whether a typed value is flagged: the platform knows a value and it is not exactly this
    one (2 and 2.00 are the same number)."""
    return known is not None and Decimal(typed) != Decimal(known)


def _counted(count_by_organization: Callable[..., dict[int, int]]) -> Provider:
    def provider(organization_ids: list[int], first_day: dt.date, last_day: dt.date) -> dict[int, Decimal]:
        return {
            pk: Decimal(n) for pk, n in count_by_organization(organization_ids, first_day, last_day).items()
        }

    return provider


register("grants", measures.grants_paid)
register("pilots", _counted(pilots.pilots_completed))
register("contracts", partners.contracts_awarded)
register("patents", _counted(measures.patents_compensated))
