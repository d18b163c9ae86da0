"""A measure's budget for a year (what the staff dashboards set the grants paid against)."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from innocluster.core import audit
from innocluster.core.errors import InvalidInput, PermissionDenied
from innocluster.measures.models import Measure, MeasureBudget
from innocluster.reviews.rules import is_supervisor

MAX_BUDGET = Decimal("99999999999999.99")


@transaction.atomic
def set_budget(*, actor, measure: Measure, year: int, amount) -> MeasureBudget:
    """Coordinators set (or change) a measure's budget for a year. Side effects: audit
    `measure.budget_set`."""
    if not is_supervisor(actor):
        raise PermissionDenied(_("Only coordinators set budgets."))
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidInput(
            _("A year is between %(first)d and %(last)d.") % {"first": 2000, "last": 2100}, field="year"
        )
    amount = Decimal(str(amount))
    if not amount.is_finite() or not 0 <= amount <= MAX_BUDGET or amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(_("Enter an amount in rubles with at most 2 decimal places."), field="amount")
    budget, _created = MeasureBudget.objects.update_or_create(
        measure=measure, year=year, defaults={"amount": amount}
    )
    record_budget(actor, budget)
    return budget


def record_budget(actor, budget: MeasureBudget) -> None:
    audit.record(
        actor=actor,
        action="measure.budget_set",
        obj=budget,
        data={"measure": budget.measure.code, "year": budget.year, "amount": str(budget.amount)},
    )
