"""Reads of the pilot testing programme: the catalogue of sites with their computed acceptance
rate and answer time, a pilot for a person who may see it, a protocol's summary."""

import statistics
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils import timezone

from innocluster.core import calendar
from innocluster.pilots.enums import PilotStatus
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


def catalogue(*, category: str = "", district: str = "") -> list[TestSite]:
    """The public catalogue of sites, each with `.stats` (see `site_statistics`)."""
    qs = TestSite.objects.select_related("organization").order_by("name", "pk")
    if category:
        qs = qs.filter(category=category)
    if district:
        qs = qs.filter(district__iexact=district)
    sites = list(qs)
    stats = site_statistics(s.pk for s in sites)
    for site in sites:
        site.stats = stats[site.pk]
    return sites


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


def protocol_summary(protocol: Protocol) -> dict:
    """The protocol as people read it: each criterion with its target, value and whether it is met;
    the feedback's count, average and distribution (the protocol's entries and those left through
    the public link before it was submitted)."""
    pilot = protocol.pilot
    criteria = {c.pk: c for c in pilot.criteria.all()}
    # a submitted protocol never changes: public entries left after it are not its
    public = Feedback.objects.filter(
        pilot=pilot, protocol__isnull=True, created_at__lte=protocol.submitted_at
    )
    ratings = list(public.values_list("rating", flat=True)) + list(
        protocol.feedback.values_list("rating", flat=True)
    )
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
