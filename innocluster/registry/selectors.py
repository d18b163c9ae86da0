import datetime as dt

from django.db.models import Q, QuerySet

from innocluster.registry.models import RegistryEntry


def register_on(
    *, on: dt.date, q: str = "", category: str = "", region: str = "", inn: str = ""
) -> QuerySet[RegistryEntry]:
    """The entries in force on `on`, oldest first: one query with the organisation and region."""
    entries = (
        RegistryEntry.objects.select_related("organization", "organization__region")
        .filter(included_on__lte=on)
        .filter(Q(excluded_on__isnull=True) | Q(excluded_on__gt=on))
    )
    if q:
        entries = entries.filter(
            Q(organization__short_name__icontains=q) | Q(organization__full_name__icontains=q)
        )
    if category:
        entries = entries.filter(category=category)
    if region:
        entries = entries.filter(organization__region_id=region)
    if inn:
        entries = entries.filter(organization__inn=inn)
    return entries.order_by("number")
