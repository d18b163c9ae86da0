"""Targets for every recipient of a measure at once (SPEC C9, issue 12): e.g. every equipment
co-financing grant of 2025 sets "staff" and "revenue" targets for 2026 and 2027."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from innocluster.core.errors import InvalidInput
from innocluster.kpi import services
from innocluster.kpi.models import Indicator, Target
from innocluster.kpi.periods import FIRST_YEAR, LAST_YEAR
from innocluster.measures import selectors as measures
from innocluster.organizations.selectors import all_organizations

MAX_PERIODS = 20


def _year(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidInput(
            _("A year is between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="year",
        )
    return value


def _periods(values, kind: str) -> list[str]:
    """The periods, each of the indicator's kind, in the order given, each once."""
    if not isinstance(values, list | tuple) or not values:
        raise InvalidInput(_("Give at least one period."), field="periods")
    if len(values) > MAX_PERIODS:
        raise InvalidInput(_("At most %(max)d items.") % {"max": MAX_PERIODS}, field="periods")
    periods = [str(services.parse_period(v, field=f"periods.{i}", kind=kind)) for i, v in enumerate(values)]
    return list(dict.fromkeys(periods))


@transaction.atomic
def set_targets_for_recipients(
    *,
    actor,
    measure_code: str,
    year: int,
    indicator: Indicator,
    periods: list[str],
    value,
    tolerance_percent=0,
    replace: bool = False,
) -> dict:
    """A coordinator sets the indicator's target for each period for every organisation granted
    the measure in `year` that still holds the grant (`measures.selectors.grant_recipients`).
    A target already set is kept (`kept`) unless `replace`, which changes it (`updated`). No
    recipient is not an error: every count is 0. All or nothing.
    Returns {"organizations", "created", "updated", "kept"}.
    Side effects: audit `kpi.target_set` for each target created or changed (none for one kept)."""
    services._coordinator(actor)
    measure = measures.get_measure(measure_code) if isinstance(measure_code, str) else None
    if measure is None:
        raise InvalidInput(_("There is no support measure with this code."), field="measure")
    year = _year(year)
    periods = _periods(periods, indicator.period)
    value = services.parse_value(value, indicator=indicator, field="value")
    tolerance = services.parse_amount(
        tolerance_percent, field="tolerance_percent", low=Decimal(0), high=Decimal(100)
    )
    organizations = list(
        all_organizations().filter(pk__in=measures.grant_recipients(measure, year)).order_by("pk")
    )
    existing = set(
        Target.objects.filter(
            indicator=indicator, organization__in=organizations, period__in=periods
        ).values_list("organization_id", "period")
    )
    counts = {"organizations": len(organizations), "created": 0, "updated": 0, "kept": 0}
    for organization in organizations:
        for period in periods:
            if (organization.pk, period) in existing and not replace:
                counts["kept"] += 1
                continue
            _target, created = services.set_target(
                actor=actor,
                indicator=indicator,
                organization=organization,
                period=period,
                value=value,
                tolerance_percent=tolerance,
            )
            counts["created" if created else "updated"] += 1
    return counts
