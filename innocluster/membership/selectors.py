from innocluster.membership.models import Participation


def participations_among(organization_ids, *, order_by: str = "number") -> list[Participation]:
    """The participations of these organisations, with the organisation. Read by the range of
    ids and filtered here: a list of a million ids in one query is slower than the rows."""
    ids = set(organization_ids)
    if not ids:
        return []
    rows = (
        Participation.objects.filter(organization_id__gte=min(ids), organization_id__lte=max(ids))
        .select_related("organization")
        .order_by(order_by, "pk")
    )
    return [p for p in rows if p.organization_id in ids]
