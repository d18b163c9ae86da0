from django.db.models import Count, F
from django.db.models.functions import TruncMonth

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


def participants(*, year: int | None = None, region: str = ""):
    """The cluster's participants (the analytics read them here): those admitted in `year` when
    given, of a region when given."""
    rows = Participation.objects.all()
    if year:
        rows = rows.filter(since__year=year)
    if region:
        rows = rows.filter(organization__region_id=region)
    return rows


def participants_by_region(*, year: int | None = None, region: str = "") -> list[dict]:
    """[{region_code, region_ru, region_en, count}] for the regions with participants, most first.
    One query."""
    return list(
        participants(year=year, region=region)
        .values(
            region_code=F("organization__region_id"),
            region_ru=F("organization__region__name_ru"),
            region_en=F("organization__region__name_en"),
        )
        .annotate(count=Count("pk"))
        .order_by("-count", "region_code")
    )


def participants_by_okved(*, year: int | None = None, region: str = "") -> list[dict]:
    """[{okved_code, okved_ru, okved_en, count}] by the participants' main OKVED class, for the
    classes with participants, most first; admitted in `year` and of a region when given. One
    query."""
    return list(
        participants(year=year, region=region)
        .values(
            okved_code=F("organization__okved_main_id"),
            okved_ru=F("organization__okved_main__name_ru"),
            okved_en=F("organization__okved_main__name_en"),
        )
        .annotate(count=Count("pk"))
        .order_by("-count", "okved_code")
    )


def participants_by_month(*, region: str = "") -> list[dict]:
    """[{month: the month's first day, joined}] for the months in which participants (of a region
    when given) were admitted, oldest first; months with none are absent. One query."""
    return list(
        participants(region=region)
        .annotate(month=TruncMonth("since"))
        .values("month")
        .annotate(joined=Count("pk"))
        .order_by("month")
    )
