"""Reads of intersectoral clusters, and the suggestions of organisations that fit a role or a
forming consortium's areas (OKVED and capability overlap; the partner-search engine will rank
them when it lands)."""

import re

from django.db.models import Count, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from innocluster.consortia.enums import ROLE_FIT, MemberRole, ProjectRoleKind
from innocluster.consortia.models import Consortium, ConsortiumMember
from innocluster.organizations.models import Organization
from innocluster.reviews.enums import ReviewStatus

WORD = re.compile(r"[\w-]{4,}", re.UNICODE)
ROLE_LABELS = dict(ProjectRoleKind.choices)


def with_sizes(queryset) -> QuerySet[Consortium]:
    active = Q(memberships__left_at__isnull=True)
    return queryset.annotate(
        participants_count=Count(
            "memberships",
            filter=active & Q(memberships__role__in=[MemberRole.COORDINATOR, MemberRole.MEMBER]),
            distinct=True,
        ),
        partners_count=Count(
            "memberships", filter=active & Q(memberships__role=MemberRole.PARTNER), distinct=True
        ),
        projects_count=Count("projects", distinct=True),
    )


def public_consortia(*, area: str = "", min_size: int = 0) -> QuerySet[Consortium]:
    consortia = with_sizes(
        Consortium.objects.filter(case__status=ReviewStatus.APPROVED).select_related("coordinator")
    )
    if area:
        consortia = consortia.filter(Q(areas__icontains=area) | Q(name__icontains=area))
    if min_size:
        consortia = consortia.filter(participants_count__gte=min_size)
    return consortia.order_by("-participants_count", "name")


def get_consortium(pk) -> Consortium | None:
    try:
        return Consortium.objects.select_related("case", "coordinator").get(pk=int(pk))
    except (ValueError, TypeError, OverflowError, Consortium.DoesNotExist):
        return None


def _stems(texts) -> list[str]:
    stems = []
    for text in texts:
        for word in WORD.findall(str(text).lower()):
            stem = word[:6]
            if stem not in stems and not stem.isdigit():
                stems.append(stem)
    return stems


def suggestions(consortium: Consortium, *, role_kind: str | None = None, limit: int = 10) -> list[dict]:
    """Participants not yet in the consortium, best first, each with why it fits: ranked by the
    partner-search engine when it is installed, by OKVED and capability overlap otherwise."""
    ranked = _ranked_by_engine(consortium, role_kind=role_kind, limit=limit)
    if ranked:
        return ranked
    return _overlap_suggestions(consortium, role_kind=role_kind, limit=limit)


def _ranked_by_engine(consortium: Consortium, *, role_kind: str | None, limit: int) -> list[dict] | None:
    from innocluster.organizations.selectors import rank_organizations

    if role_kind:
        codes, words = ROLE_FIT.get(role_kind, ([], []))
        text = " ".join([str(ROLE_LABELS.get(role_kind, role_kind)), *words])
    else:
        codes = [a for a in consortium.areas if a.isdigit() and len(a) == 2]
        text = " ".join(a for a in consortium.areas if not a.isdigit())
    taken = tuple(
        consortium.memberships.filter(left_at__isnull=True).values_list("organization_id", flat=True)
    )
    found = rank_organizations(text, participants_only=True, exclude=taken, limit=limit)
    if found is None:
        return None
    by_id = Organization.objects.in_bulk([organization_id for organization_id, _why, _snippet in found])
    labels = {"text": _("text"), "name": _("name"), "meaning": _("meaning")}
    results = []
    for rank, (organization_id, why, snippet) in enumerate(found):
        organization = by_id[organization_id]
        reasons = (
            [_("OKVED %(code)s") % {"code": organization.okved_main_id}]
            if organization.okved_main_id in codes
            else []
        )
        reasons.append(
            _("matched by %(sources)s") % {"sources": ", ".join(str(labels.get(w, w)) for w in why)}
        )
        if snippet:
            reasons.append(snippet[:140])
        results.append({"organization": organization, "score": len(found) - rank, "reasons": reasons})
    return results


def _overlap_suggestions(consortium: Consortium, *, role_kind: str | None, limit: int) -> list[dict]:
    if role_kind:
        codes, words = ROLE_FIT.get(role_kind, ([], []))
    else:
        codes = [a for a in consortium.areas if a.isdigit() and len(a) == 2]
        words = _stems(a for a in consortium.areas if not a.isdigit())
    if not codes and not words:
        return []
    taken = consortium.memberships.filter(left_at__isnull=True).values("organization_id")
    text = Lower(
        Func(
            Value(" "),
            F("description_ru"),
            F("description_en"),
            Func(F("capabilities"), Value(" "), function="array_to_string", output_field=TextField()),
            function="concat_ws",
            output_field=TextField(),
        )
    )
    match = Q(okved_main_id__in=codes) | Q(okved_additional__code__in=codes)
    for word in words:
        match |= Q(search_text__contains=word)
    candidates = (
        Organization.objects.filter(participation__isnull=False)
        .exclude(pk__in=taken)
        .annotate(search_text=text)
        .filter(match)
        .prefetch_related("okved_additional")
        .distinct()[:400]
    )
    results = []
    for organization in candidates:
        reasons, score = [], 0
        if organization.okved_main_id in codes:
            score += 3
            reasons.append(_("OKVED %(code)s") % {"code": organization.okved_main_id})
        extra = sorted({o.code for o in organization.okved_additional.all()} & set(codes))
        if extra:
            score += len(extra)
            reasons.append(_("OKVED %(code)s") % {"code": ", ".join(extra)})
        capabilities = [c for c in organization.capabilities if any(w in c.lower() for w in words)]
        if capabilities:
            score += 2 * len(capabilities)
            reasons += capabilities[:3]
        description = f"{organization.description_ru} {organization.description_en}".lower()
        found = [w for w in words if w in description]
        if found:
            score += len(found)
            reasons.append("«" + "», «".join(found[:3]) + "…»")
        if score:
            results.append({"organization": organization, "score": score, "reasons": reasons})
    results.sort(key=lambda r: (-r["score"], r["organization"].short_name))
    return results[:limit]


def fellow_members(organization_ids) -> dict[int, set[int]]:
    """For each organisation, the others that are active members of an approved intersectoral
    cluster it is an active member of (a conflict of interest in contests, SPEC C7). One query."""
    organization_ids = set(organization_ids)
    active = ConsortiumMember.objects.filter(
        left_at__isnull=True, consortium__case__status=ReviewStatus.APPROVED
    )
    theirs = active.filter(organization_id__in=organization_ids).values("consortium_id")
    pairs = active.filter(consortium_id__in=theirs).values_list("consortium_id", "organization_id")
    members: dict[int, set[int]] = {}
    for consortium_id, organization_id in pairs:
        members.setdefault(consortium_id, set()).add(organization_id)
    fellows: dict[int, set[int]] = {pk: set() for pk in organization_ids}
    for group in members.values():
        for pk in group & organization_ids:
            fellows[pk] |= group - {pk}
    return fellows


def member_ids(consortium_id) -> QuerySet:
    """The ids of the active members of a consortium, as a subquery for another app's filter."""
    return ConsortiumMember.objects.filter(consortium_id=consortium_id, left_at__isnull=True).values(
        "organization_id"
    )


def approved_consortia_sizes(*, year: int | None = None) -> list[dict]:
    """[{id, name, areas, approved_at, participants_count, partners_count, projects_count}] for
    the approved (public) intersectoral clusters, approved in `year` (in the platform's time
    zone) when given, largest first: `participants_count` counts the active coordinator and
    members (the 30 of SPEC C4), `partners_count` the active partners; `approved_at` is when the
    review approved it. One query."""
    consortia = Consortium.objects.filter(case__status=ReviewStatus.APPROVED)
    if year:
        consortia = consortia.filter(case__decided_at__year=year)
    return list(
        with_sizes(consortia)
        .annotate(approved_at=F("case__decided_at"))
        .order_by("-participants_count", "name", "id")
        .values(
            "id",
            "name",
            "areas",
            "approved_at",
            "participants_count",
            "partners_count",
            "projects_count",
        )
    )
