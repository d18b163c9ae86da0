"""Reads of production orders for other apps (the KPI): what the platform knows an organisation
was awarded as a manufacturer."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from innocluster.partners.models import OrderQuote, QuoteStatus


def contracts_awarded(organization_ids, first_day: dt.date, last_day: dt.date) -> dict[int, Decimal]:
    """{organisation id: Σ of the prices of its quotes chosen by the customers (production orders
    awarded to it as the manufacturer) from `first_day` to `last_day`, both included, by the day in
    the platform's time zone}; organisations awarded nothing are left out. One query.

    A quote has no date of its own for the award: the award is its last change (`updated_at`),
    since nothing changes a chosen quote afterwards."""
    rows = (
        OrderQuote.objects.filter(
            status=QuoteStatus.AWARDED,
            manufacturer_id__in=list(organization_ids),
            updated_at__date__range=(first_day, last_day),
        )
        .values("manufacturer_id")
        .annotate(total=Sum("price"))
        .order_by()
    )
    return {row["manufacturer_id"]: row["total"] for row in rows}
