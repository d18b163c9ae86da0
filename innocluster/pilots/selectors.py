"""Reads of the pilot testing programme: the catalogue of sites with their computed acceptance
rate and answer time, a pilot for a person who may see it, a protocol's summary."""

import datetime as dt
import statistics
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from innocluster.core import calendar
from innocluster.pilots.enums import HOLDING_PLACE, SAID_YES, Conclusion, PilotStatus, SiteCategory
from innocluster.pilots.models import Feedback, Pilot, Protocol, TestSite
from innocluster.pilots.services import average_rating

TWO_PLACES = Decimal("0.01")


def site_statistics(site_ids) -> dict[int, dict]:
    """For each site: `acceptance_rate` (accepted, running and completed over every decided
    request, declines included; None when none is decided) and `median_answer_days` (the median
    of working days from the request to the decision; None when none is decided). Two queries
    whatever the number of sites: the decided pilots, and the calendar's overrides."""
    site_ids = list(site_ids)
    rows = list(
        Pilot.objects.filter(site_id__in=site_ids, decided_at__isnull=False).values_list(
            "site_id", "status", "requested_on", "decided_at"
        )
    )
    days = calendar.working_days_between_many(
        [(requested_on, timezone.localdate(decided_at)) for _site, _status, requested_on, decided_at in rows]
    )
    yes, decided, answer_days = Counter(), Counter(), defaultdict(list)
    for (site_id, status, _requested, _decided), n in zip(rows, days, strict=True):
        # every answered request counts, also one accepted and later cancelled by the company
        decided[site_id] += 1
        yes[site_id] += status != PilotStatus.DECLINED
        answer_days[site_id].append(n)
    return {
        pk: {
            "acceptance_rate": (
                float((Decimal(yes[pk]) / Decimal(decided[pk])).quantize(TWO_PLACES, rounding=ROUND_HALF_UP))
                if decided[pk]
                else None
            ),
            "median_answer_days": statistics.median(answer_days[pk]) if answer_days[pk] else None,
        }
        for pk in site_ids
    }


def sites(*, category: str = "", district: str = "", q: str = "") -> QuerySet[TestSite]:
    """The catalogue's sites, filtered: category, district (any case), words of the name, the
    address or what can be tested."""
    qs = TestSite.objects.select_related("organization").order_by("name", "pk")
    if category:
        qs = qs.filter(category=category)
    if district:
        qs = qs.filter(district__iexact=district)
    for word in q.split()[:8]:
        qs = qs.filter(
            Q(name__icontains=word)
            | Q(testable__icontains=word)
            | Q(address__icontains=word)
            | Q(organization__short_name__icontains=word)
        )
    return qs


def with_statistics(sites) -> list[TestSite]:
    """The sites, each with `.stats` (see `site_statistics`): two queries for the lot."""
    sites = list(sites)
    stats = site_statistics(s.pk for s in sites)
    for site in sites:
        site.stats = stats[site.pk]
    return sites


def catalogue(*, category: str = "", district: str = "") -> list[TestSite]:
    """The public catalogue of sites, each with `.stats` (see `site_statistics`)."""
    return with_statistics(sites(category=category, district=district))


def districts() -> list[str]:
    """The districts that have a site, for the catalogue's filter."""
    return list(
        TestSite.objects.exclude(district="")
        .order_by("district")
        .values_list("district", flat=True)
        .distinct()
    )


def places_taken(site: TestSite, *, today) -> list[Pilot]:
    """The site's accepted and running pilots that have not ended: what its capacity holds now and
    next (their periods only are public)."""
    return list(
        site.pilots.filter(status__in=HOLDING_PLACE, ends_on__gte=today)
        .order_by("starts_on", "pk")
        .only("starts_on", "ends_on", "status")
    )


def published_pilots(*, site=None, category: str = "") -> QuerySet[Pilot]:
    """Completed pilots whose company agreed to show them: product, company, site and the latest
    protocol's conclusion (`.conclusion`); the last ended first, as the list shows the day each
    ended (by the protocol's day, a pilot ended on 4 June came above one ended on 5 June)."""
    latest = Protocol.objects.filter(pilot=OuterRef("pk")).order_by("-version")
    qs = (
        Pilot.objects.filter(status=PilotStatus.COMPLETED, publish=True)
        .select_related("organization", "site")
        .annotate(
            conclusion=Subquery(latest.values("conclusion")[:1]), completed_at=Max("protocols__submitted_at")
        )
        .order_by("-ends_on", "-completed_at", "-pk")
    )
    if site is not None:
        qs = qs.filter(site=site)
    if category:
        qs = qs.filter(site__category=category)
    return qs


def site_requests(user) -> QuerySet[Pilot]:
    """The pilots at the sites this person represents (owner or manager of the site's
    organisation), open requests first by their due date."""
    org_ids = user.organization_roles.filter(role__in=["owner", "manager"]).values("organization_id")
    return (
        Pilot.objects.filter(site__organization_id__in=org_ids)
        .select_related("organization", "site")
        .order_by(
            Case(
                When(status=PilotStatus.REQUESTED, then=0), When(status__in=HOLDING_PLACE, then=1), default=2
            ),
            "answer_due",
            "-pk",
        )
    )


def company_pilots(user) -> QuerySet[Pilot]:
    """The pilots of the organisations this person belongs to, newest first."""
    org_ids = user.organization_roles.values("organization_id")
    return (
        Pilot.objects.filter(organization_id__in=org_ids)
        .select_related("organization", "site")
        .order_by("-created_at", "-pk")
    )


def represented_sites(user) -> QuerySet[TestSite]:
    org_ids = user.organization_roles.filter(role__in=["owner", "manager"]).values("organization_id")
    return TestSite.objects.filter(organization_id__in=org_ids).order_by("name", "pk")


def pilot_history(pilot: Pilot):
    """The pilot's audited events, oldest first (one query)."""
    from innocluster.core.models import AuditEvent

    return (
        AuditEvent.objects.filter(object_type="pilots.pilot", object_id=str(pilot.pk))
        .select_related("actor")
        .order_by("at", "pk")
    )


def get_site(pk) -> TestSite | None:
    try:
        return TestSite.objects.select_related("organization").get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, TestSite.DoesNotExist):
        return None


def get_pilot_for(user, pk) -> Pilot | None:
    """The pilot with its criteria and protocols when `user` may see it; None otherwise (a 404)."""
    try:
        pilot = (
            Pilot.objects.select_related("site", "site__organization", "organization")
            .prefetch_related(
                "criteria",
                Prefetch(
                    "protocols", queryset=Protocol.objects.prefetch_related("results").order_by("-version")
                ),
            )
            .get(pk=int(pk))
        )
    except (ValueError, TypeError, OverflowError, Pilot.DoesNotExist):
        return None
    if user is None or not user.is_authenticated or not user.has_perm("pilots.view_pilot", pilot):
        return None
    return pilot


def _feedback_version(pilot: Pilot, version: int | None = None) -> int | None:
    """The protocol version whose own feedback entries count at `version` (None: the latest)."""
    given = Feedback.objects.filter(pilot=pilot, protocol__isnull=False)
    if version is not None:
        given = given.filter(protocol__version__lte=version)
    return given.aggregate(last=Max("protocol__version"))["last"]


def protocol_summary(protocol: Protocol) -> dict:
    """The protocol as people read it: each criterion with its target, value and whether it is met;
    the feedback's count, average and distribution (the protocol's entries and those left through
    the public link before it was submitted)."""
    pilot = protocol.pilot
    criteria = {c.pk: c for c in pilot.criteria.all()}
    # A submitted protocol never changes: it counts the entries entered or left through the
    # public link before it was submitted, and the entries given with it, or (a correction that
    # gives none) with the latest version before it that gave some: a correction's entries
    # replace the earlier version's, they are not added to them.
    given = _feedback_version(pilot, protocol.version)
    counted = Q(protocol__isnull=True, created_at__lte=protocol.submitted_at)
    if given is not None:  # (a None version would read as "no protocol" and take later entries)
        counted |= Q(protocol__version=given)
    ratings = list(Feedback.objects.filter(pilot=pilot).filter(counted).values_list("rating", flat=True))
    counts = Counter(ratings)
    return {
        "version": protocol.version,
        "conclusion": protocol.conclusion,
        "comment": protocol.comment,
        "criteria": [
            {
                "name": criteria[r.criterion_id].name,
                "unit": criteria[r.criterion_id].unit,
                "better": criteria[r.criterion_id].better,
                "target": criteria[r.criterion_id].target,
                "value": r.value,
                "met": r.met,
            }
            for r in sorted(protocol.results.all(), key=lambda r: r.criterion_id)
        ],
        "feedback_count": len(ratings),
        "average_rating": average_rating(ratings),
        "distribution": {str(n): counts.get(n, 0) for n in range(1, 6)},
    }


def feedback_so_far(pilot: Pilot) -> dict:
    """Every rating of the pilot (entered by the site, left through the public link, given with
    the protocol's latest version that gave some): count, average, distribution, and the latest
    comments."""
    given = _feedback_version(pilot)
    shown = Q(protocol__isnull=True) | (Q(protocol__version=given) if given is not None else Q(pk__in=[]))
    entries = list(
        pilot.feedback.filter(shown)
        .order_by("-created_at", "-pk")
        .values("rating", "comment", "source", "created_at")
    )
    counts = Counter(e["rating"] for e in entries)
    return {
        "count": len(entries),
        "average": average_rating(e["rating"] for e in entries),
        "distribution": [(n, counts.get(n, 0)) for n in range(5, 0, -1)],
        "latest": [e for e in entries if e["comment"]][:20],
    }


def pilots_completed(organization_ids, first_day: dt.date, last_day: dt.date) -> dict[int, int]:
    """{organisation id: the number of its pilots (as the company tested) completed from
    `first_day` to `last_day`, both included}; organisations with none are left out. A pilot is
    completed on the day (in the platform's time zone) its site submitted the first protocol; a
    corrected protocol does not move it. One query."""
    rows = (
        Pilot.objects.filter(
            organization_id__in=list(organization_ids),
            status=PilotStatus.COMPLETED,
            protocols__version=1,
            protocols__submitted_at__date__range=(first_day, last_day),
        )
        .values("organization_id")
        .annotate(pilots=Count("pk", distinct=True))
        .order_by()
    )
    return {row["organization_id"]: row["pilots"] for row in rows}


def pilots_by_category_year(*, year: int | None = None, region: str = "") -> list[dict]:
    """[{category, year, requested, accepted, declined, completed, recommended}] per site
    category and the year the pilot was requested: `requested` every request, `accepted` those
    the site said yes to (accepted, running or completed), `declined`, `completed`, and
    `recommended` the completed ones whose latest protocol recommends the product; only `year`
    and the companies of a region when given. One query."""
    latest = Protocol.objects.filter(pilot=OuterRef("pk")).order_by("-version").values("conclusion")[:1]
    pilots = Pilot.objects.all()
    if year:
        pilots = pilots.filter(requested_on__year=year)
    if region:
        pilots = pilots.filter(organization__region_id=region)
    return list(
        pilots.annotate(conclusion=Subquery(latest))
        .values(category=F("site__category"), year=ExtractYear("requested_on"))
        .annotate(
            requested=Count("pk"),
            accepted=Count("pk", filter=Q(status__in=SAID_YES)),
            declined=Count("pk", filter=Q(status=PilotStatus.DECLINED)),
            completed=Count("pk", filter=Q(status=PilotStatus.COMPLETED)),
            recommended=Count(
                "pk", filter=Q(status=PilotStatus.COMPLETED, conclusion=Conclusion.RECOMMENDED)
            ),
        )
        .order_by("category", "year")
    )


def site_category_labels() -> dict[str, str]:
    """{category code: its label in the reader's language}."""
    return {code: str(label) for code, label in SiteCategory.choices}
